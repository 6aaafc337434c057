//! `dossier stats`: the charts of SPEC §13 as tables (table, CSV, JSON lines) and, with
//! `--svg FILE`, as an SVG picture of the same rows.

use super::rows::{self, Format};
use crate::config::Config;
use crate::notebook::reconcile;
use crate::query::Query;
use crate::stats::{self, By, Group, Selection, Series};
use crate::store::Corpus;
use clap::{Args, Subcommand, ValueEnum};
use serde_json::{Map, Value};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Examples shown by `dossier stats --help`.
pub const EXAMPLES: &str = "\
Examples:
  dossier stats tags ~/statements
  dossier stats timeline --by quarter --tag cyber --tag hybrid --svg timeline.svg
  dossier stats timeline --query '\"hybrid threats\"' --query '\"cyber\"' --format csv
  dossier stats cooccurrence --query 'date:2019' --format json
  dossier stats matrix --by speaker --svg matrix.svg";

/// Arguments of `dossier stats`.
#[derive(Debug, Args)]
pub struct StatsArgs {
    /// Which chart.
    #[command(subcommand)]
    pub chart: Chart,
}

/// What every chart takes.
#[derive(Debug, Args)]
pub struct Common {
    /// The corpus (same as -C).
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Output format of the rows.
    #[arg(long, value_enum, default_value_t = TableFormat::Table)]
    pub format: TableFormat,
    /// Also draw the chart as an SVG file.
    #[arg(long, value_name = "FILE")]
    pub svg: Option<PathBuf>,
}

/// The charts.
#[derive(Debug, Subcommand)]
pub enum Chart {
    /// Documents and highlights per tag, a tag counting for the tags above it.
    Tags {
        #[command(flatten)]
        common: Common,
        /// Only the documents matching this query.
        #[arg(short, long, value_name = "QUERY", allow_hyphen_values = true)]
        query: Option<String>,
    },
    /// Documents (and hits) per period over the documents' dates, one series per --tag
    /// and --query (all documents when neither is given); undated counted apart.
    Timeline {
        #[command(flatten)]
        common: Common,
        /// Length of a period.
        #[arg(long, value_enum, default_value_t)]
        by: Period,
        /// A series of the documents carrying this tag (repeatable).
        #[arg(long, value_name = "TAG")]
        tag: Vec<String>,
        /// A series of the documents matching this query (repeatable).
        #[arg(short, long, value_name = "QUERY", allow_hyphen_values = true)]
        query: Vec<String>,
    },
    /// Tag × tag: documents and overlapping highlights, with n12 / (n1 + n2 − n12).
    Cooccurrence {
        #[command(flatten)]
        common: Common,
        /// Only the documents matching this query.
        #[arg(short, long, value_name = "QUERY", allow_hyphen_values = true)]
        query: Option<String>,
    },
    /// Tag × group counts of codings (document tags and highlights), as a heat map.
    Matrix {
        #[command(flatten)]
        common: Common,
        /// The groups: document, speaker, kind, year or a field (place, title).
        #[arg(long, default_value = "document", value_name = "GROUP")]
        by: String,
        /// Only the documents matching this query.
        #[arg(short, long, value_name = "QUERY", allow_hyphen_values = true)]
        query: Option<String>,
    },
}

impl Chart {
    /// What every chart takes.
    pub fn common(&self) -> &Common {
        match self {
            Chart::Tags { common, .. }
            | Chart::Timeline { common, .. }
            | Chart::Cooccurrence { common, .. }
            | Chart::Matrix { common, .. } => common,
        }
    }
}

/// `--format` of `stats`.
#[derive(Debug, Default, Clone, Copy, ValueEnum)]
pub enum TableFormat {
    /// Aligned columns.
    #[default]
    Table,
    /// Comma-separated values with a header line.
    Csv,
    /// One JSON object per line.
    Json,
}

/// `--by` of `timeline`.
#[derive(Debug, Default, Clone, Copy, ValueEnum)]
pub enum Period {
    /// Years.
    #[default]
    Year,
    /// Quarters.
    Quarter,
    /// Months.
    Month,
}

/// Prints the chart `args` names over `corpus`, and draws it when asked.
pub fn run(
    corpus: &mut Corpus,
    notebook: &Path,
    config: &Config,
    args: &StatsArgs,
) -> anyhow::Result<ExitCode> {
    let parse = |q: &Option<String>| super::list::query_of(None, q.as_deref(), config, corpus);
    let mut nb = crate::notebook::load(notebook, &corpus.name)?;
    // The query that selects the documents, and the series' queries (their texts are read
    // where their phrases may be).
    let (selecting, series_queries): (Query, Vec<(String, Query)>) = match &args.chart {
        Chart::Tags { query, .. }
        | Chart::Cooccurrence { query, .. }
        | Chart::Matrix { query, .. } => (parse(query)?, Vec::new()),
        Chart::Timeline { query, .. } => {
            let mut series = Vec::new();
            for q in query {
                series.push((q.clone(), parse(&Some(q.clone()))?));
            }
            (Query::default(), series)
        }
    };
    let group = match &args.chart {
        Chart::Matrix { by, .. } => Some(Group::parse(by).map_err(anyhow::Error::msg)?),
        _ => None,
    };
    // Texts are needed for the phrases of any series, not only of all of them at once.
    for (_, q) in &series_queries {
        super::load_texts_for(
            corpus,
            Some(&only_phrases(q)),
            super::list::highlighted(&nb),
        );
    }
    super::load_texts_for(corpus, Some(&selecting), super::list::highlighted(&nb));
    let corpus = &*corpus;
    reconcile(&mut nb, corpus);
    let never = std::sync::atomic::AtomicBool::new(false);
    let selection = Selection::of(corpus, &nb, &selecting, &never)?;
    let (columns, lines, svg): (&[&str], Vec<Map<String, Value>>, _) = match &args.chart {
        Chart::Tags { .. } => {
            let rows = stats::tags(&selection);
            let svg = stats::svg::tags(&rows, "Documents and highlights per tag");
            (&["tag", "documents", "highlights"], all(&rows), svg)
        }
        Chart::Timeline { by, tag, .. } => {
            let mut series: Vec<Series> = tag.iter().cloned().map(Series::Tag).collect();
            series.extend(
                series_queries
                    .into_iter()
                    .map(|(text, query)| Series::Query { text, query }),
            );
            if series.is_empty() {
                series.push(Series::All {
                    query: selecting.clone(),
                });
            }
            let rows = stats::timeline(&selection, (*by).into(), &series);
            let svg = stats::svg::timeline(&rows, "Documents per period");
            (&["period", "series", "documents", "hits"], all(&rows), svg)
        }
        Chart::Cooccurrence { .. } => {
            let rows = stats::cooccurrence(&selection);
            let svg = stats::svg::cooccurrence(&rows, "Co-occurrence of tags (coefficient)");
            (
                &["a", "b", "documents", "highlights", "coefficient"],
                all(&rows),
                svg,
            )
        }
        Chart::Matrix { by, .. } => {
            let rows = stats::matrix(&selection, group.as_ref().unwrap_or(&Group::Document));
            let svg = stats::svg::matrix(&rows, &format!("Codings per tag and {by}"));
            (&["tag", "group", "count"], all(&rows), svg)
        }
    };
    let common = args.chart.common();
    if let Some(path) = &common.svg {
        let svg = svg?;
        std::fs::write(path, svg)
            .map_err(|e| anyhow::anyhow!("{}: {e}", super::shown_path(path)))?;
    }
    let format = match common.format {
        TableFormat::Table => Format::Table,
        TableFormat::Csv => Format::Csv,
        TableFormat::Json => Format::Json,
    };
    let mut out = rows::stdout();
    super::list::finish(rows::write(&mut out, format, columns, &lines).and_then(|()| out.flush()))
}

fn all<T: serde::Serialize>(rows: &[T]) -> Vec<Map<String, Value>> {
    rows.iter().map(rows::row).collect()
}

/// The phrases of `query` alone, as the terms whose texts must be read.
fn only_phrases(query: &Query) -> Query {
    Query {
        terms: query
            .terms
            .iter()
            .filter(|t| matches!(t.test, crate::query::Test::Phrase(_)))
            .cloned()
            .collect(),
    }
}

impl From<Period> for By {
    fn from(p: Period) -> By {
        match p {
            Period::Year => By::Year,
            Period::Quarter => By::Quarter,
            Period::Month => By::Month,
        }
    }
}
