//! `soapgen <service.wsdl> --out <dir>`: a crate for any WSDL (the same options as this
//! repository's `cargo xtask codegen`).

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;
use soapgen::{Input, Options, Runtime, crate_files};

/// Generate a Rust crate (types, XML, operations, server trait, client) from a WSDL.
#[derive(Parser)]
#[command(name = "soapgen", version)]
struct Cli {
    /// The WSDL to generate from (its imports are followed).
    entry: PathBuf,
    /// The crate directory to write (created if missing).
    #[arg(long, value_name = "DIR")]
    out: PathBuf,
    /// OASIS XML catalog mapping absolute schema URLs to local files (repeatable).
    #[arg(long, value_name = "FILE")]
    catalog: Vec<PathBuf>,
    /// A spec overlay (lengths, allowed values, docs) in the format of gas's wsdl/spec-overlay.toml.
    #[arg(long, value_name = "FILE")]
    overlay: Option<PathBuf>,
    /// The crate's name (default: from the WSDL's file name).
    #[arg(long, value_name = "NAME")]
    crate_name: Option<String>,
    /// Depend on this version of soap-runtime and soap-client from crates.io (default: the
    /// checkout soapgen was installed from, when it is still there; else its own version).
    #[arg(long, value_name = "VERSION")]
    runtime_version: Option<String>,
    /// Types, XML and operations only: no `Client`, no soap-client dependency.
    #[arg(long)]
    no_client: bool,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let options = Options {
        input: Input {
            entry: cli.entry,
            catalogs: cli.catalog,
            overlay: cli.overlay,
        },
        out: cli.out,
        crate_name: cli.crate_name,
        runtime: match cli.runtime_version {
            Some(v) => Runtime::Version(v),
            None => Runtime::of_this_build(),
        },
        client: !cli.no_client,
    };
    match crate_files::run(&options) {
        Ok(report) => {
            println!("{report}");
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}
