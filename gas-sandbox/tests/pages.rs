//! The pages over HTTP (issue 23), without a browser (tests/browser.rs drives a real one):
//! outbox, pick-up (wrong password refused and counted, never echoed), operator steps
//! through the admin API's code, fault injection, cross-site forms refused, and the pages
//! off unless the admin API is on.

use std::net::SocketAddr;

use gas_sandbox::emulator::IssuePolicy;
use gas_sandbox::model::{CertificateStatus, OrderStatus};
use gas_sandbox::{Sandbox, SandboxHandle};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

const PATH: &str = "/pc/ws/v2/GasOrderService";
const PICKUP_PASSWORD: &str = "Pickup#2024pw";

struct Answer {
    status: u16,
    head: String,
    body: Vec<u8>,
}

impl Answer {
    fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    fn header(&self, name: &str) -> Option<String> {
        self.head.lines().find_map(|line| {
            let (key, value) = line.split_once(':')?;
            key.eq_ignore_ascii_case(name)
                .then(|| value.trim().to_owned())
        })
    }
}

async fn send(addr: SocketAddr, method: &str, target: &str, headers: &str, body: &str) -> Answer {
    let mut stream = TcpStream::connect(addr).await.expect("connect");
    let request = format!(
        "{method} {target} HTTP/1.1\r\nHost: {addr}\r\nContent-Length: {}\r\nConnection: close\r\n{headers}\r\n{body}",
        body.len()
    );
    stream.write_all(request.as_bytes()).await.expect("write");
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).await.expect("read");
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("a head");
    let head = String::from_utf8_lossy(&raw[..split]).into_owned();
    let status = head
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .expect("status");
    Answer {
        status,
        head,
        body: raw[split + 4..].to_vec(),
    }
}

async fn get(addr: SocketAddr, target: &str) -> Answer {
    send(addr, "GET", target, "", "").await
}

/// A form POST as a browser on the sandbox's own page sends it.
async fn post_form(addr: SocketAddr, target: &str, form: &str) -> Answer {
    let headers =
        format!("Origin: http://{addr}\r\nContent-Type: application/x-www-form-urlencoded\r\n");
    send(addr, "POST", target, &headers, form).await
}

fn order_envelope(operation: &str, fields: &str) -> String {
    format!(
        "<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\" xmlns:ws=\"https://system.globalsign.com/pc/ws/v2/\"><soapenv:Body><ws:{operation}><Request><OrderRequestHeader><AuthToken><UserName>alice</UserName><Password>pw</Password></AuthToken></OrderRequestHeader>{fields}</Request></ws:{operation}></soapenv:Body></soapenv:Envelope>"
    )
}

const PS1_FIELDS: &str = "<Year>1</Year><OrderKind>new</OrderKind><PickupPassword>Pickup#2024pw</PickupPassword><HasCSR>false</HasCSR><PKCS12Option>true</PKCS12Option><HasFortify>false</HasFortify><DnAttributes><Email>alice@example.com</Email></DnAttributes><Subscriber><FirstName>Alice</FirstName><LastName>Example</LastName><Phone>+1 603 555 0100</Phone><Email>alice@example.com</Email></Subscriber><HashAlgorithm>SHA256</HashAlgorithm>";

/// Places an order; its OrderID, or the whole answer when it failed.
async fn order(addr: SocketAddr, operation: &str, fields: &str) -> Result<String, String> {
    let answer = send(
        addr,
        "POST",
        PATH,
        "Content-Type: text/xml; charset=utf-8\r\nSOAPAction: \"\"\r\n",
        &order_envelope(operation, fields),
    )
    .await;
    let text = answer.text();
    let id = text
        .split_once("<OrderID>")
        .and_then(|(_, rest)| rest.split_once("</OrderID>"))
        .map(|(id, _)| id.to_owned());
    match id {
        Some(id) if text.contains("<SuccessCode>0</SuccessCode>") => Ok(id),
        _ => Err(text),
    }
}

async fn sandbox(policy: IssuePolicy, admin: bool) -> SandboxHandle {
    Sandbox::builder()
        .account("alice", "pw")
        .issue_policy(policy)
        .admin_api(admin)
        .start()
        .await
        .expect("sandbox")
}

#[tokio::test]
async fn outbox_then_pick_up_with_the_right_password_only() {
    let s = sandbox(IssuePolicy::OnOrder, true).await;
    let addr = s.addr();
    let id = order(addr, "OrderPS1", PS1_FIELDS).await.expect("order");
    let pickup = format!("http://{addr}/sandbox/pickup/{id}");

    let outbox = get(addr, "/sandbox/outbox").await;
    assert_eq!(outbox.status, 200);
    assert_eq!(
        outbox.header("content-type").as_deref(),
        Some("text/html; charset=utf-8")
    );
    let html = outbox.text();
    assert!(html.contains(&format!("href=\"{pickup}\"")), "{html}");
    assert!(html.contains("alice@example.com"));
    assert!(!html.contains(PICKUP_PASSWORD));

    let form = get(addr, &format!("/sandbox/pickup/{id}")).await;
    assert_eq!(form.status, 200);
    assert!(form.text().contains("name=\"password\""));

    let typed = "Wrong-but-typed#1";
    let refused = post_form(
        addr,
        &format!("/sandbox/pickup/{id}"),
        &format!("password={}", "Wrong-but-typed%231"),
    )
    .await;
    assert_eq!(refused.status, 403);
    assert!(
        refused.text().contains("1 wrong attempt"),
        "{}",
        refused.text()
    );
    assert!(
        !refused.text().contains(typed),
        "the typed password is not written back"
    );

    let file = post_form(
        addr,
        &format!("/sandbox/pickup/{id}"),
        "password=Pickup%232024pw",
    )
    .await;
    assert_eq!(file.status, 200, "{}", file.text());
    assert_eq!(
        file.header("content-type").as_deref(),
        Some("application/x-pkcs12")
    );
    assert_eq!(
        file.header("content-disposition"),
        Some(format!("attachment; filename=\"{id}.p12\""))
    );
    assert_eq!(file.header("cache-control").as_deref(), Some("no-store"));
    let keystore = p12_keystore::KeyStore::from_pkcs12(
        &file.body,
        PICKUP_PASSWORD,
        p12_keystore::Pkcs12ImportPolicy::Strict,
    )
    .expect("the PKCS#12 opens with the PickupPassword");
    assert!(keystore.private_key_chain().is_some());

    let order = s.emulator().admin_order(&id).expect("order");
    assert_eq!(order.pickup.wrong_passwords(), 1);
    assert_eq!(order.pickup.log.len(), 2);
    let operator = get(addr, "/sandbox/operator").await.text();
    assert!(operator.contains("wrong PickupPassword: refused"));
    assert!(operator.contains("picked up (PKCS#12)"));
    s.shutdown().await;
}

#[tokio::test]
async fn operator_buttons_take_a_register_order_through_vetting_and_issue() {
    let s = sandbox(IssuePolicy::Manual, true).await;
    let addr = s.addr();
    let aatl = "<Year>1</Year><OrderKind>new</OrderKind><ProductCode>DSAATL</ProductCode><IssueType>0</IssueType><PickupPassword>Pickup#2024pw</PickupPassword><DnAttributes><CommonName>Signer</CommonName><Organization>Org</Organization><Country>GB</Country></DnAttributes><Subscriber><OrganizationName>Org</OrganizationName><PostalCode>SW1A 1AA</PostalCode><AddressLine1>1 Street</AddressLine1><Locality>London</Locality><StateOrProvince>London</StateOrProvince><Country>GB</Country><FirstName>Alice</FirstName><LastName>Example</LastName><Phone>+1 603 555 0100</Phone><Email>alice@example.com</Email></Subscriber>";
    let id = order(addr, "OrderAATL", aatl).await.expect("order");

    let page = get(addr, "/sandbox/operator").await.text();
    assert!(page.contains(&format!("id=\"vet-{id}\"")), "{page}");
    assert!(
        !page.contains(&format!("id=\"issue-{id}\"")),
        "not before vetting"
    );

    let early = post_form(addr, &format!("/sandbox/operator/orders/{id}/issue"), "").await;
    assert_eq!(early.status, 303);
    let back = early.header("location").expect("location");
    assert!(back.contains("ok=0"), "{back}");
    let message = get(addr, &back).await.text();
    assert!(
        message.contains("-9202"),
        "the admin API's refusal is shown"
    );

    for step in ["vet", "issue"] {
        let done = post_form(addr, &format!("/sandbox/operator/orders/{id}/{step}"), "").await;
        assert_eq!(done.status, 303);
        assert!(done.header("location").is_some_and(|l| l.contains("ok=1")));
    }
    let issued = s.emulator().admin_order(&id).expect("order");
    assert_eq!(issued.status, OrderStatus::IssueCompleted);
    let page = get(addr, "/sandbox/operator").await.text();
    assert!(page.contains("7,0 Certificate issued"), "{page}");

    assert_eq!(issued.certificate_status, CertificateStatus::Issued);
    s.shutdown().await;
}

#[tokio::test]
async fn fault_injection_from_the_page_and_cross_site_forms_refused() {
    let s = sandbox(IssuePolicy::OnOrder, true).await;
    let addr = s.addr();
    let set = post_form(
        addr,
        "/sandbox/operator/faults",
        "operation=OrderPS1&action=api-error&code=-201&status=503&message=x&delay_ms=&times=1",
    )
    .await;
    assert_eq!(set.status, 303);
    assert!(
        get(addr, "/sandbox/operator")
            .await
            .text()
            .contains("OrderPS1")
    );
    let failed = order(addr, "OrderPS1", PS1_FIELDS)
        .await
        .expect_err("injected");
    assert!(failed.contains("-201"), "{failed}");
    order(addr, "OrderPS1", PS1_FIELDS)
        .await
        .expect("the rule was for one request");

    let cross = send(
        addr,
        "POST",
        "/sandbox/operator/faults",
        "Origin: http://evil.example\r\nContent-Type: application/x-www-form-urlencoded\r\n",
        "operation=*&action=drop",
    )
    .await;
    assert_eq!(cross.status, 403);
    for headers in [
        "Sec-Fetch-Site: cross-site\r\n",
        "Sec-Fetch-Site: same-site\r\n",
        "Origin: null\r\n",
    ] {
        let refused = send(
            addr,
            "POST",
            "/sandbox/operator/faults",
            headers,
            "operation=*&action=drop",
        )
        .await;
        assert_eq!(refused.status, 403, "{headers}");
    }
    assert!(s.faults().rules().is_empty());
    let unknown = post_form(
        addr,
        "/sandbox/operator/faults",
        "operation=Nope&action=drop",
    )
    .await;
    assert!(
        unknown
            .header("location")
            .is_some_and(|l| l.contains("ok=0"))
    );
    assert!(s.faults().rules().is_empty());
    s.shutdown().await;
}

#[tokio::test]
async fn the_pages_are_off_without_the_admin_api() {
    let s = sandbox(IssuePolicy::OnOrder, false).await;
    assert!(s.page_urls().is_empty());
    for page in [
        "/sandbox/outbox",
        "/sandbox/operator",
        "/sandbox/pickup/CESB0000000001",
    ] {
        assert_eq!(get(s.addr(), page).await.status, 404, "{page}");
    }
    let on = sandbox(IssuePolicy::OnOrder, true).await;
    let urls: Vec<String> = on.page_urls().into_iter().map(|(_, url)| url).collect();
    assert_eq!(
        urls,
        [
            format!("http://{}/sandbox/outbox", on.addr()),
            format!("http://{}/sandbox/operator", on.addr())
        ]
    );
    s.shutdown().await;
    on.shutdown().await;
}
