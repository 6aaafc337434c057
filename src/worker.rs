//! Query evaluation off the screen's thread: one background thread takes jobs (a documents
//! query, counting the saved searches, or gathering KWIC hits), and a newer job of the same kind cancels the
//! older one, so typing never waits for a query.

use crate::action::Action;
use crate::notebook::Notebook;
use crate::query::FieldIndex;
use crate::state::kwic::{KwicJob, gather};
use crate::state::query::{QueryJob, count_saved, evaluate, evaluate_first};
use crate::store::Corpus;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, Sender, channel};

enum Job {
    Query(QueryJob, Arc<Notebook>, Arc<AtomicBool>),
    Count(u64, Arc<Notebook>, Vec<(String, String)>, Arc<AtomicBool>),
    Kwic(KwicJob, Arc<AtomicBool>),
}

/// The background evaluator; results come back as actions.
pub struct Worker {
    jobs: Sender<Job>,
    results: Receiver<Action>,
    cancel_query: Arc<AtomicBool>,
    cancel_count: Arc<AtomicBool>,
    cancel_kwic: Arc<AtomicBool>,
}

impl Worker {
    /// Starts the thread for a corpus and its field index.
    pub fn start(corpus: Arc<Corpus>, fields: Arc<FieldIndex>) -> Worker {
        let (jobs, inbox) = channel::<Job>();
        let (outbox, results) = channel::<Action>();
        std::thread::spawn(move || {
            for job in inbox {
                let result = match job {
                    Job::Query(job, notebook, cancel) => {
                        // A ranked query answers twice: the top of the ranking first, for
                        // the screen, then every hit ranked.
                        if let Ok(Some(first)) =
                            evaluate_first(&corpus, &fields, &notebook, &job, &cancel)
                            && outbox.send(Action::QueryDone(first)).is_err()
                        {
                            break;
                        }
                        evaluate(&corpus, &fields, &notebook, &job, &cancel).map(Action::QueryDone)
                    }
                    Job::Count(generation, notebook, searches, cancel) => {
                        count_saved(&corpus, &fields, &notebook, &searches, generation, &cancel)
                            .map(Action::SavedCounts)
                    }
                    Job::Kwic(job, cancel) => {
                        gather(&corpus, &job, &cancel).map(Action::KwicGathered)
                    }
                };
                // A cancelled job has nothing to say; a closed screen ends the thread.
                if let Ok(action) = result
                    && outbox.send(action).is_err()
                {
                    break;
                }
            }
        });
        Worker {
            jobs,
            results,
            cancel_query: Arc::new(AtomicBool::new(false)),
            cancel_count: Arc::new(AtomicBool::new(false)),
            cancel_kwic: Arc::new(AtomicBool::new(false)),
        }
    }

    /// Evaluates a query, cancelling the one under way.
    pub fn query(&mut self, job: QueryJob, notebook: Arc<Notebook>) {
        self.cancel_query.store(true, Ordering::Relaxed);
        self.cancel_query = Arc::new(AtomicBool::new(false));
        let _ = self
            .jobs
            .send(Job::Query(job, notebook, self.cancel_query.clone()));
    }

    /// Counts the saved searches, cancelling the count under way.
    pub fn count(
        &mut self,
        generation: u64,
        notebook: Arc<Notebook>,
        searches: Vec<(String, String)>,
    ) {
        self.cancel_count.store(true, Ordering::Relaxed);
        self.cancel_count = Arc::new(AtomicBool::new(false));
        let _ = self.jobs.send(Job::Count(
            generation,
            notebook,
            searches,
            self.cancel_count.clone(),
        ));
    }

    /// Gathers the hits of a KWIC view, cancelling the gathering under way.
    pub fn kwic(&mut self, job: KwicJob) {
        self.cancel_kwic.store(true, Ordering::Relaxed);
        self.cancel_kwic = Arc::new(AtomicBool::new(false));
        let _ = self.jobs.send(Job::Kwic(job, self.cancel_kwic.clone()));
    }

    /// Results that arrived, without waiting.
    pub fn results(&self) -> Vec<Action> {
        self.results.try_iter().collect()
    }
}
