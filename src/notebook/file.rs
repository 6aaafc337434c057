//! The notebook on disk: where it lives, reading it, saving it atomically (with a
//! `.bak` of the previous version), and the OS lock that lets one dossier write it while
//! others read. The lock is held on an empty sidecar file, `.<name>.lock`, because the
//! notebook itself is replaced on every save; the kernel drops the lock when its process
//! ends, however it ends, so a leftover sidecar never blocks anyone.

use super::error::NotebookError;
use super::format;
use super::model::Notebook;
use crate::store::{Corpus, Source};
use std::fs::{File, OpenOptions, TryLockError};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// How long a command-line verb waits for another verb's lock before giving up.
pub const CLI_WAIT: Duration = Duration::from_secs(3);

/// The largest notebook read: far above any real one (100,000 highlighted documents make
/// some 100 MB), and a bound on what a wrong `--notebook` can make dossier read.
pub const MAX_BYTES: u64 = 1 << 30;

/// An open notebook file: the lock on it (unless read-only) and what was last read from or
/// written to it, so a save that changes nothing does not touch the disk.
#[derive(Debug)]
pub struct NotebookFile {
    path: PathBuf,
    /// The locked sidecar; `None` when another dossier holds the lock.
    lock: Option<File>,
    /// Why there is no lock: said to the analyst, who must know whether to close another
    /// dossier or to move the notebook.
    read_only: Option<String>,
    /// The file's text as last read or written; `None` when there is no file yet.
    saved: Option<String>,
    /// The version the file was migrated from, until the first save keeps a copy of it.
    migrated_from: Option<u32>,
    /// Memory for the next save's text, reused from save to save.
    scratch: String,
}

/// What a save did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SaveOutcome {
    /// The file was written.
    Written,
    /// The file already held exactly this notebook (or the notebook is empty and there is
    /// no file): nothing was written.
    Unchanged,
}

impl NotebookFile {
    /// Opens the notebook at `path`, or an empty one for `corpus_name` when there is no
    /// file yet. Takes the lock without waiting; when another dossier holds it (or the
    /// folder is read-only), opens read-only ([`NotebookFile::is_read_only`]) and will
    /// never write. Highlights are not checked here: call [`super::reconcile`] with the
    /// corpus next.
    pub fn open(path: &Path, corpus_name: &str) -> Result<(NotebookFile, Notebook), NotebookError> {
        check_place(path)?;
        let (lock, read_only) = match try_lock(path)? {
            Lock::Held(file) => {
                remove_stale_temporaries(path);
                (Some(file), None)
            }
            Lock::Busy => (None, Some(BUSY.to_owned())),
            Lock::Unwritable(e) => (None, Some(unwritable(&e))),
        };
        let (notebook, saved, migrated_from) = read(path, corpus_name)?;
        let file = NotebookFile {
            path: path.to_owned(),
            lock,
            read_only,
            saved,
            migrated_from,
            scratch: String::new(),
        };
        Ok((file, notebook))
    }

    /// The notebook's path.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// True when this one only reads: another dossier held the notebook at open, or its
    /// folder cannot be written.
    pub fn is_read_only(&self) -> bool {
        self.lock.is_none()
    }

    /// Why this one only reads: another dossier has the notebook, or its folder cannot be
    /// written (a read-only file system, no permission); `None` when it writes.
    pub fn read_only_reason(&self) -> Option<&str> {
        self.read_only.as_deref()
    }

    /// Saves the notebook: atomically, keeping the previous file as `<name>.bak`, and not
    /// at all when the file already holds exactly this text. A notebook migrated from an
    /// older version first keeps the old file as `<name>.v<N>.bak`.
    pub fn save(&mut self, notebook: &Notebook) -> Result<SaveOutcome, NotebookError> {
        if self.lock.is_none() {
            return Err(NotebookError::ReadOnly {
                path: self.path.clone(),
                reason: self.read_only.clone().unwrap_or_else(|| BUSY.to_owned()),
            });
        }
        let write_error = |source| NotebookError::Write {
            path: self.path.clone(),
            source,
        };
        format::to_ron_into(notebook, &mut self.scratch);
        let unchanged = match &self.saved {
            Some(saved) => *saved == self.scratch,
            None => notebook.is_empty(),
        };
        if unchanged {
            return Ok(SaveOutcome::Unchanged);
        }
        if let Some(dir) = self.path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(write_error)?;
        }
        if let Some(version) = self.migrated_from
            && self.saved.is_some()
        {
            let copy = sibling(&self.path, &format!(".v{version}.bak"));
            std::fs::copy(&self.path, copy).map_err(write_error)?;
        }
        crate::atomic::write_atomic(&self.path, self.scratch.as_bytes(), true)
            .map_err(write_error)?;
        self.migrated_from = None;
        // The text just written becomes the saved copy; the old copy's memory is reused.
        let old = self.saved.take().unwrap_or_default();
        self.saved = Some(std::mem::replace(&mut self.scratch, old));
        Ok(SaveOutcome::Written)
    }
}

/// Reads the notebook without locking or writing anything (for `list` and `check`); an
/// empty one for `corpus_name` when there is no file. Saves are atomic, so this always
/// sees a whole file, old or new.
pub fn load(path: &Path, corpus_name: &str) -> Result<Notebook, NotebookError> {
    check_place(path)?;
    read(path, corpus_name).map(|(notebook, _, _)| notebook)
}

/// For a command-line verb: waits up to `wait` for the lock, reads the notebook fresh,
/// lets `change` change it, saves it and lets go of the lock. When `change` fails nothing
/// is written; when the lock stays taken the error says another dossier has the notebook.
pub fn with_locked<T, E>(
    path: &Path,
    corpus_name: &str,
    wait: Duration,
    change: impl FnOnce(&mut Notebook) -> Result<T, E>,
) -> Result<T, E>
where
    E: From<NotebookError>,
{
    check_place(path)?;
    let deadline = Instant::now() + wait;
    let lock = loop {
        match try_lock(path)? {
            Lock::Held(lock) => break lock,
            Lock::Unwritable(source) => {
                return Err(NotebookError::Lock {
                    path: path.to_owned(),
                    lock: lock_path(path),
                    source,
                }
                .into());
            }
            Lock::Busy if Instant::now() >= deadline => {
                return Err(NotebookError::Busy {
                    path: path.to_owned(),
                }
                .into());
            }
            Lock::Busy => std::thread::sleep(Duration::from_millis(25)),
        }
    };
    remove_stale_temporaries(path);
    let (mut notebook, saved, migrated_from) = read(path, corpus_name)?;
    let mut file = NotebookFile {
        path: path.to_owned(),
        lock: Some(lock),
        read_only: None,
        saved,
        migrated_from,
        scratch: String::new(),
    };
    let out = change(&mut notebook)?;
    file.save(&notebook)?;
    Ok(out)
}

/// The default notebook of a corpus: `<data dir>/dossier/notebooks/<name>-<hash>.ron`,
/// or `sample.ron` for the built-in sample. The hash of the corpus's canonical paths
/// keeps two folders of the same name apart.
pub fn default_path(corpus: &Corpus) -> Result<PathBuf, NotebookError> {
    let dirs = directories::ProjectDirs::from("", "", "dossier").ok_or(NotebookError::NoDataDir)?;
    Ok(dirs.data_dir().join("notebooks").join(file_name(corpus)))
}

/// The file name of a corpus's default notebook.
pub fn file_name(corpus: &Corpus) -> String {
    match &corpus.source {
        Source::Sample => "sample.ron".to_owned(),
        Source::Paths { paths, .. } => {
            let mut sorted: Vec<&[u8]> = paths
                .iter()
                .map(|p| p.as_os_str().as_encoded_bytes())
                .collect();
            sorted.sort();
            let mut hasher = blake3::Hasher::new();
            for p in sorted {
                hasher.update(p);
                hasher.update(b"\0");
            }
            let hash = hasher.finalize().to_hex();
            format!(
                "{}-{}.ron",
                crate::text::file_safe(&corpus.name),
                &hash[..8]
            )
        }
    }
}

/// The sidecar file the lock is held on.
pub fn lock_path(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    path.with_file_name(format!(".{name}.lock"))
}

/// `path` with `suffix` added to its file name.
fn sibling(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// What trying the lock found.
enum Lock {
    /// This process holds it until the file is dropped.
    Held(File),
    /// Another process holds it.
    Busy,
    /// The sidecar cannot be made here (read-only media): nobody can write.
    Unwritable(std::io::Error),
}

/// Takes the lock without waiting.
fn try_lock(path: &Path) -> Result<Lock, NotebookError> {
    let sidecar = lock_path(path);
    let lock_error = |source| NotebookError::Lock {
        path: path.to_owned(),
        lock: sidecar.clone(),
        source,
    };
    if let Some(dir) = sidecar.parent().filter(|d| !d.as_os_str().is_empty()) {
        match std::fs::create_dir_all(dir) {
            Ok(()) => {}
            Err(e) if cannot_write(&e) => return Ok(Lock::Unwritable(e)),
            Err(e) => return Err(lock_error(e)),
        }
    }
    let file = match OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(&sidecar)
    {
        Ok(f) => f,
        Err(e) if cannot_write(&e) => return Ok(Lock::Unwritable(e)),
        Err(e) => return Err(lock_error(e)),
    };
    match file.try_lock() {
        Ok(()) => Ok(Lock::Held(file)),
        Err(TryLockError::WouldBlock) => Ok(Lock::Busy),
        Err(TryLockError::Error(e)) => Err(lock_error(e)),
    }
}

/// Why a notebook opened while another dossier holds it is read-only.
const BUSY: &str = "another dossier has this notebook open";

/// Why a notebook whose lock file cannot be made is read-only, in a few words.
fn unwritable(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::ReadOnlyFilesystem => {
            "the notebook is on a read-only file system".to_owned()
        }
        std::io::ErrorKind::PermissionDenied => {
            "the notebook's folder cannot be written (permission denied)".to_owned()
        }
        _ => format!("its lock file cannot be made ({e})"),
    }
}

fn cannot_write(e: &std::io::Error) -> bool {
    matches!(
        e.kind(),
        std::io::ErrorKind::PermissionDenied | std::io::ErrorKind::ReadOnlyFilesystem
    )
}

/// Checks that `path` can be a notebook before anything opens it: a regular file of at
/// most [`MAX_BYTES`], or nothing yet below folders (opening a FIFO would wait for a
/// writer; a device would be read without end).
fn check_place(path: &Path) -> Result<(), NotebookError> {
    let not_a_file = |what: &str| NotebookError::NotAFile {
        path: path.to_owned(),
        what: what.to_owned(),
    };
    match std::fs::metadata(path) {
        Ok(meta) if meta.is_file() && meta.len() > MAX_BYTES => Err(NotebookError::TooLarge {
            path: path.to_owned(),
            size: meta.len(),
        }),
        Ok(meta) if meta.is_file() => Ok(()),
        Ok(meta) if meta.is_dir() => Err(not_a_file("is a folder, not a notebook file")),
        Ok(meta) => Err(not_a_file(&format!(
            "is not a regular file (it is {})",
            kind_of(&meta.file_type())
        ))),
        // Not there yet: the first folder that exists on the way must be a folder.
        Err(_) => match path
            .ancestors()
            .skip(1)
            .filter(|a| !a.as_os_str().is_empty())
            .find_map(|a| std::fs::metadata(a).ok().map(|m| (a, m)))
        {
            Some((file, meta)) if !meta.is_dir() => Err(NotebookError::NotAFolder {
                path: path.to_owned(),
                file: file.to_owned(),
            }),
            _ => Ok(()),
        },
    }
}

/// What a file that is not regular is, for a message.
fn kind_of(file_type: &std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if file_type.is_fifo() {
            return "a FIFO";
        }
        if file_type.is_char_device() {
            return "a character device";
        }
        if file_type.is_block_device() {
            return "a block device";
        }
        if file_type.is_socket() {
            return "a socket";
        }
    }
    let _ = file_type;
    "not a file"
}

/// Reads the file: the notebook, its text, and the version it was migrated from.
type Read = (Notebook, Option<String>, Option<u32>);

fn read(path: &Path, corpus_name: &str) -> Result<Read, NotebookError> {
    let read_error = |source| NotebookError::Read {
        path: path.to_owned(),
        source,
    };
    let file = match File::open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Ok((Notebook::new(corpus_name), None, None));
        }
        Err(source) => return Err(read_error(source)),
    };
    // What was checked by name holds for what was opened, and no more than the limit is
    // read even from a file that grows meanwhile.
    let meta = file.metadata().map_err(read_error)?;
    if !meta.is_file() {
        return Err(NotebookError::NotAFile {
            path: path.to_owned(),
            what: format!(
                "is not a regular file (it is {})",
                kind_of(&meta.file_type())
            ),
        });
    }
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    {
        use std::io::Read;
        file.take(MAX_BYTES + 1)
            .read_to_end(&mut bytes)
            .map_err(read_error)?;
    }
    if bytes.len() as u64 > MAX_BYTES {
        return Err(NotebookError::TooLarge {
            path: path.to_owned(),
            size: bytes.len() as u64,
        });
    }
    let text = String::from_utf8(bytes).map_err(|e| {
        let bytes = e.as_bytes();
        let before = String::from_utf8_lossy(&bytes[..e.utf8_error().valid_up_to()]);
        NotebookError::Parse {
            path: path.to_owned(),
            line: before.matches('\n').count() + 1,
            column: before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1,
            message: "not UTF-8 text".to_owned(),
        }
    })?;
    let (notebook, migrated_from) = format::from_ron(&text, path)?;
    Ok((notebook, Some(text), migrated_from))
}

/// Removes temporary files that a save killed halfway left behind. Only called under the
/// lock, so no other dossier is writing one; the name pattern is exactly the one
/// `write_atomic` uses for this notebook (a dot, the name, six random characters, `.tmp`).
fn remove_stale_temporaries(path: &Path) {
    let Some(name) = path.file_name().map(|n| n.to_string_lossy().into_owned()) else {
        return;
    };
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let prefix = format!(".{name}.");
    for entry in entries.flatten() {
        let file_name = entry.file_name().to_string_lossy().into_owned();
        let is_ours = file_name
            .strip_prefix(&prefix)
            .and_then(|rest| rest.strip_suffix(".tmp"))
            .is_some_and(|random| {
                random.len() == 6 && random.chars().all(|c| c.is_ascii_alphanumeric())
            });
        if is_ours {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_open_is_read_only_until_the_first_closes() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("n.ron");
        let (first, _) = NotebookFile::open(&path, "c").unwrap();
        assert!(!first.is_read_only());
        let (mut second, nb) = NotebookFile::open(&path, "c").unwrap();
        assert!(second.is_read_only());
        assert_eq!(
            second.read_only_reason(),
            Some("another dossier has this notebook open")
        );
        assert!(matches!(
            second.save(&nb),
            Err(NotebookError::ReadOnly { .. })
        ));
        drop(first);
        let (third, _) = NotebookFile::open(&path, "c").unwrap();
        assert!(!third.is_read_only());
    }

    #[test]
    fn an_unwritable_folder_is_not_called_another_dossier() {
        let rofs = std::io::Error::from(std::io::ErrorKind::ReadOnlyFilesystem);
        assert_eq!(
            unwritable(&rofs),
            "the notebook is on a read-only file system"
        );
        let denied = std::io::Error::from(std::io::ErrorKind::PermissionDenied);
        assert!(unwritable(&denied).contains("permission denied"));
    }

    #[test]
    fn an_empty_notebook_creates_no_file_and_an_unchanged_save_writes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub/n.ron");
        let (mut file, mut nb) = NotebookFile::open(&path, "c").unwrap();
        assert_eq!(file.save(&nb).unwrap(), SaveOutcome::Unchanged);
        assert!(!path.exists());
        nb.codebook.push(crate::notebook::Tag::named("x"));
        assert_eq!(file.save(&nb).unwrap(), SaveOutcome::Written);
        assert_eq!(file.save(&nb).unwrap(), SaveOutcome::Unchanged);
        drop(file);
        let (mut again, nb2) = NotebookFile::open(&path, "c").unwrap();
        assert_eq!(nb2, nb);
        assert_eq!(again.save(&nb2).unwrap(), SaveOutcome::Unchanged);
    }

    #[test]
    fn the_first_save_after_a_migration_keeps_the_old_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("n.ron");
        std::fs::write(&path, "old format").unwrap();
        let (mut file, _) = NotebookFile::open(&dir.path().join("other.ron"), "c").unwrap();
        // As `read` leaves it after bringing a version 0 file up to date.
        file.path = path.clone();
        file.saved = Some("old format".into());
        file.migrated_from = Some(0);
        let mut nb = Notebook::new("c");
        nb.codebook.push(crate::notebook::Tag::named("x"));
        assert_eq!(file.save(&nb).unwrap(), SaveOutcome::Written);
        let old = std::fs::read_to_string(dir.path().join("n.ron.v0.bak")).unwrap();
        assert_eq!(old, "old format");
        nb.codebook.push(crate::notebook::Tag::named("y"));
        std::fs::write(dir.path().join("n.ron.v0.bak"), "kept").unwrap();
        file.save(&nb).unwrap();
        let kept = std::fs::read_to_string(dir.path().join("n.ron.v0.bak")).unwrap();
        assert_eq!(kept, "kept", "only the first save copies the old version");
    }

    #[test]
    fn stale_temporaries_of_this_notebook_only_are_removed() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("n.ron");
        for name in [".n.ron.abc123.tmp", ".n.ron.x.ron.abc123.tmp", "keep.tmp"] {
            std::fs::write(dir.path().join(name), "").unwrap();
        }
        let _ = NotebookFile::open(&path, "c").unwrap();
        assert!(!dir.path().join(".n.ron.abc123.tmp").exists());
        assert!(dir.path().join(".n.ron.x.ron.abc123.tmp").exists());
        assert!(dir.path().join("keep.tmp").exists());
    }

    #[test]
    fn file_names_are_safe_and_differ_by_folder() {
        assert_eq!(crate::text::file_safe("../my notes"), "_my_notes");
        assert_eq!(crate::text::file_safe(""), "corpus");
        let sample = Corpus::sample();
        assert_eq!(file_name(&sample), "sample.ron");
    }
}
