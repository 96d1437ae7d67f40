//! `types.rs`: the data types.

use proc_macro2::TokenStream;
use quote::quote;

use super::{Ctx, doc_attrs, ident, join_docs, md};
use crate::rust::{Card, Kind, Member, RType, StructDef, ValueKind, VariantKind};

pub(crate) fn emit(ctx: &Ctx<'_>) -> TokenStream {
    let items = ctx.plan.types.iter().map(|t| emit_type(ctx, t));
    let constructors = super::constructors::emit(ctx);
    quote! {
        //! The service's data types. XML readers and writers are implemented in the
        //! private `xml` module; serde derives (behind the crate's `serde` feature) are
        //! for your own formats (JSON, TOML).
        #(#items)*
        #constructors
    }
}

/// The serde derives, behind the `serde` feature of the crate the code is compiled in.
///
/// `#[derive(Deserialize)]` expands to a field enum, a visitor and a map loop per type:
/// on the corpus it was about 70% of the time `cargo check` spent on generated code
/// (PayPal, 84k lines: 16.5 s CPU with the derives, 5.0 s without). Users who only speak
/// XML should not pay that, so the derives (and the text-based impls of enumerations)
/// compile only when the feature is on. `default` (structs): a missing field is its default.
fn serde_attr(ctx: &Ctx<'_>, default: bool) -> TokenStream {
    let rt = &ctx.rt;
    let krate = format!("{}::serde", ctx.rt_text);
    let default = default.then(|| quote!(, default));
    quote! {
        #[cfg_attr(
            feature = "serde",
            derive(#rt::serde::Serialize, #rt::serde::Deserialize),
            serde(crate = #krate #default)
        )]
    }
}

fn emit_type(ctx: &Ctx<'_>, t: &RType) -> TokenStream {
    let name = ident(&t.name);
    let doc = doc_attrs(join_docs(&[md(&t.doc), Some(format!("XML: {}.", t.origin))]).as_deref());
    let rt = &ctx.rt;
    let serde = serde_attr(ctx, false);
    match &t.kind {
        Kind::Struct(s) => {
            let fields = struct_fields(ctx, s);
            let serde_default = serde_attr(ctx, true);
            quote! {
                #doc
                #[derive(Clone, Debug, Default, PartialEq)]
                #serde_default
                pub struct #name {
                    #(#fields)*
                }
            }
        }
        Kind::Newtype(v) => {
            let inner = ctx.value_ty(v, false);
            quote! {
                #doc
                #[derive(Clone, Debug, Default, PartialEq)]
                #serde
                pub struct #name(pub #inner);
            }
        }
        Kind::Alias(ty) => {
            let ty = ctx.ty(ty);
            quote! {
                #doc
                pub type #name = #ty;
            }
        }
        Kind::Enum(values) => {
            let variants = values.iter().map(|v| {
                let id = ident(&v.variant);
                let d =
                    doc_attrs(join_docs(&[Some(format!("`{}`", v.value)), md(&v.doc)]).as_deref());
                quote!(#d #id,)
            });
            let as_str = values.iter().map(|v| {
                let id = ident(&v.variant);
                let s = &v.value;
                quote!(Self::#id => #s,)
            });
            let wire = values.iter().map(|v| &v.value);
            let labels = values.iter().map(|v| {
                let id = ident(&v.variant);
                let l = label(v.doc.as_deref()).unwrap_or_else(|| v.value.clone());
                quote!(Self::#id => #l,)
            });
            quote! {
                #doc
                #[derive(Clone, Debug, PartialEq, Eq, Hash)]
                #[allow(clippy::enum_variant_names)]
                pub enum #name {
                    #(#variants)*
                    /// A value not in the list (kept as received; validation rejects it in
                    /// requests). `Other(String::new())` is "no value" and is the default.
                    Other(String),
                }

                impl #name {
                    /// Every value the schema lists, in its order.
                    pub const VALUES: &'static [&'static str] = &[#(#wire),*];

                    /// The value as sent on the wire.
                    pub fn as_str(&self) -> &str {
                        match self {
                            #(#as_str)*
                            Self::Other(s) => s,
                        }
                    }

                    /// What the value means, in the spec's words (the first sentence of its
                    /// description; the wire value when the spec gives none): for people,
                    /// not for the wire. An unlisted value is its own text.
                    pub fn label(&self) -> &str {
                        match self {
                            #(#labels)*
                            Self::Other(s) => s,
                        }
                    }
                }

                #rt::value_set_impls!(#name);
            }
        }
        Kind::Derived(variants) => derived_enum(ctx, &name, &doc, variants),
        Kind::Choice(variants) => {
            let vs = variants.iter().map(|v| {
                let id = ident(&v.name);
                let d = doc_attrs(md(&v.doc).as_deref());
                let ty = match &v.kind {
                    VariantKind::Element {
                        value, many, boxed, ..
                    } => {
                        let base = ctx.value_ty(value, *boxed && !*many);
                        if *many { quote!(Vec<#base>) } else { base }
                    }
                    VariantKind::Group { ty, boxed, .. } => {
                        let id = ident(ty);
                        if *boxed {
                            quote!(Box<#id>)
                        } else {
                            quote!(#id)
                        }
                    }
                    VariantKind::Any => quote!(#rt::RawXml),
                };
                quote!(#d #id(#ty),)
            });
            let first = variants.first().map(|v| ident(&v.name));
            let default = first.map(|f| {
                quote! {
                    impl Default for #name {
                        fn default() -> Self {
                            Self::#f(Default::default())
                        }
                    }
                }
            });
            quote! {
                #doc
                #[derive(Clone, Debug, PartialEq)]
                #serde
                #[allow(clippy::large_enum_variant, clippy::enum_variant_names)]
                pub enum #name {
                    #(#vs)*
                }

                #default
            }
        }
    }
}

/// An `xsi:type` enum: a boxed variant per type, `Unknown` for any other.
fn derived_enum(
    ctx: &Ctx<'_>,
    name: &proc_macro2::Ident,
    doc: &TokenStream,
    variants: &[crate::rust::DerivedVariant],
) -> TokenStream {
    let rt = &ctx.rt;
    let serde = serde_attr(ctx, false);
    let vs = variants.iter().enumerate().map(|(i, v)| {
        let id = ident(&v.variant);
        let ty = ident(&v.rust);
        let ns = v.xml.ns.as_deref().unwrap_or("");
        let text = if i == 0 {
            format!(
                "`{{{ns}}}{}` itself (no `xsi:type`, or one naming it).",
                v.xml.local
            )
        } else {
            format!("`xsi:type` `{{{ns}}}{}`.", v.xml.local)
        };
        let d = doc_attrs(Some(&text));
        quote!(#d #id(Box<#ty>),)
    });
    let default = variants.first().map(|v| {
        let f = ident(&v.variant);
        quote! {
            impl Default for #name {
                fn default() -> Self {
                    Self::#f(Box::default())
                }
            }
        }
    });
    let froms = variants.iter().map(|v| {
        let id = ident(&v.variant);
        let ty = ident(&v.rust);
        quote! {
            impl From<#ty> for #name {
                fn from(value: #ty) -> Self {
                    Self::#id(Box::new(value))
                }
            }
        }
    });
    quote! {
        #doc
        #[derive(Clone, Debug, PartialEq)]
        #serde
        #[allow(clippy::enum_variant_names)]
        pub enum #name {
            #(#vs)*
            /// A type the schema does not derive from the base here: its `xsi:type` as
            /// `{namespace}local`, and the element as received (it is read, not written
            /// back: writing it is an error).
            Unknown {
                xsi_type: String,
                xml: #rt::RawXml,
            },
        }

        #default
        #(#froms)*
    }
}

fn card_note(card: Card, nillable: bool, min: u32) -> String {
    let mut s = match card {
        Card::One => "required".to_owned(),
        Card::Optional => "optional".to_owned(),
        Card::Many if min > 0 => format!("{min} or more"),
        Card::Many => "repeated".to_owned(),
    };
    if nillable {
        s.push_str(", nillable");
    }
    s
}

fn struct_fields(ctx: &Ctx<'_>, s: &StructDef) -> Vec<TokenStream> {
    let rt = &ctx.rt;
    let mut out = Vec::new();
    for a in &s.attrs {
        let name = ident(&a.name);
        let ty = ctx.ty(&a.ty);
        let ty = if a.required { ty } else { quote!(Option<#ty>) };
        let doc = doc_attrs(
            join_docs(&[
                md(&a.doc),
                Some(format!(
                    "Attribute `{}` ({}).",
                    a.xml.local,
                    if a.required { "required" } else { "optional" }
                )),
            ])
            .as_deref(),
        );
        out.push(quote!(#doc pub #name: #ty,));
    }
    if let Some(n) = &s.any_attribute {
        let name = ident(n);
        out.push(quote! {
            /// Attributes not in the schema (`xs:anyAttribute`), kept as received.
            pub #name: Vec<#rt::RawAttribute>,
        });
    }
    if let Some((n, ty, _)) = &s.text {
        let name = ident(n);
        let ty = ctx.ty(ty);
        out.push(quote! {
            /// The element's text content.
            pub #name: #ty,
        });
    }
    for m in &s.members {
        match m {
            Member::Element(f) => {
                let name = ident(&f.name);
                let ty = ctx.field_ty(&f.value, f.card, f.nillable, f.boxed);
                let shape = match &f.value {
                    ValueKind::Wrapper { item, .. } => format!(
                        "Element `<{}>` ({}), a list of `<{}>` (empty = absent).",
                        f.xml.local,
                        card_note(f.card, f.nillable, f.min_occurs),
                        item.local
                    ),
                    _ => format!(
                        "Element `<{}>` ({}).",
                        f.xml.local,
                        card_note(f.card, f.nillable, f.min_occurs)
                    ),
                };
                let doc = doc_attrs(
                    join_docs(&[md(&f.doc), Some(shape), f.constraint.clone()]).as_deref(),
                );
                let alias = f.misspelt_name.as_ref().map(|a| {
                    let local = &f.xml.local;
                    quote!(#[doc(alias = #a, alias = #local)])
                });
                let serde_alias = f
                    .misspelt_name
                    .as_ref()
                    .map(|a| quote!(#[cfg_attr(feature = "serde", serde(alias = #a))]));
                out.push(quote!(#doc #alias #serde_alias pub #name: #ty,));
            }
            Member::Group {
                name,
                doc,
                ty,
                card,
                boxed,
                min_occurs,
                ..
            } => {
                let id = ident(name);
                let t = ident(ty);
                let base = if *boxed && *card != Card::Many {
                    quote!(Box<#t>)
                } else {
                    quote!(#t)
                };
                let ty = match card {
                    Card::One => base,
                    Card::Optional => quote!(Option<#base>),
                    Card::Many => quote!(Vec<#base>),
                };
                let d = doc_attrs(
                    join_docs(&[
                        md(doc),
                        Some(format!(
                            "A group ({}).",
                            card_note(*card, false, *min_occurs)
                        )),
                    ])
                    .as_deref(),
                );
                out.push(quote!(#d pub #id: #ty,));
            }
            Member::Any { name, card } => {
                let id = ident(name);
                let ty = match card {
                    Card::One => quote!(#rt::RawXml),
                    Card::Optional => quote!(Option<#rt::RawXml>),
                    Card::Many => quote!(Vec<#rt::RawXml>),
                };
                out.push(quote! {
                    /// Elements not in the schema (`xs:any`), kept verbatim.
                    pub #id: #ty,
                });
            }
        }
    }
    if let Some(n) = &s.mixed {
        let name = ident(n);
        out.push(quote! {
            /// Mixed content: the text between, before and after the child elements, each
            /// run with the number of children before it (whitespace included).
            pub #name: #rt::MixedText,
        });
    }
    out
}

/// The first sentence of a value's description, without its full stop:
/// `Issue completed.` → `Issue completed`.
fn label(doc: Option<&str>) -> Option<String> {
    let doc = doc?.trim();
    let end = doc
        .char_indices()
        .find(|&(i, c)| c == '.' && doc[i + 1..].starts_with(char::is_whitespace))
        .map_or(doc.len(), |(i, _)| i);
    let l = doc[..end].trim().trim_end_matches('.').trim();
    (!l.is_empty()).then(|| l.to_owned())
}
