//! The notes pane's content: the document's status and tags, any merge conflicts, its
//! notes, then its highlights in text order, each with who made it when that is known
//! (and, when comparing, the other coder's, [`super::theirs`]). Items and their wrapped
//! lines are derived from the notebook each time, so
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
    /// A merge conflict, by index in the entry's conflicts.
    Conflict(usize),
}

/// What a line of the notes pane shows, for the drawing to style.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NotesRow {
    /// `status: relevant`, and who set it (empty when unknown).
    Status(Option<String>, String),
    /// `tags: a, b` (first line) or its continuation.
    Tags(String),
    /// A section heading (`Notes`, `Highlights`).
    Heading(String),
    /// A line of a note.
    Note(String),
    /// Who wrote a note.
    NoteBy(String),
    /// A line of a merge conflict; true for its first line.
    Conflict(String, bool),
    /// The keys that resolve the selected conflict.
    ConflictHint(String),
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
            items.extend((0..entry.conflicts.len()).map(NotesItem::Conflict));
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
            row: NotesRow::Status(
                entry.and_then(|e| e.status.clone()),
                entry.map(|e| e.status_by.clone()).unwrap_or_default(),
            ),
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
        let tags = entry.map(tags_with_coders).unwrap_or_default();
        let tags = if tags.is_empty() {
            "tags: —".to_owned()
        } else {
            format!("tags: {tags}")
        };
        push_wrapped(&mut lines, Some(0), &tags, NotesRow::Tags, 0);
        let Some(entry) = entry else {
            lines.extend(self.their_lines(width));
            return lines;
        };
        let mut item = 1;
        if !entry.conflicts.is_empty() {
            lines.push(NotesLine {
                item: None,
                row: NotesRow::Blank,
            });
            lines.push(NotesLine {
                item: None,
                row: NotesRow::Heading(format!("Merge conflicts ({})", entry.conflicts.len())),
            });
            let selected = self.notes_selected;
            for conflict in &entry.conflicts {
                let text = conflict.describe();
                for (i, r) in wrap(&text, width.saturating_sub(2).max(1))
                    .into_iter()
                    .enumerate()
                {
                    lines.push(NotesLine {
                        item: Some(item),
                        row: NotesRow::Conflict(text[r].to_owned(), i == 0),
                    });
                }
                if item == selected {
                    push_wrapped(
                        &mut lines,
                        Some(item),
                        &self.conflict_hint(),
                        NotesRow::ConflictHint,
                        2,
                    );
                }
                item += 1;
            }
        }
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
                if !note.by.is_empty() {
                    lines.push(NotesLine {
                        item: Some(item),
                        row: NotesRow::NoteBy(crate::text::one_line(&note.by)),
                    });
                }
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
                if !h.by.is_empty() {
                    meta.push_str(&format!(" · {}", crate::text::one_line(&h.by)));
                }
                if h.state != AnchorState::Ok {
                    meta.push_str(&format!(" · {}", h.state.as_str()));
                }
                if h.state == AnchorState::Changed
                    && let Some(key) = self.key_hint(
                        crate::keymap::Context::Notes,
                        crate::keymap::Command::AcceptWording,
                    )
                {
                    meta.push_str(&format!(" ({key} takes the new wording)"));
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
        lines.extend(self.their_lines(width));
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

/// The document's tags with who applied them: `a, b · ana` when one set of coders applied
/// them all, else each tag with its own (`a (ana), b (ana, ben)`); no coders when none is
/// recorded.
fn tags_with_coders(entry: &crate::notebook::DocumentNotes) -> String {
    let coders: Vec<Vec<&str>> = entry
        .tags
        .iter()
        .map(|t| entry.taggers_of(t).collect())
        .collect();
    let names = |c: &[&str]| {
        c.iter()
            .map(|n| crate::text::one_line(n))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let all_same = coders.windows(2).all(|w| w[0] == w[1]);
    match coders.first() {
        Some(first) if all_same && !first.is_empty() => {
            format!("{} · {}", entry.tags.join(", "), names(first))
        }
        _ if coders.iter().all(Vec::is_empty) || all_same => entry.tags.join(", "),
        _ => entry
            .tags
            .iter()
            .zip(&coders)
            .map(|(t, c)| {
                if c.is_empty() {
                    t.clone()
                } else {
                    format!("{t} ({})", names(c))
                }
            })
            .collect::<Vec<_>>()
            .join(", "),
    }
}
