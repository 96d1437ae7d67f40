//! Emit: plan → Rust source. Token streams (quote) are parsed by syn and printed by
//! prettyplease, so the output is valid Rust and formatted the same way every time.
//!
//! Files (relative to the output directory):
//! - `mod.rs`: module docs (source, notes) and the module declarations;
//! - `types.rs`: the data types (structs, enums, aliases) with docs and serde derives;
//! - `xml.rs`: their XML readers and writers (`ComplexValue`, `SimpleValue`,
//!   `GroupValue`, `BodyElement` impls);
//! - `operations.rs`: one unit struct per operation (`soap_runtime::Operation`) and
//!   `OPERATIONS`;
//! - `server.rs` (optional): the `Handler` trait and `dispatch`;
//! - `client.rs` (optional, behind a feature of the crate if asked): a `Client` with
//!   one method per operation over `soap_client`;
//! - `validate.rs`: `Validate` for every operation input, and the overlay's rules and
//!   error codes as data.

mod client;
mod constructors;
mod ops;
mod types;
mod validate;
pub(crate) use validate::xsd_pattern;
mod xml;

use std::collections::BTreeMap;
use std::path::PathBuf;

use proc_macro2::{Ident, Literal, Span, TokenStream};
use quote::quote;

use crate::error::{Error, ErrorKind};
use crate::model::Model;
use crate::overlay::Overlay;
use crate::rust::names::is_valid_ident;
use crate::rust::{Card, Plan, Ty, ValueKind};
use crate::{GenerateOptions, GeneratedFiles};

/// Shared state of the emitters.
pub(crate) struct Ctx<'a> {
    pub model: &'a Model,
    pub plan: &'a Plan,
    pub overlay: Option<&'a Overlay>,
    /// The runtime crate path, as tokens.
    pub rt: TokenStream,
    /// The runtime path as text (for `#[serde(crate = "...")]`).
    pub rt_text: String,
}

/// An identifier; names come from `rust::names`, which only makes valid ones. A name
/// that is somehow invalid becomes an identifier that fails to compile visibly rather
/// than a panic.
pub(crate) fn ident(name: &str) -> Ident {
    if is_valid_ident(name) {
        Ident::new(name, Span::call_site())
    } else {
        Ident::new("__soapgen_invalid_identifier", Span::call_site())
    }
}

/// Doc attributes, one per line (the text is used as is; see [`md`] for input text).
pub(crate) fn doc_attrs(doc: Option<&str>) -> TokenStream {
    let Some(doc) = doc else {
        return TokenStream::new();
    };
    let mut out = TokenStream::new();
    let lines: Vec<&str> = doc.trim().lines().map(str::trim_end).collect();
    for line in lines {
        // No leading whitespace: four spaces would make rustdoc read an indented code
        // block (and run it as a doctest); tabs are a clippy warning.
        let line = line.trim_start().replace('\t', "    ");
        let text = format!(" {line}");
        let text = doc_literal(text.trim_end());
        out.extend(quote!(#[doc = #text]));
    }
    out
}

/// A doc string as a literal. prettyplease prints a doc attribute from its value (as
/// `///` lines), never from the literal's spelling, so a raw string literal prints the
/// same as an escaped one, and it is far cheaper: no char-by-char escaping here, no
/// char-by-char unescaping when syn parses it and again when prettyplease reads it (the
/// docs of GasOrderService went through both ~2,000 times). Text with a carriage return
/// stays an escaped string (a raw string would keep the CR literally but not its
/// escape).
pub(crate) fn doc_literal(text: &str) -> Literal {
    if !text.contains('\r') {
        // `r#…#"..."#…#` needs more `#`s than any `"` in the text is followed by.
        let mut hashes = 0;
        for (at, _) in text.match_indices('"') {
            let run = text[at + 1..].bytes().take_while(|b| *b == b'#').count();
            hashes = hashes.max(run + 1);
        }
        let fence = "#".repeat(hashes);
        if let Ok(lit) = format!("r{fence}\"{text}\"{fence}").parse::<Literal>() {
            return lit;
        }
    }
    Literal::string(text)
}

/// A doc paragraph break followed by more lines.
pub(crate) fn join_docs(parts: &[Option<String>]) -> Option<String> {
    let parts: Vec<&str> = parts
        .iter()
        .flatten()
        .map(|s| s.trim())
        .filter(|s| !s.is_empty())
        .collect();
    if parts.is_empty() {
        None
    } else {
        Some(parts.join("\n\n"))
    }
}

/// Documentation taken from the input (xs:documentation, the spec overlay), escaped so
/// rustdoc shows it as written (no stray HTML tags, links or emphasis).
pub(crate) fn md(doc: &Option<String>) -> Option<String> {
    doc.as_deref().map(escape_markdown)
}

fn escape_markdown(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    // Bare URLs become autolinks (`<https://...>`); everything else is escaped.
    let mut rest = s;
    while let Some(at) = rest
        .find("http://")
        .into_iter()
        .chain(rest.find("https://"))
        .min()
    {
        escape_into(&mut out, &rest[..at]);
        let url_len = rest[at..]
            .find(|c: char| c.is_whitespace() || matches!(c, '<' | '>' | '"' | '`' | ')' | ']'))
            .unwrap_or(rest.len() - at);
        let url = rest[at..at + url_len].trim_end_matches(['.', ',', ';', ':']);
        out.push('<');
        out.push_str(url);
        out.push('>');
        rest = &rest[at + url.len()..];
    }
    escape_into(&mut out, rest);
    out
}

fn escape_into(out: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '<' | '>' | '[' | ']' | '*' | '`' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            _ => out.push(c),
        }
    }
}

impl Ctx<'_> {
    /// Tokens of a simple type.
    pub fn ty(&self, t: &Ty) -> TokenStream {
        let rt = &self.rt;
        match t {
            Ty::Std(p) => p.parse().unwrap_or_else(|_| quote!(String)),
            Ty::Runtime(p) => {
                let id = ident(p);
                quote!(#rt::#id)
            }
            Ty::Named(n) => {
                let id = ident(n);
                quote!(#id)
            }
            Ty::List(inner) => {
                let i = self.ty(inner);
                quote!(Vec<#i>)
            }
        }
    }

    /// Tokens of the (unwrapped) value of an element.
    pub fn value_ty(&self, v: &ValueKind, boxed: bool) -> TokenStream {
        let rt = &self.rt;
        match v {
            ValueKind::Simple(t) => self.ty(t),
            ValueKind::Complex(n) => {
                let id = ident(n);
                if boxed { quote!(Box<#id>) } else { quote!(#id) }
            }
            ValueKind::AnyElement => quote!(#rt::RawXml),
            ValueKind::Wrapper { item_value, .. } => {
                let i = self.value_ty(item_value, false);
                quote!(Vec<#i>)
            }
        }
    }

    /// Tokens of an element field's type with its cardinality.
    pub fn field_ty(&self, v: &ValueKind, card: Card, nillable: bool, boxed: bool) -> TokenStream {
        let base = self.value_ty(v, boxed);
        if matches!(v, ValueKind::Wrapper { .. }) {
            return base;
        }
        match card {
            Card::One if nillable => quote!(Option<#base>),
            Card::One => base,
            Card::Optional => quote!(Option<#base>),
            Card::Many => {
                let unboxed = self.value_ty(v, false);
                quote!(Vec<#unboxed>)
            }
        }
    }
}

fn ns_tokens(ns: &Option<String>) -> TokenStream {
    match ns {
        Some(n) => quote!(Some(#n)),
        None => quote!(None),
    }
}

/// Formats one file: header, then the items.
fn format_file(header: &str, tokens: TokenStream) -> Result<String, Error> {
    let file: syn::File = syn::parse2(tokens).map_err(|e| {
        Error::new(
            ErrorKind::Unsupported,
            None,
            format!("internal error: generated code does not parse: {e}"),
        )
    })?;
    let body = prettyplease::unparse(&file);
    // The files are formatted by prettyplease; `cargo fmt` leaves them so. An inner
    // attribute rather than `#[rustfmt::skip]` on the `mod` items: an attribute there
    // makes the module count as macro-expanded, and rustc then refuses paths to the
    // `macro_export`ed operation list (`crate::<service>_operations!`).
    Ok(format!(
        "{header}\n#![cfg_attr(rustfmt, rustfmt::skip)]\n{body}"
    ))
}

pub(crate) fn generate(
    model: &Model,
    plan: &Plan,
    overlay: Option<&Overlay>,
    options: &GenerateOptions,
) -> Result<GeneratedFiles, Error> {
    let rt: syn::Path = syn::parse_str(&options.runtime_path).map_err(|e| {
        Error::new(
            ErrorKind::Unsupported,
            None,
            format!(
                "runtime path `{}` is not a Rust path: {e}",
                options.runtime_path
            ),
        )
    })?;
    let ctx = Ctx {
        model,
        plan,
        overlay,
        rt: quote!(#rt),
        rt_text: options.runtime_path.clone(),
    };
    let source = options
        .source_name
        .clone()
        .unwrap_or_else(|| model.entry.clone());
    let header = format!(
        "// {}",
        crate::generated_header(&source, &model.input_sha256)
    );
    let mut files = BTreeMap::new();
    files.insert(
        PathBuf::from("mod.rs"),
        format_file(&header, mod_file(&ctx, &source, options))?,
    );
    files.insert(
        PathBuf::from("types.rs"),
        format_file(&header, types::emit(&ctx))?,
    );
    files.insert(
        PathBuf::from("xml.rs"),
        format_file(&header, xml::emit(&ctx))?,
    );
    files.insert(
        PathBuf::from("operations.rs"),
        format_file(&header, ops::operations(&ctx))?,
    );
    if options.server {
        files.insert(
            PathBuf::from("server.rs"),
            format_file(&header, ops::server(&ctx))?,
        );
    }
    if let Some(path) = &options.client_path {
        let client_path: syn::Path = syn::parse_str(path).map_err(|e| {
            Error::new(
                ErrorKind::Unsupported,
                None,
                format!("client path `{path}` is not a Rust path: {e}"),
            )
        })?;
        files.insert(
            PathBuf::from("client.rs"),
            format_file(&header, client::client(&ctx, &quote!(#client_path)))?,
        );
    }
    files.insert(
        PathBuf::from("validate.rs"),
        format_file(&header, validate::emit(&ctx))?,
    );
    Ok(GeneratedFiles { files })
}

fn mod_file(ctx: &Ctx<'_>, source: &str, options: &GenerateOptions) -> TokenStream {
    let mut lines = vec![
        format!(" Generated from `{source}`."),
        String::new(),
        format!(
            " {} operations, {} types. `types`: the data; `operations`: one unit struct per",
            ctx.plan.ops.len(),
            ctx.plan.types.len()
        ),
        " operation; `validate`: request validation; the XML readers and writers are trait"
            .to_owned(),
        " impls in a private module.".to_owned(),
    ];
    if !ctx.plan.notes.is_empty() {
        lines.push(String::new());
        lines.push(" Notes from the generator:".to_owned());
        for n in &ctx.plan.notes {
            lines.push(format!(" - {}", escape_markdown(n)));
        }
    }
    let docs = lines.iter().map(|l| {
        let l = doc_literal(l);
        quote!(#![doc = #l])
    });
    let server = if options.server {
        quote!(
            pub mod server;
        )
    } else {
        quote!()
    };
    // Behind a feature of the generated crate: types-only users build no HTTP stack.
    let client = match (&options.client_path, &options.client_feature) {
        (Some(_), Some(feature)) => quote! {
            #[cfg(feature = #feature)]
            pub mod client;
        },
        (Some(_), None) => quote!(
            pub mod client;
        ),
        (None, _) => quote!(),
    };
    quote! {
        #(#docs)*
        #client
        pub mod operations;
        #server
        pub mod types;
        pub mod validate;
        mod xml;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Doc text through the formatter, from a raw (`doc_literal`) and an escaped literal.
    fn printed(text: &str) -> (String, String) {
        let print = |lit: Literal| {
            let file: syn::File = syn::parse2(quote! {
                #[doc = #lit]
                struct S;
            })
            .unwrap();
            prettyplease::unparse(&file)
        };
        (print(doc_literal(text)), print(Literal::string(text)))
    }

    #[test]
    fn doc_literals_print_as_escaped_strings_do() {
        for text in [
            " plain",
            " \"quoted\" and \"#hash\"## and \"###",
            " ends with a quote\"",
            " back\\slash, \\n, tab\t, unicode é ✓",
            " carriage\r\nreturn",
            "",
        ] {
            let (raw, escaped) = printed(text);
            assert_eq!(raw, escaped, "{text:?}");
        }
        assert!(doc_literal(" \"#x").to_string().starts_with("r##\""));
        assert!(doc_literal(" a\rb").to_string().starts_with('"'));
    }
}
