//! `client.rs` (standalone crates): a `Client` with one async method per operation, each
//! a call of the generic `soap_client::Client::call` with the operation's unit struct.

use proc_macro2::TokenStream;
use quote::quote;

use super::{Ctx, doc_attrs, ident, join_docs, md};

/// Method names the wrapper itself uses; an operation named like one gets `call_` in
/// front.
const RESERVED: &[&str] = &["new", "builder", "from_client", "soap_client"];

pub(crate) fn client(ctx: &Ctx<'_>, client_path: &TokenStream) -> TokenStream {
    let mut methods = Vec::new();
    let mut seen = std::collections::BTreeSet::new();
    let method_name = |method: &str| {
        if RESERVED.contains(&method) {
            format!("call_{method}")
        } else {
            method.to_owned()
        }
    };
    // An operation's own method wins over another's `_with_headers` name.
    let plain: std::collections::BTreeSet<String> = ctx
        .plan
        .ops
        .iter()
        .filter(|op| op.input.is_some() && op.output.is_some())
        .map(|op| method_name(&op.method))
        .collect();
    for op in &ctx.plan.ops {
        let (Some(i), Some(o)) = (&op.input, &op.output) else {
            continue;
        };
        let name = method_name(&op.method);
        if !seen.insert(name.clone()) {
            continue;
        }
        let m = ident(&name);
        let unit = ident(&op.name);
        let it = ident(&i.rust);
        let ot = ident(&o.rust);
        let doc = doc_attrs(
            join_docs(&[
                md(&op.doc),
                Some(format!(
                    "Calls `{}` (`<{}>` → `<{}>`).",
                    op.wire_name, i.xml.local, o.xml.local
                )),
            ])
            .as_deref(),
        );
        methods.push(quote! {
            #doc
            pub async fn #m(
                &self,
                input: super::types::#it,
            ) -> Result<super::types::#ot, #client_path::Error> {
                self.inner.call::<super::operations::#unit>(input).await
            }
        });
        if op.request_headers.is_empty() && op.response_headers.is_empty() {
            continue;
        }
        let with = format!("{name}_with_headers");
        if plain.contains(&with) || !seen.insert(with.clone()) {
            continue;
        }
        let m = ident(&with);
        let doc = format!(
            "Calls `{}` with the header blocks its request declares, and returns the ones its response declares besides the answer.",
            op.wire_name
        );
        let doc = doc_attrs(Some(&doc));
        methods.push(quote! {
            #doc
            pub async fn #m(
                &self,
                input: super::types::#it,
                headers: super::operations::request_headers::#unit,
            ) -> Result<
                (super::types::#ot, super::operations::response_headers::#unit),
                #client_path::Error,
            > {
                self.inner
                    .call_declared::<super::operations::#unit>(input, headers)
                    .await
            }
        });
    }
    quote! {
        //! The client: one async method per operation, over [`soap_client::Client`] (timeouts,
        //! limits, TLS, faults, retries of operations marked idempotent are configured there).
        /// A client of this service. Cheap to clone; share it between tasks.
        #[derive(Clone, Debug)]
        pub struct Client {
            inner: #client_path::Client,
        }

        impl Client {
            /// A client for the service at `url`, with `soap_client`'s defaults.
            pub fn new(url: impl Into<String>) -> Result<Self, #client_path::BuildError> {
                Ok(Client { inner: #client_path::Client::new(url)? })
            }

            /// Starts configuring the underlying client (timeouts, limits, TLS roots,
            /// retries); finish with `Client::from_client(builder.build()?)`.
            pub fn builder(url: impl Into<String>) -> #client_path::ClientBuilder {
                #client_path::Client::builder(url)
            }

            /// Wraps a configured `soap_client::Client`.
            pub fn from_client(inner: #client_path::Client) -> Self {
                Client { inner }
            }

            /// The underlying client (for `call::<operations::X>` and `send`).
            pub fn soap_client(&self) -> &#client_path::Client {
                &self.inner
            }

            #(#methods)*
        }
    }
}
