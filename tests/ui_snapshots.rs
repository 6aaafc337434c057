//! Whole-screen snapshots of the UI on ratatui's `TestBackend` at 120×35, 80×24 and 50×20,
//! plus checks of the colours that matter (highlights, focus).

use dossier::action::Action;
use dossier::keymap::Key;
use dossier::notebook::{Notebook, Tag};
use dossier::state::{Settings, State, update};
use dossier::store::Corpus;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::style::Color;
use std::sync::Arc;

const SIZES: [(u16, u16); 3] = [(120, 35), (80, 24), (50, 20)];

fn render(state: &State) -> (String, ratatui::buffer::Buffer) {
    let backend = TestBackend::new(state.size.0, state.size.1);
    let mut terminal = Terminal::new(backend).unwrap();
    terminal.draw(|f| dossier::ui::draw(f, state)).unwrap();
    let buffer = terminal.backend().buffer().clone();
    let mut text = String::new();
    for y in 0..buffer.area.height {
        let mut line = String::new();
        let mut skip = 0;
        for x in 0..buffer.area.width {
            // A wide character covers the cells after it: print it once, as a terminal shows it.
            if skip > 0 {
                skip -= 1;
                continue;
            }
            let symbol = buffer[(x, y)].symbol();
            skip = dossier::text::width(symbol).saturating_sub(1);
            line.push_str(symbol);
        }
        text.push_str(line.trim_end());
        text.push('\n');
    }
    (text, buffer)
}

fn press(state: &mut State, keys: &[&str]) {
    for k in keys {
        let key = Key::parse(k).unwrap();
        if let Some(action) = state.action_for_key(key) {
            update(state, action);
        }
    }
}

fn type_text(state: &mut State, text: &str) {
    for c in text.chars() {
        let k = if c == ' ' {
            "space".to_owned()
        } else {
            c.to_string()
        };
        press(state, &[&k]);
    }
}

/// The state at a size, with the saved-search counts the worker would have sent.
fn sized(mut state: State, (w, h): (u16, u16)) -> State {
    update(
        &mut state,
        Action::Resize {
            width: w,
            height: h,
        },
    );
    if let Some(count) = state.count_saved_job()
        && let Some(counts) = dossier::state::query::answer_inline(&state, &count)
    {
        update(&mut state, counts);
    }
    state
}

fn state_of(corpus: Corpus, size: (u16, u16)) -> State {
    let corpus = Arc::new(corpus);
    let notebook = Notebook::new(&corpus.name);
    let mut state = State::new(corpus, notebook, Settings::default(), size).unwrap();
    state.now = "2026-11-25T10:00:00Z".parse().unwrap();
    sized(state, size)
}

fn snapshot_all(name: &str, make: impl Fn((u16, u16)) -> State) {
    for size in SIZES {
        let state = make(size);
        let (text, _) = render(&state);
        insta::assert_snapshot!(format!("{name}_{}x{}", size.0, size.1), text);
    }
}

/// The press conference with two highlights tagged differently, overlapping in one sentence.
fn with_highlights(size: (u16, u16)) -> State {
    let mut state = sized(State::sample(), size);
    state.notebook.codebook.push(Tag {
        color: Some("magenta".into()),
        ..Tag::named("hybrid")
    });
    state.notebook.codebook.push(Tag {
        color: Some("green".into()),
        ..Tag::named("cyber")
    });
    press(
        &mut state,
        &["j", "enter", ")", ")", ")", ")", ")", ")", "v", ")", "t"],
    );
    type_text(&mut state, "hybrid");
    press(&mut state, &["enter", "t"]);
    type_text(&mut state, "cyber");
    press(&mut state, &["enter", "g", "}", "}", "}"]);
    state
}

#[test]
fn sample_corpus_on_start() {
    snapshot_all("start", |size| sized(State::sample(), size));
}

#[test]
fn document_with_highlights_in_two_colours() {
    snapshot_all("highlights", with_highlights);
}

#[test]
fn highlighted_cells_carry_their_tag_colours() {
    let state = with_highlights((120, 35));
    let (text, buffer) = render(&state);
    let row = text
        .lines()
        .position(|l| l.contains("We reviewed what we are doing"))
        .unwrap() as u16;
    let col = text
        .lines()
        .nth(row as usize)
        .unwrap()
        .find("We reviewed")
        .unwrap();
    // Byte offset equals the cell column here: the row is ASCII up to the quote.
    let cell = &buffer[(col as u16, row)];
    assert_eq!(cell.fg, Color::Magenta, "hybrid is magenta");
    let row2 = text
        .lines()
        .position(|l| l.contains("And we discussed what more we need to do."))
        .unwrap() as u16;
    let col2 = text
        .lines()
        .nth(row2 as usize)
        .unwrap()
        .find("And we")
        .unwrap() as u16;
    assert_eq!(
        buffer[(col2, row2)].fg,
        Color::Green,
        "the later cyber highlight is drawn over hybrid"
    );
    assert!(
        buffer[(col2, row2)]
            .modifier
            .contains(ratatui::style::Modifier::BOLD),
        "overlap is bold"
    );
}

#[test]
fn tag_prompt_with_completions() {
    snapshot_all("tag_prompt", |size| {
        let mut state = sized(State::sample(), size);
        for (name, key) in [
            ("cyber", Some('c')),
            ("cyber/5g", None),
            ("hybrid", Some('h')),
            ("policy/defence", None),
        ] {
            state.notebook.codebook.push(Tag {
                key,
                ..Tag::named(name)
            });
        }
        press(&mut state, &["t"]);
        type_text(&mut state, "hybrid, cy");
        state
    });
}

#[test]
fn export_prompt_names_the_format_tab_chooses() {
    snapshot_all("export_prompt_qdpx", |size| {
        let mut state = sized(State::sample(), size);
        state.now = "2026-11-25T10:00:00Z".parse().unwrap();
        press(&mut state, &["1", "E", "tab"]);
        state
    });
}

#[test]
fn note_editor() {
    snapshot_all("note_editor", |size| {
        let mut state = sized(State::sample(), size);
        press(&mut state, &["a"]);
        type_text(&mut state, "Check the COO date against the annual report.");
        press(&mut state, &["enter"]);
        type_text(&mut state, "Ask: who leads the Cyber Operations Centre?");
        state
    });
}

#[test]
fn help_overlay() {
    snapshot_all("help", |size| {
        let mut state = sized(State::sample(), size);
        press(&mut state, &["tab", "?"]);
        state
    });
}

#[test]
fn thai_document() {
    let bytes = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/thai.txt"
    ))
    .unwrap();
    snapshot_all("thai", |size| {
        let mut state = state_of(Corpus::from_files("thai", &[("thai.txt", &bytes)]), size);
        press(&mut state, &["enter"]);
        state
    });
}

#[test]
fn document_with_a_100000_character_line() {
    let line = "word".repeat(25_000);
    let body = format!("A very long line\n\n{line}\n\nAfter the line.\n");
    snapshot_all("long_line", |size| {
        let mut state = state_of(
            Corpus::from_files("long", &[("long.txt", body.as_bytes())]),
            size,
        );
        press(&mut state, &["enter", ")", ")"]);
        state
    });
    let state = state_of(
        Corpus::from_files("long", &[("long.txt", body.as_bytes())]),
        (120, 35),
    );
    let (text, _) = render(&state);
    for l in text.lines() {
        assert!(dossier::text::width(l) <= 120);
    }
}

#[test]
fn too_small_message() {
    let state = sized(State::sample(), (35, 8));
    let (text, _) = render(&state);
    insta::assert_snapshot!("too_small_35x8", text);
}

#[test]
fn triage_layout() {
    let mut state = sized(State::sample(), (120, 35));
    press(&mut state, &["z", "1"]);
    let (text, _) = render(&state);
    insta::assert_snapshot!("triage_120x35", text);
}

#[test]
fn no_color_draws_without_colours() {
    let mut state = with_highlights((120, 35));
    state.settings.theme = dossier::theme::Theme::plain();
    let (_, buffer) = render(&state);
    for cell in buffer.content() {
        assert!(
            matches!(cell.fg, Color::Reset) && matches!(cell.bg, Color::Reset),
            "{cell:?}"
        );
    }
}

/// The first frame from the metadata cache: the list is there before any text, the status
/// bar counts the texts read, and the reader says the text is on its way.
#[test]
fn the_cached_list_while_texts_load() {
    let mut corpus = Corpus::sample();
    for doc in &mut corpus.documents {
        doc.text = Arc::from("");
        doc.loaded = false;
    }
    let mut state = state_of(corpus, (120, 35));
    update(&mut state, Action::LoadProgress { done: 1, total: 2 });
    let (text, _) = render(&state);
    assert!(text.contains("loading texts 1/2"), "{text}");
    insta::assert_snapshot!("cached_list_while_texts_load_120x35", text);
}

/// The sample with the configuration's key overrides.
fn with_keys(keys: dossier::keymap::Overrides) -> State {
    let corpus = Arc::new(Corpus::sample());
    let notebook = Notebook::new(&corpus.name);
    let settings = Settings {
        keys,
        ..Settings::default()
    };
    let mut state = State::new(corpus, notebook, settings, (120, 35)).unwrap();
    state.now = "2026-11-25T10:00:00Z".parse().unwrap();
    sized(state, (120, 35))
}

#[test]
fn undo_rebound_to_shift_u_is_the_key_the_status_bar_names() {
    let keys = dossier::keymap::Overrides::new()
        .bind("anywhere", "U", &["undo"])
        .bind("anywhere", "u", &["none"])
        .bind("anywhere", "H", &["help"]);
    let mut state = with_keys(keys);
    press(&mut state, &["1"]);
    let (text, _) = render(&state);
    let status_bar = text.lines().nth(34).unwrap();
    assert!(status_bar.contains("U to undo"), "{status_bar}");
    assert!(status_bar.contains("H help"), "{status_bar}");
    insta::assert_snapshot!("undo_rebound_120x35", text);
}

#[test]
fn the_triage_bar_shows_rebound_status_keys() {
    let keys = dossier::keymap::Overrides::new()
        .bind("anywhere", "r", &["status_1"])
        .bind("anywhere", "x", &["clear_status"])
        .bind("reader", "J", &["move_down"])
        .bind("reader", "K", &["move_up"]);
    let mut state = with_keys(keys);
    press(&mut state, &["z", "r"]);
    let (text, _) = render(&state);
    assert!(text.contains(" r  relevant"), "{text}");
    assert!(text.contains(" x  clear"), "{text}");
    assert!(text.contains(" J/K  document"), "{text}");
    insta::assert_snapshot!("triage_rebound_120x35", text);
}

fn briefing(size: (u16, u16)) -> State {
    let bytes = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/briefing.txt"
    ))
    .unwrap();
    let mut state = state_of(
        Corpus::from_files("briefing", &[("briefing.txt", &bytes)]),
        size,
    );
    press(&mut state, &["enter", ">", ">"]);
    state
}

#[test]
fn transcript_with_speaker_turns() {
    snapshot_all("turns", briefing);
}

#[test]
fn speaker_labels_are_bold_and_their_words_are_not() {
    let state = briefing((120, 35));
    let (text, buffer) = render(&state);
    let find = |needle: &str| -> (u16, u16) {
        for (y, line) in text.lines().enumerate() {
            if let Some(i) = line.find(needle) {
                let x = line[..i].chars().count();
                return (x as u16, y as u16);
            }
        }
        panic!("{needle} not on screen:\n{text}");
    };
    let bold = |(x, y): (u16, u16)| {
        buffer[(x, y)]
            .style()
            .add_modifier
            .contains(ratatui::style::Modifier::BOLD)
    };
    let (x, y) = find("THE PRESIDENT:");
    assert!(bold((x, y)) && bold((x + 13, y)), "the label and its colon");
    assert!(!bold((x + 15, y)), "the words after the label");
    let (x, y) = find("Q: And Ukraine?");
    assert!(bold((x, y)) && bold((x + 1, y)));
    assert!(!bold((x + 3, y)));
    let (x, y) = find("Washington");
    assert!(!bold((x, y)), "text before the first turn");
}

#[test]
fn reader_header_shows_a_dataset_row_s_extra_fields() {
    let csv = concat!(
        "id,speaker,party,seats,born,text\n",
        "a,Ann Smith,Labour,12,1950-03-14,\"We will build more schools and hospitals in every ",
        "town, and we will pay for them with a fair tax on the largest fortunes of the country. ",
        "That is our promise, and we will keep it in the first year of a new government.\"\n",
    );
    snapshot_all("extra_fields", |size| {
        let mut state = state_of(
            Corpus::from_files("speeches", &[("speeches.csv", csv.as_bytes())]),
            size,
        );
        press(&mut state, &["enter"]);
        state
    });
}
