//! The order life cycle as plain functions over the domain model: what each step requires,
//! which status codes it sets (spec sections 14.3, 14.4) and which `ModificationEvents` it
//! records (section 14.5). No I/O here: the emulator loads orders, calls these, and stores
//! the result, so every transition is unit-testable.
//!
//! The spec gives the status tables but not the transitions between them; the ones below
//! are the sandbox's reading, chosen so that each status and event is reachable:
//!
//! | step | requires | order status | certificate status | events |
//! | --- | --- | --- | --- | --- |
//! | order (PS1, PS2) | – | 1 INITIAL | 0 INITIAL | 0 |
//! | order (vetted products) | – | 6 Waiting for validating | 0 | 0, 3 |
//! | vetting complete | 6 | 7 Validated | 0 | 4 |
//! | issue | 1 or 7 | 4 Issue completed | 10 Issued | 7 (+ 14 on a reissue's original) |
//! | CANCEL before issue | 1, 6, 7, 8 | 3 Cancelled – Not Issued | 0 | 10, 8 |
//! | CANCEL after issue | 4 | 5 Cancelled – Issued | 30 Revoked | 10, 9 |
//! | REVOKE | 4 with cert 10 | 4 | 50, then 30 | 11, then 12 |
//! | ReIssue | 4 with cert 10 | original unchanged; new order as "order" | | 24 on the original |
//! | ResendEmail | 1, 6, 7 | unchanged | unchanged | 26 |
//! | initial expiry | 1 | 8 INITIAL_EXPIRED | 0 | 27 |
//!
//! Cancelling an order that is already cancelled answers −9915; other steps from a status
//! that does not allow them answer −9202 ("Order request not permitted").

use time::{Duration, OffsetDateTime};

use crate::api_error::{ApiError, ErrorCode};
use crate::model::{
    ActionCode, CertificateStatus, IssueType, IssuedCertificate, Order, OrderDates, OrderId,
    OrderKind, OrderOperation, OrderStatus, OrganizationInfo, ProductCode, Subject, Subscriber,
    ValidityYears,
};
use crate::pickup::{PasswordVerifier, PickupState};

/// A new order as the emulator receives it (from any of the eight order operations),
/// already decoded and field-validated.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewOrder {
    pub operation: OrderOperation,
    pub product: ProductCode,
    pub validity: ValidityYears,
    pub kind: OrderKind,
    pub coupon: Option<String>,
    pub campaign: Option<String>,
    pub has_csr: bool,
    pub pkcs12_option: bool,
    pub has_fortify: bool,
    pub issue_type: Option<IssueType>,
    /// A CSR sent with the order (OrderAATL); checked by the emulator.
    pub csr: Option<String>,
    pub renewal_target: Option<OrderId>,
    pub subject: Subject,
    pub subscriber: Subscriber,
    pub organization: Option<OrganizationInfo>,
    pub sub_id: Option<String>,
    pub special_instructions: Option<String>,
    pub signature_validity_duration: Option<u8>,
    /// What the sandbox keeps of the `PickupPassword` (never the password itself).
    pub pickup_password: Option<PasswordVerifier>,
}

impl NewOrder {
    /// A minimal order for `operation`'s first product (tests and examples).
    pub fn minimal(operation: OrderOperation) -> Self {
        Self {
            operation,
            product: operation.products()[0],
            validity: ValidityYears::One,
            kind: OrderKind::New,
            coupon: None,
            campaign: None,
            has_csr: false,
            pkcs12_option: false,
            has_fortify: false,
            issue_type: None,
            csr: None,
            renewal_target: None,
            subject: Subject::default(),
            subscriber: Subscriber::default(),
            organization: None,
            sub_id: None,
            special_instructions: None,
            signature_validity_duration: None,
            pickup_password: None,
        }
    }
}

/// `ModifyOrderOperation`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ModifyOperation {
    Cancel,
    Revoke,
}

/// What a revocation does at once: finish it (certificate status 30) or leave it waiting
/// (50) until the emulator's admin completes it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RevocationMode {
    Immediate,
    Pending,
}

/// Checks an order operation's product (rule `product-code-for-operation`, −9203).
pub fn check_product(order: &NewOrder) -> Result<(), ApiError> {
    if order.operation.products().contains(&order.product) {
        Ok(())
    } else {
        Err(
            ApiError::at(ErrorCode::PRODUCT_NOT_SUPPORTED, "ProductCode").detail(format_args!(
                "{} does not order {}",
                order.operation.name(),
                order.product
            )),
        )
    }
}

/// Server-side renewal rules, for a renewal that names its original order: it must exist (`renewal-target-exists`, −9916),
/// belong to the caller (−9902), be the same product (`renewal-same-product`, −9202), and
/// for AATL carry the same SignatureValidityDuration (`aatl-renewal-signature-validity`,
/// −105). The ErrorField is the operation's spelling of the target element (ERRATA E16).
/// Returns the SignatureValidityDuration the new order takes (the original's when the
/// request has none; 1 for a new AATL order).
pub fn check_renewal(
    order: &NewOrder,
    account: &str,
    target: Option<&Order>,
) -> Result<Option<u8>, ApiError> {
    let field = order.operation.renewal_target_element();
    let default_svd = (order.product == ProductCode::DsAatl).then_some(1);
    if order.kind != OrderKind::Renewal {
        return Ok(order.signature_validity_duration.or(default_svd));
    }
    let Some(target_id) = &order.renewal_target else {
        // The spec never makes the target mandatory (ERRATA E77): a renewal that names no
        // order has nothing to be compared with, and is taken as it is.
        return Ok(order.signature_validity_duration.or(default_svd));
    };
    let target = target.ok_or_else(|| {
        ApiError::at(ErrorCode::ORDER_NOT_FOUND, field).detail(format_args!("{target_id}"))
    })?;
    if target.account != account {
        return Err(ApiError::at(ErrorCode::CANNOT_ACCESS_ORDER, field));
    }
    if target.product != order.product {
        return Err(
            ApiError::at(ErrorCode::NOT_PERMITTED, field).detail(format_args!(
                "a renewal of a {} order cannot be a {} order",
                target.product, order.product
            )),
        );
    }
    if order.product == ProductCode::DsAatl {
        let original = target.signature_validity_duration.unwrap_or(1);
        return match order.signature_validity_duration {
            Some(given) if given != original => {
                Err(
                    ApiError::at(ErrorCode::COMBINATION, "SignatureValidityDuration").detail(
                        format_args!("the original order has {original}, the renewal {given}"),
                    ),
                )
            }
            _ => Ok(Some(original)),
        };
    }
    Ok(order.signature_validity_duration)
}

/// Creates the order record: INITIAL with event 0; vetted products go on to "Waiting for
/// validating" with event 3. `signature_validity_duration` comes from [`check_renewal`].
pub fn create_order(
    id: OrderId,
    account: &str,
    request: NewOrder,
    signature_validity_duration: Option<u8>,
    now: OffsetDateTime,
) -> Order {
    let mut subject = request.subject;
    if request.product == ProductCode::DsAatl && subject.serial_number.is_none() {
        // GlobalSign gives each DSAATL subject a DN serialNumber (release note 2.4.4,
        // L49–50); the sandbox's is the OrderID, unique as the real one must be.
        subject.serial_number = Some(id.0.clone());
    }
    if request.product == ProductCode::Ps2Pro {
        // ERRATA E73: PS2Pro's OrganizationUnit is ignored; E71: an empty CommonName is
        // filled from GivenName and SurName.
        subject.organization_unit = None;
        if subject.common_name.as_deref().is_none_or(str::is_empty) {
            subject.common_name = match (&subject.given_name, &subject.surname) {
                (Some(g), Some(s)) if !g.is_empty() => Some(format!("{g} {s}")),
                (_, Some(s)) => Some(s.clone()),
                _ => None,
            };
        }
    }
    let mut order = Order {
        id,
        account: account.to_owned(),
        product: request.product,
        kind: request.kind,
        validity: request.validity,
        status: OrderStatus::Initial,
        certificate_status: CertificateStatus::Initial,
        issue_type: request.issue_type,
        has_csr: request.has_csr,
        pkcs12_option: request.pkcs12_option,
        has_fortify: request.has_fortify,
        pickup_email: subject
            .email
            .clone()
            .or_else(|| request.subscriber.email.clone()),
        subject,
        subscriber: request.subscriber,
        organization: request.organization,
        coupon: request.coupon,
        campaign: request.campaign,
        sub_id: request.sub_id,
        special_instructions: request.special_instructions,
        signature_validity_duration,
        renewal_target: request.renewal_target,
        original_order_id_for_reissue: None,
        csr_pem: request.csr,
        reissue_not_after: None,
        dates: OrderDates {
            request_date: Some(now),
            order_date: Some(now),
            ..OrderDates::default()
        },
        events: Vec::new(),
        certificate: None,
        price: "0".to_owned(),
        currency: "USD".to_owned(),
        pickup: PickupState {
            verifier: request.pickup_password,
            ..PickupState::default()
        },
    };
    order.record(ActionCode::Initial, now);
    if order.product.needs_vetting() {
        order.status = OrderStatus::WaitingForValidating;
        order.record(ActionCode::RequestedForRa, now);
    }
    order
}

/// Vetting complete: "Waiting for validating" → "Validated" (event 4).
pub fn complete_vetting(order: &mut Order, now: OffsetDateTime) -> Result<(), ApiError> {
    if order.status != OrderStatus::WaitingForValidating {
        return Err(not_permitted(order, "complete vetting"));
    }
    order.status = OrderStatus::Validated;
    order.record(ActionCode::VettingComplete, now);
    Ok(())
}

/// Whether [`issue`] would accept the order now.
pub fn can_issue(order: &Order) -> bool {
    order.certificate.is_none()
        && match order.status {
            OrderStatus::Initial => !order.product.needs_vetting(),
            OrderStatus::Validated => true,
            _ => false,
        }
}

/// The validity window of the certificate issued now: `Year` days from now (section 14.2),
/// or for a reissue, up to the original certificate's end.
pub fn validity_window(order: &Order, now: OffsetDateTime) -> (OffsetDateTime, OffsetDateTime) {
    let not_after = order
        .reissue_not_after
        .filter(|end| *end > now)
        .unwrap_or(now + Duration::days(order.validity.days()));
    (now, not_after)
}

/// Issue: the order is complete and the certificate issued (event 7).
pub fn issue(
    order: &mut Order,
    certificate: IssuedCertificate,
    now: OffsetDateTime,
) -> Result<(), ApiError> {
    if !can_issue(order) {
        return Err(not_permitted(order, "issue"));
    }
    order.status = OrderStatus::IssueCompleted;
    order.certificate_status = CertificateStatus::Issued;
    order.certificate = Some(certificate);
    order.csr_pem = None;
    order.dates.issue_date = Some(now);
    order.dates.complete_date = Some(now);
    order.record(ActionCode::CertificateIssued, now);
    Ok(())
}

/// ModifyOrder CANCEL (section 12.2). Before issue: "Cancelled – Not Issued" (events 10, 8);
/// after issue: "Cancelled – Issued" and the certificate revoked (events 10, 9). A cancelled
/// order answers −9915 (`cancel-once`).
pub fn cancel(order: &mut Order, now: OffsetDateTime) -> Result<(), ApiError> {
    if order.status.is_cancelled() {
        return Err(ApiError::at(ErrorCode::ALREADY_CANCELLED, "OrderID"));
    }
    order.dates.cancel_request_date = Some(now);
    order.record(ActionCode::CancelRequest, now);
    match order.status {
        OrderStatus::IssueCompleted => {
            order.status = OrderStatus::CancelledIssued;
            order.certificate_status = CertificateStatus::Revoked;
            order.dates.deactivated_date = Some(now);
            order.record(ActionCode::CancelledAfterIssue, now);
        }
        _ => {
            order.status = OrderStatus::CancelledNotIssued;
            order.record(ActionCode::CancelledBeforeIssue, now);
        }
    }
    order.dates.canceled_date = Some(now);
    Ok(())
}

/// ModifyOrder REVOKE (section 12.2): only an issued certificate (event 11, then 12 when
/// the revocation completes). A cancelled order answers −9915; anything else that has no
/// live certificate −9202.
pub fn revoke(
    order: &mut Order,
    mode: RevocationMode,
    now: OffsetDateTime,
) -> Result<(), ApiError> {
    if order.status.is_cancelled() {
        return Err(ApiError::at(ErrorCode::ALREADY_CANCELLED, "OrderID"));
    }
    if order.status != OrderStatus::IssueCompleted
        || order.certificate_status != CertificateStatus::Issued
    {
        return Err(not_permitted(order, "revoke"));
    }
    order.dates.revoke_request_date = Some(now);
    order.record(ActionCode::RevokeRequest, now);
    order.certificate_status = CertificateStatus::WaitingForRevocation;
    if mode == RevocationMode::Immediate {
        complete_revocation(order, now)?;
    }
    Ok(())
}

/// Finishes a pending revocation: "Waiting for revocation" → "Revoked" (event 12).
pub fn complete_revocation(order: &mut Order, now: OffsetDateTime) -> Result<(), ApiError> {
    if order.certificate_status != CertificateStatus::WaitingForRevocation {
        return Err(not_permitted(order, "complete revocation"));
    }
    order.certificate_status = CertificateStatus::Revoked;
    order.dates.deactivated_date = Some(now);
    order.record(ActionCode::Revoked, now);
    Ok(())
}

/// ReIssue (section 12.1), the original's half: it must hold a live certificate; records
/// event 24 on it.
pub fn request_reissue(original: &mut Order, now: OffsetDateTime) -> Result<(), ApiError> {
    if original.status.is_cancelled() {
        return Err(ApiError::at(ErrorCode::ALREADY_CANCELLED, "TargetOrderID"));
    }
    if original.status != OrderStatus::IssueCompleted
        || original.certificate_status != CertificateStatus::Issued
    {
        return Err(ApiError::at(ErrorCode::NOT_PERMITTED, "TargetOrderID").detail(format_args!(
            "order {} has no issued certificate to reissue (order status {}, certificate status {})",
            original.id,
            original.status.code(),
            original.certificate_status.code()
        )));
    }
    original.record(ActionCode::ReIssueRequest, now);
    Ok(())
}

/// ReIssue, the new order's half: the same product, subject and subscriber, pointing back
/// with `OriginalOrderIDForReIssue`; vetting is not repeated, so it is ready to issue. Its
/// certificate ends when the original's does.
pub fn create_reissue_order(
    id: OrderId,
    original: &Order,
    issue_type: IssueType,
    csr: Option<String>,
    pickup_password: Option<PasswordVerifier>,
    now: OffsetDateTime,
) -> Order {
    let mut order = Order {
        id,
        account: original.account.clone(),
        product: original.product,
        kind: original.kind,
        validity: original.validity,
        status: OrderStatus::Initial,
        certificate_status: CertificateStatus::Initial,
        issue_type: Some(issue_type),
        has_csr: csr.is_some(),
        pkcs12_option: false,
        has_fortify: issue_type == IssueType::Fortify,
        subject: original.subject.clone(),
        subscriber: original.subscriber.clone(),
        pickup_email: original.pickup_email.clone(),
        organization: original.organization.clone(),
        coupon: None,
        campaign: None,
        sub_id: original.sub_id.clone(),
        special_instructions: None,
        signature_validity_duration: original.signature_validity_duration,
        renewal_target: None,
        original_order_id_for_reissue: Some(original.id.clone()),
        csr_pem: csr,
        reissue_not_after: original.not_after(),
        dates: OrderDates {
            request_date: Some(now),
            order_date: Some(now),
            ..OrderDates::default()
        },
        events: Vec::new(),
        certificate: None,
        price: "0".to_owned(),
        currency: original.currency.clone(),
        // The subscriber keeps their PickupPassword unless the ReIssue gives a new one.
        pickup: PickupState {
            verifier: pickup_password.or_else(|| original.pickup.verifier.clone()),
            ..PickupState::default()
        },
    };
    order.record(ActionCode::Initial, now);
    if order.product.needs_vetting() {
        // The organisation was vetted for the original; the reissue is validated at once.
        order.status = OrderStatus::Validated;
    }
    order
}

/// After a reissue's certificate is issued: event 14 on the original.
pub fn mark_reissued(original: &mut Order, now: OffsetDateTime) {
    original.record(ActionCode::ReIssued, now);
}

/// ResendEmail (section 12.3): only while the subscriber has not picked the certificate up
/// (order status 1, 6 or 7); records event 26.
/// ResendEmail: allowed in any status but cancelled (−9915). The spec forbids it nowhere
/// else (section 12.3, L2372–2376), and an issued order's subscriber may well ask for the mail again.
pub fn resend_email(order: &mut Order, now: OffsetDateTime) -> Result<(), ApiError> {
    match order.status {
        OrderStatus::CancelledNotIssued | OrderStatus::CancelledIssued => {
            Err(ApiError::at(ErrorCode::ALREADY_CANCELLED, "OrderID"))
        }
        _ => {
            order.record(ActionCode::ResendApproverEmail, now);
            Ok(())
        }
    }
}

/// An INITIAL order nobody picked up (GlobalSign: after 180 days) → INITIAL_EXPIRED (27).
pub fn expire_initial(order: &mut Order, now: OffsetDateTime) -> Result<(), ApiError> {
    if !matches!(
        order.status,
        OrderStatus::Initial | OrderStatus::Validated | OrderStatus::WaitingForValidating
    ) {
        return Err(not_permitted(order, "expire"));
    }
    order.status = OrderStatus::InitialExpired;
    order.record(ActionCode::InitialExpired, now);
    Ok(())
}

fn not_permitted(order: &Order, what: &str) -> ApiError {
    ApiError::at(ErrorCode::NOT_PERMITTED, "OrderID").detail(format_args!(
        "cannot {what} order {} in order status {} with certificate status {}",
        order.id,
        order.status.code(),
        order.certificate_status.code()
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ResultCode;

    fn t(seconds: i64) -> OffsetDateTime {
        OffsetDateTime::from_unix_timestamp(1_767_225_600 + seconds).expect("valid")
    }

    fn cert(now: OffsetDateTime, days: i64) -> IssuedCertificate {
        IssuedCertificate {
            x509_pem: "PEM".into(),
            pkcs7_pem: "P7".into(),
            serial_hex: "01".into(),
            subject_name: "CN=x".into(),
            not_before: now,
            not_after: now + Duration::days(days),
        }
    }

    fn actions(order: &Order) -> Vec<u8> {
        order.events.iter().map(|e| e.action.code()).collect()
    }

    fn ps1(id: u64) -> Order {
        create_order(
            OrderId::from_sequence(id),
            "alice",
            NewOrder::minimal(OrderOperation::OrderPs1),
            None,
            t(0),
        )
    }

    fn issued_ps1(id: u64) -> Order {
        let mut order = ps1(id);
        issue(&mut order, cert(t(1), 366), t(1)).expect("issue");
        order
    }

    #[test]
    fn ps1_order_is_initial_with_event_0() {
        let order = ps1(1);
        assert_eq!(order.status, OrderStatus::Initial);
        assert_eq!(order.certificate_status, CertificateStatus::Initial);
        assert_eq!(actions(&order), [0]);
        assert!(order.events.iter().all(|e| e.result == ResultCode::Succeed));
        assert_eq!(order.dates.request_date, Some(t(0)));
        assert!(can_issue(&order));
    }

    #[test]
    fn vetted_products_wait_for_validation_before_issue() {
        let mut order = create_order(
            OrderId::from_sequence(2),
            "alice",
            NewOrder::minimal(OrderOperation::OrderAatl),
            Some(1),
            t(0),
        );
        assert_eq!(order.status, OrderStatus::WaitingForValidating);
        assert_eq!(actions(&order), [0, 3]);
        assert!(!can_issue(&order));
        assert_eq!(
            issue(&mut order, cert(t(1), 366), t(1))
                .expect_err("not vetted")
                .code,
            ErrorCode::NOT_PERMITTED
        );
        complete_vetting(&mut order, t(1)).expect("vet");
        assert_eq!(order.status, OrderStatus::Validated);
        issue(&mut order, cert(t(2), 366), t(2)).expect("issue");
        assert_eq!(order.status, OrderStatus::IssueCompleted);
        assert_eq!(order.certificate_status, CertificateStatus::Issued);
        assert_eq!(actions(&order), [0, 3, 4, 7]);
        assert_eq!(order.dates.issue_date, Some(t(2)));
    }

    #[test]
    fn issue_twice_is_not_permitted() {
        let mut order = issued_ps1(3);
        assert_eq!(
            issue(&mut order, cert(t(2), 366), t(2))
                .expect_err("twice")
                .code,
            ErrorCode::NOT_PERMITTED
        );
    }

    #[test]
    fn cancel_before_issue() {
        let mut order = ps1(4);
        cancel(&mut order, t(5)).expect("cancel");
        assert_eq!(order.status, OrderStatus::CancelledNotIssued);
        assert_eq!(order.certificate_status, CertificateStatus::Initial);
        assert_eq!(actions(&order), [0, 10, 8]);
        assert_eq!(order.dates.canceled_date, Some(t(5)));
        assert_eq!(order.dates.cancel_request_date, Some(t(5)));
        let again = cancel(&mut order, t(6)).expect_err("twice");
        assert_eq!(again.code, ErrorCode::ALREADY_CANCELLED);
        assert_eq!(again.field.as_deref(), Some("OrderID"));
        assert_eq!(
            actions(&order),
            [0, 10, 8],
            "a refused step records nothing"
        );
    }

    #[test]
    fn cancel_after_issue_revokes_the_certificate() {
        let mut order = issued_ps1(5);
        cancel(&mut order, t(5)).expect("cancel");
        assert_eq!(order.status, OrderStatus::CancelledIssued);
        assert_eq!(order.certificate_status, CertificateStatus::Revoked);
        assert_eq!(actions(&order), [0, 7, 10, 9]);
        assert_eq!(order.dates.deactivated_date, Some(t(5)));
    }

    #[test]
    fn revoke_immediately_or_pending() {
        let mut now = issued_ps1(6);
        revoke(&mut now, RevocationMode::Immediate, t(9)).expect("revoke");
        assert_eq!(now.certificate_status, CertificateStatus::Revoked);
        assert_eq!(now.status, OrderStatus::IssueCompleted);
        assert_eq!(actions(&now), [0, 7, 11, 12]);
        assert_eq!(now.dates.revoke_request_date, Some(t(9)));
        assert_eq!(
            revoke(&mut now, RevocationMode::Immediate, t(10))
                .expect_err("revoked")
                .code,
            ErrorCode::NOT_PERMITTED
        );

        let mut later = issued_ps1(7);
        revoke(&mut later, RevocationMode::Pending, t(9)).expect("revoke");
        assert_eq!(
            later.certificate_status,
            CertificateStatus::WaitingForRevocation
        );
        assert_eq!(actions(&later), [0, 7, 11]);
        complete_revocation(&mut later, t(10)).expect("complete");
        assert_eq!(later.certificate_status, CertificateStatus::Revoked);
        assert_eq!(actions(&later), [0, 7, 11, 12]);
    }

    #[test]
    fn revoke_needs_an_issued_certificate() {
        let mut order = ps1(8);
        assert_eq!(
            revoke(&mut order, RevocationMode::Immediate, t(1))
                .expect_err("not issued")
                .code,
            ErrorCode::NOT_PERMITTED
        );
        cancel(&mut order, t(2)).expect("cancel");
        assert_eq!(
            revoke(&mut order, RevocationMode::Immediate, t(3))
                .expect_err("cancelled")
                .code,
            ErrorCode::ALREADY_CANCELLED
        );
    }

    #[test]
    fn reissue_points_back_and_keeps_the_end_date() {
        let mut original = issued_ps1(9);
        request_reissue(&mut original, t(100)).expect("reissue");
        assert_eq!(actions(&original), [0, 7, 24]);
        let mut new = create_reissue_order(
            OrderId::from_sequence(10),
            &original,
            IssueType::Issue,
            None,
            None,
            t(100),
        );
        assert_eq!(new.original_order_id_for_reissue, Some(original.id.clone()));
        assert_eq!(new.product, original.product);
        assert_eq!(new.subject, original.subject);
        assert!(can_issue(&new));
        let (from, to) = validity_window(&new, t(100));
        assert_eq!(from, t(100));
        assert_eq!(Some(to), original.not_after());
        issue(&mut new, cert(t(100), 1), t(100)).expect("issue");
        mark_reissued(&mut original, t(100));
        assert_eq!(actions(&original), [0, 7, 24, 14]);
    }

    #[test]
    fn reissue_needs_a_live_certificate() {
        let mut order = ps1(11);
        let err = request_reissue(&mut order, t(1)).expect_err("not issued");
        assert_eq!(err.code, ErrorCode::NOT_PERMITTED);
        assert_eq!(err.field.as_deref(), Some("TargetOrderID"));
        cancel(&mut order, t(2)).expect("cancel");
        assert_eq!(
            request_reissue(&mut order, t(3))
                .expect_err("cancelled")
                .code,
            ErrorCode::ALREADY_CANCELLED
        );
    }

    #[test]
    fn validity_follows_year() {
        let mut request = NewOrder::minimal(OrderOperation::OrderPs1);
        request.validity = ValidityYears::Three;
        let order = create_order(OrderId::from_sequence(12), "a", request, None, t(0));
        let (from, to) = validity_window(&order, t(0));
        assert_eq!(to - from, Duration::days(1096));
    }

    #[test]
    fn resend_email_until_cancelled() {
        let mut order = ps1(13);
        resend_email(&mut order, t(1)).expect("resend");
        assert_eq!(actions(&order), [0, 26]);
        issue(&mut order, cert(t(2), 366), t(2)).expect("issue");
        resend_email(&mut order, t(3)).expect("an issued order too");
        assert_eq!(actions(&order), [0, 26, 7, 26]);
        let mut cancelled = ps1(14);
        cancel(&mut cancelled, t(1)).expect("cancel");
        assert_eq!(
            resend_email(&mut cancelled, t(2))
                .expect_err("cancelled")
                .code,
            ErrorCode::ALREADY_CANCELLED
        );
    }

    #[test]
    fn initial_expiry() {
        let mut order = ps1(15);
        expire_initial(&mut order, t(1)).expect("expire");
        assert_eq!(order.status, OrderStatus::InitialExpired);
        assert_eq!(actions(&order), [0, 27]);
        assert!(!can_issue(&order));
        cancel(&mut order, t(2)).expect("an expired order can still be cancelled");
        assert_eq!(order.status, OrderStatus::CancelledNotIssued);
    }

    #[test]
    fn product_must_belong_to_the_operation() {
        let mut request = NewOrder::minimal(OrderOperation::OrderQc);
        request.product = ProductCode::DsQcSeal;
        check_product(&request).expect("QC takes seal");
        request.product = ProductCode::DsAatl;
        let err = check_product(&request).expect_err("wrong product");
        assert_eq!(err.code, ErrorCode::PRODUCT_NOT_SUPPORTED);
        assert_eq!(err.field.as_deref(), Some("ProductCode"));
    }

    #[test]
    fn renewal_rules() {
        let target = issued_ps1(20);
        let mut renewal = NewOrder::minimal(OrderOperation::OrderPs1);
        renewal.kind = OrderKind::Renewal;

        // ERRATA E77: a renewal without a target is accepted as it is.
        check_renewal(&renewal, "alice", None).expect("no target");

        renewal.renewal_target = Some(target.id.clone());
        assert_eq!(
            check_renewal(&renewal, "alice", None)
                .expect_err("unknown")
                .code,
            ErrorCode::ORDER_NOT_FOUND
        );
        assert_eq!(
            check_renewal(&renewal, "bob", Some(&target))
                .expect_err("other account")
                .code,
            ErrorCode::CANNOT_ACCESS_ORDER
        );
        check_renewal(&renewal, "alice", Some(&target)).expect("same product");

        let mut other = NewOrder::minimal(OrderOperation::OrderPs2);
        other.kind = OrderKind::Renewal;
        other.renewal_target = Some(target.id.clone());
        let err = check_renewal(&other, "alice", Some(&target)).expect_err("switch");
        assert_eq!(err.code, ErrorCode::NOT_PERMITTED);
        assert_eq!(
            err.field.as_deref(),
            Some("RenewalTergetOrderID"),
            "ERRATA E16"
        );
    }

    #[test]
    fn aatl_subjects_get_a_serial_number_and_qc_mail_falls_back() {
        let aatl = NewOrder::minimal(OrderOperation::OrderAatl);
        let id = OrderId::from_sequence(40);
        let order = create_order(id.clone(), "a", aatl, None, t(0));
        assert_eq!(order.subject.serial_number.as_deref(), Some(id.0.as_str()));
        let ps1 = create_order(
            OrderId::from_sequence(41),
            "a",
            NewOrder::minimal(OrderOperation::OrderPs1),
            None,
            t(0),
        );
        assert_eq!(
            ps1.subject.serial_number, None,
            "only DSAATL (release note 2.4.4)"
        );

        // ERRATA E70: without a DN Email, pick-up mail goes to the Subscriber's.
        let mut qc = NewOrder::minimal(OrderOperation::OrderQc);
        qc.subscriber.email = Some("subscriber@example.com".into());
        let order = create_order(OrderId::from_sequence(42), "a", qc.clone(), None, t(0));
        assert_eq!(
            order.pickup_email.as_deref(),
            Some("subscriber@example.com")
        );
        qc.subject.email = Some("dn@example.com".into());
        let order = create_order(OrderId::from_sequence(43), "a", qc, None, t(0));
        assert_eq!(order.pickup_email.as_deref(), Some("dn@example.com"));
    }

    #[test]
    fn aatl_renewal_keeps_signature_validity_duration() {
        let new = NewOrder::minimal(OrderOperation::OrderAatl);
        assert_eq!(check_renewal(&new, "a", None).expect("new"), Some(1));
        let original = create_order(OrderId::from_sequence(30), "a", new, Some(2), t(0));

        let mut renewal = NewOrder::minimal(OrderOperation::OrderAatl);
        renewal.kind = OrderKind::Renewal;
        renewal.renewal_target = Some(original.id.clone());
        assert_eq!(
            check_renewal(&renewal, "a", Some(&original)).expect("inherits"),
            Some(2)
        );
        renewal.signature_validity_duration = Some(1);
        let err = check_renewal(&renewal, "a", Some(&original)).expect_err("mismatch");
        assert_eq!(err.code, ErrorCode::COMBINATION);
        assert_eq!(err.field.as_deref(), Some("SignatureValidityDuration"));
    }

    #[test]
    fn ps2pro_common_name_is_filled_and_ou_dropped() {
        let mut request = NewOrder::minimal(OrderOperation::OrderPs2Pro);
        request.subject.given_name = Some("John".into());
        request.subject.surname = Some("Doe".into());
        request.subject.organization_unit = Some("ignored".into());
        let order = create_order(OrderId::from_sequence(40), "a", request, None, t(0));
        assert_eq!(order.subject.common_name.as_deref(), Some("John Doe"));
        assert_eq!(order.subject.organization_unit, None);
    }
}
