//! `operations.rs` and `server.rs`.

use proc_macro2::TokenStream;
use quote::quote;

use super::{Ctx, doc_attrs, ident, join_docs, md};
use crate::model::SoapVersion;

fn version_tokens(ctx: &Ctx<'_>, v: SoapVersion) -> TokenStream {
    let rt = &ctx.rt;
    match v {
        SoapVersion::Soap11 => quote!(#rt::SoapVersion::Soap11),
        SoapVersion::Soap12 => quote!(#rt::SoapVersion::Soap12),
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
            items.push(quote! {
                impl #rt::Operation for #name {
                    const NAME: &'static str = #wire;
                    const SOAP_ACTION: &'static str = #action;
                    const SOAP_VERSION: #rt::SoapVersion = #version;
                    type Input = super::types::#it;
                    type Output = super::types::#ot;
                }
            });
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
    quote! {
        //! One unit struct per operation, tying its wire names to the generated types.
        #(#items)*

        /// Every operation, in the WSDL's order.
        pub const OPERATIONS: &[#rt::OperationInfo] = &[#(#infos),*];
    }
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
