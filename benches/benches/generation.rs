//! Code generation time: load + overlay + generate, in memory, for GasOrderService and
//! every corpus WSDL (largest included). In quick mode GasOrderService is measured with
//! criterion and each corpus WSDL of at most 128 KB runs once (timed, not sampled) so the
//! path cannot rot; the large ones take seconds each and are left to full runs.

use std::hint::black_box;
use std::time::Instant;

use criterion::BenchmarkGroup;
use criterion::measurement::WallTime;
use gas_benches::corpus::{self, Entry, Outcome};
use gas_benches::settings::Settings;

fn bench_entry(group: &mut BenchmarkGroup<'_, WallTime>, entry: &Entry) {
    // Fail loudly (not with a timing of an error path) when something that should
    // generate does not.
    match corpus::generate(entry) {
        Outcome::Generated { .. } => {}
        Outcome::Refused(msg) if entry.refused => {
            eprintln!("{}: refused as designed: {msg}", entry.name);
        }
        Outcome::Refused(msg) => panic!("{} does not generate: {msg}", entry.name),
    }
    group.bench_function(&entry.name, |b| {
        b.iter(|| black_box(corpus::generate(black_box(entry))))
    });
}

fn main() {
    let settings = Settings::for_bench_target();
    let mut c = settings.criterion();
    let mut group = c.benchmark_group("generate");
    // A large WSDL takes a good part of a second per run: ten samples are enough.
    group.sample_size(10);
    bench_entry(&mut group, &corpus::gas_order_service());
    let entries: Vec<Entry> = corpus::corpus_entries()
        .into_iter()
        .filter(|e| corpus::folder_bytes(e) <= settings.generation_max_input)
        .collect();
    if entries.is_empty() {
        eprintln!(
            "corpus not found at {}: only GasOrderService measured",
            corpus::corpus_dir().display()
        );
    }
    for entry in &entries {
        if settings.quick {
            let start = Instant::now();
            let outcome = corpus::generate(entry);
            let elapsed = start.elapsed();
            match outcome {
                Outcome::Generated { files, bytes } => eprintln!(
                    "generate/{}: {files} files, {bytes} bytes, {:.1} ms (one run)",
                    entry.name,
                    elapsed.as_secs_f64() * 1e3
                ),
                Outcome::Refused(msg) if entry.refused => {
                    eprintln!("generate/{}: refused as designed: {msg}", entry.name)
                }
                Outcome::Refused(msg) => panic!("{} does not generate: {msg}", entry.name),
            }
        } else {
            bench_entry(&mut group, entry);
        }
    }
    group.finish();
    c.final_summary();
}
