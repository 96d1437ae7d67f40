//! Runs one benchmarked operation once, for instruction counting under callgrind
//! (`benches/callgrind.sh`): instruction counts do not depend on what else the machine
//! is doing, so their ratios are the stable companion of the timed ones.
//!
//! ```text
//! one_op decode-generated|decode-unlisted|decode-serde|decode-scan|decode-walk|encode-generated|validate-generated|encode-raw|generate [orders [repeat]]
//! one_op client-calls|raw-calls [calls]
//! ```
//!
//! `repeat` (default 1) runs the operation that many times, for `perf stat` (page faults,
//! task clock) over a steady state rather than one cold run.
//!
//! Everything but [`measured`] (input generation, setup) is excluded with
//! `--toggle-collect='*one_op::measured*'`.

use std::hint::black_box;
use std::process::ExitCode;

use gas_benches::client::ClientBench;
use gas_benches::fixtures::{get_orders_response, order_osev_request};
use gas_benches::{corpus, generated, hand, raw};

enum Input {
    Bytes(Vec<u8>),
    Generated(gas_client::types::OrderOSEV),
    Hand(hand::OrderOsev),
    Entry(corpus::Entry),
    Client(Box<ClientBench>, usize),
}

/// The operation under measurement; never inlined, so callgrind can switch on it.
#[inline(never)]
fn measured(op: &str, input: &Input) -> bool {
    match (op, input) {
        ("decode-generated", Input::Bytes(b)) => {
            generated::decode_get_orders(b).map(black_box).is_ok()
        }
        // The same decode where a quarter of the orders carry a product code our value
        // set does not list: what recording deviations (and resolving their paths) costs.
        ("decode-unlisted", Input::Bytes(b)) => {
            generated::decode_get_orders(b).map(black_box).is_ok()
        }
        ("decode-serde", Input::Bytes(b)) => hand::decode_get_orders(b).map(black_box).is_ok(),
        ("decode-scan", Input::Bytes(b)) => raw::scan(b).map(black_box).is_ok(),
        ("decode-walk", Input::Bytes(b)) => generated::walk(b).is_ok(),
        ("encode-generated", Input::Generated(o)) => {
            generated::encode_order_osev(o).map(black_box).is_ok()
        }
        ("validate-generated", Input::Generated(o)) => {
            black_box(soap_runtime::validate::Validate::validate(o));
            true
        }
        ("encode-raw", Input::Hand(o)) => raw::write_order_osev(o).map(black_box).is_ok(),
        ("generate", Input::Entry(e)) => {
            matches!(
                black_box(corpus::generate(e)),
                corpus::Outcome::Generated { .. }
            )
        }
        ("client-calls", Input::Client(bench, n)) => {
            for _ in 0..*n {
                bench.one_client_call();
            }
            true
        }
        ("raw-calls", Input::Client(bench, n)) => {
            for _ in 0..*n {
                bench.one_raw_call();
            }
            true
        }
        _ => false,
    }
}

/// `bytes` with every `OSMulti` product code (a quarter of the fixture's orders) as
/// `CS`, which no value set lists: each becomes an `unlisted_value` deviation.
fn with_unlisted_product_code(bytes: Vec<u8>) -> Vec<u8> {
    String::from_utf8_lossy(&bytes)
        .replace(">OSMulti<", ">CS<")
        .into_bytes()
}

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1).filter(|a| !a.starts_with("--"));
    let op = args.next().unwrap_or_default();
    let orders: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(100);
    let repeat: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(1);
    let input = match op.as_str() {
        "decode-generated" | "decode-serde" | "decode-scan" | "decode-walk" => {
            Input::Bytes(get_orders_response(orders))
        }
        "decode-unlisted" => Input::Bytes(with_unlisted_product_code(get_orders_response(orders))),
        "encode-generated" | "validate-generated" => {
            match generated::order_osev(&order_osev_request()) {
                Ok(o) => Input::Generated(o),
                Err(e) => {
                    eprintln!("one_op: OrderOSEV fixture: {e}");
                    return ExitCode::FAILURE;
                }
            }
        }
        "encode-raw" => match hand::decode_order_osev(&order_osev_request()) {
            Ok(o) => Input::Hand(o),
            Err(e) => {
                eprintln!("one_op: OrderOSEV fixture: {e}");
                return ExitCode::FAILURE;
            }
        },
        "generate" => Input::Entry(corpus::gas_order_service()),
        "client-calls" | "raw-calls" => match ClientBench::start() {
            // `orders` is the number of calls here.
            Ok(bench) => Input::Client(Box::new(bench), orders),
            Err(e) => {
                eprintln!("one_op: client setup: {e}");
                return ExitCode::FAILURE;
            }
        },
        other => {
            eprintln!(
                "one_op: unknown operation `{other}` (decode-generated, decode-unlisted, decode-serde, decode-scan, decode-walk, encode-generated, validate-generated, encode-raw, generate, client-calls, raw-calls)"
            );
            return ExitCode::from(2);
        }
    };
    for _ in 0..repeat.max(1) {
        if !measured(&op, &input) {
            eprintln!("one_op: {op} failed");
            return ExitCode::FAILURE;
        }
    }
    ExitCode::SUCCESS
}
