//! Compare mode in the reader: who coded each stretch, drawn so that it reads without
//! colour too (`NO_COLOR`): what both coded is underlined, what only I coded is underlined
//! in italics, what only they coded is reversed (a block: none of it is mine); and each
//! row's gutter says it in a character: `=` both, `<` only mine, `>` only theirs, `≠` both
//! kinds of disagreement on the row. With colour, the three are also green, cyan and
//! magenta. None of them is bold, which the cursor is without colour, so the cursor's
//! sentence still shows who coded it.

use crate::team::passages::{Coded, Passages};
use crate::theme::Theme;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::Span;
use std::ops::Range;

/// The reader title's key to the gutter.
pub const LEGEND: &str = "= both < mine > theirs";

/// How a stretch coded by `coded` is drawn.
pub fn style(theme: &Theme, coded: Coded) -> Style {
    let (color, modifiers) = match coded {
        Coded::Both => (Color::Green, Modifier::UNDERLINED),
        Coded::Mine => (Color::Cyan, Modifier::UNDERLINED | Modifier::ITALIC),
        Coded::Theirs => (Color::Magenta, Modifier::REVERSED),
    };
    let style = Style::new().add_modifier(modifiers);
    if theme.color { style.fg(color) } else { style }
}

/// The gutter of a text row (byte range `row`): who coded what on it, if anyone.
pub fn gutter(theme: &Theme, passages: &Passages, row: &Range<usize>) -> Option<Span<'static>> {
    // An empty row (a blank line) is one position wide for this test.
    let end = row.end.max(row.start + 1);
    let on_row = |coded: Coded| {
        passages
            .passages
            .iter()
            .any(|p| p.coded == coded && p.range.start < end && row.start < p.range.end)
    };
    let (mine, theirs, both) = (
        on_row(Coded::Mine),
        on_row(Coded::Theirs),
        on_row(Coded::Both),
    );
    let (symbol, coded) = match (mine, theirs, both) {
        (true, true, _) => ("≠", Coded::Both),
        (true, false, _) => ("<", Coded::Mine),
        (false, true, _) => (">", Coded::Theirs),
        (false, false, true) => ("=", Coded::Both),
        (false, false, false) => return None,
    };
    let style = style(theme, coded)
        .remove_modifier(Modifier::UNDERLINED | Modifier::ITALIC | Modifier::REVERSED);
    Some(Span::styled(symbol, style))
}
