//! Fuzzy words: a word matches a field when its characters appear in it in order, ignoring
//! case and accents (nucleo-matcher); the score rewards matches at word starts and runs of
//! adjacent characters.
//!
//! nucleo-matcher replaced fuzzy-matcher's skim scorer, which the specification first named:
//! on the benchmark corpus (`benches/query.rs`, docs/performance.md) it scores the fields of
//! 100,000 documents 2.4 to 4 times faster, which is what keeps a keystroke within its budget.
//! For ASCII text a byte scan decides first whether a word can match at all, which spares the
//! scorer most fields.

use super::fields::{Haystack, letters};
use nucleo_matcher::pattern::{Atom, AtomKind, CaseMatching, Normalization};
use nucleo_matcher::{Config, Matcher, Utf32Str};
use std::cell::RefCell;

/// A word of a query, ready to match.
pub(super) struct Word {
    atom: Atom,
    /// The word's bytes when it is ASCII, for the quick scan.
    ascii: Option<Vec<u8>>,
    /// Its letters and digits ([`letters`]), when it is ASCII.
    letters: u64,
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
            letters: if word.is_ascii() {
                letters(word.as_bytes())
            } else {
                0
            },
        }
    }

    /// True when the word matches one of the fields.
    pub(super) fn holds(&self, scratch: &mut Scratch, haystack: &Haystack<'_>) -> bool {
        if haystack.lacks(self.letters) {
            return false;
        }
        let mut fields = haystack.fields.iter().filter(|f| !f.is_empty());
        fields.any(|field| match self.quick(field) {
            Some(decided) => decided,
            None => self.score_one(scratch, field).is_some(),
        })
    }

    /// The best score over the fields, `None` when it matches none.
    pub(super) fn score(&self, scratch: &mut Scratch, haystack: &Haystack<'_>) -> Option<i64> {
        if haystack.lacks(self.letters) {
            return None;
        }
        haystack
            .fields
            .iter()
            .filter(|field| !field.is_empty() && self.quick(field) != Some(false))
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
    use crate::query::fields::mask_of;

    #[test]
    fn words_match_in_order_ignoring_case_and_accents() {
        with_scratch(words_match_in);
    }

    fn hay(given: &[&'static str]) -> Haystack<'static> {
        let mut fields = [""; 4];
        fields[..given.len()].copy_from_slice(given);
        Haystack {
            mask: mask_of(&fields),
            fields,
        }
    }

    fn words_match_in(scratch: &mut Scratch) {
        let word = Word::new("stltnbrg");
        assert!(word.holds(scratch, &hay(&["Jens Stoltenberg"])));
        let word = Word::new("stoltj");
        assert!(!word.holds(scratch, &hay(&["Jens Stoltenberg"])));
        assert!(word.holds(scratch, &hay(&["x", "Stoltenberg Jens"])));
        let word = Word::new("bruxelles");
        assert!(word.holds(scratch, &hay(&["Brüxelles"])));
        let word = Word::new("rep");
        let tight = word.score(scratch, &hay(&["Annual Report"]));
        let loose = word.score(scratch, &hay(&["ra e pa"]));
        assert!(tight > loose && loose.is_some());
    }
}
