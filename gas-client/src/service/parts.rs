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
use soap_runtime::Secret;

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

/// Every `PickupPassword` a request field holds: required in most orders, optional in
/// OrderAATL, OrderQC and ReIssue.
trait PickupPasswords {
    fn exposed(&self) -> Vec<&str>;
}

impl PickupPasswords for Secret {
    fn exposed(&self) -> Vec<&str> {
        vec![self.expose()]
    }
}

impl PickupPasswords for Option<Secret> {
    fn exposed(&self) -> Vec<&str> {
        self.iter().map(Secret::expose).collect()
    }
}

/// Implements [`RequestParts`] for the orders, one row each:
/// `Type: "Operation", <renewal target field>, aatl_or_qc = <bool>, [<rules>];`.
///
/// Every order has a `PickupPassword`, a `SubID` and the rules of [`order_rules`]; the
/// renewal target field is spelt `RenewalTergetOrderID` in the older operations. The
/// listed rules follow, in order: `product_code` (the code allowed for the operation),
/// `csr_or_pkcs12` (`HasCSR` / `PKCS12Option`), or the name of a function of this module
/// taking the request.
macro_rules! order_request_parts {
    (@rule $request:ident, product_code) => {
        rules::product_code_for_operation(Self::OPERATION, $request.product_code.as_str())
    };
    (@rule $request:ident, csr_or_pkcs12) => {
        rules::has_csr_or_pkcs12($request.has_csr, $request.pkcs12_option)
    };
    (@rule $request:ident, $rules:ident) => {
        $rules($request)
    };
    ($(
        $ty:ident: $op:literal, $renewal_target:ident, aatl_or_qc = $aatl_or_qc:literal,
        [$($rule:ident),* $(,)?];
    )*) => {$(
        impl RequestParts for $ty {
            const OPERATION: &'static str = $op;
            fn header_mut(&mut self) -> &mut OrderRequestHeader {
                &mut self.order_request_header
            }
            fn secrets(&self) -> Vec<&str> {
                self.pickup_password.exposed()
            }
            fn sub_id(&self) -> Option<&str> {
                self.sub_id.as_deref()
            }
            fn rule_violations(&self) -> Vec<Violation> {
                let mut out = order_rules(
                    &self.coupon,
                    &self.campaign,
                    is_renewal(&self.order_kind),
                    &self.$renewal_target,
                    $aatl_or_qc,
                );
                $(out.extend(order_request_parts!(@rule self, $rule));)*
                out
            }
        }
    )*};
}

order_request_parts! {
    PcV2OrderOSRequest: "OrderOS", renewal_terget_order_id, aatl_or_qc = false, [product_code];
    PcV2OrderOSEVRequest: "OrderOSEV", renewal_terget_order_id, aatl_or_qc = false, [product_code];
    PcV2OrderPS1Request: "OrderPS1", renewal_terget_order_id, aatl_or_qc = false, [csr_or_pkcs12];
    PcV2OrderPS2Request: "OrderPS2", renewal_terget_order_id, aatl_or_qc = false, [csr_or_pkcs12];
    PcV2OrderPS2DeptRequest: "OrderPS2Dept", renewal_terget_order_id, aatl_or_qc = false,
        [csr_or_pkcs12, ps2dept_rules];
    PcV2OrderPS2ProRequest: "OrderPS2Pro", renewal_terget_order_id, aatl_or_qc = false,
        [csr_or_pkcs12, ps2pro_rules];
    PcV2OrderAATLRequest: "OrderAATL", renewal_target_order_id, aatl_or_qc = true,
        [product_code, aatl_rules];
    PcV2OrderQCRequest: "OrderQC", renewal_target_order_id, aatl_or_qc = true,
        [product_code, qc_rules];
}

/// OrderPS2Dept: the common name is the e-mail or the organization.
fn ps2dept_rules(request: &PcV2OrderPS2DeptRequest) -> Vec<Violation> {
    let dn = &request.dn_attributes;
    rules::ps2dept_common_name(
        Some(&dn.common_name),
        Some(&dn.email),
        Some(&dn.organization),
    )
    .into_iter()
    .collect()
}

/// OrderPS2Pro: a surname, and a common name made of the given name and surname.
fn ps2pro_rules(request: &PcV2OrderPS2ProRequest) -> Vec<Violation> {
    let dn = &request.dn_attributes;
    let mut out = Vec::new();
    out.extend(rules::ps2pro_surname_required(given(&dn.sur_name)));
    out.extend(rules::ps2pro_common_name_matches(
        given(&dn.common_name),
        given(&dn.given_name),
        given(&dn.sur_name),
    ));
    out
}

/// OrderAATL: the key of a given CSR.
fn aatl_rules(request: &PcV2OrderAATLRequest) -> Vec<Violation> {
    match request.csr.as_deref() {
        Some(csr) => rules::csr_key_checks(csr, false),
        None => Vec::new(),
    }
}

/// OrderQC: the DN the product needs, the mandatory `PickupPassword`, and the fields
/// reserved for future use.
fn qc_rules(request: &PcV2OrderQCRequest) -> Vec<Violation> {
    let dn = &request.dn_attributes;
    let mut out = rules::qc_dn_for_product(
        request.product_code.as_str(),
        given(&dn.common_name),
        given(&dn.organization),
    );
    out.extend(rules::qc_pickup_password_required(
        request
            .pickup_password
            .as_ref()
            .is_some_and(|p| !p.is_empty()),
    ));
    out.extend(rules::qc_future_use(
        request.csr.is_some(),
        !dn.dn_extensions.is_empty(),
        !request.qc_statements.is_empty(),
    ));
    out
}

impl RequestParts for PcV2ReIssueRequest {
    const OPERATION: &'static str = "ReIssue";
    fn header_mut(&mut self) -> &mut OrderRequestHeader {
        &mut self.order_request_header
    }
    fn secrets(&self) -> Vec<&str> {
        self.order_parameter.pickup_password.exposed()
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

/// Implements [`RequestParts`] for the requests that carry no secret and no rule, one row
/// each: `Type: "Operation"`, and `=> field` where the request acts on an existing order.
macro_rules! plain_request_parts {
    ($($ty:ident: $op:literal $(=> $target:ident)?;)*) => {$(
        impl RequestParts for $ty {
            const OPERATION: &'static str = $op;
            fn header_mut(&mut self) -> &mut OrderRequestHeader {
                &mut self.order_request_header
            }
            $(
                fn target_order_id(&self) -> Option<&str> {
                    Some(self.$target.as_str())
                }
            )?
        }
    )*};
}

plain_request_parts! {
    PcV2ModifyOrderRequest: "ModifyOrder" => order_id;
    PcV2ResendEmailRequest: "ResendEmail" => order_id;
    PcV2GetOrderByOrderIDRequest: "GetOrderByOrderID" => order_id;
    PcV2GetModifiedOrdersRequest: "GetModifiedOrders";
    PcV2GetOrdersRequest: "GetOrders";
}
