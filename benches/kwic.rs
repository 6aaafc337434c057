//! The KWIC view over a generated corpus (`dossier::synth`, 100,000 documents of about
//! 10 KB in memory, ≈ 1 GB, by default; `DOSSIER_BENCH_DOCS=10000` for a quick run): how
//! long `K` takes to gather and sort the hits of a phrase over the documents the list
//! shows (the query's hits, and every document as the worst case), how long re-sorting by
//! the words left or right takes, and one frame of the view.

use dossier::action::Action;
use dossier::keymap::Key;
use dossier::kwic::{self, Order};
use dossier::notebook::Notebook;
use dossier::query;
use dossier::state::kwic::{KwicJob, gather};
use dossier::state::{Settings, State, update};
use std::sync::atomic::AtomicBool;
use std::sync::{Arc, LazyLock};

/// A rare phrase (3% of the documents) and a common one.
const PHRASES: &[&str] = &["\"hybrid threats\"", "\"secretary general\""];

struct Setup {
    state: State,
    /// Per phrase: the query and the documents it matches.
    queries: Vec<(query::Query, Vec<usize>)>,
}

static SETUP: LazyLock<Setup> = LazyLock::new(|| {
    let documents = std::env::var("DOSSIER_BENCH_DOCS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(100_000);
    let start = std::time::Instant::now();
    let corpus = Arc::new(dossier::synth::corpus(&dossier::synth::Options {
        documents,
        ..dossier::synth::Options::default()
    }));
    let bytes: usize = corpus.documents.iter().map(|d| d.text.len()).sum();
    eprintln!(
        "{} documents, {:.2} GB of text, made in {:.1?}",
        corpus.documents.len(),
        bytes as f64 / 1e9,
        start.elapsed()
    );
    let notebook = Notebook::new(&corpus.name);
    let mut state = State::new(corpus, notebook, Settings::default(), (120, 35)).expect("state");
    let never = AtomicBool::new(false);
    let queries = PHRASES
        .iter()
        .map(|p| {
            let q = query::parse(p).expect("parses");
            let docs: Vec<usize> = query::filter(
                &q,
                &state.corpus.documents,
                &state.fields,
                &state.notebook,
                &never,
            )
            .expect("not cancelled")
            .into_iter()
            .map(|h| h.index)
            .collect();
            let hits = kwic::hits(&state.corpus, &docs, &q).len();
            eprintln!("{p}: {} documents, {hits} hits", docs.len());
            (q, docs)
        })
        .collect();
    // The view of the rare phrase, open, for the frame.
    let effects = state.set_query(PHRASES[0]).expect("parses");
    for e in effects {
        if let Some(a) = dossier::state::query::answer_inline(&state, &e) {
            update(&mut state, a);
        }
    }
    let effects = update(&mut state, Action::Key(Key::char('K')));
    for e in effects {
        if let Some(a) = dossier::state::query::answer_inline(&state, &e) {
            update(&mut state, a);
        }
    }
    Setup { state, queries }
});

static NEVER: AtomicBool = AtomicBool::new(false);

fn main() {
    LazyLock::force(&SETUP);
    divan::main();
}

fn job(phrase: usize, every: bool) -> KwicJob {
    let s = &*SETUP;
    let (query, docs) = &s.queries[phrase];
    KwicJob {
        generation: 1,
        query: query.clone(),
        docs: if every {
            (0..s.state.corpus.documents.len()).collect()
        } else {
            docs.clone()
        },
        order: Order::Document,
    }
}

/// `K` after the phrase query: the hits in the documents the query matched, sorted.
#[divan::bench(args = [0, 1], sample_count = 10)]
fn gather_over_the_query_hits(phrase: usize) -> usize {
    let job = job(phrase, false);
    gather(&SETUP.state.corpus, &job, &NEVER)
        .map(|g| g.hits.len())
        .unwrap_or(0)
}

/// The worst case: a list of every document (a query whose other terms match all).
#[divan::bench(args = [0, 1], sample_count = 10)]
fn gather_over_every_document(phrase: usize) -> usize {
    let job = job(phrase, true);
    gather(&SETUP.state.corpus, &job, &NEVER)
        .map(|g| g.hits.len())
        .unwrap_or(0)
}

/// `l` and `r` on the common phrase's hits (on the screen's thread).
#[divan::bench(args = ["left", "right"], sample_count = 10)]
fn sort_the_common_phrase(bencher: divan::Bencher, side: &str) {
    let s = &*SETUP;
    let (query, docs) = &s.queries[1];
    let hits = kwic::hits(&s.state.corpus, docs, query);
    let order = if side == "left" {
        Order::Left
    } else {
        Order::Right
    };
    bencher
        .with_inputs(|| hits.clone())
        .bench_local_values(|mut h| {
            kwic::sort(&mut h, &s.state.corpus, order);
            h.len()
        });
}

/// One frame of the open view at 120×35 (the rare phrase).
#[divan::bench(sample_count = 20)]
fn draw_a_frame() -> usize {
    let backend = ratatui::backend::TestBackend::new(120, 35);
    let mut terminal = ratatui::Terminal::new(backend).expect("terminal");
    terminal
        .draw(|f| dossier::ui::draw(f, &SETUP.state))
        .expect("drawn");
    terminal.backend().buffer().content.len()
}
