//! soap-runtime's text ↔ value conversions: whatever parses must print to a text that
//! parses again to the same text (the writer's output is always readable back).
#![no_main]

use std::borrow::Cow;

use libfuzzer_sys::fuzz_target;
use soap_runtime::{Base64Binary, Date, DateTime, Decimal, HexBinary, SimpleValue};

fn round_trip<T: SimpleValue>(text: &str) {
    let Ok(value) = T::parse_text(Cow::Borrowed(text)) else {
        return;
    };
    let printed = value.to_text().into_owned();
    let again = match T::parse_text(Cow::Borrowed(&printed)) {
        Ok(v) => v,
        Err((e, _)) => panic!(
            "{text:?} parsed, printed as {printed:?}, which does not parse: {}",
            e.expected
        ),
    };
    assert_eq!(
        again.to_text(),
        printed,
        "{text:?} printed as {printed:?} changes when read back"
    );
}

fuzz_target!(|data: &[u8]| {
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    match selector % 14 {
        0 => round_trip::<DateTime>(text),
        1 => round_trip::<Date>(text),
        2 => round_trip::<Decimal>(text),
        3 => round_trip::<Base64Binary>(text),
        4 => round_trip::<HexBinary>(text),
        5 => round_trip::<f64>(text),
        6 => round_trip::<f32>(text),
        7 => round_trip::<i64>(text),
        8 => round_trip::<u64>(text),
        9 => round_trip::<bool>(text),
        10 => round_trip::<Vec<DateTime>>(text),
        11 => round_trip::<Vec<Decimal>>(text),
        12 => round_trip::<i8>(text),
        _ => round_trip::<String>(text),
    }
});
