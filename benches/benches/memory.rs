//! Peak memory decoding a 100 MiB GetOrders answer (8 MiB in quick mode): runs the
//! `peak_memory` binary once per path, each in a fresh process (a process's peak cannot
//! go down), and prints what each reports. The raw scan shows the floor (the input
//! alone, 1.0); serde shows what hand-written structs cost.

use std::process::Command;

use gas_benches::settings::{QUICK_ENV, Settings};

fn main() {
    let settings = Settings::for_bench_target();
    let exe = env!("CARGO_BIN_EXE_peak_memory");
    let mut failed = false;
    for path in ["scan", "serde", "generated"] {
        match Command::new(exe)
            .args(["--path", path])
            .env(QUICK_ENV, settings.child_env())
            .output()
        {
            Ok(out) if out.status.success() => {
                print!("{}", String::from_utf8_lossy(&out.stdout));
            }
            Ok(out) => {
                failed = true;
                eprintln!(
                    "peak_memory --path {path} failed ({}): {}",
                    out.status,
                    String::from_utf8_lossy(&out.stderr)
                );
            }
            Err(e) => {
                failed = true;
                eprintln!("cannot run {exe}: {e}");
            }
        }
    }
    if failed {
        std::process::exit(1);
    }
}
