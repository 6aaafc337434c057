//! `dossier export`: the notes on the listed documents as one Markdown file, on stdout or
//! written atomically to `-o FILE`. The document list is a parameter, so a query narrows
//! it before it gets here.

use crate::atomic::write_atomic;
use crate::config::ExportConfig;
use crate::export::{self, ExportContext, GroupBy};
use crate::notebook::Notebook;
use crate::store::Document;
use anyhow::Context;
use clap::{Args, ValueEnum};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments of `dossier export`.
#[derive(Debug, Default, Args)]
pub struct ExportArgs {
    /// The corpus (same as -C).
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// One section per document, or one per tag (default: the config's `export.group_by`).
    #[arg(long, value_enum, value_name = "BY")]
    pub group_by: Option<GroupByArg>,
    /// Only the documents matching this query (SPEC §6), as `dossier list --query` shows them.
    #[arg(short, long, value_name = "QUERY", allow_hyphen_values = true)]
    pub query: Option<String>,
    /// Only the documents of this saved search from the configuration.
    #[arg(long, value_name = "NAME")]
    pub saved: Option<String>,
    /// Write the Markdown to FILE (atomically) instead of stdout.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Also export documents the notebook says nothing about.
    #[arg(long)]
    pub include_untagged: bool,
    /// Add each document's full text after its notes.
    #[arg(long)]
    pub include_text: bool,
}

/// `--group-by` values.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum GroupByArg {
    /// A section per document, in the list's order.
    Document,
    /// A section per tag, sub-tags nested below their parent.
    Tag,
}

/// What to export: the corpus's name, its notebook, and the documents in the list's order
/// (already narrowed by a query, if any).
pub struct Input<'a> {
    /// The corpus's name, for the front matter and title.
    pub corpus: &'a str,
    /// The notebook.
    pub notebook: &'a Notebook,
    /// The documents to export, in order.
    pub docs: &'a [&'a Document],
    /// The query that chose them.
    pub query: Option<&'a str>,
}

/// Exports `input` as `args` and the config's defaults ask, and says on stderr what it did.
pub fn run(
    input: &Input<'_>,
    config: &ExportConfig,
    args: &ExportArgs,
) -> anyhow::Result<ExitCode> {
    let mut options = config.options();
    options.include_untagged |= args.include_untagged;
    options.include_text |= args.include_text;
    if let Some(group_by) = args.group_by {
        options.group_by = match group_by {
            GroupByArg::Document => GroupBy::Document,
            GroupByArg::Tag => GroupBy::Tag,
        };
    }
    let context = ExportContext {
        corpus: input.corpus.to_owned(),
        query: input.query.map(str::to_owned),
        date: export::export_date_from_env()?,
    };
    let markdown = export::export(input.docs, input.notebook, &options, &context);
    let counts = export::count(input.docs, input.notebook, &options);

    let target = match &args.output {
        Some(path) => {
            write_atomic(path, markdown.as_bytes(), false)
                .with_context(|| format!("cannot write {}", path.display()))?;
            path.display().to_string()
        }
        None => {
            let mut out = std::io::stdout().lock();
            match out
                .write_all(markdown.as_bytes())
                .and_then(|()| out.flush())
            {
                // A closed pipe (`dossier export | head`) is not an error.
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {
                    return Ok(ExitCode::SUCCESS);
                }
                other => other?,
            }
            "stdout".to_owned()
        }
    };
    let mut message = format!(
        "exported {} to {}",
        counted(counts),
        crate::text::one_line(&target)
    );
    if counts.documents == 0 && !options.include_untagged && !input.docs.is_empty() {
        message.push_str(
            "; the notebook says nothing about these documents (--include-untagged exports them anyway)",
        );
    }
    eprintln!("{message}");
    Ok(ExitCode::SUCCESS)
}

/// `2 documents (1 highlight)`.
fn counted(counts: export::Counts) -> String {
    let s = |n: usize| if n == 1 { "" } else { "s" };
    format!(
        "{} document{} ({} highlight{})",
        counts.documents,
        s(counts.documents),
        counts.highlights,
        s(counts.highlights)
    )
}
