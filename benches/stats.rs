//! Charts over a generated corpus (`dossier::synth`, 100,000 documents of about 2 KB in
//! memory by default; `DOSSIER_BENCH_DOCS=10000` for a quick run) with a notebook that
//! tags one document in five and highlights a sentence in each of those: how long the rows
//! of each chart take to compute again when the query changes (the selection by the new
//! query included). Target (issue 18): under 200 ms at 100,000 documents.

use dossier::notebook::model::{Anchor, AnchorState, DocumentNotes, Highlight};
use dossier::notebook::{Notebook, Tag};
use dossier::query;
use dossier::stats::{self, By, Group, Selection, Series};
use dossier::store::Corpus;
use std::sync::LazyLock;
use std::sync::atomic::AtomicBool;

struct Setup {
    corpus: Corpus,
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
    Setup { corpus, notebook }
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
