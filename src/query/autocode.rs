//! Autocode (SPEC §6): every hit of a query's phrases in the documents the query matches
//! becomes a highlight with the given tags, spanning the phrase, its sentence or its
//! paragraph. The result is a list of [`Change`]s that the caller applies as one undo step;
//! nothing here writes. An identical highlight is never made twice.

use super::{FieldIndex, Query, filter, phrase_matches};
use crate::notebook::model::{
    Anchor, AnchorState, Change, DocRef, Highlight, Notebook, Tag, TagError, clean_tag, new_id,
};
use crate::segment;
use crate::store::Document;
use rayon::prelude::*;
use std::ops::Range;
use std::str::FromStr;
use std::sync::atomic::AtomicBool;

/// How much text around a phrase hit a highlight spans.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// The phrase as found.
    Phrase,
    /// The sentence (or sentences) holding it.
    Sentence,
    /// The paragraph (or paragraphs) holding it.
    Paragraph,
    /// The speaker turn (or turns) holding it, label included (SPEC §10); a hit outside
    /// any turn is tagged as the phrase.
    Turn,
}

impl Scope {
    /// `phrase`, `sentence` or `paragraph`.
    pub fn name(self) -> &'static str {
        match self {
            Scope::Phrase => "phrase",
            Scope::Sentence => "sentence",
            Scope::Paragraph => "paragraph",
            Scope::Turn => "turn",
        }
    }
}

impl FromStr for Scope {
    type Err = String;

    fn from_str(s: &str) -> Result<Scope, String> {
        match s {
            "phrase" => Ok(Scope::Phrase),
            "sentence" => Ok(Scope::Sentence),
            "paragraph" => Ok(Scope::Paragraph),
            "turn" => Ok(Scope::Turn),
            _ => Err(format!(
                "expected phrase, sentence, paragraph or turn as the scope, not {s:?}"
            )),
        }
    }
}

/// What an autocode run would do: the changes, and counts for the confirmation.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Autocode {
    /// New codebook tags first, then new and extended highlights, by document.
    pub changes: Vec<Change>,
    /// Highlights made.
    pub highlights: usize,
    /// Existing highlights of the same span that get the missing tags.
    pub extended: usize,
    /// Documents with a new or extended highlight.
    pub documents: usize,
}

/// Why autocode cannot run.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AutocodeError {
    /// The query has no phrase to find.
    #[error("autocode needs a phrase in the query, such as \"hybrid threats\"")]
    NoPhrase,
    /// No tag was given.
    #[error("autocode needs at least one tag")]
    NoTags,
    /// A tag name that cannot be used.
    #[error(transparent)]
    Tag(#[from] TagError),
}

/// Computes the changes that tag every phrase hit of `query` in the matching documents.
/// `now` dates the new highlights and seeds their ids; `by` is the coder who makes them
/// (their own highlights of the same span, or ones of no recorded coder, are extended).
pub fn autocode(
    docs: &[Document],
    notebook: &Notebook,
    query: &Query,
    scope: Scope,
    tags: &[String],
    now: jiff::Timestamp,
    by: &str,
) -> Result<Autocode, AutocodeError> {
    if query.phrases().next().is_none() {
        return Err(AutocodeError::NoPhrase);
    }
    let mut wanted: Vec<String> = Vec::new();
    for tag in tags {
        let tag = clean_tag(tag)?;
        if !wanted.contains(&tag) {
            wanted.push(tag);
        }
    }
    if wanted.is_empty() {
        return Err(AutocodeError::NoTags);
    }
    // One run: the fields are read in place rather than indexed first.
    let fields = FieldIndex::default();
    let hits = filter(query, docs, &fields, notebook, &AtomicBool::new(false)).unwrap_or_default();
    let spans: Vec<(usize, Vec<Range<usize>>)> = hits
        .par_iter()
        .filter_map(|hit| {
            let doc = docs.get(hit.index)?;
            Some((hit.index, scoped(doc, &phrase_matches(query, doc), scope)))
        })
        .collect();

    let mut out = Autocode::default();
    for tag in &wanted {
        if notebook.tag(tag).is_none() {
            out.changes.push(Change::AddTag(Tag::named(tag)));
        }
    }
    let created = now.strftime("%Y-%m-%dT%H:%M:%SZ").to_string();
    let millis = now.as_millisecond();
    let mut sequence: i64 = 0;
    for (index, ranges) in spans {
        let doc = &docs[index];
        let existing = notebook.doc(&doc.path).map(|n| n.highlights.as_slice());
        let doc_ref = DocRef {
            path: doc.path.clone(),
            id: doc.id.clone(),
            title: doc.meta.title.clone(),
        };
        let before = out.changes.len();
        for range in ranges {
            let same = existing.unwrap_or_default().iter().find(|h| {
                h.state != AnchorState::Orphaned
                    && h.anchor.start == range.start
                    && h.anchor.end == range.end
                    && (h.by == by || h.by.is_empty())
            });
            if let Some(old) = same {
                let missing: Vec<&String> =
                    wanted.iter().filter(|t| !old.tags.contains(t)).collect();
                if !missing.is_empty() {
                    let mut new = old.clone();
                    new.tags.extend(missing.into_iter().cloned());
                    out.changes.push(Change::EditHighlight {
                        doc: doc_ref.clone(),
                        from: old.clone(),
                        to: new,
                    });
                    out.extended += 1;
                }
                continue;
            }
            let Some(anchor) = Anchor::of(&doc.text, range.start, range.end) else {
                continue;
            };
            // Ids carry a 20-bit sequence; a run longer than that moves on a millisecond.
            let id = new_id(
                millis + sequence / (1 << 20),
                u32::try_from(sequence % (1 << 20)).unwrap_or(0),
            );
            sequence += 1;
            out.changes.push(Change::AddHighlight {
                doc: doc_ref.clone(),
                highlight: Highlight {
                    id,
                    tags: wanted.clone(),
                    note: None,
                    created: created.clone(),
                    by: by.to_owned(),
                    anchor,
                    state: AnchorState::Ok,
                },
            });
            out.highlights += 1;
        }
        if out.changes.len() > before {
            out.documents += 1;
        }
    }
    Ok(out)
}

/// The spans to highlight for the phrase hits `hits` of `doc`, in order, without repeats
/// (autocode, and tagging hits in the KWIC view).
pub fn scoped(doc: &Document, hits: &[Range<usize>], scope: Scope) -> Vec<Range<usize>> {
    let text = &doc.text;
    let units = match scope {
        Scope::Phrase => return hits.to_vec(),
        Scope::Sentence => segment::sentences(text),
        Scope::Paragraph => segment::paragraphs(text),
        Scope::Turn => doc.meta.turns.iter().map(|t| t.start..t.end).collect(),
    };
    let mut out: Vec<Range<usize>> = Vec::new();
    for hit in hits {
        // From the first unit that ends after the hit starts to the last that starts before
        // it ends: a phrase across a sentence break takes both sentences.
        let first = units.partition_point(|u| u.end <= hit.start);
        let after = units.partition_point(|u| u.start < hit.end);
        let span = if first < after {
            units[first].start..units[after - 1].end
        } else {
            hit.clone()
        };
        if out.last() != Some(&span) {
            out.push(span);
        }
    }
    out
}
