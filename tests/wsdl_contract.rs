//! Contract tests for `wsdl/GasOrderService.wsdl` and the sample messages in `wsdl/samples/`.
//!
//! Everything else in the workspace is generated from this WSDL, so these tests check it
//! against two things that do not come from it: `xmllint` (libxml2's XML Schema validator)
//! and a table of leaf-element counts transcribed by hand from the spec's outlines.
//!
//! `xmllint` is required. When it is missing the tests fail and say how to install it
//! (Debian/Ubuntu: `apt-get install libxml2-utils`); they never skip.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use quick_xml::events::{BytesStart, Event};
use quick_xml::reader::Reader;
use xmltree::{Element, XMLNode};

const TNS: &str = "https://system.globalsign.com/pc/ws/v2/";
const WSDL_NS: &str = "http://schemas.xmlsoap.org/wsdl/";
const WSDL_SOAP_NS: &str = "http://schemas.xmlsoap.org/wsdl/soap/";
const XS_NS: &str = "http://www.w3.org/2001/XMLSchema";
const SOAP_HTTP: &str = "http://schemas.xmlsoap.org/soap/http";
const ENDPOINT: &str = "https://system.globalsign.com/pc/ws/v2/GasOrderService";

/// The operations in the order of the spec (sections 4–13), with their leaf elements
/// (simple-typed element declarations, each path counted once however often it may
/// repeat) under `Request` and under `Response`, counted by hand in the spec
/// outlines (line numbers of `globalsign-client-cert-api-2.4.7.txt`) after the errata in
/// `wsdl/ERRATA.md` (one `OrderDate`, no duplicate `AuthorizedSignerInfo/FirstName`).
///
/// Every request starts with `OrderRequestHeader/AuthToken/{UserName,Password}` (2).
/// The eight order responses are `OrderResponseHeader` {SuccessCode,
/// Errors/Error/{ErrorCode, ErrorField, ErrorMessage}, Timestamp} (5) + OrderID +
/// RegistrationURL = 7.
/// A query `OrderDetail` is OrderInfo 17 + ValidityPeriod 2 + OrderSubInfo 2 +
/// OrderOption (OrganizationInfo 5 + OrganizationAddress 9 + RequestorInfo 12 +
/// ApproverInfo 12 + AuthorizedSignerInfo 12 + JurisdictionInfo 4 + Subscriber 16 = 70) +
/// CertificateInfo 12 + Fulfillment (CACertificate 2 + PcCertificate 2) +
/// ModificationEvent 2 = 109.
const LEAF_COUNTS: [(&str, usize, usize); 14] = [
    // L191–L318: 2 + 10 (ProductCode..RenewalTergetOrderID) + DnAttributes 6
    // + HashAlgorithm + Subscriber 16 + SubID + SpecialInstructions.
    ("OrderOS", 37, 7),
    // L404–L677: 2 + 8 + DnAttributes 5 + Subscriber 16 + OrganizationInfoEV 5
    // + JurisdictionInfo 4 + OrganizationAddress 13 + Requestor/Approver/Signer 3 × 12
    // + SubID + SpecialInstructions.
    ("OrderOSEV", 91, 7),
    // L763–L848: 2 + 9 (Year..RenewalTergetOrderID) + DnAttributes 1 + Subscriber 6 + 3.
    ("OrderPS1", 21, 7),
    // L933–L1035: 2 + 9 + DnAttributes 3 + Subscriber 12 + 3.
    ("OrderPS2", 29, 7),
    // L1110–L1231: 2 + 9 + DnAttributes 7 + Subscriber 16 + 3.
    ("OrderPS2Dept", 37, 7),
    // L1397–L1510: 2 + 9 + DnAttributes 10 + Subscriber 16 + 3.
    ("OrderPS2Pro", 40, 7),
    // L1624–L1790: 2 + 12 (ProductCode..SpecialInstructions) + DnAttributes 7 + Subscriber 16.
    ("OrderAATL", 37, 7),
    // L1880–L2062: 2 + 11 + DnAttributes 7 + DnExtension 2 + QCStatement 2 + Subscriber 16.
    ("OrderQC", 40, 7),
    // L2149–L2195: 2 + OrderParameter 4 + TargetOrderID; response header 5 + OrderID.
    ("ReIssue", 7, 6),
    // L2271–L2300: 2 + OrderID + ModifyOrderOperation; response header 5 + OrderID.
    ("ModifyOrder", 4, 6),
    // L2380–L2409: 2 + OrderID + EmailType; response header 5 only.
    ("ResendEmail", 4, 5),
    // L2484–L2884: 2 + OrderID + OrderQueryOption 4; response 5 + OrderDetail 109.
    ("GetOrderByOrderID", 7, 114),
    // L2891–L3303: 2 + FromDate + ToDate + OrderQueryOption 5;
    // response 5 + FromDate + ToDate + OrderDetail 109.
    ("GetModifiedOrders", 9, 116),
    // L3310–L3744: 2 + OrderQueryOption 16; response 5 + OrderDetail 109.
    ("GetOrders", 18, 114),
];

/// The operations of the spec, in its order (the first column of [`LEAF_COUNTS`]): what the
/// WSDL is checked against, so not taken from the code generated from it.
fn operations() -> Vec<&'static str> {
    LEAF_COUNTS.iter().map(|(op, _, _)| *op).collect()
}

fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn wsdl_path() -> PathBuf {
    repo_root().join("wsdl").join("GasOrderService.wsdl")
}

fn samples_dir() -> PathBuf {
    repo_root().join("wsdl").join("samples")
}

fn read(path: &Path) -> String {
    fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

/// A fresh scratch directory for one test (tests run in parallel threads).
fn scratch_dir(test: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("wsdl_contract")
        .join(test);
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("cannot create {}: {e}", dir.display()));
    dir
}

// ---------------------------------------------------------------------------------------
// Extracting one element into a standalone document
// ---------------------------------------------------------------------------------------

/// Returns the first element whose ancestors' local names are `path[..n-1]` and whose own
/// local name is `path[n-1]` (`"*"` matches any), copied byte for byte from `xml`, with the
/// namespace declarations it inherits from its ancestors added to its start tag, so that
/// the result is a well-formed document with the same meaning.
fn extract_element(xml: &str, path: &[&str]) -> Result<String, String> {
    let mut reader = Reader::from_str(xml);
    // Namespace declarations (raw attribute key, raw value) of each open element.
    let mut open: Vec<(String, Vec<(String, String)>)> = Vec::new();
    loop {
        let start = position(&reader)?;
        let event = reader
            .read_event()
            .map_err(|e| format!("XML error at byte {}: {e}", reader.error_position()))?;
        match event {
            Event::Start(ref tag) | Event::Empty(ref tag) => {
                let name = local_name(tag);
                let decls = namespace_declarations(tag)?;
                let is_empty = matches!(event, Event::Empty(_));
                let depth = open.len();
                let matches_path = depth + 1 == path.len()
                    && open
                        .iter()
                        .zip(path)
                        .all(|((open_name, _), want)| open_name == want)
                    && (path[depth] == "*" || path[depth] == name);
                if matches_path {
                    if !is_empty {
                        skip_to_end(&mut reader)?;
                    }
                    let end = position(&reader)?;
                    let inherited = inherited_declarations(&open, &decls);
                    return Ok(with_declarations(&xml[start..end], &inherited));
                }
                if !is_empty {
                    open.push((name, decls));
                }
            }
            Event::End(_) => {
                open.pop();
            }
            Event::Eof => return Err(format!("no element at path {}", path.join("/"))),
            _ => {}
        }
    }
}

fn position(reader: &Reader<&[u8]>) -> Result<usize, String> {
    usize::try_from(reader.buffer_position()).map_err(|e| format!("position overflow: {e}"))
}

fn local_name(tag: &BytesStart<'_>) -> String {
    let local = tag.local_name();
    let name: &str = local.as_ref();
    name.to_owned()
}

fn namespace_declarations(tag: &BytesStart<'_>) -> Result<Vec<(String, String)>, String> {
    let mut decls = Vec::new();
    for attribute in tag.attributes() {
        let attribute = attribute.map_err(|e| format!("bad attribute: {e}"))?;
        let key: &str = attribute.key.as_ref();
        if key == "xmlns" || key.starts_with("xmlns:") {
            decls.push((key.to_owned(), attribute.value.replace('"', "&quot;")));
        }
    }
    Ok(decls)
}

/// Reads up to and including the end tag that closes the element just started.
fn skip_to_end(reader: &mut Reader<&[u8]>) -> Result<(), String> {
    let mut depth = 1usize;
    loop {
        match reader.read_event() {
            Ok(Event::Start(_)) => depth += 1,
            Ok(Event::End(_)) => {
                depth -= 1;
                if depth == 0 {
                    return Ok(());
                }
            }
            Ok(Event::Eof) => return Err("document ends inside the element".to_owned()),
            Ok(_) => {}
            Err(e) => {
                return Err(format!(
                    "XML error at byte {}: {e}",
                    reader.error_position()
                ));
            }
        }
    }
}

/// Declarations in scope at the element, minus those it makes itself (inner ones win).
fn inherited_declarations(
    open: &[(String, Vec<(String, String)>)],
    own: &[(String, String)],
) -> Vec<(String, String)> {
    let mut in_scope: BTreeMap<String, String> = BTreeMap::new();
    for (_, decls) in open {
        for (key, value) in decls {
            in_scope.insert(key.clone(), value.clone());
        }
    }
    for (key, _) in own {
        in_scope.remove(key);
    }
    in_scope.into_iter().collect()
}

fn with_declarations(element: &str, decls: &[(String, String)]) -> String {
    let name_end = element
        .char_indices()
        .skip(1)
        .find(|(_, c)| c.is_whitespace() || *c == '/' || *c == '>')
        .map_or(element.len(), |(i, _)| i);
    let mut out = String::with_capacity(element.len() + 64 * decls.len() + 40);
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.push_str(&element[..name_end]);
    for (key, value) in decls {
        out.push_str(&format!(" {key}=\"{value}\""));
    }
    out.push_str(&element[name_end..]);
    out.push('\n');
    out
}

// ---------------------------------------------------------------------------------------
// xmllint
// ---------------------------------------------------------------------------------------

fn require_xmllint() {
    match Command::new("xmllint").arg("--version").output() {
        Ok(out) if out.status.success() => {}
        Ok(out) => panic!(
            "`xmllint --version` failed ({}); reinstall libxml2-utils: {}",
            out.status,
            String::from_utf8_lossy(&out.stderr)
        ),
        Err(e) => panic!(
            "xmllint is not installed ({e}); the WSDL contract tests need it. \
             Install libxml2-utils (Debian/Ubuntu: `apt-get install libxml2-utils`)"
        ),
    }
}

/// Writes the WSDL's inline schema to `dir/GasOrderService.xsd` and returns its path.
fn write_schema(dir: &Path) -> PathBuf {
    let wsdl = read(&wsdl_path());
    let schema = extract_element(&wsdl, &["definitions", "types", "schema"])
        .unwrap_or_else(|e| panic!("{}: cannot extract xs:schema: {e}", wsdl_path().display()));
    let path = dir.join("GasOrderService.xsd");
    fs::write(&path, schema).unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
    path
}

/// Runs `xmllint --noout --schema`; `Err` carries xmllint's output.
fn xmllint_validate(schema: &Path, document: &Path) -> Result<(), String> {
    let out = Command::new("xmllint")
        .arg("--noout")
        .arg("--schema")
        .arg(schema)
        .arg(document)
        .output()
        .unwrap_or_else(|e| panic!("cannot run xmllint: {e}"));
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    if out.status.success() {
        Ok(())
    } else {
        Err(text)
    }
}

/// Extracts the SOAP body's child of `envelope` into `dir/<stem>.body.xml` and validates it.
fn validate_body(schema: &Path, dir: &Path, stem: &str, envelope: &str) -> Result<(), String> {
    let body = extract_element(envelope, &["Envelope", "Body", "*"])
        .map_err(|e| format!("{stem}: cannot extract the SOAP body: {e}"))?;
    let path = dir.join(format!("{stem}.body.xml"));
    fs::write(&path, body).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    xmllint_validate(schema, &path).map_err(|out| format!("{stem}: xmllint says:\n{out}"))
}

fn sample_files() -> Vec<PathBuf> {
    let dir = samples_dir();
    let mut files: Vec<PathBuf> = fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display()))
        .filter_map(|entry| entry.ok().map(|entry| entry.path()))
        .filter(|path| path.extension().is_some_and(|ext| ext == "xml"))
        .collect();
    files.sort();
    files
}

// ---------------------------------------------------------------------------------------
// Schema and samples, validated by xmllint
// ---------------------------------------------------------------------------------------

#[test]
fn xmllint_compiles_the_inline_schema() {
    require_xmllint();
    let dir = scratch_dir("compile");
    let schema = write_schema(&dir);
    // The smallest valid instance: a ResendEmail wrapper (its Request is minOccurs=0).
    let instance = dir.join("minimal.xml");
    fs::write(&instance, format!("<ws:ResendEmail xmlns:ws=\"{TNS}\"/>\n"))
        .unwrap_or_else(|e| panic!("cannot write {}: {e}", instance.display()));
    if let Err(out) = xmllint_validate(&schema, &instance) {
        panic!("the schema in GasOrderService.wsdl does not compile or validate:\n{out}");
    }
}

#[test]
fn every_sample_body_validates_against_the_schema() {
    require_xmllint();
    let dir = scratch_dir("samples");
    let schema = write_schema(&dir);
    let files = sample_files();
    let mut failures = Vec::new();
    let mut checked = 0usize;
    for file in &files {
        let name = file
            .file_name()
            .and_then(|name| name.to_str())
            .unwrap_or_else(|| panic!("odd file name {}", file.display()));
        let Some(stem) = name.strip_suffix(".xml") else {
            continue;
        };
        let envelope = read(file);
        if let Err(failure) = check_wrapper_name(stem, &envelope) {
            failures.push(failure);
        }
        if let Err(failure) = validate_body(&schema, &dir, stem, &envelope) {
            failures.push(failure);
        }
        checked += 1;
    }
    assert!(
        failures.is_empty(),
        "{} of {checked} samples are invalid:\n\n{}",
        failures.len(),
        failures.join("\n\n")
    );
    for op in operations() {
        for kind in ["request", "response"] {
            let path = samples_dir().join(format!("{op}.{kind}.xml"));
            assert!(path.is_file(), "missing sample {}", path.display());
        }
    }
    assert!(
        files
            .iter()
            .any(|f| f.to_string_lossy().ends_with(".response-error.xml")),
        "no <Op>.response-error.xml sample"
    );
}

/// `<Op>.request.xml` carries `<Op>`, `<Op>.response*.xml` carries `<Op>Response`.
fn check_wrapper_name(stem: &str, envelope: &str) -> Result<(), String> {
    let (op, kind) = stem
        .split_once('.')
        .ok_or_else(|| format!("{stem}: sample names are <Op>.<kind>.xml"))?;
    let want = if kind == "request" {
        op.to_owned()
    } else {
        format!("{op}Response")
    };
    let body = extract_element(envelope, &["Envelope", "Body", "*"])?;
    let root = Element::parse(body.as_bytes()).map_err(|e| format!("{stem}: {e}"))?;
    if root.name != want || root.namespace.as_deref() != Some(TNS) {
        return Err(format!(
            "{stem}: body element is {{{}}}{}, expected {{{TNS}}}{want}",
            root.namespace.as_deref().unwrap_or(""),
            root.name
        ));
    }
    Ok(())
}

/// The validation above can fail: a sample with a required element removed, or with a
/// value of the wrong type, is rejected, and xmllint names the element.
#[test]
fn broken_samples_are_rejected() {
    require_xmllint();
    let dir = scratch_dir("negative");
    let schema = write_schema(&dir);
    let cases = [
        // Required element removed from a request.
        (
            "OrderOS.request",
            "        <PickupPassword>Pickup#2024pw</PickupPassword>\n",
            "",
            "PickupPassword",
        ),
        // Required element removed deep inside a query response.
        (
            "GetOrders.response",
            "            <RequestDate>2024-11-20T10:02:11.412+09:00</RequestDate>\n",
            "",
            "RequestDate",
        ),
        // xs:int given a word.
        (
            "OrderPS1.request",
            "<Year>1</Year>",
            "<Year>one</Year>",
            "Year",
        ),
    ];
    for (stem, remove, insert, named) in cases {
        let path = samples_dir().join(format!("{stem}.xml"));
        let original = read(&path);
        assert!(
            original.contains(remove),
            "{stem}: the text to edit is no longer in the sample: {remove:?}"
        );
        validate_body(&schema, &dir, stem, &original)
            .unwrap_or_else(|out| panic!("the unedited sample must be valid: {out}"));
        let broken = original.replacen(remove, insert, 1);
        match validate_body(&schema, &dir, &format!("{stem}.broken"), &broken) {
            Ok(()) => panic!("{stem} without {named} validated; the schema check cannot fail"),
            Err(out) => assert!(
                out.contains(named),
                "{stem}: xmllint rejected the edit but did not name {named}:\n{out}"
            ),
        }
    }
}

// ---------------------------------------------------------------------------------------
// The WSDL's structure, walked with xmltree
// ---------------------------------------------------------------------------------------

struct Wsdl {
    root: Element,
}

impl Wsdl {
    fn load() -> Wsdl {
        let text = read(&wsdl_path());
        let root = Element::parse(text.as_bytes())
            .unwrap_or_else(|e| panic!("{}: not well-formed: {e}", wsdl_path().display()));
        assert_eq!(root.name, "definitions");
        assert_eq!(root.namespace.as_deref(), Some(WSDL_NS));
        Wsdl { root }
    }

    fn children<'a>(&'a self, ns: &'a str, name: &'a str) -> impl Iterator<Item = &'a Element> {
        children(&self.root, ns, name)
    }

    fn schema(&self) -> &Element {
        let types: Vec<&Element> = self.children(WSDL_NS, "types").collect();
        assert_eq!(types.len(), 1, "one wsdl:types");
        let schemas: Vec<&Element> = children(types[0], XS_NS, "schema").collect();
        assert_eq!(
            schemas.len(),
            1,
            "one inline xs:schema, as GlobalSign's CXF serves it"
        );
        schemas[0]
    }

    fn named<'a>(&'a self, ns: &'a str, kind: &'a str, name: &str) -> &'a Element {
        let found: Vec<&Element> = self
            .children(ns, kind)
            .filter(|e| attr(e, "name") == Some(name))
            .collect();
        assert_eq!(found.len(), 1, "exactly one {kind} named {name}");
        found[0]
    }
}

fn children<'a>(
    parent: &'a Element,
    ns: &'a str,
    name: &'a str,
) -> impl Iterator<Item = &'a Element> {
    parent.children.iter().filter_map(move |node| match node {
        XMLNode::Element(e) if e.name == name && e.namespace.as_deref() == Some(ns) => Some(e),
        _ => None,
    })
}

fn attr<'a>(element: &'a Element, name: &str) -> Option<&'a str> {
    element.attributes.get(name).map(String::as_str)
}

/// Resolves a QName-valued attribute to (namespace, local name) in the element's scope.
fn qname(element: &Element, value: &str) -> (String, String) {
    let (prefix, local) = value.split_once(':').unwrap_or(("", value));
    let ns = element
        .namespaces
        .as_ref()
        .and_then(|scope| scope.get(prefix))
        .unwrap_or_else(|| panic!("prefix {prefix:?} of {value:?} is not declared"));
    (ns.to_owned(), local.to_owned())
}

fn expect_tns(element: &Element, attribute: &str, local: &str) {
    let value = attr(element, attribute)
        .unwrap_or_else(|| panic!("<{}> has no {attribute} attribute", element.name));
    assert_eq!(
        qname(element, value),
        (TNS.to_owned(), local.to_owned()),
        "<{} {attribute}={value:?}>",
        element.name
    );
}

#[test]
fn every_operation_has_wrappers_messages_port_type_and_binding() {
    let wsdl = Wsdl::load();
    assert_eq!(attr(&wsdl.root, "targetNamespace"), Some(TNS));
    let schema = wsdl.schema();
    assert_eq!(attr(schema, "targetNamespace"), Some(TNS));
    assert_eq!(attr(schema, "elementFormDefault"), Some("unqualified"));

    let port_types: Vec<&Element> = wsdl.children(WSDL_NS, "portType").collect();
    assert_eq!(port_types.len(), 1);
    let port_type = port_types[0];
    assert_eq!(attr(port_type, "name"), Some("GasOrderService"));
    let binding = wsdl.named(WSDL_NS, "binding", "GasOrderServiceSoapBinding");
    expect_tns(binding, "type", "GasOrderService");
    let soap_binding: Vec<&Element> = children(binding, WSDL_SOAP_NS, "binding").collect();
    assert_eq!(soap_binding.len(), 1, "one soap:binding (SOAP 1.1)");
    assert_eq!(attr(soap_binding[0], "style"), Some("document"));
    assert_eq!(attr(soap_binding[0], "transport"), Some(SOAP_HTTP));

    let port_type_ops: Vec<&str> = children(port_type, WSDL_NS, "operation")
        .filter_map(|op| attr(op, "name"))
        .collect();
    let binding_ops: Vec<&str> = children(binding, WSDL_NS, "operation")
        .filter_map(|op| attr(op, "name"))
        .collect();
    assert_eq!(
        port_type_ops,
        operations(),
        "portType operations, in spec order"
    );
    assert_eq!(
        binding_ops,
        operations(),
        "binding operations, in spec order"
    );
    assert_eq!(
        wsdl.children(WSDL_NS, "message").count(),
        2 * LEAF_COUNTS.len()
    );

    for op in operations() {
        let response = format!("{op}Response");
        // Global wrapper elements and their types: <Op> holds Request, <Op>Response holds Response.
        for (wrapper, child, inner) in [
            (op.to_owned(), "Request", format!("PcV2{op}Request")),
            (response.clone(), "Response", format!("PcV2{op}Response")),
        ] {
            let element = named_in(schema, "element", &wrapper);
            expect_tns(element, "type", &wrapper);
            let wrapper_type = named_in(schema, "complexType", &wrapper);
            let fields = sequence_elements(wrapper_type);
            assert_eq!(fields.len(), 1, "{wrapper} wraps exactly one element");
            assert_eq!(attr(fields[0], "name"), Some(child), "{wrapper}");
            expect_tns(fields[0], "type", &inner);
            named_in(schema, "complexType", &inner);

            // The message of the same name has one part, `parameters`, with that element.
            let message = wsdl.named(WSDL_NS, "message", &wrapper);
            let parts: Vec<&Element> = children(message, WSDL_NS, "part").collect();
            assert_eq!(parts.len(), 1, "message {wrapper}");
            assert_eq!(attr(parts[0], "name"), Some("parameters"));
            expect_tns(parts[0], "element", &wrapper);
        }

        let pt_op = named_child(port_type, WSDL_NS, "operation", op);
        let input = only_child(pt_op, WSDL_NS, "input");
        let output = only_child(pt_op, WSDL_NS, "output");
        expect_tns(input, "message", op);
        expect_tns(output, "message", &response);
        assert_eq!(
            children(pt_op, WSDL_NS, "fault").count(),
            0,
            "{op}: no faults"
        );

        let b_op = named_child(binding, WSDL_NS, "operation", op);
        let soap_op = only_child(b_op, WSDL_SOAP_NS, "operation");
        assert_eq!(attr(soap_op, "soapAction"), Some(""), "{op}: soapAction");
        assert_eq!(attr(soap_op, "style").unwrap_or("document"), "document");
        for direction in ["input", "output"] {
            let io = only_child(b_op, WSDL_NS, direction);
            let body = only_child(io, WSDL_SOAP_NS, "body");
            assert_eq!(attr(body, "use"), Some("literal"), "{op} {direction}");
        }
        assert_eq!(
            children(b_op, WSDL_NS, "fault").count(),
            0,
            "{op}: no faults"
        );
    }

    let service = wsdl.named(WSDL_NS, "service", "GasOrderService");
    let port = named_child(service, WSDL_NS, "port", "GasOrderServicePort");
    expect_tns(port, "binding", "GasOrderServiceSoapBinding");
    let address = only_child(port, WSDL_SOAP_NS, "address");
    assert_eq!(attr(address, "location"), Some(ENDPOINT));
}

fn named_in<'a>(schema: &'a Element, kind: &'a str, name: &str) -> &'a Element {
    let found: Vec<&Element> = children(schema, XS_NS, kind)
        .filter(|e| attr(e, "name") == Some(name))
        .collect();
    assert_eq!(found.len(), 1, "exactly one xs:{kind} named {name}");
    found[0]
}

fn named_child<'a>(parent: &'a Element, ns: &'a str, kind: &'a str, name: &str) -> &'a Element {
    let found: Vec<&Element> = children(parent, ns, kind)
        .filter(|e| attr(e, "name") == Some(name))
        .collect();
    assert_eq!(
        found.len(),
        1,
        "exactly one {kind} named {name} in <{}>",
        parent.name
    );
    found[0]
}

fn only_child<'a>(parent: &'a Element, ns: &'a str, name: &'a str) -> &'a Element {
    let found: Vec<&Element> = children(parent, ns, name).collect();
    assert_eq!(found.len(), 1, "exactly one <{name}> in <{}>", parent.name);
    found[0]
}

/// The element declarations of a complexType. The schema is authored in GlobalSign's CXF
/// style (one xs:sequence of xs:element with a `type`), so anything else is an error here.
fn sequence_elements(complex_type: &Element) -> Vec<&Element> {
    let name = attr(complex_type, "name").unwrap_or("(anonymous)");
    let mut content = complex_type
        .children
        .iter()
        .filter_map(XMLNode::as_element)
        .filter(|e| e.name != "annotation");
    let sequence = match (content.next(), content.next()) {
        (Some(seq), None) if seq.name == "sequence" => seq,
        (None, None) => return Vec::new(),
        _ => panic!("complexType {name}: expected a single xs:sequence"),
    };
    sequence
        .children
        .iter()
        .filter_map(XMLNode::as_element)
        .inspect(|e| {
            assert!(
                e.name == "element" && attr(e, "type").is_some(),
                "complexType {name}: only typed xs:element particles are expected, found <{}>",
                e.name
            );
        })
        .collect()
}

/// Simple-typed element declarations reachable from complexType `type_name`.
fn count_leaves(schema: &Element, type_name: &str, depth: usize) -> usize {
    assert!(
        depth < 20,
        "type nesting deeper than 20 at {type_name} (a cycle?)"
    );
    let complex_type = named_in(schema, "complexType", type_name);
    sequence_elements(complex_type)
        .into_iter()
        .map(|element| {
            let value = attr(element, "type").unwrap_or_default();
            let (ns, local) = qname(element, value);
            if ns == XS_NS {
                1
            } else {
                assert_eq!(ns, TNS, "type {value} of {type_name}");
                count_leaves(schema, &local, depth + 1)
            }
        })
        .sum()
}

#[test]
fn leaf_counts_match_the_spec_outlines() {
    let wsdl = Wsdl::load();
    let schema = wsdl.schema();
    let mut mismatches = Vec::new();
    for (op, request, response) in LEAF_COUNTS {
        let got_request = count_leaves(schema, &format!("PcV2{op}Request"), 0);
        let got_response = count_leaves(schema, &format!("PcV2{op}Response"), 0);
        if (got_request, got_response) != (request, response) {
            mismatches.push(format!(
                "{op}: WSDL has {got_request}/{got_response} leaves, the spec outline {request}/{response}"
            ));
        }
    }
    assert!(mismatches.is_empty(), "{}", mismatches.join("\n"));
}

/// The extraction helper keeps the meaning of what it copies: prefixes declared on the
/// envelope reach the body element, and attributes such as `xsi:nil` survive untouched.
#[test]
fn extracted_body_keeps_inherited_namespaces_and_attributes() {
    let envelope = "<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\" \
                    xmlns:ws=\"urn:x\"><s:Body><ws:Op><A xmlns:xsi=\"urn:xsi\" xsi:nil=\"true\"/>\
                    </ws:Op></s:Body></s:Envelope>";
    let body =
        extract_element(envelope, &["Envelope", "Body", "*"]).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        body,
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ws:Op \
         xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\" xmlns:ws=\"urn:x\">\
         <A xmlns:xsi=\"urn:xsi\" xsi:nil=\"true\"/></ws:Op>\n"
    );
    assert!(extract_element(envelope, &["Envelope", "Header", "*"]).is_err());
}
