//! Every change an analyst can ask for, as a pure function from the notebook and the
//! request to the [`Change`]s that make it. The command line applies them; the screen
//! applies them and keeps them for undo. A request that cannot be done is an [`OpError`]
//! and no change at all. No IO and no clock: time, ids and the coder come in through a
//! [`Stamp`] (or, for statuses and document tags, a `by` argument).

mod conflicts;
mod passages;
mod tags;

pub use conflicts::resolve_conflict;
pub use passages::{
    accept_wording, add_note, edit_note, find_quote, highlight, highlight_quote, note_quote,
    remove_highlight, set_highlight_note, set_highlight_tags, untag_highlights,
};
pub use tags::{TagCount, merge_tags, rename_tag, tag_counts, tag_documents, untag_documents};

use super::model::{
    Change, DocRef, Highlight, Notebook, Tag, TagError, TaggedBy, clean_tag, new_id,
};
use std::collections::BTreeSet;

/// The moment changes are made, the ids handed out at it, and who makes them.
#[derive(Debug, Clone)]
pub struct Stamp {
    millis: i64,
    sequence: u32,
    created: String,
    by: String,
}

impl Stamp {
    /// A stamp for changes made at `now` by an unknown coder (see [`Stamp::by`]).
    pub fn new(now: jiff::Timestamp) -> Stamp {
        Stamp {
            millis: now.as_millisecond(),
            sequence: 0,
            created: now.strftime("%Y-%m-%dT%H:%M:%SZ").to_string(),
            by: String::new(),
        }
    }

    /// The same stamp for changes made by `coder` (resolved by the caller: the config's
    /// `coder`, git's user name, `$USER`).
    pub fn by(mut self, coder: &str) -> Stamp {
        coder.clone_into(&mut self.by);
        self
    }

    /// Who makes the changes; empty when unknown.
    pub fn coder(&self) -> &str {
        &self.by
    }

    /// When, as saved in notes and highlights (RFC 3339, UTC, whole seconds).
    pub fn created(&self) -> &str {
        &self.created
    }

    /// An id no note or highlight of `notebook` has yet.
    pub fn fresh_id(&mut self, notebook: &Notebook) -> String {
        self.fresh_id_where(|id| notebook.has_id(id))
    }

    /// An id `taken` says is free. Ids of one stamp never repeat, so ids it handed out
    /// need not be among the taken.
    pub fn fresh_id_where(&mut self, taken: impl Fn(&str) -> bool) -> String {
        loop {
            // Ids hold 20 bits of sequence; past that, borrow the next millisecond.
            if self.sequence >= 1 << 20 {
                self.millis += 1;
                self.sequence = 0;
            }
            let id = new_id(self.millis, self.sequence);
            self.sequence += 1;
            if !taken(&id) {
                return id;
            }
        }
    }
}

/// A request that cannot be carried out.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum OpError {
    /// A tag name that cannot be used.
    #[error(transparent)]
    Tag(#[from] TagError),
    /// No tag was given where one is needed.
    #[error("no tag given")]
    NoTags,
    /// A note with no text.
    #[error("a note cannot be empty")]
    EmptyNote,
    /// A status that is not configured.
    #[error("unknown status {status:?}; the statuses are: {}", allowed.join(", "))]
    UnknownStatus {
        /// What was asked for.
        status: String,
        /// The configured statuses.
        allowed: Vec<String>,
    },
    /// The quote is not in the document's text.
    #[error("{quote:?} is not in the text of {doc}")]
    QuoteNotFound {
        /// The document's path.
        doc: String,
        /// The quote.
        quote: String,
    },
    /// A byte range that is not a non-empty span of the text on character boundaries.
    #[error("{start}..{end} is not a span of the text of {doc}")]
    BadRange {
        /// The document's path.
        doc: String,
        /// Start byte offset.
        start: usize,
        /// End byte offset.
        end: usize,
    },
    /// No highlight matches.
    #[error("no highlight {what} in {doc}")]
    NoHighlight {
        /// The document's path.
        doc: String,
        /// The quote or id asked for.
        what: String,
    },
    /// No note has this id.
    #[error("no note {id} in {doc}")]
    NoNote {
        /// The document's path.
        doc: String,
        /// The id asked for.
        id: String,
    },
    /// No such conflict is recorded (it was resolved already).
    #[error("no such conflict in {doc}")]
    NoConflict {
        /// The document's path, or `the codebook`.
        doc: String,
    },
    /// The tag is not used anywhere in the notebook.
    #[error("no tag {0:?} in the notebook")]
    UnknownTag(String),
    /// Renaming onto a tag that exists.
    #[error("tag {0:?} already exists (merge into it instead)")]
    TagExists(String),
    /// Renaming or merging a tag onto itself.
    #[error("{0:?} is the same tag")]
    SameTag(String),
}

/// Sets the status of each document (`None`: untriaged), as set by coder `by`. The status
/// must be one of `allowed`; letter case is forgiven and the configured spelling saved. A
/// document that already has the status keeps it, and who set it.
pub fn set_status(
    notebook: &Notebook,
    docs: &[DocRef],
    status: Option<&str>,
    allowed: &[&str],
    by: &str,
) -> Result<Vec<Change>, OpError> {
    let to = match status {
        None => None,
        Some(asked) => {
            let asked = asked.trim();
            let found = allowed
                .iter()
                .find(|s| **s == asked)
                .or_else(|| allowed.iter().find(|s| s.eq_ignore_ascii_case(asked)));
            match found {
                Some(s) => Some((*s).to_owned()),
                None => {
                    return Err(OpError::UnknownStatus {
                        status: asked.to_owned(),
                        allowed: allowed.iter().map(|s| (*s).to_owned()).collect(),
                    });
                }
            }
        }
    };
    let to_by = if to.is_some() { by } else { "" };
    Ok(unique(docs)
        .filter_map(|doc| {
            let entry = notebook.doc(&doc.path);
            let from = entry.and_then(|e| e.status.clone());
            (from != to).then(|| Change::SetStatus {
                doc: doc.clone(),
                from,
                to: to.clone(),
                from_by: entry.map(|e| e.status_by.clone()).unwrap_or_default(),
                to_by: to_by.to_owned(),
            })
        })
        .collect())
}

fn clean_tags(tags: &[String]) -> Result<Vec<String>, OpError> {
    let cleaned: BTreeSet<String> = tags
        .iter()
        .map(|t| clean_tag(t))
        .collect::<Result<_, _>>()?;
    if cleaned.is_empty() {
        return Err(OpError::NoTags);
    }
    Ok(cleaned.into_iter().collect())
}

fn codebook_additions(notebook: &Notebook, tags: &[String]) -> Vec<Change> {
    tags.iter()
        .filter(|t| notebook.tag(t).is_none())
        .map(|t| Change::AddTag(Tag::named(t)))
        .collect()
}

fn doc_tags(notebook: &Notebook, doc: &DocRef) -> (Vec<String>, TaggedBy) {
    notebook
        .doc(&doc.path)
        .map(|e| (e.tags.clone(), e.tagged_by.clone()))
        .unwrap_or_default()
}

/// Who applied which tags, once the document's tags are `tags`: coders keep only tags the
/// document still has, and `by` (unless unknown) gains `added`.
fn coders_after(from: &TaggedBy, tags: &[String], by: &str, added: &[String]) -> TaggedBy {
    let mut out = TaggedBy::new();
    for (coder, theirs) in from {
        let kept: Vec<String> = theirs
            .iter()
            .filter(|t| tags.contains(t))
            .cloned()
            .collect();
        if !kept.is_empty() {
            out.insert(coder.clone(), kept);
        }
    }
    if !by.is_empty() && !added.is_empty() {
        let mine = out.entry(by.to_owned()).or_default();
        *mine = union(mine, added);
    }
    out
}

fn unique(docs: &[DocRef]) -> impl Iterator<Item = &DocRef> {
    let mut seen = BTreeSet::new();
    docs.iter().filter(move |d| seen.insert(d.path.as_str()))
}

fn union(a: &[String], b: &[String]) -> Vec<String> {
    a.iter()
        .chain(b)
        .cloned()
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect()
}

fn append(existing: Option<&str>, note: &str) -> String {
    match existing {
        Some(old) if !old.is_empty() => format!("{old}\n\n{note}"),
        _ => note.to_owned(),
    }
}

/// True when coder `coder` may extend highlight `h`: it is theirs, or its coder is unknown
/// (a highlight from before coders were recorded belongs to whoever works on it next).
fn mine(h: &Highlight, coder: &str) -> bool {
    h.by == coder || h.by.is_empty()
}

fn note_text(text: &str) -> Result<&str, OpError> {
    let text = text.trim();
    if text.is_empty() {
        Err(OpError::EmptyNote)
    } else {
        Ok(text)
    }
}

fn edit(doc: &DocRef, from: &Highlight, to: Highlight) -> Vec<Change> {
    if *from == to {
        Vec::new()
    } else if to.tags.is_empty() && to.note.is_none() {
        // A highlight with neither tag nor note says nothing: it goes.
        vec![Change::RemoveHighlight {
            doc: doc.clone(),
            highlight: from.clone(),
        }]
    } else {
        vec![Change::EditHighlight {
            doc: doc.clone(),
            from: from.clone(),
            to,
        }]
    }
}

/// The document's highlights whose quote is `quote` (whitespace runs compared as one).
fn highlights_of<'a>(
    notebook: &'a Notebook,
    doc: &DocRef,
    quote: &str,
) -> Result<Vec<&'a Highlight>, OpError> {
    let words = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    let wanted = words(quote);
    let found: Vec<&Highlight> = notebook
        .doc(&doc.path)
        .map(|e| {
            e.highlights
                .iter()
                .filter(|h| words(&h.anchor.quote) == wanted)
                .collect()
        })
        .unwrap_or_default();
    if found.is_empty() {
        Err(OpError::NoHighlight {
            doc: doc.path.clone(),
            what: format!("of {quote:?}"),
        })
    } else {
        Ok(found)
    }
}

fn highlight_by_id<'a>(
    notebook: &'a Notebook,
    doc: &DocRef,
    id: &str,
) -> Result<&'a Highlight, OpError> {
    notebook
        .doc(&doc.path)
        .and_then(|e| e.highlights.iter().find(|h| h.id == id))
        .ok_or_else(|| OpError::NoHighlight {
            doc: doc.path.clone(),
            what: id.to_owned(),
        })
}
