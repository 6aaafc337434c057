//! Interchange: the notebook in the formats other tools read (SPEC §14), and REFI-QDA
//! projects and codebooks read back in. One file per format: [`qdpx`] (the ZIP) around
//! [`qde`] (its XML), [`qdc`] (a codebook alone), [`csv`] (one row per highlight), [`w3c`]
//! (Web Annotations); [`import`] maps a project onto a notebook as [`Change`]s. A document's
//! fields become REFI-QDA Variables and CSV columns through [`variables`].
//!
//! Pure functions of their inputs, like the Markdown export: no clock, no file system, no
//! screen. The caller reads files and writes them; the same notebook always exports the
//! same bytes. Positions leave as code points and come back as byte offsets
//! ([`positions`]); GUIDs are derived from dossier's ids ([`guid`]).
//!
//! [`Change`]: crate::notebook::Change

mod build;
mod color;
pub mod csv;
pub mod guid;
pub mod import;
pub mod positions;
pub mod project;
pub mod qdc;
pub mod qde;
pub mod qdpx;
pub mod variables;
pub mod w3c;

use crate::export::{ExportContext, ExportOptions};
use crate::notebook::{DocumentNotes, Highlight, Note, Notebook};
use crate::store::Document;
use std::path::PathBuf;
pub use variables::Variables;

/// What `dossier export --format` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// Markdown notes (SPEC §7), the default.
    Markdown,
    /// A REFI-QDA project: a ZIP with `project.qde` and the sources.
    Qdpx,
    /// A REFI-QDA codebook.
    Qdc,
    /// One CSV row per highlight, document tag and status.
    Csv,
    /// A W3C Web Annotation collection (JSON-LD).
    W3c,
}

impl Format {
    /// Every format, in the order `Tab` offers them in the export prompt.
    pub const ALL: [Format; 5] = [
        Format::Markdown,
        Format::Qdpx,
        Format::Qdc,
        Format::Csv,
        Format::W3c,
    ];

    /// The name `--format` takes.
    pub fn name(self) -> &'static str {
        match self {
            Format::Markdown => "markdown",
            Format::Qdpx => "qdpx",
            Format::Qdc => "qdc",
            Format::Csv => "csv",
            Format::W3c => "w3c",
        }
    }

    /// The file name extension of the format.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Markdown => "md",
            Format::Qdpx => "qdpx",
            Format::Qdc => "qdc",
            Format::Csv => "csv",
            Format::W3c => "jsonld",
        }
    }

    /// The format a file name asks for by its extension; Markdown for any other.
    pub fn of_path(path: &str) -> Format {
        let lower = path.trim().to_ascii_lowercase();
        let ext = lower.rsplit_once('.').map_or("", |(_, e)| e);
        match ext {
            "qdpx" => Format::Qdpx,
            "qdc" => Format::Qdc,
            "csv" => Format::Csv,
            "jsonld" | "json" => Format::W3c,
            _ => Format::Markdown,
        }
    }

    /// The next format after this one, round.
    pub fn next(self) -> Format {
        let i = Format::ALL.iter().position(|f| *f == self).unwrap_or(0);
        Format::ALL[(i + 1) % Format::ALL.len()]
    }

    /// `path` with its extension changed to this format's (added when it has none of the
    /// formats').
    pub fn apply_to(self, path: &str) -> String {
        let path = path.trim();
        let known = |ext: &str| {
            let ext = ext.to_ascii_lowercase();
            ["md", "markdown", "json"].contains(&ext.as_str())
                || Format::ALL.iter().any(|f| f.extension() == ext)
        };
        let stem = match path.rsplit_once('.') {
            Some((stem, ext)) if !stem.is_empty() && !ext.contains('/') && known(ext) => stem,
            _ => path,
        };
        format!("{stem}.{}", self.extension())
    }
}

/// What to export: the notebook, the documents in the list's order, and the options and
/// context of the Markdown export (its `include_untagged` chooses documents for all).
pub struct ExportInput<'a> {
    /// The notebook.
    pub notebook: &'a Notebook,
    /// The documents, in order (already narrowed by a query).
    pub docs: &'a [&'a Document],
    /// The Markdown options.
    pub options: &'a ExportOptions,
    /// The corpus's name, the query and the date.
    pub context: &'a ExportContext,
    /// REFI-QDA sources with CRLF line ends and positions to match (MAXQDA).
    pub crlf: bool,
}

/// An export: its bytes, what it holds, and what the format could not carry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Exported {
    /// The file's contents.
    pub bytes: Vec<u8>,
    /// Documents written.
    pub documents: usize,
    /// Highlights written.
    pub highlights: usize,
    /// Codebook tags written.
    pub tags: usize,
    /// What was left out, one line each (REFI-QDA §7: warn of data loss).
    pub losses: Vec<String>,
}

/// What can go wrong reading or writing another tool's file.
#[derive(Debug, thiserror::Error)]
pub enum InterchangeError {
    /// The file cannot be read.
    #[error("{}: cannot read it: {source}", path.display())]
    Read {
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// A `.qdpx` that is not a ZIP archive.
    #[error("{file}: not a REFI-QDA project: it is not a ZIP archive ({message})")]
    NotZip {
        /// The file, as shown.
        file: String,
        /// What the ZIP reader said.
        message: String,
    },
    /// A ZIP without `project.qde`.
    #[error("{file}: not a REFI-QDA project: the archive holds no project.qde")]
    NoProject {
        /// The file, as shown.
        file: String,
    },
    /// An entry of the archive that cannot be read.
    #[error("{file}: {entry}: cannot read it from the archive: {message}")]
    Entry {
        /// The file, as shown.
        file: String,
        /// The entry.
        entry: String,
        /// Why.
        message: String,
    },
    /// XML that does not parse.
    #[error("{file}:{line}:{column}: not well-formed XML: {message}")]
    Xml {
        /// The file (and entry), as shown.
        file: String,
        /// 1-based line.
        line: u32,
        /// 1-based column.
        column: u32,
        /// What the parser said.
        message: String,
    },
    /// XML that is not a REFI-QDA project or codebook.
    #[error("{file}: the root element is <{root}>, not a REFI-QDA <Project> or <CodeBook>")]
    NotRefi {
        /// The file, as shown.
        file: String,
        /// The root element's name.
        root: String,
    },
    /// An element without what the schema requires of it.
    #[error("{file}:{line}:{column}: <{element}> {problem}")]
    Invalid {
        /// The file, as shown.
        file: String,
        /// 1-based line.
        line: u32,
        /// 1-based column.
        column: u32,
        /// The element.
        element: String,
        /// What is wrong.
        problem: String,
    },
    /// A document to export whose text has not been read.
    #[error("{path}: its text is not loaded yet; try again when the corpus has loaded")]
    TextNotLoaded {
        /// The document's path.
        path: String,
    },
    /// `--coder` names no user of the project.
    #[error("{file}: no coder {coder:?} in it; its coders are: {}", if known.is_empty() { "none".to_owned() } else { known.join(", ") })]
    UnknownCoder {
        /// The file, as shown.
        file: String,
        /// The name asked for.
        coder: String,
        /// The users' names.
        known: Vec<String>,
    },
    /// A codebook export of a notebook without tags.
    #[error("the codebook is empty: there is no tag to export")]
    EmptyCodebook,
    /// Writing the archive or the CSV failed (in memory, so only on a bug).
    #[error("cannot write the {format} export: {message}")]
    Write {
        /// The format.
        format: &'static str,
        /// Why.
        message: String,
    },
}

/// Exports the notes on `input.docs` in `format`.
pub fn export(format: Format, input: &ExportInput<'_>) -> Result<Exported, InterchangeError> {
    match format {
        Format::Markdown => {
            let markdown =
                crate::export::export(input.docs, input.notebook, input.options, input.context);
            let counts = crate::export::count(input.docs, input.notebook, input.options);
            Ok(Exported {
                bytes: markdown.into_bytes(),
                documents: counts.documents,
                highlights: counts.highlights,
                tags: 0,
                losses: Vec::new(),
            })
        }
        Format::Qdpx => qdpx::export(input),
        Format::Qdc => qdc::export(input.notebook, &input.context.corpus),
        Format::Csv => csv::export(input),
        Format::W3c => w3c::export(input),
    }
}

/// A document and what the notebook says about it.
pub(crate) struct Entry<'a> {
    pub doc: &'a Document,
    pub notes: Option<&'a DocumentNotes>,
}

impl<'a> Entry<'a> {
    /// The highlights, by position.
    pub fn highlights(&self) -> &'a [Highlight] {
        self.notes.map_or(&[], |n| n.highlights.as_slice())
    }

    /// The document's text, which a format that counts positions needs.
    pub fn text(&self) -> Result<&'a str, InterchangeError> {
        if self.doc.loaded {
            Ok(&self.doc.text)
        } else {
            Err(InterchangeError::TextNotLoaded {
                path: self.doc.path.clone(),
            })
        }
    }
}

/// The documents to export: those the notebook says something about, or all of them with
/// `include_untagged`, in the given order.
pub(crate) fn entries<'a>(input: &ExportInput<'a>) -> Vec<Entry<'a>> {
    input
        .docs
        .iter()
        .map(|&doc| Entry {
            doc,
            notes: input.notebook.doc(&doc.path).filter(|n| !n.is_empty()),
        })
        .filter(|e| input.options.include_untagged || e.notes.is_some())
        .collect()
}

/// True when the highlight's anchor holds its quote in `text` (not orphaned), so its
/// offsets can be exported.
pub(crate) fn anchored(highlight: &Highlight, text: &str) -> bool {
    let a = &highlight.anchor;
    highlight.state != crate::notebook::AnchorState::Orphaned
        && text.get(a.start..a.end) == Some(a.quote.as_str())
}

/// The coders of this notebook, for a project's Users: everyone recorded as having made a
/// highlight, written a note, applied a document tag or set a status, sorted.
pub fn coders(notebook: &Notebook) -> Vec<String> {
    let mut all = std::collections::BTreeSet::new();
    for entry in notebook.documents.values() {
        all.extend(entry.highlights.iter().map(|h| h.by.as_str()));
        all.extend(entry.notes.iter().map(|n| n.by.as_str()));
        all.extend(entry.tagged_by.keys().map(String::as_str));
        all.insert(entry.status_by.as_str());
    }
    all.into_iter()
        .filter(|c| !c.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Who made a highlight, when the notebook records it.
pub fn highlight_coder(highlight: &Highlight) -> Option<&str> {
    Some(highlight.by.as_str()).filter(|c| !c.is_empty())
}

/// Who wrote a note, when the notebook records it.
pub fn note_coder(note: &Note) -> Option<&str> {
    Some(note.by.as_str()).filter(|c| !c.is_empty())
}
