//! A typed client for GlobalSign's client-certificate SOAP API (GasOrderService v2):
//! PersonalSign, code-signing, AATL and qualified certificate orders, reissue, cancel and
//! revoke, enrolment e-mails, and the three order queries.
//!
//! ```no_run
//! use gas_client::{Credentials, Endpoint, GasClient};
//! # fn main() -> Result<(), gas_client::BuildError> {
//! let client = GasClient::builder(Endpoint::Test, Credentials::new("PAR12345_api", "password"))
//!     .build()?;
//! # let _ = client; Ok(()) }
//! ```
//!
//! Every operation goes through the same path: the client fills `OrderRequestHeader` with
//! its credentials, validates the request against the spec's rules (nothing is sent when
//! something is wrong), posts the SOAP envelope (`text/xml; charset=utf-8`,
//! `SOAPAction: ""`), reads the answer within the size limit and the timeout, and maps it:
//!
//! | answer | result |
//! | --- | --- |
//! | `SuccessCode` 0 | `Ok(`[`Response`]`)` |
//! | `SuccessCode` 1 | `Ok(`[`Response`]`)` with [`Response::warnings`] |
//! | `SuccessCode` −1 | [`Error::Api`]: every `Error` entry typed by the spec's table ([`ApiErrorCode`]) |
//! | SOAP fault | [`Error::SoapFault`] |
//! | other HTTP error status | [`Error::HttpStatus`] with the start of the body |
//! | body not decodable | [`Error::Decode`] with the element path and the start of the body |
//! | no answer | [`Error::Transport`], saying whether the request may have reached the server |
//!
//! # Reading policy
//!
//! Our WSDL is our reading of a spec that contradicts itself, and GlobalSign's own schema
//! is not public, so answers are read leniently where that is safe, and every place where
//! an answer differs from the WSDL is kept in [`Response::deviations`] (path, kind, raw
//! XML): nothing is lost, and you learn where the contract and the server differ. Each kind
//! is logged once per call at `warn`. What decides the outcome is never read leniently.
//!
//! | the answer has | read as | strict reading ([`GasClientBuilder::strict_reading`]) |
//! | --- | --- | --- |
//! | `SuccessCode` twice (or any element the overlay marks `outcome`) | [`Error::Decode`] | [`Error::Decode`] |
//! | another element allowed once, twice (the spec's doubled `OrderDate`, ERRATA E84) | first kept, the rest a deviation | [`Error::Decode`] |
//! | an element or attribute the WSDL does not have | a deviation with its raw XML | [`Error::Decode`] |
//! | an alternative spelling ERRATA lists (`PrCertificate`, `SerialNumber`, `IncorporatingAgencyRegistrationNumber`) | read into the field it means, a deviation | [`Error::Decode`] |
//! | the body element named as the spec prints it (`OrderOSResponse`, `ModifyOrderResponse` for ResendEmail, `GetOrders`: ERRATA E3, E7–E9) | read, a deviation | [`Error::Decode`] |
//! | a required element missing | the field's default, a deviation | [`Error::Decode`] |
//! | a listed value in another ASCII case (`New` for `new`, ERRATA E102) | the listed value, a deviation | [`Error::Decode`] |
//! | a value no value set lists | kept as the enum's `Other(text)`, a deviation | [`Error::Decode`] |
//! | `ErrorCode`/`ErrorField`/`ErrorMessage` directly in `Errors` (the spec's outline, E26) | the answer's errors and warnings, deviations | [`Error::Decode`] |
//!
//! The policy itself lives in `soap_runtime::policy`; the spellings and outcome elements
//! come from `wsdl/spec-overlay.toml` (`aliases`, `outcome`).
//!
//! # Retries
//!
//! What the client does when an answer does not arrive depends on what a second copy of the
//! request would do on the server. The knobs are in [`RetryPolicy`].
//!
//! - **Queries** (`GetOrderByOrderID`, `GetModifiedOrders`, `GetOrders`) change nothing, so
//!   they are sent again, up to [`RetryPolicy::max_attempts`] in all, with exponential
//!   backoff and jitter, after a transport error (connection refused or reset, timeout,
//!   broken body) or an HTTP status 408, 429 or 5xx that is not a SOAP fault.
//! - **Nothing is retried** after a SOAP fault (the server read the request and rejected
//!   it; CXF answers schema problems this way, and the same bytes get the same fault), an
//!   API error (`SuccessCode` −1, even the codes the spec attributes to GlobalSign's side:
//!   see [`Error::is_transient`] to decide yourself), an undecodable or oversized answer,
//!   or a 4xx status other than 408 and 429.
//! - **Any request** whose connection could not be made (refused, DNS, TLS handshake) is
//!   sent again like a query: GlobalSign cannot have seen it.
//! - **Orders** (`OrderOS`, `OrderOSEV`, `OrderPS1`, `OrderPS2`, `OrderPS2Dept`,
//!   `OrderPS2Pro`, `OrderAATL`, `OrderQC`) are never sent twice blindly. When an order may
//!   have reached GlobalSign but no usable answer came back (timeout, reset, 5xx,
//!   a `Server` SOAP fault, an undecodable answer), the client reconciles through the order's `SubID`, the caller's
//!   own reference for it: it waits [`RetryPolicy::order_settle_delay`], asks `GetOrders`
//!   for orders with that `SubID`, and
//!   - if exactly one is found, returns it as `Ok`, with [`Response::recovery`] saying so
//!     (the value then carries the `OrderID` only);
//!   - if none is found, sends the order again (at most
//!     [`RetryPolicy::max_order_resends`] times; a server that records orders very late
//!     could still make this a duplicate, which the settle delay guards against);
//!   - otherwise (no `SubID`, several orders, the lookup failed, or no resend allowed)
//!     returns [`Error::OutcomeUnknown`] with the `SubID` and what the lookup found.
//!
//!   **Give every order a unique `SubID`**: it is what makes a lost answer recoverable.
//!   A `Client` SOAP fault, an API error or a 4xx status is final: the order was refused.
//! - **`ModifyOrder`, `ReIssue` and `ResendEmail`** have no `SubID`. When their answer is
//!   lost (the same cases as for orders) they end in [`Error::OutcomeUnknown`] with the `OrderID` they acted on; check it
//!   with `GetOrderByOrderID` (its status and modification events) before trying again.
//!
//! Timeouts apply to each attempt: [`GasClientBuilder::connect_timeout`] to the connection,
//! [`GasClientBuilder::timeout`] to the whole exchange up to the last body byte.
//!
//! The exchange itself (POST, timeouts, size limit, TLS, the retries of queries and of
//! requests that could not connect, with their backoff) is the generic
//! [`soap_client`]'s; what this crate adds is GlobalSign's: credentials, validation,
//! `SuccessCode` and the API's errors, the reading policy's report, and the SubID
//! reconciliation of orders.
//!
//! # Secrets
//!
//! The API password and every `PickupPassword` are [`Secret`]s: `Debug` and `Display`
//! print `***`. They never appear in errors or logs: the request body is never kept, and
//! anything kept from a response (error pages, faults, API messages) has the content of
//! every `…Password` element and every known secret masked first.
//!
//! # Tracing
//!
//! Every call runs in a `tracing` span `gas_call` with the fields `operation`, `host`,
//! `attempts`, `http_status`, `success_code`, `order_id`, `sub_id`, `duration_ms` and
//! `outcome`; retries and reconciliation are logged as events inside it. No field ever
//! holds a secret.
//!
//! # TLS
//!
//! HTTPS goes through rustls (no OpenSSL) with the platform's root certificates, and
//! certificate verification cannot be switched off. A test server with its own CA can be
//! trusted with [`GasClientBuilder::add_root_certificate_pem`]. Plain `http` is accepted
//! only on loopback (the sandbox) unless [`GasClientBuilder::allow_plain_http`] is set.
//!
//! The crypto provider is chosen by cargo features: `ring` (default: it builds in seconds,
//! where reqwest's default, aws-lc-rs, compiles AWS-LC from C for over a minute) or
//! `aws-lc-rs` (it wins when both are on; with `default-features = false, features =
//! ["client", "aws-lc-rs"]` ring is not built). A provider the program installed
//! process-wide (`rustls::crypto::CryptoProvider::install_default`) is used instead
//! whatever the features; with neither feature and none installed, building a client is
//! [`BuildError::Tls`]. The crate never installs a process-wide provider itself. A
//! program that also uses rustls with aws-lc-rs and calls `rustls::ClientConfig::builder()`
//! (which needs exactly one provider compiled in, or one installed) should install its
//! provider at start or turn on the `aws-lc-rs` feature here. A `reqwest::Client` of your
//! own for [`GasClientBuilder::http_client`] is best started from
//! [`http_client_builder`], which carries the same TLS configuration.
//!
//! # Blocking
//!
//! With the cargo feature `blocking`, `gas_client::blocking::GasClient` offers the same calls for code
//! without an async runtime.
//!
//! # Wire code without the transport
//!
//! Everything above is the default cargo feature `client`. Without it
//! (`default-features = false`) the crate is the wire code alone, with no HTTP or TLS
//! stack: the generated types, their XML readers and writers, [`operations`], the
//! [`server`] trait and dispatcher, [`validate`], the spec's [`rules`], [`Credentials`] and
//! the [`GasOperation`] view of each operation. The sandbox (`gas-sandbox`) is built on
//! that, the way tonic's server is built without its client.

#![warn(missing_docs)]

mod api_error;
#[cfg(feature = "client")]
mod call;
#[cfg(feature = "client")]
mod client;
mod endpoint;
#[cfg(feature = "client")]
mod error;
#[cfg(feature = "client")]
mod mask;
mod operation;
#[cfg(feature = "client")]
mod response;
#[cfg(feature = "client")]
mod retry;
pub mod rules;
mod service;
mod validation;

/// Code generated from `wsdl/` by `cargo xtask regen`: types, operations, validation, server side.
#[allow(missing_docs)]
pub mod generated;

/// The request and response types of every operation, generated from the WSDL with the
/// spec's field descriptions.
pub use generated::types;

/// One unit type per operation (implementing [`soap_runtime::Operation`] and
/// [`GasOperation`]), for [`GasClient::call`] and [`GasClient::call_order`].
pub use generated::operations;

/// The server side of the operations (a trait with one method per operation and a
/// dispatcher), used by the sandbox.
pub use generated::server;

/// The generated per-field validation, and the spec overlay's rules and error codes as
/// data (`RULES`, `ERROR_CODES`).
pub use generated::validate;

#[cfg(feature = "blocking")]
pub mod blocking;

pub use api_error::{ApiError, ApiErrorCode, ApiErrors};
#[cfg(feature = "client")]
pub use client::{
    BuildError, DEFAULT_CONNECT_TIMEOUT, DEFAULT_TIMEOUT, DEFAULT_USER_AGENT, GasClient,
    GasClientBuilder, http_client_builder,
};
pub use endpoint::{Credentials, Endpoint};
#[cfg(feature = "client")]
pub use error::{BODY_START_CHARS, Error, Reconciliation, TransportError, TransportErrorKind};
pub use operation::{
    GasOperation, OrderOperation, READ_ONLY_OPERATIONS, ResponseStatus, SubIdLookup, is_read_only,
};
#[cfg(feature = "client")]
pub use response::{Recovered, Response};
#[cfg(feature = "client")]
pub use retry::RetryPolicy;
pub use service::glue::GasRequest;
pub use service::responses::MissingElement;
pub use validation::{Violation, Violations};

/// The runtime types the generated request and response types are made of.
pub use soap_runtime::{Deviation, DeviationKind, Limits, Secret};
