//! Finds and reads every file a WSDL needs: `wsdl:import`, `xs:import`,
//! `xs:include`, following relative paths, files with no extension, and absolute
//! URLs through `LoadOptions::url_map` or an OASIS catalog (never the network).
//!
//! Each file is read once (diamonds and cycles are fine). The result is the list
//! of documents in load order plus every schema *instance*: a schema element
//! (a whole `.xsd` or one inline schema of a WSDL) with its effective target
//! namespace — a schema without `targetNamespace` that is `xs:include`d takes the
//! includer's namespace (a "chameleon" include), so one file can yield several
//! instances.

use std::collections::{BTreeSet, HashMap};
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;

use sha2::{Digest, Sha256};

use crate::LoadOptions;
use crate::error::{Error, ErrorKind};
use crate::model::{InputFile, Note, SourcePos};
use crate::parse::catalog::Catalog;
use crate::parse::ns;
use crate::parse::xml::{self, Element};

/// One file, parsed.
#[derive(Debug)]
pub struct Document {
    /// The path as shown in messages (the entry path joined with relative locations).
    pub file: Arc<str>,
    pub path: PathBuf,
    pub root: Element,
}

/// One schema element with the namespace its components belong to.
#[derive(Debug, Clone)]
pub struct SchemaInstance {
    pub doc: usize,
    /// `None`: the document's root is the schema; `Some(i)`: the i-th `xs:schema`
    /// child of the WSDL's `wsdl:types`.
    pub inline: Option<usize>,
    /// The effective target namespace.
    pub target_ns: Option<String>,
    /// True when the schema has no `targetNamespace` of its own but was included
    /// into one (unqualified references then take the includer's namespace).
    pub chameleon: bool,
}

/// Everything read for one entry WSDL.
#[derive(Debug, Default)]
pub struct Loaded {
    pub docs: Vec<Document>,
    /// Documents whose root is `wsdl:definitions`, in load order.
    pub wsdl_docs: Vec<usize>,
    pub schemas: Vec<SchemaInstance>,
    pub inputs: Vec<InputFile>,
    pub input_sha256: String,
    pub notes: Vec<Note>,
}

impl Loaded {
    pub fn schema_element(&self, inst: &SchemaInstance) -> Option<&Element> {
        let root = &self.docs[inst.doc].root;
        match inst.inline {
            None => Some(root),
            Some(i) => root
                .child(ns::WSDL, "types")
                .and_then(|t| t.children_named(ns::XSD, "schema").nth(i)),
        }
    }
}

/// What a reference to another file is for (decides what its root must be).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Expect {
    WsdlOrSchema,
    Schema,
}

struct Loader<'o> {
    options: &'o LoadOptions,
    catalog: Catalog,
    /// Canonical path → document index.
    by_path: HashMap<PathBuf, usize>,
    /// (document, inline index, effective namespace) already processed.
    instances: BTreeSet<(usize, Option<usize>, Option<String>)>,
    out: Loaded,
    hasher: Sha256,
    entry_dir: PathBuf,
}

pub fn load(entry: &Path, options: &LoadOptions) -> Result<Loaded, Error> {
    let catalog = Catalog::load(&options.catalogs)?;
    let mut loader = Loader {
        options,
        catalog,
        by_path: HashMap::new(),
        instances: BTreeSet::new(),
        out: Loaded::default(),
        hasher: Sha256::new(),
        entry_dir: normalize(entry.parent().unwrap_or(Path::new(""))),
    };
    let doc = loader.read(entry, None)?;
    loader.visit_document(doc, Expect::WsdlOrSchema, None)?;
    let catalog_files = std::mem::take(&mut loader.catalog.files);
    for (path, bytes) in &catalog_files {
        loader.record_input(path, bytes);
    }
    let mut out = loader.out;
    out.input_sha256 = hex::encode(loader.hasher.finalize());
    Ok(out)
}

/// Largest file the loader reads (WSDL or XSD), in bytes: far beyond any real service
/// description, small enough that a hostile or broken reference cannot exhaust memory.
pub const MAX_FILE_SIZE: u64 = 64 * 1024 * 1024;

/// Reads a regular file of at most [`MAX_FILE_SIZE`] bytes. Anything else is refused
/// before it is opened: a `schemaLocation` naming `/dev/zero` would be read forever,
/// and opening a named pipe blocks until someone writes to it.
fn read_limited(path: &Path) -> std::io::Result<Vec<u8>> {
    use std::io::Read;
    let meta = std::fs::metadata(path)?;
    if !meta.is_file() {
        return Err(std::io::Error::other(if meta.is_dir() {
            "it is a directory"
        } else {
            "it is not a regular file"
        }));
    }
    let too_big = || {
        std::io::Error::other(format!(
            "it is larger than the limit of {MAX_FILE_SIZE} bytes"
        ))
    };
    if meta.len() > MAX_FILE_SIZE {
        return Err(too_big());
    }
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    std::fs::File::open(path)?
        .take(MAX_FILE_SIZE + 1)
        .read_to_end(&mut bytes)?;
    if bytes.len() as u64 > MAX_FILE_SIZE {
        return Err(too_big());
    }
    Ok(bytes)
}

/// `a/./b/../c` → `a/c` without touching the file system.
fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            // `..` cancels a name, never another `..` (`../../x` stays as it is).
            Component::ParentDir => {
                let after_name = matches!(out.components().next_back(), Some(Component::Normal(_)));
                if !(after_name && out.pop()) {
                    out.push("..");
                }
            }
            other => out.push(other.as_os_str()),
        }
    }
    out
}

fn is_absolute_url(loc: &str) -> bool {
    match loc.split_once(':') {
        Some((scheme, _)) => {
            scheme.len() > 1
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '+' || c == '-' || c == '.')
        }
        None => false,
    }
}

impl Loader<'_> {
    fn record_input(&mut self, path: &Path, bytes: &[u8]) {
        self.hasher.update(bytes);
        let shown = path
            .strip_prefix(&self.entry_dir)
            .map(Path::to_path_buf)
            .unwrap_or_else(|_| path.to_owned());
        self.out.inputs.push(InputFile {
            path: shown.display().to_string().replace('\\', "/"),
            sha256: hex::encode(Sha256::digest(bytes)),
        });
    }

    /// Reads and parses a file (once). `from` is where it was referenced.
    fn read(&mut self, path: &Path, from: Option<&SourcePos>) -> Result<usize, Error> {
        let path = normalize(path);
        let key = std::fs::canonicalize(&path).unwrap_or_else(|_| path.clone());
        if let Some(&id) = self.by_path.get(&key) {
            return Ok(id);
        }
        let bytes = read_limited(&path).map_err(|e| {
            let what = match from {
                Some(_) => "imported file",
                None => "entry file",
            };
            Error::new(
                ErrorKind::Io,
                from.cloned(),
                format!("cannot read {what} {}: {e}", path.display()),
            )
        })?;
        let file: Arc<str> = Arc::from(path.display().to_string());
        let root = xml::parse(&bytes, &file)?;
        self.record_input(&path, &bytes);
        let id = self.out.docs.len();
        self.out.docs.push(Document { file, path, root });
        self.by_path.insert(key, id);
        Ok(id)
    }

    /// An import of a namespace the generator knows without its schema (the `xml:`
    /// namespace, SOAP encoding, XML Schema itself) from an absolute URL that no
    /// catalog maps is skipped with a note instead of failing for lack of network.
    fn skip_well_known(&mut self, namespace: Option<&str>, loc: &str, pos: &SourcePos) -> bool {
        let known = matches!(
            namespace,
            Some(ns::XML | ns::SOAP_ENC | ns::SOAP12_ENC | ns::XSD | ns::WSDL)
        );
        let loc = loc.trim();
        if !known
            || !is_absolute_url(loc)
            || self.options.url_map.contains_key(loc)
            || self.catalog.resolve(loc).is_some()
        {
            return false;
        }
        self.out.notes.push(Note {
            pos: pos.clone(),
            message: format!(
                "import of the well-known namespace `{}` from `{loc}` not fetched; its built-in definitions are used",
                namespace.unwrap_or("")
            ),
        });
        true
    }

    /// Turns a `location`/`schemaLocation` into a local path.
    fn locate(&self, base_doc: usize, loc: &str, pos: &SourcePos) -> Result<PathBuf, Error> {
        let loc = loc.trim();
        if let Some(p) = self.options.url_map.get(loc) {
            return Ok(p.clone());
        }
        if is_absolute_url(loc) {
            if let Some(p) = self.catalog.resolve(loc) {
                return Ok(p);
            }
            if let Some(rest) = loc.strip_prefix("file://") {
                return Ok(PathBuf::from(rest));
            }
            return Err(Error::new(
                ErrorKind::Io,
                Some(pos.clone()),
                format!(
                    "cannot load `{loc}`: the generator never downloads; map the URL to a local \
                     file with an XML catalog or LoadOptions::url_map"
                ),
            ));
        }
        let base = self.out.docs[base_doc]
            .path
            .parent()
            .unwrap_or(Path::new(""));
        Ok(base.join(loc))
    }

    fn visit_document(
        &mut self,
        doc: usize,
        expect: Expect,
        import_ns: Option<(&Option<String>, &SourcePos)>,
    ) -> Result<(), Error> {
        let root = &self.out.docs[doc].root;
        if root.is(ns::WSDL, "definitions") && expect == Expect::WsdlOrSchema {
            if self.out.wsdl_docs.contains(&doc) {
                return Ok(());
            }
            self.out.wsdl_docs.push(doc);
            return self.visit_wsdl(doc);
        }
        if root.is(ns::XSD, "schema") {
            let tns = root
                .attr("targetNamespace")
                .filter(|s| !s.is_empty())
                .map(str::to_owned);
            if let Some((expected, pos)) = import_ns
                && *expected != tns
            {
                return Err(Error::new(
                    ErrorKind::Malformed,
                    Some(pos.clone()),
                    format!(
                        "xs:import says namespace `{}` but {} has targetNamespace `{}`",
                        expected.as_deref().unwrap_or(""),
                        self.out.docs[doc].file,
                        tns.as_deref().unwrap_or("")
                    ),
                ));
            }
            return self.visit_schema(doc, None, tns, false);
        }
        let root = &self.out.docs[doc].root;
        let wanted = match expect {
            Expect::WsdlOrSchema => "<wsdl:definitions> or <xs:schema>",
            Expect::Schema => "<xs:schema>",
        };
        Err(Error::new(
            ErrorKind::Malformed,
            Some(root.pos.clone()),
            format!(
                "expected {wanted}, found <{}> in namespace `{}`",
                root.local,
                root.namespace.as_deref().unwrap_or("")
            ),
        ))
    }

    fn visit_wsdl(&mut self, doc: usize) -> Result<(), Error> {
        let root = &self.out.docs[doc].root;
        let mut imports = Vec::new();
        for imp in root.children_named(ns::WSDL, "import") {
            match imp.attr("location") {
                Some(loc) => imports.push((loc.to_owned(), imp.pos.clone())),
                None => self.out.notes.push(Note {
                    pos: imp.pos.clone(),
                    message: format!(
                        "wsdl:import of namespace `{}` has no location; its definitions must come from other files",
                        imp.attr("namespace").unwrap_or("")
                    ),
                }),
            }
        }
        let mut inline = Vec::new();
        // Some WSDLs put xs:import straight into wsdl:types (not inside an xs:schema).
        let mut type_imports = Vec::new();
        if let Some(types) = root.child(ns::WSDL, "types") {
            for imp in types
                .elements()
                .filter(|e| e.is(ns::XSD, "import") || e.is(ns::XSD, "include"))
            {
                if let Some(loc) = imp.attr("schemaLocation") {
                    let namespace = imp
                        .attr("namespace")
                        .filter(|s| !s.is_empty())
                        .map(str::to_owned);
                    let check = imp.local == "import";
                    type_imports.push((loc.to_owned(), namespace, check, imp.pos.clone()));
                }
            }
            for (i, schema) in types.children_named(ns::XSD, "schema").enumerate() {
                let tns = schema
                    .attr("targetNamespace")
                    .filter(|s| !s.is_empty())
                    .map(str::to_owned);
                inline.push((i, tns));
            }
        }
        for (loc, pos) in imports {
            let path = self.locate(doc, &loc, &pos)?;
            let target = self.read(&path, Some(&pos))?;
            self.visit_document(target, Expect::WsdlOrSchema, None)?;
        }
        for (loc, namespace, check, pos) in type_imports {
            let path = self.locate(doc, &loc, &pos)?;
            let target = self.read(&path, Some(&pos))?;
            let expected = check.then_some((&namespace, &pos));
            self.visit_document(target, Expect::Schema, expected)?;
        }
        for (i, tns) in inline {
            self.visit_schema(doc, Some(i), tns, false)?;
        }
        Ok(())
    }

    fn visit_schema(
        &mut self,
        doc: usize,
        inline: Option<usize>,
        tns: Option<String>,
        chameleon: bool,
    ) -> Result<(), Error> {
        if !self.instances.insert((doc, inline, tns.clone())) {
            return Ok(());
        }
        let inst = SchemaInstance {
            doc,
            inline,
            target_ns: tns.clone(),
            chameleon,
        };
        let Some(schema) = self.out.schema_element(&inst) else {
            return Ok(());
        };
        enum Ref {
            Import(Option<String>, String),
            Include(String),
        }
        let mut refs = Vec::new();
        for e in schema.elements() {
            if e.namespace.as_deref() != Some(ns::XSD) {
                continue;
            }
            match e.local.as_str() {
                "import" => {
                    if let Some(loc) = e.attr("schemaLocation") {
                        let namespace = e
                            .attr("namespace")
                            .filter(|s| !s.is_empty())
                            .map(str::to_owned);
                        refs.push((Ref::Import(namespace, loc.to_owned()), e.pos.clone()));
                    }
                }
                "include" => {
                    let loc = e.required_attr("schemaLocation")?;
                    refs.push((Ref::Include(loc.to_owned()), e.pos.clone()));
                }
                "redefine" => {
                    return Err(Error::unsupported(
                        Some(e.pos.clone()),
                        "xs:redefine is not supported (rewrite it as xs:include plus new type names)",
                    ));
                }
                _ => {}
            }
        }
        self.out.schemas.push(inst);
        for (r, pos) in refs {
            match r {
                Ref::Import(namespace, loc) => {
                    if self.skip_well_known(namespace.as_deref(), &loc, &pos) {
                        continue;
                    }
                    let path = self.locate(doc, &loc, &pos)?;
                    let target = self.read(&path, Some(&pos))?;
                    self.visit_document(target, Expect::Schema, Some((&namespace, &pos)))?;
                }
                Ref::Include(loc) => {
                    let path = self.locate(doc, &loc, &pos)?;
                    let target = self.read(&path, Some(&pos))?;
                    let root = &self.out.docs[target].root;
                    if !root.is(ns::XSD, "schema") {
                        return Err(Error::new(
                            ErrorKind::Malformed,
                            Some(pos.clone()),
                            format!(
                                "xs:include of {}: its root is <{}>, not <xs:schema>",
                                self.out.docs[target].file, root.local
                            ),
                        ));
                    }
                    let own = root
                        .attr("targetNamespace")
                        .filter(|s| !s.is_empty())
                        .map(str::to_owned);
                    match own {
                        None => {
                            let is_chameleon = tns.is_some();
                            self.visit_schema(target, None, tns.clone(), is_chameleon)?;
                        }
                        Some(own) if Some(&own) == tns.as_ref() => {
                            self.visit_schema(target, None, Some(own), false)?;
                        }
                        Some(own) => {
                            return Err(Error::new(
                                ErrorKind::Malformed,
                                Some(pos.clone()),
                                format!(
                                    "xs:include of {} (targetNamespace `{own}`) into a schema for `{}`: an included schema must have the same target namespace or none",
                                    self.out.docs[target].file,
                                    tns.as_deref().unwrap_or("")
                                ),
                            ));
                        }
                    }
                }
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalize_keeps_leading_parents() {
        assert_eq!(
            normalize(Path::new("../../a/./b/../c.wsdl")),
            PathBuf::from("../../a/c.wsdl")
        );
        assert_eq!(normalize(Path::new("a/../../b")), PathBuf::from("../b"));
        assert_eq!(normalize(Path::new("/x/../y")), PathBuf::from("/y"));
    }
}
