//! CSV for R and pandas (SPEC §14): one row per highlight with its document's fields, and
//! one row per document for what the notebook says of the whole document (tags, status,
//! notes), with empty offsets. RFC 4180 (CRLF row ends, fields quoted where they need it),
//! UTF-8, a header row; written by the `csv` crate, so any CSV reader reads it back,
//! quotes with commas, quotation marks and line breaks included.
//!
//! Offsets are code points (`[start, end)`), as Python and R count characters; an orphaned
//! highlight has none, since its quote is no longer at them.

use super::positions::Positions;
use super::{Entry, ExportInput, Exported, InterchangeError, Variables};
use crate::notebook::Highlight;

/// The columns after the document's fields.
const ROW_COLUMNS: &[&str] = &[
    "highlight",
    "start",
    "end",
    "quote",
    "tags",
    "note",
    "coder",
    "state",
];

/// The header row: `path`, `id`, a column per variable ([`Variables`]: the built-in fields
/// and status, then the extra fields), then [`ROW_COLUMNS`]. An extra field named like
/// one of the other columns (`id`, `note`, `state` …, any case) is `field_NAME`, so every
/// column has a name of its own.
pub fn header(variables: &Variables) -> Vec<String> {
    let mut columns: Vec<String> = vec!["path".to_owned(), "id".to_owned()];
    let taken = |columns: &[String], name: &str| {
        columns.iter().any(|c| c.eq_ignore_ascii_case(name))
            || ROW_COLUMNS.iter().any(|c| c.eq_ignore_ascii_case(name))
    };
    for v in &variables.list {
        let mut name = v.name.clone();
        while taken(&columns, &name) {
            name.insert_str(0, "field_");
        }
        columns.push(name);
    }
    columns.extend(ROW_COLUMNS.iter().map(|c| (*c).to_owned()));
    columns
}

/// The notes on `input`'s documents as CSV.
pub fn export(input: &ExportInput<'_>) -> Result<Exported, InterchangeError> {
    let failed = |e: csv::Error| InterchangeError::Write {
        format: "csv",
        message: e.to_string(),
    };
    let mut out = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::with_capacity(64 * 1024));
    let variables = Variables::of(input.docs, input.notebook);
    out.write_record(header(&variables)).map_err(failed)?;
    let entries = super::entries(input);
    let mut highlights = 0;
    for entry in &entries {
        let fields = fields(entry, &variables);
        let notes = entry.notes;
        let has_doc_row =
            notes.is_none_or(|n| n.status.is_some() || !n.tags.is_empty() || !n.notes.is_empty());
        if has_doc_row {
            let mut row = fields.clone();
            let (tags, note) = notes.map_or((String::new(), String::new()), |n| {
                let texts: Vec<&str> = n.notes.iter().map(|n| n.text.as_str()).collect();
                (n.tags.join(";"), texts.join("\n\n"))
            });
            row.extend([String::new(), String::new(), String::new(), String::new()]);
            row.extend([tags, note, String::new(), String::new()]);
            out.write_record(&row).map_err(failed)?;
        }
        if entry.highlights().is_empty() {
            continue;
        }
        let text = entry.text()?;
        let positions = Positions::new(text);
        for h in entry.highlights() {
            let mut row = fields.clone();
            row.extend(highlight_row(h, text, &positions));
            out.write_record(&row).map_err(failed)?;
            highlights += 1;
        }
    }
    let bytes = out.into_inner().map_err(|e| InterchangeError::Write {
        format: "csv",
        message: e.to_string(),
    })?;
    Ok(Exported {
        bytes,
        documents: entries.len(),
        highlights,
        tags: 0,
        losses: variables.losses(),
    })
}

/// `path`, `id` and every variable of the entry's document (empty where it has none).
fn fields(entry: &Entry<'_>, variables: &Variables) -> Vec<String> {
    let mut row = vec![entry.doc.path.clone(), entry.doc.id.clone()];
    row.extend(
        variables
            .values(entry.doc, entry.notes)
            .into_iter()
            .map(|v| v.map(|v| v.into_owned()).unwrap_or_default()),
    );
    row
}

fn highlight_row(h: &Highlight, text: &str, positions: &Positions<'_>) -> [String; 8] {
    let (start, end) = if super::anchored(h, text) {
        let at = |byte| {
            positions
                .char_of(byte)
                .map(|c| c.to_string())
                .unwrap_or_default()
        };
        (at(h.anchor.start), at(h.anchor.end))
    } else {
        (String::new(), String::new())
    };
    [
        h.id.clone(),
        start,
        end,
        h.anchor.quote.clone(),
        h.tags.join(";"),
        h.note.clone().unwrap_or_default(),
        super::highlight_coder(h).unwrap_or_default().to_owned(),
        h.state.as_str().to_owned(),
    ]
}
