//! Unified line diffs of generated files, for the maintainer's review.

use similar::TextDiff;

/// A unified diff (3 lines of context) from `old` to `new`, headed `a/<name>` and
/// `b/<name>`; empty when they are equal.
pub fn unified(name: &str, old: &str, new: &str) -> String {
    if old == new {
        return String::new();
    }
    let diff = TextDiff::from_lines(old, new);
    let mut out = diff
        .unified_diff()
        .context_radius(3)
        .header(
            &format!("a/{}", name.trim_start_matches('/')),
            &format!("b/{}", name.trim_start_matches('/')),
        )
        .to_string();
    if !out.ends_with('\n') {
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shows_changed_lines_with_context() {
        let old = "a\nb\nc\nd\ne\nf\ng\nh\n";
        let new = "a\nb\nc\nd\nE\nf\ng\nh\n";
        let d = unified("x.rs", old, new);
        assert!(
            d.starts_with("--- a/x.rs\n+++ b/x.rs\n@@ -2,7 +2,7 @@\n"),
            "{d}"
        );
        assert!(d.contains("\n-e\n+E\n"), "{d}");
        assert_eq!(unified("x.rs", old, old), "");
    }
}
