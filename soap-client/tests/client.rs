//! soap-client against servers on loopback: a raw HTTP responder that records what it
//! was sent (headers, attempts) and answers what the test says, and the `stub` module
//! serving a dispatcher.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use soap_client::{Client, Error, RetryPolicy, TransportErrorKind, fault_detail};
use soap_runtime::server::DispatchResult;
use soap_runtime::{
    BodyElement, DecodeError, EncodeError, Fault, Limits, Operation, SoapVersion, XmlReader,
    XmlWriter, envelope,
};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

const NS: &str = "urn:echo";

/// `<e:Echo xmlns:e="urn:echo"><text>…</text></e:Echo>`, written by hand the way the
/// generator writes a wrapper with one unqualified child.
#[derive(Clone, Debug, Default, PartialEq)]
struct Echo {
    text: String,
}

#[derive(Clone, Debug, Default, PartialEq)]
struct EchoResponse {
    text: String,
}

fn write_text(w: &mut XmlWriter, name: &'static str, text: &str) -> Result<(), EncodeError> {
    w.start(Some(NS), name);
    w.start(None, "text");
    w.text(text)?;
    w.end()?;
    w.end()
}

fn read_text(r: &mut XmlReader<'_>, name: &str) -> Result<String, DecodeError> {
    let Some(start) = r.next_child()? else {
        return r.missing(name);
    };
    let mut text = String::new();
    while let Some(child) = r.next_child()? {
        if child.local_name() == "text" {
            text = r.read_text(&child)?.into_owned();
        } else {
            r.skip(&child)?;
        }
    }
    let _ = start;
    Ok(text)
}

impl BodyElement for Echo {
    const NAME: &'static str = "Echo";
    const NAMESPACE: &'static str = NS;
    fn write_element(&self, w: &mut XmlWriter) -> Result<(), EncodeError> {
        write_text(w, "Echo", &self.text)
    }
    fn read_element(r: &mut XmlReader<'_>) -> Result<Self, DecodeError> {
        Ok(Echo {
            text: read_text(r, "Echo")?,
        })
    }
}

impl BodyElement for EchoResponse {
    const NAME: &'static str = "EchoResponse";
    const NAMESPACE: &'static str = NS;
    fn write_element(&self, w: &mut XmlWriter) -> Result<(), EncodeError> {
        write_text(w, "EchoResponse", &self.text)
    }
    fn read_element(r: &mut XmlReader<'_>) -> Result<Self, DecodeError> {
        Ok(EchoResponse {
            text: read_text(r, "EchoResponse")?,
        })
    }
}

/// A declared fault's detail element.
#[derive(Clone, Debug, Default, PartialEq)]
struct EchoFault {
    text: String,
}

impl BodyElement for EchoFault {
    const NAME: &'static str = "EchoFault";
    const NAMESPACE: &'static str = NS;
    fn write_element(&self, w: &mut XmlWriter) -> Result<(), EncodeError> {
        write_text(w, "EchoFault", &self.text)
    }
    fn read_element(r: &mut XmlReader<'_>) -> Result<Self, DecodeError> {
        Ok(EchoFault {
            text: read_text(r, "EchoFault")?,
        })
    }
}

struct EchoOp;
impl Operation for EchoOp {
    const NAME: &'static str = "Echo";
    const SOAP_ACTION: &'static str = "urn:echo#Echo";
    const SOAP_VERSION: SoapVersion = SoapVersion::Soap11;
    type Input = Echo;
    type Output = EchoResponse;
}

/// `EchoOp`'s declared faults, as the generator writes the enum.
#[derive(Debug, PartialEq)]
enum EchoFaults {
    EchoFault(EchoFault),
    Undeclared(soap_runtime::RawXml),
}

impl soap_runtime::FaultDetail for EchoFaults {
    fn from_fault(fault: &Fault, limits: &Limits) -> Option<Result<Self, DecodeError>> {
        soap_runtime::read_fault_detail(
            fault,
            limits,
            |r, namespace, local| match (namespace, local) {
                (NS, "EchoFault") => Some(EchoFault::read_element(r).map(EchoFaults::EchoFault)),
                _ => None,
            },
            EchoFaults::Undeclared,
        )
    }
}

impl soap_runtime::OperationFaults for EchoOp {
    type Fault = EchoFaults;
}

fn response(text: &str, version: SoapVersion) -> Vec<u8> {
    envelope::encode_response(
        &EchoResponse {
            text: text.to_owned(),
        },
        version,
    )
    .expect("encodes")
}

/// What the raw responder saw of each request.
#[derive(Clone, Debug, Default)]
struct Seen {
    heads: Vec<String>,
    bodies: Vec<Vec<u8>>,
}

/// One canned answer: status, content type, body (or a dropped connection when `None`).
type Answer = Option<(u16, &'static str, Vec<u8>)>;

/// Answers the n-th request with `answers[n]` (the last one repeats) and records it.
async fn responder(answers: Vec<Answer>) -> (String, Arc<Mutex<Seen>>) {
    let listener = TcpListener::bind(("127.0.0.1", 0)).await.expect("binds");
    let url = format!("http://{}/svc", listener.local_addr().expect("address"));
    let seen = Arc::new(Mutex::new(Seen::default()));
    let record = seen.clone();
    tokio::spawn(async move {
        let mut n = 0usize;
        while let Ok((mut stream, _)) = listener.accept().await {
            let answer = answers[n.min(answers.len() - 1)].clone();
            n += 1;
            let mut buffer = Vec::new();
            let mut chunk = [0u8; 4096];
            let (head, body) = loop {
                let Ok(read) = stream.read(&mut chunk).await else {
                    break (String::new(), Vec::new());
                };
                if read == 0 {
                    break (String::new(), Vec::new());
                }
                buffer.extend_from_slice(&chunk[..read]);
                let Some(end) = buffer.windows(4).position(|w| w == b"\r\n\r\n") else {
                    continue;
                };
                let head = String::from_utf8_lossy(&buffer[..end]).to_lowercase();
                let length: usize = head
                    .lines()
                    .find_map(|l| l.strip_prefix("content-length:"))
                    .and_then(|v| v.trim().parse().ok())
                    .unwrap_or(0);
                if buffer.len() >= end + 4 + length {
                    break (head, buffer[end + 4..end + 4 + length].to_vec());
                }
            };
            if let Ok(mut s) = record.lock() {
                s.heads.push(head);
                s.bodies.push(body);
            }
            let Some((status, content_type, body)) = answer else {
                drop(stream);
                continue;
            };
            let head = format!(
                "HTTP/1.1 {status} X\r\ncontent-type: {content_type}\r\ncontent-length: {}\r\nconnection: close\r\n\r\n",
                body.len()
            );
            let _ = stream.write_all(head.as_bytes()).await;
            let _ = stream.write_all(&body).await;
            let _ = stream.shutdown().await;
        }
    });
    (url, seen)
}

fn echo(text: &str) -> Echo {
    Echo {
        text: text.to_owned(),
    }
}

#[tokio::test]
async fn soap11_call_sends_text_xml_and_soapaction() {
    let (url, seen) = responder(vec![Some((
        200,
        "text/xml",
        response("hi back", SoapVersion::Soap11),
    ))])
    .await;
    let client = Client::new(url).expect("builds");
    let out = client.call::<EchoOp>(echo("hi")).await.expect("answer");
    assert_eq!(out.text, "hi back");
    let seen = seen.lock().expect("lock").clone();
    let head = &seen.heads[0];
    assert!(head.starts_with("post /svc http/1.1"), "{head}");
    assert!(
        head.contains("content-type: text/xml; charset=utf-8"),
        "{head}"
    );
    assert!(head.contains("soapaction: \"urn:echo#echo\""), "{head}");
    let body = String::from_utf8_lossy(&seen.bodies[0]).into_owned();
    assert!(body.contains(envelope::SOAP11_NAMESPACE), "{body}");
    assert!(body.contains("<text>hi</text>"), "{body}");
}

#[tokio::test]
async fn client_headers_go_on_every_call_and_a_digest_token_is_fresh_each_time() {
    let (url, seen) = responder(vec![Some((
        200,
        "text/xml",
        response("ok", SoapVersion::Soap11),
    ))])
    .await;
    let client = Client::builder(url)
        .header(soap_client::wsse::UsernameToken::password_digest(
            "operator",
            "s3cret-password",
        ))
        .build()
        .expect("builds");
    for _ in 0..2 {
        client.call::<EchoOp>(echo("x")).await.expect("answer");
    }
    let seen = seen.lock().expect("lock").clone();
    let nonces: Vec<String> = seen
        .bodies
        .iter()
        .map(|body| {
            let body = String::from_utf8_lossy(body).into_owned();
            let header = body.find("<soap:Header>").expect("a header");
            let security = body.find("<wsse:Security").expect("the token");
            let username = body.find("<wsse:Username>operator</wsse:Username>");
            let body_at = body.find("<soap:Body>").expect("a body");
            assert!(
                header < security && security < body_at && username.is_some(),
                "{body}"
            );
            assert!(
                !body.contains("s3cret-password"),
                "a digest, not the password: {body}"
            );
            let start = body.find("<wsse:Nonce").expect("a nonce");
            body[start..]
                .split('<')
                .nth(1)
                .unwrap_or_default()
                .to_owned()
        })
        .collect();
    assert_eq!(nonces.len(), 2);
    assert_ne!(nonces[0], nonces[1], "a fresh nonce per request");
    assert!(!format!("{client:?}").contains("s3cret"));
}

#[tokio::test]
async fn soap12_call_puts_the_action_in_the_content_type() {
    let (url, seen) = responder(vec![Some((
        200,
        "application/soap+xml",
        response("ok", SoapVersion::Soap12),
    ))])
    .await;
    let client = Client::builder(url)
        .soap_version(SoapVersion::Soap12)
        .build()
        .expect("builds");
    let out = client.call::<EchoOp>(echo("x")).await.expect("answer");
    assert_eq!(out.text, "ok");
    let seen = seen.lock().expect("lock").clone();
    let head = &seen.heads[0];
    assert!(
        head.contains(
            "content-type: application/soap+xml; charset=utf-8; action=\"urn:echo#echo\""
        ),
        "{head}"
    );
    assert!(!head.contains("soapaction:"), "{head}");
    let body = String::from_utf8_lossy(&seen.bodies[0]).into_owned();
    assert!(body.contains(envelope::SOAP12_NAMESPACE), "{body}");
}

#[tokio::test]
async fn a_fault_is_typed_and_its_declared_detail_reads() {
    let fault = Fault {
        code: "soap:Client".to_owned(),
        string: "no echo today".to_owned(),
        detail: Some(format!(
            "<e:EchoFault xmlns:e=\"{NS}\"><text>why</text></e:EchoFault>"
        )),
        ..Fault::default()
    };
    let (url, _) = responder(vec![Some((
        500,
        "text/xml",
        envelope::encode_fault(&fault, SoapVersion::Soap11),
    ))])
    .await;
    let client = Client::new(url).expect("builds");
    let err = client.call::<EchoOp>(echo("x")).await.expect_err("a fault");
    assert_eq!(err.status(), Some(500));
    let got = err.fault().expect("the fault");
    assert!(got.is_client());
    assert_eq!(got.string, "no echo today");
    let detail = fault_detail::<EchoFault>(got, &Limits::default())
        .expect("has the detail")
        .expect("reads");
    assert_eq!(detail.text, "why");
    assert!(fault_detail::<Echo>(got, &Limits::default()).is_none());
    assert_eq!(
        err.declared_fault::<EchoOp>(&Limits::default())
            .expect("a detail")
            .expect("reads"),
        EchoFaults::EchoFault(EchoFault {
            text: "why".to_owned()
        })
    );
}

/// `EchoOp` with a declared response header `{urn:echo}EchoFault` (any element will do).
struct EchoWithHeaders;
impl Operation for EchoWithHeaders {
    const NAME: &'static str = "Echo";
    const SOAP_ACTION: &'static str = "urn:echo#Echo";
    const SOAP_VERSION: SoapVersion = SoapVersion::Soap11;
    type Input = Echo;
    type Output = EchoResponse;
    const INPUT_HEADERS: &'static [(&'static str, &'static str)] = &[(NS, "EchoFault")];
    const OUTPUT_HEADERS: &'static [(&'static str, &'static str)] = &[(NS, "EchoFault")];
}

#[derive(Default)]
struct EchoRequestHeaders {
    note: Option<envelope::Header<EchoFault>>,
}
impl envelope::RequestHeaders for EchoRequestHeaders {
    fn blocks(&self) -> Vec<&dyn envelope::HeaderBlock> {
        self.note
            .iter()
            .map(|h| h as &dyn envelope::HeaderBlock)
            .collect()
    }
}
#[derive(Default)]
struct EchoResponseHeaders {
    note: Option<EchoFault>,
}
impl envelope::ResponseHeaders for EchoResponseHeaders {
    fn from_received(
        headers: &envelope::ReceivedHeaders,
        limits: &Limits,
    ) -> Result<Self, DecodeError> {
        Ok(EchoResponseHeaders {
            note: headers.get::<EchoFault>(limits).transpose()?,
        })
    }
}
impl envelope::OperationHeaders for EchoWithHeaders {
    type RequestHeaders = EchoRequestHeaders;
    type ResponseHeaders = EchoResponseHeaders;
}

fn response_with_header(text: &str, must_understand: bool) -> Vec<u8> {
    let must = if must_understand {
        " s:mustUnderstand=\"1\""
    } else {
        ""
    };
    format!(
        "<s:Envelope xmlns:s=\"{}\"><s:Header><e:EchoFault xmlns:e=\"{NS}\"{must}><text>session 7</text></e:EchoFault></s:Header><s:Body><e:EchoResponse xmlns:e=\"{NS}\"><text>{text}</text></e:EchoResponse></s:Body></s:Envelope>",
        envelope::SOAP11_NAMESPACE
    )
    .into_bytes()
}

#[tokio::test]
async fn client_and_call_headers_are_sent_and_response_headers_read() {
    let (url, seen) = responder(vec![
        Some((200, "text/xml", response_with_header("one", true))),
        Some((200, "text/xml", response_with_header("two", true))),
        Some((200, "text/xml", response_with_header("three", false))),
    ])
    .await;
    let client = Client::builder(url)
        .header(envelope::Header::new(EchoFault {
            text: "client".to_owned(),
        }))
        .build()
        .expect("builds");
    // Declared: the typed sets go out and come back.
    let headers = EchoRequestHeaders {
        note: Some(
            envelope::Header::new(EchoFault {
                text: "call".to_owned(),
            })
            .must_understand(),
        ),
    };
    let (out, back) = client
        .call_declared::<EchoWithHeaders>(echo("a"), headers)
        .await
        .expect("answer");
    assert_eq!(out.text, "one");
    assert_eq!(back.note.expect("declared header").text, "session 7");
    // Not declared by EchoOp, marked mustUnderstand: refused as SOAP requires.
    let err = client
        .call::<EchoOp>(echo("b"))
        .await
        .expect_err("mustUnderstand");
    assert!(
        matches!(&err, Error::MustUnderstand { header, .. } if header == "{urn:echo}EchoFault"),
        "{err}"
    );
    // Not marked: read past, and kept for the caller.
    let (out, received) = client
        .call_with_headers::<EchoOp>(echo("c"), &[])
        .await
        .expect("answer");
    assert_eq!(out.text, "three");
    assert_eq!(received.entries.len(), 1);

    let seen = seen.lock().expect("lock").clone();
    let first = String::from_utf8_lossy(&seen.bodies[0]).into_owned();
    let client_at = first.find("<text>client</text>").expect("client header");
    let call_at = first.find("<text>call</text>").expect("call header");
    let body_at = first.find("<soap:Body>").expect("body");
    assert!(client_at < call_at && call_at < body_at, "{first}");
    assert_eq!(
        first.matches("soap:mustUnderstand=\"1\"").count(),
        1,
        "{first}"
    );
    // The client's block goes with every request.
    for body in &seen.bodies[1..] {
        assert!(String::from_utf8_lossy(body).contains("<text>client</text>"));
    }
}

#[cfg(feature = "blocking")]
#[test]
fn the_blocking_client_sends_declared_headers_and_reads_them_back() {
    let runtime = tokio::runtime::Runtime::new().expect("runtime");
    let (url, seen) = runtime.block_on(responder(vec![Some((
        200,
        "text/xml",
        response_with_header("blocked", true),
    ))]));
    let client = soap_client::blocking::Client::new(url).expect("builds");
    let headers = EchoRequestHeaders {
        note: Some(envelope::Header::new(EchoFault {
            text: "per call".to_owned(),
        })),
    };
    let (out, back) = client
        .call_declared::<EchoWithHeaders>(echo("a"), headers)
        .expect("answer");
    assert_eq!(out.text, "blocked");
    assert_eq!(back.note.expect("declared header").text, "session 7");
    let seen = seen.lock().expect("lock").clone();
    assert!(String::from_utf8_lossy(&seen.bodies[0]).contains("<text>per call</text>"));
}

#[tokio::test]
async fn statuses_map_to_errors() {
    let (url, _) = responder(vec![Some((503, "text/html", b"<h1>down</h1>".to_vec()))]).await;
    let err = Client::new(url)
        .expect("builds")
        .call::<EchoOp>(echo("x"))
        .await
        .expect_err("503");
    match err {
        Error::Status { status, body_start } => {
            assert_eq!(status, 503);
            assert_eq!(body_start, "<h1>down</h1>");
        }
        other => panic!("{other:?}"),
    }
    let (url, _) = responder(vec![Some((200, "text/xml", b"<not-soap/>".to_vec()))]).await;
    let err = Client::new(url)
        .expect("builds")
        .call::<EchoOp>(echo("x"))
        .await
        .expect_err("undecodable");
    assert!(
        matches!(&err, Error::Decode { status: 200, body_start, .. } if body_start == "<not-soap/>"),
        "{err:?}"
    );
}

#[tokio::test]
async fn responses_over_the_size_limit_are_refused() {
    let big = response(&"x".repeat(10_000), SoapVersion::Soap11);
    let (url, _) = responder(vec![Some((200, "text/xml", big))]).await;
    let client = Client::builder(url)
        .max_response_size(1_000)
        .build()
        .expect("builds");
    let err = client.call::<EchoOp>(echo("x")).await.expect_err("too big");
    assert!(
        matches!(
            err,
            Error::ResponseTooLarge {
                limit: 1_000,
                status: 200
            }
        ),
        "{err:?}"
    );
}

fn quick_retries() -> RetryPolicy {
    RetryPolicy {
        max_attempts: 3,
        initial_backoff: Duration::from_millis(1),
        max_backoff: Duration::from_millis(2),
    }
}

#[tokio::test]
async fn only_operations_marked_idempotent_are_retried() {
    let answers = vec![
        Some((503, "text/plain", b"busy".to_vec())),
        None,
        Some((200, "text/xml", response("third time", SoapVersion::Soap11))),
    ];
    let (url, seen) = responder(answers.clone()).await;
    let client = Client::builder(url)
        .retry_policy(quick_retries())
        .idempotent::<EchoOp>()
        .build()
        .expect("builds");
    let out = client.call::<EchoOp>(echo("x")).await.expect("third try");
    assert_eq!(out.text, "third time");
    assert_eq!(seen.lock().expect("lock").heads.len(), 3);

    let (url, seen) = responder(answers).await;
    let client = Client::builder(url)
        .retry_policy(quick_retries())
        .build()
        .expect("builds");
    let err = client
        .call::<EchoOp>(echo("x"))
        .await
        .expect_err("no retry");
    assert_eq!(err.status(), Some(503));
    assert_eq!(seen.lock().expect("lock").heads.len(), 1);
}

#[tokio::test]
async fn idempotent_operations_are_retried_on_408_429_and_5xx_pages_but_not_on_faults() {
    let fault = envelope::encode_fault(&Fault::server("try later"), SoapVersion::Soap11);
    let ok = response("done", SoapVersion::Soap11);
    let client = |url: String| {
        Client::builder(url)
            .retry_policy(RetryPolicy {
                max_attempts: 5,
                ..quick_retries()
            })
            .idempotent::<EchoOp>()
            .build()
            .expect("builds")
    };
    let (url, seen) = responder(vec![
        Some((408, "text/plain", b"slow".to_vec())),
        Some((429, "text/plain", b"later".to_vec())),
        Some((500, "text/html", b"<h1>oops</h1>".to_vec())),
        Some((200, "text/xml", ok.clone())),
    ])
    .await;
    let out = client(url)
        .call::<EchoOp>(echo("x"))
        .await
        .expect("fourth try");
    assert_eq!(out.text, "done");
    assert_eq!(seen.lock().expect("lock").heads.len(), 4);

    // A fault is the service's answer, whatever the status: not sent again.
    let (url, seen) = responder(vec![
        Some((503, "text/xml", fault)),
        Some((200, "text/xml", ok.clone())),
    ])
    .await;
    let err = client(url)
        .call::<EchoOp>(echo("x"))
        .await
        .expect_err("fault");
    assert_eq!(err.fault().map(|f| f.string.as_str()), Some("try later"));
    assert_eq!(seen.lock().expect("lock").heads.len(), 1);

    // Nor is a 4xx other than 408 and 429.
    let (url, seen) = responder(vec![
        Some((404, "text/plain", b"no".to_vec())),
        Some((200, "text/xml", ok)),
    ])
    .await;
    let err = client(url)
        .call::<EchoOp>(echo("x"))
        .await
        .expect_err("404");
    assert_eq!(err.status(), Some(404));
    assert_eq!(seen.lock().expect("lock").heads.len(), 1);
}

#[tokio::test]
async fn send_reports_the_attempts_its_answer_took() {
    let (url, _) = responder(vec![
        Some((502, "text/html", b"<h1>gateway</h1>".to_vec())),
        Some((200, "text/xml", response("second", SoapVersion::Soap11))),
    ])
    .await;
    let client = Client::builder(url)
        .retry_policy(quick_retries())
        .build()
        .expect("builds");
    let body = envelope::encode_request(&echo("x"), SoapVersion::Soap11).expect("encodes");
    let reply = client
        .send_idempotent(
            "Echo",
            "urn:echo#Echo",
            SoapVersion::Soap11,
            body.clone().into(),
        )
        .await
        .expect("an answer");
    assert_eq!((reply.status, reply.attempts), (200, 2));
    // Not marked idempotent: the 502 is the answer.
    let (url, _) = responder(vec![Some((502, "text/html", b"gw".to_vec()))]).await;
    let client = Client::builder(url)
        .retry_policy(quick_retries())
        .build()
        .expect("builds");
    let reply = client
        .send("Echo", "urn:echo#Echo", SoapVersion::Soap11, body.into())
        .await
        .expect("an answer");
    assert_eq!((reply.status, reply.attempts), (502, 1));
}

#[tokio::test]
async fn a_request_that_could_not_connect_is_sent_again_even_when_not_idempotent() {
    // Nobody listens on the port at first; a server takes it during the first backoff.
    let listener = TcpListener::bind(("127.0.0.1", 0)).await.expect("binds");
    let address = listener.local_addr().expect("address");
    drop(listener);
    let url = format!("http://{address}/svc");
    let server = tokio::spawn(async move {
        tokio::time::sleep(Duration::from_millis(50)).await;
        let listener = TcpListener::bind(address).await.expect("binds again");
        let (mut stream, _) = listener.accept().await.expect("accepts");
        let mut buffer = vec![0u8; 65536];
        let mut read = 0;
        loop {
            let n = stream.read(&mut buffer[read..]).await.expect("reads");
            read += n;
            if n == 0 || buffer[..read].ends_with(b"</soap:Envelope>") {
                break;
            }
        }
        let body = response("connected", SoapVersion::Soap11);
        let head = format!(
            "HTTP/1.1 200 OK\r\ncontent-type: text/xml\r\ncontent-length: {}\r\nconnection: close\r\n\r\n",
            body.len()
        );
        stream.write_all(head.as_bytes()).await.expect("writes");
        stream.write_all(&body).await.expect("writes");
    });
    let client = Client::builder(url)
        .retry_policy(RetryPolicy {
            max_attempts: 3,
            initial_backoff: Duration::from_millis(400),
            max_backoff: Duration::from_millis(400),
        })
        .build()
        .expect("builds");
    let out = client
        .call::<EchoOp>(echo("x"))
        .await
        .expect("the second attempt connects");
    assert_eq!(out.text, "connected");
    server.await.expect("server task");
}

#[tokio::test]
async fn a_silent_server_times_out() {
    let listener = TcpListener::bind(("127.0.0.1", 0)).await.expect("binds");
    let url = format!("http://{}/", listener.local_addr().expect("address"));
    let _hold = tokio::spawn(async move {
        let mut open = Vec::new();
        while let Ok((stream, _)) = listener.accept().await {
            open.push(stream);
        }
    });
    let client = Client::builder(url)
        .timeout(Duration::from_millis(200))
        .build()
        .expect("builds");
    let err = client.call::<EchoOp>(echo("x")).await.expect_err("timeout");
    assert!(
        matches!(
            err,
            Error::Transport {
                kind: TransportErrorKind::Timeout,
                ..
            }
        ),
        "{err:?}"
    );
}

#[tokio::test]
async fn a_refused_connection_is_a_connect_error_that_sent_nothing() {
    let listener = TcpListener::bind(("127.0.0.1", 0)).await.expect("binds");
    let url = format!("http://{}/", listener.local_addr().expect("address"));
    drop(listener);
    let err = Client::new(url)
        .expect("builds")
        .call::<EchoOp>(echo("x"))
        .await
        .expect_err("refused");
    assert!(
        matches!(
            err,
            Error::Transport {
                kind: TransportErrorKind::Connect,
                may_have_reached_server: false,
                ..
            }
        ),
        "{err:?}"
    );
}

#[test]
fn bad_configurations_are_refused() {
    assert!(Client::new("not a url").is_err());
    assert!(Client::new("ftp://example.com/").is_err());
    let err = Client::builder("https://example.com/")
        .add_root_certificate_pem("no pem here")
        .build()
        .expect_err("no certificate");
    assert!(err.to_string().contains("root certificate"), "{err}");
    let err = Client::builder("https://example.com/")
        .http_client(reqwest_client())
        .add_root_certificate_pem("x")
        .build()
        .expect_err("conflict");
    assert!(err.to_string().contains("conflicting"), "{err}");
    let err = Client::new("https://user:secret-pw@exa mple.com/").expect_err("bad host");
    assert!(!err.to_string().contains("secret-pw"), "{err}");
}

/// A caller's own client, with soap-client's TLS (`reqwest::Client::new()` would need a
/// process-wide rustls provider).
fn reqwest_client() -> soap_client::reqwest::Client {
    soap_client::http_client_builder()
        .expect("TLS")
        .build()
        .expect("client")
}

// Multi-threaded: the blocking client's call waits on a helper thread while the stub
// keeps running on this runtime's other worker.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_stub_serves_a_dispatcher_and_the_blocking_client_calls_it() {
    let server = soap_client::stub::serve(|body| async move {
        match envelope::decode_request::<Echo>(&body, &Limits::default()) {
            Ok(input) => DispatchResult::response(
                &EchoResponse {
                    text: format!("{} back", input.text),
                },
                SoapVersion::Soap11,
            ),
            Err(e) => DispatchResult::unreadable(&e),
        }
    })
    .await
    .expect("serves");
    let url = server.url();
    let out = Client::new(url.clone())
        .expect("builds")
        .call::<EchoOp>(echo("async"))
        .await
        .expect("answer");
    assert_eq!(out.text, "async back");
    // The blocking client, from inside this runtime (it moves to a helper thread).
    let blocking = soap_client::blocking::Client::new(url).expect("builds");
    let out = blocking.call::<EchoOp>(echo("blocking")).expect("answer");
    assert_eq!(out.text, "blocking back");
}
