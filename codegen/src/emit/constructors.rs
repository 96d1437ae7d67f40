//! Constructors and conversions of the request-side structs, in `types.rs`.
//!
//! - `new(required...)` for every struct a request can contain below its operation's
//!   parameters (`DnAttributes`, `Subscriber`, `OrderParameter`, ...): one argument per
//!   required, non-nillable member in schema order (strings and secrets as `impl Into<_>`,
//!   structs as `impl Into<T>` so that the conversions below apply); everything optional
//!   starts empty. A required member whose value set lists a single value is set to it and
//!   is no argument. The operation parameters themselves (an input body's own members,
//!   `Request` in GasOrderService) get none: what the client fills in (the header) and the
//!   spec's fixed values are the client crate's business, which writes them by hand.
//! - `From<A> for B` between structs that the requests use for elements of the same name
//!   (`Subscriber` is `PS1Subscriber` in one operation, `OSSubscriber` in another) when
//!   nothing is lost: every member of `A` is in `B` with the same name and type, and every
//!   member of `B` that `A` lacks is optional or repeated.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use proc_macro2::TokenStream;
use quote::quote;

use super::{Ctx, ident};
use crate::rust::{Card, Kind, Member, RType, StructDef, Ty, ValueKind};

/// The request-side structs: reachable from an operation's input, with their depth below
/// the input body (0 = the body's type, 1 = a parameter's type); the shallowest depth wins.
fn request_types<'p>(ctx: &Ctx<'p>) -> BTreeMap<&'p str, usize> {
    let index: HashMap<&str, &RType> = ctx
        .plan
        .types
        .iter()
        .map(|t| (t.name.as_str(), t))
        .collect();
    let mut depth: BTreeMap<&'p str, usize> = BTreeMap::new();
    let mut queue: Vec<(&'p str, usize)> = ctx
        .plan
        .ops
        .iter()
        .filter_map(|op| op.input.as_ref())
        .map(|b| (b.rust.as_str(), 0))
        .collect();
    while let Some((name, d)) = queue.pop() {
        if depth.get(name).is_some_and(|&old| old <= d) {
            continue;
        }
        depth.insert(name, d);
        let Some(t) = index.get(name) else { continue };
        let Kind::Struct(s) = &t.kind else { continue };
        for m in &s.members {
            match m {
                Member::Element(f) => {
                    let inner = match &f.value {
                        ValueKind::Complex(n) => Some(n.as_str()),
                        ValueKind::Wrapper { item_value, .. } => match &**item_value {
                            ValueKind::Complex(n) => Some(n.as_str()),
                            _ => None,
                        },
                        _ => None,
                    };
                    if let Some(n) = inner {
                        queue.push((n, d + 1));
                    }
                }
                // A group's members are the owner's: same depth.
                Member::Group { ty, .. } => queue.push((ty.as_str(), d)),
                Member::Any { .. } => {}
            }
        }
    }
    depth
}

/// The single value of a one-value enumeration (the variant's name), if `ty` is one.
fn single_value<'p>(ctx: &Ctx<'p>, ty: &Ty) -> Option<(&'p str, &'p str, &'p str)> {
    let Ty::Named(n) = ty else { return None };
    let t = ctx.plan.find(n)?;
    match &t.kind {
        Kind::Enum(values) if values.len() == 1 => {
            let v = values.first()?;
            Some((t.name.as_str(), v.variant.as_str(), v.value.as_str()))
        }
        _ => None,
    }
}

pub(crate) fn emit(ctx: &Ctx<'_>) -> TokenStream {
    let request = request_types(ctx);
    let mut out = TokenStream::new();
    for t in &ctx.plan.types {
        let Kind::Struct(s) = &t.kind else { continue };
        if s.group || request.get(t.name.as_str()).is_none_or(|&d| d < 2) {
            continue;
        }
        out.extend(constructor(ctx, t, s));
    }
    out.extend(conversions(ctx, &request));
    out
}

fn constructor(ctx: &Ctx<'_>, t: &RType, s: &StructDef) -> Option<TokenStream> {
    let mut params = Vec::new();
    let mut inits = Vec::new();
    let mut arg_docs = Vec::new();
    let mut fixed_docs = Vec::new();
    for a in s.attrs.iter().filter(|a| a.required) {
        let name = ident(&a.name);
        let (p, init) = param(ctx, &a.ty, &name);
        params.push(p);
        inits.push(init);
        arg_docs.push(format!("`{}`: attribute `{}`", a.name, a.xml.local));
    }
    for m in &s.members {
        match m {
            Member::Element(f) if f.card == Card::One && !f.nillable => {
                let name = ident(&f.name);
                match &f.value {
                    ValueKind::Simple(ty) => {
                        if let Some((enum_name, variant, value)) = single_value(ctx, ty) {
                            let e = ident(enum_name);
                            let v = ident(variant);
                            inits.push(quote!(#name: #e::#v));
                            fixed_docs.push(format!(
                                "`{}` is `{value}`, the only value the spec allows",
                                f.xml.local
                            ));
                            continue;
                        }
                        let (p, init) = param(ctx, ty, &name);
                        params.push(p);
                        inits.push(init);
                    }
                    ValueKind::Complex(n) => {
                        let id = ident(n);
                        params.push(quote!(#name: impl Into<#id>));
                        if f.boxed {
                            inits.push(quote!(#name: Box::new(#name.into())));
                        } else {
                            inits.push(quote!(#name: #name.into()));
                        }
                    }
                    // Lists and raw XML: set the field after construction.
                    _ => continue,
                }
                arg_docs.push(format!("`{}`: `<{}>`", f.name, f.xml.local));
            }
            Member::Group {
                name,
                ty,
                card: Card::One,
                boxed,
                ..
            } => {
                let id = ident(name);
                let t = ident(ty);
                params.push(quote!(#id: #t));
                if *boxed {
                    inits.push(quote!(#id: Box::new(#id)));
                } else {
                    inits.push(quote!(#id));
                }
                arg_docs.push(format!("`{name}`: a group"));
            }
            _ => {}
        }
    }
    if let Some((n, ty, _)) = &s.text {
        let name = ident(n);
        let (p, init) = param(ctx, ty, &name);
        params.push(p);
        inits.push(init);
        arg_docs.push(format!("`{n}`: the element's text"));
    }
    if params.is_empty() {
        return None;
    }
    // Every field set already (all members required): no struct update.
    let fields = s.attrs.len()
        + s.members.len()
        + usize::from(s.text.is_some())
        + usize::from(s.any_attribute.is_some())
        + usize::from(s.mixed.is_some());
    let rest = (inits.len() < fields).then(|| quote!(..Default::default()));
    let name = ident(&t.name);
    let mut doc = format!(
        " A `{}` with its required members, in schema order ({}); every optional member starts empty.",
        t.name,
        arg_docs.join(", ")
    );
    if !fixed_docs.is_empty() {
        doc.push_str(&format!(" {}.", fixed_docs.join("; ")));
    }
    let many = (params.len() > 7).then(|| quote!(#[allow(clippy::too_many_arguments)]));
    Some(quote! {
        impl #name {
            #[doc = #doc]
            #many
            pub fn new(#(#params),*) -> Self {
                #name {
                    #(#inits,)*
                    #rest
                }
            }
        }
    })
}

/// A constructor argument for a simple value and its field initialiser.
fn param(ctx: &Ctx<'_>, ty: &Ty, name: &proc_macro2::Ident) -> (TokenStream, TokenStream) {
    let rt = &ctx.rt;
    match ty {
        Ty::Std("String") => (
            quote!(#name: impl Into<String>),
            quote!(#name: #name.into()),
        ),
        Ty::Runtime("Secret") => (
            quote!(#name: impl Into<#rt::Secret>),
            quote!(#name: #name.into()),
        ),
        _ => {
            let t = ctx.ty(ty);
            (quote!(#name: #t), quote!(#name))
        }
    }
}

/// How a member holds its value, for comparing shapes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Hold {
    /// Exactly one value (`T`).
    One,
    /// `Option<T>`.
    Optional,
    /// `Vec<T>` (or a collapsed list wrapper).
    Many,
}

/// A struct's members for comparing shapes: name → (value type, how it is held).
type Shape = BTreeMap<String, (String, Hold)>;

fn shape(ctx: &Ctx<'_>, s: &StructDef) -> Option<Shape> {
    if s.any_attribute.is_some() || s.text.is_some() || s.group || s.mixed.is_some() {
        return None;
    }
    let mut out = BTreeMap::new();
    for a in &s.attrs {
        let hold = if a.required {
            Hold::One
        } else {
            Hold::Optional
        };
        out.insert(format!("@{}", a.name), (ctx.ty(&a.ty).to_string(), hold));
    }
    for m in &s.members {
        match m {
            Member::Element(f) => {
                let ty = ctx
                    .value_ty(&f.value, f.boxed && f.card != Card::Many)
                    .to_string();
                let hold = match (f.card, &f.value) {
                    (_, ValueKind::Wrapper { .. }) | (Card::Many, _) => Hold::Many,
                    (Card::One, _) if !f.nillable => Hold::One,
                    _ => Hold::Optional,
                };
                out.insert(f.name.clone(), (ty, hold));
            }
            Member::Group { .. } | Member::Any { .. } => return None,
        }
    }
    Some(out)
}

/// The initialiser of member `k` of the target from the source, when no value is lost:
/// same type, held the same way or a required value into an optional one.
fn convert(k: &str, from: &(String, Hold), to: Option<&(String, Hold)>) -> Option<TokenStream> {
    let (to_ty, to_hold) = to?;
    if from.0 != *to_ty {
        return None;
    }
    let id = ident(k.trim_start_matches('@'));
    match (from.1, *to_hold) {
        (a, b) if a == b => Some(quote!(#id: v.#id)),
        (Hold::One, Hold::Optional) => Some(quote!(#id: Some(v.#id))),
        _ => None,
    }
}

fn conversions(ctx: &Ctx<'_>, request: &BTreeMap<&str, usize>) -> TokenStream {
    // Element name → the request-side struct types used for it.
    let mut by_element: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for t in &ctx.plan.types {
        if !request.contains_key(t.name.as_str()) {
            continue;
        }
        let Kind::Struct(s) = &t.kind else { continue };
        for m in &s.members {
            if let Member::Element(f) = m
                && let ValueKind::Complex(n) = &f.value
                && request.contains_key(n.as_str())
            {
                by_element
                    .entry(f.xml.local.as_str())
                    .or_default()
                    .insert(n.as_str());
            }
        }
    }
    let shapes: HashMap<&str, Option<Shape>> = by_element
        .values()
        .flatten()
        .map(|&n| {
            let s = match ctx.plan.find(n).map(|t| &t.kind) {
                Some(Kind::Struct(s)) => shape(ctx, s),
                _ => None,
            };
            (n, s)
        })
        .collect();
    let mut done: BTreeSet<(&str, &str)> = BTreeSet::new();
    let mut out = TokenStream::new();
    for (element, types) in &by_element {
        for &from in types {
            for &to in types {
                if from == to || !done.insert((from, to)) {
                    continue;
                }
                let (Some(Some(a)), Some(Some(b))) = (shapes.get(from), shapes.get(to)) else {
                    continue;
                };
                let fields: Option<Vec<TokenStream>> =
                    a.iter().map(|(k, v)| convert(k, v, b.get(k))).collect();
                let Some(fields) = fields else { continue };
                // What the target has beyond the source must be allowed to stay empty.
                if a.is_empty()
                    || b.iter()
                        .any(|(k, (_, hold))| !a.contains_key(k) && *hold == Hold::One)
                {
                    continue;
                }
                let extra = b.len() > a.len();
                let rest = extra.then(|| quote!(..Default::default()));
                let f = ident(from);
                let t = ident(to);
                let doc = format!(
                    " Both are `<{element}>` in a request: every member of `{from}` has its place in `{to}`{}.",
                    if extra {
                        ", whose other members start empty"
                    } else {
                        ""
                    }
                );
                out.extend(quote! {
                    impl From<#f> for #t {
                        #[doc = #doc]
                        fn from(v: #f) -> Self {
                            #t { #(#fields,)* #rest }
                        }
                    }
                });
            }
        }
    }
    out
}
