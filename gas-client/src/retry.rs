//! When the client sends a request again, and how long it waits first.
//!
//! The policy itself is described in the crate documentation ("Retries"); this module holds
//! the knobs. The exchange's retries and their backoff (exponential, capped, with jitter)
//! are soap-client's, given `max_attempts`, `initial_backoff` and `max_backoff`.

use std::time::Duration;

/// How persistent the client is when an answer does not arrive.
///
/// Defaults: 3 attempts for queries, backoff 250 ms doubling up to 5 s with jitter,
/// order reconciliation on with a 2 s settle delay, and one resend of an order the
/// reconciliation shows was not placed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Attempts in all (first try included) for queries, and for any request whose
    /// connection failed before it could be sent. 1 means no retries.
    pub max_attempts: u32,
    /// Wait before the second attempt; doubled for each further attempt.
    pub initial_backoff: Duration,
    /// Upper bound of the wait between attempts.
    pub max_backoff: Duration,
    /// Whether an order whose answer was lost is looked up by its `SubID`.
    /// When `false`, such an order is returned as [`Error::OutcomeUnknown`](crate::Error::OutcomeUnknown)
    /// straight away.
    pub reconcile_orders: bool,
    /// Wait before the `SubID` lookup, so that a server still working on the lost request
    /// has time to record the order.
    pub order_settle_delay: Duration,
    /// How many times an order is sent again after the lookup found no order with its
    /// `SubID`. 0 returns [`Error::OutcomeUnknown`](crate::Error::OutcomeUnknown) instead.
    pub max_order_resends: u32,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_attempts: 3,
            initial_backoff: Duration::from_millis(250),
            max_backoff: Duration::from_secs(5),
            reconcile_orders: true,
            order_settle_delay: Duration::from_secs(2),
            max_order_resends: 1,
        }
    }
}

impl RetryPolicy {
    /// Never send anything twice and never look orders up: every failure is returned as is
    /// (orders whose answer was lost as [`Error::OutcomeUnknown`](crate::Error::OutcomeUnknown)).
    pub fn none() -> Self {
        RetryPolicy {
            max_attempts: 1,
            reconcile_orders: false,
            max_order_resends: 0,
            ..RetryPolicy::default()
        }
    }
}
