//! One queue through the event loop: every outcome (a key, a worker's answer, the texts
//! loaded or not, the notebook written or not, `$EDITOR` closed, an export written) enters
//! as an [`Action`]; every [`Effect`] of every `update` goes to the one [`Runner`], and what
//! it answers joins the queue. Nothing is dropped, and nothing but `update` writes the state.

use crate::action::{Action, Effect};
use crate::state::{State, update};
use std::collections::VecDeque;

/// What runs the effects outside the state: disk, threads, the editor. The event loop's
/// runner does it for real; a test's runner can answer at once, or fail on purpose.
pub trait Runner {
    /// Runs one effect; an answer that is ready now comes back as the action to apply.
    /// Answers that come later (a query on the worker thread) arrive through the loop's
    /// inbox instead. [`Effect::Quit`] never reaches the runner: the queue keeps it.
    fn run(&mut self, state: &State, effect: Effect) -> Option<Action>;
}

/// The actions waiting to be applied, and what the effects asked of the loop.
#[derive(Debug, Default)]
pub struct Queue {
    actions: VecDeque<Action>,
    quit: bool,
}

impl Queue {
    /// An empty queue.
    pub fn new() -> Queue {
        Queue::default()
    }

    /// Adds an action at the end.
    pub fn push(&mut self, action: Action) {
        self.actions.push_back(action);
    }

    /// Adds actions at the end, in order.
    pub fn extend(&mut self, actions: impl IntoIterator<Item = Action>) {
        self.actions.extend(actions);
    }

    /// Applies every waiting action and runs every effect, until the queue is empty;
    /// returns whether anything was applied. A save hands the runner's writer thread a
    /// snapshot, so the screen shows the change while the disk gets it.
    ///
    /// The actions waiting together are one round: a run of characters typed into a
    /// prompt is one paste (one edit, one evaluation), and of the queries the round asks
    /// for only the newest is evaluated.
    pub fn apply(&mut self, state: &mut State, runner: &mut impl Runner) -> bool {
        let mut applied = false;
        while !self.actions.is_empty() {
            applied = true;
            let mut effects = Vec::new();
            let mut typed = String::new();
            for action in std::mem::take(&mut self.actions) {
                if let Action::Key(key) = &action
                    && let Some(c) = state.typed_char(*key)
                {
                    typed.push(c);
                    continue;
                }
                if !typed.is_empty() {
                    effects.extend(update(state, Action::Paste(std::mem::take(&mut typed))));
                }
                effects.extend(update(state, action));
            }
            if !typed.is_empty() {
                effects.extend(update(state, Action::Paste(typed)));
            }
            crate::state::query::drop_superseded(&mut effects);
            for effect in effects {
                match effect {
                    Effect::Quit => self.quit = true,
                    effect => self.actions.extend(runner.run(state, effect)),
                }
            }
        }
        applied
    }

    /// True once an effect asked to leave.
    pub fn quitting(&self) -> bool {
        self.quit
    }
}
