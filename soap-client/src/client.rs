//! [`Client`] and its builder: configuration made once, shared by every call.

use std::collections::BTreeSet;
use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use bytes::Bytes;
use reqwest::Url;
use rustls::pki_types::CertificateDer;
use soap_runtime::envelope::{
    HeaderBlock, OperationHeaders, ReceivedHeaders, RequestHeaders, ResponseHeaders,
};
use soap_runtime::{Envelope, Limits, Operation, SoapVersion, envelope};
use tracing::Instrument;

use crate::error::Error;
use crate::retry::RetryPolicy;
use crate::transport::{self, Reply};

/// Default time allowed to establish a connection (TCP and TLS).
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
/// Default time allowed for one whole HTTP exchange, from connecting to the last body byte.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(60);
const DEFAULT_USER_AGENT: &str = concat!("soap-client/", env!("CARGO_PKG_VERSION"));

/// A SOAP client for one endpoint. Cheap to clone (configuration and connection pool are
/// behind an `Arc`); share it between tasks.
#[derive(Clone)]
pub struct Client {
    inner: Arc<Inner>,
}

struct Inner {
    url: Url,
    host: String,
    http: reqwest::Client,
    timeout: Duration,
    user_agent: String,
    limits: Limits,
    soap_version: Option<SoapVersion>,
    retry: RetryPolicy,
    /// Names of the operations that may be sent again ([`ClientBuilder::idempotent`]).
    idempotent: BTreeSet<&'static str>,
    /// Blocks written in `soap:Header` of every request ([`ClientBuilder::header`]).
    headers: Vec<Arc<dyn HeaderBlock>>,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("url", &self.inner.url.as_str())
            .field("timeout", &self.inner.timeout)
            .field("soap_version", &self.inner.soap_version)
            .field("retry", &self.inner.retry)
            .field("idempotent", &self.inner.idempotent)
            .field("headers", &self.inner.headers.len())
            .finish_non_exhaustive()
    }
}

impl Client {
    /// Starts configuring a client for the endpoint at `url`.
    pub fn builder(url: impl Into<String>) -> ClientBuilder {
        ClientBuilder {
            url: url.into(),
            connect_timeout: DEFAULT_CONNECT_TIMEOUT,
            timeout: DEFAULT_TIMEOUT,
            user_agent: DEFAULT_USER_AGENT.to_owned(),
            http_client: None,
            root_certificates: Vec::new(),
            limits: Limits::default(),
            soap_version: None,
            retry: RetryPolicy::default(),
            idempotent: BTreeSet::new(),
            headers: Vec::new(),
        }
    }

    /// A client for `url` with every default (see [`ClientBuilder`]).
    pub fn new(url: impl Into<String>) -> Result<Client, BuildError> {
        Client::builder(url).build()
    }

    /// The endpoint requests go to.
    pub fn url(&self) -> &str {
        self.inner.url.as_str()
    }

    /// The response limits in force.
    pub fn limits(&self) -> &Limits {
        &self.inner.limits
    }

    /// The SOAP version `O` is sent with: the one forced on the builder, or the binding's.
    pub fn version_of<O: Operation>(&self) -> SoapVersion {
        self.inner.soap_version.unwrap_or(O::SOAP_VERSION)
    }

    /// Calls operation `O`: writes the request envelope (with the client's header blocks,
    /// [`ClientBuilder::header`]), posts it, and reads the response element or the fault.
    /// A response header block marked `mustUnderstand` that `O` does not declare makes the
    /// answer an [`Error::MustUnderstand`]. Runs in a `soap.call` span (fields
    /// `operation`, `host`, `attempts`, `http_status`).
    pub async fn call<O: Operation>(&self, input: O::Input) -> Result<O::Output, Error> {
        self.call_with_headers::<O>(input, &[])
            .await
            .map(|(output, _)| output)
    }

    /// Calls operation `O` with the operation's declared header blocks (the generated
    /// `operations::request_headers::X`), and reads its declared response blocks
    /// (`operations::response_headers::X`) besides the response element.
    pub async fn call_declared<O: OperationHeaders>(
        &self,
        input: O::Input,
        headers: O::RequestHeaders,
    ) -> Result<(O::Output, O::ResponseHeaders), Error> {
        let blocks = headers.blocks();
        let (output, received, reply) = self.call_inner::<O>(input, &blocks).await?;
        let typed =
            O::ResponseHeaders::from_received(&received, &self.inner.limits).map_err(|source| {
                Error::Decode {
                    status: reply.status,
                    source,
                    body_start: reply.body_start(),
                }
            })?;
        Ok((output, typed))
    }

    /// Calls operation `O` with `headers` in `soap:Header` after the client's own blocks,
    /// and returns the response's header blocks as received besides the response element
    /// (read one as its generated type with [`ReceivedHeaders::get`]).
    pub async fn call_with_headers<O: Operation>(
        &self,
        input: O::Input,
        headers: &[&dyn HeaderBlock],
    ) -> Result<(O::Output, ReceivedHeaders), Error> {
        self.call_inner::<O>(input, headers)
            .await
            .map(|(output, received, _)| (output, received))
    }

    async fn call_inner<O: Operation>(
        &self,
        input: O::Input,
        headers: &[&dyn HeaderBlock],
    ) -> Result<(O::Output, ReceivedHeaders, Reply), Error> {
        let version = self.version_of::<O>();
        let inner = &*self.inner;
        let body = if inner.headers.is_empty() {
            envelope::encode_request_with_headers(&input, headers, version)
        } else {
            let mut all: Vec<&dyn HeaderBlock> = inner.headers.iter().map(|h| &**h).collect();
            all.extend_from_slice(headers);
            envelope::encode_request_with_headers(&input, &all, version)
        }
        .map_err(Error::Encode)?;
        let span = tracing::info_span!(
            "soap.call",
            operation = O::NAME,
            host = %inner.host,
            attempts = tracing::field::Empty,
            http_status = tracing::field::Empty,
        );
        let idempotent = inner.idempotent.contains(O::NAME);
        let reply = self
            .exchange(
                O::NAME,
                O::SOAP_ACTION,
                version,
                Bytes::from(body),
                idempotent,
            )
            .instrument(span)
            .await?;
        let (output, received) = decode::<O::Output>(&reply, &inner.limits)?;
        if let Some(block) = received.not_understood(O::OUTPUT_HEADERS) {
            return Err(Error::MustUnderstand {
                status: reply.status,
                header: block.qualified(),
            });
        }
        Ok((output, received, reply))
    }

    /// Posts a complete envelope with `action` and returns the answer as it came (any
    /// status), for callers that decode themselves; retried like [`call`](Self::call)
    /// when the operation named `operation` is marked idempotent
    /// ([`ClientBuilder::idempotent`]).
    ///
    /// It makes no span of its own: it records `attempts` and `http_status` in the
    /// caller's current span (declare them there, empty, to have them), and logs each
    /// retry inside it.
    pub async fn send(
        &self,
        operation: &str,
        action: &str,
        version: SoapVersion,
        envelope: Bytes,
    ) -> Result<Reply, Error> {
        let idempotent = self.inner.idempotent.contains(operation);
        self.exchange(operation, action, version, envelope, idempotent)
            .await
    }

    /// As [`send`](Self::send), for a request the caller knows to be idempotent (a query,
    /// say), whether or not its operation was marked on the builder.
    pub async fn send_idempotent(
        &self,
        operation: &str,
        action: &str,
        version: SoapVersion,
        envelope: Bytes,
    ) -> Result<Reply, Error> {
        self.exchange(operation, action, version, envelope, true)
            .await
    }

    /// The exchange and its retries, in the current span.
    async fn exchange(
        &self,
        operation: &str,
        action: &str,
        version: SoapVersion,
        body: Bytes,
        idempotent: bool,
    ) -> Result<Reply, Error> {
        let inner = &*self.inner;
        let span = tracing::Span::current();
        let mut attempt = 1;
        loop {
            span.record("attempts", attempt);
            let mut result = transport::exchange(
                &inner.http,
                &inner.url,
                &inner.user_agent,
                inner.timeout,
                body.clone(),
                action,
                version,
                inner.limits.max_size,
            )
            .await;
            match &mut result {
                Ok(reply) => {
                    reply.attempts = attempt;
                    span.record("http_status", reply.status);
                }
                Err(Error::Transport { attempts, .. }) => *attempts = attempt,
                Err(_) => {}
            }
            if attempt >= inner.retry.max_attempts || !retryable(&result, idempotent, &inner.limits)
            {
                return result;
            }
            let wait = inner.retry.backoff(attempt);
            let wait_ms = u64::try_from(wait.as_millis()).unwrap_or(u64::MAX);
            match &result {
                Ok(reply) => {
                    tracing::warn!(
                        operation,
                        attempt,
                        wait_ms,
                        status = reply.status,
                        "retrying"
                    )
                }
                Err(error) => tracing::warn!(operation, attempt, wait_ms, %error, "retrying"),
            }
            tokio::time::sleep(wait).await;
            attempt += 1;
        }
    }
}

/// Whether an attempt's outcome may be sent again: a request that never left (the
/// connection could not be made) always; for an idempotent operation also one whose
/// answer was lost in transport, or an HTTP 408, 429 or 5xx that is not a SOAP fault (a
/// proxy's error page, an overloaded server; a fault means the service read the request
/// and answered it).
fn retryable(result: &Result<Reply, Error>, idempotent: bool, limits: &Limits) -> bool {
    match result {
        Err(Error::Transport {
            may_have_reached_server: false,
            ..
        }) => true,
        Err(Error::Transport { .. }) => idempotent,
        Ok(reply) => {
            idempotent && is_retryable_status(reply.status) && !is_fault(&reply.body, limits)
        }
        Err(_) => false,
    }
}

/// HTTP statuses worth another try: 408, 429 and every 5xx.
fn is_retryable_status(status: u16) -> bool {
    status == 408 || status == 429 || (500..600).contains(&status)
}

/// Whether a body is a SOAP envelope whose body holds a fault (reads only up to the
/// body's first element).
fn is_fault(body: &[u8], limits: &Limits) -> bool {
    envelope::request_info(body, limits).is_ok_and(|info| {
        info.name == "Fault" && info.namespace.as_deref() == Some(info.version.namespace())
    })
}

/// Reads a reply: the response element `B` and the header blocks, or the error its status
/// and body amount to.
pub(crate) fn decode<B: soap_runtime::BodyElement>(
    reply: &Reply,
    limits: &Limits,
) -> Result<(B, ReceivedHeaders), Error> {
    match envelope::decode_response_with_headers::<B>(&reply.body, limits, false) {
        Ok((Envelope::Fault(fault), _, _)) => Err(Error::Fault {
            status: reply.status,
            fault: Box::new(fault),
        }),
        Ok((Envelope::Body(body), headers, _)) if (200..300).contains(&reply.status) => {
            Ok((body, headers))
        }
        Ok((Envelope::Body(_), _, _)) => Err(Error::Status {
            status: reply.status,
            body_start: reply.body_start(),
        }),
        Err(source) if (200..300).contains(&reply.status) => Err(Error::Decode {
            status: reply.status,
            source,
            body_start: reply.body_start(),
        }),
        Err(_) => Err(Error::Status {
            status: reply.status,
            body_start: reply.body_start(),
        }),
    }
}

/// Configuration for a [`Client`]. Defaults: connect timeout 10 s, whole-exchange timeout
/// 60 s, `User-Agent: soap-client/<version>`, [`Limits::default`], each operation's own SOAP
/// version, [`RetryPolicy::default`] (for requests that could not be sent, and for
/// operations marked idempotent: none are), TLS through rustls with the platform's root
/// certificates, no redirects.
#[must_use = "a builder does nothing until .build() is called"]
pub struct ClientBuilder {
    url: String,
    connect_timeout: Duration,
    timeout: Duration,
    user_agent: String,
    http_client: Option<reqwest::Client>,
    root_certificates: Vec<Vec<u8>>,
    limits: Limits,
    soap_version: Option<SoapVersion>,
    retry: RetryPolicy,
    idempotent: BTreeSet<&'static str>,
    headers: Vec<Arc<dyn HeaderBlock>>,
}

impl fmt::Debug for ClientBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientBuilder")
            .field("url", &self.url)
            .field("connect_timeout", &self.connect_timeout)
            .field("timeout", &self.timeout)
            .field("own_http_client", &self.http_client.is_some())
            .field("root_certificates", &self.root_certificates.len())
            .field("soap_version", &self.soap_version)
            .field("idempotent", &self.idempotent)
            .field("headers", &self.headers.len())
            .finish_non_exhaustive()
    }
}

impl ClientBuilder {
    /// Time allowed to establish a connection (TCP and TLS); for the client's own HTTP
    /// client only.
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

    /// Use the caller's own `reqwest::Client` (proxies, pool and TLS settings are then
    /// the caller's). The whole-exchange timeout, the `User-Agent` and the limits still
    /// apply; the connect timeout and extra root certificates cannot be combined with it.
    pub fn http_client(mut self, client: reqwest::Client) -> Self {
        self.http_client = Some(client);
        self
    }

    /// Trust the root certificates in this PEM text too, besides the platform's (a
    /// server with its own CA).
    pub fn add_root_certificate_pem(mut self, pem: impl AsRef<[u8]>) -> Self {
        self.root_certificates.push(pem.as_ref().to_vec());
        self
    }

    /// Bounds on responses: size (checked while the body streams in), nesting depth,
    /// text length.
    pub fn limits(mut self, limits: Limits) -> Self {
        self.limits = limits;
        self
    }

    /// The largest response body accepted, in bytes (sets `limits.max_size`).
    pub fn max_response_size(mut self, bytes: usize) -> Self {
        self.limits.max_size = bytes;
        self
    }

    /// Send every operation with this SOAP version instead of its binding's (a service
    /// that offers the same operations at a SOAP 1.1 and a SOAP 1.2 address).
    pub fn soap_version(mut self, version: SoapVersion) -> Self {
        self.soap_version = Some(version);
        self
    }

    /// How often and how patiently idempotent operations are retried.
    pub fn retry_policy(mut self, policy: RetryPolicy) -> Self {
        self.retry = policy;
        self
    }

    /// Marks operation `O` idempotent: a call whose answer was lost in transport, or that
    /// got HTTP 408, 429 or a 5xx without a SOAP fault, is sent again under the
    /// [`RetryPolicy`]. Only the caller knows which operations are safe to repeat; an
    /// operation not marked is sent again only when its connection could not be made
    /// (then nothing of it reached the server).
    pub fn idempotent<O: Operation>(mut self) -> Self {
        self.idempotent.insert(O::NAME);
        self
    }

    /// Marks an operation idempotent by its wire name (as [`idempotent`](Self::idempotent)).
    pub fn idempotent_name(mut self, operation: &'static str) -> Self {
        self.idempotent.insert(operation);
        self
    }

    /// A header block every request [`call`](Client::call) and its siblings send carry in
    /// `soap:Header`, after those added before it and before any per-call blocks: a
    /// WS-Security token ([`crate::wsse::UsernameToken`]), a session header. It is
    /// written anew for each request (a digest token gets a fresh nonce and time); a
    /// retry resends the same bytes. [`Client::send`] posts the envelope it is given,
    /// without these. A generated header element is a block; wrap it in
    /// [`soap_runtime::envelope::Header`] to mark it `mustUnderstand`.
    pub fn header(mut self, block: impl HeaderBlock + 'static) -> Self {
        self.headers.push(Arc::new(block));
        self
    }

    /// Checks the configuration and builds the client.
    pub fn build(self) -> Result<Client, BuildError> {
        let url = Url::parse(&self.url).map_err(|e| BuildError::InvalidUrl {
            url: redact(&self.url),
            reason: e.to_string(),
        })?;
        match url.scheme() {
            "http" | "https" => {}
            other => {
                return Err(BuildError::InvalidUrl {
                    url: redact(&self.url),
                    reason: format!("unsupported scheme `{other}` (use http or https)"),
                });
            }
        }
        if reqwest::header::HeaderValue::from_str(&self.user_agent).is_err() {
            return Err(BuildError::InvalidUserAgent);
        }
        let host = url.host_str().unwrap_or_default().to_owned();
        let http = match self.http_client {
            Some(_) if !self.root_certificates.is_empty() => {
                return Err(BuildError::Conflict(
                    "extra root certificates cannot be added to a caller's reqwest::Client",
                ));
            }
            Some(client) => client,
            None => {
                let mut certificates = Vec::new();
                for pem in &self.root_certificates {
                    certificates.extend(parse_pem_certificates(pem)?);
                }
                reqwest::Client::builder()
                    .tls_backend_preconfigured(crate::tls::client_config(certificates)?)
                    .connect_timeout(self.connect_timeout)
                    .redirect(reqwest::redirect::Policy::none())
                    .build()
                    .map_err(BuildError::Http)?
            }
        };
        Ok(Client {
            inner: Arc::new(Inner {
                url,
                host,
                http,
                timeout: self.timeout,
                user_agent: self.user_agent,
                limits: self.limits,
                soap_version: self.soap_version,
                retry: self.retry,
                idempotent: self.idempotent,
                headers: self.headers,
            }),
        })
    }
}

/// A `reqwest::ClientBuilder` with the TLS this crate gives its own client (rustls with the
/// crypto provider its features select, the platform's verifier and roots, ALPN
/// `http/1.1`), for a client of your own given to [`ClientBuilder::http_client`]: add a
/// proxy, pool settings and the like, then `build()`. Leave its `tls_*` methods alone:
/// the TLS configuration is fixed, so settings such as extra certificates are ignored, and
/// `tls_backend_*` would replace it with reqwest's own (which needs a process-wide
/// provider).
///
/// Start from this rather than `reqwest::Client::new()`: with this crate's default features
/// reqwest has no crypto provider of its own, and `reqwest::Client::new()` panics unless the
/// program installed a process-wide one (`rustls::crypto::CryptoProvider::install_default`)
/// or turned on reqwest's own `rustls` feature.
pub fn http_client_builder() -> Result<reqwest::ClientBuilder, BuildError> {
    Ok(
        reqwest::Client::builder()
            .tls_backend_preconfigured(crate::tls::client_config(Vec::new())?),
    )
}

/// Every certificate in a PEM text; an error when there is none or one is unreadable.
fn parse_pem_certificates(pem: &[u8]) -> Result<Vec<CertificateDer<'static>>, BuildError> {
    use rustls::pki_types::pem::PemObject;
    let mut out = Vec::new();
    for der in CertificateDer::pem_slice_iter(pem) {
        let der = der.map_err(|e| BuildError::Certificate(e.to_string()))?;
        // Read as a trust anchor now, so that a broken certificate is reported as one
        // (the verifier would refuse it later with a vaguer error).
        rustls::RootCertStore::empty()
            .add(der.clone())
            .map_err(|e| BuildError::Certificate(e.to_string()))?;
        out.push(der);
    }
    if out.is_empty() {
        return Err(BuildError::Certificate(
            "no CERTIFICATE block in the PEM text".to_owned(),
        ));
    }
    Ok(out)
}

/// A URL for an error message, with any user name and password hidden (also when the
/// URL does not parse).
fn redact(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_owned();
    };
    let authority_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    match rest[..authority_end].rfind('@') {
        Some(at) => format!("{scheme}://***@{}", &rest[at + 1..]),
        None => url.to_owned(),
    }
}

/// Why a [`Client`] could not be built.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum BuildError {
    /// The endpoint is not a usable URL.
    #[error("invalid endpoint URL {url}: {reason}")]
    InvalidUrl {
        /// The URL (any credentials in it hidden).
        url: String,
        /// What is wrong with it.
        reason: String,
    },
    /// The user agent is not a valid HTTP header value.
    #[error("the user agent is not a valid HTTP header value")]
    InvalidUserAgent,
    /// A root certificate could not be read as PEM.
    #[error("invalid root certificate: {0}")]
    Certificate(String),
    /// TLS could not be set up: no crypto provider (see [`http_client_builder`] and the
    /// crate's features), or the platform's certificate verifier refused to start.
    #[error("cannot set up TLS: {0}")]
    Tls(String),
    /// Two settings that cannot be combined.
    #[error("conflicting settings: {0}")]
    Conflict(&'static str),
    /// reqwest refused the configuration.
    #[error("cannot build the HTTP client: {0}")]
    Http(#[source] reqwest::Error),
    /// The blocking client's runtime could not be started.
    #[error("cannot start the blocking client's runtime: {0}")]
    Runtime(#[source] std::io::Error),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pem_block_that_is_no_certificate_is_a_certificate_error() {
        let pem = "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n";
        let err = Client::builder("https://example.com/")
            .add_root_certificate_pem(pem)
            .build()
            .expect_err("not a certificate");
        assert!(matches!(err, BuildError::Certificate(_)), "{err:?}");
    }

    #[test]
    fn redaction_hides_user_info_even_in_unparsable_urls() {
        assert_eq!(
            redact("https://u:pw@exa mple.com/p?q@x"),
            "https://***@exa mple.com/p?q@x"
        );
        assert_eq!(redact("https://example.com/a@b"), "https://example.com/a@b");
        assert_eq!(redact("not a url"), "not a url");
    }
}
