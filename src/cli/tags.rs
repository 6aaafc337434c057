//! `dossier tags`: the codebook with how often each tag is used, and renaming or merging
//! tags everywhere they are used.

use super::print_lines;
use crate::notebook::{Change, ops};
use crate::store::Corpus;
use crate::text;
use crate::text::count;
use clap::{Args, ValueEnum};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Examples shown by `dossier tags --help`.
pub const EXAMPLES: &str = "\
Examples:
  dossier tags ~/statements
  dossier tags --format json | jq .name
  dossier tags --rename cyber security        (cyber/5g becomes security/5g)
  dossier tags --merge defence policy/defence";

/// Arguments of `dossier tags`.
#[derive(Debug, Args)]
pub struct TagsArgs {
    /// The corpus (same as -C).
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Rename tag OLD to NEW everywhere; its sub-tags follow.
    #[arg(long, num_args = 2, value_names = ["OLD", "NEW"], conflicts_with = "merge")]
    pub rename: Option<Vec<String>>,
    /// Merge tag FROM into INTO everywhere; FROM leaves the codebook.
    #[arg(long, num_args = 2, value_names = ["FROM", "INTO"])]
    pub merge: Option<Vec<String>>,
    /// Output format of the codebook.
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
}

/// How `tags` prints the codebook.
#[derive(Debug, Default, Clone, Copy, ValueEnum)]
pub enum Format {
    /// Aligned columns.
    #[default]
    Table,
    /// One JSON object per line.
    Json,
    /// Tab-separated values with a header line.
    Tsv,
}

/// Prints the codebook, or renames or merges as asked.
pub fn run(corpus: &Corpus, notebook: &Path, args: &TagsArgs) -> anyhow::Result<ExitCode> {
    if let Some([old, new]) = args.rename.as_deref() {
        return rewrite(corpus, notebook, old, new, false);
    }
    if let Some([from, into]) = args.merge.as_deref() {
        return rewrite(corpus, notebook, from, into, true);
    }
    let nb = crate::notebook::load(notebook, &corpus.name)?;
    let counts = ops::tag_counts(&nb);
    let lines: Vec<String> = match args.format {
        Format::Json => counts
            .iter()
            .map(|c| {
                crate::text::json(&serde_json::json!({
                    "name": c.name,
                    "documents": c.documents,
                    "highlights": c.highlights,
                    "color": c.tag.as_ref().and_then(|t| t.color.clone()),
                    "key": c.tag.as_ref().and_then(|t| t.key.map(String::from)),
                    "description": c.tag.as_ref().map(|t| t.description.clone()).unwrap_or_default(),
                }))
            })
            .collect(),
        Format::Tsv => std::iter::once("tag\tdocuments\thighlights".to_owned())
            .chain(counts.iter().map(|c| {
                format!(
                    "{}\t{}\t{}",
                    text::one_line(&c.name).replace('\t', " "),
                    c.documents,
                    c.highlights
                )
            }))
            .collect(),
        Format::Table if counts.is_empty() => vec!["no tags yet".to_owned()],
        Format::Table => {
            let width = counts
                .iter()
                .map(|c| text::width(&text::one_line(&c.name)))
                .chain([3])
                .max()
                .unwrap_or(3)
                .min(48);
            std::iter::once(format!("{}  DOCS  HIGHLIGHTS", text::pad("TAG", width)))
                .chain(counts.iter().map(|c| {
                    format!(
                        "{}  {:>4}  {:>10}",
                        text::pad(&text::one_line(&c.name), width),
                        c.documents,
                        c.highlights
                    )
                }))
                .collect()
        }
    };
    print_lines(lines)
}

fn rewrite(
    corpus: &Corpus,
    notebook: &Path,
    from: &str,
    to: &str,
    merge: bool,
) -> anyhow::Result<ExitCode> {
    let line = super::change_notebook(corpus, notebook, |nb| -> anyhow::Result<String> {
        let changes = if merge {
            ops::merge_tags(nb, from, to)?
        } else {
            ops::rename_tag(nb, from, to)?
        };
        nb.apply_all(&changes);
        let docs = changes
            .iter()
            .filter(|c| matches!(c, Change::SetDocTags { .. }))
            .count();
        let highlights = changes
            .iter()
            .filter(|c| matches!(c, Change::EditHighlight { .. }))
            .count();
        let clean = |t: &str| {
            crate::notebook::model::clean_tag(t)
                .map(|t| text::one_line(&t))
                .unwrap_or_default()
        };
        Ok(format!(
            "{} {} {} {} in {} and {}",
            if merge { "merged" } else { "renamed" },
            clean(from),
            if merge { "into" } else { "to" },
            clean(to),
            count(docs, "document", "documents"),
            count(highlights, "highlight", "highlights"),
        ))
    })?;
    print_lines([line])
}
