//! Which selected documents a chart's bar or cell counted: what narrowing the documents
//! list to that bar shows. Each test is the one its chart counts by, so the documents
//! listed are the documents counted.

use super::timeline::{hits_of, period_label};
use super::{By, Group, Selection, Series, with_parents};
use crate::notebook::DocumentNotes;
use crate::query::Evaluator;
use std::collections::BTreeSet;

/// A bar or cell of a chart.
#[derive(Debug, Clone)]
pub enum Cell {
    /// A bar of the tags chart: documents carrying the tag or one below it, on the
    /// document or on a highlight.
    Tag(String),
    /// A point of the timeline: the series' documents in the period (`2019`, `undated`).
    Period {
        /// The length of the periods.
        by: By,
        /// The period's label, as the rows name it.
        period: String,
        /// The series.
        series: Series,
    },
    /// A cell of the co-occurrence table: documents carrying both tags as applied, on
    /// the document or its highlights (one tag twice: the documents carrying it).
    Pair(String, String),
    /// A cell of the code matrix: documents of the group with a coding of the tag (or of
    /// one below it).
    Coding {
        /// The tag.
        tag: String,
        /// What the columns are.
        group: Group,
        /// The column's value (`(none)` for documents without one).
        value: String,
    },
}

/// Every tag on a document or its highlights, with the tags above them.
fn rolled_up(notes: &DocumentNotes) -> BTreeSet<&str> {
    notes
        .tags
        .iter()
        .chain(notes.highlights.iter().flat_map(|h| &h.tags))
        .flat_map(|t| with_parents(t))
        .collect()
}

/// Every tag on a document or its highlights, as applied.
pub(crate) fn applied(notes: &DocumentNotes) -> BTreeSet<&str> {
    notes
        .tags
        .iter()
        .chain(notes.highlights.iter().flat_map(|h| &h.tags))
        .map(String::as_str)
        .collect()
}

/// The selected documents `cell` counted, as indices into the corpus, in corpus order.
pub fn members(selection: &Selection<'_>, cell: &Cell) -> Vec<usize> {
    let evaluator = match cell {
        Cell::Period {
            series: Series::Query { query, .. },
            ..
        } => Some(Evaluator::new(query)),
        _ => None,
    };
    selection
        .entries()
        .filter(|(_, doc, notes)| match cell {
            Cell::Tag(tag) => notes.is_some_and(|n| rolled_up(n).contains(tag.as_str())),
            Cell::Period { by, period, series } => {
                period_label(doc, *by) == *period
                    && hits_of(series, evaluator.as_ref(), doc, *notes).is_some()
            }
            Cell::Pair(a, b) => notes.is_some_and(|n| {
                let tags = applied(n);
                tags.contains(a.as_str()) && tags.contains(b.as_str())
            }),
            Cell::Coding { tag, group, value } => notes.is_some_and(|n| {
                group.of(doc).as_deref().unwrap_or(super::matrix::NONE) == value
                    && rolled_up(n).contains(tag.as_str())
            }),
        })
        .map(|(i, _, _)| i)
        .collect()
}
