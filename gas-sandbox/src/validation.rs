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
