//! Mixed content (`mixed="true"`): the text of an element that has child elements too.
//!
//! See [`MixedText`] for the representation and why.

use std::fmt;

/// One run of character data in a mixed-content element.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct TextRun {
    /// How many of the element's child elements come before this text (0: before the
    /// first child; the number of children: after the last).
    pub before: usize,
    /// The text, references resolved and line ends normalised, as read.
    pub text: String,
}

/// The text of a mixed-content element, each run with its place among the element's
/// child elements. Runs are kept in document order; two runs never share a place (text
/// at one place is one run).
///
/// # Why this shape
///
/// A generated struct for a mixed type keeps its typed fields exactly as an element-only
/// type has them (`Vec<T>`, `Option<T>`, choice enums, `xs:any` as [`RawXml`](crate::RawXml)),
/// and gets one more field, `text: MixedText`, holding the character data between, before
/// and after the children, each run with its place among them: [`TextRun::before`] is the
/// number of child elements that come before the run. Reading records the runs as they
/// come; writing emits each run just before the child element with that index (and those
/// past the last child at the end), so decode → encode gives the same text in the same
/// place, whitespace-only runs included (in a mixed type they are content).
///
/// The alternative, a `content: Vec<Item>` with `Item::Text(String)` or `Item::Element(..)`
/// in document order, was not taken: it would either replace the typed fields (every
/// reader of a mixed type would match on items to find a field) or duplicate them (two
/// copies to keep consistent when building a value). Positions by child index keep the
/// typed API unchanged and cost nothing on types that are not mixed.
///
/// Children are counted as received, elements the reader records as deviations (unknown
/// or repeated ones, which are not written back) included; such a message's text comes
/// back in the same order but may stand later among the children. Children are written
/// in schema order, so text of a message whose children came in another order stays
/// before the same child index, not the same child. Comments and processing instructions
/// are not content and are not kept; CDATA sections are kept as text (written escaped).
///
/// ```
/// use soap_runtime::MixedText;
/// // `<p>Hello <b>world</b>, again<i>!</i></p>`: text before child 0, between 0 and 1.
/// let mut text = MixedText::from("Hello ");
/// text.push(1, ", again");
/// assert_eq!(text.to_string(), "Hello , again");
/// assert_eq!(text.at(1), Some(", again"));
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(into = "Vec<TextRun>", from = "Vec<TextRun>")]
pub struct MixedText {
    runs: Vec<TextRun>,
}

impl MixedText {
    /// No text.
    pub const fn new() -> Self {
        MixedText { runs: Vec::new() }
    }

    /// Adds `text` before child element number `before` (after the last child when
    /// `before` is the number of children). Text added at a place that has some is
    /// appended to it; runs stay ordered by place. Empty text adds nothing.
    pub fn push(&mut self, before: usize, text: impl AsRef<str>) {
        let text = text.as_ref();
        if text.is_empty() {
            return;
        }
        match self.runs.binary_search_by_key(&before, |r| r.before) {
            Ok(i) => self.runs[i].text.push_str(text),
            Err(i) => self.runs.insert(
                i,
                TextRun {
                    before,
                    text: text.to_owned(),
                },
            ),
        }
    }

    /// The runs, in document order.
    pub fn runs(&self) -> &[TextRun] {
        &self.runs
    }

    /// The text before child element number `before`, if any.
    pub fn at(&self, before: usize) -> Option<&str> {
        self.runs
            .binary_search_by_key(&before, |r| r.before)
            .ok()
            .map(|i| self.runs[i].text.as_str())
    }

    /// No text at all.
    pub fn is_empty(&self) -> bool {
        self.runs.is_empty()
    }

    /// Every run's text, trimmed, joined by one space, empty runs left out: the words of
    /// the element as a person reads them (`to_string` keeps the text exactly).
    pub fn words(&self) -> String {
        let mut out = String::new();
        for r in &self.runs {
            let t = r.text.trim();
            if t.is_empty() {
                continue;
            }
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(t);
        }
        out
    }

    /// The runs, to take apart.
    pub fn into_runs(self) -> Vec<TextRun> {
        self.runs
    }
}

/// Text before the first child (or the whole text of an element with no children).
impl From<&str> for MixedText {
    fn from(text: &str) -> Self {
        let mut m = MixedText::new();
        m.push(0, text);
        m
    }
}

/// Text before the first child (or the whole text of an element with no children).
impl From<String> for MixedText {
    fn from(text: String) -> Self {
        MixedText::from(text.as_str())
    }
}

/// Runs in any order, merged by place as [`MixedText::push`] merges them.
impl From<Vec<TextRun>> for MixedText {
    fn from(runs: Vec<TextRun>) -> Self {
        let mut m = MixedText::new();
        for r in runs {
            m.push(r.before, r.text);
        }
        m
    }
}

impl From<MixedText> for Vec<TextRun> {
    fn from(text: MixedText) -> Self {
        text.runs
    }
}

/// The runs in document order, concatenated exactly (no separator).
impl fmt::Display for MixedText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for r in &self.runs {
            f.write_str(&r.text)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_merge_by_place_and_stay_ordered() {
        let mut m = MixedText::new();
        m.push(2, "c");
        m.push(0, "a");
        m.push(2, "d");
        m.push(1, "");
        m.push(1, " ");
        assert_eq!(
            m.runs(),
            &[
                TextRun {
                    before: 0,
                    text: "a".to_owned()
                },
                TextRun {
                    before: 1,
                    text: " ".to_owned()
                },
                TextRun {
                    before: 2,
                    text: "cd".to_owned()
                },
            ]
        );
        assert_eq!(m.to_string(), "a cd");
        assert_eq!(m.words(), "a cd");
        assert_eq!(m.at(1), Some(" "));
        assert_eq!(m.at(3), None);
        assert!(MixedText::from("").is_empty());
        // Runs from elsewhere (serde deserializes through this) are put in order and
        // merged the same way.
        let from: MixedText = vec![
            TextRun {
                before: 2,
                text: "c".to_owned(),
            },
            TextRun {
                before: 0,
                text: "a".to_owned(),
            },
            TextRun {
                before: 2,
                text: "d".to_owned(),
            },
            TextRun {
                before: 1,
                text: " ".to_owned(),
            },
        ]
        .into();
        assert_eq!(from, m);
        assert_eq!(Vec::<TextRun>::from(from), m.into_runs());
    }
}
