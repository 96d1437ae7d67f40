//! gas-sandbox: a local GasOrderService v2 that follows GlobalSign's spec.

pub mod api_error;
pub mod ca;
pub mod csr;
pub mod model;
