//! The benchmark inputs are what they claim to be: valid against the WSDL's schema
//! (checked by xmllint, which knows nothing of our code), every optional part present,
//! and read the same by every path the benchmarks compare.

use std::path::{Path, PathBuf};
use std::process::Command;

use gas_benches::fixtures::{
    bytes_per_order, get_order_by_order_id_response, get_orders_response,
    get_orders_response_of_size, order_osev_request,
};
use gas_benches::{hand, raw};

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn scratch(test: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("gas-benches-{}-{test}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    dir
}

/// The inline `xs:schema` of `wsdl/GasOrderService.wsdl` (it declares its own prefixes).
fn schema_text() -> String {
    let path = repo_root().join("wsdl/GasOrderService.wsdl");
    let wsdl = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let start = wsdl.find("<xs:schema").expect("the WSDL has an xs:schema");
    let end = wsdl
        .find("</xs:schema>")
        .expect("the WSDL closes its xs:schema")
        + "</xs:schema>".len();
    wsdl[start..end].to_owned()
}

/// The body's child element of a compact `soap:Envelope` written by the fixtures.
fn body_child(envelope: &[u8]) -> String {
    let text = std::str::from_utf8(envelope).expect("fixtures are UTF-8");
    let start = text.find("<soap:Body>").expect("a soap:Body") + "<soap:Body>".len();
    let end = text.rfind("</soap:Body>").expect("a closed soap:Body");
    text[start..end].to_owned()
}

fn xmllint_validate(test: &str, body: &str) {
    let dir = scratch(test);
    let schema = dir.join("GasOrderService.xsd");
    std::fs::write(&schema, schema_text()).expect("write schema");
    let doc = dir.join("body.xml");
    std::fs::write(&doc, body).expect("write body");
    let out = Command::new("xmllint")
        .arg("--noout")
        .arg("--schema")
        .arg(&schema)
        .arg(&doc)
        .output()
        .unwrap_or_else(|e| {
            panic!("cannot run xmllint ({e}); install it: apt-get install libxml2-utils")
        });
    let _ = std::fs::remove_dir_all(&dir);
    assert!(
        out.status.success(),
        "{test}: xmllint rejects the fixture:\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn get_orders_response_is_valid_against_the_wsdl_schema() {
    xmllint_validate("get-orders", &body_child(&get_orders_response(12)));
}

#[test]
fn get_order_by_order_id_response_is_valid_against_the_wsdl_schema() {
    xmllint_validate("get-order", &body_child(&get_order_by_order_id_response(3)));
}

#[test]
fn order_osev_request_is_valid_against_the_wsdl_schema() {
    xmllint_validate("order-osev", &body_child(&order_osev_request()));
}

#[test]
fn schema_check_rejects_a_misordered_order() {
    // The validation above can fail: swap two OrderInfo children and xmllint objects.
    let body = body_child(&get_orders_response(1)).replacen(
        "<ProductCode>PS2Pro</ProductCode><OrderKind>renewal</OrderKind>",
        "<OrderKind>renewal</OrderKind><ProductCode>PS2Pro</ProductCode>",
        1,
    );
    assert!(body.contains("<OrderKind>renewal</OrderKind><ProductCode>"));
    let dir = scratch("misordered");
    let schema = dir.join("s.xsd");
    std::fs::write(&schema, schema_text()).expect("write schema");
    let doc = dir.join("b.xml");
    std::fs::write(&doc, body).expect("write body");
    let out = Command::new("xmllint")
        .args(["--noout", "--schema"])
        .arg(&schema)
        .arg(&doc)
        .output()
        .expect("xmllint runs");
    let _ = std::fs::remove_dir_all(&dir);
    assert!(!out.status.success());
}

#[test]
fn every_order_has_every_optional_part() {
    let n = 8;
    let decoded = hand::decode_get_orders(&get_orders_response(n)).expect("serde reads it");
    let result = decoded.response.expect("Response");
    assert_eq!(result.header.success_code, 0);
    assert_eq!(result.orders.len(), n);
    for (i, order) in result.orders.iter().enumerate() {
        let info = order.order_info.as_ref().expect("OrderInfo");
        assert!(
            info.order_id.ends_with(&format!("{i:07}")),
            "{}",
            info.order_id
        );
        let revoked = i % 4 == 3;
        assert_eq!(info.order_canceled_date.is_some(), revoked, "order {i}");
        assert_eq!(info.revoke_request_date.is_some(), revoked, "order {i}");
        assert!(info.validity_period.not_after.is_some());
        assert!(
            order
                .order_sub_info
                .as_ref()
                .and_then(|s| s.sub_id.as_ref())
                .is_some()
        );
        let option = order.order_option.as_ref().expect("OrderOption");
        assert!(option.requestor_info.is_some());
        assert!(option.approver_info.is_some());
        assert!(option.authorized_signer_info.is_some());
        assert!(option.jurisdiction_info.is_some());
        assert!(option.subscriber.first_name_native.is_some());
        let cert = order.certificate_info.as_ref().expect("CertificateInfo");
        assert!(cert.dn_serial_number.is_some());
        let fulfillment = order.fulfillment.as_ref().expect("Fulfillment");
        let cas = fulfillment
            .ca_certificates
            .as_ref()
            .expect("CACertificates");
        assert_eq!(cas.ca_certificate.len(), 2);
        let leaf = fulfillment.pc_certificate.as_ref().expect("PcCertificate");
        // CXF writes Java's CR LF line ends as `&#xD;` + LF.
        assert!(
            leaf.x509_cert
                .starts_with("-----BEGIN CERTIFICATE-----\r\n")
        );
        assert!(leaf.x509_cert.ends_with("-----END CERTIFICATE-----\r\n"));
        assert!(leaf.pkcs7_cert.starts_with("-----BEGIN PKCS7-----\n"));
        let events = order
            .modification_events
            .as_ref()
            .expect("ModificationEvents");
        assert_eq!(events.modification_event.len(), if revoked { 3 } else { 2 });
    }
    // Escaped text comes back unescaped.
    let o1 = result.orders[1].order_option.as_ref().expect("OrderOption");
    assert_eq!(
        o1.organization_info.organization_name,
        "Smith & Jones Holdings Ltd"
    );
}

#[test]
fn orders_differ_from_each_other() {
    let decoded = hand::decode_get_orders(&get_orders_response(6)).expect("serde reads it");
    let orders = decoded.response.expect("Response").orders;
    let leaves: Vec<&str> = orders
        .iter()
        .filter_map(|o| o.fulfillment.as_ref()?.pc_certificate.as_ref())
        .map(|c| c.x509_cert.as_str())
        .collect();
    assert_eq!(leaves.len(), 6);
    for (i, a) in leaves.iter().enumerate() {
        for b in &leaves[i + 1..] {
            assert_ne!(a, b, "two orders carry the same certificate");
        }
    }
}

#[test]
fn fixtures_are_deterministic() {
    assert_eq!(get_orders_response(5), get_orders_response(5));
    assert_eq!(order_osev_request(), order_osev_request());
}

#[test]
fn sized_response_is_at_least_the_size_asked_for() {
    let want = 2 * 1024 * 1024;
    let bytes = get_orders_response_of_size(want);
    assert!(bytes.len() >= want, "{} < {want}", bytes.len());
    assert!(bytes.len() < want + 2 * bytes_per_order() + 4096);
}

#[test]
fn raw_scan_touches_every_element() {
    let bytes = get_orders_response(4);
    let stats = raw::scan(&bytes).expect("well-formed");
    let text = std::str::from_utf8(&bytes).expect("UTF-8");
    let tags = text.matches('<').count() - text.matches("</").count();
    assert_eq!(stats.elements, tags);
    // Every nil element declares xsi and sets xsi:nil; envelope and body wrapper declare
    // one namespace each.
    let nils = text.matches("xsi:nil=\"true\"").count();
    assert_eq!(stats.attributes, 2 * nils + 2);
    assert!(stats.text_bytes > 4 * 6_000, "{stats:?}");
}

#[test]
fn raw_scan_rejects_broken_input() {
    let mut bytes = get_orders_response(1);
    let cut = bytes.len() - 20;
    bytes.truncate(cut);
    bytes.extend_from_slice(b"</Wrong></soap:Envelope>");
    assert!(raw::scan(&bytes).is_err());
}

#[test]
fn raw_writer_writes_the_fixture_back() {
    let fixture = order_osev_request();
    let order = hand::decode_order_osev(&fixture).expect("serde reads the request");
    let written = raw::write_order_osev(&order).expect("writes");
    assert_eq!(
        String::from_utf8_lossy(&written),
        String::from_utf8_lossy(&fixture)
    );
}
