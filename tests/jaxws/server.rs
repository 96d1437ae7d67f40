//! gas-client against the JAX-WS RI server (interop/jaxws/src/gasinterop/): every request
//! passes Java's schema validation (a failing one would be a Client fault), every answer
//! JAXB writes decodes, and every value arrives as the server's Fixtures.java set it —
//! with absent and `xsi:nil` optionals both read as `None`.

use std::sync::OnceLock;
use std::time::Duration;

use gas_client::generated::types as t;
use gas_client::{Credentials, Endpoint, Error, GasClient, RetryPolicy};

use super::java::JavaServer;
use super::{PASSWORD, USER, csr_file, sample, wire};

/// One server for every test in this file; it ends with the test process.
fn server() -> &'static JavaServer {
    static SERVER: OnceLock<JavaServer> = OnceLock::new();
    SERVER.get_or_init(|| JavaServer::start(USER, PASSWORD))
}

fn client(password: &str) -> GasClient {
    GasClient::builder(
        Endpoint::Url(server().url.clone()),
        Credentials::new(USER, password),
    )
    .timeout(Duration::from_secs(60))
    .retry_policy(RetryPolicy {
        initial_backoff: Duration::from_millis(1),
        max_backoff: Duration::from_millis(5),
        order_settle_delay: Duration::ZERO,
        max_order_resends: 0,
        ..RetryPolicy::default()
    })
    .build()
    .expect("client")
}

const TIMESTAMP: &str = "2026-01-15T10:20:30.123+01:00";

fn success() -> t::OrderResponseHeader {
    t::OrderResponseHeader {
        success_code: wire("0"),
        errors: Vec::new(),
        timestamp: TIMESTAMP.to_owned(),
    }
}

fn failure(code: &str, field: Option<&str>, message: &str) -> t::OrderResponseHeader {
    t::OrderResponseHeader {
        success_code: wire("-1"),
        errors: vec![t::Error {
            error_code: code.to_owned(),
            error_field: field.map(str::to_owned),
            error_message: message.to_owned(),
        }],
        timestamp: TIMESTAMP.to_owned(),
    }
}

/// The sample as a valid new order: `new`, no Campaign, no renewal target, the SubID given.
macro_rules! new_order {
    ($wrapper:ident, $operation:literal, $target:ident, $sub_id:expr) => {{
        let mut r = sample::<t::$wrapper>($operation).request.expect("Request");
        r.order_kind = wire("new");
        r.campaign = None;
        r.$target = None;
        r.sub_id = $sub_id;
        r
    }};
}

fn os(sub_id: Option<String>) -> t::PcV2OrderOSRequest {
    let mut r = new_order!(OrderOS, "OrderOS", renewal_target_order_id, sub_id);
    r.pkcs12_option = None;
    r
}

fn ps1(sub_id: Option<String>) -> t::PcV2OrderPS1Request {
    let mut r = new_order!(OrderPS1, "OrderPS1", renewal_target_order_id, sub_id);
    r.pkcs12_option = Some(false);
    r
}

fn query(order_id: &str) -> t::PcV2GetOrderByOrderIDRequest {
    let mut r = sample::<t::GetOrderByOrderID>("GetOrderByOrderID")
        .request
        .expect("Request");
    r.order_id = order_id.to_owned();
    r
}

/// The order responses: `(OrderID, RegistrationURL)` as Fixtures.java answers them.
fn ordered(order_id: &str, registration_url: Option<&str>) -> (Option<String>, Option<String>) {
    (
        Some(order_id.to_owned()),
        registration_url.map(str::to_owned),
    )
}

#[tokio::test]
async fn eight_orders_every_value() {
    let c = client(PASSWORD);
    let url = |id: &str| format!("https://jaxws.invalid/register/{id}");

    // OrderOS: RegistrationURL nil.
    let r = c.order_os(os(Some("jx-os".into()))).await.expect("OrderOS");
    assert!(r.warnings().is_empty());
    let v = r.into_value();
    assert_eq!(v.order_response_header, success());
    assert_eq!(
        (v.order_id, v.registration_url),
        ordered("CEJX0000000101", None)
    );

    // OrderOSEV: RegistrationURL absent.
    let osev = new_order!(OrderOSEV, "OrderOSEV", renewal_target_order_id, None);
    let v = c.order_os_ev(osev).await.expect("OrderOSEV").into_value();
    assert_eq!(v.order_response_header, success());
    assert_eq!(
        (v.order_id, v.registration_url),
        ordered("CEJX0000000102", None)
    );

    let v = c.order_ps1(ps1(None)).await.expect("OrderPS1").into_value();
    assert_eq!(v.order_response_header, success());
    assert_eq!(
        (v.order_id, v.registration_url),
        ordered("CEJX0000000103", Some(&url("CEJX0000000103")))
    );

    // OrderPS2: SuccessCode 1, a warning beside the value.
    let mut ps2 = new_order!(OrderPS2, "OrderPS2", renewal_target_order_id, None);
    ps2.pkcs12_option = Some(false);
    let r = c.order_ps2(ps2).await.expect("OrderPS2");
    let warnings: Vec<(String, Option<String>, String)> = r
        .warnings()
        .iter()
        .map(|w| {
            (
                w.code.as_str().to_owned(),
                w.field.clone(),
                w.message.clone(),
            )
        })
        .collect();
    assert_eq!(
        warnings,
        [(
            "-6102".to_owned(),
            Some("ProductCode".to_owned()),
            "PS2 is discontinued for new orders.".to_owned()
        )]
    );
    let v = r.into_value();
    assert_eq!(
        v.order_response_header,
        t::OrderResponseHeader {
            success_code: wire("1"),
            ..failure(
                "-6102",
                Some("ProductCode"),
                "PS2 is discontinued for new orders."
            )
        }
    );
    assert_eq!(
        (v.order_id, v.registration_url),
        ordered("CEJX0000000104", Some(&url("CEJX0000000104")))
    );

    let mut dept = new_order!(OrderPS2Dept, "OrderPS2Dept", renewal_target_order_id, None);
    dept.pkcs12_option = Some(false);
    let v = c
        .order_ps2_dept(dept)
        .await
        .expect("OrderPS2Dept")
        .into_value();
    assert_eq!(v.order_response_header, success());
    assert_eq!(
        (v.order_id, v.registration_url),
        ordered("CEJX0000000105", Some(&url("CEJX0000000105")))
    );

    let mut pro = new_order!(OrderPS2Pro, "OrderPS2Pro", renewal_target_order_id, None);
    pro.pkcs12_option = Some(false);
    let v = c
        .order_ps2_pro(pro)
        .await
        .expect("OrderPS2Pro")
        .into_value();
    assert_eq!(v.order_response_header, success());
    assert_eq!(
        (v.order_id, v.registration_url),
        ordered("CEJX0000000106", None)
    );

    let mut aatl = new_order!(OrderAATL, "OrderAATL", renewal_target_order_id, None);
    aatl.csr = Some(std::fs::read_to_string(csr_file()).expect("CSR"));
    let v = c.order_aatl(aatl).await.expect("OrderAATL").into_value();
    assert_eq!(v.order_response_header, success());
    assert_eq!(
        (v.order_id, v.registration_url),
        ordered("CEJX0000000107", None)
    );

    let mut qc = new_order!(OrderQC, "OrderQC", renewal_target_order_id, None);
    qc.csr = None;
    qc.dn_attributes.dn_extensions.clear();
    qc.qc_statements.clear();
    let v = c.order_qc(qc).await.expect("OrderQC").into_value();
    assert_eq!(v.order_response_header, success());
    assert_eq!(
        (v.order_id, v.registration_url),
        ordered("CEJX0000000108", Some(&url("CEJX0000000108")))
    );
}

#[tokio::test]
async fn reissue_modify_resend_every_value() {
    let c = client(PASSWORD);
    let mut parameter = t::OrderParameter::new(wire("1"));
    parameter.csr = Some(std::fs::read_to_string(csr_file()).expect("CSR"));
    let v = c
        .reissue(t::PcV2ReIssueRequest::new("CEJX0000000103", parameter))
        .await
        .expect("ReIssue")
        .into_value();
    assert_eq!(
        v,
        t::PcV2ReIssueResponse {
            order_response_header: success(),
            order_id: Some("CEJX0000000109".to_owned()),
        }
    );
    let v = c
        .cancel("CEJX0000000101")
        .await
        .expect("cancel")
        .into_value();
    assert_eq!(
        v,
        t::PcV2ModifyOrderResponse {
            order_response_header: success(),
            order_id: Some("CEJX0000000101".to_owned()),
        }
    );
    let v = c
        .revoke("CEJX0000000103")
        .await
        .expect("revoke")
        .into_value();
    assert_eq!(v.order_id.as_deref(), Some("CEJX0000000103"));
    let v = c
        .resend_email(t::PcV2ResendEmailRequest::new("CEJX0000000104"))
        .await
        .expect("ResendEmail")
        .into_value();
    assert_eq!(
        v,
        t::PcV2ResendEmailResponse {
            order_response_header: success()
        }
    );
}

/// Which optional sections of an `OrderDetail` the query asked for (Fixtures.Sections).
#[derive(Clone, Copy)]
struct Sections {
    order_option: bool,
    certificate_info: bool,
    fulfillment: bool,
    ca_certs: bool,
}

const ALL: Sections = Sections {
    order_option: true,
    certificate_info: true,
    fulfillment: true,
    ca_certs: true,
};
const NONE: Sections = Sections {
    order_option: false,
    certificate_info: false,
    fulfillment: false,
    ca_certs: false,
};

fn pem(label: &str, body: &str) -> String {
    use base64::Engine as _;
    let encoded = base64::engine::general_purpose::STANDARD.encode(body);
    format!("-----BEGIN {label}-----\n{encoded}\n-----END {label}-----\n")
}

fn order_info(order_id: &str) -> t::OrderInfo {
    t::OrderInfo {
        order_id: order_id.to_owned(),
        product_code: wire("PS1"),
        order_kind: wire("new"),
        order_date: Some("2026-01-15T10:20:30.000+01:00".into()),
        order_complete_date: Some("2026-01-15T10:25:00.500+01:00".into()),
        order_canceled_date: None,    // nil
        order_deactivated_date: None, // absent
        order_status: Some(wire("4")),
        price: "120.00".into(),
        currency: "EUR".into(),
        original_order_id_for_re_issue: None, // nil
        request_date: "2026-01-15T10:20:30.000+01:00".into(),
        request_before_date: None, // absent
        request_after_date: None,  // nil
        issue_date: Some("2026-01-15T10:25:00.500+01:00".into()),
        cancel_request_date: None, // absent
        revoke_request_date: None, // nil
        validity_period: t::ValidityPeriod {
            not_before: Some("2026-01-15T10:25:00.000+01:00".into()),
            not_after: None,
        },
    }
}

fn order_option() -> t::OrderOption {
    t::OrderOption {
        organization_info: t::OrganizationInfo {
            organization_name: "Example Widgets GmbH".into(),
            credit_agency: None,
            organization_code: None,
            business_assumed_name: None,
            business_category_code: Some(wire("PO")),
            organization_address: t::OrganizationAddress {
                address_line1: "Hauptstrasse 1".into(),
                address_line2: None,
                address_line3: None,
                city: "Berlin".into(),
                region: "Berlin".into(),
                postal_code: "10115".into(),
                country: "DE".into(),
                phone: "+49 30 1234567".into(),
                fax: Some("+49 30 1234568".into()),
            },
        },
        requestor_info: Some(t::ContactInfo {
            first_name: "Alice".into(),
            last_name: "Example".into(),
            job_title: "PKI lead".into(),
            organization_name: "Example Widgets GmbH".into(),
            department: "IT".into(),
            phone: "+49 30 1234569".into(),
            email: "alice@example.com".into(),
            first_name_native: "Alice".into(),
            last_name_native: "Beispiel".into(),
            job_title_native: "PKI-Leitung".into(),
            organization_name_native: "Beispiel Widgets GmbH".into(),
            department_native: "IT".into(),
        }),
        approver_info: None,
        authorized_signer_info: None,
        jurisdiction_info: None,
        subscriber: t::Subscriber {
            organization_name: "Example Widgets GmbH".into(),
            organization_unit_name: None,
            postal_code: "10115".into(),
            address_line1: "Hauptstrasse 1".into(),
            address_line2: None,
            locality: "Berlin".into(),
            state_or_province: "Berlin".into(),
            credit_research_kind: Some(wire("1")),
            credit_research_number: None,
            country: "DE".into(),
            first_name: "Bob".into(),
            last_name: "Example".into(),
            phone: "+49 30 1234570".into(),
            email: "bob@example.com".into(),
            first_name_native: Some("Bob".into()),
            last_name_native: None,
        },
    }
}

fn certificate_info() -> t::CertificateInfo {
    t::CertificateInfo {
        certificate_status: wire("10"),
        start_date: "2026-01-15T10:25:00.000+01:00".into(),
        end_date: "2027-01-16T10:25:00.000+01:00".into(),
        email: "bob@example.com".into(),
        common_name: "Bob Example".into(),
        organization_unit: "IT".into(),
        organization: "Example Widgets GmbH".into(),
        locality: "Berlin".into(),
        state_or_province: "Berlin".into(),
        country: "DE".into(),
        dn_serial_number: None,
        subject_name:
            "CN=Bob Example,OU=IT,O=Example Widgets GmbH,L=Berlin,ST=Berlin,C=DE,E=bob@example.com"
                .into(),
    }
}

/// Fixtures.detail: an order with the sections asked for.
fn detail(order_id: &str, sub_id: Option<&str>, sections: Sections) -> t::OrderDetail {
    let fulfillment = (sections.fulfillment || sections.ca_certs).then(|| t::Fulfillment {
        ca_certificates: if sections.ca_certs {
            vec![
                t::CACertificate {
                    ca_cert_type: "ROOT".into(),
                    ca_cert: pem("CERTIFICATE", "root"),
                },
                t::CACertificate {
                    ca_cert_type: "INTER".into(),
                    ca_cert: pem("CERTIFICATE", "intermediate"),
                },
            ]
        } else {
            Vec::new()
        },
        pc_certificate: sections.fulfillment.then(|| t::PcCertificate {
            x509_cert: pem("CERTIFICATE", &format!("certificate of {order_id}")),
            pkcs7_cert: pem("PKCS7", &format!("chain of {order_id}")),
        }),
    });
    t::OrderDetail {
        order_info: Some(order_info(order_id)),
        order_sub_info: Some(t::OrderSubInfo {
            p12_delete_date: None,
            sub_id: sub_id.map(str::to_owned),
        }),
        order_option: sections.order_option.then(order_option),
        certificate_info: sections.certificate_info.then(certificate_info),
        fulfillment,
        modification_events: vec![
            t::ModificationEvent {
                modification_event_name: "1,0".into(),
                modification_event_timestamp: "2026-01-15T10:20:30.000+01:00".into(),
            },
            t::ModificationEvent {
                modification_event_name: "4,0".into(),
                modification_event_timestamp: "2026-01-15T10:25:00.500+01:00".into(),
            },
        ],
    }
}

/// Fixtures.bareDetail: OrderInfo, every other section nil.
fn bare_detail(order_id: &str) -> t::OrderDetail {
    t::OrderDetail {
        order_info: Some(order_info(order_id)),
        ..t::OrderDetail::default()
    }
}

#[tokio::test]
async fn three_queries_every_value() {
    let c = client(PASSWORD);

    // GetOrderByOrderID: the sample asks for every section.
    let v = c
        .get_order_by_order_id(query("CEJX0000000103"))
        .await
        .expect("GetOrderByOrderID")
        .into_value();
    assert_eq!(
        v,
        t::PcV2GetOrderByOrderIDResponse {
            order_response_header: success(),
            order_detail: Some(detail("CEJX0000000103", Some("sub-CEJX0000000103"), ALL)),
        }
    );
    // Without query options: no optional section.
    let v = c
        .get_order_by_order_id(t::PcV2GetOrderByOrderIDRequest::new("CEJX0000000105"))
        .await
        .expect("GetOrderByOrderID")
        .into_value();
    assert_eq!(
        v.order_detail,
        Some(detail("CEJX0000000105", Some("sub-CEJX0000000105"), NONE))
    );

    // GetModifiedOrders: the window echoed, one full order and one bare.
    let mut modified = sample::<t::GetModifiedOrders>("GetModifiedOrders")
        .request
        .expect("Request");
    modified.from_date = "2026-01-15T00:00:00.000Z".parse().expect("a date-time");
    modified.to_date = "2026-01-15T23:59:59.999Z".parse().expect("a date-time");
    let v = c
        .get_modified_orders(modified)
        .await
        .expect("GetModifiedOrders")
        .into_value();
    assert_eq!(
        v,
        t::PcV2GetModifiedOrdersResponse {
            order_response_header: success(),
            from_date: Some("2026-01-15T00:00:00.000Z".into()),
            to_date: Some("2026-01-15T23:59:59.999Z".into()),
            order_detail: vec![
                detail("CEJX0000000201", Some("modified-1"), ALL),
                bare_detail("CEJX0000000202"),
            ],
        }
    );

    // GetOrders: three orders, the third without SubID; only the CA certificates asked for.
    let mut filter = t::OrdersQueryOption::default();
    filter.return_ca_certs = Some(true);
    let v = c
        .get_orders(t::PcV2GetOrdersRequest::new(filter))
        .await
        .expect("GetOrders")
        .into_value();
    let ca_only = Sections {
        ca_certs: true,
        ..NONE
    };
    assert_eq!(
        v,
        t::PcV2GetOrdersResponse {
            order_response_header: success(),
            order_detail: vec![
                detail("CEJX0000000301", Some("listed-1"), ca_only),
                bare_detail("CEJX0000000302"),
                detail("CEJX0000000303", None, ca_only),
            ],
        }
    );
    // By SubID: the one order.
    let v = c
        .get_orders(t::PcV2GetOrdersRequest::by_sub_id("jx-sub-7"))
        .await
        .expect("GetOrders")
        .into_value();
    assert_eq!(
        v.order_detail,
        [detail("CEJX0000000110", Some("jx-sub-7"), NONE)]
    );
}

/// The `(code, field)` of each entry of an API error; anything else fails the test.
fn api_codes<T: std::fmt::Debug>(result: Result<T, Error>) -> Vec<(String, Option<String>)> {
    match result {
        Err(Error::Api(errors)) => errors
            .iter()
            .map(|e| (e.code.as_str().to_owned(), e.field.clone()))
            .collect(),
        other => panic!("expected an API error, got {other:?}"),
    }
}

#[tokio::test]
async fn wrong_password_is_4001_and_unknown_order_a_field_error() {
    let wrong = client("not-the-password");
    assert_eq!(
        api_codes(wrong.order_ps1(ps1(None)).await),
        [("-4001".to_owned(), None)]
    );
    assert_eq!(
        api_codes(wrong.get_order_by_order_id(query("CEJX0000000103")).await),
        [("-4001".to_owned(), None)]
    );
    let c = client(PASSWORD);
    assert_eq!(
        api_codes(c.get_order_by_order_id(query("PC0000000000001")).await),
        [("-9916".to_owned(), Some("OrderID".to_owned()))]
    );
}

/// The fault's code without its prefix (`S:Server` → `Server`) and its string.
fn fault<T: std::fmt::Debug>(result: Result<T, Error>) -> (String, String) {
    match result {
        Err(Error::SoapFault(f)) => (
            f.code.rsplit(':').next().unwrap_or_default().to_owned(),
            f.string.clone(),
        ),
        other => panic!("expected a SOAP fault, got {other:?}"),
    }
}

#[tokio::test]
async fn faults_on_demand() {
    let c = client(PASSWORD);
    // A query: a fault is final, whatever its code.
    assert_eq!(
        fault(c.get_order_by_order_id(query("FAULT-SERVER")).await),
        (
            "Server".to_owned(),
            "JAX-WS test server: the database is unavailable".to_owned()
        )
    );
    assert_eq!(
        fault(c.get_order_by_order_id(query("FAULT-CLIENT")).await),
        (
            "Client".to_owned(),
            "JAX-WS test server: the message was refused".to_owned()
        )
    );
    // An order: a Client fault is a refusal...
    assert_eq!(
        fault(c.order_ps1(ps1(Some("FAULT-CLIENT".into()))).await).0,
        "Client"
    );
    // ... a Server fault leaves the outcome open: the client looks the order up by its
    // SubID (GetOrders, answered by JAXB too) and finds it.
    let r = c
        .order_ps1(ps1(Some("FAULT-SERVER".into())))
        .await
        .expect("reconciled through GetOrders");
    let recovery = r.recovery().expect("a recovered order");
    assert_eq!(
        (recovery.sub_id.as_str(), recovery.order_id.as_str()),
        ("FAULT-SERVER", "CEJX0000000110")
    );
    assert_eq!(r.value().order_id.as_deref(), Some("CEJX0000000110"));
    // ModifyOrder has no SubID: a Server fault is an unknown outcome naming the order.
    match c.cancel("FAULT-SERVER").await {
        Err(Error::OutcomeUnknown {
            operation,
            order_id,
            ..
        }) => {
            assert_eq!(
                (operation, order_id.as_deref()),
                ("ModifyOrder", Some("FAULT-SERVER"))
            );
        }
        other => panic!("expected an unknown outcome, got {other:?}"),
    }
}

/// `gas probe` against the JAX-WS server: JAXB writes our WSDL's shape, so the three
/// queries are answered with no deviation (the server's `?wsdl` is JAX-WS's own, written
/// from the annotations, so its comparison is not checked here).
#[test]
fn gas_probe_finds_no_deviation() {
    let dir = std::env::temp_dir().join(format!("gas-jaxws-probe-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch directory");
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_gas"))
        .args([
            "--endpoint",
            server().url.as_str(),
            "probe",
            "--record",
            "recorded",
        ])
        .current_dir(&dir)
        .env("GAS_USERNAME", USER)
        .env("GAS_PASSWORD", PASSWORD)
        .env_remove("GAS_ENDPOINT")
        .env_remove("GAS_CONFIG")
        .env("XDG_CONFIG_HOME", &dir)
        .output()
        .expect("gas runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stdout}\n{stderr}");
    assert_eq!(
        stdout
            .lines()
            .filter(|l| l.ends_with("deviations: none"))
            .count(),
        3,
        "{stdout}\n{stderr}"
    );
    for entry in std::fs::read_dir(dir.join("recorded")).expect("the recording") {
        let path = entry.expect("an entry").path();
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        let escaped = PASSWORD
            .replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;");
        assert!(!text.contains(PASSWORD), "{}", path.display());
        assert!(!text.contains(&escaped), "{}", path.display());
        assert!(!text.contains(USER), "{}", path.display());
    }
    let _ = std::fs::remove_dir_all(&dir);
}
