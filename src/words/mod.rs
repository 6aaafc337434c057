//! Word lists (SPEC §13): the most frequent words of a set of documents, and the words most
//! over-represented in them against the rest of the corpus (keyness). Words come from a
//! real segmenter ([`segment`]), stop words are dropped ([`stopwords`]). Computes from
//! loaded texts only; never reads a file.

pub(crate) mod keyness;
pub(crate) mod segment;
pub(crate) mod stopwords;

use crate::store::Document;
use rayon::prelude::*;
use std::collections::HashMap;

/// How often each word is used in some documents.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Counts {
    /// Word: (uses, documents using it).
    pub words: HashMap<String, (u64, u64)>,
    /// Uses of all counted words (stop words left out).
    pub total: u64,
}

impl Counts {
    /// The counts of the words of `docs`, stop words left out.
    pub fn of<'a>(docs: impl IntoParallelIterator<Item = &'a Document>) -> Counts {
        docs.into_par_iter()
            .map(|doc| {
                let mut words: HashMap<String, (u64, u64)> = HashMap::new();
                let mut total = 0;
                segment::words(&doc.text, |w| {
                    if !stopwords::is_stop_word(&w) {
                        words.entry(w).or_insert((0, 1)).0 += 1;
                        total += 1;
                    }
                });
                Counts { words, total }
            })
            .reduce(Counts::default, Counts::merged)
    }

    fn merged(mut self, other: Counts) -> Counts {
        if self.words.len() < other.words.len() {
            return other.merged(self);
        }
        for (w, (n, d)) in other.words {
            let e = self.words.entry(w).or_insert((0, 0));
            e.0 += n;
            e.1 += d;
        }
        self.total += other.total;
        self
    }
}

/// One line of a word list.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct WordRow {
    /// The word.
    pub word: String,
    /// How often the selected documents use it.
    pub count: u64,
    /// How many of them use it.
    pub documents: u64,
    /// Its keyness against the rest of the corpus, with `--keyness`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub g2: Option<f64>,
}

/// The `n` most frequent words; ties by word.
pub fn top(counts: &Counts, n: usize) -> Vec<WordRow> {
    let mut rows: Vec<WordRow> = counts
        .words
        .iter()
        .map(|(w, &(count, documents))| WordRow {
            word: w.clone(),
            count,
            documents,
            g2: None,
        })
        .collect();
    rows.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.word.cmp(&b.word)));
    rows.truncate(n);
    rows
}

/// The `n` words most over-represented in `target` against `reference`, by G².
pub fn key_words(target: &Counts, reference: &Counts, n: usize) -> Vec<WordRow> {
    let (c, d) = (target.total, reference.total);
    let mut rows: Vec<WordRow> = target
        .words
        .iter()
        .filter_map(|(w, &(count, documents))| {
            let b = reference.words.get(w).map_or(0, |e| e.0);
            keyness::over_represented(count, b, c, d).then(|| WordRow {
                word: w.clone(),
                count,
                documents,
                g2: Some(keyness::g2(count, b, c, d)),
            })
        })
        .collect();
    rows.sort_by(|a, b| {
        b.g2.unwrap_or(0.0)
            .total_cmp(&a.g2.unwrap_or(0.0))
            .then_with(|| a.word.cmp(&b.word))
    });
    rows.truncate(n);
    rows
}
