//! The `gas-sandbox` binary as CI runs it, in its own process (issue 22):
//! - at the open-files limit it neither spins nor floods its log;
//! - killed with SIGKILL during concurrent orders with `--state`, it restarts with every
//!   order whose answer reached a client, and never reuses an OrderID.
//!
//! Loopback only; bounded in count (a few hundred orders) and time (seconds).

use std::collections::BTreeSet;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const PATH: &str = "/pc/ws/v2/GasOrderService";

/// The longest a test waits for anything; only a broken server reaches it.
const PATIENCE: Duration = Duration::from_secs(30);

/// A running `gas-sandbox`; killed (SIGKILL) when dropped.
struct Server {
    child: Child,
    addr: SocketAddr,
}

impl Server {
    /// Starts `command` (whose program is, or execs, the sandbox) and waits for the URL it
    /// prints on stdout.
    fn start(mut command: Command) -> Self {
        let mut child = command
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .spawn()
            .expect("start gas-sandbox");
        let stdout = child.stdout.take().expect("stdout");
        let mut line = String::new();
        BufReader::new(stdout)
            .read_line(&mut line)
            .expect("read the URL");
        let addr = line
            .trim()
            .strip_prefix("http://")
            .and_then(|rest| rest.strip_suffix(PATH))
            .and_then(|addr| addr.parse().ok())
            .unwrap_or_else(|| panic!("no service URL on stdout: {line:?}"));
        Self { child, addr }
    }

    fn pid(&self) -> u32 {
        self.child.id()
    }

    /// SIGKILL: no shutdown, no flush.
    fn kill(mut self) {
        self.child.kill().expect("SIGKILL");
        self.child.wait().expect("reap");
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn sandbox_command(args: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_gas-sandbox"));
    command
        .args(["--listen", "127.0.0.1:0", "--account", "alice:pw"])
        .args(args)
        .env("RUST_LOG", "warn")
        .stderr(Stdio::null());
    command
}

/// One request on a fresh connection (`Connection: close`): status and body, or `None`
/// when the connection failed or broke.
fn http(addr: SocketAddr, method: &str, target: &str, body: &str) -> Option<(u16, String)> {
    let mut stream = TcpStream::connect_timeout(&addr, PATIENCE).ok()?;
    stream.set_read_timeout(Some(PATIENCE)).ok()?;
    let request = format!(
        "{method} {target} HTTP/1.1\r\nHost: {addr}\r\nContent-Type: text/xml; charset=utf-8\r\nSOAPAction: \"\"\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    stream.write_all(request.as_bytes()).ok()?;
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).ok()?;
    let text = String::from_utf8_lossy(&raw);
    let (head, body) = text.split_once("\r\n\r\n")?;
    let status = head.split_whitespace().nth(1)?.parse().ok()?;
    // A complete answer only: a body cut by the kill is no answer.
    let length: usize = head.lines().find_map(|l| {
        let (name, value) = l.split_once(':')?;
        name.eq_ignore_ascii_case("content-length")
            .then(|| value.trim().parse().ok())?
    })?;
    (body.len() == length).then(|| (status, body.to_owned()))
}

const ORDER_PS1: &str = "<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\" xmlns:ws=\"https://system.globalsign.com/pc/ws/v2/\"><soapenv:Body><ws:OrderPS1><Request><OrderRequestHeader><AuthToken><UserName>alice</UserName><Password>pw</Password></AuthToken></OrderRequestHeader><Year>1</Year><OrderKind>new</OrderKind><PickupPassword>Pickup#2024pw</PickupPassword><HasCSR>false</HasCSR><PKCS12Option>true</PKCS12Option><HasFortify>false</HasFortify><DnAttributes><Email>alice@example.com</Email></DnAttributes><Subscriber><FirstName>Alice</FirstName><LastName>Example</LastName><Phone>+1 603 555 0100</Phone><Email>alice@example.com</Email></Subscriber><HashAlgorithm>SHA256</HashAlgorithm></Request></ws:OrderPS1></soapenv:Body></soapenv:Envelope>";

/// Places an order; its OrderID when the answer reached us and says success.
fn place_order(addr: SocketAddr) -> Option<String> {
    let (status, body) = http(addr, "POST", PATH, ORDER_PS1)?;
    if status != 200 || !body.contains("<SuccessCode>0</SuccessCode>") {
        return None;
    }
    let start = body.find("<OrderID>")? + "<OrderID>".len();
    let end = start + body[start..].find("</OrderID>")?;
    Some(body[start..end].to_owned())
}

fn order_is_stored(addr: SocketAddr, id: &str) -> bool {
    http(addr, "GET", &format!("/sandbox/admin/orders/{id}"), "")
        .is_some_and(|(status, body)| status == 200 && body.contains(id))
}

#[test]
fn orders_answered_before_a_sigkill_survive_it_and_ids_are_never_reused() {
    let dir = tempfile::tempdir().expect("tempdir");
    let state = dir.path().join("state.redb");
    let state = state.to_str().expect("utf-8 path");
    let start = || Server::start(sandbox_command(&["--state", state, "--admin"]));

    // Every OrderID a client ever received, over all rounds.
    let mut confirmed: BTreeSet<String> = BTreeSet::new();
    let mut server = start();
    {
        let first = place_order(server.addr).expect("an order is placed");
        confirmed.insert(first);
    }
    for round in 0..2 {
        let addr = server.addr;
        let received = Arc::new(Mutex::new(Vec::new()));
        let stop = Arc::new(AtomicBool::new(false));
        let clients: Vec<_> = (0..8)
            .map(|_| {
                let received = received.clone();
                let stop = stop.clone();
                std::thread::spawn(move || {
                    while !stop.load(Ordering::Relaxed) {
                        match place_order(addr) {
                            Some(id) => received.lock().expect("lock").push(id),
                            // Killed: connection refused or cut.
                            None => return,
                        }
                    }
                })
            })
            .collect();
        // Kill mid-stream, once enough orders have been answered.
        let started = Instant::now();
        while received.lock().expect("lock").len() < 100 {
            assert!(
                started.elapsed() < PATIENCE,
                "round {round}: orders too slow"
            );
            std::thread::sleep(Duration::from_millis(5));
        }
        server.kill();
        stop.store(true, Ordering::Relaxed);
        for client in clients {
            client.join().expect("client thread");
        }
        let received = std::mem::take(&mut *received.lock().expect("lock"));
        for id in &received {
            assert!(
                confirmed.insert(id.clone()),
                "round {round}: OrderID {id} given twice"
            );
        }

        server = start();
        for id in &confirmed {
            assert!(
                order_is_stored(server.addr, id),
                "round {round}: {id} was answered before the kill and is gone after it"
            );
        }
        let newest = confirmed.last().cloned().unwrap_or_default();
        for _ in 0..5 {
            let id = place_order(server.addr).expect("an order after the restart");
            assert!(id > newest, "round {round}: {id} not after {newest}");
            assert!(confirmed.insert(id.clone()), "round {round}: {id} reused");
        }
    }
    drop(server);
}

/// User and system CPU time of a process, in seconds (`/proc/PID/stat`).
fn cpu_seconds(pid: u32) -> f64 {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).expect("read stat");
    // The command name (field 2) is in parentheses and may hold spaces: count after it.
    let after_name = &stat[stat.rfind(')').expect("stat format") + 2..];
    let fields: Vec<&str> = after_name.split_whitespace().collect();
    // Fields 14 and 15 of the whole line: utime, stime (clock ticks).
    let ticks: u64 =
        fields[11].parse::<u64>().expect("utime") + fields[12].parse::<u64>().expect("stime");
    ticks as f64 / rustix::param::clock_ticks_per_second() as f64
}

/// The log's lines from byte `from` on, and the log's length.
fn log_lines_since(path: &Path, from: usize) -> (Vec<String>, usize) {
    let log = std::fs::read(path).unwrap_or_default();
    let new = String::from_utf8_lossy(log.get(from..).unwrap_or_default());
    (new.lines().map(str::to_owned).collect(), log.len())
}

/// How many accept failures the server's throttled warnings account for in `lines`: each
/// line is one failure plus the `N more since the last report` it did not write.
fn accept_failures_reported(lines: &[String]) -> u64 {
    lines
        .iter()
        .filter(|line| line.contains("accept failed"))
        .map(|line| {
            let unreported = line
                .split_once("backing off (")
                .and_then(|(_, rest)| rest.split_once(" more since"))
                .and_then(|(n, _)| n.parse::<u64>().ok())
                .unwrap_or_else(|| panic!("accept warning without its count: {line}"));
            1 + unreported
        })
        .sum()
}

fn log_says(path: &Path, what: &str) -> bool {
    std::fs::read_to_string(path).is_ok_and(|log| log.contains(what))
}

#[test]
fn at_the_open_files_limit_it_neither_spins_nor_floods_its_log() {
    let dir = tempfile::tempdir().expect("tempdir");
    let log_path = dir.path().join("stderr.log");
    let log = std::fs::File::create(&log_path).expect("log file");
    // 64 files; the cap set far above it, so connections reach the limit itself.
    let mut command = Command::new("prlimit");
    command
        .args(["--nofile=64:64", "--", env!("CARGO_BIN_EXE_gas-sandbox")])
        .args(["--listen", "127.0.0.1:0", "--account", "alice:pw"])
        .args(["--max-connections", "1000"])
        .args([
            "--header-read-timeout",
            "120s",
            "--body-read-timeout",
            "120s",
        ])
        .env("RUST_LOG", "info")
        .stderr(log);
    let server = Server::start(command);
    let addr = server.addr;

    // Uploads the server has begun to read (so none is idle to close): more than 64. The
    // ones past the limit wait in the listen backlog.
    let mut uploads = Vec::new();
    let started = Instant::now();
    while !log_says(&log_path, "accept failed") {
        assert!(
            started.elapsed() < PATIENCE,
            "never reached the open-files limit"
        );
        if uploads.len() < 120 {
            let mut stream = TcpStream::connect_timeout(&addr, PATIENCE).expect("connect");
            let head = format!(
                "POST {PATH} HTTP/1.1\r\nHost: {addr}\r\nContent-Length: 1000\r\n\r\n<soapenv:En"
            );
            stream.write_all(head.as_bytes()).expect("write");
            uploads.push(stream);
        } else {
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    // Now at the limit, with connections waiting: measure a window. Two measures of
    // spinning: how often the server retries accept (its own count, in the log lines it
    // writes: independent of how loaded this machine is), and the CPU it used (a spinning
    // server took more than a core; the bound is loose so that a busy machine cannot make
    // an idle server look busy).
    std::thread::sleep(Duration::from_millis(300));
    let window = Duration::from_secs(3);
    let (_, log_at) = log_lines_since(&log_path, 0);
    let (cpu_before, at) = (cpu_seconds(server.pid()), Instant::now());
    std::thread::sleep(window);
    let (cpu_after, elapsed) = (cpu_seconds(server.pid()), at.elapsed());
    // The warning for the window's last second may be written on the next failure.
    std::thread::sleep(Duration::from_millis(1100));
    let (lines, _) = log_lines_since(&log_path, log_at);
    let seconds = elapsed.as_secs_f64();
    let lines_per_second = lines.len() as f64 / seconds;
    let retries_per_second = accept_failures_reported(&lines) as f64 / seconds;
    let cpu_share = (cpu_after - cpu_before) / seconds;
    assert!(
        lines_per_second <= 3.0,
        "{lines_per_second:.1} log lines a second at the limit: {lines:#?}"
    );
    assert!(
        !lines.is_empty() && retries_per_second <= 50.0,
        "{retries_per_second:.0} accept retries a second at the limit (backing off: at most \
         1/5 ms at first, then 4 a second): {lines:#?}"
    );
    assert!(
        cpu_share <= 0.5,
        "{:.0}% of a core at the limit: spinning",
        cpu_share * 100.0
    );

    // It recovers once connections close.
    drop(uploads);
    let started = Instant::now();
    while http(addr, "GET", &format!("{PATH}?wsdl"), "").map(|(s, _)| s) != Some(200) {
        assert!(started.elapsed() < PATIENCE, "no recovery after the limit");
        std::thread::sleep(Duration::from_millis(50));
    }
    drop(server);
}
