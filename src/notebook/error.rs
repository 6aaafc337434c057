//! What can go wrong reading, writing and locking a notebook file, with what a user needs
//! to put it right: the file, and for a bad file its line and column.

use super::model::VERSION;
use std::path::PathBuf;

/// A notebook file that cannot be read, written or locked.
#[derive(Debug, thiserror::Error)]
pub enum NotebookError {
    /// The file exists but cannot be read.
    #[error("{}: cannot read the notebook: {source}", path.display())]
    Read {
        /// The notebook file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// The file is not a notebook; it is left as it is.
    #[error("{}:{line}:{column}: {message} (the notebook was not changed)", path.display())]
    Parse {
        /// The notebook file.
        path: PathBuf,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// What is wrong.
        message: String,
    },
    /// The file was written by a newer dossier; it is left as it is.
    #[error(
        "{}:{line}:{column}: notebook version {version} was written by a newer dossier \
         (this one reads up to version {VERSION}); the notebook was not changed",
        path.display()
    )]
    Newer {
        /// The notebook file.
        path: PathBuf,
        /// 1-based line of the version number.
        line: usize,
        /// 1-based column of the version number.
        column: usize,
        /// The version in the file.
        version: u32,
    },
    /// An older notebook that cannot be brought up to date; it is left as it is.
    #[error(
        "{}:{line}:{column}: cannot update notebook version {version}: {message} \
         (the notebook was not changed)",
        path.display()
    )]
    Migrate {
        /// The notebook file.
        path: PathBuf,
        /// 1-based line of the version number.
        line: usize,
        /// 1-based column of the version number.
        column: usize,
        /// The version in the file.
        version: u32,
        /// What failed.
        message: String,
    },
    /// Writing the file failed; the previous file is still whole.
    #[error("{}: cannot save the notebook: {source}", path.display())]
    Write {
        /// The notebook file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// The lock beside the notebook cannot be taken for a reason other than another holder.
    #[error("{}: cannot lock the notebook: {source}", path.display())]
    Lock {
        /// The notebook file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// Another dossier holds the notebook for writing.
    #[error(
        "{} is open in another dossier (read-write); close it there, or wait for its \
         command to finish, and try again; nothing was changed",
        path.display()
    )]
    Busy {
        /// The notebook file.
        path: PathBuf,
    },
    /// This notebook was opened read-only because another dossier holds it.
    #[error(
        "{} is open read-only because another dossier has it open; nothing was saved",
        path.display()
    )]
    ReadOnly {
        /// The notebook file.
        path: PathBuf,
    },
    /// There is no data folder for the default notebook.
    #[error("no data folder for the notebook (is HOME set?); name one with --notebook FILE")]
    NoDataDir,
}
