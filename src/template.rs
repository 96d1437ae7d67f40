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
use std::sync::LazyLock;

use regex::Regex;

use crate::overlay::{Field, Format, Overlay};
use crate::shape::{Node, NodeKind, Simple};

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
        "# Every field of the request: whether it is required, its length in characters, its"
    );
    let _ = writeln!(
        out,
        "# allowed values and what it means. Required fields have a placeholder to replace;"
    );
    let _ = writeln!(
        out,
        "# optional ones are commented out: remove the `# ` to use one."
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

/// Whether a field the WSDL marks optional is required all the same: a `…-required` rule
/// of the spec names it (QC's `PickupPassword`, PS2Pro's `SurName`).
fn required_by_rule(overlay: &Overlay, path: &str) -> bool {
    let Some((operation, rest)) = path.split_once("/Request/") else {
        return false;
    };
    overlay.rule.iter().any(|rule| {
        rule.id.ends_with("-required")
            && rule.operations.iter().any(|o| o == operation)
            && rule.error_field == rest
    })
}

/// Whether a field is required, by the WSDL or by a rule.
fn required(node: &Node, path: &str, overlay: &Overlay) -> bool {
    node.decl.is_required() || required_by_rule(overlay, path)
}

/// A description that stands on its own for someone who has only the binary: references
/// to the spec's sections, the errata and the repository's files are left out.
pub fn self_contained(doc: &str) -> String {
    static REFERENCE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^(see )?(errata( e\d+)?|sections? [\d.]+([-–][\d.]+)?((, | and )[\d.]+([-–][\d.]+)?)*|release notes? [\d.]+|spec(ification)? [\d.]+|wsdl/\S+)$")
            .expect("the pattern is valid")
    });
    static PARENTHESES: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"\s*\(([^()]*)\)").expect("the pattern is valid"));
    static PREFIX: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^sections? [\d.]+(, [\d.]+)*: ").expect("the pattern is valid")
    });
    static INLINE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)(,? (see|of|in) (the )?(sections? [\d.]+|errata( e\d+)?)|\bspec (\d))")
            .expect("the pattern is valid")
    });
    let without = PARENTHESES.replace_all(doc, |caps: &regex::Captures<'_>| {
        let parts: Vec<String> = caps[1]
            .split([';', ','])
            .map(|p| PREFIX.replace(p.trim(), "").into_owned())
            .collect();
        // "(sections 4.1, 14.1)": the bare numbers after a reference are references too.
        let cites = parts.iter().any(|p| REFERENCE.is_match(p));
        let bare_number = |p: &str| p.chars().all(|c| c.is_ascii_digit() || c == '.');
        let parts: Vec<String> = parts
            .into_iter()
            .filter(|p| !(p.is_empty() || REFERENCE.is_match(p) || (cites && bare_number(p))))
            .collect();
        if parts.is_empty() {
            String::new()
        } else {
            format!(" ({})", parts.join(", "))
        }
    });
    INLINE
        .replace_all(&without, |caps: &regex::Captures<'_>| match caps.get(6) {
            Some(digit) => format!("API {}", digit.as_str()),
            None => String::new(),
        })
        .into_owned()
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
            let required = required(child, &child_path, overlay);
            write_doc(out, child, &child_path, simple, overlay);
            let live = active && required;
            let prefix = if live { "" } else { "# " };
            let value = placeholder(simple, overlay.field_at(&child_path), overlay);
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
            let required = required(child, &child_path, overlay);
            let live = active && required;
            let prefix = if live { "" } else { "# " };
            out.push('\n');
            let occurrence = occurrence(child, required);
            let doc = overlay
                .field_at(&child_path)
                .map(|f| self_contained(f.doc.as_deref().unwrap_or_default()))
                .unwrap_or_default();
            let _ = writeln!(out, "# ---- {} ({occurrence})", child.decl.name);
            for line in wrap(&doc, 90) {
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

fn occurrence(node: &Node, required: bool) -> String {
    let required = if required { "required" } else { "optional" };
    if node.decl.is_list() {
        format!("{required}, repeated")
    } else {
        required.to_owned()
    }
}

fn write_doc(out: &mut String, node: &Node, path: &str, simple: Simple, overlay: &Overlay) {
    let field = overlay.field_at(path);
    let required = required(node, path, overlay);
    let mut facts = vec![occurrence(node, required), kind_name(simple).to_owned()];
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
    }
    let _ = writeln!(out, "# {}: {}", node.decl.name, facts.join(", "));
    if let Some(field) = field {
        for line in wrap(
            &self_contained(field.doc.as_deref().unwrap_or_default()),
            90,
        ) {
            let _ = writeln!(out, "#   {line}");
        }
        if node.decl.name == "CSR" {
            let _ = writeln!(
                out,
                "#   Write the PEM between ''' lines (a TOML multi-line string), or leave CSR"
            );
            let _ = writeln!(out, "#   out and give the file with `--csr FILE`:");
            let _ = writeln!(out, "#     CSR = '''");
            let _ = writeln!(out, "#     -----BEGIN CERTIFICATE REQUEST-----");
            let _ = writeln!(out, "#     ...");
            let _ = writeln!(out, "#     -----END CERTIFICATE REQUEST-----");
            let _ = writeln!(out, "#     '''");
        }
        if let Some(set) = field.values.as_deref().and_then(|n| overlay.value_set(n)) {
            let _ = writeln!(out, "#   Allowed values:");
            for value in &set.values {
                // As the value is written in the file: numbers unquoted.
                let shown = match simple {
                    Simple::String => format!("{:?}", value.value),
                    Simple::Int | Simple::Boolean => value.value.clone(),
                };
                let doc = value.doc.as_deref().unwrap_or_default();
                let mut lines = wrap(&self_contained(doc), 80).into_iter();
                let first = lines.next().unwrap_or_default();
                let _ = writeln!(out, "#     {shown:<10} {first}");
                for line in lines {
                    let _ = writeln!(out, "#     {:<10} {line}", "");
                }
            }
        }
    }
}

/// The kind of value, in words a TOML writer knows.
fn kind_name(simple: Simple) -> &'static str {
    match simple {
        Simple::String => "text",
        Simple::Int => "whole number",
        Simple::Boolean => "true or false",
    }
}

fn format_hint(format: &Format) -> &'static str {
    match format {
        Format::DateTime => "date-time (2024-05-01T12:00:00Z)",
        Format::Date => "date (YYYY-MM-DD)",
        Format::Boolean => "boolean (true/false)",
        Format::Email => "e-mail address",
        Format::Country => "ISO 3166-1 alpha-2 country code",
        Format::Int => "integer",
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
    use crate::shape;
    use crate::shape::tests::ORDER_OPERATIONS;

    fn template(operation: &str) -> String {
        let request = shape::request(operation).unwrap();
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
            let request = shape::request(op).unwrap();
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
            text.contains("# Email: required, text, at most 128 characters, format e-mail address"),
            "{text}"
        );
        assert!(text.contains("# PickupPassword: required, text, 8 to 256 characters"));
        // Numbers are shown as they are written: unquoted.
        assert!(text.contains("#     1          "), "{text}");
        assert!(!text.contains("#     \"1\""), "{text}");
        assert!(text.contains("secret: gas never prints it"));
        assert!(text.contains("#     \"renewal\""));
        assert!(text.contains("\n[DnAttributes]\n"));
        assert!(text.contains("# Coupon = \"\""));
    }

    #[test]
    fn fields_a_rule_requires_are_marked_required() {
        let qc = template("OrderQC");
        assert!(qc.contains("# PickupPassword: required,"), "{qc}");
        assert!(qc.contains("\nPickupPassword = \"\"\n"), "{qc}");
        let pro = template("OrderPS2Pro");
        assert!(pro.contains("# SurName: required,"), "{pro}");
        let aatl = template("OrderAATL");
        assert!(aatl.contains("#     CSR = '''"), "{aatl}");
    }

    #[test]
    fn comments_stand_on_their_own() {
        for op in ORDER_OPERATIONS {
            let text = template(op);
            for reference in [
                "ERRATA",
                "spec 1",
                "spec 2",
                "spec 4",
                "spec 6",
                "section 1",
                "sections ",
                "wsdl/",
            ] {
                assert!(!text.contains(reference), "{op}: {reference}:\n{text}");
            }
        }
        assert_eq!(
            self_contained("Years (section 14.2: 1 = 366 days, 2 = 731 days)."),
            "Years (1 = 366 days, 2 = 731 days)."
        );
        assert_eq!(
            self_contained("Spelled X in the outline (ERRATA E16). Added in spec 2.4.3."),
            "Spelled X in the outline. Added in API 2.4.3."
        );
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
