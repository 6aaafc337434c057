//! Drawing: reads the [`State`] and never changes it. Each pane is its own module; overlays
//! (prompt, note editor, help, question) are drawn last, over the panes.

mod charts;
mod compare;
mod documents;
mod kwic;
mod notes;
mod overlay;
mod reader;
mod status_bar;
mod triage;

use crate::state::{Pane, State};
use crate::team::passages::Passages;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, BorderType, Paragraph};

/// Draws the whole screen.
pub fn draw(frame: &mut Frame, state: &State) {
    let screen = state.screen();
    if screen.too_small {
        let (w, h) = state.size;
        let message = format!(
            "dossier needs at least {}×{}; this terminal is {w}×{h}",
            crate::state::layout::MIN_WIDTH,
            crate::state::layout::MIN_HEIGHT
        );
        let area = frame.area();
        let paragraph = Paragraph::new(message).wrap(ratatui::widgets::Wrap { trim: true });
        frame.render_widget(paragraph, area);
        return;
    }
    // Both coders' passages of the reader's document, when comparing: built once a frame.
    let passages = state.passages();
    if let Some(view) = &state.charts {
        // The charts take the whole body, above the status bar.
        let body = Rect::new(0, 0, state.size.0, screen.status.y);
        charts::draw(frame, body, state, view);
    } else if state.kwic_open() {
        kwic::draw(frame, state);
    } else {
        panes(frame, &screen, state, passages.as_ref());
    }
    status_bar::draw(frame, screen.status, state, passages.as_ref());
    overlay::draw(frame, state);
}

fn panes(
    frame: &mut Frame,
    screen: &crate::state::Screen,
    state: &State,
    passages: Option<&Passages>,
) {
    if let Some(area) = screen.documents {
        documents::draw(frame, area, state);
    }
    if let Some(area) = screen.reader {
        reader::draw(frame, area, state, passages);
    }
    if let Some(area) = screen.notes {
        notes::draw(frame, area, state);
    }
    if let Some(area) = screen.triage_bar {
        triage::draw(frame, area, state);
    }
}

/// A pane's frame: rounded border, bold in the focus colour when focused.
fn pane_block<'a>(state: &State, pane: Pane, title: Line<'a>) -> Block<'a> {
    let focused = state.focus == pane && state.prompt.is_none() && state.editor.is_none();
    frame_block(state, focused, title)
}

/// A frame with a title: rounded border, thick in the focus colour when focused.
fn frame_block<'a>(state: &State, focused: bool, title: impl Into<Line<'a>>) -> Block<'a> {
    Block::bordered()
        .border_type(if focused {
            BorderType::Thick
        } else {
            BorderType::Rounded
        })
        .border_style(state.settings.theme.border(focused))
        .title(title)
}

/// A rectangle of `width`×`height` centred in `area` (clipped to it).
fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let width = width.min(area.width);
    let height = height.min(area.height);
    Rect::new(
        area.x + (area.width - width) / 2,
        area.y + (area.height - height) / 2,
        width,
        height,
    )
}
