//! The API summary `regen` prints, for a scripted set of WSDL edits on a small
//! GlobalSign-style (CXF, document/literal wrapped, unqualified) WSDL in a temp dir:
//! add an operation, make a field optional, add an allowed value, drop a type.
//! The old side goes through the `API.txt` text form, as in a real regen.

mod support;

use std::path::Path;

use soapgen_codegen::surface::{self, Surface};
use support::things::*;
use xtask::layout::Layout;
use xtask::regen;

/// The surface of a WSDL text, loaded the way regen loads wsdl/.
fn surface_of(dir: &Path, wsdl: &str) -> Surface {
    std::fs::create_dir_all(dir.join("wsdl")).expect("mkdir");
    std::fs::write(dir.join("wsdl/GasOrderService.wsdl"), wsdl).expect("write wsdl");
    let layout = Layout::workspace(dir);
    let inputs = regen::load(&layout).unwrap_or_else(|e| panic!("load: {e}"));
    let (surface, unmatched) =
        regen::surface_of(&inputs.model, None).unwrap_or_else(|e| panic!("surface: {e}"));
    assert!(unmatched.is_empty());
    surface
}

/// The summary lines from `old` to `new`, the old side read back from its text form.
fn summary(old: &str, new: &str) -> Vec<String> {
    let dir = tempfile::tempdir().expect("temp dir");
    let old_text = surface_of(dir.path(), old).to_text(&["old"]);
    let old = Surface::parse(&old_text).unwrap_or_else(|e| panic!("{e}"));
    let new = surface_of(dir.path(), new);
    surface::diff(&old, &new)
        .iter()
        .map(ToString::to_string)
        .collect()
}

#[test]
fn unchanged_wsdl_has_an_empty_summary() {
    assert_eq!(summary(BASE, BASE), Vec::<String>::new());
}

#[test]
fn added_operation() {
    assert_eq!(
        summary(BASE, &add_operation(BASE)),
        [
            "+ operation DropThing",
            "+ type DropThing",
            "+ type DropThingResponse",
        ]
    );
}

#[test]
fn field_made_optional() {
    assert_eq!(
        summary(BASE, &make_thing_id_optional(BASE)),
        ["~ GetThingRequest.ThingID: required → optional"]
    );
}

#[test]
fn allowed_value_added() {
    assert_eq!(
        summary(BASE, &add_kind_value(BASE)),
        ["+ Kind: value \"transfer\""]
    );
    // And the reverse edit is a removal.
    assert_eq!(
        summary(&add_kind_value(BASE), BASE),
        ["- Kind: value \"transfer\""]
    );
}

#[test]
fn type_dropped() {
    assert_eq!(
        summary(BASE, &drop_legacy_type(BASE)),
        // Types in name order, each with its own changes.
        ["- GetThingRequest.Legacy", "- type Legacy"]
    );
}

#[test]
fn all_edits_at_once() {
    let edited = drop_legacy_type(&add_kind_value(&make_thing_id_optional(&add_operation(
        BASE,
    ))));
    assert_eq!(
        summary(BASE, &edited),
        [
            "+ operation DropThing",
            "+ type DropThing",
            "+ type DropThingResponse",
            "- GetThingRequest.Legacy",
            "~ GetThingRequest.ThingID: required → optional",
            "+ Kind: value \"transfer\"",
            "- type Legacy",
        ]
    );
}

#[test]
fn renamed_type_and_changed_field_type() {
    let renamed = BASE
        .replace(r#"name="Thing""#, r#"name="ThingV2""#)
        .replace(r#"type="tns:Thing""#, r#"type="tns:ThingV2""#);
    assert_eq!(
        summary(BASE, &renamed),
        ["~ type Thing renamed to ThingV2 (same fields)"]
    );
    let retyped = BASE.replace(
        r#"name="Tag" type="xs:string""#,
        r#"name="Tag" nillable="true" type="xs:int""#,
    );
    assert_eq!(
        summary(BASE, &retyped),
        [
            "~ Thing.Tag: not nillable → nillable",
            "~ Thing.Tag: type xs:string → xs:int",
        ]
    );
}

/// Renaming a Rust enum variant breaks users even though the wire value stays: the
/// value `4` documented "Issue completed." becomes `IssueCompleted` instead of `V4`
/// (the OrderStatus case, which once printed "API changes: none").
#[test]
fn renamed_enum_variant() {
    let numeric = BASE.replace(
        r#"<xs:enumeration value="renewal" />"#,
        r#"<xs:enumeration value="4" />"#,
    );
    let documented = BASE.replace(
        r#"<xs:enumeration value="renewal" />"#,
        r#"<xs:enumeration value="4"><xs:annotation><xs:documentation>Issue completed.</xs:documentation></xs:annotation></xs:enumeration>"#,
    );
    assert_eq!(
        summary(&numeric, &documented),
        ["~ Kind value \"4\": Rust name V4 → IssueCompleted"]
    );
}

/// A field whose wire name stays but whose Rust name changes (here: a new element
/// takes `thing_id`, so ThingID's field must yield) is reported as such.
#[test]
fn renamed_rust_field() {
    let clashing = BASE.replace(
        r#"<xs:element name="ThingID" type="xs:string" />"#,
        r#"<xs:element minOccurs="0" name="Thing_ID" type="xs:string" />
<xs:element name="ThingID" type="xs:string" />"#,
    );
    assert_eq!(
        summary(BASE, &clashing),
        [
            "+ GetThingRequest.Thing_ID: xs:string, optional",
            "~ GetThingRequest.ThingID: Rust name thing_id → thing_id_2",
            "+ Thing.Thing_ID: xs:string, optional",
            "~ Thing.ThingID: Rust name thing_id → thing_id_2",
        ]
    );
}
