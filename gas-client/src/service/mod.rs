//! The generated GasOrderService operations wired into the client: what each request and
//! response carries for the call engine, the 14 methods, and request constructors.

pub(crate) mod glue;
#[cfg(feature = "client")]
mod methods;
mod parts;
mod requests;
pub(crate) mod responses;
