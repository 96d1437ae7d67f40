//! Order a PersonalSign 2 Pro certificate and query it, against the in-process sandbox
//! (`gas-sandbox`): no GlobalSign account needed.
//!
//! ```sh
//! cargo run -p gas-examples --example quickstart
//! ```

use gas_client::types::{
    OSSubscriber, OrderKind, PS2ProDnAttributes, PcV2GetOrderByOrderIDRequest,
    PcV2GetOrdersRequest, PcV2OrderPS2ProRequest, Year,
};
use gas_client::{Credentials, Endpoint, GasClient};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    // A local GasOrderService with one API account.
    let sandbox = gas_sandbox::Sandbox::builder()
        .account("PAR12345_api", "sandbox-password")
        .start()
        .await?;

    // The client: endpoint and credentials, once. Endpoint::Live / Endpoint::Test for GlobalSign.
    let client = GasClient::builder(
        Endpoint::Url(sandbox.url().to_owned()),
        Credentials::new("PAR12345_api", "sandbox-password"),
    )
    .build()?;

    // Every required field is a constructor argument; optional ones are public fields.
    let mut order = PcV2OrderPS2ProRequest::new(
        Year::OneYear,
        OrderKind::New,
        "pick-me-up-2024", // PickupPassword: never printed, never logged
        PS2ProDnAttributes {
            given_name: Some("Alice".into()),
            sur_name: Some("Example".into()),
            country: "US".into(),
            organization: "Example Corp".into(),
            state_or_province: "New Hampshire".into(),
            locality: "Portsmouth".into(),
            email: "alice@example.com".into(),
            organizational_identifier: "ntrus+nh-1234".into(),
            ..Default::default()
        },
        subscriber(),
    );
    // Your own reference: lets the client find the order if the answer is lost.
    order.sub_id = Some("quickstart-0001".into());

    let placed = client.order_ps2_pro(order).await?;
    let order_id = placed.order_id.clone().unwrap_or_default();
    println!("ordered: {order_id}");
    for warning in placed.warnings() {
        println!("  warning: {warning}");
    }

    let found = client
        .get_order_by_order_id(PcV2GetOrderByOrderIDRequest::new(&order_id))
        .await?;
    if let Some(info) = found
        .order_detail
        .as_ref()
        .and_then(|d| d.order_info.as_ref())
    {
        println!(
            "order {}: product {}, status {}",
            info.order_id,
            info.product_code,
            info.order_status
                .as_ref()
                .map(|s| s.as_str())
                .unwrap_or("?")
        );
    }

    let by_sub_id = client
        .get_orders(PcV2GetOrdersRequest::by_sub_id("quickstart-0001"))
        .await?;
    println!(
        "orders with SubID quickstart-0001: {}",
        by_sub_id.order_detail.len()
    );

    sandbox.shutdown().await;
    Ok(())
}

fn subscriber() -> OSSubscriber {
    OSSubscriber {
        organization_name: "Example Corp".into(),
        organization_unit_name: "Engineering".into(),
        postal_code: "03801".into(),
        address_line1: "100 Market Street".into(),
        address_line2: "Suite 200".into(),
        locality: "Portsmouth".into(),
        state_or_province: "New Hampshire".into(),
        country: "US".into(),
        first_name: "Alice".into(),
        last_name: "Example".into(),
        phone: "+1 603 555 0100".into(),
        email: "alice@example.com".into(),
        ..Default::default()
    }
}
