//! Finds the document files of a corpus: folders recursively (following links, but never
//! round a loop), hidden entries skipped, `.txt` and `.md` only; files named directly are
//! always taken.

use super::Warning;
use std::path::{Path, PathBuf};
use walkdir::WalkDir;

/// A file to read.
pub struct Found {
    /// Where it is.
    pub absolute: PathBuf,
    /// Its path relative to the corpus root, with `/` separators.
    pub relative: String,
    /// How to name it in a warning.
    pub shown: PathBuf,
}

/// The files found, and what could not be walked.
pub struct Walk {
    /// Files, in walk order.
    pub files: Vec<Found>,
    /// Loops and unreadable folders.
    pub warnings: Vec<Warning>,
}

/// True for the file names the corpus reads.
pub fn is_document_name(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    lower.ends_with(".txt") || lower.ends_with(".md") || lower.ends_with(".markdown")
}

/// Walks `paths` (canonical) and names every file relative to `root`.
pub fn find_files(paths: &[PathBuf], root: &Path) -> Walk {
    let mut walk = Walk {
        files: Vec::new(),
        warnings: Vec::new(),
    };
    let mut seen = std::collections::HashSet::new();
    for path in paths {
        if !path.is_dir() {
            push(&mut walk, &mut seen, path.clone(), root);
            continue;
        }
        let entries = WalkDir::new(path)
            .follow_links(true)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
        for entry in entries {
            match entry {
                Ok(entry) => {
                    if entry.file_type().is_file()
                        && is_document_name(&entry.file_name().to_string_lossy())
                    {
                        push(&mut walk, &mut seen, entry.into_path(), root);
                    }
                }
                Err(e) => {
                    let shown = e
                        .path()
                        .map(Path::to_path_buf)
                        .unwrap_or_else(|| path.clone());
                    let message = if e.loop_ancestor().is_some() {
                        "skipped: symbolic link loop".to_owned()
                    } else {
                        match e.io_error() {
                            Some(io) => format!("skipped: cannot read: {io}"),
                            None => format!("skipped: {e}"),
                        }
                    };
                    walk.warnings.push(Warning {
                        path: shown,
                        message,
                    });
                }
            }
        }
    }
    walk
}

fn push(
    walk: &mut Walk,
    seen: &mut std::collections::HashSet<String>,
    absolute: PathBuf,
    root: &Path,
) {
    let relative = absolute
        .strip_prefix(root)
        .unwrap_or(&absolute)
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/");
    // The same file reached twice (two arguments, or a link to a file) is one document.
    if seen.insert(relative.clone()) {
        walk.files.push(Found {
            shown: absolute.clone(),
            absolute,
            relative,
        });
    }
}
