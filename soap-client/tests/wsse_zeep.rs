//! soap-client's WS-Security UsernameToken against zeep's (PyPI), a SOAP stack we did not
//! write: for the same user, password, nonce and creation time, the `soap:Header` of our
//! request envelope is byte for byte the one zeep writes (interop/zeep/wsse_header.py),
//! password as text and as digest, SOAP 1.1 and 1.2, with non-ASCII text and characters
//! XML escapes.
//!
//! Needs Python with zeep: `.ci/run` makes the virtualenv `target/interop-venv` (or set
//! INTEROP_PYTHON). Not part of `cargo test --workspace` (`test = false`): `cargo xtask
//! test` runs it in its interop step, and it fails, never skips, when zeep is missing.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use soap_client::soap_runtime::envelope::{HeaderBlock, encode_request_with_headers};
use soap_client::soap_runtime::{
    BodyElement, DecodeError, EncodeError, SoapVersion, XmlReader, XmlWriter,
};
use soap_client::wsse::{DigestInputs, UsernameToken};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("workspace root")
        .to_owned()
}

fn python() -> PathBuf {
    std::env::var_os("INTEROP_PYTHON")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join("target/interop-venv/bin/python"))
}

/// An empty request body (the header is what is compared).
struct Ping;

impl BodyElement for Ping {
    const NAME: &'static str = "Ping";
    const NAMESPACE: &'static str = "urn:ping";
    fn write_element(&self, w: &mut XmlWriter) -> Result<(), EncodeError> {
        w.start(Some(Self::NAMESPACE), Self::NAME);
        w.end()
    }
    fn read_element(r: &mut XmlReader<'_>) -> Result<Self, DecodeError> {
        match r.next_child()? {
            Some(tag) => r.skip(&tag).map(|()| Ping),
            None => Ok(Ping),
        }
    }
}

/// The token written with fixed digest inputs, as a header block.
struct Fixed<'a>(&'a UsernameToken, &'a DigestInputs);

impl HeaderBlock for Fixed<'_> {
    fn write_header(&self, w: &mut XmlWriter, version: SoapVersion) -> Result<(), EncodeError> {
        self.0.write_with(w, version, self.1)
    }
}

struct Case {
    username: &'static str,
    password: &'static str,
    digest: bool,
    nonce: &'static str,
    created: &'static str,
    version: SoapVersion,
}

fn ours(case: &Case) -> String {
    let token = if case.digest {
        UsernameToken::password_digest(case.username, case.password)
    } else {
        UsernameToken::password_text(case.username, case.password)
    };
    let inputs = DigestInputs {
        nonce: case.nonce.as_bytes().to_vec(),
        created: case.created.to_owned(),
    };
    let bytes = encode_request_with_headers(&Ping, &[&Fixed(&token, &inputs)], case.version)
        .expect("encodes");
    let text = String::from_utf8(bytes).expect("UTF-8");
    let start = text.find("<soap:Header>").expect("a header");
    let end = text.find("</soap:Header>").expect("a header's end") + "</soap:Header>".len();
    text[start..end].to_owned()
}

fn zeeps(cases: &[Case]) -> Vec<String> {
    let mut child = Command::new(python())
        .arg(root().join("interop/zeep/wsse_header.py"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| {
            panic!(
                "cannot run {} (make target/interop-venv with zeep, see .ci/run): {e}",
                python().display()
            )
        });
    {
        let mut stdin = child.stdin.take().expect("stdin");
        for case in cases {
            let line = serde_json::json!({
                "username": case.username,
                "password": case.password,
                "digest": case.digest,
                "nonce": case.nonce,
                "created": case.created,
                "soap": match case.version {
                    SoapVersion::Soap11 => "1.1",
                    SoapVersion::Soap12 => "1.2",
                },
            });
            writeln!(stdin, "{line}").expect("writes a case");
        }
    }
    let output = child.wait_with_output().expect("zeep ran");
    assert!(
        output.status.success(),
        "interop/zeep/wsse_header.py failed:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout)
        .expect("UTF-8")
        .lines()
        .map(|line| {
            let value: serde_json::Value = serde_json::from_str(line).expect("a JSON line");
            value["header"].as_str().expect("a header").to_owned()
        })
        .collect()
}

#[test]
fn the_username_token_header_is_byte_for_byte_zeeps() {
    let mut cases = Vec::new();
    for version in [SoapVersion::Soap11, SoapVersion::Soap12] {
        cases.extend([
            Case {
                username: "admin",
                password: "secret",
                digest: true,
                nonce: "0123456789abcdef",
                created: "2026-12-07T11:45:30Z",
                version,
            },
            Case {
                username: "Zoë",
                password: "pässword €",
                digest: true,
                nonce: "nonce-ünïcode",
                created: "1999-12-31T23:59:59Z",
                version,
            },
            Case {
                username: "onvif-user",
                password: "pw",
                digest: false,
                nonce: "",
                created: "2026-12-07T11:45:30Z",
                version,
            },
            Case {
                username: "a&b<c>",
                password: "p\"w'&<>",
                digest: false,
                nonce: "",
                created: "2026-12-07T11:45:30Z",
                version,
            },
        ]);
    }
    let theirs = zeeps(&cases);
    assert_eq!(theirs.len(), cases.len(), "one header per case from zeep");
    for (case, zeep) in cases.iter().zip(&theirs) {
        assert_eq!(
            &ours(case),
            zeep,
            "user {:?}, digest {}, {:?}",
            case.username,
            case.digest,
            case.version
        );
    }
}
