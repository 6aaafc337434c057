//! `dossier merge BASE OURS THEIRS [-o OUT]`: the three-way merge of notebooks (SPEC §12),
//! also git's merge driver (`dossier merge %O %A %B` writes into OURS). Reads the three
//! files whole before writing anything; a file that does not parse, or is of a newer
//! version, is named and nothing is written. Exit 0 when clean, 1 when conflicts were
//! recorded (or on an error).

use crate::notebook::NotebookError;
use crate::team::merge::{Input, merge_texts};
use clap::Args;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Examples shown by `dossier merge --help`.
pub const EXAMPLES: &str = "\
Examples:
  dossier merge base.ron mine.ron theirs.ron -o merged.ron
  dossier merge %O %A %B        (as git's merge driver: writes into %A)
As a git merge driver, once per repository:
  echo '*.ron merge=dossier' >> .gitattributes
  git config merge.dossier.driver 'dossier merge %O %A %B'
Exit status: 0 merged cleanly, 1 conflicts were recorded in the notebook (find them with
`dossier list --query has:conflict`, resolve them in the notes pane) or an error.";

/// Arguments of `dossier merge`.
#[derive(Debug, Args)]
pub struct MergeArgs {
    /// The notebook both sides started from (git's %O).
    #[arg(value_name = "BASE")]
    pub base: PathBuf,
    /// Our notebook (git's %A); the merge is written here unless -o is given.
    #[arg(value_name = "OURS")]
    pub ours: PathBuf,
    /// Their notebook (git's %B).
    #[arg(value_name = "THEIRS")]
    pub theirs: PathBuf,
    /// Write the merged notebook here instead of into OURS.
    #[arg(short, long, value_name = "OUT")]
    pub output: Option<PathBuf>,
}

/// Merges and reports.
pub fn run(args: &MergeArgs) -> anyhow::Result<ExitCode> {
    let base = read(&args.base)?;
    let ours = read(&args.ours)?;
    let theirs = read(&args.theirs)?;
    let merged = merge_texts(
        Input {
            text: &base,
            path: &args.base,
        },
        Input {
            text: &ours,
            path: &args.ours,
        },
        Input {
            text: &theirs,
            path: &args.theirs,
        },
    )?;
    let out = args.output.as_deref().unwrap_or(&args.ours);
    // A dossier that has this notebook open would save over the merge: refuse while it
    // does. Only a notebook dossier has used has a lock file; a merge must not leave one
    // beside git's temporary files.
    let _lock = lock_if_used(out)?;
    if args.output.is_some() || merged.text != ours {
        crate::atomic::write_atomic(out, merged.text.as_bytes(), false).map_err(|source| {
            NotebookError::Write {
                path: out.to_owned(),
                source,
            }
        })?;
    }
    let shown = super::shown_path(out);
    let line = match merged.conflicts {
        0 => format!("merged into {shown}"),
        n => format!(
            "merged into {shown}: {} recorded in the notebook (dossier list --query has:conflict)",
            crate::text::count(n, "conflict", "conflicts")
        ),
    };
    super::print_lines([line])?;
    Ok(if merged.conflicts == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// A notebook's text; an empty file is an empty notebook (git's base when both sides
/// added the file).
fn read(path: &Path) -> Result<String, NotebookError> {
    match std::fs::read(path) {
        Ok(bytes) if bytes.iter().all(u8::is_ascii_whitespace) => Ok(empty()),
        Ok(bytes) => String::from_utf8(bytes).map_err(|e| {
            let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
            let before = String::from_utf8_lossy(valid);
            NotebookError::Parse {
                path: path.to_owned(),
                line: before.matches('\n').count() + 1,
                column: before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1,
                message: "not UTF-8 text".to_owned(),
            }
        }),
        Err(source) => Err(NotebookError::Read {
            path: path.to_owned(),
            source,
        }),
    }
}

/// The text of a notebook with nothing in it.
fn empty() -> String {
    crate::notebook::format::to_ron(&crate::notebook::Notebook::new(""))
}

/// Holds the notebook's lock while writing, when dossier has used this notebook before.
fn lock_if_used(path: &Path) -> Result<Option<std::fs::File>, NotebookError> {
    let sidecar = crate::notebook::file::lock_path(path);
    if !sidecar.exists() {
        return Ok(None);
    }
    let lock_error = |source| NotebookError::Lock {
        path: path.to_owned(),
        lock: sidecar.clone(),
        source,
    };
    let file = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .open(&sidecar)
        .map_err(lock_error)?;
    match file.try_lock() {
        Ok(()) => Ok(Some(file)),
        Err(std::fs::TryLockError::WouldBlock) => Err(NotebookError::Busy {
            path: path.to_owned(),
        }),
        Err(std::fs::TryLockError::Error(e)) => Err(lock_error(e)),
    }
}
