//! Every operation over real HTTP with raw SOAP 1.1 envelopes, built from the request
//! samples in `wsdl/samples/` (the spec's outlines made into messages), through the
//! generated dispatcher into the emulator. What a third-party SOAP client sees.
//!
//! (The typed end-to-end tests with `gas-client` live with the client; these pin the wire.)

use std::net::SocketAddr;

use gas_sandbox::{Sandbox, SandboxHandle};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

const USER: &str = "PAR12345_gasapi";
const PASSWORD: &str = "Xq7!pL2#vR9s";
const PATH: &str = "/pc/ws/v2/GasOrderService";

// ----- A little XML text surgery (the samples are pretty-printed, one element a line) -----

fn sample(operation: &str) -> String {
    let path = format!(
        "{}/../wsdl/samples/{operation}.request.xml",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The span of the first `<tag>…</tag>` (or `<tag/>`), start to end.
fn span(xml: &str, tag: &str) -> Option<(usize, usize)> {
    let open = format!("<{tag}>");
    let empty = format!("<{tag}/>");
    let close = format!("</{tag}>");
    if let Some(start) = xml.find(&open) {
        let end = xml[start..].find(&close)? + start + close.len();
        return Some((start, end));
    }
    let start = xml.find(&empty)?;
    Some((start, start + empty.len()))
}

fn set(xml: &str, tag: &str, value: &str) -> String {
    let (start, end) = span(xml, tag).unwrap_or_else(|| panic!("no <{tag}> in the sample"));
    format!("{}<{tag}>{value}</{tag}>{}", &xml[..start], &xml[end..])
}

fn remove(xml: &str, tag: &str) -> String {
    match span(xml, tag) {
        Some((start, end)) => format!("{}{}", &xml[..start], &xml[end..]),
        None => xml.to_owned(),
    }
}

fn value(xml: &str, tag: &str) -> Option<String> {
    let (start, end) = span(xml, tag)?;
    let inner = &xml[start + tag.len() + 2..end];
    Some(inner.strip_suffix(&format!("</{tag}>"))?.to_owned())
}

fn values(xml: &str, tag: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = xml;
    while let Some((start, end)) = span(rest, tag) {
        if let Some(v) = value(&rest[start..end], tag) {
            out.push(v);
        }
        rest = &rest[end..];
    }
    out
}

fn csr_pem() -> String {
    let key = rcgen::KeyPair::generate().expect("key");
    rcgen::CertificateParams::default()
        .serialize_request(&key)
        .expect("csr")
        .pem()
        .expect("pem")
}

/// A sample turned into a plain new order that passes every rule.
fn new_order(operation: &str) -> String {
    let mut xml = sample(operation);
    xml = set(&xml, "OrderKind", "new");
    xml = remove(&xml, "Campaign");
    xml = remove(&xml, "RenewalTergetOrderID");
    xml = remove(&xml, "RenewalTargetOrderID");
    if operation == "OrderOS" {
        // Not applicable to OrderOS (rule os-pkcs12-not-applicable, ERRATA E61).
        xml = remove(&xml, "PKCS12Option");
    } else if span(&xml, "PKCS12Option").is_some() {
        xml = set(&xml, "PKCS12Option", "false");
    }
    match operation {
        "OrderAATL" => xml = set(&xml, "CSR", &csr_pem()),
        "OrderQC" => {
            xml = remove(&xml, "CSR");
            xml = remove(&xml, "DnExtensions");
            xml = remove(&xml, "QCStatements");
        }
        _ => {}
    }
    xml
}

fn with_account(xml: &str, user: &str, password: &str) -> String {
    set(&set(xml, "UserName", user), "Password", password)
}

// ----- HTTP -----

async fn post(addr: SocketAddr, body: &str) -> (u16, String) {
    let mut stream = TcpStream::connect(addr).await.expect("connect");
    let request = format!(
        "POST {PATH} HTTP/1.1\r\nHost: {addr}\r\nContent-Type: text/xml; charset=utf-8\r\nSOAPAction: \"\"\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    stream.write_all(request.as_bytes()).await.expect("write");
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).await.expect("read");
    let text = String::from_utf8(raw).expect("utf-8 answer");
    let (head, body) = text.split_once("\r\n\r\n").expect("HTTP answer");
    let status = head
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .expect("status");
    (status, body.to_owned())
}

async fn sandbox() -> SandboxHandle {
    Sandbox::builder()
        .account(USER, PASSWORD)
        .account("other", "other-pw")
        .start()
        .await
        .expect("start")
}

/// Posts and checks a successful answer; returns the body.
async fn ok(s: &SandboxHandle, body: &str) -> String {
    let (status, answer) = post(s.addr(), body).await;
    assert_eq!(status, 200, "{answer}");
    assert_eq!(
        value(&answer, "SuccessCode").as_deref(),
        Some("0"),
        "{answer}"
    );
    answer
}

/// Posts and returns the (code, field) pairs of a failed answer.
async fn errors(s: &SandboxHandle, body: &str) -> Vec<(String, Option<String>)> {
    let (status, answer) = post(s.addr(), body).await;
    assert_eq!(status, 200, "{answer}");
    assert_eq!(
        value(&answer, "SuccessCode").as_deref(),
        Some("-1"),
        "{answer}"
    );
    values(&answer, "Error")
        .iter()
        .map(|e| {
            (
                value(e, "ErrorCode").unwrap_or_default(),
                value(e, "ErrorField"),
            )
        })
        .collect()
}

fn codes(found: &[(String, Option<String>)]) -> Vec<&str> {
    found.iter().map(|(c, _)| c.as_str()).collect()
}

async fn place(s: &SandboxHandle, operation: &str) -> String {
    let answer = ok(s, &new_order(operation)).await;
    assert!(
        answer.contains(&format!(":{operation}Response ")),
        "{answer}"
    );
    value(&answer, "OrderID").expect("OrderID")
}

fn query(order_id: &str) -> String {
    set(&sample("GetOrderByOrderID"), "OrderID", order_id)
}

// ----- Tests -----

#[tokio::test]
async fn every_order_operation_places_an_order() {
    let s = sandbox().await;
    let orders: Vec<&str> = gas_client::operations::OPERATIONS
        .iter()
        .map(|op| op.name)
        .filter(|name| name.starts_with("Order"))
        .collect();
    assert_eq!(
        orders.len(),
        8,
        "the spec's eight order operations: {orders:?}"
    );
    for operation in orders {
        let id = place(&s, operation).await;
        assert!(id.starts_with("CESB"), "{operation}: {id}");
        if operation == "OrderQC" {
            // IssueType 0 (REGISTER): the API only registers the order; issuing is the
            // admin steps' (as client_e2e does).
            s.emulator().admin_complete_vetting(&id).expect("vetting");
            s.emulator().admin_issue(&id, None).expect("issue");
        }
        let detail = ok(&s, &query(&id)).await;
        assert_eq!(
            value(&detail, "OrderStatus").as_deref(),
            Some("4"),
            "{operation}"
        );
        assert_eq!(
            value(&detail, "CertificateStatus").as_deref(),
            Some("10"),
            "{operation}"
        );
        assert!(
            detail.contains("-----BEGIN CERTIFICATE-----"),
            "{operation}"
        );
    }
    s.shutdown().await;
}

#[tokio::test]
async fn order_query_reissue_revoke_life_cycle() {
    let s = sandbox().await;
    let id = place(&s, "OrderPS2Pro").await;

    // GetOrderByOrderID with every option.
    let detail = ok(&s, &query(&id)).await;
    assert_eq!(value(&detail, "OrderID").as_deref(), Some(id.as_str()));
    assert_eq!(value(&detail, "ProductCode").as_deref(), Some("PS2Pro"));
    assert_eq!(
        values(&detail, "ModificationEventName"),
        ["0,0", "3,0", "4,0", "7,0"]
    );
    assert!(detail.contains("<CACertType>ROOT</CACertType>"));
    assert!(detail.contains("<CACertType>INTER</CACertType>"));
    assert!(detail.contains("-----BEGIN PKCS7-----"));
    assert_eq!(value(&detail, "SubID").as_deref(), Some("sub-2024-0001"));
    assert!(value(&detail, "SubjectName").is_some_and(|n| n.contains("CN=Alice Example")));

    // Without options: no OrderOption, CertificateInfo or Fulfillment.
    let bare = ok(&s, &remove(&query(&id), "OrderQueryOption")).await;
    assert!(!bare.contains("<Fulfillment>") && !bare.contains("<CertificateInfo>"));
    assert!(!bare.contains("<OrderOption>"));
    assert!(bare.contains("<ModificationEvents>"));

    // ReIssue with a CSR.
    let reissue = set(
        &set(&sample("ReIssue"), "TargetOrderID", &id),
        "CSR",
        &csr_pem(),
    );
    let answer = ok(&s, &reissue).await;
    let new_id = value(&answer, "OrderID").expect("new order");
    assert_ne!(new_id, id);
    let new = ok(&s, &query(&new_id)).await;
    assert_eq!(
        value(&new, "OriginalOrderIDForReIssue").as_deref(),
        Some(id.as_str())
    );

    // REVOKE the new one; its certificate status becomes 30.
    let revoke = set(
        &set(&sample("ModifyOrder"), "OrderID", &new_id),
        "ModifyOrderOperation",
        "REVOKE",
    );
    ok(&s, &revoke).await;
    let revoked = ok(&s, &query(&new_id)).await;
    assert_eq!(value(&revoked, "CertificateStatus").as_deref(), Some("30"));
    assert!(values(&revoked, "ModificationEventName").ends_with(&["11,0".into(), "12,0".into()]));
    s.shutdown().await;
}

#[tokio::test]
async fn modify_order_cancel_then_9915() {
    let s = sandbox().await;
    let id = place(&s, "OrderPS1").await;
    let cancel = set(&sample("ModifyOrder"), "OrderID", &id);
    let answer = ok(&s, &cancel).await;
    assert_eq!(value(&answer, "OrderID").as_deref(), Some(id.as_str()));
    let again = errors(&s, &cancel).await;
    assert_eq!(again, [("-9915".into(), Some("OrderID".into()))]);
    let detail = ok(&s, &query(&id)).await;
    assert_eq!(value(&detail, "OrderStatus").as_deref(), Some("5"));
    s.shutdown().await;
}

#[tokio::test]
async fn resend_email_answers() {
    let s = sandbox().await;
    let id = place(&s, "OrderPS1").await;
    // Issued at once by the default policy, and resent all the same (ERRATA E105).
    let resend = set(&sample("ResendEmail"), "OrderID", &id);
    ok(&s, &resend).await;
    let unknown = set(&sample("ResendEmail"), "OrderID", "CESB0000009999");
    assert_eq!(codes(&errors(&s, &unknown).await), ["-9916"]);
    let wrong_type = set(&resend, "EmailType", "APPROVER");
    let found = errors(&s, &wrong_type).await;
    assert_eq!(found[0].1.as_deref(), Some("EmailType"));
    s.shutdown().await;
}

#[tokio::test]
async fn login_and_account_isolation() {
    let s = sandbox().await;
    let bad = with_account(&new_order("OrderPS1"), USER, "wrong");
    assert_eq!(codes(&errors(&s, &bad).await), ["-4001"]);

    let id = place(&s, "OrderPS1").await;
    let as_other = with_account(&query(&id), "other", "other-pw");
    assert_eq!(
        errors(&s, &as_other).await,
        [("-9902".into(), Some("OrderID".into()))]
    );
    let cancel = with_account(
        &set(&sample("ModifyOrder"), "OrderID", &id),
        "other",
        "other-pw",
    );
    assert_eq!(codes(&errors(&s, &cancel).await), ["-9902"]);
    let list = with_account(
        &remove(&sample("GetOrders"), "OrderQueryOption"),
        "other",
        "other-pw",
    );
    let answer = ok(&s, &list).await;
    assert!(!answer.contains(&id), "other account sees nothing of ours");

    assert_eq!(
        errors(&s, &query("CESB0000009999")).await,
        [("-9916".into(), Some("OrderID".into()))]
    );
    s.shutdown().await;
}

#[tokio::test]
async fn field_validation_codes_and_paths() {
    let s = sandbox().await;
    let missing = remove(&new_order("OrderPS1"), "Year");
    assert!(
        errors(&s, &missing)
            .await
            .contains(&("-102".into(), Some("Year".into())))
    );

    let long_email = format!("{}@example.com", "a".repeat(200));
    let too_long = set(&new_order("OrderPS2"), "CommonName", &"x".repeat(65));
    assert!(
        errors(&s, &too_long)
            .await
            .contains(&("-103".into(), Some("DnAttributes/CommonName".into())))
    );
    let email = new_order("OrderPS1").replacen(
        "<Email>alice@example.com</Email>",
        &format!("<Email>{long_email}</Email>"),
        1,
    );
    let found = errors(&s, &email).await;
    assert!(
        found
            .iter()
            .any(|(_, f)| f.as_deref() == Some("DnAttributes/Email")),
        "{found:?}"
    );

    let bad_year = set(&new_order("OrderPS1"), "Year", "4");
    assert!(
        errors(&s, &bad_year)
            .await
            .contains(&("-9970".into(), Some("Year".into())))
    );

    let wrong_product = set(&new_order("OrderQC"), "ProductCode", "DSAATL");
    let found = errors(&s, &wrong_product).await;
    assert_eq!(found, [("-9203".into(), Some("ProductCode".into()))]);

    let bad_date = set(&sample("GetModifiedOrders"), "FromDate", "yesterday");
    let found = errors(&s, &bad_date).await;
    assert!(
        found
            .iter()
            .any(|(c, f)| c == "-104" && f.as_deref() == Some("FromDate")),
        "{found:?}"
    );
    s.shutdown().await;
}

#[tokio::test]
async fn csr_checks() {
    let s = sandbox().await;
    let bad = set(
        &new_order("OrderAATL"),
        "CSR",
        "-----BEGIN CERTIFICATE REQUEST-----\nAAAA\n-----END CERTIFICATE REQUEST-----",
    );
    assert_eq!(
        errors(&s, &bad).await,
        [("-104".into(), Some("CSR".into()))]
    );
    let id = place(&s, "OrderAATL").await;
    let reissue = set(
        &set(&sample("ReIssue"), "TargetOrderID", &id),
        "CSR",
        "not a csr",
    );
    assert_eq!(
        errors(&s, &reissue).await,
        [("-104".into(), Some("OrderParameter/CSR".into()))]
    );
    s.shutdown().await;
}

#[tokio::test]
async fn renewal_rules_over_the_wire() {
    let s = sandbox().await;
    let id = place(&s, "OrderPS1").await;
    let renewal = set(
        &set(&new_order("OrderPS1"), "OrderKind", "renewal"),
        "HashAlgorithm",
        "SHA256",
    )
    .replace(
        "<SubID>",
        &format!("<RenewalTergetOrderID>{id}</RenewalTergetOrderID><SubID>"),
    );
    let answer = ok(&s, &renewal).await;
    assert!(value(&answer, "OrderID").is_some());

    let switch = set(&new_order("OrderPS2"), "OrderKind", "renewal").replace(
        "<DnAttributes>",
        &format!("<RenewalTergetOrderID>{id}</RenewalTergetOrderID><DnAttributes>"),
    );
    assert_eq!(
        errors(&s, &switch).await,
        [("-9202".into(), Some("RenewalTergetOrderID".into()))]
    );
    s.shutdown().await;
}

#[tokio::test]
async fn get_modified_orders_and_get_orders_filters() {
    let s = sandbox().await;
    let id = place(&s, "OrderPS2Pro").await;
    let now = time::OffsetDateTime::now_utc();
    let from = gas_sandbox::soap::format_timestamp(now - time::Duration::hours(1));
    let to = gas_sandbox::soap::format_timestamp(now + time::Duration::hours(1));
    let modified = set(
        &set(&sample("GetModifiedOrders"), "FromDate", &from),
        "ToDate",
        &to,
    );
    let answer = ok(&s, &modified).await;
    assert!(answer.contains(&id), "{answer}");
    let old = ok(&s, &sample("GetModifiedOrders")).await;
    assert!(!old.contains(&id), "2024 window has no orders");

    // GetOrders with every filter set to match this order.
    let today = now.date().to_string();
    let mut filters = sample("GetOrders");
    for tag in [
        "RequestDateFrom",
        "RequestDateTo",
        "IssueDateFrom",
        "IssueDateTo",
    ] {
        filters = set(&filters, tag, &today);
    }
    filters = remove(&filters, "ExpirationDateFrom");
    filters = remove(&filters, "ExpirationDateTo");
    filters = set(&filters, "OrderID", &id);
    let answer = ok(&s, &filters).await;
    assert_eq!(
        values(&answer, "OrderID"),
        std::slice::from_ref(&id),
        "{answer}"
    );
    let other_product = set(&filters, "ProductCode", "PS1");
    assert!(values(&ok(&s, &other_product).await, "OrderID").is_empty());
    // The sample's `SubID` (one: the schema allows it once) is the order's.
    let by_sub = set(
        &set(&remove(&filters, "OrderID"), "CommonName", "Alice Example"),
        "SubID",
        "sub-2024-0001",
    );
    assert_eq!(values(&ok(&s, &by_sub).await, "OrderID"), [id]);
    s.shutdown().await;
}

#[tokio::test]
async fn missing_request_element_is_a_failed_login() {
    let s = sandbox().await;
    let xml = "<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\" xmlns:ws=\"https://system.globalsign.com/pc/ws/v2/\"><soapenv:Body><ws:GetOrders/></soapenv:Body></soapenv:Envelope>";
    // No Request, no AuthToken: the login is checked first (ERRATA E104).
    let found = errors(&s, xml).await;
    assert_eq!(found, [("-4001".into(), None)]);
    s.shutdown().await;
}

#[tokio::test]
async fn combination_rules_from_the_overlay() {
    let s = sandbox().await;
    // coupon-or-campaign (-9917): the raw sample has both.
    let both = set(&new_order("OrderPS1"), "SubID", "x").replace(
        "<Coupon>",
        "<Campaign>PARTNER-CAMPAIGN-07</Campaign><Coupon>",
    );
    assert_eq!(
        errors(&s, &both).await,
        [("-9917".into(), Some("Coupon".into()))]
    );

    // has-csr-or-pkcs12 (-9201).
    let csr_and_p12 = set(
        &set(&new_order("OrderPS2"), "HasCSR", "true"),
        "PKCS12Option",
        "true",
    );
    assert_eq!(
        errors(&s, &csr_and_p12).await,
        [("-9201".into(), Some("PKCS12Option".into()))]
    );

    // A renewal need not name its target (ERRATA E77), in either spelling's operations.
    ok(&s, &set(&new_order("OrderPS1"), "OrderKind", "renewal")).await;
    ok(&s, &set(&new_order("OrderAATL"), "OrderKind", "renewal")).await;

    // os-pkcs12-not-applicable (-105).
    let os_p12 = new_order("OrderOS").replace(
        "<HasFortify>",
        "<PKCS12Option>false</PKCS12Option><HasFortify>",
    );
    assert_eq!(
        errors(&s, &os_p12).await,
        [("-105".into(), Some("PKCS12Option".into()))]
    );

    // ps2dept-common-name (-105).
    let dept = set(&new_order("OrderPS2Dept"), "CommonName", "Someone Else");
    assert_eq!(
        errors(&s, &dept).await,
        [("-105".into(), Some("DnAttributes/CommonName".into()))]
    );

    // ps2pro-surname-required and ps2pro-common-name-matches (-105).
    let no_surname = remove(&new_order("OrderPS2Pro"), "SurName");
    let found = errors(&s, &no_surname).await;
    assert!(
        found.contains(&("-105".into(), Some("DnAttributes/SurName".into()))),
        "{found:?}"
    );
    let mismatch = set(&new_order("OrderPS2Pro"), "CommonName", "ABC");
    assert_eq!(
        errors(&s, &mismatch).await,
        [("-105".into(), Some("DnAttributes/CommonName".into()))]
    );

    // OrderQC: seal without CommonName but with Organization; CSR, DnExtensions and
    // QCStatements are for future use; PickupPassword is required for now.
    let seal_with_cn = set(&new_order("OrderQC"), "ProductCode", "DSQCSeal");
    assert_eq!(
        errors(&s, &seal_with_cn).await,
        [("-105".into(), Some("DnAttributes/CommonName".into()))]
    );
    let seal = remove(&seal_with_cn, "CommonName");
    ok(&s, &seal).await;
    let future = sample("OrderQC");
    let future = set(&set(&future, "OrderKind", "new"), "SubID", "q");
    let future = remove(&remove(&future, "Campaign"), "RenewalTargetOrderID");
    let found = errors(&s, &future).await;
    for field in ["CSR", "DnAttributes/DnExtensions", "QCStatements"] {
        assert!(
            found.contains(&("-105".into(), Some(field.into()))),
            "{field}: {found:?}"
        );
    }
    let no_pickup = remove(&new_order("OrderQC"), "PickupPassword");
    assert_eq!(
        errors(&s, &no_pickup).await,
        [("-102".into(), Some("PickupPassword".into()))]
    );
    s.shutdown().await;
}
