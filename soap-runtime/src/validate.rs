//! What generated validation reports, and the checks it calls.
//!
//! Generated code validates a request before it is sent (and the sandbox validates what
//! it receives): every violation at once, each with the element path in GlobalSign's
//! `ErrorField` style (`DnAttributes/Email`: local names below the operation's
//! `Request` element) and the error code the server would answer with.

use std::fmt;

mod table;
pub use table::{
    Bound, Checked, Checker, Facets, Member, NONE, Node, Override, TextList, TextValue, Walk,
    WalkList, allowed_message, check, count, node, node_opt, nodes, text, text_opt, texts,
};

/// What kind of rule a value broke.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ViolationKind {
    /// A mandatory element is absent or empty.
    Missing,
    /// Length outside `min_length..=max_length` (or the XSD `length`).
    Length,
    /// Not in the required format or pattern (`datetime`, `email`, a regex, a number range).
    Format,
    /// Not one of the allowed values.
    NotAllowed,
}

impl ViolationKind {
    /// The code GlobalSign answers with for this kind of violation (spec section 16.2;
    /// the mapping is the project's choice where the spec is silent, see wsdl/ERRATA.md E9).
    pub fn default_code(self) -> &'static str {
        match self {
            ViolationKind::Missing => "-102",
            ViolationKind::Length => "-103",
            ViolationKind::Format => "-104",
            ViolationKind::NotAllowed => "-9970",
        }
    }
}

/// One broken rule. Messages never contain the value itself (it may be secret).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Violation {
    /// `ErrorField`-style path: `DnAttributes/Email`.
    pub path: String,
    pub kind: ViolationKind,
    /// The error code the server would give (`-102`, `-103`, `-104`, ...).
    pub code: &'static str,
    pub message: String,
}

impl Violation {
    pub fn new(path: impl Into<String>, kind: ViolationKind, message: impl Into<String>) -> Self {
        Violation {
            path: path.into(),
            kind,
            code: kind.default_code(),
            message: message.into(),
        }
    }
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({}): {}", self.path, self.code, self.message)
    }
}

/// Generated for every operation input: all violations of lengths, allowed values,
/// patterns, formats and required elements (XSD facets and the spec overlay), at once.
pub trait Validate {
    fn validate(&self) -> Vec<Violation>;
}

/// A cross-field rule from the spec overlay, exposed as data (the client implements it).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RuleInfo {
    pub id: &'static str,
    pub operations: &'static [&'static str],
    pub section: &'static str,
    pub error_code: &'static str,
    pub error_field: &'static str,
    pub fields: &'static [&'static str],
    pub text: &'static str,
}

/// An error code of the service (spec section 16.2), from the spec overlay.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ErrorCodeInfo {
    pub code: &'static str,
    pub meaning: &'static str,
    pub advice: &'static str,
}

/// Length in characters (Unicode scalar values), as the overlay and XSD count.
pub fn char_len(value: &str) -> usize {
    value.chars().count()
}

fn length_message(value: &str, min: Option<usize>, max: Option<usize>) -> Option<String> {
    if min.is_none() && max.is_none() {
        return None;
    }
    let len = char_len(value);
    let short = min.is_some_and(|m| len < m);
    let long = max.is_some_and(|m| len > m);
    if !(short || long) {
        return None;
    }
    let range = match (min, max) {
        (Some(a), Some(b)) if a == b => format!("exactly {a}"),
        (Some(a), Some(b)) => format!("{a} to {b}"),
        (Some(a), None) => format!("at least {a}"),
        (None, Some(b)) => format!("at most {b}"),
        (None, None) => String::new(),
    };
    Some(format!(
        "is {len} characters long; must be {range} characters"
    ))
}

/// Named formats of the spec overlay (`format = "..."`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    DateTime,
    Date,
    Int,
    Boolean,
    Email,
    Country,
}

impl Format {
    pub fn check(self, value: &str) -> bool {
        match self {
            Format::DateTime => value.trim().parse::<crate::DateTime>().is_ok(),
            Format::Date => value.trim().parse::<crate::Date>().is_ok(),
            Format::Int => {
                let t = value.trim();
                let d = t.strip_prefix(['+', '-']).unwrap_or(t);
                !d.is_empty() && d.bytes().all(|b| b.is_ascii_digit())
            }
            Format::Boolean => matches!(value.trim(), "true" | "false" | "1" | "0"),
            Format::Email => is_email(value),
            Format::Country => is_country_code(value),
        }
    }
    pub fn describe(self) -> &'static str {
        match self {
            Format::DateTime => "an xs:dateTime (YYYY-MM-DDThh:mm:ss[.fff][Z|±hh:mm])",
            Format::Date => "a date (YYYY-MM-DD)",
            Format::Int => "an integer",
            Format::Boolean => "a boolean (true or false)",
            Format::Email => "an email address",
            Format::Country => "an ISO 3166-1 alpha-2 country code",
        }
    }
}

fn range_message(
    value: &str,
    min: Option<(f64, bool)>,
    max: Option<(f64, bool)>,
) -> Option<String> {
    let n = value.trim().parse::<f64>().ok()?;
    let low = min.is_some_and(|(m, inclusive)| if inclusive { n < m } else { n <= m });
    let high = max.is_some_and(|(m, inclusive)| if inclusive { n > m } else { n >= m });
    if !(low || high) {
        return None;
    }
    let bound = |b: Option<(f64, bool)>, incl: &str, excl: &str| {
        b.map(|(m, inclusive)| format!("{} {m}", if inclusive { incl } else { excl }))
    };
    let parts: Vec<String> = [
        bound(min, "at least", "more than"),
        bound(max, "at most", "less than"),
    ]
    .into_iter()
    .flatten()
    .collect();
    Some(format!("must be {}", parts.join(" and ")))
}

/// The digits of a decimal's value as XSD counts them for `totalDigits` and
/// `fractionDigits`: `(total, fraction)`, leading zeros of the integer part and
/// trailing zeros of the fraction not counted (`007.50` is 75 tenths: 2 and 1, `0.01`
/// is 1 and 2). `None` for text that is not a plain decimal (an exponent, `NaN`, no
/// digits): that is the decoder's business, not a digits check's.
pub fn decimal_digits(value: &str) -> Option<(u32, u32)> {
    let v = value.trim();
    let v = v.strip_prefix(['+', '-']).unwrap_or(v);
    let (int, frac) = v.split_once('.').unwrap_or((v, ""));
    let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if int.is_empty() && frac.is_empty() || !all_digits(int) || !all_digits(frac) {
        return None;
    }
    let frac = frac.trim_end_matches('0');
    let significant = format!("{int}{frac}");
    let total = significant.trim_start_matches('0').len();
    Some((
        u32::try_from(total).unwrap_or(u32::MAX),
        u32::try_from(frac.len()).unwrap_or(u32::MAX),
    ))
}

fn digits_messages(value: &str, total: Option<u32>, fraction: Option<u32>) -> [Option<String>; 2] {
    let Some((t, f)) = decimal_digits(value) else {
        return [None, None];
    };
    [
        total
            .filter(|max| t > *max)
            .map(|max| format!("must have at most {max} digits")),
        fraction
            .filter(|max| f > *max)
            .map(|max| format!("must have at most {max} digits after the decimal point")),
    ]
}

/// An RFC 5322 `addr-spec` (`local-part "@" domain`), with RFC 6532's UTF-8 in atoms so
/// that internationalised addresses and domains pass. Nothing stricter than the standard:
/// a quoted local part (`"a b"@example.com`), a domain literal (`x@[192.0.2.1]`) and a
/// domain without a dot are all addresses. Comments and folding white space (CFWS) and the
/// obsolete forms are not accepted: they are not part of an address, only of a header.
pub fn is_email(value: &str) -> bool {
    let Some((local, domain)) = split_addr_spec(value) else {
        return false;
    };
    let domain_ok = match domain.strip_prefix('[') {
        Some(literal) => literal
            .strip_suffix(']')
            .is_some_and(|inner| inner.chars().all(is_dtext_or_space)),
        None => is_dot_atom(domain),
    };
    domain_ok && (is_dot_atom(local) || is_quoted_string(local))
}

/// `local-part "@" domain`: the `@` after a quoted local part, else the first one.
fn split_addr_spec(value: &str) -> Option<(&str, &str)> {
    if value.starts_with('"') {
        let mut escaped = false;
        for (i, c) in value.char_indices().skip(1) {
            match c {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                '"' => {
                    let rest = value[i + 1..].strip_prefix('@')?;
                    return Some((&value[..=i], rest));
                }
                _ => {}
            }
        }
        return None;
    }
    value.split_once('@')
}

/// RFC 5322 `atext`, plus any non-ASCII character (RFC 6532 `UTF8-non-ascii`).
fn is_atext(c: char) -> bool {
    c.is_ascii_alphanumeric() || "!#$%&'*+-/=?^_`{|}~".contains(c) || !c.is_ascii()
}

/// `dot-atom-text`: atoms separated by single dots.
fn is_dot_atom(s: &str) -> bool {
    !s.is_empty()
        && s.split('.')
            .all(|atom| !atom.is_empty() && atom.chars().all(is_atext))
}

/// `quoted-string` without CFWS around it: `"` (qtext, space, tab or `\` pair)* `"`.
fn is_quoted_string(s: &str) -> bool {
    let Some(inner) = s.strip_prefix('"').and_then(|s| s.strip_suffix('"')) else {
        return false;
    };
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        let ok = match c {
            '\\' => chars
                .next()
                .is_some_and(|n| n == ' ' || n == '\t' || n.is_ascii_graphic()),
            '"' => false,
            ' ' | '\t' => true,
            c => c.is_ascii_graphic() || !c.is_ascii(),
        };
        if !ok {
            return false;
        }
    }
    true
}

/// `dtext` (printable ASCII but `[`, `]`, `\\`) or the folding white space between.
fn is_dtext_or_space(c: char) -> bool {
    matches!(c, '!'..='Z' | '^'..='~' | ' ' | '\t')
}

const COUNTRIES: &str = "ADAEAFAGAIALAMAOAQARASATAUAWAXAZBABBBDBEBFBGBHBIBJBLBMBNBOBQBRBSBTBVBWBYBZ\
CACCCDCFCGCHCICKCLCMCNCOCRCUCVCWCXCYCZDEDJDKDMDODZECEEEGEHERESETFIFJFKFMFOFRGAGBGDGEGFGGGHGIGL\
GMGNGPGQGRGSGTGUGWGYHKHMHNHRHTHUIDIEILIMINIOIQIRISITJEJMJOJPKEKGKHKIKMKNKPKRKWKYKZLALBLCLILKLR\
LSLTLULVLYMAMCMDMEMFMGMHMKMLMMMNMOMPMQMRMSMTMUMVMWMXMYMZNANCNENFNGNINLNONPNRNUNZOMPAPEPFPGPHPK\
PLPMPNPRPSPTPWPYQARERORSRURWSASBSCSDSESGSHSISJSKSLSMSNSOSRSSSTSVSXSYSZTCTDTFTGTHTJTKTLTMTNTOTR\
TTTVTWTZUAUGUMUSUYUZVAVCVEVGVIVNVUWFWSYEYTZAZMZW";

/// An ISO 3166-1 alpha-2 code, e.g. `JP`, `GB`, in either case (`jp`): the standard
/// lists the codes in capitals but gives case no meaning, and the spec asks only for "a
/// valid ISO country code" (L3964).
pub fn is_country_code(value: &str) -> bool {
    let upper = value.as_bytes().to_ascii_uppercase();
    value.len() == 2
        && upper.iter().all(u8::is_ascii_uppercase)
        && COUNTRIES.as_bytes().chunks(2).any(|c| c == upper)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimal_digits_count_the_value() {
        assert_eq!(decimal_digits("123.45"), Some((5, 2)));
        assert_eq!(decimal_digits("007.50"), Some((2, 1)));
        assert_eq!(decimal_digits("0.01"), Some((1, 2)));
        assert_eq!(decimal_digits("-120"), Some((3, 0)));
        assert_eq!(decimal_digits("+.5"), Some((1, 1)));
        assert_eq!(decimal_digits("0"), Some((0, 0)));
        assert_eq!(decimal_digits(" 1. "), Some((1, 0)));
        assert_eq!(decimal_digits("1e5"), None);
        assert_eq!(decimal_digits("."), None);
        assert_eq!(decimal_digits("1.2.3"), None);
        assert_eq!(decimal_digits("NaN"), None);
    }

    #[test]
    fn digits_are_reported_per_facet() {
        assert_eq!(
            digits_messages("1234.567", Some(5), Some(2)),
            [
                Some("must have at most 5 digits".to_owned()),
                Some("must have at most 2 digits after the decimal point".to_owned()),
            ]
        );
        assert_eq!(digits_messages("123.40", Some(5), Some(2)), [None, None]);
        assert_eq!(
            digits_messages("not a number", Some(1), Some(0)),
            [None, None]
        );
    }

    #[test]
    fn country_list_is_whole() {
        assert_eq!(COUNTRIES.len(), 249 * 2);
        assert!(is_country_code("JP") && is_country_code("GB") && is_country_code("ZW"));
        assert!(is_country_code("jp") && is_country_code("Gb"));
        assert!(!is_country_code("UK") && !is_country_code("uk") && !is_country_code("J"));
        assert!(!is_country_code("J1") && !is_country_code("ÄB"));
    }

    #[test]
    fn email_is_an_rfc_5322_addr_spec() {
        for ok in [
            "a@example.com",
            "first.last+tag@sub.example.co.jp",
            "user@localhost",
            "\"john doe\"@example.com",
            "\"a@b\\\"c\"@example.com",
            "x@[192.0.2.1]",
            "x@[IPv6:2001:db8::1]",
            "用户@例子.广告",
            "δοκιμή@παράδειγμα.δοκιμή",
            "!#$%&'*+-/=?^_`{|}~@example.org",
        ] {
            assert!(is_email(ok), "{ok} is an addr-spec");
        }
        for bad in [
            "",
            "plain",
            "@example.com",
            "a@",
            "a@@example.com",
            "a b@example.com",
            ".a@example.com",
            "a..b@example.com",
            "a.@example.com",
            "a@example..com",
            "a@.example.com",
            "a@b@c",
            "\"unclosed@example.com",
            "\"a\"b@example.com",
            "a@[1.2.3.4",
            "a@[a[b]",
            "(comment)a@example.com",
        ] {
            assert!(!is_email(bad), "{bad:?} is not an addr-spec");
        }
    }

    #[test]
    fn formats() {
        assert!(Format::DateTime.check("2017-12-11T12:13:12.025-05:00"));
        assert!(!Format::DateTime.check("2017-12-11"));
        assert!(Format::Date.check("2017-12-11"));
        assert!(Format::Int.check("-12") && !Format::Int.check("1.5") && !Format::Int.check(""));
        assert!(Format::Email.check("a.b@example.com"));
        // RFC 5322 addr-spec (ERRATA E106): a dotless domain is an address, a space is not.
        assert!(!Format::Email.check("a b@example.com") && Format::Email.check("ab@localhost"));
    }

    #[test]
    fn ranges() {
        let both = (Some((0.0, true)), Some((100.0, true)));
        assert_eq!(range_message("0", both.0, both.1), None);
        assert_eq!(range_message("100", both.0, both.1), None);
        assert_eq!(range_message("x", both.0, both.1), None);
        assert_eq!(
            range_message("0", Some((0.0, false)), None).as_deref(),
            Some("must be more than 0")
        );
        assert_eq!(
            range_message("101", None, Some((100.0, true))).as_deref(),
            Some("must be at most 100")
        );
    }

    #[test]
    fn lengths_count_characters() {
        assert_eq!(length_message("日本語", Some(1), Some(3)), None);
        assert_eq!(
            length_message("日本語x", Some(1), Some(3)).as_deref(),
            Some("is 4 characters long; must be 1 to 3 characters")
        );
        assert_eq!(length_message("", None, None), None);
    }
}
