//! Request elements the spec spells two ways, read under either spelling.
//!
//! The six older order operations name the renewal target `RenewalTergetOrderID` (their
//! outlines and section 15), OrderAATL and OrderQC `RenewalTargetOrderID` (ERRATA E16). Our
//! WSDL follows each outline, and the generated reader knows one spelling per operation,
//! so a client that writes the corrected spelling in OrderOS would have its target
//! silently dropped. Before decoding, the sandbox renames that element to the operation's
//! own spelling. The two names have the same length, so the rename is done in place.

use bytes::Bytes;

/// The operations whose outline spells the target `RenewalTergetOrderID`.
const TERGET_OPERATIONS: [&str; 6] = [
    "OrderOS",
    "OrderOSEV",
    "OrderPS1",
    "OrderPS2",
    "OrderPS2Dept",
    "OrderPS2Pro",
];

const OURS: &[u8] = b"RenewalTergetOrderID";
const OTHER: &[u8] = b"RenewalTargetOrderID";

/// `body` with `RenewalTargetOrderID` start and end tags renamed to
/// `RenewalTergetOrderID` when the operation is one of the six older orders and the
/// request does not already use that spelling (then the other one is left alone and the
/// reader ignores it). Anything unreadable is returned as it is: the dispatcher reports it.
pub fn accept_other_spellings(body: Bytes, limits: &soap_runtime::Limits) -> Bytes {
    if !contains(&body, OTHER) || contains(&body, OURS) {
        return body;
    }
    let Ok(info) = soap_runtime::envelope::request_info(&body, limits) else {
        return body;
    };
    if !TERGET_OPERATIONS.contains(&info.name.as_str()) {
        return body;
    }
    let mut renamed = body.to_vec();
    let mut at = 0;
    while let Some(found) = find(&renamed[at..], OTHER) {
        let start = at + found;
        let end = start + OTHER.len();
        if is_tag_name(&renamed, start, end) {
            renamed[start..end].copy_from_slice(OURS);
        }
        at = end;
    }
    Bytes::from(renamed)
}

/// Whether the name at `start..end` is an element name in a tag: after `<`, `</` or a
/// prefix's colon, and followed by `>`, `/` or white space.
fn is_tag_name(xml: &[u8], start: usize, end: usize) -> bool {
    let before = start.checked_sub(1).map(|i| xml[i]);
    let after = xml.get(end).copied();
    matches!(before, Some(b'<' | b'/' | b':'))
        && matches!(after, Some(b'>' | b'/' | b' ' | b'\t' | b'\r' | b'\n'))
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    find(haystack, needle).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn envelope(operation: &str, inner: &str) -> Bytes {
        Bytes::from(format!(
            "<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\" \
             xmlns:ws=\"https://system.globalsign.com/pc/ws/v2/\"><soapenv:Body>\
             <ws:{operation}><Request>{inner}</Request></ws:{operation}></soapenv:Body></soapenv:Envelope>"
        ))
    }

    fn renamed(operation: &str, inner: &str) -> String {
        let body = accept_other_spellings(envelope(operation, inner), &Default::default());
        String::from_utf8(body.to_vec()).expect("utf-8")
    }

    #[test]
    fn older_operations_read_the_corrected_spelling() {
        let out = renamed(
            "OrderOS",
            "<RenewalTargetOrderID>CE1</RenewalTargetOrderID>",
        );
        assert!(out.contains("<RenewalTergetOrderID>CE1</RenewalTergetOrderID>"));
        let out = renamed(
            "OrderPS1",
            "<x:RenewalTargetOrderID xmlns:x=\"\">CE1</x:RenewalTargetOrderID >",
        );
        assert!(out.contains("<x:RenewalTergetOrderID xmlns:x=\"\">CE1</x:RenewalTergetOrderID >"));
    }

    #[test]
    fn other_cases_are_left_alone() {
        // AATL and QC spell it so in our WSDL.
        let out = renamed(
            "OrderAATL",
            "<RenewalTargetOrderID>CE1</RenewalTargetOrderID>",
        );
        assert!(out.contains("<RenewalTargetOrderID>CE1</RenewalTargetOrderID>"));
        // Both spellings: ours is read, the other ignored.
        let both = "<RenewalTergetOrderID>A</RenewalTergetOrderID><RenewalTargetOrderID>B</RenewalTargetOrderID>";
        assert!(renamed("OrderOS", both).contains(both));
        // Text that merely contains the name.
        let text = "<SpecialInstructions>RenewalTargetOrderID is CE1</SpecialInstructions>";
        assert!(renamed("OrderOS", text).contains(text));
    }
}
