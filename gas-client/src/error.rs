//! The one error type every call returns.
//!
//! Match on [`Error`] to decide what to do: fix the request ([`Error::InvalidRequest`],
//! [`Error::Api`]), try again later ([`Error::Transport`], [`Error::HttpStatus`]), or find
//! out what happened to an order ([`Error::OutcomeUnknown`]). Nothing in an error ever
//! contains the API password or a `PickupPassword`: texts from the server are masked before
//! they are stored, and the request body is never stored.

use std::fmt;
use std::time::Duration;

use soap_client::reqwest;
use soap_runtime::{DecodeError, EncodeError, Fault};

use crate::api_error::{ApiErrorCode, ApiErrors};
use crate::validation::Violations;

/// How many characters of a response body an error keeps.
pub const BODY_START_CHARS: usize = 512;

/// Everything that can go wrong in a call.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The client found problems in the request before sending it; nothing was sent.
    /// Each violation names its element path and the code GlobalSign would answer with.
    #[error("invalid request, nothing was sent: {0}")]
    InvalidRequest(Violations),

    /// The request could not be written as XML (e.g. a control character in a text
    /// field); nothing was sent.
    #[error("the request could not be encoded, nothing was sent: {0}")]
    Encode(EncodeError),

    /// The HTTP exchange failed: no connection, a timeout, or the connection broke.
    #[error("{source}{}", if *may_have_reached_server { " (the request may have reached the server)" } else { " (the request was not sent)" })]
    Transport {
        /// What failed.
        #[source]
        source: TransportError,
        /// `false` when the connection could not be made (refused, DNS, TLS handshake), so
        /// the server cannot have seen the request; `true` when it failed after the request
        /// started going out (timeout, reset, broken body).
        may_have_reached_server: bool,
    },

    /// The server (or a proxy in front of it) answered with an HTTP error status and a body
    /// that is not a SOAP fault, e.g. an HTML error page. A query gets 408, 429 and 5xx
    /// up to [`RetryPolicy::max_attempts`](crate::RetryPolicy) times; this is the last
    /// answer.
    #[error("{operation}: HTTP status {status} after {} in {:.1} s; the body starts: {body_start}",
        attempts_text(*attempts), elapsed.as_secs_f64())]
    #[non_exhaustive]
    HttpStatus {
        /// The HTTP status code.
        status: u16,
        /// The first [`BODY_START_CHARS`] characters of the body, lossily decoded, secrets
        /// masked.
        body_start: String,
        /// The operation (`GetOrders`).
        operation: &'static str,
        /// How many requests were sent, retries included (an order sent again after its
        /// lookup counts each sending).
        attempts: u32,
        /// How long the exchange took, retries and their waits included.
        elapsed: Duration,
    },

    /// The server answered with a SOAP fault (usually HTTP 500): it rejected the message
    /// itself, e.g. as not matching its schema. Code, string and detail are masked.
    #[error("SOAP fault: {0}")]
    SoapFault(Box<Fault>),

    /// The response could not be decoded: not XML, not a SOAP envelope, not the expected
    /// response element, or no `SuccessCode`. `source` names the element path.
    #[error("undecodable response {source}; the body starts: {body_start}")]
    Decode {
        /// Where and why decoding failed.
        #[source]
        source: DecodeError,
        /// The first [`BODY_START_CHARS`] characters of the body, lossily decoded, secrets
        /// masked.
        body_start: String,
    },

    /// The response body is larger than the configured limit
    /// ([`soap_runtime::Limits`]); it was not read further.
    #[error("the response is larger than the limit of {limit} bytes")]
    ResponseTooLarge {
        /// The limit in bytes.
        limit: usize,
        /// The HTTP status of the oversized response.
        status: u16,
    },

    /// GlobalSign answered `SuccessCode` −1: every `Error` entry, typed by the spec's
    /// section 16.2 table.
    #[error("GlobalSign refused the request: {0}")]
    Api(ApiErrors),

    /// The request changes something on the server (an order, ModifyOrder, ReIssue,
    /// ResendEmail), it may have reached the server, and the client could not find out
    /// whether it took effect. It was not sent again. See the crate docs ("Retries") for
    /// how to reconcile.
    #[error("outcome of {operation} unknown ({reconciliation}){}{}: {source}",
        sub_id.as_deref().map(|s| format!(", SubID {s}")).unwrap_or_default(),
        order_id.as_deref().map(|s| format!(", OrderID {s}")).unwrap_or_default())]
    OutcomeUnknown {
        /// The operation's name as in the WSDL (`OrderPS2`).
        operation: &'static str,
        /// The order's `SubID`, to look it up with `GetOrders` (its `OrderQueryOption/SubID`).
        sub_id: Option<String>,
        /// The order the operation acted on (ModifyOrder's `OrderID`, ReIssue's
        /// `TargetOrderID`), to look it up with `GetOrderByOrderID`.
        order_id: Option<String>,
        /// What the client tried in order to find out.
        reconciliation: Reconciliation,
        /// The failure that left the outcome open.
        #[source]
        source: Box<Error>,
    },
}

/// What the client did to find out whether a request whose answer was lost took effect.
#[derive(Debug)]
#[non_exhaustive]
pub enum Reconciliation {
    /// Nothing can be looked up: the operation has no `SubID` (ModifyOrder, ReIssue,
    /// ResendEmail) or the order was sent without one.
    NotPossible,
    /// The retry policy turned reconciliation off.
    Disabled,
    /// `GetOrders` by `SubID` found no order, and the policy allows no (further) resend.
    /// The order was most likely not placed; a server that is very slow to record it
    /// could still show it later.
    NotFound,
    /// `GetOrders` by `SubID` found several orders with this `SubID` (their `OrderID`s):
    /// the client cannot tell which one, if any, is this request's.
    Several(Vec<String>),
    /// The `GetOrders` lookup itself failed.
    Failed(Box<Error>),
}

impl fmt::Display for Reconciliation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Reconciliation::NotPossible => f.write_str("nothing to look it up by"),
            Reconciliation::Disabled => f.write_str("lookup disabled by the retry policy"),
            Reconciliation::NotFound => f.write_str("no order with this SubID was found"),
            Reconciliation::Several(ids) => {
                write!(f, "several orders carry this SubID: {}", ids.join(", "))
            }
            Reconciliation::Failed(e) => write!(f, "the lookup by SubID failed: {e}"),
        }
    }
}

/// `1 attempt`, `3 attempts`.
fn attempts_text(n: u32) -> String {
    format!("{n} attempt{}", if n == 1 { "" } else { "s" })
}

/// An HTTP exchange that did not complete.
#[derive(Debug)]
pub struct TransportError {
    kind: TransportErrorKind,
    source: Option<reqwest::Error>,
    operation: Option<&'static str>,
    attempts: Option<u32>,
    elapsed: Option<std::time::Duration>,
}

/// Which part of the HTTP exchange failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum TransportErrorKind {
    /// No connection: refused, DNS failure, TLS handshake failure, connect timeout.
    Connect,
    /// The whole-request timeout passed before the response was complete.
    Timeout,
    /// Sending the request or receiving the response head failed.
    Request,
    /// The response body broke off (connection reset, fewer bytes than announced).
    Body,
}

impl TransportError {
    pub(crate) fn new(kind: TransportErrorKind, source: Option<reqwest::Error>) -> Self {
        TransportError {
            kind,
            source,
            operation: None,
            attempts: None,
            elapsed: None,
        }
    }

    /// The operation, how many requests were sent and how long it took.
    pub(crate) fn with_context(
        mut self,
        operation: &'static str,
        attempts: u32,
        elapsed: std::time::Duration,
    ) -> Self {
        self.operation = Some(operation);
        self.attempts = Some(attempts);
        self.elapsed = Some(elapsed);
        self
    }

    /// The operation whose exchange failed (`GetOrders`).
    pub fn operation(&self) -> Option<&'static str> {
        self.operation
    }

    /// How many times the request was tried, retries included (an order sent again after
    /// its lookup counts each sending); `Some` for every error a call returns.
    pub fn attempts(&self) -> Option<u32> {
        self.attempts
    }

    /// How long the exchange took, retries and their waits included.
    pub fn elapsed(&self) -> Option<std::time::Duration> {
        self.elapsed
    }

    /// Which part of the exchange failed.
    pub fn kind(&self) -> TransportErrorKind {
        self.kind
    }
}

impl fmt::Display for TransportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let what = match self.kind {
            TransportErrorKind::Connect => "could not connect",
            TransportErrorKind::Timeout => "timed out",
            TransportErrorKind::Request => "the HTTP request failed",
            TransportErrorKind::Body => "the response body broke off",
        };
        if let Some(operation) = self.operation {
            write!(f, "{operation}: ")?;
        }
        f.write_str(what)?;
        match (self.attempts, self.elapsed) {
            (Some(n), Some(t)) => {
                write!(f, " after {} in {:.1} s", attempts_text(n), t.as_secs_f64())?;
            }
            (None, Some(t)) => write!(f, " after {:.1} s", t.as_secs_f64())?,
            _ => {}
        }
        if let Some(source) = &self.source {
            // reqwest's message, then its causes (hyper, io): "connection refused" lives there.
            write!(f, ": {source}")?;
            let mut cause = std::error::Error::source(source);
            while let Some(c) = cause {
                write!(f, ": {c}")?;
                cause = c.source();
            }
        }
        Ok(())
    }
}

impl std::error::Error for TransportError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.source
            .as_ref()
            .map(|e| e as &(dyn std::error::Error + 'static))
    }
}

impl Error {
    /// Whether the server may have seen the request. `false` only when the client is sure
    /// it did not: validation or encoding failed, or no connection could be made.
    pub fn may_have_reached_server(&self) -> bool {
        match self {
            Error::InvalidRequest(_) | Error::Encode(_) => false,
            Error::Transport {
                may_have_reached_server,
                ..
            } => *may_have_reached_server,
            _ => true,
        }
    }

    /// Whether trying the same request again later could succeed: transport failures,
    /// HTTP 5xx, 408 and 429, and API errors the spec attributes to GlobalSign's side
    /// (`-1`, `-101`, `-201`). The client retries only queries by itself, and never on API
    /// errors.
    pub fn is_transient(&self) -> bool {
        match self {
            Error::Transport { .. } => true,
            Error::HttpStatus { status, .. } => is_transient_status(*status),
            Error::Api(errors) => errors.iter().all(|e| e.code.is_server_side()),
            _ => false,
        }
    }

    /// The operation whose exchange failed, for the errors that end one: transport
    /// failures, HTTP error statuses, and an order whose outcome is unknown.
    pub fn operation(&self) -> Option<&'static str> {
        match self {
            Error::Transport { source, .. } => source.operation(),
            Error::HttpStatus { operation, .. } | Error::OutcomeUnknown { operation, .. } => {
                Some(operation)
            }
            _ => None,
        }
    }

    /// How many requests the call sent, retries included, for the errors retries end
    /// with: a transport failure ([`TransportError::attempts`]), an HTTP error status, and
    /// an order whose outcome is unknown (the sendings of the order; the lookup's own are
    /// in [`Reconciliation::Failed`]). `None` for the others: validation and encoding send
    /// nothing, and a fault, an API error or an undecodable answer is never retried (an
    /// earlier attempt that failed to connect, or a query's 5xx, shows in the call span's
    /// `attempts` field).
    pub fn attempts(&self) -> Option<u32> {
        match self {
            Error::Transport { source, .. } => source.attempts(),
            Error::HttpStatus { attempts, .. } => Some(*attempts),
            Error::OutcomeUnknown { source, .. } => source.attempts(),
            _ => None,
        }
    }

    /// How long the exchange took, retries and their waits included, for the errors
    /// [`attempts`](Self::attempts) counts.
    pub fn elapsed(&self) -> Option<Duration> {
        match self {
            Error::Transport { source, .. } => source.elapsed(),
            Error::HttpStatus { elapsed, .. } => Some(*elapsed),
            Error::OutcomeUnknown { source, .. } => source.elapsed(),
            _ => None,
        }
    }

    /// The API's errors, when GlobalSign answered `SuccessCode` −1.
    pub fn api_errors(&self) -> Option<&ApiErrors> {
        match self {
            Error::Api(errors) => Some(errors),
            _ => None,
        }
    }

    /// The client-side validation problems, when the request was refused before sending.
    pub fn violations(&self) -> Option<&Violations> {
        match self {
            Error::InvalidRequest(v) => Some(v),
            _ => None,
        }
    }

    /// Whether this error carries the given API error code, from the server
    /// ([`Error::Api`]) or from client-side validation ([`Error::InvalidRequest`]).
    pub fn has_code(&self, code: &ApiErrorCode) -> bool {
        match self {
            Error::Api(errors) => errors.contains(code),
            Error::InvalidRequest(v) => v.iter().any(|v| &v.code == code),
            _ => false,
        }
    }

    /// Whether the server may have acted on the request although no usable answer came
    /// back: what makes resending an order dangerous.
    pub(crate) fn is_ambiguous(&self) -> bool {
        match self {
            Error::Transport {
                may_have_reached_server,
                ..
            } => *may_have_reached_server,
            Error::HttpStatus { status, .. } => *status >= 500,
            // A server-side fault is an exception inside the service: it may have struck
            // after the change was made. A client-side fault means the request was refused
            // as unreadable, before anything happened.
            Error::SoapFault(fault) => !fault.is_client(),
            Error::Decode { .. } | Error::ResponseTooLarge { .. } => true,
            _ => false,
        }
    }
}

/// HTTP statuses worth another try: 408, 429 and every 5xx.
pub(crate) fn is_transient_status(status: u16) -> bool {
    status == 408 || status == 429 || (500..600).contains(&status)
}
