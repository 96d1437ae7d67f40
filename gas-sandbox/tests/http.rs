//! The HTTP layer over a real loopback socket: routing, `?wsdl`, limits, fault injection,
//! shutdown and the state file. Uses a minimal HTTP/1.1 client on a raw TCP stream so the
//! test sees exactly what goes over the wire (including a dropped connection).

use std::net::SocketAddr;
use std::time::Duration;

use gas_sandbox::api_error::ErrorCode;
use gas_sandbox::faults::{ANY_OPERATION, FaultRule};
use gas_sandbox::lifecycle::NewOrder;
use gas_sandbox::model::{OrderOperation, OrderStatus};
use gas_sandbox::{Sandbox, SandboxHandle};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

const PATH: &str = "/pc/ws/v2/GasOrderService";

/// A raw answer: status code (None when the server closed without answering) and body.
struct Answer {
    status: Option<u16>,
    head: String,
    body: String,
}

async fn send(addr: SocketAddr, method: &str, target: &str, body: &str) -> Answer {
    let mut stream = TcpStream::connect(addr).await.expect("connect");
    let request = format!(
        "{method} {target} HTTP/1.1\r\nHost: {addr}\r\nContent-Type: text/xml; charset=utf-8\r\nSOAPAction: \"\"\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    stream.write_all(request.as_bytes()).await.expect("write");
    let mut raw = Vec::new();
    // A reset connection is an answer too (no status).
    let _ = stream.read_to_end(&mut raw).await;
    let text = String::from_utf8_lossy(&raw).into_owned();
    let (head, body) = text
        .split_once("\r\n\r\n")
        .map(|(h, b)| (h.to_owned(), b.to_owned()))
        .unwrap_or((text.clone(), String::new()));
    let status = head
        .split_whitespace()
        .nth(1)
        .and_then(|code| code.parse().ok());
    Answer { status, head, body }
}

fn envelope(operation: &str) -> String {
    format!(
        "<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\" xmlns:ws=\"https://system.globalsign.com/pc/ws/v2/\"><soapenv:Header/><soapenv:Body><ws:{operation}><Request><OrderRequestHeader><AuthToken><UserName>alice</UserName><Password>pw</Password></AuthToken></OrderRequestHeader></Request></ws:{operation}></soapenv:Body></soapenv:Envelope>"
    )
}

async fn sandbox() -> SandboxHandle {
    Sandbox::builder()
        .account("alice", "pw")
        .start()
        .await
        .expect("sandbox starts")
}

#[tokio::test]
async fn url_is_loopback_and_the_service_path() {
    let s = sandbox().await;
    assert!(s.addr().ip().is_loopback());
    assert_ne!(s.addr().port(), 0);
    assert_eq!(s.url(), format!("http://{}{PATH}", s.addr()));
    assert_eq!(s.wsdl_url(), format!("{}?wsdl", s.url()));
    s.shutdown().await;
}

#[tokio::test]
async fn serves_its_wsdl_with_its_own_address() {
    let s = sandbox().await;
    for query in ["wsdl", "WSDL"] {
        let answer = send(s.addr(), "GET", &format!("{PATH}?{query}"), "").await;
        assert_eq!(answer.status, Some(200), "?{query}");
        assert!(
            answer
                .head
                .to_ascii_lowercase()
                .contains("content-type: text/xml")
        );
        assert!(answer.body.contains("wsdl:definitions"));
        assert!(
            answer.body.contains(&format!("location=\"{}\"", s.url())),
            "address rewritten"
        );
        assert!(
            !answer
                .body
                .contains("https://system.globalsign.com/pc/ws/v2/GasOrderService\"")
        );
    }
    s.shutdown().await;
}

#[tokio::test]
async fn routing_404_405() {
    let s = sandbox().await;
    assert_eq!(send(s.addr(), "GET", "/", "").await.status, Some(404));
    assert_eq!(
        send(s.addr(), "POST", "/pc/ws/v2/Other", &envelope("OrderPS1"))
            .await
            .status,
        Some(404)
    );
    let put = send(s.addr(), "PUT", PATH, "x").await;
    assert_eq!(put.status, Some(405));
    assert!(put.head.to_ascii_lowercase().contains("allow: get, post"));
    assert_eq!(send(s.addr(), "GET", PATH, "").await.status, Some(405));
    s.shutdown().await;
}

#[tokio::test]
async fn body_limit_413() {
    let s = Sandbox::builder()
        .account("alice", "pw")
        .max_request_bytes(1000)
        .start()
        .await
        .expect("start");
    let big = "x".repeat(1001);
    assert_eq!(send(s.addr(), "POST", PATH, &big).await.status, Some(413));
    s.shutdown().await;
}

#[tokio::test]
async fn malformed_xml_is_a_client_fault() {
    let s = sandbox().await;
    let answer = send(s.addr(), "POST", PATH, "<soapenv:Envelope").await;
    assert_eq!(answer.status, Some(500));
    assert!(answer.body.contains("Client"), "{}", answer.body);
    s.shutdown().await;
}

#[tokio::test]
async fn injected_api_error_then_normal() {
    let s = sandbox().await;
    s.faults().set(
        "GetOrders",
        FaultRule::api_error(ErrorCode::DATABASE).times(1),
    );
    let answer = send(s.addr(), "POST", PATH, &envelope("GetOrders")).await;
    assert_eq!(answer.status, Some(200));
    assert!(answer.body.contains("<ns2:GetOrdersResponse"));
    assert!(answer.body.contains("<SuccessCode>-1</SuccessCode>"));
    assert!(answer.body.contains("<ErrorCode>-201</ErrorCode>"));
    assert!(answer.body.contains("Failed database operation"));

    // Used up: the next request reaches the handler.
    let next = send(s.addr(), "POST", PATH, &envelope("GetOrders")).await;
    assert!(!next.body.contains("<ErrorCode>-201</ErrorCode>"));
    s.shutdown().await;
}

#[tokio::test]
async fn injected_failure_from_the_builder_for_every_operation() {
    let s = Sandbox::builder()
        .account("alice", "pw")
        .fault(ANY_OPERATION, FaultRule::api_error(ErrorCode::FAILURE))
        .start()
        .await
        .expect("start");
    for operation in ["OrderPS1", "ModifyOrder", "GetOrderByOrderID"] {
        let answer = send(s.addr(), "POST", PATH, &envelope(operation)).await;
        assert!(answer.body.contains(&format!("<ns2:{operation}Response")));
        assert!(answer.body.contains("<ErrorCode>-1</ErrorCode>"));
    }
    s.shutdown().await;
}

#[tokio::test]
async fn injected_drop_status_soap_fault_and_delay() {
    let s = sandbox().await;
    s.faults().set("OrderPS1", FaultRule::drop_connection());
    let dropped = send(s.addr(), "POST", PATH, &envelope("OrderPS1")).await;
    assert_eq!(dropped.status, None, "no answer: {:?}", dropped.head);

    s.faults().set("OrderPS1", FaultRule::http_status(503));
    assert_eq!(
        send(s.addr(), "POST", PATH, &envelope("OrderPS1"))
            .await
            .status,
        Some(503)
    );

    s.faults()
        .set("OrderPS1", FaultRule::soap_fault("database on fire"));
    let fault = send(s.addr(), "POST", PATH, &envelope("OrderPS1")).await;
    assert_eq!(fault.status, Some(500));
    assert!(fault.body.contains("database on fire"));

    // A delayed answer still arrives (no timing assertion: only that it completes).
    s.faults().set(
        "OrderPS1",
        FaultRule::api_error(ErrorCode::DATABASE).with_delay(Duration::from_millis(20)),
    );
    let delayed = send(s.addr(), "POST", PATH, &envelope("OrderPS1")).await;
    assert!(delayed.body.contains("<ErrorCode>-201</ErrorCode>"));

    // Other operations are untouched.
    s.faults().clear("OrderPS1");
    let normal = send(s.addr(), "POST", PATH, &envelope("OrderPS1")).await;
    assert!(normal.status.is_some());
    assert!(!normal.body.contains("database on fire"));
    s.shutdown().await;
}

#[tokio::test]
async fn shutdown_stops_listening() {
    let s = sandbox().await;
    let addr = s.addr();
    s.shutdown().await;
    assert!(TcpStream::connect(addr).await.is_err());
}

#[tokio::test]
async fn state_file_keeps_orders_across_restarts() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("sandbox.redb");
    let first = Sandbox::builder()
        .account("alice", "pw")
        .state_file(&path)
        .start()
        .await
        .expect("start");
    let alice = first.emulator().authenticate("alice", "pw").expect("login");
    let mut order = NewOrder::minimal(OrderOperation::OrderPs1);
    order.subject.email = Some("alice@example.com".into());
    let id = first.emulator().place_order(&alice, order).expect("order");
    let root = first.emulator().ca_root_pem().to_owned();
    first.shutdown().await;

    let second = Sandbox::builder()
        .account("alice", "pw")
        .state_file(&path)
        .start()
        .await
        .expect("restart");
    let alice = second
        .emulator()
        .authenticate("alice", "pw")
        .expect("login");
    let kept = second
        .emulator()
        .order_by_id(&alice, id.as_str())
        .expect("order kept");
    assert_eq!(kept.status, OrderStatus::IssueCompleted);
    assert_eq!(second.emulator().ca_root_pem(), root, "same test CA");
    second.shutdown().await;
}

#[tokio::test]
async fn admin_api_only_when_enabled() {
    let off = sandbox().await;
    assert_eq!(
        send(off.addr(), "GET", "/sandbox/admin/ca", "")
            .await
            .status,
        Some(404)
    );
    off.shutdown().await;

    let on = Sandbox::builder()
        .account("alice", "pw")
        .admin_api(true)
        .start()
        .await
        .expect("start");
    let ca = send(on.addr(), "GET", "/sandbox/admin/ca", "").await;
    assert_eq!(ca.status, Some(200));
    assert!(ca.body.contains("BEGIN CERTIFICATE"));
    let set = send(
        on.addr(),
        "PUT",
        "/sandbox/admin/faults/GetOrders?action=api-error&code=-201&times=1",
        "",
    )
    .await;
    assert_eq!(set.status, Some(200), "{}", set.body);
    let faulted = send(on.addr(), "POST", PATH, &envelope("GetOrders")).await;
    assert!(faulted.body.contains("<ErrorCode>-201</ErrorCode>"));
    on.shutdown().await;
}
