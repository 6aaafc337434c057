//! Opening a corpus on disk: the walk first, then the files read and normalized in parallel
//! (rayon), results kept in path order so documents and warnings come out the same on every
//! run. With the metadata cache ([`super::cache`]) unchanged files skip metadata extraction
//! (`load_cached`), or are not read at all (`index_cached`, `from_cache_only`).

use super::cache::{self, Cache, Entry, Loaded, Outcome, Stamp};
use super::walk::{self, Found};
use super::{Corpus, Document, Source, StoreError, Warning, corpus_meta, read_with, table};
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
    /// Its documents: one, none, or a dataset's rows.
    docs: Vec<Document>,
    entry: Option<Entry>,
    warnings: Vec<Warning>,
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
            .flat_map(unloaded_documents)
            .collect();
        if documents.is_empty() {
            return None;
        }
        documents.sort_by(|a, b| a.path.cmp(&b.path));
        let root = PathBuf::from(&loaded.cache.root);
        let mut warnings = warnings;
        warnings.extend(table_warnings(&mut documents, &root));
        Some(Corpus {
            name: resolved.name,
            source: Source::Paths {
                paths: resolved.canonical,
                root,
            },
            documents,
            warnings,
            cache: Some(cache_dir.to_path_buf()),
            tables: loaded.cache.setup.reports,
            corpus_file: None,
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
            .filter(|(_, d)| !d.loaded && !d.format.is_dataset() && wanted(d))
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
        let root = root.clone();
        warnings.extend(self.load_rows(&root, &wanted));
        warnings
    }

    /// Reads the texts of the unloaded rows of datasets that `wanted` selects, one pass
    /// over each file (in parallel across files), keeping only the rows asked for.
    fn load_rows(
        &mut self,
        root: &Path,
        wanted: &(impl Fn(&Document) -> bool + Sync),
    ) -> Vec<Warning> {
        use std::collections::BTreeMap;
        let mut files: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
        for (i, d) in self.documents.iter().enumerate() {
            if !d.loaded
                && d.format.is_dataset()
                && let Some((file, _, _)) = super::dataset::split_path(&d.path)
                && wanted(d)
            {
                files.entry(file).or_default().push(i);
            }
        }
        if files.is_empty() {
            return Vec::new();
        }
        let cache = self.cache.as_deref();
        let documents = &self.documents;
        let read: Vec<(Vec<usize>, RowsRead)> = files
            .into_par_iter()
            .map(|(file, rows)| {
                let first = &documents[rows[0]];
                let absolute = first.file_in(root);
                let known: super::dataset::read::Known = rows
                    .iter()
                    .map(|&i| {
                        let d = &documents[i];
                        (d.path.as_str(), (d.id.as_str(), &d.meta))
                    })
                    .collect();
                let keep = |path: &str| known.contains_key(path);
                let read = super::dataset::read::read_file(
                    file,
                    first.format,
                    &absolute,
                    None,
                    &known,
                    cache,
                    &keep,
                )
                .map(|r| r.docs)
                .map_err(|reason| Warning {
                    path: absolute.clone(),
                    message: format!("skipped: {reason}"),
                });
                (rows, read)
            })
            .collect();
        let mut warnings = Vec::new();
        for (rows, read) in read {
            let mut docs: HashMap<String, Document> = match read {
                Ok(docs) => docs.into_iter().map(|d| (d.path.clone(), d)).collect(),
                Err(w) => {
                    warnings.push(w);
                    continue;
                }
            };
            for i in rows {
                let old = &self.documents[i];
                match docs.remove(&old.path) {
                    Some(doc) => {
                        let os_path = old.os_path.clone();
                        self.documents[i] = Document { os_path, ..doc };
                    }
                    None => warnings.push(Warning {
                        path: root.join(&old.path),
                        message: "skipped: the row is no longer in its file".to_owned(),
                    }),
                }
            }
        }
        warnings
    }
}

/// The documents of a dataset's rows read again, or why they could not be.
type RowsRead = Result<Vec<Document>, Warning>;

/// Takes out the rows of the CSV and TSV files that are tables of the other documents
/// ([`super::dataset::tables`]), with a warning for each such file.
fn table_warnings(documents: &mut Vec<Document>, root: &Path) -> Vec<Warning> {
    super::dataset::tables::drop_tables(documents)
        .into_iter()
        .map(|(file, message)| Warning {
            path: root.join(file),
            message,
        })
        .collect()
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

/// The documents of a cache entry, without their texts: one, none, or a dataset's rows.
fn unloaded_documents(entry: Entry) -> Vec<Document> {
    let os_path = entry.os_path.as_deref().and_then(cache::os_path);
    match entry.outcome {
        Outcome::Document {
            id,
            meta,
            styles,
            warnings,
            clean,
        } => vec![Document {
            format: super::Format::of(&entry.path).unwrap_or(super::Format::Text),
            path: entry.path,
            id,
            meta,
            text: Arc::from(""),
            loaded: false,
            styles,
            warnings,
            clean,
            os_path,
        }],
        Outcome::Dataset { rows, .. } => {
            let format = super::Format::of(&entry.path).unwrap_or(super::Format::Csv);
            rows.into_iter()
                .map(|row| Document {
                    path: row.path,
                    format,
                    id: row.id,
                    meta: row.meta,
                    text: Arc::from(""),
                    loaded: false,
                    styles: Vec::new(),
                    warnings: row.warnings,
                    clean: false,
                    os_path: os_path.clone(),
                })
                .collect()
        }
        Outcome::Skipped(_) => Vec::new(),
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
    open_with(paths, cache_dir, mode, progress, true)
}

/// Opens the corpus; without `use_old`, the old cache is not read (but written anew).
fn open_with(
    paths: &[PathBuf],
    cache_dir: Option<&Path>,
    mode: Mode,
    progress: &Progress,
    use_old: bool,
) -> Result<Corpus, StoreError> {
    let resolved = resolve(paths)?;
    let keys = keys(&resolved);
    let cache_at = match (cache_dir, &keys, mode) {
        (Some(dir), Some(keys), Mode::Cached | Mode::Index) => Some((dir, keys)),
        _ => None,
    };
    let setup = corpus_meta::setup(&resolved.root)?;
    // Reading the cache and walking the folders both take a while: side by side.
    let (mut found, old): (walk::Walk, Option<Loaded>) = rayon::join(
        || walk::find_files(&resolved.canonical, &resolved.root),
        || {
            cache_at
                .filter(|_| use_old)
                .and_then(|(dir, keys)| cache::read(dir, &resolved.name, keys))
                .filter(|old| setup_unchanged(old, &setup, &resolved.root))
        },
    );
    // Tables are not documents: those named, and those joined last time, are not read. (A
    // handful: looked through, where hashing every path of the corpus cost more.)
    let tables: Vec<String> = setup
        .configured_files()
        .map(str::to_owned)
        .chain(
            old.iter()
                .flat_map(|l| l.cache.setup.tables.iter().map(|(p, _)| p.clone())),
        )
        .collect();
    // Tables may join by themselves: those at the root, the ones left out here included.
    let candidates: Vec<String> = found
        .files
        .iter()
        .map(|f| &f.relative)
        .filter(|f| table::detect::is_candidate(f) && !setup.configured_files().any(|c| c == *f))
        .cloned()
        .collect();
    let early = early_tables(&setup, &resolved.root, &found, &candidates, old.is_none());
    found
        .files
        .retain(|f| !tables.contains(&f.relative) && !early.iter().any(|s| s.file == f.relative));
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
    let old_setup = old.as_ref().map(|l| l.cache.setup.clone());
    let had_entries = old.as_ref().is_some_and(|l| !l.cache.entries.is_empty());
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
                Some(entry) => from_entry(entry, &file.absolute, !untouched),
                None => continue,
            },
        };
        warnings.extend(result.warnings);
        documents.extend(result.docs);
        entries.extend(result.entry);
    }
    documents.sort_by(|a, b| a.path.cmp(&b.path));
    warnings.extend(table_warnings(&mut documents, &resolved.root));

    // The corpus file and the tables: from the cache when nothing was read, else applied
    // to every document (again, for those from the cache: it changes nothing there).
    let (reports, setup_entry) = match old_setup.clone().filter(|_| untouched) {
        Some(entry) => {
            warnings.extend(entry.warnings.iter().map(|(p, m)| Warning {
                path: PathBuf::from(p),
                message: m.clone(),
            }));
            (entry.reports.clone(), entry)
        }
        None => {
            let candidates: Vec<&str> = candidates.iter().map(String::as_str).collect();
            let applied = setup.apply(&resolved.root, &mut documents, &candidates, early)?;
            let joined: Vec<&str> = applied.reports.iter().map(|r| r.path.as_str()).collect();
            let before: Option<Vec<&str>> = old_setup
                .as_ref()
                .map(|s| s.tables.iter().map(|(p, _)| p.as_str()).collect());
            // A table joined now that was not (or the other way round) changes documents
            // the cache holds: they are all read again.
            if use_old && had_entries && before.is_some_and(|b| b != joined) {
                return open_with(paths, cache_dir, mode, progress, false);
            }
            forget_tables(
                &joined,
                &resolved.root,
                &mut documents,
                &mut entries,
                &mut warnings,
            );
            give_entries(&documents, &mut entries);
            warnings.extend(applied.warnings.iter().cloned());
            let entry = cache::SetupEntry {
                corpus_file: setup.stamp,
                tables: joined
                    .iter()
                    .filter_map(|p| {
                        let meta = std::fs::metadata(resolved.root.join(p)).ok()?;
                        Some(((*p).to_owned(), Stamp::of(&meta)))
                    })
                    .collect(),
                reports: applied.reports.clone(),
                warnings: applied
                    .warnings
                    .iter()
                    .map(|w| (w.path.to_string_lossy().into_owned(), w.message.clone()))
                    .collect(),
            };
            unchanged &= old_setup.as_ref() == Some(&entry);
            (applied.reports, entry)
        }
    };
    if documents.is_empty() {
        let shown = paths.first().cloned().unwrap_or_default();
        return Err(StoreError::Empty(shown));
    }

    if let Some((dir, keys)) = cache_at
        && !unchanged
    {
        cache::write(
            dir,
            Cache {
                paths: keys.clone(),
                root: resolved.root.to_string_lossy().into_owned(),
                name: resolved.name.clone(),
                walk_warnings,
                entries,
                setup: setup_entry,
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
        tables: reports,
        corpus_file: setup.file,
    })
}

/// With no cache to say which files are tables, the CSV and TSV files at the root that join
/// by themselves to the other files found: known before anything is read, a 100,000-row
/// table is not first read as a dataset and then dropped. With a cache, a table joined last
/// time is not read at all and a new one is found after the load, as before.
fn early_tables(
    setup: &corpus_meta::Setup,
    root: &Path,
    found: &walk::Walk,
    candidates: &[String],
    no_cache: bool,
) -> Vec<table::Spec> {
    if !no_cache || setup.configured_files().next().is_some() || candidates.is_empty() {
        return Vec::new();
    }
    let paths: Vec<&str> = found
        .files
        .iter()
        .map(|f| f.relative.as_str())
        .filter(|p| super::Format::of(p).is_some_and(|f| !f.is_dataset()))
        .collect();
    let candidates: Vec<&str> = candidates.iter().map(String::as_str).collect();
    table::detect::detect(root, &candidates, &paths)
}

/// Whether the cache was made with the corpus file and the tables as they are now.
fn setup_unchanged(old: &Loaded, setup: &corpus_meta::Setup, root: &Path) -> bool {
    let was = &old.cache.setup;
    let corpus_file = match (was.corpus_file, setup.stamp) {
        (None, None) => true,
        (Some(then), Some(now)) => old.trusts_stamp(then, now),
        _ => false,
    };
    corpus_file
        && was.tables.iter().all(|(path, then)| {
            std::fs::metadata(root.join(path)).is_ok_and(|m| old.trusts_stamp(*then, Stamp::of(&m)))
        })
}

/// Takes the joined tables out of the documents, the cache entries and the warnings: they
/// were read as datasets (or skipped as no dataset) before they were known to be tables.
fn forget_tables(
    joined: &[&str],
    root: &Path,
    documents: &mut Vec<Document>,
    entries: &mut Vec<Entry>,
    warnings: &mut Vec<Warning>,
) {
    if joined.is_empty() {
        return;
    }
    let shown: Vec<PathBuf> = joined.iter().map(|p| root.join(p)).collect();
    documents.retain(|d| !(d.format.is_dataset() && joined.contains(&d.file())));
    entries.retain(|e| !joined.contains(&e.path.as_str()));
    warnings.retain(|w| {
        !shown
            .iter()
            .any(|s| w.path == *s || w.path.starts_with(format!("{}#", s.display())))
    });
}

/// Gives the cache entries of the documents read now their joined metadata.
fn give_entries(documents: &[Document], entries: &mut [Entry]) {
    entries.par_iter_mut().for_each(|entry| {
        if let Outcome::Document { meta, .. } = &mut entry.outcome
            && let Ok(i) = documents.binary_search_by(|d| d.path.as_str().cmp(&entry.path))
            && documents[i].loaded
            && documents[i].meta != *meta
        {
            *meta = documents[i].meta.clone();
        }
    });
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
            docs: Vec::new(),
            entry: None,
            warnings: vec![Warning {
                path: file.absolute.clone(),
                message: format!("skipped: cannot read: {e}"),
            }],
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
    if let Some(format) = super::Format::of(&file.relative).filter(|f| f.is_dataset()) {
        let trusted = match (cached, stamp) {
            (Some((_, entry, old)), Some(stamp)) => old.trusts(entry, stamp).then_some(entry),
            _ => None,
        };
        let old = cached.map(|(_, entry, _)| entry);
        return Got::Read(
            read_dataset(file, format, stamp, old, trusted, texts),
            index,
        );
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
    let warning = |message| {
        vec![Warning {
            path: file.absolute.clone(),
            message,
        }]
    };
    let result = match read {
        Ok(doc) => FileResult {
            warnings: if doc.warnings.is_empty() {
                Vec::new()
            } else {
                warning(doc.warnings.join("; "))
            },
            entry: entry(Outcome::Document {
                id: doc.id.clone(),
                meta: doc.meta.clone(),
                styles: doc.styles.clone(),
                warnings: doc.warnings.clone(),
                clean: doc.clean,
            }),
            docs: vec![doc],
        },
        Err(reason) => FileResult {
            docs: Vec::new(),
            entry: entry(Outcome::Skipped(reason.to_owned())),
            warnings: warning(format!("skipped: {reason}")),
        },
    };
    Got::Read(result, index)
}

/// Reads a dataset file: `old` is its entry in the old cache, `trusted` the same when its
/// size and times prove the file unchanged since (its content id is then not computed
/// again); extracted rows are kept in `texts`.
fn read_dataset(
    file: &Found,
    format: super::Format,
    stamp: Option<Stamp>,
    old: Option<&Entry>,
    trusted: Option<&Entry>,
    texts: Option<&Path>,
) -> FileResult {
    let id = match trusted.map(|e| &e.outcome) {
        Some(Outcome::Dataset { id, .. }) => Some(id.as_str()),
        _ => None,
    };
    let known: super::dataset::read::Known = match old.map(|e| &e.outcome) {
        Some(Outcome::Dataset { rows, .. }) => rows
            .iter()
            .map(|r| (r.path.as_str(), (r.id.as_str(), &r.meta)))
            .collect(),
        _ => Default::default(),
    };
    let read = super::dataset::read::read_file(
        &file.relative,
        format,
        &file.absolute,
        id,
        &known,
        texts,
        &|_| true,
    );
    let shown = file.absolute.to_string_lossy();
    let (docs, outcome, warnings) = match read {
        Ok(read) => {
            let docs: Vec<Document> = read
                .docs
                .into_iter()
                .map(|doc| Document {
                    os_path: file.os_relative.clone(),
                    ..doc
                })
                .collect();
            let rows: Vec<cache::RowEntry> = docs
                .iter()
                .map(|d| cache::RowEntry {
                    path: d.path.clone(),
                    id: d.id.clone(),
                    meta: d.meta.clone(),
                    warnings: d.warnings.clone(),
                })
                .collect();
            let warnings = cache::dataset_warnings(&shown, &rows, &read.notes);
            let outcome = Outcome::Dataset {
                id: read.id,
                rows,
                notes: read.notes,
            };
            (docs, outcome, warnings)
        }
        Err(reason) => {
            let warnings = vec![Warning {
                path: file.absolute.clone(),
                message: format!("skipped: {reason}"),
            }];
            (Vec::new(), Outcome::Skipped(reason), warnings)
        }
    };
    let entry = stamp.map(|stamp| Entry {
        path: file.relative.clone(),
        shown: shown.into_owned(),
        os_path: file.os_relative.as_deref().and_then(cache::os_bytes),
        stamp,
        outcome,
    });
    FileResult {
        docs,
        entry,
        warnings,
    }
}

/// A file taken from the cache without reading it (at `absolute`); `keep` keeps the entry
/// for a new cache.
fn from_entry(entry: Entry, absolute: &Path, keep: bool) -> FileResult {
    let one = |message| {
        vec![Warning {
            path: absolute.to_path_buf(),
            message,
        }]
    };
    let warnings = match &entry.outcome {
        Outcome::Document { warnings, .. } if warnings.is_empty() => Vec::new(),
        Outcome::Document { warnings, .. } => one(warnings.join("; ")),
        Outcome::Dataset { rows, notes, .. } => {
            cache::dataset_warnings(&absolute.to_string_lossy(), rows, notes)
        }
        Outcome::Skipped(reason) => one(format!("skipped: {reason}")),
    };
    let (docs, entry) = if keep {
        (unloaded_documents(entry.clone()), Some(entry))
    } else {
        (unloaded_documents(entry), None)
    };
    FileResult {
        docs,
        entry,
        warnings,
    }
}
