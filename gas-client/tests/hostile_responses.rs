//! The bad-response catalogue: one test per way a server (or whatever answers in its
//! place) can send something the client must not trust. Each call ends in the right
//! [`Error`] variant, within the configured timeout, without a panic.
//!
//! Cases `http.rs` already covers are not repeated here: HTML error page with a 5xx
//! status, a body that is not XML at all, truncation with and without Content-Length,
//! a stalled server, a connection reset mid-body, oversized bodies (announced and
//! streamed), a SOAP fault with HTTP 500.

mod support;

use std::time::Duration;

use gas_client::{Error, Limits, RetryPolicy, TransportErrorKind};
use soap_runtime::DecodeErrorKind;
use support::op::{TestQuery, TestRequest, fault_xml, response_xml};
use support::server::{Action, ScriptedServer};
use support::{bounded, builder};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

const ENVELOPE_OPEN: &str =
    "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body>";
const ENVELOPE_CLOSE: &str = "</soap:Body></soap:Envelope>";

fn request() -> TestRequest {
    TestRequest {
        order_id: Some("CO2016100500001".to_owned()),
        ..TestRequest::default()
    }
}

/// Calls the scripted server once (no retries: each case is about one answer).
async fn call_once(action: Action) -> Error {
    call_once_with(action, Limits::default()).await
}

async fn call_once_with(action: Action, limits: Limits) -> Error {
    let server = ScriptedServer::start(vec![action]).await;
    let client = builder(&server.url())
        .retry_policy(RetryPolicy::none())
        .limits(limits)
        .build()
        .unwrap();
    match bounded(client.call::<TestQuery>(request())).await {
        Ok(response) => panic!("expected an error, got {:?}", response.value()),
        Err(e) => {
            // Every error displays (and never shows the password).
            let shown = e.to_string();
            assert!(!shown.contains(support::PASSWORD_MARKER), "{shown}");
            e
        }
    }
}

/// The decode error inside an [`Error::Decode`], or a panic naming what came instead.
fn decode_error(err: &Error) -> &soap_runtime::DecodeError {
    match err {
        Error::Decode { source, .. } => source,
        other => panic!("expected Error::Decode, got {other:?}"),
    }
}

/// A response whose `Response/OrderID` holds `inner` (raw XML).
fn response_with_order_id(inner: &str) -> String {
    response_xml(0, &[], Some("PLACEHOLDER")).replace("PLACEHOLDER", inner)
}

// ------------------------------------------------------------------ not the XML we expect

#[tokio::test]
async fn malformed_xml_is_a_decode_error_with_a_path() {
    let body = response_xml(0, &[], Some("CO1")).replace("</OrderID>", "</OrderId>");
    let err = call_once(Action::xml(body)).await;
    let source = decode_error(&err);
    assert!(
        matches!(source.kind, DecodeErrorKind::Malformed(_)),
        "{source}"
    );
    assert_eq!(source.path, "TestOpResponse/Response/OrderID");
}

#[tokio::test]
async fn html_with_status_200_is_a_decode_error() {
    let page =
        "<!DOCTYPE html><html><head><title>Login</title></head><body>Please sign in</body></html>";
    let err = call_once(Action::status(200, "text/html", page)).await;
    let source = decode_error(&err);
    // The doctype is refused before anything else is looked at.
    assert!(matches!(source.kind, DecodeErrorKind::Dtd), "{source}");
    let Error::Decode { body_start, .. } = &err else {
        unreachable!()
    };
    assert!(body_start.starts_with("<!DOCTYPE html>"), "{body_start}");

    let page = "<html><body>Please sign in</body></html>";
    let err = call_once(Action::status(200, "text/html", page)).await;
    assert!(
        matches!(decode_error(&err).kind, DecodeErrorKind::Unexpected { .. }),
        "{err}"
    );
}

#[tokio::test]
async fn empty_body_with_status_200_is_a_decode_error() {
    let err = call_once(Action::status(200, "text/xml", "")).await;
    let source = decode_error(&err);
    assert!(
        matches!(source.kind, DecodeErrorKind::Malformed(_)),
        "{source}"
    );
    let err = call_once(Action::status(200, "text/xml", "  \r\n ")).await;
    decode_error(&err);
}

#[tokio::test]
async fn status_500_without_a_body_is_an_http_status() {
    let err = call_once(Action::status(500, "text/xml", "")).await;
    let Error::HttpStatus {
        status, body_start, ..
    } = &err
    else {
        panic!("expected Error::HttpStatus, got {err:?}");
    };
    assert_eq!(*status, 500);
    assert_eq!(body_start, "");
}

#[tokio::test]
async fn soap_fault_with_status_200_is_a_soap_fault() {
    let err = call_once(Action::xml(fault_xml(
        "soap:Server",
        "Fault occurred while processing.",
    )))
    .await;
    let Error::SoapFault(fault) = &err else {
        panic!("expected Error::SoapFault, got {err:?}");
    };
    assert_eq!(fault.code, "soap:Server");
    assert_eq!(fault.string, "Fault occurred while processing.");
}

#[tokio::test]
async fn wrong_envelope_namespace_is_a_decode_error() {
    let body = response_xml(0, &[], Some("CO1")).replace(
        "http://schemas.xmlsoap.org/soap/envelope/",
        "http://example.com/not-soap/",
    );
    let err = call_once(Action::xml(body)).await;
    let source = decode_error(&err);
    let DecodeErrorKind::Unexpected { expected, .. } = &source.kind else {
        panic!("expected Unexpected, got {source}");
    };
    assert!(expected.contains("Envelope"), "{source}");
    // A fault in a foreign namespace is not a SOAP fault either.
    let body = format!(
        "{ENVELOPE_OPEN}<x:Fault xmlns:x=\"urn:x\"><faultcode>x</faultcode></x:Fault>{ENVELOPE_CLOSE}"
    );
    let err = call_once(Action::xml(body)).await;
    assert!(
        matches!(decode_error(&err).kind, DecodeErrorKind::Unexpected { .. }),
        "{err}"
    );
}

#[tokio::test]
async fn unexpected_wrapper_is_a_decode_error_naming_it() {
    // Another name in another namespace (in the same namespace, with the expected
    // children, the reading policy reads it and records the name: reading_policy.rs).
    let body = response_xml(0, &[], Some("CO1"))
        .replace("TestOpResponse", "OtherOpResponse")
        .replace("xmlns:ns2=\"", "xmlns:ns2=\"urn:other:");
    let err = call_once(Action::xml(body)).await;
    let source = decode_error(&err);
    let DecodeErrorKind::Unexpected { expected, found } = &source.kind else {
        panic!("expected Unexpected, got {source}");
    };
    assert!(expected.contains("TestOpResponse"), "{source}");
    assert!(found.contains("OtherOpResponse"), "{source}");
    assert_eq!(source.path, "OtherOpResponse");
    // An empty body: the wrapper is missing.
    let err = call_once(Action::xml(format!("{ENVELOPE_OPEN}{ENVELOPE_CLOSE}"))).await;
    assert!(
        matches!(decode_error(&err).kind, DecodeErrorKind::Missing { .. }),
        "{err}"
    );
}

/// Two wrappers in one body: the first is read, and the second (a success) is not
/// trusted to add anything.
#[tokio::test]
async fn duplicate_elements_do_not_turn_a_failure_into_a_success() {
    let failure = response_xml(-1, &[("-102", Some("OrderID"), "bad")], None);
    let success = response_xml(0, &[], Some("CO1"));
    let inner = |xml: &str| {
        let start = xml.find("<ns2:TestOpResponse").unwrap();
        let end = xml.find("</soap:Body>").unwrap();
        xml[start..end].to_owned()
    };
    let two_wrappers = format!(
        "{ENVELOPE_OPEN}{}{}{ENVELOPE_CLOSE}",
        inner(&failure),
        inner(&success)
    );
    let err = call_once(Action::xml(two_wrappers)).await;
    assert!(matches!(err, Error::Api(_)), "{err:?}");
}

/// The spec's GetOrderByOrderID failure answer (`SuccessCode` −1 with Errors), with its
/// `<SuccessCode>-1</SuccessCode>` replaced by `success_code` (raw XML).
fn failure_sample_with(success_code: &str) -> String {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../wsdl/samples/GetOrderByOrderID.response-error.xml");
    let failure = std::fs::read_to_string(&path).unwrap();
    let body = failure.replace("<SuccessCode>-1</SuccessCode>", success_code);
    assert_ne!(body, failure, "the sample has one SuccessCode");
    body
}

/// Calls the generated `get_order_by_order_id` once against a server answering `body`,
/// and returns the decode error it must end in (`what` names the case in panics).
async fn get_order_decode_error(body: String, what: &str) -> soap_runtime::DecodeError {
    let server = ScriptedServer::start(vec![Action::xml(body)]).await;
    let client = builder(&server.url())
        .retry_policy(RetryPolicy::none())
        .build()
        .unwrap();
    let request = gas_client::types::PcV2GetOrderByOrderIDRequest::new("PC2411200000123");
    match bounded(client.get_order_by_order_id(request)).await {
        Ok(response) => panic!("{what}: expected an error, got {response:?}"),
        Err(e) => decode_error(&e).clone(),
    }
}

/// Two `SuccessCode`s in one header (`-1`, then `0`): the generated readers refuse an
/// element the schema allows once, so the failure cannot be read as a success.
#[tokio::test]
async fn a_repeated_success_code_is_a_decode_error_not_a_success() {
    let body = failure_sample_with("<SuccessCode>-1</SuccessCode><SuccessCode>0</SuccessCode>");
    let source = get_order_decode_error(body, "-1 then 0").await;
    assert_eq!(
        source.kind,
        DecodeErrorKind::Repeated {
            element: "SuccessCode".to_owned()
        },
        "{source}"
    );
    assert!(
        source
            .path
            .starts_with("GetOrderByOrderIDResponse/Response/OrderResponseHeader/SuccessCode"),
        "{source}"
    );
}

/// A nil or empty `SuccessCode` followed by `0`: the first occurrence leaves no value,
/// but it is still an occurrence, so the second is refused as a repeat (the reader
/// tracks occurrences, not values).
#[tokio::test]
async fn a_success_code_after_an_empty_or_nil_one_is_refused_as_repeated() {
    for first in [
        "<SuccessCode/>",
        "<SuccessCode xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:nil=\"true\"/>",
    ] {
        let body = failure_sample_with(&format!("{first}<SuccessCode>0</SuccessCode>"));
        let source = get_order_decode_error(body, first).await;
        assert_eq!(
            source.kind,
            DecodeErrorKind::Repeated {
                element: "SuccessCode".to_owned()
            },
            "{first:?}: {source}"
        );
    }
}

/// An empty or nil `SuccessCode` (lenient readers give a missing required field its
/// default) must never read as `0`: the default is "no value", and the client reports
/// the header as undecodable rather than guessing an outcome.
#[tokio::test]
async fn an_empty_or_nil_success_code_is_not_a_success() {
    for replacement in [
        "<SuccessCode/>",
        "<SuccessCode>  </SuccessCode>",
        "<SuccessCode xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:nil=\"true\"/>",
        "",
    ] {
        // Without Errors too, so the "errors present" fallback cannot decide it.
        let body = failure_sample_with(replacement);
        let start = body.find("<Errors>").expect("the sample has Errors");
        let end = body.find("</Errors>").expect("the sample has Errors") + "</Errors>".len();
        let body = format!("{}{}", &body[..start], &body[end..]);
        let source = get_order_decode_error(body, replacement).await;
        assert_eq!(
            source.kind,
            DecodeErrorKind::Missing {
                element: "SuccessCode".to_owned()
            },
            "{replacement:?}: {source}"
        );
    }
}

// ------------------------------------------------------------------ floods and bombs

#[tokio::test]
async fn huge_text_is_a_decode_error_at_the_text_limit() {
    let limits = Limits {
        max_text: 64 * 1024,
        ..Limits::default()
    };
    let body = response_with_order_id(&"A".repeat(1024 * 1024));
    let err = call_once_with(Action::xml(body), limits).await;
    let source = decode_error(&err);
    assert!(
        matches!(
            source.kind,
            DecodeErrorKind::Limit {
                what: "text length",
                limit: 65536
            }
        ),
        "{source}"
    );
    assert_eq!(source.path, "TestOpResponse/Response/OrderID");
    // The error keeps only the start of the body.
    let Error::Decode { body_start, .. } = &err else {
        unreachable!()
    };
    assert!(body_start.chars().count() <= gas_client::BODY_START_CHARS + 1);
}

#[tokio::test]
async fn deep_nesting_is_a_decode_error_at_the_depth_limit() {
    let deep = format!("{}x", "<a>".repeat(100_000));
    let body =
        response_xml(0, &[], Some("CO1")).replace("<Errors/>", &format!("<Extension>{deep}"));
    let err = call_once(Action::xml(body)).await;
    let source = decode_error(&err);
    assert!(
        matches!(
            source.kind,
            DecodeErrorKind::Limit {
                what: "nesting depth",
                ..
            }
        ),
        "{source}"
    );
}

#[tokio::test]
async fn entity_bomb_is_refused_at_the_doctype() {
    let mut dtd = String::from("<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">");
    let mut prev = "lol".to_owned();
    for i in 1..10 {
        let name = format!("lol{i}");
        dtd.push_str(&format!(
            "<!ENTITY {name} \"{}\">",
            format!("&{prev};").repeat(10)
        ));
        prev = name;
    }
    dtd.push_str("]>");
    let body = format!("{dtd}{}", response_with_order_id(&format!("&{prev};")));
    let err = call_once(Action::xml(body)).await;
    assert_eq!(decode_error(&err).kind, DecodeErrorKind::Dtd, "{err}");
}

#[tokio::test]
async fn external_entity_is_refused() {
    let body = format!(
        "<!DOCTYPE x [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>{}",
        response_with_order_id("&xxe;")
    );
    let err = call_once(Action::xml(body)).await;
    assert_eq!(decode_error(&err).kind, DecodeErrorKind::Dtd, "{err}");
    // Without a doctype the entity is simply undefined.
    let err = call_once(Action::xml(response_with_order_id("&xxe;"))).await;
    assert!(
        matches!(decode_error(&err).kind, DecodeErrorKind::Malformed(_)),
        "{err}"
    );
}

#[tokio::test]
async fn invalid_utf8_is_a_decode_error_naming_the_encoding() {
    let mut body = response_with_order_id("CO\u{1}MARK").into_bytes();
    let at = body.windows(5).position(|w| w == b"\x01MARK").unwrap();
    body[at] = 0xFF;
    let err = call_once(Action::xml(body)).await;
    assert!(
        matches!(decode_error(&err).kind, DecodeErrorKind::Encoding(_)),
        "{err}"
    );
}

#[tokio::test]
async fn a_foreign_encoding_is_a_decode_error_naming_it() {
    let body = format!(
        "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>{}",
        response_xml(0, &[], Some("CO1"))
    );
    let err = call_once(Action::xml(body)).await;
    let source = decode_error(&err);
    let DecodeErrorKind::Encoding(message) = &source.kind else {
        panic!("expected Encoding, got {source}");
    };
    assert!(message.contains("ISO-8859-1"), "{message}");
}

// ------------------------------------------------------------------ slow drip

/// A server that sends the response head, then one byte of body every `gap`, forever
/// (never enough to finish): the whole-request timeout ends the call, even though bytes
/// keep arriving.
async fn drip_server(gap: Duration) -> (String, tokio::task::JoinHandle<()>) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!(
        "http://{}/pc/ws/v2/GasOrderService",
        listener.local_addr().unwrap()
    );
    let task = tokio::spawn(async move {
        while let Ok((mut stream, _)) = listener.accept().await {
            tokio::spawn(async move {
                let mut buf = [0u8; 8192];
                // The request: read until the client has sent it all (small).
                let _ = tokio::time::timeout(Duration::from_millis(200), async {
                    loop {
                        match stream.read(&mut buf).await {
                            Ok(0) | Err(_) => break,
                            Ok(_) => {}
                        }
                    }
                })
                .await;
                let body = response_xml(0, &[], Some("CO1"));
                let head = format!(
                    "HTTP/1.1 200 OK\r\nContent-Type: text/xml\r\nContent-Length: {}\r\n\r\n",
                    body.len() * 100
                );
                if stream.write_all(head.as_bytes()).await.is_err() {
                    return;
                }
                // At most a minute of dripping, whatever the client does.
                for byte in body.bytes().cycle().take(600) {
                    if stream.write_all(&[byte]).await.is_err() {
                        return;
                    }
                    tokio::time::sleep(gap).await;
                }
            });
        }
    });
    (url, task)
}

#[tokio::test]
async fn slow_drip_times_out_within_the_configured_timeout() {
    let (url, task) = drip_server(Duration::from_millis(100)).await;
    let timeout = Duration::from_secs(1);
    let client = builder(&url)
        .timeout(timeout)
        .retry_policy(RetryPolicy::none())
        .build()
        .unwrap();
    let err = bounded(client.call::<TestQuery>(request()))
        .await
        .unwrap_err();
    task.abort();
    let Error::Transport {
        source,
        may_have_reached_server,
    } = &err
    else {
        panic!("expected Error::Transport, got {err:?}");
    };
    // A timeout, so the client's own clock ended it: had the server stopped dripping
    // first (after a minute), the short body would be a `Body` error.
    assert_eq!(source.kind(), TransportErrorKind::Timeout, "{err}");
    assert!(*may_have_reached_server);
}
