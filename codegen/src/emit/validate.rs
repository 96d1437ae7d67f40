//! `validate.rs`: `Validate` for every operation input, as data: one static table per
//! type reached from an input (`soap_runtime::validate::Checked`: the members with
//! something to check, how to reach each, its occurrence and facets), walked by
//! `soap_runtime::validate::check`; plus the overlay's rules and error codes.
//!
//! What is checked, per value: required elements present and non-empty (-102); length
//! within the XSD facets and the overlay's `min_length`/`max_length` (-103); XSD and
//! overlay patterns, the overlay's `format`, XSD numeric ranges and digits (-104);
//! enumeration and value-set membership (-9970). Paths are `ErrorField` style: below the
//! body element, and below its single child when it has exactly one (`Request`).
//! Recursive types are checked down to their first repetition (by the checker).
//!
//! The overlay binds facets to element paths, not types: a member's table entry carries
//! the facets most of its paths have, and each other path gets an `Override` (path,
//! member, facets) in the type's `OVERRIDES`. The paths are walked only when there is an
//! overlay; without one every facet is the type's own.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use proc_macro2::TokenStream;
use quote::quote;

use super::{Ctx, ident};
use crate::model::TypeRef;
use crate::overlay::Format;
use crate::rust::{Card, Kind, Member, StructDef, Ty, ValueKind, VariantKind, facet_chain};

/// Translates an XSD pattern (implicitly anchored) to an anchored Rust regex, if the
/// `regex` crate accepts it.
pub(crate) fn xsd_pattern(alternatives: &[String]) -> Option<String> {
    if alternatives.is_empty() {
        return None;
    }
    let joined = alternatives
        .iter()
        .map(|p| format!("(?:{p})"))
        .collect::<Vec<_>>()
        .join("|");
    let re = format!("^(?:{joined})$");
    regex::Regex::new(&re).ok().map(|_| re)
}

/// A numeric bound: `(limit, inclusive)`.
type Bound = Option<(f64, bool)>;

/// What the text of a simple value must satisfy at one place (XSD facets of its type
/// merged with the overlay's entry for the path).
#[derive(Clone, Debug, PartialEq, Default)]
struct Spec {
    min: Option<u64>,
    max: Option<u64>,
    patterns: Vec<String>,
    format: Option<Format>,
    values: Vec<String>,
    ranges: Vec<(Bound, Bound)>,
    digits: Vec<(Option<u32>, Option<u32>)>,
}

impl Spec {
    fn is_empty(&self) -> bool {
        *self == Spec::default()
    }
}

/// What a table entry reaches.
#[derive(Clone)]
enum Target {
    Simple {
        ty: Ty,
        xsd: Option<TypeRef>,
    },
    Complex(String),
    /// Only counted (`at_least`): `xs:any` values.
    Count,
}

/// One entry of a type's table, before its facets are known.
struct Entry {
    /// Path segment (`Email`, `@attr`, or empty).
    name: String,
    /// List wrapper item segment, or empty.
    item: String,
    /// The accessor's body (`x` is the value).
    get: TokenStream,
    required: bool,
    at_least: usize,
    target: Target,
    /// The accessor that only counts the values (a repeated element whose type has
    /// nothing to check, but a minimum number of occurrences).
    count: Option<TokenStream>,
}

pub(crate) fn emit(ctx: &Ctx<'_>) -> TokenStream {
    let rt = &ctx.rt;
    // The inputs: (type, body element name, strip).
    let mut roots: Vec<(String, String, usize)> = Vec::new();
    for op in &ctx.plan.ops {
        let Some(input) = &op.input else { continue };
        if roots.iter().any(|r| r.0 == input.rust) {
            continue;
        }
        let Some(t) = ctx.plan.find(&input.rust) else {
            continue;
        };
        let strip = match &t.kind {
            Kind::Struct(s)
                if s.attrs.is_empty()
                    && s.members.len() == 1
                    && matches!(s.members[0], Member::Element(_)) =>
            {
                2
            }
            _ => 1,
        };
        roots.push((input.rust.clone(), input.xml.local.clone(), strip));
    }
    // Every type reached from an input, with its entries.
    let mut entries: BTreeMap<String, Vec<Entry>> = BTreeMap::new();
    let mut queue: Vec<String> = roots.iter().map(|r| r.0.clone()).collect();
    let root_names: BTreeSet<&str> = roots.iter().map(|r| r.0.as_str()).collect();
    while let Some(name) = queue.pop() {
        if entries.contains_key(&name) {
            continue;
        }
        let list = match ctx.plan.find(&name).map(|t| &t.kind) {
            Some(Kind::Struct(s)) => struct_entries(s),
            Some(Kind::Choice(vs)) => choice_entries(vs),
            Some(Kind::Derived(vs)) => derived_entries(vs),
            Some(Kind::Newtype(ValueKind::Simple(ty))) if root_names.contains(name.as_str()) => {
                vec![Entry {
                    name: String::new(),
                    item: String::new(),
                    get: quote!(v::text(&x.0)),
                    required: true,
                    at_least: 0,
                    target: Target::Simple {
                        ty: ty.clone(),
                        xsd: None,
                    },
                    count: None,
                }]
            }
            _ => Vec::new(),
        };
        for e in &list {
            if let Target::Complex(n) = &e.target {
                queue.push(n.clone());
            }
        }
        entries.insert(name, list);
    }
    // Facets of each simple entry: per path with an overlay, else the type's own.
    let mut at_paths: HashMap<(String, usize), Vec<(String, Spec)>> = HashMap::new();
    if let Some(overlay) = ctx.overlay {
        let mut walk = PathWalk {
            ctx,
            entries: &entries,
            overlay,
            found: &mut at_paths,
        };
        for (name, element, _) in &roots {
            walk.visit(name, &mut vec![element.clone()], &mut vec![name.clone()]);
        }
    }
    // Which types have something to check, anywhere.
    let mut checked: BTreeSet<String> = BTreeSet::new();
    loop {
        let before = checked.len();
        for (name, list) in &entries {
            if !checked.contains(name)
                && list
                    .iter()
                    .enumerate()
                    .any(|(i, e)| entry_checks(ctx, name, i, e, &at_paths, &checked))
            {
                checked.insert(name.clone());
            }
        }
        if checked.len() == before {
            break;
        }
    }
    let mut tables = Vec::new();
    for t in &ctx.plan.types {
        let Some(list) = entries.get(&t.name).filter(|_| checked.contains(&t.name)) else {
            continue;
        };
        let mut members = Vec::new();
        let mut overrides = Vec::new();
        let mut index = 0usize;
        for (i, e) in list.iter().enumerate() {
            if !entry_checks(ctx, &t.name, i, e, &at_paths, &checked) {
                continue;
            }
            let (name, item) = (&e.name, &e.item);
            let get = match (&e.target, &e.count) {
                (Target::Complex(n), Some(count)) if !checked.contains(n) => count,
                _ => &e.get,
            };
            let mut m = quote!(v::Member::new(#name, |x: &Self| #get));
            if !item.is_empty() {
                m.extend(quote!(.item(#item)));
            }
            if e.required {
                m.extend(quote!(.required()));
            }
            if e.at_least > 0 {
                let n = proc_macro2::Literal::usize_unsuffixed(e.at_least);
                m.extend(quote!(.at_least(#n)));
            }
            if let Target::Simple { ty, xsd } = &e.target {
                let own = spec(ctx, ty, xsd.as_ref(), None);
                let seen = at_paths.get(&(t.name.clone(), i));
                let default = seen.map_or(own, |s| most_common(s));
                m.extend(spec_tokens(&default));
                for (path, s) in seen.into_iter().flatten() {
                    if *s != default {
                        let f = spec_tokens(s);
                        let index = proc_macro2::Literal::usize_unsuffixed(index);
                        overrides.push(quote!(v::Override::new(#path, #index, v::Facets::NONE #f)));
                    }
                }
                if seen.is_some_and(|s| s.iter().any(|(_, s)| *s != default)) {
                    m.extend(quote!(.overridden()));
                }
            }
            members.push(m);
            index += 1;
        }
        let id = ident(&t.name);
        let overrides = (!overrides.is_empty())
            .then(|| quote!(const OVERRIDES: &'static [v::Override] = &[#(#overrides),*];));
        tables.push(quote! {
            impl v::Checked for super::types::#id {
                const MEMBERS: &'static [v::Member<Self>] = &[#(#members),*];
                #overrides
            }
        });
    }
    let impls = roots.iter().map(|(name, element, strip)| {
        let id = ident(name);
        let strip = proc_macro2::Literal::usize_unsuffixed(*strip);
        let body = if checked.contains(name) {
            quote!(v::check(self, #element, #strip))
        } else {
            quote!(Vec::new())
        };
        quote! {
            impl v::Validate for super::types::#id {
                fn validate(&self) -> Vec<v::Violation> {
                    #body
                }
            }
        }
    });
    let (rules, codes) = overlay_data(ctx);
    let alias = (!roots.is_empty()).then(|| quote!(use #rt::validate as v;));
    quote! {
        //! Request validation (`soap_runtime::validate::Validate` on every operation input,
        //! one table per type walked by `soap_runtime::validate::check`) and the spec
        //! overlay's cross-field rules and error codes, as data.
        #alias
        #(#impls)*
        #(#tables)*

        /// Cross-field rules from the spec overlay. Not checked by generated code: the
        /// client implements them.
        pub const RULES: &[#rt::validate::RuleInfo] = &[#(#rules),*];

        /// The service's error codes (spec overlay).
        pub const ERROR_CODES: &[#rt::validate::ErrorCodeInfo] = &[#(#codes),*];
    }
}

/// The facets seen most often (the first of equals).
fn most_common(seen: &[(String, Spec)]) -> Spec {
    let mut counts: Vec<(&Spec, usize)> = Vec::new();
    for (_, s) in seen {
        match counts.iter_mut().find(|(c, _)| *c == s) {
            Some((_, n)) => *n += 1,
            None => counts.push((s, 1)),
        }
    }
    let mut best: Option<(&Spec, usize)> = None;
    for (s, n) in counts {
        if best.is_none_or(|(_, b)| n > b) {
            best = Some((s, n));
        }
    }
    best.map(|(s, _)| s.clone()).unwrap_or_default()
}

/// Whether entry `i` of type `name` has anything to check at some path.
fn entry_checks(
    ctx: &Ctx<'_>,
    name: &str,
    i: usize,
    e: &Entry,
    at_paths: &HashMap<(String, usize), Vec<(String, Spec)>>,
    checked: &BTreeSet<String>,
) -> bool {
    if e.required || e.at_least > 0 {
        return true;
    }
    match &e.target {
        Target::Simple { ty, xsd } => {
            is_enum(ctx, ty)
                || !spec(ctx, ty, xsd.as_ref(), None).is_empty()
                || at_paths
                    .get(&(name.to_owned(), i))
                    .is_some_and(|s| s.iter().any(|(_, s)| !s.is_empty()))
        }
        Target::Complex(n) => checked.contains(n),
        Target::Count => false,
    }
}

fn is_enum(ctx: &Ctx<'_>, ty: &Ty) -> bool {
    match ty {
        Ty::Named(n) => matches!(ctx.plan.find(n).map(|t| &t.kind), Some(Kind::Enum(_))),
        _ => false,
    }
}

/// The facets of a simple value of type `ty` (XSD type `xsd`) with the overlay's entry
/// `overlay` for its path.
fn spec(
    ctx: &Ctx<'_>,
    ty: &Ty,
    xsd: Option<&TypeRef>,
    overlay: Option<&crate::overlay::Field>,
) -> Spec {
    let mut out = Spec::default();
    let (base, facets) = match xsd {
        Some(t) => facet_chain(ctx.model, t),
        None => (None, Vec::new()),
    };
    let is_list = matches!(ty, Ty::List(_));
    out.min = overlay.and_then(|f| f.min_length);
    out.max = overlay.and_then(|f| f.max_length);
    if !is_list {
        for f in &facets {
            if let Some(lo) = f.length.or(f.min_length) {
                out.min = Some(out.min.map_or(lo, |m| m.max(lo)));
            }
            if let Some(hi) = f.length.or(f.max_length) {
                out.max = Some(out.max.map_or(hi, |m| m.min(hi)));
            }
        }
    }
    // Patterns: each restriction level's patterns are alternatives; levels all apply.
    if let Some(p) = overlay.and_then(|f| f.pattern.clone())
        && regex::Regex::new(&p).is_ok()
    {
        out.patterns.push(p);
    }
    if !is_list {
        for f in &facets {
            if let Some(p) = xsd_pattern(&f.patterns) {
                out.patterns.push(p);
            }
        }
    }
    out.format = overlay.and_then(|f| f.format.clone());
    // An enumeration type checks its own values (the runtime reads its `VALUE_SET`).
    if !is_enum(ctx, ty)
        && let Some(set) = overlay
            .and_then(|f| f.values.as_ref())
            .and_then(|s| ctx.overlay.and_then(|o| o.value_set(s)))
    {
        out.values = set.values.iter().map(|v| v.value.clone()).collect();
    }
    if base.is_some_and(crate::rust::builtins::is_numeric) && !is_list {
        let parse = |b: &Option<String>| b.as_ref().and_then(|b| b.trim().parse::<f64>().ok());
        for f in &facets {
            let bound =
                |incl: &Option<String>, excl: &Option<String>| match (parse(incl), parse(excl)) {
                    (Some(n), _) => Some((n, true)),
                    (None, Some(n)) => Some((n, false)),
                    (None, None) => None,
                };
            let min = bound(&f.min_inclusive, &f.min_exclusive);
            let max = bound(&f.max_inclusive, &f.max_exclusive);
            if min.is_some() || max.is_some() {
                out.ranges.push((min, max));
            }
        }
        for f in &facets {
            if f.total_digits.is_some() || f.fraction_digits.is_some() {
                out.digits.push((f.total_digits, f.fraction_digits));
            }
        }
    }
    out
}

/// Builder calls that set `s` on a `Member` or `Facets`.
fn spec_tokens(s: &Spec) -> TokenStream {
    let mut out = TokenStream::new();
    if let Some(n) = s.min {
        let n = proc_macro2::Literal::u64_unsuffixed(n);
        out.extend(quote!(.min_len(#n)));
    }
    if let Some(n) = s.max {
        let n = proc_macro2::Literal::u64_unsuffixed(n);
        out.extend(quote!(.max_len(#n)));
    }
    if !s.patterns.is_empty() {
        let p = &s.patterns;
        out.extend(quote!(.patterns(&[#(#p),*])));
    }
    if let Some(f) = &s.format {
        let f = match f {
            Format::DateTime => quote!(DateTime),
            Format::Date => quote!(Date),
            Format::Int => quote!(Int),
            Format::Boolean => quote!(Boolean),
            Format::Email => quote!(Email),
            Format::Country => quote!(Country),
        };
        out.extend(quote!(.format(v::Format::#f)));
    }
    if !s.values.is_empty() {
        let vals = &s.values;
        out.extend(quote!(.values(&[#(#vals),*])));
    }
    let bound = |b: &Option<(f64, bool)>| match b {
        Some((n, inclusive)) => quote!(Some((#n, #inclusive))),
        None => quote!(None),
    };
    if !s.ranges.is_empty() {
        let r = s.ranges.iter().map(|(lo, hi)| {
            let (lo, hi) = (bound(lo), bound(hi));
            quote!((#lo, #hi))
        });
        out.extend(quote!(.ranges(&[#(#r),*])));
    }
    let opt = |d: &Option<u32>| match d {
        Some(n) => {
            let n = proc_macro2::Literal::u32_unsuffixed(*n);
            quote!(Some(#n))
        }
        None => quote!(None),
    };
    if !s.digits.is_empty() {
        let d = s.digits.iter().map(|(t, f)| {
            let (t, f) = (opt(t), opt(f));
            quote!((#t, #f))
        });
        out.extend(quote!(.digits(&[#(#d),*])));
    }
    out
}

/// Walks every path from the inputs (a recursive type down to its first repetition, as
/// the checker does), recording each simple entry's facets there.
struct PathWalk<'w, 'a> {
    ctx: &'w Ctx<'a>,
    entries: &'w BTreeMap<String, Vec<Entry>>,
    overlay: &'w crate::overlay::Overlay,
    found: &'w mut HashMap<(String, usize), Vec<(String, Spec)>>,
}

impl PathWalk<'_, '_> {
    fn visit(&mut self, name: &str, path: &mut Vec<String>, stack: &mut Vec<String>) {
        let Some(list) = self.entries.get(name) else {
            return;
        };
        for (i, e) in list.iter().enumerate() {
            let depth = path.len();
            for seg in [&e.name, &e.item] {
                if !seg.is_empty() {
                    path.push(seg.clone());
                }
            }
            match &e.target {
                Target::Simple { ty, xsd } => {
                    let segs: Vec<&str> = path.iter().map(String::as_str).collect();
                    let overlay = self.overlay.field_for(&segs);
                    let s = spec(self.ctx, ty, xsd.as_ref(), overlay);
                    self.found
                        .entry((name.to_owned(), i))
                        .or_default()
                        .push((path.join("/"), s));
                }
                Target::Complex(n) if !stack.contains(n) => {
                    stack.push(n.clone());
                    self.visit(n, path, stack);
                    stack.pop();
                }
                _ => {}
            }
            path.truncate(depth);
        }
    }
}

/// How a table reaches a value of occurrence `card` (`boxed`: behind a `Box`).
fn access(
    field: &TokenStream,
    card: Card,
    nillable: bool,
    boxed: bool,
    simple: bool,
) -> TokenStream {
    let (one, opt, many) = if simple {
        (quote!(v::text), quote!(v::text_opt), quote!(v::texts))
    } else {
        (quote!(v::node), quote!(v::node_opt), quote!(v::nodes))
    };
    match card {
        Card::One if !nillable && boxed => quote!(#one(&*#field)),
        Card::One if !nillable => quote!(#one(&#field)),
        Card::One | Card::Optional if boxed => quote!(#opt(#field.as_deref())),
        Card::One | Card::Optional => quote!(#opt(#field.as_ref())),
        Card::Many => quote!(#many(&#field)),
    }
}

fn struct_entries(s: &StructDef) -> Vec<Entry> {
    let mut out = Vec::new();
    for a in &s.attrs {
        let f = ident(&a.name);
        let card = if a.required {
            Card::One
        } else {
            Card::Optional
        };
        out.push(Entry {
            name: format!("@{}", a.xml.local),
            item: String::new(),
            get: access(&quote!(x.#f), card, false, false, true),
            required: false,
            at_least: 0,
            target: Target::Simple {
                ty: a.ty.clone(),
                xsd: Some(a.simple_type.clone()),
            },
            count: None,
        });
    }
    if let Some((n, ty, t)) = &s.text {
        let f = ident(n);
        out.push(Entry {
            name: String::new(),
            item: String::new(),
            get: quote!(v::text(&x.#f)),
            required: false,
            at_least: 0,
            target: Target::Simple {
                ty: ty.clone(),
                xsd: Some(t.clone()),
            },
            count: None,
        });
    }
    for m in &s.members {
        match m {
            Member::Element(f) => {
                let field = ident(&f.name);
                let field = quote!(x.#field);
                let at_least = if f.card == Card::Many && f.min_occurs > 0 {
                    f.min_occurs as usize
                } else {
                    0
                };
                let len = quote!(v::count(#field.len()));
                let count = Entry {
                    name: f.xml.local.clone(),
                    item: String::new(),
                    get: len.clone(),
                    required: false,
                    at_least,
                    target: Target::Count,
                    count: (f.card == Card::Many).then_some(len),
                };
                let e = match &f.value {
                    ValueKind::Simple(ty) => Entry {
                        get: access(&field, f.card, f.nillable, false, true),
                        required: f.card == Card::One && !f.nillable && f.min_occurs > 0,
                        target: Target::Simple {
                            ty: ty.clone(),
                            xsd: f.simple_type.clone(),
                        },
                        ..count
                    },
                    ValueKind::Complex(n) => Entry {
                        get: access(&field, f.card, f.nillable, f.boxed, false),
                        target: Target::Complex(n.clone()),
                        ..count
                    },
                    ValueKind::Wrapper {
                        item, item_value, ..
                    } => match &**item_value {
                        ValueKind::Simple(ty) => Entry {
                            item: item.local.clone(),
                            get: quote!(v::texts(&#field)),
                            target: Target::Simple {
                                ty: ty.clone(),
                                xsd: f.item_simple_type.clone(),
                            },
                            ..count
                        },
                        ValueKind::Complex(n) => Entry {
                            item: item.local.clone(),
                            get: quote!(v::nodes(&#field)),
                            target: Target::Complex(n.clone()),
                            ..count
                        },
                        _ => count,
                    },
                    ValueKind::AnyElement => count,
                };
                // Only a repeated value has a length to count.
                if matches!(e.target, Target::Count) && f.card != Card::Many {
                    continue;
                }
                out.push(e);
            }
            Member::Group {
                name,
                ty,
                card,
                boxed,
                ..
            } => {
                let field = ident(name);
                out.push(Entry {
                    name: String::new(),
                    item: String::new(),
                    get: access(&quote!(x.#field), *card, false, *boxed, false),
                    required: false,
                    at_least: 0,
                    target: Target::Complex(ty.clone()),
                    count: None,
                });
            }
            Member::Any { .. } => {}
        }
    }
    out
}

/// An `xsi:type` enum: the variant's own table, at the same path (one element).
fn derived_entries(variants: &[crate::rust::DerivedVariant]) -> Vec<Entry> {
    variants
        .iter()
        .map(|var| {
            let vid = ident(&var.variant);
            Entry {
                name: String::new(),
                item: String::new(),
                get: quote!(match x { Self::#vid(y) => v::node(&**y), _ => v::NONE }),
                required: false,
                at_least: 0,
                target: Target::Complex(var.rust.clone()),
                count: None,
            }
        })
        .collect()
}

fn choice_entries(variants: &[crate::rust::Variant]) -> Vec<Entry> {
    let mut out = Vec::new();
    for var in variants {
        let vid = ident(&var.name);
        let (name, get, target) = match &var.kind {
            VariantKind::Element {
                xml,
                value,
                many,
                boxed,
                simple_type,
            } => {
                let y = if *boxed { quote!(&**y) } else { quote!(y) };
                match value {
                    ValueKind::Simple(ty) => (
                        xml.local.clone(),
                        if *many {
                            quote!(v::texts(#y))
                        } else {
                            quote!(v::text(#y))
                        },
                        Target::Simple {
                            ty: ty.clone(),
                            xsd: simple_type.clone(),
                        },
                    ),
                    ValueKind::Complex(n) => (
                        xml.local.clone(),
                        if *many {
                            quote!(v::nodes(#y))
                        } else {
                            quote!(v::node(#y))
                        },
                        Target::Complex(n.clone()),
                    ),
                    _ => continue,
                }
            }
            VariantKind::Group { ty, boxed, .. } => {
                let y = if *boxed { quote!(&**y) } else { quote!(y) };
                (
                    String::new(),
                    quote!(v::node(#y)),
                    Target::Complex(ty.clone()),
                )
            }
            VariantKind::Any => continue,
        };
        let get = if variants.len() == 1 {
            quote!(match x { Self::#vid(y) => #get })
        } else {
            quote!(match x { Self::#vid(y) => #get, _ => v::NONE })
        };
        out.push(Entry {
            name,
            item: String::new(),
            get,
            required: false,
            at_least: 0,
            target,
            count: None,
        });
    }
    out
}

fn overlay_data(ctx: &Ctx<'_>) -> (Vec<TokenStream>, Vec<TokenStream>) {
    let rt = &ctx.rt;
    let Some(o) = ctx.overlay else {
        return (Vec::new(), Vec::new());
    };
    let rules = o
        .rule
        .iter()
        .map(|r| {
            let (id, section, code, field, text) =
                (&r.id, &r.section, &r.error_code, &r.error_field, &r.text);
            let ops = &r.operations;
            let fields = &r.fields;
            quote! {
                #rt::validate::RuleInfo {
                    id: #id,
                    operations: &[#(#ops),*],
                    section: #section,
                    error_code: #code,
                    error_field: #field,
                    fields: &[#(#fields),*],
                    text: #text,
                }
            }
        })
        .collect();
    let codes = o
        .error_code
        .iter()
        .map(|c| {
            let (code, meaning, advice) = (&c.code, &c.meaning, &c.advice);
            quote! {
                #rt::validate::ErrorCodeInfo { code: #code, meaning: #meaning, advice: #advice }
            }
        })
        .collect();
    (rules, codes)
}
