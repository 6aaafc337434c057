//! Resolving, from the notes pane, a conflict that a merge recorded on the current
//! document: the selected conflict takes our or their value, as one undoable step.

use super::{NotesItem, State};
use crate::action::Effect;
use crate::keymap::{Command, Context};
use crate::notebook::{Side, ops};

impl State {
    /// `<` / `>` in the notes pane: resolves the selected conflict with `side`'s value.
    pub fn resolve_selected_conflict(&mut self, side: Side) -> Vec<Effect> {
        let Some(doc) = self.list.selected_index().and_then(|i| self.doc_ref(i)) else {
            return Vec::new();
        };
        let conflict = match self.selected_note_item() {
            Some(NotesItem::Conflict(i)) => self
                .notes_of(&doc.path)
                .and_then(|e| e.conflicts.get(i))
                .cloned(),
            _ => None,
        };
        let Some(conflict) = conflict else {
            self.message = Some("select a merge conflict in the notes pane first".to_owned());
            return Vec::new();
        };
        let label = match side {
            Side::Ours => "kept our value",
            Side::Theirs => "took their value",
        };
        let effects = match ops::resolve_conflict(&self.notebook, Some(&doc), &conflict, side) {
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

    /// "`<` keep ours · `>` take theirs", from the keys bound now.
    pub fn conflict_hint(&self) -> String {
        let mut parts = Vec::new();
        for (command, what) in [
            (Command::KeepOurs, "keep ours"),
            (Command::TakeTheirs, "take theirs"),
        ] {
            if let Some(k) = self.keymap.hint(Context::Notes, command) {
                parts.push(format!("{k} {what}"));
            }
        }
        parts.join(" · ")
    }
}
