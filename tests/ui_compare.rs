//! Compare mode (SPEC §12): another coder's notebook beside mine. Opening it (a prompt
//! whose file is read as an effect, answered by an action), the motions between
//! disagreements, adopting their coding as one undoable change, the agreement in the status
//! bar, and whole screens of it at 120×35, with and without colour.

use dossier::action::{Action, Effect};
use dossier::keymap::{Command, Context, Key};
use dossier::notebook::{Anchor, AnchorState, DocumentNotes, Highlight, Notebook};
use dossier::state::compare::OtherNotebook;
use dossier::state::{Pane, Settings, State, update};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::style::{Color, Modifier};
use std::ops::Range;
use std::path::PathBuf;

fn press(state: &mut State, keys: &[&str]) -> Vec<Effect> {
    let mut effects = Vec::new();
    for k in keys {
        let key = Key::parse(k).unwrap();
        if let Some(action) = state.action_for_key(key) {
            effects.extend(update(state, action));
        }
    }
    effects
}

fn type_text(state: &mut State, text: &str) {
    update(state, Action::Paste(text.to_owned()));
}

/// The sample corpus as ana, the annual report open in the reader.
fn ana() -> State {
    let sample = State::sample();
    let settings = Settings {
        coder: "ana".to_owned(),
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
    press(&mut state, &["enter"]);
    state
}

fn highlight(text: &str, id: &str, range: Range<usize>, tag: &str, by: &str) -> Highlight {
    Highlight {
        id: id.into(),
        tags: vec![tag.into()],
        note: None,
        created: "2026-01-01T00:00:00Z".into(),
        by: by.into(),
        anchor: Anchor::of(text, range.start, range.end).unwrap(),
        state: AnchorState::Ok,
    }
}

/// Sentence `i` of the reader's document.
fn sentence(state: &State, i: usize) -> Range<usize> {
    state.reader.sentences[i].clone()
}

/// Ana coded sentences 2 and 3 with cyber; ben coded 2 with cyber, 5 with cyber and 7
/// with hybrid: they agree on 2, only ana coded 3, only ben 5 and 7.
fn ben_notebook(state: &State) -> OtherNotebook {
    let path = state.current_path().unwrap().to_owned();
    let text = state.current().unwrap().text.clone();
    let mut entry = DocumentNotes::new("id", "title");
    for (id, i, tag) in [("B1", 2, "cyber"), ("B2", 5, "cyber"), ("B3", 7, "hybrid")] {
        entry
            .highlights
            .push(highlight(&text, id, sentence(state, i), tag, "ben"));
    }
    let mut notebook = Notebook::new(&state.corpus.name);
    notebook.documents.insert(path, entry);
    OtherNotebook {
        path: PathBuf::from("team/ben.ron"),
        notebook,
    }
}

/// Ana's coding, and ben's notebook loaded to compare with.
fn comparing() -> State {
    let mut state = ana();
    let path = state.current_path().unwrap().to_owned();
    let text = state.current().unwrap().text.clone();
    let mut entry = DocumentNotes::new("id", "title");
    for (id, i) in [("A1", 2), ("A2", 3)] {
        entry
            .highlights
            .push(highlight(&text, id, sentence(&state, i), "cyber", "ana"));
    }
    state.notebook.documents.insert(path, entry);
    let other = ben_notebook(&state);
    update(&mut state, Action::CompareLoaded(Ok(other)));
    state
}

#[test]
fn the_compare_key_opens_a_prompt_whose_file_is_read_as_an_effect() {
    let mut state = ana();
    press(&mut state, &["C"]);
    assert_eq!(
        state.prompt.as_ref().map(|p| p.kind),
        Some(dossier::action::PromptKind::Compare)
    );
    type_text(&mut state, "team/ben.ron");
    let effects = press(&mut state, &["enter"]);
    assert_eq!(
        effects,
        [Effect::LoadCompare(PathBuf::from("team/ben.ron"))]
    );
    assert!(state.prompt.is_none());
    assert!(
        state.compare.is_none(),
        "nothing is shown before it is read"
    );

    let other = ben_notebook(&state);
    let effects = update(&mut state, Action::CompareLoaded(Ok(other)));
    assert!(effects.is_empty(), "reading theirs writes nothing");
    let compare = state.compare.as_ref().unwrap();
    assert_eq!(compare.coder, "ben");
    assert_eq!(compare.label(), "ben (ben.ron)");
    let message = state.message.clone().unwrap();
    assert!(
        message.starts_with("comparing with ben (ben.ron) (read-only) · d next disagreement"),
        "{message}"
    );
    // The prompt offers the notebook compared with now.
    press(&mut state, &["C"]);
    assert_eq!(state.prompt.as_ref().unwrap().text(), "team/ben.ron");
}

#[test]
fn the_compare_key_is_bound_in_documents_and_reader_and_listed_in_the_help() {
    let state = ana();
    for context in [Context::Documents, Context::Reader] {
        assert_eq!(
            state.keymap.keys_for(context, Command::Compare),
            [Key::char('C')]
        );
    }
    let reader: Vec<String> = state
        .keymap
        .bindings(Context::Reader)
        .map(|b| format!("{} {}", b.keys[0], b.help()))
        .collect();
    for line in [
        "d compare: next passage the coders differ on",
        "D compare: previous passage the coders differ on",
        "T compare: their coding at the cursor becomes mine (undoable)",
        "C compare with another coder's notebook (read-only)",
    ] {
        assert!(reader.iter().any(|l| l == line), "{line} in {reader:?}");
    }
}

#[test]
fn an_empty_file_name_keeps_the_prompt_open_with_the_reason() {
    let mut state = ana();
    press(&mut state, &["C"]);
    let effects = press(&mut state, &["enter"]);
    assert!(effects.is_empty());
    assert_eq!(
        state.prompt.as_ref().and_then(|p| p.error.as_deref()),
        Some("name another coder's notebook file (.ron)")
    );
}

#[test]
fn a_notebook_that_cannot_be_read_is_said_and_nothing_is_compared() {
    let mut state = ana();
    update(
        &mut state,
        Action::CompareLoaded(Err("x.ron: no such notebook to compare with".into())),
    );
    assert!(state.compare.is_none());
    assert_eq!(
        state.message.as_deref(),
        Some("cannot compare: x.ron: no such notebook to compare with")
    );
    press(&mut state, &["d"]);
    assert_eq!(
        state.message.as_deref(),
        Some("not comparing · C opens another coder's notebook")
    );
}

#[test]
fn the_status_bar_shows_the_documents_agreement_and_kappa() {
    let state = comparing();
    let p = state.passages().unwrap();
    let c = p.counts;
    assert_eq!(
        c.both as usize,
        state.current().unwrap().text[sentence(&state, 2)]
            .chars()
            .count()
    );
    let summary = state.compare_summary().unwrap();
    let expected = format!(
        "vs ben (ben.ron): {:.1}% · κ {:.2}",
        c.agreement().unwrap() * 100.0,
        c.kappa().unwrap()
    );
    assert_eq!(summary, expected);
    assert!(!summary.contains("NaN"));
}

#[test]
fn kappa_is_undefined_not_nan_when_neither_coded_the_document() {
    let mut state = ana();
    let mut other = ben_notebook(&state);
    other.notebook.documents.clear();
    update(&mut state, Action::CompareLoaded(Ok(other)));
    assert_eq!(
        state.compare_summary().as_deref(),
        Some("vs ben.ron: 100.0% · κ undefined")
    );
}

#[test]
fn a_tag_filter_in_the_query_decides_which_tags_are_compared() {
    let mut state = comparing();
    state.focus = Pane::Documents;
    press(&mut state, &["/"]);
    type_text(&mut state, "tag:cyber");
    press(&mut state, &["enter"]);
    assert_eq!(state.compare_tags(), ["cyber"]);
    let p = state.passages().unwrap();
    // Ben's hybrid passage no longer counts: one disagreement each way.
    assert_eq!(p.disagreements().count(), 2);
    assert!(
        state
            .compare_summary()
            .unwrap()
            .starts_with("vs ben (ben.ron) on cyber: ")
    );
}

#[test]
fn d_and_shift_d_move_between_disagreements() {
    let mut state = comparing();
    assert_eq!(state.reader.cursor, 0);
    press(&mut state, &["d"]);
    assert_eq!(state.reader.cursor, 3);
    assert_eq!(
        state.message.as_deref(),
        Some("disagreement 1 of 3: only you coded it")
    );
    press(&mut state, &["d"]);
    assert_eq!(state.reader.cursor, 5);
    assert_eq!(
        state.message.as_deref(),
        Some("disagreement 2 of 3: only they coded it")
    );
    press(&mut state, &["d", "d"]);
    assert_eq!(state.reader.cursor, 7);
    assert_eq!(
        state.message.as_deref(),
        Some("no more disagreements this way")
    );
    press(&mut state, &["D"]);
    assert_eq!(state.reader.cursor, 5);
    press(&mut state, &["D", "D"]);
    assert_eq!(state.reader.cursor, 3);
}

#[test]
fn adopting_theirs_makes_their_highlight_mine_as_one_undoable_change() {
    let mut state = comparing();
    let path = state.current_path().unwrap().to_owned();
    let before = state.notebook.clone();
    let theirs = state.compare.as_ref().unwrap().notebook.clone();
    press(&mut state, &["d", "d"]);
    let effects = press(&mut state, &["T"]);
    assert_eq!(effects.first(), Some(&Effect::SaveNotebook));
    assert_eq!(state.history.undo_len(), 1);
    let mine = &state.notes_of(&path).unwrap().highlights;
    let adopted = mine
        .iter()
        .find(|h| h.anchor.start == sentence(&state, 5).start)
        .expect("their passage is now mine");
    assert_eq!(
        (
            adopted.tags.as_slice(),
            adopted.by.as_str(),
            adopted.anchor.end
        ),
        (&["cyber".to_owned()][..], "ana", sentence(&state, 5).end)
    );
    assert_ne!(adopted.id, "B2", "a highlight of my own, not theirs");
    assert_eq!(
        state.message.as_deref(),
        Some("adopted 1 highlight of ben's: +cyber · u to undo")
    );
    let p = state.passages().unwrap();
    assert_eq!(p.disagreements().count(), 2);
    // Their notebook is read-only: it is as it was read.
    assert_eq!(state.compare.as_ref().unwrap().notebook, theirs);

    press(&mut state, &["u"]);
    assert_eq!(state.notebook, before);
    assert_eq!(state.passages().unwrap().disagreements().count(), 3);
}

#[test]
fn adopting_where_only_i_coded_or_nobody_differs_changes_nothing() {
    let mut state = comparing();
    let before = state.notebook.clone();
    let effects = press(&mut state, &["T"]);
    assert!(effects.is_empty());
    assert_eq!(
        state.message.as_deref(),
        Some("no disagreement at the cursor · d goes to the next")
    );
    press(&mut state, &["d"]);
    let effects = press(&mut state, &["T"]);
    assert!(effects.is_empty());
    assert_eq!(
        state.message.as_deref(),
        Some("only you coded this: nothing of theirs to adopt")
    );
    assert_eq!(state.notebook, before);
}

fn render(state: &State) -> (String, ratatui::buffer::Buffer) {
    let backend = TestBackend::new(state.size.0, state.size.1);
    let mut terminal = Terminal::new(backend).unwrap();
    terminal.draw(|f| dossier::ui::draw(f, state)).unwrap();
    let buffer = terminal.backend().buffer().clone();
    let mut text = String::new();
    for y in 0..buffer.area.height {
        let line: String = (0..buffer.area.width)
            .map(|x| buffer[(x, y)].symbol().to_owned())
            .collect();
        text.push_str(line.trim_end());
        text.push('\n');
    }
    (text, buffer)
}

/// Each cell of `area` by its modifiers alone (what `NO_COLOR` leaves): `_` underlined,
/// `/` underlined in italics, `#` reversed, `*` bold, `.` anything else.
fn modifiers(buffer: &ratatui::buffer::Buffer, area: ratatui::layout::Rect) -> String {
    let mut out = String::new();
    for y in area.y..area.y + area.height {
        let line: String = (area.x..area.x + area.width)
            .map(|x| {
                let m = buffer[(x, y)].modifier;
                if m.contains(Modifier::REVERSED) {
                    '#'
                } else if m.contains(Modifier::UNDERLINED | Modifier::ITALIC) {
                    '/'
                } else if m.contains(Modifier::UNDERLINED) {
                    '_'
                } else if m.contains(Modifier::BOLD) {
                    '*'
                } else {
                    '.'
                }
            })
            .collect();
        out.push_str(line.trim_end_matches('.'));
        out.push('\n');
    }
    out
}

#[test]
fn compare_marks_both_mine_and_theirs() {
    let state = comparing();
    let (text, buffer) = render(&state);
    insta::assert_snapshot!("compare_marks_120x35", text);
    // In colour: both green, only mine cyan, only theirs magenta.
    let text = &state.current().unwrap().text;
    let reader = state.screen().reader.unwrap();
    // The first cell of `needle` in the reader.
    let cell_of = |needle: &str| {
        let at = (reader.y..reader.y + reader.height)
            .find_map(|y| {
                let line: String = (reader.x..reader.x + reader.width)
                    .map(|x| buffer[(x, y)].symbol().to_owned())
                    .collect();
                line.find(needle)
                    .map(|i| (reader.x + line[..i].chars().count() as u16, y))
            })
            .unwrap();
        buffer[at].clone()
    };
    for (i, color, modifier) in [
        (2, Color::Green, Modifier::UNDERLINED),
        (3, Color::Cyan, Modifier::UNDERLINED | Modifier::ITALIC),
        (5, Color::Magenta, Modifier::REVERSED),
    ] {
        let words: Vec<&str> = text[sentence(&state, i)]
            .split_whitespace()
            .take(2)
            .collect();
        let word = words.join(" ");
        let cell = cell_of(&word);
        assert_eq!(cell.fg, color, "{word}");
        assert!(cell.modifier.contains(modifier), "{word}");
    }
}

#[test]
fn compare_after_adopting_theirs() {
    let mut state = comparing();
    press(&mut state, &["d", "d", "T"]);
    let (text, _) = render(&state);
    insta::assert_snapshot!("compare_after_adopting_120x35", text);
}

#[test]
fn compare_without_colour() {
    let mut state = comparing();
    state.settings.theme = dossier::theme::Theme::plain();
    let (text, buffer) = render(&state);
    for y in 0..buffer.area.height {
        for x in 0..buffer.area.width {
            let cell = &buffer[(x, y)];
            assert!(
                matches!(cell.fg, Color::Reset) && matches!(cell.bg, Color::Reset),
                "a colour at {x},{y} under NO_COLOR"
            );
        }
    }
    insta::assert_snapshot!(
        "compare_no_color_120x35",
        format!(
            "{text}\nthe reader's modifiers:\n{}",
            modifiers(&buffer, state.screen().reader.unwrap())
        )
    );
}

#[test]
fn the_notes_pane_shows_theirs_below_mine_read_only() {
    let state = comparing();
    let lines = state.notes_lines(60);
    let at = lines
        .iter()
        .position(|l| l.row == dossier::state::NotesRow::Heading("Theirs · ben".into()))
        .expect("their section");
    assert!(
        lines[at..].iter().all(|l| l.item.is_none()),
        "nothing of theirs is selectable"
    );
    let quotes = lines[at..]
        .iter()
        .filter(|l| matches!(&l.row, dossier::state::NotesRow::Quote(q) if q.starts_with('“')))
        .count();
    assert_eq!(quotes, 3);
    assert_eq!(
        state.notes_items().len(),
        3,
        "my tags and my two highlights"
    );
}
