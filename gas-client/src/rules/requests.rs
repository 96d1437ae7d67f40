//! The one rule table: which of the overlay's cross-field rules apply to which operation.
//!
//! [`RequestRules::rule_violations`] is the entry point per operation, implemented on each
//! generated request type (`PcV2OrderOSRequest`, ...). The client calls it before sending
//! and the sandbox on receipt, so the two cannot apply different rules to the same request.
//! It is wire code (no transport): it reads the generated types only.

use super::{
    coupon_or_campaign, csr_key_checks, has_csr_or_pkcs12, os_pkcs12_not_applicable,
    product_code_for_operation, ps2dept_common_name, ps2pro_common_name_matches,
    ps2pro_surname_required, qc_dn_for_product, qc_future_use, qc_pickup_password_required,
};
use crate::generated::types::{
    PcV2GetModifiedOrdersRequest, PcV2GetOrderByOrderIDRequest, PcV2GetOrdersRequest,
    PcV2ModifyOrderRequest, PcV2OrderAATLRequest, PcV2OrderOSEVRequest, PcV2OrderOSRequest,
    PcV2OrderPS1Request, PcV2OrderPS2DeptRequest, PcV2OrderPS2ProRequest, PcV2OrderPS2Request,
    PcV2OrderQCRequest, PcV2ReIssueRequest, PcV2ResendEmailRequest,
};
use crate::validation::Violation;

/// The stateless cross-field rules of one operation's request (the content of
/// `<Request>`), in the overlay's order. Field-by-field checks (lengths, value sets,
/// formats) are the generated `Validate`; rules that need stored orders are the server's
/// ([`super::SERVER_SIDE`]).
pub trait RequestRules {
    /// The wire name of the operation (`OrderOS`).
    const OPERATION: &'static str;
    /// Every rule this request breaks; empty when it breaks none.
    fn rule_violations(&self) -> Vec<Violation>;
}

/// `coupon-or-campaign`, which every order has.
fn order_rules(coupon: &Option<String>, campaign: &Option<String>) -> Vec<Violation> {
    coupon_or_campaign(coupon.as_deref(), campaign.as_deref())
        .into_iter()
        .collect()
}

impl RequestRules for PcV2OrderOSRequest {
    const OPERATION: &'static str = "OrderOS";
    fn rule_violations(&self) -> Vec<Violation> {
        let mut out = order_rules(&self.coupon, &self.campaign);
        out.extend(product_code_for_operation(
            Self::OPERATION,
            self.product_code.as_str(),
        ));
        out.extend(os_pkcs12_not_applicable(self.pkcs12_option));
        out
    }
}

impl RequestRules for PcV2OrderOSEVRequest {
    const OPERATION: &'static str = "OrderOSEV";
    fn rule_violations(&self) -> Vec<Violation> {
        let mut out = order_rules(&self.coupon, &self.campaign);
        out.extend(product_code_for_operation(
            Self::OPERATION,
            self.product_code.as_str(),
        ));
        out
    }
}

/// The PersonalSign orders without rules of their own: coupon or campaign, HasCSR or
/// PKCS12Option.
macro_rules! personal_sign_rules {
    ($($ty:ident: $op:literal;)*) => {$(
        impl RequestRules for $ty {
            const OPERATION: &'static str = $op;
            fn rule_violations(&self) -> Vec<Violation> {
                let mut out = order_rules(&self.coupon, &self.campaign);
                out.extend(has_csr_or_pkcs12(self.has_csr, self.pkcs12_option));
                out
            }
        }
    )*};
}

personal_sign_rules! {
    PcV2OrderPS1Request: "OrderPS1";
    PcV2OrderPS2Request: "OrderPS2";
}

impl RequestRules for PcV2OrderPS2DeptRequest {
    const OPERATION: &'static str = "OrderPS2Dept";
    /// Also: the common name is the e-mail or the organization.
    fn rule_violations(&self) -> Vec<Violation> {
        let mut out = order_rules(&self.coupon, &self.campaign);
        out.extend(has_csr_or_pkcs12(self.has_csr, self.pkcs12_option));
        let dn = &self.dn_attributes;
        out.extend(ps2dept_common_name(
            Some(&dn.common_name),
            Some(&dn.email),
            Some(&dn.organization),
        ));
        out
    }
}

impl RequestRules for PcV2OrderPS2ProRequest {
    const OPERATION: &'static str = "OrderPS2Pro";
    /// Also: a surname, and a common name made of the given name and surname.
    fn rule_violations(&self) -> Vec<Violation> {
        let mut out = order_rules(&self.coupon, &self.campaign);
        out.extend(has_csr_or_pkcs12(self.has_csr, self.pkcs12_option));
        let dn = &self.dn_attributes;
        out.extend(ps2pro_surname_required(dn.sur_name.as_deref()));
        out.extend(ps2pro_common_name_matches(
            dn.common_name.as_deref(),
            dn.given_name.as_deref(),
            dn.sur_name.as_deref(),
        ));
        out
    }
}

impl RequestRules for PcV2OrderAATLRequest {
    const OPERATION: &'static str = "OrderAATL";
    /// Also: the key of a given CSR.
    fn rule_violations(&self) -> Vec<Violation> {
        let mut out = order_rules(&self.coupon, &self.campaign);
        out.extend(product_code_for_operation(
            Self::OPERATION,
            self.product_code.as_str(),
        ));
        if let Some(csr) = self.csr.as_deref() {
            out.extend(csr_key_checks(csr, false));
        }
        out
    }
}

impl RequestRules for PcV2OrderQCRequest {
    const OPERATION: &'static str = "OrderQC";
    /// Also: the DN the product needs, the mandatory `PickupPassword`, and the fields
    /// reserved for future use.
    fn rule_violations(&self) -> Vec<Violation> {
        let mut out = order_rules(&self.coupon, &self.campaign);
        out.extend(product_code_for_operation(
            Self::OPERATION,
            self.product_code.as_str(),
        ));
        let dn = &self.dn_attributes;
        out.extend(qc_dn_for_product(
            self.product_code.as_str(),
            dn.common_name.as_deref(),
            dn.organization.as_deref(),
        ));
        out.extend(qc_pickup_password_required(
            self.pickup_password.as_ref().is_some_and(|p| !p.is_empty()),
        ));
        out.extend(qc_future_use(
            self.csr.is_some(),
            !dn.dn_extensions.is_empty(),
            !self.qc_statements.is_empty(),
        ));
        out
    }
}

impl RequestRules for PcV2ReIssueRequest {
    const OPERATION: &'static str = "ReIssue";
    /// The key of a given CSR.
    fn rule_violations(&self) -> Vec<Violation> {
        match self.order_parameter.csr.as_deref() {
            Some(csr) => csr_key_checks(csr, true),
            None => Vec::new(),
        }
    }
}

/// Operations the overlay has no cross-field rule for.
macro_rules! no_rules {
    ($($ty:ident: $op:literal;)*) => {$(
        impl RequestRules for $ty {
            const OPERATION: &'static str = $op;
            fn rule_violations(&self) -> Vec<Violation> {
                Vec::new()
            }
        }
    )*};
}

no_rules! {
    PcV2ModifyOrderRequest: "ModifyOrder";
    PcV2ResendEmailRequest: "ResendEmail";
    PcV2GetOrderByOrderIDRequest: "GetOrderByOrderID";
    PcV2GetModifiedOrdersRequest: "GetModifiedOrders";
    PcV2GetOrdersRequest: "GetOrders";
}
