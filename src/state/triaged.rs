//! The `triaged N/M` count the status bar and the triage bar show on every frame, kept
//! by `update` as the notebook changes instead of counted by `draw`: counting walked every
//! notebook entry (some 60 ms per frame once 100,000 documents are triaged).
//!
//! The count remembers the entries it is of (a clone of the persistent map, which shares
//! the notebook's nodes): a notebook changed some other way than through
//! [`State::apply_changes`] no longer is that map, and the count is then taken afresh
//! rather than trusted.

use super::State;
use crate::notebook::model::Entries;
use crate::notebook::{Change, Notebook};
use crate::store::Corpus;
use std::collections::BTreeSet;
use std::sync::Arc;

/// Documents of the corpus with a status, for the entries and the corpus it was counted on.
#[derive(Clone)]
pub struct TriageCount {
    entries: Entries,
    corpus: Arc<Corpus>,
    done: usize,
}

impl TriageCount {
    /// Counts over every entry (once, when the notebook or the corpus is replaced).
    pub fn new(corpus: &Arc<Corpus>, notebook: &Notebook) -> TriageCount {
        TriageCount {
            entries: notebook.documents.clone(),
            corpus: corpus.clone(),
            done: recount(corpus, notebook),
        }
    }

    /// The count, when it is of this notebook's entries and this corpus (`None` once the
    /// notebook was changed some other way than [`State::apply_changes`]).
    pub fn kept(&self, corpus: &Arc<Corpus>, notebook: &Notebook) -> Option<usize> {
        (Arc::ptr_eq(&self.corpus, corpus) && self.entries.ptr_eq(&notebook.documents))
            .then_some(self.done)
    }
}

/// Documents of the corpus with a status, counted over every entry: walks the notebook's
/// entries, not every document.
pub fn recount(corpus: &Corpus, notebook: &Notebook) -> usize {
    notebook
        .documents
        .iter()
        .filter(|(path, entry)| entry.status.is_some() && in_corpus(corpus, path))
        .count()
}

/// Whether the document at `path` is in the corpus and has a status.
fn counts(corpus: &Corpus, notebook: &Notebook, path: &str) -> bool {
    notebook.doc(path).is_some_and(|e| e.status.is_some()) && in_corpus(corpus, path)
}

/// Documents are sorted by path, so membership is a search.
fn in_corpus(corpus: &Corpus, path: &str) -> bool {
    corpus
        .documents
        .binary_search_by(|d| d.path.as_str().cmp(path))
        .is_ok()
}

impl State {
    /// (triaged, total) over the whole corpus: the kept count (a fresh one only when the
    /// notebook was changed behind [`State::apply_changes`]'s back).
    pub fn triaged(&self) -> (usize, usize) {
        let done = self
            .triage_count
            .kept(&self.corpus, &self.notebook)
            .unwrap_or_else(|| recount(&self.corpus, &self.notebook));
        (done, self.corpus.documents.len())
    }

    /// Applies changes to the notebook and keeps the triage count: only the documents
    /// the changes touch are looked at, before and after.
    pub fn apply_changes(&mut self, changes: &[Change]) {
        let touched: BTreeSet<&str> = changes
            .iter()
            .filter_map(Change::doc)
            .map(|d| d.path.as_str())
            .collect();
        let tally = |state: &State| {
            touched
                .iter()
                .filter(|p| counts(&state.corpus, &state.notebook, p))
                .count()
        };
        let kept = self.triage_count.kept(&self.corpus, &self.notebook);
        let before = tally(self);
        self.notebook.apply_all(changes);
        let after = tally(self);
        let done = match kept {
            Some(done) => done + after - before,
            None => recount(&self.corpus, &self.notebook),
        };
        self.triage_count = TriageCount {
            entries: self.notebook.documents.clone(),
            corpus: self.corpus.clone(),
            done,
        };
    }

    /// Counts afresh, after the notebook or the corpus was replaced.
    pub(super) fn recount_triaged(&mut self) {
        self.triage_count = TriageCount::new(&self.corpus, &self.notebook);
    }
}
