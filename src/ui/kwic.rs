//! The KWIC view (SPEC §13): one hit a row, the left context right-aligned so that every
//! hit starts in the same column (by display width: CJK and Thai too), then the hit, the
//! right context and the document; below, one dispersion strip per document with hits.

use crate::keymap::{Command, Context};
use crate::kwic::{self, Hit};
use crate::state::State;
use crate::state::kwic::{KwicView, layout};
use crate::store::Document;
use crate::text;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// Draws the view over the screen's body.
pub fn draw(frame: &mut Frame, state: &State) {
    let Some(view) = state.kwic.view.as_ref() else {
        return;
    };
    let Some(screen) = layout::kwic(state.size.0, state.size.1, view.documents) else {
        return;
    };
    hits(frame, screen.hits, state, view);
    strips(frame, screen.strips, state, view);
}

fn hits(frame: &mut Frame, area: Rect, state: &State, view: &KwicView) {
    let theme = &state.settings.theme;
    let mut title = format!(" KWIC {} · ", view.phrases);
    if view.pending.is_some() {
        title.push_str("gathering… ");
    } else {
        title.push_str(&format!(
            "{} in {} · by {} ",
            text::count(view.hits.len(), "hit", "hits"),
            text::count(view.documents, "document", "documents"),
            crate::state::kwic::order_name(view.order),
        ));
        if !view.marks.is_empty() {
            title.push_str(&format!("· {} marked ", view.marks.len()));
        }
    }
    let width = usize::from(area.width.saturating_sub(2));
    let keys = state.hint_line(
        Context::Kwic,
        &[
            (Command::KwicSortLeft, "left"),
            (Command::KwicSortRight, "right"),
            (Command::KwicMark, "marks"),
            (Command::KwicTag, "tags"),
            (Command::KwicOpen, "reads"),
            (Command::KwicClose, "back"),
        ],
    );
    let block = super::frame_block(state, true, text::truncate(&title, width)).title_bottom(
        Line::styled(text::truncate(&format!(" {keys} "), width), theme.dim()),
    );
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let rows = usize::from(inner.height);
    let lines: Vec<Line> = if view.pending.is_some() {
        vec![Line::styled(
            format!(
                "gathering the hits in {}…",
                text::count(view.docs.len(), "document", "documents")
            ),
            theme.dim(),
        )]
    } else if view.hits.is_empty() {
        vec![Line::styled(
            format!("no hit of {} in the shown documents", view.phrases),
            theme.dim(),
        )]
    } else {
        let columns = Columns::for_width(width);
        view.hits
            .iter()
            .enumerate()
            .skip(view.offset)
            .take(rows)
            .filter_map(|(i, h)| {
                let doc = state.corpus.documents.get(h.doc)?;
                Some(row(
                    state,
                    &columns,
                    doc,
                    h,
                    view.is_marked(h),
                    i == view.selected,
                ))
            })
            .collect()
    };
    frame.render_widget(Paragraph::new(lines), inner);
}

/// The widths of a row's parts.
struct Columns {
    /// Left context.
    left: usize,
    /// Hit and right context together.
    rest: usize,
    /// The document (0: not shown).
    doc: usize,
}

impl Columns {
    fn for_width(width: usize) -> Columns {
        let doc = match width {
            100.. => 30,
            70.. => 20,
            _ => 0,
        };
        // The mark, and the separator before the document.
        let context = width.saturating_sub(2 + if doc > 0 { doc + 3 } else { 0 });
        let left = context * 2 / 5;
        Columns {
            left,
            rest: context.saturating_sub(left + 1),
            doc,
        }
    }
}

fn row<'a>(
    state: &State,
    columns: &Columns,
    doc: &Document,
    hit: &Hit,
    marked: bool,
    cursor: bool,
) -> Line<'a> {
    let theme = &state.settings.theme;
    let left = kwic::line(&doc.text, hit.range.clone(), columns.left).left;
    let hit_text = text::truncate(
        &crate::text::one_line(doc.text.get(hit.range.clone()).unwrap_or_default()),
        columns.rest,
    );
    let room = columns.rest.saturating_sub(text::width(&hit_text));
    let right = kwic::line(&doc.text, hit.range.clone(), room).right;
    let base = if cursor {
        theme.selected(true)
    } else {
        Style::default()
    };
    let mut spans = vec![
        Span::styled(if marked { "● " } else { "  " }, base.patch(theme.title())),
        Span::styled(kwic::pad_left(&left, columns.left), base),
        Span::styled(" ", base),
        Span::styled(
            hit_text,
            base.patch(theme.search_match())
                .add_modifier(Modifier::BOLD),
        ),
        Span::styled(text::pad(&right, room), base),
    ];
    if columns.doc > 0 {
        spans.push(Span::styled(" │ ", base.patch(theme.dim())));
        spans.push(Span::styled(
            text::pad(&text::truncate(&about(doc, hit), columns.doc), columns.doc),
            base.patch(theme.dim()),
        ));
    }
    Line::from(spans)
}

/// The document column: date, the turn's speaker when known, title.
fn about(doc: &Document, hit: &Hit) -> String {
    let mut s = crate::stats::when::date_text(doc).unwrap_or_else(|| "undated".to_owned());
    if let Some(speaker) = &hit.speaker {
        s.push(' ');
        s.push_str(&text::one_line(speaker));
        s.push(':');
    }
    s.push(' ');
    s.push_str(&text::one_line(&doc.meta.title));
    s
}

fn strips(frame: &mut Frame, area: Rect, state: &State, view: &KwicView) {
    let theme = &state.settings.theme;
    let per_doc = view.per_document();
    let width = usize::from(area.width.saturating_sub(2));
    let title = format!(
        " Where the hits fall · {} ",
        text::count(per_doc.len(), "document", "documents")
    );
    let block = super::frame_block(state, false, text::truncate(&title, width));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let rows = usize::from(inner.height).max(1);
    let current = view.current();
    let here = current
        .and_then(|h| per_doc.iter().position(|(d, _)| *d == h.doc))
        .unwrap_or(0);
    let offset = here.saturating_sub(rows - 1);
    let name = (width / 3).clamp(8, 40);
    let cells = width.saturating_sub(2 + name + 1 + 4 + 1);
    let lines: Vec<Line> = per_doc
        .iter()
        .skip(offset)
        .take(rows)
        .filter_map(|(d, starts)| {
            let doc = state.corpus.documents.get(*d)?;
            let counts = kwic::dispersion(doc.text.len(), starts.iter().copied(), cells);
            let mine = current.filter(|h| h.doc == *d);
            let cursor_cell = mine.and_then(|h| {
                kwic::dispersion(doc.text.len(), [h.range.start], cells)
                    .iter()
                    .position(|&c| c > 0)
            });
            let style = if mine.is_some() {
                theme.title()
            } else {
                Style::default()
            };
            let mut spans = vec![
                Span::styled(if mine.is_some() { "▶ " } else { "  " }, style),
                Span::styled(
                    text::pad(
                        &text::truncate(&text::one_line(&doc.meta.title), name),
                        name,
                    ),
                    style,
                ),
                Span::styled(format!(" {:>4} ", starts.len()), theme.dim()),
            ];
            spans.extend(counts.iter().enumerate().map(|(i, &n)| {
                let (cell, style) = match n {
                    0 => ("·", theme.dim()),
                    1 => ("▄", Style::default()),
                    _ => ("█", Style::default()),
                };
                if Some(i) == cursor_cell {
                    Span::styled(cell, theme.cursor())
                } else {
                    Span::styled(cell, style)
                }
            }));
            Some(Line::from(spans))
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}
