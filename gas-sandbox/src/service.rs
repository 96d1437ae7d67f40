//! The generated server trait implemented on the emulator: wire types in, domain calls,
//! wire types out. Every operation runs the same steps:
//!
//! 1. login with `OrderRequestHeader/AuthToken` (−4001), before anything else is looked at;
//! 2. field validation: the generated checks from the WSDL and the spec overlay
//!    (−102 required, −103 length, −104 format, −9970 allowed value; section 16.2 and
//!    ERRATA E92) and the cross-field rules shared with the client
//!    (`gas_client::rules::RequestRules`);
//! 3. conversion to the domain request and the emulator call, whose stateful rules answer
//!    −9916, −9902, −9915, −9202, −9203, −105, −6015, −6016, −6037, −9936, −104 (CSR);
//! 4. the response: `SuccessCode` 0 with the result, or −1 with every `Error`.
//!
//! Enumerations are built from and read as their wire text (`SimpleValue`), so this code
//! does not depend on the generated variant names.

use std::borrow::Cow;
use std::sync::Arc;

use soap_runtime::validate::Validate;
use soap_runtime::{Fault, SimpleValue};
use time::OffsetDateTime;

use crate::api_error::{ApiError, ApiErrors, ErrorCode};
use crate::emulator::{Caller, Emulator, ReissueRequest};
use crate::faults::FaultPlan;
use crate::lifecycle::{ModifyOperation, NewOrder};
use crate::model::{
    self, CaCertificate, IssueType, Order, OrderId, OrderKind, OrderOperation, ProductCode,
    ValidityYears,
};
use crate::pickup::PasswordVerifier;
use crate::query::{self, DetailOptions, OrderFilter};
use crate::soap::format_timestamp;
use crate::validation::request_errors;
use crate::wire::types as t;
use gas_client::rules::RequestRules;

/// The emulator behind the generated `Handler` trait.
#[derive(Clone, Debug)]
pub struct SandboxService {
    emulator: Arc<Emulator>,
    /// Where injected warnings come from ([`FaultPlan::set_warnings`]).
    faults: Arc<FaultPlan>,
}

impl SandboxService {
    pub fn new(emulator: Arc<Emulator>) -> Self {
        Self {
            emulator,
            faults: Arc::new(FaultPlan::new()),
        }
    }

    /// Takes injected warnings from `faults` (the sandbox's own plan).
    pub fn with_faults(mut self, faults: Arc<FaultPlan>) -> Self {
        self.faults = faults;
        self
    }

    pub fn emulator(&self) -> &Arc<Emulator> {
        &self.emulator
    }

    /// `OrderResponseHeader` for a result of `operation`: SuccessCode 0 (1 with injected
    /// warnings), or −1 with the errors.
    fn header<T>(&self, operation: &str, result: &Result<T, ApiErrors>) -> t::OrderResponseHeader {
        let timestamp = format_timestamp(self.emulator.now());
        match result {
            Ok(_) => {
                let warnings = self.faults.take_warnings(operation);
                t::OrderResponseHeader {
                    success_code: wire_enum(if warnings.is_empty() { "0" } else { "1" }),
                    errors: warnings
                        .into_iter()
                        .map(|(code, message)| t::Error {
                            error_code: code.to_string(),
                            error_field: None,
                            error_message: message,
                        })
                        .collect(),
                    timestamp,
                }
            }
            Err(errors) => t::OrderResponseHeader {
                success_code: wire_enum("-1"),
                errors: errors
                    .0
                    .iter()
                    .map(|e| t::Error {
                        error_code: e.code.to_string(),
                        error_field: e.field.clone(),
                        error_message: e.message.clone(),
                    })
                    .collect(),
                timestamp,
            },
        }
    }

    /// Steps 1–3 of the module docs: log in, validate (generated checks and the shared
    /// cross-field rules), then `call`.
    fn run<I, R, T>(
        &self,
        operation: &str,
        input: &I,
        request: Option<&R>,
        call: impl FnOnce(&Caller, &R) -> Result<T, ApiErrors>,
    ) -> Result<T, ApiErrors>
    where
        I: Validate,
        R: HasHeader + RequestRules,
    {
        let result = (|| {
            // Login first: a caller without valid credentials learns nothing about the
            // field rules (a missing `Request` or `AuthToken` is a failed login too).
            let token = request.map(|r| &r.header().auth_token);
            let caller = self.emulator.authenticate(
                token.map_or("", |t| t.user_name.as_str()),
                token.map_or("", |t| t.password.expose()),
            )?;
            let rules = request
                .map(RequestRules::rule_violations)
                .unwrap_or_default();
            if let Some(errors) = request_errors(&input.validate(), &rules) {
                return Err(errors);
            }
            let request =
                request.ok_or_else(|| ApiError::at(ErrorCode::MANDATORY_MISSING, "Request"))?;
            call(&caller, request)
        })();
        match &result {
            Ok(_) => tracing::info!(operation, "answered"),
            Err(errors) => tracing::info!(operation, codes = ?errors.codes(), "refused"),
        }
        result
    }
}

/// Every operation's request carries an `OrderRequestHeader`.
trait HasHeader {
    fn header(&self) -> &t::OrderRequestHeader;
}

macro_rules! has_header {
    ($($ty:ident),* $(,)?) => {
        $(impl HasHeader for t::$ty {
            fn header(&self) -> &t::OrderRequestHeader {
                &self.order_request_header
            }
        })*
    };
}

has_header!(
    PcV2OrderOSRequest,
    PcV2OrderOSEVRequest,
    PcV2OrderPS1Request,
    PcV2OrderPS2Request,
    PcV2OrderPS2DeptRequest,
    PcV2OrderPS2ProRequest,
    PcV2OrderAATLRequest,
    PcV2OrderQCRequest,
    PcV2ModifyOrderRequest,
    PcV2ReIssueRequest,
    PcV2ResendEmailRequest,
    PcV2GetOrderByOrderIDRequest,
    PcV2GetModifiedOrdersRequest,
    PcV2GetOrdersRequest,
);

/// A generated enumeration from its wire text (unknown text becomes its `Other` arm).
fn wire_enum<T: SimpleValue + Default>(text: &str) -> T {
    T::parse_text(Cow::Borrowed(text)).unwrap_or_default()
}

/// A generated value's wire text.
fn text_of<T: SimpleValue>(value: &T) -> String {
    value.to_text().into_owned()
}

fn non_empty(value: &str) -> Option<String> {
    let trimmed = value.trim();
    (!trimmed.is_empty()).then(|| trimmed.to_owned())
}

fn opt(value: &Option<String>) -> Option<String> {
    value.as_deref().and_then(non_empty)
}

// ----- Requests → domain -----

/// The fields every order operation shares.
struct Common<'a> {
    operation: OrderOperation,
    product: Option<String>,
    year: String,
    kind: String,
    coupon: &'a Option<String>,
    campaign: &'a Option<String>,
    renewal_target: &'a Option<String>,
    sub_id: &'a Option<String>,
    special_instructions: &'a Option<String>,
    pickup_password: Option<&'a soap_runtime::Secret>,
}

/// A `PickupPassword` field, required (`Secret`) or optional (`Option<Secret>`).
trait PickupPasswordField {
    fn given(&self) -> Option<&soap_runtime::Secret>;
}

impl PickupPasswordField for soap_runtime::Secret {
    fn given(&self) -> Option<&soap_runtime::Secret> {
        Some(self)
    }
}

impl PickupPasswordField for Option<soap_runtime::Secret> {
    fn given(&self) -> Option<&soap_runtime::Secret> {
        self.as_ref()
    }
}

/// What the sandbox keeps of a PickupPassword: a verifier, never the password.
fn pickup_verifier(password: Option<&soap_runtime::Secret>) -> Option<PasswordVerifier> {
    password
        .filter(|p| !p.expose().is_empty())
        .and_then(|p| PasswordVerifier::new(p.expose()))
}

/// The [`Common`] fields of the order request `$r`: `$product` is the `ProductCode` text
/// where the operation has one, `$renewal_target` the field naming the renewed order
/// (`renewal_target_order_id` in the older operations).
macro_rules! order_common {
    ($r:expr, $operation:expr, $product:expr, $renewal_target:ident) => {
        Common {
            operation: $operation,
            product: $product,
            year: text_of(&$r.year),
            kind: text_of(&$r.order_kind),
            coupon: &$r.coupon,
            campaign: &$r.campaign,
            renewal_target: &$r.$renewal_target,
            sub_id: &$r.sub_id,
            special_instructions: &$r.special_instructions,
            pickup_password: $r.pickup_password.given(),
        }
    };
}

fn new_order(common: Common<'_>) -> Result<NewOrder, ApiErrors> {
    let product = match &common.product {
        None => common.operation.products()[0],
        Some(text) => ProductCode::parse(text.trim()).ok_or_else(|| {
            ApiError::at(ErrorCode::PRODUCT_NOT_SUPPORTED, "ProductCode").detail(format_args!(
                "{} does not order {text:?}",
                common.operation.name()
            ))
        })?,
    };
    let validity = common
        .year
        .trim()
        .parse()
        .ok()
        .and_then(ValidityYears::from_years)
        .ok_or_else(|| ApiError::at(ErrorCode::OUT_OF_SUPPORT_VALUE, "Year"))?;
    let kind = match common.kind.trim() {
        "new" => OrderKind::New,
        "renewal" => OrderKind::Renewal,
        _ => return Err(ApiError::at(ErrorCode::OUT_OF_SUPPORT_VALUE, "OrderKind").into()),
    };
    let mut order = NewOrder::minimal(common.operation);
    order.product = product;
    order.validity = validity;
    order.kind = kind;
    order.coupon = opt(common.coupon);
    order.campaign = opt(common.campaign);
    order.renewal_target = opt(common.renewal_target).map(OrderId);
    order.sub_id = opt(common.sub_id);
    order.special_instructions = opt(common.special_instructions);
    order.pickup_password = pickup_verifier(common.pickup_password);
    Ok(order)
}

/// Wire text that is required (`String`) or optional (`Option<String>`) in a wire type:
/// trimmed, `None` when empty. Lets one mapping read types that differ only in which of
/// their fields are optional.
trait WireText {
    fn text(&self) -> Option<String>;
}

impl WireText for String {
    fn text(&self) -> Option<String> {
        non_empty(self)
    }
}

impl WireText for Option<String> {
    fn text(&self) -> Option<String> {
        opt(self)
    }
}

/// A full subscriber (organization, address, contact); `Subscriber` and `OSSubscriber`
/// have the same fields and differ only in which are optional.
macro_rules! full_subscriber {
    ($s:expr) => {
        model::Subscriber {
            organization_name: $s.organization_name.text(),
            organization_unit_name: $s.organization_unit_name.text(),
            postal_code: $s.postal_code.text(),
            address_line1: $s.address_line1.text(),
            address_line2: $s.address_line2.text(),
            locality: $s.locality.text(),
            state_or_province: $s.state_or_province.text(),
            credit_research_kind: $s.credit_research_kind.as_ref().map(text_of),
            credit_research_number: $s.credit_research_number.text(),
            country: $s.country.text(),
            first_name: $s.first_name.text(),
            last_name: $s.last_name.text(),
            phone: $s.phone.text(),
            email: $s.email.text(),
            first_name_native: $s.first_name_native.text(),
            last_name_native: $s.last_name_native.text(),
        }
    };
}

fn subscriber_full(s: &t::Subscriber) -> model::Subscriber {
    full_subscriber!(s)
}

fn subscriber_os(s: &t::OSSubscriber) -> model::Subscriber {
    full_subscriber!(s)
}

fn subscriber_ps1(s: &t::PS1Subscriber) -> model::Subscriber {
    model::Subscriber {
        first_name: non_empty(&s.first_name),
        last_name: non_empty(&s.last_name),
        phone: non_empty(&s.phone),
        email: non_empty(&s.email),
        first_name_native: opt(&s.first_name_native),
        last_name_native: opt(&s.last_name_native),
        ..model::Subscriber::default()
    }
}

fn subscriber_ps2(s: &t::PS2Subscriber) -> model::Subscriber {
    model::Subscriber {
        postal_code: non_empty(&s.postal_code),
        address_line1: non_empty(&s.address_line1),
        address_line2: non_empty(&s.address_line2),
        locality: non_empty(&s.locality),
        state_or_province: non_empty(&s.state_or_province),
        country: non_empty(&s.country),
        first_name: non_empty(&s.first_name),
        last_name: non_empty(&s.last_name),
        phone: non_empty(&s.phone),
        email: non_empty(&s.email),
        first_name_native: opt(&s.first_name_native),
        last_name_native: opt(&s.last_name_native),
        ..model::Subscriber::default()
    }
}

/// An EV contact; `ContactInfoEV` and `ApproverInfoEV` differ only in whether JobTitle is
/// optional, so both are read through this macro.
macro_rules! contact_ev {
    ($c:expr, $job_title:expr) => {
        model::Contact {
            first_name: non_empty(&$c.first_name),
            last_name: non_empty(&$c.last_name),
            job_title: $job_title,
            organization_name: non_empty(&$c.organization_name),
            department: opt(&$c.department),
            phone: non_empty(&$c.phone),
            email: non_empty(&$c.email),
            first_name_native: opt(&$c.first_name_native),
            last_name_native: opt(&$c.last_name_native),
            job_title_native: opt(&$c.job_title_native),
            organization_name_native: opt(&$c.organization_name_native),
            department_native: opt(&$c.department_native),
        }
    };
}

fn contact_info_ev(c: &t::ContactInfoEV) -> model::Contact {
    contact_ev!(c, non_empty(&c.job_title))
}

fn approver_info_ev(c: &t::ApproverInfoEV) -> model::Contact {
    contact_ev!(c, opt(&c.job_title))
}

fn organization_ev(
    o: &t::OrganizationInfoEV,
    subscriber: &model::Subscriber,
) -> model::OrganizationInfo {
    let a = &o.organization_address;
    let j = &o.jurisdiction_info;
    model::OrganizationInfo {
        organization_name: subscriber.organization_name.clone(),
        business_category_code: non_empty(&text_of(&o.business_category_code)),
        business_assumed_name: opt(&o.business_assumed_name),
        credit_agency: o.credit_agency.map(|c| c.to_string()),
        organization_code: opt(&o.organization_code),
        address: model::OrganizationAddress {
            address_line1: non_empty(&a.address_line1),
            address_line2: opt(&a.address_line2),
            address_line3: opt(&a.address_line3),
            locality: non_empty(&a.locality),
            state_or_province: non_empty(&a.state_or_province),
            postal_code: opt(&a.postal_code),
            country: non_empty(&a.country),
            phone: non_empty(&a.phone),
            fax: opt(&a.fax),
        },
        jurisdiction: Some(model::Jurisdiction {
            country: non_empty(&j.jurisdiction_country),
            state: opt(&j.jurisdiction_state),
            locality: opt(&j.jurisdiction_locality),
            incorporating_agency_registration_number: opt(
                &j.incorporation_agency_registration_number
            ),
        }),
        requestor: Some(contact_info_ev(&o.requestor_info)),
        approver: Some(approver_info_ev(&o.approver_info)),
        authorized_signer: Some(contact_info_ev(&o.authorized_signer_info)),
    }
}

/// A [`model::Subject`] from the DN attributes `$dn`: each listed field read through
/// [`WireText`] from the attribute of the same name (or `field: attribute`); the others
/// empty.
macro_rules! subject {
    (@read $dn:expr, $field:ident) => {
        $dn.$field.text()
    };
    (@read $dn:expr, $field:ident, $attribute:ident) => {
        $dn.$attribute.text()
    };
    ($dn:expr; $($field:ident $(: $attribute:ident)?),* $(,)?) => {
        model::Subject {
            $($field: subject!(@read $dn, $field $(, $attribute)?),)*
            ..model::Subject::default()
        }
    };
}

fn order_os(r: &t::PcV2OrderOSRequest) -> Result<NewOrder, ApiErrors> {
    let mut order = new_order(order_common!(
        r,
        OrderOperation::OrderOs,
        Some(text_of(&r.product_code)),
        renewal_target_order_id
    ))?;
    // ERRATA E61: PKCS12Option is "not applicable" to OrderOS; ignored.
    order.has_fortify = r.has_fortify.unwrap_or(false);
    let d = &r.dn_attributes;
    order.subject = model::Subject {
        organization: non_empty(&r.subscriber.organization_name),
        ..subject!(d; common_name, country, organization_unit, state_or_province, locality, email)
    };
    order.subscriber = subscriber_os(&r.subscriber);
    Ok(order)
}

fn order_osev(r: &t::PcV2OrderOSEVRequest) -> Result<NewOrder, ApiErrors> {
    let mut order = new_order(order_common!(
        r,
        OrderOperation::OrderOsEv,
        Some(text_of(&r.product_code)),
        renewal_target_order_id
    ))?;
    order.has_fortify = r.has_fortify.unwrap_or(false);
    let d = &r.dn_attributes;
    order.subscriber = subscriber_full(&r.subscriber);
    order.subject = model::Subject {
        organization: order.subscriber.organization_name.clone(),
        ..subject!(d; common_name, country, organization_unit, state_or_province, locality)
    };
    order.organization = Some(organization_ev(&r.organization_info_ev, &order.subscriber));
    Ok(order)
}

macro_rules! ps_common {
    ($r:expr, $operation:expr) => {{
        let mut order = new_order(order_common!($r, $operation, None, renewal_target_order_id))?;
        order.has_csr = $r.has_csr.unwrap_or(false);
        order.pkcs12_option = $r.pkcs12_option.unwrap_or(false);
        order.has_fortify = $r.has_fortify.unwrap_or(false);
        order
    }};
}

fn order_ps1(r: &t::PcV2OrderPS1Request) -> Result<NewOrder, ApiErrors> {
    let mut order = ps_common!(r, OrderOperation::OrderPs1);
    order.subject.email = non_empty(&r.dn_attributes.email);
    order.subscriber = subscriber_ps1(&r.subscriber);
    Ok(order)
}

fn order_ps2(r: &t::PcV2OrderPS2Request) -> Result<NewOrder, ApiErrors> {
    let mut order = ps_common!(r, OrderOperation::OrderPs2);
    let d = &r.dn_attributes;
    order.subject = subject!(d; common_name, country, email);
    order.subscriber = subscriber_ps2(&r.subscriber);
    Ok(order)
}

fn order_ps2_dept(r: &t::PcV2OrderPS2DeptRequest) -> Result<NewOrder, ApiErrors> {
    let mut order = ps_common!(r, OrderOperation::OrderPs2Dept);
    let d = &r.dn_attributes;
    order.subject = subject!(
        d;
        common_name, country, organization, state_or_province, locality, email,
        organizational_identifier,
    );
    order.subscriber = subscriber_os(&r.subscriber);
    Ok(order)
}

fn order_ps2_pro(r: &t::PcV2OrderPS2ProRequest) -> Result<NewOrder, ApiErrors> {
    let mut order = ps_common!(r, OrderOperation::OrderPs2Pro);
    let d = &r.dn_attributes;
    // ERRATA E73: OrganizationUnit is ignored (the life cycle drops it too).
    order.subject = subject!(
        d;
        common_name, given_name, surname: sur_name, country, organization, state_or_province,
        locality, email, organizational_identifier,
    );
    order.subscriber = subscriber_os(&r.subscriber);
    Ok(order)
}

fn issue_type(text: &str, field: &str) -> Result<IssueType, ApiError> {
    text.trim()
        .parse()
        .ok()
        .and_then(IssueType::from_code)
        .ok_or_else(|| ApiError::at(ErrorCode::OUT_OF_SUPPORT_VALUE, field))
}

fn order_aatl(r: &t::PcV2OrderAATLRequest) -> Result<NewOrder, ApiErrors> {
    let mut order = new_order(order_common!(
        r,
        OrderOperation::OrderAatl,
        Some(text_of(&r.product_code)),
        renewal_target_order_id
    ))?;
    order.issue_type = Some(issue_type(&text_of(&r.issue_type), "IssueType")?);
    order.csr = opt(&r.csr);
    order.signature_validity_duration = match &r.signature_validity_duration {
        None => None,
        Some(svd) => Some(
            text_of(svd)
                .trim()
                .parse()
                .ok()
                .filter(|v| matches!(v, 1 | 2))
                .ok_or_else(|| {
                    ApiError::at(ErrorCode::OUT_OF_SUPPORT_VALUE, "SignatureValidityDuration")
                })?,
        ),
    };
    let d = &r.dn_attributes;
    order.subject = subject!(
        d;
        common_name, organization, organization_unit, locality, state_or_province, country, email,
    );
    order.subscriber = subscriber_full(&r.subscriber);
    Ok(order)
}

fn order_qc(r: &t::PcV2OrderQCRequest) -> Result<NewOrder, ApiErrors> {
    let mut order = new_order(order_common!(
        r,
        OrderOperation::OrderQc,
        Some(text_of(&r.product_code)),
        renewal_target_order_id
    ))?;
    order.issue_type = Some(issue_type(&text_of(&r.issue_type), "IssueType")?);
    let d = &r.dn_attributes;
    order.subject = subject!(
        d;
        common_name, organization, organization_unit, locality, state_or_province, country, email,
    );
    order.subscriber = subscriber_full(&r.subscriber);
    Ok(order)
}

fn detail_options(flags: [&Option<String>; 4], prefix: &str) -> Result<DetailOptions, ApiErrors> {
    let names = [
        "ReturnOrderOption",
        "ReturnCertificateInfo",
        "ReturnFulfillment",
        "ReturnCACerts",
    ];
    let mut values = [false; 4];
    let mut errors = Vec::new();
    for (i, flag) in flags.iter().enumerate() {
        if let Some(text) = flag.as_deref().filter(|t| !t.trim().is_empty()) {
            match query::parse_flag(text, &format!("{prefix}/{}", names[i])) {
                Ok(v) => values[i] = v,
                Err(e) => errors.push(e),
            }
        }
    }
    if !errors.is_empty() {
        return Err(ApiErrors(errors));
    }
    Ok(DetailOptions {
        order_option: values[0],
        certificate_info: values[1],
        fulfillment: values[2],
        ca_certs: values[3],
    })
}

/// [`detail_options`] of an `OrderQueryOption` element; its three types
/// (`OrderQueryOption`, `ModifiedOrdersQueryOption`, `OrdersQueryOption`) share the four
/// `Return...` flags.
macro_rules! query_detail_options {
    ($option:expr) => {
        detail_options(
            [
                &$option.return_order_option.map(|b| b.to_string()),
                &$option.return_certificate_info.map(|b| b.to_string()),
                &$option.return_fulfillment.map(|b| b.to_string()),
                &$option.return_ca_certs.map(|b| b.to_string()),
            ],
            "OrderQueryOption",
        )
    };
}

/// The value of a parse that was attempted, collecting its error.
fn keep<T>(errors: &mut Vec<ApiError>, parsed: Option<Result<T, ApiError>>) -> Option<T> {
    match parsed? {
        Ok(value) => Some(value),
        Err(e) => {
            errors.push(e);
            None
        }
    }
}

fn orders_filter(o: &t::OrdersQueryOption) -> Result<OrderFilter, ApiErrors> {
    const P: &str = "OrderQueryOption";
    let mut errors = Vec::new();
    let date = |date: &Option<soap_runtime::Date>, name: &str| {
        date.map(|d| query::parse_query_date(&d.to_string(), &format!("{P}/{name}")))
    };
    let product = o
        .product_code
        .as_ref()
        .map(|p| query::parse_product_code(&text_of(p), &format!("{P}/ProductCode")));
    let order_status = o
        .order_status
        .as_ref()
        .map(|s| query::parse_order_status(&text_of(s), &format!("{P}/OrderStatus")));
    let certificate_status = o
        .certificate_status
        .as_ref()
        .map(|s| query::parse_certificate_status(&text_of(s), &format!("{P}/CertificateStatus")));
    let filter = OrderFilter {
        product: keep(&mut errors, product),
        order_status: keep(&mut errors, order_status),
        certificate_status: keep(&mut errors, certificate_status),
        request_date: query::DateRange {
            from: keep(&mut errors, date(&o.request_date_from, "RequestDateFrom")),
            to: keep(&mut errors, date(&o.request_date_to, "RequestDateTo")),
        },
        issue_date: query::DateRange {
            from: keep(&mut errors, date(&o.issue_date_from, "IssueDateFrom")),
            to: keep(&mut errors, date(&o.issue_date_to, "IssueDateTo")),
        },
        expiration_date: query::DateRange {
            from: keep(
                &mut errors,
                date(&o.expiration_date_from, "ExpirationDateFrom"),
            ),
            to: keep(&mut errors, date(&o.expiration_date_to, "ExpirationDateTo")),
        },
        common_name: opt(&o.common_name),
        order_id: opt(&o.order_id).map(OrderId),
        sub_id: opt(&o.sub_id),
    };
    if errors.is_empty() {
        Ok(filter)
    } else {
        Err(ApiErrors(errors))
    }
}

// ----- Domain → responses -----

fn stamp(t: Option<OffsetDateTime>) -> Option<String> {
    t.map(format_timestamp)
}

fn or_empty(value: &Option<String>) -> String {
    value.clone().unwrap_or_default()
}

fn order_detail(order: &Order, options: DetailOptions, chain: &[CaCertificate]) -> t::OrderDetail {
    let info = t::OrderInfo {
        order_id: order.id.0.clone(),
        product_code: wire_enum(order.product.as_str()),
        order_kind: wire_enum(order.kind.as_str()),
        order_date: stamp(order.dates.order_date),
        order_complete_date: stamp(order.dates.complete_date),
        order_canceled_date: stamp(order.dates.canceled_date),
        order_deactivated_date: stamp(order.dates.deactivated_date),
        order_status: Some(wire_enum(&order.status.code().to_string())),
        price: order.price.clone(),
        currency: order.currency.clone(),
        original_order_id_for_re_issue: order
            .original_order_id_for_reissue
            .as_ref()
            .map(|id| id.0.clone()),
        request_date: stamp(order.dates.request_date).unwrap_or_default(),
        request_before_date: None,
        request_after_date: None,
        issue_date: stamp(order.dates.issue_date),
        cancel_request_date: stamp(order.dates.cancel_request_date),
        revoke_request_date: stamp(order.dates.revoke_request_date),
        validity_period: t::ValidityPeriod {
            not_before: stamp(order.not_before()),
            not_after: stamp(order.not_after()),
        },
    };
    let sub_info = t::OrderSubInfo {
        p12_delete_date: None,
        sub_id: order.sub_id.clone(),
    };
    t::OrderDetail {
        order_info: Some(info),
        order_sub_info: Some(sub_info),
        order_option: options.order_option.then(|| order_option(order)),
        certificate_info: options.certificate_info.then(|| certificate_info(order)),
        fulfillment: fulfillment(order, options, chain),
        modification_events: order
            .events
            .iter()
            .map(|e| t::ModificationEvent {
                modification_event_name: e.name(),
                modification_event_timestamp: format_timestamp(e.timestamp),
            })
            .collect(),
    }
}

fn contact(c: &model::Contact) -> t::ContactInfo {
    t::ContactInfo {
        first_name: or_empty(&c.first_name),
        last_name: or_empty(&c.last_name),
        job_title: or_empty(&c.job_title),
        organization_name: or_empty(&c.organization_name),
        department: or_empty(&c.department),
        phone: or_empty(&c.phone),
        email: or_empty(&c.email),
        first_name_native: or_empty(&c.first_name_native),
        last_name_native: or_empty(&c.last_name_native),
        job_title_native: or_empty(&c.job_title_native),
        organization_name_native: or_empty(&c.organization_name_native),
        department_native: or_empty(&c.department_native),
    }
}

fn order_option(order: &Order) -> t::OrderOption {
    let s = &order.subscriber;
    let org = order.organization.as_ref();
    let address = org.map(|o| &o.address);
    // ERRATA E22: the response's City/Region report the request's Locality/StateOrProvince.
    t::OrderOption {
        organization_info: t::OrganizationInfo {
            organization_name: or_empty(&s.organization_name),
            credit_agency: org.and_then(|o| o.credit_agency.clone()),
            organization_code: org.and_then(|o| o.organization_code.clone()),
            business_assumed_name: org.and_then(|o| o.business_assumed_name.clone()),
            business_category_code: org
                .and_then(|o| o.business_category_code.as_deref())
                .map(wire_enum),
            organization_address: t::OrganizationAddress {
                address_line1: address
                    .and_then(|a| a.address_line1.clone())
                    .or_else(|| s.address_line1.clone())
                    .unwrap_or_default(),
                address_line2: address
                    .and_then(|a| a.address_line2.clone())
                    .or_else(|| s.address_line2.clone()),
                address_line3: address.and_then(|a| a.address_line3.clone()),
                city: address
                    .and_then(|a| a.locality.clone())
                    .or_else(|| s.locality.clone())
                    .unwrap_or_default(),
                region: address
                    .and_then(|a| a.state_or_province.clone())
                    .or_else(|| s.state_or_province.clone())
                    .unwrap_or_default(),
                postal_code: address
                    .and_then(|a| a.postal_code.clone())
                    .or_else(|| s.postal_code.clone())
                    .unwrap_or_default(),
                country: address
                    .and_then(|a| a.country.clone())
                    .or_else(|| s.country.clone())
                    .unwrap_or_default(),
                phone: address
                    .and_then(|a| a.phone.clone())
                    .or_else(|| s.phone.clone())
                    .unwrap_or_default(),
                fax: address.and_then(|a| a.fax.clone()),
            },
        },
        requestor_info: org.and_then(|o| o.requestor.as_ref()).map(contact),
        approver_info: org.and_then(|o| o.approver.as_ref()).map(contact),
        authorized_signer_info: org.and_then(|o| o.authorized_signer.as_ref()).map(contact),
        jurisdiction_info: org
            .and_then(|o| o.jurisdiction.as_ref())
            .map(|j| t::JurisdictionInfo {
                jurisdiction_country: or_empty(&j.country),
                jurisdiction_state: or_empty(&j.state),
                jurisdiction_locality: or_empty(&j.locality),
                incorporation_agency_registration_number: or_empty(
                    &j.incorporating_agency_registration_number,
                ),
            }),
        subscriber: t::Subscriber {
            organization_name: or_empty(&s.organization_name),
            organization_unit_name: s.organization_unit_name.clone(),
            postal_code: or_empty(&s.postal_code),
            address_line1: or_empty(&s.address_line1),
            address_line2: s.address_line2.clone(),
            locality: or_empty(&s.locality),
            state_or_province: or_empty(&s.state_or_province),
            credit_research_kind: s.credit_research_kind.as_deref().map(wire_enum),
            credit_research_number: s.credit_research_number.clone(),
            country: or_empty(&s.country),
            first_name: or_empty(&s.first_name),
            last_name: or_empty(&s.last_name),
            phone: or_empty(&s.phone),
            email: or_empty(&s.email),
            first_name_native: s.first_name_native.clone(),
            last_name_native: s.last_name_native.clone(),
        },
    }
}

fn certificate_info(order: &Order) -> t::CertificateInfo {
    let subject = &order.subject;
    let cert = order.certificate.as_ref();
    t::CertificateInfo {
        certificate_status: wire_enum(&order.certificate_status.code().to_string()),
        start_date: stamp(cert.map(|c| c.not_before)).unwrap_or_default(),
        end_date: stamp(cert.map(|c| c.not_after)).unwrap_or_default(),
        email: or_empty(&subject.email),
        common_name: or_empty(&subject.common_name),
        organization_unit: or_empty(&subject.organization_unit),
        organization: or_empty(&subject.organization),
        locality: or_empty(&subject.locality),
        state_or_province: or_empty(&subject.state_or_province),
        country: or_empty(&subject.country),
        // ERRATA E18: the subject DN's serialNumber, which only DSAATL subjects carry.
        dn_serial_number: subject.serial_number.clone(),
        subject_name: cert.map(|c| c.subject_name.clone()).unwrap_or_default(),
    }
}

fn fulfillment(
    order: &Order,
    options: DetailOptions,
    chain: &[CaCertificate],
) -> Option<t::Fulfillment> {
    let certificate = order
        .certificate
        .as_ref()
        .filter(|_| options.fulfillment)
        .map(|c| t::PcCertificate {
            x509_cert: c.x509_pem.clone(),
            pkcs7_cert: c.pkcs7_pem.clone(),
        });
    let ca_certificates: Vec<t::CACertificate> = if options.ca_certs {
        chain
            .iter()
            .map(|c| t::CACertificate {
                ca_cert_type: c.cert_type.clone(),
                ca_cert: c.pem.clone(),
            })
            .collect()
    } else {
        Vec::new()
    };
    (certificate.is_some() || !ca_certificates.is_empty()).then_some(t::Fulfillment {
        ca_certificates,
        pc_certificate: certificate,
    })
}

// ----- The trait -----

/// The eight order operations of the `Handler`, one row each:
/// `method: Operation => OutputWrapper(Response);`. Each converts its request with the
/// module function named like the method and places the order.
macro_rules! order_operations {
    ($($method:ident: $op:ident => $output:ident($inner:ident);)*) => {$(
        async fn $method(&self, input: t::$op) -> Result<t::$output, Fault> {
            let result = self.run(stringify!($op), &input, input.request.as_ref(), |caller, r| {
                self.emulator.place_order(caller, $method(r)?)
            });
            Ok(t::$output {
                response: Some(t::$inner {
                    order_response_header: self.header(stringify!($op), &result),
                    order_id: result.ok().map(|id| id.0),
                    registration_url: None,
                }),
            })
        }
    )*};
}

impl crate::wire::server::Handler for SandboxService {
    order_operations! {
        order_os: OrderOS => OrderOSResponse(PcV2OrderOSResponse);
        order_osev: OrderOSEV => OrderOSEVResponse(PcV2OrderOSEVResponse);
        order_ps1: OrderPS1 => OrderPS1Response(PcV2OrderPS1Response);
        order_ps2: OrderPS2 => OrderPS2Response(PcV2OrderPS2Response);
        order_ps2_dept: OrderPS2Dept => OrderPS2DeptResponse(PcV2OrderPS2DeptResponse);
        order_ps2_pro: OrderPS2Pro => OrderPS2ProResponse(PcV2OrderPS2ProResponse);
        order_aatl: OrderAATL => OrderAATLResponse(PcV2OrderAATLResponse);
        order_qc: OrderQC => OrderQCResponse(PcV2OrderQCResponse);
    }

    async fn re_issue(&self, input: t::ReIssue) -> Result<t::ReIssueResponse, Fault> {
        let result = self.run("ReIssue", &input, input.request.as_ref(), |caller, r| {
            let parameter = &r.order_parameter;
            let request = ReissueRequest {
                issue_type: issue_type(
                    &text_of(&parameter.issue_type),
                    "OrderParameter/IssueType",
                )?,
                csr: opt(&parameter.csr),
                pickup_password: pickup_verifier(parameter.pickup_password.as_ref()),
            };
            self.emulator
                .reissue(caller, r.target_order_id.trim(), request)
        });
        Ok(t::ReIssueResponse {
            response: Some(t::PcV2ReIssueResponse {
                order_response_header: self.header("ReIssue", &result),
                order_id: result.ok().map(|id| id.0),
            }),
        })
    }

    async fn modify_order(&self, input: t::ModifyOrder) -> Result<t::ModifyOrderResponse, Fault> {
        let result = self.run(
            "ModifyOrder",
            &input,
            input.request.as_ref(),
            |caller, r| {
                let operation = match text_of(&r.modify_order_operation).trim() {
                    "CANCEL" => ModifyOperation::Cancel,
                    "REVOKE" => ModifyOperation::Revoke,
                    _ => {
                        return Err(ApiError::at(
                            ErrorCode::OUT_OF_SUPPORT_VALUE,
                            "ModifyOrderOperation",
                        )
                        .into());
                    }
                };
                self.emulator
                    .modify_order(caller, r.order_id.trim(), operation)
            },
        );
        Ok(t::ModifyOrderResponse {
            response: Some(t::PcV2ModifyOrderResponse {
                order_response_header: self.header("ModifyOrder", &result),
                order_id: result.ok().map(|id| id.0),
            }),
        })
    }

    async fn resend_email(&self, input: t::ResendEmail) -> Result<t::ResendEmailResponse, Fault> {
        let result = self.run(
            "ResendEmail",
            &input,
            input.request.as_ref(),
            |caller, r| {
                self.emulator
                    .resend_email(caller, r.order_id.trim(), text_of(&r.email_type).trim())
            },
        );
        Ok(t::ResendEmailResponse {
            response: Some(t::PcV2ResendEmailResponse {
                order_response_header: self.header("ResendEmail", &result),
            }),
        })
    }

    async fn get_order_by_order_id(
        &self,
        input: t::GetOrderByOrderID,
    ) -> Result<t::GetOrderByOrderIDResponse, Fault> {
        let chain = self.emulator.ca_chain();
        let result = self.run(
            "GetOrderByOrderID",
            &input,
            input.request.as_ref(),
            |caller, r| {
                let options = match &r.order_query_option {
                    Some(o) => query_detail_options!(o)?,
                    None => DetailOptions::default(),
                };
                let order = self.emulator.order_by_id(caller, r.order_id.trim())?;
                Ok(order_detail(&order, options, &chain))
            },
        );
        Ok(t::GetOrderByOrderIDResponse {
            response: Some(t::PcV2GetOrderByOrderIDResponse {
                order_response_header: self.header("GetOrderByOrderID", &result),
                order_detail: result.ok(),
            }),
        })
    }

    async fn get_modified_orders(
        &self,
        input: t::GetModifiedOrders,
    ) -> Result<t::GetModifiedOrdersResponse, Fault> {
        let chain = self.emulator.ca_chain();
        let request = input.request.as_ref();
        let result = self.run("GetModifiedOrders", &input, request, |caller, r| {
            let from = query::parse_date_time(&r.from_date.to_string(), "FromDate");
            let to = query::parse_date_time(&r.to_date.to_string(), "ToDate");
            let (from, to) = match (from, to) {
                (Ok(from), Ok(to)) => (from, to),
                (from, to) => {
                    return Err(ApiErrors(
                        [from.err(), to.err()].into_iter().flatten().collect(),
                    ));
                }
            };
            let (options, status) = match &r.order_query_option {
                Some(o) => (
                    query_detail_options!(o)?,
                    o.order_status
                        .as_ref()
                        .map(|s| {
                            query::parse_order_status(&text_of(s), "OrderQueryOption/OrderStatus")
                        })
                        .transpose()?,
                ),
                None => (DetailOptions::default(), None),
            };
            let orders = self.emulator.modified_orders(caller, from, to, status);
            Ok(orders
                .iter()
                .map(|o| order_detail(o, options, &chain))
                .collect::<Vec<_>>())
        });
        let header = self.header("GetModifiedOrders", &result);
        Ok(t::GetModifiedOrdersResponse {
            response: Some(t::PcV2GetModifiedOrdersResponse {
                order_response_header: header,
                from_date: request.map(|r| r.from_date.to_string()),
                to_date: request.map(|r| r.to_date.to_string()),
                order_detail: result.unwrap_or_default(),
            }),
        })
    }

    async fn get_orders(&self, input: t::GetOrders) -> Result<t::GetOrdersResponse, Fault> {
        let chain = self.emulator.ca_chain();
        let result = self.run("GetOrders", &input, input.request.as_ref(), |caller, r| {
            let (options, filter) = match &r.order_query_option {
                Some(o) => (query_detail_options!(o)?, orders_filter(o)?),
                None => (DetailOptions::default(), OrderFilter::default()),
            };
            let orders = self.emulator.orders(caller, &filter);
            Ok(orders
                .iter()
                .map(|o| order_detail(o, options, &chain))
                .collect::<Vec<_>>())
        });
        let header = self.header("GetOrders", &result);
        Ok(t::GetOrdersResponse {
            response: Some(t::PcV2GetOrdersResponse {
                order_response_header: header,
                order_detail: result.unwrap_or_default(),
            }),
        })
    }
}

/// The generated dispatcher over a [`SandboxService`], as the HTTP layer's handler.
#[derive(Clone, Debug)]
pub struct GeneratedHandler {
    service: SandboxService,
    limits: soap_runtime::Limits,
}

impl GeneratedHandler {
    pub fn new(emulator: Arc<Emulator>, limits: soap_runtime::Limits) -> Self {
        Self {
            service: SandboxService::new(emulator),
            limits,
        }
    }

    /// Adds the warnings injected into `faults` to successful answers.
    pub fn with_faults(mut self, faults: Arc<FaultPlan>) -> Self {
        self.service = self.service.with_faults(faults);
        self
    }
}

impl crate::soap::SoapHandler for GeneratedHandler {
    fn handle(&self, body: bytes::Bytes) -> crate::soap::HandlerFuture<'_> {
        Box::pin(async move {
            let body = crate::spellings::accept_other_spellings(body, &self.limits);
            let result = crate::wire::server::dispatch(&self.service, &body, &self.limits).await;
            if result.status == 500 {
                if let Some(answer) = self.typed_text_error(&body) {
                    return answer;
                }
            }
            result
        })
    }
}

/// The request elements the WSDL declares as `xs:string` and the generated types read as
/// dates (the overlay's `format`): GlobalSign's SOAP layer takes any text there and its
/// application answers −104 (ERRATA E103), so the sandbox does too, instead of the
/// `Client` fault an unreadable typed value gets.
const TYPED_TEXT: &[(&str, &[&str])] = &[
    ("GetModifiedOrders", &["FromDate", "ToDate"]),
    (
        "GetOrders",
        &[
            "RequestDateFrom",
            "RequestDateTo",
            "IssueDateFrom",
            "IssueDateTo",
            "ExpirationDateFrom",
            "ExpirationDateTo",
        ],
    ),
];

impl GeneratedHandler {
    /// −104 at the element, when a request was refused because one of [`TYPED_TEXT`]'s
    /// elements does not read as a date (only looked at after a refusal: the request is
    /// decoded again to find where).
    fn typed_text_error(&self, body: &[u8]) -> Option<soap_runtime::server::DispatchResult> {
        use soap_runtime::envelope::{decode_request, request_info};
        let info = request_info(body, &self.limits).ok()?;
        let (_, names) = TYPED_TEXT.iter().find(|(op, _)| *op == info.name)?;
        let error = match info.name.as_str() {
            "GetModifiedOrders" => decode_request::<t::GetModifiedOrders>(body, &self.limits).err(),
            _ => decode_request::<t::GetOrders>(body, &self.limits).err(),
        }?;
        if !matches!(
            error.kind,
            soap_runtime::DecodeErrorKind::InvalidValue { .. }
        ) {
            return None;
        }
        let local = error.path.rsplit('/').next()?;
        if !names.contains(&local) {
            return None;
        }
        // The field as the application names it (`FromDate`, `OrderQueryOption/IssueDateFrom`).
        let field = match error.path.split_once("/Request/") {
            Some((_, field)) => field.to_owned(),
            None => local.to_owned(),
        };
        let expected = if info.name == "GetModifiedOrders" {
            "expected a date and time like 2017-12-11T12:13:12.025-05:00"
        } else {
            "expected YYYY-MM-DD"
        };
        let errors = ApiErrors::one(ApiError::at(ErrorCode::FORMAT, field).detail(expected));
        Some(crate::soap::api_error_envelope(
            &info.name,
            &errors,
            self.service.emulator.now(),
            info.version,
        ))
    }
}
