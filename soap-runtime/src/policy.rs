//! The reading policy: what a generated reader does where a message differs from its
//! schema. It lives here, once; generated readers only describe their fields ([`Fields`])
//! and say how each one is read.
//!
//! | the message has | lenient reading (default) | strict reading |
//! | --- | --- | --- |
//! | a second occurrence of an element that decides the outcome ([`Field::outcome`], e.g. `SuccessCode`) | decode error ([`DecodeErrorKind::Repeated`]) | decode error |
//! | a second occurrence of any other element allowed once | first kept, the others recorded ([`DeviationKind::Repeated`]) | decode error |
//! | an element or attribute the schema does not have | recorded with its raw XML ([`DeviationKind::UnknownElement`], [`DeviationKind::UnknownAttribute`]) | decode error |
//! | another spelling of an element ([`Field::aliases`], from the overlay's `aliases`) | read into the field it means, recorded ([`DeviationKind::Alias`]) | decode error |
//! | a body wrapper with another name (same namespace, children of the expected one) | read, recorded ([`DeviationKind::WrapperName`]) | decode error |
//! | a required element missing | the field's `Default`, recorded ([`DeviationKind::Missing`]) | decode error ([`DecodeErrorKind::Missing`]) |
//! | a value of a value set in another ASCII case (`New` for `new`) | read as the listed value, recorded ([`DeviationKind::ValueCase`]) | decode error |
//! | a value a value set does not list | kept as `Other(text)`, recorded ([`DeviationKind::UnlistedValue`]) | decode error |
//!
//! A [`Deviation`] names its place with the element path below the SOAP body, as decode
//! errors do (`GetOrdersResponse/Response/OrderDetail[3]/OrderInfo/OrderDate[2]`).
//! Recording costs nothing while there is nothing to record: the paths are worked out
//! after the message was read, in one scan, and only when something was recorded.

use std::fmt;

use crate::ComplexValue;
use crate::error::{DecodeError, DecodeErrorKind};
use crate::reader::{StartTag, XSI_NAMESPACE, XmlReader, local_part};

/// One place where a message differed from the schema and was read anyway.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Deviation {
    /// Element path below the SOAP body (`GetOrdersResponse/Response/OrderDetail[3]/
    /// OrderInfo/OrderDate[2]`); an attribute ends in `/@name`, a missing element is
    /// named after its parent's path.
    pub path: String,
    pub kind: DeviationKind,
    /// What was received, as XML: the element with its content (unknown and repeated
    /// elements: nothing is lost), the attribute as `name="value"`, the name as written
    /// (wrapper names and alternative spellings, whose content was read into the value).
    /// Empty for a missing element; `(withheld)` for a secret field.
    pub raw: String,
    /// Byte offset in the message where it was found.
    pub position: u64,
}

/// What kind of difference a [`Deviation`] is.
#[derive(Clone, Debug, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[non_exhaustive]
pub enum DeviationKind {
    /// Another occurrence of an element the schema allows once: the first was kept.
    Repeated,
    /// An element the schema does not have here (kept in `raw`).
    UnknownElement,
    /// An attribute the schema does not have here (kept in `raw`).
    UnknownAttribute,
    /// The body's element had another name than the schema's (`expected`); it was read as
    /// the expected one because it is in the same namespace and has its children.
    WrapperName { expected: String },
    /// An alternative spelling of the element `reads_as` (ERRATA: `PrCertificate` for
    /// `PcCertificate`), read into that element's field.
    Alias { reads_as: String },
    /// A required element was absent: the field has its default value.
    Missing,
    /// A value of a value set written in another ASCII case (`New`), read as the value
    /// `reads_as` (`new`) (ERRATA E102).
    ValueCase { reads_as: String },
    /// A value the value set does not list, kept as the enum's `Other(text)`.
    UnlistedValue,
}

impl DeviationKind {
    /// A short name of the kind (`repeated`, `unknown_element`, ...), for logs.
    pub fn name(&self) -> &'static str {
        match self {
            DeviationKind::Repeated => "repeated",
            DeviationKind::UnknownElement => "unknown_element",
            DeviationKind::UnknownAttribute => "unknown_attribute",
            DeviationKind::WrapperName { .. } => "wrapper_name",
            DeviationKind::Alias { .. } => "alias",
            DeviationKind::Missing => "missing",
            DeviationKind::ValueCase { .. } => "value_case",
            DeviationKind::UnlistedValue => "unlisted_value",
        }
    }
}

impl fmt::Display for DeviationKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DeviationKind::Repeated => f.write_str("repeated element (the first was kept)"),
            DeviationKind::UnknownElement => f.write_str("element not in the schema"),
            DeviationKind::UnknownAttribute => f.write_str("attribute not in the schema"),
            DeviationKind::WrapperName { expected } => {
                write!(f, "body element named otherwise than `{expected}`")
            }
            DeviationKind::Alias { reads_as } => {
                write!(f, "alternative spelling of `{reads_as}`")
            }
            DeviationKind::Missing => f.write_str("required element missing"),
            DeviationKind::ValueCase { reads_as } => {
                write!(f, "value in another case than `{reads_as}`")
            }
            DeviationKind::UnlistedValue => f.write_str("value not in the schema's list"),
        }
    }
}

impl fmt::Display for Deviation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.kind)
    }
}

/// How often a [`Field`] may occur.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Occurs {
    /// Exactly once (`minOccurs="1"`, the default): missing is a deviation.
    One,
    /// At most once.
    Optional,
    /// Any number of times.
    Many,
}

/// What a [`Field`] holds: the type's shape as data, for tools that need it without a
/// value (templates, help, key matching: the `gas` CLI builds its order templates from it).
#[derive(Clone, Copy, Debug)]
pub enum Kind {
    /// Not described here: a nested group or `xs:any`.
    None,
    /// Text of the XSD built-in type the element's type is or derives from (`string`,
    /// `int`, `boolean`, `dateTime`, ...; the local name, as XSD spells it).
    Simple(&'static str),
    /// A complex type: its table ([`fields_of`]).
    Complex(fn() -> &'static Fields),
}

/// The table of a complex type, as a function [`Kind::Complex`] can hold.
pub fn fields_of<T: ComplexValue>() -> &'static Fields {
    const { &T::FIELDS }
}

/// One child of a generated type, as its reader matches it: built with the `const`
/// constructors in generated code (`Field::one("SuccessCode").outcome()`). The same
/// table tells tools the type's shape: each field's wire name, occurrence and [`Kind`].
#[derive(Clone, Copy, Debug)]
pub struct Field {
    /// Local name on the wire (for a nested group: the first name that starts it).
    pub name: &'static str,
    pub occurs: Occurs,
    /// What the element holds (for a list wrapper: what each item holds). Text of
    /// `xs:string` unless the generated entry says otherwise.
    pub kind: Kind,
    /// A list wrapper collapsed into its items (`QCStatements` holding `QCStatement`s,
    /// read as a `Vec` of the items): the items' local name; empty otherwise.
    pub item: &'static str,
    /// For a list wrapper: the wrapper needs at least one item.
    pub item_required: bool,
    /// Other names read into this field: alternative spellings ([`DeviationKind::Alias`]),
    /// or for a nested group the other names that start it (not deviations).
    pub aliases: &'static [&'static str],
    /// A repeat is an error even when reading leniently: the element decides the outcome.
    pub outcome: bool,
    /// Values are never copied into a deviation (passwords).
    pub secret: bool,
    /// `Some(ns)`: matched only in namespace `ns` (`None` inside: no namespace); used where
    /// two children share a local name in different namespaces.
    pub namespace: Option<Option<&'static str>>,
    /// A nested model group (choice or sequence) started by `name` or `aliases`.
    pub group: bool,
    /// `xs:any`: takes every child no other field takes.
    pub any: bool,
}

impl Field {
    const fn new(name: &'static str, occurs: Occurs) -> Field {
        Field {
            name,
            occurs,
            kind: Kind::Simple("string"),
            item: "",
            item_required: false,
            aliases: &[],
            outcome: false,
            secret: false,
            namespace: None,
            group: false,
            any: false,
        }
    }
    /// A required element (exactly once).
    pub const fn one(name: &'static str) -> Field {
        Field::new(name, Occurs::One)
    }
    /// An optional element (at most once).
    pub const fn opt(name: &'static str) -> Field {
        Field::new(name, Occurs::Optional)
    }
    /// A repeated element.
    pub const fn many(name: &'static str) -> Field {
        Field::new(name, Occurs::Many)
    }
    /// A nested group started by any of `names` (the first is `name`).
    pub const fn group(names: &'static [&'static str], occurs: Occurs) -> Field {
        let mut f = Field::new("", occurs);
        f.kind = Kind::None;
        if let Some((first, rest)) = names.split_first() {
            f.name = first;
            f.aliases = rest;
        }
        f.group = true;
        f
    }
    /// `xs:any`: every child no other field takes.
    pub const fn any(occurs: Occurs) -> Field {
        let mut f = Field::new("", occurs);
        f.kind = Kind::None;
        f.any = true;
        f
    }
    /// Marks the element as deciding the outcome: a repeat is always an error.
    pub const fn outcome(mut self) -> Field {
        self.outcome = true;
        self
    }
    /// Alternative spellings read into this field, each recorded.
    pub const fn aliases(mut self, aliases: &'static [&'static str]) -> Field {
        self.aliases = aliases;
        self
    }
    /// Never copy the value into a deviation.
    pub const fn secret(mut self) -> Field {
        self.secret = true;
        self
    }
    /// Text of the XSD built-in `xsd` (or a type derived from it) rather than `xs:string`.
    pub const fn simple(mut self, xsd: &'static str) -> Field {
        self.kind = Kind::Simple(xsd);
        self
    }
    /// What the element holds, set directly (`Kind::None` for `xs:anyType`).
    pub const fn kind(mut self, kind: Kind) -> Field {
        self.kind = kind;
        self
    }
    /// An element of the complex type `T`.
    pub const fn of<T: ComplexValue>(mut self) -> Field {
        self.kind = Kind::Complex(fields_of::<T>);
        self
    }
    /// A list wrapper whose items are named `item` (`.of::<T>()` or `.simple(..)` then
    /// says what each item holds); `required`: at least one item.
    pub const fn list(mut self, item: &'static str, required: bool) -> Field {
        self.item = item;
        self.item_required = required;
        self
    }
    /// Match the element only in namespace `ns`.
    pub const fn in_namespace(mut self, ns: Option<&'static str>) -> Field {
        self.namespace = Some(ns);
        self
    }
}

/// The children (and attribute names) of a generated type: what the reading policy
/// matches a message against. `const`: built at compile time in generated code.
#[derive(Clone, Copy, Debug)]
pub struct Fields {
    pub fields: &'static [Field],
    /// The attributes the type reads (others are deviations), by local name.
    pub attributes: &'static [Field],
    /// `xs:anyAttribute`: every attribute is the type's.
    pub any_attribute: bool,
    /// Bit `i` set: field `i` is required (fields past 64 are not checked).
    required: u64,
    /// Some local name is used by two fields (or a field and an alias): matching must
    /// search from the first field.
    shared_names: bool,
    /// Index of the `xs:any` field, if any.
    any: Option<usize>,
    /// The table describes the type (generated); `false`: [`Fields::UNDESCRIBED`].
    pub described: bool,
}

/// `a == b` where a `const fn` needs it (`str`'s `PartialEq` is not const): the tables'
/// name checks here, and gas-client's operation classes.
pub const fn same_str(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

impl Fields {
    /// The table of a type that does not describe itself (a choice, a hand-written
    /// type): [`ComplexValue::FIELDS`]'s default.
    pub const UNDESCRIBED: Fields = Fields {
        fields: &[],
        attributes: &[],
        any_attribute: false,
        required: 0,
        shared_names: false,
        any: None,
        described: false,
    };

    /// The table of a type with `fields` and no attributes.
    pub const fn new(fields: &'static [Field]) -> Fields {
        Fields::with_attributes(fields, &[], false)
    }

    /// The table of a type with attributes.
    pub const fn with_attributes(
        fields: &'static [Field],
        attributes: &'static [Field],
        any_attribute: bool,
    ) -> Fields {
        let mut required = 0u64;
        let mut shared_names = false;
        let mut any = None;
        let mut i = 0;
        while i < fields.len() {
            let f = &fields[i];
            if matches!(f.occurs, Occurs::One) && !f.any && i < 64 {
                required |= 1 << i;
            }
            if f.any && any.is_none() {
                any = Some(i);
            }
            // Names of this field against every later field's names.
            let mut j = i + 1;
            while j < fields.len() {
                let g = &fields[j];
                if !f.any && !g.any && Fields::overlap(f, g) {
                    shared_names = true;
                }
                j += 1;
            }
            i += 1;
        }
        Fields {
            fields,
            attributes,
            any_attribute,
            required,
            shared_names,
            any,
            described: true,
        }
    }

    const fn overlap(f: &Field, g: &Field) -> bool {
        if same_str(f.name, g.name) {
            return true;
        }
        let mut a = 0;
        while a < f.aliases.len() {
            if same_str(f.aliases[a], g.name) {
                return true;
            }
            let mut b = 0;
            while b < g.aliases.len() {
                if same_str(f.aliases[a], g.aliases[b]) {
                    return true;
                }
                b += 1;
            }
            a += 1;
        }
        let mut b = 0;
        while b < g.aliases.len() {
            if same_str(f.name, g.aliases[b]) {
                return true;
            }
            b += 1;
        }
        false
    }
}

/// Which fields have been read, for repeats and missing elements.
struct Seen {
    bits: u64,
    /// Fields past the 64th (rare: only very wide types).
    more: Vec<bool>,
}

impl Seen {
    fn new() -> Seen {
        Seen {
            bits: 0,
            more: Vec::new(),
        }
    }
    #[inline]
    fn get(&self, i: usize) -> bool {
        if i < 64 {
            self.bits & (1 << i) != 0
        } else {
            self.more.get(i - 64).copied().unwrap_or(false)
        }
    }
    #[inline]
    fn set(&mut self, i: usize) {
        if i < 64 {
            self.bits |= 1 << i;
        } else {
            if self.more.len() <= i - 64 {
                self.more.resize(i - 63, false);
            }
            self.more[i - 64] = true;
        }
    }
}

/// What a child element is to the type being read.
enum Match {
    /// Field `i` (`alias`: under another spelling).
    Field { i: usize, alias: bool },
    /// A field allowed once that was already read.
    Repeat(usize),
    /// Nothing in the table.
    Unknown,
}

/// One attribute handed to a generated reader by [`XmlReader::read_attributes`].
pub struct Attribute<'v> {
    /// `None`: no namespace (unprefixed).
    pub namespace: Option<&'v str>,
    pub local: &'v str,
    pub value: std::borrow::Cow<'v, str>,
}

impl Attribute<'_> {
    /// Parses the value into a required field.
    pub fn read<T: crate::SimpleValue>(self, out: &mut T) -> Result<(), crate::ValueError> {
        *out = XmlReader::parse_attribute(self.value)?;
        Ok(())
    }
    /// Parses the value into an optional field.
    pub fn read_opt<T: crate::SimpleValue>(
        self,
        out: &mut Option<T>,
    ) -> Result<(), crate::ValueError> {
        *out = Some(XmlReader::parse_attribute(self.value)?);
        Ok(())
    }
    /// Keeps the attribute as it is (`xs:anyAttribute`).
    pub fn keep(self, out: &mut Vec<crate::RawAttribute>) -> Result<(), crate::ValueError> {
        out.push(crate::RawAttribute {
            namespace: self.namespace.map(str::to_owned),
            name: self.local.to_owned(),
            value: self.value.into_owned(),
        });
        Ok(())
    }
}

/// Where to look first for the next child's field: the same field for a repeated one,
/// else the next.
#[inline]
fn next_hint(fields: &Fields, i: usize) -> usize {
    match fields.fields.get(i) {
        Some(f) if f.occurs == Occurs::Many => i,
        _ => i + 1,
    }
}

/// A deviation waiting for its path (worked out once, after reading).
pub(crate) struct Pending {
    pub position: u64,
    /// Appended to the path at `position` (`/@name` for attributes).
    pub suffix: Option<String>,
    pub kind: DeviationKind,
    pub raw: String,
}

/// Text of a withheld value.
pub(crate) const WITHHELD: &str = "(withheld)";

impl<'a> XmlReader<'a> {
    /// Reads the children of `start` (a struct's element, just returned by
    /// [`next_child`](Self::next_child)) up to and including its end tag, handing each
    /// child that is one of `fields` to `read` with the field's index, and applying the
    /// reading policy to everything else (see the module documentation).
    pub fn read_fields(
        &mut self,
        start: &StartTag<'a>,
        fields: &Fields,
        mut read: impl FnMut(&mut Self, usize, &StartTag<'a>) -> Result<(), DecodeError>,
    ) -> Result<(), DecodeError> {
        if start.has_attributes() && fields.attributes.is_empty() && !fields.any_attribute {
            self.check_attributes(start, &[])?;
        }
        let mut seen = Seen::new();
        if !start.is_empty() {
            let mut hint = 0;
            while let Some(child) = self.next_child()? {
                match self.match_field(fields, &child, hint, &seen) {
                    Match::Field { i, alias } => {
                        if alias {
                            self.alias(fields, i, &child)?;
                        }
                        seen.set(i);
                        hint = next_hint(fields, i);
                        read(self, i, &child)?;
                    }
                    Match::Repeat(i) => self.repeated_field(fields, i, &child)?,
                    Match::Unknown => match fields.any {
                        Some(i) => read(self, i, &child)?,
                        None => self.unknown_element(&child)?,
                    },
                }
            }
        }
        if seen.bits & fields.required != fields.required {
            self.missing_fields(fields, &seen, start)?;
        }
        Ok(())
    }

    /// As [`read_fields`](Self::read_fields) for a nested group (`xs:sequence` struct
    /// without an element of its own): reads from the children that follow until one
    /// does not belong to the group (or would repeat one of its single fields), which is
    /// handed back. Returns whether anything was read.
    pub fn read_group_fields(
        &mut self,
        fields: &Fields,
        mut read: impl FnMut(&mut Self, usize, &StartTag<'a>) -> Result<(), DecodeError>,
    ) -> Result<bool, DecodeError> {
        let mut seen = Seen::new();
        let mut consumed = false;
        let mut hint = 0;
        let mut position = None;
        loop {
            let Some(child) = self.next_child()? else {
                self.push_back_end();
                break;
            };
            let i = match self.match_field(fields, &child, hint, &seen) {
                Match::Field { i, alias } => {
                    if alias {
                        self.alias(fields, i, &child)?;
                    }
                    seen.set(i);
                    hint = next_hint(fields, i);
                    i
                }
                Match::Unknown if fields.any.is_some() => fields.any.unwrap_or_default(),
                Match::Repeat(_) | Match::Unknown => {
                    self.push_back(child);
                    break;
                }
            };
            position.get_or_insert(child.position());
            read(self, i, &child)?;
            consumed = true;
        }
        if consumed && seen.bits & fields.required != fields.required {
            // Named after the group's first element.
            let at = position.unwrap_or_default();
            for (i, f) in fields.fields.iter().enumerate().take(64) {
                if fields.required & (1 << i) != 0 && !seen.get(i) {
                    self.deviate(
                        at,
                        Some(format!("/../{}", f.name)),
                        DeviationKind::Missing,
                        String::new(),
                    )?;
                }
            }
        }
        Ok(consumed)
    }

    /// Which field `child` is. Children mostly come in schema order (optional ones left
    /// out), so the search runs forward from the field after the last one read.
    #[inline]
    fn match_field(
        &self,
        fields: &Fields,
        child: &StartTag<'a>,
        hint: usize,
        seen: &Seen,
    ) -> Match {
        let table = fields.fields;
        if !fields.shared_names {
            // Names are unique: a match on the name is the field.
            let name = child.local_name();
            let ahead = table.get(hint..).unwrap_or_default();
            let found = match ahead.iter().position(|f| f.name == name) {
                Some(p) => Some(p + hint),
                None => table
                    .get(..hint)
                    .unwrap_or_default()
                    .iter()
                    .position(|f| f.name == name),
            };
            if let Some(i) = found {
                return if table[i].occurs != Occurs::Many && seen.get(i) {
                    Match::Repeat(i)
                } else {
                    Match::Field { i, alias: false }
                };
            }
        }
        self.match_field_slowly(fields, child, seen)
    }

    /// [`match_field`](Self::match_field) by aliases, namespaces and shared names: the
    /// first field of the name not yet read.
    fn match_field_slowly(&self, fields: &Fields, child: &StartTag<'a>, seen: &Seen) -> Match {
        let name = child.local_name();
        let mut repeat = None;
        for (i, f) in fields.fields.iter().enumerate() {
            let by_alias = f.name != name && f.aliases.contains(&name);
            if f.any || !(f.name == name || by_alias) || !self.namespace_fits(f, child) {
                continue;
            }
            if f.occurs == Occurs::Many || !seen.get(i) {
                return Match::Field {
                    i,
                    alias: by_alias && !f.group,
                };
            }
            repeat.get_or_insert(i);
        }
        repeat.map_or(Match::Unknown, Match::Repeat)
    }

    fn namespace_fits(&self, f: &Field, child: &StartTag<'a>) -> bool {
        match f.namespace {
            None => true,
            Some(ns) => self.namespace_of(child) == ns,
        }
    }

    #[cold]
    fn alias(
        &mut self,
        fields: &Fields,
        i: usize,
        child: &StartTag<'a>,
    ) -> Result<(), DecodeError> {
        let reads_as = fields.fields.get(i).map_or("", |f| f.name).to_owned();
        self.deviate(
            child.position(),
            None,
            DeviationKind::Alias { reads_as },
            child.qualified_name().to_owned(),
        )
    }

    /// A second occurrence of field `i`: an error for an outcome field, else recorded
    /// with its raw XML (the first value stays).
    #[cold]
    fn repeated_field(
        &mut self,
        fields: &Fields,
        i: usize,
        child: &StartTag<'a>,
    ) -> Result<(), DecodeError> {
        let field = fields.fields.get(i);
        if field.is_some_and(|f| f.outcome) || self.is_strict() {
            return Err(self.repeated(child));
        }
        let raw = if field.is_some_and(|f| f.secret) {
            self.skip(child)?;
            WITHHELD.to_owned()
        } else {
            self.read_raw(child)?.into_string()
        };
        self.deviate(child.position(), None, DeviationKind::Repeated, raw)
    }

    /// An element the type does not have: recorded with its raw XML.
    #[cold]
    pub fn unknown_element(&mut self, child: &StartTag<'a>) -> Result<(), DecodeError> {
        if self.is_strict() {
            return Err(self.error_at(
                child.position(),
                DecodeErrorKind::Deviation(DeviationKind::UnknownElement),
            ));
        }
        let raw = self.read_raw(child)?.into_string();
        self.deviate(child.position(), None, DeviationKind::UnknownElement, raw)
    }

    #[cold]
    fn missing_fields(
        &mut self,
        fields: &Fields,
        seen: &Seen,
        start: &StartTag<'a>,
    ) -> Result<(), DecodeError> {
        for (i, f) in fields.fields.iter().enumerate().take(64) {
            if fields.required & (1 << i) != 0 && !seen.get(i) {
                self.deviate(
                    start.position(),
                    Some(format!("/{}", f.name)),
                    DeviationKind::Missing,
                    String::new(),
                )?;
            }
        }
        Ok(())
    }

    /// Reads the attributes of `start` (a struct's element): each one in
    /// `fields.attributes` is handed to `read` with its index, any other to `read` with
    /// the index past the last when the type has `xs:anyAttribute`, else recorded as a
    /// deviation; a required one that is absent is recorded as missing. Namespace
    /// declarations and `xsi:*` are not attributes of the type.
    pub fn read_attributes(
        &mut self,
        start: &StartTag<'a>,
        fields: &Fields,
        mut read: impl FnMut(usize, Attribute<'_>) -> Result<(), crate::ValueError>,
    ) -> Result<(), DecodeError> {
        let known = fields.attributes;
        let mut seen = Seen::new();
        let mut any_unknown = false;
        self.for_each_attribute(start, |namespace, local, value| {
            let attribute = Attribute {
                namespace,
                local,
                value,
            };
            match known.iter().position(|f| f.name == local) {
                Some(i) => {
                    seen.set(i);
                    read(i, attribute)
                }
                None if fields.any_attribute => read(known.len(), attribute),
                None => {
                    any_unknown = true;
                    Ok(())
                }
            }
        })?;
        if any_unknown {
            let names: Vec<&str> = known.iter().map(|f| f.name).collect();
            self.check_attributes(start, &names)?;
        }
        for (i, f) in known.iter().enumerate() {
            if f.occurs == Occurs::One && !seen.get(i) {
                self.deviate(
                    start.position(),
                    Some(format!("/@{}", f.name)),
                    DeviationKind::Missing,
                    String::new(),
                )?;
            }
        }
        Ok(())
    }

    /// Records attributes of `tag` that are not in `known` (local names), namespace
    /// declarations and `xsi:*` aside.
    #[cold]
    pub fn check_attributes(
        &mut self,
        tag: &StartTag<'a>,
        known: &[&str],
    ) -> Result<(), DecodeError> {
        self.check_attributes_and_nil(tag, known).map(|_| ())
    }

    /// [`check_attributes`](Self::check_attributes), also telling whether `tag` is
    /// `xsi:nil` (as [`is_nil`](Self::is_nil) would): one pass over the attributes
    /// instead of two, for simple elements, which are most of a message.
    #[cold]
    pub(crate) fn check_attributes_and_nil(
        &mut self,
        tag: &StartTag<'a>,
        known: &[&str],
    ) -> Result<bool, DecodeError> {
        let mut unknown = Vec::new();
        let mut nil = false;
        for attr in tag.attributes() {
            let key = attr.key;
            if key == "xmlns" || key.starts_with("xmlns:") || known.contains(&local_part(key)) {
                continue;
            }
            if let Some((prefix, local)) = key.split_once(':')
                && self.namespace_of_prefix(prefix) == Some(XSI_NAMESPACE)
            {
                nil |=
                    local == "nil" && attr.value().is_ok_and(|v| matches!(v.trim(), "true" | "1"));
                continue;
            }
            unknown.push((key, attr.raw_value));
        }
        for (key, value) in unknown {
            // As written: the value keeps its references, so it is XML as it was.
            let raw = if value.contains('"') {
                format!("{key}='{value}'")
            } else {
                format!("{key}=\"{value}\"")
            };
            self.deviate(
                tag.position(),
                Some(format!("/@{}", local_part(key))),
                DeviationKind::UnknownAttribute,
                raw,
            )?;
        }
        Ok(nil)
    }

    /// Records a deviation at `position` (the start of the element it concerns), or
    /// fails with it when reading strictly.
    #[cold]
    pub(crate) fn deviate(
        &mut self,
        position: u64,
        suffix: Option<String>,
        kind: DeviationKind,
        raw: String,
    ) -> Result<(), DecodeError> {
        if self.is_strict() {
            let kind = match kind {
                DeviationKind::Missing => DecodeErrorKind::Missing {
                    element: suffix
                        .as_deref()
                        .map(|s| s.rsplit('/').next().unwrap_or(s))
                        .unwrap_or_default()
                        .to_owned(),
                },
                DeviationKind::Repeated => DecodeErrorKind::Repeated {
                    element: String::new(),
                },
                other => DecodeErrorKind::Deviation(other),
            };
            let mut error = self.error_at(position, kind);
            if let Some(s) = suffix.filter(|s| s.starts_with("/@")) {
                error.path.push_str(&s);
            }
            return Err(error);
        }
        self.deviations.push(Pending {
            position,
            suffix,
            kind,
            raw,
        });
        Ok(())
    }

    /// Whether anything was recorded so far.
    pub fn has_deviations(&self) -> bool {
        !self.deviations.is_empty()
    }

    /// The deviations recorded so far, with their paths (one scan of the input), in the
    /// order of the message.
    pub fn take_deviations(&mut self) -> Vec<Deviation> {
        if self.deviations.is_empty() {
            return Vec::new();
        }
        let pending = std::mem::take(&mut self.deviations);
        let positions: Vec<u64> = pending.iter().map(|p| p.position).collect();
        let paths = crate::path::element_paths(self.input(), &positions, self.path_base());
        let mut out: Vec<Deviation> = pending
            .into_iter()
            .zip(paths)
            .map(|(p, mut path)| {
                if let Some(suffix) = p.suffix {
                    match suffix.strip_prefix("/..") {
                        // Named after a group's first element: its parent's path.
                        Some(rest) => {
                            let cut = path.rfind('/').unwrap_or(0);
                            path.truncate(cut);
                            path.push_str(rest);
                        }
                        None => path.push_str(&suffix),
                    }
                }
                Deviation {
                    path,
                    kind: p.kind,
                    raw: p.raw,
                    position: p.position,
                }
            })
            .collect();
        out.sort_by_key(|d| d.position);
        out
    }
}
