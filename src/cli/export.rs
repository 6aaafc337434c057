//! `dossier export`: the notes on the listed documents as one Markdown file (or, with
//! `--format`, a REFI-QDA project or codebook, CSV or W3C Web Annotations), on stdout or
//! written atomically to `-o FILE`. The document list is a parameter, so a query narrows
//! it before it gets here.

use crate::atomic::write_atomic;
use crate::config::ExportConfig;
use crate::export::{self, ExportContext, GroupBy};
use crate::interchange::{self, Format};
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
    /// Add each document's full text after its notes (Markdown).
    #[arg(long)]
    pub include_text: bool,
    /// What to write: Markdown notes, a REFI-QDA project (qdpx) or codebook (qdc) for
    /// QualCoder, MAXQDA, ATLAS.ti or NVivo, one CSV row per highlight, or W3C Web
    /// Annotations (JSON-LD).
    #[arg(long, value_enum, default_value_t = FormatArg::Markdown)]
    pub format: FormatArg,
    /// qdpx: write the sources with CRLF line ends and count positions in them (MAXQDA
    /// expects them).
    #[arg(long)]
    pub crlf: bool,
}

/// `--format` values.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, ValueEnum)]
pub enum FormatArg {
    /// Markdown notes (the default).
    #[default]
    Markdown,
    /// A REFI-QDA project: sources, codebook, codings, notes, variables.
    Qdpx,
    /// A REFI-QDA codebook.
    Qdc,
    /// One row per highlight, document tag and status (RFC 4180).
    Csv,
    /// A W3C Web Annotation collection (JSON-LD).
    W3c,
}

impl FormatArg {
    /// The format.
    pub fn format(self) -> Format {
        match self {
            FormatArg::Markdown => Format::Markdown,
            FormatArg::Qdpx => Format::Qdpx,
            FormatArg::Qdc => Format::Qdc,
            FormatArg::Csv => Format::Csv,
            FormatArg::W3c => Format::W3c,
        }
    }
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
    let format = args.format.format();
    check_options(format, args)?;
    let context = ExportContext {
        corpus: input.corpus.to_owned(),
        query: input.query.map(str::to_owned),
        date: export::export_date_from_env()?,
    };
    let exported = interchange::export(
        format,
        &interchange::ExportInput {
            notebook: input.notebook,
            docs: input.docs,
            options: &options,
            context: &context,
            crlf: args.crlf,
        },
    )?;

    let target = match &args.output {
        Some(path) => {
            write_atomic(path, &exported.bytes, false)
                .with_context(|| format!("cannot write {}", path.display()))?;
            path.display().to_string()
        }
        None => {
            use std::io::IsTerminal;
            if format == Format::Qdpx && std::io::stdout().is_terminal() {
                anyhow::bail!(
                    "a .qdpx is a ZIP archive, not for the terminal: write it with -o FILE.qdpx"
                );
            }
            let mut out = std::io::stdout().lock();
            match out.write_all(&exported.bytes).and_then(|()| out.flush()) {
                // A closed pipe (`dossier export | head`) is not an error.
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {
                    return Ok(ExitCode::SUCCESS);
                }
                other => other?,
            }
            "stdout".to_owned()
        }
    };
    for loss in &exported.losses {
        eprintln!("warning: {}", crate::text::one_line(loss));
    }
    let counts = export::Counts {
        documents: exported.documents,
        highlights: exported.highlights,
    };
    if format == Format::Qdc {
        eprintln!(
            "exported the codebook ({}) to {}",
            crate::text::count(exported.tags, "tag", "tags"),
            crate::text::one_line(&target)
        );
        return Ok(ExitCode::SUCCESS);
    }
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

/// The documents whose texts an export of whole documents needs: every one with
/// `include_untagged`, else those the notebook has an entry for (by path or id).
pub struct ExportedKeys {
    all: bool,
    keys: std::collections::HashSet<String>,
}

impl ExportedKeys {
    /// True when `doc` is one of them.
    pub fn covers(&self, doc: &Document) -> bool {
        self.all || self.keys.contains(&doc.path) || self.keys.contains(&doc.id)
    }
}

/// The [`ExportedKeys`] of `notebook`.
pub fn exported_keys(notebook: &Notebook, include_untagged: bool) -> ExportedKeys {
    ExportedKeys {
        all: include_untagged,
        keys: notebook
            .documents
            .iter()
            .filter(|(_, e)| !e.is_empty())
            .flat_map(|(path, e)| [path.clone(), e.id.clone()])
            .collect(),
    }
}

/// Refuses options that the format does not have, rather than ignoring them.
fn check_options(format: Format, args: &ExportArgs) -> anyhow::Result<()> {
    let markdown_only = [
        (args.group_by.is_some(), "--group-by"),
        (args.include_text, "--include-text"),
    ];
    if format != Format::Markdown
        && let Some((_, option)) = markdown_only.iter().find(|(given, _)| *given)
    {
        anyhow::bail!(
            "{option} is for Markdown exports, not --format {}",
            format.name()
        );
    }
    if args.crlf && format != Format::Qdpx {
        anyhow::bail!(
            "--crlf is for --format qdpx, not --format {}",
            format.name()
        );
    }
    Ok(())
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
