//! `wsdl/MANIFEST.toml`: where each fetched file came from.
//!
//! Written by `cargo xtask regen --fetch`, read by every regen: it maps the URLs
//! (and the location strings exactly as the fetched files wrote them) back to the
//! local files, so the stored WSDL stays byte-for-byte what the server sent while
//! the generator never touches the network.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    pub source: Source,
    /// Every fetched file, the entry WSDL first, then in the order fetched.
    #[serde(default, rename = "file")]
    pub files: Vec<FileEntry>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// As given on the command line: `live`, `test` or a URL.
    pub requested: String,
    /// The entry URL that was fetched.
    pub url: String,
    /// When the fetch ran (RFC 3339, UTC).
    pub fetched: String,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FileEntry {
    /// File name inside the wsdl directory.
    pub path: String,
    /// The absolute URL it was downloaded from.
    pub url: String,
    /// sha256 (hex) of the bytes as stored (= as received).
    pub sha256: String,
    /// When it was downloaded (RFC 3339, UTC).
    pub fetched: String,
    /// Location strings, exactly as the importing files wrote them, that name this
    /// file when they differ from `url` (relative `schemaLocation`s).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub referenced_as: Vec<String>,
}

const HEADER: &str = "\
# wsdl/MANIFEST.toml: where each file in wsdl/ that was downloaded came from.
# Written by `cargo xtask regen --fetch`; the files are stored exactly as received.
# `cargo xtask regen` maps the URLs (and `referenced_as` locations) to these files,
# so the generator never downloads anything. Do not edit by hand.

";

impl Manifest {
    /// Reads `path`; `Ok(None)` when there is no manifest (an authored WSDL).
    pub fn read(path: &Path) -> Result<Option<Manifest>, String> {
        let text = match std::fs::read_to_string(path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(format!("cannot read {}: {e}", path.display())),
        };
        toml::from_str(&text)
            .map(Some)
            .map_err(|e| format!("{}: {e}", path.display()))
    }

    pub fn to_toml(&self) -> Result<String, String> {
        let body = toml::to_string(self).map_err(|e| format!("cannot write the manifest: {e}"))?;
        Ok(format!("{HEADER}{body}"))
    }

    /// URL (and `referenced_as` location) → local file, for `LoadOptions::url_map`.
    pub fn url_map(&self, wsdl_dir: &Path) -> BTreeMap<String, PathBuf> {
        let mut map = BTreeMap::new();
        for f in &self.files {
            let local = wsdl_dir.join(&f.path);
            map.insert(f.url.clone(), local.clone());
            for r in &f.referenced_as {
                map.insert(r.clone(), local.clone());
            }
        }
        map
    }

    /// Files whose bytes no longer match the recorded sha256 (edited after fetching).
    pub fn edited_files(&self, wsdl_dir: &Path) -> Vec<String> {
        self.files
            .iter()
            .filter(|f| match std::fs::read(wsdl_dir.join(&f.path)) {
                Ok(bytes) => crate::input_hash::sha256_hex(&bytes) != f.sha256,
                Err(_) => true,
            })
            .map(|f| f.path.clone())
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_through_toml() {
        let m = Manifest {
            source: Source {
                requested: "test".to_owned(),
                url: "https://example.invalid/ws?wsdl".to_owned(),
                fetched: "2025-01-02T03:04:05Z".to_owned(),
            },
            files: vec![
                FileEntry {
                    path: "GasOrderService.wsdl".to_owned(),
                    url: "https://example.invalid/ws?wsdl".to_owned(),
                    sha256: "00".to_owned(),
                    fetched: "2025-01-02T03:04:05Z".to_owned(),
                    referenced_as: Vec::new(),
                },
                FileEntry {
                    path: "ws.xsd-1.xsd".to_owned(),
                    url: "https://example.invalid/ws?xsd=1".to_owned(),
                    sha256: "11".to_owned(),
                    fetched: "2025-01-02T03:04:05Z".to_owned(),
                    referenced_as: vec!["ws?xsd=1".to_owned()],
                },
            ],
        };
        let text = m.to_toml().unwrap_or_default();
        assert!(text.starts_with("# wsdl/MANIFEST.toml"));
        let back: Manifest = toml::from_str(&text).unwrap_or_default();
        assert_eq!(back, m);
        let map = m.url_map(Path::new("w"));
        assert_eq!(map.get("ws?xsd=1"), Some(&PathBuf::from("w/ws.xsd-1.xsd")));
        assert_eq!(
            map.get("https://example.invalid/ws?wsdl"),
            Some(&PathBuf::from("w/GasOrderService.wsdl"))
        );
    }
}
