//! The timeline: documents (and hits) per period over the documents' dates, one series per
//! tag or query asked for. Every period between the first and the last date is there, so a
//! chart shows the gaps; undated documents are counted apart, in a last period `undated`.
//! A date known only to a coarser precision than the periods (a year alone, by month)
//! counts in a period of its own named by what is known (`1996`), before that year's
//! months.

use super::Selection;
use super::when::when;
use crate::notebook::DocumentNotes;
use crate::notebook::model::tag_covers;
use crate::query::{Evaluator, Query, phrase_matches};
use crate::store::{DocDate, Document};
use std::collections::BTreeMap;

/// The length of a period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum By {
    /// Calendar years.
    #[default]
    Year,
    /// Quarters of a year.
    Quarter,
    /// Months.
    Month,
}

/// One line of the timeline.
#[derive(Debug, Clone)]
pub enum Series {
    /// Every selected document; its hits are those of `query`'s phrases.
    All {
        /// The query that selected the documents (for its phrase hits).
        query: Query,
    },
    /// The selected documents carrying a tag (or one below it); its hits are their
    /// highlights carrying it.
    Tag(String),
    /// The selected documents a query matches; its hits are its phrases' hits.
    Query {
        /// The query as written, the series' name.
        text: String,
        /// The parsed query.
        query: Query,
    },
}

impl Series {
    /// The series' name in rows and legends.
    pub fn name(&self) -> String {
        match self {
            Series::All { .. } => "all".to_owned(),
            Series::Tag(t) => format!("tag:{t}"),
            Series::Query { text, .. } => text.clone(),
        }
    }
}

/// One point of the timeline.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct TimelineRow {
    /// `2019`, `2019-Q1`, `2019-03`, or `undated`.
    pub period: String,
    /// The series' name.
    pub series: String,
    /// Documents of the series in the period.
    pub documents: usize,
    /// Their hits (phrase hits, or highlights with the series' tag).
    pub hits: usize,
}

/// A period as a sortable key: year and part (0 when the date does not say), or undated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Period {
    Dated(i16, u8),
    Undated,
}

fn period_of(when: Option<DocDate>, by: By) -> Period {
    let Some(w) = when else {
        return Period::Undated;
    };
    let month = w.month().and_then(|m| u8::try_from(m).ok());
    let part = match (by, month) {
        (By::Year, _) | (_, None) => 0,
        (By::Quarter, Some(m)) => m.div_ceil(3),
        (By::Month, Some(m)) => m,
    };
    Period::Dated(w.year(), part)
}

fn label(period: Period, by: By) -> String {
    match (period, by) {
        (Period::Undated, _) => "undated".to_owned(),
        (Period::Dated(y, 0), _) => format!("{y:04}"),
        (Period::Dated(y, q), By::Quarter) => format!("{y:04}-Q{q}"),
        (Period::Dated(y, m), _) => format!("{y:04}-{m:02}"),
    }
}

/// The periods from `first` to `last`, both dated, of the kind `by` has.
fn every_period(first: (i16, u8), last: (i16, u8), by: By) -> Vec<Period> {
    let parts = match by {
        By::Year => 0,
        By::Quarter => 4,
        By::Month => 12,
    };
    let mut out = Vec::new();
    for year in first.0..=last.0 {
        if parts == 0 {
            out.push(Period::Dated(year, 0));
            continue;
        }
        let from = if year == first.0 { first.1.max(1) } else { 1 };
        let to = if year == last.0 { last.1.max(1) } else { parts };
        out.extend((from..=to).map(|p| Period::Dated(year, p)));
    }
    out
}

/// The hits `doc` brings to series `s` (phrase hits, or highlights with the series' tag);
/// `None` when the series does not count the document. `evaluator` is the series' own
/// query's, for a [`Series::Query`].
pub(crate) fn hits_of(
    s: &Series,
    evaluator: Option<&Evaluator<'_>>,
    doc: &Document,
    notes: Option<&DocumentNotes>,
) -> Option<usize> {
    match s {
        Series::All { query } => Some(phrase_matches(query, doc).len()),
        Series::Tag(tag) => notes.and_then(|n| {
            let highlights = n
                .highlights
                .iter()
                .filter(|h| h.tags.iter().any(|t| tag_covers(tag, t)))
                .count();
            (highlights > 0 || n.tags.iter().any(|t| tag_covers(tag, t))).then_some(highlights)
        }),
        Series::Query { query, .. } => evaluator
            .and_then(|e| e.matches(doc, notes))
            .map(|_| phrase_matches(query, doc).len()),
    }
}

/// The label of the period `doc` falls in, as the rows name it (`undated` when undated).
pub fn period_label(doc: &Document, by: By) -> String {
    label(period_of(when(doc), by), by)
}

/// The rows of the timeline: for each period (in order) each series (in the order given).
pub fn timeline(selection: &Selection<'_>, by: By, series: &[Series]) -> Vec<TimelineRow> {
    let evaluators: Vec<Option<Evaluator<'_>>> = series
        .iter()
        .map(|s| match s {
            Series::Query { query, .. } => Some(Evaluator::new(query)),
            _ => None,
        })
        .collect();
    // period -> per series (documents, hits)
    let mut counts: BTreeMap<Period, Vec<(usize, usize)>> = BTreeMap::new();
    for (_, doc, notes) in selection.entries() {
        let period = period_of(when(doc), by);
        // Every selected document's period is on the axis, whichever series count it.
        counts
            .entry(period)
            .or_insert_with(|| vec![(0, 0); series.len()]);
        for (k, s) in series.iter().enumerate() {
            let hits = hits_of(s, evaluators[k].as_ref(), doc, notes);
            if let Some(hits) = hits {
                let cell = counts
                    .entry(period)
                    .or_insert_with(|| vec![(0, 0); series.len()]);
                cell[k].0 += 1;
                cell[k].1 += hits;
            }
        }
    }
    let dated: Vec<(i16, u8)> = counts
        .keys()
        .filter_map(|p| match p {
            Period::Dated(y, part) => Some((*y, *part)),
            Period::Undated => None,
        })
        .collect();
    let mut periods: Vec<Period> = match (dated.first(), dated.last()) {
        (Some(&first), Some(&last)) => every_period(first, last, by),
        _ => Vec::new(),
    };
    // Periods of a coarser precision, and the undated, where there are any.
    periods.extend(counts.keys().copied());
    periods.sort();
    periods.dedup();
    let empty = vec![(0, 0); series.len()];
    periods
        .into_iter()
        .flat_map(|p| {
            let cells = counts.get(&p).unwrap_or(&empty).clone();
            series
                .iter()
                .zip(cells)
                .map(move |(s, (documents, hits))| TimelineRow {
                    period: label(p, by),
                    series: s.name(),
                    documents,
                    hits,
                })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods_are_labelled_by_their_precision() {
        let w = |y, m: Option<i8>| match m {
            Some(m) => DocDate::month_of(y, m).unwrap(),
            None => DocDate::year_only(y).unwrap(),
        };
        assert_eq!(
            label(period_of(Some(w(2019, Some(3))), By::Year), By::Year),
            "2019"
        );
        assert_eq!(
            label(period_of(Some(w(2019, Some(11))), By::Quarter), By::Quarter),
            "2019-Q4"
        );
        assert_eq!(
            label(period_of(Some(w(2019, Some(3))), By::Month), By::Month),
            "2019-03"
        );
        assert_eq!(
            label(period_of(Some(w(1996, None)), By::Month), By::Month),
            "1996"
        );
        assert_eq!(label(period_of(None, By::Month), By::Month), "undated");
    }

    #[test]
    fn gaps_between_periods_are_filled() {
        let p = every_period((2018, 11), (2019, 2), By::Month);
        let labels: Vec<String> = p.into_iter().map(|p| label(p, By::Month)).collect();
        assert_eq!(labels, ["2018-11", "2018-12", "2019-01", "2019-02"]);
    }
}
