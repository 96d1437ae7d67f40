//! `/sandbox/operator`: what GlobalSign's staff do in its web interface. Orders by account
//! with their status, events and pick-ups; a button per step the order allows (each a form
//! that goes through the admin API's code, [`crate::admin::handle`]); fault injection.

use std::fmt::Write as _;

use super::{
    OPERATOR_PATH, PageResponse, action_name, certificate_status_name, escape, form_value,
    percent_encode, status_name, time_text,
};
use crate::admin;
use crate::emulator::Emulator;
use crate::faults::FaultPlan;
use crate::model::{CertificateStatus, IssueType, Order, OrderStatus};

/// The page shows at most this many orders (the newest), so it stays small when a
/// long-running sandbox holds thousands.
const MAX_ORDERS_SHOWN: usize = 500;

/// The steps `order` allows, as (admin API step, button label).
fn steps(order: &Order) -> Vec<(&'static str, &'static str)> {
    let mut steps = Vec::new();
    if order.status == OrderStatus::WaitingForValidating {
        steps.push(("vet", "Complete vetting"));
    }
    if matches!(order.status, OrderStatus::Initial | OrderStatus::Validated) {
        steps.push((
            "issue",
            if order.issue_type == Some(IssueType::Register) {
                "Issue (REGISTER order)"
            } else {
                "Issue"
            },
        ));
    }
    if order.certificate_status == CertificateStatus::WaitingForRevocation {
        steps.push(("complete-revocation", "Complete revocation"));
    }
    if matches!(
        order.status,
        OrderStatus::Initial | OrderStatus::Validated | OrderStatus::WaitingForValidating
    ) {
        steps.push(("expire", "Expire (INITIAL_EXPIRED)"));
    }
    steps
}

pub(super) fn page(emulator: &Emulator, faults: &FaultPlan, query: Option<&str>) -> PageResponse {
    let mut html = String::new();
    let query = query.unwrap_or("");
    let message = form_value(query, "msg");
    if !message.is_empty() {
        let class = if form_value(query, "ok") == "1" {
            "msg"
        } else {
            "err"
        };
        let _ = writeln!(
            html,
            "<p class=\"{class}\" id=\"message\">{}</p>",
            escape(&message)
        );
    }
    let mut orders = emulator.admin_orders();
    let total = orders.len();
    if total > MAX_ORDERS_SHOWN {
        // The newest, still grouped by account.
        orders.sort_by(|a, b| b.id.cmp(&a.id));
        orders.truncate(MAX_ORDERS_SHOWN);
        orders.sort_by(|a, b| (&a.account, &a.id).cmp(&(&b.account, &b.id)));
        let _ = writeln!(
            html,
            "<h2>Orders</h2>\n<p>The newest {MAX_ORDERS_SHOWN} of {total} orders \
             (<code>GET /sandbox/admin/orders</code> lists them all).</p>"
        );
    } else {
        let _ = writeln!(html, "<h2>Orders</h2>\n<p>{total} order(s).</p>");
    }
    let mut account: Option<&str> = None;
    for order in &orders {
        if account != Some(order.account.as_str()) {
            if account.is_some() {
                html.push_str("</table>\n");
            }
            account = Some(&order.account);
            let _ = write!(
                html,
                "<h2>Account {}</h2>\n<table><tr><th>Order</th><th>Product</th><th>Status</th>\
<th>Certificate</th><th>Events</th><th>Pick-up</th><th>Steps</th></tr>\n",
                escape(&order.account)
            );
        }
        html.push_str(&order_row(emulator, order));
    }
    if account.is_some() {
        html.push_str("</table>\n");
    }
    html.push_str(&faults_section(faults));
    PageResponse::html(200, "Operator", &html)
}

fn order_row(emulator: &Emulator, order: &Order) -> String {
    let id = escape(order.id.as_str());
    let mut events = String::new();
    for event in &order.events {
        let _ = write!(
            events,
            "{} {} <small>{}</small><br>",
            escape(&event.name()),
            action_name(event.action),
            time_text(event.timestamp)
        );
    }
    let mut pickup = match (&order.pickup.verifier, &order.pickup_email) {
        (None, _) => "<small>no PickupPassword</small><br>".to_owned(),
        (Some(_), to) => format!(
            "<a href=\"{}\">pick-up page</a><br><small>e-mails to {}</small><br>",
            escape(&emulator.outbox().pickup_url(&order.id)),
            escape(to.as_deref().unwrap_or("(no address)"))
        ),
    };
    for event in &order.pickup.log {
        let _ = write!(
            pickup,
            "{} <small>{}</small><br>",
            event.outcome.describe(),
            time_text(event.at)
        );
    }
    let mut buttons = String::new();
    for (step, label) in steps(order) {
        let _ = write!(
            buttons,
            "<form class=\"inline\" method=\"post\" action=\"{OPERATOR_PATH}/orders/{id}/{step}\">\
<button type=\"submit\" id=\"{step}-{id}\">{label}</button></form> "
        );
    }
    format!(
        "<tr id=\"order-{id}\"><td>{id}<br><small>{kind}</small></td><td>{product}</td>\
<td>{status_code} {status}</td><td>{cert_code} {cert}</td><td>{events}</td><td>{pickup}</td><td>{buttons}</td></tr>\n",
        kind = order.kind.as_str(),
        product = order.product,
        status_code = order.status.code(),
        status = status_name(order.status),
        cert_code = order.certificate_status.code(),
        cert = certificate_status_name(order.certificate_status),
    )
}

fn faults_section(faults: &FaultPlan) -> String {
    let mut html = String::from("<h2>Fault injection</h2>\n");
    let rules = faults.rules();
    if rules.is_empty() {
        html.push_str("<p>No fault rule: every request is answered normally.</p>\n");
    } else {
        html.push_str("<table><tr><th>Operation</th><th>Rule</th></tr>");
        for (operation, rule) in &rules {
            let _ = write!(
                html,
                "<tr><td>{}</td><td><code>{}</code></td></tr>",
                escape(operation),
                escape(&format!("{rule:?}"))
            );
        }
        let _ = writeln!(
            html,
            "</table><form method=\"post\" action=\"{OPERATOR_PATH}/faults/clear\">\
<button type=\"submit\" id=\"clear-faults\">Clear every rule</button></form>"
        );
    }
    let mut operations = String::from("<option value=\"*\">every operation (*)</option>");
    for operation in gas_client::operations::OPERATIONS {
        let _ = write!(operations, "<option>{}</option>", operation.name);
    }
    let _ = writeln!(
        html,
        "<form method=\"post\" action=\"{OPERATOR_PATH}/faults\"><p>\
<label>Operation <select name=\"operation\">{operations}</select></label> \
<label>Action <select name=\"action\"><option value=\"api-error\">API error</option>\
<option value=\"soap-fault\">SOAP fault</option><option value=\"http-status\">HTTP status</option>\
<option value=\"drop\">drop the connection</option><option value=\"delay\">delay only</option></select></label> \
<label>code <input name=\"code\" value=\"-201\" size=\"6\"></label> \
<label>status <input name=\"status\" value=\"503\" size=\"4\"></label> \
<label>message <input name=\"message\" value=\"Fault injected by gas-sandbox\"></label> \
<label>delay ms <input name=\"delay_ms\" size=\"6\"></label> \
<label>times <input name=\"times\" size=\"4\"></label> \
<label><input type=\"checkbox\" name=\"after_commit\" value=\"true\"> after carrying the request out (the answer is lost)</label> \
<button type=\"submit\" id=\"set-fault\">Set the rule</button></p></form>"
    );
    html
}

/// Back to the operator page with the outcome.
fn back(ok: bool, message: &str, anchor: &str) -> PageResponse {
    PageResponse::see_other(format!(
        "{OPERATOR_PATH}?ok={}&msg={}{anchor}",
        u8::from(ok),
        percent_encode(message)
    ))
}

pub(super) fn order_step(
    emulator: &Emulator,
    faults: &FaultPlan,
    id: &str,
    step: &str,
) -> PageResponse {
    let answer = admin::handle(
        emulator,
        faults,
        "POST",
        &format!("{}orders/{id}/{step}", admin::ADMIN_PREFIX),
        None,
        "",
    );
    let ok = answer.status == 200;
    let message = if ok {
        format!("{id}: {step} done.")
    } else {
        format!("{id}: {step} refused: {}", answer.body.trim())
    };
    back(ok, &message, &format!("#order-{}", percent_encode(id)))
}

pub(super) fn set_fault(emulator: &Emulator, faults: &FaultPlan, form: &str) -> PageResponse {
    let operation = form_value(form, "operation");
    let known = operation == crate::faults::ANY_OPERATION
        || gas_client::operations::OPERATIONS
            .iter()
            .any(|o| o.name == operation);
    if !known {
        return back(false, &format!("no operation {operation:?}"), "");
    }
    let action = form_value(form, "action");
    let mut query = format!("action={}", percent_encode(&action));
    let parameters: &[&str] = match action.as_str() {
        "api-error" => &["code"],
        "soap-fault" => &["message"],
        "http-status" => &["status"],
        _ => &[],
    };
    for name in parameters
        .iter()
        .chain(&["delay_ms", "times", "after_commit"])
    {
        let value = form_value(form, name);
        if !value.trim().is_empty() {
            let _ = write!(query, "&{name}={}", percent_encode(value.trim()));
        }
    }
    let answer = admin::handle(
        emulator,
        faults,
        "PUT",
        &format!("{}faults/{operation}", admin::ADMIN_PREFIX),
        Some(&query),
        "",
    );
    back(answer.status == 200, answer.body.trim(), "")
}

pub(super) fn clear_faults(emulator: &Emulator, faults: &FaultPlan) -> PageResponse {
    let answer = admin::handle(
        emulator,
        faults,
        "DELETE",
        &format!("{}faults", admin::ADMIN_PREFIX),
        None,
        "",
    );
    back(answer.status == 200, "Every fault rule cleared.", "")
}
