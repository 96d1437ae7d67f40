//! A strict XML writer over `Vec<u8>`, built for generated code.
//!
//! Strict means: elements are written exactly as asked (schema order is the caller's
//! job), every namespace is declared where it is first needed with a deterministic
//! prefix (`ns1`, `ns2`, ... or a preferred one such as `soap`), unqualified elements
//! get no prefix (no default namespace is ever declared, so an unprefixed name is
//! always in no namespace), and text that XML 1.0 cannot carry (control characters)
//! is an error rather than a broken document.
//!
//! It writes bytes directly (no intermediate events), which keeps encoding at raw-writer
//! speed.

use std::fmt::Display;
use std::io::Write as _;

use crate::error::EncodeError;
use crate::mixed::{MixedText, TextRun};
use crate::reader::XSI_NAMESPACE;

const XML_NAMESPACE: &str = "http://www.w3.org/XML/1998/namespace";

struct Binding {
    namespace: String,
    prefix: String,
    /// Depth of the element that declared it (bindings are popped with it).
    depth: usize,
}

struct Open {
    /// Index into `bindings` of the prefix used, if any.
    prefix: Option<usize>,
    local: &'static str,
}

/// See the module documentation.
pub struct XmlWriter {
    buf: Vec<u8>,
    bindings: Vec<Binding>,
    stack: Vec<Open>,
    /// A start tag is open: attributes may still be added.
    start_open: bool,
    next_prefix: u32,
    /// Attributes the next element opened gets (a SOAP header block's
    /// `mustUnderstand`): namespace, local name, value (already checked).
    pending: Vec<(String, &'static str, String)>,
    /// Mixed-content elements being written (innermost last).
    mixed: Vec<MixedOut>,
}

/// The text of a mixed-content element being written ([`XmlWriter::begin_mixed`]).
struct MixedOut {
    /// `stack.len()` while the element is the innermost open one.
    depth: usize,
    /// Child elements written so far.
    written: usize,
    /// Runs still to write, last first (popped as their place comes).
    runs: Vec<TextRun>,
}

impl Default for XmlWriter {
    fn default() -> Self {
        Self::new()
    }
}

impl XmlWriter {
    pub fn new() -> Self {
        Self::with_capacity(1024)
    }

    pub fn with_capacity(capacity: usize) -> Self {
        XmlWriter {
            buf: Vec::with_capacity(capacity),
            bindings: Vec::new(),
            stack: Vec::new(),
            start_open: false,
            next_prefix: 1,
            pending: Vec::new(),
            mixed: Vec::new(),
        }
    }

    /// The bytes written so far.
    pub fn as_bytes(&self) -> &[u8] {
        &self.buf
    }

    /// Finishes: every element must be closed.
    pub fn into_bytes(self) -> Result<Vec<u8>, EncodeError> {
        if !self.stack.is_empty() {
            return Err(EncodeError::new(self.path(), "element left open"));
        }
        Ok(self.buf)
    }

    /// Local names of the open elements, `/`-joined (for errors).
    pub fn path(&self) -> String {
        let mut out = String::new();
        for open in &self.stack {
            if !out.is_empty() {
                out.push('/');
            }
            out.push_str(open.local);
        }
        out
    }

    fn close_start(&mut self) {
        if self.start_open {
            self.buf.push(b'>');
            self.start_open = false;
        }
    }

    fn lookup(&self, namespace: &str) -> Option<usize> {
        self.bindings.iter().rposition(|b| b.namespace == namespace)
    }

    /// Declares `namespace` on the open start tag; returns the binding index.
    fn declare(&mut self, namespace: &str, preferred: Option<&str>) -> usize {
        let prefix = match preferred {
            Some(p) if !self.bindings.iter().any(|b| b.prefix == p) => p.to_owned(),
            _ => loop {
                let candidate = format!("ns{}", self.next_prefix);
                self.next_prefix += 1;
                if !self.bindings.iter().any(|b| b.prefix == candidate) {
                    break candidate;
                }
            },
        };
        self.buf.extend_from_slice(b" xmlns:");
        self.buf.extend_from_slice(prefix.as_bytes());
        self.buf.extend_from_slice(b"=\"");
        escape_into(&mut self.buf, namespace, true);
        self.buf.push(b'"');
        self.bindings.push(Binding {
            namespace: namespace.to_owned(),
            prefix,
            depth: self.stack.len(),
        });
        self.bindings.len() - 1
    }

    /// Opens `<local>` (no namespace) or `<p:local>` in `namespace`.
    pub fn start(&mut self, namespace: Option<&str>, local: &'static str) {
        self.start_prefixed(namespace, None, local);
    }

    /// As [`start`](Self::start), with a preferred prefix for a new declaration.
    pub fn start_prefixed(
        &mut self,
        namespace: Option<&str>,
        preferred_prefix: Option<&str>,
        local: &'static str,
    ) {
        if !self.mixed.is_empty() {
            self.mixed_child();
        }
        self.close_start();
        self.buf.push(b'<');
        let prefix = match namespace {
            None | Some("") => None,
            Some(ns) => Some(match self.lookup(ns) {
                Some(i) => (i, false),
                None => (self.next_binding_index_for(ns, preferred_prefix), true),
            }),
        };
        let prefix = match prefix {
            Some((i, new)) => {
                self.buf
                    .extend_from_slice(self.bindings[i].prefix.as_bytes());
                self.buf.push(b':');
                self.buf.extend_from_slice(local.as_bytes());
                if new {
                    self.write_declaration(i);
                }
                Some(i)
            }
            None => {
                self.buf.extend_from_slice(local.as_bytes());
                None
            }
        };
        self.stack.push(Open { prefix, local });
        self.start_open = true;
        if !self.pending.is_empty() {
            self.write_pending();
        }
    }

    /// Puts an attribute on the next element opened, whoever opens it: how a SOAP header
    /// block gets `soap:mustUnderstand` on an element a generated writer writes. The
    /// value is checked here; an error names the attribute.
    pub fn attribute_on_next_start(
        &mut self,
        namespace: &str,
        local: &'static str,
        value: &str,
    ) -> Result<(), EncodeError> {
        check_text(value).map_err(|m| EncodeError::new(self.attr_path(local), m))?;
        self.pending
            .push((namespace.to_owned(), local, value.to_owned()));
        Ok(())
    }

    /// Drops attributes queued with
    /// [`attribute_on_next_start`](Self::attribute_on_next_start) that no element took;
    /// true when there were some (the caller's element was written raw, say).
    pub fn discard_pending(&mut self) -> bool {
        let any = !self.pending.is_empty();
        self.pending.clear();
        any
    }

    #[cold]
    fn write_pending(&mut self) {
        for (namespace, local, value) in std::mem::take(&mut self.pending) {
            // The tag was just opened and the value was checked when it was queued, so
            // this cannot fail.
            let _ = self.attribute_prefixed(Some(&namespace), None, local, &value);
        }
    }

    /// Reserves a binding (declared at the depth of the element being opened).
    fn next_binding_index_for(&mut self, namespace: &str, preferred: Option<&str>) -> usize {
        let prefix = match preferred {
            Some(p) if !self.bindings.iter().any(|b| b.prefix == p) => p.to_owned(),
            _ => loop {
                let candidate = format!("ns{}", self.next_prefix);
                self.next_prefix += 1;
                if !self.bindings.iter().any(|b| b.prefix == candidate) {
                    break candidate;
                }
            },
        };
        self.bindings.push(Binding {
            namespace: namespace.to_owned(),
            prefix,
            depth: self.stack.len() + 1,
        });
        self.bindings.len() - 1
    }

    fn write_declaration(&mut self, i: usize) {
        self.buf.extend_from_slice(b" xmlns:");
        self.buf
            .extend_from_slice(self.bindings[i].prefix.as_bytes());
        self.buf.extend_from_slice(b"=\"");
        let ns = std::mem::take(&mut self.bindings[i].namespace);
        escape_into(&mut self.buf, &ns, true);
        self.bindings[i].namespace = ns;
        self.buf.push(b'"');
    }

    /// Adds an attribute to the element just opened.
    pub fn attribute(
        &mut self,
        namespace: Option<&str>,
        local: &str,
        value: &str,
    ) -> Result<(), EncodeError> {
        self.attribute_prefixed(namespace, None, local, value)
    }

    fn attribute_prefixed(
        &mut self,
        namespace: Option<&str>,
        preferred: Option<&str>,
        local: &str,
        value: &str,
    ) -> Result<(), EncodeError> {
        if !self.start_open {
            return Err(EncodeError::new(
                self.path(),
                format!("attribute `{local}` written after the element's content"),
            ));
        }
        check_text(value).map_err(|m| EncodeError::new(self.attr_path(local), m))?;
        let prefix = match namespace {
            None | Some("") => None,
            // The `xml` prefix is bound by definition and must not be declared.
            Some(XML_NAMESPACE) => {
                self.buf.extend_from_slice(b" xml:");
                self.buf.extend_from_slice(local.as_bytes());
                self.buf.extend_from_slice(b"=\"");
                escape_into(&mut self.buf, value, true);
                self.buf.push(b'"');
                return Ok(());
            }
            Some(ns) => Some(match self.lookup(ns) {
                Some(i) => i,
                None => self.declare(ns, preferred),
            }),
        };
        self.buf.push(b' ');
        if let Some(i) = prefix {
            self.buf
                .extend_from_slice(self.bindings[i].prefix.as_bytes());
            self.buf.push(b':');
        }
        self.buf.extend_from_slice(local.as_bytes());
        self.buf.extend_from_slice(b"=\"");
        escape_into(&mut self.buf, value, true);
        self.buf.push(b'"');
        Ok(())
    }

    fn attr_path(&self, local: &str) -> String {
        let mut p = self.path();
        p.push_str("/@");
        p.push_str(local);
        p
    }

    /// `xsi:type="p:local"` on the element just opened: the type `{namespace}local` (a
    /// derived type written where its base is declared), its namespace declared when it is
    /// not in scope. An empty namespace writes the bare local name (this writer never
    /// declares a default namespace).
    pub fn xsi_type(&mut self, namespace: &str, local: &str) -> Result<(), EncodeError> {
        if !self.start_open {
            return Err(EncodeError::new(
                self.path(),
                "xsi:type written after the element's content",
            ));
        }
        let value = if namespace.is_empty() {
            local.to_owned()
        } else {
            let i = match self.lookup(namespace) {
                Some(i) => i,
                None => self.declare(namespace, None),
            };
            format!("{}:{local}", self.bindings[i].prefix)
        };
        self.attribute_prefixed(Some(XSI_NAMESPACE), Some("xsi"), "type", &value)
    }

    /// `xsi:nil="true"` on the element just opened.
    pub fn nil(&mut self) -> Result<(), EncodeError> {
        self.attribute_prefixed(Some(XSI_NAMESPACE), Some("xsi"), "nil", "true")
    }

    /// Escaped character data.
    pub fn text(&mut self, text: &str) -> Result<(), EncodeError> {
        if text.is_empty() {
            // Leaves an empty element as `<x/>`.
            return Ok(());
        }
        self.close_start();
        check_text(text).map_err(|m| EncodeError::new(self.path(), m))?;
        escape_into(&mut self.buf, text, false);
        Ok(())
    }

    /// Character data from a `Display` whose output needs no escaping (numbers).
    pub fn text_display(&mut self, value: impl Display) {
        self.close_start();
        let _ = write!(self.buf, "{value}");
    }

    /// Verbatim markup (an `xs:any` fragment captured by the reader). The caller
    /// vouches that it is well-formed.
    pub fn raw(&mut self, xml: &str) {
        if !self.mixed.is_empty() && !xml.is_empty() {
            self.mixed_child();
        }
        self.close_start();
        self.buf.extend_from_slice(xml.as_bytes());
    }

    /// Starts writing the content of a mixed-content element (the one just opened,
    /// attributes written): each run of `text` is written just before the child element
    /// its [`TextRun::before`] names, however the children are written, until
    /// [`end_mixed`](Self::end_mixed) writes the runs past the last child. The text is
    /// checked here: an error names the element.
    pub fn begin_mixed(&mut self, text: &MixedText) -> Result<(), EncodeError> {
        if text.is_empty() {
            return Ok(());
        }
        for run in text.runs() {
            check_text(&run.text).map_err(|m| EncodeError::new(self.path(), m))?;
        }
        let mut runs = text.runs().to_vec();
        runs.reverse();
        self.mixed.push(MixedOut {
            depth: self.stack.len(),
            written: 0,
            runs,
        });
        Ok(())
    }

    /// Writes the text of the mixed-content element opened with
    /// [`begin_mixed`](Self::begin_mixed) that comes after its last child; call before
    /// closing it.
    pub fn end_mixed(&mut self) {
        if self
            .mixed
            .last()
            .is_none_or(|f| f.depth != self.stack.len())
        {
            return;
        }
        if let Some(mut f) = self.mixed.pop() {
            while let Some(run) = f.runs.pop() {
                self.close_start();
                escape_into(&mut self.buf, &run.text, false);
            }
        }
    }

    /// A child element is about to be written: the text that comes before it first, when
    /// it is a child of the innermost mixed-content element.
    #[cold]
    fn mixed_child(&mut self) {
        let depth = self.stack.len();
        if self.mixed.last().is_none_or(|f| f.depth != depth) {
            return;
        }
        let Some(mut f) = self.mixed.pop() else {
            return;
        };
        while f.runs.last().is_some_and(|r| r.before <= f.written) {
            if let Some(run) = f.runs.pop() {
                self.close_start();
                escape_into(&mut self.buf, &run.text, false);
            }
        }
        f.written += 1;
        self.mixed.push(f);
    }

    /// Closes the innermost open element (`/>` when it got no content).
    pub fn end(&mut self) -> Result<(), EncodeError> {
        let Some(open) = self.stack.pop() else {
            return Err(EncodeError::new("", "end() with no open element"));
        };
        if self.start_open {
            self.buf.extend_from_slice(b"/>");
            self.start_open = false;
        } else {
            self.buf.extend_from_slice(b"</");
            if let Some(i) = open.prefix {
                self.buf
                    .extend_from_slice(self.bindings[i].prefix.as_bytes());
                self.buf.push(b':');
            }
            self.buf.extend_from_slice(open.local.as_bytes());
            self.buf.push(b'>');
        }
        let depth = self.stack.len() + 1;
        while self.bindings.last().is_some_and(|b| b.depth >= depth) {
            self.bindings.pop();
        }
        Ok(())
    }

    /// `<local>text</local>` in one call.
    pub fn text_element(
        &mut self,
        namespace: Option<&str>,
        local: &'static str,
        text: &str,
    ) -> Result<(), EncodeError> {
        self.start(namespace, local);
        self.text(text)?;
        self.end()
    }

    /// `<local xsi:nil="true"/>` in one call.
    pub fn nil_element(
        &mut self,
        namespace: Option<&str>,
        local: &'static str,
    ) -> Result<(), EncodeError> {
        self.start(namespace, local);
        self.nil()?;
        self.end()
    }
}

/// Characters XML 1.0 cannot carry at all.
fn check_text(text: &str) -> Result<(), String> {
    // A `str` holds no surrogates, so the only characters outside XML 1.0's `Char` are
    // the C0 controls but TAB, LF and CR, and U+FFFE/U+FFFF (UTF-8 `EF BF BE`/`EF BF
    // BF`). One branch-free pass over the bytes (it vectorises) clears almost every text;
    // only one with a control or an `EF` byte is looked at character by character.
    let suspicious = text.bytes().fold(false, |acc, b| {
        acc | ((b < 0x20) & (b != b'\t') & (b != b'\n') & (b != b'\r')) | (b == 0xEF)
    });
    if !suspicious {
        return Ok(());
    }
    for c in text.chars() {
        let ok = matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..);
        if !ok {
            return Err(format!(
                "character U+{:04X} cannot be represented in XML 1.0",
                c as u32
            ));
        }
    }
    Ok(())
}

/// Escapes `<`, `>`, `&`, CR (as `&#13;` so it survives end-of-line normalisation) and,
/// in attributes, `"`, TAB and LF (which attribute normalisation would turn into spaces).
fn escape_into(buf: &mut Vec<u8>, text: &str, attribute: bool) {
    let bytes = text.as_bytes();
    let needs = |b: u8| match b {
        b'<' | b'>' | b'&' | b'\r' => true,
        b'"' | b'\t' | b'\n' => attribute,
        _ => false,
    };
    let mut last = 0;
    for (i, &b) in bytes.iter().enumerate() {
        if !needs(b) {
            continue;
        }
        buf.extend_from_slice(&bytes[last..i]);
        buf.extend_from_slice(match b {
            b'<' => b"&lt;",
            b'>' => b"&gt;",
            b'&' => b"&amp;",
            b'\r' => b"&#13;",
            b'"' => b"&quot;",
            b'\t' => b"&#9;",
            _ => b"&#10;",
        });
        last = i + 1;
    }
    buf.extend_from_slice(&bytes[last..]);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(w: XmlWriter) -> String {
        String::from_utf8(w.into_bytes().unwrap()).unwrap()
    }

    #[test]
    fn unqualified_children_have_no_prefix() {
        let mut w = XmlWriter::new();
        w.start(Some("urn:a"), "Op");
        w.start(None, "Request");
        w.text_element(None, "Name", "a<b & c").unwrap();
        w.nil_element(None, "Nothing").unwrap();
        w.end().unwrap();
        w.end().unwrap();
        assert_eq!(
            s(w),
            "<ns1:Op xmlns:ns1=\"urn:a\"><Request><Name>a&lt;b &amp; c</Name>\
             <Nothing xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:nil=\"true\"/>\
             </Request></ns1:Op>"
        );
    }

    #[test]
    fn namespaces_are_scoped_and_reused() {
        let mut w = XmlWriter::new();
        w.start_prefixed(Some("urn:env"), Some("soap"), "Envelope");
        w.start(Some("urn:a"), "A");
        w.start(Some("urn:a"), "B");
        w.end().unwrap();
        w.end().unwrap();
        w.start(Some("urn:a"), "C");
        w.attribute(Some("urn:b"), "x", "1\"2").unwrap();
        w.end().unwrap();
        w.end().unwrap();
        assert_eq!(
            s(w),
            "<soap:Envelope xmlns:soap=\"urn:env\"><ns1:A xmlns:ns1=\"urn:a\"><ns1:B/></ns1:A>\
             <ns2:C xmlns:ns2=\"urn:a\" xmlns:ns3=\"urn:b\" ns3:x=\"1&quot;2\"/></soap:Envelope>"
        );
    }

    #[test]
    fn control_characters_are_refused_with_the_path() {
        let mut w = XmlWriter::new();
        w.start(None, "A");
        w.start(None, "B");
        let err = w.text("bell\u{7}").unwrap_err();
        assert_eq!(err.path, "A/B");
        assert!(err.message.contains("U+0007"));
    }

    #[test]
    fn only_non_characters_are_refused() {
        for bad in ["\u{0}", "a\u{1F}", "\u{FFFE}", "x\u{FFFF}y"] {
            assert!(check_text(bad).is_err(), "{bad:?}");
        }
        // Tab, LF, CR, C1 controls, other characters encoded with an EF lead byte, and
        // characters beyond the BMP are all XML 1.0 characters.
        for good in [
            "\t\n\r",
            "\u{85}",
            "\u{FF00}\u{FFFD}\u{F000}",
            "\u{1F600}",
            "plain",
        ] {
            assert!(check_text(good).is_ok(), "{good:?}");
        }
    }

    #[test]
    fn carriage_returns_survive() {
        let mut w = XmlWriter::new();
        w.text_element(None, "A", "x\r\ny").unwrap();
        assert_eq!(s(w), "<A>x&#13;\ny</A>");
    }
}
