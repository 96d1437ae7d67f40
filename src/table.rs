//! Aligned text tables for human output.
//!
//! Columns are as wide as their widest cell (in terminal columns: CJK and other wide
//! characters take two, combining marks none), separated by two
//! spaces; no trailing whitespace, so that output diffs and greps cleanly. Empty cells
//! show as `-` so that columns stay readable with `awk`. Control characters in cells
//! (a server could send any) are shown as spaces so they cannot break the layout or the
//! terminal.

#[derive(Debug, Clone, Default)]
pub struct Table {
    headers: Vec<String>,
    rows: Vec<Vec<String>>,
}

impl Table {
    pub fn new<I, S>(headers: I) -> Table
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        Table {
            headers: headers.into_iter().map(Into::into).collect(),
            rows: Vec::new(),
        }
    }

    /// Adds a row; missing cells are empty, extra cells are dropped.
    pub fn row<I, S>(&mut self, cells: I)
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        let mut row: Vec<String> = cells
            .into_iter()
            .take(self.headers.len())
            .map(|c| clean(&c.into()))
            .collect();
        row.resize(self.headers.len(), String::new());
        self.rows.push(row);
    }

    pub fn render(&self) -> String {
        let shown = |cell: &str| -> String {
            if cell.is_empty() {
                "-".to_owned()
            } else {
                cell.to_owned()
            }
        };
        let mut widths: Vec<usize> = self.headers.iter().map(|h| width(h)).collect();
        for row in &self.rows {
            for (width, cell) in widths.iter_mut().zip(row) {
                *width = (*width).max(self::width(&shown(cell)));
            }
        }
        let mut out = String::new();
        let lines = std::iter::once(&self.headers).chain(&self.rows);
        for (index, row) in lines.enumerate() {
            let mut line = String::new();
            for (i, (cell, width)) in row.iter().zip(&widths).enumerate() {
                let cell = if index == 0 {
                    cell.clone()
                } else {
                    shown(cell)
                };
                if i > 0 {
                    line.push_str("  ");
                }
                line.push_str(&cell);
                let pad = width.saturating_sub(self::width(&cell));
                line.extend(std::iter::repeat_n(' ', pad));
            }
            out.push_str(line.trim_end());
            out.push('\n');
        }
        out
    }
}

/// A two-column table of names and values, for one record (`gas get`).
pub fn key_values<'a>(pairs: impl IntoIterator<Item = (&'a str, String)>) -> String {
    let pairs: Vec<(&str, String)> = pairs.into_iter().filter(|(_, v)| !v.is_empty()).collect();
    let width = pairs.iter().map(|(k, _)| width(k)).max().unwrap_or(0);
    let mut out = String::new();
    for (key, value) in pairs {
        let pad = width - self::width(key);
        out.push_str(key);
        out.push(':');
        out.extend(std::iter::repeat_n(' ', pad + 1));
        out.push_str(&clean(&value));
        out.push('\n');
    }
    out
}

/// The columns `text` takes in a terminal: two for East Asian wide and full-width
/// characters (CJK, Hangul, kana, full-width forms, most emoji), none for combining marks
/// and zero-width characters, one for the rest.
pub fn width(text: &str) -> usize {
    text.chars().map(char_width).sum()
}

fn char_width(c: char) -> usize {
    let c = u32::from(c);
    let zero = matches!(c, 0x0300..=0x036F | 0x0483..=0x0489 | 0x0591..=0x05BD | 0x0610..=0x061A
        | 0x064B..=0x065F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x200B..=0x200F | 0x20D0..=0x20FF
        | 0xFE00..=0xFE0F | 0xFE20..=0xFE2F);
    let wide = matches!(c, 0x1100..=0x115F | 0x2E80..=0x303E | 0x3041..=0x33FF | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF | 0xA000..=0xA4CF | 0xA960..=0xA97F | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6 | 0x1F300..=0x1F64F
        | 0x1F900..=0x1F9FF | 0x20000..=0x2FFFD | 0x30000..=0x3FFFD);
    if zero {
        0
    } else if wide {
        2
    } else {
        1
    }
}

fn clean(cell: &str) -> String {
    cell.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect::<String>()
        .trim()
        .to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_align_to_the_widest_cell() {
        let mut t = Table::new(["ORDER ID", "STATUS", "CN"]);
        t.row(["CE20240101000001", "4", "Alice Example"]);
        t.row(["X", "", "Bob"]);
        assert_eq!(
            t.render(),
            "ORDER ID          STATUS  CN\n\
             CE20240101000001  4       Alice Example\n\
             X                 -       Bob\n"
        );
    }

    #[test]
    fn width_counts_characters_not_bytes_and_control_characters_are_neutralised() {
        let mut t = Table::new(["A", "B"]);
        t.row(["Müller", "x"]);
        t.row(["a\tb\nc\u{1b}[31m", "y"]);
        let out = t.render();
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines[1], "Müller      x");
        assert_eq!(lines[2], "a b c [31m  y");
        assert!(!out.contains('\u{1b}'));
    }

    #[test]
    fn wide_characters_take_two_columns() {
        let mut t = Table::new(["NAME", "ID"]);
        t.row(["山田太郎", "1"]);
        t.row(["Bob", "2"]);
        t.row(["e\u{301}", "3"]);
        assert_eq!(
            t.render(),
            "NAME      ID\n山田太郎  1\nBob       2\ne\u{301}         3\n"
        );
        assert_eq!(width("김민준"), 6);
    }

    #[test]
    fn short_and_long_rows_are_fitted_to_the_headers() {
        let mut t = Table::new(["A", "B", "C"]);
        t.row(["1"]);
        t.row(["1", "2", "3", "4"]);
        assert_eq!(t.render(), "A  B  C\n1  -  -\n1  2  3\n");
        assert_eq!(Table::new(["ONLY"]).render(), "ONLY\n");
    }

    #[test]
    fn key_values_skip_empty_values() {
        let out = key_values([
            ("OrderID", "CE1".to_owned()),
            ("Status", String::new()),
            ("Common name", "A".to_owned()),
        ]);
        assert_eq!(out, "OrderID:     CE1\nCommon name: A\n");
    }
}
