//! The one date syntax of `gas orders` and `gas modified`.
//!
//! Every date flag takes the same forms: a calendar date (`2024-05-01`: the whole day, in
//! UTC), a date-time with its offset (`2024-05-01T12:00:00Z`, `…+02:00`), `now`, `today`,
//! `yesterday`, or a time relative to now (`-7d`, `-12h`, `-30m`, `-2w`). GetOrders takes
//! dates and GetModifiedOrders date-times; each flag turns the moment into what its
//! element wants.

use time::format_description::well_known::Rfc3339;
use time::macros::format_description;
use time::{Date, Duration, OffsetDateTime, Time, UtcOffset};

/// A moment given on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct When {
    /// The moment (the day's start for a whole day), in the offset it was written with.
    at: OffsetDateTime,
    /// Written as a calendar date (or `today`/`yesterday`): the whole day is meant.
    whole_day: bool,
}

impl When {
    /// The first moment meant: a whole day's start.
    pub fn start(self) -> OffsetDateTime {
        self.at
    }

    /// The last moment meant: a whole day's last second.
    pub fn end(self) -> OffsetDateTime {
        if self.whole_day {
            self.at + Duration::days(1) - Duration::seconds(1)
        } else {
            self.at
        }
    }

    /// As an `xs:date` (GetOrders' date filters): the date in the offset it was written
    /// with.
    pub fn date(self) -> String {
        format_date(self.at.date())
    }

    /// As the start of a range of date-times (GetModifiedOrders' `FromDate`).
    pub fn start_date_time(self) -> String {
        format_date_time(self.start())
    }

    /// As the end of a range of date-times (`ToDate`): a whole day means its last second.
    pub fn end_date_time(self) -> String {
        format_date_time(self.end())
    }
}

const SYNTAX: &str = "write a date (2024-05-01), a date-time (2024-05-01T12:00:00Z or with an offset, +02:00), now, today, yesterday, or a time before now (-7d, -12h, -30m, -2w)";

/// Parses a date flag's value (see the module docs).
pub fn parse(text: &str) -> Result<When, String> {
    parse_at(text, OffsetDateTime::now_utc())
}

/// [`parse`] with `now` given, for tests.
pub fn parse_at(text: &str, now: OffsetDateTime) -> Result<When, String> {
    let text = text.trim();
    // Whole seconds: what the API's date-times carry.
    let now = now.to_offset(UtcOffset::UTC);
    let now = now - Duration::nanoseconds(i64::from(now.nanosecond()));
    let today = now.replace_time(Time::MIDNIGHT);
    let day = |at: OffsetDateTime| When {
        at,
        whole_day: true,
    };
    let moment = |at: OffsetDateTime| When {
        at,
        whole_day: false,
    };
    match text.to_ascii_lowercase().as_str() {
        "now" => return Ok(moment(now)),
        "today" => return Ok(day(today)),
        "yesterday" => return Ok(day(today - Duration::days(1))),
        _ => {}
    }
    if let Some(relative) = text.strip_prefix('-') {
        return relative_duration(relative)
            .map(|d| moment(now - d))
            .ok_or_else(|| format!("{text:?} is not a time before now; {SYNTAX}"));
    }
    if text.len() == 10 {
        let date = Date::parse(text, format_description!("[year]-[month]-[day]"))
            .map_err(|e| format!("{text:?} is not a date ({e}); {SYNTAX}"))?;
        return Ok(day(date.midnight().assume_utc()));
    }
    if text.as_bytes().get(10) != Some(&b'T') {
        return Err(format!("{text:?} is not a date or date-time; {SYNTAX}"));
    }
    OffsetDateTime::parse(text, &Rfc3339)
        .map(moment)
        .map_err(|e| format!("{text:?} is not a date-time ({e}); {SYNTAX}"))
}

/// `7d`, `12h`, `30m`, `2w`.
fn relative_duration(text: &str) -> Option<Duration> {
    let split = text.find(|c: char| !c.is_ascii_digit())?;
    let (number, unit) = text.split_at(split);
    let n: i64 = number.parse().ok()?;
    let duration = match unit {
        "m" => Duration::minutes(n),
        "h" => Duration::hours(n),
        "d" => Duration::days(n),
        "w" => Duration::weeks(n),
        _ => return None,
    };
    Some(duration)
}

fn format_date(date: Date) -> String {
    format!(
        "{:04}-{:02}-{:02}",
        date.year(),
        u8::from(date.month()),
        date.day()
    )
}

/// `2024-05-01T12:00:00Z`, `2024-05-01T12:00:00.025-05:00`: seconds, a fraction only when
/// there is one, `Z` for UTC.
fn format_date_time(at: OffsetDateTime) -> String {
    let mut out = format!(
        "{}T{:02}:{:02}:{:02}",
        format_date(at.date()),
        at.hour(),
        at.minute(),
        at.second()
    );
    if at.nanosecond() != 0 {
        let fraction = format!("{:09}", at.nanosecond());
        out.push('.');
        out.push_str(fraction.trim_end_matches('0'));
    }
    let offset = at.offset();
    if offset.is_utc() {
        out.push('Z');
    } else {
        let (h, m, _) = offset.as_hms();
        let sign = if offset.is_negative() { '-' } else { '+' };
        out.push_str(&format!("{sign}{:02}:{:02}", h.abs(), m.abs()));
    }
    out
}

/// A warning when a range ends before it starts (nothing can match it).
pub fn inverted(
    from_flag: &str,
    from: Option<When>,
    to_flag: &str,
    to: Option<When>,
) -> Option<String> {
    match (from, to) {
        (Some(from), Some(to)) if from.start() > to.end() => Some(format!(
            "{from_flag} is after {to_flag}: no order can match this range (did you swap them?)"
        )),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    const NOW: OffsetDateTime = datetime!(2024-05-10 15:30:00 UTC);

    fn at(text: &str) -> Result<When, String> {
        parse_at(text, NOW)
    }

    #[test]
    fn dates_are_whole_days() {
        let day = at("2024-02-29").unwrap();
        assert_eq!(day.date(), "2024-02-29");
        assert_eq!(day.start_date_time(), "2024-02-29T00:00:00Z");
        assert_eq!(day.end_date_time(), "2024-02-29T23:59:59Z");
        for bad in [
            "2023-02-29",
            "2024-13-01",
            "24-01-01",
            "2024-05-01 12:00:00Z",
            "soon",
        ] {
            assert!(at(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn date_times_keep_their_offset() {
        for ok in [
            "2024-05-01T12:00:00Z",
            "2017-12-11T12:13:12.025-05:00",
            "2024-05-01T23:59:59+14:00",
        ] {
            assert_eq!(at(ok).unwrap().start_date_time(), ok);
        }
        assert_eq!(
            at("2024-05-01T23:00:00-05:00").unwrap().date(),
            "2024-05-01"
        );
        for bad in [
            "2024-05-01T24:00:00Z",
            "2024-05-01T12:00:00",
            "2024-05-01T12:00:00.Z",
            "2024-05-01T12:00:00+1:00",
        ] {
            assert!(at(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn now_today_and_relative_times() {
        assert_eq!(at("now").unwrap().start_date_time(), "2024-05-10T15:30:00Z");
        assert_eq!(at("NOW").unwrap().date(), "2024-05-10");
        assert_eq!(at("today").unwrap().end_date_time(), "2024-05-10T23:59:59Z");
        assert_eq!(at("yesterday").unwrap().date(), "2024-05-09");
        assert_eq!(at("-7d").unwrap().start_date_time(), "2024-05-03T15:30:00Z");
        assert_eq!(
            at("-12h").unwrap().start_date_time(),
            "2024-05-10T03:30:00Z"
        );
        assert_eq!(
            at("-30m").unwrap().start_date_time(),
            "2024-05-10T15:00:00Z"
        );
        assert_eq!(at("-2w").unwrap().date(), "2024-04-26");
        for bad in ["-7", "-d", "-7y", "+7d"] {
            assert!(at(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn an_inverted_range_is_named() {
        let may = at("2024-05-01").unwrap();
        let april = at("2024-04-01").unwrap();
        assert!(inverted("--from", Some(may), "--to", Some(april)).is_some());
        assert!(inverted("--from", Some(may), "--to", Some(may)).is_none());
        assert!(inverted("--from", Some(april), "--to", Some(may)).is_none());
        assert!(inverted("--from", None, "--to", Some(may)).is_none());
    }
}
