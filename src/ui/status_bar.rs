//! The status bar: mode, corpus, query, triage progress, what the last action did, and
//! whether the notebook is saved.

use crate::action::PromptKind;
use crate::state::{SaveState, State};
use crate::team::passages::Passages;
use crate::text;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// The mode's name.
pub fn mode(state: &State) -> &'static str {
    if state.help {
        "HELP"
    } else if state.confirm.is_some() {
        "CONFIRM"
    } else if state.editor.is_some() {
        "NOTE"
    } else if let Some(p) = &state.prompt {
        match p.kind {
            PromptKind::Query => "QUERY",
            PromptKind::Search => "SEARCH",
            PromptKind::Tag => "TAG",
            PromptKind::Export => "EXPORT",
            PromptKind::Autocode => "AUTOCODE",
            PromptKind::Compare => "COMPARE",
        }
    } else if state.charts.is_some() {
        "CHARTS"
    } else if state.kwic_open() {
        "KWIC"
    } else if state.reader.selection.is_some() {
        "VISUAL"
    } else if state.triage {
        "TRIAGE"
    } else {
        "NORMAL"
    }
}

pub fn draw(frame: &mut Frame, area: Rect, state: &State, passages: Option<&Passages>) {
    let theme = &state.settings.theme;
    let (done, total) = state.triaged();
    let mut parts = vec![state.corpus.name.clone()];
    if !state.list.query.is_empty() {
        parts.push(state.list.query.clone());
    }
    parts.push(format!("triaged {done}/{total}"));
    if let Some(compare) = state.compare_summary_of(passages) {
        parts.push(compare);
    }
    if let Some((read, files)) = state.loading {
        parts.push(format!("loading texts {read}/{files}"));
    }
    if let Some(m) = &state.message {
        parts.push(m.clone());
    }
    let save = match &state.save {
        SaveState::Saved => "saved".to_owned(),
        SaveState::Saving => "saving…".to_owned(),
        SaveState::Failed(_) => "NOT SAVED".to_owned(),
        SaveState::ReadOnly => "read-only".to_owned(),
    };
    let right = match state.key_hint(state.pane_context(), crate::keymap::Command::Help) {
        Some(key) => format!(" {save} · {key} help "),
        None => format!(" {save} "),
    };
    let left = format!(" {} · {}", mode(state), parts.join(" · "));
    let width = usize::from(area.width);
    let left = text::truncate(
        &text::one_line(&left),
        width.saturating_sub(text::width(&right)),
    );
    let pad = width.saturating_sub(text::width(&left) + text::width(&right));
    let save_style = match state.save {
        SaveState::Failed(_) => theme.title().add_modifier(Modifier::REVERSED),
        _ => theme.dim(),
    };
    let line = Line::from(vec![
        Span::styled(left, theme.title().remove_modifier(Modifier::BOLD)),
        Span::raw(" ".repeat(pad)),
        Span::styled(right, save_style),
    ]);
    frame.render_widget(
        Paragraph::new(line).style(
            theme
                .dim()
                .add_modifier(Modifier::REVERSED)
                .remove_modifier(Modifier::DIM),
        ),
        area,
    );
}
