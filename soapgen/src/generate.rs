//! WSDL → generated modules, in memory: the one place soapgen calls the generator.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};
use soapgen_codegen::LoadOptions;

/// The generator's input.
#[derive(Clone, Debug, Default)]
pub struct Input {
    /// The entry WSDL (its imports are followed).
    pub entry: PathBuf,
    /// OASIS XML catalogs mapping absolute schema URLs to local files.
    pub catalogs: Vec<PathBuf>,
    /// A spec overlay (lengths, allowed values, docs) in the format of this repository's
    /// `wsdl/spec-overlay.toml`.
    pub overlay: Option<PathBuf>,
}

/// What one run produced.
pub struct Generated {
    /// The module files (`mod.rs`, `types.rs`, …), keyed by file name.
    pub files: BTreeMap<PathBuf, String>,
    /// Every file read: the WSDL, what it imports, the catalogs and the overlay.
    pub read: Vec<PathBuf>,
}

/// Runs the generator. `client`: emit `client.rs` naming the client crate by this path;
/// `client_feature`: the cargo feature it is compiled under.
pub fn modules(
    input: &Input,
    client: Option<&str>,
    client_feature: Option<&str>,
) -> Result<Generated, String> {
    let load = LoadOptions {
        catalogs: input.catalogs.clone(),
        ..LoadOptions::default()
    };
    let mut model = soapgen_codegen::load(&input.entry, &load).map_err(|e| e.to_string())?;
    let overlay_bytes = match &input.overlay {
        Some(p) => Some(std::fs::read(p).map_err(|e| format!("cannot read {}: {e}", p.display()))?),
        None => None,
    };
    let overlay = match &input.overlay {
        Some(p) => Some(soapgen_codegen::overlay::Overlay::load(p).map_err(|e| e.to_string())?),
        None => None,
    };
    // The header's hash covers the overlay too (same definition as the repository's
    // `cargo xtask regen`: see xtask's input_hash).
    let overlay_hash = overlay_bytes.as_deref().map(sha256_hex);
    model.input_sha256 = identity(
        model
            .inputs
            .iter()
            .map(|i| (i.path.as_str(), i.sha256.as_str()))
            .chain(overlay_hash.as_deref().map(|h| ("overlay", h))),
    );
    let options = soapgen_codegen::GenerateOptions {
        source_name: Some(file_name(&input.entry)),
        client_path: client.map(str::to_owned),
        client_feature: client_feature.map(str::to_owned),
        ..soapgen_codegen::GenerateOptions::default()
    };
    let files = soapgen_codegen::generate(&model, overlay.as_ref(), &options)
        .map_err(|e| e.to_string())?
        .files;
    let entry_dir = input.entry.parent().unwrap_or(Path::new(""));
    let mut read: Vec<PathBuf> = model
        .inputs
        .iter()
        .map(|i| entry_dir.join(&i.path))
        .chain(input.catalogs.iter().cloned())
        .chain(input.overlay.iter().cloned())
        .collect();
    read.sort();
    read.dedup();
    Ok(Generated { files, read })
}

/// The entry's file name, as the `@generated` headers name it (never a full path, so the
/// output is the same wherever the input lies).
pub(crate) fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|f| f.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}

/// sha256 over the sorted `<path> <sha256>` lines of the inputs.
fn identity<'a>(files: impl IntoIterator<Item = (&'a str, &'a str)>) -> String {
    let mut lines: Vec<String> = files
        .into_iter()
        .map(|(path, hash)| format!("{path} {hash}\n"))
        .collect();
    lines.sort();
    lines.dedup();
    sha256_hex(lines.concat().as_bytes())
}

fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}
