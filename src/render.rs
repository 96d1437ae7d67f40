//! How answers are shown: aligned tables and key/value blocks for people, JSON lines for
//! scripts.
//!
//! Answers arrive as JSON values keyed by element names (see [`rekey`]): the same names
//! the spec, the order files and `jq` filters use (`OrderInfo.OrderID`). Lists that the
//! WSDL wraps (`Errors/Error`, `CACertificates/CACertificate`,
//! `ModificationEvents/ModificationEvent`) are plain arrays under the wrapper's name.

use serde_json::{Map, Value};

use crate::lenient::normalized;
use crate::overlay::Overlay;
use crate::shape::Node;
use crate::table::{Table, key_values};

/// Renames the keys of a serialized generated value (snake_case) to the element names of
/// `node`, drops absent (`null`) values, and keeps collapsed list wrappers as arrays.
pub fn rekey(value: Value, node: &Node) -> Value {
    match value {
        Value::Object(map) => {
            let mut out = Map::new();
            for (key, value) in map {
                if value.is_null() {
                    continue;
                }
                let wanted = normalized(&key);
                match node
                    .children()
                    .iter()
                    .find(|c| normalized(&c.decl.name) == wanted)
                {
                    Some(child) => {
                        out.insert(child.decl.name.clone(), rekey(value, child));
                    }
                    None => {
                        out.insert(key, value);
                    }
                }
            }
            Value::Object(out)
        }
        Value::Array(items) => {
            // A collapsed wrapper (`Errors` holding `Error` items) or a repeated element.
            let item_node = match node.children() {
                [only] if only.decl.is_list() && !node.decl.is_list() => only,
                _ => node,
            };
            Value::Array(items.into_iter().map(|v| rekey(v, item_node)).collect())
        }
        scalar => scalar,
    }
}

/// The text of a scalar (strings as they are, numbers and booleans written out).
pub fn text(value: Option<&Value>) -> String {
    match value {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Number(n)) => n.to_string(),
        Some(Value::Bool(b)) => b.to_string(),
        _ => String::new(),
    }
}

/// Follows a path of element names (`OrderInfo/OrderID`).
pub fn at<'a>(value: &'a Value, path: &str) -> Option<&'a Value> {
    path.split('/').try_fold(value, |v, key| v.get(key))
}

/// The items of a list that may have been written either collapsed (an array) or as its
/// wrapper (`{ "CACertificate": [...] }`), or as a single item.
pub fn items<'a>(value: Option<&'a Value>, item: &str) -> Vec<&'a Value> {
    match value {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::Array(list)) => list.iter().collect(),
        Some(Value::Object(map)) if map.len() == 1 && map.contains_key(item) => {
            items(map.get(item), item)
        }
        Some(single) => vec![single],
    }
}

/// A value with its allowed-value meaning from the overlay: `4 (Issue completed)`.
pub fn with_meaning(overlay: &Overlay, set: &str, value: &str) -> String {
    if value.is_empty() {
        return String::new();
    }
    let meaning = overlay
        .value_set(set)
        .and_then(|s| s.values.iter().find(|v| v.value == value))
        .map(|v| {
            // The first sentence, without its full stop or a parenthesis.
            let doc = v.doc.as_deref().unwrap_or_default();
            let doc = doc.split(". ").next().unwrap_or(doc);
            let doc = doc.split(" (").next().unwrap_or(doc);
            doc.trim_end_matches('.').to_owned()
        });
    match meaning {
        Some(m) if !m.is_empty() => format!("{value} ({m})"),
        _ => value.to_owned(),
    }
}

/// The result of an order, reissue, cancel, revoke or resend: the lines a person reads.
pub fn change_summary(operation: &str, response: &Value) -> String {
    let mut pairs = vec![("Operation", operation.to_owned())];
    pairs.push(("OrderID", text(response.get("OrderID"))));
    pairs.push(("RegistrationURL", text(response.get("RegistrationURL"))));
    pairs.push((
        "Timestamp",
        text(at(response, "OrderResponseHeader/Timestamp")),
    ));
    key_values(pairs)
}

/// `gas get`: the order's details, then its certificate and events when returned.
pub fn order_detail(detail: &Value, overlay: &Overlay) -> String {
    let info = |p: &str| text(at(detail, &format!("OrderInfo/{p}")));
    let mut out = key_values([
        ("OrderID", info("OrderID")),
        (
            "Product",
            with_meaning(overlay, "ProductCode", &info("ProductCode")),
        ),
        ("Kind", info("OrderKind")),
        (
            "Status",
            with_meaning(overlay, "OrderStatus", &info("OrderStatus")),
        ),
        ("Ordered", info("OrderDate")),
        ("Completed", info("OrderCompleteDate")),
        ("Cancelled", info("OrderCanceledDate")),
        ("Deactivated", info("OrderDeactivatedDate")),
        ("Requested", info("RequestDate")),
        ("Issued", info("IssueDate")),
        ("Not before", info("ValidityPeriod/NotBefore")),
        ("Not after", info("ValidityPeriod/NotAfter")),
        ("Reissue of", info("OriginalOrderIDForReIssue")),
        ("Cancel requested", info("CancelRequestDate")),
        ("Revoke requested", info("RevokeRequestDate")),
        ("Price", {
            let price = info("Price");
            let currency = info("Currency");
            if price.is_empty() {
                String::new()
            } else {
                format!("{price} {currency}").trim().to_owned()
            }
        }),
        ("SubID", text(at(detail, "OrderSubInfo/SubID"))),
        (
            "P12 deleted",
            text(at(detail, "OrderSubInfo/P12DeleteDate")),
        ),
    ]);
    if let Some(cert) = detail.get("CertificateInfo") {
        let c = |p: &str| text(cert.get(p));
        out.push_str("\nCertificate\n");
        out.push_str(&indent(&key_values([
            (
                "Status",
                with_meaning(overlay, "CertificateStatus", &c("CertificateStatus")),
            ),
            ("Subject", c("SubjectName")),
            ("Common name", c("CommonName")),
            ("Email", c("Email")),
            ("Organization", c("Organization")),
            ("Unit", c("OrganizationUnit")),
            ("Country", c("Country")),
            ("Valid from", c("StartDate")),
            ("Valid to", c("EndDate")),
            ("Serial (DN)", c("DNSerialNumber")),
        ])));
    }
    if let Some(option) = detail.get("OrderOption") {
        let o = |p: &str| text(at(option, p));
        out.push_str("\nOrganization\n");
        out.push_str(&indent(&key_values([
            ("Name", o("OrganizationInfo/OrganizationName")),
            ("City", o("OrganizationInfo/OrganizationAddress/City")),
            ("Country", o("OrganizationInfo/OrganizationAddress/Country")),
            (
                "Requestor",
                format!(
                    "{} {} {}",
                    o("RequestorInfo/FirstName"),
                    o("RequestorInfo/LastName"),
                    o("RequestorInfo/Email")
                )
                .trim()
                .to_owned(),
            ),
        ])));
    }
    let fulfillment = detail.get("Fulfillment");
    let has_cert = fulfillment
        .and_then(|f| at(f, "PcCertificate/X509Cert"))
        .is_some_and(|v| !text(Some(v)).is_empty());
    let ca_count = items(
        fulfillment.and_then(|f| f.get("CACertificates")),
        "CACertificate",
    )
    .len();
    if has_cert || ca_count > 0 {
        out.push_str(&format!(
            "\nFulfillment: {}{} CA certificate{} (write them with `gas certificate {} --out DIR`)\n",
            if has_cert { "certificate, " } else { "" },
            ca_count,
            if ca_count == 1 { "" } else { "s" },
            info("OrderID"),
        ));
    }
    let events = items(detail.get("ModificationEvents"), "ModificationEvent");
    if !events.is_empty() {
        let mut table = Table::new(["WHEN", "EVENT", "MEANING"]);
        for event in events {
            let name = text(event.get("ModificationEventName"));
            table.row([
                text(event.get("ModificationEventTimestamp")),
                name.clone(),
                event_meaning(overlay, &name),
            ]);
        }
        out.push_str("\nEvents\n");
        out.push_str(&indent(&table.render()));
    }
    out
}

/// A ModificationEventName is `<action code>,<result code>` (section 14.5: `7,0`); says
/// what both mean when they are known.
pub fn event_meaning(overlay: &Overlay, name: &str) -> String {
    let (action, result) = match name.split_once(',') {
        Some((action, result)) => (action.trim(), result.trim()),
        None => (name.trim(), ""),
    };
    let lookup = |set: &str, value: &str| {
        overlay
            .value_set(set)
            .and_then(|s| s.values.iter().find(|v| v.value == value))
            .map(|v| {
                v.doc
                    .as_deref()
                    .unwrap_or_default()
                    .trim_end_matches('.')
                    .to_owned()
            })
    };
    match (
        lookup("ModificationActionCode", action),
        lookup("ModificationResultCode", result),
    ) {
        (Some(a), Some(r)) => format!("{a}: {r}"),
        (Some(a), None) => a,
        _ => String::new(),
    }
}

/// `gas orders`, `gas modified`: one row per order.
pub fn order_table(details: &[&Value], overlay: &Overlay) -> String {
    let mut table = Table::new([
        "ORDER ID",
        "PRODUCT",
        "KIND",
        "STATUS",
        "CERT",
        "REQUESTED",
        "NOT AFTER",
        "COMMON NAME",
        "SUB ID",
    ]);
    for detail in details {
        let info = |p: &str| text(at(detail, &format!("OrderInfo/{p}")));
        let status = info("OrderStatus");
        table.row([
            info("OrderID"),
            info("ProductCode"),
            info("OrderKind"),
            short_meaning(overlay, "OrderStatus", &status),
            short_meaning(
                overlay,
                "CertificateStatus",
                &text(at(detail, "CertificateInfo/CertificateStatus")),
            ),
            date_part(&info("RequestDate")),
            date_part(&info("ValidityPeriod/NotAfter")),
            text(at(detail, "CertificateInfo/CommonName")),
            text(at(detail, "OrderSubInfo/SubID")),
        ]);
    }
    table.render()
}

fn short_meaning(overlay: &Overlay, set: &str, value: &str) -> String {
    let full = with_meaning(overlay, set, value);
    // "4 (Issue completed)" → "4 Issue completed": tables stay narrow.
    full.replacen(" (", " ", 1).trim_end_matches(')').to_owned()
}

/// `2024-11-20T10:02:11.412+09:00` → `2024-11-20`, for narrow columns.
fn date_part(text: &str) -> String {
    text.split('T').next().unwrap_or(text).to_owned()
}

fn indent(text: &str) -> String {
    text.lines()
        .map(|l| {
            if l.is_empty() {
                "\n".to_owned()
            } else {
                format!("  {l}\n")
            }
        })
        .collect()
}

#[cfg(test)]
pub mod tests {
    use super::*;
    use crate::overlay::overlay;
    use crate::shape::{self, NodeKind};

    /// Reads a sample response (wsdl/samples) into the shape `rekey` gives a generated
    /// response: element names, scalars as text, list wrappers collapsed to arrays.
    pub fn sample_response(operation: &str, file: &str) -> Value {
        let path = format!("{}/wsdl/samples/{file}", env!("CARGO_MANIFEST_DIR"));
        let xml = std::fs::read_to_string(&path).unwrap();
        let node = shape::response(operation).unwrap();
        let root = xml_tree(&xml);
        let response = find(&root, "Response").expect("a Response element");
        to_value(response, &node)
    }

    #[derive(Debug, Default)]
    struct El {
        name: String,
        text: String,
        nil: bool,
        children: Vec<El>,
    }

    fn xml_tree(xml: &str) -> El {
        use quick_xml::Reader;
        use quick_xml::events::Event;
        let mut reader = Reader::from_str(xml);
        let mut stack = vec![El::default()];
        loop {
            match reader.read_event().unwrap() {
                Event::Start(tag) => {
                    let local = tag.local_name();
                    let name: &str = local.as_ref();
                    stack.push(El {
                        name: name.to_owned(),
                        ..El::default()
                    });
                }
                Event::Empty(tag) => {
                    let local = tag.local_name();
                    let name: &str = local.as_ref();
                    let nil = tag.attributes().flatten().any(|a| {
                        let local = a.key.local_name();
                        let key: &str = local.as_ref();
                        key == "nil" && a.value.as_ref() == "true"
                    });
                    let el = El {
                        name: name.to_owned(),
                        nil,
                        ..El::default()
                    };
                    stack.last_mut().unwrap().children.push(el);
                }
                Event::Text(t) => {
                    let s = t.xml10_content();
                    stack.last_mut().unwrap().text.push_str(s.trim());
                }
                Event::End(_) => {
                    let el = stack.pop().unwrap();
                    stack.last_mut().unwrap().children.push(el);
                }
                Event::Eof => break,
                _ => {}
            }
        }
        stack.pop().unwrap()
    }

    fn find<'a>(el: &'a El, name: &str) -> Option<&'a El> {
        if el.name == name {
            return Some(el);
        }
        el.children.iter().find_map(|c| find(c, name))
    }

    fn to_value(el: &El, node: &Node) -> Value {
        match &node.kind {
            NodeKind::Simple(_) => Value::String(el.text.clone()),
            NodeKind::Complex(children) => {
                // A wrapper collapses to the array of its items.
                if let [only] = children.as_slice() {
                    if only.decl.is_list() && !node.decl.is_list() {
                        return Value::Array(
                            el.children
                                .iter()
                                .filter(|c| c.name == only.decl.name)
                                .map(|c| to_value(c, only))
                                .collect(),
                        );
                    }
                }
                let mut map = Map::new();
                for child in children {
                    let found: Vec<&El> = el
                        .children
                        .iter()
                        .filter(|c| c.name == child.decl.name && !c.nil)
                        .collect();
                    if found.is_empty() {
                        continue;
                    }
                    let value = if child.decl.is_list() {
                        Value::Array(found.iter().map(|c| to_value(c, child)).collect())
                    } else {
                        to_value(found[0], child)
                    };
                    map.insert(child.decl.name.clone(), value);
                }
                Value::Object(map)
            }
        }
    }

    /// A `key: value` line, however wide the key column is.
    pub fn has_line(text: &str, key: &str, value: &str) -> bool {
        text.lines().any(|l| {
            l.trim_start()
                .strip_prefix(key)
                .is_some_and(|rest| rest.trim() == value)
        })
    }

    #[test]
    fn rekey_gives_element_names_and_drops_nulls() {
        let node = shape::response("GetOrders").unwrap();
        let serialized = serde_json::json!({
            "order_response_header": {"success_code": "0", "errors": [{"error_code": "-1", "error_field": null, "error_message": "m"}], "timestamp": "t"},
            "order_detail": [{"order_info": {"order_id": "CE1", "validity_period": {"not_after": "2025-01-01"}}, "fulfillment": {"ca_certificates": [{"ca_cert_type": "ROOT", "ca_cert": "x"}]}}],
            "extra_field": 1
        });
        let value = rekey(serialized, &node);
        assert_eq!(value["OrderResponseHeader"]["Errors"][0]["ErrorCode"], "-1");
        assert!(
            value["OrderResponseHeader"]["Errors"][0]
                .get("ErrorField")
                .is_none()
        );
        assert_eq!(value["OrderDetail"][0]["OrderInfo"]["OrderID"], "CE1");
        assert_eq!(
            value["OrderDetail"][0]["OrderInfo"]["ValidityPeriod"]["NotAfter"],
            "2025-01-01"
        );
        assert_eq!(
            value["OrderDetail"][0]["Fulfillment"]["CACertificates"][0]["CACertType"],
            "ROOT"
        );
        assert_eq!(value["extra_field"], 1);
    }

    #[test]
    fn get_shows_the_order_certificate_and_events() {
        let response = sample_response("GetOrderByOrderID", "GetOrderByOrderID.response.xml");
        let detail = response.get("OrderDetail").unwrap();
        let text = order_detail(detail, overlay().unwrap());
        assert!(has_line(&text, "OrderID:", "PC2411200000123"), "{text}");
        assert!(has_line(&text, "Status:", "4 (Issue completed)"), "{text}");
        assert!(
            has_line(&text, "Product:", "DSAATL (PDF Signing AATL)"),
            "{text}"
        );
        assert!(has_line(&text, "SubID:", "sub-2024-0001"), "{text}");
        assert!(
            !text.contains("Cancelled:"),
            "nil values are not shown: {text}"
        );
        assert!(text.contains("\nCertificate\n  Status:"), "{text}");
        assert!(text.contains("\nEvents\n  WHEN"), "{text}");
        assert!(text.contains("Certificate issued: Succeed"), "{text}");
        assert!(
            text.contains("gas certificate PC2411200000123 --out DIR"),
            "{text}"
        );
    }

    #[test]
    fn orders_are_a_table_with_one_row_each() {
        let response = sample_response("GetOrders", "GetOrders.response.xml");
        let details = items(response.get("OrderDetail"), "OrderDetail");
        assert!(!details.is_empty());
        let text = order_table(&details, overlay().unwrap());
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), details.len() + 1);
        assert!(lines[0].starts_with("ORDER ID"));
        // Every row's columns start where the header's do.
        let status_col = lines[0].find("STATUS").unwrap();
        for line in &lines[1..] {
            assert_ne!(line.as_bytes()[status_col - 1], b'-', "{text}");
        }
    }

    #[test]
    fn event_names_are_explained() {
        let overlay = overlay().unwrap();
        assert_eq!(event_meaning(overlay, "7,0"), "Certificate issued: Succeed");
        assert_eq!(event_meaning(overlay, "bogus"), "");
    }

    #[test]
    fn change_summary_lists_the_order_id() {
        let response = sample_response("OrderPS2", "OrderPS2.response.xml");
        let text = change_summary("OrderPS2", &response);
        assert!(has_line(&text, "OrderID:", "PC2411200000123"), "{text}");
        assert!(text.contains("RegistrationURL: https://"), "{text}");
    }
}
