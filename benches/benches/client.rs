//! Client overhead: one GetOrderByOrderID round trip through gas-client against the
//! in-process sandbox against a raw reqwest POST of the same bytes to the same sandbox;
//! and 32 concurrent calls of each (throughput).

use criterion::{Criterion, Throughput};
use gas_benches::client::ClientBench;
use gas_benches::settings::Settings;

fn client(c: &mut Criterion, settings: &Settings, bench: &ClientBench) {
    let mut group = c.benchmark_group("get_order_by_order_id_round_trip");
    group.throughput(Throughput::Elements(1));
    group.bench_function("raw_reqwest", |b| b.iter(|| bench.one_raw_call()));
    group.bench_function("gas_client", |b| b.iter(|| bench.one_client_call()));
    group.finish();

    let n = settings.concurrency;
    let mut group = c.benchmark_group(format!("get_order_by_order_id_{n}_concurrent"));
    group.throughput(Throughput::Elements(n as u64));
    group.bench_function("raw_reqwest", |b| b.iter(|| bench.concurrent_raw_calls(n)));
    group.bench_function("gas_client", |b| {
        b.iter(|| bench.concurrent_client_calls(n))
    });
    group.finish();
}

fn main() {
    let settings = Settings::for_bench_target();
    let bench = match ClientBench::start() {
        Ok(b) => b,
        Err(e) => panic!("client benchmark setup: {e}"),
    };
    eprintln!("GetOrderByOrderID answer: {} bytes", bench.response_bytes);
    let mut c = settings.criterion();
    client(&mut c, &settings, &bench);
    c.final_summary();
    bench.shutdown();
}
