//! A loopback HTTP server for the fetch tests: serves fixed answers the way a
//! JAX-WS/CXF endpoint does (`/ws/Svc?wsdl`, `/ws/Svc?xsd=1`), and counts requests.

#![allow(dead_code)]

pub mod jaxws;
pub mod things;

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::thread;

/// One canned answer.
#[derive(Clone)]
pub struct Answer {
    pub status: u16,
    pub content_type: &'static str,
    pub body: Vec<u8>,
}

impl Answer {
    pub fn xml(body: &str) -> Answer {
        Answer {
            status: 200,
            content_type: "text/xml;charset=UTF-8",
            body: body.as_bytes().to_vec(),
        }
    }
}

pub struct Server {
    /// `http://127.0.0.1:PORT`
    pub base: String,
    /// Request target (`/ws/Svc?xsd=1`) → how many times it was asked for.
    pub hits: Arc<Mutex<BTreeMap<String, usize>>>,
}

impl Server {
    /// Starts a server answering `routes` (request target → answer; `{base}` in a
    /// body is replaced by the server's base URL). Unknown targets get a 404 page.
    pub fn start(routes: Vec<(&str, Answer)>) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind loopback");
        let base = format!("http://{}", listener.local_addr().expect("local addr"));
        let routes: BTreeMap<String, Answer> = routes
            .into_iter()
            .map(|(target, mut answer)| {
                let body = String::from_utf8_lossy(&answer.body).replace("{base}", &base);
                answer.body = body.into_bytes();
                (target.to_owned(), answer)
            })
            .collect();
        let hits = Arc::new(Mutex::new(BTreeMap::new()));
        let counter = Arc::clone(&hits);
        thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(stream) = stream else { continue };
                serve(stream, &routes, &counter);
            }
        });
        Server { base, hits }
    }

    pub fn hits(&self, target: &str) -> usize {
        self.hits
            .lock()
            .map(|h| h.get(target).copied().unwrap_or(0))
            .unwrap_or(0)
    }
}

fn serve(
    stream: TcpStream,
    routes: &BTreeMap<String, Answer>,
    hits: &Arc<Mutex<BTreeMap<String, usize>>>,
) {
    let Ok(read_half) = stream.try_clone() else {
        return;
    };
    let mut reader = BufReader::new(read_half);
    let mut request_line = String::new();
    if reader.read_line(&mut request_line).is_err() {
        return;
    }
    loop {
        let mut header = String::new();
        match reader.read_line(&mut header) {
            Ok(0) => break,
            Ok(_) if header.trim().is_empty() => break,
            Ok(_) => {}
            Err(_) => return,
        }
    }
    let target = request_line
        .split_whitespace()
        .nth(1)
        .unwrap_or("/")
        .to_owned();
    if let Ok(mut h) = hits.lock() {
        *h.entry(target.clone()).or_default() += 1;
    }
    let answer = routes.get(&target).cloned().unwrap_or(Answer {
        status: 404,
        content_type: "text/html",
        body: b"<html><body><h1>404 Not Found</h1></body></html>".to_vec(),
    });
    let reason = match answer.status {
        200 => "OK",
        404 => "Not Found",
        500 => "Internal Server Error",
        _ => "Whatever",
    };
    let mut stream = stream;
    let head = format!(
        "HTTP/1.1 {} {reason}\r\nContent-Type: {}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        answer.status,
        answer.content_type,
        answer.body.len()
    );
    let _ = stream.write_all(head.as_bytes());
    let _ = stream.write_all(&answer.body);
    let _ = stream.flush();
}
