//! HTTP/1.1 on hyper: the service path, `?wsdl`, body limits, fault injection, and a
//! graceful shutdown. Plain HTTP (meant for loopback).
//!
//! Bounded for a server left running in CI ([`ServerLimits`]): slow or idle connections are
//! closed (`crate::connections`), a body must arrive in time (408), at most
//! `max_connections` are open (the longest-idle one is closed to make room; 503 when all
//! are busy), and accept errors (the open-files limit) back off and are logged at most
//! once a second with a count of the rest.
//!
//! | request | answer |
//! | --- | --- |
//! | `POST /pc/ws/v2/GasOrderService` | the SOAP handler's answer (after any injected fault) |
//! | `GET /pc/ws/v2/GasOrderService?wsdl` | the WSDL, address rewritten to this server |
//! | other method on the service path | 405 |
//! | any other path | 404 |
//! | a body over the limit | 413 |
//! | a body slower than `body_read_timeout` | 408, connection closed |
//! | a connection over `max_connections` when all are busy | 503, connection closed |
//! | `/sandbox/admin/…` (only when enabled) | [`crate::admin`] |
//! | `/sandbox/…` other than the admin API (only when the admin API is enabled) | the pages, [`crate::pages`] |
//!
//! Request bodies are never logged: they carry the account password.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, Instant};

use bytes::Bytes;
use http_body_util::{BodyExt, Full, LengthLimitError, Limited};
use hyper::body::Incoming;
use hyper::header::{
    ALLOW, CACHE_CONTROL, CONNECTION, CONTENT_DISPOSITION, CONTENT_LENGTH, CONTENT_TYPE,
    HeaderValue, LOCATION,
};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Method, Request, Response, StatusCode};
use hyper_util::rt::TokioIo;
use hyper_util::server::graceful::GracefulShutdown;
use soap_runtime::server::DispatchResult;
use soap_runtime::{Fault, Limits};
use tokio::net::{TcpListener, TcpSocket, TcpStream};
use tokio::sync::watch;

use crate::admin::{self, ADMIN_PREFIX};
use crate::api_error::{ApiError, ApiErrors};
use crate::clock::Clock;
use crate::connections::{Connections, Deadlines, TrackedIo};
use crate::emulator::Emulator;
use crate::faults::{FaultAction, FaultPlan};
use crate::log_throttle::LogThrottle;
use crate::pages::{self, PAGES_PREFIX, PageRequest};
use crate::soap::{SoapHandler, api_error_envelope};

/// Where GlobalSign serves GasOrderService v2; the sandbox answers at the same path.
pub const SERVICE_PATH: &str = "/pc/ws/v2/GasOrderService";

/// How long a shutdown waits for open connections to finish.
const SHUTDOWN_GRACE: Duration = Duration::from_secs(5);

/// The first pause after a failed accept; doubled per failure up to [`MAX_ACCEPT_BACKOFF`].
const FIRST_ACCEPT_BACKOFF: Duration = Duration::from_millis(5);
const MAX_ACCEPT_BACKOFF: Duration = Duration::from_millis(250);

/// A repeating warning is written at most this often.
const LOG_INTERVAL: Duration = Duration::from_secs(1);

/// File descriptors kept free for everything but connections (the state file, the
/// runtime's own, a log file) when `max_connections` follows the open-files limit.
const RESERVED_FILES: u64 = 64;

/// How long clients may take and how many may be connected at once.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ServerLimits {
    /// A request's headers must be complete within this long: of the connection opening for
    /// the first request, of the request's first byte for later ones. Default 10 s.
    pub header_read_timeout: Duration,
    /// A request's body must be complete within this long of its headers; else 408 and the
    /// connection is closed. Default 30 s.
    pub body_read_timeout: Duration,
    /// A kept-alive connection is closed when no request starts within this long of the
    /// last answer. Default 120 s: longer than reqwest's (and so gas-client's) 90 s pool
    /// idle timeout, so a pooled client closes first and never sends on a connection the
    /// server is closing.
    pub idle_timeout: Duration,
    /// The most connections open at once. `None` (default): 1024, or fewer when the
    /// process's open-files limit (`ulimit -n`) leaves less room.
    pub max_connections: Option<usize>,
    /// The listen backlog: connections the kernel completes before they are accepted
    /// (Linux caps it at `net.core.somaxconn`). Default 1024.
    pub listen_backlog: u32,
}

impl Default for ServerLimits {
    fn default() -> Self {
        Self {
            header_read_timeout: Duration::from_secs(10),
            body_read_timeout: Duration::from_secs(30),
            idle_timeout: Duration::from_secs(120),
            max_connections: None,
            listen_backlog: 1024,
        }
    }
}

impl ServerLimits {
    /// The default for `max_connections`.
    pub const DEFAULT_MAX_CONNECTIONS: usize = 1024;

    /// `max_connections`, or its default for this process's open-files limit.
    pub fn effective_max_connections(&self) -> usize {
        self.max_connections.unwrap_or_else(|| {
            let by_files = open_files_limit().map_or(Self::DEFAULT_MAX_CONNECTIONS, |limit| {
                let room = limit.saturating_sub(RESERVED_FILES).max(limit / 2);
                usize::try_from(room).unwrap_or(usize::MAX)
            });
            Self::DEFAULT_MAX_CONNECTIONS.min(by_files).max(1)
        })
    }

    fn deadlines(&self) -> Deadlines {
        Deadlines {
            header_read: self.header_read_timeout,
            idle: self.idle_timeout,
        }
    }
}

/// The soft open-files limit (`RLIMIT_NOFILE`), where there is one.
fn open_files_limit() -> Option<u64> {
    #[cfg(unix)]
    {
        rustix::process::getrlimit(rustix::process::Resource::Nofile).current
    }
    #[cfg(not(unix))]
    {
        None
    }
}

/// Binds `addr` with the given listen backlog.
pub(crate) fn bind(addr: SocketAddr, backlog: u32) -> std::io::Result<TcpListener> {
    let socket = if addr.is_ipv4() {
        TcpSocket::new_v4()?
    } else {
        TcpSocket::new_v6()?
    };
    // As std and tokio do: a restarted sandbox can bind while old connections linger.
    #[cfg(unix)]
    socket.set_reuseaddr(true)?;
    socket.bind(addr)?;
    let listener = socket.listen(backlog)?;
    if let Some(cap) = kernel_backlog_cap()
        && cap < backlog
    {
        tracing::info!(
            backlog,
            somaxconn = cap,
            "the kernel caps the listen backlog at net.core.somaxconn"
        );
    }
    Ok(listener)
}

/// Linux's `net.core.somaxconn`.
fn kernel_backlog_cap() -> Option<u32> {
    std::fs::read_to_string("/proc/sys/net/core/somaxconn")
        .ok()?
        .trim()
        .parse()
        .ok()
}

/// What a connection over the cap gets when every open connection is busy.
const BUSY_ANSWER: &str = "HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: 38\r\nRetry-After: 1\r\nConnection: close\r\n\r\nToo many open connections; try again.\n";

/// What every connection shares.
pub(crate) struct ServerContext {
    pub handler: Arc<dyn SoapHandler>,
    /// Set when the admin API is on.
    pub admin: Option<Arc<Emulator>>,
    pub faults: Arc<FaultPlan>,
    pub clock: Arc<dyn Clock>,
    pub wsdl: Bytes,
    pub max_body: usize,
    pub limits: ServerLimits,
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
    let connections = Arc::new(Connections::new());
    let max_connections = context.limits.effective_max_connections();
    tracing::debug!(max_connections, limits = ?context.limits, "server limits");
    let mut accept_log = LogThrottle::new(LOG_INTERVAL);
    let mut busy_log = LogThrottle::new(LOG_INTERVAL);
    let mut backoff: Option<Duration> = None;
    loop {
        let accepted = tokio::select! {
            accepted = listener.accept() => accepted,
            changed = shutdown.changed() => {
                if changed.is_err() || *shutdown.borrow() {
                    break;
                }
                continue;
            }
        };
        let (stream, peer) = match accepted {
            Ok(pair) => pair,
            Err(e) if peer_went_away(&e) => continue,
            Err(e) => {
                // Out of files (EMFILE/ENFILE) or memory: retrying at once would spin, and
                // logging each retry would flood. Free a descriptor if an idle connection
                // holds one, pause, and write one line a second at most.
                if let Some(unreported) = accept_log.event(Instant::now()) {
                    tracing::warn!(
                        error = %e,
                        unreported,
                        "accept failed; backing off ({unreported} more since the last report)"
                    );
                }
                connections.evict_longest_idle();
                let pause =
                    backoff.map_or(FIRST_ACCEPT_BACKOFF, |b| (b * 2).min(MAX_ACCEPT_BACKOFF));
                backoff = Some(pause);
                tokio::select! {
                    () = tokio::time::sleep(pause) => {}
                    changed = shutdown.changed() => {
                        if changed.is_err() || *shutdown.borrow() {
                            break;
                        }
                    }
                }
                continue;
            }
        };
        backoff = None;
        if connections.len() >= max_connections && !connections.evict_longest_idle() {
            if let Some(unreported) = busy_log.event(Instant::now()) {
                tracing::warn!(
                    max_connections,
                    unreported,
                    "every connection is busy: answering 503 ({unreported} more since the last report)"
                );
            }
            // Best effort: the socket is fresh, so its send buffer has room.
            let _ = stream.try_write(BUSY_ANSWER.as_bytes());
            continue;
        }
        spawn_connection(stream, peer, &context, &connections, &graceful);
    }
    drop(listener);
    if tokio::time::timeout(SHUTDOWN_GRACE, graceful.shutdown())
        .await
        .is_err()
    {
        tracing::warn!("connections still open after the shutdown grace period");
    }
}

/// Accept errors that concern one connection only (the peer gave up before it was
/// accepted): nothing to wait for.
fn peer_went_away(e: &std::io::Error) -> bool {
    use std::io::ErrorKind::{ConnectionAborted, ConnectionRefused, ConnectionReset};
    matches!(
        e.kind(),
        ConnectionAborted | ConnectionRefused | ConnectionReset
    )
}

/// Serves one connection on its own task, closing it when it is too slow, idle too long,
/// or evicted to make room.
fn spawn_connection(
    stream: TcpStream,
    peer: SocketAddr,
    context: &Arc<ServerContext>,
    connections: &Arc<Connections>,
    graceful: &GracefulShutdown,
) {
    let tracker = connections.open();
    let service = {
        let context = context.clone();
        let tracker = tracker.clone();
        service_fn(move |request| {
            let context = context.clone();
            let in_flight = tracker.begin_request();
            async move {
                let _in_flight = in_flight;
                route(request, &context, peer).await
            }
        })
    };
    let connection = http1::Builder::new()
        // Header and idle deadlines are the tracker's (hyper's own needs a timer and
        // would also count idle keep-alive time as header time).
        .header_read_timeout(None)
        .serve_connection(
            TokioIo::new(TrackedIo::new(stream, tracker.clone())),
            service,
        );
    let connection = graceful.watch(connection);
    let deadlines = context.limits.deadlines();
    let connections = connections.clone();
    tokio::spawn(async move {
        tokio::pin!(connection);
        loop {
            let deadline = tracker.deadline(deadlines);
            let expired = async {
                match deadline {
                    Some((at, _)) => tokio::time::sleep_until(at.into()).await,
                    None => std::future::pending().await,
                }
            };
            tokio::select! {
                result = &mut connection => {
                    if let Err(e) = result {
                        tracing::debug!(%peer, error = %e, "connection ended with an error");
                    }
                    break;
                }
                () = expired => {
                    if let Some((at, why)) = tracker.deadline(deadlines)
                        && at <= Instant::now()
                    {
                        tracing::debug!(%peer, ?why, "closing a slow or idle connection");
                        break;
                    }
                }
                () = tracker.changed() => {}
                () = tracker.evicted() => {
                    tracing::debug!(%peer, "closing the longest-idle connection to make room");
                    break;
                }
            }
        }
        connections.close(&tracker);
    });
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
    } else if let Some(emulator) = context
        .admin
        .as_ref()
        .filter(|_| path.starts_with(PAGES_PREFIX))
    {
        page_request(request, context, emulator).await
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
    let body = match read_body(request.into_body(), context).await {
        Ok(body) => body,
        Err(answer) => return answer,
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

/// A page ([`crate::pages`]): read the (bounded) form body, answer, and never cache.
async fn page_request(
    request: Request<Incoming>,
    context: &ServerContext,
    emulator: &Emulator,
) -> Response<Full<Bytes>> {
    let method = request.method().as_str().to_owned();
    let path = request.uri().path().to_owned();
    let query = request.uri().query().map(str::to_owned);
    let same_origin = is_same_origin(request.headers());
    let body = match read_body(request.into_body(), context).await {
        Ok(body) => body,
        Err(answer) => return answer,
    };
    let form = String::from_utf8_lossy(&body);
    let answer = pages::handle(
        emulator,
        &context.faults,
        &PageRequest {
            method: &method,
            path: &path,
            query: query.as_deref(),
            same_origin,
            form: &form,
        },
    );
    let mut response = Response::new(Full::new(Bytes::from(answer.body)));
    *response.status_mut() =
        StatusCode::from_u16(answer.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    set_content_type(&mut response, answer.content_type);
    let headers = response.headers_mut();
    headers.insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert(
        "x-content-type-options",
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(
        "content-security-policy",
        HeaderValue::from_static(
            "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'",
        ),
    );
    // Same-origin requests keep their Origin (with no-referrer a form post's is `null`).
    headers.insert("referrer-policy", HeaderValue::from_static("same-origin"));
    if let Some(location) = answer.location.and_then(|l| HeaderValue::from_str(&l).ok()) {
        headers.insert(LOCATION, location);
    }
    if let Some(value) = answer
        .download_name
        .and_then(|name| HeaderValue::from_str(&format!("attachment; filename=\"{name}\"")).ok())
    {
        headers.insert(CONTENT_DISPOSITION, value);
    }
    response
}

/// Whether a request came from this server's own pages (or from no page at all, as curl's
/// do): a browser's `Sec-Fetch-Site` must say same-origin (or none: typed by the user), and
/// where only `Origin` is sent it must name the host the request went to.
fn is_same_origin(headers: &hyper::HeaderMap) -> bool {
    let header = |name: &str| headers.get(name).and_then(|v| v.to_str().ok());
    if let Some(site) = header("sec-fetch-site") {
        return site == "same-origin" || site == "none";
    }
    match (header("origin"), header("host")) {
        (None, _) => true,
        (Some(origin), Some(host)) => origin
            .strip_prefix("http://")
            .is_some_and(|origin_host| origin_host.eq_ignore_ascii_case(host)),
        (Some(_), None) => false,
    }
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
    let body = match read_body(request.into_body(), context).await {
        Ok(body) => body,
        Err(answer) => return Ok(answer),
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
        if rule.after_commit && rule.action.is_some() {
            // The request is carried out; only its answer is replaced.
            let _committed = context.handler.handle(body.clone()).await;
        }
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

/// The whole body, or the answer to give instead: 413 over the size limit, 408 when it
/// does not arrive within `body_read_timeout` (a stalled or trickled upload), 400 when the
/// connection breaks.
async fn read_body(
    body: Incoming,
    context: &ServerContext,
) -> Result<Bytes, Response<Full<Bytes>>> {
    let limit = context.max_body;
    let collect = Limited::new(body, limit).collect();
    match tokio::time::timeout(context.limits.body_read_timeout, collect).await {
        Ok(Ok(collected)) => Ok(collected.to_bytes()),
        Ok(Err(e)) if e.downcast_ref::<LengthLimitError>().is_some() => Err(too_large(limit)),
        Ok(Err(_)) => Err(plain(StatusCode::BAD_REQUEST, "Unreadable request body.\n")),
        Err(_) => {
            let seconds = context.limits.body_read_timeout.as_secs_f64();
            let mut answer = plain(
                StatusCode::REQUEST_TIMEOUT,
                &format!("Request body not received within {seconds} s.\n"),
            );
            answer
                .headers_mut()
                .insert(CONNECTION, HeaderValue::from_static("close"));
            Err(answer)
        }
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_busy_answer_is_well_formed() {
        let (head, body) = BUSY_ANSWER.split_once("\r\n\r\n").expect("head and body");
        assert!(head.starts_with("HTTP/1.1 503 "));
        assert!(
            head.contains(&format!("Content-Length: {}\r\n", body.len())),
            "{head}"
        );
    }

    /// Issue 22: beyond 128 simultaneous new connections (mio's fixed backlog) connects
    /// stalled ~1 s. With nobody accepting, the kernel completes `backlog` (+1) connects
    /// and leaves the rest unanswered: 300 complete at the default, not at 16.
    #[tokio::test]
    async fn the_listen_backlog_is_the_configured_one() {
        async fn completed_connects(backlog: u32, attempts: usize) -> usize {
            let listener = bind("127.0.0.1:0".parse().expect("addr"), backlog).expect("bind");
            let addr = listener.local_addr().expect("addr");
            let mut streams = Vec::new();
            for _ in 0..attempts {
                // A completed handshake answers at once; a dropped SYN is retried after 1 s.
                match tokio::time::timeout(Duration::from_millis(300), TcpStream::connect(addr))
                    .await
                {
                    Ok(Ok(stream)) => streams.push(stream),
                    _ => break,
                }
            }
            streams.len()
        }
        let wanted = kernel_backlog_cap().map_or(300, |cap| cap.min(300) as usize);
        let default = ServerLimits::default().listen_backlog;
        assert_eq!(completed_connects(default, wanted).await, wanted);
        assert!(completed_connects(16, wanted).await < wanted);
    }

    #[test]
    fn max_connections_follows_the_files_limit_unless_given() {
        let given = ServerLimits {
            max_connections: Some(5),
            ..ServerLimits::default()
        };
        assert_eq!(given.effective_max_connections(), 5);
        let derived = ServerLimits::default().effective_max_connections();
        assert!((1..=ServerLimits::DEFAULT_MAX_CONNECTIONS).contains(&derived));
        if let Some(files) = open_files_limit() {
            assert!(derived as u64 <= files);
        }
    }
}
