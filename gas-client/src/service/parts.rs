//! What the call engine needs to know about each generated request and response type:
//! where the secrets, the `SubID` and the target order are, and where
//! `OrderResponseHeader` and `OrderID` are. Which cross-field rules apply is
//! [`crate::rules::RequestRules`], shared with the sandbox.

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
use crate::rules::RequestRules;
use soap_runtime::Secret;

/// A request body (the content of `<Request>`): the parts the client handles itself.
pub(crate) trait RequestParts: RequestRules {
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
    /// Writes the elements the spec's outline requires even when the caller left them
    /// blank, as empty elements (OrderPS2Pro's names, ERRATA E72).
    fn fill_outline_elements(&mut self) {}
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

/// Implements [`RequestParts`] for the orders: every order has a `PickupPassword` and a
/// `SubID`; `=> function` fills the elements the outline requires.
macro_rules! order_request_parts {
    ($($ty:ident $(=> $fill:ident)?),* $(,)?) => {$(
        impl RequestParts for $ty {
            fn header_mut(&mut self) -> &mut OrderRequestHeader {
                &mut self.order_request_header
            }
            fn secrets(&self) -> Vec<&str> {
                self.pickup_password.exposed()
            }
            fn sub_id(&self) -> Option<&str> {
                self.sub_id.as_deref()
            }
            $(fn fill_outline_elements(&mut self) {
                $fill(self)
            })?
        }
    )*};
}

order_request_parts!(
    PcV2OrderOSRequest,
    PcV2OrderOSEVRequest,
    PcV2OrderPS1Request,
    PcV2OrderPS2Request,
    PcV2OrderPS2DeptRequest,
    PcV2OrderPS2ProRequest => ps2pro_names,
    PcV2OrderAATLRequest,
    PcV2OrderQCRequest,
);

/// OrderPS2Pro: the outline requires CommonName, GivenName and SurName (L1441–L1445) and
/// the name table leaves any of them blank (L1349–L1371), so a blank one is sent as an
/// empty element rather than left out: that passes a server that validates against the
/// outline and one that does not (ERRATA E72).
fn ps2pro_names(request: &mut PcV2OrderPS2ProRequest) {
    let dn = &mut request.dn_attributes;
    for name in [&mut dn.common_name, &mut dn.given_name, &mut dn.sur_name] {
        name.get_or_insert_with(String::new);
    }
}

impl RequestParts for PcV2ReIssueRequest {
    fn header_mut(&mut self) -> &mut OrderRequestHeader {
        &mut self.order_request_header
    }
    fn secrets(&self) -> Vec<&str> {
        self.order_parameter.pickup_password.exposed()
    }
    fn target_order_id(&self) -> Option<&str> {
        Some(self.target_order_id.as_str())
    }
}

/// Implements [`RequestParts`] for the requests that carry no secret, one row each:
/// `Type`, and `=> field` where the request acts on an existing order.
macro_rules! plain_request_parts {
    ($($ty:ident $(=> $target:ident)?;)*) => {$(
        impl RequestParts for $ty {
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
    PcV2ModifyOrderRequest => order_id;
    PcV2ResendEmailRequest => order_id;
    PcV2GetOrderByOrderIDRequest => order_id;
    PcV2GetModifiedOrdersRequest;
    PcV2GetOrdersRequest;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ps2pro_blank_names_are_sent_as_empty_elements() {
        let mut request = PcV2OrderPS2ProRequest::default();
        request.dn_attributes.sur_name = Some("Doe".into());
        request.fill_outline_elements();
        let dn = &request.dn_attributes;
        assert_eq!(dn.common_name.as_deref(), Some(""));
        assert_eq!(dn.given_name.as_deref(), Some(""));
        assert_eq!(dn.sur_name.as_deref(), Some("Doe"), "a given name is kept");
        let xml = soap_runtime::envelope::encode_request(
            &crate::generated::types::OrderPS2Pro {
                request: Some(request),
            },
            soap_runtime::SoapVersion::Soap11,
        )
        .expect("encodes");
        let xml = String::from_utf8_lossy(&xml);
        for name in ["CommonName", "GivenName"] {
            assert!(
                xml.contains(&format!("<{name}></{name}>")) || xml.contains(&format!("<{name}/>")),
                "{name} written empty: {xml}"
            );
        }
    }
}
