//! Making a surface: from the model as the schema describes it, with the Rust names the
//! generator's plan gives, and the spec overlay's value sets and constraints.

use std::collections::{BTreeMap, BTreeSet};

use super::{
    ComplexSurface, ERROR_CODES, Facet, Field, FieldKind, OperationSurface, PartSurface,
    SimpleKind, SimpleSurface, Surface, TypeSurface,
};
use crate::model::{
    Builtin, Compositor, Content, Facets, Message, Model, Occurs, PartContent, Particle,
    SimpleType, SoapVersion, Term, TypeDef, TypeId, TypeKind, TypeName, TypeRef,
};
use crate::rust::{Kind as RustKind, Member, Plan, RType, StructDef, VariantKind};

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
}
