//! End to end: `gas-client` against the sandbox over real HTTP. Every operation through
//! the client's typed methods, the life cycle (order → issue → query → reissue → revoke),
//! the server-side error codes, account isolation, and fault injection seen by the
//! client's retry and reconciliation logic.
//!
//! Requests start from the spec samples in `wsdl/samples/`, decoded with the generated
//! readers, then made into valid new orders.

use std::time::Duration;

use gas_client::generated::types as t;
use gas_client::{Credentials, Endpoint, Error, GasClient, RetryPolicy};
use gas_sandbox::api_error::ErrorCode;
use gas_sandbox::faults::{FaultRule, WarningRule};
use gas_sandbox::{Sandbox, SandboxHandle};
use soap_runtime::{BodyElement, Limits, SimpleValue};

const USER: &str = "PAR12345_gasapi";
const PASSWORD: &str = "Xq7!pL2#vR9s";

fn wire<T: SimpleValue + Default>(text: &str) -> T {
    T::parse_text(std::borrow::Cow::Borrowed(text)).unwrap_or_default()
}

/// A sample request body decoded into its generated type.
fn sample<B: BodyElement>(operation: &str) -> B {
    let path = format!(
        "{}/../wsdl/samples/{operation}.request.xml",
        env!("CARGO_MANIFEST_DIR")
    );
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    soap_runtime::envelope::decode_request::<B>(&bytes, &Limits::default())
        .unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn csr_pem() -> String {
    let key = rcgen::KeyPair::generate().expect("key");
    rcgen::CertificateParams::default()
        .serialize_request(&key)
        .expect("csr")
        .pem()
        .expect("pem")
}

/// The sample as a valid new order: `new`, no Campaign, no renewal target.
macro_rules! new_order {
    ($wrapper:ident, $operation:literal, $target:ident) => {{
        let mut r = sample::<t::$wrapper>($operation).request.expect("Request");
        r.order_kind = wire("new");
        r.campaign = None;
        r.$target = None;
        r.sub_id = None;
        r
    }};
}

fn ps1() -> t::PcV2OrderPS1Request {
    let mut r = new_order!(OrderPS1, "OrderPS1", renewal_target_order_id);
    r.pkcs12_option = Some(false);
    r
}

async fn sandbox() -> SandboxHandle {
    Sandbox::builder()
        .account(USER, PASSWORD)
        .account("other", "other-pw")
        .start()
        .await
        .expect("sandbox")
}

fn client(s: &SandboxHandle, user: &str, password: &str) -> GasClient {
    GasClient::builder(
        Endpoint::Url(s.url().to_owned()),
        Credentials::new(user, password),
    )
    .retry_policy(RetryPolicy {
        initial_backoff: Duration::from_millis(1),
        max_backoff: Duration::from_millis(5),
        order_settle_delay: Duration::from_millis(1),
        ..RetryPolicy::default()
    })
    .build()
    .expect("client")
}

fn api_codes(result: Result<impl std::fmt::Debug, Error>) -> Vec<(String, Option<String>)> {
    match result {
        Err(Error::Api(errors)) => errors
            .iter()
            .map(|e| (e.code.as_str().to_owned(), e.field.clone()))
            .collect(),
        other => panic!("expected an API error, got {other:?}"),
    }
}

fn query(order_id: &str) -> t::PcV2GetOrderByOrderIDRequest {
    sample::<t::GetOrderByOrderID>("GetOrderByOrderID")
        .request
        .map(|mut r| {
            r.order_id = order_id.to_owned();
            r
        })
        .expect("Request")
}

async fn detail(c: &GasClient, order_id: &str) -> t::OrderDetail {
    c.get_order_by_order_id(query(order_id))
        .await
        .expect("GetOrderByOrderID")
        .into_value()
        .order_detail
        .expect("OrderDetail")
}

fn order_id_of(id: Option<String>) -> String {
    id.filter(|id| !id.is_empty()).expect("OrderID")
}

/// The `OrderID` the client call `$call` answers with; `$what` names the call if it fails.
macro_rules! order_id {
    ($call:expr, $what:literal) => {
        order_id_of($call.await.expect($what).into_value().order_id)
    };
}

#[tokio::test]
async fn all_eight_orders_then_queries() {
    let s = sandbox().await;
    let c = client(&s, USER, PASSWORD);
    let mut ids = Vec::new();

    let mut os = new_order!(OrderOS, "OrderOS", renewal_target_order_id);
    os.pkcs12_option = None;
    ids.push(order_id!(c.order_os(os), "OrderOS"));
    let osev = new_order!(OrderOSEV, "OrderOSEV", renewal_target_order_id);
    ids.push(order_id!(c.order_os_ev(osev), "OrderOSEV"));
    ids.push(order_id!(c.order_ps1(ps1()), "OrderPS1"));
    let mut ps2 = new_order!(OrderPS2, "OrderPS2", renewal_target_order_id);
    ps2.pkcs12_option = Some(false);
    ids.push(order_id!(c.order_ps2(ps2), "OrderPS2"));
    let mut dept = new_order!(OrderPS2Dept, "OrderPS2Dept", renewal_target_order_id);
    dept.pkcs12_option = Some(false);
    ids.push(order_id!(c.order_ps2_dept(dept), "OrderPS2Dept"));
    let mut pro = new_order!(OrderPS2Pro, "OrderPS2Pro", renewal_target_order_id);
    pro.pkcs12_option = Some(false);
    ids.push(order_id!(c.order_ps2_pro(pro), "OrderPS2Pro"));
    let mut aatl = new_order!(OrderAATL, "OrderAATL", renewal_target_order_id);
    aatl.csr = Some(csr_pem());
    ids.push(order_id!(c.order_aatl(aatl), "OrderAATL"));
    let mut qc = new_order!(OrderQC, "OrderQC", renewal_target_order_id);
    qc.csr = None;
    qc.dn_attributes.dn_extensions.clear();
    qc.qc_statements.clear();
    let qc_id = order_id!(c.order_qc(qc), "OrderQC");
    // IssueType 0 (REGISTER, the sample's and the only one QC takes): the API registers
    // the order and issuing happens outside it, here the admin steps.
    assert!(
        detail(&c, &qc_id)
            .await
            .certificate_info
            .is_none_or(|i| i.certificate_status.to_string() != "10")
    );
    s.emulator()
        .admin_complete_vetting(&qc_id)
        .expect("vetting");
    s.emulator().admin_issue(&qc_id, None).expect("issue");
    ids.push(qc_id);

    for id in &ids {
        let d = detail(&c, id).await;
        let info = d.order_info.expect("OrderInfo");
        assert_eq!(&info.order_id, id);
        assert_eq!(
            info.order_status.map(|s| s.to_string()).as_deref(),
            Some("4")
        );
        let cert = d.certificate_info.expect("CertificateInfo");
        assert_eq!(cert.certificate_status.to_string(), "10");
        let fulfillment = d.fulfillment.expect("Fulfillment");
        let pem = fulfillment.pc_certificate.expect("PcCertificate").x509_cert;
        assert!(pem.starts_with("-----BEGIN CERTIFICATE-----"), "{id}");
        assert_eq!(fulfillment.ca_certificates.len(), 2);
    }

    // GetOrders without a filter: all eight; GetModifiedOrders over the last hour: all eight.
    let all = c
        .get_orders(t::PcV2GetOrdersRequest::default())
        .await
        .expect("GetOrders")
        .into_value();
    assert_eq!(all.order_detail.len(), 8);
    let now = time::OffsetDateTime::now_utc();
    let modified = c
        .get_modified_orders(t::PcV2GetModifiedOrdersRequest {
            from_date: std::time::SystemTime::from(now - time::Duration::hours(1)).into(),
            to_date: std::time::SystemTime::from(now + time::Duration::hours(1)).into(),
            ..Default::default()
        })
        .await
        .expect("GetModifiedOrders")
        .into_value();
    assert_eq!(modified.order_detail.len(), 8);
    s.shutdown().await;
}

#[tokio::test]
async fn life_cycle_order_issue_query_reissue_revoke_cancel() {
    let s = sandbox().await;
    let c = client(&s, USER, PASSWORD);
    let mut order = ps1();
    order.sub_id = Some("life-cycle-1".into());
    let id = order_id!(c.order_ps1(order), "order");

    // The issued certificate parses and names the order's e-mail.
    let d = detail(&c, &id).await;
    let pem_text = d
        .fulfillment
        .and_then(|f| f.pc_certificate)
        .expect("certificate")
        .x509_cert;
    let der = pem::parse(&pem_text).expect("pem").into_contents();
    let (_, cert) = x509_parser::parse_x509_certificate(&der).expect("X.509");
    assert!(cert.subject().to_string().contains("alice@example.com"));
    let validity = cert.validity();
    assert_eq!(
        (validity.not_after.to_datetime() - validity.not_before.to_datetime()).whole_days(),
        366
    );

    // GetOrders by SubID finds it.
    let by_sub = c
        .get_orders(t::PcV2GetOrdersRequest::by_sub_id("life-cycle-1"))
        .await
        .expect("GetOrders")
        .into_value();
    assert_eq!(by_sub.order_detail.len(), 1);

    // ReIssue with a CSR, then revoke the new certificate.
    let mut parameter = t::OrderParameter::new(wire("1"));
    parameter.csr = Some(csr_pem());
    let new_id = order_id!(
        c.reissue(t::PcV2ReIssueRequest::new(&id, parameter)),
        "ReIssue"
    );
    let new = detail(&c, &new_id).await;
    assert_eq!(
        new.order_info
            .and_then(|i| i.original_order_id_for_re_issue)
            .as_deref(),
        Some(id.as_str())
    );
    c.revoke(&new_id).await.expect("revoke");
    let revoked = detail(&c, &new_id).await;
    assert_eq!(
        revoked
            .certificate_info
            .map(|i| i.certificate_status.to_string())
            .as_deref(),
        Some("30")
    );
    let events: Vec<String> = revoked
        .modification_events
        .iter()
        .map(|e| e.modification_event_name.clone())
        .collect();
    assert!(
        events.ends_with(&["11,0".to_owned(), "12,0".to_owned()]),
        "{events:?}"
    );

    // CANCEL the original; a second CANCEL is -9915.
    c.cancel(&id).await.expect("cancel");
    assert_eq!(
        api_codes(c.cancel(&id).await),
        [("-9915".to_owned(), Some("OrderID".to_owned()))]
    );
    // ResendEmail on a cancelled order: -9915 too.
    assert_eq!(
        api_codes(c.resend_email(t::PcV2ResendEmailRequest::new(&id)).await)[0].0,
        "-9915"
    );
    s.shutdown().await;
}

#[tokio::test]
async fn login_isolation_and_unknown_orders() {
    let s = sandbox().await;
    let c = client(&s, USER, PASSWORD);
    assert_eq!(
        api_codes(client(&s, USER, "wrong-password").order_ps1(ps1()).await),
        [("-4001".to_owned(), None)]
    );
    let id = order_id!(c.order_ps1(ps1()), "order");
    let other = client(&s, "other", "other-pw");
    assert_eq!(
        api_codes(other.get_order_by_order_id(query(&id)).await)[0].0,
        "-9902"
    );
    assert_eq!(api_codes(other.cancel(&id).await)[0].0, "-9902");
    assert_eq!(
        api_codes(
            other
                .reissue(t::PcV2ReIssueRequest::new(
                    &id,
                    t::OrderParameter::new(wire("0"))
                ))
                .await
        ),
        [("-9902".to_owned(), Some("TargetOrderID".to_owned()))]
    );
    let theirs = other
        .get_orders(t::PcV2GetOrdersRequest::default())
        .await
        .expect("GetOrders")
        .into_value();
    assert!(theirs.order_detail.is_empty());
    assert_eq!(
        api_codes(c.get_order_by_order_id(query("CESB0000009999")).await),
        [("-9916".to_owned(), Some("OrderID".to_owned()))]
    );
    s.shutdown().await;
}

#[tokio::test]
async fn server_side_rules() {
    let s = sandbox().await;
    let c = client(&s, USER, PASSWORD);
    let id = order_id!(c.order_ps1(ps1()), "order");

    // A renewal that switches product: -9202 at the operation's spelling of the target.
    let mut switch = new_order!(OrderPS2, "OrderPS2", renewal_target_order_id);
    switch.pkcs12_option = Some(false);
    switch.order_kind = wire("renewal");
    switch.renewal_target_order_id = Some(id.clone());
    assert_eq!(
        api_codes(c.order_ps2(switch).await),
        [("-9202".to_owned(), Some("RenewalTergetOrderID".to_owned()))]
    );
    // A renewal of an unknown order: -9916.
    let mut unknown = ps1();
    unknown.order_kind = wire("renewal");
    unknown.renewal_target_order_id = Some("CESB0000009999".into());
    assert_eq!(api_codes(c.order_ps1(unknown).await)[0].0, "-9916");

    // AATL renewal with another SignatureValidityDuration: -105.
    let mut aatl = new_order!(OrderAATL, "OrderAATL", renewal_target_order_id);
    aatl.csr = Some(csr_pem());
    aatl.signature_validity_duration = Some(wire("2"));
    let aatl_id = order_id!(c.order_aatl(aatl.clone()), "AATL");
    aatl.order_kind = wire("renewal");
    aatl.renewal_target_order_id = Some(aatl_id);
    aatl.signature_validity_duration = Some(wire("1"));
    aatl.csr = Some(csr_pem());
    assert_eq!(
        api_codes(c.order_aatl(aatl).await),
        [(
            "-105".to_owned(),
            Some("SignatureValidityDuration".to_owned())
        )]
    );

    // ResendEmail on an issued order: resent (ERRATA E105); on a cancelled one: -9915.
    c.resend_email(t::PcV2ResendEmailRequest::new(&id))
        .await
        .expect("ResendEmail of an issued order");
    c.cancel(&id).await.expect("cancel");
    assert_eq!(
        api_codes(c.resend_email(t::PcV2ResendEmailRequest::new(&id)).await)[0].0,
        "-9915"
    );
    s.shutdown().await;
}

#[tokio::test]
async fn injected_warnings_reach_the_caller() {
    let s = sandbox().await;
    let c = client(&s, USER, PASSWORD);
    // SuccessCode 1 (section 16.1): the answer is a success, and its Errors are warnings.
    s.faults().set_warnings(
        "OrderPS1",
        WarningRule::new(
            ErrorCode(-9918),
            "Please check the validity period of your coupon",
        )
        .times(1),
    );
    let placed = c.order_ps1(ps1()).await.expect("a warning is a success");
    assert!(placed.has_warnings());
    let warnings: Vec<(String, String)> = placed
        .warnings()
        .iter()
        .map(|w| (w.code.as_str().to_owned(), w.message.clone()))
        .collect();
    assert_eq!(
        warnings,
        [(
            "-9918".to_owned(),
            "Please check the validity period of your coupon".to_owned()
        )]
    );
    let id = order_id_of(placed.into_value().order_id);
    // Used up: the next answer has none; queries can carry them too.
    let again = c.order_ps1(ps1()).await.expect("order");
    assert!(!again.has_warnings());
    s.faults().set_warnings(
        gas_sandbox::faults::ANY_OPERATION,
        WarningRule::new(ErrorCode(1), "maintenance tonight"),
    );
    let queried = c.get_order_by_order_id(query(&id)).await.expect("query");
    assert_eq!(queried.warnings().len(), 1);
    // A failed answer stays a failure without the warnings.
    let codes = api_codes(c.get_order_by_order_id(query("CESB0000009999")).await);
    assert_eq!(codes, [("-9916".to_owned(), Some("OrderID".to_owned()))]);
    s.shutdown().await;
}

#[tokio::test]
async fn injected_faults_as_the_client_sees_them() {
    let s = sandbox().await;
    let c = client(&s, USER, PASSWORD);

    // -201 and -1 arrive as API errors.
    s.faults().set(
        "GetOrders",
        FaultRule::api_error(ErrorCode::DATABASE).times(1),
    );
    assert_eq!(
        api_codes(c.get_orders(t::PcV2GetOrdersRequest::default()).await),
        [("-201".to_owned(), None)]
    );
    s.faults().set(
        "GetOrders",
        FaultRule::api_error(ErrorCode::FAILURE).times(1),
    );
    assert_eq!(
        api_codes(c.get_orders(t::PcV2GetOrdersRequest::default()).await)[0].0,
        "-1"
    );

    // A query whose connection drops once is retried and succeeds.
    s.faults()
        .set("GetOrders", FaultRule::drop_connection().times(1));
    c.get_orders(t::PcV2GetOrdersRequest::default())
        .await
        .expect("retried after a dropped connection");

    // An order whose answer is lost is looked up by SubID; the sandbox dropped the request
    // before placing it, so the client finds nothing and sends it again, once.
    s.faults()
        .set("OrderPS1", FaultRule::drop_connection().times(1));
    let mut order = ps1();
    order.sub_id = Some("reconcile-1".into());
    let placed = c
        .order_ps1(order)
        .await
        .expect("placed after reconciliation");
    let id = order_id_of(placed.into_value().order_id);
    let found = c
        .get_orders(t::PcV2GetOrdersRequest::by_sub_id("reconcile-1"))
        .await
        .expect("GetOrders")
        .into_value();
    assert_eq!(found.order_detail.len(), 1, "placed exactly once");
    assert_eq!(
        found.order_detail[0]
            .order_info
            .as_ref()
            .map(|i| i.order_id.as_str()),
        Some(id.as_str())
    );

    // A ModifyOrder whose connection drops is never resent: the outcome is unknown.
    s.faults()
        .set("ModifyOrder", FaultRule::drop_connection().times(1));
    match c.cancel(&id).await {
        Err(Error::OutcomeUnknown { operation, .. }) => assert_eq!(operation, "ModifyOrder"),
        other => panic!("expected OutcomeUnknown, got {other:?}"),
    }
    s.shutdown().await;
}
