//! Where an answer differed from our WSDL (gas-client's reading policy records each place
//! as a [`Deviation`]), in the forms `gas` prints: one line per place for people, one JSON
//! object per place for scripts.

use gas_client::Deviation;
use serde_json::{Value, json};

/// The longest raw value a text line shows; `--json` has it whole.
const RAW_SHOWN_CHARS: usize = 200;

/// `path: what: raw` for one place, the raw XML shortened to one line of at most
/// [`RAW_SHOWN_CHARS`].
pub fn line(deviation: &Deviation) -> String {
    let raw: String = deviation
        .raw
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let shown = if raw.chars().count() > RAW_SHOWN_CHARS {
        let start: String = raw.chars().take(RAW_SHOWN_CHARS).collect();
        format!("{start}…")
    } else {
        raw
    };
    if shown.is_empty() {
        format!("{}: {}", deviation.path, deviation.kind)
    } else {
        format!("{}: {}: {shown}", deviation.path, deviation.kind)
    }
}

/// `{"path", "kind", "description", "raw"}` per place (`kind` as gas-client names it:
/// `repeated`, `unknown_element`, `unknown_attribute`, `wrapper_name`, `alias`, `missing`).
pub fn to_json(deviations: &[Deviation]) -> Value {
    Value::Array(
        deviations
            .iter()
            .map(|d| {
                json!({
                    "path": d.path,
                    "kind": d.kind.name(),
                    "description": d.kind.to_string(),
                    "raw": d.raw,
                })
            })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use gas_client::DeviationKind;

    fn deviation(kind: DeviationKind, raw: &str) -> Deviation {
        Deviation {
            path: "GetOrdersResponse/Response/OrderDetail[1]/OrderInfo/OrderDate[2]".to_owned(),
            kind,
            raw: raw.to_owned(),
            position: 0,
        }
    }

    #[test]
    fn a_line_names_the_place_the_kind_and_a_short_raw_value() {
        let d = deviation(
            DeviationKind::Repeated,
            "<OrderDate>\n  2024-05-01T00:00:00Z\n</OrderDate>",
        );
        assert_eq!(
            line(&d),
            "GetOrdersResponse/Response/OrderDetail[1]/OrderInfo/OrderDate[2]: repeated element \
             (the first was kept): <OrderDate> 2024-05-01T00:00:00Z </OrderDate>"
        );
        let long = deviation(DeviationKind::UnknownElement, &"x".repeat(500));
        assert!(line(&long).ends_with('…'), "{}", line(&long));
        assert!(line(&long).len() < 400);
        let missing = deviation(DeviationKind::Missing, "");
        assert!(line(&missing).ends_with("missing"), "{}", line(&missing));
    }

    #[test]
    fn json_keeps_the_raw_value_whole() {
        let raw = "y".repeat(500);
        let value = to_json(&[deviation(DeviationKind::UnknownElement, &raw)]);
        assert_eq!(value[0]["kind"], "unknown_element");
        assert_eq!(value[0]["raw"], raw.as_str());
        assert_eq!(value[0]["description"], "element not in the schema");
    }
}
