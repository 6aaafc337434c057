//! The words of the index and of a phrase, in one canonical form: a text's words are its
//! runs of non-whitespace characters, and two characters that a phrase's search treats as
//! the same (Unicode simple case folding, the three apostrophes of [`crate::query::Phrase`])
//! get the same form. So a phrase can only be in a text whose words its own words fit.
//!
//! It must never split or fold differently from the phrase search: a word the search would
//! match but the index spells otherwise is a document wrongly ruled out. The tests check
//! every character of the Basic Multilingual Plane against the regex engine's own folding.

use regex_syntax::hir::{ClassUnicode, ClassUnicodeRange};
use std::cell::RefCell;

/// The canonical form of `c`: the same for all characters of its simple case folding class
/// (the ASCII letter of the class, lowercase, when it has one; else the smallest), and `'`
/// for the apostrophes a phrase treats as one.
pub fn canon(c: char) -> char {
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    if matches!(c, '\u{2018}' | '\u{2019}') {
        return '\'';
    }
    let code = c as usize;
    if code < BMP {
        return BMP_FORMS.with_borrow_mut(|table| {
            let table = table.get_or_insert_with(|| vec![0; BMP]);
            match table.get(code).copied() {
                Some(0) | None => {
                    let form = compute(c);
                    if let Some(slot) = table.get_mut(code) {
                        *slot = u32::from(form);
                    }
                    form
                }
                Some(known) => char::from_u32(known).unwrap_or(c),
            }
        });
    }
    compute(c)
}

const BMP: usize = 0x1_0000;

thread_local! {
    /// The forms of the Basic Multilingual Plane's characters met so far (0: not yet).
    static BMP_FORMS: RefCell<Option<Vec<u32>>> = const { RefCell::new(None) };
}

/// The canonical form from the regex engine's own simple case folding of `c`.
fn compute(c: char) -> char {
    let mut class = ClassUnicode::new([ClassUnicodeRange::new(c, c)]);
    class.case_fold_simple();
    let members = class.ranges().iter().flat_map(|r| r.start()..=r.end());
    let mut smallest = c;
    for m in members {
        if m.is_ascii() {
            return m.to_ascii_lowercase();
        }
        smallest = smallest.min(m);
    }
    smallest
}

/// True for the characters that separate words: those the phrase search's `\s` matches
/// (Unicode `White_Space`).
pub fn is_space(c: char) -> bool {
    c.is_whitespace()
}

/// Calls `word` with each word of `text` in canonical form, in order (repeats included).
pub fn words(text: &str, mut word: impl FnMut(&[u8])) {
    let mut buffer: Vec<u8> = Vec::with_capacity(64);
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b.is_ascii() {
            // ASCII White_Space: tab, line feed, vertical tab, form feed, carriage return, space.
            if matches!(b, b'\t'..=b'\r' | b' ') {
                if !buffer.is_empty() {
                    word(&buffer);
                    buffer.clear();
                }
            } else {
                buffer.push(b.to_ascii_lowercase());
            }
            i += 1;
            continue;
        }
        let Some(c) = text.get(i..).and_then(|rest| rest.chars().next()) else {
            break;
        };
        i += c.len_utf8();
        if is_space(c) {
            if !buffer.is_empty() {
                word(&buffer);
                buffer.clear();
            }
        } else {
            let mut utf8 = [0; 4];
            buffer.extend_from_slice(canon(c).encode_utf8(&mut utf8).as_bytes());
        }
    }
    if !buffer.is_empty() {
        word(&buffer);
    }
}

/// What the index must find for one word of a phrase.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Need {
    /// A word equal to this one.
    Exact(Vec<u8>),
    /// A word starting with this.
    Prefix(Vec<u8>),
    /// A word ending with this.
    Suffix(Vec<u8>),
    /// A word holding this anywhere.
    Inside(Vec<u8>),
}

/// What a text's words must hold for `phrase` (as typed) to be in it: each of the phrase's
/// words must be a word of the text, except that the first may end one and the last may
/// start one (and a phrase of one word may be inside one) unless whitespace stands beside
/// them in the phrase.
pub fn needs(phrase: &str) -> Vec<Need> {
    let mut parts = Vec::new();
    words(phrase, |w| parts.push(w.to_vec()));
    let open_start = !phrase.starts_with(is_space);
    let open_end = !phrase.ends_with(is_space);
    let last = parts.len().saturating_sub(1);
    parts
        .into_iter()
        .enumerate()
        .map(|(i, w)| {
            let (left_open, right_open) = (i == 0 && open_start, i == last && open_end);
            match (left_open, right_open) {
                (false, false) => Need::Exact(w),
                (false, true) => Need::Prefix(w),
                (true, false) => Need::Suffix(w),
                (true, true) => Need::Inside(w),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every character of the BMP: its form is the form of each character its class holds,
    /// and the class is what the phrase search's case-insensitive regex matches.
    #[test]
    fn forms_agree_with_the_regex_engines_folding() {
        for code in 0..0x1_0000u32 {
            let Some(c) = char::from_u32(code) else {
                continue;
            };
            let mut class = ClassUnicode::new([ClassUnicodeRange::new(c, c)]);
            class.case_fold_simple();
            for r in class.ranges() {
                for m in r.start()..=r.end() {
                    assert_eq!(canon(m), canon(c), "{c:?} and {m:?}");
                }
            }
        }
    }

    #[test]
    fn case_insensitive_regex_matches_imply_equal_forms() {
        for (a, b) in [('k', '\u{212a}'), ('s', '\u{17f}'), ('É', 'é'), ('Σ', 'ς')] {
            let re =
                regex::Regex::new(&format!("(?i)^{}$", regex::escape(&a.to_string()))).unwrap();
            assert!(re.is_match(&b.to_string()));
            assert_eq!(canon(a), canon(b));
        }
        assert_eq!(canon('\u{2019}'), canon('\''));
    }

    #[test]
    fn spaces_are_what_the_regex_calls_spaces() {
        let re = regex::Regex::new(r"^\s$").unwrap();
        for code in 0..0x1_0000u32 {
            if let Some(c) = char::from_u32(code) {
                assert_eq!(re.is_match(&c.to_string()), is_space(c), "{c:?}");
            }
        }
    }

    #[test]
    fn words_are_runs_between_spaces_folded() {
        let mut seen = Vec::new();
        words("NATO’s\u{a0}Role,\r\n  ÉTAT ok", |w| {
            seen.push(String::from_utf8(w.to_vec()).unwrap())
        });
        assert_eq!(seen, ["nato's", "role,", "État", "ok"]);
        let mut other = Vec::new();
        words("nato's ROLE, état OK", |w| {
            other.push(String::from_utf8(w.to_vec()).unwrap())
        });
        assert_eq!(seen, other);
    }

    #[test]
    fn a_phrases_ends_may_be_parts_of_words() {
        use Need::*;
        assert_eq!(
            needs("brid threa"),
            [Suffix(b"brid".to_vec()), Prefix(b"threa".to_vec())]
        );
        assert_eq!(
            needs(" the  big war "),
            [
                Exact(b"the".to_vec()),
                Exact(b"big".to_vec()),
                Exact(b"war".to_vec())
            ]
        );
        assert_eq!(needs("war"), [Inside(b"war".to_vec())]);
    }
}
