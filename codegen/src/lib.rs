//! gas-codegen: WSDL 1.1 + XML Schema → Rust.
//!
//! The pipeline runs one way: **parse** (quick-xml into a small tree; every construct keeps its
//! `file:line`) → **model** ([`model`]: resolved, language-neutral) → **rust**
//! (names, types, ownership) → **emit** (quote → syn → prettyplease), producing a
//! deterministic file tree.
//!
//! Entry points (the contract `xtask` and tests code against):
//! - [`load`]: read an entry WSDL (and everything it imports) into a [`model::Model`].
//! - `generate` (back end): model (+ spec overlay) → [`GeneratedFiles`].

pub mod emit;
pub mod error;
pub mod model;
pub mod overlay;
pub mod parse;
pub mod resolve;
pub mod rust;
pub mod surface;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

pub use error::Error;

/// How to find and read the input.
#[derive(Clone, Debug, Default)]
pub struct LoadOptions {
    /// OASIS XML catalog files mapping absolute URLs (JAX-WS `?xsd=N`) to local files.
    pub catalogs: Vec<PathBuf>,
    /// Extra URL → local file mappings (checked before catalogs).
    pub url_map: BTreeMap<String, PathBuf>,
}

/// Generated source files, keyed by path relative to the output directory, in
/// sorted order. Contents are final (formatted, with the `@generated` header).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct GeneratedFiles {
    pub files: BTreeMap<PathBuf, String>,
}

/// Reads `entry` and everything it imports, and resolves it into a model.
pub fn load(entry: &Path, options: &LoadOptions) -> Result<model::Model, Error> {
    let loaded = parse::loader::load(entry, options)?;
    resolve::build(entry.display().to_string(), loaded)
}

/// How to generate.
#[derive(Clone, Debug)]
pub struct GenerateOptions {
    /// Path of the runtime crate as generated code names it (`soap_runtime`, or e.g.
    /// `gas_client::soap_runtime` when re-exported).
    pub runtime_path: String,
    /// Also emit `server.rs` (the `Handler` trait and `dispatch`).
    pub server: bool,
    /// The input's name in the `@generated` header (default: the model's entry path).
    pub source_name: Option<String>,
    /// Also emit `client.rs` (a `Client` with one method per operation), naming the
    /// client crate by this path (`soap_client`).
    pub client_path: Option<String>,
    /// The cargo feature `client.rs` is compiled under (`client`); `None`: always.
    pub client_feature: Option<String>,
}

impl Default for GenerateOptions {
    fn default() -> Self {
        GenerateOptions {
            runtime_path: "soap_runtime".to_owned(),
            server: true,
            source_name: None,
            client_path: None,
            client_feature: None,
        }
    }
}

/// Model (+ spec overlay) → Rust source files (see [`emit`] for the layout).
pub fn generate(
    model: &model::Model,
    overlay: Option<&overlay::Overlay>,
    options: &GenerateOptions,
) -> Result<GeneratedFiles, Error> {
    let mut plan = rust::plan(model);
    if let Some(o) = overlay {
        overlay::apply(&mut plan, o);
    }
    plan.notes.extend(rust::pattern_notes(model));
    emit::generate(model, &plan, overlay, options)
}
