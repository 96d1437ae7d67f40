//! The text form of a surface (the format is in the module docs of [`super`]): writing it,
//! and reading it back.

use std::fmt;

use super::{
    ComplexSurface, Facet, Field, FieldKind, KNOWN_FACETS, OperationSurface, PartSurface,
    QUOTED_FACETS, SimpleKind, SimpleSurface, Surface, TypeSurface,
};
use crate::model::DerivationMethod;

impl Surface {
    /// The stable text form (see the module docs). `header` lines are written first,
    /// each prefixed with `# `.
    pub fn to_text(&self, header: &[&str]) -> String {
        let mut s = String::new();
        for h in header {
            s.push_str("# ");
            s.push_str(h);
            s.push('\n');
        }
        for (name, op) in &self.operations {
            s.push_str(&format!("operation {name}\n"));
            if let Some(v) = &op.soap {
                s.push_str(&format!("  soap {v}\n"));
            }
            if let Some(a) = &op.action {
                s.push_str(&format!("  action {}\n", quote(a)));
            }
            for (word, parts) in [
                ("in", &op.input),
                ("header-in", &op.input_headers),
                ("out", &op.output),
                ("header-out", &op.output_headers),
                ("fault", &op.faults),
            ] {
                for p in parts {
                    s.push_str(&format!("  {word} {}: {}\n", p.name, p.type_));
                }
            }
        }
        for (name, t) in &self.types {
            match t {
                TypeSurface::Complex(c) => {
                    s.push_str(&format!("type {name}"));
                    match &c.base {
                        Some((DerivationMethod::Extension, b)) => {
                            s.push_str(&format!(" extends {b}"))
                        }
                        Some((DerivationMethod::Restriction, b)) => {
                            s.push_str(&format!(" restricts {b}"))
                        }
                        None => {}
                    }
                    if c.abstract_ {
                        s.push_str(" abstract");
                    }
                    if c.mixed {
                        s.push_str(" mixed");
                    }
                    s.push('\n');
                    for f in &c.fields {
                        s.push_str("  ");
                        s.push_str(&field_line(f));
                        s.push('\n');
                        for facet in &f.facets {
                            s.push_str(&format!("    {}\n", facet_line(facet)));
                        }
                    }
                }
                TypeSurface::Simple(st) => {
                    match &st.kind {
                        SimpleKind::Restriction(b) => s.push_str(&format!("simple {name}: {b}\n")),
                        SimpleKind::List(i) => s.push_str(&format!("simple {name}: list {i}\n")),
                        SimpleKind::Union(m) => {
                            s.push_str(&format!("simple {name}: union"));
                            for t in m {
                                s.push(' ');
                                s.push_str(t);
                            }
                            s.push('\n');
                        }
                    }
                    for facet in &st.facets {
                        s.push_str(&format!("  {}\n", facet_line(facet)));
                    }
                }
            }
        }
        for (name, values) in &self.value_sets {
            s.push_str(&format!("values {name}\n"));
            for v in values {
                s.push_str(&format!("  {}\n", facet_line(v)));
            }
        }
        for (path, facets) in &self.constraints {
            s.push_str(&format!("constraint {path}\n"));
            for facet in facets {
                s.push_str(&format!("  {}\n", facet_line(facet)));
            }
        }
        s
    }

    /// Reads the text form back. Errors name the line.
    pub fn parse(text: &str) -> Result<Surface, ParseError> {
        Parser::default().run(text)
    }
}

fn occurs_text(min: u32, max: Option<u32>) -> String {
    match max {
        Some(1) if min == 1 => String::new(),
        Some(m) => format!("[{min}..{m}]"),
        None => format!("[{min}..*]"),
    }
}

pub(super) fn field_line(f: &Field) -> String {
    let mut s = match f.kind {
        FieldKind::Element => format!("element {}: {}", f.wire, f.type_),
        FieldKind::Attribute => format!(
            "attribute {}: {} {}",
            f.wire,
            f.type_,
            if f.min > 0 { "required" } else { "optional" }
        ),
        FieldKind::Any => format!("any {}", f.type_),
        FieldKind::Text => format!("text: {}", f.type_),
    };
    if matches!(f.kind, FieldKind::Element | FieldKind::Any) {
        let o = occurs_text(f.min, f.max);
        if !o.is_empty() {
            s.push(' ');
            s.push_str(&o);
        }
    }
    if f.nillable {
        s.push_str(" nillable");
    }
    if let Some(c) = f.choice {
        s.push_str(&format!(" choice{c}"));
    }
    if let Some(r) = &f.rust {
        s.push_str(" as ");
        s.push_str(r);
    }
    s
}

/// A facet as one line: `maxLength 50`, `value "4" as IssueCompleted`.
pub(super) fn facet_line(f: &Facet) -> String {
    let mut s = format!("{} {}", f.name, facet_value_text(&f.name, &f.value));
    if let Some(r) = &f.rust {
        s.push_str(" as ");
        s.push_str(r);
    }
    s
}

/// A facet's value as the text form writes it: quoted when it is free text (a `value`,
/// `pattern` or `format`), else as it is (one word).
pub(super) fn facet_value_text(name: &str, value: &str) -> String {
    if QUOTED_FACETS.contains(&name) {
        quote(value)
    } else {
        value.to_owned()
    }
}

/// Quotes a string: `"…"` with `\\`, `\"`, `\n`, `\r`, `\t` escaped, and any other
/// control character as `\u{…}`, so every value stays on one line.
pub(super) fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The inverse of [`quote`]; `s` must be the whole quoted token.
fn unquote(s: &str) -> Option<String> {
    let inner = s.strip_prefix('"')?.strip_suffix('"')?;
    let mut out = String::with_capacity(inner.len());
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next()? {
                '\\' => out.push('\\'),
                '"' => out.push('"'),
                'n' => out.push('\n'),
                'r' => out.push('\r'),
                't' => out.push('\t'),
                'u' => {
                    if chars.next()? != '{' {
                        return None;
                    }
                    let mut hex = String::new();
                    loop {
                        match chars.next()? {
                            '}' => break,
                            h => hex.push(h),
                        }
                    }
                    out.push(char::from_u32(u32::from_str_radix(&hex, 16).ok()?)?);
                }
                _ => return None,
            },
            '"' => return None,
            c => out.push(c),
        }
    }
    Some(out)
}

/// A malformed surface file: the 1-based line and what is wrong with it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseError {
    pub line: usize,
    pub message: String,
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

impl std::error::Error for ParseError {}

enum Current {
    None,
    Operation(String),
    Type(String),
    ValueSet(String),
    Constraint(String),
}

#[derive(Default)]
struct Parser {
    surface: Surface,
    line: usize,
}

impl Parser {
    fn err<T>(&self, message: impl Into<String>) -> Result<T, ParseError> {
        Err(ParseError {
            line: self.line,
            message: message.into(),
        })
    }

    fn run(mut self, text: &str) -> Result<Surface, ParseError> {
        let mut current = Current::None;
        for (i, raw) in text.lines().enumerate() {
            self.line = i + 1;
            if raw.trim().is_empty() || raw.starts_with('#') {
                continue;
            }
            let indent = raw.len() - raw.trim_start_matches(' ').len();
            let line = &raw[indent..];
            match indent {
                0 => current = self.top(line)?,
                2 => self.member(&current, line)?,
                4 => self.field_facet(&current, line)?,
                _ => return self.err(format!("unexpected indentation ({indent} spaces)")),
            }
        }
        Ok(self.surface)
    }

    fn top(&mut self, line: &str) -> Result<Current, ParseError> {
        let (word, rest) = line.split_once(' ').unwrap_or((line, ""));
        match word {
            "operation" => {
                let name = one_word(rest).map_or_else(|| self.err("operation needs a name"), Ok)?;
                if self
                    .surface
                    .operations
                    .insert(name.to_owned(), OperationSurface::default())
                    .is_some()
                {
                    return self.err(format!("operation {name} listed twice"));
                }
                Ok(Current::Operation(name.to_owned()))
            }
            "type" => {
                let mut words = rest.split_whitespace();
                let Some(name) = words.next() else {
                    return self.err("type needs a name");
                };
                let mut c = ComplexSurface::default();
                while let Some(w) = words.next() {
                    match w {
                        "extends" | "restricts" => {
                            let Some(b) = words.next() else {
                                return self.err(format!("`{w}` needs a type"));
                            };
                            let m = if w == "extends" {
                                DerivationMethod::Extension
                            } else {
                                DerivationMethod::Restriction
                            };
                            c.base = Some((m, b.to_owned()));
                        }
                        "abstract" => c.abstract_ = true,
                        "mixed" => c.mixed = true,
                        other => return self.err(format!("unknown type flag `{other}`")),
                    }
                }
                self.insert_type(name, TypeSurface::Complex(c))?;
                Ok(Current::Type(name.to_owned()))
            }
            "simple" => {
                let Some((name, def)) = rest.split_once(": ") else {
                    return self.err("expected `simple Name: base`");
                };
                let mut words = def.split_whitespace();
                let kind = match (words.next(), words.next()) {
                    (Some("list"), Some(item)) => SimpleKind::List(item.to_owned()),
                    (Some("union"), first) => SimpleKind::Union(
                        first.into_iter().chain(words).map(str::to_owned).collect(),
                    ),
                    (Some(base), None) => SimpleKind::Restriction(base.to_owned()),
                    _ => return self.err(format!("cannot read simple type definition `{def}`")),
                };
                self.insert_type(
                    name,
                    TypeSurface::Simple(SimpleSurface {
                        kind,
                        facets: Vec::new(),
                    }),
                )?;
                Ok(Current::Type(name.to_owned()))
            }
            "values" | "constraint" => {
                let Some(name) = one_word(rest) else {
                    return self.err(format!("`{word}` needs a name"));
                };
                let fresh = if word == "values" {
                    self.surface
                        .value_sets
                        .insert(name.to_owned(), Vec::new())
                        .is_none()
                } else {
                    self.surface
                        .constraints
                        .insert(name.to_owned(), Vec::new())
                        .is_none()
                };
                if !fresh {
                    return self.err(format!("{word} {name} listed twice"));
                }
                Ok(if word == "values" {
                    Current::ValueSet(name.to_owned())
                } else {
                    Current::Constraint(name.to_owned())
                })
            }
            other => self.err(format!("unknown item `{other}`")),
        }
    }

    fn insert_type(&mut self, name: &str, t: TypeSurface) -> Result<(), ParseError> {
        if self.surface.types.insert(name.to_owned(), t).is_some() {
            return self.err(format!("type {name} listed twice"));
        }
        Ok(())
    }

    fn member(&mut self, current: &Current, line: &str) -> Result<(), ParseError> {
        match current {
            Current::None => self.err("member line outside an operation or type"),
            Current::ValueSet(name) => {
                let facet = self.facet(line)?;
                if facet.name != "value" {
                    return self.err(format!("only `value` lines belong in values {name}"));
                }
                if let Some(set) = self.surface.value_sets.get_mut(name) {
                    set.push(facet);
                }
                Ok(())
            }
            Current::Constraint(path) => {
                let facet = self.facet(line)?;
                if let Some(c) = self.surface.constraints.get_mut(path) {
                    c.push(facet);
                }
                Ok(())
            }
            Current::Operation(name) => {
                let (word, rest) = line.split_once(' ').unwrap_or((line, ""));
                let part = || -> Option<PartSurface> {
                    let (n, t) = rest.split_once(": ")?;
                    Some(PartSurface {
                        name: one_word(n)?.to_owned(),
                        type_: one_word(t)?.to_owned(),
                    })
                };
                let Some(op) = self.surface.operations.get_mut(name) else {
                    return self.err("internal: operation vanished");
                };
                match word {
                    "soap" => op.soap = Some(rest.to_owned()),
                    "action" => match unquote(rest) {
                        Some(a) => op.action = Some(a),
                        None => return self.err(format!("bad quoted action {rest}")),
                    },
                    "in" | "out" | "header-in" | "header-out" | "fault" => {
                        let Some(p) = part() else {
                            return self.err(format!("expected `{word} Name: Type`"));
                        };
                        match word {
                            "in" => op.input.push(p),
                            "out" => op.output.push(p),
                            "header-in" => op.input_headers.push(p),
                            "header-out" => op.output_headers.push(p),
                            _ => op.faults.push(p),
                        }
                    }
                    other => return self.err(format!("unknown operation member `{other}`")),
                }
                Ok(())
            }
            Current::Type(name) => {
                let name = name.clone();
                match self.surface.types.get(&name) {
                    Some(TypeSurface::Simple(_)) => {
                        let facet = self.facet(line)?;
                        if let Some(TypeSurface::Simple(s)) = self.surface.types.get_mut(&name) {
                            s.facets.push(facet);
                        }
                        Ok(())
                    }
                    Some(TypeSurface::Complex(_)) => {
                        let field = self.field(line)?;
                        if let Some(TypeSurface::Complex(c)) = self.surface.types.get_mut(&name) {
                            c.fields.push(field);
                        }
                        Ok(())
                    }
                    None => self.err("internal: type vanished"),
                }
            }
        }
    }

    fn field_facet(&mut self, current: &Current, line: &str) -> Result<(), ParseError> {
        let facet = self.facet(line)?;
        let field = match current {
            Current::Type(name) => match self.surface.types.get_mut(name) {
                Some(TypeSurface::Complex(c)) => c.fields.last_mut(),
                _ => None,
            },
            _ => None,
        };
        match field {
            Some(f) => {
                f.facets.push(facet);
                Ok(())
            }
            None => self.err("facet line not under a field"),
        }
    }

    fn facet(&self, line: &str) -> Result<Facet, ParseError> {
        let Some((name, value)) = line.split_once(' ') else {
            return self.err(format!("facet `{line}` has no value"));
        };
        if !KNOWN_FACETS.contains(&name) {
            return self.err(format!("unknown facet `{name}`"));
        }
        // A trailing ` as Name` is the Rust variant of a `value` (never inside the
        // quotes: a quoted value that merely contains ` as ` still unquotes whole).
        let (value, rust) = match value.rsplit_once(" as ") {
            Some((v, r))
                if name == "value"
                    && unquote(value).is_none()
                    && !r.is_empty()
                    && !r.contains(['"', ' ']) =>
            {
                (v, Some(r.to_owned()))
            }
            _ => (value, None),
        };
        let value = if QUOTED_FACETS.contains(&name) {
            match unquote(value) {
                Some(v) => v,
                None => return self.err(format!("bad quoted value {value}")),
            }
        } else {
            value.to_owned()
        };
        Ok(Facet {
            name: name.to_owned(),
            value,
            rust,
        })
    }

    fn field(&self, line: &str) -> Result<Field, ParseError> {
        let (word, rest) = line.split_once(' ').unwrap_or((line, ""));
        let mut f = Field {
            kind: FieldKind::Element,
            wire: String::new(),
            type_: String::new(),
            min: 1,
            max: Some(1),
            nillable: false,
            choice: None,
            facets: Vec::new(),
            rust: None,
        };
        let mut words = rest.split_whitespace();
        match word {
            "element" | "attribute" => {
                let (Some(wire), Some(t)) = (words.next(), words.next()) else {
                    return self.err(format!("expected `{word} Name: Type`"));
                };
                let Some(wire) = wire.strip_suffix(':') else {
                    return self.err(format!("expected `{word} Name: Type`"));
                };
                f.wire = wire.to_owned();
                f.type_ = t.to_owned();
                if word == "attribute" {
                    f.kind = FieldKind::Attribute;
                    match words.next() {
                        Some("required") => f.min = 1,
                        Some("optional") => f.min = 0,
                        _ => return self.err("attribute needs `required` or `optional`"),
                    }
                    if f.wire == "*" {
                        f.max = None;
                    }
                }
            }
            "any" => {
                let Some(ns) = words.next() else {
                    return self.err("`any` needs its namespace constraint");
                };
                f.kind = FieldKind::Any;
                f.wire = "*".to_owned();
                f.type_ = ns.to_owned();
            }
            "text:" => {
                let Some(t) = words.next() else {
                    return self.err("`text:` needs a type");
                };
                f.kind = FieldKind::Text;
                f.type_ = t.to_owned();
            }
            other => return self.err(format!("unknown field kind `{other}`")),
        }
        while let Some(w) = words.next() {
            if w == "as" {
                match words.next() {
                    Some(r) => f.rust = Some(r.to_owned()),
                    None => return self.err("`as` needs the Rust field name"),
                }
            } else if let Some(o) = w.strip_prefix('[').and_then(|w| w.strip_suffix(']')) {
                let parsed = o.split_once("..").and_then(|(a, b)| {
                    let min = a.parse::<u32>().ok()?;
                    let max = if b == "*" {
                        None
                    } else {
                        Some(b.parse::<u32>().ok()?)
                    };
                    Some((min, max))
                });
                match parsed {
                    Some((min, max)) => {
                        f.min = min;
                        f.max = max;
                    }
                    None => return self.err(format!("bad occurrence `{w}`")),
                }
            } else if w == "nillable" {
                f.nillable = true;
            } else if let Some(n) = w.strip_prefix("choice").and_then(|n| n.parse().ok()) {
                f.choice = Some(n);
            } else {
                return self.err(format!("unknown field flag `{w}`"));
            }
        }
        Ok(f)
    }
}

fn one_word(s: &str) -> Option<&str> {
    let s = s.trim();
    (!s.is_empty() && !s.contains(char::is_whitespace)).then_some(s)
}
