//! Text ↔ value conversions for XML Schema's built-in simple types.
//!
//! Every type a generated field can hold as text implements [`SimpleValue`]: the
//! built-ins below, generated enums and newtypes, and [`crate::Secret`]. Parsing is
//! lenient where real servers are sloppy (surrounding whitespace; `1`/`0` booleans;
//! dateTimes with or without offset and fractional seconds); writing is canonical.
//!
//! The mapping from XSD built-ins to these Rust types is documented in soapgen-codegen's
//! `codegen/src/rust/builtins.rs`.

use std::borrow::Cow;
use std::fmt;
use std::str::FromStr;

use crate::error::{EncodeError, ValueError};
use crate::writer::XmlWriter;

/// A value with a text form. See the module documentation.
pub trait SimpleValue: Sized {
    /// Whether empty text means "absent" (`<OrderDate/>` → `None`). True for every type
    /// except strings, whose empty value is a value.
    const EMPTY_IS_ABSENT: bool = true;

    /// Whether values are never echoed in errors or copied into deviations (passwords).
    const SECRET: bool = false;

    /// The values of an enumeration (a value set), as written on the wire; empty for every
    /// other type. The reader records a value it does not list, and reads one written in
    /// another ASCII case as the listed one (the reading policy, `crate::policy`).
    const VALUE_SET: &'static [&'static str] = &[];

    /// Parses the text of an element or attribute. On failure the text is handed back
    /// (so the caller may echo it, or not).
    fn parse_text(text: Cow<'_, str>) -> Result<Self, (ValueError, Cow<'_, str>)>;

    /// The text form.
    fn to_text(&self) -> Cow<'_, str>;

    /// Writes the text form as character data.
    fn write_text(&self, w: &mut XmlWriter) -> Result<(), EncodeError> {
        w.text(&self.to_text())
    }
}

impl SimpleValue for String {
    const EMPTY_IS_ABSENT: bool = false;
    fn parse_text(text: Cow<'_, str>) -> Result<Self, (ValueError, Cow<'_, str>)> {
        Ok(text.into_owned())
    }
    fn to_text(&self) -> Cow<'_, str> {
        Cow::Borrowed(self)
    }
}

impl SimpleValue for bool {
    fn parse_text(text: Cow<'_, str>) -> Result<Self, (ValueError, Cow<'_, str>)> {
        match text.trim() {
            "true" | "1" => Ok(true),
            "false" | "0" => Ok(false),
            _ => Err((ValueError::new("xs:boolean (true, false, 1, 0)"), text)),
        }
    }
    fn to_text(&self) -> Cow<'_, str> {
        Cow::Borrowed(if *self { "true" } else { "false" })
    }
    fn write_text(&self, w: &mut XmlWriter) -> Result<(), EncodeError> {
        w.text_display(if *self { "true" } else { "false" });
        Ok(())
    }
}

macro_rules! integer {
    ($t:ty, $xsd:literal) => {
        impl SimpleValue for $t {
            fn parse_text(text: Cow<'_, str>) -> Result<Self, (ValueError, Cow<'_, str>)> {
                match text.trim().parse::<$t>() {
                    Ok(v) => Ok(v),
                    Err(_) => Err((ValueError::new($xsd), text)),
                }
            }
            fn to_text(&self) -> Cow<'_, str> {
                Cow::Owned(self.to_string())
            }
            fn write_text(&self, w: &mut XmlWriter) -> Result<(), EncodeError> {
                w.text_display(self);
                Ok(())
            }
        }
    };
}

integer!(i8, "xs:byte");
integer!(i16, "xs:short");
integer!(i32, "xs:int");
integer!(i64, "xs:long");
integer!(u8, "xs:unsignedByte");
integer!(u16, "xs:unsignedShort");
integer!(u32, "xs:unsignedInt");
integer!(u64, "xs:unsignedLong");

macro_rules! float {
    ($t:ty, $xsd:literal) => {
        impl SimpleValue for $t {
            fn parse_text(text: Cow<'_, str>) -> Result<Self, (ValueError, Cow<'_, str>)> {
                let t = text.trim();
                let v = match t {
                    "INF" | "+INF" => Some(<$t>::INFINITY),
                    "-INF" => Some(<$t>::NEG_INFINITY),
                    "NaN" => Some(<$t>::NAN),
                    // Rust would accept "inf"/"nan"/"infinity"; XSD does not.
                    _ if t
                        .bytes()
                        .any(|b| b.is_ascii_alphabetic() && b != b'e' && b != b'E') =>
                    {
                        None
                    }
                    _ => t.parse::<$t>().ok(),
                };
                v.ok_or_else(|| (ValueError::new($xsd), text))
            }
            fn to_text(&self) -> Cow<'_, str> {
                Cow::Owned(if self.is_nan() {
                    "NaN".to_owned()
                } else if self.is_infinite() {
                    if *self > 0.0 { "INF" } else { "-INF" }.to_owned()
                } else {
                    self.to_string()
                })
            }
        }
    };
}

float!(f32, "xs:float");
float!(f64, "xs:double");

/// `xs:list`: whitespace-separated items.
impl<T: SimpleValue> SimpleValue for Vec<T> {
    /// An empty list is a value.
    const EMPTY_IS_ABSENT: bool = false;
    fn parse_text(text: Cow<'_, str>) -> Result<Self, (ValueError, Cow<'_, str>)> {
        let mut out = Vec::new();
        for item in text.split_ascii_whitespace() {
            match T::parse_text(Cow::Owned(item.to_owned())) {
                Ok(v) => out.push(v),
                Err((e, _)) => {
                    return Err((ValueError::new(format!("a list of {}", e.expected)), text));
                }
            }
        }
        Ok(out)
    }
    fn to_text(&self) -> Cow<'_, str> {
        let mut s = String::new();
        for (i, v) in self.iter().enumerate() {
            if i > 0 {
                s.push(' ');
            }
            s.push_str(&v.to_text());
        }
        Cow::Owned(s)
    }
}

/// Serde as the wire text, for generated enums: `#[derive]` would use variant names.
pub mod text_serde {
    use std::borrow::Cow;

    use super::SimpleValue;

    pub fn serialize<T: SimpleValue, S: serde::Serializer>(
        value: &T,
        s: S,
    ) -> Result<S::Ok, S::Error> {
        s.serialize_str(&value.to_text())
    }

    pub fn deserialize<'de, T: SimpleValue, D: serde::Deserializer<'de>>(
        d: D,
    ) -> Result<T, D::Error> {
        let s = <String as serde::Deserialize>::deserialize(d)?;
        T::parse_text(Cow::Owned(s)).map_err(|(e, _)| {
            <D::Error as serde::de::Error>::custom(format!("expected {}", e.expected))
        })
    }
}

/// `text.parse::<T>()` for a generated enumeration: a listed value in any ASCII case (as
/// the reader accepts it) is that value; any other text is an [`UnlistedValue`](crate::UnlistedValue) error.
pub fn parse_listed<T: SimpleValue>(
    text: &str,
    type_name: &'static str,
) -> Result<T, crate::UnlistedValue> {
    let unlisted = || crate::UnlistedValue::new(type_name, text, T::VALUE_SET);
    let listed = T::VALUE_SET
        .iter()
        .find(|v| v.eq_ignore_ascii_case(text))
        .ok_or_else(unlisted)?;
    T::parse_text(Cow::Borrowed(listed)).map_err(|_| unlisted())
}

/// The trait impls every generated enumeration of a value set has, written once here
/// (the way a derive would): `FromStr` ([`parse_listed`]), `Default` (`Other("")`: no
/// value), `Display` (the wire value, `as_str()`) and, with the calling crate's `serde`
/// feature, serde as the wire text ([`text_serde`]). The enum has an
/// `Other(String)` variant, an `as_str()` and a [`SimpleValue`] impl.
#[macro_export]
macro_rules! value_set_impls {
    ($($name:ident),* $(,)?) => {$(
        #[doc = concat!(
            " Parses a wire value (`text.parse::<", stringify!($name), ">()`), in any ASCII \
            case as the reader accepts it; a value the set does not list is an error (build \
            `Other` yourself to send one anyway)."
        )]
        impl ::std::str::FromStr for $name {
            type Err = $crate::UnlistedValue;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                $crate::parse_listed(s, stringify!($name))
            }
        }

        impl Default for $name {
            fn default() -> Self {
                Self::Other(String::new())
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        #[cfg(feature = "serde")]
        impl $crate::serde::Serialize for $name {
            fn serialize<S: $crate::serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                $crate::text_serde::serialize(self, s)
            }
        }

        #[cfg(feature = "serde")]
        impl<'de> $crate::serde::Deserialize<'de> for $name {
            fn deserialize<D: $crate::serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                $crate::text_serde::deserialize(d)
            }
        }
    )*};
}

// ------------------------------------------------------------------------ Decimal

/// `xs:decimal`, kept as its exact lexical form (no binary rounding).
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Decimal(String);

impl Decimal {
    pub fn as_str(&self) -> &str {
        &self.0
    }
    /// The nearest `f64` (for display or arithmetic where rounding is acceptable).
    pub fn to_f64(&self) -> f64 {
        self.0.parse().unwrap_or(f64::NAN)
    }
}

impl FromStr for Decimal {
    type Err = ValueError;
    fn from_str(s: &str) -> Result<Self, ValueError> {
        let t = s.trim();
        let body = t.strip_prefix(['+', '-']).unwrap_or(t);
        let (int, frac) = body.split_once('.').unwrap_or((body, ""));
        let digits = |p: &str| p.bytes().all(|b| b.is_ascii_digit());
        if (int.is_empty() && frac.is_empty()) || !digits(int) || !digits(frac) {
            return Err(ValueError::new("xs:decimal"));
        }
        Ok(Decimal(t.to_owned()))
    }
}

impl fmt::Display for Decimal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<i64> for Decimal {
    fn from(v: i64) -> Self {
        Decimal(v.to_string())
    }
}

// ------------------------------------------------------------------- date & time

/// The time zone part of a date or dateTime.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum Offset {
    /// No time zone given (local time of the server).
    #[default]
    None,
    /// `Z`.
    Utc,
    /// `+hh:mm` / `-hh:mm`, in minutes east of UTC.
    Minutes(i16),
}

impl Offset {
    /// Minutes east of UTC, `None` when no time zone was given.
    pub fn minutes(self) -> Option<i16> {
        match self {
            Offset::None => None,
            Offset::Utc => Some(0),
            Offset::Minutes(m) => Some(m),
        }
    }
}

impl fmt::Display for Offset {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Offset::None => Ok(()),
            Offset::Utc => f.write_str("Z"),
            Offset::Minutes(m) => {
                let sign = if m < 0 { '-' } else { '+' };
                let m = m.unsigned_abs();
                write!(f, "{sign}{:02}:{:02}", m / 60, m % 60)
            }
        }
    }
}

/// `xs:dateTime`, parsed leniently: `2016-10-19T12:51:15.596+09:00`,
/// `2016-10-19T12:51:15Z`, `2016-10-19T12:51:15`, a space instead of `T`, seconds
/// omitted, `+0900` offsets. Written back in the XSD form with the same precision
/// (fractional digits) and time zone style it was read with.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub struct DateTime {
    pub year: i32,
    pub month: u8,
    pub day: u8,
    pub hour: u8,
    pub minute: u8,
    pub second: u8,
    pub nanosecond: u32,
    /// How many fractional-second digits to write (0 = none).
    pub fraction_digits: u8,
    pub offset: Offset,
}

/// `xs:date` (`2016-10-19`, optionally with a time zone).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub struct Date {
    pub year: i32,
    pub month: u8,
    pub day: u8,
    pub offset: Offset,
}

struct Cursor<'s> {
    s: &'s [u8],
    i: usize,
}

impl Cursor<'_> {
    fn digits(&mut self, min: usize, max: usize) -> Option<(u64, usize)> {
        let start = self.i;
        let mut v: u64 = 0;
        while self.i < self.s.len() && self.i - start < max && self.s[self.i].is_ascii_digit() {
            v = v * 10 + u64::from(self.s[self.i] - b'0');
            self.i += 1;
        }
        let n = self.i - start;
        (n >= min).then_some((v, n))
    }
    fn eat(&mut self, c: u8) -> bool {
        if self.s.get(self.i) == Some(&c) {
            self.i += 1;
            true
        } else {
            false
        }
    }
    fn done(&self) -> bool {
        self.i == self.s.len()
    }
}

fn parse_date_part(c: &mut Cursor<'_>) -> Option<(i32, u8, u8)> {
    let neg = c.eat(b'-');
    let (y, _) = c.digits(4, 9)?;
    if !c.eat(b'-') {
        return None;
    }
    let (m, _) = c.digits(2, 2)?;
    if !c.eat(b'-') {
        return None;
    }
    let (d, _) = c.digits(2, 2)?;
    let y = i32::try_from(y).ok()?;
    let y = if neg { -y } else { y };
    let (m, d) = (u8::try_from(m).ok()?, u8::try_from(d).ok()?);
    if !(1..=12).contains(&m) || d < 1 || d > days_in_month(y, m) {
        return None;
    }
    Some((y, m, d))
}

fn parse_offset(c: &mut Cursor<'_>) -> Option<Offset> {
    if c.done() {
        return Some(Offset::None);
    }
    if c.eat(b'Z') {
        return Some(Offset::Utc);
    }
    let sign: i16 = if c.eat(b'+') {
        1
    } else if c.eat(b'-') {
        -1
    } else {
        return None;
    };
    let (h, _) = c.digits(2, 2)?;
    c.eat(b':');
    let (m, _) = c.digits(2, 2)?;
    if h > 14 || m > 59 {
        return None;
    }
    Some(Offset::Minutes(sign * (h as i16 * 60 + m as i16)))
}

fn days_in_month(y: i32, m: u8) -> u8 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ => {
            if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 {
                29
            } else {
                28
            }
        }
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
fn days_from_civil(y: i32, m: u8, d: u8) -> i64 {
    let y = i64::from(y) - i64::from(m <= 2);
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let m = i64::from(m);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The proleptic Gregorian date of a count of days since 1970-01-01 (Howard Hinnant's
/// algorithm, the inverse of `days_from_civil`).
fn civil_from_days(z: i64) -> (i32, u8, u8) {
    let z = z + 719_468;
    let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = y + i64::from(m <= 2);
    // Years beyond i32 are clamped; SystemTime never gets there.
    let y = i32::try_from(y).unwrap_or(if y < 0 { i32::MIN } else { i32::MAX });
    (y, m as u8, d as u8)
}

impl DateTime {
    /// The instant `millis` milliseconds after the Unix epoch, in UTC with millisecond
    /// precision: `2024-05-01T12:00:00.125Z`, the form GlobalSign writes and reads (at most
    /// 29 characters with any offset).
    pub fn from_unix_millis(millis: i64) -> DateTime {
        let days = millis.div_euclid(86_400_000);
        let rem = millis.rem_euclid(86_400_000);
        let (year, month, day) = civil_from_days(days);
        DateTime {
            year,
            month,
            day,
            hour: (rem / 3_600_000) as u8,
            minute: (rem / 60_000 % 60) as u8,
            second: (rem / 1000 % 60) as u8,
            nanosecond: (rem % 1000) as u32 * 1_000_000,
            fraction_digits: 3,
            offset: Offset::Utc,
        }
    }

    /// Milliseconds since the Unix epoch (below a millisecond dropped); a missing time zone
    /// is taken as UTC.
    /// Saturates at `i64::MIN`/`i64::MAX` for years no clock reaches.
    pub fn unix_millis(&self) -> i64 {
        self.unix_timestamp()
            .saturating_mul(1000)
            .saturating_add(i64::from(self.nanosecond / 1_000_000))
    }

    /// Now, in UTC with millisecond precision (below a millisecond dropped).
    pub fn now() -> DateTime {
        DateTime::from(std::time::SystemTime::now())
    }

    /// The same instant in UTC with millisecond precision, rounded down: a value read from
    /// text with more digits (`time`'s and chrono's RFC 3339 write nanoseconds) in the
    /// form the spec's 29-character fields take.
    pub fn to_utc_millis(&self) -> DateTime {
        DateTime::from_unix_millis(self.unix_millis())
    }

    /// This instant moved by `millis` milliseconds (UTC, millisecond precision).
    pub fn add_millis(&self, millis: i64) -> DateTime {
        DateTime::from_unix_millis(self.unix_millis().saturating_add(millis))
    }

    /// Seconds since the Unix epoch; a missing time zone is taken as UTC.
    pub fn unix_timestamp(&self) -> i64 {
        let days = days_from_civil(self.year, self.month, self.day);
        let secs = days * 86_400
            + i64::from(self.hour) * 3600
            + i64::from(self.minute) * 60
            + i64::from(self.second);
        secs - i64::from(self.offset.minutes().unwrap_or(0)) * 60
    }

    /// The date part.
    pub fn date(&self) -> Date {
        Date {
            year: self.year,
            month: self.month,
            day: self.day,
            offset: self.offset,
        }
    }
}

impl FromStr for DateTime {
    type Err = ValueError;
    fn from_str(s: &str) -> Result<Self, ValueError> {
        let err = || ValueError::new("xs:dateTime (YYYY-MM-DDThh:mm:ss[.fff][Z|±hh:mm])");
        let mut c = Cursor {
            s: s.trim().as_bytes(),
            i: 0,
        };
        let (year, month, day) = parse_date_part(&mut c).ok_or_else(err)?;
        if !(c.eat(b'T') || c.eat(b' ')) {
            return Err(err());
        }
        let (hour, _) = c.digits(2, 2).ok_or_else(err)?;
        if !c.eat(b':') {
            return Err(err());
        }
        let (minute, _) = c.digits(2, 2).ok_or_else(err)?;
        let mut second = 0;
        let mut nanosecond = 0u32;
        let mut fraction_digits = 0u8;
        if c.eat(b':') {
            second = c.digits(2, 2).ok_or_else(err)?.0;
            if c.eat(b'.') {
                let start = c.i;
                while c.i < c.s.len() && c.s[c.i].is_ascii_digit() {
                    c.i += 1;
                }
                let frac = &c.s[start..c.i];
                if frac.is_empty() {
                    return Err(err());
                }
                let kept = &frac[..frac.len().min(9)];
                let mut n: u32 = 0;
                for &b in kept {
                    n = n * 10 + u32::from(b - b'0');
                }
                for _ in kept.len()..9 {
                    n *= 10;
                }
                nanosecond = n;
                fraction_digits = kept.len() as u8;
            }
        }
        let offset = parse_offset(&mut c).ok_or_else(err)?;
        if !c.done() {
            return Err(err());
        }
        // 24:00:00 is allowed by XSD (end of day); keep it as written.
        let end_of_day = hour == 24 && minute == 0 && second == 0 && nanosecond == 0;
        if (hour > 23 && !end_of_day) || minute > 59 || second > 60 {
            return Err(err());
        }
        Ok(DateTime {
            year,
            month,
            day,
            hour: hour as u8,
            minute: minute as u8,
            second: second as u8,
            nanosecond,
            fraction_digits,
            offset,
        })
    }
}

/// UTC, millisecond precision, rounded down (any precision `SystemTime` has below that is
/// dropped). Convert a `time::OffsetDateTime` or a `chrono::DateTime` through
/// `SystemTime::from(...)`.
impl From<std::time::SystemTime> for DateTime {
    fn from(t: std::time::SystemTime) -> DateTime {
        let millis = match t.duration_since(std::time::UNIX_EPOCH) {
            Ok(d) => i64::try_from(d.as_millis()).unwrap_or(i64::MAX),
            Err(e) => {
                // Before 1970: round down too (away from the epoch).
                let d = e.duration();
                let ms = i64::try_from(d.as_millis()).unwrap_or(i64::MAX);
                let partial = d.as_nanos() % 1_000_000 != 0;
                -ms - i64::from(partial)
            }
        };
        DateTime::from_unix_millis(millis)
    }
}

/// The instant (a missing time zone taken as UTC), to the nanosecond; an error for a year
/// the platform's `SystemTime` cannot hold.
impl TryFrom<DateTime> for std::time::SystemTime {
    type Error = ValueError;

    fn try_from(d: DateTime) -> Result<std::time::SystemTime, ValueError> {
        let secs = std::time::Duration::from_secs(d.unix_timestamp().unsigned_abs());
        let base = if d.unix_timestamp() >= 0 {
            std::time::UNIX_EPOCH.checked_add(secs)
        } else {
            std::time::UNIX_EPOCH.checked_sub(secs)
        };
        base.and_then(|t| t.checked_add(std::time::Duration::from_nanos(u64::from(d.nanosecond))))
            .ok_or_else(|| ValueError::new("a date-time within the range of SystemTime"))
    }
}

impl Date {
    /// A date, `None` when there is no such day (`2023-02-29`).
    pub fn from_ymd(year: i32, month: u8, day: u8) -> Option<Date> {
        let d = Date {
            year,
            month,
            day,
            offset: Offset::None,
        };
        let days = days_from_civil(year, month, day);
        (civil_from_days(days) == (year, month, day)).then_some(d)
    }

    /// Today's date in UTC.
    pub fn today_utc() -> Date {
        DateTime::now().date_only()
    }
}

impl DateTime {
    /// The date part without a time zone (`2024-05-01`), as `GetOrders`' date filters
    /// take it.
    pub fn date_only(&self) -> Date {
        Date {
            year: self.year,
            month: self.month,
            day: self.day,
            offset: Offset::None,
        }
    }
}

impl fmt::Display for DateTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_year(f, self.year)?;
        write!(
            f,
            "-{:02}-{:02}T{:02}:{:02}:{:02}",
            self.month, self.day, self.hour, self.minute, self.second
        )?;
        if self.fraction_digits > 0 {
            let digits = usize::from(self.fraction_digits.min(9));
            let frac = format!("{:09}", self.nanosecond);
            write!(f, ".{}", &frac[..digits])?;
        }
        write!(f, "{}", self.offset)
    }
}

fn write_year(f: &mut fmt::Formatter<'_>, year: i32) -> fmt::Result {
    if year < 0 {
        write!(f, "-{:04}", year.unsigned_abs())
    } else {
        write!(f, "{year:04}")
    }
}

impl FromStr for Date {
    type Err = ValueError;
    fn from_str(s: &str) -> Result<Self, ValueError> {
        let err = || ValueError::new("xs:date (YYYY-MM-DD[Z|±hh:mm])");
        let mut c = Cursor {
            s: s.trim().as_bytes(),
            i: 0,
        };
        let (year, month, day) = parse_date_part(&mut c).ok_or_else(err)?;
        let offset = parse_offset(&mut c).ok_or_else(err)?;
        if !c.done() {
            return Err(err());
        }
        Ok(Date {
            year,
            month,
            day,
            offset,
        })
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_year(f, self.year)?;
        write!(f, "-{:02}-{:02}{}", self.month, self.day, self.offset)
    }
}

// ----------------------------------------------------------------- binary data

/// `xs:base64Binary`: the decoded bytes. Whitespace inside the text is ignored.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Base64Binary(pub Vec<u8>);

/// `xs:hexBinary`: the decoded bytes.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct HexBinary(pub Vec<u8>);

const B64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

impl Base64Binary {
    pub fn encode(bytes: &[u8]) -> String {
        let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
        for chunk in bytes.chunks(3) {
            let b = [
                chunk[0],
                chunk.get(1).copied().unwrap_or(0),
                chunk.get(2).copied().unwrap_or(0),
            ];
            let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
            for i in 0..4 {
                if i <= chunk.len() {
                    out.push(B64[((n >> (18 - 6 * i)) & 63) as usize] as char);
                } else {
                    out.push('=');
                }
            }
        }
        out
    }

    pub fn decode(text: &str) -> Option<Vec<u8>> {
        let mut out = Vec::with_capacity(text.len() / 4 * 3);
        let mut acc: u32 = 0;
        let mut bits = 0;
        let mut pad = 0;
        for b in text.bytes() {
            let v = match b {
                b'A'..=b'Z' => b - b'A',
                b'a'..=b'z' => b - b'a' + 26,
                b'0'..=b'9' => b - b'0' + 52,
                b'+' => 62,
                b'/' => 63,
                b'=' => {
                    pad += 1;
                    continue;
                }
                b' ' | b'\t' | b'\r' | b'\n' => continue,
                _ => return None,
            };
            if pad > 0 {
                return None;
            }
            acc = (acc << 6) | u32::from(v);
            bits += 6;
            if bits >= 8 {
                bits -= 8;
                out.push((acc >> bits) as u8);
                acc &= (1 << bits) - 1;
            }
        }
        if pad > 2 || bits >= 6 {
            return None;
        }
        Some(out)
    }
}

impl FromStr for Base64Binary {
    type Err = ValueError;
    fn from_str(s: &str) -> Result<Self, ValueError> {
        Base64Binary::decode(s)
            .map(Base64Binary)
            .ok_or_else(|| ValueError::new("xs:base64Binary"))
    }
}

impl fmt::Display for Base64Binary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&Base64Binary::encode(&self.0))
    }
}

impl FromStr for HexBinary {
    type Err = ValueError;
    fn from_str(s: &str) -> Result<Self, ValueError> {
        let t = s.trim().as_bytes();
        if t.len() % 2 != 0 {
            return Err(ValueError::new("xs:hexBinary"));
        }
        let hex = |b: u8| (b as char).to_digit(16);
        t.chunks(2)
            .map(|p| Some((hex(p[0])? * 16 + hex(p[1])?) as u8))
            .collect::<Option<Vec<u8>>>()
            .map(HexBinary)
            .ok_or_else(|| ValueError::new("xs:hexBinary"))
    }
}

impl fmt::Display for HexBinary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for b in &self.0 {
            write!(f, "{b:02X}")?;
        }
        Ok(())
    }
}

/// `SimpleValue` and string serde for types with `FromStr<Err = ValueError>` + `Display`.
macro_rules! text_type {
    ($t:ty, $expecting:literal) => {
        impl SimpleValue for $t {
            fn parse_text(text: Cow<'_, str>) -> Result<Self, (ValueError, Cow<'_, str>)> {
                match text.parse::<$t>() {
                    Ok(v) => Ok(v),
                    Err(e) => Err((e, text)),
                }
            }
            fn to_text(&self) -> Cow<'_, str> {
                Cow::Owned(self.to_string())
            }
        }

        impl serde::Serialize for $t {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.collect_str(self)
            }
        }

        impl<'de> serde::Deserialize<'de> for $t {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                struct V;
                impl serde::de::Visitor<'_> for V {
                    type Value = $t;
                    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                        f.write_str($expecting)
                    }
                    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<$t, E> {
                        v.parse::<$t>().map_err(|e| E::custom(e.expected))
                    }
                }
                d.deserialize_str(V)
            }
        }
    };
}

text_type!(Decimal, "an xs:decimal string");
text_type!(DateTime, "an xs:dateTime string");
text_type!(Date, "an xs:date string");
text_type!(Base64Binary, "a base64 string");
text_type!(HexBinary, "a hex string");

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn system_times_become_utc_milliseconds_within_29_characters() {
        let epoch = DateTime::from(std::time::UNIX_EPOCH);
        assert_eq!(epoch.to_string(), "1970-01-01T00:00:00.000Z");
        // 2024-02-29T23:59:59.999Z, a leap day.
        let t = DateTime::from_unix_millis(1_709_251_199_999);
        assert_eq!(t.to_string(), "2024-02-29T23:59:59.999Z");
        assert_eq!(t.add_millis(1).to_string(), "2024-03-01T00:00:00.000Z");
        assert_eq!(t.unix_millis(), 1_709_251_199_999);
        // Below a millisecond is dropped, before 1970 rounded down too.
        let sys =
            std::time::UNIX_EPOCH + std::time::Duration::from_nanos(1_709_251_199_999_999_999);
        assert_eq!(DateTime::from(sys), t);
        let before = std::time::UNIX_EPOCH - std::time::Duration::from_nanos(1_500_000);
        assert_eq!(
            DateTime::from(before).to_string(),
            "1969-12-31T23:59:59.998Z"
        );
        // Nanosecond text (time's and chrono's RFC 3339) to the spec's form.
        let long: DateTime = "2024-05-01T14:00:00.123456789+02:00"
            .parse()
            .expect("parses");
        assert_eq!(long.to_string().len(), 35);
        let short = long.to_utc_millis();
        assert_eq!(short.to_string(), "2024-05-01T12:00:00.123Z");
        assert!(short.to_string().len() <= 29);
        assert_eq!(
            std::time::SystemTime::try_from(short),
            Ok(sys_at(1_714_564_800_123))
        );
        assert_eq!(short.date_only().to_string(), "2024-05-01");
    }

    fn sys_at(millis: u64) -> std::time::SystemTime {
        std::time::UNIX_EPOCH + std::time::Duration::from_millis(millis)
    }

    #[test]
    fn extreme_years_neither_panic_nor_wrap() {
        let far: DateTime = "999999999-12-31T23:59:59.999Z".parse().expect("parses");
        assert_eq!(far.unix_millis(), i64::MAX);
        let _ = far.to_utc_millis();
        let _ = far.add_millis(i64::MAX);
        let _ = std::time::SystemTime::try_from(far);
        let _ = DateTime::from_unix_millis(i64::MIN).to_string();
        let _ = DateTime::from_unix_millis(i64::MAX).to_string();
    }

    #[test]
    fn dates_exist_or_are_none() {
        assert!(Date::from_ymd(2024, 2, 29).is_some());
        assert!(Date::from_ymd(2023, 2, 29).is_none());
        assert!(Date::from_ymd(2024, 13, 1).is_none());
        assert!(Date::from_ymd(2024, 4, 31).is_none());
        assert_eq!(
            Date::from_ymd(1999, 12, 31)
                .map(|d| d.to_string())
                .as_deref(),
            Some("1999-12-31")
        );
    }

    fn p<T: SimpleValue>(s: &str) -> Option<T> {
        T::parse_text(Cow::Borrowed(s)).ok()
    }

    #[test]
    fn datetimes_are_lenient_and_round_trip() {
        for s in [
            "2016-10-19T12:51:15.596+09:00",
            "2017-08-09T06:43:00.083-03:00",
            "2016-10-19T12:51:15Z",
            "2016-10-19T12:51:15",
            "2016-10-19T12:51:15.123456789Z",
        ] {
            let d: DateTime = p(s).unwrap();
            assert_eq!(d.to_string(), s);
        }
        let d: DateTime = p(" 2016-10-19 12:51+0900 ").unwrap();
        assert_eq!(d.to_string(), "2016-10-19T12:51:00+09:00");
        assert!(p::<DateTime>("2016-02-30T00:00:00").is_none());
        assert!(p::<DateTime>("yesterday").is_none());
        let d: DateTime = p("1970-01-02T00:00:00+01:00").unwrap();
        assert_eq!(d.unix_timestamp(), 86_400 - 3600);
    }

    #[test]
    fn numbers_and_booleans() {
        assert_eq!(p::<i32>(" 42 "), Some(42));
        assert_eq!(p::<i32>("4x"), None);
        assert_eq!(p::<bool>("1"), Some(true));
        assert_eq!(p::<bool>("yes"), None);
        assert_eq!(p::<f64>("INF"), Some(f64::INFINITY));
        assert_eq!(p::<f64>("inf"), None);
        assert_eq!(p::<f64>("1.5e3"), Some(1500.0));
        assert!(p::<Decimal>("-12.50").is_some());
        assert!(p::<Decimal>("1e5").is_none());
        assert!(p::<Decimal>(".").is_none());
    }

    #[test]
    fn binary() {
        for data in [
            &b""[..],
            b"a",
            b"ab",
            b"abc",
            b"abcd",
            &[0u8, 255, 128, 7, 9],
        ] {
            let e = Base64Binary::encode(data);
            assert_eq!(Base64Binary::decode(&e).unwrap(), data);
        }
        assert_eq!(Base64Binary::encode(b"ab"), "YWI=");
        assert_eq!(Base64Binary::decode("YW\nI=").unwrap(), b"ab");
        assert!(Base64Binary::decode("Y*I=").is_none());
        let h: HexBinary = p("0aFf").unwrap();
        assert_eq!(h.0, vec![10, 255]);
        assert_eq!(h.to_string(), "0AFF");
    }
}
