//! Wraps a document's text to a width in terminal columns: at spaces where it can, between
//! graphemes where it must (CJK, Thai, a 100,000-character word), never inside a grapheme.
//! Each row keeps its byte range in the text, so highlights and the cursor map onto rows.

use std::ops::Range;
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// Columns of a tab stop.
pub const TAB: usize = 4;

/// The display width of a grapheme at `column` (tabs reach the next stop).
pub fn grapheme_width(g: &str, column: usize) -> usize {
    if g == "\t" {
        TAB - column % TAB
    } else {
        g.width()
    }
}

/// Wraps `text` to `width` columns; one range per row. Empty lines give empty rows.
pub fn wrap(text: &str, width: usize) -> Vec<Range<usize>> {
    let width = width.max(1);
    let mut rows = Vec::new();
    let mut line_start = 0;
    for line in text.split('\n') {
        wrap_line(line, line_start, width, &mut rows);
        line_start += line.len() + 1;
    }
    rows
}

fn wrap_line(line: &str, base: usize, width: usize, rows: &mut Vec<Range<usize>>) {
    if line.is_empty() {
        rows.push(base..base);
        return;
    }
    let mut row_start = 0;
    let mut column = 0;
    // The last place the row may end: (end of the word, start of the next word).
    let mut last_break: Option<(usize, usize)> = None;
    let mut in_space = false;
    let mut space_start = 0;
    for (i, g) in line.grapheme_indices(true) {
        let is_space = g.chars().all(char::is_whitespace);
        if is_space {
            if !in_space {
                space_start = i;
                in_space = true;
            }
            column += grapheme_width(g, column);
            continue;
        }
        if in_space {
            if space_start > row_start {
                last_break = Some((space_start, i));
            }
            in_space = false;
        }
        let w = grapheme_width(g, column);
        if column + w > width && i > row_start {
            let (end, next) = match last_break {
                Some(b) => b,
                None => (i, i),
            };
            // Indentation wider than the pane is not worth a row of its own.
            if !line[row_start..end].trim().is_empty() {
                rows.push(base + row_start..base + end);
            }
            row_start = next;
            last_break = None;
            column = line[row_start..i].width() + w;
            // The word carried over may itself be too wide: cut it before this grapheme.
            if column > width && i > row_start {
                rows.push(base + row_start..base + i);
                row_start = i;
                column = w;
            }
        } else {
            column += w;
        }
    }
    // Trailing spaces are not drawn; a line of only spaces is an empty row.
    let end = if in_space {
        space_start.max(row_start)
    } else {
        line.len()
    };
    rows.push(base + row_start..base + end);
}

/// The row holding byte `offset` (or the last row before it, for offsets in a gap).
pub fn row_of(rows: &[Range<usize>], offset: usize) -> usize {
    rows.partition_point(|r| r.start <= offset)
        .saturating_sub(1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn show(text: &str, width: usize) -> Vec<&str> {
        wrap(text, width).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn wraps_at_spaces() {
        assert_eq!(show("the quick brown fox", 10), ["the quick", "brown fox"]);
        assert_eq!(show("a\n\nb", 10), ["a", "", "b"]);
    }

    #[test]
    fn breaks_long_words_and_wide_characters_between_graphemes() {
        assert_eq!(show("abcdefghij", 4), ["abcd", "efgh", "ij"]);
        assert_eq!(
            show("日本語の文章です", 5),
            ["日本", "語の", "文章", "です"]
        );
        // Thai: a base letter with its combining marks stays whole.
        for row in show("สวัสดีครับพี่น้อง", 3) {
            assert!(row.width() <= 3);
            assert!(!row.starts_with('\u{e31}') && !row.starts_with('\u{e35}'));
        }
    }

    proptest! {
        #[test]
        fn rows_fit_and_cover_every_word(text in "[a-z ä日\u{0e31}\n]{0,200}", width in 1usize..30) {
            let rows = wrap(&text, width);
            let mut covered = String::new();
            for r in &rows {
                let row = &text[r.clone()];
                prop_assert!(row.width() <= width || row.graphemes(true).count() == 1, "{row:?} > {width}");
                covered.push_str(row);
            }
            let words: String = text.split_whitespace().collect();
            let covered: String = covered.split_whitespace().collect();
            prop_assert_eq!(words, covered);
        }
    }
}
