//! Element paths for error messages, rebuilt on demand by re-scanning the input.
//!
//! The hot reading path keeps no path (that would cost a push per element); when an
//! error is reported at byte `position`, the input is scanned again from the start up
//! to that offset, and the elements open there are the path. Repeated siblings get a
//! 1-based index from the second occurrence on (`Order[3]`).

use std::collections::HashMap;

use quick_xml::Reader;
use quick_xml::events::Event;

struct Level<'a> {
    name: &'a str,
    index: usize,
    /// Names of children seen so far, with counts (a map: a hostile message can have
    /// hundreds of thousands of distinct sibling names, and a list made this quadratic).
    children: HashMap<&'a str, usize>,
}

fn local(qname: &str) -> &str {
    match qname.find(':') {
        Some(i) => &qname[i + 1..],
        None => qname,
    }
}

fn child_index<'a>(parent: Option<&mut Level<'a>>, name: &'a str) -> usize {
    match parent {
        None => 1,
        Some(p) => {
            let count = p.children.entry(name).or_insert(0);
            *count += 1;
            *count
        }
    }
}

/// The path of the elements open at byte `position`, from depth `base` on.
pub fn element_path(input: &[u8], position: u64, base: usize) -> String {
    let mut reader = Reader::from_reader(input);
    reader.config_mut().check_end_names = false;
    let mut stack: Vec<Level<'_>> = Vec::new();
    loop {
        let start = reader.buffer_position();
        if start > position {
            break;
        }
        let event = match reader.read_event() {
            Ok(e) => e,
            Err(_) => break,
        };
        let end = reader.buffer_position();
        match event {
            Event::Start(t) => {
                let name = local(qname_of(&t, input, start));
                let index = child_index(stack.last_mut(), name);
                stack.push(Level {
                    name,
                    index,
                    children: HashMap::new(),
                });
            }
            Event::Empty(t) => {
                let name = local(qname_of(&t, input, start));
                let index = child_index(stack.last_mut(), name);
                if end > position {
                    stack.push(Level {
                        name,
                        index,
                        children: HashMap::new(),
                    });
                    break;
                }
            }
            Event::End(_) => {
                if end > position {
                    break;
                }
                stack.pop();
            }
            Event::Eof => break,
            _ => {}
        }
    }
    let mut out = String::new();
    for level in stack.iter().skip(base) {
        if !out.is_empty() {
            out.push('/');
        }
        out.push_str(level.name);
        if level.index > 1 {
            out.push_str(&format!("[{}]", level.index));
        }
    }
    out
}

/// The tag name as a slice of the input (so it outlives the event).
fn qname_of<'i>(tag: &quick_xml::events::BytesStart<'_>, input: &'i [u8], start: u64) -> &'i str {
    let len = tag.name().0.len();
    let from = start as usize + 1;
    input
        .get(from..from + len)
        .and_then(|b| std::str::from_utf8(b).ok())
        .unwrap_or("?")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn path_at_element_start_includes_it() {
        let xml = b"<a><b/><c><d>x</d></c><c><d>y</d></c></a>";
        let pos = xml.windows(5).rposition(|w| w == b"<d>y<").unwrap_or(0) as u64;
        assert_eq!(element_path(xml, pos, 0), "a/c[2]/d");
        assert_eq!(element_path(xml, pos, 1), "c[2]/d");
    }

    #[test]
    fn path_inside_end_tag_keeps_element() {
        let xml = b"<a><b></b></a>";
        // inside `</b>`
        assert_eq!(element_path(xml, 8, 0), "a/b");
        // inside `</a>`
        assert_eq!(element_path(xml, 12, 0), "a");
    }

    #[test]
    fn path_of_empty_element() {
        let xml = b"<a><b/><b/></a>";
        assert_eq!(element_path(xml, 7, 0), "a/b[2]");
    }
}
