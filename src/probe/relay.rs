//! The probe's gate to the service: a relay on loopback that gas-client talks to. It
//! forwards a request only when its body element is one of the three queries, and keeps
//! every exchange as bytes (for `--record` and for reading the answers strictly).
//!
//! This is where "the probe never orders, modifies or resends" holds on the wire: whatever
//! the code above it did, an order, a `ModifyOrder`, a `ReIssue` or a `ResendEmail` is
//! answered here with a `Client` fault and never leaves the machine.

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

use bytes::Bytes;
use http_body_util::{BodyExt, Full, Limited};
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Request, Response, StatusCode};
use hyper_util::rt::TokioIo;
use soap_runtime::{Fault, Limits, SoapVersion};
use tokio::net::TcpListener;
use tokio::task::JoinHandle;

/// The operations the relay forwards: queries, which change nothing on the server.
pub use gas_client::READ_ONLY_OPERATIONS as READ_ONLY;

/// The largest request the relay reads (queries are a few hundred bytes).
const MAX_REQUEST_BYTES: usize = 64 * 1024;

/// One request forwarded and what came back.
#[derive(Clone, Debug)]
pub struct Exchange {
    pub operation: String,
    pub request: Bytes,
    pub status: u16,
    pub response: Bytes,
}

/// A running relay; it stops when dropped.
pub struct Relay {
    url: String,
    exchanges: Arc<Mutex<Vec<Exchange>>>,
    task: JoinHandle<()>,
}

impl Relay {
    /// Binds an ephemeral loopback port and forwards to `upstream` (the service's URL)
    /// with `http`.
    pub async fn start(upstream: String, http: reqwest::Client) -> std::io::Result<Relay> {
        let listener = TcpListener::bind(SocketAddr::from(([127, 0, 0, 1], 0))).await?;
        let url = format!("http://{}/pc/ws/v2/GasOrderService", listener.local_addr()?);
        let exchanges = Arc::new(Mutex::new(Vec::new()));
        let gate = Arc::new(Gate {
            upstream,
            http,
            exchanges: exchanges.clone(),
        });
        let task = tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                let gate = gate.clone();
                let service = service_fn(move |request| {
                    let gate = gate.clone();
                    async move { gate.handle(request).await }
                });
                tokio::spawn(async move {
                    let _ = http1::Builder::new()
                        .serve_connection(TokioIo::new(stream), service)
                        .await;
                });
            }
        });
        Ok(Relay {
            url,
            exchanges,
            task,
        })
    }

    /// Where gas-client sends its requests.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// Every exchange forwarded so far, in order.
    pub fn exchanges(&self) -> Vec<Exchange> {
        self.exchanges
            .lock()
            .map(|e| e.clone())
            .unwrap_or_else(|poisoned| poisoned.into_inner().clone())
    }
}

impl Drop for Relay {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// Whether the relay forwards `body`: the name of its query, or why not.
pub fn admit(body: &[u8]) -> Result<String, String> {
    let info = soap_runtime::envelope::request_info(body, &Limits::default())
        .map_err(|e| format!("not a SOAP request: {e}"))?;
    if READ_ONLY.contains(&info.name.as_str()) {
        Ok(info.name)
    } else {
        Err(format!(
            "gas probe sends only {}; {} was not sent",
            READ_ONLY.join(", "),
            info.name
        ))
    }
}

struct Gate {
    upstream: String,
    http: reqwest::Client,
    exchanges: Arc<Mutex<Vec<Exchange>>>,
}

type Answer = Response<Full<Bytes>>;

impl Gate {
    async fn handle(&self, request: Request<Incoming>) -> Result<Answer, std::convert::Infallible> {
        let action = request.headers().get("SOAPAction").cloned();
        let body = match Limited::new(request.into_body(), MAX_REQUEST_BYTES)
            .collect()
            .await
        {
            Ok(collected) => collected.to_bytes(),
            Err(e) => return Ok(fault(format!("the request could not be read: {e}"))),
        };
        let operation = match admit(&body) {
            Ok(operation) => operation,
            Err(refusal) => return Ok(fault(refusal)),
        };
        let mut forward = self
            .http
            .post(&self.upstream)
            .header("Content-Type", "text/xml; charset=utf-8")
            .body(body.clone());
        if let Some(action) = action {
            forward = forward.header("SOAPAction", action);
        }
        let (status, response) = match forward.send().await {
            Ok(reply) => {
                let status = reply.status().as_u16();
                match reply.bytes().await {
                    Ok(bytes) => (status, bytes),
                    Err(e) => return Ok(unavailable(format!("{}: {e}", self.upstream))),
                }
            }
            Err(e) => return Ok(unavailable(format!("{}: {e}", self.upstream))),
        };
        if let Ok(mut exchanges) = self.exchanges.lock() {
            exchanges.push(Exchange {
                operation,
                request: body,
                status,
                response: response.clone(),
            });
        }
        let mut answer = Response::new(Full::new(response));
        *answer.status_mut() = StatusCode::from_u16(status).unwrap_or(StatusCode::BAD_GATEWAY);
        answer.headers_mut().insert(
            "Content-Type",
            hyper::header::HeaderValue::from_static("text/xml; charset=utf-8"),
        );
        Ok(answer)
    }
}

/// A `Client` fault: the relay refused the request itself.
fn fault(message: String) -> Answer {
    let body = soap_runtime::envelope::encode_fault(&Fault::client(message), SoapVersion::Soap11);
    let mut answer = Response::new(Full::new(Bytes::from(body)));
    *answer.status_mut() = StatusCode::INTERNAL_SERVER_ERROR;
    answer.headers_mut().insert(
        "Content-Type",
        hyper::header::HeaderValue::from_static("text/xml; charset=utf-8"),
    );
    answer
}

/// The service could not be reached: a 502 with the reason, which gas-client reports
/// as an HTTP status with the start of the body.
fn unavailable(message: String) -> Answer {
    let mut answer = Response::new(Full::new(Bytes::from(message)));
    *answer.status_mut() = StatusCode::BAD_GATEWAY;
    answer
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An HTTP client as the probe makes one (reqwest has no crypto provider of its own here).
    fn http_client() -> reqwest::Client {
        gas_client::http_client_builder()
            .expect("TLS configuration")
            .build()
            .expect("HTTP client")
    }

    fn sample(operation: &str) -> Vec<u8> {
        let path = format!(
            "{}/wsdl/samples/{operation}.request.xml",
            env!("CARGO_MANIFEST_DIR")
        );
        std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
    }

    /// Of the 14 operations' requests, only the three queries pass the gate.
    #[test]
    fn only_the_three_queries_pass() {
        let all = gas_client::operations::OPERATIONS.iter().map(|op| op.name);
        assert_eq!(all.len(), 14);
        let admitted: Vec<&str> = all.filter(|op| admit(&sample(op)).is_ok()).collect();
        assert_eq!(
            admitted,
            ["GetOrderByOrderID", "GetModifiedOrders", "GetOrders"]
        );
        assert!(admit(b"not xml").is_err());
    }

    /// A write request sent to a running relay is refused there and never reaches the
    /// upstream (here a port nothing listens on: forwarding would be a 502, not a fault).
    #[tokio::test]
    async fn a_write_request_never_leaves_the_relay() {
        let relay = Relay::start(
            "http://127.0.0.1:9/pc/ws/v2/GasOrderService".to_owned(),
            http_client(),
        )
        .await
        .expect("relay starts");
        for op in ["OrderPS1", "ModifyOrder", "ReIssue", "ResendEmail"] {
            let reply = http_client()
                .post(relay.url())
                .body(sample(op))
                .send()
                .await
                .expect("the relay answers");
            assert_eq!(reply.status().as_u16(), 500, "{op}");
            let text = reply.text().await.unwrap_or_default();
            assert!(text.contains("gas probe sends only"), "{op}: {text}");
        }
        assert!(relay.exchanges().is_empty());
    }
}
