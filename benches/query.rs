//! Query benchmarks over a generated corpus (`dossier::synth`, 100,000 documents ≈ 1 GB by
//! default; `DOSSIER_BENCH_DOCS=10000` for a quick run). The corpus is written once into the
//! temporary folder and reused by later runs.
//!
//! Before divan's table, `main` prints a keystroke sweep: every prefix of a few typed queries,
//! evaluated as the prompt does it (parse, narrow from the previous result when the new query
//! extends it, rank), with percentiles; then the same with every keystroke evaluated afresh,
//! and on one core. The first line times the prompt's first answer to a ranked query (every
//! hit, the top of the ranking: what the screen shows until the complete ranking follows). Divan then times single evaluations side by side with `grep -rlF` and
//! `fzf --filter` on the same files where those tools are installed.

use dossier::notebook::Notebook;
use dossier::query::{self, Hit, Query};
use dossier::store::Corpus;
use dossier::synth;
use std::path::PathBuf;
use std::process::Command;
use std::sync::LazyLock;
use std::sync::atomic::AtomicBool;
use std::time::{Duration, Instant};

struct Setup {
    dir: PathBuf,
    titles: PathBuf,
    corpus: Corpus,
    fields: query::FieldIndex,
    notebook: Notebook,
    bytes: usize,
}

static SETUP: LazyLock<Setup> = LazyLock::new(setup);
static NEVER: AtomicBool = AtomicBool::new(false);

fn setup() -> Setup {
    let documents = std::env::var("DOSSIER_BENCH_DOCS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(100_000);
    let base = std::env::temp_dir().join(format!("dossier-bench-corpus-{documents}"));
    let dir = base.join("corpus");
    let done = base.join("complete");
    if !done.exists() {
        let _ = std::fs::remove_dir_all(&base);
        let start = Instant::now();
        let options = synth::Options {
            documents,
            ..synth::Options::default()
        };
        let written = synth::write_corpus(&dir, &options).expect("corpus written");
        std::fs::write(&done, "").expect("marker written");
        eprintln!(
            "generated {} documents, {:.2} GB, in {:.1?}",
            written.documents,
            written.bytes as f64 / 1e9,
            start.elapsed()
        );
    }
    let start = Instant::now();
    let corpus = Corpus::load(std::slice::from_ref(&dir)).expect("corpus loads");
    let bytes: usize = corpus.documents.iter().map(|d| d.text.len()).sum();
    eprintln!(
        "loaded {} documents, {:.2} GB of text, in {:.1?}",
        corpus.documents.len(),
        bytes as f64 / 1e9,
        start.elapsed()
    );
    let titles = base.join("titles.txt");
    let lines: Vec<String> = corpus
        .documents
        .iter()
        .map(|d| dossier::text::one_line(&d.meta.title))
        .collect();
    std::fs::write(&titles, lines.join("\n") + "\n").expect("titles written");
    let notebook = Notebook::new(&corpus.name);
    let start = Instant::now();
    let fields = query::FieldIndex::new(&corpus.documents);
    eprintln!("field index made in {:.1?}", start.elapsed());
    Setup {
        dir,
        titles,
        corpus,
        fields,
        notebook,
        bytes,
    }
}

fn run(query: &Query) -> Vec<Hit> {
    let s = &*SETUP;
    query::filter(query, &s.corpus.documents, &s.fields, &s.notebook, &NEVER)
        .expect("not cancelled")
}

/// What the prompt does on a keystroke: parse, narrow or evaluate afresh, rank.
fn keystroke(
    text: &str,
    previous: Option<&(Query, Vec<Hit>)>,
    narrow: bool,
    fields: &query::FieldIndex,
) -> (Query, Vec<Hit>) {
    let s = &*SETUP;
    let query = query::parse(text).expect("query parses");
    let mut hits = match previous {
        // A space typed after a word changes nothing.
        Some((earlier, hits)) if narrow && query == *earlier => hits.clone(),
        Some((earlier, hits)) if narrow && query.narrows(earlier) => {
            let among: Vec<usize> = hits.iter().map(|h| h.index).collect();
            query::filter_among(
                &query,
                &s.corpus.documents,
                fields,
                &s.notebook,
                &among,
                &NEVER,
            )
            .expect("not cancelled")
        }
        _ => query::filter(&query, &s.corpus.documents, fields, &s.notebook, &NEVER)
            .expect("not cancelled"),
    };
    if query.ranks() {
        query::rank(&mut hits);
    }
    (query, hits)
}

/// What the prompt shows first on a keystroke of a ranked query: every hit found, the
/// best `FIRST_ROWS` ranked (`filter_top`), laid out as the screen's list does (ranked top,
/// then the rest), which is what `State::query_done` gets from the worker's first answer.
/// The complete ranking follows from the worker; it is what `keystroke` times.
fn first_answer(
    text: &str,
    previous: Option<&(Query, Vec<Hit>)>,
    fields: &query::FieldIndex,
) -> (Query, Vec<Hit>) {
    let s = &*SETUP;
    let query = query::parse(text).expect("query parses");
    if !query.ranks() {
        return keystroke(text, previous, true, fields);
    }
    let among: Option<Vec<usize>> = match previous {
        // A space typed after a word changes nothing.
        Some((earlier, hits)) if query == *earlier => return (query, hits.clone()),
        Some((earlier, hits)) if query.narrows(earlier) => {
            Some(hits.iter().map(|h| h.index).collect())
        }
        _ => None,
    };
    let top = query::filter_top(
        &query,
        &s.corpus.documents,
        fields,
        &s.notebook,
        among.as_deref(),
        FIRST_ROWS,
        &NEVER,
    )
    .expect("not cancelled");
    let mut best: Vec<usize> = top.best.iter().map(|h| h.index).collect();
    best.sort_unstable();
    let mut hits = top.best;
    hits.extend(
        top.all
            .into_iter()
            .filter(|i| best.binary_search(i).is_err())
            .map(|index| Hit { index, score: 0 }),
    );
    query::rank(&mut hits);
    (query, hits)
}

/// The rows a first answer ranks on a screen of up to 100 rows (`state::query`).
const FIRST_ROWS: usize = 200;

const TYPED: &[&str] = &[
    "kowalski",
    "maritime security",
    "sec gen brussels",
    "press conference halvorsen",
    "defence minister",
];

/// How the sweep answers a keystroke.
#[derive(Clone, Copy, PartialEq)]
enum Answer {
    /// Every hit ranked, narrowing among the previous hits when the query extends.
    Narrowing,
    /// Every hit ranked, every keystroke over all documents.
    Afresh,
    /// The first answer: every hit, the top of the ranking (narrowing).
    First,
}

/// Every keystroke of `TYPED`, `rounds` times; the time of each.
fn sweep(answer: Answer, rounds: usize) -> (Vec<Duration>, Vec<Duration>) {
    let (mut all, mut first) = (Vec::new(), Vec::new());
    for _ in 0..rounds {
        for typed in TYPED {
            // A fresh index for each typed query: no word score is remembered from an
            // earlier round or query, as when the analyst types it the first time.
            let fields = query::FieldIndex::new(&SETUP.corpus.documents);
            let mut previous: Option<(Query, Vec<Hit>)> = None;
            for end in typed.char_indices().map(|(i, c)| i + c.len_utf8()) {
                let start = Instant::now();
                let text = &typed[..end];
                let result = match answer {
                    Answer::First => first_answer(text, previous.as_ref(), &fields),
                    _ => keystroke(
                        text,
                        previous.as_ref(),
                        answer == Answer::Narrowing,
                        &fields,
                    ),
                };
                let took = start.elapsed();
                if end == 1 {
                    first.push(took);
                }
                if std::env::var_os("DOSSIER_BENCH_VERBOSE").is_some() {
                    eprintln!(
                        "{:<28} {:>7} hits  {took:>8.2?}",
                        &typed[..end],
                        result.1.len()
                    );
                }
                all.push(took);
                previous = Some(result);
            }
        }
    }
    (all, first)
}

fn percentile(times: &mut [Duration], p: f64) -> Duration {
    times.sort();
    let i = ((times.len() as f64 - 1.0) * p).round() as usize;
    times[i.min(times.len() - 1)]
}

fn report(label: &str, (mut all, mut first): (Vec<Duration>, Vec<Duration>)) {
    println!(
        "{label:<34} {:>5} keystrokes  p50 {:>8.2?}  p99 {:>8.2?}  max {:>8.2?}  first keystroke p50 {:>8.2?}",
        all.len(),
        percentile(&mut all, 0.5),
        percentile(&mut all, 0.99),
        percentile(&mut all, 1.0),
        percentile(&mut first, 0.5),
    );
}

fn main() {
    let s = &*SETUP;
    println!(
        "corpus: {} documents, {:.2} GB of text, {} threads",
        s.corpus.documents.len(),
        s.bytes as f64 / 1e9,
        rayon::current_num_threads()
    );
    report("first answer, all cores", sweep(Answer::First, 5));
    report(
        "keystrokes, narrowing, all cores",
        sweep(Answer::Narrowing, 5),
    );
    report("keystrokes, afresh, all cores", sweep(Answer::Afresh, 3));
    let one = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .expect("thread pool");
    report(
        "first answer, one core",
        one.install(|| sweep(Answer::First, 2)),
    );
    report(
        "keystrokes, narrowing, one core",
        one.install(|| sweep(Answer::Narrowing, 2)),
    );
    report(
        "keystrokes, afresh, one core",
        one.install(|| sweep(Answer::Afresh, 1)),
    );
    for phrase in [synth::RARE_PHRASE, synth::ABSENT_PHRASE, "the alliance"] {
        let query = query::parse(&format!("\"{phrase}\"")).expect("parses");
        let start = Instant::now();
        let hits = run(&query);
        let took = start.elapsed();
        println!(
            "phrase {phrase:?}: {} documents in {took:.2?}, {:.2} GB/s",
            hits.len(),
            s.bytes as f64 / 1e9 / took.as_secs_f64()
        );
    }
    divan::main();
}

mod fuzzy {
    use super::*;

    /// A fresh field index for each sample: no word score remembered from the last one.
    fn fresh() -> query::FieldIndex {
        query::FieldIndex::new(&SETUP.corpus.documents)
    }

    #[divan::bench(args = ["k", "kowalski", "sec gen brussels"])]
    fn afresh(bencher: divan::Bencher, text: &str) {
        bencher
            .with_inputs(fresh)
            .bench_local_refs(|fields| keystroke(text, None, false, fields).1);
    }

    #[divan::bench(args = ["k", "kowalski"])]
    fn afresh_one_core(bencher: divan::Bencher, text: &str) {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(1)
            .build()
            .expect("thread pool");
        bencher
            .with_inputs(fresh)
            .bench_local_refs(|fields| pool.install(|| keystroke(text, None, false, fields).1));
    }

    /// The keystroke that turns `kowalsk` into `kowalski`, among the previous hits.
    #[divan::bench]
    fn narrowed_last_letter(bencher: divan::Bencher) {
        bencher
            .with_inputs(|| {
                let fields = fresh();
                let previous = keystroke("kowalsk", None, false, &fields);
                (fields, previous)
            })
            .bench_local_refs(|(fields, previous)| {
                keystroke("kowalski", Some(previous), true, fields).1
            });
    }

    /// `fzf --filter` over the titles alone (one file), for comparison.
    #[divan::bench(args = ["k", "kowalski"])]
    fn fzf_titles(bencher: divan::Bencher, text: &str) {
        if !installed("fzf") {
            return;
        }
        bencher.bench_local(|| {
            let input = std::fs::File::open(&SETUP.titles).expect("titles");
            Command::new("fzf")
                .args(["--filter", text])
                .stdin(input)
                .output()
                .expect("fzf runs")
                .stdout
                .len()
        });
    }
}

mod phrase {
    use super::*;

    #[divan::bench(args = [synth::RARE_PHRASE, synth::ABSENT_PHRASE], sample_count = 10, sample_size = 1)]
    fn dossier(text: &str) -> usize {
        let query = query::parse(&format!("\"{text}\"")).expect("parses");
        run(&query).len()
    }

    /// `grep -rlF`: case-sensitive, a literal space; less than dossier's phrase does.
    #[divan::bench(args = [synth::RARE_PHRASE, synth::ABSENT_PHRASE], sample_count = 10, sample_size = 1)]
    fn grep_rlf(text: &str) -> usize {
        grep(&["-rlF", text])
    }

    /// `grep -rliF`: ignoring case, the nearer comparison.
    #[divan::bench(args = [synth::RARE_PHRASE, synth::ABSENT_PHRASE], sample_count = 10, sample_size = 1)]
    fn grep_rlif(text: &str) -> usize {
        grep(&["-rliF", text])
    }
}

fn grep(args: &[&str]) -> usize {
    let out = Command::new("grep")
        .args(args)
        .arg(&SETUP.dir)
        .output()
        .expect("grep runs");
    out.stdout.iter().filter(|&&b| b == b'\n').count()
}

fn installed(tool: &str) -> bool {
    Command::new(tool)
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

/// The two fuzzy scorers alone on one core, over the fields words are matched against
/// (title, speaker, place, path) of every document: fuzzy-matcher's skim (what dossier
/// uses) and nucleo-matcher, measured to decide between them.
mod scorer {
    use super::*;
    use fuzzy_matcher::FuzzyMatcher;
    use nucleo_matcher::pattern::{Atom, AtomKind, CaseMatching, Normalization};

    fn fields() -> impl Iterator<Item = &'static str> {
        SETUP.corpus.documents.iter().flat_map(|d| {
            [
                Some(d.meta.title.as_str()),
                d.meta.speaker.as_deref(),
                d.meta.place.as_deref(),
                Some(d.path.as_str()),
            ]
            .into_iter()
            .flatten()
        })
    }

    #[divan::bench(args = ["k", "kowalski"], sample_count = 20)]
    fn skim(text: &str) -> usize {
        let matcher = fuzzy_matcher::skim::SkimMatcherV2::default().ignore_case();
        fields()
            .filter(|f| matcher.fuzzy_match(f, text).is_some())
            .count()
    }

    #[divan::bench(args = ["k", "kowalski"], sample_count = 20)]
    fn nucleo(text: &str) -> usize {
        let mut matcher = nucleo_matcher::Matcher::new(nucleo_matcher::Config::DEFAULT);
        let atom = Atom::new(
            text,
            CaseMatching::Ignore,
            Normalization::Smart,
            AtomKind::Fuzzy,
            false,
        );
        let mut buf = Vec::new();
        fields()
            .filter(|f| {
                atom.score(nucleo_matcher::Utf32Str::new(f, &mut buf), &mut matcher)
                    .is_some()
            })
            .count()
    }
}
