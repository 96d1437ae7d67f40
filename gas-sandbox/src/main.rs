//! `gas-sandbox`: run a local GasOrderService v2.
//!
//! ```text
//! gas-sandbox --listen 127.0.0.1:8443 --account USER:PASSWORD [--account ...]
//!             [--accounts-file FILE] [--state FILE] [--issue-policy on-order|manual]
//!             [--admin] [--dialect wsdl|spec] [--refuse-ps2]
//!             [--max-orders N] [--max-connections N] [--listen-backlog N]
//!             [--header-read-timeout D] [--body-read-timeout D] [--idle-timeout D]
//! ```

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, ValueEnum};
use gas_sandbox::Sandbox;
use gas_sandbox::accounts::Accounts;
use gas_sandbox::dialect::Dialect;
use gas_sandbox::emulator::IssuePolicy;
use gas_sandbox::options::LimitOptions;

/// A local GlobalSign GasOrderService v2 (client certificates) for tests and CI.
///
/// Serves POST /pc/ws/v2/GasOrderService and GET /pc/ws/v2/GasOrderService?wsdl over plain
/// HTTP. Orders are kept in memory unless --state names a file.
#[derive(Debug, Parser)]
#[command(name = "gas-sandbox", version)]
struct Cli {
    /// Address to listen on.
    #[arg(long, default_value = "127.0.0.1:8443", env = "GAS_SANDBOX_LISTEN")]
    listen: SocketAddr,

    /// An API account as USER:PASSWORD (repeatable). The password may contain colons.
    #[arg(long = "account", value_name = "USER:PASSWORD")]
    accounts: Vec<String>,

    /// A file of accounts: one USER:PASSWORD per line; blank lines and # comments skipped.
    #[arg(long, value_name = "FILE")]
    accounts_file: Vec<PathBuf>,

    /// Keep orders, counters and the test CA in this file (created if missing), so a
    /// restart loses nothing.
    #[arg(long, value_name = "FILE")]
    state: Option<PathBuf>,

    /// When GlobalSign's out-of-API steps (vetting, pick-up, revocation) happen.
    #[arg(long, value_enum, default_value_t = Policy::OnOrder)]
    issue_policy: Policy,

    /// Serve the admin API under /sandbox/admin/ (fault injection, vetting, pick-up,
    /// revocation). Unauthenticated: loopback only.
    #[arg(long)]
    admin: bool,

    /// The shape of the answers: our WSDL's, or the spec's outlines as printed (their
    /// wrapper names, doubled elements and other spellings; see ERRATA E3, E7–E9, E17–E19,
    /// E26, E84, E87).
    #[arg(long, value_enum, default_value_t = DialectArg::Wsdl)]
    dialect: DialectArg,
    /// Refuse new PS2 orders (−9200), as GlobalSign does since API 2.4.5.
    #[arg(long)]
    refuse_ps2: bool,

    /// Largest request body in bytes.
    #[arg(long, default_value_t = gas_sandbox::DEFAULT_MAX_REQUEST_BYTES)]
    max_request_bytes: usize,

    #[command(flatten)]
    limits: LimitOptions,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum Policy {
    /// Vet and issue while the order call runs; revoke at once.
    OnOrder,
    /// Leave orders waiting (for the admin steps of the library API).
    Manual,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum DialectArg {
    /// As `wsdl/GasOrderService.wsdl` describes them.
    Wsdl,
    /// As the spec's response outlines print them.
    Spec,
}

fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info")),
        )
        .with_writer(std::io::stderr)
        .init();
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("gas-sandbox: {message}");
            ExitCode::FAILURE
        }
    }
}

fn run(cli: Cli) -> Result<(), String> {
    let mut accounts = Accounts::new();
    for (index, entry) in cli.accounts.iter().enumerate() {
        let (user, password) = Accounts::parse_entry(entry, &format!("--account #{}", index + 1))
            .map_err(|e| e.to_string())?;
        accounts.insert(user, password);
    }
    for file in &cli.accounts_file {
        accounts.load_file(file).map_err(|e| e.to_string())?;
    }
    if accounts.is_empty() {
        return Err("no accounts: give --account USER:PASSWORD or --accounts-file FILE".into());
    }
    let users: Vec<String> = accounts.users().map(str::to_owned).collect();

    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| format!("cannot start the async runtime: {e}"))?;
    runtime.block_on(async move {
        let mut builder = Sandbox::builder()
            .accounts(accounts)
            .listen(cli.listen)
            .max_request_bytes(cli.max_request_bytes)
            .admin_api(cli.admin)
            .dialect(match cli.dialect {
                DialectArg::Wsdl => Dialect::Wsdl,
                DialectArg::Spec => Dialect::Spec,
            })
            .refuse_ps2(cli.refuse_ps2)
            .server_limits(cli.limits.server_limits())
            .max_orders(cli.limits.max_orders())
            .issue_policy(match cli.issue_policy {
                Policy::OnOrder => IssuePolicy::OnOrder,
                Policy::Manual => IssuePolicy::Manual,
            });
        if let Some(state) = &cli.state {
            builder = builder.state_file(state);
        }
        let sandbox = builder.start().await.map_err(|e| e.to_string())?;
        tracing::info!(url = sandbox.url(), accounts = ?users, "serving; Ctrl-C stops");
        println!("{}", sandbox.url());
        for (page, url) in sandbox.page_urls() {
            eprintln!("gas-sandbox: {page} page: {url}");
        }
        wait_for_signal().await;
        tracing::info!("stopping");
        sandbox.shutdown().await;
        Ok(())
    })
}

/// Ctrl-C, or SIGTERM on Unix (what `docker stop` and CI runners send).
async fn wait_for_signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        match signal(SignalKind::terminate()) {
            Ok(mut term) => {
                tokio::select! {
                    _ = tokio::signal::ctrl_c() => {}
                    _ = term.recv() => {}
                }
            }
            Err(_) => {
                let _ = tokio::signal::ctrl_c().await;
            }
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
}
