//! What the tests that build generated crates share.
// Each test crate compiles this module and uses a part of it.
#![allow(dead_code)]

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The workspace root.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("workspace root")
        .to_owned()
}

/// A file's text; a panic naming the file when it cannot be read.
pub fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The workspace's target directory (cargo released its lock when it finished building
/// the tests).
pub fn workspace_target() -> PathBuf {
    let tmp = Path::new(env!("CARGO_TARGET_TMPDIR"));
    tmp.parent().unwrap_or(tmp).to_owned()
}

/// Makes a generated crate build like a workspace member: the workspace's Cargo.lock
/// (its versions; cargo drops what the crate does not use, and needs no registry) and its
/// `[profile]` tables, so that in [`workspace_target`] the dependencies the workspace has
/// built with the same features (rustls and ring among them) are reused.
pub fn share_the_workspace_build(crate_dir: &Path) {
    std::fs::copy(root().join("Cargo.lock"), crate_dir.join("Cargo.lock")).expect("lock");
    let workspace: toml::Table = toml::from_str(&read(&root().join("Cargo.toml"))).expect("toml");
    let mut profile = toml::Table::new();
    if let Some(p) = workspace.get("profile") {
        profile.insert("profile".to_owned(), p.clone());
    }
    let manifest = crate_dir.join("Cargo.toml");
    let text = format!(
        "{}\n{}",
        read(&manifest),
        toml::to_string(&profile).expect("profile as toml")
    );
    std::fs::write(&manifest, text).expect("write manifest");
}

/// Makes the app crate `<dir>/app` (package `name`, edition 2024, its own workspace) with
/// the `[dependencies]` lines given and `main` as its `src/main.rs`, sharing the workspace's
/// build ([`share_the_workspace_build`]); returns its directory.
pub fn app_crate(dir: &Path, name: &str, dependencies: &str, main: &str) -> PathBuf {
    let app = dir.join("app");
    std::fs::create_dir_all(app.join("src")).expect("mkdir");
    std::fs::write(
        app.join("Cargo.toml"),
        format!(
            "[package]\nname = \"{name}\"\nversion = \"0.1.0\"\nedition = \"2024\"\n\n\
             [dependencies]\n{dependencies}\n\n[workspace]\n"
        ),
    )
    .expect("write manifest");
    std::fs::write(app.join("src/main.rs"), main).expect("write main");
    share_the_workspace_build(&app);
    app
}

/// SOAP 1.1's envelope schema with the Header and Body children validated strictly (each
/// block must be declared by an imported schema), and the `mustUnderstand` / `actor`
/// attributes; `imports` are the `(namespace, schemaLocation)` pairs of the service's schemas.
pub fn soap11_envelope_xsd(imports: &[(&str, &str)]) -> String {
    let imports: String = imports
        .iter()
        .map(|(namespace, location)| {
            format!("  <xs:import namespace=\"{namespace}\" schemaLocation=\"{location}\"/>\n")
        })
        .collect();
    format!(
        r###"<?xml version="1.0" encoding="UTF-8"?>
<!-- SOAP 1.1's envelope, with Header and Body children validated strictly. -->
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:tns="http://schemas.xmlsoap.org/soap/envelope/" targetNamespace="http://schemas.xmlsoap.org/soap/envelope/">
{imports}  <xs:element name="Envelope">
    <xs:complexType>
      <xs:sequence>
        <xs:element ref="tns:Header" minOccurs="0"/>
        <xs:element ref="tns:Body"/>
      </xs:sequence>
    </xs:complexType>
  </xs:element>
  <xs:element name="Header">
    <xs:complexType>
      <xs:sequence><xs:any namespace="##other" minOccurs="0" maxOccurs="unbounded" processContents="strict"/></xs:sequence>
    </xs:complexType>
  </xs:element>
  <xs:element name="Body">
    <xs:complexType>
      <xs:sequence><xs:any namespace="##other" minOccurs="0" maxOccurs="unbounded" processContents="strict"/></xs:sequence>
    </xs:complexType>
  </xs:element>
  <xs:attribute name="mustUnderstand">
    <xs:simpleType><xs:restriction base="xs:boolean"><xs:pattern value="0|1"/></xs:restriction></xs:simpleType>
  </xs:attribute>
  <xs:attribute name="actor" type="xs:anyURI"/>
</xs:schema>
"###
    )
}

/// Runs the `soapgen` command (the binary `cargo install --path soapgen` installs); a
/// failure shows its arguments and stderr.
pub fn soapgen<S: AsRef<OsStr>>(args: &[S]) {
    let output = Command::new(env!("CARGO_BIN_EXE_soapgen"))
        .args(args)
        .output()
        .expect("run soapgen");
    assert!(
        output.status.success(),
        "soapgen {:?} failed:\n{}",
        args.iter().map(AsRef::as_ref).collect::<Vec<_>>(),
        String::from_utf8_lossy(&output.stderr)
    );
}

/// `cargo run --quiet -- ARGS` in a crate prepared with [`share_the_workspace_build`],
/// built in [`workspace_target`].
pub fn cargo_run<S: AsRef<OsStr>>(crate_dir: &Path, args: &[S]) -> Output {
    Command::new(env!("CARGO"))
        .args(["run", "--quiet", "--"])
        .args(args)
        .current_dir(crate_dir)
        .env("CARGO_TARGET_DIR", workspace_target())
        .env("CARGO_INCREMENTAL", "0")
        .env_remove("RUSTFLAGS")
        .output()
        .expect("run cargo")
}

/// Whether `document` is valid against `schema` (xmllint), and xmllint's report.
pub fn xmllint(schema: &Path, document: &Path) -> (bool, String) {
    let output = Command::new("xmllint")
        .arg("--noout")
        .arg("--schema")
        .arg(schema)
        .arg(document)
        .output()
        .expect("run xmllint (libxml2-utils)");
    (
        output.status.success(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}
