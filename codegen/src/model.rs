//! The resolved, language-neutral model of a service: what the parser produces and the
//! Rust back end (and `xtask regen`'s API diff) consume.
//!
//! Everything here is resolved: every QName reference points at a definition (or a
//! built-in), imports and includes are merged, and every definition keeps the place
//! it came from ([`SourcePos`]) so later stages can report errors as `file:line`.
//!
//! Determinism: collections are `BTreeMap`s or `Vec`s in document order
//! (`xs:sequence` order matters); [`TypeId`]s are assigned in a stable order by the
//! model builder (named types sorted by QName, then anonymous types by their
//! context path), so the same input always gives the same model.
//!
//! Ownership: this file is the contract between the front end (parse → model) and
//! the back end (model → Rust). Change it additively; say so in the commit message.

use std::collections::BTreeMap;
use std::fmt;
use std::sync::Arc;

/// Where a definition was written: `file:line:column` (1-based).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SourcePos {
    pub file: Arc<str>,
    pub line: u32,
    pub column: u32,
}

impl fmt::Display for SourcePos {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}", self.file, self.line, self.column)
    }
}

/// A namespace-qualified name. `namespace: None` is "no namespace" (an unqualified
/// local element, or a schema with no targetNamespace).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct QName {
    pub namespace: Option<String>,
    pub local: String,
}

impl QName {
    pub fn new(namespace: Option<&str>, local: &str) -> Self {
        QName {
            namespace: namespace.map(str::to_owned),
            local: local.to_owned(),
        }
    }
}

impl fmt::Display for QName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.namespace {
            Some(ns) => write!(f, "{{{ns}}}{}", self.local),
            None => f.write_str(&self.local),
        }
    }
}

/// The whole service description after resolution.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Model {
    /// The entry file as given (used in the `@generated` header).
    pub entry: String,
    /// sha256 (hex) over every input file's bytes, in load order.
    pub input_sha256: String,
    /// Every file that was read, in load order, with its own sha256.
    pub inputs: Vec<InputFile>,
    /// `wsdl:service` elements with their SOAP ports (HTTP GET/POST ports skipped; see `notes`).
    pub services: Vec<Service>,
    /// Every operation of every SOAP binding, in document order.
    pub operations: Vec<Operation>,
    /// Global element declarations.
    pub elements: BTreeMap<QName, ElementDecl>,
    /// Every type: named ones and anonymous ones. Index = [`TypeId`].
    pub types: Vec<TypeDef>,
    /// Things skipped or approximated, for the user to read (never silent).
    pub notes: Vec<Note>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InputFile {
    pub path: String,
    pub sha256: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Note {
    pub pos: SourcePos,
    pub message: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Service {
    pub name: String,
    pub doc: Option<String>,
    pub ports: Vec<Port>,
    pub pos: SourcePos,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Port {
    pub name: String,
    pub binding: String,
    pub address: Option<String>,
    pub soap_version: SoapVersion,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum SoapVersion {
    Soap11,
    Soap12,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Style {
    /// document/literal, one part with `element=` (wrapped or bare).
    Document,
    /// rpc/literal: the body child is `<operationName>` in the binding's namespace,
    /// holding one accessor element per part.
    Rpc,
}

/// One operation of one SOAP binding.
#[derive(Clone, Debug, PartialEq)]
pub struct Operation {
    pub name: String,
    /// The binding it belongs to (one portType can be bound twice: SOAP 1.1 and 1.2).
    pub binding: String,
    pub port_type: String,
    pub soap_version: SoapVersion,
    pub soap_action: Option<String>,
    pub style: Style,
    /// For rpc: the `namespace` attribute of `soap:body`.
    pub rpc_namespace: Option<String>,
    pub doc: Option<String>,
    pub input: Option<Message>,
    pub output: Option<Message>,
    pub faults: Vec<FaultMessage>,
    pub pos: SourcePos,
}

/// A message as it appears on the wire for one direction of an operation.
#[derive(Clone, Debug, PartialEq)]
pub struct Message {
    pub name: QName,
    /// Parts placed in the body, in `parts=`/document order.
    pub body: Vec<Part>,
    /// Parts bound to `soap:header`.
    pub headers: Vec<Part>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Part {
    pub name: String,
    pub content: PartContent,
}

#[derive(Clone, Debug, PartialEq)]
pub enum PartContent {
    /// `element="..."`: the body child is this global element.
    Element(QName),
    /// `type="..."` (rpc): an accessor element named after the part, of this type.
    Type(TypeRef),
}

#[derive(Clone, Debug, PartialEq)]
pub struct FaultMessage {
    pub name: String,
    pub message: QName,
    pub detail: Option<QName>,
}

/// A global `xs:element`.
#[derive(Clone, Debug, PartialEq)]
pub struct ElementDecl {
    pub name: QName,
    pub type_: TypeRef,
    pub nillable: bool,
    pub abstract_: bool,
    /// Head of the substitution group this element belongs to.
    pub substitution_group: Option<QName>,
    /// Elements that may stand in for this one (filled by the resolver), sorted.
    pub substitutes: Vec<QName>,
    pub doc: Option<String>,
    pub pos: SourcePos,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TypeId(pub usize);

/// Reference to a type: one of ours, or an XSD built-in.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum TypeRef {
    Builtin(Builtin),
    Defined(TypeId),
}

/// XSD built-in types (and `xs:anyType`). The Rust mapping table lives in the back end.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Builtin {
    AnyType,
    AnySimpleType,
    String,
    NormalizedString,
    Token,
    Language,
    Name,
    NcName,
    Id,
    IdRef,
    IdRefs,
    Entity,
    Entities,
    NmToken,
    NmTokens,
    AnyUri,
    QName,
    Notation,
    Boolean,
    Decimal,
    Integer,
    NonPositiveInteger,
    NegativeInteger,
    NonNegativeInteger,
    PositiveInteger,
    Long,
    Int,
    Short,
    Byte,
    UnsignedLong,
    UnsignedInt,
    UnsignedShort,
    UnsignedByte,
    Float,
    Double,
    Duration,
    DateTime,
    Date,
    Time,
    GYear,
    GYearMonth,
    GMonth,
    GMonthDay,
    GDay,
    Base64Binary,
    HexBinary,
}

/// What a type is called.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum TypeName {
    Named(QName),
    /// An anonymous type, named by where it sits: the global element or type it
    /// belongs to, then the local element names down to it
    /// (`["GetOrders", "Request", "Filter"]`).
    ///
    /// The front end's conventions for the other places an anonymous type can sit:
    /// the first entry may also be a global `xs:group`, `xs:attributeGroup` or
    /// `xs:attribute` name; a local attribute adds its plain name (no `@`); a nested
    /// simple type adds `Base` (inside `xs:restriction`), `Item` (inside `xs:list`)
    /// or `Member1`, `Member2`... (inline members of `xs:union`); and a
    /// simpleContent restriction that adds facets gets its own simple text type
    /// with `Value` appended. Contexts are not guaranteed unique (an element and
    /// an attribute may share a name); ids are ordered by context, then position.
    Anonymous {
        namespace: Option<String>,
        context: Vec<String>,
    },
}

#[derive(Clone, Debug, PartialEq)]
pub struct TypeDef {
    pub name: TypeName,
    pub doc: Option<String>,
    pub kind: TypeKind,
    pub pos: SourcePos,
}

#[derive(Clone, Debug, PartialEq)]
pub enum TypeKind {
    Simple(SimpleType),
    Complex(ComplexType),
}

#[derive(Clone, Debug, PartialEq)]
pub enum SimpleType {
    /// `xs:restriction` of an atomic base (possibly another defined simple type).
    Restriction { base: TypeRef, facets: Facets },
    /// `xs:list` of an item type.
    List { item: TypeRef, facets: Facets },
    /// `xs:union` of member types.
    Union { members: Vec<TypeRef> },
}

/// Constraining facets. Values are kept as the schema wrote them.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Facets {
    pub enumeration: Vec<EnumValue>,
    pub length: Option<u64>,
    pub min_length: Option<u64>,
    pub max_length: Option<u64>,
    pub patterns: Vec<String>,
    pub min_inclusive: Option<String>,
    pub max_inclusive: Option<String>,
    pub min_exclusive: Option<String>,
    pub max_exclusive: Option<String>,
    pub total_digits: Option<u32>,
    pub fraction_digits: Option<u32>,
    pub white_space: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EnumValue {
    pub value: String,
    pub doc: Option<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ComplexType {
    pub abstract_: bool,
    pub mixed: bool,
    /// complexContent/simpleContent derivation, if any. `content` and `attributes`
    /// below are this type's own additions (extension) or its whole restated content
    /// (restriction); the back end flattens as it sees fit.
    pub base: Option<Derivation>,
    pub content: Content,
    pub attributes: Vec<Attribute>,
    /// `xs:anyAttribute`: unknown attributes are kept, never dropped.
    pub any_attribute: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Derivation {
    pub base: TypeRef,
    pub method: DerivationMethod,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DerivationMethod {
    Extension,
    Restriction,
}

// One `Content` per complex type; boxing the particle would only add indirection.
#[allow(clippy::large_enum_variant)]
#[derive(Clone, Debug, PartialEq)]
pub enum Content {
    Empty,
    /// simpleContent: text of this type (plus the attributes).
    Simple(TypeRef),
    /// Element content.
    Particle(Particle),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Occurs {
    pub min: u32,
    /// `None` = unbounded.
    pub max: Option<u32>,
}

impl Occurs {
    pub const ONCE: Occurs = Occurs {
        min: 1,
        max: Some(1),
    };
    pub fn is_optional(&self) -> bool {
        self.min == 0 && self.max == Some(1)
    }
    pub fn is_repeated(&self) -> bool {
        self.max != Some(1)
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Particle {
    pub occurs: Occurs,
    pub term: Term,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Term {
    Element(LocalElement),
    Group(ModelGroup),
    Any(Wildcard),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Compositor {
    Sequence,
    Choice,
    All,
}

/// sequence / choice / all. Named `xs:group` refs are inlined by the resolver
/// (`group_name` keeps where they came from).
#[derive(Clone, Debug, PartialEq)]
pub struct ModelGroup {
    pub compositor: Compositor,
    pub group_name: Option<QName>,
    pub particles: Vec<Particle>,
}

/// An element as used inside a content model (local declaration or `ref=`).
#[derive(Clone, Debug, PartialEq)]
pub struct LocalElement {
    /// The name on the wire: `namespace` is `Some` when the element is qualified
    /// (a `ref` to a global element, `form="qualified"`, or elementFormDefault).
    pub name: QName,
    pub type_: TypeRef,
    pub nillable: bool,
    /// `Some(global)` when written as `ref=`; substitution groups hang off it.
    pub reference: Option<QName>,
    pub default: Option<String>,
    pub fixed: Option<String>,
    pub doc: Option<String>,
    pub pos: SourcePos,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Wildcard {
    /// As written: `##any`, `##other`, a list of URIs...
    pub namespace: String,
    pub process_contents: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Attribute {
    pub name: QName,
    pub type_: TypeRef,
    pub required: bool,
    pub default: Option<String>,
    pub fixed: Option<String>,
    pub doc: Option<String>,
    pub pos: SourcePos,
}

impl Model {
    pub fn type_def(&self, id: TypeId) -> &TypeDef {
        &self.types[id.0]
    }

    /// The id of the named type `name`, if the model defines it.
    pub fn find_type(&self, name: &QName) -> Option<TypeId> {
        self.types
            .iter()
            .position(|t| matches!(&t.name, TypeName::Named(q) if q == name))
            .map(TypeId)
    }
}
