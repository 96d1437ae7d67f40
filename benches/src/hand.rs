//! What a user would write by hand without the generator: serde structs derived from
//! `wsdl/GasOrderService.wsdl` (field order as in the schema, `Option` for
//! `minOccurs="0"`, `Vec` for repeated elements, wrapper structs for `Errors`,
//! `CACertificates` and `ModificationEvents`), read with `quick_xml::de`.
//!
//! This is the "serde path" baseline of the decode benchmark; [`OrderOsevRequest`] is
//! also what the raw quick-xml writer of the encode benchmark writes from.

use serde::{Deserialize, Serialize};

/// `soap:Envelope`; quick-xml's deserializer matches local names, so prefixes do not
/// matter.
#[derive(Debug, Deserialize)]
pub struct Envelope<B> {
    #[serde(rename = "Body")]
    pub body: B,
}

/// `soap:Body` of a GetOrders answer.
#[derive(Debug, Deserialize)]
pub struct GetOrdersBody {
    #[serde(rename = "GetOrdersResponse")]
    pub get_orders_response: GetOrdersResponse,
}

/// `soap:Body` of a GetOrderByOrderID answer.
#[derive(Debug, Deserialize)]
pub struct GetOrderByOrderIdBody {
    #[serde(rename = "GetOrderByOrderIDResponse")]
    pub response: GetOrderByOrderIdResponse,
}

#[derive(Debug, Deserialize)]
pub struct GetOrdersResponse {
    #[serde(rename = "Response")]
    pub response: Option<GetOrdersResult>,
}

#[derive(Debug, Deserialize)]
pub struct GetOrdersResult {
    #[serde(rename = "OrderResponseHeader")]
    pub header: OrderResponseHeader,
    #[serde(rename = "OrderDetail", default)]
    pub orders: Vec<OrderDetail>,
}

#[derive(Debug, Deserialize)]
pub struct GetOrderByOrderIdResponse {
    #[serde(rename = "Response")]
    pub response: Option<GetOrderByOrderIdResult>,
}

#[derive(Debug, Deserialize)]
pub struct GetOrderByOrderIdResult {
    #[serde(rename = "OrderResponseHeader")]
    pub header: OrderResponseHeader,
    #[serde(rename = "OrderDetail")]
    pub order: Option<OrderDetail>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct OrderResponseHeader {
    pub success_code: i32,
    pub errors: Option<Errors>,
    pub timestamp: String,
}

#[derive(Debug, Deserialize)]
pub struct Errors {
    #[serde(rename = "Error", default)]
    pub error: Vec<ApiError>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct ApiError {
    pub error_code: String,
    pub error_field: Option<String>,
    pub error_message: String,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct OrderDetail {
    pub order_info: Option<OrderInfo>,
    pub order_sub_info: Option<OrderSubInfo>,
    pub order_option: Option<OrderOption>,
    pub certificate_info: Option<CertificateInfo>,
    pub fulfillment: Option<Fulfillment>,
    pub modification_events: Option<ModificationEvents>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct OrderInfo {
    #[serde(rename = "OrderID")]
    pub order_id: String,
    pub product_code: String,
    pub order_kind: String,
    pub order_date: Option<String>,
    pub order_complete_date: Option<String>,
    pub order_canceled_date: Option<String>,
    pub order_deactivated_date: Option<String>,
    pub order_status: Option<String>,
    pub price: String,
    pub currency: String,
    #[serde(rename = "OriginalOrderIDForReIssue")]
    pub original_order_id_for_reissue: Option<String>,
    pub request_date: String,
    pub request_before_date: Option<String>,
    pub request_after_date: Option<String>,
    pub issue_date: Option<String>,
    pub cancel_request_date: Option<String>,
    pub revoke_request_date: Option<String>,
    pub validity_period: ValidityPeriod,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct ValidityPeriod {
    pub not_before: Option<String>,
    pub not_after: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct OrderSubInfo {
    #[serde(rename = "P12DeleteDate")]
    pub p12_delete_date: Option<String>,
    #[serde(rename = "SubID")]
    pub sub_id: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct OrderOption {
    pub organization_info: OrganizationInfo,
    pub requestor_info: Option<ContactInfo>,
    pub approver_info: Option<ContactInfo>,
    pub authorized_signer_info: Option<ContactInfo>,
    pub jurisdiction_info: Option<JurisdictionInfo>,
    pub subscriber: Subscriber,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct OrganizationInfo {
    pub organization_name: String,
    pub credit_agency: Option<String>,
    pub organization_code: Option<String>,
    pub business_assumed_name: Option<String>,
    pub business_category_code: Option<String>,
    pub organization_address: OrganizationAddress,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct OrganizationAddress {
    pub address_line1: String,
    pub address_line2: Option<String>,
    pub address_line3: Option<String>,
    pub city: String,
    pub region: String,
    pub postal_code: String,
    pub country: String,
    pub phone: String,
    pub fax: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct ContactInfo {
    pub first_name: String,
    pub last_name: String,
    pub job_title: String,
    pub organization_name: String,
    pub department: String,
    pub phone: String,
    pub email: String,
    pub first_name_native: String,
    pub last_name_native: String,
    pub job_title_native: String,
    pub organization_name_native: String,
    pub department_native: String,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct JurisdictionInfo {
    pub jurisdiction_country: String,
    pub jurisdiction_state: String,
    pub jurisdiction_locality: String,
    pub incorporation_agency_registration_number: String,
}

/// `Subscriber` (shared by OrderOption and the OSEV/AATL/QC requests).
#[derive(Debug, Deserialize, Serialize, Clone)]
#[serde(rename_all = "PascalCase")]
pub struct Subscriber {
    pub organization_name: String,
    pub organization_unit_name: Option<String>,
    pub postal_code: String,
    pub address_line1: String,
    pub address_line2: Option<String>,
    pub locality: String,
    pub state_or_province: String,
    pub credit_research_kind: Option<i32>,
    pub credit_research_number: Option<String>,
    pub country: String,
    pub first_name: String,
    pub last_name: String,
    pub phone: String,
    pub email: String,
    pub first_name_native: Option<String>,
    pub last_name_native: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct CertificateInfo {
    pub certificate_status: String,
    pub start_date: String,
    pub end_date: String,
    pub email: String,
    pub common_name: String,
    pub organization_unit: String,
    pub organization: String,
    pub locality: String,
    pub state_or_province: String,
    pub country: String,
    #[serde(rename = "DNSerialNumber")]
    pub dn_serial_number: Option<String>,
    pub subject_name: String,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct Fulfillment {
    #[serde(rename = "CACertificates")]
    pub ca_certificates: Option<CaCertificates>,
    pub pc_certificate: Option<PcCertificate>,
}

#[derive(Debug, Deserialize)]
pub struct CaCertificates {
    #[serde(rename = "CACertificate", default)]
    pub ca_certificate: Vec<CaCertificate>,
}

#[derive(Debug, Deserialize)]
pub struct CaCertificate {
    #[serde(rename = "CACertType")]
    pub ca_cert_type: String,
    #[serde(rename = "CACert")]
    pub ca_cert: String,
}

#[derive(Debug, Deserialize)]
pub struct PcCertificate {
    #[serde(rename = "X509Cert")]
    pub x509_cert: String,
    #[serde(rename = "PKCS7Cert")]
    pub pkcs7_cert: String,
}

#[derive(Debug, Deserialize)]
pub struct ModificationEvents {
    #[serde(rename = "ModificationEvent", default)]
    pub modification_event: Vec<ModificationEvent>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct ModificationEvent {
    pub modification_event_name: String,
    pub modification_event_timestamp: String,
}

// ---- OrderOSEV request -------------------------------------------------------------

/// `soap:Body` of an OrderOSEV request.
#[derive(Debug, Deserialize)]
pub struct OrderOsevBody {
    #[serde(rename = "OrderOSEV")]
    pub order_osev: OrderOsev,
}

#[derive(Debug, Deserialize, Serialize, Clone)]
pub struct OrderOsev {
    #[serde(rename = "Request")]
    pub request: Option<OrderOsevRequest>,
}

/// `PcV2OrderOSEVRequest`.
#[derive(Debug, Deserialize, Serialize, Clone)]
#[serde(rename_all = "PascalCase")]
pub struct OrderOsevRequest {
    pub order_request_header: OrderRequestHeader,
    pub product_code: String,
    pub year: i32,
    pub order_kind: String,
    pub coupon: Option<String>,
    pub campaign: Option<String>,
    pub pickup_password: String,
    pub has_fortify: Option<bool>,
    #[serde(rename = "RenewalTergetOrderID")]
    pub renewal_target_order_id: Option<String>,
    pub dn_attributes: OsevDnAttributes,
    pub subscriber: Subscriber,
    #[serde(rename = "OrganizationInfoEV")]
    pub organization_info_ev: OrganizationInfoEv,
    #[serde(rename = "SubID")]
    pub sub_id: Option<String>,
    pub special_instructions: Option<String>,
}

#[derive(Debug, Deserialize, Serialize, Clone)]
#[serde(rename_all = "PascalCase")]
pub struct OrderRequestHeader {
    pub auth_token: AuthToken,
}

#[derive(Debug, Deserialize, Serialize, Clone)]
#[serde(rename_all = "PascalCase")]
pub struct AuthToken {
    pub user_name: String,
    pub password: String,
}

#[derive(Debug, Deserialize, Serialize, Clone)]
#[serde(rename_all = "PascalCase")]
pub struct OsevDnAttributes {
    pub common_name: String,
    pub country: String,
    pub organization_unit: Option<String>,
    pub state_or_province: String,
    pub locality: String,
}

#[derive(Debug, Deserialize, Serialize, Clone)]
#[serde(rename_all = "PascalCase")]
pub struct OrganizationInfoEv {
    pub business_category_code: String,
    pub business_assumed_name: Option<String>,
    pub business_assumed_name_native: Option<String>,
    pub credit_agency: Option<i32>,
    pub organization_code: Option<String>,
    pub jurisdiction_info: JurisdictionInfoEv,
    pub organization_address: OrganizationAddressEv,
    pub requestor_info: ContactInfoEv,
    pub approver_info: ContactInfoEv,
    pub authorized_signer_info: ContactInfoEv,
}

#[derive(Debug, Deserialize, Serialize, Clone)]
#[serde(rename_all = "PascalCase")]
pub struct JurisdictionInfoEv {
    pub jurisdiction_country: String,
    pub jurisdiction_state: Option<String>,
    pub jurisdiction_locality: Option<String>,
    pub incorporation_agency_registration_number: Option<String>,
}

#[derive(Debug, Deserialize, Serialize, Clone)]
#[serde(rename_all = "PascalCase")]
pub struct OrganizationAddressEv {
    pub address_line1: String,
    pub address_line2: Option<String>,
    pub address_line3: Option<String>,
    pub locality: String,
    pub state_or_province: String,
    pub postal_code: Option<String>,
    pub country: String,
    pub phone: String,
    pub fax: Option<String>,
    pub address_line1_native: Option<String>,
    pub address_line2_native: Option<String>,
    pub locality_native: Option<String>,
    pub state_or_province_native: Option<String>,
}

/// `ContactInfoEV` and `ApproverInfoEV` (the same fields; only `JobTitle`'s optionality
/// differs, which a hand-written model would not bother with).
#[derive(Debug, Deserialize, Serialize, Clone)]
#[serde(rename_all = "PascalCase")]
pub struct ContactInfoEv {
    pub first_name: String,
    pub last_name: String,
    pub job_title: Option<String>,
    pub organization_name: String,
    pub department: Option<String>,
    pub phone: String,
    pub email: String,
    pub first_name_native: Option<String>,
    pub last_name_native: Option<String>,
    pub job_title_native: Option<String>,
    pub organization_name_native: Option<String>,
    pub department_native: Option<String>,
}

/// Reads a GetOrders answer with `quick_xml::de`.
pub fn decode_get_orders(bytes: &[u8]) -> Result<GetOrdersResponse, quick_xml::DeError> {
    let text = std::str::from_utf8(bytes).map_err(|e| quick_xml::DeError::Custom(e.to_string()))?;
    let envelope: Envelope<GetOrdersBody> = quick_xml::de::from_str(text)?;
    Ok(envelope.body.get_orders_response)
}

/// Reads an OrderOSEV request with `quick_xml::de` (the encode benchmark's input).
pub fn decode_order_osev(bytes: &[u8]) -> Result<OrderOsev, quick_xml::DeError> {
    let text = std::str::from_utf8(bytes).map_err(|e| quick_xml::DeError::Custom(e.to_string()))?;
    let envelope: Envelope<OrderOsevBody> = quick_xml::de::from_str(text)?;
    Ok(envelope.body.order_osev)
}
