//! `gas sandbox`: the local GasOrderService from `gas-sandbox`, for trying `gas` out and
//! for scripts' tests. It prints its URL on stdout (`{"url": ...}` with `--json`) and
//! serves until Ctrl-C or SIGTERM.

use gas_sandbox::Sandbox;
use gas_sandbox::accounts::Accounts;
use gas_sandbox::emulator::IssuePolicy;
use serde_json::json;

use crate::cli::{IssuePolicyArg, SandboxArgs};
use crate::config::Settings;
use crate::failure::{Exit, Failure};
use crate::output::Output;

pub fn run(args: &SandboxArgs, settings: &Settings, out: &Output) -> Result<(), Failure> {
    let mut accounts = Accounts::new();
    for entry in &args.accounts {
        let (user, password) =
            Accounts::parse_entry(entry, "--account").map_err(|e| Failure::usage(e.to_string()))?;
        out.secrets.add(&password);
        accounts.insert(user, password);
    }
    for file in &args.accounts_file {
        accounts
            .load_file(file)
            .map_err(|e| Failure::usage(e.to_string()))?;
    }
    if accounts.is_empty() {
        match (&settings.username, &settings.password) {
            (Some(user), Some(password)) => accounts.insert(user.clone(), password.expose()),
            _ => {
                return Err(Failure::usage(
                    "the sandbox needs an account: --account USER:PASSWORD, --accounts-file FILE, or GAS_USERNAME and GAS_PASSWORD",
                ));
            }
        }
    }
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| {
            Failure::new(
                Exit::Transport,
                "internal",
                format!("cannot start the runtime: {e}"),
            )
        })?;
    runtime.block_on(async {
        let mut builder = Sandbox::builder()
            .accounts(accounts)
            .listen(args.listen)
            .admin_api(args.admin)
            .refuse_ps2(args.refuse_ps2)
            .server_limits(args.limits.server_limits())
            .max_orders(args.limits.max_orders())
            .issue_policy(match args.issue_policy {
                IssuePolicyArg::OnOrder => IssuePolicy::OnOrder,
                IssuePolicyArg::Manual => IssuePolicy::Manual,
            });
        if let Some(state) = &args.state {
            builder = builder.state_file(state);
        }
        let sandbox = builder
            .start()
            .await
            .map_err(|e| Failure::usage(format!("the sandbox cannot start: {e}")))?;
        if out.json {
            let pages: serde_json::Map<String, serde_json::Value> = sandbox
                .page_urls()
                .into_iter()
                .map(|(page, url)| (page.to_owned(), url.into()))
                .collect();
            out.json_line(
                &json!({ "url": sandbox.url(), "wsdl": sandbox.wsdl_url(), "pages": pages }),
            );
        } else {
            // Plain HTTP beyond loopback must be allowed by the client too.
            let plain = if sandbox.addr().ip().is_loopback() {
                ""
            } else {
                " --allow-plain-http"
            };
            out.text(&format!("{}\n", sandbox.url()));
            out.note(&format!(
                "gas: sandbox serving at {} (WSDL: {}); Ctrl-C stops it. Try: gas --endpoint {}{plain} orders",
                sandbox.url(),
                sandbox.wsdl_url(),
                sandbox.url()
            ));
            let pages = sandbox.page_urls();
            if pages.is_empty() {
                out.note("gas: --admin adds the admin API and the outbox and operator pages");
            }
            for (page, url) in pages {
                out.note(&format!("gas: {page} page: {url}"));
            }
        }
        wait_for_signal().await;
        sandbox.shutdown().await;
        Ok(())
    })
}

/// Ctrl-C, or SIGTERM on Unix (what service managers and CI runners send).
async fn wait_for_signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        if let Ok(mut term) = signal(SignalKind::terminate()) {
            tokio::select! {
                _ = tokio::signal::ctrl_c() => {}
                _ = term.recv() => {}
            }
            return;
        }
    }
    let _ = tokio::signal::ctrl_c().await;
}
