//! Element paths for error messages, rebuilt on demand by re-scanning the input.
//!
//! The hot reading path keeps no path (that would cost a push per element); when an
//! error is reported at byte `position`, the input is scanned again from the start up
//! to that offset, and the elements open there are the path. Repeated siblings get a
//! 1-based index from the second occurrence on (`Order[3]`).

use std::collections::HashMap;

use crate::reader::local_part;
use memchr::memchr;

use crate::scan::{Scanner, Token};

struct Level<'a> {
    name: &'a str,
    index: usize,
    children: Children<'a>,
}

/// Names of the children of one open element seen so far, with counts. Most elements
/// have a handful of distinct child names, so a list searched in order is cheapest; past
/// [`Children::LIST_MAX`] names it becomes a map (a hostile message can have hundreds of
/// thousands of distinct sibling names, and a list alone made this quadratic).
enum Children<'a> {
    List(Vec<(&'a str, usize)>),
    Map(HashMap<&'a str, usize>),
}

impl<'a> Children<'a> {
    const LIST_MAX: usize = 32;

    /// Counts one more child named `name`; returns its 1-based index among its namesakes.
    fn count(&mut self, name: &'a str) -> usize {
        match self {
            Children::List(list) => {
                if let Some((_, count)) = list.iter_mut().find(|(n, _)| *n == name) {
                    *count += 1;
                    return *count;
                }
                if list.len() < Self::LIST_MAX {
                    list.push((name, 1));
                    return 1;
                }
                let mut map: HashMap<&'a str, usize> = list.drain(..).collect();
                map.insert(name, 1);
                *self = Children::Map(map);
                1
            }
            Children::Map(map) => {
                let count = map.entry(name).or_insert(0);
                *count += 1;
                *count
            }
        }
    }
}

/// The level of a child named `name` of the innermost open element, counted among its
/// siblings of that name (1 for the document element).
fn child_level<'a>(stack: &mut [Level<'a>], name: &'a str) -> Level<'a> {
    let index = match stack.last_mut() {
        None => 1,
        Some(parent) => parent.children.count(name),
    };
    Level {
        name,
        index,
        children: Children::List(Vec::new()),
    }
}

/// The paths at several byte offsets (each the start of an element, as deviations
/// record them), in one scan of the input: `positions` in any order, the paths in the
/// same order. Used for [`crate::Deviation`]s, which can be many (a thousand orders
/// with one odd element each); a scan per position would be quadratic.
///
/// Deviations are only recorded in input the reader has already read as well-formed,
/// so this scan only finds the markup (tags, comments, CDATA, processing instructions)
/// with `memchr` and checks nothing: several times cheaper than tokenizing again, which
/// matters because the scan runs to the last deviation, often the end of the message.
/// Input it cannot follow (not the case for what the reader accepted) leaves the
/// remaining paths empty.
pub fn element_paths(input: &[u8], positions: &[u64], base: usize) -> Vec<String> {
    let mut out = vec![String::new(); positions.len()];
    let mut order: Vec<usize> = (0..positions.len()).collect();
    order.sort_by_key(|&i| positions[i]);
    let mut pending = order.into_iter().peekable();
    let input = match std::str::from_utf8(input) {
        Ok(text) => text,
        Err(e) => std::str::from_utf8(input.get(..e.valid_up_to()).unwrap_or_default())
            .unwrap_or_default(),
    };
    let bytes = input.as_bytes();
    let mut stack: Vec<Level<'_>> = Vec::new();
    // Positions before `end` see `stack` as it is.
    let mut resolve_before = |end: usize, stack: &[Level<'_>]| {
        while let Some(&i) = pending.peek() {
            if positions[i] >= end as u64 {
                break;
            }
            out[i] = join(stack, base);
            pending.next();
        }
    };
    let mut at = 0;
    while at < bytes.len() {
        let Some(lt) = memchr(b'<', &bytes[at..]).map(|p| at + p) else {
            break;
        };
        // Text before the markup.
        resolve_before(lt, &stack);
        let rest = &bytes[lt..];
        let end = if rest.starts_with(b"</") {
            // An end tag's element is open until the end of the tag.
            let end = find(bytes, lt, b">");
            if let Some(end) = end {
                resolve_before(end, &stack);
                stack.pop();
            }
            end
        } else if let Some((open, close)) = NOT_ELEMENTS.iter().find(|(o, _)| rest.starts_with(o)) {
            find(bytes, lt + open.len(), close)
        } else if let Some((name, end, empty)) = start_tag(input, lt) {
            let level = child_level(&mut stack, local_part(name));
            stack.push(level);
            resolve_before(end, &stack);
            if empty {
                stack.pop();
            }
            Some(end)
        } else {
            None
        };
        let Some(end) = end else {
            break;
        };
        at = end;
    }
    out
}

/// Markup that is not an element, by how it opens and closes (in this order: `<!` last).
const NOT_ELEMENTS: [(&[u8], &[u8]); 4] = [
    (b"<!--", b"-->"),
    (b"<![CDATA[", b"]]>"),
    (b"<?", b"?>"),
    (b"<!", b">"),
];

/// The offset just past the first `needle` at or after `from`.
fn find(bytes: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    let hay = bytes.get(from..)?;
    let found = if let [one] = needle {
        memchr(*one, hay)
    } else {
        memchr::memmem::find(hay, needle)
    };
    found.map(|p| from + p + needle.len())
}

/// The start tag at `lt`: its qualified name, the offset just past its `>`, and
/// whether it is empty (`/>`). Attribute values may hold `>`; quotes are skipped.
fn start_tag(input: &str, lt: usize) -> Option<(&str, usize, bool)> {
    let bytes = input.as_bytes();
    let name_end = bytes
        .get(lt + 1..)?
        .iter()
        .position(|b| matches!(b, b' ' | b'\t' | b'\r' | b'\n' | b'/' | b'>'))
        .map(|p| lt + 1 + p)?;
    let name = input.get(lt + 1..name_end)?;
    let mut at = name_end;
    loop {
        let p = at + memchr::memchr3(b'>', b'"', b'\'', bytes.get(at..)?)?;
        match bytes[p] {
            b'>' => return Some((name, p + 1, p > 0 && bytes[p - 1] == b'/')),
            quote => at = p + 1 + memchr(quote, bytes.get(p + 1..)?)? + 1,
        }
    }
}

/// Level names from depth `base` on, `/`-joined, with `[n]` from the second sibling on.
fn join(stack: &[Level<'_>], base: usize) -> String {
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

/// The path of the elements open at byte `position`, from depth `base` on.
pub fn element_path(input: &[u8], position: u64, base: usize) -> String {
    // Not UTF-8 at some byte: the path is that of the valid part before it.
    let input = match std::str::from_utf8(input) {
        Ok(_) => input,
        Err(e) => input.get(..e.valid_up_to()).unwrap_or_default(),
    };
    let Ok(mut scan) = Scanner::new(input, usize::MAX) else {
        return String::new();
    };
    let mut stack: Vec<Level<'_>> = Vec::new();
    loop {
        if scan.pos() as u64 > position {
            break;
        }
        let start = scan.pos();
        let Ok(token) = scan.next_token() else {
            // The error is in a start tag (a bad attribute, say): it names that element.
            if let Some(name) = scan.start_tag_name_at(start) {
                let level = child_level(&mut stack, local_part(name));
                stack.push(level);
            }
            break;
        };
        let end = scan.pos() as u64;
        match token {
            Token::Start(t) => {
                let level = child_level(&mut stack, t.local_name());
                if !t.is_empty() || end > position {
                    stack.push(level);
                }
                if t.is_empty() && end > position {
                    break;
                }
            }
            Token::End => {
                if end > position {
                    break;
                }
                stack.pop();
            }
            Token::Eof => break,
            Token::Text(..) | Token::CData(_) => {}
        }
    }
    join(&stack, base)
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
    fn many_paths_in_one_scan_match_one_at_a_time() {
        let xml = b"<a><b/><c><d>x</d><d/></c><c><d>y</d></c></a>";
        let positions: Vec<u64> = (0..xml.len() as u64).rev().collect();
        let paths = element_paths(xml, &positions, 0);
        for (p, path) in positions.iter().zip(&paths) {
            if xml[*p as usize] == b'<' && xml[*p as usize + 1] != b'/' {
                assert_eq!(path, &element_path(xml, *p, 0), "at {p}");
            }
        }
        assert_eq!(paths[positions.len() - 1], "a");
    }

    #[test]
    fn many_distinct_sibling_names_switch_to_a_map_and_keep_counting() {
        let mut xml = String::from("<a>");
        for i in 0..100 {
            xml.push_str(&format!("<e{i}/>"));
        }
        xml.push_str("<e7/><e70/><last/></a>");
        let pos = xml.rfind("<e7/>").unwrap_or(0) as u64;
        assert_eq!(element_path(xml.as_bytes(), pos, 0), "a/e7[2]");
        let pos = xml.rfind("<e70/>").unwrap_or(0) as u64;
        assert_eq!(element_path(xml.as_bytes(), pos, 0), "a/e70[2]");
        let pos = xml.rfind("<last/>").unwrap_or(0) as u64;
        assert_eq!(element_path(xml.as_bytes(), pos, 0), "a/last");
    }

    #[test]
    fn many_paths_skip_comments_cdata_instructions_and_quoted_markup() {
        let xml = "<?xml version=\"1.0\"?><!-- <x> --><a k='>' j=\"/>\"><b>t<![CDATA[<c>]]></b>\
                   <?pi <d>?><b/><c x=\"a>b\"><d>é</d></c></a>";
        let bytes = xml.as_bytes();
        let positions: Vec<u64> = (0..bytes.len() as u64).collect();
        let paths = element_paths(bytes, &positions, 0);
        // The real start tags (not the `<` inside comments, CDATA, instructions, values).
        for tag in ["<a ", "<b>", "<b/>", "<c ", "<d>é"] {
            let p = xml.find(tag).unwrap_or(0);
            assert_eq!(paths[p], element_path(bytes, p as u64, 0), "at {tag}");
        }
        let at = |s: &str| xml.find(s).unwrap_or(0);
        assert_eq!(paths[at("<b>")], "a/b");
        assert_eq!(paths[at("<b/>")], "a/b[2]");
        assert_eq!(paths[at("<d>é")], "a/c/d");
        assert_eq!(paths[at("é")], "a/c/d");
    }

    #[test]
    fn path_of_empty_element() {
        let xml = b"<a><b/><b/></a>";
        assert_eq!(element_path(xml, 7, 0), "a/b[2]");
    }

    #[test]
    fn many_paths_after_a_byte_order_mark_and_declaration() {
        let xml = "\u{FEFF}<?xml version='1.0'?><a>bom<b/></a>".as_bytes();
        let positions: Vec<u64> = (0..xml.len() as u64).collect();
        let paths = element_paths(xml, &positions, 0);
        let root = xml.iter().position(|&b| b == b'<').unwrap_or(0) + "<?xml version='1.0'?>".len();
        assert!(paths[..root].iter().all(String::is_empty), "{paths:?}");
        for (p, path) in paths.iter().enumerate().skip(root) {
            assert_eq!(*path, element_path(xml, p as u64, 0), "at {p}");
        }
        assert_eq!(paths[root + "<a>bom".len()], "a/b");
    }
}
