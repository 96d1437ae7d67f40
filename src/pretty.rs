//! Indented XML for `--dry-run`: the request as a person reads it. Text content is kept
//! exactly; only whitespace between elements changes. Input that does not read as XML is
//! returned unchanged.

use quick_xml::events::Event;
use quick_xml::{Reader, Writer};

pub fn indent_xml(xml: &str) -> String {
    let mut reader = Reader::from_str(xml);
    reader.config_mut().trim_text(true);
    let mut writer = Writer::new_with_indent(Vec::new(), b' ', 2);
    loop {
        match reader.read_event() {
            Ok(Event::Eof) => break,
            Ok(event) => {
                if writer.write_event(event).is_err() {
                    return xml.to_owned();
                }
            }
            Err(_) => return xml.to_owned(),
        }
    }
    match String::from_utf8(writer.into_inner()) {
        Ok(text) => text,
        Err(_) => xml.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn elements_are_indented_and_text_kept() {
        let xml = r#"<?xml version="1.0" encoding="UTF-8"?><s:Envelope xmlns:s="x"><s:Body><m:Op xmlns:m="y"><Request><Name>a &amp; b</Name><Empty/></Request></m:Op></s:Body></s:Envelope>"#;
        let pretty = indent_xml(xml);
        assert!(pretty.contains("\n  <s:Body>\n"), "{pretty}");
        assert!(pretty.contains("<Name>a &amp; b</Name>"), "{pretty}");
        assert!(pretty.contains("<Empty/>"), "{pretty}");
    }

    #[test]
    fn broken_xml_is_returned_as_is() {
        assert_eq!(indent_xml("<a><b></a>"), "<a><b></a>");
    }
}
