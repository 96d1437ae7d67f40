//! Loader errors: every one has a kind, a `file:line` and a message naming the construct.

mod support;

use std::path::Path;

use soapgen_codegen::error::{Error, ErrorKind};
use soapgen_codegen::{LoadOptions, load};
use support::{IN_OUT, at, wsdl};

/// Writes the text `files` and loads the first, which must fail.
fn load_err(files: &[(&str, &str)]) -> Error {
    support::load_err(&support::as_bytes(files))
}

#[test]
fn unknown_type_names_the_reference_and_its_line() {
    let schema = format!(
        "<xs:schema targetNamespace=\"urn:t\">{IN_OUT}\n<xs:complexType name=\"T\"><xs:sequence>\n<xs:element name=\"a\" type=\"tns:Missing\"/>\n</xs:sequence></xs:complexType>\n</xs:schema>"
    );
    let e = load_err(&[("svc.wsdl", &wsdl(&schema))]);
    assert_eq!(e.kind, ErrorKind::Unresolved);
    assert_eq!(at(&e), ("svc.wsdl".into(), 7));
    assert!(e.message.contains("{urn:t}Missing"), "{e}");
    assert!(e.message.contains("name=\"a\""), "{e}");
    // Display is compiler-style: file:line:column: message.
    let shown = e.to_string();
    assert!(shown.contains("svc.wsdl:7:1: "), "{shown}");
}

#[test]
fn unknown_builtin_is_an_error() {
    let schema = "<xs:schema targetNamespace=\"urn:t\">\n<xs:element name=\"In\" type=\"xs:strin\"/><xs:element name=\"Out\" type=\"xs:string\"/></xs:schema>";
    let e = load_err(&[("svc.wsdl", &wsdl(schema))]);
    assert_eq!(e.kind, ErrorKind::Unresolved);
    assert!(e.message.contains("xs:strin"), "{e}");
    assert!(e.message.contains("built-in"), "{e}");
    assert_eq!(at(&e).1, 6);
}

#[test]
fn missing_import_file_points_at_the_import() {
    let schema = "<xs:schema targetNamespace=\"urn:t\">\n\n<xs:import namespace=\"urn:o\" schemaLocation=\"nothere.xsd\"/></xs:schema>";
    let e = load_err(&[("svc.wsdl", &wsdl(schema))]);
    assert_eq!(e.kind, ErrorKind::Io);
    assert_eq!(at(&e), ("svc.wsdl".into(), 7));
    assert!(e.message.contains("nothere.xsd"), "{e}");
}

#[test]
fn missing_entry_file() {
    let e = load(Path::new("/nonexistent/x.wsdl"), &LoadOptions::default()).unwrap_err();
    assert_eq!(e.kind, ErrorKind::Io);
    assert!(e.message.contains("/nonexistent/x.wsdl"));
}

#[test]
fn unresolved_element_in_message_part() {
    let schema = "<xs:schema targetNamespace=\"urn:t\"><xs:element name=\"In\" type=\"xs:string\"/></xs:schema>";
    let e = load_err(&[("svc.wsdl", &wsdl(schema))]);
    assert_eq!(e.kind, ErrorKind::Unresolved);
    assert!(e.message.contains("{urn:t}Out"), "{e}");
    assert!(e.message.contains("OutMsg"), "{e}");
    assert_eq!(at(&e).1, 8);
}

#[test]
fn duplicate_definition_across_files_names_both() {
    let a = format!(
        "<xs:schema xmlns:xs=\"http://www.w3.org/2001/XMLSchema\" targetNamespace=\"urn:t\">{IN_OUT}\n<xs:include schemaLocation=\"b.xsd\"/>\n<xs:simpleType name=\"Code\"><xs:restriction base=\"xs:string\"/></xs:simpleType></xs:schema>"
    );
    let b = "<xs:schema xmlns:xs=\"http://www.w3.org/2001/XMLSchema\" targetNamespace=\"urn:t\">\n<xs:complexType name=\"Code\"/></xs:schema>";
    let svc = wsdl(
        "<xs:schema targetNamespace=\"urn:x\"><xs:import namespace=\"urn:t\" schemaLocation=\"a.xsd\"/></xs:schema>",
    );
    let e = load_err(&[("svc.wsdl", &svc), ("a.xsd", &a), ("b.xsd", b)]);
    assert_eq!(e.kind, ErrorKind::Duplicate);
    assert!(e.message.contains("{urn:t}Code"), "{e}");
    let (file, _) = at(&e);
    let other = if file == "a.xsd" { "b.xsd" } else { "a.xsd" };
    assert!(e.message.contains(other), "{e}");
}

#[test]
fn rpc_encoded_is_refused_once_naming_the_binding() {
    let svc = r#"<definitions xmlns="http://schemas.xmlsoap.org/wsdl/" xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/"
    xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:soapenc="http://schemas.xmlsoap.org/soap/encoding/"
    xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/" xmlns:tns="urn:t" targetNamespace="urn:t">
<types><xsd:schema targetNamespace="urn:t">
  <xsd:complexType name="Arr"><xsd:complexContent><xsd:restriction base="soapenc:Array">
    <xsd:attribute ref="soapenc:arrayType" wsdl:arrayType="xsd:string[]"/>
  </xsd:restriction></xsd:complexContent></xsd:complexType>
</xsd:schema></types>
<message name="M"><part name="a" type="tns:Arr"/></message>
<portType name="PT"><operation name="Op"><input message="tns:M"/><output message="tns:M"/></operation></portType>
<binding name="EncBinding" type="tns:PT">
  <soap:binding style="rpc" transport="http://schemas.xmlsoap.org/soap/http"/>
  <operation name="Op"><soap:operation soapAction="x"/>
    <input><soap:body use="encoded" namespace="urn:t" encodingStyle="http://schemas.xmlsoap.org/soap/encoding/"/></input>
    <output><soap:body use="encoded" namespace="urn:t" encodingStyle="http://schemas.xmlsoap.org/soap/encoding/"/></output>
  </operation>
</binding>
</definitions>"#;
    let e = load_err(&[("enc.wsdl", svc)]);
    assert_eq!(e.kind, ErrorKind::Unsupported);
    assert_eq!(at(&e), ("enc.wsdl".into(), 11));
    assert!(e.message.contains("`EncBinding`"), "{e}");
    assert!(e.message.contains("rpc/encoded"), "{e}");
}

#[test]
fn soapenc_array_outside_encoded_binding_is_unsupported() {
    let schema = r#"<xs:schema targetNamespace="urn:t" xmlns:soapenc="http://schemas.xmlsoap.org/soap/encoding/">
<xs:element name="In" type="soapenc:string"/><xs:element name="Out" type="soapenc:Array"/></xs:schema>"#;
    let e = load_err(&[("svc.wsdl", &wsdl(schema))]);
    assert_eq!(e.kind, ErrorKind::Unsupported);
    assert!(e.message.contains("soapenc:Array"), "{e}");
}

#[test]
fn malformed_xml_has_a_line() {
    let e = load_err(&[(
        "bad.wsdl",
        "<definitions xmlns=\"http://schemas.xmlsoap.org/wsdl/\">\n<types>\n</typo>\n</definitions>",
    )]);
    assert_eq!(e.kind, ErrorKind::Malformed);
    assert_eq!(at(&e), ("bad.wsdl".into(), 3));
}

#[test]
fn unbound_prefix_is_an_error() {
    let schema = "<xs:schema targetNamespace=\"urn:t\">\n<xs:element name=\"In\" type=\"nope:X\"/><xs:element name=\"Out\" type=\"xs:string\"/></xs:schema>";
    let e = load_err(&[("svc.wsdl", &wsdl(schema))]);
    assert_eq!(e.kind, ErrorKind::Unresolved);
    assert!(e.message.contains("nope"), "{e}");
}

#[test]
fn unknown_encoding_is_named() {
    let e = load_err(&[(
        "x.wsdl",
        "<?xml version=\"1.0\" encoding=\"x-martian\"?><definitions/>",
    )]);
    assert_eq!(e.kind, ErrorKind::Unsupported);
    assert!(e.message.contains("x-martian"), "{e}");
    assert_eq!(at(&e), ("x.wsdl".into(), 1));
}

#[test]
fn not_a_wsdl() {
    let e = load_err(&[("x.wsdl", "<html><body/></html>")]);
    assert_eq!(e.kind, ErrorKind::Malformed);
    assert!(e.message.contains("<html>"), "{e}");
}

#[test]
fn redefine_is_unsupported() {
    let svc = wsdl(
        "<xs:schema targetNamespace=\"urn:t\">\n<xs:redefine schemaLocation=\"a.xsd\"/></xs:schema>",
    );
    let e = load_err(&[
        ("svc.wsdl", &svc),
        (
            "a.xsd",
            "<xs:schema xmlns:xs=\"http://www.w3.org/2001/XMLSchema\"/>",
        ),
    ]);
    assert_eq!(e.kind, ErrorKind::Unsupported);
    assert!(e.message.contains("xs:redefine"), "{e}");
    assert_eq!(at(&e).1, 6);
}

#[test]
fn include_with_another_namespace_is_rejected() {
    let svc = wsdl(
        "<xs:schema targetNamespace=\"urn:t\">\n<xs:include schemaLocation=\"a.xsd\"/></xs:schema>",
    );
    let e = load_err(&[
        ("svc.wsdl", &svc),
        (
            "a.xsd",
            "<xs:schema xmlns:xs=\"http://www.w3.org/2001/XMLSchema\" targetNamespace=\"urn:other\"/>",
        ),
    ]);
    assert_eq!(e.kind, ErrorKind::Malformed);
    assert!(e.message.contains("urn:other"), "{e}");
}

#[test]
fn import_namespace_mismatch_is_rejected() {
    let svc = wsdl(
        "<xs:schema targetNamespace=\"urn:t\">\n<xs:import namespace=\"urn:a\" schemaLocation=\"a.xsd\"/></xs:schema>",
    );
    let e = load_err(&[
        ("svc.wsdl", &svc),
        (
            "a.xsd",
            "<xs:schema xmlns:xs=\"http://www.w3.org/2001/XMLSchema\" targetNamespace=\"urn:b\"/>",
        ),
    ]);
    assert_eq!(e.kind, ErrorKind::Malformed);
    assert!(
        e.message.contains("urn:a") && e.message.contains("urn:b"),
        "{e}"
    );
}

#[test]
fn group_cycle_is_an_error_not_a_stack_overflow() {
    let schema = format!(
        "<xs:schema targetNamespace=\"urn:t\">{IN_OUT}
<xs:group name=\"G\"><xs:sequence><xs:group ref=\"tns:G\"/></xs:sequence></xs:group>
<xs:complexType name=\"T\"><xs:group ref=\"tns:G\"/></xs:complexType></xs:schema>"
    );
    let e = load_err(&[("svc.wsdl", &wsdl(&schema))]);
    assert_eq!(e.kind, ErrorKind::Malformed);
    assert!(e.message.contains("refers to itself"), "{e}");
}

#[test]
fn binding_to_unknown_port_type() {
    let svc = wsdl(&format!(
        "<xs:schema targetNamespace=\"urn:t\">{IN_OUT}</xs:schema>"
    ))
    .replace("type=\"tns:PT\"", "type=\"tns:Nope\"");
    let e = load_err(&[("svc.wsdl", &svc)]);
    assert_eq!(e.kind, ErrorKind::Unresolved);
    assert!(
        e.message.contains("{urn:t}Nope") && e.message.contains("`B`"),
        "{e}"
    );
}

#[test]
fn bad_occurs_value() {
    let schema = format!(
        "<xs:schema targetNamespace=\"urn:t\">{IN_OUT}<xs:complexType name=\"T\"><xs:sequence><xs:element name=\"a\" type=\"xs:int\" maxOccurs=\"many\"/></xs:sequence></xs:complexType></xs:schema>"
    );
    let e = load_err(&[("svc.wsdl", &wsdl(&schema))]);
    assert_eq!(e.kind, ErrorKind::Malformed);
    assert!(e.message.contains("maxOccurs=\"many\""), "{e}");
}

#[test]
fn absolute_url_without_mapping() {
    let schema = "<xs:schema targetNamespace=\"urn:t\"><xs:import namespace=\"urn:o\" schemaLocation=\"https://example.com/o.xsd\"/></xs:schema>";
    let e = load_err(&[("svc.wsdl", &wsdl(schema))]);
    assert_eq!(e.kind, ErrorKind::Io);
    assert!(e.message.contains("https://example.com/o.xsd"), "{e}");
    assert!(e.message.contains("catalog"), "{e}");
}

/// Truncated and corrupted copies of a real WSDL end in errors, never panics.
#[test]
fn damaged_input_never_panics() {
    let original = std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../shared/wsdl-corpus/globalsign/ServerSSLService-kb-v1.wsdl"),
    )
    .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("x.wsdl");
    let mut errors = 0;
    for cut in (0..original.len()).step_by(997) {
        std::fs::write(&path, &original[..cut]).unwrap();
        if load(&path, &LoadOptions::default()).is_err() {
            errors += 1;
        }
        // Flip one byte into something XML-significant.
        let mut bent = original.clone();
        bent[cut] = b'<';
        std::fs::write(&path, &bent).unwrap();
        let _ = load(&path, &LoadOptions::default());
        bent[cut] = b'"';
        std::fs::write(&path, &bent).unwrap();
        let _ = load(&path, &LoadOptions::default());
    }
    // Every truncation is incomplete XML.
    assert_eq!(errors, original.len().div_ceil(997));
}
