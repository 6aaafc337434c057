//! `dossier describe [PATH]`: what the corpus holds and where its metadata came from
//! ([`crate::describe`]), as a report or one JSON object. Every warning is listed.

use crate::describe::{Description, FieldCount};
use crate::store::Corpus;
use crate::text::{count, one_line};
use clap::{Args, ValueEnum};
use std::path::PathBuf;
use std::process::ExitCode;

/// Examples shown by `dossier describe --help`.
pub const EXAMPLES: &str = "\
Examples:
  dossier describe ~/statements
  dossier describe -C ~/statements --format json | jq '.fields[] | select(.extra)'";

/// Arguments of `dossier describe`.
#[derive(Debug, Args)]
pub struct DescribeArgs {
    /// The corpus (same as -C).
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
}

/// How `describe` prints.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// A report for people.
    #[default]
    Table,
    /// One JSON object.
    Json,
}

/// Prints the description of `corpus`.
pub fn run(corpus: &Corpus, args: &DescribeArgs) -> anyhow::Result<ExitCode> {
    let description = crate::describe::describe(corpus);
    match args.format {
        Format::Json => {
            let value = serde_json::to_value(&description)?;
            super::print_lines([value.to_string()])
        }
        Format::Table => super::print_lines(report(&description)),
    }
}

/// The report's lines.
fn report(d: &Description) -> Vec<String> {
    let mut lines = vec![format!(
        "corpus {}: {}",
        one_line(&d.corpus),
        count(d.documents, "document", "documents")
    )];
    let formats: Vec<String> = d
        .formats
        .iter()
        .map(|f| format!("{} {}", f.format, f.documents))
        .collect();
    if !formats.is_empty() {
        lines.push(format!("formats: {}", formats.join(", ")));
    }
    lines.push(String::new());
    let width = d
        .fields
        .iter()
        .map(|f| crate::text::width(&one_line(&f.name)))
        .chain([5])
        .max()
        .unwrap_or(5);
    let total = d.documents.to_string().len().max(9);
    lines.push(format!(
        "{:<width$}  {:>total$}  SOURCES",
        "FIELD", "DOCUMENTS"
    ));
    for field in &d.fields {
        lines.push(field_line(field, width, total));
    }
    lines.push(String::new());
    if d.tables.is_empty() {
        lines.push("tables: none joined".to_owned());
    }
    for t in &d.tables {
        let how = if t.automatic {
            "found by itself"
        } else {
            "configured"
        };
        let join: Vec<String> = t.join.iter().map(|(c, f)| format!("{c} = {f}")).collect();
        lines.push(format!(
            "table {} ({how}, joined on {}): {} of {} rows matched {}; {} without a row; {} unmatched; {} left out as duplicate keys",
            one_line(&t.path),
            one_line(&join.join(", ")),
            t.matched_rows,
            t.rows,
            count(t.matched_documents, "document", "documents"),
            count(t.unmatched_documents, "document", "documents"),
            count(t.unmatched_rows, "row", "rows"),
            count(t.duplicate_keys, "row", "rows"),
        ));
        lines.extend(
            t.unmatched_examples
                .iter()
                .map(|e| format!("  unmatched {}", one_line(e))),
        );
    }
    lines.push(String::new());
    let warnings: usize = d.warnings.iter().map(|g| g.warnings.len()).sum();
    lines.push(if warnings == 0 {
        "warnings: none".to_owned()
    } else {
        "warnings:".to_owned()
    });
    for group in &d.warnings {
        lines.push(format!("  {} {}", group.warnings.len(), group.summary));
        lines.extend(group.warnings.iter().map(|w| format!("    {w}")));
    }
    lines
}

/// `name  documents  source n · source n   e.g. a, b, c`.
fn field_line(field: &FieldCount, width: usize, total: usize) -> String {
    let sources: Vec<String> = field
        .sources
        .iter()
        .map(|(source, n)| format!("{source} {n}"))
        .collect();
    let name = crate::text::pad(&one_line(&field.name), width);
    let mut line = format!(
        "{name}  {:>total$}  {}",
        field.documents,
        sources.join(" · ")
    );
    if !field.examples.is_empty() {
        line.push_str(&format!("   e.g. {}", field.examples.join(", ")));
    }
    line.trim_end().to_owned()
}
