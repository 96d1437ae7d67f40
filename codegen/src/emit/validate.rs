//! `validate.rs`: `Validate` for every operation input, generated per element path so
//! the spec overlay's per-path constraints apply exactly where it says; plus the
//! overlay's rules and error codes as data.
//!
//! What is checked, per value: required elements present and non-empty (-102); length
//! within the XSD facets and the overlay's `min_length`/`max_length` (-103); XSD and
//! overlay patterns, the overlay's `format`, XSD numeric ranges (-104); enumeration and
//! value-set membership (`Other` values, -9970). Paths are `ErrorField` style: below the
//! body element, and below its single child when it has exactly one (`Request`).
//! Recursive types are checked down to their first repetition. Each complex value on a
//! path gets its own `check_*` function (flat code, one function per element path).

use std::cell::RefCell;
use std::collections::BTreeMap;

use proc_macro2::{Ident, TokenStream};
use quote::quote;

use super::{Ctx, ident};
use crate::model::TypeRef;
use crate::overlay::{Field, Format};
use crate::rust::{
    Card, ElementField, Kind, Member, StructDef, Ty, ValueKind, VariantKind, facet_chain,
};

struct Walk<'c, 'a> {
    ctx: &'c Ctx<'a>,
    /// Pattern text → static name.
    patterns: RefCell<BTreeMap<String, Ident>>,
    /// How many leading path segments to drop when reporting.
    strip: usize,
    /// Generated `check_*` functions.
    fns: RefCell<Vec<TokenStream>>,
    fn_names: RefCell<crate::rust::names::Allocator>,
    /// The overlay's field entries, indexed.
    fields: Option<crate::overlay::FieldIndex<'a>>,
}

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

pub(crate) fn emit(ctx: &Ctx<'_>) -> TokenStream {
    let rt = &ctx.rt;
    let mut impls = Vec::new();
    let mut done = std::collections::BTreeSet::new();
    let mut w = Walk {
        ctx,
        patterns: RefCell::new(BTreeMap::new()),
        strip: 1,
        fns: RefCell::new(Vec::new()),
        fn_names: RefCell::new(crate::rust::names::Allocator::new()),
        fields: ctx.overlay.map(|o| o.field_index()),
    };
    for op in &ctx.plan.ops {
        let Some(input) = &op.input else { continue };
        if !done.insert(input.rust.clone()) {
            continue;
        }
        let Some(t) = ctx.plan.find(&input.rust) else {
            continue;
        };
        w.strip = match &t.kind {
            Kind::Struct(s)
                if s.attrs.is_empty()
                    && s.members.len() == 1
                    && matches!(s.members[0], Member::Element(_)) =>
            {
                2
            }
            _ => 1,
        };
        let name = ident(&input.rust);
        let path = vec![input.xml.local.clone()];
        let body = match &t.kind {
            Kind::Struct(_) => w
                .check_fn(&input.rust, &path, &mut vec![input.rust.clone()])
                .map(|f| quote!(#f(self, &mut out);)),
            Kind::Newtype(ValueKind::Simple(ty)) => {
                w.simple(ty, None, &path, true, quote!(&self.0)).map(|c| {
                    quote! {
                        {
                            let out = &mut out;
                            #c
                        }
                    }
                })
            }
            _ => None,
        };
        let body = match body {
            Some(b) => quote! {
                let mut out = Vec::new();
                #b
                out
            },
            None => quote!(Vec::new()),
        };
        impls.push(quote! {
            impl #rt::validate::Validate for super::types::#name {
                fn validate(&self) -> Vec<#rt::validate::Violation> {
                    #body
                }
            }
        });
    }
    let fns = std::mem::take(&mut *w.fns.borrow_mut());
    let walk_patterns = w.patterns;
    let statics = walk_patterns.into_inner().into_iter().map(|(pat, id)| {
        quote! {
            static #id: ::std::sync::LazyLock<Option<#rt::regex::Regex>> =
                ::std::sync::LazyLock::new(|| #rt::regex::Regex::new(#pat).ok());
        }
    });
    let (rules, codes) = overlay_data(ctx);
    quote! {
        //! Request validation (`soap_runtime::validate::Validate` on every operation input)
        //! and the spec overlay's cross-field rules and error codes, as data.
        #(#statics)*
        #(#impls)*
        #(#fns)*

        /// Cross-field rules from the spec overlay. Not checked by generated code: the
        /// client implements them.
        pub const RULES: &[#rt::validate::RuleInfo] = &[#(#rules),*];

        /// The service's error codes (spec overlay).
        pub const ERROR_CODES: &[#rt::validate::ErrorCodeInfo] = &[#(#codes),*];
    }
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

impl Walk<'_, '_> {
    fn report(&self, path: &[String]) -> String {
        let p = if path.len() > self.strip {
            &path[self.strip..]
        } else {
            &path[path.len().saturating_sub(1)..]
        };
        p.join("/")
    }

    fn overlay_field(&self, path: &[String]) -> Option<&Field> {
        let fields = self.fields.as_ref()?;
        let segs: Vec<&str> = path.iter().map(String::as_str).collect();
        fields.field_for(&segs)
    }

    fn regex_static(&self, pattern: &str) -> Ident {
        let mut map = self.patterns.borrow_mut();
        let n = map.len();
        map.entry(pattern.to_owned())
            .or_insert_with(|| ident(&format!("PATTERN_{n}")))
            .clone()
    }

    /// Checks of one simple value `v` (an expression of type `&T`). `None`: nothing to
    /// check.
    fn simple(
        &self,
        ty: &Ty,
        xsd: Option<&TypeRef>,
        path: &[String],
        required: bool,
        v: TokenStream,
    ) -> Option<TokenStream> {
        let rt = &self.ctx.rt;
        let report = self.report(path);
        let overlay = self.overlay_field(path);
        let mut checks: Vec<TokenStream> = Vec::new();
        // Whether a check reads the text `t` (the enum check reads `v` only).
        let mut uses_t = false;
        let (base, facets) = match xsd {
            Some(t) => facet_chain(self.ctx.model, t),
            None => (None, Vec::new()),
        };
        let is_list = matches!(ty, Ty::List(_));
        // Lengths.
        let mut min: Option<u64> = overlay.and_then(|f| f.min_length);
        let mut max: Option<u64> = overlay.and_then(|f| f.max_length);
        if !is_list {
            for f in &facets {
                let lo = f.length.or(f.min_length);
                let hi = f.length.or(f.max_length);
                if let Some(lo) = lo {
                    min = Some(min.map_or(lo, |m| m.max(lo)));
                }
                if let Some(hi) = hi {
                    max = Some(max.map_or(hi, |m| m.min(hi)));
                }
            }
        }
        if min.is_some() || max.is_some() {
            let lo = opt_usize(min);
            let hi = opt_usize(max);
            checks.push(quote!(#rt::validate::check_length(out, #report, &t, #lo, #hi);));
            uses_t = true;
        }
        // Patterns: each restriction level's patterns are alternatives; levels all apply.
        let mut patterns: Vec<String> = Vec::new();
        if let Some(p) = overlay.and_then(|f| f.pattern.clone())
            && regex::Regex::new(&p).is_ok()
        {
            patterns.push(p);
        }
        if !is_list {
            for f in &facets {
                if let Some(p) = xsd_pattern(&f.patterns) {
                    patterns.push(p);
                }
            }
        }
        for p in patterns {
            let id = self.regex_static(&p);
            checks.push(quote! {
                #rt::validate::check_pattern_opt(out, #report, &t, #id.as_ref());
            });
            uses_t = true;
        }
        // Formats.
        if let Some(fmt) = overlay.and_then(|f| f.format.clone()) {
            let f = match fmt {
                Format::DateTime => quote!(DateTime),
                Format::Date => quote!(Date),
                Format::Int => quote!(Int),
                Format::Boolean => quote!(Boolean),
                Format::Email => quote!(Email),
                Format::Country => quote!(Country),
            };
            checks.push(quote! {
                #rt::validate::check_format(out, #report, &t, #rt::validate::Format::#f);
            });
            uses_t = true;
        }
        // Allowed values.
        let enum_name = match ty {
            Ty::Named(n) => match self.ctx.plan.find(n).map(|t| &t.kind) {
                Some(Kind::Enum(values)) => Some((n.clone(), values.clone())),
                _ => None,
            },
            _ => None,
        };
        if let Some((n, values)) = enum_name {
            let id = ident(&n);
            let msg = allowed_message(values.iter().map(|v| v.value.as_str()));
            checks.push(quote! {
                #rt::validate::check_allowed(
                    out,
                    #report,
                    !matches!(#v, super::types::#id::Other(_)),
                    #msg,
                );
            });
        } else if let Some(set) = overlay
            .and_then(|f| f.values.as_ref())
            .and_then(|s| self.ctx.overlay.and_then(|o| o.value_set(s)))
        {
            let vals: Vec<&str> = set.values.iter().map(|v| v.value.as_str()).collect();
            let msg = allowed_message(vals.iter().copied());
            checks.push(quote! {
                #rt::validate::check_allowed(out, #report, [#(#vals),*].contains(&t.as_ref()), #msg);
            });
            uses_t = true;
        }
        // Numeric ranges (one call per restriction level).
        if base.is_some_and(crate::rust::builtins::is_numeric) && !is_list {
            for f in &facets {
                let bound = |incl: &Option<String>, excl: &Option<String>| -> TokenStream {
                    let parse =
                        |b: &Option<String>| b.as_ref().and_then(|b| b.trim().parse::<f64>().ok());
                    match (parse(incl), parse(excl)) {
                        (Some(n), _) => quote!(Some((#n, true))),
                        (None, Some(n)) => quote!(Some((#n, false))),
                        (None, None) => quote!(None),
                    }
                };
                let min = bound(&f.min_inclusive, &f.min_exclusive);
                let max = bound(&f.max_inclusive, &f.max_exclusive);
                if min.to_string() == "None" && max.to_string() == "None" {
                    continue;
                }
                checks.push(quote! {
                    #rt::validate::check_range(out, #report, &t, #min, #max);
                });
                uses_t = true;
            }
            // totalDigits / fractionDigits (one call per restriction level that has them).
            for f in &facets {
                if f.total_digits.is_none() && f.fraction_digits.is_none() {
                    continue;
                }
                let opt = |d: Option<u32>| match d {
                    Some(n) => quote!(Some(#n)),
                    None => quote!(None),
                };
                let (total, fraction) = (opt(f.total_digits), opt(f.fraction_digits));
                checks.push(quote! {
                    #rt::validate::check_digits(out, #report, &t, #total, #fraction);
                });
                uses_t = true;
            }
        }
        if checks.is_empty() && !required {
            return None;
        }
        Some(if required {
            if checks.is_empty() {
                quote!(#rt::validate::check_required(out, #report, #v);)
            } else if uses_t {
                quote! {
                    if let Some(t) = #rt::validate::check_required(out, #report, #v) {
                        #(#checks)*
                    }
                }
            } else {
                quote! {
                    if #rt::validate::check_required(out, #report, #v).is_some() {
                        #(#checks)*
                    }
                }
            }
        } else if uses_t {
            quote! {
                let t = #rt::SimpleValue::to_text(#v);
                #(#checks)*
            }
        } else {
            quote!(#(#checks)*)
        })
    }

    /// The `check_*` function for the complex value `name` at `path` (made here), or
    /// `None` when nothing in it needs checking.
    fn check_fn(&self, name: &str, path: &[String], stack: &mut Vec<String>) -> Option<Ident> {
        let rt = &self.ctx.rt;
        let x = ident("x");
        let body: Vec<TokenStream> = match self.ctx.plan.find(name).map(|t| &t.kind) {
            Some(Kind::Struct(s)) => self.walk_struct(s, &x, path, stack),
            Some(Kind::Choice(variants)) => self.walk_choice(name, variants, &x, path, stack),
            _ => Vec::new(),
        };
        if body.is_empty() {
            return None;
        }
        let fname = self.fn_names.borrow_mut().alloc(&format!(
            "check_{}",
            crate::rust::names::snake(&path.join("_"))
        ));
        let f = ident(&fname);
        let ty = ident(name);
        let doc = super::doc_literal(&format!(" Checks `{}`.", path.join("/")));
        self.fns.borrow_mut().push(quote! {
            #[doc = #doc]
            fn #f(x: &super::types::#ty, out: &mut Vec<#rt::validate::Violation>) {
                #(#body)*
            }
        });
        Some(f)
    }

    /// A call to the check function of a complex value (`expr` is a reference).
    fn descend(
        &self,
        name: &str,
        path: &[String],
        stack: &mut Vec<String>,
        expr: TokenStream,
    ) -> Option<TokenStream> {
        if stack.iter().any(|s| s == name) {
            return None;
        }
        stack.push(name.to_owned());
        let f = self.check_fn(name, path, stack);
        stack.pop();
        f.map(|f| quote!(#f(#expr, out);))
    }

    fn walk_struct(
        &self,
        s: &StructDef,
        x: &Ident,
        path: &[String],
        stack: &mut Vec<String>,
    ) -> Vec<TokenStream> {
        let mut out = Vec::new();
        for a in &s.attrs {
            let field = ident(&a.name);
            let mut p = path.to_vec();
            p.push(format!("@{}", a.xml.local));
            if let Some(c) = self.simple(&a.ty, Some(&a.simple_type), &p, false, quote!(v)) {
                out.push(if a.required {
                    quote!({ let v = &#x.#field; #c })
                } else {
                    quote!(if let Some(v) = &#x.#field { #c })
                });
            }
        }
        if let Some((n, ty, t)) = &s.text {
            let field = ident(n);
            if let Some(c) = self.simple(ty, Some(t), path, false, quote!(v)) {
                out.push(quote!({ let v = &#x.#field; #c }));
            }
        }
        for m in &s.members {
            match m {
                Member::Element(f) => out.extend(self.element(f, x, path, stack)),
                Member::Group { name, ty, card, .. } => {
                    let field = ident(name);
                    let y = ident("y");
                    if *card == Card::One {
                        if let Some(call) = self.descend(ty, path, stack, quote!(&#x.#field)) {
                            out.push(call);
                        }
                    } else if let Some(call) = self.descend(ty, path, stack, quote!(#y)) {
                        out.push(wrap_element(*card, false, &y, quote!(#x.#field), call));
                    }
                }
                Member::Any { .. } => {}
            }
        }
        out
    }

    fn walk_choice(
        &self,
        name: &str,
        variants: &[crate::rust::Variant],
        x: &Ident,
        path: &[String],
        stack: &mut Vec<String>,
    ) -> Vec<TokenStream> {
        let enum_id = ident(name);
        let mut arms: Vec<(TokenStream, TokenStream)> = Vec::new();
        for v in variants {
            let vid = ident(&v.name);
            let body = match &v.kind {
                VariantKind::Element {
                    xml,
                    value,
                    many,
                    simple_type,
                    ..
                } => {
                    let mut p = path.to_vec();
                    p.push(xml.local.clone());
                    let inner = match value {
                        ValueKind::Simple(ty) => {
                            self.simple(ty, simple_type.as_ref(), &p, false, quote!(v))
                        }
                        ValueKind::Complex(n) => self.descend(n, &p, stack, quote!(v)),
                        _ => None,
                    };
                    inner.map(|i| if *many { quote!(for v in v { #i }) } else { i })
                }
                VariantKind::Group { ty, .. } => self.descend(ty, path, stack, quote!(v)),
                VariantKind::Any => None,
            };
            if let Some(b) = body {
                arms.push((quote!(super::types::#enum_id::#vid(v)), b));
            }
        }
        if arms.is_empty() {
            return Vec::new();
        }
        if arms.len() == 1 && variants.len() > 1 {
            // One variant to check: an `if let` (this is a whole function body, so it
            // never nests in another `if let`).
            let arm = arms.remove(0);
            return vec![arm_to_if_let(arm, x)];
        }
        let rest = if arms.len() < variants.len() {
            quote!(_ => {})
        } else {
            quote!()
        };
        let arms = arms.iter().map(|(p, b)| quote!(#p => { #b }));
        vec![quote! {
            match #x {
                #(#arms)*
                #rest
            }
        }]
    }

    fn element(
        &self,
        f: &ElementField,
        x: &Ident,
        path: &[String],
        stack: &mut Vec<String>,
    ) -> Vec<TokenStream> {
        let rt = &self.ctx.rt;
        let field = ident(&f.name);
        let mut p = path.to_vec();
        p.push(f.xml.local.clone());
        let mut out = Vec::new();
        if f.card == Card::Many && f.min_occurs > 0 {
            let min = f.min_occurs as usize;
            let report = self.report(&p);
            let msg = format!("at least {min} required");
            let short = if min == 1 {
                quote!(#x.#field.is_empty())
            } else {
                quote!(#x.#field.len() < #min)
            };
            out.push(quote! {
                if #short {
                    out.push(#rt::validate::Violation::new(#report, #rt::validate::ViolationKind::Missing, #msg));
                }
            });
        }
        let y = ident("v");
        match &f.value {
            ValueKind::Simple(ty) => {
                let required = f.card == Card::One && !f.nillable && f.min_occurs > 0;
                if required {
                    // `check_required` binds what it needs: no block around it.
                    if let Some(c) =
                        self.simple(ty, f.simple_type.as_ref(), &p, true, quote!(&#x.#field))
                    {
                        out.push(c);
                    }
                } else if let Some(c) =
                    self.simple(ty, f.simple_type.as_ref(), &p, false, quote!(#y))
                {
                    out.push(wrap_element(f.card, f.nillable, &y, quote!(#x.#field), c));
                }
            }
            ValueKind::Complex(n) => {
                if let Some(call) = self.descend(n, &p, stack, quote!(#y)) {
                    out.push(wrap_element(
                        f.card,
                        f.nillable,
                        &y,
                        quote!(#x.#field),
                        call,
                    ));
                }
            }
            ValueKind::Wrapper {
                item, item_value, ..
            } => {
                let mut ip = p.clone();
                ip.push(item.local.clone());
                let inner = match &**item_value {
                    ValueKind::Simple(ty) => {
                        self.simple(ty, f.item_simple_type.as_ref(), &ip, false, quote!(#y))
                    }
                    ValueKind::Complex(n) => self.descend(n, &ip, stack, quote!(#y)),
                    _ => None,
                };
                if let Some(inner) = inner {
                    out.push(quote!(for #y in &#x.#field { #inner }));
                }
            }
            ValueKind::AnyElement => {}
        }
        out
    }
}

fn arm_to_if_let((pattern, body): (TokenStream, TokenStream), x: &Ident) -> TokenStream {
    quote!(if let #pattern = #x { #body })
}

fn wrap_element(
    card: Card,
    nillable: bool,
    y: &Ident,
    expr: TokenStream,
    inner: TokenStream,
) -> TokenStream {
    match card {
        Card::One if !nillable => quote!({ let #y = &#expr; #inner }),
        Card::One | Card::Optional => quote!(if let Some(#y) = &#expr { #inner }),
        Card::Many => quote!(for #y in &#expr { #inner }),
    }
}

fn opt_usize(v: Option<u64>) -> TokenStream {
    match v {
        Some(n) => {
            let n = n as usize;
            quote!(Some(#n))
        }
        None => quote!(None),
    }
}

fn allowed_message<'a>(values: impl Iterator<Item = &'a str>) -> String {
    let all: Vec<&str> = values.collect();
    let shown: Vec<&str> = all.iter().take(12).copied().collect();
    let more = if all.len() > shown.len() { ", ..." } else { "" };
    format!(
        "is not one of the allowed values ({}{more})",
        shown.join(", ")
    )
}
