//! Every change an analyst can ask for, as a pure function from the notebook and the
//! request to the [`Change`]s that make it. The command line applies them; the screen
//! applies them and keeps them for undo. A request that cannot be done is an [`OpError`]
//! and no change at all. No IO and no clock: time and ids come in through a [`Stamp`].

use super::model::{
    Anchor, AnchorState, Change, DocRef, Highlight, Note, Notebook, Tag, TagError, clean_tag,
    new_id, tag_covers,
};
use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;

/// The moment changes are made, and the ids handed out at it.
#[derive(Debug, Clone)]
pub struct Stamp {
    millis: i64,
    sequence: u32,
    created: String,
}

impl Stamp {
    /// A stamp for changes made at `now`.
    pub fn new(now: jiff::Timestamp) -> Stamp {
        Stamp {
            millis: now.as_millisecond(),
            sequence: 0,
            created: now.strftime("%Y-%m-%dT%H:%M:%SZ").to_string(),
        }
    }

    /// When, as saved in notes and highlights (RFC 3339, UTC, whole seconds).
    pub fn created(&self) -> &str {
        &self.created
    }

    /// An id no note or highlight of `notebook` has yet.
    pub fn fresh_id(&mut self, notebook: &Notebook) -> String {
        loop {
            // Ids hold 20 bits of sequence; past that, borrow the next millisecond.
            if self.sequence >= 1 << 20 {
                self.millis += 1;
                self.sequence = 0;
            }
            let id = new_id(self.millis, self.sequence);
            self.sequence += 1;
            if !notebook.has_id(&id) {
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

/// Adds `tags` to each document; tags new to the codebook join it.
pub fn tag_documents(
    notebook: &Notebook,
    docs: &[DocRef],
    tags: &[String],
) -> Result<Vec<Change>, OpError> {
    let tags = clean_tags(tags)?;
    let mut changes = codebook_additions(notebook, &tags);
    for doc in unique(docs) {
        let from = doc_tags(notebook, doc);
        let to: Vec<String> = from
            .iter()
            .chain(&tags)
            .cloned()
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        if to != from {
            changes.push(Change::SetDocTags {
                doc: doc.clone(),
                from,
                to,
            });
        }
    }
    Ok(changes)
}

/// Removes `tags` from each document (the codebook keeps them).
pub fn untag_documents(
    notebook: &Notebook,
    docs: &[DocRef],
    tags: &[String],
) -> Result<Vec<Change>, OpError> {
    let tags = clean_tags(tags)?;
    let mut changes = Vec::new();
    for doc in unique(docs) {
        let from = doc_tags(notebook, doc);
        let to: Vec<String> = from.iter().filter(|t| !tags.contains(t)).cloned().collect();
        if to != from {
            changes.push(Change::SetDocTags {
                doc: doc.clone(),
                from,
                to,
            });
        }
    }
    Ok(changes)
}

/// Highlights `text[range]` of a document with `tags` and an optional note. A highlight
/// already on exactly that span gains the tags and the note instead of being doubled.
pub fn highlight(
    notebook: &Notebook,
    doc: &DocRef,
    text: &str,
    range: Range<usize>,
    tags: &[String],
    note: Option<&str>,
    stamp: &mut Stamp,
) -> Result<Vec<Change>, OpError> {
    let note = note.map(str::trim).filter(|n| !n.is_empty());
    let tags = if tags.is_empty() && note.is_some() {
        Vec::new()
    } else {
        clean_tags(tags)?
    };
    let anchor = Anchor::of(text, range.start, range.end).ok_or_else(|| OpError::BadRange {
        doc: doc.path.clone(),
        start: range.start,
        end: range.end,
    })?;
    let mut changes = codebook_additions(notebook, &tags);
    let existing = notebook.doc(&doc.path).and_then(|e| {
        e.highlights
            .iter()
            .find(|h| h.anchor.start == anchor.start && h.anchor.end == anchor.end)
    });
    match existing {
        Some(h) => {
            let mut to = h.clone();
            to.tags = union(&h.tags, &tags);
            if let Some(note) = note {
                to.note = Some(append(h.note.as_deref(), note));
            }
            if to != *h {
                changes.push(Change::EditHighlight {
                    doc: doc.clone(),
                    from: h.clone(),
                    to,
                });
            }
        }
        None => changes.push(Change::AddHighlight {
            doc: doc.clone(),
            highlight: Highlight {
                id: stamp.fresh_id(notebook),
                tags,
                note: note.map(str::to_owned),
                created: stamp.created().to_owned(),
                anchor,
                state: AnchorState::Ok,
            },
        }),
    }
    Ok(changes)
}

/// Highlights the first occurrence of `quote` in `text` (see [`find_quote`]).
pub fn highlight_quote(
    notebook: &Notebook,
    doc: &DocRef,
    text: &str,
    quote: &str,
    tags: &[String],
    note: Option<&str>,
    stamp: &mut Stamp,
) -> Result<Vec<Change>, OpError> {
    let range = find_quote(text, quote).ok_or_else(|| OpError::QuoteNotFound {
        doc: doc.path.clone(),
        quote: quote.to_owned(),
    })?;
    highlight(notebook, doc, text, range, tags, note, stamp)
}

/// The first occurrence of `quote` in `text`: exactly, else with any run of whitespace in
/// the quote matching any run in the text (a quote typed on one line still finds a
/// passage that wraps).
pub fn find_quote(text: &str, quote: &str) -> Option<Range<usize>> {
    let quote = quote.trim();
    if quote.is_empty() {
        return None;
    }
    if let Some(start) = memchr::memmem::find(text.as_bytes(), quote.as_bytes()) {
        return Some(start..start + quote.len());
    }
    let pattern: Vec<String> = quote.split_whitespace().map(regex::escape).collect();
    let re = regex::Regex::new(&pattern.join(r"\s+")).ok()?;
    re.find(text).map(|m| m.range())
}

/// Removes `tags` from the document's highlights of `quote`; a highlight left with no
/// tag and no note is removed.
pub fn untag_highlights(
    notebook: &Notebook,
    doc: &DocRef,
    quote: &str,
    tags: &[String],
) -> Result<Vec<Change>, OpError> {
    let tags = clean_tags(tags)?;
    let matching = highlights_of(notebook, doc, quote)?;
    let mut changes = Vec::new();
    for h in matching {
        let mut to = h.clone();
        to.tags.retain(|t| !tags.contains(t));
        if to.tags.is_empty() && to.note.is_none() {
            changes.push(Change::RemoveHighlight {
                doc: doc.clone(),
                highlight: h.clone(),
            });
        } else if to != *h {
            changes.push(Change::EditHighlight {
                doc: doc.clone(),
                from: h.clone(),
                to,
            });
        }
    }
    Ok(changes)
}

/// Adds a note to a document.
pub fn add_note(
    notebook: &Notebook,
    doc: &DocRef,
    text: &str,
    stamp: &mut Stamp,
) -> Result<Vec<Change>, OpError> {
    let text = note_text(text)?;
    Ok(vec![Change::AddNote {
        doc: doc.clone(),
        note: Note {
            id: stamp.fresh_id(notebook),
            text: text.to_owned(),
            created: stamp.created().to_owned(),
        },
    }])
}

/// Replaces the text of a document's note; an empty text removes the note.
pub fn edit_note(
    notebook: &Notebook,
    doc: &DocRef,
    id: &str,
    text: &str,
) -> Result<Vec<Change>, OpError> {
    let note = notebook
        .doc(&doc.path)
        .and_then(|e| e.notes.iter().find(|n| n.id == id))
        .ok_or_else(|| OpError::NoNote {
            doc: doc.path.clone(),
            id: id.to_owned(),
        })?;
    let text = text.trim();
    Ok(if text.is_empty() {
        vec![Change::RemoveNote {
            doc: doc.clone(),
            note: note.clone(),
        }]
    } else if text == note.text {
        Vec::new()
    } else {
        vec![Change::EditNote {
            doc: doc.clone(),
            id: id.to_owned(),
            from: note.text.clone(),
            to: text.to_owned(),
        }]
    })
}

/// Adds `note` to the document's first highlight of `quote` (after any note it has), or
/// makes a highlight of the quote's first occurrence carrying the note.
pub fn note_quote(
    notebook: &Notebook,
    doc: &DocRef,
    text: &str,
    quote: &str,
    note: &str,
    stamp: &mut Stamp,
) -> Result<Vec<Change>, OpError> {
    let note = note_text(note)?;
    match highlights_of(notebook, doc, quote) {
        Ok(found) => {
            let h = found[0];
            let mut to = h.clone();
            to.note = Some(append(h.note.as_deref(), note));
            Ok(vec![Change::EditHighlight {
                doc: doc.clone(),
                from: h.clone(),
                to,
            }])
        }
        Err(_) => highlight_quote(notebook, doc, text, quote, &[], Some(note), stamp),
    }
}

/// Sets or clears (`None` or blank) the note of a highlight, found by id.
pub fn set_highlight_note(
    notebook: &Notebook,
    doc: &DocRef,
    id: &str,
    note: Option<&str>,
) -> Result<Vec<Change>, OpError> {
    let h = highlight_by_id(notebook, doc, id)?;
    let mut to = h.clone();
    to.note = note
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .map(str::to_owned);
    Ok(edit(doc, h, to))
}

/// Replaces the tags of a highlight, found by id; new tags join the codebook.
pub fn set_highlight_tags(
    notebook: &Notebook,
    doc: &DocRef,
    id: &str,
    tags: &[String],
) -> Result<Vec<Change>, OpError> {
    let h = highlight_by_id(notebook, doc, id)?;
    let tags: Vec<String> = tags
        .iter()
        .map(|t| clean_tag(t))
        .collect::<Result<BTreeSet<_>, _>>()?
        .into_iter()
        .collect();
    let mut changes = codebook_additions(notebook, &tags);
    let mut to = h.clone();
    to.tags = tags;
    changes.extend(edit(doc, h, to));
    Ok(changes)
}

/// Removes a highlight, found by id.
pub fn remove_highlight(
    notebook: &Notebook,
    doc: &DocRef,
    id: &str,
) -> Result<Vec<Change>, OpError> {
    let h = highlight_by_id(notebook, doc, id)?;
    Ok(vec![Change::RemoveHighlight {
        doc: doc.clone(),
        highlight: h.clone(),
    }])
}

/// Sets the status of each document (`None`: untriaged). The status must be one of
/// `allowed`; letter case is forgiven and the configured spelling saved.
pub fn set_status(
    notebook: &Notebook,
    docs: &[DocRef],
    status: Option<&str>,
    allowed: &[&str],
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
    Ok(unique(docs)
        .filter_map(|doc| {
            let from = notebook.doc(&doc.path).and_then(|e| e.status.clone());
            (from != to).then(|| Change::SetStatus {
                doc: doc.clone(),
                from,
                to: to.clone(),
            })
        })
        .collect())
}

/// Renames a tag everywhere: codebook, documents and highlights; its sub-tags follow
/// (`cyber/5g` becomes `security/5g`). The new name must not be in use.
pub fn rename_tag(notebook: &Notebook, old: &str, new: &str) -> Result<Vec<Change>, OpError> {
    let (old, new) = (clean_tag(old)?, clean_tag(new)?);
    if old == new {
        return Err(OpError::SameTag(old));
    }
    if !used_at_or_below(notebook, &old) {
        return Err(OpError::UnknownTag(old));
    }
    if tag_counts(notebook).iter().any(|c| c.name == new) {
        return Err(OpError::TagExists(new));
    }
    Ok(rewrite(notebook, &old, &new))
}

/// Merges tag `from` into `into` everywhere; `from` leaves the codebook and its sub-tags
/// move below `into`. `into` keeps its colour and key.
pub fn merge_tags(notebook: &Notebook, from: &str, into: &str) -> Result<Vec<Change>, OpError> {
    let (from, into) = (clean_tag(from)?, clean_tag(into)?);
    if from == into {
        return Err(OpError::SameTag(from));
    }
    if !used_at_or_below(notebook, &from) {
        return Err(OpError::UnknownTag(from));
    }
    Ok(rewrite(notebook, &from, &into))
}

/// A tag with how often it is used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TagCount {
    /// The tag's name.
    pub name: String,
    /// Its codebook entry; `None` for a tag used but missing from the codebook.
    pub tag: Option<Tag>,
    /// Documents tagged with it.
    pub documents: usize,
    /// Highlights tagged with it.
    pub highlights: usize,
}

/// Every tag of the codebook or in use, by name, with its counts (exact names: a count
/// of `cyber` does not include `cyber/5g`).
pub fn tag_counts(notebook: &Notebook) -> Vec<TagCount> {
    let mut counts: BTreeMap<&str, TagCount> = BTreeMap::new();
    for tag in &notebook.codebook {
        counts.insert(
            &tag.name,
            TagCount {
                name: tag.name.clone(),
                tag: Some(tag.clone()),
                documents: 0,
                highlights: 0,
            },
        );
    }
    let blank = |name: &str| TagCount {
        name: name.to_owned(),
        tag: None,
        documents: 0,
        highlights: 0,
    };
    for entry in notebook.documents.values() {
        for t in &entry.tags {
            counts.entry(t).or_insert_with(|| blank(t)).documents += 1;
        }
        for h in &entry.highlights {
            for t in &h.tags {
                counts.entry(t).or_insert_with(|| blank(t)).highlights += 1;
            }
        }
    }
    counts.into_values().collect()
}

/// Rewrites every tag at or below `from` to the same place below `to`, except tags
/// already at or below `to` when `to` is itself below `from` (merging `a` into `a/b`
/// leaves `a/b/c` alone).
fn rewrite(notebook: &Notebook, from: &str, to: &str) -> Vec<Change> {
    let map = |t: &str| -> Option<String> {
        if !tag_covers(from, t) || (tag_covers(from, to) && tag_covers(to, t)) {
            return None;
        }
        Some(format!("{to}{}", &t[from.len()..]))
    };
    let map_all = |tags: &[String]| -> Vec<String> {
        tags.iter()
            .map(|t| map(t).unwrap_or_else(|| t.clone()))
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect()
    };
    let mut changes = Vec::new();
    let mut kept: BTreeSet<String> = BTreeSet::new();
    let mut renamed = Vec::new();
    for tag in &notebook.codebook {
        match map(&tag.name) {
            Some(name) => {
                changes.push(Change::RemoveTag(tag.clone()));
                renamed.push(Tag {
                    name,
                    ..tag.clone()
                });
            }
            None => {
                kept.insert(tag.name.clone());
            }
        }
    }
    // Removals first, then additions: a target may be a name that is being renamed away.
    for tag in renamed {
        if kept.insert(tag.name.clone()) {
            changes.push(Change::AddTag(tag));
        }
    }
    let mut edits = Vec::new();
    for (path, entry) in &notebook.documents {
        let doc = DocRef {
            path: path.clone(),
            id: entry.id.clone(),
            title: entry.title.clone(),
        };
        let tags = map_all(&entry.tags);
        if tags != entry.tags {
            edits.push(Change::SetDocTags {
                doc: doc.clone(),
                from: entry.tags.clone(),
                to: tags,
            });
        }
        for h in &entry.highlights {
            let tags = map_all(&h.tags);
            if tags != h.tags {
                let mut to = h.clone();
                to.tags = tags;
                edits.push(Change::EditHighlight {
                    doc: doc.clone(),
                    from: h.clone(),
                    to,
                });
            }
        }
    }
    // A tag used but missing from the codebook joins it under its new name.
    for edit in &edits {
        let used = match edit {
            Change::SetDocTags { to, .. } => to.as_slice(),
            Change::EditHighlight { to, .. } => to.tags.as_slice(),
            _ => &[],
        };
        for t in used {
            if kept.insert(t.clone()) {
                changes.push(Change::AddTag(Tag::named(t)));
            }
        }
    }
    changes.extend(edits);
    changes
}

fn used_at_or_below(notebook: &Notebook, name: &str) -> bool {
    tag_counts(notebook)
        .iter()
        .any(|c| tag_covers(name, &c.name))
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

fn doc_tags(notebook: &Notebook, doc: &DocRef) -> Vec<String> {
    notebook
        .doc(&doc.path)
        .map(|e| e.tags.clone())
        .unwrap_or_default()
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
