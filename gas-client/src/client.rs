//! [`GasClient`] and its builder: configuration made once, shared by every call.
//!
//! The transport is soap-client's: the builder checks what is GlobalSign's (credentials
//! never in the URL, plain HTTP only on loopback) and hands the rest (timeouts, TLS
//! roots, the caller's reqwest client, limits, retries) to a [`soap_client::Client`].

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use soap_client::reqwest;
use soap_client::reqwest::Url;
use soap_runtime::Limits;

use crate::endpoint::{Credentials, Endpoint};
use crate::retry::RetryPolicy;

/// Default time allowed to establish a connection (TCP and TLS).
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
/// Default time allowed for one whole HTTP exchange, from connecting to the last body byte.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(60);
/// Default `User-Agent` header.
pub const DEFAULT_USER_AGENT: &str = concat!("gas-client/", env!("CARGO_PKG_VERSION"));

/// A client for GlobalSign's GasOrderService v2.
///
/// Build it once with [`GasClient::builder`] and share it: it is cheap to clone (the
/// configuration and the connection pool are behind an `Arc`) and can be used from many
/// tasks at once.
///
/// ```no_run
/// use gas_client::{Credentials, Endpoint, GasClient};
/// # fn main() -> Result<(), gas_client::BuildError> {
/// let client = GasClient::builder(Endpoint::Test, Credentials::new("PAR12345_api", "secret"))
///     .timeout(std::time::Duration::from_secs(30))
///     .build()?;
/// # Ok(()) }
/// ```
#[derive(Clone)]
pub struct GasClient {
    pub(crate) inner: Arc<ClientInner>,
}

pub(crate) struct ClientInner {
    /// The transport: endpoint, HTTP client, timeouts, size limit, retries.
    pub(crate) soap: soap_client::Client,
    /// The endpoint's host, for tracing.
    pub(crate) host: String,
    pub(crate) credentials: Credentials,
    /// For `Debug` (soap-client applies them).
    timeout: Duration,
    user_agent: String,
    pub(crate) retry: RetryPolicy,
    pub(crate) limits: Limits,
    /// Every deviation from the WSDL in a response is a decode error (see
    /// [`GasClientBuilder::strict_reading`]).
    pub(crate) strict_reading: bool,
}

impl fmt::Debug for GasClient {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("GasClient")
            .field("endpoint", &self.inner.soap.url())
            .field("credentials", &self.inner.credentials)
            .field("timeout", &self.inner.timeout)
            .field("user_agent", &self.inner.user_agent)
            .field("retry", &self.inner.retry)
            .field("strict_reading", &self.inner.strict_reading)
            .finish_non_exhaustive()
    }
}

impl GasClient {
    /// Starts building a client for `endpoint` with the account's credentials.
    pub fn builder(endpoint: Endpoint, credentials: Credentials) -> GasClientBuilder {
        GasClientBuilder {
            endpoint,
            credentials,
            connect_timeout: DEFAULT_CONNECT_TIMEOUT,
            timeout: DEFAULT_TIMEOUT,
            user_agent: DEFAULT_USER_AGENT.to_owned(),
            http_client: None,
            root_certificates: Vec::new(),
            retry: RetryPolicy::default(),
            limits: Limits::default(),
            allow_plain_http: false,
            strict_reading: false,
        }
    }

    /// A client with every default (see [`GasClientBuilder`]).
    pub fn new(endpoint: Endpoint, credentials: Credentials) -> Result<GasClient, BuildError> {
        GasClient::builder(endpoint, credentials).build()
    }

    /// The endpoint URL requests go to.
    pub fn endpoint_url(&self) -> &str {
        self.inner.soap.url()
    }

    /// The account's user name.
    pub fn user_name(&self) -> &str {
        self.inner.credentials.user_name()
    }

    /// The retry policy in force.
    pub fn retry_policy(&self) -> &RetryPolicy {
        &self.inner.retry
    }

    /// The response limits in force.
    pub fn limits(&self) -> &Limits {
        &self.inner.limits
    }

    /// Whether responses are read strictly (see [`GasClientBuilder::strict_reading`]).
    pub fn strict_reading(&self) -> bool {
        self.inner.strict_reading
    }
}

/// Configuration for a [`GasClient`]. Defaults: connect timeout 10 s, whole-request timeout
/// 60 s, `User-Agent: gas-client/<version>`, [`RetryPolicy::default`],
/// [`Limits::default`], TLS through rustls with the platform's root certificates.
#[must_use = "a builder does nothing until .build() is called"]
pub struct GasClientBuilder {
    endpoint: Endpoint,
    credentials: Credentials,
    connect_timeout: Duration,
    timeout: Duration,
    user_agent: String,
    http_client: Option<reqwest::Client>,
    root_certificates: Vec<Vec<u8>>,
    retry: RetryPolicy,
    limits: Limits,
    allow_plain_http: bool,
    strict_reading: bool,
}

impl fmt::Debug for GasClientBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("GasClientBuilder")
            .field("endpoint", &self.endpoint)
            .field("credentials", &self.credentials)
            .field("connect_timeout", &self.connect_timeout)
            .field("timeout", &self.timeout)
            .field("user_agent", &self.user_agent)
            .field("own_http_client", &self.http_client.is_some())
            .field("root_certificates", &self.root_certificates.len())
            .field("retry", &self.retry)
            .field("allow_plain_http", &self.allow_plain_http)
            .field("strict_reading", &self.strict_reading)
            .finish_non_exhaustive()
    }
}

impl GasClientBuilder {
    /// Time allowed to establish a connection (TCP and TLS). Applies to the client's own
    /// HTTP client, not to one given with [`http_client`](Self::http_client).
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = timeout;
        self
    }

    /// Time allowed for one HTTP exchange, from connecting to the last byte of the
    /// response. Each retry gets the full time again.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// The `User-Agent` header sent with every request.
    pub fn user_agent(mut self, user_agent: impl Into<String>) -> Self {
        self.user_agent = user_agent.into();
        self
    }

    /// Use the caller's own `reqwest::Client` (proxies, connection pool, TLS settings are
    /// then the caller's). The whole-request timeout and the `User-Agent` still apply per
    /// request; the connect timeout and extra root certificates cannot be combined with it.
    /// Build it from [`http_client_builder`](crate::http_client_builder) to keep this
    /// crate's TLS (and not depend on a process-wide rustls provider).
    pub fn http_client(mut self, client: reqwest::Client) -> Self {
        self.http_client = Some(client);
        self
    }

    /// Trust one more root certificate (PEM), besides the platform's: for a test server
    /// with its own CA. Certificate verification itself can never be switched off.
    pub fn add_root_certificate_pem(mut self, pem: impl AsRef<[u8]>) -> Self {
        self.root_certificates.push(pem.as_ref().to_vec());
        self
    }

    /// When and how often the client sends a request again (see the crate docs, "Retries").
    pub fn retry_policy(mut self, policy: RetryPolicy) -> Self {
        self.retry = policy;
        self
    }

    /// Bounds on responses: body size (checked while the body streams in, so an oversized
    /// body is never buffered whole), nesting depth and the like.
    pub fn limits(mut self, limits: Limits) -> Self {
        self.limits = limits;
        self
    }

    /// Read responses strictly: every deviation from the WSDL that the reading policy
    /// would record in [`Response::deviations`](crate::Response::deviations) (a repeated or
    /// unknown element or attribute, another wrapper name, an alternative spelling, a
    /// missing required element) is an [`Error::Decode`](crate::Error::Decode) naming its
    /// path instead. For conformance runs and tests; off by default (see the crate docs,
    /// "Reading policy").
    pub fn strict_reading(mut self, strict: bool) -> Self {
        self.strict_reading = strict;
        self
    }

    /// Allow an `http://` endpoint on a host other than loopback. Without it, plain HTTP is
    /// refused except for `localhost`, `127.0.0.0/8` and `::1`, because the password travels
    /// in every request.
    pub fn allow_plain_http(mut self, allow: bool) -> Self {
        self.allow_plain_http = allow;
        self
    }

    /// Checks the configuration and builds the client.
    pub fn build(self) -> Result<GasClient, BuildError> {
        let url = Url::parse(self.endpoint.as_str()).map_err(|e| BuildError::InvalidUrl {
            url: self.endpoint.as_str().to_owned(),
            reason: e.to_string(),
        })?;
        if !url.username().is_empty() || url.password().is_some() {
            return Err(BuildError::InvalidUrl {
                url: redact_userinfo(&url),
                reason: "credentials belong in Credentials, not in the URL".to_owned(),
            });
        }
        let host = url.host_str().unwrap_or_default().to_owned();
        match url.scheme() {
            "https" => {}
            "http" if self.allow_plain_http || is_loopback(&url) => {}
            "http" => return Err(BuildError::PlainHttp { host }),
            other => {
                return Err(BuildError::InvalidUrl {
                    url: url.to_string(),
                    reason: format!("unsupported scheme `{other}` (use https)"),
                });
            }
        }
        if reqwest::header::HeaderValue::from_str(&self.user_agent).is_err() {
            return Err(BuildError::InvalidUserAgent);
        }
        let mut soap = soap_client::Client::builder(url.as_str())
            .connect_timeout(self.connect_timeout)
            .timeout(self.timeout)
            .user_agent(self.user_agent.clone())
            .limits(self.limits.clone())
            // Queries are retried as idempotent per call (`GasOperation::IDEMPOTENT`);
            // every other request only when its connection could not be made.
            .retry_policy(soap_client::RetryPolicy {
                max_attempts: self.retry.max_attempts,
                initial_backoff: self.retry.initial_backoff,
                max_backoff: self.retry.max_backoff,
            });
        if let Some(client) = self.http_client {
            soap = soap.http_client(client);
        }
        for pem in &self.root_certificates {
            soap = soap.add_root_certificate_pem(pem);
        }
        let soap = soap.build().map_err(|e| BuildError::from_soap(e, &url))?;
        Ok(GasClient {
            inner: Arc::new(ClientInner {
                soap,
                host,
                credentials: self.credentials,
                timeout: self.timeout,
                user_agent: self.user_agent,
                retry: self.retry,
                limits: self.limits,
                strict_reading: self.strict_reading,
            }),
        })
    }
}

/// A `reqwest::ClientBuilder` with the TLS a [`GasClient`] gives its own HTTP client
/// (rustls with the crypto provider the crate's features select, the platform's verifier
/// and roots, ALPN `http/1.1`), for a client of your own given to
/// [`GasClientBuilder::http_client`]: add a proxy or pool settings, then `build()`. Leave
/// its `tls_*` methods alone: the TLS configuration is fixed, so settings such as extra
/// certificates are ignored, and `tls_backend_*` would replace it with reqwest's own.
///
/// Start from this rather than `reqwest::Client::new()`: with this crate's default features
/// reqwest has no crypto provider of its own, and `reqwest::Client::new()` panics unless the
/// program installed a process-wide rustls provider or turned on reqwest's `rustls` feature.
pub fn http_client_builder() -> Result<reqwest::ClientBuilder, BuildError> {
    soap_client::http_client_builder().map_err(|e| match e {
        soap_client::BuildError::Tls(reason) => BuildError::Tls(reason),
        other => BuildError::Tls(other.to_string()),
    })
}

/// Whether the URL's host is loopback (where plain HTTP cannot be overheard).
fn is_loopback(url: &Url) -> bool {
    match url.host() {
        Some(url::Host::Domain(d)) => d.eq_ignore_ascii_case("localhost"),
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        None => false,
    }
}

/// The URL with any user name and password replaced, for error messages.
fn redact_userinfo(url: &Url) -> String {
    let mut shown = url.clone();
    // Setting fails only for URLs that cannot have credentials; then there are none to hide.
    let _ = shown.set_username("***");
    let _ = shown.set_password(None);
    shown.to_string()
}

/// Why a [`GasClient`] could not be built.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum BuildError {
    /// The endpoint is not a usable URL.
    #[error("invalid endpoint URL {url}: {reason}")]
    InvalidUrl {
        /// The URL (any credentials in it redacted).
        url: String,
        /// What is wrong with it.
        reason: String,
    },
    /// Plain `http` to a host that is not loopback, without
    /// [`GasClientBuilder::allow_plain_http`].
    #[error(
        "refusing plain http to {host}: the password would travel unencrypted (use https, or allow_plain_http(true))"
    )]
    PlainHttp {
        /// The endpoint's host.
        host: String,
    },
    /// The user agent is not a valid HTTP header value.
    #[error("the user agent is not a valid HTTP header value")]
    InvalidUserAgent,
    /// A root certificate could not be read as PEM.
    #[error("invalid root certificate: {0}")]
    Certificate(String),
    /// Two settings that cannot be combined.
    #[error("conflicting settings: {0}")]
    Conflict(&'static str),
    /// TLS could not be set up: no rustls crypto provider (the crate's features `ring`
    /// and `aws-lc-rs` both off and none installed by the program), or the platform's
    /// certificate verifier refused to start.
    #[error("cannot set up TLS: {0}")]
    Tls(String),
    /// The HTTP client could not be set up.
    #[error("could not set up the HTTP client: {0}")]
    Http(#[source] reqwest::Error),
    /// The blocking client's runtime could not be started.
    #[error("could not start the blocking client's runtime: {0}")]
    Runtime(#[source] std::io::Error),
}

impl BuildError {
    /// soap-client's refusal of the transport settings (the URL and the user agent were
    /// checked before).
    fn from_soap(error: soap_client::BuildError, url: &Url) -> BuildError {
        match error {
            soap_client::BuildError::Certificate(reason) => BuildError::Certificate(reason),
            soap_client::BuildError::Conflict(what) => BuildError::Conflict(what),
            soap_client::BuildError::Tls(reason) => BuildError::Tls(reason),
            soap_client::BuildError::Http(source) => BuildError::Http(source),
            soap_client::BuildError::Runtime(source) => BuildError::Runtime(source),
            soap_client::BuildError::InvalidUserAgent => BuildError::InvalidUserAgent,
            other => BuildError::InvalidUrl {
                url: redact_userinfo(url),
                reason: other.to_string(),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn creds() -> Credentials {
        Credentials::new("user", "pw-marker-builder")
    }

    #[test]
    fn live_and_test_endpoints_build() {
        let client = GasClient::new(Endpoint::Live, creds()).unwrap();
        assert_eq!(client.endpoint_url(), Endpoint::LIVE_URL);
        let client = GasClient::new(Endpoint::Test, creds()).unwrap();
        assert_eq!(client.inner.host, "test-gcc.globalsign.com");
        assert!(!format!("{client:?}").contains("pw-marker-builder"));
    }

    #[test]
    fn plain_http_only_on_loopback_unless_allowed() {
        for ok in [
            "http://127.0.0.1:8080/pc/ws/v2/GasOrderService",
            "http://localhost/x",
            "http://[::1]:1/x",
        ] {
            GasClient::new(Endpoint::Url(ok.into()), creds()).unwrap();
        }
        let err =
            GasClient::new(Endpoint::Url("http://example.com/x".into()), creds()).unwrap_err();
        assert!(matches!(err, BuildError::PlainHttp { ref host } if host == "example.com"));
        GasClient::builder(Endpoint::Url("http://example.com/x".into()), creds())
            .allow_plain_http(true)
            .build()
            .unwrap();
    }

    #[test]
    fn urls_with_credentials_or_odd_schemes_are_refused() {
        let err = GasClient::new(
            Endpoint::Url("https://bob:hunter2@example.com/x".into()),
            creds(),
        )
        .unwrap_err();
        assert!(matches!(err, BuildError::InvalidUrl { .. }));
        assert!(!err.to_string().contains("hunter2"));
        let err = GasClient::new(Endpoint::Url("ftp://example.com/".into()), creds()).unwrap_err();
        assert!(matches!(err, BuildError::InvalidUrl { .. }));
        let err = GasClient::new(Endpoint::Url("not a url".into()), creds()).unwrap_err();
        assert!(matches!(err, BuildError::InvalidUrl { .. }));
    }

    #[test]
    fn bad_root_certificate_is_reported() {
        let err = GasClient::builder(Endpoint::Test, creds())
            .add_root_certificate_pem(
                "-----BEGIN CERTIFICATE-----\nnot base64!\n-----END CERTIFICATE-----\n",
            )
            .build()
            .unwrap_err();
        assert!(matches!(err, BuildError::Certificate(_)), "{err:?}");
    }

    #[test]
    fn pem_without_certificate_is_reported() {
        let err = GasClient::builder(Endpoint::Test, creds())
            .add_root_certificate_pem("just text")
            .build()
            .unwrap_err();
        assert!(matches!(err, BuildError::Certificate(_)), "{err:?}");
    }

    #[test]
    fn own_http_client_cannot_take_root_certificates() {
        let err = GasClient::builder(Endpoint::Test, creds())
            .http_client(crate::http_client_builder().unwrap().build().unwrap())
            .add_root_certificate_pem("x")
            .build()
            .unwrap_err();
        assert!(matches!(err, BuildError::Conflict(_)));
    }

    #[test]
    fn invalid_user_agent_is_refused() {
        let err = GasClient::builder(Endpoint::Test, creds())
            .user_agent("bad\nagent")
            .build()
            .unwrap_err();
        assert!(matches!(err, BuildError::InvalidUserAgent));
    }
}
