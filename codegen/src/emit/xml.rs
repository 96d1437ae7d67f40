//! `xml.rs`: readers and writers, as trait impls on the types.
//!
//! Thin by design: a writer is one runtime call per field (`w.simple_opt(None, "Email",
//! &self.email)?`), a reader a table of the type's children (`rt::Field::one("Email")`,
//! with what the spec overlay adds: `.outcome()`, `.aliases(..)`) and one runtime call per
//! field by its index. Matching children to fields, repeats, unknown elements and
//! attributes, alternative spellings and missing elements are soap-runtime's reading
//! policy (`soap_runtime::policy`), written once there.
//!
//! The table is the type's `ComplexValue::FIELDS`, so it also describes the type to tools
//! (the `gas` CLI's templates and order-file checks): each entry says what the element
//! holds when it is not `xs:string` text (`.simple("int")`, `.of::<OrderInfo>()`) and
//! names a collapsed list wrapper's items (`.list("QCStatement", false)`).

use std::collections::{BTreeMap, BTreeSet};

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::{Ctx, ident, ns_tokens};
use crate::model::{Content, Model, SimpleType, TypeKind, TypeRef};
use crate::rust::{
    AttrField, Body, Card, ElementField, Kind, Member, RType, StructDef, ValueKind, Variant,
    VariantKind, XmlName,
};
use crate::surface::builtin_name;

pub(crate) fn emit(ctx: &Ctx<'_>) -> TokenStream {
    let mut items = Vec::new();
    for t in &ctx.plan.types {
        items.push(emit_type(ctx.model, t));
    }
    let mut seen = BTreeSet::new();
    for op in &ctx.plan.ops {
        for b in [&op.input, &op.output].into_iter().flatten() {
            if seen.insert(b.rust.clone()) {
                items.push(body_impl(ctx, b));
            }
        }
    }
    for op in &ctx.plan.ops {
        for f in &op.fault_parts {
            if seen.insert(f.body.rust.clone()) {
                items.push(body_impl(ctx, &f.body));
            }
        }
    }
    // Header elements: bodies too (a typed read from a response's header), and blocks a
    // request can carry.
    let mut headers = BTreeSet::new();
    for op in &ctx.plan.ops {
        for h in op.request_headers.iter().chain(&op.response_headers) {
            if seen.insert(h.body.rust.clone()) {
                items.push(body_impl(ctx, &h.body));
            }
            if headers.insert(h.body.rust.clone()) {
                let name = ident(&h.body.rust);
                items.push(quote! {
                    impl rt::envelope::HeaderBlock for #name {
                        fn write_header(
                            &self,
                            w: &mut rt::XmlWriter,
                            _version: rt::SoapVersion,
                        ) -> Result<(), rt::EncodeError> {
                            rt::BodyElement::write_element(self, w)
                        }
                    }
                });
            }
        }
    }
    let rt = &ctx.rt;
    let uses = if ctx.plan.types.is_empty() {
        quote!()
    } else {
        quote!(
            use super::types::*;
        )
    };
    quote! {
        //! XML readers and writers of the types (trait impls only): one runtime call per
        //! field; the reading policy is soap-runtime's (`soap_runtime::policy`).
        #uses
        use #rt as rt;
        #(#items)*
    }
}

fn emit_type(model: &Model, t: &RType) -> TokenStream {
    let name = ident(&t.name);
    match &t.kind {
        Kind::Struct(s) if s.group => group_struct(model, &name, s),
        Kind::Struct(s) => complex_struct(model, &name, s),
        Kind::Choice(vs) => choice(&name, vs),
        Kind::Derived(vs) => derived(&name, vs),
        Kind::Enum(values) => {
            let arms = values.iter().map(|v| {
                let id = ident(&v.variant);
                let s = &v.value;
                quote!(#s => Self::#id,)
            });
            quote! {
                impl rt::SimpleValue for #name {
                    const VALUE_SET: &'static [&'static str] = Self::VALUES;
                    fn parse_text(
                        text: ::std::borrow::Cow<'_, str>,
                    ) -> Result<Self, (rt::ValueError, ::std::borrow::Cow<'_, str>)> {
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

/// A closure writing one list item `v`: `|w, v| w.complex(None, "Error", v)`.
fn write_item(item: &XmlName, value: &ValueKind) -> TokenStream {
    let ns = ns_tokens(&item.ns);
    let local = &item.local;
    match value {
        ValueKind::Simple(_) => quote!(|w, v| w.simple(#ns, #local, v)),
        ValueKind::Complex(_) => quote!(|w, v| w.complex(#ns, #local, v)),
        ValueKind::AnyElement => quote!(|w, v| w.any(v)),
        ValueKind::Wrapper {
            item: inner,
            item_value,
            ..
        } => {
            let each = write_item(inner, item_value);
            quote!(|w, v| w.list(#ns, #local, v, true, #each))
        }
    }
}

fn write_element_field(f: &ElementField) -> TokenStream {
    let field = ident(&f.name);
    let ns = ns_tokens(&f.xml.ns);
    let local = &f.xml.local;
    if let ValueKind::Wrapper {
        item, item_value, ..
    } = &f.value
    {
        let each = write_item(item, item_value);
        let always = f.card == Card::One && f.min_occurs > 0;
        return quote!(w.list(#ns, #local, &self.#field, #always, #each)?;);
    }
    let (one, nil, opt, many) = match &f.value {
        ValueKind::Complex(_) => (
            quote!(complex),
            quote!(complex_nil),
            quote!(complex_opt),
            quote!(complex_many),
        ),
        ValueKind::AnyElement => {
            return match f.card {
                Card::One if f.nillable => quote!(w.any_nil(#ns, #local, &self.#field)?;),
                Card::One => quote!(w.any(&self.#field)?;),
                Card::Optional => quote!(w.any_opt(&self.#field)?;),
                Card::Many => quote!(w.any_many(&self.#field)?;),
            };
        }
        _ => (
            quote!(simple),
            quote!(simple_nil),
            quote!(simple_opt),
            quote!(simple_many),
        ),
    };
    let call = match f.card {
        Card::One if f.nillable => nil,
        Card::One => one,
        Card::Optional => opt,
        Card::Many => many,
    };
    quote!(w.#call(#ns, #local, &self.#field)?;)
}

fn write_members(s: &StructDef) -> Vec<TokenStream> {
    s.members
        .iter()
        .map(|m| match m {
            Member::Element(f) => write_element_field(f),
            Member::Group { name, card, .. } => {
                let field = ident(name);
                match card {
                    Card::One => quote!(w.group(&self.#field)?;),
                    Card::Optional => quote!(w.group_opt(&self.#field)?;),
                    Card::Many => quote!(w.group_many(&self.#field)?;),
                }
            }
            Member::Any { name, card } => {
                let field = ident(name);
                match card {
                    Card::One => quote!(w.any(&self.#field)?;),
                    Card::Optional => quote!(w.any_opt(&self.#field)?;),
                    Card::Many => quote!(w.any_many(&self.#field)?;),
                }
            }
        })
        .collect()
}

fn write_attrs(s: &StructDef) -> Vec<TokenStream> {
    let mut out: Vec<TokenStream> = s
        .attrs
        .iter()
        .map(|a| {
            let field = ident(&a.name);
            let ns = ns_tokens(&a.xml.ns);
            let local = &a.xml.local;
            if a.required {
                quote!(w.attr(#ns, #local, &self.#field)?;)
            } else {
                quote!(w.attr_opt(#ns, #local, &self.#field)?;)
            }
        })
        .collect();
    if let Some(n) = &s.any_attribute {
        let field = ident(n);
        out.push(quote!(w.attr_any(&self.#field)?;));
    }
    out
}

// ------------------------------------------------------------------------ reading

/// The table entry of an element field: `rt::Field::one("SuccessCode").outcome()`, with
/// what it holds when that is not `xs:string` text (`.simple("int")`, `.of::<T>()`) and,
/// for a list wrapper, its items' name (`.list("QCStatement", false)`).
fn element_entry(model: &Model, f: &ElementField, namespace_guard: bool) -> TokenStream {
    let local = &f.xml.local;
    let is_wrapper = matches!(f.value, ValueKind::Wrapper { .. });
    let mut entry = match f.card {
        Card::One if !is_wrapper || f.min_occurs > 0 => quote!(rt::Field::one(#local)),
        Card::One | Card::Optional => quote!(rt::Field::opt(#local)),
        Card::Many => quote!(rt::Field::many(#local)),
    };
    let (value, simple) = match &f.value {
        ValueKind::Wrapper {
            item,
            item_required,
            item_value,
            ..
        } => {
            let item = &item.local;
            entry = quote!(#entry.list(#item, #item_required));
            (&**item_value, &f.item_simple_type)
        }
        v => (v, &f.simple_type),
    };
    entry = match value {
        ValueKind::Simple(_) => match simple.as_ref().map(|t| xsd_base(model, t, 0)) {
            Some("string") | None => entry,
            Some(xsd) => quote!(#entry.simple(#xsd)),
        },
        ValueKind::Complex(n) => {
            let n = ident(n);
            quote!(#entry.of::<#n>())
        }
        ValueKind::AnyElement | ValueKind::Wrapper { .. } => {
            quote!(#entry.kind(rt::Kind::None))
        }
    };
    if f.outcome {
        entry = quote!(#entry.outcome());
    }
    if !f.aliases.is_empty() {
        let aliases = &f.aliases;
        entry = quote!(#entry.aliases(&[#(#aliases),*]));
    }
    if f.secret {
        entry = quote!(#entry.secret());
    }
    if namespace_guard {
        let ns = ns_tokens(&f.xml.ns);
        entry = quote!(#entry.in_namespace(#ns));
    }
    entry
}

/// The XSD built-in a simple type is or derives from, by its local name (`int` for a
/// restriction of `xs:int`); a list or union is `anySimpleType`.
fn xsd_base(model: &Model, t: &TypeRef, depth: usize) -> &'static str {
    match t {
        TypeRef::Builtin(b) => {
            let name = builtin_name(*b);
            name.strip_prefix("xs:").unwrap_or(name)
        }
        TypeRef::Defined(_) if depth > 32 => "anySimpleType",
        TypeRef::Defined(id) => match &model.type_def(*id).kind {
            TypeKind::Simple(SimpleType::Restriction { base, .. }) => {
                xsd_base(model, base, depth + 1)
            }
            TypeKind::Simple(_) => "anySimpleType",
            TypeKind::Complex(c) => match &c.content {
                Content::Simple(inner) => xsd_base(model, inner, depth + 1),
                _ => "anySimpleType",
            },
        },
    }
}

fn occurs(card: Card) -> TokenStream {
    match card {
        Card::One => quote!(rt::Occurs::One),
        Card::Optional => quote!(rt::Occurs::Optional),
        Card::Many => quote!(rt::Occurs::Many),
    }
}

/// A reader of one list item into a `Vec`: `rt::XmlReader::complex_many`.
fn read_item(item_value: &ValueKind) -> TokenStream {
    match item_value {
        ValueKind::Simple(_) => quote!(rt::XmlReader::simple_many),
        ValueKind::Complex(_) => quote!(rt::XmlReader::complex_many),
        ValueKind::AnyElement => quote!(rt::XmlReader::any_many),
        ValueKind::Wrapper {
            item, item_value, ..
        } => {
            let local = &item.local;
            let each = read_item(item_value);
            quote! {
                |r: &mut rt::XmlReader<'_>, c: &rt::StartTag<'_>, out: &mut Vec<_>| {
                    let mut inner = Vec::new();
                    r.list(c, #local, &mut inner, #each)?;
                    out.push(inner);
                    Ok(())
                }
            }
        }
    }
}

/// The call reading field `f` from child `c` into `v`.
fn read_element_field(f: &ElementField) -> TokenStream {
    let field = ident(&f.name);
    if let ValueKind::Wrapper {
        item, item_value, ..
    } = &f.value
    {
        let local = &item.local;
        let each = read_item(item_value);
        return quote!(r.list(c, #local, &mut v.#field, #each));
    }
    let kind = match &f.value {
        ValueKind::Complex(_) => "complex",
        ValueKind::AnyElement => "any",
        _ => "simple",
    };
    let call = match f.card {
        Card::One if f.nillable => format!("{kind}_opt"),
        Card::One => kind.to_owned(),
        Card::Optional => format!("{kind}_opt"),
        Card::Many => format!("{kind}_many"),
    };
    let call = ident(&call);
    quote!(r.#call(c, &mut v.#field))
}

/// The field table and the per-field reads of a struct's members.
fn plan_reads(model: &Model, s: &StructDef) -> (Vec<TokenStream>, Vec<TokenStream>) {
    // Local names used in more than one namespace are matched with their namespace.
    let mut namespaces: BTreeMap<&str, BTreeSet<&Option<String>>> = BTreeMap::new();
    for m in &s.members {
        if let Member::Element(f) = m {
            namespaces
                .entry(&f.xml.local)
                .or_default()
                .insert(&f.xml.ns);
        }
    }
    let mut entries = Vec::new();
    let mut reads = Vec::new();
    for (i, m) in s.members.iter().enumerate() {
        let index = Literal::usize_unsuffixed(i);
        match m {
            Member::Element(f) => {
                let guard = namespaces
                    .get(f.xml.local.as_str())
                    .is_some_and(|n| n.len() > 1);
                entries.push(element_entry(model, f, guard));
                let read = read_element_field(f);
                reads.push(quote!(#index => #read,));
            }
            Member::Group {
                name, card, names, ..
            } => {
                let field = ident(name);
                let occurs = occurs(*card);
                entries.push(quote!(rt::Field::group(&[#(#names),*], #occurs)));
                let call = match card {
                    Card::One => quote!(group),
                    Card::Optional => quote!(group_opt),
                    Card::Many => quote!(group_many),
                };
                reads.push(quote!(#index => r.#call(c, &mut v.#field),));
            }
            Member::Any { name, card } => {
                let field = ident(name);
                let occurs = occurs(*card);
                entries.push(quote!(rt::Field::any(#occurs)));
                let call = match card {
                    Card::One => quote!(any),
                    Card::Optional => quote!(any_opt),
                    Card::Many => quote!(any_many),
                };
                reads.push(quote!(#index => r.#call(c, &mut v.#field),));
            }
        }
    }
    (entries, reads)
}

/// `const FIELDS: rt::Fields = ...;` for a struct.
fn fields_const(model: &Model, s: &StructDef, entries: &[TokenStream]) -> TokenStream {
    if s.attrs.is_empty() && s.any_attribute.is_none() {
        return quote!(const FIELDS: rt::Fields = rt::Fields::new(&[#(#entries),*]););
    }
    let attrs = s.attrs.iter().map(|a| attr_entry(model, a));
    let any = s.any_attribute.is_some();
    quote! {
        const FIELDS: rt::Fields =
            rt::Fields::with_attributes(&[#(#entries),*], &[#(#attrs),*], #any);
    }
}

fn attr_entry(model: &Model, a: &AttrField) -> TokenStream {
    let local = &a.xml.local;
    let entry = if a.required {
        quote!(rt::Field::one(#local))
    } else {
        quote!(rt::Field::opt(#local))
    };
    match xsd_base(model, &a.simple_type, 0) {
        "string" => entry,
        xsd => quote!(#entry.simple(#xsd)),
    }
}

/// `r.read_attributes(...)` for a struct with attributes (nothing without).
fn read_attrs(s: &StructDef) -> TokenStream {
    if s.attrs.is_empty() && s.any_attribute.is_none() {
        return quote!();
    }
    let mut arms: Vec<TokenStream> = s
        .attrs
        .iter()
        .enumerate()
        .map(|(i, a)| {
            let index = Literal::usize_unsuffixed(i);
            let field = ident(&a.name);
            if a.required {
                quote!(#index => a.read(&mut v.#field),)
            } else {
                quote!(#index => a.read_opt(&mut v.#field),)
            }
        })
        .collect();
    if let Some(n) = &s.any_attribute {
        let field = ident(n);
        if arms.is_empty() {
            // A `match` with only `_` is a clippy warning.
            return quote! {
                r.read_attributes(start, &Self::FIELDS, |_, a| a.keep(&mut v.#field))?;
            };
        }
        arms.push(quote!(_ => a.keep(&mut v.#field),));
    } else {
        arms.push(quote!(_ => Ok(()),));
    }
    quote! {
        r.read_attributes(start, &Self::FIELDS, |i, a| match i {
            #(#arms)*
        })?;
    }
}

fn complex_struct(model: &Model, name: &proc_macro2::Ident, s: &StructDef) -> TokenStream {
    let mut writes = write_attrs(s);
    if let Some((n, _, _)) = &s.text {
        let f = ident(n);
        writes.push(quote!(rt::SimpleValue::write_text(&self.#f, w)?;));
    }
    match &s.mixed {
        Some(n) => {
            let f = ident(n);
            writes.push(quote!(w.begin_mixed(&self.#f)?;));
            writes.extend(write_members(s));
            writes.push(quote!(w.end_mixed();));
        }
        None => writes.extend(write_members(s)),
    }
    let w_param = if writes.is_empty() {
        quote!(_w)
    } else {
        quote!(w)
    };
    let (entries, reads) = plan_reads(model, s);
    let table = fields_const(model, s, &entries);
    let attrs = read_attrs(s);
    let mut content = if let Some((n, _, _)) = &s.text {
        let f = ident(n);
        quote!(r.simple_content(start, &mut v.#f)?;)
    } else if reads.is_empty() {
        quote!(r.read_fields(start, &Self::FIELDS, |r, _, c| r.skip(c))?;)
    } else {
        quote! {
            r.read_fields(start, &Self::FIELDS, |r, i, c| match i {
                #(#reads)*
                _ => r.skip(c),
            })?;
        }
    };
    if let Some(n) = &s.mixed {
        let f = ident(n);
        content = quote! {
            r.begin_mixed(start);
            #content
            v.#f = r.end_mixed(start);
        };
    }
    quote! {
        impl rt::ComplexValue for #name {
            #table

            fn write_content(&self, #w_param: &mut rt::XmlWriter) -> Result<(), rt::EncodeError> {
                #(#writes)*
                Ok(())
            }

            fn read_content<'a>(
                r: &mut rt::XmlReader<'a>,
                start: &rt::StartTag<'a>,
            ) -> Result<Self, rt::DecodeError> {
                let mut v = Self::default();
                #attrs
                #content
                Ok(v)
            }
        }
    }
}

fn group_struct(model: &Model, name: &proc_macro2::Ident, s: &StructDef) -> TokenStream {
    let writes = write_members(s);
    let w_param = if writes.is_empty() {
        quote!(_w)
    } else {
        quote!(w)
    };
    let (entries, reads) = plan_reads(model, s);
    quote! {
        impl rt::GroupValue for #name {
            fn write_group(&self, #w_param: &mut rt::XmlWriter) -> Result<(), rt::EncodeError> {
                #(#writes)*
                Ok(())
            }

            fn read_group(r: &mut rt::XmlReader<'_>) -> Result<Option<Self>, rt::DecodeError> {
                const FIELDS: rt::Fields = rt::Fields::new(&[#(#entries),*]);
                let mut v = Self::default();
                let read = r.read_group_fields(&FIELDS, |r, i, c| match i {
                    #(#reads)*
                    _ => r.skip(c),
                })?;
                Ok(read.then_some(v))
            }
        }
    }
}

/// A choice enum: the first child decides the variant.
fn choice(name: &proc_macro2::Ident, variants: &[Variant]) -> TokenStream {
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
                let ns = ns_tokens(&xml.ns);
                let local = &xml.local;
                let (one_w, many_w, one_r) = match value {
                    ValueKind::Complex(_) => (
                        quote!(w.complex(#ns, #local, v)?),
                        quote!(w.complex_many(#ns, #local, v)?),
                        quote!(complex),
                    ),
                    ValueKind::AnyElement => {
                        (quote!(w.any(v)?), quote!(w.any_many(v)?), quote!(any))
                    }
                    ValueKind::Wrapper {
                        item, item_value, ..
                    } => {
                        let each = write_item(item, item_value);
                        (
                            quote!(w.list(#ns, #local, v, true, #each)?),
                            quote! {
                                for v in v {
                                    w.list(#ns, #local, v, true, #each)?;
                                }
                            },
                            quote!(simple),
                        )
                    }
                    ValueKind::Simple(_) => (
                        quote!(w.simple(#ns, #local, v)?),
                        quote!(w.simple_many(#ns, #local, v)?),
                        quote!(simple),
                    ),
                };
                if *many {
                    write_arms.push(quote!(Self::#id(v) => #many_w,));
                } else {
                    write_arms.push(quote!(Self::#id(v) => #one_w,));
                }
                if !matched.insert(local.clone()) {
                    continue;
                }
                let read_one = match value {
                    ValueKind::Wrapper {
                        item, item_value, ..
                    } => {
                        let item_local = &item.local;
                        let each = read_item(item_value);
                        quote!(r.list(&c, #item_local, &mut x, #each)?)
                    }
                    _ => quote!(r.#one_r(&c, &mut x)?),
                };
                let wrap = if *boxed {
                    quote!(Self::#id(Box::new(x)))
                } else {
                    quote!(Self::#id(x))
                };
                if *many {
                    let many_r = match value {
                        ValueKind::Wrapper { .. } => quote! {
                            let mut x = Default::default();
                            #read_one;
                            items.push(x);
                        },
                        ValueKind::Complex(_) => quote!(r.complex_many(&c, &mut items)?;),
                        ValueKind::AnyElement => quote!(r.any_many(&c, &mut items)?;),
                        ValueKind::Simple(_) => quote!(r.simple_many(&c, &mut items)?;),
                    };
                    read_arms.push(quote! {
                        #local => {
                            let mut items = Vec::new();
                            let mut next = Some(child);
                            while let Some(c) = next.take() {
                                #many_r
                                match r.next_child()? {
                                    Some(c) if c.local_name() == #local => next = Some(c),
                                    Some(c) => r.push_back(c),
                                    None => r.push_back_end(),
                                }
                            }
                            Ok(Some(Self::#id(items)))
                        }
                    });
                } else {
                    read_arms.push(quote! {
                        #local => {
                            let c = child;
                            let mut x = Default::default();
                            #read_one;
                            Ok(Some(#wrap))
                        }
                    });
                }
            }
            VariantKind::Group { ty, names, boxed } => {
                let t = ident(ty);
                write_arms.push(quote!(Self::#id(v) => w.group(v)?,));
                let fresh: Vec<&String> = names
                    .iter()
                    .filter(|n| matched.insert((*n).clone()))
                    .collect();
                if !fresh.is_empty() {
                    let wrap = if *boxed {
                        quote!(|v| Self::#id(Box::new(v)))
                    } else {
                        quote!(Self::#id)
                    };
                    read_arms.push(quote! {
                        #(#fresh)|* => {
                            r.push_back(child);
                            Ok(<#t as rt::GroupValue>::read_group(r)?.map(#wrap))
                        }
                    });
                }
            }
            VariantKind::Any => {
                write_arms.push(quote!(Self::#id(v) => w.any(v)?,));
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
    let dispatch = if read_arms.is_empty() {
        fallback
    } else {
        quote! {
            match child.local_name() {
                #(#read_arms)*
                _ => { #fallback }
            }
        }
    };
    let w_param = if write_arms.is_empty() {
        quote!(_w)
    } else {
        quote!(w)
    };
    quote! {
        impl rt::GroupValue for #name {
            fn write_group(&self, #w_param: &mut rt::XmlWriter) -> Result<(), rt::EncodeError> {
                match self {
                    #(#write_arms)*
                }
                Ok(())
            }

            fn read_group(r: &mut rt::XmlReader<'_>) -> Result<Option<Self>, rt::DecodeError> {
                let Some(child) = r.next_child()? else {
                    r.push_back_end();
                    return Ok(None);
                };
                #dispatch
            }
        }
    }
}

/// `ComplexValue` of an `xsi:type` enum: the variant by the element's `xsi:type`, and
/// `xsi:type` written for a derived one.
fn derived(name: &proc_macro2::Ident, variants: &[crate::rust::DerivedVariant]) -> TokenStream {
    let Some(base) = variants.first() else {
        return quote!();
    };
    let base_id = ident(&base.variant);
    let write_arms = variants.iter().enumerate().map(|(i, v)| {
        let id = ident(&v.variant);
        if i == 0 {
            quote!(Self::#id(v) => rt::ComplexValue::write_content(&**v, w),)
        } else {
            let ns = v.xml.ns.clone().unwrap_or_default();
            let local = &v.xml.local;
            quote! {
                Self::#id(v) => {
                    w.xsi_type(#ns, #local)?;
                    rt::ComplexValue::write_content(&**v, w)
                }
            }
        }
    });
    let read_arms = variants.iter().map(|v| {
        let id = ident(&v.variant);
        let ns = v.xml.ns.clone().unwrap_or_default();
        let local = &v.xml.local;
        quote! {
            (#ns, #local) => Ok(Self::#id(Box::new(rt::ComplexValue::read_content(r, start)?))),
        }
    });
    quote! {
        impl rt::ComplexValue for #name {
            fn write_content(&self, w: &mut rt::XmlWriter) -> Result<(), rt::EncodeError> {
                match self {
                    #(#write_arms)*
                    Self::Unknown { xsi_type, .. } => Err(rt::EncodeError::new(
                        w.path(),
                        format!("a value of unknown type {xsi_type} (read as XML) cannot be written"),
                    )),
                }
            }

            fn read_content<'a>(
                r: &mut rt::XmlReader<'a>,
                start: &rt::StartTag<'a>,
            ) -> Result<Self, rt::DecodeError> {
                let Some((namespace, local)) = r.xsi_type(start)? else {
                    return Ok(Self::#base_id(Box::new(rt::ComplexValue::read_content(r, start)?)));
                };
                match (namespace.as_str(), local.as_str()) {
                    #(#read_arms)*
                    _ => Ok(Self::Unknown {
                        xsi_type: format!("{{{namespace}}}{local}"),
                        xml: r.read_raw(start)?,
                    }),
                }
            }
        }
    }
}

fn body_impl(ctx: &Ctx<'_>, b: &Body) -> TokenStream {
    let name = ident(&b.rust);
    let local = &b.xml.local;
    let ns = b.xml.ns.clone().unwrap_or_default();
    let kind = ctx.plan.find(&b.rust).map(|t| &t.kind);
    let (write, read) = match kind {
        Some(Kind::Newtype(ValueKind::Simple(_))) => (
            quote!(w.simple(Some(Self::NAMESPACE), Self::NAME, &self.0)),
            quote!(Ok(Self(r.read_value(&start)?.unwrap_or_default()))),
        ),
        Some(Kind::Newtype(ValueKind::AnyElement)) => (
            quote!(w.any(&self.0)),
            quote!(Ok(Self(r.read_raw(&start)?))),
        ),
        Some(Kind::Newtype(_)) => (
            quote!(w.complex(Some(Self::NAMESPACE), Self::NAME, &self.0)),
            quote!(Ok(Self(rt::ComplexValue::read_content(r, &start)?))),
        ),
        _ => (
            quote!(w.complex(Some(Self::NAMESPACE), Self::NAME, self)),
            quote!(<Self as rt::ComplexValue>::read_content(r, &start)),
        ),
    };
    quote! {
        impl rt::BodyElement for #name {
            const NAME: &'static str = #local;
            const NAMESPACE: &'static str = #ns;

            fn write_element(&self, w: &mut rt::XmlWriter) -> Result<(), rt::EncodeError> {
                #write
            }

            fn read_element(r: &mut rt::XmlReader<'_>) -> Result<Self, rt::DecodeError> {
                let Some(start) = r.next_child()? else {
                    return r.missing(Self::NAME);
                };
                #read
            }
        }
    }
}
