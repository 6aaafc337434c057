//! `dossier init [PATH]`: writes a commented `dossier.ron` at the corpus root with what it
//! detects there (the tables that join by themselves, a filename pattern when the file
//! stems look like `X_Y_Z`), and never overwrites one.

use crate::store::corpus_file::{CorpusFile, FILE_NAME};
use crate::store::{Corpus, TableReport};
use clap::Args;
use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments of `dossier init`.
#[derive(Debug, Args)]
pub struct InitArgs {
    /// The corpus folder. Default: the current folder.
    #[arg(value_name = "PATH")]
    pub path: Option<PathBuf>,
}

pub const EXAMPLES: &str =
    "Examples:\n  dossier init ~/statements\n  dossier init   (in the corpus folder)";

/// Writes the corpus file; an existing one is an error.
pub fn run(args: &InitArgs) -> anyhow::Result<ExitCode> {
    let root = args.path.clone().unwrap_or_else(|| PathBuf::from("."));
    if !root.is_dir() {
        anyhow::bail!("{}: not a folder", root.display());
    }
    let target = root.join(FILE_NAME);
    if target.exists() {
        anyhow::bail!(
            "{}: already exists; dossier init never overwrites it",
            target.display()
        );
    }
    let corpus = Corpus::load(std::slice::from_ref(&root))?;
    let stems: Vec<&str> = corpus
        .documents
        .iter()
        .filter(|d| !d.format.is_dataset())
        .map(|d| stem(&d.path))
        .collect();
    let pattern = pattern_of(&stems);
    let parts = pattern.as_ref().map_or(0, |p| p.split('_').count());
    let example = stems
        .iter()
        .copied()
        .find(|s| s.split('_').count() == parts);
    let text = render(&corpus.name, pattern.as_deref(), &corpus.tables, example);
    // What is written must read back: a corpus file that does not parse helps nobody.
    CorpusFile::parse(&text, &target)?;
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&target)
        .map_err(|e| anyhow::anyhow!("{}: {e}", target.display()))?;
    std::io::Write::write_all(&mut file, text.as_bytes())
        .map_err(|e| anyhow::anyhow!("{}: {e}", target.display()))?;
    eprintln!(
        "dossier: wrote {} ({} tables, {})",
        target.display(),
        corpus.tables.len(),
        if pattern.is_some() {
            "a filename pattern"
        } else {
            "no filename pattern"
        }
    );
    Ok(ExitCode::SUCCESS)
}

fn stem(path: &str) -> &str {
    let name = path.rsplit('/').next().unwrap_or(path);
    name.rsplit_once('.').map_or(name, |(stem, _)| stem)
}

/// `{part1}_{part2}_{year}` when at least 80% of the stems have the same number (two or
/// more) of `_`-separated parts; a part that is a year in most of them is `year`.
fn pattern_of(stems: &[&str]) -> Option<String> {
    let mut counts = std::collections::BTreeMap::<usize, usize>::new();
    for s in stems {
        *counts.entry(s.split('_').count()).or_default() += 1;
    }
    let (&parts, &count) = counts.iter().max_by_key(|(_, c)| **c)?;
    if parts < 2 || count * 5 < stems.len() * 4 {
        return None;
    }
    let names: Vec<String> = (0..parts)
        .map(|i| {
            let years = stems
                .iter()
                .filter_map(|s| s.split('_').nth(i))
                .filter(|p| {
                    p.len() == 4 && p.parse::<u16>().is_ok_and(|y| (1700..=2100).contains(&y))
                })
                .count();
            if years * 5 >= count * 4 {
                "{year}".to_owned()
            } else {
                format!("{{part{}}}", i + 1)
            }
        })
        .collect();
    Some(names.join("_"))
}

/// The commented corpus file.
fn render(
    name: &str,
    pattern: Option<&str>,
    tables: &[TableReport],
    example: Option<&str>,
) -> String {
    let mut out = String::new();
    out.push_str(
        "// The corpus file of dossier (SPEC §10), written by `dossier init`: edit it freely.\n",
    );
    out.push_str("// Where a field comes from, highest first: a table, front matter, the file path, the text.\n");
    out.push_str("Corpus(\n");
    out.push_str(&format!("    name: Some({name:?}),\n"));
    match pattern {
        Some(p) => {
            let example = example.unwrap_or("");
            out.push_str(&format!(
                "    // Fields captured from the file stems (as in {example:?}); a {{year}} or {{date}} gives the date.\n    // Rename the captures to what they are, e.g. {{country}}_{{session}}_{{year}}.\n    filename: Some({p:?}),\n"
            ));
        }
        None => out.push_str("    // Fields from the file stems, e.g. Some(\"{country}_{session}_{year}\").\n    filename: None,\n"),
    }
    out.push_str("    // Metadata tables (CSV or TSV): `join` maps table columns to document fields (stem,\n    // name, path or any field already known); `fields` maps fields to other columns.\n    // Columns named like a field (date, title, speaker, place, kind) fill it; the others\n    // become extra fields.\n    tables: [\n");
    for t in tables {
        let join: Vec<String> = t
            .join
            .iter()
            .map(|(c, f)| format!("{c:?}: {f:?}"))
            .collect();
        out.push_str(&format!(
            "        // {:?}: {} of {} documents have a row; {} rows name no document.\n        Table(\n            file: {:?},\n            join: {{{}}},\n            fields: {{}},\n        ),\n",
            t.path,
            t.matched_documents,
            t.matched_documents + t.unmatched_documents,
            t.unmatched_rows,
            t.path,
            join.join(", "),
        ));
    }
    if tables.is_empty() {
        out.push_str("        // Table(file: \"metadata.csv\", join: {\"file\": \"name\"}, fields: {\"speaker\": \"Name\"}),\n");
    }
    out.push_str("    ],\n");
    out.push_str("    turns: None,    // or Some(regex with a (?<speaker>…) group) for unusual transcripts\n");
    out.push_str(")\n");
    out
}
