//! What a generated `dispatch` function returns and the steps it is built from.
//!
//! Error behaviour follows Apache CXF (what GlobalSign runs): a request that cannot be
//! read or names no known operation gets a `Client` fault with HTTP 500.

use crate::envelope::{self, RequestInfo};
use crate::{BodyElement, DecodeError, Fault, Limits, SoapVersion};

/// An HTTP answer: status, content type and body.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DispatchResult {
    pub status: u16,
    pub content_type: &'static str,
    pub body: Vec<u8>,
}

impl DispatchResult {
    /// A fault envelope with HTTP 500 (SOAP 1.1 and 1.2 both use 500 for faults).
    pub fn fault(fault: &Fault, version: SoapVersion) -> Self {
        DispatchResult {
            status: 500,
            content_type: version.content_type(),
            body: envelope::encode_fault(fault, version),
        }
    }

    /// A response envelope with HTTP 200; a body that cannot be written becomes a
    /// `Server` fault.
    pub fn response<B: BodyElement>(body: &B, version: SoapVersion) -> Self {
        match envelope::encode_response(body, version) {
            Ok(bytes) => DispatchResult {
                status: 200,
                content_type: version.content_type(),
                body: bytes,
            },
            Err(e) => Self::fault(&Fault::server(format!("Marshalling Error: {e}")), version),
        }
    }

    /// A handler's result as an HTTP answer.
    pub fn reply<B: BodyElement>(result: Result<B, Fault>, version: SoapVersion) -> Self {
        match result {
            Ok(body) => Self::response(&body, version),
            Err(fault) => Self::fault(&fault, version),
        }
    }

    /// A request that is not a readable SOAP envelope.
    pub fn unreadable(err: &DecodeError) -> Self {
        Self::fault(
            &Fault::client(format!("Unmarshalling Error: {err}")),
            SoapVersion::Soap11,
        )
    }

    /// A body element that names no operation of this service.
    pub fn unknown_operation(info: &RequestInfo) -> Self {
        let name = match &info.namespace {
            Some(ns) => format!("{{{ns}}}{}", info.name),
            None => info.name.clone(),
        };
        Self::fault(
            &Fault::client(format!(
                "Unexpected wrapper element {name} found. No such operation."
            )),
            info.version,
        )
    }
}

/// Decodes a request body, or gives the `Client` fault answer.
pub fn decode_or_fault<B: BodyElement>(
    bytes: &[u8],
    limits: &Limits,
    version: SoapVersion,
) -> Result<B, DispatchResult> {
    envelope::decode_request(bytes, limits).map_err(|e| {
        DispatchResult::fault(&Fault::client(format!("Unmarshalling Error: {e}")), version)
    })
}
