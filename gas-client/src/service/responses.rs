//! Accessors on response types: values a successful answer is guaranteed to carry (see
//! [`MissingElement`]), and what the spec leaves as text.

use std::fmt;

use crate::generated::types::{
    self, ModificationActionCode, ModificationEvent, ModificationResultCode,
};

/// An element a successful answer always carries was not in it (a server that broke the
/// spec's promise): what [`order_id()`](types::PcV2OrderPS2Response::order_id) and the
/// other accessors for guaranteed values return instead of panicking.
///
/// # What success guarantees
///
/// A field the WSDL makes optional only because a refused request lacks it has a
/// `Result`-returning accessor: `order_id()` on the eight order answers, on ReIssue's (the
/// new order) and on ModifyOrder's (the order cancelled or revoked; section 12.2 lists
/// `OrderID` as always present). Fields the spec's outlines mark optional even on success
/// have none, as nothing promises them:
/// - GetOrderByOrderID's `OrderDetail` (section 13.1: `(<OrderDetail> … )?`), and in any
///   `OrderDetail` (also GetOrders' and GetModifiedOrders') its `OrderInfo` and
///   `OrderSubInfo`, and the `OrderOption`, `CertificateInfo` and `Fulfillment` the
///   `Return*` flags ask for;
/// - GetModifiedOrders' `FromDate` and `ToDate` (section 13.2: `<FromDate>?`);
/// - ResendEmail's answer carries nothing besides its header.
///
/// Elements an outline marks required are plain fields already (`OrderInfo::order_id` is
/// a `String`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MissingElement {
    /// The element's path in the answer (`OrderPS2Response/Response/OrderID`).
    pub path: &'static str,
}

impl fmt::Display for MissingElement {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "the answer has no {} although it succeeded", self.path)
    }
}

impl std::error::Error for MissingElement {}

/// `order_id()` on the answers whose success means an `OrderID` was given.
macro_rules! order_id_accessors {
    ($($ty:ident: $path:literal;)*) => {$(
        impl types::$ty {
            /// The `OrderID` GlobalSign gave: every successful answer carries it (the field
            /// `order_id` is an `Option` because the WSDL makes it optional and a refused
            /// request has none). `Err` names the element when a server left it out or
            /// sent it empty.
            pub fn order_id(&self) -> Result<&str, MissingElement> {
                self.order_id
                    .as_deref()
                    .map(str::trim)
                    .filter(|id| !id.is_empty())
                    .ok_or(MissingElement { path: $path })
            }
        }
    )*};
}

order_id_accessors! {
    PcV2OrderOSResponse: "OrderOSResponse/Response/OrderID";
    PcV2OrderOSEVResponse: "OrderOSEVResponse/Response/OrderID";
    PcV2OrderPS1Response: "OrderPS1Response/Response/OrderID";
    PcV2OrderPS2Response: "OrderPS2Response/Response/OrderID";
    PcV2OrderPS2DeptResponse: "OrderPS2DeptResponse/Response/OrderID";
    PcV2OrderPS2ProResponse: "OrderPS2ProResponse/Response/OrderID";
    PcV2OrderAATLResponse: "OrderAATLResponse/Response/OrderID";
    PcV2OrderQCResponse: "OrderQCResponse/Response/OrderID";
    PcV2ReIssueResponse: "ReIssueResponse/Response/OrderID";
    PcV2ModifyOrderResponse: "ModifyOrderResponse/Response/OrderID";
}

impl ModificationEvent {
    /// The action-code part of `ModificationEventName` (section 14.5: `7,0` is action 7,
    /// "Certificate issued", with result 0, "Succeed"), typed; `None` when the name is not
    /// two numeric codes (GlobalSign's other APIs write names such as `ORDER_REQUEST` in
    /// this element: ERRATA E78). An action code the spec does not list is `Other`.
    pub fn action(&self) -> Option<ModificationActionCode> {
        let (action, _) = self.codes()?;
        Some(
            action
                .parse()
                .unwrap_or(ModificationActionCode::Other(action.to_owned())),
        )
    }

    /// The result-code part of `ModificationEventName` (0 succeeded, 1 warning, −1 error),
    /// typed as [`action`](Self::action) is.
    pub fn result(&self) -> Option<ModificationResultCode> {
        let (_, result) = self.codes()?;
        Some(
            result
                .parse()
                .unwrap_or(ModificationResultCode::Other(result.to_owned())),
        )
    }

    /// The two numeric parts of the name, split at its one separator (`,`, `_`, `:`, `/`,
    /// `;` or a space: the spec never shows which; ERRATA E78).
    fn codes(&self) -> Option<(&str, &str)> {
        let name = self.modification_event_name.trim();
        let number = |s: &str| {
            let digits = s.strip_prefix('-').unwrap_or(s);
            !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit())
        };
        // The separator follows the action code's digits (which never start with `-`).
        let at = name.find(|c: char| !c.is_ascii_digit())?;
        let (action, rest) = name.split_at(at);
        let sep = rest.chars().next()?;
        if !matches!(sep, ',' | '_' | ':' | '/' | ';' | ' ') {
            return None;
        }
        let result = rest[sep.len_utf8()..].trim();
        (number(action) && number(result)).then_some((action, result))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event(name: &str) -> ModificationEvent {
        ModificationEvent {
            modification_event_name: name.to_owned(),
            ..Default::default()
        }
    }

    #[test]
    fn order_id_is_there_or_a_named_error() {
        let mut r = types::PcV2OrderPS2Response {
            order_id: Some("CE20240001".into()),
            ..Default::default()
        };
        assert_eq!(r.order_id(), Ok("CE20240001"));
        r.order_id = Some("  ".into());
        let e = r.order_id().unwrap_err();
        assert_eq!(e.path, "OrderPS2Response/Response/OrderID");
        assert!(
            e.to_string().contains("OrderPS2Response/Response/OrderID"),
            "{e}"
        );
        r.order_id = None;
        assert!(r.order_id().is_err());
    }

    #[test]
    fn modify_order_answers_name_their_order() {
        let mut r = types::PcV2ModifyOrderResponse {
            order_id: Some(" CE20240002 ".into()),
            ..Default::default()
        };
        assert_eq!(r.order_id(), Ok("CE20240002"));
        r.order_id = None;
        assert_eq!(
            r.order_id().unwrap_err().path,
            "ModifyOrderResponse/Response/OrderID"
        );
    }

    #[test]
    fn event_names_split_into_typed_codes() {
        let e = event("7,0");
        assert_eq!(
            e.action().map(|a| a.label().to_owned()).as_deref(),
            Some("Certificate issued")
        );
        assert_eq!(
            e.result().map(|r| r.label().to_owned()).as_deref(),
            Some("Succeed")
        );
        assert_eq!(
            event("12_-1")
                .result()
                .map(|r| r.as_str().to_owned())
                .as_deref(),
            Some("-1")
        );
        assert_eq!(
            event("99, 1").action(),
            Some(ModificationActionCode::Other("99".into()))
        );
        for odd in ["ORDER_REQUEST", "", "7", "7,", ",0", "-7,0", "7,x", "7-0"] {
            assert_eq!(event(odd).action(), None, "{odd:?}");
            assert_eq!(event(odd).result(), None, "{odd:?}");
        }
    }
}
