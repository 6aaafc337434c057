//! Charts over a generated corpus (`dossier::synth`, 100,000 documents of about 2 KB in
//! memory by default; `DOSSIER_BENCH_DOCS=10000` for a quick run) with a notebook that
//! tags one document in five and highlights a sentence in each of those: how long the rows
//! of each chart take to compute again when the query changes (the selection by the new
//! query included). Target (issue 18): under 200 ms at 100,000 documents.
//!
//! The charts view of the screen: a chart computed again when the query changes, as its
//! worker does it (the query's documents, a copy of the notebook, the chart), and a
//! whole frame of the view drawn on ratatui's `TestBackend` at 120×35. Targets: under
//! 200 ms and under 16 ms.

use dossier::action::{Action, Effect, Motion};
use dossier::notebook::model::{Anchor, AnchorState, DocumentNotes, Highlight};
use dossier::notebook::{Notebook, Tag};
use dossier::query;
use dossier::state::charts::compute::compute;
use dossier::state::charts::{ChartAction, ChartJob, ChartKind};
use dossier::state::query::answer_inline;
use dossier::state::{Settings, State, update};
use dossier::stats::{self, By, Group, Selection, Series};
use dossier::store::Corpus;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::sync::atomic::AtomicBool;
use std::sync::{Arc, LazyLock};

struct Setup {
    corpus: Arc<Corpus>,
    notebook: Notebook,
}

static SETUP: LazyLock<Setup> = LazyLock::new(|| {
    let documents = std::env::var("DOSSIER_BENCH_DOCS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(100_000);
    let corpus = dossier::synth::corpus(&dossier::synth::Options {
        documents,
        mean_bytes: 2_000,
        ..dossier::synth::Options::default()
    });
    let tags = [
        "policy/defence",
        "policy/energy",
        "cyber",
        "hybrid",
        "russia",
        "china",
    ];
    let mut notebook = Notebook::new(&corpus.name);
    notebook.codebook = tags.iter().map(|t| Tag::named(t)).collect();
    for (i, doc) in corpus
        .documents
        .iter()
        .enumerate()
        .filter(|(i, _)| i % 5 == 0)
    {
        let mut notes = DocumentNotes::new(&doc.id, &doc.meta.title);
        notes.tags = vec![tags[i % tags.len()].to_owned()];
        let end = doc
            .text
            .char_indices()
            .nth(80)
            .map_or(doc.text.len(), |(b, _)| b);
        if let Some(anchor) = Anchor::of(&doc.text, 0, end) {
            notes.highlights.push(Highlight {
                id: format!("h{i}"),
                tags: vec![tags[(i / 5) % tags.len()].to_owned(), "cyber".to_owned()],
                note: None,
                created: "2026-01-01T00:00:00Z".to_owned(),
                anchor,
                state: AnchorState::Ok,
                by: String::new(),
            });
        }
        notebook.documents.insert(doc.path.clone(), notes);
    }
    eprintln!(
        "{} documents, {} in the notebook",
        corpus.documents.len(),
        notebook.documents.len()
    );
    Setup {
        corpus: Arc::new(corpus),
        notebook,
    }
});

static NEVER: AtomicBool = AtomicBool::new(false);

const QUERIES: &[&str] = &[
    "date:2010..2015",
    "kind:speech",
    "tag:cyber",
    "\"hybrid threats\"",
];

fn selection(text: &str) -> Selection<'static> {
    let s = &*SETUP;
    let q = query::parse(text).expect("query parses");
    Selection::of(&s.corpus, &s.notebook, &q, &NEVER).expect("not cancelled")
}

fn main() {
    LazyLock::force(&SETUP);
    divan::main();
}

#[divan::bench(args = QUERIES, sample_count = 20)]
fn tags_after_a_new_query(q: &str) -> usize {
    stats::tags(&selection(q)).len()
}

#[divan::bench(args = QUERIES, sample_count = 20)]
fn timeline_by_month_with_two_series(q: &str) -> usize {
    let series = [
        Series::Tag("cyber".to_owned()),
        Series::Tag("policy".to_owned()),
    ];
    stats::timeline(&selection(q), By::Month, &series).len()
}

#[divan::bench(args = QUERIES, sample_count = 20)]
fn cooccurrence_after_a_new_query(q: &str) -> usize {
    stats::cooccurrence(&selection(q)).len()
}

#[divan::bench(args = QUERIES, sample_count = 20)]
fn matrix_by_speaker_after_a_new_query(q: &str) -> usize {
    stats::matrix(&selection(q), &Group::Speaker).len()
}

const CHARTS: &[ChartKind] = &[
    ChartKind::Tags,
    ChartKind::Timeline,
    ChartKind::Cooccurrence,
    ChartKind::Matrix,
];

/// The worker's job for `kind` over the documents of `q`.
fn chart_job(kind: ChartKind, q: &str) -> ChartJob {
    let selection = selection(q);
    ChartJob {
        generation: 1,
        kind,
        group: Group::Year,
        query: query::parse(q).expect("query parses"),
        docs: selection.docs,
    }
}

/// A new query (`kind:speech`), then the chart over its documents with a copy of the
/// notebook, as the screen's chart worker gets it.
#[divan::bench(args = CHARTS, sample_count = 20)]
fn chart_view_recomputed_after_a_new_query(kind: ChartKind) -> usize {
    let s = &*SETUP;
    let job = chart_job(kind, "kind:speech");
    let notebook = Arc::new(s.notebook.clone());
    compute(&s.corpus, &notebook, &job).data.docs.len()
}

/// A frame of the charts view at 120×35 over every document, the cursor moved one step.
#[divan::bench(args = CHARTS, sample_count = 50)]
fn chart_view_redrawn(bencher: divan::Bencher, kind: ChartKind) {
    let s = &*SETUP;
    let mut state = State::new(
        s.corpus.clone(),
        s.notebook.clone(),
        Settings::default(),
        (120, 35),
    )
    .expect("default keymap");
    let effects = update(&mut state, Action::Chart(ChartAction::Open));
    let effects: Vec<Effect> = effects
        .into_iter()
        .chain(update(&mut state, Action::Chart(ChartAction::Show(kind))))
        .collect();
    for effect in effects {
        if let Some(done) = answer_inline(&state, &effect) {
            update(&mut state, done);
        }
    }
    assert!(state.charts.as_ref().and_then(|v| v.shown()).is_some());
    let mut terminal = Terminal::new(TestBackend::new(120, 35)).expect("test backend");
    let mut down = true;
    bencher.bench_local(|| {
        let motion = if down { Motion::Down } else { Motion::Up };
        down = !down;
        update(&mut state, Action::Move(motion));
        terminal
            .draw(|f| dossier::ui::draw(f, &state))
            .expect("drawn");
    });
}
