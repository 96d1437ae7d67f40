//! What to do about an error code, chosen by the code, the operation that got it, the
//! element it names (`ErrorField`) and whether `gas` found it before sending.
//!
//! The spec's section 16.2 gives one line of advice per code, written for one situation:
//! −9202 "Order request not permitted" talks about renewals, −9920 "Not Permitted" about
//! coupons, −102 about "the error returned with the API response". The same codes come
//! back for a second revocation, a reissue of an unissued order or a resend on an issued
//! one, and `gas` finds −102 itself before anything is sent. This module picks the advice
//! that fits; the spec's line is the fallback.

/// Where a problem was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// By `gas`, before sending: nothing reached GlobalSign.
    Local,
    /// By GlobalSign, in its answer.
    Server,
}

/// The advice for `code` met by `operation` (its WSDL name) at `field`; `spec` is the
/// spec's own advice for the code, used when nothing more specific applies.
pub fn choose(
    code: &str,
    operation: &str,
    field: Option<&str>,
    origin: Origin,
    spec: Option<&str>,
) -> Option<String> {
    let field = field.unwrap_or_default();
    let about = |name: &str| {
        field
            .to_ascii_lowercase()
            .contains(&name.to_ascii_lowercase())
    };
    let renewal = about("Renewal") || about("OrderKind");
    let coupon = about("Coupon") || about("Campaign");
    let state = order_state_advice(operation);
    let local = |what: &str| format!("gas found this before sending, so nothing was sent: {what}");
    let advice = match (code.trim(), origin) {
        ("-102", Origin::Local) => local("give the field named above (see `gas order template`)."),
        ("-103", Origin::Local) => local("shorten or lengthen the field named above to the length it allows."),
        ("-104", Origin::Local) => local("write the field named above in the format it takes."),
        ("-105", Origin::Local) => local("these fields cannot be combined this way; change one of them."),
        ("-9201", Origin::Local) => local("set only one of HasCSR and PKCS12Option to true."),
        ("-9917", Origin::Local) => local("give either a Coupon or a Campaign, not both."),
        ("-102" | "-103" | "-104" | "-105", Origin::Server) if !field.is_empty() => format!(
            "GlobalSign named {field}: fix it and send again (`--dry-run` shows what gas sends)."
        ),
        ("-9202", _) if renewal => {
            "A renewal must be of the original order's product, by the account that placed it; check the RenewalTargetOrderID."
                .to_owned()
        }
        ("-9920", _) if coupon => "A coupon or campaign is not permitted here; send the order without it.".to_owned(),
        ("-9202" | "-9920", _) => match state {
            Some(state) => state.to_owned(),
            None => spec?.to_owned(),
        },
        ("-9915", _) if operation == "ModifyOrder" => {
            "The order is already cancelled; there is nothing left to cancel or revoke.".to_owned()
        }
        _ => spec?.to_owned(),
    };
    Some(advice)
}

/// Why an operation on an existing order is refused: its state does not allow it.
fn order_state_advice(operation: &str) -> Option<&'static str> {
    Some(match operation {
        "ModifyOrder" => {
            "The order's status does not allow this change: an order can be cancelled only before its certificate is issued, and a certificate revoked only once it is issued (and not already revoked). `gas get ORDER-ID` shows the status."
        }
        "ReIssue" => {
            "Only an order whose certificate is issued and not revoked can be reissued. `gas get ORDER-ID` shows the status."
        }
        "ResendEmail" => {
            "An order's e-mail can be sent again only while the order waits for the subscriber (before the certificate is issued). `gas get ORDER-ID` shows the status."
        }
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const SPEC_9202: &str = "This order request is not permitted, e.g. switching to another product when renewing. Renew with the original order's product.";
    const SPEC_9920: &str = "A Coupon is not permitted for this action; order without it.";

    #[test]
    fn not_permitted_fits_the_operation_and_field() {
        let revoke = choose(
            "-9202",
            "ModifyOrder",
            Some("OrderID"),
            Origin::Server,
            Some(SPEC_9202),
        )
        .unwrap();
        assert!(revoke.contains("revoked only once"), "{revoke}");
        assert!(!revoke.contains("renew"), "{revoke}");
        let reissue = choose(
            "-9202",
            "ReIssue",
            Some("OrderID"),
            Origin::Server,
            Some(SPEC_9202),
        )
        .unwrap();
        assert!(reissue.contains("reissued"), "{reissue}");
        let resend = choose(
            "-9920",
            "ResendEmail",
            None,
            Origin::Server,
            Some(SPEC_9920),
        )
        .unwrap();
        assert!(!resend.contains("oupon"), "{resend}");
        let renewal = choose(
            "-9202",
            "OrderPS1",
            Some("RenewalTergetOrderID"),
            Origin::Server,
            Some(SPEC_9202),
        )
        .unwrap();
        assert!(renewal.contains("renewal"), "{renewal}");
        let coupon = choose(
            "-9920",
            "OrderPS1",
            Some("Coupon"),
            Origin::Server,
            Some(SPEC_9920),
        )
        .unwrap();
        assert!(coupon.contains("coupon"), "{coupon}");
        assert_eq!(
            choose("-9202", "OrderPS1", None, Origin::Server, Some(SPEC_9202)).as_deref(),
            Some(SPEC_9202)
        );
    }

    #[test]
    fn local_refusals_say_nothing_was_sent() {
        let spec = "Mandatory parameter missing. Please check the specific error message returned with the API response.";
        let local = choose(
            "-102",
            "OrderPS2",
            Some("DnAttributes/Email"),
            Origin::Local,
            Some(spec),
        )
        .unwrap();
        assert!(local.contains("nothing was sent"), "{local}");
        assert!(!local.contains("API response"), "{local}");
        let server = choose(
            "-102",
            "OrderPS2",
            Some("DnAttributes/Email"),
            Origin::Server,
            Some(spec),
        )
        .unwrap();
        assert!(server.contains("DnAttributes/Email"), "{server}");
        assert!(choose("-77777", "OrderPS2", None, Origin::Server, None).is_none());
    }
}
