//! Keeping secrets out of everything `gas` prints.
//!
//! Two layers: the content of every element whose name ends in `Password` (`Password`,
//! `PickupPassword`) is replaced by `***` in the XML that `--dry-run` prints, and every
//! known secret value (the API password, each `PickupPassword` read from a file) is
//! replaced by `***` in any text before it reaches stdout or stderr, tracing included.

use std::io::{self, Write};
use std::sync::{Arc, Mutex, PoisonError};

use quick_xml::Reader;
use quick_xml::events::Event;

pub const MASK: &str = "***";

/// Replaces the text of every `…Password` element with `***`. Text that is not
/// well-formed XML is returned with nothing replaced by this step (the value masking of
/// [`Secrets`] still applies to it).
pub fn mask_password_elements(xml: &str) -> String {
    let mut reader = Reader::from_str(xml);
    // Byte ranges of password element contents.
    let mut ranges: Vec<(usize, usize)> = Vec::new();
    let mut open: Option<usize> = None;
    loop {
        let before = reader.buffer_position() as usize;
        match reader.read_event() {
            Ok(Event::Start(tag)) => {
                let local = tag.local_name();
                let name: &str = local.as_ref();
                open = name
                    .ends_with("Password")
                    .then(|| reader.buffer_position() as usize);
            }
            Ok(Event::End(_)) => {
                if let Some(start) = open.take() {
                    ranges.push((start, before));
                }
            }
            Ok(Event::Eof) | Err(_) => break,
            Ok(_) => {}
        }
    }
    let mut out = String::with_capacity(xml.len());
    let mut last = 0;
    for (start, end) in ranges {
        if start > end
            || end > xml.len()
            || !xml.is_char_boundary(start)
            || !xml.is_char_boundary(end)
        {
            continue;
        }
        out.push_str(&xml[last..start]);
        if start < end {
            out.push_str(MASK);
        }
        last = end;
    }
    out.push_str(&xml[last..]);
    out
}

/// The secret values known to this run, shared by every output path.
#[derive(Clone, Default)]
pub struct Secrets {
    values: Arc<Mutex<Vec<String>>>,
}

impl std::fmt::Debug for Secrets {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Secrets(***)")
    }
}

impl Secrets {
    /// Remembers a secret value. Values shorter than three characters are not masked in
    /// free text (they would mangle ordinary words); they are still masked in XML.
    pub fn add(&self, value: &str) {
        if value.chars().count() < 3 {
            return;
        }
        let mut values = self.values.lock().unwrap_or_else(PoisonError::into_inner);
        if !values.iter().any(|v| v == value) {
            values.push(value.to_owned());
            // Longest first, so that a secret containing another is masked whole.
            values.sort_by_key(|v| std::cmp::Reverse(v.len()));
        }
    }

    /// `text` with every known secret value replaced by `***` where it stands as a value
    /// (never inside a longer word), also in the escaped forms XML and JSON output would
    /// give it.
    pub fn mask(&self, text: &str) -> String {
        let values = self.values.lock().unwrap_or_else(PoisonError::into_inner);
        let mut out = text.to_owned();
        for value in values.iter() {
            for form in forms(value) {
                if out.contains(&form) {
                    out = soap_runtime::mask_value(&out, &form, MASK);
                }
            }
        }
        out
    }
}

fn forms(value: &str) -> Vec<String> {
    let mut forms = vec![value.to_owned()];
    let xml = quick_xml::escape::escape(value).into_owned();
    if xml != value {
        forms.push(xml);
    }
    if let Ok(json) = serde_json::to_string(value) {
        let inner = json.trim_matches('"').to_owned();
        if inner != value {
            forms.push(inner);
        }
    }
    forms
}

/// A writer that masks known secrets line by line before passing text on: tracing and
/// every message go through one of these.
pub struct MaskingWriter<W: Write> {
    inner: W,
    secrets: Secrets,
    pending: Vec<u8>,
}

impl<W: Write> MaskingWriter<W> {
    pub fn new(inner: W, secrets: Secrets) -> Self {
        MaskingWriter {
            inner,
            secrets,
            pending: Vec::new(),
        }
    }

    fn emit(&mut self, bytes: &[u8]) -> io::Result<()> {
        let text = String::from_utf8_lossy(bytes);
        self.inner.write_all(self.secrets.mask(&text).as_bytes())
    }
}

impl<W: Write> Write for MaskingWriter<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.pending.extend_from_slice(buf);
        while let Some(pos) = self.pending.iter().position(|&b| b == b'\n') {
            let line: Vec<u8> = self.pending.drain(..=pos).collect();
            self.emit(&line)?;
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        if !self.pending.is_empty() {
            let rest = std::mem::take(&mut self.pending);
            self.emit(&rest)?;
        }
        self.inner.flush()
    }
}

impl<W: Write> Drop for MaskingWriter<W> {
    fn drop(&mut self) {
        let _ = self.flush();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn password_elements_are_masked_whatever_their_prefix() {
        let xml = r#"<s:Envelope xmlns:s="x"><s:Body><m:OrderPS2 xmlns:m="y"><Request><OrderRequestHeader><AuthToken><UserName>u</UserName><Password>hunter2&amp;x</Password></AuthToken></OrderRequestHeader><PickupPassword>pick-me-up</PickupPassword><a:PickupPassword xmlns:a="z">two</a:PickupPassword><Password/><Year>1</Year></Request></m:OrderPS2></s:Body></s:Envelope>"#;
        let masked = mask_password_elements(xml);
        assert!(!masked.contains("hunter2"));
        assert!(!masked.contains("pick-me-up"));
        assert!(!masked.contains(">two<"));
        assert!(masked.contains("<Password>***</Password>"));
        assert!(masked.contains("<PickupPassword>***</PickupPassword>"));
        assert!(masked.contains("<UserName>u</UserName>"));
        assert!(masked.contains("<Year>1</Year>"));
        assert!(masked.contains("<Password/>"));
    }

    #[test]
    fn broken_xml_is_returned_unmasked_by_element_but_masked_by_value() {
        let secrets = Secrets::default();
        secrets.add("s3cr&t\"pw");
        let text = "<Password>s3cr&amp;t&quot;pw</Password><Other>s3cr&t\"pw</Other> json: \"s3cr&t\\\"pw\"";
        let masked = secrets.mask(&mask_password_elements(text));
        assert!(!masked.contains("s3cr"), "{masked}");
    }

    #[test]
    fn the_masking_writer_masks_across_write_calls() {
        let secrets = Secrets::default();
        secrets.add("topsecret");
        secrets.add("ab");
        let mut out = Vec::new();
        {
            let mut w = MaskingWriter::new(&mut out, secrets.clone());
            w.write_all(b"first tops").unwrap();
            w.write_all(b"ecret line\nab tail topsecret").unwrap();
        }
        let text = String::from_utf8(out).unwrap();
        assert_eq!(text, "first *** line\nab tail ***");
        assert_eq!(format!("{secrets:?}"), "Secrets(***)");
    }
}
