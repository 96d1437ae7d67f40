//! Peak resident memory while decoding a large GetOrders answer, relative to its size.
//!
//! ```text
//! peak_memory [--path generated|serde|scan] [--bytes N] [--json]
//! ```
//!
//! Makes a GetOrders response of about `N` bytes (default 100 MiB; 8 MiB with
//! `GAS_BENCH_QUICK=1`) in memory, then decodes it with the chosen path and reports:
//! the process's resident set before the response existed (`baseline`), the peak during
//! the decode, and `(peak - baseline) / size`: the memory the decode needs, the input
//! included, per byte of input. Run one path per process: the peak of a process cannot
//! go down.

use std::process::ExitCode;

use gas_benches::memory::{current_rss, peak_rss, reset_peak};
use gas_benches::settings::Settings;
use gas_benches::{fixtures, generated, hand, raw};
use soap_runtime::Limits;

struct Args {
    path: String,
    bytes: usize,
    json: bool,
}

fn parse_args() -> Result<Args, String> {
    let mut args = Args {
        path: "generated".to_owned(),
        bytes: Settings::from_env().memory_bytes,
        json: false,
    };
    let mut it = std::env::args().skip(1);
    while let Some(a) = it.next() {
        match a.as_str() {
            "--path" => args.path = it.next().ok_or("--path needs a value")?,
            "--bytes" => {
                let v = it.next().ok_or("--bytes needs a value")?;
                args.bytes = v.parse().map_err(|e| format!("--bytes {v}: {e}"))?;
            }
            "--json" => args.json = true,
            // `cargo bench` passes `--bench` to every target; ignore it and other flags.
            other if other.starts_with("--") => {}
            other => return Err(format!("unexpected argument `{other}`")),
        }
    }
    if !matches!(args.path.as_str(), "generated" | "serde" | "scan") {
        return Err(format!(
            "--path {}: expected generated, serde or scan",
            args.path
        ));
    }
    Ok(args)
}

fn decode(path: &str, bytes: &[u8]) -> Result<usize, String> {
    match path {
        "generated" => {
            let limits = Limits {
                max_size: bytes.len(),
                ..Limits::default()
            };
            let response =
                generated::decode_get_orders_with(bytes, &limits).map_err(|e| e.to_string())?;
            let n = generated::order_count(&response);
            // Measure while the decoded value is alive.
            std::hint::black_box(&response);
            Ok(n)
        }
        "serde" => {
            let response = hand::decode_get_orders(bytes).map_err(|e| e.to_string())?;
            let n = response.response.as_ref().map_or(0, |r| r.orders.len());
            std::hint::black_box(&response);
            Ok(n)
        }
        _ => raw::scan(bytes)
            .map(|s| s.elements)
            .map_err(|e| e.to_string()),
    }
}

fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("peak_memory: {e}");
            return ExitCode::from(2);
        }
    };
    let (Some(baseline), Some(_)) = (current_rss(), peak_rss()) else {
        eprintln!("peak_memory: cannot read this process's resident memory (/proc/self/status)");
        return ExitCode::FAILURE;
    };
    let orders = args.bytes.div_ceil(fixtures::bytes_per_order()).max(1);
    let bytes = fixtures::get_orders_response(orders);
    let size = bytes.len();
    let with_input = current_rss().unwrap_or(0);
    // Making the input may have peaked above what it holds now; forget that peak.
    let peak_reset = reset_peak();
    let count = match decode(&args.path, &bytes) {
        Ok(n) => n,
        Err(e) => {
            eprintln!("peak_memory: decoding with {} failed: {e}", args.path);
            return ExitCode::FAILURE;
        }
    };
    let peak = peak_rss().unwrap_or(0);
    drop(bytes);
    let ratio = peak.saturating_sub(baseline) as f64 / size as f64;
    if args.json {
        println!(
            "{{\"path\":\"{}\",\"size\":{size},\"orders\":{orders},\"count\":{count},\"baseline_rss\":{baseline},\"rss_with_input\":{with_input},\"peak_rss\":{peak},\"peak_reset\":{peak_reset},\"ratio\":{ratio:.3}}}",
            args.path
        );
    } else {
        let mib = |b: u64| b as f64 / (1024.0 * 1024.0);
        println!(
            "peak_memory {}: response {:.1} MiB ({orders} orders, {count} read); RSS baseline {:.1} MiB, with input {:.1} MiB, peak {:.1} MiB{}; (peak - baseline) / size = {ratio:.2}",
            args.path,
            mib(size as u64),
            mib(baseline),
            mib(with_input),
            mib(peak),
            if peak_reset {
                ""
            } else {
                " (peak not resettable: includes making the input)"
            },
        );
    }
    ExitCode::SUCCESS
}
