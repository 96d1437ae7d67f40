//! OASIS XML catalogs (the subset WSDL tooling uses): maps absolute URLs such as
//! JAX-WS `?xsd=N` schema locations to local files, since the generator never
//! touches the network.
//!
//! Supported entries: `uri`, `system`, `rewriteURI`, `rewriteSystem`,
//! `uriSuffix`, `systemSuffix`, `nextCatalog`, and `group` (with `xml:base`).

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::error::{Error, ErrorKind};
use crate::parse::xml::{self, Element, XML_NS};

pub const CATALOG_NS: &str = "urn:oasis:names:tc:entity:xmlns:xml:catalog";

#[derive(Debug)]
enum Entry {
    Exact { name: String, target: PathBuf },
    Rewrite { prefix: String, target: PathBuf },
    Suffix { suffix: String, target: PathBuf },
}

/// The merged entries of every catalog given, in the order given.
#[derive(Debug, Default)]
pub struct Catalog {
    entries: Vec<Entry>,
    /// Every catalog file read, for the input list and hash.
    pub files: Vec<(PathBuf, Vec<u8>)>,
}

impl Catalog {
    pub fn load(paths: &[PathBuf]) -> Result<Catalog, Error> {
        let mut catalog = Catalog::default();
        for path in paths {
            catalog.read(path, 0)?;
        }
        Ok(catalog)
    }

    fn read(&mut self, path: &Path, depth: usize) -> Result<(), Error> {
        if depth > 16 || self.files.iter().any(|(p, _)| p == path) {
            return Ok(());
        }
        let bytes = std::fs::read(path).map_err(|e| {
            Error::new(
                ErrorKind::Io,
                None,
                format!("cannot read XML catalog {}: {e}", path.display()),
            )
        })?;
        let file: Arc<str> = Arc::from(path.display().to_string());
        let root = xml::parse(&bytes, &file)?;
        self.files.push((path.to_owned(), bytes));
        if !root.is(CATALOG_NS, "catalog") {
            return Err(Error::new(
                ErrorKind::Malformed,
                Some(root.pos.clone()),
                format!(
                    "expected an OASIS XML catalog (<catalog xmlns=\"{CATALOG_NS}\">), found <{}>",
                    root.local
                ),
            ));
        }
        let base = path.parent().unwrap_or(Path::new("")).to_owned();
        let mut next = Vec::new();
        self.read_entries(&root, &base, &mut next)?;
        for n in next {
            self.read(&n, depth + 1)?;
        }
        Ok(())
    }

    fn read_entries(
        &mut self,
        parent: &Element,
        base: &Path,
        next: &mut Vec<PathBuf>,
    ) -> Result<(), Error> {
        let base = match parent.attr_ns(XML_NS, "base") {
            Some(b) => base.join(b),
            None => base.to_owned(),
        };
        for e in parent.elements() {
            if e.namespace.as_deref() != Some(CATALOG_NS) {
                continue;
            }
            let target = |attr: &str| -> Result<PathBuf, Error> {
                let value = e.required_attr(attr)?;
                let value = value.strip_prefix("file://").unwrap_or(value);
                let b = match e.attr_ns(XML_NS, "base") {
                    Some(b) => base.join(b),
                    None => base.clone(),
                };
                Ok(b.join(value))
            };
            match e.local.as_str() {
                "uri" => self.entries.push(Entry::Exact {
                    name: e.required_attr("name")?.to_owned(),
                    target: target("uri")?,
                }),
                "system" => self.entries.push(Entry::Exact {
                    name: e.required_attr("systemId")?.to_owned(),
                    target: target("uri")?,
                }),
                "rewriteURI" => self.entries.push(Entry::Rewrite {
                    prefix: e.required_attr("uriStartString")?.to_owned(),
                    target: target("rewritePrefix")?,
                }),
                "rewriteSystem" => self.entries.push(Entry::Rewrite {
                    prefix: e.required_attr("systemIdStartString")?.to_owned(),
                    target: target("rewritePrefix")?,
                }),
                "uriSuffix" => self.entries.push(Entry::Suffix {
                    suffix: e.required_attr("uriSuffix")?.to_owned(),
                    target: target("uri")?,
                }),
                "systemSuffix" => self.entries.push(Entry::Suffix {
                    suffix: e.required_attr("systemIdSuffix")?.to_owned(),
                    target: target("uri")?,
                }),
                "nextCatalog" => next.push(target("catalog")?),
                "group" => self.read_entries(e, &base, next)?,
                _ => {}
            }
        }
        Ok(())
    }

    /// The local file for `url`: exact matches first, then the longest rewrite
    /// prefix, then the longest suffix (the OASIS resolution order).
    pub fn resolve(&self, url: &str) -> Option<PathBuf> {
        for entry in &self.entries {
            if let Entry::Exact { name, target } = entry
                && name == url
            {
                return Some(target.clone());
            }
        }
        let rewrite = self
            .entries
            .iter()
            .filter_map(|e| match e {
                Entry::Rewrite { prefix, target } if url.starts_with(prefix.as_str()) => {
                    Some((prefix.len(), target.join(&url[prefix.len()..])))
                }
                _ => None,
            })
            .max_by_key(|(len, _)| *len);
        if let Some((_, path)) = rewrite {
            return Some(path);
        }
        self.entries
            .iter()
            .filter_map(|e| match e {
                Entry::Suffix { suffix, target } if url.ends_with(suffix.as_str()) => {
                    Some((suffix.len(), target.clone()))
                }
                _ => None,
            })
            .max_by_key(|(len, _)| *len)
            .map(|(_, p)| p)
    }
}
