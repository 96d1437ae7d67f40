//! HTTP/1.1 on hyper: the service path, `?wsdl`, body limits, fault injection, and a
//! graceful shutdown. Plain HTTP (meant for loopback).
//!
//! | request | answer |
//! | --- | --- |
//! | `POST /pc/ws/v2/GasOrderService` | the SOAP handler's answer (after any injected fault) |
//! | `GET /pc/ws/v2/GasOrderService?wsdl` | the WSDL, address rewritten to this server |
//! | other method on the service path | 405 |
//! | any other path | 404 |
//! | a body over the limit | 413 |
//! | `/sandbox/admin/…` (only when enabled) | [`crate::admin`] |
//!
//! Request bodies are never logged: they carry the account password.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use bytes::Bytes;
use http_body_util::{BodyExt, Full, Limited};
use hyper::body::Incoming;
use hyper::header::{ALLOW, CONTENT_LENGTH, CONTENT_TYPE, HeaderValue};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Method, Request, Response, StatusCode};
use hyper_util::rt::TokioIo;
use hyper_util::server::graceful::GracefulShutdown;
use soap_runtime::server::DispatchResult;
use soap_runtime::{Fault, Limits};
use tokio::net::TcpListener;
use tokio::sync::watch;

use crate::admin::{self, ADMIN_PREFIX};
use crate::api_error::{ApiError, ApiErrors};
use crate::clock::Clock;
use crate::emulator::Emulator;
use crate::faults::{FaultAction, FaultPlan};
use crate::soap::{SoapHandler, api_error_envelope};

/// Where GlobalSign serves GasOrderService v2; the sandbox answers at the same path.
pub const SERVICE_PATH: &str = "/pc/ws/v2/GasOrderService";

/// How long a shutdown waits for open connections to finish.
const SHUTDOWN_GRACE: Duration = Duration::from_secs(5);

/// What every connection shares.
pub(crate) struct ServerContext {
    pub handler: Arc<dyn SoapHandler>,
    /// Set when the admin API is on.
    pub admin: Option<Arc<Emulator>>,
    pub faults: Arc<FaultPlan>,
    pub clock: Arc<dyn Clock>,
    pub wsdl: Bytes,
    pub max_body: usize,
}

/// The error that makes hyper close a connection without answering (fault injection).
#[derive(Debug)]
struct DropConnection;

impl std::fmt::Display for DropConnection {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("connection dropped by fault injection")
    }
}

impl std::error::Error for DropConnection {}

/// Accepts connections until `shutdown` turns true, then lets open ones finish (up to a
/// grace period).
pub(crate) async fn serve(
    listener: TcpListener,
    context: Arc<ServerContext>,
    mut shutdown: watch::Receiver<bool>,
) {
    let graceful = GracefulShutdown::new();
    loop {
        tokio::select! {
            accepted = listener.accept() => {
                let (stream, peer) = match accepted {
                    Ok(pair) => pair,
                    Err(e) => {
                        tracing::warn!(error = %e, "accept failed");
                        continue;
                    }
                };
                let context = context.clone();
                let service = service_fn(move |request| {
                    let context = context.clone();
                    async move { route(request, &context, peer).await }
                });
                let connection = http1::Builder::new()
                    .serve_connection(TokioIo::new(stream), service);
                let connection = graceful.watch(connection);
                tokio::spawn(async move {
                    if let Err(e) = connection.await {
                        tracing::debug!(%peer, error = %e, "connection ended with an error");
                    }
                });
            }
            changed = shutdown.changed() => {
                if changed.is_err() || *shutdown.borrow() {
                    break;
                }
            }
        }
    }
    drop(listener);
    if tokio::time::timeout(SHUTDOWN_GRACE, graceful.shutdown())
        .await
        .is_err()
    {
        tracing::warn!("connections still open after the shutdown grace period");
    }
}

async fn route(
    request: Request<Incoming>,
    context: &ServerContext,
    peer: SocketAddr,
) -> Result<Response<Full<Bytes>>, DropConnection> {
    let method = request.method().clone();
    let path = request.uri().path().to_owned();
    let wants_wsdl = request
        .uri()
        .query()
        .is_some_and(|q| q.split('&').any(|p| p.eq_ignore_ascii_case("wsdl")));
    let response = if let Some(emulator) = context
        .admin
        .as_ref()
        .filter(|_| path.starts_with(ADMIN_PREFIX))
    {
        admin_request(request, context, emulator).await
    } else if path != SERVICE_PATH {
        plain(StatusCode::NOT_FOUND, "No service was found.\n")
    } else if method == Method::GET && wants_wsdl {
        let mut response = Response::new(Full::new(context.wsdl.clone()));
        set_content_type(&mut response, "text/xml; charset=utf-8");
        response
    } else if method == Method::POST {
        soap(request, context).await?
    } else {
        let mut response = plain(StatusCode::METHOD_NOT_ALLOWED, "Use POST (or GET ?wsdl).\n");
        response
            .headers_mut()
            .insert(ALLOW, HeaderValue::from_static("GET, POST"));
        response
    };
    tracing::debug!(%peer, %method, %path, status = response.status().as_u16(), "request");
    Ok(response)
}

async fn admin_request(
    request: Request<Incoming>,
    context: &ServerContext,
    emulator: &Emulator,
) -> Response<Full<Bytes>> {
    let method = request.method().as_str().to_owned();
    let path = request.uri().path().to_owned();
    let query = request.uri().query().map(str::to_owned);
    let body = match Limited::new(request.into_body(), context.max_body)
        .collect()
        .await
    {
        Ok(collected) => collected.to_bytes(),
        Err(_) => return too_large(context.max_body),
    };
    let answer = admin::handle(
        emulator,
        &context.faults,
        &method,
        &path,
        query.as_deref(),
        &String::from_utf8_lossy(&body),
    );
    let mut response = Response::new(Full::new(Bytes::from(answer.body)));
    *response.status_mut() =
        StatusCode::from_u16(answer.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    set_content_type(&mut response, answer.content_type);
    response
}

async fn soap(
    request: Request<Incoming>,
    context: &ServerContext,
) -> Result<Response<Full<Bytes>>, DropConnection> {
    let declared = request
        .headers()
        .get(CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > context.max_body as u64) {
        return Ok(too_large(context.max_body));
    }
    let body = match Limited::new(request.into_body(), context.max_body)
        .collect()
        .await
    {
        Ok(collected) => collected.to_bytes(),
        Err(e) => {
            if e.downcast_ref::<http_body_util::LengthLimitError>()
                .is_some()
            {
                return Ok(too_large(context.max_body));
            }
            return Ok(plain(StatusCode::BAD_REQUEST, "Unreadable request body.\n"));
        }
    };

    let limits = Limits {
        max_size: context.max_body,
        ..Limits::default()
    };
    let info = soap_runtime::envelope::request_info(&body, &limits).ok();
    if let Some(info) = &info
        && let Some(rule) = context.faults.take(&info.name)
    {
        tracing::info!(operation = %info.name, ?rule, "injecting fault");
        if let Some(delay) = rule.delay {
            tokio::time::sleep(delay).await;
        }
        match rule.action {
            None => {}
            Some(FaultAction::DropConnection) => return Err(DropConnection),
            Some(FaultAction::HttpStatus(status)) => {
                let status = StatusCode::from_u16(status).unwrap_or(StatusCode::BAD_GATEWAY);
                return Ok(plain(status, ""));
            }
            Some(FaultAction::SoapFault(message)) => {
                return Ok(dispatch_response(DispatchResult::fault(
                    &Fault::server(message),
                    info.version,
                )));
            }
            Some(FaultAction::ApiError(code)) => {
                let errors = ApiErrors::one(ApiError::new(code));
                return Ok(dispatch_response(api_error_envelope(
                    &info.name,
                    &errors,
                    context.clock.now(),
                    info.version,
                )));
            }
        }
    }
    Ok(dispatch_response(context.handler.handle(body).await))
}

fn dispatch_response(result: DispatchResult) -> Response<Full<Bytes>> {
    let mut response = Response::new(Full::new(Bytes::from(result.body)));
    *response.status_mut() =
        StatusCode::from_u16(result.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    set_content_type(&mut response, result.content_type);
    response
}

fn too_large(limit: usize) -> Response<Full<Bytes>> {
    plain(
        StatusCode::PAYLOAD_TOO_LARGE,
        &format!("Request body larger than {limit} bytes.\n"),
    )
}

fn plain(status: StatusCode, text: &str) -> Response<Full<Bytes>> {
    let mut response = Response::new(Full::new(Bytes::from(text.to_owned())));
    *response.status_mut() = status;
    if !text.is_empty() {
        set_content_type(&mut response, "text/plain; charset=utf-8");
    }
    response
}

fn set_content_type(response: &mut Response<Full<Bytes>>, value: &'static str) {
    response
        .headers_mut()
        .insert(CONTENT_TYPE, HeaderValue::from_static(value));
}
