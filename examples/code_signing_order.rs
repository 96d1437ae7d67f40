//! Order a code-signing certificate (`OrderOS`), against the in-process sandbox unless
//! `GAS_ENDPOINT`, `GAS_USER` and `GAS_PASSWORD` name a real account (e.g. GlobalSign's
//! test system, `https://test-gcc.globalsign.com/pc/ws/v2/GasOrderService`).
//!
//! ```sh
//! cargo run -p gas-examples --example code_signing_order
//! ```

use gas_client::types::{OSDnAttributes, OSSubscriber, OrderKind, PcV2OrderOSRequest, Year};
use gas_client::{Credentials, Endpoint, GasClient};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let (client, sandbox) = client().await?;

    let mut order = PcV2OrderOSRequest::new(
        Year::OneYear,
        OrderKind::New,
        "code-signing-pickup-1",
        OSDnAttributes {
            common_name: "Example Corp".into(),
            country: "US".into(),
            organization_unit: "Build Engineering".into(),
            state_or_province: "New Hampshire".into(),
            locality: "Portsmouth".into(),
            email: Some("build@example.com".into()),
        },
        OSSubscriber {
            organization_name: "Example Corp".into(),
            organization_unit_name: "Build Engineering".into(),
            postal_code: "03801".into(),
            address_line1: "100 Market Street".into(),
            address_line2: "Suite 200".into(),
            locality: "Portsmouth".into(),
            state_or_province: "New Hampshire".into(),
            country: "US".into(),
            first_name: "Bob".into(),
            last_name: "Builder".into(),
            phone: "+1 603 555 0101".into(),
            email: "build@example.com".into(),
            ..Default::default()
        },
    );
    order.sub_id = Some("codesign-2024-0001".into());

    let response = client.order_os(order).await?;
    println!(
        "OrderOS placed: {}",
        response.order_id.as_deref().unwrap_or("?")
    );
    if let Some(url) = &response.registration_url {
        println!("registration URL: {url}");
    }

    if let Some(sandbox) = sandbox {
        sandbox.shutdown().await;
    }
    Ok(())
}

/// A client for the account in the environment, or for a fresh in-process sandbox.
async fn client()
-> Result<(GasClient, Option<gas_sandbox::SandboxHandle>), Box<dyn std::error::Error>> {
    if let (Ok(url), Ok(user), Ok(password)) = (
        std::env::var("GAS_ENDPOINT"),
        std::env::var("GAS_USER"),
        std::env::var("GAS_PASSWORD"),
    ) {
        let client = GasClient::new(Endpoint::Url(url), Credentials::new(user, password))?;
        return Ok((client, None));
    }
    let sandbox = gas_sandbox::Sandbox::builder()
        .account("PAR12345_api", "sandbox-password")
        .start()
        .await?;
    let client = GasClient::new(
        Endpoint::Url(sandbox.url().to_owned()),
        Credentials::new("PAR12345_api", "sandbox-password"),
    )?;
    Ok((client, Some(sandbox)))
}
