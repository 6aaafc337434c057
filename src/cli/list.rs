//! `dossier list`: one row per document, as a table fitted to the terminal, JSON lines or TSV;
//! narrowed by a query (`--query`, `--saved`) and ranked by its fuzzy words' score.

use super::query::QueryFailure;
use crate::config::Config;
use crate::notebook::Notebook;
use crate::query::{self, Query};
use crate::store::{Corpus, Document};
use crate::text;
use clap::{Args, ValueEnum};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments of `dossier list`.
#[derive(Debug, Default, Args)]
pub struct ListArgs {
    /// The corpus (same as -C).
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
    /// Order of the rows (date: newest first, undated last). Default: by date, or by
    /// score when the query has fuzzy words.
    #[arg(long, value_enum)]
    pub sort: Option<Sort>,
    /// Only the documents matching this query (SPEC §6), e.g. `tag:cyber date:2019 "hybrid
    /// threats"`.
    #[arg(short, long, value_name = "QUERY", allow_hyphen_values = true)]
    pub query: Option<String>,
    /// Only the documents of this saved search from the configuration (with --query: both).
    #[arg(long, value_name = "NAME")]
    pub saved: Option<String>,
    /// Print only the number of documents.
    #[arg(long)]
    pub count: bool,
}

/// How `list` prints.
#[derive(Debug, Default, Clone, Copy, ValueEnum)]
pub enum Format {
    /// Aligned columns fitted to the terminal width.
    #[default]
    Table,
    /// One JSON object per line.
    Json,
    /// Tab-separated values with a header line.
    Tsv,
}

/// The order of the rows.
#[derive(Debug, Default, Clone, Copy, ValueEnum)]
pub enum Sort {
    /// Newest first, undated last.
    #[default]
    Date,
    /// By title, ignoring case.
    Title,
    /// By path.
    Path,
}

/// Prints the corpus as `args` asks.
pub fn run(corpus: &Corpus, args: &ListArgs, config: &Config) -> anyhow::Result<ExitCode> {
    let query = query_of(args, config)?;
    // The notebook is not read by the command line yet: notebook terms see an empty one.
    let notebook = Notebook::new(&corpus.name);
    let never = std::sync::atomic::AtomicBool::new(false);
    let fields = query::FieldIndex::new(&corpus.documents);
    let mut hits = query::filter(&query, &corpus.documents, &fields, &notebook, &never)?;
    let mut out = std::io::stdout().lock();
    if args.count {
        return finish(writeln!(out, "{}", hits.len()));
    }
    let docs: Vec<&Document> = match args.sort {
        None if query.ranks() => {
            query::rank(&mut hits);
            hits.iter().map(|h| &corpus.documents[h.index]).collect()
        }
        sort => {
            let mut keep = vec![false; corpus.documents.len()];
            for hit in &hits {
                keep[hit.index] = true;
            }
            sorted(corpus, sort.unwrap_or_default())
                .into_iter()
                .filter(|&i| keep[i])
                .map(|i| &corpus.documents[i])
                .collect()
        }
    };
    let result = match args.format {
        Format::Json => docs.iter().try_for_each(|d| writeln!(out, "{}", json(d))),
        Format::Tsv => write_tsv(&mut out, &docs),
        Format::Table => write_table(&mut out, &docs, terminal_width()),
    };
    finish(result)
}

/// The query of `--saved` and `--query` together; an error shows where it is wrong.
fn query_of(args: &ListArgs, config: &Config) -> anyhow::Result<Query> {
    let mut query = Query::default();
    if let Some(name) = &args.saved {
        let text = config.saved_search(name).map_err(anyhow::Error::msg)?;
        let saved = query::parse(text).map_err(|error| QueryFailure {
            saved: Some(name.clone()),
            query: text.to_owned(),
            error,
        })?;
        query = query.and(saved);
    }
    if let Some(text) = &args.query {
        let typed = query::parse(text).map_err(|error| QueryFailure {
            saved: None,
            query: text.clone(),
            error,
        })?;
        query = query.and(typed);
    }
    Ok(query)
}

fn finish(result: std::io::Result<()>) -> anyhow::Result<ExitCode> {
    match result {
        // A closed pipe (`dossier list | head`) is not an error.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(ExitCode::SUCCESS),
        other => other.map(|()| ExitCode::SUCCESS).map_err(Into::into),
    }
}

/// The indices of the corpus's documents in the requested order.
pub fn sorted(corpus: &Corpus, sort: Sort) -> Vec<usize> {
    let docs = &corpus.documents;
    let mut order: Vec<usize> = (0..docs.len()).collect();
    match sort {
        Sort::Date => order.sort_by(|&a, &b| {
            let (a, b) = (&docs[a], &docs[b]);
            match (a.meta.date, b.meta.date) {
                (Some(x), Some(y)) => y.cmp(&x).then_with(|| a.path.cmp(&b.path)),
                (Some(_), None) => std::cmp::Ordering::Less,
                (None, Some(_)) => std::cmp::Ordering::Greater,
                (None, None) => a.path.cmp(&b.path),
            }
        }),
        Sort::Title => {
            order.sort_by_cached_key(|&i| (docs[i].meta.title.to_lowercase(), docs[i].path.clone()))
        }
        Sort::Path => {}
    }
    order
}

/// The JSON object of a document (SPEC §2).
pub fn json(doc: &Document) -> serde_json::Value {
    let m = &doc.meta;
    serde_json::json!({
        "path": doc.path,
        "id": doc.id,
        "title": m.title,
        "date": m.date.map(|d| d.to_string()),
        "dateline": m.dateline,
        "place": m.place,
        "speaker": m.speaker,
        "kind": m.kind,
        "delivery": m.delivery,
        "footnotes": m.footnotes,
        "urls": m.urls,
        "warnings": doc.warnings,
    })
}

fn cells(doc: &Document) -> [String; 5] {
    let m = &doc.meta;
    [
        text::one_line(&doc.path),
        m.date.map(|d| d.to_string()).unwrap_or_default(),
        m.place.as_deref().map(text::one_line).unwrap_or_default(),
        m.kind.clone().unwrap_or_default(),
        text::one_line(&m.title),
    ]
}

const HEADERS: [&str; 5] = ["PATH", "DATE", "PLACE", "KIND", "TITLE"];

fn write_tsv(out: &mut impl Write, docs: &[&Document]) -> std::io::Result<()> {
    writeln!(out, "{}", HEADERS.map(str::to_lowercase).join("\t"))?;
    for doc in docs {
        let row = cells(doc).map(|c| c.replace('\t', " "));
        writeln!(out, "{}", row.join("\t"))?;
    }
    Ok(())
}

/// Columns get their natural width up to a cap; the title takes what is left.
fn write_table(out: &mut impl Write, docs: &[&Document], total: usize) -> std::io::Result<()> {
    let rows: Vec<[String; 5]> = docs.iter().map(|d| cells(d)).collect();
    const CAPS: [usize; 4] = [40, 10, 24, 16];
    let mut widths = [0usize; 4];
    for (i, cap) in CAPS.iter().enumerate() {
        let natural = rows.iter().map(|r| text::width(&r[i])).max().unwrap_or(0);
        widths[i] = natural.max(text::width(HEADERS[i])).min(*cap);
    }
    // On a narrow terminal the widest of path, place and kind shrinks first, so the title
    // keeps some room; what still does not fit is cut at the edge.
    let fixed = |w: &[usize; 4]| w.iter().sum::<usize>() + 2 * 4;
    while fixed(&widths) + 20 > total {
        let Some(widest) = [0, 2, 3]
            .into_iter()
            .filter(|&i| widths[i] > 8)
            .max_by_key(|&i| widths[i])
        else {
            break;
        };
        widths[widest] -= 1;
    }
    let title_width = total.saturating_sub(fixed(&widths)).max(10);
    let line = |row: [&str; 5]| {
        let mut s = String::new();
        for (i, w) in widths.iter().enumerate() {
            s.push_str(&text::pad(row[i], *w));
            s.push_str("  ");
        }
        s.push_str(&text::truncate(row[4], title_width));
        text::truncate(s.trim_end(), total)
    };
    writeln!(out, "{}", line(HEADERS))?;
    for row in &rows {
        writeln!(
            out,
            "{}",
            line([&row[0], &row[1], &row[2], &row[3], &row[4]])
        )?;
    }
    Ok(())
}

/// The terminal's width, or `$COLUMNS`, or 120 when the output is not a terminal.
fn terminal_width() -> usize {
    use std::io::IsTerminal;
    if std::io::stdout().is_terminal()
        && let Ok((w, _)) = ratatui::crossterm::terminal::size()
        && w > 0
    {
        return usize::from(w);
    }
    std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.parse().ok())
        .filter(|&c| c > 0)
        .unwrap_or(120)
}
