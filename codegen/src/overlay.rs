//! The spec overlay: what a service's documentation says that its WSDL cannot
//! (lengths, allowed values, patterns, formats, docs, secrets, cross-field rules, error
//! codes), keyed by element path. Format: the header of `wsdl/spec-overlay.toml`.
//!
//! The generator merges it: value sets become Rust enums (and the type of the fields
//! that name them), `secret` fields become `soap_runtime::Secret`, docs become rustdoc,
//! lengths/patterns/formats become validation, rules and error codes are exposed as
//! data. [`unmatched_paths`] lists entries that name no element (so a re-fetched WSDL
//! that renamed something is noticed).

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use serde::Deserialize;

use crate::error::{Error, ErrorKind};
use crate::model::{Content, Model, PartContent, Particle, Term, TypeKind, TypeRef};

#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Overlay {
    #[serde(default)]
    pub meta: Meta,
    #[serde(default)]
    pub value_set: Vec<ValueSet>,
    #[serde(default)]
    pub field: Vec<Field>,
    #[serde(default)]
    pub rule: Vec<Rule>,
    #[serde(default)]
    pub error_code: Vec<ErrorCode>,
}

#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Meta {
    #[serde(default)]
    pub spec: String,
    #[serde(default)]
    pub namespace: String,
}

#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ValueSet {
    pub name: String,
    #[serde(default)]
    pub doc: Option<String>,
    pub values: Vec<Value>,
}

impl ValueSet {
    /// The Rust enum variants the generator makes of this set (named from the values
    /// and their docs alone): one function, so the API surface names them exactly as
    /// the generated code does.
    pub fn rust_variants(&self) -> Vec<crate::rust::EnumValue> {
        let values: Vec<crate::model::EnumValue> = self
            .values
            .iter()
            .map(|v| crate::model::EnumValue {
                value: v.value.clone(),
                doc: v.doc.clone(),
            })
            .collect();
        crate::rust::enum_values(&values)
    }
}

#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Value {
    pub value: String,
    #[serde(default)]
    pub doc: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    #[serde(rename = "datetime")]
    DateTime,
    Date,
    Int,
    Boolean,
    Email,
    Country,
}

#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Field {
    /// `OrderPS2/Request/DnAttributes/Email`; a `*` segment matches any one name.
    pub path: String,
    #[serde(default)]
    pub section: Option<String>,
    #[serde(default)]
    pub doc: Option<String>,
    #[serde(default)]
    pub min_length: Option<u64>,
    #[serde(default)]
    pub max_length: Option<u64>,
    /// Name of a [`ValueSet`].
    #[serde(default)]
    pub values: Option<String>,
    /// Rust `regex` syntax, anchored.
    #[serde(default)]
    pub pattern: Option<String>,
    #[serde(default)]
    pub format: Option<Format>,
    #[serde(default)]
    pub secret: bool,
    /// Response side: other names a server may give the element (ERRATA spellings), read
    /// into its field and recorded as deviations.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// The element decides the call's outcome (`SuccessCode`): a reader never accepts it
    /// twice, even when reading leniently.
    #[serde(default)]
    pub outcome: bool,
    /// The Rust field's name when the element's own name is a typo of the spec
    /// (`RenewalTergetOrderID` → `renewal_target_order_id`, ERRATA E16). The wire keeps the
    /// element's name; the field's doc names both.
    #[serde(default)]
    pub rust_name: Option<String>,
}

impl Field {
    /// Whether the path is on the request side (`<Op>/Request/...`).
    pub fn is_request(&self) -> bool {
        is_request_path(&self.path)
    }

    /// The constraint the entry puts on a value, in words for documentation
    /// (`1 to 64 characters; format: e-mail address`); `None` when it puts none.
    pub fn constraint_text(&self) -> Option<String> {
        let mut parts = Vec::new();
        match (self.min_length, self.max_length) {
            (Some(lo), Some(hi)) if lo == hi => parts.push(format!("exactly {lo} characters")),
            (Some(lo), Some(hi)) => parts.push(format!("{lo} to {hi} characters")),
            (Some(lo), None) => parts.push(format!("at least {lo} characters")),
            (None, Some(hi)) => parts.push(format!("at most {hi} characters")),
            (None, None) => {}
        }
        if let Some(set) = &self.values {
            parts.push(format!("one of the values of `{set}`"));
        }
        if let Some(f) = &self.format {
            parts.push(format!("format: {}", f.describe()));
        }
        if let Some(p) = &self.pattern {
            parts.push(format!("matches `{p}`"));
        }
        if self.secret {
            parts.push("secret: never logged or printed".to_owned());
        }
        (!parts.is_empty()).then(|| parts.join("; "))
    }
}

/// Whether an overlay path is on the request side (`<Op>/Request/...`).
pub fn is_request_path(path: &str) -> bool {
    path.split('/').nth(1) == Some("Request")
}

impl Format {
    /// The format in words, for documentation.
    pub fn describe(&self) -> &'static str {
        match self {
            Format::DateTime => "date-time (xs:dateTime, e.g. `2017-12-11T12:13:12.025-05:00`)",
            Format::Date => "date (`YYYY-MM-DD`)",
            Format::Int => "integer",
            Format::Boolean => "boolean (written `true`/`false`)",
            Format::Email => "e-mail address",
            Format::Country => "country code (ISO 3166-1 alpha-2)",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rule {
    pub id: String,
    #[serde(default)]
    pub operations: Vec<String>,
    #[serde(default)]
    pub section: String,
    #[serde(default)]
    pub error_code: String,
    #[serde(default)]
    pub error_field: String,
    #[serde(default)]
    pub fields: Vec<String>,
    #[serde(default)]
    pub text: String,
}

#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ErrorCode {
    pub code: String,
    #[serde(default)]
    pub meaning: String,
    #[serde(default)]
    pub advice: String,
}

impl Overlay {
    /// Parses overlay text; `file` names it in errors.
    pub fn parse(text: &str, file: &str) -> Result<Overlay, Error> {
        let overlay: Overlay = toml::from_str(text).map_err(|e| {
            let line = e
                .span()
                .map(|s| text[..s.start.min(text.len())].lines().count().max(1))
                .unwrap_or(0) as u32;
            Error::new(
                ErrorKind::Overlay,
                Some(crate::model::SourcePos {
                    file: file.into(),
                    line,
                    column: 1,
                }),
                format!("spec overlay: {}", e.message()),
            )
        })?;
        overlay.check(file)?;
        Ok(overlay)
    }

    /// Reads and parses an overlay file.
    pub fn load(path: &Path) -> Result<Overlay, Error> {
        let text = std::fs::read_to_string(path).map_err(|e| {
            Error::new(
                ErrorKind::Io,
                None,
                format!("cannot read {}: {e}", path.display()),
            )
        })?;
        Overlay::parse(&text, &path.display().to_string())
    }

    fn check(&self, file: &str) -> Result<(), Error> {
        let err = |m: String| Error::new(ErrorKind::Overlay, None, format!("{file}: {m}"));
        let mut sets = BTreeSet::new();
        for set in &self.value_set {
            if !sets.insert(set.name.as_str()) {
                return Err(err(format!("value_set `{}` is defined twice", set.name)));
            }
        }
        let mut paths = BTreeSet::new();
        for field in &self.field {
            if !paths.insert(field.path.as_str()) {
                return Err(err(format!("field `{}` appears twice", field.path)));
            }
            if let Some(v) = &field.values
                && !sets.contains(v.as_str())
            {
                return Err(err(format!(
                    "field `{}` names value_set `{v}`, which is not defined",
                    field.path
                )));
            }
            if let Some(p) = &field.pattern
                && (!p.starts_with('^') || !p.ends_with('$'))
            {
                return Err(err(format!(
                    "field `{}`: pattern must be anchored (^...$)",
                    field.path
                )));
            }
        }
        Ok(())
    }

    pub fn value_set(&self, name: &str) -> Option<&ValueSet> {
        self.value_set.iter().find(|s| s.name == name)
    }

    /// The entry for a `/`-joined element path (`OrderPS2/Request/DnAttributes/Email`),
    /// as [`field_for`](Self::field_for) finds it.
    pub fn field_at(&self, path: &str) -> Option<&Field> {
        let segments: Vec<&str> = path.split('/').collect();
        self.field_for(&segments)
    }

    /// The section 16.2 entry for an error code (`-4001`; white space around it ignored).
    pub fn error_code(&self, code: &str) -> Option<&ErrorCode> {
        let code = code.trim();
        self.error_code.iter().find(|e| e.code == code)
    }

    /// The entry for a concrete element path (exact entries win over wildcards).
    pub fn field_for(&self, path: &[&str]) -> Option<&Field> {
        let mut wildcard = None;
        for f in &self.field {
            match path_matches(&f.path, path) {
                Some(true) => return Some(f),
                Some(false) if wildcard.is_none() => wildcard = Some(f),
                _ => {}
            }
        }
        wildcard
    }
}

/// `Some(exact)` when `pattern` matches `path` (`exact`: no `*` was needed).
fn path_matches(pattern: &str, path: &[&str]) -> Option<bool> {
    // Cheap reject before splitting the pattern: a match needs the pattern's last
    // segment to be the path's last one or `*`. Most of the overlay's ~800 entries fail
    // here, and `field_for` tries them all for every element the plan walk reaches
    // (this test took GasOrderService generation from 661.7M to 587.1M instructions).
    let last = path.last()?;
    let ends_with_segment = |seg: &str| {
        pattern
            .strip_suffix(seg)
            .is_some_and(|rest| rest.is_empty() || rest.ends_with('/'))
    };
    if !ends_with_segment(last) && !ends_with_segment("*") {
        return None;
    }
    let mut exact = true;
    let mut n = 0;
    for (i, seg) in pattern.split('/').enumerate() {
        let actual = path.get(i)?;
        if seg == "*" {
            exact = false;
        } else if seg != *actual {
            return None;
        }
        n = i + 1;
    }
    (n == path.len()).then_some(exact)
}

/// Every element path reachable from the operations' body elements (request and
/// response), as local names joined by `/`. Recursive types are followed once.
pub fn element_paths(model: &Model) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for op in &model.operations {
        let directions = [
            (&op.input, op.name.clone()),
            (&op.output, format!("{}Response", op.name)),
        ];
        for (msg, rpc_root) in directions {
            let Some(msg) = msg else { continue };
            for part in msg.body.iter().chain(&msg.headers) {
                match &part.content {
                    PartContent::Element(q) => {
                        if let Some(el) = model.elements.get(q) {
                            let mut stack = vec![q.local.clone()];
                            out.insert(q.local.clone());
                            walk_type(model, &el.type_, &mut stack, &mut out, &mut Vec::new());
                        }
                    }
                    PartContent::Type(t) => {
                        // rpc: `<operation>/<part>` (`<operation>Response/<part>`).
                        let mut stack = vec![rpc_root.clone(), part.name.clone()];
                        out.insert(rpc_root.clone());
                        out.insert(stack.join("/"));
                        walk_type(model, t, &mut stack, &mut out, &mut Vec::new());
                    }
                }
            }
        }
    }
    out
}

fn walk_type(
    model: &Model,
    t: &TypeRef,
    stack: &mut Vec<String>,
    out: &mut BTreeSet<String>,
    seen: &mut Vec<usize>,
) {
    let TypeRef::Defined(id) = t else { return };
    if seen.contains(&id.0) {
        return;
    }
    seen.push(id.0);
    let def = model.type_def(*id);
    if let TypeKind::Complex(c) = &def.kind {
        if let Some(base) = &c.base {
            walk_type(model, &base.base, stack, out, seen);
        }
        for a in &c.attributes {
            stack.push(format!("@{}", a.name.local));
            out.insert(stack.join("/"));
            stack.pop();
        }
        if let Content::Particle(p) = &c.content {
            walk_particle(model, p, stack, out, seen);
        }
    }
    seen.pop();
}

fn walk_particle(
    model: &Model,
    p: &Particle,
    stack: &mut Vec<String>,
    out: &mut BTreeSet<String>,
    seen: &mut Vec<usize>,
) {
    match &p.term {
        Term::Element(e) => {
            stack.push(e.name.local.clone());
            out.insert(stack.join("/"));
            walk_type(model, &e.type_, stack, out, seen);
            if let Some(r) = &e.reference
                && let Some(head) = model.elements.get(r)
            {
                for sub in &head.substitutes {
                    if let Some(s) = model.elements.get(sub) {
                        stack.pop();
                        stack.push(s.name.local.clone());
                        out.insert(stack.join("/"));
                        walk_type(model, &s.type_, stack, out, seen);
                    }
                }
            }
            stack.pop();
        }
        Term::Group(g) => {
            for p in &g.particles {
                walk_particle(model, p, stack, out, seen);
            }
        }
        Term::Any(_) => {}
    }
}

/// Overlay entries (fields and rule field references) that match no element path of
/// the model, sorted.
pub fn unmatched_paths(model: &Model, overlay: &Overlay) -> Vec<String> {
    let paths = element_paths(model);
    let split: Vec<Vec<&str>> = paths.iter().map(|p| p.split('/').collect()).collect();
    let matches = |pattern: &str| split.iter().any(|p| path_matches(pattern, p).is_some());
    let mut out = BTreeSet::new();
    for f in &overlay.field {
        if !matches(&f.path) {
            out.insert(f.path.clone());
        }
    }
    for r in &overlay.rule {
        for f in &r.fields {
            if !matches(f) {
                out.insert(f.clone());
            }
        }
    }
    out.into_iter().collect()
}

// ------------------------------------------------------------------------ merging

use crate::rust::{EnumValue, Kind, Member, Plan, RType, Ty, ValueKind, VariantKind};

/// Merges the overlay into a plan: value sets become enums (and the type of the fields
/// naming them), `secret` fields become `Secret`, docs are attached. Conflicts (one
/// struct field reached by two paths naming different value sets) keep the field's
/// type and are noted; validation still checks each path's set.
pub(crate) fn apply(plan: &mut Plan, overlay: &Overlay) {
    // Value-set enums.
    let mut set_types: std::collections::BTreeMap<String, String> = Default::default();
    for set in &overlay.value_set {
        let base = crate::rust::names::upper_camel(&set.name);
        let mut name = base.clone();
        let mut n = 2;
        while plan
            .types
            .iter()
            .any(|t| t.name.eq_ignore_ascii_case(&name))
            || crate::rust::names::RESERVED_TYPE_NAMES
                .iter()
                .any(|r| r.eq_ignore_ascii_case(&name))
        {
            name = format!("{base}{n}");
            n += 1;
        }
        let values: Vec<EnumValue> = set.rust_variants();
        plan.types.push(RType {
            name: name.clone(),
            doc: set.doc.clone(),
            kind: Kind::Enum(values),
            origin: format!("spec overlay value set `{}`", set.name),
        });
        set_types.insert(set.name.clone(), name);
    }
    // Which overlay entries reach which struct fields.
    let mut hits: Hits = Default::default();
    let roots: Vec<(String, String)> = plan
        .ops
        .iter()
        .flat_map(|op| [&op.input, &op.output])
        .flatten()
        .map(|b| (b.rust.clone(), b.xml.local.clone()))
        .collect();
    for (rust, local) in roots {
        let mut stack = vec![rust.clone()];
        walk_plan(plan, overlay, &rust, &[local], &mut stack, &mut hits);
    }
    for ((ty, index), entries) in hits {
        let mut notes = Vec::new();
        let Some(t) = plan.types.iter_mut().find(|t| t.name == ty) else {
            continue;
        };
        let Kind::Struct(s) = &mut t.kind else {
            continue;
        };
        let Some(Member::Element(f)) = s.members.get_mut(index) else {
            continue;
        };
        let sets: BTreeSet<&String> = entries
            .iter()
            .filter_map(|(_, e)| e.values.as_ref())
            .collect();
        if sets.len() == 1
            && let Some(set) = sets.iter().next()
            && let Some(enum_name) = set_types.get(*set)
        {
            match &mut f.value {
                ValueKind::Simple(ty) => *ty = Ty::Named(enum_name.clone()),
                ValueKind::Wrapper { item_value, .. } => {
                    if let ValueKind::Simple(ty) = &mut **item_value {
                        *ty = Ty::Named(enum_name.clone());
                    }
                }
                _ => {}
            }
        } else if sets.len() > 1 {
            notes.push(format!(
                "{ty}.{}: paths name different value sets ({}); the field stays text and each path is validated against its own set",
                f.name,
                sets.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(", ")
            ));
        }
        // Request-side values the overlay gives a format are typed as what they are
        // (`bool`, `DateTime`, `Date`): the writer puts them in the form the spec asks for,
        // and a caller never formats them by hand. Response-side values stay text: servers
        // send dates with and without offsets and fractions, or empty (ERRATA), and the
        // reading policy keeps them as received.
        let request_only = entries.iter().all(|(p, _)| is_request_path(p));
        let formats: BTreeSet<String> = entries
            .iter()
            .map(|(_, e)| format!("{:?}", e.format))
            .collect();
        if request_only
            && formats.len() == 1
            && let Some(format) = entries.first().and_then(|(_, e)| e.format.as_ref())
            && let ValueKind::Simple(ty @ Ty::Std("String")) = &mut f.value
        {
            match format {
                Format::Boolean => *ty = Ty::Std("bool"),
                Format::DateTime => *ty = Ty::Runtime("DateTime"),
                Format::Date => *ty = Ty::Runtime("Date"),
                _ => {}
            }
        }
        if let Some((_, e)) = entries.iter().find(|(_, e)| e.rust_name.is_some())
            && let Some(name) = &e.rust_name
        {
            let corrected = crate::rust::names::snake(name);
            if corrected != f.name {
                f.misspelt_name = Some(std::mem::replace(&mut f.name, corrected));
            }
        }
        if entries.iter().any(|(_, e)| e.secret) {
            if let ValueKind::Simple(ty @ Ty::Std("String")) = &mut f.value {
                *ty = Ty::Runtime("Secret");
                f.secret = true;
            } else {
                notes.push(format!(
                    "{ty}.{}: marked secret but not a string; not wrapped in Secret",
                    f.name
                ));
            }
        }
        for (_, e) in &entries {
            for alias in &e.aliases {
                if !f.aliases.contains(alias) {
                    f.aliases.push(alias.clone());
                }
            }
            f.outcome |= e.outcome;
        }
        if let Some((_, e)) = entries.iter().find(|(_, e)| e.doc.is_some()) {
            let mut doc = e.doc.clone().unwrap_or_default();
            if let Some(section) = &e.section {
                doc.push_str(&format!(" (spec section {section})"));
            }
            f.doc = Some(match f.doc.take() {
                Some(x) if !x.trim().is_empty() && x.trim() != doc.trim() => {
                    format!("{doc}\n\n{x}")
                }
                _ => doc,
            });
        }
        // The constraint of each path, once when they agree.
        let constraints: BTreeMap<String, Vec<&str>> =
            entries.iter().fold(BTreeMap::new(), |mut m, (p, e)| {
                if let Some(mut c) = e.constraint_text() {
                    if let Some(set) = &e.values
                        && let Some(rust) = set_types.get(set)
                    {
                        c = c.replace(&format!("`{set}`"), &format!("[`{rust}`]"));
                    }
                    m.entry(c).or_insert_with(Vec::new).push(p.as_str());
                }
                m
            });
        let unconstrained = entries.iter().any(|(_, e)| e.constraint_text().is_none());
        let mut constraint_doc = String::new();
        if constraints.len() == 1 && !unconstrained {
            if let Some(c) = constraints.keys().next() {
                constraint_doc.push_str(&format!("**Constraint:** {c}."));
            }
        } else {
            for (c, paths) in &constraints {
                if !constraint_doc.is_empty() {
                    constraint_doc.push_str("\n\n");
                }
                constraint_doc
                    .push_str(&format!("**Constraint** at `{}`: {c}.", paths.join("`, `")));
            }
        }
        if let Some((_, e)) = entries.iter().find(|(_, e)| e.rust_name.is_some())
            && e.rust_name.is_some()
        {
            let note = format!(
                "The element is `<{}>`, as the spec spells it; the field's name corrects the spelling (see wsdl/ERRATA.md).",
                f.xml.local
            );
            constraint_doc = if constraint_doc.is_empty() {
                note
            } else {
                format!("{note}\n\n{constraint_doc}")
            };
        }
        f.constraint = (!constraint_doc.is_empty()).then_some(constraint_doc);
        plan.notes.extend(notes);
    }
}

type Hits = std::collections::BTreeMap<(String, usize), Vec<(String, Field)>>;

fn descend(
    plan: &Plan,
    fields: &Overlay,
    next: &str,
    path: &[String],
    stack: &mut Vec<String>,
    hits: &mut Hits,
) {
    if stack.iter().any(|s| s == next) {
        return;
    }
    stack.push(next.to_owned());
    walk_plan(plan, fields, next, path, stack, hits);
    stack.pop();
}

fn walk_plan(
    plan: &Plan,
    fields: &Overlay,
    ty: &str,
    path: &[String],
    stack: &mut Vec<String>,
    hits: &mut Hits,
) {
    let Some(t) = plan.find(ty) else { return };
    match &t.kind {
        Kind::Struct(s) => {
            for (i, m) in s.members.iter().enumerate() {
                match m {
                    Member::Element(f) => {
                        let mut p = path.to_vec();
                        p.push(f.xml.local.clone());
                        let segs: Vec<&str> = p.iter().map(String::as_str).collect();
                        if let Some(entry) = fields.field_for(&segs) {
                            hits.entry((ty.to_owned(), i))
                                .or_default()
                                .push((p.join("/"), entry.clone()));
                        }
                        match &f.value {
                            ValueKind::Complex(n) => descend(plan, fields, n, &p, stack, hits),
                            ValueKind::Wrapper {
                                item, item_value, ..
                            } => {
                                if let ValueKind::Complex(n) = &**item_value {
                                    let mut ip = p.clone();
                                    ip.push(item.local.clone());
                                    descend(plan, fields, n, &ip, stack, hits);
                                }
                            }
                            _ => {}
                        }
                    }
                    Member::Group { ty: g, .. } => descend(plan, fields, g, path, stack, hits),
                    Member::Any { .. } => {}
                }
            }
        }
        Kind::Choice(vs) => {
            for v in vs {
                match &v.kind {
                    VariantKind::Element {
                        xml,
                        value: ValueKind::Complex(n),
                        ..
                    } => {
                        let mut p = path.to_vec();
                        p.push(xml.local.clone());
                        descend(plan, fields, n, &p, stack, hits);
                    }
                    VariantKind::Group { ty: g, .. } => descend(plan, fields, g, path, stack, hits),
                    _ => {}
                }
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wildcards_and_exact_entries() {
        let o = Overlay::parse(
            r#"
[[value_set]]
name = "Kind"
values = [{ value = "new" }]

[[field]]
path = "*/Request/Header/User"
max_length = 30

[[field]]
path = "Op/Request/Header/User"
max_length = 10
values = "Kind"
"#,
            "t.toml",
        )
        .unwrap();
        assert_eq!(
            o.field_for(&["Op", "Request", "Header", "User"])
                .and_then(|f| f.max_length),
            Some(10)
        );
        assert_eq!(
            o.field_for(&["Other", "Request", "Header", "User"])
                .and_then(|f| f.max_length),
            Some(30)
        );
        assert!(o.field_for(&["Other", "Request", "Header"]).is_none());
    }

    /// The last-segment pre-check only rejects what the full match would reject.
    #[test]
    fn path_matching_edges() {
        assert_eq!(path_matches("A/B/User", &["A", "B", "User"]), Some(true));
        assert_eq!(path_matches("*/B/User", &["X", "B", "User"]), Some(false));
        assert_eq!(path_matches("A/B/*", &["A", "B", "User"]), Some(false));
        assert_eq!(path_matches("*", &["User"]), Some(false));
        assert_eq!(path_matches("User", &["User"]), Some(true));
        // A suffix of the last segment is not the segment.
        assert_eq!(path_matches("A/B/XUser", &["A", "B", "User"]), None);
        assert_eq!(path_matches("A/BUser", &["A", "B", "User"]), None);
        assert_eq!(path_matches("A/B/User", &["A", "B", "User", "User"]), None);
        assert_eq!(path_matches("A/B/User", &["B", "User"]), None);
        assert_eq!(path_matches("A/B/", &["A", "B", ""]), Some(true));
        assert_eq!(path_matches("A", &[]), None);
    }

    #[test]
    fn bad_overlays_are_refused() {
        assert!(Overlay::parse("[[field]]\npath = \"a\"\nvalues = \"Nope\"\n", "t").is_err());
        assert!(Overlay::parse("[[field]]\npath = \"a\"\nbogus = 1\n", "t").is_err());
        assert!(Overlay::parse("[[field]]\npath = \"a\"\npattern = \"x\"\n", "t").is_err());
        let e = Overlay::parse("[meta]\nspec = 1\n", "f.toml").unwrap_err();
        assert!(e.to_string().starts_with("f.toml:2:"), "{e}");
    }

    #[test]
    fn the_project_overlay_parses() {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../wsdl/spec-overlay.toml");
        let o = Overlay::load(&path).unwrap();
        assert!(!o.field.is_empty());
        assert!(!o.value_set.is_empty());
    }
}
