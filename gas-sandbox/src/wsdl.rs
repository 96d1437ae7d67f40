//! The WSDL the sandbox serves at `?wsdl`: `wsdl/GasOrderService.wsdl` (the same file the
//! client is generated from) with every port's `address/@location` pointing at the sandbox,
//! so third-party SOAP clients that load the WSDL from the sandbox call the sandbox.

use quick_xml::Reader;
use quick_xml::events::Event;

/// The service description, embedded at build time.
pub const GAS_ORDER_SERVICE_WSDL: &str = include_str!("../../wsdl/GasOrderService.wsdl");

/// The WSDL could not be rewritten.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum WsdlError {
    #[error("WSDL byte {position}: {message}")]
    Xml { position: u64, message: String },
    #[error("the WSDL has no port address to rewrite")]
    NoAddress,
}

/// Replaces the `location` of every `address` element (`soap:address`, `soap12:address`)
/// with `url`; everything else is left byte for byte.
pub fn rewrite_address(wsdl: &str, url: &str) -> Result<String, WsdlError> {
    let mut reader = Reader::from_str(wsdl);
    let mut replacements: Vec<(usize, usize)> = Vec::new();
    loop {
        let before = reader.buffer_position();
        let event = reader.read_event().map_err(|e| WsdlError::Xml {
            position: reader.error_position(),
            message: e.to_string(),
        })?;
        let after = reader.buffer_position();
        match event {
            Event::Start(tag) | Event::Empty(tag) if tag.local_name().as_ref() == "address" => {
                let (start, end) = (to_index(before)?, to_index(after)?);
                if let Some(span) = wsdl
                    .get(start..end)
                    .and_then(location_value_span)
                    .map(|(s, e)| (start + s, start + e))
                {
                    replacements.push(span);
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if replacements.is_empty() {
        return Err(WsdlError::NoAddress);
    }
    let escaped = quick_xml::escape::escape(url);
    let mut out = String::with_capacity(wsdl.len() + replacements.len() * url.len());
    let mut last = 0;
    for (start, end) in replacements {
        out.push_str(&wsdl[last..start]);
        out.push_str(&escaped);
        last = end;
    }
    out.push_str(&wsdl[last..]);
    Ok(out)
}

fn to_index(position: u64) -> Result<usize, WsdlError> {
    usize::try_from(position).map_err(|_| WsdlError::Xml {
        position,
        message: "position out of range".to_owned(),
    })
}

/// The byte span of the `location` attribute's value inside one start tag's text.
fn location_value_span(tag: &str) -> Option<(usize, usize)> {
    let bytes = tag.as_bytes();
    let mut search = 0;
    while let Some(found) = tag[search..].find("location") {
        let name_start = search + found;
        let name_end = name_start + "location".len();
        search = name_end;
        // The name must stand alone: preceded by whitespace (not `xlocation`, not a prefix).
        if !bytes
            .get(name_start.wrapping_sub(1))
            .is_some_and(|b| b.is_ascii_whitespace())
        {
            continue;
        }
        let mut i = name_end;
        while bytes.get(i).is_some_and(|b| b.is_ascii_whitespace()) {
            i += 1;
        }
        if bytes.get(i) != Some(&b'=') {
            continue;
        }
        i += 1;
        while bytes.get(i).is_some_and(|b| b.is_ascii_whitespace()) {
            i += 1;
        }
        let quote = *bytes.get(i)?;
        if quote != b'"' && quote != b'\'' {
            return None;
        }
        let value_start = i + 1;
        let value_len = tag[value_start..].find(quote as char)?;
        return Some((value_start, value_start + value_len));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rewrites_the_embedded_wsdl() {
        let url = "http://127.0.0.1:4321/pc/ws/v2/GasOrderService";
        let out = rewrite_address(GAS_ORDER_SERVICE_WSDL, url).expect("rewrite");
        assert!(out.contains(&format!("location=\"{url}\"")));
        assert!(!out.contains("location=\"https://system.globalsign.com"));
        // Nothing else changed.
        let original_len = GAS_ORDER_SERVICE_WSDL.len();
        let old = "https://system.globalsign.com/pc/ws/v2/GasOrderService";
        assert_eq!(out.len(), original_len - old.len() + url.len());
    }

    #[test]
    fn handles_prefixes_quotes_and_escaping() {
        let wsdl = r#"<d xmlns:s="a" xmlns:t="b"><s:address location='old'/><t:address x="1"
            location = "old2"></t:address><other location="keep"/></d>"#;
        let out = rewrite_address(wsdl, "http://h/p?a=1&b=2").expect("rewrite");
        assert_eq!(
            out,
            r#"<d xmlns:s="a" xmlns:t="b"><s:address location='http://h/p?a=1&amp;b=2'/><t:address x="1"
            location = "http://h/p?a=1&amp;b=2"></t:address><other location="keep"/></d>"#
        );
    }

    #[test]
    fn errors() {
        assert_eq!(
            rewrite_address("<d><x/></d>", "u"),
            Err(WsdlError::NoAddress)
        );
        assert!(matches!(
            rewrite_address("<d><address location='x'></d>", "u"),
            Err(WsdlError::Xml { .. })
        ));
    }
}
