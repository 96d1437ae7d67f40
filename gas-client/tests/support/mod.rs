//! Test support: a scripted loopback HTTP server and hand-written operations in
//! GlobalSign's shape (stand-ins until the generated ones exist).

#![allow(dead_code)]

pub mod op;
pub mod server;
pub mod trace;

use std::time::Duration;

use gas_client::{
    Credentials, Endpoint, Error, GasClient, GasClientBuilder, RetryPolicy, TransportErrorKind,
};

/// A password that must never show up anywhere but on the wire.
pub const PASSWORD_MARKER: &str = "PwMarker-7f3a9c";
/// A pickup password that must never show up anywhere but on the wire.
pub const PICKUP_MARKER: &str = "PickupMarker-51d2e8";

/// A retry policy for tests: real behaviour, no real waiting.
pub fn fast_retries() -> RetryPolicy {
    RetryPolicy {
        max_attempts: 3,
        initial_backoff: Duration::from_millis(1),
        max_backoff: Duration::from_millis(5),
        reconcile_orders: true,
        order_settle_delay: Duration::ZERO,
        max_order_resends: 1,
    }
}

/// A builder for `url` with the marker password, short timeouts and fast retries.
pub fn builder(url: &str) -> GasClientBuilder {
    GasClient::builder(
        Endpoint::Url(url.to_owned()),
        Credentials::new("PAR12345_api", PASSWORD_MARKER),
    )
    .timeout(Duration::from_secs(10))
    .retry_policy(fast_retries())
}

/// A client for `url` as [`builder`] configures it.
pub fn client(url: &str) -> GasClient {
    builder(url).build().expect("client builds")
}

/// Guards a test against hanging: a call that should end by itself gets a generous bound.
pub async fn bounded<F: std::future::Future>(future: F) -> F::Output {
    tokio::time::timeout(Duration::from_secs(60), future)
        .await
        .expect("the call did not end within 60 s")
}

/// The kind of an [`Error::Transport`] and whether the request may have reached the
/// server; any other error fails the test.
pub fn transport_error(err: &Error) -> (TransportErrorKind, bool) {
    let Error::Transport {
        source,
        may_have_reached_server,
    } = err
    else {
        panic!("expected Error::Transport, got {err:?}");
    };
    (source.kind(), *may_have_reached_server)
}
