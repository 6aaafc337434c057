//! `dossier import FILE.qdpx|FILE.qdc`: a REFI-QDA project's codes, codings and notes (or
//! a codebook's codes) into the notebook, as one change under its lock (the previous file
//! kept as `.bak`), with a report of everything that could not be imported. `--dry-run`
//! prints the report and changes nothing.

use super::{change_notebook, print_lines, shown_path};
use crate::config::Config;
use crate::interchange::InterchangeError;
use crate::interchange::import::{self, ImportOptions, Plan};
use crate::store::Corpus;
use clap::Args;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Examples shown by `dossier import --help`.
pub const EXAMPLES: &str = "\
Examples:
  dossier import -C ~/statements project.qdpx --dry-run   (what it would do)
  dossier import -C ~/statements project.qdpx
  dossier import -C ~/statements team.qdpx --coder ana    (only ana's codings)
  dossier import codebook.qdc                             (the codes alone)
Sources are matched to the corpus's documents by name, then by text; what cannot be
matched or placed is listed, never dropped silently.";

/// Arguments of `dossier import`.
#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The REFI-QDA file: a project (.qdpx) or a codebook (.qdc).
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// Only the codings and memos of this coder (a user of the project, by name or id).
    #[arg(long, value_name = "NAME")]
    pub coder: Option<String>,
    /// Report what the import would do, and change nothing.
    #[arg(long)]
    pub dry_run: bool,
}

/// Imports the file and prints the report; exit 1 when the file cannot be read or nothing
/// in it could be imported.
pub fn run(
    corpus: &Corpus,
    notebook: &Path,
    config: &Config,
    args: &ImportArgs,
) -> anyhow::Result<ExitCode> {
    let shown = shown_path(&args.file);
    let bytes = std::fs::read(&args.file).map_err(|source| InterchangeError::Read {
        path: args.file.clone(),
        source,
    })?;
    let project = import::read(&shown, &bytes)?;
    let options = ImportOptions {
        coder: args.coder.clone(),
        statuses: config
            .status_names()
            .into_iter()
            .map(str::to_owned)
            .collect(),
        now: jiff::Timestamp::now(),
    };
    let plan_in = |nb: &crate::notebook::Notebook| -> anyhow::Result<Plan> {
        Ok(import::plan(nb, corpus, &project, &shown, &options)?)
    };
    let plan = if args.dry_run {
        let mut nb = crate::notebook::load(notebook, &corpus.name)?;
        crate::notebook::reconcile(&mut nb, corpus);
        plan_in(&nb)?
    } else {
        change_notebook(corpus, notebook, |nb| {
            let plan = plan_in(nb)?;
            nb.apply_all(&plan.changes);
            Ok(plan)
        })?
    };
    let mut lines = plan.report.lines(!args.dry_run);
    if args.dry_run {
        lines.push("nothing was changed (--dry-run)".to_owned());
    }
    print_lines(lines)?;
    if plan.changes.is_empty() && !plan.report.problems.is_empty() {
        eprintln!("dossier: {shown}: nothing could be imported (the notebook was not changed)");
        return Ok(ExitCode::from(1));
    }
    Ok(ExitCode::SUCCESS)
}
