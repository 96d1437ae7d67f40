//! Element paths for error messages, rebuilt on demand by re-scanning the input.
//!
//! The hot reading path keeps no path (that would cost a push per element); when an
//! error is reported at byte `position`, the input is scanned again from the start up
//! to that offset, and the elements open there are the path. Repeated siblings get a
//! 1-based index from the second occurrence on (`Order[3]`).

use std::collections::HashMap;

use crate::reader::local_part;
use crate::scan::{Scanner, Token};

struct Level<'a> {
    name: &'a str,
    index: usize,
    /// Names of children seen so far, with counts (a map: a hostile message can have
    /// hundreds of thousands of distinct sibling names, and a list made this quadratic).
    children: HashMap<&'a str, usize>,
}

/// The level of a child named `name` of the innermost open element, counted among its
/// siblings of that name (1 for the document element).
fn child_level<'a>(stack: &mut [Level<'a>], name: &'a str) -> Level<'a> {
    let index = match stack.last_mut() {
        None => 1,
        Some(parent) => {
            let count = parent.children.entry(name).or_insert(0);
            *count += 1;
            *count
        }
    };
    Level {
        name,
        index,
        children: HashMap::new(),
    }
}

/// The paths at several byte offsets (each the start of an element, as deviations
/// record them), in one scan of the input: `positions` in any order, the paths in the
/// same order. Used for [`crate::Deviation`]s, which can be many (a thousand orders
/// with one odd element each); a scan per position would be quadratic.
pub fn element_paths(input: &[u8], positions: &[u64], base: usize) -> Vec<String> {
    let mut out = vec![String::new(); positions.len()];
    let mut order: Vec<usize> = (0..positions.len()).collect();
    order.sort_by_key(|&i| positions[i]);
    let mut pending = order.into_iter().peekable();
    let input = match std::str::from_utf8(input) {
        Ok(_) => input,
        Err(e) => input.get(..e.valid_up_to()).unwrap_or_default(),
    };
    let Ok(mut scan) = Scanner::new(input, usize::MAX) else {
        return out;
    };
    let mut stack: Vec<Level<'_>> = Vec::new();
    while pending.peek().is_some() {
        let Ok(token) = scan.next_token() else {
            break;
        };
        let end = scan.pos() as u64;
        // Positions inside this token see the stack as it is with the token's element
        // open (a start tag's element is open inside it; an end tag's until its end).
        let mut path_here = |stack: &[Level<'_>]| {
            while let Some(&i) = pending.peek() {
                if positions[i] >= end {
                    break;
                }
                out[i] = join(stack, base);
                pending.next();
            }
        };
        match token {
            Token::Start(t) => {
                let level = child_level(&mut stack, t.local_name());
                stack.push(level);
                path_here(&stack);
                if t.is_empty() {
                    stack.pop();
                }
            }
            Token::End => {
                path_here(&stack);
                stack.pop();
            }
            Token::Eof => break,
            Token::Text(..) | Token::CData(_) => path_here(&stack),
        }
    }
    out
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
    fn path_of_empty_element() {
        let xml = b"<a><b/><b/></a>";
        assert_eq!(element_path(xml, 7, 0), "a/b[2]");
    }
}
