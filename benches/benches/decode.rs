//! Decode a GetOrders response of 1,000 full orders (100 in quick mode):
//! the generated reader against the raw quick-xml scan (the floor), soap-runtime's own
//! reader walking every token without building anything (its floor), and quick-xml's
//! serde deserializer into hand-written structs (what a user would write).

use std::hint::black_box;

use criterion::{Criterion, Throughput};
use gas_benches::fixtures::get_orders_response;
use gas_benches::settings::Settings;
use gas_benches::{generated, hand, raw};

fn decode(c: &mut Criterion, settings: &Settings) {
    let n = settings.decode_orders;
    let bytes = get_orders_response(n);
    let mut group = c.benchmark_group(format!("decode_get_orders_{n}"));
    group.throughput(Throughput::Bytes(bytes.len() as u64));
    group.bench_function("raw_scan", |b| {
        b.iter(|| raw::scan(black_box(&bytes)).map(black_box).is_ok())
    });
    group.bench_function("reader_walk", |b| {
        b.iter(|| generated::walk(black_box(&bytes)).is_ok())
    });
    group.bench_function("serde", |b| {
        b.iter(|| {
            hand::decode_get_orders(black_box(&bytes))
                .map(black_box)
                .is_ok()
        })
    });
    group.bench_function("generated", |b| {
        b.iter(|| {
            generated::decode_get_orders(black_box(&bytes))
                .map(black_box)
                .is_ok()
        })
    });
    group.finish();
}

fn main() {
    let settings = Settings::for_bench_target();
    let mut c = settings.criterion();
    decode(&mut c, &settings);
    c.final_summary();
}
