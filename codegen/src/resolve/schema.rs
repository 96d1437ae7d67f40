//! XML Schema → the model's element/type graph.
//!
//! All schema instances go into one symbol table per component kind, keyed by
//! QName: imports without `schemaLocation` (GlobalSign's inline schemas import
//! each other by namespace only) resolve against whatever the WSDL loaded.
//!
//! Type ids: named types sorted by QName first, then anonymous types sorted by
//! (namespace, context path, position). Anonymous types are found by a walk
//! over every global component before anything is built, so every reference can
//! be turned into a [`TypeId`] on first sight.
//!
//! `xs:group` and `xs:attributeGroup` references are inlined where used.

use std::collections::{BTreeMap, HashMap};

use crate::error::{Error, ErrorKind};
use crate::model::{
    Attribute, Builtin, ComplexType, Compositor, Content, Derivation, DerivationMethod,
    ElementDecl, EnumValue, Facets, LocalElement, ModelGroup, Occurs, Particle, QName, SimpleType,
    SourcePos, Term, TypeDef, TypeId, TypeKind, TypeName, TypeRef, Wildcard,
};
use crate::parse::loader::Loaded;
use crate::parse::ns;
use crate::parse::xml::{Element, normalize_doc};
use crate::resolve::builtins::{soapenc_builtin, xsd_builtin};

/// A global component: its XML and the schema instance it belongs to.
#[derive(Clone, Copy)]
struct Def<'a> {
    node: &'a Element,
    inst: usize,
}

/// Per schema instance: what decides the names of its components.
struct Ctx {
    tns: Option<String>,
    chameleon: bool,
    element_qualified: bool,
    attribute_qualified: bool,
}

/// Deepest nesting of model groups (`xs:sequence`, `xs:choice`, `xs:all`, and `xs:group`
/// references, which are inlined), of `xs:attributeGroup` references, and of
/// substitution groups. Real schemas stay far below; the bound keeps the recursive
/// walks here and in the back end off the end of the stack.
pub const MAX_GROUP_NESTING: usize = 64;

/// Most particles (or attributes) one complex type's content may expand to once group
/// references are inlined. References can multiply (`G0 = (G1, G1)`, `G1 = (G2, G2)`,
/// ...: 2^n particles from n small groups), the schema version of an entity bomb.
pub const MAX_EXPANDED_PARTICLES: usize = 100_000;

/// The walk through one complex type's content model or attribute uses: the group
/// references being inlined (to find cycles), how deep groups nest, and how many
/// particles were made so far.
#[derive(Default)]
struct GroupWalk {
    refs: Vec<QName>,
    depth: usize,
    made: usize,
}

impl GroupWalk {
    /// Counts one more particle or attribute use; an error once the type expands to
    /// more than [`MAX_EXPANDED_PARTICLES`].
    fn count(&mut self, node: &Element) -> Result<(), Error> {
        self.made += 1;
        if self.made > MAX_EXPANDED_PARTICLES {
            return Err(err(
                ErrorKind::Malformed,
                node,
                format!(
                    "the content of this type expands to more than {MAX_EXPANDED_PARTICLES} \
                     particles or attributes (group references multiply)"
                ),
            ));
        }
        Ok(())
    }

    /// Enters one more level of nesting; an error beyond [`MAX_GROUP_NESTING`].
    fn enter(&mut self, node: &Element) -> Result<(), Error> {
        if self.depth >= MAX_GROUP_NESTING {
            return Err(err(
                ErrorKind::Malformed,
                node,
                format!("groups nest deeper than {MAX_GROUP_NESTING} levels"),
            ));
        }
        self.depth += 1;
        Ok(())
    }
}

/// Which kind of named group a `ref=` points at: model groups (`xs:group`) and attribute
/// groups (`xs:attributeGroup`) are resolved the same way from different tables.
#[derive(Clone, Copy)]
enum GroupKind {
    Model,
    Attribute,
}

/// Anonymous-type identity: the XML node and the schema instance (a chameleon
/// file included into two namespaces yields two types per node).
type AnonKey = (usize, usize);

fn node_key(node: &Element, inst: usize) -> AnonKey {
    (std::ptr::from_ref(node) as usize, inst)
}

/// The resolved schema part of the model.
pub struct SchemaModel {
    pub elements: BTreeMap<QName, ElementDecl>,
    pub types: Vec<TypeDef>,
}

pub struct SchemaSet<'a> {
    ctx: Vec<Ctx>,
    types: BTreeMap<QName, Def<'a>>,
    elements: BTreeMap<QName, Def<'a>>,
    groups: BTreeMap<QName, Def<'a>>,
    attribute_groups: BTreeMap<QName, Def<'a>>,
    attributes: BTreeMap<QName, Def<'a>>,
    type_ids: BTreeMap<QName, TypeId>,
    anon_ids: HashMap<AnonKey, TypeId>,
}

fn is_xsd(e: &Element) -> bool {
    e.namespace.as_deref() == Some(ns::XSD)
}

fn xsd_children(e: &Element) -> impl Iterator<Item = &Element> {
    e.elements().filter(|c| is_xsd(c))
}

/// `<xs:element name="Foo">`-style description of a node, for messages.
fn describe(e: &Element) -> String {
    match e.attr("name").or_else(|| e.attr("ref")) {
        Some(n) => format!(
            "<xs:{} {}=\"{n}\">",
            e.local,
            if e.attr("name").is_some() {
                "name"
            } else {
                "ref"
            }
        ),
        None => format!("<xs:{}>", e.local),
    }
}

fn err(kind: ErrorKind, e: &Element, message: String) -> Error {
    Error::new(kind, Some(e.pos.clone()), message)
}

fn parse_bool(e: &Element, attr: &str) -> Result<bool, Error> {
    match e.attr(attr).map(str::trim) {
        None => Ok(false),
        Some("true" | "1") => Ok(true),
        Some("false" | "0") => Ok(false),
        Some(other) => Err(err(
            ErrorKind::Malformed,
            e,
            format!("{attr}=\"{other}\" on {} is not a boolean", describe(e)),
        )),
    }
}

/// The `xs:annotation/xs:documentation` text of a node, normalised.
pub fn xsd_doc(e: &Element) -> Option<String> {
    let mut parts = Vec::new();
    for ann in e.children_named(ns::XSD, "annotation") {
        for d in ann.children_named(ns::XSD, "documentation") {
            if let Some(text) = normalize_doc(&d.deep_text()) {
                parts.push(text);
            }
        }
    }
    if parts.is_empty() {
        None
    } else {
        Some(parts.join("\n\n"))
    }
}

const FACETS: &[&str] = &[
    "enumeration",
    "length",
    "minLength",
    "maxLength",
    "pattern",
    "minInclusive",
    "maxInclusive",
    "minExclusive",
    "maxExclusive",
    "totalDigits",
    "fractionDigits",
    "whiteSpace",
];

fn has_facets(e: &Element) -> bool {
    xsd_children(e).any(|c| FACETS.contains(&c.local.as_str()) || c.local == "simpleType")
}

fn occurs(e: &Element) -> Result<Occurs, Error> {
    let parse = |attr: &str, value: &str| -> Result<u32, Error> {
        value.trim().parse::<u32>().map_err(|_| {
            err(
                ErrorKind::Malformed,
                e,
                format!(
                    "{attr}=\"{value}\" on {} is not a non-negative integer",
                    describe(e)
                ),
            )
        })
    };
    let min = match e.attr("minOccurs") {
        Some(v) => parse("minOccurs", v)?,
        None => 1,
    };
    let max = match e.attr("maxOccurs").map(str::trim) {
        Some("unbounded") => None,
        Some(v) => Some(parse("maxOccurs", v)?),
        None => Some(1),
    };
    Ok(Occurs { min, max })
}

/// Attributes of the `xml:` namespace, known without loading `xml.xsd`.
fn xml_attribute_builtin(local: &str) -> Option<Builtin> {
    match local {
        "lang" => Some(Builtin::Language),
        "space" => Some(Builtin::NcName),
        "base" => Some(Builtin::AnyUri),
        "id" => Some(Builtin::Id),
        _ => None,
    }
}

impl<'a> SchemaSet<'a> {
    /// Builds the symbol tables of every loaded schema and numbers every type.
    pub fn new(loaded: &'a Loaded) -> Result<SchemaSet<'a>, Error> {
        let mut set = SchemaSet {
            ctx: Vec::new(),
            types: BTreeMap::new(),
            elements: BTreeMap::new(),
            groups: BTreeMap::new(),
            attribute_groups: BTreeMap::new(),
            attributes: BTreeMap::new(),
            type_ids: BTreeMap::new(),
            anon_ids: HashMap::new(),
        };
        for (inst_index, inst) in loaded.schemas.iter().enumerate() {
            let schema = loaded.schema_element(inst);
            let qualified =
                |attr: &str| schema.and_then(|s| s.attr(attr)).map(str::trim) == Some("qualified");
            // One Ctx per instance, so `inst` indexes both.
            set.ctx.push(Ctx {
                tns: inst.target_ns.clone(),
                chameleon: inst.chameleon,
                element_qualified: qualified("elementFormDefault"),
                attribute_qualified: qualified("attributeFormDefault"),
            });
            let Some(schema) = schema else { continue };
            for e in xsd_children(schema) {
                let table = match e.local.as_str() {
                    "complexType" | "simpleType" => &mut set.types,
                    "element" => &mut set.elements,
                    "group" => &mut set.groups,
                    "attributeGroup" => &mut set.attribute_groups,
                    "attribute" => &mut set.attributes,
                    "import" | "include" | "annotation" | "notation" | "redefine" => continue,
                    other => {
                        return Err(err(
                            ErrorKind::Unsupported,
                            e,
                            format!("<xs:{other}> at the top level of a schema is not supported"),
                        ));
                    }
                };
                let name = e.required_attr("name")?;
                let q = QName::new(inst.target_ns.as_deref(), name);
                if let Some(prev) = table.get(&q) {
                    return Err(err(
                        ErrorKind::Duplicate,
                        e,
                        format!(
                            "{} `{q}` is defined twice (first at {})",
                            describe(e),
                            prev.node.pos
                        ),
                    ));
                }
                table.insert(
                    q,
                    Def {
                        node: e,
                        inst: inst_index,
                    },
                );
            }
        }
        for (i, q) in set.types.keys().enumerate() {
            set.type_ids.insert(q.clone(), TypeId(i));
        }
        Ok(set)
    }

    pub fn has_element(&self, q: &QName) -> bool {
        self.elements.contains_key(q)
    }

    fn qname(&self, node: &Element, value: &str, inst: usize) -> Result<QName, Error> {
        let mut q = node.resolve_qname(value)?;
        if q.namespace.is_none() && self.ctx[inst].chameleon {
            q.namespace.clone_from(&self.ctx[inst].tns);
        }
        Ok(q)
    }

    /// A type QName as a [`TypeRef`]; `what` says where it was written, for errors.
    pub fn type_ref(&self, q: &QName, pos: &SourcePos, what: &str) -> Result<TypeRef, Error> {
        let ns = q.namespace.as_deref();
        if ns == Some(ns::XSD) {
            return xsd_builtin(&q.local).map(TypeRef::Builtin).ok_or_else(|| {
                Error::new(
                    ErrorKind::Unresolved,
                    Some(pos.clone()),
                    format!(
                        "`xs:{}` ({what}) is not an XML Schema built-in type",
                        q.local
                    ),
                )
            });
        }
        if let Some(id) = self.type_ids.get(q) {
            return Ok(TypeRef::Defined(*id));
        }
        if ns == Some(ns::SOAP_ENC) || ns == Some(ns::SOAP12_ENC) {
            return soapenc_builtin(&q.local).map(TypeRef::Builtin).ok_or_else(|| {
                Error::unsupported(
                    Some(pos.clone()),
                    format!(
                        "SOAP-encoding type `soapenc:{}` ({what}) is only meaningful in rpc/encoded services, which are not supported",
                        q.local
                    ),
                )
            });
        }
        Err(Error::new(
            ErrorKind::Unresolved,
            Some(pos.clone()),
            format!("type `{q}` ({what}) is not defined in any loaded schema"),
        ))
    }

    fn attr_type_ref(
        &self,
        node: &Element,
        attr: &str,
        inst: usize,
    ) -> Result<Option<TypeRef>, Error> {
        match node.attr(attr) {
            None => Ok(None),
            Some(v) => {
                let q = self.qname(node, v, inst)?;
                let what = format!("{attr}= of {}", describe(node));
                self.type_ref(&q, &node.pos, &what).map(Some)
            }
        }
    }

    fn anon(&self, node: &Element, inst: usize) -> Result<TypeRef, Error> {
        self.anon_ids
            .get(&node_key(node, inst))
            .map(|id| TypeRef::Defined(*id))
            .ok_or_else(|| {
                err(
                    ErrorKind::Unsupported,
                    node,
                    format!("anonymous {} in an unexpected place", describe(node)),
                )
            })
    }

    /// Builds every element and type.
    pub fn build(mut self) -> Result<SchemaModel, Error> {
        // 1. Find anonymous types under every global component.
        let mut found: Vec<AnonSite<'a>> = Vec::new();
        let globals = [
            &self.types,
            &self.elements,
            &self.groups,
            &self.attribute_groups,
            &self.attributes,
        ];
        for table in globals {
            for (q, def) in table {
                let mut path = vec![q.local.clone()];
                walk_anonymous(def.node, def.inst, &q.namespace, &mut path, &mut found);
            }
        }
        found.sort_by(|a, b| {
            (&a.namespace, &a.context, &a.node.pos).cmp(&(&b.namespace, &b.context, &b.node.pos))
        });
        let named = self.type_ids.len();
        for (i, site) in found.iter().enumerate() {
            self.anon_ids
                .insert(node_key(site.node, site.inst), TypeId(named + i));
        }

        // 2. Build them.
        let mut types = Vec::with_capacity(named + found.len());
        for (q, def) in &self.types {
            let kind = self.type_kind(def.node, def.inst)?;
            types.push(TypeDef {
                name: TypeName::Named(q.clone()),
                doc: xsd_doc(def.node),
                kind,
                pos: def.node.pos.clone(),
            });
        }
        for site in &found {
            let kind = if site.node.local == "restriction" {
                TypeKind::Simple(self.restriction(site.node, site.inst)?)
            } else {
                self.type_kind(site.node, site.inst)?
            };
            types.push(TypeDef {
                name: TypeName::Anonymous {
                    namespace: site.namespace.clone(),
                    context: site.context.clone(),
                },
                doc: xsd_doc(site.node),
                kind,
                pos: site.node.pos.clone(),
            });
        }
        let mut elements = BTreeMap::new();
        for (q, def) in &self.elements {
            elements.insert(q.clone(), self.element_decl(q, *def)?);
        }
        fill_substitutes(&mut elements)?;
        resolve_simple_content(&mut types);
        Ok(SchemaModel { elements, types })
    }

    fn type_kind(&self, node: &'a Element, inst: usize) -> Result<TypeKind, Error> {
        match node.local.as_str() {
            "simpleType" => Ok(TypeKind::Simple(self.simple_type(node, inst)?)),
            "complexType" => Ok(TypeKind::Complex(self.complex_type(node, inst)?)),
            _ => Err(err(
                ErrorKind::Malformed,
                node,
                format!("{} is not a type", describe(node)),
            )),
        }
    }

    // ---- simple types -------------------------------------------------------

    fn simple_type(&self, node: &'a Element, inst: usize) -> Result<SimpleType, Error> {
        for c in xsd_children(node) {
            match c.local.as_str() {
                "annotation" => {}
                "restriction" => return self.restriction(c, inst),
                "list" => {
                    let item = match self.attr_type_ref(c, "itemType", inst)? {
                        Some(t) => t,
                        None => match c.child(ns::XSD, "simpleType") {
                            Some(st) => self.anon(st, inst)?,
                            None => {
                                return Err(err(
                                    ErrorKind::Malformed,
                                    c,
                                    "xs:list has neither itemType nor an xs:simpleType".into(),
                                ));
                            }
                        },
                    };
                    return Ok(SimpleType::List {
                        item,
                        facets: Facets::default(),
                    });
                }
                "union" => {
                    let mut members = Vec::new();
                    if let Some(list) = c.attr("memberTypes") {
                        for name in list.split_whitespace() {
                            let q = self.qname(c, name, inst)?;
                            members.push(self.type_ref(&q, &c.pos, "memberTypes of xs:union")?);
                        }
                    }
                    for st in c.children_named(ns::XSD, "simpleType") {
                        members.push(self.anon(st, inst)?);
                    }
                    if members.is_empty() {
                        return Err(err(
                            ErrorKind::Malformed,
                            c,
                            "xs:union has no member types".into(),
                        ));
                    }
                    return Ok(SimpleType::Union { members });
                }
                other => {
                    return Err(err(
                        ErrorKind::Unsupported,
                        c,
                        format!("<xs:{other}> inside xs:simpleType is not supported"),
                    ));
                }
            }
        }
        Err(err(
            ErrorKind::Malformed,
            node,
            format!(
                "{} has no xs:restriction, xs:list or xs:union",
                describe(node)
            ),
        ))
    }

    /// `xs:restriction` of a simple type (or the facets of a simpleContent restriction).
    fn restriction(&self, node: &'a Element, inst: usize) -> Result<SimpleType, Error> {
        let base = match self.attr_type_ref(node, "base", inst)? {
            Some(t) => t,
            None => match node.child(ns::XSD, "simpleType") {
                Some(st) => self.anon(st, inst)?,
                None => {
                    return Err(err(
                        ErrorKind::Malformed,
                        node,
                        "xs:restriction has neither base= nor an xs:simpleType".into(),
                    ));
                }
            },
        };
        let facets = facets(node)?;
        // A list type restricted by length facets stays a list.
        Ok(SimpleType::Restriction { base, facets })
    }

    // ---- complex types ------------------------------------------------------

    fn complex_type(&self, node: &'a Element, inst: usize) -> Result<ComplexType, Error> {
        let mut ct = ComplexType {
            abstract_: parse_bool(node, "abstract")?,
            mixed: parse_bool(node, "mixed")?,
            base: None,
            content: Content::Empty,
            attributes: Vec::new(),
            any_attribute: false,
        };
        self.complex_body(node, inst, &mut ct)?;
        Ok(ct)
    }

    /// The children of xs:complexType, or of an extension/restriction inside complexContent.
    fn complex_body(
        &self,
        node: &'a Element,
        inst: usize,
        ct: &mut ComplexType,
    ) -> Result<(), Error> {
        let mut attr_groups = GroupWalk::default();
        for c in xsd_children(node) {
            match c.local.as_str() {
                "annotation" => {}
                "simpleContent" => self.simple_content(c, inst, ct)?,
                "complexContent" => {
                    if c.attr("mixed").is_some() {
                        ct.mixed = parse_bool(c, "mixed")?;
                    }
                    let derivation = xsd_children(c)
                        .find(|d| d.local == "extension" || d.local == "restriction")
                        .ok_or_else(|| {
                            err(
                                ErrorKind::Malformed,
                                c,
                                "xs:complexContent has no xs:extension or xs:restriction".into(),
                            )
                        })?;
                    let method = if derivation.local == "extension" {
                        DerivationMethod::Extension
                    } else {
                        DerivationMethod::Restriction
                    };
                    let base = self.derivation_base(derivation, inst)?;
                    ct.base = Some(Derivation { base, method });
                    self.complex_body(derivation, inst, ct)?;
                }
                "sequence" | "choice" | "all" | "group" => {
                    let mut walk = GroupWalk::default();
                    if let Some(p) = self.particle(c, inst, &mut walk)? {
                        ct.content = Content::Particle(p);
                    }
                }
                "attribute" | "attributeGroup" | "anyAttribute" => {
                    self.attribute_use(
                        c,
                        inst,
                        &mut ct.attributes,
                        &mut ct.any_attribute,
                        &mut attr_groups,
                    )?;
                }
                other => {
                    return Err(err(
                        ErrorKind::Unsupported,
                        c,
                        format!("<xs:{other}> inside {} is not supported", describe(node)),
                    ));
                }
            }
        }
        Ok(())
    }

    fn simple_content(
        &self,
        node: &'a Element,
        inst: usize,
        ct: &mut ComplexType,
    ) -> Result<(), Error> {
        let derivation = xsd_children(node)
            .find(|d| d.local == "extension" || d.local == "restriction")
            .ok_or_else(|| {
                err(
                    ErrorKind::Malformed,
                    node,
                    "xs:simpleContent has no xs:extension or xs:restriction".into(),
                )
            })?;
        let base = self.derivation_base(derivation, inst)?;
        let (method, text) = if derivation.local == "extension" {
            (DerivationMethod::Extension, base.clone())
        } else if has_facets(derivation) {
            (DerivationMethod::Restriction, self.anon(derivation, inst)?)
        } else {
            (DerivationMethod::Restriction, base.clone())
        };
        ct.base = Some(Derivation { base, method });
        ct.content = Content::Simple(text);
        let mut attr_groups = GroupWalk::default();
        for c in xsd_children(derivation) {
            match c.local.as_str() {
                "attribute" | "attributeGroup" | "anyAttribute" => {
                    self.attribute_use(
                        c,
                        inst,
                        &mut ct.attributes,
                        &mut ct.any_attribute,
                        &mut attr_groups,
                    )?;
                }
                _ => {}
            }
        }
        Ok(())
    }

    // ---- particles ----------------------------------------------------------

    fn particle(
        &self,
        node: &'a Element,
        inst: usize,
        walk: &mut GroupWalk,
    ) -> Result<Option<Particle>, Error> {
        walk.count(node)?;
        match node.local.as_str() {
            "element" => {
                let occurs = occurs(node)?;
                Ok(Some(Particle {
                    occurs,
                    term: Term::Element(self.local_element(node, inst)?),
                }))
            }
            "sequence" | "choice" | "all" => {
                let compositor = match node.local.as_str() {
                    "sequence" => Compositor::Sequence,
                    "choice" => Compositor::Choice,
                    _ => Compositor::All,
                };
                let occurs = occurs(node)?;
                walk.enter(node)?;
                let particles = self.particles(node, inst, walk)?;
                walk.depth -= 1;
                Ok(Some(Particle {
                    occurs,
                    term: Term::Group(ModelGroup {
                        compositor,
                        group_name: None,
                        particles,
                    }),
                }))
            }
            "group" => {
                let (q, def) = self.group_reference(node, inst, GroupKind::Model, walk)?;
                let body = xsd_children(def.node)
                    .find(|c| matches!(c.local.as_str(), "sequence" | "choice" | "all"))
                    .ok_or_else(|| {
                        err(
                            ErrorKind::Malformed,
                            def.node,
                            format!("group `{q}` has no xs:sequence, xs:choice or xs:all"),
                        )
                    })?;
                let compositor = match body.local.as_str() {
                    "sequence" => Compositor::Sequence,
                    "choice" => Compositor::Choice,
                    _ => Compositor::All,
                };
                walk.refs.push(q.clone());
                let particles = self.particles(body, def.inst, walk)?;
                walk.refs.pop();
                walk.depth -= 1;
                Ok(Some(Particle {
                    occurs: occurs(node)?,
                    term: Term::Group(ModelGroup {
                        compositor,
                        group_name: Some(q),
                        particles,
                    }),
                }))
            }
            "any" => Ok(Some(Particle {
                occurs: occurs(node)?,
                term: Term::Any(Wildcard {
                    namespace: node.attr("namespace").unwrap_or("##any").to_owned(),
                    process_contents: node.attr("processContents").unwrap_or("strict").to_owned(),
                }),
            })),
            "annotation" => Ok(None),
            other => Err(err(
                ErrorKind::Unsupported,
                node,
                format!("<xs:{other}> inside a content model is not supported"),
            )),
        }
    }

    fn particles(
        &self,
        node: &'a Element,
        inst: usize,
        walk: &mut GroupWalk,
    ) -> Result<Vec<Particle>, Error> {
        let mut out = Vec::new();
        for c in xsd_children(node) {
            if let Some(p) = self.particle(c, inst, walk)? {
                out.push(p);
            }
        }
        Ok(out)
    }

    fn local_element(&self, node: &'a Element, inst: usize) -> Result<LocalElement, Error> {
        if let Some(r) = node.attr("ref") {
            let q = self.qname(node, r, inst)?;
            let def = *self.elements.get(&q).ok_or_else(|| {
                err(
                    ErrorKind::Unresolved,
                    node,
                    format!("element `{q}` (ref= of xs:element) is not defined"),
                )
            })?;
            return Ok(LocalElement {
                name: q,
                type_: self.element_type(def, 0)?,
                nillable: parse_bool(def.node, "nillable")?,
                reference: Some(self.qname(node, r, inst)?),
                default: def.node.attr("default").map(str::to_owned),
                fixed: def.node.attr("fixed").map(str::to_owned),
                doc: xsd_doc(node).or_else(|| xsd_doc(def.node)),
                pos: node.pos.clone(),
            });
        }
        let name = node.required_attr("name")?;
        let namespace = self.local_namespace(node, inst, self.ctx[inst].element_qualified)?;
        Ok(LocalElement {
            name: QName::new(namespace, name),
            type_: self.declared_type(node, inst)?,
            nillable: parse_bool(node, "nillable")?,
            reference: None,
            default: node.attr("default").map(str::to_owned),
            fixed: node.attr("fixed").map(str::to_owned),
            doc: xsd_doc(node),
            pos: node.pos.clone(),
        })
    }

    /// type= or the anonymous type of an element/attribute declaration.
    fn declared_type(&self, node: &'a Element, inst: usize) -> Result<TypeRef, Error> {
        if let Some(t) = self.attr_type_ref(node, "type", inst)? {
            return Ok(t);
        }
        match xsd_children(node).find(|c| c.local == "complexType" || c.local == "simpleType") {
            Some(t) => self.anon(t, inst),
            None if node.local == "attribute" => Ok(TypeRef::Builtin(Builtin::AnySimpleType)),
            None => Ok(TypeRef::Builtin(Builtin::AnyType)),
        }
    }

    /// The type of a global element; without one, the head of its substitution group's.
    fn element_type(&self, def: Def<'a>, depth: usize) -> Result<TypeRef, Error> {
        let node = def.node;
        let has_own = node.attr("type").is_some()
            || xsd_children(node).any(|c| c.local == "complexType" || c.local == "simpleType");
        if !has_own && let Some(head) = node.attr("substitutionGroup") {
            let q = self.qname(node, head, def.inst)?;
            let head_def = *self.elements.get(&q).ok_or_else(|| {
                err(
                    ErrorKind::Unresolved,
                    node,
                    format!("substitution group head `{q}` is not defined"),
                )
            })?;
            if depth > 64 {
                return Err(err(
                    ErrorKind::Malformed,
                    node,
                    "substitution groups form a cycle".into(),
                ));
            }
            return self.element_type(head_def, depth + 1);
        }
        self.declared_type(node, def.inst)
    }

    fn element_decl(&self, q: &QName, def: Def<'a>) -> Result<ElementDecl, Error> {
        let node = def.node;
        let substitution_group = match node.attr("substitutionGroup") {
            Some(head) => {
                let hq = self.qname(node, head, def.inst)?;
                if !self.elements.contains_key(&hq) {
                    return Err(err(
                        ErrorKind::Unresolved,
                        node,
                        format!("substitution group head `{hq}` is not defined"),
                    ));
                }
                Some(hq)
            }
            None => None,
        };
        Ok(ElementDecl {
            name: q.clone(),
            type_: self.element_type(def, 0)?,
            nillable: parse_bool(node, "nillable")?,
            abstract_: parse_bool(node, "abstract")?,
            substitution_group,
            substitutes: Vec::new(),
            doc: xsd_doc(node),
            pos: node.pos.clone(),
        })
    }

    // ---- derivations ---------------------------------------------------------

    /// The `base=` of an `xs:extension` or `xs:restriction` of complex or simple content,
    /// which must be there.
    fn derivation_base(&self, derivation: &Element, inst: usize) -> Result<TypeRef, Error> {
        self.attr_type_ref(derivation, "base", inst)?
            .ok_or_else(|| {
                err(
                    ErrorKind::Malformed,
                    derivation,
                    format!("xs:{} has no base=", derivation.local),
                )
            })
    }

    // ---- local declarations --------------------------------------------------

    /// The namespace of a local element or attribute declaration: the schema's target
    /// namespace when its `form=` says qualified, or, without `form=`, when
    /// `qualified_by_default` (the schema's `elementFormDefault` / `attributeFormDefault`)
    /// does; none otherwise.
    fn local_namespace(
        &self,
        node: &Element,
        inst: usize,
        qualified_by_default: bool,
    ) -> Result<Option<&str>, Error> {
        let qualified = match node.attr("form").map(str::trim) {
            Some("qualified") => true,
            Some("unqualified") => false,
            Some(other) => {
                return Err(err(
                    ErrorKind::Malformed,
                    node,
                    format!("form=\"{other}\" is neither qualified nor unqualified"),
                ));
            }
            None => qualified_by_default,
        };
        Ok(if qualified {
            self.ctx[inst].tns.as_deref()
        } else {
            None
        })
    }

    // ---- group references ---------------------------------------------------

    /// The definition a local `xs:group` or `xs:attributeGroup` names with `ref=`, with
    /// its name. A group that is already being expanded further up (`walk.refs`) is a
    /// cycle and an error; otherwise one more nesting level is entered in `walk` (the
    /// caller pushes the name onto `walk.refs` while it expands the body, and leaves the
    /// level afterwards).
    fn group_reference(
        &self,
        node: &'a Element,
        inst: usize,
        kind: GroupKind,
        walk: &mut GroupWalk,
    ) -> Result<(QName, Def<'a>), Error> {
        let (what, element, defs) = match kind {
            GroupKind::Model => ("group", "xs:group", &self.groups),
            GroupKind::Attribute => (
                "attribute group",
                "xs:attributeGroup",
                &self.attribute_groups,
            ),
        };
        let r = node.attr("ref").ok_or_else(|| {
            err(
                ErrorKind::Malformed,
                node,
                format!("a local {element} needs ref="),
            )
        })?;
        let q = self.qname(node, r, inst)?;
        let def = *defs.get(&q).ok_or_else(|| {
            err(
                ErrorKind::Unresolved,
                node,
                format!("{what} `{q}` (ref= of {element}) is not defined"),
            )
        })?;
        if walk.refs.contains(&q) {
            return Err(err(
                ErrorKind::Malformed,
                node,
                format!("{what} `{q}` refers to itself"),
            ));
        }
        walk.enter(node)?;
        Ok((q, def))
    }

    // ---- attributes ---------------------------------------------------------

    fn attribute_use(
        &self,
        node: &'a Element,
        inst: usize,
        out: &mut Vec<Attribute>,
        any: &mut bool,
        groups: &mut GroupWalk,
    ) -> Result<(), Error> {
        groups.count(node)?;
        match node.local.as_str() {
            "anyAttribute" => *any = true,
            "attribute" if node.attr("use").map(str::trim) != Some("prohibited") => {
                out.push(self.local_attribute(node, inst)?);
            }
            "attributeGroup" => {
                let (q, def) = self.group_reference(node, inst, GroupKind::Attribute, groups)?;
                groups.refs.push(q);
                for c in xsd_children(def.node) {
                    if c.local != "annotation" {
                        self.attribute_use(c, def.inst, out, any, groups)?;
                    }
                }
                groups.refs.pop();
                groups.depth -= 1;
            }
            _ => {}
        }
        Ok(())
    }

    fn local_attribute(&self, node: &'a Element, inst: usize) -> Result<Attribute, Error> {
        let required = node.attr("use").map(str::trim) == Some("required");
        if let Some(r) = node.attr("ref") {
            let q = self.qname(node, r, inst)?;
            if let Some(def) = self.attributes.get(&q).copied() {
                return Ok(Attribute {
                    type_: self.declared_type(def.node, def.inst)?,
                    required,
                    default: node
                        .attr("default")
                        .or_else(|| def.node.attr("default"))
                        .map(str::to_owned),
                    fixed: node
                        .attr("fixed")
                        .or_else(|| def.node.attr("fixed"))
                        .map(str::to_owned),
                    doc: xsd_doc(node).or_else(|| xsd_doc(def.node)),
                    pos: node.pos.clone(),
                    name: q,
                });
            }
            if q.namespace.as_deref() == Some(ns::XML)
                && let Some(b) = xml_attribute_builtin(&q.local)
            {
                return Ok(Attribute {
                    name: q,
                    type_: TypeRef::Builtin(b),
                    required,
                    default: node.attr("default").map(str::to_owned),
                    fixed: node.attr("fixed").map(str::to_owned),
                    doc: xsd_doc(node),
                    pos: node.pos.clone(),
                });
            }
            return Err(err(
                ErrorKind::Unresolved,
                node,
                format!("attribute `{q}` (ref= of xs:attribute) is not defined"),
            ));
        }
        let name = node.required_attr("name")?;
        let namespace = self.local_namespace(node, inst, self.ctx[inst].attribute_qualified)?;
        Ok(Attribute {
            name: QName::new(namespace, name),
            type_: self.declared_type(node, inst)?,
            required,
            default: node.attr("default").map(str::to_owned),
            fixed: node.attr("fixed").map(str::to_owned),
            doc: xsd_doc(node),
            pos: node.pos.clone(),
        })
    }
}

fn facets(node: &Element) -> Result<Facets, Error> {
    let mut f = Facets::default();
    for c in xsd_children(node) {
        let value = || c.required_attr("value");
        let number = |what: &str| -> Result<u64, Error> {
            let v = c.required_attr("value")?;
            v.trim().parse::<u64>().map_err(|_| {
                err(
                    ErrorKind::Malformed,
                    c,
                    format!("xs:{what} value=\"{v}\" is not a non-negative integer"),
                )
            })
        };
        match c.local.as_str() {
            "enumeration" => f.enumeration.push(EnumValue {
                value: value()?.to_owned(),
                doc: xsd_doc(c),
            }),
            "length" => f.length = Some(number("length")?),
            "minLength" => f.min_length = Some(number("minLength")?),
            "maxLength" => f.max_length = Some(number("maxLength")?),
            "pattern" => f.patterns.push(value()?.to_owned()),
            "minInclusive" => f.min_inclusive = Some(value()?.trim().to_owned()),
            "maxInclusive" => f.max_inclusive = Some(value()?.trim().to_owned()),
            "minExclusive" => f.min_exclusive = Some(value()?.trim().to_owned()),
            "maxExclusive" => f.max_exclusive = Some(value()?.trim().to_owned()),
            "totalDigits" => {
                f.total_digits = Some(u32::try_from(number("totalDigits")?).map_err(|_| {
                    err(
                        ErrorKind::Malformed,
                        c,
                        "xs:totalDigits is too large".into(),
                    )
                })?);
            }
            "fractionDigits" => {
                f.fraction_digits =
                    Some(u32::try_from(number("fractionDigits")?).map_err(|_| {
                        err(
                            ErrorKind::Malformed,
                            c,
                            "xs:fractionDigits is too large".into(),
                        )
                    })?);
            }
            "whiteSpace" => f.white_space = Some(value()?.trim().to_owned()),
            "annotation" | "simpleType" | "attribute" | "attributeGroup" | "anyAttribute" => {}
            other => {
                return Err(err(
                    ErrorKind::Unsupported,
                    c,
                    format!("facet <xs:{other}> is not supported"),
                ));
            }
        }
    }
    Ok(f)
}

/// An anonymous type found by the walk, before ids are assigned.
struct AnonSite<'a> {
    namespace: Option<String>,
    context: Vec<String>,
    node: &'a Element,
    inst: usize,
}

/// Finds anonymous types below `node`. `path` starts with the global component's
/// name; local element and attribute names are pushed on the way down; a nested
/// simple type inside restriction/list/union adds `Base`/`Item`/`Member<N>`, and a
/// simpleContent restriction with facets (a new text type) adds `Value`.
fn walk_anonymous<'a>(
    node: &'a Element,
    inst: usize,
    namespace: &Option<String>,
    path: &mut Vec<String>,
    out: &mut Vec<AnonSite<'a>>,
) {
    let mut member = 0;
    for c in xsd_children(node) {
        match c.local.as_str() {
            "annotation" => {}
            "element" | "attribute" if c.attr("name").is_some() => {
                path.push(c.attr("name").unwrap_or_default().to_owned());
                walk_anonymous(c, inst, namespace, path, out);
                path.pop();
            }
            "complexType" | "simpleType" => {
                let suffix = match node.local.as_str() {
                    "restriction" => Some("Base".to_owned()),
                    "list" => Some("Item".to_owned()),
                    "union" => {
                        member += 1;
                        Some(format!("Member{member}"))
                    }
                    _ => None,
                };
                let pushed = suffix.is_some();
                if let Some(s) = suffix {
                    path.push(s);
                }
                out.push(AnonSite {
                    namespace: namespace.clone(),
                    context: path.clone(),
                    node: c,
                    inst,
                });
                walk_anonymous(c, inst, namespace, path, out);
                if pushed {
                    path.pop();
                }
            }
            "restriction" if node.local == "simpleContent" && has_facets(c) => {
                path.push("Value".to_owned());
                out.push(AnonSite {
                    namespace: namespace.clone(),
                    context: path.clone(),
                    node: c,
                    inst,
                });
                walk_anonymous(c, inst, namespace, path, out);
                path.pop();
            }
            _ => walk_anonymous(c, inst, namespace, path, out),
        }
    }
}

/// Every element that may stand in for a head, transitively, sorted. Chains deeper
/// than [`MAX_GROUP_NESTING`] are refused: each element is listed under every head
/// above it, so a long chain would make the lists quadratic in size.
fn fill_substitutes(elements: &mut BTreeMap<QName, ElementDecl>) -> Result<(), Error> {
    let mut found: BTreeMap<QName, Vec<QName>> = BTreeMap::new();
    for (q, decl) in elements.iter() {
        let mut head = decl.substitution_group.as_ref();
        let mut chain: Vec<&QName> = Vec::new();
        while let Some(h) = head {
            // A cycle: every member was listed once already.
            if h == q || chain.contains(&h) {
                break;
            }
            if chain.len() >= MAX_GROUP_NESTING {
                return Err(Error::new(
                    ErrorKind::Malformed,
                    Some(decl.pos.clone()),
                    format!(
                        "substitution groups above element `{q}` nest deeper than \
                         {MAX_GROUP_NESTING} levels"
                    ),
                ));
            }
            found.entry(h.clone()).or_default().push(q.clone());
            chain.push(h);
            head = elements.get(h).and_then(|d| d.substitution_group.as_ref());
        }
    }
    for (head, mut subs) in found {
        subs.sort();
        subs.dedup();
        if let Some(decl) = elements.get_mut(&head) {
            decl.substitutes = subs;
        }
    }
    Ok(())
}

/// simpleContent whose base is a complex type gets the base's text type, and a
/// simple restriction whose base is such a complex type restricts that text type.
fn resolve_simple_content(types: &mut [TypeDef]) {
    let text_of = |types: &[TypeDef], start: &TypeRef| -> TypeRef {
        let mut current = start.clone();
        for _ in 0..types.len() {
            let TypeRef::Defined(id) = &current else {
                break;
            };
            match types.get(id.0).map(|t| &t.kind) {
                Some(TypeKind::Complex(ComplexType {
                    content: Content::Simple(inner),
                    ..
                })) if inner != &current => current = inner.clone(),
                _ => break,
            }
        }
        current
    };
    for i in 0..types.len() {
        let fixed = match &types[i].kind {
            TypeKind::Complex(ComplexType {
                content: Content::Simple(inner),
                ..
            }) => Some(text_of(types, inner)),
            TypeKind::Simple(SimpleType::Restriction { base, .. }) => Some(text_of(types, base)),
            _ => None,
        };
        if let Some(t) = fixed {
            match &mut types[i].kind {
                TypeKind::Complex(ComplexType {
                    content: Content::Simple(inner),
                    ..
                }) => *inner = t,
                TypeKind::Simple(SimpleType::Restriction { base, .. }) => *base = t,
                _ => {}
            }
        }
    }
}
