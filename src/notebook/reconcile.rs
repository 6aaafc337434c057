//! Matching a notebook to the corpus as it is now: entries follow renamed documents (by
//! content id), anchors are checked against edited texts, and entries whose document is
//! gone are kept and listed. Nothing is ever deleted here.

use super::anchor::check_highlights;
use super::model::{AnchorState, Notebook};
use crate::store::{Corpus, Document};
use std::collections::HashMap;

/// What matching the notebook to the corpus found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Reconciliation {
    /// Entries moved to a document's new path: `(old path, new path)`.
    pub renamed: Vec<(String, String)>,
    /// Paths of entries whose document is not in the corpus (kept in the notebook).
    pub missing: Vec<String>,
    /// Highlights found at their offsets.
    pub ok: usize,
    /// Highlights found elsewhere (offsets updated).
    pub moved: usize,
    /// Highlights found with their wording changed (offsets on the new wording, the quote
    /// kept as highlighted).
    pub changed: usize,
    /// Highlights not found in their document's text (kept unchanged).
    pub orphaned: usize,
}

impl Reconciliation {
    /// True when every highlight was found and every entry's document exists.
    pub fn is_clean(&self) -> bool {
        self.orphaned == 0 && self.missing.is_empty()
    }
}

/// Matches `notebook` to `corpus`: an entry whose path is gone but whose content id is a
/// document without an entry of its own moves to that document's path; every entry of
/// a present document gets its current id and title and has its highlights checked; the
/// highlights of entries whose document is gone are marked orphaned.
pub fn reconcile(notebook: &mut Notebook, corpus: &Corpus) -> Reconciliation {
    let by_path: HashMap<&str, &Document> = corpus
        .documents
        .iter()
        .map(|d| (d.path.as_str(), d))
        .collect();
    let mut report = Reconciliation::default();
    let gone: Vec<String> = notebook
        .documents
        .iter()
        .filter(|(p, e)| !by_path.contains_key(p.as_str()) && !e.is_empty())
        .map(|(p, _)| p.clone())
        .collect();
    for old in gone {
        let Some(id) = notebook.documents.get(&old).map(|e| e.id.clone()) else {
            continue;
        };
        let free = |d: &&Document| {
            d.id == id && notebook.documents.get(&d.path).is_none_or(|e| e.is_empty())
        };
        match corpus.documents.iter().find(free).map(|d| d.path.clone()) {
            Some(new) => {
                if let Some(entry) = notebook.documents.remove(&old) {
                    notebook.documents.insert(new.clone(), entry);
                }
                report.renamed.push((old, new));
            }
            None => report.missing.push(old),
        }
    }
    notebook.each_entry_mut(|path, entry| {
        match by_path.get(path) {
            Some(doc) => {
                doc.id.clone_into(&mut entry.id);
                doc.meta.title.clone_into(&mut entry.title);
                // An unloaded document (metadata cache) has no text to check against: its
                // highlights keep the state last recorded.
                if doc.loaded {
                    check_highlights(&mut entry.highlights, &doc.text);
                }
                for h in &entry.highlights {
                    match h.state {
                        AnchorState::Ok => report.ok += 1,
                        AnchorState::Moved => report.moved += 1,
                        AnchorState::Changed => report.changed += 1,
                        AnchorState::Orphaned => report.orphaned += 1,
                    }
                }
            }
            None => {
                for h in &mut entry.highlights {
                    h.state = AnchorState::Orphaned;
                }
            }
        }
    });
    report
}
