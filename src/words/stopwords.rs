//! Stop words per language, from the ISO lists of the stop-words crate: English for words
//! in Latin script and the rest, Thai for words in Thai script. A stop word is dropped from
//! word lists; so is a word of one letter.

use std::collections::HashSet;
use std::sync::LazyLock;

static ENGLISH: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    stop_words::lookup("en")
        .unwrap_or_default()
        .iter()
        .copied()
        .collect()
});
static THAI: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    stop_words::lookup("th")
        .unwrap_or_default()
        .iter()
        .copied()
        .collect()
});

/// True when `word` (lowercase, as [`super::segment::words`] gives it) is a stop word of its
/// script's language.
pub fn is_stop_word(word: &str) -> bool {
    if word.chars().count() < 2 {
        return true;
    }
    if word.chars().any(|c| ('\u{0E00}'..='\u{0E7F}').contains(&c)) {
        THAI.contains(word)
    } else {
        ENGLISH.contains(word)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn common_words_of_each_language_are_stop_words() {
        for w in ["the", "and", "of", "we", "ของ", "และ", "x"] {
            assert!(is_stop_word(w), "{w}");
        }
        for w in ["alliance", "security", "รัฐบาล"] {
            assert!(!is_stop_word(w), "{w}");
        }
    }
}
