//! What one stored order costs a long-running sandbox (issue 22): resident memory, and with
//! a state file the bytes written and the file's growth per order.
//!
//! ```text
//! sandbox_memory [--orders N] [--state]
//! ```
//!
//! Places N PersonalSign 1 orders (each issued at once, with its certificate) straight
//! through the emulator, after 200 to warm up, and divides the growth of the process's
//! resident set (`VmRSS`) and, with `--state`, of `/proc/self/io`'s `write_bytes` and of the
//! file, by N.

use std::process::ExitCode;
use std::sync::Arc;
use std::time::Instant;

use gas_benches::memory::current_rss;
use gas_sandbox::accounts::Accounts;
use gas_sandbox::clock::SystemClock;
use gas_sandbox::emulator::{Emulator, IssuePolicy};
use gas_sandbox::lifecycle::NewOrder;
use gas_sandbox::model::{Order, OrderOperation};
use gas_sandbox::store::Store;

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("sandbox_memory: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> Result<(), String> {
    let mut orders = 10_000usize;
    let mut state = false;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--orders" => {
                orders = args
                    .next()
                    .and_then(|n| n.parse().ok())
                    .ok_or("--orders needs a number")?;
            }
            "--state" => state = true,
            other => return Err(format!("unknown argument {other}")),
        }
    }
    let path = std::env::temp_dir().join(format!("gas-sandbox-memory-{}.redb", std::process::id()));
    let store = if state {
        Store::open(&path).map_err(|e| e.to_string())?.0
    } else {
        Store::in_memory()
    };
    let mut accounts = Accounts::new();
    accounts.insert("alice", "pw");
    let emulator = Emulator::new(
        accounts,
        store,
        None,
        Arc::new(SystemClock),
        IssuePolicy::OnOrder,
    )
    .map_err(|e| e.to_string())?;
    let caller = emulator
        .authenticate("alice", "pw")
        .map_err(|e| format!("{e:?}"))?;
    let place = |i: usize| {
        let mut request = NewOrder::minimal(OrderOperation::OrderPs1);
        request.subject.common_name = Some(format!("User {i}"));
        request.subject.email = Some(format!("user{i}@example.com"));
        request.subscriber.first_name = Some("User".into());
        request.subscriber.last_name = Some(format!("Number {i}"));
        request.subscriber.email = Some(format!("user{i}@example.com"));
        request.subscriber.phone = Some("+1 603 555 0100".into());
        emulator
            .place_order(&caller, request)
            .map_err(|e| format!("{e:?}"))
    };
    for i in 0..200 {
        place(i)?;
    }
    let rss_before = current_rss().ok_or("no /proc/self/status")?;
    let written_before = write_bytes();
    let file_before = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
    let started = Instant::now();
    let mut last = None;
    for i in 0..orders {
        last = Some(place(200 + i)?);
    }
    let elapsed = started.elapsed();
    let rss_after = current_rss().ok_or("no /proc/self/status")?;
    let n = orders.max(1) as f64;
    let sample: Option<Order> = last.and_then(|id| emulator.admin_order(id.as_str()));
    println!(
        "{orders} orders{}: {:.0} bytes resident per order ({:.1} MiB in all), {:.0} orders/s",
        if state { " with --state" } else { "" },
        rss_after.saturating_sub(rss_before) as f64 / n,
        rss_after.saturating_sub(rss_before) as f64 / (1024.0 * 1024.0),
        n / elapsed.as_secs_f64()
    );
    if let Some(order) = sample {
        let json = serde_json::to_string(&order).map_err(|e| e.to_string())?;
        let cert = order.certificate.as_ref();
        println!(
            "one order: size_of::<Order>() {} bytes, as JSON {} bytes; certificate PEM {} + PKCS#7 PEM {} bytes",
            std::mem::size_of::<Order>(),
            json.len(),
            cert.map_or(0, |c| c.x509_pem.len()),
            cert.map_or(0, |c| c.pkcs7_pem.len()),
        );
    }
    if state {
        let written = write_bytes()
            .zip(written_before)
            .map(|(a, b)| a.saturating_sub(b));
        let file_after = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
        println!(
            "state file: {:.0} bytes written per order, file grew {:.0} bytes per order ({:.1} MiB at the end)",
            written.map_or(f64::NAN, |w| w as f64 / n),
            file_after.saturating_sub(file_before) as f64 / n,
            file_after as f64 / (1024.0 * 1024.0)
        );
        drop(emulator);
        let _ = std::fs::remove_file(&path);
    }
    Ok(())
}

/// Bytes this process has caused to be written to storage (`/proc/self/io`).
fn write_bytes() -> Option<u64> {
    let io = std::fs::read_to_string("/proc/self/io").ok()?;
    io.lines()
        .find_map(|l| l.strip_prefix("write_bytes:"))?
        .trim()
        .parse()
        .ok()
}
