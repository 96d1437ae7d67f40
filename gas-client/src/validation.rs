//! Client-side validation results: what is wrong with a request before it is sent.
//!
//! Each [`Violation`] names the element the way the spec's `ErrorField` does
//! (`DnAttributes/Email`) and carries the error code GlobalSign would have answered with
//! (`-102` missing, `-103` length, `-104` format, `-105` combination, ...), so a caller can
//! handle a rejected request the same way whether the client or the server found the problem.

use std::fmt;

use crate::api_error::ApiErrorCode;

/// One problem with a request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Violation {
    /// Element path in the spec's `ErrorField` style, e.g. `DnAttributes/Email`.
    pub path: String,
    /// The code GlobalSign would answer with for this problem.
    pub code: ApiErrorCode,
    /// What is wrong, in words. Never contains the offending value of a secret field.
    pub message: String,
}

impl Violation {
    /// A violation at `path` with the code GlobalSign would answer with.
    pub fn new(path: impl Into<String>, code: ApiErrorCode, message: impl Into<String>) -> Self {
        Violation {
            path: path.into(),
            code,
            message: message.into(),
        }
    }
}

impl From<soap_runtime::validate::Violation> for Violation {
    /// A violation found by the generated checks.
    fn from(v: soap_runtime::validate::Violation) -> Self {
        Violation {
            path: v.path,
            code: ApiErrorCode::from_code(v.code),
            message: v.message,
        }
    }
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {} ({})", self.path, self.message, self.code)
    }
}

/// Every problem found in one request (at least one when returned in an error).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Violations {
    items: Vec<Violation>,
}

impl Violations {
    /// An empty set, to collect into.
    pub fn new() -> Self {
        Violations::default()
    }

    /// Adds one violation.
    pub fn push(&mut self, violation: Violation) {
        self.items.push(violation);
    }

    /// Whether nothing was found.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// How many problems were found.
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// The problems, in the order they were found (document order, then cross-field rules).
    pub fn iter(&self) -> std::slice::Iter<'_, Violation> {
        self.items.iter()
    }

    /// The problems as a slice.
    pub fn as_slice(&self) -> &[Violation] {
        &self.items
    }

    /// The violations at one element path.
    pub fn at<'a>(&'a self, path: &'a str) -> impl Iterator<Item = &'a Violation> + 'a {
        self.items.iter().filter(move |v| v.path == path)
    }

    /// `Ok(())` when empty, else `Err(self)`.
    pub fn into_result(self) -> Result<(), Violations> {
        if self.is_empty() { Ok(()) } else { Err(self) }
    }
}

impl From<Vec<Violation>> for Violations {
    fn from(items: Vec<Violation>) -> Self {
        Violations { items }
    }
}

impl Extend<Violation> for Violations {
    fn extend<I: IntoIterator<Item = Violation>>(&mut self, iter: I) {
        self.items.extend(iter);
    }
}

impl FromIterator<Violation> for Violations {
    fn from_iter<I: IntoIterator<Item = Violation>>(iter: I) -> Self {
        Violations {
            items: iter.into_iter().collect(),
        }
    }
}

impl IntoIterator for Violations {
    type Item = Violation;
    type IntoIter = std::vec::IntoIter<Violation>;
    fn into_iter(self) -> Self::IntoIter {
        self.items.into_iter()
    }
}

impl<'a> IntoIterator for &'a Violations {
    type Item = &'a Violation;
    type IntoIter = std::slice::Iter<'a, Violation>;
    fn into_iter(self) -> Self::IntoIter {
        self.items.iter()
    }
}

impl fmt::Display for Violations {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.items.len() {
            0 => f.write_str("no violations"),
            1 => write!(f, "{}", self.items[0]),
            n => {
                write!(f, "{n} violations: ")?;
                for (i, v) in self.items.iter().enumerate() {
                    if i > 0 {
                        f.write_str("; ")?;
                    }
                    write!(f, "{v}")?;
                }
                Ok(())
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_lists_every_violation() {
        let mut v = Violations::new();
        assert_eq!(v.to_string(), "no violations");
        v.push(Violation::new(
            "DnAttributes/Email",
            ApiErrorCode::ParameterLength,
            "longer than 128 characters",
        ));
        assert_eq!(
            v.to_string(),
            "DnAttributes/Email: longer than 128 characters (-103)"
        );
        v.push(Violation::new(
            "Year",
            ApiErrorCode::MandatoryParameterMissing,
            "missing",
        ));
        assert_eq!(
            v.to_string(),
            "2 violations: DnAttributes/Email: longer than 128 characters (-103); Year: missing (-102)"
        );
        assert_eq!(v.at("Year").count(), 1);
        assert!(v.into_result().is_err());
    }
}
