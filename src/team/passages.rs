//! One document seen by two coders, as the reader's compare mode shows it: the stretches
//! both coded, only the first ("mine") coded and only the second ("theirs") coded, with the
//! agreement over its characters. A coder codes a character when one of their highlights
//! with a counted tag covers it: any tag, or, given tags, one of them or a tag below one
//! (`cyber` counts `cyber/5g`). Orphaned highlights and highlights with only a note code
//! nothing, as in `dossier agree`.

use super::agree::Counts;
use super::units::{Coding, Unit, compare, intersection, normalized};
use crate::notebook::{AnchorState, DocumentNotes, Highlight, model::tag_covers};
use std::ops::Range;

/// Who coded a stretch of the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Coded {
    /// Both coders.
    Both,
    /// Only the first coder (me).
    Mine,
    /// Only the second coder (them).
    Theirs,
}

/// One stretch of the text and who coded it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Passage {
    /// Byte range in the text.
    pub range: Range<usize>,
    /// Who coded it.
    pub coded: Coded,
}

/// The document as both coders coded it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Passages {
    /// Every coded stretch, in text order, none overlapping.
    pub passages: Vec<Passage>,
    /// The 2×2 table over the document's characters.
    pub counts: Counts,
}

impl Passages {
    /// The stretches where exactly one coder coded, in text order.
    pub fn disagreements(&self) -> impl Iterator<Item = &Passage> {
        self.passages.iter().filter(|p| p.coded != Coded::Both)
    }
}

/// True when highlight `h` codes with a counted tag (`tags` empty: any tag).
pub fn counts_for(h: &Highlight, tags: &[String]) -> bool {
    h.state != AnchorState::Orphaned
        && h.tags
            .iter()
            .any(|t| tags.is_empty() || tags.iter().any(|f| tag_covers(f, t)))
}

/// The coding of one notebook entry (or none) with the counted tags.
fn coding(entry: Option<&DocumentNotes>, tags: &[String]) -> Coding {
    Coding {
        spans: entry
            .into_iter()
            .flat_map(|e| &e.highlights)
            .filter(|h| counts_for(h, tags))
            .map(|h| h.anchor.start..h.anchor.end)
            .collect(),
        whole: false,
    }
}

/// Compares my entry for a document with theirs over its `text`, counting `tags` (any tag
/// when empty).
pub fn passages(
    text: &str,
    mine: Option<&DocumentNotes>,
    theirs: Option<&DocumentNotes>,
    tags: &[String],
) -> Passages {
    let (a, b) = (coding(mine, tags), coding(theirs, tags));
    let agreement = compare(text, Unit::Character, &a, &b);
    let both = intersection(&normalized(text, &a.spans), &normalized(text, &b.spans));
    let mut passages: Vec<Passage> = both
        .into_iter()
        .map(|range| Passage {
            range,
            coded: Coded::Both,
        })
        .chain(agreement.differences.into_iter().map(|d| Passage {
            range: d.range,
            coded: if d.a { Coded::Mine } else { Coded::Theirs },
        }))
        .collect();
    passages.sort_by_key(|p| p.range.start);
    Passages {
        passages,
        counts: agreement.counts,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::notebook::Anchor;

    fn entry(text: &str, spans: &[(usize, usize, &str)]) -> DocumentNotes {
        let mut e = DocumentNotes::new("id", "title");
        for (i, &(start, end, tag)) in spans.iter().enumerate() {
            e.highlights.push(Highlight {
                id: format!("H{i}"),
                tags: vec![tag.to_owned()],
                note: None,
                created: String::new(),
                by: String::new(),
                anchor: Anchor::of(text, start, end).unwrap(),
                state: AnchorState::Ok,
            });
        }
        e
    }

    #[test]
    fn the_worked_example_as_passages() {
        let text = "x".repeat(100);
        let (a, b) = (
            entry(&text, &[(0, 20, "cyber")]),
            entry(&text, &[(10, 30, "hybrid")]),
        );
        let p = passages(&text, Some(&a), Some(&b), &[]);
        let shown: Vec<(Range<usize>, Coded)> = p
            .passages
            .iter()
            .map(|p| (p.range.clone(), p.coded))
            .collect();
        assert_eq!(
            shown,
            [
                (0..10, Coded::Mine),
                (10..20, Coded::Both),
                (20..30, Coded::Theirs)
            ]
        );
        assert_eq!(p.counts, Counts::from_cells(10, 10, 10, 70));
        assert_eq!(p.disagreements().count(), 2);
    }

    #[test]
    fn a_tag_filter_counts_the_tag_and_those_below_it() {
        let text = "x".repeat(100);
        let a = entry(&text, &[(0, 20, "cyber/5g"), (40, 50, "hybrid")]);
        let b = entry(&text, &[(0, 20, "cyber")]);
        let p = passages(&text, Some(&a), Some(&b), &["cyber".to_owned()]);
        assert_eq!(p.counts, Counts::from_cells(20, 0, 0, 80));
        assert_eq!(p.disagreements().count(), 0);
        let none = passages(&text, None, None, &[]);
        assert_eq!(none.counts.kappa(), None);
        assert!(none.passages.is_empty());
    }
}
