//! `cargo xtask fuzz`: build and run the libFuzzer targets in `fuzz/` without
//! cargo-fuzz.
//!
//! The targets are built with the coverage instrumentation cargo-fuzz passes
//! (`-Cpasses=sancov-module` and its `-sanitizer-coverage-*` options, `--cfg fuzzing`),
//! but with no sanitizer: that needs a nightly flag, and CI runs the stable toolchain
//! (Rust code is memory-safe; AddressSanitizer is for `cargo fuzz` runs by hand). So
//! CI needs neither `cargo install cargo-fuzz` nor nightly.
//!
//! - `smoke` (CI): build every target in the quick-to-compile `fuzz-smoke` profile,
//!   seed a fresh corpus from files in the repository, run each target for a few
//!   seconds, fail on any crash, timeout or out-of-memory.
//! - `run <target> --seconds N`: a long local run in the optimised `fuzz-run` profile,
//!   on `fuzz/corpus/<target>/` (kept between runs); a crash lands in
//!   `fuzz/artifacts/<target>/`.
//! - `seed [--shared DIR]`: (re)write the seed files into `fuzz/corpus/`, adding the
//!   shared WSDL corpus and GlobalSign samples when they are there.

use std::collections::BTreeMap;
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

use clap::{Args, Subcommand};

/// The flags cargo-fuzz 0.13 passes to rustc for a libFuzzer build, minus the
/// sanitizer (`-Zsanitizer=address`) and release-only `-Ccodegen-units=1`.
const INSTRUMENTATION: &[&str] = &[
    "-Cpasses=sancov-module",
    "-Cllvm-args=-sanitizer-coverage-level=4",
    "-Cllvm-args=-sanitizer-coverage-inline-8bit-counters",
    "-Cllvm-args=-sanitizer-coverage-pc-table",
    "-Cllvm-args=-sanitizer-coverage-trace-compares",
    "--cfg",
    "fuzzing",
    "-Cllvm-args=-simplifycfg-branch-fold-threshold=0",
    "-Cdebug-assertions",
];

/// Only on Linux (as cargo-fuzz): libFuzzer's `-use_value_profile` stack-depth feature.
const INSTRUMENTATION_LINUX: &str = "-Cllvm-args=-sanitizer-coverage-stack-depth";

/// Seconds of fuzzing per target in `smoke` (and so in CI), after its seeds ran.
pub const SMOKE_SECONDS: u64 = 5;

/// Per-input bounds for every run: a slow input or a memory hog is a failure.
const PER_INPUT_TIMEOUT_SECONDS: u64 = 10;
const RSS_LIMIT_MB: u64 = 2048;

#[derive(Args)]
pub struct FuzzArgs {
    #[command(subcommand)]
    pub command: FuzzCommand,
}

#[derive(Subcommand)]
pub enum FuzzCommand {
    /// Build every target, run each briefly over seeds from the repository, fail on any
    /// crash (what CI runs).
    Smoke {
        /// Seconds of fuzzing per target, after its seeds have run.
        #[arg(long, default_value_t = SMOKE_SECONDS)]
        seconds: u64,
        /// Leave out the targets that need the `sandbox` feature (gas-sandbox's HTTP,
        /// TLS and database stack: about two thirds of the build).
        #[arg(long)]
        no_sandbox: bool,
    },
    /// Build every target (instrumented, optimised: the `fuzz-run` profile).
    Build,
    /// Fuzz one target: corpus in `fuzz/corpus/<target>/`, crashes in `fuzz/artifacts/<target>/`.
    Run {
        /// A file name in fuzz/fuzz_targets/ without `.rs`.
        target: String,
        /// How long to fuzz.
        #[arg(long, default_value_t = 300)]
        seconds: u64,
        /// Seed the corpus from this directory's `wsdl-corpus/` too (default:
        /// ../shared beside the repository, when it exists).
        #[arg(long, value_name = "DIR")]
        shared: Option<PathBuf>,
        /// More libFuzzer options (`-- -max_len=20000`).
        #[arg(last = true)]
        libfuzzer_args: Vec<String>,
    },
    /// Write the seed files into `fuzz/corpus/<target>/` (existing files are kept).
    Seed {
        /// See `run --shared`.
        #[arg(long, value_name = "DIR")]
        shared: Option<PathBuf>,
    },
}

/// The two build profiles in fuzz/Cargo.toml.
#[derive(Clone, Copy)]
enum Profile {
    /// Unoptimised, no debug info: CI compiles ~100 crates from scratch for it.
    Smoke,
    /// Optimised, with debug assertions and line tables: long runs.
    Run,
}

impl Profile {
    fn name(self) -> &'static str {
        match self {
            Profile::Smoke => "fuzz-smoke",
            Profile::Run => "fuzz-run",
        }
    }
}

/// Where things are: the fuzz crate, its build directory and the host triple.
struct Fuzz {
    root: PathBuf,
    dir: PathBuf,
    target_dir: PathBuf,
    host: String,
}

pub fn run(root: &Path, args: &FuzzArgs) -> Result<(), String> {
    let fuzz = Fuzz::new(root)?;
    match &args.command {
        FuzzCommand::Smoke {
            seconds,
            no_sandbox,
        } => fuzz.smoke(*seconds, *no_sandbox),
        FuzzCommand::Build => fuzz.build(Profile::Run, true).map(|_| ()),
        FuzzCommand::Run {
            target,
            seconds,
            shared,
            libfuzzer_args,
        } => {
            let targets = fuzz.targets()?;
            if !targets.contains(target) {
                return Err(format!(
                    "no fuzz target `{target}` (there are: {})",
                    targets.join(", ")
                ));
            }
            let shared = shared_dir(root, shared.as_deref());
            let corpus = fuzz.dir.join("corpus");
            write_seeds(root, shared.as_deref(), &corpus, Some(target))?;
            fuzz.build(Profile::Run, true)?;
            let outcome = fuzz.run_target(
                Profile::Run,
                target,
                &corpus.join(target),
                &fuzz.dir.join("artifacts").join(target),
                *seconds,
                libfuzzer_args,
            )?;
            println!("{}", outcome.table_row());
            outcome.into_result()
        }
        FuzzCommand::Seed { shared } => {
            let shared = shared_dir(root, shared.as_deref());
            let counts = write_seeds(root, shared.as_deref(), &fuzz.dir.join("corpus"), None)?;
            for (target, n) in counts {
                println!("{target}: {n} seed file(s)");
            }
            Ok(())
        }
    }
}

/// `--shared`, or ../shared beside the repository if it exists.
fn shared_dir(root: &Path, given: Option<&Path>) -> Option<PathBuf> {
    match given {
        Some(d) => Some(d.to_path_buf()),
        None => root
            .parent()
            .map(|p| p.join("shared"))
            .filter(|d| d.is_dir()),
    }
}

impl Fuzz {
    fn new(root: &Path) -> Result<Self, String> {
        let dir = root.join("fuzz");
        // The fuzz crate is a workspace of its own; keep its build beside the main one
        // (or in CARGO_TARGET_DIR), not in fuzz/target.
        let target_dir = match std::env::var_os("CARGO_TARGET_DIR") {
            Some(d) if !d.is_empty() => PathBuf::from(d),
            _ => root.join("target").join("fuzz"),
        };
        Ok(Fuzz {
            root: root.to_path_buf(),
            dir,
            target_dir,
            host: host_triple()?,
        })
    }

    /// The targets: `fuzz/fuzz_targets/*.rs`, sorted (cargo-fuzz's convention, and each
    /// is a `[[bin]]` of the same name).
    fn targets(&self) -> Result<Vec<String>, String> {
        let dir = self.dir.join("fuzz_targets");
        let entries = std::fs::read_dir(&dir).map_err(|e| format!("{}: {e}", self.show(&dir)))?;
        let mut names = Vec::new();
        for entry in entries {
            let path = entry
                .map_err(|e| format!("{}: {e}", self.show(&dir)))?
                .path();
            if path.extension().is_some_and(|x| x == "rs")
                && let Some(stem) = path.file_stem().and_then(|s| s.to_str())
            {
                names.push(stem.to_owned());
            }
        }
        names.sort();
        if names.is_empty() {
            return Err(format!("no fuzz targets in {}", self.show(&dir)));
        }
        Ok(names)
    }

    fn show(&self, path: &Path) -> String {
        path.strip_prefix(&self.root)
            .unwrap_or(path)
            .display()
            .to_string()
    }

    /// `cargo build` of every target with the instrumentation flags. `--target` keeps
    /// the flags off build scripts and proc macros (they are not linked with libFuzzer).
    /// The targets that need the `sandbox` feature (`required-features` of their `[[bin]]`).
    fn sandbox_targets(&self) -> Result<Vec<String>, String> {
        let manifest = self.dir.join("Cargo.toml");
        let text = std::fs::read_to_string(&manifest)
            .map_err(|e| format!("{}: {e}", self.show(&manifest)))?;
        let value: toml::Table =
            toml::from_str(&text).map_err(|e| format!("{}: {e}", self.show(&manifest)))?;
        let bins = value.get("bin").and_then(|b| b.as_array());
        Ok(bins
            .into_iter()
            .flatten()
            .filter(|bin| {
                bin.get("required-features")
                    .and_then(|f| f.as_array())
                    .is_some_and(|f| f.iter().any(|f| f.as_str() == Some("sandbox")))
            })
            .filter_map(|bin| Some(bin.get("name")?.as_str()?.to_owned()))
            .collect())
    }

    fn build(&self, profile: Profile, sandbox: bool) -> Result<PathBuf, String> {
        let mut flags: Vec<&str> = INSTRUMENTATION.to_vec();
        if self.host.contains("-linux-") {
            flags.push(INSTRUMENTATION_LINUX);
        }
        let manifest = self.dir.join("Cargo.toml");
        let mut cmd = Command::new(cargo());
        cmd.arg("build")
            .arg("--manifest-path")
            .arg(&manifest)
            .arg("--target")
            .arg(&self.host)
            .arg("--profile")
            .arg(profile.name())
            .arg("--bins")
            .args(if sandbox {
                &[][..]
            } else {
                &["--no-default-features"][..]
            })
            .arg("--target-dir")
            .arg(&self.target_dir)
            .env("CARGO_ENCODED_RUSTFLAGS", flags.join("\u{1f}"))
            .env_remove("RUSTFLAGS");
        eprintln!(
            "--- fuzz build ({}): cargo build --manifest-path {} --target {} --profile {} --bins",
            self.show(&self.target_dir),
            self.show(&manifest),
            self.host,
            profile.name()
        );
        let status = cmd
            .status()
            .map_err(|e| format!("could not start cargo: {e}"))?;
        if !status.success() {
            return Err(format!("fuzz build failed ({status})"));
        }
        Ok(self.target_dir.join(&self.host).join(profile.name()))
    }

    fn smoke(&self, seconds: u64, no_sandbox: bool) -> Result<(), String> {
        let started = Instant::now();
        let mut targets = self.targets()?;
        if no_sandbox {
            let skip = self.sandbox_targets()?;
            targets.retain(|t| !skip.contains(t));
            eprintln!(
                "--- fuzz smoke without the sandbox targets ({})",
                skip.join(", ")
            );
        }
        let bin_dir = self.build(Profile::Smoke, !no_sandbox)?;
        let built = started.elapsed();
        // A fresh corpus from the repository only (CI has no ../shared): the same
        // seeds on every run.
        let scratch = self.target_dir.join("fuzz-smoke");
        if scratch.exists() {
            std::fs::remove_dir_all(&scratch).map_err(|e| format!("{}: {e}", scratch.display()))?;
        }
        let corpus = scratch.join("corpus");
        write_seeds(&self.root, None, &corpus, None)?;
        if let Some(t) = targets.iter().find(|t| !bin_dir.join(t).is_file()) {
            return Err(format!("fuzz target {t} was not built"));
        }
        // Each run is one process on one core: as many at a time as there are cores.
        let workers = std::thread::available_parallelism().map_or(1, |n| n.get());
        let next = std::sync::atomic::AtomicUsize::new(0);
        let results = std::sync::Mutex::new(Vec::new());
        std::thread::scope(|scope| {
            for _ in 0..workers.min(targets.len()) {
                scope.spawn(|| {
                    loop {
                        let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        let Some(target) = targets.get(i) else { break };
                        let outcome = self.run_target(
                            Profile::Smoke,
                            target,
                            &corpus.join(target),
                            &scratch.join("artifacts").join(target),
                            seconds,
                            &[],
                        );
                        if let Ok(o) = &outcome {
                            eprintln!("    {}", o.table_row());
                        }
                        if let Ok(mut r) = results.lock() {
                            r.push((i, outcome));
                        }
                    }
                });
            }
        });
        let mut results = results
            .into_inner()
            .map_err(|_| "a run panicked".to_owned())?;
        results.sort_by_key(|(i, _)| *i);
        let outcomes = results
            .into_iter()
            .map(|(_, o)| o)
            .collect::<Result<Vec<Outcome>, String>>()?;
        println!(
            "fuzz smoke: build {:.0} s, runs {:.0} s",
            built.as_secs_f64(),
            (started.elapsed() - built).as_secs_f64()
        );
        println!("| target | runs | seconds | coverage (cov) | features (ft) | result |");
        println!("| --- | --- | --- | --- | --- | --- |");
        for o in &outcomes {
            println!("{}", o.table_row());
        }
        let failed: Vec<&Outcome> = outcomes.iter().filter(|o| !o.passed).collect();
        if failed.is_empty() {
            Ok(())
        } else {
            for o in &failed {
                eprintln!("--- {} (log tail):\n{}", o.target, o.log_tail);
            }
            Err(format!(
                "fuzz smoke: {} target(s) failed: {}",
                failed.len(),
                failed
                    .iter()
                    .map(|o| o.target.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ))
        }
    }

    /// Runs one target on `corpus` for `seconds` (after the corpus itself has run).
    fn run_target(
        &self,
        profile: Profile,
        target: &str,
        corpus: &Path,
        artifacts: &Path,
        seconds: u64,
        extra: &[String],
    ) -> Result<Outcome, String> {
        let bin = self
            .target_dir
            .join(&self.host)
            .join(profile.name())
            .join(target);
        std::fs::create_dir_all(corpus).map_err(|e| format!("{}: {e}", corpus.display()))?;
        std::fs::create_dir_all(artifacts).map_err(|e| format!("{}: {e}", artifacts.display()))?;
        let mut args: Vec<OsString> = vec![
            format!("-max_total_time={seconds}").into(),
            format!("-timeout={PER_INPUT_TIMEOUT_SECONDS}").into(),
            format!("-rss_limit_mb={RSS_LIMIT_MB}").into(),
            // `-artifact_prefix` is a prefix, not a directory: keep the slash.
            format!("-artifact_prefix={}/", artifacts.display()).into(),
            "-print_final_stats=1".into(),
        ];
        args.extend(extra.iter().map(OsString::from));
        args.push(corpus.as_os_str().to_owned());
        let started = Instant::now();
        let output = Command::new(&bin)
            .args(&args)
            .stdin(Stdio::null())
            .output()
            .map_err(|e| format!("could not start {}: {e}", bin.display()))?;
        let elapsed = started.elapsed().as_secs_f64();
        let log = String::from_utf8_lossy(&output.stderr);
        Ok(Outcome::from_log(
            target,
            &log,
            elapsed,
            output.status.success(),
        ))
    }
}

/// What one libFuzzer run did, from its log.
struct Outcome {
    target: String,
    runs: Option<u64>,
    seconds: f64,
    cov: Option<u64>,
    ft: Option<u64>,
    passed: bool,
    log_tail: String,
}

impl Outcome {
    fn from_log(target: &str, log: &str, seconds: f64, success: bool) -> Self {
        let stat = |name: &str| {
            log.lines()
                .find_map(|l| l.strip_prefix(name))
                .and_then(|v| v.trim().parse::<u64>().ok())
        };
        // The last status line (`#1234 DONE cov: 812 ft: 2310 corp: ...`).
        let status_field = |name: &str| {
            log.lines()
                .rev()
                .find(|l| l.starts_with('#') && l.contains(name))
                .and_then(|l| {
                    let rest = &l[l.find(name)? + name.len()..];
                    rest.split_whitespace().next()?.parse::<u64>().ok()
                })
        };
        let lines: Vec<&str> = log.lines().collect();
        let tail = lines[lines.len().saturating_sub(40)..].join("\n");
        Outcome {
            target: target.to_owned(),
            runs: stat("stat::number_of_executed_units:"),
            seconds,
            cov: status_field("cov: "),
            ft: status_field("ft: "),
            passed: success,
            log_tail: tail,
        }
    }

    fn table_row(&self) -> String {
        let n = |v: Option<u64>| v.map_or_else(|| "?".to_owned(), |v| v.to_string());
        format!(
            "| {} | {} | {:.0} | {} | {} | {} |",
            self.target,
            n(self.runs),
            self.seconds,
            n(self.cov),
            n(self.ft),
            if self.passed { "ok" } else { "FAILED" }
        )
    }

    fn into_result(self) -> Result<(), String> {
        if self.passed {
            Ok(())
        } else {
            Err(format!("{} failed:\n{}", self.target, self.log_tail))
        }
    }
}

/// The cargo that runs xtask (`$CARGO`), else `cargo`.
fn cargo() -> OsString {
    std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into())
}

fn host_triple() -> Result<String, String> {
    let output = Command::new(std::env::var_os("RUSTC").unwrap_or_else(|| "rustc".into()))
        .arg("-vV")
        .output()
        .map_err(|e| format!("could not run rustc -vV: {e}"))?;
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .find_map(|l| l.strip_prefix("host: "))
        .map(str::to_owned)
        .ok_or_else(|| "rustc -vV names no host triple".to_owned())
}

// ---------------------------------------------------------------------------- seeds

/// Typical and edge values for `simple_values.rs`'s selectors.
const SIMPLE_VALUES: &[(u8, &str, &str)] = &[
    (0, "2016-10-19T12:51:15.596+09:00", "datetime"),
    (0, "2016-10-19T12:51:15Z", "datetime-z"),
    (1, "2016-10-19+09:00", "date"),
    (2, "-0012.3400", "decimal"),
    (3, "SGVsbG8gd29ybGQ=", "base64"),
    (4, "0aFF", "hex"),
    (5, "-1.5E-10", "double"),
    (6, "INF", "float"),
    (7, "-9223372036854775808", "long"),
    (8, "18446744073709551615", "ulong"),
    (9, "true", "bool"),
    (
        10,
        "2016-10-19T12:51:15Z 2017-01-01T00:00:00.5-03:00",
        "datetimes",
    ),
    (11, "1.5 -2 0.000", "decimals"),
    (12, "-128", "byte"),
    (13, "any text", "string"),
];

/// Documents for `xml_reader.rs`: each construct of XML its tokenizer handles.
const XML_DOCUMENTS: &[(&str, &str)] = &[
    (
        "cdata",
        "<a>x<![CDATA[<y>&amp;\r\n]]>z<![CDATA[]]><b><![CDATA[]]]]><![CDATA[>]]></b></a>",
    ),
    (
        "comments-pis",
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!-- before --><?pi data?>\n<a><!----><?t?>x<!-- <b> --><?x y?>y</a>\n<!-- after -->\n",
    ),
    ("bom", "\u{feff}<?xml version='1.0'?><a>bom</a>"),
    (
        "entities",
        "<a>1 &lt; 2 &gt; 0 &amp; &apos;&quot;<b>&#65;&#x42;&#0067;&#x1F600;&#xE9;</b><c x='&lt;&#x3E;&amp;'/></a>",
    ),
    (
        "crlf",
        "<a\r\n  x='1\r\n2'\r>l1\r\nl2\rl3&#xD;\n<b>\r</b><![CDATA[\r\r\n]]>\r\n</a\r\n>\r\n",
    ),
    (
        "attributes",
        "<a x=\"1\" y='2' z = \"it's\" w='say \"hi\"' t='a&#9;b\tc'><b k=\"&#10;\n\"/></a>",
    ),
    (
        "namespaces",
        "<s:Envelope xmlns:s=\"urn:s\" xmlns=\"urn:d\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"><s:Body><Order xmlns:p=\"urn:p\" p:id=\"7\" xsi:type=\"p:T\"><p:Name xsi:nil=\"true\"/><Item xmlns=\"\">x</Item><xml:lang>en</xml:lang></Order></s:Body></s:Envelope>",
    ),
    ("empty", "<a><b/><c></c><d />\n<e\tx='1'/><f></f ></a>"),
    ("mixed", "<a>t1<b>u<c>v</c>w</b>t2<d/>t3<e>x</e></a>"),
    (
        "deep",
        "<a><b><c><d><e><f><g><h><i><j>deep</j></i></h></g></f></e></d></c></b></a>",
    ),
    ("unicode", "<é名 ñ='ü'>Grüße, 世界 &#x10FFFF;</é名>"),
];

/// Seed files per fuzz target: (file name, bytes).
pub type Seeds = BTreeMap<&'static str, Vec<(String, Vec<u8>)>>;

/// Seed files per target: (file name, bytes). From the repository: our WSDL and the
/// generator's feature WSDLs (and their inline schemas, as stand-alone XSDs), the
/// sample messages, the test CSRs; from `shared` (if given): the real WSDL corpus and
/// the recorded GlobalSign messages.
pub fn seeds(root: &Path, shared: Option<&Path>) -> Result<Seeds, String> {
    let mut out = Seeds::new();
    let name_of = |path: &Path| {
        let rel = path
            .strip_prefix(root)
            .or_else(|_| shared.map_or(Err(()), |s| path.strip_prefix(s).map_err(|_| ())))
            .unwrap_or(path);
        rel.to_string_lossy().replace(['/', '\\'], "_")
    };
    let read = |path: &Path| std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()));
    let with_selector = |selector: u8, bytes: &[u8]| {
        let mut v = Vec::with_capacity(bytes.len() + 1);
        v.push(selector);
        v.extend_from_slice(bytes);
        v
    };

    // WSDLs and their inline schemas.
    let mut wsdls = vec![root.join("wsdl/GasOrderService.wsdl")];
    wsdls.extend(files_under(&root.join("codegen/tests/features"), |p| {
        p.file_name().is_some_and(|n| n == "schema.wsdl")
    }));
    for path in &wsdls {
        let bytes = read(path)?;
        let name = name_of(path);
        for (i, schema) in inline_schemas(&String::from_utf8_lossy(&bytes))
            .into_iter()
            .enumerate()
        {
            out.entry("xsd_load")
                .or_default()
                .push((format!("{name}.{i}.xsd"), schema.into_bytes()));
        }
        out.entry("wsdl_load").or_default().push((name, bytes));
    }
    if let Some(corpus) = shared.map(|s| s.join("wsdl-corpus")).filter(|d| d.is_dir()) {
        // Small files only: big ones slow every execution without adding much.
        for path in files_under(&corpus, |p| p.extension().is_some_and(|x| x == "wsdl")) {
            if file_size(&path) < 64 * 1024 {
                out.entry("wsdl_load")
                    .or_default()
                    .push((name_of(&path), read(&path)?));
            }
        }
        for path in files_under(&corpus, |p| p.extension().is_some_and(|x| x == "xsd")) {
            if file_size(&path) < 32 * 1024 {
                out.entry("xsd_load")
                    .or_default()
                    .push((name_of(&path), read(&path)?));
            }
        }
    }

    // Messages: every sample through the envelope entry points (selector: response
    // lenient, strict, request, request peek; 0x81 small limits), requests into the
    // sandbox, each sample into its own operation's generated decoder.
    let samples_dir = root.join("wsdl/samples");
    // `generated_decode` picks the operation by its index in the generated `OPERATIONS`:
    // the WSDL's order, as the generator reads it.
    let entry = root.join("wsdl/GasOrderService.wsdl");
    let operations: Vec<String> =
        soapgen_codegen::load(&entry, &soapgen_codegen::LoadOptions::default())
            .map_err(|e| format!("{}: {e}", entry.display()))?
            .operations
            .into_iter()
            .map(|op| op.name)
            .collect();
    let mut messages = files_under(&samples_dir, |p| p.extension().is_some_and(|x| x == "xml"));
    let shared_samples = shared
        .map(|s| s.join("wsdl-corpus/globalsign/samples"))
        .filter(|d| d.is_dir());
    if let Some(dir) = &shared_samples {
        messages.extend(files_under(dir, |p| {
            p.extension().is_some_and(|x| x == "xml")
        }));
    }
    for path in &messages {
        let bytes = read(path)?;
        let name = name_of(path);
        // Two walks of each message: mostly element by element, and mostly skipped.
        for selector in [0u8, 0x92] {
            out.entry("xml_reader").or_default().push((
                format!("{selector:02x}-{name}"),
                with_selector(selector, &bytes),
            ));
        }
        for selector in [0u8, 1, 2, 3, 0x81] {
            out.entry("envelope_decode").or_default().push((
                format!("{selector:02x}-{name}"),
                with_selector(selector, &bytes),
            ));
        }
        let file = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        if file.to_ascii_lowercase().contains("request") {
            out.entry("sandbox_request")
                .or_default()
                .push((name.clone(), bytes.clone()));
        }
        let operation = if path.starts_with(&samples_dir) {
            file.split('.')
                .next()
                .and_then(|op| operations.iter().position(|o| o == op))
        } else if file.contains("GetOrderByOrderIDResponse") {
            operations.iter().position(|o| o == "GetOrderByOrderID")
        } else {
            None
        };
        if let Some(index) = operation {
            let index = index as u8;
            let selectors: &[u8] = if file.ends_with(".request.xml") {
                &[index | 0x10]
            } else {
                &[index, index | 0x20]
            };
            for &selector in selectors {
                out.entry("generated_decode").or_default().push((
                    format!("{selector:02x}-{name}"),
                    with_selector(selector, &bytes),
                ));
            }
        }
    }

    // CSRs, as text (selector 0).
    for path in files_under(&root.join("gas-client/tests/data/csr"), |p| {
        p.extension().is_some_and(|x| x == "pem")
    }) {
        out.entry("sandbox_csr").or_default().push((
            format!("00-{}", name_of(&path)),
            with_selector(0, &read(&path)?),
        ));
    }

    // Small documents with every construct the tokenizer knows, each under two walks.
    for (name, text) in XML_DOCUMENTS {
        for selector in [0x00u8, 0x01, 0x02, 0x03, 0x81] {
            out.entry("xml_reader").or_default().push((
                format!("{selector:02x}-{name}.xml"),
                with_selector(selector, text.as_bytes()),
            ));
        }
    }

    // `element_paths` reads documents as they are: `xml_reader`'s, without the byte that
    // picks its walk (each document once).
    let documents: Vec<(String, Vec<u8>)> = out
        .get("xml_reader")
        .map(|seeds| {
            seeds
                .iter()
                .filter_map(|(name, bytes)| {
                    let name = name.strip_prefix("00-")?;
                    Some((name.to_owned(), bytes.get(1..)?.to_vec()))
                })
                .collect()
        })
        .unwrap_or_default();
    out.insert("element_paths", documents);

    for (selector, text, name) in SIMPLE_VALUES {
        out.entry("simple_values").or_default().push((
            format!("{selector:02x}-{name}"),
            with_selector(*selector, text.as_bytes()),
        ));
    }
    Ok(out)
}

/// Writes the seeds into `corpus/<target>/` (only `only`'s, if given); returns the
/// number of seed files per target.
fn write_seeds(
    root: &Path,
    shared: Option<&Path>,
    corpus: &Path,
    only: Option<&str>,
) -> Result<BTreeMap<&'static str, usize>, String> {
    let mut counts = BTreeMap::new();
    for (target, files) in seeds(root, shared)? {
        if only.is_some_and(|t| t != target) {
            continue;
        }
        let dir = corpus.join(target);
        std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        for (name, bytes) in &files {
            let path = dir.join(name);
            std::fs::write(&path, bytes).map_err(|e| format!("{}: {e}", path.display()))?;
        }
        counts.insert(target, files.len());
    }
    Ok(counts)
}

/// Files below `dir` (recursively) that `keep` accepts, sorted; none if `dir` is missing.
fn files_under(dir: &Path, keep: impl Fn(&Path) -> bool + Copy) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return out;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(files_under(&path, keep));
        } else if keep(&path) {
            out.push(path);
        }
    }
    out.sort();
    out
}

fn file_size(path: &Path) -> u64 {
    std::fs::metadata(path).map_or(u64::MAX, |m| m.len())
}

/// The `<…:schema>` elements inside a WSDL's `types`, each made a stand-alone document:
/// the namespace declarations of the WSDL's root element are copied onto it (unless it
/// declares the prefix itself), so its prefixes still resolve.
pub fn inline_schemas(wsdl: &str) -> Vec<String> {
    let root_start = wsdl
        .find("definitions")
        .and_then(|at| Some(at..at + wsdl[at..].find('>')?));
    let root_decls: Vec<&str> = root_start
        .map(|r| xmlns_attributes(&wsdl[r]))
        .unwrap_or_default();
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(found) = wsdl[from..].find(":schema") {
        let name_end = from + found + ":schema".len();
        // `<prefix:schema` followed by whitespace or `>`.
        let Some(open) = wsdl[..from + found].rfind('<') else {
            from = name_end;
            continue;
        };
        let prefix = &wsdl[open + 1..from + found];
        let follows = wsdl[name_end..].chars().next();
        if prefix.is_empty()
            || prefix.contains(|c: char| c.is_whitespace() || c == '/' || c == '>')
            || !follows.is_some_and(|c| c.is_whitespace() || c == '>')
        {
            from = name_end;
            continue;
        }
        let close = format!("</{prefix}:schema>");
        let Some(close_at) = wsdl[name_end..].find(&close) else {
            break;
        };
        let end = name_end + close_at + close.len();
        let Some(tag_end) = wsdl[name_end..].find('>').map(|i| name_end + i) else {
            break;
        };
        let own = &wsdl[open..tag_end];
        let mut extra = String::new();
        for decl in &root_decls {
            let name = decl.split('=').next().unwrap_or_default();
            if !own.contains(&format!("{name}=")) {
                extra.push(' ');
                extra.push_str(decl);
            }
        }
        out.push(format!(
            "{}{extra}{}",
            &wsdl[open..tag_end],
            &wsdl[tag_end..end]
        ));
        from = end;
    }
    out
}

/// The `xmlns`/`xmlns:p` attributes (`name="value"`) in a start tag's text.
fn xmlns_attributes(tag: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = tag;
    while let Some(at) = rest.find("xmlns") {
        let before_ok = at == 0 || rest[..at].ends_with(char::is_whitespace);
        let after = &rest[at..];
        let Some(eq) = after.find('=') else { break };
        let quote = after[eq + 1..].chars().next();
        let end = match quote {
            Some(q @ ('"' | '\'')) => after[eq + 2..].find(q).map(|i| eq + 2 + i + 1),
            _ => None,
        };
        let Some(end) = end else { break };
        if before_ok && !after[..eq].contains(char::is_whitespace) {
            out.push(&after[..end]);
        }
        rest = &after[end..];
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_schema_gets_the_root_namespace_declarations() {
        let wsdl = r#"<?xml version="1.0"?>
<wsdl:definitions xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:tns="urn:t" targetNamespace="urn:t">
  <wsdl:types>
    <xs:schema targetNamespace="urn:t" xmlns:tns="urn:own"><xs:element name="A" type="tns:B"/></xs:schema>
  </wsdl:types>
</wsdl:definitions>"#;
        let schemas = inline_schemas(wsdl);
        assert_eq!(schemas.len(), 1);
        let s = &schemas[0];
        assert!(
            s.starts_with("<xs:schema targetNamespace=\"urn:t\" xmlns:tns=\"urn:own\" xmlns:wsdl="),
            "{s}"
        );
        assert!(
            s.contains("xmlns:xs=\"http://www.w3.org/2001/XMLSchema\""),
            "{s}"
        );
        assert!(
            !s.contains("urn:t\" xmlns:tns=\"urn:t"),
            "own tns kept: {s}"
        );
        assert!(s.ends_with("</xs:schema>"), "{s}");
    }

    #[test]
    fn repository_seeds_cover_every_target() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
        let seeds = seeds(root, None).unwrap();
        let targets: Vec<String> = files_under(&root.join("fuzz/fuzz_targets"), |p| {
            p.extension().is_some_and(|x| x == "rs")
        })
        .iter()
        .filter_map(|p| Some(p.file_stem()?.to_str()?.to_owned()))
        .collect();
        assert!(!targets.is_empty());
        for t in &targets {
            let n = seeds.get(t.as_str()).map_or(0, Vec::len);
            assert!(n > 0, "no seeds for fuzz target {t}");
        }
        // The generated decoders see a sample of every operation.
        let ops: std::collections::BTreeSet<u8> = seeds["generated_decode"]
            .iter()
            .map(|(_, b)| b[0] & 0x0f)
            .collect();
        let model = soapgen_codegen::load(
            &root.join("wsdl/GasOrderService.wsdl"),
            &soapgen_codegen::LoadOptions::default(),
        )
        .unwrap();
        assert_eq!(ops.len(), model.operations.len());
    }

    #[test]
    fn outcome_reads_libfuzzer_final_stats() {
        let log = "INFO: Seed: 1\n#2\tINITED cov: 10 ft: 12 corp: 1/1b\n#5000\tDONE   cov: 812 ft: 2310 corp: 40/2Kb lim: 4096 exec/s: 1000 rss: 40Mb\nDone 5000 runs in 5 second(s)\nstat::number_of_executed_units: 5000\nstat::peak_rss_mb:              40\n";
        let o = Outcome::from_log("t", log, 5.2, true);
        assert_eq!(o.runs, Some(5000));
        assert_eq!(o.cov, Some(812));
        assert_eq!(o.ft, Some(2310));
        assert_eq!(o.table_row(), "| t | 5000 | 5 | 812 | 2310 | ok |");
    }
}
