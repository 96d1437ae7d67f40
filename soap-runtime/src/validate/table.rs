//! Validation as data: the generator emits, per type, a static table of the members that
//! have something to check ([`Checked::MEMBERS`]: wire name, how to reach the value,
//! occurrence, facets) and [`check`] walks it. Constraints the spec overlay binds to one
//! element path (not to the type) are the type's [`Checked::OVERRIDES`], consulted where
//! a member is marked [`Member::overridden`]; so a type reached by many paths has one
//! table, not one per path.
//!
//! What is checked, per value: required elements present and non-empty (-102); length
//! (-103); patterns, named formats, numeric ranges and digits (-104); membership of the
//! value set (-9970). Paths are `ErrorField` style: the walked element names below the
//! first `strip` (the operation's body element and its `Request`). A recursive type is
//! checked down to its first repetition on the path.

use std::any::TypeId;
use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::{OnceLock, RwLock};

use super::{Format, Violation, ViolationKind, digits_messages, length_message, range_message};
use crate::value::SimpleValue;

/// The compiled form of a table's pattern (anchored, `regex` syntax), compiled on first
/// use and kept for the process. One that does not compile checks nothing (generated
/// code never panics on a pattern).
fn regex(source: &'static str) -> Option<regex::Regex> {
    static COMPILED: OnceLock<RwLock<HashMap<&'static str, Option<regex::Regex>>>> =
        OnceLock::new();
    let cache = COMPILED.get_or_init(Default::default);
    if let Some(re) = cache.read().ok().and_then(|c| c.get(source).cloned()) {
        return re;
    }
    let re = regex::Regex::new(source).ok();
    if let Ok(mut c) = cache.write() {
        c.insert(source, re.clone());
    }
    re
}

/// A numeric bound: `(limit, inclusive)`.
pub type Bound = Option<(f64, bool)>;

/// What the text of a simple value must satisfy (beyond being present when required).
/// Checked in this order: length, patterns, format, allowed values, ranges, digits.
#[derive(Clone, Copy, Debug)]
pub struct Facets {
    /// Characters (Unicode scalar values), inclusive.
    pub min_length: Option<usize>,
    pub max_length: Option<usize>,
    /// Each must match (one per restriction level, and the overlay's).
    pub patterns: &'static [&'static str],
    pub format: Option<Format>,
    /// The allowed values of a value set on a plain text value (an enumeration type
    /// carries its own, [`SimpleValue::VALUE_SET`]); empty: any.
    pub values: &'static [&'static str],
    /// XSD `min*`/`max*` facets, `(min, max)` per restriction level.
    pub ranges: &'static [(Bound, Bound)],
    /// XSD `(totalDigits, fractionDigits)` per restriction level.
    pub digits: &'static [(Option<u32>, Option<u32>)],
}

impl Facets {
    /// Nothing to check.
    pub const NONE: Facets = Facets {
        min_length: None,
        max_length: None,
        patterns: &[],
        format: None,
        values: &[],
        ranges: &[],
        digits: &[],
    };
    pub const fn min_len(mut self, n: usize) -> Self {
        self.min_length = Some(n);
        self
    }
    pub const fn max_len(mut self, n: usize) -> Self {
        self.max_length = Some(n);
        self
    }
    pub const fn patterns(mut self, p: &'static [&'static str]) -> Self {
        self.patterns = p;
        self
    }
    pub const fn format(mut self, f: Format) -> Self {
        self.format = Some(f);
        self
    }
    pub const fn values(mut self, v: &'static [&'static str]) -> Self {
        self.values = v;
        self
    }
    pub const fn ranges(mut self, r: &'static [(Bound, Bound)]) -> Self {
        self.ranges = r;
        self
    }
    pub const fn digits(mut self, d: &'static [(Option<u32>, Option<u32>)]) -> Self {
        self.digits = d;
        self
    }
}

/// A simple value as the checker sees it.
pub trait TextValue {
    fn text(&self) -> Cow<'_, str>;
    /// The values an enumeration lists ([`SimpleValue::VALUE_SET`]).
    fn value_set(&self) -> &'static [&'static str];
}

impl<T: SimpleValue> TextValue for T {
    fn text(&self) -> Cow<'_, str> {
        self.to_text()
    }
    fn value_set(&self) -> &'static [&'static str] {
        T::VALUE_SET
    }
}

/// Repeated simple values.
pub trait TextList {
    fn count(&self) -> usize;
    fn at(&self, i: usize) -> Option<&dyn TextValue>;
}

impl<T: SimpleValue> TextList for Vec<T> {
    fn count(&self) -> usize {
        self.len()
    }
    fn at(&self, i: usize) -> Option<&dyn TextValue> {
        self.get(i).map(|v| v as &dyn TextValue)
    }
}

/// A complex value the checker descends into.
pub trait Walk {
    fn walk(&self, c: &mut Checker);
}

impl<T: Checked> Walk for T {
    fn walk(&self, c: &mut Checker) {
        c.walk(self);
    }
}

/// Repeated complex values.
pub trait WalkList {
    fn count(&self) -> usize;
    fn at(&self, i: usize) -> Option<&dyn Walk>;
}

impl<T: Checked> WalkList for Vec<T> {
    fn count(&self) -> usize {
        self.len()
    }
    fn at(&self, i: usize) -> Option<&dyn Walk> {
        self.get(i).map(|v| v as &dyn Walk)
    }
}

/// A member's value, as its table's accessor hands it over.
#[derive(Clone, Copy)]
pub enum Node<'a> {
    /// Absent (`None`, or another variant of a choice).
    None,
    Text(&'a dyn TextValue),
    Texts(&'a dyn TextList),
    Complex(&'a dyn Walk),
    Complexes(&'a dyn WalkList),
    /// This many values with nothing to check in them (`xs:any`): only counted.
    Count(usize),
}

/// Absent.
pub const NONE: Node<'static> = Node::None;

/// A simple value.
pub fn text<T: SimpleValue>(v: &T) -> Node<'_> {
    Node::Text(v)
}

/// An optional simple value.
pub fn text_opt<T: SimpleValue>(v: Option<&T>) -> Node<'_> {
    v.map_or(Node::None, |v| Node::Text(v))
}

/// Repeated simple values.
#[allow(clippy::ptr_arg)] // a `Vec` is what becomes a `dyn TextList`
pub fn texts<T: SimpleValue>(v: &Vec<T>) -> Node<'_> {
    Node::Texts(v)
}

/// `n` values that are only counted (against [`Member::at_least`]).
pub const fn count(n: usize) -> Node<'static> {
    Node::Count(n)
}

/// A complex value (a struct, a choice, a group).
pub fn node<T: Checked>(v: &T) -> Node<'_> {
    Node::Complex(v)
}

/// An optional complex value.
pub fn node_opt<T: Checked>(v: Option<&T>) -> Node<'_> {
    v.map_or(Node::None, |v| Node::Complex(v))
}

/// Repeated complex values.
#[allow(clippy::ptr_arg)] // a `Vec` is what becomes a `dyn WalkList`
pub fn nodes<T: Checked>(v: &Vec<T>) -> Node<'_> {
    Node::Complexes(v)
}

/// One entry of a type's table.
pub struct Member<T: 'static> {
    /// The path segment (`Email`, `@attr`); empty for the type's own text and for a
    /// nested group (no element of their own).
    pub name: &'static str,
    /// The item element of a list wrapper (`Error` in `Errors/Error`); empty otherwise.
    pub item: &'static str,
    pub get: for<'a> fn(&'a T) -> Node<'a>,
    /// A required simple value: empty text is [`ViolationKind::Missing`] and nothing
    /// else is checked.
    pub required: bool,
    /// A repeated element needs at least this many values.
    pub at_least: usize,
    pub facets: Facets,
    /// Some path has its own facets ([`Checked::OVERRIDES`]).
    pub overridden: bool,
}

impl<T: 'static> Member<T> {
    pub const fn new(name: &'static str, get: for<'a> fn(&'a T) -> Node<'a>) -> Self {
        Member {
            name,
            item: "",
            get,
            required: false,
            at_least: 0,
            facets: Facets::NONE,
            overridden: false,
        }
    }
    pub const fn required(mut self) -> Self {
        self.required = true;
        self
    }
    pub const fn at_least(mut self, n: usize) -> Self {
        self.at_least = n;
        self
    }
    pub const fn item(mut self, name: &'static str) -> Self {
        self.item = name;
        self
    }
    pub const fn overridden(mut self) -> Self {
        self.overridden = true;
        self
    }
    pub const fn facets(mut self, f: Facets) -> Self {
        self.facets = f;
        self
    }
    pub const fn min_len(mut self, n: usize) -> Self {
        self.facets = self.facets.min_len(n);
        self
    }
    pub const fn max_len(mut self, n: usize) -> Self {
        self.facets = self.facets.max_len(n);
        self
    }
    pub const fn patterns(mut self, p: &'static [&'static str]) -> Self {
        self.facets = self.facets.patterns(p);
        self
    }
    pub const fn format(mut self, f: Format) -> Self {
        self.facets = self.facets.format(f);
        self
    }
    pub const fn values(mut self, v: &'static [&'static str]) -> Self {
        self.facets = self.facets.values(v);
        self
    }
    pub const fn ranges(mut self, r: &'static [(Bound, Bound)]) -> Self {
        self.facets = self.facets.ranges(r);
        self
    }
    pub const fn digits(mut self, d: &'static [(Option<u32>, Option<u32>)]) -> Self {
        self.facets = self.facets.digits(d);
        self
    }
}

/// Facets the spec overlay binds to one element path: member `member` of the type,
/// reached at `path` (every element name from the operation's body element, `/`-joined,
/// with a list wrapper's item), is checked with `facets` instead of its table's.
#[derive(Clone, Copy, Debug)]
pub struct Override {
    pub path: &'static str,
    pub member: usize,
    pub facets: Facets,
}

impl Override {
    pub const fn new(path: &'static str, member: usize, facets: Facets) -> Self {
        Override {
            path,
            member,
            facets,
        }
    }
}

/// A type with a validation table (generated).
pub trait Checked: Sized + 'static {
    const MEMBERS: &'static [Member<Self>];
    const OVERRIDES: &'static [Override] = &[];
}

/// Checks `root`, the input of the operation whose body element is `name`; paths in
/// violations leave out their first `strip` names (`OrderOS/Request`).
pub fn check<T: Checked>(root: &T, name: &'static str, strip: usize) -> Vec<Violation> {
    let mut c = Checker {
        out: Vec::new(),
        path: vec![name],
        types: Vec::new(),
        strip,
    };
    c.walk(root);
    c.out
}

/// The walk in progress: what [`Walk::walk`] gets.
pub struct Checker {
    out: Vec<Violation>,
    path: Vec<&'static str>,
    /// The types being checked, outermost first (a recursive type stops at its repeat).
    types: Vec<TypeId>,
    strip: usize,
}

impl Checker {
    fn walk<T: Checked>(&mut self, x: &T) {
        let id = TypeId::of::<T>();
        if self.types.contains(&id) {
            return;
        }
        self.types.push(id);
        for (i, m) in T::MEMBERS.iter().enumerate() {
            let depth = self.path.len();
            if !m.name.is_empty() {
                self.path.push(m.name);
            }
            let node = (m.get)(x);
            if m.at_least > 0 {
                let n = match node {
                    Node::None => 0,
                    Node::Text(_) | Node::Complex(_) => 1,
                    Node::Texts(v) => v.count(),
                    Node::Complexes(v) => v.count(),
                    Node::Count(n) => n,
                };
                if n < m.at_least {
                    let message = format!("at least {} required", m.at_least);
                    self.push(ViolationKind::Missing, message);
                }
            }
            if !m.item.is_empty() {
                self.path.push(m.item);
            }
            match node {
                Node::None | Node::Count(_) => {}
                Node::Text(v) => self.text(v, m, T::OVERRIDES, i),
                Node::Texts(vs) => {
                    for v in (0..vs.count()).filter_map(|k| vs.at(k)) {
                        self.text(v, m, T::OVERRIDES, i);
                    }
                }
                Node::Complex(v) => v.walk(self),
                Node::Complexes(vs) => {
                    for v in (0..vs.count()).filter_map(|k| vs.at(k)) {
                        v.walk(self);
                    }
                }
            }
            self.path.truncate(depth);
        }
        self.types.pop();
    }

    /// The facets of member `index` here: an override for this path, else the table's.
    fn facets<'f, T>(
        &self,
        m: &'f Member<T>,
        overrides: &'f [Override],
        index: usize,
    ) -> &'f Facets {
        if m.overridden {
            for o in overrides.iter().filter(|o| o.member == index) {
                if o.path.split('/').eq(self.path.iter().copied()) {
                    return &o.facets;
                }
            }
        }
        &m.facets
    }

    fn text<T>(&mut self, v: &dyn TextValue, m: &Member<T>, overrides: &[Override], index: usize) {
        let t = v.text();
        if m.required && t.is_empty() {
            self.push(ViolationKind::Missing, "is required".to_owned());
            return;
        }
        let f = self.facets(m, overrides, index);
        if let Some(message) = length_message(&t, f.min_length, f.max_length) {
            self.push(ViolationKind::Length, message);
        }
        for p in f.patterns {
            if let Some(re) = regex(p)
                && !re.is_match(&t)
            {
                let message = format!("must match the pattern {}", re.as_str());
                self.push(ViolationKind::Format, message);
            }
        }
        if let Some(format) = f.format
            && !format.check(&t)
        {
            self.push(
                ViolationKind::Format,
                format!("must be {}", format.describe()),
            );
        }
        let set = match v.value_set() {
            [] => f.values,
            listed => listed,
        };
        if !set.is_empty() && !set.contains(&t.as_ref()) {
            self.push(ViolationKind::NotAllowed, allowed_message(set));
        }
        for (min, max) in f.ranges {
            if let Some(message) = range_message(&t, *min, *max) {
                self.push(ViolationKind::Format, message);
            }
        }
        for (total, fraction) in f.digits {
            for message in digits_messages(&t, *total, *fraction).into_iter().flatten() {
                self.push(ViolationKind::Format, message);
            }
        }
    }

    fn push(&mut self, kind: ViolationKind, message: String) {
        let shown = if self.path.len() > self.strip {
            &self.path[self.strip..]
        } else {
            &self.path[self.path.len().saturating_sub(1)..]
        };
        self.out
            .push(Violation::new(shown.join("/"), kind, message));
    }
}

/// `is not one of the allowed values (a, b, ...)`: the first twelve.
pub fn allowed_message(values: &[&str]) -> String {
    let shown = &values[..values.len().min(12)];
    let more = if values.len() > shown.len() {
        ", ..."
    } else {
        ""
    };
    format!(
        "is not one of the allowed values ({}{more})",
        shown.join(", ")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Default)]
    struct Leaf {
        name: String,
        tags: Vec<String>,
    }

    #[derive(Default)]
    struct Tree {
        leaf: Leaf,
        other: Option<Leaf>,
        child: Option<Box<Tree>>,
        items: Vec<Leaf>,
    }

    impl Checked for Leaf {
        const MEMBERS: &'static [Member<Self>] = &[
            Member::new("Name", |x: &Self| text(&x.name))
                .required()
                .max_len(3)
                .overridden(),
            Member::new("Tag", |x: &Self| texts(&x.tags))
                .at_least(1)
                .values(&["a", "b"]),
        ];
        const OVERRIDES: &'static [Override] =
            &[Override::new("Root/Other/Name", 0, Facets::NONE.max_len(1))];
    }

    impl Checked for Tree {
        const MEMBERS: &'static [Member<Self>] = &[
            Member::new("Leaf", |x: &Self| node(&x.leaf)),
            Member::new("Other", |x: &Self| node_opt(x.other.as_ref())),
            Member::new("Child", |x: &Self| node_opt(x.child.as_deref())),
            Member::new("Items", |x: &Self| nodes(&x.items)).item("Item"),
        ];
    }

    fn leaf(name: &str, tags: &[&str]) -> Leaf {
        Leaf {
            name: name.into(),
            tags: tags.iter().map(|t| (*t).to_owned()).collect(),
        }
    }

    fn found(v: Vec<Violation>) -> Vec<(String, &'static str, String)> {
        v.into_iter().map(|v| (v.path, v.code, v.message)).collect()
    }

    #[test]
    fn tables_are_walked_with_path_overrides_and_a_recursion_stop() {
        let tree = Tree {
            leaf: leaf("", &["a"]),
            other: Some(leaf("ab", &["c"])),
            // Not walked: `Tree` is already being checked.
            child: Some(Box::new(Tree::default())),
            items: vec![leaf("abcd", &[])],
        };
        let long = "is 4 characters long; must be at most 3 characters".to_owned();
        assert_eq!(
            found(check(&tree, "Root", 1)),
            vec![
                ("Leaf/Name".into(), "-102", "is required".into()),
                (
                    "Other/Name".into(),
                    "-103",
                    "is 2 characters long; must be at most 1 characters".into()
                ),
                (
                    "Other/Tag".into(),
                    "-9970",
                    "is not one of the allowed values (a, b)".into()
                ),
                ("Items/Item/Name".into(), "-103", long),
                (
                    "Items/Item/Tag".into(),
                    "-102",
                    "at least 1 required".into()
                ),
            ]
        );
    }

    struct Amount {
        value: String,
    }

    impl Checked for Amount {
        const MEMBERS: &'static [Member<Self>] = &[Member::new("Value", |x: &Self| text(&x.value))
            .ranges(&[(Some((0.0, true)), None), (None, Some((10000.0, false)))])
            .digits(&[(Some(5), Some(2))])];
    }

    #[test]
    fn ranges_and_digits_of_every_restriction_level_apply() {
        let v = check(
            &Amount {
                value: "12345.678".into(),
            },
            "Amount",
            1,
        );
        assert_eq!(
            found(v),
            vec![
                ("Value".into(), "-104", "must be less than 10000".into()),
                ("Value".into(), "-104", "must have at most 5 digits".into()),
                (
                    "Value".into(),
                    "-104",
                    "must have at most 2 digits after the decimal point".into()
                ),
            ]
        );
        assert_eq!(
            found(check(
                &Amount {
                    value: "99.5".into()
                },
                "Amount",
                1
            )),
            vec![]
        );
    }

    #[test]
    fn short_paths_show_their_last_name() {
        let v = check(&leaf("", &["a"]), "Leaf", 2);
        assert_eq!(
            found(v),
            vec![("Name".into(), "-102", "is required".into())]
        );
    }

    #[test]
    fn allowed_message_shows_twelve() {
        let values: Vec<String> = (1..=13).map(|n| n.to_string()).collect();
        let values: Vec<&str> = values.iter().map(String::as_str).collect();
        assert_eq!(
            allowed_message(&values),
            "is not one of the allowed values (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, ...)"
        );
    }
}
