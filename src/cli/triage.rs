//! `dossier triage`: set (or clear) the status of documents.

use super::{find_docs, print_lines};
use crate::config::Config;
use crate::notebook::ops;
use crate::store::Corpus;
use crate::text::count;
use clap::Args;
use std::path::Path;
use std::process::ExitCode;

/// Examples shown by `dossier triage --help`.
pub const EXAMPLES: &str = "\
Examples:
  dossier triage 000_bd0411fb3b74ac0c.txt --status relevant
  dossier triage b3f3 16ec --status maybe
  dossier triage 16ec --clear
The statuses come from the config's `statuses` (default: relevant, maybe, irrelevant).";

/// Arguments of `dossier triage`.
#[derive(Debug, Args)]
#[group(id = "what", required = true, args = ["status", "clear"])]
pub struct TriageArgs {
    /// The documents: paths relative to the corpus, or unique prefixes of their ids.
    #[arg(value_name = "DOC", required = true)]
    pub docs: Vec<String>,
    /// The status: one of the configured statuses.
    #[arg(short, long, value_name = "S")]
    pub status: Option<String>,
    /// Make the documents untriaged again.
    #[arg(long, conflicts_with = "status")]
    pub clear: bool,
}

/// Sets the status and prints what was done.
pub fn run(
    corpus: &Corpus,
    notebook: &Path,
    config: &Config,
    by: &str,
    args: &TriageArgs,
) -> anyhow::Result<ExitCode> {
    let docs = find_docs(corpus, &args.docs)?;
    let allowed = config.status_names();
    let status = if args.clear {
        None
    } else {
        args.status.as_deref()
    };
    let line = super::change_notebook(corpus, notebook, |nb| -> anyhow::Result<String> {
        let changes = ops::set_status(nb, &docs, status, &allowed, by)?;
        nb.apply_all(&changes);
        let changed = count(changes.len(), "document", "documents");
        let mut line = match changes.first() {
            Some(crate::notebook::Change::SetStatus { to: Some(s), .. }) => {
                format!("marked {changed} {}", crate::text::one_line(s))
            }
            _ if args.clear => format!("cleared the status of {changed}"),
            _ => format!("marked {changed} {}", status.unwrap_or_default()),
        };
        let unchanged = docs.len() - changes.len();
        if unchanged > 0 {
            line.push_str(&format!(
                "; {} already",
                count(unchanged, "other was", "others were")
            ));
        }
        Ok(line)
    })?;
    print_lines([line])
}
