//! The tags chart: for each tag, how many selected documents carry it (on the document or
//! on one of its highlights) and how many of their highlights do, a tag counting also for
//! every tag above it (`policy/defence` counts for `policy`).

use super::{Selection, with_parents};
use std::collections::{BTreeMap, BTreeSet};

/// One bar of the tags chart.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct TagRow {
    /// The tag.
    pub tag: String,
    /// Selected documents carrying it or a tag below it.
    pub documents: usize,
    /// Their highlights carrying it or a tag below it.
    pub highlights: usize,
}

/// The rows of the tags chart, by tag name; the codebook's tags are there even when
/// nothing selected carries them.
pub fn tags(selection: &Selection<'_>) -> Vec<TagRow> {
    let mut counts: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    for tag in &selection.notebook.codebook {
        for t in with_parents(&tag.name) {
            counts.entry(t).or_default();
        }
    }
    for (_, _, notes) in selection.entries() {
        let Some(notes) = notes else {
            continue;
        };
        let mut on_doc: BTreeSet<&str> = BTreeSet::new();
        for t in &notes.tags {
            on_doc.extend(with_parents(t));
        }
        for h in &notes.highlights {
            let on_highlight: BTreeSet<&str> =
                h.tags.iter().flat_map(|t| with_parents(t)).collect();
            for t in &on_highlight {
                counts.entry(t).or_default().1 += 1;
            }
            on_doc.extend(on_highlight);
        }
        for t in on_doc {
            counts.entry(t).or_default().0 += 1;
        }
    }
    counts
        .into_iter()
        .map(|(tag, (documents, highlights))| TagRow {
            tag: tag.to_owned(),
            documents,
            highlights,
        })
        .collect()
}
