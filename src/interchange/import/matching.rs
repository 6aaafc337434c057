//! Finding where a REFI-QDA source and its selections are in the corpus: a source is
//! matched to a document by name (its path, file name or stem), then by text; a selection's
//! code points are converted to byte offsets and checked against the quote, and where the
//! texts differ (CRLF line ends, a byte-order mark, trimmed blank lines, an edit) its quote
//! is anchored again with the notebook's own re-anchoring (SPEC §5).

use crate::interchange::positions::Positions;
use crate::notebook::anchor::reanchor;
use crate::notebook::model::CONTEXT_CHARS;
use crate::notebook::{Anchor, AnchorState};
use crate::store::normalize::{Repairs, clean, trim_ends};
use crate::store::{Corpus, Document};
use std::collections::HashMap;

/// How a source was matched to a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum How {
    /// Its name is the document's path, file name or stem.
    Name,
    /// Its text is the document's text.
    Text,
}

impl How {
    /// `by name` or `by text`.
    pub fn as_str(self) -> &'static str {
        match self {
            How::Name => "by name",
            How::Text => "by text",
        }
    }
}

/// Matches sources to the documents of one corpus.
pub struct Matcher<'c> {
    corpus: &'c Corpus,
    /// Documents by path, by file name and by stem, made when first needed.
    by_name: Option<[HashMap<&'c str, Vec<usize>>; 3]>,
    /// Documents by the hash of their text, made when a source first needs it.
    by_text: Option<HashMap<blake3::Hash, usize>>,
}

impl<'c> Matcher<'c> {
    /// A matcher over `corpus`'s documents (their texts must be loaded to match by text).
    pub fn new(corpus: &'c Corpus) -> Matcher<'c> {
        Matcher {
            corpus,
            by_name: None,
            by_text: None,
        }
    }

    /// The document a source is, by one of its `names` (a document's path, else its file
    /// name, else its stem), else by its normalized text.
    pub fn find(&mut self, names: &[&str], normalized: &str) -> Option<(&'c Document, How)> {
        let corpus = self.corpus;
        let docs = &corpus.documents;
        let keys: [fn(&str) -> &str; 3] = [|p| p, file_name, |p| stem(file_name(p))];
        let by_name = self.by_name.get_or_insert_with(|| {
            keys.map(|key| {
                let mut index: HashMap<&str, Vec<usize>> = HashMap::new();
                for (i, d) in docs.iter().enumerate() {
                    index.entry(key(&d.path)).or_default().push(i);
                }
                index
            })
        });
        for (key, index) in keys.iter().zip(by_name.iter()) {
            let mut found: Vec<usize> = names
                .iter()
                .filter(|n| !n.trim().is_empty())
                .flat_map(|n| index.get(key(n.trim())).into_iter().flatten().copied())
                .collect();
            found.sort_unstable();
            found.dedup();
            match found.as_slice() {
                [] => {}
                [one] => return docs.get(*one).map(|d| (d, How::Name)),
                many => {
                    // Several documents of that name: the one with the source's text.
                    let same = many
                        .iter()
                        .filter_map(|&i| docs.get(i))
                        .find(|d| d.loaded && *d.text == *normalized);
                    if let Some(d) = same {
                        return Some((d, How::Name));
                    }
                }
            }
        }
        let index = self.by_text.get_or_insert_with(|| {
            let mut index = HashMap::with_capacity(docs.len());
            // In reverse, so the first of several identical texts wins.
            for (i, d) in docs.iter().enumerate().rev() {
                if d.loaded {
                    index.insert(blake3::hash(d.text.as_bytes()), i);
                }
            }
            index
        });
        index
            .get(&blake3::hash(normalized.as_bytes()))
            .and_then(|&i| docs.get(i))
            .filter(|d| *d.text == *normalized)
            .map(|d| (d, How::Text))
    }
}

fn file_name(path: &str) -> &str {
    path.rsplit(['/', '\\']).next().unwrap_or(path)
}

fn stem(name: &str) -> &str {
    name.rsplit_once('.').map_or(name, |(stem, _)| stem)
}

/// A source's text normalized as the store normalizes a plain text file (SPEC §3).
pub fn normalize(text: &str) -> String {
    trim_ends(clean(text, &mut Repairs::default()))
}

/// Where the selections of one source fall in one document.
pub struct Placer<'a> {
    source: &'a str,
    positions: Positions<'a>,
    doc: &'a str,
    /// True when the document's text is the source's text exactly.
    same: bool,
    /// Byte offsets of the source's `\r\n` pairs, which normalization makes `\n`.
    crlf: Vec<usize>,
    /// Bytes of blank lines normalization drops at the start.
    lead: usize,
}

/// Where a selection landed.
pub enum Placed {
    /// At its converted position.
    Exact(Anchor),
    /// Found again elsewhere in the document's text.
    Moved(Anchor),
}

impl<'a> Placer<'a> {
    /// A placer of `source`'s selections into `doc` (a document's normalized text).
    pub fn new(source: &'a str, doc: &'a str) -> Placer<'a> {
        let same = source == doc;
        let (crlf, lead) = if same {
            (Vec::new(), 0)
        } else {
            let crlf = memchr::memmem::find_iter(source.as_bytes(), b"\r\n").collect();
            let cleaned = clean(source, &mut Repairs::default());
            let kept_end = cleaned.trim_end().len();
            let lead = kept_end.saturating_sub(trim_ends(cleaned).len());
            (crlf, lead)
        };
        Placer {
            source,
            positions: Positions::new(source),
            doc,
            same,
            crlf,
            lead,
        }
    }

    /// The source's length in code points.
    pub fn len_chars(&self) -> usize {
        self.positions.len_chars()
    }

    /// The source's text at code points `[start, end)`.
    pub fn quote(&self, start: usize, end: usize) -> Option<&'a str> {
        let (a, b) = (self.positions.byte_of(start)?, self.positions.byte_of(end)?);
        self.source.get(a..b)
    }

    /// The anchor in the document of the source's code points `[start, end)`; `None` when
    /// its quote is not in the document's text.
    pub fn place(&self, start: usize, end: usize) -> Option<Placed> {
        let (a, b) = (self.positions.byte_of(start)?, self.positions.byte_of(end)?);
        if self.same {
            return Anchor::of(self.doc, a, b).map(Placed::Exact);
        }
        let quote = self.source.get(a..b)?;
        if self.doc.get(a..b) == Some(quote) {
            return Anchor::of(self.doc, a, b).map(Placed::Exact);
        }
        let quote = clean(quote, &mut Repairs::default());
        if quote.trim().is_empty() {
            return None;
        }
        // Where the quote would be if the texts differ only by normalization.
        let removed = self.crlf.partition_point(|&i| i < a) + self.lead;
        let mut at = a.saturating_sub(removed).min(self.doc.len());
        while !self.doc.is_char_boundary(at) {
            at -= 1;
        }
        let context = |s: &str| clean(s, &mut Repairs::default());
        let before = &self.source[..a];
        let prefix_start = before
            .char_indices()
            .rev()
            .nth(CONTEXT_CHARS - 1)
            .map_or(0, |(i, _)| i);
        let after = &self.source[b..];
        let suffix_end = after
            .char_indices()
            .nth(CONTEXT_CHARS)
            .map_or(after.len(), |(i, _)| i);
        let mut anchor = Anchor {
            start: at,
            end: at + quote.len(),
            prefix: context(&before[prefix_start..]),
            suffix: context(&after[..suffix_end]),
            quote,
        };
        match reanchor(&mut anchor, self.doc) {
            AnchorState::Ok if anchor.start == at => Some(Placed::Exact(anchor)),
            AnchorState::Ok | AnchorState::Moved => Some(Placed::Moved(anchor)),
            // Words of the quote differ from the document's: not the same passage.
            AnchorState::Changed | AnchorState::Orphaned => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_crlf_source_with_a_bom_stripped_lands_where_its_quote_is() {
        let doc = "First line.\nSecond «line».\n\nThird line.";
        let source = "\r\n\r\nFirst line.\r\nSecond «line».\r\n\r\nThird line.\r\n";
        let p = Placer::new(source, doc);
        let start = source.chars().position(|c| c == 'T').unwrap();
        let end = start + "Third".chars().count();
        assert_eq!(p.quote(start, end), Some("Third"));
        let Some(Placed::Exact(anchor)) = p.place(start, end) else {
            panic!("not placed exactly")
        };
        assert_eq!(&doc[anchor.start..anchor.end], "Third");
        // A quote across a line end is found with its line end made `\n`.
        let start = source.chars().position(|c| c == '»').unwrap();
        let Some(Placed::Exact(a)) = p.place(start, start + 5) else {
            panic!("not placed")
        };
        assert_eq!(a.quote, "».\n\n");
    }

    #[test]
    fn a_quote_the_document_does_not_have_is_not_placed() {
        let p = Placer::new("Nothing in common here at all.", "Completely other words.");
        assert!(p.place(0, 7).is_none());
        assert!(p.place(0, 99).is_none(), "past the end");
    }
}
