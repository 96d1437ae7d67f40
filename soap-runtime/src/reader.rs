//! A streaming, namespace-aware pull reader over a byte slice, built for generated code.
//!
//! Design: generated readers walk the tree with [`XmlReader::next_child`] and consume
//! every child they are handed (read its text, read it as a complex value, or
//! [`skip`](XmlReader::skip) it). Nothing is built that the caller did not ask for: no
//! DOM, no per-element allocation; text is borrowed from the input unless it contains
//! entity references or CR characters.
//!
//! The reader does not keep the element path while reading (that would cost on every
//! element); when an error happens it re-scans the input up to the error's byte offset
//! to name the path (see [`crate::path`]). Errors are rare; reads are not.
//!
//! Safety properties: document type declarations are refused (so no external entities
//! and no entity expansion bombs), only the five predefined entities and character
//! references are resolved, the input must be UTF-8, and [`Limits`] bound the input
//! size, nesting depth and the length of any one text value.

use std::borrow::Cow;

use crate::Limits;
use crate::error::{DecodeError, DecodeErrorKind, ValueError, echo_value};
use crate::mixed::MixedText;
use crate::raw::{RawAttribute, RawXml};
use crate::scan::{self, Attributes, ScanError, Scanner, Token};
use crate::value::SimpleValue;

/// The XML Schema instance namespace (`xsi:nil`, `xsi:type`).
pub const XSI_NAMESPACE: &str = "http://www.w3.org/2001/XMLSchema-instance";
const XML_NAMESPACE: &str = "http://www.w3.org/XML/1998/namespace";
/// Namespace declarations in scope at once; more is hostile (resolution searches them).
const MAX_NAMESPACE_DECLARATIONS: usize = 1024;

/// One namespace declaration in scope. Declarations are rare (a handful per message),
/// so a small stack searched from the top beats resolving every element.
struct NsDecl<'a> {
    /// Depth of the element that declared it.
    depth: usize,
    /// `""` for the default namespace.
    prefix: &'a str,
    uri: Cow<'a, str>,
}

/// The local part of a qualified name.
pub(crate) fn local_part(qname: &str) -> &str {
    match qname.bytes().position(|b| b == b':') {
        Some(i) => &qname[i + 1..],
        None => qname,
    }
}

/// The prefix of a qualified name (`""` when none).
fn prefix_part(qname: &str) -> &str {
    match qname.bytes().position(|b| b == b':') {
        Some(i) => &qname[..i],
        None => "",
    }
}

/// A start tag handed out by [`XmlReader::next_child`]. Its name borrows from the input.
#[derive(Clone, Debug)]
pub struct StartTag<'a> {
    name: &'a str,
    /// The attributes as written (validated by the scanner); `""` when there are none.
    attrs: &'a str,
    empty: bool,
    /// Where the local name starts in the qualified name (after `prefix:`).
    local_at: usize,
    /// Byte offset of the tag's `<`.
    position: u64,
}

impl<'a> StartTag<'a> {
    /// `local_at`: where the local name starts in `name` (after `prefix:`; 0 if none).
    pub(crate) fn new(
        name: &'a str,
        local_at: usize,
        attrs: &'a str,
        empty: bool,
        position: u64,
    ) -> Self {
        StartTag {
            name,
            attrs,
            empty,
            local_at,
            position,
        }
    }
    /// The local name (no prefix).
    pub fn local_name(&self) -> &'a str {
        self.name.get(self.local_at..).unwrap_or(self.name)
    }
    /// The name as written, with its prefix.
    pub fn qualified_name(&self) -> &'a str {
        self.name
    }
    /// `<x/>`: there is no content and no end tag to consume.
    pub fn is_empty(&self) -> bool {
        self.empty
    }
    /// Byte offset of the tag's `<` in the input.
    pub fn position(&self) -> u64 {
        self.position
    }
    pub(crate) fn attributes(&self) -> Attributes<'a> {
        Attributes::new(self.attrs, 0)
    }
    /// Whether the tag has any attribute (namespace declarations included).
    #[inline]
    pub fn has_attributes(&self) -> bool {
        !self.attrs.is_empty()
    }
    /// The attributes as written: qualified name and value (references unresolved).
    pub fn raw_attributes(&self) -> impl Iterator<Item = (&'a str, &'a str)> {
        self.attributes().map(|a| (a.key, a.raw_value))
    }
}

/// The pull reader. See the module documentation.
pub struct XmlReader<'a> {
    scan: Scanner<'a>,
    /// Namespace declarations in scope (innermost last).
    ns: Vec<NsDecl<'a>>,
    input: &'a [u8],
    limits: Limits,
    /// Elements at this depth and below are named in error paths (2 for a SOAP body child).
    path_base: usize,
    pushed_back: Option<StartTag<'a>>,
    /// A group reader met its parent's end tag: the next `next_child` says `None`.
    end_pushed_back: bool,
    strict: bool,
    /// What the reading policy recorded (see [`crate::policy`]).
    pub(crate) deviations: Vec<crate::policy::Pending>,
    /// Mixed-content elements being read (innermost last): their text is kept.
    mixed: Vec<MixedFrame>,
}

/// A mixed-content element being read ([`XmlReader::begin_mixed`]).
struct MixedFrame {
    /// Depth inside the element (its text and its children's start tags come at it).
    depth: usize,
    /// Child elements met so far.
    children: usize,
    /// Text bytes kept so far (bounded by [`Limits::max_text`]).
    len: usize,
    /// Byte offset of the element's start tag (for errors).
    position: u64,
    text: MixedText,
}

impl<'a> XmlReader<'a> {
    /// A reader over `input`; fails when the input is larger than `limits.max_size` or
    /// is not UTF-8.
    pub fn new(input: &'a [u8], limits: &Limits) -> Result<Self, DecodeError> {
        if input.len() > limits.max_size {
            return Err(DecodeError::new(
                "",
                0,
                DecodeErrorKind::Limit {
                    what: "message size",
                    limit: limits.max_size,
                },
            ));
        }
        let scan = match Scanner::new(input, limits.max_depth) {
            Ok(scan) => scan,
            Err(e) => {
                let path = crate::path::element_path(input, e.at as u64, 0);
                return Err(DecodeError::new(path, e.at as u64, e.kind));
            }
        };
        Ok(XmlReader {
            scan,
            ns: Vec::new(),
            input,
            limits: limits.clone(),
            path_base: 0,
            pushed_back: None,
            end_pushed_back: false,
            strict: false,
            deviations: Vec::new(),
            mixed: Vec::new(),
        })
    }

    /// Strict readers fail at the first deviation from the schema (see [`crate::policy`]:
    /// a missing required element is [`DecodeErrorKind::Missing`], a repeat
    /// [`DecodeErrorKind::Repeated`], anything else [`DecodeErrorKind::Deviation`]);
    /// lenient ones (the default) read on and record it, because real servers
    /// (GlobalSign's among them) omit elements their schema calls required.
    pub fn set_strict(&mut self, strict: bool) {
        self.strict = strict;
    }
    pub fn is_strict(&self) -> bool {
        self.strict
    }

    /// Error paths name elements from this depth on (0 = the document element).
    pub fn set_path_base(&mut self, depth: usize) {
        self.path_base = depth;
    }
    pub(crate) fn path_base(&self) -> usize {
        self.path_base
    }
    /// The whole input.
    pub(crate) fn input(&self) -> &'a [u8] {
        self.input
    }

    /// Current nesting depth (open elements).
    pub fn depth(&self) -> usize {
        self.scan.depth()
    }

    /// Byte offset just after the last event read.
    pub fn position(&self) -> u64 {
        self.scan.pos() as u64
    }

    // ---------------------------------------------------------------- events

    /// A tokenizer error, with the element path reconstructed from the input.
    #[cold]
    #[inline(never)]
    #[allow(clippy::boxed_local)] // tokenizer results carry it boxed (a small `Err`)
    fn scan_error(&self, e: Box<ScanError>) -> DecodeError {
        let ScanError { at, kind } = *e;
        self.error_at(at as u64, kind)
    }

    /// An error at `position`, with the element path reconstructed from the input.
    #[cold]
    pub fn error_at(&self, position: u64, kind: DecodeErrorKind) -> DecodeError {
        let path = crate::path::element_path(self.input, position, self.path_base);
        DecodeError::new(path, position, kind)
    }

    #[cold]
    fn end_of_input(&self) -> DecodeError {
        self.error_at(
            self.position(),
            DecodeErrorKind::Malformed("unexpected end of input".to_owned()),
        )
    }

    /// Reads one token, keeping the namespace scope.
    ///
    /// Inlined into its few callers: it runs for every token.
    #[inline(always)]
    fn token(&mut self) -> Result<Token<'a>, DecodeError> {
        // Declarations of elements that have ended (or were empty) go out of scope.
        while self.ns.last().is_some_and(|d| d.depth > self.scan.depth()) {
            self.ns.pop();
        }
        match self.scan.next_token() {
            Ok(token) => {
                if let Token::Start(tag) = &token
                    && !tag.attrs.is_empty()
                {
                    // An empty element's declarations hold for it alone (one deeper).
                    let depth = self.scan.depth() + usize::from(tag.empty);
                    self.declare(tag, depth)?;
                }
                Ok(token)
            }
            Err(e) => Err(self.scan_error(e)),
        }
    }

    /// Records the `xmlns` declarations of a start tag at `depth`.
    fn declare(&mut self, tag: &StartTag<'a>, depth: usize) -> Result<(), DecodeError> {
        // Most attributes are not declarations: skip the walk when none can be.
        if !tag.attrs.contains("xmlns") {
            return Ok(());
        }
        for attr in tag.attributes() {
            let prefix = if attr.key == "xmlns" {
                ""
            } else if let Some(p) = attr.key.strip_prefix("xmlns:") {
                p
            } else {
                continue;
            };
            let uri = attr
                .value()
                .map_err(|e| self.error_at(tag.position, e.kind))?;
            if self.ns.len() >= MAX_NAMESPACE_DECLARATIONS {
                return Err(self.error_at(
                    tag.position,
                    DecodeErrorKind::Malformed(format!(
                        "more than {MAX_NAMESPACE_DECLARATIONS} namespace declarations in scope"
                    )),
                ));
            }
            self.ns.push(NsDecl { depth, prefix, uri });
        }
        Ok(())
    }

    /// The namespace bound to `prefix` (`""`: the default namespace) in the current scope.
    fn resolve(&self, prefix: &str) -> Option<&str> {
        if prefix == "xml" {
            return Some(XML_NAMESPACE);
        }
        self.ns
            .iter()
            .rev()
            .find(|d| d.prefix == prefix)
            .map(|d| d.uri.as_ref())
            .filter(|u| !u.is_empty())
    }

    /// Passes over character data that is not read (between children, or inside
    /// skipped content), still refusing undefined references in it.
    #[inline]
    fn pass_text(&self, text: &str, at: usize) -> Result<(), DecodeError> {
        scan::check_refs(text, at).map_err(|e| self.scan_error(e))
    }

    /// The next child element of the element being read, or `None` when its end tag
    /// has been consumed. At the top level this returns the document element, then
    /// `None` at the end of input. Comments and processing instructions between children
    /// are passed over, and so is text, except in a mixed-content element being read
    /// (see [`begin_mixed`](Self::begin_mixed)), whose text is kept.
    pub fn next_child(&mut self) -> Result<Option<StartTag<'a>>, DecodeError> {
        if let Some(tag) = self.pushed_back.take() {
            return Ok(Some(tag));
        }
        if self.end_pushed_back {
            self.end_pushed_back = false;
            return Ok(None);
        }
        loop {
            match self.token()? {
                Token::Start(tag) => {
                    if !self.mixed.is_empty() {
                        self.mixed_child(&tag);
                    }
                    return Ok(Some(tag));
                }
                Token::End => return Ok(None),
                Token::Eof => {
                    if self.scan.depth() == 0 {
                        return Ok(None);
                    }
                    return Err(self.end_of_input());
                }
                Token::Text(text, at) => {
                    if self.mixed.is_empty() {
                        self.pass_text(text, at)?;
                    } else {
                        self.mixed_text(text, at, false)?;
                    }
                }
                Token::CData(text) => {
                    if !self.mixed.is_empty() {
                        let at = self.scan.pos();
                        self.mixed_text(text, at, true)?;
                    }
                }
            }
        }
    }

    /// Starts keeping the text of `start` (a mixed-content element just returned by
    /// [`next_child`](Self::next_child)): until [`end_mixed`](Self::end_mixed), the
    /// character data between its children (whitespace included) is recorded with its
    /// place among them, however the children are read. Generated readers of
    /// `mixed="true"` types call it before reading the children.
    pub fn begin_mixed(&mut self, start: &StartTag<'a>) {
        if start.empty {
            return;
        }
        let depth = self.scan.depth();
        // A frame left by a read that failed part-way is not this element's.
        self.mixed.retain(|f| f.depth < depth);
        self.mixed.push(MixedFrame {
            depth,
            children: 0,
            len: 0,
            position: start.position,
            text: MixedText::new(),
        });
    }

    /// The text kept since [`begin_mixed`](Self::begin_mixed) for `start`, once its
    /// children (and end tag) have been read.
    pub fn end_mixed(&mut self, start: &StartTag<'a>) -> MixedText {
        if start.empty {
            return MixedText::new();
        }
        match self.mixed.last() {
            Some(f) if f.position == start.position => {
                self.mixed.pop().map(|f| f.text).unwrap_or_default()
            }
            _ => MixedText::new(),
        }
    }

    /// A child's start tag, read by `next_child` while a mixed element is open.
    #[cold]
    fn mixed_child(&mut self, tag: &StartTag<'a>) {
        // The depth the tag was met at: an open tag has just gone one deeper.
        let at = self.scan.depth().saturating_sub(usize::from(!tag.empty));
        if let Some(f) = self.mixed.last_mut()
            && f.depth == at
        {
            f.children += 1;
        }
    }

    /// Character data met by `next_child` while a mixed element is open: kept when it is
    /// that element's own, else passed over.
    #[cold]
    fn mixed_text(&mut self, raw: &'a str, at: usize, cdata: bool) -> Result<(), DecodeError> {
        let depth = self.scan.depth();
        let Some(f) = self.mixed.last().filter(|f| f.depth == depth) else {
            return if cdata {
                Ok(())
            } else {
                self.pass_text(raw, at)
            };
        };
        let (before, position) = (f.children, f.position);
        let mut text = String::new();
        if cdata {
            scan::push_cdata(&mut text, raw);
        } else {
            scan::push_text(&mut text, raw, at).map_err(|e| self.scan_error(e))?;
        }
        let max = self.limits.max_text;
        let Some(f) = self.mixed.last_mut() else {
            return Ok(());
        };
        f.len = f.len.saturating_add(text.len());
        if f.len > max {
            return Err(self.error_at(
                position,
                DecodeErrorKind::Limit {
                    what: "text length",
                    limit: max,
                },
            ));
        }
        f.text.push(before, text);
        Ok(())
    }

    /// Hands `tag` back: the next [`next_child`](Self::next_child) returns it again.
    /// Only valid for the tag just returned (nothing read in between).
    pub fn push_back(&mut self, tag: StartTag<'a>) {
        self.pushed_back = Some(tag);
    }

    /// Hands back the end of the current element: the next
    /// [`next_child`](Self::next_child) returns `None` again without reading. Group
    /// readers use it when they run into their parent's end tag.
    pub fn push_back_end(&mut self) {
        self.end_pushed_back = true;
    }

    /// The namespace of a tag just returned by [`next_child`](Self::next_child).
    pub fn namespace_of(&self, tag: &StartTag<'a>) -> Option<&str> {
        self.resolve(prefix_part(tag.qualified_name()))
    }

    /// The namespace `prefix` is bound to where the reader is.
    pub(crate) fn namespace_of_prefix(&self, prefix: &str) -> Option<&str> {
        self.resolve(prefix)
    }

    /// The type `xsi:type` names on a tag just returned by `next_child`, as namespace
    /// (`""`: none) and local name, the value's prefix resolved where the tag is (an
    /// unprefixed value is in the default namespace). `None` without `xsi:type`; an error
    /// when its prefix is not bound.
    pub fn xsi_type(&self, tag: &StartTag<'a>) -> Result<Option<(String, String)>, DecodeError> {
        if tag.attrs.is_empty() || !tag.attrs.contains("type") {
            return Ok(None);
        }
        for a in tag.attributes() {
            if local_part(a.key) != "type"
                || !a.key.contains(':')
                || self.resolve(prefix_part(a.key)) != Some(XSI_NAMESPACE)
            {
                continue;
            }
            let value = a.value().map_err(|e| self.error_at(tag.position, e.kind))?;
            let value = value.trim();
            let prefix = if value.contains(':') {
                prefix_part(value)
            } else {
                ""
            };
            let namespace = match self.resolve(prefix) {
                Some(ns) => ns.to_owned(),
                None if prefix.is_empty() => String::new(),
                None => {
                    let mut err = self.error_at(
                        tag.position,
                        DecodeErrorKind::Malformed(format!(
                            "unbound prefix `{prefix}` in xsi:type `{value}`"
                        )),
                    );
                    err.path.push_str("/@xsi:type");
                    return Err(err);
                }
            };
            return Ok(Some((namespace, local_part(value).to_owned())));
        }
        Ok(None)
    }

    /// `xsi:nil="true"` (or `"1"`) on a tag just returned by `next_child`.
    pub fn is_nil(&self, tag: &StartTag<'a>) -> bool {
        if tag.attrs.is_empty() || !tag.attrs.contains("nil") {
            return false;
        }
        tag.attributes().any(|a| {
            local_part(a.key) == "nil"
                && a.key.contains(':')
                && self.resolve(prefix_part(a.key)) == Some(XSI_NAMESPACE)
                && a.value().is_ok_and(|v| matches!(v.trim(), "true" | "1"))
        })
    }

    /// Calls `f(namespace, local_name, value)` for each attribute of `tag` except
    /// namespace declarations and `xsi:*`. `f`'s [`ValueError`]s become decode errors
    /// naming the attribute.
    pub fn for_each_attribute(
        &self,
        tag: &StartTag<'a>,
        mut f: impl FnMut(Option<&str>, &str, Cow<'_, str>) -> Result<(), ValueError>,
    ) -> Result<(), DecodeError> {
        for attr in tag.attributes() {
            let key = attr.key;
            if key == "xmlns" || key.starts_with("xmlns:") {
                continue;
            }
            let local = local_part(key);
            let prefix = prefix_part(key);
            // Unprefixed attributes are in no namespace.
            let ns = if prefix.is_empty() {
                None
            } else {
                match self.resolve(prefix) {
                    Some(n) => Some(n),
                    None => {
                        return Err(self.error_at(
                            tag.position,
                            DecodeErrorKind::Malformed(format!("unbound prefix `{prefix}`")),
                        ));
                    }
                }
            };
            if ns == Some(XSI_NAMESPACE) {
                continue;
            }
            let value = attr
                .value()
                .map_err(|e| self.error_at(tag.position, e.kind))?;
            if let Err(e) = f(ns, local, value.clone()) {
                let mut err = self.error_at(
                    tag.position,
                    DecodeErrorKind::InvalidValue {
                        value: echo_value(&value, false),
                        expected: e.expected,
                    },
                );
                err.path.push_str("/@");
                err.path.push_str(local);
                return Err(err);
            }
        }
        Ok(())
    }

    /// Every attribute except namespace declarations and `xsi:*`, owned (for
    /// `xs:anyAttribute`), optionally leaving out names the caller handled.
    pub fn raw_attributes(
        &self,
        tag: &StartTag<'a>,
        known: &[(Option<&str>, &str)],
    ) -> Result<Vec<RawAttribute>, DecodeError> {
        let mut out = Vec::new();
        self.for_each_attribute(tag, |ns, local, value| {
            if !known.iter().any(|(kns, kl)| *kns == ns && *kl == local) {
                out.push(RawAttribute {
                    namespace: ns.map(str::to_owned),
                    name: local.to_owned(),
                    value: value.into_owned(),
                });
            }
            Ok(())
        })?;
        Ok(out)
    }

    // ---------------------------------------------------------------- reading

    /// The text content of `tag` (entity references resolved, CR LF normalised), up to
    /// and including its end tag. Borrowed from the input when possible. Child elements
    /// inside are skipped (lenient).
    pub fn read_text(&mut self, tag: &StartTag<'a>) -> Result<Cow<'a, str>, DecodeError> {
        if tag.empty {
            return Ok(Cow::Borrowed(""));
        }
        // The common shape, `<a>text</a>`: the text runs to the next `<`, and that `<`
        // closes `a`. One search and one name comparison; no tokens.
        let src = self.scan.src();
        let start = self.scan.pos();
        let rest = src.as_bytes().get(start..).unwrap_or_default();
        // One search finds the end of clean text; text with a reference or a CR (rarer)
        // searches on for its end.
        let (lt, clean) = match memchr::memchr3(b'<', b'&', b'\r', rest) {
            Some(i) if rest.get(i) == Some(&b'<') => (start + i, true),
            Some(i) => {
                let from = i + 1;
                let tail = rest.get(from..).unwrap_or_default();
                (
                    memchr::memchr(b'<', tail).map_or(src.len(), |j| start + from + j),
                    false,
                )
            }
            None => (src.len(), true),
        };
        if let Some(end) = self.scan.closes_at(lt) {
            let raw = src.get(start..lt).unwrap_or_default();
            let text = if !clean {
                let mut owned = String::with_capacity(raw.len());
                scan::push_text(&mut owned, raw, start).map_err(|e| self.scan_error(e))?;
                Cow::Owned(owned)
            } else {
                Cow::Borrowed(raw)
            };
            if text.len() > self.limits.max_text {
                return Err(self.text_too_long(tag));
            }
            self.scan.close(end);
            return Ok(text);
        }
        self.read_mixed_text(tag)
    }

    /// [`read_text`](Self::read_text) for everything but `<a>text</a>`: text in pieces
    /// (CDATA sections, comments, child elements between them).
    #[inline(never)]
    fn read_mixed_text(&mut self, tag: &StartTag<'a>) -> Result<Cow<'a, str>, DecodeError> {
        let mut acc: Option<Cow<'a, str>> = None;
        loop {
            match self.token()? {
                Token::Text(raw, at) => {
                    if scan::needs_unescape(raw) {
                        let owned = self.owned_text(&mut acc, at);
                        scan::push_text(owned, raw, at).map_err(|e| self.scan_error(e))?;
                    } else if !raw.is_empty() {
                        match acc {
                            None => acc = Some(Cow::Borrowed(raw)),
                            Some(_) => self.owned_text(&mut acc, at).push_str(raw),
                        }
                    }
                }
                Token::CData(raw) => {
                    if raw.contains('\r') {
                        let at = self.scan.pos();
                        scan::push_cdata(self.owned_text(&mut acc, at), raw);
                    } else if !raw.is_empty() {
                        match acc {
                            None => acc = Some(Cow::Borrowed(raw)),
                            Some(_) => self.owned_text(&mut acc, self.scan.pos()).push_str(raw),
                        }
                    }
                }
                Token::Start(child) => self.skip(&child)?,
                Token::End => break,
                Token::Eof => return Err(self.end_of_input()),
            }
            if let Some(a) = &acc
                && a.len() > self.limits.max_text
            {
                return Err(self.text_too_long(tag));
            }
        }
        Ok(acc.unwrap_or(Cow::Borrowed("")))
    }

    #[cold]
    fn text_too_long(&self, tag: &StartTag<'a>) -> DecodeError {
        self.error_at(
            tag.position,
            DecodeErrorKind::Limit {
                what: "text length",
                limit: self.limits.max_text,
            },
        )
    }

    /// The text accumulated so far as an owned string, to append to. Made owned once,
    /// with room for the rest of the text: character data ends at the next `<`, so the
    /// bytes from `position` to there bound what is still to come.
    fn owned_text<'s>(&self, acc: &'s mut Option<Cow<'a, str>>, position: usize) -> &'s mut String {
        if !matches!(acc, Some(Cow::Owned(_))) {
            let so_far = acc.as_deref().unwrap_or("");
            let rest = self.input.get(position..).unwrap_or_default();
            let to_markup = memchr::memchr(b'<', rest).unwrap_or(rest.len());
            // Never more than the text limit allows (plus one, to notice the excess).
            let room = (so_far.len() + to_markup).min(self.limits.max_text.saturating_add(1));
            let mut owned = String::with_capacity(room);
            owned.push_str(so_far);
            *acc = Some(Cow::Owned(owned));
        }
        acc.get_or_insert_with(|| Cow::Owned(String::new()))
            .to_mut()
    }

    /// Reads `tag` as a simple value. `None` when it is `xsi:nil`, or empty and `T`
    /// treats empty as absent (every type but strings).
    pub fn read_value<T: SimpleValue>(
        &mut self,
        tag: &StartTag<'a>,
    ) -> Result<Option<T>, DecodeError> {
        self.read_value_as(tag, false)
    }

    /// As [`read_value`](Self::read_value), but an invalid value is never echoed in the
    /// error (passwords).
    pub fn read_secret_value<T: SimpleValue>(
        &mut self,
        tag: &StartTag<'a>,
    ) -> Result<Option<T>, DecodeError> {
        self.read_value_as(tag, true)
    }

    pub(crate) fn read_value_as<T: SimpleValue>(
        &mut self,
        tag: &StartTag<'a>,
        secret: bool,
    ) -> Result<Option<T>, DecodeError> {
        let nil = self.is_nil(tag);
        self.read_value_nil_known(tag, secret, nil)
    }

    /// [`read_value_as`](Self::read_value_as) when whether `tag` is nil is known.
    pub(crate) fn read_value_nil_known<T: SimpleValue>(
        &mut self,
        tag: &StartTag<'a>,
        secret: bool,
        nil: bool,
    ) -> Result<Option<T>, DecodeError> {
        let text = self.read_text(tag)?;
        if nil {
            return Ok(None);
        }
        if T::EMPTY_IS_ABSENT && text.trim().is_empty() {
            return Ok(None);
        }
        let text = if !T::VALUE_SET.is_empty() && !T::VALUE_SET.contains(&text.trim()) {
            self.unlisted_value(tag, text, T::VALUE_SET, secret)?
        } else {
            text
        };
        match T::parse_text(text) {
            Ok(v) => Ok(Some(v)),
            Err((e, text)) => Err(self.error_at(
                tag.position,
                DecodeErrorKind::InvalidValue {
                    value: echo_value(&text, secret),
                    expected: e.expected,
                },
            )),
        }
    }

    /// A value its value set does not list as written: recorded, and the text to parse
    /// (the listed value it spells in another ASCII case, ERRATA E102, or the text as it
    /// came).
    #[cold]
    fn unlisted_value(
        &mut self,
        tag: &StartTag<'a>,
        text: Cow<'a, str>,
        value_set: &'static [&'static str],
        secret: bool,
    ) -> Result<Cow<'a, str>, DecodeError> {
        let raw = if secret {
            crate::policy::WITHHELD.to_owned()
        } else {
            text.trim().to_owned()
        };
        let listed = value_set
            .iter()
            .find(|v| v.eq_ignore_ascii_case(text.trim()));
        let (kind, text) = match listed {
            Some(listed) => (
                crate::DeviationKind::ValueCase {
                    reads_as: (*listed).to_owned(),
                },
                Cow::Borrowed(*listed),
            ),
            None => (crate::DeviationKind::UnlistedValue, text),
        };
        self.deviate(tag.position, None, kind, raw)?;
        Ok(text)
    }

    /// Reads `tag` as a complex value; `None` when it is `xsi:nil`.
    pub fn read_complex<T: crate::ComplexValue>(
        &mut self,
        tag: &StartTag<'a>,
    ) -> Result<Option<T>, DecodeError> {
        if self.is_nil(tag) {
            self.skip(tag)?;
            return Ok(None);
        }
        T::read_content(self, tag).map(Some)
    }

    /// Reads a list wrapper (`<Errors><Error/>...</Errors>`): each child named `item`
    /// is read with `read` (a `None` result is left out); other children are skipped.
    /// An empty or nil wrapper gives an empty vector.
    pub fn read_list<T>(
        &mut self,
        wrapper: &StartTag<'a>,
        item: &str,
        read: impl FnMut(&mut Self, &StartTag<'a>) -> Result<Option<T>, DecodeError>,
    ) -> Result<Vec<T>, DecodeError> {
        let mut out = Vec::new();
        self.read_list_into(wrapper, item, &mut out, read)?;
        Ok(out)
    }

    /// As [`read_list`](Self::read_list), appending to `out` (no intermediate vector:
    /// items can be large).
    pub fn read_list_into<T>(
        &mut self,
        wrapper: &StartTag<'a>,
        item: &str,
        out: &mut Vec<T>,
        mut read: impl FnMut(&mut Self, &StartTag<'a>) -> Result<Option<T>, DecodeError>,
    ) -> Result<(), DecodeError> {
        if wrapper.empty {
            return Ok(());
        }
        while let Some(child) = self.next_child()? {
            if child.local_name() == item {
                if let Some(v) = read(self, &child)? {
                    out.push(v);
                }
            } else {
                self.skip(&child)?;
            }
        }
        Ok(())
    }

    /// Parses an attribute-style text value with `T`, mapping failure to a
    /// [`ValueError`] for [`for_each_attribute`](Self::for_each_attribute).
    pub fn parse_attribute<T: SimpleValue>(value: Cow<'_, str>) -> Result<T, ValueError> {
        T::parse_text(Cow::Owned(value.into_owned())).map_err(|(e, _)| e)
    }

    /// Skips `tag` and everything inside it, up to and including its end tag.
    pub fn skip(&mut self, tag: &StartTag<'a>) -> Result<(), DecodeError> {
        if tag.empty {
            return Ok(());
        }
        let target = self.scan.depth().saturating_sub(1);
        loop {
            match self.token()? {
                Token::End if self.scan.depth() == target => return Ok(()),
                Token::Eof => return Err(self.end_of_input()),
                Token::Text(text, at) => self.pass_text(text, at)?,
                _ => {}
            }
        }
    }

    /// Captures `tag` and its content verbatim (for `xs:any`). Namespace prefixes the
    /// fragment uses but declares outside itself are declared on its root tag, so the
    /// fragment stands alone and can be written back.
    pub fn read_raw(&mut self, tag: &StartTag<'a>) -> Result<RawXml, DecodeError> {
        let start = tag.position as usize;
        // In-scope bindings at the fragment's root (its own declarations included).
        let scope: Vec<(Option<String>, String)> = self
            .ns
            .iter()
            .rev()
            .map(|d| {
                let prefix = (!d.prefix.is_empty()).then(|| d.prefix.to_owned());
                (prefix, d.uri.to_string())
            })
            .collect();
        let mut used: Vec<Option<String>> = Vec::new();
        note_prefixes(tag, &mut used);
        if !tag.empty {
            let target = self.scan.depth().saturating_sub(1);
            loop {
                match self.token()? {
                    Token::End if self.scan.depth() == target => break,
                    Token::Start(t) => note_prefixes(&t, &mut used),
                    Token::Eof => return Err(self.end_of_input()),
                    Token::Text(text, at) => self.pass_text(text, at)?,
                    _ => {}
                }
            }
        }
        let end = self.scan.pos();
        if end - start > self.limits.max_text {
            return Err(self.error_at(
                tag.position,
                DecodeErrorKind::Limit {
                    what: "raw XML fragment length",
                    limit: self.limits.max_text,
                },
            ));
        }
        let text = self.scan.src().get(start..end).unwrap_or_default();
        // Declarations already on the root tag.
        let mut declared: Vec<Option<String>> = Vec::new();
        for a in tag.attributes() {
            if a.key == "xmlns" {
                declared.push(None);
            } else if let Some(p) = a.key.strip_prefix("xmlns:") {
                declared.push(Some(p.to_owned()));
            }
        }
        let mut extra = String::new();
        for prefix in &used {
            if declared.contains(prefix) || prefix.as_deref() == Some("xml") {
                continue;
            }
            if let Some((_, ns)) = scope.iter().find(|(p, _)| p == prefix) {
                match prefix {
                    Some(p) => extra.push_str(&format!(" xmlns:{p}=\"{}\"", escape_attr(ns))),
                    None => extra.push_str(&format!(" xmlns=\"{}\"", escape_attr(ns))),
                }
            }
        }
        if extra.is_empty() {
            return Ok(RawXml::from_trusted(text.to_owned()));
        }
        // `<` + name, then the declarations, then the rest.
        let split = 1 + tag.qualified_name().len();
        let mut out = String::with_capacity(text.len() + extra.len());
        out.push_str(text.get(..split).unwrap_or_default());
        out.push_str(&extra);
        out.push_str(text.get(split..).unwrap_or_default());
        Ok(RawXml::from_trusted(out))
    }

    /// The value for a required element that was not in the message: its `Default`
    /// when lenient (the absence recorded as a [`crate::DeviationKind::Missing`]), a
    /// [`DecodeErrorKind::Missing`] error (path of the parent) when strict. Call right
    /// after the parent's content was read. (Generated readers leave this to
    /// [`read_fields`](Self::read_fields).)
    pub fn missing<T: Default>(&mut self, element: &str) -> Result<T, DecodeError> {
        let position = self.position().saturating_sub(1);
        self.deviate(
            position,
            Some(format!("/{element}")),
            crate::DeviationKind::Missing,
            String::new(),
        )?;
        Ok(T::default())
    }

    /// An "unexpected" error at `tag`.
    pub fn unexpected(&self, tag: &StartTag<'a>, expected: &str) -> DecodeError {
        self.error_at(
            tag.position,
            DecodeErrorKind::Unexpected {
                expected: expected.to_owned(),
                found: format!("element `{}`", tag.qualified_name()),
            },
        )
    }

    /// A [`DecodeErrorKind::Repeated`] error at `tag`: the generated readers return it
    /// for a second occurrence of an element whose `maxOccurs` is 1 (they test a
    /// `seen_<field>` flag before reading, so the common path costs one test).
    #[cold]
    pub fn repeated(&self, tag: &StartTag<'a>) -> DecodeError {
        self.error_at(
            tag.position,
            DecodeErrorKind::Repeated {
                element: tag.local_name().to_owned(),
            },
        )
    }

    /// Moves to the document element (skipping the prolog: white space, comments and
    /// processing instructions) and returns it.
    pub fn root(&mut self) -> Result<StartTag<'a>, DecodeError> {
        if let Some(tag) = self.pushed_back.take() {
            return Ok(tag);
        }
        loop {
            let position = self.position();
            match self.token()? {
                Token::Start(tag) => return Ok(tag),
                Token::Text(t, _) if scan::is_white_space(t) => {}
                Token::Text(..) | Token::CData(_) => {
                    return Err(self.error_at(
                        position,
                        DecodeErrorKind::Malformed("text before the document element".to_owned()),
                    ));
                }
                // The scanner refuses an end tag with nothing open.
                Token::End | Token::Eof => {
                    return Err(self.error_at(
                        0,
                        DecodeErrorKind::Malformed("no document element".to_owned()),
                    ));
                }
            }
        }
    }

    /// After the document element was read: only whitespace, comments and PIs may follow.
    pub fn finish(&mut self) -> Result<(), DecodeError> {
        loop {
            let position = self.position();
            match self.token()? {
                Token::Eof => return Ok(()),
                Token::Start(_) | Token::End => {
                    return Err(self.error_at(
                        position,
                        DecodeErrorKind::Malformed("content after the document element".to_owned()),
                    ));
                }
                Token::Text(t, _) if scan::is_white_space(t) => {}
                Token::Text(..) | Token::CData(_) => {
                    return Err(self.error_at(
                        position,
                        DecodeErrorKind::Malformed("text after the document element".to_owned()),
                    ));
                }
            }
        }
    }
}

/// Notes the prefixes `tag` uses (its own and its attributes'), for [`XmlReader::read_raw`].
fn note_prefixes(tag: &StartTag<'_>, used: &mut Vec<Option<String>>) {
    let mut note = |qname: &str| {
        // As `prefix_part`: an empty prefix (`<:a>`) is no prefix, the default namespace.
        let prefix = Some(prefix_part(qname))
            .filter(|p| !p.is_empty())
            .map(str::to_owned);
        if !used.contains(&prefix) {
            used.push(prefix);
        }
    };
    note(tag.qualified_name());
    for a in tag.attributes() {
        if a.key == "xmlns" || a.key.starts_with("xmlns:") {
            continue;
        }
        if a.key.contains(':') {
            note(a.key);
        }
    }
}

/// `s` as a double-quoted attribute value.
fn escape_attr(s: &str) -> Cow<'_, str> {
    if !s.contains(['&', '<', '>', '"', '\t', '\n', '\r']) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            // Written as such, they would read back as spaces (attribute normalisation).
            '\t' => out.push_str("&#9;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}
