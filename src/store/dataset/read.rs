//! A dataset file read as documents: its rows from the extracted-text cache or from the
//! file (streamed, never read whole), each normalized and given metadata by the rules of a
//! `.txt` file, with the row's `title`, `date`, `speaker`, `place` and `kind` columns
//! winning over the text and every other column an extra field.

use super::{DatasetError, Options, Row, cached};
use crate::store::metadata::{self, Given, Metadata};
use crate::store::normalize::{self, Repairs};
use crate::store::{Document, FieldName, FieldValue, Format, dates};
use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use std::sync::Arc;

/// What the cache knows of a dataset's rows: document path to row id and metadata.
pub(in crate::store) type Known<'a> = HashMap<&'a str, (&'a str, &'a Metadata)>;

/// A dataset file read: its content id, its rows' documents, the notes on bad rows.
pub(in crate::store) struct FileRead {
    /// The content id of the whole file.
    pub id: String,
    /// The documents of the rows `keep` selected, in file order.
    pub docs: Vec<Document>,
    /// Notes on bad rows.
    pub notes: Vec<String>,
}

/// Rows turned into documents together, in parallel.
const BATCH: usize = 512;

/// Reads the dataset `relative` (at `absolute`) in `format`. `id` is its content id when
/// the caller knows the file is unchanged since it had that id (it is computed otherwise);
/// `known` the rows' cached metadata; `cache` the cache folder; only the rows whose path
/// `keep` accepts become documents. `Err` says why the file is skipped.
pub(in crate::store) fn read_file(
    relative: &str,
    format: Format,
    absolute: &Path,
    id: Option<&str>,
    known: &Known,
    cache: Option<&Path>,
    keep: &(dyn Fn(&str) -> bool + Sync),
) -> Result<FileRead, String> {
    let options = Options::default();
    let id = match id {
        Some(id) => id.to_owned(),
        None => file_id(absolute).map_err(|e| format!("cannot read: {e}"))?,
    };
    let mut builder = Documents::new(relative, format, known, keep);
    if let Some(dir) = cache {
        match cached::read(dir, &id, format, &options, &mut |row| builder.row(row)) {
            Some(Ok(notes)) => {
                return Ok(FileRead {
                    id,
                    docs: builder.finish(),
                    notes,
                });
            }
            Some(Err(e)) => return Err(e.to_string()),
            None => builder = Documents::new(relative, format, known, keep),
        }
    }
    let file = std::fs::File::open(absolute).map_err(|e| format!("cannot read: {e}"))?;
    let mut writer = cache.and_then(|dir| cached::Writer::create(dir, &id, format, &options));
    let outcome = super::stream(format, file, &options, &mut |row| {
        if let Some(w) = writer.as_mut() {
            w.row(&row);
        }
        builder.row(row);
    });
    if let Some(writer) = writer
        && !matches!(outcome, Err(DatasetError::Io(_)))
    {
        writer.finish(&outcome);
    }
    let notes = outcome.map_err(|e| e.to_string())?;
    Ok(FileRead {
        id,
        docs: builder.finish(),
        notes,
    })
}

/// The content id of a file, hashed as it is read.
fn file_id(path: &Path) -> std::io::Result<String> {
    let mut hasher = blake3::Hasher::new();
    hasher.update_reader(std::fs::File::open(path)?)?;
    Ok(hasher.finalize().to_hex()[..16].to_owned())
}

/// The documents of the rows of `bytes` (a whole dataset in memory, for in-memory corpora):
/// the documents and the notes, or why it is no dataset.
pub(in crate::store) fn documents_of(
    relative: &str,
    format: Format,
    bytes: &[u8],
) -> Result<(Vec<Document>, Vec<String>), String> {
    let known = Known::new();
    let mut builder = Documents::new(relative, format, &known, &|_| true);
    let notes = super::stream(format, bytes, &Options::default(), &mut |row| {
        builder.row(row)
    })
    .map_err(|e| e.to_string())?;
    Ok((builder.finish(), notes))
}

/// Rows gathered in batches and turned into documents in parallel, in order.
struct Documents<'a> {
    file: &'a str,
    format: Format,
    known: &'a Known<'a>,
    keep: &'a (dyn Fn(&str) -> bool + Sync),
    batch: Vec<Row>,
    docs: Vec<Document>,
}

impl<'a> Documents<'a> {
    fn new(
        file: &'a str,
        format: Format,
        known: &'a Known<'a>,
        keep: &'a (dyn Fn(&str) -> bool + Sync),
    ) -> Documents<'a> {
        Documents {
            file,
            format,
            known,
            keep,
            batch: Vec::with_capacity(BATCH),
            docs: Vec::new(),
        }
    }

    fn row(&mut self, row: Row) {
        self.batch.push(row);
        if self.batch.len() >= BATCH {
            self.flush();
        }
    }

    fn flush(&mut self) {
        let (file, format, known, keep) = (self.file, self.format, self.known, self.keep);
        let batch = std::mem::take(&mut self.batch);
        let docs: Vec<Document> = batch
            .into_par_iter()
            .filter_map(|row| {
                let path = format!("{file}#{}", row.key);
                if !keep(&path) {
                    return None;
                }
                let known = known.get(path.as_str()).copied();
                document(path, format, row, known)
            })
            .collect();
        self.docs.extend(docs);
    }

    fn finish(mut self) -> Vec<Document> {
        self.flush();
        self.docs
    }
}

/// The stable id of a row's content: its text and its fields.
pub fn row_id(row: &Row) -> String {
    let mut hasher = blake3::Hasher::new();
    hasher.update(row.text.as_bytes());
    for (name, value) in &row.fields {
        hasher.update(b"\0");
        hasher.update(name.as_bytes());
        hasher.update(b"\0");
        hasher.update(value.as_bytes());
    }
    hasher.finalize().to_hex()[..16].to_owned()
}

/// The document of one row, at `path`; `None` when it has no text left once cleaned.
fn document(
    path: String,
    format: Format,
    row: Row,
    known: Option<(&str, &Metadata)>,
) -> Option<Document> {
    let id = row_id(&row);
    let mut repairs = Repairs::default();
    let text = normalize::trim_ends(normalize::clean(&row.text, &mut repairs));
    if text.trim().is_empty() {
        return None;
    }
    let meta = match known {
        Some((known_id, meta)) if known_id == id => meta.clone(),
        _ => metadata_of(&text, row.fields, &path),
    };
    Some(Document {
        path,
        format,
        id,
        meta,
        text: Arc::from(text),
        loaded: true,
        styles: Vec::new(),
        warnings: repairs.describe().into_iter().collect(),
        clean: false,
        os_path: None,
    })
}

/// The metadata rules of a `.txt` file over the row's text, with the columns named like a
/// field (any case) winning and every other column an extra field.
fn metadata_of(text: &str, fields: Vec<(String, String)>, path: &str) -> Metadata {
    let mut given = Given::default();
    let mut extra = BTreeMap::new();
    for (name, value) in fields {
        let slot = match name.to_ascii_lowercase().as_str() {
            "title" => &mut given.title,
            "speaker" => &mut given.speaker,
            "place" => &mut given.place,
            "kind" => &mut given.kind,
            "date" => {
                match dates::parse_doc_date(&value) {
                    Some(date) if given.date.is_none() => given.date = Some(date),
                    Some(_) => {}
                    // A date that is no date is kept as it is, not lost.
                    None => {
                        extra.insert(FieldName::from(name), FieldValue::from(value));
                    }
                }
                continue;
            }
            _ => {
                extra.insert(FieldName::from(name), FieldValue::from(value));
                continue;
            }
        };
        if slot.is_none() {
            *slot = Some(crate::text::one_line(&value));
        }
    }
    given.from = Some(metadata::Source::Table);
    let mut meta = metadata::extract(text, given, &crate::text::one_line(path));
    for name in extra.keys() {
        meta.sources.insert(name.clone(), metadata::Source::Table);
    }
    meta.fields = extra;
    meta
}
