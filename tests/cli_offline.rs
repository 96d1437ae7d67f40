//! `gas` without a server: version, help, templates, usage and validation errors,
//! credentials handling. Runs the real binary.

mod cli_support;

use cli_support::{PASSWORD, PICKUP, USER, assert_no_secrets, creds, gas, ps2_order, scratch};

#[test]
fn version_names_the_wsdl() {
    let dir = scratch("version");
    let run = gas(&dir, &["--version"], &[], None);
    run.expect(0);
    assert!(run.stdout.starts_with("gas 0."), "{}", run.stdout);
    assert!(run.stdout.contains("WSDL sha256"), "{}", run.stdout);
}

#[test]
fn help_documents_exit_codes_and_every_command() {
    let dir = scratch("help");
    let run = gas(&dir, &["--help"], &[], None);
    run.expect(0);
    for needle in [
        "Exit codes:",
        "0  success",
        "1  GlobalSign refused",
        "2  usage or validation error",
        "3  transport error or unknown outcome",
        "order",
        "reissue",
        "cancel",
        "revoke",
        "resend-email",
        "get",
        "modified",
        "orders",
        "certificate",
        "sandbox",
        "GAS_PASSWORD",
    ] {
        assert!(
            run.stdout.contains(needle),
            "{needle} missing:\n{}",
            run.stdout
        );
    }
    let run = gas(&dir, &["orders", "--help"], &[], None);
    run.expect(0);
    for flag in [
        "--product",
        "--status",
        "--certificate-status",
        "--requested-from",
        "--issued-to",
        "--expires-from",
        "--common-name",
        "--order-id",
        "--sub-id",
        "--fulfillment",
        "DSQCSeal",
    ] {
        assert!(run.stdout.contains(flag), "{flag} missing:\n{}", run.stdout);
    }
}

#[test]
fn usage_errors_exit_2() {
    let dir = scratch("usage");
    gas(&dir, &["frobnicate"], &[], None).expect(2);
    gas(&dir, &["order", "ps3", "--file", "x.toml"], &[], None).expect(2);
    gas(&dir, &["orders", "--status", "99"], &[], None).expect(2);
    gas(
        &dir,
        &["orders", "--requested-from", "2024-02-30"],
        &[],
        None,
    )
    .expect(2);
    gas(
        &dir,
        &["modified", "--from", "yesterday", "--to", "2024-01-01"],
        &[],
        None,
    )
    .expect(2);
    gas(&dir, &["--timeout", "5h", "get", "X"], &[], None).expect(2);
    // There is no password flag at all.
    gas(&dir, &["--password", "x", "get", "X"], &[], None).expect(2);
}

#[test]
fn every_product_has_a_template_with_lengths_values_and_docs() {
    let dir = scratch("templates");
    for product in [
        "os", "osev", "ps1", "ps2", "ps2dept", "ps2pro", "aatl", "qc",
    ] {
        let run = gas(&dir, &["order", "template", product], &[], None);
        run.expect(0);
        let parsed: Result<toml::Table, _> = toml::from_str(&run.stdout);
        assert!(parsed.is_ok(), "{product}: {:?}", parsed.err());
        assert!(run.stdout.contains("characters"), "{product}");
        assert!(run.stdout.contains("Allowed values:"), "{product}");
        assert!(run.stdout.contains("[DnAttributes]"), "{product}");
        assert!(!run.stdout.contains("\nOrderRequestHeader"), "{product}");
    }
    let qc = gas(&dir, &["order", "template", "qc"], &[], None);
    assert!(qc.stdout.contains("\"DSQCSeal\""), "{}", qc.stdout);
    assert!(
        qc.stdout
            .contains("[[DnAttributes.DnExtensions.DnExtension]]"),
        "{}",
        qc.stdout
    );
}

#[test]
fn an_invalid_order_file_lists_every_problem_and_exits_2() {
    let dir = scratch("invalid");
    std::fs::write(
        dir.join("order.toml"),
        format!(
            "Year = \"three\"\nPickupPassword = \"{PICKUP}\"\nColour = \"blue\"\n[DnAttributes]\ncommonname = \"A\"\n"
        ),
    )
    .unwrap();
    let run = gas(
        &dir,
        &[
            "--endpoint",
            "http://127.0.0.1:9/x",
            "order",
            "ps2",
            "--file",
            "order.toml",
        ],
        &creds(),
        None,
    );
    run.expect(2);
    for line in [
        "  Year: expected a whole number",
        "  Colour: unknown field",
        "  OrderKind: required field is missing [-102",
        "  DnAttributes/commonname: unknown field; element names are case-sensitive: did you mean CommonName?",
        "  DnAttributes/Email: required field is missing",
        "  Subscriber: required field is missing",
        "what to do: gas found this before sending, so nothing was sent",
    ] {
        assert!(
            run.stderr.contains(line),
            "{line:?} missing:\n{}",
            run.stderr
        );
    }
    assert!(run.stderr.contains("nothing was sent"), "{}", run.stderr);
    assert_no_secrets(&run);

    // The same as JSON on stderr.
    let run = gas(
        &dir,
        &[
            "--json",
            "--endpoint",
            "test",
            "order",
            "ps2",
            "--file",
            "order.toml",
        ],
        &creds(),
        None,
    );
    run.expect(2);
    let error = run.json_error();
    assert_eq!(error["exit_code"], 2);
    assert_eq!(error["error"]["kind"], "validation");
    let fields: Vec<&str> = error["error"]["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|i| i["field"].as_str())
        .collect();
    assert!(
        fields.contains(&"Colour") && fields.contains(&"Subscriber"),
        "{fields:?}"
    );
    assert!(run.stdout.is_empty());
}

#[test]
fn unreadable_order_files_are_usage_errors_that_never_echo_the_file() {
    let dir = scratch("unreadable");
    gas(
        &dir,
        &[
            "--endpoint",
            "test",
            "order",
            "ps2",
            "--file",
            "absent.toml",
        ],
        &creds(),
        None,
    )
    .expect(2);
    std::fs::write(
        dir.join("broken.toml"),
        format!("Year = 1\nPickupPassword = \"{PICKUP}\" trailing\n"),
    )
    .unwrap();
    let run = gas(
        &dir,
        &[
            "--endpoint",
            "test",
            "order",
            "ps2",
            "--file",
            "broken.toml",
        ],
        &creds(),
        None,
    );
    run.expect(2);
    assert!(
        run.stderr.contains("broken.toml: not valid TOML: line 2"),
        "{}",
        run.stderr
    );
    assert_no_secrets(&run);
    std::fs::write(dir.join("broken.json"), "{\"Year\": }").unwrap();
    let run = gas(
        &dir,
        &[
            "--endpoint",
            "test",
            "order",
            "ps2",
            "--file",
            "broken.json",
        ],
        &creds(),
        None,
    );
    run.expect(2);
    assert!(run.stderr.contains("not valid JSON"), "{}", run.stderr);
}

#[test]
fn missing_credentials_and_endpoint_say_how_to_give_them() {
    let dir = scratch("no-creds");
    let run = gas(&dir, &["--endpoint", "test", "cancel", "CE1"], &[], None);
    run.expect(2);
    assert!(run.stderr.contains("GAS_USERNAME"), "{}", run.stderr);
    let run = gas(
        &dir,
        &["--endpoint", "test", "cancel", "CE1"],
        &[("GAS_USERNAME", USER)],
        None,
    );
    run.expect(2);
    assert!(run.stderr.contains("--password-stdin"), "{}", run.stderr);
    let run = gas(&dir, &["cancel", "CE1"], &creds(), None);
    run.expect(2);
    assert!(run.stderr.contains("no endpoint"), "{}", run.stderr);
    assert_no_secrets(&run);
}

#[cfg(unix)]
#[test]
fn a_world_readable_config_file_with_the_password_is_refused() {
    use std::os::unix::fs::PermissionsExt;
    let dir = scratch("config");
    let path = dir.join("gas.toml");
    std::fs::write(
        &path,
        format!("endpoint = \"test\"\nusername = \"{USER}\"\npassword = \"{PASSWORD}\"\n"),
    )
    .unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
    let run = gas(
        &dir,
        &["--config", "gas.toml", "cancel", "CE1", "--dry-run"],
        &[],
        None,
    );
    run.expect(2);
    assert!(run.stderr.contains("chmod 600"), "{}", run.stderr);
    assert_no_secrets(&run);

    // Group-readable: a warning, and the command goes on.
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
    let run = gas(
        &dir,
        &[
            "--config",
            "gas.toml",
            "orders",
            "--status",
            "4",
            "--dry-run",
        ],
        &[],
        None,
    );
    assert!(
        run.stderr.contains("readable by its group"),
        "{}",
        run.stderr
    );
    assert_no_secrets(&run);

    // The default location is $XDG_CONFIG_HOME/gas/config.toml; a typo in it is named.
    std::fs::create_dir_all(dir.join("xdg/gas")).unwrap();
    std::fs::write(dir.join("xdg/gas/config.toml"), "usernme = \"x\"\n").unwrap();
    let run = gas(&dir, &["get", "CE1"], &[], None);
    run.expect(2);
    assert!(run.stderr.contains("usernme"), "{}", run.stderr);
}

#[test]
fn password_stdin_cannot_share_stdin_with_an_order_file() {
    let dir = scratch("stdin-conflict");
    let run = gas(
        &dir,
        &[
            "--password-stdin",
            "--endpoint",
            "test",
            "order",
            "ps2",
            "--file",
            "-",
        ],
        &[("GAS_USERNAME", USER)],
        Some(&format!("{PASSWORD}\n")),
    );
    run.expect(2);
    assert!(run.stderr.contains("cannot be combined"), "{}", run.stderr);
    assert_no_secrets(&run);
}

#[test]
fn an_order_file_can_come_from_standard_input() {
    let dir = scratch("stdin-order");
    // Structurally valid, so it reaches the client: with no generated code or with a
    // closed port the run fails later, but never with a usage error about the file.
    let run = gas(
        &dir,
        &[
            "--endpoint",
            "http://127.0.0.1:9/pc/ws/v2/GasOrderService",
            "--timeout",
            "2s",
            "order",
            "ps2",
            "--file",
            "-",
        ],
        &creds(),
        Some(&ps2_order("Alice Example", "stdin-1")),
    );
    assert!(!run.stderr.contains("not valid TOML"), "{}", run.stderr);
    assert!(
        !run.stderr.contains("required field is missing"),
        "{}",
        run.stderr
    );
    assert_no_secrets(&run);
}

#[test]
fn the_sandbox_needs_an_account() {
    let dir = scratch("sandbox-no-account");
    let run = gas(&dir, &["sandbox", "--listen", "127.0.0.1:0"], &[], None);
    run.expect(2);
    assert!(
        run.stderr.contains("--account USER:PASSWORD"),
        "{}",
        run.stderr
    );
    let run = gas(&dir, &["sandbox", "--account", "no-colon"], &[], None);
    run.expect(2);
}

/// Every product's template reads into its generated request type; the blanks it leaves
/// are what the client's validation then reports (exit 2), before anything is sent.
#[test]
fn every_template_reaches_the_client_validation() {
    let dir = scratch("template-dry-run");
    for product in [
        "os", "osev", "ps1", "ps2", "ps2dept", "ps2pro", "aatl", "qc",
    ] {
        let template = gas(&dir, &["order", "template", product], &[], None);
        template.expect(0);
        let file = format!("{product}.toml");
        std::fs::write(dir.join(&file), &template.stdout).unwrap();
        let run = gas(
            &dir,
            &["--json", "order", product, "--file", &file, "--dry-run"],
            &creds(),
            None,
        );
        run.expect(2);
        let error = run.json_error();
        assert_eq!(error["error"]["kind"], "validation", "{product}: {error}");
        let items = error["error"]["items"].as_array().unwrap();
        assert!(!items.is_empty(), "{product}");
        for item in items {
            let message = item["message"].as_str().unwrap_or_default();
            assert!(
                !message.starts_with("expected"),
                "{product}: the template does not read as the request type: {item}"
            );
        }
        assert_no_secrets(&run);
    }
}

// ---- Issue 17: what a new operator tripped over. Each test runs the real binary.

/// A CSR that is empty, blank or not a CSR is refused before sending (exit 2), saying
/// what the file is: an empty `<CSR/>` would order a certificate for no key of the user's.
#[test]
fn an_empty_or_wrong_csr_is_refused_before_sending() {
    let dir = scratch("csr-checks");
    std::fs::write(dir.join("empty.csr"), "").unwrap();
    std::fs::write(dir.join("blank.csr"), "  \n\t\n").unwrap();
    std::fs::write(dir.join("garbage.csr"), "this is not a request\n").unwrap();
    let certificate = "-----BEGIN CERTIFICATE-----\nMAUwAwIBAA==\n-----END CERTIFICATE-----\n";
    std::fs::write(dir.join("cert.pem"), certificate).unwrap();
    let cases = [
        ("empty.csr", "the CSR is empty"),
        ("blank.csr", "the CSR is empty"),
        ("garbage.csr", "it is not PEM"),
        (
            "cert.pem",
            "it is a certificate, not a certificate signing request",
        ),
    ];
    for (file, expected) in cases {
        let run = gas(
            &dir,
            &["reissue", "CE1", "--csr", file, "--dry-run"],
            &creds(),
            None,
        );
        run.expect(2);
        assert!(run.stderr.contains(expected), "{file}: {}", run.stderr);
        assert!(run.stderr.contains(file), "{file}: {}", run.stderr);
        assert!(
            run.stdout.is_empty(),
            "{file}: nothing printed as sent: {}",
            run.stdout
        );
    }
    // Empty standard input.
    let run = gas(
        &dir,
        &["reissue", "CE1", "--csr", "-", "--dry-run"],
        &creds(),
        Some(""),
    );
    run.expect(2);
    assert!(
        run.stderr.contains("standard input: the CSR is empty"),
        "{}",
        run.stderr
    );

    // `CSR = ""` in an order file.
    let order =
        cli_support::aatl_order("Signer", "csr-1", 1).replace("SubID = ", "CSR = \"\"\nSubID = ");
    std::fs::write(dir.join("aatl.toml"), order).unwrap();
    let run = gas(
        &dir,
        &[
            "--json",
            "order",
            "aatl",
            "--file",
            "aatl.toml",
            "--dry-run",
        ],
        &creds(),
        None,
    );
    run.expect(2);
    let error = run.json_error();
    assert!(
        error["error"]["message"]
            .as_str()
            .unwrap()
            .contains("CSR: the CSR is empty"),
        "{error}"
    );
}

/// `gas order --csr FILE` puts a checked CSR into the order, as `reissue --csr` does.
#[test]
fn order_takes_its_csr_from_a_file() {
    let dir = scratch("order-csr");
    std::fs::write(
        dir.join("aatl.toml"),
        cli_support::aatl_order("Signer", "csr-2", 1),
    )
    .unwrap();
    std::fs::write(dir.join("req.pem"), cli_support::csr_2048()).unwrap();
    let run = gas(
        &dir,
        &[
            "order",
            "aatl",
            "--file",
            "aatl.toml",
            "--csr",
            "req.pem",
            "--dry-run",
        ],
        &creds(),
        None,
    );
    run.expect(0);
    assert!(
        run.stdout
            .contains("<CSR>-----BEGIN CERTIFICATE REQUEST-----"),
        "{}",
        run.stdout
    );
}

/// An empty filter value would match every order: refused (exit 2), not sent.
#[test]
fn empty_filter_values_are_refused() {
    let dir = scratch("empty-filters");
    for flag in ["--sub-id", "--order-id", "--common-name", "--product"] {
        let run = gas(
            &dir,
            &["--endpoint", "http://127.0.0.1:9/x", "orders", flag, ""],
            &creds(),
            None,
        );
        run.expect(2);
        assert!(run.stderr.contains("empty"), "{flag}: {}", run.stderr);
    }
    let run = gas(
        &dir,
        &["--endpoint", "http://127.0.0.1:9/x", "get", " "],
        &creds(),
        None,
    );
    run.expect(2);
}

/// Errors in the arguments follow `--json` too: one JSON object on stderr, exit 2.
#[test]
fn argument_errors_are_json_with_json() {
    let dir = scratch("json-args");
    for args in [
        &["--json", "orders", "--bogus"][..],
        &["--json", "orders", "--status", "99"],
        &["--json", "modified", "--from", "soon"],
        &["--json", "frobnicate"],
    ] {
        let run = gas(&dir, args, &creds(), None);
        run.expect(2);
        let error = run.json_error();
        assert_eq!(error["exit_code"], 2, "{args:?}");
        assert_eq!(error["error"]["kind"], "usage", "{args:?}");
        assert!(!error["error"]["message"].as_str().unwrap().is_empty());
    }
    // Help is still help.
    gas(&dir, &["--json", "orders", "--help"], &[], None).expect(0);
}

/// One product vocabulary, in any case: `gas order ps1`, `gas orders --product ps1`,
/// `gas order template PS2PRO`, `gas order OSMulti`.
#[test]
fn products_are_named_the_same_way_everywhere_in_any_case() {
    let dir = scratch("products");
    for (value, code) in [
        ("ps1", "PS1"),
        ("Ps2Pro", "PS2Pro"),
        ("os", "OSMulti"),
        ("dsqcseal", "DSQCSeal"),
    ] {
        let run = gas(
            &dir,
            &["orders", "--product", value, "--dry-run"],
            &creds(),
            None,
        );
        run.expect(0);
        assert!(
            run.stdout
                .contains(&format!("<ProductCode>{code}</ProductCode>")),
            "{value}: {}",
            run.stdout
        );
    }
    let run = gas(
        &dir,
        &["orders", "--product", "qc", "--dry-run"],
        &creds(),
        None,
    );
    run.expect(2);
    assert!(run.stderr.contains("DSQCSignature"), "{}", run.stderr);
    gas(&dir, &["order", "template", "PS2PRO"], &[], None).expect(0);
    std::fs::write(dir.join("ps1.toml"), "Year = 1\n").unwrap();
    let run = gas(
        &dir,
        &["order", "PS1", "--file", "ps1.toml", "--dry-run"],
        &creds(),
        None,
    );
    run.expect(2);
    assert!(run.stderr.contains("OrderPS1"), "{}", run.stderr);
}

/// Each command's help shows its own options first and the global ones under their own
/// heading; `gas sandbox` shows (and takes) only what applies to it.
#[test]
fn help_is_per_command_and_sandbox_refuses_client_flags() {
    let dir = scratch("help-per-command");
    let run = gas(&dir, &["get", "--help"], &[], None);
    run.expect(0);
    let own = run.stdout.find("--fulfillment").unwrap();
    let global = run
        .stdout
        .find("Global options:")
        .expect("a global heading");
    assert!(own < global, "{}", run.stdout);
    assert!(
        run.stdout.find("--endpoint").unwrap() > global,
        "{}",
        run.stdout
    );
    assert!(
        !run.stdout.contains("Usage: gas get --endpoint"),
        "{}",
        run.stdout
    );

    let run = gas(&dir, &["sandbox", "--help"], &[], None);
    run.expect(0);
    for flag in [
        "--state",
        "--issue-policy",
        "--accounts-file",
        "--refuse-ps2",
        "--listen",
    ] {
        assert!(run.stdout.contains(flag), "{flag}: {}", run.stdout);
    }
    for flag in [
        "--endpoint",
        "--password-stdin",
        "--timeout",
        "--allow-plain-http",
    ] {
        assert!(!run.stdout.contains(flag), "{flag}: {}", run.stdout);
    }
    let run = gas(
        &dir,
        &[
            "sandbox",
            "--endpoint",
            "http://127.0.0.1:1/x",
            "--account",
            "u:password-1",
        ],
        &[],
        None,
    );
    run.expect(2);
    assert!(
        run.stderr.contains("does not take --endpoint"),
        "{}",
        run.stderr
    );
}

/// Templates a binary user can fill in from their comments alone.
#[test]
fn templates_mark_what_is_required_and_stand_on_their_own() {
    let dir = scratch("template-comments");
    let qc = gas(&dir, &["order", "template", "qc"], &[], None);
    assert!(
        qc.stdout.contains("# PickupPassword: required,"),
        "{}",
        qc.stdout
    );
    let pro = gas(&dir, &["order", "template", "ps2pro"], &[], None);
    assert!(
        pro.stdout.contains("# SurName: required,"),
        "{}",
        pro.stdout
    );
    let aatl = gas(&dir, &["order", "template", "aatl"], &[], None);
    assert!(aatl.stdout.contains("CSR = '''"), "{}", aatl.stdout);
    assert!(aatl.stdout.contains("--csr FILE"), "{}", aatl.stdout);
    for product in [
        "os", "osev", "ps1", "ps2", "ps2dept", "ps2pro", "aatl", "qc",
    ] {
        let run = gas(&dir, &["order", "template", product], &[], None);
        for reference in ["ERRATA", "spec 6", "section 1", "wsdl/"] {
            assert!(!run.stdout.contains(reference), "{product}: {reference}");
        }
    }
    let ps2 = gas(&dir, &["order", "template", "ps2"], &[], None);
    assert!(ps2.stdout.contains("#     1          "), "{}", ps2.stdout);
}

/// One date syntax with `now` and relative times; an inverted range is warned about.
#[test]
fn dates_take_one_syntax_and_inverted_ranges_are_warned() {
    let dir = scratch("dates");
    let run = gas(
        &dir,
        &["modified", "--from", "-7d", "--to", "now", "--dry-run"],
        &creds(),
        None,
    );
    run.expect(0);
    assert!(run.stdout.contains("<FromDate>"), "{}", run.stdout);
    let run = gas(
        &dir,
        &[
            "orders",
            "--requested-from",
            "yesterday",
            "--issued-to",
            "2024-05-01T10:00:00+02:00",
            "--dry-run",
        ],
        &creds(),
        None,
    );
    run.expect(0);
    assert!(
        run.stdout.contains("<IssueDateTo>2024-05-01</IssueDateTo>"),
        "{}",
        run.stdout
    );
    let run = gas(
        &dir,
        &[
            "orders",
            "--requested-from",
            "2024-05-01",
            "--requested-to",
            "2024-04-01",
            "--dry-run",
        ],
        &creds(),
        None,
    );
    run.expect(0);
    assert!(
        run.stderr
            .contains("--requested-from is after --requested-to"),
        "{}",
        run.stderr
    );
    let run = gas(
        &dir,
        &[
            "modified",
            "--from",
            "2024-05-02",
            "--to",
            "2024-05-01",
            "--dry-run",
        ],
        &creds(),
        None,
    );
    assert!(
        run.stderr.contains("--from is after --to"),
        "{}",
        run.stderr
    );
}

/// An order file is read up to a limit, not whole whatever its size.
#[test]
fn an_oversized_order_file_is_refused() {
    let dir = scratch("oversized");
    let big = format!("Year = 1\n# {}\n", "x".repeat(2 * 1024 * 1024));
    std::fs::write(dir.join("big.toml"), big).unwrap();
    let run = gas(
        &dir,
        &["order", "ps1", "--file", "big.toml", "--dry-run"],
        &creds(),
        None,
    );
    run.expect(2);
    assert!(
        run.stderr.contains("larger than 1024 KiB"),
        "{}",
        run.stderr
    );
}

/// PS2 was discontinued for new orders in 2.4.5: `gas order ps2` says so.
#[test]
fn ps2_orders_are_warned_about() {
    let dir = scratch("ps2-warning");
    std::fs::write(dir.join("o.toml"), ps2_order("Alice", "w-1")).unwrap();
    let run = gas(
        &dir,
        &["order", "ps2", "--file", "o.toml", "--dry-run"],
        &creds(),
        None,
    );
    run.expect(0);
    assert!(run.stderr.contains("discontinued"), "{}", run.stderr);
}

/// Completions and the manual page come from the clap definitions; the scripts checked
/// in under completions/ are what `gas completions` prints today.
#[test]
fn completions_and_the_manual_are_current() {
    let dir = scratch("completions");
    for (shell, file) in [("bash", "gas.bash"), ("zsh", "_gas"), ("fish", "gas.fish")] {
        let run = gas(&dir, &["completions", shell], &[], None);
        run.expect(0);
        let path = format!("{}/completions/{file}", env!("CARGO_MANIFEST_DIR"));
        let checked_in = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            run.stdout == checked_in,
            "completions/{file} is stale: run `cargo run -q -- completions {shell} > completions/{file}`"
        );
        assert!(run.stdout.contains("resend-email"), "{shell}");
    }
    let run = gas(&dir, &["man"], &[], None);
    run.expect(0);
    assert!(run.stdout.contains(".TH gas"), "{}", run.stdout);
    assert!(run.stdout.contains("sandbox"), "{}", run.stdout);
    let run = gas(&dir, &["man", "--out", "man"], &[], None);
    run.expect(0);
    assert!(dir.join("man/gas-orders.1").exists());
}
