//! soap-runtime's `XmlReader` (its own tokenizer, `scan.rs`) on any bytes, checked
//! against quick-xml.
//!
//! The first byte picks how each element is consumed (children one by one, `read_text`,
//! `skip` or `read_raw`, varying with the element's depth and order) and, with its top
//! bit, small `Limits`; the rest is the document. Every element the walk meets is also
//! asked for `is_nil`, `namespace_of` and its attributes.
//!
//! The oracle is two-sided.
//!
//! "We accept the whole document ⇒ quick-xml reads it to the end without error and sees
//! the same document":
//! - the same elements (name, empty or not, offset of `<`, offset after the end);
//! - each element's text as `read_text` gives it (the element's own character data,
//!   children left out) equals quick-xml's text, CDATA and references of that element
//!   joined, with references resolved and line ends normalised (XML 1.0);
//! - the attributes `for_each_attribute` hands out are, in order, quick-xml's attributes
//!   with their normalised values (leaving out `xmlns` declarations and, prefixed, the
//!   `xsi:` ones our reader keeps to itself);
//! - outside the document element there is only white space (`S`), comments and
//!   processing instructions (quick-xml does not check this; XML 1.0 does);
//! - a `read_raw` fragment is a document our reader accepts on its own, its root in the
//!   namespace the element was in.
//!
//! "quick-xml reads it to the end without error, within our default limits, and it
//! breaks none of the rules our reader adds ⇒ we accept it" (children one by one, then
//! `finish`). Our reader is stricter than quick-xml's event reader on purpose; what it
//! adds, and what takes a document out of this direction ([`QuickTree::beyond`]): a
//! document type declaration; a declared encoding other than UTF-8; content outside the
//! document element; attributes quick-xml refuses (duplicates among them), `<` in an
//! attribute value, attributes not separated by white space, a reference in a value
//! that is neither a predefined entity nor a character reference; names that are not
//! XML names or not qualified names (`a:b:c`, `:a`, `a:`); character references to
//! characters XML does not allow; a processing instruction whose target is not a name;
//! depth beyond the limit. (Prefixes are resolved when asked for, not by the tokenizer:
//! an undeclared one does not take a document out.)
//! Non-UTF-8 input never reaches quick-xml here.
//!
//! Every error, accepted document or not, must have a position inside the input.
#![no_main]

use std::borrow::Cow;

use libfuzzer_sys::fuzz_target;
use quick_xml::XmlVersion;
use quick_xml::events::{BytesStart, Event};
use quick_xml::reader::Reader;
use soap_runtime::{DecodeError, Limits, StartTag, XmlReader};

/// One element as quick-xml reads it.
#[derive(Debug)]
struct Node {
    name: String,
    empty: bool,
    /// Offset of the `<` of its start tag.
    start: u64,
    /// Offset after its end tag (after `/>` when empty).
    end: u64,
    children: Vec<usize>,
    /// Its own character data, resolved and normalised.
    text: String,
    /// Its attributes in order, value normalised; `Err` when quick-xml refused them.
    attributes: Result<Vec<(String, String)>, String>,
}

/// The elements of a document as quick-xml sees them (`roots`: the top-level ones).
struct QuickTree {
    nodes: Vec<Node>,
    roots: Vec<usize>,
    /// Character data outside the document element that is not XML white space
    /// (`S`: space, tab, CR, LF), or CDATA or a reference there: the first one's offset.
    outside: Option<u64>,
    /// The first rule our reader adds to XML that the document breaks (see the module
    /// documentation); `None`: we must accept what quick-xml accepts.
    beyond: Option<String>,
}

impl QuickTree {
    /// A start tag (`empty`: `<a/>`) from `before` to `after`, inside the innermost
    /// element of `open`.
    fn start(
        &mut self,
        open: &mut Vec<usize>,
        e: &BytesStart<'_>,
        empty: bool,
        before: u64,
        after: u64,
    ) {
        let attributes = e
            .attributes()
            .map(|a| {
                let a = a.map_err(|e| e.to_string())?;
                let value = a
                    .normalized_value(XmlVersion::Implicit1_0)
                    .map_err(|e| e.to_string())?;
                Ok((a.key.as_ref().to_owned(), value.into_owned()))
            })
            .collect::<Result<Vec<_>, String>>();
        if self.beyond.is_none() {
            self.beyond = self.rules_of_tag(e, open.len()).err();
        }
        let index = self.nodes.len();
        self.nodes.push(Node {
            name: e.name().as_ref().to_owned(),
            empty,
            start: before,
            end: after,
            children: Vec::new(),
            text: String::new(),
            attributes,
        });
        match open.last() {
            Some(&parent) => self.nodes[parent].children.push(index),
            None => self.roots.push(index),
        }
        if !empty {
            open.push(index);
        }
    }

    /// The rules our reader adds, for one start tag at `depth` (0: the root): the
    /// first one broken.
    fn rules_of_tag(&self, e: &BytesStart<'_>, depth: usize) -> Result<(), String> {
        let name = e.name().as_ref().to_owned();
        if depth + 1 > Limits::default().max_depth {
            return Err(format!("<{name}> deeper than the limit"));
        }
        check_qname(&name)?;
        // XML wants white space between attributes; quick-xml does not ask for it.
        let raw = e.attributes_raw();
        let mut quote = None;
        for (i, c) in raw.char_indices() {
            match quote {
                Some(q) if c == q => {
                    quote = None;
                    let next = raw[i + c.len_utf8()..].chars().next();
                    if next.is_some_and(|n| !matches!(n, ' ' | '\t' | '\r' | '\n' | '/')) {
                        return Err(format!("<{name}>: attributes not separated by white space"));
                    }
                }
                Some(_) => {}
                None if c == '"' || c == '\'' => quote = Some(c),
                None => {}
            }
        }
        for a in e.attributes() {
            let a = a.map_err(|e| format!("<{name}>: quick-xml refuses an attribute: {e}"))?;
            let key = a.key.as_ref().to_owned();
            check_qname(&key)?;
            let raw: &str = a.value.as_ref();
            if raw.contains('<') {
                return Err(format!("<{name}>: `<` in the value of {key}"));
            }
            check_char_refs(raw)?;
            a.normalized_value(XmlVersion::Implicit1_0)
                .map_err(|e| format!("<{name}> {key}: quick-xml refuses the value: {e}"))?;
        }
        Ok(())
    }

    /// Character data of the innermost open element (none outside the elements).
    fn text(&mut self, open: &[usize], text: &str) {
        if let Some(&top) = open.last() {
            self.nodes[top].text.push_str(text);
        }
    }
}

fn quick_tree(doc: &str) -> Result<QuickTree, String> {
    let mut reader = Reader::from_str(doc);
    let config = reader.config_mut();
    config.check_end_names = true;
    config.expand_empty_elements = false;
    config.trim_text(false);
    // quick-xml counts offsets after a byte order mark it removed.
    let bom = if doc.starts_with('\u{feff}') { 3 } else { 0 };
    let mut tree = QuickTree {
        nodes: Vec::new(),
        roots: Vec::new(),
        outside: None,
        beyond: None,
    };
    let mut open: Vec<usize> = Vec::new();
    loop {
        let before = reader.buffer_position() + bom;
        let event = reader
            .read_event()
            .map_err(|e| format!("at {}: {e}", reader.error_position() + bom))?;
        let after = reader.buffer_position() + bom;
        match event {
            Event::Start(e) => tree.start(&mut open, &e, false, before, after),
            Event::Empty(e) => tree.start(&mut open, &e, true, before, after),
            Event::End(_) => {
                let index = open
                    .pop()
                    .ok_or_else(|| format!("at {before}: end tag with nothing open"))?;
                tree.nodes[index].end = after;
            }
            Event::Text(t) => {
                if open.is_empty() && !t.bytes().all(|b| b" \t\r\n".contains(&b)) {
                    tree.outside.get_or_insert(before);
                }
                tree.text(&open, &t.xml10_content());
            }
            Event::CData(t) => {
                if open.is_empty() {
                    tree.outside.get_or_insert(before);
                }
                tree.text(&open, &t.xml10_content());
            }
            Event::GeneralRef(r) => {
                let resolved: Cow<'_, str> = match r.resolve_char_ref() {
                    Ok(Some(c)) => {
                        if !is_xml_char(c) && tree.beyond.is_none() {
                            tree.beyond =
                                Some(format!("at {before}: &{}; is not an XML character", &*r));
                        }
                        Cow::Owned(c.to_string())
                    }
                    Ok(None) => match quick_xml::escape::resolve_predefined_entity(&r) {
                        Some(s) => Cow::Borrowed(s),
                        None => return Err(format!("at {before}: unknown entity &{};", &*r)),
                    },
                    Err(e) => return Err(format!("at {before}: &{}; {e}", &*r)),
                };
                if open.is_empty() {
                    tree.outside.get_or_insert(before);
                }
                tree.text(&open, &resolved);
            }
            Event::PI(pi) => {
                let target = pi.target();
                let mut chars = target.chars();
                let name = chars.next().is_some_and(|c| c == ':' || is_name_start(c))
                    && chars.all(|c| c == ':' || is_name_char(c));
                if !name {
                    tree.beyond.get_or_insert_with(|| {
                        format!("at {before}: processing instruction target {target:?}")
                    });
                }
            }
            Event::DocType(_) => {
                tree.beyond
                    .get_or_insert_with(|| format!("at {before}: a DOCTYPE"));
            }
            Event::Decl(d) => {
                if let Some(encoding) = d.encoding() {
                    match encoding {
                        Ok(name) if name.eq_ignore_ascii_case("utf-8") => {}
                        other => {
                            tree.beyond
                                .get_or_insert_with(|| format!("at {before}: encoding {other:?}"));
                        }
                    }
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if !open.is_empty() {
        return Err(format!("{} element(s) still open at the end", open.len()));
    }
    Ok(tree)
}

/// XML 1.0 (fifth edition) `NameStartChar`, less `:`.
fn is_name_start(c: char) -> bool {
    matches!(c,
        'A'..='Z' | '_' | 'a'..='z' | '\u{C0}'..='\u{D6}' | '\u{D8}'..='\u{F6}'
        | '\u{F8}'..='\u{2FF}' | '\u{370}'..='\u{37D}' | '\u{37F}'..='\u{1FFF}'
        | '\u{200C}'..='\u{200D}' | '\u{2070}'..='\u{218F}' | '\u{2C00}'..='\u{2FEF}'
        | '\u{3001}'..='\u{D7FF}' | '\u{F900}'..='\u{FDCF}' | '\u{FDF0}'..='\u{FFFD}'
        | '\u{10000}'..='\u{EFFFF}')
}

/// XML 1.0 (fifth edition) `NameChar`, less `:`.
fn is_name_char(c: char) -> bool {
    is_name_start(c)
        || matches!(c,
            '-' | '.' | '0'..='9' | '\u{B7}' | '\u{300}'..='\u{36F}' | '\u{203F}'..='\u{2040}')
}

/// A qualified name (Namespaces in XML): `NCName` or `NCName:NCName`.
fn check_qname(name: &str) -> Result<(), String> {
    let ncname = |part: &str| {
        let mut chars = part.chars();
        chars.next().is_some_and(is_name_start) && chars.all(is_name_char)
    };
    let ok = match name.split_once(':') {
        Some((prefix, local)) => ncname(prefix) && ncname(local),
        None => ncname(name),
    };
    if ok {
        Ok(())
    } else {
        Err(format!("{name:?} is not a qualified name"))
    }
}

/// XML 1.0 `Char`.
fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// The references of a raw attribute value: each `&` starts one of the five predefined
/// entities or a character reference to a character XML allows.
fn check_char_refs(raw: &str) -> Result<(), String> {
    for (at, _) in raw.match_indices('&') {
        let rest = &raw[at + 1..];
        let Some(end) = rest.find(';') else {
            return Err(format!("`&` without `;` in {raw:?}"));
        };
        let body = &rest[..end];
        if matches!(body, "lt" | "gt" | "amp" | "apos" | "quot") {
            continue;
        }
        let Some(number) = body.strip_prefix('#') else {
            return Err(format!("&{body}; is not a predefined entity"));
        };
        let code = match number.strip_prefix('x') {
            Some(hex) if hex.bytes().all(|b| b.is_ascii_hexdigit()) => u32::from_str_radix(hex, 16),
            _ if number.bytes().all(|b| b.is_ascii_digit()) => number.parse::<u32>(),
            _ => return Err(format!("&{body}; is not a character reference")),
        };
        let Some(c) = code.ok().and_then(char::from_u32) else {
            return Err(format!("&{body}; is no character"));
        };
        if !is_xml_char(c) {
            return Err(format!("&{body}; is not an XML character"));
        }
    }
    Ok(())
}

/// How the walk consumes an element.
#[derive(Clone, Copy, Debug)]
enum Action {
    Children,
    Text,
    Skip,
    Raw,
}

struct Walk<'t> {
    selector: u8,
    /// Elements visited so far (varies the action between siblings).
    visits: u32,
    /// quick-xml's view; `None` while the document may still be refused.
    tree: Option<&'t QuickTree>,
    input: &'t [u8],
    limits: Limits,
}

impl Walk<'_> {
    fn action(&mut self, depth: usize) -> Action {
        self.visits += 1;
        let bits = self.selector.rotate_left(self.visits % 8) as usize + depth;
        match bits % 5 {
            0 | 4 => Action::Children,
            1 => Action::Text,
            2 => Action::Skip,
            _ => Action::Raw,
        }
    }

    /// Checks `tag` against quick-xml's `node` (when known) before it is consumed.
    fn compare_tag(&self, reader: &XmlReader<'_>, tag: &StartTag<'_>, node: Option<&Node>) {
        // The entry points that only look at the tag (they take `&self`): their errors
        // (an unbound attribute prefix) leave the reader usable.
        let _ = reader.is_nil(tag);
        let _ = reader.namespace_of(tag);
        let mut ours: Vec<(String, String)> = Vec::new();
        let attributes = reader.for_each_attribute(tag, |_, local, value| {
            ours.push((local.to_owned(), value.into_owned()));
            Ok(())
        });
        if let Err(e) = &attributes {
            gas_fuzz::check_decode_error(e, self.input);
        }
        let Some(node) = node else { return };
        assert_eq!(
            tag.qualified_name(),
            node.name,
            "element name at {}",
            node.start
        );
        assert_eq!(tag.position(), node.start, "offset of <{}>", node.name);
        assert_eq!(tag.is_empty(), node.empty, "emptiness of <{}>", node.name);
        let local = node.name.split_once(':').map_or(&*node.name, |(_, l)| l);
        assert_eq!(tag.local_name(), local, "local name of <{}>", node.name);
        let theirs = match &node.attributes {
            Ok(a) => a,
            Err(e) => panic!("quick-xml refused the attributes of <{}>: {e}", node.name),
        };
        if attributes.is_err() {
            return;
        }
        // Ours must be theirs in order, less declarations and (prefixed) `xsi:` ones.
        let mut rest = theirs
            .iter()
            .filter(|(k, _)| k != "xmlns" && !k.starts_with("xmlns:"));
        for (local, value) in &ours {
            loop {
                let Some((key, v)) = rest.next() else {
                    panic!(
                        "attribute {local}={value:?} of <{}> not in quick-xml's {theirs:?}",
                        node.name
                    );
                };
                let their_local = key.split_once(':').map_or(&**key, |(_, l)| l);
                if their_local == local && v == value {
                    break;
                }
                assert!(
                    key.contains(':'),
                    "attribute {key}={v:?} of <{}> left out or different (ours: {ours:?})",
                    node.name
                );
            }
        }
        for (key, v) in rest {
            assert!(
                key.contains(':'),
                "attribute {key}={v:?} of <{}> left out (ours: {ours:?})",
                node.name
            );
        }
    }

    /// Consumes `tag` (already returned by `next_child`) with the action the selector
    /// picks; `node` is quick-xml's view of it.
    fn element<'a>(
        &mut self,
        reader: &mut XmlReader<'a>,
        tag: &StartTag<'a>,
        node: Option<usize>,
    ) -> Result<(), DecodeError> {
        let tree = self.tree;
        let node = node.and_then(|i| tree.map(|t| &t.nodes[i]));
        self.compare_tag(reader, tag, node);
        match self.action(reader.depth()) {
            Action::Children => {
                if !tag.is_empty() {
                    let mut index = 0;
                    while let Some(child) = reader.next_child()? {
                        let child_node = node.map(|n| match n.children.get(index) {
                            Some(&c) => c,
                            None => panic!(
                                "<{}> at {}: more children than quick-xml's {}",
                                n.name,
                                n.start,
                                n.children.len()
                            ),
                        });
                        self.element(reader, &child, child_node)?;
                        index += 1;
                    }
                    if let Some(n) = node {
                        assert_eq!(index, n.children.len(), "children of <{}>", n.name);
                    }
                }
            }
            Action::Text => {
                let text = reader.read_text(tag)?;
                if let Some(n) = node {
                    assert_eq!(
                        *text, n.text,
                        "text of <{}> at {} (ours, quick-xml's)",
                        n.name, n.start
                    );
                }
            }
            Action::Skip => reader.skip(tag)?,
            Action::Raw => {
                let namespace = reader.namespace_of(tag).map(str::to_owned);
                let raw = reader.read_raw(tag)?;
                // A fragment stands alone: our reader accepts it as a document.
                let fragment = raw.as_str().as_bytes();
                let mut again = XmlReader::new(fragment, &self.limits)
                    .unwrap_or_else(|e| panic!("read_raw gave {:?}: {e}", raw.as_str()));
                let root = again.root().and_then(|r| {
                    // ... and its root is in the same namespace as the element was.
                    assert_eq!(
                        again.namespace_of(&r),
                        namespace.as_deref(),
                        "namespace of the root of read_raw's {:?}",
                        raw.as_str()
                    );
                    again.skip(&r)?;
                    again.finish()
                });
                if let Err(e) = root {
                    panic!("read_raw gave {:?}, which is refused: {e}", raw.as_str());
                }
            }
        }
        if let Some(n) = node {
            assert_eq!(reader.position(), n.end, "offset after <{}>", n.name);
        }
        Ok(())
    }

    /// The whole document: root, the walk, finish.
    fn document(&mut self, input: &[u8]) -> Result<(), DecodeError> {
        let mut reader = XmlReader::new(input, &self.limits)?;
        let root = reader.root()?;
        let node = self.tree.map(|t| {
            assert_eq!(t.roots.len(), 1, "quick-xml's top-level elements");
            if let Some(at) = t.outside {
                panic!("we accept content outside the document element at {at}");
            }
            t.roots[0]
        });
        self.element(&mut reader, &root, node)?;
        reader.finish()
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((&selector, input)) = data.split_first() else {
        return;
    };
    let limits = if selector & 0x80 == 0 {
        Limits::default()
    } else {
        Limits {
            max_size: 4096,
            max_depth: 8,
            max_text: 64,
        }
    };
    let mut walk = Walk {
        selector,
        visits: 0,
        tree: None,
        input,
        limits,
    };
    // First on our own: is the document accepted?
    if let Err(e) = walk.document(input) {
        gas_fuzz::check_decode_error(&e, input);
        if selector & 0x80 == 0 {
            must_accept(input, &walk.limits);
        }
        return;
    }
    // Accepted, so UTF-8 and well-formed: quick-xml must agree, walked the same way.
    let doc = std::str::from_utf8(input).expect("an accepted document is UTF-8");
    let tree = match quick_tree(doc) {
        Ok(tree) => tree,
        Err(e) => panic!("we accept, quick-xml refuses: {e}"),
    };
    walk.tree = Some(&tree);
    walk.visits = 0;
    if let Err(e) = walk.document(input) {
        panic!("accepted once, refused the second time: {e}");
    }
});

/// The other direction: a document quick-xml reads without error that breaks none of
/// the rules our reader adds (within the default limits) is one we accept, read child by
/// child to `finish` (the walk above can also refuse by its choice of entry points:
/// `read_text` on mixed content).
fn must_accept(input: &[u8], limits: &Limits) {
    let Ok(doc) = std::str::from_utf8(input) else {
        return;
    };
    if input.len() > limits.max_size.min(limits.max_text) {
        return;
    }
    let Ok(tree) = quick_tree(doc) else { return };
    if tree.beyond.is_some() || tree.outside.is_some() || tree.roots.len() != 1 {
        return;
    }
    if let Err(e) = read_all(input, limits) {
        panic!("quick-xml reads this to the end and it breaks none of our rules; we refuse: {e}");
    }
}

fn read_all(input: &[u8], limits: &Limits) -> Result<(), DecodeError> {
    fn children(reader: &mut XmlReader<'_>, tag: &StartTag<'_>) -> Result<(), DecodeError> {
        if !tag.is_empty() {
            while let Some(child) = reader.next_child()? {
                children(reader, &child)?;
            }
        }
        Ok(())
    }
    let mut reader = XmlReader::new(input, limits)?;
    let root = reader.root()?;
    children(&mut reader, &root)?;
    reader.finish()
}
