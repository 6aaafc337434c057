//! The timeline: documents per year, one Braille line per series (every document, then
//! the tags on most documents), the cursor a mark on one series' point. Undated documents
//! are not on the axis: the cursor reaches them past the last year and the legend counts
//! them. Without colour, series after the first are drawn with other markers.

use crate::state::State;
use crate::state::charts::Timeline;
use crate::text;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Color, Style};
use ratatui::symbols::Marker;
use ratatui::text::Span;
use ratatui::widgets::{Axis, Chart, Dataset, GraphType, Paragraph};

const COLORS: [Color; 4] = [Color::White, Color::Cyan, Color::Magenta, Color::Yellow];
const MARKERS: [Marker; 4] = [Marker::Braille, Marker::Dot, Marker::Block, Marker::Bar];

/// Draws the lines; returns the line about the cursor's point.
pub fn draw(
    frame: &mut Frame,
    area: Rect,
    state: &State,
    t: &Timeline,
    (x, y): (usize, usize),
) -> String {
    let theme = &state.settings.theme;
    let dated = t.dated();
    let points: Vec<Vec<(f64, f64)>> = t
        .values
        .iter()
        .map(|v| {
            v.iter()
                .take(dated)
                .enumerate()
                .map(|(i, (docs, _))| (i as f64, *docs as f64))
                .collect()
        })
        .collect();
    let most = points
        .iter()
        .flatten()
        .map(|p| p.1)
        .fold(0.0_f64, f64::max)
        .max(1.0);
    let style = |k: usize| {
        if theme.color {
            Style::new().fg(COLORS[k % COLORS.len()])
        } else {
            Style::new()
        }
    };
    let marker = |k: usize| {
        if theme.color {
            Marker::Braille
        } else {
            MARKERS[k % MARKERS.len()]
        }
    };
    let undated = t.periods.len() > dated;
    let mut datasets: Vec<Dataset> = points
        .iter()
        .enumerate()
        .map(|(k, p)| {
            let mut name = t.name(k);
            if undated && let Some((docs, _)) = t.values[k].last().filter(|v| v.0 > 0) {
                name.push_str(&format!(" (+{docs} undated)"));
            }
            Dataset::default()
                .name(name)
                .marker(marker(k))
                .graph_type(GraphType::Line)
                .style(style(k))
                .data(p)
        })
        .collect();
    let cursor = points.get(y).and_then(|p| p.get(x)).map(|p| [*p]);
    if let Some(c) = &cursor {
        datasets.push(
            Dataset::default()
                .marker(Marker::Block)
                .graph_type(GraphType::Scatter)
                .style(theme.title())
                .data(c),
        );
    }
    if dated == 0 {
        frame.render_widget(Paragraph::new("no dated documents here"), area);
    } else {
        // Labels are spread evenly: every period's where they fit, else the ends only.
        let x_labels: Vec<Span> = if usize::from(area.width) / dated.max(2) >= 8 {
            t.periods[..dated]
                .iter()
                .map(|p| p.clone().into())
                .collect()
        } else {
            let first = t.periods.first().cloned().unwrap_or_default();
            let last = t.periods.get(dated - 1).cloned().unwrap_or_default();
            vec![first.into(), last.into()]
        };
        let y_labels: Vec<Span> = vec![
            "0".into(),
            format!("{}", (most / 2.0).round()).into(),
            format!("{most}").into(),
        ];
        let half = ratatui::layout::Constraint::Ratio(1, 2);
        let chart = Chart::new(datasets)
            .hidden_legend_constraints((half, half))
            .x_axis(
                Axis::default()
                    .bounds([0.0, (dated.max(2) - 1) as f64])
                    .labels(x_labels)
                    .style(theme.dim()),
            )
            .y_axis(
                Axis::default()
                    .title("documents")
                    .bounds([0.0, most])
                    .labels(y_labels)
                    .style(theme.dim()),
            );
        frame.render_widget(chart, area);
    }
    let period = t.periods.get(x).map_or("", String::as_str);
    let (docs, hits) = t
        .values
        .get(y)
        .and_then(|v| v.get(x))
        .copied()
        .unwrap_or_default();
    format!(
        "{period} · {}: {}, {}",
        t.name(y),
        text::count(docs, "document", "documents"),
        text::count(hits, "hit", "hits")
    )
}
