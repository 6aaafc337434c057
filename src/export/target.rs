//! Where an export may be written. Never over what dossier keeps: the notebook (by any
//! name, symbolic link or hard link), its backup, its lock, the configuration file, or a
//! document of the corpus. An export over the lock once let a second writer in; one over
//! the notebook replaced it with Markdown.
//!
//! Paths are compared in their canonical form (a target that does not exist yet by its
//! canonical folder and its name), and existing files also by identity (device and inode),
//! so no spelling or link gets past. Reads metadata only; writes nothing.

use crate::store::{Corpus, Source};
use std::path::{Path, PathBuf};

/// The files an export must never replace, other than the corpus's documents.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Protected {
    files: Vec<(PathBuf, Kind)>,
}

/// What a protected file is, for the message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Notebook,
    Backup,
    Lock,
    Config,
}

impl Kind {
    fn describe(self) -> &'static str {
        match self {
            Kind::Notebook => "the notebook",
            Kind::Backup => "the notebook's backup",
            Kind::Lock => "the notebook's lock file",
            Kind::Config => "the configuration file",
        }
    }
}

/// An export target that would replace something dossier keeps.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}: that is {what}; choose another file (nothing was written)", target.display())]
pub struct TargetError {
    /// The target as given.
    pub target: PathBuf,
    /// What it is: `the notebook`, `the notebook notes.ron` (when named otherwise), `a
    /// document of the corpus (a.txt)`, ...
    pub what: String,
}

impl Protected {
    /// The notebook at `notebook` with its backup and lock, and the configuration file
    /// (when there is one). The files need not exist yet.
    pub fn new(notebook: &Path, config: Option<&Path>) -> Protected {
        let mut backup = notebook.as_os_str().to_owned();
        backup.push(".bak");
        let mut files = vec![
            (notebook.to_owned(), Kind::Notebook),
            (PathBuf::from(backup), Kind::Backup),
            (crate::notebook::file::lock_path(notebook), Kind::Lock),
        ];
        files.extend(config.map(|c| (c.to_owned(), Kind::Config)));
        Protected { files }
    }
}

/// Checks that writing an export to `target` replaces none of `protected` and no document
/// of `corpus`.
pub fn check(target: &Path, protected: &Protected, corpus: &Corpus) -> Result<(), TargetError> {
    let refuse = |what: String| TargetError {
        target: target.to_owned(),
        what,
    };
    let place = canonical_place(target);
    let identity = Identity::of(target);
    for (path, kind) in &protected.files {
        let same_place = place.is_some() && canonical_place(path) == place;
        let same_file = identity.is_some() && Identity::of(path) == identity;
        if same_place || same_file {
            // Reached through a link: say which file it really is.
            let what = if same_place && !target.is_symlink() {
                kind.describe().to_owned()
            } else {
                let shown = crate::text::one_line(&path.display().to_string());
                format!("{} {shown}", kind.describe())
            };
            return Err(refuse(what));
        }
    }
    if let Some(doc) = document_at(corpus, place.as_deref(), identity) {
        return Err(refuse(format!(
            "a document of the corpus ({})",
            crate::text::one_line(&doc)
        )));
    }
    Ok(())
}

/// The path of the document of `corpus` that is the file at `place` (canonical) with
/// `identity`, if any: by its canonical path first, else by comparing every document's
/// identity (a hard link from outside the corpus, or a document reached by a link).
fn document_at(
    corpus: &Corpus,
    place: Option<&Path>,
    identity: Option<Identity>,
) -> Option<String> {
    use rayon::prelude::*;
    let Source::Paths { root, .. } = &corpus.source else {
        return None;
    };
    if let Some(relative) = place.and_then(|p| p.strip_prefix(root).ok())
        && let Some(relative) = relative.to_str()
        && let Ok(i) = corpus
            .documents
            .binary_search_by(|d| d.path.as_str().cmp(relative))
    {
        return Some(corpus.documents[i].path.clone());
    }
    // Only an existing file can be a document; then every document is looked at, in
    // parallel (a stat each: some 50 ms for 100,000 documents).
    let identity = identity?;
    corpus
        .documents
        .par_iter()
        .find_any(|d| Identity::of(&d.file_in(root)) == Some(identity))
        .map(|d| d.path.clone())
}

/// Where `path` is, with every link and `..` resolved: the file itself when it exists,
/// else its canonical folder and its name.
fn canonical_place(path: &Path) -> Option<PathBuf> {
    if let Ok(canonical) = std::fs::canonicalize(path) {
        return Some(canonical);
    }
    let name = path.file_name()?;
    let parent = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    std::fs::canonicalize(parent).ok().map(|p| p.join(name))
}

/// A file's identity: the same for every name and link of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Identity {
    device: u64,
    inode: u64,
}

impl Identity {
    #[cfg(unix)]
    fn of(path: &Path) -> Option<Identity> {
        use std::os::unix::fs::MetadataExt;
        std::fs::metadata(path).ok().map(|m| Identity {
            device: m.dev(),
            inode: m.ino(),
        })
    }

    /// Without inodes, the canonical path is the only identity.
    #[cfg(not(unix))]
    fn of(_path: &Path) -> Option<Identity> {
        None
    }
}
