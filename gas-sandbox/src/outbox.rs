//! The e-mails GlobalSign would send outside the API (issue 23), recorded instead of sent:
//! every order flow in the spec ends "(out of API) Customer receives approval email and
//! certificate", and ResendEmail resends the enrolment e-mail.
//!
//! E-mails follow an order's modification events, so every path that changes an order
//! (API, admin API, pages, pick-up) sends the same ones:
//!
//! | event | e-mail | to |
//! | --- | --- | --- |
//! | 0 order placed | enrolment: the pick-up link | the pick-up address |
//! | 26 ResendEmail (ENROLLMENT) | the enrolment e-mail again | the pick-up address |
//! | 4 vetting complete | approval | the Subscriber's Email, else the pick-up address |
//! | 7 certificate issued | issued: the pick-up link | the pick-up address |
//!
//! The pick-up address is the DN's Email, else the Subscriber's (spec L1872–1873, ERRATA
//! E70). No e-mail carries the PickupPassword. The outbox keeps the newest
//! [`MAX_EMAILS`] in memory (a restart empties it; pick-up links stay valid).

use std::collections::VecDeque;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, OnceLock, PoisonError};

use serde::Serialize;
use time::OffsetDateTime;

use crate::model::{ActionCode, ModificationEvent, Order, OrderId};

/// How many e-mails the outbox keeps; older ones are dropped.
pub const MAX_EMAILS: usize = 1000;

/// Where pick-up pages live, below the server's address.
pub const PICKUP_PATH: &str = "/sandbox/pickup/";

/// Which e-mail.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum EmailKind {
    /// The enrolment (pick-up) e-mail: what ResendEmail's `ENROLLMENT` resends.
    Enrollment,
    /// Vetting is complete: the order is approved.
    Approval,
    /// The certificate is issued and can be picked up.
    Issued,
}

/// One recorded e-mail.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Email {
    pub id: u64,
    pub kind: EmailKind,
    pub order_id: OrderId,
    /// The account that placed the order.
    pub account: String,
    /// `None` when the order names no address at all (nothing would be sent).
    pub to: Option<String>,
    pub subject: String,
    pub body: String,
    /// The links in the body (the pick-up page).
    pub links: Vec<String>,
    #[serde(with = "time::serde::rfc3339")]
    pub sent_at: OffsetDateTime,
}

/// See the module docs.
#[derive(Debug, Default)]
pub struct Outbox {
    /// `http://host:port` of the server, once it listens; links are paths until then.
    base_url: OnceLock<String>,
    emails: Mutex<VecDeque<Email>>,
    next_id: AtomicU64,
}

impl Outbox {
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets the server address the links start with (once; later calls are ignored).
    pub fn set_base_url(&self, base: &str) {
        let _ = self.base_url.set(base.trim_end_matches('/').to_owned());
    }

    /// The pick-up page of an order.
    pub fn pickup_url(&self, order: &OrderId) -> String {
        let base = self.base_url.get().map_or("", String::as_str);
        format!("{base}{PICKUP_PATH}{order}")
    }

    /// Every kept e-mail, newest first.
    pub fn emails(&self) -> Vec<Email> {
        self.lock().iter().rev().cloned().collect()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, VecDeque<Email>> {
        self.emails.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Records the e-mails that `new_events` of `order` cause.
    pub(crate) fn order_changed(&self, order: &Order, new_events: &[ModificationEvent]) {
        for event in new_events {
            if let Some(email) = self.email_for(order, event) {
                tracing::info!(
                    order = %order.id,
                    kind = ?email.kind,
                    to = email.to.as_deref().unwrap_or("(no address)"),
                    "e-mail recorded in the outbox"
                );
                let mut emails = self.lock();
                if emails.len() == MAX_EMAILS {
                    emails.pop_front();
                }
                emails.push_back(email);
            }
        }
    }

    fn email_for(&self, order: &Order, event: &ModificationEvent) -> Option<Email> {
        let pickup_url = self.pickup_url(&order.id);
        let can_pick_up = order.pickup.verifier.is_some();
        let pickup_line = if can_pick_up {
            format!(
                "Pick up your certificate here, with the PickupPassword given when the order was placed:\n{pickup_url}\n"
            )
        } else {
            "The order was placed without a PickupPassword: the certificate is delivered through \
             the API (GetOrderByOrderID) to the account that ordered it.\n"
                .to_owned()
        };
        let links = if can_pick_up {
            vec![pickup_url.clone()]
        } else {
            Vec::new()
        };
        let product = order.product.as_str();
        let id = &order.id;
        let (kind, to, subject, body) = match event.action {
            ActionCode::Initial | ActionCode::ResendApproverEmail => {
                let resent = event.action == ActionCode::ResendApproverEmail;
                let when = if order.product.needs_vetting() && order.certificate.is_none() {
                    "Once GlobalSign has vetted the order you can pick the certificate up.\n"
                } else {
                    ""
                };
                (
                    EmailKind::Enrollment,
                    order.pickup_email.clone(),
                    format!(
                        "{}Your {product} certificate order {id}",
                        if resent { "(resent) " } else { "" }
                    ),
                    format!(
                        "Your certificate order {id} ({product}) was placed by account {}.\n{when}{pickup_line}",
                        order.account
                    ),
                )
            }
            ActionCode::VettingComplete => (
                EmailKind::Approval,
                order
                    .subscriber
                    .email
                    .clone()
                    .or_else(|| order.pickup_email.clone()),
                format!("Order {id} approved"),
                format!("GlobalSign has completed vetting for order {id} ({product}).\n"),
            ),
            ActionCode::CertificateIssued => (
                EmailKind::Issued,
                order.pickup_email.clone(),
                format!("Your {product} certificate is ready ({id})"),
                format!(
                    "The certificate of order {id} ({product}) has been issued.\n{pickup_line}"
                ),
            ),
            _ => return None,
        };
        Some(Email {
            id: self.next_id.fetch_add(1, Ordering::Relaxed) + 1,
            kind,
            order_id: order.id.clone(),
            account: order.account.clone(),
            to,
            subject,
            links: if kind == EmailKind::Approval {
                Vec::new()
            } else {
                links
            },
            body,
            sent_at: event.timestamp,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lifecycle::{NewOrder, create_order};
    use crate::model::OrderOperation;
    use crate::pickup::PasswordVerifier;

    #[test]
    fn events_become_emails_to_the_addresses_the_spec_names() {
        let outbox = Outbox::new();
        outbox.set_base_url("http://127.0.0.1:9/");
        let mut request = NewOrder::minimal(OrderOperation::OrderQc);
        // ERRATA E70: no DN Email, so the Subscriber's receives the pick-up e-mails.
        request.subscriber.email = Some("subscriber@example.com".into());
        request.pickup_password = PasswordVerifier::new("Pickup#2024pw");
        let mut order = create_order(
            OrderId::from_sequence(1),
            "alice",
            request,
            None,
            OffsetDateTime::UNIX_EPOCH,
        );
        outbox.order_changed(&order, &order.events.clone());
        crate::lifecycle::complete_vetting(&mut order, OffsetDateTime::UNIX_EPOCH).expect("vet");
        outbox.order_changed(&order, &order.events[order.events.len() - 1..]);
        let emails = outbox.emails();
        assert_eq!(emails.len(), 2, "{emails:#?}");
        let (approval, enrolment) = (&emails[0], &emails[1]);
        assert_eq!(enrolment.kind, EmailKind::Enrollment);
        assert_eq!(enrolment.to.as_deref(), Some("subscriber@example.com"));
        assert_eq!(
            enrolment.links,
            ["http://127.0.0.1:9/sandbox/pickup/CESB0000000001"]
        );
        assert!(enrolment.body.contains(&enrolment.links[0]));
        assert!(!enrolment.body.contains("Pickup#2024pw"));
        assert_eq!(approval.kind, EmailKind::Approval);
        assert!(approval.links.is_empty());
    }

    #[test]
    fn the_outbox_keeps_the_newest() {
        let outbox = Outbox::new();
        let mut request = NewOrder::minimal(OrderOperation::OrderPs1);
        request.subject.email = Some("dn@example.com".into());
        let order = create_order(
            OrderId::from_sequence(1),
            "alice",
            request,
            None,
            OffsetDateTime::UNIX_EPOCH,
        );
        for _ in 0..MAX_EMAILS + 5 {
            outbox.order_changed(&order, &order.events);
        }
        let emails = outbox.emails();
        assert_eq!(emails.len(), MAX_EMAILS);
        assert_eq!(emails[0].id, (MAX_EMAILS + 5) as u64);
        assert_eq!(emails[0].to.as_deref(), Some("dn@example.com"));
        assert!(
            emails[0].links.is_empty(),
            "no PickupPassword, no pick-up link"
        );
    }
}
