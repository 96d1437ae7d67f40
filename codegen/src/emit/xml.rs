//! `xml.rs`: readers and writers, as trait impls on the types.
//!
//! Writers are strict (schema order, exact namespaces, `xsi:nil` for a required nillable
//! `None`); readers are lenient (see `soap_runtime::XmlReader`): children are matched by
//! local name in any order, unknown ones skipped (or kept for `xs:any`).

use std::collections::BTreeSet;

use proc_macro2::TokenStream;
use quote::quote;

use super::{Ctx, ident, ns_tokens};
use crate::rust::{
    Body, Card, ElementField, Kind, Member, RType, StructDef, ValueKind, Variant, VariantKind,
    XmlName,
};

pub(crate) fn emit(ctx: &Ctx<'_>) -> TokenStream {
    let mut items = Vec::new();
    for t in &ctx.plan.types {
        items.push(emit_type(ctx, t));
    }
    let mut seen = BTreeSet::new();
    for op in &ctx.plan.ops {
        for b in [&op.input, &op.output].into_iter().flatten() {
            if seen.insert(b.rust.clone()) {
                items.push(body_impl(ctx, b));
            }
        }
    }
    let uses = if ctx.plan.types.is_empty() {
        quote!()
    } else {
        quote!(
            use super::types::*;
        )
    };
    quote! {
        //! XML readers and writers of the types (trait impls only).
        #uses
        #(#items)*
    }
}

fn emit_type(ctx: &Ctx<'_>, t: &RType) -> TokenStream {
    let rt = &ctx.rt;
    let name = ident(&t.name);
    match &t.kind {
        Kind::Struct(s) if s.group => group_struct(ctx, &name, s),
        Kind::Struct(s) => complex_struct(ctx, &name, s),
        Kind::Choice(vs) => choice(ctx, &name, vs),
        Kind::Enum(values) => {
            let arms = values.iter().map(|v| {
                let id = ident(&v.variant);
                let s = &v.value;
                quote!(#s => Self::#id,)
            });
            quote! {
                impl #rt::SimpleValue for #name {
                    fn parse_text(
                        text: ::std::borrow::Cow<'_, str>,
                    ) -> Result<Self, (#rt::ValueError, ::std::borrow::Cow<'_, str>)> {
                        Ok(match text.trim() {
                            #(#arms)*
                            _ => Self::Other(text.into_owned()),
                        })
                    }
                    fn to_text(&self) -> ::std::borrow::Cow<'_, str> {
                        ::std::borrow::Cow::Borrowed(self.as_str())
                    }
                }
            }
        }
        Kind::Alias(_) | Kind::Newtype(_) => quote!(),
    }
}

// ------------------------------------------------------------------------ writing

/// Writes one value `v` (a reference) as element `xml`.
fn write_value(ctx: &Ctx<'_>, value: &ValueKind, xml: &XmlName, v: TokenStream) -> TokenStream {
    let rt = &ctx.rt;
    let ns = ns_tokens(&xml.ns);
    let local = &xml.local;
    match value {
        ValueKind::Simple(_) => quote!(#rt::write_simple(w, #ns, #local, #v)?;),
        ValueKind::Complex(_) => quote!(#rt::write_complex(w, #ns, #local, #v)?;),
        ValueKind::AnyElement => quote!(w.raw(#rt::RawXml::as_str(#v));),
        ValueKind::Wrapper {
            item, item_value, ..
        } => {
            let inner = write_value(ctx, item_value, item, quote!(item));
            quote! {
                w.start(#ns, #local);
                for item in #v {
                    #inner
                }
                w.end()?;
            }
        }
    }
}

fn write_element_field(ctx: &Ctx<'_>, f: &ElementField) -> TokenStream {
    let field = ident(&f.name);
    let ns = ns_tokens(&f.xml.ns);
    let local = &f.xml.local;
    if let ValueKind::Wrapper { .. } = &f.value {
        let w = write_value(ctx, &f.value, &f.xml, quote!(&self.#field));
        return if f.card == Card::One && f.min_occurs > 0 {
            w
        } else {
            quote! {
                if !self.#field.is_empty() {
                    #w
                }
            }
        };
    }
    match f.card {
        Card::One if f.nillable => {
            let some = write_value(ctx, &f.value, &f.xml, quote!(v));
            quote! {
                match &self.#field {
                    Some(v) => { #some }
                    None => w.nil_element(#ns, #local)?,
                }
            }
        }
        Card::One => write_value(ctx, &f.value, &f.xml, quote!(&self.#field)),
        Card::Optional => {
            let some = write_value(ctx, &f.value, &f.xml, quote!(v));
            quote! {
                if let Some(v) = &self.#field {
                    #some
                }
            }
        }
        Card::Many => {
            let one = write_value(ctx, &f.value, &f.xml, quote!(v));
            quote! {
                for v in &self.#field {
                    #one
                }
            }
        }
    }
}

fn write_members(ctx: &Ctx<'_>, s: &StructDef) -> Vec<TokenStream> {
    let rt = &ctx.rt;
    let mut out = Vec::new();
    for m in &s.members {
        out.push(match m {
            Member::Element(f) => write_element_field(ctx, f),
            Member::Group { name, card, .. } => {
                let field = ident(name);
                match card {
                    Card::One => quote!(#rt::GroupValue::write_group(&self.#field, w)?;),
                    Card::Optional => quote! {
                        if let Some(v) = &self.#field {
                            #rt::GroupValue::write_group(v, w)?;
                        }
                    },
                    Card::Many => quote! {
                        for v in &self.#field {
                            #rt::GroupValue::write_group(v, w)?;
                        }
                    },
                }
            }
            Member::Any { name, card } => {
                let field = ident(name);
                match card {
                    Card::One => quote!(w.raw(self.#field.as_str());),
                    Card::Optional => quote! {
                        if let Some(v) = &self.#field {
                            w.raw(v.as_str());
                        }
                    },
                    Card::Many => quote! {
                        for v in &self.#field {
                            w.raw(v.as_str());
                        }
                    },
                }
            }
        });
    }
    out
}

fn write_attrs(ctx: &Ctx<'_>, s: &StructDef) -> Vec<TokenStream> {
    let rt = &ctx.rt;
    let mut out = Vec::new();
    for a in &s.attrs {
        let field = ident(&a.name);
        let ns = ns_tokens(&a.xml.ns);
        let local = &a.xml.local;
        out.push(if a.required {
            quote!(w.attribute(#ns, #local, &#rt::SimpleValue::to_text(&self.#field))?;)
        } else {
            quote! {
                if let Some(v) = &self.#field {
                    w.attribute(#ns, #local, &#rt::SimpleValue::to_text(v))?;
                }
            }
        });
    }
    if let Some(n) = &s.any_attribute {
        let field = ident(n);
        out.push(quote! {
            for a in &self.#field {
                w.attribute(a.namespace.as_deref(), &a.name, &a.value)?;
            }
        });
    }
    out
}

// ------------------------------------------------------------------------ reading

/// Local state for one struct being read.
struct ReadPlan {
    decls: Vec<TokenStream>,
    arms: Vec<TokenStream>,
    /// Field initialisers of the final struct literal.
    inits: Vec<TokenStream>,
    /// The `_ =>` arm body (raw capture for `xs:any`, else skip).
    fallback: Option<TokenStream>,
}

/// An expression reading element `child`: `Result<Option<T>, DecodeError>` (`None`:
/// nil, or empty and absent). Callers add the `?`. List items are read with an explicit
/// type (`Vec::extend` cannot infer it for `Copy` items).
fn read_one_result(
    ctx: &Ctx<'_>,
    value: &ValueKind,
    secret: bool,
    child: TokenStream,
) -> TokenStream {
    match value {
        ValueKind::Simple(_) if secret => quote!(r.read_secret_value(#child)),
        ValueKind::Simple(_) => quote!(r.read_value(#child)),
        ValueKind::Complex(_) => quote!(r.read_complex(#child)),
        ValueKind::AnyElement => quote!(r.read_raw(#child).map(Some)),
        ValueKind::Wrapper {
            item, item_value, ..
        } => {
            let local = &item.local;
            let t = ctx.value_ty(item_value, false);
            let inner = match &**item_value {
                ValueKind::Simple(_) => quote!(r.read_value::<#t>(item)),
                ValueKind::Complex(_) => quote!(r.read_complex::<#t>(item)),
                _ => read_one_result(ctx, item_value, false, quote!(item)),
            };
            quote!(r.read_list(#child, #local, |r, item| #inner).map(Some))
        }
    }
}

/// As [`read_one_result`], with the `?`: an `Option<T>`.
fn read_one(ctx: &Ctx<'_>, value: &ValueKind, secret: bool, child: TokenStream) -> TokenStream {
    let r = read_one_result(ctx, value, secret, child);
    quote!(#r?)
}

fn plan_reads(ctx: &Ctx<'_>, s: &StructDef, in_group: bool) -> ReadPlan {
    let rt = &ctx.rt;
    let mut p = ReadPlan {
        decls: Vec::new(),
        arms: Vec::new(),
        inits: Vec::new(),
        fallback: None,
    };
    // Local names used by element members in more than one namespace are matched
    // with a namespace guard (the same local name in two namespaces).
    let mut namespaces: std::collections::BTreeMap<&str, BTreeSet<&Option<String>>> =
        Default::default();
    for m in &s.members {
        if let Member::Element(f) = m {
            namespaces
                .entry(&f.xml.local)
                .or_default()
                .insert(&f.xml.ns);
        }
    }
    let key_of = |f: &ElementField| {
        let local = &f.xml.local;
        if namespaces.get(local.as_str()).is_some_and(|n| n.len() > 1) {
            format!("{{{}}}{local}", f.xml.ns.clone().unwrap_or_default())
        } else {
            local.clone()
        }
    };
    let var_of = |f: &ElementField| ident(&format!("f_{}", f.name.trim_end_matches('_')));
    let mut matched: BTreeSet<String> = BTreeSet::new();
    for (index, m) in s.members.iter().enumerate() {
        match m {
            Member::Element(f) => {
                let var = var_of(f);
                let field = ident(&f.name);
                let local = &f.xml.local;
                let ns_guarded = namespaces.get(local.as_str()).is_some_and(|n| n.len() > 1);
                let key = key_of(f);
                let fresh = matched.insert(key.clone());
                let is_wrapper = matches!(f.value, ValueKind::Wrapper { .. });
                let single = in_group && f.card != Card::Many && !is_wrapper;
                if !fresh {
                    // A later element of the same name: outside groups, the first
                    // member's arm hands it the next occurrence if it holds one value.
                    let chained = !in_group && !is_wrapper && f.card != Card::Many;
                    p.decls.push(match (is_wrapper, f.card) {
                        (true, _) | (_, Card::Many) => quote!(let #var = Vec::new();),
                        _ if chained => quote!(let mut #var = None;),
                        _ => quote!(let #var = None;),
                    });
                    if chained {
                        let seen = ident(&format!("seen_{}", f.name.trim_end_matches('_')));
                        p.decls.push(quote!(let mut #seen = false;));
                    }
                    p.inits.push(match (is_wrapper, f.card, f.nillable) {
                        (false, Card::One, false) => quote! {
                            #field: match #var {
                                Some(v) => v,
                                None => r.missing(#local)?,
                            },
                        },
                        _ => quote!(#field: #var,),
                    });
                    continue;
                }
                let read = read_one(ctx, &f.value, f.secret, quote!(&child));
                let boxed_map = if f.boxed && f.card != Card::Many {
                    quote!(.map(Box::new))
                } else {
                    quote!()
                };
                let seen = ident(&format!("seen_{}", f.name.trim_end_matches('_')));
                let ns_test = if ns_guarded {
                    let ns = super::ns_tokens(&f.xml.ns);
                    Some(quote!(r.namespace_of(&child) == #ns))
                } else {
                    None
                };
                let guard = match (single, &ns_test) {
                    (true, Some(t)) => quote!(if !#seen && #t),
                    (true, None) => quote!(if !#seen),
                    (false, Some(t)) => quote!(if #t),
                    (false, None) => quote!(),
                };
                let mark = if single {
                    quote!(#seen = true;)
                } else {
                    quote!()
                };
                if single {
                    p.decls.push(quote!(let mut #seen = false;));
                }
                if let ValueKind::Wrapper {
                    item, item_value, ..
                } = &f.value
                {
                    let item_local = &item.local;
                    let t = ctx.value_ty(item_value, false);
                    let inner = match &**item_value {
                        ValueKind::Simple(_) => quote!(r.read_value::<#t>(item)),
                        ValueKind::Complex(_) => quote!(r.read_complex::<#t>(item)),
                        _ => read_one_result(ctx, item_value, false, quote!(item)),
                    };
                    p.decls.push(quote!(let mut #var = Vec::new();));
                    p.arms.push(quote! {
                        #local #guard => {
                            r.read_list_into(&child, #item_local, &mut #var, |r, item| #inner)?;
                        }
                    });
                    p.inits.push(quote!(#field: #var,));
                    continue;
                }
                match f.card {
                    Card::Many => {
                        p.decls.push(quote!(let mut #var = Vec::new();));
                        p.arms.push(quote! {
                            #local #guard => {
                                if let Some(v) = #read {
                                    #var.push(v);
                                }
                            }
                        });
                        p.inits.push(quote!(#field: #var,));
                    }
                    _ => {
                        p.decls.push(quote!(let mut #var = None;));
                        // At most one: a second occurrence is an error, not last-wins
                        // (in a group, `seen` already sends it on to the next member).
                        // `seen` rather than `is_some()`: an empty or nil first occurrence
                        // leaves the value `None`, and must not let a second one in.
                        if !single {
                            p.decls.push(quote!(let mut #seen = false;));
                        }
                        // Later members of the same name that hold one value each.
                        let later: Vec<&ElementField> = s.members[index + 1..]
                            .iter()
                            .filter_map(|m| match m {
                                Member::Element(g)
                                    if key_of(g) == key
                                        && g.card != Card::Many
                                        && !matches!(g.value, ValueKind::Wrapper { .. }) =>
                                {
                                    Some(g)
                                }
                                _ => None,
                            })
                            .collect();
                        if single {
                            p.arms.push(quote! {
                                #local #guard => {
                                    #mark
                                    #var = #read #boxed_map;
                                }
                            });
                        } else if later.is_empty() {
                            p.arms.push(quote! {
                                #local #guard => {
                                    if #seen {
                                        return Err(r.repeated(&child));
                                    }
                                    #seen = true;
                                    #var = #read #boxed_map;
                                }
                            });
                        } else {
                            // Each occurrence fills the next member of this name.
                            let mut chain = quote!({
                                return Err(r.repeated(&child));
                            });
                            for g in later.iter().rev() {
                                let v = var_of(g);
                                let seen_g =
                                    ident(&format!("seen_{}", g.name.trim_end_matches('_')));
                                let read_g = read_one(ctx, &g.value, g.secret, quote!(&child));
                                let boxed_g = if g.boxed {
                                    quote!(.map(Box::new))
                                } else {
                                    quote!()
                                };
                                chain = quote! {
                                    if !#seen_g {
                                        #seen_g = true;
                                        #v = #read_g #boxed_g;
                                    } else #chain
                                };
                            }
                            p.arms.push(quote! {
                                #local #guard => {
                                    if !#seen {
                                        #seen = true;
                                        #var = #read #boxed_map;
                                    } else #chain
                                }
                            });
                        }
                        let init = if f.card == Card::One && !f.nillable {
                            quote! {
                                #field: match #var {
                                    Some(v) => v,
                                    None => r.missing(#local)?,
                                },
                            }
                        } else {
                            quote!(#field: #var,)
                        };
                        p.inits.push(init);
                    }
                }
            }
            Member::Group {
                name,
                ty,
                card,
                names,
                boxed,
                ..
            } => {
                let var = ident(&format!("g_{}", name.trim_end_matches('_')));
                let field = ident(name);
                let t = ident(ty);
                let fresh: Vec<&String> = names
                    .iter()
                    .filter(|n| matched.insert((*n).clone()))
                    .collect();
                let seen = ident(&format!("seen_{}", name.trim_end_matches('_')));
                let grouped = in_group && *card != Card::Many && !fresh.is_empty();
                if grouped {
                    p.decls.push(quote!(let mut #seen = false;));
                }
                let guard = if grouped { quote!(if !#seen) } else { quote!() };
                let mark = if grouped {
                    quote!(#seen = true;)
                } else {
                    quote!()
                };
                let none = if in_group {
                    quote!(break)
                } else {
                    quote! {
                        if let Some(c) = r.next_child()? {
                            r.skip(&c)?;
                        }
                    }
                };
                let store = match card {
                    Card::Many => quote!(#var.push(v)),
                    _ if *boxed => quote!(#var = Some(Box::new(v))),
                    _ => quote!(#var = Some(v)),
                };
                p.decls.push(match (card, fresh.is_empty()) {
                    (Card::Many, false) => quote!(let mut #var = Vec::new();),
                    (Card::Many, true) => quote!(let #var = Vec::new();),
                    (_, false) => quote!(let mut #var = None;),
                    (_, true) => quote!(let #var = None;),
                });
                if !fresh.is_empty() {
                    let pats = fresh.iter().map(|n| quote!(#n));
                    p.arms.push(quote! {
                        #(#pats)|* #guard => {
                            #mark
                            r.push_back(child);
                            match <#t as #rt::GroupValue>::read_group(r)? {
                                Some(v) => #store,
                                None => { #none }
                            }
                        }
                    });
                }
                let first = names.first().cloned().unwrap_or_default();
                p.inits.push(match card {
                    Card::One => quote! {
                        #field: match #var {
                            Some(v) => v,
                            None => r.missing(#first)?,
                        },
                    },
                    _ => quote!(#field: #var,),
                });
            }
            Member::Any { name, card } => {
                let var = ident(&format!("a_{}", name.trim_end_matches('_')));
                let field = ident(name);
                p.decls.push(match card {
                    Card::Many => quote!(let mut #var = Vec::new();),
                    _ => quote!(let mut #var = None;),
                });
                if p.fallback.is_none() {
                    p.fallback = Some(match card {
                        Card::Many => quote!(#var.push(r.read_raw(&child)?)),
                        _ => quote!(#var = Some(r.read_raw(&child)?)),
                    });
                }
                p.inits.push(match card {
                    Card::One => quote!(#field: #var.unwrap_or_default(),),
                    _ => quote!(#field: #var,),
                });
            }
        }
    }
    p
}

/// Attribute reading: declarations, the `for_each_attribute` call, initialisers.
fn plan_attrs(ctx: &Ctx<'_>, s: &StructDef) -> (Vec<TokenStream>, TokenStream, Vec<TokenStream>) {
    let rt = &ctx.rt;
    if s.attrs.is_empty() && s.any_attribute.is_none() {
        return (Vec::new(), quote!(), Vec::new());
    }
    let mut decls = Vec::new();
    let mut arms: Vec<(String, TokenStream)> = Vec::new();
    let mut inits = Vec::new();
    let mut matched = BTreeSet::new();
    for a in &s.attrs {
        let var = ident(&format!("at_{}", a.name.trim_end_matches('_')));
        let field = ident(&a.name);
        let local = &a.xml.local;
        decls.push(quote!(let mut #var = None;));
        if matched.insert(local.clone()) {
            arms.push((
                local.clone(),
                quote!(#var = Some(#rt::XmlReader::parse_attribute(value)?);),
            ));
        }
        let at = format!("@{local}");
        inits.push(if a.required {
            quote! {
                #field: match #var {
                    Some(v) => v,
                    None => r.missing(#at)?,
                },
            }
        } else {
            quote!(#field: #var,)
        });
    }
    let (ns_pat, fallback) = match &s.any_attribute {
        Some(n) => {
            let var = ident(&format!("at_{}", n.trim_end_matches('_')));
            let field = ident(n);
            decls.push(quote!(let mut #var = Vec::new();));
            inits.push(quote!(#field: #var,));
            (
                quote!(ns),
                Some(quote! {
                    #var.push(#rt::RawAttribute {
                        namespace: ns.map(str::to_owned),
                        name: local.to_owned(),
                        value: value.into_owned(),
                    });
                }),
            )
        }
        None => (quote!(_ns), None),
    };
    // An `if` chain (a `match` with one arm and `_ => {}` is a clippy warning).
    let mut chain = match fallback {
        Some(f) => quote!({ #f }),
        None => quote!(),
    };
    for (local, body) in arms.into_iter().rev() {
        chain = if chain.is_empty() {
            quote!(if local == #local { #body })
        } else {
            quote!(if local == #local { #body } else #chain)
        };
    }
    let call = quote! {
        r.for_each_attribute(start, |#ns_pat, local, value| {
            #chain
            Ok(())
        })?;
    };
    (decls, call, inits)
}

fn complex_struct(ctx: &Ctx<'_>, name: &proc_macro2::Ident, s: &StructDef) -> TokenStream {
    let rt = &ctx.rt;
    let attrs_w = write_attrs(ctx, s);
    let members_w = write_members(ctx, s);
    let uses_w = !attrs_w.is_empty() || !members_w.is_empty() || s.text.is_some();
    let (attrs_w, members_w) = (quote!(#(#attrs_w)*), quote!(#(#members_w)*));
    let text_w = s.text.as_ref().map(|(n, _, _)| {
        let f = ident(n);
        quote!(#rt::SimpleValue::write_text(&self.#f, w)?;)
    });
    let (attr_decls, attr_call, attr_inits) = plan_attrs(ctx, s);
    let (attr_decls, attr_inits) = (quote!(#(#attr_decls)*), quote!(#(#attr_inits)*));
    let body_read = if let Some((n, _, _)) = &s.text {
        let f = ident(n);
        quote! {
            let text = r.read_value(start)?;
            Ok(Self {
                #attr_inits
                #f: text.unwrap_or_default(),
            })
        }
    } else if s.members.is_empty() {
        quote! {
            r.skip(start)?;
            Ok(Self {
                #attr_inits
            })
        }
    } else {
        let p = plan_reads(ctx, s, false);
        let ReadPlan {
            decls,
            arms,
            inits,
            fallback,
        } = p;
        let (decls, inits) = (quote!(#(#decls)*), quote!(#(#inits)*));
        let fallback = fallback.unwrap_or_else(|| quote!(r.skip(&child)?));
        let dispatch = by_name(arms, quote!(#fallback;));
        quote! {
            #decls
            if !start.is_empty() {
                while let Some(child) = r.next_child()? {
                    #dispatch
                }
            }
            Ok(Self {
                #attr_inits
                #inits
            })
        }
    };
    let w_param = if uses_w { quote!(w) } else { quote!(_w) };
    quote! {
        impl #rt::ComplexValue for #name {
            fn write_content(&self, #w_param: &mut #rt::XmlWriter) -> Result<(), #rt::EncodeError> {
                #attrs_w
                #text_w
                #members_w
                Ok(())
            }

            fn read_content<'a>(
                r: &mut #rt::XmlReader<'a>,
                start: &#rt::StartTag<'a>,
            ) -> Result<Self, #rt::DecodeError> {
                #attr_decls
                #attr_call
                #body_read
            }
        }
    }
}

fn group_struct(ctx: &Ctx<'_>, name: &proc_macro2::Ident, s: &StructDef) -> TokenStream {
    let rt = &ctx.rt;
    let members_w = write_members(ctx, s);
    let uses_w = !members_w.is_empty();
    let members_w = quote!(#(#members_w)*);
    let ReadPlan {
        decls,
        arms,
        inits,
        fallback,
    } = plan_reads(ctx, s, true);
    let (decls, inits) = (quote!(#(#decls)*), quote!(#(#inits)*));
    let w_param = if uses_w { quote!(w) } else { quote!(_w) };
    // A group that owns `xs:any` keeps unknown children; others hand them back.
    let unknown = match fallback {
        Some(f) => quote!(#f;),
        None => quote! {
            r.push_back(child);
            break;
        },
    };
    let dispatch = by_name(arms, unknown);
    quote! {
        impl #rt::GroupValue for #name {
            fn write_group(&self, #w_param: &mut #rt::XmlWriter) -> Result<(), #rt::EncodeError> {
                #members_w
                Ok(())
            }

            fn read_group(r: &mut #rt::XmlReader<'_>) -> Result<Option<Self>, #rt::DecodeError> {
                #decls
                let mut consumed = false;
                loop {
                    let Some(child) = r.next_child()? else {
                        r.push_back_end();
                        break;
                    };
                    #dispatch
                    consumed = true;
                }
                if !consumed {
                    return Ok(None);
                }
                Ok(Some(Self {
                    #inits
                }))
            }
        }
    }
}

fn choice(ctx: &Ctx<'_>, name: &proc_macro2::Ident, variants: &[Variant]) -> TokenStream {
    let rt = &ctx.rt;
    let mut write_arms = Vec::new();
    let mut read_arms = Vec::new();
    let mut matched = BTreeSet::new();
    let mut any_arm = None;
    for v in variants {
        let id = ident(&v.name);
        match &v.kind {
            VariantKind::Element {
                xml,
                value,
                many,
                boxed,
                ..
            } => {
                let one_w = write_value(ctx, value, xml, quote!(v));
                let local = &xml.local;
                let read = read_one(ctx, value, false, quote!(&child));
                let read_c = read_one(ctx, value, false, quote!(&c));
                if *many {
                    write_arms.push(quote! {
                        Self::#id(items) => {
                            for v in items {
                                #one_w
                            }
                        }
                    });
                    if matched.insert(local.clone()) {
                        read_arms.push(quote! {
                            #local => {
                                let mut items = Vec::new();
                                if let Some(v) = #read {
                                    items.push(v);
                                }
                                loop {
                                    match r.next_child()? {
                                        Some(c) if c.local_name() == #local => {
                                            if let Some(v) = #read_c {
                                                items.push(v);
                                            }
                                        }
                                        Some(c) => {
                                            r.push_back(c);
                                            break;
                                        }
                                        None => {
                                            r.push_back_end();
                                            break;
                                        }
                                    }
                                }
                                Ok(Some(Self::#id(items)))
                            }
                        });
                    }
                } else {
                    let value_expr = if *boxed {
                        quote!(Box::new(#read.unwrap_or_default()))
                    } else {
                        quote!(#read.unwrap_or_default())
                    };
                    write_arms.push(quote!(Self::#id(v) => { #one_w }));
                    if matched.insert(local.clone()) {
                        read_arms.push(quote!(#local => Ok(Some(Self::#id(#value_expr))),));
                    }
                }
            }
            VariantKind::Group { ty, names, boxed } => {
                let t = ident(ty);
                write_arms.push(quote!(Self::#id(v) => #rt::GroupValue::write_group(v, w)?,));
                let fresh: Vec<&String> = names
                    .iter()
                    .filter(|n| matched.insert((*n).clone()))
                    .collect();
                if !fresh.is_empty() {
                    let pats = fresh.iter().map(|n| quote!(#n));
                    let wrap = if *boxed {
                        quote!(|v| Self::#id(Box::new(v)))
                    } else {
                        quote!(Self::#id)
                    };
                    read_arms.push(quote! {
                        #(#pats)|* => {
                            r.push_back(child);
                            Ok(<#t as #rt::GroupValue>::read_group(r)?.map(#wrap))
                        }
                    });
                }
            }
            VariantKind::Any => {
                write_arms.push(quote!(Self::#id(v) => w.raw(v.as_str()),));
                if any_arm.is_none() {
                    any_arm = Some(quote!(Ok(Some(Self::#id(r.read_raw(&child)?)))));
                }
            }
        }
    }
    let fallback = any_arm.unwrap_or_else(|| {
        quote! {
            r.push_back(child);
            Ok(None)
        }
    });
    let dispatch = by_name(read_arms, fallback);
    let w_param = if write_arms.is_empty() {
        quote!(_w)
    } else {
        quote!(w)
    };
    let write_arms = quote!(#(#write_arms)*);
    quote! {
        impl #rt::GroupValue for #name {
            fn write_group(&self, #w_param: &mut #rt::XmlWriter) -> Result<(), #rt::EncodeError> {
                match self {
                    #write_arms
                }
                Ok(())
            }

            fn read_group(r: &mut #rt::XmlReader<'_>) -> Result<Option<Self>, #rt::DecodeError> {
                let Some(child) = r.next_child()? else {
                    r.push_back_end();
                    return Ok(None);
                };
                #dispatch
            }
        }
    }
}

/// `match child.local_name() { arms, _ => fallback }`, or just the fallback when there
/// are no arms (a match with only `_` is a clippy warning).
fn by_name(arms: Vec<TokenStream>, fallback: TokenStream) -> TokenStream {
    if arms.is_empty() {
        fallback
    } else {
        let arms = quote!(#(#arms)*);
        quote! {
            match child.local_name() {
                #arms
                _ => { #fallback }
            }
        }
    }
}

fn body_impl(ctx: &Ctx<'_>, b: &Body) -> TokenStream {
    let rt = &ctx.rt;
    let name = ident(&b.rust);
    let local = &b.xml.local;
    let ns = b.xml.ns.clone().unwrap_or_default();
    let kind = ctx.plan.find(&b.rust).map(|t| &t.kind);
    let (write, read) = match kind {
        Some(Kind::Newtype(ValueKind::Simple(_))) => (
            quote!(#rt::write_simple(w, Some(Self::NAMESPACE), Self::NAME, &self.0)),
            quote!(Ok(Self(r.read_value(&start)?.unwrap_or_default()))),
        ),
        Some(Kind::Newtype(ValueKind::AnyElement)) => (
            quote! {
                w.raw(self.0.as_str());
                Ok(())
            },
            quote!(Ok(Self(r.read_raw(&start)?))),
        ),
        Some(Kind::Newtype(_)) => (
            quote!(#rt::write_complex(w, Some(Self::NAMESPACE), Self::NAME, &self.0)),
            quote!(Ok(Self(#rt::ComplexValue::read_content(r, &start)?))),
        ),
        _ => (
            quote!(#rt::write_complex(w, Some(Self::NAMESPACE), Self::NAME, self)),
            quote!(<Self as #rt::ComplexValue>::read_content(r, &start)),
        ),
    };
    quote! {
        impl #rt::BodyElement for #name {
            const NAME: &'static str = #local;
            const NAMESPACE: &'static str = #ns;

            fn write_element(&self, w: &mut #rt::XmlWriter) -> Result<(), #rt::EncodeError> {
                #write
            }

            fn read_element(r: &mut #rt::XmlReader<'_>) -> Result<Self, #rt::DecodeError> {
                let Some(start) = r.next_child()? else {
                    return r.missing(Self::NAME);
                };
                #read
            }
        }
    }
}
