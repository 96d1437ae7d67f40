//! Where output goes: results on stdout, messages on stderr, every byte through the
//! secret mask. With `--json`, stdout carries one JSON object per line and stderr's
//! warnings and errors are JSON objects too, so a script can read both.

use std::io::{self, Write};

use serde_json::Value;

use crate::failure::{Failure, Item};
use crate::mask::Secrets;

pub struct Output {
    pub json: bool,
    pub secrets: Secrets,
}

impl Output {
    pub fn new(json: bool, secrets: Secrets) -> Output {
        Output { json, secrets }
    }

    /// Text for people, on stdout (used when not `--json`).
    pub fn text(&self, text: &str) {
        write_out(&mut io::stdout().lock(), &self.secrets.mask(text));
    }

    /// One JSON line on stdout.
    pub fn json_line(&self, value: &Value) {
        let line = format!("{}\n", self.secrets.mask(&value.to_string()));
        write_out(&mut io::stdout().lock(), &line);
    }

    /// A note for the operator on stderr (progress, where files went); not in `--json`.
    pub fn note(&self, text: &str) {
        if !self.json {
            write_out(
                &mut io::stderr().lock(),
                &self.secrets.mask(&format!("{text}\n")),
            );
        }
    }

    /// A warning on stderr: `gas: warning: ...`, or `{"warning": ...}` with `--json`.
    pub fn warning(&self, message: &str, items: &[Item]) {
        let text = if self.json {
            let value = serde_json::json!({ "warning": { "message": message, "items": items } });
            format!("{value}\n")
        } else {
            let mut text = format!("gas: warning: {message}\n");
            for item in items {
                let mut line = String::from("  ");
                if let Some(field) = &item.field {
                    line.push_str(field);
                    line.push_str(": ");
                }
                line.push_str(&item.message);
                if let Some(code) = &item.code {
                    line.push_str(&format!(" [{code}]"));
                }
                text.push_str(&line);
                text.push('\n');
                if let Some(advice) = &item.advice {
                    text.push_str(&format!("    what to do: {advice}\n"));
                }
            }
            text
        };
        write_out(&mut io::stderr().lock(), &self.secrets.mask(&text));
    }

    /// The failure that ends the run, on stderr.
    pub fn failure(&self, failure: &Failure) {
        let text = if self.json {
            format!("{}\n", failure.render_json())
        } else {
            failure.render_text()
        };
        write_out(&mut io::stderr().lock(), &self.secrets.mask(&text));
    }
}

/// Writes and flushes, ignoring a closed pipe (`gas orders | head` is fine).
fn write_out(w: &mut dyn Write, text: &str) {
    let _ = w.write_all(text.as_bytes());
    let _ = w.flush();
}
