//! The three queries: one order by its ID, orders modified in a period, orders by filter.
//! Runs against the in-process sandbox after placing a PersonalSign order to find.
//!
//! ```sh
//! cargo run -p gas-examples --example queries
//! ```

use gas_client::types::{
    OSSubscriber, OrderKind, OrderQueryOption, OrdersQueryOption, PS2DeptDnAttributes,
    PcV2GetModifiedOrdersRequest, PcV2GetOrderByOrderIDRequest, PcV2GetOrdersRequest,
    PcV2OrderPS2DeptRequest, ProductCode, Year,
};
use gas_client::{Credentials, Endpoint, GasClient};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let sandbox = gas_sandbox::Sandbox::builder()
        .account("PAR12345_api", "sandbox-password")
        .start()
        .await?;
    let client = GasClient::new(
        Endpoint::Url(sandbox.url().to_owned()),
        Credentials::new("PAR12345_api", "sandbox-password"),
    )?;

    // Something to find: a PersonalSign 2 Department order.
    let mut order = PcV2OrderPS2DeptRequest::new(
        Year::OneYear,
        OrderKind::New,
        "dept-pickup-2024",
        PS2DeptDnAttributes {
            common_name: "security@example.com".into(),
            country: "US".into(),
            organization: "Example Corp".into(),
            state_or_province: "New Hampshire".into(),
            locality: "Portsmouth".into(),
            email: "security@example.com".into(),
            organizational_identifier: "ntrus+nh-1234".into(),
        },
        OSSubscriber {
            organization_name: "Example Corp".into(),
            organization_unit_name: "Security".into(),
            postal_code: "03801".into(),
            address_line1: "100 Market Street".into(),
            address_line2: "Suite 200".into(),
            locality: "Portsmouth".into(),
            state_or_province: "New Hampshire".into(),
            country: "US".into(),
            first_name: "Sam".into(),
            last_name: "Secure".into(),
            phone: "+1 603 555 0102".into(),
            email: "security@example.com".into(),
            ..Default::default()
        },
    );
    order.sub_id = Some("queries-example-1".into());
    let order_id = client
        .order_ps2_dept(order)
        .await?
        .into_value()
        .order_id
        .unwrap_or_default();

    // 1. One order, with its certificate details.
    let mut by_id = PcV2GetOrderByOrderIDRequest::new(&order_id);
    by_id.order_query_option = Some(OrderQueryOption {
        return_certificate_info: Some(true),
        ..Default::default()
    });
    let one = client.get_order_by_order_id(by_id).await?;
    let events = one
        .order_detail
        .as_ref()
        .map(|d| d.modification_events.len())
        .unwrap_or(0);
    println!("{order_id}: {events} modification event(s)");

    // 2. Orders modified in the last hour (typed date-times, written as GlobalSign takes
    //    them: UTC with milliseconds). `between(from, to)` takes any two `SystemTime`s.
    let modified = client
        .get_modified_orders(PcV2GetModifiedOrdersRequest::since(
            std::time::Duration::from_secs(3600),
        ))
        .await?;
    println!("modified orders: {}", modified.order_detail.len());

    // 3. Orders by filter.
    let filtered = client
        .get_orders(PcV2GetOrdersRequest::new(OrdersQueryOption {
            product_code: Some(ProductCode::Ps2Dept),
            ..Default::default()
        }))
        .await?;
    for detail in &filtered.order_detail {
        if let Some(info) = &detail.order_info {
            println!(
                "PS2Dept order {} ordered {}",
                info.order_id,
                info.order_date.as_deref().unwrap_or("?")
            );
        }
    }

    sandbox.shutdown().await;
    Ok(())
}
