//! Evaluating a query over documents and their notebook entries.
//!
//! Cheap tests run first (metadata, notebook), then fuzzy words, then phrases, which read the
//! whole text. A corpus is evaluated on all cores with rayon, checking a cancel flag before
//! each document, so the screen can drop an evaluation as soon as a newer keystroke arrives.

use super::fields::{FieldIndex, Haystack, NO_MATCH, NOT_SCORED, ScoreColumn};
use super::fuzzy::{Scratch, Word, with_scratch};
use super::{Field, Has, Phrase, Query, Status, Test};
use crate::notebook::model::{AnchorState, DocumentNotes, Notebook, tag_covers};
use crate::store::Document;
use jiff::civil::Date;
use rayon::prelude::*;
use std::ops::Range;
use std::sync::atomic::{AtomicBool, Ordering};

/// How well a document matches the query's fuzzy words: higher is better; 0 without words.
pub type Score = i64;

/// A matching document: its index in the corpus's documents, and its score.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    /// Index into the slice of documents that was filtered.
    pub index: usize,
    /// The sum of the fuzzy words' scores.
    pub score: Score,
}

/// An evaluation stopped because its cancel flag was set.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("the query was cancelled")]
pub struct Cancelled;

/// A query made ready to test many documents: lowercased values, day intervals, fuzzy
/// words. Build it once per evaluation, not per document.
pub struct Evaluator<'q> {
    /// The tests with their negation, cheapest first.
    checks: Vec<(bool, Check<'q>)>,
    uses_notebook: bool,
}

enum Check<'q> {
    Field(Field, Vec<String>),
    Date(Vec<(Date, Date)>),
    Tag(&'q [String]),
    Status(&'q [Status]),
    Has(&'q [Has]),
    Word(Word, &'q str),
    Phrase(&'q Phrase),
}

impl Check<'_> {
    fn cost(&self) -> u8 {
        match self {
            Check::Field(..) | Check::Date(_) => 0,
            Check::Tag(_) | Check::Status(_) | Check::Has(_) => 1,
            Check::Word(..) => 2,
            Check::Phrase(_) => 3,
        }
    }
}

impl<'q> Evaluator<'q> {
    /// Prepares `query` for evaluation.
    pub fn new(query: &'q Query) -> Evaluator<'q> {
        let mut checks: Vec<(bool, Check<'q>)> = query
            .terms
            .iter()
            .map(|term| {
                let check = match &term.test {
                    Test::Word(w) => Check::Word(Word::new(w), w),
                    Test::Phrase(p) => Check::Phrase(p),
                    Test::Tag(t) => Check::Tag(t),
                    Test::Status(s) => Check::Status(s),
                    Test::Has(h) => Check::Has(h),
                    Test::Date(d) => Check::Date(d.iter().map(|d| d.interval()).collect()),
                    Test::Field(f, values) => {
                        Check::Field(*f, values.iter().map(|v| v.to_lowercase()).collect())
                    }
                };
                (term.negated, check)
            })
            .collect();
        checks.sort_by_key(|(_, c)| c.cost());
        let uses_notebook = checks
            .iter()
            .any(|(_, c)| matches!(c, Check::Tag(_) | Check::Status(_) | Check::Has(_)));
        Evaluator {
            checks,
            uses_notebook,
        }
    }

    /// True when some term reads the notebook (`tag:`, `status:`, `has:`).
    pub fn uses_notebook(&self) -> bool {
        self.uses_notebook
    }

    /// The document's score when it matches, `None` when it does not.
    pub fn matches(&self, doc: &Document, notes: Option<&DocumentNotes>) -> Option<Score> {
        with_scratch(|scratch| {
            self.matches_with(scratch, doc, &Haystack::of(doc), notes, &Remembered::NONE)
        })
    }

    /// The remembered scores of each word check (in `checks` order), from `fields`.
    fn remembered(&self, fields: &FieldIndex) -> Vec<Option<ScoreColumn>> {
        self.checks
            .iter()
            .map(|(_, check)| match check {
                Check::Word(_, text) => fields.scores_of(text),
                _ => None,
            })
            .collect()
    }

    /// [`Evaluator::matches`] with the calling thread's own scratch space for the scorer.
    fn matches_with(
        &self,
        scratch: &mut Scratch,
        doc: &Document,
        haystack: &Haystack<'_>,
        notes: Option<&DocumentNotes>,
        remembered: &Remembered<'_>,
    ) -> Option<Score> {
        for (i, (negated, check)) in self.checks.iter().enumerate() {
            // A word scored before for this document is decided by its score.
            let holds = match remembered.get(i) {
                Some(NO_MATCH) => false,
                Some(NOT_SCORED) | None => self.holds(scratch, check, doc, haystack, notes),
                Some(_) => true,
            };
            if holds == *negated {
                return None;
            }
        }
        // Scoring is the dear part of a word, so it waits until every test has passed.
        let mut score = 0;
        for (i, (negated, check)) in self.checks.iter().enumerate() {
            if let (false, Check::Word(word, _)) = (negated, check) {
                score += match remembered.get(i) {
                    Some(NO_MATCH) => return None,
                    Some(NOT_SCORED) | None => {
                        let scored = word.score(scratch, haystack);
                        remembered.set(i, scored);
                        scored?
                    }
                    Some(known) => i64::from(known),
                };
            }
        }
        Some(score)
    }

    /// True when the check holds.
    fn holds(
        &self,
        scratch: &mut Scratch,
        check: &Check<'_>,
        doc: &Document,
        haystack: &Haystack<'_>,
        notes: Option<&DocumentNotes>,
    ) -> bool {
        match check {
            Check::Word(word, _) => word.holds(scratch, haystack),
            Check::Phrase(p) => p.is_in(&doc.text),
            Check::Field(field, needles) => {
                let m = &doc.meta;
                let value = match field {
                    Field::Kind => m.kind.as_deref(),
                    Field::Speaker => m.speaker.as_deref(),
                    Field::Place => m.place.as_deref(),
                    Field::Path => Some(doc.path.as_str()),
                };
                value.is_some_and(|v| needles.iter().any(|n| contains_ignoring_case(v, n)))
            }
            Check::Date(intervals) => doc
                .meta
                .date
                .is_some_and(|d| intervals.iter().any(|(a, b)| *a <= d && d <= *b)),
            Check::Tag(tags) => notes.is_some_and(|n| {
                tags.iter().any(|t| {
                    n.tags.iter().any(|d| tag_covers(t, d))
                        || n.highlights
                            .iter()
                            .any(|h| h.tags.iter().any(|d| tag_covers(t, d)))
                })
            }),
            Check::Status(statuses) => {
                let status = notes.and_then(|n| n.status.as_deref());
                statuses.iter().any(|s| match (s, status) {
                    (Status::Untriaged, None) => true,
                    (Status::Named(want), Some(have)) => want.to_lowercase() == have.to_lowercase(),
                    _ => false,
                })
            }
            Check::Has(has) => notes.is_some_and(|n| has.iter().any(|h| has_holds(*h, n))),
        }
    }
}

fn has_holds(has: Has, notes: &DocumentNotes) -> bool {
    match has {
        Has::Note => !notes.notes.is_empty() || notes.highlights.iter().any(|h| h.note.is_some()),
        Has::Highlight => !notes.highlights.is_empty(),
        Has::Tag => !notes.tags.is_empty() || notes.highlights.iter().any(|h| !h.tags.is_empty()),
        Has::Orphan => notes
            .highlights
            .iter()
            .any(|h| h.state == AnchorState::Orphaned),
    }
}

/// True when `haystack` contains `needle` (already lowercase), ignoring case.
fn contains_ignoring_case(haystack: &str, needle: &str) -> bool {
    if needle.is_ascii() {
        let n = needle.as_bytes();
        n.is_empty()
            || haystack
                .as_bytes()
                .windows(n.len())
                .any(|w| w.eq_ignore_ascii_case(n))
    } else {
        haystack.to_lowercase().contains(needle)
    }
}

impl Query {
    /// The document's score when it matches this query (with its notebook entry), else
    /// `None`. To test many documents, build one [`Evaluator`] instead.
    pub fn matches(&self, doc: &Document, notes: Option<&DocumentNotes>) -> Option<Score> {
        Evaluator::new(self).matches(doc, notes)
    }
}

/// The documents matching `query`, in the order of `docs`, on all cores. `fields` is
/// [`FieldIndex::new`] of `docs`, made once when they were loaded. Returns [`Cancelled`] as
/// soon as `cancel` is set.
pub fn filter(
    query: &Query,
    docs: &[Document],
    fields: &FieldIndex,
    notebook: &Notebook,
    cancel: &AtomicBool,
) -> Result<Vec<Hit>, Cancelled> {
    if query.is_empty() {
        return Ok((0..docs.len())
            .map(|index| Hit { index, score: 0 })
            .collect());
    }
    let evaluator = Evaluator::new(query);
    let columns = remembered_columns(&evaluator, docs, fields);
    (0..docs.len())
        .into_par_iter()
        .with_min_len(256)
        .filter_map(|i| evaluate(&evaluator, docs, fields, notebook, i, &columns, cancel))
        .collect()
}

/// The remembered word scores, when `fields` was made for these documents.
fn remembered_columns(
    evaluator: &Evaluator<'_>,
    docs: &[Document],
    fields: &FieldIndex,
) -> Vec<Option<ScoreColumn>> {
    if fields.len() == docs.len() {
        evaluator.remembered(fields)
    } else {
        Vec::new()
    }
}

/// The remembered scores of one document, per check.
struct Remembered<'a> {
    columns: &'a [Option<ScoreColumn>],
    index: usize,
}

impl Remembered<'_> {
    const NONE: Remembered<'static> = Remembered {
        columns: &[],
        index: 0,
    };

    fn get(&self, check: usize) -> Option<u32> {
        let column = self.columns.get(check)?.as_ref()?;
        column
            .get(self.index)
            .map(|cell| cell.load(Ordering::Relaxed))
    }

    fn set(&self, check: usize, score: Option<i64>) {
        if let Some(cell) = self
            .columns
            .get(check)
            .and_then(|c| c.as_ref())
            .and_then(|c| c.get(self.index))
        {
            let value = score.map_or(NO_MATCH, |s| {
                u32::try_from(s).unwrap_or(NO_MATCH - 1).min(NO_MATCH - 1)
            });
            cell.store(value, Ordering::Relaxed);
        }
    }
}

/// Like [`filter`], among the documents at `among` only: after a keystroke that extends the
/// query ([`Query::narrows`]), among the previous hits.
pub fn filter_among(
    query: &Query,
    docs: &[Document],
    fields: &FieldIndex,
    notebook: &Notebook,
    among: &[usize],
    cancel: &AtomicBool,
) -> Result<Vec<Hit>, Cancelled> {
    let evaluator = Evaluator::new(query);
    let columns = remembered_columns(&evaluator, docs, fields);
    among
        .par_iter()
        .with_min_len(256)
        .filter_map(|&i| evaluate(&evaluator, docs, fields, notebook, i, &columns, cancel))
        .collect()
}

fn evaluate(
    evaluator: &Evaluator<'_>,
    docs: &[Document],
    fields: &FieldIndex,
    notebook: &Notebook,
    index: usize,
    columns: &[Option<ScoreColumn>],
    cancel: &AtomicBool,
) -> Option<Result<Hit, Cancelled>> {
    if cancel.load(Ordering::Relaxed) {
        return Some(Err(Cancelled));
    }
    let doc = docs.get(index)?;
    let notes = if evaluator.uses_notebook {
        notebook.doc(&doc.path)
    } else {
        None
    };
    // An index made for other documents is not trusted: the fields are read in place.
    let haystack = match fields.haystack(index) {
        Some(h) if fields.len() == docs.len() => h,
        _ => Haystack::of(doc),
    };
    let remembered = Remembered { columns, index };
    with_scratch(|scratch| evaluator.matches_with(scratch, doc, &haystack, notes, &remembered))
        .map(|score| Ok(Hit { index, score }))
}

/// Orders hits best score first, then by their order in the corpus.
pub fn rank(hits: &mut [Hit]) {
    hits.sort_unstable_by(|a, b| b.score.cmp(&a.score).then(a.index.cmp(&b.index)));
}

/// Byte ranges of the query's phrases in `text`, in order, overlapping hits merged: what the
/// reader marks and `n`/`N` jump between.
pub fn phrase_matches(query: &Query, text: &str) -> Vec<Range<usize>> {
    let mut ranges: Vec<Range<usize>> = query.phrases().flat_map(|p| p.find_in(text)).collect();
    ranges.sort_by_key(|r| (r.start, r.end));
    let mut merged: Vec<Range<usize>> = Vec::with_capacity(ranges.len());
    for r in ranges {
        match merged.last_mut() {
            Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
            _ => merged.push(r),
        }
    }
    merged
}
