//! Build script of the `gas` command line. One real, cheap job, with no code
//! generation (library users never pay for the generator's dependencies):
//!
//! 1. Compute the identity of `wsdl/` — the same sha256 `cargo xtask regen` records
//!    in the generated code's `@generated` header (definition below) — and warn when
//!    the checked-in generated code was made from something else ("generated code is
//!    stale: run `cargo xtask regen`").
//! 2. Export it as `GAS_WSDL_SHA256` so `gas --version` can say which WSDL the
//!    binary speaks (`unknown` when wsdl/ is not there, e.g. a packaged build).
//!
//! It never fails the build: missing or unreadable files give a warning at most.
//!
//! The identity is defined once, in `xtask/src/input_hash.rs` (compiled into this script
//! too); its inputs here are `GasOrderService.wsdl`, `spec-overlay.toml` and every file
//! `MANIFEST.toml` lists (schemas a fetch stored), which is what regen reads (an xtask
//! test checks both agree).

use std::path::{Path, PathBuf};

#[path = "xtask/src/input_hash.rs"]
mod input_hash;

const ENTRY: &str = "GasOrderService.wsdl";
const OVERLAY: &str = "spec-overlay.toml";
const MANIFEST: &str = "MANIFEST.toml";
/// The generated file whose first line carries the `@generated … sha256:<hash>` header.
const GENERATED_HEADER_FILE: &str = "gas-client/src/generated/mod.rs";

fn main() {
    let root = std::env::var_os("CARGO_MANIFEST_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("."));
    let report = check(&root);
    println!("cargo:rerun-if-changed=build.rs");
    // A directory is scanned as a whole: added or removed schema files count too.
    println!("cargo:rerun-if-changed=wsdl");
    println!("cargo:rerun-if-changed={GENERATED_HEADER_FILE}");
    for w in &report.warnings {
        println!("cargo:warning={w}");
    }
    println!(
        "cargo:rustc-env=GAS_WSDL_SHA256={}",
        report.identity.as_deref().unwrap_or("unknown")
    );
}

/// What the build script found.
#[derive(Debug, Default, PartialEq, Eq)]
pub(crate) struct Report {
    /// The identity of `wsdl/`; `None` when it has no entry WSDL.
    pub(crate) identity: Option<String>,
    /// The hash in the generated code's header; `None` when there is none.
    pub(crate) recorded: Option<String>,
    pub(crate) warnings: Vec<String>,
}

pub(crate) fn check(root: &Path) -> Report {
    let mut report = Report::default();
    let wsdl_dir = root.join("wsdl");
    if !wsdl_dir.join(ENTRY).exists() {
        // A build without the sources of the generated code: nothing to compare.
        return report;
    }
    match wsdl_identity(&wsdl_dir) {
        Ok(id) => report.identity = Some(id),
        Err(e) => {
            report.warnings.push(format!("cannot hash wsdl/: {e}"));
            return report;
        }
    }
    match recorded_identity(&root.join(GENERATED_HEADER_FILE)) {
        Ok(Some(hash)) => report.recorded = Some(hash),
        Ok(None) => report.warnings.push(format!(
            "{GENERATED_HEADER_FILE} has no `@generated … sha256:<hash>` header: \
             run `cargo xtask regen`"
        )),
        Err(e) => report.warnings.push(format!(
            "generated code is missing ({GENERATED_HEADER_FILE}: {e}): run `cargo xtask regen`"
        )),
    }
    if let (Some(id), Some(recorded)) = (&report.identity, &report.recorded)
        && id != recorded
    {
        report.warnings.push(format!(
            "generated code is stale: run `cargo xtask regen` (wsdl/ hashes to {}, \
             the generated code was made from {})",
            short(id),
            short(recorded)
        ));
    }
    report
}

fn short(hash: &str) -> &str {
    hash.get(..12).unwrap_or(hash)
}

/// The identity of the wsdl directory (see the module docs).
pub(crate) fn wsdl_identity(wsdl_dir: &Path) -> Result<String, String> {
    let mut files = vec![ENTRY.to_owned()];
    if wsdl_dir.join(OVERLAY).exists() {
        files.push(OVERLAY.to_owned());
    }
    match std::fs::read_to_string(wsdl_dir.join(MANIFEST)) {
        Ok(text) => files.extend(manifest_paths(&text)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => return Err(format!("{MANIFEST}: {e}")),
    }
    let mut contents = Vec::new();
    for f in &files {
        let bytes = std::fs::read(wsdl_dir.join(f)).map_err(|e| format!("{f}: {e}"))?;
        contents.push((f.as_str(), bytes));
    }
    Ok(input_hash::identity(
        contents.iter().map(|(f, bytes)| (*f, bytes.as_slice())),
    ))
}

/// The `path = "…"` values of a MANIFEST.toml (its `[[file]]` entries). A line-based
/// reading is enough for the file xtask writes and keeps toml out of the build.
pub(crate) fn manifest_paths(text: &str) -> Vec<String> {
    text.lines()
        .filter_map(|line| {
            let value = line.trim().strip_prefix("path")?.trim_start();
            let value = value.strip_prefix('=')?.trim();
            let inner = value.strip_prefix('"')?.strip_suffix('"')?;
            (!inner.is_empty() && !inner.contains(['"', '\\', '/'])).then(|| inner.to_owned())
        })
        .collect()
}

/// The `sha256:<hex>` of the first line of a generated file.
pub(crate) fn recorded_identity(path: &Path) -> Result<Option<String>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| e.to_string())?;
    let first = text.lines().next().unwrap_or("");
    if !first.contains("@generated") {
        return Ok(None);
    }
    Ok(first.split_whitespace().find_map(|word| {
        let hash = word.strip_prefix("sha256:")?.trim_end_matches('.');
        (hash.len() == 64 && hash.bytes().all(|b| b.is_ascii_hexdigit()))
            .then(|| hash.to_ascii_lowercase())
    }))
}
