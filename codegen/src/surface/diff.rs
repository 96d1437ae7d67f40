//! What changed between two surfaces, as the summary lines `cargo xtask regen` prints.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use super::text::{facet_line, facet_value_text, quote};
use super::{
    Facet, Field, FieldKind, KNOWN_FACETS, OperationSurface, PartSurface, REPEATED_FACETS,
    SimpleKind, Surface, TypeSurface,
};
use crate::model::DerivationMethod;

/// One API-level difference between two surfaces. `Display` gives the summary line:
/// `+` added, `-` removed, `~` changed, `!` a problem to look at.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Change {
    OperationAdded(String),
    OperationRemoved(String),
    /// `what` says which part (`input`, `output`, `soapAction`, ...).
    OperationChanged {
        operation: String,
        what: String,
        old: String,
        new: String,
    },
    TypeAdded(String),
    TypeRemoved(String),
    /// Removed under `old` and added under `new` with the same fields.
    TypeRenamed {
        old: String,
        new: String,
    },
    /// The type's kind, base or flags changed.
    TypeChanged {
        type_: String,
        what: String,
        old: String,
        new: String,
    },
    FieldAdded {
        type_: String,
        field: String,
        description: String,
    },
    FieldRemoved {
        type_: String,
        field: String,
    },
    /// optional ↔ required, single ↔ repeated, bounds changed.
    OccursChanged {
        type_: String,
        field: String,
        old: String,
        new: String,
    },
    NillableChanged {
        type_: String,
        field: String,
        nillable: bool,
    },
    FieldTypeChanged {
        type_: String,
        field: String,
        old: String,
        new: String,
    },
    /// The order of the fields that both sides have changed.
    FieldsReordered {
        type_: String,
        old: Vec<String>,
        new: Vec<String>,
    },
    /// `owner` is a type (`OrderKind`) or a field (`Type.Field`).
    ValueAdded {
        owner: String,
        value: String,
    },
    ValueRemoved {
        owner: String,
        value: String,
    },
    /// A facet other than an allowed value (length, pattern, ranges).
    FacetChanged {
        owner: String,
        facet: String,
        old: Option<String>,
        new: Option<String>,
    },
    ValueSetAdded(String),
    ValueSetRemoved(String),
    ConstraintAdded {
        path: String,
        description: String,
    },
    ConstraintRemoved(String),
    /// An overlay entry whose element path matches nothing in the model.
    OverlayUnmatched(String),
    /// The Rust name of a field or an enum value changed while its wire name stayed:
    /// a breaking change for users that the wire-level items above cannot show.
    /// `owner` is `Type.Field` or `Owner value "…"`. Reported only when both sides
    /// name it (an `API.txt` from before the names were recorded reports nothing).
    RustNameChanged {
        owner: String,
        old: String,
        new: String,
    },
}

fn occurs_words(min: u32, max: Option<u32>) -> String {
    match (min, max) {
        (1, Some(1)) => "required".to_owned(),
        (0, Some(1)) => "optional".to_owned(),
        (0, Some(0)) => "prohibited".to_owned(),
        (min, None) => format!("repeated [{min}..*]"),
        (min, Some(max)) if min == max => format!("exactly {min}"),
        (min, Some(max)) => format!("repeated [{min}..{max}]"),
    }
}

fn field_description(f: &Field) -> String {
    let mut s = match f.kind {
        FieldKind::Text => format!("text {}", f.type_),
        FieldKind::Any => format!("any {}", f.type_),
        _ => f.type_.clone(),
    };
    s.push_str(", ");
    s.push_str(&occurs_words(f.min, f.max));
    if f.nillable {
        s.push_str(", nillable");
    }
    if let Some(c) = f.choice {
        s.push_str(&format!(", in choice {c}"));
    }
    s
}

impl fmt::Display for Change {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Change::OperationAdded(n) => write!(f, "+ operation {n}"),
            Change::OperationRemoved(n) => write!(f, "- operation {n}"),
            Change::OperationChanged {
                operation,
                what,
                old,
                new,
            } => write!(f, "~ operation {operation}: {what} {old} → {new}"),
            Change::TypeAdded(n) => write!(f, "+ type {n}"),
            Change::TypeRemoved(n) => write!(f, "- type {n}"),
            Change::TypeRenamed { old, new } => {
                write!(f, "~ type {old} renamed to {new} (same fields)")
            }
            Change::TypeChanged {
                type_,
                what,
                old,
                new,
            } => write!(f, "~ type {type_}: {what} {old} → {new}"),
            Change::FieldAdded {
                type_,
                field,
                description,
            } => write!(f, "+ {type_}.{field}: {description}"),
            Change::FieldRemoved { type_, field } => write!(f, "- {type_}.{field}"),
            Change::OccursChanged {
                type_,
                field,
                old,
                new,
            } => write!(f, "~ {type_}.{field}: {old} → {new}"),
            Change::NillableChanged {
                type_,
                field,
                nillable,
            } => {
                if *nillable {
                    write!(f, "~ {type_}.{field}: not nillable → nillable")
                } else {
                    write!(f, "~ {type_}.{field}: nillable → not nillable")
                }
            }
            Change::FieldTypeChanged {
                type_,
                field,
                old,
                new,
            } => write!(f, "~ {type_}.{field}: type {old} → {new}"),
            Change::FieldsReordered { type_, old, new } => write!(
                f,
                "~ {type_}: field order {} → {}",
                old.join(", "),
                new.join(", ")
            ),
            Change::ValueAdded { owner, value } => write!(f, "+ {owner}: value {}", quote(value)),
            Change::ValueRemoved { owner, value } => {
                write!(f, "- {owner}: value {}", quote(value))
            }
            Change::FacetChanged {
                owner,
                facet,
                old,
                new,
            } => {
                let show = |v: &Option<String>| match v {
                    Some(v) => facet_value_text(facet, v),
                    None => "(none)".to_owned(),
                };
                write!(f, "~ {owner}: {facet} {} → {}", show(old), show(new))
            }
            Change::ValueSetAdded(n) => write!(f, "+ value set {n}"),
            Change::ValueSetRemoved(n) => write!(f, "- value set {n}"),
            Change::ConstraintAdded { path, description } => {
                write!(f, "+ constraint {path}: {description}")
            }
            Change::ConstraintRemoved(path) => write!(f, "- constraint {path}"),
            Change::OverlayUnmatched(path) => {
                write!(f, "! overlay entry {path} matches no element")
            }
            Change::RustNameChanged { owner, old, new } => {
                write!(f, "~ {owner}: Rust name {old} → {new}")
            }
        }
    }
}

/// What changed from `old` to `new`, in a stable order: operations, then types (by
/// name), each type's own changes in field order.
pub fn diff(old: &Surface, new: &Surface) -> Vec<Change> {
    let mut out = Vec::new();

    // Renames first, so references to a renamed type are not reported as type changes.
    let removed: Vec<&String> = old
        .types
        .keys()
        .filter(|k| !new.types.contains_key(*k))
        .collect();
    let added: Vec<&String> = new
        .types
        .keys()
        .filter(|k| !old.types.contains_key(*k))
        .collect();
    let mut renames: BTreeMap<String, String> = BTreeMap::new();
    for r in &removed {
        let shape = &old.types[*r];
        let candidates: Vec<&&String> = added.iter().filter(|a| &new.types[**a] == shape).collect();
        if let [only] = candidates.as_slice() {
            // The match must be one-to-one: no other removed type has the same shape.
            let others = removed
                .iter()
                .filter(|o| *o != r && &old.types[**o] == shape)
                .count();
            if others == 0 {
                renames.insert((*r).clone(), (**only).clone());
            }
        }
    }
    let renamed_to: BTreeSet<&String> = renames.values().collect();
    let map = |t: &str| renames.get(t).cloned().unwrap_or_else(|| t.to_owned());

    for (name, op) in &old.operations {
        match new.operations.get(name) {
            None => out.push(Change::OperationRemoved(name.clone())),
            Some(n) => diff_operation(name, op, n, &map, &mut out),
        }
    }
    for name in new.operations.keys() {
        if !old.operations.contains_key(name) {
            out.push(Change::OperationAdded(name.clone()));
        }
    }

    let mut names: BTreeSet<&String> = old.types.keys().collect();
    names.extend(new.types.keys());
    for name in names {
        match (old.types.get(name), new.types.get(name)) {
            (Some(_), None) => match renames.get(name) {
                Some(to) => out.push(Change::TypeRenamed {
                    old: name.clone(),
                    new: to.clone(),
                }),
                None => out.push(Change::TypeRemoved(name.clone())),
            },
            (None, Some(_)) => {
                if !renamed_to.contains(name) {
                    out.push(Change::TypeAdded(name.clone()));
                }
            }
            (Some(o), Some(n)) => diff_type(name, o, n, &map, &mut out),
            (None, None) => {}
        }
    }

    let mut sets: BTreeSet<&String> = old.value_sets.keys().collect();
    sets.extend(new.value_sets.keys());
    for name in sets {
        match (old.value_sets.get(name), new.value_sets.get(name)) {
            (Some(_), None) => out.push(Change::ValueSetRemoved(name.clone())),
            (None, Some(n)) => {
                out.push(Change::ValueSetAdded(name.clone()));
                diff_facets(&format!("value set {name}"), &[], n, &mut out);
            }
            (Some(o), Some(n)) => diff_facets(&format!("value set {name}"), o, n, &mut out),
            (None, None) => {}
        }
    }

    let mut paths: BTreeSet<&String> = old.constraints.keys().collect();
    paths.extend(new.constraints.keys());
    for path in paths {
        match (old.constraints.get(path), new.constraints.get(path)) {
            (Some(_), None) => out.push(Change::ConstraintRemoved(path.clone())),
            (None, Some(n)) => out.push(Change::ConstraintAdded {
                path: path.clone(),
                description: if n.is_empty() {
                    "(documentation only)".to_owned()
                } else {
                    n.iter().map(facet_line).collect::<Vec<_>>().join(", ")
                },
            }),
            (Some(o), Some(n)) => diff_facets(path, o, n, &mut out),
            (None, None) => {}
        }
    }
    out
}

pub(super) fn parts_text(parts: &[PartSurface]) -> String {
    if parts.is_empty() {
        return "(none)".to_owned();
    }
    parts
        .iter()
        .map(|p| format!("{}: {}", p.name, p.type_))
        .collect::<Vec<_>>()
        .join(", ")
}

fn diff_operation(
    name: &str,
    old: &OperationSurface,
    new: &OperationSurface,
    map: &dyn Fn(&str) -> String,
    out: &mut Vec<Change>,
) {
    let mapped = |parts: &[PartSurface]| -> Vec<PartSurface> {
        parts
            .iter()
            .map(|p| PartSurface {
                name: p.name.clone(),
                type_: map(&p.type_),
            })
            .collect()
    };
    let mut push = |what: &str, o: String, n: String| {
        out.push(Change::OperationChanged {
            operation: name.to_owned(),
            what: what.to_owned(),
            old: o,
            new: n,
        })
    };
    if old.soap != new.soap {
        let show = |v: &Option<String>| v.clone().unwrap_or_else(|| "(none)".to_owned());
        push("SOAP version", show(&old.soap), show(&new.soap));
    }
    if old.action != new.action {
        let show = |v: &Option<String>| v.as_deref().map_or("(none)".to_owned(), quote);
        push("soapAction", show(&old.action), show(&new.action));
    }
    for (what, o, n) in [
        ("input", &old.input, &new.input),
        ("input headers", &old.input_headers, &new.input_headers),
        ("output", &old.output, &new.output),
        ("output headers", &old.output_headers, &new.output_headers),
        ("faults", &old.faults, &new.faults),
    ] {
        if mapped(o) != *n {
            push(what, parts_text(o), parts_text(n));
        }
    }
}

fn base_text(b: &Option<(DerivationMethod, String)>) -> String {
    match b {
        None => "(none)".to_owned(),
        Some((DerivationMethod::Extension, t)) => format!("extends {t}"),
        Some((DerivationMethod::Restriction, t)) => format!("restricts {t}"),
    }
}

fn simple_kind_text(k: &SimpleKind) -> String {
    match k {
        SimpleKind::Restriction(b) => b.clone(),
        SimpleKind::List(i) => format!("list {i}"),
        SimpleKind::Union(m) => format!("union {}", m.join(" ")),
    }
}

fn diff_type(
    name: &str,
    old: &TypeSurface,
    new: &TypeSurface,
    map: &dyn Fn(&str) -> String,
    out: &mut Vec<Change>,
) {
    let changed = |what: &str, o: String, n: String| Change::TypeChanged {
        type_: name.to_owned(),
        what: what.to_owned(),
        old: o,
        new: n,
    };
    match (old, new) {
        (TypeSurface::Simple(o), TypeSurface::Simple(n)) => {
            let ok = match &o.kind {
                SimpleKind::Restriction(b) => SimpleKind::Restriction(map(b)),
                SimpleKind::List(i) => SimpleKind::List(map(i)),
                SimpleKind::Union(m) => SimpleKind::Union(m.iter().map(|t| map(t)).collect()),
            };
            if ok != n.kind {
                out.push(changed(
                    "definition",
                    simple_kind_text(&o.kind),
                    simple_kind_text(&n.kind),
                ));
            }
            diff_facets(name, &o.facets, &n.facets, out);
        }
        (TypeSurface::Complex(o), TypeSurface::Complex(n)) => {
            let ob = o.base.as_ref().map(|(m, t)| (*m, map(t)));
            if ob != n.base {
                out.push(changed("base", base_text(&o.base), base_text(&n.base)));
            }
            if o.abstract_ != n.abstract_ {
                out.push(changed(
                    "abstract",
                    o.abstract_.to_string(),
                    n.abstract_.to_string(),
                ));
            }
            if o.mixed != n.mixed {
                out.push(changed("mixed", o.mixed.to_string(), n.mixed.to_string()));
            }
            diff_fields(name, &o.fields, &n.fields, map, out);
        }
        (o, n) => {
            let kind = |t: &TypeSurface| match t {
                TypeSurface::Simple(_) => "simple type",
                TypeSurface::Complex(_) => "complex type",
            };
            out.push(changed("kind", kind(o).to_owned(), kind(n).to_owned()));
        }
    }
}

/// Keys of a field list, made unique in order (`Item`, `Item#2`) so a type that
/// repeats an element name in its sequence still compares field by field.
fn keyed(fields: &[Field]) -> Vec<(String, &Field)> {
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    fields
        .iter()
        .map(|f| {
            let k = f.key();
            let n = seen.entry(k.clone()).or_default();
            *n += 1;
            let key = if *n > 1 { format!("{k}#{n}") } else { k };
            (key, f)
        })
        .collect()
}

fn diff_fields(
    type_: &str,
    old: &[Field],
    new: &[Field],
    map: &dyn Fn(&str) -> String,
    out: &mut Vec<Change>,
) {
    let old_k = keyed(old);
    let new_k = keyed(new);
    let old_map: BTreeMap<&str, &Field> = old_k.iter().map(|(k, f)| (k.as_str(), *f)).collect();
    let new_map: BTreeMap<&str, &Field> = new_k.iter().map(|(k, f)| (k.as_str(), *f)).collect();
    for (k, _) in &old_k {
        if !new_map.contains_key(k.as_str()) {
            out.push(Change::FieldRemoved {
                type_: type_.to_owned(),
                field: k.clone(),
            });
        }
    }
    for (k, n) in &new_k {
        let field = k.clone();
        let Some(o) = old_map.get(k.as_str()) else {
            out.push(Change::FieldAdded {
                type_: type_.to_owned(),
                field,
                description: field_description(n),
            });
            continue;
        };
        if (o.min, o.max) != (n.min, n.max) {
            out.push(Change::OccursChanged {
                type_: type_.to_owned(),
                field: field.clone(),
                old: occurs_words(o.min, o.max),
                new: occurs_words(n.min, n.max),
            });
        }
        if o.nillable != n.nillable {
            out.push(Change::NillableChanged {
                type_: type_.to_owned(),
                field: field.clone(),
                nillable: n.nillable,
            });
        }
        if map(&o.type_) != n.type_ {
            out.push(Change::FieldTypeChanged {
                type_: type_.to_owned(),
                field: field.clone(),
                old: o.type_.clone(),
                new: n.type_.clone(),
            });
        }
        if o.choice != n.choice {
            let show = |c: Option<u32>| c.map_or("(none)".to_owned(), |c| format!("choice {c}"));
            out.push(Change::TypeChanged {
                type_: format!("{type_}.{field}"),
                what: "group".to_owned(),
                old: show(o.choice),
                new: show(n.choice),
            });
        }
        if let (Some(old_rust), Some(new_rust)) = (&o.rust, &n.rust)
            && old_rust != new_rust
        {
            out.push(Change::RustNameChanged {
                owner: format!("{type_}.{field}"),
                old: old_rust.clone(),
                new: new_rust.clone(),
            });
        }
        diff_facets(&format!("{type_}.{field}"), &o.facets, &n.facets, out);
    }
    // Order of the fields both sides have.
    let common_old: Vec<String> = old_k
        .iter()
        .filter(|(k, _)| new_map.contains_key(k.as_str()))
        .map(|(k, _)| k.clone())
        .collect();
    let common_new: Vec<String> = new_k
        .iter()
        .filter(|(k, _)| old_map.contains_key(k.as_str()))
        .map(|(k, _)| k.clone())
        .collect();
    if common_old != common_new {
        out.push(Change::FieldsReordered {
            type_: type_.to_owned(),
            old: common_old,
            new: common_new,
        });
    }
}

fn diff_facets(owner: &str, old: &[Facet], new: &[Facet], out: &mut Vec<Change>) {
    // Values on both sides whose Rust variant was renamed.
    for n in new.iter().filter(|f| f.name == "value") {
        let Some(new_rust) = &n.rust else { continue };
        let old_rust = old
            .iter()
            .find(|o| o.name == "value" && o.value == n.value)
            .and_then(|o| o.rust.as_ref());
        if let Some(old_rust) = old_rust
            && old_rust != new_rust
        {
            out.push(Change::RustNameChanged {
                owner: format!("{owner} value {}", quote(&n.value)),
                old: old_rust.clone(),
                new: new_rust.clone(),
            });
        }
    }
    for name in KNOWN_FACETS {
        let o: Vec<&String> = old
            .iter()
            .filter(|f| f.name == *name)
            .map(|f| &f.value)
            .collect();
        let n: Vec<&String> = new
            .iter()
            .filter(|f| f.name == *name)
            .map(|f| &f.value)
            .collect();
        if o == n {
            continue;
        }
        if *name == "value" {
            for v in &o {
                if !n.contains(v) {
                    out.push(Change::ValueRemoved {
                        owner: owner.to_owned(),
                        value: (*v).clone(),
                    });
                }
            }
            for v in &n {
                if !o.contains(v) {
                    out.push(Change::ValueAdded {
                        owner: owner.to_owned(),
                        value: (*v).clone(),
                    });
                }
            }
        } else if REPEATED_FACETS.contains(name) {
            // Patterns: report each one that went or came.
            for v in &o {
                if !n.contains(v) {
                    out.push(Change::FacetChanged {
                        owner: owner.to_owned(),
                        facet: (*name).to_owned(),
                        old: Some((*v).clone()),
                        new: None,
                    });
                }
            }
            for v in &n {
                if !o.contains(v) {
                    out.push(Change::FacetChanged {
                        owner: owner.to_owned(),
                        facet: (*name).to_owned(),
                        old: None,
                        new: Some((*v).clone()),
                    });
                }
            }
        } else {
            out.push(Change::FacetChanged {
                owner: owner.to_owned(),
                facet: (*name).to_owned(),
                old: o.first().map(|v| (*v).clone()),
                new: n.first().map(|v| (*v).clone()),
            });
        }
    }
}
