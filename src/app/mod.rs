//! The event loop, and nothing else: after setup, it draws the state, waits for what
//! happens next and hands it to the [`Queue`](queue::Queue), which applies it with
//! `update` and runs every effect (a save goes to the writer thread, so it never holds the
//! next key). On quitting it waits for the writer's last saves.

mod editor;
mod history;
mod live;
mod opening;
pub mod queue;

use crate::action::{Action, Opening};
use crate::notebook::{NotebookFile, reconcile};
use crate::state::{SessionCounts, Settings, State};
use crate::store::Corpus;
use anyhow::Context;
use live::{Live, Loading};
use queue::Queue;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Where the texts of a corpus opened from its metadata cache come from.
pub struct Background {
    /// The corpus's paths.
    pub paths: Vec<PathBuf>,
    /// The metadata cache folder.
    pub cache_dir: PathBuf,
}

/// Opens the reader on `corpus` with the notebook at `notebook_path` (and another coder's
/// beside it to compare with, when given); returns the session's counts when the analyst
/// quits.
pub fn run(
    corpus: Corpus,
    background: Option<Background>,
    notebook_path: &Path,
    settings: Settings,
    compare: Option<crate::state::compare::OtherNotebook>,
) -> anyhow::Result<SessionCounts> {
    let (file, mut notebook) = NotebookFile::open(notebook_path, &corpus.name)?;
    let report = reconcile(&mut notebook, &corpus);
    let history_file = crate::config::data_dir().map(|d| d.join("history").join("queries.txt"));
    let loading = background.map(start_loading);
    let opening = Opening {
        message: opening::message(&report, corpus.warnings.len()),
        read_only: file.read_only_reason().map(str::to_owned),
        query_history: history_file
            .as_deref()
            .map(history::read)
            .unwrap_or_default(),
        loading: loading
            .as_ref()
            .map(|l| l.progress.total.load(std::sync::atomic::Ordering::Relaxed)),
    };
    let protected =
        crate::export::target::Protected::new(notebook_path, settings.config_file.as_deref());
    let tui = crate::terminal::Tui::enter().context("cannot set up the terminal")?;
    let size = tui.terminal.size()?;
    let mut state = State::new(
        Arc::new(corpus),
        notebook,
        settings,
        (size.width, size.height),
    )?;
    let mut live = Live {
        tui,
        writer: crate::writer::Writer::start(file),
        snapshot: Arc::new(state.notebook.clone()),
        worker: crate::worker::Worker::start(state.corpus.clone(), state.fields.clone()),
        worker_corpus: state.corpus.clone(),
        charts: crate::charts_worker::ChartsWorker::start(),
        history_file,
        protected,
        loading,
        progress: (0, 0),
    };
    let mut queue = Queue::new();
    queue.push(Action::Opened(opening));
    if let Some(other) = compare {
        queue.push(Action::CompareLoaded(Ok(other)));
    }
    queue.apply(&mut state, &mut live);
    let mut redraw = true;
    loop {
        if redraw {
            live.draw(&state)?;
        }
        queue.extend(live.wait()?);
        redraw = queue.apply(&mut state, &mut live);
        if queue.quitting() {
            // The state quits only once its saves are on disk (or the analyst chose to lose
            // a failed one); whatever is still queued is written before leaving, and a
            // failure then is an error, never a silent loss.
            for outcome in live.writer.finish() {
                if let Action::NotebookWritten(crate::action::Written { result: Err(e), .. }) =
                    outcome
                {
                    anyhow::bail!("could not save the notebook: {e}");
                }
            }
            return Ok(state.session);
        }
    }
}

/// Reads the corpus with its texts on another thread, counting files as it goes.
fn start_loading(background: Background) -> Loading {
    let (sender, result) = std::sync::mpsc::channel();
    let progress = Arc::new(crate::store::Progress::default());
    let counter = progress.clone();
    std::thread::spawn(move || {
        let loaded =
            Corpus::load_cached_counting(&background.paths, Some(&background.cache_dir), &counter);
        let _ = sender.send(loaded);
    });
    Loading { result, progress }
}
