//! When the client sends a request again, and how long it waits first.
//!
//! The policy itself is described in the crate documentation ("Retries"); this module holds
//! the knobs and the backoff arithmetic.

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

    /// The wait before attempt number `attempt + 1` (`attempt` counts from 1): exponential,
    /// capped at `max_backoff`, with "equal jitter" (uniform in the upper half) so that many
    /// clients failing together do not come back together.
    pub(crate) fn backoff(&self, attempt: u32) -> Duration {
        let exponent = attempt.saturating_sub(1).min(31);
        let base = self
            .initial_backoff
            .saturating_mul(1u32 << exponent)
            .min(self.max_backoff);
        let half = base / 2;
        let nanos = u64::try_from(half.as_nanos()).unwrap_or(u64::MAX);
        let jitter = if nanos == 0 {
            0
        } else {
            random_u64() % (nanos + 1)
        };
        half + Duration::from_nanos(jitter)
    }
}

/// A random number from the standard library's per-process hash keys: jitter needs no
/// cryptographic quality, only different values per call and per process.
fn random_u64() -> u64 {
    use std::collections::hash_map::RandomState;
    use std::hash::{BuildHasher, Hasher};
    use std::sync::atomic::{AtomicU64, Ordering};
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let mut hasher = RandomState::new().build_hasher();
    hasher.write_u64(COUNTER.fetch_add(1, Ordering::Relaxed));
    hasher.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_grows_and_is_capped() {
        let policy = RetryPolicy {
            initial_backoff: Duration::from_millis(100),
            max_backoff: Duration::from_millis(1000),
            ..RetryPolicy::default()
        };
        for _ in 0..50 {
            let first = policy.backoff(1);
            assert!(first >= Duration::from_millis(50) && first <= Duration::from_millis(100));
            let third = policy.backoff(3);
            assert!(third >= Duration::from_millis(200) && third <= Duration::from_millis(400));
            let late = policy.backoff(40);
            assert!(late >= Duration::from_millis(500) && late <= Duration::from_millis(1000));
        }
    }

    #[test]
    fn zero_backoff_is_zero() {
        let policy = RetryPolicy {
            initial_backoff: Duration::ZERO,
            ..RetryPolicy::default()
        };
        assert_eq!(policy.backoff(2), Duration::ZERO);
    }

    #[test]
    fn jitter_varies() {
        let policy = RetryPolicy::default();
        let samples: std::collections::BTreeSet<_> = (0..20).map(|_| policy.backoff(2)).collect();
        assert!(samples.len() > 1);
    }
}
