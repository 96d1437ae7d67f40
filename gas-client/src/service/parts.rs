//! What the call engine needs to know about each generated request and response type:
//! where the secrets, the `SubID` and the target order are, which cross-field rules
//! apply, and where `OrderResponseHeader` and `OrderID` are.

use crate::api_error::ApiError;
use crate::endpoint::Credentials;
use crate::generated::types::{
    AuthToken, OrderRequestHeader, OrderResponseHeader, PcV2GetModifiedOrdersRequest,
    PcV2GetModifiedOrdersResponse, PcV2GetOrderByOrderIDRequest, PcV2GetOrderByOrderIDResponse,
    PcV2GetOrdersRequest, PcV2GetOrdersResponse, PcV2ModifyOrderRequest, PcV2ModifyOrderResponse,
    PcV2OrderAATLRequest, PcV2OrderAATLResponse, PcV2OrderOSEVRequest, PcV2OrderOSEVResponse,
    PcV2OrderOSRequest, PcV2OrderOSResponse, PcV2OrderPS1Request, PcV2OrderPS1Response,
    PcV2OrderPS2DeptRequest, PcV2OrderPS2DeptResponse, PcV2OrderPS2ProRequest,
    PcV2OrderPS2ProResponse, PcV2OrderPS2Request, PcV2OrderPS2Response, PcV2OrderQCRequest,
    PcV2OrderQCResponse, PcV2ReIssueRequest, PcV2ReIssueResponse, PcV2ResendEmailRequest,
    PcV2ResendEmailResponse,
};
use crate::operation::ResponseStatus;
use crate::rules;
use crate::validation::Violation;

/// A request body (the content of `<Request>`): the parts the client handles itself.
pub(crate) trait RequestParts {
    /// The wire name of the operation, for rules that depend on it.
    const OPERATION: &'static str;
    fn header_mut(&mut self) -> &mut OrderRequestHeader;
    /// Every `PickupPassword` in the request.
    fn secrets(&self) -> Vec<&str> {
        Vec::new()
    }
    /// `SubID` (orders only).
    fn sub_id(&self) -> Option<&str> {
        None
    }
    /// The order acted on (ModifyOrder, ResendEmail, ReIssue, GetOrderByOrderID).
    fn target_order_id(&self) -> Option<&str> {
        None
    }
    /// The overlay's cross-field rules for this operation.
    fn rule_violations(&self) -> Vec<Violation> {
        Vec::new()
    }
    /// Fills `OrderRequestHeader/AuthToken`.
    fn set_credentials(&mut self, credentials: &Credentials) {
        self.header_mut().auth_token = AuthToken {
            user_name: credentials.user_name().to_owned(),
            password: credentials.password().clone(),
        };
    }
}

/// A response body (the content of `<Response>`).
pub(crate) trait ResponseParts {
    fn header(&self) -> &OrderResponseHeader;
    fn order_id(&self) -> Option<&str> {
        None
    }
}

/// `OrderResponseHeader` (and `OrderID`) in the client's terms. A missing `<Response>`
/// element gives a status without a `SuccessCode`, which the engine reports as undecodable.
pub(crate) fn status_of<R: ResponseParts>(response: Option<&R>) -> ResponseStatus {
    let Some(response) = response else {
        return ResponseStatus::default();
    };
    let header = response.header();
    ResponseStatus {
        success_code: header.success_code.as_str().trim().parse().ok(),
        errors: header
            .errors
            .iter()
            .map(|e| {
                ApiError::new(
                    &e.error_code,
                    e.error_field.clone(),
                    e.error_message.clone(),
                )
            })
            .collect(),
        order_id: response
            .order_id()
            .map(str::trim)
            .filter(|id| !id.is_empty())
            .map(str::to_owned),
    }
}

fn given(value: &Option<String>) -> Option<&str> {
    value.as_deref()
}

/// The rules every order shares: coupon or campaign, and a renewal's target.
fn order_rules(
    coupon: &Option<String>,
    campaign: &Option<String>,
    is_renewal: bool,
    target: &Option<String>,
    aatl_or_qc: bool,
) -> Vec<Violation> {
    let mut out = Vec::new();
    out.extend(rules::coupon_or_campaign(given(coupon), given(campaign)));
    out.extend(rules::renewal_needs_target(
        is_renewal,
        given(target),
        aatl_or_qc,
    ));
    out
}

fn is_renewal(kind: &crate::generated::types::OrderKind) -> bool {
    matches!(kind, crate::generated::types::OrderKind::Renewal)
}

macro_rules! response_parts {
    ($($ty:ty => $order_id:ident),* $(,)?) => {$(
        impl ResponseParts for $ty {
            fn header(&self) -> &OrderResponseHeader {
                &self.order_response_header
            }
            response_parts!(@order_id $order_id);
        }
    )*};
    (@order_id order_id) => {
        fn order_id(&self) -> Option<&str> {
            self.order_id.as_deref()
        }
    };
    (@order_id none) => {};
}

response_parts! {
    PcV2OrderOSResponse => order_id,
    PcV2OrderOSEVResponse => order_id,
    PcV2OrderPS1Response => order_id,
    PcV2OrderPS2Response => order_id,
    PcV2OrderPS2DeptResponse => order_id,
    PcV2OrderPS2ProResponse => order_id,
    PcV2OrderAATLResponse => order_id,
    PcV2OrderQCResponse => order_id,
    PcV2ReIssueResponse => order_id,
    PcV2ModifyOrderResponse => order_id,
    PcV2ResendEmailResponse => none,
    PcV2GetOrderByOrderIDResponse => none,
    PcV2GetModifiedOrdersResponse => none,
    PcV2GetOrdersResponse => none,
}

impl RequestParts for PcV2OrderOSRequest {
    const OPERATION: &'static str = "OrderOS";
    fn header_mut(&mut self) -> &mut OrderRequestHeader {
        &mut self.order_request_header
    }
    fn secrets(&self) -> Vec<&str> {
        vec![self.pickup_password.expose()]
    }
    fn sub_id(&self) -> Option<&str> {
        self.sub_id.as_deref()
    }
    fn rule_violations(&self) -> Vec<Violation> {
        let mut out = order_rules(
            &self.coupon,
            &self.campaign,
            is_renewal(&self.order_kind),
            &self.renewal_terget_order_id,
            false,
        );
        out.extend(rules::product_code_for_operation(
            Self::OPERATION,
            self.product_code.as_str(),
        ));
        out
    }
}

impl RequestParts for PcV2OrderOSEVRequest {
    const OPERATION: &'static str = "OrderOSEV";
    fn header_mut(&mut self) -> &mut OrderRequestHeader {
        &mut self.order_request_header
    }
    fn secrets(&self) -> Vec<&str> {
        vec![self.pickup_password.expose()]
    }
    fn sub_id(&self) -> Option<&str> {
        self.sub_id.as_deref()
    }
    fn rule_violations(&self) -> Vec<Violation> {
        let mut out = order_rules(
            &self.coupon,
            &self.campaign,
            is_renewal(&self.order_kind),
            &self.renewal_terget_order_id,
            false,
        );
        out.extend(rules::product_code_for_operation(
            Self::OPERATION,
            self.product_code.as_str(),
        ));
        out
    }
}

impl RequestParts for PcV2OrderPS1Request {
    const OPERATION: &'static str = "OrderPS1";
    fn header_mut(&mut self) -> &mut OrderRequestHeader {
        &mut self.order_request_header
    }
    fn secrets(&self) -> Vec<&str> {
        vec![self.pickup_password.expose()]
    }
    fn sub_id(&self) -> Option<&str> {
        self.sub_id.as_deref()
    }
    fn rule_violations(&self) -> Vec<Violation> {
        let mut out = order_rules(
            &self.coupon,
            &self.campaign,
            is_renewal(&self.order_kind),
            &self.renewal_terget_order_id,
            false,
        );
        out.extend(rules::has_csr_or_pkcs12(self.has_csr, self.pkcs12_option));
        out
    }
}

impl RequestParts for PcV2OrderPS2Request {
    const OPERATION: &'static str = "OrderPS2";
    fn header_mut(&mut self) -> &mut OrderRequestHeader {
        &mut self.order_request_header
    }
    fn secrets(&self) -> Vec<&str> {
        vec![self.pickup_password.expose()]
    }
    fn sub_id(&self) -> Option<&str> {
        self.sub_id.as_deref()
    }
    fn rule_violations(&self) -> Vec<Violation> {
        let mut out = order_rules(
            &self.coupon,
            &self.campaign,
            is_renewal(&self.order_kind),
            &self.renewal_terget_order_id,
            false,
        );
        out.extend(rules::has_csr_or_pkcs12(self.has_csr, self.pkcs12_option));
        out
    }
}

impl RequestParts for PcV2OrderPS2DeptRequest {
    const OPERATION: &'static str = "OrderPS2Dept";
    fn header_mut(&mut self) -> &mut OrderRequestHeader {
        &mut self.order_request_header
    }
    fn secrets(&self) -> Vec<&str> {
        vec![self.pickup_password.expose()]
    }
    fn sub_id(&self) -> Option<&str> {
        self.sub_id.as_deref()
    }
    fn rule_violations(&self) -> Vec<Violation> {
        let mut out = order_rules(
            &self.coupon,
            &self.campaign,
            is_renewal(&self.order_kind),
            &self.renewal_terget_order_id,
            false,
        );
        out.extend(rules::has_csr_or_pkcs12(self.has_csr, self.pkcs12_option));
        let dn = &self.dn_attributes;
        out.extend(rules::ps2dept_common_name(
            Some(&dn.common_name),
            Some(&dn.email),
            Some(&dn.organization),
        ));
        out
    }
}

impl RequestParts for PcV2OrderPS2ProRequest {
    const OPERATION: &'static str = "OrderPS2Pro";
    fn header_mut(&mut self) -> &mut OrderRequestHeader {
        &mut self.order_request_header
    }
    fn secrets(&self) -> Vec<&str> {
        vec![self.pickup_password.expose()]
    }
    fn sub_id(&self) -> Option<&str> {
        self.sub_id.as_deref()
    }
    fn rule_violations(&self) -> Vec<Violation> {
        let mut out = order_rules(
            &self.coupon,
            &self.campaign,
            is_renewal(&self.order_kind),
            &self.renewal_terget_order_id,
            false,
        );
        out.extend(rules::has_csr_or_pkcs12(self.has_csr, self.pkcs12_option));
        let dn = &self.dn_attributes;
        out.extend(rules::ps2pro_surname_required(given(&dn.sur_name)));
        out.extend(rules::ps2pro_common_name_matches(
            given(&dn.common_name),
            given(&dn.given_name),
            given(&dn.sur_name),
        ));
        out
    }
}

impl RequestParts for PcV2OrderAATLRequest {
    const OPERATION: &'static str = "OrderAATL";
    fn header_mut(&mut self) -> &mut OrderRequestHeader {
        &mut self.order_request_header
    }
    fn secrets(&self) -> Vec<&str> {
        self.pickup_password.iter().map(|p| p.expose()).collect()
    }
    fn sub_id(&self) -> Option<&str> {
        self.sub_id.as_deref()
    }
    fn rule_violations(&self) -> Vec<Violation> {
        let mut out = order_rules(
            &self.coupon,
            &self.campaign,
            is_renewal(&self.order_kind),
            &self.renewal_target_order_id,
            true,
        );
        out.extend(rules::product_code_for_operation(
            Self::OPERATION,
            self.product_code.as_str(),
        ));
        if let Some(csr) = self.csr.as_deref() {
            out.extend(rules::csr_key_checks(csr, false));
        }
        out
    }
}

impl RequestParts for PcV2OrderQCRequest {
    const OPERATION: &'static str = "OrderQC";
    fn header_mut(&mut self) -> &mut OrderRequestHeader {
        &mut self.order_request_header
    }
    fn secrets(&self) -> Vec<&str> {
        self.pickup_password.iter().map(|p| p.expose()).collect()
    }
    fn sub_id(&self) -> Option<&str> {
        self.sub_id.as_deref()
    }
    fn rule_violations(&self) -> Vec<Violation> {
        let mut out = order_rules(
            &self.coupon,
            &self.campaign,
            is_renewal(&self.order_kind),
            &self.renewal_target_order_id,
            true,
        );
        out.extend(rules::product_code_for_operation(
            Self::OPERATION,
            self.product_code.as_str(),
        ));
        let dn = &self.dn_attributes;
        out.extend(rules::qc_dn_for_product(
            self.product_code.as_str(),
            given(&dn.common_name),
            given(&dn.organization),
        ));
        out.extend(rules::qc_pickup_password_required(
            self.pickup_password.as_ref().is_some_and(|p| !p.is_empty()),
        ));
        out.extend(rules::qc_future_use(
            self.csr.is_some(),
            !dn.dn_extensions.is_empty(),
            !self.qc_statements.is_empty(),
        ));
        out
    }
}

impl RequestParts for PcV2ReIssueRequest {
    const OPERATION: &'static str = "ReIssue";
    fn header_mut(&mut self) -> &mut OrderRequestHeader {
        &mut self.order_request_header
    }
    fn secrets(&self) -> Vec<&str> {
        self.order_parameter
            .pickup_password
            .iter()
            .map(|p| p.expose())
            .collect()
    }
    fn target_order_id(&self) -> Option<&str> {
        Some(self.target_order_id.as_str())
    }
    fn rule_violations(&self) -> Vec<Violation> {
        match self.order_parameter.csr.as_deref() {
            Some(csr) => rules::csr_key_checks(csr, true),
            None => Vec::new(),
        }
    }
}

impl RequestParts for PcV2ModifyOrderRequest {
    const OPERATION: &'static str = "ModifyOrder";
    fn header_mut(&mut self) -> &mut OrderRequestHeader {
        &mut self.order_request_header
    }
    fn target_order_id(&self) -> Option<&str> {
        Some(self.order_id.as_str())
    }
}

impl RequestParts for PcV2ResendEmailRequest {
    const OPERATION: &'static str = "ResendEmail";
    fn header_mut(&mut self) -> &mut OrderRequestHeader {
        &mut self.order_request_header
    }
    fn target_order_id(&self) -> Option<&str> {
        Some(self.order_id.as_str())
    }
}

impl RequestParts for PcV2GetOrderByOrderIDRequest {
    const OPERATION: &'static str = "GetOrderByOrderID";
    fn header_mut(&mut self) -> &mut OrderRequestHeader {
        &mut self.order_request_header
    }
    fn target_order_id(&self) -> Option<&str> {
        Some(self.order_id.as_str())
    }
}

impl RequestParts for PcV2GetModifiedOrdersRequest {
    const OPERATION: &'static str = "GetModifiedOrders";
    fn header_mut(&mut self) -> &mut OrderRequestHeader {
        &mut self.order_request_header
    }
}

impl RequestParts for PcV2GetOrdersRequest {
    const OPERATION: &'static str = "GetOrders";
    fn header_mut(&mut self) -> &mut OrderRequestHeader {
        &mut self.order_request_header
    }
}
