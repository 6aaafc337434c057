//! Co-occurrence: which tags go together, tag × tag over the selected documents. Tags count
//! as applied (a tag and the one above it are different codes here). On documents, a pair
//! co-occurs where both tags are on the document or its highlights; on highlights, where
//! one highlight carries both or two overlapping highlights carry one each. The coefficient
//! is n12 / (n1 + n2 − n12) over documents: 1 when the tags always come together, 0 when
//! never.

use super::Selection;
use crate::notebook::model::{AnchorState, Highlight};
use std::collections::{BTreeMap, BTreeSet};

/// One cell of the co-occurrence table, for tags `a` < `b`.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct CoRow {
    /// The first tag (by name).
    pub a: String,
    /// The second tag.
    pub b: String,
    /// Documents carrying both.
    pub documents: usize,
    /// Highlights carrying both, and pairs of overlapping highlights carrying one each.
    pub highlights: usize,
    /// n12 / (n1 + n2 − n12) over documents.
    pub coefficient: f64,
}

/// The coefficient n12 / (n1 + n2 − n12) of two codes found `n1` and `n2` times, `n12`
/// times together (0 when neither is found).
pub fn coefficient(n1: usize, n2: usize, n12: usize) -> f64 {
    let union = (n1 + n2).saturating_sub(n12);
    if union == 0 {
        0.0
    } else {
        n12 as f64 / union as f64
    }
}

fn overlaps(a: &Highlight, b: &Highlight) -> bool {
    a.anchor.start < b.anchor.end && b.anchor.start < a.anchor.end
}

/// Every pair of tags that co-occurs in the selection, by `a` then `b`.
pub fn cooccurrence(selection: &Selection<'_>) -> Vec<CoRow> {
    let mut on_docs: BTreeMap<&str, usize> = BTreeMap::new();
    let mut pairs: BTreeMap<(&str, &str), (usize, usize)> = BTreeMap::new();
    for (_, _, notes) in selection.entries() {
        let Some(notes) = notes else {
            continue;
        };
        let tags: BTreeSet<&str> = notes
            .tags
            .iter()
            .chain(notes.highlights.iter().flat_map(|h| &h.tags))
            .map(String::as_str)
            .collect();
        for a in &tags {
            *on_docs.entry(a).or_default() += 1;
            for b in
                tags.range::<&str, _>((std::ops::Bound::Excluded(a), std::ops::Bound::Unbounded))
            {
                pairs.entry((a, b)).or_default().0 += 1;
            }
        }
        // Highlight pairs: one highlight with both tags, or two overlapping with one each.
        let placed: Vec<&Highlight> = notes
            .highlights
            .iter()
            .filter(|h| h.state != AnchorState::Orphaned)
            .collect();
        let mut together: BTreeSet<(usize, usize, &str, &str)> = BTreeSet::new();
        for (i, h1) in placed.iter().enumerate() {
            for (j, h2) in placed.iter().enumerate().skip(i) {
                if i != j && !overlaps(h1, h2) {
                    continue;
                }
                for t1 in &h1.tags {
                    for t2 in &h2.tags {
                        let (a, b) = if t1 <= t2 { (t1, t2) } else { (t2, t1) };
                        if a != b {
                            together.insert((i, j, a, b));
                        }
                    }
                }
            }
        }
        for (_, _, a, b) in together {
            pairs.entry((a, b)).or_default().1 += 1;
        }
    }
    pairs
        .into_iter()
        .map(|((a, b), (documents, highlights))| {
            let n1 = on_docs.get(a).copied().unwrap_or(0);
            let n2 = on_docs.get(b).copied().unwrap_or(0);
            CoRow {
                a: a.to_owned(),
                b: b.to_owned(),
                documents,
                highlights,
                coefficient: coefficient(n1, n2, documents),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_coefficient_is_shared_over_either() {
        // 3 documents with a, 4 with b, 2 with both: 2 / (3 + 4 - 2).
        assert_eq!(coefficient(3, 4, 2), 0.4);
        assert_eq!(coefficient(2, 2, 2), 1.0);
        assert_eq!(coefficient(0, 0, 0), 0.0);
    }
}
