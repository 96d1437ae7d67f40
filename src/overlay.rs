//! The spec overlay (`wsdl/spec-overlay.toml`), embedded in the binary.
//!
//! The WSDL says which elements exist; the overlay says what the PDF adds about them:
//! lengths, allowed values, formats, descriptions and the section 16.2 error codes with
//! their advice. The command line uses it for `gas order template`, for the allowed values
//! of its own flags, and to tell the operator what to do about an error code.
//!
//! It is read with the generator's own types and checks (`soapgen_codegen::overlay`), so
//! the command line and the generated code cannot disagree on what an entry means or which
//! entry a path finds.

use std::sync::LazyLock;

pub use soapgen_codegen::overlay::{Field, Format, Overlay};

/// The overlay as written in the repository when this binary was built.
pub const OVERLAY_TOML: &str = include_str!("../wsdl/spec-overlay.toml");

static OVERLAY: LazyLock<Result<Overlay, String>> = LazyLock::new(|| {
    Overlay::parse(OVERLAY_TOML, "wsdl/spec-overlay.toml").map_err(|e| format!("{e} (embedded)"))
});

/// The embedded overlay, parsed once. An error means the binary was built from a broken
/// overlay; every caller reports it instead of panicking.
pub fn overlay() -> Result<&'static Overlay, String> {
    OVERLAY.as_ref().map_err(Clone::clone)
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
            .field_at("OrderPS2/Request/DnAttributes/Email")
            .unwrap();
        assert_eq!(email.path, "OrderPS2/Request/DnAttributes/Email");
        let password = overlay
            .field_at("OrderQC/Request/OrderRequestHeader/AuthToken/Password")
            .unwrap();
        assert!(password.secret);
        assert_eq!(password.max_length, Some(30));
        assert!(
            overlay
                .field_at("OrderQC/Extra/Request/OrderRequestHeader/AuthToken/Password")
                .is_none()
        );
    }

    #[test]
    fn value_sets_and_error_codes_are_found() {
        let overlay = overlay().unwrap();
        let set = overlay
            .field_at("OrderPS2/Request/Year")
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
