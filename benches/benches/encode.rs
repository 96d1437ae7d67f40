//! Encode a full OrderOSEV request: the generated writer against quick-xml's writer
//! emitting the same events from the hand-written model.

use std::hint::black_box;

use criterion::{Criterion, Throughput};
use gas_benches::fixtures::order_osev_request;
use gas_benches::settings::Settings;
use gas_benches::{generated, hand, raw};

fn encode(c: &mut Criterion) {
    let fixture = order_osev_request();
    let Ok(hand_order) = hand::decode_order_osev(&fixture) else {
        panic!("the OrderOSEV fixture does not decode with the serde model");
    };
    let ours = match generated::order_osev(&fixture) {
        Ok(order) => order,
        Err(e) => panic!("the OrderOSEV fixture does not decode with the generated reader: {e}"),
    };
    let mut group = c.benchmark_group("encode_order_osev");
    group.throughput(Throughput::Bytes(fixture.len() as u64));
    group.bench_function("raw_writer", |b| {
        b.iter(|| {
            raw::write_order_osev(black_box(&hand_order))
                .map(black_box)
                .is_ok()
        })
    });
    group.bench_function("generated", |b| {
        b.iter(|| {
            generated::encode_order_osev(black_box(&ours))
                .map(black_box)
                .is_ok()
        })
    });
    group.finish();
}

fn main() {
    let settings = Settings::for_bench_target();
    let mut c = settings.criterion();
    encode(&mut c);
    c.final_summary();
}
