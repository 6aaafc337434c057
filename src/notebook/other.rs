//! Another coder's notebook, opened to compare with (SPEC §12): read once, never locked,
//! never written. Unlike the analyst's own notebook, a missing file is an error (there is
//! nothing to compare with), and so is a notebook of another corpus.

use super::error::NotebookError;
use super::model::Notebook;
use std::path::{Path, PathBuf};

/// Another coder's notebook that cannot be compared with.
#[derive(Debug, thiserror::Error)]
pub enum OtherError {
    /// There is no file at the path.
    #[error("{}: no such notebook to compare with", path.display())]
    Missing {
        /// The path given.
        path: PathBuf,
    },
    /// The notebook codes another corpus.
    #[error(
        "{}: a notebook of corpus {theirs:?}, not of {ours:?}; compare needs two codings of the same documents",
        path.display()
    )]
    OtherCorpus {
        /// The path given.
        path: PathBuf,
        /// The corpus it codes.
        theirs: String,
        /// The corpus open.
        ours: String,
    },
    /// The file cannot be read, or is not a notebook.
    #[error(transparent)]
    Notebook(#[from] NotebookError),
}

/// Reads the notebook at `path` to compare with one of corpus `corpus_name`.
pub fn load_other(path: &Path, corpus_name: &str) -> Result<Notebook, OtherError> {
    if !path.exists() {
        return Err(OtherError::Missing {
            path: path.to_owned(),
        });
    }
    let notebook = super::load(path, corpus_name)?;
    if notebook.corpus != corpus_name {
        return Err(OtherError::OtherCorpus {
            path: path.to_owned(),
            theirs: notebook.corpus,
            ours: corpus_name.to_owned(),
        });
    }
    Ok(notebook)
}
