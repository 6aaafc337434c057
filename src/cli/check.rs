//! `dossier check`: is the notebook readable, is every highlight still found, are all its
//! documents still in the corpus, and what did reading the corpus repair or skip. Reads
//! only (but with `--accept`, which takes the new wording of changed highlights); exits 1
//! when a highlight is orphaned or a document is missing.

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
  dossier check -C ~/statements --accept   (changed highlights take their new wording)
A highlight is `changed` when its passage was found with some words changed: it points at
the new wording and keeps the quote you highlighted until --accept.
Exit status: 0 when everything is found (moved and changed highlights are fine), 1 when a
highlight is orphaned, a document of the notebook is missing, a merge left a conflict, or
the notebook cannot be read.";

/// Arguments of `dossier check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// The corpus (same as -C).
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Accept the new wording of every changed highlight: its quote becomes the text now
    /// at its place (the notebook is written).
    #[arg(long)]
    pub accept: bool,
}

/// Prints the report (after accepting the new wordings, with `--accept`).
pub fn run(corpus: &Corpus, notebook: &Path, args: &CheckArgs) -> anyhow::Result<ExitCode> {
    if args.accept {
        let accepted = super::change_notebook(corpus, notebook, |nb| {
            let mut changes = Vec::new();
            for doc in &corpus.documents {
                changes.extend(crate::notebook::ops::accept_wording(
                    nb,
                    &crate::notebook::DocRef::of(doc),
                    &doc.text,
                ));
            }
            nb.apply_all(&changes);
            Ok(changes.len())
        })?;
        eprintln!(
            "accepted the new wording of {}",
            count(accepted, "highlight", "highlights")
        );
    }
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
        let text = corpus
            .documents
            .binary_search_by(|d| d.path.as_str().cmp(path))
            .ok()
            .map(|i| &corpus.documents[i].text);
        for h in &entry.highlights {
            let mut line = format!(
                "{:<9} {}  {}..{}  {}",
                h.state.as_str(),
                one_line(path),
                h.anchor.start,
                h.anchor.end,
                shown_quote(&h.anchor.quote)
            );
            if h.state == AnchorState::Changed
                && let Some(now) = text.and_then(|t| t.get(h.anchor.start..h.anchor.end))
            {
                line.push_str(&format!(" now {}", shown_quote(now)));
            }
            lines.push(line);
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
    // `changed` is named only when there are some, so the line stays as it was otherwise.
    let changed = if found.changed > 0 {
        format!(
            " {} changed (--accept takes the new wording),",
            found.changed
        )
    } else {
        String::new()
    };
    lines.push(format!(
        "{}: {} ok, {} moved,{changed} {} orphaned; {}; {}{}",
        count(
            found.ok + found.moved + found.changed + found.orphaned,
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
