//! The sandbox's domain model: orders, their status codes and modification events, as the
//! spec's section 14 tables define them.
//!
//! Independent of the generated wire types on purpose: the emulator's rules are written
//! (and unit-tested) against this model, and the SOAP seam converts at the edge. The model
//! is serde-serialisable because the persistent store keeps orders as JSON documents.

use std::fmt;

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

/// An order's ID as GlobalSign assigns it (`OrderID`, String/50).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct OrderId(pub String);

impl OrderId {
    /// The ID for the `n`th order the sandbox creates: `CESB` + ten digits, the same
    /// length (14) as GlobalSign's own IDs (`CEAP1609307388`).
    pub fn from_sequence(n: u64) -> Self {
        Self(format!("CESB{n:010}"))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for OrderId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Product codes, spec section 14.1.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum ProductCode {
    OsMulti,
    OsEv,
    Ps1,
    Ps2,
    Ps2Pro,
    Ps2Dept,
    DsAatl,
    DsQcSignature,
    DsQcSeal,
}

impl ProductCode {
    pub const ALL: [ProductCode; 9] = [
        Self::OsMulti,
        Self::OsEv,
        Self::Ps1,
        Self::Ps2,
        Self::Ps2Pro,
        Self::Ps2Dept,
        Self::DsAatl,
        Self::DsQcSignature,
        Self::DsQcSeal,
    ];

    /// The code as it appears on the wire.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::OsMulti => "OSMulti",
            Self::OsEv => "OSEV",
            Self::Ps1 => "PS1",
            Self::Ps2 => "PS2",
            Self::Ps2Pro => "PS2Pro",
            Self::Ps2Dept => "PS2Dept",
            Self::DsAatl => "DSAATL",
            Self::DsQcSignature => "DSQCSignature",
            Self::DsQcSeal => "DSQCSeal",
        }
    }

    /// Parses a wire code (exact match, as GlobalSign compares them).
    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|p| p.as_str() == code)
    }

    /// Whether GlobalSign vets the organisation before issuing (the order passes through
    /// "Waiting for validating" / "Validated"): everything with an organisation in the
    /// certificate. PersonalSign 1 and 2 are e-mail-validated only.
    pub fn needs_vetting(self) -> bool {
        !matches!(self, Self::Ps1 | Self::Ps2)
    }
}

impl fmt::Display for ProductCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The eight ordering operations (spec sections 4–11); each accepts some products.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum OrderOperation {
    OrderOs,
    OrderOsEv,
    OrderPs1,
    OrderPs2,
    OrderPs2Dept,
    OrderPs2Pro,
    OrderAatl,
    OrderQc,
}

impl OrderOperation {
    /// The wire name of the operation.
    pub fn name(self) -> &'static str {
        match self {
            Self::OrderOs => "OrderOS",
            Self::OrderOsEv => "OrderOSEV",
            Self::OrderPs1 => "OrderPS1",
            Self::OrderPs2 => "OrderPS2",
            Self::OrderPs2Dept => "OrderPS2Dept",
            Self::OrderPs2Pro => "OrderPS2Pro",
            Self::OrderAatl => "OrderAATL",
            Self::OrderQc => "OrderQC",
        }
    }

    /// The element naming a renewal's original order, spelled as this operation's outline
    /// spells it (ERRATA E16): `RenewalTergetOrderID` in the six older operations,
    /// `RenewalTargetOrderID` in OrderAATL and OrderQC. Also the `ErrorField` of the
    /// renewal rules.
    pub fn renewal_target_element(self) -> &'static str {
        match self {
            Self::OrderAatl | Self::OrderQc => "RenewalTargetOrderID",
            _ => "RenewalTergetOrderID",
        }
    }

    /// The products this operation orders (section 14.1, "Used in").
    pub fn products(self) -> &'static [ProductCode] {
        match self {
            Self::OrderOs => &[ProductCode::OsMulti],
            Self::OrderOsEv => &[ProductCode::OsEv],
            Self::OrderPs1 => &[ProductCode::Ps1],
            Self::OrderPs2 => &[ProductCode::Ps2],
            Self::OrderPs2Dept => &[ProductCode::Ps2Dept],
            Self::OrderPs2Pro => &[ProductCode::Ps2Pro],
            Self::OrderAatl => &[ProductCode::DsAatl],
            Self::OrderQc => &[ProductCode::DsQcSignature, ProductCode::DsQcSeal],
        }
    }
}

/// Order status, spec section 14.3 (the "Value" column is the wire value).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum OrderStatus {
    Initial,
    CancelledNotIssued,
    IssueCompleted,
    CancelledIssued,
    WaitingForValidating,
    Validated,
    InitialExpired,
}

impl OrderStatus {
    pub const ALL: [OrderStatus; 7] = [
        Self::Initial,
        Self::CancelledNotIssued,
        Self::IssueCompleted,
        Self::CancelledIssued,
        Self::WaitingForValidating,
        Self::Validated,
        Self::InitialExpired,
    ];

    pub fn code(self) -> u8 {
        match self {
            Self::Initial => 1,
            Self::CancelledNotIssued => 3,
            Self::IssueCompleted => 4,
            Self::CancelledIssued => 5,
            Self::WaitingForValidating => 6,
            Self::Validated => 7,
            Self::InitialExpired => 8,
        }
    }

    pub fn from_code(code: u8) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.code() == code)
    }

    /// Whether the order has been cancelled (before or after issue).
    pub fn is_cancelled(self) -> bool {
        matches!(self, Self::CancelledNotIssued | Self::CancelledIssued)
    }
}

/// Certificate status, spec section 14.4.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum CertificateStatus {
    Initial,
    Issued,
    Revoked,
    WaitingForRevocation,
}

impl CertificateStatus {
    pub const ALL: [CertificateStatus; 4] = [
        Self::Initial,
        Self::Issued,
        Self::Revoked,
        Self::WaitingForRevocation,
    ];

    pub fn code(self) -> u8 {
        match self {
            Self::Initial => 0,
            Self::Issued => 10,
            Self::Revoked => 30,
            Self::WaitingForRevocation => 50,
        }
    }

    pub fn from_code(code: u8) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.code() == code)
    }
}

/// The action half of a `ModificationEventName`, spec section 14.5.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ActionCode {
    Initial,
    CertificateConfirmed,
    CertificateRejected,
    RequestedForRa,
    VettingComplete,
    VettingDenial,
    ApproverCancelled,
    CertificateIssued,
    CancelledBeforeIssue,
    CancelledAfterIssue,
    CancelRequest,
    RevokeRequest,
    Revoked,
    ReIssued,
    Transference,
    Reissue,
    ErrorRecover,
    RevokeCancelled,
    ReIssueRequest,
    OriginOrderCancelRequest,
    ResendApproverEmail,
    InitialExpired,
}

impl ActionCode {
    pub fn code(self) -> u8 {
        match self {
            Self::Initial => 0,
            Self::CertificateConfirmed => 1,
            Self::CertificateRejected => 2,
            Self::RequestedForRa => 3,
            Self::VettingComplete => 4,
            Self::VettingDenial => 5,
            Self::ApproverCancelled => 6,
            Self::CertificateIssued => 7,
            Self::CancelledBeforeIssue => 8,
            Self::CancelledAfterIssue => 9,
            Self::CancelRequest => 10,
            Self::RevokeRequest => 11,
            Self::Revoked => 12,
            Self::ReIssued => 14,
            Self::Transference => 15,
            Self::Reissue => 16,
            Self::ErrorRecover => 17,
            Self::RevokeCancelled => 23,
            Self::ReIssueRequest => 24,
            Self::OriginOrderCancelRequest => 25,
            Self::ResendApproverEmail => 26,
            Self::InitialExpired => 27,
        }
    }
}

/// The result half of a `ModificationEventName`, spec section 14.5.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ResultCode {
    Succeed,
    Warning,
    Error,
}

impl ResultCode {
    pub fn code(self) -> i8 {
        match self {
            Self::Succeed => 0,
            Self::Warning => 1,
            Self::Error => -1,
        }
    }
}

/// One entry of `ModificationEvents`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ModificationEvent {
    pub action: ActionCode,
    pub result: ResultCode,
    #[serde(with = "time::serde::rfc3339")]
    pub timestamp: OffsetDateTime,
}

impl ModificationEvent {
    /// `ModificationEventName`: "a combination of Action code and result code" (section
    /// 14.5), at most 5 characters (section 13). The spec gives no separator; the sandbox
    /// writes `<action>,<result>` (`7,0`, `27,-1`), which is the only readable form that
    /// fits 5 characters for every pair.
    pub fn name(&self) -> String {
        format!("{},{}", self.action.code(), self.result.code())
    }
}

/// `OrderKind`: new or renewal.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum OrderKind {
    New,
    Renewal,
}

impl OrderKind {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::New => "new",
            Self::Renewal => "renewal",
        }
    }
}

/// `IssueType` of OrderAATL, OrderQC and ReIssue: 0 REGISTER, 1 ISSUE, 2 Fortify.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum IssueType {
    /// The order is registered; the subscriber picks the certificate up later.
    Register,
    /// Issue now, from the CSR in the request.
    Issue,
    /// Key generated in a Fortify (cloud HSM) service; picked up later like REGISTER.
    Fortify,
}

impl IssueType {
    pub fn code(self) -> u8 {
        match self {
            Self::Register => 0,
            Self::Issue => 1,
            Self::Fortify => 2,
        }
    }

    pub fn from_code(code: u8) -> Option<Self> {
        match code {
            0 => Some(Self::Register),
            1 => Some(Self::Issue),
            2 => Some(Self::Fortify),
            _ => None,
        }
    }
}

/// Validity in years (`Year`), spec section 14.2: 1, 2 or 3 years of 366, 731, 1096 days.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ValidityYears {
    One,
    Two,
    Three,
}

impl ValidityYears {
    pub fn from_years(years: u8) -> Option<Self> {
        match years {
            1 => Some(Self::One),
            2 => Some(Self::Two),
            3 => Some(Self::Three),
            _ => None,
        }
    }

    pub fn years(self) -> u8 {
        match self {
            Self::One => 1,
            Self::Two => 2,
            Self::Three => 3,
        }
    }

    /// The certificate validity period in days (section 14.2 table).
    pub fn days(self) -> i64 {
        match self {
            Self::One => 366,
            Self::Two => 731,
            Self::Three => 1096,
        }
    }
}

/// The subject DN the certificate will carry (`DnAttributes`). Every field is optional
/// because each product uses a different subset.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Subject {
    pub common_name: Option<String>,
    pub given_name: Option<String>,
    pub surname: Option<String>,
    pub organization: Option<String>,
    pub organization_unit: Option<String>,
    pub locality: Option<String>,
    pub state_or_province: Option<String>,
    pub country: Option<String>,
    pub email: Option<String>,
    pub organizational_identifier: Option<String>,
    /// The DN's serialNumber attribute, which GlobalSign assigns to DSAATL subjects and
    /// reports as `DNSerialNumber` (release note 2.4.4, L49–50; ERRATA E18).
    #[serde(default)]
    pub serial_number: Option<String>,
}

/// The `Subscriber` block (vetting data, not for the DN).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Subscriber {
    pub organization_name: Option<String>,
    pub organization_unit_name: Option<String>,
    pub postal_code: Option<String>,
    pub address_line1: Option<String>,
    pub address_line2: Option<String>,
    pub locality: Option<String>,
    pub state_or_province: Option<String>,
    pub credit_research_kind: Option<String>,
    pub credit_research_number: Option<String>,
    pub country: Option<String>,
    pub first_name: Option<String>,
    pub last_name: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub first_name_native: Option<String>,
    pub last_name_native: Option<String>,
}

/// A contact of an EV order (`RequestorInfo`, `ApproverInfo`, `AuthorizedSignerInfo`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Contact {
    pub first_name: Option<String>,
    pub last_name: Option<String>,
    pub job_title: Option<String>,
    pub organization_name: Option<String>,
    pub department: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub first_name_native: Option<String>,
    pub last_name_native: Option<String>,
    pub job_title_native: Option<String>,
    pub organization_name_native: Option<String>,
    pub department_native: Option<String>,
}

/// An address in `OrganizationInfoEV` / `OrganizationInfo`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrganizationAddress {
    pub address_line1: Option<String>,
    pub address_line2: Option<String>,
    pub address_line3: Option<String>,
    pub locality: Option<String>,
    pub state_or_province: Option<String>,
    pub postal_code: Option<String>,
    pub country: Option<String>,
    pub phone: Option<String>,
    pub fax: Option<String>,
}

/// `JurisdictionInfo` of an EV order.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Jurisdiction {
    pub country: Option<String>,
    pub state: Option<String>,
    pub locality: Option<String>,
    pub incorporating_agency_registration_number: Option<String>,
}

/// `OrganizationInfoEV` (OrderOSEV only); returned as `OrderOption` by the queries.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrganizationInfo {
    pub organization_name: Option<String>,
    pub business_category_code: Option<String>,
    pub business_assumed_name: Option<String>,
    pub credit_agency: Option<String>,
    pub organization_code: Option<String>,
    pub address: OrganizationAddress,
    pub jurisdiction: Option<Jurisdiction>,
    pub requestor: Option<Contact>,
    pub approver: Option<Contact>,
    pub authorized_signer: Option<Contact>,
}

/// A certificate the sandbox's test CA issued for an order.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct IssuedCertificate {
    /// The end-entity certificate, PEM (`X509Cert`).
    pub x509_pem: String,
    /// The certificate and its chain as a certs-only PKCS#7, PEM (`PKCS7Cert`).
    pub pkcs7_pem: String,
    /// Serial number, upper-case hex without separators.
    pub serial_hex: String,
    /// The subject as an RFC 4514 string (`SubjectName`).
    pub subject_name: String,
    #[serde(with = "time::serde::rfc3339")]
    pub not_before: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339")]
    pub not_after: OffsetDateTime,
}

/// One CA certificate of the chain (`CACertificate`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaCertificate {
    /// `CACertType`: `ROOT` or `INTER`, as GlobalSign's other APIs name them.
    pub cert_type: String,
    pub pem: String,
}

/// The dates an order carries (`OrderInfo`), all optional until the step happens.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrderDates {
    #[serde(with = "time::serde::rfc3339::option", default)]
    pub request_date: Option<OffsetDateTime>,
    #[serde(with = "time::serde::rfc3339::option", default)]
    pub order_date: Option<OffsetDateTime>,
    #[serde(with = "time::serde::rfc3339::option", default)]
    pub complete_date: Option<OffsetDateTime>,
    #[serde(with = "time::serde::rfc3339::option", default)]
    pub canceled_date: Option<OffsetDateTime>,
    #[serde(with = "time::serde::rfc3339::option", default)]
    pub deactivated_date: Option<OffsetDateTime>,
    #[serde(with = "time::serde::rfc3339::option", default)]
    pub issue_date: Option<OffsetDateTime>,
    #[serde(with = "time::serde::rfc3339::option", default)]
    pub cancel_request_date: Option<OffsetDateTime>,
    #[serde(with = "time::serde::rfc3339::option", default)]
    pub revoke_request_date: Option<OffsetDateTime>,
}

/// An order as the sandbox keeps it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Order {
    pub id: OrderId,
    /// The `UserName` that placed the order; only it may see or change the order.
    pub account: String,
    pub product: ProductCode,
    pub kind: OrderKind,
    pub validity: ValidityYears,
    pub status: OrderStatus,
    pub certificate_status: CertificateStatus,
    pub issue_type: Option<IssueType>,
    pub has_csr: bool,
    pub pkcs12_option: bool,
    pub has_fortify: bool,
    pub subject: Subject,
    pub subscriber: Subscriber,
    /// Where the pick-up e-mails go: the DN's Email, else the Subscriber's (section 11.1,
    /// L1872–1873, ERRATA E70).
    #[serde(default)]
    pub pickup_email: Option<String>,
    pub organization: Option<OrganizationInfo>,
    pub coupon: Option<String>,
    pub campaign: Option<String>,
    pub sub_id: Option<String>,
    pub special_instructions: Option<String>,
    /// AATL only: 1 (< 10 years) or 2 (> 10 years).
    pub signature_validity_duration: Option<u8>,
    pub renewal_target: Option<OrderId>,
    pub original_order_id_for_reissue: Option<OrderId>,
    /// A CSR given with the order, kept until the certificate is issued from it.
    pub csr_pem: Option<String>,
    /// For a reissue: the original's `NotAfter`, which the new certificate keeps.
    #[serde(with = "time::serde::rfc3339::option", default)]
    pub reissue_not_after: Option<OffsetDateTime>,
    pub dates: OrderDates,
    pub events: Vec<ModificationEvent>,
    pub certificate: Option<IssuedCertificate>,
    pub price: String,
    pub currency: String,
    /// The subscriber's pick-up (out of the API): password verifier, generated key, log.
    #[serde(default)]
    pub pickup: crate::pickup::PickupState,
}

impl Order {
    /// `ValidityPeriod/NotBefore` (once issued).
    pub fn not_before(&self) -> Option<OffsetDateTime> {
        self.certificate.as_ref().map(|c| c.not_before)
    }

    /// `ValidityPeriod/NotAfter` (once issued).
    pub fn not_after(&self) -> Option<OffsetDateTime> {
        self.certificate.as_ref().map(|c| c.not_after)
    }

    /// The time of the latest modification event.
    pub fn last_modified(&self) -> Option<OffsetDateTime> {
        self.events.iter().map(|e| e.timestamp).max()
    }

    pub(crate) fn record(&mut self, action: ActionCode, at: OffsetDateTime) {
        self.events.push(ModificationEvent {
            action,
            result: ResultCode::Succeed,
            timestamp: at,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn order_status_codes_match_section_14_3() {
        let codes: Vec<u8> = OrderStatus::ALL.iter().map(|s| s.code()).collect();
        assert_eq!(codes, [1, 3, 4, 5, 6, 7, 8]);
        assert_eq!(OrderStatus::from_code(8), Some(OrderStatus::InitialExpired));
        assert_eq!(OrderStatus::from_code(2), None);
    }

    #[test]
    fn certificate_status_codes_match_section_14_4() {
        let codes: Vec<u8> = CertificateStatus::ALL.iter().map(|s| s.code()).collect();
        assert_eq!(codes, [0, 10, 30, 50]);
    }

    #[test]
    fn event_names_fit_five_characters() {
        let at = OffsetDateTime::UNIX_EPOCH;
        let e = ModificationEvent {
            action: ActionCode::InitialExpired,
            result: ResultCode::Error,
            timestamp: at,
        };
        assert_eq!(e.name(), "27,-1");
        assert!(e.name().len() <= 5);
    }

    #[test]
    fn validity_days_match_section_14_2() {
        assert_eq!(ValidityYears::One.days(), 366);
        assert_eq!(ValidityYears::Two.days(), 731);
        assert_eq!(ValidityYears::Three.days(), 1096);
        assert_eq!(ValidityYears::from_years(4), None);
    }

    #[test]
    fn product_codes_round_trip() {
        for p in ProductCode::ALL {
            assert_eq!(ProductCode::parse(p.as_str()), Some(p));
        }
        assert_eq!(ProductCode::parse("ps1"), None);
    }

    #[test]
    fn order_ids_have_globalsigns_length() {
        assert_eq!(OrderId::from_sequence(42).as_str(), "CESB0000000042");
        assert_eq!(OrderId::from_sequence(42).as_str().len(), 14);
    }
}
