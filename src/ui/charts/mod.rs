//! The charts view: one chart over the body of the screen, its name and the documents it
//! counts in the title, the keys (from the keymap) at the bottom, and a line saying what
//! the cursor is on. Nothing is told by colour alone: the cursor is marked with `▶`, and
//! heat-map cells show their number and a shade.

mod bars;
mod heat;
mod lines;

use crate::keymap::{Command, Context};
use crate::state::State;
use crate::state::charts::{Body, ChartKind, ChartsView, group_name};
use crate::text;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, BorderType, Paragraph};

/// Draws the charts view in `area`.
pub fn draw(frame: &mut Frame, area: Rect, state: &State, view: &ChartsView) {
    let theme = &state.settings.theme;
    let room = usize::from(area.width.saturating_sub(4));
    let mut title = format!(" Charts · {}", view.kind.name());
    if view.kind == ChartKind::Matrix {
        title.push_str(&format!(" by {}", group_name(&view.group)));
    }
    if let Some(data) = view.shown() {
        title.push_str(&format!(
            " · {}",
            text::count(data.docs.len(), "document", "documents")
        ));
    }
    if view.pending.is_some() {
        title.push_str(" · counting…");
    }
    title.push(' ');
    let mut keys = vec![
        (Command::ChartTags, "tags"),
        (Command::ChartTimeline, "timeline"),
        (Command::ChartCooccurrence, "pairs"),
        (Command::ChartMatrix, "matrix"),
    ];
    if view.kind == ChartKind::Matrix {
        keys.push((Command::ChartGroup, "groups"));
    }
    keys.extend([(Command::ChartNarrow, "narrows"), (Command::Cancel, "back")]);
    let hints = format!(" {} ", state.hint_line(Context::Charts, &keys));
    let block = Block::bordered()
        .border_type(BorderType::Thick)
        .border_style(theme.border(true))
        .title(Line::from(text::truncate(&title, room)))
        .title_bottom(Line::styled(text::truncate(&hints, room), theme.dim()));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if inner.height == 0 || inner.width == 0 {
        return;
    }
    let chart = Rect {
        height: inner.height - 1,
        ..inner
    };
    let detail = Rect {
        y: inner.bottom() - 1,
        height: 1,
        ..inner
    };
    let Some(data) = view.shown() else {
        frame.render_widget(Paragraph::new("counting…").style(theme.dim()), detail);
        return;
    };
    let (x, y) = view.cursor;
    let line = match &data.body {
        Body::Tags(rows) => bars::draw(frame, chart, state, rows, y),
        Body::Timeline(t) => lines::draw(frame, chart, state, t, (x, y)),
        Body::Cooccurrence(g) => heat::draw(frame, chart, state, g, (x, y), heat::Kind::Pairs),
        Body::Matrix(g) => heat::draw(frame, chart, state, g, (x, y), heat::Kind::Codings),
    };
    let line = text::truncate(&text::one_line(&line), usize::from(detail.width));
    frame.render_widget(Paragraph::new(line).style(theme.title()), detail);
}

/// The first of `shown` rows to draw so that `cursor` is among them.
fn first_shown(cursor: usize, shown: usize, len: usize) -> usize {
    let shown = shown.max(1);
    let first = (cursor + 1).saturating_sub(shown);
    first.min(len.saturating_sub(shown))
}

#[cfg(test)]
mod tests {
    use super::first_shown;

    #[test]
    fn the_cursor_stays_in_view() {
        assert_eq!(first_shown(0, 5, 20), 0);
        assert_eq!(first_shown(4, 5, 20), 0);
        assert_eq!(first_shown(5, 5, 20), 1);
        assert_eq!(first_shown(19, 5, 20), 15);
        assert_eq!(first_shown(3, 0, 20), 3);
        assert_eq!(first_shown(2, 10, 3), 0);
    }
}
