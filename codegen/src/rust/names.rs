//! Rust names for XML names: valid, stable, collision-free.
//!
//! - Types and variants: UpperCamelCase. A name that is already camel case keeps its
//!   capitals (`OrderPS2`, `GetOrderByOrderID`: what GlobalSign's users know); words in
//!   all capitals with nothing else (`PS1`, `ORDER_REQUEST`) are camelised (`Ps1`,
//!   `OrderRequest`) because clippy's `upper_case_acronyms` rejects all-caps names.
//! - Fields, methods, modules: snake_case (`DnAttributes` → `dn_attributes`,
//!   `SANEntries` → `san_entries`, `OrderPS2` → `order_ps2`).
//! - Anything not ASCII alphanumeric separates words; a non-ASCII letter is kept as
//!   ASCII transliteration for Latin letters with diacritics (`Größe` → `Grosse`), else
//!   `U` + its code point in hex (`日付` → `U65e5U4ed8`); clashes get a suffix. A leading digit gets a `V`/`v_` prefix. Keywords get a trailing `_`.
//! - [`Allocator`] resolves clashes (case-only differences, the same local name in two
//!   namespaces, names reserved by the prelude) with a numeric suffix, in the order names
//!   are requested — callers request in a deterministic order.

use std::collections::BTreeSet;

const KEYWORDS: &[&str] = &[
    "as", "async", "await", "break", "const", "continue", "crate", "dyn", "else", "enum", "extern",
    "false", "fn", "for", "gen", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut",
    "pub", "ref", "return", "self", "Self", "static", "struct", "super", "trait", "true", "type",
    "unsafe", "use", "where", "while", "abstract", "become", "box", "do", "final", "macro",
    "override", "priv", "try", "typeof", "unsized", "virtual", "yield", "union",
];

/// Type names generated code uses unqualified (prelude), so no generated type may take them.
pub const RESERVED_TYPE_NAMES: &[&str] = &[
    "Option",
    "Some",
    "None",
    "Result",
    "Ok",
    "Err",
    "String",
    "Vec",
    "Box",
    "Default",
    "Clone",
    "Copy",
    "Debug",
    "PartialEq",
    "Eq",
    "PartialOrd",
    "Ord",
    "Send",
    "Sync",
    "Sized",
    "From",
    "Into",
    "Iterator",
    "IntoIterator",
    "ToString",
    "ToOwned",
    "Drop",
    "Fn",
    "FnMut",
    "FnOnce",
    "AsRef",
    "AsMut",
    "Extend",
    "Unpin",
    "Future",
    "IntoFuture",
    "Self",
];

/// Splits a name into words: at non-alphanumerics, lower→upper, and acronym→word
/// (`SANEntries` → `SAN`, `Entries`). Digits stay with the word before them.
fn words(name: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut cur = String::new();
    let chars: Vec<char> = name.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        if !c.is_ascii() {
            if let Some(t) = transliterate(c) {
                cur.push_str(t);
            } else if c.is_alphanumeric() {
                cur.push_str(&format!("U{:04x}", c as u32));
            } else if !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            continue;
        }
        if !c.is_ascii_alphanumeric() {
            if !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            continue;
        }
        if c.is_ascii_uppercase() && !cur.is_empty() {
            let prev = chars[i - 1];
            let next_lower = chars.get(i + 1).is_some_and(|n| n.is_ascii_lowercase());
            let boundary = prev.is_ascii_lowercase()
                || (prev.is_ascii_digit() && !cur.chars().all(|c| c.is_ascii_digit()))
                || (prev.is_ascii_uppercase() && next_lower);
            if boundary {
                out.push(std::mem::take(&mut cur));
            }
        }
        cur.push(c);
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// Latin letters with diacritics → ASCII (`ö` → `o`, `ß` → `ss`); `None` for others.
fn transliterate(c: char) -> Option<&'static str> {
    Some(match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' => "a",
        'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å' | 'Ā' => "A",
        'ç' | 'ć' | 'č' => "c",
        'Ç' | 'Ć' | 'Č' => "C",
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ę' | 'ě' => "e",
        'È' | 'É' | 'Ê' | 'Ë' | 'Ē' | 'Ę' | 'Ě' => "E",
        'ì' | 'í' | 'î' | 'ï' => "i",
        'Ì' | 'Í' | 'Î' | 'Ï' => "I",
        'ñ' | 'ń' | 'ň' => "n",
        'Ñ' | 'Ń' | 'Ň' => "N",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' => "o",
        'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' | 'Ø' | 'Ō' => "O",
        'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' => "u",
        'Ù' | 'Ú' | 'Û' | 'Ü' | 'Ū' | 'Ů' => "U",
        'ý' | 'ÿ' => "y",
        'Ý' => "Y",
        'ß' => "ss",
        'æ' => "ae",
        'Æ' => "Ae",
        'œ' => "oe",
        'Œ' => "Oe",
        'ł' => "l",
        'Ł' => "L",
        'š' | 'ś' => "s",
        'Š' | 'Ś' => "S",
        'ž' | 'ź' | 'ż' => "z",
        'Ž' | 'Ź' | 'Ż' => "Z",
        'ř' => "r",
        'Ř' => "R",
        'đ' | 'ð' => "d",
        'Đ' | 'Ð' => "D",
        'þ' => "th",
        'Þ' => "Th",
        _ => return None,
    })
}

fn capitalize(w: &str) -> String {
    let mut c = w.chars();
    match c.next() {
        Some(f) => f.to_ascii_uppercase().to_string() + c.as_str(),
        None => String::new(),
    }
}

/// The name of an enumeration variant made from a value (`OSMulti` → `OsMulti`, `PS2Dept`
/// → `Ps2Dept`, `DSAATL` → `Dsaatl`, `ENROLLMENT` → `Enrollment`): one rule for every value,
/// the Rust API guidelines' (an acronym is one word, capitalised like any other), so that
/// the values of one set read alike whether the schema wrote them in capitals or mixed case.
pub fn variant_camel(value: &str) -> String {
    let camel: String = words(value)
        .iter()
        .map(|w| capitalize(&w.to_ascii_lowercase()))
        .collect();
    upper_camel(&camel)
}

/// UpperCamelCase, keeping the capitals of mixed-case names.
pub fn upper_camel(name: &str) -> String {
    let ws = words(name);
    let all_caps = ws
        .iter()
        .all(|w| !w.chars().any(|c| c.is_ascii_lowercase()));
    let mut out = String::new();
    for w in &ws {
        if all_caps {
            // `PS1`, `ORDER_REQUEST`, `FQDN`: camelise each word.
            out.push_str(&capitalize(&w.to_ascii_lowercase()));
        } else {
            out.push_str(&capitalize(w));
        }
    }
    if out.is_empty() {
        out.push_str("Empty");
    }
    if out.starts_with(|c: char| c.is_ascii_digit()) {
        out.insert(0, 'V');
    }
    // Single all-caps letter names like `A` are fine; two+ letters all caps (after
    // camelising) cannot occur except via digits (`V1`), which clippy accepts.
    if KEYWORDS.contains(&out.as_str()) {
        out.push('_');
    }
    out
}

/// The most words a variant name taken from documentation may have; a longer label
/// is a sentence, not a name, and the value's own name is used instead.
const MAX_DOC_NAME_WORDS: usize = 8;

/// A variant name from a value's documentation, for values whose own text makes no
/// name (`4` would be `V4`): the label before the first `:`, `;`, `,` or full stop,
/// parenthesised asides left out unless `with_asides` (to tell apart
/// `Certificate Cancelled (before issue)` and `(after issue)`).
///
/// `Issue completed.` → `IssueCompleted`; `INITIAL_EXPIRED (added in 2.4.3): 180 days`
/// → `InitialExpired`; `One year: 366 days.` → `OneYear`; `DUNS (Dun & Bradstreet)
/// number.` → `DunsNumber`. `None` when the label is empty or longer than
/// [`MAX_DOC_NAME_WORDS`] words.
pub fn doc_variant_name(doc: &str, with_asides: bool) -> Option<String> {
    let chars: Vec<char> = doc.trim().chars().collect();
    let mut label = String::new();
    let mut depth = 0usize;
    for (i, &c) in chars.iter().enumerate() {
        let next_is_space = chars.get(i + 1).is_none_or(|n| n.is_whitespace());
        match c {
            '(' | '[' => {
                depth += 1;
                label.push(' ');
            }
            ')' | ']' => {
                depth = depth.saturating_sub(1);
                label.push(' ');
            }
            ':' | ';' | ',' if depth == 0 => break,
            '.' if depth == 0 && next_is_space => break,
            '\'' | '\u{2019}' => {}
            _ if depth > 0 && !with_asides => {}
            c if c.is_alphanumeric() => label.push(c),
            _ => label.push(' '),
        }
    }
    let words: Vec<&str> = label.split_whitespace().collect();
    if words.is_empty() || words.len() > MAX_DOC_NAME_WORDS {
        return None;
    }
    // Each word camelised on its own: `DUNS number` → `DunsNumber`, `re-issued` →
    // `ReIssued` (an all-capitals word is an acronym or a constant's name).
    let camel: String = words
        .iter()
        .map(|w| {
            if w.chars().any(|c| c.is_lowercase()) {
                capitalize(w)
            } else {
                capitalize(&w.to_lowercase())
            }
        })
        .collect();
    let name = upper_camel(&camel);
    is_valid_ident(&name).then_some(name)
}

/// snake_case.
pub fn snake(name: &str) -> String {
    let ws = words(name);
    let mut out = ws
        .iter()
        .map(|w| w.to_ascii_lowercase())
        .collect::<Vec<_>>()
        .join("_");
    if out.is_empty() {
        out.push_str("empty");
    }
    if out.starts_with(|c: char| c.is_ascii_digit()) {
        out.insert_str(0, "v_");
    }
    if KEYWORDS.contains(&out.as_str()) || out == "_" {
        out.push('_');
    }
    out
}

/// Whether `s` is a plain (non-raw) Rust identifier we may emit.
pub fn is_valid_ident(s: &str) -> bool {
    let mut chars = s.chars();
    let first_ok = chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_');
    first_ok
        && s != "_"
        && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        && !KEYWORDS.contains(&s)
}

/// Hands out unique names within one scope.
#[derive(Clone, Debug, Default)]
pub struct Allocator {
    used: BTreeSet<String>,
    /// Compare case-insensitively (file systems, and `Foo` vs `FOO` read as the same).
    fold_case: bool,
}

impl Allocator {
    pub fn new() -> Self {
        Allocator::default()
    }
    /// Type scope: prelude names reserved, case-insensitive comparison.
    pub fn for_types() -> Self {
        let mut a = Allocator {
            used: BTreeSet::new(),
            fold_case: true,
        };
        for r in RESERVED_TYPE_NAMES {
            a.reserve(r);
        }
        a
    }
    fn key(&self, s: &str) -> String {
        if self.fold_case {
            s.to_ascii_lowercase()
        } else {
            s.to_owned()
        }
    }
    pub fn reserve(&mut self, name: &str) {
        let k = self.key(name);
        self.used.insert(k);
    }
    pub fn is_used(&self, name: &str) -> bool {
        self.used.contains(&self.key(name))
    }
    /// `base` if free, else `base2`, `base3`, ... (`base_2` for snake names).
    pub fn alloc(&mut self, base: &str) -> String {
        let snake_like = base.contains('_') || base.starts_with(|c: char| c.is_ascii_lowercase());
        let mut candidate = base.to_owned();
        let mut n = 2;
        while self.is_used(&candidate) || !is_valid_ident(&candidate) {
            candidate = if snake_like {
                format!("{}_{n}", base.trim_end_matches('_'))
            } else {
                format!("{}{n}", base.trim_end_matches('_'))
            };
            n += 1;
        }
        self.reserve(&candidate);
        candidate
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn camel() {
        assert_eq!(upper_camel("OrderPS2"), "OrderPS2");
        assert_eq!(upper_camel("GetOrderByOrderID"), "GetOrderByOrderID");
        assert_eq!(upper_camel("crOrderDetail"), "CrOrderDetail");
        assert_eq!(upper_camel("PS1"), "Ps1");
        assert_eq!(upper_camel("ORDER_REQUEST"), "OrderRequest");
        assert_eq!(upper_camel("FQDN"), "Fqdn");
        assert_eq!(upper_camel("1"), "V1");
        assert_eq!(upper_camel("-1"), "V1");
        assert_eq!(upper_camel("3DSecure"), "V3DSecure");
        assert_eq!(upper_camel("get_foo"), "GetFoo");
        assert_eq!(upper_camel(""), "Empty");
        assert_eq!(upper_camel("Größe"), "Grosse");
        assert_eq!(upper_camel("日付"), "U65e5U4ed8");
        assert_eq!(upper_camel("Self"), "Self_");
    }

    #[test]
    fn names_from_docs() {
        let n = |d: &str| doc_variant_name(d, false);
        assert_eq!(n("Issue completed.").as_deref(), Some("IssueCompleted"));
        assert_eq!(n("INITIAL.").as_deref(), Some("Initial"));
        assert_eq!(
            n("Cancelled - Not Issued.").as_deref(),
            Some("CancelledNotIssued")
        );
        assert_eq!(
            n("INITIAL_EXPIRED (added in 2.4.3): 180 days passed without issue.").as_deref(),
            Some("InitialExpired")
        );
        assert_eq!(
            n("One year: a validity period of 366 days.").as_deref(),
            Some("OneYear")
        );
        assert_eq!(
            n("REGISTER: register the order; issued later.").as_deref(),
            Some("Register")
        );
        assert_eq!(
            n("DUNS (Dun & Bradstreet) number.").as_deref(),
            Some("DunsNumber")
        );
        assert_eq!(
            n("TDB (Teikoku Databank, for use in Japan only); section 5.1 calls it X.").as_deref(),
            Some("Tdb")
        );
        assert_eq!(
            n("Certificate re-issued.").as_deref(),
            Some("CertificateReIssued")
        );
        assert_eq!(
            n("Over 10 years' time stamping signature validity.").as_deref(),
            Some("Over10YearsTimeStampingSignatureValidity")
        );
        assert_eq!(n("Version 2.4.3 only.").as_deref(), Some("Version243Only"));
        assert_eq!(n("10 days.").as_deref(), Some("V10Days"));
        assert_eq!(n("self.").as_deref(), Some("Self_"));
        assert_eq!(n(""), None);
        assert_eq!(n("(an aside only)."), None);
        assert_eq!(
            n("This is a long sentence that is no name for a value at all."),
            None
        );
        assert_eq!(
            doc_variant_name("Certificate Cancelled (before issue).", true).as_deref(),
            Some("CertificateCancelledBeforeIssue")
        );
    }

    #[test]
    fn snakes() {
        assert_eq!(snake("DnAttributes"), "dn_attributes");
        assert_eq!(snake("SANEntries"), "san_entries");
        assert_eq!(snake("OrderPS2"), "order_ps2");
        assert_eq!(snake("GetOrderByOrderID"), "get_order_by_order_id");
        assert_eq!(snake("CSR"), "csr");
        assert_eq!(snake("type"), "type_");
        assert_eq!(snake("self"), "self_");
        assert_eq!(snake("3d"), "v_3d");
        assert_eq!(snake("PKCS12Option"), "pkcs12_option");
        assert_eq!(snake("x509Data"), "x509_data");
    }

    #[test]
    fn allocator() {
        let mut a = Allocator::for_types();
        assert_eq!(a.alloc("Foo"), "Foo");
        assert_eq!(a.alloc("FOO"), "FOO2");
        assert_eq!(a.alloc("Result"), "Result2");
        let mut f = Allocator::new();
        assert_eq!(f.alloc("id"), "id");
        assert_eq!(f.alloc("id"), "id_2");
        assert_eq!(f.alloc("type_"), "type_");
        assert_eq!(f.alloc("type_"), "type_2");
    }
}
