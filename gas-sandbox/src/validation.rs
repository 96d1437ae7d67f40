//! Field validation of incoming requests: the seam to the generated checks and the
//! client's rules.
//!
//! The sandbox does not hand-write lengths, allowed values, patterns or the stateless
//! combination rules: they come from `wsdl/spec-overlay.toml` through the generated
//! `soap_runtime::validate::Validate` impls (required −102, length −103, format −104, value
//! −9970) and the client's rule functions (−105, −9201, −9917, ...), so client and sandbox
//! cannot disagree. This module turns their findings into the API's `Errors`.

use soap_runtime::validate::Violation;

use crate::api_error::{ApiError, ApiErrors, ErrorCode};

/// A cross-field rule's finding (from `gas_client::rules`) as an API error.
pub fn rule_violation_to_error(violation: &gas_client::Violation) -> ApiError {
    let code = violation
        .code
        .as_str()
        .trim()
        .parse::<i32>()
        .map(ErrorCode)
        .unwrap_or(ErrorCode::FAILURE);
    ApiError::at(code, violation.path.clone()).detail(&violation.message)
}

/// The generated checks' findings and the rules' findings as one answer (`None` when
/// clean). Where a rule names a field the generated checks also flagged (ProductCode: the
/// rule's −9203 rather than the value set's −9970, ERRATA E92), the rule's error wins.
pub fn request_errors(
    generated: &[Violation],
    rules: &[gas_client::Violation],
) -> Option<ApiErrors> {
    let rule_errors: Vec<ApiError> = rules.iter().map(rule_violation_to_error).collect();
    let mut errors: Vec<ApiError> = generated
        .iter()
        .filter(|v| {
            !(v.kind == soap_runtime::validate::ViolationKind::NotAllowed
                && rule_errors
                    .iter()
                    .any(|r| r.field.as_deref() == Some(v.path.as_str())))
        })
        .map(violation_to_error)
        .collect();
    errors.extend(rule_errors);
    (!errors.is_empty()).then_some(ApiErrors(errors))
}

/// One generated-check finding as an API error: its code (`"-103"`), its path as
/// `ErrorField`, and the table's message followed by the finding's text.
pub fn violation_to_error(violation: &Violation) -> ApiError {
    let code = violation
        .code
        .trim()
        .parse::<i32>()
        .map(ErrorCode)
        .unwrap_or(ErrorCode::FAILURE);
    ApiError::at(code, violation.path.clone()).detail(&violation.message)
}

/// All findings as one failed answer, or `None` when there are none.
pub fn violations_to_errors<'a>(
    violations: impl IntoIterator<Item = &'a Violation>,
) -> Option<ApiErrors> {
    let errors: Vec<ApiError> = violations.into_iter().map(violation_to_error).collect();
    (!errors.is_empty()).then_some(ApiErrors(errors))
}

#[cfg(test)]
mod tests {
    use super::*;
    use soap_runtime::validate::ViolationKind;

    #[test]
    fn converts_code_path_and_message() {
        let v = Violation::new(
            "DnAttributes/Email",
            ViolationKind::Length,
            "at most 128 characters",
        );
        let e = violation_to_error(&v);
        assert_eq!(e.code, ErrorCode::LENGTH);
        assert_eq!(e.field.as_deref(), Some("DnAttributes/Email"));
        assert_eq!(
            e.message,
            "Parameter length check error: at most 128 characters"
        );
    }

    #[test]
    fn rule_errors_replace_value_set_errors_on_the_same_field() {
        let generated = [
            Violation::new("ProductCode", ViolationKind::NotAllowed, "not allowed"),
            Violation::new("Year", ViolationKind::NotAllowed, "not 1, 2 or 3"),
        ];
        let rules = [
            gas_client::rules::product_code_for_operation("OrderQC", "DSAATL").expect("violation"),
        ];
        let errors = request_errors(&generated, &rules).expect("errors");
        assert_eq!(errors.codes(), [-9970, -9203]);
        assert_eq!(errors.0[1].field.as_deref(), Some("ProductCode"));
        assert!(request_errors(&[], &[]).is_none());
    }

    #[test]
    fn none_when_clean() {
        assert!(violations_to_errors(&[]).is_none());
        let found = [
            Violation::new("Year", ViolationKind::NotAllowed, "not 1, 2 or 3"),
            Violation::new("OrderKind", ViolationKind::Missing, "missing"),
        ];
        let errors = violations_to_errors(&found).expect("two");
        assert_eq!(errors.codes(), [-9970, -102]);
    }
}
