//! Fuzzy words: a word matches a field when its characters appear in it in order, ignoring
//! case and accents (nucleo-matcher); the score rewards matches at word starts and runs of
//! adjacent characters.
//!
//! nucleo-matcher replaced fuzzy-matcher's skim scorer, which the specification first named:
//! on the benchmark corpus (`benches/query.rs`, docs/performance.md) it scores the fields of
//! 100,000 documents 2.4 to 4 times faster, which is what keeps a keystroke within its budget.
//! For ASCII text a byte scan decides first whether a word can match at all, which spares the
//! scorer most fields; and where an ASCII word starts a word of an ASCII field, its score is
//! known without the scorer (the highest a word can get, [`Word::top`]).

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
    /// The highest score the word can get in any field, when it is ASCII and starts with a
    /// letter or digit; see [`Word::top_of`].
    top: Option<i64>,
}

/// Fields longer than this are left to the scorer even where the word starts a word:
/// nucleo falls back to a greedy match (which may miss the best place) when the field
/// times the word passes 100 KiB of matrix, and a word in this limit stays far from it.
const SHORTCUT_FIELD: usize = 1024;
/// Words longer than this are left to the scorer, for the same reason.
const SHORTCUT_WORD: usize = 64;

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
        let atom = Atom::new(
            word,
            CaseMatching::Ignore,
            Normalization::Smart,
            AtomKind::Fuzzy,
            false,
        );
        let ascii = word
            .is_ascii()
            .then(|| word.to_ascii_lowercase().into_bytes());
        let top = ascii.as_deref().and_then(|w| Word::top_of(&atom, w));
        Word {
            atom,
            ascii,
            letters: if word.is_ascii() {
                letters(word.as_bytes())
            } else {
                0
            },
            top,
        }
    }

    /// The highest score the word can get in any field, when known ([`Word::top_of`]).
    pub(super) fn top(&self) -> Option<i64> {
        self.top
    }

    /// The highest score an ASCII word starting with a letter or digit can get: its score
    /// against itself, where its first letter starts a word and the rest follow it. In
    /// nucleo-matcher a matched letter earns at most the bonus of a word start after
    /// whitespace (twice that on the first letter), a run of consecutive letters keeps the
    /// bonus of its first, and gaps only cost; so no field can score more, and any field
    /// where the word starts a word scores exactly this. `None` for other words, and for
    /// words too long for the shortcut.
    fn top_of(atom: &Atom, word: &[u8]) -> Option<i64> {
        if !word.first()?.is_ascii_alphanumeric() || word.len() > SHORTCUT_WORD {
            return None;
        }
        with_scratch(|scratch| {
            atom.score(Utf32Str::Ascii(word), &mut scratch.matcher)
                .map(i64::from)
        })
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
        // Where the word starts a word of a field, the document scores the top: a byte
        // comparison instead of the scorer, which is most of a keystroke's time.
        if let Some(top) = self.top
            && haystack.fields.iter().any(|f| self.starts_a_word_in(f))
        {
            return Some(top);
        }
        let mut best = None;
        for field in &haystack.fields {
            if field.is_empty() || self.quick(field) == Some(false) {
                continue;
            }
            let score = self.score_one(scratch, field);
            best = best.max(score);
            // Nothing scores above the top: the other fields cannot change the best.
            if score.is_some() && score == self.top {
                break;
            }
        }
        best
    }

    /// The plain best score over the fields, every matching field scored: what
    /// [`Word::score`] must always equal.
    #[cfg(test)]
    fn score_plainly(&self, scratch: &mut Scratch, haystack: &Haystack<'_>) -> Option<i64> {
        haystack
            .fields
            .iter()
            .filter_map(|field| self.score_one(scratch, field))
            .max()
    }

    /// True when the (ASCII) word starts a word of the (ASCII) field: at its start or after
    /// whitespace, where nucleo-matcher gives the highest bonus, ignoring ASCII case.
    fn starts_a_word_in(&self, field: &str) -> bool {
        let (Some(word), true) = (self.ascii.as_deref(), field.is_ascii()) else {
            return false;
        };
        let field = field.as_bytes();
        if field.len() > SHORTCUT_FIELD || field.len() < word.len() {
            return false;
        }
        (0..=field.len() - word.len()).any(|start| {
            let after_space = match start.checked_sub(1) {
                None => true,
                Some(before) => field.get(before).is_some_and(u8::is_ascii_whitespace),
            };
            after_space
                && field
                    .get(start..start + word.len())
                    .is_some_and(|w| w.eq_ignore_ascii_case(word))
        })
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
    use proptest::prelude::*;

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

    /// The shortcut's premise: a word that starts a word of a field scores the top, which
    /// is its score against itself (with nucleo-matcher 0.3's bonuses: 16 per letter, 10 for
    /// a word start after whitespace, doubled on the first letter, kept along a run).
    #[test]
    fn a_word_starting_a_word_scores_the_top() {
        with_scratch(|scratch| {
            let word = Word::new("mari");
            assert_eq!(word.top, Some(26 * 4 + 10));
            let field = "Press conference by Maria Ferreira";
            assert_eq!(word.score_one(scratch, field), word.top);
            assert!(
                word.score_one(scratch, "Summary of Ukraine's aid")
                    .is_some_and(|s| Some(s) < word.top)
            );
            assert_eq!(Word::new("-x").top, None);
        });
    }

    /// Past 100 KiB of matrix nucleo-matcher matches greedily and may miss the word start:
    /// such fields must be scored, not assumed to score the top.
    #[test]
    fn a_long_field_is_left_to_the_scorer() {
        let word = "ab".repeat(32);
        let field = format!("{} {word}", "a b ".repeat(500));
        let haystack = hay(&[field.leak()]);
        let word = Word::new(&word);
        with_scratch(|scratch| {
            let plain = word.score_plainly(scratch, &haystack);
            assert!(plain.is_some() && plain < word.top);
            assert_eq!(word.score(scratch, &haystack), plain);
        });
    }

    fn field() -> impl Strategy<Value = String> {
        prop_oneof![
            8 => "[ab AB1/,-_.\\t]{0,30}",
            1 => "[ab A]{1000,2100}",
            1 => "[a-zA-Z0-9 ]{0,8}[ab A]{0,4}é[ab A]{0,4}",
        ]
    }

    proptest! {
        /// Scoring with the shortcuts (a word start known to score the top; fields skipped
        /// once one scores it) gives what scoring every field gives.
        #[test]
        fn shortcuts_give_the_plain_score(
            word in "[abAB1/-][abAB1/-]{0,4}|[ab]{60,70}",
            fields in proptest::collection::vec(field(), 4),
        ) {
            let fields: Vec<&str> = fields.iter().map(String::as_str).collect();
            let fields = [fields[0], fields[1], fields[2], fields[3]];
            let haystack = Haystack { mask: mask_of(&fields), fields };
            let word = Word::new(&word);
            with_scratch(|scratch| {
                let plain = word.score_plainly(scratch, &haystack);
                prop_assert_eq!(word.score(scratch, &haystack), plain);
                if let (Some(top), Some(plain)) = (word.top, plain) {
                    prop_assert!(plain <= top);
                }
                Ok(())
            })?;
        }
    }
}
