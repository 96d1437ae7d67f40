//! soap-client: calls a SOAP service through the operations code generated from its WSDL
//! (by `soapgen`, or `cargo xtask codegen` in this repository).
//!
//! A generated crate describes each operation as a unit struct implementing
//! [`soap_runtime::Operation`] (wire names, SOAP version and action, request and response
//! types); this crate sends any of them, with no code per operation:
//!
//! ```no_run
//! # async fn run<Op: soap_runtime::Operation>(input: Op::Input) -> Result<(), Box<dyn std::error::Error>> {
//! let client = soap_client::Client::builder("https://example.com/service")
//!     .timeout(std::time::Duration::from_secs(20))
//!     .build()?;
//! let output = client.call::<Op>(input).await?;
//! # Ok(()) }
//! ```
//!
//! Generated crates wrap this in a `Client` with one method per operation
//! (`client.check_vat(input)`).
//!
//! What a call does:
//! - **Envelope and headers**: SOAP 1.1 (`text/xml`, `SOAPAction` header) or 1.2
//!   (`application/soap+xml; action="…"`), as the operation's binding says or as
//!   [`ClientBuilder::soap_version`] forces.
//! - **Bounds**: a connect timeout and a whole-exchange timeout; the response body is
//!   refused beyond [`Limits::max_size`](soap_runtime::Limits) while it streams in
//!   (never buffered whole), and decoded with the same [`Limits`](soap_runtime::Limits).
//! - **TLS**: rustls with the platform's roots, plus any given with
//!   [`ClientBuilder::add_root_certificate_pem`]; verification cannot be switched off;
//!   ALPN `http/1.1`. The crypto provider: one the program installed process-wide, else
//!   the cargo feature's, `aws-lc-rs` or `ring` (the default; it builds in seconds where
//!   aws-lc-rs compiles AWS-LC from C); with neither, building is [`BuildError::Tls`],
//!   never a panic. The crate never installs a process-wide provider. For a
//!   `reqwest::Client` of your own ([`ClientBuilder::http_client`]) start from
//!   [`http_client_builder`]: `reqwest::Client::new()` needs a process-wide provider here.
//! - **Errors** ([`Error`]): a SOAP fault (any HTTP status) is [`Error::Fault`] with the
//!   parsed [`Fault`](soap_runtime::Fault) (its declared detail readable as a generated
//!   type with [`fault_detail`]); another non-2xx answer is [`Error::Status`] with the
//!   start of its body; a 2xx body that is not the expected response is
//!   [`Error::Decode`].
//! - **Retries** under a [`RetryPolicy`] (capped exponential backoff with jitter): a
//!   request whose connection could not be made (nothing of it left) is sent again;
//!   an operation marked idempotent ([`ClientBuilder::idempotent`]) also after a lost
//!   answer (timeout, reset) and after HTTP 408, 429 or a 5xx that is not a SOAP fault.
//!   Nothing else is ever sent twice. Each retry is logged at `warn`.
//! - **Headers**: blocks every request carries in `soap:Header`
//!   ([`ClientBuilder::header`], any [`HeaderBlock`](soap_runtime::envelope::HeaderBlock)),
//!   written anew per request; **WS-Security UsernameToken** ([`wsse::UsernameToken`]:
//!   password as text or as digest with a fresh nonce and time, byte for byte as zeep
//!   writes it).
//! - **Tracing**: one `soap.call` span per call (`operation`, `host`, `attempts`,
//!   `http_status`).
//!
//! Lower level: [`Client::send`] posts a ready envelope and returns the raw [`Reply`], for
//! callers that decode answers themselves.

#[cfg(feature = "blocking")]
pub mod blocking;
mod client;
mod error;
mod fault;
mod retry;
#[cfg(feature = "stub")]
pub mod stub;
mod tls;
mod transport;
pub mod wsse;

pub use client::{
    BuildError, Client, ClientBuilder, DEFAULT_CONNECT_TIMEOUT, DEFAULT_TIMEOUT,
    http_client_builder,
};
pub use error::{Error, TransportErrorKind};
pub use fault::fault_detail;
pub use retry::RetryPolicy;
pub use transport::Reply;

/// Re-exported: give [`ClientBuilder::http_client`] a client of this version (built from
/// [`http_client_builder`]: reqwest is compiled without a crypto provider of its own).
pub use reqwest;
/// Re-exported: generated crates and callers name the same runtime.
pub use soap_runtime;
