//! Evaluating a query over documents and their notebook entries.
//!
//! Cheap tests run first (metadata, notebook), then fuzzy words, then phrases, which read the
//! whole text. A corpus is evaluated on all cores with rayon, checking a cancel flag before
//! each document, so the screen can drop an evaluation as soon as a newer keystroke arrives.

use super::fields::{FieldIndex, Haystack, NO_MATCH, NOT_SCORED, ScoreColumn};
use super::fuzzy::{Scratch, Word, with_scratch};
use super::turns::{TurnFilter, has_turn_by};
use super::{ExtraTest, Field, Has, Phrase, Query, Status, Test};
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
    /// Whether some check is a fuzzy word (the only reader of the searched fields).
    has_words: bool,
    /// The turns phrases count in (`turn:`).
    turns: TurnFilter,
}

enum Check<'q> {
    Field(Field, Vec<String>),
    Extra(&'q str, Vec<ExtraTest>),
    Turn(Vec<String>),
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
            Check::Field(..) | Check::Extra(..) | Check::Turn(_) | Check::Date(_) => 0,
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
                    Test::Turn(values) => {
                        Check::Turn(values.iter().map(|v| v.to_lowercase()).collect())
                    }
                    Test::Extra(name, tests) => Check::Extra(
                        name,
                        tests
                            .iter()
                            .map(|t| match t {
                                ExtraTest::Contains(n) => ExtraTest::Contains(n.to_lowercase()),
                                other => other.clone(),
                            })
                            .collect(),
                    ),
                };
                (term.negated, check)
            })
            .collect();
        checks.sort_by_key(|(_, c)| c.cost());
        let uses_notebook = checks
            .iter()
            .any(|(_, c)| matches!(c, Check::Tag(_) | Check::Status(_) | Check::Has(_)));
        let has_words = checks.iter().any(|(_, c)| matches!(c, Check::Word(..)));
        Evaluator {
            checks,
            uses_notebook,
            has_words,
            turns: TurnFilter::of(query),
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
        if !self.passes(scratch, doc, haystack, notes, remembered) {
            return None;
        }
        self.score(scratch, haystack, remembered)
    }

    /// True when every check holds; words are tested, not scored.
    fn passes(
        &self,
        scratch: &mut Scratch,
        doc: &Document,
        haystack: &Haystack<'_>,
        notes: Option<&DocumentNotes>,
        remembered: &Remembered<'_>,
    ) -> bool {
        self.checks.iter().enumerate().all(|(i, (negated, check))| {
            // A word scored before for this document is decided by its score.
            let holds = match remembered.get(i) {
                Some(NO_MATCH) => false,
                Some(NOT_SCORED) | None => self.holds(scratch, check, doc, haystack, notes),
                Some(_) => true,
            };
            holds != *negated
        })
    }

    /// The sum of the words' scores for a document that passed every check. Scoring is the
    /// dear part of a word, so it waits until every test has passed.
    fn score(
        &self,
        scratch: &mut Scratch,
        haystack: &Haystack<'_>,
        remembered: &Remembered<'_>,
    ) -> Option<Score> {
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

    /// The highest score a document that passed every check can have: the remembered
    /// scores of its words, and for the others the most a word can score ([`Score::MAX`]
    /// when that is not known).
    fn bound(&self, remembered: &Remembered<'_>) -> Score {
        let mut bound: Score = 0;
        for (i, (negated, check)) in self.checks.iter().enumerate() {
            if let (false, Check::Word(word, _)) = (negated, check) {
                let most = match remembered.get(i) {
                    Some(NOT_SCORED) | Some(NO_MATCH) | None => word.top().unwrap_or(Score::MAX),
                    Some(known) => i64::from(known),
                };
                bound = bound.saturating_add(most);
            }
        }
        bound
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
            Check::Phrase(p) => self.turns.phrase_is_in(p, &doc.text, &doc.meta.turns),
            Check::Turn(needles) => has_turn_by(&doc.meta.turns, needles),
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
            Check::Extra(name, tests) => {
                super::value_of(doc, name).is_some_and(|value| tests.iter().any(|t| t.holds(value)))
            }
            Check::Date(intervals) => doc
                .meta
                .date
                .is_some_and(|d| intervals.iter().any(|(a, b)| d.overlaps(*a, *b))),
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
        Has::Conflict => !notes.conflicts.is_empty(),
    }
}

/// True when `haystack` contains `needle` (already lowercase), ignoring case, without
/// allocating for an ASCII needle.
pub(super) fn contains_ignoring_case(haystack: &str, needle: &str) -> bool {
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
    let (doc, haystack, notes) = prepare(evaluator, docs, fields, notebook, index)?;
    let remembered = Remembered { columns, index };
    with_scratch(|scratch| evaluator.matches_with(scratch, doc, &haystack, notes, &remembered))
        .map(|score| Ok(Hit { index, score }))
}

/// The document at `index`, its searched fields and its notebook entry (when the query
/// reads the notebook).
fn prepare<'d>(
    evaluator: &Evaluator<'_>,
    docs: &'d [Document],
    fields: &'d FieldIndex,
    notebook: &'d Notebook,
    index: usize,
) -> Option<(&'d Document, Haystack<'d>, Option<&'d DocumentNotes>)> {
    let doc = docs.get(index)?;
    let notes = if evaluator.uses_notebook {
        notebook.doc(&doc.path)
    } else {
        None
    };
    // An index made for other documents is not trusted: the fields are read in place.
    let haystack = match fields.haystack(index) {
        _ if !evaluator.has_words => Haystack::NONE,
        Some(h) if fields.len() == docs.len() => h,
        _ => Haystack::of(doc),
    };
    Some((doc, haystack, notes))
}

/// A first answer to a ranked query ([`filter_top`]): every hit, and the best of them
/// ranked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TopHits {
    /// The best hits, at most the number asked for, exactly as [`rank`] orders all hits.
    pub best: Vec<Hit>,
    /// The index of every matching document, in the order of `among` (or of the
    /// documents): the same documents [`filter`] or [`filter_among`] finds.
    pub all: Vec<usize>,
}

/// Candidates scored at a time while looking for the best, at first: few, since the best
/// are often known after the first few dozen; the batches then double (up to
/// [`TOP_CHUNK_MAX`]) to keep every core busy when many hits must be scored.
const TOP_CHUNK: usize = 64;
const TOP_CHUNK_MAX: usize = 4096;

/// The documents matching `query` (among `among` when given, as [`filter_among`]) and the
/// `rows` best of them, exactly as ranking all of them would put them first, without
/// scoring every hit: the screen shows a few dozen rows, and scoring is most of the time a
/// keystroke takes when a word matches most documents loosely.
///
/// Every hit passes the checks as in [`filter`]; then the hits are scored in the order of
/// the most they can score (remembered word scores, and for a word not scored yet its
/// [top](super::fuzzy), the score of a word starting a word), and scoring stops as soon as
/// the next hit cannot reach the `rows`-th best: it can score no more than its bound, and
/// ties go to the earlier document, as in [`rank`].
pub fn filter_top(
    query: &Query,
    docs: &[Document],
    fields: &FieldIndex,
    notebook: &Notebook,
    among: Option<&[usize]>,
    rows: usize,
    cancel: &AtomicBool,
) -> Result<TopHits, Cancelled> {
    let evaluator = Evaluator::new(query);
    let columns = remembered_columns(&evaluator, docs, fields);
    let bound_of = |index: usize| -> Option<Result<(usize, Score), Cancelled>> {
        if cancel.load(Ordering::Relaxed) {
            return Some(Err(Cancelled));
        }
        let (doc, haystack, notes) = prepare(&evaluator, docs, fields, notebook, index)?;
        let remembered = Remembered {
            columns: &columns,
            index,
        };
        with_scratch(|scratch| evaluator.passes(scratch, doc, &haystack, notes, &remembered))
            .then(|| Ok((index, evaluator.bound(&remembered))))
    };
    let passed: Vec<(usize, Score)> = match among {
        Some(among) => among
            .par_iter()
            .with_min_len(256)
            .filter_map(|&i| bound_of(i))
            .collect::<Result<_, _>>()?,
        None => (0..docs.len())
            .into_par_iter()
            .with_min_len(256)
            .filter_map(bound_of)
            .collect::<Result<_, _>>()?,
    };
    let mut order = passed.clone();
    order.par_sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let mut best: Vec<Hit> = Vec::with_capacity(rows + TOP_CHUNK_MAX);
    let mut unmatched = Vec::new();
    let (mut rest, mut size) = (order.as_slice(), TOP_CHUNK);
    while !rest.is_empty() {
        let (chunk, after) = rest.split_at(size.min(rest.len()));
        (rest, size) = (after, (size * 2).min(TOP_CHUNK_MAX));
        let cannot_enter = match (chunk.first(), rows.checked_sub(1)) {
            (_, None) => true,
            (Some(&(index, bound)), Some(last)) => best.get(last).is_some_and(|worst| {
                bound < worst.score || (bound == worst.score && index > worst.index)
            }),
            (None, _) => true,
        };
        if cannot_enter {
            break;
        }
        let scored: Vec<(usize, Option<Score>)> = chunk
            .par_iter()
            .map(|&(index, _)| {
                if cancel.load(Ordering::Relaxed) {
                    return Err(Cancelled);
                }
                let score = prepare(&evaluator, docs, fields, notebook, index).and_then(
                    |(_, haystack, _)| {
                        let remembered = Remembered {
                            columns: &columns,
                            index,
                        };
                        with_scratch(|scratch| evaluator.score(scratch, &haystack, &remembered))
                    },
                );
                Ok((index, score))
            })
            .collect::<Result<_, _>>()?;
        for (index, score) in scored {
            match score {
                Some(score) => best.push(Hit { index, score }),
                // Not reached: a word that holds has a score. Should it happen, the
                // document is no hit, as in `filter`.
                None => unmatched.push(index),
            }
        }
        rank(&mut best);
        best.truncate(rows);
    }
    let mut all: Vec<usize> = passed.into_iter().map(|(index, _)| index).collect();
    if !unmatched.is_empty() {
        unmatched.sort_unstable();
        all.retain(|i| unmatched.binary_search(i).is_err());
    }
    Ok(TopHits { best, all })
}

/// Orders hits best score first, then by their order in the corpus.
pub fn rank(hits: &mut [Hit]) {
    hits.sort_unstable_by(|a, b| b.score.cmp(&a.score).then(a.index.cmp(&b.index)));
}

/// Byte ranges of the query's phrases in `doc`'s text, in order, overlapping hits merged:
/// what the reader marks and `n`/`N` jump between, autocode tags and keyword in context
/// shows. With `turn:` terms, only the hits inside those speakers' turns ([`TurnFilter`]).
pub fn phrase_matches(query: &Query, doc: &Document) -> Vec<Range<usize>> {
    let turns = TurnFilter::of(query);
    let mut ranges: Vec<Range<usize>> = query
        .phrases()
        .flat_map(|p| turns.find(p, &doc.text, &doc.meta.turns))
        .collect();
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
