use super::diff::parts_text;
use super::text::field_line;
use super::*;
use crate::model::{
    Builtin, ComplexType, Compositor, Content, ElementDecl, EnumValue, Facets, LocalElement,
    Message, Model, ModelGroup, Occurs, Operation, Part, PartContent, Particle, QName, SimpleType,
    SoapVersion, SourcePos, Style, Term, TypeDef, TypeId, TypeKind, TypeName, TypeRef,
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
            g.particles[1] = element("Coupon", TypeRef::Builtin(Builtin::Int), 1, Some(1), false);
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
    assert!(
        text.contains(
            "constraint OrderPS2/Request/Coupon\n  maxLength 50\n  format \"date time\"\n"
        )
    );
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
