//! Opening on the cached list and swapping in the loaded corpus: the screen starts from the
//! metadata cache while the texts are read in the background; when they arrive, the list,
//! the query and the reader carry on where they were, by document path.

use super::{ListView, State};
use crate::action::Effect;
use crate::notebook::reconcile;
use crate::store::Corpus;
use std::collections::HashSet;
use std::sync::Arc;

/// A corpus read in the background, handed to `update`. Compared by identity.
#[derive(Debug, Clone)]
pub struct LoadedCorpus(pub Arc<Corpus>);

impl PartialEq for LoadedCorpus {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

impl State {
    /// What the event loop found on opening: the message, a read-only notebook, the query
    /// history, a background load under way; then the first count of the saved searches.
    pub fn opened(&mut self, opening: crate::action::Opening) -> Vec<Effect> {
        self.message = opening.message;
        if let Some(reason) = opening.read_only {
            self.save = super::SaveState::ReadOnly;
            self.message = Some(format!("read-only: {reason}"));
            self.read_only_reason = reason;
        }
        if !opening.query_history.is_empty() {
            self.prompt_history
                .insert(crate::action::PromptKind::Query, opening.query_history);
        }
        self.loading = opening.loading.map(|total| (0, total));
        self.count_saved_job().into_iter().collect()
    }

    /// Replaces the corpus (the cached one by the loaded one), keeping the selection,
    /// the marks, the sort, the query and the reader's document by path, and checks the
    /// notebook's anchors against the texts now there.
    pub fn replace_corpus(&mut self, corpus: Arc<Corpus>) -> Vec<Effect> {
        let selected = self.current_path().map(str::to_owned);
        let marked: HashSet<String> = self
            .list
            .marks
            .iter()
            .filter_map(|&i| self.corpus.documents.get(i))
            .map(|d| d.path.clone())
            .collect();
        let report = reconcile(&mut self.notebook, &corpus);
        if let Some(compare) = self.compare.as_mut() {
            reconcile(&mut compare.notebook, &corpus);
        }
        self.corpus = corpus;
        self.fields = Arc::new(crate::query::FieldIndex::new(&self.corpus.documents));
        let old = std::mem::replace(&mut self.list, ListView::new(&self.corpus, &self.notebook));
        self.list.sort = old.sort;
        self.list.sort_chosen = old.sort_chosen;
        let names = self.status_names();
        self.list.resort(&self.corpus, &self.notebook, &names);
        self.list.marks = self
            .corpus
            .documents
            .iter()
            .enumerate()
            .filter(|(_, d)| marked.contains(&d.path))
            .map(|(i, _)| i)
            .collect();
        if let Some(path) = selected
            && let Some(i) = self.corpus.documents.iter().position(|d| d.path == path)
        {
            self.list.select_doc(i);
        }
        // The reader opens the document again, now with its text.
        self.reader.path = None;
        self.show_selected();
        self.list.keep_in_view(self.list_height());
        self.loading = None;
        if report.orphaned > 0 || report.moved > 0 {
            self.message = Some(format!(
                "texts loaded · {} highlights moved, {} orphaned",
                report.moved, report.orphaned
            ));
        }
        // The worker searches the new corpus before it runs the queries below.
        let mut effects = vec![Effect::UseCorpus];
        if let Ok(more) = self.set_query(&old.query) {
            effects.extend(more);
        }
        // The same query text needs a fresh evaluation over the new documents.
        if effects.len() == 1 && !self.list.parsed.is_empty() {
            let parsed = self.list.parsed.clone();
            effects.push(self.evaluate_again(parsed));
        }
        effects.extend(self.count_saved_job());
        effects
    }
}
