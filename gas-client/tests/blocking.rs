//! The blocking client (cargo feature `blocking`, switched on for tests by the crate's
//! dev-dependency on itself): same calls, same errors, usable with or without a runtime
//! around it.

mod support;

use gas_client::Error;
use support::builder;
use support::op::{TestOrder, TestQuery, TestRequest, response_xml};
use support::server::{Action, ScriptedServer};

/// A scripted server on a runtime of its own, so the test thread stays free to block.
fn server(script: Vec<Action>) -> (tokio::runtime::Runtime, ScriptedServer) {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .expect("server runtime");
    let server = runtime.block_on(ScriptedServer::start(script));
    (runtime, server)
}

#[test]
fn blocking_calls_work_without_a_runtime() {
    let (_runtime, server) = server(vec![
        Action::xml(response_xml(0, &[], Some("CO-B1"))),
        Action::xml(response_xml(-1, &[("-4001", None, "Login failure")], None)),
        Action::xml(response_xml(0, &[], Some("CO-B2"))),
    ]);
    let client = builder(&server.url())
        .build_blocking()
        .expect("blocking client");
    let response = client.call::<TestQuery>(TestRequest::default()).unwrap();
    assert_eq!(response.order_id.as_deref(), Some("CO-B1"));
    let err = client
        .call::<TestQuery>(TestRequest::default())
        .unwrap_err();
    assert!(matches!(err, Error::Api(_)), "{err:?}");
    let order = TestRequest {
        sub_id: Some("sub-b".to_owned()),
        ..TestRequest::default()
    };
    let response = client.call_order::<TestOrder>(order).unwrap();
    assert_eq!(response.order_id.as_deref(), Some("CO-B2"));
}

#[test]
fn a_blocking_client_is_shared_across_threads() {
    let (_runtime, server) = server(
        (0..4)
            .map(|i| Action::xml(response_xml(0, &[], Some(&format!("CO-T{i}")))))
            .collect(),
    );
    let client = builder(&server.url())
        .build_blocking()
        .expect("blocking client");
    let mut ids: Vec<String> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..4)
            .map(|_| {
                let client = client.clone();
                scope.spawn(move || {
                    client
                        .call::<TestQuery>(TestRequest::default())
                        .unwrap()
                        .into_value()
                        .order_id
                        .unwrap_or_default()
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    ids.sort();
    assert_eq!(ids, ["CO-T0", "CO-T1", "CO-T2", "CO-T3"]);
}

#[test]
fn a_blocking_client_works_and_drops_inside_an_async_runtime() {
    let (_server_runtime, server) = server(vec![Action::xml(response_xml(0, &[], Some("CO-IN")))]);
    let outer = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("outer runtime");
    outer.block_on(async {
        // Blocking inside a runtime would panic; the client moves the call to a helper
        // thread instead. Its own runtime is then dropped here, inside this one.
        let client = builder(&server.url())
            .build_blocking()
            .expect("blocking client");
        let response = client.call::<TestQuery>(TestRequest::default()).unwrap();
        assert_eq!(response.order_id.as_deref(), Some("CO-IN"));
    });
}
