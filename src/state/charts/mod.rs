//! The charts view (SPEC §13): `C` opens it over the documents the list shows, one key
//! per chart switches, a cursor moves over bars and cells, and `Enter` narrows the list
//! to the documents a bar or cell counted. The charts are computed off the screen's
//! thread ([`ChartJob`]) and again whenever the list's query changes.

pub mod compute;

pub use compute::{Body, ChartData, ChartDone, ChartJob, Grid, Timeline};

use super::list::Narrowed;
use super::{Pane, State};
use crate::action::{Action, Effect, Motion};
use crate::stats::{By, Cell, Group, Selection, Series};

/// The charts, in the order `Tab` goes through them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ChartKind {
    /// Documents and highlights per tag, as bars.
    #[default]
    Tags,
    /// Documents per year, as lines.
    Timeline,
    /// Tag × tag, as a heat map.
    Cooccurrence,
    /// Tag × group, as a heat map.
    Matrix,
}

impl ChartKind {
    /// Every chart, in order.
    pub const ALL: [ChartKind; 4] = [
        ChartKind::Tags,
        ChartKind::Timeline,
        ChartKind::Cooccurrence,
        ChartKind::Matrix,
    ];

    /// The chart's name in titles.
    pub fn name(self) -> &'static str {
        match self {
            ChartKind::Tags => "Tags",
            ChartKind::Timeline => "Timeline",
            ChartKind::Cooccurrence => "Co-occurrence",
            ChartKind::Matrix => "Matrix",
        }
    }

    fn next(self) -> ChartKind {
        let i = ChartKind::ALL.iter().position(|k| *k == self).unwrap_or(0);
        ChartKind::ALL[(i + 1) % ChartKind::ALL.len()]
    }
}

/// What the charts view is asked to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChartAction {
    /// Open the view.
    Open,
    /// Show this chart.
    Show(ChartKind),
    /// Show the next chart.
    Next,
    /// Move the cursor left.
    Left,
    /// Move the cursor right.
    Right,
    /// Group the matrix's columns by the next kind of group.
    NextGroup,
    /// Narrow the documents list to the cursor's bar or cell and go back to it.
    Narrow,
}

/// The matrix's groupings, in the order `b` goes through them.
const GROUPS: [fn() -> Group; 5] = [
    || Group::Year,
    || Group::Kind,
    || Group::Speaker,
    || Group::Field("place".to_owned()),
    || Group::Document,
];

/// The name of a grouping in titles.
pub fn group_name(group: &Group) -> String {
    match group {
        Group::Document => "document".to_owned(),
        Group::Speaker => "speaker".to_owned(),
        Group::Kind => "kind".to_owned(),
        Group::Year => "year".to_owned(),
        Group::Field(f) => f.clone(),
    }
}

/// The charts view's state.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ChartsView {
    /// The chart shown.
    pub kind: ChartKind,
    /// The matrix's columns.
    pub group: Group,
    /// The cursor: (column, row) of the chart's bars, points or cells.
    pub cursor: (usize, usize),
    /// The chart as last computed (kept on screen while the next one is computed).
    pub data: Option<ChartData>,
    /// The generation of the newest job asked for.
    pub generation: u64,
    /// The job under way, if any.
    pub pending: Option<u64>,
}

impl ChartsView {
    /// The chart's size in cursor positions: (columns, rows); (0, 0) before it is computed.
    pub fn extent(&self) -> (usize, usize) {
        let Some(data) = self.data.as_ref().filter(|d| d.kind == self.kind) else {
            return (0, 0);
        };
        match &data.body {
            Body::Tags(rows) => (1, rows.len()),
            Body::Timeline(t) => (t.periods.len(), t.series.len()),
            Body::Cooccurrence(g) | Body::Matrix(g) => (g.columns.len(), g.rows.len()),
        }
    }

    /// The chart shown, once computed.
    pub fn shown(&self) -> Option<&ChartData> {
        self.data.as_ref().filter(|d| d.kind == self.kind)
    }

    fn clamp(&mut self) {
        let (w, h) = self.extent();
        self.cursor.0 = self.cursor.0.min(w.saturating_sub(1));
        self.cursor.1 = self.cursor.1.min(h.saturating_sub(1));
    }
}

/// The bar or cell under the cursor, as [`crate::stats::members`] takes it, with a label
/// for the list's title.
pub fn cell_at(data: &ChartData, (x, y): (usize, usize)) -> Option<(Cell, String)> {
    match &data.body {
        Body::Tags(rows) => rows
            .get(y)
            .map(|r| (Cell::Tag(r.tag.clone()), format!("tag {}", r.tag))),
        Body::Timeline(t) => {
            let period = t.periods.get(x)?.clone();
            let series = match t.series.get(y)? {
                Some(tag) => Series::Tag(tag.clone()),
                None => Series::All {
                    query: data.query.clone(),
                },
            };
            let label = format!("{} in {period}", t.name(y));
            Some((
                Cell::Period {
                    by: By::Year,
                    period,
                    series,
                },
                label,
            ))
        }
        Body::Cooccurrence(g) => {
            let (a, b) = (g.rows.get(y)?, g.columns.get(x)?);
            let label = if a == b {
                format!("tag {a} as applied")
            } else {
                format!("{a} with {b}")
            };
            Some((Cell::Pair(a.clone(), b.clone()), label))
        }
        Body::Matrix(g) => {
            let (tag, value) = (g.rows.get(y)?, g.columns.get(x)?);
            let label = format!("{tag} in {} {value}", group_name(&data.group));
            Some((
                Cell::Coding {
                    tag: tag.clone(),
                    group: data.group.clone(),
                    value: value.clone(),
                },
                label,
            ))
        }
    }
}

impl State {
    /// The documents the charts count: those the list shows, in corpus order.
    fn chart_docs(&self) -> Vec<usize> {
        let mut docs = self.list.shown.clone();
        docs.sort_unstable();
        docs
    }

    /// Asks for the shown chart over the shown documents, when the view is open.
    pub fn charts_job(&mut self) -> Vec<Effect> {
        // Every query's answer comes here: with the view closed, nothing is gathered.
        if self.charts.is_none() {
            return Vec::new();
        }
        let docs = self.chart_docs();
        let query = self.list.parsed.clone();
        let Some(view) = self.charts.as_mut() else {
            return Vec::new();
        };
        view.generation += 1;
        view.pending = Some(view.generation);
        vec![Effect::ComputeChart(ChartJob {
            generation: view.generation,
            kind: view.kind,
            group: view.group.clone(),
            query,
            docs,
        })]
    }

    /// A computed chart arrived (a stale one is dropped).
    pub fn chart_done(&mut self, done: ChartDone) {
        let Some(view) = self.charts.as_mut() else {
            return;
        };
        if view.pending != Some(done.generation) {
            return;
        }
        view.pending = None;
        view.data = Some(done.data);
        view.clamp();
    }

    /// What the charts view does with an action (the keymap's charts context).
    pub fn charts_update(&mut self, action: Action) -> Vec<Effect> {
        let Some(view) = self.charts.as_mut() else {
            return Vec::new();
        };
        let (w, h) = view.extent();
        let page = 10;
        match action {
            Action::Cancel => {
                self.closed_charts = self.charts.take();
                self.message = None;
            }
            Action::Move(m) => {
                let y = view.cursor.1;
                let last = h.saturating_sub(1);
                view.cursor.1 = match m {
                    Motion::Down => (y + 1).min(last),
                    Motion::Up => y.saturating_sub(1),
                    Motion::Top => 0,
                    Motion::Bottom => last,
                    Motion::PageDown | Motion::HalfDown => (y + page).min(last),
                    Motion::PageUp | Motion::HalfUp => y.saturating_sub(page),
                };
            }
            Action::Chart(ChartAction::Left) => view.cursor.0 = view.cursor.0.saturating_sub(1),
            Action::Chart(ChartAction::Right) => {
                view.cursor.0 = (view.cursor.0 + 1).min(w.saturating_sub(1));
            }
            Action::Chart(ChartAction::Show(kind)) => return self.show_chart(kind),
            Action::Chart(ChartAction::Next) => {
                let next = view.kind.next();
                return self.show_chart(next);
            }
            Action::Chart(ChartAction::NextGroup) if view.kind == ChartKind::Matrix => {
                let i = GROUPS.iter().position(|g| g() == view.group).unwrap_or(0);
                view.group = GROUPS[(i + 1) % GROUPS.len()]();
                view.cursor = (0, view.cursor.1);
                self.message = Some(format!("matrix by {}", group_name(&view.group)));
                return self.charts_job();
            }
            Action::Chart(ChartAction::Narrow) => self.narrow_to_cursor(),
            Action::StartFind => super::update::open_query_prompt(self),
            _ => {}
        }
        Vec::new()
    }

    /// `C`: opens the charts view on the tags chart (or the chart it showed last).
    pub fn open_charts(&mut self) -> Vec<Effect> {
        let view = self.closed_charts.take().unwrap_or(ChartsView {
            group: Group::Year,
            ..ChartsView::default()
        });
        self.charts = Some(view);
        self.charts_job()
    }

    fn show_chart(&mut self, kind: ChartKind) -> Vec<Effect> {
        let Some(view) = self.charts.as_mut() else {
            return Vec::new();
        };
        if view.kind == kind && view.shown().is_some() {
            return Vec::new();
        }
        view.kind = kind;
        view.cursor = (0, 0);
        self.charts_job()
    }

    /// `Enter`: the list shows only the documents of the cursor's bar or cell, with the
    /// bar named in its title until `Esc` clears it; the view closes.
    fn narrow_to_cursor(&mut self) {
        let Some(view) = self.charts.as_ref() else {
            return;
        };
        let Some((cell, label)) = view.shown().and_then(|d| cell_at(d, view.cursor)) else {
            self.message = Some("nothing to narrow to yet".to_owned());
            return;
        };
        let docs = view.shown().map(|d| d.docs.clone()).unwrap_or_default();
        let selection = Selection {
            corpus: &self.corpus,
            notebook: &self.notebook,
            docs,
        };
        let docs = crate::stats::members(&selection, &cell);
        let n = docs.len();
        self.list.narrowed = Some(Narrowed { label, docs });
        self.list.refilter();
        self.list.selected = 0;
        self.list.offset = 0;
        self.closed_charts = self.charts.take();
        self.focus = Pane::Documents;
        self.show_selected();
        let text = format!(
            "narrowed to {}",
            crate::text::count(n, "document", "documents")
        );
        self.message = Some(self.hinted(&text, crate::keymap::Command::Cancel, "clears"));
    }
}
