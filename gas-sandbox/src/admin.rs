//! The admin API over HTTP, for a sandbox run as a separate process (the binary with
//! `--admin`): fault injection and the steps GlobalSign performs outside the API. Off by
//! default; meant for loopback only (it has no authentication).
//!
//! | request | effect |
//! | --- | --- |
//! | `PUT /sandbox/admin/faults/{op}?action=…` | set a fault rule for `{op}` (`*` = every operation) |
//! | `DELETE /sandbox/admin/faults/{op}` / `DELETE /sandbox/admin/faults` | clear one / all |
//! | `POST /sandbox/admin/orders/{id}/vet` | vetting complete |
//! | `POST /sandbox/admin/orders/{id}/issue` | pick-up: issue (body: optional CSR PEM) |
//! | `POST /sandbox/admin/orders/{id}/complete-revocation` | revocation processed |
//! | `POST /sandbox/admin/orders/{id}/expire` | INITIAL_EXPIRED |
//! | `GET /sandbox/admin/orders/{id}` | the order as JSON |
//! | `GET /sandbox/admin/orders` | every order as JSON, by account |
//! | `GET /sandbox/admin/outbox` | the e-mails GlobalSign would have sent, newest first, as JSON ([`crate::outbox`]) |
//!
//! Orders are shown without what the pick-up keeps secret (the PickupPassword's verifier,
//! the generated private key). The subscriber's pick-up itself is `POST
//! /sandbox/pickup/{id}` with the form field `password` ([`crate::pages`]), the same for a
//! browser and for `curl -d password=… -o cert.p12`.
//! | `GET /sandbox/admin/ca` | the test CA's root certificate (PEM) |
//!
//! Fault query parameters: `action` = `api-error` (with `code`, default −201),
//! `soap-fault` (with `message`), `http-status` (with `status`), `drop`, or `delay`;
//! optional `delay_ms`, `times`, and `after_commit=true` (carry the request out, then
//! answer with the action: an order placed whose answer is lost).

use std::time::Duration;

use crate::api_error::{ApiErrors, ErrorCode};
use crate::emulator::Emulator;
use crate::faults::{FaultAction, FaultPlan, FaultRule};

/// Paths below this prefix are the admin API.
pub const ADMIN_PREFIX: &str = "/sandbox/admin/";

/// An admin answer: HTTP status, content type, body.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AdminResponse {
    pub status: u16,
    pub content_type: &'static str,
    pub body: String,
}

impl AdminResponse {
    fn text(status: u16, body: impl Into<String>) -> Self {
        Self {
            status,
            content_type: "text/plain; charset=utf-8",
            body: body.into(),
        }
    }

    fn json(body: String) -> Self {
        Self {
            status: 200,
            content_type: "application/json",
            body,
        }
    }

    fn from_api(result: Result<crate::model::Order, ApiErrors>) -> Self {
        match result {
            Ok(order) => order_json(&order),
            Err(errors) => Self::text(409, format!("{errors}\n")),
        }
    }
}

/// An order fit to show: without the pick-up's verifier and key.
pub(crate) fn redacted(order: &crate::model::Order) -> crate::model::Order {
    let mut shown = order.clone();
    shown.pickup = order.pickup.redacted();
    shown
}

fn order_json(order: &crate::model::Order) -> AdminResponse {
    json(&redacted(order))
}

fn json(value: &impl serde::Serialize) -> AdminResponse {
    match serde_json::to_string_pretty(value) {
        Ok(json) => AdminResponse::json(json),
        Err(e) => AdminResponse::text(500, format!("cannot encode as JSON: {e}\n")),
    }
}

/// Handles one admin request. `path` starts with [`ADMIN_PREFIX`]; `query` is the raw
/// query string; `body` the request body (UTF-8).
pub fn handle(
    emulator: &Emulator,
    faults: &FaultPlan,
    method: &str,
    path: &str,
    query: Option<&str>,
    body: &str,
) -> AdminResponse {
    let rest = path.strip_prefix(ADMIN_PREFIX).unwrap_or("");
    let segments: Vec<&str> = rest.split('/').filter(|s| !s.is_empty()).collect();
    match (method, segments.as_slice()) {
        ("PUT", ["faults", operation]) => match parse_rule(query.unwrap_or("")) {
            Ok(rule) => {
                faults.set(*operation, rule.clone());
                AdminResponse::text(200, format!("{operation}: {rule:?}\n"))
            }
            Err(message) => AdminResponse::text(400, format!("{message}\n")),
        },
        ("DELETE", ["faults", operation]) => {
            faults.clear(operation);
            AdminResponse::text(200, "cleared\n")
        }
        ("DELETE", ["faults"]) => {
            faults.clear_all();
            AdminResponse::text(200, "cleared\n")
        }
        ("GET", ["orders"]) => json(
            &emulator
                .admin_orders()
                .iter()
                .map(redacted)
                .collect::<Vec<_>>(),
        ),
        ("GET", ["outbox"]) => json(&emulator.outbox().emails()),
        ("GET", ["orders", id]) => match emulator.admin_order(id) {
            Some(order) => order_json(&order),
            None => AdminResponse::text(404, format!("no order {id}\n")),
        },
        ("POST", ["orders", id, "vet"]) => {
            AdminResponse::from_api(emulator.admin_complete_vetting(id))
        }
        ("POST", ["orders", id, "issue"]) => {
            let csr = Some(body.trim()).filter(|b| !b.is_empty());
            AdminResponse::from_api(emulator.admin_issue(id, csr))
        }
        ("POST", ["orders", id, "complete-revocation"]) => {
            AdminResponse::from_api(emulator.admin_complete_revocation(id))
        }
        ("POST", ["orders", id, "expire"]) => AdminResponse::from_api(emulator.admin_expire(id)),
        ("GET", ["ca"]) => AdminResponse {
            status: 200,
            content_type: "application/x-pem-file",
            body: emulator.ca_root_pem().to_owned(),
        },
        _ => AdminResponse::text(404, "unknown admin request\n"),
    }
}

/// Parses `action=…&code=…&times=…&delay_ms=…` into a rule.
fn parse_rule(query: &str) -> Result<FaultRule, String> {
    let mut action = None;
    let mut code = ErrorCode::DATABASE;
    let mut message = "Fault injected by gas-sandbox".to_owned();
    let mut status = 503u16;
    let mut rule = FaultRule::default();
    for pair in query.split('&').filter(|p| !p.is_empty()) {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        let value = percent_decode(value);
        match key {
            "action" => action = Some(value),
            "code" => {
                code = ErrorCode(
                    value
                        .parse()
                        .map_err(|_| format!("code: not an integer: {value:?}"))?,
                )
            }
            "message" => message = value,
            "status" => {
                status = value
                    .parse()
                    .ok()
                    .filter(|s| (100..=599).contains(s))
                    .ok_or_else(|| format!("status: not an HTTP status: {value:?}"))?
            }
            "times" => {
                rule.times = Some(
                    value
                        .parse()
                        .map_err(|_| format!("times: not a count: {value:?}"))?,
                )
            }
            "after_commit" => {
                rule.after_commit = match value.as_str() {
                    "true" | "1" => true,
                    "false" | "0" => false,
                    _ => return Err(format!("after_commit: not true or false: {value:?}")),
                }
            }
            "delay_ms" => {
                rule.delay = Some(Duration::from_millis(
                    value
                        .parse()
                        .map_err(|_| format!("delay_ms: not a number: {value:?}"))?,
                ))
            }
            other => return Err(format!("unknown parameter {other:?}")),
        }
    }
    rule.action = match action.as_deref() {
        Some("api-error") => Some(FaultAction::ApiError(code)),
        Some("soap-fault") => Some(FaultAction::SoapFault(message)),
        Some("http-status") => Some(FaultAction::HttpStatus(status)),
        Some("drop") => Some(FaultAction::DropConnection),
        Some("delay") => None,
        Some(other) => return Err(format!("unknown action {other:?}")),
        None => return Err("missing action=api-error|soap-fault|http-status|drop|delay".into()),
    };
    Ok(rule)
}

/// `%XX` and `+` decoding for query values (invalid escapes are kept as written).
pub(crate) fn percent_decode(text: &str) -> String {
    fn hex(b: u8) -> Option<u8> {
        match b {
            b'0'..=b'9' => Some(b - b'0'),
            b'a'..=b'f' => Some(b - b'a' + 10),
            b'A'..=b'F' => Some(b - b'A' + 10),
            _ => None,
        }
    }
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let escaped = match (bytes[i], bytes.get(i + 1), bytes.get(i + 2)) {
            (b'%', Some(&h), Some(&l)) => hex(h).zip(hex(l)).map(|(h, l)| h << 4 | l),
            _ => None,
        };
        match (bytes[i], escaped) {
            (_, Some(b)) => {
                out.push(b);
                i += 3;
            }
            (b'+', None) => {
                out.push(b' ');
                i += 1;
            }
            (b, None) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::accounts::Accounts;
    use crate::emulator::IssuePolicy;
    use crate::lifecycle::NewOrder;
    use crate::model::{OrderOperation, OrderStatus};
    use crate::store::Store;
    use std::sync::Arc;

    fn setup() -> (Emulator, FaultPlan) {
        let mut accounts = Accounts::new();
        accounts.insert("alice", "pw");
        let emulator = Emulator::new(
            accounts,
            Store::in_memory(),
            None,
            Arc::new(crate::clock::SystemClock),
            IssuePolicy::Manual,
        )
        .expect("emulator");
        (emulator, FaultPlan::new())
    }

    #[test]
    fn fault_rules() {
        let (e, faults) = setup();
        let r = handle(
            &e,
            &faults,
            "PUT",
            "/sandbox/admin/faults/OrderPS1",
            Some("action=api-error&code=-1&times=2&delay_ms=5"),
            "",
        );
        assert_eq!(r.status, 200, "{}", r.body);
        let rule = faults.take("OrderPS1").expect("set");
        assert_eq!(rule.action, Some(FaultAction::ApiError(ErrorCode::FAILURE)));
        assert_eq!(rule.times, Some(2));
        assert_eq!(rule.delay, Some(Duration::from_millis(5)));

        let r = handle(
            &e,
            &faults,
            "PUT",
            "/sandbox/admin/faults/*",
            Some("action=soap-fault&message=db+down%21"),
            "",
        );
        assert_eq!(r.status, 200);
        assert_eq!(
            faults.take("GetOrders").and_then(|r| r.action),
            Some(FaultAction::SoapFault("db down!".into()))
        );
        assert_eq!(
            handle(&e, &faults, "DELETE", "/sandbox/admin/faults", None, "").status,
            200
        );
        assert!(faults.take("GetOrders").is_none());

        for bad in [
            "",
            "action=explode",
            "action=api-error&code=x",
            "action=http-status&status=42",
            "nope=1",
        ] {
            let r = handle(&e, &faults, "PUT", "/sandbox/admin/faults/X", Some(bad), "");
            assert_eq!(r.status, 400, "{bad}");
        }
    }

    #[test]
    fn order_steps() {
        let (e, faults) = setup();
        let alice = e.authenticate("alice", "pw").expect("login");
        let id = e
            .place_order(&alice, NewOrder::minimal(OrderOperation::OrderPs2Dept))
            .expect("order");
        let path = |step: &str| format!("/sandbox/admin/orders/{id}/{step}");

        let early = handle(&e, &faults, "POST", &path("issue"), None, "");
        assert_eq!(early.status, 409, "not vetted yet");
        assert!(early.body.contains("-9202"));
        assert_eq!(
            handle(&e, &faults, "POST", &path("vet"), None, "").status,
            200
        );
        let issued = handle(&e, &faults, "POST", &path("issue"), None, "");
        assert_eq!(issued.status, 200);
        assert!(issued.body.contains("BEGIN CERTIFICATE"));

        let got = handle(
            &e,
            &faults,
            "GET",
            &format!("/sandbox/admin/orders/{id}"),
            None,
            "",
        );
        let order: crate::model::Order = serde_json::from_str(&got.body).expect("json");
        assert_eq!(order.status, OrderStatus::IssueCompleted);

        assert_eq!(
            handle(&e, &faults, "GET", "/sandbox/admin/orders/NOPE", None, "").status,
            404
        );
        assert_eq!(
            handle(
                &e,
                &faults,
                "POST",
                "/sandbox/admin/orders/NOPE/vet",
                None,
                ""
            )
            .status,
            409
        );
        assert!(
            handle(&e, &faults, "GET", "/sandbox/admin/ca", None, "")
                .body
                .contains("BEGIN CERTIFICATE")
        );
        assert_eq!(
            handle(&e, &faults, "GET", "/sandbox/admin/what", None, "").status,
            404
        );
    }

    #[test]
    fn orders_and_outbox_are_listed_without_the_pick_up_secrets() {
        let (e, faults) = setup();
        let alice = e.authenticate("alice", "pw").expect("login");
        let mut order = NewOrder::minimal(OrderOperation::OrderPs1);
        order.subject.email = Some("a@example.com".into());
        order.pickup_password = crate::pickup::PasswordVerifier::new("Pickup#2024pw");
        let id = e.place_order(&alice, order).expect("order");
        e.admin_issue(id.as_str(), None).expect("issue");
        let stored = e.admin_order(id.as_str()).expect("order");
        assert!(stored.pickup.verifier.is_some() && stored.pickup.key.is_some());

        let listed = handle(&e, &faults, "GET", "/sandbox/admin/orders", None, "");
        assert_eq!(listed.status, 200);
        let orders: Vec<crate::model::Order> = serde_json::from_str(&listed.body).expect("json");
        assert_eq!(orders.len(), 1);
        assert_eq!(orders[0].pickup.verifier, None);
        assert_eq!(orders[0].pickup.key, None);
        for path in [
            "/sandbox/admin/orders".to_owned(),
            format!("/sandbox/admin/orders/{id}"),
        ] {
            let body = handle(&e, &faults, "GET", &path, None, "").body;
            assert!(
                !body.contains("PRIVATE KEY") && !body.contains("salt"),
                "{path}: {body}"
            );
        }

        let outbox = handle(&e, &faults, "GET", "/sandbox/admin/outbox", None, "");
        assert_eq!(outbox.status, 200);
        let emails: serde_json::Value = serde_json::from_str(&outbox.body).expect("json");
        let kinds: Vec<&str> = emails
            .as_array()
            .expect("a list")
            .iter()
            .filter_map(|m| m["kind"].as_str())
            .collect();
        assert_eq!(kinds, ["Issued", "Enrollment"]);
        assert!(!outbox.body.contains("Pickup#2024pw"));
    }

    #[test]
    fn decoding() {
        assert_eq!(percent_decode("a%20b+c%2"), "a b c%2");
        assert_eq!(percent_decode("%zz"), "%zz");
        assert_eq!(percent_decode("%é%"), "%é%");
    }
}
