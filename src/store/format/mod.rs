//! The formats of SPEC §11 other than plain text and Markdown: each turns a file's bytes into
//! text (paragraphs separated by blank lines) plus metadata candidates, which then go through
//! the same normalization, metadata rules, content ids, cache and anchoring as a `.txt` file.
//!
//! Extraction must be deterministic: the same bytes give the same text on every run, so the
//! notebook's anchors hold. It never parses PDF, ZIP or XML itself (the crates do), never
//! panics on a bad file (it returns a [`FormatError`] naming what is wrong), and knows
//! nothing of the cache or the corpus.
//!
//! Datasets (CSV, TSV, JSON Lines: one document per row, SPEC §11) are named here too, but
//! are not extracted here: one file gives many documents (`FILE#ID`) whose other columns are
//! fields, so they are read by [`crate::store::dataset`].

mod docx;
mod html;
mod odt;
mod paragraphs;
mod pdf;
mod pdf_cmaps;
mod pdf_fonts;
mod pdf_glyph_names;
mod pdf_pages;
mod read;

pub use paragraphs::Paragraphs;
pub(super) use read::{read, read_unchanged};

use super::markdown::StyledRange;
use serde::{Deserialize, Serialize};

/// The kind of file a document was read from, by its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Format {
    /// `.txt`: the bytes are the text.
    Text,
    /// `.md`, `.markdown`: rendered ([`super::markdown`]).
    Markdown,
    /// `.html`, `.htm`.
    Html,
    /// `.docx` (Office Open XML).
    Docx,
    /// `.odt` (OpenDocument text).
    Odt,
    /// `.pdf`.
    Pdf,
    /// `.csv`: a dataset, one document per row ([`crate::store::dataset`]).
    Csv,
    /// `.tsv`: a dataset with tab-separated columns.
    Tsv,
    /// `.jsonl`, `.ndjson`: a dataset, one JSON object per line.
    JsonLines,
}

impl Format {
    /// Every format, in the order `describe` lists them.
    pub const ALL: [Format; 9] = [
        Format::Text,
        Format::Markdown,
        Format::Html,
        Format::Docx,
        Format::Odt,
        Format::Pdf,
        Format::Csv,
        Format::Tsv,
        Format::JsonLines,
    ];

    /// The format of a file name, or `None` for names the corpus does not read.
    pub fn of(name: &str) -> Option<Format> {
        let (_, ext) = name.rsplit_once('.')?;
        let format = match ext.to_ascii_lowercase().as_str() {
            "txt" => Format::Text,
            "md" | "markdown" => Format::Markdown,
            "html" | "htm" => Format::Html,
            "docx" => Format::Docx,
            "odt" => Format::Odt,
            "pdf" => Format::Pdf,
            "csv" => Format::Csv,
            "tsv" => Format::Tsv,
            "jsonl" | "ndjson" => Format::JsonLines,
            _ => return None,
        };
        Some(format)
    }

    /// The format of a document's path: a dataset's row (`speeches.csv#12`) is in its
    /// file's format; any other path as [`Format::of`].
    pub fn of_document(path: &str) -> Option<Format> {
        if let Some((file, _)) = path.rsplit_once('#')
            && let Some(format) = Format::of(file).filter(|f| f.is_dataset())
        {
            return Some(format);
        }
        Format::of(path)
    }

    /// True for the datasets, whose rows are the documents (SPEC §11).
    pub fn is_dataset(self) -> bool {
        matches!(self, Format::Csv | Format::Tsv | Format::JsonLines)
    }

    /// The lower-case name shown in `list --format json` and `describe`.
    pub fn name(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Markdown => "markdown",
            Format::Html => "html",
            Format::Docx => "docx",
            Format::Odt => "odt",
            Format::Pdf => "pdf",
            Format::Csv => "csv",
            Format::Tsv => "tsv",
            Format::JsonLines => "jsonl",
        }
    }

    /// True for the formats whose text is extracted from a container or markup, so that the
    /// file's raw bytes say nothing about its text (a phrase must never be looked for in
    /// them) and the extracted text is worth caching.
    pub fn is_extracted(self) -> bool {
        !matches!(self, Format::Text | Format::Markdown)
    }
}

/// A metadata value a format found, with where it found it (`og:title`, `core.xml`, …).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Candidate {
    /// The value as the file gives it, trimmed.
    pub value: String,
    /// Where in the file it came from, for the field's source.
    pub source: String,
}

impl Candidate {
    fn new(value: &str, source: &str) -> Option<Candidate> {
        let value = crate::text::one_line(value.trim());
        (!value.is_empty()).then(|| Candidate {
            value,
            source: source.to_owned(),
        })
    }
}

/// What a format gave: the text and the metadata its structure or properties hold.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Extracted {
    /// The text: paragraphs separated by one blank line, no control characters.
    pub text: String,
    /// Headings (and other styles) of the text.
    pub styles: Vec<StyledRange>,
    /// A title the document's own structure gives (HTML head, leading headings): it wins
    /// over the first line of the text.
    pub title: Option<Candidate>,
    /// A date the document's markup gives (HTML `<meta>`, `<time>`): it wins over the text.
    pub date: Option<Candidate>,
    /// A title from the document properties, taken only when the text gives none.
    pub property_title: Option<Candidate>,
    /// A date from the document properties, taken only when the text gives none.
    pub property_date: Option<Candidate>,
    /// The author from the document properties.
    pub author: Option<Candidate>,
    /// What went wrong but did not stop the extraction (an unknown charset, a page that
    /// could not be read), one line each.
    pub warnings: Vec<String>,
}

/// Why a file could not be read in its format.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
pub enum FormatError {
    /// A PDF with pages but no text on them.
    #[error("looks scanned: the PDF has no text layer (run it through OCR first)")]
    Scanned,
    /// A PDF that needs a password.
    #[error("the PDF is encrypted and needs a password")]
    Encrypted,
    /// A file that is not what its name says, or is damaged.
    #[error("not a readable {format} file: {reason}")]
    Damaged {
        /// The format its name claims.
        format: String,
        /// What is wrong, in a few words.
        reason: String,
    },
}

impl FormatError {
    fn damaged(format: Format, reason: impl std::fmt::Display) -> FormatError {
        let format = match format {
            Format::Html => "HTML",
            Format::Docx => "DOCX",
            Format::Odt => "ODT",
            Format::Pdf => "PDF",
            Format::Csv => "CSV",
            Format::Tsv => "TSV",
            Format::JsonLines => "JSON Lines",
            Format::Text | Format::Markdown => "text",
        };
        FormatError::Damaged {
            format: format.to_owned(),
            reason: crate::text::one_line(&reason.to_string()),
        }
    }
}

/// The version of the extractors' output: raised whenever a change to any of them changes
/// the text of some file, so texts cached by an older version are extracted again.
pub const EXTRACTOR_VERSION: u32 = 1;

/// Extracts the text of `bytes` in `format` (one of the [extracted](Format::is_extracted)
/// ones). A panic inside a parsing crate on a malformed file becomes an error, never a
/// crash of the whole load.
pub fn extract(format: Format, bytes: &[u8]) -> Result<Extracted, FormatError> {
    let run = || match format {
        Format::Html => Ok(html::extract(bytes)),
        Format::Docx => docx::extract(bytes),
        Format::Odt => odt::extract(bytes),
        Format::Pdf => pdf::extract(bytes),
        Format::Text | Format::Markdown | Format::Csv | Format::Tsv | Format::JsonLines => {
            Err(FormatError::damaged(format, "not extracted"))
        }
    };
    // The crates are well tested, but a file is anything a user has: their panic on one
    // file must skip that file, not end the program.
    let outer = GUARDED.replace(true);
    let outcome = std::panic::catch_unwind(run);
    GUARDED.set(outer);
    outcome.unwrap_or_else(|panic| {
        Err(FormatError::damaged(
            format,
            format!("the parser failed on this file: {}", panic_message(&*panic)),
        ))
    })
}

thread_local! {
    /// True while this thread runs [`extract`], whose panics are caught.
    static GUARDED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// True while this thread extracts a file under [`extract`]'s guard: a panic now is caught
/// and becomes that file's error, so a panic hook must neither report a crash nor put the
/// terminal back (the corpus loads on a thread of its own while the screen is up).
pub fn parser_guarded() -> bool {
    GUARDED.get()
}

/// What a caught panic said, for the error that replaces it.
fn panic_message(payload: &(dyn std::any::Any + Send)) -> &str {
    (payload.downcast_ref::<&str>().copied())
        .or_else(|| payload.downcast_ref::<String>().map(String::as_str))
        .unwrap_or("a panic")
}

/// The most an office file's XML member may inflate to.
const MEMBER_LIMIT: u64 = 512 << 20;

/// The one ZIP member `name` of an office file, as text; `None` when it is absent.
fn zip_member(
    archive: &mut zip::ZipArchive<std::io::Cursor<&[u8]>>,
    name: &str,
    format: Format,
) -> Result<Option<String>, FormatError> {
    use std::io::Read;
    let mut file = match archive.by_name(name) {
        Ok(file) => file,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(e) => return Err(FormatError::damaged(format, format!("{name}: {e}"))),
    };
    // A member claiming to be huge is read only as far as it really goes, and a ZIP bomb
    // only up to a limit no real document reaches.
    let mut bytes = Vec::with_capacity(usize::try_from(file.size()).unwrap_or(0).min(64 << 20));
    (&mut file)
        .take(MEMBER_LIMIT + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| FormatError::damaged(format, format!("{name}: {e}")))?;
    if bytes.len() as u64 > MEMBER_LIMIT {
        return Err(FormatError::damaged(
            format,
            format!("{name} inflates to more than {} MB", MEMBER_LIMIT >> 20),
        ));
    }
    Ok(Some(String::from_utf8_lossy(&bytes).into_owned()))
}

/// Opens an office file's ZIP container.
fn open_zip(
    bytes: &[u8],
    format: Format,
) -> Result<zip::ZipArchive<std::io::Cursor<&[u8]>>, FormatError> {
    zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|e| FormatError::damaged(format, format!("not a ZIP container ({e})")))
}

/// Parses an office file's XML member.
fn parse_xml<'a>(
    xml: &'a str,
    name: &str,
    format: Format,
) -> Result<roxmltree::Document<'a>, FormatError> {
    let options = roxmltree::ParsingOptions {
        allow_dtd: false,
        ..roxmltree::ParsingOptions::default()
    };
    roxmltree::Document::parse_with_options(xml, options)
        .map_err(|e| FormatError::damaged(format, format!("{name}: {e}")))
}

/// The title the start of a word-processor text gives: its leading heading paragraphs (at
/// most three, as "NATIONAL ASSEMBLY" above "OFFICIAL REPORT"), joined by a space.
fn leading_headings(text: &str, styles: &[StyledRange]) -> Option<String> {
    use super::markdown::TextStyle;
    let mut parts: Vec<&str> = Vec::new();
    let mut at = 0;
    for style in styles
        .iter()
        .filter(|s| s.style == TextStyle::Heading)
        .take(3)
    {
        // Only headings that follow each other from the very start, a blank line apart.
        let between = text.get(at..style.start)?;
        if !between.trim().is_empty() {
            break;
        }
        parts.push(text.get(style.start..style.end)?.trim());
        at = style.end;
    }
    // One heading is the text's first line, which the metadata rules read anyway (and
    // join with a `by …` line where it opens a transcript).
    let title = parts.join(" ");
    (parts.len() > 1 && title.len() <= 200).then_some(title)
}

/// Entering or leaving an XML node, for walking a tree without recursion.
enum Edge<'a, 'input> {
    Open(roxmltree::Node<'a, 'input>),
    Close(roxmltree::Node<'a, 'input>),
}

/// The nodes under `top` (itself included) in document order, each opened and later closed,
/// without recursion (a file may nest elements thousands deep).
fn edges<'a, 'input>(top: roxmltree::Node<'a, 'input>) -> Vec<Edge<'a, 'input>> {
    let mut out = Vec::new();
    let mut open: Vec<roxmltree::Node> = Vec::new();
    for node in top.descendants() {
        while let Some(last) = open.last() {
            if node.parent().is_some_and(|p| p == *last) {
                break;
            }
            out.push(Edge::Close(*last));
            open.pop();
        }
        out.push(Edge::Open(node));
        open.push(node);
    }
    out.extend(open.into_iter().rev().map(Edge::Close));
    out
}
