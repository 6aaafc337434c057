//! Finds the document files of a corpus: folders recursively (following links, but never
//! round a loop), hidden entries skipped, only the names of a [`super::Format`]; files named directly are
//! always taken.
//!
//! The walk reads folders without a `stat` per entry (the file type comes with the folder
//! listing); only symbolic links are resolved, so a corpus of 100,000 files is listed at
//! the speed of `find`.

use super::Warning;
use std::path::{Path, PathBuf};
use walkdir::WalkDir;

/// A file to read.
pub struct Found {
    /// Where it is.
    pub absolute: PathBuf,
    /// Its path relative to the corpus root, with `/` separators; bytes of a name that
    /// are not UTF-8 are written `\xFF` ([`relative_name`]).
    pub relative: String,
    /// The relative path as the system has it, when `relative` is not it.
    pub os_relative: Option<PathBuf>,
}

/// The files found, and what could not be walked.
pub struct Walk {
    /// Files, sorted by relative path.
    pub files: Vec<Found>,
    /// Loops and unreadable folders.
    pub warnings: Vec<Warning>,
}

/// True for the file names the corpus reads: every [`super::Format`].
pub fn is_document_name(name: &str) -> bool {
    super::Format::of(name).is_some()
}

/// Walks `paths` (canonical) and names every file relative to `root`.
pub fn find_files(paths: &[PathBuf], root: &Path) -> Walk {
    let mut walker = Walker {
        root,
        walk: Walk {
            files: Vec::new(),
            warnings: Vec::new(),
        },
        followed: Vec::new(),
    };
    for path in paths {
        if path.is_dir() {
            walker.folder(path, path);
        } else {
            walker.push(path.clone());
        }
    }
    // Folders list their entries in no particular order: sorted, every run is the same,
    // and the same file reached twice (two arguments, or a link to a file) is one document.
    let files = &mut walker.walk.files;
    files.sort_unstable_by(|a, b| a.relative.cmp(&b.relative));
    files.dedup_by(|a, b| a.relative == b.relative);
    walker.walk
}

struct Walker<'a> {
    root: &'a Path,
    walk: Walk,
    /// The real folders holding the links being followed, outermost first.
    followed: Vec<PathBuf>,
}

impl Walker<'_> {
    /// Walks the folder at `path`, whose real location is `real`.
    fn folder(&mut self, path: &Path, real: &Path) {
        let entries = WalkDir::new(path)
            .min_depth(1)
            .into_iter()
            .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
        for entry in entries {
            match entry {
                Ok(entry) if entry.path_is_symlink() => self.link(entry.path(), path, real),
                Ok(entry) => {
                    if entry.file_type().is_file()
                        && is_document_name(&entry.file_name().to_string_lossy())
                    {
                        self.push(entry.into_path());
                    }
                }
                Err(e) => {
                    let shown = e
                        .path()
                        .map_or_else(|| path.to_path_buf(), Path::to_path_buf);
                    let message = match e.io_error() {
                        Some(io) => format!("skipped: cannot read: {io}"),
                        None => format!("skipped: {e}"),
                    };
                    self.warn(shown, message);
                }
            }
        }
    }

    /// Follows a link met at `link`, inside the folder walked from `base` (really `real`).
    fn link(&mut self, link: &Path, base: &Path, real: &Path) {
        let resolved =
            std::fs::canonicalize(link).and_then(|t| std::fs::metadata(&t).map(|m| (t, m)));
        let (target, meta) = match resolved {
            Ok(resolved) => resolved,
            Err(e) => return self.warn(link.to_path_buf(), format!("skipped: cannot read: {e}")),
        };
        if meta.is_file() {
            let name = link.file_name().unwrap_or_default().to_string_lossy();
            if is_document_name(&name) {
                self.push(link.to_path_buf());
            }
            return;
        }
        if !meta.is_dir() {
            return;
        }
        // The folder holding the link, really: below `real` as the link is below `base`.
        let holder = link
            .parent()
            .and_then(|p| p.strip_prefix(base).ok())
            .map_or_else(|| real.to_path_buf(), |rest| real.join(rest));
        let round = std::iter::once(&holder)
            .chain(&self.followed)
            .any(|folder| folder.starts_with(&target));
        if round {
            return self.warn(link.to_path_buf(), "skipped: symbolic link loop".to_owned());
        }
        self.followed.push(holder);
        self.folder(link, &target);
        self.followed.pop();
    }

    fn warn(&mut self, path: PathBuf, message: String) {
        self.walk.warnings.push(Warning { path, message });
    }

    fn push(&mut self, absolute: PathBuf) {
        let (relative, os_relative) = match plain_relative(&absolute, self.root) {
            Some(relative) => (relative.to_owned(), None),
            None => {
                let os = absolute.strip_prefix(self.root).unwrap_or(&absolute);
                let os_relative = os.to_str().is_none().then(|| os.to_path_buf());
                (relative_name(&absolute, self.root), os_relative)
            }
        };
        self.walk.files.push(Found {
            absolute,
            relative,
            os_relative,
        });
    }
}

/// The path below `root` as [`relative_name`] gives it, straight from the bytes, for the
/// common case of a UTF-8 path that is `root`, `/` and plain names (as the walk joins
/// them): splitting 100,000 paths into components was a fifth of a warm start.
fn plain_relative<'a>(absolute: &'a Path, root: &Path) -> Option<&'a str> {
    let rest = absolute
        .as_os_str()
        .as_encoded_bytes()
        .strip_prefix(root.as_os_str().as_encoded_bytes())?
        .strip_prefix(b"/")?;
    let rest = std::str::from_utf8(rest).ok()?;
    let plain = std::path::MAIN_SEPARATOR == '/'
        && !rest.split('/').any(|name| name.is_empty() || name == ".");
    plain.then_some(rest)
}

/// The path below `root`, with `/` between components. A name that is not UTF-8 keeps
/// its other bytes written `\xFF`, so that two such names stay two documents (the
/// replacement character would make them one); reading uses the system's own name.
fn relative_name(absolute: &Path, root: &Path) -> String {
    let relative = absolute.strip_prefix(root).unwrap_or(absolute);
    relative
        .components()
        .map(|c| escaped(c.as_os_str()))
        .collect::<Vec<_>>()
        .join("/")
}

/// A name as text: its UTF-8 as it is, each other byte as `\xFF`.
fn escaped(name: &std::ffi::OsStr) -> String {
    if let Some(text) = name.to_str() {
        return text.to_owned();
    }
    let mut out = String::new();
    for chunk in name.as_encoded_bytes().utf8_chunks() {
        out.push_str(chunk.valid());
        for byte in chunk.invalid() {
            out.push_str(&format!("\\x{byte:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_paths_are_named_as_their_components_would_name_them() {
        let root = Path::new("/corpus/root");
        for path in [
            "/corpus/root/a.txt",
            "/corpus/root/s001/d000001.txt",
            "/corpus/root/é/ü.md",
        ] {
            let path = Path::new(path);
            assert_eq!(
                plain_relative(path, root),
                Some(relative_name(path, root).as_str())
            );
        }
        // Anything else is left to the components.
        for path in [
            "/corpus/rootless/a.txt",
            "/corpus/root//a.txt",
            "/corpus/root/./a.txt",
            "/corpus/root/a/",
            "/elsewhere/a.txt",
        ] {
            assert_eq!(plain_relative(Path::new(path), root), None, "{path}");
        }
        assert_eq!(
            relative_name(Path::new("/corpus/root//a.txt"), root),
            "a.txt"
        );
    }
}
