//! Hints built from the keymap in force, so a key the configuration moved is shown where
//! it now is: "U to undo", the prompts' keys, the triage bar's status keys.

use super::{Pane, State};
use crate::keymap::{Command, Context};

impl State {
    /// The keymap context of the focused pane (what the status bar's hints are about).
    pub fn pane_context(&self) -> Context {
        if self.kwic_open() {
            return Context::Kwic;
        }
        match self.focus {
            Pane::Documents => Context::Documents,
            Pane::Reader => Context::Reader,
            Pane::Notes => Context::Notes,
        }
    }

    /// The key that runs `command` in `context`, as shown (`U`, `Ctrl-r`).
    pub fn key_hint(&self, context: Context, command: Command) -> Option<String> {
        self.keymap.hint(context, command)
    }

    /// One key for each command, as in `n/N`; `None` when one of them has no key.
    pub fn keys_hint(&self, context: Context, commands: &[Command]) -> Option<String> {
        self.keymap.hints(context, commands)
    }

    /// `text · U to undo`, with the key the focused pane has for `command`; the text alone
    /// when no key runs it.
    pub fn hinted(&self, text: &str, command: Command, what: &str) -> String {
        match self.key_hint(self.pane_context(), command) {
            Some(key) => format!("{text} · {key} {what}"),
            None => text.to_owned(),
        }
    }

    /// `Enter keeps · Esc restores`: each command's key and what it does, skipping
    /// commands without a key, joined by ` · `.
    pub fn hint_line(&self, context: Context, parts: &[(Command, &str)]) -> String {
        parts
            .iter()
            .filter_map(|(command, what)| {
                self.key_hint(context, *command)
                    .map(|key| format!("{key} {what}"))
            })
            .collect::<Vec<_>>()
            .join(" · ")
    }
}
