//! `cargo xtask`: maintainer tasks (rust-analyzer style).
//!
//! - `cargo xtask test`: everything CI checks, in the order a reviewer cares about.
//! - `cargo xtask regen [--check] [--summary-only] [--fetch <live|test|URL>]`:
//!   regenerate `gas-client/src/generated/` from `wsdl/` and say what changed.
//! - `cargo xtask codegen <entry.wsdl> --out <dir>`: a crate for any WSDL (soapgen's
//!   command, with this checkout's runtime by path).
//! - `cargo xtask corpus-check [--all]`: every corpus service generates and compiles.
//! - `cargo xtask package`: `cargo package`, verified, for every publishable member.
//! - `cargo xtask fuzz smoke | build | run <target> [--seconds N] | seed`: the fuzz
//!   targets in `fuzz/` (see `xtask::fuzz`).

use std::path::PathBuf;
use std::process::{Command, ExitCode};

use clap::{Args, Parser, Subcommand};

use xtask::layout::Layout;
use xtask::{corpus_check, fetch, fuzz, regen};

mod test;

#[derive(Parser)]
#[command(name = "cargo xtask", about = "Maintainer tasks for the gas workspace")]
struct Cli {
    #[command(subcommand)]
    task: Task,
}

#[derive(Subcommand)]
enum Task {
    /// Run every check CI runs: formatting, lints, generated code current, tests.
    Test(test::TestArgs),
    /// Regenerate the checked-in code from wsdl/ and print what changed in API terms.
    Regen(RegenArgs),
    /// Generate a compilable crate for any WSDL.
    Codegen(CodegenArgs),
    /// Generate every service of the WSDL corpus into one crate and `cargo check` it.
    CorpusCheck(CorpusCheckArgs),
    /// Build and run the libFuzzer targets in fuzz/ (no cargo-fuzz needed).
    Fuzz(fuzz::FuzzArgs),
    /// `cargo package` (verified) for every member without `publish = false`.
    Package,
}

#[derive(Args, Default)]
pub(crate) struct CorpusCheckArgs {
    /// The whole corpus in ../shared/wsdl-corpus (beside the repository) instead of
    /// the subset copied into codegen/tests/corpus/.
    #[arg(long)]
    all: bool,
    /// Only these services (module names, as the table prints them; repeatable).
    #[arg(long, value_name = "NAME")]
    service: Vec<String>,
    /// Another corpus root (the folder holding the service folders).
    #[arg(long, value_name = "DIR")]
    corpus: Option<PathBuf>,
    /// Also compile the generated serde derives (`--features serde`).
    #[arg(long)]
    serde: bool,
    /// Leave out the generated clients (and soap-client's HTTP stack).
    #[arg(long)]
    no_client: bool,
}

#[derive(Args)]
struct RegenArgs {
    /// Write nothing; fail (naming the stale files and the API summary) when the
    /// checked-in generated code differs from what wsdl/ generates.
    #[arg(long, conflicts_with = "fetch")]
    check: bool,
    /// Print only the API summary, not the file list and line diff.
    #[arg(long)]
    summary_only: bool,
    /// First download the WSDL and every schema it references into the wsdl
    /// directory: `live`, `test` (GlobalSign's endpoints) or a URL.
    #[arg(long, value_name = "live|test|URL")]
    fetch: Option<String>,
    /// The directory with the WSDL, the overlay and MANIFEST.toml.
    #[arg(long, value_name = "DIR")]
    wsdl_dir: Option<PathBuf>,
    /// The directory the client's generated code goes to.
    #[arg(long, value_name = "DIR")]
    out: Option<PathBuf>,
}

#[derive(Args)]
struct CodegenArgs {
    /// The WSDL to generate from (its imports are followed).
    entry: PathBuf,
    /// The crate directory to write (created if missing).
    #[arg(long, value_name = "DIR")]
    out: PathBuf,
    /// OASIS XML catalog mapping absolute schema URLs to local files (repeatable).
    #[arg(long, value_name = "FILE")]
    catalog: Vec<PathBuf>,
    /// A spec overlay (lengths, allowed values, docs) in the format of wsdl/spec-overlay.toml.
    #[arg(long, value_name = "FILE")]
    overlay: Option<PathBuf>,
    /// The crate's name (default: from the WSDL's file name).
    #[arg(long, value_name = "NAME")]
    crate_name: Option<String>,
    /// Depend on this version of soap-runtime and soap-client from crates.io instead of
    /// this checkout's paths.
    #[arg(long, value_name = "VERSION")]
    runtime_version: Option<String>,
    /// Types, XML and operations only: no `Client`, no soap-client dependency.
    #[arg(long)]
    no_client: bool,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.task {
        Task::Test(args) => test::run(&args),
        Task::Regen(args) => regen_command(&args),
        Task::Codegen(args) => codegen_command(args),
        Task::CorpusCheck(args) => corpus_check_command(&args),
        Task::Fuzz(args) => fuzz::run(&workspace_root(), &args),
        Task::Package => package_command(),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

fn regen_command(args: &RegenArgs) -> Result<(), String> {
    let mut layout = Layout::workspace(&workspace_root());
    if let Some(dir) = &args.wsdl_dir {
        layout.wsdl_dir = dir.clone();
    }
    if let Some(dir) = &args.out {
        layout.client_generated = dir.clone();
    }
    if let Some(source) = &args.fetch {
        let manifest = fetch::run(&layout.wsdl_dir, source).map_err(|e| e.to_string())?;
        println!(
            "fetched {} file(s) from {} into {}:",
            manifest.files.len(),
            manifest.source.url,
            layout.show(&layout.wsdl_dir)
        );
        for f in &manifest.files {
            println!("  {} ← {}", f.path, f.url);
        }
        println!();
    }
    let options = regen::Options {
        check: args.check,
        summary_only: args.summary_only,
    };
    let text = regen::run(&layout, options)?;
    print!("{text}");
    Ok(())
}

fn codegen_command(args: CodegenArgs) -> Result<(), String> {
    let runtime = match args.runtime_version {
        Some(v) => soapgen::Runtime::Version(v),
        None => soapgen::Runtime::Path(workspace_root()),
    };
    let text = soapgen::crate_files::run(&soapgen::Options {
        input: soapgen::Input {
            entry: args.entry,
            catalogs: args.catalog,
            overlay: args.overlay,
        },
        out: args.out,
        crate_name: args.crate_name,
        runtime,
        client: !args.no_client,
    })?;
    println!("{text}");
    Ok(())
}

pub(crate) fn corpus_check_command(args: &CorpusCheckArgs) -> Result<(), String> {
    let root = workspace_root();
    let (default_corpus, default_services): (PathBuf, Vec<&str>) = if args.all {
        (
            root.join("../shared/wsdl-corpus"),
            corpus_check::ALL.iter().map(|s| s.module).collect(),
        )
    } else {
        (
            root.join("codegen/tests/corpus"),
            corpus_check::IN_REPO.to_vec(),
        )
    };
    let names: Vec<&str> = if args.service.is_empty() {
        default_services
    } else {
        args.service.iter().map(String::as_str).collect()
    };
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("target"));
    let target = if target.is_absolute() {
        target
    } else {
        root.join(target)
    };
    // The workspace's profiles, so that the crate is checked in the workspace's target
    // directory reusing what clippy checked there (soap-client's HTTP and TLS stack).
    let manifest = std::fs::read_to_string(root.join("Cargo.toml"))
        .map_err(|e| format!("cannot read Cargo.toml: {e}"))?;
    let manifest: toml::Table =
        toml::from_str(&manifest).map_err(|e| format!("Cargo.toml: {e}"))?;
    let mut profile = toml::Table::new();
    if let Some(p) = manifest.get("profile") {
        profile.insert("profile".to_owned(), p.clone());
    }
    let profile = toml::to_string(&profile).map_err(|e| format!("profile: {e}"))?;
    let report = corpus_check::run(&corpus_check::Options {
        corpus: args.corpus.clone().unwrap_or(default_corpus),
        services: corpus_check::select(&names)?,
        work: target.join("corpus-check"),
        runtime: root.join("soap-runtime"),
        serde: args.serde,
        lockfile: Some(root.join("Cargo.lock")),
        client: (!args.no_client).then(|| root.join("soap-client")),
        shared_target: Some((target, profile)),
    })?;
    print!("{}", report.table());
    Ok(())
}

/// Runs a command in the workspace root, streaming its output; an error names the command.
/// `cargo package` for the publishable members ([`xtask::package`]).
pub(crate) fn package_command() -> Result<(), String> {
    let root = workspace_root();
    let packages = xtask::package::publishable(&root)?;
    let config = xtask::package::profile_config(&root)?;
    let cargo_home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|home| PathBuf::from(home).join(".cargo")));
    if let Some(cargo_home) = cargo_home {
        xtask::package::forget_extracted(&cargo_home, &packages)?;
    }
    let target_dir = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("target"));
    xtask::package::forget_built(&target_dir, &packages)?;
    let args = xtask::package::cargo_args(&packages, &config);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    run_step("package", "cargo", &args)
}

pub(crate) fn run_step(label: &str, program: &str, args: &[&str]) -> Result<(), String> {
    eprintln!("--- {label}: {program} {}", args.join(" "));
    let status = Command::new(program)
        .args(args)
        .current_dir(workspace_root())
        .status()
        .map_err(|e| format!("{label}: could not start `{program}`: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("{label} failed ({status})"))
    }
}

/// The workspace root: the parent of this crate's manifest directory.
pub(crate) fn workspace_root() -> std::path::PathBuf {
    let manifest = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest.parent().unwrap_or(manifest).to_path_buf()
}
