//! Content kept verbatim: `xs:any` elements and `xs:anyAttribute` attributes.

use std::fmt;

use crate::Limits;
use crate::error::DecodeError;
use crate::reader::XmlReader;

/// One element (with its content) kept as XML text, exactly as received, plus the
/// namespace declarations it needs from outside itself. Written back verbatim.
#[derive(Clone, Default, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(transparent)]
pub struct RawXml(String);

impl RawXml {
    /// Checks that `xml` is one well-formed element (whitespace around it allowed).
    pub fn new(xml: impl Into<String>) -> Result<Self, DecodeError> {
        let xml = xml.into();
        let mut r = XmlReader::new(xml.as_bytes(), &Limits::default())?;
        let root = r.root()?;
        r.skip(&root)?;
        r.finish()?;
        Ok(RawXml(xml))
    }
    /// Wraps text the reader captured (already known to be well-formed).
    pub(crate) fn from_trusted(xml: String) -> Self {
        RawXml(xml)
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
    pub fn into_string(self) -> String {
        self.0
    }
}

impl fmt::Debug for RawXml {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("RawXml").field(&self.0).finish()
    }
}

impl fmt::Display for RawXml {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// An attribute kept for `xs:anyAttribute`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct RawAttribute {
    pub namespace: Option<String>,
    pub name: String,
    pub value: String,
}

/// Character data as written in XML (`a &amp; b&#x3C;`) with its references resolved and
/// line ends normalised, as the reader does for element text; `None` when a reference is
/// malformed or undefined. For text kept raw and read later (a deviation's XML).
pub fn unescape_text(text: &str) -> Option<String> {
    let mut out = String::with_capacity(text.len());
    crate::scan::push_text(&mut out, text, 0).ok()?;
    Some(out)
}
