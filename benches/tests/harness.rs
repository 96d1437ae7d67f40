//! The benchmark harness itself works: the client benchmark's setup reaches the sandbox
//! and both sides get the same full answer, the memory and instruction-count binaries
//! run and report. (No timings are checked.)

use std::process::Command;

use gas_benches::client::ClientBench;

#[test]
fn client_bench_sets_up_and_both_sides_call() {
    let bench = ClientBench::start().expect("sandbox, order and query set up");
    // `start` already checked that both sides see the same order with its certificate.
    assert!(bench.response_bytes > 2_000, "{}", bench.response_bytes);
    bench.one_client_call();
    bench.one_raw_call();
    bench.one_raw_call_decoded();
    bench.concurrent_client_calls(4);
    bench.concurrent_raw_calls(4);
    bench.shutdown();
}

#[test]
fn peak_memory_reports_json() {
    for path in ["generated", "serde", "scan"] {
        let out = Command::new(env!("CARGO_BIN_EXE_peak_memory"))
            .args(["--path", path, "--bytes", "300000", "--json"])
            .output()
            .expect("peak_memory runs");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let v: serde_json::Value =
            serde_json::from_slice(&out.stdout).expect("one JSON object on stdout");
        assert_eq!(v["path"], path);
        assert!(v["size"].as_u64().is_some_and(|s| s >= 300_000), "{v}");
        assert!(v["peak_rss"].as_u64().is_some_and(|p| p > 0), "{v}");
        if path != "scan" {
            assert_eq!(v["count"], v["orders"], "every order read: {v}");
        }
    }
}

#[test]
fn peak_memory_refuses_unknown_paths() {
    let out = Command::new(env!("CARGO_BIN_EXE_peak_memory"))
        .args(["--path", "dom"])
        .output()
        .expect("peak_memory runs");
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn one_op_runs_every_operation() {
    for op in [
        "decode-generated",
        "decode-serde",
        "decode-scan",
        "decode-walk",
        "encode-generated",
        "encode-raw",
    ] {
        let out = Command::new(env!("CARGO_BIN_EXE_one_op"))
            .args([op, "3"])
            .output()
            .expect("one_op runs");
        assert!(
            out.status.success(),
            "{op}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let out = Command::new(env!("CARGO_BIN_EXE_one_op"))
        .arg("nothing")
        .output()
        .expect("one_op runs");
    assert_eq!(out.status.code(), Some(2));
}
