//! The units agreement is counted in, for one document and one tag: its characters, its
//! sentences (as the reader's sentence cursor cuts them), or the document itself; which of
//! them each coder coded; and the stretches where they differ. This is what `dossier agree`
//! sums over a corpus and what the reader's compare mode marks in one document.

use super::agree::Counts;
use std::ops::Range;
use std::str::FromStr;

/// What one unit of agreement is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Unit {
    /// Every character of the text.
    Character,
    /// Every sentence ([`crate::segment::sentences`]): coded when a highlight touches it.
    Sentence,
    /// The document: coded when it has the tag or a highlight with it.
    Document,
}

impl Unit {
    /// `character`, `sentence` or `document`.
    pub fn name(self) -> &'static str {
        match self {
            Unit::Character => "character",
            Unit::Sentence => "sentence",
            Unit::Document => "document",
        }
    }
}

impl FromStr for Unit {
    type Err = String;

    fn from_str(s: &str) -> Result<Unit, String> {
        match s {
            "character" | "char" | "characters" => Ok(Unit::Character),
            "sentence" | "sentences" => Ok(Unit::Sentence),
            "document" | "documents" => Ok(Unit::Document),
            _ => Err(format!(
                "expected character, sentence or document as the unit, not {s:?}"
            )),
        }
    }
}

/// How one coder coded one document with one tag.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Coding {
    /// Byte ranges of the text they highlighted with the tag, in any order, overlapping or
    /// not (each character counts once).
    pub spans: Vec<Range<usize>>,
    /// They tagged the whole document with it.
    pub whole: bool,
}

impl Coding {
    /// True when the coder did not use the tag on the document at all.
    pub fn is_empty(&self) -> bool {
        self.spans.is_empty() && !self.whole
    }
}

/// A stretch of the text where the coders differ: one or more whole units.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Difference {
    /// Byte range in the text (the whole text for a document unit).
    pub range: Range<usize>,
    /// Coder A coded it (and B did not).
    pub a: bool,
}

/// Agreement on one document.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DocumentAgreement {
    /// The 2×2 table over the document's units.
    pub counts: Counts,
    /// Where the coders differ, in text order.
    pub differences: Vec<Difference>,
}

/// The units of `text` in `unit`, when nobody coded anything: how many there are.
pub fn unit_count(text: &str, unit: Unit) -> u64 {
    match unit {
        Unit::Character => text.chars().count() as u64,
        Unit::Sentence => crate::segment::sentences(text).len() as u64,
        Unit::Document => 1,
    }
}

/// Compares two coders' coding of `text` in `unit`s.
pub fn compare(text: &str, unit: Unit, a: &Coding, b: &Coding) -> DocumentAgreement {
    let (sa, sb) = (normalized(text, &a.spans), normalized(text, &b.spans));
    match unit {
        Unit::Character => {
            let chars =
                |spans: &[Range<usize>]| -> u64 { spans.iter().map(|r| chars(text, r)).sum() };
            let both = intersection(&sa, &sb);
            let counts = Counts {
                units: unit_count(text, unit),
                a: chars(&sa),
                b: chars(&sb),
                both: chars(&both),
            };
            let mut differences: Vec<Difference> = difference(&sa, &sb)
                .into_iter()
                .map(|range| Difference { range, a: true })
                .chain(
                    difference(&sb, &sa)
                        .into_iter()
                        .map(|range| Difference { range, a: false }),
                )
                .collect();
            differences.sort_by_key(|d| d.range.start);
            DocumentAgreement {
                counts,
                differences,
            }
        }
        Unit::Sentence => {
            let sentences = crate::segment::sentences(text);
            let (ta, tb) = (touched(&sentences, &sa), touched(&sentences, &sb));
            let mut counts = Counts {
                units: sentences.len() as u64,
                ..Counts::default()
            };
            let mut differences = Vec::new();
            for ((s, &x), &y) in sentences.iter().zip(&ta).zip(&tb) {
                counts.a += u64::from(x);
                counts.b += u64::from(y);
                counts.both += u64::from(x && y);
                if x != y {
                    differences.push(Difference {
                        range: s.clone(),
                        a: x,
                    });
                }
            }
            DocumentAgreement {
                counts,
                differences,
            }
        }
        Unit::Document => {
            let (x, y) = (a.whole || !sa.is_empty(), b.whole || !sb.is_empty());
            let counts = Counts {
                units: 1,
                a: u64::from(x),
                b: u64::from(y),
                both: u64::from(x && y),
            };
            let differences = if x == y {
                Vec::new()
            } else {
                vec![Difference {
                    range: 0..text.len(),
                    a: x,
                }]
            };
            DocumentAgreement {
                counts,
                differences,
            }
        }
    }
}

/// Characters of `text` in byte range `r`.
fn chars(text: &str, r: &Range<usize>) -> u64 {
    text.get(r.clone()).map_or(0, |s| s.chars().count() as u64)
}

/// Spans inside `text`, on character boundaries, sorted, with overlapping and touching
/// ones joined: each character appears once.
pub fn normalized(text: &str, spans: &[Range<usize>]) -> Vec<Range<usize>> {
    let floor = |mut i: usize| {
        i = i.min(text.len());
        while !text.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    let mut sorted: Vec<Range<usize>> = spans
        .iter()
        .map(|r| floor(r.start)..floor(r.end))
        .filter(|r| r.start < r.end)
        .collect();
    sorted.sort_by_key(|r| (r.start, r.end));
    let mut out: Vec<Range<usize>> = Vec::with_capacity(sorted.len());
    for r in sorted {
        match out.last_mut() {
            Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
            _ => out.push(r),
        }
    }
    out
}

/// Where two sorted, disjoint span lists overlap.
pub fn intersection(a: &[Range<usize>], b: &[Range<usize>]) -> Vec<Range<usize>> {
    let (mut i, mut j, mut out) = (0, 0, Vec::new());
    while i < a.len() && j < b.len() {
        let (start, end) = (a[i].start.max(b[j].start), a[i].end.min(b[j].end));
        if start < end {
            out.push(start..end);
        }
        if a[i].end < b[j].end {
            i += 1;
        } else {
            j += 1;
        }
    }
    out
}

/// The parts of sorted, disjoint `a` outside sorted, disjoint `b`.
fn difference(a: &[Range<usize>], b: &[Range<usize>]) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut j = 0;
    for r in a {
        let mut start = r.start;
        while j < b.len() && b[j].end <= start {
            j += 1;
        }
        let mut k = j;
        while k < b.len() && b[k].start < r.end {
            if b[k].start > start {
                out.push(start..b[k].start);
            }
            start = start.max(b[k].end);
            k += 1;
        }
        if start < r.end {
            out.push(start..r.end);
        }
    }
    out
}

/// For each unit (sorted, disjoint), whether a span (sorted, disjoint) touches it.
fn touched(units: &[Range<usize>], spans: &[Range<usize>]) -> Vec<bool> {
    let mut j = 0;
    units
        .iter()
        .map(|u| {
            while j < spans.len() && spans[j].end <= u.start {
                j += 1;
            }
            j < spans.len() && spans[j].start < u.end
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn coding(spans: &[(usize, usize)]) -> Coding {
        Coding {
            spans: spans.iter().map(|&(a, b)| a..b).collect(),
            whole: false,
        }
    }

    #[test]
    fn the_worked_example_counts_its_characters() {
        let text = "x".repeat(100);
        let r = compare(
            &text,
            Unit::Character,
            &coding(&[(0, 20)]),
            &coding(&[(10, 30)]),
        );
        assert_eq!(r.counts, Counts::from_cells(10, 10, 10, 70));
        assert_eq!(
            r.differences,
            [
                Difference {
                    range: 0..10,
                    a: true
                },
                Difference {
                    range: 20..30,
                    a: false
                }
            ]
        );
    }

    #[test]
    fn overlapping_highlights_of_one_coder_count_once() {
        let text = "x".repeat(100);
        let a = coding(&[(0, 20), (5, 15), (10, 20), (20, 25)]);
        let r = compare(&text, Unit::Character, &a, &coding(&[]));
        assert_eq!(r.counts.a, 25);
        assert_eq!(r.counts.neither(), 75);
    }

    #[test]
    fn characters_not_bytes_are_counted() {
        let text = "ééé abc";
        let r = compare(
            text,
            Unit::Character,
            &coding(&[(0, 6)]),
            &coding(&[(0, 2)]),
        );
        assert_eq!(r.counts, Counts::from_cells(1, 2, 0, 4));
    }

    #[test]
    fn a_sentence_is_coded_when_a_highlight_touches_it() {
        let text = "One two. Three four. Five six.";
        let r = compare(
            text,
            Unit::Sentence,
            &coding(&[(4, 11)]),
            &coding(&[(21, 23)]),
        );
        assert_eq!(r.counts, Counts::from_cells(0, 2, 1, 0));
        assert_eq!(r.differences.len(), 3);
        assert_eq!(&text[r.differences[1].range.clone()], "Three four.");
    }

    #[test]
    fn a_document_tag_codes_the_document() {
        let whole = Coding {
            spans: Vec::new(),
            whole: true,
        };
        let r = compare("text", Unit::Document, &whole, &coding(&[(0, 1)]));
        assert_eq!(r.counts, Counts::from_cells(1, 0, 0, 0));
    }

    #[test]
    fn spans_out_of_the_text_or_inside_a_character_are_clamped() {
        let text = "aé";
        assert_eq!(normalized(text, &[2..9, 0..0]), vec![1..3]);
    }
}
