//! The event loop's outside: the terminal (events in, frames out, `$EDITOR` in between),
//! the notebook's writer thread, the query worker, the background load and the query
//! history. It reads the state to do its work and answers with actions; it never writes
//! the state.

use super::queue::Runner;
use crate::action::{Action, Effect};
use crate::keymap::Key;
use crate::notebook::Notebook;
use crate::state::State;
use crate::store::{Corpus, Progress, StoreError};
use crate::terminal::Tui;
use crate::worker::Worker;
use crate::writer::Writer;
use ratatui::crossterm::event::{self, Event, KeyEventKind, MouseButton, MouseEventKind};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::Ordering::Relaxed;
use std::sync::mpsc::Receiver;
use std::time::Duration;

/// The texts being read on another thread.
pub(super) struct Loading {
    /// The corpus with its texts, once read.
    pub result: Receiver<Result<Corpus, StoreError>>,
    /// Files read so far, and in all.
    pub progress: Arc<Progress>,
}

/// Everything the loop owns outside the state.
pub(super) struct Live {
    // First, so that it is dropped first: the terminal is restored before dropping the
    // writer waits for its last saves (and says on stderr if one failed).
    pub tui: Tui,
    pub writer: Writer,
    /// The last snapshot of the notebook taken, shared by the saves and the queries that
    /// read the notebook until it changes.
    pub snapshot: Arc<Notebook>,
    pub worker: Worker,
    pub charts: crate::charts_worker::ChartsWorker,
    /// The corpus the worker searches.
    pub worker_corpus: Arc<Corpus>,
    pub history_file: Option<PathBuf>,
    pub protected: crate::export::target::Protected,
    pub loading: Option<Loading>,
    /// The last progress reported, so that only news is sent.
    pub progress: (usize, usize),
}

impl Live {
    /// Draws the state.
    pub fn draw(&mut self, state: &State) -> std::io::Result<()> {
        self.tui
            .terminal
            .draw(|frame| crate::ui::draw(frame, state))
            .map(|_| ())
    }

    /// Waits a little for input, then takes every event already waiting (a burst of keys
    /// or a paste is one round), the worker's answers and the load's news, as actions.
    pub fn wait(&mut self) -> std::io::Result<Vec<Action>> {
        let mut actions = Vec::new();
        if event::poll(Duration::from_millis(30))? {
            actions.push(Action::Tick(jiff::Timestamp::now()));
            actions.extend(actions_of(event::read()?));
            while event::poll(Duration::ZERO)? {
                actions.extend(actions_of(event::read()?));
            }
        }
        actions.extend(self.worker.results());
        actions.extend(self.writer.results());
        actions.extend(self.charts.results());
        if let Some(loading) = &self.loading {
            let now = (
                loading.progress.done.load(Relaxed),
                loading.progress.total.load(Relaxed),
            );
            if now != self.progress {
                self.progress = now;
                actions.push(Action::LoadProgress {
                    done: now.0,
                    total: now.1,
                });
            }
            if let Ok(result) = loading.result.try_recv() {
                self.loading = None;
                actions.push(match result {
                    Ok(corpus) => {
                        Action::Loaded(crate::state::load::LoadedCorpus(Arc::new(corpus)))
                    }
                    Err(e) => Action::LoadFailed(e.to_string()),
                });
            }
        }
        Ok(actions)
    }
}

impl Runner for Live {
    fn run(&mut self, state: &State, effect: Effect) -> Option<Action> {
        match effect {
            Effect::SaveNotebook => {
                let snapshot = self.snapshot(state);
                self.writer.save(state.save_generation, snapshot);
                None
            }
            Effect::EvaluateQuery(job) => {
                let snapshot = self.snapshot(state);
                self.worker.query(job, snapshot);
                None
            }
            Effect::CountSaved(generation) => {
                let snapshot = self.snapshot(state);
                self.worker
                    .count(generation, snapshot, state.saved_searches.searches.clone());
                None
            }
            Effect::GatherKwic(job) => {
                self.worker.kwic(job);
                None
            }
            Effect::ComputeChart(job) => {
                self.charts
                    .compute(job, state.corpus.clone(), Arc::new(state.notebook.clone()));
                None
            }
            Effect::UseCorpus => {
                if !Arc::ptr_eq(&self.worker_corpus, &state.corpus) {
                    self.worker_corpus = state.corpus.clone();
                    self.worker = Worker::start(state.corpus.clone(), state.fields.clone());
                }
                None
            }
            Effect::RememberQuery(text) => {
                if let Some(path) = &self.history_file {
                    // The history is a convenience: failing to keep it is not worth a word.
                    let _ = super::history::append(path, &text);
                }
                None
            }
            Effect::EditExternally(text) => Some(Action::EditedExternally(
                super::editor::edit_externally(&mut self.tui, &text),
            )),
            Effect::WriteExport {
                path,
                bytes,
                documents,
            } => Some(Action::Exported(
                crate::export::target::check(&path, &self.protected, &state.corpus)
                    .map_err(|e| e.to_string())
                    .and_then(|()| {
                        crate::atomic::write_atomic(&path, &bytes, false)
                            .map_err(|e| format!("{}: {e}", path.display()))
                    })
                    .map(|()| (path, documents)),
            )),
            Effect::LoadCompare(path) => {
                let path = home_expanded(path);
                Some(Action::CompareLoaded(
                    crate::notebook::load_other(&path, &state.corpus.name)
                        .map(|notebook| crate::state::compare::OtherNotebook { path, notebook })
                        .map_err(|e| crate::text::one_line(&e.to_string())),
                ))
            }
            Effect::Quit => None,
        }
    }
}

impl Live {
    /// The notebook as it is now, behind an `Arc` for the other threads: the last
    /// snapshot again while the notebook is unchanged, else a new one, which costs a few
    /// small copies (the entries are a persistent map, shared, not copied).
    fn snapshot(&mut self, state: &State) -> Arc<Notebook> {
        let (last, now) = (&*self.snapshot, &state.notebook);
        let unchanged = last.documents.ptr_eq(&now.documents)
            && last.codebook == now.codebook
            && last.conflicts == now.conflicts
            && last.corpus == now.corpus;
        if !unchanged {
            self.snapshot = Arc::new(state.notebook.clone());
        }
        self.snapshot.clone()
    }
}

/// A path typed into a prompt, with a leading `~/` meaning the home folder as in a shell.
fn home_expanded(path: PathBuf) -> PathBuf {
    match (path.strip_prefix("~"), std::env::var_os("HOME")) {
        (Ok(rest), Some(home)) => PathBuf::from(home).join(rest),
        _ => path,
    }
}

/// The actions of one terminal event: keys are mapped by `update`, when it gets to them.
fn actions_of(event: Event) -> Option<Action> {
    match event {
        Event::Key(key) if key.kind != KeyEventKind::Release => {
            Some(Action::Key(Key::from_event(key)))
        }
        Event::Mouse(mouse) => {
            let (column, row) = (mouse.column, mouse.row);
            match mouse.kind {
                MouseEventKind::Down(MouseButton::Left) => Some(Action::Click { column, row }),
                MouseEventKind::ScrollDown => Some(Action::Scroll {
                    column,
                    row,
                    down: true,
                }),
                MouseEventKind::ScrollUp => Some(Action::Scroll {
                    column,
                    row,
                    down: false,
                }),
                _ => None,
            }
        }
        Event::Resize(width, height) => Some(Action::Resize { width, height }),
        // A paste is typed into the prompt or the editor at once, never run as commands.
        Event::Paste(text) => Some(Action::Paste(text)),
        _ => None,
    }
}
