//! The screen and teamwork: what the analyst makes is stamped with the session's coder,
//! the notes pane shows who made what and the conflicts a merge left, and `<` / `>`
//! resolve the selected conflict, undoably.

use dossier::action::Action;
use dossier::keymap::{Context, Key};
use dossier::notebook::{Anchor, AnchorState, Conflict, Highlight, Note, Side};
use dossier::state::{NotesItem, NotesRow, Pane, Settings, State, update};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn state_as(coder: &str) -> State {
    let sample = State::sample();
    let settings = Settings {
        coder: coder.to_owned(),
        ..Settings::default()
    };
    let mut state = State::new(
        sample.corpus.clone(),
        sample.notebook.clone(),
        settings,
        (120, 35),
    )
    .unwrap();
    state.now = sample.now;
    state
}

fn press(state: &mut State, key: &str) {
    let action = state.action_for_key(Key::parse(key).unwrap()).unwrap();
    update(state, action);
}

/// The selected document with ana's status, note and a highlight by ben, and a status
/// conflict from a merge.
fn merged() -> State {
    let mut state = state_as("ana");
    let path = state.current_path().unwrap().to_owned();
    let text = state.current().unwrap().text.clone();
    let mut entry = dossier::notebook::DocumentNotes::new("id", "title");
    entry.status = Some("relevant".into());
    entry.status_by = "ana".into();
    entry.notes.push(Note {
        id: "N1".into(),
        text: "Ana's note.".into(),
        created: "2026-01-01T00:00:00Z".into(),
        by: "ana".into(),
    });
    entry.highlights.push(Highlight {
        id: "H1".into(),
        tags: vec!["cyber".into()],
        note: None,
        created: "2026-01-01T00:00:00Z".into(),
        by: "ben".into(),
        anchor: Anchor::of(&text, 0, 10).unwrap(),
        state: AnchorState::Ok,
    });
    entry.conflicts.push(Conflict::Status {
        ours: Some("relevant".into()),
        ours_by: "ana".into(),
        theirs: Some("maybe".into()),
        theirs_by: "ben".into(),
    });
    state.notebook.documents.insert(path, entry);
    state.show_selected();
    state
}

#[test]
fn what_the_analyst_makes_records_the_sessions_coder() {
    let mut state = state_as("ana");
    let path = state.current_path().unwrap().to_owned();
    update(&mut state, Action::SetStatus(Some(0)));
    let entry = state.notes_of(&path).unwrap();
    assert_eq!(
        (entry.status.as_deref(), entry.status_by.as_str()),
        (Some("relevant"), "ana")
    );
}

#[test]
fn the_notes_pane_shows_who_made_what() {
    let state = merged();
    let rows: Vec<NotesRow> = state.notes_lines(60).into_iter().map(|l| l.row).collect();
    assert!(rows.contains(&NotesRow::Status(Some("relevant".into()), "ana".into())));
    assert!(rows.contains(&NotesRow::NoteBy("ana".into())));
    assert!(
        rows.iter()
            .any(|r| matches!(r, NotesRow::HighlightTags(t, _) if t == "cyber · ben")),
        "{rows:?}"
    );
}

#[test]
fn the_conflict_is_an_item_of_the_notes_pane_with_its_keys() {
    let mut state = merged();
    assert_eq!(state.notes_items()[1], NotesItem::Conflict(0));
    state.focus = Pane::Notes;
    state.notes_selected = 1;
    let rows: Vec<NotesRow> = state.notes_lines(80).into_iter().map(|l| l.row).collect();
    assert!(rows.contains(&NotesRow::Conflict(
        "status: ours relevant (ana), theirs maybe (ben)".into(),
        true
    )));
    assert!(rows.contains(&NotesRow::ConflictHint(
        "< keep ours · > take theirs".into()
    )));
}

#[test]
fn taking_theirs_resolves_the_conflict_and_undo_brings_it_back() {
    let mut state = merged();
    let path = state.current_path().unwrap().to_owned();
    state.focus = Pane::Notes;
    state.notes_selected = 1;
    press(&mut state, ">");
    let entry = state.notes_of(&path).unwrap();
    assert_eq!(
        (entry.status.as_deref(), entry.status_by.as_str()),
        (Some("maybe"), "ben")
    );
    assert!(entry.conflicts.is_empty());
    assert!(
        state
            .message
            .as_deref()
            .unwrap()
            .starts_with("took their value")
    );
    press(&mut state, "u");
    let entry = state.notes_of(&path).unwrap();
    assert_eq!(entry.status.as_deref(), Some("relevant"));
    assert_eq!(entry.conflicts.len(), 1);
}

#[test]
fn keeping_ours_drops_the_conflict_and_keeps_the_value() {
    let mut state = merged();
    let path = state.current_path().unwrap().to_owned();
    state.focus = Pane::Notes;
    state.notes_selected = 1;
    update(&mut state, Action::ResolveConflict(Side::Ours));
    let entry = state.notes_of(&path).unwrap();
    assert_eq!(entry.status.as_deref(), Some("relevant"));
    assert!(entry.conflicts.is_empty());
}

#[test]
fn resolving_without_a_conflict_selected_says_what_to_do() {
    let mut state = merged();
    state.focus = Pane::Notes;
    state.notes_selected = 0;
    update(&mut state, Action::ResolveConflict(Side::Theirs));
    assert_eq!(
        state.message.as_deref(),
        Some("select a merge conflict in the notes pane first")
    );
    let key = state
        .keymap
        .keys_for(Context::Notes, dossier::keymap::Command::TakeTheirs);
    assert_eq!(key, [Key::char('>')]);
}

#[test]
fn the_notes_pane_with_coders_and_a_conflict() {
    let mut state = merged();
    state.focus = Pane::Notes;
    state.notes_selected = 1;
    let backend = TestBackend::new(120, 35);
    let mut terminal = Terminal::new(backend).unwrap();
    terminal.draw(|f| dossier::ui::draw(f, &state)).unwrap();
    let buffer = terminal.backend().buffer().clone();
    let text: String = (0..buffer.area.height)
        .map(|y| {
            let line: String = (0..buffer.area.width)
                .map(|x| buffer[(x, y)].symbol().to_owned())
                .collect();
            line.trim_end().to_owned() + "\n"
        })
        .collect();
    insta::assert_snapshot!(text);
}
