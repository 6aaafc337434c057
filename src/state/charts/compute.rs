//! What a chart shows, computed from the documents the list shows: the rows of
//! [`crate::stats`] arranged as bars, lines or a grid. It runs off the screen's thread
//! (the event loop's chart worker) and, in tests, inline; it never changes the state.

use super::ChartKind;
use crate::notebook::Notebook;
use crate::query::Query;
use crate::stats::{self, By, CoRow, Group, MatrixRow, Selection, Series, TagRow};
use crate::store::Corpus;
use std::collections::BTreeMap;

/// Tag series the timeline draws besides every document: the tags on most documents.
pub const TIMELINE_TAGS: usize = 3;

/// A chart for the event loop to compute.
#[derive(Debug, Clone, PartialEq)]
pub struct ChartJob {
    /// Grows with every job; only the newest result is used.
    pub generation: u64,
    /// Which chart.
    pub kind: ChartKind,
    /// The matrix's columns.
    pub group: Group,
    /// The query that selected the documents (for the timeline's phrase hits).
    pub query: Query,
    /// The documents to count, indices into the corpus in corpus order.
    pub docs: Vec<usize>,
}

/// A computed chart.
#[derive(Debug, Clone, PartialEq)]
pub struct ChartDone {
    /// The job's generation.
    pub generation: u64,
    /// What it shows.
    pub data: ChartData,
}

/// The timeline: documents and hits per year, one line per series.
#[derive(Debug, Clone, PartialEq)]
pub struct Timeline {
    /// The periods in order, `undated` last when there are undated documents.
    pub periods: Vec<String>,
    /// The series: `None` for every document, else a tag.
    pub series: Vec<Option<String>>,
    /// `[series][period]`: (documents, hits).
    pub values: Vec<Vec<(usize, usize)>>,
}

impl Timeline {
    /// The series' name, as the rows and the legend write it.
    pub fn name(&self, k: usize) -> String {
        match self.series.get(k) {
            Some(Some(tag)) => format!("tag:{tag}"),
            _ => "all".to_owned(),
        }
    }

    /// The periods with a date (all but `undated`).
    pub fn dated(&self) -> usize {
        self.periods.iter().filter(|p| *p != "undated").count()
    }
}

/// A grid of counts: co-occurrence (tag × tag) or the code matrix (tag × group).
#[derive(Debug, Clone, PartialEq)]
pub struct Grid {
    /// The rows' names (tags).
    pub rows: Vec<String>,
    /// The columns' names (tags, or groups).
    pub columns: Vec<String>,
    /// The cells that are not zero: (row, column) → count.
    pub cells: BTreeMap<(usize, usize), usize>,
    /// The largest count.
    pub most: usize,
    /// Co-occurrence only: the rows of `stats::cooccurrence`, for highlights and the
    /// coefficient of a cell.
    pub pairs: Vec<CoRow>,
}

impl Grid {
    /// The count of a cell.
    pub fn count(&self, row: usize, column: usize) -> usize {
        self.cells.get(&(row, column)).copied().unwrap_or(0)
    }
}

/// What a chart shows.
#[derive(Debug, Clone, PartialEq)]
pub enum Body {
    /// Documents and highlights per tag.
    Tags(Vec<TagRow>),
    /// Documents and hits per year.
    Timeline(Timeline),
    /// Tag × tag.
    Cooccurrence(Grid),
    /// Tag × group.
    Matrix(Grid),
}

/// A chart and the documents it counted.
#[derive(Debug, Clone, PartialEq)]
pub struct ChartData {
    /// The chart.
    pub kind: ChartKind,
    /// The matrix's columns when it was computed.
    pub group: Group,
    /// The query that selected the documents.
    pub query: Query,
    /// The documents counted, in corpus order.
    pub docs: Vec<usize>,
    /// What it shows.
    pub body: Body,
}

/// Computes the chart a job asks for.
pub fn compute(corpus: &Corpus, notebook: &Notebook, job: &ChartJob) -> ChartDone {
    let selection = Selection {
        corpus,
        notebook,
        docs: job.docs.clone(),
    };
    let body = match job.kind {
        ChartKind::Tags => Body::Tags(stats::tags(&selection)),
        ChartKind::Timeline => Body::Timeline(timeline(&selection, &job.query)),
        ChartKind::Cooccurrence => Body::Cooccurrence(cooccurrence(&selection)),
        ChartKind::Matrix => Body::Matrix(matrix(stats::matrix(&selection, &job.group))),
    };
    ChartDone {
        generation: job.generation,
        data: ChartData {
            kind: job.kind,
            group: job.group.clone(),
            query: job.query.clone(),
            docs: job.docs.clone(),
            body,
        },
    }
}

/// The series of the timeline: every document, then the tags on most documents.
pub fn timeline_series(selection: &Selection<'_>, query: &Query) -> Vec<Series> {
    let mut tags: Vec<TagRow> = stats::tags(selection)
        .into_iter()
        .filter(|r| r.documents > 0)
        .collect();
    // Most documents first; by name among equals (the rows come by name).
    tags.sort_by_key(|r| std::cmp::Reverse(r.documents));
    let mut series = vec![Series::All {
        query: query.clone(),
    }];
    series.extend(
        tags.into_iter()
            .take(TIMELINE_TAGS)
            .map(|r| Series::Tag(r.tag)),
    );
    series
}

fn timeline(selection: &Selection<'_>, query: &Query) -> Timeline {
    let series = timeline_series(selection, query);
    let rows = stats::timeline(selection, By::Year, &series);
    let mut periods: Vec<String> = Vec::new();
    let mut values: Vec<Vec<(usize, usize)>> = vec![Vec::new(); series.len()];
    // Rows come period by period, each with every series in order.
    for (i, row) in rows.iter().enumerate() {
        let k = i % series.len();
        if k == 0 {
            periods.push(row.period.clone());
        }
        values[k].push((row.documents, row.hits));
    }
    Timeline {
        periods,
        series: series
            .into_iter()
            .map(|s| match s {
                Series::Tag(t) => Some(t),
                _ => None,
            })
            .collect(),
        values,
    }
}

fn index_of(names: &[String], name: &str) -> Option<usize> {
    names.binary_search_by(|n| n.as_str().cmp(name)).ok()
}

fn cooccurrence(selection: &Selection<'_>) -> Grid {
    let mut alone: BTreeMap<String, usize> = BTreeMap::new();
    for (_, _, notes) in selection.entries() {
        for tag in notes.map(stats::members::applied).unwrap_or_default() {
            *alone.entry(tag.to_owned()).or_default() += 1;
        }
    }
    let tags: Vec<String> = alone.keys().cloned().collect();
    let mut cells = BTreeMap::new();
    for (i, n) in alone.values().enumerate() {
        cells.insert((i, i), *n);
    }
    let pairs = stats::cooccurrence(selection);
    for p in &pairs {
        if let (Some(a), Some(b)) = (index_of(&tags, &p.a), index_of(&tags, &p.b)) {
            cells.insert((a, b), p.documents);
            cells.insert((b, a), p.documents);
        }
    }
    Grid {
        most: cells.values().copied().max().unwrap_or(0),
        rows: tags.clone(),
        columns: tags,
        cells,
        pairs,
    }
}

fn matrix(rows: Vec<MatrixRow>) -> Grid {
    let mut tags: Vec<String> = rows.iter().map(|r| r.tag.clone()).collect();
    tags.dedup();
    let mut groups: Vec<String> = rows.iter().map(|r| r.group.clone()).collect();
    groups.sort();
    groups.dedup();
    let mut cells = BTreeMap::new();
    for r in &rows {
        if let (Some(t), Some(g)) = (index_of(&tags, &r.tag), index_of(&groups, &r.group)) {
            cells.insert((t, g), r.count);
        }
    }
    Grid {
        most: cells.values().copied().max().unwrap_or(0),
        rows: tags,
        columns: groups,
        cells,
        pairs: Vec::new(),
    }
}
