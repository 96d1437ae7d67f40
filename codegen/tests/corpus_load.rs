//! Every service of the WSDL corpus loads into a model with the facts the corpus
//! README (and the files themselves) state: operation counts per binding, style,
//! SOAP version, and a known type, facet or construct per service.
//!
//! Each test prints `service: ops / types / elements / files / load time` so
//! `cargo test -p soapgen-codegen --release --test corpus_load -- --nocapture`
//! gives the table for the issue note. No timing is asserted.

use std::path::{Path, PathBuf};
use std::time::Instant;

use soapgen_codegen::error::ErrorKind;
use soapgen_codegen::model::{
    Builtin, ComplexType, Compositor, Content, DerivationMethod, ElementDecl, LocalElement, Model,
    Operation, PartContent, Particle, QName, SimpleType, SoapVersion, Style, Term, TypeDef,
    TypeKind, TypeName, TypeRef,
};
use soapgen_codegen::{LoadOptions, load};

fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/wsdl-corpus")
}

fn load_ok(rel: &str) -> Model {
    load_with(rel, &LoadOptions::default())
}

fn load_with(rel: &str, options: &LoadOptions) -> Model {
    let path = corpus().join(rel);
    let start = Instant::now();
    let m = match load(&path, options) {
        Ok(m) => m,
        Err(e) => panic!("{rel} failed to load: {e}"),
    };
    eprintln!(
        "| {rel} | {} | {} | {} | {} | {:.1} ms |",
        m.operations.len(),
        m.types.len(),
        m.elements.len(),
        m.inputs.len(),
        start.elapsed().as_secs_f64() * 1000.0
    );
    m
}

// ---- helpers ------------------------------------------------------------------

fn named<'m>(m: &'m Model, local: &str) -> &'m TypeDef {
    let found: Vec<&TypeDef> = m
        .types
        .iter()
        .filter(|t| matches!(&t.name, TypeName::Named(q) if q.local == local))
        .collect();
    assert_eq!(
        found.len(),
        1,
        "expected one type named {local}, found {}",
        found.len()
    );
    found[0]
}

fn named_ref(m: &Model, local: &str) -> TypeRef {
    let idx = m
        .types
        .iter()
        .position(|t| matches!(&t.name, TypeName::Named(q) if q.local == local))
        .unwrap_or_else(|| panic!("no type {local}"));
    TypeRef::Defined(soapgen_codegen::model::TypeId(idx))
}

fn complex<'m>(m: &'m Model, local: &str) -> &'m ComplexType {
    match &named(m, local).kind {
        TypeKind::Complex(c) => c,
        other => panic!("{local} is not complex: {other:?}"),
    }
}

fn simple<'m>(m: &'m Model, local: &str) -> &'m SimpleType {
    match &named(m, local).kind {
        TypeKind::Simple(s) => s,
        other => panic!("{local} is not simple: {other:?}"),
    }
}

fn element<'m>(m: &'m Model, local: &str) -> &'m ElementDecl {
    let found: Vec<&ElementDecl> = m
        .elements
        .values()
        .filter(|e| e.name.local == local)
        .collect();
    assert_eq!(found.len(), 1, "expected one element named {local}");
    found[0]
}

fn op<'m>(m: &'m Model, binding: &str, name: &str) -> &'m Operation {
    m.operations
        .iter()
        .find(|o| o.binding == binding && o.name == name)
        .unwrap_or_else(|| panic!("no operation {binding}/{name}"))
}

fn ops_in(m: &Model, binding: &str) -> usize {
    m.operations.iter().filter(|o| o.binding == binding).count()
}

/// Every local element of a content model, depth first.
fn local_elements(content: &Content) -> Vec<&LocalElement> {
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

fn field<'m>(ct: &'m ComplexType, local: &str) -> &'m LocalElement {
    local_elements(&ct.content)
        .into_iter()
        .find(|e| e.name.local == local)
        .unwrap_or_else(|| panic!("no field {local}"))
}

fn has_wildcard(content: &Content) -> bool {
    fn walk(p: &Particle) -> bool {
        match &p.term {
            Term::Any(_) => true,
            Term::Group(g) => g.particles.iter().any(walk),
            Term::Element(_) => false,
        }
    }
    matches!(content, Content::Particle(p) if walk(p))
}

fn all_document_literal(m: &Model, v: SoapVersion) {
    for o in m.operations.iter().filter(|o| o.soap_version == v) {
        assert_eq!(o.style, Style::Document, "{}", o.name);
    }
}

/// How many `xs:enumeration` values the model's simple-type restrictions hold in all.
fn enumeration_values(m: &Model) -> usize {
    m.types
        .iter()
        .map(|t| match &t.kind {
            TypeKind::Simple(SimpleType::Restriction { facets, .. }) => facets.enumeration.len(),
            _ => 0,
        })
        .sum()
}

// ---- GlobalSign -----------------------------------------------------------------

#[test]
fn globalsign_all_four() {
    for (file, ops, schemas_ns) in [
        ("globalsign/GasOrderService-cr-v1.wsdl", 10, 1),
        ("globalsign/ServerSSLService-kb-v1.wsdl", 21, 2),
        ("globalsign/GASService-kb-v1.wsdl", 11, 2),
        ("globalsign/ManagedSSLService-kb-v2.wsdl", 15, 3),
    ] {
        let m = load_ok(file);
        assert_eq!(m.operations.len(), ops, "{file}");
        assert_eq!(m.inputs.len(), 1, "{file}: everything is inline");
        for o in &m.operations {
            assert_eq!(o.style, Style::Document, "{file} {}", o.name);
            assert_eq!(o.soap_version, SoapVersion::Soap11);
            assert_eq!(o.soap_action.as_deref(), Some(""));
            assert!(o.faults.is_empty());
            let input = o.input.as_ref().expect("input");
            // document/literal wrapped: one part, the element named after the operation.
            assert_eq!(input.body.len(), 1);
            assert!(matches!(&input.body[0].content, PartContent::Element(q) if q.local == o.name));
        }
        let namespaces: std::collections::BTreeSet<_> = m
            .types
            .iter()
            .filter_map(|t| match &t.name {
                TypeName::Named(q) => Some(q.namespace.clone()),
                TypeName::Anonymous { .. } => None,
            })
            .collect();
        assert_eq!(namespaces.len(), schemas_ns, "{file}: {namespaces:?}");
        assert_eq!(m.services.len(), 1);
        assert_eq!(m.services[0].ports[0].soap_version, SoapVersion::Soap11);
    }
}

#[test]
fn globalsign_cxf_style_details() {
    let m = load_ok("globalsign/ServerSSLService-kb-v1.wsdl");
    // Cross-schema reference without schemaLocation: the v1 wrapper element's type
    // lives in the other inline schema.
    let dv = complex(&m, "DVOrder");
    let request = field(dv, "Request");
    // elementFormDefault="unqualified": local elements carry no namespace.
    assert_eq!(request.name.namespace, None);
    assert!(matches!(request.type_, TypeRef::Defined(_)));
    // Wrapper element is qualified.
    let e = element(&m, "DVOrder");
    assert_eq!(
        e.name.namespace.as_deref(),
        Some("https://system.globalsign.com/kb/ws/v1/")
    );
    // The list wrapper shape Errors/Error.
    let errors = complex(&m, "Errors");
    let error = field(errors, "Error");
    assert!(local_elements(&errors.content).len() == 1);
    let TypeRef::Defined(_) = error.type_ else {
        panic!("Error is not a defined type")
    };
    assert_eq!(
        m.services[0].ports[0].address.as_deref(),
        Some("https://system.globalsign.com/kb/ws/v1/ServerSSLService")
    );
}

// ---- the 19 public services ------------------------------------------------------------

#[test]
fn eu_vies_checkvat() {
    let m = load_ok("eu-vies-checkvat/checkVatService.wsdl");
    assert_eq!(m.operations.len(), 2);
    all_document_literal(&m, SoapVersion::Soap11);
    let SimpleType::Restriction { base, facets } = simple(&m, "matchCode") else {
        panic!()
    };
    assert_eq!(*base, TypeRef::Builtin(Builtin::String));
    let values: Vec<(&str, Option<&str>)> = facets
        .enumeration
        .iter()
        .map(|e| (e.value.as_str(), e.doc.as_deref()))
        .collect();
    assert_eq!(values[0], ("1", Some("VALID")));
    assert_eq!(values[1], ("2", Some("INVALID")));
    // A pattern facet on an anonymous or named simple type somewhere in the schema.
    let patterns: Vec<&String> = m
        .types
        .iter()
        .filter_map(|t| match &t.kind {
            TypeKind::Simple(SimpleType::Restriction { facets, .. }) => Some(&facets.patterns),
            _ => None,
        })
        .flatten()
        .collect();
    assert!(
        patterns
            .iter()
            .any(|p| p.as_str() == r"[A-Z]{2}\-[1-9][0-9]?"),
        "{patterns:?}"
    );
    let check = element(&m, "checkVatResponse");
    let TypeRef::Defined(id) = check.type_ else {
        panic!()
    };
    let TypeKind::Complex(ct) = &m.type_def(id).kind else {
        panic!()
    };
    assert!(field(ct, "requestDate").type_ == TypeRef::Builtin(Builtin::Date));
    assert!(field(ct, "name").nillable);
    assert!(
        matches!(&m.type_def(id).name, TypeName::Anonymous { context, .. } if context == &["checkVatResponse"])
    );
}

#[test]
fn ms_exchange_ews() {
    let m = load_ok("ms-exchange-ews/services.wsdl");
    assert_eq!(m.operations.len(), 122);
    assert_eq!(m.inputs.len(), 3);
    all_document_literal(&m, SoapVersion::Soap11);
    let headers: usize = m
        .operations
        .iter()
        .map(|o| {
            o.input.as_ref().map_or(0, |i| i.headers.len())
                + o.output.as_ref().map_or(0, |i| i.headers.len())
        })
        .sum();
    assert_eq!(headers, 435, "soap:header bindings");
    // Header parts are not also in the body.
    let resolve = op(&m, "ExchangeServiceBinding", "ResolveNames");
    let input = resolve.input.as_ref().unwrap();
    assert_eq!(input.body.len(), 1);
    assert_eq!(input.body[0].name, "request");
    assert!(input.headers.iter().any(|h| h.name == "Impersonation"));
    // Substitution group with an abstract head.
    let path = element(&m, "Path");
    assert!(path.abstract_);
    for sub in ["FieldURI", "IndexedFieldURI", "ExtendedFieldURI"] {
        assert!(path.substitutes.iter().any(|q| q.local == sub), "{sub}");
    }
    // xml:lang comes from the built-in xml namespace (no schemaLocation).
    let lang = m
        .types
        .iter()
        .filter_map(|t| match &t.kind {
            TypeKind::Complex(c) => Some(&c.attributes),
            _ => None,
        })
        .flatten()
        .find(|a| a.name.local == "lang")
        .expect("an xml:lang attribute");
    assert_eq!(
        lang.name.namespace.as_deref(),
        Some("http://www.w3.org/XML/1998/namespace")
    );
    assert_eq!(lang.type_, TypeRef::Builtin(Builtin::Language));
    // Lists and unions.
    assert!(
        m.types
            .iter()
            .any(|t| matches!(t.kind, TypeKind::Simple(SimpleType::List { .. })))
    );
    assert!(
        m.types
            .iter()
            .any(|t| matches!(t.kind, TypeKind::Simple(SimpleType::Union { .. })))
    );
    let abstract_types = m
        .types
        .iter()
        .filter(|t| matches!(&t.kind, TypeKind::Complex(c) if c.abstract_))
        .count();
    assert_eq!(abstract_types, 25);
    assert_eq!(enumeration_values(&m), 2067);
}

#[test]
fn salesforce_partner() {
    let m = load_ok("salesforce-partner/partner.wsdl");
    assert_eq!(m.operations.len(), 63);
    all_document_literal(&m, SoapVersion::Soap11);
    // The README counts 204 fault references: portType and binding, 102 each.
    let faults: usize = m.operations.iter().map(|o| o.faults.len()).sum();
    assert_eq!(faults, 102);
    let headers: usize = m
        .operations
        .iter()
        .map(|o| {
            o.input.as_ref().map_or(0, |i| i.headers.len())
                + o.output.as_ref().map_or(0, |i| i.headers.len())
        })
        .sum();
    assert_eq!(headers, 353);
    // sObject: loosely typed records through xs:any.
    let so = complex(&m, "sObject");
    assert!(has_wildcard(&so.content));
    assert_eq!(
        named(&m, "sObject").name,
        TypeName::Named(QName::new(
            Some("urn:sobject.partner.soap.sforce.com"),
            "sObject"
        ))
    );
    // Qualified local elements (elementFormDefault="qualified").
    assert_eq!(
        field(so, "Id").name.namespace.as_deref(),
        Some("urn:sobject.partner.soap.sforce.com")
    );
    // Fault details point at elements of the third inline schema.
    let login = op(&m, "SoapBinding", "login");
    assert!(login.faults.iter().any(|f| {
        f.detail
            .as_ref()
            .is_some_and(|d| d.namespace.as_deref() == Some("urn:fault.partner.soap.sforce.com"))
    }));
}

#[test]
fn onvif_device_management() {
    let m = load_ok("onvif-device-media/devicemgmt.wsdl");
    assert_eq!(m.inputs.len(), 10);
    // Files with no extension were read.
    for f in ["envelope", "xmlmime", "include"] {
        assert!(m.inputs.iter().any(|i| i.path == f), "{f}: {:?}", m.inputs);
    }
    assert!(
        m.operations
            .iter()
            .all(|o| o.soap_version == SoapVersion::Soap12)
    );
    all_document_literal(&m, SoapVersion::Soap12);
    assert!(m.services.iter().all(|s| {
        s.ports
            .iter()
            .all(|p| p.soap_version == SoapVersion::Soap12)
    }));
    let onvif_ns = Some("http://www.onvif.org/ver10/schema".to_owned());
    let anyattr = m
        .types
        .iter()
        .filter(|t| matches!(&t.kind, TypeKind::Complex(c) if c.any_attribute))
        .count();
    assert!(anyattr > 100, "{anyattr}");
    assert!(m.types.iter().any(|t| matches!(&t.name, TypeName::Named(q) if q.namespace == onvif_ns && q.local == "IPAddress")));
    // Both entry WSDLs together: 161 operations.
    let media = load_ok("onvif-device-media/media.wsdl");
    assert_eq!(m.operations.len() + media.operations.len(), 161);
}

#[test]
fn aws_ec2() {
    let m = load_ok("aws-ec2/ec2.wsdl");
    assert_eq!(m.operations.len(), 151);
    all_document_literal(&m, SoapVersion::Soap11);
    // xs:group refs are inlined and keep their name.
    let ct = complex(&m, "DescribeVpcAttributeType");
    let Content::Particle(p) = &ct.content else {
        panic!()
    };
    let Term::Group(seq) = &p.term else { panic!() };
    let inlined = seq
        .particles
        .iter()
        .find_map(|p| match &p.term {
            Term::Group(g) if g.group_name.is_some() => Some(g),
            _ => None,
        })
        .expect("an inlined group");
    assert_eq!(
        inlined.group_name.as_ref().unwrap().local,
        "DescribeVpcAttributesGroup"
    );
    assert_eq!(inlined.compositor, Compositor::Choice);
    assert!(!inlined.particles.is_empty());
}

#[test]
fn usda_awdb_cxf() {
    let m = load_ok("usda-awdb/usda-awdb.wsdl");
    assert_eq!(m.operations.len(), 35);
    all_document_literal(&m, SoapVersion::Soap11);
    let ext = m
        .types
        .iter()
        .filter(|t| matches!(&t.kind, TypeKind::Complex(c) if c.base.as_ref().is_some_and(|b| b.method == DerivationMethod::Extension)))
        .count();
    assert!(ext > 0);
    // Unqualified local elements in the CXF style.
    for t in &m.types {
        if let TypeKind::Complex(c) = &t.kind {
            for e in local_elements(&c.content) {
                if e.reference.is_none() {
                    assert_eq!(e.name.namespace, None, "{:?}", e.name);
                }
            }
        }
    }
}

#[test]
fn wsdot_ferries_skips_http_bindings() {
    let m = load_ok("wsdot-ferries/ferry.wsdl");
    assert_eq!(ops_in(&m, "WSF_x0020_ScheduleSoap"), 23);
    assert_eq!(ops_in(&m, "WSF_x0020_ScheduleSoap12"), 23);
    assert_eq!(m.operations.len(), 46);
    assert!(
        m.operations
            .iter()
            .filter(|o| o.binding.ends_with("Soap12"))
            .all(|o| o.soap_version == SoapVersion::Soap12)
    );
    let skipped: Vec<&str> = m.notes.iter().map(|n| n.message.as_str()).collect();
    assert_eq!(
        skipped
            .iter()
            .filter(|n| n.contains("HTTP binding"))
            .count(),
        2,
        "{skipped:?}"
    );
    let ports: Vec<&str> = m.services[0]
        .ports
        .iter()
        .map(|p| p.name.as_str())
        .collect();
    assert_eq!(ports.len(), 2, "{ports:?}");
    let o = op(&m, "WSF_x0020_ScheduleSoap", "GetAllAlerts");
    assert_eq!(o.doc.as_deref(), Some("Retrieves all published alerts."));
}

#[test]
fn chrome_automotive_description() {
    let m = load_ok("chrome-automotive-description/chromedata.wsdl");
    assert_eq!(m.operations.len(), 9);
    all_document_literal(&m, SoapVersion::Soap11);
    let attrs: usize = m
        .types
        .iter()
        .map(|t| match &t.kind {
            TypeKind::Complex(c) => c.attributes.len(),
            _ => 0,
        })
        .sum();
    assert!(attrs >= 100, "{attrs}");
    let required = m
        .types
        .iter()
        .filter_map(|t| match &t.kind {
            TypeKind::Complex(c) => Some(c.attributes.iter()),
            _ => None,
        })
        .flatten()
        .find(|a| a.name.local == "secret")
        .expect("secret attribute");
    assert!(required.required);
    assert_eq!(required.type_, TypeRef::Builtin(Builtin::String));
}

#[test]
fn gs1_epcis_query() {
    let m = load_ok("gs1-epcis-query/EPCglobal-epcis-query-1_2.wsdl");
    assert_eq!(m.inputs.len(), 10);
    all_document_literal(&m, SoapVersion::Soap11);
    let faults: usize = m.operations.iter().map(|o| o.faults.len()).sum();
    assert!(faults > 0);
    let scope = element(&m, "ScopeInformation");
    assert!(scope.abstract_);
    assert!(
        scope
            .substitutes
            .iter()
            .any(|q| q.local == "BusinessService")
    );
    // A substitution-group member without its own type... all have types here;
    // but their type is the named one.
    assert_eq!(
        element(&m, "BusinessService").type_,
        named_ref(&m, "BusinessService")
    );
    assert!(complex(&m, "EPCISEventType").abstract_);
    // elementFormDefault differs per file: SBDH is qualified, EPCIS unqualified.
    let sbdh = complex(&m, "StandardBusinessDocumentHeader");
    assert_eq!(
        field(sbdh, "HeaderVersion").name.namespace.as_deref(),
        Some("http://www.unece.org/cefact/namespaces/StandardBusinessDocumentHeader")
    );
    let doc = complex(&m, "EPCISDocumentType");
    assert_eq!(field(doc, "EPCISBody").name.namespace, None);
    assert_eq!(
        doc.base.as_ref().unwrap().method,
        DerivationMethod::Extension
    );
    assert!(has_wildcard(&doc.content));
    assert_eq!(
        named(&m, "EPCISDocumentType").doc.as_deref(),
        Some("document that contains a Header and a Body.")
    );
}

#[test]
fn paypal_api() {
    let m = load_ok("paypal-api/PayPalSvc.wsdl");
    assert_eq!(m.inputs.len(), 4);
    // 57 operations per binding, two bindings? count per portType.
    all_document_literal(&m, SoapVersion::Soap11);
    // Every operation carries the RequesterCredentials header on the way in.
    assert!(m.operations.iter().all(|o| {
        o.input
            .as_ref()
            .unwrap()
            .headers
            .iter()
            .any(|h| h.name == "RequesterCredentials")
    }));
    // simpleContent extension: amount text + currencyID attribute.
    let amount = complex(&m, "BasicAmountType");
    assert_eq!(
        amount.content,
        Content::Simple(TypeRef::Builtin(Builtin::String))
    );
    assert_eq!(
        amount.base.as_ref().unwrap().method,
        DerivationMethod::Extension
    );
    assert!(
        amount
            .attributes
            .iter()
            .any(|a| a.name.local == "currencyID" && a.required)
    );
}

#[test]
fn lnp_number_management_rpc_literal() {
    let m = load_ok("lnp-number-management/NumberManagement.wsdl");
    assert_eq!(m.inputs.len(), 3);
    assert!(m.operations.iter().all(|o| o.style == Style::Rpc));
    // The binding repeats listAvailablePublicNumberGroups word for word: kept once, with a note.
    assert_eq!(m.operations.len(), 12);
    assert!(
        m.notes
            .iter()
            .any(|n| n.message.contains("listAvailablePublicNumberGroups"))
    );
    let faults: usize = m.operations.iter().map(|o| o.faults.len()).sum();
    assert_eq!(faults, 12);
    let pq = op(&m, "NumberManagement", "portingQualification");
    assert_eq!(
        pq.rpc_namespace.as_deref(),
        Some("http://localhost/soap/version_1/number")
    );
    let out = pq.output.as_ref().unwrap();
    assert_eq!(out.body[0].name, "pqResponse");
    assert_eq!(
        out.body[0].content,
        PartContent::Type(named_ref(&m, "PQResponse"))
    );
    let input = pq.input.as_ref().unwrap();
    assert_eq!(input.body.len(), 2);
    assert_eq!(
        input.body[1].content,
        PartContent::Type(TypeRef::Builtin(Builtin::Int))
    );
}

#[test]
fn estes_image_view_diamond() {
    let m = load_ok("estes-image-view/ImageViewService.local.wsdl");
    // 1 WSDL + 4 message schemas + imageViewCommon.xsd once.
    assert_eq!(m.inputs.len(), 6);
    assert_eq!(
        m.inputs
            .iter()
            .filter(|i| i.path == "imageViewCommon.xsd")
            .count(),
        1
    );
    assert_eq!(m.operations.len(), 3);
    // echo has no header; imageCheck and imageView carry the authentication header.
    let with_header: Vec<&str> = m
        .operations
        .iter()
        .filter(|o| o.input.as_ref().unwrap().headers.len() == 1)
        .map(|o| o.name.as_str())
        .collect();
    assert_eq!(with_header, ["imageCheck", "imageView"]);
    named(&m, "DocumentType");
}

#[test]
fn euroconsumers_partner_wcf() {
    let m = load_ok("euroconsumers-partner-wcf/PartnerService.local.wsdl");
    assert_eq!(m.inputs.len(), 20);
    let basic = ops_in(&m, "PartnerServiceBasicEndPoint");
    assert_eq!(basic, ops_in(&m, "PartnerServiceWSEndPoint"));
    assert!(
        m.operations
            .iter()
            .filter(|o| o.binding == "PartnerServiceWSEndPoint")
            .all(|o| o.soap_version == SoapVersion::Soap12)
    );
    assert!(
        m.operations
            .iter()
            .filter(|o| o.binding == "PartnerServiceBasicEndPoint")
            .all(|o| o.soap_version == SoapVersion::Soap11)
    );
    // The README's 24 fault references: 8 in the portType, 8 in each binding.
    let faults: usize = m.operations.iter().map(|o| o.faults.len()).sum();
    assert_eq!(faults, 16);
}

#[test]
fn fedex_rate_v28() {
    let m = load_ok("fedex-rate-v28/RateService_v28.wsdl");
    assert_eq!(m.operations.len(), 1);
    assert_eq!(m.operations[0].name, "getRates");
    let simple_types = m
        .types
        .iter()
        .filter(|t| matches!(t.kind, TypeKind::Simple(_)))
        .count();
    assert_eq!(simple_types, 141);
    let complex_types = m
        .types
        .iter()
        .filter(|t| matches!(t.kind, TypeKind::Complex(_)))
        .count();
    assert_eq!(complex_types, 163);
    assert_eq!(enumeration_values(&m), 753);
}

#[test]
fn tradetracker_rpc_encoded_is_refused() {
    let path = corpus().join("tradetracker-affiliate/tradetracker.wsdl");
    let err = load(&path, &LoadOptions::default()).expect_err("rpc/encoded must be refused");
    assert_eq!(err.kind, ErrorKind::Unsupported);
    assert!(err.message.contains("AffiliateBinding"), "{err}");
    assert!(err.message.contains("rpc/encoded"), "{err}");
    let pos = err.pos.as_ref().expect("a position");
    assert!(pos.file.ends_with("tradetracker.wsdl"));
    assert!(pos.line > 1);
    eprintln!("| tradetracker-affiliate/tradetracker.wsdl | refused: {err} |");
}

#[test]
fn wasmuth_onlinesync_through_catalog() {
    let dir = corpus().join("wasmuth-onlinesync");
    // Without the catalog: a clear error naming the URL.
    let err =
        load(&dir.join("wasmuth.wsdl"), &LoadOptions::default()).expect_err("needs the catalog");
    assert_eq!(err.kind, ErrorKind::Io);
    assert!(err.message.contains("OnlineSync?xsd="), "{err}");
    let options = LoadOptions {
        catalogs: vec![dir.join("catalog.xml")],
        ..LoadOptions::default()
    };
    let m = load_with("wasmuth-onlinesync/wasmuth.wsdl", &options);
    // wsdl + 2 xsd + the catalog.
    assert_eq!(m.inputs.len(), 4);
    assert_eq!(m.operations.len(), 7);
    all_document_literal(&m, SoapVersion::Soap11);
    let attrs: usize = m
        .types
        .iter()
        .map(|t| match &t.kind {
            TypeKind::Complex(c) => c.attributes.len(),
            _ => 0,
        })
        .sum();
    assert_eq!(attrs, 123);
    // url_map does the same job.
    let mut url_map = std::collections::BTreeMap::new();
    for n in 1..=2 {
        url_map.insert(
            format!("http://www3.mediaservice-wasmuth.de:80/online-ws-2.0/OnlineSync?xsd={n}"),
            dir.join(format!("wasmuth{n}.xsd")),
        );
    }
    let m2 = load(
        &dir.join("wasmuth.wsdl"),
        &LoadOptions {
            url_map,
            ..LoadOptions::default()
        },
    )
    .unwrap();
    assert_eq!(m2.types, m.types);
}

#[test]
fn virtualbox_vboxweb_scale() {
    let m = load_ok("virtualbox-vboxweb/vboxweb.wsdl");
    assert_eq!(m.operations.len(), 1158);
    let faults: usize = m.operations.iter().map(|o| o.faults.len()).sum();
    // The README's 4632 counts portType and binding references.
    assert_eq!(faults, 2316);
    all_document_literal(&m, SoapVersion::Soap11);
}

#[test]
fn telefonkatalogen_sendsms_latin1_rpc() {
    let m = load_ok("telefonkatalogen-sendsms/sendsms.wsdl");
    assert_eq!(m.operations.len(), 1);
    let o = &m.operations[0];
    assert_eq!(o.style, Style::Rpc);
    assert_eq!(o.soap_action.as_deref(), Some("sendsms"));
    let input = o.input.as_ref().unwrap();
    assert_eq!(input.body.len(), 9);
    assert!(
        input
            .body
            .iter()
            .all(|p| p.content == PartContent::Type(TypeRef::Builtin(Builtin::String)))
    );
}

#[test]
fn cics_partner_rpc_literal() {
    let m = load_ok("cics-partner-rpc-literal/symbolic_endpoint.wsdl");
    assert_eq!(m.operations.len(), 1);
    let o = &m.operations[0];
    assert_eq!(o.style, Style::Rpc);
    assert!(matches!(
        &o.input.as_ref().unwrap().body[0].content,
        PartContent::Type(TypeRef::Defined(_))
    ));
    let ranges = m
        .types
        .iter()
        .filter(|t| matches!(&t.kind, TypeKind::Simple(SimpleType::Restriction { facets, .. }) if facets.min_inclusive.as_deref() == Some("0000")))
        .count();
    assert!(ranges >= 4, "{ranges}");
}

#[test]
fn loading_twice_gives_the_same_model() {
    let path = corpus().join("ms-exchange-ews/services.wsdl");
    let a = load(&path, &LoadOptions::default()).unwrap();
    let b = load(&path, &LoadOptions::default()).unwrap();
    assert_eq!(a, b);
    assert_eq!(a.input_sha256.len(), 64);
}
