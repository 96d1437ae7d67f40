//! The table of `BENCHMARKS.md`, measured in one run: every comparison of issue 8 as a
//! ratio of ours to its baseline on the same input, interleaved round by round (see
//! `gas_benches::paired`), plus generation time and peak memory, each with its target.
//! Prints markdown; `cargo bench -p gas-benches --bench ratios`.

use std::hint::black_box;
use std::process::Command;
use std::time::Instant;

use gas_benches::corpus::{self, Entry, Outcome};
use gas_benches::fixtures::{get_orders_response, order_osev_request};
use gas_benches::paired::compare;
use gas_benches::report::{Row, Target, markdown, paired_row, show_ns, show_rate};
use gas_benches::settings::{QUICK_ENV, Settings};
use gas_benches::{client, generated, hand, raw};

fn decode_rows(s: &Settings, rows: &mut Vec<Row>) {
    let n = s.decode_orders;
    let bytes = get_orders_response(n);
    let size = bytes.len();
    let ours = || {
        black_box(generated::decode_get_orders(black_box(&bytes)).is_ok());
    };
    let p = compare(s.rounds, s.round, ours, || {
        black_box(raw::scan(black_box(&bytes)).is_ok());
    });
    let mut row = paired_row(
        &format!("decode GetOrders, {n} orders ({:.1} MB)", size as f64 / 1e6),
        "quick-xml raw scan",
        &p,
        Target::RatioAtMost(1.5),
    );
    row.ours = format!("{} ({})", show_ns(p.ours_ns), show_rate(size, p.ours_ns));
    row.baseline = format!(
        "quick-xml raw scan: {} ({})",
        show_ns(p.base_ns),
        show_rate(size, p.base_ns)
    );
    rows.push(row);
    // The floor of soap-runtime's own tokenizer: every token of the same bytes, no value
    // built. Tells how much of the decode is tokenizing and how much is building values.
    let p = compare(s.rounds, s.round, ours, || {
        black_box(generated::walk(black_box(&bytes)).is_ok());
    });
    let mut row = paired_row(
        &format!("decode GetOrders, {n} orders"),
        "soap-runtime's reader walking every token, building nothing",
        &p,
        Target::None,
    );
    row.baseline = format!(
        "soap-runtime's reader walking every token, building nothing: {} ({})",
        show_ns(p.base_ns),
        show_rate(size, p.base_ns)
    );
    rows.push(row);
    let p = compare(s.rounds, s.round, ours, || {
        black_box(hand::decode_get_orders(black_box(&bytes)).is_ok());
    });
    rows.push(paired_row(
        &format!("decode GetOrders, {n} orders"),
        "quick-xml serde into hand-written structs",
        &p,
        Target::RatioAtMost(1.0),
    ));
}

fn encode_rows(s: &Settings, rows: &mut Vec<Row>) {
    let fixture = order_osev_request();
    let order = match generated::order_osev(&fixture) {
        Ok(o) => o,
        Err(e) => panic!("OrderOSEV fixture: {e}"),
    };
    let Ok(hand_order) = hand::decode_order_osev(&fixture) else {
        panic!("OrderOSEV fixture does not decode with serde");
    };
    let p = compare(
        s.rounds,
        s.round,
        || {
            black_box(generated::encode_order_osev(black_box(&order)).is_ok());
        },
        || {
            black_box(raw::write_order_osev(black_box(&hand_order)).is_ok());
        },
    );
    rows.push(paired_row(
        &format!("encode OrderOSEV request ({} bytes)", fixture.len()),
        "quick-xml writer, same events",
        &p,
        Target::RatioAtMost(1.5),
    ));
}

/// Median seconds of `runs` generations of `entry`.
fn generation_seconds(entry: &Entry, runs: usize) -> (f64, Outcome) {
    let mut times = Vec::with_capacity(runs);
    let mut outcome = Outcome::Refused(String::new());
    for _ in 0..runs.max(1) {
        let start = Instant::now();
        outcome = corpus::generate(entry);
        times.push(start.elapsed().as_secs_f64());
    }
    times.sort_by(f64::total_cmp);
    (times[times.len() / 2], outcome)
}

fn generation_rows(s: &Settings, rows: &mut Vec<Row>) {
    let gas = corpus::gas_order_service();
    // One unmeasured run first: files in the page cache, code paged in.
    let runs = if s.test { 1 } else { s.generation_runs.max(3) };
    if !s.test {
        let _ = corpus::generate(&gas);
    }
    let (secs, outcome) = generation_seconds(&gas, runs);
    let files = match outcome {
        Outcome::Generated { files, bytes } => format!("{files} files, {bytes} bytes"),
        Outcome::Refused(e) => panic!("GasOrderService does not generate: {e}"),
    };
    rows.push(Row {
        what: format!("generate GasOrderService (load + overlay + generate; {files})"),
        ours: show_ns(secs * 1e9),
        baseline: "—".to_owned(),
        figure: secs,
        spread: format!("median of {runs}"),
        target: Target::SecondsAtMost(0.1),
    });
    for entry in corpus::corpus_entries()
        .into_iter()
        .filter(|e| corpus::folder_bytes(e) <= s.generation_max_input)
    {
        let (secs, outcome) = generation_seconds(&entry, s.generation_runs);
        let kb = corpus::folder_bytes(&entry) / 1024;
        let (what, ours) = match outcome {
            Outcome::Generated { files, bytes } => (
                format!(
                    "generate {} ({kb} KB in; {files} files, {bytes} bytes out)",
                    entry.name
                ),
                show_ns(secs * 1e9),
            ),
            Outcome::Refused(_) if entry.refused => (
                format!("generate {} ({kb} KB in; refused by design)", entry.name),
                format!("{} to refuse", show_ns(secs * 1e9)),
            ),
            Outcome::Refused(e) => panic!("{} does not generate: {e}", entry.name),
        };
        rows.push(Row {
            what,
            ours,
            baseline: "—".to_owned(),
            figure: secs,
            spread: format!("median of {}", s.generation_runs),
            target: Target::None,
        });
    }
}

fn client_rows(s: &Settings, rows: &mut Vec<Row>) {
    let bench = match client::ClientBench::start() {
        Ok(b) => b,
        Err(e) => panic!("client benchmark setup: {e}"),
    };
    let p = compare(
        s.rounds,
        s.round,
        || bench.one_client_call(),
        || bench.one_raw_call(),
    );
    rows.push(paired_row(
        "GetOrderByOrderID round trip via gas-client, in-process sandbox",
        "raw reqwest POST of the same bytes",
        &p,
        Target::RatioAtMost(1.1),
    ));
    let p = compare(
        s.rounds,
        s.round,
        || bench.one_client_call(),
        || bench.one_raw_call_decoded(),
    );
    rows.push(paired_row(
        "GetOrderByOrderID round trip via gas-client (its own layer: the baseline decodes too)",
        "raw reqwest POST + the same generated decode",
        &p,
        Target::None,
    ));
    let c = s.concurrency;
    let p = compare(
        s.rounds,
        s.round,
        || bench.concurrent_client_calls(c),
        || bench.concurrent_raw_calls(c),
    );
    rows.push(paired_row(
        &format!("{c} concurrent GetOrderByOrderID calls via gas-client"),
        &format!("{c} concurrent raw reqwest POSTs"),
        &p,
        Target::RatioAtMost(1.1),
    ));
    bench.shutdown();
}

fn memory_rows(s: &Settings, rows: &mut Vec<Row>) {
    let exe = env!("CARGO_BIN_EXE_peak_memory");
    let mut run = |path: &str, target: Target| {
        let out = match Command::new(exe)
            .args(["--path", path, "--json"])
            .env(QUICK_ENV, s.child_env())
            .output()
        {
            Ok(o) if o.status.success() => o,
            Ok(o) => panic!(
                "peak_memory --path {path}: {}",
                String::from_utf8_lossy(&o.stderr)
            ),
            Err(e) => panic!("cannot run {exe}: {e}"),
        };
        let text = String::from_utf8_lossy(&out.stdout);
        let v: serde_json::Value = match serde_json::from_str(text.trim()) {
            Ok(v) => v,
            Err(e) => panic!("peak_memory output {text:?}: {e}"),
        };
        let num = |k: &str| {
            v.get(k)
                .and_then(serde_json::Value::as_f64)
                .unwrap_or(f64::NAN)
        };
        let size = num("size");
        rows.push(Row {
            what: format!(
                "peak memory decoding {:.0} MiB GetOrders ({})",
                size / (1024.0 * 1024.0),
                path
            ),
            ours: format!(
                "{:.0} MiB peak",
                (num("peak_rss") - num("baseline_rss")) / (1024.0 * 1024.0)
            ),
            baseline: "response size".to_owned(),
            figure: num("ratio"),
            spread: "one run".to_owned(),
            target,
        });
    };
    let _ = s;
    run("generated", Target::RatioAtMost(2.5));
    run("serde", Target::None);
    run("scan", Target::None);
}

fn main() {
    let s = Settings::for_bench_target();
    let cores = std::thread::available_parallelism().map_or(0, usize::from);
    let mut rows = Vec::new();
    // `GAS_BENCH_ONLY=decode,client` runs only those groups (for iterating on one fix).
    let only = std::env::var("GAS_BENCH_ONLY").unwrap_or_default();
    let run = |group: &str| only.is_empty() || only.split(',').any(|g| g.trim() == group);
    if run("decode") {
        decode_rows(&s, &mut rows);
    }
    if run("encode") {
        encode_rows(&s, &mut rows);
    }
    if run("client") {
        client_rows(&s, &mut rows);
    }
    if run("generation") {
        generation_rows(&s, &mut rows);
    }
    if run("memory") {
        memory_rows(&s, &mut rows);
    }
    println!(
        "\n{} mode, {cores} cores, {}\n",
        if s.test {
            "test (cargo test --benches: one call a side, figures meaningless)"
        } else if s.quick {
            "quick"
        } else {
            "full"
        },
        cpu_model()
    );
    print!("{}", markdown(&rows));
    let missed: Vec<&str> = rows
        .iter()
        .filter(|r| r.met() == Some(false))
        .map(|r| r.what.as_str())
        .collect();
    if !missed.is_empty() {
        println!("\ntargets missed: {}", missed.join("; "));
    }
}

fn cpu_model() -> String {
    std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|c| {
            c.lines()
                .find(|l| l.starts_with("model name"))
                .and_then(|l| l.split(':').nth(1))
                .map(|m| m.trim().to_owned())
        })
        .unwrap_or_else(|| "unknown CPU".to_owned())
}
