//! Ruling documents out of a phrase query from their raw bytes, before any normalization:
//! what lets `dossier list --query '"a phrase"'` skip decoding most of a large corpus.
//!
//! Normalization (SPEC §3) only turns line ends into `\n` and removes characters (controls,
//! escape sequences, byte-order marks, bidirectional overrides). In a plain-text file that
//! is valid UTF-8 and holds none of the removed characters (a [`Document::clean`] one), the
//! normalized text differs from the raw one only in which whitespace separates words, and a
//! phrase matches any run of whitespace as any other: the phrase is in the one exactly when
//! it is in the other. Whether a file is clean was learnt when it was last read and is kept
//! in the metadata cache with its size and time, so deciding costs one search of its bytes.
//!
//! A Markdown file's text is rendered, which drops markup and can join words split by it
//! (`mari*time*`), so its raw bytes cannot decide. Its *skeleton* can, as a necessary
//! condition: the text without whitespace, ASCII punctuation, digits, curly apostrophes and
//! bullets. Rendering plain Markdown only ever drops or adds such characters; what it could
//! drop besides (link targets, HTML, entities, footnotes, code fence labels) needs one of
//! `[`, `<`, `&`, a fence of three backticks or tildes, and files holding any of them are
//! rendered. So when the phrase's skeleton is not in the file's, the phrase is not in its
//! text (a property test renders random Markdown to hold this).

use super::{Phrase, Query};
use crate::store::Document;

/// True when the raw file rules the document out: some phrase the query requires is not in
/// `bytes`, the file as read now. False when it may match, or when its bytes cannot decide
/// (repairs needed, Markdown beyond plain paragraphs, lists, tables and emphasis).
pub fn rules_out(query: &Query, doc: &Document, bytes: &[u8]) -> bool {
    let phrases: Vec<&Phrase> = query.phrases().collect();
    if phrases.is_empty() || !doc.clean {
        return false;
    }
    if !crate::store::is_markdown(&doc.path) {
        // A phrase with whitespace at an end could meet the blank lines normalization trims.
        return phrases.iter().all(|p| p.text().trim() == p.text())
            && phrases.iter().any(|p| !p.is_in_bytes(bytes));
    }
    if !plain_markdown(bytes) {
        return false;
    }
    let Ok(text) = std::str::from_utf8(bytes) else {
        return false;
    };
    SKELETON.with_borrow_mut(|bones| {
        skeleton_into(text, bones);
        let ruled_out = phrases.iter().any(|p| !p.may_be_in_skeleton(bones));
        // A huge file's skeleton is not kept for the life of the thread.
        if bones.capacity() > 4 << 20 {
            *bones = Vec::new();
        }
        ruled_out
    })
}

thread_local! {
    /// One skeleton buffer per thread, reused from file to file.
    static SKELETON: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// True when the Markdown holds nothing whose rendering could drop letters between two
/// words of the text: no link, image, footnote or reference (`[`), HTML or autolink (`<`),
/// entity (`&`), and no fenced code block (whose info string is dropped).
fn plain_markdown(bytes: &[u8]) -> bool {
    memchr::memchr3(b'[', b'<', b'&', bytes).is_none()
        && memchr::memmem::find(bytes, b"```").is_none()
        && memchr::memmem::find(bytes, b"~~~").is_none()
}

/// The characters of `text` that rendering Markdown neither drops nor adds, in order (as
/// UTF-8 bytes).
pub fn skeleton(text: &str) -> Vec<u8> {
    let mut out = Vec::new();
    skeleton_into(text, &mut out);
    out
}

/// [`skeleton`] into `out`, replacing what it held.
fn skeleton_into(text: &str, out: &mut Vec<u8>) {
    let bytes = text.as_bytes();
    // Every byte is written and the end moves on only past those kept, without a branch:
    // this runs over every Markdown file a phrase query looks at.
    out.clear();
    out.resize(bytes.len(), 0);
    let mut kept = 0;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b.is_ascii() {
            out[kept] = b;
            kept += usize::from(ASCII_KEPT[usize::from(b)]);
            i += 1;
            continue;
        }
        let Some(c) = text[i..].chars().next() else {
            break;
        };
        let end = i + c.len_utf8();
        if !is_markup_or_space(c) {
            out[kept..kept + (end - i)].copy_from_slice(&bytes[i..end]);
            kept += end - i;
        }
        i = end;
    }
    out.truncate(kept);
}

/// For each ASCII byte, whether the skeleton keeps it: [`is_markup_or_space`] as a table.
static ASCII_KEPT: [bool; 128] = {
    let mut table = [false; 128];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        // `is_ascii_whitespace` leaves out the vertical tab, which `char::is_whitespace` has.
        table[b] = !(c.is_ascii_punctuation()
            || c.is_ascii_digit()
            || c.is_ascii_whitespace()
            || c == 0x0B);
        b += 1;
    }
    table
};

/// Whitespace, ASCII punctuation and digits (Markdown's markup, list numbers), and the
/// curly apostrophes and bullet that a phrase or the renderer writes for them.
fn is_markup_or_space(c: char) -> bool {
    c.is_ascii_punctuation()
        || c.is_ascii_digit()
        || c.is_whitespace()
        || matches!(c, '\u{2018}' | '\u{2019}' | '\u{2022}')
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::parse;
    use crate::store::read_document;

    #[test]
    fn the_ascii_table_is_the_rule() {
        for b in 0..128u8 {
            assert_eq!(
                ASCII_KEPT[usize::from(b)],
                !is_markup_or_space(char::from(b)),
                "{b}"
            );
        }
    }

    fn q(text: &str) -> Query {
        parse(text).unwrap()
    }

    /// Whether `rules_out` rules the file out, given what reading it taught.
    fn ruled_out(query: &Query, path: &str, raw: &[u8]) -> bool {
        let doc = read_document(path, raw).unwrap();
        rules_out(query, &doc, raw)
    }

    #[test]
    fn clean_text_without_the_phrase_is_ruled_out() {
        let query = q("\"hybrid threats\"");
        assert!(ruled_out(
            &query,
            "a.txt",
            b"Cyber threats.\r\nNothing else."
        ));
        assert!(!ruled_out(&query, "a.txt", b"Counter hybrid\r\nthreats."));
        assert!(ruled_out(&query, "a.md", b"# Cyber *threats*"));
        assert!(!ruled_out(&query, "a.md", b"# Hybrid *threats*"));
        assert!(
            !ruled_out(&query, "a.md", b"Cyber [threats](x)."),
            "Markdown with links is rendered first"
        );
        assert!(
            !ruled_out(&q("kind:speech"), "a.txt", b"x"),
            "no phrase, nothing to rule out"
        );
    }

    #[test]
    fn markdown_markup_inside_words_is_seen_through() {
        let query = q("\"maritime partnership\"");
        for raw in [
            &b"A mari*time* partner_ship_"[..],
            b"mari`time` **partnership**",
            b"# maritime\n\n- partnership",
            b"maritime\\\npartner\\ship",
        ] {
            assert!(!ruled_out(&query, "a.md", raw), "{raw:?}");
        }
        assert!(ruled_out(&query, "a.md", b"*maritime* and partnership"));
    }

    #[test]
    fn text_that_normalization_repairs_is_not_decided_raw() {
        let query = q("\"hybrid threats\"");
        for raw in [
            &b"hy\x1b[1mbrid threats"[..],
            b"hy\xc2\x97brid threats",
            b"hy\xe2\x80\xaebrid threats",
            b"hy\xef\xbb\xbfbrid threats",
            b"\xef\xbb\xbfhybrid threats",
            b"\xff invalid",
        ] {
            assert!(!ruled_out(&query, "a.txt", raw), "{raw:?}");
        }
    }

    #[test]
    fn the_raw_verdict_agrees_with_the_normalized_text() {
        let query = q("\"hybrid threats\"");
        let texts: [&[u8]; 6] = [
            b"Counter hybrid threats.",
            b"HYBRID\xe2\x80\xa8THREATS",
            b"hybrid\xc2\xa0threats",
            b"hybrid threat",
            b"\xef\xbb\xbfhybrid threats",
            b"hybrid\x0b\x0cthreats\r\n",
        ];
        for raw in texts {
            let doc = read_document("a.txt", raw).unwrap();
            let normalized_has = query.phrases().all(|p| p.is_in(&doc.text));
            assert_eq!(
                rules_out(&query, &doc, raw),
                doc.clean && !normalized_has,
                "{raw:?}"
            );
        }
    }

    /// Pieces of Markdown: words and the markup that plain Markdown renders away...
    const PLAIN: &[&str] = &[
        "hybrid", "threats", "mari", "time", "NATO", "s", " ", " ", "\n", "\n\n", "*", "**", "_",
        "`", "\\", "# ", "## ", "- ", "+ ", "1. ", "2) ", "> ", "|", " | ", "---", "===", "~~",
        "'", "\u{2019}", "\u{a0}", "\u{2022}", "7", ".", ":", "\t", "    ", "\u{e9}", "\u{c9}",
        "\u{212a}", "k",
    ];
    /// ... and what makes a file not plain.
    const OTHER: &[&str] = &["[", "](x)", "<b>", "&amp;", "&#109;", "```", "~~~", "[^1]"];

    fn markdown() -> impl proptest::strategy::Strategy<Value = String> {
        let piece = prop_oneof![
            30 => proptest::sample::select(PLAIN),
            1 => proptest::sample::select(OTHER),
        ];
        proptest::collection::vec(piece, 0..40).prop_map(|pieces| pieces.concat())
    }

    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(10_000))]
        /// Whatever phrase the rendered text holds, the raw Markdown never rules it out.
        #[test]
        fn markdown_is_never_ruled_out_wrongly(
            md in markdown(),
            start in 0usize..200,
            len in 1usize..40,
        ) {
            let Ok(doc) = read_document("a.md", md.as_bytes()) else {
                return Ok(());
            };
            let chars: Vec<char> = doc.text.chars().collect();
            let start = start.min(chars.len());
            let end = (start + len).min(chars.len());
            let piece: String = chars[start..end].iter().collect();
            let Ok(phrase) = Phrase::new(&piece) else {
                return Ok(());
            };
            prop_assert!(phrase.is_in(&doc.text));
            let query = Query {
                terms: vec![crate::query::Term {
                    negated: false,
                    test: crate::query::Test::Phrase(phrase),
                }],
            };
            prop_assert!(
                !rules_out(&query, &doc, md.as_bytes()),
                "{piece:?} is in {:?} but {md:?} ruled it out", doc.text
            );
        }
    }
}
