//! The spec's response outlines (`wsdl/samples/spec/`, transcribed as printed: other wrapper
//! names, doubled elements, other spellings) decode through gas-client's generated readers
//! with nothing lost: every leaf value of a sample is either in the decoded value (written
//! back by the generated writer) or in one of the decode's deviations.
//!
//! Leaves are compared by path and value. A path is the element names below the body
//! element, in our WSDL's spelling (the spellings of `gas_sandbox::dialect::SPELLINGS` are
//! mapped back); a deviation's leaves are found under its own path, as received.

use gas_client::generated::types as t;
use gas_sandbox::dialect::SPELLINGS;
use quick_xml::Reader;
use quick_xml::events::Event;
use soap_runtime::envelope::{SOAP11_NAMESPACE, decode_response_recorded, encode_response};
use soap_runtime::{BodyElement, Deviation, DeviationKind, Envelope, Limits, SoapVersion};

/// A leaf: element path below the body element (names joined by `/`) and its text.
type Leaf = (String, String);

fn sample(operation: &str) -> String {
    let path = format!(
        "{}/../wsdl/samples/spec/{operation}.response.xml",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The sample (a body element, as the outlines print it) in a SOAP 1.1 envelope.
fn envelope(body: &str) -> String {
    let start = body.find("-->").map_or(0, |end| end + 3);
    format!(
        "<soap:Envelope xmlns:soap=\"{SOAP11_NAMESPACE}\"><soap:Body>{}</soap:Body></soap:Envelope>",
        body[start..].trim()
    )
}

/// The leaves of the first element of `xml` (or of the body element, when `xml` is an
/// envelope), with `prefix` before their paths. Names are local names; the root's own name
/// is left out of the paths.
fn leaves(xml: &str, prefix: &str) -> Vec<Leaf> {
    let mut reader = Reader::from_str(xml);
    let mut path: Vec<String> = Vec::new();
    let mut text = String::new();
    let mut has_children: Vec<bool> = Vec::new();
    let mut out = Vec::new();
    loop {
        match reader.read_event().expect("well-formed") {
            Event::Start(tag) => {
                let name = tag.local_name().as_ref().to_owned();
                if path.is_empty() && (name == "Envelope" || name == "Body") {
                    continue;
                }
                if let Some(parent) = has_children.last_mut() {
                    *parent = true;
                }
                path.push(name);
                has_children.push(false);
                text.clear();
            }
            Event::Empty(tag) => {
                if let Some(parent) = has_children.last_mut() {
                    *parent = true;
                }
                let name = tag.local_name().as_ref().to_owned();
                out.push((
                    join(prefix, &path[1.min(path.len())..], &name),
                    String::new(),
                ));
            }
            Event::Text(t) => text.push_str(&t.xml10_content()),
            Event::GeneralRef(r) => text.push(reference(&r.into_inner())),
            Event::CData(c) => text.push_str(&c.xml10_content()),
            Event::End(_) => {
                let Some(name) = path.pop() else {
                    continue; // Body, Envelope
                };
                if has_children.pop() == Some(false) && !path.is_empty() {
                    out.push((join(prefix, &path[1..], &name), text.clone()));
                }
                text.clear();
            }
            Event::Eof => break,
            _ => {}
        }
    }
    out
}

/// The character an entity or character reference (`amp`, `#13`, `#x0D`) stands for.
fn reference(name: &str) -> char {
    let number = |digits: &str, radix| {
        u32::from_str_radix(digits, radix)
            .ok()
            .and_then(char::from_u32)
    };
    let c = match name {
        "amp" => Some('&'),
        "lt" => Some('<'),
        "gt" => Some('>'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        _ => match name.strip_prefix("#x") {
            Some(hex) => number(hex, 16),
            None => name.strip_prefix('#').and_then(|dec| number(dec, 10)),
        },
    };
    c.unwrap_or_else(|| panic!("reference &{name};"))
}

fn join(prefix: &str, parents: &[String], name: &str) -> String {
    let mut parts: Vec<&str> = Vec::new();
    if !prefix.is_empty() {
        parts.push(prefix);
    }
    parts.extend(parents.iter().map(String::as_str));
    parts.push(name);
    parts.join("/")
}

/// `path` in our WSDL's spelling.
fn ours(operation: &str, path: &str) -> String {
    path.split('/')
        .map(|name| {
            SPELLINGS
                .iter()
                .find(|s| s.operation == operation && s.printed == name)
                .map_or(name, |s| s.ours)
        })
        .collect::<Vec<_>>()
        .join("/")
}

/// A deviation's path without the body element's name and without indexes
/// (`GetOrders/Response/OrderDetail[1]/OrderInfo/OrderDate[2]` → `Response/OrderDetail/
/// OrderInfo/OrderDate`).
fn plain_path(deviation: &Deviation) -> String {
    deviation
        .path
        .split('/')
        .skip(1)
        .map(|step| step.split('[').next().unwrap_or(step))
        .collect::<Vec<_>>()
        .join("/")
}

/// The leaves a deviation holds: an element received in full (repeated, unknown) with its
/// leaves; nothing for the others (their content was read into the value).
fn deviation_leaves(deviation: &Deviation) -> Vec<Leaf> {
    match deviation.kind {
        DeviationKind::Repeated | DeviationKind::UnknownElement => {
            let path = plain_path(deviation);
            let parent = path.rsplit_once('/').map_or("", |(parent, _)| parent);
            // The raw element is the root: its own name joins the parent's path.
            let name = path.rsplit('/').next().unwrap_or_default();
            let inner = leaves(&deviation.raw, "");
            if inner.is_empty() {
                vec![(path.clone(), text_of(&deviation.raw))]
            } else {
                inner
                    .into_iter()
                    .map(|(p, v)| (join(parent, &[name.to_owned()], &p), v))
                    .collect()
            }
        }
        _ => Vec::new(),
    }
}

/// The text of a leaf element given as XML.
fn text_of(xml: &str) -> String {
    let mut reader = Reader::from_str(xml);
    let mut text = String::new();
    loop {
        match reader.read_event().expect("well-formed deviation") {
            Event::Text(t) => text.push_str(&t.xml10_content()),
            Event::GeneralRef(r) => text.push(reference(&r.into_inner())),
            Event::Eof => return text,
            _ => {}
        }
    }
}

/// The sample of `operation` decoded as `B`: the message, the decoded value written back
/// by the generated writer, and the deviations.
fn decode<B: BodyElement>(operation: &str) -> (String, String, Vec<Deviation>) {
    let text = envelope(&sample(operation));
    let (decoded, deviations) =
        decode_response_recorded::<B>(text.as_bytes(), &Limits::default(), false)
            .unwrap_or_else(|e| panic!("{operation}: {e}"));
    let Envelope::Body(value) = decoded else {
        panic!("{operation}: decoded as a fault");
    };
    let written = encode_response(&value, SoapVersion::Soap11)
        .unwrap_or_else(|e| panic!("{operation}: writing back: {e}"));
    (
        text,
        String::from_utf8_lossy(&written).into_owned(),
        deviations,
    )
}

/// The leaves of `message` found neither in `written` (the decoded value written back) nor
/// in `deviations`.
fn lost_leaves(
    operation: &str,
    message: &str,
    written: &str,
    deviations: &[Deviation],
) -> Vec<Leaf> {
    let mut in_value = leaves(written, "");
    let mut in_deviations: Vec<Leaf> = deviations.iter().flat_map(deviation_leaves).collect();
    let mut lost = Vec::new();
    for (path, value) in leaves(message, "") {
        let our_path = ours(operation, &path);
        if let Some(i) = in_value
            .iter()
            .position(|(p, v)| *p == our_path && *v == value)
        {
            in_value.swap_remove(i);
        } else if let Some(i) = in_deviations
            .iter()
            .position(|(p, v)| *p == path && *v == value)
        {
            in_deviations.swap_remove(i);
        } else {
            lost.push((path, value));
        }
    }
    lost
}

macro_rules! outline {
    ($test:ident, $operation:literal, $ty:ty) => {
        #[test]
        fn $test() {
            let (message, written, deviations) = decode::<$ty>($operation);
            let lost = lost_leaves($operation, &message, &written, &deviations);
            assert!(
                lost.is_empty(),
                "{}: leaves neither decoded nor in a deviation: {lost:#?}\ndeviations: {deviations:#?}",
                $operation
            );
        }
    };
}

outline!(order_os, "OrderOS", t::OrderOSResponse);
outline!(order_os_ev, "OrderOSEV", t::OrderOSEVResponse);
outline!(order_ps1, "OrderPS1", t::OrderPS1Response);
outline!(order_ps2, "OrderPS2", t::OrderPS2Response);
outline!(order_ps2_dept, "OrderPS2Dept", t::OrderPS2DeptResponse);
outline!(order_ps2_pro, "OrderPS2Pro", t::OrderPS2ProResponse);
outline!(order_aatl, "OrderAATL", t::OrderAATLResponse);
outline!(order_qc, "OrderQC", t::OrderQCResponse);
outline!(modify_order, "ModifyOrder", t::ModifyOrderResponse);
outline!(reissue, "ReIssue", t::ReIssueResponse);
outline!(resend_email, "ResendEmail", t::ResendEmailResponse);
outline!(
    get_order_by_order_id,
    "GetOrderByOrderID",
    t::GetOrderByOrderIDResponse
);
outline!(
    get_modified_orders,
    "GetModifiedOrders",
    t::GetModifiedOrdersResponse
);
outline!(get_orders, "GetOrders", t::GetOrdersResponse);

/// The comparison can fail: without its deviations, the GetOrders outline loses the
/// second `OrderDate` (E84), whose value differs from the first.
#[test]
fn without_deviations_values_are_lost() {
    let (message, written, deviations) = decode::<t::GetOrdersResponse>("GetOrders");
    assert!(
        deviations
            .iter()
            .any(|d| d.kind == DeviationKind::Repeated && d.path.ends_with("OrderDate[2]")),
        "{deviations:#?}"
    );
    let lost = lost_leaves("GetOrders", &message, &written, &[]);
    assert!(
        lost.contains(&(
            "Response/OrderDetail/OrderInfo/OrderDate".to_owned(),
            "2024-11-20T10:02:12.000+09:00".to_owned()
        )),
        "{lost:#?}"
    );
    assert!(lost_leaves("GetOrders", &message, &written, &deviations).is_empty());
}
