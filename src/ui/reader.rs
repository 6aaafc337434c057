//! The reader pane: the metadata header, then the wrapped text with the sentence cursor,
//! the selection, highlights in their tags' colours (overlaps in bold) or, when comparing,
//! who coded what ([`super::compare`]), search matches and speaker labels in bold.

use super::pane_block;
use crate::state::reader::HeaderStyle;
use crate::state::wrap::grapheme_width;
use crate::state::{Pane, Row, State};
use crate::team::passages::Passages;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use std::ops::Range;
use unicode_segmentation::UnicodeSegmentation;

/// A styled range of the text.
struct Mark {
    range: Range<usize>,
    kind: MarkKind,
}

enum MarkKind {
    Cursor,
    Selection,
    Highlight(Style),
    Match,
    /// A speaker's label at the start of a turn.
    Label,
}

pub fn draw(frame: &mut Frame, area: Rect, state: &State, passages: Option<&Passages>) {
    let reader = &state.reader;
    let theme = &state.settings.theme;
    let doc = reader.doc.and_then(|i| state.corpus.documents.get(i));
    let mut title = " Reader ".to_owned();
    if let Some(d) = doc {
        title = format!(
            " {} ",
            crate::text::truncate(&d.path, usize::from(area.width.saturating_sub(20)))
        );
    }
    if let Some(s) = &reader.search
        && !s.matches.is_empty()
    {
        title.push_str(&format!(
            "· /{} {}/{} ",
            s.text,
            s.current + 1,
            s.matches.len()
        ));
    }
    if reader.selection.is_some() {
        title.push_str("· VISUAL ");
    }
    if passages.is_some() {
        title.push_str(&format!("· {} ", super::compare::LEGEND));
    }
    let block = pane_block(state, Pane::Reader, Line::from(title));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let Some(doc) = doc else {
        frame.render_widget(
            Paragraph::new(Line::styled("no document", theme.dim())),
            inner,
        );
        return;
    };
    let height = usize::from(inner.height);
    let visible = reader.rows.iter().skip(reader.scroll).take(height);
    let text_span = visible_text_range(reader.rows.iter().skip(reader.scroll).take(height));
    let marks = marks(state, &text_span, passages);
    let gutter_marks: Vec<&Mark> = marks
        .iter()
        .filter(|m| matches!(m.kind, MarkKind::Highlight(_)))
        .collect();
    let mut lines = Vec::with_capacity(height);
    for row in visible {
        match row {
            Row::Header(text, style) => {
                let style = match style {
                    HeaderStyle::Title => theme.title(),
                    HeaderStyle::Meta => theme.dim(),
                    HeaderStyle::Warning => theme.dim().add_modifier(Modifier::ITALIC),
                    HeaderStyle::Blank => Style::new(),
                };
                lines.push(Line::from(vec![
                    Span::raw(" "),
                    Span::styled(text.clone(), style),
                ]));
            }
            Row::Text(range) => {
                let gutter = gutter_marks.iter().find(|m| {
                    m.range.start < range.end.max(range.start + 1) && range.start < m.range.end
                });
                let gutter = match &passages {
                    Some(p) => super::compare::gutter(theme, p, range),
                    None => match gutter {
                        Some(Mark {
                            kind: MarkKind::Highlight(style),
                            ..
                        }) => Some(Span::styled(
                            "▌",
                            style.remove_modifier(Modifier::UNDERLINED),
                        )),
                        _ => None,
                    },
                };
                let mut spans = vec![gutter.unwrap_or_else(|| Span::raw(" "))];
                spans.extend(row_spans(&doc.text, range, &marks, state));
                lines.push(Line::from(spans));
            }
        }
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

fn visible_text_range<'a>(rows: impl Iterator<Item = &'a Row>) -> Range<usize> {
    let mut span: Option<Range<usize>> = None;
    for row in rows {
        if let Row::Text(r) = row {
            span = Some(match span {
                Some(s) => s.start.min(r.start)..s.end.max(r.end),
                None => r.clone(),
            });
        }
    }
    span.unwrap_or(0..0)
}

/// Every styled range that touches the visible text. When comparing, who coded what
/// takes the place of my highlights' tag colours.
fn marks(state: &State, visible: &Range<usize>, passages: Option<&Passages>) -> Vec<Mark> {
    let reader = &state.reader;
    let theme = &state.settings.theme;
    let touches = |r: &Range<usize>| r.start < visible.end && visible.start < r.end;
    let mut marks = Vec::new();
    if let Some(r) = reader.cursor_range().filter(|r| touches(r))
        && state.focus == Pane::Reader
    {
        marks.push(Mark {
            range: r,
            kind: MarkKind::Cursor,
        });
    }
    if reader.selection.is_some()
        && let Some(r) = reader.target_range()
    {
        marks.push(Mark {
            range: r,
            kind: MarkKind::Selection,
        });
    }
    if let Some(p) = passages {
        for passage in p.passages.iter().filter(|p| touches(&p.range)) {
            marks.push(Mark {
                range: passage.range.clone(),
                kind: MarkKind::Highlight(super::compare::style(theme, passage.coded)),
            });
        }
    } else if let Some(entry) = state.current_path().and_then(|p| state.notes_of(p)) {
        for h in &entry.highlights {
            let range = h.anchor.start..h.anchor.end;
            if !touches(&range) || h.state == crate::notebook::AnchorState::Orphaned {
                continue;
            }
            let tag = h.tags.first().map(String::as_str).unwrap_or("note");
            let own = state.notebook.tag(tag).and_then(|t| t.color.as_deref());
            marks.push(Mark {
                range,
                kind: MarkKind::Highlight(theme.tag(tag, own)),
            });
        }
    }
    for label in reader.turn_labels.iter().filter(|l| touches(l)) {
        marks.push(Mark {
            range: label.clone(),
            kind: MarkKind::Label,
        });
    }
    if let Some(search) = &reader.search {
        for m in search.matches.iter().filter(|m| touches(m)) {
            marks.push(Mark {
                range: m.clone(),
                kind: MarkKind::Match,
            });
        }
    }
    marks
}

/// The spans of one text row: graphemes grouped by style, tabs expanded.
fn row_spans(
    text: &str,
    range: &Range<usize>,
    marks: &[Mark],
    state: &State,
) -> Vec<Span<'static>> {
    let theme = &state.settings.theme;
    let row_marks: Vec<&Mark> = marks
        .iter()
        .filter(|m| m.range.start < range.end && range.start < m.range.end)
        .collect();
    let mut spans: Vec<Span<'static>> = Vec::new();
    let mut current = String::new();
    let mut current_style = Style::new();
    let mut column = 0;
    let slice = text.get(range.clone()).unwrap_or("");
    for (i, g) in slice.grapheme_indices(true) {
        let at = range.start + i;
        let mut style = Style::new();
        let mut highlights = 0;
        for m in row_marks.iter().filter(|m| m.range.contains(&at)) {
            style = match &m.kind {
                MarkKind::Cursor => style.patch(theme.cursor()),
                MarkKind::Selection => style.patch(theme.selection()),
                MarkKind::Highlight(s) => {
                    highlights += 1;
                    style.patch(*s)
                }
                MarkKind::Match => style,
                MarkKind::Label => style.add_modifier(Modifier::BOLD),
            };
        }
        if highlights > 1 {
            style = style.add_modifier(Modifier::BOLD);
        }
        if row_marks
            .iter()
            .any(|m| matches!(m.kind, MarkKind::Match) && m.range.contains(&at))
        {
            style = style.patch(theme.search_match());
        }
        let w = grapheme_width(g, column);
        let shown = if g == "\t" {
            " ".repeat(w)
        } else {
            g.to_owned()
        };
        column += w;
        if style != current_style && !current.is_empty() {
            spans.push(Span::styled(std::mem::take(&mut current), current_style));
        }
        current_style = style;
        current.push_str(&shown);
    }
    if !current.is_empty() {
        spans.push(Span::styled(current, current_style));
    }
    spans
}
