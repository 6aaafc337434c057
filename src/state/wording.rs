//! Accepting the new wording of a highlight that was found again with some words changed
//! ([`AnchorState::Changed`]): the notebook keeps the quote as highlighted until the
//! analyst takes the text now there, as one undoable step.

use super::{NotesItem, Pane, State};
use crate::action::Effect;
use crate::notebook::{AnchorState, Change, ops};

impl State {
    /// `W`: the selected highlight (notes pane) or the one at the cursor (reader) takes
    /// the text now at its place as its quote.
    pub fn accept_selected_wording(&mut self) -> Vec<Effect> {
        let Some(doc_index) = self.list.selected_index() else {
            return Vec::new();
        };
        let Some(doc) = self.doc_ref(doc_index) else {
            return Vec::new();
        };
        let Some(id) = self.changed_highlight_here(&doc.path) else {
            self.message = Some(
                "select a highlight whose wording changed (marked “changed”) first".to_owned(),
            );
            return Vec::new();
        };
        let text = &self.corpus.documents[doc_index].text;
        let changes: Vec<Change> = ops::accept_wording(&self.notebook, &doc, text)
            .into_iter()
            .filter(|c| matches!(c, Change::EditHighlight { from, .. } if from.id == id))
            .collect();
        self.commit(changes, "took the new wording".to_owned())
    }

    /// The id of the changed highlight the focused pane points at.
    fn changed_highlight_here(&self, path: &str) -> Option<String> {
        let entry = self.notes_of(path)?;
        let changed = |id: &str| {
            entry
                .highlights
                .iter()
                .any(|h| h.id == id && h.state == AnchorState::Changed)
        };
        match self.focus {
            Pane::Notes => match self.selected_note_item()? {
                NotesItem::Highlight(id) if changed(&id) => Some(id),
                _ => None,
            },
            Pane::Reader => {
                let at = self.reader.cursor_range()?;
                entry
                    .highlights
                    .iter()
                    .find(|h| {
                        h.state == AnchorState::Changed
                            && h.anchor.start < at.end
                            && at.start < h.anchor.end
                    })
                    .map(|h| h.id.clone())
            }
            Pane::Documents => None,
        }
    }
}
