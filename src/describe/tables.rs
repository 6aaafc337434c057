//! The metadata tables of a corpus in `dossier describe` (SPEC §10): for each table, the
//! file, the columns it is joined on, how many of its rows matched a document, the rows
//! that matched none, the documents no row matched, and rows that matched the same
//! document twice.
//!
//! PLACEHOLDER: nothing joins tables yet. The corpus file (`dossier.ron`) and the tables
//! joined without one are built elsewhere (the `corpusfile` work); when they land, they
//! fill [`tables`] from what the join recorded, and `describe` prints and serializes the
//! reports with no other change. Until then every corpus has no table.

use crate::store::Corpus;
use serde::Serialize;

/// What joining one metadata table did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct TableReport {
    /// The table's file, relative to the corpus root.
    pub file: String,
    /// The table's columns it was joined on, each with the document field it matched.
    pub join: Vec<(String, String)>,
    /// Its rows.
    pub rows: usize,
    /// Rows that matched a document.
    pub matched: usize,
    /// Rows that matched no document, by line number (a few, for the report).
    pub unmatched_rows: Vec<usize>,
    /// Documents that no row matched (a few of their paths).
    pub unmatched_documents: Vec<String>,
    /// Documents that more than one row matched (a few of their paths).
    pub duplicates: Vec<String>,
}

/// The reports of the tables joined to `corpus`: none yet (see the module's note).
pub fn tables(_corpus: &Corpus) -> Vec<TableReport> {
    Vec::new()
}
