//! Changing the notebook from the screen: statuses, tags, notes, deletions, undo and redo.
//! Every change goes through [`State::commit`], which applies it, records it for undo and
//! asks for a save; a read-only notebook changes nothing and says why.

use super::editor::{NoteEditor, NoteTarget};
use super::history::Step;
use super::prompt::{TagEdit, TagTarget, parse_tag_edits};
use super::{NotesItem, SaveState, State};
use crate::action::Effect;
use crate::keymap::Command;
use crate::notebook::ops::{self, Stamp};
use crate::notebook::{Change, DocRef};

impl State {
    /// Why a change was refused while the notebook is read-only.
    fn read_only_message(&self) -> String {
        format!("read-only: {}; nothing was changed", self.read_only_reason)
    }

    /// Applies `changes` as one undo step labelled `label`, and asks for a save.
    pub fn commit(&mut self, changes: Vec<Change>, label: String) -> Vec<Effect> {
        if self.save == SaveState::ReadOnly {
            self.message = Some(self.read_only_message());
            return Vec::new();
        }
        if changes.is_empty() {
            self.message = Some(format!("{label}: nothing to change"));
            return Vec::new();
        }
        self.notebook.apply_all(&changes);
        self.message = Some(self.hinted(&label, Command::Undo, "to undo"));
        self.history.record(Step { changes, label });
        self.after_notebook_change()
    }

    fn after_notebook_change(&mut self) -> Vec<Effect> {
        if self.list.sort == super::Sort::Status {
            let names = self.status_names();
            self.list.resort(&self.corpus, &self.notebook, &names);
        }
        let mut effects = vec![self.request_save()];
        effects.extend(self.requery());
        effects
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
            self.message = Some(self.read_only_message());
            return Vec::new();
        }
        let Some(step) = self.history.undo() else {
            self.message = Some("nothing to undo".to_owned());
            return Vec::new();
        };
        let (inverse, label) = (step.inverse(), step.label.clone());
        self.notebook.apply_all(&inverse);
        self.message = Some(self.hinted(&format!("undid: {label}"), Command::Redo, "to redo"));
        self.after_notebook_change()
    }

    /// `Ctrl-r`.
    pub fn redo(&mut self) -> Vec<Effect> {
        if self.save == SaveState::ReadOnly {
            self.message = Some(self.read_only_message());
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
        let docs = self.target_refs();
        let names = self.status_names();
        let allowed: Vec<&str> = names.iter().map(String::as_str).collect();
        let changes = match ops::set_status(
            &self.notebook,
            &docs,
            status.as_deref(),
            &allowed,
            &self.settings.coder,
        ) {
            Ok(changes) => changes,
            Err(e) => {
                self.message = Some(e.to_string());
                return Vec::new();
            }
        };
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

    /// References to the target documents, for the operations.
    fn target_refs(&self) -> Vec<DocRef> {
        self.target_documents()
            .into_iter()
            .filter_map(|i| self.doc_ref(i))
            .collect()
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
        if matches!(target, TagTarget::Hits { .. }) && edits.iter().any(|e| e.remove) {
            return Err("hits take tags to add; -tag is not for them".to_owned());
        }
        let changes = self
            .tag_changes(target, &edits)
            .map_err(|e| e.to_string())?;
        let (label, count) = match target {
            TagTarget::Documents(docs) => {
                let what = if docs.len() == 1 {
                    "the document".to_owned()
                } else {
                    format!("{} documents", docs.len())
                };
                (format!("tagged {what} {}", describe(&edits)), docs.len())
            }
            TagTarget::Passage { .. } => (format!("tagged the passage {}", describe(&edits)), 1),
            TagTarget::Highlight { .. } => {
                (format!("tagged the highlight {}", describe(&edits)), 1)
            }
            TagTarget::Hits { hits, scope } => (
                format!(
                    "tagged {} {}",
                    super::kwic::describe_hits(hits.len(), *scope),
                    describe(&edits)
                ),
                hits.len(),
            ),
        };
        let effects = self.commit(changes, label);
        if !effects.is_empty() {
            self.session.tagged += count;
            match target {
                TagTarget::Documents(_) => self.list.marks.clear(),
                TagTarget::Hits { .. } => self.hits_tagged(),
                _ => {}
            }
            self.reader.selection = None;
        }
        self.last_tags = Some(text.to_owned());
        Ok(effects)
    }

    /// The changes of tag edits on a target, from the operations the command line uses:
    /// additions first, then removals computed on the notebook as the additions left it.
    fn tag_changes(
        &self,
        target: &TagTarget,
        edits: &[TagEdit],
    ) -> Result<Vec<Change>, ops::OpError> {
        let adds: Vec<String> = edits
            .iter()
            .filter(|e| !e.remove)
            .map(|e| e.tag.clone())
            .collect();
        let removes: Vec<String> = edits
            .iter()
            .filter(|e| e.remove)
            .map(|e| e.tag.clone())
            .collect();
        let mut stamp = Stamp::new(self.now).by(&self.settings.coder);
        match target {
            TagTarget::Documents(docs) => {
                let refs: Vec<DocRef> = docs.iter().filter_map(|&i| self.doc_ref(i)).collect();
                let mut changes = Vec::new();
                if !adds.is_empty() {
                    changes =
                        ops::tag_documents(&self.notebook, &refs, &adds, &self.settings.coder)?;
                }
                if !removes.is_empty() {
                    let after = self.after(&changes);
                    changes.extend(ops::untag_documents(after.as_ref(), &refs, &removes)?);
                }
                Ok(changes)
            }
            TagTarget::Passage { doc, range } => {
                let (Some(doc_ref), Some(d)) =
                    (self.doc_ref(*doc), self.corpus.documents.get(*doc))
                else {
                    return Ok(Vec::new());
                };
                let mut changes = Vec::new();
                if !adds.is_empty() {
                    changes = ops::highlight(
                        &self.notebook,
                        &doc_ref,
                        &d.text,
                        range.clone(),
                        &adds,
                        None,
                        &mut stamp,
                    )?;
                }
                if !removes.is_empty() {
                    let after = self.after(&changes);
                    let quote = d.text.get(range.clone()).unwrap_or_default();
                    changes.extend(ops::untag_highlights(
                        after.as_ref(),
                        &doc_ref,
                        quote,
                        &removes,
                    )?);
                }
                Ok(changes)
            }
            TagTarget::Highlight { doc, id } => {
                let Some(doc_ref) = self.doc_ref(*doc) else {
                    return Ok(Vec::new());
                };
                let current = self
                    .notes_of(&doc_ref.path)
                    .and_then(|n| n.highlights.iter().find(|h| &h.id == id))
                    .map(|h| h.tags.clone())
                    .unwrap_or_default();
                let tags: Vec<String> = current
                    .into_iter()
                    .chain(adds)
                    .filter(|t| !removes.contains(t))
                    .collect();
                ops::set_highlight_tags(&self.notebook, &doc_ref, id, &tags)
            }
            TagTarget::Hits { hits, scope } => self.hit_changes(hits, *scope, &adds),
        }
    }

    /// The notebook as `changes` would leave it (borrowed when there are none).
    pub(super) fn after(
        &self,
        changes: &[Change],
    ) -> std::borrow::Cow<'_, crate::notebook::Notebook> {
        if changes.is_empty() {
            return std::borrow::Cow::Borrowed(&self.notebook);
        }
        let mut notebook = self.notebook.clone();
        notebook.apply_all(changes);
        std::borrow::Cow::Owned(notebook)
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
            self.message = Some(self.read_only_message());
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
        let changes = match self.note_changes(&editor.target, &text) {
            Ok(changes) => changes,
            Err(e) => {
                self.message = Some(e.to_string());
                return Vec::new();
            }
        };
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

    fn note_changes(&self, target: &NoteTarget, text: &str) -> Result<Vec<Change>, ops::OpError> {
        let doc_index = match target {
            NoteTarget::Document { doc, .. }
            | NoteTarget::Highlight { doc, .. }
            | NoteTarget::Passage { doc, .. } => *doc,
        };
        let (Some(doc), Some(d)) = (
            self.doc_ref(doc_index),
            self.corpus.documents.get(doc_index),
        ) else {
            return Ok(Vec::new());
        };
        let mut stamp = Stamp::new(self.now).by(&self.settings.coder);
        match target {
            NoteTarget::Document { note: None, .. } if text.is_empty() => Ok(Vec::new()),
            NoteTarget::Document { note: None, .. } => {
                ops::add_note(&self.notebook, &doc, text, &mut stamp)
            }
            NoteTarget::Document { note: Some(id), .. } => {
                ops::edit_note(&self.notebook, &doc, id, text)
            }
            NoteTarget::Highlight { id, .. } => {
                ops::set_highlight_note(&self.notebook, &doc, id, Some(text))
            }
            NoteTarget::Passage { .. } if text.is_empty() => Ok(Vec::new()),
            NoteTarget::Passage { range, .. } => ops::highlight(
                &self.notebook,
                &doc,
                &d.text,
                range.clone(),
                &[],
                Some(text),
                &mut stamp,
            ),
        }
    }

    /// `d` in the notes pane: deletes the selected note or highlight, or clears the tags.
    pub fn delete_selected(&mut self) -> Vec<Effect> {
        let Some(doc) = self.list.selected_index().and_then(|i| self.doc_ref(i)) else {
            return Vec::new();
        };
        let tags = self
            .notes_of(&doc.path)
            .map(|e| e.tags.clone())
            .unwrap_or_default();
        let (result, label) = match self.selected_note_item() {
            Some(NotesItem::Note(id)) => (
                ops::edit_note(&self.notebook, &doc, &id, ""),
                "deleted the note",
            ),
            Some(NotesItem::Highlight(id)) => (
                ops::remove_highlight(&self.notebook, &doc, &id),
                "deleted the highlight",
            ),
            Some(NotesItem::Tags) if !tags.is_empty() => (
                ops::untag_documents(&self.notebook, std::slice::from_ref(&doc), &tags),
                "removed the document's tags",
            ),
            _ => (Ok(Vec::new()), "nothing to delete"),
        };
        let effects = match result {
            Ok(changes) => self.commit(changes, label.to_owned()),
            Err(e) => {
                self.message = Some(e.to_string());
                Vec::new()
            }
        };
        let last = self.notes_items().len().saturating_sub(1);
        self.notes_selected = self.notes_selected.min(last);
        effects
    }
}

/// `+cyber −5g` for a status line.
fn describe(edits: &[TagEdit]) -> String {
    edits
        .iter()
        .map(|e| format!("{}{}", if e.remove { "−" } else { "+" }, e.tag))
        .collect::<Vec<_>>()
        .join(" ")
}
