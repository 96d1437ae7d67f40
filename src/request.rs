//! Request documents: what the operator wrote (an order file, or the flags of a command),
//! checked against the request's shape in the WSDL before it becomes a typed request.
//!
//! Every request `gas` sends starts as a JSON value keyed by element names, the same
//! names the spec and `gas order template` use (`DnAttributes`, `Email`). This module
//! reads order files (TOML or JSON) into that form and checks it against the schema
//! tree, listing every problem at once with its element path: unknown fields (with the
//! right spelling when only the case differs), missing required fields, values of the
//! wrong kind, a list where one value belongs. Lengths, allowed values and cross-field
//! rules are checked afterwards by the client's generated validation.

use std::fmt;
use std::path::Path;

use serde_json::{Map, Value};

use crate::shape::{Node, NodeKind, Simple};
use crate::template::FILLED_BY_GAS;

/// One problem in a request document, named by its element path below `Request/`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// `DnAttributes/Email`, `QCStatements/QCStatement[2]/Name`; empty for the document.
    pub path: String,
    pub message: String,
    /// The API error code GlobalSign would answer with, when there is one.
    pub code: Option<&'static str>,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let path = if self.path.is_empty() {
            "(document)"
        } else {
            &self.path
        };
        write!(f, "{path}: {}", self.message)?;
        if let Some(code) = self.code {
            write!(f, " ({code})")?;
        }
        Ok(())
    }
}

/// Reads an order file: JSON when it ends in `.json` or starts with `{`, else TOML.
/// `text` is the file's content, `name` what to call it in messages.
pub fn parse_document(name: &str, text: &str) -> Result<Value, String> {
    let is_json = Path::new(name)
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("json"))
        || text.trim_start().starts_with('{');
    if is_json {
        serde_json::from_str(text).map_err(|e| format!("{name}: not valid JSON: {e}"))
    } else {
        let table: toml::Table = toml::from_str(text)
            .map_err(|e| format!("{name}: not valid TOML: {}", toml_error(text, &e)))?;
        Ok(toml_to_json(toml::Value::Table(table)))
    }
}

/// A TOML error as `line L, column C: message`, without the quoted source line that the
/// error's `Display` adds: that line could hold a password.
pub fn toml_error(text: &str, error: &toml::de::Error) -> String {
    let message = error.message().trim_end();
    match error.span() {
        Some(span) => {
            let start = span.start.min(text.len());
            let before = text.get(..start).unwrap_or_default();
            let line = before.matches('\n').count() + 1;
            let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
            format!("line {line}, column {column}: {message}")
        }
        None => message.to_owned(),
    }
}

/// TOML's own values as JSON values; dates and times become their text.
pub fn toml_to_json(value: toml::Value) -> Value {
    match value {
        toml::Value::String(s) => Value::String(s),
        toml::Value::Integer(i) => Value::from(i),
        toml::Value::Float(f) => Value::from(f),
        toml::Value::Boolean(b) => Value::Bool(b),
        toml::Value::Datetime(d) => Value::String(d.to_string()),
        toml::Value::Array(items) => Value::Array(items.into_iter().map(toml_to_json).collect()),
        toml::Value::Table(table) => Value::Object(
            table
                .into_iter()
                .map(|(k, v)| (k, toml_to_json(v)))
                .collect(),
        ),
    }
}

/// Checks `document` against the request tree `request` (the WSDL's `Request` element)
/// and returns it in canonical form: integers as numbers, booleans as booleans, text as
/// strings, repeated elements as arrays, `null` dropped. `Err` lists every problem.
pub fn check(document: &Value, request: &Node) -> Result<Value, Vec<Problem>> {
    let mut problems = Vec::new();
    let canonical = check_complex(document, request, "", true, &mut problems);
    if problems.is_empty() {
        Ok(canonical)
    } else {
        Err(problems)
    }
}

fn join(path: &str, name: &str) -> String {
    if path.is_empty() {
        name.to_owned()
    } else {
        format!("{path}/{name}")
    }
}

fn check_complex(
    value: &Value,
    node: &Node,
    path: &str,
    top: bool,
    problems: &mut Vec<Problem>,
) -> Value {
    let Value::Object(fields) = value else {
        problems.push(Problem {
            path: path.to_owned(),
            message: format!(
                "expected a group of fields (a TOML table or JSON object), found {}",
                kind_of(value)
            ),
            code: Some("-104"),
        });
        return Value::Null;
    };
    let mut out = Map::new();
    for (key, value) in fields {
        let key_path = join(path, key);
        if top && FILLED_BY_GAS.contains(&key.as_str()) {
            problems.push(Problem {
                path: key_path,
                message: "is filled in by gas from your credentials (GAS_USERNAME/GAS_PASSWORD or the config file); remove it from the file".to_owned(),
                code: None,
            });
            continue;
        }
        let Some(child) = node.child(key) else {
            let known: Vec<&str> = node
                .children()
                .iter()
                .map(|c| c.decl.name.as_str())
                .filter(|n| !(top && FILLED_BY_GAS.contains(n)))
                .collect();
            let message = match known.iter().find(|k| k.eq_ignore_ascii_case(key)) {
                Some(right) => format!(
                    "unknown field; element names are case-sensitive: did you mean {right}?"
                ),
                None => format!("unknown field; expected one of: {}", known.join(", ")),
            };
            problems.push(Problem {
                path: key_path,
                message,
                code: None,
            });
            continue;
        };
        if value.is_null() {
            continue;
        }
        let checked = if child.decl.is_list() {
            let items: Vec<&Value> = match value {
                Value::Array(items) => items.iter().collect(),
                single => vec![single],
            };
            let many = items.len() > 1;
            Value::Array(
                items
                    .into_iter()
                    .enumerate()
                    .map(|(i, item)| {
                        let item_path = if many {
                            format!("{key_path}[{}]", i + 1)
                        } else {
                            key_path.clone()
                        };
                        check_one(item, child, &item_path, problems)
                    })
                    .collect(),
            )
        } else if let Value::Array(_) = value {
            problems.push(Problem {
                path: key_path,
                message: "takes one value, not a list".to_owned(),
                code: Some("-104"),
            });
            continue;
        } else {
            check_one(value, child, &key_path, problems)
        };
        out.insert(key.clone(), checked);
    }
    for child in node.children() {
        let name = child.decl.name.as_str();
        if top && FILLED_BY_GAS.contains(&name) {
            continue;
        }
        let present = fields.get(name).is_some_and(|v| !v.is_null());
        if child.decl.is_required() && !present {
            problems.push(Problem {
                path: join(path, name),
                message: "required field is missing".to_owned(),
                code: Some("-102"),
            });
        }
    }
    Value::Object(out)
}

fn check_one(value: &Value, node: &Node, path: &str, problems: &mut Vec<Problem>) -> Value {
    match &node.kind {
        NodeKind::Complex(_) => check_complex(value, node, path, false, problems),
        NodeKind::Simple(simple) => match canonical_simple(value, *simple) {
            Ok(v) => v,
            Err(message) => {
                problems.push(Problem {
                    path: path.to_owned(),
                    message,
                    code: Some("-104"),
                });
                Value::Null
            }
        },
    }
}

fn canonical_simple(value: &Value, simple: Simple) -> Result<Value, String> {
    match (simple, value) {
        (Simple::String, Value::String(_)) => Ok(value.clone()),
        (Simple::String, Value::Number(n)) => Err(format!(
            "expected text; write it in quotes (\"{n}\") so that leading zeros and signs are kept"
        )),
        (Simple::Int, Value::Number(n)) if n.is_i64() => match n.as_i64().map(i32::try_from) {
            Some(Ok(i)) => Ok(Value::from(i)),
            _ => Err(format!("{n} is outside the range of xs:int")),
        },
        (Simple::Int, Value::String(s)) => match s.trim().parse::<i32>() {
            Ok(i) => Ok(Value::from(i)),
            Err(_) => Err(format!("expected a whole number, found {s:?}")),
        },
        (Simple::Boolean, Value::Bool(_)) => Ok(value.clone()),
        (Simple::Boolean, Value::String(s)) => match s.trim() {
            "true" | "1" => Ok(Value::Bool(true)),
            "false" | "0" => Ok(Value::Bool(false)),
            _ => Err(format!("expected true or false, found {s:?}")),
        },
        (simple, other) => Err(format!(
            "expected {}, found {}",
            match simple {
                Simple::String => "text",
                Simple::Int => "a whole number",
                Simple::Boolean => "true or false",
            },
            kind_of(other)
        )),
    }
}

fn kind_of(value: &Value) -> &'static str {
    match value {
        Value::Null => "nothing",
        Value::Bool(_) => "true/false",
        Value::Number(_) => "a number",
        Value::String(_) => "text",
        Value::Array(_) => "a list",
        Value::Object(_) => "a group of fields",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::shape;
    use serde_json::json;

    fn ps2() -> Node {
        shape::request("OrderPS2").unwrap()
    }

    fn paths(problems: &[Problem]) -> Vec<&str> {
        problems.iter().map(|p| p.path.as_str()).collect()
    }

    #[test]
    fn every_problem_is_listed_with_its_path() {
        let doc = json!({
            "Year": "two",
            "OrderKind": "new",
            "PickupPassword": "pickup-secret-1",
            "DnAttributes": {"CommonName": "A", "Country": "DE", "email": "a@example.com"},
            "Subscriber": [],
            "Colour": "blue",
            "OrderRequestHeader": {"AuthToken": {"UserName": "u", "Password": "p"}}
        });
        let problems = check(&doc, &ps2()).unwrap_err();
        let listed = paths(&problems);
        for expected in [
            "Year",
            "DnAttributes/email",
            "DnAttributes/Email",
            "Subscriber",
            "Colour",
            "OrderRequestHeader",
        ] {
            assert!(listed.contains(&expected), "{expected} not in {listed:?}");
        }
        let email = problems
            .iter()
            .find(|p| p.path == "DnAttributes/email")
            .unwrap();
        assert!(email.message.contains("did you mean Email"), "{email}");
        let missing = problems
            .iter()
            .find(|p| p.path == "DnAttributes/Email")
            .unwrap();
        assert_eq!(missing.code, Some("-102"));
        // The secret value never shows in a problem.
        assert!(
            problems
                .iter()
                .all(|p| !p.to_string().contains("pickup-secret-1"))
        );
    }

    #[test]
    fn values_are_made_canonical() {
        let doc = json!({
            "Year": "2", "OrderKind": "new", "PickupPassword": "xxxxxxxx",
            "HasCSR": "false", "Coupon": null,
            "DnAttributes": {"CommonName": "A", "Country": "DE", "Email": "a@example.com"},
            "Subscriber": {}
        });
        let problems = check(&doc, &ps2()).unwrap_err();
        // Subscriber's required fields are the only problems.
        assert!(
            problems.iter().all(|p| p.path.starts_with("Subscriber/")),
            "{problems:?}"
        );
        let mut doc = doc;
        doc["Subscriber"] = json!(null);
        let node = shape::request("ModifyOrder").unwrap();
        let ok = check(
            &json!({"OrderID": "CE1", "ModifyOrderOperation": "CANCEL"}),
            &node,
        )
        .unwrap();
        assert_eq!(
            ok,
            json!({"OrderID": "CE1", "ModifyOrderOperation": "CANCEL"})
        );
        let ps2 = ps2();
        let year = ps2.child("Year").unwrap();
        let mut problems = Vec::new();
        assert_eq!(
            check_one(&json!("2"), year, "Year", &mut problems),
            json!(2)
        );
        let has_csr = ps2.child("HasCSR").unwrap();
        assert_eq!(
            check_one(&json!("1"), has_csr, "HasCSR", &mut problems),
            json!(true)
        );
        assert!(problems.is_empty());
        check_one(&json!(3_000_000_000i64), year, "Year", &mut problems);
        assert!(problems[0].message.contains("range"));
    }

    #[test]
    fn repeated_elements_take_lists_and_index_their_entries() {
        let qc = shape::request("OrderQC").unwrap();
        let statements = qc.child("QCStatements").unwrap();
        let mut problems = Vec::new();
        let value = check_one(
            &json!({"QCStatement": [{"Name": "a", "Value": "b"}, {"Name": "c"}]}),
            statements,
            "QCStatements",
            &mut problems,
        );
        assert_eq!(paths(&problems), ["QCStatements/QCStatement[2]/Value"]);
        assert_eq!(value["QCStatement"].as_array().map(Vec::len), Some(2));
        let mut problems = Vec::new();
        let single = check_one(
            &json!({"QCStatement": {"Name": "a", "Value": "b"}}),
            statements,
            "QCStatements",
            &mut problems,
        );
        assert!(problems.is_empty());
        assert!(single["QCStatement"].is_array());
    }

    #[test]
    fn documents_are_read_as_toml_or_json() {
        let toml = parse_document(
            "o.toml",
            "Year = 1\n[DnAttributes]\nEmail = \"a@b.c\"\nWhen = 2024-01-01\n",
        )
        .unwrap();
        assert_eq!(toml["Year"], json!(1));
        assert_eq!(toml["DnAttributes"]["When"], json!("2024-01-01"));
        let json = parse_document("o.txt", "{\"Year\": 1}").unwrap();
        assert_eq!(json["Year"], json!(1));
        let err =
            parse_document("o.toml", "Year = 1\nPickupPassword = \"hidden-value\" x").unwrap_err();
        assert!(
            err.starts_with("o.toml: not valid TOML: line 2, column"),
            "{err}"
        );
        assert!(!err.contains("hidden-value"), "{err}");
        let err = parse_document("o.json", "{").unwrap_err();
        assert!(err.starts_with("o.json: not valid JSON"), "{err}");
        let err = check(&json!([1]), &ps2()).unwrap_err();
        assert_eq!(err[0].path, "");
    }
}
