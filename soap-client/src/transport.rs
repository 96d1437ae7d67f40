//! One HTTP exchange: POST the envelope with the headers its SOAP version requires, read
//! the answer within a size bound and a deadline.

use bytes::Bytes;
use reqwest::Url;
use reqwest::header::{CONTENT_TYPE, HeaderValue, USER_AGENT};
use soap_runtime::SoapVersion;
use std::time::Duration;

use crate::error::{Error, TransportErrorKind};

/// A complete HTTP answer: its status and whole body (at most the size limit).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reply {
    /// The HTTP status code.
    pub status: u16,
    /// The body as received.
    pub body: Bytes,
    /// How many times the request was sent to get this answer (1 without retries).
    pub attempts: u32,
}

/// How much of an undecodable body errors quote.
const BODY_START: usize = 512;

impl Reply {
    /// The first bytes of the body as text, for error messages.
    pub fn body_start(&self) -> String {
        let end = self.body.len().min(BODY_START);
        let mut text = String::from_utf8_lossy(&self.body[..end]).into_owned();
        if self.body.len() > end {
            text.push('…');
        }
        text
    }
}

/// The request headers of a SOAP version: 1.1 sends the action in `SOAPAction`, 1.2 as
/// the `action` parameter of its content type.
pub(crate) fn headers(version: SoapVersion, action: &str) -> Vec<(&'static str, String)> {
    match version {
        SoapVersion::Soap11 => vec![
            ("content-type", version.content_type().to_owned()),
            ("soapaction", quoted(action)),
        ],
        SoapVersion::Soap12 if action.is_empty() => {
            vec![("content-type", version.content_type().to_owned())]
        }
        SoapVersion::Soap12 => vec![(
            "content-type",
            format!("{}; action={}", version.content_type(), quoted(action)),
        )],
    }
}

/// POSTs `body` and reads the whole answer within `timeout` and `max_body` bytes.
#[allow(clippy::too_many_arguments)]
pub(crate) async fn exchange(
    http: &reqwest::Client,
    url: &Url,
    user_agent: &str,
    timeout: Duration,
    body: Bytes,
    action: &str,
    version: SoapVersion,
    max_body: usize,
) -> Result<Reply, Error> {
    let exchange = async {
        let mut request = http.post(url.clone()).header(USER_AGENT, user_agent);
        for (name, value) in headers(version, action) {
            let value = HeaderValue::from_str(&value).unwrap_or_else(|_| {
                // `quoted` removes control characters, so this is unreachable in practice;
                // a header without the action still reaches the server visibly.
                HeaderValue::from_static("\"\"")
            });
            request = if name == "content-type" {
                request.header(CONTENT_TYPE, value)
            } else {
                request.header(name, value)
            };
        }
        let mut response = request.body(body).send().await.map_err(request_error)?;
        let status = response.status().as_u16();
        let too_large = Error::ResponseTooLarge {
            limit: max_body,
            status,
        };
        // An announced oversized body is refused without reading any of it.
        if response
            .content_length()
            .is_some_and(|n| n > max_body as u64)
        {
            return Err(too_large);
        }
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
        Ok(Reply {
            status,
            body,
            attempts: 1,
        })
    };
    match tokio::time::timeout(timeout, exchange).await {
        Ok(result) => result,
        Err(_elapsed) => Err(Error::Transport {
            kind: TransportErrorKind::Timeout,
            source: None,
            may_have_reached_server: true,
            attempts: 1,
        }),
    }
}

/// The SOAP action as a header value: always quoted, `""` when empty.
fn quoted(action: &str) -> String {
    let mut out = String::with_capacity(action.len() + 2);
    out.push('"');
    out.extend(action.chars().filter(|c| *c != '"' && !c.is_control()));
    out.push('"');
    out
}

/// A failure before the response head arrived.
fn request_error(error: reqwest::Error) -> Error {
    let (kind, reached) = if error.is_connect() {
        (TransportErrorKind::Connect, false)
    } else if error.is_timeout() {
        (TransportErrorKind::Timeout, true)
    } else {
        (TransportErrorKind::Request, true)
    };
    Error::Transport {
        kind,
        source: Some(error),
        may_have_reached_server: reached,
        attempts: 1,
    }
}

/// A failure while the response body streamed in.
fn body_error(error: reqwest::Error) -> Error {
    let kind = if error.is_timeout() {
        TransportErrorKind::Timeout
    } else {
        TransportErrorKind::Body
    };
    Error::Transport {
        kind,
        source: Some(error),
        may_have_reached_server: true,
        attempts: 1,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn soap11_sends_the_action_header_and_soap12_the_content_type_parameter() {
        assert_eq!(
            headers(SoapVersion::Soap11, "urn:a"),
            vec![
                ("content-type", "text/xml; charset=utf-8".to_owned()),
                ("soapaction", "\"urn:a\"".to_owned())
            ]
        );
        assert_eq!(
            headers(SoapVersion::Soap11, ""),
            vec![
                ("content-type", "text/xml; charset=utf-8".to_owned()),
                ("soapaction", "\"\"".to_owned())
            ]
        );
        assert_eq!(
            headers(SoapVersion::Soap12, "urn:a"),
            vec![(
                "content-type",
                "application/soap+xml; charset=utf-8; action=\"urn:a\"".to_owned()
            )]
        );
        assert_eq!(
            headers(SoapVersion::Soap12, ""),
            vec![(
                "content-type",
                "application/soap+xml; charset=utf-8".to_owned()
            )]
        );
        assert_eq!(quoted("a\"b\nc"), "\"abc\"");
    }

    #[test]
    fn body_start_is_bounded() {
        let reply = Reply {
            status: 500,
            body: Bytes::from(vec![b'x'; 2000]),
            attempts: 1,
        };
        let start = reply.body_start();
        assert_eq!(start.chars().count(), BODY_START + 1);
        assert!(start.ends_with('…'));
    }
}
