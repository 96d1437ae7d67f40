//! `gas`: the command line for GlobalSign's client-certificate API (GasOrderService v2).
//!
//! Layers, from the outside in: `cli` (the command tree), `config` (endpoint, timeout,
//! credentials), `request` + `lenient` (order files and flags → typed requests),
//! `commands` (what each subcommand does, against the `Service` seam), `service` (the
//! seam's implementation on `gas-client`), `render` + `table` (human and JSON output),
//! `failure` (exit codes and what to do), `mask` (secrets never printed).

mod advice;
mod certificate;
mod cli;
mod commands;
mod config;
mod csr;
mod dates;
mod deviations;
mod failure;
mod lenient;
mod manual;
mod mask;
mod output;
mod overlay;
mod pretty;
mod probe;
mod progress;
mod render;
mod request;
mod sandbox;
mod service;
mod shape;
mod table;
mod template;

use std::process::ExitCode;

use clap::ArgMatches;
use clap::error::ErrorKind;

use crate::cli::{Cli, Command, OrderCommand};
use crate::commands::Context;
use crate::failure::Failure;
use crate::mask::{MaskingWriter, Secrets};
use crate::output::Output;

fn main() -> ExitCode {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let (cli, matches) = match cli::parse(args.clone()) {
        Ok(parsed) => parsed,
        Err(error) => return argument_error(&error, wants_json(&args)),
    };
    let secrets = Secrets::default();
    let out = Output::new(cli.global.json, secrets.clone()).verbose(cli.global.verbose > 0);
    init_tracing(cli.global.verbose, &secrets);
    match run(&cli, &matches, &out, &secrets) {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => {
            out.failure(&failure);
            ExitCode::from(failure.exit.code())
        }
    }
}

/// Whether `--json` is on the command line (before a `--`), for errors clap finds before
/// there is a parsed command line to ask.
fn wants_json(args: &[std::ffi::OsString]) -> bool {
    args.iter()
        .skip(1)
        .take_while(|a| *a != "--")
        .any(|a| a == "--json")
}

/// A bad argument: clap's text (exit 2), or with `--json` one JSON error object on stderr
/// like every other failure. Help and version go to stdout as usual.
fn argument_error(error: &clap::Error, json: bool) -> ExitCode {
    let informational = matches!(
        error.kind(),
        ErrorKind::DisplayHelp
            | ErrorKind::DisplayVersion
            | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
    );
    if informational || !json {
        let _ = error.print();
        return ExitCode::from(u8::try_from(error.exit_code()).unwrap_or(2));
    }
    let rendered = error.render().to_string();
    let message = rendered
        .split("\n\n")
        .next()
        .unwrap_or_default()
        .trim()
        .trim_start_matches("error: ")
        .to_owned();
    let failure = Failure::usage(message).with_hint("`gas --help` lists the commands and options");
    eprintln!("{}", failure.render_json());
    ExitCode::from(failure.exit.code())
}

fn run(cli: &Cli, matches: &ArgMatches, out: &Output, secrets: &Secrets) -> Result<(), Failure> {
    let overlay = overlay::overlay().map_err(Failure::usage)?;
    if cli.global.password_stdin && reads_stdin(&cli.command) {
        return Err(Failure::usage(
            "--password-stdin and a file read from standard input (`-`) cannot be combined",
        ));
    }
    match &cli.command {
        // These need nothing else: no config file, no credentials.
        Command::Order(OrderCommand::Template { .. }) => {
            return commands::run(&cli.command, &offline_context(out, overlay));
        }
        Command::Completions { shell } => {
            return manual::completions(*shell, out);
        }
        Command::Man { out: dir } => return manual::man(dir.as_deref(), out),
        Command::Sandbox(_) => {
            let given: Vec<String> = cli::CLIENT_ONLY_OPTIONS
                .iter()
                .filter(|id| cli::given(matches, id))
                .map(|id| format!("--{}", id.replace('_', "-")))
                .collect();
            if !given.is_empty() {
                return Err(Failure::usage(format!(
                    "gas sandbox does not take {}: those are for the commands that call a server",
                    given.join(", ")
                )));
            }
        }
        _ => {}
    }
    let settings = config::resolve(&cli.global, &config::real_env, &mut std::io::stdin().lock())?;
    if let Some(password) = &settings.password {
        secrets.add(password.expose());
    }
    for warning in &settings.warnings {
        out.warning(warning, &[]);
    }
    if let Command::Sandbox(args) = &cli.command {
        return sandbox::run(args, &settings, out);
    }
    if let Command::Probe(args) = &cli.command {
        return probe::run(args, &settings, out);
    }
    let service = service::ClientService::new(settings, secrets.clone());
    let ctx = Context {
        out,
        service: &service,
        overlay,
        read_file: &commands::read_file_or_stdin,
        env: &config::real_env,
    };
    commands::run(&cli.command, &ctx)
}

/// Whether the command reads a file from standard input.
fn reads_stdin(command: &Command) -> bool {
    let dash = |p: &std::path::Path| p == std::path::Path::new("-");
    match command {
        Command::Order(order) => order
            .order()
            .is_some_and(|(_, a)| dash(&a.file) || a.csr.as_deref().is_some_and(dash)),
        Command::Reissue(args) => args.csr.as_deref().is_some_and(dash),
        _ => false,
    }
}

/// A context for commands that never reach the service.
fn offline_context<'a>(out: &'a Output, overlay: &'static overlay::Overlay) -> Context<'a> {
    struct Offline;
    impl commands::Service for Offline {
        fn dry_run(
            &self,
            operation: &'static str,
            _: &serde_json::Value,
        ) -> Result<String, Failure> {
            Err(Failure::usage(format!("{operation}: not available here")))
        }
        fn call(
            &self,
            operation: &'static str,
            _: &serde_json::Value,
        ) -> Result<commands::Outcome, Failure> {
            Err(Failure::usage(format!("{operation}: not available here")))
        }
    }
    static OFFLINE: Offline = Offline;
    Context {
        out,
        service: &OFFLINE,
        overlay,
        read_file: &commands::read_file_or_stdin,
        env: &config::real_env,
    }
}

/// `-v`: what each call does (info); `-vv`: details (debug); `-vvv`: everything gas and
/// gas-client log (trace). HTTP libraries stay at warnings: their traces are not meant
/// for operators. Every line goes through the secret mask.
fn init_tracing(verbose: u8, secrets: &Secrets) {
    let level = match verbose {
        0 => return,
        1 => "info",
        2 => "debug",
        _ => "trace",
    };
    let filter = tracing_subscriber::EnvFilter::new(format!(
        "warn,gas={level},gas_client={level},soap_runtime={level},gas_sandbox={level}"
    ));
    let secrets = secrets.clone();
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_target(verbose >= 2)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .with_writer(move || MaskingWriter::new(std::io::stderr(), secrets.clone()))
        .try_init();
}
