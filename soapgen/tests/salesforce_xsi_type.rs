//! Issue 19, `xsi:type`: the code generated from the corpus's Salesforce partner WSDL
//! reads a `describeLayout` answer whose `layoutComponents` carry
//! `xsi:type="FieldLayoutComponent"` and `xsi:type="CustomLinkComponent"` (unprefixed, in
//! the default namespace, as Salesforce writes them) into those derived types with every
//! field, and writes a `process` request whose action is a `ProcessSubmitRequest` with its
//! `xsi:type`; that request validates with xmllint against the WSDL's own schemas (taken
//! out of `<types>` as they are, with the namespace declarations the WSDL root gives them
//! and the locations of their mutual imports), and fails to without the `xsi:type`.

mod support;

use std::path::Path;

use support::{app_crate, cargo_run, read, root, soap11_envelope_xsd, soapgen, xmllint};

const APP_MAIN: &str = r##"
use sf::soap_runtime::{Envelope, Limits, SoapVersion, envelope};
use sf::types::*;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = std::path::PathBuf::from(std::env::args().nth(1).ok_or("no directory")?);
    let answer = std::fs::read(dir.join("answer.xml"))?;
    let Envelope::Body(response) =
        envelope::decode_response::<DescribeLayoutResponse>(&answer, &Limits::default())?
    else {
        return Err("a fault".into());
    };
    let result = response.result.clone().ok_or("no result")?;
    let item = &result.layouts[0].detail_layout_sections[0].layout_rows[0].layout_items[0];
    let [
        DescribeLayoutComponentOrDerived::FieldLayoutComponent(field),
        DescribeLayoutComponentOrDerived::CustomLinkComponent(link),
    ] = item.layout_components.as_slice()
    else {
        return Err(format!("not the two derived types: {:?}", item.layout_components).into());
    };
    println!(
        "FieldLayoutComponent displayLines={} tabOrder={} type={} value={:?} fieldType={} components={}",
        field.display_lines,
        field.tab_order,
        field.type_.as_str(),
        field.value,
        field.field_type.as_str(),
        field
            .components
            .iter()
            .map(|c| match c {
                DescribeLayoutComponentOrDerived::DescribeLayoutComponent(c) =>
                    format!("base:{}", c.value.as_deref().unwrap_or("")),
                other => format!("{other:?}"),
            })
            .collect::<Vec<_>>()
            .join(",")
    );
    let button = &link.custom_link;
    println!(
        "CustomLinkComponent displayLines={} tabOrder={} type={} value={:?} customLink: behavior={:?} custom={} label={:?} name={:?} overridden={} url={:?} height={:?}",
        link.display_lines,
        link.tab_order,
        link.type_.as_str(),
        link.value,
        button.behavior.as_ref().map(|b| b.as_str()),
        button.custom,
        button.label,
        button.name,
        button.overridden,
        button.url,
        button.height,
    );
    // Written back, each keeps its xsi:type.
    let again = envelope::encode_response(
        &DescribeLayoutResponse { result: Some(result) },
        SoapVersion::Soap11,
    )?;
    std::fs::write(dir.join("again.xml"), again)?;

    let mut submit = ProcessSubmitRequest::default();
    submit.comments = Some("Please approve the discount".to_owned());
    submit.next_approver_ids = vec!["005000000000001AAA".into()];
    submit.object_id = "006000000000001AAA".into();
    submit.submitter_id = None;
    submit.process_definition_name_or_id = Some("Discount_Approval".to_owned());
    submit.skip_entry_criteria = Some(false);
    let request = Process {
        actions: vec![ProcessRequestOrDerived::ProcessSubmitRequest(Box::new(submit.clone()))],
    };
    let bytes = envelope::encode_request(&request, SoapVersion::Soap11)?;
    let back: Process = envelope::decode_request(&bytes, &Limits::default())?;
    if back != request {
        return Err(format!("process does not read back: {back:?}").into());
    }
    std::fs::write(dir.join("process.xml"), bytes)?;
    Ok(())
}
"##;

/// An answer as Salesforce writes it (the `xsi:type` values unprefixed, in the default
/// namespace), cut down to the path to one layout item.
const ANSWER: &str = r#"<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns="urn:partner.soap.sforce.com" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><soapenv:Body><describeLayoutResponse><result><layouts><detailLayoutSections><collapsed>false</collapsed><columns>2</columns><heading>Account Information</heading><layoutRows><layoutItems><editableForNew>true</editableForNew><editableForUpdate>true</editableForUpdate><label>Account Name</label><layoutComponents xsi:type="FieldLayoutComponent"><displayLines>1</displayLines><tabOrder>1</tabOrder><type>Field</type><value>Name</value><components><displayLines>1</displayLines><tabOrder>2</tabOrder><type>Field</type><value>Site</value></components><fieldType>string</fieldType></layoutComponents><layoutComponents xsi:type="CustomLinkComponent"><displayLines>1</displayLines><tabOrder>3</tabOrder><type>CustomLink</type><value>Search_Web</value><customLink><behavior>newWindow</behavior><custom>true</custom><height xsi:nil="true"/><label>Search the web</label><menubar xsi:nil="true"/><name>Search_Web</name><overridden>false</overridden><url>https://www.example.com/search?q={!Account.Name}</url></customLink></layoutComponents><placeholder>false</placeholder><required>true</required></layoutItems><numItems>1</numItems></layoutRows><rows>1</rows><tabOrder>LeftRight</tabOrder><useCollapsibleSection>false</useCollapsibleSection><useHeading>true</useHeading></detailLayoutSections><id>00h000000000001AAA</id></layouts><recordTypeSelectorRequired>false</recordTypeSelectorRequired></result></describeLayoutResponse></soapenv:Body></soapenv:Envelope>"#;

/// The WSDL's three schemas as files: the root's namespace declarations added to each,
/// their imports given the files' locations.
fn extract_schemas(wsdl: &str, into: &Path) {
    let files = [
        ("urn:sobject.partner.soap.sforce.com", "sobject.xsd"),
        ("urn:partner.soap.sforce.com", "partner.xsd"),
        ("urn:fault.partner.soap.sforce.com", "fault.xsd"),
    ];
    let declarations = " xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\" xmlns:tns=\"urn:partner.soap.sforce.com\" xmlns:ens=\"urn:sobject.partner.soap.sforce.com\"";
    let mut rest = wsdl;
    let mut found = 0;
    while let Some(start) = rest.find("<schema ") {
        let end = rest[start..].find("</schema>").expect("schema closes") + start + 9;
        let mut schema = rest[start..end].to_owned();
        rest = &rest[end..];
        let head_end = schema.find('>').expect("tag ends");
        let head = schema[..head_end].to_owned();
        let mut extra = declarations.to_owned();
        if !head.contains("xmlns:fns=") {
            extra.push_str(" xmlns:fns=\"urn:fault.partner.soap.sforce.com\"");
        }
        schema.insert_str("<schema".len(), &extra);
        for (ns, file) in files {
            schema = schema.replace(
                &format!("<import namespace=\"{ns}\"/>"),
                &format!("<import namespace=\"{ns}\" schemaLocation=\"{file}\"/>"),
            );
        }
        let target = files
            .iter()
            .find(|(ns, _)| head.contains(&format!("targetNamespace=\"{ns}\"")))
            .expect("a known target namespace");
        std::fs::write(
            into.join(target.1),
            format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n{schema}\n"),
        )
        .expect("write schema");
        found += 1;
    }
    assert_eq!(found, 3, "the partner WSDL has three schemas");
}

#[test]
fn salesforce_derived_types_read_and_write_with_xsi_type() {
    let wsdl = root().join("../shared/wsdl-corpus/salesforce-partner/partner.wsdl");
    let dir = tempfile::tempdir().expect("temp dir");
    let schemas = dir.path().join("schemas");
    std::fs::create_dir_all(&schemas).expect("mkdir");
    extract_schemas(&read(&wsdl), &schemas);
    std::fs::write(
        schemas.join("envelope.xsd"),
        soap11_envelope_xsd(&[("urn:partner.soap.sforce.com", "partner.xsd")]),
    )
    .expect("write");

    soapgen(&[
        wsdl.as_os_str(),
        "--out".as_ref(),
        dir.path().join("sf").as_os_str(),
        "--crate-name".as_ref(),
        "sf".as_ref(),
        "--no-client".as_ref(),
    ]);
    let app = app_crate(
        dir.path(),
        "sf-xsi-type",
        "sf = { path = \"../sf\" }",
        APP_MAIN,
    );
    let work = dir.path().join("work");
    std::fs::create_dir_all(&work).expect("mkdir");
    std::fs::write(work.join("answer.xml"), ANSWER).expect("write answer");
    let output = cargo_run(&app, &[&work]);
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success(),
        "cargo run failed:\n{stderr}\n{stdout}"
    );
    assert_eq!(
        stdout.lines().collect::<Vec<_>>(),
        [
            "FieldLayoutComponent displayLines=1 tabOrder=1 type=Field value=Some(\"Name\") fieldType=string components=base:Site",
            "CustomLinkComponent displayLines=1 tabOrder=3 type=CustomLink value=Some(\"Search_Web\") customLink: behavior=Some(\"newWindow\") custom=true label=Some(\"Search the web\") name=Some(\"Search_Web\") overridden=false url=Some(\"https://www.example.com/search?q={!Account.Name}\") height=None",
        ]
    );

    let again = read(&work.join("again.xml"));
    for t in ["FieldLayoutComponent", "CustomLinkComponent"] {
        assert!(
            again.contains(&format!("xsi:type=\"ns1:{t}\"")),
            "{t} written without its xsi:type:\n{again}"
        );
    }

    let process = work.join("process.xml");
    let sent = read(&process);
    assert!(
        sent.contains("xsi:type=\"ns1:ProcessSubmitRequest\""),
        "{sent}"
    );
    let (ok, report) = xmllint(&schemas.join("envelope.xsd"), &process);
    assert!(
        ok,
        "the process request does not validate:\n{report}\n{sent}"
    );
    // Without its xsi:type the derived content is invalid where the base is declared.
    let untyped = work.join("untyped.xml");
    std::fs::write(
        &untyped,
        sent.replace(" xsi:type=\"ns1:ProcessSubmitRequest\"", ""),
    )
    .expect("write");
    let (ok, report) = xmllint(&schemas.join("envelope.xsd"), &untyped);
    assert!(!ok && report.contains("objectId"), "{report}");
}
