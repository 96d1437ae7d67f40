//! A small namespace-aware XML tree that remembers where every element starts.
//!
//! xmltree keeps no positions, and every error the generator reports must say
//! `file:line:column`, so documents are read with quick-xml straight into this tree:
//! each element carries its [`SourcePos`] and the prefix → namespace bindings in
//! scope (needed to resolve QName-valued attributes such as `type="tns:Foo"`).
//!
//! Bytes are decoded first (BOM, then the XML declaration's `encoding`), so the
//! tree is always UTF-8 and line numbers are those of the original file.

use std::collections::BTreeMap;
use std::sync::Arc;

use quick_xml::XmlVersion;
use quick_xml::events::{BytesStart, Event};
use quick_xml::name::PrefixDeclaration;

use crate::error::{Error, ErrorKind};
use crate::model::{QName, SourcePos};

/// The namespace the `xml:` prefix is bound to by definition.
pub const XML_NS: &str = "http://www.w3.org/XML/1998/namespace";

/// Prefix → namespace bindings in scope at an element (`""` is the default namespace).
///
/// A scope holds only the declarations made on its element and points at the
/// enclosing one; elements without declarations share their parent's. (Copying every
/// binding in scope into each declaring element made a file with many declarations
/// quadratic in time and memory.) Chains are at most [`MAX_DEPTH`] long.
#[derive(Debug, Default)]
pub struct Scope {
    parent: Option<Arc<Scope>>,
    bindings: BTreeMap<String, String>,
}

impl Scope {
    /// The namespace bound to `prefix` (`""` for the default namespace).
    pub fn lookup(&self, prefix: &str) -> Option<&str> {
        if prefix == "xml" {
            return Some(XML_NS);
        }
        let mut scope = Some(self);
        while let Some(current) = scope {
            if let Some(ns) = current.bindings.get(prefix) {
                // The innermost declaration wins; `xmlns:p=""` undeclares.
                return Some(ns.as_str()).filter(|ns| !ns.is_empty());
            }
            scope = current.parent.as_deref();
        }
        None
    }
}

#[derive(Debug)]
pub struct Attr {
    pub namespace: Option<String>,
    pub local: String,
    pub value: String,
}

#[derive(Debug)]
pub enum Node {
    Element(Element),
    Text(String),
}

#[derive(Debug)]
pub struct Element {
    pub namespace: Option<String>,
    pub local: String,
    /// Attributes other than namespace declarations, in document order.
    pub attrs: Vec<Attr>,
    pub children: Vec<Node>,
    pub scope: Arc<Scope>,
    pub pos: SourcePos,
}

impl Element {
    /// True when this element is `{ns}local`.
    pub fn is(&self, ns: &str, local: &str) -> bool {
        self.local == local && self.namespace.as_deref() == Some(ns)
    }

    /// An attribute in no namespace (the usual case for WSDL and XSD attributes).
    pub fn attr(&self, local: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|a| a.namespace.is_none() && a.local == local)
            .map(|a| a.value.as_str())
    }

    /// A namespace-qualified attribute (`wsdl:arrayType`, `xml:lang`...).
    pub fn attr_ns(&self, ns: &str, local: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|a| a.namespace.as_deref() == Some(ns) && a.local == local)
            .map(|a| a.value.as_str())
    }

    /// Child elements in document order.
    pub fn elements(&self) -> impl Iterator<Item = &Element> {
        self.children.iter().filter_map(|n| match n {
            Node::Element(e) => Some(e),
            Node::Text(_) => None,
        })
    }

    /// Child elements named `{ns}local`.
    pub fn children_named<'a>(
        &'a self,
        ns: &'a str,
        local: &'a str,
    ) -> impl Iterator<Item = &'a Element> + 'a {
        self.elements().filter(move |e| e.is(ns, local))
    }

    /// The first child element named `{ns}local`.
    pub fn child(&self, ns: &str, local: &str) -> Option<&Element> {
        self.elements().find(|e| e.is(ns, local))
    }

    /// All text below this element (nested elements' text included), in order.
    pub fn deep_text(&self) -> String {
        let mut out = String::new();
        self.collect_text(&mut out);
        out
    }

    fn collect_text(&self, out: &mut String) {
        for node in &self.children {
            match node {
                Node::Text(t) => out.push_str(t),
                Node::Element(e) => e.collect_text(out),
            }
        }
    }

    /// Resolves a QName-valued attribute value (`tns:Foo`, `Foo`) against the
    /// bindings in scope here. An unprefixed name takes the default namespace.
    pub fn resolve_qname(&self, value: &str) -> Result<QName, Error> {
        let value = value.trim();
        let (prefix, local) = match value.split_once(':') {
            Some((p, l)) => (p, l),
            None => ("", value),
        };
        if local.is_empty() || local.contains(':') {
            return Err(Error::new(
                ErrorKind::Malformed,
                Some(self.pos.clone()),
                format!("`{value}` is not a valid QName (in <{}>)", self.local),
            ));
        }
        match self.scope.lookup(prefix) {
            Some(ns) => Ok(QName::new(Some(ns), local)),
            None if prefix.is_empty() => Ok(QName::new(None, local)),
            None => Err(Error::new(
                ErrorKind::Unresolved,
                Some(self.pos.clone()),
                format!(
                    "prefix `{prefix}` in `{value}` is not bound to a namespace (in <{}>)",
                    self.local
                ),
            )),
        }
    }

    /// A required attribute, or a Malformed error naming it.
    pub fn required_attr(&self, local: &str) -> Result<&str, Error> {
        self.attr(local).ok_or_else(|| {
            Error::new(
                ErrorKind::Malformed,
                Some(self.pos.clone()),
                format!("<{}> has no `{local}` attribute", self.local),
            )
        })
    }
}

/// Decodes a file's bytes to text: a BOM wins, then the XML declaration's
/// `encoding`, else UTF-8.
pub fn decode(bytes: &[u8], file: &Arc<str>) -> Result<String, Error> {
    let at_start = || SourcePos {
        file: file.clone(),
        line: 1,
        column: 1,
    };
    let (encoding, body) = if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        (encoding_rs::UTF_8, rest)
    } else if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        (encoding_rs::UTF_16LE, rest)
    } else if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        (encoding_rs::UTF_16BE, rest)
    } else {
        match declared_encoding(bytes) {
            None => (encoding_rs::UTF_8, bytes),
            Some(label) => {
                let enc = encoding_rs::Encoding::for_label(label.as_bytes()).ok_or_else(|| {
                    Error::new(
                        ErrorKind::Unsupported,
                        Some(at_start()),
                        format!("unknown character encoding `{label}` in the XML declaration"),
                    )
                })?;
                if enc == encoding_rs::UTF_16LE || enc == encoding_rs::UTF_16BE {
                    // The declaration was readable as ASCII, so the bytes are not UTF-16.
                    return Err(Error::new(
                        ErrorKind::Malformed,
                        Some(at_start()),
                        format!(
                            "the XML declaration says `{label}` but the file has no UTF-16 byte order mark"
                        ),
                    ));
                }
                (enc, bytes)
            }
        }
    };
    match encoding.decode_without_bom_handling_and_without_replacement(body) {
        Some(text) => Ok(text.into_owned()),
        None => Err(Error::new(
            ErrorKind::Malformed,
            Some(at_start()),
            format!("the file is not valid {}", encoding.name()),
        )),
    }
}

/// The `encoding="..."` of an ASCII-compatible XML declaration, if any.
fn declared_encoding(bytes: &[u8]) -> Option<String> {
    let head = bytes.get(..bytes.len().min(200))?;
    if !head.starts_with(b"<?xml") {
        return None;
    }
    let end = head.windows(2).position(|w| w == b"?>")?;
    let decl = std::str::from_utf8(&head[..end]).ok()?;
    let at = decl.find("encoding")?;
    let rest = decl[at + "encoding".len()..].trim_start();
    let rest = rest.strip_prefix('=')?.trim_start();
    let quote = rest.chars().next()?;
    if quote != '"' && quote != '\'' {
        return None;
    }
    let value = &rest[1..];
    let close = value.find(quote)?;
    Some(value[..close].trim().to_owned())
}

/// Maps byte offsets in the decoded text to 1-based line and column.
struct LineIndex<'a> {
    text: &'a str,
    starts: Vec<usize>,
    /// The last position asked for: (line index, byte offset, column in characters).
    /// The parser asks in document order, so the next column is counted on from here
    /// instead of from the start of the line (a minified file is one long line, and
    /// counting from its start for every element was quadratic).
    last: std::cell::Cell<(usize, usize, usize)>,
}

impl<'a> LineIndex<'a> {
    fn new(text: &'a str) -> Self {
        let mut starts = vec![0];
        starts.extend(
            text.bytes()
                .enumerate()
                .filter(|(_, b)| *b == b'\n')
                .map(|(i, _)| i + 1),
        );
        LineIndex {
            text,
            starts,
            last: std::cell::Cell::new((0, 0, 0)),
        }
    }

    fn pos(&self, file: &Arc<str>, offset: usize) -> SourcePos {
        let offset = offset.min(self.text.len());
        let line = match self.starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        };
        let (last_line, last_offset, last_column) = self.last.get();
        let (start, base) = if last_line == line && last_offset <= offset {
            (last_offset, last_column)
        } else {
            (self.starts[line], 0)
        };
        let column = base
            + self
                .text
                .get(start..offset)
                .map_or(offset - start, |s| s.chars().count());
        self.last.set((line, offset, column));
        SourcePos {
            file: file.clone(),
            line: u32::try_from(line + 1).unwrap_or(u32::MAX),
            column: u32::try_from(column + 1).unwrap_or(u32::MAX),
        }
    }
}

/// Deeper nesting is refused: the tree is walked recursively later, and no real
/// WSDL or schema comes anywhere near this.
pub const MAX_DEPTH: usize = 256;

/// Parses a whole document; returns its root element.
pub fn parse(bytes: &[u8], file: &Arc<str>) -> Result<Element, Error> {
    let text = decode(bytes, file)?;
    parse_str(&text, file)
}

fn parse_str(text: &str, file: &Arc<str>) -> Result<Element, Error> {
    let index = LineIndex::new(text);
    let mut reader = quick_xml::Reader::from_str(text);
    {
        let config = reader.config_mut();
        config.check_end_names = true;
        config.expand_empty_elements = false;
        config.trim_text(false);
    }
    let malformed = |offset: u64, message: String| {
        Error::new(
            ErrorKind::Malformed,
            Some(index.pos(file, usize::try_from(offset).unwrap_or(usize::MAX))),
            message,
        )
    };
    let root_scope = Arc::new(Scope::default());
    let mut stack: Vec<Element> = Vec::new();
    let mut root: Option<Element> = None;
    loop {
        let start = reader.buffer_position();
        let event = reader
            .read_event()
            .map_err(|e| malformed(reader.error_position(), format!("not well-formed XML: {e}")))?;
        match event {
            Event::Start(e) | Event::Empty(e) if root.is_some() => {
                let _ = e;
                return Err(malformed(start, "content after the root element".into()));
            }
            Event::Start(e) => {
                if stack.len() >= MAX_DEPTH {
                    return Err(malformed(
                        start,
                        format!("elements nest deeper than {MAX_DEPTH} levels"),
                    ));
                }
                let parent = stack.last().map_or(&root_scope, |p| &p.scope);
                let pos = index.pos(file, usize::try_from(start).unwrap_or(usize::MAX));
                let element = start_element(&e, parent, pos)?;
                stack.push(element);
            }
            Event::Empty(e) => {
                let parent = stack.last().map_or(&root_scope, |p| &p.scope);
                let pos = index.pos(file, usize::try_from(start).unwrap_or(usize::MAX));
                let element = start_element(&e, parent, pos)?;
                match stack.last_mut() {
                    Some(p) => p.children.push(Node::Element(element)),
                    None => root = Some(element),
                }
            }
            Event::End(_) => {
                let Some(done) = stack.pop() else {
                    return Err(malformed(start, "end tag without a start tag".into()));
                };
                match stack.last_mut() {
                    Some(p) => p.children.push(Node::Element(done)),
                    None => root = Some(done),
                }
            }
            Event::Text(t) => {
                let content = t.xml_content(XmlVersion::Implicit1_0);
                push_text(&mut stack, &content);
            }
            Event::CData(c) => {
                let content = c.xml_content(XmlVersion::Implicit1_0);
                push_text(&mut stack, &content);
            }
            Event::GeneralRef(r) => {
                let resolved: String = if r.is_char_ref() {
                    match r.resolve_char_ref() {
                        Ok(Some(c)) => c.to_string(),
                        _ => {
                            return Err(malformed(
                                start,
                                format!("bad character reference `&{};`", &*r),
                            ));
                        }
                    }
                } else {
                    match quick_xml::escape::resolve_predefined_entity(&r) {
                        Some(s) => s.to_owned(),
                        None => {
                            return Err(malformed(start, format!("unknown entity `&{};`", &*r)));
                        }
                    }
                };
                push_text(&mut stack, &resolved);
            }
            Event::Comment(_) | Event::Decl(_) | Event::PI(_) | Event::DocType(_) => {}
            Event::Eof => break,
        }
    }
    if !stack.is_empty() {
        return Err(malformed(
            reader.buffer_position(),
            "unexpected end of file inside an element".into(),
        ));
    }
    root.ok_or_else(|| malformed(0, "the file has no root element".into()))
}

fn push_text(stack: &mut [Element], content: &str) {
    // Text outside the root element can only be whitespace (quick-xml rejects the rest).
    let Some(top) = stack.last_mut() else { return };
    if let Some(Node::Text(prev)) = top.children.last_mut() {
        prev.push_str(content);
    } else {
        top.children.push(Node::Text(content.to_owned()));
    }
}

fn start_element(
    e: &BytesStart<'_>,
    parent: &Arc<Scope>,
    pos: SourcePos,
) -> Result<Element, Error> {
    let malformed = |message: String| Error::new(ErrorKind::Malformed, Some(pos.clone()), message);
    let mut raw_attrs: Vec<(String, String)> = Vec::new();
    let mut declared: Vec<(String, String)> = Vec::new();
    for attr in e.attributes() {
        let attr = attr.map_err(|err| malformed(format!("bad attribute: {err}")))?;
        let value = attr
            .normalized_value(XmlVersion::Implicit1_0)
            .map_err(|err| malformed(format!("bad attribute value: {err}")))?
            .into_owned();
        match attr.key.as_namespace_binding() {
            Some(PrefixDeclaration::Default) => declared.push((String::new(), value)),
            Some(PrefixDeclaration::Named(p)) => declared.push((p.to_owned(), value)),
            None => raw_attrs.push((attr.key.into_inner().to_owned(), value)),
        }
    }
    let scope = if declared.is_empty() {
        parent.clone()
    } else {
        Arc::new(Scope {
            parent: Some(parent.clone()),
            bindings: declared.into_iter().collect(),
        })
    };
    let name = e.name();
    let (local, prefix) = name.decompose();
    let prefix = prefix.map_or("", |p| p.into_inner());
    let namespace = match scope.lookup(prefix) {
        Some(ns) => Some(ns.to_owned()),
        None if prefix.is_empty() => None,
        None => {
            return Err(malformed(format!(
                "element prefix `{prefix}` is not bound to a namespace"
            )));
        }
    };
    let mut attrs = Vec::with_capacity(raw_attrs.len());
    for (key, value) in raw_attrs {
        let (namespace, local) = match key.split_once(':') {
            None => (None, key),
            Some((p, l)) => match scope.lookup(p) {
                Some(ns) => (Some(ns.to_owned()), l.to_owned()),
                None => {
                    return Err(malformed(format!(
                        "attribute prefix `{p}` is not bound to a namespace"
                    )));
                }
            },
        };
        attrs.push(Attr {
            namespace,
            local,
            value,
        });
    }
    Ok(Element {
        namespace,
        local: local.into_inner().to_owned(),
        attrs,
        children: Vec::new(),
        scope,
        pos,
    })
}

/// Normalises `xs:documentation` / `wsdl:documentation` text: trims, removes the
/// common indentation, drops trailing spaces and collapses runs of blank lines.
pub fn normalize_doc(raw: &str) -> Option<String> {
    let lines: Vec<&str> = raw.lines().map(str::trim_end).collect();
    let indent = lines
        .iter()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.len() - l.trim_start().len())
        .min()
        .unwrap_or(0);
    let mut out = String::new();
    let mut blank_run = false;
    for (i, line) in lines.iter().enumerate() {
        let line = if i == 0 {
            line.trim_start()
        } else {
            line.get(indent..).unwrap_or_else(|| line.trim_start())
        };
        if line.trim().is_empty() {
            blank_run = !out.is_empty();
            continue;
        }
        if !out.is_empty() {
            out.push('\n');
            if blank_run {
                out.push('\n');
            }
        }
        blank_run = false;
        out.push_str(line);
    }
    if out.is_empty() { None } else { Some(out) }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file() -> Arc<str> {
        Arc::from("t.xml")
    }

    #[test]
    fn positions_and_namespaces() {
        let xml = "<?xml version=\"1.0\"?>\n<a xmlns=\"urn:a\" xmlns:b=\"urn:b\">\n  <b:c x=\"1\" b:y=\"2\"/>\n  <d>t&amp;u</d>\n</a>";
        let root = parse(xml.as_bytes(), &file()).unwrap();
        assert!(root.is("urn:a", "a"));
        assert_eq!((root.pos.line, root.pos.column), (2, 1));
        let c = root.elements().next().unwrap();
        assert!(c.is("urn:b", "c"));
        assert_eq!((c.pos.line, c.pos.column), (3, 3));
        assert_eq!(c.attr("x"), Some("1"));
        assert_eq!(c.attr_ns("urn:b", "y"), Some("2"));
        let d = root.elements().nth(1).unwrap();
        assert_eq!(d.deep_text(), "t&u");
        assert_eq!(
            d.resolve_qname("b:Q").unwrap(),
            QName::new(Some("urn:b"), "Q")
        );
        assert_eq!(
            d.resolve_qname("Q").unwrap(),
            QName::new(Some("urn:a"), "Q")
        );
        assert!(d.resolve_qname("zz:Q").is_err());
    }

    #[test]
    fn malformed_has_position() {
        let err = parse(b"<a>\n<b></a>", &file()).unwrap_err();
        assert_eq!(err.kind, ErrorKind::Malformed);
        assert_eq!(err.pos.unwrap().line, 2);
    }

    #[test]
    fn latin1_and_utf16() {
        let mut bytes = b"<?xml version='1.0' encoding='ISO-8859-1'?><a>".to_vec();
        bytes.push(0xE6); // æ
        bytes.extend_from_slice(b"</a>");
        assert_eq!(parse(&bytes, &file()).unwrap().deep_text(), "\u{e6}");
        let mut utf16 = vec![0xFF, 0xFE];
        for u in "<?xml version='1.0' encoding='UTF-16'?><a>\u{f8}</a>".encode_utf16() {
            utf16.extend_from_slice(&u.to_le_bytes());
        }
        assert_eq!(parse(&utf16, &file()).unwrap().deep_text(), "\u{f8}");
        let err = parse(b"<?xml version='1.0' encoding='x-klingon'?><a/>", &file()).unwrap_err();
        assert_eq!(err.kind, ErrorKind::Unsupported);
        assert!(err.message.contains("x-klingon"));
    }

    #[test]
    fn nesting_is_bounded() {
        let deep = "<a>".repeat(MAX_DEPTH + 1) + &"</a>".repeat(MAX_DEPTH + 1);
        let err = parse(deep.as_bytes(), &file()).unwrap_err();
        assert!(err.message.contains("nest"), "{err}");
        let ok = "<a>".repeat(MAX_DEPTH) + &"</a>".repeat(MAX_DEPTH);
        assert!(parse(ok.as_bytes(), &file()).is_ok());
    }

    #[test]
    fn doc_normalisation() {
        assert_eq!(
            normalize_doc("\n    First line\n      indented\n\n\n    last   \n  ").as_deref(),
            Some("First line\n  indented\n\nlast")
        );
        assert_eq!(normalize_doc("   \n "), None);
    }
}
