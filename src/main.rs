//! `gas`: the command line for GlobalSign's client-certificate API (GasOrderService v2).
//!
//! Layers, from the outside in: `cli` (the command tree), `config` (endpoint, timeout,
//! credentials), `request` + `lenient` (order files and flags → typed requests),
//! `commands` (what each subcommand does), `render` + `table` (human and JSON output),
//! `failure` (exit codes and what to do), `mask` (secrets never printed).

mod cli;
mod config;
mod failure;
mod lenient;
mod mask;
mod overlay;
mod render;
mod request;
mod schema;
mod table;
mod template;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    let _ = cli;
    ExitCode::SUCCESS
}
