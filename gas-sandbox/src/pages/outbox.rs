//! `GET /sandbox/outbox`: the e-mails GlobalSign would have sent, newest first.

use std::fmt::Write as _;

use super::{PageResponse, escape, time_text};
use crate::emulator::Emulator;
use crate::outbox::MAX_EMAILS;

pub(super) fn page(emulator: &Emulator) -> PageResponse {
    let emails = emulator.outbox().emails();
    let mut html = format!(
        "<p>What GlobalSign would have e-mailed outside the API: enrolment (pick-up), approval \
         and issuance notices, newest first (the newest {MAX_EMAILS} are kept). {} e-mail(s).</p>\n",
        emails.len()
    );
    if emails.is_empty() {
        html.push_str("<p><i>No e-mail yet: place an order.</i></p>\n");
    }
    for email in &emails {
        let _ = write!(
            html,
            "<h2 id=\"email-{id}\">{subject}</h2>\n<table>\
<tr><th>To</th><td>{to}</td></tr>\
<tr><th>Sent</th><td>{sent}</td></tr>\
<tr><th>Order</th><td>{order} <small>(account {account}, {kind:?})</small></td></tr>\
<tr><th>Body</th><td><pre>{body}</pre></td></tr>",
            id = email.id,
            subject = escape(&email.subject),
            to = email
                .to
                .as_deref()
                .map_or_else(|| "<i>no address in the order</i>".to_owned(), escape),
            sent = time_text(email.sent_at),
            order = escape(email.order_id.as_str()),
            account = escape(&email.account),
            kind = email.kind,
            body = escape(&email.body),
        );
        for link in &email.links {
            let _ = write!(
                html,
                "<tr><th>Link</th><td><a class=\"pickup-link\" href=\"{link}\">{link}</a></td></tr>",
                link = escape(link)
            );
        }
        html.push_str("</table>\n");
    }
    PageResponse::html(200, "Outbox", &html)
}
