//! What can go wrong and how to tell: client-side validation, GlobalSign's own errors,
//! transport failures, and an order whose outcome is unknown.
//!
//! ```sh
//! cargo run -p gas-examples --example error_handling
//! ```

use gas_client::types::PcV2GetOrderByOrderIDRequest;
use gas_client::{ApiErrorCode, Credentials, Endpoint, Error, GasClient, Reconciliation};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let sandbox = gas_sandbox::Sandbox::builder()
        .account("PAR12345_api", "sandbox-password")
        .start()
        .await?;
    let url = sandbox.url().to_owned();

    // A wrong password: GlobalSign answers SuccessCode -1 with ErrorCode -4001.
    let wrong = GasClient::new(
        Endpoint::Url(url.clone()),
        Credentials::new("PAR12345_api", "not-the-password"),
    )?;
    report(
        wrong
            .get_order_by_order_id(PcV2GetOrderByOrderIDRequest::new("CE0000000001"))
            .await,
    );

    let client = GasClient::new(
        Endpoint::Url(url),
        Credentials::new("PAR12345_api", "sandbox-password"),
    )?;
    // An order ID longer than the spec allows: refused before anything is sent.
    report(
        client
            .get_order_by_order_id(PcV2GetOrderByOrderIDRequest::new("X".repeat(60)))
            .await,
    );
    // An order that does not exist: -9916.
    report(
        client
            .get_order_by_order_id(PcV2GetOrderByOrderIDRequest::new("CE9999999999"))
            .await,
    );

    // Nobody listening: a transport error that never reached the server.
    sandbox.shutdown().await;
    report(
        client
            .get_order_by_order_id(PcV2GetOrderByOrderIDRequest::new("CE0000000001"))
            .await,
    );
    Ok(())
}

fn report<T>(result: Result<gas_client::Response<T>, Error>) {
    match result {
        Ok(_) => println!("ok"),
        Err(Error::InvalidRequest(violations)) => {
            println!("fix the request (nothing was sent):");
            for v in &violations {
                println!("  {} {}: {}", v.code, v.path, v.message);
            }
        }
        Err(Error::Api(errors)) => {
            if errors.contains(&ApiErrorCode::LoginFailure) {
                println!("check the API credentials");
            }
            for e in &errors {
                println!("  GlobalSign {e}");
                if let Some(advice) = e.advice() {
                    println!("    advice: {advice}");
                }
            }
        }
        Err(Error::OutcomeUnknown {
            operation,
            sub_id,
            reconciliation,
            ..
        }) => {
            // Look the order up before trying again, e.g. get_orders by SubID.
            println!("{operation} may or may not have happened (SubID {sub_id:?})");
            if let Reconciliation::Several(ids) = reconciliation {
                println!("  candidates: {ids:?}");
            }
        }
        Err(e) if e.is_transient() => {
            println!(
                "try again later: {e} (reached the server: {})",
                e.may_have_reached_server()
            );
        }
        Err(e) => println!("failed: {e}"),
    }
}
