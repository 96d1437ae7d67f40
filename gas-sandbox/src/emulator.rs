//! The emulator: GasOrderService's behaviour over the domain model, one method per API
//! operation family, plus the admin steps that happen outside the API at GlobalSign
//! (vetting, the subscriber's pick-up, revocation processing).
//!
//! Requests arrive here already decoded and field-validated (required/length/format/value
//! and stateless combination rules happen at the SOAP seam, from the generated validation
//! and the client's rules). What needs the stored orders is checked here: login (−4001),
//! order exists (−9916) and belongs to the caller (−9902), renewal targets (−9916, −9902,
//! −9202, −105), state transitions (−9915, −9202) and CSR keys (−104, −6015, −6016, −9936).

use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use time::OffsetDateTime;

use crate::accounts::Accounts;
use crate::api_error::{ApiError, ApiErrors, ErrorCode};
use crate::ca::{CaError, CertificateRequest, TestCa};
use crate::clock::{Clock, SystemClock};
use crate::csr::{CheckedCsr, check_csr};
use crate::lifecycle::{self, ModifyOperation, NewOrder, RevocationMode};
use crate::model::{
    ActionCode, CaCertificate, CertificateStatus, IssueType, Order, OrderId, OrderStatus,
    ProductCode,
};
use crate::outbox::Outbox;
use crate::pickup::{self, PasswordVerifier, PickupError, PickupEvent, PickupFile, PickupOutcome};
use crate::query::{self, OrderFilter};
use crate::store::{Store, StoreError};

/// When the steps GlobalSign performs outside the API happen in the sandbox.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum IssuePolicy {
    /// At once: an order is vetted and its certificate issued (picked up) while the order
    /// call runs; a revocation completes immediately. Best for "order, then query". An
    /// OrderAATL/OrderQC with IssueType 0 (REGISTER) still waits for the admin steps: the
    /// API only registers it (section 11.1).
    #[default]
    OnOrder,
    /// Only when the admin says so ([`Emulator::admin_complete_vetting`],
    /// [`Emulator::admin_issue`], [`Emulator::admin_complete_revocation`]); orders stay
    /// INITIAL / Waiting for validating, revocations stay "Waiting for revocation". A
    /// ReIssue with IssueType ISSUE and a CSR still issues at once (nothing is left to
    /// happen outside the API).
    Manual,
}

/// An authenticated caller (the `UserName` that passed −4001).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Caller(String);

impl Caller {
    pub fn user(&self) -> &str {
        &self.0
    }
}

/// ReIssue's `OrderParameter`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReissueRequest {
    pub issue_type: IssueType,
    pub csr: Option<String>,
    /// A new PickupPassword's verifier; `None` keeps the original order's.
    pub pickup_password: Option<PasswordVerifier>,
}

/// The emulator. Cheap to share (`Arc`); all state is behind one lock.
#[derive(Debug)]
pub struct Emulator {
    accounts: Accounts,
    store: Mutex<Store>,
    ca: TestCa,
    clock: Arc<dyn Clock>,
    policy: IssuePolicy,
    /// Refuse new PS2 orders, as GlobalSign does since API 2.4.5 ("PS2 Discontinue").
    refuse_ps2: bool,
    /// The e-mails GlobalSign would send.
    outbox: Outbox,
}

/// Building an emulator failed (the CA could not be made or stored).
#[derive(Debug, thiserror::Error)]
pub enum EmulatorError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Ca(#[from] CaError),
}

impl Emulator {
    /// An emulator over `store`; the test CA comes from `ca` (material loaded with the
    /// store) or is generated and saved.
    pub fn new(
        accounts: Accounts,
        mut store: Store,
        ca: Option<TestCa>,
        clock: Arc<dyn Clock>,
        policy: IssuePolicy,
    ) -> Result<Self, EmulatorError> {
        let ca = match ca {
            Some(ca) => ca,
            None => {
                let ca = TestCa::generate(clock.now())?;
                store.save_ca(ca.material())?;
                ca
            }
        };
        Ok(Self {
            accounts,
            store: Mutex::new(store),
            ca,
            clock,
            policy,
            refuse_ps2: false,
            outbox: Outbox::new(),
        })
    }

    /// Refuse new PS2 orders (−9200, Out of support): PS2 was discontinued for new orders
    /// in API 2.4.5. Off by default, so that PS2 can still be tried against the sandbox.
    pub fn refusing_ps2(mut self, refuse: bool) -> Self {
        self.refuse_ps2 = refuse;
        self
    }

    /// An in-memory emulator on the system clock (tests, examples).
    pub fn in_memory(accounts: Accounts) -> Result<Self, EmulatorError> {
        Self::new(
            accounts,
            Store::in_memory(),
            None,
            Arc::new(SystemClock),
            IssuePolicy::OnOrder,
        )
    }

    pub fn policy(&self) -> IssuePolicy {
        self.policy
    }

    pub fn now(&self) -> OffsetDateTime {
        self.clock.now()
    }

    /// The test CA's chain (`Fulfillment/CACertificates`).
    pub fn ca_chain(&self) -> Vec<CaCertificate> {
        self.ca.chain()
    }

    /// The test CA's root certificate, PEM (to trust in tests).
    pub fn ca_root_pem(&self) -> &str {
        &self.ca.material().root_cert_pem
    }

    /// `OrderRequestHeader/AuthToken`: −4001 unless the account exists and the password
    /// matches.
    pub fn authenticate(&self, user: &str, password: &str) -> Result<Caller, ApiError> {
        self.accounts.authenticate(user, password)?;
        Ok(Caller(user.to_owned()))
    }

    fn lock(&self) -> MutexGuard<'_, Store> {
        self.store.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// The e-mails GlobalSign would have sent.
    pub fn outbox(&self) -> &Outbox {
        &self.outbox
    }

    /// Stores `changed` and records the e-mails their new events cause (the outbox
    /// follows events, so every path that changes an order sends the same e-mails).
    fn commit(&self, store: &mut Store, changed: Vec<Order>) -> Result<(), StoreError> {
        let new_events: Vec<usize> = changed
            .iter()
            .map(|o| store.get(&o.id).map_or(0, |stored| stored.events.len()))
            .collect();
        let sent: Vec<(Order, usize)> = changed.iter().cloned().zip(new_events).collect();
        store.commit(changed)?;
        for (order, from) in sent {
            self.outbox
                .order_changed(&order, order.events.get(from..).unwrap_or_default());
        }
        Ok(())
    }

    /// OrderOS, OrderOSEV, OrderPS1, OrderPS2, OrderPS2Dept, OrderPS2Pro, OrderAATL,
    /// OrderQC (sections 4–11).
    pub fn place_order(&self, caller: &Caller, request: NewOrder) -> Result<OrderId, ApiErrors> {
        lifecycle::check_product(&request)?;
        if self.refuse_ps2 && request.product == ProductCode::Ps2 {
            return Err(ApiError::at(ErrorCode::OUT_OF_SUPPORT, "ProductCode")
                .detail("PS2 was discontinued for new orders in API 2.4.5")
                .into());
        }
        // IssueType 0 (REGISTER) of OrderAATL and OrderQC: the API only registers the
        // order; issuing happens outside it (section 11.1), here by the admin step.
        let register_only = request.issue_type == Some(IssueType::Register);
        let csr = request
            .csr
            .as_deref()
            .map(|text| check_csr(text, "CSR"))
            .transpose()?;
        let now = self.now();
        let mut store = self.lock();
        let target = request.renewal_target.as_ref().and_then(|id| store.get(id));
        let svd = lifecycle::check_renewal(&request, caller.user(), target)?;
        let id = store.allocate_order_id();
        let mut order = lifecycle::create_order(id.clone(), caller.user(), request, svd, now);
        if self.policy == IssuePolicy::OnOrder && !register_only {
            self.progress(&mut store, &mut order, csr.as_ref(), now)?;
        }
        self.commit(&mut store, vec![order])
            .map_err(|e| e.to_api_error())?;
        tracing::info!(order = %id, user = caller.user(), "order placed");
        Ok(id)
    }

    /// Runs the out-of-API steps: vetting, then issue.
    fn progress(
        &self,
        store: &mut Store,
        order: &mut Order,
        csr: Option<&CheckedCsr>,
        now: OffsetDateTime,
    ) -> Result<(), ApiError> {
        if order.status == OrderStatus::WaitingForValidating {
            lifecycle::complete_vetting(order, now)?;
        }
        if lifecycle::can_issue(order) {
            self.issue_certificate(store, order, csr, now)?;
        }
        Ok(())
    }

    fn issue_certificate(
        &self,
        store: &mut Store,
        order: &mut Order,
        csr: Option<&CheckedCsr>,
        now: OffsetDateTime,
    ) -> Result<(), ApiError> {
        let stored_csr = match (csr, &order.csr_pem) {
            (None, Some(text)) => Some(check_csr(text, "CSR")?),
            _ => None,
        };
        let csr = csr.or(stored_csr.as_ref());
        let (not_before, not_after) = lifecycle::validity_window(order, now);
        let serial = store.allocate_serial();
        let (certificate, generated_key) = self
            .ca
            .issue_keeping_key(&CertificateRequest {
                subject: &order.subject,
                product: order.product,
                csr,
                not_before,
                not_after,
                serial,
            })
            .map_err(|e| {
                tracing::error!(order = %order.id, error = %e, "certificate issue failed");
                ApiError::new(ErrorCode::FAILURE)
            })?;
        lifecycle::issue(order, certificate, now)?;
        // Kept for the subscriber's pick-up (PKCS#12); a CSR order has none.
        order.pickup.key = generated_key;
        Ok(())
    }

    /// Loads an order the caller may see: −9916 when it does not exist, −9902 when it
    /// belongs to another account. `field` is the ErrorField (`OrderID`, `TargetOrderID`).
    fn owned_order(
        store: &Store,
        caller: &Caller,
        id: &str,
        field: &str,
    ) -> Result<Order, ApiError> {
        let order = store
            .get(&OrderId(id.to_owned()))
            .ok_or_else(|| ApiError::at(ErrorCode::ORDER_NOT_FOUND, field))?;
        if order.account != caller.user() {
            return Err(ApiError::at(ErrorCode::CANNOT_ACCESS_ORDER, field));
        }
        Ok(order.clone())
    }

    /// ModifyOrder (section 12.2): CANCEL or REVOKE.
    pub fn modify_order(
        &self,
        caller: &Caller,
        order_id: &str,
        operation: ModifyOperation,
    ) -> Result<OrderId, ApiErrors> {
        let now = self.now();
        let mut store = self.lock();
        let mut order = Self::owned_order(&store, caller, order_id, "OrderID")?;
        match operation {
            ModifyOperation::Cancel => lifecycle::cancel(&mut order, now)?,
            ModifyOperation::Revoke => {
                let mode = match self.policy {
                    IssuePolicy::OnOrder => RevocationMode::Immediate,
                    IssuePolicy::Manual => RevocationMode::Pending,
                };
                lifecycle::revoke(&mut order, mode, now)?;
            }
        }
        let id = order.id.clone();
        self.commit(&mut store, vec![order])
            .map_err(|e| e.to_api_error())?;
        tracing::info!(order = %id, ?operation, "order modified");
        Ok(id)
    }

    /// ReIssue (section 12.1): a new order for the target's subject, pointing back at it.
    pub fn reissue(
        &self,
        caller: &Caller,
        target_order_id: &str,
        request: ReissueRequest,
    ) -> Result<OrderId, ApiErrors> {
        let csr = request
            .csr
            .as_deref()
            .map(|text| check_csr(text, "OrderParameter/CSR"))
            .transpose()?;
        let now = self.now();
        let mut store = self.lock();
        let mut original = Self::owned_order(&store, caller, target_order_id, "TargetOrderID")?;
        lifecycle::request_reissue(&mut original, now)?;
        let id = store.allocate_order_id();
        let mut order = lifecycle::create_reissue_order(
            id.clone(),
            &original,
            request.issue_type,
            request.csr,
            request.pickup_password,
            now,
        );
        let issue_now = self.policy == IssuePolicy::OnOrder
            || (request.issue_type == IssueType::Issue && csr.is_some());
        if issue_now && lifecycle::can_issue(&order) {
            self.issue_certificate(&mut store, &mut order, csr.as_ref(), now)?;
            lifecycle::mark_reissued(&mut original, now);
        }
        self.commit(&mut store, vec![original, order])
            .map_err(|e| e.to_api_error())?;
        tracing::info!(order = %id, original = target_order_id, "order reissued");
        Ok(id)
    }

    /// ResendEmail (section 12.3). `email_type` must be `ENROLLMENT` (−9970 otherwise).
    pub fn resend_email(
        &self,
        caller: &Caller,
        order_id: &str,
        email_type: &str,
    ) -> Result<(), ApiErrors> {
        if email_type != "ENROLLMENT" {
            return Err(ApiError::at(ErrorCode::OUT_OF_SUPPORT_VALUE, "EmailType")
                .detail("only ENROLLMENT")
                .into());
        }
        let now = self.now();
        let mut store = self.lock();
        let mut order = Self::owned_order(&store, caller, order_id, "OrderID")?;
        lifecycle::resend_email(&mut order, now)?;
        self.commit(&mut store, vec![order])
            .map_err(|e| e.to_api_error())?;
        Ok(())
    }

    /// GetOrderByOrderID (section 13.1).
    pub fn order_by_id(&self, caller: &Caller, order_id: &str) -> Result<Order, ApiErrors> {
        let store = self.lock();
        Ok(Self::owned_order(&store, caller, order_id, "OrderID")?)
    }

    /// GetModifiedOrders (section 13.2): the caller's orders with an event in
    /// `from..=to`, in OrderID order.
    pub fn modified_orders(
        &self,
        caller: &Caller,
        from: OffsetDateTime,
        to: OffsetDateTime,
        status: Option<OrderStatus>,
    ) -> Vec<Order> {
        let store = self.lock();
        store
            .orders()
            .filter(|o| o.account == caller.user())
            .filter(|o| query::modified_between(o, from, to, status))
            .cloned()
            .collect()
    }

    /// GetOrders (section 13.3): the caller's orders matching every filter given, in
    /// OrderID order.
    pub fn orders(&self, caller: &Caller, filter: &OrderFilter) -> Vec<Order> {
        let store = self.lock();
        store
            .orders()
            .filter(|o| o.account == caller.user() && filter.matches(o))
            .cloned()
            .collect()
    }

    // ----- Admin: what GlobalSign does outside the API -----

    /// Any order, whoever owns it.
    pub fn admin_order(&self, order_id: &str) -> Option<Order> {
        self.lock().get(&OrderId(order_id.to_owned())).cloned()
    }

    /// Every order, by account, then OrderID.
    pub fn admin_orders(&self) -> Vec<Order> {
        let mut orders: Vec<Order> = self.lock().orders().cloned().collect();
        orders.sort_by(|a, b| (&a.account, &a.id).cmp(&(&b.account, &b.id)));
        orders
    }

    /// The subscriber's pick-up with `password` (the PickupPassword they type): the
    /// certificate as PKCS#12 protected by that password when the CA made the key, as PEM
    /// with its chain when the order came with a CSR. An order not issued yet (INITIAL,
    /// or Validated) is issued by its pick-up, as GlobalSign's is. A wrong password is
    /// refused and counted; every attempt is logged with the order.
    pub fn pick_up(&self, order_id: &str, password: &str) -> Result<PickupFile, PickupError> {
        let internal = |e: &dyn std::fmt::Display| PickupError::Internal(e.to_string());
        let id = OrderId(order_id.to_owned());
        let order = self
            .admin_order(order_id)
            .ok_or_else(|| PickupError::NoSuchOrder(order_id.to_owned()))?;
        let verifier = order
            .pickup
            .verifier
            .clone()
            .ok_or_else(|| PickupError::NoPickupPassword(order_id.to_owned()))?;
        // Checked without the store's lock: PBKDF2 takes a moment.
        if !verifier.matches(password) {
            let mut store = self.lock();
            let mut order = store
                .get(&id)
                .cloned()
                .ok_or_else(|| PickupError::NoSuchOrder(order_id.to_owned()))?;
            order.pickup.log.push(PickupEvent {
                at: self.now(),
                outcome: PickupOutcome::WrongPassword,
            });
            let wrong = order.pickup.wrong_passwords();
            self.commit(&mut store, vec![order])
                .map_err(|e| internal(&e))?;
            tracing::warn!(
                order = order_id,
                wrong,
                "pick-up refused: wrong PickupPassword"
            );
            return Err(PickupError::WrongPassword(wrong));
        }
        let not_available = |why: &str| PickupError::NotAvailable {
            order: order_id.to_owned(),
            why: why.to_owned(),
        };
        if let Some(why) = pickup::unavailable_because(order.status) {
            return Err(not_available(why));
        }
        if order.status != OrderStatus::IssueCompleted {
            self.admin_issue(order_id, None)
                .map_err(|e| not_available(&e.to_string()))?;
        }
        let mut store = self.lock();
        let mut order = store
            .get(&id)
            .cloned()
            .ok_or_else(|| PickupError::NoSuchOrder(order_id.to_owned()))?;
        if order.certificate_status != CertificateStatus::Issued {
            return Err(not_available("its certificate is revoked"));
        }
        let certificate = order
            .certificate
            .clone()
            .ok_or_else(|| not_available("it has no certificate"))?;
        let (file, outcome) = match &order.pickup.key {
            Some(key) => (
                PickupFile {
                    file_name: format!("{order_id}.p12"),
                    content_type: "application/x-pkcs12",
                    bytes: pickup::pkcs12(
                        key,
                        &certificate,
                        self.ca.chain_der(),
                        order_id,
                        password,
                    )?,
                },
                PickupOutcome::DeliveredPkcs12,
            ),
            None => (
                PickupFile {
                    file_name: format!("{order_id}.pem"),
                    content_type: "application/x-pem-file",
                    bytes: pickup::pem_bundle(&certificate, self.ca.chain_der()),
                },
                PickupOutcome::DeliveredPem,
            ),
        };
        order.pickup.log.push(PickupEvent {
            at: self.now(),
            outcome,
        });
        self.commit(&mut store, vec![order])
            .map_err(|e| internal(&e))?;
        tracing::info!(order = order_id, ?outcome, "certificate picked up");
        Ok(file)
    }

    fn admin_update(
        &self,
        order_id: &str,
        step: impl FnOnce(&Self, &mut Store, &mut Order, OffsetDateTime) -> Result<(), ApiError>,
    ) -> Result<Order, ApiErrors> {
        let now = self.now();
        let mut store = self.lock();
        let mut order = store
            .get(&OrderId(order_id.to_owned()))
            .cloned()
            .ok_or_else(|| ApiError::at(ErrorCode::ORDER_NOT_FOUND, "OrderID"))?;
        step(self, &mut store, &mut order, now)?;
        let mut changed = vec![order.clone()];
        if let Some(original) = order
            .original_order_id_for_reissue
            .as_ref()
            .filter(|_| order.status == OrderStatus::IssueCompleted)
            .and_then(|id| store.get(id))
            .filter(|original| {
                // Mark the original once, when its reissue is issued.
                original.events.last().map(|e| e.action) == Some(ActionCode::ReIssueRequest)
            })
        {
            let mut original = original.clone();
            lifecycle::mark_reissued(&mut original, now);
            changed.push(original);
        }
        self.commit(&mut store, changed)
            .map_err(|e| e.to_api_error())?;
        Ok(order)
    }

    /// Vetting done: "Waiting for validating" → "Validated".
    pub fn admin_complete_vetting(&self, order_id: &str) -> Result<Order, ApiErrors> {
        self.admin_update(order_id, |_, _, order, now| {
            lifecycle::complete_vetting(order, now)
        })
    }

    /// The subscriber picks the certificate up: issue it, from `csr` (PEM) when given,
    /// else from the CSR stored with the order, else from a key the CA generates.
    pub fn admin_issue(&self, order_id: &str, csr: Option<&str>) -> Result<Order, ApiErrors> {
        let csr = csr.map(|text| check_csr(text, "CSR")).transpose()?;
        self.admin_update(order_id, |this, store, order, now| {
            if !lifecycle::can_issue(order) {
                // Let the life cycle explain why.
                return lifecycle::issue(order, dummy_certificate(now), now);
            }
            this.issue_certificate(store, order, csr.as_ref(), now)
        })
    }

    /// Revocation processed: "Waiting for revocation" → "Revoked".
    pub fn admin_complete_revocation(&self, order_id: &str) -> Result<Order, ApiErrors> {
        self.admin_update(order_id, |_, _, order, now| {
            lifecycle::complete_revocation(order, now)
        })
    }

    /// Nobody picked the order up in time: INITIAL_EXPIRED.
    pub fn admin_expire(&self, order_id: &str) -> Result<Order, ApiErrors> {
        self.admin_update(order_id, |_, _, order, now| {
            lifecycle::expire_initial(order, now)
        })
    }
}

/// A placeholder handed to [`lifecycle::issue`] only to obtain its refusal; never stored.
fn dummy_certificate(now: OffsetDateTime) -> crate::model::IssuedCertificate {
    crate::model::IssuedCertificate {
        x509_pem: String::new(),
        pkcs7_pem: String::new(),
        serial_hex: String::new(),
        subject_name: String::new(),
        not_before: now,
        not_after: now,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::ManualClock;
    use crate::model::{CertificateStatus, OrderKind, OrderOperation, ProductCode};
    use time::Duration;
    use time::macros::datetime;

    fn accounts() -> Accounts {
        let mut a = Accounts::new();
        a.insert("alice", "alice-pw");
        a.insert("bob", "bob-pw");
        a
    }

    fn emulator(policy: IssuePolicy) -> (Emulator, ManualClock) {
        let clock = ManualClock::new(datetime!(2026-01-05 09:00 UTC));
        let e = Emulator::new(
            accounts(),
            Store::in_memory(),
            None,
            Arc::new(clock.clone()),
            policy,
        )
        .expect("emulator");
        (e, clock)
    }

    fn ps1(email: &str) -> NewOrder {
        let mut o = NewOrder::minimal(OrderOperation::OrderPs1);
        o.subject.email = Some(email.to_owned());
        o
    }

    fn codes(r: Result<impl std::fmt::Debug, ApiErrors>) -> Vec<i32> {
        r.expect_err("should fail").codes()
    }

    #[test]
    fn login() {
        let (e, _) = emulator(IssuePolicy::OnOrder);
        assert!(e.authenticate("alice", "alice-pw").is_ok());
        assert_eq!(
            e.authenticate("alice", "bob-pw").expect_err("wrong").code,
            ErrorCode::LOGIN_FAILURE
        );
    }

    #[test]
    fn order_issue_query_reissue_revoke() {
        let (e, clock) = emulator(IssuePolicy::OnOrder);
        let alice = e.authenticate("alice", "alice-pw").expect("login");
        let id = e.place_order(&alice, ps1("a@example.com")).expect("order");
        let order = e.order_by_id(&alice, id.as_str()).expect("query");
        assert_eq!(order.status, OrderStatus::IssueCompleted);
        assert_eq!(order.certificate_status, CertificateStatus::Issued);
        let cert = order.certificate.as_ref().expect("certificate");
        assert!(cert.x509_pem.contains("BEGIN CERTIFICATE"));
        assert_eq!(cert.not_after - cert.not_before, Duration::days(366));

        clock.advance(Duration::days(10));
        let new_id = e
            .reissue(
                &alice,
                id.as_str(),
                ReissueRequest {
                    issue_type: IssueType::Register,
                    csr: None,
                    pickup_password: None,
                },
            )
            .expect("reissue");
        let new = e.order_by_id(&alice, new_id.as_str()).expect("new order");
        assert_eq!(new.original_order_id_for_reissue.as_ref(), Some(&id));
        assert_eq!(new.status, OrderStatus::IssueCompleted);
        assert_eq!(
            new.not_after(),
            order.not_after(),
            "reissue keeps the end date"
        );
        let original = e.order_by_id(&alice, id.as_str()).expect("original");
        let actions: Vec<u8> = original.events.iter().map(|ev| ev.action.code()).collect();
        assert_eq!(actions, [0, 7, 24, 14]);

        clock.advance(Duration::days(1));
        e.modify_order(&alice, new_id.as_str(), ModifyOperation::Revoke)
            .expect("revoke");
        let revoked = e.order_by_id(&alice, new_id.as_str()).expect("revoked");
        assert_eq!(revoked.certificate_status, CertificateStatus::Revoked);

        // GetModifiedOrders over the last day sees only the revoked order.
        let from = clock.now() - Duration::hours(1);
        let modified = e.modified_orders(&alice, from, clock.now(), None);
        assert_eq!(
            modified.iter().map(|o| o.id.clone()).collect::<Vec<_>>(),
            [new_id]
        );
    }

    #[test]
    fn accounts_are_isolated() {
        let (e, _) = emulator(IssuePolicy::OnOrder);
        let alice = e.authenticate("alice", "alice-pw").expect("login");
        let bob = e.authenticate("bob", "bob-pw").expect("login");
        let id = e.place_order(&alice, ps1("a@example.com")).expect("order");
        let err = e.order_by_id(&bob, id.as_str()).expect_err("not bob's");
        assert_eq!(err.codes(), [-9902]);
        assert_eq!(err.0[0].field.as_deref(), Some("OrderID"));
        assert_eq!(
            codes(e.modify_order(&bob, id.as_str(), ModifyOperation::Cancel)),
            [-9902]
        );
        assert_eq!(
            codes(e.reissue(
                &bob,
                id.as_str(),
                ReissueRequest {
                    issue_type: IssueType::Register,
                    csr: None,
                    pickup_password: None,
                }
            )),
            [-9902]
        );
        assert!(e.orders(&bob, &OrderFilter::default()).is_empty());
        assert_eq!(e.orders(&alice, &OrderFilter::default()).len(), 1);
        assert_eq!(codes(e.order_by_id(&alice, "CESB9999999999")), [-9916]);
        assert_eq!(codes(e.resend_email(&alice, "nope", "ENROLLMENT")), [-9916]);
    }

    #[test]
    fn a_register_order_waits_for_the_admin_even_on_order() {
        let (e, _) = emulator(IssuePolicy::OnOrder);
        let alice = e.authenticate("alice", "alice-pw").expect("login");
        let mut aatl = NewOrder::minimal(OrderOperation::OrderAatl);
        aatl.subject.common_name = Some("Signer".into());
        aatl.subject.organization = Some("Org".into());
        aatl.subject.country = Some("GB".into());
        let mut issued = aatl.clone();
        aatl.issue_type = Some(IssueType::Register);
        let id = e.place_order(&alice, aatl).expect("order");
        let o = e.order_by_id(&alice, id.as_str()).expect("query");
        assert_eq!(o.status, OrderStatus::WaitingForValidating);
        assert!(o.certificate.is_none());
        e.admin_complete_vetting(id.as_str()).expect("vet");
        let done = e.admin_issue(id.as_str(), None).expect("issue");
        assert_eq!(done.status, OrderStatus::IssueCompleted);
        issued.issue_type = Some(IssueType::Issue);
        let id = e.place_order(&alice, issued).expect("order");
        let o = e.order_by_id(&alice, id.as_str()).expect("query");
        assert_eq!(o.status, OrderStatus::IssueCompleted);
    }

    #[test]
    fn ps2_can_be_refused_as_discontinued() {
        let (e, _) = emulator(IssuePolicy::OnOrder);
        let e = e.refusing_ps2(true);
        let alice = e.authenticate("alice", "alice-pw").expect("login");
        let mut ps2 = NewOrder::minimal(OrderOperation::OrderPs2);
        ps2.subject.email = Some("a@example.com".into());
        assert_eq!(codes(e.place_order(&alice, ps2)), [-9200]);
        e.place_order(&alice, ps1("a@example.com"))
            .expect("PS1 still ordered");
    }

    #[test]
    fn manual_policy_waits_for_the_admin() {
        let (e, _) = emulator(IssuePolicy::Manual);
        let alice = e.authenticate("alice", "alice-pw").expect("login");
        let mut aatl = NewOrder::minimal(OrderOperation::OrderAatl);
        aatl.subject.common_name = Some("Signer".into());
        aatl.subject.organization = Some("Org".into());
        aatl.subject.country = Some("GB".into());
        let id = e.place_order(&alice, aatl).expect("order");
        let o = e.order_by_id(&alice, id.as_str()).expect("query");
        assert_eq!(o.status, OrderStatus::WaitingForValidating);
        assert_eq!(o.signature_validity_duration, Some(1));

        e.resend_email(&alice, id.as_str(), "ENROLLMENT")
            .expect("resend");
        assert_eq!(codes(e.admin_issue(id.as_str(), None)), [-9202]);
        e.admin_complete_vetting(id.as_str()).expect("vet");
        let issued = e.admin_issue(id.as_str(), None).expect("issue");
        assert_eq!(issued.status, OrderStatus::IssueCompleted);
        let actions: Vec<u8> = issued.events.iter().map(|ev| ev.action.code()).collect();
        assert_eq!(actions, [0, 3, 26, 4, 7]);

        e.modify_order(&alice, id.as_str(), ModifyOperation::Revoke)
            .expect("revoke");
        let pending = e.order_by_id(&alice, id.as_str()).expect("query");
        assert_eq!(
            pending.certificate_status,
            CertificateStatus::WaitingForRevocation
        );
        e.admin_complete_revocation(id.as_str()).expect("complete");
        let done = e.order_by_id(&alice, id.as_str()).expect("query");
        assert_eq!(done.certificate_status, CertificateStatus::Revoked);
        assert_eq!(
            done.events.last().map(|ev| ev.action),
            Some(ActionCode::Revoked)
        );
    }

    #[test]
    fn cancel_twice_is_9915() {
        let (e, _) = emulator(IssuePolicy::Manual);
        let alice = e.authenticate("alice", "alice-pw").expect("login");
        let id = e.place_order(&alice, ps1("a@example.com")).expect("order");
        e.modify_order(&alice, id.as_str(), ModifyOperation::Cancel)
            .expect("cancel");
        assert_eq!(
            codes(e.modify_order(&alice, id.as_str(), ModifyOperation::Cancel)),
            [-9915]
        );
        assert_eq!(
            e.order_by_id(&alice, id.as_str()).expect("q").status,
            OrderStatus::CancelledNotIssued
        );
    }

    #[test]
    fn renewal_and_product_checks() {
        let (e, _) = emulator(IssuePolicy::OnOrder);
        let alice = e.authenticate("alice", "alice-pw").expect("login");
        let bob = e.authenticate("bob", "bob-pw").expect("login");
        let id = e.place_order(&alice, ps1("a@example.com")).expect("order");

        let mut renewal = ps1("a@example.com");
        renewal.kind = OrderKind::Renewal;
        renewal.renewal_target = Some(id.clone());
        assert_eq!(codes(e.place_order(&bob, renewal.clone())), [-9902]);
        let renewed = e.place_order(&alice, renewal).expect("renewal");
        assert_eq!(
            e.order_by_id(&alice, renewed.as_str())
                .expect("q")
                .renewal_target,
            Some(id.clone())
        );

        let mut switch = NewOrder::minimal(OrderOperation::OrderPs2);
        switch.kind = OrderKind::Renewal;
        switch.renewal_target = Some(id);
        assert_eq!(codes(e.place_order(&alice, switch)), [-9202]);

        let mut wrong = NewOrder::minimal(OrderOperation::OrderQc);
        wrong.product = ProductCode::DsAatl;
        assert_eq!(codes(e.place_order(&alice, wrong)), [-9203]);
    }

    #[test]
    fn csr_is_checked_and_certified() {
        let (e, _) = emulator(IssuePolicy::OnOrder);
        let alice = e.authenticate("alice", "alice-pw").expect("login");
        let mut aatl = NewOrder::minimal(OrderOperation::OrderAatl);
        aatl.issue_type = Some(IssueType::Issue);
        aatl.csr = Some("garbage".into());
        let err = e.place_order(&alice, aatl.clone()).expect_err("bad csr");
        assert_eq!(err.codes(), [-104]);
        assert_eq!(err.0[0].field.as_deref(), Some("CSR"));

        let key = rcgen::KeyPair::generate().expect("key");
        let csr = rcgen::CertificateParams::default()
            .serialize_request(&key)
            .expect("csr")
            .pem()
            .expect("pem");
        aatl.csr = Some(csr.clone());
        aatl.subject.common_name = Some("Doc Signer".into());
        let id = e.place_order(&alice, aatl).expect("order");
        let order = e.order_by_id(&alice, id.as_str()).expect("q");
        let pem_text = &order.certificate.as_ref().expect("cert").x509_pem;
        let der = ::pem::parse(pem_text).expect("pem").into_contents();
        let (_, cert) = x509_parser::parse_x509_certificate(&der).expect("parse");
        assert_eq!(
            cert.public_key().raw,
            rcgen::PublicKeyData::subject_public_key_info(&key).as_slice()
        );
        assert!(order.csr_pem.is_none(), "the CSR is dropped once used");

        let err = e
            .reissue(
                &alice,
                id.as_str(),
                ReissueRequest {
                    issue_type: IssueType::Issue,
                    csr: Some("-----BEGIN CERTIFICATE REQUEST-----\nAAAA\n-----END CERTIFICATE REQUEST-----".into()),
                    pickup_password: None,
                },
            )
            .expect_err("bad csr");
        assert_eq!(err.0[0].field.as_deref(), Some("OrderParameter/CSR"));
    }

    fn with_pickup_password(mut order: NewOrder) -> NewOrder {
        order.pickup_password = PasswordVerifier::new("Pickup#2024pw");
        order
    }

    #[test]
    fn pick_up_gives_a_pkcs12_for_the_right_password_only() {
        let (e, _) = emulator(IssuePolicy::OnOrder);
        let alice = e.authenticate("alice", "alice-pw").expect("login");
        let id = e
            .place_order(&alice, with_pickup_password(ps1("a@example.com")))
            .expect("order");
        assert_eq!(
            e.pick_up(id.as_str(), "pickup#2024pw"),
            Err(PickupError::WrongPassword(1))
        );
        assert_eq!(
            e.pick_up(id.as_str(), ""),
            Err(PickupError::WrongPassword(2))
        );
        let file = e.pick_up(id.as_str(), "Pickup#2024pw").expect("pick-up");
        assert_eq!(file.file_name, format!("{id}.p12"));
        let store = p12_keystore::KeyStore::from_pkcs12(
            &file.bytes,
            "Pickup#2024pw",
            p12_keystore::Pkcs12ImportPolicy::Strict,
        )
        .expect("opens with the PickupPassword");
        let (_, chain) = store.private_key_chain().expect("key and chain");
        let order = e.order_by_id(&alice, id.as_str()).expect("order");
        let issued = ::pem::parse(&order.certificate.as_ref().expect("cert").x509_pem)
            .expect("pem")
            .into_contents();
        assert_eq!(chain.certs()[0].as_der(), issued.as_slice());
        assert_eq!(chain.certs().len(), 3, "certificate, intermediate, root");
        // The key is the certificate's.
        let (_, cert) = x509_parser::parse_x509_certificate(&issued).expect("x509");
        let key = rcgen::KeyPair::try_from(chain.key().as_der()).expect("key");
        assert_eq!(
            cert.public_key().raw,
            rcgen::PublicKeyData::subject_public_key_info(&key).as_slice()
        );
        assert!(
            p12_keystore::KeyStore::from_pkcs12(
                &file.bytes,
                "wrong",
                p12_keystore::Pkcs12ImportPolicy::Strict
            )
            .is_err()
        );
        let outcomes: Vec<PickupOutcome> =
            order.pickup.log.iter().map(|event| event.outcome).collect();
        assert_eq!(
            outcomes,
            [
                PickupOutcome::WrongPassword,
                PickupOutcome::WrongPassword,
                PickupOutcome::DeliveredPkcs12
            ]
        );
        assert!(
            !format!("{order:?}").contains("PRIVATE KEY"),
            "Debug hides the key"
        );
    }

    #[test]
    fn a_register_order_is_issued_by_its_pick_up_and_a_csr_order_gets_pem() {
        let (e, _) = emulator(IssuePolicy::OnOrder);
        let alice = e.authenticate("alice", "alice-pw").expect("login");
        let mut aatl = NewOrder::minimal(OrderOperation::OrderAatl);
        aatl.subject.common_name = Some("Signer".into());
        aatl.subject.organization = Some("Org".into());
        aatl.subject.country = Some("GB".into());
        aatl.issue_type = Some(IssueType::Register);
        let id = e
            .place_order(&alice, with_pickup_password(aatl.clone()))
            .expect("order");
        assert!(
            matches!(
                e.pick_up(id.as_str(), "Pickup#2024pw"),
                Err(PickupError::NotAvailable { .. })
            ),
            "not vetted yet"
        );
        e.admin_complete_vetting(id.as_str()).expect("vet");
        let file = e.pick_up(id.as_str(), "Pickup#2024pw").expect("pick-up");
        assert!(file.file_name.ends_with(".p12"));
        let order = e.order_by_id(&alice, id.as_str()).expect("order");
        assert_eq!(order.status, OrderStatus::IssueCompleted);
        assert_eq!(
            order.events.last().map(|ev| ev.action),
            Some(ActionCode::CertificateIssued)
        );

        let key = rcgen::KeyPair::generate().expect("key");
        aatl.issue_type = Some(IssueType::Issue);
        aatl.csr = Some(
            rcgen::CertificateParams::default()
                .serialize_request(&key)
                .expect("csr")
                .pem()
                .expect("pem"),
        );
        let id = e
            .place_order(&alice, with_pickup_password(aatl))
            .expect("order");
        let file = e.pick_up(id.as_str(), "Pickup#2024pw").expect("pick-up");
        assert_eq!(file.file_name, format!("{id}.pem"));
        let text = String::from_utf8(file.bytes).expect("text");
        assert_eq!(text.matches("BEGIN CERTIFICATE").count(), 3);
        assert!(!text.contains("PRIVATE KEY"));

        let plain = e.place_order(&alice, ps1("b@example.com")).expect("order");
        assert_eq!(
            e.pick_up(plain.as_str(), "anything"),
            Err(PickupError::NoPickupPassword(plain.to_string()))
        );
    }

    #[test]
    fn the_outbox_follows_the_orders_events() {
        let (e, _) = emulator(IssuePolicy::Manual);
        let alice = e.authenticate("alice", "alice-pw").expect("login");
        let mut ps2_dept = NewOrder::minimal(OrderOperation::OrderPs2Dept);
        ps2_dept.subject.email = Some("dn@example.com".into());
        ps2_dept.subscriber.email = Some("subscriber@example.com".into());
        let id = e
            .place_order(&alice, with_pickup_password(ps2_dept))
            .expect("order");
        e.resend_email(&alice, id.as_str(), "ENROLLMENT")
            .expect("resend");
        e.admin_complete_vetting(id.as_str()).expect("vet");
        e.admin_issue(id.as_str(), None).expect("issue");
        let emails = e.outbox().emails();
        let seen: Vec<(crate::outbox::EmailKind, Option<&str>)> = emails
            .iter()
            .rev()
            .map(|m| (m.kind, m.to.as_deref()))
            .collect();
        use crate::outbox::EmailKind::*;
        assert_eq!(
            seen,
            [
                (Enrollment, Some("dn@example.com")),
                (Enrollment, Some("dn@example.com")),
                (Approval, Some("subscriber@example.com")),
                (Issued, Some("dn@example.com")),
            ]
        );
        assert!(emails[3].subject.starts_with("Your"));
        assert!(emails[2].subject.starts_with("(resent)"));
    }

    #[test]
    fn persistent_state_survives_restart() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("state.redb");
        let clock: Arc<dyn Clock> = Arc::new(ManualClock::new(datetime!(2026-01-05 09:00 UTC)));
        let (id, root) = {
            let (store, ca) = Store::open(&path).expect("open");
            assert!(ca.is_none());
            let e = Emulator::new(accounts(), store, None, clock.clone(), IssuePolicy::OnOrder)
                .expect("emulator");
            let alice = e.authenticate("alice", "alice-pw").expect("login");
            let id = e.place_order(&alice, ps1("a@example.com")).expect("order");
            (id, e.ca_root_pem().to_owned())
        };
        let (store, ca) = Store::open(&path).expect("reopen");
        let ca = ca.map(TestCa::from_material).transpose().expect("ca");
        let e =
            Emulator::new(accounts(), store, ca, clock, IssuePolicy::OnOrder).expect("emulator");
        assert_eq!(e.ca_root_pem(), root, "same CA after restart");
        let alice = e.authenticate("alice", "alice-pw").expect("login");
        let order = e.order_by_id(&alice, id.as_str()).expect("kept");
        assert_eq!(order.status, OrderStatus::IssueCompleted);
        let next = e.place_order(&alice, ps1("b@example.com")).expect("order");
        assert_ne!(next, id, "IDs continue after restart");
    }
}
