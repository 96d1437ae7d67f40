//! The README's quick start, run: the `soapgen` command (the binary `cargo install --path
//! soapgen` installs) generates a crate for checkVatService, and the quick start's crate
//! (soapgen/quickstart/: a five-line `main` and a stub serving the generated server trait
//! on loopback) builds against it and calls `check_vat`. The quick start's files must
//! appear verbatim in the README, so what it shows is what runs here.

mod support;

use support::{cargo_run, read, root, share_the_workspace_build, soapgen};

#[test]
fn quick_start_generates_a_crate_that_calls_its_stub() {
    let quickstart = root().join("soapgen/quickstart");
    let readme = read(&root().join("soapgen/README.md"));
    for file in ["Cargo.toml", "src/main.rs", "src/stub.rs"] {
        let text = read(&quickstart.join(file));
        assert!(
            readme.contains(text.trim_end()),
            "soapgen/README.md does not show soapgen/quickstart/{file} as it is"
        );
    }

    let dir = tempfile::tempdir().expect("temp dir");
    // The repository's byte-for-byte copy of ../shared/wsdl-corpus/eu-vies-checkvat/.
    let wsdl = root().join("codegen/tests/corpus/eu-vies-checkvat/checkVatService.wsdl");
    soapgen(&[
        wsdl.as_os_str(),
        "--out".as_ref(),
        dir.path().join("check-vat-service").as_os_str(),
    ]);

    let app = dir.path().join("quickstart");
    for file in ["Cargo.toml", "src/main.rs", "src/stub.rs"] {
        let to = app.join(file);
        std::fs::create_dir_all(to.parent().expect("parent")).expect("mkdir");
        std::fs::copy(quickstart.join(file), &to).expect("copy");
    }
    share_the_workspace_build(&app);
    let output = cargo_run::<&str>(&app, &[]);
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "cargo run failed:\n{stderr}");
    assert!(!stderr.contains("warning"), "warnings:\n{stderr}");
    assert_eq!(
        stdout.trim(),
        "BE 0123456789 valid=true name=Some(\"Stub Trading NV\")"
    );
}
