//! Indented XML for `--dry-run`: the request as a person reads it. Text content is kept
//! exactly; only whitespace between elements changes. Input that does not read as XML is
//! returned unchanged.

use quick_xml::events::Event;
use quick_xml::{Reader, Writer};

pub fn indent_xml(xml: &str) -> String {
    let mut reader = Reader::from_str(xml);
    let mut events: Vec<Event<'static>> = Vec::new();
    loop {
        match reader.read_event() {
            Ok(Event::Eof) => break,
            Ok(event) => events.push(event.into_owned()),
            Err(_) => return xml.to_owned(),
        }
    }
    let is_text =
        |e: &Event<'_>| matches!(e, Event::Text(_) | Event::GeneralRef(_) | Event::CData(_));
    // Events are written unindented; line breaks and indentation are added between
    // elements only, so an element holding text (`<Name>a &amp; b</Name>`) stays on one
    // line exactly as it was.
    let mut writer = Writer::new(Vec::new());
    let mut depth = 0usize;
    let mut i = 0;
    let mut first = true;
    while i < events.len() {
        let event = &events[i];
        let mut newline = |writer: &mut Writer<Vec<u8>>, depth: usize| {
            if !first {
                writer.get_mut().push(b'\n');
            }
            first = false;
            writer
                .get_mut()
                .extend(std::iter::repeat_n(b' ', depth * 2));
        };
        let result = match event {
            Event::Text(_) | Event::GeneralRef(_) | Event::CData(_) => {
                let blank = matches!(event, Event::Text(t) if t.xml10_content().trim().is_empty());
                if blank {
                    Ok(())
                } else {
                    newline(&mut writer, depth);
                    writer.write_event(event.clone())
                }
            }
            Event::Start(_) => {
                // A run of text up to the matching end tag: the element on one line.
                let run = events[i + 1..].iter().take_while(|e| is_text(e)).count();
                let closes = matches!(events.get(i + 1 + run), Some(Event::End(_)));
                newline(&mut writer, depth);
                if closes {
                    let mut result = Ok(());
                    for e in &events[i..=i + 1 + run] {
                        result = result.and_then(|()| writer.write_event(e.clone()));
                    }
                    i += run + 1;
                    result
                } else {
                    depth += 1;
                    writer.write_event(event.clone())
                }
            }
            Event::End(_) => {
                depth = depth.saturating_sub(1);
                newline(&mut writer, depth);
                writer.write_event(event.clone())
            }
            other => {
                newline(&mut writer, depth);
                writer.write_event(other.clone())
            }
        };
        if result.is_err() {
            return xml.to_owned();
        }
        i += 1;
    }
    match String::from_utf8(writer.into_inner()) {
        Ok(mut text) => {
            text.push('\n');
            text
        }
        Err(_) => xml.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn elements_are_indented_and_text_kept() {
        let xml = r#"<?xml version="1.0" encoding="UTF-8"?><s:Envelope xmlns:s="x"><s:Body><m:Op xmlns:m="y"><Request><Name>a &amp; b</Name><Two>&amp; &amp;</Two><Empty/></Request></m:Op></s:Body></s:Envelope>"#;
        let pretty = indent_xml(xml);
        assert!(pretty.contains("\n  <s:Body>\n"), "{pretty}");
        assert!(pretty.contains("<Name>a &amp; b</Name>"), "{pretty}");
        assert!(pretty.contains("<Two>&amp; &amp;</Two>"), "{pretty}");
        assert!(pretty.contains("<Empty/>"), "{pretty}");
    }

    #[test]
    fn broken_xml_is_returned_as_is() {
        assert_eq!(indent_xml("<a><b></a>"), "<a><b></a>");
    }
}
