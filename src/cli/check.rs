//! `dossier check`: is the notebook readable, is every highlight still found, are all its
//! documents still in the corpus, and what did reading the corpus repair or skip. Reads
//! only; exits 1 when a highlight is orphaned or a document is missing.

use super::{print_lines, shown_path, shown_quote};
use crate::notebook::{AnchorState, reconcile};
use crate::store::Corpus;
use crate::text::count;
use crate::text::one_line;
use clap::Args;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Examples shown by `dossier check --help`.
pub const EXAMPLES: &str = "\
Examples:
  dossier check ~/statements
  dossier check -C ~/statements --notebook ~/statements/notes.ron
Exit status: 0 when everything is found (moved highlights are fine), 1 when a highlight
is orphaned, a document of the notebook is missing, a merge left a conflict, or the
notebook cannot be read.";

/// Arguments of `dossier check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// The corpus (same as -C).
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
}

/// Prints the report.
pub fn run(corpus: &Corpus, notebook: &Path, _args: &CheckArgs) -> anyhow::Result<ExitCode> {
    let mut nb = crate::notebook::load(notebook, &corpus.name)?;
    let found = reconcile(&mut nb, corpus);
    let mut lines = Vec::new();
    let exists = notebook.exists();
    lines.push(if exists {
        format!(
            "notebook {}: readable, {} with notes",
            shown_path(notebook),
            count(
                nb.documents.values().filter(|d| !d.is_empty()).count(),
                "document",
                "documents"
            )
        )
    } else {
        format!("notebook {}: none yet", shown_path(notebook))
    });
    for (old, new) in &found.renamed {
        lines.push(format!(
            "renamed   {} -> {} (found by content)",
            one_line(old),
            one_line(new)
        ));
    }
    for path in &found.missing {
        let title = nb.doc(path).map(|d| one_line(&d.title)).unwrap_or_default();
        lines.push(format!("missing   {}  {title}", one_line(path)));
    }
    for (path, entry) in &nb.documents {
        if found.missing.contains(path) {
            continue;
        }
        for h in &entry.highlights {
            let state = match h.state {
                AnchorState::Ok => "ok",
                AnchorState::Moved => "moved",
                AnchorState::Orphaned => "orphaned",
            };
            lines.push(format!(
                "{state:<9} {}  {}..{}  {}",
                one_line(path),
                h.anchor.start,
                h.anchor.end,
                shown_quote(&h.anchor.quote)
            ));
        }
    }
    let mut conflicts = 0;
    for c in &nb.conflicts {
        conflicts += 1;
        lines.push(format!("conflict  codebook  {}", c.describe()));
    }
    for (path, entry) in &nb.documents {
        for c in &entry.conflicts {
            conflicts += 1;
            lines.push(format!("conflict  {}  {}", one_line(path), c.describe()));
        }
    }
    for warning in &corpus.warnings {
        lines.push(format!("warning   {}", one_line(&warning.to_string())));
    }
    lines.push(format!(
        "{}: {} ok, {} moved, {} orphaned; {}; {}{}",
        count(
            found.ok + found.moved + found.orphaned,
            "highlight",
            "highlights"
        ),
        found.ok,
        found.moved,
        found.orphaned,
        count(found.missing.len(), "missing document", "missing documents"),
        count(corpus.warnings.len(), "warning", "warnings"),
        if conflicts > 0 {
            format!(
                "; {} from a merge (resolve them in the notes pane)",
                count(conflicts, "conflict", "conflicts")
            )
        } else {
            String::new()
        },
    ));
    print_lines(lines)?;
    Ok(if found.is_clean() && conflicts == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}
