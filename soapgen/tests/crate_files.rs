//! `soapgen <entry.wsdl> --out <dir>` (and `cargo xtask codegen`): a compilable crate for
//! any WSDL. Uses the read-only corpus in ../shared/wsdl-corpus (never edited).

use std::path::{Path, PathBuf};
use std::process::Command;

use soapgen::crate_files as standalone;
use soapgen::{Input, Options, Runtime};

fn corpus(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../shared/wsdl-corpus")
        .join(rel)
}

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("workspace root")
        .to_owned()
}

fn options(entry: PathBuf, out: &Path) -> Options {
    Options {
        input: Input {
            entry,
            ..Input::default()
        },
        out: out.to_owned(),
        crate_name: None,
        runtime: Runtime::Path(workspace_root()),
        // Types only: the client (and its HTTP stack) is compiled by tests/quickstart.rs.
        client: false,
    }
}

#[test]
fn generated_crate_for_a_corpus_wsdl_compiles() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("vies");
    let report = standalone::run(&options(
        corpus("eu-vies-checkvat/checkVatService.wsdl"),
        &out,
    ))
    .unwrap_or_else(|e| panic!("{e}"));
    assert!(report.starts_with("wrote "), "{report}");
    for f in ["Cargo.toml", "src/lib.rs", "src/generated/mod.rs"] {
        assert!(out.join(f).exists(), "{f}");
    }
    let manifest = std::fs::read_to_string(out.join("Cargo.toml")).expect("Cargo.toml");
    assert!(
        manifest.contains("name = \"check-vat-service\""),
        "{manifest}"
    );

    // Pin the workspace's dependency versions (cargo prunes what the crate does not use).
    std::fs::copy(workspace_root().join("Cargo.lock"), out.join("Cargo.lock")).expect("lock");
    let target = Path::new(env!("CARGO_TARGET_TMPDIR")).join("standalone-check");
    let output = Command::new(env!("CARGO"))
        .args(["check", "--quiet", "--message-format=short"])
        .current_dir(&out)
        .env("CARGO_TARGET_DIR", &target)
        .env_remove("RUSTFLAGS")
        .output()
        .expect("run cargo check");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "cargo check failed:\n{stderr}");
    assert!(
        !stderr.contains("warning"),
        "warnings in generated crate:\n{stderr}"
    );

    // Running again writes nothing.
    let again = standalone::run(&options(
        corpus("eu-vies-checkvat/checkVatService.wsdl"),
        &out,
    ))
    .unwrap_or_else(|e| panic!("{e}"));
    assert!(again.starts_with("wrote 0 file(s)"), "{again}");
}

#[test]
fn jax_ws_imports_resolve_through_a_catalog_and_crate_name_is_honoured() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut o = options(corpus("wasmuth-onlinesync/wasmuth.wsdl"), dir.path());
    o.crate_name = Some("wasmuth_sync".to_owned());
    let err = standalone::run(&o).err().unwrap_or_default();
    assert!(
        err.contains("wasmuth.wsdl:4:1: cannot load `http://"),
        "{err}"
    );
    o.input.catalogs = vec![corpus("wasmuth-onlinesync/catalog.xml")];
    standalone::run(&o).unwrap_or_else(|e| panic!("{e}"));
    let files = standalone::generate(&o).unwrap_or_else(|e| panic!("{e}"));
    let manifest = files
        .get(Path::new("Cargo.toml"))
        .cloned()
        .unwrap_or_default();
    assert!(manifest.contains("name = \"wasmuth_sync\""), "{manifest}");
    assert!(files.contains_key(Path::new("src/generated/types.rs")));
}

#[test]
fn unsupported_input_and_bad_names_are_clear_errors() {
    let dir = tempfile::tempdir().expect("temp dir");
    let err = standalone::run(&options(
        corpus("tradetracker-affiliate/tradetracker.wsdl"),
        dir.path(),
    ))
    .err()
    .unwrap_or_default();
    assert!(err.contains("tradetracker.wsdl:"), "{err}");
    assert!(err.contains("rpc/encoded"), "{err}");
    assert!(!dir.path().join("Cargo.toml").exists());

    let mut o = options(corpus("eu-vies-checkvat/checkVatService.wsdl"), dir.path());
    o.crate_name = Some("9 lives".to_owned());
    let err = standalone::run(&o).err().unwrap_or_default();
    assert!(err.contains("`9 lives` is not a valid crate name"), "{err}");
}
