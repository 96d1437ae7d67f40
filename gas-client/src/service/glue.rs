//! The generated operations as the call engine sees them: [`GasOperation`] for all 14,
//! [`OrderOperation`] for the eight orders (reconciled through `GetOrders` by `SubID`),
//! [`SubIdLookup`] for `GetOrders`.

use std::borrow::Cow;

use soap_runtime::SimpleValue;
use soap_runtime::validate::Validate;

use super::parts::{RequestParts, status_of};
use crate::endpoint::Credentials;
use crate::generated::operations;
use crate::generated::types;
use crate::operation::{GasOperation, OrderOperation, ResponseStatus, SubIdLookup, is_read_only};
use crate::rules::RequestRules;
use crate::validation::{Violation, Violations};

/// Implements [`GasOperation`] for every generated operation (each input and output wraps
/// one `Request` / `Response` element); the queries are the idempotent ones.
macro_rules! gas_operations {
    ($($op:ident = $wire:literal),*) => {$(
        impl GasOperation for operations::$op {
            const IDEMPOTENT: bool = is_read_only($wire);

            fn set_credentials(input: &mut Self::Input, credentials: &Credentials) {
                let request = input.request.get_or_insert_with(Default::default);
                request.set_credentials(credentials);
                request.fill_outline_elements();
            }

            fn validate(input: &Self::Input) -> Violations {
                let mut violations: Violations =
                    Validate::validate(input).into_iter().map(Violation::from).collect();
                if let Some(request) = &input.request {
                    violations.extend(request.rule_violations());
                }
                violations
            }

            fn secrets(input: &Self::Input) -> Vec<&str> {
                input
                    .request
                    .as_ref()
                    .map(RequestParts::secrets)
                    .unwrap_or_default()
            }

            fn target_order_id(input: &Self::Input) -> Option<&str> {
                input.request.as_ref().and_then(RequestParts::target_order_id)
            }

            fn status(output: &Self::Output) -> ResponseStatus {
                status_of(output.response.as_ref())
            }
        }
    )*};
}

crate::gas_order_service_operations!(gas_operations);

/// The request body of one operation (`PcV2OrderPS2Request`, the content of `<Request>`),
/// as the client's methods take it: which operation it belongs to, and validation of
/// exactly what would be sent.
pub trait GasRequest: Clone {
    /// The operation whose `<Request>` this is.
    type Operation: GasOperation;

    /// The operation's input body around this request.
    fn into_input(self) -> <Self::Operation as soap_runtime::Operation>::Input;

    /// Every problem the client would refuse this request for, with `credentials` in its
    /// header, as the client would send it. [`GasClient::validate`](crate::GasClient::validate)
    /// calls this with the client's own credentials.
    fn validate_with(&self, credentials: &Credentials) -> Violations {
        let mut input = self.clone().into_input();
        Self::Operation::set_credentials(&mut input, credentials);
        Self::Operation::validate(&input)
    }
}

/// The credentials `request.validate()` checks the header with: the header is the client's
/// to fill, so only the request's own fields can be wrong.
fn placeholder_credentials() -> Credentials {
    Credentials::new("validation", "validation")
}

/// [`GasRequest`] and `validate()` for each operation's request body.
macro_rules! gas_requests {
    ($($op:ident($request:ident);)*) => {$(
        impl GasRequest for types::$request {
            type Operation = operations::$op;

            fn into_input(self) -> types::$op {
                types::$op { request: Some(self) }
            }
        }

        impl types::$request {
            /// Every problem the client would refuse this request for before sending it
            /// (lengths, allowed values, formats, required fields, the spec's cross-field
            /// rules), each with its element path and the error code GlobalSign would
            /// answer with; empty when it can be sent. The `OrderRequestHeader` is not the
            /// caller's (the client fills in its credentials) and is not reported here; use
            #[doc = concat!("[`GasClient::validate`](crate::GasClient::validate) to check it with the client's own credentials (`", stringify!($op), "`).")]
            pub fn validate(&self) -> Violations {
                GasRequest::validate_with(self, &placeholder_credentials())
            }
        }
    )*};
}

gas_requests! {
    OrderOS(PcV2OrderOSRequest);
    OrderOSEV(PcV2OrderOSEVRequest);
    OrderPS1(PcV2OrderPS1Request);
    OrderPS2(PcV2OrderPS2Request);
    OrderPS2Dept(PcV2OrderPS2DeptRequest);
    OrderPS2Pro(PcV2OrderPS2ProRequest);
    OrderAATL(PcV2OrderAATLRequest);
    OrderQC(PcV2OrderQCRequest);
    ReIssue(PcV2ReIssueRequest);
    ModifyOrder(PcV2ModifyOrderRequest);
    ResendEmail(PcV2ResendEmailRequest);
    GetOrderByOrderID(PcV2GetOrderByOrderIDRequest);
    GetModifiedOrders(PcV2GetModifiedOrdersRequest);
    GetOrders(PcV2GetOrdersRequest);
}

/// `SuccessCode` 0, read the way the wire spells it (independent of variant names).
fn success() -> types::SuccessCode {
    types::SuccessCode::parse_text(Cow::Borrowed("0"))
        .unwrap_or_else(|_| types::SuccessCode::Other("0".to_owned()))
}

/// Implements [`OrderOperation`]: `SubID` lookup through `GetOrders`, and the response
/// rebuilt from a found `OrderID`.
macro_rules! order_operations {
    ($($op:ident => $output:ident($inner:ident);)*) => {$(
        impl OrderOperation for operations::$op {
            type Lookup = operations::GetOrders;

            fn sub_id(input: &Self::Input) -> Option<&str> {
                input.request.as_ref().and_then(RequestParts::sub_id)
            }

            fn recovered_output(order_id: &str) -> Self::Output {
                types::$output {
                    response: Some(types::$inner {
                        order_response_header: types::OrderResponseHeader {
                            success_code: success(),
                            ..Default::default()
                        },
                        order_id: Some(order_id.to_owned()),
                        ..Default::default()
                    }),
                }
            }
        }
    )*};
}

order_operations! {
    OrderOS => OrderOSResponse(PcV2OrderOSResponse);
    OrderOSEV => OrderOSEVResponse(PcV2OrderOSEVResponse);
    OrderPS1 => OrderPS1Response(PcV2OrderPS1Response);
    OrderPS2 => OrderPS2Response(PcV2OrderPS2Response);
    OrderPS2Dept => OrderPS2DeptResponse(PcV2OrderPS2DeptResponse);
    OrderPS2Pro => OrderPS2ProResponse(PcV2OrderPS2ProResponse);
    OrderAATL => OrderAATLResponse(PcV2OrderAATLResponse);
    OrderQC => OrderQCResponse(PcV2OrderQCResponse);
}

impl SubIdLookup for operations::GetOrders {
    fn by_sub_id(sub_id: &str) -> Self::Input {
        types::GetOrders {
            request: Some(types::PcV2GetOrdersRequest {
                order_query_option: Some(types::OrdersQueryOption {
                    sub_id: Some(sub_id.to_owned()),
                    ..Default::default()
                }),
                ..Default::default()
            }),
        }
    }

    fn order_ids(output: &Self::Output, sub_id: &str) -> Vec<String> {
        output
            .response
            .iter()
            .flat_map(|r| &r.order_detail)
            // A server that ignored the filter must not make another order look like ours.
            .filter(|d| {
                d.order_sub_info
                    .as_ref()
                    .and_then(|s| s.sub_id.as_deref())
                    .is_none_or(|s| s.trim() == sub_id)
            })
            .filter_map(|d| d.order_info.as_ref())
            .map(|info| info.order_id.trim().to_owned())
            .filter(|id| !id.is_empty())
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The three queries, and only they, may be resent after a lost answer: an order,
    /// reissue, change or resend must never be sent twice by the client on its own.
    #[test]
    fn only_the_queries_are_idempotent() {
        let idempotent: Vec<&str> = crate::generated::operations::OPERATIONS
            .iter()
            .map(|info| info.name)
            .filter(|name| is_read_only(name))
            .collect();
        assert_eq!(
            idempotent,
            ["GetOrderByOrderID", "GetModifiedOrders", "GetOrders"]
        );
        const { assert!(<operations::GetOrders as GasOperation>::IDEMPOTENT) };
        const { assert!(<operations::GetOrderByOrderID as GasOperation>::IDEMPOTENT) };
        const { assert!(<operations::GetModifiedOrders as GasOperation>::IDEMPOTENT) };
        const { assert!(!<operations::OrderOS as GasOperation>::IDEMPOTENT) };
        const { assert!(!<operations::ReIssue as GasOperation>::IDEMPOTENT) };
        const { assert!(!<operations::ModifyOrder as GasOperation>::IDEMPOTENT) };
        const { assert!(!<operations::ResendEmail as GasOperation>::IDEMPOTENT) };
        assert!(!is_read_only("GetOrder"));
        assert!(!is_read_only("GetOrdersX"));
    }
}
