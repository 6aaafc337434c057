//! `dossier kwic`: every hit of a query's phrases in the documents it selects, one line
//! each, the hits aligned by display width, as a table, JSON lines, TSV or CSV.

use super::rows::{self, Format};
use crate::config::Config;
use crate::kwic::{self, Order};
use crate::notebook::reconcile;
use crate::store::Corpus;
use clap::{Args, ValueEnum};
use serde_json::{Map, Value, json};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Examples shown by `dossier kwic --help`.
pub const EXAMPLES: &str = "\
Examples:
  dossier kwic '\"hybrid threats\"' ~/statements
  dossier kwic '\"hybrid threats\" date:2019' --sort right --width 50
  dossier kwic '\"nato\\'s role\" kind:speech' --format csv > role.csv
  dossier kwic '\"deterrence\"' --format json | jq .right";

/// Arguments of `dossier kwic`.
#[derive(Debug, Args)]
pub struct KwicArgs {
    /// The query (SPEC §6); its quoted phrases are the keywords, e.g. '"hybrid threats"
    /// date:2019'.
    #[arg(value_name = "QUERY", allow_hyphen_values = true)]
    pub query: String,
    /// The corpus (same as -C).
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Columns of context on each side of the hit.
    #[arg(long, default_value_t = 40, value_name = "N")]
    pub width: usize,
    /// Order of the lines: by the words left or right of the hit, by date (newest first),
    /// or by document and position.
    #[arg(long, value_enum, default_value_t)]
    pub sort: SortBy,
    /// Output format.
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
}

/// `--sort` of `kwic`.
#[derive(Debug, Default, Clone, Copy, ValueEnum)]
pub enum SortBy {
    /// By the words left of the hit, nearest first.
    Left,
    /// By the words right of the hit.
    Right,
    /// By date, newest first, undated last.
    Date,
    /// By document path, then position.
    #[default]
    Document,
}

impl From<SortBy> for Order {
    fn from(s: SortBy) -> Order {
        match s {
            SortBy::Left => Order::Left,
            SortBy::Right => Order::Right,
            SortBy::Date => Order::Date,
            SortBy::Document => Order::Document,
        }
    }
}

const COLUMNS: [&str; 9] = [
    "path", "title", "date", "speaker", "left", "hit", "right", "start", "end",
];

/// Prints the concordance of `args.query` over `corpus` (documents may be unloaded: only
/// the texts the phrases may be in are read).
pub fn run(
    corpus: &mut Corpus,
    notebook: &Path,
    config: &Config,
    args: &KwicArgs,
) -> anyhow::Result<ExitCode> {
    let query = super::list::query_of(None, Some(&args.query), config, corpus)?;
    if query.phrases().next().is_none() {
        anyhow::bail!(
            "the query has no phrase to show in context: put the words in double quotes, e.g. '\"hybrid threats\"'"
        );
    }
    let mut nb = crate::notebook::load(notebook, &corpus.name)?;
    super::load_texts_for(corpus, Some(&query), super::list::highlighted(&nb));
    let corpus = &*corpus;
    reconcile(&mut nb, corpus);
    let docs: Vec<usize> = super::list::matching(corpus, &nb, &query)?
        .into_iter()
        .map(|h| h.index)
        .collect();
    let mut hits = kwic::hits(corpus, &docs, &query);
    kwic::sort(&mut hits, corpus, args.sort.into());
    let width = args.width.max(1);
    let lines: Vec<Map<String, Value>> = hits
        .iter()
        .filter_map(|h| {
            let doc = corpus.documents.get(h.doc)?;
            let line = kwic::line(&doc.text, h.range.clone(), width);
            let object = json!({
                "path": doc.path,
                "title": crate::text::one_line(&doc.meta.title),
                "date": crate::stats::when::date_text(doc),
                "speaker": h.speaker,
                "left": line.left,
                "hit": line.hit,
                "right": line.right,
                "start": h.range.start,
                "end": h.range.end,
            });
            match object {
                Value::Object(map) => Some(map),
                _ => None,
            }
        })
        .collect();
    let mut out = rows::stdout();
    let result = match args.format {
        Format::Table => write_table(&mut out, &lines, width, super::list::terminal_width()),
        other => rows::write(&mut out, other, &COLUMNS, &lines),
    };
    super::list::finish(result.and_then(|()| out.flush()))
}

/// The table: date, left context (right-aligned), the hit, right context, then path and
/// title in what is left of the terminal's width.
fn write_table(
    out: &mut impl Write,
    lines: &[Map<String, Value>],
    width: usize,
    total: usize,
) -> std::io::Result<()> {
    let text = |l: &Map<String, Value>, k: &str| l.get(k).map(rows::cell).unwrap_or_default();
    let speakers = lines.iter().any(|l| !text(l, "speaker").is_empty());
    for l in lines {
        let mut s = format!("{:<10}  ", text(l, "date"));
        if speakers {
            s.push_str(&crate::text::pad(&text(l, "speaker"), 16));
            s.push_str("  ");
        }
        s.push_str(&kwic::pad_left(&text(l, "left"), width));
        s.push_str("  ");
        s.push_str(&text(l, "hit"));
        s.push_str("  ");
        s.push_str(&crate::text::pad(&text(l, "right"), width));
        s.push_str("  ");
        s.push_str(&text(l, "path"));
        s.push_str("  ");
        s.push_str(&text(l, "title"));
        writeln!(
            out,
            "{}",
            crate::text::truncate(s.trim_end(), total.max(width * 2 + 20))
        )?;
    }
    Ok(())
}
