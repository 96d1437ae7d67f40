//! The API surface of a service, and the difference between two surfaces.
//!
//! `cargo xtask regen` has to tell a reviewer what a new WSDL changes *in API terms*
//! (an operation appeared, a field became required, a value was added to a list of
//! allowed values) before it shows the line diff of thousands of generated lines.
//! The surface is the small, language-neutral description that answer is computed
//! from: operations with their message types, types with their ordered fields, and
//! the value sets and facets that constrain them.
//!
//! A surface is written as a stable text file ([`Surface::to_text`]) checked in next
//! to the generated code, so the "old" side of the next comparison is read back with
//! [`Surface::parse`] — no git history is needed, and the file itself is a readable
//! index of the API that changes line by line in review.
//!
//! The file format, one item per line, two-space indents for members:
//!
//! ```text
//! # comment lines (the header) are ignored when read back
//! operation OrderPS2
//!   in OrderPS2: OrderPS2
//!   out OrderPS2Response: OrderPS2Response
//! type PcV2OrderPS2Request
//!   element OrderRequestHeader: OrderRequestHeader as order_request_header
//!   element Coupon: xs:string [0..1] nillable as coupon
//!     maxLength 50
//! simple OrderKind: xs:string
//!   value "new" as New
//! values OrderStatus
//!   value "4" as IssueCompleted
//! ```
//!
//! Operation members: `in`/`out` (body parts), `header-in`/`header-out`, `fault`,
//! `action "…"`, `soap 1.1|1.2`. Type header words after the name: `extends T`,
//! `restricts T`, `abstract`, `mixed`. Type members: `element`, `attribute`, `any`,
//! `text`; each may carry facet lines (from the spec overlay) one level deeper.
//! Simple types: `simple Name: base`, `simple Name: list T`, `simple Name: union T U`,
//! then facet lines. Facet lines: `value "…"`, `pattern "…"`, and `length`,
//! `minLength`, `maxLength`, `minInclusive`, `maxInclusive`, `minExclusive`,
//! `maxExclusive`, `totalDigits`, `fractionDigits`, `whiteSpace` followed by a value.
//! Occurrence is `[min..max]` with `*` for unbounded, left out when exactly once.
//! A trailing `as name` gives the Rust name the generator uses: the struct field of
//! a field line (`group.field` / `group::Variant` inside generated groups), the enum
//! variant of a `value` line. Wire names alone miss renames such as OrderStatus `4`
//! going from `V4` to `IssueCompleted`, which break users just the same.
//! Everything is kept in schema order (fields) or sorted (operations, types, values
//! in the order the schema lists them), so the same input always gives the same text.
//!
//! The module is split by concern: `build` makes a surface (from the model, the
//! generator's plan and the overlay), `text` writes and reads the text form, `diff`
//! compares two surfaces.

mod build;
mod diff;
mod text;

pub use build::{builtin_name, facets_of, type_names};
pub use diff::{Change, diff};
pub use text::ParseError;

use std::collections::BTreeMap;

use crate::model::DerivationMethod;

/// The API surface: what a user of the generated code sees, without the code.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Surface {
    /// Keyed by operation name (`Binding.Operation` when a model has several bindings
    /// that would otherwise give the same name twice).
    pub operations: BTreeMap<String, OperationSurface>,
    /// Keyed by the type's surface name (see [`type_names`]).
    pub types: BTreeMap<String, TypeSurface>,
    /// Named sets of allowed values that the spec overlay adds (the generator makes
    /// Rust enums of them), values in the overlay's order.
    pub value_sets: BTreeMap<String, Vec<Facet>>,
    /// The overlay's constraints keyed by element path (`OrderPS2/Request/Coupon`,
    /// `*/Request/OrderRequestHeader/AuthToken/UserName`): lengths, pattern, format,
    /// the value set, secrecy.
    pub constraints: BTreeMap<String, Vec<Facet>>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct OperationSurface {
    pub soap: Option<String>,
    pub action: Option<String>,
    pub input: Vec<PartSurface>,
    pub output: Vec<PartSurface>,
    pub input_headers: Vec<PartSurface>,
    pub output_headers: Vec<PartSurface>,
    pub faults: Vec<PartSurface>,
}

/// A message part: the body (or header) element's name and its type.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct PartSurface {
    pub name: String,
    pub type_: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TypeSurface {
    Complex(ComplexSurface),
    Simple(SimpleSurface),
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ComplexSurface {
    /// `extends T` / `restricts T`.
    pub base: Option<(DerivationMethod, String)>,
    pub abstract_: bool,
    pub mixed: bool,
    /// In schema order: elements (flattened through nested groups), then attributes.
    pub fields: Vec<Field>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Field {
    pub kind: FieldKind,
    /// The wire name: `Coupon`, `{urn:ns}Item` when namespace-qualified, `*` for
    /// `xs:any`, empty for simple content text.
    pub wire: String,
    pub type_: String,
    pub min: u32,
    /// `None` = unbounded.
    pub max: Option<u32>,
    pub nillable: bool,
    /// Which `xs:choice` (numbered within the type) this element is a branch of.
    pub choice: Option<u32>,
    /// Constraints the spec overlay adds to this field.
    pub facets: Vec<Facet>,
    /// The Rust field this maps to (`order_status`; `group.field` inside a generated
    /// sequence struct, `group::Variant` for a branch of a choice enum), when the
    /// generator makes one: renaming it breaks users, whatever the wire says.
    pub rust: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum FieldKind {
    Element,
    Attribute,
    Any,
    Text,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SimpleSurface {
    pub kind: SimpleKind,
    pub facets: Vec<Facet>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SimpleKind {
    Restriction(String),
    List(String),
    Union(Vec<String>),
}

/// One constraining facet, as the schema (or overlay) wrote it.
#[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct Facet {
    /// `value`, `pattern`, `length`, `minLength`, ... (XSD facet names; `value` is
    /// an enumeration value).
    pub name: String,
    pub value: String,
    /// For a `value` of a set the generator makes a Rust enum of: the variant's name
    /// (`IssueCompleted` for OrderStatus `4`). Renaming a variant breaks users even
    /// when the wire value stays, so the surface records it (`value "4" as
    /// IssueCompleted`).
    pub rust: Option<String>,
}

/// The value set holding the overlay's error codes (a name no overlay value set can
/// have: those are UpperCamelCase).
pub const ERROR_CODES: &str = "error-codes";

/// Facet names whose value is written quoted (free text) rather than as one word.
const QUOTED_FACETS: &[&str] = &["value", "pattern", "format"];
/// Facet names that may appear several times (the others at most once).
const REPEATED_FACETS: &[&str] = &["value", "pattern"];
const KNOWN_FACETS: &[&str] = &[
    "value",
    "pattern",
    "length",
    "minLength",
    "maxLength",
    "minInclusive",
    "maxInclusive",
    "minExclusive",
    "maxExclusive",
    "totalDigits",
    "fractionDigits",
    "whiteSpace",
    // Overlay-only: the named value set an element takes its values from, a format
    // name (`datetime`, `email`, ...), and whether the value is a secret.
    "values",
    "format",
    "secret",
];

impl Field {
    /// The key a field is compared by between two surfaces: its kind and wire name.
    fn key(&self) -> String {
        match self.kind {
            FieldKind::Element => self.wire.clone(),
            FieldKind::Attribute => format!("@{}", self.wire),
            FieldKind::Any => "*any".to_owned(),
            FieldKind::Text => "$text".to_owned(),
        }
    }
}

#[cfg(test)]
mod tests;
