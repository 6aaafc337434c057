//! The event loop, and nothing else: terminal events become actions through the keymap,
//! `update` changes the state, the effects run (notebook writes, `$EDITOR`, exports), and
//! the screen is drawn from the state.

use crate::action::{Action, Effect, PromptKind};
use crate::keymap::Key;
use crate::notebook::{NotebookFile, reconcile};
use crate::state::{SaveState, SessionCounts, Settings, State, update};
use crate::store::Corpus;
use crate::terminal::Screen;
use anyhow::Context;
use ratatui::crossterm::event::{self, Event, KeyEventKind, MouseButton, MouseEventKind};
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

/// Opens the reader on `corpus` with the notebook at `notebook_path`; returns the session's
/// counts when the analyst quits.
/// Where the texts of a corpus opened from its metadata cache come from.
pub struct Background {
    /// The corpus's paths.
    pub paths: Vec<std::path::PathBuf>,
    /// The metadata cache folder.
    pub cache_dir: std::path::PathBuf,
}

pub fn run(
    corpus: Corpus,
    background: Option<Background>,
    notebook_path: &Path,
    settings: Settings,
) -> anyhow::Result<SessionCounts> {
    let (mut file, mut notebook) = NotebookFile::open(notebook_path, &corpus.name)?;
    let protected =
        crate::export::target::Protected::new(notebook_path, settings.config_file.as_deref());
    let report = reconcile(&mut notebook, &corpus);
    let warnings = corpus.warnings.len();
    let mut screen = Screen::enter().context("cannot set up the terminal")?;
    let size = screen.terminal.size()?;
    let mut state = State::new(
        Arc::new(corpus),
        notebook,
        settings,
        (size.width, size.height),
    )?;
    state.message = opening_message(&report, warnings);
    if let Some(reason) = file.read_only_reason() {
        state.save = SaveState::ReadOnly;
        state.read_only_reason = reason.to_owned();
        state.message = Some(format!("read-only: {reason}"));
    }
    let history_file = crate::config::data_dir().map(|d| d.join("history").join("queries.txt"));
    if let Some(history) = history_file.as_deref().map(read_history) {
        state.prompt_history.insert(PromptKind::Query, history);
    }
    let mut worker_corpus = state.corpus.clone();
    let mut worker = crate::worker::Worker::start(worker_corpus.clone(), state.fields.clone());
    let loading = background.map(start_loading);
    if let Some((_, progress)) = &loading {
        state.loading = Some((0, progress.total.load(std::sync::atomic::Ordering::Relaxed)));
    }
    let (loaded, progress) = match loading {
        Some((receiver, progress)) => (Some(receiver), Some(progress)),
        None => (None, None),
    };
    let generation = state.count_saved_generation();
    worker.count(
        generation,
        Arc::new(state.notebook.clone()),
        state.saved.searches.clone(),
    );
    let mut redraw = true;
    let mut save_due = false;
    loop {
        let drawn = if redraw {
            screen
                .terminal
                .draw(|frame| crate::ui::draw(frame, &state))
                .map(|_| ())
        } else {
            Ok(())
        };
        // The change is on the screen ("saving…"); it goes to disk before the next key is
        // read (and even when drawing failed), so a large notebook's save never delays what
        // the key shows.
        let saved = save_due;
        if save_due {
            save(&mut file, &mut state);
            save_due = false;
        }
        drawn?;
        // Wait a little for input, then take every event already waiting, so a burst of
        // keys (or a paste) is one redraw and one save; query results arrive meanwhile.
        // Each event is mapped to actions only after the previous one is applied: a key
        // means what the screen is showing by then.
        let mut events = Vec::new();
        if event::poll(Duration::from_millis(30))? {
            events.push(event::read()?);
            while event::poll(Duration::ZERO)? {
                events.push(event::read()?);
            }
        }
        let mut results = worker.results();
        if let Some(progress) = &progress
            && state.loading.is_some()
        {
            use std::sync::atomic::Ordering::Relaxed;
            let now = (progress.done.load(Relaxed), progress.total.load(Relaxed));
            if state.loading != Some(now) {
                results.push(Action::LoadProgress {
                    done: now.0,
                    total: now.1,
                });
            }
        }
        if let Some(Ok(result)) = loaded.as_ref().map(|r| r.try_recv()) {
            match result {
                Ok(corpus) => {
                    let corpus = Arc::new(corpus);
                    results.push(Action::Loaded(crate::state::load::LoadedCorpus(corpus)));
                }
                Err(e) => {
                    state.loading = None;
                    state.message = Some(format!("could not read the corpus: {e}"));
                }
            }
        }
        redraw = saved || !events.is_empty() || !results.is_empty();
        let mut effects = Vec::new();
        // A run of characters typed into a prompt or the editor is one paste: one edit and
        // one evaluation, not one per key.
        let mut typed = String::new();
        for event in events {
            if let Event::Key(key) = &event
                && key.kind != KeyEventKind::Release
                && let Some(c) = state.typed_char(Key::from_event(*key))
            {
                typed.push(c);
                continue;
            }
            if !typed.is_empty() {
                effects.extend(update(
                    &mut state,
                    Action::Paste(std::mem::take(&mut typed)),
                ));
            }
            for action in actions_of(&state, event) {
                state.now = jiff::Timestamp::now();
                effects.extend(update(&mut state, action));
            }
        }
        if !typed.is_empty() {
            effects.extend(update(&mut state, Action::Paste(typed)));
        }
        crate::state::query::drop_superseded(&mut effects);
        for action in results {
            effects.extend(update(&mut state, action));
        }
        // After the corpus was swapped for the loaded one, the worker searches that one
        // (and its field index) before it runs the effects' queries.
        if !Arc::ptr_eq(&worker_corpus, &state.corpus) {
            worker_corpus = state.corpus.clone();
            worker = crate::worker::Worker::start(worker_corpus.clone(), state.fields.clone());
        }
        let mut quit = false;
        for effect in effects {
            match effect {
                Effect::SaveNotebook => save_due = true,
                Effect::Quit => quit = true,
                Effect::EvaluateQuery(job) => {
                    // Only a query that reads the notebook needs a copy of it.
                    let notebook = if crate::query::Evaluator::new(&job.query).uses_notebook() {
                        Arc::new(state.notebook.clone())
                    } else {
                        Arc::new(crate::notebook::Notebook::new(&state.corpus.name))
                    };
                    worker.query(job, notebook);
                }
                Effect::CountSaved(generation) => {
                    worker.count(
                        generation,
                        Arc::new(state.notebook.clone()),
                        state.saved.searches.clone(),
                    );
                }
                Effect::RememberQuery(text) => {
                    if let Some(path) = &history_file {
                        // The history is a convenience: failing to keep it is not worth a word.
                        let _ = append_history(path, &text);
                    }
                }
                Effect::EditExternally(text) => {
                    let result = edit_externally(&mut screen, &text);
                    update(&mut state, Action::EditedExternally(result));
                }
                Effect::WriteExport {
                    path,
                    bytes,
                    documents,
                } => {
                    let result = crate::export::target::check(&path, &protected, &state.corpus)
                        .map_err(|e| e.to_string())
                        .and_then(|()| {
                            crate::atomic::write_atomic(&path, &bytes, false)
                                .map_err(|e| format!("{}: {e}", path.display()))
                        })
                        .map(|()| (path.clone(), documents));
                    update(&mut state, Action::Exported(result));
                }
            }
        }
        if quit {
            if save_due {
                save(&mut file, &mut state);
            }
            return Ok(state.session);
        }
    }
}

/// Writes the notebook and tells the state how it went.
fn save(file: &mut NotebookFile, state: &mut State) {
    let result = file
        .save(&state.notebook)
        .map(|_| ())
        .map_err(|e| e.to_string());
    update(state, Action::Saved(result));
}

/// Reads the corpus with its texts on another thread, counting files as it goes.
fn start_loading(
    background: Background,
) -> (
    std::sync::mpsc::Receiver<Result<Corpus, crate::store::StoreError>>,
    Arc<crate::store::Progress>,
) {
    let (sender, receiver) = std::sync::mpsc::channel();
    let progress = Arc::new(crate::store::Progress::default());
    let counter = progress.clone();
    std::thread::spawn(move || {
        let result =
            Corpus::load_cached_counting(&background.paths, Some(&background.cache_dir), &counter);
        let _ = sender.send(result);
    });
    (receiver, progress)
}

/// The query history, oldest first, each query once, the last 500.
fn read_history(path: &Path) -> Vec<String> {
    let text = std::fs::read_to_string(path).unwrap_or_default();
    let mut history: Vec<String> = Vec::new();
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        history.retain(|h| h != line);
        history.push(line.to_owned());
    }
    let keep = history.len().saturating_sub(500);
    history.split_off(keep)
}

fn append_history(path: &Path, query: &str) -> std::io::Result<()> {
    use std::io::Write;
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let mut file = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)?;
    writeln!(file, "{}", crate::text::one_line(query))
}

/// What the analyst should know on opening: anchors that moved or were lost, entries
/// without documents, files skipped.
fn opening_message(report: &crate::notebook::Reconciliation, warnings: usize) -> Option<String> {
    let mut parts = Vec::new();
    if report.moved > 0 {
        parts.push(format!("{} highlights moved", report.moved));
    }
    if report.changed > 0 {
        parts.push(format!(
            "{} highlights found with changed wording (dossier check)",
            report.changed
        ));
    }
    if report.orphaned > 0 {
        parts.push(format!(
            "{} highlights orphaned (dossier check lists them)",
            report.orphaned
        ));
    }
    if !report.missing.is_empty() {
        parts.push(format!(
            "{} notebook entries without their document",
            report.missing.len()
        ));
    }
    if warnings > 0 {
        parts.push(format!(
            "{warnings} files skipped or repaired (dossier check)"
        ));
    }
    (!parts.is_empty()).then(|| parts.join(" · "))
}

/// The actions of one terminal event.
fn actions_of(state: &State, event: Event) -> Vec<Action> {
    match event {
        Event::Key(key) if key.kind != KeyEventKind::Release => state
            .action_for_key(Key::from_event(key))
            .into_iter()
            .collect(),
        Event::Mouse(mouse) => match mouse.kind {
            MouseEventKind::Down(MouseButton::Left) => vec![Action::Click {
                column: mouse.column,
                row: mouse.row,
            }],
            MouseEventKind::ScrollDown => vec![Action::Scroll {
                column: mouse.column,
                row: mouse.row,
                down: true,
            }],
            MouseEventKind::ScrollUp => vec![Action::Scroll {
                column: mouse.column,
                row: mouse.row,
                down: false,
            }],
            _ => Vec::new(),
        },
        Event::Resize(width, height) => vec![Action::Resize { width, height }],
        // A paste is typed into the prompt or the editor at once, never run as commands.
        Event::Paste(text) if state.prompt.is_some() || state.editor.is_some() => {
            vec![Action::Paste(text)]
        }
        _ => Vec::new(),
    }
}

/// Runs `$VISUAL` or `$EDITOR` (else `vi`) on the text in a temporary file.
fn edit_externally(screen: &mut Screen, text: &str) -> Result<String, String> {
    let file = tempfile::Builder::new()
        .prefix("dossier-note-")
        .suffix(".md")
        .tempfile()
        .map_err(|e| e.to_string())?;
    std::fs::write(file.path(), text).map_err(|e| e.to_string())?;
    let editor = std::env::var("VISUAL")
        .or_else(|_| std::env::var("EDITOR"))
        .unwrap_or_else(|_| "vi".to_owned());
    screen.suspend().map_err(|e| e.to_string())?;
    // The editor may carry arguments (`code --wait`): let the shell split them.
    let status = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!("{editor} \"$1\""))
        .arg("sh")
        .arg(file.path())
        .status();
    screen.resume().map_err(|e| e.to_string())?;
    match status {
        Ok(s) if s.success() => std::fs::read_to_string(file.path()).map_err(|e| e.to_string()),
        Ok(s) => Err(format!("{editor} exited with {s}")),
        Err(e) => Err(format!("{editor}: {e}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_history_keeps_each_query_once_newest_last() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("history/queries.txt");
        for q in ["tag:cyber", "\"hybrid threats\"", "tag:cyber"] {
            append_history(&path, q).unwrap();
        }
        assert_eq!(read_history(&path), ["\"hybrid threats\"", "tag:cyber"]);
        assert!(read_history(&dir.path().join("none")).is_empty());
    }
}
