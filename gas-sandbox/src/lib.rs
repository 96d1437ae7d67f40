//! gas-sandbox: a local GasOrderService v2 that follows GlobalSign's spec, for tests and CI.
//!
//! - [`Sandbox::builder`] starts one in-process on an ephemeral loopback port;
//!   the `gas-sandbox` binary runs one standalone.
//! - [`emulator::Emulator`]: the behaviour (accounts, orders, life cycle, queries), over
//!   the domain [`model`], with the transitions in [`lifecycle`].
//! - [`ca::TestCa`]: real X.509 certificates for issued orders.
//! - [`faults`]: fault injection for client tests.
//! - [`dialect`]: answers in our WSDL's shape (default) or as the spec's outlines print them.
//! - [`soap`]: the seam where the generated SOAP dispatcher plugs in.

pub mod accounts;
pub mod admin;
pub mod api_error;
pub mod ca;
pub mod clock;
mod connections;
pub mod csr;
pub mod dialect;
pub mod emulator;
pub mod faults;
mod fermat;
pub mod lifecycle;
mod log_throttle;
pub mod model;
pub mod options;
pub mod outbox;
pub mod pages;
pub mod pickup;
pub mod query;
mod sandbox;
pub mod server;
pub mod service;
pub mod soap;
mod spellings;
pub mod store;
pub mod validation;
pub mod wsdl;

/// The generated GasOrderService code this sandbox serves (types, validation, server trait).
pub(crate) use gas_client::generated as wire;

pub use server::ServerLimits;

pub use sandbox::{
    DEFAULT_MAX_ORDERS, DEFAULT_MAX_REQUEST_BYTES, HandlerFactory, Sandbox, SandboxBuilder,
    SandboxError, SandboxHandle,
};
