//! `cargo xtask`: maintainer tasks (rust-analyzer style).
//!
//! - `cargo xtask test`: everything CI checks, in the order a reviewer cares about.

use std::process::{Command, ExitCode};

use clap::{Parser, Subcommand};

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
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.task {
        Task::Test(args) => test::run(&args),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

/// Runs a command in the workspace root, streaming its output; an error names the command.
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
