//! Masking of any text that might contain a secret (the API password, `PickupPassword`).
//!
//! Two layers keep secrets out of `Debug`, `Display`, logs and errors:
//! - [`Secret`](soap_runtime::Secret) (re-exported as [`crate::Secret`]) prints `***`; the
//!   generated request types use it for `Password` and `PickupPassword`.
//! - [`Masker`] scrubs text that came from the network (HTTP error pages, SOAP faults, API
//!   error messages) before it is stored in an [`Error`](crate::Error): it blanks the content of
//!   every element whose local name ends in `password` (any case, any prefix) and every literal
//!   occurrence of a secret the client knows about (raw and XML-escaped). The request body
//!   itself is never put into an error.

use std::fmt;

/// What a masked secret is replaced with.
pub(crate) const MASK: &str = "***";

/// Scrubs secrets out of text before it is kept in an error or logged.
#[derive(Clone, Default)]
pub(crate) struct Masker {
    /// Literal strings to blank, longest first so that a secret containing another is
    /// blanked whole.
    literals: Vec<String>,
}

impl fmt::Debug for Masker {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Masker({} secrets)", self.literals.len())
    }
}

impl Masker {
    /// A masker that knows the given secrets (empty ones are ignored).
    pub(crate) fn new<'a>(secrets: impl IntoIterator<Item = &'a str>) -> Self {
        let mut literals = Vec::new();
        for secret in secrets {
            if secret.is_empty() {
                continue;
            }
            literals.push(secret.to_owned());
            let escaped = xml_escape(secret);
            if escaped != secret {
                literals.push(escaped);
            }
        }
        literals.sort_by(|a, b| b.len().cmp(&a.len()).then_with(|| a.cmp(b)));
        literals.dedup();
        Masker { literals }
    }

    /// Adds another masker's secrets to this one's.
    pub(crate) fn absorb(&mut self, other: &Masker) {
        self.literals.extend(other.literals.iter().cloned());
        self.literals
            .sort_by(|a, b| b.len().cmp(&a.len()).then_with(|| a.cmp(b)));
        self.literals.dedup();
    }

    /// `text` with password elements' content and every known secret replaced by `***`
    /// where it stands as a value: not inside a longer word (a one-letter test password
    /// `p` leaves `alpha` and `pattern` alone; `p` after `=`, in quotes or between spaces is
    /// masked).
    pub(crate) fn mask(&self, text: &str) -> String {
        let mut out = mask_password_elements(text);
        for literal in &self.literals {
            if out.contains(literal.as_str()) {
                out = soap_runtime::mask_value(&out, literal, MASK);
            }
        }
        out
    }

    /// The start of a response body for an error message: lossily decoded, masked, then cut
    /// to at most `max_chars` characters (masking first, so a cut never reveals part of a
    /// secret).
    pub(crate) fn body_start(&self, body: &[u8], max_chars: usize) -> String {
        // Decode a little more than needed: enough to see a secret that straddles the cut.
        let window = max_chars.saturating_mul(4).saturating_add(1024);
        let slice = &body[..body.len().min(window)];
        let masked = self.mask(&String::from_utf8_lossy(slice));
        let mut cut: String = masked.chars().take(max_chars).collect();
        if cut.len() < masked.len() || slice.len() < body.len() {
            cut.push('…');
        }
        cut
    }
}

/// Escapes the five XML special characters the way an XML writer would.
fn xml_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            other => out.push(other),
        }
    }
    out
}

/// Blanks the text content of every element whose local name ends in `password`
/// (ASCII case-insensitive): `<PickupPassword>x</PickupPassword>`, `<ns:Password>x<…`.
/// Text cut off before the closing tag is blanked up to the end.
fn mask_password_elements(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(lt) = rest.find('<') {
        out.push_str(&rest[..lt]);
        let tag_and_after = &rest[lt..];
        let Some(gt) = tag_and_after.find('>') else {
            // An unfinished tag: keep it as is, nothing follows it.
            out.push_str(tag_and_after);
            return out;
        };
        let tag = &tag_and_after[..=gt];
        out.push_str(tag);
        rest = &tag_and_after[gt + 1..];
        if is_password_start_tag(tag) {
            let content_end = rest.find('<').unwrap_or(rest.len());
            if content_end > 0 {
                out.push_str(MASK);
            }
            rest = &rest[content_end..];
        }
    }
    out.push_str(rest);
    out
}

/// Whether `tag` (from `<` to `>`) opens an element whose local name ends in `password`.
fn is_password_start_tag(tag: &str) -> bool {
    let inner = tag.trim_start_matches('<').trim_end_matches('>');
    if inner.starts_with('/') || inner.starts_with('?') || inner.starts_with('!') {
        return false;
    }
    if inner.ends_with('/') {
        return false; // empty element, no content
    }
    let name = inner
        .split(|c: char| c.is_whitespace())
        .next()
        .unwrap_or_default();
    let local = name.rsplit(':').next().unwrap_or(name);
    local.len() >= "password".len()
        && local.as_bytes()[local.len() - "password".len()..].eq_ignore_ascii_case(b"password")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn password_elements_are_blanked_whatever_their_prefix_or_case() {
        let text = "<a><ns2:PickupPassword>abc</ns2:PickupPassword><Password x=\"1\">p&amp;w</Password>\
                    <password/><UserName>bob</UserName><PickupPassword>cut-off";
        let masked = Masker::default().mask(text);
        assert_eq!(
            masked,
            "<a><ns2:PickupPassword>***</ns2:PickupPassword><Password x=\"1\">***</Password>\
             <password/><UserName>bob</UserName><PickupPassword>***"
        );
    }

    #[test]
    fn known_secrets_are_blanked_raw_and_escaped() {
        let masker = Masker::new(["s3cr&t", "", "other"]);
        assert_eq!(
            masker.mask("x s3cr&t y s3cr&amp;t z other"),
            "x *** y *** z ***"
        );
    }

    #[test]
    fn body_start_masks_before_cutting() {
        let masker = Masker::new(["abcdefgh"]);
        let body = b"012345678 abcdefgh tail";
        let start = masker.body_start(body, 12);
        assert_eq!(start, "012345678 **…");
        assert!(!start.contains("ab"));
    }

    #[test]
    fn secrets_are_masked_as_values_never_inside_words() {
        let masker = Masker::new(["p"]);
        assert_eq!(
            masker.mask("alpha-2 pattern p 'p' =p& <x>p</x> p."),
            "alpha-2 pattern *** '***' =***& <x>***</x> ***."
        );
        // An edge that is not a word character is a boundary of its own.
        let masker = Masker::new(["-x!"]);
        assert_eq!(masker.mask("a-x!b"), "a***b");
        // Overlapping candidates: the one standing alone is found.
        let masker = Masker::new(["aa"]);
        assert_eq!(masker.mask("aaa aa"), "aaa ***");
    }

    #[test]
    fn body_start_of_short_body_is_whole() {
        assert_eq!(Masker::default().body_start(b"short", 512), "short");
        assert_eq!(
            Masker::default().body_start(&[0xff, b'a'], 512),
            "\u{fffd}a"
        );
    }
}
