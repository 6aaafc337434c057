//! A quoted phrase and how it is found in a text: letters match ignoring case (Unicode simple
//! case folding), any run of whitespace in the phrase matches any run in the text (spaces,
//! line breaks, non-breaking spaces), and a straight apostrophe matches a curly one, since
//! statements write `NATO’s` and analysts type `NATO's`.
//!
//! The phrase compiles once, when the query is parsed, into a regular expression; its literal
//! prefilter (SIMD over the case variants of the phrase's start) scans text at memory speed
//! without a lowercased copy of the corpus.

use regex::{Regex, RegexBuilder};
use std::fmt;
use std::sync::OnceLock;

/// A phrase as the analyst wrote it, with its compiled search.
#[derive(Debug, Clone)]
pub struct Phrase {
    text: String,
    /// The pattern `search` was compiled from.
    pattern: String,
    search: Regex,
    /// The same search over bytes, for raw files known to be valid UTF-8. It and
    /// `skeleton` are compiled when first needed (by the command line's scan of raw files),
    /// not on every keystroke of the screen's query prompt.
    raw: OnceLock<Option<regex::bytes::Regex>>,
    /// A search for the phrase's skeleton in a Markdown file's skeleton
    /// ([`super::raw::skeleton`]); `None` when the phrase has none.
    skeleton: OnceLock<Option<regex::bytes::Regex>>,
}

/// Apostrophes that statements use for one another.
const APOSTROPHES: [char; 3] = ['\'', '\u{2019}', '\u{2018}'];

impl Phrase {
    /// A phrase; the error says why it cannot be searched for.
    pub fn new(text: &str) -> Result<Phrase, String> {
        if text.trim().is_empty() {
            return Err("expected words between the quotes".to_owned());
        }
        let mut pattern = String::from("(?i)");
        let mut in_space = false;
        for c in text.chars() {
            if c.is_whitespace() {
                if !in_space {
                    pattern.push_str(r"\s+");
                }
                in_space = true;
                continue;
            }
            in_space = false;
            if APOSTROPHES.contains(&c) {
                pattern.push_str("['\u{2019}\u{2018}]");
            } else {
                pattern.push_str(&regex::escape(c.encode_utf8(&mut [0; 4])));
            }
        }
        let search = RegexBuilder::new(&pattern)
            .build()
            .map_err(|_| "the phrase is too long to search for".to_owned())?;
        Ok(Phrase {
            text: text.to_owned(),
            pattern,
            search,
            raw: OnceLock::new(),
            skeleton: OnceLock::new(),
        })
    }

    /// The phrase as written.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// True when the phrase occurs in `text`.
    pub fn is_in(&self, text: &str) -> bool {
        self.search.is_match(text)
    }

    /// True when the phrase occurs in `bytes`, UTF-8 text not decoded first (a clean file's
    /// raw bytes); also when the search over bytes cannot be built (nothing is ruled out).
    pub fn is_in_bytes(&self, bytes: &[u8]) -> bool {
        let raw = self
            .raw
            .get_or_init(|| regex::bytes::Regex::new(&self.pattern).ok());
        raw.as_ref().is_none_or(|r| r.is_match(bytes))
    }

    /// False when the phrase's skeleton is not in `skeleton`, the skeleton of a text (see
    /// [`super::raw::skeleton`]); true when it is, or when the phrase has no skeleton.
    pub fn may_be_in_skeleton(&self, skeleton: &[u8]) -> bool {
        let search = self.skeleton.get_or_init(|| {
            let bones = String::from_utf8_lossy(&super::raw::skeleton(&self.text)).into_owned();
            let pattern = format!("(?i){}", regex::escape(&bones));
            (!bones.is_empty())
                .then(|| regex::bytes::Regex::new(&pattern).ok())
                .flatten()
        });
        search.as_ref().is_none_or(|s| s.is_match(skeleton))
    }

    /// Byte ranges of its occurrences in `text`, in order, not overlapping.
    pub fn find_in<'a>(
        &'a self,
        text: &'a str,
    ) -> impl Iterator<Item = std::ops::Range<usize>> + 'a {
        self.search.find_iter(text).map(|m| m.range())
    }

    /// The phrase lowercased, whitespace runs as one space and apostrophes straight: two
    /// phrases where one's folded form holds the other's match in that order.
    pub fn folded(&self) -> String {
        let mut out = String::with_capacity(self.text.len());
        for word in self.text.split_whitespace() {
            if !out.is_empty() {
                out.push(' ');
            }
            out.extend(
                word.chars()
                    .map(|c| if APOSTROPHES.contains(&c) { '\'' } else { c })
                    .flat_map(char::to_lowercase),
            );
        }
        // Whitespace at either end is part of the phrase (`" war "` finds the word alone).
        if self.text.starts_with(char::is_whitespace) {
            out.insert(0, ' ');
        }
        if self.text.ends_with(char::is_whitespace) {
            out.push(' ');
        }
        out
    }
}

impl PartialEq for Phrase {
    fn eq(&self, other: &Phrase) -> bool {
        self.text == other.text
    }
}

impl Eq for Phrase {}

impl fmt::Display for Phrase {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        super::print::quoted(f, &self.text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whitespace_case_and_apostrophes_are_loose() {
        let p = Phrase::new("hybrid  THREATS").unwrap();
        assert!(p.is_in("to counter Hybrid\nthreats."));
        assert!(p.is_in("hybrid\u{a0}threats"));
        assert!(!p.is_in("hybridthreats"));
        let p = Phrase::new("NATO's role").unwrap();
        assert!(p.is_in("on NATO\u{2019}s role"));
    }

    #[test]
    fn non_ascii_letters_ignore_case() {
        let p = Phrase::new("ÉTAT").unwrap();
        let found: Vec<_> = p.find_in("un état fort").collect();
        assert_eq!(found, vec![3..8]);
    }

    #[test]
    fn regex_syntax_is_literal() {
        let p = Phrase::new("a.b (c)").unwrap();
        assert!(p.is_in("A.B (C)"));
        assert!(!p.is_in("axb (c)"));
    }
}
