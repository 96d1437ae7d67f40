//! What can go wrong in a call.

use soap_runtime::{DecodeError, EncodeError, Fault, FaultDetail, Limits, OperationFaults};

/// Why a call failed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The request could not be written (a value its schema type cannot carry).
    #[error("cannot write the request: {0}")]
    Encode(#[source] EncodeError),
    /// No complete HTTP answer: connection, TLS, timeout, or the body broke off. When
    /// the request was tried more than once, this is the last attempt's failure.
    #[error("{kind} failed{}{}",
        if *attempts > 1 { format!(" after {attempts} attempts") } else { String::new() },
        source.as_ref().map(|s| format!(": {s}")).unwrap_or_default())]
    Transport {
        /// Which stage failed.
        kind: TransportErrorKind,
        /// reqwest's error, when it reported one (a timeout of the whole exchange has none).
        #[source]
        source: Option<reqwest::Error>,
        /// False only when the connection was never made, so nothing was sent.
        may_have_reached_server: bool,
        /// How many times the request was tried, this failure's attempt included (1
        /// without retries).
        attempts: u32,
    },
    /// The answer was larger than [`Limits::max_size`](soap_runtime::Limits); nothing of
    /// it was decoded.
    #[error("the response (HTTP {status}) exceeds the limit of {limit} bytes")]
    ResponseTooLarge {
        /// The limit in force.
        limit: usize,
        /// The answer's HTTP status.
        status: u16,
    },
    /// The service answered with a SOAP fault.
    #[error("HTTP {status}: {fault}")]
    Fault {
        /// The HTTP status (500 by both SOAP versions' rules; some servers send 200).
        status: u16,
        /// The fault; read its declared detail with [`fault_detail`](crate::fault_detail).
        fault: Box<Fault>,
    },
    /// A status other than 2xx, with a body that is no SOAP fault.
    #[error("HTTP {status}: {body_start}")]
    Status {
        /// The HTTP status.
        status: u16,
        /// The start of the body (at most 512 bytes).
        body_start: String,
    },
    /// The answer carries a header block marked `mustUnderstand` (addressed to its final
    /// receiver) that the operation does not declare: SOAP forbids processing it.
    #[error(
        "HTTP {status}: the response's header block {header} is marked mustUnderstand and the operation does not declare it"
    )]
    MustUnderstand {
        /// The HTTP status.
        status: u16,
        /// The block, as `{namespace}name`.
        header: String,
    },
    /// A 2xx answer that is not the operation's response envelope.
    #[error("cannot read the response (HTTP {status}): {source}; it starts: {body_start}")]
    Decode {
        /// The HTTP status.
        status: u16,
        /// Where and why reading failed (with the element path).
        #[source]
        source: DecodeError,
        /// The start of the body (at most 512 bytes).
        body_start: String,
    },
}

impl Error {
    /// The SOAP fault, when the service answered with one.
    pub fn fault(&self) -> Option<&Fault> {
        match self {
            Error::Fault { fault, .. } => Some(fault),
            _ => None,
        }
    }

    /// The fault's detail as one of the faults operation `O` declares (the generated
    /// `operations::faults::X`; an element `O` does not declare comes back as its
    /// `Undeclared` variant, as XML): `None` when this is no fault or the fault has no
    /// detail element.
    pub fn declared_fault<O: OperationFaults>(
        &self,
        limits: &Limits,
    ) -> Option<Result<O::Fault, DecodeError>> {
        O::Fault::from_fault(self.fault()?, limits)
    }

    /// The HTTP status, when an answer arrived.
    pub fn status(&self) -> Option<u16> {
        match self {
            Error::ResponseTooLarge { status, .. }
            | Error::Fault { status, .. }
            | Error::Status { status, .. }
            | Error::MustUnderstand { status, .. }
            | Error::Decode { status, .. } => Some(*status),
            Error::Encode(_) | Error::Transport { .. } => None,
        }
    }

    /// How many times the request was tried when the call failed in transport (retries
    /// included); `None` for other errors (an answer arrived: [`Reply::attempts`](crate::Reply)
    /// counts those).
    pub fn attempts(&self) -> Option<u32> {
        match self {
            Error::Transport { attempts, .. } => Some(*attempts),
            _ => None,
        }
    }

    /// A failure in transport (what a retry may cure).
    pub fn is_transport(&self) -> bool {
        matches!(self, Error::Transport { .. })
    }
}

/// The stage of an HTTP exchange that failed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum TransportErrorKind {
    /// TCP or TLS connection (nothing was sent).
    Connect,
    /// Sending the request or receiving the response head.
    Request,
    /// Receiving the response body.
    Body,
    /// The connect timeout or the whole-exchange timeout ran out.
    Timeout,
}

impl std::fmt::Display for TransportErrorKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            TransportErrorKind::Connect => "connecting",
            TransportErrorKind::Request => "sending the request",
            TransportErrorKind::Body => "receiving the response",
            TransportErrorKind::Timeout => "waiting for the response (timeout)",
        })
    }
}
