//! Changing the notebook from the screen: statuses, tags, notes, deletions, undo and redo.
//! Every change goes through [`State::commit`], which applies it, records it for undo and
//! asks for a save; a read-only notebook changes nothing and says why.

use super::editor::{NoteEditor, NoteTarget};
use super::history::Step;
use super::prompt::{TagEdit, TagTarget, parse_tag_edits};
use super::{NotesItem, SaveState, State};
use crate::action::Effect;
use crate::notebook::{Anchor, AnchorState, Change, Highlight, Note, Tag};

/// Why a change was refused while the notebook is read-only.
const READ_ONLY: &str = "read-only: another dossier has this notebook open; nothing was changed";

impl State {
    /// Applies `changes` as one undo step labelled `label`, and asks for a save.
    pub fn commit(&mut self, changes: Vec<Change>, label: String) -> Vec<Effect> {
        if self.save == SaveState::ReadOnly {
            self.message = Some(READ_ONLY.to_owned());
            return Vec::new();
        }
        if changes.is_empty() {
            self.message = Some(format!("{label}: nothing to change"));
            return Vec::new();
        }
        self.notebook.apply_all(&changes);
        self.message = Some(format!("{label} · u to undo"));
        self.history.record(Step { changes, label });
        self.after_notebook_change()
    }

    fn after_notebook_change(&mut self) -> Vec<Effect> {
        if self.list.sort == super::Sort::Status {
            let names = self.status_names();
            self.list.resort(&self.corpus, &self.notebook, &names);
        }
        self.save = SaveState::Saving;
        vec![Effect::SaveNotebook]
    }

    /// The configured status names.
    pub fn status_names(&self) -> Vec<String> {
        self.settings
            .statuses
            .iter()
            .map(|s| s.name.clone())
            .collect()
    }

    /// `u`.
    pub fn undo(&mut self) -> Vec<Effect> {
        if self.save == SaveState::ReadOnly {
            self.message = Some(READ_ONLY.to_owned());
            return Vec::new();
        }
        let Some(step) = self.history.undo() else {
            self.message = Some("nothing to undo".to_owned());
            return Vec::new();
        };
        let (inverse, label) = (step.inverse(), step.label.clone());
        self.notebook.apply_all(&inverse);
        self.message = Some(format!("undid: {label} · Ctrl-r to redo"));
        self.after_notebook_change()
    }

    /// `Ctrl-r`.
    pub fn redo(&mut self) -> Vec<Effect> {
        if self.save == SaveState::ReadOnly {
            self.message = Some(READ_ONLY.to_owned());
            return Vec::new();
        }
        let Some(step) = self.history.redo() else {
            self.message = Some("nothing to redo".to_owned());
            return Vec::new();
        };
        let (changes, label) = (step.changes.clone(), step.label.clone());
        self.notebook.apply_all(&changes);
        self.message = Some(format!("redid: {label}"));
        self.after_notebook_change()
    }

    /// The documents a documents-pane action applies to: the marked ones, else the selected.
    pub fn target_documents(&self) -> Vec<usize> {
        if self.list.marks.is_empty() {
            self.list.selected_index().into_iter().collect()
        } else {
            self.list.marks.iter().copied().collect()
        }
    }

    /// `1`…`9`, `0`: sets the status of the target documents, then advances.
    pub fn set_status(&mut self, index: Option<usize>) -> Vec<Effect> {
        let status = match index {
            Some(i) => match self.settings.statuses.get(i) {
                Some(s) => Some(s.name.clone()),
                None => {
                    self.message = Some(format!("no status {} is configured", i + 1));
                    return Vec::new();
                }
            },
            None => None,
        };
        let bulk = !self.list.marks.is_empty();
        let docs = self.target_documents();
        let changes: Vec<Change> = docs
            .iter()
            .filter_map(|&i| {
                let doc = self.doc_ref(i)?;
                let from = self.status_of(&doc.path).map(str::to_owned);
                (from != status).then(|| Change::SetStatus {
                    doc,
                    from,
                    to: status.clone(),
                })
            })
            .collect();
        let what = status.clone().unwrap_or_else(|| "untriaged".to_owned());
        let label = if docs.len() == 1 {
            format!("marked {what}")
        } else {
            format!("marked {} documents {what}", docs.len())
        };
        let n = changes.len();
        let effects = self.commit(changes, label);
        if !effects.is_empty() {
            self.session.triaged += n;
            if bulk {
                self.list.marks.clear();
            } else if self.settings.auto_advance && status.is_some() {
                self.advance_to_untriaged();
            }
        }
        effects
    }

    /// Selects the next untriaged document after the selection (wrapping round).
    fn advance_to_untriaged(&mut self) {
        let n = self.list.shown.len();
        let start = self.list.selected;
        let next = (1..n).map(|k| (start + k) % n).find(|&p| {
            let i = self.list.shown[p];
            self.status_of(&self.corpus.documents[i].path).is_none()
        });
        match next {
            Some(p) => {
                self.list.selected = p;
                self.list.keep_in_view(self.list_height());
                self.show_selected();
            }
            None => {
                let (done, total) = self.triaged();
                if let Some(m) = self.message.as_mut() {
                    m.push_str(&format!(" · all {done}/{total} triaged"));
                }
            }
        }
    }

    /// `t`: opens the tag prompt on the focused target.
    pub fn tag_target(&self) -> Option<TagTarget> {
        match self.focus {
            super::Pane::Documents => {
                let docs = self.target_documents();
                (!docs.is_empty()).then_some(TagTarget::Documents(docs))
            }
            super::Pane::Reader => {
                let doc = self.reader.doc?;
                Some(TagTarget::Passage {
                    doc,
                    range: self.reader.target_range()?,
                })
            }
            super::Pane::Notes => {
                let doc = self.list.selected_index()?;
                match self.selected_note_item()? {
                    NotesItem::Highlight(id) => Some(TagTarget::Highlight { doc, id }),
                    _ => Some(TagTarget::Documents(vec![doc])),
                }
            }
        }
    }

    /// Applies the tag prompt's text to a target; `Err` keeps the prompt open.
    pub fn apply_tags(&mut self, target: &TagTarget, text: &str) -> Result<Vec<Effect>, String> {
        let edits = parse_tag_edits(text).map_err(|e| e.to_string())?;
        let mut changes: Vec<Change> = edits
            .iter()
            .filter(|e| !e.remove && self.notebook.tag(&e.tag).is_none())
            .map(|e| Change::AddTag(Tag::named(&e.tag)))
            .collect();
        let (label, count) = match target {
            TagTarget::Documents(docs) => {
                for &i in docs {
                    let Some(doc) = self.doc_ref(i) else { continue };
                    let from = self
                        .notes_of(&doc.path)
                        .map(|n| n.tags.clone())
                        .unwrap_or_default();
                    let to = edit_tags(&from, &edits);
                    if to != from {
                        changes.push(Change::SetDocTags { doc, from, to });
                    }
                }
                let what = if docs.len() == 1 {
                    "the document".to_owned()
                } else {
                    format!("{} documents", docs.len())
                };
                (format!("tagged {what} {}", describe(&edits)), docs.len())
            }
            TagTarget::Passage { doc, range } => {
                changes.extend(self.tag_passage(*doc, range.clone(), &edits));
                (format!("tagged the passage {}", describe(&edits)), 1)
            }
            TagTarget::Highlight { doc, id } => {
                changes.extend(self.tag_highlight(*doc, id, &edits));
                (format!("tagged the highlight {}", describe(&edits)), 1)
            }
        };
        let effects = self.commit(changes, label);
        if !effects.is_empty() {
            self.session.tagged += count;
            if let TagTarget::Documents(_) = target {
                self.list.marks.clear();
            }
            self.reader.selection = None;
        }
        self.last_tags = Some(text.to_owned());
        Ok(effects)
    }

    /// A passage's tags: an existing highlight with the same range is edited, otherwise a new
    /// highlight is made; removals apply to every highlight overlapping the passage.
    fn tag_passage(
        &mut self,
        doc: usize,
        range: std::ops::Range<usize>,
        edits: &[TagEdit],
    ) -> Vec<Change> {
        let Some(doc_ref) = self.doc_ref(doc) else {
            return Vec::new();
        };
        let highlights = self
            .notes_of(&doc_ref.path)
            .map(|n| n.highlights.clone())
            .unwrap_or_default();
        let adds: Vec<TagEdit> = edits.iter().filter(|e| !e.remove).cloned().collect();
        let removes: Vec<TagEdit> = edits.iter().filter(|e| e.remove).cloned().collect();
        let mut changes = Vec::new();
        let same = highlights
            .iter()
            .find(|h| h.anchor.start == range.start && h.anchor.end == range.end);
        if !adds.is_empty() {
            match same {
                Some(h) => changes.extend(edit_highlight(&doc_ref, h, &adds)),
                None => {
                    let text = &self.corpus.documents[doc].text;
                    if let Some(anchor) = Anchor::of(text, range.start, range.end) {
                        let highlight = Highlight {
                            id: self.next_id(),
                            tags: adds.iter().map(|e| e.tag.clone()).collect(),
                            note: None,
                            created: self.now_stamp(),
                            anchor,
                            state: AnchorState::Ok,
                        };
                        changes.push(Change::AddHighlight {
                            doc: doc_ref.clone(),
                            highlight,
                        });
                    }
                }
            }
        }
        if !removes.is_empty() {
            for h in highlights
                .iter()
                .filter(|h| h.anchor.start < range.end && range.start < h.anchor.end)
            {
                changes.extend(edit_highlight(&doc_ref, h, &removes));
            }
        }
        changes
    }

    fn tag_highlight(&self, doc: usize, id: &str, edits: &[TagEdit]) -> Vec<Change> {
        let Some(doc_ref) = self.doc_ref(doc) else {
            return Vec::new();
        };
        let Some(h) = self
            .notes_of(&doc_ref.path)
            .and_then(|n| n.highlights.iter().find(|h| h.id == id))
        else {
            return Vec::new();
        };
        edit_highlight(&doc_ref, h, edits)
    }

    /// `a`: opens the note editor on the focused target.
    pub fn open_note_editor(&mut self) {
        let Some(doc) = self.list.selected_index() else {
            return;
        };
        let target = match self.focus {
            super::Pane::Documents => NoteTarget::Document { doc, note: None },
            super::Pane::Reader => match self.reader.target_range() {
                Some(range) => self.passage_note_target(doc, range),
                None => NoteTarget::Document { doc, note: None },
            },
            super::Pane::Notes => match self.selected_note_item() {
                Some(NotesItem::Highlight(id)) => NoteTarget::Highlight { doc, id },
                _ => NoteTarget::Document { doc, note: None },
            },
        };
        self.open_editor_on(target);
    }

    /// A note on a passage that already is a highlight edits that highlight's note.
    fn passage_note_target(&self, doc: usize, range: std::ops::Range<usize>) -> NoteTarget {
        let existing = self
            .current_path()
            .and_then(|p| self.notes_of(p))
            .and_then(|n| {
                n.highlights
                    .iter()
                    .find(|h| h.anchor.start == range.start && h.anchor.end == range.end)
            });
        match existing {
            Some(h) => NoteTarget::Highlight {
                doc,
                id: h.id.clone(),
            },
            None => NoteTarget::Passage { doc, range },
        }
    }

    /// `e`: edits the selected note or highlight note.
    pub fn edit_selected_note(&mut self) {
        let Some(doc) = self.list.selected_index() else {
            return;
        };
        match self.selected_note_item() {
            Some(NotesItem::Note(id)) => self.open_editor_on(NoteTarget::Document {
                doc,
                note: Some(id),
            }),
            Some(NotesItem::Highlight(id)) => {
                self.open_editor_on(NoteTarget::Highlight { doc, id })
            }
            _ => self.message = Some("select a note or a highlight to edit".to_owned()),
        }
    }

    fn open_editor_on(&mut self, target: NoteTarget) {
        if self.save == SaveState::ReadOnly {
            self.message = Some(READ_ONLY.to_owned());
            return;
        }
        let path = self.current_path().unwrap_or_default().to_owned();
        let entry = self.notes_of(&path);
        let text = match &target {
            NoteTarget::Document { note: Some(id), .. } => entry
                .and_then(|e| e.notes.iter().find(|n| &n.id == id))
                .map(|n| n.text.clone()),
            NoteTarget::Highlight { id, .. } => entry
                .and_then(|e| e.highlights.iter().find(|h| &h.id == id))
                .and_then(|h| h.note.clone()),
            _ => None,
        };
        self.editor = Some(NoteEditor::new(target, &text.unwrap_or_default()));
    }

    /// Saves the editor's note (`Esc`, `Ctrl-s`): new, changed, or emptied (deleted).
    pub fn save_note(&mut self) -> Vec<Effect> {
        let Some(editor) = self.editor.take() else {
            return Vec::new();
        };
        let text = editor.text();
        if text == editor.original.trim_end() {
            self.message = Some("note unchanged".to_owned());
            return Vec::new();
        }
        let changes = self.note_changes(&editor.target, &text);
        let label = if text.is_empty() {
            "deleted the note"
        } else {
            "saved the note"
        };
        let effects = self.commit(changes, label.to_owned());
        if !effects.is_empty() && !text.is_empty() {
            self.session.noted += 1;
        }
        effects
    }

    fn note_changes(&mut self, target: &NoteTarget, text: &str) -> Vec<Change> {
        let doc_index = match target {
            NoteTarget::Document { doc, .. }
            | NoteTarget::Highlight { doc, .. }
            | NoteTarget::Passage { doc, .. } => *doc,
        };
        let Some(doc) = self.doc_ref(doc_index) else {
            return Vec::new();
        };
        let entry = self.notes_of(&doc.path).cloned();
        match target {
            NoteTarget::Document { note: None, .. } => {
                if text.is_empty() {
                    return Vec::new();
                }
                let note = Note {
                    id: self.next_id(),
                    text: text.to_owned(),
                    created: self.now_stamp(),
                };
                vec![Change::AddNote { doc, note }]
            }
            NoteTarget::Document { note: Some(id), .. } => {
                let Some(note) = entry.and_then(|e| e.notes.into_iter().find(|n| &n.id == id))
                else {
                    return Vec::new();
                };
                if text.is_empty() {
                    vec![Change::RemoveNote { doc, note }]
                } else {
                    vec![Change::EditNote {
                        doc,
                        id: id.clone(),
                        from: note.text,
                        to: text.to_owned(),
                    }]
                }
            }
            NoteTarget::Highlight { id, .. } => {
                let Some(h) = entry.and_then(|e| e.highlights.into_iter().find(|h| &h.id == id))
                else {
                    return Vec::new();
                };
                let mut to = h.clone();
                to.note = (!text.is_empty()).then(|| text.to_owned());
                if to.note.is_none() && to.tags.is_empty() {
                    vec![Change::RemoveHighlight { doc, highlight: h }]
                } else {
                    vec![Change::EditHighlight { doc, from: h, to }]
                }
            }
            NoteTarget::Passage { range, .. } => {
                if text.is_empty() {
                    return Vec::new();
                }
                let Some(anchor) = Anchor::of(
                    &self.corpus.documents[doc_index].text,
                    range.start,
                    range.end,
                ) else {
                    return Vec::new();
                };
                let highlight = Highlight {
                    id: self.next_id(),
                    tags: Vec::new(),
                    note: Some(text.to_owned()),
                    created: self.now_stamp(),
                    anchor,
                    state: AnchorState::Ok,
                };
                vec![Change::AddHighlight { doc, highlight }]
            }
        }
    }

    /// `d` in the notes pane: deletes the selected note or highlight, or clears the tags.
    pub fn delete_selected(&mut self) -> Vec<Effect> {
        let Some(doc_index) = self.list.selected_index() else {
            return Vec::new();
        };
        let Some(doc) = self.doc_ref(doc_index) else {
            return Vec::new();
        };
        let Some(entry) = self.notes_of(&doc.path).cloned() else {
            self.message = Some("nothing to delete".to_owned());
            return Vec::new();
        };
        let (changes, label) = match self.selected_note_item() {
            Some(NotesItem::Note(id)) => match entry.notes.into_iter().find(|n| n.id == id) {
                Some(note) => (vec![Change::RemoveNote { doc, note }], "deleted the note"),
                None => (Vec::new(), "deleted"),
            },
            Some(NotesItem::Highlight(id)) => {
                match entry.highlights.into_iter().find(|h| h.id == id) {
                    Some(highlight) => (
                        vec![Change::RemoveHighlight { doc, highlight }],
                        "deleted the highlight",
                    ),
                    None => (Vec::new(), "deleted"),
                }
            }
            Some(NotesItem::Tags) if !entry.tags.is_empty() => (
                vec![Change::SetDocTags {
                    doc,
                    from: entry.tags,
                    to: Vec::new(),
                }],
                "removed the document's tags",
            ),
            _ => (Vec::new(), "nothing to delete"),
        };
        let effects = self.commit(changes, label.to_owned());
        let last = self.notes_items().len().saturating_sub(1);
        self.notes_selected = self.notes_selected.min(last);
        effects
    }
}

/// A tag list after edits: additions appended in order, removals dropped.
fn edit_tags(from: &[String], edits: &[TagEdit]) -> Vec<String> {
    let mut tags = from.to_vec();
    for e in edits {
        if e.remove {
            tags.retain(|t| t != &e.tag);
        } else if !tags.contains(&e.tag) {
            tags.push(e.tag.clone());
        }
    }
    tags
}

/// The change that applies `edits` to a highlight; a highlight left with no tag and no note
/// is removed.
fn edit_highlight(doc: &crate::notebook::DocRef, h: &Highlight, edits: &[TagEdit]) -> Vec<Change> {
    let tags = edit_tags(&h.tags, edits);
    if tags == h.tags {
        return Vec::new();
    }
    if tags.is_empty() && h.note.is_none() {
        return vec![Change::RemoveHighlight {
            doc: doc.clone(),
            highlight: h.clone(),
        }];
    }
    let mut to = h.clone();
    to.tags = tags;
    vec![Change::EditHighlight {
        doc: doc.clone(),
        from: h.clone(),
        to,
    }]
}

/// `+cyber −5g` for a status line.
fn describe(edits: &[TagEdit]) -> String {
    edits
        .iter()
        .map(|e| format!("{}{}", if e.remove { "−" } else { "+" }, e.tag))
        .collect::<Vec<_>>()
        .join(" ")
}
