//! State scenarios: given a state, these keys give this state and these effects. Every
//! action of the keymap is exercised here through the keys that trigger it.

mod common;

use common::screen::settle;
use dossier::action::{Action, Effect};
use dossier::keymap::Key;
use dossier::notebook::AnchorState;
use dossier::state::query::evaluate;
use dossier::state::{Pane, SaveState, State, update};
use std::sync::atomic::AtomicBool;

const NEWS: &str = "000_bd0411fb3b74ac0c.txt";
const CONF: &str = "002_cbbf25972822090a.txt";

fn press(state: &mut State, key: &str) -> Vec<Effect> {
    let key = Key::parse(key).unwrap_or_else(|| panic!("bad key {key}"));
    match state.action_for_key(key) {
        Some(action) => {
            let effects = update(state, action);
            settle(state, effects)
        }
        None => Vec::new(),
    }
}

fn keys(state: &mut State, keys: &[&str]) -> Vec<Effect> {
    keys.iter().flat_map(|k| press(state, k)).collect()
}

fn type_text(state: &mut State, text: &str) {
    for c in text.chars() {
        let key = if c == ' ' {
            "space".to_owned()
        } else {
            c.to_string()
        };
        press(state, &key);
    }
}

fn selected(state: &State) -> &str {
    state.current_path().unwrap()
}

#[test]
fn starts_on_the_newest_document_with_the_list_focused() {
    let state = State::sample();
    assert_eq!(selected(&state), NEWS);
    assert_eq!(state.focus, Pane::Documents);
    assert_eq!(state.reader.path.as_deref(), Some(NEWS));
    assert_eq!(state.triaged(), (0, 2));
}

#[test]
fn q_and_ctrl_c_quit() {
    let mut state = State::sample();
    assert_eq!(press(&mut state, "q"), vec![Effect::Quit]);
    assert_eq!(press(&mut state, "ctrl-c"), vec![Effect::Quit]);
}

#[test]
fn help_opens_and_any_key_closes_it() {
    let mut state = State::sample();
    press(&mut state, "?");
    assert!(state.help);
    press(&mut state, "j");
    assert!(state.help);
    assert_eq!(state.help_scroll, 1);
    press(&mut state, "x");
    assert!(!state.help);
    assert_eq!(selected(&state), NEWS, "the closing key does nothing else");
}

#[test]
fn tab_and_shift_tab_cycle_the_panes() {
    let mut state = State::sample();
    press(&mut state, "tab");
    assert_eq!(state.focus, Pane::Reader);
    press(&mut state, "tab");
    assert_eq!(state.focus, Pane::Notes);
    press(&mut state, "shift-tab");
    assert_eq!(state.focus, Pane::Reader);
}

#[test]
fn moving_in_the_list_shows_each_document_in_the_reader() {
    let mut state = State::sample();
    press(&mut state, "j");
    assert_eq!(selected(&state), CONF);
    assert_eq!(state.reader.path.as_deref(), Some(CONF));
    press(&mut state, "k");
    assert_eq!(selected(&state), NEWS);
    keys(&mut state, &["G"]);
    assert_eq!(selected(&state), CONF);
    keys(&mut state, &["g"]);
    assert_eq!(selected(&state), NEWS);
    keys(&mut state, &["pgdn"]);
    assert_eq!(selected(&state), CONF);
    keys(&mut state, &["pgup"]);
    assert_eq!(selected(&state), NEWS);
    keys(&mut state, &["ctrl-d"]);
    assert_eq!(selected(&state), CONF);
    keys(&mut state, &["ctrl-u"]);
    assert_eq!(selected(&state), NEWS);
}

#[test]
fn enter_opens_the_document_in_the_reader() {
    let mut state = State::sample();
    keys(&mut state, &["j", "enter"]);
    assert_eq!(state.focus, Pane::Reader);
    assert_eq!(state.reader.path.as_deref(), Some(CONF));
}

#[test]
fn reader_scrolls_by_line_and_the_cursor_stays_in_view() {
    let mut state = State::sample();
    update(
        &mut state,
        Action::Resize {
            width: 120,
            height: 12,
        },
    );
    keys(&mut state, &["j", "enter"]);
    assert_eq!(state.reader.scroll, 0);
    press(&mut state, "j");
    assert_eq!(state.reader.scroll, 1);
    keys(&mut state, &["G"]);
    assert!(state.reader.scroll > 0);
    assert_eq!(state.reader.cursor, state.reader.sentences.len() - 1);
    press(&mut state, "g");
    assert_eq!((state.reader.scroll, state.reader.cursor), (0, 0));
    keys(&mut state, &["pgdn"]);
    let row = state
        .reader
        .row_of(state.reader.cursor_range().unwrap().start);
    assert!(row >= state.reader.scroll && row < state.reader.scroll + state.reader.height);
    keys(&mut state, &["ctrl-u", "ctrl-d", "pgup"]);
    assert_eq!(state.reader.scroll, 0);
}

#[test]
fn sentence_and_paragraph_motions_move_the_cursor() {
    let mut state = State::sample();
    keys(&mut state, &["j", "enter"]);
    let text = state.current().unwrap().text.clone();
    let sentence = |s: &State| text[s.reader.cursor_range().unwrap()].to_owned();
    assert!(sentence(&state).starts_with("Press conference"));
    keys(&mut state, &[")", ")", ")"]);
    assert_eq!(sentence(&state), "Good afternoon.");
    press(&mut state, "(");
    assert_eq!(sentence(&state), "(As delivered)");
    press(&mut state, "}");
    assert_eq!(
        sentence(&state),
        "Good afternoon.",
        "one statement per line: a line is a paragraph"
    );
    press(&mut state, "{");
    assert_eq!(sentence(&state), "(As delivered)");
}

#[test]
fn the_reader_remembers_its_position_per_document() {
    let mut state = State::sample();
    keys(
        &mut state,
        &["j", "enter", ")", ")", ")", "shift-tab", "k", "j"],
    );
    assert_eq!(state.reader.cursor, 3);
}

#[test]
fn tagging_the_current_sentence_makes_a_highlight() {
    let mut state = State::sample();
    keys(&mut state, &["j", "enter", ")", ")", ")", ")", ")", ")"]);
    let text = state.current().unwrap().text.clone();
    assert_eq!(
        &text[state.reader.cursor_range().unwrap()],
        "We reviewed what we are doing to counter hybrid threats."
    );
    press(&mut state, "t");
    assert!(state.prompt.is_some());
    type_text(&mut state, "hybrid");
    let effects = press(&mut state, "enter");
    assert_eq!(effects, vec![Effect::SaveNotebook]);
    let entry = state.notes_of(CONF).unwrap();
    assert_eq!(entry.highlights.len(), 1);
    assert_eq!(entry.highlights[0].tags, ["hybrid"]);
    assert_eq!(
        entry.highlights[0].anchor.quote,
        "We reviewed what we are doing to counter hybrid threats."
    );
    assert!(
        state.notebook.tag("hybrid").is_some(),
        "a new tag joins the codebook"
    );
    assert!(state.message.as_deref().unwrap().contains("u to undo"));
    assert_eq!(state.save, SaveState::Saving);
}

#[test]
fn visual_selection_tags_several_sentences_as_one_highlight() {
    let mut state = State::sample();
    keys(&mut state, &["j", "enter", ")", ")", ")", "v", ")", ")"]);
    assert!(state.reader.selection.is_some());
    press(&mut state, "t");
    type_text(&mut state, "opening");
    press(&mut state, "enter");
    let h = &state.notes_of(CONF).unwrap().highlights[0];
    assert_eq!(
        h.anchor.quote,
        "Good afternoon.\nWe have just finished a meeting with National Security Advisers and other senior officials.\nThis meeting was the first of its kind at NATO."
    );
    assert!(
        state.reader.selection.is_none(),
        "the selection ends once used"
    );
}

#[test]
fn esc_cancels_the_selection() {
    let mut state = State::sample();
    keys(&mut state, &["enter", "v", ")", "esc"]);
    assert!(state.reader.selection.is_none());
}

#[test]
fn tag_prompt_completes_from_the_codebook_and_removes_with_minus() {
    let mut state = State::sample();
    press(&mut state, "t");
    type_text(&mut state, "cyber, policy/defence");
    press(&mut state, "enter");
    assert_eq!(
        state.notes_of(NEWS).unwrap().tags,
        ["cyber", "policy/defence"]
    );
    press(&mut state, "t");
    type_text(&mut state, "-cyb");
    assert_eq!(state.prompt.as_ref().unwrap().completions[0].name, "cyber");
    press(&mut state, "tab");
    assert_eq!(state.prompt.as_ref().unwrap().text(), "-cyber");
    press(&mut state, "enter");
    assert_eq!(state.notes_of(NEWS).unwrap().tags, ["policy/defence"]);
}

#[test]
fn an_empty_tag_keeps_the_prompt_open_with_an_error() {
    let mut state = State::sample();
    press(&mut state, "t");
    type_text(&mut state, " ");
    let effects = press(&mut state, "enter");
    assert!(effects.is_empty());
    let prompt = state.prompt.as_ref().expect("still open");
    assert!(prompt.error.as_deref().unwrap().contains("empty"));
    press(&mut state, "esc");
    assert!(state.prompt.is_none());
    assert!(state.notes_of(NEWS).is_none());
}

#[test]
fn alt_and_a_codebook_hotkey_in_the_tag_prompt_applies_at_once() {
    let mut state = State::sample();
    state.notebook.codebook.push(dossier::notebook::Tag {
        key: Some('c'),
        ..dossier::notebook::Tag::named("cyber")
    });
    keys(&mut state, &["t", "alt-c"]);
    assert!(state.prompt.is_none());
    assert_eq!(state.notes_of(NEWS).unwrap().tags, ["cyber"]);
}

#[test]
fn dot_repeats_the_last_tag_action_on_the_current_target() {
    let mut state = State::sample();
    press(&mut state, "t");
    type_text(&mut state, "nato");
    press(&mut state, "enter");
    keys(&mut state, &["j", "."]);
    assert_eq!(state.notes_of(CONF).unwrap().tags, ["nato"]);
}

#[test]
fn status_keys_triage_and_advance_to_the_next_untriaged() {
    let mut state = State::sample();
    let effects = press(&mut state, "1");
    assert_eq!(effects, vec![Effect::SaveNotebook]);
    assert_eq!(state.status_of(NEWS), Some("relevant"));
    assert_eq!(selected(&state), CONF);
    assert_eq!(state.triaged(), (1, 2));
    press(&mut state, "3");
    assert_eq!(state.status_of(CONF), Some("irrelevant"));
    assert!(
        state
            .message
            .as_deref()
            .unwrap()
            .contains("all 2/2 triaged")
    );
    press(&mut state, "0");
    assert_eq!(state.status_of(CONF), None);
    assert_eq!(state.session.triaged, 3);
}

#[test]
fn marked_documents_are_tagged_and_triaged_together_and_undone_in_one_step() {
    let mut state = State::sample();
    keys(&mut state, &["space", "space"]);
    assert_eq!(state.list.marks.len(), 2);
    press(&mut state, "t");
    type_text(&mut state, "nato");
    press(&mut state, "enter");
    assert_eq!(
        state.message.as_deref(),
        Some("tagged 2 documents +nato · u to undo")
    );
    assert!(state.list.marks.is_empty());
    press(&mut state, "ctrl-a");
    assert_eq!(state.list.marks.len(), 2);
    press(&mut state, "2");
    assert_eq!(state.triaged(), (2, 2));
    press(&mut state, "u");
    assert_eq!(state.triaged(), (0, 2));
    press(&mut state, "u");
    assert!(state.notebook.documents.is_empty());
    assert!(state.notebook.tag("nato").is_none());
    press(&mut state, "ctrl-r");
    assert_eq!(state.notes_of(CONF).unwrap().tags, ["nato"]);
    assert_eq!(state.notes_of(NEWS).unwrap().tags, ["nato"]);
}

#[test]
fn undo_and_redo_say_what_they_did() {
    let mut state = State::sample();
    press(&mut state, "u");
    assert_eq!(state.message.as_deref(), Some("nothing to undo"));
    press(&mut state, "1");
    let effects = press(&mut state, "u");
    assert_eq!(effects, vec![Effect::SaveNotebook]);
    assert!(
        state
            .message
            .as_deref()
            .unwrap()
            .starts_with("undid: marked relevant")
    );
    press(&mut state, "ctrl-r");
    assert_eq!(state.status_of(NEWS), Some("relevant"));
    press(&mut state, "ctrl-r");
    assert_eq!(state.message.as_deref(), Some("nothing to redo"));
}

#[test]
fn a_note_on_the_document_is_written_in_the_editor_and_saved_with_esc() {
    let mut state = State::sample();
    press(&mut state, "a");
    assert!(state.editor.is_some());
    type_text(&mut state, "Check the COO date.");
    press(&mut state, "enter");
    type_text(&mut state, "Second line");
    let effects = press(&mut state, "esc");
    assert_eq!(effects, vec![Effect::SaveNotebook]);
    let notes = &state.notes_of(NEWS).unwrap().notes;
    assert_eq!(notes[0].text, "Check the COO date.\nSecond line");
    assert_eq!(notes[0].created, "2026-11-25T10:00:00Z");
    assert_eq!(state.session.noted, 1);
}

#[test]
fn keys_typed_in_the_editor_are_text_not_commands() {
    let mut state = State::sample();
    press(&mut state, "a");
    type_text(&mut state, "q1jk");
    assert!(state.editor.is_some());
    assert_eq!(state.status_of(NEWS), None);
    press(&mut state, "ctrl-s");
    assert_eq!(state.notes_of(NEWS).unwrap().notes[0].text, "q1jk");
}

#[test]
fn quitting_from_the_editor_keeps_the_note() {
    let mut state = State::sample();
    press(&mut state, "a");
    type_text(&mut state, "do not lose me");
    let effects = press(&mut state, "ctrl-c");
    assert_eq!(
        effects,
        vec![Effect::SaveNotebook],
        "the quit waits for the save"
    );
    assert_eq!(
        state.notes_of(NEWS).unwrap().notes[0].text,
        "do not lose me"
    );
    let written = dossier::action::Written {
        generation: state.save_generation,
        result: Ok(()),
    };
    assert_eq!(
        update(&mut state, Action::NotebookWritten(written)),
        vec![Effect::Quit]
    );
}

#[test]
fn a_change_asks_for_a_save_of_a_new_generation() {
    let mut state = State::sample();
    assert_eq!(state.save_generation, 0);
    assert!(press(&mut state, "1").contains(&Effect::SaveNotebook));
    assert_eq!(state.save_generation, 1);
    assert_eq!(state.save, SaveState::Saving);
    press(&mut state, "u");
    assert_eq!(state.save_generation, 2, "undo saves too");
    let written = |generation| {
        Action::NotebookWritten(dossier::action::Written {
            generation,
            result: Ok(()),
        })
    };
    update(&mut state, written(1));
    assert_eq!(state.save, SaveState::Saving, "the undo is not on disk yet");
    update(&mut state, written(2));
    assert_eq!(state.save, SaveState::Saved);
}

#[test]
fn ctrl_e_asks_for_the_external_editor_and_its_text_comes_back() {
    let mut state = State::sample();
    press(&mut state, "a");
    type_text(&mut state, "draft");
    assert_eq!(
        press(&mut state, "ctrl-e"),
        vec![Effect::EditExternally("draft".into())]
    );
    update(
        &mut state,
        Action::EditedExternally(Ok("edited\nin vim\n".into())),
    );
    press(&mut state, "esc");
    assert_eq!(
        state.notes_of(NEWS).unwrap().notes[0].text,
        "edited\nin vim"
    );
}

#[test]
fn a_note_on_a_sentence_becomes_a_highlight_and_e_edits_it_and_d_deletes_it() {
    let mut state = State::sample();
    keys(&mut state, &["j", "enter", ")", ")", ")", "a"]);
    type_text(&mut state, "opening words");
    press(&mut state, "esc");
    let h = state.notes_of(CONF).unwrap().highlights[0].clone();
    assert_eq!(h.note.as_deref(), Some("opening words"));
    assert_eq!(h.anchor.quote, "Good afternoon.");
    // In the notes pane: the tags item first, then the highlight.
    keys(&mut state, &["tab", "j"]);
    press(&mut state, "e");
    type_text(&mut state, "!");
    press(&mut state, "esc");
    assert_eq!(
        state.notes_of(CONF).unwrap().highlights[0].note.as_deref(),
        Some("opening words!")
    );
    press(&mut state, "t");
    type_text(&mut state, "greeting");
    press(&mut state, "enter");
    assert_eq!(
        state.notes_of(CONF).unwrap().highlights[0].tags,
        ["greeting"]
    );
    press(&mut state, "d");
    assert!(state.notes_of(CONF).is_none());
    press(&mut state, "u");
    assert_eq!(state.notes_of(CONF).unwrap().highlights.len(), 1);
}

#[test]
fn emptying_a_note_deletes_it_undoably() {
    let mut state = State::sample();
    press(&mut state, "a");
    type_text(&mut state, "x");
    press(&mut state, "esc");
    keys(&mut state, &["tab", "tab", "j", "e", "backspace", "esc"]);
    assert!(state.notes_of(NEWS).is_none());
    assert!(
        state
            .message
            .as_deref()
            .unwrap()
            .starts_with("deleted the note")
    );
    press(&mut state, "u");
    assert_eq!(state.notes_of(NEWS).unwrap().notes[0].text, "x");
}

#[test]
fn enter_in_the_notes_pane_jumps_to_the_highlight() {
    let mut state = State::sample();
    keys(&mut state, &["j", "enter", "G", "t"]);
    type_text(&mut state, "end");
    press(&mut state, "enter");
    keys(&mut state, &["g", "tab", "j", "enter"]);
    assert_eq!(state.focus, Pane::Reader);
    assert_eq!(state.reader.cursor, state.reader.sentences.len() - 1);
}

#[test]
fn brackets_jump_between_highlights() {
    let mut state = State::sample();
    keys(&mut state, &["j", "enter", ")", ")", ")", "t"]);
    type_text(&mut state, "a");
    press(&mut state, "enter");
    keys(&mut state, &[")", ")", ")", ")", "t"]);
    type_text(&mut state, "b");
    press(&mut state, "enter");
    press(&mut state, "g");
    press(&mut state, "]");
    assert_eq!(state.reader.cursor, 3);
    press(&mut state, "]");
    assert_eq!(state.reader.cursor, 7);
    press(&mut state, "[");
    assert_eq!(state.reader.cursor, 3);
    press(&mut state, "[");
    assert_eq!(
        state.message.as_deref(),
        Some("no more highlights this way")
    );
}

#[test]
fn slash_in_the_list_narrows_as_you_type_and_esc_restores() {
    let mut state = State::sample();
    press(&mut state, "/");
    type_text(&mut state, "press conf");
    assert_eq!(state.list.shown.len(), 1);
    assert_eq!(selected(&state), CONF);
    press(&mut state, "esc");
    assert_eq!(state.list.shown.len(), 2);
    press(&mut state, "/");
    type_text(&mut state, "Q1/2019");
    press(&mut state, "enter");
    assert_eq!(state.list.query, "Q1/2019");
    assert_eq!(state.list.shown.len(), 1);
    press(&mut state, "esc");
    assert_eq!(state.list.query, "");
    assert_eq!(state.list.shown.len(), 2);
}

#[test]
fn the_prompt_history_comes_back_with_up_and_down() {
    let mut state = State::sample();
    press(&mut state, "/");
    type_text(&mut state, "annual");
    keys(&mut state, &["enter", "esc", "/"]);
    type_text(&mut state, "x");
    press(&mut state, "up");
    assert_eq!(state.prompt.as_ref().unwrap().text(), "annual");
    press(&mut state, "down");
    assert_eq!(state.prompt.as_ref().unwrap().text(), "x");
}

#[test]
fn slash_in_the_reader_searches_and_n_moves_between_matches() {
    let mut state = State::sample();
    keys(&mut state, &["j", "enter", "/"]);
    type_text(&mut state, "HYBRID threats");
    press(&mut state, "enter");
    let search = state.reader.search.clone().unwrap();
    assert_eq!(search.matches.len(), 5);
    let text = state.current().unwrap().text.clone();
    let at = |s: &State| text[s.reader.cursor_range().unwrap()].to_owned();
    assert_eq!(
        at(&state),
        "We reviewed what we are doing to counter hybrid threats."
    );
    press(&mut state, "n");
    assert_eq!(
        at(&state),
        "The very nature of hybrid threats is that they are disguised and deniable."
    );
    press(&mut state, "N");
    assert_eq!(
        at(&state),
        "We reviewed what we are doing to counter hybrid threats."
    );
    press(&mut state, "N");
    assert_eq!(
        at(&state),
        "NATO must remain prepared for both conventional and hybrid threats:"
    );
}

#[test]
fn s_cycles_the_sort() {
    let mut state = State::sample();
    press(&mut state, "s");
    assert_eq!(state.list.sort, dossier::state::Sort::Title);
    assert_eq!(
        state.list.shown,
        vec![1, 0],
        "Press conference… before Q1/2019…"
    );
    keys(&mut state, &["s", "s", "s"]);
    assert_eq!(state.list.sort, dossier::state::Sort::Date);
}

#[test]
fn z_toggles_the_triage_layout_where_j_and_k_move_between_documents() {
    let mut state = State::sample();
    press(&mut state, "z");
    assert!(state.triage);
    assert!(state.screen().documents.is_none());
    assert_eq!(state.reader.width, 120 - 3);
    press(&mut state, "j");
    assert_eq!(selected(&state), CONF);
    press(&mut state, "1");
    assert_eq!(state.status_of(CONF), Some("relevant"));
    press(&mut state, "z");
    assert!(!state.triage);
}

#[test]
fn a_read_only_notebook_changes_nothing_and_says_why() {
    let mut state = State::sample();
    state.save = SaveState::ReadOnly;
    for keys_ in [&["1"][..], &["t"], &["a"], &["u"]] {
        let effects = keys(&mut state, keys_);
        assert!(effects.is_empty());
        assert!(
            state.message.as_deref().unwrap().starts_with("read-only"),
            "{keys_:?}"
        );
        assert!(state.prompt.is_none() && state.editor.is_none());
    }
    assert!(state.notebook.documents.is_empty());
}

#[test]
fn a_failed_save_is_shown_and_quitting_then_asks_first() {
    let mut state = State::sample();
    press(&mut state, "1");
    let failed = dossier::action::Written {
        generation: state.save_generation,
        result: Err("disk full".into()),
    };
    update(&mut state, Action::NotebookWritten(failed));
    assert!(matches!(state.save, SaveState::Failed(_)));
    assert!(press(&mut state, "q").is_empty());
    assert!(state.confirm.is_some());
    press(&mut state, "n");
    assert!(state.confirm.is_none());
    press(&mut state, "q");
    assert_eq!(press(&mut state, "y"), vec![Effect::Quit]);
}

#[test]
fn mouse_clicks_focus_and_select_and_the_wheel_scrolls() {
    let mut state = State::sample();
    update(&mut state, Action::Click { column: 5, row: 2 });
    assert_eq!(selected(&state), CONF);
    update(&mut state, Action::Click { column: 60, row: 5 });
    assert_eq!(state.focus, Pane::Reader);
    update(
        &mut state,
        Action::Resize {
            width: 120,
            height: 12,
        },
    );
    update(
        &mut state,
        Action::Scroll {
            column: 60,
            row: 5,
            down: true,
        },
    );
    assert_eq!(state.reader.scroll, 3);
}

#[test]
fn resizing_lays_the_reader_out_again() {
    let mut state = State::sample();
    let wide = state.reader.rows.len();
    update(
        &mut state,
        Action::Resize {
            width: 70,
            height: 20,
        },
    );
    assert!(state.reader.rows.len() > wide);
    assert!(!state.screen().too_small);
    update(
        &mut state,
        Action::Resize {
            width: 30,
            height: 8,
        },
    );
    assert!(state.screen().too_small);
}

#[test]
fn moved_and_orphaned_highlights_are_listed_with_their_state() {
    let mut state = State::sample();
    keys(&mut state, &["enter", "t"]);
    type_text(&mut state, "x");
    press(&mut state, "enter");
    state.notebook.documents.get_mut(NEWS).unwrap().highlights[0].state = AnchorState::Orphaned;
    let lines = state.notes_lines(30);
    assert!(lines.iter().any(|l| matches!(&l.row, dossier::state::NotesRow::HighlightTags(t, AnchorState::Orphaned) if t.contains("orphaned"))));
}

#[test]
fn e_exports_the_shown_documents_to_the_file_named_in_the_prompt() {
    let mut state = State::sample();
    press(&mut state, "1");
    press(&mut state, "E");
    assert_eq!(
        state.prompt.as_ref().unwrap().text(),
        "sample-notes-2026-11-25.md"
    );
    let effects = press(&mut state, "enter");
    let [
        Effect::WriteExport {
            path,
            bytes,
            documents,
        },
    ] = effects.as_slice()
    else {
        panic!("{effects:?}")
    };
    let markdown = std::str::from_utf8(bytes).unwrap();
    assert_eq!(path.to_str(), Some("sample-notes-2026-11-25.md"));
    assert!(markdown.contains("## Q1/2019 - NATO, Annual Report 2018"));
    assert!(
        !markdown.contains("Press conference by"),
        "only documents with something written"
    );
    assert_eq!(*documents, 1);
    update(&mut state, Action::Exported(Ok((path.clone(), *documents))));
    assert_eq!(
        state.message.as_deref(),
        Some("exported 1 document to sample-notes-2026-11-25.md")
    );
}

#[test]
fn tab_in_the_export_prompt_offers_each_format_in_turn() {
    let mut state = State::sample();
    press(&mut state, "1");
    press(&mut state, "E");
    let mut names = Vec::new();
    for _ in 0..5 {
        press(&mut state, "tab");
        names.push(state.prompt.as_ref().unwrap().text());
    }
    assert_eq!(
        names,
        [
            "sample-notes-2026-11-25.qdpx",
            "sample-notes-2026-11-25.qdc",
            "sample-notes-2026-11-25.csv",
            "sample-notes-2026-11-25.jsonld",
            "sample-notes-2026-11-25.md",
        ]
    );
}

#[test]
fn e_exports_a_refi_qda_project_when_the_file_name_asks_for_one() {
    let mut state = State::sample();
    press(&mut state, "1");
    press(&mut state, "E");
    press(&mut state, "tab");
    let effects = press(&mut state, "enter");
    let [
        Effect::WriteExport {
            path,
            bytes,
            documents,
        },
    ] = effects.as_slice()
    else {
        panic!("{effects:?}")
    };
    assert_eq!(path.to_str(), Some("sample-notes-2026-11-25.qdpx"));
    assert!(bytes.starts_with(b"PK"), "a ZIP archive");
    let project = dossier::interchange::qdpx::read(bytes, "x.qdpx").unwrap();
    assert_eq!(project.sources.len(), 1);
    assert_eq!(*documents, 1);
}

#[test]
fn exporting_nothing_says_so() {
    let mut state = State::sample();
    press(&mut state, "E");
    assert!(press(&mut state, "enter").is_empty());
    assert!(
        state
            .message
            .as_deref()
            .unwrap()
            .contains("none of the shown documents")
    );
}

#[test]
fn the_query_prompt_speaks_the_query_language_and_asks_the_worker() {
    let mut state = State::sample();
    press(&mut state, "/");
    let key = Key::parse("k").unwrap();
    let action = state.action_for_key(key).unwrap();
    let effects = update(&mut state, action);
    assert!(
        matches!(effects.as_slice(), [Effect::EvaluateQuery(_)]),
        "evaluation is off the screen's thread: {effects:?}"
    );
    settle(&mut state, effects);
    press(&mut state, "backspace");
    type_text(&mut state, "kind:press");
    assert_eq!(state.list.shown.len(), 1);
    assert_eq!(selected(&state), CONF);
    press(&mut state, "enter");
    assert_eq!(state.list.query, "kind:press");
}

#[test]
fn an_invalid_query_keeps_the_prompt_open_with_its_text_and_the_error() {
    let mut state = State::sample();
    press(&mut state, "/");
    type_text(&mut state, "date:20x");
    let before = state.list.shown.clone();
    type_text(&mut state, "9");
    let prompt = state.prompt.as_ref().unwrap();
    assert!(
        prompt
            .error
            .as_deref()
            .unwrap()
            .starts_with("column 6: expected a date"),
        "{:?}",
        prompt.error
    );
    assert_eq!(state.list.shown, before, "the list stays as it was");
    let effects = press(&mut state, "enter");
    assert!(effects.is_empty());
    assert_eq!(state.prompt.as_ref().unwrap().text(), "date:20x9");
}

#[test]
fn a_stale_query_result_is_dropped() {
    let mut state = State::sample();
    press(&mut state, "/");
    let first = update(&mut state, Action::Input(Key::char('q')));
    let second = update(&mut state, Action::Input(Key::char('1')));
    let (Effect::EvaluateQuery(old), Effect::EvaluateQuery(new)) = (&first[0], &second[0]) else {
        panic!()
    };
    let never = AtomicBool::new(false);
    let mut stale = evaluate(&state.corpus, &state.fields, &state.notebook, old, &never).unwrap();
    stale.hits.clear();
    update(&mut state, Action::QueryDone(stale));
    assert_eq!(state.list.shown.len(), 2, "the older result does not land");
    let fresh = evaluate(&state.corpus, &state.fields, &state.notebook, new, &never).unwrap();
    update(&mut state, Action::QueryDone(fresh));
    assert_eq!(state.list.shown.len(), 1);
}

#[test]
fn a_phrase_query_marks_its_hits_in_the_reader_and_n_moves_between_them() {
    let mut state = State::sample();
    press(&mut state, "/");
    type_text(&mut state, "\"hybrid threats\"");
    press(&mut state, "enter");
    assert_eq!(selected(&state), CONF);
    let search = state.reader.search.clone().expect("the phrase is marked");
    assert_eq!(search.matches.len(), 5);
    press(&mut state, "enter");
    press(&mut state, "n");
    let text = state.current().unwrap().text.clone();
    assert_eq!(
        &text[state.reader.cursor_range().unwrap()],
        "The very nature of hybrid threats is that they are disguised and deniable."
    );
}

#[test]
fn a_notebook_query_follows_the_changes_and_f_keys_open_saved_searches_with_live_counts() {
    let mut state = State::sample();
    press(&mut state, "f1");
    assert_eq!(state.list.query, "status:untriaged");
    assert_eq!(state.list.shown.len(), 2);
    let effects = press(&mut state, "1");
    assert_eq!(effects, vec![Effect::SaveNotebook]);
    assert_eq!(
        state.list.shown.len(),
        1,
        "a triaged document leaves the untriaged list"
    );
    assert_eq!(state.saved_searches.counts[0], Some(1), "To triage");
    assert_eq!(state.saved_searches.counts[1], Some(0), "With notes");
}

#[test]
fn autocode_tags_every_sentence_with_the_phrase_after_a_yes_in_one_undo_step() {
    let mut state = State::sample();
    press(&mut state, "A");
    assert!(state.message.as_deref().unwrap().contains("phrase query"));
    press(&mut state, "/");
    type_text(&mut state, "\"hybrid threats\"");
    press(&mut state, "enter");
    press(&mut state, "A");
    type_text(&mut state, "hybrid");
    press(&mut state, "enter");
    let question = state.confirm.as_ref().expect("asks first").question.clone();
    assert!(question.contains("5 sentence highlights new"), "{question}");
    assert_eq!(press(&mut state, "y"), vec![Effect::SaveNotebook]);
    let highlights = &state.notes_of(CONF).unwrap().highlights;
    assert_eq!(highlights.len(), 5);
    assert!(
        highlights
            .iter()
            .all(|h| h.tags == ["hybrid"] && h.anchor.quote.contains("hybrid threats"))
    );
    // Again: nothing new.
    press(&mut state, "A");
    type_text(&mut state, "hybrid");
    press(&mut state, "enter");
    assert!(state.confirm.is_none());
    assert!(state.message.as_deref().unwrap().contains("already"));
    press(&mut state, "u");
    assert!(state.notes_of(CONF).is_none(), "one undo removes them all");
}

#[test]
fn tab_changes_the_autocode_scope() {
    let mut state = State::sample();
    press(&mut state, "/");
    type_text(&mut state, "\"hybrid threats\"");
    keys(&mut state, &["enter", "A", "tab"]);
    assert_eq!(
        state.prompt.as_ref().unwrap().scope,
        dossier::query::Scope::Paragraph
    );
    type_text(&mut state, "h");
    press(&mut state, "enter");
    assert!(
        state
            .confirm
            .as_ref()
            .unwrap()
            .question
            .contains("paragraph")
    );
    press(&mut state, "n");
    assert!(state.notebook.documents.is_empty());
}

#[test]
fn the_list_from_the_cache_carries_on_when_the_texts_arrive() {
    use dossier::state::load::LoadedCorpus;
    use std::sync::Arc;
    let loaded = dossier::store::Corpus::sample();
    let mut cached = loaded.clone();
    for doc in &mut cached.documents {
        doc.text = Arc::from("");
        doc.loaded = false;
    }
    let notebook = dossier::notebook::Notebook::new("sample");
    let mut state = State::new(
        Arc::new(cached),
        notebook,
        dossier::state::Settings::default(),
        (120, 35),
    )
    .unwrap();
    state.loading = Some((0, 2));
    keys(&mut state, &["j", "space"]);
    assert_eq!(selected(&state), CONF);
    assert!(
        state
            .reader
            .rows
            .iter()
            .any(|r| matches!(r, dossier::state::Row::Header(t, _) if t == "loading the text…"))
    );
    assert!(state.reader.sentences.is_empty());
    let effects = update(&mut state, Action::Loaded(LoadedCorpus(Arc::new(loaded))));
    settle(&mut state, effects);
    assert_eq!(state.loading, None);
    assert_eq!(
        selected(&state),
        CONF,
        "the selection stays on its document"
    );
    assert_eq!(state.list.marks.len(), 1, "marks stay too");
    assert!(
        !state.reader.sentences.is_empty(),
        "the reader shows the text now"
    );
}

#[test]
fn without_auto_advance_a_status_key_stays_on_the_document() {
    let mut state = State::sample();
    state.settings.auto_advance = false;
    press(&mut state, "2");
    assert_eq!(state.status_of(NEWS), Some("maybe"));
    assert_eq!(selected(&state), NEWS);
}

#[test]
fn a_notebook_on_a_read_only_file_system_says_so_not_another_dossier() {
    let mut state = State::sample();
    state.save = SaveState::ReadOnly;
    state.read_only_reason = "the notebook is on a read-only file system".into();
    press(&mut state, "1");
    let message = state.message.as_deref().unwrap();
    assert!(message.contains("read-only file system"), "{message}");
    assert!(!message.contains("another dossier"), "{message}");
}

#[test]
fn a_highlight_whose_wording_changed_shows_both_wordings_in_the_notes_pane() {
    let mut state = State::sample();
    keys(&mut state, &["enter", "t"]);
    type_text(&mut state, "x");
    press(&mut state, "enter");
    let h = &mut state.notebook.documents.get_mut(NEWS).unwrap().highlights[0];
    let now = state.corpus.documents[0].text[h.anchor.start..h.anchor.end].to_owned();
    h.anchor.quote = "The wording as it was highlighted.".into();
    h.state = AnchorState::Changed;
    let lines = state.notes_lines(200);
    let rows: Vec<String> = lines.iter().map(|l| format!("{:?}", l.row)).collect();
    assert!(
        rows.iter()
            .any(|r| r.contains("“The wording as it was highlighted.”")),
        "{rows:?}"
    );
    let now = dossier::text::one_line(&now);
    assert!(
        rows.iter().any(|r| r.contains(&format!("now “{now}”"))),
        "{rows:?}"
    );
    assert!(
        lines.iter().any(|l| matches!(&l.row, dossier::state::NotesRow::HighlightTags(t, AnchorState::Changed) if t.contains("changed"))),
        "{rows:?}"
    );
}

#[test]
fn w_in_the_notes_takes_a_changed_highlights_new_wording_undoably() {
    let mut state = State::sample();
    keys(&mut state, &["enter", "t"]);
    type_text(&mut state, "x");
    press(&mut state, "enter");
    let h = &mut state.notebook.documents.get_mut(NEWS).unwrap().highlights[0];
    let now = state.corpus.documents[0].text[h.anchor.start..h.anchor.end].to_owned();
    h.anchor.quote = "The wording as it was highlighted.".into();
    h.state = AnchorState::Changed;
    let hint = state.notes_lines(200);
    assert!(
        hint.iter()
            .any(|l| format!("{:?}", l.row).contains("W takes the new wording")),
        "the notes pane says which key accepts it"
    );
    // In the notes pane, select the highlight (after the tags line) and press W.
    keys(&mut state, &["tab", "j"]);
    let effects = press(&mut state, "W");
    assert!(effects.contains(&Effect::SaveNotebook));
    let h = &state.notebook.doc(NEWS).unwrap().highlights[0];
    assert_eq!(h.anchor.quote, now);
    assert_eq!(h.state, AnchorState::Ok);
    assert!(state.message.as_deref().unwrap().contains("u to undo"));
    press(&mut state, "u");
    let h = &state.notebook.doc(NEWS).unwrap().highlights[0];
    assert_eq!(h.anchor.quote, "The wording as it was highlighted.");
    assert_eq!(h.state, AnchorState::Changed);
}

#[test]
fn w_on_a_highlight_whose_wording_did_not_change_says_what_it_needs() {
    let mut state = State::sample();
    keys(&mut state, &["enter", "t"]);
    type_text(&mut state, "x");
    press(&mut state, "enter");
    let effects = press(&mut state, "W");
    assert!(effects.is_empty());
    assert!(
        state
            .message
            .as_deref()
            .unwrap()
            .contains("wording changed")
    );
}

#[test]
fn w_in_the_reader_takes_the_new_wording_of_the_highlight_at_the_cursor() {
    let mut state = State::sample();
    keys(&mut state, &["enter", "t"]);
    type_text(&mut state, "x");
    press(&mut state, "enter");
    let h = &mut state.notebook.documents.get_mut(NEWS).unwrap().highlights[0];
    h.anchor.quote = "As it was.".into();
    h.state = AnchorState::Changed;
    assert_eq!(state.focus, Pane::Reader);
    let effects = press(&mut state, "W");
    assert!(effects.contains(&Effect::SaveNotebook));
    let h = &state.notebook.doc(NEWS).unwrap().highlights[0];
    assert_eq!(h.state, AnchorState::Ok);
    assert_ne!(h.anchor.quote, "As it was.");
}

fn briefing() -> State {
    let bytes = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/briefing.txt"
    ))
    .unwrap();
    let corpus = std::sync::Arc::new(dossier::store::Corpus::from_files(
        "briefing",
        &[("briefing.txt", &bytes)],
    ));
    let notebook = dossier::notebook::Notebook::new(&corpus.name);
    let mut state = State::new(
        corpus,
        notebook,
        dossier::state::Settings::default(),
        (120, 35),
    )
    .unwrap();
    press(&mut state, "enter");
    state
}

/// The start of the sentence under the reader's cursor, and the text from there.
fn cursor_text(state: &State) -> String {
    let doc = &state.corpus.documents[state.reader.doc.unwrap()];
    let start = state.reader.cursor_range().unwrap().start;
    doc.text[start..].chars().take(14).collect()
}

#[test]
fn turn_motions_go_from_label_to_label() {
    let mut state = briefing();
    assert_eq!(state.focus, Pane::Reader);
    assert!(cursor_text(&state).starts_with("Press briefing"));
    press(&mut state, ">");
    assert_eq!(cursor_text(&state), "MR. SULLIVAN: ");
    press(&mut state, ">");
    assert_eq!(cursor_text(&state), "Q\u{a0}\u{a0}Thanks, Jak");
    keys(&mut state, &[">", ">", ">"]);
    assert_eq!(cursor_text(&state), "THE PRESIDENT:");
    press(&mut state, ">");
    assert_eq!(
        state.message.as_deref(),
        Some("no more speaker turns this way")
    );
    assert_eq!(cursor_text(&state), "THE PRESIDENT:");
    press(&mut state, "<");
    assert_eq!(cursor_text(&state), "Q: And Ukraine");
    // From inside a turn, `<` goes to its label first.
    keys(&mut state, &["<", ")", ")"]);
    assert_eq!(cursor_text(&state), "Air defence is");
    press(&mut state, "<");
    assert_eq!(cursor_text(&state), "MR. SULLIVAN: ");
    press(&mut state, "<");
    assert_eq!(cursor_text(&state), "Q\u{a0}\u{a0}Thanks, Jak");
}

#[test]
fn turn_motions_say_so_in_a_text_without_turns() {
    let mut state = State::sample();
    keys(&mut state, &["j", "enter", ">"]);
    assert_eq!(
        state.message.as_deref(),
        Some("no more speaker turns this way")
    );
}

#[test]
fn reader_marks_only_the_questions_hits_with_turn_q() {
    let mut state = briefing();
    keys(&mut state, &["tab", "tab", "/"]);
    assert_eq!(state.focus, Pane::Documents);
    type_text(&mut state, "\"summit\" turn:q");
    press(&mut state, "enter");
    press(&mut state, "enter");
    let search = state.reader.search.clone().unwrap();
    // "summit" is said three times, once in the question.
    assert_eq!(search.matches.len(), 1);
    assert_eq!(search.text, "\"summit\" turn:q");
    let doc = &state.corpus.documents[state.reader.doc.unwrap()];
    let hit = search.matches[0].clone();
    assert!(doc.text[..hit.start].ends_with("Will the "));
}
