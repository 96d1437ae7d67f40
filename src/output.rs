//! Where output goes: results on stdout, messages on stderr, every byte through the
//! secret mask. With `--json`, stdout carries one JSON object per line and stderr's
//! warnings and errors are JSON objects too, so a script can read both.
//! Where an answer differed from our WSDL (its deviations) is a warning of its own.

use std::io::{self, Write};

use serde_json::Value;

use crate::deviations;
use crate::failure::{Failure, Item};
use crate::mask::Secrets;

pub struct Output {
    pub json: bool,
    pub secrets: Secrets,
    /// `-v`: the deviations of an answer are listed one by one.
    pub verbose: bool,
}

impl Output {
    pub fn new(json: bool, secrets: Secrets) -> Output {
        Output {
            json,
            secrets,
            verbose: false,
        }
    }

    /// With `-v` (or more).
    pub fn verbose(self, verbose: bool) -> Output {
        Output { verbose, ..self }
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

    /// Where `operation`'s answer differed from our WSDL, on stderr: with `--json` one
    /// object `{"operation", "deviations": [...]}`; otherwise a warning with the count,
    /// and with `-v` a line per place (path, kind, raw value). Nothing when there are none.
    pub fn deviations(&self, operation: &str, found: &[gas_client::Deviation]) {
        if found.is_empty() {
            return;
        }
        let text = if self.json {
            let value = serde_json::json!({
                "operation": operation,
                "deviations": deviations::to_json(found),
            });
            format!("{value}\n")
        } else {
            let places = if found.len() == 1 { "place" } else { "places" };
            let mut text = format!(
                "gas: warning: the {operation} answer differs from our WSDL in {} {places}; it was read anyway{}\n",
                found.len(),
                if self.verbose {
                    ":"
                } else {
                    " (-v lists them, --strict-reading refuses such answers)"
                }
            );
            if self.verbose {
                for deviation in found {
                    text.push_str(&format!("  {}\n", deviations::line(deviation)));
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
