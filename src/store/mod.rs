//! The document store reads a corpus: it finds the files, normalizes their text and extracts
//! their metadata. It knows nothing of notes, queries or the screen.

mod cache;
mod cache_fields;
pub mod corpus_file;
pub(crate) mod corpus_meta;
pub mod dataset;
pub(crate) mod dates;
pub(crate) mod docdate;
mod extracted;
pub mod field_map;
pub mod field_name;
pub mod format;
mod ingest;
pub mod markdown;
pub mod metadata;
pub mod normalize;
pub(crate) mod path_date;
pub mod pattern;
pub(crate) mod table;
pub mod turns;
mod walk;
pub(crate) mod warning_kind;

pub use cache::{cache_dir, move_old_cache};
pub use corpus_file::CorpusFile;
pub use docdate::DocDate;
pub use field_map::FieldMap;
pub use field_name::{FieldName, FieldValue};
pub use format::Format;
pub use ingest::Progress;
pub use markdown::{StyledRange, TextStyle};
pub use metadata::Metadata;
pub use table::TableReport;
pub use turns::{Splitter, Turn};
pub use warning_kind::WarningKind;

use normalize::Repairs;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// The two sample statements shipped in `seeds/`, embedded so they work from any folder.
pub const SAMPLE: &[(&str, &[u8])] = &[
    (
        "000_bd0411fb3b74ac0c.txt",
        include_bytes!("../../seeds/000_bd0411fb3b74ac0c.txt"),
    ),
    (
        "002_cbbf25972822090a.txt",
        include_bytes!("../../seeds/002_cbbf25972822090a.txt"),
    ),
];

/// The name of the built-in sample corpus.
pub const SAMPLE_NAME: &str = "sample";

/// One document: its place in the corpus, its metadata and its normalized text.
#[derive(Debug, Clone)]
pub struct Document {
    /// Path relative to the corpus root, with `/` separators.
    pub path: String,
    /// The kind of file it was read from (by its name).
    pub format: Format,
    /// A stable id: the first 16 hex digits of the BLAKE3 hash of the file's bytes.
    pub id: String,
    /// Metadata from the front matter and the text.
    pub meta: Metadata,
    /// The normalized text (see [`normalize`]); shared, never copied per view. Empty when
    /// `loaded` is false.
    pub text: Arc<str>,
    /// Whether `text` holds the document's text. True for every document read from its
    /// bytes; false for one taken from the metadata cache without reading the file
    /// ([`Corpus::index_cached`], [`Corpus::from_cache_only`]), whose `text` is then empty
    /// until [`Corpus::load_texts`] reads it. Its path, id, metadata, styles and warnings
    /// are those of the file as last read.
    pub loaded: bool,
    /// Emphasis and headings of Markdown documents.
    pub styles: Vec<StyledRange>,
    /// What had to be repaired in this document, for `check` and the UI.
    pub warnings: Vec<String>,
    /// Whether the file's bytes needed no repair when last read: valid UTF-8 without
    /// controls, escape sequences or byte-order marks. For a `.txt` file this means a
    /// phrase is in its raw bytes exactly when it is in its normalized text
    /// ([`crate::query::raw`]). Always false for an [extracted](Format::is_extracted)
    /// format, whose bytes are not its text.
    pub clean: bool,
    /// The path relative to the corpus root as the system has it, when `path` is not it
    /// (a name that is not UTF-8, which `path` writes with `\xFF` escapes).
    pub os_path: Option<PathBuf>,
}

impl Document {
    /// The file this document is read from, in a corpus rooted at `root` (for a dataset's
    /// row, the dataset's file).
    pub fn file_in(&self, root: &Path) -> PathBuf {
        match &self.os_path {
            Some(os) => root.join(os),
            None => root.join(self.file()),
        }
    }

    /// The path of the file this document is read from, relative to the corpus root: its
    /// own path, or for a dataset's row (`speeches.csv#12`) the dataset's (`speeches.csv`).
    pub fn file(&self) -> &str {
        match dataset::split_path(&self.path) {
            Some((file, _, _)) if self.format.is_dataset() => file,
            _ => &self.path,
        }
    }
}

/// A file that could not be read as a document, or was read with repairs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    /// The file, as the user named or the walk found it.
    pub path: PathBuf,
    /// What is wrong, in a few words.
    pub message: String,
}

impl std::fmt::Display for Warning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.path.display(), self.message)
    }
}

/// Where a corpus came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// The embedded sample corpus.
    Sample,
    /// Files and folders on disk; `root` is the folder paths are relative to.
    Paths {
        /// The paths as given, canonicalized.
        paths: Vec<PathBuf>,
        /// The folder document paths are relative to.
        root: PathBuf,
    },
}

/// A loaded corpus: its documents sorted by path, and the warnings of loading it.
#[derive(Debug, Clone)]
pub struct Corpus {
    /// A short name for titles and notebook file names.
    pub name: String,
    /// Where it came from.
    pub source: Source,
    /// The documents, sorted by path.
    pub documents: Vec<Document>,
    /// Skipped and repaired files, one line each.
    pub warnings: Vec<Warning>,
    /// The cache folder it was loaded with, where texts extracted from PDFs, DOCX and other
    /// formats are kept for [`Corpus::load_texts`] ([`extracted`]).
    pub cache: Option<PathBuf>,
    /// The metadata tables joined to the documents, with their counts (SPEC §10), in the
    /// corpus file's order (or the order they were found in).
    pub tables: Vec<TableReport>,
    /// The corpus file `dossier.ron` at the root, when there is one (not kept in the
    /// metadata cache: `None` for [`Corpus::from_cache_only`]).
    pub corpus_file: Option<CorpusFile>,
}

/// Why a corpus could not be opened at all.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// A corpus path that does not exist.
    #[error("{}: no such file or folder", .0.display())]
    Missing(PathBuf),
    /// A corpus with nothing to read.
    #[error(
        "{}: no documents (.txt, .md, .html, .docx, .odt, .pdf files or .csv, .tsv, .jsonl datasets) found",
        .0.display()
    )]
    Empty(PathBuf),
    /// A `dossier.ron` that cannot be used.
    #[error(transparent)]
    CorpusFile(#[from] corpus_file::CorpusFileError),
    /// A metadata table that cannot be joined.
    #[error(transparent)]
    Table(#[from] table::TableError),
    /// A path that cannot be read at all.
    #[error("{}: {source}", path.display())]
    Io {
        /// The path.
        path: PathBuf,
        /// The error.
        source: std::io::Error,
    },
}

impl Corpus {
    /// The embedded sample corpus.
    pub fn sample() -> Corpus {
        Corpus::from_files(SAMPLE_NAME, SAMPLE)
    }

    /// A corpus of in-memory files `(relative path, bytes)`, for tests and benchmarks;
    /// files that are not documents are skipped as on disk.
    pub fn from_files(name: &str, files: &[(&str, &[u8])]) -> Corpus {
        let mut documents: Vec<Document> = files
            .iter()
            .flat_map(|(path, bytes)| match Format::of(path) {
                Some(format) if format.is_dataset() => {
                    dataset::read::documents_of(path, format, bytes)
                        .map(|(docs, _)| docs)
                        .unwrap_or_default()
                }
                _ => read_document(path, bytes).ok().into_iter().collect(),
            })
            .collect();
        documents.sort_by(|a, b| a.path.cmp(&b.path));
        dataset::tables::drop_tables(&mut documents);
        Corpus {
            name: name.to_owned(),
            source: Source::Sample,
            documents,
            warnings: Vec::new(),
            cache: None,
            tables: Vec::new(),
            corpus_file: None,
        }
    }

    /// Splits the loaded documents into turns again with `splitter` (a corpus's own
    /// pattern, SPEC §10); documents whose text is not loaded keep the turns they have.
    pub fn split_turns(&mut self, splitter: &Splitter) {
        use rayon::prelude::*;
        self.documents
            .par_iter_mut()
            .filter(|d| d.loaded)
            .for_each(|d| d.meta.turns = splitter.split(&d.text));
    }

    /// Finds a document by relative path or unique id prefix.
    pub fn find(&self, key: &str) -> Result<&Document, Lookup> {
        // As given first: a `\xFF` escape in a name that is not UTF-8 is no separator.
        let key_path = key.replace('\\', "/");
        for candidate in [key, key_path.as_str()] {
            let candidate = candidate.trim_start_matches("./");
            if let Some(doc) = self.documents.iter().find(|d| d.path == candidate) {
                return Ok(doc);
            }
        }
        let by_id: Vec<&Document> = if key.len() >= 4 && key.chars().all(|c| c.is_ascii_hexdigit())
        {
            let lower = key.to_ascii_lowercase();
            self.documents
                .iter()
                .filter(|d| d.id.starts_with(&lower))
                .collect()
        } else {
            Vec::new()
        };
        match by_id.as_slice() {
            [doc] => Ok(doc),
            [] => Err(Lookup::Unknown {
                key: key.to_owned(),
                closest: self.closest(key),
            }),
            many => Err(Lookup::Ambiguous {
                key: key.to_owned(),
                candidates: many
                    .iter()
                    .map(|d| format!("{} {}", &d.id, d.path))
                    .collect(),
            }),
        }
    }

    /// The paths most like `key`, best first, for "did you mean".
    fn closest(&self, key: &str) -> Vec<String> {
        use fuzzy_matcher::FuzzyMatcher;
        let matcher = fuzzy_matcher::skim::SkimMatcherV2::default();
        let mut scored: Vec<(i64, &str)> = self
            .documents
            .iter()
            .filter_map(|d| {
                matcher
                    .fuzzy_match(&d.path, key)
                    .map(|s| (s, d.path.as_str()))
            })
            .collect();
        scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(b.1)));
        scored
            .into_iter()
            .take(5)
            .map(|(_, p)| p.to_owned())
            .collect()
    }
}

/// Why `Corpus::find` found no single document.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Lookup {
    /// Nothing matches.
    #[error("no document {key:?}{}", did_you_mean(closest))]
    Unknown {
        /// What was asked for.
        key: String,
        /// The closest paths.
        closest: Vec<String>,
    },
    /// Several ids start with the prefix.
    #[error("{key:?} is ambiguous; it could be: {}", candidates.join(", "))]
    Ambiguous {
        /// What was asked for.
        key: String,
        /// `id path` of every candidate.
        candidates: Vec<String>,
    },
}

fn did_you_mean(closest: &[String]) -> String {
    if closest.is_empty() {
        String::new()
    } else {
        format!("; closest: {}", closest.join(", "))
    }
}

/// Reads one document from its bytes; `Err` says why it is skipped.
pub fn read_document(relative: &str, bytes: &[u8]) -> Result<Document, String> {
    read_with(relative, bytes, None, None)
}

/// Reads one document; `known` is the id and metadata the cache holds for this path, taken
/// instead of extracting the metadata again when the content id is still the same;
/// `cache` is where extracted texts are kept ([`extracted`]).
fn read_with(
    relative: &str,
    bytes: &[u8],
    known: Option<(&str, &Metadata)>,
    cache: Option<&Path>,
) -> Result<Document, String> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err("empty file".to_owned());
    }
    let format = Format::of(relative).unwrap_or(Format::Text);
    if format.is_dataset() {
        return Err("a dataset: its rows are the documents".to_owned());
    }
    if format.is_extracted() {
        return format::read(relative, format, bytes, known, cache);
    }
    if normalize::looks_binary(bytes) {
        return Err("binary file (NUL bytes)".to_owned());
    }
    let id = content_id(bytes);
    let known = known.and_then(|(known_id, meta)| (known_id == id).then_some(meta));
    let mut repairs = Repairs::default();
    let decoded = normalize::decode(bytes, &mut repairs);
    let cleaned = normalize::clean(&decoded, &mut repairs);
    let is_markdown = is_markdown(relative);
    let fallback_title = || crate::text::one_line(relative.rsplit('/').next().unwrap_or(relative));
    let mut warnings: Vec<String> = repairs.describe().into_iter().collect();
    let (text, styles, meta) = if is_markdown {
        let rendered = markdown::render(&cleaned);
        warnings.extend(rendered.problems);
        let meta = match known {
            Some(meta) => meta.clone(),
            None => {
                let mut meta = metadata::extract(&rendered.text, rendered.given, &fallback_title());
                for link in rendered.links {
                    if link.starts_with("http") && !meta.urls.contains(&link) {
                        meta.urls.push(link);
                    }
                }
                path_date::apply(&mut meta, relative);
                meta
            }
        };
        (rendered.text, rendered.styles, meta)
    } else {
        let text = normalize::trim_ends(cleaned);
        let meta = match known {
            Some(meta) => meta.clone(),
            None => {
                let mut meta =
                    metadata::extract(&text, metadata::Given::default(), &fallback_title());
                path_date::apply(&mut meta, relative);
                meta
            }
        };
        (text, Vec::new(), meta)
    };
    if text.trim().is_empty() {
        return Err("no text".to_owned());
    }
    Ok(Document {
        path: relative.to_owned(),
        format,
        id,
        meta,
        text: Arc::from(text),
        loaded: true,
        styles,
        warnings,
        clean: repairs.none(),
        os_path: None,
    })
}

/// True for the paths read as Markdown (`.md`, `.markdown`); the others are plain text.
pub fn is_markdown(path: &str) -> bool {
    let lower = path.to_ascii_lowercase();
    lower.ends_with(".md") || lower.ends_with(".markdown")
}

/// The stable id of a file's content.
pub fn content_id(bytes: &[u8]) -> String {
    blake3::hash(bytes).to_hex()[..16].to_owned()
}

/// The folder that all paths are under: a folder itself, or the parent of files.
fn common_root(paths: &[PathBuf]) -> PathBuf {
    let dirs: Vec<PathBuf> = paths
        .iter()
        .map(|p| {
            if p.is_dir() {
                p.clone()
            } else {
                p.parent().map(Path::to_path_buf).unwrap_or_default()
            }
        })
        .collect();
    let Some(first) = dirs.first() else {
        return PathBuf::new();
    };
    let mut root = first.clone();
    for dir in &dirs[1..] {
        while !dir.starts_with(&root) {
            if !root.pop() {
                return PathBuf::new();
            }
        }
    }
    root
}

/// The corpus name: the folder's name for one folder, else the root's name.
fn corpus_name(paths: &[PathBuf], root: &Path) -> String {
    let base = match paths {
        [one] if one.is_dir() => one.as_path(),
        _ => root,
    };
    base.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .filter(|n| !n.is_empty())
        .unwrap_or_else(|| "corpus".to_owned())
}
