//! `gas probe` against the sandbox in both dialects: the spec's dialect shows the
//! deviations it plants, ours none; the recording holds no secret and no personal value
//! of the answers; only the three queries reach the server.

mod cli_support;

use std::path::Path;

use cli_support::{
    PASSWORD, PICKUP, Run, TestSandbox, USER, assert_no_secrets, creds, gas, ps2_order, scratch,
};
use gas_sandbox::dialect::Dialect;

/// Places a PS2 order full of personal data (see [`ps2_order`]), then probes.
fn order_then_probe(sandbox: &TestSandbox, dir: &Path, sub_id: &str) -> Run {
    std::fs::write(dir.join("o.toml"), ps2_order("Alice Example", sub_id)).unwrap();
    let run = gas(
        dir,
        &[
            "--endpoint",
            &sandbox.url,
            "order",
            "ps2",
            "--file",
            "o.toml",
        ],
        &creds(),
        None,
    );
    run.expect(0);
    let run = gas(
        dir,
        &["--endpoint", &sandbox.url, "probe", "--record", "recorded"],
        &creds(),
        None,
    );
    assert_no_secrets(&run);
    run.expect(0);
    run
}

/// Every file of the recording, by name.
fn recording(dir: &Path) -> Vec<(String, String)> {
    let mut files: Vec<(String, String)> = std::fs::read_dir(dir.join("recorded"))
        .expect("the recording")
        .map(|entry| {
            let path = entry.expect("an entry").path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read_to_string(&path).expect("text"))
        })
        .collect();
    files.sort();
    files
}

#[test]
fn the_spec_dialect_shows_its_deviations_and_the_recording_keeps_nothing_personal() {
    let sandbox = TestSandbox::start_with(|b| b.dialect(Dialect::Spec));
    let dir = scratch("probe-spec");
    let run = order_then_probe(&sandbox, &dir, "probe-sub-1");
    let out = &run.stdout;
    assert!(
        out.contains("WSDL: API changes against ours: none"),
        "{out}"
    );
    // E9 and E84 in GetOrders, E8 in GetModifiedOrders: the wrapper names, the doubled
    // OrderDate, each with its place.
    assert!(out.contains("GetOrders (requested"), "{out}");
    assert!(
        out.lines()
            .any(|l| l.contains("OrderInfo/OrderDate[2]: repeated element")),
        "{out}"
    );
    assert!(
        out.lines().any(|l| l.trim_start().starts_with("GetOrders")
            && l.contains("body element named otherwise than `GetOrdersResponse`")),
        "{out}"
    );
    assert!(
        out.lines()
            .any(|l| l.contains("otherwise than `GetModifiedOrdersResponse`")),
        "{out}"
    );
    assert!(out.contains("GetOrderByOrderID CESB"), "{out}");
    assert!(!out.contains(" 0 difference(s)"), "{out}");

    // Only the three queries were sent, and the recording has each exchange.
    let files = recording(&dir);
    let names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        [
            "01-GetOrders.request.xml",
            "01-GetOrders.response.xml",
            "02-GetOrderByOrderID.request.xml",
            "02-GetOrderByOrderID.response.xml",
            "03-GetModifiedOrders.request.xml",
            "03-GetModifiedOrders.response.xml",
            "GasOrderService.wsdl",
        ]
    );
    // The answers did carry the personal data (the placeholders replaced it)...
    let answer = &files[1].1;
    assert!(answer.contains("<OrderDate>"), "{answer}");
    // ...and none of it, nor a secret, is in any file.
    let personal = [
        "Alice",
        "alice@example.com",
        "100 Market Street",
        "Suite 200",
        "Portsmouth",
        "New Hampshire",
        "03801",
        "+1 603 555 0100",
        "probe-sub-1",
        USER,
        PASSWORD,
        PICKUP,
        &PASSWORD.replace('&', "&amp;"),
    ];
    for (name, text) in &files {
        for value in personal {
            assert!(!text.contains(value), "{name} holds {value:?}:\n{text}");
        }
    }
    // The same length and shape: `Alice Example` became `Xxxxx Xxxxxxx` somewhere.
    assert!(
        files.iter().any(|(_, text)| text.contains("Xxxxx Xxxxxxx")),
        "no placeholder for the common name"
    );
}

#[test]
fn our_dialect_shows_no_deviation() {
    let sandbox = TestSandbox::start();
    let dir = scratch("probe-ours");
    let run = order_then_probe(&sandbox, &dir, "probe-sub-2");
    let out = &run.stdout;
    assert!(
        out.contains("WSDL: API changes against ours: none"),
        "{out}"
    );
    assert_eq!(
        out.lines()
            .filter(|l| l.ends_with("deviations: none"))
            .count(),
        3,
        "{out}"
    );
    assert!(
        out.contains("GetOrders (requested") && out.contains(", 1 order(s)"),
        "{out}"
    );
    assert!(out.contains("0 difference(s) from our WSDL"), "{out}");
}
