//! The tags chart: one horizontal bar per tag, as long as the documents carrying it, with
//! the documents and highlights written after it.

use super::first_shown;
use crate::state::State;
use crate::stats::TagRow;
use crate::text;
use ratatui::Frame;
use ratatui::layout::{Direction, Rect};
use ratatui::widgets::{Bar, BarChart, Paragraph};

/// Draws the bars; returns the line about the cursor's bar.
pub fn draw(
    frame: &mut Frame,
    area: Rect,
    state: &State,
    rows: &[TagRow],
    cursor: usize,
) -> String {
    let theme = &state.settings.theme;
    let Some(at) = rows.get(cursor) else {
        frame.render_widget(Paragraph::new("no tags in these documents yet"), area);
        return String::new();
    };
    let shown = usize::from(area.height);
    let first = first_shown(cursor, shown, rows.len());
    let label_room = (usize::from(area.width) / 3).clamp(4, 30);
    let most = rows.iter().map(|r| r.documents).max().unwrap_or(0);
    let bars: Vec<Bar> = rows
        .iter()
        .enumerate()
        .skip(first)
        .take(shown)
        .map(|(i, r)| {
            let mark = if i == cursor { "▶ " } else { "  " };
            let label = format!("{mark}{}", text::truncate(&r.tag, label_room - 2));
            let bar = Bar::with_label(label, r.documents as u64)
                .text_value(format!("{} · {} hl", r.documents, r.highlights));
            if i == cursor {
                bar.style(theme.selected(true))
            } else {
                let own = state.notebook.tag(&r.tag).and_then(|t| t.color.as_deref());
                bar.style(
                    theme
                        .tag(&r.tag, own)
                        .remove_modifier(ratatui::style::Modifier::UNDERLINED),
                )
            }
        })
        .collect();
    let chart = BarChart::default()
        .direction(Direction::Horizontal)
        .data(ratatui::widgets::BarGroup::default().bars(&bars))
        .bar_width(1)
        .bar_gap(0)
        .max(most.max(1) as u64)
        .value_style(theme.title());
    frame.render_widget(chart, area);
    format!(
        "{}: {}, {}",
        at.tag,
        text::count(at.documents, "document", "documents"),
        text::count(at.highlights, "highlight", "highlights")
    )
}
