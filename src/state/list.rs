//! The documents list: its order, the documents the query leaves, the selection, the
//! scroll offset and the marks for bulk actions.

use crate::action::Motion;
use crate::notebook::Notebook;
use crate::query::{Hit, Query};
use crate::store::Corpus;
use std::collections::BTreeSet;

pub use crate::order::Sort;

/// The documents pane's state. Indices are into `Corpus::documents`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ListView {
    /// Every document in the current sort.
    pub order: Vec<usize>,
    /// The documents shown: `order` narrowed by the query (ranked by score for fuzzy words
    /// unless a sort was chosen).
    pub shown: Vec<usize>,
    /// Position of the selection in `shown`.
    pub selected: usize,
    /// First shown row.
    pub offset: usize,
    /// The sort.
    pub sort: Sort,
    /// The sort was chosen with `s` (then fuzzy words do not reorder the list).
    pub sort_chosen: bool,
    /// The query text narrowing the list ("" for none).
    pub query: String,
    /// The query as parsed.
    pub parsed: Query,
    /// The documents the query matched, with scores (every document for no query).
    pub hits: Vec<Hit>,
    /// The generation of the newest evaluation asked for.
    pub generation: u64,
    /// The evaluation still under way, if any.
    pub pending: Option<u64>,
    /// Documents marked for a bulk action.
    pub marks: BTreeSet<usize>,
    /// A chart's bar or cell the list is narrowed to, on top of the query.
    pub narrowed: Option<Narrowed>,
}

/// The documents of a chart's bar or cell (SPEC §13): the list shows only these until
/// `Esc` clears them.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Narrowed {
    /// What the bar or cell is, for the list's title (`tag cyber`, `all in 2019`).
    pub label: String,
    /// The documents it counted, indices into the corpus in corpus order.
    pub docs: Vec<usize>,
}

impl ListView {
    /// Every document, sorted by date.
    pub fn new(corpus: &Corpus, notebook: &Notebook) -> ListView {
        let mut list = ListView {
            hits: (0..corpus.documents.len())
                .map(|index| Hit { index, score: 0 })
                .collect(),
            ..ListView::default()
        };
        list.resort(corpus, notebook, &[]);
        list
    }

    /// The corpus index of the selected document.
    pub fn selected_index(&self) -> Option<usize> {
        self.shown.get(self.selected).copied()
    }

    /// Sorts again (after a sort change or a status change), keeping the selection.
    pub fn resort(&mut self, corpus: &Corpus, notebook: &Notebook, statuses: &[String]) {
        let keep = self.selected_index();
        let statuses: Vec<&str> = statuses.iter().map(String::as_str).collect();
        let order = crate::order::order(corpus, notebook, &statuses, self.sort);
        self.order = order;
        self.refilter();
        if let Some(k) = keep {
            self.select_doc(k);
        }
    }

    /// Shows the query's hits in the list's order, or ranked by score when the query has
    /// fuzzy words and no sort was chosen.
    pub fn refilter(&mut self) {
        if self.parsed.is_empty() {
            self.shown = self.order.clone();
        } else if self.parsed.ranks() && !self.sort_chosen {
            let mut hits = self.hits.clone();
            crate::query::rank(&mut hits);
            self.shown = hits.into_iter().map(|h| h.index).collect();
        } else {
            let mut keep = vec![false; self.order.len()];
            for h in &self.hits {
                if let Some(k) = keep.get_mut(h.index) {
                    *k = true;
                }
            }
            self.shown = self.order.iter().copied().filter(|&i| keep[i]).collect();
        }
        if let Some(n) = &self.narrowed {
            self.shown.retain(|i| n.docs.binary_search(i).is_ok());
        }
        self.selected = self.selected.min(self.shown.len().saturating_sub(1));
    }

    /// Selects a document if shown.
    pub fn select_doc(&mut self, index: usize) -> bool {
        match self.shown.iter().position(|&i| i == index) {
            Some(p) => {
                self.selected = p;
                true
            }
            None => false,
        }
    }

    /// Moves the selection; `height` is the rows of the pane.
    pub fn apply_motion(&mut self, motion: Motion, height: usize) {
        let last = self.shown.len().saturating_sub(1);
        let s = self.selected;
        self.selected = match motion {
            Motion::Down => (s + 1).min(last),
            Motion::Up => s.saturating_sub(1),
            Motion::Top => 0,
            Motion::Bottom => last,
            Motion::PageDown => (s + height.max(1)).min(last),
            Motion::PageUp => s.saturating_sub(height.max(1)),
            Motion::HalfDown => (s + (height / 2).max(1)).min(last),
            Motion::HalfUp => s.saturating_sub((height / 2).max(1)),
        };
    }

    /// Scrolls so the selection is visible in `height` rows.
    pub fn keep_in_view(&mut self, height: usize) {
        let height = height.max(1);
        if self.selected < self.offset {
            self.offset = self.selected;
        } else if self.selected >= self.offset + height {
            self.offset = self.selected + 1 - height;
        }
        let max_offset = self.shown.len().saturating_sub(height);
        self.offset = self.offset.min(max_offset);
    }
}
