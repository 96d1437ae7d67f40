//! What the client needs to know about an operation beyond `soap_runtime::Operation`.
//!
//! The generated code gives every operation a unit struct implementing
//! [`soap_runtime::Operation`] (name, SOAP action, input and output body types). The
//! traits here add the GlobalSign conventions the client relies on: where the credentials
//! go, where the secrets are, how to read `OrderResponseHeader`, and how safe it is to send
//! the request twice. The per-operation methods of [`GasClient`](crate::GasClient) pick the
//! call path by trait:
//!
//! | trait | path | resent after an answer was lost? |
//! | --- | --- | --- |
//! | [`GasOperation`] with `IDEMPOTENT = true` (queries) | [`GasClient::call`](crate::GasClient::call) | yes, with backoff |
//! | [`GasOperation`] with `IDEMPOTENT = false` (ModifyOrder, ReIssue, ResendEmail) | [`GasClient::call`](crate::GasClient::call) | never: [`Error::OutcomeUnknown`](crate::Error::OutcomeUnknown) |
//! | [`OrderOperation`] (the eight orders) | [`GasClient::call_order`](crate::GasClient::call_order) | only after a `SubID` lookup shows the order was not placed |

use soap_runtime::Operation;

use crate::api_error::ApiError;
use crate::endpoint::Credentials;
use crate::validation::Violations;

/// The operations that only read (the three queries), by wire name: the ones whose
/// [`GasOperation::IDEMPOTENT`] is true, so the client may resend them after an answer was
/// lost, and the only ones `gas probe`'s relay forwards.
pub const READ_ONLY_OPERATIONS: [&str; 3] = ["GetOrderByOrderID", "GetModifiedOrders", "GetOrders"];

/// Whether the operation named `name` is one of [`READ_ONLY_OPERATIONS`]; a `const fn` so
/// each operation's `IDEMPOTENT` is computed from that one list.
pub const fn is_read_only(name: &str) -> bool {
    let mut i = 0;
    while i < READ_ONLY_OPERATIONS.len() {
        if soap_runtime::policy::same_str(READ_ONLY_OPERATIONS[i], name) {
            return true;
        }
        i += 1;
    }
    false
}

/// An operation of GasOrderService as the client calls it.
pub trait GasOperation: Operation {
    /// Whether sending the request twice has the same effect as sending it once
    /// (true for the three queries). Decides whether the client may resend after a
    /// connection error, timeout or 5xx answer.
    const IDEMPOTENT: bool;

    /// Writes the account's user name and password into the request's
    /// `OrderRequestHeader/AuthToken`, replacing whatever was there, and writes the
    /// elements the outline requires even when blank (OrderPS2Pro's names, ERRATA E72).
    fn set_credentials(input: &mut Self::Input, credentials: &Credentials);

    /// Every problem the client can see before sending (lengths, allowed values, patterns,
    /// cross-field rules). The default finds none.
    fn validate(input: &Self::Input) -> Violations {
        let _ = input;
        Violations::new()
    }

    /// The secrets inside the request besides the API password (every `PickupPassword`),
    /// so that they can be masked in anything the server echoes back.
    fn secrets(input: &Self::Input) -> Vec<&str> {
        let _ = input;
        Vec::new()
    }

    /// The order an operation acts on (`OrderID`, `TargetOrderID`), for tracing and for
    /// [`Error::OutcomeUnknown`](crate::Error::OutcomeUnknown).
    fn target_order_id(input: &Self::Input) -> Option<&str> {
        let _ = input;
        None
    }

    /// Reads the response's `OrderResponseHeader` (and `OrderID`, when it has one).
    fn status(output: &Self::Output) -> ResponseStatus;
}

/// An operation that places an order and carries an optional `SubID` (the caller's own
/// reference, at most 50 characters) by which the order can be found again.
pub trait OrderOperation: GasOperation {
    /// The query that finds orders by `SubID` (`GetOrders`).
    type Lookup: SubIdLookup;

    /// The request's `SubID`, when the caller gave one.
    fn sub_id(input: &Self::Input) -> Option<&str>;

    /// A response for an order found by `SubID` after its own answer was lost: success,
    /// with the `OrderID` and nothing else.
    fn recovered_output(order_id: &str) -> Self::Output;
}

/// A query that lists the orders carrying a given `SubID`.
pub trait SubIdLookup: GasOperation {
    /// The query's request for one `SubID` (the client fills in the credentials).
    fn by_sub_id(sub_id: &str) -> Self::Input;

    /// The `OrderID`s of the orders in the answer that carry `sub_id` (an order whose
    /// answer does not show its `SubID` counts: the query asked for that `SubID`).
    fn order_ids(output: &Self::Output, sub_id: &str) -> Vec<String>;
}

/// What a response's `OrderResponseHeader` says, in the client's terms.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ResponseStatus {
    /// `SuccessCode`: 0 success, 1 success with warnings, −1 failure. `None` when the
    /// header or the code was missing or not a number.
    pub success_code: Option<i32>,
    /// `Errors/Error` entries: errors for −1, warnings for 1.
    pub errors: Vec<ApiError>,
    /// The response's `OrderID`, when it has one and it is not empty.
    pub order_id: Option<String>,
}
