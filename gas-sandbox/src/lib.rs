//! gas-sandbox: a local GasOrderService v2 that follows GlobalSign's spec.

pub mod accounts;
pub mod api_error;
pub mod ca;
pub mod clock;
pub mod csr;
pub mod emulator;
pub mod lifecycle;
pub mod model;
pub mod query;
pub mod store;
