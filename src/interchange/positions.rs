//! Converting between dossier's positions and everyone else's. dossier keeps byte offsets
//! into a document's normalized text; REFI-QDA, W3C selectors and the CSV export count
//! Unicode code points from 0, `[start, end)`, and MAXQDA wants those counted in a text
//! with CRLF line ends. A [`Positions`] answers all three quickly for many offsets into one
//! text. It never trusts an offset: one off a character boundary or past the end is `None`.

/// Bytes between two marks; a lookup counts at most this many bytes past its mark.
const STRIDE: usize = 512;

/// A point of the text whose counts are known.
#[derive(Debug, Clone, Copy)]
struct Mark {
    byte: usize,
    chars: usize,
    newlines: usize,
}

/// The code point and newline counts of one text, for fast conversions.
#[derive(Debug, Clone)]
pub struct Positions<'a> {
    text: &'a str,
    /// Marks at increasing byte offsets on character boundaries, the first at 0.
    marks: Vec<Mark>,
}

impl<'a> Positions<'a> {
    /// The counts of `text`, taken in one pass.
    pub fn new(text: &'a str) -> Positions<'a> {
        let mut marks = Vec::with_capacity(text.len() / STRIDE + 1);
        let mut mark = Mark {
            byte: 0,
            chars: 0,
            newlines: 0,
        };
        marks.push(mark);
        let bytes = text.as_bytes();
        while mark.byte + STRIDE < bytes.len() {
            let mut end = mark.byte + STRIDE;
            while !text.is_char_boundary(end) {
                end += 1;
            }
            let piece = &text[mark.byte..end];
            mark = Mark {
                byte: end,
                chars: mark.chars + char_count(piece),
                newlines: mark.newlines + memchr::memchr_iter(b'\n', piece.as_bytes()).count(),
            };
            marks.push(mark);
        }
        Positions { text, marks }
    }

    /// The text's length in code points.
    pub fn len_chars(&self) -> usize {
        self.char_of(self.text.len()).unwrap_or(0)
    }

    /// The code point position of byte offset `byte`.
    pub fn char_of(&self, byte: usize) -> Option<usize> {
        let (mark, piece) = self.piece_to(byte)?;
        Some(mark.chars + char_count(piece))
    }

    /// The code point position of byte offset `byte` in the same text written with CRLF
    /// line ends (each `\n` before it counts twice).
    pub fn crlf_char_of(&self, byte: usize) -> Option<usize> {
        let (mark, piece) = self.piece_to(byte)?;
        let newlines = memchr::memchr_iter(b'\n', piece.as_bytes()).count();
        Some(mark.chars + char_count(piece) + mark.newlines + newlines)
    }

    /// The byte offset of code point position `chars` (the text's length at its end).
    pub fn byte_of(&self, chars: usize) -> Option<usize> {
        let i = self
            .marks
            .partition_point(|m| m.chars <= chars)
            .checked_sub(1)?;
        let mark = self.marks[i];
        let rest = &self.text[mark.byte..];
        let wanted = chars - mark.chars;
        if wanted == 0 {
            return Some(mark.byte);
        }
        match rest.char_indices().nth(wanted) {
            Some((offset, _)) => Some(mark.byte + offset),
            None => (char_count(rest) == wanted).then_some(self.text.len()),
        }
    }

    /// The mark at or before `byte` and the text from it to `byte`, when `byte` is a
    /// character boundary of the text.
    fn piece_to(&self, byte: usize) -> Option<(Mark, &'a str)> {
        if !self.text.is_char_boundary(byte) {
            return None;
        }
        let i = self
            .marks
            .partition_point(|m| m.byte <= byte)
            .checked_sub(1)?;
        let mark = self.marks[i];
        Some((mark, &self.text[mark.byte..byte]))
    }
}

/// Code points in `s`: every byte that does not continue a UTF-8 sequence starts one.
fn char_count(s: &str) -> usize {
    s.bytes().filter(|b| (b & 0xC0) != 0x80).count()
}

/// `text` with CRLF line ends, as MAXQDA expects its sources.
pub fn to_crlf(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 32);
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push_str("\r\n");
        }
        out.push_str(line);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn non_ascii_text_converts_both_ways() {
        let text = "«Ça va», dit-il — 日本語 😀 end";
        let p = Positions::new(text);
        for (chars, (byte, _)) in text.char_indices().enumerate() {
            assert_eq!(p.char_of(byte), Some(chars));
            assert_eq!(p.byte_of(chars), Some(byte));
        }
        assert_eq!(p.len_chars(), text.chars().count());
        assert_eq!(p.byte_of(p.len_chars()), Some(text.len()));
        assert_eq!(p.byte_of(p.len_chars() + 1), None);
        assert_eq!(p.char_of(1), None, "inside «");
        assert_eq!(p.char_of(text.len() + 1), None);
    }

    #[test]
    fn crlf_positions_count_each_line_end_twice() {
        let text = "ab\ncd\n\né";
        let p = Positions::new(text);
        let crlf = to_crlf(text);
        assert_eq!(crlf, "ab\r\ncd\r\n\r\né");
        let at = text.find('é').unwrap();
        assert_eq!(
            p.crlf_char_of(at),
            Some(crlf.chars().position(|c| c == 'é').unwrap())
        );
    }

    proptest! {
        #[test]
        fn every_boundary_converts_and_back(text in "(\\PC|\n){0,1200}") {
            let p = Positions::new(&text);
            let crlf: Vec<char> = to_crlf(&text).chars().collect();
            let mut crlf_at = 0;
            for (chars, (byte, c)) in text.char_indices().enumerate() {
                prop_assert_eq!(p.char_of(byte), Some(chars));
                prop_assert_eq!(p.byte_of(chars), Some(byte));
                prop_assert_eq!(p.crlf_char_of(byte), Some(crlf_at));
                prop_assert_eq!(crlf.get(crlf_at + usize::from(c == '\n')), Some(&c));
                crlf_at += if c == '\n' { 2 } else { 1 };
            }
            prop_assert_eq!(p.char_of(text.len()), Some(text.chars().count()));
        }
    }
}
