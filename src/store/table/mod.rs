//! Metadata tables (SPEC §10): a CSV or TSV beside the documents, joined to them by one or
//! more columns. A table is streamed row by row and only the rows that name a document are
//! kept. Columns named like a field (`date`, `title`, `speaker`, `place`, `kind`, any case)
//! fill it, the corpus file's `fields` map others, and every other column (but the join
//! columns) becomes an extra field. Rows that name no document, documents without a row and
//! duplicate keys are counted in a [`TableReport`], not errors.

pub(super) mod detect;
pub(super) mod join;
pub(super) mod read;

use serde::{Deserialize, Serialize};
use std::path::PathBuf;

/// How one table was joined: what `dossier describe` shows of it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TableReport {
    /// The table's path relative to the corpus root.
    pub path: String,
    /// The join: `(table column, document field)`, in column order.
    pub join: Vec<(String, String)>,
    /// Whether it was found without configuration (a column naming ≥80% of the documents).
    pub automatic: bool,
    /// Data rows read.
    pub rows: usize,
    /// Rows that gave a document its fields.
    pub matched_rows: usize,
    /// Documents joined to a row.
    pub matched_documents: usize,
    /// Documents with no row.
    pub unmatched_documents: usize,
    /// Rows that name no document.
    pub unmatched_rows: usize,
    /// A few of those rows, `line N: key`.
    pub unmatched_examples: Vec<String>,
    /// Rows left out because an earlier row has the same key (the first row wins).
    pub duplicate_keys: usize,
}

/// How many unmatched rows a report lists.
pub const EXAMPLES: usize = 5;

/// A table that cannot be joined.
#[derive(Debug, thiserror::Error)]
pub enum TableError {
    /// Not a readable CSV or TSV.
    #[error("{}:{line}: {message}", path.display())]
    Parse {
        /// The table.
        path: PathBuf,
        /// 1-based line.
        line: u64,
        /// What is wrong.
        message: String,
    },
    /// The corpus file names a column the table does not have.
    #[error("{}: no column {column:?} (named by dossier.ron's {role}); the columns are {columns}", path.display())]
    MissingColumn {
        /// The table.
        path: PathBuf,
        /// The column asked for.
        column: String,
        /// `join` or `fields`.
        role: &'static str,
        /// The table's columns, quoted, comma-separated.
        columns: String,
    },
    /// The table cannot be opened.
    #[error("{}: {source} (a table named by dossier.ron)", path.display())]
    Io {
        /// The table.
        path: PathBuf,
        /// The error.
        source: std::io::Error,
    },
}

/// What a table's column fills.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Target {
    /// `title`
    Title,
    /// `date`
    Date,
    /// `speaker`
    Speaker,
    /// `place`
    Place,
    /// `kind`
    Kind,
    /// An extra field of this name (shared by every row's cell).
    Extra(crate::store::FieldName),
}

impl Target {
    /// The target of a field's name: a known field by its name in any case, else an extra
    /// field named as written.
    pub fn of(name: &str) -> Target {
        match name.to_ascii_lowercase().as_str() {
            "title" => Target::Title,
            "date" => Target::Date,
            "speaker" => Target::Speaker,
            "place" => Target::Place,
            "kind" => Target::Kind,
            _ => Target::Extra(name.into()),
        }
    }
}

/// A table to join: its file, the join and the field mapping.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Spec {
    /// Path relative to the corpus root.
    pub file: String,
    /// `(table column, document field)`.
    pub join: Vec<(String, String)>,
    /// `(document field, table column)`.
    pub fields: Vec<(String, String)>,
    /// Found without configuration.
    pub automatic: bool,
}

impl Spec {
    /// The spec of a corpus file's table.
    pub fn configured(t: &super::corpus_file::TableSpec) -> Spec {
        Spec {
            file: t.file.clone(),
            join: t.join.iter().map(|(c, f)| (c.clone(), f.clone())).collect(),
            fields: t
                .fields
                .iter()
                .map(|(f, c)| (f.clone(), c.clone()))
                .collect(),
            automatic: false,
        }
    }

    /// Whether the file is read as tab-separated.
    pub fn is_tsv(&self) -> bool {
        self.file.to_ascii_lowercase().ends_with(".tsv")
    }
}
