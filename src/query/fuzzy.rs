//! Fuzzy words: a word matches a field when its characters appear in it in order, ignoring
//! case and accents (nucleo-matcher); the score rewards matches at word starts and runs of
//! adjacent characters.
//!
//! nucleo-matcher replaced fuzzy-matcher's skim scorer, which the specification first named:
//! on the benchmark corpus (`benches/query.rs`, docs/performance.md) it scores the fields of
//! 100,000 documents 2.4 to 4 times faster, which is what keeps a keystroke within its budget.
//! For ASCII text a byte scan decides first whether a word can match at all, which spares the
//! scorer most fields.

use nucleo_matcher::pattern::{Atom, AtomKind, CaseMatching, Normalization};
use nucleo_matcher::{Config, Matcher, Utf32Str};
use std::cell::RefCell;

/// A word of a query, ready to match.
pub(super) struct Word {
    atom: Atom,
    /// The word's bytes when it is ASCII, for the quick scan.
    ascii: Option<Vec<u8>>,
}

/// Per-thread scratch space of the scorer.
pub(super) struct Scratch {
    matcher: Matcher,
    chars: Vec<char>,
}

thread_local! {
    /// The matcher allocates 135 KB of zeroed scratch space; made once per thread and kept,
    /// since making one per evaluation (or per rayon job) costs more than the matching.
    static SCRATCH: RefCell<Scratch> = RefCell::new(Scratch {
        matcher: Matcher::new(Config::DEFAULT),
        chars: Vec::new(),
    });
}

/// Runs `f` with this thread's scratch space.
pub(super) fn with_scratch<R>(f: impl FnOnce(&mut Scratch) -> R) -> R {
    SCRATCH.with(|cell| match cell.try_borrow_mut() {
        Ok(mut scratch) => f(&mut scratch),
        // Only if `f` itself evaluated a query: give it scratch space of its own.
        Err(_) => f(&mut Scratch {
            matcher: Matcher::new(Config::DEFAULT),
            chars: Vec::new(),
        }),
    })
}

impl Word {
    pub(super) fn new(word: &str) -> Word {
        Word {
            atom: Atom::new(
                word,
                CaseMatching::Ignore,
                Normalization::Smart,
                AtomKind::Fuzzy,
                false,
            ),
            ascii: word
                .is_ascii()
                .then(|| word.to_ascii_lowercase().into_bytes()),
        }
    }

    /// True when the word matches one of the fields.
    pub(super) fn holds<'a>(
        &self,
        scratch: &mut Scratch,
        fields: impl Iterator<Item = &'a str>,
    ) -> bool {
        let mut fields = fields;
        fields.any(|field| match self.quick(field) {
            Some(decided) => decided,
            None => self.score_one(scratch, field).is_some(),
        })
    }

    /// The best score over the fields, `None` when it matches none.
    pub(super) fn score<'a>(
        &self,
        scratch: &mut Scratch,
        fields: impl Iterator<Item = &'a str>,
    ) -> Option<i64> {
        fields
            .filter(|field| self.quick(field) != Some(false))
            .filter_map(|field| self.score_one(scratch, field))
            .max()
    }

    fn score_one(&self, scratch: &mut Scratch, field: &str) -> Option<i64> {
        let haystack = Utf32Str::new(field, &mut scratch.chars);
        self.atom
            .score(haystack, &mut scratch.matcher)
            .map(i64::from)
    }

    /// Whether an ASCII word is in an ASCII field in order: exact there, since nothing
    /// but case folds; `None` where accents could fold and the scorer must decide.
    fn quick(&self, field: &str) -> Option<bool> {
        let word = self.ascii.as_ref()?;
        if !field.is_ascii() {
            return None;
        }
        let mut rest = field.bytes();
        Some(
            word.iter()
                .all(|&w| rest.any(|b| b.to_ascii_lowercase() == w)),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_match_in_order_ignoring_case_and_accents() {
        with_scratch(words_match_in);
    }

    fn words_match_in(scratch: &mut Scratch) {
        let word = Word::new("stltnbrg");
        assert!(word.holds(scratch, ["Jens Stoltenberg"].into_iter()));
        let word = Word::new("stoltj");
        assert!(!word.holds(scratch, ["Jens Stoltenberg"].into_iter()));
        assert!(word.holds(scratch, ["x", "Stoltenberg Jens"].into_iter()));
        let word = Word::new("bruxelles");
        assert!(word.holds(scratch, ["Brüxelles"].into_iter()));
        let word = Word::new("rep");
        let tight = word.score(scratch, ["Annual Report"].into_iter());
        let loose = word.score(scratch, ["ra e pa"].into_iter());
        assert!(tight > loose && loose.is_some());
    }
}
