//! The query language of SPEC §6: one filter over documents for the list, the command line,
//! saved searches and exports. [`parse`] turns text into a [`Query`] (or a [`QueryError`]
//! that points at the bad term); [`filter`] and [`Query::matches`] evaluate it over documents
//! and their notebook entries; [`phrase_matches`] finds the phrase hits the reader marks;
//! [`autocode`] turns phrase hits into highlights. It knows nothing of the screen.
//!
//! A query prints back as text that parses to the same query (`Display`), so the UI can show
//! and save it.

mod autocode;
mod date;
mod eval;
mod extra;
mod fields;
mod fuzzy;
mod parse;
mod phrase;
mod print;
pub(crate) mod raw;
mod turns;

pub use autocode::{Autocode, AutocodeError, Scope, autocode, scoped};
pub use date::{Comparison, DateTest, Period};
pub use eval::{
    Cancelled, Evaluator, Hit, Score, TopHits, filter, filter_among, filter_top, phrase_matches,
    rank,
};
pub use extra::{ExtraTest, KnownFields, number, query_name, value_of};
pub use fields::FieldIndex;
pub use parse::{parse, parse_with};
pub use phrase::Phrase;
pub use turns::{TurnFilter, turns_rule_out};

/// A parsed query: terms that must all hold. The empty query matches every document.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Query {
    /// The terms, in the order written.
    pub terms: Vec<Term>,
}

/// One term of a query, possibly negated with `-`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    /// True for `-term`: the document must not match.
    pub negated: bool,
    /// What the term tests.
    pub test: Test,
}

/// What a term tests. Field terms hold one or more alternatives (`kind:speech,statement`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Test {
    /// A word matched fuzzily against title, speaker, place and path.
    Word(String),
    /// A phrase in the text, ignoring case and the kind of whitespace.
    Phrase(Phrase),
    /// `tag:`: a tag or one below it, on the document or one of its highlights.
    Tag(Vec<String>),
    /// `status:`: a named status or `untriaged`.
    Status(Vec<Status>),
    /// `has:`: something in the notebook.
    Has(Vec<Has>),
    /// `date:`: a period, range or comparison; undated documents never match.
    Date(Vec<DateTest>),
    /// `kind:`, `speaker:`, `place:`, `path:`: a case-insensitive substring of the field.
    Field(Field, Vec<String>),
    /// `turn:`: a speaker turn whose label holds one of the values (any case); the query's
    /// phrases then count only inside such turns ([`TurnFilter`]).
    Turn(Vec<String>),
    /// An extra field of the corpus (SPEC §10), by its name in query form
    /// ([`query_name`]): a substring or a comparison. Documents without it never match.
    Extra(String, Vec<ExtraTest>),
}

/// A metadata field searched by substring.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    /// The kind: press conference, speech, …
    Kind,
    /// The speaker.
    Speaker,
    /// The place of the dateline.
    Place,
    /// The path relative to the corpus root.
    Path,
}

impl Field {
    /// The name written before the colon.
    pub fn name(self) -> &'static str {
        match self {
            Field::Kind => "kind",
            Field::Speaker => "speaker",
            Field::Place => "place",
            Field::Path => "path",
        }
    }
}

/// A value of `status:`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Status {
    /// No status set.
    Untriaged,
    /// A configured status, compared ignoring case.
    Named(String),
}

/// A value of `has:`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Has {
    /// A note on the document or on one of its highlights.
    Note,
    /// At least one highlight.
    Highlight,
    /// A tag on the document or on one of its highlights.
    Tag,
    /// A highlight whose quote was not found in the text.
    Orphan,
    /// A conflict a merge recorded (SPEC §12).
    Conflict,
}

impl Has {
    /// The value as written.
    pub fn name(self) -> &'static str {
        match self {
            Has::Note => "note",
            Has::Highlight => "highlight",
            Has::Tag => "tag",
            Has::Orphan => "orphan",
            Has::Conflict => "conflict",
        }
    }
}

/// A query that cannot be parsed: where, and what was expected there.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("column {}: {message}", position + 1)]
pub struct QueryError {
    /// Offset of the bad term in characters (not bytes) from the start of the query.
    pub position: usize,
    /// Its length in characters (at least 1, also at the end of the query).
    pub length: usize,
    /// What is wrong and what was expected.
    pub message: String,
}

impl Query {
    /// True when the query has no terms and so matches every document.
    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }

    /// True when results are best ranked by score: the query has fuzzy words to match.
    pub fn ranks(&self) -> bool {
        self.terms
            .iter()
            .any(|t| !t.negated && matches!(t.test, Test::Word(_)))
    }

    /// The phrases that must be present (not the negated ones): what the reader marks and
    /// autocode tags.
    pub fn phrases(&self) -> impl Iterator<Item = &Phrase> {
        self.terms.iter().filter_map(|t| match &t.test {
            Test::Phrase(p) if !t.negated => Some(p),
            _ => None,
        })
    }

    /// The phrases of [`Query::phrases`] as a query writes them, in quotes: for messages.
    pub fn quoted_phrases(&self) -> impl Iterator<Item = String> + '_ {
        self.phrases().map(|p| format!("\"{}\"", p.text()))
    }

    /// Both queries' terms: `self` and then `other` must hold (a saved search narrowed by a
    /// typed query).
    pub fn and(mut self, other: Query) -> Query {
        self.terms.extend(other.terms);
        self
    }

    /// True when every document that `self` matches is also matched by `earlier`, so `self`
    /// can be evaluated among `earlier`'s hits only ([`filter_among`]). That holds when each
    /// term of `earlier` is implied by a term of `self`: the same term, or a word, phrase or
    /// field value that was extended while typing (`hyb` → `hybrid`).
    pub fn narrows(&self, earlier: &Query) -> bool {
        earlier
            .terms
            .iter()
            .all(|old| self.terms.iter().any(|new| implies(new, old)))
    }
}

/// True when `new` holding means `old` holds.
fn implies(new: &Term, old: &Term) -> bool {
    if new == old {
        return true;
    }
    if new.negated || old.negated {
        return false;
    }
    match (&new.test, &old.test) {
        (Test::Word(n), Test::Word(o)) => is_subsequence_ignoring_ascii_case(o, n),
        (Test::Phrase(n), Test::Phrase(o)) => n.folded().contains(&o.folded()),
        (Test::Field(nf, nv), Test::Field(of, ov)) if nf == of => nv.iter().all(|n| {
            let n = n.to_lowercase();
            ov.iter().any(|o| n.contains(&o.to_lowercase()))
        }),
        (Test::Turn(nv), Test::Turn(ov)) => nv.iter().all(|n| {
            let n = n.to_lowercase();
            ov.iter().any(|o| n.contains(&o.to_lowercase()))
        }),
        (Test::Extra(nn, nv), Test::Extra(on, ov)) if nn == on => nv.iter().all(|n| {
            ov.iter().any(|o| match (n, o) {
                (ExtraTest::Contains(n), ExtraTest::Contains(o)) => {
                    n.to_lowercase().contains(&o.to_lowercase())
                }
                _ => n == o,
            })
        }),
        _ => false,
    }
}

/// True when the characters of `short` appear in order in `long`, ASCII case ignored: then
/// any field `long` matches fuzzily, `short` matches too. (The matcher also folds accents;
/// this test does not, so it may say no where it could say yes, never the reverse.)
fn is_subsequence_ignoring_ascii_case(short: &str, long: &str) -> bool {
    let mut rest = long.chars();
    short
        .chars()
        .all(|c| rest.any(|l| l.eq_ignore_ascii_case(&c)))
}
