//! Speaker-turn benchmarks (SPEC §10, §9): splitting texts into turns (paid once per file,
//! at indexing) and `turn:` queries over a generated corpus of transcripts. The documents of
//! `dossier::synth` (20,000 ≈ 200 MB by default; `DOSSIER_BENCH_DOCS=100000` for 1 GB) are
//! made transcripts by starting every paragraph after the header with a label, taking
//! turns: `Q` with non-breaking spaces, then `THE SPOKESPERSON:` or `MR. SULLIVAN:`.
//!
//! `turn:q` alone is a metadata test, timed beside `kind:speech`, another; with a phrase,
//! the whole text is searched once and the turns of its hits looked up. They are timed
//! beside the same phrase without `turn:`.

use dossier::notebook::Notebook;
use dossier::query::{self, FieldIndex, Hit};
use dossier::store::Corpus;
use dossier::synth;
use std::sync::LazyLock;
use std::sync::atomic::AtomicBool;
use std::time::Instant;

struct Setup {
    /// The first files as bytes, to time reading them against splitting their texts.
    files: Vec<(String, Vec<u8>)>,
    /// Their normalized texts.
    texts: Vec<std::sync::Arc<str>>,
    corpus: Corpus,
    fields: FieldIndex,
    notebook: Notebook,
}

/// Files read and split in the ingest comparison.
const SAMPLE: usize = 5_000;

static SETUP: LazyLock<Setup> = LazyLock::new(setup);
static NEVER: AtomicBool = AtomicBool::new(false);

/// The synthetic document as a transcript: labels at the starts of its paragraphs.
fn transcript(bytes: &[u8]) -> Vec<u8> {
    let text = String::from_utf8_lossy(bytes);
    let mut out = String::with_capacity(text.len() + text.len() / 20);
    for (i, para) in text.split("\n\n").enumerate() {
        if i > 0 {
            out.push_str("\n\n");
        }
        match i {
            0..=2 => {}
            i if i % 2 == 1 => out.push_str("Q\u{a0}\u{a0}\u{a0}"),
            i if i % 4 == 0 => out.push_str("THE SPOKESPERSON:  "),
            _ => out.push_str("MR. SULLIVAN:  "),
        }
        out.push_str(para);
    }
    out.into_bytes()
}

fn setup() -> Setup {
    let documents = std::env::var("DOSSIER_BENCH_DOCS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(20_000);
    let options = synth::Options {
        documents,
        ..synth::Options::default()
    };
    let files: Vec<(String, Vec<u8>)> = (0..documents)
        .map(|i| {
            let d = synth::document(&options, i);
            (d.path, transcript(&d.bytes))
        })
        .collect();
    let refs: Vec<(&str, &[u8])> = files
        .iter()
        .map(|(p, b)| (p.as_str(), b.as_slice()))
        .collect();
    let corpus = Corpus::from_files("turns", &refs);
    let bytes: usize = corpus.documents.iter().map(|d| d.text.len()).sum();
    let turns: usize = corpus.documents.iter().map(|d| d.meta.turns.len()).sum();
    eprintln!(
        "{} transcripts, {:.0} MB of text, {turns} turns",
        corpus.documents.len(),
        bytes as f64 / 1e6
    );
    let start = Instant::now();
    let split: usize = corpus
        .documents
        .iter()
        .map(|d| dossier::store::turns::split(&d.text).len())
        .sum();
    let took = start.elapsed();
    eprintln!(
        "split into {split} turns on one core in {took:.1?}: {:.0} MB/s",
        bytes as f64 / 1e6 / took.as_secs_f64()
    );
    let fields = FieldIndex::new(&corpus.documents);
    let notebook = Notebook::new(&corpus.name);
    let files: Vec<(String, Vec<u8>)> = files.into_iter().take(SAMPLE).collect();
    let texts = files
        .iter()
        .filter_map(|(p, b)| dossier::store::read_document(p, b).ok())
        .map(|d| d.text)
        .collect();
    Setup {
        files,
        texts,
        corpus,
        fields,
        notebook,
    }
}

fn run(text: &str) -> Vec<Hit> {
    let s = &*SETUP;
    let q = query::parse(text).expect("query parses");
    query::filter(&q, &s.corpus.documents, &s.fields, &s.notebook, &NEVER).expect("not cancelled")
}

fn main() {
    LazyLock::force(&SETUP);
    for q in [
        "turn:q",
        "\"hybrid threats\"",
        "\"hybrid threats\" turn:q",
        "\"quantum gravity\"",
        "\"quantum gravity\" turn:q",
        "\"the\" turn:sullivan",
    ] {
        eprintln!("{q:>28}: {} documents", run(q).len());
    }
    divan::main();
}

#[divan::bench(args = [
    "kind:speech",
    "turn:q",
    "turn:spokesperson -turn:sullivan",
    "\"hybrid threats\"",
    "\"hybrid threats\" turn:q",
    "\"quantum gravity\"",
    "\"quantum gravity\" turn:q",
], sample_count = 10)]
fn filter(text: &str) -> usize {
    run(text).len()
}

#[divan::bench(sample_count = 10)]
fn phrase_matches_in_the_hits(bencher: divan::Bencher) {
    let s = &*SETUP;
    let q = query::parse("\"hybrid threats\" turn:q").expect("query parses");
    let hits = run("\"hybrid threats\" turn:q");
    bencher.bench(|| {
        hits.iter()
            .map(|h| query::phrase_matches(&q, &s.corpus.documents[h.index]).len())
            .sum::<usize>()
    });
}

#[divan::bench(sample_count = 10)]
fn split_one_core() -> usize {
    SETUP
        .corpus
        .documents
        .iter()
        .map(|d| dossier::store::turns::split(&d.text).len())
        .sum()
}

/// Reading the first files whole (decode, normalize, Markdown, metadata, turns), one core:
/// what splitting adds to a cold index is `split_sample_one_core` against this.
#[divan::bench(sample_count = 10)]
fn read_sample_one_core() -> usize {
    SETUP
        .files
        .iter()
        .filter_map(|(p, b)| dossier::store::read_document(p, b).ok())
        .map(|d| d.text.len())
        .sum()
}

/// Splitting the same files' texts into turns, one core.
#[divan::bench(sample_count = 10)]
fn split_sample_one_core() -> usize {
    SETUP
        .texts
        .iter()
        .map(|t| dossier::store::turns::split(t).len())
        .sum()
}
