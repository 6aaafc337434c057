//! `update`: the one function that turns an [`Action`] into a new state and the effects to
//! run. It routes by what is open (help, question, note editor, prompt, panes).

use super::prompt::Prompt;
use super::{Pane, Pending, SaveState, State};
use crate::action::{Action, Dir, Effect, PromptKind};
use crate::keymap::{Command, Context};

/// Applies `action` to `state` and returns the effects for the event loop to run.
pub fn update(state: &mut State, action: Action) -> Vec<Effect> {
    match action {
        Action::Key(key) => {
            return match state.action_for_key(key) {
                Some(action) => update(state, action),
                None => Vec::new(),
            };
        }
        Action::Sequence(actions) => {
            // Every action's effects are kept, in order: none is dropped.
            return actions
                .into_iter()
                .flat_map(|action| update(state, action))
                .collect();
        }
        Action::Tick(now) => {
            state.now = now;
            return Vec::new();
        }
        Action::Opened(opening) => return state.opened(opening),
        Action::LoadFailed(e) => {
            state.loading = None;
            state.message = Some(format!("could not read the corpus: {e}"));
            return Vec::new();
        }
        // A paste outside a prompt or the editor is never run as commands.
        Action::Paste(_) if state.prompt.is_none() && state.editor.is_none() => {
            return Vec::new();
        }
        Action::Resize { width, height } => {
            state.size = (width, height);
            state.relayout();
            return Vec::new();
        }
        Action::NotebookWritten(written) => return state.notebook_written(written),
        Action::EditedExternally(result) => {
            match (result, state.editor.as_mut()) {
                (Ok(text), Some(editor)) => editor.set_text(&text),
                (Err(e), _) => state.message = Some(format!("$EDITOR failed: {e}")),
                (Ok(_), None) => {}
            }
            return Vec::new();
        }
        Action::QueryDone(done) => {
            state.query_done(done);
            // KWIC follows the list; the charts count the shown documents anew.
            let mut effects = state.kwic_follow_list();
            effects.extend(state.charts_job());
            return effects;
        }
        Action::ChartDone(done) => {
            state.chart_done(done);
            return Vec::new();
        }
        Action::SavedCounts(counts) => {
            state.saved_counts(counts);
            return Vec::new();
        }
        Action::KwicGathered(gathered) => {
            state.kwic_gathered(gathered);
            return Vec::new();
        }
        Action::LoadProgress { done, total } => {
            state.loading = Some((done, total));
            return Vec::new();
        }
        Action::Loaded(corpus) => return state.replace_corpus(corpus.0),
        Action::CompareLoaded(result) => return state.compare_loaded(result),
        Action::Exported(result) => {
            state.message = Some(match result {
                Ok((path, documents)) => {
                    format!(
                        "exported {} to {}",
                        crate::text::count(documents, "document", "documents"),
                        path.display()
                    )
                }
                Err(e) => format!("export failed: {e}"),
            });
            return Vec::new();
        }
        _ => {}
    }
    if state.help {
        // Motions scroll the help; any other key closes it, and `q` still quits.
        match action {
            Action::Move(m) => {
                state.help_scroll = match m {
                    crate::action::Motion::Down => state.help_scroll + 1,
                    crate::action::Motion::Up => state.help_scroll.saturating_sub(1),
                    crate::action::Motion::Top => 0,
                    crate::action::Motion::PageDown | crate::action::Motion::HalfDown => {
                        state.help_scroll + 10
                    }
                    _ => state.help_scroll.saturating_sub(10),
                };
                return Vec::new();
            }
            Action::Quit => return quit(state),
            _ => {
                state.help = false;
                state.help_scroll = 0;
                return Vec::new();
            }
        }
    }
    if state.confirm.is_some() {
        return answer(state, action);
    }
    if state.editor.is_some() {
        return edit(state, action);
    }
    if state.prompt.is_some() {
        return prompt(state, action);
    }
    if state.charts.is_some() {
        return match action {
            Action::Quit => quit(state),
            Action::ToggleHelp => {
                state.help = true;
                Vec::new()
            }
            action => state.charts_update(action),
        };
    }
    if state.kwic_open() {
        return match super::kwic::update(state, action) {
            Ok(effects) => effects,
            Err(action) => normal(state, action),
        };
    }
    normal(state, action)
}

fn quit(state: &mut State) -> Vec<Effect> {
    state.quit()
}

fn answer(state: &mut State, action: Action) -> Vec<Effect> {
    let Some(confirm) = state.confirm.take() else {
        return Vec::new();
    };
    match action {
        Action::Answer(true) => match confirm.on_yes {
            Pending::Changes(changes, label) => state.commit(changes, label),
            Pending::Quit => vec![Effect::Quit],
        },
        Action::Answer(false) | Action::Cancel => {
            state.message = Some("cancelled".to_owned());
            Vec::new()
        }
        // Ctrl-c always leaves: at the question whether to quit unsaved it is a yes, at
        // any other it drops the question and quits as anywhere.
        Action::Quit => match confirm.on_yes {
            Pending::Quit => vec![Effect::Quit],
            Pending::Changes(..) => quit(state),
        },
        _ => {
            // Anything else leaves the question open.
            state.confirm = Some(confirm);
            Vec::new()
        }
    }
}

fn edit(state: &mut State, action: Action) -> Vec<Effect> {
    match action {
        Action::SaveNote => state.save_note(),
        Action::Quit => {
            // Quitting from the editor keeps the note: it is saved first.
            let mut effects = state.save_note();
            effects.extend(quit(state));
            effects
        }
        Action::ExternalEditor => state
            .editor
            .as_ref()
            .map(|e| vec![Effect::EditExternally(e.text())])
            .unwrap_or_default(),
        Action::Input(key) => {
            if let Some(editor) = state.editor.as_mut() {
                editor.type_key(key);
            }
            Vec::new()
        }
        Action::Paste(text) => {
            if let Some(editor) = state.editor.as_mut() {
                editor.paste(&text);
            }
            Vec::new()
        }
        _ => Vec::new(),
    }
}

fn open_prompt(state: &mut State, kind: PromptKind, text: &str) {
    let mut prompt = Prompt::new(kind, text);
    prompt.previous = state.list.query.clone();
    if matches!(kind, PromptKind::Tag | PromptKind::Autocode) {
        prompt.target = state.tag_target();
        prompt.complete_tags(&state.notebook);
    }
    state.prompt = Some(prompt);
}

/// Opens the documents query prompt on the current query.
pub(super) fn open_query_prompt(state: &mut State) {
    open_prompt(state, PromptKind::Query, &state.list.query.clone());
}

fn prompt(state: &mut State, action: Action) -> Vec<Effect> {
    let Some(mut p) = state.prompt.take() else {
        return Vec::new();
    };
    match action {
        Action::Cancel => {
            if p.kind == PromptKind::Search {
                state.reader.search = None;
                state.show_query_matches();
            }
            if p.kind == PromptKind::Query {
                // The query before the prompt opened parsed then, so it parses now.
                return state.set_query(&p.previous).unwrap_or_default();
            }
            return Vec::new();
        }
        Action::Quit => return quit(state),
        Action::Submit => return submit(state, p),
        Action::Complete if p.kind == PromptKind::Tag && p.accept_completion() => {
            p.complete_tags(&state.notebook)
        }
        // In the autocode prompt, Tab changes the scope.
        Action::Complete if p.kind == PromptKind::Autocode => {
            p.scope = match p.scope {
                crate::query::Scope::Sentence => crate::query::Scope::Paragraph,
                crate::query::Scope::Paragraph => crate::query::Scope::Phrase,
                crate::query::Scope::Phrase => crate::query::Scope::Turn,
                crate::query::Scope::Turn => crate::query::Scope::Sentence,
            };
        }
        // In the export prompt, Tab changes the format (the file name's extension).
        Action::Complete if p.kind == PromptKind::Export => {
            let path = p.text();
            p.set_text(
                &crate::interchange::Format::of_path(&path)
                    .next()
                    .apply_to(&path),
            );
        }
        Action::History(dir) => {
            let effects = browse_history(state, &mut p, dir);
            state.prompt = Some(p);
            return effects;
        }
        // One edit, then one evaluation, completion or search for the whole paste.
        Action::Paste(text) if p.paste(&text) => {
            let effects = on_prompt_text(state, &mut p);
            state.prompt = Some(p);
            return effects;
        }
        Action::Input(key) => {
            // Alt and a codebook tag's hotkey applies that tag at once.
            if p.kind == PromptKind::Tag
                && let ratatui::crossterm::event::KeyCode::Char(c) = key.code
                && key.mods == ratatui::crossterm::event::KeyModifiers::ALT
                && let Some(tag) = state
                    .notebook
                    .codebook
                    .iter()
                    .find(|t| t.key == Some(c))
                    .map(|t| t.name.clone())
            {
                p.set_text(&tag);
                return submit(state, p);
            }
            if p.type_key(key) {
                let effects = on_prompt_text(state, &mut p);
                state.prompt = Some(p);
                return effects;
            }
        }
        _ => {}
    }
    state.prompt = Some(p);
    Vec::new()
}

/// The query narrows the list and the search moves the reader as the text changes.
fn on_prompt_text(state: &mut State, p: &mut Prompt) -> Vec<Effect> {
    match p.kind {
        PromptKind::Query => match state.set_query(&p.text()) {
            Ok(effects) => {
                p.error = None;
                return effects;
            }
            // The list stays as it was; the prompt says what is wrong.
            Err(e) => p.error = Some(e),
        },
        PromptKind::Search => {
            let text = p.text();
            if let Some(doc) = state
                .reader
                .doc
                .and_then(|i| state.corpus.documents.get(i))
                .map(|d| d.text.clone())
            {
                let n = state.reader.search_for(&doc, &text);
                state.message = Some(format!("{n} matches"));
            }
        }
        PromptKind::Tag | PromptKind::Autocode => p.complete_tags(&state.notebook),
        PromptKind::Export | PromptKind::Compare => {}
    }
    Vec::new()
}

fn browse_history(state: &mut State, p: &mut Prompt, dir: Dir) -> Vec<Effect> {
    let history = state
        .prompt_history
        .get(&p.kind)
        .cloned()
        .unwrap_or_default();
    if history.is_empty() {
        return Vec::new();
    }
    let pos = match (p.history_pos, dir) {
        (None, Dir::Prev) => {
            p.draft = p.text();
            Some(history.len() - 1)
        }
        (None, Dir::Next) => None,
        (Some(i), Dir::Prev) => Some(i.saturating_sub(1)),
        (Some(i), Dir::Next) => (i + 1 < history.len()).then_some(i + 1),
    };
    p.history_pos = pos;
    let text = pos.map_or_else(|| p.draft.clone(), |i| history[i].clone());
    p.set_text(&text);
    on_prompt_text(state, p)
}

fn remember(state: &mut State, kind: PromptKind, text: &str) {
    if text.trim().is_empty() {
        return;
    }
    let history = state.prompt_history.entry(kind).or_default();
    history.retain(|h| h != text);
    history.push(text.to_owned());
}

fn submit(state: &mut State, mut p: Prompt) -> Vec<Effect> {
    let text = p.text();
    match p.kind {
        PromptKind::Query => match state.set_query(&text) {
            Ok(mut effects) => {
                remember(state, p.kind, &text);
                if !text.trim().is_empty() {
                    effects.push(Effect::RememberQuery(text));
                }
                effects
            }
            Err(e) => {
                // An invalid query keeps the prompt open with its text.
                p.error = Some(e);
                state.prompt = Some(p);
                Vec::new()
            }
        },
        PromptKind::Search => {
            remember(state, p.kind, &text);
            let n = state.reader.search.as_ref().map_or(0, |s| s.matches.len());
            let keys = state.keys_hint(Context::Reader, &[Command::FindNext, Command::FindPrev]);
            state.message = Some(match keys {
                Some(keys) => format!("{n} matches for “{text}” · {keys} to move"),
                None => format!("{n} matches for “{text}”"),
            });
            Vec::new()
        }
        PromptKind::Tag => {
            let Some(target) = p.target.clone() else {
                state.message = Some("nothing to tag".to_owned());
                return Vec::new();
            };
            match state.apply_tags(&target, &text) {
                Ok(effects) => effects,
                Err(e) => {
                    p.error = Some(e);
                    state.prompt = Some(p);
                    Vec::new()
                }
            }
        }
        PromptKind::Export => state.export_to(&text),
        PromptKind::Compare => match state.submit_compare(&text) {
            Ok(effects) => {
                remember(state, p.kind, &text);
                effects
            }
            Err(e) => {
                p.error = Some(e);
                state.prompt = Some(p);
                Vec::new()
            }
        },
        PromptKind::Autocode => {
            if let Err(e) = state.confirm_autocode(&text, p.scope) {
                p.error = Some(e);
                state.prompt = Some(p);
            }
            Vec::new()
        }
    }
}

fn normal(state: &mut State, action: Action) -> Vec<Effect> {
    match action {
        Action::Quit => return quit(state),
        Action::ToggleHelp => state.help = true,
        Action::FocusNext => state.cycle_focus(Dir::Next),
        Action::FocusPrev => state.cycle_focus(Dir::Prev),
        Action::Move(m) if state.triage => state.triage_motion(m),
        Action::Move(m) => state.apply_motion(m),
        Action::Open => match state.focus {
            Pane::Documents => {
                state.focus = Pane::Reader;
                state.relayout();
            }
            Pane::Notes => state.jump_to_selected_highlight(),
            Pane::Reader => {}
        },
        Action::StartFind => match state.focus {
            Pane::Documents => open_prompt(state, PromptKind::Query, &state.list.query.clone()),
            Pane::Reader => open_prompt(state, PromptKind::Search, ""),
            Pane::Notes => {}
        },
        Action::FindNext(dir) => match state.reader.next_match(dir) {
            Some((i, n)) => state.message = Some(format!("match {i} of {n}")),
            None => {
                let text = state.hinted("no search", Command::Find, "to search the text");
                state.message = Some(text);
            }
        },
        Action::Cancel => {
            if state.reader.selection.take().is_some() {
                state.message = Some("selection cancelled".to_owned());
            } else if state.focus == Pane::Documents && !state.list.marks.is_empty() {
                state.list.marks.clear();
                state.message = Some("marks cleared".to_owned());
            } else if state.focus == Pane::Documents && state.list.narrowed.is_some() {
                state.list.narrowed = None;
                let keep = state.list.selected_index();
                state.list.refilter();
                if let Some(k) = keep {
                    state.list.select_doc(k);
                }
                state.list.keep_in_view(state.list_height());
                state.message = Some("chart filter cleared".to_owned());
            } else if state.focus == Pane::Documents && !state.list.query.is_empty() {
                return state.set_query("").unwrap_or_default();
            } else if state.reader.search.take().is_some() {
                state.message = None;
            }
        }
        Action::Sentence(dir) => state.reader.move_sentence(dir),
        Action::Paragraph(dir) => state.reader.move_paragraph(dir),
        Action::HighlightJump(dir) => {
            let starts = state.highlight_starts();
            if !state.reader.jump_highlight(&starts, dir) {
                state.message = Some("no more highlights this way".to_owned());
            }
        }
        Action::Turn(dir) => {
            let moved = state.reader.move_turn(dir);
            if !moved {
                state.message = Some("no more speaker turns this way".to_owned());
            }
        }
        Action::ToggleSelect => {
            state.reader.selection = match state.reader.selection {
                Some(_) => None,
                None => Some(state.reader.cursor),
            };
        }
        Action::Tag => {
            if state.save == SaveState::ReadOnly {
                return state.commit(Vec::new(), String::new());
            }
            open_prompt(state, PromptKind::Tag, "");
        }
        Action::RepeatTag => match (state.last_tags.clone(), state.tag_target()) {
            (Some(text), Some(target)) => {
                return state.apply_tags(&target, &text).unwrap_or_default();
            }
            _ => state.message = Some("no tag action to repeat yet".to_owned()),
        },
        Action::AddNote => state.open_note_editor(),
        Action::EditNote => state.edit_selected_note(),
        Action::Delete => return state.delete_selected(),
        Action::ResolveConflict(side) => return state.resolve_selected_conflict(side),
        Action::StartCompare => {
            let default = state.compare_default();
            open_prompt(state, PromptKind::Compare, &default);
        }
        Action::Disagreement(dir) => state.jump_disagreement(dir),
        Action::AdoptTheirs => return state.adopt_theirs(),
        Action::AcceptWording => return state.accept_selected_wording(),
        Action::SetStatus(i) => return state.set_status(i),
        Action::ToggleMark => {
            if let Some(i) = state.list.selected_index() {
                if !state.list.marks.remove(&i) {
                    state.list.marks.insert(i);
                }
                state.message = Some(format!("{} marked", state.list.marks.len()));
            }
        }
        Action::MarkAll => {
            state.list.marks.extend(state.list.shown.iter().copied());
            state.message = Some(format!("{} marked", state.list.marks.len()));
        }
        Action::Undo => return state.undo(),
        Action::Redo => return state.redo(),
        Action::CycleSort => {
            state.list.sort = state.list.sort.next();
            state.list.sort_chosen = true;
            let names = state.status_names();
            state.list.resort(&state.corpus, &state.notebook, &names);
            state.list.keep_in_view(state.list_height());
            state.message = Some(format!("sorted by {}", state.list.sort.name()));
        }
        Action::ToggleTriage => {
            state.triage = !state.triage;
            if state.triage {
                state.focus = Pane::Reader;
            }
            state.relayout();
        }
        Action::Export => {
            let default = state.default_export_name();
            open_prompt(state, PromptKind::Export, &default);
        }
        Action::OpenSaved(i) => return state.open_saved(i),
        Action::Kwic => return state.open_kwic(),
        Action::Chart(crate::state::charts::ChartAction::Open) => return state.open_charts(),
        Action::Autocode => {
            if state.save == SaveState::ReadOnly {
                return state.commit(Vec::new(), String::new());
            }
            if state.list.parsed.phrases().next().is_none() {
                let find = state
                    .key_hint(Context::Documents, Command::Find)
                    .map_or_else(String::new, |k| format!("{k} then "));
                state.message = Some(format!(
                    "autocode tags the hits of a phrase query: {find}\"a phrase\" first"
                ));
            } else {
                open_prompt(state, PromptKind::Autocode, "");
            }
        }
        Action::Click { column, row } => state.click(column, row),
        Action::Scroll { column, row, down } => state.wheel(column, row, down),
        _ => {}
    }
    Vec::new()
}
