//! The Rust plan: what types, fields, body elements and operations the generated code
//! has, with their names — decided here, once, so the emitters only print.
//!
//! Decisions (documented for users of generated code):
//! - A struct per complex type; fields in schema order, attributes first. Extension
//!   flattens the base's fields in front of the type's own (no `base` field).
//! - `T` for a required element, `Option<T>` for an optional one (and for a required
//!   but nillable one: `None` is written as `xsi:nil="true"`), `Vec<T>` for repeated.
//! - List wrappers — a type with no attributes whose only content is one repeated
//!   element (`Errors { Error* }`) — are collapsed: a field of that type becomes
//!   `Vec<Item>` (empty vector ⇔ absent, nil or empty wrapper). The wrapper type is still
//!   generated (it may be used elsewhere). Nil items are left out.
//! - `xs:choice` → an enum (`<Owner>Choice`); a nested optional or repeated
//!   `xs:sequence` → a struct (`<Owner>Sequence`); sequences that occur once are
//!   flattened. Substitution groups → an enum of the head and its substitutes.
//! - Where substitution groups meet `xsi:type`: a variant of the group's enum holds its
//!   element's type as a field would, so a member (or a head that is not abstract) typed
//!   with a base that others derive from holds `<Base>OrDerived`. Reading picks the
//!   member by the element's name, then the type within it by `xsi:type`
//!   (`<Polygon xsi:type="Triangle">` → `Polygon(PolygonOrDerived::Triangle)`); writing
//!   names the member's element and writes `xsi:type` for a derived type, which reads
//!   back the same. A type derived from the head's type but written under the head's name
//!   (`<Mark xsi:type="Star">`) stays the head's variant (`Mark(MarkOrDerived::Star)`),
//!   not the member declared with that type (`Star`): both are valid XML for it, and
//!   each value writes back as it was read.
//! - `xs:enumeration` → an enum with an `Other(String)` arm so an unknown server value
//!   never breaks decoding; validation reports `Other` on the request side. Spec-overlay
//!   value sets become enums the same way and replace the type of the fields naming them.
//! - Other simple types: named restrictions become type aliases of their base's Rust
//!   type (facets become validation); `xs:list` → `Vec<T>`; `xs:union` → `String`.
//! - `xs:any` → `soap_runtime::RawXml` (verbatim); `xs:anyAttribute` →
//!   `Vec<soap_runtime::RawAttribute>`. A complex type extending `xs:anyType` gets both
//!   (`any: Vec<RawXml>` ahead of its own elements, `any_attributes`), as `xs:anyType`'s
//!   content model says.
//! - Mixed content (`mixed="true"` on the complex type or its `complexContent`, and
//!   types extending a mixed one): the typed fields stay as they are, and one more field,
//!   `text: soap_runtime::MixedText`, keeps the character data with its place among the
//!   child elements (the number of children before each run), whitespace-only runs
//!   included; the writer puts each run back before the same child, so decode → encode
//!   keeps the text and the element order. Chosen over a `Vec` of text-or-element items,
//!   which would replace or duplicate the typed fields (the reasons in full:
//!   `soap_runtime::MixedText`). `mixed` on simple content changes nothing (its text is
//!   the `value` field).
//! - `xsi:type`: a complex type that named complex types derive from (extension or
//!   restriction, directly or further down) is used through an enum,
//!   `<Base>OrDerived`, with a boxed variant for the base and for each derived type and
//!   `Unknown` for a type the schema does not derive from it (kept as XML); the reader
//!   picks the variant by the element's `xsi:type`, the writer writes `xsi:type` for a
//!   derived one. Body elements typed with the base itself stay the base struct.
//! - Recursive types are boxed where needed (by-value cycles only; `Vec` breaks cycles).
//! - Readers are lenient (any prefix, any order, unknown elements skipped, `xsi:nil`,
//!   missing required elements become `Default` unless the reader is strict). Every
//!   generated type implements `Default` for that reason: a missing required response
//!   element (GlobalSign omits `OrderSubInfo/SubId`) decodes as empty, and validation
//!   treats an empty required request value as missing (-102).

pub mod builtins;
pub mod names;

use std::collections::{BTreeMap, BTreeSet, HashMap};

use crate::model::{
    Builtin, Compositor, Content, DerivationMethod, ElementDecl, Facets, LocalElement, Model,
    ModelGroup, Occurs, PartContent, Particle, QName, SimpleType, SoapVersion, Style, Term, TypeId,
    TypeKind, TypeName, TypeRef,
};
use names::{Allocator, snake, upper_camel};

/// A Rust type expression for a simple (text) value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Ty {
    /// A std type written as is: `String`, `bool`, `i32`, `Vec<String>`.
    Std(&'static str),
    /// A soap-runtime type: `DateTime` → `<runtime>::DateTime`.
    Runtime(&'static str),
    /// A generated type (enum or alias).
    Named(String),
    /// `xs:list` → `Vec<T>`.
    List(Box<Ty>),
}

/// How an element's value is read and written.
#[derive(Clone, Debug, PartialEq)]
pub enum ValueKind {
    /// Text: `SimpleValue`.
    Simple(Ty),
    /// A generated struct: `ComplexValue`.
    Complex(String),
    /// `xs:anyType`: the whole element as `RawXml`.
    AnyElement,
    /// A collapsed list wrapper: the field is `Vec<item>`.
    Wrapper {
        item: XmlName,
        /// The wrapper needs at least one item (`minOccurs` > 0 on the item).
        item_required: bool,
        item_value: Box<ValueKind>,
        /// The wrapper type (for docs).
        wrapper_type: String,
    },
}

#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct XmlName {
    pub ns: Option<String>,
    pub local: String,
}

impl XmlName {
    fn of(q: &QName) -> Self {
        XmlName {
            ns: q.namespace.clone().filter(|n| !n.is_empty()),
            local: q.local.clone(),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Card {
    One,
    Optional,
    Many,
}

impl Card {
    fn of(o: &Occurs) -> Card {
        if o.is_repeated() {
            Card::Many
        } else if o.min == 0 {
            Card::Optional
        } else {
            Card::One
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct ElementField {
    pub name: String,
    pub doc: Option<String>,
    pub xml: XmlName,
    pub value: ValueKind,
    pub card: Card,
    pub nillable: bool,
    pub min_occurs: u32,
    pub boxed: bool,
    pub secret: bool,
    /// Other names read into this field (the overlay's `aliases`: ERRATA spellings).
    pub aliases: Vec<String>,
    /// Decides the outcome (the overlay's `outcome`): never read twice.
    pub outcome: bool,
    /// The overlay's constraints on the value, as Markdown (lengths, value set, format),
    /// for the field's documentation.
    pub constraint: Option<String>,
    /// The field's name before the overlay's `rust_name` corrected the spec's spelling
    /// (kept as a doc alias and a serde alias).
    pub misspelt_name: Option<String>,
    /// The XSD simple type of the value (for facets), when simple.
    pub simple_type: Option<TypeRef>,
    /// For wrappers: the item's XSD simple type.
    pub item_simple_type: Option<TypeRef>,
}

// A plan-time value (a few hundred per service, built once): boxing the element field
// would only add indirection.
#[allow(clippy::large_enum_variant)]
#[derive(Clone, Debug, PartialEq)]
pub enum Member {
    Element(ElementField),
    /// A nested group (choice enum or sequence struct).
    Group {
        name: String,
        doc: Option<String>,
        ty: String,
        card: Card,
        min_occurs: u32,
        /// Local names that belong to the group (any can start it).
        names: Vec<String>,
        boxed: bool,
    },
    /// `xs:any`.
    Any {
        name: String,
        card: Card,
    },
}

#[derive(Clone, Debug, PartialEq)]
pub struct AttrField {
    pub name: String,
    pub doc: Option<String>,
    pub xml: XmlName,
    pub ty: Ty,
    pub required: bool,
    pub simple_type: TypeRef,
}

#[derive(Clone, Debug, PartialEq, Default)]
pub struct StructDef {
    pub attrs: Vec<AttrField>,
    pub members: Vec<Member>,
    /// simpleContent: the `value` field.
    pub text: Option<(String, Ty, TypeRef)>,
    /// `xs:anyAttribute`: the field name.
    pub any_attribute: Option<String>,
    /// A generated group struct (read with `GroupValue`, no element of its own).
    pub group: bool,
    /// `mixed="true"` (element content): the field keeping the text between the
    /// children (`soap_runtime::MixedText`).
    pub mixed: Option<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Variant {
    pub name: String,
    pub doc: Option<String>,
    pub kind: VariantKind,
}

#[derive(Clone, Debug, PartialEq)]
pub enum VariantKind {
    Element {
        xml: XmlName,
        value: ValueKind,
        many: bool,
        boxed: bool,
        simple_type: Option<TypeRef>,
    },
    Group {
        ty: String,
        names: Vec<String>,
        boxed: bool,
    },
    Any,
}

#[derive(Clone, Debug, PartialEq)]
pub struct EnumValue {
    pub variant: String,
    pub value: String,
    pub doc: Option<String>,
}

/// One type of an `xsi:type` enum: the base or a type derived from it.
#[derive(Clone, Debug, PartialEq)]
pub struct DerivedVariant {
    pub variant: String,
    /// The struct.
    pub rust: String,
    /// The type's name (what `xsi:type` says).
    pub xml: XmlName,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Kind {
    /// A base type and the types derived from it, told apart by `xsi:type`; the first
    /// variant is the base.
    Derived(Vec<DerivedVariant>),
    Struct(StructDef),
    Choice(Vec<Variant>),
    Enum(Vec<EnumValue>),
    Alias(Ty),
    /// A body element whose type is not its own: `struct E(pub T)`.
    Newtype(ValueKind),
}

#[derive(Clone, Debug, PartialEq)]
pub struct RType {
    pub name: String,
    pub doc: Option<String>,
    pub kind: Kind,
    /// What it came from, for the doc line (`complexType {ns}Foo`).
    pub origin: String,
}

/// A type implementing `BodyElement`.
#[derive(Clone, Debug, PartialEq)]
pub struct Body {
    pub rust: String,
    pub xml: XmlName,
}

/// A `soap:header` part bound to a global element: the element's body type and the
/// field it gets in the operation's header set.
#[derive(Clone, Debug, PartialEq)]
pub struct HeaderPart {
    /// Field name in `operations::request_headers::X` / `response_headers::X`.
    pub field: String,
    /// The WSDL part's name (for the doc line).
    pub part: String,
    pub body: Body,
}

/// A declared fault whose message part is an element: its variant in the operation's
/// fault enum.
#[derive(Clone, Debug, PartialEq)]
pub struct FaultPart {
    pub variant: String,
    /// The `wsdl:fault` name.
    pub name: String,
    pub body: Body,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Op {
    /// The unit struct's name.
    pub name: String,
    /// The handler method's name.
    pub method: String,
    pub wire_name: String,
    pub doc: Option<String>,
    pub soap_action: String,
    pub version: SoapVersion,
    pub input: Option<Body>,
    pub output: Option<Body>,
    pub faults: Vec<String>,
    pub input_headers: Vec<String>,
    pub output_headers: Vec<String>,
    /// The input's header parts bound to elements, typed.
    pub request_headers: Vec<HeaderPart>,
    /// The output's header parts bound to elements, typed.
    pub response_headers: Vec<HeaderPart>,
    /// Declared faults with a detail element, typed (the enum `operations::faults::X`).
    pub fault_parts: Vec<FaultPart>,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Plan {
    pub types: Vec<RType>,
    pub ops: Vec<Op>,
    pub notes: Vec<String>,
}

impl Plan {
    pub fn find(&self, name: &str) -> Option<&RType> {
        self.types.iter().find(|t| t.name == name)
    }
}

struct Builder<'m> {
    model: &'m Model,
    names: Allocator,
    /// Rust name of each generated model type.
    type_names: HashMap<usize, String>,
    /// Group types already made, by the address of their `ModelGroup` (or head QName).
    group_types: HashMap<usize, String>,
    subst_types: BTreeMap<QName, String>,
    /// The `xsi:type` enum of each complex type that others derive from.
    derived_enums: HashMap<usize, String>,
    types: Vec<RType>,
    notes: Vec<String>,
}

fn type_label(name: &TypeName) -> String {
    match name {
        TypeName::Named(q) => q.local.clone(),
        TypeName::Anonymous { context, .. } => context.join("_"),
    }
}

pub(crate) fn origin(name: &TypeName, complex: bool) -> String {
    let what = if complex { "complexType" } else { "simpleType" };
    match name {
        TypeName::Named(q) => format!("{what} `{q}`"),
        TypeName::Anonymous { context, .. } => {
            format!("anonymous {what} of `{}`", context.join("/"))
        }
    }
}

/// Builds the plan for a model.
pub fn plan(model: &Model) -> Plan {
    let mut b = Builder {
        model,
        names: Allocator::for_types(),
        type_names: HashMap::new(),
        group_types: HashMap::new(),
        subst_types: BTreeMap::new(),
        derived_enums: HashMap::new(),
        types: Vec::new(),
        notes: Vec::new(),
    };
    // 1. Names for model types that become Rust types: complex types, enumerations,
    //    named simple types (aliases). Model order is deterministic (named by QName,
    //    then anonymous by context).
    for (i, t) in model.types.iter().enumerate() {
        let becomes_type = match &t.kind {
            TypeKind::Complex(_) => true,
            TypeKind::Simple(s) => is_enumeration(s) || matches!(t.name, TypeName::Named(_)),
        };
        if becomes_type {
            let name = b.names.alloc(&upper_camel(&type_label(&t.name)));
            b.type_names.insert(i, name);
        }
    }
    // 1b. An enum per complex type that named types derive from (after every type's
    //     name, so no existing name moves).
    let derived = derivations(model);
    for base in derived.keys() {
        let Some(base_name) = b.type_names.get(base) else {
            continue;
        };
        let name = b.names.alloc(&format!("{base_name}OrDerived"));
        b.derived_enums.insert(*base, name);
    }
    // 2. Definitions.
    for (i, t) in model.types.iter().enumerate() {
        let Some(name) = b.type_names.get(&i).cloned() else {
            continue;
        };
        let kind = match &t.kind {
            TypeKind::Complex(_) => Kind::Struct(b.struct_of(TypeId(i), &name)),
            TypeKind::Simple(s) => {
                if is_enumeration(s) {
                    Kind::Enum(enum_values(enumeration_of(s)))
                } else {
                    Kind::Alias(b.simple_ty(&TypeRef::Defined(TypeId(i)), true))
                }
            }
        };
        b.types.push(RType {
            name,
            doc: t.doc.clone(),
            kind,
            origin: origin(&t.name, matches!(t.kind, TypeKind::Complex(_))),
        });
    }
    for (base, descendants) in &derived {
        let Some(name) = b.derived_enums.get(base).cloned() else {
            continue;
        };
        let mut variants = Allocator::for_types();
        variants.reserve("Unknown");
        let mut vs = Vec::new();
        for id in std::iter::once(base).chain(descendants) {
            let (Some(rust), TypeName::Named(q)) = (b.type_names.get(id), &model.types[*id].name)
            else {
                continue;
            };
            vs.push(DerivedVariant {
                variant: variants.alloc(rust),
                rust: rust.clone(),
                xml: XmlName::of(q),
            });
        }
        let q = match &model.types[*base].name {
            TypeName::Named(q) => q.to_string(),
            TypeName::Anonymous { context, .. } => context.join("/"),
        };
        b.types.push(RType {
            name,
            doc: None,
            kind: Kind::Derived(vs),
            origin: format!("complexType `{q}` or a type derived from it, as `xsi:type` names it"),
        });
    }
    // 3. Operations and their body elements.
    let ops = b.operations();
    let mut plan = Plan {
        types: b.types,
        ops,
        notes: b.notes,
    };
    drop_unused_derived(&mut plan);
    box_cycles(&mut plan);
    plan
}

/// Removes the `xsi:type` enums no field, variant or body uses (a base type only ever
/// extended, never the type of an element): they would be dead code.
fn drop_unused_derived(plan: &mut Plan) {
    fn note(v: &ValueKind, used: &mut BTreeSet<String>) {
        match v {
            ValueKind::Complex(n) => {
                used.insert(n.clone());
            }
            ValueKind::Wrapper { item_value, .. } => note(item_value, used),
            _ => {}
        }
    }
    let mut used = BTreeSet::new();
    for t in &plan.types {
        match &t.kind {
            Kind::Struct(s) => {
                for m in &s.members {
                    if let Member::Element(f) = m {
                        note(&f.value, &mut used);
                    }
                }
            }
            Kind::Choice(vs) => {
                for v in vs {
                    if let VariantKind::Element { value, .. } = &v.kind {
                        note(value, &mut used);
                    }
                }
            }
            Kind::Newtype(v) => note(v, &mut used),
            _ => {}
        }
    }
    plan.types
        .retain(|t| !matches!(t.kind, Kind::Derived(_)) || used.contains(&t.name));
}

/// For each complex type that named complex types derive from (by extension or
/// restriction, at any depth), those types in model order.
fn derivations(model: &Model) -> BTreeMap<usize, Vec<usize>> {
    let complex = |id: usize| matches!(model.types[id].kind, TypeKind::Complex(_));
    let parent = |id: usize| -> Option<usize> {
        let TypeKind::Complex(c) = &model.types[id].kind else {
            return None;
        };
        match c.base.as_ref().map(|d| &d.base) {
            Some(TypeRef::Defined(b)) if complex(b.0) && b.0 != id => Some(b.0),
            _ => None,
        }
    };
    let mut out: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (i, t) in model.types.iter().enumerate() {
        if !matches!(t.name, TypeName::Named(_)) || !complex(i) {
            continue;
        }
        let mut at = i;
        // Derivation chains are short; the bound stops a cyclic schema.
        for _ in 0..32 {
            let Some(p) = parent(at) else { break };
            if p == i {
                break;
            }
            out.entry(p).or_default().push(i);
            at = p;
        }
    }
    for v in out.values_mut() {
        v.sort_unstable();
        v.dedup();
    }
    out
}

fn is_enumeration(s: &SimpleType) -> bool {
    matches!(s, SimpleType::Restriction { facets, .. } if !facets.enumeration.is_empty())
}

fn enumeration_of(s: &SimpleType) -> &[crate::model::EnumValue] {
    match s {
        SimpleType::Restriction { facets, .. } => &facets.enumeration,
        _ => &[],
    }
}

/// Enum variants for wire values; `Other` is reserved for unknown values.
///
/// A value that makes a name of its own (`PS2`, `CANCEL`) is named after itself. A
/// value that does not (`4`, `-1`: `V4`, `V1`) is named after its documentation when
/// it has some (`OrderStatus` `4` "Issue completed." → `IssueCompleted`, see
/// [`names::doc_variant_name`]); names that would clash within the set take their
/// parenthesised asides too, and a value whose name still clashes, or that has no
/// usable documentation, keeps the `V…` name. A name depends only on the set's
/// values and docs, so it is stable across runs and unrelated schema changes.
pub fn enum_values(values: &[crate::model::EnumValue]) -> Vec<EnumValue> {
    let mut seen = BTreeSet::new();
    let unique: Vec<&crate::model::EnumValue> = values
        .iter()
        .filter(|v| seen.insert(v.value.clone()))
        .collect();
    let from_doc = |v: &crate::model::EnumValue, asides: bool| {
        if v.value.starts_with(|c: char| c.is_alphabetic()) {
            None
        } else {
            v.doc
                .as_deref()
                .and_then(|d| names::doc_variant_name(d, asides))
        }
    };
    let mut doc_names: Vec<Option<String>> = unique.iter().map(|v| from_doc(v, false)).collect();
    for (i, clash) in clashing(&doc_names).into_iter().enumerate() {
        if clash {
            doc_names[i] = from_doc(unique[i], true);
        }
    }
    let still = clashing(&doc_names);
    let mut alloc = Allocator::new();
    alloc.reserve("Other");
    // Documentation names first, so that a `V…` fallback yields to them on a clash.
    let mut variants: Vec<Option<String>> = vec![None; unique.len()];
    for (i, name) in doc_names.iter().enumerate() {
        if let Some(n) = name.as_deref().filter(|_| !still[i]) {
            variants[i] = Some(alloc.alloc(n));
        }
    }
    unique
        .iter()
        .zip(variants)
        .map(|(v, variant)| EnumValue {
            variant: variant.unwrap_or_else(|| alloc.alloc(&names::variant_camel(&v.value))),
            value: v.value.clone(),
            doc: v.doc.clone(),
        })
        .collect()
}

/// Which names clash (case-insensitively) with another name of the set or with
/// `Other`, the unknown-value variant.
fn clashing(names: &[Option<String>]) -> Vec<bool> {
    let key = |n: &str| n.to_ascii_lowercase();
    names
        .iter()
        .map(|n| {
            n.as_deref().is_some_and(|n| {
                key(n) == "other"
                    || names
                        .iter()
                        .filter(|m| m.as_deref().map(key) == Some(key(n)))
                        .count()
                        > 1
            })
        })
        .collect()
}

/// Gathers the facets of a simple type's restriction chain (outermost first) and its
/// built-in base.
pub fn facet_chain<'m>(model: &'m Model, t: &TypeRef) -> (Option<Builtin>, Vec<&'m Facets>) {
    let mut facets = Vec::new();
    let mut cur = t.clone();
    for _ in 0..64 {
        match cur {
            TypeRef::Builtin(b) => return (Some(b), facets),
            TypeRef::Defined(id) => match &model.type_def(id).kind {
                TypeKind::Simple(SimpleType::Restriction { base, facets: f }) => {
                    facets.push(f);
                    cur = base.clone();
                }
                TypeKind::Simple(_) => return (None, facets),
                TypeKind::Complex(c) => match &c.content {
                    Content::Simple(inner) => cur = inner.clone(),
                    _ => return (None, facets),
                },
            },
        }
    }
    (None, facets)
}

impl<'m> Builder<'m> {
    fn note(&mut self, msg: String) {
        self.notes.push(msg);
    }

    /// The Rust type of a simple type reference. `defining` is true when building the
    /// alias for the type itself (so it does not refer to itself).
    fn simple_ty(&self, t: &TypeRef, defining: bool) -> Ty {
        match t {
            TypeRef::Builtin(b) => match builtins::rust_type(*b) {
                Some(("Vec<String>", false)) => Ty::List(Box::new(Ty::Std("String"))),
                Some((p, false)) => Ty::Std(p),
                Some((p, true)) => Ty::Runtime(p),
                None => Ty::Std("String"),
            },
            TypeRef::Defined(id) => {
                let def = self.model.type_def(*id);
                if !defining
                    && let Some(n) = self.type_names.get(&id.0)
                    && matches!(def.kind, TypeKind::Simple(_))
                {
                    return Ty::Named(n.clone());
                }
                match &def.kind {
                    TypeKind::Simple(SimpleType::Restriction { base, facets }) => {
                        if !facets.enumeration.is_empty()
                            && let Some(n) = self.type_names.get(&id.0)
                        {
                            return Ty::Named(n.clone());
                        }
                        self.simple_ty(base, false)
                    }
                    TypeKind::Simple(SimpleType::List { item, .. }) => {
                        Ty::List(Box::new(self.simple_ty(item, false)))
                    }
                    TypeKind::Simple(SimpleType::Union { .. }) => Ty::Std("String"),
                    TypeKind::Complex(c) => match &c.content {
                        Content::Simple(inner) => self.simple_ty(inner, false),
                        _ => Ty::Std("String"),
                    },
                }
            }
        }
    }

    /// How a value of type `t` is held, for an element field of cardinality `card`.
    fn value_of(&self, t: &TypeRef, card: Card) -> (ValueKind, Option<TypeRef>, Option<TypeRef>) {
        match t {
            TypeRef::Builtin(Builtin::AnyType) => (ValueKind::AnyElement, None, None),
            TypeRef::Builtin(_) => (
                ValueKind::Simple(self.simple_ty(t, false)),
                Some(t.clone()),
                None,
            ),
            TypeRef::Defined(id) => match &self.model.type_def(*id).kind {
                TypeKind::Simple(_) => (
                    ValueKind::Simple(self.simple_ty(t, false)),
                    Some(t.clone()),
                    None,
                ),
                TypeKind::Complex(_) => {
                    if let Some(e) = self.derived_enums.get(&id.0) {
                        return (ValueKind::Complex(e.clone()), None, None);
                    }
                    let name = self.type_names.get(&id.0).cloned().unwrap_or_default();
                    if card != Card::Many
                        && let Some((item, item_t, item_required)) = self.list_wrapper_item(*id)
                    {
                        let (item_value, item_simple, _) = self.value_of(&item_t, Card::Many);
                        if !matches!(item_value, ValueKind::Wrapper { .. }) {
                            return (
                                ValueKind::Wrapper {
                                    item,
                                    item_required,
                                    item_value: Box::new(item_value),
                                    wrapper_type: name,
                                },
                                None,
                                item_simple,
                            );
                        }
                    }
                    (ValueKind::Complex(name), None, None)
                }
            },
        }
    }

    /// `Some(item)` when the complex type is a list wrapper (see the module docs).
    fn list_wrapper_item(&self, id: TypeId) -> Option<(XmlName, TypeRef, bool)> {
        let TypeKind::Complex(c) = &self.model.type_def(id).kind else {
            return None;
        };
        if c.base.is_some() || !c.attributes.is_empty() || c.any_attribute || c.mixed {
            return None;
        }
        let Content::Particle(p) = &c.content else {
            return None;
        };
        let (el, item_required) = match &p.term {
            Term::Element(e) if p.occurs.is_repeated() => (e, p.occurs.min > 0),
            Term::Group(g) if p.occurs == Occurs::ONCE && g.particles.len() == 1 => {
                let q = &g.particles[0];
                match &q.term {
                    Term::Element(e)
                        if q.occurs.is_repeated() && g.compositor != Compositor::Choice =>
                    {
                        (e, q.occurs.min > 0)
                    }
                    _ => return None,
                }
            }
            _ => return None,
        };
        // Nillable items are fine: a nil item is left out of the vector.
        if self.substitutes_of(el).is_some() {
            return None;
        }
        Some((XmlName::of(&el.name), el.type_.clone(), item_required))
    }

    /// Head and substitutes when `el` is a ref to a substitution group head.
    fn substitutes_of(&self, el: &LocalElement) -> Option<&'m ElementDecl> {
        let r = el.reference.as_ref()?;
        let head = self.model.elements.get(r)?;
        (!head.substitutes.is_empty()).then_some(head)
    }

    fn struct_of(&mut self, id: TypeId, owner: &str) -> StructDef {
        let mut def = StructDef::default();
        let mut fields = Allocator::new();
        self.fill_struct(id, owner, &mut def, &mut fields, 0);
        // Named last, so no element's field name depends on it.
        if def.mixed.is_some() {
            def.mixed = Some(fields.alloc("text"));
        }
        def
    }

    fn fill_struct(
        &mut self,
        id: TypeId,
        owner: &str,
        def: &mut StructDef,
        fields: &mut Allocator,
        depth: usize,
    ) {
        let model = self.model;
        let TypeKind::Complex(c) = &model.type_def(id).kind else {
            return;
        };
        if depth > 32 {
            self.note(format!(
                "{owner}: derivation chain too deep; base content left out"
            ));
            return;
        }
        // `xs:anyType` extended (the base of every type, written out): its content is any
        // elements (and text, when mixed) and any attributes, ahead of the type's own.
        if let Some(d) = &c.base
            && d.base == TypeRef::Builtin(Builtin::AnyType)
            && d.method == DerivationMethod::Extension
        {
            def.members.push(Member::Any {
                name: fields.alloc("any"),
                card: Card::Many,
            });
            if def.any_attribute.is_none() {
                def.any_attribute = Some(fields.alloc("any_attributes"));
            }
        }
        // Base first (extension flattens; restriction restates content but keeps attributes).
        if let Some(d) = &c.base
            && let TypeRef::Defined(base_id) = &d.base
            && matches!(model.type_def(*base_id).kind, TypeKind::Complex(_))
        {
            match d.method {
                DerivationMethod::Extension => {
                    self.fill_struct(*base_id, owner, def, fields, depth + 1)
                }
                DerivationMethod::Restriction => {
                    let mut base = StructDef::default();
                    let mut base_fields = Allocator::new();
                    self.fill_struct(*base_id, owner, &mut base, &mut base_fields, depth + 1);
                    for a in base.attrs {
                        fields.reserve(&a.name);
                        def.attrs.push(a);
                    }
                    if def.any_attribute.is_none() && base.any_attribute.is_some() {
                        def.any_attribute = Some(fields.alloc("any_attributes"));
                    }
                    if base.text.is_some() && !matches!(c.content, Content::Particle(_)) {
                        def.text = base.text;
                    }
                }
            }
        }
        for a in &c.attributes {
            if let Some(existing) = def.attrs.iter_mut().find(|x| x.xml == XmlName::of(&a.name)) {
                existing.required = a.required;
                existing.ty = self.simple_ty(&a.type_, false);
                existing.simple_type = a.type_.clone();
                continue;
            }
            let name = fields.alloc(&snake(&a.name.local));
            def.attrs.push(AttrField {
                name,
                doc: a.doc.clone(),
                xml: XmlName::of(&a.name),
                ty: self.simple_ty(&a.type_, false),
                required: a.required,
                simple_type: a.type_.clone(),
            });
        }
        if c.any_attribute && def.any_attribute.is_none() {
            def.any_attribute = Some(fields.alloc("any_attributes"));
        }
        // Text of simple content is the `value` field already; element content keeps
        // its text in a `MixedText` field (named by `struct_of`).
        if c.mixed && !matches!(c.content, Content::Simple(_)) {
            def.mixed = Some(String::new());
        }
        match &c.content {
            Content::Empty => {}
            Content::Simple(t) => {
                let name = def
                    .text
                    .as_ref()
                    .map(|t| t.0.clone())
                    .unwrap_or_else(|| fields.alloc("value"));
                def.text = Some((name, self.simple_ty(t, false), t.clone()));
            }
            Content::Particle(p) => self.add_particle(p, owner, def, fields),
        }
    }

    fn add_particle(
        &mut self,
        p: &'m Particle,
        owner: &str,
        def: &mut StructDef,
        fields: &mut Allocator,
    ) {
        match &p.term {
            Term::Element(e) => {
                let card = Card::of(&p.occurs);
                if let Some(head) = self.substitutes_of(e) {
                    let ty = self.substitution_enum(head);
                    let names = self.group_names_subst(head);
                    let name = fields.alloc(&snake(&e.name.local));
                    def.members.push(Member::Group {
                        name,
                        doc: e.doc.clone().or_else(|| head.doc.clone()),
                        ty,
                        card,
                        min_occurs: p.occurs.min,
                        names,
                        boxed: false,
                    });
                    return;
                }
                let (value, simple_type, item_simple_type) = self.value_of(&e.type_, card);
                let name = fields.alloc(&snake(&e.name.local));
                let doc = e.doc.clone().or_else(|| {
                    e.reference
                        .as_ref()
                        .and_then(|r| self.model.elements.get(r))
                        .and_then(|g| g.doc.clone())
                });
                def.members.push(Member::Element(ElementField {
                    name,
                    doc,
                    xml: XmlName::of(&e.name),
                    value,
                    card,
                    nillable: e.nillable,
                    min_occurs: p.occurs.min,
                    boxed: false,
                    secret: false,
                    aliases: Vec::new(),
                    outcome: false,
                    constraint: None,
                    misspelt_name: None,
                    simple_type,
                    item_simple_type,
                }));
            }
            Term::Any(_) => {
                let name = fields.alloc("any");
                def.members.push(Member::Any {
                    name,
                    card: Card::of(&p.occurs),
                });
            }
            Term::Group(g) => {
                let flatten = g.compositor != Compositor::Choice && p.occurs == Occurs::ONCE;
                if flatten {
                    for q in &g.particles {
                        self.add_particle(q, owner, def, fields);
                    }
                    return;
                }
                let ty = self.group_type(g, owner);
                let base = match (&g.group_name, g.compositor) {
                    (Some(q), _) => snake(&q.local),
                    (None, Compositor::Choice) => "choice".to_owned(),
                    (None, _) => "sequence".to_owned(),
                };
                let name = fields.alloc(&base);
                def.members.push(Member::Group {
                    name,
                    doc: None,
                    ty,
                    card: Card::of(&p.occurs),
                    min_occurs: p.occurs.min,
                    names: group_names(self.model, g),
                    boxed: false,
                });
            }
        }
    }

    fn group_names_subst(&self, head: &ElementDecl) -> Vec<String> {
        let mut out = Vec::new();
        if !head.abstract_ {
            out.push(head.name.local.clone());
        }
        for s in &head.substitutes {
            if !out.contains(&s.local) {
                out.push(s.local.clone());
            }
        }
        out
    }

    /// The enum for a substitution group head (made once per head).
    fn substitution_enum(&mut self, head: &'m ElementDecl) -> String {
        if let Some(n) = self.subst_types.get(&head.name) {
            return n.clone();
        }
        let name = self
            .names
            .alloc(&format!("{}Substitution", upper_camel(&head.name.local)));
        self.subst_types.insert(head.name.clone(), name.clone());
        let mut members: Vec<&ElementDecl> = Vec::new();
        if !head.abstract_ {
            members.push(head);
        }
        for s in &head.substitutes {
            if let Some(e) = self.model.elements.get(s)
                && !e.abstract_
            {
                members.push(e);
            }
        }
        let mut alloc = Allocator::new();
        let mut variants = Vec::new();
        for e in members {
            let (value, simple_type, _) = self.value_of(&e.type_, Card::One);
            let value = match value {
                ValueKind::Wrapper { wrapper_type, .. } => ValueKind::Complex(wrapper_type),
                v => v,
            };
            variants.push(Variant {
                name: alloc.alloc(&upper_camel(&e.name.local)),
                doc: e.doc.clone(),
                kind: VariantKind::Element {
                    xml: XmlName::of(&e.name),
                    value,
                    many: false,
                    boxed: false,
                    simple_type,
                },
            });
        }
        if variants.is_empty() {
            self.note(format!(
                "substitution group {}: no concrete member; kept as raw XML",
                head.name
            ));
            variants.push(Variant {
                name: "Any".to_owned(),
                doc: None,
                kind: VariantKind::Any,
            });
        }
        self.types.push(RType {
            name: name.clone(),
            doc: Some(format!(
                "An element of substitution group `{}`: the head{} or one of its substitutes.",
                head.name.local,
                if head.abstract_ { " (abstract)" } else { "" }
            )),
            kind: Kind::Choice(variants),
            origin: format!("substitution group `{}`", head.name),
        });
        name
    }

    /// The type for a nested choice or sequence (made once per group).
    fn group_type(&mut self, g: &'m ModelGroup, owner: &str) -> String {
        let key = g as *const ModelGroup as usize;
        if let Some(n) = self.group_types.get(&key) {
            return n.clone();
        }
        let base = match (&g.group_name, g.compositor) {
            (Some(q), _) => upper_camel(&q.local),
            (None, Compositor::Choice) => format!("{owner}Choice"),
            (None, _) => format!("{owner}Sequence"),
        };
        let name = self.names.alloc(&base);
        self.group_types.insert(key, name.clone());
        let kind = if g.compositor == Compositor::Choice {
            Kind::Choice(self.choice_variants(g, &name))
        } else {
            let mut def = StructDef {
                group: true,
                ..StructDef::default()
            };
            let mut fields = Allocator::new();
            for q in &g.particles {
                self.add_particle(q, &name, &mut def, &mut fields);
            }
            Kind::Struct(def)
        };
        let what = match g.compositor {
            Compositor::Choice => "choice",
            Compositor::Sequence => "sequence",
            Compositor::All => "all",
        };
        self.types.push(RType {
            name: name.clone(),
            doc: None,
            kind,
            origin: match &g.group_name {
                Some(q) => format!("group `{q}` ({what})"),
                None => format!("{what} in `{owner}`"),
            },
        });
        name
    }

    fn choice_variants(&mut self, g: &'m ModelGroup, owner: &str) -> Vec<Variant> {
        let mut alloc = Allocator::new();
        let mut out = Vec::new();
        self.push_variants(g, owner, &mut alloc, &mut out);
        out
    }

    fn push_variants(
        &mut self,
        g: &'m ModelGroup,
        owner: &str,
        alloc: &mut Allocator,
        out: &mut Vec<Variant>,
    ) {
        for q in &g.particles {
            match &q.term {
                Term::Element(e) => {
                    if let Some(head) = self.substitutes_of(e) {
                        let ty = self.substitution_enum(head);
                        let names = self.group_names_subst(head);
                        out.push(Variant {
                            name: alloc.alloc(&upper_camel(&e.name.local)),
                            doc: e.doc.clone(),
                            kind: VariantKind::Group {
                                ty,
                                names,
                                boxed: false,
                            },
                        });
                        continue;
                    }
                    let many = q.occurs.is_repeated();
                    let (value, simple_type, _) =
                        self.value_of(&e.type_, if many { Card::Many } else { Card::One });
                    let value = match value {
                        ValueKind::Wrapper { wrapper_type, .. } => ValueKind::Complex(wrapper_type),
                        v => v,
                    };
                    out.push(Variant {
                        name: alloc.alloc(&upper_camel(&e.name.local)),
                        doc: e.doc.clone(),
                        kind: VariantKind::Element {
                            xml: XmlName::of(&e.name),
                            value,
                            many,
                            boxed: false,
                            simple_type,
                        },
                    });
                }
                Term::Group(inner)
                    if inner.compositor == Compositor::Choice && q.occurs == Occurs::ONCE =>
                {
                    self.push_variants(inner, owner, alloc, out);
                }
                Term::Group(inner) => {
                    let (ty, names) =
                        if inner.compositor != Compositor::Choice && q.occurs == Occurs::ONCE {
                            (
                                self.group_type(inner, owner),
                                group_names(self.model, inner),
                            )
                        } else {
                            // A repeated/optional group inside a choice: wrap it in a sequence.
                            (
                                self.group_type(inner, owner),
                                group_names(self.model, inner),
                            )
                        };
                    if q.occurs != Occurs::ONCE {
                        self.note(format!(
                            "{owner}: a repeated or optional group inside a choice is read once per variant"
                        ));
                    }
                    let first = names.first().cloned().unwrap_or_else(|| "Group".to_owned());
                    out.push(Variant {
                        name: alloc.alloc(&upper_camel(&first)),
                        doc: None,
                        kind: VariantKind::Group {
                            ty,
                            names,
                            boxed: false,
                        },
                    });
                }
                Term::Any(_) => out.push(Variant {
                    name: alloc.alloc("Any"),
                    doc: None,
                    kind: VariantKind::Any,
                }),
            }
        }
    }

    // ---------------------------------------------------------------- operations

    fn operations(&mut self) -> Vec<Op> {
        let model = self.model;
        // One operation per (portType, name): prefer the SOAP 1.1 binding.
        let mut chosen: BTreeMap<(String, String), usize> = BTreeMap::new();
        for (i, op) in model.operations.iter().enumerate() {
            let key = (op.port_type.clone(), op.name.clone());
            match chosen.get(&key) {
                Some(&j) => {
                    let other = &model.operations[j];
                    if op.soap_version < other.soap_version {
                        chosen.insert(key, i);
                    }
                }
                None => {
                    chosen.insert(key, i);
                }
            }
        }
        let mut keep: Vec<usize> = chosen.values().copied().collect();
        keep.sort_unstable();
        let skipped = model.operations.len() - keep.len();
        if skipped > 0 {
            self.note(format!(
                "{skipped} operation binding(s) skipped: the same portType operation is generated once, from its SOAP 1.1 binding when there is one"
            ));
        }
        let mut op_names = Allocator::for_types();
        let mut methods = Allocator::new();
        let mut bodies: BTreeMap<QName, Body> = BTreeMap::new();
        let mut direct_claimed: BTreeSet<String> = BTreeSet::new();
        let mut out = Vec::new();
        for i in keep {
            let op = &model.operations[i];
            let name = op_names.alloc(&upper_camel(&op.name));
            let method = methods.alloc(&snake(&op.name));
            let mut input = None;
            let mut output = None;
            let mut input_headers = Vec::new();
            let mut output_headers = Vec::new();
            let mut request_headers = Vec::new();
            let mut response_headers = Vec::new();
            for (dir, msg) in [(0, &op.input), (1, &op.output)] {
                let Some(msg) = msg else { continue };
                let headers: Vec<String> = msg
                    .headers
                    .iter()
                    .map(|h| match &h.content {
                        PartContent::Element(q) => q.local.clone(),
                        PartContent::Type(_) => h.name.clone(),
                    })
                    .collect();
                let body = match op.style {
                    Style::Rpc => Some(self.rpc_body(op, msg, dir == 1)),
                    Style::Document => {
                        if msg.body.len() > 1 {
                            self.note(format!(
                                "operation {}: {} body parts in document style; only the first is used",
                                op.name,
                                msg.body.len()
                            ));
                        }
                        match msg.body.first().map(|p| &p.content) {
                            Some(PartContent::Element(q)) => {
                                Some(self.element_body(q, &mut bodies, &mut direct_claimed))
                            }
                            Some(PartContent::Type(_)) => {
                                self.note(format!(
                                    "operation {}: document-style part with type= is not WS-I; wrapped like rpc",
                                    op.name
                                ));
                                Some(self.rpc_body(op, msg, dir == 1))
                            }
                            None => None,
                        }
                    }
                };
                // Header element types after the body's, so the body keeps its name.
                let mut fields = Allocator::new();
                let mut typed = Vec::new();
                for h in &msg.headers {
                    match &h.content {
                        PartContent::Element(q) => {
                            let body = self.element_body(q, &mut bodies, &mut direct_claimed);
                            typed.push(HeaderPart {
                                field: fields.alloc(&snake(&q.local)),
                                part: h.name.clone(),
                                body,
                            });
                        }
                        PartContent::Type(_) => self.note(format!(
                            "operation {}: header part `{}` has type= (not an element); it is left out of the typed header set",
                            op.name, h.name
                        )),
                    }
                }
                if dir == 0 {
                    input = body;
                    input_headers = headers;
                    request_headers = typed;
                } else {
                    output = body;
                    output_headers = headers;
                    response_headers = typed;
                }
            }
            // Fault detail element types after the bodies' and headers'.
            let mut variants = Allocator::for_types();
            variants.reserve("Undeclared");
            let mut fault_parts: Vec<FaultPart> = Vec::new();
            for f in &op.faults {
                let Some(q) = &f.detail else { continue };
                if fault_parts.iter().any(|p| XmlName::of(q) == p.body.xml) {
                    continue;
                }
                let body = self.element_body(q, &mut bodies, &mut direct_claimed);
                fault_parts.push(FaultPart {
                    variant: variants.alloc(&upper_camel(&f.name)),
                    name: f.name.clone(),
                    body,
                });
            }
            out.push(Op {
                name,
                method,
                wire_name: op.name.clone(),
                doc: op.doc.clone(),
                soap_action: op.soap_action.clone().unwrap_or_default(),
                version: op.soap_version,
                input,
                output,
                faults: op
                    .faults
                    .iter()
                    .map(|f| {
                        f.detail
                            .as_ref()
                            .map(|q| q.local.clone())
                            .unwrap_or_else(|| f.name.clone())
                    })
                    .collect(),
                input_headers,
                output_headers,
                request_headers,
                response_headers,
                fault_parts,
            });
        }
        out
    }

    fn element_body(
        &mut self,
        q: &QName,
        bodies: &mut BTreeMap<QName, Body>,
        claimed: &mut BTreeSet<String>,
    ) -> Body {
        if let Some(b) = bodies.get(q) {
            return b.clone();
        }
        let xml = XmlName::of(q);
        let Some(el) = self.model.elements.get(q) else {
            // The resolver guarantees references resolve; keep going with raw XML.
            let rust = self.names.alloc(&upper_camel(&q.local));
            self.types.push(RType {
                name: rust.clone(),
                doc: None,
                kind: Kind::Newtype(ValueKind::AnyElement),
                origin: format!("element `{q}`"),
            });
            let b = Body { rust, xml };
            bodies.insert(q.clone(), b.clone());
            return b;
        };
        let direct = match &el.type_ {
            TypeRef::Defined(id)
                if matches!(self.model.type_def(*id).kind, TypeKind::Complex(_)) =>
            {
                let tname = self.type_names.get(&id.0).cloned().unwrap_or_default();
                let anonymous = matches!(self.model.type_def(*id).name, TypeName::Anonymous { .. });
                let same = upper_camel(&q.local).eq_ignore_ascii_case(&tname);
                ((anonymous || same) && !claimed.contains(&tname)).then_some(tname)
            }
            _ => None,
        };
        let b = match direct {
            Some(tname) => {
                claimed.insert(tname.clone());
                if let Some(t) = self.types.iter_mut().find(|t| t.name == tname)
                    && t.doc.is_none()
                {
                    t.doc = el.doc.clone();
                }
                Body { rust: tname, xml }
            }
            None => {
                let rust = self.names.alloc(&upper_camel(&q.local));
                let (value, _, _) = self.value_of(&el.type_, Card::One);
                let value = match value {
                    ValueKind::Wrapper { wrapper_type, .. } => ValueKind::Complex(wrapper_type),
                    v => v,
                };
                self.types.push(RType {
                    name: rust.clone(),
                    doc: el.doc.clone(),
                    kind: Kind::Newtype(value),
                    origin: format!("element `{q}`"),
                });
                Body { rust, xml }
            }
        };
        bodies.insert(q.clone(), b.clone());
        b
    }

    /// rpc/literal: `<operation>` (or `<operation>Response`) in the rpc namespace, one
    /// unqualified accessor per part.
    fn rpc_body(
        &mut self,
        op: &'m crate::model::Operation,
        msg: &'m crate::model::Message,
        response: bool,
    ) -> Body {
        let wire = if response {
            format!("{}Response", op.name)
        } else {
            op.name.clone()
        };
        let rust = self.names.alloc(&upper_camel(&wire));
        let mut def = StructDef::default();
        let mut fields = Allocator::new();
        for part in &msg.body {
            let (xml, t) = match &part.content {
                PartContent::Type(t) => (
                    XmlName {
                        ns: None,
                        local: part.name.clone(),
                    },
                    t.clone(),
                ),
                PartContent::Element(q) => match self.model.elements.get(q) {
                    Some(e) => (XmlName::of(q), e.type_.clone()),
                    None => continue,
                },
            };
            let (value, simple_type, item_simple_type) = self.value_of(&t, Card::One);
            def.members.push(Member::Element(ElementField {
                name: fields.alloc(&snake(&part.name)),
                doc: None,
                xml,
                value,
                card: Card::One,
                nillable: false,
                min_occurs: 1,
                boxed: false,
                secret: false,
                aliases: Vec::new(),
                outcome: false,
                constraint: None,
                misspelt_name: None,
                simple_type,
                item_simple_type,
            }));
        }
        self.types.push(RType {
            name: rust.clone(),
            doc: Some(format!(
                "rpc/literal {} of operation `{}`.",
                if response { "response" } else { "request" },
                op.name
            )),
            kind: Kind::Struct(def),
            origin: format!("rpc message `{}`", msg.name),
        });
        Body {
            rust,
            xml: XmlName {
                ns: op.rpc_namespace.clone().filter(|n| !n.is_empty()),
                local: wire,
            },
        }
    }
}

/// Notes for XSD patterns the `regex` crate cannot run (they are not checked).
pub fn pattern_notes(model: &Model) -> Vec<String> {
    let mut out = Vec::new();
    for t in &model.types {
        if let TypeKind::Simple(SimpleType::Restriction { facets, .. }) = &t.kind
            && !facets.patterns.is_empty()
            && crate::emit::xsd_pattern(&facets.patterns).is_none()
        {
            out.push(format!(
                "{}: pattern {:?} is not supported by the regex engine; not validated",
                t.pos, facets.patterns
            ));
        }
    }
    out
}

/// Every element local name a group can contain (recursively), in order, deduplicated.
fn group_names(model: &Model, g: &ModelGroup) -> Vec<String> {
    let mut out = Vec::new();
    collect_names(model, g, &mut out);
    out
}

fn collect_names(model: &Model, g: &ModelGroup, out: &mut Vec<String>) {
    for p in &g.particles {
        match &p.term {
            Term::Element(e) => {
                let mut push = |n: &str| {
                    if !out.iter().any(|x| x == n) {
                        out.push(n.to_owned());
                    }
                };
                match e.reference.as_ref().and_then(|r| model.elements.get(r)) {
                    Some(head) if !head.substitutes.is_empty() => {
                        if !head.abstract_ {
                            push(&head.name.local);
                        }
                        for s in &head.substitutes {
                            push(&s.local);
                        }
                    }
                    _ => push(&e.name.local),
                }
            }
            Term::Group(inner) => collect_names(model, inner, out),
            Term::Any(_) => {}
        }
    }
}

/// Boxes by-value references that close a cycle (strongly connected components of the
/// "contains by value" graph), so every type has a finite size.
fn box_cycles(plan: &mut Plan) {
    let index: HashMap<String, usize> = plan
        .types
        .iter()
        .enumerate()
        .map(|(i, t)| (t.name.clone(), i))
        .collect();
    let n = plan.types.len();
    let mut edges: Vec<Vec<usize>> = vec![Vec::new(); n];
    for (i, t) in plan.types.iter().enumerate() {
        for target in by_value_targets(&t.kind) {
            if let Some(&j) = index.get(&target) {
                edges[i].push(j);
            }
        }
    }
    let comp = tarjan(&edges);
    let same = |a: &str, b: &str| -> bool {
        match (index.get(a), index.get(b)) {
            (Some(&i), Some(&j)) => comp[i] == comp[j] && (i != j || edges[i].contains(&i)),
            _ => false,
        }
    };
    let names: Vec<String> = plan.types.iter().map(|t| t.name.clone()).collect();
    for (i, t) in plan.types.iter_mut().enumerate() {
        let me = &names[i];
        match &mut t.kind {
            Kind::Struct(s) => {
                for m in &mut s.members {
                    match m {
                        Member::Element(f) if f.card != Card::Many => {
                            if let ValueKind::Complex(target) = &f.value {
                                f.boxed = same(me, target);
                            }
                        }
                        Member::Group {
                            ty, card, boxed, ..
                        } if *card != Card::Many => {
                            *boxed = same(me, ty);
                        }
                        _ => {}
                    }
                }
            }
            Kind::Choice(vs) => {
                for v in vs {
                    match &mut v.kind {
                        VariantKind::Element {
                            value: ValueKind::Complex(target),
                            many: false,
                            boxed,
                            ..
                        } => *boxed = same(me, target),
                        VariantKind::Group { ty, boxed, .. } => *boxed = same(me, ty),
                        _ => {}
                    }
                }
            }
            Kind::Newtype(ValueKind::Complex(_)) => {}
            _ => {}
        }
    }
}

fn by_value_targets(kind: &Kind) -> Vec<String> {
    let mut out = Vec::new();
    match kind {
        Kind::Struct(s) => {
            for m in &s.members {
                match m {
                    Member::Element(f) if f.card != Card::Many => {
                        if let ValueKind::Complex(t) = &f.value {
                            out.push(t.clone());
                        }
                    }
                    Member::Group { ty, card, .. } if *card != Card::Many => out.push(ty.clone()),
                    _ => {}
                }
            }
        }
        Kind::Choice(vs) => {
            for v in vs {
                match &v.kind {
                    VariantKind::Element {
                        value: ValueKind::Complex(t),
                        many: false,
                        ..
                    } => out.push(t.clone()),
                    VariantKind::Group { ty, .. } => out.push(ty.clone()),
                    _ => {}
                }
            }
        }
        Kind::Newtype(ValueKind::Complex(t)) => out.push(t.clone()),
        _ => {}
    }
    out
}

/// Strongly connected components (iterative Tarjan); returns a component id per node.
fn tarjan(edges: &[Vec<usize>]) -> Vec<usize> {
    let n = edges.len();
    let mut index = vec![usize::MAX; n];
    let mut low = vec![0; n];
    let mut on_stack = vec![false; n];
    let mut stack = Vec::new();
    let mut comp = vec![usize::MAX; n];
    let mut next = 0;
    let mut ncomp = 0;
    for root in 0..n {
        if index[root] != usize::MAX {
            continue;
        }
        let mut work: Vec<(usize, usize)> = vec![(root, 0)];
        while let Some(&mut (v, ref mut ei)) = work.last_mut() {
            if *ei == 0 && index[v] == usize::MAX {
                index[v] = next;
                low[v] = next;
                next += 1;
                stack.push(v);
                on_stack[v] = true;
            }
            if *ei < edges[v].len() {
                let w = edges[v][*ei];
                *ei += 1;
                if index[w] == usize::MAX {
                    work.push((w, 0));
                } else if on_stack[w] {
                    low[v] = low[v].min(index[w]);
                }
            } else {
                work.pop();
                if let Some(&(parent, _)) = work.last() {
                    low[parent] = low[parent].min(low[v]);
                }
                if low[v] == index[v] {
                    while let Some(w) = stack.pop() {
                        on_stack[w] = false;
                        comp[w] = ncomp;
                        if w == v {
                            break;
                        }
                    }
                    ncomp += 1;
                }
            }
        }
    }
    comp
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tarjan_finds_cycles() {
        // 0 -> 1 -> 2 -> 0, 3 -> 3, 4 alone
        let edges = vec![vec![1], vec![2], vec![0], vec![3], vec![]];
        let c = tarjan(&edges);
        assert_eq!(c[0], c[1]);
        assert_eq!(c[1], c[2]);
        assert_ne!(c[0], c[3]);
        assert_ne!(c[3], c[4]);
    }
}
