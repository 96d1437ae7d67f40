//! The sandbox's web pages (issue 23): GlobalSign's out-of-API side for people, served by
//! the sandbox itself when the admin API is on. Plain server-rendered HTML, no script:
//! every action is a form.
//!
//! | page | for |
//! | --- | --- |
//! | `GET /sandbox/outbox` | the e-mails GlobalSign would have sent ([`crate::outbox`]), with their pick-up links |
//! | `GET/POST /sandbox/pickup/{id}` | the subscriber's pick-up: PickupPassword in, certificate file out ([`crate::pickup`]) |
//! | `GET /sandbox/operator` | orders by account with status and events; buttons for vetting, issuing, revocation, expiry; fault injection |
//!
//! The operator page's buttons go through [`crate::admin::handle`], the admin API's own
//! code. A POST whose `Origin` is another site is refused (a web page the user visits
//! cannot press the buttons). The PickupPassword is never logged nor written back into a
//! page.

mod operator;
mod outbox;
mod pickup;

use std::fmt::Write as _;

use crate::emulator::Emulator;
use crate::faults::FaultPlan;
use crate::model::{ActionCode, CertificateStatus, OrderStatus};

/// Paths below this prefix (other than the admin API's) are pages.
pub const PAGES_PREFIX: &str = "/sandbox/";
pub const OUTBOX_PATH: &str = "/sandbox/outbox";
pub const OPERATOR_PATH: &str = "/sandbox/operator";

/// A page's answer.
#[derive(Clone, PartialEq, Eq)]
pub struct PageResponse {
    pub status: u16,
    pub content_type: &'static str,
    pub body: Vec<u8>,
    /// `Location` of a 303 (after a form).
    pub location: Option<String>,
    /// `Content-Disposition` of a download.
    pub download_name: Option<String>,
}

impl std::fmt::Debug for PageResponse {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PageResponse")
            .field("status", &self.status)
            .field("content_type", &self.content_type)
            .field("body", &self.body.len())
            .field("location", &self.location)
            .field("download_name", &self.download_name)
            .finish()
    }
}

impl PageResponse {
    fn html(status: u16, title: &str, content: &str) -> Self {
        Self {
            status,
            content_type: "text/html; charset=utf-8",
            body: layout(title, content).into_bytes(),
            location: None,
            download_name: None,
        }
    }

    /// 303 to `location` (Post/Redirect/Get).
    fn see_other(location: String) -> Self {
        Self {
            status: 303,
            content_type: "text/plain; charset=utf-8",
            body: Vec::new(),
            location: Some(location),
            download_name: None,
        }
    }

    fn not_found() -> Self {
        Self::html(
            404,
            "Not found",
            "<p>No such page. See the <a href=\"/sandbox/outbox\">outbox</a> or the <a href=\"/sandbox/operator\">operator page</a>.</p>",
        )
    }
}

/// One page request: the method, the path (below [`PAGES_PREFIX`]), the query, whether a
/// POST came from this server's own pages, and the form body.
pub struct PageRequest<'a> {
    pub method: &'a str,
    pub path: &'a str,
    pub query: Option<&'a str>,
    pub same_origin: bool,
    pub form: &'a str,
}

/// Answers a page request.
pub fn handle(emulator: &Emulator, faults: &FaultPlan, request: &PageRequest<'_>) -> PageResponse {
    if request.method == "POST" && !request.same_origin {
        return PageResponse::html(
            403,
            "Refused",
            "<p>A form of another site was sent here; refused.</p>",
        );
    }
    let rest = request.path.strip_prefix(PAGES_PREFIX).unwrap_or("");
    let segments: Vec<&str> = rest.split('/').filter(|s| !s.is_empty()).collect();
    match (request.method, segments.as_slice()) {
        ("GET", []) => PageResponse::see_other(OPERATOR_PATH.to_owned()),
        ("GET", ["outbox"]) => outbox::page(emulator),
        ("GET", ["pickup", id]) => pickup::form(emulator, id),
        ("POST", ["pickup", id]) => {
            pickup::submit(emulator, id, &form_value(request.form, "password"))
        }
        ("GET", ["operator"]) => operator::page(emulator, faults, request.query),
        ("POST", ["operator", "orders", id, step]) => {
            operator::order_step(emulator, faults, id, step)
        }
        ("POST", ["operator", "faults"]) => operator::set_fault(emulator, faults, request.form),
        ("POST", ["operator", "faults", "clear"]) => operator::clear_faults(emulator, faults),
        _ => PageResponse::not_found(),
    }
}

/// A field of an `application/x-www-form-urlencoded` body (empty when absent).
fn form_value(form: &str, name: &str) -> String {
    form.split('&')
        .filter_map(|pair| pair.split_once('=').or(Some((pair, ""))))
        .find(|(key, _)| crate::admin::percent_decode(key) == name)
        .map(|(_, value)| crate::admin::percent_decode(value))
        .unwrap_or_default()
}

/// `%XX` encoding of a query value.
fn percent_encode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// Text made safe for HTML content and attribute values.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

const STYLE: &str = "body{font-family:sans-serif;margin:1.5em;color:#222;max-width:70em}\
nav a{margin-right:1em}h1{font-size:1.4em}h2{font-size:1.15em;margin-top:1.5em}\
table{border-collapse:collapse;margin:.5em 0}td,th{border:1px solid #bbb;padding:.3em .5em;text-align:left;vertical-align:top}\
th{background:#eee}pre{white-space:pre-wrap;margin:0}form.inline{display:inline}\
.msg{background:#eef6ee;border:1px solid #8b8;padding:.5em}.err{background:#fbeeee;border:1px solid #c88;padding:.5em}\
button{margin:.1em}small{color:#666;white-space:nowrap}";

fn layout(title: &str, content: &str) -> String {
    let mut page = String::new();
    let _ = write!(
        page,
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>{title} · gas-sandbox</title>\
<style>{STYLE}</style></head><body>\
<nav><b>gas-sandbox</b> · <a href=\"{OUTBOX_PATH}\">Outbox</a><a href=\"{OPERATOR_PATH}\">Operator</a></nav>\
<h1>{title}</h1>\n{content}\n</body></html>\n",
        title = escape(title),
    );
    page
}

/// Order status as section 14.3 names it.
fn status_name(status: OrderStatus) -> &'static str {
    match status {
        OrderStatus::Initial => "INITIAL",
        OrderStatus::CancelledNotIssued => "Cancelled – Not Issued",
        OrderStatus::IssueCompleted => "Issue completed",
        OrderStatus::CancelledIssued => "Cancelled – Issued",
        OrderStatus::WaitingForValidating => "Waiting for validating",
        OrderStatus::Validated => "Validated",
        OrderStatus::InitialExpired => "INITIAL_EXPIRED",
    }
}

/// Certificate status as section 14.4 names it.
fn certificate_status_name(status: CertificateStatus) -> &'static str {
    match status {
        CertificateStatus::Initial => "INITIAL",
        CertificateStatus::Issued => "Issued",
        CertificateStatus::Revoked => "Revoked",
        CertificateStatus::WaitingForRevocation => "Waiting for revocation",
    }
}

/// An event's action as section 14.5 names it.
fn action_name(action: ActionCode) -> &'static str {
    match action {
        ActionCode::Initial => "Initial",
        ActionCode::CertificateConfirmed => "Certificate confirmed",
        ActionCode::CertificateRejected => "Certificate rejected",
        ActionCode::RequestedForRa => "Certificate requested for RA",
        ActionCode::VettingComplete => "Vetting complete",
        ActionCode::VettingDenial => "Vetting denial",
        ActionCode::ApproverCancelled => "Approver cancelled",
        ActionCode::CertificateIssued => "Certificate issued",
        ActionCode::CancelledBeforeIssue => "Cancelled (before issue)",
        ActionCode::CancelledAfterIssue => "Cancelled (after issue)",
        ActionCode::CancelRequest => "Cancel request",
        ActionCode::RevokeRequest => "Revoke request",
        ActionCode::Revoked => "Revoked",
        ActionCode::ReIssued => "Re-issued",
        ActionCode::Transference => "Transference",
        ActionCode::Reissue => "Reissue",
        ActionCode::ErrorRecover => "Error recover",
        ActionCode::RevokeCancelled => "Revoke cancelled",
        ActionCode::ReIssueRequest => "Re-issue request",
        ActionCode::OriginOrderCancelRequest => "Origin order cancel request",
        ActionCode::ResendApproverEmail => "Resend approver e-mail",
        ActionCode::InitialExpired => "INITIAL_EXPIRED",
    }
}

/// `2026-01-05 09:00:00 UTC`.
fn time_text(at: time::OffsetDateTime) -> String {
    let at = at.to_offset(time::UtcOffset::UTC);
    let format =
        time::macros::format_description!("[year]-[month]-[day] [hour]:[minute]:[second] UTC");
    at.format(&format).unwrap_or_else(|_| at.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_and_forms() {
        assert_eq!(
            escape("<a href=\"x\">'&'</a>"),
            "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;"
        );
        assert_eq!(form_value("a=1&password=p%40ss+w&b", "password"), "p@ss w");
        assert_eq!(form_value("b", "password"), "");
        assert_eq!(percent_encode("a b/é"), "a%20b%2F%C3%A9");
    }
}
