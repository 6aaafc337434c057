//! When a document was made, as the charts count it: the one place the charts read a
//! document's date, to the precision it is known (a year, perhaps a month, perhaps a day).
//! It knows nothing of charts.

use crate::store::{DocDate, Document};

/// The date of `doc`; `None` when it is undated.
pub fn when(doc: &Document) -> Option<DocDate> {
    doc.meta.date
}

/// The date of `doc` as ISO 8601 text to its precision (`2019-03-14`, `2019-03`, `2019`).
pub fn date_text(doc: &Document) -> Option<String> {
    when(doc).map(|d| d.to_string())
}
