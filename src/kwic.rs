//! Keyword in context (SPEC §13): every hit of a query's phrases in a set of documents,
//! with the words around it cut to a display width, the orders a concordance is read in,
//! and where in its document each hit falls (for a dispersion strip). The command line
//! prints these and the screen draws them; this module only computes, from texts already
//! loaded, and never reads a file or the notebook.

use crate::query::{Query, phrase_matches};
use crate::store::{Corpus, Document};
use rayon::prelude::*;
use std::cmp::Ordering;
use std::ops::Range;
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// One hit of a phrase: where it is, and who was speaking there when that is known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    /// Index of the document in the corpus's documents.
    pub doc: usize,
    /// Byte range of the hit in the document's normalized text.
    pub range: Range<usize>,
    /// The speaker of the turn holding the hit, when the document has turns.
    pub speaker: Option<String>,
}

/// The speaker of the turn at byte `offset` of `doc`'s text, when it is in one (SPEC §10).
pub fn speaker_at(doc: &Document, offset: usize) -> Option<String> {
    crate::store::turns::turn_at(&doc.meta.turns, offset).map(|t| t.speaker.clone())
}

/// Every hit of `query`'s phrases in the documents at `docs` (indices into `corpus`), in
/// the order of `docs` and then of the text; overlapping hits of two phrases are one. With
/// `turn:` terms, only the hits inside those speakers' turns.
pub fn hits(corpus: &Corpus, docs: &[usize], query: &Query) -> Vec<Hit> {
    docs.par_iter()
        .flat_map_iter(|&i| {
            let doc = corpus.documents.get(i);
            let ranges = doc.map(|d| phrase_matches(query, d)).unwrap_or_default();
            ranges.into_iter().filter_map(move |range| {
                let doc_ref = doc?;
                Some(Hit {
                    doc: i,
                    speaker: speaker_at(doc_ref, range.start),
                    range,
                })
            })
        })
        .collect()
}

/// A hit with its context on one line each side.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    /// What comes before the hit, at most the width asked for, ending at the hit.
    pub left: String,
    /// The hit as the text has it, whitespace collapsed.
    pub hit: String,
    /// What follows the hit, at most the width asked for.
    pub right: String,
}

/// The hit at `range` of `text` with `width` columns of context each side (by display
/// width, cut between grapheme clusters). Line breaks and runs of whitespace become one
/// space, control characters are dropped.
pub fn line(text: &str, range: Range<usize>, width: usize) -> Line {
    let before = text.get(..range.start).unwrap_or_default();
    let after = text.get(range.end..).unwrap_or_default();
    // Enough of each side for `width` columns even when most of it is whitespace.
    let reach = width.saturating_mul(8).saturating_add(16);
    let before = tail(before, reach);
    let after = head(after, reach);
    let left = keep_tail_columns(collapsed(before).trim_start(), width);
    let right = keep_head_columns(collapsed(after).trim_end(), width);
    Line {
        left,
        hit: crate::text::one_line(text.get(range).unwrap_or_default()),
        right,
    }
}

/// `s` on one line: each run of whitespace one space (ends kept), controls dropped.
fn collapsed(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars() {
        if c.is_whitespace() {
            space = true;
        } else if !c.is_control() && !matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
        {
            if space {
                out.push(' ');
                space = false;
            }
            out.push(c);
        }
    }
    if space {
        out.push(' ');
    }
    out
}

/// At most the last `bytes` bytes of `s`, starting at a character boundary.
fn tail(s: &str, bytes: usize) -> &str {
    let mut start = s.len().saturating_sub(bytes);
    while !s.is_char_boundary(start) {
        start += 1;
    }
    &s[start..]
}

/// At most the first `bytes` bytes of `s`, ending at a character boundary.
fn head(s: &str, bytes: usize) -> &str {
    let mut end = bytes.min(s.len());
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

/// The end of `s` that fits in `width` columns, whole grapheme clusters only.
fn keep_tail_columns(s: &str, width: usize) -> String {
    let mut used = 0;
    let mut start = s.len();
    for (i, g) in s.grapheme_indices(true).rev() {
        let w = g.width();
        if used + w > width {
            break;
        }
        used += w;
        start = i;
    }
    s[start..].to_owned()
}

/// The start of `s` that fits in `width` columns, whole grapheme clusters only.
fn keep_head_columns(s: &str, width: usize) -> String {
    let mut used = 0;
    let mut end = 0;
    for (i, g) in s.grapheme_indices(true) {
        let w = g.width();
        if used + w > width {
            break;
        }
        used += w;
        end = i + g.len();
    }
    s[..end].to_owned()
}

/// `s` padded with spaces on the left to `width` columns (when narrower).
pub fn pad_left(s: &str, width: usize) -> String {
    let missing = width.saturating_sub(s.width());
    format!("{}{s}", " ".repeat(missing))
}

/// The orders of a concordance.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Order {
    /// By the words left of the hit, nearest first (what precedes a phrase).
    Left,
    /// By the words right of the hit, in order (what follows it).
    Right,
    /// By the document's date, newest first as in the list, undated last.
    Date,
    /// By document path, then position in the text.
    #[default]
    Document,
}

/// How many words of context a left or right sort compares.
const SORT_WORDS: usize = 6;

/// Sorts `hits` into `order`; ties keep document and text order.
pub fn sort(hits: &mut [Hit], corpus: &Corpus, order: Order) {
    let docs = &corpus.documents;
    let by_place = |a: &Hit, b: &Hit| {
        let path = |h: &Hit| docs.get(h.doc).map(|d| d.path.as_str());
        path(a)
            .cmp(&path(b))
            .then(a.range.start.cmp(&b.range.start))
    };
    match order {
        Order::Document => hits.sort_by(by_place),
        Order::Date => hits.sort_by(|a, b| {
            let date = |h: &Hit| docs.get(h.doc).and_then(crate::stats::when::when);
            match (date(a), date(b)) {
                (Some(x), Some(y)) => y.cmp(&x),
                (Some(_), None) => Ordering::Less,
                (None, Some(_)) => Ordering::Greater,
                (None, None) => Ordering::Equal,
            }
            .then_with(|| by_place(a, b))
        }),
        Order::Left | Order::Right => {
            let mut keyed: Vec<(Vec<String>, Hit)> = hits
                .iter()
                .map(|h| {
                    let text = docs.get(h.doc).map(|d| &*d.text).unwrap_or_default();
                    let key = if order == Order::Left {
                        left_words(text, h.range.start)
                    } else {
                        right_words(text, h.range.end)
                    };
                    (key, h.clone())
                })
                .collect();
            keyed.sort_by(|(ka, a), (kb, b)| ka.cmp(kb).then_with(|| by_place(a, b)));
            for (slot, (_, hit)) in hits.iter_mut().zip(keyed) {
                *slot = hit;
            }
        }
    }
}

/// A word as a sort compares it: lowercased, without the punctuation around it.
fn sort_word(w: &str) -> String {
    w.trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase()
}

/// The words before byte `end` of `text`, nearest first.
fn left_words(text: &str, end: usize) -> Vec<String> {
    let before = tail(text.get(..end).unwrap_or_default(), 512);
    before
        .split_whitespace()
        .rev()
        .map(sort_word)
        .filter(|w| !w.is_empty())
        .take(SORT_WORDS)
        .collect()
}

/// The words after byte `start` of `text`, in order.
fn right_words(text: &str, start: usize) -> Vec<String> {
    let after = head(text.get(start..).unwrap_or_default(), 512);
    after
        .split_whitespace()
        .map(sort_word)
        .filter(|w| !w.is_empty())
        .take(SORT_WORDS)
        .collect()
}

/// Where the hits of one document fall: `cells` counts, cell `k` holding the hits that
/// start in the `k`-th equal part of a text of `len` bytes (the dispersion strip).
pub fn dispersion(len: usize, starts: impl IntoIterator<Item = usize>, cells: usize) -> Vec<usize> {
    let mut counts = vec![0; cells];
    if cells == 0 || len == 0 {
        return counts;
    }
    for start in starts {
        let cell = (start.min(len - 1) as u128 * cells as u128 / len as u128) as usize;
        if let Some(c) = counts.get_mut(cell) {
            *c += 1;
        }
    }
    counts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn context_is_cut_by_columns_and_kept_on_one_line() {
        let text = "first line\nthe counter hybrid\nthreats work goes on";
        let start = text.find("hybrid").unwrap();
        let end = text.find(" work").unwrap();
        let l = line(text, start..end, 12);
        assert_eq!(l.left, "the counter ");
        assert_eq!(l.hit, "hybrid threats");
        assert_eq!(l.right, " work goes o");
    }

    #[test]
    fn wide_characters_count_two_columns() {
        let text = "日本語の文章です重要な部分";
        let start = text.find("重要").unwrap();
        let l = line(text, start..start + "重要".len(), 5);
        assert_eq!(l.left, "です");
        assert_eq!(l.left.width(), 4);
        assert_eq!(l.right, "な部");
    }

    #[test]
    fn combining_marks_stay_with_their_letter() {
        // Thai: the vowel mark above belongs to the consonant before it.
        let text = "ที่นี่รัฐบาลไทย";
        let start = text.find("รัฐบาล").unwrap();
        let l = line(text, start..start + "รัฐบาล".len(), 2);
        assert_eq!(l.left, "ที่นี่");
        assert_eq!(l.left.width(), 2);
    }

    #[test]
    fn dispersion_spreads_hits_over_cells() {
        assert_eq!(dispersion(100, [0, 10, 55, 99], 4), [2, 0, 1, 1]);
        assert_eq!(dispersion(0, [0], 4), [0, 0, 0, 0]);
    }
}
