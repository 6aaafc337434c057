//! Markdown export: the notebook's notes on a list of documents as one Markdown file that
//! reads well on its own and in Obsidian, GitHub and pandoc (SPEC §7). A pure function of
//! its inputs: the caller reads the clock (or `SOURCE_DATE_EPOCH`) and writes the file, so
//! the same notebook always exports the same bytes.
//!
//! The file opens with YAML front matter and a title; then come the documents, one section
//! each ([`document`]), or the tags, one section each ([`by_tag`]). All text from the
//! documents and the notebook goes through [`escape`].

mod by_tag;
mod document;
pub(crate) mod escape;
pub mod target;

use crate::notebook::{DocumentNotes, Highlight, Notebook};
use crate::store::Document;
use jiff::civil::Date;
use serde::Deserialize;
use std::fmt::Write;

/// What to export and how; the config's `export` section gives the defaults.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportOptions {
    /// Also export documents the notebook says nothing about (no status, tag, note or
    /// highlight). Off by default: a report holds what the analyst wrote.
    pub include_untagged: bool,
    /// Add each document's full text after its notes (per-document export only).
    pub include_text: bool,
    /// The heading level of a document (or of a top-level tag), 1 to 6; the corpus title
    /// sits one level above when there is room.
    pub heading_level: u8,
    /// One section per document, or per tag.
    pub group_by: GroupBy,
}

impl Default for ExportOptions {
    fn default() -> ExportOptions {
        ExportOptions {
            include_untagged: false,
            include_text: false,
            heading_level: 2,
            group_by: GroupBy::Document,
        }
    }
}

/// How the export is organised.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
pub enum GroupBy {
    /// One section per document, in the order given.
    #[default]
    Document,
    /// One section per tag, sub-tags nested below their parent.
    Tag,
}

/// What the export says about itself, computed by the caller.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportContext {
    /// The corpus's name.
    pub corpus: String,
    /// The query that chose the documents, if any.
    pub query: Option<String>,
    /// The export date ([`export_date_from_env`]).
    pub date: Date,
}

/// How many documents and highlights an export holds.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Documents exported.
    pub documents: usize,
    /// Highlights of those documents.
    pub highlights: usize,
}

/// Why the export date cannot be known.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ExportError {
    /// `SOURCE_DATE_EPOCH` is set but is not a number of seconds since 1970.
    #[error(
        "SOURCE_DATE_EPOCH={value:?} is not a number of seconds since 1970-01-01 (unset it or fix it)"
    )]
    SourceDateEpoch {
        /// The value found.
        value: String,
    },
}

/// The notes on `docs`, in their order, as a Markdown file (see the module doc).
pub fn export(
    docs: &[&Document],
    notebook: &Notebook,
    options: &ExportOptions,
    context: &ExportContext,
) -> String {
    let entries = select(docs, notebook, options);
    let counts = count_entries(&entries);
    let level = options.heading_level.clamp(1, 6);
    let mut out = String::with_capacity(4096 + counts.highlights * 400);
    write_front_matter(&mut out, context, counts);
    if level > 1 {
        write_title(&mut out, level - 1, context, counts);
    }
    match options.group_by {
        GroupBy::Document => {
            for entry in &entries {
                document::write(&mut out, entry, level, options.include_text);
            }
        }
        GroupBy::Tag => by_tag::write(&mut out, &entries, level),
    }
    out
}

/// How many documents and highlights [`export`] would write.
pub fn count(docs: &[&Document], notebook: &Notebook, options: &ExportOptions) -> Counts {
    count_entries(&select(docs, notebook, options))
}

/// The export date: the UTC date of `SOURCE_DATE_EPOCH` when it is set (for reproducible
/// output), else today's date where the user is.
pub fn export_date_from_env() -> Result<Date, ExportError> {
    let value = std::env::var("SOURCE_DATE_EPOCH").ok();
    export_date(value.as_deref(), &jiff::ZonedDateTime::now())
}

/// The export date from a `SOURCE_DATE_EPOCH` value, or from `now` without one.
pub fn export_date(
    source_date_epoch: Option<&str>,
    now: &jiff::ZonedDateTime,
) -> Result<Date, ExportError> {
    let Some(value) = source_date_epoch else {
        return Ok(now.date());
    };
    let invalid = || ExportError::SourceDateEpoch {
        value: value.to_owned(),
    };
    let seconds: i64 = value.trim().parse().map_err(|_| invalid())?;
    let timestamp = jiff::Timestamp::from_second(seconds).map_err(|_| invalid())?;
    Ok(timestamp.to_zoned_datetime(jiff::tz::TimeZone::UTC).date())
}

/// A document and what the notebook says about it.
struct Entry<'a> {
    doc: &'a Document,
    notes: Option<&'a DocumentNotes>,
}

impl<'a> Entry<'a> {
    /// The highlights in text order.
    fn highlights(&self) -> Vec<&'a Highlight> {
        let mut highlights: Vec<&Highlight> = self
            .notes
            .map(|n| n.highlights.iter().collect())
            .unwrap_or_default();
        highlights.sort_by(|a, b| {
            (a.anchor.start, a.anchor.end, &a.id).cmp(&(b.anchor.start, b.anchor.end, &b.id))
        });
        highlights
    }

    /// The title, or the path for a document without one.
    fn title(&self) -> &str {
        if crate::text::one_line(&self.doc.meta.title).is_empty() {
            &self.doc.path
        } else {
            &self.doc.meta.title
        }
    }

    /// The date as ISO 8601, else as the dateline writes it.
    fn date(&self) -> Option<String> {
        let meta = &self.doc.meta;
        meta.date
            .map(|d| d.to_string())
            .or_else(|| meta.dateline.clone())
    }
}

fn select<'a>(
    docs: &[&'a Document],
    notebook: &'a Notebook,
    options: &ExportOptions,
) -> Vec<Entry<'a>> {
    docs.iter()
        .map(|&doc| Entry {
            doc,
            notes: notebook.doc(&doc.path).filter(|n| !n.is_empty()),
        })
        .filter(|e| options.include_untagged || e.notes.is_some())
        .collect()
}

fn count_entries(entries: &[Entry<'_>]) -> Counts {
    Counts {
        documents: entries.len(),
        highlights: entries
            .iter()
            .map(|e| e.notes.map_or(0, |n| n.highlights.len()))
            .sum(),
    }
}

fn write_front_matter(out: &mut String, context: &ExportContext, counts: Counts) {
    let query = context
        .query
        .as_deref()
        .map_or_else(|| "null".to_owned(), escape::yaml_string);
    let _ = write!(
        out,
        "---\ncorpus: {}\nquery: {query}\ndocuments: {}\nhighlights: {}\nexported: {}\n---\n",
        escape::yaml_string(&context.corpus),
        counts.documents,
        counts.highlights,
        context.date,
    );
}

fn write_title(out: &mut String, level: u8, context: &ExportContext, counts: Counts) {
    heading(out, level, &escape::inline(&context.corpus));
    let mut parts = vec![
        plural(counts.documents, "document"),
        plural(counts.highlights, "highlight"),
    ];
    if let Some(query) = context.query.as_deref().map(escape::code_span)
        && !query.is_empty()
    {
        parts.push(format!("query {query}"));
    }
    parts.push(format!("exported {}", context.date));
    let _ = writeln!(out, "*{}*", parts.join(" · "));
}

/// Starts a block: a blank line after whatever came before.
fn gap(out: &mut String) {
    if !out.is_empty() && !out.ends_with("\n\n") {
        out.push('\n');
    }
}

/// `## text` as a block of its own; `text` must be escaped already. The line after it
/// (a metadata line) may follow without a gap.
fn heading(out: &mut String, level: u8, text: &str) {
    gap(out);
    let level = usize::from(level.clamp(1, 6));
    let _ = writeln!(out, "{} {text}", "#".repeat(level));
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}
