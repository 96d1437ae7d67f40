//! Issue 19, mixed content: the code generated from the corpus's GS1 EPCIS query WSDL reads
//! a `poll` answer carrying master data, whose `attribute` elements are `AttributeType`
//! (`complexContent mixed="true"` extending `xs:anyType`, EPCglobal-epcis-1_2.xsd line 121):
//! an attribute with a text value, and one whose value is an XML element with indentation
//! around it. The text (whitespace included) is read with its place among the element's
//! children, the element kept as XML, and the answer written back is the same bytes.

mod support;

use support::{app_crate, cargo_run, root, soapgen};

const APP_MAIN: &str = r##"
use epcis::soap_runtime::{Envelope, Limits, SoapVersion, envelope};
use epcis::types::*;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = std::path::PathBuf::from(std::env::args().nth(1).ok_or("no directory")?);
    let answer = std::fs::read(dir.join("answer.xml"))?;
    let Envelope::Body(results) =
        envelope::decode_response::<QueryResults>(&answer, &Limits::default())?
    else {
        return Err("a fault".into());
    };
    let QueryResultsBodyChoice::VocabularyList(list) = &results.results_body.choice else {
        return Err(format!("not a vocabulary list: {:?}", results.results_body).into());
    };
    let vocabulary = list.vocabulary.first().ok_or("no vocabulary")?;
    let element = vocabulary.vocabulary_element_list.first().ok_or("no element")?;
    println!("element {}", element.id);
    for a in &element.attribute {
        let runs: Vec<String> = a
            .text
            .runs()
            .iter()
            .map(|r| format!("{}:{:?}", r.before, r.text))
            .collect();
        let any: Vec<&str> = a.any.iter().map(|x| x.as_str()).collect();
        println!("attribute {} text=[{}] any={:?}", a.id, runs.join(","), any);
    }
    let again = envelope::encode_response(&results, SoapVersion::Soap11)?;
    std::fs::write(dir.join("again.xml"), again)?;
    Ok(())
}
"##;

/// A master-data answer in the shape of EPCIS 1.2's examples (written as the generated
/// writer writes, so the bytes can be compared): a read point with a name, a latitude
/// and an address given as XML, indented.
const ANSWER: &str = "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body>\
<ns1:QueryResults xmlns:ns1=\"urn:epcglobal:epcis-query:xsd:1\"><queryName>SimpleMasterDataQuery</queryName>\
<resultsBody><VocabularyList><Vocabulary type=\"urn:epcglobal:epcis:vtype:ReadPoint\"><VocabularyElementList>\
<VocabularyElement id=\"urn:epc:id:sgln:0614141.07346.1234\">\
<attribute id=\"urn:epcglobal:cbv:mda#name\">Dock door 4</attribute>\
<attribute id=\"urn:epcglobal:fmcg:mda:latitude\">+18.0429</attribute>\
<attribute id=\"urn:example:mda#address\">\n    <ex:Address xmlns:ex=\"urn:example:address\"><ex:Street>100 Main St</ex:Street><ex:City>Springfield</ex:City></ex:Address>\n  </attribute>\
</VocabularyElement></VocabularyElementList></Vocabulary></VocabularyList></resultsBody>\
</ns1:QueryResults></soap:Body></soap:Envelope>";

#[test]
fn epcis_master_data_attributes_keep_their_mixed_content() {
    let wsdl = root().join("../shared/wsdl-corpus/gs1-epcis-query/EPCglobal-epcis-query-1_2.wsdl");
    let dir = tempfile::tempdir().expect("temp dir");
    soapgen(&[
        wsdl.as_os_str(),
        "--out".as_ref(),
        dir.path().join("epcis").as_os_str(),
        "--crate-name".as_ref(),
        "epcis".as_ref(),
        "--no-client".as_ref(),
    ]);
    let app = app_crate(
        dir.path(),
        "epcis-mixed",
        "epcis = { path = \"../epcis\" }",
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
        "the app failed:\n{stdout}\n{stderr}"
    );
    assert_eq!(
        stdout.lines().collect::<Vec<_>>(),
        [
            "element urn:epc:id:sgln:0614141.07346.1234",
            "attribute urn:epcglobal:cbv:mda#name text=[0:\"Dock door 4\"] any=[]",
            "attribute urn:epcglobal:fmcg:mda:latitude text=[0:\"+18.0429\"] any=[]",
            "attribute urn:example:mda#address text=[0:\"\\n    \",1:\"\\n  \"] \
             any=[\"<ex:Address xmlns:ex=\\\"urn:example:address\\\"><ex:Street>100 Main St</ex:Street><ex:City>Springfield</ex:City></ex:Address>\"]",
        ],
        "{stderr}"
    );
    let again = std::fs::read_to_string(work.join("again.xml")).expect("again.xml");
    assert_eq!(again, ANSWER, "written back differently");
}
