//! The documents pane: a status marker, the date, the title and tag chips per document.

use super::pane_block;
use crate::state::{Pane, State};
use crate::text;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

pub fn draw(frame: &mut Frame, area: Rect, state: &State) {
    let list = &state.list;
    let theme = &state.settings.theme;
    let mut title = format!(
        " Documents ({}/{}) ",
        list.shown.len(),
        state.corpus.documents.len()
    );
    if !list.marks.is_empty() {
        title.push_str(&format!("· {} marked ", list.marks.len()));
    }
    if let Some(n) = &list.narrowed {
        title.push_str(&format!("· chart: {} ", text::one_line(&n.label)));
    }
    let mut block = pane_block(state, Pane::Documents, Line::from(title));
    if let Some(line) = saved_line(state, usize::from(area.width.saturating_sub(4))) {
        block = block.title_bottom(line);
    }
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let width = usize::from(inner.width);
    let focused = state.focus == Pane::Documents;
    let mut lines = Vec::new();
    for (row, &doc_index) in list
        .shown
        .iter()
        .enumerate()
        .skip(list.offset)
        .take(usize::from(inner.height))
    {
        let doc = &state.corpus.documents[doc_index];
        let entry = state.notes_of(&doc.path);
        let status = entry.and_then(|e| e.status.as_deref());
        let status_def = status.and_then(|s| state.settings.statuses.iter().find(|d| d.name == s));
        let marker = if status.is_some() { "●" } else { "○" };
        let mark = if list.marks.contains(&doc_index) {
            "▸"
        } else {
            " "
        };
        let date = doc
            .meta
            .date
            .map_or_else(|| "----------".to_owned(), |d| d.to_string());
        let chips: String = entry
            .map(|e| e.tags.iter().map(|t| format!(" #{t}")).collect())
            .unwrap_or_default();
        let fixed = 2 + 2 + 11;
        let room = width.saturating_sub(fixed);
        let chips = text::truncate(&chips, room / 3);
        let title = text::truncate(&doc.meta.title, room.saturating_sub(text::width(&chips)));
        let mut spans = vec![
            Span::raw(mark),
            Span::styled(
                format!("{marker} "),
                theme.status(status_def.and_then(|d| d.color.as_deref())),
            ),
            Span::styled(format!("{date} "), theme.dim()),
            Span::raw(title.clone()),
            Span::styled(chips.clone(), theme.dim()),
        ];
        let used = 1 + 2 + 11 + text::width(&title) + text::width(&chips);
        spans.push(Span::raw(" ".repeat(width.saturating_sub(used))));
        let mut line = Line::from(spans);
        if row == list.selected {
            line = line.style(theme.selected(focused));
        }
        lines.push(line);
    }
    if list.shown.is_empty() {
        let text = state.hinted(
            "no document matches the query",
            crate::keymap::Command::Cancel,
            "clears it",
        );
        lines.push(Line::styled(text, theme.dim()));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

/// The saved searches with their live counts and keys: ` F1 To triage 12 · F2 … `.
fn saved_line(state: &State, width: usize) -> Option<Line<'static>> {
    let searches = &state.saved_searches.searches;
    if searches.is_empty() {
        return None;
    }
    let parts: Vec<String> = searches
        .iter()
        .take(9)
        .enumerate()
        .map(|(i, (name, _))| {
            let key = state
                .key_hint(
                    crate::keymap::Context::Documents,
                    crate::keymap::Command::OpenSaved(i),
                )
                .map_or_else(String::new, |k| format!("{k} "));
            match state.saved_searches.counts.get(i) {
                Some(Some(n)) => format!("{key}{name} {n}"),
                Some(None) => format!("{key}{name} (invalid)"),
                None => format!("{key}{name} …"),
            }
        })
        .collect();
    let text = text::truncate(&format!(" {} ", parts.join(" · ")), width);
    Some(Line::styled(text, state.settings.theme.dim()))
}
