//! The trait impls every generated value-set enum gets from `soap_runtime::value_set_impls!`:
//! `FromStr` in any ASCII case with an error naming the set, `Default` as "no value",
//! `Display` as the wire value.

use gas_client::generated::types::{ProductCode, Year};

#[test]
fn listed_values_parse_in_any_case_and_unlisted_ones_are_errors() {
    assert_eq!("OSMulti".parse::<ProductCode>(), Ok(ProductCode::OsMulti));
    assert_eq!("osmulti".parse::<ProductCode>(), Ok(ProductCode::OsMulti));
    assert_eq!("2".parse::<Year>(), Ok(Year::TwoYears));
    let err = "CS".parse::<ProductCode>().unwrap_err();
    assert_eq!(err.type_name, "ProductCode");
    assert_eq!(err.value, "CS");
    assert_eq!(err.values, ProductCode::VALUES);
    assert!(
        err.to_string()
            .starts_with("`CS` is not a value of ProductCode"),
        "{err}"
    );
    // No trimming: the text is the value or it is not.
    assert!(" 2".parse::<Year>().is_err());
}

#[test]
fn the_default_is_no_value_and_display_is_the_wire_value() {
    assert_eq!(Year::default(), Year::Other(String::new()));
    assert_eq!(Year::default().to_string(), "");
    assert_eq!(Year::TwoYears.to_string(), "2");
    assert_eq!(ProductCode::OsMulti.to_string(), "OSMulti");
    assert_eq!(Year::Other("9".into()).to_string(), "9");
}
