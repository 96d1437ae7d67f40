//! Quick start: an in-process sandbox, a PersonalSign 1 order, and a query for it.
//!
//! `cargo run --example quickstart` needs no GlobalSign account and no network: the
//! sandbox (crate `gas-sandbox`) listens on an ephemeral loopback port and follows the
//! spec's rules. Point `Endpoint::Test` or `Endpoint::Live` at GlobalSign instead and the
//! same code runs against the real service.

use gas_client::generated::types::{
    OrderKind, OrderQueryOption, PS1DnAttributes, PS1Subscriber, PcV2GetOrderByOrderIDRequest,
    PcV2OrderPS1Request, Year,
};
use gas_client::{Credentials, Endpoint, GasClient};
use gas_sandbox::Sandbox;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let sandbox = Sandbox::builder()
        .account("PAR12345_quickstart", "sandbox-password")
        .start()
        .await?;
    println!("sandbox listening at {}", sandbox.url());

    let client = GasClient::builder(
        Endpoint::Url(sandbox.url().to_owned()),
        Credentials::new("PAR12345_quickstart", "sandbox-password"),
    )
    .build()?;

    // Order: every required field is a constructor parameter; the client fills the
    // OrderRequestHeader and validates everything before sending.
    let mut order = PcV2OrderPS1Request::new(
        Year::V1,
        OrderKind::New,
        "pick-me-up-2026",
        PS1DnAttributes {
            email: "alice@example.com".into(),
        },
        PS1Subscriber {
            first_name: "Alice".into(),
            last_name: "Example".into(),
            phone: "+44 20 7946 0000".into(),
            email: "alice@example.com".into(),
            ..Default::default()
        },
    );
    // A unique SubID makes a lost answer recoverable (see gas_client's "Retries" docs).
    order.sub_id = Some("quickstart-0001".into());
    let ordered = client.order_ps1(order).await?;
    let order_id = ordered.value().order_id.clone().unwrap_or_default();
    println!("ordered PersonalSign 1: OrderID {order_id}");

    // Query it back with certificate details.
    let query = PcV2GetOrderByOrderIDRequest {
        order_id: order_id.clone(),
        order_query_option: Some(OrderQueryOption {
            return_order_option: Some("true".into()),
            return_certificate_info: Some("true".into()),
            return_fulfillment: Some("true".into()),
            ..Default::default()
        }),
        ..Default::default()
    };
    let found = client.get_order_by_order_id(query).await?.into_value();
    let detail = found.order_detail.unwrap_or_default();
    if let Some(info) = &detail.order_info {
        println!(
            "order {}: product {}, status {}",
            info.order_id,
            info.product_code.as_str(),
            info.order_status.as_ref().map_or("?", |s| s.as_str())
        );
    }
    if let Some(cert) = &detail.certificate_info {
        println!(
            "certificate: {} ({} .. {}), status {}",
            cert.common_name,
            cert.start_date,
            cert.end_date,
            cert.certificate_status.as_str()
        );
    }
    println!(
        "modification events: {}",
        detail
            .modification_events
            .iter()
            .map(|e| e.modification_event_name.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    );

    sandbox.shutdown().await;
    Ok(())
}
