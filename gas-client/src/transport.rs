//! One HTTP exchange: POST the envelope, read the answer with a size bound and a deadline.

use bytes::Bytes;
use reqwest::header::{CONTENT_TYPE, HeaderValue, USER_AGENT};
use soap_runtime::SoapVersion;

use crate::client::ClientInner;
use crate::error::{Error, TransportError, TransportErrorKind};

/// A complete HTTP answer: status and the whole body (at most the size limit).
pub(crate) struct Reply {
    pub(crate) status: u16,
    pub(crate) body: Bytes,
}

/// POSTs `body` to the endpoint and reads the whole answer, within the client's timeout
/// and body size limit.
pub(crate) async fn exchange(
    client: &ClientInner,
    body: Bytes,
    soap_action: &str,
    version: SoapVersion,
    max_body: usize,
) -> Result<Reply, Error> {
    let deadline = client.timeout;
    match tokio::time::timeout(
        deadline,
        exchange_unbounded(client, body, soap_action, version, max_body),
    )
    .await
    {
        Ok(result) => result,
        Err(_elapsed) => Err(Error::Transport {
            source: TransportError::new(TransportErrorKind::Timeout, None),
            may_have_reached_server: true,
        }),
    }
}

async fn exchange_unbounded(
    client: &ClientInner,
    body: Bytes,
    soap_action: &str,
    version: SoapVersion,
    max_body: usize,
) -> Result<Reply, Error> {
    let mut request = client
        .http
        .post(client.url.clone())
        .header(USER_AGENT, client.user_agent.as_str());
    request = match version {
        SoapVersion::Soap11 => request
            .header(
                CONTENT_TYPE,
                HeaderValue::from_static(version.content_type()),
            )
            .header("SOAPAction", quoted(soap_action)),
        SoapVersion::Soap12 => request.header(
            CONTENT_TYPE,
            format!("{}; action={}", version.content_type(), quoted(soap_action)),
        ),
    };
    let mut response = request.body(body).send().await.map_err(request_error)?;
    let status = response.status().as_u16();
    let too_large = Error::ResponseTooLarge {
        limit: max_body,
        status,
    };
    // Refuse an announced oversized body without reading any of it.
    if let Some(length) = response.content_length() {
        if length > max_body as u64 {
            return Err(too_large);
        }
    }
    // A body that arrives as one chunk (the usual case for a few kilobytes) is kept as
    // it came, not copied; only a body in several chunks is joined into one buffer.
    let mut chunks: Vec<Bytes> = Vec::new();
    let mut received = 0usize;
    while let Some(chunk) = response.chunk().await.map_err(body_error)? {
        received += chunk.len();
        if received > max_body {
            return Err(too_large);
        }
        chunks.push(chunk);
    }
    let body = match chunks.len() {
        1 => chunks.swap_remove(0),
        _ => Bytes::from(chunks.concat()),
    };
    Ok(Reply { status, body })
}

/// The SOAP action as an HTTP header value: always quoted, `""` when empty (GlobalSign's
/// `soapAction=""`).
fn quoted(action: &str) -> String {
    let mut out = String::with_capacity(action.len() + 2);
    out.push('"');
    out.extend(action.chars().filter(|c| *c != '"' && !c.is_control()));
    out.push('"');
    out
}

/// Classifies a failure before the response head arrived.
fn request_error(error: reqwest::Error) -> Error {
    let (kind, reached) = if error.is_connect() {
        // Connection (TCP, TLS) not established: nothing of the request left the client.
        (TransportErrorKind::Connect, false)
    } else if error.is_timeout() {
        (TransportErrorKind::Timeout, true)
    } else {
        (TransportErrorKind::Request, true)
    };
    Error::Transport {
        source: TransportError::new(kind, Some(error)),
        may_have_reached_server: reached,
    }
}

/// Classifies a failure while the response body streamed in.
fn body_error(error: reqwest::Error) -> Error {
    let kind = if error.is_timeout() {
        TransportErrorKind::Timeout
    } else {
        TransportErrorKind::Body
    };
    Error::Transport {
        source: TransportError::new(kind, Some(error)),
        may_have_reached_server: true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn soap_action_is_always_quoted() {
        assert_eq!(quoted(""), "\"\"");
        assert_eq!(quoted("urn:x"), "\"urn:x\"");
        assert_eq!(quoted("a\"b\nc"), "\"abc\"");
    }
}
