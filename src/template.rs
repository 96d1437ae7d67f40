//! `gas order template <product>`: a commented TOML file with every field of an order.
//!
//! Built from the two embedded sources: the WSDL (which fields, their nesting, order, and
//! whether they are required or repeated) and the spec overlay (lengths, allowed values,
//! formats, descriptions). Required fields are written out with a placeholder, optional
//! ones commented out, so that the template is a valid starting point that fails
//! validation until the operator fills in the blanks.
//!
//! TOML puts a table's plain keys before its sub-tables, so within each level the leaf
//! fields come first and the nested groups follow, each group in the WSDL's order.

use std::fmt::Write as _;

use crate::overlay::{Field, Overlay};
use crate::schema::{Node, NodeKind, Simple};

/// Elements `gas` fills itself; never part of a request file.
pub const FILLED_BY_GAS: &[&str] = &["OrderRequestHeader"];

/// The template for an operation whose request tree is `request` (the `Request` element).
pub fn render(operation: &str, command: &str, request: &Node, overlay: &Overlay) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# {operation} request for `gas order {command} --file FILE`."
    );
    let _ = writeln!(
        out,
        "# Every field of the request, from wsdl/GasOrderService.wsdl and the spec overlay"
    );
    let _ = writeln!(
        out,
        "# (lengths in characters, allowed values, descriptions of the API specification)."
    );
    let _ = writeln!(
        out,
        "# Required fields have a placeholder to replace; optional ones are commented out."
    );
    let _ = writeln!(
        out,
        "# OrderRequestHeader (your API user name and password) is filled in by gas: leave it out."
    );
    let _ = writeln!(
        out,
        "# Keys are the element names of the request; their order in the file does not matter."
    );
    let _ = writeln!(
        out,
        "# `gas order {command} --file FILE --dry-run` shows the SOAP request without sending it."
    );
    let base = format!("{operation}/Request");
    write_level(&mut out, request, &base, &[], true, overlay);
    out
}

/// Writes the fields of `node`: its leaves as `key = value` lines, then each complex child
/// as a `[table]` (or `[[array]]` for a repeated one) with its own fields.
fn write_level(
    out: &mut String,
    node: &Node,
    path: &str,
    table: &[&str],
    active: bool,
    overlay: &Overlay,
) {
    for child in node.children() {
        if table.is_empty() && FILLED_BY_GAS.contains(&child.decl.name.as_str()) {
            continue;
        }
        if let NodeKind::Simple(simple) = child.kind {
            let child_path = format!("{path}/{}", child.decl.name);
            out.push('\n');
            write_doc(out, child, simple, overlay.field(&child_path), overlay);
            let live = active && child.decl.is_required();
            let prefix = if live { "" } else { "# " };
            let value = placeholder(simple, overlay.field(&child_path), overlay);
            if child.decl.is_list() {
                let _ = writeln!(out, "{prefix}{} = [{value}]", child.decl.name);
            } else {
                let _ = writeln!(out, "{prefix}{} = {value}", child.decl.name);
            }
        }
    }
    for child in node.children() {
        if table.is_empty() && FILLED_BY_GAS.contains(&child.decl.name.as_str()) {
            continue;
        }
        if let NodeKind::Complex(_) = child.kind {
            let child_path = format!("{path}/{}", child.decl.name);
            let mut child_table: Vec<&str> = table.to_vec();
            child_table.push(&child.decl.name);
            let live = active && child.decl.is_required();
            let prefix = if live { "" } else { "# " };
            out.push('\n');
            let occurrence = occurrence(child);
            let doc = overlay
                .field(&child_path)
                .map(|f| f.doc.as_str())
                .unwrap_or_default();
            let _ = writeln!(out, "# ---- {} ({occurrence})", child.decl.name);
            for line in wrap(doc, 90) {
                let _ = writeln!(out, "# {line}");
            }
            let header = child_table.join(".");
            if child.decl.is_list() {
                let _ = writeln!(out, "# Repeat the [[{header}]] block once per entry.");
                let _ = writeln!(out, "{prefix}[[{header}]]");
            } else {
                let _ = writeln!(out, "{prefix}[{header}]");
            }
            write_level(out, child, &child_path, &child_table, live, overlay);
        }
    }
}

fn occurrence(node: &Node) -> String {
    let required = if node.decl.is_required() {
        "required"
    } else {
        "optional"
    };
    match node.decl.max_occurs {
        Some(1) => required.to_owned(),
        Some(n) => format!("{required}, up to {n}"),
        None => format!("{required}, repeated"),
    }
}

fn write_doc(
    out: &mut String,
    node: &Node,
    simple: Simple,
    field: Option<&Field>,
    overlay: &Overlay,
) {
    let mut facts = vec![occurrence(node), simple.name().to_owned()];
    if let Some(field) = field {
        match (field.min_length, field.max_length) {
            (Some(min), Some(max)) => facts.push(format!("{min} to {max} characters")),
            (None, Some(max)) => facts.push(format!("at most {max} characters")),
            (Some(min), None) => facts.push(format!("at least {min} characters")),
            (None, None) => {}
        }
        if let Some(format) = &field.format {
            facts.push(format!("format {}", format_hint(format)));
        }
        if let Some(pattern) = &field.pattern {
            facts.push(format!("pattern {pattern}"));
        }
        if field.secret {
            facts.push("secret: gas never prints it".to_owned());
        }
        if !field.section.is_empty() {
            facts.push(format!("spec {}", field.section));
        }
    }
    let _ = writeln!(out, "# {}: {}", node.decl.name, facts.join(", "));
    if let Some(field) = field {
        for line in wrap(&field.doc, 90) {
            let _ = writeln!(out, "#   {line}");
        }
        if let Some(set) = field.values.as_deref().and_then(|n| overlay.value_set(n)) {
            let _ = writeln!(out, "#   Allowed values:");
            for value in &set.values {
                let shown = format!("{:?}", value.value);
                let mut lines = wrap(&value.doc, 80).into_iter();
                let first = lines.next().unwrap_or_default();
                let _ = writeln!(out, "#     {shown:<10} {first}");
                for line in lines {
                    let _ = writeln!(out, "#     {:<10} {line}", "");
                }
            }
        }
    }
}

fn format_hint(format: &str) -> &str {
    match format {
        "datetime" => "date-time (2024-05-01T12:00:00Z)",
        "date" => "date (YYYY-MM-DD)",
        "boolean" => "boolean (true/false)",
        "email" => "e-mail address",
        "country" => "ISO 3166-1 alpha-2 country code",
        "int" => "integer",
        other => other,
    }
}

/// The value written for a field: its only allowed value, else an empty value of its type
/// (which validation rejects for required fields until it is filled in).
fn placeholder(simple: Simple, field: Option<&Field>, overlay: &Overlay) -> String {
    let values = field
        .and_then(|f| f.values.as_deref())
        .and_then(|n| overlay.value_set(n))
        .map(|set| set.values.as_slice())
        .unwrap_or_default();
    let first = values.first().map(|v| v.value.as_str());
    match simple {
        Simple::Int => match first.and_then(|v| v.parse::<i64>().ok()) {
            Some(n) => n.to_string(),
            None => "0".to_owned(),
        },
        Simple::Boolean => "false".to_owned(),
        Simple::String => match (values.len(), first) {
            (1, Some(only)) => toml_string(only),
            _ => "\"\"".to_owned(),
        },
    }
}

fn toml_string(s: &str) -> String {
    // A TOML basic string has JSON's escapes for everything the overlay's values contain.
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".to_owned())
}

/// Splits text into lines of at most `width` characters at spaces (longer words kept whole).
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::overlay::overlay;
    use crate::schema::schema;
    use crate::schema::tests::ORDER_OPERATIONS;

    fn template(operation: &str) -> String {
        let request = schema().unwrap().request(operation).unwrap();
        render(operation, "x", &request, overlay().unwrap())
    }

    /// Every leaf of the request appears as a key (live or commented), so that the
    /// template is complete.
    fn leaf_names(node: &Node, out: &mut Vec<String>) {
        for child in node.children() {
            if FILLED_BY_GAS.contains(&child.decl.name.as_str()) {
                continue;
            }
            match child.kind {
                NodeKind::Simple(_) => out.push(child.decl.name.clone()),
                NodeKind::Complex(_) => leaf_names(child, out),
            }
        }
    }

    #[test]
    fn every_order_template_is_valid_toml_and_complete() {
        for op in ORDER_OPERATIONS {
            let text = template(op);
            let parsed: toml::Table =
                toml::from_str(&text).unwrap_or_else(|e| panic!("{op}: {e}\n{text}"));
            assert!(parsed.contains_key("Year"), "{op}");
            assert!(!text.contains("\nOrderRequestHeader"), "{op}");
            // Uncommenting everything still gives valid TOML with every leaf.
            let all: String = text
                .lines()
                .map(|l| match l.strip_prefix("# ") {
                    Some(rest)
                        if rest.starts_with('[')
                            || rest.split_once(" = ").is_some_and(|(key, _)| {
                                key.chars().all(|c| c.is_ascii_alphanumeric())
                            }) =>
                    {
                        rest
                    }
                    _ => l,
                })
                .collect::<Vec<_>>()
                .join("\n");
            let full: toml::Table =
                toml::from_str(&all).unwrap_or_else(|e| panic!("{op}: {e}\n{all}"));
            let request = schema().unwrap().request(op).unwrap();
            let mut leaves = Vec::new();
            leaf_names(&request, &mut leaves);
            let text_keys = toml::to_string(&full).unwrap();
            for leaf in leaves {
                assert!(
                    text_keys.contains(&format!("{leaf} =")),
                    "{op}: {leaf} missing"
                );
            }
        }
    }

    #[test]
    fn the_ps2_template_carries_lengths_values_and_docs() {
        let os = template("OrderOS");
        assert!(os.contains("\nProductCode = \"OSMulti\"\n"), "{os}");
        let text = template("OrderPS2");
        assert!(text.contains("Year = 1"));
        assert!(
            text.contains(
                "# Email: required, string, at most 128 characters, format e-mail address"
            )
        );
        assert!(text.contains("# PickupPassword: required, string, 8 to 256 characters"));
        assert!(text.contains("secret: gas never prints it"));
        assert!(text.contains("#     \"renewal\""));
        assert!(text.contains("\n[DnAttributes]\n"));
        assert!(text.contains("# Coupon = \"\""));
    }

    #[test]
    fn repeated_groups_become_arrays_of_tables() {
        let text = template("OrderQC");
        assert!(text.contains("[[QCStatements.QCStatement]]"), "{text}");
    }

    #[test]
    fn wrap_keeps_words_whole() {
        assert_eq!(wrap("a bb ccc dddd", 6), ["a bb", "ccc", "dddd"]);
        assert!(wrap("", 10).is_empty());
    }
}
