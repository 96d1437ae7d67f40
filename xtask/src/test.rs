//! `cargo xtask test`: the README's test command and what `.ci/run` runs.

use clap::Args;

use crate::run_step;

#[derive(Args)]
pub struct TestArgs {
    /// Skip `cargo fmt --check` and clippy (for a quick local loop).
    #[arg(long)]
    pub no_lint: bool,
    /// Skip the fuzz smoke run (building the fuzz targets takes a few minutes).
    #[arg(long)]
    pub no_fuzz: bool,
}

pub fn run(args: &TestArgs) -> Result<(), String> {
    check_tools()?;
    let mut clock = StepClock::default();
    if !args.no_lint {
        clock.time("format", || {
            run_step("format", "cargo", &["fmt", "--all", "--", "--check"])
        })?;
        clock.time("lint", || {
            run_step(
                "lint",
                "cargo",
                &[
                    "clippy",
                    "--workspace",
                    "--all-targets",
                    "--",
                    "-D",
                    "warnings",
                ],
            )
        })?;
    }
    clock.time("generated code", regen_check)?;
    clock.time("tests", || {
        run_step("tests", "cargo", &["test", "--workspace"])
    })?;
    // Every publishable crate packages and builds from its own `.crate` file (after the
    // tests, so that verification reuses their build).
    clock.time("package", crate::package_command)?;
    // Against JAX-WS RI, a stack we did not write (tests/jaxws, interop/jaxws/README.md):
    // gas-client → a wsimport-generated server, and a wsimport-generated client → the
    // sandbox, schema validation on both. Its own step: it needs Java, which
    // `cargo test --workspace` does not. `--workspace` keeps the features of the test
    // build above (`-p gas` alone would rebuild reqwest, rustls and more).
    clock.time("jaxws", || {
        run_step(
            "jaxws",
            "cargo",
            &["test", "--workspace", "--test", "jaxws"],
        )
    })?;
    // Against Python SOAP stacks we did not write, from the virtualenv `.ci/run` makes:
    // clients generated from the WSDLs spyne publishes call every operation, SOAP 1.1
    // and 1.2 (soapgen/tests/spyne.rs); soap-client's WS-Security header is byte for
    // byte zeep's (soap-client/tests/wsse_zeep.rs). Their own step: `cargo test
    // --workspace` does not need Python.
    clock.time("interop (spyne, zeep)", || {
        run_step(
            "interop (spyne, zeep)",
            "cargo",
            &[
                "test",
                "--workspace",
                "--test",
                "spyne",
                "--test",
                "wsse_zeep",
            ],
        )
    })?;
    // The generated code of real services compiles: the corpus subset in the
    // repository (codegen/tests/corpus/), one crate, one `cargo check`.
    clock.time("corpus check", || {
        crate::corpus_check_command(&crate::CorpusCheckArgs::default())
    })?;
    // Every benchmark once, on small inputs, in the test build above (criterion's test
    // mode; the other bench binaries follow it): they cannot rot. Timings are not checked.
    clock.time("benchmarks, run once", || {
        run_step(
            "benchmarks, run once",
            "cargo",
            // `--workspace` keeps the features of `cargo test --workspace` (`-p gas-benches`
            // alone would resolve reqwest/rustls differently and rebuild them); `--bench`
            // picks only bench targets (`--benches` would rerun every library's unit tests).
            &["test", "--workspace", "--bench", "*"],
        )
    })?;
    if !args.no_fuzz {
        // Every fuzz target builds and survives a few seconds on the repository's seeds.
        clock.time("fuzz smoke", || {
            let fuzz = xtask::fuzz::FuzzArgs {
                command: xtask::fuzz::FuzzCommand::Smoke {
                    seconds: xtask::fuzz::SMOKE_SECONDS,
                    no_sandbox: false,
                },
            };
            xtask::fuzz::run(&crate::workspace_root(), &fuzz)
        })?;
    }
    clock.report();
    Ok(())
}

/// Wall time per step, printed as each ends and as a table at the end, so a CI log
/// shows where the budget goes.
#[derive(Default)]
struct StepClock {
    steps: Vec<(&'static str, std::time::Duration)>,
}

impl StepClock {
    fn time(
        &mut self,
        label: &'static str,
        step: impl FnOnce() -> Result<(), String>,
    ) -> Result<(), String> {
        let started = std::time::Instant::now();
        let result = step();
        let took = started.elapsed();
        eprintln!("--- {label}: {:.1} s", took.as_secs_f64());
        self.steps.push((label, took));
        result
    }

    fn report(&self) {
        let total: std::time::Duration = self.steps.iter().map(|(_, took)| *took).sum();
        eprintln!("--- cargo xtask test: all passed; wall time per step");
        for (label, took) in &self.steps {
            eprintln!("  {label:<22} {:>7.1} s", took.as_secs_f64());
        }
        eprintln!("  {:<22} {:>7.1} s", "total", total.as_secs_f64());
    }
}

/// Tools the tests shell out to; missing ones are named with how to install them.
fn check_tools() -> Result<(), String> {
    let runs = |tool: &str, arg: &str| std::process::Command::new(tool).arg(arg).output().is_ok();
    let mut missing = Vec::new();
    if !runs("xmllint", "--version") {
        missing.push(
            "xmllint: the schema tests need it \
             (Debian/Ubuntu: apt-get install libxml2-utils; macOS: it ships with the system)",
        );
    }
    if !runs("wsimport", "-version") || !runs("javac", "-version") {
        missing.push(
            "wsimport and javac: the jaxws step needs them \
             (Debian/Ubuntu: apt-get install jaxws openjdk-17-jdk-headless)",
        );
    }
    if !runs("chromium", "--version") || !runs("chromedriver", "--version") {
        missing.push(
            "chromium and chromedriver: gas-sandbox's browser test needs them \
             (Debian/Ubuntu: apt-get install chromium chromium-driver)",
        );
    }
    let python = std::env::var_os("INTEROP_PYTHON")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| crate::workspace_root().join("target/interop-venv/bin/python"));
    let interop = std::process::Command::new(&python)
        .args(["-c", "import spyne, lxml, zeep"])
        .output()
        .is_ok_and(|out| out.status.success());
    if !interop {
        missing.push(
            "a Python with spyne, lxml and zeep: the interop step needs it \
             (.ci/run makes target/interop-venv; or set INTEROP_PYTHON)",
        );
    }
    if missing.is_empty() {
        Ok(())
    } else {
        Err(format!("not installed: {}", missing.join("; ")))
    }
}

/// `cargo xtask regen --check`, in process: the checked-in generated code must be
/// exactly what wsdl/ generates (names the stale files and the API summary if not).
fn regen_check() -> Result<(), String> {
    eprintln!("--- generated code: cargo xtask regen --check");
    let layout = xtask::layout::Layout::workspace(&crate::workspace_root());
    let options = xtask::regen::Options {
        check: true,
        summary_only: true,
    };
    let text = xtask::regen::run(&layout, options)?;
    eprint!("{text}");
    Ok(())
}
