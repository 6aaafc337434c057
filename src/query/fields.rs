//! A compact copy of the short fields that fuzzy words search (title, speaker, place, path),
//! made once per corpus. A keystroke reads them from a few contiguous megabytes instead of
//! from strings scattered across the gigabyte the texts fill: on 100,000 documents that is
//! most of the time a keystroke takes. Each document also gets a bit set of the ASCII
//! letters and digits in its fields, which rejects most documents for a word at once.

use crate::store::Document;
use std::collections::HashMap;
use std::sync::atomic::AtomicU32;
use std::sync::{Arc, Mutex};

/// The searched fields of every document of a corpus, in the corpus's order, and the scores
/// of the fuzzy words evaluated over them so far.
#[derive(Debug, Clone, Default)]
pub struct FieldIndex {
    text: String,
    /// Per document: where its title, speaker, place and path end in `text`.
    ends: Vec<[usize; 4]>,
    masks: Vec<u64>,
    scores: WordScores,
    /// The corpus's extra fields, which its queries may name.
    known: super::KnownFields,
}

/// A word's score per document: [`NOT_SCORED`], [`NO_MATCH`], or the score.
pub(super) type ScoreColumn = Arc<[AtomicU32]>;

/// Not scored yet.
pub(super) const NOT_SCORED: u32 = u32::MAX;
/// Scored: the word does not match.
pub(super) const NO_MATCH: u32 = u32::MAX - 1;

/// The scores of fuzzy words per document, remembered between evaluations: typing on in
/// a query of several words rescores only the word being typed. The fields never change
/// for an index, so a remembered score stays right.
#[derive(Debug, Default)]
struct WordScores {
    columns: Mutex<HashMap<String, ScoreColumn>>,
}

impl Clone for WordScores {
    /// A copy starts with no remembered scores.
    fn clone(&self) -> Self {
        WordScores::default()
    }
}

/// Words remembered at most; past that the memory starts afresh.
const REMEMBERED_WORDS: usize = 64;

/// The searched fields of one document.
pub(super) struct Haystack<'a> {
    pub(super) fields: [&'a str; 4],
    /// Letters and digits present, or [`UNKNOWN`] when some field is not ASCII (an accent
    /// can fold to a letter the bits do not show).
    pub(super) mask: u64,
}

/// A mask that rejects nothing.
pub(super) const UNKNOWN: u64 = 0;
const KNOWN: u64 = 1 << 63;

/// The letters and digits of `bytes` as bits (a–z, then 0–9).
pub(super) fn letters(bytes: &[u8]) -> u64 {
    bytes
        .iter()
        .fold(0, |mask, b| match b.to_ascii_lowercase() {
            l @ b'a'..=b'z' => mask | 1 << (l - b'a'),
            d @ b'0'..=b'9' => mask | 1 << (26 + d - b'0'),
            _ => mask,
        })
}

impl<'a> Haystack<'a> {
    /// No fields: for a query without words, which never reads them.
    pub(super) const NONE: Haystack<'static> = Haystack {
        mask: UNKNOWN,
        fields: [""; 4],
    };

    /// The fields of `doc`, read where they are.
    pub(super) fn of(doc: &'a Document) -> Haystack<'a> {
        let m = &doc.meta;
        let fields = [
            m.title.as_str(),
            m.speaker.as_deref().unwrap_or(""),
            m.place.as_deref().unwrap_or(""),
            doc.path.as_str(),
        ];
        Haystack {
            mask: mask_of(&fields),
            fields,
        }
    }

    /// True when a word with the letters `word` cannot match here.
    pub(super) fn lacks(&self, word: u64) -> bool {
        self.mask & KNOWN != 0 && word & !self.mask != 0
    }
}

/// The mask of a document's fields.
pub(super) fn mask_of(fields: &[&str; 4]) -> u64 {
    if fields.iter().all(|f| f.is_ascii()) {
        KNOWN | fields.iter().fold(0, |m, f| m | letters(f.as_bytes()))
    } else {
        UNKNOWN
    }
}

impl FieldIndex {
    /// Copies the fields of `docs`; build it again when the documents change.
    pub fn new(docs: &[Document]) -> FieldIndex {
        let mut index = FieldIndex {
            text: String::with_capacity(docs.len() * 160),
            ends: Vec::with_capacity(docs.len()),
            masks: Vec::with_capacity(docs.len()),
            scores: WordScores::default(),
            known: super::KnownFields::of(docs),
        };
        for doc in docs {
            let haystack = Haystack::of(doc);
            let mut ends = [0; 4];
            for (end, field) in ends.iter_mut().zip(haystack.fields) {
                index.text.push_str(field);
                *end = index.text.len();
            }
            index.ends.push(ends);
            index.masks.push(haystack.mask);
        }
        index
    }

    /// The extra fields of its documents, for parsing queries over them
    /// ([`super::parse_with`]).
    pub fn known(&self) -> &super::KnownFields {
        &self.known
    }

    /// How many documents it holds.
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// True when it holds no document.
    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// The remembered scores of `word` (made empty the first time); `None` for an empty index.
    pub(super) fn scores_of(&self, word: &str) -> Option<ScoreColumn> {
        if self.is_empty() {
            return None;
        }
        let mut columns = self.scores.columns.lock().ok()?;
        if columns.len() >= REMEMBERED_WORDS && !columns.contains_key(word) {
            columns.clear();
        }
        let column = columns.entry(word.to_owned()).or_insert_with(|| {
            (0..self.len())
                .map(|_| AtomicU32::new(NOT_SCORED))
                .collect()
        });
        Some(column.clone())
    }

    /// The fields of the document at `index`, if there is one.
    pub(super) fn haystack(&self, index: usize) -> Option<Haystack<'_>> {
        let ends = self.ends.get(index)?;
        let mut start = match index {
            0 => 0,
            _ => self.ends.get(index - 1).map_or(0, |e| e[3]),
        };
        let mut fields = [""; 4];
        for (field, &end) in fields.iter_mut().zip(ends) {
            *field = self.text.get(start..end).unwrap_or("");
            start = end;
        }
        Some(Haystack {
            fields,
            mask: self.masks.get(index).copied().unwrap_or(UNKNOWN),
        })
    }
}
