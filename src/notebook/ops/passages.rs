//! Operations on passages and notes: highlighting a span or a quote, tagging and
//! annotating highlights, and the notes of a document.

use super::{
    OpError, Stamp, append, clean_tags, codebook_additions, edit, highlight_by_id, highlights_of,
    mine, note_text, union,
};
use crate::notebook::model::{
    Anchor, AnchorState, Change, DocRef, Highlight, Note, Notebook, clean_tag,
};
use std::collections::BTreeSet;
use std::ops::Range;

/// Highlights `text[range]` of a document with `tags` and an optional note, made by the
/// stamp's coder. That coder's highlight already on exactly that span (or one whose coder
/// was never recorded) gains the tags and the note instead of being doubled; another
/// coder's stays theirs, since agreement counts each coder's highlights.
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
        e.highlights.iter().find(|h| {
            h.anchor.start == anchor.start && h.anchor.end == anchor.end && mine(h, stamp.coder())
        })
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
                by: stamp.coder().to_owned(),
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
            by: stamp.coder().to_owned(),
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

/// Adds `note` to the stamp coder's first highlight of `quote` (after any note it has), or
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
    let found = highlights_of(notebook, doc, quote).unwrap_or_default();
    match found.into_iter().find(|h| mine(h, stamp.coder())) {
        Some(h) => {
            let mut to = h.clone();
            to.note = Some(append(h.note.as_deref(), note));
            Ok(vec![Change::EditHighlight {
                doc: doc.clone(),
                from: h.clone(),
                to,
            }])
        }
        None => highlight_quote(notebook, doc, text, quote, &[], Some(note), stamp),
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

/// Accepts the new wording of a document's highlights whose wording changed
/// ([`AnchorState::Changed`]): each takes the text now at its offsets as its quote, with
/// fresh context. One change each, so an undo brings the old quote back.
pub fn accept_wording(notebook: &Notebook, doc: &DocRef, text: &str) -> Vec<Change> {
    let Some(entry) = notebook.doc(&doc.path) else {
        return Vec::new();
    };
    entry
        .highlights
        .iter()
        .filter(|h| h.state == AnchorState::Changed)
        .filter_map(|h| {
            let anchor = Anchor::of(text, h.anchor.start, h.anchor.end)?;
            let to = Highlight {
                anchor,
                state: AnchorState::Ok,
                ..h.clone()
            };
            Some(Change::EditHighlight {
                doc: doc.clone(),
                from: h.clone(),
                to,
            })
        })
        .collect()
}
