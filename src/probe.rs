//! `gas probe`: what the first user with GlobalSign credentials runs to find out where
//! the live service differs from our WSDL, and to send us what was seen.
//!
//! 1. Fetches the service's `?wsdl` and prints the API-level summary against ours (the
//!    same comparison as `cargo xtask regen`: codegen's `surface::diff`, with the spec
//!    overlay applied to both sides so that only the WSDL's differences show).
//! 2. Makes read-only calls only: `GetOrders` over a narrow recent window,
//!    `GetOrderByOrderID` for one order it found, `GetModifiedOrders` over the same
//!    window. Each answer is read as strict reading would judge it, but recorded instead
//!    of stopped at the first deviation: every deviation from our WSDL is listed (path,
//!    kind, raw value) and counted as a difference.
//! 3. With `--record DIR`, writes every exchange with the secrets masked and the personal
//!    data replaced by placeholders of the same length and shape ([`redact`]).
//!
//! It never orders, modifies or resends: its calls go through [`Queries`], which accepts
//! only the three query operations, with retries off, and on the wire through [`relay`],
//! which forwards nothing else.

mod redact;
mod relay;

pub(crate) use relay::READ_ONLY;

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::time::Duration;

use gas_client::generated::{operations, types};
use gas_client::{Credentials, Endpoint as ClientEndpoint, GasClient, GasOperation, RetryPolicy};

use crate::cli::ProbeArgs;
use crate::config::{Endpoint, Settings};
use crate::failure::{Exit, Failure};
use crate::output::Output;

/// Our API surface, as `cargo xtask regen` wrote it next to the generated code.
const OUR_SURFACE: &str = include_str!("../gas-client/src/generated/API.txt");

pub fn run(args: &ProbeArgs, settings: &Settings, out: &Output) -> Result<(), Failure> {
    let (user, password) = settings.credentials()?;
    let upstream = match settings.endpoint()? {
        Endpoint::Live => ClientEndpoint::LIVE_URL.to_owned(),
        Endpoint::Test => ClientEndpoint::TEST_URL.to_owned(),
        Endpoint::Url(url) => url.clone(),
    };
    let timeout = settings.timeout.unwrap_or(Duration::from_secs(60));
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| internal(format!("cannot start the runtime: {e}")))?;
    let credentials = Credentials::new(user, password.clone());
    let report = runtime.block_on(probe(&upstream, credentials, timeout, args))?;
    out.text(&report.text);
    if let Some(dir) = &args.record {
        // As given and as XML writes it (a server could echo it in any element).
        let escaped = quick_xml::escape::escape(password.expose()).into_owned();
        write_recording(dir, &report, &[password.expose(), &escaped])?;
        out.note(&format!(
            "gas probe: {} files written to {} (secrets masked, personal data replaced); \
             attach them to a bug report",
            2 * report.exchanges.len() + usize::from(report.wsdl.is_some()),
            dir.display()
        ));
    }
    Ok(())
}

/// What a probe saw: the text report, and the bytes for `--record`.
struct Report {
    text: String,
    wsdl: Option<Vec<u8>>,
    exchanges: Vec<relay::Exchange>,
}

async fn probe(
    upstream: &str,
    credentials: Credentials,
    timeout: Duration,
    args: &ProbeArgs,
) -> Result<Report, Failure> {
    let http = gas_client::http_client_builder()
        .map_err(|e| internal(format!("cannot build the HTTP client: {e}")))?
        .timeout(timeout)
        .user_agent(concat!("gas-cli/", env!("CARGO_PKG_VERSION"), " probe"))
        .build()
        .map_err(|e| internal(format!("cannot build the HTTP client: {e}")))?;
    let mut text = String::new();
    let mut differences = 0usize;
    let _ = writeln!(text, "gas probe: {upstream} (read-only)");

    // 1. The WSDL, compared with ours in API terms.
    let wsdl = fetch_wsdl(&http, upstream).await;
    let wsdl = match wsdl {
        Ok(bytes) => {
            match api_changes(&bytes) {
                Ok(changes) if changes.is_empty() => {
                    let _ = writeln!(text, "WSDL: API changes against ours: none");
                }
                Ok(changes) => {
                    differences += changes.len();
                    let _ = writeln!(text, "WSDL: API changes against ours ({}):", changes.len());
                    for change in changes {
                        let _ = writeln!(text, "  {change}");
                    }
                }
                Err(e) => {
                    differences += 1;
                    let _ = writeln!(text, "WSDL: could not be compared: {e}");
                }
            }
            Some(bytes)
        }
        Err(e) => {
            let _ = writeln!(text, "WSDL: not fetched: {e}");
            None
        }
    };

    // 2. The three queries, through the relay.
    let relay = relay::Relay::start(upstream.to_owned(), http)
        .await
        .map_err(|e| internal(format!("cannot start the probe's relay: {e}")))?;
    let client = GasClient::builder(ClientEndpoint::Url(relay.url().to_owned()), credentials)
        .timeout(timeout)
        .retry_policy(RetryPolicy::none())
        .user_agent(concat!("gas-cli/", env!("CARGO_PKG_VERSION"), " probe"))
        .build()
        .map_err(|e| internal(format!("cannot build the client: {e}")))?;
    let queries = Queries { client };
    let modified = types::PcV2GetModifiedOrdersRequest::since(std::time::Duration::from_secs(
        u64::from(args.days) * 86_400,
    ));
    let (day_from, day_to) = (modified.from_date.date_only(), modified.to_date.date_only());

    let mut filter = types::OrdersQueryOption {
        request_date_from: Some(day_from),
        request_date_to: Some(day_to),
        ..types::OrdersQueryOption::default()
    };
    ask_everything(&mut filter);
    let label = format!("GetOrders (requested {day_from} to {day_to})");
    let found = queries
        .call::<operations::GetOrders>(types::GetOrders {
            request: Some(types::PcV2GetOrdersRequest::new(filter)),
        })
        .await;
    let first_order = found
        .as_ref()
        .ok()
        .and_then(|r| r.response.as_ref())
        .and_then(|r| r.order_detail.iter().find_map(|d| d.order_info.as_ref()))
        .map(|info| info.order_id.clone());
    let count = found
        .as_ref()
        .ok()
        .and_then(|r| r.response.as_ref())
        .map(|r| r.order_detail.len());
    differences += describe(&mut text, &label, found, count);

    match first_order {
        Some(order_id) => {
            let mut request = types::PcV2GetOrderByOrderIDRequest::new(order_id.clone());
            request.order_query_option = Some(types::OrderQueryOption {
                return_order_option: Some(true),
                return_certificate_info: Some(true),
                return_fulfillment: Some(true),
                return_ca_certs: Some(true),
            });
            let answer = queries
                .call::<operations::GetOrderByOrderID>(types::GetOrderByOrderID {
                    request: Some(request),
                })
                .await;
            let label = format!("GetOrderByOrderID {order_id}");
            differences += describe(&mut text, &label, answer, None);
        }
        None => {
            let _ = writeln!(
                text,
                "GetOrderByOrderID: skipped (no order requested in the window; try --days)"
            );
        }
    }

    let mut modified = modified;
    modified.order_query_option = Some(types::ModifiedOrdersQueryOption {
        return_order_option: Some(true),
        return_certificate_info: Some(true),
        return_fulfillment: Some(true),
        return_ca_certs: Some(true),
        ..types::ModifiedOrdersQueryOption::default()
    });
    let label = format!(
        "GetModifiedOrders ({} to {})",
        modified.from_date, modified.to_date
    );
    let answer = queries
        .call::<operations::GetModifiedOrders>(types::GetModifiedOrders {
            request: Some(modified),
        })
        .await;
    let count = answer
        .as_ref()
        .ok()
        .and_then(|r| r.response.as_ref())
        .map(|r| r.order_detail.len());
    differences += describe(&mut text, &label, answer, count);

    let _ = writeln!(text, "gas probe: {differences} difference(s) from our WSDL");
    Ok(Report {
        text,
        wsdl,
        exchanges: relay.exchanges(),
    })
}

/// The probe's only way to call the service: the three queries, never resent.
struct Queries {
    client: GasClient,
}

/// The operations [`Queries`] accepts. Sealed: implemented here for the three queries
/// only, and each implementation checks at compile time that gas-client itself treats the
/// operation as a query (`IDEMPOTENT`).
trait Query: GasOperation + sealed::Sealed {}

mod sealed {
    pub trait Sealed {}
}

macro_rules! queries {
    ($($op:ident),*) => {$(
        impl sealed::Sealed for operations::$op {}
        impl Query for operations::$op {}
        const _: () = assert!(<operations::$op as GasOperation>::IDEMPOTENT);
    )*};
}
queries!(GetOrders, GetOrderByOrderID, GetModifiedOrders);

impl Queries {
    async fn call<O: Query>(
        &self,
        input: O::Input,
    ) -> Result<gas_client::Response<O::Output>, gas_client::Error> {
        self.client.call::<O>(input).await
    }
}

fn ask_everything(filter: &mut types::OrdersQueryOption) {
    filter.return_order_option = Some(true);
    filter.return_certificate_info = Some(true);
    filter.return_fulfillment = Some(true);
    filter.return_ca_certs = Some(true);
}

/// Prints one call's outcome; returns how many differences from our WSDL it showed.
fn describe<T>(
    text: &mut String,
    label: &str,
    answer: Result<gas_client::Response<T>, gas_client::Error>,
    orders: Option<usize>,
) -> usize {
    match answer {
        Ok(response) => {
            let orders = orders
                .map(|n| format!(", {n} order(s)"))
                .unwrap_or_default();
            let warnings = response.warnings().len();
            let warnings = if warnings > 0 {
                format!(", {warnings} warning(s)")
            } else {
                String::new()
            };
            let found = response.deviations();
            if found.is_empty() {
                let _ = writeln!(
                    text,
                    "{label}: answered{orders}{warnings}; deviations: none"
                );
            } else {
                // Read with recording rather than strictly: strict reading stops at the
                // first deviation, and the point here is to see them all.
                let _ = writeln!(
                    text,
                    "{label}: answered{orders}{warnings}; deviations from our WSDL ({}, each \
                     refused by --strict-reading):",
                    found.len()
                );
                for deviation in found {
                    let _ = writeln!(text, "  {}", crate::deviations::line(deviation));
                }
            }
            found.len()
        }
        Err(gas_client::Error::Api(errors)) => {
            let _ = writeln!(text, "{label}: refused: {errors}");
            0
        }
        Err(e @ gas_client::Error::Decode { .. }) => {
            let _ = writeln!(text, "{label}: the answer could not be read: {e}");
            1
        }
        Err(e) => {
            let _ = writeln!(text, "{label}: failed: {e}");
            0
        }
    }
}

async fn fetch_wsdl(http: &reqwest::Client, upstream: &str) -> Result<Vec<u8>, String> {
    let url = format!("{upstream}?wsdl");
    let reply = http
        .get(&url)
        .send()
        .await
        .map_err(|e| format!("{url}: {e}"))?;
    let status = reply.status();
    let bytes = reply.bytes().await.map_err(|e| format!("{url}: {e}"))?;
    if !status.is_success() {
        return Err(format!("{url}: HTTP status {}", status.as_u16()));
    }
    Ok(bytes.to_vec())
}

/// The live WSDL against ours, as `cargo xtask regen` summarises a new WSDL: each
/// operation, type, field and value added, removed or changed. The spec overlay is
/// applied to the live side too, so only what the WSDL says differently shows.
fn api_changes(wsdl: &[u8]) -> Result<Vec<soapgen_codegen::surface::Change>, String> {
    let ours = soapgen_codegen::surface::Surface::parse(OUR_SURFACE)
        .map_err(|e| format!("our API.txt (embedded), line {}: {}", e.line, e.message))?;
    // The loader reads files (a WSDL may import others; then the import is named in
    // the error, as the probe fetches only `?wsdl`).
    let dir = std::env::temp_dir().join(format!("gas-probe-{}", std::process::id()));
    std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let path = dir.join("GasOrderService.wsdl");
    std::fs::write(&path, wsdl).map_err(|e| format!("{}: {e}", path.display()))?;
    let loaded = soapgen_codegen::load(&path, &soapgen_codegen::LoadOptions::default());
    let _ = std::fs::remove_dir_all(&dir);
    let model = loaded.map_err(|e| e.to_string())?;
    let overlay = soapgen_codegen::overlay::Overlay::parse(
        crate::overlay::OVERLAY_TOML,
        "wsdl/spec-overlay.toml",
    )
    .map_err(|e| e.to_string())?;
    let mut live = soapgen_codegen::surface::Surface::from_model(&model);
    live.add_overlay(&overlay);
    Ok(soapgen_codegen::surface::diff(&ours, &live))
}

/// Writes `DIR/GasOrderService.wsdl` as received and `DIR/NN-Operation.request.xml` /
/// `.response.xml` per exchange, redacted.
fn write_recording(dir: &Path, report: &Report, secrets: &[&str]) -> Result<(), Failure> {
    let write = |path: PathBuf, text: &[u8]| {
        std::fs::write(&path, text).map_err(|e| {
            Failure::new(
                Exit::Usage,
                "record",
                format!("cannot write {}: {e}", path.display()),
            )
        })
    };
    std::fs::create_dir_all(dir).map_err(|e| {
        Failure::new(
            Exit::Usage,
            "record",
            format!("cannot create {}: {e}", dir.display()),
        )
    })?;
    if let Some(wsdl) = &report.wsdl {
        write(dir.join("GasOrderService.wsdl"), wsdl)?;
    }
    for (n, exchange) in report.exchanges.iter().enumerate() {
        let stem = format!("{:02}-{}", n + 1, exchange.operation);
        write(
            dir.join(format!("{stem}.request.xml")),
            redact::redact(&exchange.request, secrets).as_bytes(),
        )?;
        let mut response = redact::redact(&exchange.response, secrets);
        if exchange.status != 200 {
            response = format!("<!-- HTTP status {} -->\n{response}", exchange.status);
        }
        write(
            dir.join(format!("{stem}.response.xml")),
            response.as_bytes(),
        )?;
    }
    Ok(())
}

fn internal(message: String) -> Failure {
    Failure::new(Exit::Transport, "internal", message)
}
