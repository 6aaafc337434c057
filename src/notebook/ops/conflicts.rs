//! Resolving a conflict a merge recorded: the field takes one side's value and the conflict
//! is dropped, as ordinary changes, so a resolution is undone like any other edit.

use super::OpError;
use crate::notebook::conflict::{Conflict, Side};
use crate::notebook::model::{Change, DocRef, Notebook};

/// The changes that resolve `conflict` (on document `doc`, or with `None` on the codebook)
/// by taking `side`'s value: the field is set to it (a side's `None` deletes the note,
/// highlight or tag), then the conflict is removed. The field's value now is what the
/// changes start from, so an edit made since the merge is undone exactly. A value that can
/// no longer be put back (a note deleted since) leaves the field as it is.
pub fn resolve_conflict(
    notebook: &Notebook,
    doc: Option<&DocRef>,
    conflict: &Conflict,
    side: Side,
) -> Result<Vec<Change>, OpError> {
    let entry = doc.and_then(|d| notebook.doc(&d.path));
    let recorded = match doc {
        Some(_) => entry.is_some_and(|e| e.conflicts.contains(conflict)),
        None => notebook.conflicts.contains(conflict),
    };
    if !recorded {
        return Err(OpError::NoConflict {
            doc: doc.map_or("the codebook".to_owned(), |d| d.path.clone()),
        });
    }
    let mut changes = Vec::new();
    match (conflict, doc) {
        (Conflict::Tag { name, ours, theirs }, _) => {
            let chosen = pick(side, ours, theirs);
            match (notebook.tag(name), chosen) {
                (Some(now), Some(tag)) if now != tag => changes.push(Change::EditTag {
                    from: now.clone(),
                    to: tag.clone(),
                }),
                (Some(now), None) => changes.push(Change::RemoveTag(now.clone())),
                (None, Some(tag)) => changes.push(Change::AddTag(tag.clone())),
                _ => {}
            }
        }
        (_, None) => {}
        (
            Conflict::Status {
                ours,
                ours_by,
                theirs,
                theirs_by,
            },
            Some(doc),
        ) => {
            let (to, to_by) = pick(side, (ours, ours_by), (theirs, theirs_by));
            let from = entry.and_then(|e| e.status.clone());
            let from_by = entry.map(|e| e.status_by.clone()).unwrap_or_default();
            if from != *to || from_by != *to_by {
                changes.push(Change::SetStatus {
                    doc: doc.clone(),
                    from,
                    to: to.clone(),
                    from_by,
                    to_by: to_by.clone(),
                });
            }
        }
        (Conflict::Note { id, ours, theirs }, Some(doc)) => {
            let note = entry.and_then(|e| e.notes.iter().find(|n| &n.id == id));
            match (note, pick(side, ours, theirs)) {
                (Some(n), Some(text)) if n.text != *text => changes.push(Change::EditNote {
                    doc: doc.clone(),
                    id: id.clone(),
                    from: n.text.clone(),
                    to: text.clone(),
                }),
                (Some(n), None) => changes.push(Change::RemoveNote {
                    doc: doc.clone(),
                    note: n.clone(),
                }),
                _ => {}
            }
        }
        (
            Conflict::HighlightNote { id, .. }
            | Conflict::HighlightAnchor { id, .. }
            | Conflict::HighlightDeleted { id, .. },
            Some(doc),
        ) => {
            let Some(h) = entry.and_then(|e| e.highlights.iter().find(|h| &h.id == id)) else {
                changes.push(remove(Some(doc), conflict));
                return Ok(changes);
            };
            let mut to = h.clone();
            match conflict {
                Conflict::HighlightNote { ours, theirs, .. } => {
                    to.note = pick(side, ours, theirs).clone();
                }
                Conflict::HighlightAnchor { ours, theirs, .. } => {
                    to.anchor = pick(side, ours, theirs).clone();
                }
                Conflict::HighlightDeleted { deleted_in, .. } if *deleted_in == side => {
                    changes.push(Change::RemoveHighlight {
                        doc: doc.clone(),
                        highlight: h.clone(),
                    });
                }
                _ => {}
            }
            if to != *h && changes.is_empty() {
                changes.push(Change::EditHighlight {
                    doc: doc.clone(),
                    from: h.clone(),
                    to,
                });
            }
        }
    }
    changes.push(remove(doc, conflict));
    Ok(changes)
}

fn pick<T>(side: Side, ours: T, theirs: T) -> T {
    match side {
        Side::Ours => ours,
        Side::Theirs => theirs,
    }
}

fn remove(doc: Option<&DocRef>, conflict: &Conflict) -> Change {
    Change::RemoveConflict {
        doc: doc.cloned(),
        conflict: conflict.clone(),
    }
}
