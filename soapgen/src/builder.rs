//! The build-script API, in the style of prost-build: generate a service's module into
//! `OUT_DIR` and `include!` it.
//!
//! ```no_run
//! // build.rs
//! fn main() -> Result<(), Box<dyn std::error::Error>> {
//!     soapgen::Builder::new("wsdl/checkVatService.wsdl").client(true).generate()?;
//!     Ok(())
//! }
//! // src/lib.rs: include!(concat!(env!("OUT_DIR"), "/check_vat_service.rs"));
//! // gives `pub mod check_vat_service { types, operations, server, client, … }`.
//! ```
//!
//! The crate using it depends on `soap-runtime`, and on `soap-client` when the client is
//! generated (the generated code names them `soap_runtime` and `soap_client`), and
//! declares a `serde` feature (`serde = []`): the generated serde derives are behind it.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::generate::{self, Input};

/// Generates one WSDL's module into a single file.
#[derive(Clone, Debug)]
#[must_use = "a builder does nothing until .generate() is called"]
pub struct Builder {
    input: Input,
    client: bool,
    out_dir: Option<PathBuf>,
    module: Option<String>,
}

impl Builder {
    /// Starts with the entry WSDL (its imports are followed).
    pub fn new(wsdl: impl Into<PathBuf>) -> Self {
        Builder {
            input: Input {
                entry: wsdl.into(),
                ..Input::default()
            },
            client: true,
            out_dir: None,
            module: None,
        }
    }

    /// An OASIS XML catalog mapping absolute schema URLs to local files (repeatable).
    pub fn catalog(mut self, catalog: impl Into<PathBuf>) -> Self {
        self.input.catalogs.push(catalog.into());
        self
    }

    /// A spec overlay: lengths, allowed values and docs the WSDL does not carry.
    pub fn overlay(mut self, overlay: impl Into<PathBuf>) -> Self {
        self.input.overlay = Some(overlay.into());
        self
    }

    /// Generate the `client` module (default: yes). The crate then depends on
    /// `soap-client`.
    pub fn client(mut self, client: bool) -> Self {
        self.client = client;
        self
    }

    /// Where the file goes (default: the `OUT_DIR` cargo gives build scripts).
    pub fn out_dir(mut self, dir: impl Into<PathBuf>) -> Self {
        self.out_dir = Some(dir.into());
        self
    }

    /// The module's name (default: the WSDL's file stem in snake case,
    /// `checkVatService` → `check_vat_service`).
    pub fn module_name(mut self, name: impl Into<String>) -> Self {
        self.module = Some(name.into());
        self
    }

    /// Generates `<out_dir>/<module>.rs` (written only when its content changed) and
    /// tells cargo to run the build script again when any input changes. Returns the
    /// file's path.
    pub fn generate(self) -> Result<PathBuf, crate::Error> {
        let out_dir = match self.out_dir {
            Some(dir) => dir,
            None => std::env::var_os("OUT_DIR")
                .map(PathBuf::from)
                .ok_or_else(|| {
                    crate::Error(
                        "OUT_DIR is not set: call from a build script or set out_dir".to_owned(),
                    )
                })?,
        };
        let module = match self.module {
            Some(m) => m,
            None => crate::crate_files::crate_name_from(
                &self
                    .input
                    .entry
                    .file_stem()
                    .map(|s| s.to_string_lossy().into_owned())
                    .unwrap_or_default(),
            )
            .replace('-', "_"),
        };
        let generated = generate::modules(&self.input, self.client.then_some("soap_client"), None)
            .map_err(crate::Error)?;
        let text = single_file(&module, &generated.files)?;
        let path = out_dir.join(format!("{module}.rs"));
        crate::write_if_changed(&path, &text).map_err(crate::Error)?;
        if std::env::var_os("CARGO_MANIFEST_DIR").is_some() {
            for read in &generated.read {
                println!("cargo:rerun-if-changed={}", read.display());
            }
        }
        Ok(path)
    }
}

/// The module files as one: `pub mod <module> { … }` with each `mod x;` of `mod.rs`
/// replaced by `mod x { <x.rs> }`, so that one `include!` brings it all (an included file
/// may not start with inner attributes, so `mod.rs`'s `//!` docs become the outer docs).
fn single_file(module: &str, files: &BTreeMap<PathBuf, String>) -> Result<String, crate::Error> {
    let Some(root) = files.get(Path::new("mod.rs")) else {
        return Err(crate::Error("the generator wrote no mod.rs".to_owned()));
    };
    let mut out = String::new();
    let mut body = String::new();
    for line in root.lines() {
        if let Some(doc) = line.strip_prefix("//!") {
            out.push_str("///");
            out.push_str(doc);
            out.push('\n');
            continue;
        }
        if line.starts_with("// @generated") {
            out.push_str(line);
            out.push('\n');
            continue;
        }
        let declared = line.trim().strip_suffix(';').and_then(|l| {
            l.strip_prefix("pub mod ")
                .or_else(|| l.strip_prefix("mod "))
        });
        match declared {
            Some(name) => {
                let file = files.get(Path::new(&format!("{name}.rs"))).ok_or_else(|| {
                    crate::Error(format!("mod.rs declares `{name}`, which was not generated"))
                })?;
                let visibility = if line.trim_start().starts_with("pub ") {
                    "pub "
                } else {
                    ""
                };
                body.push_str(&format!("{visibility}mod {name} {{\n"));
                for inner in file.lines().filter(|l| !l.starts_with("// @generated")) {
                    body.push_str(inner);
                    body.push('\n');
                }
                body.push_str("}\n");
            }
            None => {
                body.push_str(line);
                body.push('\n');
            }
        }
    }
    out.push_str(&format!("pub mod {module} {{\n{body}}}\n"));
    Ok(out)
}
