//! Decode and encode errors. Every error says where: the element path below the SOAP
//! body (`GetOrdersResponse/Response/Orders/Order[3]/OrderInfo/OrderDate`) and the byte
//! offset in the input. Values are echoed only when short and not marked secret.

use std::fmt;

/// Longest invalid value echoed back in an error; longer ones are summarised by length
/// (they may be certificates, CSRs or secrets pasted in the wrong field).
pub const MAX_ECHOED_VALUE: usize = 64;

/// Why a message could not be decoded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DecodeError {
    /// Element path from the SOAP body's child down to the offending element, local
    /// names joined by `/`; a repeated element carries its 1-based index (`Order[3]`)
    /// from the second occurrence on; an attribute ends in `@name`.
    pub path: String,
    /// Byte offset into the input where the problem was found.
    pub position: u64,
    pub kind: DecodeErrorKind,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DecodeErrorKind {
    /// Not well-formed XML (what is wrong, in words).
    Malformed(String),
    /// A required element is absent (only reported when the reader is strict).
    Missing { element: String },
    /// Text that is not a valid lexical value of its type. `value` is `None` when it was
    /// withheld (secret, or longer than [`MAX_ECHOED_VALUE`] characters).
    InvalidValue {
        value: Option<String>,
        expected: String,
    },
    /// A [`crate::Limits`] bound was exceeded.
    Limit { what: &'static str, limit: usize },
    /// Something other than what the message shape allows at this place.
    Unexpected { expected: String, found: String },
    /// A second occurrence of an element the schema allows at most once (`maxOccurs`
    /// 1). Refused rather than read first- or last-wins: two `SuccessCode`s (`-1`, then
    /// `0`) must not let one reader see a failure and another a success.
    Repeated { element: String },
    /// Strict reading only: a difference from the schema that lenient reading records
    /// as a [`crate::Deviation`] (see [`crate::policy`]).
    Deviation(crate::DeviationKind),
    /// A document type declaration: refused (no entity expansion, no XXE).
    Dtd,
    /// The bytes are not UTF-8, or declare an encoding other than UTF-8.
    Encoding(String),
}

impl DecodeError {
    pub fn new(path: impl Into<String>, position: u64, kind: DecodeErrorKind) -> Self {
        DecodeError {
            path: path.into(),
            position,
            kind,
        }
    }
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            write!(f, "at byte {}: ", self.position)?;
        } else {
            write!(f, "at {} (byte {}): ", self.path, self.position)?;
        }
        match &self.kind {
            DecodeErrorKind::Malformed(m) => write!(f, "malformed XML: {m}"),
            DecodeErrorKind::Missing { element } => {
                write!(f, "required element `{element}` is missing")
            }
            DecodeErrorKind::InvalidValue { value, expected } => match value {
                Some(v) => write!(f, "invalid value {v:?}, expected {expected}"),
                None => write!(f, "invalid value (withheld), expected {expected}"),
            },
            DecodeErrorKind::Limit { what, limit } => {
                write!(f, "limit exceeded: {what} (limit {limit})")
            }
            DecodeErrorKind::Unexpected { expected, found } => {
                write!(f, "expected {expected}, found {found}")
            }
            DecodeErrorKind::Repeated { element } => {
                write!(f, "repeated element `{element}` (at most one allowed)")
            }
            DecodeErrorKind::Deviation(kind) => write!(f, "strict reading: {kind}"),
            DecodeErrorKind::Dtd => f.write_str("document type declarations are not accepted"),
            DecodeErrorKind::Encoding(m) => write!(f, "encoding: {m}"),
        }
    }
}

impl std::error::Error for DecodeError {}

/// A text that is not one of the values an enumeration lists: the error of the generated
/// enumerations' `FromStr` (`"9".parse::<OrderStatus>()`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnlistedValue {
    /// The enumeration's type name.
    pub type_name: &'static str,
    /// The text that was parsed (shortened to [`MAX_ECHOED_VALUE`] characters).
    pub value: String,
    /// The values the enumeration lists.
    pub values: &'static [&'static str],
}

impl UnlistedValue {
    /// The error for `value`, which `type_name` does not list among `values`.
    pub fn new(type_name: &'static str, value: &str, values: &'static [&'static str]) -> Self {
        UnlistedValue {
            type_name,
            value: value.chars().take(MAX_ECHOED_VALUE).collect(),
            values,
        }
    }
}

impl fmt::Display for UnlistedValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "`{}` is not a value of {} (one of: {})",
            self.value,
            self.type_name,
            self.values.join(", ")
        )
    }
}

impl std::error::Error for UnlistedValue {}

/// A text value that does not parse as its type (before the reader adds the place).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValueError {
    /// What was expected, e.g. `xs:int` or `one of New, Renewal`.
    pub expected: String,
}

impl ValueError {
    pub fn new(expected: impl Into<String>) -> Self {
        ValueError {
            expected: expected.into(),
        }
    }
}

/// The value to echo in an error, if it may be echoed.
pub(crate) fn echo_value(value: &str, secret: bool) -> Option<String> {
    if secret || value.chars().count() > MAX_ECHOED_VALUE {
        None
    } else {
        Some(value.to_owned())
    }
}

/// Why a message could not be written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EncodeError {
    /// Element path (local names) of the element being written.
    pub path: String,
    pub message: String,
}

impl EncodeError {
    pub fn new(path: impl Into<String>, message: impl Into<String>) -> Self {
        EncodeError {
            path: path.into(),
            message: message.into(),
        }
    }
}

impl fmt::Display for EncodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            f.write_str(&self.message)
        } else {
            write!(f, "at {}: {}", self.path, self.message)
        }
    }
}

impl std::error::Error for EncodeError {}
