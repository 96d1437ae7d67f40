//! What went wrong, how `gas` exits because of it, and what the operator should do.
//!
//! Every failure carries its exit code (documented in `--help` and the README) and a list
//! of items, one per problem: a validation violation with its element path, or an API
//! error with its code, field and the spec's advice for that code. Human output goes to
//! stderr as text; with `--json` the same failure is one JSON object on stderr.

use std::fmt::Write as _;

use serde::Serialize;

use crate::advice::{self, Origin};
use crate::overlay;

/// The process exit codes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Exit {
    /// 1: GlobalSign refused the request; nothing was done.
    Api,
    /// 2: bad usage, configuration or request; nothing was sent.
    Usage,
    /// 3: no usable answer; the outcome is unknown.
    Transport,
    /// 4: `gas certificate` wrote the files, but the certificate is revoked or its order
    /// cancelled: it must not be used.
    Unusable,
}

impl Exit {
    pub fn code(self) -> u8 {
        match self {
            Exit::Api => 1,
            Exit::Usage => 2,
            Exit::Transport => 3,
            Exit::Unusable => 4,
        }
    }
}

/// One problem: a violation, or an error entry from GlobalSign.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Item {
    /// The element path (`DnAttributes/Email`) or GlobalSign's `ErrorField`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    /// The API error code (`-103`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    pub message: String,
    /// The spec's meaning of the code.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub meaning: Option<String>,
    /// What to do about it (the spec's advice for the code).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub advice: Option<String>,
}

impl Item {
    /// An item with the overlay's meaning and advice for its code filled in.
    pub fn new(field: Option<String>, code: Option<String>, message: impl Into<String>) -> Item {
        let entry = code
            .as_deref()
            .and_then(|c| overlay::overlay().ok().and_then(|o| o.error_code(c)));
        Item {
            field,
            meaning: entry.map(|e| e.meaning.clone()).filter(|m| !m.is_empty()),
            advice: entry.map(|e| e.advice.clone()).filter(|a| !a.is_empty()),
            code,
            message: message.into(),
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Failure {
    #[serde(skip)]
    pub exit: Exit,
    /// `usage`, `validation`, `api`, `fault`, `transport`, `outcome_unknown`, ...
    pub kind: &'static str,
    pub message: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub items: Vec<Item>,
    /// A general next step, beyond the items' advice.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hint: Option<String>,
}

impl Failure {
    pub fn new(exit: Exit, kind: &'static str, message: impl Into<String>) -> Failure {
        Failure {
            exit,
            kind,
            message: message.into(),
            items: Vec::new(),
            hint: None,
        }
    }

    pub fn usage(message: impl Into<String>) -> Failure {
        Failure::new(Exit::Usage, "usage", message)
    }

    pub fn with_items(mut self, items: Vec<Item>) -> Failure {
        self.items = items;
        self
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> Failure {
        self.hint = Some(hint.into());
        self
    }

    /// The text shown on stderr.
    pub fn render_text(&self) -> String {
        let mut out = format!("gas: error: {}\n", self.message);
        // Advice is the same for every item with one code: say it once.
        let mut advised: Vec<&str> = Vec::new();
        for item in &self.items {
            let mut line = String::from("  ");
            if let Some(field) = &item.field {
                let _ = write!(line, "{field}: ");
            }
            line.push_str(&item.message);
            if let Some(code) = &item.code {
                match &item.meaning {
                    Some(meaning) if !item.message.contains(meaning.trim_end_matches('.')) => {
                        let _ = write!(line, " [{code}: {}]", meaning.trim_end_matches('.'));
                    }
                    _ => {
                        let _ = write!(line, " [{code}]");
                    }
                }
            }
            out.push_str(&line);
            out.push('\n');
            if let Some(advice) = &item.advice {
                let code = item.code.as_deref().unwrap_or_default();
                if code.is_empty() || !advised.contains(&code) {
                    let _ = writeln!(out, "    what to do: {advice}");
                    advised.push(code);
                }
            }
        }
        if let Some(hint) = &self.hint {
            let _ = writeln!(out, "{hint}");
        }
        out
    }

    /// The JSON line shown on stderr with `--json`.
    pub fn render_json(&self) -> String {
        let value = serde_json::json!({
            "error": self,
            "exit_code": self.exit.code(),
        });
        value.to_string()
    }
}

/// Each item's advice chosen for `operation` and where the problem was found (see
/// [`advice`]), the spec's advice for the code being the fallback.
pub fn advise(items: Vec<Item>, operation: &str, origin: Origin) -> Vec<Item> {
    items
        .into_iter()
        .map(|mut item| {
            if let Some(code) = &item.code {
                item.advice = advice::choose(
                    code,
                    operation,
                    item.field.as_deref(),
                    origin,
                    item.advice.as_deref(),
                );
            }
            item
        })
        .collect()
}

/// Validation problems found before sending (exit 2), each with its path and code.
pub fn invalid_request(operation: &str, items: Vec<Item>) -> Failure {
    let items = advise(items, operation, Origin::Local);
    let count = items.len();
    Failure::new(
        Exit::Usage,
        "validation",
        format!(
            "the {operation} request is invalid ({count} problem{}); nothing was sent",
            if count == 1 { "" } else { "s" }
        ),
    )
    .with_items(items)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn items_carry_the_spec_advice_for_their_code() {
        let item = Item::new(
            Some("AuthToken".into()),
            Some("-4001".into()),
            "Login failure",
        );
        assert_eq!(
            item.meaning.as_deref(),
            Some("Login failure / invalid user ID.")
        );
        assert!(item.advice.as_deref().unwrap().contains("password"));
        let unknown = Item::new(None, Some("-77777".into()), "new code");
        assert!(unknown.advice.is_none());
    }

    #[test]
    fn text_lists_every_item_with_what_to_do() {
        let failure = invalid_request(
            "OrderPS2",
            vec![
                Item::new(
                    Some("DnAttributes/Email".into()),
                    Some("-102".into()),
                    "required field is missing",
                ),
                Item::new(Some("Colour".into()), None, "unknown field"),
            ],
        );
        let text = failure.render_text();
        assert!(text.starts_with(
            "gas: error: the OrderPS2 request is invalid (2 problems); nothing was sent\n"
        ));
        assert!(text.contains(
            "  DnAttributes/Email: required field is missing [-102: Mandatory parameter missing]\n"
        ));
        assert!(
            text.contains("    what to do: gas found this before sending"),
            "{text}"
        );
        assert!(text.contains("  Colour: unknown field\n"));
        assert_eq!(failure.exit.code(), 2);
    }

    #[test]
    fn json_has_kind_items_and_exit_code() {
        let failure = Failure::new(Exit::Api, "api", "GlobalSign refused the request")
            .with_items(vec![Item::new(None, Some("-9916".into()), "Not found")])
            .with_hint("check the OrderID");
        let value: serde_json::Value = serde_json::from_str(&failure.render_json()).unwrap();
        assert_eq!(value["exit_code"], 1);
        assert_eq!(value["error"]["kind"], "api");
        assert_eq!(value["error"]["items"][0]["code"], "-9916");
        assert!(value["error"]["items"][0]["advice"].is_string());
        assert_eq!(value["error"]["hint"], "check the OrderID");
    }
}
