//! Hostile and broken WSDL/XSD input for the generator's front end (`soapgen_codegen::load`):
//! every case ends in a model or in an [`Error`](soapgen_codegen::error::Error) with a kind and a
//! `file:line`, never a panic, a hang, a stack overflow or a memory blow-up.
//!
//! `load_errors.rs` covers the single-file basics (unknown type, missing import of the
//! entry, duplicate across two files, malformed XML, unbound prefix, group cycle...);
//! the cases here are the ones an attacker or a broken download produces: cycles,
//! nested failures, clashing names, big and deep files, garbage, and references to
//! files that are not files.

mod support;

use std::fmt::Write as _;

use soapgen_codegen::error::ErrorKind;
use soapgen_codegen::model::Model;
use soapgen_codegen::{LoadOptions, load};
use support::{IN_OUT, at, load_err, load_files, load_ok, write, wsdl};

const XS: &str = "http://www.w3.org/2001/XMLSchema";

/// `wsdl` with one inline schema for `urn:t` holding `In`, `Out` and `body`.
fn wsdl_with(body: &str) -> String {
    wsdl(&format!(
        "<xs:schema targetNamespace=\"urn:t\">\n{IN_OUT}\n{body}\n</xs:schema>"
    ))
}

/// A standalone schema document for `tns` holding `body`.
fn xsd(tns: &str, body: &str) -> String {
    format!(
        "<?xml version=\"1.0\"?>\n<xs:schema xmlns:xs=\"{XS}\" xmlns:tns=\"{tns}\" targetNamespace=\"{tns}\">\n{body}\n</xs:schema>\n"
    )
}

fn type_count(model: &Model, local: &str) -> usize {
    model
        .types
        .iter()
        .filter(
            |t| matches!(&t.name, soapgen_codegen::model::TypeName::Named(q) if q.local == local),
        )
        .count()
}

// ------------------------------------------------------------------ missing imports

/// A missing file two imports deep: the error points at the import in the file that
/// names it, not at the entry.
#[test]
fn missing_import_deep_in_the_chain_names_the_importing_file() {
    let svc = wsdl_with("<xs:import namespace=\"urn:a\" schemaLocation=\"a.xsd\"/>");
    let a = xsd(
        "urn:a",
        "<xs:complexType name=\"A\"/>\n\n<xs:import namespace=\"urn:b\" schemaLocation=\"sub/b.xsd\"/>",
    );
    let e = load_err(&[("svc.wsdl", svc.as_bytes()), ("a.xsd", a.as_bytes())]);
    assert_eq!(e.kind, ErrorKind::Io);
    assert_eq!(at(&e), ("a.xsd".into(), 5));
    assert!(e.message.contains("b.xsd"), "{e}");
}

#[test]
fn missing_wsdl_import_names_the_import() {
    let svc = wsdl_with("").replace(
        "<types>",
        "<import namespace=\"urn:other\" location=\"other.wsdl\"/>\n<types>",
    );
    let e = load_err(&[("svc.wsdl", svc.as_bytes())]);
    assert_eq!(e.kind, ErrorKind::Io);
    assert_eq!(at(&e), ("svc.wsdl".into(), 4));
    assert!(e.message.contains("other.wsdl"), "{e}");
}

#[test]
fn include_without_schema_location_is_an_error_with_a_line() {
    let svc = wsdl_with("\n<xs:include/>");
    let e = load_err(&[("svc.wsdl", svc.as_bytes())]);
    assert_eq!(e.kind, ErrorKind::Malformed);
    assert_eq!(at(&e), ("svc.wsdl".into(), 8));
    assert!(e.message.contains("schemaLocation"), "{e}");
}

// ------------------------------------------------------------------ cycles

#[test]
fn schema_import_cycle_loads_each_file_once() {
    let svc = wsdl_with(
        "<xs:import namespace=\"urn:a\" schemaLocation=\"a.xsd\"/>\n<xs:element name=\"UsesA\" type=\"a:A\" xmlns:a=\"urn:a\"/>",
    );
    let a = xsd(
        "urn:a",
        "<xs:import namespace=\"urn:b\" schemaLocation=\"b.xsd\"/>\n<xs:complexType name=\"A\"><xs:sequence><xs:element name=\"b\" type=\"b:B\" xmlns:b=\"urn:b\" minOccurs=\"0\"/></xs:sequence></xs:complexType>",
    );
    let b = xsd(
        "urn:b",
        "<xs:import namespace=\"urn:a\" schemaLocation=\"a.xsd\"/>\n<xs:complexType name=\"B\"><xs:sequence><xs:element name=\"a\" type=\"a:A\" xmlns:a=\"urn:a\" minOccurs=\"0\"/></xs:sequence></xs:complexType>",
    );
    let model = load_ok(&[
        ("svc.wsdl", svc.as_bytes()),
        ("a.xsd", a.as_bytes()),
        ("b.xsd", b.as_bytes()),
    ]);
    assert_eq!(model.inputs.len(), 3, "{:?}", model.inputs);
    assert_eq!(type_count(&model, "A"), 1);
    assert_eq!(type_count(&model, "B"), 1);
}

#[test]
fn self_import_and_self_include_terminate() {
    let svc = wsdl_with("<xs:import namespace=\"urn:a\" schemaLocation=\"a.xsd\"/>");
    let a = xsd(
        "urn:a",
        "<xs:import namespace=\"urn:a\" schemaLocation=\"a.xsd\"/><xs:include schemaLocation=\"./a.xsd\"/><xs:include schemaLocation=\"../x/a.xsd\"/><xs:complexType name=\"A\"/>",
    );
    let (dir, _) = write(&[("unused", b"")]);
    let sub = dir.path().join("x");
    std::fs::create_dir(&sub).unwrap();
    std::fs::write(sub.join("svc.wsdl"), &svc).unwrap();
    std::fs::write(sub.join("a.xsd"), &a).unwrap();
    let model = load(&sub.join("svc.wsdl"), &LoadOptions::default()).unwrap();
    assert_eq!(type_count(&model, "A"), 1);
}

#[test]
fn wsdl_import_cycle_terminates() {
    let a = wsdl_with("").replace(
        "<types>",
        "<import namespace=\"urn:t\" location=\"b.wsdl\"/>\n<types>",
    );
    let b = r#"<definitions xmlns="http://schemas.xmlsoap.org/wsdl/" targetNamespace="urn:t">
<import namespace="urn:t" location="a.wsdl"/>
</definitions>"#;
    let model = load_ok(&[("a.wsdl", a.as_bytes()), ("b.wsdl", b.as_bytes())]);
    assert_eq!(model.operations.len(), 1);
}

/// A chameleon include cycle: two namespace-less schemas including each other, pulled
/// into two namespaces (each instance once per namespace).
#[test]
fn chameleon_include_cycle_terminates() {
    let svc = wsdl(
        "<xs:schema targetNamespace=\"urn:t\"><xs:include schemaLocation=\"c1.xsd\"/><xs:element name=\"In\" type=\"xs:string\"/><xs:element name=\"Out\" type=\"xs:string\"/></xs:schema>\n<xs:schema targetNamespace=\"urn:u\"><xs:include schemaLocation=\"c2.xsd\"/></xs:schema>",
    );
    let c1 = format!(
        "<xs:schema xmlns:xs=\"{XS}\"><xs:include schemaLocation=\"c2.xsd\"/><xs:complexType name=\"C1\"/></xs:schema>"
    );
    let c2 = format!(
        "<xs:schema xmlns:xs=\"{XS}\"><xs:include schemaLocation=\"c1.xsd\"/><xs:complexType name=\"C2\"/></xs:schema>"
    );
    let model = load_ok(&[
        ("svc.wsdl", svc.as_bytes()),
        ("c1.xsd", c1.as_bytes()),
        ("c2.xsd", c2.as_bytes()),
    ]);
    // C1 and C2 exist in both namespaces.
    assert_eq!(type_count(&model, "C1"), 2);
    assert_eq!(type_count(&model, "C2"), 2);
}

#[test]
fn circular_type_references_are_a_model_not_a_loop() {
    let model = load_ok(&[(
        "svc.wsdl",
        wsdl_with(
            "<xs:complexType name=\"Node\"><xs:sequence><xs:element name=\"next\" type=\"tns:Node\" minOccurs=\"0\"/><xs:element name=\"other\" type=\"tns:Other\" minOccurs=\"0\"/></xs:sequence></xs:complexType>
<xs:complexType name=\"Other\"><xs:complexContent><xs:extension base=\"tns:Node\"/></xs:complexContent></xs:complexType>",
        )
        .as_bytes(),
    )]);
    assert_eq!(type_count(&model, "Node"), 1);
}

#[test]
fn base_type_cycles_are_errors_or_models_never_overflows() {
    for body in [
        "<xs:complexType name=\"A\"><xs:complexContent><xs:extension base=\"tns:B\"/></xs:complexContent></xs:complexType><xs:complexType name=\"B\"><xs:complexContent><xs:extension base=\"tns:A\"/></xs:complexContent></xs:complexType>",
        "<xs:simpleType name=\"A\"><xs:restriction base=\"tns:B\"/></xs:simpleType><xs:simpleType name=\"B\"><xs:restriction base=\"tns:A\"/></xs:simpleType>",
        "<xs:complexType name=\"A\"><xs:simpleContent><xs:extension base=\"tns:B\"/></xs:simpleContent></xs:complexType><xs:complexType name=\"B\"><xs:simpleContent><xs:extension base=\"tns:A\"/></xs:simpleContent></xs:complexType>",
        "<xs:attributeGroup name=\"G\"><xs:attributeGroup ref=\"tns:H\"/></xs:attributeGroup><xs:attributeGroup name=\"H\"><xs:attributeGroup ref=\"tns:G\"/></xs:attributeGroup><xs:complexType name=\"T\"><xs:attributeGroup ref=\"tns:G\"/></xs:complexType>",
        "<xs:element name=\"E1\" substitutionGroup=\"tns:E2\"/><xs:element name=\"E2\" substitutionGroup=\"tns:E1\"/>",
        "<xs:simpleType name=\"L\"><xs:list itemType=\"tns:L\"/></xs:simpleType><xs:simpleType name=\"U\"><xs:union memberTypes=\"tns:U tns:L\"/></xs:simpleType>",
    ] {
        if let Err(e) = load_files(&[("svc.wsdl", wsdl_with(body).as_bytes())]) {
            assert!(e.pos.is_some(), "{body}: {e}");
        }
    }
}

// ------------------------------------------------------------------ unknown things

#[test]
fn unknown_references_in_an_imported_file_point_into_that_file() {
    let svc = wsdl_with("<xs:import namespace=\"urn:a\" schemaLocation=\"a.xsd\"/>");
    for (body, line, what) in [
        (
            "<xs:complexType name=\"A\"><xs:complexContent>\n<xs:extension base=\"tns:Nope\"/></xs:complexContent></xs:complexType>",
            4,
            "Nope",
        ),
        (
            "<xs:complexType name=\"A\"><xs:sequence>\n<xs:element ref=\"tns:NoElement\"/></xs:sequence></xs:complexType>",
            4,
            "NoElement",
        ),
        (
            "<xs:complexType name=\"A\">\n<xs:attributeGroup ref=\"tns:NoGroup\"/></xs:complexType>",
            4,
            "NoGroup",
        ),
        (
            "<xs:complexType name=\"A\">\n<xs:attribute ref=\"tns:NoAttr\"/></xs:complexType>",
            4,
            "NoAttr",
        ),
        (
            "<xs:simpleType name=\"A\">\n<xs:list itemType=\"tns:NoItem\"/></xs:simpleType>",
            4,
            "NoItem",
        ),
        (
            "<xs:simpleType name=\"A\">\n<xs:union memberTypes=\"xs:int tns:NoMember\"/></xs:simpleType>",
            4,
            "NoMember",
        ),
        (
            "\n<xs:element name=\"E\" substitutionGroup=\"tns:NoHead\"/>",
            4,
            "NoHead",
        ),
        (
            "<xs:complexType name=\"A\"><xs:sequence>\n<xs:group ref=\"tns:NoModelGroup\"/></xs:sequence></xs:complexType>",
            4,
            "NoModelGroup",
        ),
    ] {
        let a = xsd("urn:a", body);
        let e = load_err(&[("svc.wsdl", svc.as_bytes()), ("a.xsd", a.as_bytes())]);
        assert_eq!(e.kind, ErrorKind::Unresolved, "{body}: {e}");
        assert_eq!(at(&e), ("a.xsd".into(), line), "{body}: {e}");
        assert!(e.message.contains(what), "{e}");
    }
}

#[test]
fn unknown_wsdl_references_name_the_place() {
    for (from, to, what) in [
        ("message=\"tns:InMsg\"", "message=\"tns:NoMsg\"", "NoMsg"),
        (
            "binding=\"tns:B\"",
            "binding=\"tns:NoBinding\"",
            "NoBinding",
        ),
        ("element=\"tns:In\"", "element=\"tns:NoElem\"", "NoElem"),
        ("element=\"tns:In\"", "type=\"tns:NoType\"", "NoType"),
    ] {
        let svc = wsdl_with("").replace(from, to);
        let e = load_err(&[("svc.wsdl", svc.as_bytes())]);
        assert_eq!(e.kind, ErrorKind::Unresolved, "{to}: {e}");
        assert!(e.message.contains(what), "{e}");
        assert_eq!(at(&e).0, "svc.wsdl");
    }
}

// ------------------------------------------------------------------ duplicates

#[test]
fn duplicates_in_one_schema_name_both_places() {
    for (body, what) in [
        (
            "<xs:complexType name=\"D\"/>\n<xs:complexType name=\"D\"/>",
            "{urn:t}D",
        ),
        (
            "<xs:complexType name=\"D\"/>\n<xs:simpleType name=\"D\"><xs:restriction base=\"xs:string\"/></xs:simpleType>",
            "{urn:t}D",
        ),
        (
            "<xs:element name=\"E\"/>\n<xs:element name=\"E\" type=\"xs:int\"/>",
            "{urn:t}E",
        ),
        (
            "<xs:group name=\"G\"><xs:sequence/></xs:group>\n<xs:group name=\"G\"><xs:sequence/></xs:group>",
            "{urn:t}G",
        ),
        (
            "<xs:attributeGroup name=\"G\"/>\n<xs:attributeGroup name=\"G\"/>",
            "{urn:t}G",
        ),
        (
            "<xs:attribute name=\"A\"/>\n<xs:attribute name=\"A\"/>",
            "{urn:t}A",
        ),
    ] {
        let e = load_err(&[("svc.wsdl", wsdl_with(body).as_bytes())]);
        assert_eq!(e.kind, ErrorKind::Duplicate, "{body}: {e}");
        assert!(e.message.contains(what), "{e}");
        assert_eq!(at(&e), ("svc.wsdl".into(), 8), "{e}");
        assert!(
            e.message.contains("svc.wsdl:7"),
            "the first definition is named: {e}"
        );
    }
}

#[test]
fn duplicate_wsdl_definitions_are_errors() {
    let base = wsdl_with("");
    for (anchor, copy) in [
        (
            "<message name=\"InMsg\">",
            "<message name=\"InMsg\"><part name=\"q\" element=\"tns:Out\"/></message>\n",
        ),
        ("<portType name=\"PT\">", "<portType name=\"PT\"/>\n"),
        (
            "<binding name=\"B\"",
            "<binding name=\"B\" type=\"tns:PT\"><soap:binding style=\"document\" transport=\"http://schemas.xmlsoap.org/soap/http\"/></binding>\n",
        ),
        ("<service name=\"S\">", "<service name=\"S\"/>\n"),
    ] {
        let svc = base.replacen(anchor, &format!("{copy}{anchor}"), 1);
        let e = load_err(&[("svc.wsdl", svc.as_bytes())]);
        assert_eq!(e.kind, ErrorKind::Duplicate, "{copy}: {e}");
        assert_eq!(at(&e).0, "svc.wsdl");
    }
    // The same operation twice in one portType.
    let svc = base.replace(
        "<portType name=\"PT\">",
        "<portType name=\"PT\"><operation name=\"Op\"><input message=\"tns:InMsg\"/><output message=\"tns:OutMsg\"/></operation>",
    );
    let e = load_err(&[("svc.wsdl", svc.as_bytes())]);
    assert_eq!(e.kind, ErrorKind::Duplicate, "{e}");
    assert!(e.message.contains("Op"), "{e}");
}

// ------------------------------------------------------------------ clashing names

/// Names that are distinct in XML but collide, or are awkward, in Rust.
const CLASHING: [&str; 18] = [
    "Order",
    "order",
    "ORDER",
    "Order_",
    "_Order",
    "Or_der",
    "Or-der",
    "Or.der",
    "type",
    "Self",
    "self",
    "match",
    "r#type",
    "Type",
    "1Order",
    "Ordér",
    "OrderType",
    "Order_Type",
];

/// A model with a complex type and an element for each of the [`CLASHING`] names, each
/// type holding an element of its own name and one named `second_field(index)`, plus an
/// `Order` type and element in a second namespace (`urn:other`, imported).
fn clashing_names_model(second_field: impl Fn(usize) -> String) -> Model {
    let mut body = String::new();
    for (i, n) in CLASHING.iter().enumerate() {
        // `r#type` and `1Order` are not NCNames; XML Schema processors refuse them, but
        // the name attribute is just text to the loader: keep it.
        let second = second_field(i);
        writeln!(
            body,
            "<xs:complexType name=\"{n}\"><xs:sequence><xs:element name=\"{n}\" type=\"xs:int\"/><xs:element name=\"{second}\" type=\"xs:string\"/></xs:sequence></xs:complexType>\n<xs:element name=\"{n}\" type=\"tns:{n}\"/>"
        )
        .unwrap();
    }
    let other = xsd(
        "urn:other",
        "<xs:complexType name=\"Order\"/><xs:element name=\"Order\" type=\"tns:Order\"/>",
    );
    let svc = wsdl_with(&format!(
        "<xs:import namespace=\"urn:other\" schemaLocation=\"other.xsd\"/>{body}"
    ));
    load_ok(&[
        ("svc.wsdl", svc.as_bytes()),
        ("other.xsd", other.as_bytes()),
    ])
}

/// Names that are distinct in XML but collide, or are awkward, in Rust: case, `_`,
/// `-` and `.`, keywords, leading digits, non-ASCII, and the same local name in two
/// namespaces. The front end keeps them all apart (naming is the back end's job).
#[test]
fn clashing_names_load_as_distinct_types() {
    let model = clashing_names_model(|i| format!("f{i}"));
    for n in CLASHING {
        let expected = if n == "Order" { 2 } else { 1 };
        assert_eq!(type_count(&model, n), expected, "{n}");
    }
}

/// The same clashing names through the back end: generation succeeds, and every
/// generated struct has a name of its own.
#[test]
fn clashing_names_generate_distinct_rust_names() {
    let model = clashing_names_model(|_| "type".to_owned());
    let files =
        soapgen_codegen::generate(&model, None, &soapgen_codegen::GenerateOptions::default())
            .unwrap_or_else(|e| panic!("generation failed: {e}"));
    let mut names = Vec::new();
    for (path, text) in &files.files {
        let file = syn::parse_file(text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        for item in file.items {
            if let syn::Item::Struct(s) = item {
                names.push(s.ident.to_string());
            }
        }
    }
    let total = names.len();
    names.sort();
    names.dedup();
    assert_eq!(names.len(), total, "two structs share a name: {names:?}");
    // One struct per complex type at least (both `Order`s included).
    assert!(total > CLASHING.len(), "{names:?}");
}

// ------------------------------------------------------------------ size

/// A 10 MB WSDL (tens of thousands of types, each with its own namespace
/// declaration, documentation and references forward and back) loads. A quadratic
/// step would make this take minutes.
#[test]
fn ten_megabyte_wsdl_loads() {
    let mut body = String::with_capacity(11 << 20);
    let mut i = 0;
    while body.len() < 10 << 20 {
        let next = i + 1;
        writeln!(
            body,
            "<xs:complexType name=\"T{i}\" xmlns:p{i}=\"urn:t\"><xs:annotation><xs:documentation>Type number {i}, which refers to the next one.</xs:documentation></xs:annotation><xs:sequence><xs:element name=\"a\" type=\"xs:string\" minOccurs=\"0\"/><xs:element name=\"next\" type=\"p{i}:T{next}\" minOccurs=\"0\" nillable=\"true\"/><xs:element name=\"inner\" minOccurs=\"0\"><xs:complexType><xs:attribute name=\"x\" type=\"xs:int\"/></xs:complexType></xs:element></xs:sequence></xs:complexType>"
        )
        .unwrap();
        i += 1;
    }
    write!(body, "<xs:complexType name=\"T{i}\"/>").unwrap();
    let svc = wsdl_with(&body);
    assert!(svc.len() >= 10 << 20);
    let model = load_ok(&[("big.wsdl", svc.as_bytes())]);
    // Named types plus one anonymous type each.
    assert_eq!(model.types.len(), 2 * i + 1);
}

/// The same 10 MB on a single line, as minified WSDLs come: columns are counted on from
/// the previous element, not from the start of the line each time (which was quadratic).
#[test]
fn ten_megabyte_single_line_wsdl_loads() {
    let mut body = String::with_capacity(11 << 20);
    let mut i = 0;
    while body.len() < 10 << 20 {
        write!(
            body,
            "<xs:complexType name=\"T{i}\"><xs:sequence><xs:element name=\"a\" type=\"xs:string\" minOccurs=\"0\"/><xs:element name=\"n\" type=\"tns:T{i}\" minOccurs=\"0\"/></xs:sequence></xs:complexType>"
        )
        .unwrap();
        i += 1;
    }
    let svc = wsdl_with(&body);
    let model = load_ok(&[("min.wsdl", svc.as_bytes())]);
    assert_eq!(model.types.len(), i);
    // Columns are still right: the last type starts where the text says.
    let last = model.types.iter().find(|t| matches!(&t.name, soapgen_codegen::model::TypeName::Named(q) if q.local == format!("T{}", i - 1))).unwrap();
    let line_start = svc[..svc
        .find(&format!("<xs:complexType name=\"T{}\"", i - 1))
        .unwrap()]
        .rfind('\n')
        .map_or(0, |n| n + 1);
    let offset = svc
        .find(&format!("<xs:complexType name=\"T{}\"", i - 1))
        .unwrap();
    assert_eq!(
        last.pos.column as usize,
        svc[line_start..offset].chars().count() + 1
    );
}

/// Ten megabytes in a single text node, a single attribute value and a single comment.
#[test]
fn ten_megabyte_text_attribute_and_comment_load() {
    let big = "x".repeat(10 << 20);
    let doc = wsdl_with(&format!(
        "<xs:complexType name=\"D\"><xs:annotation><xs:documentation>{big}</xs:documentation></xs:annotation></xs:complexType>\n<xs:complexType name=\"A\"><xs:attribute name=\"a\" type=\"xs:string\" default=\"{big}\"/></xs:complexType>\n<!-- {big} -->"
    ));
    let model = load_ok(&[("svc.wsdl", doc.as_bytes())]);
    assert_eq!(type_count(&model, "D"), 1);
}

/// Many namespace declarations in scope at once, then many elements that each declare
/// one more: the prefix scopes must be shared, not copied per element (a copy per
/// element made this quadratic in time and memory).
#[test]
fn namespace_declaration_flood_loads() {
    let mut decls = String::new();
    for i in 0..20_000 {
        write!(decls, " xmlns:n{i}=\"urn:n{i}\"").unwrap();
    }
    let mut body = String::new();
    for i in 0..20_000 {
        write!(
            body,
            "<xs:complexType name=\"T{i}\" xmlns:own{i}=\"urn:t\"><xs:attribute name=\"a\" type=\"own{i}:T0\"/></xs:complexType>"
        )
        .unwrap();
    }
    let svc = wsdl_with(&format!(
        "<xs:annotation{decls}><xs:documentation>many prefixes</xs:documentation></xs:annotation>{body}"
    ))
    .replace("<definitions ", &format!("<definitions{decls} "));
    match load_files(&[("svc.wsdl", svc.as_bytes())]) {
        // Simple-typed attribute referring to a complex type is an error the loader may
        // report; what matters is that it answers.
        Ok(m) => assert!(m.types.len() >= 20_000),
        Err(e) => assert!(e.pos.is_some(), "{e}"),
    }
}

/// A long chain of derivations, substitution groups and simple-content extensions:
/// no recursion proportional to the chain, no quadratic walk.
#[test]
fn long_derivation_chains_load() {
    const N: usize = 20_000;
    let mut body = String::from(
        "<xs:complexType name=\"C0\"><xs:sequence><xs:element name=\"e\" type=\"xs:string\"/></xs:sequence></xs:complexType>\n<xs:complexType name=\"S0\"><xs:simpleContent><xs:extension base=\"xs:string\"/></xs:simpleContent></xs:complexType>\n<xs:simpleType name=\"R0\"><xs:restriction base=\"xs:string\"/></xs:simpleType>\n<xs:element name=\"E0\" type=\"xs:string\"/>\n",
    );
    for i in 1..N {
        let p = i - 1;
        writeln!(
            body,
            "<xs:complexType name=\"C{i}\"><xs:complexContent><xs:extension base=\"tns:C{p}\"><xs:sequence><xs:element name=\"e{i}\" type=\"xs:int\"/></xs:sequence></xs:extension></xs:complexContent></xs:complexType>\
<xs:complexType name=\"S{i}\"><xs:simpleContent><xs:extension base=\"tns:S{p}\"><xs:attribute name=\"a{i}\"/></xs:extension></xs:simpleContent></xs:complexType>\
<xs:simpleType name=\"R{i}\"><xs:restriction base=\"tns:R{p}\"/></xs:simpleType>\
<xs:element name=\"E{i}\" substitutionGroup=\"tns:E{p}\" type=\"xs:string\"/>"
        )
        .unwrap();
    }
    match load_files(&[("svc.wsdl", wsdl_with(&body).as_bytes())]) {
        Ok(model) => assert_eq!(type_count(&model, &format!("C{}", N - 1)), 1),
        // A chain this long may be refused; then with a place.
        Err(e) => assert!(e.pos.is_some(), "{e}"),
    }
}

/// Group references that multiply: `G0 = (G1, G1)`, `G1 = (G2, G2)`, ... would inline
/// 2^40 particles (an XML Schema "billion laughs"). Refused with a place.
#[test]
fn group_reference_bomb_is_refused() {
    let mut body = String::new();
    for i in 0..40 {
        let n = i + 1;
        writeln!(
            body,
            "<xs:group name=\"G{i}\"><xs:sequence><xs:group ref=\"tns:G{n}\"/><xs:group ref=\"tns:G{n}\"/></xs:sequence></xs:group>"
        )
        .unwrap();
    }
    body.push_str("<xs:group name=\"G40\"><xs:sequence><xs:element name=\"x\" type=\"xs:int\"/></xs:sequence></xs:group>\n");
    body.push_str("<xs:complexType name=\"Bomb\"><xs:group ref=\"tns:G0\"/></xs:complexType>");
    let e = load_err(&[("svc.wsdl", wsdl_with(&body).as_bytes())]);
    assert_eq!(e.kind, ErrorKind::Malformed, "{e}");
    assert_eq!(at(&e).0, "svc.wsdl");
}

#[test]
fn attribute_group_bomb_is_refused() {
    let mut body = String::new();
    for i in 0..40 {
        let n = i + 1;
        writeln!(
            body,
            "<xs:attributeGroup name=\"A{i}\"><xs:attributeGroup ref=\"tns:A{n}\"/><xs:attributeGroup ref=\"tns:A{n}\"/></xs:attributeGroup>"
        )
        .unwrap();
    }
    body.push_str("<xs:attributeGroup name=\"A40\"><xs:attribute name=\"x\" type=\"xs:int\"/></xs:attributeGroup>\n");
    body.push_str(
        "<xs:complexType name=\"Bomb\"><xs:attributeGroup ref=\"tns:A0\"/></xs:complexType>",
    );
    let e = load_err(&[("svc.wsdl", wsdl_with(&body).as_bytes())]);
    assert_eq!(e.kind, ErrorKind::Malformed, "{e}");
    assert_eq!(at(&e).0, "svc.wsdl");
}

/// A chain of ten thousand group references (and of attribute group references):
/// refused at a nesting limit, not by overflowing the stack.
#[test]
fn long_group_reference_chains_are_refused_not_overflowed() {
    const N: usize = 10_000;
    let mut groups = String::new();
    let mut attribute_groups = String::new();
    for i in 0..N {
        let n = i + 1;
        writeln!(groups, "<xs:group name=\"G{i}\"><xs:sequence><xs:group ref=\"tns:G{n}\"/></xs:sequence></xs:group>").unwrap();
        writeln!(attribute_groups, "<xs:attributeGroup name=\"A{i}\"><xs:attributeGroup ref=\"tns:A{n}\"/></xs:attributeGroup>").unwrap();
    }
    groups.push_str(&format!("<xs:group name=\"G{N}\"><xs:sequence/></xs:group><xs:complexType name=\"Long\"><xs:group ref=\"tns:G0\"/></xs:complexType>"));
    attribute_groups.push_str(&format!("<xs:attributeGroup name=\"A{N}\"/><xs:complexType name=\"Long\"><xs:attributeGroup ref=\"tns:A0\"/></xs:complexType>"));
    for body in [groups, attribute_groups] {
        let e = load_err(&[("svc.wsdl", wsdl_with(&body).as_bytes())]);
        assert_eq!(e.kind, ErrorKind::Malformed, "{e}");
        assert!(e.message.contains("nest"), "{e}");
        assert_eq!(at(&e).0, "svc.wsdl");
    }
}

// ------------------------------------------------------------------ depth

/// Anonymous types nested as deep as the parser allows: loads (or is refused with a
/// line), without overflowing the stack of a test thread.
#[test]
fn deeply_nested_anonymous_types() {
    for levels in [80, 85, 200] {
        let mut body = String::from("<xs:element name=\"Deep\">");
        for i in 0..levels {
            write!(
                body,
                "<xs:complexType><xs:sequence><xs:element name=\"l{i}\">"
            )
            .unwrap();
        }
        for _ in 0..levels {
            body.push_str("</xs:element></xs:sequence></xs:complexType>");
        }
        body.push_str("</xs:element>");
        match load_files(&[("svc.wsdl", wsdl_with(&body).as_bytes())]) {
            Ok(m) => assert!(m.types.len() >= levels, "{levels}"),
            Err(e) => {
                assert_eq!(e.kind, ErrorKind::Malformed, "{levels}: {e}");
                assert!(e.message.contains("nest"), "{e}");
                assert_eq!(at(&e).0, "svc.wsdl");
            }
        }
    }
}

#[test]
fn deeply_nested_model_groups() {
    let mut body = String::from("<xs:complexType name=\"G\">");
    body.push_str(&"<xs:sequence><xs:choice>".repeat(120));
    body.push_str("<xs:element name=\"x\" type=\"xs:int\"/>");
    body.push_str(&"</xs:choice></xs:sequence>".repeat(120));
    body.push_str("</xs:complexType>");
    match load_files(&[("svc.wsdl", wsdl_with(&body).as_bytes())]) {
        Ok(m) => assert_eq!(type_count(&m, "G"), 1),
        Err(e) => assert!(e.message.contains("nest"), "{e}"),
    }
}

#[test]
fn million_open_elements_are_refused_with_a_line() {
    let doc = format!(
        "<definitions xmlns=\"http://schemas.xmlsoap.org/wsdl/\">\n<types>\n{}",
        "<a>".repeat(1_000_000)
    );
    let e = load_err(&[("deep.wsdl", doc.as_bytes())]);
    assert_eq!(e.kind, ErrorKind::Malformed);
    assert!(e.message.contains("nest"), "{e}");
    assert_eq!(at(&e).0, "deep.wsdl");
    assert_eq!(at(&e).1, 3);
}

// ------------------------------------------------------------------ garbage

/// A small deterministic generator (xorshift), so the garbage is the same every run.
fn garbage(seed: u64, len: usize) -> Vec<u8> {
    let mut x = seed.max(1);
    (0..len)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x >> 24) as u8
        })
        .collect()
}

#[test]
fn binary_garbage_is_malformed_with_a_place() {
    let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    png.extend(garbage(7, 4096));
    let mut gz = vec![0x1f, 0x8b, 0x08, 0x00];
    gz.extend(garbage(8, 4096));
    let mut utf16_no_bom = Vec::new();
    for u in wsdl_with("").encode_utf16() {
        utf16_no_bom.extend_from_slice(&u.to_le_bytes());
    }
    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("random", garbage(1, 64 * 1024)),
        ("png", png),
        ("gzip", gz),
        ("nul bytes", vec![0; 1024]),
        ("empty", Vec::new()),
        ("whitespace", b"  \n\t\n".to_vec()),
        ("utf-16 without a BOM", utf16_no_bom),
        ("bom only", vec![0xEF, 0xBB, 0xBF]),
        ("text", b"this is not xml at all\n".to_vec()),
        (
            "html",
            b"<!DOCTYPE html><html><body><p>Not Found</body></html>".to_vec(),
        ),
        ("json", br#"{"definitions": {"types": []}}"#.to_vec()),
    ];
    for (what, bytes) in cases {
        let e = load_err(&[("g.wsdl", &bytes)]);
        assert!(
            matches!(e.kind, ErrorKind::Malformed | ErrorKind::Unsupported),
            "{what}: {e}"
        );
        assert_eq!(at(&e).0, "g.wsdl", "{what}");
        assert!(!e.message.is_empty());
    }
}

#[test]
fn garbage_inside_a_valid_document_points_at_its_line() {
    let mut doc = wsdl_with("<xs:complexType name=\"A\"/>").into_bytes();
    let at_line = doc
        .windows(17)
        .position(|w| w == b"<xs:complexType n")
        .unwrap();
    let line = 1 + doc[..at_line].iter().filter(|&&b| b == b'\n').count() as u32;
    doc.splice(
        at_line..at_line,
        garbage(3, 64).into_iter().map(|b| b | 0x80),
    );
    let e = load_err(&[("svc.wsdl", &doc)]);
    assert_eq!(e.kind, ErrorKind::Malformed, "{e}");
    // Invalid UTF-8 is reported for the whole file (line 1) or at its line.
    let (file, l) = at(&e);
    assert_eq!(file, "svc.wsdl");
    assert!(l == 1 || l == line, "line {l}: {e}");
}

#[test]
fn entity_declarations_are_not_expanded() {
    let mut dtd =
        String::from("<?xml version=\"1.0\"?>\n<!DOCTYPE definitions [\n<!ENTITY lol \"lol\">\n");
    let mut prev = "lol".to_owned();
    for i in 1..10 {
        let name = format!("lol{i}");
        writeln!(
            dtd,
            "<!ENTITY {name} \"{}\">",
            format!("&{prev};").repeat(10)
        )
        .unwrap();
        prev = name;
    }
    dtd.push_str("<!ENTITY xxe SYSTEM \"file:///etc/passwd\">\n]>\n");
    for entity in [prev.as_str(), "xxe"] {
        let doc = format!(
            "{dtd}{}",
            wsdl_with(&format!(
                "<xs:complexType name=\"A\"><xs:annotation><xs:documentation>&{entity};</xs:documentation></xs:annotation></xs:complexType>"
            ))
            .replacen("<?xml version=\"1.0\"?>\n", "", 1)
        );
        let e = load_err(&[("svc.wsdl", doc.as_bytes())]);
        assert_eq!(e.kind, ErrorKind::Malformed, "{e}");
        assert!(e.message.contains(entity), "{e}");
        assert_eq!(at(&e).0, "svc.wsdl");
    }
}

// ------------------------------------------------------------------ things that are not files

/// `schemaLocation` naming a device, a directory or a pipe: refused with the import's
/// place, never read forever or blocked on.
#[cfg(unix)]
#[test]
fn imports_of_devices_directories_and_pipes_are_refused() {
    let (dir, _) = write(&[("unused", b"")]);
    let fifo = dir.path().join("pipe.xsd");
    let status = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .expect("mkfifo runs");
    assert!(status.success());
    std::fs::create_dir(dir.path().join("adir.xsd")).unwrap();
    for loc in [
        "/dev/zero",
        "file:///dev/urandom",
        "/dev/stdin",
        "adir.xsd",
        "pipe.xsd",
        "/proc/self/fd/0",
    ] {
        let svc = wsdl_with(&format!(
            "\n<xs:import namespace=\"urn:a\" schemaLocation=\"{loc}\"/>"
        ));
        let entry = dir.path().join("svc.wsdl");
        std::fs::write(&entry, &svc).unwrap();
        let e = load(&entry, &LoadOptions::default())
            .map(|m| m.types.len())
            .unwrap_err();
        assert_eq!(e.kind, ErrorKind::Io, "{loc}: {e}");
        assert_eq!(at(&e), ("svc.wsdl".into(), 8), "{loc}: {e}");
    }
}

/// A file larger than the loader's limit is refused without being read whole.
#[test]
fn oversized_import_is_refused() {
    let (dir, _) = write(&[("unused", b"")]);
    let big = dir.path().join("big.xsd");
    let file = std::fs::File::create(&big).unwrap();
    // Sparse: costs no disk.
    file.set_len(soapgen_codegen::MAX_FILE_SIZE + 1).unwrap();
    let svc = wsdl_with("\n<xs:import namespace=\"urn:a\" schemaLocation=\"big.xsd\"/>");
    let entry = dir.path().join("svc.wsdl");
    std::fs::write(&entry, &svc).unwrap();
    let e = load(&entry, &LoadOptions::default()).unwrap_err();
    assert_eq!(e.kind, ErrorKind::Io, "{e}");
    assert_eq!(at(&e), ("svc.wsdl".into(), 8));
    assert!(e.message.contains("big.xsd"), "{e}");
    // And as the entry file.
    let e = load(&big, &LoadOptions::default()).unwrap_err();
    assert_eq!(e.kind, ErrorKind::Io, "{e}");
}
