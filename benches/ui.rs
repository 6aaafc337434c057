//! Keystroke to redraw on corpora of 1,000, 10,000 and 100,000 documents: `update` for the
//! key plus a whole `draw` on ratatui's `TestBackend` at 120×35, while moving, tagging,
//! triaging and typing a query (whose evaluation runs on another thread in the screen, so
//! it is not part of the redraw).
//!
//! Before divan's table, `main` prints a sweep of triage keystrokes on 100,000 documents
//! whose notebook has an entry each (some 25 MB saved): with every change saved on the
//! screen's thread (as before the writer thread), then with the snapshot handed to the
//! writer thread, which saves while the keys go on; percentiles of key to redraw.

use dossier::action::{Action, Effect};
use dossier::keymap::Key;
use dossier::notebook::{DocumentNotes, Notebook, NotebookFile};
use dossier::state::{Settings, State, update};
use dossier::store::Corpus;
use dossier::writer::Writer;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::sync::Arc;
use std::time::{Duration, Instant};

fn main() {
    saving_sweep();
    divan::main();
}

/// Where a triage keystroke's save goes in [`saving_sweep`].
enum Saves<'a> {
    /// On the screen's thread, before the next key (how the loop saved before).
    Inline(&'a mut NotebookFile),
    /// To the writer thread, as a snapshot.
    Writer(&'a Writer),
}

/// Triage keystrokes (`1`, `2`, … on the selected document), each with its save, every
/// 5 ms; returns the time from each key to its redraw (for inline saves, to the save's end,
/// when the next key is read) and the saves written.
fn triage_keys(state: &mut State, saves: &mut Saves, rounds: usize) -> (Vec<Duration>, usize) {
    let mut terminal = Terminal::new(TestBackend::new(120, 35)).expect("backend");
    let (mut times, mut written) = (Vec::with_capacity(rounds), 0);
    for i in 0..rounds {
        let start = Instant::now();
        let key = Key::parse(["1", "2", "3"][i % 3]).expect("a key");
        let action = state.action_for_key(key).expect("a triage key");
        let save = update(state, action).contains(&Effect::SaveNotebook);
        terminal
            .draw(|f| dossier::ui::draw(f, state))
            .expect("draws");
        if save {
            match saves {
                Saves::Inline(file) => {
                    file.save(&state.notebook).expect("saves");
                    written += 1;
                }
                Saves::Writer(writer) => {
                    writer.save(state.save_generation, Arc::new(state.notebook.clone()))
                }
            }
        }
        times.push(start.elapsed());
        if let Saves::Writer(writer) = saves {
            for outcome in writer.results() {
                written += 1;
                update(state, outcome);
            }
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    (times, written)
}

fn percentile(times: &mut [Duration], p: f64) -> Duration {
    times.sort_unstable();
    let i = ((times.len() - 1) as f64 * p).round() as usize;
    times[i]
}

fn saving_sweep() {
    let n = 100_000;
    let corpus = Arc::new(corpus(n));
    let mut notebook = Notebook::new("bench");
    for (i, doc) in corpus.documents.iter().enumerate() {
        let mut entry = DocumentNotes::new(&doc.id, &doc.meta.title);
        entry.status = Some(["relevant", "maybe", "irrelevant"][i % 3].into());
        notebook.documents.insert(doc.path.clone(), entry);
    }
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("bench.ron");
    let (mut file, _) = NotebookFile::open(&path, "bench").expect("opens");
    file.save(&notebook).expect("saves");
    let bytes = std::fs::metadata(&path).map_or(0, |m| m.len());
    let settings = Settings {
        auto_advance: false,
        ..Settings::default()
    };
    let mut state = State::new(corpus, notebook, settings, (120, 35)).expect("default keymap");
    println!(
        "triage keystrokes on {n} documents, a {:.1} MB notebook saved after each:",
        bytes as f64 / 1e6
    );
    let report = |label: &str, (mut times, written): (Vec<Duration>, usize)| {
        println!(
            "{label:<44} {:>4} keys  {written:>3} saves  p50 {:>8.2?}  p99 {:>8.2?}  max {:>8.2?}",
            times.len(),
            percentile(&mut times, 0.5),
            percentile(&mut times, 0.99),
            percentile(&mut times, 1.0),
        );
    };
    report(
        "saved on the screen's thread (key to next key)",
        triage_keys(&mut state, &mut Saves::Inline(&mut file), 40),
    );
    let mut writer = Writer::start(file);
    let (times, mut written) = triage_keys(&mut state, &mut Saves::Writer(&writer), 1_000);
    written += writer.finish().len();
    report(
        "saved on the writer thread (key to redraw)",
        (times, written),
    );
}

const WORDS: &[&str] = &[
    "alliance",
    "defence",
    "security",
    "cyber",
    "hybrid",
    "threats",
    "ministers",
    "summit",
    "deterrence",
    "resilience",
    "partners",
    "capabilities",
    "exercise",
    "mission",
    "support",
    "council",
    "members",
];

const SIZES: [usize; 3] = [1_000, 10_000, 100_000];

/// `n` statement-like documents of about 2 KB each, built in memory.
fn corpus(n: usize) -> Corpus {
    let mut files: Vec<(String, Vec<u8>)> = Vec::new();
    let mut seed: u64 = 42;
    let mut next = || {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (seed >> 33) as usize
    };
    for i in 0..n {
        let mut text = format!(
            "Statement {i} on {} and {}\n\nBrussels, {} March 2019\n\n",
            WORDS[next() % WORDS.len()],
            WORDS[next() % WORDS.len()],
            1 + next() % 28
        );
        for _ in 0..12 {
            for _ in 0..25 {
                text.push_str(WORDS[next() % WORDS.len()]);
                text.push(' ');
            }
            text.push_str("end.\n");
        }
        files.push((format!("{i:05}.txt"), text.into_bytes()));
    }
    let refs: Vec<(&str, &[u8])> = files
        .iter()
        .map(|(p, b)| (p.as_str(), b.as_slice()))
        .collect();
    Corpus::from_files("bench", &refs)
}

fn state(n: usize) -> State {
    let corpus = Arc::new(corpus(n));
    let notebook = Notebook::new("bench");
    State::new(corpus, notebook, Settings::default(), (120, 35)).expect("default keymap")
}

fn keystroke(state: &mut State, terminal: &mut Terminal<TestBackend>, keys: &[&str]) {
    for k in keys {
        if let Some(action) = Key::parse(k).and_then(|key| state.action_for_key(key)) {
            update(state, action);
        }
    }
    terminal
        .draw(|f| dossier::ui::draw(f, state))
        .expect("draws");
}

#[divan::bench(args = SIZES, sample_count = 100)]
fn move_down_in_list(bencher: divan::Bencher, n: usize) {
    let mut state = state(n);
    let mut terminal = Terminal::new(TestBackend::new(120, 35)).expect("backend");
    bencher.bench_local(|| keystroke(&mut state, &mut terminal, &["j"]));
}

#[divan::bench(args = SIZES, sample_count = 100)]
fn triage_key(bencher: divan::Bencher, n: usize) {
    let mut state = state(n);
    let mut terminal = Terminal::new(TestBackend::new(120, 35)).expect("backend");
    bencher.bench_local(|| keystroke(&mut state, &mut terminal, &["1"]));
}

#[divan::bench(args = SIZES, sample_count = 100)]
fn tag_sentence(bencher: divan::Bencher, n: usize) {
    let mut state = state(n);
    update(&mut state, Action::FocusNext);
    let mut terminal = Terminal::new(TestBackend::new(120, 35)).expect("backend");
    // One tag action: `t`, a tag, Enter; then the next sentence for the next round.
    bencher.bench_local(|| {
        keystroke(
            &mut state,
            &mut terminal,
            &["t", "c", "y", "b", "e", "r", "enter", ")"],
        )
    });
}

#[divan::bench(args = SIZES, sample_count = 100)]
fn narrow_list_by_title(bencher: divan::Bencher, n: usize) {
    let mut state = state(n);
    let mut terminal = Terminal::new(TestBackend::new(120, 35)).expect("backend");
    keystroke(&mut state, &mut terminal, &["/"]);
    let mut n = 0;
    bencher.bench_local(|| {
        n += 1;
        // Alternate typing and deleting one character: each is one keystroke.
        let key = if n % 2 == 0 { "backspace" } else { "h" };
        keystroke(&mut state, &mut terminal, &[key]);
    });
}

/// Paste sizes: 100 KB and 1 MB.
const PASTES: [usize; 2] = [100_000, 1_000_000];

/// About `bytes` of words, a line break after every twelve when `lines`.
fn pasted(bytes: usize, lines: bool) -> String {
    let mut out = String::with_capacity(bytes + 16);
    let mut i = 0;
    while out.len() < bytes {
        out.push_str(WORDS[i % WORDS.len()]);
        out.push(if lines && i % 12 == 11 { '\n' } else { ' ' });
        i += 1;
    }
    out
}

/// A paste into the note editor (lines of twelve words, or one line) and the redraw:
/// one edit however long (SPEC's 1 MB under a second).
#[divan::bench(args = PASTES, sample_count = 10)]
fn paste_into_note_editor(bencher: divan::Bencher, bytes: usize) {
    let text = pasted(bytes, true);
    bencher
        .with_inputs(|| {
            let mut state = state(1_000);
            let terminal = Terminal::new(TestBackend::new(120, 35)).expect("backend");
            update(&mut state, Action::AddNote);
            (state, terminal)
        })
        .bench_local_values(|(mut state, mut terminal)| {
            update(&mut state, Action::Paste(text.clone()));
            terminal
                .draw(|f| dossier::ui::draw(f, &state))
                .expect("draws");
            state
        });
}

/// A paste into the tag prompt (one line) and the redraw, completion included.
#[divan::bench(args = PASTES, sample_count = 10)]
fn paste_into_tag_prompt(bencher: divan::Bencher, bytes: usize) {
    let text = pasted(bytes, false);
    bencher
        .with_inputs(|| {
            let mut state = state(1_000);
            let terminal = Terminal::new(TestBackend::new(120, 35)).expect("backend");
            update(&mut state, Action::Tag);
            (state, terminal)
        })
        .bench_local_values(|(mut state, mut terminal)| {
            update(&mut state, Action::Paste(text.clone()));
            terminal
                .draw(|f| dossier::ui::draw(f, &state))
                .expect("draws");
            state
        });
}

/// A paste into the query prompt, its one evaluation (inline, as the worker runs it) and
/// the redraw, on 1,000 documents.
#[divan::bench(args = PASTES, sample_count = 10)]
fn paste_into_query_prompt(bencher: divan::Bencher, bytes: usize) {
    let text = pasted(bytes, false);
    bencher
        .with_inputs(|| {
            let mut state = state(1_000);
            let terminal = Terminal::new(TestBackend::new(120, 35)).expect("backend");
            update(&mut state, Action::StartFind);
            (state, terminal)
        })
        .bench_local_values(|(mut state, mut terminal)| {
            let effects = update(&mut state, Action::Paste(text.clone()));
            for effect in &effects {
                if let Some(answer) = dossier::state::query::answer_inline(&state, effect) {
                    update(&mut state, answer);
                }
            }
            terminal
                .draw(|f| dossier::ui::draw(f, &state))
                .expect("draws");
            state
        });
}
