//! The notes pane: status, tags, merge conflicts, notes, then highlights with quote, tags,
//! note and anchor state; who made each, where known. Lines come from `State::notes_lines`, which mouse clicks use too.

use super::pane_block;
use crate::notebook::AnchorState;
use crate::state::{NotesRow, Pane, State};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

pub fn draw(frame: &mut Frame, area: Rect, state: &State) {
    let theme = &state.settings.theme;
    let block = pane_block(state, Pane::Notes, Line::from(" Notes "));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let all = state.notes_lines(usize::from(inner.width));
    let offset = state.notes_offset(&all, usize::from(inner.height));
    let focused = state.focus == Pane::Notes;
    let selected = state
        .notes_selected
        .min(state.notes_items().len().saturating_sub(1));
    let lines: Vec<Line> = all
        .iter()
        .skip(offset)
        .take(usize::from(inner.height))
        .map(|l| {
            let line = match &l.row {
                NotesRow::Status(status, by) => {
                    let def = status
                        .as_deref()
                        .and_then(|s| state.settings.statuses.iter().find(|d| d.name == s));
                    let mut spans = vec![
                        Span::styled("status: ", theme.dim()),
                        Span::styled(
                            status.clone().unwrap_or_else(|| "untriaged".to_owned()),
                            theme
                                .status(def.and_then(|d| d.color.as_deref()))
                                .add_modifier(Modifier::BOLD),
                        ),
                    ];
                    if !by.is_empty() && status.is_some() {
                        spans.push(Span::styled(
                            format!(" · {}", crate::text::one_line(by)),
                            theme.dim(),
                        ));
                    }
                    Line::from(spans)
                }
                NotesRow::Tags(t) => Line::raw(t.clone()),
                NotesRow::Heading(h) => Line::styled(h.clone(), theme.title()),
                NotesRow::Note(t) => {
                    Line::from(vec![Span::styled("▌ ", theme.dim()), Span::raw(t.clone())])
                }
                NotesRow::NoteBy(by) => Line::styled(format!("  — {by}"), theme.dim()),
                NotesRow::Conflict(t, first) => Line::from(vec![
                    Span::styled(
                        if *first { "! " } else { "  " },
                        Style::new().add_modifier(Modifier::BOLD),
                    ),
                    Span::styled(t.clone(), Style::new().add_modifier(Modifier::BOLD)),
                ]),
                NotesRow::ConflictHint(h) => Line::styled(format!("  {h}"), theme.dim()),
                NotesRow::Quote(q) => Line::from(vec![
                    Span::raw("  "),
                    Span::styled(q.clone(), Style::new().add_modifier(Modifier::ITALIC)),
                ]),
                NotesRow::HighlightTags(t, st) => {
                    let style = match st {
                        AnchorState::Ok => theme.dim(),
                        AnchorState::Moved | AnchorState::Changed | AnchorState::Orphaned => {
                            theme.dim().add_modifier(Modifier::BOLD)
                        }
                    };
                    Line::from(vec![Span::raw("  "), Span::styled(format!("— {t}"), style)])
                }
                NotesRow::HighlightNote(n) => {
                    Line::from(vec![Span::raw("  "), Span::raw(n.clone())])
                }
                NotesRow::Blank => Line::raw(""),
            };
            if l.item == Some(selected) && focused {
                line.style(theme.selected(true))
            } else {
                line
            }
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}
