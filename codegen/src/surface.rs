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

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use crate::model::{
    Builtin, Compositor, Content, DerivationMethod, Facets, Message, Model, Occurs, PartContent,
    Particle, SimpleType, SoapVersion, Term, TypeDef, TypeId, TypeKind, TypeName, TypeRef,
};
use crate::rust::{Kind as RustKind, Member, Plan, RType, StructDef, VariantKind};

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

/// Records the Rust names the generator gives to the fields of each struct and the
/// values of each enum (see [`Field::rust`], [`Facet::rust`]), taken from the same
/// plan the generator emits from, so a renamed variant or field shows up as a change.
/// A model type is matched to its Rust type by its origin (``complexType `{ns}T` ``),
/// which both sides compute from the type's name.
fn add_rust_names(model: &Model, names: &[String], types: &mut BTreeMap<String, TypeSurface>) {
    let plan = crate::rust::plan(model);
    let mut by_origin: BTreeMap<&str, &RType> = BTreeMap::new();
    for t in &plan.types {
        by_origin.entry(t.origin.as_str()).or_insert(t);
    }
    for (t, name) in model.types.iter().zip(names) {
        let complex = matches!(t.kind, TypeKind::Complex(_));
        let origin = crate::rust::origin(&t.name, complex);
        let (Some(rt), Some(surface)) = (by_origin.get(origin.as_str()), types.get_mut(name))
        else {
            continue;
        };
        match (&rt.kind, surface) {
            (RustKind::Enum(values), TypeSurface::Simple(s)) => {
                for f in s.facets.iter_mut().filter(|f| f.name == "value") {
                    f.rust = values
                        .iter()
                        .find(|v| v.value == f.value)
                        .map(|v| v.variant.clone());
                }
            }
            (RustKind::Struct(def), TypeSurface::Complex(c)) => {
                let mut candidates = Vec::new();
                rust_fields(&plan, def, "", 0, &mut candidates);
                for f in &mut c.fields {
                    // Qualified wire names are `{ns}local`; the plan keys by local name.
                    let local = f.wire.rsplit('}').next().unwrap_or_default();
                    if let Some(i) = candidates
                        .iter()
                        .position(|(k, l, _)| *k == f.kind && l == local)
                    {
                        f.rust = Some(candidates.remove(i).2);
                    }
                }
            }
            _ => {}
        }
    }
}

/// The fields of a planned struct as (kind, wire local name, Rust path), nested
/// groups flattened the way the surface flattens them: `group.field` for a sequence
/// struct, `group::Variant` for a choice enum.
fn rust_fields(
    plan: &Plan,
    def: &StructDef,
    prefix: &str,
    depth: usize,
    out: &mut Vec<(FieldKind, String, String)>,
) {
    for a in &def.attrs {
        out.push((
            FieldKind::Attribute,
            a.xml.local.clone(),
            format!("{prefix}{}", a.name),
        ));
    }
    if let Some(n) = &def.any_attribute {
        out.push((FieldKind::Attribute, "*".to_owned(), format!("{prefix}{n}")));
    }
    if let Some((n, _, _)) = &def.text {
        out.push((FieldKind::Text, String::new(), format!("{prefix}{n}")));
    }
    for m in &def.members {
        match m {
            Member::Element(e) => out.push((
                FieldKind::Element,
                e.xml.local.clone(),
                format!("{prefix}{}", e.name),
            )),
            Member::Any { name, .. } => {
                out.push((FieldKind::Any, "*".to_owned(), format!("{prefix}{name}")))
            }
            Member::Group { name, ty, .. } => {
                group_fields(plan, ty, &format!("{prefix}{name}"), depth + 1, out)
            }
        }
    }
}

/// The fields reached through a generated group type `ty`, the group's own field or
/// variant being `path`.
fn group_fields(
    plan: &Plan,
    ty: &str,
    path: &str,
    depth: usize,
    out: &mut Vec<(FieldKind, String, String)>,
) {
    // Recursive groups are boxed in the plan; the surface has flattened them once.
    if depth > 16 {
        return;
    }
    match plan.find(ty).map(|t| &t.kind) {
        Some(RustKind::Struct(inner)) => rust_fields(plan, inner, &format!("{path}."), depth, out),
        Some(RustKind::Choice(variants)) => {
            for v in variants {
                let at = format!("{path}::{}", v.name);
                match &v.kind {
                    VariantKind::Element { xml, .. } => {
                        out.push((FieldKind::Element, xml.local.clone(), at))
                    }
                    VariantKind::Any => out.push((FieldKind::Any, "*".to_owned(), at)),
                    VariantKind::Group { ty, .. } => group_fields(plan, ty, &at, depth + 1, out),
                }
            }
        }
        _ => {}
    }
}

/// Facets of a [`Facets`] block in a fixed order.
pub fn facets_of(f: &Facets) -> Vec<Facet> {
    let mut out = Vec::new();
    let mut push = |name: &str, value: String| {
        out.push(Facet {
            name: name.to_owned(),
            value,
            rust: None,
        })
    };
    for v in &f.enumeration {
        push("value", v.value.clone());
    }
    for p in &f.patterns {
        push("pattern", p.clone());
    }
    if let Some(v) = f.length {
        push("length", v.to_string());
    }
    if let Some(v) = f.min_length {
        push("minLength", v.to_string());
    }
    if let Some(v) = f.max_length {
        push("maxLength", v.to_string());
    }
    if let Some(v) = &f.min_inclusive {
        push("minInclusive", v.clone());
    }
    if let Some(v) = &f.max_inclusive {
        push("maxInclusive", v.clone());
    }
    if let Some(v) = &f.min_exclusive {
        push("minExclusive", v.clone());
    }
    if let Some(v) = &f.max_exclusive {
        push("maxExclusive", v.clone());
    }
    if let Some(v) = f.total_digits {
        push("totalDigits", v.to_string());
    }
    if let Some(v) = f.fraction_digits {
        push("fractionDigits", v.to_string());
    }
    if let Some(v) = &f.white_space {
        push("whiteSpace", v.clone());
    }
    out
}

/// The XSD name of a built-in type (`xs:string`).
pub fn builtin_name(b: Builtin) -> &'static str {
    use Builtin::*;
    match b {
        AnyType => "xs:anyType",
        AnySimpleType => "xs:anySimpleType",
        String => "xs:string",
        NormalizedString => "xs:normalizedString",
        Token => "xs:token",
        Language => "xs:language",
        Name => "xs:Name",
        NcName => "xs:NCName",
        Id => "xs:ID",
        IdRef => "xs:IDREF",
        IdRefs => "xs:IDREFS",
        Entity => "xs:ENTITY",
        Entities => "xs:ENTITIES",
        NmToken => "xs:NMTOKEN",
        NmTokens => "xs:NMTOKENS",
        AnyUri => "xs:anyURI",
        QName => "xs:QName",
        Notation => "xs:NOTATION",
        Boolean => "xs:boolean",
        Decimal => "xs:decimal",
        Integer => "xs:integer",
        NonPositiveInteger => "xs:nonPositiveInteger",
        NegativeInteger => "xs:negativeInteger",
        NonNegativeInteger => "xs:nonNegativeInteger",
        PositiveInteger => "xs:positiveInteger",
        Long => "xs:long",
        Int => "xs:int",
        Short => "xs:short",
        Byte => "xs:byte",
        UnsignedLong => "xs:unsignedLong",
        UnsignedInt => "xs:unsignedInt",
        UnsignedShort => "xs:unsignedShort",
        UnsignedByte => "xs:unsignedByte",
        Float => "xs:float",
        Double => "xs:double",
        Duration => "xs:duration",
        DateTime => "xs:dateTime",
        Date => "xs:date",
        Time => "xs:time",
        GYear => "xs:gYear",
        GYearMonth => "xs:gYearMonth",
        GMonth => "xs:gMonth",
        GMonthDay => "xs:gMonthDay",
        GDay => "xs:gDay",
        Base64Binary => "xs:base64Binary",
        HexBinary => "xs:hexBinary",
    }
}

/// The surface name of every type of a model, index = [`TypeId`].
///
/// A named type is called by its local name (`OrderKind`); an anonymous one by the
/// path to it (`GetOrders/Request`). When two types would get the same name (the same
/// local name in two namespaces), each of them is qualified: `{urn:a}Item`.
pub fn type_names(model: &Model) -> Vec<String> {
    let short: Vec<String> = model
        .types
        .iter()
        .map(|t| match &t.name {
            TypeName::Named(q) => q.local.clone(),
            TypeName::Anonymous { context, .. } => context.join("/"),
        })
        .collect();
    let mut count: BTreeMap<&str, usize> = BTreeMap::new();
    for n in &short {
        *count.entry(n.as_str()).or_default() += 1;
    }
    let mut names: Vec<String> = model
        .types
        .iter()
        .zip(&short)
        .map(|(t, n)| {
            if count.get(n.as_str()).copied().unwrap_or(0) > 1 {
                let ns = match &t.name {
                    TypeName::Named(q) => q.namespace.clone(),
                    TypeName::Anonymous { namespace, .. } => namespace.clone(),
                };
                format!("{{{}}}{n}", ns.unwrap_or_default())
            } else {
                n.clone()
            }
        })
        .collect();
    // Still equal (same name, same namespace: a model bug or two anonymous types at
    // the same path): number them in model order so keys stay unique.
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    for n in &mut names {
        let k = seen.entry(n.clone()).or_default();
        *k += 1;
        if *k > 1 {
            *n = format!("{n}#{k}");
        }
    }
    names
}

struct Builder<'m> {
    model: &'m Model,
    names: Vec<String>,
}

impl Builder<'_> {
    fn type_ref(&self, t: &TypeRef) -> String {
        match t {
            TypeRef::Builtin(b) => builtin_name(*b).to_owned(),
            TypeRef::Defined(TypeId(i)) => self
                .names
                .get(*i)
                .cloned()
                .unwrap_or_else(|| format!("#{i}")),
        }
    }

    fn parts(&self, parts: &[crate::model::Part]) -> Vec<PartSurface> {
        parts
            .iter()
            .map(|p| match &p.content {
                PartContent::Element(q) => PartSurface {
                    name: q.local.clone(),
                    type_: self
                        .model
                        .elements
                        .get(q)
                        .map(|e| self.type_ref(&e.type_))
                        .unwrap_or_else(|| "?".to_owned()),
                },
                PartContent::Type(t) => PartSurface {
                    name: p.name.clone(),
                    type_: self.type_ref(t),
                },
            })
            .collect()
    }

    fn message(&self, m: &Option<Message>) -> (Vec<PartSurface>, Vec<PartSurface>) {
        match m {
            Some(m) => (self.parts(&m.body), self.parts(&m.headers)),
            None => (Vec::new(), Vec::new()),
        }
    }

    fn type_def(&self, t: &TypeDef) -> TypeSurface {
        match &t.kind {
            TypeKind::Simple(s) => TypeSurface::Simple(match s {
                SimpleType::Restriction { base, facets } => SimpleSurface {
                    kind: SimpleKind::Restriction(self.type_ref(base)),
                    facets: facets_of(facets),
                },
                SimpleType::List { item, facets } => SimpleSurface {
                    kind: SimpleKind::List(self.type_ref(item)),
                    facets: facets_of(facets),
                },
                SimpleType::Union { members } => SimpleSurface {
                    kind: SimpleKind::Union(members.iter().map(|m| self.type_ref(m)).collect()),
                    facets: Vec::new(),
                },
            }),
            TypeKind::Complex(c) => {
                let mut fields = Vec::new();
                match &c.content {
                    Content::Empty => {}
                    Content::Simple(t) => fields.push(Field {
                        kind: FieldKind::Text,
                        wire: String::new(),
                        type_: self.type_ref(t),
                        min: 1,
                        max: Some(1),
                        nillable: false,
                        choice: None,
                        facets: Vec::new(),
                        rust: None,
                    }),
                    Content::Particle(p) => {
                        let mut choices = 0;
                        self.particle(p, Occurs::ONCE, None, &mut choices, &mut fields);
                    }
                }
                for a in &c.attributes {
                    fields.push(Field {
                        kind: FieldKind::Attribute,
                        wire: a.name.to_string(),
                        type_: self.type_ref(&a.type_),
                        min: u32::from(a.required),
                        max: Some(1),
                        nillable: false,
                        choice: None,
                        facets: Vec::new(),
                        rust: None,
                    });
                }
                if c.any_attribute {
                    fields.push(Field {
                        kind: FieldKind::Attribute,
                        wire: "*".to_owned(),
                        type_: "xs:anySimpleType".to_owned(),
                        min: 0,
                        max: None,
                        nillable: false,
                        choice: None,
                        facets: Vec::new(),
                        rust: None,
                    });
                }
                TypeSurface::Complex(ComplexSurface {
                    base: c.base.as_ref().map(|d| (d.method, self.type_ref(&d.base))),
                    abstract_: c.abstract_,
                    mixed: c.mixed,
                    fields,
                })
            }
        }
    }

    /// Flattens a particle into fields; `outer` is the product of the enclosing
    /// groups' occurrences, so `[0..1]` on a sequence makes its elements optional.
    fn particle(
        &self,
        p: &Particle,
        outer: Occurs,
        choice: Option<u32>,
        choices: &mut u32,
        out: &mut Vec<Field>,
    ) {
        let occurs = Occurs {
            min: outer.min.saturating_mul(p.occurs.min),
            max: match (outer.max, p.occurs.max) {
                (Some(a), Some(b)) => Some(a.saturating_mul(b)),
                _ => None,
            },
        };
        match &p.term {
            Term::Element(e) => out.push(Field {
                kind: FieldKind::Element,
                wire: e.name.to_string(),
                type_: self.type_ref(&e.type_),
                min: occurs.min,
                max: occurs.max,
                nillable: e.nillable,
                choice,
                facets: Vec::new(),
                rust: None,
            }),
            Term::Any(w) => out.push(Field {
                kind: FieldKind::Any,
                wire: "*".to_owned(),
                type_: w.namespace.clone(),
                min: occurs.min,
                max: occurs.max,
                nillable: false,
                choice,
                facets: Vec::new(),
                rust: None,
            }),
            Term::Group(g) => match g.compositor {
                Compositor::Sequence | Compositor::All => {
                    for inner in &g.particles {
                        self.particle(inner, occurs, choice, choices, out);
                    }
                }
                Compositor::Choice => {
                    *choices += 1;
                    let id = *choices;
                    // A branch of a choice with several branches may be absent.
                    let branch = if g.particles.len() > 1 {
                        Occurs {
                            min: 0,
                            max: occurs.max,
                        }
                    } else {
                        occurs
                    };
                    for inner in &g.particles {
                        self.particle(inner, branch, Some(id), choices, out);
                    }
                }
            },
        }
    }
}

impl Surface {
    /// The surface of a model as the schema describes it (no overlay).
    pub fn from_model(model: &Model) -> Surface {
        let b = Builder {
            model,
            names: type_names(model),
        };
        let several_bindings = model
            .operations
            .iter()
            .map(|o| o.binding.as_str())
            .collect::<BTreeSet<_>>()
            .len()
            > 1;
        let mut operations = BTreeMap::new();
        for op in &model.operations {
            let (input, input_headers) = b.message(&op.input);
            let (output, output_headers) = b.message(&op.output);
            let faults = op
                .faults
                .iter()
                .map(|f| PartSurface {
                    name: f.name.clone(),
                    type_: f
                        .detail
                        .as_ref()
                        .and_then(|d| model.elements.get(d))
                        .map(|e| b.type_ref(&e.type_))
                        .unwrap_or_else(|| "-".to_owned()),
                })
                .collect();
            let key = if several_bindings {
                format!("{}.{}", op.binding, op.name)
            } else {
                op.name.clone()
            };
            operations.insert(
                key,
                OperationSurface {
                    soap: Some(
                        match op.soap_version {
                            SoapVersion::Soap11 => "1.1",
                            SoapVersion::Soap12 => "1.2",
                        }
                        .to_owned(),
                    ),
                    action: op.soap_action.clone(),
                    input,
                    output,
                    input_headers,
                    output_headers,
                    faults,
                },
            );
        }
        let mut types = BTreeMap::new();
        for (t, name) in model.types.iter().zip(&b.names) {
            types.insert(name.clone(), b.type_def(t));
        }
        add_rust_names(model, &b.names, &mut types);
        Surface {
            operations,
            types,
            ..Surface::default()
        }
    }

    /// Adds facets to the field `field` (wire name) of type `type_name`, as the spec
    /// overlay does; returns false when there is no such field.
    pub fn add_field_facets(&mut self, type_name: &str, field: &str, facets: &[Facet]) -> bool {
        let Some(TypeSurface::Complex(c)) = self.types.get_mut(type_name) else {
            return false;
        };
        let Some(f) = c
            .fields
            .iter_mut()
            .find(|f| f.kind == FieldKind::Element && f.wire == field)
        else {
            return false;
        };
        for facet in facets {
            if !f.facets.contains(facet) {
                f.facets.push(facet.clone());
            }
        }
        true
    }

    /// The stable text form (see the module docs). `header` lines are written first,
    /// each prefixed with `# `.
    pub fn to_text(&self, header: &[&str]) -> String {
        let mut s = String::new();
        for h in header {
            s.push_str("# ");
            s.push_str(h);
            s.push('\n');
        }
        for (name, op) in &self.operations {
            s.push_str(&format!("operation {name}\n"));
            if let Some(v) = &op.soap {
                s.push_str(&format!("  soap {v}\n"));
            }
            if let Some(a) = &op.action {
                s.push_str(&format!("  action {}\n", quote(a)));
            }
            for (word, parts) in [
                ("in", &op.input),
                ("header-in", &op.input_headers),
                ("out", &op.output),
                ("header-out", &op.output_headers),
                ("fault", &op.faults),
            ] {
                for p in parts {
                    s.push_str(&format!("  {word} {}: {}\n", p.name, p.type_));
                }
            }
        }
        for (name, t) in &self.types {
            match t {
                TypeSurface::Complex(c) => {
                    s.push_str(&format!("type {name}"));
                    match &c.base {
                        Some((DerivationMethod::Extension, b)) => {
                            s.push_str(&format!(" extends {b}"))
                        }
                        Some((DerivationMethod::Restriction, b)) => {
                            s.push_str(&format!(" restricts {b}"))
                        }
                        None => {}
                    }
                    if c.abstract_ {
                        s.push_str(" abstract");
                    }
                    if c.mixed {
                        s.push_str(" mixed");
                    }
                    s.push('\n');
                    for f in &c.fields {
                        s.push_str("  ");
                        s.push_str(&field_line(f));
                        s.push('\n');
                        for facet in &f.facets {
                            s.push_str(&format!("    {}\n", facet_line(facet)));
                        }
                    }
                }
                TypeSurface::Simple(st) => {
                    match &st.kind {
                        SimpleKind::Restriction(b) => s.push_str(&format!("simple {name}: {b}\n")),
                        SimpleKind::List(i) => s.push_str(&format!("simple {name}: list {i}\n")),
                        SimpleKind::Union(m) => {
                            s.push_str(&format!("simple {name}: union"));
                            for t in m {
                                s.push(' ');
                                s.push_str(t);
                            }
                            s.push('\n');
                        }
                    }
                    for facet in &st.facets {
                        s.push_str(&format!("  {}\n", facet_line(facet)));
                    }
                }
            }
        }
        for (name, values) in &self.value_sets {
            s.push_str(&format!("values {name}\n"));
            for v in values {
                s.push_str(&format!("  {}\n", facet_line(v)));
            }
        }
        for (path, facets) in &self.constraints {
            s.push_str(&format!("constraint {path}\n"));
            for facet in facets {
                s.push_str(&format!("  {}\n", facet_line(facet)));
            }
        }
        s
    }

    /// Adds the spec overlay: its value sets, its per-path constraints (lengths,
    /// pattern, format, value set, secrecy), and its error codes as the value set
    /// [`ERROR_CODES`]. Docs and rule texts are left out: they are prose, reviewed in
    /// the overlay's own diff.
    pub fn add_overlay(&mut self, overlay: &crate::overlay::Overlay) {
        use crate::overlay::Format;
        for set in &overlay.value_set {
            // The generator makes a Rust enum of each set (see `overlay::apply`), its
            // variants named from the values and their docs alone.
            let variants = set.rust_variants();
            let facets = set
                .values
                .iter()
                .map(|v| Facet {
                    name: "value".to_owned(),
                    value: v.value.clone(),
                    rust: variants
                        .iter()
                        .find(|e| e.value == v.value)
                        .map(|e| e.variant.clone()),
                })
                .collect();
            self.value_sets.insert(set.name.clone(), facets);
        }
        if !overlay.error_code.is_empty() {
            self.add_value_set(
                ERROR_CODES,
                overlay.error_code.iter().map(|c| c.code.clone()).collect(),
            );
        }
        for field in &overlay.field {
            let mut facets = Vec::new();
            let mut push = |name: &str, value: String| {
                facets.push(Facet {
                    name: name.to_owned(),
                    value,
                    rust: None,
                })
            };
            if let Some(v) = field.min_length {
                push("minLength", v.to_string());
            }
            if let Some(v) = field.max_length {
                push("maxLength", v.to_string());
            }
            if let Some(v) = &field.pattern {
                push("pattern", v.clone());
            }
            if let Some(v) = &field.values {
                push("values", v.clone());
            }
            if let Some(f) = &field.format {
                let name = match f {
                    Format::DateTime => "datetime",
                    Format::Date => "date",
                    Format::Int => "int",
                    Format::Boolean => "boolean",
                    Format::Email => "email",
                    Format::Country => "country",
                };
                push("format", name.to_owned());
            }
            if field.secret {
                push("secret", "true".to_owned());
            }
            self.add_constraint(&field.path, &facets);
        }
    }

    /// Adds a named value set (from the spec overlay), without Rust variant names.
    pub fn add_value_set(&mut self, name: &str, values: Vec<String>) {
        let facets = values
            .into_iter()
            .map(|value| Facet {
                name: "value".to_owned(),
                value,
                rust: None,
            })
            .collect();
        self.value_sets.insert(name.to_owned(), facets);
    }

    /// Adds the overlay's constraints for one element path; facets already present
    /// are not repeated.
    pub fn add_constraint(&mut self, path: &str, facets: &[Facet]) {
        let entry = self.constraints.entry(path.to_owned()).or_default();
        for f in facets {
            if !entry.contains(f) {
                entry.push(f.clone());
            }
        }
    }

    /// Reads the text form back. Errors name the line.
    pub fn parse(text: &str) -> Result<Surface, ParseError> {
        Parser::default().run(text)
    }
}

fn occurs_text(min: u32, max: Option<u32>) -> String {
    match max {
        Some(1) if min == 1 => String::new(),
        Some(m) => format!("[{min}..{m}]"),
        None => format!("[{min}..*]"),
    }
}

fn field_line(f: &Field) -> String {
    let mut s = match f.kind {
        FieldKind::Element => format!("element {}: {}", f.wire, f.type_),
        FieldKind::Attribute => format!(
            "attribute {}: {} {}",
            f.wire,
            f.type_,
            if f.min > 0 { "required" } else { "optional" }
        ),
        FieldKind::Any => format!("any {}", f.type_),
        FieldKind::Text => format!("text: {}", f.type_),
    };
    if matches!(f.kind, FieldKind::Element | FieldKind::Any) {
        let o = occurs_text(f.min, f.max);
        if !o.is_empty() {
            s.push(' ');
            s.push_str(&o);
        }
    }
    if f.nillable {
        s.push_str(" nillable");
    }
    if let Some(c) = f.choice {
        s.push_str(&format!(" choice{c}"));
    }
    if let Some(r) = &f.rust {
        s.push_str(" as ");
        s.push_str(r);
    }
    s
}

fn facet_line(f: &Facet) -> String {
    let mut s = if QUOTED_FACETS.contains(&f.name.as_str()) {
        format!("{} {}", f.name, quote(&f.value))
    } else {
        format!("{} {}", f.name, f.value)
    };
    if let Some(r) = &f.rust {
        s.push_str(" as ");
        s.push_str(r);
    }
    s
}

/// Quotes a string: `"…"` with `\\`, `\"`, `\n`, `\r`, `\t` escaped, and any other
/// control character as `\u{…}`, so every value stays on one line.
fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The inverse of [`quote`]; `s` must be the whole quoted token.
fn unquote(s: &str) -> Option<String> {
    let inner = s.strip_prefix('"')?.strip_suffix('"')?;
    let mut out = String::with_capacity(inner.len());
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next()? {
                '\\' => out.push('\\'),
                '"' => out.push('"'),
                'n' => out.push('\n'),
                'r' => out.push('\r'),
                't' => out.push('\t'),
                'u' => {
                    if chars.next()? != '{' {
                        return None;
                    }
                    let mut hex = String::new();
                    loop {
                        match chars.next()? {
                            '}' => break,
                            h => hex.push(h),
                        }
                    }
                    out.push(char::from_u32(u32::from_str_radix(&hex, 16).ok()?)?);
                }
                _ => return None,
            },
            '"' => return None,
            c => out.push(c),
        }
    }
    Some(out)
}

/// A malformed surface file: the 1-based line and what is wrong with it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseError {
    pub line: usize,
    pub message: String,
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

impl std::error::Error for ParseError {}

enum Current {
    None,
    Operation(String),
    Type(String),
    ValueSet(String),
    Constraint(String),
}

#[derive(Default)]
struct Parser {
    surface: Surface,
    line: usize,
}

impl Parser {
    fn err<T>(&self, message: impl Into<String>) -> Result<T, ParseError> {
        Err(ParseError {
            line: self.line,
            message: message.into(),
        })
    }

    fn run(mut self, text: &str) -> Result<Surface, ParseError> {
        let mut current = Current::None;
        for (i, raw) in text.lines().enumerate() {
            self.line = i + 1;
            if raw.trim().is_empty() || raw.starts_with('#') {
                continue;
            }
            let indent = raw.len() - raw.trim_start_matches(' ').len();
            let line = &raw[indent..];
            match indent {
                0 => current = self.top(line)?,
                2 => self.member(&current, line)?,
                4 => self.field_facet(&current, line)?,
                _ => return self.err(format!("unexpected indentation ({indent} spaces)")),
            }
        }
        Ok(self.surface)
    }

    fn top(&mut self, line: &str) -> Result<Current, ParseError> {
        let (word, rest) = line.split_once(' ').unwrap_or((line, ""));
        match word {
            "operation" => {
                let name = one_word(rest).map_or_else(|| self.err("operation needs a name"), Ok)?;
                if self
                    .surface
                    .operations
                    .insert(name.to_owned(), OperationSurface::default())
                    .is_some()
                {
                    return self.err(format!("operation {name} listed twice"));
                }
                Ok(Current::Operation(name.to_owned()))
            }
            "type" => {
                let mut words = rest.split_whitespace();
                let Some(name) = words.next() else {
                    return self.err("type needs a name");
                };
                let mut c = ComplexSurface::default();
                while let Some(w) = words.next() {
                    match w {
                        "extends" | "restricts" => {
                            let Some(b) = words.next() else {
                                return self.err(format!("`{w}` needs a type"));
                            };
                            let m = if w == "extends" {
                                DerivationMethod::Extension
                            } else {
                                DerivationMethod::Restriction
                            };
                            c.base = Some((m, b.to_owned()));
                        }
                        "abstract" => c.abstract_ = true,
                        "mixed" => c.mixed = true,
                        other => return self.err(format!("unknown type flag `{other}`")),
                    }
                }
                self.insert_type(name, TypeSurface::Complex(c))?;
                Ok(Current::Type(name.to_owned()))
            }
            "simple" => {
                let Some((name, def)) = rest.split_once(": ") else {
                    return self.err("expected `simple Name: base`");
                };
                let mut words = def.split_whitespace();
                let kind = match (words.next(), words.next()) {
                    (Some("list"), Some(item)) => SimpleKind::List(item.to_owned()),
                    (Some("union"), first) => SimpleKind::Union(
                        first.into_iter().chain(words).map(str::to_owned).collect(),
                    ),
                    (Some(base), None) => SimpleKind::Restriction(base.to_owned()),
                    _ => return self.err(format!("cannot read simple type definition `{def}`")),
                };
                self.insert_type(
                    name,
                    TypeSurface::Simple(SimpleSurface {
                        kind,
                        facets: Vec::new(),
                    }),
                )?;
                Ok(Current::Type(name.to_owned()))
            }
            "values" | "constraint" => {
                let Some(name) = one_word(rest) else {
                    return self.err(format!("`{word}` needs a name"));
                };
                let fresh = if word == "values" {
                    self.surface
                        .value_sets
                        .insert(name.to_owned(), Vec::new())
                        .is_none()
                } else {
                    self.surface
                        .constraints
                        .insert(name.to_owned(), Vec::new())
                        .is_none()
                };
                if !fresh {
                    return self.err(format!("{word} {name} listed twice"));
                }
                Ok(if word == "values" {
                    Current::ValueSet(name.to_owned())
                } else {
                    Current::Constraint(name.to_owned())
                })
            }
            other => self.err(format!("unknown item `{other}`")),
        }
    }

    fn insert_type(&mut self, name: &str, t: TypeSurface) -> Result<(), ParseError> {
        if self.surface.types.insert(name.to_owned(), t).is_some() {
            return self.err(format!("type {name} listed twice"));
        }
        Ok(())
    }

    fn member(&mut self, current: &Current, line: &str) -> Result<(), ParseError> {
        match current {
            Current::None => self.err("member line outside an operation or type"),
            Current::ValueSet(name) => {
                let facet = self.facet(line)?;
                if facet.name != "value" {
                    return self.err(format!("only `value` lines belong in values {name}"));
                }
                if let Some(set) = self.surface.value_sets.get_mut(name) {
                    set.push(facet);
                }
                Ok(())
            }
            Current::Constraint(path) => {
                let facet = self.facet(line)?;
                if let Some(c) = self.surface.constraints.get_mut(path) {
                    c.push(facet);
                }
                Ok(())
            }
            Current::Operation(name) => {
                let (word, rest) = line.split_once(' ').unwrap_or((line, ""));
                let part = || -> Option<PartSurface> {
                    let (n, t) = rest.split_once(": ")?;
                    Some(PartSurface {
                        name: one_word(n)?.to_owned(),
                        type_: one_word(t)?.to_owned(),
                    })
                };
                let Some(op) = self.surface.operations.get_mut(name) else {
                    return self.err("internal: operation vanished");
                };
                match word {
                    "soap" => op.soap = Some(rest.to_owned()),
                    "action" => match unquote(rest) {
                        Some(a) => op.action = Some(a),
                        None => return self.err(format!("bad quoted action {rest}")),
                    },
                    "in" | "out" | "header-in" | "header-out" | "fault" => {
                        let Some(p) = part() else {
                            return self.err(format!("expected `{word} Name: Type`"));
                        };
                        match word {
                            "in" => op.input.push(p),
                            "out" => op.output.push(p),
                            "header-in" => op.input_headers.push(p),
                            "header-out" => op.output_headers.push(p),
                            _ => op.faults.push(p),
                        }
                    }
                    other => return self.err(format!("unknown operation member `{other}`")),
                }
                Ok(())
            }
            Current::Type(name) => {
                let name = name.clone();
                match self.surface.types.get(&name) {
                    Some(TypeSurface::Simple(_)) => {
                        let facet = self.facet(line)?;
                        if let Some(TypeSurface::Simple(s)) = self.surface.types.get_mut(&name) {
                            s.facets.push(facet);
                        }
                        Ok(())
                    }
                    Some(TypeSurface::Complex(_)) => {
                        let field = self.field(line)?;
                        if let Some(TypeSurface::Complex(c)) = self.surface.types.get_mut(&name) {
                            c.fields.push(field);
                        }
                        Ok(())
                    }
                    None => self.err("internal: type vanished"),
                }
            }
        }
    }

    fn field_facet(&mut self, current: &Current, line: &str) -> Result<(), ParseError> {
        let facet = self.facet(line)?;
        let field = match current {
            Current::Type(name) => match self.surface.types.get_mut(name) {
                Some(TypeSurface::Complex(c)) => c.fields.last_mut(),
                _ => None,
            },
            _ => None,
        };
        match field {
            Some(f) => {
                f.facets.push(facet);
                Ok(())
            }
            None => self.err("facet line not under a field"),
        }
    }

    fn facet(&self, line: &str) -> Result<Facet, ParseError> {
        let Some((name, value)) = line.split_once(' ') else {
            return self.err(format!("facet `{line}` has no value"));
        };
        if !KNOWN_FACETS.contains(&name) {
            return self.err(format!("unknown facet `{name}`"));
        }
        // A trailing ` as Name` is the Rust variant of a `value` (never inside the
        // quotes: a quoted value that merely contains ` as ` still unquotes whole).
        let (value, rust) = match value.rsplit_once(" as ") {
            Some((v, r))
                if name == "value"
                    && unquote(value).is_none()
                    && !r.is_empty()
                    && !r.contains(['"', ' ']) =>
            {
                (v, Some(r.to_owned()))
            }
            _ => (value, None),
        };
        let value = if QUOTED_FACETS.contains(&name) {
            match unquote(value) {
                Some(v) => v,
                None => return self.err(format!("bad quoted value {value}")),
            }
        } else {
            value.to_owned()
        };
        Ok(Facet {
            name: name.to_owned(),
            value,
            rust,
        })
    }

    fn field(&self, line: &str) -> Result<Field, ParseError> {
        let (word, rest) = line.split_once(' ').unwrap_or((line, ""));
        let mut f = Field {
            kind: FieldKind::Element,
            wire: String::new(),
            type_: String::new(),
            min: 1,
            max: Some(1),
            nillable: false,
            choice: None,
            facets: Vec::new(),
            rust: None,
        };
        let mut words = rest.split_whitespace();
        match word {
            "element" | "attribute" => {
                let (Some(wire), Some(t)) = (words.next(), words.next()) else {
                    return self.err(format!("expected `{word} Name: Type`"));
                };
                let Some(wire) = wire.strip_suffix(':') else {
                    return self.err(format!("expected `{word} Name: Type`"));
                };
                f.wire = wire.to_owned();
                f.type_ = t.to_owned();
                if word == "attribute" {
                    f.kind = FieldKind::Attribute;
                    match words.next() {
                        Some("required") => f.min = 1,
                        Some("optional") => f.min = 0,
                        _ => return self.err("attribute needs `required` or `optional`"),
                    }
                    if f.wire == "*" {
                        f.max = None;
                    }
                }
            }
            "any" => {
                let Some(ns) = words.next() else {
                    return self.err("`any` needs its namespace constraint");
                };
                f.kind = FieldKind::Any;
                f.wire = "*".to_owned();
                f.type_ = ns.to_owned();
            }
            "text:" => {
                let Some(t) = words.next() else {
                    return self.err("`text:` needs a type");
                };
                f.kind = FieldKind::Text;
                f.type_ = t.to_owned();
            }
            other => return self.err(format!("unknown field kind `{other}`")),
        }
        while let Some(w) = words.next() {
            if w == "as" {
                match words.next() {
                    Some(r) => f.rust = Some(r.to_owned()),
                    None => return self.err("`as` needs the Rust field name"),
                }
            } else if let Some(o) = w.strip_prefix('[').and_then(|w| w.strip_suffix(']')) {
                let parsed = o.split_once("..").and_then(|(a, b)| {
                    let min = a.parse::<u32>().ok()?;
                    let max = if b == "*" {
                        None
                    } else {
                        Some(b.parse::<u32>().ok()?)
                    };
                    Some((min, max))
                });
                match parsed {
                    Some((min, max)) => {
                        f.min = min;
                        f.max = max;
                    }
                    None => return self.err(format!("bad occurrence `{w}`")),
                }
            } else if w == "nillable" {
                f.nillable = true;
            } else if let Some(n) = w.strip_prefix("choice").and_then(|n| n.parse().ok()) {
                f.choice = Some(n);
            } else {
                return self.err(format!("unknown field flag `{w}`"));
            }
        }
        Ok(f)
    }
}

fn one_word(s: &str) -> Option<&str> {
    let s = s.trim();
    (!s.is_empty() && !s.contains(char::is_whitespace)).then_some(s)
}

/// One API-level difference between two surfaces. `Display` gives the summary line:
/// `+` added, `-` removed, `~` changed, `!` a problem to look at.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Change {
    OperationAdded(String),
    OperationRemoved(String),
    /// `what` says which part (`input`, `output`, `soapAction`, ...).
    OperationChanged {
        operation: String,
        what: String,
        old: String,
        new: String,
    },
    TypeAdded(String),
    TypeRemoved(String),
    /// Removed under `old` and added under `new` with the same fields.
    TypeRenamed {
        old: String,
        new: String,
    },
    /// The type's kind, base or flags changed.
    TypeChanged {
        type_: String,
        what: String,
        old: String,
        new: String,
    },
    FieldAdded {
        type_: String,
        field: String,
        description: String,
    },
    FieldRemoved {
        type_: String,
        field: String,
    },
    /// optional ↔ required, single ↔ repeated, bounds changed.
    OccursChanged {
        type_: String,
        field: String,
        old: String,
        new: String,
    },
    NillableChanged {
        type_: String,
        field: String,
        nillable: bool,
    },
    FieldTypeChanged {
        type_: String,
        field: String,
        old: String,
        new: String,
    },
    /// The order of the fields that both sides have changed.
    FieldsReordered {
        type_: String,
        old: Vec<String>,
        new: Vec<String>,
    },
    /// `owner` is a type (`OrderKind`) or a field (`Type.Field`).
    ValueAdded {
        owner: String,
        value: String,
    },
    ValueRemoved {
        owner: String,
        value: String,
    },
    /// A facet other than an allowed value (length, pattern, ranges).
    FacetChanged {
        owner: String,
        facet: String,
        old: Option<String>,
        new: Option<String>,
    },
    ValueSetAdded(String),
    ValueSetRemoved(String),
    ConstraintAdded {
        path: String,
        description: String,
    },
    ConstraintRemoved(String),
    /// An overlay entry whose element path matches nothing in the model.
    OverlayUnmatched(String),
    /// The Rust name of a field or an enum value changed while its wire name stayed:
    /// a breaking change for users that the wire-level items above cannot show.
    /// `owner` is `Type.Field` or `Owner value "…"`. Reported only when both sides
    /// name it (an `API.txt` from before the names were recorded reports nothing).
    RustNameChanged {
        owner: String,
        old: String,
        new: String,
    },
}

fn occurs_words(min: u32, max: Option<u32>) -> String {
    match (min, max) {
        (1, Some(1)) => "required".to_owned(),
        (0, Some(1)) => "optional".to_owned(),
        (0, Some(0)) => "prohibited".to_owned(),
        (min, None) => format!("repeated [{min}..*]"),
        (min, Some(max)) if min == max => format!("exactly {min}"),
        (min, Some(max)) => format!("repeated [{min}..{max}]"),
    }
}

fn field_description(f: &Field) -> String {
    let mut s = match f.kind {
        FieldKind::Text => format!("text {}", f.type_),
        FieldKind::Any => format!("any {}", f.type_),
        _ => f.type_.clone(),
    };
    s.push_str(", ");
    s.push_str(&occurs_words(f.min, f.max));
    if f.nillable {
        s.push_str(", nillable");
    }
    if let Some(c) = f.choice {
        s.push_str(&format!(", in choice {c}"));
    }
    s
}

impl fmt::Display for Change {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Change::OperationAdded(n) => write!(f, "+ operation {n}"),
            Change::OperationRemoved(n) => write!(f, "- operation {n}"),
            Change::OperationChanged {
                operation,
                what,
                old,
                new,
            } => write!(f, "~ operation {operation}: {what} {old} → {new}"),
            Change::TypeAdded(n) => write!(f, "+ type {n}"),
            Change::TypeRemoved(n) => write!(f, "- type {n}"),
            Change::TypeRenamed { old, new } => {
                write!(f, "~ type {old} renamed to {new} (same fields)")
            }
            Change::TypeChanged {
                type_,
                what,
                old,
                new,
            } => write!(f, "~ type {type_}: {what} {old} → {new}"),
            Change::FieldAdded {
                type_,
                field,
                description,
            } => write!(f, "+ {type_}.{field}: {description}"),
            Change::FieldRemoved { type_, field } => write!(f, "- {type_}.{field}"),
            Change::OccursChanged {
                type_,
                field,
                old,
                new,
            } => write!(f, "~ {type_}.{field}: {old} → {new}"),
            Change::NillableChanged {
                type_,
                field,
                nillable,
            } => {
                if *nillable {
                    write!(f, "~ {type_}.{field}: not nillable → nillable")
                } else {
                    write!(f, "~ {type_}.{field}: nillable → not nillable")
                }
            }
            Change::FieldTypeChanged {
                type_,
                field,
                old,
                new,
            } => write!(f, "~ {type_}.{field}: type {old} → {new}"),
            Change::FieldsReordered { type_, old, new } => write!(
                f,
                "~ {type_}: field order {} → {}",
                old.join(", "),
                new.join(", ")
            ),
            Change::ValueAdded { owner, value } => write!(f, "+ {owner}: value {}", quote(value)),
            Change::ValueRemoved { owner, value } => {
                write!(f, "- {owner}: value {}", quote(value))
            }
            Change::FacetChanged {
                owner,
                facet,
                old,
                new,
            } => {
                let show = |v: &Option<String>| match v {
                    Some(v) if QUOTED_FACETS.contains(&facet.as_str()) => quote(v),
                    Some(v) => v.clone(),
                    None => "(none)".to_owned(),
                };
                write!(f, "~ {owner}: {facet} {} → {}", show(old), show(new))
            }
            Change::ValueSetAdded(n) => write!(f, "+ value set {n}"),
            Change::ValueSetRemoved(n) => write!(f, "- value set {n}"),
            Change::ConstraintAdded { path, description } => {
                write!(f, "+ constraint {path}: {description}")
            }
            Change::ConstraintRemoved(path) => write!(f, "- constraint {path}"),
            Change::OverlayUnmatched(path) => {
                write!(f, "! overlay entry {path} matches no element")
            }
            Change::RustNameChanged { owner, old, new } => {
                write!(f, "~ {owner}: Rust name {old} → {new}")
            }
        }
    }
}

/// What changed from `old` to `new`, in a stable order: operations, then types (by
/// name), each type's own changes in field order.
pub fn diff(old: &Surface, new: &Surface) -> Vec<Change> {
    let mut out = Vec::new();

    // Renames first, so references to a renamed type are not reported as type changes.
    let removed: Vec<&String> = old
        .types
        .keys()
        .filter(|k| !new.types.contains_key(*k))
        .collect();
    let added: Vec<&String> = new
        .types
        .keys()
        .filter(|k| !old.types.contains_key(*k))
        .collect();
    let mut renames: BTreeMap<String, String> = BTreeMap::new();
    for r in &removed {
        let shape = &old.types[*r];
        let candidates: Vec<&&String> = added.iter().filter(|a| &new.types[**a] == shape).collect();
        if let [only] = candidates.as_slice() {
            // The match must be one-to-one: no other removed type has the same shape.
            let others = removed
                .iter()
                .filter(|o| *o != r && &old.types[**o] == shape)
                .count();
            if others == 0 {
                renames.insert((*r).clone(), (**only).clone());
            }
        }
    }
    let renamed_to: BTreeSet<&String> = renames.values().collect();
    let map = |t: &str| renames.get(t).cloned().unwrap_or_else(|| t.to_owned());

    for (name, op) in &old.operations {
        match new.operations.get(name) {
            None => out.push(Change::OperationRemoved(name.clone())),
            Some(n) => diff_operation(name, op, n, &map, &mut out),
        }
    }
    for name in new.operations.keys() {
        if !old.operations.contains_key(name) {
            out.push(Change::OperationAdded(name.clone()));
        }
    }

    let mut names: BTreeSet<&String> = old.types.keys().collect();
    names.extend(new.types.keys());
    for name in names {
        match (old.types.get(name), new.types.get(name)) {
            (Some(_), None) => match renames.get(name) {
                Some(to) => out.push(Change::TypeRenamed {
                    old: name.clone(),
                    new: to.clone(),
                }),
                None => out.push(Change::TypeRemoved(name.clone())),
            },
            (None, Some(_)) => {
                if !renamed_to.contains(name) {
                    out.push(Change::TypeAdded(name.clone()));
                }
            }
            (Some(o), Some(n)) => diff_type(name, o, n, &map, &mut out),
            (None, None) => {}
        }
    }

    let mut sets: BTreeSet<&String> = old.value_sets.keys().collect();
    sets.extend(new.value_sets.keys());
    for name in sets {
        match (old.value_sets.get(name), new.value_sets.get(name)) {
            (Some(_), None) => out.push(Change::ValueSetRemoved(name.clone())),
            (None, Some(n)) => {
                out.push(Change::ValueSetAdded(name.clone()));
                diff_facets(&format!("value set {name}"), &[], n, &mut out);
            }
            (Some(o), Some(n)) => diff_facets(&format!("value set {name}"), o, n, &mut out),
            (None, None) => {}
        }
    }

    let mut paths: BTreeSet<&String> = old.constraints.keys().collect();
    paths.extend(new.constraints.keys());
    for path in paths {
        match (old.constraints.get(path), new.constraints.get(path)) {
            (Some(_), None) => out.push(Change::ConstraintRemoved(path.clone())),
            (None, Some(n)) => out.push(Change::ConstraintAdded {
                path: path.clone(),
                description: if n.is_empty() {
                    "(documentation only)".to_owned()
                } else {
                    n.iter().map(facet_line).collect::<Vec<_>>().join(", ")
                },
            }),
            (Some(o), Some(n)) => diff_facets(path, o, n, &mut out),
            (None, None) => {}
        }
    }
    out
}

fn parts_text(parts: &[PartSurface]) -> String {
    if parts.is_empty() {
        return "(none)".to_owned();
    }
    parts
        .iter()
        .map(|p| format!("{}: {}", p.name, p.type_))
        .collect::<Vec<_>>()
        .join(", ")
}

fn diff_operation(
    name: &str,
    old: &OperationSurface,
    new: &OperationSurface,
    map: &dyn Fn(&str) -> String,
    out: &mut Vec<Change>,
) {
    let mapped = |parts: &[PartSurface]| -> Vec<PartSurface> {
        parts
            .iter()
            .map(|p| PartSurface {
                name: p.name.clone(),
                type_: map(&p.type_),
            })
            .collect()
    };
    let mut push = |what: &str, o: String, n: String| {
        out.push(Change::OperationChanged {
            operation: name.to_owned(),
            what: what.to_owned(),
            old: o,
            new: n,
        })
    };
    if old.soap != new.soap {
        let show = |v: &Option<String>| v.clone().unwrap_or_else(|| "(none)".to_owned());
        push("SOAP version", show(&old.soap), show(&new.soap));
    }
    if old.action != new.action {
        let show = |v: &Option<String>| v.as_deref().map_or("(none)".to_owned(), quote);
        push("soapAction", show(&old.action), show(&new.action));
    }
    for (what, o, n) in [
        ("input", &old.input, &new.input),
        ("input headers", &old.input_headers, &new.input_headers),
        ("output", &old.output, &new.output),
        ("output headers", &old.output_headers, &new.output_headers),
        ("faults", &old.faults, &new.faults),
    ] {
        if mapped(o) != *n {
            push(what, parts_text(o), parts_text(n));
        }
    }
}

fn base_text(b: &Option<(DerivationMethod, String)>) -> String {
    match b {
        None => "(none)".to_owned(),
        Some((DerivationMethod::Extension, t)) => format!("extends {t}"),
        Some((DerivationMethod::Restriction, t)) => format!("restricts {t}"),
    }
}

fn simple_kind_text(k: &SimpleKind) -> String {
    match k {
        SimpleKind::Restriction(b) => b.clone(),
        SimpleKind::List(i) => format!("list {i}"),
        SimpleKind::Union(m) => format!("union {}", m.join(" ")),
    }
}

fn diff_type(
    name: &str,
    old: &TypeSurface,
    new: &TypeSurface,
    map: &dyn Fn(&str) -> String,
    out: &mut Vec<Change>,
) {
    let changed = |what: &str, o: String, n: String| Change::TypeChanged {
        type_: name.to_owned(),
        what: what.to_owned(),
        old: o,
        new: n,
    };
    match (old, new) {
        (TypeSurface::Simple(o), TypeSurface::Simple(n)) => {
            let ok = match &o.kind {
                SimpleKind::Restriction(b) => SimpleKind::Restriction(map(b)),
                SimpleKind::List(i) => SimpleKind::List(map(i)),
                SimpleKind::Union(m) => SimpleKind::Union(m.iter().map(|t| map(t)).collect()),
            };
            if ok != n.kind {
                out.push(changed(
                    "definition",
                    simple_kind_text(&o.kind),
                    simple_kind_text(&n.kind),
                ));
            }
            diff_facets(name, &o.facets, &n.facets, out);
        }
        (TypeSurface::Complex(o), TypeSurface::Complex(n)) => {
            let ob = o.base.as_ref().map(|(m, t)| (*m, map(t)));
            if ob != n.base {
                out.push(changed("base", base_text(&o.base), base_text(&n.base)));
            }
            if o.abstract_ != n.abstract_ {
                out.push(changed(
                    "abstract",
                    o.abstract_.to_string(),
                    n.abstract_.to_string(),
                ));
            }
            if o.mixed != n.mixed {
                out.push(changed("mixed", o.mixed.to_string(), n.mixed.to_string()));
            }
            diff_fields(name, &o.fields, &n.fields, map, out);
        }
        (o, n) => {
            let kind = |t: &TypeSurface| match t {
                TypeSurface::Simple(_) => "simple type",
                TypeSurface::Complex(_) => "complex type",
            };
            out.push(changed("kind", kind(o).to_owned(), kind(n).to_owned()));
        }
    }
}

/// Keys of a field list, made unique in order (`Item`, `Item#2`) so a type that
/// repeats an element name in its sequence still compares field by field.
fn keyed(fields: &[Field]) -> Vec<(String, &Field)> {
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    fields
        .iter()
        .map(|f| {
            let k = f.key();
            let n = seen.entry(k.clone()).or_default();
            *n += 1;
            let key = if *n > 1 { format!("{k}#{n}") } else { k };
            (key, f)
        })
        .collect()
}

fn diff_fields(
    type_: &str,
    old: &[Field],
    new: &[Field],
    map: &dyn Fn(&str) -> String,
    out: &mut Vec<Change>,
) {
    let old_k = keyed(old);
    let new_k = keyed(new);
    let old_map: BTreeMap<&str, &Field> = old_k.iter().map(|(k, f)| (k.as_str(), *f)).collect();
    let new_map: BTreeMap<&str, &Field> = new_k.iter().map(|(k, f)| (k.as_str(), *f)).collect();
    for (k, _) in &old_k {
        if !new_map.contains_key(k.as_str()) {
            out.push(Change::FieldRemoved {
                type_: type_.to_owned(),
                field: k.clone(),
            });
        }
    }
    for (k, n) in &new_k {
        let field = k.clone();
        let Some(o) = old_map.get(k.as_str()) else {
            out.push(Change::FieldAdded {
                type_: type_.to_owned(),
                field,
                description: field_description(n),
            });
            continue;
        };
        if (o.min, o.max) != (n.min, n.max) {
            out.push(Change::OccursChanged {
                type_: type_.to_owned(),
                field: field.clone(),
                old: occurs_words(o.min, o.max),
                new: occurs_words(n.min, n.max),
            });
        }
        if o.nillable != n.nillable {
            out.push(Change::NillableChanged {
                type_: type_.to_owned(),
                field: field.clone(),
                nillable: n.nillable,
            });
        }
        if map(&o.type_) != n.type_ {
            out.push(Change::FieldTypeChanged {
                type_: type_.to_owned(),
                field: field.clone(),
                old: o.type_.clone(),
                new: n.type_.clone(),
            });
        }
        if o.choice != n.choice {
            let show = |c: Option<u32>| c.map_or("(none)".to_owned(), |c| format!("choice {c}"));
            out.push(Change::TypeChanged {
                type_: format!("{type_}.{field}"),
                what: "group".to_owned(),
                old: show(o.choice),
                new: show(n.choice),
            });
        }
        if let (Some(old_rust), Some(new_rust)) = (&o.rust, &n.rust)
            && old_rust != new_rust
        {
            out.push(Change::RustNameChanged {
                owner: format!("{type_}.{field}"),
                old: old_rust.clone(),
                new: new_rust.clone(),
            });
        }
        diff_facets(&format!("{type_}.{field}"), &o.facets, &n.facets, out);
    }
    // Order of the fields both sides have.
    let common_old: Vec<String> = old_k
        .iter()
        .filter(|(k, _)| new_map.contains_key(k.as_str()))
        .map(|(k, _)| k.clone())
        .collect();
    let common_new: Vec<String> = new_k
        .iter()
        .filter(|(k, _)| old_map.contains_key(k.as_str()))
        .map(|(k, _)| k.clone())
        .collect();
    if common_old != common_new {
        out.push(Change::FieldsReordered {
            type_: type_.to_owned(),
            old: common_old,
            new: common_new,
        });
    }
}

fn diff_facets(owner: &str, old: &[Facet], new: &[Facet], out: &mut Vec<Change>) {
    // Values on both sides whose Rust variant was renamed.
    for n in new.iter().filter(|f| f.name == "value") {
        let Some(new_rust) = &n.rust else { continue };
        let old_rust = old
            .iter()
            .find(|o| o.name == "value" && o.value == n.value)
            .and_then(|o| o.rust.as_ref());
        if let Some(old_rust) = old_rust
            && old_rust != new_rust
        {
            out.push(Change::RustNameChanged {
                owner: format!("{owner} value {}", quote(&n.value)),
                old: old_rust.clone(),
                new: new_rust.clone(),
            });
        }
    }
    for name in KNOWN_FACETS {
        let o: Vec<&String> = old
            .iter()
            .filter(|f| f.name == *name)
            .map(|f| &f.value)
            .collect();
        let n: Vec<&String> = new
            .iter()
            .filter(|f| f.name == *name)
            .map(|f| &f.value)
            .collect();
        if o == n {
            continue;
        }
        if *name == "value" {
            for v in &o {
                if !n.contains(v) {
                    out.push(Change::ValueRemoved {
                        owner: owner.to_owned(),
                        value: (*v).clone(),
                    });
                }
            }
            for v in &n {
                if !o.contains(v) {
                    out.push(Change::ValueAdded {
                        owner: owner.to_owned(),
                        value: (*v).clone(),
                    });
                }
            }
        } else if REPEATED_FACETS.contains(name) {
            // Patterns: report each one that went or came.
            for v in &o {
                if !n.contains(v) {
                    out.push(Change::FacetChanged {
                        owner: owner.to_owned(),
                        facet: (*name).to_owned(),
                        old: Some((*v).clone()),
                        new: None,
                    });
                }
            }
            for v in &n {
                if !o.contains(v) {
                    out.push(Change::FacetChanged {
                        owner: owner.to_owned(),
                        facet: (*name).to_owned(),
                        old: None,
                        new: Some((*v).clone()),
                    });
                }
            }
        } else {
            out.push(Change::FacetChanged {
                owner: owner.to_owned(),
                facet: (*name).to_owned(),
                old: o.first().map(|v| (*v).clone()),
                new: n.first().map(|v| (*v).clone()),
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{
        ComplexType, ElementDecl, EnumValue, LocalElement, ModelGroup, Operation, Part, QName,
        SourcePos, Style,
    };
    use std::sync::Arc;

    const NS: &str = "https://system.globalsign.com/pc/ws/v2/";

    fn pos() -> SourcePos {
        SourcePos {
            file: Arc::from("test.wsdl"),
            line: 1,
            column: 1,
        }
    }

    fn element(name: &str, t: TypeRef, min: u32, max: Option<u32>, nillable: bool) -> Particle {
        Particle {
            occurs: Occurs { min, max },
            term: Term::Element(LocalElement {
                name: QName::new(None, name),
                type_: t,
                nillable,
                reference: None,
                default: None,
                fixed: None,
                doc: None,
                pos: pos(),
            }),
        }
    }

    fn group(compositor: Compositor, occurs: Occurs, particles: Vec<Particle>) -> Particle {
        Particle {
            occurs,
            term: Term::Group(ModelGroup {
                compositor,
                group_name: None,
                particles,
            }),
        }
    }

    fn complex(name: &str, particles: Vec<Particle>) -> TypeDef {
        TypeDef {
            name: TypeName::Named(QName::new(Some(NS), name)),
            doc: None,
            kind: TypeKind::Complex(ComplexType {
                abstract_: false,
                mixed: false,
                base: None,
                content: Content::Particle(group(Compositor::Sequence, Occurs::ONCE, particles)),
                attributes: Vec::new(),
                any_attribute: false,
            }),
            pos: pos(),
        }
    }

    fn enumeration(name: &str, values: &[&str]) -> TypeDef {
        TypeDef {
            name: TypeName::Named(QName::new(Some(NS), name)),
            doc: None,
            kind: TypeKind::Simple(SimpleType::Restriction {
                base: TypeRef::Builtin(Builtin::String),
                facets: Facets {
                    enumeration: values
                        .iter()
                        .map(|v| EnumValue {
                            value: (*v).to_owned(),
                            doc: None,
                        })
                        .collect(),
                    max_length: Some(10),
                    ..Facets::default()
                },
            }),
            pos: pos(),
        }
    }

    fn operation(name: &str, input: &str, output: &str) -> Operation {
        let msg = |el: &str| Message {
            name: QName::new(Some(NS), el),
            body: vec![Part {
                name: "parameters".to_owned(),
                content: PartContent::Element(QName::new(Some(NS), el)),
            }],
            headers: Vec::new(),
        };
        Operation {
            name: name.to_owned(),
            binding: "GasOrderServiceSoapBinding".to_owned(),
            port_type: "GasOrderService".to_owned(),
            soap_version: SoapVersion::Soap11,
            soap_action: Some(String::new()),
            style: Style::Document,
            rpc_namespace: None,
            doc: None,
            input: Some(msg(input)),
            output: Some(msg(output)),
            faults: Vec::new(),
            pos: pos(),
        }
    }

    /// A small GlobalSign-shaped model: OrderPS2 with a request holding a Coupon and
    /// an OrderKind, plus a response.
    fn model() -> Model {
        let s = TypeRef::Builtin(Builtin::String);
        let mut m = Model::default();
        // Ids: 0 OrderKind, 1 OrderPS2, 2 OrderPS2Response, 3 PcV2OrderPS2Request.
        m.types.push(enumeration("OrderKind", &["new", "renewal"]));
        m.types.push(complex(
            "OrderPS2",
            vec![element(
                "Request",
                TypeRef::Defined(TypeId(3)),
                0,
                Some(1),
                false,
            )],
        ));
        m.types.push(complex(
            "OrderPS2Response",
            vec![element("OrderID", s.clone(), 0, Some(1), true)],
        ));
        m.types.push(complex(
            "PcV2OrderPS2Request",
            vec![
                element("OrderKind", TypeRef::Defined(TypeId(0)), 1, Some(1), false),
                element("Coupon", s.clone(), 0, Some(1), true),
                group(
                    Compositor::Choice,
                    Occurs::ONCE,
                    vec![
                        element("CSR", s.clone(), 1, Some(1), false),
                        group(
                            Compositor::Sequence,
                            Occurs { min: 0, max: None },
                            vec![element("PublicKey", s.clone(), 1, Some(1), false)],
                        ),
                    ],
                ),
            ],
        ));
        for (el, t) in [("OrderPS2", 1), ("OrderPS2Response", 2)] {
            m.elements.insert(
                QName::new(Some(NS), el),
                ElementDecl {
                    name: QName::new(Some(NS), el),
                    type_: TypeRef::Defined(TypeId(t)),
                    nillable: false,
                    abstract_: false,
                    substitution_group: None,
                    substitutes: Vec::new(),
                    doc: None,
                    pos: pos(),
                },
            );
        }
        m.operations
            .push(operation("OrderPS2", "OrderPS2", "OrderPS2Response"));
        m
    }

    fn lines(changes: &[Change]) -> Vec<String> {
        changes.iter().map(ToString::to_string).collect()
    }

    #[test]
    fn builds_fields_in_schema_order_with_effective_occurrence() {
        let s = Surface::from_model(&model());
        let Some(TypeSurface::Complex(c)) = s.types.get("PcV2OrderPS2Request") else {
            panic!("no PcV2OrderPS2Request in {s:?}");
        };
        let shown: Vec<String> = c.fields.iter().map(field_line).collect();
        assert_eq!(
            shown,
            [
                "element OrderKind: OrderKind as order_kind",
                "element Coupon: xs:string [0..1] nillable as coupon",
                "element CSR: xs:string [0..1] choice1 as choice::Csr",
                "element PublicKey: xs:string [0..*] choice1 as choice::PublicKey.public_key",
            ]
        );
        let op = &s.operations["OrderPS2"];
        assert_eq!(parts_text(&op.input), "OrderPS2: OrderPS2");
        assert_eq!(op.soap.as_deref(), Some("1.1"));
    }

    #[test]
    fn text_form_reads_back_to_the_same_surface() {
        let mut s = Surface::from_model(&model());
        assert!(s.add_field_facets(
            "PcV2OrderPS2Request",
            "Coupon",
            &[
                Facet {
                    name: "maxLength".to_owned(),
                    value: "50".to_owned(),
                    rust: None,
                },
                Facet {
                    name: "value".to_owned(),
                    value: "quote \" backslash \\ newline \n tab \t bell \u{7}".to_owned(),
                    rust: None,
                },
                // ` as ` inside the quotes is part of the value, not a Rust name.
                Facet {
                    name: "value".to_owned(),
                    value: "a\" as B".to_owned(),
                    rust: None,
                },
                Facet {
                    name: "value".to_owned(),
                    value: "c as D".to_owned(),
                    rust: Some("CAsD".to_owned()),
                },
            ]
        ));
        assert!(!s.add_field_facets("PcV2OrderPS2Request", "NoSuchField", &[]));
        let text = s.to_text(&["header line"]);
        assert!(text.starts_with("# header line\noperation OrderPS2\n"));
        let back = Surface::parse(&text).unwrap_or_else(|e| panic!("{e}\n{text}"));
        assert_eq!(back, s);
        // And the text is a fixed point.
        assert_eq!(back.to_text(&["header line"]), text);
    }

    #[test]
    fn text_form_of_a_small_model() {
        let text = Surface::from_model(&model()).to_text(&[]);
        let expected = "\
operation OrderPS2
  soap 1.1
  action \"\"
  in OrderPS2: OrderPS2
  out OrderPS2Response: OrderPS2Response
simple OrderKind: xs:string
  value \"new\" as New
  value \"renewal\" as Renewal
  maxLength 10
type OrderPS2
  element Request: PcV2OrderPS2Request [0..1] as request
type OrderPS2Response
  element OrderID: xs:string [0..1] nillable as order_id
type PcV2OrderPS2Request
  element OrderKind: OrderKind as order_kind
  element Coupon: xs:string [0..1] nillable as coupon
  element CSR: xs:string [0..1] choice1 as choice::Csr
  element PublicKey: xs:string [0..*] choice1 as choice::PublicKey.public_key
";
        assert_eq!(text, expected);
    }

    /// The OrderStatus case: wire value `4` stays, its Rust variant goes from `V4` to
    /// `IssueCompleted` once the value is documented. That breaks users, so it is a
    /// change; so is an overlay value set's variant renamed the same way.
    #[test]
    fn renamed_enum_variant_is_a_change() {
        let mut old = model();
        old.types[0] = enumeration("OrderKind", &["new", "4"]);
        let mut new = old.clone();
        if let TypeKind::Simple(SimpleType::Restriction { facets, .. }) = &mut new.types[0].kind {
            facets.enumeration[1].doc = Some("Issue completed.".to_owned());
        }
        let (old, new) = (Surface::from_model(&old), Surface::from_model(&new));
        assert!(old.to_text(&[]).contains("  value \"4\" as V4\n"));
        assert_eq!(
            lines(&diff(&old, &new)),
            ["~ OrderKind value \"4\": Rust name V4 → IssueCompleted"]
        );
        // Read back from text, as regen reads the old side.
        let old_back = Surface::parse(&old.to_text(&[])).ok();
        assert_eq!(old_back.as_ref(), Some(&old));

        let set = |doc: Option<&str>| {
            let text = format!(
                "[[value_set]]\nname = \"Status\"\nvalues = [{{ value = \"4\"{} }}]\n",
                doc.map(|d| format!(", doc = \"{d}\"")).unwrap_or_default()
            );
            let overlay: crate::overlay::Overlay =
                toml::from_str(&text).unwrap_or_else(|e| panic!("{e}"));
            let mut s = Surface::default();
            s.add_overlay(&overlay);
            s
        };
        assert_eq!(
            lines(&diff(&set(None), &set(Some("Issue completed.")))),
            ["~ value set Status value \"4\": Rust name V4 → IssueCompleted"]
        );
        // An old surface without Rust names (written before they were recorded)
        // reports no renames.
        let mut unnamed = set(None);
        for v in unnamed.value_sets.values_mut().flatten() {
            v.rust = None;
        }
        assert!(diff(&unnamed, &set(Some("Issue completed."))).is_empty());
    }

    #[test]
    fn parse_errors_name_the_line() {
        let bad = "operation A\n  in X: Y\ntype T\n  element B xs:string\n";
        let e = Surface::parse(bad).err();
        assert_eq!(e.as_ref().map(|e| e.line), Some(4), "{e:?}");
        for (text, line) in [
            ("  element A: B\n", 1),
            ("type T\n     element A: B\n", 2),
            ("simple S: xs:string\n  value \"unterminated\n", 2),
            ("simple S: xs:string\n  frobnicate 3\n", 2),
            ("type T\n  element A: B [x..1]\n", 2),
            ("type T\ntype T\n", 2),
            ("widget W\n", 1),
        ] {
            let e = Surface::parse(text).err();
            assert_eq!(e.map(|e| e.line), Some(line), "{text:?}");
        }
    }

    #[test]
    fn no_changes_between_equal_surfaces() {
        let s = Surface::from_model(&model());
        assert!(diff(&s, &s).is_empty());
    }

    #[test]
    fn summary_of_edits() {
        let old = model();
        let mut new = model();
        // Coupon becomes required and not nillable.
        if let TypeKind::Complex(c) = &mut new.types[3].kind {
            if let Content::Particle(Particle {
                term: Term::Group(g),
                ..
            }) = &mut c.content
            {
                g.particles[1] =
                    element("Coupon", TypeRef::Builtin(Builtin::Int), 1, Some(1), false);
                g.particles.push(element(
                    "Extra",
                    TypeRef::Builtin(Builtin::String),
                    0,
                    None,
                    false,
                ));
            }
        }
        // OrderKind: one value removed, one added, a new max length.
        new.types[0] = enumeration("OrderKind", &["new", "transfer"]);
        if let TypeKind::Simple(SimpleType::Restriction { facets, .. }) = &mut new.types[0].kind {
            facets.max_length = Some(12);
        }
        // A new operation; the old response element's type dropped for a new one.
        new.operations
            .push(operation("GetOrders", "OrderPS2", "OrderPS2Response"));
        new.types[2] = complex(
            "OrderPS2Answer",
            vec![element(
                "OrderID",
                TypeRef::Builtin(Builtin::String),
                0,
                Some(1),
                true,
            )],
        );
        let changes = diff(&Surface::from_model(&old), &Surface::from_model(&new));
        assert_eq!(
            lines(&changes),
            [
                // The output's type was renamed: reported once, as the rename.
                "+ operation GetOrders",
                "- OrderKind: value \"renewal\"",
                "+ OrderKind: value \"transfer\"",
                "~ OrderKind: maxLength 10 → 12",
                "~ type OrderPS2Response renamed to OrderPS2Answer (same fields)",
                "~ PcV2OrderPS2Request.Coupon: optional → required",
                "~ PcV2OrderPS2Request.Coupon: nillable → not nillable",
                "~ PcV2OrderPS2Request.Coupon: type xs:string → xs:int",
                "+ PcV2OrderPS2Request.Extra: xs:string, repeated [0..*]",
            ]
        );
    }

    #[test]
    fn renamed_type_referenced_elsewhere_is_one_change() {
        let old = model();
        let mut new = model();
        new.types[3].name = TypeName::Named(QName::new(Some(NS), "PcV3OrderPS2Request"));
        let changes = diff(&Surface::from_model(&old), &Surface::from_model(&new));
        assert_eq!(
            lines(&changes),
            ["~ type PcV2OrderPS2Request renamed to PcV3OrderPS2Request (same fields)"]
        );
    }

    #[test]
    fn removed_type_and_field_and_operation() {
        let old = model();
        let mut new = model();
        new.operations.clear();
        new.types.remove(0); // OrderKind gone; the other ids shift down by one.
        new.types[0] = complex(
            "OrderPS2",
            vec![element(
                "Request",
                TypeRef::Defined(TypeId(2)),
                0,
                Some(1),
                false,
            )],
        );
        new.types[2] = complex(
            "PcV2OrderPS2Request",
            vec![element(
                "Coupon",
                TypeRef::Builtin(Builtin::String),
                0,
                Some(1),
                true,
            )],
        );
        let changes = diff(&Surface::from_model(&old), &Surface::from_model(&new));
        assert_eq!(
            lines(&changes),
            [
                "- operation OrderPS2",
                "- type OrderKind",
                "- PcV2OrderPS2Request.OrderKind",
                "- PcV2OrderPS2Request.CSR",
                "- PcV2OrderPS2Request.PublicKey",
            ]
        );
    }

    #[test]
    fn reordered_fields_and_repeated_names() {
        let s = TypeRef::Builtin(Builtin::String);
        let mut old = Model::default();
        old.types.push(complex(
            "T",
            vec![
                element("A", s.clone(), 1, Some(1), false),
                element("B", s.clone(), 1, Some(1), false),
                element("A", s.clone(), 1, Some(1), false),
            ],
        ));
        let mut new = Model::default();
        new.types.push(complex(
            "T",
            vec![
                element("B", s.clone(), 1, Some(1), false),
                element("A", s.clone(), 1, Some(1), false),
                element("A", s.clone(), 0, Some(1), false),
            ],
        ));
        let changes = diff(&Surface::from_model(&old), &Surface::from_model(&new));
        assert_eq!(
            lines(&changes),
            [
                "~ T.A#2: required → optional",
                "~ T: field order A, B, A#2 → B, A, A#2",
            ]
        );
    }

    #[test]
    fn same_local_name_in_two_namespaces_is_qualified() {
        let mut m = Model::default();
        m.types.push(complex("Item", Vec::new()));
        let mut other = complex("Item", Vec::new());
        other.name = TypeName::Named(QName::new(Some("urn:other"), "Item"));
        m.types.push(other);
        m.types.push(TypeDef {
            name: TypeName::Anonymous {
                namespace: None,
                context: vec!["GetOrders".to_owned(), "Request".to_owned()],
            },
            ..complex("x", Vec::new())
        });
        assert_eq!(
            type_names(&m),
            [
                format!("{{{NS}}}Item"),
                "{urn:other}Item".to_owned(),
                "GetOrders/Request".to_owned()
            ]
        );
        let s = Surface::from_model(&m);
        let back = Surface::parse(&s.to_text(&[])).ok();
        assert_eq!(back, Some(s));
    }

    fn facet(name: &str, value: &str) -> Facet {
        Facet {
            name: name.to_owned(),
            value: value.to_owned(),
            rust: None,
        }
    }

    #[test]
    fn overlay_value_sets_and_constraints() {
        let mut old = Surface::from_model(&model());
        old.add_value_set("OrderKind", vec!["new".to_owned(), "renewal".to_owned()]);
        old.add_value_set("Gone", vec!["x".to_owned()]);
        old.add_constraint(
            "OrderPS2/Request/Coupon",
            &[facet("maxLength", "50"), facet("format", "date time")],
        );
        old.add_constraint("OrderPS2/Request/Campaign", &[facet("maxLength", "50")]);
        old.add_constraint(
            "*/Request/OrderRequestHeader/AuthToken/Password",
            &[facet("secret", "true")],
        );
        let text = old.to_text(&[]);
        assert!(text.contains("values OrderKind\n  value \"new\"\n  value \"renewal\"\n"));
        assert!(text.contains(
            "constraint OrderPS2/Request/Coupon\n  maxLength 50\n  format \"date time\"\n"
        ));
        assert_eq!(Surface::parse(&text).as_ref(), Ok(&old));

        let mut new = Surface::from_model(&model());
        new.add_value_set(
            "OrderKind",
            vec![
                "new".to_owned(),
                "renewal".to_owned(),
                "transfer".to_owned(),
            ],
        );
        new.add_value_set("Year", vec!["1".to_owned()]);
        new.add_constraint(
            "OrderPS2/Request/Coupon",
            &[facet("maxLength", "64"), facet("values", "OrderKind")],
        );
        new.add_constraint("OrderPS2/Request/Email", &[facet("format", "email")]);
        new.add_constraint(
            "*/Request/OrderRequestHeader/AuthToken/Password",
            &[facet("secret", "true")],
        );
        assert_eq!(
            lines(&diff(&old, &new)),
            [
                "- value set Gone",
                "+ value set OrderKind: value \"transfer\"",
                "+ value set Year",
                "+ value set Year: value \"1\"",
                "- constraint OrderPS2/Request/Campaign",
                "~ OrderPS2/Request/Coupon: maxLength 50 → 64",
                "~ OrderPS2/Request/Coupon: values (none) → OrderKind",
                "~ OrderPS2/Request/Coupon: format \"date time\" → (none)",
                "+ constraint OrderPS2/Request/Email: format \"email\"",
            ]
        );
        assert_eq!(
            Surface::parse("values V\n  maxLength 3\n").map_err(|e| e.line),
            Err(2)
        );
    }
}
