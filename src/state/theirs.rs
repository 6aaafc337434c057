//! The notes pane in compare mode: below my notes, what the other coder wrote about the
//! document (status, tags, notes, highlights), read-only, so the two can be read side by
//! side. Their lines belong to no item: nothing of theirs is selected or changed here.

use super::State;
use super::notes::{NotesLine, NotesRow};
use super::wrap::wrap;
use crate::text::one_line;

impl State {
    /// The notes pane's lines for the other coder's entry of the current document, when
    /// comparing and they wrote anything about it.
    pub(super) fn their_lines(&self, width: usize) -> Vec<NotesLine> {
        let (Some(compare), Some(path)) = (self.compare.as_ref(), self.current_path()) else {
            return Vec::new();
        };
        let Some(entry) = compare.notebook.doc(path).filter(|e| !e.is_empty()) else {
            return Vec::new();
        };
        let mut lines = Vec::new();
        let mut push = |row: NotesRow| lines.push(NotesLine { item: None, row });
        push(NotesRow::Blank);
        push(NotesRow::Heading(format!(
            "Theirs · {}",
            one_line(&compare.coder)
        )));
        let wrapped = |text: &str, indent: usize| -> Vec<String> {
            text.split('\n')
                .flat_map(|p| {
                    wrap(p, width.saturating_sub(indent).max(1))
                        .into_iter()
                        .map(|r| p[r].to_owned())
                        .collect::<Vec<_>>()
                })
                .collect()
        };
        let mut about = vec![format!(
            "status: {}",
            entry.status.as_deref().unwrap_or("untriaged")
        )];
        if !entry.tags.is_empty() {
            about.push(format!("tags: {}", entry.tags.join(", ")));
        }
        for line in wrapped(&one_line(&about.join(" · ")), 0) {
            push(NotesRow::Tags(line));
        }
        for note in &entry.notes {
            for line in wrapped(&crate::text::printable(&note.text), 2) {
                push(NotesRow::Note(line));
            }
        }
        for h in &entry.highlights {
            let quote = format!("“{}”", one_line(&h.anchor.quote));
            for line in wrapped(&quote, 2) {
                push(NotesRow::Quote(line));
            }
            let tags = if h.tags.is_empty() {
                "—".to_owned()
            } else {
                h.tags.join(", ")
            };
            push(NotesRow::HighlightTags(one_line(&tags), h.state));
            if let Some(note) = &h.note {
                for line in wrapped(&crate::text::printable(note), 2) {
                    push(NotesRow::HighlightNote(line));
                }
            }
        }
        lines
    }
}
