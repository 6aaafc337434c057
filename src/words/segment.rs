//! Words of a text for counting: Unicode word boundaries (UAX #29, unicode-segmentation),
//! and within a run of Thai script, which UAX #29 cannot cut into words, ICU4X's
//! dictionary segmenter. Words are lowercased, curly apostrophes straightened; numbers and
//! punctuation are not words.

use icu_segmenter::WordSegmenter;
use icu_segmenter::options::WordBreakInvariantOptions;
use unicode_segmentation::UnicodeSegmentation;

/// True for the letters of the Thai block.
fn is_thai(c: char) -> bool {
    ('\u{0E00}'..='\u{0E7F}').contains(&c)
}

/// Calls `word` with each word of `text`, in order.
pub fn words(text: &str, mut word: impl FnMut(String)) {
    // Runs of Thai and of everything else; unicode-segmentation would cut Thai into
    // letters.
    let mut start = 0;
    let mut thai = false;
    for (i, c) in text.char_indices() {
        if is_thai(c) != thai {
            run(&text[start..i], thai, &mut word);
            start = i;
            thai = !thai;
        }
    }
    run(&text[start..], thai, &mut word);
}

fn run(piece: &str, thai: bool, word: &mut impl FnMut(String)) {
    if thai {
        thai_words(piece, word);
        return;
    }
    for w in piece.unicode_words() {
        if w.chars().any(char::is_alphabetic) {
            word(normalized(w));
        }
    }
}

/// The words of a run holding Thai letters, by dictionary.
fn thai_words(run: &str, word: &mut impl FnMut(String)) {
    let segmenter = WordSegmenter::new_dictionary(WordBreakInvariantOptions::default());
    let breaks: Vec<usize> = segmenter.segment_str(run).collect();
    for pair in breaks.windows(2) {
        if let Some(piece) = run.get(pair[0]..pair[1])
            && piece.chars().any(char::is_alphabetic)
        {
            word(normalized(piece));
        }
    }
}

fn normalized(w: &str) -> String {
    w.chars()
        .map(|c| {
            if matches!(c, '\u{2019}' | '\u{2018}') {
                '\''
            } else {
                c
            }
        })
        .flat_map(char::to_lowercase)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(text: &str) -> Vec<String> {
        let mut out = Vec::new();
        words(text, |w| out.push(w));
        out
    }

    #[test]
    fn english_words_are_lowercased_without_numbers_or_punctuation() {
        assert_eq!(
            all("NATO’s allies met in 2019, again."),
            ["nato's", "allies", "met", "in", "again"]
        );
    }

    #[test]
    fn thai_is_segmented_by_dictionary_not_by_spaces() {
        assert_eq!(
            all("รัฐบาลไทยประกาศนโยบายใหม่ today"),
            ["รัฐบาล", "ไทย", "ประกาศ", "นโยบาย", "ใหม่", "today"]
        );
    }
}
