//! Loader features on small inline WSDL/XSD files: imports, includes, catalogs,
//! encodings, and the XSD constructs the model must carry.

mod support;

use sha2::{Digest, Sha256};
use soapgen_codegen::model::{
    Builtin, ComplexType, Compositor, Content, DerivationMethod, LocalElement, Model, PartContent,
    Particle, QName, SimpleType, SoapVersion, Style, Term, TypeDef, TypeKind, TypeName, TypeRef,
};
use soapgen_codegen::{LoadOptions, load};
use support::{IN_OUT, write, wsdl};

/// Writes the text `files` and loads the first, which must give a model.
fn load_files(files: &[(&str, &str)]) -> Model {
    support::load_ok(&support::as_bytes(files))
}

fn find<'m>(m: &'m Model, ns: Option<&str>, local: &str) -> &'m TypeDef {
    let q = QName::new(ns, local);
    m.types
        .iter()
        .find(|t| t.name == TypeName::Named(q.clone()))
        .unwrap_or_else(|| panic!("no type {q}"))
}

fn id_of(m: &Model, ns: Option<&str>, local: &str) -> TypeRef {
    let q = QName::new(ns, local);
    TypeRef::Defined(m.find_type(&q).unwrap_or_else(|| panic!("no type {q}")))
}

fn complex(t: &TypeDef) -> &ComplexType {
    match &t.kind {
        TypeKind::Complex(c) => c,
        other => panic!("not complex: {other:?}"),
    }
}

fn fields(content: &Content) -> Vec<&LocalElement> {
    fn walk<'a>(p: &'a Particle, out: &mut Vec<&'a LocalElement>) {
        match &p.term {
            Term::Element(e) => out.push(e),
            Term::Group(g) => g.particles.iter().for_each(|q| walk(q, out)),
            Term::Any(_) => {}
        }
    }
    let mut out = Vec::new();
    if let Content::Particle(p) = content {
        walk(p, &mut out);
    }
    out
}

const XS: &str = "xmlns:xs=\"http://www.w3.org/2001/XMLSchema\"";

#[test]
fn inline_schemas_import_each_other_by_namespace_cyclically() {
    // GlobalSign/CXF: two inline schemas importing each other with no schemaLocation.
    let types = r#"
<xs:schema targetNamespace="urn:t" xmlns:a="urn:a">
  <xs:import namespace="urn:a"/>
  <xs:element name="In" type="a:Req"/><xs:element name="Out" type="tns:Resp"/>
  <xs:complexType name="Resp"><xs:sequence><xs:element name="r" type="a:Req"/></xs:sequence></xs:complexType>
</xs:schema>
<xs:schema targetNamespace="urn:a" xmlns:t="urn:t">
  <xs:import namespace="urn:t"/>
  <xs:complexType name="Req"><xs:sequence><xs:element name="back" type="t:Resp" minOccurs="0"/></xs:sequence></xs:complexType>
</xs:schema>"#;
    let m = load_files(&[("svc.wsdl", &wsdl(types))]);
    let req = complex(find(&m, Some("urn:a"), "Req"));
    assert_eq!(
        fields(&req.content)[0].type_,
        id_of(&m, Some("urn:t"), "Resp")
    );
    assert_eq!(m.operations.len(), 1);
}

#[test]
fn import_cycle_between_files_reads_each_once() {
    let a = format!(
        "<xs:schema {XS} targetNamespace=\"urn:a\" xmlns:b=\"urn:b\"><xs:import namespace=\"urn:b\" schemaLocation=\"b.xsd\"/><xs:complexType name=\"A\"><xs:sequence><xs:element name=\"b\" type=\"b:B\" minOccurs=\"0\"/></xs:sequence></xs:complexType></xs:schema>"
    );
    let b = format!(
        "<xs:schema {XS} targetNamespace=\"urn:b\" xmlns:a=\"urn:a\"><xs:import namespace=\"urn:a\" schemaLocation=\"a.xsd\"/><xs:complexType name=\"B\"><xs:sequence><xs:element name=\"a\" type=\"a:A\" minOccurs=\"0\"/></xs:sequence></xs:complexType></xs:schema>"
    );
    let svc = wsdl(&format!(
        "<xs:schema targetNamespace=\"urn:t\" xmlns:a=\"urn:a\"><xs:import namespace=\"urn:a\" schemaLocation=\"a.xsd\"/>{IN_OUT}</xs:schema>"
    ));
    let m = load_files(&[("svc.wsdl", &svc), ("a.xsd", &a), ("b.xsd", &b)]);
    let paths: Vec<&str> = m.inputs.iter().map(|i| i.path.as_str()).collect();
    assert_eq!(paths, ["svc.wsdl", "a.xsd", "b.xsd"]);
    assert_eq!(
        fields(&complex(find(&m, Some("urn:b"), "B")).content)[0].type_,
        id_of(&m, Some("urn:a"), "A")
    );
}

#[test]
fn diamond_include_is_loaded_once_and_hash_covers_inputs_in_order() {
    let common = format!(
        "<xs:schema {XS} targetNamespace=\"urn:t\"><xs:simpleType name=\"Code\"><xs:restriction base=\"xs:string\"/></xs:simpleType></xs:schema>"
    );
    let left = format!(
        "<xs:schema {XS} targetNamespace=\"urn:t\"><xs:include schemaLocation=\"sub/common.xsd\"/><xs:element name=\"In\" type=\"xs:string\"/></xs:schema>"
    );
    // The right side reaches the same file through another relative path.
    let right = format!(
        "<xs:schema {XS} targetNamespace=\"urn:t\"><xs:include schemaLocation=\"./sub/../sub/common.xsd\"/><xs:element name=\"Out\" type=\"xs:string\"/></xs:schema>"
    );
    let svc = wsdl(
        "<xs:schema targetNamespace=\"urn:t\"><xs:include schemaLocation=\"left.xsd\"/><xs:include schemaLocation=\"right.xsd\"/></xs:schema>",
    );
    let files: [(&str, &str); 4] = [
        ("svc.wsdl", &svc),
        ("left.xsd", &left),
        ("right.xsd", &right),
        ("sub/common.xsd", &common),
    ];
    let m = load_files(&files);
    let paths: Vec<&str> = m.inputs.iter().map(|i| i.path.as_str()).collect();
    assert_eq!(
        paths,
        ["svc.wsdl", "left.xsd", "sub/common.xsd", "right.xsd"]
    );
    let mut h = Sha256::new();
    for name in ["svc.wsdl", "left.xsd", "sub/common.xsd", "right.xsd"] {
        h.update(files.iter().find(|(n, _)| *n == name).unwrap().1.as_bytes());
    }
    assert_eq!(m.input_sha256, hex::encode(h.finalize()));
    assert_eq!(
        m.inputs[0].sha256,
        hex::encode(Sha256::digest(svc.as_bytes()))
    );
    assert_eq!(m.types.len(), 1);
}

#[test]
fn chameleon_include_takes_the_includers_namespace() {
    // No targetNamespace, no default namespace: its unprefixed references are coerced too.
    let cham = format!(
        "<xs:schema {XS} elementFormDefault=\"qualified\"><xs:complexType name=\"Addr\"><xs:sequence><xs:element name=\"zip\" type=\"Zip\"/></xs:sequence></xs:complexType><xs:simpleType name=\"Zip\"><xs:restriction base=\"xs:string\"><xs:length value=\"5\"/></xs:restriction></xs:simpleType></xs:schema>"
    );
    let svc = wsdl(
        "<xs:schema targetNamespace=\"urn:t\"><xs:include schemaLocation=\"cham.xsd\"/><xs:element name=\"In\" type=\"tns:Addr\"/><xs:element name=\"Out\" type=\"tns:Zip\"/></xs:schema>",
    );
    let m = load_files(&[("svc.wsdl", &svc), ("cham.xsd", &cham)]);
    let addr = complex(find(&m, Some("urn:t"), "Addr"));
    let zip = fields(&addr.content)[0];
    assert_eq!(zip.type_, id_of(&m, Some("urn:t"), "Zip"));
    // The chameleon's own elementFormDefault applies, with the includer's namespace.
    assert_eq!(zip.name, QName::new(Some("urn:t"), "zip"));
}

#[test]
fn catalog_maps_absolute_urls() {
    let catalog = r#"<catalog xmlns="urn:oasis:names:tc:entity:xmlns:xml:catalog">
  <uri name="http://example.com/svc?xsd=1" uri="local/one.xsd"/>
  <rewriteURI uriStartString="http://example.com/schemas/" rewritePrefix="local/"/>
</catalog>"#;
    let one = format!(
        "<xs:schema {XS} targetNamespace=\"urn:t\" xmlns:o=\"urn:o\"><xs:import namespace=\"urn:o\" schemaLocation=\"http://example.com/schemas/two.xsd\"/>{IN_OUT}<xs:element name=\"X\" type=\"o:Two\"/></xs:schema>"
    );
    let two = format!(
        "<xs:schema {XS} targetNamespace=\"urn:o\"><xs:simpleType name=\"Two\"><xs:restriction base=\"xs:int\"/></xs:simpleType></xs:schema>"
    );
    let svc = wsdl(
        "<xs:schema><xs:import namespace=\"urn:t\" schemaLocation=\"http://example.com/svc?xsd=1\"/></xs:schema>",
    );
    let files: [(&str, &[u8]); 4] = [
        ("svc.wsdl", svc.as_bytes()),
        ("catalog.xml", catalog.as_bytes()),
        ("local/one.xsd", one.as_bytes()),
        ("local/two.xsd", two.as_bytes()),
    ];
    let (dir, entry) = write(&files);
    let options = LoadOptions {
        catalogs: vec![dir.path().join("catalog.xml")],
        ..LoadOptions::default()
    };
    let m = load(&entry, &options).unwrap_or_else(|e| panic!("{e}"));
    let paths: Vec<&str> = m.inputs.iter().map(|i| i.path.as_str()).collect();
    assert_eq!(
        paths,
        ["svc.wsdl", "local/one.xsd", "local/two.xsd", "catalog.xml"]
    );
    assert_eq!(
        m.elements[&QName::new(Some("urn:t"), "X")].type_,
        id_of(&m, Some("urn:o"), "Two")
    );
}

#[test]
fn iso_8859_1_file_is_decoded() {
    let mut bytes = b"<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n".to_vec();
    let body = wsdl(&format!(
        "<xs:schema targetNamespace=\"urn:t\">{IN_OUT}<xs:simpleType name=\"By\"><xs:annotation><xs:documentation>B\u{e6}r p\u{e5} \u{f8}ya</xs:documentation></xs:annotation><xs:restriction base=\"xs:string\"><xs:enumeration value=\"Troms\u{f8}\"/></xs:restriction></xs:simpleType></xs:schema>"
    ));
    let body = body.trim_start_matches("<?xml version=\"1.0\"?>\n");
    // Encode as Latin-1 (every character here is below U+0100).
    bytes.extend(body.chars().map(|c| u8::try_from(u32::from(c)).unwrap()));
    let (_dir, entry) = write(&[("latin1.wsdl", &bytes)]);
    let m = load(&entry, &LoadOptions::default()).unwrap_or_else(|e| panic!("{e}"));
    let by = find(&m, Some("urn:t"), "By");
    assert_eq!(by.doc.as_deref(), Some("B\u{e6}r p\u{e5} \u{f8}ya"));
    let TypeKind::Simple(SimpleType::Restriction { facets, .. }) = &by.kind else {
        panic!()
    };
    assert_eq!(facets.enumeration[0].value, "Troms\u{f8}");
}

#[test]
fn utf16_with_bom_is_decoded() {
    let text = wsdl(&format!(
        "<xs:schema targetNamespace=\"urn:t\">{IN_OUT}</xs:schema>"
    ))
    .replace(
        "<?xml version=\"1.0\"?>",
        "<?xml version=\"1.0\" encoding=\"UTF-16\"?>",
    );
    let mut bytes = vec![0xFF, 0xFE];
    for u in text.encode_utf16() {
        bytes.extend_from_slice(&u.to_le_bytes());
    }
    let (_dir, entry) = write(&[("u16.wsdl", &bytes)]);
    let m = load(&entry, &LoadOptions::default()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(m.operations.len(), 1);
}

#[test]
fn group_refs_are_inlined_with_their_name_and_occurs() {
    let types = format!(
        r#"<xs:schema targetNamespace="urn:t">{IN_OUT}
<xs:group name="Inner"><xs:choice><xs:element name="x" type="xs:int"/><xs:element name="y" type="xs:int"/></xs:choice></xs:group>
<xs:group name="Outer"><xs:sequence><xs:element name="a" type="xs:string"/><xs:group ref="tns:Inner" minOccurs="0" maxOccurs="unbounded"/></xs:sequence></xs:group>
<xs:complexType name="T"><xs:sequence><xs:group ref="tns:Outer"/><xs:element name="z" type="xs:string"/></xs:sequence></xs:complexType>
</xs:schema>"#
    );
    let m = load_files(&[("svc.wsdl", &wsdl(&types))]);
    let t = complex(find(&m, Some("urn:t"), "T"));
    let names: Vec<&str> = fields(&t.content)
        .iter()
        .map(|e| e.name.local.as_str())
        .collect();
    assert_eq!(names, ["a", "x", "y", "z"]);
    let Content::Particle(p) = &t.content else {
        panic!()
    };
    let Term::Group(seq) = &p.term else { panic!() };
    let Term::Group(outer) = &seq.particles[0].term else {
        panic!()
    };
    assert_eq!(outer.group_name, Some(QName::new(Some("urn:t"), "Outer")));
    let inner_particle = &outer.particles[1];
    assert_eq!(inner_particle.occurs.min, 0);
    assert_eq!(inner_particle.occurs.max, None);
    let Term::Group(inner) = &inner_particle.term else {
        panic!()
    };
    assert_eq!(inner.compositor, Compositor::Choice);
    assert_eq!(inner.group_name, Some(QName::new(Some("urn:t"), "Inner")));
}

#[test]
fn substitution_groups_are_transitive_and_inherit_the_head_type() {
    let types = format!(
        r#"<xs:schema targetNamespace="urn:t" elementFormDefault="qualified">{IN_OUT}
<xs:complexType name="Base" abstract="true"/>
<xs:complexType name="Car"><xs:complexContent><xs:extension base="tns:Base"><xs:sequence><xs:element name="wheels" type="xs:int"/></xs:sequence></xs:extension></xs:complexContent></xs:complexType>
<xs:element name="Vehicle" type="tns:Base" abstract="true"/>
<xs:element name="Car" type="tns:Car" substitutionGroup="tns:Vehicle"/>
<xs:element name="SportsCar" substitutionGroup="tns:Car"/>
<xs:complexType name="Garage"><xs:sequence><xs:element ref="tns:Vehicle" maxOccurs="unbounded"/></xs:sequence></xs:complexType>
</xs:schema>"#
    );
    let m = load_files(&[("svc.wsdl", &wsdl(&types))]);
    let vehicle = &m.elements[&QName::new(Some("urn:t"), "Vehicle")];
    assert!(vehicle.abstract_);
    let subs: Vec<&str> = vehicle
        .substitutes
        .iter()
        .map(|q| q.local.as_str())
        .collect();
    assert_eq!(subs, ["Car", "SportsCar"]);
    let sports = &m.elements[&QName::new(Some("urn:t"), "SportsCar")];
    assert_eq!(sports.type_, id_of(&m, Some("urn:t"), "Car"));
    assert_eq!(
        sports.substitution_group,
        Some(QName::new(Some("urn:t"), "Car"))
    );
    let garage = complex(find(&m, Some("urn:t"), "Garage"));
    let slot = fields(&garage.content)[0];
    assert_eq!(slot.reference, Some(QName::new(Some("urn:t"), "Vehicle")));
    assert_eq!(slot.type_, id_of(&m, Some("urn:t"), "Base"));
    let car = complex(find(&m, Some("urn:t"), "Car"));
    assert_eq!(
        car.base.as_ref().unwrap().method,
        DerivationMethod::Extension
    );
    assert_eq!(
        car.base.as_ref().unwrap().base,
        id_of(&m, Some("urn:t"), "Base")
    );
    assert!(complex(find(&m, Some("urn:t"), "Base")).abstract_);
}

#[test]
fn element_and_attribute_form() {
    let types = format!(
        r#"<xs:schema targetNamespace="urn:t" elementFormDefault="unqualified" attributeFormDefault="qualified">{IN_OUT}
<xs:attribute name="glob" type="xs:int"/>
<xs:complexType name="T">
  <xs:sequence>
    <xs:element name="plain" type="xs:string"/>
    <xs:element name="forced" type="xs:string" form="qualified"/>
    <xs:element ref="tns:In"/>
  </xs:sequence>
  <xs:attribute name="a1" type="xs:string"/>
  <xs:attribute name="a2" type="xs:string" form="unqualified" use="required"/>
  <xs:attribute ref="tns:glob"/>
  <xs:attribute ref="xml:lang"/>
</xs:complexType>
</xs:schema>"#
    );
    let m = load_files(&[("svc.wsdl", &wsdl(&types))]);
    let t = complex(find(&m, Some("urn:t"), "T"));
    let names: Vec<&QName> = fields(&t.content).iter().map(|e| &e.name).collect();
    assert_eq!(
        names,
        [
            &QName::new(None, "plain"),
            &QName::new(Some("urn:t"), "forced"),
            &QName::new(Some("urn:t"), "In")
        ]
    );
    let attrs: Vec<(&QName, bool)> = t.attributes.iter().map(|a| (&a.name, a.required)).collect();
    assert_eq!(attrs[0], (&QName::new(Some("urn:t"), "a1"), false));
    assert_eq!(attrs[1], (&QName::new(None, "a2"), true));
    assert_eq!(attrs[2].0, &QName::new(Some("urn:t"), "glob"));
    assert_eq!(t.attributes[2].type_, TypeRef::Builtin(Builtin::Int));
    assert_eq!(
        attrs[3].0,
        &QName::new(Some("http://www.w3.org/XML/1998/namespace"), "lang")
    );
}

#[test]
fn anonymous_types_are_named_by_context_and_numbered_stably() {
    let types = format!(
        r#"<xs:schema targetNamespace="urn:t">{IN_OUT}
<xs:element name="Zeta"><xs:complexType><xs:sequence>
  <xs:element name="inner"><xs:complexType><xs:sequence><xs:element name="v" type="xs:int"/></xs:sequence></xs:complexType></xs:element>
</xs:sequence></xs:complexType></xs:element>
<xs:complexType name="Alpha"><xs:sequence>
  <xs:element name="kind"><xs:simpleType><xs:restriction base="xs:string"><xs:enumeration value="a"/></xs:restriction></xs:simpleType></xs:element>
</xs:sequence>
  <xs:attribute name="flag"><xs:simpleType><xs:list itemType="xs:int"/></xs:simpleType></xs:attribute>
</xs:complexType>
</xs:schema>"#
    );
    let text = wsdl(&types);
    let (_dir, entry) = write(&[("svc.wsdl", text.as_bytes())]);
    let m = load(&entry, &LoadOptions::default()).unwrap();
    let names: Vec<String> = m
        .types
        .iter()
        .map(|t| match &t.name {
            TypeName::Named(q) => q.local.clone(),
            TypeName::Anonymous { context, .. } => format!("anon:{}", context.join("/")),
        })
        .collect();
    assert_eq!(
        names,
        [
            "Alpha",
            "anon:Alpha/flag",
            "anon:Alpha/kind",
            "anon:Zeta",
            "anon:Zeta/inner"
        ]
    );
    // The same input gives the same model.
    let again = load(&entry, &LoadOptions::default()).unwrap();
    assert_eq!(again, m);
}

#[test]
fn facets_lists_unions_and_simple_content() {
    let types = format!(
        r###"<xs:schema targetNamespace="urn:t">{IN_OUT}
<xs:simpleType name="Code">
  <xs:annotation><xs:documentation>
      A code.
        Indented second line.
  </xs:documentation></xs:annotation>
  <xs:restriction base="xs:string">
    <xs:minLength value="1"/><xs:maxLength value="10"/><xs:pattern value="[A-Z]+"/><xs:pattern value="X.*"/>
    <xs:whiteSpace value="collapse"/>
    <xs:enumeration value="AB"><xs:annotation><xs:documentation>the AB code</xs:documentation></xs:annotation></xs:enumeration>
    <xs:enumeration value="XY"/>
  </xs:restriction>
</xs:simpleType>
<xs:simpleType name="Amount"><xs:restriction base="xs:decimal">
  <xs:totalDigits value="10"/><xs:fractionDigits value="2"/><xs:minInclusive value="0"/><xs:maxExclusive value="1000"/>
</xs:restriction></xs:simpleType>
<xs:simpleType name="Exact"><xs:restriction base="xs:string"><xs:length value="4"/></xs:restriction></xs:simpleType>
<xs:simpleType name="Codes"><xs:list itemType="tns:Code"/></xs:simpleType>
<xs:simpleType name="CodeOrInt"><xs:union memberTypes="tns:Code xs:int"><xs:simpleType><xs:restriction base="xs:date"/></xs:simpleType></xs:union></xs:simpleType>
<xs:complexType name="Money"><xs:simpleContent><xs:extension base="tns:Amount"><xs:attribute name="currency" type="xs:string" use="required"/></xs:extension></xs:simpleContent></xs:complexType>
<xs:complexType name="SmallMoney"><xs:simpleContent><xs:restriction base="tns:Money"><xs:maxInclusive value="10"/></xs:restriction></xs:simpleContent></xs:complexType>
<xs:complexType name="Open" mixed="true"><xs:sequence><xs:any namespace="##other" processContents="lax" minOccurs="0"/></xs:sequence><xs:anyAttribute/></xs:complexType>
</xs:schema>"###
    );
    let m = load_files(&[("svc.wsdl", &wsdl(&types))]);
    let code = find(&m, Some("urn:t"), "Code");
    assert_eq!(
        code.doc.as_deref(),
        Some("A code.\n  Indented second line.")
    );
    let TypeKind::Simple(SimpleType::Restriction { base, facets }) = &code.kind else {
        panic!()
    };
    assert_eq!(*base, TypeRef::Builtin(Builtin::String));
    assert_eq!((facets.min_length, facets.max_length), (Some(1), Some(10)));
    assert_eq!(facets.patterns, ["[A-Z]+", "X.*"]);
    assert_eq!(facets.white_space.as_deref(), Some("collapse"));
    assert_eq!(facets.enumeration[0].doc.as_deref(), Some("the AB code"));
    assert_eq!(facets.enumeration[1].doc, None);
    let TypeKind::Simple(SimpleType::Restriction { facets, .. }) =
        &find(&m, Some("urn:t"), "Amount").kind
    else {
        panic!()
    };
    assert_eq!(
        (facets.total_digits, facets.fraction_digits),
        (Some(10), Some(2))
    );
    assert_eq!(facets.min_inclusive.as_deref(), Some("0"));
    assert_eq!(facets.max_exclusive.as_deref(), Some("1000"));
    let TypeKind::Simple(SimpleType::Restriction { facets, .. }) =
        &find(&m, Some("urn:t"), "Exact").kind
    else {
        panic!()
    };
    assert_eq!(facets.length, Some(4));
    let TypeKind::Simple(SimpleType::List { item, .. }) = &find(&m, Some("urn:t"), "Codes").kind
    else {
        panic!()
    };
    assert_eq!(*item, id_of(&m, Some("urn:t"), "Code"));
    let TypeKind::Simple(SimpleType::Union { members }) =
        &find(&m, Some("urn:t"), "CodeOrInt").kind
    else {
        panic!()
    };
    assert_eq!(members.len(), 3);
    assert_eq!(members[1], TypeRef::Builtin(Builtin::Int));
    let money = complex(find(&m, Some("urn:t"), "Money"));
    assert_eq!(
        money.content,
        Content::Simple(id_of(&m, Some("urn:t"), "Amount"))
    );
    assert!(money.attributes[0].required);
    // simpleContent restriction with a facet: a new anonymous text type that
    // restricts Money's text type (Amount).
    let small = complex(find(&m, Some("urn:t"), "SmallMoney"));
    assert_eq!(
        small.base.as_ref().unwrap().method,
        DerivationMethod::Restriction
    );
    let Content::Simple(TypeRef::Defined(text)) = &small.content else {
        panic!()
    };
    let text = m.type_def(*text);
    assert!(
        matches!(&text.name, TypeName::Anonymous { context, .. } if context == &["SmallMoney", "Value"])
    );
    let TypeKind::Simple(SimpleType::Restriction { base, facets }) = &text.kind else {
        panic!()
    };
    assert_eq!(*base, id_of(&m, Some("urn:t"), "Amount"));
    assert_eq!(facets.max_inclusive.as_deref(), Some("10"));
    let open = complex(find(&m, Some("urn:t"), "Open"));
    assert!(open.mixed && open.any_attribute);
    let Content::Particle(p) = &open.content else {
        panic!()
    };
    let Term::Group(g) = &p.term else { panic!() };
    let Term::Any(w) = &g.particles[0].term else {
        panic!()
    };
    assert_eq!(
        (w.namespace.as_str(), w.process_contents.as_str()),
        ("##other", "lax")
    );
}

#[test]
fn every_builtin_and_soapenc_alias_resolves() {
    let builtins = [
        "anyType",
        "anySimpleType",
        "string",
        "normalizedString",
        "token",
        "language",
        "Name",
        "NCName",
        "ID",
        "IDREF",
        "IDREFS",
        "ENTITY",
        "ENTITIES",
        "NMTOKEN",
        "NMTOKENS",
        "anyURI",
        "QName",
        "NOTATION",
        "boolean",
        "decimal",
        "integer",
        "nonPositiveInteger",
        "negativeInteger",
        "nonNegativeInteger",
        "positiveInteger",
        "long",
        "int",
        "short",
        "byte",
        "unsignedLong",
        "unsignedInt",
        "unsignedShort",
        "unsignedByte",
        "float",
        "double",
        "duration",
        "dateTime",
        "date",
        "time",
        "gYear",
        "gYearMonth",
        "gMonth",
        "gMonthDay",
        "gDay",
        "base64Binary",
        "hexBinary",
    ];
    let elements: String = builtins
        .iter()
        .map(|b| format!("<xs:element name=\"e_{b}\" type=\"xs:{b}\"/>"))
        .collect();
    let types = format!(
        "<xs:schema targetNamespace=\"urn:t\" xmlns:soapenc=\"http://schemas.xmlsoap.org/soap/encoding/\">{IN_OUT}{elements}<xs:element name=\"enc\" type=\"soapenc:string\"/></xs:schema>"
    );
    let m = load_files(&[("svc.wsdl", &wsdl(&types))]);
    let mut seen = std::collections::BTreeSet::new();
    for b in builtins {
        let TypeRef::Builtin(t) = m.elements[&QName::new(Some("urn:t"), &format!("e_{b}"))].type_
        else {
            panic!()
        };
        seen.insert(t);
    }
    assert_eq!(seen.len(), builtins.len());
    assert_eq!(
        m.elements[&QName::new(Some("urn:t"), "enc")].type_,
        TypeRef::Builtin(Builtin::String)
    );
}

#[test]
fn soap12_headers_parts_faults_and_docs() {
    let svc = r#"<?xml version="1.0"?>
<wsdl:definitions xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/" xmlns:s12="http://schemas.xmlsoap.org/wsdl/soap12/"
    xmlns:http="http://schemas.xmlsoap.org/wsdl/http/"
    xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:tns="urn:t" targetNamespace="urn:t">
<wsdl:types><xs:schema targetNamespace="urn:t">
  <xs:element name="Req" type="xs:string"/><xs:element name="Resp" type="xs:string"/>
  <xs:element name="Auth" type="xs:string"/><xs:element name="Oops" type="xs:string"/>
</xs:schema></wsdl:types>
<wsdl:message name="In"><wsdl:part name="auth" element="tns:Auth"/><wsdl:part name="body" element="tns:Req"/></wsdl:message>
<wsdl:message name="Out"><wsdl:part name="body" element="tns:Resp"/></wsdl:message>
<wsdl:message name="Fault"><wsdl:part name="detail" element="tns:Oops"/></wsdl:message>
<wsdl:portType name="PT">
  <wsdl:operation name="Do">
    <wsdl:documentation>
        Does it.
    </wsdl:documentation>
    <wsdl:input message="tns:In"/><wsdl:output message="tns:Out"/><wsdl:fault name="oops" message="tns:Fault"/>
  </wsdl:operation>
</wsdl:portType>
<wsdl:binding name="B12" type="tns:PT">
  <s12:binding style="document" transport="http://schemas.xmlsoap.org/soap/http"/>
  <wsdl:operation name="Do"><s12:operation soapAction="urn:do" style="document"/>
    <wsdl:input><s12:header message="tns:In" part="auth" use="literal"/><s12:body parts="body" use="literal"/></wsdl:input>
    <wsdl:output><s12:body use="literal"/></wsdl:output>
    <wsdl:fault name="oops"><s12:fault name="oops" use="literal"/></wsdl:fault>
  </wsdl:operation>
</wsdl:binding>
<wsdl:binding name="BGet" type="tns:PT"><http:binding verb="GET"/></wsdl:binding>
<wsdl:service name="S">
  <wsdl:documentation>The service.</wsdl:documentation>
  <wsdl:port name="P12" binding="tns:B12"><s12:address location="http://localhost/12"/></wsdl:port>
  <wsdl:port name="PGet" binding="tns:BGet"><http:address location="http://localhost/get"/></wsdl:port>
</wsdl:service>
</wsdl:definitions>"#;
    let m = load_files(&[("svc.wsdl", svc)]);
    assert_eq!(m.operations.len(), 1);
    let op = &m.operations[0];
    assert_eq!(op.soap_version, SoapVersion::Soap12);
    assert_eq!(op.style, Style::Document);
    assert_eq!(op.soap_action.as_deref(), Some("urn:do"));
    assert_eq!(op.doc.as_deref(), Some("Does it."));
    assert_eq!((op.pos.line, op.pos.column), (22, 3));
    let input = op.input.as_ref().unwrap();
    assert_eq!(input.body.len(), 1);
    assert_eq!(
        input.body[0].content,
        PartContent::Element(QName::new(Some("urn:t"), "Req"))
    );
    assert_eq!(input.headers[0].name, "auth");
    assert_eq!(op.faults[0].name, "oops");
    assert_eq!(op.faults[0].detail, Some(QName::new(Some("urn:t"), "Oops")));
    let s = &m.services[0];
    assert_eq!(s.doc.as_deref(), Some("The service."));
    assert_eq!(s.ports.len(), 1);
    assert_eq!(s.ports[0].address.as_deref(), Some("http://localhost/12"));
    assert_eq!(m.notes.len(), 2, "{:?}", m.notes);
}

#[test]
fn rpc_literal_uses_body_namespace_and_typed_parts() {
    let svc = r#"<definitions xmlns="http://schemas.xmlsoap.org/wsdl/" xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/"
    xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:tns="urn:t" targetNamespace="urn:t">
<types><xsd:schema targetNamespace="urn:t"><xsd:complexType name="Pt"><xsd:sequence><xsd:element name="x" type="xsd:int"/></xsd:sequence></xsd:complexType></xsd:schema></types>
<message name="AddIn"><part name="a" type="tns:Pt"/><part name="b" type="xsd:int"/></message>
<message name="AddOut"><part name="sum" type="xsd:long"/></message>
<portType name="PT"><operation name="add"><input message="tns:AddIn"/><output message="tns:AddOut"/></operation></portType>
<binding name="B" type="tns:PT"><soap:binding style="rpc" transport="http://schemas.xmlsoap.org/soap/http"/>
  <operation name="add"><soap:operation soapAction="add"/>
    <input><soap:body use="literal" namespace="urn:calc"/></input><output><soap:body use="literal" namespace="urn:calc"/></output>
  </operation></binding>
</definitions>"#;
    let m = load_files(&[("rpc.wsdl", svc)]);
    let op = &m.operations[0];
    assert_eq!(op.style, Style::Rpc);
    assert_eq!(op.rpc_namespace.as_deref(), Some("urn:calc"));
    let input = op.input.as_ref().unwrap();
    assert_eq!(
        input.body[0].content,
        PartContent::Type(id_of(&m, Some("urn:t"), "Pt"))
    );
    assert_eq!(
        input.body[1].content,
        PartContent::Type(TypeRef::Builtin(Builtin::Int))
    );
    assert_eq!(
        op.output.as_ref().unwrap().body[0].content,
        PartContent::Type(TypeRef::Builtin(Builtin::Long))
    );
    assert!(m.services.is_empty());
}

#[test]
fn wsdl_import_chain() {
    let types_wsdl = format!(
        r#"<definitions xmlns="http://schemas.xmlsoap.org/wsdl/" xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:t">
<types><xs:schema targetNamespace="urn:t">{IN_OUT}</xs:schema></types></definitions>"#
    );
    let full = wsdl("");
    // The abstract part imports the types WSDL; the entry imports the abstract part.
    let abstract_part = full.replace(
        "<types>\n\n</types>",
        "<import namespace=\"urn:t\" location=\"types.wsdl\"/>",
    );
    let (bindings_start, _) = abstract_part.split_once("<binding").unwrap();
    let abstract_only = format!("{bindings_start}</definitions>\n");
    let concrete = full
        .replace("<types>\n\n</types>", "<import namespace=\"urn:t\" location=\"abstract.wsdl\"/>")
        .replace(
            "<message name=\"InMsg\"><part name=\"p\" element=\"tns:In\"/></message>\n<message name=\"OutMsg\"><part name=\"p\" element=\"tns:Out\"/></message>\n",
            "",
        );
    let concrete = {
        let (head, tail) = concrete.split_once("<portType").unwrap();
        let (_, rest) = tail.split_once("</portType>\n").unwrap();
        format!("{head}{rest}")
    };
    let m = load_files(&[
        ("svc.wsdl", &concrete),
        ("abstract.wsdl", &abstract_only),
        ("types.wsdl", &types_wsdl),
    ]);
    assert_eq!(m.operations.len(), 1);
    let paths: Vec<&str> = m.inputs.iter().map(|i| i.path.as_str()).collect();
    assert_eq!(paths, ["svc.wsdl", "abstract.wsdl", "types.wsdl"]);
}

#[test]
fn positions_are_kept_on_types_elements_and_fields() {
    let types = format!(
        "<xs:schema targetNamespace=\"urn:t\">{IN_OUT}\n  <xs:complexType name=\"T\">\n    <xs:sequence>\n      <xs:element name=\"f\" type=\"xs:int\"/>\n</xs:sequence></xs:complexType></xs:schema>"
    );
    let m = load_files(&[("svc.wsdl", &wsdl(&types))]);
    let t = find(&m, Some("urn:t"), "T");
    assert_eq!((t.pos.line, t.pos.column), (6, 3));
    assert!(t.pos.file.ends_with("svc.wsdl"));
    let f = fields(&complex(t).content)[0];
    assert_eq!((f.pos.line, f.pos.column), (8, 7));
    let e = &m.elements[&QName::new(Some("urn:t"), "In")];
    assert_eq!(e.pos.line, 5);
}

#[test]
fn well_known_namespace_imported_from_a_url_uses_builtins() {
    let types = format!(
        r#"<xs:schema targetNamespace="urn:t">
<xs:import namespace="http://www.w3.org/XML/1998/namespace" schemaLocation="http://www.w3.org/2001/xml.xsd"/>
{IN_OUT}<xs:complexType name="T"><xs:attribute ref="xml:lang"/></xs:complexType></xs:schema>"#
    );
    let m = load_files(&[("svc.wsdl", &wsdl(&types))]);
    let t = complex(find(&m, Some("urn:t"), "T"));
    assert_eq!(t.attributes[0].type_, TypeRef::Builtin(Builtin::Language));
    assert!(
        m.notes
            .iter()
            .any(|n| n.message.contains("http://www.w3.org/2001/xml.xsd") && n.pos.line == 6)
    );
}
