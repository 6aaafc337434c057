//! The keymap is data: one table of bindings (context, keys, action name, help) drives key
//! dispatch, the `?` help overlay and the configuration's overrides, so they cannot drift.

use crate::action::{Action, Dir, Motion};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use std::collections::BTreeMap;
use std::fmt;

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
    /// A one-line prompt (query, search, tags, file name).
    Prompt,
    /// The note editor.
    Editor,
    /// A yes/no question.
    Confirm,
}

impl Context {
    /// Every context, in help order.
    pub const ALL: [Context; 7] = [
        Context::Any,
        Context::Documents,
        Context::Reader,
        Context::Notes,
        Context::Prompt,
        Context::Editor,
        Context::Confirm,
    ];

    /// The name used in the configuration and the help.
    pub fn name(self) -> &'static str {
        match self {
            Context::Any => "anywhere",
            Context::Documents => "documents",
            Context::Reader => "reader",
            Context::Notes => "notes",
            Context::Prompt => "prompt",
            Context::Editor => "editor",
            Context::Confirm => "confirm",
        }
    }

    fn parse(name: &str) -> Option<Context> {
        Context::ALL.into_iter().find(|c| c.name() == name)
    }
}

/// A key with its modifiers, normalized so `G` and `shift-g` are the same key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key {
    /// The key.
    pub code: KeyCode,
    /// Ctrl and Alt (Shift only for keys that are not characters).
    pub mods: KeyModifiers,
}

impl Key {
    /// A key from a terminal event.
    pub fn from_event(event: KeyEvent) -> Key {
        Key::new(event.code, event.modifiers)
    }

    /// A normalized key.
    pub fn new(code: KeyCode, mods: KeyModifiers) -> Key {
        let mut mods = mods & (KeyModifiers::CONTROL | KeyModifiers::ALT | KeyModifiers::SHIFT);
        let code = match code {
            KeyCode::BackTab => {
                mods.remove(KeyModifiers::SHIFT);
                KeyCode::BackTab
            }
            KeyCode::Char(c) => {
                // The character already says whether Shift was down.
                mods.remove(KeyModifiers::SHIFT);
                if mods.contains(KeyModifiers::CONTROL) {
                    KeyCode::Char(c.to_ascii_lowercase())
                } else {
                    KeyCode::Char(c)
                }
            }
            other => other,
        };
        Key { code, mods }
    }

    /// A plain character key.
    pub fn char(c: char) -> Key {
        Key::new(KeyCode::Char(c), KeyModifiers::NONE)
    }

    /// Parses `j`, `G`, `ctrl-d`, `shift-tab`, `pgdn`, `space`, `f1`, …
    pub fn parse(text: &str) -> Option<Key> {
        let mut mods = KeyModifiers::NONE;
        let mut rest = text;
        loop {
            let lower = rest.to_ascii_lowercase();
            if rest.chars().count() > 2 && lower.starts_with("ctrl-") {
                mods |= KeyModifiers::CONTROL;
                rest = &rest[5..];
            } else if rest.chars().count() > 2 && lower.starts_with("alt-") {
                mods |= KeyModifiers::ALT;
                rest = &rest[4..];
            } else if rest.chars().count() > 2 && lower.starts_with("shift-") {
                mods |= KeyModifiers::SHIFT;
                rest = &rest[6..];
            } else {
                break;
            }
        }
        let mut chars = rest.chars();
        let code = match (chars.next(), chars.next()) {
            (Some(c), None) => KeyCode::Char(if mods.contains(KeyModifiers::SHIFT) {
                c.to_ascii_uppercase()
            } else {
                c
            }),
            _ => match rest.to_ascii_lowercase().as_str() {
                "enter" | "return" => KeyCode::Enter,
                "esc" | "escape" => KeyCode::Esc,
                "tab" if mods.contains(KeyModifiers::SHIFT) => KeyCode::BackTab,
                "tab" => KeyCode::Tab,
                "backtab" => KeyCode::BackTab,
                "space" => KeyCode::Char(' '),
                "backspace" => KeyCode::Backspace,
                "delete" | "del" => KeyCode::Delete,
                "up" => KeyCode::Up,
                "down" => KeyCode::Down,
                "left" => KeyCode::Left,
                "right" => KeyCode::Right,
                "home" => KeyCode::Home,
                "end" => KeyCode::End,
                "pgdn" | "pagedown" => KeyCode::PageDown,
                "pgup" | "pageup" => KeyCode::PageUp,
                "insert" => KeyCode::Insert,
                f if f.starts_with('f') => {
                    KeyCode::F(f[1..].parse().ok().filter(|n| (1..=24).contains(n))?)
                }
                _ => return None,
            },
        };
        Some(Key::new(code, mods))
    }
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.mods.contains(KeyModifiers::CONTROL) {
            f.write_str("Ctrl-")?;
        }
        if self.mods.contains(KeyModifiers::ALT) {
            f.write_str("Alt-")?;
        }
        if self.mods.contains(KeyModifiers::SHIFT) {
            f.write_str("Shift-")?;
        }
        match self.code {
            KeyCode::Char(' ') => f.write_str("Space"),
            KeyCode::Char(c) => write!(f, "{c}"),
            KeyCode::Enter => f.write_str("Enter"),
            KeyCode::Esc => f.write_str("Esc"),
            KeyCode::Tab => f.write_str("Tab"),
            KeyCode::BackTab => f.write_str("Shift-Tab"),
            KeyCode::Backspace => f.write_str("Backspace"),
            KeyCode::Delete => f.write_str("Del"),
            KeyCode::Up => f.write_str("↑"),
            KeyCode::Down => f.write_str("↓"),
            KeyCode::Left => f.write_str("←"),
            KeyCode::Right => f.write_str("→"),
            KeyCode::Home => f.write_str("Home"),
            KeyCode::End => f.write_str("End"),
            KeyCode::PageDown => f.write_str("PgDn"),
            KeyCode::PageUp => f.write_str("PgUp"),
            KeyCode::F(n) => write!(f, "F{n}"),
            other => write!(f, "{other:?}"),
        }
    }
}

/// One binding: in `context`, `keys` do the action called `name`.
#[derive(Debug, Clone, PartialEq)]
pub struct Binding {
    /// Where it applies.
    pub context: Context,
    /// The keys.
    pub keys: Vec<Key>,
    /// The action's name, as the configuration writes it.
    pub name: &'static str,
    /// What it does.
    pub action: Action,
    /// One line for the help overlay.
    pub help: &'static str,
}

/// Every action a key can be bound to, by name, with its help line.
pub fn named_actions() -> Vec<(&'static str, Action, &'static str)> {
    use Action as A;
    let mut out = vec![
        ("quit", A::Quit, "quit (everything is saved already)"),
        ("help", A::ToggleHelp, "this help"),
        ("focus_next", A::FocusNext, "focus the next pane"),
        ("focus_prev", A::FocusPrev, "focus the previous pane"),
        (
            "move_down",
            A::Move(Motion::Down),
            "move down (reader: scroll a line)",
        ),
        (
            "move_up",
            A::Move(Motion::Up),
            "move up (reader: scroll a line)",
        ),
        ("top", A::Move(Motion::Top), "first"),
        ("bottom", A::Move(Motion::Bottom), "last"),
        ("page_down", A::Move(Motion::PageDown), "a page down"),
        ("page_up", A::Move(Motion::PageUp), "a page up"),
        (
            "half_page_down",
            A::Move(Motion::HalfDown),
            "half a page down",
        ),
        ("half_page_up", A::Move(Motion::HalfUp), "half a page up"),
        ("open", A::Open, "open the document / jump to the highlight"),
        (
            "find",
            A::StartFind,
            "query the documents / search the text",
        ),
        ("find_next", A::FindNext(Dir::Next), "next match"),
        ("find_prev", A::FindNext(Dir::Prev), "previous match"),
        (
            "cancel",
            A::Cancel,
            "cancel: prompt, selection; documents: clear the query",
        ),
        ("next_sentence", A::Sentence(Dir::Next), "next sentence"),
        ("prev_sentence", A::Sentence(Dir::Prev), "previous sentence"),
        ("next_paragraph", A::Paragraph(Dir::Next), "next paragraph"),
        (
            "prev_paragraph",
            A::Paragraph(Dir::Prev),
            "previous paragraph",
        ),
        (
            "next_highlight",
            A::HighlightJump(Dir::Next),
            "next highlight",
        ),
        (
            "prev_highlight",
            A::HighlightJump(Dir::Prev),
            "previous highlight",
        ),
        ("next_turn", A::Turn(Dir::Next), "next speaker turn"),
        ("prev_turn", A::Turn(Dir::Prev), "previous speaker turn"),
        (
            "select",
            A::ToggleSelect,
            "select from the current sentence; motions extend it",
        ),
        (
            "tag",
            A::Tag,
            "tag: documents / selection or sentence / highlight",
        ),
        (
            "note",
            A::AddNote,
            "add a note: document / selection or sentence / highlight",
        ),
        ("edit_note", A::EditNote, "edit the selected note"),
        (
            "delete",
            A::Delete,
            "delete the selected note or highlight (undoable)",
        ),
        ("clear_status", A::SetStatus(None), "clear the status"),
        (
            "keep_ours",
            A::ResolveConflict(crate::notebook::Side::Ours),
            "merge conflict: keep our value (undoable)",
        ),
        (
            "take_theirs",
            A::ResolveConflict(crate::notebook::Side::Theirs),
            "merge conflict: take their value (undoable)",
        ),
        (
            "repeat_tag",
            A::RepeatTag,
            "repeat the last tag action here",
        ),
        ("mark", A::ToggleMark, "mark / unmark for a bulk action"),
        ("mark_all", A::MarkAll, "mark every shown document"),
        ("undo", A::Undo, "undo the last change"),
        ("redo", A::Redo, "redo"),
        (
            "cycle_sort",
            A::CycleSort,
            "sort by date, title, path, status",
        ),
        ("autocode", A::Autocode, "tag every hit of the phrase query"),
        (
            "triage_layout",
            A::ToggleTriage,
            "triage layout: full-width reader, progress",
        ),
        (
            "export",
            A::Export,
            "export the shown documents to Markdown",
        ),
        ("submit", A::Submit, "apply"),
        ("complete", A::Complete, "complete"),
        ("history_prev", A::History(Dir::Prev), "older entry"),
        ("history_next", A::History(Dir::Next), "newer entry"),
        ("save_note", A::SaveNote, "save the note"),
        ("external_editor", A::ExternalEditor, "edit in $EDITOR"),
        ("yes", A::Answer(true), "yes"),
        ("no", A::Answer(false), "no"),
    ];
    for (i, name) in STATUS_NAMES.iter().enumerate() {
        out.push((
            name,
            A::SetStatus(Some(i)),
            "set status and go to the next untriaged",
        ));
    }
    for (i, name) in SAVED_NAMES.iter().enumerate() {
        out.push((name, A::OpenSaved(i), "open a saved search"));
    }
    out
}

const STATUS_NAMES: [&str; 9] = [
    "status_1", "status_2", "status_3", "status_4", "status_5", "status_6", "status_7", "status_8",
    "status_9",
];

const SAVED_NAMES: [&str; 9] = [
    "saved_1", "saved_2", "saved_3", "saved_4", "saved_5", "saved_6", "saved_7", "saved_8",
    "saved_9",
];

/// The default bindings: SPEC §4's table.
const DEFAULTS: &[(Context, &[&str], &str)] = &[
    (Context::Any, &["q", "ctrl-c"], "quit"),
    (Context::Any, &["?"], "help"),
    (Context::Any, &["tab"], "focus_next"),
    (Context::Any, &["shift-tab"], "focus_prev"),
    (Context::Any, &["j", "down"], "move_down"),
    (Context::Any, &["k", "up"], "move_up"),
    (Context::Any, &["g", "home"], "top"),
    (Context::Any, &["G", "end"], "bottom"),
    (Context::Any, &["pgdn"], "page_down"),
    (Context::Any, &["pgup"], "page_up"),
    (Context::Any, &["ctrl-d"], "half_page_down"),
    (Context::Any, &["ctrl-u"], "half_page_up"),
    (Context::Any, &["esc"], "cancel"),
    (Context::Any, &["0"], "clear_status"),
    (Context::Any, &["u"], "undo"),
    (Context::Any, &["ctrl-r"], "redo"),
    (Context::Any, &["z"], "triage_layout"),
    (Context::Any, &["E"], "export"),
    (Context::Documents, &["enter"], "open"),
    (Context::Documents, &["/"], "find"),
    (Context::Documents, &["t"], "tag"),
    (Context::Documents, &["a"], "note"),
    (Context::Documents, &["."], "repeat_tag"),
    (Context::Documents, &["space"], "mark"),
    (Context::Documents, &["ctrl-a"], "mark_all"),
    (Context::Documents, &["s"], "cycle_sort"),
    (Context::Documents, &["A"], "autocode"),
    (Context::Documents, &["f1"], "saved_1"),
    (Context::Documents, &["f2"], "saved_2"),
    (Context::Documents, &["f3"], "saved_3"),
    (Context::Documents, &["f4"], "saved_4"),
    (Context::Documents, &["f5"], "saved_5"),
    (Context::Documents, &["f6"], "saved_6"),
    (Context::Documents, &["f7"], "saved_7"),
    (Context::Documents, &["f8"], "saved_8"),
    (Context::Documents, &["f9"], "saved_9"),
    (Context::Reader, &["/"], "find"),
    (Context::Reader, &["n"], "find_next"),
    (Context::Reader, &["N"], "find_prev"),
    (Context::Reader, &[")"], "next_sentence"),
    (Context::Reader, &["("], "prev_sentence"),
    (Context::Reader, &["}"], "next_paragraph"),
    (Context::Reader, &["{"], "prev_paragraph"),
    (Context::Reader, &["]"], "next_highlight"),
    (Context::Reader, &["["], "prev_highlight"),
    (Context::Reader, &[">"], "next_turn"),
    (Context::Reader, &["<"], "prev_turn"),
    (Context::Reader, &["v"], "select"),
    (Context::Reader, &["t"], "tag"),
    (Context::Reader, &["a"], "note"),
    (Context::Reader, &["."], "repeat_tag"),
    (Context::Notes, &["enter"], "open"),
    (Context::Notes, &["t"], "tag"),
    (Context::Notes, &["a"], "note"),
    (Context::Notes, &["e"], "edit_note"),
    (Context::Notes, &["d"], "delete"),
    (Context::Notes, &["<"], "keep_ours"),
    (Context::Notes, &[">"], "take_theirs"),
    (Context::Prompt, &["enter"], "submit"),
    (Context::Prompt, &["esc"], "cancel"),
    (Context::Prompt, &["tab"], "complete"),
    (Context::Prompt, &["up"], "history_prev"),
    (Context::Prompt, &["down"], "history_next"),
    (Context::Editor, &["esc", "ctrl-s"], "save_note"),
    (Context::Editor, &["ctrl-e"], "external_editor"),
    (Context::Confirm, &["y", "enter"], "yes"),
    (Context::Confirm, &["n", "esc"], "no"),
];

/// A keymap override that cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum KeymapError {
    /// Not a context name.
    #[error(
        "keys: unknown pane {0:?} (one of: anywhere, documents, reader, notes, prompt, editor, confirm)"
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
}

/// Overrides from the configuration: pane → key → action name (`"none"` unbinds).
pub type Overrides = BTreeMap<String, BTreeMap<String, String>>;

/// The bindings in force.
#[derive(Debug, Clone, PartialEq)]
pub struct Keymap {
    bindings: Vec<Binding>,
}

impl Keymap {
    /// The default bindings, the status keys of the configured statuses (index, key), and
    /// the configuration's overrides.
    pub fn new(
        status_keys: &[(usize, char)],
        overrides: &Overrides,
    ) -> Result<Keymap, KeymapError> {
        let actions = named_actions();
        let lookup = |name: &str| actions.iter().find(|(n, _, _)| *n == name);
        let mut bindings: Vec<Binding> = Vec::new();
        for (context, keys, name) in DEFAULTS {
            if let Some((name, action, help)) = lookup(name) {
                bindings.push(Binding {
                    context: *context,
                    keys: keys.iter().filter_map(|k| Key::parse(k)).collect(),
                    name,
                    action: action.clone(),
                    help,
                });
            }
        }
        for &(index, key) in status_keys {
            if let Some((name, action, help)) = STATUS_NAMES.get(index).and_then(|n| lookup(n)) {
                bindings.push(Binding {
                    context: Context::Any,
                    keys: vec![Key::char(key)],
                    name,
                    action: action.clone(),
                    help,
                });
            }
        }
        let mut keymap = Keymap { bindings };
        for (context_name, keys) in overrides {
            let context = Context::parse(context_name)
                .ok_or_else(|| KeymapError::UnknownContext(context_name.clone()))?;
            for (key_text, action_name) in keys {
                let key = Key::parse(key_text)
                    .ok_or_else(|| KeymapError::UnknownKey(key_text.clone()))?;
                for b in keymap.bindings.iter_mut().filter(|b| b.context == context) {
                    b.keys.retain(|k| *k != key);
                }
                if action_name == "none" {
                    continue;
                }
                let (name, action, help) =
                    lookup(action_name).ok_or_else(|| KeymapError::UnknownAction {
                        key: key_text.clone(),
                        action: action_name.clone(),
                    })?;
                match keymap
                    .bindings
                    .iter_mut()
                    .find(|b| b.context == context && b.name == *name)
                {
                    Some(b) => b.keys.push(key),
                    None => keymap.bindings.push(Binding {
                        context,
                        keys: vec![key],
                        name,
                        action: action.clone(),
                        help,
                    }),
                }
            }
        }
        Ok(keymap)
    }

    /// The action of `key` in `context`; pane contexts fall back to `Any`.
    pub fn action(&self, context: Context, key: Key) -> Option<Action> {
        let find = |c: Context| {
            self.bindings
                .iter()
                .find(|b| b.context == c && b.keys.contains(&key))
                .map(|b| b.action.clone())
        };
        find(context).or_else(|| match context {
            Context::Documents | Context::Reader | Context::Notes => find(Context::Any),
            // Ctrl-c still quits from a prompt; the note being edited is saved first.
            Context::Prompt | Context::Editor => {
                (key == Key::new(KeyCode::Char('c'), KeyModifiers::CONTROL)).then_some(Action::Quit)
            }
            _ => None,
        })
    }

    /// The bindings of a context, for the help overlay.
    pub fn bindings(&self, context: Context) -> impl Iterator<Item = &Binding> {
        self.bindings
            .iter()
            .filter(move |b| b.context == context && !b.keys.is_empty())
    }

    /// The keys bound to an action name in a context (or anywhere), for hints.
    pub fn keys_for(&self, context: Context, name: &str) -> Vec<Key> {
        self.bindings
            .iter()
            .filter(|b| b.name == name && (b.context == context || b.context == Context::Any))
            .flat_map(|b| b.keys.iter().copied())
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_default_names_a_known_action_and_parses() {
        let names: Vec<&str> = named_actions().iter().map(|(n, _, _)| *n).collect();
        for (_, keys, name) in DEFAULTS {
            assert!(names.contains(name), "{name}");
            for k in *keys {
                assert!(Key::parse(k).is_some(), "{k}");
            }
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
        let mut o = Overrides::new();
        o.insert(
            "reader".into(),
            BTreeMap::from([
                ("J".into(), "next_paragraph".into()),
                ("}".into(), "none".into()),
            ]),
        );
        let km = Keymap::new(&[], &o).unwrap();
        assert_eq!(
            km.action(Context::Reader, Key::char('J')),
            Some(Action::Paragraph(Dir::Next))
        );
        assert_eq!(km.action(Context::Reader, Key::char('}')), None);
        o.insert(
            "reader".into(),
            BTreeMap::from([("J".into(), "fly".into())]),
        );
        assert_eq!(
            Keymap::new(&[], &o),
            Err(KeymapError::UnknownAction {
                key: "J".into(),
                action: "fly".into()
            })
        );
        o.insert(
            "reader".into(),
            BTreeMap::from([("hyper-x".into(), "quit".into())]),
        );
        assert_eq!(
            Keymap::new(&[], &o),
            Err(KeymapError::UnknownKey("hyper-x".into()))
        );
        let o = Overrides::from([("sidebar".into(), BTreeMap::new())]);
        assert_eq!(
            Keymap::new(&[], &o),
            Err(KeymapError::UnknownContext("sidebar".into()))
        );
    }
}
