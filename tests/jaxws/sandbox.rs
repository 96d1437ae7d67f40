//! A JAX-WS RI client (interop/jaxws/src/gasinterop/SandboxCheck.java) against gas-sandbox:
//! all 14 operations and the main error paths, every answer validated against
//! wsdl/GasOrderService.wsdl by Java's schema validator, not ours.

use gas_sandbox::{Sandbox, SandboxHandle};

use super::java;
use super::{PASSWORD, USER, csr_file};

/// One line of SandboxCheck's report: label, operation, and what came back.
#[derive(Debug)]
struct Line {
    label: String,
    operation: String,
    outcome: String,
}

/// Runs SandboxCheck against `sandbox`; panics unless it ran to the end.
async fn check(sandbox: &SandboxHandle) -> Vec<Line> {
    let now = time::OffsetDateTime::now_utc();
    let from = gas_sandbox::soap::format_timestamp(now - time::Duration::hours(1));
    let to = gas_sandbox::soap::format_timestamp(now + time::Duration::hours(1));
    let mut command = java::java("gasinterop.SandboxCheck");
    command
        .arg(java::wsdl())
        .arg(java::repo().join("wsdl/samples"))
        .arg(csr_file())
        .args([sandbox.url(), USER, PASSWORD, &from, &to]);
    // The sandbox serves on this runtime: wait for Java on a blocking thread.
    let out = tokio::task::spawn_blocking(move || command.output())
        .await
        .expect("join")
        .expect("java runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success() && stdout.ends_with("done\n"),
        "SandboxCheck did not finish ({}):\n{stdout}\n{}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    stdout
        .lines()
        .filter(|l| *l != "done")
        .map(|l| {
            let mut parts = l.splitn(3, ' ');
            Line {
                label: parts.next().unwrap_or_default().to_owned(),
                operation: parts.next().unwrap_or_default().to_owned(),
                outcome: parts.next().unwrap_or_default().to_owned(),
            }
        })
        .collect()
}

async fn sandbox() -> SandboxHandle {
    Sandbox::builder()
        .account(USER, PASSWORD)
        .start()
        .await
        .expect("sandbox starts")
}

/// What SandboxCheck reports against a fresh sandbox in our WSDL's dialect: every
/// answer valid, each saying what the sandbox's rules say (its OrderIDs count from 1).
const EXPECTED: &str = "\
order-os OrderOS answer SuccessCode=0 OrderID=CESB0000000001
order-osev OrderOSEV answer SuccessCode=0 OrderID=CESB0000000002
order-ps1 OrderPS1 answer SuccessCode=0 OrderID=CESB0000000003
order-ps2 OrderPS2 answer SuccessCode=0 OrderID=CESB0000000004
order-ps2dept OrderPS2Dept answer SuccessCode=0 OrderID=CESB0000000005
order-ps2pro OrderPS2Pro answer SuccessCode=0 OrderID=CESB0000000006
order-aatl OrderAATL answer SuccessCode=0 OrderID=CESB0000000007
order-qc OrderQC answer SuccessCode=0 OrderID=CESB0000000008
reissue ReIssue answer SuccessCode=0 OrderID=CESB0000000009
cancel ModifyOrder answer SuccessCode=0 OrderID=CESB0000000001
resend-email ResendEmail answer SuccessCode=-1 errors=-9202@OrderID
get-order GetOrderByOrderID answer SuccessCode=0 OrderID=CESB0000000003 details=1
get-modified GetModifiedOrders answer SuccessCode=0 details=9
get-orders GetOrders answer SuccessCode=0 details=9
get-orders-by-subid GetOrders answer SuccessCode=0 OrderID=CESB0000000003 details=2
bad-password GetOrderByOrderID answer SuccessCode=-1 details=0 errors=-4001@
unknown-order GetOrderByOrderID answer SuccessCode=-1 details=0 errors=-9916@OrderID
bad-email OrderPS1 answer SuccessCode=-1 errors=-104@DnAttributes/Email
cancel-again ModifyOrder answer SuccessCode=-1 errors=-9915@OrderID
";

/// In our WSDL's dialect every answer is valid under Java's validator. (ResendEmail is
/// refused with −9202: the sandbox issues at once, and an issued order has no enrolment
/// e-mail to resend; the refusal is checked for validity like the rest. The reissue
/// keeps its order's SubID, so the SubID finds two orders.)
#[tokio::test(flavor = "multi_thread")]
async fn jaxws_client_validates_every_sandbox_answer() {
    let s = sandbox().await;
    let lines = check(&s).await;
    let report: String = lines
        .iter()
        .map(|l| format!("{} {} {}\n", l.label, l.operation, l.outcome))
        .collect();
    let operations: std::collections::BTreeSet<&str> =
        lines.iter().map(|l| l.operation.as_str()).collect();
    assert_eq!(operations.len(), 14, "{report}");
    assert_eq!(report, EXPECTED);
    s.shutdown().await;
}
