//! The server's limits over real loopback sockets (issue 22): slow clients are cut off after
//! the configured time, idle connections do not lock out working ones, the connection cap
//! holds. Timeouts are configured short (a few hundred milliseconds) so each test takes
//! about a second; the assertions are on what happens, with generous upper bounds that only
//! a server that never cuts the connection misses, never on speed.

use std::net::SocketAddr;
use std::time::{Duration, Instant};

use gas_sandbox::faults::FaultRule;
use gas_sandbox::{Sandbox, SandboxHandle, ServerLimits};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

const PATH: &str = "/pc/ws/v2/GasOrderService";

/// What a test waits at most for the server to close a connection. Far above every
/// configured timeout: only a server that never closes it reaches this.
const PATIENCE: Duration = Duration::from_secs(20);

const SHORT: Duration = Duration::from_millis(400);

fn short_limits() -> ServerLimits {
    ServerLimits {
        header_read_timeout: SHORT,
        body_read_timeout: SHORT,
        idle_timeout: SHORT,
        ..ServerLimits::default()
    }
}

async fn sandbox(limits: ServerLimits) -> SandboxHandle {
    Sandbox::builder()
        .account("alice", "pw")
        .server_limits(limits)
        .start()
        .await
        .expect("sandbox starts")
}

fn wsdl_request(addr: SocketAddr, close: bool) -> String {
    let connection = if close { "close" } else { "keep-alive" };
    format!("GET {PATH}?wsdl HTTP/1.1\r\nHost: {addr}\r\nConnection: {connection}\r\n\r\n")
}

/// Reads until the server closes the connection (EOF or reset); returns what was read and
/// when the close was seen. Panics after [`PATIENCE`].
async fn read_until_closed(stream: &mut TcpStream) -> (Vec<u8>, Instant) {
    let mut seen = Vec::new();
    let mut buf = [0u8; 4096];
    let read_all = async {
        loop {
            match stream.read(&mut buf).await {
                Ok(0) | Err(_) => return Instant::now(),
                Ok(n) => seen.extend_from_slice(&buf[..n]),
            }
        }
    };
    let closed = tokio::time::timeout(PATIENCE, read_all)
        .await
        .expect("the server closes the connection");
    (seen, closed)
}

/// Reads one response with a Content-Length body; returns the status line.
async fn read_response(stream: &mut TcpStream) -> String {
    let mut raw = Vec::new();
    let mut buf = [0u8; 8192];
    loop {
        let n = tokio::time::timeout(PATIENCE, stream.read(&mut buf))
            .await
            .expect("an answer in time")
            .expect("read");
        assert_ne!(n, 0, "connection closed before a full answer");
        raw.extend_from_slice(&buf[..n]);
        let text = String::from_utf8_lossy(&raw);
        if let Some((head, body)) = text.split_once("\r\n\r\n") {
            let length: usize = head
                .lines()
                .find_map(|l| {
                    let (name, value) = l.split_once(':')?;
                    name.eq_ignore_ascii_case("content-length")
                        .then(|| value.trim().parse().ok())?
                })
                .expect("a Content-Length");
            if body.len() >= length {
                return head.lines().next().unwrap_or_default().to_owned();
            }
        }
    }
}

/// One WSDL fetch on a fresh connection: the status code.
async fn good_request(addr: SocketAddr) -> Option<u16> {
    let mut stream = TcpStream::connect(addr).await.ok()?;
    stream
        .write_all(wsdl_request(addr, true).as_bytes())
        .await
        .ok()?;
    let (raw, _) = read_until_closed(&mut stream).await;
    String::from_utf8_lossy(&raw)
        .split_whitespace()
        .nth(1)?
        .parse()
        .ok()
}

#[tokio::test]
async fn a_connection_that_sends_nothing_is_closed_after_the_header_timeout() {
    let s = sandbox(short_limits()).await;
    let opened = Instant::now();
    let mut stream = TcpStream::connect(s.addr()).await.expect("connect");
    let (seen, closed) = read_until_closed(&mut stream).await;
    assert!(seen.is_empty(), "no answer to no request");
    assert!(closed - opened >= SHORT - Duration::from_millis(20));
    s.shutdown().await;
}

#[tokio::test]
async fn trickled_headers_are_cut_off_after_the_header_timeout() {
    let s = sandbox(short_limits()).await;
    let mut stream = TcpStream::connect(s.addr()).await.expect("connect");
    let started = Instant::now();
    let request = wsdl_request(s.addr(), true);
    let (mut reader, mut writer) = stream.split();
    // One byte every 50 ms: the whole head would take seconds.
    let trickle = async {
        for byte in request.as_bytes() {
            if writer.write_all(&[*byte]).await.is_err() {
                break;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    };
    let mut seen = Vec::new();
    let closed = async {
        let mut buf = [0u8; 1024];
        loop {
            match reader.read(&mut buf).await {
                Ok(0) | Err(_) => return Instant::now(),
                Ok(n) => seen.extend_from_slice(&buf[..n]),
            }
        }
    };
    let closed = tokio::time::timeout(PATIENCE, async {
        tokio::select! {
            at = closed => at,
            () = trickle => panic!("the whole request was trickled in without being cut off"),
        }
    })
    .await
    .expect("cut off");
    assert!(seen.is_empty(), "a trickled request is not answered");
    assert!(closed - started >= SHORT - Duration::from_millis(20));
    s.shutdown().await;
}

#[tokio::test]
async fn a_stalled_body_gets_408_after_the_body_timeout() {
    let s = sandbox(short_limits()).await;
    let mut stream = TcpStream::connect(s.addr()).await.expect("connect");
    let head = format!(
        "POST {PATH} HTTP/1.1\r\nHost: {}\r\nContent-Type: text/xml\r\nContent-Length: 1000\r\n\r\n<soapenv:En",
        s.addr()
    );
    stream.write_all(head.as_bytes()).await.expect("write");
    let sent = Instant::now();
    let (seen, closed) = read_until_closed(&mut stream).await;
    let text = String::from_utf8_lossy(&seen);
    assert!(text.starts_with("HTTP/1.1 408 "), "{text}");
    assert!(closed - sent >= SHORT - Duration::from_millis(20));
    s.shutdown().await;
}

#[tokio::test]
async fn an_idle_keep_alive_connection_is_closed_after_the_idle_timeout() {
    let s = sandbox(short_limits()).await;
    let mut stream = TcpStream::connect(s.addr()).await.expect("connect");
    // Two requests on the connection, the second after a pause shorter than the timeout:
    // keep-alive works.
    for pause in [Duration::ZERO, SHORT / 4] {
        tokio::time::sleep(pause).await;
        stream
            .write_all(wsdl_request(s.addr(), false).as_bytes())
            .await
            .expect("write");
        assert!(read_response(&mut stream).await.contains(" 200 "));
    }
    let answered = Instant::now();
    let (seen, closed) = read_until_closed(&mut stream).await;
    assert!(seen.is_empty());
    assert!(closed - answered >= SHORT - Duration::from_millis(20));
    s.shutdown().await;
}

#[tokio::test]
async fn a_slow_handler_is_not_cut_off_by_the_connection_timeouts() {
    let s = sandbox(short_limits()).await;
    // Every answer delayed past all three timeouts: only the client's patience limits it.
    s.faults().set(
        gas_sandbox::faults::ANY_OPERATION,
        FaultRule::delay(SHORT * 3),
    );
    let body = "<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\" xmlns:ws=\"https://system.globalsign.com/pc/ws/v2/\"><soapenv:Body><ws:GetOrderByOrderID><Request><OrderRequestHeader><AuthToken><UserName>alice</UserName><Password>pw</Password></AuthToken></OrderRequestHeader><OrderID>CESB0000000001</OrderID></Request></ws:GetOrderByOrderID></soapenv:Body></soapenv:Envelope>";
    let request = format!(
        "POST {PATH} HTTP/1.1\r\nHost: {}\r\nContent-Type: text/xml\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        s.addr(),
        body.len()
    );
    let mut stream = TcpStream::connect(s.addr()).await.expect("connect");
    stream.write_all(request.as_bytes()).await.expect("write");
    let (seen, _) = read_until_closed(&mut stream).await;
    let text = String::from_utf8_lossy(&seen);
    assert!(text.starts_with("HTTP/1.1 200 "), "{text}");
    s.shutdown().await;
}

/// Raises this process's soft open-files limit to at least `needed` (up to the hard
/// limit), for the tests that hold many sockets on both ends.
fn ensure_open_files(needed: u64) {
    use rustix::process::{Resource, getrlimit, setrlimit};
    let limit = getrlimit(Resource::Nofile);
    if limit.current.is_some_and(|current| current < needed) {
        let raised = rustix::process::Rlimit {
            current: Some(
                limit
                    .maximum
                    .map_or(needed, |max| max.min(needed.max(4096))),
            ),
            maximum: limit.maximum,
        };
        setrlimit(Resource::Nofile, raised).expect("raise the open-files limit");
    }
    let now = getrlimit(Resource::Nofile).current;
    assert!(
        now.is_none_or(|n| n >= needed),
        "this test needs {needed} open files; the hard limit allows {now:?}"
    );
}

/// Opens `n` connections that send nothing.
async fn open_idle(addr: SocketAddr, n: usize) -> Vec<TcpStream> {
    let mut idle = Vec::with_capacity(n);
    for _ in 0..n {
        idle.push(TcpStream::connect(addr).await.expect("connect"));
    }
    idle
}

/// Whether the server has closed `stream` (without blocking).
fn closed_by_server(stream: &TcpStream) -> bool {
    let mut buf = [0u8; 1];
    match stream.try_read(&mut buf) {
        Ok(0) => true,
        Ok(_) => false,
        Err(e) => e.kind() != std::io::ErrorKind::WouldBlock,
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn good_traffic_is_served_while_a_thousand_idle_connections_are_open() {
    ensure_open_files(2_300);
    let s = sandbox(ServerLimits {
        // Long enough for the idle ones to stay open through the test.
        header_read_timeout: Duration::from_secs(120),
        max_connections: Some(2_000),
        ..ServerLimits::default()
    })
    .await;
    let addr = s.addr();
    let idle = open_idle(addr, 1_000).await;

    // 8 clients × 25 requests, each on a fresh connection.
    let clients: Vec<_> = (0..8)
        .map(|_| {
            tokio::spawn(async move {
                let mut statuses = Vec::new();
                for _ in 0..25 {
                    statuses.push(good_request(addr).await);
                }
                statuses
            })
        })
        .collect();
    let mut served = 0;
    for client in clients {
        for status in client.await.expect("client task") {
            assert_eq!(status, Some(200));
            served += 1;
        }
    }
    assert_eq!(served, 200);
    // The idle ones were held, not dropped to make room.
    let dropped = idle.iter().filter(|c| closed_by_server(c)).count();
    assert_eq!(dropped, 0, "idle connections closed under the cap");
    drop(idle);
    s.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn at_the_connection_cap_the_longest_idle_connection_makes_room() {
    ensure_open_files(600);
    let cap = 50;
    let s = sandbox(ServerLimits {
        header_read_timeout: Duration::from_secs(120),
        max_connections: Some(cap),
        ..ServerLimits::default()
    })
    .await;
    let addr = s.addr();
    let idle = open_idle(addr, 200).await;
    for _ in 0..20 {
        assert_eq!(good_request(addr).await, Some(200));
    }
    // The server closed the oldest idle connections; at most `cap` stay open (evictions
    // are asynchronous: wait until the count settles).
    let started = Instant::now();
    let open = loop {
        let open = idle.iter().filter(|c| !closed_by_server(c)).count();
        if open <= cap || started.elapsed() > PATIENCE {
            break open;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    };
    assert!(
        open <= cap,
        "{open} idle connections open over a cap of {cap}"
    );
    // The oldest went first.
    assert!(closed_by_server(&idle[0]));
    assert!(!closed_by_server(&idle[199]));
    s.shutdown().await;
}

/// An upload the server is handling (it asked for the body with `100 Continue`) whose body
/// never comes.
async fn stalled_upload(addr: SocketAddr) -> TcpStream {
    let mut stream = TcpStream::connect(addr).await.expect("connect");
    let head = format!(
        "POST {PATH} HTTP/1.1\r\nHost: {addr}\r\nContent-Length: 1000\r\nExpect: 100-continue\r\n\r\n"
    );
    stream.write_all(head.as_bytes()).await.expect("write");
    let mut seen = Vec::new();
    let mut buf = [0u8; 256];
    while !String::from_utf8_lossy(&seen).contains("100 Continue\r\n\r\n") {
        let n = tokio::time::timeout(PATIENCE, stream.read(&mut buf))
            .await
            .expect("100 Continue in time")
            .expect("read");
        assert_ne!(n, 0, "closed before 100 Continue");
        seen.extend_from_slice(&buf[..n]);
    }
    stream
}

#[tokio::test]
async fn at_the_cap_with_every_connection_busy_a_new_one_gets_503() {
    let s = sandbox(ServerLimits {
        body_read_timeout: Duration::from_secs(120),
        max_connections: Some(2),
        ..ServerLimits::default()
    })
    .await;
    let addr = s.addr();
    let busy = vec![stalled_upload(addr).await, stalled_upload(addr).await];
    let mut stream = TcpStream::connect(addr).await.expect("connect");
    stream
        .write_all(wsdl_request(addr, true).as_bytes())
        .await
        .expect("write");
    let (seen, _) = read_until_closed(&mut stream).await;
    let text = String::from_utf8_lossy(&seen);
    assert!(text.starts_with("HTTP/1.1 503 "), "{text}");
    assert!(text.contains("Retry-After: 1"));
    // Once the uploads end, there is room again.
    drop(busy);
    let started = Instant::now();
    while good_request(addr).await != Some(200) {
        assert!(
            started.elapsed() < PATIENCE,
            "no room after the uploads ended"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    s.shutdown().await;
}
