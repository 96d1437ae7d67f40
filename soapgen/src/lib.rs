//! soapgen: any WSDL 1.1 (document/literal or rpc/literal, SOAP 1.1 or 1.2) to Rust: typed
//! requests and responses with their XML readers and writers, operation descriptions, a
//! server trait with its dispatcher, and a client with one method per operation.
//!
//! Three ways in:
//! - the `soapgen` command (`cargo install soapgen`): `soapgen service.wsdl --out DIR`
//!   writes a crate ([`crate_files`]);
//! - a build script: [`Builder`] writes one module into `OUT_DIR`;
//! - from code: [`generate::modules`] gives the files in memory.
//!
//! The generated code runs on `soap-runtime` (XML, envelopes, faults) and calls through
//! `soap-client` (reqwest, rustls).

mod builder;
pub mod crate_files;
pub mod generate;

use std::path::{Path, PathBuf};

pub use builder::Builder;
pub use crate_files::{Options, Runtime};
pub use generate::Input;

/// Why generation failed: the input's problem with its file and line, or an I/O error
/// naming the path.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Error(pub String);

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Error {}

/// Writes `text` to `path` unless it already holds exactly that (so cargo and editors
/// see no change); creates the parent directories. Returns whether it wrote.
pub(crate) fn write_if_changed(path: &Path, text: &str) -> Result<bool, String> {
    if std::fs::read(path).ok().as_deref() == Some(text.as_bytes()) {
        return Ok(false);
    }
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)
            .map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
    }
    std::fs::write(path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    Ok(true)
}

/// Files under `dir` that carry the `@generated` marker and that `keep` (given the path
/// relative to `dir`) does not want: what a new run no longer generates. Files without
/// the marker are never touched.
pub(crate) fn stale_generated_files(
    dir: &Path,
    keep: impl Fn(&Path) -> bool,
) -> Result<Vec<PathBuf>, String> {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(format!("cannot list {}: {e}", dir.display())),
    };
    let mut stale = Vec::new();
    for entry in entries {
        let path = entry
            .map_err(|e| format!("cannot list {}: {e}", dir.display()))?
            .path();
        let Ok(rel) = path.strip_prefix(dir) else {
            continue;
        };
        if !path.is_file() || keep(rel) {
            continue;
        }
        let generated = std::fs::read_to_string(&path)
            .ok()
            .is_some_and(|t| t.lines().next().is_some_and(|l| l.contains("@generated")));
        if generated {
            stale.push(path);
        }
    }
    stale.sort();
    Ok(stale)
}
