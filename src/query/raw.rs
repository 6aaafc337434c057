//! Ruling documents out of a phrase query from their raw bytes, before any normalization:
//! what lets `dossier list --query '"a phrase"'` skip decoding most of a large corpus.
//!
//! Normalization (SPEC §3) only turns line ends into `\n` and removes characters (controls,
//! escape sequences, byte-order marks, bidirectional overrides). In a plain-text file that
//! is valid UTF-8 and holds none of the removed characters, the normalized text differs from
//! the raw one only in which whitespace separates words, and a phrase matches any run of
//! whitespace as any other: the phrase is in the one exactly when it is in the other.

use super::{Phrase, Query};

/// True when the raw file rules the document out: some phrase the query requires is not in
/// it. False when it may match, or when its bytes cannot decide (Markdown, repairs ahead).
pub fn rules_out(query: &Query, path: &str, bytes: &[u8]) -> bool {
    let phrases: Vec<&Phrase> = query.phrases().collect();
    if phrases.is_empty() || !path.to_ascii_lowercase().ends_with(".txt") {
        return false;
    }
    // A phrase with whitespace at an end could meet the blank lines normalization trims.
    if phrases.iter().any(|p| p.text().trim() != p.text()) {
        return false;
    }
    let Ok(text) = std::str::from_utf8(bytes) else {
        return false;
    };
    let absent = phrases.iter().any(|p| !p.is_in(text));
    absent && !needs_repair(bytes)
}

/// True when normalization would remove something from these (valid UTF-8) bytes.
fn needs_repair(bytes: &[u8]) -> bool {
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        match b {
            b'\t' | b'\n' | 0x0B | 0x0C | b'\r' => {}
            0x00..=0x1F | 0x7F => return true,
            // C1 controls, U+0080–U+009F.
            0xC2 if matches!(bytes.get(i + 1), Some(0x80..=0x9F)) => return true,
            // Bidirectional embeddings and overrides (U+202A–U+202E) and isolates
            // (U+2066–U+2069).
            0xE2 => match (bytes.get(i + 1), bytes.get(i + 2)) {
                (Some(0x80), Some(0xAA..=0xAE)) | (Some(0x81), Some(0xA6..=0xA9)) => return true,
                _ => {}
            },
            // A byte-order mark, U+FEFF.
            0xEF if bytes.get(i + 1) == Some(&0xBB) && bytes.get(i + 2) == Some(&0xBF) => {
                return true;
            }
            _ => {}
        }
        i += 1;
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::parse;

    fn q(text: &str) -> Query {
        parse(text).unwrap()
    }

    #[test]
    fn clean_text_without_the_phrase_is_ruled_out() {
        let query = q("\"hybrid threats\"");
        assert!(rules_out(
            &query,
            "a.txt",
            b"Cyber threats.\r\nNothing else."
        ));
        assert!(!rules_out(&query, "a.txt", b"Counter hybrid\r\nthreats."));
        assert!(
            !rules_out(&query, "a.md", b"Cyber threats."),
            "Markdown is rendered first"
        );
        assert!(
            !rules_out(&q("kind:speech"), "a.txt", b"x"),
            "no phrase, nothing to rule out"
        );
    }

    #[test]
    fn text_that_normalization_repairs_is_not_decided_raw() {
        let query = q("\"hybrid threats\"");
        for raw in [
            &b"hy\x1b[1mbrid threats"[..],
            b"hy\xc2\x97brid threats",
            b"hy\xe2\x80\xaebrid threats",
            b"hy\xef\xbb\xbfbrid threats",
            b"hy\x00brid threats",
            b"\xff invalid",
        ] {
            assert!(!rules_out(&query, "a.txt", raw), "{raw:?}");
        }
    }

    #[test]
    fn the_raw_verdict_agrees_with_the_normalized_text() {
        let query = q("\"hybrid threats\"");
        let texts: [&[u8]; 5] = [
            b"Counter hybrid threats.",
            b"HYBRID\xe2\x80\xa8THREATS",
            b"hybrid\xc2\xa0threats",
            b"hybrid threat",
            b"\xef\xbb\xbfhybrid threats",
        ];
        for raw in texts {
            let doc = crate::store::read_document("a.txt", raw).unwrap();
            let normalized_has = query.phrases().all(|p| p.is_in(&doc.text));
            if rules_out(&query, "a.txt", raw) {
                assert!(!normalized_has, "{raw:?} was ruled out but matches");
            }
        }
    }
}
