//! A process saving the notebook in a loop, through the writer thread the screen uses
//! ([`dossier::writer::Writer`]), is killed with SIGKILL at random moments, again and
//! again; after every kill the notebook parses and holds a whole state, the last one saved
//! or the one before, never less than what an earlier check saw.
//!
//! This file has its own `main` (no test harness): run with `DOSSIER_CRASH_WRITER=FILE` it
//! is the writer; otherwise it is the test, and starts itself as the writer.

use dossier::action::{Action, Written};
use dossier::notebook::{Anchor, AnchorState, DocumentNotes, Highlight, Notebook, NotebookFile};
use dossier::writer::Writer;
use std::path::Path;
use std::process::{Command, ExitCode, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

const WRITER: &str = "DOSSIER_CRASH_WRITER";
const KILLS: usize = 220;
const HIGHLIGHTS: usize = 150;

fn main() -> ExitCode {
    if let Ok(path) = std::env::var(WRITER) {
        return write_forever(Path::new(&path));
    }
    // Enough of libtest's arguments that `cargo test FILTER` and `--list` behave.
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.iter().any(|a| a == "--list") {
        println!("kill_during_saves: test");
        return ExitCode::SUCCESS;
    }
    let filters: Vec<&String> = args.iter().filter(|a| !a.starts_with('-')).collect();
    if !filters.is_empty()
        && !filters
            .iter()
            .any(|f| "kill_during_saves".contains(f.as_str()))
    {
        println!("running 0 tests");
        return ExitCode::SUCCESS;
    }
    kill_during_saves();
    println!("test kill_during_saves ... ok");
    ExitCode::SUCCESS
}

/// The state number a notebook holds, checking that all of it belongs to that one state.
fn state_of(nb: &Notebook) -> u64 {
    let entry = &nb.documents["doc.txt"];
    let status = entry.status.as_deref().unwrap();
    let k: u64 = status.strip_prefix('s').unwrap().parse().unwrap();
    assert_eq!(
        entry.highlights.len(),
        HIGHLIGHTS,
        "a whole state has all its highlights"
    );
    for h in &entry.highlights {
        assert_eq!(h.note.as_deref(), Some(status), "one state throughout");
    }
    k
}

fn notebook_of(k: u64) -> Notebook {
    let mut nb = Notebook::new("crash");
    let mut entry = DocumentNotes::new("id", "A document");
    let status = format!("s{k}");
    entry.status = Some(status.clone());
    let text = "word ".repeat(HIGHLIGHTS + 1);
    entry.highlights = (0..HIGHLIGHTS)
        .map(|i| Highlight {
            id: format!("H{i:05}"),
            tags: vec!["tag".into()],
            note: Some(status.clone()),
            created: "2026-01-01T00:00:00Z".into(),
            by: String::new(),
            anchor: Anchor::of(&text, i * 5, i * 5 + 4).unwrap(),
            state: AnchorState::Ok,
        })
        .collect();
    nb.documents.insert("doc.txt".into(), entry);
    nb
}

fn write_forever(path: &Path) -> ExitCode {
    let (file, nb) = match NotebookFile::open(path, "crash") {
        Ok(opened) => opened,
        Err(e) => {
            eprintln!("writer: {e}");
            return ExitCode::from(2);
        }
    };
    if file.is_read_only() {
        eprintln!("writer: the lock of a killed writer was not released");
        return ExitCode::from(3);
    }
    let mut k = if nb.documents.is_empty() {
        0
    } else {
        state_of(&nb)
    };
    // Saves go through the writer thread, as the screen's do: three snapshots at a time (keys
    // faster than a save queue up like this, and the writer may write only the newest),
    // then a wait for the newest, so the kill finds the writer thread inside a save.
    let writer = Writer::start(file);
    loop {
        for _ in 0..3 {
            k += 1;
            writer.save(k, Arc::new(notebook_of(k)));
        }
        loop {
            match writer.wait() {
                Some(Action::NotebookWritten(Written { result: Err(e), .. })) => {
                    eprintln!("writer: {e}");
                    return ExitCode::from(4);
                }
                Some(Action::NotebookWritten(Written { generation, .. })) if generation == k => {
                    break;
                }
                Some(_) => {}
                None => {
                    eprintln!("writer: the writer thread stopped");
                    return ExitCode::from(5);
                }
            }
        }
    }
}

/// A small deterministic generator: the kill moments differ but a failure can be rerun.
struct Xorshift(u64);

impl Xorshift {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

fn kill_during_saves() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("notebook.ron");
    let me = std::env::current_exe().unwrap();
    let seed = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos() as u64
        | 1;
    eprintln!("crash_safety: seed {seed}");
    let mut rng = Xorshift(seed);
    let started = Instant::now();
    let mut last = 0u64;
    let mut kills_after_a_save = 0;
    let mut kills_inside_a_write = 0;
    for round in 0..KILLS {
        let mut child = Command::new(&me)
            .env(WRITER, &path)
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        // Mostly inside the save loop, sometimes while it starts.
        std::thread::sleep(Duration::from_micros(rng.next() % 50_000));
        child.kill().unwrap();
        let out = child.wait_with_output().unwrap();
        assert!(
            out.status.code().is_none(),
            "round {round}: the writer stopped by itself: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        if temporaries(dir.path()) > 0 {
            kills_inside_a_write += 1;
        }
        if !path.exists() {
            continue;
        }
        let nb = dossier::notebook::load(&path, "crash")
            .unwrap_or_else(|e| panic!("round {round} (seed {seed}): {e}"));
        let k = state_of(&nb);
        assert!(
            k >= last,
            "round {round}: state {k} after {last}: a save was lost"
        );
        if k > last {
            kills_after_a_save += 1;
        }
        last = k;
        let backup = dossier::notebook::load(&dir.path().join("notebook.ron.bak"), "crash");
        if let Ok(b) = backup
            && !b.documents.is_empty()
        {
            assert!(state_of(&b) <= k, "the backup is an older state");
        }
    }
    let leftovers = temporaries(dir.path());
    eprintln!(
        "crash_safety: {KILLS} kills in {:.1?}, {last} saves, {kills_after_a_save} rounds saved something, \
         {kills_inside_a_write} kills inside a write, {leftovers} temporary file(s) left",
        started.elapsed()
    );
    assert!(
        last >= 50,
        "the writer saved only {last} times: the test proved little"
    );
    assert!(
        kills_after_a_save >= KILLS / 4,
        "most kills came before any save"
    );
    assert!(
        leftovers <= 1,
        "temporary files of killed saves are cleaned at the next open"
    );
}

/// Temporary files of unfinished saves in `dir`.
fn temporaries(dir: &Path) -> usize {
    std::fs::read_dir(dir)
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .file_name()
                .to_string_lossy()
                .ends_with(".tmp")
        })
        .count()
}
