//! Pasting into the screen: a paste (bracketed, or a burst of typed keys taken in one batch)
//! is one edit of the prompt or the note editor, and one evaluation of the query, however
//! long it is. It is text, never commands.

use dossier::action::{Action, Effect};
use dossier::keymap::Key;
use dossier::notebook::{Notebook, Tag};
use dossier::state::query::{answer_inline, drop_superseded};
use dossier::state::{Pane, State, update};
use std::sync::Arc;

fn press(state: &mut State, key: &str) -> Vec<Effect> {
    let key = Key::parse(key).unwrap_or_else(|| panic!("bad key {key}"));
    match state.action_for_key(key) {
        Some(action) => update(state, action),
        None => Vec::new(),
    }
}

/// Runs the query effects as the event loop's worker would (here, at once).
fn settle(state: &mut State, effects: Vec<Effect>) {
    for effect in effects {
        if let Some(answer) = answer_inline(state, &effect) {
            let more = update(state, answer);
            settle(state, more);
        }
    }
}

fn evaluations(effects: &[Effect]) -> usize {
    effects
        .iter()
        .filter(|e| matches!(e, Effect::EvaluateQuery(_)))
        .count()
}

/// About `bytes` bytes of words, with a line break now and then.
fn words(bytes: usize) -> String {
    const WORDS: [&str; 6] = [
        "alliance",
        "cyber",
        "defence",
        "hybrid",
        "summit",
        "résilience",
    ];
    let mut out = String::with_capacity(bytes + 16);
    let mut i = 0;
    while out.len() < bytes {
        out.push_str(WORDS[i % WORDS.len()]);
        out.push(if i % 17 == 16 { '\n' } else { ' ' });
        i += 1;
    }
    out
}

fn with_codebook(tags: &[&str]) -> State {
    let mut state = State::sample();
    let corpus = state.corpus.clone();
    let notebook = Notebook {
        codebook: tags.iter().map(|t| Tag::named(t)).collect(),
        ..Notebook::new(&corpus.name)
    };
    state = State::new(
        Arc::clone(&corpus),
        notebook,
        state.settings.clone(),
        state.size,
    )
    .unwrap();
    state
}

#[test]
fn a_paste_into_the_query_prompt_is_one_edit_and_one_evaluation() {
    let mut state = State::sample();
    press(&mut state, "/");
    let effects = update(&mut state, Action::Paste("press conf".into()));
    assert_eq!(evaluations(&effects), 1, "{effects:?}");
    assert_eq!(state.prompt.as_ref().unwrap().text(), "press conf");
    settle(&mut state, effects);
    assert_eq!(state.list.shown.len(), 1);
    assert_eq!(state.list.query, "press conf");
}

#[test]
fn a_100_kb_paste_into_the_query_prompt_is_one_evaluation_of_all_of_it() {
    let mut state = State::sample();
    press(&mut state, "/");
    let text = words(100_000);
    let effects = update(&mut state, Action::Paste(text.clone()));
    assert!(
        evaluations(&effects) <= 1,
        "{} evaluations",
        evaluations(&effects)
    );
    let typed = state.prompt.as_ref().unwrap().text();
    assert_eq!(typed, text.replace('\n', " "), "line breaks become spaces");
    settle(&mut state, effects);
    assert_eq!(state.list.query.len(), typed.len());
}

#[test]
fn line_breaks_pasted_into_a_prompt_become_spaces_and_controls_are_dropped() {
    let mut state = State::sample();
    press(&mut state, "/");
    update(
        &mut state,
        Action::Paste("press\r\nconf\u{1b}[31m\r".into()),
    );
    assert_eq!(state.prompt.as_ref().unwrap().text(), "press conf[31m ");
}

#[test]
fn a_paste_into_the_reader_search_moves_to_its_matches() {
    let mut state = State::sample();
    press(&mut state, "j");
    press(&mut state, "enter");
    assert_eq!(state.focus, Pane::Reader);
    press(&mut state, "/");
    let effects = update(&mut state, Action::Paste("hybrid threats".into()));
    assert!(effects.is_empty());
    let search = state.reader.search.as_ref().unwrap();
    assert!(!search.matches.is_empty(), "{:?}", state.message);
    assert_eq!(state.prompt.as_ref().unwrap().text(), "hybrid threats");
}

#[test]
fn a_paste_into_the_tag_prompt_completes_once_from_the_pasted_segment() {
    let mut state = with_codebook(&["cyber", "hybrid", "policy/defence"]);
    press(&mut state, "t");
    update(&mut state, Action::Paste("hybrid, cyb".into()));
    let prompt = state.prompt.as_ref().unwrap();
    assert_eq!(prompt.text(), "hybrid, cyb");
    assert_eq!(prompt.completions[0].name, "cyber");
    press(&mut state, "tab");
    press(&mut state, "enter");
    let tags = &state.notes_of(state.current_path().unwrap()).unwrap().tags;
    assert!(tags.contains(&"cyber".to_owned()) && tags.contains(&"hybrid".to_owned()));
}

#[test]
fn a_100_kb_paste_into_the_tag_prompt_is_kept_whole() {
    let mut state = with_codebook(&["cyber"]);
    press(&mut state, "t");
    let text = words(100_000);
    update(&mut state, Action::Paste(text.clone()));
    let prompt = state.prompt.as_ref().unwrap();
    assert_eq!(prompt.text().len(), text.len());
    assert!(prompt.completions.is_empty(), "no tag looks like that");
}

#[test]
fn a_paste_into_the_note_editor_keeps_its_lines() {
    let mut state = State::sample();
    press(&mut state, "a");
    assert!(state.editor.is_some());
    update(
        &mut state,
        Action::Paste("First line.\r\nSecond line.\rThird.".into()),
    );
    update(&mut state, Action::Paste(" More.".into()));
    let editor = state.editor.as_ref().unwrap();
    assert_eq!(editor.text(), "First line.\nSecond line.\nThird. More.");
}

#[test]
fn a_1_mb_paste_into_the_note_editor_is_saved_whole() {
    let mut state = State::sample();
    press(&mut state, "a");
    let text = words(1_000_000);
    update(&mut state, Action::Paste(text.clone()));
    let effects = press(&mut state, "esc");
    assert!(effects.contains(&Effect::SaveNotebook), "{effects:?}");
    let entry = state.notes_of(state.current_path().unwrap()).unwrap();
    assert_eq!(entry.notes[0].text, text.trim_end());
}

#[test]
fn a_paste_outside_a_prompt_is_never_run_as_commands() {
    let mut state = State::sample();
    let before = state.current_path().unwrap().to_owned();
    let effects = update(&mut state, Action::Paste("jjq1".into()));
    assert!(effects.is_empty(), "{effects:?}");
    assert_eq!(state.current_path().unwrap(), before);
    assert!(state.notes_of(&before).is_none());
}

#[test]
fn plain_keys_type_into_a_prompt_and_bound_keys_do_not() {
    let mut state = State::sample();
    assert_eq!(state.typed_char(Key::char('j')), None, "j moves the list");
    press(&mut state, "/");
    assert_eq!(state.typed_char(Key::char('j')), Some('j'));
    assert_eq!(state.typed_char(Key::parse("Q").unwrap()), Some('Q'));
    assert_eq!(state.typed_char(Key::parse("enter").unwrap()), None);
    assert_eq!(state.typed_char(Key::parse("ctrl-w").unwrap()), None);
    press(&mut state, "esc");
    press(&mut state, "a");
    assert_eq!(
        state.typed_char(Key::char('q')),
        Some('q'),
        "text in the editor"
    );
}

#[test]
fn a_burst_of_typed_keys_queues_only_the_newest_evaluation() {
    let mut state = State::sample();
    press(&mut state, "/");
    let mut effects = Vec::new();
    for key in ["p", "r", "backspace", "r", "e"] {
        effects.extend(press(&mut state, key));
    }
    assert!(evaluations(&effects) > 1);
    drop_superseded(&mut effects);
    assert_eq!(evaluations(&effects), 1);
    let Some(Effect::EvaluateQuery(job)) = effects.last() else {
        panic!("{effects:?}")
    };
    assert_eq!(job.generation, state.list.generation, "the newest one");
    settle(&mut state, effects);
    assert_eq!(state.list.query, "pre");
    assert_eq!(state.list.pending, None, "its answer landed");
}

#[test]
fn the_prompt_shows_the_end_of_a_paste_longer_than_the_widget_can_scroll() {
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;
    let mut state = State::sample();
    press(&mut state, "/");
    let text = words(100_000) + "ENDOFPASTE";
    update(&mut state, Action::Paste(text));
    let mut terminal = Terminal::new(TestBackend::new(120, 35)).unwrap();
    terminal
        .draw(|frame| dossier::ui::draw(frame, &state))
        .unwrap();
    let buffer = terminal.backend().buffer();
    let screen: String = (0..35)
        .flat_map(|y| (0..120).map(move |x| (x, y)))
        .map(|(x, y)| buffer[(x, y)].symbol().to_owned())
        .collect();
    assert!(screen.contains("ENDOFPASTE"), "the cursor's end is in view");
}
