//! The seam between HTTP and the SOAP operations.
//!
//! The HTTP layer ([`crate::server`]) hands each POSTed envelope to a [`SoapHandler`]: the
//! dispatcher generated from `wsdl/GasOrderService.wsdl` into `gas-client/src/generated/`
//! (decode request → trait method → encode response), with the trait implemented by
//! [`crate::service::SandboxService`].
//!
//! Also here: the one response the HTTP layer writes itself, an API error for an injected
//! fault ([`api_error_envelope`]). Every operation's response has the same shape up to the
//! header (`<Op>Response/Response/OrderResponseHeader`, ERRATA E14), so it needs no
//! generated types.

use std::future::Future;
use std::pin::Pin;

use bytes::Bytes;
use soap_runtime::SoapVersion;
use soap_runtime::server::DispatchResult;
use time::OffsetDateTime;
use time::macros::format_description;

use crate::api_error::ApiErrors;

/// The service's target namespace (the body wrapper elements' namespace).
pub const SERVICE_NAMESPACE: &str = "https://system.globalsign.com/pc/ws/v2/";

/// A boxed future, as the handler trait returns (object-safe).
pub type HandlerFuture<'a> = Pin<Box<dyn Future<Output = DispatchResult> + Send + 'a>>;

/// Answers one SOAP request (the whole POST body) with an HTTP status, content type and
/// body. Implementations must not panic on any input.
pub trait SoapHandler: Send + Sync + 'static {
    fn handle(&self, body: Bytes) -> HandlerFuture<'_>;
}

/// `xs:dateTime` as GlobalSign writes it, with milliseconds (UTC: `Z`).
pub fn format_timestamp(t: OffsetDateTime) -> String {
    let utc = t.to_offset(time::UtcOffset::UTC);
    utc.format(format_description!(
        "[year]-[month]-[day]T[hour]:[minute]:[second].[subsecond digits:3]Z"
    ))
    .unwrap_or_else(|_| "1970-01-01T00:00:00.000Z".to_owned())
}

/// A complete response envelope for `operation` with `SuccessCode` −1 and `errors`,
/// as GlobalSign answers a failed call (HTTP 200).
pub fn api_error_envelope(
    operation: &str,
    errors: &ApiErrors,
    timestamp: OffsetDateTime,
    version: SoapVersion,
) -> DispatchResult {
    use quick_xml::escape::escape;
    let mut xml = String::with_capacity(512);
    xml.push_str(&format!(
        "<soap:Envelope xmlns:soap=\"{}\"><soap:Body><ns2:{op}Response xmlns:ns2=\"{SERVICE_NAMESPACE}\"><Response><OrderResponseHeader><SuccessCode>-1</SuccessCode><Errors>",
        version.namespace(),
        op = escape(operation),
    ));
    for error in &errors.0 {
        xml.push_str(&format!("<Error><ErrorCode>{}</ErrorCode>", error.code));
        if let Some(field) = &error.field {
            xml.push_str(&format!(
                "<ErrorField>{}</ErrorField>",
                escape(field.as_str())
            ));
        }
        xml.push_str(&format!(
            "<ErrorMessage>{}</ErrorMessage></Error>",
            escape(error.message.as_str())
        ));
    }
    xml.push_str(&format!(
        "</Errors><Timestamp>{}</Timestamp></OrderResponseHeader></Response></ns2:{op}Response></soap:Body></soap:Envelope>",
        format_timestamp(timestamp),
        op = escape(operation),
    ));
    DispatchResult {
        status: 200,
        content_type: version.content_type(),
        body: xml.into_bytes(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api_error::{ApiError, ErrorCode};
    use time::macros::datetime;

    #[test]
    fn error_envelope_is_well_formed_and_escaped() {
        let errors = ApiErrors(vec![
            ApiError::new(ErrorCode::DATABASE),
            ApiError::at(ErrorCode::FORMAT, "DnAttributes/Email").detail("a < b & c"),
        ]);
        let result = api_error_envelope(
            "GetOrders",
            &errors,
            datetime!(2026-01-02 03:04:05.678 UTC),
            SoapVersion::Soap11,
        );
        assert_eq!(result.status, 200);
        let text = String::from_utf8(result.body).expect("utf-8");
        assert!(text.contains("<ns2:GetOrdersResponse"));
        assert!(text.contains("<ErrorCode>-201</ErrorCode>"));
        assert!(text.contains("<ErrorField>DnAttributes/Email</ErrorField>"));
        assert!(text.contains("a &lt; b &amp; c"));
        assert!(text.contains("<Timestamp>2026-01-02T03:04:05.678Z</Timestamp>"));
        let info = soap_runtime::envelope::request_info(text.as_bytes(), &Default::default())
            .expect("parses as an envelope");
        assert_eq!(info.name, "GetOrdersResponse");
    }
}
