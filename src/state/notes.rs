//! The notes pane's content: the document's status and tags, its notes, then its highlights
//! in text order. Items and their wrapped lines are derived from the notebook each time, so
//! drawing and mouse clicks agree; only the selection is stored.

use super::State;
use super::wrap::wrap;
use crate::notebook::AnchorState;

/// One selectable item of the notes pane.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NotesItem {
    /// The document's tags.
    Tags,
    /// A document note, by id.
    Note(String),
    /// A highlight, by id.
    Highlight(String),
}

/// What a line of the notes pane shows, for the drawing to style.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NotesRow {
    /// `status: relevant`.
    Status(Option<String>),
    /// `tags: a, b` (first line) or its continuation.
    Tags(String),
    /// A section heading (`Notes`, `Highlights`).
    Heading(String),
    /// A line of a note.
    Note(String),
    /// A line of a highlight's quote.
    Quote(String),
    /// A highlight's tags and anchor state.
    HighlightTags(String, AnchorState),
    /// A line of a highlight's note.
    HighlightNote(String),
    /// Space between items.
    Blank,
}

/// A line of the notes pane and the item it belongs to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotesLine {
    /// Index into [`State::notes_items`], if the line belongs to an item.
    pub item: Option<usize>,
    /// What it shows.
    pub row: NotesRow,
}

impl State {
    /// The items of the current document's notes.
    pub fn notes_items(&self) -> Vec<NotesItem> {
        let mut items = vec![NotesItem::Tags];
        if let Some(entry) = self.current_path().and_then(|p| self.notes_of(p)) {
            items.extend(entry.notes.iter().map(|n| NotesItem::Note(n.id.clone())));
            items.extend(
                entry
                    .highlights
                    .iter()
                    .map(|h| NotesItem::Highlight(h.id.clone())),
            );
        }
        items
    }

    /// The selected item.
    pub fn selected_note_item(&self) -> Option<NotesItem> {
        let items = self.notes_items();
        let i = self.notes_selected.min(items.len().saturating_sub(1));
        items.get(i).cloned()
    }

    /// The lines of the notes pane for `width` columns.
    pub fn notes_lines(&self, width: usize) -> Vec<NotesLine> {
        let width = width.max(4);
        let entry = self.current_path().and_then(|p| self.notes_of(p));
        let mut lines = vec![NotesLine {
            item: None,
            row: NotesRow::Status(entry.and_then(|e| e.status.clone())),
        }];
        let push_wrapped = |lines: &mut Vec<NotesLine>,
                            item,
                            text: &str,
                            make: fn(String) -> NotesRow,
                            indent: usize| {
            for paragraph in text.split('\n') {
                for r in wrap(paragraph, width.saturating_sub(indent).max(1)) {
                    lines.push(NotesLine {
                        item,
                        row: make(paragraph[r].to_owned()),
                    });
                }
            }
        };
        let tags = entry.map(|e| e.tags.join(", ")).unwrap_or_default();
        let tags = if tags.is_empty() {
            "tags: —".to_owned()
        } else {
            format!("tags: {tags}")
        };
        push_wrapped(&mut lines, Some(0), &tags, NotesRow::Tags, 0);
        let Some(entry) = entry else { return lines };
        let mut item = 1;
        if !entry.notes.is_empty() {
            lines.push(NotesLine {
                item: None,
                row: NotesRow::Blank,
            });
            lines.push(NotesLine {
                item: None,
                row: NotesRow::Heading(format!("Notes ({})", entry.notes.len())),
            });
            for note in &entry.notes {
                push_wrapped(
                    &mut lines,
                    Some(item),
                    &crate::text::printable(&note.text),
                    NotesRow::Note,
                    2,
                );
                item += 1;
            }
        }
        if !entry.highlights.is_empty() {
            lines.push(NotesLine {
                item: None,
                row: NotesRow::Blank,
            });
            lines.push(NotesLine {
                item: None,
                row: NotesRow::Heading(format!("Highlights ({})", entry.highlights.len())),
            });
            for h in &entry.highlights {
                let quote = crate::text::one_line(&h.anchor.quote);
                push_wrapped(
                    &mut lines,
                    Some(item),
                    &format!("“{quote}”"),
                    NotesRow::Quote,
                    2,
                );
                // A changed wording is shown beside the quote as highlighted.
                if h.state == AnchorState::Changed
                    && let Some(now) = self
                        .current()
                        .and_then(|d| d.text.get(h.anchor.start..h.anchor.end))
                {
                    let now = crate::text::one_line(now);
                    push_wrapped(
                        &mut lines,
                        Some(item),
                        &format!("now “{now}”"),
                        NotesRow::Quote,
                        2,
                    );
                }
                let mut meta = if h.tags.is_empty() {
                    "—".to_owned()
                } else {
                    h.tags.join(", ")
                };
                if h.state != AnchorState::Ok {
                    meta.push_str(&format!(" · {}", h.state.as_str()));
                }
                lines.push(NotesLine {
                    item: Some(item),
                    row: NotesRow::HighlightTags(meta, h.state),
                });
                if let Some(note) = &h.note {
                    push_wrapped(
                        &mut lines,
                        Some(item),
                        &crate::text::printable(note),
                        NotesRow::HighlightNote,
                        2,
                    );
                }
                item += 1;
            }
        }
        lines
    }

    /// The first line to show so the selected item is in view in `height` rows.
    pub fn notes_offset(&self, lines: &[NotesLine], height: usize) -> usize {
        let selected = Some(self.notes_selected);
        let first = lines.iter().position(|l| l.item == selected).unwrap_or(0);
        let last = lines.iter().rposition(|l| l.item == selected).unwrap_or(0);
        let height = height.max(1);
        if last < height {
            0
        } else if last - first < height {
            last + 1 - height
        } else {
            first
        }
    }
}
