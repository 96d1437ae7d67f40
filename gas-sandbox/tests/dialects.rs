//! The client against the sandbox in both dialects ([`gas_sandbox::dialect`]), for all 14
//! operations, with and without strict reading.
//!
//! Every answer the sandbox's generated writer produces is also kept as written, before the
//! dialect rewrites it; decoding that copy strictly gives the value the client must have
//! decoded. So for every call:
//! - our dialect: the client's value is that value, with no deviation;
//! - the spec's: the client's value is still that value (nothing lost), and its deviations
//!   are exactly the ones the rewrite introduced: the wrapper name, one `alias` per element
//!   printed in another spelling, one `repeated` per element the outline prints twice;
//! - strict reading: against ours nothing changes; against the spec's every answer with a
//!   deviation is a decode error.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use gas_client::generated::types as t;
use gas_client::{Credentials, Endpoint, Error, GasClient, Response, RetryPolicy};
use gas_sandbox::dialect::{Dialect, Outline, SPELLINGS, UNWRAPPED};
use gas_sandbox::emulator::IssuePolicy;
use gas_sandbox::service::GeneratedHandler;
use gas_sandbox::soap::{HandlerFuture, SoapHandler};
use gas_sandbox::{Sandbox, SandboxHandle};
use quick_xml::Reader;
use quick_xml::events::Event;
use soap_runtime::envelope::decode_response_recorded;
use soap_runtime::{BodyElement, Deviation, Envelope, Limits, SimpleValue};

const USER: &str = "PAR12345_gasapi";
const PASSWORD: &str = "Xq7!pL2#vR9s";

/// The generated handler, keeping a copy of its last answer (our dialect, as written).
struct Keep {
    inner: GeneratedHandler,
    last: Arc<Mutex<Vec<u8>>>,
}

impl SoapHandler for Keep {
    fn handle(&self, body: bytes::Bytes) -> HandlerFuture<'_> {
        Box::pin(async move {
            let result = self.inner.handle(body).await;
            if let Ok(mut last) = self.last.lock() {
                last.clone_from(&result.body);
            }
            result
        })
    }
}

struct Run {
    sandbox: SandboxHandle,
    client: GasClient,
    last: Arc<Mutex<Vec<u8>>>,
    dialect: Dialect,
    strict: bool,
    /// Operations checked, and how many of their answers had deviations.
    checked: Vec<(&'static str, usize)>,
}

impl Run {
    async fn start(dialect: Dialect, strict: bool) -> Run {
        let last = Arc::new(Mutex::new(Vec::new()));
        let kept = last.clone();
        let sandbox = Sandbox::builder()
            .account(USER, PASSWORD)
            .issue_policy(IssuePolicy::Manual)
            .dialect(dialect)
            .soap_handler(move |emulator| {
                Arc::new(Keep {
                    inner: GeneratedHandler::new(emulator, Limits::default()),
                    last: kept.clone(),
                })
            })
            .start()
            .await
            .expect("sandbox");
        let client = GasClient::builder(
            Endpoint::Url(sandbox.url().to_owned()),
            Credentials::new(USER, PASSWORD),
        )
        .strict_reading(strict)
        .retry_policy(RetryPolicy {
            initial_backoff: Duration::from_millis(1),
            max_backoff: Duration::from_millis(5),
            order_settle_delay: Duration::from_millis(1),
            ..RetryPolicy::default()
        })
        .build()
        .expect("client");
        Run {
            sandbox,
            client,
            last,
            dialect,
            strict,
            checked: Vec::new(),
        }
    }

    /// Checks one call's result (module docs); returns the value the sandbox answered (so
    /// that a flow goes on when strict reading refused the answer).
    fn check<B, R>(
        &mut self,
        operation: &'static str,
        result: Result<Response<R>, Error>,
        response: impl Fn(B) -> Option<R>,
    ) -> Option<R>
    where
        B: BodyElement,
        R: PartialEq + std::fmt::Debug,
    {
        let written = self.last.lock().expect("lock").clone();
        let (decoded, deviations) =
            decode_response_recorded::<B>(&written, &Limits::default(), true)
                .unwrap_or_else(|e| panic!("{operation}: the sandbox's own answer: {e}"));
        assert!(deviations.is_empty(), "{operation}: {deviations:?}");
        let Envelope::Body(body) = decoded else {
            panic!("{operation}: a fault");
        };
        let expected_value = response(body).unwrap_or_else(|| panic!("{operation}: no Response"));
        let expected = match self.dialect {
            Dialect::Wsdl => Vec::new(),
            Dialect::Spec => introduced(operation, &written),
        };
        let context = format!("{operation} ({:?}, strict {})", self.dialect, self.strict);
        self.checked.push((operation, expected.len()));
        match result {
            Ok(response) => {
                assert!(
                    !self.strict || expected.is_empty(),
                    "{context}: strict reading let {expected:?} through"
                );
                assert_eq!(response.value(), &expected_value, "{context}: values");
                assert_eq!(
                    kinds(response.deviations()),
                    expected,
                    "{context}: deviations"
                );
            }
            Err(e) if self.strict && !expected.is_empty() && is_decode(&e) => {}
            Err(e) => panic!("{context}: {e} (expected deviations: {expected:?})"),
        }
        Some(expected_value)
    }
}

/// A decode error, also as the cause of an order's unknown outcome (a call that changes
/// something answers `OutcomeUnknown` when its answer cannot be read).
fn is_decode(e: &Error) -> bool {
    match e {
        Error::Decode { .. } => true,
        Error::OutcomeUnknown { source, .. } => is_decode(source),
        _ => false,
    }
}

/// Deviations as (kind, element name as received), sorted.
fn kinds(deviations: &[Deviation]) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = deviations
        .iter()
        .map(|d| {
            let last = d.path.rsplit('/').next().unwrap_or_default();
            let name = last.split('[').next().unwrap_or(last);
            (d.kind.name().to_owned(), name.to_owned())
        })
        .collect();
    out.sort();
    out
}

/// The deviations the spec dialect introduces into our answer `written` (as `kinds` gives
/// them): worked out from the dialect's tables, walking our answer.
fn introduced(operation: &str, written: &[u8]) -> Vec<(String, String)> {
    let outline = Outline::of(operation).expect("outline");
    let printed = |name: &str| {
        SPELLINGS
            .iter()
            .find(|s| s.operation == operation && s.ours == name)
            .map(|s| s.printed)
    };
    let mut out = Vec::new();
    let mut reader = Reader::from_reader(written);
    // Printed names from the body element down; None above it.
    let mut path: Vec<String> = Vec::new();
    let mut depth = 0usize;
    loop {
        let (tag, empty) = match reader.read_event().expect("our answer") {
            Event::Start(tag) => (tag, false),
            Event::Empty(tag) => (tag, true),
            Event::End(_) => {
                if depth > 2 {
                    path.pop();
                }
                depth -= 1;
                continue;
            }
            Event::Eof => break,
            _ => continue,
        };
        let name = tag.local_name().as_ref().to_owned();
        depth += 1;
        if depth == 3 {
            // The body element.
            if let Some(p) = printed(&name) {
                out.push(("wrapper_name".to_owned(), p.to_owned()));
            }
        } else if depth > 3 {
            let parent = path[1..].join("/");
            let spelled = printed(&name);
            if let Some(p) = spelled {
                out.push(("alias".to_owned(), p.to_owned()));
            }
            let as_printed = spelled.unwrap_or(&name);
            let twice = outline
                .children(&parent)
                .is_some_and(|c| c.iter().filter(|n| *n == as_printed).count() > 1);
            if twice {
                out.push(("repeated".to_owned(), as_printed.to_owned()));
            }
            let unwrapped = UNWRAPPED
                .iter()
                .any(|(p, e, _)| *e == name && path.last().is_some_and(|last| last == p));
            assert!(!unwrapped, "{operation}: errors in a successful answer");
        }
        if depth > 2 {
            path.push(printed(&name).unwrap_or(&name).to_owned());
        }
        if empty {
            if depth > 2 {
                path.pop();
            }
            depth -= 1;
        }
    }
    out.sort();
    out
}

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

/// Calls `$method` of the client and checks the answer as `$wrapper`.
macro_rules! call {
    ($run:expr, $op:literal, $wrapper:ident, $method:ident($($arg:expr),*)) => {{
        let result = $run.client.$method($($arg),*).await;
        $run.check::<t::$wrapper, _>($op, result, |b| b.response)
    }};
}

fn order_id(id: Option<Option<String>>) -> String {
    id.flatten().filter(|id| !id.is_empty()).expect("OrderID")
}

/// All 14 operations: the eight orders, ResendEmail on a waiting order, the orders vetted
/// and issued (admin steps), the three queries, ReIssue and ModifyOrder.
async fn all_operations(dialect: Dialect, strict: bool) -> Vec<(&'static str, usize)> {
    let mut run = Run::start(dialect, strict).await;
    let mut ids = Vec::new();

    let mut os = new_order!(OrderOS, "OrderOS", renewal_target_order_id);
    os.pkcs12_option = None;
    ids.push(call!(run, "OrderOS", OrderOSResponse, order_os(os)).map(|r| r.order_id));
    let osev = new_order!(OrderOSEV, "OrderOSEV", renewal_target_order_id);
    ids.push(call!(run, "OrderOSEV", OrderOSEVResponse, order_os_ev(osev)).map(|r| r.order_id));
    let mut ps1 = new_order!(OrderPS1, "OrderPS1", renewal_target_order_id);
    ps1.pkcs12_option = Some(false);
    ids.push(call!(run, "OrderPS1", OrderPS1Response, order_ps1(ps1)).map(|r| r.order_id));
    let mut ps2 = new_order!(OrderPS2, "OrderPS2", renewal_target_order_id);
    ps2.pkcs12_option = Some(false);
    ids.push(call!(run, "OrderPS2", OrderPS2Response, order_ps2(ps2)).map(|r| r.order_id));
    let mut dept = new_order!(OrderPS2Dept, "OrderPS2Dept", renewal_target_order_id);
    dept.pkcs12_option = Some(false);
    ids.push(
        call!(
            run,
            "OrderPS2Dept",
            OrderPS2DeptResponse,
            order_ps2_dept(dept)
        )
        .map(|r| r.order_id),
    );
    let mut pro = new_order!(OrderPS2Pro, "OrderPS2Pro", renewal_target_order_id);
    pro.pkcs12_option = Some(false);
    ids.push(
        call!(run, "OrderPS2Pro", OrderPS2ProResponse, order_ps2_pro(pro)).map(|r| r.order_id),
    );
    let mut aatl = new_order!(OrderAATL, "OrderAATL", renewal_target_order_id);
    aatl.csr = Some(csr_pem());
    ids.push(call!(run, "OrderAATL", OrderAATLResponse, order_aatl(aatl)).map(|r| r.order_id));
    let mut qc = new_order!(OrderQC, "OrderQC", renewal_target_order_id);
    qc.csr = None;
    qc.dn_attributes.dn_extensions.clear();
    qc.qc_statements.clear();
    ids.push(call!(run, "OrderQC", OrderQCResponse, order_qc(qc)).map(|r| r.order_id));

    let placed: Vec<String> = ids.into_iter().map(order_id).collect();
    let ps1_id = placed[2].clone();
    let osev_id = placed[1].clone();

    call!(
        run,
        "ResendEmail",
        ResendEmailResponse,
        resend_email(t::PcV2ResendEmailRequest::new(&ps1_id))
    );

    let emulator = run.sandbox.emulator().clone();
    for id in &placed {
        let _ = emulator.admin_complete_vetting(id);
        emulator.admin_issue(id, None).expect("issue");
    }

    // GetOrderByOrderID with every option: the EV order has every contact (E87, E19).
    let mut by_id = sample::<t::GetOrderByOrderID>("GetOrderByOrderID")
        .request
        .expect("Request");
    by_id.order_id = osev_id.clone();
    call!(
        run,
        "GetOrderByOrderID",
        GetOrderByOrderIDResponse,
        get_order_by_order_id(by_id)
    );

    // GetOrders and GetModifiedOrders return everything too (the options of the sample).
    let everything = || t::OrdersQueryOption {
        return_order_option: Some(true),
        return_certificate_info: Some(true),
        return_fulfillment: Some(true),
        return_ca_certs: Some(true),
        ..Default::default()
    };
    let all = t::PcV2GetOrdersRequest {
        order_query_option: Some(everything()),
        ..Default::default()
    };
    let orders = call!(run, "GetOrders", GetOrdersResponse, get_orders(all));
    if let Some(orders) = orders {
        assert_eq!(orders.order_detail.len(), 8);
    }

    let now = time::OffsetDateTime::now_utc();
    let modified = t::PcV2GetModifiedOrdersRequest {
        from_date: std::time::SystemTime::from(now - time::Duration::hours(1)).into(),
        to_date: std::time::SystemTime::from(now + time::Duration::hours(1)).into(),
        order_query_option: Some(t::ModifiedOrdersQueryOption {
            return_order_option: Some(true),
            return_certificate_info: Some(true),
            return_fulfillment: Some(true),
            return_ca_certs: Some(true),
            ..Default::default()
        }),
        ..Default::default()
    };
    call!(
        run,
        "GetModifiedOrders",
        GetModifiedOrdersResponse,
        get_modified_orders(modified)
    );

    let mut parameter = t::OrderParameter::new(wire("1"));
    parameter.csr = Some(csr_pem());
    call!(
        run,
        "ReIssue",
        ReIssueResponse,
        reissue(t::PcV2ReIssueRequest::new(&ps1_id, parameter))
    );
    call!(run, "ModifyOrder", ModifyOrderResponse, revoke(&osev_id));

    run.sandbox.shutdown().await;
    run.checked
}

/// Every operation was called once, in the spec's dialect some of them with deviations.
fn assert_all_fourteen(checked: &[(&str, usize)], dialect: Dialect) {
    let mut names: Vec<&str> = checked.iter().map(|(op, _)| *op).collect();
    names.sort_unstable();
    let mut all: Vec<&str> = gas_client::operations::OPERATIONS
        .iter()
        .map(|op| op.name)
        .collect();
    all.sort_unstable();
    assert_eq!(names, all);
    let with_deviations: Vec<&str> = checked
        .iter()
        .filter(|(_, n)| *n > 0)
        .map(|(op, _)| *op)
        .collect();
    match dialect {
        Dialect::Wsdl => assert!(with_deviations.is_empty()),
        Dialect::Spec => assert_eq!(
            with_deviations,
            [
                "OrderOSEV",
                "ResendEmail",
                "GetOrderByOrderID",
                "GetOrders",
                "GetModifiedOrders"
            ]
        ),
    }
}

#[tokio::test]
async fn wsdl_dialect() {
    assert_all_fourteen(&all_operations(Dialect::Wsdl, false).await, Dialect::Wsdl);
}

#[tokio::test]
async fn wsdl_dialect_read_strictly() {
    assert_all_fourteen(&all_operations(Dialect::Wsdl, true).await, Dialect::Wsdl);
}

#[tokio::test]
async fn spec_dialect() {
    assert_all_fourteen(&all_operations(Dialect::Spec, false).await, Dialect::Spec);
}

#[tokio::test]
async fn spec_dialect_read_strictly() {
    assert_all_fourteen(&all_operations(Dialect::Spec, true).await, Dialect::Spec);
}
