//! Charts computed off the screen's thread: one background thread takes chart jobs and
//! computes only the newest of those waiting, so a burst of query changes costs one chart.

use crate::action::Action;
use crate::notebook::Notebook;
use crate::state::charts::ChartJob;
use crate::state::charts::compute::compute;
use crate::store::Corpus;
use std::sync::Arc;
use std::sync::mpsc::{Receiver, Sender, channel};

type Job = (ChartJob, Arc<Corpus>, Arc<Notebook>);

/// The background chart computer; results come back as [`Action::ChartDone`].
pub struct ChartsWorker {
    jobs: Sender<Job>,
    results: Receiver<Action>,
}

impl ChartsWorker {
    /// Starts the thread.
    pub fn start() -> ChartsWorker {
        let (jobs, inbox) = channel::<Job>();
        let (outbox, results) = channel::<Action>();
        std::thread::spawn(move || {
            while let Ok(mut job) = inbox.recv() {
                // Older jobs waiting behind this one are answered by the newest.
                while let Ok(newer) = inbox.try_recv() {
                    job = newer;
                }
                let (job, corpus, notebook) = job;
                let done = compute(&corpus, &notebook, &job);
                if outbox.send(Action::ChartDone(done)).is_err() {
                    break;
                }
            }
        });
        ChartsWorker { jobs, results }
    }

    /// Computes a chart over this corpus and notebook.
    pub fn compute(&self, job: ChartJob, corpus: Arc<Corpus>, notebook: Arc<Notebook>) {
        let _ = self.jobs.send((job, corpus, notebook));
    }

    /// Results that arrived, without waiting.
    pub fn results(&self) -> Vec<Action> {
        self.results.try_iter().collect()
    }
}
