//! The 14 operations as methods of [`GasClient`] (and of the blocking client).
//!
//! Each method takes the operation's request body, with the `OrderRequestHeader` left at
//! its default (the client fills it), and returns the response body. Orders go through
//! [`GasClient::call_order`] (reconciled by `SubID`), queries and the other operations
//! through [`GasClient::call`]; see the crate docs ("Retries").

use crate::client::GasClient;
use crate::error::Error;
use crate::generated::{operations, types};
use crate::response::Response;
use crate::service::glue::GasRequest;
use crate::validation::Violations;

macro_rules! methods {
    ($(
        $(#[$doc:meta])*
        $name:ident: $op:ident($request:ident) -> $response:ident($output:ident), $path:ident;
    )*) => {
        impl GasClient {
            $(
                $(#[$doc])*
                pub async fn $name(
                    &self,
                    request: types::$request,
                ) -> Result<Response<types::$response>, Error> {
                    let input = types::$op { request: Some(request) };
                    self.$path::<operations::$op>(input)
                        .await
                        // A successful answer has its `Response`: the status was read from it.
                        .map(|r| r.map(|output: types::$output| output.response.unwrap_or_default()))
                }
            )*
        }

        #[cfg(feature = "blocking")]
        impl crate::blocking::GasClient {
            $(
                $(#[$doc])*
                ///
                /// Blocks until the answer is in.
                pub fn $name(
                    &self,
                    request: types::$request,
                ) -> Result<Response<types::$response>, Error> {
                    self.block_on(self.as_async().$name(request))
                }
            )*
        }
    };
}

methods! {
    /// `OrderOS`: orders a code-signing certificate (spec section 4). An order: it is
    /// reconciled through its `SubID` if the answer is lost.
    order_os: OrderOS(PcV2OrderOSRequest) -> PcV2OrderOSResponse(OrderOSResponse), call_order;
    /// `OrderOSEV`: orders an EV code-signing certificate (spec section 5). An order.
    order_os_ev: OrderOSEV(PcV2OrderOSEVRequest) -> PcV2OrderOSEVResponse(OrderOSEVResponse), call_order;
    /// `OrderPS1`: orders a PersonalSign 1 certificate (spec section 6). An order.
    order_ps1: OrderPS1(PcV2OrderPS1Request) -> PcV2OrderPS1Response(OrderPS1Response), call_order;
    /// `OrderPS2`: orders a PersonalSign 2 certificate (spec section 7; discontinued for new
    /// orders in 2.4.5, kept for accounts that still have it). An order.
    order_ps2: OrderPS2(PcV2OrderPS2Request) -> PcV2OrderPS2Response(OrderPS2Response), call_order;
    /// `OrderPS2Dept`: orders a PersonalSign 2 Department certificate (spec section 8).
    /// An order.
    order_ps2_dept: OrderPS2Dept(PcV2OrderPS2DeptRequest) -> PcV2OrderPS2DeptResponse(OrderPS2DeptResponse), call_order;
    /// `OrderPS2Pro`: orders a PersonalSign 2 Pro certificate (spec section 9). An order.
    order_ps2_pro: OrderPS2Pro(PcV2OrderPS2ProRequest) -> PcV2OrderPS2ProResponse(OrderPS2ProResponse), call_order;
    /// `OrderAATL`: orders an AATL document-signing certificate (spec section 10). An
    /// order.
    order_aatl: OrderAATL(PcV2OrderAATLRequest) -> PcV2OrderAATLResponse(OrderAATLResponse), call_order;
    /// `OrderQC`: orders a qualified certificate for electronic signatures or seals (spec
    /// section 11). An order.
    order_qc: OrderQC(PcV2OrderQCRequest) -> PcV2OrderQCResponse(OrderQCResponse), call_order;
    /// `ReIssue`: reissues the certificate of an order (spec section 12.1). Never resent
    /// once it may have arrived: a lost answer is [`Error::OutcomeUnknown`] with the
    /// target `OrderID`.
    reissue: ReIssue(PcV2ReIssueRequest) -> PcV2ReIssueResponse(ReIssueResponse), call;
    /// `ModifyOrder`: cancels an order or revokes its certificate (spec section 12.2). See
    /// also [`GasClient::cancel`] and [`GasClient::revoke`]. Never resent once it may have
    /// arrived.
    modify_order: ModifyOrder(PcV2ModifyOrderRequest) -> PcV2ModifyOrderResponse(ModifyOrderResponse), call;
    /// `ResendEmail`: sends the enrolment e-mail of an order again (spec section 12.3).
    /// Never resent once it may have arrived.
    resend_email: ResendEmail(PcV2ResendEmailRequest) -> PcV2ResendEmailResponse(ResendEmailResponse), call;
    /// `GetOrderByOrderID`: one order, with the details the query options ask for (spec
    /// section 13.1). A query: retried on transport errors and 5xx.
    get_order_by_order_id: GetOrderByOrderID(PcV2GetOrderByOrderIDRequest) -> PcV2GetOrderByOrderIDResponse(GetOrderByOrderIDResponse), call;
    /// `GetModifiedOrders`: the orders modified between two dates (spec section 13.2). A
    /// query.
    get_modified_orders: GetModifiedOrders(PcV2GetModifiedOrdersRequest) -> PcV2GetModifiedOrdersResponse(GetModifiedOrdersResponse), call;
    /// `GetOrders`: the orders matching a filter (dates, product, status, `SubID`, ...;
    /// spec section 13.3). A query.
    get_orders: GetOrders(PcV2GetOrdersRequest) -> PcV2GetOrdersResponse(GetOrdersResponse), call;
}

impl GasClient {
    /// Every problem the client would refuse `request` for, checked exactly as a call would
    /// check it: with this client's credentials in the header. Empty when it can be sent.
    pub fn validate<R: GasRequest>(&self, request: &R) -> Violations {
        request.validate_with(&self.inner.credentials)
    }

    /// Cancels an order (`ModifyOrder` with `CANCEL`).
    pub async fn cancel(
        &self,
        order_id: impl Into<String>,
    ) -> Result<Response<types::PcV2ModifyOrderResponse>, Error> {
        self.modify_order(types::PcV2ModifyOrderRequest::new(
            order_id,
            types::ModifyOrderOperation::Cancel,
        ))
        .await
    }

    /// Revokes an order's certificate (`ModifyOrder` with `REVOKE`).
    pub async fn revoke(
        &self,
        order_id: impl Into<String>,
    ) -> Result<Response<types::PcV2ModifyOrderResponse>, Error> {
        self.modify_order(types::PcV2ModifyOrderRequest::new(
            order_id,
            types::ModifyOrderOperation::Revoke,
        ))
        .await
    }
}

#[cfg(feature = "blocking")]
impl crate::blocking::GasClient {
    /// Every problem the client would refuse `request` for, with this client's
    /// credentials in the header (see [`GasClient::validate`]).
    pub fn validate<R: GasRequest>(&self, request: &R) -> Violations {
        self.as_async().validate(request)
    }

    /// Cancels an order (`ModifyOrder` with `CANCEL`). Blocks until the answer is in.
    pub fn cancel(
        &self,
        order_id: impl Into<String>,
    ) -> Result<Response<types::PcV2ModifyOrderResponse>, Error> {
        let order_id = order_id.into();
        self.block_on(self.as_async().cancel(order_id))
    }

    /// Revokes an order's certificate (`ModifyOrder` with `REVOKE`). Blocks until the
    /// answer is in.
    pub fn revoke(
        &self,
        order_id: impl Into<String>,
    ) -> Result<Response<types::PcV2ModifyOrderResponse>, Error> {
        let order_id = order_id.into();
        self.block_on(self.as_async().revoke(order_id))
    }
}
