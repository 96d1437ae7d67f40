//! `operations.rs` and `server.rs`.

use proc_macro2::TokenStream;
use quote::quote;

use super::{Ctx, doc_attrs, ident, join_docs, md};
use crate::model::SoapVersion;
use crate::rust::HeaderPart;

fn version_tokens(ctx: &Ctx<'_>, v: SoapVersion) -> TokenStream {
    let rt = &ctx.rt;
    match v {
        SoapVersion::Soap11 => quote!(#rt::SoapVersion::Soap11),
        SoapVersion::Soap12 => quote!(#rt::SoapVersion::Soap12),
    }
}

/// `(namespace, local)` pairs of header parts, for `Operation::INPUT_HEADERS` /
/// `OUTPUT_HEADERS`.
fn header_names(parts: &[HeaderPart]) -> Vec<TokenStream> {
    parts
        .iter()
        .map(|h| {
            let ns = h.body.xml.ns.clone().unwrap_or_default();
            let local = &h.body.xml.local;
            quote!((#ns, #local))
        })
        .collect()
}

/// The doc line of a header set's field.
fn header_doc(h: &HeaderPart) -> TokenStream {
    let ns = h.body.xml.ns.as_deref().unwrap_or("");
    doc_attrs(Some(&format!(
        "`{{{ns}}}{}` (part `{}`).",
        h.body.xml.local, h.part
    )))
}

/// `request_headers` and `response_headers`: one struct per operation with headers, one
/// optional field per declared block.
fn header_sets(ctx: &Ctx<'_>) -> TokenStream {
    let rt = &ctx.rt;
    let mut requests = Vec::new();
    let mut responses = Vec::new();
    for op in &ctx.plan.ops {
        if op.request_headers.is_empty() && op.response_headers.is_empty() {
            continue;
        }
        let name = ident(&op.name);
        let wire = &op.wire_name;
        let fields = op.request_headers.iter().map(|h| {
            let f = ident(&h.field);
            let t = ident(&h.body.rust);
            let doc = header_doc(h);
            quote!(#doc pub #f: Option<#rt::envelope::Header<super::super::types::#t>>,)
        });
        let pushes = op.request_headers.iter().map(|h| {
            let f = ident(&h.field);
            quote!(if let Some(h) = &self.#f { out.push(h); })
        });
        let out_decl = if op.request_headers.is_empty() {
            quote!(let out = Vec::new();)
        } else {
            quote!(let mut out: Vec<&dyn #rt::envelope::HeaderBlock> = Vec::new();)
        };
        let doc = format!(
            "The header blocks `{wire}`'s request declares (set the ones to send; wrap a block with `Header::must_understand` to mark it)."
        );
        let doc = doc_attrs(Some(&doc));
        requests.push(quote! {
            #doc
            #[derive(Clone, Debug, Default, PartialEq)]
            pub struct #name {
                #(#fields)*
            }

            impl #rt::envelope::RequestHeaders for #name {
                fn blocks(&self) -> Vec<&dyn #rt::envelope::HeaderBlock> {
                    #out_decl
                    #(#pushes)*
                    out
                }
            }
        });
        let fields = op.response_headers.iter().map(|h| {
            let f = ident(&h.field);
            let t = ident(&h.body.rust);
            let doc = header_doc(h);
            quote!(#doc pub #f: Option<super::super::types::#t>,)
        });
        let reads = op.response_headers.iter().map(|h| {
            let f = ident(&h.field);
            let t = ident(&h.body.rust);
            quote!(#f: headers.get::<super::super::types::#t>(limits).transpose()?,)
        });
        let (h_param, l_param) = if op.response_headers.is_empty() {
            (quote!(_headers), quote!(_limits))
        } else {
            (quote!(headers), quote!(limits))
        };
        let doc = format!("The header blocks `{wire}`'s response declares, as received.");
        let doc = doc_attrs(Some(&doc));
        responses.push(quote! {
            #doc
            #[derive(Clone, Debug, Default, PartialEq)]
            pub struct #name {
                #(#fields)*
            }

            impl #rt::envelope::ResponseHeaders for #name {
                fn from_received(
                    #h_param: &#rt::envelope::ReceivedHeaders,
                    #l_param: &#rt::Limits,
                ) -> Result<Self, #rt::DecodeError> {
                    Ok(#name { #(#reads)* })
                }
            }
        });
    }
    if requests.is_empty() {
        return quote!();
    }
    quote! {
        /// Per operation, the `soap:header` blocks its request declares.
        pub mod request_headers {
            #(#requests)*
        }
        /// Per operation, the `soap:header` blocks its response declares.
        pub mod response_headers {
            #(#responses)*
        }
    }
}

/// `faults`: one enum per operation that declares faults with detail elements.
fn fault_enums(ctx: &Ctx<'_>) -> TokenStream {
    let rt = &ctx.rt;
    let mut enums = Vec::new();
    for op in &ctx.plan.ops {
        if op.fault_parts.is_empty() {
            continue;
        }
        let name = ident(&op.name);
        let variants = op.fault_parts.iter().map(|f| {
            let v = ident(&f.variant);
            let t = ident(&f.body.rust);
            let ns = f.body.xml.ns.as_deref().unwrap_or("");
            let doc = doc_attrs(Some(&format!(
                "`wsdl:fault` `{}`: detail element `{{{ns}}}{}`.",
                f.name, f.body.xml.local
            )));
            quote!(#doc #v(super::super::types::#t),)
        });
        let arms = op.fault_parts.iter().map(|f| {
            let v = ident(&f.variant);
            let t = ident(&f.body.rust);
            let ns = f.body.xml.ns.clone().unwrap_or_default();
            let local = &f.body.xml.local;
            quote! {
                (#ns, #local) => Some(
                    <super::super::types::#t as #rt::BodyElement>::read_element(r).map(Self::#v),
                ),
            }
        });
        let doc = doc_attrs(Some(&format!(
            "The faults `{}` declares, read from a fault's detail (`FaultDetail::from_fault`, or `soap_client::Error::declared_fault`).",
            op.wire_name
        )));
        enums.push(quote! {
            #doc
            #[derive(Clone, Debug, PartialEq)]
            #[allow(clippy::large_enum_variant)]
            pub enum #name {
                #(#variants)*
                /// A detail element the operation does not declare, as received.
                Undeclared(#rt::RawXml),
            }

            impl #rt::FaultDetail for #name {
                fn from_fault(
                    fault: &#rt::Fault,
                    limits: &#rt::Limits,
                ) -> Option<Result<Self, #rt::DecodeError>> {
                    #rt::read_fault_detail(
                        fault,
                        limits,
                        |r, namespace, local| match (namespace, local) {
                            #(#arms)*
                            _ => None,
                        },
                        Self::Undeclared,
                    )
                }
            }
        });
    }
    if enums.is_empty() {
        return quote!();
    }
    quote! {
        /// Per operation, the faults it declares.
        pub mod faults {
            #(#enums)*
        }
    }
}

pub(crate) fn operations(ctx: &Ctx<'_>) -> TokenStream {
    let rt = &ctx.rt;
    let mut items = Vec::new();
    let mut infos = Vec::new();
    for op in &ctx.plan.ops {
        let name = ident(&op.name);
        let wire = &op.wire_name;
        let action = &op.soap_action;
        let version = version_tokens(ctx, op.version);
        let doc = doc_attrs(
            join_docs(&[
                md(&op.doc),
                Some(format!(
                    "Operation `{}`: request `<{}>`, response `<{}>`.",
                    op.wire_name,
                    op.input
                        .as_ref()
                        .map(|b| b.xml.local.as_str())
                        .unwrap_or("none"),
                    op.output
                        .as_ref()
                        .map(|b| b.xml.local.as_str())
                        .unwrap_or("none"),
                )),
            ])
            .as_deref(),
        );
        items.push(quote! {
            #doc
            #[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
            pub struct #name;
        });
        if let (Some(i), Some(o)) = (&op.input, &op.output) {
            let it = ident(&i.rust);
            let ot = ident(&o.rust);
            let mut header_consts = TokenStream::new();
            if !op.request_headers.is_empty() {
                let names = header_names(&op.request_headers);
                header_consts.extend(quote! {
                    const INPUT_HEADERS: &'static [(&'static str, &'static str)] = &[#(#names),*];
                });
            }
            if !op.response_headers.is_empty() {
                let names = header_names(&op.response_headers);
                header_consts.extend(quote! {
                    const OUTPUT_HEADERS: &'static [(&'static str, &'static str)] = &[#(#names),*];
                });
            }
            items.push(quote! {
                impl #rt::Operation for #name {
                    const NAME: &'static str = #wire;
                    const SOAP_ACTION: &'static str = #action;
                    const SOAP_VERSION: #rt::SoapVersion = #version;
                    type Input = super::types::#it;
                    type Output = super::types::#ot;
                    #header_consts
                }
            });
            if !op.fault_parts.is_empty() {
                items.push(quote! {
                    impl #rt::OperationFaults for #name {
                        type Fault = faults::#name;
                    }
                });
            }
            if !op.request_headers.is_empty() || !op.response_headers.is_empty() {
                items.push(quote! {
                    impl #rt::envelope::OperationHeaders for #name {
                        type RequestHeaders = request_headers::#name;
                        type ResponseHeaders = response_headers::#name;
                    }
                });
            }
        }
        let (input, input_ns) = op
            .input
            .as_ref()
            .map(|b| (b.xml.local.clone(), b.xml.ns.clone().unwrap_or_default()))
            .unwrap_or_default();
        let (output, output_ns) = op
            .output
            .as_ref()
            .map(|b| (b.xml.local.clone(), b.xml.ns.clone().unwrap_or_default()))
            .unwrap_or_default();
        let faults = &op.faults;
        let ih = &op.input_headers;
        let oh = &op.output_headers;
        infos.push(quote! {
            #rt::OperationInfo {
                name: #wire,
                soap_action: #action,
                soap_version: #version,
                input: #input,
                input_namespace: #input_ns,
                output: #output,
                output_namespace: #output_ns,
                faults: &[#(#faults),*],
                input_headers: &[#(#ih),*],
                output_headers: &[#(#oh),*],
            }
        });
    }
    let sets = header_sets(ctx);
    let faults = fault_enums(ctx);
    let for_each = for_each_operation(ctx);
    quote! {
        //! One unit struct per operation, tying its wire names to the generated types.
        #(#items)*

        #sets

        #faults

        /// Every operation, in the WSDL's order.
        pub const OPERATIONS: &[#rt::OperationInfo] = &[#(#infos),*];

        #for_each
    }
}

/// `<service>_operations!`: the list of operations for code that needs one item per
/// operation with its type (a dispatch `match`, trait impls, a table of files), so that
/// code is written against the generated list instead of a copy of it. Exported at the
/// crate root (where `macro_export` puts it), named after the service so two generated
/// services can share a crate.
fn for_each_operation(ctx: &Ctx<'_>) -> TokenStream {
    let entries = ctx
        .plan
        .ops
        .iter()
        .filter(|op| op.input.is_some() && op.output.is_some())
        .map(|op| {
            let name = ident(&op.name);
            let wire = &op.wire_name;
            quote!(#name = #wire)
        });
    let service = ctx
        .model
        .services
        .first()
        .map(|s| s.name.clone())
        .unwrap_or_else(|| entry_stem(&ctx.model.entry));
    let name = ident(&format!(
        "{}_operations",
        crate::rust::names::snake(&service)
    ));
    let doc = format!(
        "Calls `$callback! {{ Op = \"WireName\", ... }}` with every operation of `{service}` that has a request and a response, in the WSDL's order (`Op` is its unit struct in `operations`): for code that needs one item per operation, such as a dispatch `match` or trait impls, instead of a copy of the list."
    );
    let doc = doc_attrs(Some(&doc));
    quote! {
        #doc
        #[macro_export]
        macro_rules! #name {
            ($callback:ident) => {
                $callback! { #(#entries),* }
            };
        }
    }
}

/// The entry file's name without directories and extension, for a WSDL without a service.
fn entry_stem(entry: &str) -> String {
    std::path::Path::new(entry)
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("service")
        .to_owned()
}

pub(crate) fn server(ctx: &Ctx<'_>) -> TokenStream {
    let rt = &ctx.rt;
    let mut methods = Vec::new();
    let mut arms = Vec::new();
    let mut seen = std::collections::BTreeSet::new();
    for op in &ctx.plan.ops {
        let (Some(i), Some(o)) = (&op.input, &op.output) else {
            continue;
        };
        let m = ident(&op.method);
        let it = ident(&i.rust);
        let ot = ident(&o.rust);
        let doc = doc_attrs(
            join_docs(&[
                md(&op.doc),
                Some(format!(
                    "`{}`: answer the request, or return a fault.",
                    op.wire_name
                )),
            ])
            .as_deref(),
        );
        methods.push(quote! {
            #doc
            fn #m(
                &self,
                input: super::types::#it,
            ) -> impl ::core::future::Future<Output = Result<super::types::#ot, #rt::Fault>> + Send;
        });
        // Dispatch by the body element's qualified name (a wrapper in another namespace
        // is no operation of this service); the first operation wins.
        if seen.insert((i.xml.ns.clone(), i.xml.local.clone())) {
            let local = &i.xml.local;
            let ns = match &i.xml.ns {
                Some(ns) => quote!(Some(#ns)),
                None => quote!(None),
            };
            arms.push(quote! {
                (#ns, #local) => match #rt::server::decode_or_fault::<super::types::#it>(request, limits, info.version) {
                    Ok(input) => #rt::server::DispatchResult::reply(handler.#m(input).await, info.version),
                    Err(answer) => answer,
                },
            });
        }
    }
    let handler_param = if arms.is_empty() {
        quote!(_handler)
    } else {
        quote!(handler)
    };
    quote! {
        //! The server side: implement [`Handler`], then feed request bodies to [`dispatch`].
        /// One method per operation. Futures must be `Send` (servers run them on a
        /// multi-threaded runtime); implement with `async fn`.
        pub trait Handler: Send + Sync {
            #(#methods)*
        }

        /// Decodes a SOAP request, calls the handler's method for its body element, and
        /// encodes the answer. An unreadable request or an unknown body element (by
        /// namespace and local name) gets a `Client` fault with HTTP 500, as Apache CXF
        /// answers.
        pub async fn dispatch<H: Handler>(
            #handler_param: &H,
            request: &[u8],
            limits: &#rt::Limits,
        ) -> #rt::server::DispatchResult {
            let info = match #rt::envelope::request_info(request, limits) {
                Ok(info) => info,
                Err(e) => return #rt::server::DispatchResult::unreadable(&e),
            };
            match (info.namespace.as_deref(), info.name.as_str()) {
                #(#arms)*
                _ => #rt::server::DispatchResult::unknown_operation(&info),
            }
        }
    }
}
