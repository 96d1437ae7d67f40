//! HTTP-level behaviour of the call engine against a scripted server on loopback: every
//! kind of answer (and non-answer) ends in the right `Result`.

mod support;

use std::time::Duration;

use gas_client::{ApiErrorCode, Error, Limits, Reconciliation, RetryPolicy, TransportErrorKind};
use support::op::{
    TestModify, TestOrder, TestQuery, TestRequest, fault_xml, response_xml,
    response_xml_with_orders,
};
use support::server::{Action, ScriptedServer, refused_url};
use support::{PASSWORD_MARKER, bounded, builder, client, transport_error};

fn request() -> TestRequest {
    TestRequest {
        order_id: Some("CO2016100500001".to_owned()),
        ..TestRequest::default()
    }
}

fn order(sub_id: Option<&str>) -> TestRequest {
    TestRequest {
        sub_id: sub_id.map(str::to_owned),
        ..TestRequest::default()
    }
}

// ------------------------------------------------------------------ answers

#[tokio::test]
async fn success_decodes_and_sends_a_proper_soap_request() {
    let server = ScriptedServer::start(vec![Action::xml(response_xml(
        0,
        &[],
        Some("CO2016100500001"),
    ))])
    .await;
    let client = client(&server.url());
    let response = bounded(client.call::<TestQuery>(request())).await.unwrap();
    assert_eq!(response.order_id.as_deref(), Some("CO2016100500001"));
    assert!(!response.has_warnings());
    assert!(response.recovery().is_none());

    let requests = server.requests();
    assert_eq!(requests.len(), 1);
    let sent = &requests[0];
    assert_eq!(sent.request_line, "POST /pc/ws/v2/GasOrderService HTTP/1.1");
    assert_eq!(sent.header("content-type"), Some("text/xml; charset=utf-8"));
    assert_eq!(sent.header("soapaction"), Some("\"\""));
    assert!(
        sent.header("user-agent")
            .unwrap()
            .starts_with("gas-client/")
    );
    let body = sent.body_text();
    assert!(
        body.starts_with(
            "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\">"
        )
    );
    // The client filled the AuthToken.
    assert!(body.contains(&format!(
        "<AuthToken><UserName>PAR12345_api</UserName><Password>{PASSWORD_MARKER}</Password></AuthToken>"
    )));
}

#[tokio::test]
async fn success_code_1_is_ok_with_warnings() {
    let server = ScriptedServer::start(vec![Action::xml(response_xml(
        1,
        &[("-9970", Some("Email"), "Out of support value")],
        Some("CO1"),
    ))])
    .await;
    let response = bounded(client(&server.url()).call::<TestQuery>(request()))
        .await
        .unwrap();
    assert!(response.has_warnings());
    let warning = &response.warnings()[0];
    assert_eq!(warning.code, ApiErrorCode::OutOfSupportValue);
    assert_eq!(warning.field.as_deref(), Some("Email"));
    assert_eq!(response.order_id.as_deref(), Some("CO1"));
}

#[tokio::test]
async fn success_code_minus_1_is_an_api_error_typed_by_the_spec_table() {
    let server = ScriptedServer::start(vec![Action::xml(response_xml(
        -1,
        &[
            ("-4001", None, "Login failure"),
            ("-12345", Some("Foo"), "something new"),
        ],
        None,
    ))])
    .await;
    let err = bounded(client(&server.url()).call::<TestQuery>(request()))
        .await
        .unwrap_err();
    let Error::Api(errors) = &err else {
        panic!("expected Error::Api, got {err:?}");
    };
    assert_eq!(errors.len(), 2);
    assert_eq!(errors.first().code, ApiErrorCode::LoginFailure);
    assert_eq!(
        errors.first().advice(),
        Some("Please review your ID and password.")
    );
    assert_eq!(
        errors.as_slice()[1].code,
        ApiErrorCode::Unknown("-12345".to_owned())
    );
    assert!(err.has_code(&ApiErrorCode::LoginFailure));
    // An API error is an answer: never retried, even for a query.
    assert_eq!(server.requests().len(), 1);
}

#[tokio::test]
async fn the_recorded_globalsign_failure_decodes_as_an_api_error() {
    // samples/recorded/…GetOrderByOrderIDResponse__order_getter_by_order_id_failure.xml,
    // with the wrapper renamed to the test operation's.
    let body = r#"<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><ns2:TestOpResponse xmlns:ns2="https://system.globalsign.com/kb/ws/v1/"><Response><OrderResponseHeader><SuccessCode>-1</SuccessCode><Errors><Error><ErrorCode>-1</ErrorCode><ErrorMessage>Internal system error. Please reexecute what you were doing. If error persists, please contact GlobalSign Support</ErrorMessage></Error></Errors><Timestamp>2016-10-19T12:57:51.873+09:00</Timestamp></OrderResponseHeader><OrderID xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:nil="true"/><OrderDetail xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:nil="true"/></Response></ns2:TestOpResponse></soap:Body></soap:Envelope>"#;
    let server = ScriptedServer::start(vec![Action::xml(body)]).await;
    let err = bounded(client(&server.url()).call::<TestQuery>(request()))
        .await
        .unwrap_err();
    let errors = err.api_errors().expect("API error");
    assert_eq!(errors.first().code, ApiErrorCode::Failure);
    assert!(err.is_transient(), "-1 is on GlobalSign's side");
}

#[tokio::test]
async fn soap_fault_with_http_500_is_a_soap_fault_and_not_retried() {
    let server = ScriptedServer::start(vec![Action::status(
        500,
        "text/xml;charset=UTF-8",
        fault_xml("soap:Client", "Unmarshalling Error: unexpected element"),
    )])
    .await;
    let err = bounded(client(&server.url()).call::<TestQuery>(request()))
        .await
        .unwrap_err();
    let Error::SoapFault(fault) = &err else {
        panic!("expected Error::SoapFault, got {err:?}");
    };
    assert_eq!(fault.code, "soap:Client");
    assert!(fault.is_client());
    assert!(fault.string.starts_with("Unmarshalling Error"));
    assert_eq!(server.requests().len(), 1);
}

#[tokio::test]
async fn html_error_page_is_an_http_status_with_the_body_start() {
    let page = format!(
        "<html><head><title>502 Bad Gateway</title></head><body>{}</body></html>",
        "x".repeat(2000)
    );
    let server = ScriptedServer::start(vec![
        Action::status(502, "text/html", page.clone()),
        Action::status(502, "text/html", page.clone()),
        Action::status(502, "text/html", page),
    ])
    .await;
    let err = bounded(client(&server.url()).call::<TestQuery>(request()))
        .await
        .unwrap_err();
    let Error::HttpStatus {
        status,
        body_start,
        operation,
        attempts,
        ..
    } = &err
    else {
        panic!("expected Error::HttpStatus, got {err:?}");
    };
    assert_eq!(*status, 502);
    assert!(body_start.starts_with("<html><head><title>502 Bad Gateway"));
    assert!(body_start.chars().count() <= gas_client::BODY_START_CHARS + 1);
    // A query: retried up to max_attempts (3), and the error says so.
    assert_eq!(server.requests().len(), 3);
    assert_eq!((*operation, *attempts), ("TestQuery", 3));
    assert_eq!(
        (err.operation(), err.attempts()),
        (Some("TestQuery"), Some(3))
    );
    assert!(err.elapsed().is_some());
    let shown = err.to_string();
    assert!(
        shown.starts_with("TestQuery: HTTP status 502 after 3 attempts in "),
        "{shown}"
    );
}

#[tokio::test]
async fn a_query_recovers_from_a_transient_failure() {
    let server = ScriptedServer::start(vec![
        Action::status(503, "text/html", "<html>busy</html>"),
        Action::CloseWithoutAnswer,
        Action::xml(response_xml(0, &[], Some("CO9"))),
    ])
    .await;
    let response = bounded(client(&server.url()).call::<TestQuery>(request()))
        .await
        .unwrap();
    assert_eq!(response.order_id.as_deref(), Some("CO9"));
    assert_eq!(server.requests().len(), 3);
}

#[tokio::test]
async fn a_4xx_status_is_not_retried() {
    let server =
        ScriptedServer::start(vec![Action::status(404, "text/plain", "no such service")]).await;
    let err = bounded(client(&server.url()).call::<TestQuery>(request()))
        .await
        .unwrap_err();
    assert!(
        matches!(err, Error::HttpStatus { status: 404, .. }),
        "{err:?}"
    );
    assert_eq!(server.requests().len(), 1);
    assert_eq!(err.attempts(), Some(1));
    assert!(
        err.to_string()
            .starts_with("TestQuery: HTTP status 404 after 1 attempt in "),
        "{err}"
    );
}

#[tokio::test]
async fn a_body_that_is_not_xml_is_a_decode_error_with_the_body_start() {
    let server =
        ScriptedServer::start(vec![Action::status(200, "text/plain", "hello, not xml")]).await;
    let err = bounded(client(&server.url()).call::<TestQuery>(request()))
        .await
        .unwrap_err();
    let Error::Decode { body_start, .. } = &err else {
        panic!("expected Error::Decode, got {err:?}");
    };
    assert_eq!(body_start, "hello, not xml");
}

#[tokio::test]
async fn a_response_without_success_code_is_a_decode_error_naming_the_header() {
    let body = response_xml(0, &[], Some("CO1")).replace("<SuccessCode>0</SuccessCode>", "");
    let server = ScriptedServer::start(vec![Action::xml(body)]).await;
    let err = bounded(client(&server.url()).call::<TestQuery>(request()))
        .await
        .unwrap_err();
    let Error::Decode { source, .. } = &err else {
        panic!("expected Error::Decode, got {err:?}");
    };
    assert_eq!(source.path, "TestOpResponse/Response/OrderResponseHeader");
    assert!(err.to_string().contains("SuccessCode"));
}

// ------------------------------------------------------------------ broken exchanges

#[tokio::test]
async fn truncated_body_with_content_length_is_a_transport_error() {
    let full = response_xml(0, &[], Some("CO1"));
    let server = ScriptedServer::start(vec![Action::TruncateWithLength {
        announced: full.len(),
        body: full.as_bytes()[..full.len() / 2].to_vec(),
    }])
    .await;
    let err = bounded(
        builder(&server.url())
            .retry_policy(RetryPolicy::none())
            .build()
            .unwrap()
            .call::<TestQuery>(request()),
    )
    .await
    .unwrap_err();
    let (kind, reached) = transport_error(&err);
    assert_eq!(kind, TransportErrorKind::Body);
    assert!(reached);
}

#[tokio::test]
async fn truncated_body_without_content_length_is_a_decode_error() {
    let full = response_xml(0, &[], Some("CO1"));
    let server = ScriptedServer::start(vec![Action::CloseDelimited {
        body: full.as_bytes()[..full.len() - 40].to_vec(),
    }])
    .await;
    let err = bounded(client(&server.url()).call::<TestQuery>(request()))
        .await
        .unwrap_err();
    let Error::Decode { source, .. } = &err else {
        panic!("expected Error::Decode, got {err:?}");
    };
    assert!(source.to_string().contains("end of input"), "{source}");
}

#[tokio::test]
async fn a_slow_server_times_out() {
    let server = ScriptedServer::start(vec![Action::Stall {
        delay: Duration::from_secs(120),
    }])
    .await;
    let client = builder(&server.url())
        .timeout(Duration::from_millis(300))
        .retry_policy(RetryPolicy::none())
        .build()
        .unwrap();
    let err = bounded(client.call::<TestQuery>(request()))
        .await
        .unwrap_err();
    let (kind, reached) = transport_error(&err);
    assert_eq!(kind, TransportErrorKind::Timeout);
    assert!(reached);
}

#[tokio::test]
async fn connection_refused_is_a_transport_error_that_never_reached_the_server() {
    let url = refused_url().await;
    let err = bounded(client(&url).call::<TestQuery>(request()))
        .await
        .unwrap_err();
    let (kind, reached) = transport_error(&err);
    assert_eq!(kind, TransportErrorKind::Connect);
    assert!(!reached);
    assert!(!err.may_have_reached_server());
}

#[tokio::test]
async fn an_oversized_body_is_refused_while_streaming() {
    let server = ScriptedServer::start(vec![Action::Flood { announced: None }]).await;
    let limits = Limits {
        max_size: 256 * 1024,
        ..Limits::default()
    };
    let client = builder(&server.url()).limits(limits).build().unwrap();
    let err = bounded(client.call::<TestQuery>(request()))
        .await
        .unwrap_err();
    assert!(
        matches!(
            err,
            Error::ResponseTooLarge {
                limit: 262_144,
                status: 200
            }
        ),
        "{err:?}"
    );
    // Not retried: a server that floods once floods again.
    assert_eq!(server.requests().len(), 1);
}

#[tokio::test]
async fn an_announced_oversized_body_is_refused_before_reading() {
    let server = ScriptedServer::start(vec![Action::Flood {
        announced: Some(1 << 30),
    }])
    .await;
    let limits = Limits {
        max_size: 1024,
        ..Limits::default()
    };
    let client = builder(&server.url()).limits(limits).build().unwrap();
    let err = bounded(client.call::<TestQuery>(request()))
        .await
        .unwrap_err();
    assert!(
        matches!(err, Error::ResponseTooLarge { limit: 1024, .. }),
        "{err:?}"
    );
}

#[tokio::test]
async fn a_connection_reset_mid_body_is_a_transport_error() {
    let full = response_xml(0, &[], Some("CO1"));
    let server = ScriptedServer::start(vec![Action::ResetMidBody {
        announced: full.len() + 10_000,
        body_prefix: full.as_bytes()[..100].to_vec(),
    }])
    .await;
    let client = builder(&server.url())
        .retry_policy(RetryPolicy::none())
        .build()
        .unwrap();
    let err = bounded(client.call::<TestQuery>(request()))
        .await
        .unwrap_err();
    let (_, reached) = transport_error(&err);
    assert!(reached);
}

// ------------------------------------------------------------------ validation

#[tokio::test]
async fn an_invalid_request_is_refused_before_anything_is_sent() {
    let server = ScriptedServer::start(vec![]).await;
    let input = TestRequest {
        email: Some("a-very-long-address@example.com".to_owned()),
        pickup_password: Some("short".into()),
        ..TestRequest::default()
    };
    let err = bounded(client(&server.url()).call::<TestQuery>(input))
        .await
        .unwrap_err();
    let violations = err.violations().expect("violations");
    assert_eq!(violations.len(), 2);
    let paths: Vec<_> = violations.iter().map(|v| v.path.as_str()).collect();
    assert_eq!(paths, ["Email", "PickupPassword"]);
    assert!(
        violations
            .iter()
            .all(|v| v.code == ApiErrorCode::ParameterLength)
    );
    assert!(!err.may_have_reached_server());
    assert!(server.requests().is_empty());
}

// ------------------------------------------------------------------ non-idempotent operations

#[tokio::test]
async fn a_change_whose_answer_is_lost_is_outcome_unknown_and_not_resent() {
    let server = ScriptedServer::start(vec![
        Action::status(502, "text/html", "<html>bad gateway</html>"),
        Action::xml(response_xml(0, &[], Some("CO1"))),
    ])
    .await;
    let err = bounded(client(&server.url()).call::<TestModify>(request()))
        .await
        .unwrap_err();
    let Error::OutcomeUnknown {
        operation,
        order_id,
        reconciliation,
        source,
        ..
    } = &err
    else {
        panic!("expected Error::OutcomeUnknown, got {err:?}");
    };
    assert_eq!(*operation, "TestModify");
    assert_eq!(order_id.as_deref(), Some("CO2016100500001"));
    assert!(matches!(reconciliation, Reconciliation::NotPossible));
    assert!(matches!(**source, Error::HttpStatus { status: 502, .. }));
    assert_eq!(server.requests().len(), 1);
    assert_eq!(
        (err.operation(), err.attempts()),
        (Some("TestModify"), Some(1))
    );
}

#[tokio::test]
async fn a_change_whose_connection_failed_is_just_a_transport_error() {
    let url = refused_url().await;
    let err = bounded(client(&url).call::<TestModify>(request()))
        .await
        .unwrap_err();
    let (_, reached) = transport_error(&err);
    assert!(!reached, "{err:?}");
    // Nothing left, so every request is sent again up to max_attempts, and the error says so.
    assert_eq!(
        (err.operation(), err.attempts()),
        (Some("TestModify"), Some(3))
    );
    assert!(
        err.to_string()
            .starts_with("TestModify: could not connect after 3 attempts in "),
        "{err}"
    );
}

#[tokio::test]
async fn a_query_that_keeps_timing_out_names_its_attempts_and_time() {
    let server = ScriptedServer::start(vec![
        Action::Stall {
            delay: Duration::from_secs(120),
        },
        Action::Stall {
            delay: Duration::from_secs(120),
        },
    ])
    .await;
    let client = builder(&server.url())
        .timeout(Duration::from_millis(200))
        .retry_policy(RetryPolicy {
            max_attempts: 2,
            ..RetryPolicy::default()
        })
        .build()
        .unwrap();
    let err = bounded(client.call::<TestQuery>(request()))
        .await
        .unwrap_err();
    let (kind, _) = transport_error(&err);
    assert_eq!(kind, TransportErrorKind::Timeout);
    assert_eq!(err.attempts(), Some(2));
    assert!(
        err.elapsed()
            .is_some_and(|t| t >= Duration::from_millis(400))
    );
    assert!(
        err.to_string()
            .starts_with("TestQuery: timed out after 2 attempts in "),
        "{err}"
    );
}

// ------------------------------------------------------------------ orders

#[tokio::test]
async fn an_order_is_placed_once() {
    let server =
        ScriptedServer::start(vec![Action::xml(response_xml(0, &[], Some("CO-NEW")))]).await;
    let response = bounded(client(&server.url()).call_order::<TestOrder>(order(Some("sub-1"))))
        .await
        .unwrap();
    assert_eq!(response.order_id.as_deref(), Some("CO-NEW"));
    assert!(response.recovery().is_none());
    assert_eq!(server.requests().len(), 1);
}

#[tokio::test]
async fn a_lost_order_answer_is_recovered_through_its_sub_id() {
    let server = ScriptedServer::start(vec![
        Action::Stall {
            delay: Duration::from_secs(120),
        },
        Action::xml(response_xml_with_orders(0, &[], None, &["CO-FOUND"])),
    ])
    .await;
    let client = builder(&server.url())
        .timeout(Duration::from_millis(300))
        .build()
        .unwrap();
    let response = bounded(client.call_order::<TestOrder>(order(Some("sub-42"))))
        .await
        .unwrap();
    let recovered = response.recovery().expect("recovered");
    assert_eq!(recovered.sub_id, "sub-42");
    assert_eq!(recovered.order_id, "CO-FOUND");
    assert_eq!(response.order_id.as_deref(), Some("CO-FOUND"));
    let requests = server.requests();
    assert_eq!(requests.len(), 2);
    // The second request is the lookup by SubID, not the order again.
    assert!(requests[1].body_text().contains("<SubID>sub-42</SubID>"));
}

#[tokio::test]
async fn an_order_not_found_by_sub_id_is_sent_again() {
    let server = ScriptedServer::start(vec![
        Action::status(502, "text/html", "<html>bad gateway</html>"),
        Action::xml(response_xml_with_orders(0, &[], None, &[])),
        Action::xml(response_xml(0, &[], Some("CO-SECOND"))),
    ])
    .await;
    let response = bounded(client(&server.url()).call_order::<TestOrder>(order(Some("sub-7"))))
        .await
        .unwrap();
    assert_eq!(response.order_id.as_deref(), Some("CO-SECOND"));
    assert!(response.recovery().is_none());
    assert_eq!(server.requests().len(), 3);
}

#[tokio::test]
async fn not_found_as_error_9916_counts_as_not_found() {
    let server = ScriptedServer::start(vec![
        Action::status(502, "text/html", "<html>bad gateway</html>"),
        Action::xml(response_xml(
            -1,
            &[("-9916", None, "Not found Certificate Order")],
            None,
        )),
    ])
    .await;
    let policy = RetryPolicy {
        max_order_resends: 0,
        ..support::fast_retries()
    };
    let client = builder(&server.url()).retry_policy(policy).build().unwrap();
    let err = bounded(client.call_order::<TestOrder>(order(Some("sub-9"))))
        .await
        .unwrap_err();
    let Error::OutcomeUnknown {
        sub_id,
        reconciliation,
        ..
    } = &err
    else {
        panic!("expected Error::OutcomeUnknown, got {err:?}");
    };
    assert_eq!(sub_id.as_deref(), Some("sub-9"));
    assert!(
        matches!(reconciliation, Reconciliation::NotFound),
        "{reconciliation:?}"
    );
    assert_eq!(server.requests().len(), 2);
}

#[tokio::test]
async fn an_order_without_sub_id_is_outcome_unknown() {
    let server = ScriptedServer::start(vec![Action::status(
        504,
        "text/html",
        "<html>gateway timeout</html>",
    )])
    .await;
    let err = bounded(client(&server.url()).call_order::<TestOrder>(order(None)))
        .await
        .unwrap_err();
    assert!(
        matches!(
            err,
            Error::OutcomeUnknown {
                reconciliation: Reconciliation::NotPossible,
                sub_id: None,
                ..
            }
        ),
        "{err:?}"
    );
    assert_eq!(server.requests().len(), 1);
}

#[tokio::test]
async fn several_orders_with_one_sub_id_are_outcome_unknown() {
    let server = ScriptedServer::start(vec![
        Action::CloseWithoutAnswer,
        Action::xml(response_xml_with_orders(0, &[], None, &["CO-A", "CO-B"])),
    ])
    .await;
    let err = bounded(client(&server.url()).call_order::<TestOrder>(order(Some("dup"))))
        .await
        .unwrap_err();
    let Error::OutcomeUnknown { reconciliation, .. } = &err else {
        panic!("expected Error::OutcomeUnknown, got {err:?}");
    };
    let Reconciliation::Several(ids) = reconciliation else {
        panic!("expected Several, got {reconciliation:?}");
    };
    assert_eq!(ids, &["CO-A", "CO-B"]);
}

#[tokio::test]
async fn a_failed_lookup_is_outcome_unknown_with_the_lookup_error() {
    let server = ScriptedServer::start(vec![
        Action::status(500, "text/html", "<html>oops</html>"),
        Action::xml(response_xml(
            -1,
            &[("-201", None, "Failed database operation")],
            None,
        )),
    ])
    .await;
    let err = bounded(client(&server.url()).call_order::<TestOrder>(order(Some("sub-x"))))
        .await
        .unwrap_err();
    let Error::OutcomeUnknown { reconciliation, .. } = &err else {
        panic!("expected Error::OutcomeUnknown, got {err:?}");
    };
    let Reconciliation::Failed(lookup) = reconciliation else {
        panic!("expected Failed, got {reconciliation:?}");
    };
    assert!(lookup.has_code(&ApiErrorCode::DatabaseFailure));
}

#[tokio::test]
async fn reconciliation_can_be_switched_off() {
    let server = ScriptedServer::start(vec![Action::status(502, "text/html", "<html/>")]).await;
    let client = builder(&server.url())
        .retry_policy(RetryPolicy::none())
        .build()
        .unwrap();
    let err = bounded(client.call_order::<TestOrder>(order(Some("sub-1"))))
        .await
        .unwrap_err();
    assert!(
        matches!(
            err,
            Error::OutcomeUnknown {
                reconciliation: Reconciliation::Disabled,
                ..
            }
        ),
        "{err:?}"
    );
    assert_eq!(server.requests().len(), 1);
}

#[tokio::test]
async fn an_order_whose_connection_was_refused_is_retried_then_reported_as_transport() {
    let url = refused_url().await;
    let err = bounded(client(&url).call_order::<TestOrder>(order(Some("sub-1"))))
        .await
        .unwrap_err();
    let (_, reached) = transport_error(&err);
    assert!(!reached, "{err:?}");
}

#[tokio::test]
async fn a_server_fault_on_an_order_is_reconciled_and_a_client_fault_is_final() {
    let server = ScriptedServer::start(vec![
        Action::status(
            500,
            "text/xml",
            fault_xml("soap:Server", "NullPointerException"),
        ),
        Action::xml(response_xml_with_orders(0, &[], None, &["CO-AFTER-FAULT"])),
        Action::status(
            500,
            "text/xml",
            fault_xml("soap:Client", "Unmarshalling Error"),
        ),
    ])
    .await;
    let client = client(&server.url());
    let response = bounded(client.call_order::<TestOrder>(order(Some("sub-f"))))
        .await
        .unwrap();
    assert_eq!(
        response.recovery().map(|r| r.order_id.as_str()),
        Some("CO-AFTER-FAULT")
    );
    let err = bounded(client.call_order::<TestOrder>(order(Some("sub-g"))))
        .await
        .unwrap_err();
    assert!(matches!(err, Error::SoapFault(_)), "{err:?}");
    assert_eq!(server.requests().len(), 3);
}

#[tokio::test]
async fn dotted_soap11_client_fault_codes_are_final_and_dotted_server_codes_reconciled() {
    // `soap:Client.Authentication` blames the request, as `soap:Client` does: the order
    // was refused, so it is neither looked up nor sent again. `soap:Server.Busy` is an
    // exception inside the service, which may have struck after the order was placed.
    let server = ScriptedServer::start(vec![
        Action::status(
            500,
            "text/xml",
            fault_xml("soap:Client.Authentication", "bad credentials"),
        ),
        Action::status(500, "text/xml", fault_xml("Client.Quota", "too many")),
        Action::status(500, "text/xml", fault_xml("soap:Server.Busy", "busy")),
        Action::xml(response_xml_with_orders(0, &[], None, &["CO-DOTTED"])),
    ])
    .await;
    let gas = client(&server.url());
    for sub_id in ["sub-auth", "sub-quota"] {
        let err = bounded(gas.call_order::<TestOrder>(order(Some(sub_id))))
            .await
            .unwrap_err();
        let Error::SoapFault(fault) = &err else {
            panic!("expected Error::SoapFault, got {err:?}");
        };
        assert!(fault.is_client(), "{fault:?}");
        assert!(!err.is_transient());
    }
    assert_eq!(server.requests().len(), 2, "client faults are final");
    let response = bounded(gas.call_order::<TestOrder>(order(Some("sub-busy"))))
        .await
        .unwrap();
    assert_eq!(
        response.recovery().map(|r| r.order_id.as_str()),
        Some("CO-DOTTED")
    );
    let requests = server.requests();
    assert_eq!(requests.len(), 4);
    assert!(requests[3].body_text().contains("<SubID>sub-busy</SubID>"));
    // A change (no SubID) refused with a dotted client code is that refusal, not an
    // unknown outcome.
    let server = ScriptedServer::start(vec![Action::status(
        500,
        "text/xml",
        fault_xml("soap:Client.Validation", "no such order"),
    )])
    .await;
    let err = bounded(client(&server.url()).call::<TestModify>(request()))
        .await
        .unwrap_err();
    assert!(matches!(err, Error::SoapFault(_)), "{err:?}");
    assert_eq!(server.requests().len(), 1);
}

#[test]
fn the_public_types_and_call_futures_can_cross_threads() {
    fn send_sync<T: Send + Sync + 'static>() {}
    fn send<T: Send>(_: &T) {}
    send_sync::<gas_client::GasClient>();
    send_sync::<Error>();
    send_sync::<gas_client::Response<support::op::TestResponse>>();
    let client = support::client("http://127.0.0.1:9/x");
    let call = client.call::<TestQuery>(request());
    send(&call);
    let order = client.call_order::<TestOrder>(order(Some("s")));
    send(&order);
}

#[tokio::test]
async fn an_api_error_on_an_order_is_final() {
    let server = ScriptedServer::start(vec![Action::xml(response_xml(
        -1,
        &[("-9911", None, "Credit line is over extended")],
        None,
    ))])
    .await;
    let err = bounded(client(&server.url()).call_order::<TestOrder>(order(Some("sub-1"))))
        .await
        .unwrap_err();
    assert!(err.has_code(&ApiErrorCode::CreditLineExceeded), "{err:?}");
    assert_eq!(server.requests().len(), 1);
}
