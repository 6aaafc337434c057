//! Builds an extracted text out of paragraphs: runs of whitespace inside a paragraph become
//! one space (as HTML and ODF render them), paragraphs are separated by one blank line,
//! headings are recorded as styled ranges and footnotes follow the body as `[1] …` lines
//! (the form the metadata rules of SPEC §3 read). Control characters never get in.

use crate::store::markdown::{StyledRange, TextStyle};

/// A text being built, paragraph by paragraph.
#[derive(Debug, Default)]
pub struct Paragraphs {
    text: String,
    styles: Vec<StyledRange>,
    /// Where the open paragraph starts in `text`.
    start: usize,
    /// A space is owed before the next visible character of the paragraph.
    space: bool,
    /// The open paragraph is a heading.
    heading: bool,
}

impl Paragraphs {
    /// An empty text.
    pub fn new() -> Paragraphs {
        Paragraphs::default()
    }

    /// True when the open paragraph has no visible character yet.
    fn open_is_empty(&self) -> bool {
        self.text.len() == self.start
    }

    /// Appends text to the open paragraph, whitespace collapsed.
    pub fn push(&mut self, piece: &str) {
        for c in piece.chars() {
            if is_collapsed_space(c) {
                self.space = !self.open_is_empty() || self.space;
                continue;
            }
            if c.is_control() {
                continue;
            }
            self.begin_paragraph();
            if self.space && !self.text.ends_with(['\n', ' ', '\t']) {
                self.text.push(' ');
            }
            self.space = false;
            self.text.push(c);
        }
    }

    /// A space that is not collapsed away at the start of a paragraph (ODF `<text:s/>`).
    pub fn space(&mut self) {
        if !self.open_is_empty() {
            self.space = true;
        }
    }

    /// A tab inside the paragraph (`<w:tab/>`, `<text:tab/>`), shown as a space.
    pub fn tab(&mut self) {
        self.space();
    }

    /// A line break inside the paragraph (`<br>`, `<text:line-break/>`).
    pub fn line_break(&mut self) {
        if !self.open_is_empty() && !self.text.ends_with('\n') {
            self.text.push('\n');
        }
        self.space = false;
    }

    /// Marks the open paragraph as a heading.
    pub fn heading(&mut self) {
        self.heading = true;
    }

    /// Ends the open paragraph (nothing happens when it is empty).
    pub fn end(&mut self) {
        if !self.open_is_empty() {
            let end = self.text.trim_end().len();
            self.text.truncate(end);
            if self.heading {
                self.styles.push(StyledRange {
                    start: self.start,
                    end,
                    style: TextStyle::Heading,
                });
            }
            self.start = self.text.len();
        }
        self.space = false;
        self.heading = false;
    }

    /// Appends the footnotes as their own paragraphs, `[n] text`.
    pub fn footnotes<'a>(&mut self, notes: impl IntoIterator<Item = (String, &'a str)>) {
        self.end();
        for (mark, note) in notes {
            let note = crate::text::one_line(note.trim());
            if !note.is_empty() {
                self.push(&format!("[{mark}] {note}"));
                self.end();
            }
        }
    }

    /// The text and its styles.
    pub fn finish(mut self) -> (String, Vec<StyledRange>) {
        self.end();
        (self.text, self.styles)
    }

    /// Starts a paragraph when none is open: a blank line after the text before it.
    fn begin_paragraph(&mut self) {
        if self.open_is_empty() && !self.text.is_empty() && self.start == self.text.len() {
            self.text.push_str("\n\n");
            self.start = self.text.len();
            self.space = false;
        }
    }
}

/// Whitespace that markup collapses: ASCII whitespace (not the no-break space, which a
/// transcript may use on purpose).
fn is_collapsed_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r' | '\u{0C}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_are_separated_by_one_blank_line_and_spaces_collapse() {
        let mut p = Paragraphs::new();
        p.push("  Hello \n  world ");
        p.end();
        p.end();
        p.push("Second");
        p.line_break();
        p.push("line");
        let (text, _) = p.finish();
        assert_eq!(text, "Hello world\n\nSecond\nline");
    }

    #[test]
    fn headings_are_styled_ranges() {
        let mut p = Paragraphs::new();
        p.heading();
        p.push("Title");
        p.end();
        p.push("Body");
        let (text, styles) = p.finish();
        assert_eq!(&text[styles[0].start..styles[0].end], "Title");
        assert_eq!(styles.len(), 1);
    }

    #[test]
    fn controls_never_get_into_the_text() {
        let mut p = Paragraphs::new();
        p.push("a\u{1b}[31mb\u{7}c");
        assert_eq!(p.finish().0, "a[31mbc");
    }

    #[test]
    fn footnotes_follow_the_body_with_their_marks() {
        let mut p = Paragraphs::new();
        p.push("Body[1]");
        p.footnotes([("1".to_owned(), " A note. ")]);
        assert_eq!(p.finish().0, "Body[1]\n\n[1] A note.");
    }
}
