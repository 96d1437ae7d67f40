//! Shared by the `cli_*` tests: run the real `gas` binary in a clean environment, and
//! start the sandbox in-process on an ephemeral loopback port.
#![allow(dead_code)]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// The test account's user name and password. The password is chosen to be findable in
/// any output, in any escaping: it must never appear.
pub const USER: &str = "cli_test_user";
pub const PASSWORD: &str = "Pw-cli&secret-42";
pub const PICKUP: &str = "Pickup-cli-secret-77";

pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    pub fn all(&self) -> String {
        format!("{}{}", self.stdout, self.stderr)
    }

    /// Panics with the whole output unless the exit code is `code`.
    #[track_caller]
    pub fn expect(&self, code: i32) -> &Run {
        assert_eq!(
            self.code, code,
            "exit code\n--- stdout\n{}\n--- stderr\n{}",
            self.stdout, self.stderr
        );
        self
    }

    /// The stdout lines, each parsed as JSON.
    #[track_caller]
    pub fn json_lines(&self) -> Vec<serde_json::Value> {
        self.stdout
            .lines()
            .filter(|l| !l.trim().is_empty())
            .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON: {e}: {l}")))
            .collect()
    }

    /// The stderr JSON error object (with `--json`).
    #[track_caller]
    pub fn json_error(&self) -> serde_json::Value {
        let line = self
            .stderr
            .lines()
            .rev()
            .find(|l| l.starts_with('{'))
            .unwrap_or_else(|| panic!("no JSON on stderr: {}", self.stderr));
        serde_json::from_str(line).unwrap_or_else(|e| panic!("not JSON: {e}: {line}"))
    }
}

/// A scratch directory for one test, emptied first.
pub fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("gas-cli-tests-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Runs `gas` with `args`, extra environment `env`, and `stdin`. The environment is
/// cleared of GAS_* variables and the config directory points into the scratch
/// directory, so no operator's configuration can leak into a test.
pub fn gas(dir: &Path, args: &[&str], env: &[(&str, &str)], stdin: Option<&str>) -> Run {
    let mut command = Command::new(env!("CARGO_BIN_EXE_gas"));
    command
        .args(args)
        .current_dir(dir)
        .env_remove("GAS_USERNAME")
        .env_remove("GAS_PASSWORD")
        .env_remove("GAS_ENDPOINT")
        .env_remove("GAS_CONFIG")
        .env_remove("GAS_PICKUP_PASSWORD")
        .env_remove("RUST_LOG")
        .env("XDG_CONFIG_HOME", dir.join("xdg"))
        .env("HOME", dir)
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    for (key, value) in env {
        command.env(key, value);
    }
    let mut child = command.spawn().expect("gas runs");
    if let Some(input) = stdin {
        let mut pipe = child.stdin.take().expect("stdin");
        pipe.write_all(input.as_bytes()).expect("write stdin");
    }
    let output = child.wait_with_output().expect("gas finishes");
    Run {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

/// The credentials as a test passes them: through the environment.
pub fn creds() -> [(&'static str, &'static str); 2] {
    [("GAS_USERNAME", USER), ("GAS_PASSWORD", PASSWORD)]
}

/// Fails if a secret appears in the output in any form a printer could give it.
#[track_caller]
pub fn assert_no_secrets(run: &Run) {
    for secret in [PASSWORD, PICKUP] {
        for form in [
            secret.to_owned(),
            secret.replace('&', "&amp;"),
            secret.replace('&', "\\u0026"),
        ] {
            assert!(
                !run.all().contains(&form),
                "secret {form:?} printed:\n--- stdout\n{}\n--- stderr\n{}",
                run.stdout,
                run.stderr
            );
        }
    }
}

/// A PersonalSign 2 order in TOML, issued at once as PKCS#12 by the sandbox.
pub fn ps2_order(common_name: &str, sub_id: &str) -> String {
    format!(
        r#"Year = 1
OrderKind = "new"
PickupPassword = "{PICKUP}"
HasCSR = false
PKCS12Option = true
SubID = "{sub_id}"

[DnAttributes]
CommonName = "{common_name}"
Country = "US"
Email = "alice@example.com"

[Subscriber]
PostalCode = "03801"
AddressLine1 = "100 Market Street"
AddressLine2 = "Suite 200"
Locality = "Portsmouth"
StateOrProvince = "New Hampshire"
Country = "US"
FirstName = "Alice"
LastName = "Example"
Phone = "+1 603 555 0100"
Email = "alice@example.com"
"#
    )
}

/// The sandbox, running in-process on its own runtime until dropped.
pub struct TestSandbox {
    pub url: String,
    runtime: Option<tokio::runtime::Runtime>,
    handle: Option<gas_sandbox::SandboxHandle>,
}

impl TestSandbox {
    pub fn start() -> TestSandbox {
        TestSandbox::start_with(|builder| builder)
    }

    /// A sandbox with more options set on its builder.
    pub fn start_with(
        options: impl FnOnce(gas_sandbox::SandboxBuilder) -> gas_sandbox::SandboxBuilder,
    ) -> TestSandbox {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .expect("runtime");
        let builder = gas_sandbox::Sandbox::builder()
            .account(USER, PASSWORD)
            .account("other_user", "other-password-1");
        let handle = runtime
            .block_on(options(builder).start())
            .expect("sandbox starts");
        TestSandbox {
            url: handle.url().to_owned(),
            runtime: Some(runtime),
            handle: Some(handle),
        }
    }
}

impl TestSandbox {
    /// The running sandbox (its emulator, fault plan, address).
    pub fn handle(&self) -> &gas_sandbox::SandboxHandle {
        self.handle.as_ref().expect("running")
    }
}

/// A PEM certificate signing request for a 2048-bit RSA key (what GlobalSign accepts).
pub fn csr_2048() -> String {
    std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/gas-client/tests/data/csr/rsa2048.csr.pem"
    ))
    .expect("the CSR fixture")
}

/// An AATL order (IssueType 1: issued at once by the sandbox unless `issue_type` says 0).
pub fn aatl_order(common_name: &str, sub_id: &str, issue_type: u8) -> String {
    format!(
        r#"ProductCode = "DSAATL"
Year = 1
OrderKind = "new"
IssueType = "{issue_type}"
PickupPassword = "{PICKUP}"
SubID = "{sub_id}"

[DnAttributes]
CommonName = "{common_name}"
Organization = "Example Org"
Country = "GB"
Email = "signer@example.com"

[Subscriber]
OrganizationName = "Example Org"
PostalCode = "EC1A 1BB"
AddressLine1 = "1 Example Street"
AddressLine2 = "-"
Locality = "London"
StateOrProvince = "London"
Country = "GB"
FirstName = "Sam"
LastName = "Signer"
Phone = "+44 20 7946 0000"
Email = "signer@example.com"
"#
    )
}

impl Drop for TestSandbox {
    fn drop(&mut self) {
        if let (Some(runtime), Some(handle)) = (self.runtime.take(), self.handle.take()) {
            runtime.block_on(handle.shutdown());
            runtime.shutdown_background();
        }
    }
}
