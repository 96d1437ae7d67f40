//! The spec overlay (`wsdl/spec-overlay.toml`), embedded in the binary.
//!
//! The WSDL says which elements exist; the overlay says what the PDF adds about them:
//! lengths, allowed values, formats, descriptions and the section 16.2 error codes with
//! their advice. The command line uses it for `gas order template`, for the allowed values
//! of its own flags, and to tell the operator what to do about an error code.
//!
//! Only the keys the command line reads are declared; the format itself is checked by the
//! code generator and `tests/overlay_paths.rs`, so a key added there does not break `gas`.

use std::sync::LazyLock;

use serde::Deserialize;

/// The overlay as written in the repository when this binary was built.
pub const OVERLAY_TOML: &str = include_str!("../wsdl/spec-overlay.toml");

static OVERLAY: LazyLock<Result<Overlay, String>> = LazyLock::new(|| {
    toml::from_str(OVERLAY_TOML).map_err(|e| format!("wsdl/spec-overlay.toml (embedded): {e}"))
});

/// The embedded overlay, parsed once. An error means the binary was built from a broken
/// overlay; every caller reports it instead of panicking.
pub fn overlay() -> Result<&'static Overlay, String> {
    OVERLAY.as_ref().map_err(Clone::clone)
}

#[derive(Debug, Deserialize)]
pub struct Overlay {
    #[serde(default)]
    pub value_set: Vec<ValueSet>,
    #[serde(default)]
    pub field: Vec<Field>,
    #[serde(default)]
    pub error_code: Vec<ErrorCode>,
    #[serde(default)]
    pub rule: Vec<Rule>,
}

/// A cross-field rule of the spec; `gas order template` marks the fields a `…-required`
/// rule makes required.
#[derive(Debug, Deserialize)]
pub struct Rule {
    pub id: String,
    #[serde(default)]
    pub operations: Vec<String>,
    #[serde(default)]
    pub error_field: String,
}

/// A named set of allowed values.
#[derive(Debug, Deserialize)]
pub struct ValueSet {
    pub name: String,
    pub values: Vec<AllowedValue>,
}

#[derive(Debug, Deserialize)]
pub struct AllowedValue {
    pub value: String,
    #[serde(default)]
    pub doc: String,
}

/// What the spec says about one element path.
#[derive(Debug, Deserialize)]
pub struct Field {
    pub path: String,
    #[serde(default)]
    pub doc: String,
    pub min_length: Option<u32>,
    pub max_length: Option<u32>,
    pub values: Option<String>,
    pub pattern: Option<String>,
    pub format: Option<String>,
    #[serde(default)]
    pub secret: bool,
}

/// A section 16.2 error code.
#[derive(Debug, Deserialize)]
pub struct ErrorCode {
    pub code: String,
    #[serde(default)]
    pub meaning: String,
    #[serde(default)]
    pub advice: String,
}

impl Overlay {
    /// The entry for an element path (`OrderPS2/Request/DnAttributes/Email`): the exact
    /// entry, else a wildcard entry whose `*` segments match.
    pub fn field(&self, path: &str) -> Option<&Field> {
        self.field.iter().find(|f| f.path == path).or_else(|| {
            self.field
                .iter()
                .find(|f| f.path.contains('*') && wildcard_matches(&f.path, path))
        })
    }

    pub fn value_set(&self, name: &str) -> Option<&ValueSet> {
        self.value_set.iter().find(|v| v.name == name)
    }

    /// The spec's meaning and advice for an error code (`-4001`).
    pub fn error_code(&self, code: &str) -> Option<&ErrorCode> {
        let code = code.trim();
        self.error_code.iter().find(|e| e.code == code)
    }
}

fn wildcard_matches(pattern: &str, path: &str) -> bool {
    let mut pattern = pattern.split('/');
    let mut path = path.split('/');
    loop {
        match (pattern.next(), path.next()) {
            (None, None) => return true,
            (Some(p), Some(s)) if p == "*" || p == s => {}
            _ => return false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_overlay_parses() {
        let overlay = overlay().unwrap();
        assert!(overlay.field.len() > 100);
        assert!(overlay.error_code.len() >= 30);
    }

    #[test]
    fn exact_entries_win_and_wildcards_match_whole_segments() {
        let overlay = overlay().unwrap();
        let email = overlay
            .field("OrderPS2/Request/DnAttributes/Email")
            .unwrap();
        assert_eq!(email.path, "OrderPS2/Request/DnAttributes/Email");
        let password = overlay
            .field("OrderQC/Request/OrderRequestHeader/AuthToken/Password")
            .unwrap();
        assert!(password.secret);
        assert_eq!(password.max_length, Some(30));
        assert!(
            overlay
                .field("OrderQC/Extra/Request/OrderRequestHeader/AuthToken/Password")
                .is_none()
        );
        assert!(!wildcard_matches("*/Request", "OrderQC/Request/X"));
    }

    #[test]
    fn value_sets_and_error_codes_are_found() {
        let overlay = overlay().unwrap();
        let set = overlay
            .field("OrderPS2/Request/Year")
            .unwrap()
            .values
            .as_deref()
            .unwrap();
        let years = overlay.value_set(set).unwrap();
        let values: Vec<&str> = years.values.iter().map(|v| v.value.as_str()).collect();
        assert_eq!(values, ["1", "2", "3"]);
        let login = overlay.error_code(" -4001 ").unwrap();
        assert!(login.advice.contains("password"));
    }
}
