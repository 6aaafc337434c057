//! The heat maps: co-occurrence (tag × tag) and the code matrix (tag × group), drawn as a
//! table whose cells show a shade and their number, so the count reads without colour. The
//! cursor's row and column are marked with `▶` and `▼`; what does not fit scrolls with it.

use super::first_shown;
use crate::state::State;
use crate::state::charts::Grid;
use crate::text;
use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::widgets::{Cell, Paragraph, Row, Table};

/// Which grid is drawn, for the line about the cursor's cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Co-occurrence: documents with both tags.
    Pairs,
    /// The matrix: codings of a tag in a group.
    Codings,
}

/// Shades from none to most.
const SHADES: [&str; 5] = ["·", "░", "▒", "▓", "█"];
const HEAT: [Color; 5] = [
    Color::DarkGray,
    Color::Blue,
    Color::Cyan,
    Color::Yellow,
    Color::Red,
];
/// The width of a cell: a shade, a space and up to five digits.
const CELL: usize = 7;

fn level(count: usize, most: usize) -> usize {
    if count == 0 || most == 0 {
        0
    } else {
        (count * 4).div_ceil(most).clamp(1, 4)
    }
}

/// Draws the grid; returns the line about the cursor's cell.
pub fn draw(
    frame: &mut Frame,
    area: Rect,
    state: &State,
    g: &Grid,
    (x, y): (usize, usize),
    kind: Kind,
) -> String {
    let theme = &state.settings.theme;
    if g.rows.is_empty() || g.columns.is_empty() {
        frame.render_widget(Paragraph::new("no codings in these documents yet"), area);
        return String::new();
    }
    let label = g
        .rows
        .iter()
        .map(|r| text::width(r))
        .max()
        .unwrap_or(0)
        .clamp(4, 24)
        + 2;
    let width = usize::from(area.width);
    let fit_columns = (width.saturating_sub(label + 1) / (CELL + 1)).max(1);
    // The header takes a row.
    let fit_rows = usize::from(area.height.saturating_sub(1)).max(1);
    let first_column = first_shown(x, fit_columns, g.columns.len());
    let first_row = first_shown(y, fit_rows, g.rows.len());
    let columns: Vec<usize> = (first_column..g.columns.len()).take(fit_columns).collect();
    let header = Row::new(
        std::iter::once(Cell::from(""))
            .chain(columns.iter().map(|&c| {
                let mark = if c == x { "▼" } else { "" };
                Cell::from(format!(
                    "{mark}{}",
                    text::truncate(&g.columns[c], CELL - mark.len().min(1))
                ))
            }))
            .collect::<Vec<_>>(),
    )
    .style(theme.title());
    let rows: Vec<Row> = (first_row..g.rows.len())
        .take(fit_rows)
        .map(|r| {
            let mark = if r == y { "▶ " } else { "  " };
            let name = Cell::from(format!("{mark}{}", text::truncate(&g.rows[r], label - 2)));
            let cells = columns.iter().map(move |&c| {
                let n = g.count(r, c);
                let l = level(n, g.most);
                let shown = if n == 0 {
                    format!("{:>w$}", SHADES[0], w = CELL)
                } else {
                    format!("{} {n:>5}", SHADES[l])
                };
                let mut style = if theme.color {
                    Style::new().fg(HEAT[l])
                } else {
                    Style::new()
                };
                if r == y && c == x {
                    style = style.add_modifier(Modifier::REVERSED | Modifier::BOLD);
                }
                Cell::from(shown).style(style)
            });
            Row::new(std::iter::once(name).chain(cells).collect::<Vec<_>>())
        })
        .collect();
    let widths: Vec<Constraint> = std::iter::once(Constraint::Length(label as u16))
        .chain(columns.iter().map(|_| Constraint::Length(CELL as u16)))
        .collect();
    frame.render_widget(
        Table::new(rows, widths).header(header).column_spacing(1),
        area,
    );
    let (Some(a), Some(b)) = (g.rows.get(y), g.columns.get(x)) else {
        return String::new();
    };
    let n = g.count(y, x);
    match kind {
        Kind::Pairs if a == b => format!("{a}: {}", text::count(n, "document", "documents")),
        Kind::Pairs => {
            let (first, second) = if a < b { (a, b) } else { (b, a) };
            let pair = g.pairs.iter().find(|p| p.a == *first && p.b == *second);
            format!(
                "{a} × {b}: {} together, {}, coefficient {:.2}",
                text::count(n, "document", "documents"),
                text::count(
                    pair.map_or(0, |p| p.highlights),
                    "highlight pair",
                    "highlight pairs"
                ),
                pair.map_or(0.0, |p| p.coefficient)
            )
        }
        Kind::Codings => format!("{a} × {b}: {}", text::count(n, "coding", "codings")),
    }
}
