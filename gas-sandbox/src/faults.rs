//! Fault injection for tests: per operation (or for all), answer with an API error
//! (−201 "Failed database operation", −1 "Failure"), a SOAP fault, an HTTP status, drop
//! the connection without answering, and/or delay the answer — every time or the next
//! `n` times; before the request is carried out, or after it (`after_commit`: the order is
//! placed and its answer lost). Client retry, reconciliation and timeout logic is tested
//! against this.
//!
//! Apart from those, [`FaultPlan::set_warnings`] makes successful answers carry warnings
//! (`SuccessCode` 1, section 16.1 L4337), which GlobalSign may send and the sandbox
//! otherwise never does.

use std::collections::BTreeMap;
use std::sync::{Mutex, PoisonError};
use std::time::Duration;

use crate::api_error::ErrorCode;

/// The key that matches every operation (an exact operation name wins over it).
pub const ANY_OPERATION: &str = "*";

/// What to answer instead of the real result.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FaultAction {
    /// A normal response for the operation with `SuccessCode` −1 and this error code
    /// (GlobalSign's answer when its database or back end fails: −201, −1).
    ApiError(ErrorCode),
    /// A SOAP `Server` fault with this text and HTTP 500 (what CXF sends on an internal
    /// exception).
    SoapFault(String),
    /// An HTTP status with an empty body (a proxy or load balancer in the way: 502, 503).
    HttpStatus(u16),
    /// Close the connection without answering.
    DropConnection,
}

/// One injection rule.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FaultRule {
    /// What to answer; `None` answers normally (useful with `delay` alone).
    pub action: Option<FaultAction>,
    /// Wait this long before answering (or dropping).
    pub delay: Option<Duration>,
    /// Apply to the next `n` matching requests only; `None` is every request until cleared.
    pub times: Option<u32>,
    /// Carry the request out first (an order is placed, a change made), then answer with
    /// the action instead of the real answer: the lost answer a client must recover from
    /// (an order found again by its `SubID`), as a network failure or a back-end
    /// exception after the commit would make it.
    pub after_commit: bool,
}

impl FaultRule {
    /// Answer with the API error `code` (−201, −1, or any other).
    pub fn api_error(code: ErrorCode) -> Self {
        Self {
            action: Some(FaultAction::ApiError(code)),
            ..Self::default()
        }
    }

    /// Answer with a SOAP Server fault.
    pub fn soap_fault(message: impl Into<String>) -> Self {
        Self {
            action: Some(FaultAction::SoapFault(message.into())),
            ..Self::default()
        }
    }

    /// Answer with a bare HTTP status.
    pub fn http_status(status: u16) -> Self {
        Self {
            action: Some(FaultAction::HttpStatus(status)),
            ..Self::default()
        }
    }

    /// Drop the connection.
    pub fn drop_connection() -> Self {
        Self {
            action: Some(FaultAction::DropConnection),
            ..Self::default()
        }
    }

    /// Only delay, then answer normally.
    pub fn delay(by: Duration) -> Self {
        Self {
            delay: Some(by),
            ..Self::default()
        }
    }

    /// Adds a delay before the action.
    pub fn with_delay(mut self, by: Duration) -> Self {
        self.delay = Some(by);
        self
    }

    /// Limits the rule to the next `n` matching requests.
    pub fn times(mut self, n: u32) -> Self {
        self.times = Some(n);
        self
    }

    /// Carries the request out before the action replaces its answer (see
    /// [`FaultRule::after_commit`]): `FaultRule::drop_connection().after_commit()` places
    /// the order and loses the answer.
    pub fn after_commit(mut self) -> Self {
        self.after_commit = true;
        self
    }
}

/// Warnings to add to successful answers: `SuccessCode` 1 with these entries in
/// `Errors`. A failed answer (`SuccessCode` −1) is left as it is.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct WarningRule {
    /// The `Error` entries to add: code and message (`ErrorField` is left out).
    pub warnings: Vec<(ErrorCode, String)>,
    /// Apply to the next `n` successful answers only; `None` is every one until cleared.
    pub times: Option<u32>,
}

impl WarningRule {
    /// One warning with `code` and `message`, on every successful answer.
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Self {
            warnings: vec![(code, message.into())],
            times: None,
        }
    }

    /// Limits the rule to the next `n` successful answers.
    pub fn times(mut self, n: u32) -> Self {
        self.times = Some(n);
        self
    }
}

/// The rules in force, by operation name (`OrderPS1`, …, or [`ANY_OPERATION`]).
#[derive(Debug, Default)]
pub struct FaultPlan {
    rules: Mutex<BTreeMap<String, FaultRule>>,
    warnings: Mutex<BTreeMap<String, WarningRule>>,
}

impl FaultPlan {
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets the rule for `operation` (replacing an earlier one).
    pub fn set(&self, operation: impl Into<String>, rule: FaultRule) {
        let mut rules = self.rules.lock().unwrap_or_else(PoisonError::into_inner);
        if rule.times == Some(0) {
            rules.remove(&operation.into());
        } else {
            rules.insert(operation.into(), rule);
        }
    }

    /// The rules in force, by operation.
    pub fn rules(&self) -> Vec<(String, FaultRule)> {
        self.rules
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .iter()
            .map(|(op, rule)| (op.clone(), rule.clone()))
            .collect()
    }

    /// Removes the rule for `operation`.
    pub fn clear(&self, operation: &str) {
        self.rules
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .remove(operation);
    }

    /// Removes every rule, warnings included.
    pub fn clear_all(&self) {
        self.rules
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clear();
        self.warnings
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clear();
    }

    /// Sets the warnings for `operation` (replacing earlier ones; `times(0)` removes).
    pub fn set_warnings(&self, operation: impl Into<String>, rule: WarningRule) {
        let mut warnings = self.warnings.lock().unwrap_or_else(PoisonError::into_inner);
        if rule.times == Some(0) || rule.warnings.is_empty() {
            warnings.remove(&operation.into());
        } else {
            warnings.insert(operation.into(), rule);
        }
    }

    /// The warnings for one successful answer of `operation` (empty when none apply),
    /// counting it against `times`.
    pub fn take_warnings(&self, operation: &str) -> Vec<(ErrorCode, String)> {
        let mut warnings = self.warnings.lock().unwrap_or_else(PoisonError::into_inner);
        let key = if warnings.contains_key(operation) {
            operation
        } else {
            ANY_OPERATION
        };
        let Some(rule) = warnings.get_mut(key) else {
            return Vec::new();
        };
        let taken = rule.warnings.clone();
        if let Some(left) = &mut rule.times {
            *left = left.saturating_sub(1);
            if *left == 0 {
                warnings.remove(key);
            }
        }
        taken
    }

    /// The rule that applies to one request of `operation`, counting it against `times`
    /// (a used-up rule is removed).
    pub fn take(&self, operation: &str) -> Option<FaultRule> {
        let mut rules = self.rules.lock().unwrap_or_else(PoisonError::into_inner);
        let key = if rules.contains_key(operation) {
            operation
        } else if rules.contains_key(ANY_OPERATION) {
            ANY_OPERATION
        } else {
            return None;
        };
        let rule = rules.get_mut(key)?;
        let taken = rule.clone();
        if let Some(left) = &mut rule.times {
            *left = left.saturating_sub(1);
            if *left == 0 {
                rules.remove(key);
            }
        }
        Some(taken)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exact_name_wins_over_any() {
        let plan = FaultPlan::new();
        plan.set(ANY_OPERATION, FaultRule::api_error(ErrorCode::FAILURE));
        plan.set("OrderPS1", FaultRule::drop_connection());
        assert_eq!(
            plan.take("OrderPS1").and_then(|r| r.action),
            Some(FaultAction::DropConnection)
        );
        assert_eq!(
            plan.take("GetOrders").and_then(|r| r.action),
            Some(FaultAction::ApiError(ErrorCode::FAILURE))
        );
    }

    #[test]
    fn times_counts_down_and_removes() {
        let plan = FaultPlan::new();
        plan.set(
            "GetOrders",
            FaultRule::api_error(ErrorCode::DATABASE).times(2),
        );
        assert!(plan.take("GetOrders").is_some());
        assert!(plan.take("GetOrders").is_some());
        assert!(plan.take("GetOrders").is_none());
        assert!(plan.take("OrderPS1").is_none());
    }

    #[test]
    fn warnings_count_down_apart_from_faults() {
        let plan = FaultPlan::new();
        plan.set_warnings(
            ANY_OPERATION,
            WarningRule::new(ErrorCode(-9918), "coupon period ends soon").times(2),
        );
        plan.set("OrderPS1", FaultRule::drop_connection());
        assert_eq!(
            plan.take_warnings("OrderPS1"),
            [(ErrorCode(-9918), "coupon period ends soon".to_owned())]
        );
        assert_eq!(plan.take_warnings("GetOrders").len(), 1);
        assert!(plan.take_warnings("GetOrders").is_empty(), "used up");
        assert!(plan.take("OrderPS1").is_some(), "the fault rule is its own");
        plan.set_warnings("GetOrders", WarningRule::new(ErrorCode(1), "w"));
        plan.clear_all();
        assert!(plan.take_warnings("GetOrders").is_empty());
    }

    #[test]
    fn clear_and_delay_only() {
        let plan = FaultPlan::new();
        plan.set("ModifyOrder", FaultRule::delay(Duration::from_millis(5)));
        let rule = plan.take("ModifyOrder").expect("rule");
        assert_eq!(rule.action, None);
        assert_eq!(rule.delay, Some(Duration::from_millis(5)));
        plan.clear("ModifyOrder");
        assert!(plan.take("ModifyOrder").is_none());
        plan.set("A", FaultRule::http_status(503));
        plan.set(
            "B",
            FaultRule::soap_fault("boom").with_delay(Duration::ZERO),
        );
        plan.clear_all();
        assert!(plan.take("A").is_none() && plan.take("B").is_none());
        plan.set("C", FaultRule::drop_connection().times(0));
        assert!(plan.take("C").is_none(), "times(0) sets nothing");
    }
}
