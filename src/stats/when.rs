//! When a document was made, as the charts count it: the one place that reads a document's
//! date, so that a change in how dates are kept (a year alone, a month alone) changes only
//! this file. It knows nothing of charts.

use crate::store::Document;

/// A document's date to the precision it is known: a year, perhaps a month, perhaps a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct When {
    /// The year.
    pub year: i16,
    /// The month, 1–12, when known.
    pub month: Option<i8>,
    /// The day of the month, when known.
    pub day: Option<i8>,
}

/// The date of `doc`; `None` when it is undated.
pub fn when(doc: &Document) -> Option<When> {
    doc.meta.date.map(|d| When {
        year: d.year(),
        month: d.month(),
        day: d.day(),
    })
}

/// The date of `doc` as ISO 8601 text to its precision (`2019-03-14`, `2019-03`, `2019`).
pub fn date_text(doc: &Document) -> Option<String> {
    when(doc).map(|w| match (w.month, w.day) {
        (Some(m), Some(d)) => format!("{:04}-{m:02}-{d:02}", w.year),
        (Some(m), None) => format!("{:04}-{m:02}", w.year),
        _ => format!("{:04}", w.year),
    })
}
