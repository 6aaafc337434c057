//! The triage bar under the full-width reader: progress, the status keys with their names,
//! and the document's status and tags.

use crate::keymap::Command;
use crate::state::State;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Gauge, Paragraph};

pub fn draw(frame: &mut Frame, area: Rect, state: &State) {
    let theme = &state.settings.theme;
    let [gauge_area, keys_area, doc_area] =
        Layout::vertical([Constraint::Length(1); 3]).areas(area);
    let (done, total) = state.triaged();
    let ratio = if total == 0 {
        0.0
    } else {
        done as f64 / total as f64
    };
    let position = state.list.selected + 1;
    let gauge = Gauge::default()
        .ratio(ratio)
        .label(format!(
            "triaged {done}/{total} · document {position} of {}",
            state.list.shown.len()
        ))
        .gauge_style(theme.border(true));
    frame.render_widget(gauge, gauge_area);
    // Every key shown is the one the keymap has for it now.
    let context = state.pane_context();
    let mut keys: Vec<Span> = Vec::new();
    for (i, s) in state.settings.statuses.iter().enumerate() {
        if let Some(k) = state.key_hint(context, Command::Status(i)) {
            keys.push(Span::styled(
                format!(" {k} "),
                theme
                    .status(s.color.as_deref())
                    .add_modifier(Modifier::REVERSED),
            ));
            keys.push(Span::raw(format!(" {}  ", s.name)));
        }
    }
    let others: [(&[Command], &str); 4] = [
        (&[Command::ClearStatus], " clear  "),
        (&[Command::Tag], " tag  "),
        (&[Command::MoveDown, Command::MoveUp], " document  "),
        (&[Command::TriageLayout], " panes"),
    ];
    for (commands, what) in others {
        if let Some(k) = state.keys_hint(context, commands) {
            keys.push(Span::styled(
                format!(" {k} "),
                theme.dim().add_modifier(Modifier::REVERSED),
            ));
            keys.push(Span::raw(what));
        }
    }
    frame.render_widget(Paragraph::new(Line::from(keys)), keys_area);
    let entry = state.current_path().and_then(|p| state.notes_of(p));
    let status = entry
        .and_then(|e| e.status.clone())
        .unwrap_or_else(|| "untriaged".to_owned());
    let tags = entry
        .map(|e| {
            e.tags
                .iter()
                .map(|t| format!("#{t}"))
                .collect::<Vec<_>>()
                .join(" ")
        })
        .unwrap_or_default();
    let line = Line::from(vec![
        Span::styled("status: ", theme.dim()),
        Span::styled(status, theme.title()),
        Span::styled("   tags: ", theme.dim()),
        Span::raw(if tags.is_empty() {
            "—".to_owned()
        } else {
            tags
        }),
    ]);
    frame.render_widget(Paragraph::new(line), doc_area);
}
