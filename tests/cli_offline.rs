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
        "what to do: Mandatory parameter missing",
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
