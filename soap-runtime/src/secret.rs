//! A string that must never be shown: passwords (`Password`, `PickupPassword`).

use std::borrow::Cow;
use std::fmt;

use crate::error::{EncodeError, ValueError};
use crate::value::SimpleValue;
use crate::writer::XmlWriter;

/// A secret string. `Debug` and `Display` print `***`; decode errors never echo it.
/// The value is reachable only through [`Secret::expose`], so every place that
/// reveals it is greppable.
///
/// Serde (de)serialises the real value: reading requests from a config file needs
/// it, and serialising is an explicit act of the caller.
#[derive(Clone, Default, PartialEq, Eq, Hash)]
pub struct Secret(String);

impl Secret {
    pub fn new(value: impl Into<String>) -> Self {
        Secret(value.into())
    }
    /// The secret itself. Do not log it.
    pub fn expose(&self) -> &str {
        &self.0
    }
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("***")
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("***")
    }
}

impl From<String> for Secret {
    fn from(s: String) -> Self {
        Secret(s)
    }
}

impl From<&str> for Secret {
    fn from(s: &str) -> Self {
        Secret(s.to_owned())
    }
}

impl SimpleValue for Secret {
    const EMPTY_IS_ABSENT: bool = false;
    const SECRET: bool = true;
    fn parse_text(text: Cow<'_, str>) -> Result<Self, (ValueError, Cow<'_, str>)> {
        Ok(Secret(text.into_owned()))
    }
    fn to_text(&self) -> Cow<'_, str> {
        Cow::Borrowed(&self.0)
    }
    fn write_text(&self, w: &mut XmlWriter) -> Result<(), EncodeError> {
        // The writer's error names the path only, never the text.
        w.text(&self.0)
    }
}

impl serde::Serialize for Secret {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

impl<'de> serde::Deserialize<'de> for Secret {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        String::deserialize(d).map(Secret)
    }
}

/// Whether `c` continues a word (a secret next to one is part of another value).
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// `text` with every occurrence of `secret` that is not part of a longer word replaced by
/// `mask`: secrets are masked where they stand as values, never inside other words (a
/// one-letter test password `p` leaves `alpha` alone). An edge of the secret that is not
/// itself a word character (`-p4ss!`) is a boundary on its own.
pub fn mask_value(text: &str, secret: &str, mask: &str) -> String {
    let (Some(first), Some(last)) = (secret.chars().next(), secret.chars().next_back()) else {
        return text.to_owned();
    };
    let mut out = String::with_capacity(text.len());
    let mut copied = 0;
    let mut from = 0;
    while let Some(found) = text[from..].find(secret) {
        let start = from + found;
        let end = start + secret.len();
        let before = text[..start].chars().next_back();
        let after = text[end..].chars().next();
        let open = !is_word_char(first) || before.is_none_or(|c| !is_word_char(c));
        let close = !is_word_char(last) || after.is_none_or(|c| !is_word_char(c));
        if open && close {
            out.push_str(&text[copied..start]);
            out.push_str(mask);
            copied = end;
            from = end;
        } else {
            // Step one character on: an occurrence may start inside this one.
            from = start + first.len_utf8();
        }
    }
    out.push_str(&text[copied..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn never_printed() {
        let s = Secret::new("hunter2");
        assert_eq!(format!("{s:?} {s}"), "*** ***");
        assert_eq!(s.expose(), "hunter2");
        #[derive(Debug)]
        #[allow(dead_code)]
        struct Holder {
            password: Secret,
        }
        let h = Holder { password: s };
        assert!(!format!("{h:?}").contains("hunter2"));
    }
}
