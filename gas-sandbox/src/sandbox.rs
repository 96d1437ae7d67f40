//! Starting a sandbox: [`Sandbox::builder`] → [`SandboxBuilder::start`] →
//! [`SandboxHandle`] (URL, address, emulator and fault plan for tests, shutdown).
//!
//! ```no_run
//! # async fn demo() -> Result<(), gas_sandbox::SandboxError> {
//! let sandbox = gas_sandbox::Sandbox::builder()
//!     .account("user", "password")
//!     .start()
//!     .await?;
//! println!("GasOrderService at {}", sandbox.url());
//! sandbox.shutdown().await;
//! # Ok(()) }
//! ```

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;

use bytes::Bytes;
use tokio::sync::watch;
use tokio::task::JoinHandle;

use crate::accounts::Accounts;
use crate::ca::{CaError, TestCa};
use crate::clock::{Clock, SystemClock};
use crate::dialect::Dialect;
use crate::emulator::{Emulator, EmulatorError, IssuePolicy};
use crate::faults::{FaultPlan, FaultRule};
use crate::server::{SERVICE_PATH, ServerContext, ServerLimits, bind, serve};
use crate::service::GeneratedHandler;
use crate::soap::SoapHandler;
use crate::store::{Store, StoreError};
use crate::wsdl::{GAS_ORDER_SERVICE_WSDL, WsdlError, rewrite_address};

/// The default retention: how many orders a sandbox keeps before it forgets the oldest
/// ([`SandboxBuilder::max_orders`]). At about 10 KB of memory an order, 10,000 is about
/// 100 MB (and a 140 MB state file, a restart of about half a second): more than a CI job
/// places, small enough for any runner. 100,000 would be a gigabyte.
pub const DEFAULT_MAX_ORDERS: usize = 10_000;

/// The default limit on a request body (a CSR is at most 4000 characters; orders are a few
/// kilobytes).
pub const DEFAULT_MAX_REQUEST_BYTES: usize = 1024 * 1024;

/// Why a sandbox could not start.
#[derive(Debug, thiserror::Error)]
pub enum SandboxError {
    #[error("cannot listen on {addr}: {source}")]
    Bind {
        addr: SocketAddr,
        source: std::io::Error,
    },
    #[error("state file: {0}")]
    Store(#[from] StoreError),
    #[error("test CA: {0}")]
    Ca(#[from] CaError),
    #[error("serving the WSDL: {0}")]
    Wsdl(#[from] WsdlError),
}

impl From<EmulatorError> for SandboxError {
    fn from(e: EmulatorError) -> Self {
        match e {
            EmulatorError::Store(e) => Self::Store(e),
            EmulatorError::Ca(e) => Self::Ca(e),
        }
    }
}

/// Builds the SOAP handler once the emulator exists (the seam where the generated
/// dispatcher plugs in).
pub type HandlerFactory = Arc<dyn Fn(Arc<Emulator>) -> Arc<dyn SoapHandler> + Send + Sync>;

/// Entry point: see the module docs.
#[derive(Debug)]
pub struct Sandbox;

impl Sandbox {
    pub fn builder() -> SandboxBuilder {
        SandboxBuilder::default()
    }
}

/// Options for a sandbox; every one has a default suited to tests.
pub struct SandboxBuilder {
    accounts: Accounts,
    listen: SocketAddr,
    state_file: Option<PathBuf>,
    policy: IssuePolicy,
    clock: Arc<dyn Clock>,
    faults: Vec<(String, FaultRule)>,
    max_request_bytes: usize,
    handler: Option<HandlerFactory>,
    admin_api: bool,
    dialect: Dialect,
    refuse_ps2: bool,
    limits: ServerLimits,
    max_orders: Option<usize>,
}

impl std::fmt::Debug for SandboxBuilder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SandboxBuilder")
            .field("accounts", &self.accounts)
            .field("listen", &self.listen)
            .field("state_file", &self.state_file)
            .field("policy", &self.policy)
            .field("max_request_bytes", &self.max_request_bytes)
            .field("admin_api", &self.admin_api)
            .field("dialect", &self.dialect)
            .field("refuse_ps2", &self.refuse_ps2)
            .field("limits", &self.limits)
            .field("max_orders", &self.max_orders)
            .finish_non_exhaustive()
    }
}

impl Default for SandboxBuilder {
    fn default() -> Self {
        Self {
            accounts: Accounts::new(),
            listen: SocketAddr::from(([127, 0, 0, 1], 0)),
            state_file: None,
            policy: IssuePolicy::OnOrder,
            clock: Arc::new(SystemClock),
            faults: Vec::new(),
            max_request_bytes: DEFAULT_MAX_REQUEST_BYTES,
            handler: None,
            admin_api: false,
            dialect: Dialect::Wsdl,
            refuse_ps2: false,
            limits: ServerLimits::default(),
            max_orders: Some(DEFAULT_MAX_ORDERS),
        }
    }
}

impl SandboxBuilder {
    /// Adds an API account (`AuthToken/UserName`, `Password`).
    pub fn account(mut self, user: impl Into<String>, password: impl Into<String>) -> Self {
        self.accounts.insert(user, password);
        self
    }

    /// Adds every account of `accounts`.
    pub fn accounts(mut self, accounts: Accounts) -> Self {
        self.accounts.extend(accounts);
        self
    }

    /// The address to listen on (default `127.0.0.1:0`: an ephemeral loopback port).
    pub fn listen(mut self, addr: SocketAddr) -> Self {
        self.listen = addr;
        self
    }

    /// Keep state in this file (created if missing) so a restart loses nothing; default:
    /// memory only.
    pub fn state_file(mut self, path: impl Into<PathBuf>) -> Self {
        self.state_file = Some(path.into());
        self
    }

    /// When out-of-API steps (vetting, pick-up, revocation) happen; default
    /// [`IssuePolicy::OnOrder`].
    pub fn issue_policy(mut self, policy: IssuePolicy) -> Self {
        self.policy = policy;
        self
    }

    /// The clock (default: the system clock).
    pub fn clock(mut self, clock: Arc<dyn Clock>) -> Self {
        self.clock = clock;
        self
    }

    /// A fault-injection rule from the start (`operation` is a wire name such as
    /// `OrderPS1`, or [`crate::faults::ANY_OPERATION`]).
    pub fn fault(mut self, operation: impl Into<String>, rule: FaultRule) -> Self {
        self.faults.push((operation.into(), rule));
        self
    }

    /// The largest request body accepted (default [`DEFAULT_MAX_REQUEST_BYTES`]); larger
    /// ones get HTTP 413.
    pub fn max_request_bytes(mut self, limit: usize) -> Self {
        self.max_request_bytes = limit;
        self
    }

    /// Serves the admin API under `/sandbox/admin/` ([`crate::admin`]): fault injection and
    /// out-of-API steps for a sandbox in another process. Off by default; unauthenticated,
    /// so keep it on loopback.
    pub fn admin_api(mut self, enabled: bool) -> Self {
        self.admin_api = enabled;
        self
    }

    /// The shape of the answers (default [`Dialect::Wsdl`]); [`Dialect::Spec`] answers as
    /// the spec's outlines print them ([`crate::dialect`]), also through a replaced handler.
    pub fn dialect(mut self, dialect: Dialect) -> Self {
        self.dialect = dialect;
        self
    }

    /// Refuse new PS2 orders (−9200), as GlobalSign does since API 2.4.5 ("PS2
    /// Discontinue"). Off by default.
    pub fn refuse_ps2(mut self, refuse: bool) -> Self {
        self.refuse_ps2 = refuse;
        self
    }

    /// Timeouts, the connection cap and the listen backlog (default
    /// [`ServerLimits::default`]).
    pub fn server_limits(mut self, limits: ServerLimits) -> Self {
        self.limits = limits;
        self
    }

    /// Retention: keep at most `max` orders, forgetting the oldest (lowest OrderID) when
    /// a new one would exceed it; `None` keeps every order. Default
    /// [`DEFAULT_MAX_ORDERS`]. A forgotten order answers as unknown (−9916); OrderIDs are
    /// never reused.
    pub fn max_orders(mut self, max: Option<usize>) -> Self {
        self.max_orders = max;
        self
    }

    /// Replaces the SOAP handler (default: the generated dispatcher over the emulator,
    /// [`crate::service::GeneratedHandler`]).
    pub fn soap_handler(
        mut self,
        factory: impl Fn(Arc<Emulator>) -> Arc<dyn SoapHandler> + Send + Sync + 'static,
    ) -> Self {
        self.handler = Some(Arc::new(factory));
        self
    }

    /// Opens the state, makes (or loads) the test CA, binds and starts serving on the
    /// current tokio runtime.
    pub async fn start(self) -> Result<SandboxHandle, SandboxError> {
        let (mut store, ca) = match &self.state_file {
            Some(path) => {
                let (store, material) = Store::open(path)?;
                let ca = material.map(TestCa::from_material).transpose()?;
                (store, ca)
            }
            None => (Store::in_memory(), None),
        };
        store.set_max_orders(self.max_orders)?;
        let emulator = Arc::new(
            Emulator::new(self.accounts, store, ca, self.clock.clone(), self.policy)?
                .refusing_ps2(self.refuse_ps2),
        );

        let listener =
            bind(self.listen, self.limits.listen_backlog).map_err(|source| SandboxError::Bind {
                addr: self.listen,
                source,
            })?;
        let addr = listener.local_addr().map_err(|source| SandboxError::Bind {
            addr: self.listen,
            source,
        })?;
        let url = format!("http://{addr}{SERVICE_PATH}");
        emulator.outbox().set_base_url(&format!("http://{addr}"));
        let wsdl = rewrite_address(GAS_ORDER_SERVICE_WSDL, &url)?;

        let faults = Arc::new(FaultPlan::new());
        for (operation, rule) in self.faults {
            faults.set(operation, rule);
        }
        let handler = match &self.handler {
            Some(factory) => factory(emulator.clone()),
            None => default_handler(emulator.clone(), faults.clone(), self.max_request_bytes),
        };
        let handler = self.dialect.wrap(handler);
        let context = Arc::new(ServerContext {
            handler,
            admin: self.admin_api.then(|| emulator.clone()),
            faults: faults.clone(),
            clock: self.clock,
            wsdl: Bytes::from(wsdl),
            max_body: self.max_request_bytes,
            limits: self.limits,
        });
        let (stop, stopped) = watch::channel(false);
        let task = tokio::spawn(serve(listener, context, stopped));
        tracing::info!(%url, persistent = self.state_file.is_some(), "sandbox listening");
        Ok(SandboxHandle {
            addr,
            url,
            pages: self.admin_api,
            emulator,
            faults,
            stop,
            task: Some(task),
        })
    }
}

/// The handler the sandbox uses unless told otherwise: the generated dispatcher over
/// the emulator, with the warnings injected into `faults`.
fn default_handler(
    emulator: Arc<Emulator>,
    faults: Arc<FaultPlan>,
    max_body: usize,
) -> Arc<dyn SoapHandler> {
    let limits = soap_runtime::Limits {
        max_size: max_body,
        ..soap_runtime::Limits::default()
    };
    Arc::new(GeneratedHandler::new(emulator, limits).with_faults(faults))
}

/// A running sandbox. Dropping it stops accepting connections; [`SandboxHandle::shutdown`]
/// also waits for open ones.
#[derive(Debug)]
pub struct SandboxHandle {
    addr: SocketAddr,
    url: String,
    /// Whether the admin API, and with it the pages, is on.
    pages: bool,
    emulator: Arc<Emulator>,
    faults: Arc<FaultPlan>,
    stop: watch::Sender<bool>,
    task: Option<JoinHandle<()>>,
}

impl SandboxHandle {
    /// The service URL: `http://127.0.0.1:<port>/pc/ws/v2/GasOrderService`.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// The WSDL's URL (`<url>?wsdl`).
    pub fn wsdl_url(&self) -> String {
        format!("{}?wsdl", self.url)
    }

    /// The pages people look at ([`crate::pages`]), as (name, URL): the outbox and the
    /// operator page; empty unless the admin API is on. Pick-up pages are linked from the
    /// outbox's e-mails.
    pub fn page_urls(&self) -> Vec<(&'static str, String)> {
        if !self.pages {
            return Vec::new();
        }
        vec![
            (
                "outbox",
                format!("http://{}{}", self.addr, crate::pages::OUTBOX_PATH),
            ),
            (
                "operator",
                format!("http://{}{}", self.addr, crate::pages::OPERATOR_PATH),
            ),
        ]
    }

    /// The address the server listens on.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The emulator behind the service: admin steps (vetting, pick-up, revocation), the
    /// test CA, direct reads of orders.
    pub fn emulator(&self) -> &Arc<Emulator> {
        &self.emulator
    }

    /// The fault-injection rules, changeable while the sandbox runs.
    pub fn faults(&self) -> &FaultPlan {
        &self.faults
    }

    /// Stops accepting connections and waits (up to a few seconds) for open ones.
    pub async fn shutdown(mut self) {
        let _ = self.stop.send(true);
        if let Some(task) = self.task.take()
            && let Err(e) = task.await
        {
            tracing::warn!(error = %e, "sandbox server task failed");
        }
    }
}

impl Drop for SandboxHandle {
    fn drop(&mut self) {
        let _ = self.stop.send(true);
    }
}
