//! Undo and redo of notebook changes: each step is a group of changes (a bulk action is one
//! step), undone by applying their inverses in reverse order.

use crate::notebook::Change;

/// One undoable step.
#[derive(Debug, Clone, PartialEq)]
pub struct Step {
    /// The changes, in the order they were applied.
    pub changes: Vec<Change>,
    /// What the step did, for "undid …".
    pub label: String,
}

impl Step {
    /// The changes that undo this step.
    pub fn inverse(&self) -> Vec<Change> {
        self.changes.iter().rev().map(Change::inverse).collect()
    }
}

/// The undo and redo stacks of the session.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct History {
    undo: Vec<Step>,
    redo: Vec<Step>,
}

impl History {
    /// Records a step that was just applied; the redo stack is dropped.
    pub fn record(&mut self, step: Step) {
        self.undo.push(step);
        self.redo.clear();
    }

    /// The step to undo, moved to the redo stack.
    pub fn undo(&mut self) -> Option<&Step> {
        let step = self.undo.pop()?;
        self.redo.push(step);
        self.redo.last()
    }

    /// The step to redo, moved back to the undo stack.
    pub fn redo(&mut self) -> Option<&Step> {
        let step = self.redo.pop()?;
        self.undo.push(step);
        self.undo.last()
    }

    /// Steps that can be undone.
    pub fn undo_len(&self) -> usize {
        self.undo.len()
    }
}
