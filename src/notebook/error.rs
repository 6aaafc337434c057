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
    #[error(
        "{}: cannot lock the notebook: cannot make its lock file {}: {source}",
        path.display(),
        lock.display()
    )]
    Lock {
        /// The notebook file.
        path: PathBuf,
        /// The lock file beside it.
        lock: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// The path names something other than a regular file (a folder, a FIFO, a device).
    #[error("{}: {what}; name a notebook file with --notebook FILE", path.display())]
    NotAFile {
        /// The path given.
        path: PathBuf,
        /// What it is instead: `is a folder, not a notebook file`, `is not a regular file
        /// (it is a FIFO)`.
        what: String,
    },
    /// A folder on the way to the notebook is a file.
    #[error("{}: {} is a file, not a folder", path.display(), file.display())]
    NotAFolder {
        /// The path given.
        path: PathBuf,
        /// The file standing where a folder should be.
        file: PathBuf,
    },
    /// The file is larger than any notebook dossier reads.
    #[error(
        "{}: {size} bytes, larger than the 1 GiB a notebook may be; it was not read",
        path.display()
    )]
    TooLarge {
        /// The notebook file.
        path: PathBuf,
        /// Its size in bytes.
        size: u64,
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
    /// This notebook was opened read-only (another dossier holds it, or its folder cannot
    /// be written).
    #[error("{} is open read-only: {reason}; nothing was saved", path.display())]
    ReadOnly {
        /// The notebook file.
        path: PathBuf,
        /// Why ([`super::NotebookFile::read_only_reason`]).
        reason: String,
    },
    /// There is no data folder for the default notebook.
    #[error("no data folder for the notebook (is HOME set?); name one with --notebook FILE")]
    NoDataDir,
}
