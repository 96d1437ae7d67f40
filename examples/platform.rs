//! The platform team's program: six kinds of order, polling until issued, both queries
//! (modified in the last hour, and by filter), cancel, revoke, reissue, resend, four
//! deliberate errors, an order whose answer is lost, the blocking client and serde, all
//! against the in-process sandbox.
//!
//! Written the way the crate invites: every nested structure from its generated
//! constructor (the required fields are its arguments), typed booleans and dates, and
//! `label()` to print a status. `cargo test` runs it (it is a test target without a
//! harness), so it stays true.
//!
//! ```sh
//! cargo run -p gas-examples --example platform
//! ```

use std::time::Duration;

use gas_client::types::{
    ApproverInfoEV, BusinessCategoryCode, ContactInfoEV, IssueType, IssueTypeQC,
    JurisdictionInfoEV, ModificationEvent, OSDnAttributes, OSEVDnAttributes, OSSubscriber,
    OrderKind, OrderParameter, OrderQueryOption, OrderStatus, OrdersQueryOption,
    OrganizationAddressEV, OrganizationInfoEV, PS1DnAttributes, PS1Subscriber, PS2DeptDnAttributes,
    PS2ProDnAttributes, PcV2GetModifiedOrdersRequest, PcV2GetOrderByOrderIDRequest,
    PcV2GetOrdersRequest, PcV2OrderOSEVRequest, PcV2OrderOSRequest, PcV2OrderPS1Request,
    PcV2OrderPS2DeptRequest, PcV2OrderPS2ProRequest, PcV2OrderQCRequest, PcV2ReIssueRequest,
    PcV2ResendEmailRequest, ProductCode, ProductCodeQC, QCDnAttributes, Subscriber, Year,
};
use gas_client::{ApiErrorCode, Credentials, Endpoint, Error, GasClient, RetryPolicy};
use gas_sandbox::faults::FaultRule;

type Result<T> = std::result::Result<T, Box<dyn std::error::Error + Send + Sync>>;

const USER: &str = "PAR12345_api";
const PASSWORD: &str = "sandbox-password";

#[tokio::main]
async fn main() -> Result<()> {
    let sandbox = gas_sandbox::Sandbox::builder()
        .account(USER, PASSWORD)
        .start()
        .await?;
    let client = GasClient::builder(
        Endpoint::Url(sandbox.url().to_owned()),
        Credentials::new(USER, PASSWORD),
    )
    // Short waits, so that the lost-answer path below takes a moment, not seconds.
    .retry_policy(RetryPolicy {
        order_settle_delay: Duration::from_millis(50),
        initial_backoff: Duration::from_millis(20),
        ..RetryPolicy::default()
    })
    .build()?;

    // --- Six kinds of order -------------------------------------------------------------
    let mut ids = Vec::new();

    // The same subscriber serves OrderOS, OrderPS2Dept and OrderPS2Pro (`OSSubscriber`),
    // and converts into the `Subscriber` of OrderOSEV and OrderQC.
    let ops = OSSubscriber::new(
        "Example Corp",
        "Platform",
        "03801",
        "1 Main Street",
        "Suite 100",
        "Portsmouth",
        "New Hampshire",
        "US",
        "Alice",
        "Example",
        "+1 603 555 0100",
        "alice@example.com",
    );

    let mut os = PcV2OrderOSRequest::new(
        Year::OneYear,
        OrderKind::New,
        "pick-me-up-2024",
        OSDnAttributes::new(
            "Example Corp",
            "US",
            "Platform",
            "New Hampshire",
            "Portsmouth",
        ),
        ops.clone(),
    );
    os.sub_id = Some("platform-os-1".into());
    // Before sending: the client's own check, the same it makes before every call.
    assert!(os.validate().is_empty(), "{}", os.validate());
    ids.push(("OrderOS", client.order_os(os).await?.order_id()?.to_owned()));

    let ev = OrganizationInfoEV::new(
        BusinessCategoryCode::Po, // private organization,
        JurisdictionInfoEV::new("US"),
        OrganizationAddressEV::new(
            "1 Main Street",
            "Portsmouth",
            "New Hampshire",
            "US",
            "+1 603 555 0100",
        ),
        contact(),
        ApproverInfoEV::new(
            "Bob",
            "Approver",
            "Example Corp",
            "+1 603 555 0101",
            "bob@example.com",
        ),
        contact(),
    );
    let osev = PcV2OrderOSEVRequest::new(
        Year::OneYear,
        OrderKind::New,
        "pick-me-up-2024",
        OSEVDnAttributes::new("Example Corp", "US", "New Hampshire", "Portsmouth"),
        Subscriber::from(ops.clone()),
        ev,
    );
    ids.push((
        "OrderOSEV",
        client.order_os_ev(osev).await?.order_id()?.to_owned(),
    ));

    let mut ps1 = PcV2OrderPS1Request::new(
        Year::OneYear,
        OrderKind::New,
        "pick-me-up-2024",
        PS1DnAttributes::new("alice@example.com"),
        PS1Subscriber::new("Alice", "Example", "+1 603 555 0100", "alice@example.com"),
    );
    ps1.pkcs12_option = Some(false); // a bool, written `false`
    ids.push((
        "OrderPS1",
        client.order_ps1(ps1).await?.order_id()?.to_owned(),
    ));

    let dept = PcV2OrderPS2DeptRequest::new(
        Year::TwoYears,
        OrderKind::New,
        "pick-me-up-2024",
        PS2DeptDnAttributes::new(
            "platform@example.com", // CommonName: the e-mail or the organization
            "US",
            "Example Corp",
            "New Hampshire",
            "Portsmouth",
            "platform@example.com",
            "ntrus+nh-1234",
        ),
        ops.clone(),
    );
    ids.push((
        "OrderPS2Dept",
        client.order_ps2_dept(dept).await?.order_id()?.to_owned(),
    ));

    // A department's distinguished name serves a Pro order too (`From` where no value is
    // lost), with the personal names added.
    let mut pro_dn = PS2ProDnAttributes::from(PS2DeptDnAttributes::new(
        "alice@example.com",
        "US",
        "Example Corp",
        "New Hampshire",
        "Portsmouth",
        "alice@example.com",
        "ntrus+nh-1234",
    ));
    pro_dn.common_name = None;
    pro_dn.given_name = Some("Alice".into());
    pro_dn.sur_name = Some("Example".into());
    let pro = PcV2OrderPS2ProRequest::new(
        Year::OneYear,
        OrderKind::New,
        "pick-me-up-2024",
        pro_dn,
        ops.clone(),
    );
    let pro_id = client.order_ps2_pro(pro).await?.order_id()?.to_owned();
    ids.push(("OrderPS2Pro", pro_id.clone()));

    let mut qc_dn = QCDnAttributes::new("US");
    qc_dn.common_name = Some("Alice Example".into());
    let qc = PcV2OrderQCRequest::new(
        ProductCodeQC::DsqcSignature,
        Year::OneYear,
        OrderKind::New,
        IssueTypeQC::Register,
        "pick-me-up-2024",
        qc_dn,
        Subscriber::from(ops.clone()),
    );
    let qc_id = client.order_qc(qc).await?.order_id()?.to_owned();
    ids.push(("OrderQC", qc_id.clone()));
    for (operation, id) in &ids {
        println!("{operation}: {id}");
    }

    // --- Polling ------------------------------------------------------------------------
    for (_, id) in &ids {
        let status = poll(&client, id).await?;
        println!("{id}: {} ({})", status.label(), status.as_str());
    }

    // --- Both queries -------------------------------------------------------------------
    // What changed in the last hour: typed date-times, written as GlobalSign takes them
    // (UTC with milliseconds); `between(from, to)` takes any two `SystemTime`s.
    let modified = client
        .get_modified_orders(PcV2GetModifiedOrdersRequest::since(Duration::from_secs(
            3600,
        )))
        .await?;
    println!("modified in the last hour: {}", modified.order_detail.len());
    assert!(modified.order_detail.len() >= ids.len());
    for event in modified
        .order_detail
        .iter()
        .flat_map(|d| &d.modification_events)
        .take(3)
    {
        print_event(event);
    }

    let filter = OrdersQueryOption {
        product_code: Some(ProductCode::Ps2Pro),
        ..Default::default()
    };
    let pros = client.get_orders(PcV2GetOrdersRequest::new(filter)).await?;
    println!("PS2Pro orders: {}", pros.order_detail.len());
    assert_eq!(pros.order_detail.len(), 1);

    // --- Cancel, revoke, reissue, resend ------------------------------------------------
    // The QC order is only registered (it waits for vetting), so it can still be cancelled.
    let cancelled = client.cancel(&qc_id).await?;
    assert_eq!(cancelled.order_id()?, qc_id);
    println!("{qc_id}: {}", poll(&client, &qc_id).await?.label());
    let reissued = client
        .reissue(PcV2ReIssueRequest::new(
            &pro_id,
            OrderParameter::new(IssueType::Register),
        ))
        .await?;
    println!("{pro_id} reissued as {}", reissued.order_id()?);
    client
        .resend_email(PcV2ResendEmailRequest::new(&pro_id))
        .await?;
    println!("{pro_id}: enrolment e-mail sent again");
    let (_, ps1_id) = &ids[2];
    println!("{}: revoked", client.revoke(ps1_id).await?.order_id()?);

    // --- Four deliberate errors ---------------------------------------------------------
    // 1. A CommonName over the 64 characters its doc states: refused before sending.
    let long = PcV2OrderOSRequest::new(
        Year::OneYear,
        OrderKind::New,
        "pick-me-up-2024",
        OSDnAttributes::new("x".repeat(65), "US", "Platform", "NH", "Portsmouth"),
        ops.clone(),
    );
    let problems = client.validate(&long);
    println!("validate: {problems}");
    assert_eq!(problems.len(), 1);
    match client.order_os(long).await {
        Err(Error::InvalidRequest(v)) => println!("1. not sent: {v}"),
        other => return Err(format!("expected InvalidRequest, got {other:?}").into()),
    }
    // 2. An order that does not exist: GlobalSign's -9916.
    match client
        .get_order_by_order_id(PcV2GetOrderByOrderIDRequest::new("CE9999999999"))
        .await
    {
        Err(Error::Api(e)) if e.contains(&ApiErrorCode::OrderNotFound) => println!("2. {e}"),
        other => return Err(format!("expected -9916, got {other:?}").into()),
    }
    // 3. Wrong credentials: -4001.
    let wrong = GasClient::new(
        Endpoint::Url(sandbox.url().to_owned()),
        Credentials::new(USER, "not-the-password"),
    )?;
    match wrong
        .resend_email(PcV2ResendEmailRequest::new(&pro_id))
        .await
    {
        Err(Error::Api(e)) if e.contains(&ApiErrorCode::LoginFailure) => println!("3. {e}"),
        other => return Err(format!("expected -4001, got {other:?}").into()),
    }
    // 4. A server too slow to answer: every attempt of a query times out. The message
    //    names the operation, the attempts and the time they took.
    let impatient = GasClient::builder(
        Endpoint::Url(sandbox.url().to_owned()),
        Credentials::new(USER, PASSWORD),
    )
    .timeout(Duration::from_millis(200))
    .retry_policy(RetryPolicy {
        initial_backoff: Duration::from_millis(20),
        ..RetryPolicy::default()
    })
    .build()?;
    sandbox.faults().set(
        "GetOrderByOrderID",
        FaultRule::delay(Duration::from_millis(400)).times(3),
    );
    match impatient
        .get_order_by_order_id(PcV2GetOrderByOrderIDRequest::new(&pro_id))
        .await
    {
        Err(e @ Error::Transport { .. }) => println!("4. {e}"),
        other => return Err(format!("expected a timeout, got {other:?}").into()),
    }
    // Once the server recovers, a query is retried until it is answered, and says so.
    sandbox
        .faults()
        .set("GetOrderByOrderID", FaultRule::http_status(503).times(1));
    let retried = client
        .get_order_by_order_id(PcV2GetOrderByOrderIDRequest::new(&pro_id))
        .await?;
    println!("answered after {} attempts", retried.attempts());
    assert_eq!(retried.attempts(), 2);

    // --- The lost answer ------------------------------------------------------------------
    // The sandbox places the order, then drops the connection instead of answering. The
    // client does not send an order twice blindly: it looks the SubID up and finds it.
    sandbox.faults().set(
        "OrderPS1",
        FaultRule::drop_connection().after_commit().times(1),
    );
    let mut lost = PcV2OrderPS1Request::new(
        Year::OneYear,
        OrderKind::New,
        "pick-me-up-2024",
        PS1DnAttributes::new("carol@example.com"),
        PS1Subscriber::new("Carol", "Example", "+1 603 555 0102", "carol@example.com"),
    );
    lost.sub_id = Some("platform-lost-1".into());
    let found = client.order_ps1(lost).await?;
    let recovered = found
        .recovery()
        .ok_or("the lost answer was not reconciled")?;
    println!(
        "answer lost; found {} by SubID {} ({} order sent)",
        recovered.order_id,
        recovered.sub_id,
        found.attempts()
    );
    assert_eq!(found.order_id()?, recovered.order_id);
    let by_sub_id = client
        .get_orders(PcV2GetOrdersRequest::by_sub_id("platform-lost-1"))
        .await?;
    assert_eq!(by_sub_id.order_detail.len(), 1, "placed exactly once");

    // --- serde ----------------------------------------------------------------------------
    // A response serializes as its value (the crate's `serde` feature).
    let detail = client
        .get_order_by_order_id(PcV2GetOrderByOrderIDRequest::new(&pro_id))
        .await?;
    let json = serde_json::to_string(&detail)?;
    println!("as JSON: {} bytes", json.len());
    let back: gas_client::types::PcV2GetOrderByOrderIDResponse = serde_json::from_str(&json)?;
    assert_eq!(&back, detail.value());

    // --- The blocking client ------------------------------------------------------------
    // For code without an async runtime (here on a thread of its own).
    let url = sandbox.url().to_owned();
    let count = tokio::task::spawn_blocking(move || -> Result<usize> {
        let blocking = gas_client::blocking::GasClient::new(
            Endpoint::Url(url),
            Credentials::new(USER, PASSWORD),
        )?;
        let all = blocking.get_orders(PcV2GetOrdersRequest::new(OrdersQueryOption::default()))?;
        Ok(all.order_detail.len())
    })
    .await??;
    println!("blocking client: {count} orders");

    sandbox.shutdown().await;
    Ok(())
}

/// An EV contact (the requestor and the authorized signer here).
fn contact() -> ContactInfoEV {
    ContactInfoEV::new(
        "Alice",
        "Example",
        "Platform lead",
        "Example Corp",
        "+1 603 555 0100",
        "alice@example.com",
    )
}

/// Asks for an order's status until it settles (issued, cancelled, revoked, or waiting
/// for a person), at most ten times.
async fn poll(client: &GasClient, order_id: &str) -> Result<OrderStatus> {
    let mut request = PcV2GetOrderByOrderIDRequest::new(order_id);
    request.order_query_option = Some(OrderQueryOption {
        return_certificate_info: Some(true),
        ..Default::default()
    });
    let mut last = None;
    for _ in 0..10 {
        let answer = client.get_order_by_order_id(request.clone()).await?;
        let status = answer
            .order_detail
            .as_ref()
            .and_then(|d| d.order_info.as_ref())
            .and_then(|i| i.order_status.clone())
            .ok_or("no OrderStatus in the answer")?;
        if status != OrderStatus::Initial {
            return Ok(status);
        }
        last = Some(status);
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    last.ok_or_else(|| "never answered".into())
}

fn print_event(event: &ModificationEvent) {
    match (event.action(), event.result()) {
        (Some(action), Some(result)) => {
            println!("  event: {} ({})", action.label(), result.label())
        }
        _ => println!("  event: {}", event.modification_event_name),
    }
}
