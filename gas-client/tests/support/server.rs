//! A tiny scripted HTTP/1.1 server on loopback: each accepted connection reads one request,
//! records it, and plays the next scripted [`Action`]. Enough HTTP to be a faithful peer
//! for the client (Content-Length bodies, `Connection: close`), and able to misbehave in
//! the ways real networks do: truncate, stall, reset, or flood.

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// What the server does with one request.
#[derive(Clone, Debug)]
pub enum Action {
    /// A complete response with a Content-Length.
    Respond {
        status: u16,
        content_type: &'static str,
        body: Vec<u8>,
    },
    /// Announces `announced` bytes, sends `body` (shorter), then closes cleanly.
    TruncateWithLength { announced: usize, body: Vec<u8> },
    /// No Content-Length: sends `body` and closes (the end of the body is the close).
    CloseDelimited { body: Vec<u8> },
    /// Reads the request, then answers nothing for `delay` (then closes).
    Stall { delay: Duration },
    /// Sends the head and `body_prefix` of a longer body, then resets the connection.
    ResetMidBody {
        announced: usize,
        body_prefix: Vec<u8>,
    },
    /// Announces a body of `announced` bytes and streams filler until the client hangs up.
    Flood { announced: Option<usize> },
    /// Closes the connection right after reading the request, without any answer.
    CloseWithoutAnswer,
}

impl Action {
    /// A 200 `text/xml` response.
    pub fn xml(body: impl Into<Vec<u8>>) -> Action {
        Action::Respond {
            status: 200,
            content_type: "text/xml;charset=UTF-8",
            body: body.into(),
        }
    }

    /// A response with any status and content type.
    pub fn status(status: u16, content_type: &'static str, body: impl Into<Vec<u8>>) -> Action {
        Action::Respond {
            status,
            content_type,
            body: body.into(),
        }
    }
}

/// One request as the server received it.
#[derive(Clone, Debug)]
pub struct Recorded {
    pub request_line: String,
    /// Header names lowercased.
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Recorded {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    pub fn body_text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

/// The running server. Dropping it stops accepting.
pub struct ScriptedServer {
    pub addr: SocketAddr,
    requests: Arc<Mutex<Vec<Recorded>>>,
    task: tokio::task::JoinHandle<()>,
}

impl ScriptedServer {
    /// Starts a server that plays `script` in order, one action per connection; once the
    /// script is exhausted, further connections get HTTP 599.
    pub async fn start(script: Vec<Action>) -> ScriptedServer {
        let listener = TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind loopback");
        let addr = listener.local_addr().expect("local addr");
        let requests = Arc::new(Mutex::new(Vec::new()));
        let script = Arc::new(Mutex::new(script.into_iter()));
        let recorded = Arc::clone(&requests);
        let task = tokio::spawn(async move {
            loop {
                let Ok((stream, _)) = listener.accept().await else {
                    return;
                };
                let action = script.lock().expect("script lock").next();
                let recorded = Arc::clone(&recorded);
                tokio::spawn(async move {
                    let _ = serve(stream, action, recorded).await;
                });
            }
        });
        ScriptedServer {
            addr,
            requests,
            task,
        }
    }

    /// The endpoint URL to point the client at.
    pub fn url(&self) -> String {
        format!("http://{}/pc/ws/v2/GasOrderService", self.addr)
    }

    /// The requests received so far.
    pub fn requests(&self) -> Vec<Recorded> {
        self.requests.lock().expect("requests lock").clone()
    }
}

impl Drop for ScriptedServer {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// An address nothing listens on (bound, then released).
pub async fn refused_url() -> String {
    let listener = TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind loopback");
    let addr = listener.local_addr().expect("local addr");
    drop(listener);
    format!("http://{addr}/pc/ws/v2/GasOrderService")
}

async fn serve(
    mut stream: TcpStream,
    action: Option<Action>,
    recorded: Arc<Mutex<Vec<Recorded>>>,
) -> std::io::Result<()> {
    let request = read_request(&mut stream).await?;
    recorded.lock().expect("requests lock").push(request);
    let Some(action) = action else {
        let head =
            "HTTP/1.1 599 Script Exhausted\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
        stream.write_all(head.as_bytes()).await?;
        return stream.shutdown().await;
    };
    match action {
        Action::Respond {
            status,
            content_type,
            body,
        } => {
            let head = format!(
                "HTTP/1.1 {status} {}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                reason(status),
                body.len()
            );
            stream.write_all(head.as_bytes()).await?;
            stream.write_all(&body).await?;
            stream.shutdown().await
        }
        Action::TruncateWithLength { announced, body } => {
            let head = format!(
                "HTTP/1.1 200 OK\r\nContent-Type: text/xml;charset=UTF-8\r\nContent-Length: {announced}\r\nConnection: close\r\n\r\n"
            );
            stream.write_all(head.as_bytes()).await?;
            stream.write_all(&body).await?;
            stream.shutdown().await
        }
        Action::CloseDelimited { body } => {
            let head = "HTTP/1.1 200 OK\r\nContent-Type: text/xml;charset=UTF-8\r\nConnection: close\r\n\r\n";
            stream.write_all(head.as_bytes()).await?;
            stream.write_all(&body).await?;
            stream.shutdown().await
        }
        Action::Stall { delay } => {
            tokio::time::sleep(delay).await;
            Ok(())
        }
        Action::ResetMidBody {
            announced,
            body_prefix,
        } => {
            let head = format!(
                "HTTP/1.1 200 OK\r\nContent-Type: text/xml;charset=UTF-8\r\nContent-Length: {announced}\r\nConnection: close\r\n\r\n"
            );
            stream.write_all(head.as_bytes()).await?;
            stream.write_all(&body_prefix).await?;
            stream.flush().await?;
            // Give the client a moment to read the prefix, then RST instead of FIN.
            tokio::time::sleep(Duration::from_millis(50)).await;
            stream.set_zero_linger()?;
            drop(stream);
            Ok(())
        }
        Action::Flood { announced } => {
            let mut head =
                String::from("HTTP/1.1 200 OK\r\nContent-Type: text/xml;charset=UTF-8\r\n");
            if let Some(n) = announced {
                head.push_str(&format!("Content-Length: {n}\r\n"));
            }
            head.push_str("Connection: close\r\n\r\n");
            stream.write_all(head.as_bytes()).await?;
            let chunk = vec![b' '; 64 * 1024];
            let mut sent = 0usize;
            // Stop when the client hangs up, or after 64 MiB whatever happens.
            while sent < 64 * 1024 * 1024 {
                stream.write_all(&chunk).await?;
                sent += chunk.len();
            }
            Ok(())
        }
        Action::CloseWithoutAnswer => {
            stream.set_zero_linger()?;
            drop(stream);
            Ok(())
        }
    }
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        400 => "Bad Request",
        404 => "Not Found",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        _ => "Status",
    }
}

/// Reads one request: head up to the blank line, then Content-Length bytes of body.
pub async fn read_request<S: tokio::io::AsyncRead + Unpin>(
    stream: &mut S,
) -> std::io::Result<Recorded> {
    let mut buf = Vec::with_capacity(4096);
    let mut tmp = [0u8; 4096];
    let head_end = loop {
        if let Some(i) = find(&buf, b"\r\n\r\n") {
            break i;
        }
        let n = stream.read(&mut tmp).await?;
        if n == 0 {
            return Err(std::io::ErrorKind::UnexpectedEof.into());
        }
        buf.extend_from_slice(&tmp[..n]);
    };
    let head = String::from_utf8_lossy(&buf[..head_end]).into_owned();
    let mut lines = head.split("\r\n");
    let request_line = lines.next().unwrap_or_default().to_owned();
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_owned()))
        .collect();
    let length: usize = headers
        .iter()
        .find(|(n, _)| n == "content-length")
        .and_then(|(_, v)| v.parse().ok())
        .unwrap_or(0);
    let mut body = buf[head_end + 4..].to_vec();
    while body.len() < length {
        let n = stream.read(&mut tmp).await?;
        if n == 0 {
            break;
        }
        body.extend_from_slice(&tmp[..n]);
    }
    Ok(Recorded {
        request_line,
        headers,
        body,
    })
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}
