//! `gas` against the sandbox, over real HTTP on loopback: every subcommand, an API error,
//! `--json` output read back, and secrets kept out of every output, `--dry-run` and
//! `-vv` included. Runs the real binary.

mod cli_support;

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

use cli_support::{
    PASSWORD, PICKUP, Run, TestSandbox, USER, aatl_order, assert_no_secrets, creds, csr_2048, gas,
    ps2_order, scratch,
};
use gas_sandbox::faults::FaultRule;

/// `gas --endpoint <sandbox> args...` with the test account in the environment.
fn at(sandbox: &TestSandbox, dir: &std::path::Path, args: &[&str]) -> Run {
    let mut all = vec!["--endpoint", sandbox.url.as_str()];
    all.extend_from_slice(args);
    let run = gas(dir, &all, &creds(), None);
    assert_no_secrets(&run);
    run
}

/// Places a PS2 order and returns its OrderID (read back from `--json`).
fn order(sandbox: &TestSandbox, dir: &std::path::Path, name: &str, sub_id: &str) -> String {
    let file = dir.join(format!("{sub_id}.toml"));
    std::fs::write(&file, ps2_order(name, sub_id)).unwrap();
    let run = at(
        sandbox,
        dir,
        &["--json", "order", "ps2", "--file", file.to_str().unwrap()],
    );
    run.expect(0);
    let lines = run.json_lines();
    assert_eq!(lines.len(), 1, "{}", run.stdout);
    let id = lines[0]["OrderID"].as_str().expect("OrderID").to_owned();
    assert!(!id.is_empty());
    assert_eq!(
        lines[0]["OrderResponseHeader"]["SuccessCode"], "0",
        "{}",
        run.stdout
    );
    id
}

#[test]
fn order_then_get_orders_modified_and_certificate() {
    let sandbox = TestSandbox::start();
    let dir = scratch("lifecycle");

    // Human output of an order: its OrderID.
    std::fs::write(dir.join("o.toml"), ps2_order("Alice Example", "life-0")).unwrap();
    let run = at(&sandbox, &dir, &["order", "ps2", "--file", "o.toml"]);
    run.expect(0);
    assert!(
        run.stdout.lines().any(|l| l.starts_with("OrderID:")),
        "{}",
        run.stdout
    );

    let id = order(&sandbox, &dir, "Alice Example", "life-1");

    // get: human, then JSON with every query option.
    let run = at(&sandbox, &dir, &["get", &id]);
    run.expect(0);
    assert!(run.stdout.contains(&id), "{}", run.stdout);
    assert!(
        run.stdout.lines().any(|l| l.starts_with("Status:")),
        "{}",
        run.stdout
    );
    let run = at(&sandbox, &dir, &["--json", "get", &id, "--all"]);
    run.expect(0);
    let detail = &run.json_lines()[0];
    assert_eq!(detail["OrderInfo"]["OrderID"], id.as_str());
    assert_eq!(detail["OrderSubInfo"]["SubID"], "life-1");
    assert_eq!(
        detail["CertificateInfo"]["CommonName"], "Alice Example",
        "{detail}"
    );

    // orders: by SubID (JSON), and all of them (a table).
    let run = at(&sandbox, &dir, &["--json", "orders", "--sub-id", "life-1"]);
    run.expect(0);
    let lines = run.json_lines();
    assert_eq!(lines.len(), 1, "{}", run.stdout);
    assert_eq!(lines[0]["OrderInfo"]["OrderID"], id.as_str());
    let run = at(&sandbox, &dir, &["orders", "--product", "PS2"]);
    run.expect(0);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert!(lines[0].starts_with("ORDER ID"), "{}", run.stdout);
    assert_eq!(lines.len(), 3, "a header and two orders:\n{}", run.stdout);
    assert!(run.stderr.contains("2 orders"), "{}", run.stderr);

    // modified: the orders changed in a range that holds today.
    let run = at(
        &sandbox,
        &dir,
        &[
            "--json",
            "modified",
            "--from",
            "2000-01-01",
            "--to",
            "2099-12-31",
        ],
    );
    run.expect(0);
    let ids: Vec<String> = run
        .json_lines()
        .iter()
        .map(|d| {
            d["OrderInfo"]["OrderID"]
                .as_str()
                .unwrap_or_default()
                .to_owned()
        })
        .collect();
    assert!(ids.contains(&id), "{ids:?}");

    // certificate: the issued certificate and its chain as PEM.
    let out = dir.join("pem");
    let run = at(
        &sandbox,
        &dir,
        &["certificate", &id, "--out", out.to_str().unwrap()],
    );
    run.expect(0);
    let cert = std::fs::read_to_string(out.join(format!("{id}.pem"))).unwrap();
    assert!(cert.starts_with("-----BEGIN CERTIFICATE-----\n"), "{cert}");
    let chain = std::fs::read_to_string(out.join(format!("{id}.chain.pem"))).unwrap();
    assert!(chain.matches("-----BEGIN CERTIFICATE-----").count() >= 1);
    let full = std::fs::read_to_string(out.join(format!("{id}.fullchain.pem"))).unwrap();
    assert!(full.starts_with(&cert));
    // A second run keeps the files unless --force.
    at(
        &sandbox,
        &dir,
        &["certificate", &id, "--out", out.to_str().unwrap()],
    )
    .expect(2);
    at(
        &sandbox,
        &dir,
        &[
            "certificate",
            &id,
            "--out",
            out.to_str().unwrap(),
            "--force",
        ],
    )
    .expect(0);
}

#[test]
fn reissue_revoke_cancel_and_resend_email() {
    let sandbox = TestSandbox::start();
    let dir = scratch("changes");

    let id = order(&sandbox, &dir, "Bob Example", "chg-1");
    let run = gas(
        &dir,
        &[
            "--endpoint",
            &sandbox.url,
            "--json",
            "reissue",
            &id,
            "--pickup-password-env",
        ],
        &[
            ("GAS_USERNAME", USER),
            ("GAS_PASSWORD", PASSWORD),
            ("GAS_PICKUP_PASSWORD", PICKUP),
        ],
        None,
    );
    assert_no_secrets(&run);
    run.expect(0);
    let reissued = run.json_lines()[0]["OrderID"].as_str().unwrap().to_owned();
    assert_ne!(reissued, id);
    let run = at(&sandbox, &dir, &["--json", "get", &reissued]);
    run.expect(0);
    assert_eq!(
        run.json_lines()[0]["OrderInfo"]["OriginalOrderIDForReIssue"],
        id.as_str()
    );

    let run = at(&sandbox, &dir, &["revoke", &reissued]);
    run.expect(0);
    assert!(run.stdout.contains("ModifyOrder"), "{}", run.stdout);

    let second = order(&sandbox, &dir, "Carol Example", "chg-2");
    at(&sandbox, &dir, &["cancel", &second]).expect(0);
    // Cancelling twice is GlobalSign's -9915, exit 1, with the spec's advice.
    let run = at(&sandbox, &dir, &["cancel", &second]);
    run.expect(1);
    assert!(run.stderr.contains("-9915"), "{}", run.stderr);
    assert!(run.stderr.contains("what to do:"), "{}", run.stderr);

    // ResendEmail on a cancelled order: refused the same way; the command reaches the API.
    let run = at(&sandbox, &dir, &["--json", "resend-email", &second]);
    run.expect(1);
    assert_eq!(run.json_error()["error"]["kind"], "api");
}

#[test]
fn api_errors_exit_1_with_the_code_and_what_to_do() {
    let sandbox = TestSandbox::start();
    let dir = scratch("api-errors");

    // Wrong password: -4001.
    let run = gas(
        &dir,
        &["--endpoint", &sandbox.url, "get", "PC0000000000001"],
        &[
            ("GAS_USERNAME", USER),
            ("GAS_PASSWORD", "Not-the-password-9"),
        ],
        None,
    );
    run.expect(1);
    assert!(run.stderr.contains("-4001"), "{}", run.stderr);
    assert!(
        run.stderr.contains("Please review your ID and password"),
        "{}",
        run.stderr
    );
    assert!(!run.all().contains("Not-the-password-9"));

    // Unknown order: -9916, as JSON.
    let run = at(&sandbox, &dir, &["--json", "get", "PC0000000000001"]);
    run.expect(1);
    let error = run.json_error();
    assert_eq!(error["exit_code"], 1);
    assert_eq!(error["error"]["items"][0]["code"], "-9916");
    assert!(
        error["error"]["items"][0]["advice"]
            .as_str()
            .unwrap()
            .contains("OrderID")
    );
    assert!(run.stdout.is_empty());

    // Another account's order: -9902.
    let id = order(&sandbox, &dir, "Dave Example", "iso-1");
    let run = gas(
        &dir,
        &["--endpoint", &sandbox.url, "get", &id],
        &[
            ("GAS_USERNAME", "other_user"),
            ("GAS_PASSWORD", "other-password-1"),
        ],
        None,
    );
    run.expect(1);
    assert!(run.stderr.contains("-9902"), "{}", run.stderr);
}

#[test]
fn the_client_validation_lists_every_violation_with_its_code() {
    let sandbox = TestSandbox::start();
    let dir = scratch("client-validation");
    let too_long = "x".repeat(200);
    let order = ps2_order(&too_long, "val-1")
        .replace("Country = \"US\"\nEmail", "Country = \"USA\"\nEmail")
        .replace("OrderKind = \"new\"", "OrderKind = \"old\"");
    std::fs::write(dir.join("bad.toml"), order).unwrap();
    let run = at(&sandbox, &dir, &["order", "ps2", "--file", "bad.toml"]);
    run.expect(2);
    for needle in [
        "DnAttributes/CommonName",
        "DnAttributes/Country",
        "OrderKind",
        "-103",
        "nothing was sent",
    ] {
        assert!(
            run.stderr.contains(needle),
            "{needle} missing:\n{}",
            run.stderr
        );
    }
    // Nothing reached the sandbox.
    let run = at(&sandbox, &dir, &["--json", "orders", "--sub-id", "val-1"]);
    run.expect(0);
    assert!(run.json_lines().is_empty(), "{}", run.stdout);
}

#[test]
fn dry_run_and_verbose_output_never_show_a_secret() {
    let sandbox = TestSandbox::start();
    let dir = scratch("secrets");
    std::fs::write(dir.join("o.toml"), ps2_order("Erin Example", "sec-1")).unwrap();

    let run = at(
        &sandbox,
        &dir,
        &["order", "ps2", "--file", "o.toml", "--dry-run"],
    );
    run.expect(0);
    assert!(
        run.stdout.contains("<Password>***</Password>"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("<PickupPassword>***</PickupPassword>"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains(&format!("<UserName>{USER}</UserName>")),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("<SubID>sec-1</SubID>"),
        "{}",
        run.stdout
    );
    // A dry run sends nothing.
    let listed = at(&sandbox, &dir, &["--json", "orders", "--sub-id", "sec-1"]);
    assert!(listed.json_lines().is_empty(), "{}", listed.stdout);

    // The password from standard input, -vv tracing, an order and a failing call.
    let run = gas(
        &dir,
        &[
            "-vv",
            "--password-stdin",
            "--endpoint",
            &sandbox.url,
            "order",
            "ps2",
            "--file",
            "o.toml",
        ],
        &[("GAS_USERNAME", USER)],
        Some(&format!("{PASSWORD}\n")),
    );
    assert_no_secrets(&run);
    run.expect(0);
    assert!(!run.stderr.is_empty(), "-vv logs something");
    let run = gas(
        &dir,
        &[
            "-vv",
            "--json",
            "--endpoint",
            &sandbox.url,
            "cancel",
            "PC0000000000009",
        ],
        &creds(),
        None,
    );
    assert_no_secrets(&run);
    run.expect(1);

    // Every other dry run: masked, exit 0.
    for args in [
        vec!["cancel", "PC1", "--dry-run"],
        vec!["revoke", "PC1", "--dry-run"],
        vec!["resend-email", "PC1", "--dry-run"],
        vec!["get", "PC1", "--all", "--dry-run"],
        vec![
            "modified",
            "--from",
            "2024-01-01",
            "--to",
            "2024-01-02",
            "--dry-run",
        ],
        vec!["orders", "--product", "PS2", "--dry-run"],
        vec!["--json", "reissue", "PC1", "--dry-run"],
    ] {
        let run = at(&sandbox, &dir, &args);
        run.expect(0);
        assert!(run.stdout.contains("***"), "{args:?}: {}", run.stdout);
    }
}

#[test]
fn no_answer_is_exit_3_with_a_hint() {
    // A port nothing listens on: bind one, note it, close it.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let dir = scratch("transport");
    let url = format!("http://127.0.0.1:{port}/pc/ws/v2/GasOrderService");
    let run = gas(
        &dir,
        &["--endpoint", &url, "--timeout", "5s", "get", "PC1"],
        &creds(),
        None,
    );
    run.expect(3);
    assert!(run.stderr.contains("Nothing was sent"), "{}", run.stderr);
    assert_no_secrets(&run);
    let run = gas(
        &dir,
        &["--json", "--endpoint", &url, "cancel", "PC1"],
        &creds(),
        None,
    );
    run.expect(3);
    assert_eq!(run.json_error()["exit_code"], 3);
}

#[test]
fn gas_sandbox_serves_until_stopped() {
    let dir = scratch("sandbox-command");
    // Accounts from a file, state kept in a file, PS2 refused as GlobalSign does now.
    std::fs::write(
        dir.join("accounts.txt"),
        format!("# test accounts\n{USER}:{PASSWORD}\n"),
    )
    .unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_gas"))
        .args([
            "sandbox",
            "--listen",
            "127.0.0.1:0",
            "--account",
            "second_user:second-password-1",
            "--accounts-file",
            dir.join("accounts.txt").to_str().unwrap(),
            "--state",
            dir.join("state.redb").to_str().unwrap(),
            "--issue-policy",
            "on-order",
            "--refuse-ps2",
            "--admin",
        ])
        .env("XDG_CONFIG_HOME", dir.join("xdg"))
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let mut url = String::new();
    stdout.read_line(&mut url).unwrap();
    let url = url.trim().to_owned();
    let result = std::panic::catch_unwind(|| {
        assert!(url.starts_with("http://127.0.0.1:"), "{url}");
        let run = gas(
            &dir,
            &["--endpoint", &url, "--json", "orders"],
            &creds(),
            None,
        );
        assert_no_secrets(&run);
        run.expect(0);

        std::fs::write(dir.join("ps2.toml"), ps2_order("Alice", "refused-1")).unwrap();
        let run = gas(
            &dir,
            &["--endpoint", &url, "order", "ps2", "--file", "ps2.toml"],
            &creds(),
            None,
        );
        run.expect(1);
        assert!(run.stderr.contains("-9200"), "{}", run.stderr);

        // A REGISTER (IssueType 0) AATL order waits for the admin step.
        std::fs::write(dir.join("aatl.toml"), aatl_order("Signer", "reg-1", 0)).unwrap();
        let run = gas(
            &dir,
            &[
                "--endpoint",
                &url,
                "--json",
                "order",
                "aatl",
                "--file",
                "aatl.toml",
            ],
            &creds(),
            None,
        );
        run.expect(0);
        let id = run.json_lines()[0]["OrderID"].as_str().unwrap().to_owned();
        let run = gas(
            &dir,
            &["--endpoint", &url, "--json", "get", &id],
            &creds(),
            None,
        );
        run.expect(0);
        assert_eq!(
            run.json_lines()[0]["OrderInfo"]["OrderStatus"],
            "6",
            "{}",
            run.stdout
        );
    });
    let _ = child.kill();
    let output = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!stderr.contains(PASSWORD), "{stderr}");
    // With --admin it prints the pages' URLs (issue 23).
    for page in ["outbox", "operator"] {
        assert!(
            stderr.contains(&format!("gas: {page} page: http://127.0.0.1:"))
                && stderr.contains(&format!("/sandbox/{page}\n")),
            "{stderr}"
        );
    }
    if let Err(panic) = result {
        std::panic::resume_unwind(panic);
    }
}

// ---- Issue 17 and issue 15 item 4, against the sandbox.

/// The chain is written leaf → intermediate, the root in its own file: what `openssl
/// verify -CAfile root.pem -untrusted chain.pem cert.pem` and TLS servers expect.
#[test]
fn the_certificate_files_are_in_chain_order_with_the_root_apart() {
    let sandbox = TestSandbox::start();
    let dir = scratch("chain-order");
    let id = order(&sandbox, &dir, "Chain Example", "chain-1");
    let out = dir.join("certs");
    let run = at(
        &sandbox,
        &dir,
        &["certificate", &id, "--out", out.to_str().unwrap()],
    );
    run.expect(0);
    let read = |suffix: &str| std::fs::read_to_string(out.join(format!("{id}{suffix}"))).unwrap();
    let (leaf, chain, full, root) = (
        read(".pem"),
        read(".chain.pem"),
        read(".fullchain.pem"),
        read(".root.pem"),
    );
    let normalize = |pem: &str| pem.split_whitespace().collect::<String>();
    let sandbox_root = sandbox.handle().emulator().ca_root_pem().to_owned();
    assert_eq!(
        normalize(&root),
        normalize(&sandbox_root),
        "root.pem is the root"
    );
    assert!(
        !normalize(&chain).contains(&normalize(&sandbox_root)),
        "the root is not in the chain"
    );
    assert_eq!(
        full,
        format!("{leaf}{chain}"),
        "fullchain is the leaf, then the chain"
    );
    assert_eq!(chain.matches("BEGIN CERTIFICATE").count(), 1);
}

/// The certificate of a revoked order is written, but `gas certificate` says so and exits 4.
#[test]
fn a_revoked_certificate_is_written_with_a_warning_and_exit_4() {
    let sandbox = TestSandbox::start();
    let dir = scratch("revoked-cert");
    let id = order(&sandbox, &dir, "Revoked Example", "rev-1");
    at(&sandbox, &dir, &["revoke", &id]).expect(0);
    let out = dir.join("certs");
    let run = at(
        &sandbox,
        &dir,
        &["certificate", &id, "--out", out.to_str().unwrap()],
    );
    run.expect(4);
    assert!(run.stderr.contains("revoked"), "{}", run.stderr);
    assert!(out.join(format!("{id}.pem")).exists());
    let run = at(
        &sandbox,
        &dir,
        &[
            "--json",
            "certificate",
            &id,
            "--out",
            out.to_str().unwrap(),
            "--force",
        ],
    );
    run.expect(4);
    assert!(
        run.json_lines()[0]["unusable"]
            .as_str()
            .unwrap()
            .contains("revoked")
    );
}

/// Advice that fits the operation and the order's state, not the spec's line about
/// renewals or coupons.
#[test]
fn refusals_of_a_change_get_advice_about_the_order_state() {
    let sandbox = TestSandbox::start();
    let dir = scratch("state-advice");
    let id = order(&sandbox, &dir, "State Example", "state-1");
    // Resend on an issued order is answered (ERRATA E105), then revoke twice.
    at(&sandbox, &dir, &["resend-email", &id]).expect(0);
    at(&sandbox, &dir, &["revoke", &id]).expect(0);
    let run = at(&sandbox, &dir, &["revoke", &id]);
    run.expect(1);
    assert!(
        !run.stderr.contains("switching to another product"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("revoked only once"), "{}", run.stderr);
    assert!(
        run.stderr.contains("certificate status 30"),
        "{}",
        run.stderr
    );

    // Reissue of an order that has no certificate yet (REGISTER waits for the admin).
    std::fs::write(dir.join("aatl.toml"), aatl_order("Signer", "state-2", 0)).unwrap();
    let run = at(
        &sandbox,
        &dir,
        &["--json", "order", "aatl", "--file", "aatl.toml"],
    );
    run.expect(0);
    let pending = run.json_lines()[0]["OrderID"].as_str().unwrap().to_owned();
    std::fs::write(dir.join("req.pem"), csr_2048()).unwrap();
    let run = at(
        &sandbox,
        &dir,
        &["--json", "reissue", &pending, "--csr", "req.pem"],
    );
    run.expect(1);
    let advice = run.json_error()["error"]["items"][0]["advice"]
        .as_str()
        .unwrap()
        .to_owned();
    assert!(advice.contains("reissued"), "{advice}");
}

/// A problem gas finds itself is worded as a local refusal: nothing was sent, so there is
/// no "error returned with the API response" to check.
#[test]
fn local_refusals_are_worded_as_such() {
    let sandbox = TestSandbox::start();
    let dir = scratch("local-wording");
    let order = ps2_order("Alice", "loc-1").replace(
        "Email = \"alice@example.com\"\n\n[Subscriber]",
        "\n[Subscriber]",
    );
    std::fs::write(dir.join("o.toml"), order).unwrap();
    let run = at(&sandbox, &dir, &["order", "ps2", "--file", "o.toml"]);
    run.expect(2);
    assert!(run.stderr.contains("-102"), "{}", run.stderr);
    assert!(run.stderr.contains("nothing was sent"), "{}", run.stderr);
    assert!(
        !run.stderr.contains("returned with the API response"),
        "{}",
        run.stderr
    );
}

/// A Server fault on an order or a ModifyOrder may strike after the change was made: an
/// unknown outcome (exit 3) with the way to find out, as the library treats it.
#[test]
fn a_server_fault_on_a_change_is_an_unknown_outcome() {
    let sandbox = TestSandbox::start();
    let dir = scratch("server-fault");
    let id = order(&sandbox, &dir, "Fault Example", "fault-0");
    sandbox
        .handle()
        .faults()
        .set("OrderPS2", FaultRule::soap_fault("NullPointerException"));
    sandbox
        .handle()
        .faults()
        .set("ModifyOrder", FaultRule::soap_fault("NullPointerException"));
    std::fs::write(dir.join("o.toml"), ps2_order("Fault Example", "fault-1")).unwrap();
    let run = at(
        &sandbox,
        &dir,
        &["--json", "order", "ps2", "--file", "o.toml"],
    );
    run.expect(3);
    let error = run.json_error();
    assert_eq!(error["error"]["kind"], "outcome_unknown", "{error}");
    assert!(
        error["error"]["hint"]
            .as_str()
            .unwrap()
            .contains("gas orders --sub-id fault-1"),
        "{error}"
    );
    let run = at(&sandbox, &dir, &["cancel", &id]);
    run.expect(3);
    assert!(
        run.stderr.contains(&format!("gas get {id}")),
        "{}",
        run.stderr
    );
}

/// A web page instead of SOAP, and TLS spoken to a plain-HTTP port, each get one short
/// hint; the page is not printed twice.
#[test]
fn wrong_endpoints_get_one_short_hint() {
    use std::io::{Read, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let server = std::thread::spawn(move || {
        for _ in 0..2 {
            let Ok((mut stream, _)) = listener.accept() else {
                return;
            };
            let mut buffer = [0u8; 65536];
            let _ = stream.read(&mut buffer);
            let body = "<!DOCTYPE html><html><head><title>404 Not Found</title></head><body>nope</body></html>";
            let _ = write!(
                stream,
                "HTTP/1.1 404 Not Found\r\nContent-Type: text/html\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                body.len()
            );
        }
    });
    let dir = scratch("wrong-endpoint");
    let url = format!("http://127.0.0.1:{port}/");
    let run = gas(&dir, &["--endpoint", &url, "get", "PC1"], &creds(), None);
    run.expect(3);
    assert!(
        run.stderr.contains("Not a SOAP endpoint?"),
        "{}",
        run.stderr
    );
    assert_eq!(run.stderr.matches("<title>").count(), 1, "{}", run.stderr);
    let run = gas(&dir, &["--endpoint", &url, "cancel", "PC1"], &creds(), None);
    run.expect(3);
    assert!(
        run.stderr.contains("Not a SOAP endpoint?"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.matches("<title>").count() <= 1, "{}", run.stderr);
    let _ = server.join();

    let sandbox = TestSandbox::start();
    let https = sandbox.url.replacen("http://", "https://", 1);
    let run = gas(&dir, &["--endpoint", &https, "get", "PC1"], &creds(), None);
    run.expect(3);
    assert!(run.stderr.contains("does not speak TLS"), "{}", run.stderr);
}

/// `--allow-plain-http` lets a non-loopback http:// endpoint be used deliberately.
#[test]
fn plain_http_beyond_loopback_needs_a_flag() {
    let sandbox = TestSandbox::start();
    let dir = scratch("plain-http");
    let url = sandbox.url.replacen("127.0.0.1", "0.0.0.0", 1);
    let run = gas(&dir, &["--endpoint", &url, "orders"], &creds(), None);
    run.expect(2);
    assert!(run.stderr.contains("--allow-plain-http"), "{}", run.stderr);
    let run = gas(
        &dir,
        &["--endpoint", &url, "--allow-plain-http", "orders"],
        &creds(),
        None,
    );
    run.expect(0);
}

/// Tables line up with CJK names; `-vv` shows the request envelope with secrets masked.
#[test]
fn wide_names_align_and_vv_shows_the_masked_envelope() {
    let sandbox = TestSandbox::start();
    let dir = scratch("cjk");
    order(&sandbox, &dir, "山田太郎", "cjk-1");
    order(&sandbox, &dir, "Bob Example", "cjk-2");
    let run = at(&sandbox, &dir, &["orders"]);
    run.expect(0);
    let lines: Vec<&str> = run.stdout.lines().collect();
    let column = |line: &str| {
        let at = line.find("cjk-").or_else(|| line.find("SUB ID")).unwrap();
        line[..at]
            .chars()
            .map(|c| if c > '\u{2E80}' { 2 } else { 1 })
            .sum::<usize>()
    };
    let header = column(lines[0]);
    for line in &lines[1..] {
        assert_eq!(column(line), header, "{}", run.stdout);
    }
    let run = at(&sandbox, &dir, &["-vv", "orders", "--sub-id", "cjk-1"]);
    run.expect(0);
    assert!(run.stderr.contains("request envelope"), "{}", run.stderr);
    assert!(
        run.stderr.contains("<Password>***</Password>"),
        "{}",
        run.stderr
    );
}

/// The deviations of each answer (gas-client's reading policy): against the sandbox in
/// the spec's dialect they are listed, as JSON on stderr with `--json` and one line per
/// place with `-v`, and `--strict-reading` refuses the answer; in our dialect there are
/// none.
#[test]
fn deviations_are_listed_and_strict_reading_refuses_them() {
    let spec = TestSandbox::start_with(|b| b.dialect(gas_sandbox::dialect::Dialect::Spec));
    let dir = scratch("deviations-spec");
    let id = order(&spec, &dir, "Dora Deviation", "dev-1");

    let run = at(&spec, &dir, &["--json", "orders", "--sub-id", "dev-1"]);
    run.expect(0);
    assert_eq!(run.json_lines().len(), 1, "{}", run.stdout);
    let report = run.json_error();
    assert_eq!(report["operation"], "GetOrders", "{report}");
    let listed = report["deviations"].as_array().expect("a deviations array");
    let has = |kind: &str, path_part: &str| {
        listed
            .iter()
            .any(|d| d["kind"] == kind && d["path"].as_str().unwrap_or("").contains(path_part))
    };
    // E9, E84: the wrapper named GetOrders, the doubled OrderDate (its raw value kept).
    assert!(has("wrapper_name", "GetOrders"), "{report}");
    assert!(has("repeated", "OrderInfo/OrderDate[2]"), "{report}");
    let doubled = listed
        .iter()
        .find(|d| d["kind"] == "repeated")
        .expect("a repeated element");
    assert!(
        doubled["raw"].as_str().unwrap_or("").contains("<OrderDate"),
        "{doubled}"
    );

    let run = at(&spec, &dir, &["-v", "orders", "--sub-id", "dev-1"]);
    run.expect(0);
    assert!(
        run.stderr
            .contains("the GetOrders answer differs from our WSDL in"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .lines()
            .any(|l| l.trim_start().starts_with("GetOrders")
                && l.contains("OrderDate[2]: repeated element")),
        "{}",
        run.stderr
    );
    let run = at(&spec, &dir, &["orders", "--sub-id", "dev-1"]);
    run.expect(0);
    assert!(run.stderr.contains("-v lists them"), "{}", run.stderr);

    let run = at(
        &spec,
        &dir,
        &["--json", "--strict-reading", "orders", "--sub-id", "dev-1"],
    );
    run.expect(3);
    let error = run.json_error();
    assert_eq!(error["error"]["kind"], "bad_answer", "{error}");
    assert!(
        error["error"]["hint"]
            .as_str()
            .unwrap_or("")
            .contains("Strict reading"),
        "{error}"
    );
    let run = at(&spec, &dir, &["get", "--strict-reading", &id]);
    run.expect(3);

    let ours = TestSandbox::start();
    let dir = scratch("deviations-ours");
    let id = order(&ours, &dir, "Otto Ours", "ours-1");
    for args in [
        vec!["--json", "--strict-reading", "orders", "--sub-id", "ours-1"],
        vec!["-v", "--strict-reading", "get", id.as_str(), "--all"],
        vec!["-v", "modified", "--from", "-1d", "--to", "now"],
    ] {
        let run = at(&ours, &dir, &args);
        run.expect(0);
        assert!(
            !run.stderr.contains("deviations") && !run.stderr.contains("differs from our WSDL"),
            "{args:?}: {}",
            run.stderr
        );
    }
}
