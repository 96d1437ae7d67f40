//! Full or quick mode, read from the environment once per benchmark binary.
//!
//! Quick mode (`GAS_BENCH_QUICK=1`) exists so CI can run every benchmark on every change
//! and they cannot rot: few samples, short measurement, smaller inputs. Its numbers are
//! not the ones `BENCHMARKS.md` reports.

use std::time::Duration;

/// The environment variable that selects quick mode.
pub const QUICK_ENV: &str = "GAS_BENCH_QUICK";

/// How big and how long.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Settings {
    pub quick: bool,
    /// Run by `cargo test --benches` (CI's smoke run): quick inputs, every measurement
    /// once, criterion in its test mode.
    pub test: bool,
    /// Orders in the decode benchmark's GetOrders response.
    pub decode_orders: usize,
    /// Size of the response the memory benchmark decodes.
    pub memory_bytes: usize,
    /// Concurrent calls in the client throughput benchmark.
    pub concurrency: usize,
    /// Criterion samples per benchmark.
    pub sample_size: usize,
    pub warm_up: Duration,
    pub measurement: Duration,
    /// Rounds of the paired (interleaved) ratio measurements, and the least time each
    /// side runs per round (see [`crate::paired`]).
    pub rounds: usize,
    pub round: Duration,
    /// Runs per WSDL in the generation timings of the ratio table (median reported).
    pub generation_runs: usize,
    /// Corpus WSDLs whose folder holds more than this many bytes are left out (quick
    /// mode: the large ones take seconds each; codegen's own tests cover them).
    pub generation_max_input: u64,
}

impl Settings {
    /// The settings for this process: quick when `GAS_BENCH_QUICK` is set to anything
    /// but `0` or empty.
    pub fn from_env() -> Self {
        let quick = std::env::var(QUICK_ENV).is_ok_and(|v| !v.is_empty() && v != "0");
        Self::new(quick)
    }

    /// The settings for a bench target's `main`: as [`from_env`](Self::from_env), and
    /// the test mode when cargo did not pass `--bench` (that is `cargo test --benches`,
    /// where criterion runs each benchmark once). Not for the `peak_memory` binary, which
    /// its parent starts without arguments of cargo's; the parent passes
    /// [`QUICK_ENV`] on instead (see [`child_env`](Self::child_env)).
    pub fn for_bench_target() -> Self {
        let by_cargo_bench = std::env::args().any(|a| a == "--bench");
        if by_cargo_bench {
            return Self::from_env();
        }
        Self::test_mode()
    }

    /// `cargo test --benches`: the quick inputs, one round of each ratio with one call a
    /// side, one generation run of the small corpus WSDLs, the quick memory input.
    pub fn test_mode() -> Self {
        Settings {
            test: true,
            sample_size: 10,
            rounds: 1,
            round: Duration::ZERO,
            generation_runs: 1,
            generation_max_input: 16 * 1024,
            ..Self::new(true)
        }
    }

    /// The value of [`QUICK_ENV`] for a child benchmark process (`peak_memory`).
    pub fn child_env(&self) -> &'static str {
        if self.quick { "1" } else { "0" }
    }

    pub fn new(quick: bool) -> Self {
        if quick {
            Settings {
                quick,
                test: false,
                decode_orders: 100,
                memory_bytes: 8 * 1024 * 1024,
                concurrency: 32,
                sample_size: 10,
                warm_up: Duration::from_millis(100),
                measurement: Duration::from_millis(300),
                rounds: 5,
                round: Duration::from_millis(30),
                generation_runs: 1,
                generation_max_input: 128 * 1024,
            }
        } else {
            Settings {
                quick,
                test: false,
                decode_orders: 1_000,
                memory_bytes: 100 * 1024 * 1024,
                concurrency: 32,
                sample_size: 30,
                warm_up: Duration::from_secs(2),
                measurement: Duration::from_secs(8),
                rounds: 15,
                round: Duration::from_millis(300),
                generation_runs: 5,
                generation_max_input: u64::MAX,
            }
        }
    }
}

impl Settings {
    /// A criterion configured for this mode (command-line arguments still apply).
    pub fn criterion(&self) -> criterion::Criterion {
        criterion::Criterion::default()
            .sample_size(self.sample_size)
            .warm_up_time(self.warm_up)
            .measurement_time(self.measurement)
            .without_plots()
            .configure_from_args()
    }
}
