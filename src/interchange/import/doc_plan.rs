//! What an import does to one document: the highlights, tags, notes and status planned for
//! it, and the notebook changes they make.

use super::report::Report;
use crate::interchange::guid::{self, Kind};
use crate::notebook::model::sort_highlights;
use crate::notebook::{Change, DocRef, Highlight, Note, Notebook, TaggedBy};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// What the import does to one document.
pub(super) struct DocPlan<'a> {
    pub(super) doc: DocRef,
    /// Highlights made or changed, by id.
    pub(super) highlights: BTreeMap<String, Highlight>,
    /// The notebook's highlights of the document, by id.
    pub(super) saved: HashMap<&'a str, &'a Highlight>,
    /// The id of the highlight (saved or planned) at each place.
    pub(super) by_range: HashMap<(usize, usize), String>,
    /// The id of the saved highlight each selection GUID was exported from.
    pub(super) by_guid: HashMap<String, String>,
    pub(super) tags: BTreeSet<String>,
    /// Who applied which of `tags`, where the project says.
    pub(super) tagged_by: TaggedBy,
    pub(super) notes: Vec<Note>,
    pub(super) status: Option<String>,
}

impl<'a> DocPlan<'a> {
    /// Nothing planned yet for `doc`, with what the notebook has of it.
    pub(super) fn new(notebook: &'a Notebook, doc: &DocRef) -> DocPlan<'a> {
        let saved: &'a [Highlight] = notebook.doc(&doc.path).map_or(&[], |e| &e.highlights);
        let mut by_range = HashMap::with_capacity(saved.len());
        for h in saved {
            by_range
                .entry((h.anchor.start, h.anchor.end))
                .or_insert_with(|| h.id.clone());
        }
        DocPlan {
            doc: doc.clone(),
            highlights: BTreeMap::new(),
            saved: saved.iter().map(|h| (h.id.as_str(), h)).collect(),
            by_range,
            by_guid: saved
                .iter()
                .map(|h| (guid::guid(Kind::Selection, &h.id), h.id.clone()))
                .collect(),
            tags: BTreeSet::new(),
            tagged_by: TaggedBy::new(),
            notes: Vec::new(),
            status: None,
        }
    }

    /// The changes this plan makes to the notebook's entry of its document.
    pub(super) fn changes(self, notebook: &Notebook, report: &mut Report) -> Vec<Change> {
        let mut changes = Vec::new();
        let entry = notebook.doc(&self.doc.path);
        let DocPlan {
            doc,
            highlights,
            saved,
            tags,
            tagged_by,
            notes,
            status,
            ..
        } = self;
        let before: Vec<String> = entry.map(|e| e.tags.clone()).unwrap_or_default();
        let mut after: BTreeSet<String> = before.iter().cloned().collect();
        after.extend(tags);
        if after.len() != before.len() {
            report.doc_tags += after.len() - before.len();
            let from_by = entry.map(|e| e.tagged_by.clone()).unwrap_or_default();
            let to_by = with_taggers(&from_by, tagged_by, &before);
            changes.push(Change::SetDocTags {
                doc: doc.clone(),
                from: before,
                to: after.into_iter().collect(),
                from_by,
                to_by,
            });
        }
        if let Some(status) = status {
            report.statuses += 1;
            changes.push(Change::SetStatus {
                doc: doc.clone(),
                from: None,
                to: Some(status),
                from_by: String::new(),
                to_by: String::new(),
            });
        }
        for note in notes {
            if entry.is_some_and(|e| e.notes.iter().any(|n| n.text == note.text)) {
                continue;
            }
            report.notes += 1;
            changes.push(Change::AddNote {
                doc: doc.clone(),
                note,
            });
        }
        let mut highlights: Vec<Highlight> = highlights.into_values().collect();
        sort_highlights(&mut highlights);
        for h in highlights {
            match saved.get(h.id.as_str()) {
                Some(old) if **old == h => {}
                Some(old) => changes.push(Change::EditHighlight {
                    doc: doc.clone(),
                    from: (*old).clone(),
                    to: h,
                }),
                None => changes.push(Change::AddHighlight {
                    doc: doc.clone(),
                    highlight: h,
                }),
            }
        }
        changes
    }
}

/// Who applied the document's tags after the import: as before, plus the project's
/// coders of the tags the document did not have yet.
fn with_taggers(before: &TaggedBy, imported: TaggedBy, had: &[String]) -> TaggedBy {
    let mut out = before.clone();
    for (coder, tags) in imported {
        let theirs = out.entry(coder).or_default();
        for tag in tags.into_iter().filter(|t| !had.contains(t)) {
            if !theirs.contains(&tag) {
                theirs.push(tag);
            }
        }
        theirs.sort();
    }
    out.retain(|_, tags| !tags.is_empty());
    out
}
