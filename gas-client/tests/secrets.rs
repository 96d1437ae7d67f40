//! The API password and `PickupPassword` never appear in `Debug`, `Display`, error sources
//! or tracing output, whatever the server echoes back and whichever way a call fails.
//!
//! One test in its own binary, so that the tracing subscriber captures exactly this test's
//! output.

mod support;

use std::time::Duration;

use gas_client::{Error, GasClient, Limits, RetryPolicy};
use support::op::{TestModify, TestOrder, TestQuery, TestRequest, fault_xml, response_xml};
use support::server::{Action, ScriptedServer, refused_url};
use support::trace::Captured;
use support::{PASSWORD_MARKER, PICKUP_MARKER, bounded, builder, fast_retries};

fn request() -> TestRequest {
    TestRequest {
        order_id: Some("CO1".to_owned()),
        sub_id: Some("sub-secret-test".to_owned()),
        pickup_password: Some(PICKUP_MARKER.into()),
        ..TestRequest::default()
    }
}

/// Text a careless server (or proxy) might send back: both secrets, raw and inside elements.
fn echo() -> String {
    format!(
        "your password {PASSWORD_MARKER} and pickup {PICKUP_MARKER}; \
         &lt;Password&gt;{PASSWORD_MARKER}&lt;/Password&gt;"
    )
}

fn echo_page() -> String {
    format!(
        "<html><body><pre>&lt;AuthToken&gt;{PASSWORD_MARKER}</pre>\
         <Password>{PASSWORD_MARKER}</Password><PickupPassword>{PICKUP_MARKER}</PickupPassword></body></html>"
    )
}

fn client_with(url: &str, timeout: Duration, policy: RetryPolicy, limits: Limits) -> GasClient {
    builder(url)
        .timeout(timeout)
        .retry_policy(policy)
        .limits(limits)
        .build()
        .expect("client builds")
}

/// `{}`, `{:?}`, `{:#?}` and every `source()` of an error.
fn render(error: &Error) -> String {
    let mut out = format!("{error}\n{error:?}\n{error:#?}\n");
    let mut source = std::error::Error::source(error);
    while let Some(s) = source {
        out.push_str(&format!("{s}\n{s:?}\n"));
        source = s.source();
    }
    out
}

#[tokio::test]
async fn secrets_never_leak_into_errors_debug_or_traces() {
    let captured = Captured::default();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_writer(captured.clone())
        .with_ansi(false)
        .with_span_events(tracing_subscriber::fmt::format::FmtSpan::FULL)
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);

    let mut rendered = String::new();
    let mut variants = std::collections::BTreeSet::new();
    let mut note = |label: &str, result: Result<String, Error>| match result {
        Ok(text) => rendered.push_str(&text),
        Err(error) => {
            variants.insert(variant_name(&error));
            rendered.push_str(&format!("--- {label}\n{}", render(&error)));
        }
    };

    let quick = Duration::from_secs(10);
    let slow_server_timeout = Duration::from_millis(300);

    // API error echoing the secrets, and warnings echoing them.
    let echoed = echo();
    let server = ScriptedServer::start(vec![
        Action::xml(response_xml(
            -1,
            &[("-103", Some(echoed.as_str()), &echoed)],
            None,
        )),
        Action::xml(response_xml(1, &[("-9970", None, &echo())], Some("CO1"))),
    ])
    .await;
    let client = client_with(&server.url(), quick, fast_retries(), Limits::default());
    note(
        "api",
        bounded(client.call::<TestQuery>(request()))
            .await
            .map(|_| String::new()),
    );
    let warned = bounded(client.call::<TestQuery>(request())).await;
    note(
        "warnings",
        warned.map(|r| format!("{:?}\n{:?}\n", r.warnings(), r.recovery())),
    );

    // SOAP fault echoing them in string, actor and detail.
    let fault = fault_xml("soap:Server", &echo()).replace(
        "</faultstring>",
        &format!(
            "</faultstring><faultactor>{PASSWORD_MARKER}</faultactor><detail><Password>{PASSWORD_MARKER}</Password><x>{PICKUP_MARKER}</x></detail>"
        ),
    );
    let server = ScriptedServer::start(vec![Action::status(500, "text/xml", fault)]).await;
    let client = client_with(&server.url(), quick, fast_retries(), Limits::default());
    note(
        "fault",
        bounded(client.call::<TestQuery>(request()))
            .await
            .map(|_| String::new()),
    );

    // HTML error page echoing the request.
    let server = ScriptedServer::start(vec![Action::status(400, "text/html", echo_page())]).await;
    let client = client_with(&server.url(), quick, fast_retries(), Limits::default());
    note(
        "http",
        bounded(client.call::<TestQuery>(request()))
            .await
            .map(|_| String::new()),
    );

    // Undecodable body echoing them, and a SuccessCode that is one of them (an echoed value).
    let server = ScriptedServer::start(vec![
        Action::status(200, "text/xml", format!("<oops>{}", echo_page())),
        Action::xml(response_xml(0, &[], None).replace(
            "<SuccessCode>0</SuccessCode>",
            &format!("<SuccessCode>{PASSWORD_MARKER}</SuccessCode>"),
        )),
        Action::xml(response_xml(0, &[], None).replace(
            "<SuccessCode>0</SuccessCode>",
            &format!("<SuccessCode>{PICKUP_MARKER}</SuccessCode>"),
        )),
    ])
    .await;
    let client = client_with(&server.url(), quick, fast_retries(), Limits::default());
    for label in [
        "decode-malformed",
        "decode-value-password",
        "decode-value-pickup",
    ] {
        note(
            label,
            bounded(client.call::<TestQuery>(request()))
                .await
                .map(|_| String::new()),
        );
    }

    // Validation: the request carries both secrets and is refused.
    let invalid = TestRequest {
        email: Some(format!("{PICKUP_MARKER}@example.com.invalid")),
        ..request()
    };
    note(
        "invalid",
        bounded(client.call::<TestQuery>(invalid))
            .await
            .map(|_| String::new()),
    );

    // Encoding: a character XML cannot carry, in a request that carries both secrets.
    let unencodable = TestRequest {
        email: Some("a\u{1}b".to_owned()),
        ..request()
    };
    note(
        "encode",
        bounded(client.call::<TestQuery>(unencodable))
            .await
            .map(|_| String::new()),
    );

    // Transport: refused, timed out.
    let refused = refused_url().await;
    let client = client_with(&refused, quick, fast_retries(), Limits::default());
    note(
        "refused",
        bounded(client.call::<TestQuery>(request()))
            .await
            .map(|_| String::new()),
    );
    let server = ScriptedServer::start(vec![Action::Stall {
        delay: Duration::from_secs(120),
    }])
    .await;
    let client = client_with(
        &server.url(),
        slow_server_timeout,
        RetryPolicy::none(),
        Limits::default(),
    );
    note(
        "timeout",
        bounded(client.call::<TestQuery>(request()))
            .await
            .map(|_| String::new()),
    );

    // Oversized answer.
    let server = ScriptedServer::start(vec![Action::Flood { announced: None }]).await;
    let small = Limits {
        max_size: 4096,
        ..Limits::default()
    };
    let client = client_with(&server.url(), quick, fast_retries(), small);
    note(
        "too-large",
        bounded(client.call::<TestQuery>(request()))
            .await
            .map(|_| String::new()),
    );

    // Outcome unknown: a change whose answer is an echoing 502, and an order whose lookup
    // fails with an echoing API error.
    let server = ScriptedServer::start(vec![
        Action::status(502, "text/html", echo_page()),
        Action::status(502, "text/html", echo_page()),
        Action::xml(response_xml(-1, &[("-201", None, &echo())], None)),
    ])
    .await;
    let client = client_with(&server.url(), quick, fast_retries(), Limits::default());
    note(
        "unknown-change",
        bounded(client.call::<TestModify>(request()))
            .await
            .map(|_| String::new()),
    );
    note(
        "unknown-order",
        bounded(client.call_order::<TestOrder>(request()))
            .await
            .map(|_| String::new()),
    );

    // The client and its configuration.
    rendered.push_str(&format!(
        "{client:?}\n{:?}\n",
        builder("http://127.0.0.1:1/x")
    ));
    rendered.push_str(&format!("{:?}\n", request()));

    let expected = [
        "Api",
        "Decode",
        "Encode",
        "HttpStatus",
        "InvalidRequest",
        "OutcomeUnknown",
        "ResponseTooLarge",
        "SoapFault",
        "Transport",
    ];
    assert_eq!(
        variants.iter().copied().collect::<Vec<_>>(),
        expected,
        "every error variant a call can return was triggered"
    );

    drop(_guard);
    let traces = captured.text();
    assert!(traces.contains("gas_call"), "tracing output was captured");
    assert!(traces.contains("operation=\"TestQuery\""));
    for marker in [PASSWORD_MARKER, PICKUP_MARKER] {
        assert!(
            !rendered.contains(marker),
            "{marker} leaked into errors:\n{rendered}"
        );
        assert!(
            !traces.contains(marker),
            "{marker} leaked into traces:\n{traces}"
        );
    }
    // The masking is visible, so the assertions above were not vacuous.
    assert!(rendered.contains("***"));
}

fn variant_name(error: &Error) -> &'static str {
    match error {
        Error::InvalidRequest(_) => "InvalidRequest",
        Error::Encode(_) => "Encode",
        Error::Transport { .. } => "Transport",
        Error::HttpStatus { .. } => "HttpStatus",
        Error::SoapFault(_) => "SoapFault",
        Error::Decode { .. } => "Decode",
        Error::ResponseTooLarge { .. } => "ResponseTooLarge",
        Error::Api(_) => "Api",
        Error::OutcomeUnknown { .. } => "OutcomeUnknown",
        _ => "other",
    }
}
