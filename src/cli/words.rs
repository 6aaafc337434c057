//! `dossier words`: the most frequent words of the documents a query selects, or with
//! `--keyness` those most over-represented in them against the rest of the corpus.

use super::rows::{self, Format};
use crate::config::Config;
use crate::store::Corpus;
use crate::words::{self, Counts};
use clap::Args;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Examples shown by `dossier words --help`.
pub const EXAMPLES: &str = "\
Examples:
  dossier words ~/statements --top 30
  dossier words --query 'date:2019 kind:speech' --keyness
  dossier words --query '\"hybrid threats\"' --format json | jq .word";

/// Arguments of `dossier words`.
#[derive(Debug, Args)]
pub struct WordsArgs {
    /// The corpus (same as -C).
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Only the documents matching this query.
    #[arg(short, long, value_name = "QUERY", allow_hyphen_values = true)]
    pub query: Option<String>,
    /// How many words.
    #[arg(long, default_value_t = 50, value_name = "N")]
    pub top: usize,
    /// Rank by keyness (log-likelihood G²) against the documents the query leaves out.
    #[arg(long)]
    pub keyness: bool,
    /// Output format.
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
}

/// Prints the word list `args` asks for; reads the texts of the selected documents (and
/// with `--keyness` of every document).
pub fn run(
    corpus: &mut Corpus,
    notebook: &Path,
    config: &Config,
    args: &WordsArgs,
) -> anyhow::Result<ExitCode> {
    let query = super::list::query_of(None, args.query.as_deref(), config, corpus)?;
    let mut nb = crate::notebook::load(notebook, &corpus.name)?;
    // Every text is needed: the words of the selected ones, and of the rest for keyness;
    // without keyness, only those the query can select.
    super::load_texts_for(corpus, Some(&query), |_| true);
    let corpus = &*corpus;
    crate::notebook::reconcile(&mut nb, corpus);
    let selected: Vec<usize> = super::list::matching(corpus, &nb, &query)?
        .into_iter()
        .map(|h| h.index)
        .collect();
    let mut chosen = vec![false; corpus.documents.len()];
    for &i in &selected {
        chosen[i] = true;
    }
    let target = Counts::of(
        selected
            .iter()
            .filter_map(|&i| corpus.documents.get(i))
            .collect::<Vec<_>>(),
    );
    let lines = if args.keyness {
        let rest: Vec<_> = corpus
            .documents
            .iter()
            .zip(&chosen)
            .filter(|(_, c)| !**c)
            .map(|(d, _)| d)
            .collect();
        if rest.is_empty() {
            anyhow::bail!(
                "keyness compares the selected documents with the rest, and the query selects them all"
            );
        }
        words::key_words(&target, &Counts::of(rest), args.top)
    } else {
        words::top(&target, args.top)
    };
    let columns: &[&str] = if args.keyness {
        &["word", "count", "documents", "g2"]
    } else {
        &["word", "count", "documents"]
    };
    let lines: Vec<_> = lines.iter().map(rows::row).collect();
    let mut out = rows::stdout();
    super::list::finish(
        rows::write(&mut out, args.format, columns, &lines).and_then(|()| out.flush()),
    )
}
