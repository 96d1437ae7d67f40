//! The hand-written parts that mirror the spec overlay (`wsdl/spec-overlay.toml`) stay in
//! step with it: the section 16.2 error table and the cross-field rules.

use std::collections::BTreeSet;

use gas_client::ApiErrorCode;
use gas_client::rules::{CLIENT_SIDE, SERVER_SIDE};

fn overlay() -> toml::Table {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../wsdl/spec-overlay.toml");
    let text = std::fs::read_to_string(path).expect("wsdl/spec-overlay.toml is readable");
    text.parse().expect("the overlay is TOML")
}

fn entries<'a>(overlay: &'a toml::Table, key: &str) -> Vec<&'a toml::Table> {
    overlay
        .get(key)
        .and_then(toml::Value::as_array)
        .unwrap_or_else(|| panic!("overlay has [[{key}]] entries"))
        .iter()
        .map(|v| v.as_table().expect("entry is a table"))
        .collect()
}

fn text<'a>(entry: &'a toml::Table, key: &str) -> &'a str {
    entry
        .get(key)
        .and_then(toml::Value::as_str)
        .unwrap_or_else(|| panic!("entry has a string `{key}`: {entry:?}"))
}

#[test]
fn the_error_table_is_the_overlays() {
    let overlay = overlay();
    let codes = entries(&overlay, "error_code");
    assert_eq!(codes.len(), ApiErrorCode::KNOWN.len());
    for entry in codes {
        let code = ApiErrorCode::from_code(text(entry, "code"));
        assert!(
            !matches!(code, ApiErrorCode::Unknown(_)),
            "overlay code {} is not in ApiErrorCode",
            text(entry, "code")
        );
        assert_eq!(
            code.meaning(),
            Some(text(entry, "meaning")),
            "meaning of {code}"
        );
        assert_eq!(
            code.advice(),
            Some(text(entry, "advice")),
            "advice of {code}"
        );
    }
}

#[test]
fn every_overlay_rule_is_checked_here_or_left_to_the_server() {
    let overlay = overlay();
    let rules = entries(&overlay, "rule");
    let mut seen = BTreeSet::new();
    for rule in &rules {
        let id = text(rule, "id");
        seen.insert(id);
        if SERVER_SIDE.contains(&id) {
            assert!(
                text(rule, "text").contains("Server-side"),
                "{id} is treated as server-side but the overlay does not say so"
            );
            continue;
        }
        let spec = CLIENT_SIDE
            .iter()
            .find(|s| s.id == id)
            .unwrap_or_else(|| panic!("overlay rule {id} is neither checked nor server-side"));
        assert_eq!(spec.code, text(rule, "error_code"), "error_code of {id}");
        assert_eq!(spec.field, text(rule, "error_field"), "error_field of {id}");
    }
    for spec in CLIENT_SIDE {
        assert!(seen.contains(spec.id), "{} is not in the overlay", spec.id);
    }
    for id in SERVER_SIDE {
        assert!(seen.contains(id), "{id} is not in the overlay");
    }
}
