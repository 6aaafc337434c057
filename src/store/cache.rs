//! The metadata cache: what the last load learnt of every file (its size, modification and
//! change times and inode, content id, metadata, styles and warnings), so that the next start can show the
//! corpus without reading any document. One file per corpus in the data folder, in
//! `postcard` behind a magic line, a format version and a BLAKE3 checksum: anything that does
//! not check out (foreign version, truncated, corrupt, another corpus) is ignored, never
//! trusted and never an error; the next load simply writes a new one.

use super::{Metadata, StyledRange, Warning};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use std::time::SystemTime;

const MAGIC: &[u8] = b"dossier metadata cache\n";
/// Raised whenever the layout of [`Cache`] or of the metadata changes.
const VERSION: u32 = 8;
const HASH_LEN: usize = 32;

/// A file modified this close to the moment the cache was written may have changed again
/// within the same timestamp tick, so its size and time prove nothing (Git's "racy clean").
const RACY_NANOS: i64 = 2_000_000_000;

/// The default folder of cache files: the platform's cache folder for dossier
/// (`$XDG_CACHE_HOME/dossier`, else `~/.cache/dossier`).
pub fn cache_dir() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "dossier").map(|d| d.cache_dir().to_path_buf())
}

/// Where earlier versions kept the cache: `<data dir>/dossier/cache`.
fn old_cache_dir() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "dossier").map(|d| d.data_dir().join("cache"))
}

/// Moves the cache of earlier versions out of the data folder into [`cache_dir`], once: only
/// when the old folder exists and the new one does not. A cache can always be built again,
/// so a move that fails (another file system, say) removes the old folder instead of copying
/// what may be gigabytes; nothing here is ever an error.
pub fn move_old_cache() {
    if let (Some(old), Some(new)) = (old_cache_dir(), cache_dir()) {
        move_cache(&old, &new);
    }
}

fn move_cache(old: &Path, new: &Path) {
    if !old.is_dir() || new.exists() {
        return;
    }
    let moved = new
        .parent()
        .is_some_and(|parent| std::fs::create_dir_all(parent).is_ok())
        && std::fs::rename(old, new).is_ok();
    if !moved {
        let _ = std::fs::remove_dir_all(old);
    }
}

/// What identifies a file's state on disk without reading it. As in Git's index, the
/// change time and the inode are part of it: the modification time can be set back
/// (`touch -d`, an unpacked archive) and a file replaced by another of the same size and
/// time, but every write moves the change time and a replacement has another inode.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub(super) struct Stamp {
    /// Size in bytes.
    pub size: u64,
    /// Modification time in nanoseconds since 1970, when the platform gives one.
    pub mtime_ns: Option<i64>,
    /// Status change time in nanoseconds since 1970 (Unix).
    pub ctime_ns: Option<i64>,
    /// The inode (Unix).
    pub inode: Option<u64>,
}

impl Stamp {
    /// The stamp of a file's metadata.
    pub fn of(meta: &std::fs::Metadata) -> Stamp {
        #[cfg(unix)]
        let (ctime_ns, inode) = {
            use std::os::unix::fs::MetadataExt;
            let ctime = meta
                .ctime()
                .checked_mul(1_000_000_000)
                .and_then(|s| s.checked_add(meta.ctime_nsec()));
            (ctime, Some(meta.ino()))
        };
        #[cfg(not(unix))]
        let (ctime_ns, inode) = (None, None);
        Stamp {
            size: meta.len(),
            mtime_ns: meta.modified().ok().and_then(nanos),
            ctime_ns,
            inode,
        }
    }
}

/// Nanoseconds since 1970 of a time, if representable.
fn nanos(t: SystemTime) -> Option<i64> {
    match t.duration_since(SystemTime::UNIX_EPOCH) {
        Ok(d) => i64::try_from(d.as_nanos()).ok(),
        Err(e) => i64::try_from(e.duration().as_nanos()).ok().map(|n| -n),
    }
}

/// What reading a file gave.
// Nearly every entry is a document: boxing it would cost an allocation each for nothing.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(super) enum Outcome {
    /// A document.
    Document {
        /// Content id.
        id: String,
        /// Metadata.
        meta: Metadata,
        /// Markdown styles.
        styles: Vec<StyledRange>,
        /// Repairs.
        warnings: Vec<String>,
        /// Whether the bytes needed no repair ([`super::Document::clean`]).
        clean: bool,
    },
    /// A dataset: one document per row (SPEC §11).
    Dataset {
        /// The whole file's content id.
        id: String,
        /// Its rows, in file order.
        rows: Vec<RowEntry>,
        /// Notes on bad rows.
        notes: Vec<String>,
    },
    /// Not a document (empty, binary, no text): why.
    Skipped(String),
}

/// One row of a dataset as last read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(super) struct RowEntry {
    /// The document path, `FILE#KEY`.
    pub path: String,
    /// The row's content id.
    pub id: String,
    /// Metadata.
    pub meta: Metadata,
    /// Repairs.
    pub warnings: Vec<String>,
}

/// One file of the corpus as last read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(super) struct Entry {
    /// Path relative to the corpus root.
    pub path: String,
    /// The path shown in warnings.
    pub shown: String,
    /// The relative path's bytes as the system has them, when `path` is not it.
    pub os_path: Option<Vec<u8>>,
    /// Size and time when read.
    pub stamp: Stamp,
    /// What it was.
    pub outcome: Outcome,
}

/// The whole cache of one corpus.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(super) struct Cache {
    /// The canonical corpus paths it describes.
    pub paths: Vec<String>,
    /// The corpus root.
    pub root: String,
    /// The corpus name.
    pub name: String,
    /// Warnings of the walk (loops, unreadable folders): `(path, message)`.
    pub walk_warnings: Vec<(String, String)>,
    /// Every file found, by relative path (the tables joined left out).
    pub entries: Vec<Entry>,
    /// What the corpus file and the tables were when the metadata was made.
    pub setup: SetupEntry,
}

/// The corpus file and the tables the cached metadata was joined with (SPEC §10): when
/// either changes, the whole cache is stale.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub(super) struct SetupEntry {
    /// The stamp of `dossier.ron`, if there was one.
    pub corpus_file: Option<Stamp>,
    /// The tables joined, by relative path, with their stamps.
    pub tables: Vec<(String, Stamp)>,
    /// Their reports.
    pub reports: Vec<super::table::TableReport>,
    /// Warnings of the setup: `(path, message)`.
    pub warnings: Vec<(String, String)>,
}

/// A cache read back, with the time it was written.
pub(super) struct Loaded {
    /// The contents.
    pub cache: Cache,
    /// The cache file's modification time (ns), for the racy check.
    written_ns: Option<i64>,
}

impl Loaded {
    /// Whether the file `stamp` describes may be taken from the cache without reading it.
    pub fn trusts(&self, entry: &Entry, stamp: Stamp) -> bool {
        match (entry.stamp.mtime_ns, self.written_ns) {
            (Some(m), Some(w)) => entry.stamp == stamp && m < w.saturating_sub(RACY_NANOS),
            _ => false,
        }
    }

    /// Whether a file that had `old` as its stamp when the cache was written is unchanged
    /// now that it has `now`.
    pub fn trusts_stamp(&self, old: Stamp, now: Stamp) -> bool {
        match (old.mtime_ns, self.written_ns) {
            (Some(m), Some(w)) => old == now && m < w.saturating_sub(RACY_NANOS),
            _ => false,
        }
    }

    /// Whether some entry was too recent to be trusted by size and time alone; writing
    /// the cache again moves its time past them.
    pub fn has_racy(&self) -> bool {
        let Some(w) = self.written_ns else {
            return true;
        };
        self.cache.entries.iter().any(|e| {
            e.stamp
                .mtime_ns
                .is_none_or(|m| m >= w.saturating_sub(RACY_NANOS))
        })
    }
}

/// A relative path as the bytes the cache keeps (Unix; elsewhere such names are read by
/// their shown path).
pub(super) fn os_bytes(path: &Path) -> Option<Vec<u8>> {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        Some(path.as_os_str().as_bytes().to_vec())
    }
    #[cfg(not(unix))]
    {
        let _ = path;
        None
    }
}

/// The relative path of [`os_bytes`] again.
pub(super) fn os_path(bytes: &[u8]) -> Option<PathBuf> {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        Some(PathBuf::from(std::ffi::OsStr::from_bytes(bytes)))
    }
    #[cfg(not(unix))]
    {
        let _ = bytes;
        None
    }
}

/// The path as UTF-8, or `None` (such corpora are not cached).
pub(super) fn utf8(path: &Path) -> Option<String> {
    path.to_str().map(str::to_owned)
}

/// The cache file of a corpus: `<dir>/<name>-<8 hex of the hash of its paths>.bin`.
pub(super) fn file_of(dir: &Path, name: &str, paths: &[String]) -> PathBuf {
    let mut hasher = blake3::Hasher::new();
    for p in paths {
        hasher.update(p.as_bytes());
        hasher.update(b"\0");
    }
    let hash = hasher.finalize().to_hex();
    let safe = crate::text::file_safe(name);
    dir.join(format!("{safe}-{}.bin", &hash[..8]))
}

/// Reads the cache of the corpus at `paths`; `None` when absent or not valid.
pub(super) fn read(dir: &Path, name: &str, paths: &[String]) -> Option<Loaded> {
    let file = file_of(dir, name, paths);
    let bytes = std::fs::read(&file).ok()?;
    let written_ns = std::fs::metadata(&file)
        .ok()
        .and_then(|m| m.modified().ok())
        .and_then(nanos);
    let cache = decode(&bytes)?;
    (cache.paths == paths && cache.name == name).then_some(Loaded { cache, written_ns })
}

/// Writes the cache, its documents' extra fields apart ([`super::cache_fields`]); a failure
/// only costs speed next time, so it is not reported.
pub(super) fn write(dir: &Path, mut cache: Cache) {
    let file = file_of(dir, &cache.name, &cache.paths);
    let fields = super::cache_fields::pack(&mut cache);
    let Ok(body) = postcard::to_stdvec(&(&cache, &fields)) else {
        return;
    };
    let mut bytes = Vec::with_capacity(MAGIC.len() + 4 + HASH_LEN + body.len());
    bytes.extend_from_slice(MAGIC);
    bytes.extend_from_slice(&VERSION.to_le_bytes());
    bytes.extend_from_slice(blake3::hash(&body).as_bytes());
    bytes.extend_from_slice(&body);
    if std::fs::create_dir_all(dir).is_ok() {
        let _ = crate::atomic::write_atomic(&file, &bytes, false);
    }
}

/// The cache in `bytes`, if they are a whole, uncorrupted cache of this version.
fn decode(bytes: &[u8]) -> Option<Cache> {
    let rest = bytes.strip_prefix(MAGIC)?;
    let (version, rest) = rest.split_first_chunk::<4>()?;
    if u32::from_le_bytes(*version) != VERSION {
        return None;
    }
    let (hash, body) = rest.split_first_chunk::<HASH_LEN>()?;
    if blake3::hash(body).as_bytes() != hash {
        return None;
    }
    match postcard::take_from_bytes::<(Cache, super::cache_fields::Packed)>(body) {
        Ok(((mut cache, fields), [])) => {
            super::cache_fields::unpack(&mut cache, fields)?;
            Some(cache)
        }
        _ => None,
    }
}

impl Cache {
    /// The corpus warnings this cache describes, in load order.
    pub fn warnings(&self) -> Vec<Warning> {
        let walk = self.walk_warnings.iter().map(|(p, m)| Warning {
            path: PathBuf::from(p),
            message: m.clone(),
        });
        let files = self.entries.iter().flat_map(|e| {
            let one = |message| {
                vec![Warning {
                    path: PathBuf::from(&e.shown),
                    message,
                }]
            };
            match &e.outcome {
                Outcome::Document { warnings, .. } if warnings.is_empty() => Vec::new(),
                Outcome::Document { warnings, .. } => one(warnings.join("; ")),
                Outcome::Dataset { rows, notes, .. } => dataset_warnings(&e.shown, rows, notes),
                Outcome::Skipped(reason) => one(format!("skipped: {reason}")),
            }
        });
        let setup = self.setup.warnings.iter().map(|(p, m)| Warning {
            path: PathBuf::from(p),
            message: m.clone(),
        });
        walk.chain(files).chain(setup).collect()
    }
}

/// The warnings of a dataset at `shown`: its notes on bad rows, then its repaired rows
/// (each shown as `FILE#KEY`).
pub(super) fn dataset_warnings(shown: &str, rows: &[RowEntry], notes: &[String]) -> Vec<Warning> {
    let notes = notes.iter().map(|note| Warning {
        path: PathBuf::from(shown),
        message: note.clone(),
    });
    let rows = rows.iter().filter(|r| !r.warnings.is_empty()).map(|r| {
        let key = super::dataset::split_path(&r.path).map_or("", |(_, key, _)| key);
        Warning {
            path: PathBuf::from(format!("{shown}#{key}")),
            message: r.warnings.join("; "),
        }
    });
    notes.chain(rows).collect()
}
