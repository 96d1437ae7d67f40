//! The seam between HTTP and the SOAP operations.
//!
//! The HTTP layer ([`crate::server`]) hands each POSTed envelope to a [`SoapHandler`]. The
//! real handler is the dispatcher generated from `wsdl/GasOrderService.wsdl` into
//! `gas-client/src/generated/` (decode request → trait method → encode response), with the
//! trait implemented on the [`crate::emulator::Emulator`]. Until that code exists the
//! sandbox runs [`PendingHandler`], which answers every operation with a SOAP fault saying
//! so — it never pretends to have served a request.
//!
//! Also here: the one response the HTTP layer writes itself, an API error for an injected
//! fault ([`api_error_envelope`]). Every operation's response has the same shape up to the
//! header (`<Op>Response/Response/OrderResponseHeader`, ERRATA E14), so it needs no
//! generated types.

use std::future::Future;
use std::pin::Pin;

use bytes::Bytes;
use soap_runtime::server::DispatchResult;
use soap_runtime::{Fault, SoapVersion};
use time::OffsetDateTime;
use time::macros::format_description;

use crate::api_error::ApiErrors;

/// The service's target namespace (the body wrapper elements' namespace).
pub const SERVICE_NAMESPACE: &str = "https://system.globalsign.com/pc/ws/v2/";

/// The 14 operations of GasOrderService v2 (spec section 2; wire names per ERRATA E1–E11).
pub const OPERATIONS: [&str; 14] = [
    "OrderOS",
    "OrderOSEV",
    "OrderPS1",
    "OrderPS2",
    "OrderPS2Dept",
    "OrderPS2Pro",
    "OrderAATL",
    "OrderQC",
    "ModifyOrder",
    "ReIssue",
    "ResendEmail",
    "GetOrderByOrderID",
    "GetModifiedOrders",
    "GetOrders",
];

/// A boxed future, as the handler trait returns (object-safe).
pub type HandlerFuture<'a> = Pin<Box<dyn Future<Output = DispatchResult> + Send + 'a>>;

/// Answers one SOAP request (the whole POST body) with an HTTP status, content type and
/// body. Implementations must not panic on any input.
pub trait SoapHandler: Send + Sync + 'static {
    fn handle(&self, body: Bytes) -> HandlerFuture<'_>;
}

/// The stand-in until the generated dispatcher exists: a readable envelope naming one of
/// the 14 operations gets a `Server` fault saying it is not implemented yet; anything else
/// gets the `Client` fault a CXF endpoint would send.
#[derive(Clone, Debug, Default)]
pub struct PendingHandler {
    pub limits: soap_runtime::Limits,
}

impl SoapHandler for PendingHandler {
    fn handle(&self, body: Bytes) -> HandlerFuture<'_> {
        Box::pin(async move {
            match soap_runtime::envelope::request_info(&body, &self.limits) {
                Err(e) => DispatchResult::unreadable(&e),
                Ok(info) if OPERATIONS.contains(&info.name.as_str()) => DispatchResult::fault(
                    &Fault::server(format!(
                        "{} is not implemented in this sandbox build yet",
                        info.name
                    )),
                    info.version,
                ),
                Ok(info) => DispatchResult::unknown_operation(&info),
            }
        })
    }
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

    fn envelope(op: &str) -> Bytes {
        Bytes::from(format!(
            "<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\" xmlns:ws=\"{SERVICE_NAMESPACE}\"><soapenv:Body><ws:{op}/></soapenv:Body></soapenv:Envelope>"
        ))
    }

    #[tokio::test]
    async fn pending_handler_faults_honestly() {
        let handler = PendingHandler::default();
        let known = handler.handle(envelope("OrderPS1")).await;
        assert_eq!(known.status, 500);
        let text = String::from_utf8_lossy(&known.body);
        assert!(text.contains("soap:Server") && text.contains("OrderPS1 is not implemented"));

        let unknown = handler.handle(envelope("Nope")).await;
        assert!(String::from_utf8_lossy(&unknown.body).contains("No such operation"));

        let broken = handler.handle(Bytes::from_static(b"<not soap")).await;
        assert_eq!(broken.status, 500);
        assert!(String::from_utf8_lossy(&broken.body).contains("soap:Client"));
    }

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
