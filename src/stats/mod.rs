//! Seeing the corpus (SPEC §13): the rows of each chart, computed from the corpus, the
//! notebook and the documents a query selects. The command line prints them as tables and
//! draws them as SVG ([`svg`]); the screen draws the same rows with its own widgets. It
//! reads texts already loaded and never a file; it never changes the notebook.

pub mod cooccurrence;
pub mod matrix;
pub mod members;
pub mod svg;
pub mod tags;
pub mod timeline;
pub mod when;

use crate::notebook::{DocumentNotes, Notebook};
use crate::query::{Cancelled, FieldIndex, Query, Test};
use crate::store::{Corpus, Document};
use std::sync::atomic::AtomicBool;

pub use cooccurrence::{CoRow, cooccurrence};
pub use matrix::{Group, MatrixRow, matrix};
pub use members::{Cell, members};
pub use tags::{TagRow, tags};
pub use timeline::{By, Series, TimelineRow, timeline};

/// The documents a chart counts: those of the corpus a query selects, with the notebook.
pub struct Selection<'a> {
    /// The corpus.
    pub corpus: &'a Corpus,
    /// What the analyst wrote about it.
    pub notebook: &'a Notebook,
    /// Indices of the selected documents in `corpus.documents`, in corpus order.
    pub docs: Vec<usize>,
}

impl<'a> Selection<'a> {
    /// Every document of the corpus.
    pub fn all(corpus: &'a Corpus, notebook: &'a Notebook) -> Selection<'a> {
        Selection {
            corpus,
            notebook,
            docs: (0..corpus.documents.len()).collect(),
        }
    }

    /// The documents `query` matches (their texts loaded where it has phrases); stops with
    /// [`Cancelled`] as soon as `cancel` is set, so a newer question can take over.
    pub fn of(
        corpus: &'a Corpus,
        notebook: &'a Notebook,
        query: &Query,
        cancel: &AtomicBool,
    ) -> Result<Selection<'a>, Cancelled> {
        let words = query.terms.iter().any(|t| matches!(t.test, Test::Word(_)));
        let fields = FieldIndex::new(if words { &corpus.documents } else { &[] });
        let hits = crate::query::filter(query, &corpus.documents, &fields, notebook, cancel)?;
        Ok(Selection {
            corpus,
            notebook,
            docs: hits.into_iter().map(|h| h.index).collect(),
        })
    }

    /// The selected documents with their notebook entries.
    pub fn entries(
        &self,
    ) -> impl Iterator<Item = (usize, &'a Document, Option<&'a DocumentNotes>)> + '_ {
        self.docs.iter().filter_map(|&i| {
            let doc = self.corpus.documents.get(i)?;
            Some((i, doc, self.notebook.doc(&doc.path)))
        })
    }
}

/// The tag and every tag above it: `a/b/c` gives `a`, `a/b`, `a/b/c`.
pub fn with_parents(tag: &str) -> impl Iterator<Item = &str> {
    tag.match_indices('/')
        .map(move |(i, _)| &tag[..i])
        .chain(std::iter::once(tag))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_tag_rolls_up_to_its_parents() {
        let all: Vec<&str> = with_parents("policy/defence/nuclear").collect();
        assert_eq!(all, ["policy", "policy/defence", "policy/defence/nuclear"]);
        assert_eq!(with_parents("cyber").collect::<Vec<_>>(), ["cyber"]);
    }
}
