//! The one error type of the generator: always says where (`file:line:column`) and what.

use std::fmt;

use crate::model::SourcePos;

/// A generator error. `Display` gives `file:line:column: message`, the way compilers do.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Error {
    /// Where in the input the problem is; `None` only for problems with no place
    /// (a missing entry file, an I/O error on the output).
    pub pos: Option<SourcePos>,
    pub kind: ErrorKind,
    pub message: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErrorKind {
    /// A file could not be read or found.
    Io,
    /// Not well-formed XML, or not valid WSDL/XSD structure.
    Malformed,
    /// A QName that names nothing.
    Unresolved,
    /// Two definitions with the same name.
    Duplicate,
    /// A construct we chose not to support (rpc/encoded, ...).
    Unsupported,
    /// The spec overlay does not fit the model.
    Overlay,
}

impl Error {
    pub fn new(kind: ErrorKind, pos: Option<SourcePos>, message: impl Into<String>) -> Self {
        Error {
            pos,
            kind,
            message: message.into(),
        }
    }
    pub fn unsupported(pos: Option<SourcePos>, message: impl Into<String>) -> Self {
        Self::new(ErrorKind::Unsupported, pos, message)
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.pos {
            Some(pos) => write!(f, "{pos}: {}", self.message),
            None => f.write_str(&self.message),
        }
    }
}

impl std::error::Error for Error {}
