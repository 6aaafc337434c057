//! The KWIC view over a generated corpus (`dossier::synth`, 100,000 documents of about
//! 10 KB in memory, ≈ 1 GB, by default; `DOSSIER_BENCH_DOCS=10000` for a quick run): how
//! long `K` takes to gather and sort the hits of a phrase over the documents the list
//! shows (the query's hits, and every document as the worst case), how long re-sorting by
//! the words left or right takes, and one frame of the view. Medians of `SAMPLES` runs
//! (the screen's state is not `Sync`, so this times by hand rather than with divan).

use dossier::action::Action;
use dossier::keymap::Key;
use dossier::kwic::{self, Order};
use dossier::notebook::Notebook;
use dossier::query;
use dossier::state::kwic::{KwicJob, gather};
use dossier::state::{Settings, State, update};
use std::sync::Arc;
use std::sync::atomic::AtomicBool;
use std::time::{Duration, Instant};

/// A rare phrase (3% of the documents) and a common one.
const PHRASES: &[&str] = &["\"hybrid threats\"", "\"secretary general\""];

const SAMPLES: usize = 10;

/// The median and the fastest of `SAMPLES` runs of `f`.
fn time<T>(mut f: impl FnMut() -> T) -> (Duration, Duration) {
    let mut runs: Vec<Duration> = (0..SAMPLES)
        .map(|_| {
            let start = Instant::now();
            std::hint::black_box(f());
            start.elapsed()
        })
        .collect();
    runs.sort();
    (runs[SAMPLES / 2], runs[0])
}

fn report(what: &str, (median, fastest): (Duration, Duration)) {
    println!("{what:<58} median {median:>10.1?}   fastest {fastest:>10.1?}");
}

fn main() {
    let documents = std::env::var("DOSSIER_BENCH_DOCS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(100_000);
    let start = Instant::now();
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
    let every: Vec<usize> = (0..state.corpus.documents.len()).collect();
    for phrase in PHRASES {
        let q = query::parse(phrase).expect("parses");
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
        let hits = kwic::hits(&state.corpus, &docs, &q);
        println!("{phrase}: {} documents, {} hits", docs.len(), hits.len());
        let job = |docs: &[usize]| KwicJob {
            generation: 1,
            query: q.clone(),
            docs: docs.to_vec(),
            order: Order::Document,
        };
        let over_hits = job(&docs);
        report(
            &format!("gather {phrase} over the query's documents"),
            time(|| gather(&state.corpus, &over_hits, &never).map(|g| g.hits.len())),
        );
        let over_all = job(&every);
        report(
            &format!("gather {phrase} over every document"),
            time(|| gather(&state.corpus, &over_all, &never).map(|g| g.hits.len())),
        );
        for order in [Order::Left, Order::Right] {
            report(
                &format!("sort {phrase}'s hits by {order:?}"),
                time(|| {
                    let mut h = hits.clone();
                    kwic::sort(&mut h, &state.corpus, order);
                    h.len()
                }),
            );
        }
    }
    // The view of the rare phrase, open, for one frame.
    settle(&mut state, PHRASES[0]);
    report(
        "one frame of the view at 120×35",
        time(|| {
            let backend = ratatui::backend::TestBackend::new(120, 35);
            let mut terminal = ratatui::Terminal::new(backend).expect("terminal");
            terminal
                .draw(|f| dossier::ui::draw(f, &state))
                .map(|_| ())
                .expect("drawn");
        }),
    );
}

/// Sets the query and opens the view, answering the worker's effects inline.
fn settle(state: &mut State, phrase: &str) {
    let effects = state.set_query(phrase).expect("parses");
    answer(state, effects);
    let effects = update(state, Action::Key(Key::char('K')));
    answer(state, effects);
}

fn answer(state: &mut State, effects: Vec<dossier::action::Effect>) {
    for e in effects {
        if let Some(a) = dossier::state::query::answer_inline(state, &e) {
            let more = update(state, a);
            answer(state, more);
        }
    }
}
