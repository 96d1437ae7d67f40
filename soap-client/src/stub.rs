//! A SOAP service on loopback for tests and examples (cargo feature `stub`): serve a
//! generated `dispatch` (over your implementation of the generated `Handler` trait) and
//! point a client at [`StubServer::url`].
//!
//! ```no_run
//! use soap_runtime::server::DispatchResult;
//! use soap_runtime::{Fault, SoapVersion};
//! # async fn run() -> std::io::Result<()> {
//! // With a generated crate `svc` and `struct Stub; impl svc::server::Handler for Stub {…}`,
//! // the closure is `|body| async move { svc::server::dispatch(&Stub, &body, &limits).await }`.
//! let server = soap_client::stub::serve(|_body| async {
//!     DispatchResult::fault(&Fault::server("not here"), SoapVersion::Soap11)
//! })
//! .await?;
//! let url = server.url(); // http://127.0.0.1:PORT/
//! # Ok(()) }
//! ```
//!
//! Bounded like every server here: at most [`MAX_CONNECTIONS`] open connections, request
//! bodies up to [`MAX_REQUEST`] bytes, [`REQUEST_TIMEOUT`] per request; it stops when the
//! [`StubServer`] is dropped. It logs nothing.

use std::convert::Infallible;
use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use bytes::Bytes;
use http_body_util::{BodyExt, Full, Limited};
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Request, Response, StatusCode};
use hyper_util::rt::TokioIo;
use soap_runtime::server::DispatchResult;
use tokio::net::TcpListener;
use tokio::sync::Semaphore;

/// Connections served at once; more wait in the listen queue.
pub const MAX_CONNECTIONS: usize = 64;
/// Largest request body accepted.
pub const MAX_REQUEST: usize = 16 * 1024 * 1024;
/// Time allowed for reading a request and answering it.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);

/// A running stub; it stops accepting when dropped.
#[derive(Debug)]
pub struct StubServer {
    address: SocketAddr,
    task: tokio::task::JoinHandle<()>,
}

impl StubServer {
    /// `http://127.0.0.1:PORT/`: every path answers.
    pub fn url(&self) -> String {
        format!("http://{}/", self.address)
    }

    /// The address it listens on.
    pub fn address(&self) -> SocketAddr {
        self.address
    }
}

impl Drop for StubServer {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// Serves `dispatch` on `127.0.0.1` (a free port): every POST body is handed to it and
/// its [`DispatchResult`] is the answer. Must be called inside a tokio runtime.
pub async fn serve<F, Fut>(dispatch: F) -> std::io::Result<StubServer>
where
    F: Fn(Bytes) -> Fut + Send + Sync + 'static,
    Fut: Future<Output = DispatchResult> + Send + 'static,
{
    let listener = TcpListener::bind(("127.0.0.1", 0)).await?;
    let address = listener.local_addr()?;
    let dispatch = Arc::new(dispatch);
    let slots = Arc::new(Semaphore::new(MAX_CONNECTIONS));
    let task = tokio::spawn(async move {
        loop {
            let Ok(permit) = slots.clone().acquire_owned().await else {
                return;
            };
            let Ok((stream, _peer)) = listener.accept().await else {
                continue;
            };
            let dispatch = dispatch.clone();
            let service = service_fn(move |request: Request<Incoming>| {
                let dispatch = dispatch.clone();
                async move { Ok::<_, Infallible>(answer(request, &*dispatch).await) }
            });
            tokio::spawn(async move {
                let connection =
                    http1::Builder::new().serve_connection(TokioIo::new(stream), service);
                let _ = tokio::time::timeout(REQUEST_TIMEOUT * 4, connection).await;
                drop(permit);
            });
        }
    });
    Ok(StubServer { address, task })
}

async fn answer<F, Fut>(request: Request<Incoming>, dispatch: &F) -> Response<Full<Bytes>>
where
    F: Fn(Bytes) -> Fut,
    Fut: Future<Output = DispatchResult>,
{
    let work = async {
        let body = match Limited::new(request.into_body(), MAX_REQUEST)
            .collect()
            .await
        {
            Ok(collected) => collected.to_bytes(),
            Err(_) => {
                return plain(
                    StatusCode::PAYLOAD_TOO_LARGE,
                    "request too large or broken\n",
                );
            }
        };
        let result = dispatch(body).await;
        let mut response = Response::new(Full::new(Bytes::from(result.body)));
        *response.status_mut() =
            StatusCode::from_u16(result.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        if let Ok(value) = hyper::header::HeaderValue::from_str(result.content_type) {
            response
                .headers_mut()
                .insert(hyper::header::CONTENT_TYPE, value);
        }
        response
    };
    match tokio::time::timeout(REQUEST_TIMEOUT, work).await {
        Ok(response) => response,
        Err(_) => plain(StatusCode::REQUEST_TIMEOUT, "request timed out\n"),
    }
}

fn plain(status: StatusCode, text: &'static str) -> Response<Full<Bytes>> {
    let mut response = Response::new(Full::new(Bytes::from_static(text.as_bytes())));
    *response.status_mut() = status;
    response
}
