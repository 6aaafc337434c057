//! Opening a corpus on disk: the walk first, then the files read and normalized in parallel
//! (rayon), results kept in path order so documents and warnings come out the same on every
//! run. With the metadata cache ([`super::cache`]) unchanged files skip metadata extraction
//! (`load_cached`), or are not read at all (`index_cached`, `from_cache_only`).

use super::cache::{self, Cache, Entry, Loaded, Outcome, Stamp};
use super::walk::{self, Found};
use super::{Corpus, Document, Source, StoreError, Warning, read_with};
use rayon::prelude::*;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

/// How much of each file to read.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// Every file read; no cache.
    Plain,
    /// Every file read; cached metadata reused for unchanged content.
    Cached,
    /// Files whose size and time match the cache are not read.
    Index,
}

/// The corpus paths, canonical, with their root and name.
struct Resolved {
    canonical: Vec<PathBuf>,
    root: PathBuf,
    name: String,
}

fn resolve(paths: &[PathBuf]) -> Result<Resolved, StoreError> {
    let mut canonical = Vec::new();
    for path in paths {
        let c = std::fs::canonicalize(path).map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => StoreError::Missing(path.clone()),
            _ => StoreError::Io {
                path: path.clone(),
                source: e,
            },
        })?;
        canonical.push(c);
    }
    let root = super::common_root(&canonical);
    let name = super::corpus_name(&canonical, &root);
    Ok(Resolved {
        canonical,
        root,
        name,
    })
}

/// The canonical paths as cache keys; `None` when one is not UTF-8 (not cached).
fn keys(resolved: &Resolved) -> Option<Vec<String>> {
    resolved.canonical.iter().map(|p| cache::utf8(p)).collect()
}

/// What became of one file.
struct FileResult {
    doc: Option<Document>,
    entry: Option<Entry>,
    warning: Option<String>,
}

impl Corpus {
    /// Loads the documents under `paths` (folders are searched recursively), reading the
    /// files in parallel.
    pub fn load(paths: &[PathBuf]) -> Result<Corpus, StoreError> {
        open(paths, None, Mode::Plain, &Progress::default())
    }

    /// Like [`Corpus::load`], with the metadata cache in `cache_dir` (`None`: no cache):
    /// every file is read (the text is needed), but a file whose content is unchanged takes
    /// its metadata from the cache. The cache is rewritten when anything changed.
    pub fn load_cached(paths: &[PathBuf], cache_dir: Option<&Path>) -> Result<Corpus, StoreError> {
        open(paths, cache_dir, Mode::Cached, &Progress::default())
    }

    /// [`Corpus::load_cached`], counting the files read in `progress` as it goes (for a
    /// progress line while the screen already shows the cached list).
    pub fn load_cached_counting(
        paths: &[PathBuf],
        cache_dir: Option<&Path>,
        progress: &Progress,
    ) -> Result<Corpus, StoreError> {
        open(paths, cache_dir, Mode::Cached, progress)
    }

    /// The corpus without texts, for commands that need only metadata: a file whose size
    /// and modification time match the cache is not read (its document has
    /// `loaded == false` and an empty text); new and changed files are read fully. The
    /// cache is rewritten when anything changed.
    pub fn index_cached(paths: &[PathBuf], cache_dir: Option<&Path>) -> Result<Corpus, StoreError> {
        open(paths, cache_dir, Mode::Index, &Progress::default())
    }

    /// [`Corpus::index_cached`], counting the files looked at in `progress`.
    pub fn index_cached_counting(
        paths: &[PathBuf],
        cache_dir: Option<&Path>,
        progress: &Progress,
    ) -> Result<Corpus, StoreError> {
        open(paths, cache_dir, Mode::Index, progress)
    }

    /// The corpus as the cache last saw it, without walking or even looking at the files
    /// (for a first frame before anything is read); every document is unloaded. `None`
    /// when there is no valid cache of these paths (or `cache_dir` is `None`).
    pub fn from_cache_only(paths: &[PathBuf], cache_dir: Option<&Path>) -> Option<Corpus> {
        let cache_dir = cache_dir?;
        let resolved = resolve(paths).ok()?;
        let keys = keys(&resolved)?;
        let loaded = cache::read(cache_dir, &resolved.name, &keys)?;
        let warnings = loaded.cache.warnings();
        let mut documents: Vec<Document> = loaded
            .cache
            .entries
            .into_iter()
            .filter_map(unloaded_document)
            .collect();
        if documents.is_empty() {
            return None;
        }
        documents.sort_by(|a, b| a.path.cmp(&b.path));
        Some(Corpus {
            name: resolved.name,
            source: Source::Paths {
                paths: resolved.canonical,
                root: PathBuf::from(loaded.cache.root),
            },
            documents,
            warnings,
            cache: Some(cache_dir.to_path_buf()),
        })
    }

    /// Reads the text of every unloaded document that `wanted` selects, in parallel. A file
    /// that changed since it was indexed is read as it is now (metadata included); one that
    /// can no longer be read stays unloaded, and the returned warnings say why.
    pub fn load_texts(&mut self, wanted: impl Fn(&Document) -> bool + Sync) -> Vec<Warning> {
        self.load_texts_checked(wanted, |_, _| true)
    }

    /// [`Corpus::load_texts`] with a look at each file's raw bytes first: a document for
    /// which `keep` says no is left unloaded (a phrase query that the raw text already
    /// rules out needs no normalized text).
    pub fn load_texts_checked(
        &mut self,
        wanted: impl Fn(&Document) -> bool + Sync,
        keep: impl Fn(&Document, &[u8]) -> bool + Sync,
    ) -> Vec<Warning> {
        let cache = &self.cache;
        let Source::Paths { root, .. } = &self.source else {
            return Vec::new();
        };
        let results: Vec<(usize, Option<Result<Document, Warning>>)> = self
            .documents
            .par_iter()
            .enumerate()
            .filter(|(_, d)| !d.loaded && wanted(d))
            .map(|(i, d)| {
                let absolute = d.file_in(root);
                // One buffer per thread, reused: most files are looked at and dropped, and
                // a fresh allocation for each would cost page faults on every one.
                let read = BUFFER.with_borrow_mut(|buffer| {
                    let read = match read_into(&absolute, buffer) {
                        // The bytes of a PDF or a DOCX are not its text: only its
                        // extracted text can say whether a phrase is in it.
                        Ok(bytes) if !d.format.is_extracted() && !keep(d, bytes) => None,
                        Ok(bytes) => Some(
                            read_with(&d.path, bytes, Some((&d.id, &d.meta)), cache.as_deref())
                                .map(|doc| Document {
                                    os_path: d.os_path.clone(),
                                    ..doc
                                })
                                .map_err(|reason| format!("skipped: {reason}")),
                        ),
                        Err(e) => Some(Err(format!("skipped: cannot read: {e}"))),
                    };
                    // A huge file's buffer is not kept for the life of the thread.
                    if buffer.len() > KEPT_BUFFER {
                        *buffer = Vec::new();
                    }
                    read
                });
                let Some(read) = read else {
                    return (i, None);
                };
                let read = read.map_err(|message| Warning {
                    path: absolute,
                    message,
                });
                (i, Some(read))
            })
            .collect();
        let mut warnings = Vec::new();
        for (i, result) in results {
            match result {
                Some(Ok(doc)) => self.documents[i] = doc,
                Some(Err(w)) => warnings.push(w),
                None => {}
            }
        }
        warnings
    }
}

/// The largest read buffer kept between files (statements are far smaller).
const KEPT_BUFFER: usize = 4 << 20;

thread_local! {
    /// The buffer [`Corpus::load_texts_checked`] reads files into, one per thread.
    static BUFFER: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// Reads the whole file at `path` into `buffer` (grown as needed, never shrunk) and returns
/// its bytes: an open, reads to the end and a close, without the `stat` and `seek` that
/// `read_to_end` spends on sizing a buffer that is already large enough.
fn read_into<'b>(path: &Path, buffer: &'b mut Vec<u8>) -> std::io::Result<&'b [u8]> {
    use std::io::Read;
    let mut file = std::fs::File::open(path)?;
    let mut len = 0;
    loop {
        if len == buffer.len() {
            buffer.resize((buffer.len() * 2).max(64 * 1024), 0);
        }
        match file.read(&mut buffer[len..]) {
            Ok(0) => return Ok(&buffer[..len]),
            Ok(n) => len += n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
}

/// A document from a cache entry, without its text.
fn unloaded_document(entry: Entry) -> Option<Document> {
    match entry.outcome {
        Outcome::Document {
            id,
            meta,
            styles,
            warnings,
            clean,
        } => Some(Document {
            format: super::Format::of(&entry.path).unwrap_or(super::Format::Text),
            path: entry.path,
            id,
            meta,
            text: Arc::from(""),
            loaded: false,
            styles,
            warnings,
            clean,
            os_path: entry.os_path.as_deref().and_then(cache::os_path),
        }),
        Outcome::Skipped(_) => None,
    }
}

/// How far a load is: files found, and files read so far.
#[derive(Debug, Default)]
pub struct Progress {
    /// Files to read (known once the walk is done).
    pub total: AtomicUsize,
    /// Files read.
    pub done: AtomicUsize,
}

fn open(
    paths: &[PathBuf],
    cache_dir: Option<&Path>,
    mode: Mode,
    progress: &Progress,
) -> Result<Corpus, StoreError> {
    let resolved = resolve(paths)?;
    let keys = keys(&resolved);
    let cache_at = match (cache_dir, &keys, mode) {
        (Some(dir), Some(keys), Mode::Cached | Mode::Index) => Some((dir, keys)),
        _ => None,
    };
    // Reading the cache and walking the folders both take a while: side by side.
    let (found, old): (walk::Walk, Option<Loaded>) = rayon::join(
        || walk::find_files(&resolved.canonical, &resolved.root),
        || cache_at.and_then(|(dir, keys)| cache::read(dir, &resolved.name, keys)),
    );
    progress.total.store(found.files.len(), Ordering::Relaxed);
    let results: Vec<Got> = {
        // foldhash: SipHash over 100,000 paths was 6% of a warm `dossier list`.
        let by_path: HashMap<&str, usize, foldhash::fast::RandomState> = old
            .iter()
            .flat_map(|l| l.cache.entries.iter().enumerate())
            .map(|(i, e)| (e.path.as_str(), i))
            .collect();
        found
            .files
            .par_iter()
            .map(|file| {
                let cached = by_path.get(file.relative.as_str()).copied();
                let got = read_file(file, mode, cached, old.as_ref(), cache_at.map(|(d, _)| d));
                progress.done.fetch_add(1, Ordering::Relaxed);
                got
            })
            .collect()
    };

    let mut warnings = found.warnings;
    let walk_warnings: Vec<(String, String)> = warnings
        .iter()
        .map(|w| (w.path.to_string_lossy().into_owned(), w.message.clone()))
        .collect();
    // The cache may still describe the corpus when no file has come or gone.
    let same_files = old.as_ref().is_some_and(|l| {
        l.cache.entries.len() == results.len()
            && l.cache.walk_warnings == walk_warnings
            && !l.has_racy()
    });
    // When every file was taken from it, its entries move into the documents.
    let untouched = same_files && results.iter().all(|r| matches!(r, Got::Cached(_)));
    // Otherwise it is written again, unless every file read gave the entry it had.
    let mut unchanged = same_files;
    let mut old_entries: Vec<Option<Entry>> = old
        .map(|l| l.cache.entries.into_iter().map(Some).collect())
        .unwrap_or_default();
    let mut documents = Vec::with_capacity(results.len());
    let mut entries = Vec::with_capacity(if untouched { 0 } else { results.len() });
    for (file, got) in found.files.iter().zip(results) {
        let result = match got {
            Got::Read(result, cached) => {
                let before = cached
                    .and_then(|i| old_entries.get(i))
                    .and_then(Option::as_ref);
                unchanged &= before.is_some() && before == result.entry.as_ref();
                result
            }
            Got::Cached(i) => match old_entries.get_mut(i).and_then(Option::take) {
                Some(entry) => from_entry(entry, !untouched),
                None => continue,
            },
        };
        if let Some(message) = result.warning {
            warnings.push(Warning {
                path: file.absolute.clone(),
                message,
            });
        }
        documents.extend(result.doc);
        entries.extend(result.entry);
    }
    if documents.is_empty() {
        let shown = paths.first().cloned().unwrap_or_default();
        return Err(StoreError::Empty(shown));
    }
    documents.sort_by(|a, b| a.path.cmp(&b.path));

    if let Some((dir, keys)) = cache_at
        && !unchanged
    {
        cache::write(
            dir,
            &Cache {
                paths: keys.clone(),
                root: resolved.root.to_string_lossy().into_owned(),
                name: resolved.name.clone(),
                walk_warnings,
                entries,
            },
        );
    }
    Ok(Corpus {
        name: resolved.name,
        source: Source::Paths {
            paths: resolved.canonical,
            root: resolved.root,
        },
        documents,
        warnings,
        cache: cache_at.map(|(dir, _)| dir.to_path_buf()),
    })
}

/// One file: taken from the cache (the index of its entry there), or read (with the index
/// of its old entry, if any).
// One per file, consumed straight away: boxing the large variant would cost an allocation
// for every file read.
#[allow(clippy::large_enum_variant)]
enum Got {
    Cached(usize),
    Read(FileResult, Option<usize>),
}

/// Reads (or, in `Index` mode, looks up) one file; `cached` is the index of its entry in
/// the old cache; extracted texts are kept in `texts`.
fn read_file(
    file: &Found,
    mode: Mode,
    cached: Option<usize>,
    old: Option<&Loaded>,
    texts: Option<&Path>,
) -> Got {
    let index = cached;
    let cannot_read = |e: std::io::Error| {
        let result = FileResult {
            doc: None,
            entry: None,
            warning: Some(format!("skipped: cannot read: {e}")),
        };
        Got::Read(result, index)
    };
    // Stat before reading: a change after the stat then shows as a new time next run.
    let stamp = if mode == Mode::Plain {
        None
    } else {
        match std::fs::metadata(&file.absolute) {
            Ok(m) => Some(Stamp::of(&m)),
            Err(e) => return cannot_read(e),
        }
    };
    let cached = old
        .zip(cached)
        .and_then(|(l, i)| Some((i, l.cache.entries.get(i)?, l)));
    if let (Mode::Index, Some((i, entry, old)), Some(stamp)) = (mode, cached, stamp)
        && old.trusts(entry, stamp)
    {
        return Got::Cached(i);
    }
    let known = match cached.map(|(_, e, _)| &e.outcome) {
        Some(Outcome::Document { id, meta, .. }) => Some((id.as_str(), meta)),
        _ => None,
    };
    // An unchanged PDF or DOCX need not be read: its text is in the extracted-text cache.
    let unchanged = match (cached, stamp, known, texts) {
        (Some((_, entry, old)), Some(stamp), Some((id, meta)), Some(texts))
            if old.trusts(entry, stamp) =>
        {
            super::format::read_unchanged(&file.relative, id, meta, texts)
        }
        _ => None,
    };
    let read = match unchanged {
        Some(read) => read,
        None => match std::fs::read(&file.absolute) {
            Ok(bytes) => read_with(&file.relative, &bytes, known, texts),
            Err(e) => return cannot_read(e),
        },
    }
    .map(|doc| Document {
        os_path: file.os_relative.clone(),
        ..doc
    });
    let entry = |outcome| {
        stamp.map(|stamp| Entry {
            path: file.relative.clone(),
            shown: file.absolute.to_string_lossy().into_owned(),
            os_path: file.os_relative.as_deref().and_then(cache::os_bytes),
            stamp,
            outcome,
        })
    };
    let result = match read {
        Ok(doc) => FileResult {
            warning: (!doc.warnings.is_empty()).then(|| doc.warnings.join("; ")),
            entry: entry(Outcome::Document {
                id: doc.id.clone(),
                meta: doc.meta.clone(),
                styles: doc.styles.clone(),
                warnings: doc.warnings.clone(),
                clean: doc.clean,
            }),
            doc: Some(doc),
        },
        Err(reason) => FileResult {
            doc: None,
            entry: entry(Outcome::Skipped(reason.to_owned())),
            warning: Some(format!("skipped: {reason}")),
        },
    };
    Got::Read(result, index)
}

/// A file taken from the cache without reading it; `keep` keeps the entry for a new cache.
fn from_entry(entry: Entry, keep: bool) -> FileResult {
    let warning = match &entry.outcome {
        Outcome::Document { warnings, .. } if warnings.is_empty() => None,
        Outcome::Document { warnings, .. } => Some(warnings.join("; ")),
        Outcome::Skipped(reason) => Some(format!("skipped: {reason}")),
    };
    let (doc, entry) = if keep {
        (unloaded_document(entry.clone()), Some(entry))
    } else {
        (unloaded_document(entry), None)
    };
    FileResult {
        doc,
        entry,
        warning,
    }
}
