//! The one-run table: every comparison of issue 8 with its target, as markdown.

use std::fmt::Write as _;

use crate::paired::Paired;

/// What a row's figure must stay within.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Target {
    /// ours / baseline must be at most this.
    RatioAtMost(f64),
    /// An absolute time, in seconds, at most this.
    SecondsAtMost(f64),
    /// Reported, no target.
    None,
}

/// One line of the table.
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    pub what: String,
    /// Ours, as shown (a time or a size).
    pub ours: String,
    /// The baseline's name and figure, as shown.
    pub baseline: String,
    /// The figure checked against the target: a ratio, or seconds.
    pub figure: f64,
    /// How the figure varied (e.g. `0.95–1.10` over the rounds), if measured so.
    pub spread: String,
    pub target: Target,
}

impl Row {
    pub fn met(&self) -> Option<bool> {
        match self.target {
            Target::RatioAtMost(t) | Target::SecondsAtMost(t) => Some(self.figure <= t),
            Target::None => None,
        }
    }
}

/// A duration in nanoseconds, shown with a fitting unit.
pub fn show_ns(ns: f64) -> String {
    if ns >= 1e9 {
        format!("{:.2} s", ns / 1e9)
    } else if ns >= 1e6 {
        format!("{:.2} ms", ns / 1e6)
    } else if ns >= 1e3 {
        format!("{:.1} µs", ns / 1e3)
    } else {
        format!("{ns:.0} ns")
    }
}

/// Megabytes per second for `bytes` in `ns`.
pub fn show_rate(bytes: usize, ns: f64) -> String {
    format!("{:.0} MB/s", bytes as f64 / ns * 1e3)
}

/// A row from a paired measurement (ours / baseline).
pub fn paired_row(what: &str, baseline_name: &str, p: &Paired, target: Target) -> Row {
    Row {
        what: what.to_owned(),
        ours: show_ns(p.ours_ns),
        baseline: format!("{baseline_name}: {}", show_ns(p.base_ns)),
        figure: p.ratio,
        spread: format!(
            "{:.2}–{:.2} over {} rounds",
            p.ratio_min, p.ratio_max, p.rounds
        ),
        target,
    }
}

/// The table, markdown.
pub fn markdown(rows: &[Row]) -> String {
    let mut out = String::new();
    out.push_str("| measurement | ours | baseline | ratio / figure | spread | target | met |\n");
    out.push_str("| --- | --- | --- | --- | --- | --- | --- |\n");
    for r in rows {
        let (figure, target) = match r.target {
            Target::RatioAtMost(t) => (format!("{:.2}×", r.figure), format!("≤ {t}×")),
            Target::SecondsAtMost(t) => (format!("{:.3} s", r.figure), format!("< {t} s")),
            Target::None => (format!("{:.2}", r.figure), "—".to_owned()),
        };
        let met = match r.met() {
            Some(true) => "yes",
            Some(false) => "**no**",
            None => "—",
        };
        let _ = writeln!(
            out,
            "| {} | {} | {} | {figure} | {} | {target} | {met} |",
            r.what, r.ours, r.baseline, r.spread
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn units() {
        assert_eq!(show_ns(950.0), "950 ns");
        assert_eq!(show_ns(1_500.0), "1.5 µs");
        assert_eq!(show_ns(2_500_000.0), "2.50 ms");
        assert_eq!(show_ns(3_000_000_000.0), "3.00 s");
        assert_eq!(show_rate(100_000_000, 1e9), "100 MB/s");
    }

    #[test]
    fn table_marks_missed_targets() {
        let rows = vec![
            Row {
                what: "decode".into(),
                ours: "1 ms".into(),
                baseline: "scan: 1 ms".into(),
                figure: 1.7,
                spread: String::new(),
                target: Target::RatioAtMost(1.5),
            },
            Row {
                what: "generate".into(),
                ours: "50 ms".into(),
                baseline: "—".into(),
                figure: 0.05,
                spread: String::new(),
                target: Target::SecondsAtMost(0.1),
            },
        ];
        let md = markdown(&rows);
        assert!(md.contains("| 1.70× |"), "{md}");
        assert!(md.contains("| ≤ 1.5× | **no** |"), "{md}");
        assert!(md.contains("| 0.050 s |"), "{md}");
        assert!(md.contains("| < 0.1 s | yes |"), "{md}");
    }
}
