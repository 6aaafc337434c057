//! The orders of a list of documents, shared by `dossier list` and the screen's list so the
//! two can never disagree.

use crate::notebook::Notebook;
use crate::store::{Corpus, DocDate, Document};
use std::cmp::Ordering;

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
            (Some(_), None) => Ordering::Less,
            (None, Some(_)) => Ordering::Greater,
            (None, None) => Ordering::Equal,
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

/// Sorts `docs` by the extra field a query names `name` (SPEC §10), stably: numerically
/// when every value is a number, by date ([`DocDate`]) when every value is a date, else by
/// text ignoring case; documents without the field last.
pub fn by_field(docs: &mut [&Document], name: &str) {
    use crate::query::{number, value_of};
    let values: Vec<&str> = docs.iter().filter_map(|d| value_of(d, name)).collect();
    if values.iter().all(|v| number(v).is_some()) {
        docs.sort_by(|a, b| {
            let key = |d: &Document| value_of(d, name).and_then(number);
            missing_last(key(a), key(b), |x, y| x.total_cmp(y))
        });
    } else if values.iter().all(|v| v.parse::<DocDate>().is_ok()) {
        docs.sort_by_cached_key(|d| {
            let date = value_of(d, name).and_then(|v| v.parse::<DocDate>().ok());
            (date.is_none(), date)
        });
    } else {
        docs.sort_by_cached_key(|d| {
            let text = value_of(d, name).map(str::to_lowercase);
            (text.is_none(), text)
        });
    }
}

/// Orders two keys, a missing one after any present one.
fn missing_last<T>(a: Option<T>, b: Option<T>, cmp: impl Fn(&T, &T) -> Ordering) -> Ordering {
    match (a, b) {
        (Some(x), Some(y)) => cmp(&x, &y),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    }
}
