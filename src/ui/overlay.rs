//! What is drawn over the panes: the prompt (with tag completions), the note editor, the
//! help overlay from the keymap, and yes/no questions.

use super::centered;
use crate::action::PromptKind;
use crate::keymap::{Command, Context};
use crate::state::prompt::TagTarget;
use crate::state::{NoteTarget, State};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Clear, Paragraph, Wrap};

pub fn draw(frame: &mut Frame, state: &State) {
    if state.prompt.is_some() {
        prompt(frame, state);
    }
    if state.editor.is_some() {
        editor(frame, state);
    }
    if state.help {
        help(frame, state);
    }
    if let Some(confirm) = &state.confirm {
        let area = centered(frame.area(), 64, 7);
        frame.render_widget(Clear, area);
        let title = state.hint_line(
            Context::Confirm,
            &[(Command::Yes, "yes"), (Command::No, "no")],
        );
        let title = format!(" Confirm · {title} ");
        let block = box_block(state, &title);
        let text = Paragraph::new(confirm.question.clone())
            .wrap(Wrap { trim: true })
            .block(block);
        frame.render_widget(text, area);
    }
}

fn box_block<'a>(state: &State, title: &'a str) -> Block<'a> {
    Block::bordered()
        .border_type(BorderType::Thick)
        .border_style(state.settings.theme.border(true))
        .title(title)
}

fn prompt(frame: &mut Frame, state: &State) {
    let Some(p) = &state.prompt else { return };
    let theme = &state.settings.theme;
    let status = state.screen().status;
    let area = Rect::new(0, status.y.saturating_sub(3), frame.area().width, 3);
    let key = |command| state.key_hint(Context::Prompt, command);
    let enter = key(Command::Submit);
    let esc = key(Command::Cancel);
    let tab = key(Command::Complete);
    let changes = |what: String| match &tab {
        Some(tab) => format!("{what} ({tab} changes)"),
        None => what,
    };
    let parts: Vec<Option<String>> = match p.kind {
        PromptKind::Query => vec![
            Some("Query".to_owned()),
            Some("narrows as you type".to_owned()),
            enter.map(|k| format!("{k} keeps")),
            esc.map(|k| format!("{k} restores")),
        ],
        PromptKind::Search => vec![
            Some("Search this document".to_owned()),
            enter,
            state
                .keys_hint(Context::Reader, &[Command::FindNext, Command::FindPrev])
                .map(|k| format!("{k} next/previous")),
        ],
        PromptKind::Export => {
            let format = crate::interchange::Format::of_path(&p.text());
            vec![
                Some(format!(
                    "{} the shown documents to",
                    changes(format!("Export as {}", format.name()))
                )),
                enter.map(|k| format!("{k} writes")),
                esc,
            ]
        }
        PromptKind::Compare => vec![
            Some("Compare with another coder's notebook (read-only)".to_owned()),
            enter.map(|k| format!("{k} opens")),
            esc,
        ],
        PromptKind::Autocode => vec![
            Some("Autocode every phrase hit".to_owned()),
            Some(changes(format!("scope: {}", p.scope.name()))),
            Some(match enter {
                Some(k) => format!("tags, {k}"),
                None => "tags".to_owned(),
            }),
            esc,
        ],
        PromptKind::Tag => {
            let target = match &p.target {
                Some(TagTarget::Documents(d)) if d.len() == 1 => "the document".to_owned(),
                Some(TagTarget::Documents(d)) => format!("{} documents", d.len()),
                Some(TagTarget::Passage { .. }) => "the passage".to_owned(),
                Some(TagTarget::Highlight { .. }) => "the highlight".to_owned(),
                Some(TagTarget::Hits { hits, scope }) => {
                    crate::state::kwic::describe_hits(hits.len(), *scope)
                }
                None => "nothing".to_owned(),
            };
            vec![
                Some(format!("Tag {target}")),
                Some("a, b adds".to_owned()),
                Some("-a removes".to_owned()),
                tab.map(|k| format!("{k} completes")),
                enter,
                esc,
            ]
        }
    };
    let title = format!(
        " {} ",
        parts.into_iter().flatten().collect::<Vec<_>>().join(" · ")
    );
    let mut block = box_block(state, "").title(Line::from(crate::text::truncate(
        &title,
        usize::from(area.width.saturating_sub(2)),
    )));
    if let Some(e) = &p.error {
        block = block.title_bottom(Line::styled(
            format!(" {e} "),
            theme.title().add_modifier(Modifier::REVERSED),
        ));
    }
    let inner = block.inner(area);
    frame.render_widget(Clear, area);
    frame.render_widget(block, area);
    match long_line_view(&p.input, inner.width) {
        Some(view) => frame.render_widget(&view, inner),
        None => frame.render_widget(&p.input, inner),
    }
    if matches!(p.kind, PromptKind::Tag | PromptKind::Autocode) && !p.completions.is_empty() {
        let height = p.completions.len() as u16 + 2;
        let width = p
            .completions
            .iter()
            .map(|c| crate::text::width(&c.name) + 6)
            .max()
            .unwrap_or(10)
            .max(24) as u16;
        let list_area = Rect::new(
            1,
            area.y.saturating_sub(height),
            width.min(area.width.saturating_sub(2)),
            height,
        );
        let lines: Vec<Line> = p
            .completions
            .iter()
            .enumerate()
            .map(|(i, c)| {
                let key = c
                    .key
                    .map(|k| format!("Alt-{k} "))
                    .unwrap_or_else(|| "      ".to_owned());
                let style = if i == 0 {
                    theme.selected(true)
                } else {
                    ratatui::style::Style::new()
                };
                let tag_style = theme.tag(
                    &c.name,
                    state.notebook.tag(&c.name).and_then(|t| t.color.as_deref()),
                );
                Line::from(vec![
                    Span::styled(key, theme.dim()),
                    Span::styled(c.name.clone(), tag_style),
                ])
                .style(style)
            })
            .collect();
        frame.render_widget(Clear, list_area);
        frame.render_widget(
            Paragraph::new(lines).block(
                Block::bordered()
                    .border_style(theme.border(false))
                    .title(" codebook "),
            ),
            list_area,
        );
    }
}

/// Characters of a prompt line beyond which ratatui-textarea cannot scroll to the cursor
/// (it counts columns in 16 bits), with room for double-width characters.
const LONG_LINE: usize = 30_000;

/// For a prompt line too long for the widget to scroll (a huge paste): a copy holding only
/// the part of the line around the cursor, with the cursor in the same place in it.
fn long_line_view(
    input: &ratatui_textarea::TextArea<'static>,
    width: u16,
) -> Option<ratatui_textarea::TextArea<'static>> {
    let ratatui_textarea::DataCursor(row, col) = input.cursor();
    let line = input.lines().get(row)?;
    if line.len() < LONG_LINE || line.chars().count() < LONG_LINE {
        return None;
    }
    let width = usize::from(width.max(1));
    let first = col.saturating_sub(width - 1);
    let part: String = line.chars().skip(first).take(width * 2).collect();
    let mut view = ratatui_textarea::TextArea::new(vec![part]);
    view.set_cursor_line_style(input.cursor_line_style());
    view.set_style(input.style());
    view.move_cursor(ratatui_textarea::CursorMove::Jump(
        0,
        u16::try_from(col - first).unwrap_or(u16::MAX),
    ));
    Some(view)
}

fn editor(frame: &mut Frame, state: &State) {
    let Some(e) = &state.editor else { return };
    let full = frame.area();
    let area = centered(
        full,
        (full.width * 7 / 10).max(40),
        (full.height * 6 / 10).max(8),
    );
    let what = match &e.target {
        NoteTarget::Document { note: None, .. } => "New note on the document",
        NoteTarget::Document { .. } => "Note on the document",
        NoteTarget::Highlight { .. } => "Note on the highlight",
        NoteTarget::Passage { .. } => "Note on the passage",
    };
    let saves: Vec<String> = state
        .keymap
        .keys_for(Context::Editor, Command::SaveNote)
        .iter()
        .map(ToString::to_string)
        .collect();
    let mut parts = vec![what.to_owned()];
    if !saves.is_empty() {
        parts.push(format!("{} saves", saves.join(" or ")));
    }
    if let Some(k) = state.key_hint(Context::Editor, Command::ExternalEditor) {
        parts.push(format!("{k} $EDITOR"));
    }
    let title = format!(" {} ", parts.join(" · "));
    let block = box_block(state, "").title(Line::from(crate::text::truncate(
        &title,
        usize::from(area.width.saturating_sub(2)),
    )));
    let inner = block.inner(area);
    frame.render_widget(Clear, area);
    frame.render_widget(block, area);
    frame.render_widget(&e.textarea, inner);
}

fn help(frame: &mut Frame, state: &State) {
    let theme = &state.settings.theme;
    let full = frame.area();
    let area = centered(
        full,
        full.width.saturating_sub(4).min(120),
        full.height.saturating_sub(2),
    );
    let scroll = state
        .keys_hint(Context::Any, &[Command::MoveDown, Command::MoveUp])
        .map_or_else(String::new, |k| format!("{k} scroll · "));
    let title = format!(" Help · {scroll}any other key closes ");
    let block = box_block(state, &title);
    let inner = block.inner(area);
    // Entries flow into as many columns as the height needs.
    let mut entries: Vec<Line> = Vec::new();
    for context in [state.context(), Context::Any] {
        // Over the charts, only what the view takes from anywhere.
        let bindings: Vec<_> = state
            .keymap
            .bindings(context)
            .filter(|b| {
                state.context() != Context::Charts
                    || context == Context::Charts
                    || b.commands.iter().all(|c| c.in_views())
            })
            .collect();
        if bindings.is_empty() {
            continue;
        }
        entries.push(Line::styled(format!("{}:", context.name()), theme.title()));
        for b in bindings {
            let keys = b
                .keys
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(" ");
            // A status key says which status it sets.
            let help = match b.commands.as_slice() {
                [crate::keymap::Command::Status(i)] => state.settings.statuses.get(*i).map_or_else(
                    || b.help(),
                    |s| format!("{}, then the next untriaged", s.name),
                ),
                _ => b.help(),
            };
            entries.push(Line::from(vec![
                Span::styled(format!(" {keys:<10} "), theme.border(true)),
                Span::raw(help),
            ]));
        }
    }
    let height = usize::from(inner.height).max(1);
    // Columns of at least 36 cells; what does not fit scrolls.
    let fit = usize::from(inner.width / 36).max(1);
    let columns = entries.len().div_ceil(height).clamp(1, fit);
    let scroll = state
        .help_scroll
        .min(entries.len().saturating_sub(columns * height));
    let width = inner.width / columns as u16;
    frame.render_widget(Clear, area);
    frame.render_widget(block, area);
    for (i, chunk) in entries[scroll..].chunks(height).take(columns).enumerate() {
        let column = Rect::new(
            inner.x + width * i as u16,
            inner.y,
            width.saturating_sub(1),
            inner.height,
        );
        frame.render_widget(Paragraph::new(chunk.to_vec()), column);
    }
}
