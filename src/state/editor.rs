//! The note editor: multi-line text (ratatui-textarea) for a note on a document, on a
//! highlight, or on a passage that becomes a highlight. `Esc` and `Ctrl-s` save; no key
//! throws typed text away.

use crate::keymap::Key;
use ratatui::crossterm::event::KeyEvent;
use ratatui_textarea::TextArea;
use std::ops::Range;

/// What the note being edited belongs to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NoteTarget {
    /// A document: a new note (`note: None`) or an existing one.
    Document {
        /// Corpus index.
        doc: usize,
        /// The note's id when editing one.
        note: Option<String>,
    },
    /// An existing highlight's note.
    Highlight {
        /// Corpus index.
        doc: usize,
        /// The highlight's id.
        id: String,
    },
    /// A passage: saving makes a highlight with this note.
    Passage {
        /// Corpus index.
        doc: usize,
        /// Byte range.
        range: Range<usize>,
    },
}

/// An open note editor.
#[derive(Debug, Clone)]
pub struct NoteEditor {
    /// Where the note goes.
    pub target: NoteTarget,
    /// The text.
    pub textarea: TextArea<'static>,
    /// The text when the editor opened.
    pub original: String,
}

impl NoteEditor {
    /// An editor on `text`.
    pub fn new(target: NoteTarget, text: &str) -> NoteEditor {
        let lines: Vec<String> = text.split('\n').map(str::to_owned).collect();
        let mut textarea = TextArea::new(lines);
        textarea.set_cursor_line_style(ratatui::style::Style::new());
        textarea.set_wrap_mode(ratatui_textarea::WrapMode::WordOrGlyph);
        textarea.move_cursor(ratatui_textarea::CursorMove::Bottom);
        textarea.move_cursor(ratatui_textarea::CursorMove::End);
        NoteEditor {
            target,
            textarea,
            original: text.to_owned(),
        }
    }

    /// The text, without trailing blank lines or spaces.
    pub fn text(&self) -> String {
        self.textarea.lines().join("\n").trim_end().to_owned()
    }

    /// Replaces the text (after `$EDITOR`).
    pub fn set_text(&mut self, text: &str) {
        let target = self.target.clone();
        let original = self.original.clone();
        *self = NoteEditor::new(target, text);
        self.original = original;
    }

    /// Inserts pasted text at the cursor in one edit: `\r\n` and `\r` become line breaks,
    /// other control characters but the tab are dropped.
    pub fn paste(&mut self, text: &str) {
        let mut clean = String::with_capacity(text.len());
        let mut chars = text.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '\r' => {
                    chars.next_if_eq(&'\n');
                    clean.push('\n');
                }
                '\n' | '\t' => clean.push(c),
                c if c.is_control() => {}
                c => clean.push(c),
            }
        }
        self.textarea.insert_str(clean);
    }

    /// Feeds a typed key to the text.
    pub fn type_key(&mut self, key: Key) {
        self.textarea.input(KeyEvent::new(key.code, key.mods));
    }
}
