//! Each of the 14 operations end to end over loopback HTTP, with the spec's own sample
//! messages (`wsdl/samples/`):
//! - the sample request, decoded into the generated type and passed to the client's
//!   method, goes out with the client's credentials and validates with
//!   `xmllint --schema` against the schema inside `wsdl/GasOrderService.wsdl`;
//! - the sample response (SuccessCode 1, with warnings) decodes to `Ok` with warnings;
//! - the sample error response, where there is one, decodes to `Error::Api`.

mod support;

use std::path::{Path, PathBuf};
use std::process::Command;

use gas_client::types;
use gas_client::{Error, GasClient, Limits};
use soap_runtime::BodyElement;
use support::server::{Action, Recorded, ScriptedServer};
use support::{PASSWORD_MARKER, bounded, client};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_default()
}

fn sample(name: &str) -> String {
    let path = repo().join("wsdl/samples").join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The body of a sample request, decoded into the generated wrapper type.
fn sample_request<T: BodyElement>(op: &str) -> T {
    let xml = sample(&format!("{op}.request.xml"));
    soap_runtime::envelope::decode_request::<T>(xml.as_bytes(), &Limits::default())
        .unwrap_or_else(|e| panic!("{op}.request.xml does not decode: {e}"))
}

/// The inline schema of the WSDL, written once per test into a scratch file.
fn schema_file(test: &str) -> PathBuf {
    let wsdl = std::fs::read_to_string(repo().join("wsdl/GasOrderService.wsdl"))
        .expect("wsdl/GasOrderService.wsdl is readable");
    let start = wsdl.find("<xs:schema").expect("the WSDL has an xs:schema");
    let end = wsdl.find("</xs:schema>").expect("the xs:schema ends") + "</xs:schema>".len();
    let dir = std::env::temp_dir().join(format!("gas-client-ops-{}-{test}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("scratch dir");
    let path = dir.join("GasOrderService.xsd");
    std::fs::write(&path, &wsdl[start..end]).expect("schema written");
    path
}

/// Validates the SOAP body child of a request the client sent, with xmllint.
fn assert_valid_against_wsdl(test: &str, sent: &Recorded) {
    let body = sent.body_text();
    let start = body.find("<soap:Body>").expect("a soap:Body") + "<soap:Body>".len();
    let end = body.rfind("</soap:Body>").expect("the soap:Body ends");
    let schema = schema_file(test);
    let document = schema.with_file_name("body.xml");
    std::fs::write(&document, &body[start..end]).expect("body written");
    let out = Command::new("xmllint")
        .arg("--noout")
        .arg("--schema")
        .arg(&schema)
        .arg(&document)
        .output()
        .expect("xmllint runs (apt-get install libxml2-utils)");
    assert!(
        out.status.success(),
        "{test}: the request the client sent does not validate:\n{}{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr),
        &body[start..end]
    );
    let _ = std::fs::remove_dir_all(schema.parent().unwrap_or(&schema));
}

fn assert_credentials_filled(sent: &Recorded) {
    let body = sent.body_text();
    assert!(
        body.contains(&format!(
            "<AuthToken><UserName>PAR12345_api</UserName><Password>{PASSWORD_MARKER}</Password></AuthToken>"
        )),
        "{body}"
    );
}

/// Runs `$method` with the sample request (after `$fix` makes it pass the cross-field
/// rules the samples deliberately break), against the sample response, then against the
/// sample error response if `$error` names one.
macro_rules! operation_test {
    ($test:ident, $op:literal, $wrapper:ty, $method:ident, |$r:ident| $fix:block, error: $error:expr) => {
        #[tokio::test]
        async fn $test() {
            let wrapper: $wrapper = sample_request($op);
            #[allow(unused_mut)]
            let mut $r = wrapper.request.expect("the sample has a Request");
            $fix
            let error_sample: Option<&str> = $error;
            let mut script = vec![Action::xml(sample(&format!("{}.response.xml", $op)))];
            if let Some(file) = error_sample {
                script.push(Action::xml(sample(file)));
            }
            let server = ScriptedServer::start(script).await;
            let client: GasClient = client(&server.url());

            let response = bounded(client.$method($r.clone())).await.unwrap_or_else(|e| {
                panic!("{}: {e}\n{:?}", $op, e.violations())
            });
            assert!(response.has_warnings(), "{}: the sample answers SuccessCode 1", $op);
            let sent = &server.requests()[0];
            assert_credentials_filled(sent);
            assert_valid_against_wsdl(stringify!($test), sent);

            if error_sample.is_some() {
                let err = bounded(client.$method($r)).await.unwrap_err();
                let Error::Api(errors) = &err else {
                    panic!("{}: expected Error::Api, got {err:?}", $op);
                };
                assert_eq!(errors.len(), 2, "{}", $op);
            }
        }
    };
}

operation_test!(order_os, "OrderOS", types::OrderOS, order_os, |r| {
    r.campaign = None;
    // Not applicable to OrderOS (rule os-pkcs12-not-applicable, ERRATA E61).
    r.pkcs12_option = None;
}, error: Some("OrderOS.response-error.xml"));

operation_test!(order_os_ev, "OrderOSEV", types::OrderOSEV, order_os_ev, |r| {
    r.campaign = None;
}, error: None);

operation_test!(order_ps1, "OrderPS1", types::OrderPS1, order_ps1, |r| {
    r.campaign = None;
}, error: None);

operation_test!(order_ps2, "OrderPS2", types::OrderPS2, order_ps2, |r| {
    r.campaign = None;
}, error: None);

operation_test!(order_ps2_dept, "OrderPS2Dept", types::OrderPS2Dept, order_ps2_dept, |r| {
    r.campaign = None;
}, error: None);

operation_test!(order_ps2_pro, "OrderPS2Pro", types::OrderPS2Pro, order_ps2_pro, |r| {
    r.campaign = None;
}, error: Some("OrderPS2Pro.response-error.xml"));

operation_test!(order_aatl, "OrderAATL", types::OrderAATL, order_aatl, |r| {
    r.campaign = None;
}, error: None);

operation_test!(order_qc, "OrderQC", types::OrderQC, order_qc, |r| {
    // Elements OrderQC reserves for future use, which the sample shows for its shape.
    r.campaign = None;
    r.csr = None;
    r.dn_attributes.dn_extensions.clear();
    r.qc_statements.clear();
}, error: None);

operation_test!(reissue, "ReIssue", types::ReIssue, reissue, |r| {}, error: None);

operation_test!(modify_order, "ModifyOrder", types::ModifyOrder, modify_order, |r| {},
    error: Some("ModifyOrder.response-error.xml"));

operation_test!(resend_email, "ResendEmail", types::ResendEmail, resend_email, |r| {}, error: None);

operation_test!(get_order_by_order_id, "GetOrderByOrderID", types::GetOrderByOrderID,
    get_order_by_order_id, |r| {}, error: Some("GetOrderByOrderID.response-error.xml"));

operation_test!(get_modified_orders, "GetModifiedOrders", types::GetModifiedOrders,
    get_modified_orders, |r| {}, error: None);

operation_test!(get_orders, "GetOrders", types::GetOrders, get_orders, |r| {},
    error: Some("GetOrders.response-error.xml"));

#[tokio::test]
async fn query_results_read_as_typed_values() {
    let server = ScriptedServer::start(vec![Action::xml(sample("GetOrders.response.xml"))]).await;
    let client = client(&server.url());
    let response = bounded(client.get_orders(types::PcV2GetOrdersRequest::by_sub_id("sub-1")))
        .await
        .unwrap();
    assert_eq!(response.order_detail.len(), 2);
    let first = response.order_detail[0]
        .order_info
        .as_ref()
        .expect("OrderInfo");
    assert!(!first.order_id.is_empty());
    let sent = server.requests()[0].body_text();
    assert!(
        sent.contains("<OrderQueryOption><SubID>sub-1</SubID></OrderQueryOption>"),
        "{sent}"
    );
}

#[tokio::test]
async fn cancel_and_revoke_send_modify_order() {
    let server = ScriptedServer::start(vec![
        Action::xml(sample("ModifyOrder.response.xml")),
        Action::xml(sample("ModifyOrder.response.xml")),
    ])
    .await;
    let client = client(&server.url());
    bounded(client.cancel("CO2024000001")).await.unwrap();
    bounded(client.revoke("CO2024000001")).await.unwrap();
    let requests = server.requests();
    assert!(requests[0].body_text().contains(
        "<OrderID>CO2024000001</OrderID><ModifyOrderOperation>CANCEL</ModifyOrderOperation>"
    ));
    assert!(
        requests[1]
            .body_text()
            .contains("<ModifyOrderOperation>REVOKE</ModifyOrderOperation>")
    );
}

#[tokio::test]
async fn cross_field_rules_stop_a_request_before_it_is_sent() {
    let server = ScriptedServer::start(vec![]).await;
    let client = client(&server.url());
    let wrapper: types::OrderPS2Pro = sample_request("OrderPS2Pro");
    let mut request = wrapper.request.expect("Request");
    // Both coupon and campaign (-9917), and a CommonName that is not "GivenName SurName".
    request.dn_attributes.common_name = Some("Somebody Else".to_owned());
    let err = bounded(client.order_ps2_pro(request)).await.unwrap_err();
    let violations = err.violations().expect("violations");
    let found: Vec<(&str, &str)> = violations
        .iter()
        .map(|v| (v.path.as_str(), v.code.as_str()))
        .collect();
    assert!(found.contains(&("Coupon", "-9917")), "{found:?}");
    assert!(
        found.contains(&("DnAttributes/CommonName", "-105")),
        "{found:?}"
    );
    assert!(server.requests().is_empty());
}
