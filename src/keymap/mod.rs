//! The keymap is data: one table of bindings (context, keys, action name, help) drives key
//! dispatch, the `?` help overlay and the configuration's overrides, so they cannot drift.

mod command;
mod key;
mod overrides;

pub use command::{Command, DEFAULTS};
pub use key::Key;
pub use overrides::Overrides;

use crate::action::Action;
use ratatui::crossterm::event::{KeyCode, KeyModifiers};

/// Where a binding applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Context {
    /// Every pane.
    Any,
    /// The documents list.
    Documents,
    /// The reader.
    Reader,
    /// The notes pane.
    Notes,
    /// The keyword-in-context view (SPEC §13).
    Kwic,
    /// A one-line prompt (query, search, tags, file name).
    Prompt,
    /// The note editor.
    Editor,
    /// A yes/no question.
    Confirm,
    /// The charts view.
    Charts,
}

impl Context {
    /// Every context, in help order.
    pub const ALL: [Context; 9] = [
        Context::Any,
        Context::Documents,
        Context::Reader,
        Context::Notes,
        Context::Kwic,
        Context::Prompt,
        Context::Editor,
        Context::Confirm,
        Context::Charts,
    ];

    /// The name used in the configuration and the help.
    pub fn name(self) -> &'static str {
        match self {
            Context::Any => "anywhere",
            Context::Documents => "documents",
            Context::Reader => "reader",
            Context::Notes => "notes",
            Context::Kwic => "kwic",
            Context::Prompt => "prompt",
            Context::Editor => "editor",
            Context::Confirm => "confirm",
            Context::Charts => "charts",
        }
    }

    /// The context a configuration names.
    pub fn parse(name: &str) -> Option<Context> {
        Context::ALL.into_iter().find(|c| c.name() == name)
    }
}

/// One binding: in `context`, `keys` run `commands` in order.
#[derive(Debug, Clone, PartialEq)]
pub struct Binding {
    /// Where it applies.
    pub context: Context,
    /// The keys, the one to show in hints first.
    pub keys: Vec<Key>,
    /// What they run.
    pub commands: Vec<Command>,
}

impl Binding {
    /// The action of the binding: its command's, or a sequence of them.
    pub fn action(&self) -> Action {
        match self.commands.as_slice() {
            [one] => one.action(),
            many => Action::Sequence(many.iter().map(|c| c.action()).collect()),
        }
    }

    /// One line for the help overlay.
    pub fn help(&self) -> String {
        let helps: Vec<&str> = self.commands.iter().map(|c| c.help()).collect();
        helps.join(", then ")
    }
}

/// `Ctrl-c`: it always quits, from everywhere, so no configuration can lock the analyst in.
pub const QUIT_KEY: Key = Key {
    code: KeyCode::Char('c'),
    mods: KeyModifiers::CONTROL,
};

/// A keymap that cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum KeymapError {
    /// Not a context name.
    #[error(
        "keys: unknown pane {0:?} (one of: anywhere, documents, reader, notes, kwic, prompt, editor, confirm, charts)"
    )]
    UnknownContext(String),
    /// Not a key.
    #[error(
        "keys: unknown key {0:?} (write keys like \"j\", \"G\", \"ctrl-d\", \"shift-tab\", \"pgdn\", \"space\")"
    )]
    UnknownKey(String),
    /// Not an action.
    #[error("keys: unknown action {action:?} for key {key:?}")]
    UnknownAction {
        /// The key it was meant for.
        key: String,
        /// The bad name.
        action: String,
    },
    /// `Ctrl-c` cannot be rebound.
    #[error("keys: {0:?} always quits and cannot be bound to anything else")]
    Reserved(String),
    /// One key twice in one pane.
    #[error(
        "keys: {key} is bound twice in {context}: to {first} and to {second} (give one another key, or bind {key} in keys to the one you want)"
    )]
    BoundTwice {
        /// The pane's name.
        context: &'static str,
        /// The key.
        key: Key,
        /// One binding's commands.
        first: String,
        /// The other's.
        second: String,
    },
}

/// The bindings in force.
#[derive(Debug, Clone, PartialEq)]
pub struct Keymap {
    bindings: Vec<Binding>,
}

impl Keymap {
    /// The default bindings, the status keys of the configured statuses (index, key), and
    /// the configuration's overrides; a key bound twice in one pane is an error.
    pub fn new(
        status_keys: &[(usize, char)],
        overrides: &Overrides,
    ) -> Result<Keymap, KeymapError> {
        let mut bindings: Vec<Binding> = DEFAULTS
            .iter()
            .map(|(context, keys, commands)| Binding {
                context: *context,
                keys: keys.iter().filter_map(|k| Key::parse(k)).collect(),
                commands: commands.to_vec(),
            })
            .collect();
        for &(index, key) in status_keys {
            bindings.push(Binding {
                context: Context::Any,
                keys: vec![Key::char(key)],
                commands: vec![Command::Status(index)],
            });
        }
        let mut keymap = Keymap { bindings };
        for (context, key, commands) in overrides.entries()? {
            for b in keymap.bindings.iter_mut().filter(|b| b.context == context) {
                b.keys.retain(|k| *k != key);
            }
            if commands.is_empty() {
                continue;
            }
            // The analyst's own key comes first, so hints show it.
            match keymap
                .bindings
                .iter_mut()
                .find(|b| b.context == context && b.commands == commands)
            {
                Some(b) => b.keys.insert(0, key),
                None => keymap.bindings.push(Binding {
                    context,
                    keys: vec![key],
                    commands,
                }),
            }
        }
        keymap.check_bound_once()?;
        Ok(keymap)
    }

    /// No key runs two bindings of one context.
    fn check_bound_once(&self) -> Result<(), KeymapError> {
        for (i, b) in self.bindings.iter().enumerate() {
            for other in &self.bindings[..i] {
                if other.context != b.context {
                    continue;
                }
                if let Some(key) = b.keys.iter().find(|k| other.keys.contains(k)) {
                    let names = |b: &Binding| {
                        let names: Vec<&str> = b.commands.iter().map(|c| c.name()).collect();
                        names.join(" + ")
                    };
                    return Err(KeymapError::BoundTwice {
                        context: b.context.name(),
                        key: *key,
                        first: names(other),
                        second: names(b),
                    });
                }
            }
        }
        Ok(())
    }

    /// The action of `key` in `context`; pane contexts fall back to `Any`, and `Ctrl-c`
    /// quits everywhere.
    pub fn action(&self, context: Context, key: Key) -> Option<Action> {
        if key == QUIT_KEY {
            return Some(Action::Quit);
        }
        let find = |c: Context| {
            self.bindings
                .iter()
                .find(|b| b.context == c && b.keys.contains(&key))
                .map(Binding::action)
        };
        find(context).or_else(|| match context {
            Context::Documents | Context::Reader | Context::Notes | Context::Kwic => {
                find(Context::Any)
            }
            // A view over the panes takes from anywhere only what moves and leaves: the
            // rest acts on the document behind it.
            Context::Charts => self
                .bindings
                .iter()
                .find(|b| {
                    b.context == Context::Any
                        && b.keys.contains(&key)
                        && b.commands.iter().all(|c| c.in_views())
                })
                .map(Binding::action),
            _ => None,
        })
    }

    /// The bindings of a context, for the help overlay.
    pub fn bindings(&self, context: Context) -> impl Iterator<Item = &Binding> {
        self.bindings
            .iter()
            .filter(move |b| b.context == context && !b.keys.is_empty())
    }

    /// The keys that run `command` (alone or first) in `context`, its own bindings first,
    /// then those of anywhere that the context does not take over.
    pub fn keys_for(&self, context: Context, command: Command) -> Vec<Key> {
        let own = |c: Context| {
            self.bindings
                .iter()
                .filter(move |b| b.context == c && b.commands.first() == Some(&command))
                .flat_map(|b| b.keys.iter().copied())
        };
        let mut keys: Vec<Key> = own(context).collect();
        if matches!(
            context,
            Context::Documents | Context::Reader | Context::Notes | Context::Kwic | Context::Charts
        ) {
            keys.extend(
                own(Context::Any).filter(|k| self.action(context, *k) == Some(command.action())),
            );
        }
        keys
    }

    /// The key to show for `command` in `context` (`u`, `Ctrl-r`), if one is bound.
    pub fn hint(&self, context: Context, command: Command) -> Option<String> {
        self.keys_for(context, command)
            .first()
            .map(ToString::to_string)
    }

    /// The keys to show for several commands, one each, as in `n/N`; `None` when one of
    /// them has no key.
    pub fn hints(&self, context: Context, commands: &[Command]) -> Option<String> {
        let keys: Option<Vec<String>> = commands.iter().map(|c| self.hint(context, *c)).collect();
        keys.map(|k| k.join("/"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::action::{Dir, Motion};

    #[test]
    fn every_default_key_parses() {
        for (_, keys, _) in DEFAULTS {
            for k in *keys {
                assert!(Key::parse(k).is_some(), "{k}");
            }
        }
    }

    #[test]
    fn no_key_is_bound_twice_in_one_context_by_default() {
        let statuses = [(0, '1'), (1, '2'), (2, '3')];
        let km = Keymap::new(&statuses, &Overrides::new()).unwrap();
        for context in Context::ALL {
            let mut seen: Vec<Key> = Vec::new();
            for b in km.bindings(context) {
                for k in &b.keys {
                    assert!(!seen.contains(k), "{k} twice in {}", context.name());
                    seen.push(*k);
                }
            }
        }
    }

    #[test]
    fn every_command_name_parses_back() {
        for c in Command::all() {
            assert_eq!(Command::parse(c.name()), Some(c), "{}", c.name());
        }
    }

    #[test]
    fn keys_normalize_shift_on_characters() {
        let shifted = Key::new(KeyCode::Char('G'), KeyModifiers::SHIFT);
        assert_eq!(shifted, Key::parse("G").unwrap());
        assert_eq!(
            Key::new(KeyCode::BackTab, KeyModifiers::SHIFT),
            Key::parse("shift-tab").unwrap()
        );
        assert_eq!(Key::parse("ctrl-d").unwrap().to_string(), "Ctrl-d");
    }

    #[test]
    fn pane_bindings_win_over_anywhere() {
        let km = Keymap::new(&[(0, '1')], &Overrides::new()).unwrap();
        assert_eq!(
            km.action(Context::Reader, Key::char('/')),
            Some(Action::StartFind)
        );
        assert_eq!(
            km.action(Context::Reader, Key::char('j')),
            Some(Action::Move(Motion::Down))
        );
        assert_eq!(
            km.action(Context::Notes, Key::char('1')),
            Some(Action::SetStatus(Some(0)))
        );
        assert_eq!(km.action(Context::Prompt, Key::char('j')), None);
    }

    #[test]
    fn overrides_replace_and_errors_name_the_culprit() {
        let o = Overrides::new()
            .bind("reader", "J", &["next_paragraph"])
            .bind("reader", "}", &["none"]);
        let km = Keymap::new(&[], &o).unwrap();
        assert_eq!(
            km.action(Context::Reader, Key::char('J')),
            Some(Action::Paragraph(Dir::Next))
        );
        assert_eq!(km.action(Context::Reader, Key::char('}')), None);
        let o = Overrides::new().bind("reader", "J", &["fly"]);
        assert_eq!(
            Keymap::new(&[], &o),
            Err(KeymapError::UnknownAction {
                key: "J".into(),
                action: "fly".into()
            })
        );
        let o = Overrides::new().bind("reader", "hyper-x", &["quit"]);
        assert_eq!(
            Keymap::new(&[], &o),
            Err(KeymapError::UnknownKey("hyper-x".into()))
        );
        let o = Overrides::new().bind("sidebar", "x", &["quit"]);
        assert_eq!(
            Keymap::new(&[], &o),
            Err(KeymapError::UnknownContext("sidebar".into()))
        );
    }

    #[test]
    fn a_binding_runs_its_commands_in_order() {
        let km = Keymap::new(&[], &Overrides::new()).unwrap();
        assert_eq!(
            km.action(Context::Documents, Key::char(' ')),
            Some(Action::Sequence(vec![
                Action::ToggleMark,
                Action::Move(Motion::Down)
            ]))
        );
        let o = Overrides::new().bind("reader", "x", &["tag", "next_sentence"]);
        let km = Keymap::new(&[], &o).unwrap();
        assert_eq!(
            km.action(Context::Reader, Key::char('x')),
            Some(Action::Sequence(vec![
                Action::Tag,
                Action::Sentence(Dir::Next)
            ]))
        );
    }

    #[test]
    fn ctrl_c_always_quits_and_cannot_be_rebound() {
        let o =
            Overrides::new()
                .bind("anywhere", "q", &["none"])
                .bind("anywhere", "ctrl-c", &["none"]);
        assert_eq!(
            Keymap::new(&[], &o),
            Err(KeymapError::Reserved("ctrl-c".into()))
        );
        let o = Overrides::new().bind("anywhere", "q", &["none"]);
        let km = Keymap::new(&[], &o).unwrap();
        for context in Context::ALL {
            assert_eq!(km.action(context, QUIT_KEY), Some(Action::Quit));
        }
    }

    #[test]
    fn a_status_key_on_a_bound_key_is_refused() {
        let err = Keymap::new(&[(0, 'j')], &Overrides::new()).unwrap_err();
        assert!(
            matches!(
                err,
                KeymapError::BoundTwice {
                    context: "anywhere",
                    ..
                }
            ),
            "{err}"
        );
    }

    #[test]
    fn hints_show_the_analysts_own_key_first() {
        let o = Overrides::new()
            .bind("anywhere", "U", &["undo"])
            .bind("anywhere", "u", &["none"]);
        let km = Keymap::new(&[], &o).unwrap();
        assert_eq!(
            km.hint(Context::Reader, Command::Undo).as_deref(),
            Some("U")
        );
        let km = Keymap::new(&[], &Overrides::new().bind("reader", "x", &["redo"])).unwrap();
        assert_eq!(
            km.hint(Context::Reader, Command::Redo).as_deref(),
            Some("x")
        );
        assert_eq!(
            km.hint(Context::Documents, Command::Redo).as_deref(),
            Some("Ctrl-r")
        );
        assert_eq!(
            km.hints(Context::Reader, &[Command::FindNext, Command::FindPrev])
                .as_deref(),
            Some("n/N")
        );
    }
}
