//! The side being measured: gas-client's generated types with soap-runtime's envelope
//! functions, exactly as the client calls them.

use soap_runtime::{DecodeError, EncodeError, Envelope, Limits, SoapVersion, envelope};

use crate::gen_types::{GetOrderByOrderIDResponse, GetOrdersResponse, OrderOSEV};

/// Why a benchmark input did not go through the generated code.
#[derive(Debug)]
pub enum Error {
    Decode(DecodeError),
    Encode(EncodeError),
    /// A SOAP fault where a body was expected.
    Fault(String),
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Error::Decode(e) => write!(f, "decode: {e}"),
            Error::Encode(e) => write!(f, "encode: {e}"),
            Error::Fault(e) => write!(f, "unexpected fault: {e}"),
        }
    }
}

impl std::error::Error for Error {}

fn body<B>(envelope: Envelope<B>) -> Result<B, Error> {
    match envelope {
        Envelope::Body(b) => Ok(b),
        Envelope::Fault(f) => Err(Error::Fault(f.to_string())),
    }
}

/// Walks every token of `bytes` with soap-runtime's reader (the document element
/// skipped whole) and builds nothing: the tokenizer's own floor.
pub fn walk(bytes: &[u8]) -> Result<(), DecodeError> {
    let mut reader = soap_runtime::XmlReader::new(bytes, &Limits::default())?;
    let root = reader.root()?;
    reader.skip(&root)?;
    reader.finish()
}

/// Reads a GetOrders answer with the generated reader and the default limits.
pub fn decode_get_orders(bytes: &[u8]) -> Result<GetOrdersResponse, Error> {
    decode_get_orders_with(bytes, &Limits::default())
}

/// As [`decode_get_orders`], with explicit limits (the memory benchmark's 100 MB
/// answer is above the default 64 MB).
pub fn decode_get_orders_with(bytes: &[u8], limits: &Limits) -> Result<GetOrdersResponse, Error> {
    envelope::decode_response::<GetOrdersResponse>(bytes, limits)
        .map_err(Error::Decode)
        .and_then(body)
}

/// Reads a GetOrderByOrderID answer with the generated reader.
pub fn decode_get_order_by_order_id(bytes: &[u8]) -> Result<GetOrderByOrderIDResponse, Error> {
    envelope::decode_response::<GetOrderByOrderIDResponse>(bytes, &Limits::default())
        .map_err(Error::Decode)
        .and_then(body)
}

/// The OrderOSEV request of [`crate::fixtures::order_osev_request`] as a generated value.
pub fn order_osev(fixture: &[u8]) -> Result<OrderOSEV, Error> {
    envelope::decode_request::<OrderOSEV>(fixture, &Limits::default()).map_err(Error::Decode)
}

/// Writes the request envelope with the generated writer.
pub fn encode_order_osev(order: &OrderOSEV) -> Result<Vec<u8>, Error> {
    envelope::encode_request(order, SoapVersion::Soap11).map_err(Error::Encode)
}

/// Orders in a decoded GetOrders answer.
pub fn order_count(response: &GetOrdersResponse) -> usize {
    response
        .response
        .as_ref()
        .map_or(0, |r| r.order_detail.len())
}

/// Decodes and counts (for tests and the memory benchmark's sanity check).
pub fn order_count_of(bytes: &[u8]) -> Result<usize, Error> {
    decode_get_orders(bytes).map(|r| order_count(&r))
}
