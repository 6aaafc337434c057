//! `dossier list`: one row per document, with its status and tags from the notebook, as a
//! table fitted to the terminal, JSON lines or TSV; narrowed by a query (`--query`,
//! `--saved`) and ranked by its fuzzy words' score.

use super::query::QueryFailure;
use crate::config::Config;
use crate::notebook::{AnchorState, DocumentNotes, Notebook, reconcile};
use crate::query::{self, Query};
use crate::store::{Corpus, Document};
use crate::text;
use clap::{Args, ValueEnum};
use std::collections::HashSet;
use std::io::Write;
use std::path::{Path, PathBuf};
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
    /// Order of the rows: date (newest first, undated last), title, path, status, or an
    /// extra field of the corpus (numbers numerically, dates by date, else by text;
    /// documents without it last). Default: by date, or by score when the query has fuzzy
    /// words.
    #[arg(long, value_name = "date|title|path|status|FIELD")]
    pub sort: Option<String>,
    /// The columns of the table and TSV, in order, e.g. `date,speaker,party,title`: path,
    /// id, format, title, date, dateline, place, speaker, kind, delivery, status, tags or
    /// an extra field of the corpus.
    #[arg(long, value_delimiter = ',', value_name = "NAME,…")]
    pub columns: Vec<String>,
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

pub use crate::order::Sort;

/// A document with what the notebook says about it.
type Row<'a> = (&'a Document, Option<&'a DocumentNotes>);

/// Prints the corpus as `args` asks, with the notebook at `notebook` (read, never written).
/// Documents may be unloaded (metadata cache): only the texts a phrase query must search and
/// those with highlights (whose states are checked against them) are read.
pub fn run(
    corpus: &mut Corpus,
    notebook: &Path,
    config: &Config,
    args: &ListArgs,
) -> anyhow::Result<ExitCode> {
    let query = query_of(args.saved.as_deref(), args.query.as_deref(), config, corpus)?;
    let known = query::KnownFields::of(&corpus.documents);
    let order = args
        .sort
        .as_deref()
        .map(|name| Order::parse(name, &known))
        .transpose()?;
    let columns = super::columns::resolve(&args.columns, &known)?;
    let mut nb: Notebook = crate::notebook::load(notebook, &corpus.name)?;
    super::load_texts_for(corpus, Some(&query), highlighted(&nb));
    let corpus = &*corpus;
    reconcile(&mut nb, corpus);
    let mut out = std::io::stdout().lock();
    if args.count {
        // A count needs no order.
        let n = matching(corpus, &nb, &query)?.len();
        return finish(writeln!(out, "{n}"));
    }
    let built_in = match &order {
        Some(Order::BuiltIn(sort)) => Some(*sort),
        Some(Order::Field(_)) => Some(Sort::Path),
        None => None,
    };
    let mut docs = select(corpus, &nb, config, &query, built_in)?;
    if let Some(Order::Field(name)) = &order {
        crate::order::by_field(&mut docs, name);
    }
    let rows: Vec<Row> = docs.into_iter().map(|d| (d, nb.doc(&d.path))).collect();
    let chosen = || -> Vec<Vec<String>> {
        rows.iter()
            .map(|(d, e)| columns.iter().map(|c| c.cell(d, *e)).collect())
            .collect()
    };
    let result = match args.format {
        Format::Json => rows
            .iter()
            .try_for_each(|(d, e)| writeln!(out, "{}", crate::text::json(&json(d, *e)))),
        Format::Tsv if !columns.is_empty() => {
            super::columns::write_tsv(&mut out, &columns, &chosen())
        }
        Format::Table if !columns.is_empty() => {
            super::columns::write_table(&mut out, &columns, &chosen(), terminal_width())
        }
        Format::Tsv => write_tsv(&mut out, &rows),
        Format::Table => write_table(&mut out, &rows, terminal_width()),
    };
    finish(result)
}

/// The order `--sort` asks for: a built-in one or an extra field's.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Order {
    BuiltIn(Sort),
    /// An extra field, by its name in query form.
    Field(String),
}

impl Order {
    /// Reads `--sort NAME` (any case); an unknown name is an error naming those there are.
    fn parse(name: &str, known: &query::KnownFields) -> anyhow::Result<Order> {
        if let Ok(sort) = <Sort as ValueEnum>::from_str(name, true) {
            return Ok(Order::BuiltIn(sort));
        }
        match known.resolve(name) {
            Some(field) => Ok(Order::Field(field.to_owned())),
            None => {
                let mut names = vec!["date", "title", "path", "status"];
                names.extend(known.names());
                anyhow::bail!(
                    "unknown sort {:?}; expected {}",
                    text::one_line(name),
                    names.join(", ")
                )
            }
        }
    }
}

/// Whether a document has highlights in `nb` (by path, or by id when it was renamed): a
/// command checks their anchors, so it needs the document's text.
pub fn highlighted(nb: &Notebook) -> impl Fn(&Document) -> bool + Sync + '_ {
    let keys: HashSet<&str> = nb
        .documents
        .iter()
        .filter(|(_, e)| !e.highlights.is_empty())
        .flat_map(|(path, e)| [path.as_str(), e.id.as_str()])
        .collect();
    move |d| !keys.is_empty() && (keys.contains(d.path.as_str()) || keys.contains(d.id.as_str()))
}

/// The documents matching `query`, ranked by score when it has fuzzy words and no sort is
/// asked for, else in the `sort` order (date by default).
pub fn select<'a>(
    corpus: &'a Corpus,
    notebook: &Notebook,
    config: &Config,
    query: &Query,
    sort: Option<Sort>,
) -> anyhow::Result<Vec<&'a Document>> {
    let mut hits = matching(corpus, notebook, query)?;
    if sort.is_none() && query.ranks() {
        query::rank(&mut hits);
        return Ok(hits.iter().map(|h| &corpus.documents[h.index]).collect());
    }
    let mut keep = vec![false; corpus.documents.len()];
    for hit in &hits {
        keep[hit.index] = true;
    }
    let statuses = config.status_names();
    let docs: Vec<&Document> =
        crate::order::order(corpus, notebook, &statuses, sort.unwrap_or_default())
            .into_iter()
            .filter(|&i| keep[i])
            .map(|i| &corpus.documents[i])
            .collect();
    Ok(docs)
}

/// The documents matching `query`, in corpus order, with their scores.
pub fn matching(
    corpus: &Corpus,
    notebook: &Notebook,
    query: &Query,
) -> anyhow::Result<Vec<query::Hit>> {
    let never = std::sync::atomic::AtomicBool::new(false);
    // The index of searched fields pays for itself only when there are words to search.
    let words = query
        .terms
        .iter()
        .any(|t| matches!(t.test, query::Test::Word(_)));
    let fields = query::FieldIndex::new(if words { &corpus.documents } else { &[] });
    Ok(query::filter(
        query,
        &corpus.documents,
        &fields,
        notebook,
        &never,
    )?)
}

/// The query of `--saved` and `--query` together, over the corpus's extra fields; an error
/// shows where it is wrong.
pub fn query_of(
    saved: Option<&str>,
    typed: Option<&str>,
    config: &Config,
    corpus: &Corpus,
) -> anyhow::Result<Query> {
    let mut query = Query::default();
    if saved.is_none() && typed.is_none() {
        return Ok(query);
    }
    let known = query::KnownFields::of(&corpus.documents);
    if let Some(name) = saved {
        let text = config.saved_search(name).map_err(anyhow::Error::msg)?;
        let saved = query::parse_with(text, &known).map_err(|error| QueryFailure {
            saved: Some(name.to_owned()),
            query: text.to_owned(),
            error,
        })?;
        query = query.and(saved);
    }
    if let Some(text) = typed {
        let typed = query::parse_with(text, &known).map_err(|error| QueryFailure {
            saved: None,
            query: text.to_owned(),
            error,
        })?;
        query = query.and(typed);
    }
    Ok(query)
}

pub(super) fn finish(result: std::io::Result<()>) -> anyhow::Result<ExitCode> {
    match result {
        // A closed pipe (`dossier list | head`) is not an error.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(ExitCode::SUCCESS),
        other => other.map(|()| ExitCode::SUCCESS).map_err(Into::into),
    }
}

/// The JSON object of a document and its notebook entry (SPEC §2).
pub fn json(doc: &Document, entry: Option<&DocumentNotes>) -> serde_json::Value {
    let m = &doc.meta;
    let highlights: Vec<serde_json::Value> = entry
        .map(|e| e.highlights.as_slice())
        .unwrap_or_default()
        .iter()
        .map(|h| {
            // A changed highlight's new wording; `null` for the others.
            let now = (h.state == AnchorState::Changed)
                .then(|| doc.text.get(h.anchor.start..h.anchor.end))
                .flatten();
            serde_json::json!({
                "quote": h.anchor.quote,
                "tags": h.tags,
                "note": h.note,
                "state": h.state.as_str(),
                "now": now,
            })
        })
        .collect();
    serde_json::json!({
        "path": doc.path,
        "format": doc.format.name(),
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
        "speakers": m.speakers(),
        "fields": m.fields,
        "sources": m.sources,
        "warnings": doc.warnings,
        "status": entry.and_then(|e| e.status.as_deref()),
        "tags": entry.map(|e| e.tags.as_slice()).unwrap_or_default(),
        "notes": entry
            .map(|e| e.notes.iter().map(|n| n.text.as_str()).collect::<Vec<_>>())
            .unwrap_or_default(),
        "highlights": highlights,
    })
}

fn cells((doc, entry): &Row) -> [String; 7] {
    let m = &doc.meta;
    [
        text::one_line(&doc.path),
        m.date.map(|d| d.to_string()).unwrap_or_default(),
        m.place.as_deref().map(text::one_line).unwrap_or_default(),
        m.kind.clone().unwrap_or_default(),
        entry
            .and_then(|e| e.status.as_deref())
            .map(text::one_line)
            .unwrap_or_default(),
        entry
            .map(|e| text::one_line(&e.tags.join(", ")))
            .unwrap_or_default(),
        text::one_line(&m.title),
    ]
}

const HEADERS: [&str; 7] = ["PATH", "DATE", "PLACE", "KIND", "STATUS", "TAGS", "TITLE"];

fn write_tsv(out: &mut impl Write, rows: &[Row]) -> std::io::Result<()> {
    writeln!(out, "{}", HEADERS.map(str::to_lowercase).join("\t"))?;
    for row in rows {
        let row = cells(row).map(|c| c.replace('\t', " "));
        writeln!(out, "{}", row.join("\t"))?;
    }
    Ok(())
}

/// Columns get their natural width up to a cap; the title takes what is left. The status
/// and tags columns appear once some listed document has a status or a tag.
fn write_table(out: &mut impl Write, rows: &[Row], total: usize) -> std::io::Result<()> {
    let rows: Vec<[String; 7]> = rows.iter().map(cells).collect();
    const CAPS: [usize; 6] = [40, 10, 24, 16, 12, 24];
    let shown: Vec<usize> = (0..6)
        .filter(|&i| i < 4 || rows.iter().any(|r| !r[i].is_empty()))
        .collect();
    let mut widths: Vec<usize> = shown
        .iter()
        .map(|&i| {
            let natural = rows.iter().map(|r| text::width(&r[i])).max().unwrap_or(0);
            natural.max(text::width(HEADERS[i])).min(CAPS[i])
        })
        .collect();
    // On a narrow terminal the widest of path, place, kind and tags shrinks first, so the
    // title keeps some room; what still does not fit is cut at the edge.
    let fixed = |w: &[usize]| w.iter().sum::<usize>() + 2 * w.len();
    while fixed(&widths) + 20 > total {
        let Some(widest) = (0..shown.len())
            .filter(|&k| matches!(shown[k], 0 | 2 | 3 | 5) && widths[k] > 8)
            .max_by_key(|&k| widths[k])
        else {
            break;
        };
        widths[widest] -= 1;
    }
    let title_width = total.saturating_sub(fixed(&widths)).max(10);
    let line = |row: [&str; 7]| {
        let mut s = String::new();
        for (k, &i) in shown.iter().enumerate() {
            s.push_str(&text::pad(row[i], widths[k]));
            s.push_str("  ");
        }
        s.push_str(&text::truncate(row[6], title_width));
        text::truncate(s.trim_end(), total)
    };
    writeln!(out, "{}", line(HEADERS))?;
    for row in &rows {
        writeln!(out, "{}", line(row.each_ref().map(String::as_str)))?;
    }
    Ok(())
}

/// The terminal's width, or `$COLUMNS`, or 120 when the output is not a terminal.
pub(super) fn terminal_width() -> usize {
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
