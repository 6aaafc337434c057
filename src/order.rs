//! The orders of a list of documents, shared by `dossier list` and the screen's list so the
//! two can never disagree.

use crate::notebook::Notebook;
use crate::store::Corpus;

/// How a list of documents is ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Sort {
    /// Newest first, undated last.
    #[default]
    Date,
    /// By title, ignoring case.
    Title,
    /// By path.
    Path,
    /// By status in the configured order, untriaged last.
    Status,
}

impl Sort {
    /// The next sort in the cycle of the screen's `s` key.
    pub fn next(self) -> Sort {
        match self {
            Sort::Date => Sort::Title,
            Sort::Title => Sort::Path,
            Sort::Path => Sort::Status,
            Sort::Status => Sort::Date,
        }
    }

    /// Its name for the status bar.
    pub fn name(self) -> &'static str {
        match self {
            Sort::Date => "date",
            Sort::Title => "title",
            Sort::Path => "path",
            Sort::Status => "status",
        }
    }
}

/// The indices of the corpus's documents in `sort` order; ties go by path. `statuses` are
/// the configured status names, in order.
pub fn order(corpus: &Corpus, notebook: &Notebook, statuses: &[&str], sort: Sort) -> Vec<usize> {
    let docs = &corpus.documents;
    // The documents are sorted by path already: a stable sort keeps that for ties.
    let mut order: Vec<usize> = (0..docs.len()).collect();
    match sort {
        Sort::Date => order.sort_by(|&a, &b| match (docs[a].meta.date, docs[b].meta.date) {
            (Some(x), Some(y)) => y.cmp(&x),
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => std::cmp::Ordering::Equal,
        }),
        Sort::Title => order.sort_by_cached_key(|&i| docs[i].meta.title.to_lowercase()),
        Sort::Path => {}
        Sort::Status => order.sort_by_cached_key(|&i| {
            notebook
                .doc(&docs[i].path)
                .and_then(|e| e.status.as_deref())
                .map_or(usize::MAX, |s| {
                    statuses
                        .iter()
                        .position(|x| *x == s)
                        .unwrap_or(statuses.len())
                })
        }),
    }
    order
}
