//! Sentences and paragraphs of a normalized text, as byte ranges. The reader's sentence
//! cursor, its motions, and autocode's `--scope sentence|paragraph` all use these, so a
//! "sentence" means the same everywhere.

use std::ops::Range;
use unicode_segmentation::UnicodeSegmentation;

/// The sentences of `text` (Unicode sentence boundaries, UAX #29; a line break also ends
/// one), trimmed of surrounding whitespace, in order; empty ones are left out.
pub fn sentences(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    for (start, piece) in text.split_sentence_bound_indices() {
        // UAX #29 keeps a line break inside a sentence when no terminator came before it;
        // for statements written one sentence per line a line is a sentence.
        let mut offset = start;
        for line in piece.split_inclusive('\n') {
            if let Some(range) = trimmed(text, offset..offset + line.len()) {
                out.push(range);
            }
            offset += line.len();
        }
    }
    out
}

/// The paragraphs of `text`: runs of lines between blank lines. A text without any blank
/// line (a transcript written one statement per line) has a paragraph per line.
pub fn paragraphs(text: &str) -> Vec<Range<usize>> {
    let has_blank = text.trim().split('\n').any(|l| l.trim().is_empty());
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let blank = line.trim().is_empty();
        if blank || !has_blank {
            if let Some(s) = start.take() {
                out.extend(trimmed(text, s..offset));
            }
            if !blank {
                out.extend(trimmed(text, offset..offset + line.len()));
            }
        } else if start.is_none() {
            start = Some(offset);
        }
        offset += line.len();
    }
    if let Some(s) = start {
        out.extend(trimmed(text, s..text.len()));
    }
    out
}

/// The index of the range holding byte `offset`, or of the first one after it.
pub fn index_at(ranges: &[Range<usize>], offset: usize) -> Option<usize> {
    if ranges.is_empty() {
        return None;
    }
    let i = ranges.partition_point(|r| r.end <= offset);
    Some(i.min(ranges.len() - 1))
}

fn trimmed(text: &str, range: Range<usize>) -> Option<Range<usize>> {
    let piece = &text[range.clone()];
    let start = range.start + (piece.len() - piece.trim_start().len());
    let end = range.start + piece.trim_end().len();
    (start < end).then_some(start..end)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn show(text: &str, ranges: Vec<Range<usize>>) -> Vec<&str> {
        ranges.into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn sentences_end_at_terminators_and_line_breaks() {
        let text = "Good afternoon.\nWe met today. It went well!\n\nA heading\nNext line";
        assert_eq!(
            show(text, sentences(text)),
            [
                "Good afternoon.",
                "We met today.",
                "It went well!",
                "A heading",
                "Next line"
            ]
        );
    }

    #[test]
    fn paragraphs_are_blocks_or_lines() {
        let text = "Title\n\nOne line\nsame paragraph\n\n\nTwo";
        assert_eq!(
            show(text, paragraphs(text)),
            ["Title", "One line\nsame paragraph", "Two"]
        );
        let transcript = "First.\nSecond.\n";
        assert_eq!(
            show(transcript, paragraphs(transcript)),
            ["First.", "Second."]
        );
    }

    #[test]
    fn index_at_finds_the_enclosing_range() {
        let ranges = vec![0..3, 5..8];
        assert_eq!(index_at(&ranges, 1), Some(0));
        assert_eq!(index_at(&ranges, 4), Some(1));
        assert_eq!(index_at(&ranges, 99), Some(1));
    }
}
