//! `cargo xtask regen --fetch <live|test|URL>`: download a service description the
//! way a JAX-WS/CXF endpoint serves it — `?wsdl`, then every schema it references
//! (`?xsd=N`, `schemaLocation`, `wsdl:import`), recursively, each URL once — and
//! store the bytes exactly as received in the wsdl directory, with `MANIFEST.toml`.
//!
//! Nothing inside the files is rewritten: the stored entry WSDL still says
//! `schemaLocation="https://…?xsd=1"`, and the manifest maps that URL to the local
//! file for the generator (which never downloads).

use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::fmt;
use std::path::Path;
use std::time::Duration;

use quick_xml::XmlVersion;
use quick_xml::events::Event;
use quick_xml::name::ResolveResult;
use url::Url;

use crate::input_hash::sha256_hex;
use crate::layout::{ENTRY_FILE, MANIFEST_FILE, OVERLAY_FILE};
use crate::manifest::{FileEntry, Manifest, Source};

/// GlobalSign's production WSDL (spec section 3).
pub const LIVE_WSDL: &str = "https://system.globalsign.com/pc/ws/v2/GasOrderService?wsdl";
/// GlobalSign's test-account WSDL (spec section 3).
pub const TEST_WSDL: &str = "https://test-gcc.globalsign.com/pc/ws/v2/GasOrderService?wsdl";

const WSDL_NS: &str = "http://schemas.xmlsoap.org/wsdl/";
const XSD_NS: &str = "http://www.w3.org/2001/XMLSchema";
/// Namespaces a schema may import without a location because every processor knows them.
const WELL_KNOWN_NAMESPACES: &[&str] = &[
    "http://www.w3.org/XML/1998/namespace",
    "http://www.w3.org/2001/XMLSchema",
    "http://schemas.xmlsoap.org/soap/encoding/",
    "http://schemas.xmlsoap.org/wsdl/",
    "http://www.w3.org/2003/05/soap-encoding",
];
/// Files in the wsdl directory a fetched file must never be stored as.
const RESERVED_NAMES: &[&str] = &[OVERLAY_FILE, MANIFEST_FILE, "ERRATA.md", "README.md"];
/// Refuse answers larger than this (a WSDL is kilobytes; this is a runaway guard).
const MAX_BYTES: u64 = 32 * 1024 * 1024;

/// What `--fetch` was given: `live`, `test` or a URL (`?wsdl` is added when the URL
/// has no query).
pub fn source_url(requested: &str) -> Result<String, FetchError> {
    match requested {
        "live" => return Ok(LIVE_WSDL.to_owned()),
        "test" => return Ok(TEST_WSDL.to_owned()),
        _ => {}
    }
    let mut url = Url::parse(requested).map_err(|e| FetchError::BadUrl {
        url: requested.to_owned(),
        message: e.to_string(),
    })?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(FetchError::BadUrl {
            url: requested.to_owned(),
            message: "only http and https URLs can be fetched (or `live`, `test`)".to_owned(),
        });
    }
    if url.query().is_none() {
        url.set_query(Some("wsdl"));
    }
    Ok(url.to_string())
}

/// Why a fetch failed. Each message names the URL and, for imports, the file and
/// line that asked for it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FetchError {
    BadUrl {
        url: String,
        message: String,
    },
    /// No answer at all (connection refused, DNS, TLS, timeout).
    Transport {
        url: String,
        message: String,
    },
    /// An answer with a non-2xx status.
    Status {
        url: String,
        status: u16,
        reason: String,
    },
    /// An answer that is not well-formed XML (an HTML error page, say).
    NotXml {
        url: String,
        content_type: Option<String>,
        message: String,
        start: String,
    },
    /// Well-formed XML, but not a WSDL or a schema.
    WrongRoot {
        url: String,
        expected: &'static str,
        found: String,
    },
    /// A referenced file could not be fetched; `cause` says why.
    Import {
        referrer: String,
        line: u32,
        location: String,
        cause: Box<FetchError>,
    },
    /// A location that does not form a URL against the referrer's.
    BadLocation {
        referrer: String,
        line: u32,
        location: String,
        message: String,
    },
    /// `xs:import namespace="…"` with no `schemaLocation`, for a namespace no fetched
    /// schema defines.
    MissingNamespace {
        referrer: String,
        line: u32,
        namespace: String,
    },
    /// Two different URLs are referenced by the same relative location string, so
    /// the manifest cannot map that string to one file.
    AmbiguousLocation {
        location: String,
        urls: Vec<String>,
    },
    Io {
        path: String,
        message: String,
    },
}

impl fmt::Display for FetchError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FetchError::BadUrl { url, message } => write!(f, "bad URL `{url}`: {message}"),
            FetchError::Transport { url, message } => {
                write!(f, "GET {url}: no answer: {message}")
            }
            FetchError::Status {
                url,
                status,
                reason,
            } => write!(f, "GET {url}: HTTP {status} {reason}"),
            FetchError::NotXml {
                url,
                content_type,
                message,
                start,
            } => {
                write!(f, "GET {url}: the answer is not XML ({message}")?;
                if let Some(ct) = content_type {
                    write!(f, "; Content-Type: {ct}")?;
                }
                write!(f, "); it starts: {start:?}")
            }
            FetchError::WrongRoot {
                url,
                expected,
                found,
            } => write!(f, "GET {url}: expected {expected}, got <{found}>"),
            FetchError::Import {
                referrer,
                line,
                location,
                cause,
            } => write!(
                f,
                "{referrer}:{line}: cannot fetch the import `{location}`: {cause}"
            ),
            FetchError::BadLocation {
                referrer,
                line,
                location,
                message,
            } => write!(f, "{referrer}:{line}: bad location `{location}`: {message}"),
            FetchError::MissingNamespace {
                referrer,
                line,
                namespace,
            } => write!(
                f,
                "{referrer}:{line}: missing import: namespace `{namespace}` is imported \
                 without a schemaLocation, and no fetched schema defines it"
            ),
            FetchError::AmbiguousLocation { location, urls } => write!(
                f,
                "the location `{location}` names different URLs in different files ({}); \
                 cannot map it to one local file",
                urls.join(", ")
            ),
            FetchError::Io { path, message } => write!(f, "{path}: {message}"),
        }
    }
}

impl std::error::Error for FetchError {}

/// One downloaded file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fetched {
    pub url: String,
    /// The name it is stored under in the wsdl directory.
    pub file_name: String,
    pub bytes: Vec<u8>,
    /// Relative location strings (as written by the importing files) that name it.
    pub referenced_as: Vec<String>,
}

/// A reference from one fetched file to another.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Reference {
    kind: RefKind,
    /// `location`/`schemaLocation` as written; `None` for a namespace-only import.
    location: Option<String>,
    namespace: Option<String>,
    line: u32,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum RefKind {
    /// `wsdl:import location=…`: a WSDL or a schema.
    WsdlImport,
    /// `xs:import`/`xs:include`/`xs:redefine`/`xs:override schemaLocation=…`.
    Schema,
}

/// What a document is and what it references.
#[derive(Clone, Debug, Default)]
struct Scan {
    /// Root element's namespace and local name.
    root: (Option<String>, String),
    references: Vec<Reference>,
    /// targetNamespace of every schema element in the document.
    target_namespaces: Vec<Option<String>>,
}

/// Decodes bytes as the XML declaration says (UTF-8 unless a BOM or `encoding=` says
/// otherwise).
fn decode(bytes: &[u8]) -> String {
    if let Some((enc, _)) = encoding_rs::Encoding::for_bom(bytes) {
        return enc.decode_with_bom_removal(bytes).0.into_owned();
    }
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(200)]);
    let declared = head.strip_prefix("<?xml").and_then(|decl| {
        let decl = &decl[..decl.find("?>")?];
        let at = decl.find("encoding")?;
        let rest = decl[at + "encoding".len()..]
            .trim_start()
            .strip_prefix('=')?;
        let rest = rest.trim_start();
        let quote = rest.chars().next()?;
        let rest = &rest[1..];
        Some(rest[..rest.find(quote)?].to_owned())
    });
    let encoding = declared
        .and_then(|label| encoding_rs::Encoding::for_label(label.as_bytes()))
        .unwrap_or(encoding_rs::UTF_8);
    encoding.decode_without_bom_handling(bytes).0.into_owned()
}

fn line_of(text: &str, offset: u64) -> u32 {
    let end = usize::try_from(offset)
        .unwrap_or(usize::MAX)
        .min(text.len());
    let newlines = text.as_bytes()[..end]
        .iter()
        .filter(|b| **b == b'\n')
        .count();
    u32::try_from(newlines + 1).unwrap_or(u32::MAX)
}

/// The first characters of an answer, for error messages.
fn start_of(text: &str) -> String {
    text.trim_start().chars().take(80).collect()
}

/// Checks that `bytes` is well-formed XML and finds its references. `content_type`
/// is only for the error message.
fn scan(url: &str, bytes: &[u8], content_type: Option<&str>) -> Result<Scan, FetchError> {
    let text = decode(bytes);
    let not_xml = |message: String| FetchError::NotXml {
        url: url.to_owned(),
        content_type: content_type.map(str::to_owned),
        message,
        start: start_of(&text),
    };
    let trimmed = text.trim_start();
    if !trimmed.starts_with('<') {
        return Err(not_xml("it does not start with `<`".to_owned()));
    }
    let lower: String = trimmed.chars().take(200).collect::<String>().to_lowercase();
    if lower.starts_with("<!doctype html") || lower.starts_with("<html") {
        return Err(not_xml("an HTML page".to_owned()));
    }

    let mut reader = quick_xml::NsReader::from_str(&text);
    let mut out = Scan::default();
    let mut depth = 0usize;
    let mut seen_root = false;
    loop {
        let position = reader.buffer_position();
        let event = reader.read_resolved_event();
        let (ns, event) = match event {
            Ok(e) => e,
            Err(e) => {
                let line = line_of(&text, reader.error_position());
                return Err(not_xml(format!("line {line}: {e}")));
            }
        };
        let ns: Option<String> = match ns {
            ResolveResult::Bound(n) => Some(n.as_ref().to_owned()),
            ResolveResult::Unbound => None,
            ResolveResult::Unknown(p) => {
                if matches!(event, Event::Start(_) | Event::Empty(_)) {
                    let line = line_of(&text, position);
                    return Err(not_xml(format!("line {line}: undeclared prefix `{p}`")));
                }
                None
            }
        };
        match event {
            Event::Start(ref e) | Event::Empty(ref e) => {
                let local = e.local_name().as_ref().to_owned();
                if !seen_root {
                    seen_root = true;
                    out.root = (ns.clone(), local.clone());
                }
                let attr = |name: &str| -> Result<Option<String>, FetchError> {
                    for a in e.attributes() {
                        let a = a.map_err(|err| {
                            not_xml(format!("line {}: {err}", line_of(&text, position)))
                        })?;
                        if a.key.as_ref() == name {
                            let v = a.normalized_value(XmlVersion::Implicit1_0).map_err(|err| {
                                not_xml(format!("line {}: {err}", line_of(&text, position)))
                            })?;
                            return Ok(Some(v.into_owned()));
                        }
                    }
                    Ok(None)
                };
                let line = line_of(&text, position);
                match (ns.as_deref(), local.as_str()) {
                    (Some(WSDL_NS), "import") => out.references.push(Reference {
                        kind: RefKind::WsdlImport,
                        location: attr("location")?,
                        namespace: attr("namespace")?,
                        line,
                    }),
                    (Some(XSD_NS), "import" | "include" | "redefine" | "override") => {
                        out.references.push(Reference {
                            kind: RefKind::Schema,
                            location: attr("schemaLocation")?,
                            namespace: if local == "import" {
                                attr("namespace")?
                            } else {
                                None
                            },
                            line,
                        })
                    }
                    (Some(XSD_NS), "schema") => out
                        .target_namespaces
                        .push(attr("targetNamespace")?.filter(|s| !s.is_empty())),
                    _ => {}
                }
                if matches!(event, Event::Start(_)) {
                    depth += 1;
                }
            }
            Event::End(_) => depth = depth.saturating_sub(1),
            Event::Eof => break,
            _ => {}
        }
    }
    if !seen_root {
        return Err(not_xml("no root element".to_owned()));
    }
    if depth != 0 {
        return Err(not_xml("the document ends inside an element".to_owned()));
    }
    Ok(out)
}

/// Downloads over HTTP(S): a blocking client with a timeout, one GET per URL.
pub struct Http {
    client: reqwest::blocking::Client,
}

/// A successful answer.
struct Answer {
    bytes: Vec<u8>,
    content_type: Option<String>,
}

impl Http {
    pub fn new() -> Result<Http, FetchError> {
        // reqwest here has no provider of its own (see Cargo.toml): ring serves, unless the
        // process already installed one (then that one does; the error says so).
        let _ = rustls::crypto::ring::default_provider().install_default();
        let client = reqwest::blocking::Client::builder()
            .timeout(Duration::from_secs(60))
            .connect_timeout(Duration::from_secs(20))
            .user_agent(concat!("gas-xtask/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|e| FetchError::Transport {
                url: String::new(),
                message: format!("cannot build the HTTP client: {e}"),
            })?;
        Ok(Http { client })
    }

    fn get(&self, url: &str) -> Result<Answer, FetchError> {
        let transport = |message: String| FetchError::Transport {
            url: url.to_owned(),
            message,
        };
        let response = self
            .client
            .get(url)
            .send()
            .map_err(|e| transport(error_with_sources(&e)))?;
        let status = response.status();
        if !status.is_success() {
            return Err(FetchError::Status {
                url: url.to_owned(),
                status: status.as_u16(),
                reason: status.canonical_reason().unwrap_or("").to_owned(),
            });
        }
        if response.content_length().is_some_and(|n| n > MAX_BYTES) {
            return Err(transport(format!("answer larger than {MAX_BYTES} bytes")));
        }
        let content_type = response
            .headers()
            .get(reqwest::header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned);
        let bytes = response
            .bytes()
            .map_err(|e| transport(error_with_sources(&e)))?;
        if bytes.len() as u64 > MAX_BYTES {
            return Err(transport(format!("answer larger than {MAX_BYTES} bytes")));
        }
        Ok(Answer {
            bytes: bytes.to_vec(),
            content_type,
        })
    }
}

/// An error with its sources (reqwest's top-level message alone says little).
fn error_with_sources(e: &(dyn std::error::Error + 'static)) -> String {
    let mut s = e.to_string();
    let mut source = e.source();
    while let Some(inner) = source {
        let text = inner.to_string();
        if !s.contains(&text) {
            s.push_str(": ");
            s.push_str(&text);
        }
        source = inner.source();
    }
    s
}

/// Derives a local file name from a URL: the last path segment without its
/// extension, then the query made file-safe, then `.wsdl` or `.xsd`
/// (`…/GasOrderService?xsd=1` → `GasOrderService.xsd-1.xsd`). Clashes get `-2`, `-3`.
fn file_name_for(url: &Url, is_wsdl: bool, taken: &BTreeSet<String>) -> String {
    let safe = |s: &str| -> String {
        s.chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() || c == '_' || c == '-' || c == '.' {
                    c
                } else {
                    '-'
                }
            })
            .collect::<String>()
            .trim_matches(['-', '.'])
            .to_owned()
    };
    let last = url
        .path_segments()
        .and_then(|mut s| s.next_back().map(str::to_owned))
        .unwrap_or_default();
    let mut stem = safe(
        last.strip_suffix(".wsdl")
            .or_else(|| last.strip_suffix(".xsd"))
            .unwrap_or(&last),
    );
    if stem.is_empty() {
        stem = "schema".to_owned();
    }
    if let Some(q) = url.query().map(safe).filter(|q| !q.is_empty()) {
        stem = format!("{stem}.{q}");
    }
    let ext = if is_wsdl { "wsdl" } else { "xsd" };
    let mut n = 1;
    loop {
        let name = if n == 1 {
            format!("{stem}.{ext}")
        } else {
            format!("{stem}-{n}.{ext}")
        };
        if !taken.contains(&name) && !RESERVED_NAMES.contains(&name.as_str()) {
            return name;
        }
        n += 1;
    }
}

/// Downloads `entry_url` and everything it references, breadth first, each URL once.
/// The entry is stored as [`ENTRY_FILE`].
pub fn fetch_all(http: &Http, entry_url: &str) -> Result<Vec<Fetched>, FetchError> {
    let entry = Url::parse(entry_url).map_err(|e| FetchError::BadUrl {
        url: entry_url.to_owned(),
        message: e.to_string(),
    })?;
    struct Pending {
        url: Url,
        /// (referrer URL, line, location as written) — `None` for the entry.
        from: Option<(String, u32, String)>,
    }
    let mut queue = VecDeque::from([Pending {
        url: entry.clone(),
        from: None,
    }]);
    let mut queued: BTreeSet<String> = BTreeSet::from([entry.to_string()]);
    let mut taken: BTreeSet<String> = BTreeSet::from([ENTRY_FILE.to_owned()]);
    let mut out: Vec<Fetched> = Vec::new();
    let mut namespace_imports: Vec<(String, u32, String)> = Vec::new();
    let mut defined: BTreeSet<Option<String>> = BTreeSet::new();
    // Relative location string → the URLs it resolved to (must be one).
    let mut relative: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();

    while let Some(next) = queue.pop_front() {
        let url = next.url.to_string();
        let wrap = |e: FetchError| match &next.from {
            None => e,
            Some((referrer, line, location)) => FetchError::Import {
                referrer: referrer.clone(),
                line: *line,
                location: location.clone(),
                cause: Box::new(e),
            },
        };
        let answer = http.get(&url).map_err(wrap)?;
        let scanned = scan(&url, &answer.bytes, answer.content_type.as_deref()).map_err(wrap)?;
        let (root_ns, root_local) = &scanned.root;
        let is_wsdl = root_ns.as_deref() == Some(WSDL_NS) && root_local == "definitions";
        let is_schema = root_ns.as_deref() == Some(XSD_NS) && root_local == "schema";
        let expected = match &next.from {
            None => "a WSDL (wsdl:definitions)",
            Some(_) => "a WSDL (wsdl:definitions) or an XML Schema (xs:schema)",
        };
        if !(is_wsdl || (is_schema && next.from.is_some())) {
            return Err(wrap(FetchError::WrongRoot {
                url: url.clone(),
                expected,
                found: match root_ns {
                    Some(ns) => format!("{{{ns}}}{root_local}"),
                    None => root_local.clone(),
                },
            }));
        }
        defined.extend(scanned.target_namespaces.iter().cloned());
        for r in &scanned.references {
            let Some(location) = r.location.as_deref().map(str::trim) else {
                if r.kind == RefKind::Schema
                    && let Some(ns) = &r.namespace
                {
                    namespace_imports.push((url.clone(), r.line, ns.clone()));
                }
                continue;
            };
            let mut target = next
                .url
                .join(location)
                .map_err(|e| FetchError::BadLocation {
                    referrer: url.clone(),
                    line: r.line,
                    location: location.to_owned(),
                    message: e.to_string(),
                })?;
            target.set_fragment(None);
            let target_s = target.to_string();
            if target_s != location {
                relative
                    .entry(location.to_owned())
                    .or_default()
                    .insert(target_s.clone());
            }
            if queued.insert(target_s.clone()) {
                queue.push_back(Pending {
                    url: target,
                    from: Some((url.clone(), r.line, location.to_owned())),
                });
            }
        }
        let file_name = if next.from.is_none() {
            ENTRY_FILE.to_owned()
        } else {
            file_name_for(&next.url, is_wsdl, &taken)
        };
        taken.insert(file_name.clone());
        out.push(Fetched {
            url,
            file_name,
            bytes: answer.bytes,
            referenced_as: Vec::new(),
        });
    }

    for (referrer, line, namespace) in namespace_imports {
        let known = WELL_KNOWN_NAMESPACES.contains(&namespace.as_str());
        if !known && !defined.contains(&Some(namespace.clone())) {
            return Err(FetchError::MissingNamespace {
                referrer,
                line,
                namespace,
            });
        }
    }
    for (location, urls) in relative {
        if urls.len() > 1 {
            return Err(FetchError::AmbiguousLocation {
                location,
                urls: urls.into_iter().collect(),
            });
        }
        if let Some(url) = urls.first()
            && let Some(f) = out.iter_mut().find(|f| &f.url == url)
        {
            f.referenced_as.push(location);
        }
    }
    Ok(out)
}

/// Stores fetched files in `wsdl_dir` with `MANIFEST.toml`, removing files an earlier
/// fetch stored that are no longer referenced. `fetched_at` is RFC 3339.
pub fn store(
    wsdl_dir: &Path,
    requested: &str,
    entry_url: &str,
    files: &[Fetched],
    fetched_at: &str,
) -> Result<Manifest, FetchError> {
    let io = |path: &Path, e: std::io::Error| FetchError::Io {
        path: path.display().to_string(),
        message: e.to_string(),
    };
    std::fs::create_dir_all(wsdl_dir).map_err(|e| io(wsdl_dir, e))?;
    let old = Manifest::read(&wsdl_dir.join(MANIFEST_FILE)).map_err(|message| FetchError::Io {
        path: wsdl_dir.join(MANIFEST_FILE).display().to_string(),
        message,
    })?;
    let manifest = Manifest {
        source: Source {
            requested: requested.to_owned(),
            url: entry_url.to_owned(),
            fetched: fetched_at.to_owned(),
        },
        files: files
            .iter()
            .map(|f| FileEntry {
                path: f.file_name.clone(),
                url: f.url.clone(),
                sha256: sha256_hex(&f.bytes),
                fetched: fetched_at.to_owned(),
                referenced_as: f.referenced_as.clone(),
            })
            .collect(),
    };
    for f in files {
        let path = wsdl_dir.join(&f.file_name);
        std::fs::write(&path, &f.bytes).map_err(|e| io(&path, e))?;
    }
    if let Some(old) = old {
        for gone in old
            .files
            .iter()
            .filter(|o| !files.iter().any(|f| f.file_name == o.path))
        {
            let path = wsdl_dir.join(&gone.path);
            match std::fs::remove_file(&path) {
                Ok(()) => {}
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => return Err(io(&path, e)),
            }
        }
    }
    let text = manifest.to_toml().map_err(|message| FetchError::Io {
        path: MANIFEST_FILE.to_owned(),
        message,
    })?;
    let path = wsdl_dir.join(MANIFEST_FILE);
    std::fs::write(&path, text).map_err(|e| io(&path, e))?;
    Ok(manifest)
}

/// The current time as RFC 3339 (UTC, whole seconds).
pub fn now_rfc3339() -> String {
    let now = time::OffsetDateTime::now_utc();
    let now = now.replace_nanosecond(0).unwrap_or(now);
    now.format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_else(|_| now.unix_timestamp().to_string())
}

/// `--fetch`: resolve the source, download everything, store it. Returns the manifest.
pub fn run(wsdl_dir: &Path, requested: &str) -> Result<Manifest, FetchError> {
    let url = source_url(requested)?;
    let http = Http::new()?;
    let files = fetch_all(&http, &url)?;
    store(wsdl_dir, requested, &url, &files, &now_rfc3339())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sources() {
        assert_eq!(source_url("live").ok().as_deref(), Some(LIVE_WSDL));
        assert_eq!(source_url("test").ok().as_deref(), Some(TEST_WSDL));
        assert_eq!(
            source_url("http://127.0.0.1:8080/ws/Svc").ok().as_deref(),
            Some("http://127.0.0.1:8080/ws/Svc?wsdl")
        );
        assert_eq!(
            source_url("http://h/ws/Svc?WSDL").ok().as_deref(),
            Some("http://h/ws/Svc?WSDL")
        );
        assert!(matches!(
            source_url("ftp://h/x"),
            Err(FetchError::BadUrl { .. })
        ));
        assert!(matches!(
            source_url("not a url"),
            Err(FetchError::BadUrl { .. })
        ));
    }

    #[test]
    fn file_names_from_urls() {
        let name = |u: &str, wsdl: bool, taken: &[&str]| {
            let url = Url::parse(u).unwrap_or_else(|_| Url::parse("http://x/").expect("static"));
            file_name_for(&url, wsdl, &taken.iter().map(|s| (*s).to_owned()).collect())
        };
        assert_eq!(
            name("http://h/ws/GasOrderService?xsd=1", false, &[]),
            "GasOrderService.xsd-1.xsd"
        );
        assert_eq!(name("http://h/ws/types.xsd", false, &[]), "types.xsd");
        assert_eq!(
            name("http://h/ws/types.xsd", false, &["types.xsd"]),
            "types-2.xsd"
        );
        assert_eq!(name("http://h/ws/more.wsdl", true, &[]), "more.wsdl");
        assert_eq!(name("http://h/", false, &[]), "schema.xsd");
        assert_eq!(
            name("http://h/svc?xsd=../../etc/passwd", false, &[]),
            "svc.xsd-..-..-etc-passwd.xsd"
        );
        assert_eq!(
            name("http://h/spec-overlay.toml", false, &[]),
            "spec-overlay.toml.xsd"
        );
    }

    #[test]
    fn scan_finds_references_with_lines() {
        let wsdl = br#"<?xml version="1.0"?>
<definitions xmlns="http://schemas.xmlsoap.org/wsdl/" xmlns:xsd="http://www.w3.org/2001/XMLSchema">
<import namespace="urn:x" location="other.wsdl"/>
<types>
<xsd:schema targetNamespace="urn:a">
<xsd:import namespace="urn:b" schemaLocation="http://h/ws?xsd=1"/>
<xsd:import namespace="urn:c"/>
</xsd:schema>
</types>
</definitions>"#;
        let s = scan("http://h/ws?wsdl", wsdl, None).unwrap_or_default();
        assert_eq!(s.root, (Some(WSDL_NS.to_owned()), "definitions".to_owned()));
        let refs: Vec<(Option<&str>, u32)> = s
            .references
            .iter()
            .map(|r| (r.location.as_deref(), r.line))
            .collect();
        assert_eq!(
            refs,
            [
                (Some("other.wsdl"), 3),
                (Some("http://h/ws?xsd=1"), 6),
                (None, 7)
            ]
        );
        assert_eq!(s.target_namespaces, [Some("urn:a".to_owned())]);
    }

    #[test]
    fn scan_refuses_html_and_broken_xml() {
        let html = b"<!DOCTYPE html><html><body>Login</body></html>";
        let e = scan("http://h/x", html, Some("text/html")).err();
        let shown = e.map(|e| e.to_string()).unwrap_or_default();
        assert!(
            shown.contains("not XML (an HTML page; Content-Type: text/html)"),
            "{shown}"
        );
        let broken = b"<a>\n<b></a>";
        let shown = scan("http://h/x", broken, None)
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(shown.contains("not XML (line 2"), "{shown}");
        let text = scan("http://h/x", b"Service unavailable", Some("text/plain"))
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(text.contains("does not start with `<`"), "{text}");
    }

    #[test]
    fn decodes_declared_encodings() {
        let latin1 = b"<?xml version='1.0' encoding='ISO-8859-1'?><a>\xe9</a>";
        assert!(decode(latin1).contains("<a>\u{e9}</a>"));
        let mut bom = vec![0xEF, 0xBB, 0xBF];
        bom.extend_from_slice(b"<a/>");
        assert_eq!(decode(&bom), "<a/>");
    }
}
