//! Datasets: a CSV, TSV or JSON Lines file whose rows are the documents (SPEC §11). A row's
//! text is one column (named by the corpus file, else the column with the longest values);
//! its other columns are fields; its document path is `FILE#ID` (the id column, else the
//! row's number).
//!
//! A file is read as a stream, row after row, and never whole into memory: the columns are
//! chosen from the first [`SAMPLE_ROWS`] rows, which are the only ones held back. A bad row
//! (ragged, not JSON) is left out with a note naming its line, and the others still load;
//! a file without a text column is not a dataset at all. The same bytes give the same rows
//! on every run, so anchors in a row's text hold. This module knows nothing of the corpus,
//! the cache or the screen; [`read`] turns rows into documents for the store.

mod cached;
mod columns;
mod csv;
mod jsonl;
pub(super) mod read;
pub(super) mod tables;

use super::Format;
use serde::{Deserialize, Serialize};

pub use columns::{MIN_TEXT_CHARS, SAMPLE_ROWS};

/// One row of a dataset, as the file has it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Row {
    /// The row's key in its document path (`FILE#KEY`): its id, else its number (the first
    /// row is `1`; rows left out for being bad keep their numbers).
    pub key: String,
    /// The line of the file the row starts on (the first line is 1).
    pub line: u64,
    /// The text column's value.
    pub text: String,
    /// The other columns with a value, in the file's order: `(name, value)`, trimmed.
    pub fields: Vec<(String, String)>,
}

/// What the corpus file says of a dataset; everything unnamed is detected.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Options {
    /// The text column's name.
    pub text: Option<String>,
    /// The id column's name (else a column named `id`, any case, if there is one).
    pub id: Option<String>,
}

/// A dataset read from bytes: its rows and what was wrong with some of them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Parsed {
    /// The rows, in file order.
    pub rows: Vec<Row>,
    /// Rows left out or repaired, one line each, naming the line (and column).
    pub notes: Vec<String>,
}

/// Why a file is not a dataset at all.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
pub enum DatasetError {
    /// No column holds long text, so no column can be the documents' text.
    #[error(
        "no text column: no column's values average {MIN_TEXT_CHARS} characters or more \
         ({longest}); a table of metadata is not a dataset"
    )]
    NoTextColumn {
        /// The longest column and its mean length, or "no columns".
        longest: String,
    },
    /// The corpus file names a column the file does not have.
    #[error("no column {name:?} for {what}; the columns are {columns}")]
    MissingColumn {
        /// The name asked for.
        name: String,
        /// `the text` or `the id`.
        what: String,
        /// The file's columns, quoted and comma-separated.
        columns: String,
    },
    /// Nothing but a header, or nothing at all.
    #[error("no rows")]
    Empty,
    /// Every row was bad.
    #[error("no readable rows ({0})")]
    NoGoodRows(String),
    /// The file could not be read.
    #[error("cannot read: {0}")]
    Io(String),
}

/// Parses a whole dataset in `format` from `bytes` (the entry point for fuzzing and for
/// in-memory corpora). Never panics, whatever the bytes.
pub fn parse(format: Format, bytes: &[u8], options: &Options) -> Result<Parsed, DatasetError> {
    let mut rows = Vec::new();
    let notes = stream(format, bytes, options, &mut |row| rows.push(row))?;
    Ok(Parsed { rows, notes })
}

/// Reads the dataset in `format` from `reader` row by row, handing each to `sink` in file
/// order; returns the notes on bad rows. `format` must be a [dataset](Format::is_dataset).
pub fn stream(
    format: Format,
    reader: impl std::io::Read,
    options: &Options,
    sink: &mut dyn FnMut(Row),
) -> Result<Vec<String>, DatasetError> {
    let mut builder = columns::Builder::new(options, sink);
    match format {
        Format::Tsv => csv::read(reader, b'\t', &mut builder)?,
        Format::JsonLines => jsonl::read(reader, &mut builder)?,
        _ => csv::read(reader, b',', &mut builder)?,
    }
    builder.finish()
}

/// The file and key of a dataset row's document path (`speeches.csv#12` gives
/// `("speeches.csv", "12", Format::Csv)`); `None` for any other path. The file is the
/// shortest prefix before a `#` that names a dataset, so a `#` in a key is kept.
pub fn split_path(path: &str) -> Option<(&str, &str, Format)> {
    path.match_indices('#').find_map(|(at, _)| {
        let file = path.get(..at)?;
        let format = Format::of(file).filter(|f| f.is_dataset())?;
        Some((file, path.get(at + 1..)?, format))
    })
}

/// Notes on bad rows, the first few in full and the rest counted, so a file with thousands
/// of bad rows gives a few lines.
#[derive(Debug, Default)]
struct Notes {
    kept: Vec<String>,
    more: usize,
    /// The lines of rows left out for an empty text, which are common in real datasets
    /// (a release with only a link) and not worth a line each.
    empty: Vec<u64>,
}

/// Notes listed in full; past that they are counted.
const NOTES_KEPT: usize = 10;

impl Notes {
    fn push(&mut self, note: String) {
        if self.kept.len() < NOTES_KEPT {
            self.kept.push(note);
        } else {
            self.more += 1;
        }
    }

    fn empty_text(&mut self, line: u64) {
        self.empty.push(line);
    }

    fn into_lines(mut self) -> Vec<String> {
        if let Some(&first) = self.empty.first() {
            let lines: Vec<String> = self.empty.iter().take(5).map(u64::to_string).collect();
            let more = if self.empty.len() > 5 { ", …" } else { "" };
            let rows = crate::text::count(
                self.empty.len(),
                "row has an empty text and is",
                "rows have an empty text and are",
            );
            let at = if self.empty.len() == 1 {
                format!("line {first}")
            } else {
                format!("lines {}{more}", lines.join(", "))
            };
            self.kept.insert(0, format!("{rows} left out ({at})"));
        }
        if self.more > 0 {
            self.kept.push(format!(
                "and {} more bad rows left out or repaired",
                self.more
            ));
        }
        self.kept
    }
}
