//! Against a server no one here wrote: spyne (PyPI) serves interop/spyne/service.py on
//! loopback, SOAP 1.1 at /soap11 and SOAP 1.2 at /soap12. The `soapgen` command generates a
//! crate from the WSDL each endpoint publishes, and interop/spyne/caller calls every
//! operation through both generated clients and checks the answers (nested types,
//! arrays, optional and nillable fields, an enumeration, dates, the declared fault).
//!
//! Needs Python with spyne and lxml: `.ci/run` makes the virtualenv `target/interop-venv`
//! (or set INTEROP_PYTHON). Not part of `cargo test --workspace` (`test = false`):
//! `cargo xtask test` runs it as its own step, and it fails, never skips, when spyne is
//! missing.

mod support;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use support::{cargo_run, root, share_the_workspace_build, soapgen};

fn python() -> PathBuf {
    std::env::var_os("INTEROP_PYTHON")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join("target/interop-venv/bin/python"))
}

/// The spyne service, killed when dropped.
struct Service {
    child: Child,
    port: u16,
}

impl Drop for Service {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start_service() -> Service {
    let python = python();
    let mut child = Command::new(&python)
        .arg(root().join("interop/spyne/service.py"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .unwrap_or_else(|e| {
            panic!(
                "cannot start {} ({e}): run .ci/run, or make a virtualenv with \
                 `pip install spyne lxml zeep` and set INTEROP_PYTHON",
                python.display()
            )
        });
    let stdout = child.stdout.take().expect("piped stdout");
    let mut first = String::new();
    BufReader::new(stdout)
        .read_line(&mut first)
        .expect("read the service's first line");
    let port = first
        .trim()
        .strip_prefix("PORT ")
        .and_then(|p| p.parse().ok())
        .unwrap_or_else(|| panic!("the spyne service did not start: {first:?}"));
    Service { child, port }
}

/// `GET path` over HTTP/1.0: the body of a 200 answer.
fn get(port: u16, path: &str) -> String {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    stream
        .set_read_timeout(Some(Duration::from_secs(30)))
        .expect("timeout");
    write!(stream, "GET {path} HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n").expect("send");
    let mut answer = String::new();
    stream.read_to_string(&mut answer).expect("read");
    let (head, body) = answer.split_once("\r\n\r\n").expect("an HTTP answer");
    assert!(head.starts_with("HTTP/1.0 200"), "GET {path}: {head}");
    body.to_owned()
}

#[test]
fn generated_clients_call_every_spyne_operation_in_both_soap_versions() {
    let service = start_service();
    let dir = tempfile::tempdir().expect("temp dir");
    for (name, path) in [("interop11", "/soap11"), ("interop12", "/soap12")] {
        let wsdl = dir.path().join(format!("{name}.wsdl"));
        std::fs::write(&wsdl, get(service.port, &format!("{path}?wsdl"))).expect("write wsdl");
        soapgen(&[
            wsdl.as_os_str(),
            "--out".as_ref(),
            dir.path().join(name).as_os_str(),
            "--crate-name".as_ref(),
            name.as_ref(),
        ]);
    }
    let caller = dir.path().join("caller");
    std::fs::create_dir_all(caller.join("src")).expect("mkdir");
    for file in ["Cargo.toml", "src/main.rs"] {
        std::fs::copy(
            root().join("interop/spyne/caller").join(file),
            caller.join(file),
        )
        .expect("copy caller");
    }
    share_the_workspace_build(&caller);
    let url = |path: &str| format!("http://127.0.0.1:{}{path}", service.port);
    let output = cargo_run(&caller, &[url("/soap11"), url("/soap12")]);
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success(),
        "the caller failed:\n{stdout}\n{stderr}"
    );
    // Eight checks per SOAP version.
    for version in ["interop11", "interop12"] {
        let ok = stdout
            .lines()
            .filter(|l| l.starts_with(version) && l.ends_with(": ok"))
            .count();
        assert_eq!(ok, 8, "{version}:\n{stdout}");
    }
}
