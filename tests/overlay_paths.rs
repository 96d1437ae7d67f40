//! The spec overlay (`wsdl/spec-overlay.toml`) keeps to its format, and every path in it names an
//! element of `wsdl/GasOrderService.wsdl`.
//!
//! The overlay is what soapgen-codegen, the client validator and the sandbox read to learn the PDF's
//! lengths, allowed values and rules. A path that names no element would silently drop that
//! knowledge, so the walk below follows the WSDL's schema the way the generator will: from the
//! body wrapper element, through `type="tns:X"` to complexType X's particles.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::PathBuf;

use regex::Regex;
use serde::Deserialize;
use xmltree::{Element, XMLNode};

/// The operations of GasOrderService v2, as the generator read them from the WSDL.
fn operations() -> impl Iterator<Item = &'static str> {
    gas_client::operations::OPERATIONS.iter().map(|op| op.name)
}

const FORMATS: [&str; 6] = ["datetime", "date", "int", "boolean", "email", "country"];

/// Leaf elements whose values are credentials: they must be marked `secret`.
const SECRET_LEAVES: [&str; 2] = ["Password", "PickupPassword"];

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Overlay {
    meta: Meta,
    #[serde(default)]
    value_set: Vec<ValueSet>,
    #[serde(default)]
    field: Vec<Field>,
    #[serde(default)]
    rule: Vec<Rule>,
    #[serde(default)]
    error_code: Vec<ErrorCode>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Meta {
    spec: String,
    namespace: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ValueSet {
    name: String,
    doc: String,
    values: Vec<Value>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Value {
    value: String,
    doc: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Field {
    path: String,
    section: String,
    doc: String,
    min_length: Option<u64>,
    max_length: Option<u64>,
    values: Option<String>,
    pattern: Option<String>,
    format: Option<String>,
    secret: Option<bool>,
    /// Response side: other spellings the reader accepts (soap_runtime::policy).
    #[allow(dead_code)]
    aliases: Option<Vec<String>>,
    /// Response side: the element decides the outcome.
    #[allow(dead_code)]
    outcome: Option<bool>,
    /// The generated field's name when the element's name is a spec typo (ERRATA E16).
    rust_name: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Rule {
    id: String,
    operations: Vec<String>,
    section: String,
    error_code: String,
    error_field: String,
    fields: Vec<String>,
    text: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ErrorCode {
    code: String,
    meaning: String,
    advice: String,
}

fn repo_file(relative: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(relative)
}

fn load_overlay() -> Result<Overlay, String> {
    let path = repo_file("wsdl/spec-overlay.toml");
    let text = fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    toml::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))
}

fn regex(pattern: &str) -> Regex {
    // Patterns here are constants of this file; a typo is a bug in the test.
    Regex::new(pattern).unwrap_or_else(|e| panic!("bad test regex {pattern}: {e}"))
}

/// Fails the test with every problem found, one per line.
fn report(what: &str, problems: &[String]) {
    assert!(
        problems.is_empty(),
        "{what}: {} problem(s):\n  {}",
        problems.len(),
        problems.join("\n  ")
    );
}

/// Which side of an operation a path is on, and for which operation ("*" for any).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Side {
    Request,
    Response,
}

/// Checks a path's shape: `<Op>/Request/...`, `<Op>Response/Response/...` or `*/<Side>/...`.
fn path_shape(path: &str) -> Result<(Option<&'static str>, Side), String> {
    let segment = regex(r"^(\*|[A-Za-z_][A-Za-z0-9_.-]*)$");
    let segments: Vec<&str> = path.split('/').collect();
    if segments.len() < 3 {
        return Err(format!(
            "{path}: needs wrapper, Request/Response and an element"
        ));
    }
    if let Some(bad) = segments.iter().find(|s| !segment.is_match(s)) {
        return Err(format!("{path}: bad segment {bad:?}"));
    }
    let side = match segments[1] {
        "Request" => Side::Request,
        "Response" => Side::Response,
        other => {
            return Err(format!(
                "{path}: second segment is {other:?}, not Request/Response"
            ));
        }
    };
    if segments[0] == "*" {
        return Ok((None, side));
    }
    for op in operations() {
        let wrapper_ok = match side {
            Side::Request => segments[0] == op,
            Side::Response => segments[0].strip_suffix("Response") == Some(op),
        };
        if wrapper_ok {
            return Ok((Some(op), side));
        }
    }
    Err(format!(
        "{path}: {:?} is not a wrapper for the {side:?} side of one of the 14 operations",
        segments[0]
    ))
}

#[test]
fn overlay_keeps_to_its_format() {
    let overlay = match load_overlay() {
        Ok(o) => o,
        Err(e) => panic!("the overlay does not parse: {e}"),
    };
    let mut problems = Vec::new();
    if overlay.meta.namespace != "https://system.globalsign.com/pc/ws/v2/" {
        problems.push(format!("meta.namespace is {:?}", overlay.meta.namespace));
    }
    if !overlay.meta.spec.contains("2.4.7") {
        problems.push(format!(
            "meta.spec {:?} names no version",
            overlay.meta.spec
        ));
    }

    // Value sets.
    let camel = regex(r"^[A-Z][A-Za-z0-9]*$");
    let mut set_names = BTreeSet::new();
    for set in &overlay.value_set {
        if !set_names.insert(set.name.as_str()) {
            problems.push(format!("value_set {}: name used twice", set.name));
        }
        if !camel.is_match(&set.name) {
            problems.push(format!("value_set {}: not UpperCamelCase", set.name));
        }
        if set.doc.trim().is_empty() {
            problems.push(format!("value_set {}: empty doc", set.name));
        }
        if set.values.is_empty() {
            problems.push(format!("value_set {}: no values", set.name));
        }
        let mut seen = BTreeSet::new();
        for v in &set.values {
            if v.value.is_empty() || v.value.trim() != v.value {
                problems.push(format!(
                    "value_set {}: value {:?} is empty or padded",
                    set.name, v.value
                ));
            }
            if !seen.insert(v.value.as_str()) {
                problems.push(format!("value_set {}: value {:?} twice", set.name, v.value));
            }
            if v.doc.trim().is_empty() {
                problems.push(format!(
                    "value_set {}: value {:?} has no doc",
                    set.name, v.value
                ));
            }
        }
    }

    // Fields.
    let section = regex(r"^[0-9]+(\.[0-9]+)*$");
    let furniture = regex(r"Page [0-9]+ of [0-9]+|GlobalSign API for Client Certificates");
    let mut paths = BTreeSet::new();
    for field in &overlay.field {
        let p = field.path.as_str();
        if !paths.insert(p) {
            problems.push(format!("{p}: path listed twice"));
        }
        let side = match path_shape(p) {
            Ok((_, side)) => Some(side),
            Err(e) => {
                problems.push(e);
                None
            }
        };
        if !section.is_match(&field.section) {
            problems.push(format!(
                "{p}: section {:?} is not like \"7.1\"",
                field.section
            ));
        }
        if field.doc.trim().is_empty() {
            problems.push(format!("{p}: empty doc"));
        }
        if furniture.is_match(&field.doc) {
            problems.push(format!("{p}: doc still holds page furniture"));
        }
        if let (Some(min), Some(max)) = (field.min_length, field.max_length) {
            if min > max {
                problems.push(format!("{p}: min_length {min} > max_length {max}"));
            }
        }
        if field.max_length == Some(0) {
            problems.push(format!("{p}: max_length 0"));
        }
        if side == Some(Side::Response)
            && (field.min_length.is_some() || field.max_length.is_some())
        {
            problems.push(format!(
                "{p}: response-side entries carry no lengths (see the overlay header)"
            ));
        }
        if let Some(name) = &field.values {
            if !set_names.contains(name.as_str()) {
                problems.push(format!("{p}: values = {name:?} names no value_set"));
            }
        }
        if let Some(pattern) = &field.pattern {
            if !(pattern.starts_with('^') && pattern.ends_with('$')) {
                problems.push(format!("{p}: pattern {pattern:?} is not anchored ^...$"));
            }
            if let Err(e) = Regex::new(pattern) {
                problems.push(format!("{p}: pattern does not compile: {e}"));
            }
        }
        if let Some(format) = &field.format {
            if !FORMATS.contains(&format.as_str()) {
                problems.push(format!("{p}: format {format:?} is not one of {FORMATS:?}"));
            }
        }
        let leaf = p.rsplit('/').next().unwrap_or(p);
        if SECRET_LEAVES.contains(&leaf) && field.secret != Some(true) {
            problems.push(format!("{p}: a credential, must be secret = true"));
        }
        if field.secret == Some(true) && !SECRET_LEAVES.contains(&leaf) {
            problems.push(format!("{p}: secret = true on a non-credential"));
        }
        if let Some(name) = &field.rust_name {
            // Only for a spelling the errata list, and only a spelling: same words otherwise.
            let same_len = name.len() == leaf.len();
            let differs = name
                .chars()
                .zip(leaf.chars())
                .filter(|(a, b)| a != b)
                .count();
            if !same_len || differs == 0 || differs > 2 {
                problems.push(format!(
                    "{p}: rust_name {name:?} is not a corrected spelling of {leaf:?}"
                ));
            }
        }
    }

    // Error codes.
    let mut codes = BTreeSet::new();
    for e in &overlay.error_code {
        if !codes.insert(e.code.as_str()) {
            problems.push(format!("error_code {}: listed twice", e.code));
        }
        match e.code.parse::<i32>() {
            Ok(n) if n < 0 => {}
            _ => problems.push(format!("error_code {:?}: not a negative integer", e.code)),
        }
        if e.meaning.trim().is_empty() || e.advice.trim().is_empty() {
            problems.push(format!("error_code {}: empty meaning or advice", e.code));
        }
    }

    // Rules.
    let kebab = regex(r"^[a-z0-9]+(-[a-z0-9]+)*$");
    let mut ids = BTreeSet::new();
    for rule in &overlay.rule {
        let id = rule.id.as_str();
        if !ids.insert(id) {
            problems.push(format!("rule {id}: id used twice"));
        }
        if !kebab.is_match(id) {
            problems.push(format!("rule {id}: id is not kebab-case"));
        }
        if rule.operations.is_empty() {
            problems.push(format!("rule {id}: no operations"));
        }
        for op in &rule.operations {
            if !operations().any(|known| known == op) {
                problems.push(format!("rule {id}: unknown operation {op:?}"));
            }
        }
        if !section.is_match(&rule.section) {
            problems.push(format!("rule {id}: section {:?}", rule.section));
        }
        if !codes.contains(rule.error_code.as_str()) {
            problems.push(format!(
                "rule {id}: error_code {} is not in the error_code table",
                rule.error_code
            ));
        }
        if rule.error_field.is_empty()
            || rule.error_field.starts_with("Request/")
            || rule.error_field.starts_with('/')
        {
            problems.push(format!(
                "rule {id}: error_field {:?} must be a path below Request/",
                rule.error_field
            ));
        }
        // The ErrorField must name an element of every operation the rule covers.
        for op in &rule.operations {
            let target = format!("{op}/Request/{}", rule.error_field);
            if !paths.contains(target.as_str()) {
                problems.push(format!(
                    "rule {id}: error_field {:?} is no element of {op} ({target} has no [[field]] entry)",
                    rule.error_field
                ));
            }
        }
        if rule.fields.is_empty() || rule.text.trim().is_empty() {
            problems.push(format!("rule {id}: no fields or no text"));
        }
        for f in &rule.fields {
            match path_shape(f) {
                Ok((Some(op), Side::Request)) if rule.operations.iter().any(|o| o == op) => {}
                Ok(_) => problems.push(format!(
                    "rule {id}: field {f} is not a request path of one of its operations"
                )),
                Err(e) => problems.push(format!("rule {id}: {e}")),
            }
            if !paths.contains(f.as_str()) {
                problems.push(format!("rule {id}: field {f} has no [[field]] entry"));
            }
        }
    }
    report("wsdl/spec-overlay.toml", &problems);
}

// ------------------------------------------------------------------------------------------
// The WSDL's schema, reduced to what path walking needs.

/// Child elements of one complex type, in schema order: (name, type key). The type key names
/// an entry of [`Schema::types`], or is `None` for simple content.
type Children = Vec<(String, Option<String>)>;

#[derive(Default)]
struct Schema {
    /// Global elements: name -> type key.
    elements: BTreeMap<String, Option<String>>,
    /// Complex types (named ones by name, anonymous ones by a generated key) -> base type and
    /// own children.
    types: BTreeMap<String, (Option<String>, Children)>,
    anonymous: usize,
}

fn local(qname: &str) -> &str {
    qname.rsplit(':').next().unwrap_or(qname)
}

fn child_elements(el: &Element) -> impl Iterator<Item = &Element> {
    el.children.iter().filter_map(XMLNode::as_element)
}

impl Schema {
    fn from_wsdl(root: &Element) -> Result<Schema, String> {
        let mut schema = Schema::default();
        let types = child_elements(root)
            .find(|e| e.name == "types")
            .ok_or("no wsdl:types")?;
        let mut found = false;
        for xs in child_elements(types).filter(|e| e.name == "schema") {
            found = true;
            for top in child_elements(xs) {
                match top.name.as_str() {
                    "element" => {
                        let name = top
                            .attributes
                            .get("name")
                            .ok_or("global element without name")?;
                        let key = schema.element_type(top);
                        schema.elements.insert(name.clone(), key);
                    }
                    "complexType" => {
                        let name = top
                            .attributes
                            .get("name")
                            .ok_or("global complexType without name")?;
                        let content = schema.complex_content(top);
                        schema.types.insert(name.clone(), content);
                    }
                    _ => {}
                }
            }
        }
        if !found {
            return Err("no xs:schema in wsdl:types".into());
        }
        Ok(schema)
    }

    /// The type key of an element declaration: its `type`, its inline complexType, or its `ref`.
    fn element_type(&mut self, el: &Element) -> Option<String> {
        if let Some(t) = el.attributes.get("type") {
            return Some(local(t).to_string());
        }
        if let Some(inline) = child_elements(el).find(|e| e.name == "complexType") {
            self.anonymous += 1;
            let key = format!("#anonymous{}", self.anonymous);
            let content = self.complex_content(inline);
            self.types.insert(key.clone(), content);
            return Some(key);
        }
        None
    }

    fn complex_content(&mut self, ct: &Element) -> (Option<String>, Children) {
        let mut base = None;
        let mut children = Vec::new();
        self.particles(ct, &mut base, &mut children);
        (base, children)
    }

    fn particles(&mut self, el: &Element, base: &mut Option<String>, out: &mut Children) {
        for c in child_elements(el) {
            match c.name.as_str() {
                "element" => {
                    if let Some(r) = c.attributes.get("ref") {
                        out.push((local(r).to_string(), Some(format!("@{}", local(r)))));
                    } else if let Some(name) = c.attributes.get("name") {
                        let key = self.element_type(c);
                        out.push((name.clone(), key));
                    }
                }
                "sequence" | "choice" | "all" | "complexContent" => self.particles(c, base, out),
                "extension" | "restriction" => {
                    if let Some(b) = c.attributes.get("base") {
                        *base = Some(local(b).to_string());
                    }
                    self.particles(c, base, out);
                }
                _ => {}
            }
        }
    }

    /// Child elements of a type key, base type's first. Unknown keys (simple and built-in
    /// types) have none.
    fn children(&self, key: &str, depth: usize) -> Children {
        if depth > 32 {
            return Vec::new();
        }
        if let Some(global) = key.strip_prefix('@') {
            return match self.elements.get(global) {
                Some(Some(t)) => self.children(t, depth + 1),
                _ => Vec::new(),
            };
        }
        let Some((base, own)) = self.types.get(key) else {
            return Vec::new();
        };
        let mut all = match base {
            Some(b) => self.children(b, depth + 1),
            None => Vec::new(),
        };
        all.extend(own.iter().cloned());
        all
    }

    /// Every concrete path the overlay path names; the longest prefix that matched if none.
    fn resolve(&self, path: &str) -> Result<Vec<String>, String> {
        Ok(self
            .resolve_typed(path)?
            .into_iter()
            .map(|(p, _)| p)
            .collect())
    }

    /// Like [`Schema::resolve`], with each element's type key (`"int"`, `"string"`, a complex
    /// type's name, ...).
    fn resolve_typed(&self, path: &str) -> Result<Vec<(String, Option<String>)>, String> {
        let segments: Vec<&str> = path.split('/').collect();
        let wrappers: Vec<String> = operations()
            .flat_map(|op| [op.to_string(), format!("{op}Response")])
            .filter(|w| segments[0] == "*" || segments[0] == w)
            .collect();
        let mut current: Vec<(String, Option<String>)> = Vec::new();
        for w in wrappers {
            if let Some(t) = self.elements.get(&w) {
                current.push((w, t.clone()));
            }
        }
        if current.is_empty() {
            return Err(format!("no wrapper element {:?}", segments[0]));
        }
        for (i, seg) in segments.iter().enumerate().skip(1) {
            let mut next = Vec::new();
            for (so_far, key) in &current {
                let Some(key) = key else { continue };
                for (name, child_key) in self.children(key, 0) {
                    if *seg == "*" || *seg == name {
                        next.push((format!("{so_far}/{name}"), child_key));
                    }
                }
            }
            if next.is_empty() {
                return Err(format!(
                    "nothing matches {:?} below {}",
                    seg,
                    segments[..i].join("/")
                ));
            }
            current = next;
        }
        current.sort();
        current.dedup();
        Ok(current)
    }

    /// Every leaf element path below a wrapper (elements whose type has no child elements).
    fn leaves(&self, wrapper: &str) -> Vec<String> {
        let mut out = Vec::new();
        if let Some(Some(t)) = self.elements.get(wrapper) {
            self.collect_leaves(wrapper.to_string(), t, 0, &mut out);
        }
        out
    }

    fn collect_leaves(&self, path: String, key: &str, depth: usize, out: &mut Vec<String>) {
        let children = self.children(key, 0);
        if children.is_empty() || depth > 16 {
            out.push(path);
            return;
        }
        for (name, child) in children {
            let p = format!("{path}/{name}");
            match child {
                Some(k) => self.collect_leaves(p, &k, depth + 1, out),
                None => out.push(p),
            }
        }
    }
}

fn load_schema() -> Schema {
    let path = repo_file("wsdl/GasOrderService.wsdl");
    let text = match fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) => panic!(
            "{}: {e}. The overlay's paths can only be checked against the WSDL.",
            path.display()
        ),
    };
    let root = match Element::parse(text.as_bytes()) {
        Ok(r) => r,
        Err(e) => panic!("{}: not well-formed XML: {e}", path.display()),
    };
    match Schema::from_wsdl(&root) {
        Ok(s) => s,
        Err(e) => panic!("{}: {e}", path.display()),
    }
}

#[test]
fn every_overlay_path_names_a_wsdl_element() {
    let overlay = match load_overlay() {
        Ok(o) => o,
        Err(e) => panic!("the overlay does not parse: {e}"),
    };
    let schema = load_schema();
    let mut problems = Vec::new();
    let mut named_by: BTreeMap<String, &str> = BTreeMap::new();
    let sets: BTreeMap<&str, &ValueSet> = overlay
        .value_set
        .iter()
        .map(|v| (v.name.as_str(), v))
        .collect();
    for field in &overlay.field {
        let p = field.path.as_str();
        // A value set on an xs:int element must hold integers, or the generated enum could
        // never be written.
        if let (Ok(typed), Some(set)) = (
            schema.resolve_typed(p),
            field.values.as_deref().and_then(|n| sets.get(n)),
        ) {
            if typed.iter().any(|(_, t)| t.as_deref() == Some("int")) {
                for v in &set.values {
                    if v.value.parse::<i32>().is_err() {
                        problems.push(format!(
                            "{p}: xs:int element, but value set {} has {:?}",
                            set.name, v.value
                        ));
                    }
                }
            }
        }
        let concrete = match schema.resolve(p) {
            Ok(c) => c,
            Err(e) => {
                problems.push(format!("{p}: {e}"));
                continue;
            }
        };
        // A leading wildcard stands for "every operation": it must hold in all 14.
        if p.starts_with("*/") {
            let wrappers: BTreeSet<&str> = concrete
                .iter()
                .filter_map(|c| c.split('/').next())
                .collect();
            if wrappers.len() != operations().count() {
                problems.push(format!(
                    "{p}: matches in {} wrappers, not all {}: {:?}",
                    wrappers.len(),
                    operations().count(),
                    wrappers
                ));
            }
        }
        for c in concrete {
            if let Some(other) = named_by.insert(c.clone(), p) {
                problems.push(format!("{c}: named by both {other} and {p}"));
            }
        }
    }
    report("overlay paths against wsdl/GasOrderService.wsdl", &problems);
}

/// The brief for the overlay: every element of every request and response has an entry (its
/// length, values, format or at least its documentation). A new element in the WSDL shows up
/// here until the overlay says what the spec knows about it.
#[test]
fn every_wsdl_leaf_has_an_overlay_entry() {
    let overlay = match load_overlay() {
        Ok(o) => o,
        Err(e) => panic!("the overlay does not parse: {e}"),
    };
    let schema = load_schema();
    let mut covered = BTreeSet::new();
    for field in &overlay.field {
        if let Ok(concrete) = schema.resolve(&field.path) {
            covered.extend(concrete);
        }
    }
    let mut problems = Vec::new();
    for op in operations() {
        for wrapper in [op.to_string(), format!("{op}Response")] {
            if !schema.elements.contains_key(&wrapper) {
                problems.push(format!("{wrapper}: no such global element in the WSDL"));
                continue;
            }
            for leaf in schema.leaves(&wrapper) {
                if !covered.contains(&leaf) {
                    problems.push(format!("{leaf}: no overlay entry"));
                }
            }
        }
    }
    report("WSDL leaves without an overlay entry", &problems);
}

/// The overlay cites `wsdl/ERRATA.md` by number ("ERRATA E16"); the client and the sandbox do
/// the same. Entries are numbered E1, E2, ... without gaps, and every cited number exists.
#[test]
fn errata_entries_are_numbered_and_cited_entries_exist() {
    let path = repo_file("wsdl/ERRATA.md");
    let errata = match fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) => panic!("{}: {e}", path.display()),
    };
    let heading = regex(r"(?m)^### E([0-9]+)\. \S");
    let numbers: Vec<u32> = heading
        .captures_iter(&errata)
        .filter_map(|c| c[1].parse().ok())
        .collect();
    let mut problems = Vec::new();
    for (i, n) in numbers.iter().enumerate() {
        let expected = u32::try_from(i + 1).unwrap_or(u32::MAX);
        if *n != expected {
            problems.push(format!(
                "wsdl/ERRATA.md: entry #{} is numbered E{n}, expected E{expected}",
                i + 1
            ));
        }
    }
    if numbers.len() < 24 {
        problems.push(format!("wsdl/ERRATA.md: only {} entries", numbers.len()));
    }
    let known: BTreeSet<u32> = numbers.into_iter().collect();
    let overlay_path = repo_file("wsdl/spec-overlay.toml");
    let overlay = match fs::read_to_string(&overlay_path) {
        Ok(t) => t,
        Err(e) => panic!("{}: {e}", overlay_path.display()),
    };
    let citation = regex(r"ERRATA E([0-9]+)");
    for c in citation.captures_iter(&overlay) {
        match c[1].parse::<u32>() {
            Ok(n) if known.contains(&n) => {}
            _ => problems.push(format!(
                "wsdl/spec-overlay.toml cites ERRATA E{} which does not exist",
                &c[1]
            )),
        }
    }
    report("errata numbering and citations", &problems);
}

/// The OrganizationalIdentifier pattern (sections 8.1 and 9.1) accepts every example the spec
/// gives, in the spec's mixed case, and rejects near misses.
#[test]
fn organizational_identifier_pattern_takes_the_spec_examples() {
    let overlay = match load_overlay() {
        Ok(o) => o,
        Err(e) => panic!("the overlay does not parse: {e}"),
    };
    let good = [
        "vatjp-1234",
        "ntrjp-1234",
        "ntrus+nh-1234",
        "leixg-1234",
        "govjp",
        "Govjp",
        "Govus+nh",
        "intxg",
        "Intxg",
        "VATJP-1234",
    ];
    let bad = [
        "",
        "jp-1234",
        "vat-1234",
        "vatjp",
        "vatjp-",
        "vatjp 1234",
        "leixg",
        "gov",
        "govjpn",
        "govus+",
        "intxg-1",
        " intxg",
    ];
    let mut problems = Vec::new();
    let mut checked = 0;
    for field in overlay
        .field
        .iter()
        .filter(|f| f.path.ends_with("/OrganizationalIdentifier"))
    {
        checked += 1;
        let Some(pattern) = &field.pattern else {
            problems.push(format!("{}: no pattern", field.path));
            continue;
        };
        let re = match Regex::new(pattern) {
            Ok(r) => r,
            Err(e) => {
                problems.push(format!("{}: {e}", field.path));
                continue;
            }
        };
        for g in good {
            if !re.is_match(g) {
                problems.push(format!("{}: rejects the spec's example {g:?}", field.path));
            }
        }
        for b in bad {
            if re.is_match(b) {
                problems.push(format!("{}: accepts {b:?}", field.path));
            }
        }
    }
    if checked < 2 {
        problems.push(format!(
            "{checked} OrganizationalIdentifier entries; PS2Dept and PS2Pro both have one"
        ));
    }
    report("OrganizationalIdentifier pattern", &problems);
}
