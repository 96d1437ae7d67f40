//! The XML tokenizer under [`XmlReader`](crate::XmlReader).
//!
//! Why not quick-xml's event reader: SOAP answers are almost all `<a>text</a>`, and a
//! general event API pays on every event for what this shape does not need (a UTF-8
//! check of every name and text, event wrappers, a configurable state machine). Here
//! the input is checked as UTF-8 once, markup is found with `memchr`, and the reader
//! can close `<a>text</a>` in place ([`Scanner::closes_at`]): one search for `<`, one
//! comparison with the open element's name.
//!
//! Well-formedness checked: every tag is closed; end tags match their start tags;
//! names use name characters (ASCII letters, digits, `_ - . :`, any non-ASCII);
//! attributes are `name="value"` or `name='value'`, separated by whitespace, with no `<`
//! in values and no name twice; references are one of the five predefined entities or
//! a character reference to an XML character; comments, CDATA sections and processing
//! instructions are terminated. Refused outright: document type declarations, bytes
//! that are not UTF-8 and an XML declaration naming another encoding.

use std::borrow::Cow;

use memchr::{memchr, memchr2, memmem};

use crate::error::DecodeErrorKind;
use crate::reader::StartTag;

/// A tokenizer error: where, and what. Boxed in results so the hot path moves a
/// pointer, not a [`DecodeErrorKind`]; [`XmlReader`](crate::XmlReader) adds the path.
#[derive(Debug)]
pub(crate) struct ScanError {
    pub at: usize,
    pub kind: DecodeErrorKind,
}

pub(crate) type ScanResult<T> = Result<T, Box<ScanError>>;

#[cold]
#[inline(never)]
pub(crate) fn malformed(at: usize, message: impl Into<String>) -> Box<ScanError> {
    Box::new(ScanError {
        at,
        kind: DecodeErrorKind::Malformed(message.into()),
    })
}

/// One piece of the document, in order. Comments and processing instructions are
/// checked and passed over, never returned.
pub(crate) enum Token<'a> {
    /// A start tag (`empty` for `<a/>`, which opens nothing).
    Start(StartTag<'a>),
    /// The end tag of the innermost open element (already matched against its name).
    End,
    /// Character data as written (references not yet resolved, line ends not yet
    /// normalised), and its offset.
    Text(&'a str, usize),
    /// The content of a CDATA section.
    CData(&'a str),
    Eof,
}

/// Bytes that may appear in a name: ASCII letters, digits, `_`, `-`, `.`, `:` and every
/// byte of a non-ASCII character (the input is UTF-8, so those are whole characters).
/// 0: not a name byte; [`NAME`]; [`NAME`] | [`COLON`] for `:`.
static NAME_CLASS: [u8; 256] = {
    let mut t = [0; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        if c.is_ascii_alphanumeric() || matches!(c, b'_' | b'-' | b'.') || c >= 0x80 {
            t[b] = NAME;
        } else if c == b':' {
            t[b] = NAME | COLON;
        }
        b += 1;
    }
    t
};
const NAME: u8 = 1;
const COLON: u8 = 2;

fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r')
}

/// Whether `text` is XML white space only (the `S` production: not `str::trim`'s
/// Unicode white space, which would let a no-break space through outside the document
/// element).
pub(crate) fn is_white_space(text: &str) -> bool {
    text.bytes().all(is_space)
}

/// A name may not start with a digit, `-` or `.`.
fn bad_name_start(b: u8) -> bool {
    b.is_ascii_digit() || b == b'-' || b == b'.'
}

/// The end of the name starting at `start` (the first byte that is not a name byte).
#[inline]
fn name_end(bytes: &[u8], start: usize) -> usize {
    scan_name(bytes, start).0
}

/// The end of the name starting at `start`, and its byte classes OR-ed together (so
/// `classes & COLON` tells whether it has a colon without a second search).
#[inline]
fn scan_name(bytes: &[u8], start: usize) -> (usize, u8) {
    let mut i = start;
    let mut classes = 0;
    while let Some(&c) = bytes.get(i) {
        let class = NAME_CLASS[c as usize];
        if class == 0 {
            break;
        }
        classes |= class;
        i += 1;
    }
    (i, classes)
}

/// The tokenizer: a position in a UTF-8 document and the names of the open elements.
pub(crate) struct Scanner<'a> {
    src: &'a str,
    pos: usize,
    /// Names of the open elements, outermost first (end tags are checked against the last).
    open: Vec<&'a str>,
    max_depth: usize,
}

impl<'a> Scanner<'a> {
    /// Checks that `input` is UTF-8 (once, for the whole document) and skips a byte
    /// order mark.
    pub fn new(input: &'a [u8], max_depth: usize) -> ScanResult<Self> {
        let src = match std::str::from_utf8(input) {
            Ok(s) => s,
            Err(e) => return Err(not_utf8(input, &e)),
        };
        let pos = if src.starts_with('\u{feff}') { 3 } else { 0 };
        Ok(Scanner {
            src,
            pos,
            open: Vec::new(),
            max_depth,
        })
    }

    /// The whole document.
    pub fn src(&self) -> &'a str {
        self.src
    }

    /// Byte offset of the next unread byte.
    pub fn pos(&self) -> usize {
        self.pos
    }

    /// Open elements.
    pub fn depth(&self) -> usize {
        self.open.len()
    }

    /// `src[a..b]`; every offset used is that of an ASCII delimiter or an end of the
    /// input, so this is always a character boundary (the fallback is never taken).
    #[inline]
    fn slice(&self, a: usize, b: usize) -> &'a str {
        self.src.get(a..b).unwrap_or_default()
    }

    /// The next token.
    #[inline]
    pub fn next_token(&mut self) -> ScanResult<Token<'a>> {
        loop {
            let bytes = self.src.as_bytes();
            let at = self.pos;
            let Some(&b) = bytes.get(at) else {
                return Ok(Token::Eof);
            };
            if b != b'<' {
                let end = memchr(b'<', bytes.get(at..).unwrap_or_default())
                    .map_or(bytes.len(), |i| at + i);
                self.pos = end;
                return Ok(Token::Text(self.slice(at, end), at));
            }
            match bytes.get(at + 1) {
                Some(b'/') => return self.end_tag(),
                Some(b'!') => {
                    if let Some(cdata) = self.bang()? {
                        return Ok(Token::CData(cdata));
                    }
                }
                Some(b'?') => self.processing_instruction()?,
                _ => return self.start_tag(),
            }
        }
    }

    /// Whether `</name>` (with optional whitespace before `>`) closing the innermost
    /// open element starts at `lt`; returns the offset after its `>`.
    #[inline]
    pub fn closes_at(&self, lt: usize) -> Option<usize> {
        let name = self.open.last()?;
        let bytes = self.src.as_bytes();
        let name_at = lt + 2;
        let after = name_at + name.len();
        if bytes.get(lt..name_at)? != b"</" || bytes.get(name_at..after)? != name.as_bytes() {
            return None;
        }
        match bytes.get(after)? {
            b'>' => Some(after + 1),
            b if is_space(*b) => {
                let mut i = after;
                while bytes.get(i).is_some_and(|b| is_space(*b)) {
                    i += 1;
                }
                (bytes.get(i) == Some(&b'>')).then_some(i + 1)
            }
            _ => None,
        }
    }

    /// The element name of a start tag beginning at `at`, if one does (for error paths:
    /// the tag may be malformed after its name).
    pub fn start_tag_name_at(&self, at: usize) -> Option<&'a str> {
        let bytes = self.src.as_bytes();
        if bytes.get(at) != Some(&b'<') || bad_name_start(*bytes.get(at + 1)?) {
            return None;
        }
        let end = name_end(bytes, at + 1);
        (end > at + 1).then(|| self.slice(at + 1, end))
    }

    /// Consumes the end tag [`closes_at`](Self::closes_at) found, ending at `end`.
    #[inline]
    pub fn close(&mut self, end: usize) {
        self.open.pop();
        self.pos = end;
    }

    fn end_tag(&mut self) -> ScanResult<Token<'a>> {
        let at = self.pos;
        match self.closes_at(at) {
            Some(end) => {
                self.close(end);
                Ok(Token::End)
            }
            None => Err(self.bad_end_tag(at)),
        }
    }

    #[cold]
    #[inline(never)]
    fn bad_end_tag(&self, at: usize) -> Box<ScanError> {
        let bytes = self.src.as_bytes();
        let end = name_end(bytes, at + 2);
        let name = self.slice(at + 2, end);
        let mut i = end;
        while bytes.get(i).is_some_and(|b| is_space(*b)) {
            i += 1;
        }
        match (self.open.last(), bytes.get(i)) {
            (_, None) => malformed(at, "unexpected end of input in an end tag"),
            (_, Some(b'>')) if name.is_empty() => malformed(at, "end tag without a name"),
            (_, Some(b'>')) if name.as_bytes().first().is_some_and(|b| bad_name_start(*b)) => {
                malformed(at, format!("`{name}` is not a valid element name"))
            }
            (None, Some(b'>')) => {
                malformed(at, format!("end tag `</{name}>` with no open element"))
            }
            (Some(open), Some(b'>')) => malformed(
                at,
                format!("end tag `</{name}>` does not match start tag `<{open}>`"),
            ),
            (_, Some(_)) => malformed(at, format!("invalid character in end tag `</{name}`")),
        }
    }

    fn start_tag(&mut self) -> ScanResult<Token<'a>> {
        let at = self.pos;
        let bytes = self.src.as_bytes();
        let name_start = at + 1;
        // A colon (and so where the local part starts) is looked for only in a name
        // that has one.
        let (mut i, classes) = scan_name(bytes, name_start);
        let name = self.slice(name_start, i);
        let local_at = if classes & COLON != 0 {
            match qname_local_at(name.as_bytes()) {
                Some(local_at) => local_at,
                None => return Err(not_a_qname(at, name)),
            }
        } else {
            0
        };
        match name.as_bytes().first() {
            None => return Err(malformed(at, "`<` not followed by a name")),
            Some(b) if bad_name_start(*b) => {
                return Err(malformed(
                    at,
                    format!("`{name}` is not a valid element name"),
                ));
            }
            Some(_) => {}
        }
        let attrs_start = i;
        let mut attrs_end = i;
        let mut attributes = 0usize;
        let empty = loop {
            match bytes.get(i) {
                Some(b'>') => {
                    i += 1;
                    break false;
                }
                Some(b'/') if bytes.get(i + 1) == Some(&b'>') => {
                    i += 2;
                    break true;
                }
                Some(b) if is_space(*b) => i += 1,
                Some(_) if i == attrs_end && attributes == 0 && i == attrs_start => {
                    return Err(malformed(
                        at,
                        format!("invalid character in the name of element `{name}`"),
                    ));
                }
                Some(_) => {
                    if i == attrs_end {
                        return Err(malformed(
                            i,
                            format!("attributes of `{name}` must be separated by whitespace"),
                        ));
                    }
                    let attr = parse_attribute(bytes, i).map_err(|m| malformed(i, m))?;
                    if attr.value_has_ref {
                        check_refs(self.slice(attr.value.0, attr.value.1), attr.value.0)?;
                    }
                    i = attr.value.1 + 1;
                    attrs_end = i;
                    attributes += 1;
                }
                None => {
                    return Err(malformed(at, format!("unclosed start tag `<{name}`")));
                }
            }
        };
        let attrs = if attributes == 0 {
            ""
        } else {
            let attrs = self.slice(attrs_start, attrs_end);
            if attributes > 1 {
                check_duplicates(attrs, attributes, at)?;
            }
            attrs
        };
        self.pos = i;
        if !empty {
            if self.open.len() >= self.max_depth {
                return Err(Box::new(ScanError {
                    at,
                    kind: DecodeErrorKind::Limit {
                        what: "nesting depth",
                        limit: self.max_depth,
                    },
                }));
            }
            self.open.push(name);
        }
        Ok(Token::Start(StartTag::new(
            name, local_at, attrs, empty, at as u64,
        )))
    }

    /// `<!`: a comment (passed over: `None`), a CDATA section (its content), or a
    /// document type declaration (refused).
    fn bang(&mut self) -> ScanResult<Option<&'a str>> {
        let at = self.pos;
        let rest = self.src.as_bytes().get(at..).unwrap_or_default();
        if rest.starts_with(b"<!--") {
            let end = memmem::find(rest.get(4..).unwrap_or_default(), b"-->")
                .ok_or_else(|| malformed(at, "unterminated comment"))?;
            self.pos = at + 4 + end + 3;
            Ok(None)
        } else if rest.starts_with(b"<![CDATA[") {
            let start = at + 9;
            let end = memmem::find(rest.get(9..).unwrap_or_default(), b"]]>")
                .ok_or_else(|| malformed(at, "unterminated CDATA section"))?;
            self.pos = start + end + 3;
            Ok(Some(self.slice(start, start + end)))
        } else if rest.starts_with(b"<!DOCTYPE") {
            Err(Box::new(ScanError {
                at,
                kind: DecodeErrorKind::Dtd,
            }))
        } else {
            Err(malformed(
                at,
                "`<!` not followed by a comment, a CDATA section or a DOCTYPE",
            ))
        }
    }

    /// `<?target ...?>`: passed over; the XML declaration's encoding must be UTF-8.
    fn processing_instruction(&mut self) -> ScanResult<()> {
        let at = self.pos;
        let bytes = self.src.as_bytes();
        let end = memmem::find(bytes.get(at + 2..).unwrap_or_default(), b"?>")
            .ok_or_else(|| malformed(at, "unterminated processing instruction"))?;
        let content = self.slice(at + 2, at + 2 + end);
        let target_len = content.bytes().position(is_space).unwrap_or(content.len());
        let target = content.get(..target_len).unwrap_or_default();
        if target.is_empty() {
            return Err(malformed(at, "processing instruction without a target"));
        }
        // The target is a name (`<?>…?>` is not a processing instruction).
        if target
            .as_bytes()
            .first()
            .is_some_and(|b| bad_name_start(*b))
            || target.bytes().any(|b| NAME_CLASS[b as usize] == 0)
        {
            return Err(malformed(
                at,
                format!(
                    "`{}` is not a valid processing instruction target",
                    echo(target)
                ),
            ));
        }
        if target == "xml" {
            check_declaration(content.get(target_len..).unwrap_or_default(), at)?;
        }
        self.pos = at + 2 + end + 2;
        Ok(())
    }
}

/// Where the local part of a name with a colon starts, if the name is a qualified name
/// (Namespaces in XML 1.0: `prefix:local`, both parts non-empty, one colon, the local
/// part starting as a name must).
fn qname_local_at(name: &[u8]) -> Option<usize> {
    let colon = name.iter().position(|&b| b == b':')?;
    let local = name.get(colon + 1..)?;
    let starts_well = local.first().is_some_and(|b| !bad_name_start(*b));
    (colon > 0 && starts_well && !local.contains(&b':')).then_some(colon + 1)
}

#[cold]
fn not_a_qname(at: usize, name: &str) -> Box<ScanError> {
    malformed(
        at,
        format!("`{}` is not a qualified name (`prefix:local`)", echo(name)),
    )
}

/// One attribute as written: the byte ranges of its name and of its value (inside the
/// quotes).
struct RawAttr {
    key: (usize, usize),
    value: (usize, usize),
    value_has_ref: bool,
}

/// Parses `name = "value"` starting at `i` (a non-space byte).
fn parse_attribute(bytes: &[u8], i: usize) -> Result<RawAttr, &'static str> {
    let (key_end, classes) = scan_name(bytes, i);
    if key_end == i || bad_name_start(bytes.get(i).copied().unwrap_or(b'<')) {
        return Err("invalid attribute name");
    }
    let key = bytes.get(i..key_end).unwrap_or_default();
    if classes & COLON != 0 && qname_local_at(key).is_none() {
        return Err("attribute name is not a qualified name (`prefix:local`)");
    }
    let mut j = key_end;
    while bytes.get(j).is_some_and(|b| is_space(*b)) {
        j += 1;
    }
    if bytes.get(j) != Some(&b'=') {
        return Err("attribute without `=` and a value");
    }
    j += 1;
    while bytes.get(j).is_some_and(|b| is_space(*b)) {
        j += 1;
    }
    let quote = match bytes.get(j) {
        Some(q @ (b'"' | b'\'')) => *q,
        _ => return Err("attribute value not in quotes"),
    };
    let start = j + 1;
    let rest = bytes.get(start..).unwrap_or_default();
    let len = memchr(quote, rest).ok_or("unterminated attribute value")?;
    let value = rest.get(..len).unwrap_or_default();
    if memchr(b'<', value).is_some() {
        return Err("`<` in an attribute value");
    }
    Ok(RawAttr {
        key: (i, key_end),
        value: (start, start + len),
        value_has_ref: memchr(b'&', value).is_some(),
    })
}

/// No attribute name twice in one tag (`attrs` holds `count` attributes, all valid).
fn check_duplicates(attrs: &str, count: usize, at: usize) -> ScanResult<()> {
    let mut seen: Vec<&str> = Vec::with_capacity(count);
    let mut set = std::collections::HashSet::new();
    for attr in Attributes::new(attrs, 0) {
        // A list for the usual handful; a set for hostile tags with thousands.
        let fresh = if count <= 16 {
            let fresh = !seen.contains(&attr.key);
            seen.push(attr.key);
            fresh
        } else {
            set.insert(attr.key)
        };
        if !fresh {
            return Err(malformed(
                at,
                format!("attribute `{}` appears twice", attr.key),
            ));
        }
    }
    Ok(())
}

/// The pseudo-attributes of an XML declaration: an encoding, when given, must be UTF-8
/// (or ASCII, its subset).
fn check_declaration(pseudo_attributes: &str, at: usize) -> ScanResult<()> {
    for attr in Attributes::new(pseudo_attributes, 0) {
        if attr.key == "encoding" {
            let ok = ["utf-8", "utf8", "us-ascii", "ascii"]
                .iter()
                .any(|e| attr.raw_value.eq_ignore_ascii_case(e));
            if !ok {
                return Err(foreign_encoding(attr.raw_value, at));
            }
        }
    }
    Ok(())
}

#[cold]
fn foreign_encoding(encoding: &str, at: usize) -> Box<ScanError> {
    Box::new(ScanError {
        at,
        kind: DecodeErrorKind::Encoding(format!(
            "declared encoding {encoding:?} is not supported (UTF-8 only)"
        )),
    })
}

/// Input that is not UTF-8. An XML declaration naming another encoding explains it
/// better than the first bad byte does, so that is reported when there is one.
#[cold]
fn not_utf8(input: &[u8], e: &std::str::Utf8Error) -> Box<ScanError> {
    let valid = input.get(..e.valid_up_to()).unwrap_or_default();
    if let Ok(valid) = std::str::from_utf8(valid)
        && let Some(rest) = valid.trim_start_matches('\u{feff}').strip_prefix("<?xml")
        && let Some(end) = rest.find("?>")
        && let Err(err) = check_declaration(rest.get(..end).unwrap_or_default(), 0)
    {
        return err;
    }
    Box::new(ScanError {
        at: e.valid_up_to(),
        kind: DecodeErrorKind::Encoding(format!("the input is not UTF-8: {e}")),
    })
}

/// One attribute of a start tag: its qualified name and its value as written.
pub(crate) struct Attr<'a> {
    pub key: &'a str,
    pub raw_value: &'a str,
}

impl<'a> Attr<'a> {
    /// The value with references resolved and whitespace normalised (XML 1.0 §3.3.3:
    /// each literal tab, line end or CR LF becomes one space; a character reference
    /// stays what it names).
    pub fn value(&self) -> ScanResult<Cow<'a, str>> {
        let raw = self.raw_value;
        if !raw
            .bytes()
            .any(|b| matches!(b, b'&' | b'\t' | b'\n' | b'\r'))
        {
            return Ok(Cow::Borrowed(raw));
        }
        let mut out = String::with_capacity(raw.len());
        let bytes = raw.as_bytes();
        let mut i = 0;
        while let Some(&b) = bytes.get(i) {
            match b {
                b'&' => {
                    let (c, next) = reference(raw, i, 0)?;
                    out.push(c);
                    i = next;
                }
                b'\r' if bytes.get(i + 1) == Some(&b'\n') => {
                    out.push(' ');
                    i += 2;
                }
                b'\t' | b'\n' | b'\r' => {
                    out.push(' ');
                    i += 1;
                }
                _ => {
                    let next =
                        memchr::memchr3(b'&', b'\r', b'\n', bytes.get(i..).unwrap_or_default())
                            .map_or(bytes.len(), |n| i + n);
                    let run = raw.get(i..next).unwrap_or_default();
                    // Tabs inside the run are rare; normalise them here.
                    out.extend(run.chars().map(|c| if c == '\t' { ' ' } else { c }));
                    i = next;
                }
            }
        }
        Ok(Cow::Owned(out))
    }
}

/// The attributes of a start tag, from the attribute text the scanner validated.
pub(crate) struct Attributes<'a> {
    text: &'a str,
    i: usize,
}

impl<'a> Attributes<'a> {
    pub fn new(text: &'a str, start: usize) -> Self {
        Attributes { text, i: start }
    }
}

impl<'a> Iterator for Attributes<'a> {
    type Item = Attr<'a>;
    fn next(&mut self) -> Option<Attr<'a>> {
        let bytes = self.text.as_bytes();
        while bytes.get(self.i).is_some_and(|b| is_space(*b)) {
            self.i += 1;
        }
        bytes.get(self.i)?;
        // The scanner validated the text, so this parses; should it not, iteration ends.
        let attr = parse_attribute(bytes, self.i).ok()?;
        self.i = attr.value.1 + 1;
        Some(Attr {
            key: self.text.get(attr.key.0..attr.key.1)?,
            raw_value: self.text.get(attr.value.0..attr.value.1)?,
        })
    }
}

/// Is `c` a character XML 1.0 allows (the `Char` production)?
fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// The reference starting with the `&` at `i` in `text` (which starts at input offset
/// `base`): the character it stands for and the offset after its `;`.
fn reference(text: &str, i: usize, base: usize) -> ScanResult<(char, usize)> {
    let bytes = text.as_bytes();
    let at = base + i;
    let rest = bytes.get(i + 1..).unwrap_or_default();
    // CXF ends every line of a PEM certificate with `&#xD;`: worth its own test.
    if rest.starts_with(b"#xD;") {
        return Ok(('\r', i + 5));
    }
    // References are short: a plain loop beats `memchr`'s set-up here.
    let Some(semi) = rest.iter().position(|&b| b == b';') else {
        return Err(malformed(
            at,
            "`&` not followed by a reference ending in `;`",
        ));
    };
    let name = text.get(i + 1..i + 1 + semi).unwrap_or_default();
    let next = i + 1 + semi + 1;
    let c = match name {
        "lt" => '<',
        "gt" => '>',
        "amp" => '&',
        "apos" => '\'',
        "quot" => '"',
        _ => match name.strip_prefix('#') {
            Some(number) => char_reference(number).ok_or_else(|| {
                malformed(
                    at,
                    format!("`&{}` is not a valid character reference", echo(name)),
                )
            })?,
            None => {
                return Err(malformed(
                    at,
                    format!("undefined entity `&{};`", echo(name)),
                ));
            }
        },
    };
    Ok((c, next))
}

/// The character of `&#65;` / `&#x41;` (given `65` / `x41`), if it is an XML character.
fn char_reference(number: &str) -> Option<char> {
    let (digits, radix) = match number.strip_prefix('x') {
        Some(hex) => (hex, 16),
        None => (number, 10),
    };
    if digits.is_empty() || !digits.bytes().all(|b| (b as char).is_digit(radix)) {
        return None;
    }
    let code = u32::from_str_radix(digits, radix).ok()?;
    char::from_u32(code).filter(|c| is_xml_char(*c))
}

/// A name from the input, shortened for an error message.
fn echo(name: &str) -> String {
    if name.chars().count() <= 32 {
        name.to_owned()
    } else {
        let mut s: String = name.chars().take(32).collect();
        s.push('…');
        s
    }
}

/// Checks every reference in character data `text` (at input offset `base`) without
/// building anything: for text that is passed over.
pub(crate) fn check_refs(text: &str, base: usize) -> ScanResult<()> {
    let bytes = text.as_bytes();
    let mut i = 0;
    while let Some(n) = memchr(b'&', bytes.get(i..).unwrap_or_default()) {
        let (_, next) = reference(text, i + n, base)?;
        i = next;
    }
    Ok(())
}

/// Whether character data needs [`push_text`] (it has references or CRs) rather than
/// being used as written.
#[inline]
pub(crate) fn needs_unescape(text: &str) -> bool {
    memchr2(b'&', b'\r', text.as_bytes()).is_some()
}

/// Appends character data `text` (at input offset `base`) to `out` with references
/// resolved and line ends normalised (XML 1.0 §2.11: CR LF and a lone CR become LF; a
/// `&#xD;` reference stays CR).
pub(crate) fn push_text(out: &mut String, text: &str, base: usize) -> ScanResult<()> {
    let bytes = text.as_bytes();
    let mut i = 0;
    while let Some(n) = memchr2(b'&', b'\r', bytes.get(i..).unwrap_or_default()) {
        let at = i + n;
        out.push_str(text.get(i..at).unwrap_or_default());
        if bytes.get(at) == Some(&b'\r') {
            out.push('\n');
            i = at + 1;
            if bytes.get(i) == Some(&b'\n') {
                i += 1;
            }
        } else {
            let (c, next) = reference(text, at, base)?;
            out.push(c);
            i = next;
        }
    }
    out.push_str(text.get(i..).unwrap_or_default());
    Ok(())
}

/// Appends a CDATA section's content to `out`, line ends normalised (CR LF and a lone CR
/// become LF; nothing else in CDATA is markup).
pub(crate) fn push_cdata(out: &mut String, text: &str) {
    let mut rest = text;
    while let Some(i) = rest.find('\r') {
        out.push_str(rest.get(..i).unwrap_or_default());
        out.push('\n');
        let after = rest.get(i + 1..).unwrap_or_default();
        rest = after.strip_prefix('\n').unwrap_or(after);
    }
    out.push_str(rest);
}

#[cfg(test)]
mod tests {
    use crate::{DecodeErrorKind, Limits, XmlReader};

    /// The text of the document element.
    fn text(xml: &str) -> Result<String, DecodeErrorKind> {
        let mut r = XmlReader::new(xml.as_bytes(), &Limits::default()).map_err(|e| e.kind)?;
        let root = r.root().map_err(|e| e.kind)?;
        let text = r.read_text(&root).map_err(|e| e.kind)?.into_owned();
        r.finish().map_err(|e| e.kind)?;
        Ok(text)
    }

    /// Walks the whole document (every token) and returns the error message, if any.
    fn walk(xml: &[u8]) -> Result<(), String> {
        let mut r = XmlReader::new(xml, &Limits::default()).map_err(|e| e.to_string())?;
        let root = r.root().map_err(|e| e.to_string())?;
        r.skip(&root).map_err(|e| e.to_string())?;
        r.finish().map_err(|e| e.to_string())
    }

    #[test]
    fn text_in_every_shape() {
        assert_eq!(text("<a>plain</a>").unwrap(), "plain");
        assert_eq!(text("<a>plain</a >").unwrap(), "plain");
        assert_eq!(text("<p:a xmlns:p='urn:p'>x</p:a>").unwrap(), "x");
        assert_eq!(text("\u{feff}<a>bom</a>").unwrap(), "bom");
        assert_eq!(
            text("<a>1 &lt; 2 &amp;&#65;&#x42;</a>").unwrap(),
            "1 < 2 &AB"
        );
        assert_eq!(
            text("<a>l1\r\nl2\rl3&#xD;\n</a>").unwrap(),
            "l1\nl2\nl3\r\n"
        );
        assert_eq!(text("<a>x<!-- <b> -->y</a>").unwrap(), "xy");
        assert_eq!(
            text("<a>x<![CDATA[<y>&amp;\r\n]]>z</a>").unwrap(),
            "x<y>&amp;\nz"
        );
        assert_eq!(text("<a>x<?pi data?>y<b>skipped</b>z</a>").unwrap(), "xyz");
        assert_eq!(text("<a/>").unwrap(), "");
        assert_eq!(text("<a></a>").unwrap(), "");
        assert_eq!(
            text("<?xml version='1.0' encoding='utf-8'?><a>d</a>").unwrap(),
            "d"
        );
    }

    #[test]
    fn attribute_values_are_normalised() {
        let xml = "<a k='1&#9;2\r\n3\t4&lt;' xmlns:p=\"urn:&quot;\"/>";
        let mut r = XmlReader::new(xml.as_bytes(), &Limits::default()).unwrap();
        let root = r.root().unwrap();
        let mut seen = Vec::new();
        r.for_each_attribute(&root, |_, k, v| {
            seen.push((k.to_owned(), v.into_owned()));
            Ok(())
        })
        .unwrap();
        assert_eq!(seen, [("k".to_owned(), "1\t2 3 4<".to_owned())]);
    }

    #[test]
    fn malformed_documents_are_refused_with_a_reason() {
        let cases: &[(&str, &str)] = &[
            ("<a>x</b>", "does not match start tag `<a>`"),
            ("<a><b></a></b>", "does not match"),
            ("<a>x</a></a>", "with no open element"),
            ("<a>x</a><b/>", "content after the document element"),
            ("<a>x", "unexpected end of input"),
            ("<a", "unclosed start tag"),
            ("<a x=1/>", "not in quotes"),
            ("<a x/>", "without `=`"),
            ("<a x='1'y='2'/>", "separated by whitespace"),
            ("<a x='1' x='2'/>", "appears twice"),
            ("<a x='<'/>", "`<` in an attribute value"),
            ("<a x='1/>", "unterminated attribute value"),
            ("<1a/>", "not a valid element name"),
            ("< a/>", "not followed by a name"),
            ("<a\"b/>", "invalid character in the name"),
            ("<a><!-- x</a>", "unterminated comment"),
            ("<a><![CDATA[x</a>", "unterminated CDATA"),
            ("<a><?pi x</a>", "unterminated processing instruction"),
            // Found by the xml_reader fuzz target: `<?>` took a later `?>` as its end.
            (
                "<?>\n<a>x?></a>",
                "`>` is not a valid processing instruction",
            ),
            (
                "<a><?1x?></a>",
                "`1x` is not a valid processing instruction",
            ),
            ("<a><?p\u{c}?></a>", "is not a valid processing instruction"),
            ("<a><!ELEMENT x></a>", "`<!` not followed"),
            ("<a>&bogus;</a>", "undefined entity `&bogus;`"),
            ("<a>&amp</a>", "ending in `;`"),
            ("<a>&#0;</a>", "not a valid character reference"),
            ("<a>&#xD800;</a>", "not a valid character reference"),
            ("<a>&#x110000;</a>", "not a valid character reference"),
            (
                "<a>&#99999999999999999999;</a>",
                "not a valid character reference",
            ),
            ("<a>&#x;</a>", "not a valid character reference"),
            ("<a x='&nope;'/>", "undefined entity"),
            ("<a/>text", "text after the document element"),
            // Only XML white space (`S`) around the document element, not Unicode's.
            ("<a/>\u{a0}", "text after the document element"),
            ("<a/>\n\u{2028}", "text after the document element"),
            ("text<a/>", "text before the document element"),
            ("\u{3000}<a/>", "text before the document element"),
            ("<![CDATA[x]]><a/>", "text before the document element"),
            ("&amp;<a/>", "text before the document element"),
            ("<!-- c -->", "no document element"),
        ];
        for (xml, reason) in cases {
            let err = walk(xml.as_bytes()).expect_err(xml);
            assert!(err.contains(reason), "{xml}: {err}");
        }
    }

    #[test]
    fn the_prolog_and_the_end_may_hold_white_space_comments_and_pis() {
        let xml =
            "\u{feff}<?xml version='1.0'?>\r\n<!-- c -->\t<?pi x?> <a>x</a>\r\n<!-- d --> <?e?>\n";
        walk(xml.as_bytes()).unwrap();
        assert_eq!(text(" \n<a>x</a> \n").unwrap(), "x");
    }

    #[test]
    fn names_with_a_colon_must_be_qualified_names() {
        // The xml_reader fuzz target found `<:b>` read into the default namespace; such
        // names break Namespaces in XML and are refused, in elements and attributes.
        for xml in [
            "<a><:b/></a>",
            "<a:/>",
            "<a:b:c xmlns:a='urn:a'/>",
            "<a:1 xmlns:a='urn:a'/>",
            "<a :x='1'/>",
            "<a x:='1'/>",
            "<a x:y:z='1'/>",
        ] {
            let err = walk(xml.as_bytes()).expect_err(xml);
            assert!(err.contains("not a qualified name"), "{xml}: {err}");
        }
        assert_eq!(text("<p:a xmlns:p='urn:p' p:x='1'>ok</p:a>").unwrap(), "ok");
    }

    #[test]
    fn a_raw_fragment_keeps_white_space_in_a_namespace_it_declares() {
        // A tab, LF or CR written as such in an attribute value reads back as a space:
        // the declaration `read_raw` adds writes them as character references.
        let xml = b"<a xmlns:p='u&#9;v&#10;w&#13;x'><p:b/></a>";
        let mut r = XmlReader::new(xml, &Limits::default()).unwrap();
        r.root().unwrap();
        let b = r.next_child().unwrap().unwrap();
        assert_eq!(r.namespace_of(&b), Some("u\tv\nw\rx"));
        let raw = r.read_raw(&b).unwrap();
        assert_eq!(raw.as_str(), r#"<p:b xmlns:p="u&#9;v&#10;w&#13;x"/>"#);
        let mut again = XmlReader::new(raw.as_str().as_bytes(), &Limits::default()).unwrap();
        let b = again.root().unwrap();
        assert_eq!(again.namespace_of(&b), Some("u\tv\nw\rx"));
    }

    #[test]
    fn encodings_other_than_utf8_are_named() {
        let mut latin1 = b"<?xml version='1.0' encoding='ISO-8859-1'?><a>".to_vec();
        latin1.extend_from_slice(&[0xE9, b'<', b'/', b'a', b'>']);
        let err = walk(&latin1).unwrap_err();
        assert!(err.contains("ISO-8859-1"), "{err}");
        let err = walk(&[b'<', b'a', b'>', 0xFF, b'<', b'/', b'a', b'>']).unwrap_err();
        assert!(err.contains("not UTF-8") && err.contains("byte 3"), "{err}");
    }

    #[test]
    fn error_positions_and_paths_name_the_place() {
        let xml = b"<a><b><c>&bad;</c></b></a>";
        let mut r = XmlReader::new(xml, &Limits::default()).unwrap();
        let root = r.root().unwrap();
        let err = r.skip(&root).unwrap_err();
        assert_eq!(err.position, 9);
        assert_eq!(err.path, "a/b/c");
    }
}
