//! Every call runs in a `gas_call` span that ends up carrying operation, host, attempts,
//! HTTP status, SuccessCode, OrderID, duration and outcome.

mod support;

use support::op::{TestOrder, TestQuery, TestRequest, response_xml};
use support::server::{Action, ScriptedServer};
use support::trace::Captured;
use support::{bounded, client};

#[tokio::test]
async fn the_call_span_records_what_happened() {
    let captured = Captured::default();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::INFO)
        .with_writer(captured.clone())
        .with_ansi(false)
        .with_span_events(tracing_subscriber::fmt::format::FmtSpan::CLOSE)
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);

    let server = ScriptedServer::start(vec![
        Action::status(503, "text/html", "<html>busy</html>"),
        Action::xml(response_xml(0, &[], Some("CO-TRACE"))),
        Action::xml(response_xml(
            -1,
            &[("-9911", None, "Credit line is over extended")],
            None,
        )),
    ])
    .await;
    let client = client(&server.url());
    bounded(client.call::<TestQuery>(TestRequest::default()))
        .await
        .unwrap();
    let order = TestRequest {
        sub_id: Some("sub-trace".to_owned()),
        ..TestRequest::default()
    };
    bounded(client.call_order::<TestOrder>(order))
        .await
        .unwrap_err();

    let out = captured.text();
    let query_close = out
        .lines()
        .find(|l| l.contains("close") && l.contains("operation=\"TestQuery\""))
        .unwrap_or_else(|| panic!("no closed TestQuery span in:\n{out}"));
    for field in [
        "gas_call",
        "host=\"127.0.0.1\"",
        "attempts=2",
        "http_status=200",
        "success_code=0",
        "order_id=\"CO-TRACE\"",
        "duration_ms=",
        "outcome=\"ok\"",
    ] {
        assert!(
            query_close.contains(field),
            "{field} missing in: {query_close}"
        );
    }
    let order_close = out
        .lines()
        .find(|l| l.contains("close") && l.contains("operation=\"TestOrder\""))
        .unwrap_or_else(|| panic!("no closed TestOrder span in:\n{out}"));
    for field in [
        "sub_id=\"sub-trace\"",
        "success_code=-1",
        "outcome=\"api_error\"",
    ] {
        assert!(
            order_close.contains(field),
            "{field} missing in: {order_close}"
        );
    }
    // The retry was logged inside the span.
    assert!(out.contains("retrying"), "{out}");
}
