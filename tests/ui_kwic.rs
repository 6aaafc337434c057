//! The KWIC view (SPEC §13) as state scenarios and whole-screen snapshots: `K` on a phrase
//! query gathers the hits, `l`/`r`/`s` sort them, `Space` marks, `t` tags the marked hits
//! as one undo step, `Enter` opens a hit in the reader.

use dossier::action::{Action, Effect};
use dossier::keymap::{Context, Key};
use dossier::kwic::{self, Order};
use dossier::notebook::Notebook;
use dossier::state::query::answer_inline;
use dossier::state::{Pane, Settings, State, update};
use dossier::store::Corpus;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::sync::Arc;

fn press(state: &mut State, key: &str) -> Vec<Effect> {
    let key = Key::parse(key).unwrap_or_else(|| panic!("bad key {key}"));
    let effects = update(state, Action::Key(key));
    settle(state, effects)
}

/// Runs the worker's effects (queries, gathering) at once; returns the others.
fn settle(state: &mut State, effects: Vec<Effect>) -> Vec<Effect> {
    let mut out = Vec::new();
    for effect in effects {
        match answer_inline(state, &effect) {
            Some(answer) => {
                let more = update(state, answer);
                out.extend(settle(state, more));
            }
            None => out.push(effect),
        }
    }
    out
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

fn query(state: &mut State, text: &str) {
    if !state.list.query.is_empty() {
        // Esc in the list clears the query, so the prompt opens empty.
        press(state, "esc");
    }
    press(state, "/");
    type_text(state, text);
    press(state, "enter");
}

/// The sample corpus with the KWIC view of "hybrid threats" open.
fn hybrid(size: (u16, u16)) -> State {
    let mut state = State::sample();
    update(
        &mut state,
        Action::Resize {
            width: size.0,
            height: size.1,
        },
    );
    query(&mut state, "\"hybrid threats\"");
    press(&mut state, "K");
    state
}

fn view(state: &State) -> &dossier::state::kwic::KwicView {
    state.kwic.view.as_ref().expect("a KWIC view")
}

#[test]
fn k_without_a_phrase_says_a_phrase_query_is_needed_and_names_the_key() {
    let mut state = State::sample();
    let effects = press(&mut state, "K");
    assert!(effects.is_empty(), "{effects:?}");
    assert!(!state.kwic_open());
    let message = state.message.clone().unwrap_or_default();
    assert!(message.contains("needs a phrase query"), "{message}");
    assert!(message.contains("/ then"), "{message}");
    query(&mut state, "hybrid");
    press(&mut state, "K");
    assert!(!state.kwic_open(), "a fuzzy word is not a phrase");
}

#[test]
fn k_gathers_every_hit_of_the_phrases_over_the_shown_documents() {
    let mut state = State::sample();
    query(&mut state, "\"hybrid threats\"");
    let effects = update(&mut state, Action::Key(Key::char('K')));
    // Gathering goes to the worker; the view says so until the hits come.
    assert!(
        matches!(effects.as_slice(), [Effect::GatherKwic(_)]),
        "{effects:?}"
    );
    assert!(state.kwic_open());
    assert_eq!(state.context(), Context::Kwic);
    assert!(view(&state).pending.is_some());
    settle(&mut state, effects);
    let v = view(&state);
    assert_eq!(v.pending, None);
    let expected = kwic::hits(&state.corpus, &state.list.shown, &state.list.parsed);
    assert!(expected.len() >= 5, "{expected:?}");
    assert_eq!(v.hits.len(), expected.len());
    assert_eq!(v.order, Order::Document);
    for h in &v.hits {
        let text = &state.corpus.documents[h.doc].text;
        assert_eq!(text[h.range.clone()].to_lowercase(), "hybrid threats");
    }
}

#[test]
fn a_stale_gathering_is_dropped() {
    let mut state = State::sample();
    query(&mut state, "\"hybrid threats\"");
    let old = update(&mut state, Action::Key(Key::char('K')));
    press(&mut state, "esc");
    query(&mut state, "\"allies\"");
    let new = update(&mut state, Action::Key(Key::char('K')));
    // The older answer arrives last: it is not shown.
    settle(&mut state, new);
    let n = view(&state).hits.len();
    settle(&mut state, old);
    assert_eq!(view(&state).hits.len(), n);
    assert!(view(&state).phrases.contains("allies"));
}

#[test]
fn l_r_and_s_sort_the_hits_keeping_the_cursor_on_its_hit() {
    let mut state = hybrid((120, 35));
    keys(&mut state, &["j", "j"]);
    let here = view(&state).current().cloned().unwrap();
    press(&mut state, "l");
    let v = view(&state);
    assert_eq!(v.order, Order::Left);
    let mut expected = v.hits.clone();
    kwic::sort(&mut expected, &state.corpus, Order::Left);
    assert_eq!(v.hits, expected);
    assert_eq!(v.current(), Some(&here));
    assert!(state.message.as_deref().unwrap().contains("left"));
    press(&mut state, "r");
    assert_eq!(view(&state).order, Order::Right);
    let mut expected = view(&state).hits.clone();
    kwic::sort(&mut expected, &state.corpus, Order::Right);
    assert_eq!(view(&state).hits, expected);
    press(&mut state, "s");
    assert_eq!(view(&state).order, Order::Date);
    press(&mut state, "s");
    assert_eq!(view(&state).order, Order::Document);
    press(&mut state, "s");
    assert_eq!(view(&state).order, Order::Left);
}

#[test]
fn space_marks_hits_and_marks_survive_a_sort() {
    let mut state = hybrid((120, 35));
    keys(&mut state, &["space", "space"]);
    let v = view(&state);
    assert_eq!(v.marks.len(), 2);
    assert_eq!(v.selected, 2);
    assert!(v.is_marked(&v.hits[0]) && v.is_marked(&v.hits[1]));
    let marked: Vec<_> = v.hits[..2].to_vec();
    press(&mut state, "r");
    let v = view(&state);
    assert!(marked.iter().all(|h| v.is_marked(h)));
    // Space on a marked hit unmarks it.
    press(&mut state, "g");
    let first_marked = view(&state).is_marked(&view(&state).hits[0]);
    press(&mut state, "space");
    assert_eq!(view(&state).marks.len(), if first_marked { 1 } else { 3 });
}

#[test]
fn t_tags_two_marked_hits_as_one_undo_step_and_u_undoes_it() {
    let mut state = hybrid((120, 35));
    keys(&mut state, &["j", "space", "space"]);
    let marked: Vec<_> = view(&state).hits[1..3].to_vec();
    let steps = state.history.undo_len();
    press(&mut state, "t");
    let prompt = state.prompt.as_ref().expect("the tag prompt");
    assert_eq!(prompt.kind, dossier::action::PromptKind::Tag);
    type_text(&mut state, "hybrid");
    let effects = press(&mut state, "enter");
    assert!(effects.contains(&Effect::SaveNotebook), "{effects:?}");
    assert!(state.prompt.is_none());
    assert!(state.kwic_open(), "tagging stays in the view");
    assert_eq!(state.history.undo_len(), steps + 1, "one undo step");
    assert!(view(&state).marks.is_empty(), "the marks are spent");
    assert!(
        state
            .message
            .as_deref()
            .unwrap()
            .contains("tagged 2 hits +hybrid")
    );
    let highlights: Vec<_> = marked
        .iter()
        .map(|h| {
            let path = &state.corpus.documents[h.doc].path;
            state
                .notebook
                .doc(path)
                .and_then(|n| {
                    n.highlights
                        .iter()
                        .find(|x| x.anchor.start == h.range.start && x.anchor.end == h.range.end)
                })
                .map(|x| x.tags.clone())
        })
        .collect();
    assert_eq!(
        highlights,
        vec![
            Some(vec!["hybrid".to_owned()]),
            Some(vec!["hybrid".to_owned()])
        ]
    );
    assert!(
        state.notebook.tag("hybrid").is_some(),
        "the codebook has the new tag"
    );
    press(&mut state, "u");
    let left: usize = state
        .notebook
        .documents
        .values()
        .map(|n| n.highlights.len())
        .sum();
    assert_eq!(left, 0, "undo takes both highlights back");
    assert!(state.notebook.tag("hybrid").is_none());
    press(&mut state, "ctrl-r");
    let back: usize = state
        .notebook
        .documents
        .values()
        .map(|n| n.highlights.len())
        .sum();
    assert_eq!(back, 2);
}

#[test]
fn t_without_marks_tags_the_hit_under_the_cursor_and_capital_t_its_sentence() {
    let mut state = hybrid((120, 35));
    let hit = view(&state).current().cloned().unwrap();
    press(&mut state, "t");
    type_text(&mut state, "one");
    press(&mut state, "enter");
    press(&mut state, "T");
    type_text(&mut state, "sentence");
    press(&mut state, "enter");
    let doc = &state.corpus.documents[hit.doc];
    let highlights = &state.notebook.doc(&doc.path).unwrap().highlights;
    assert_eq!(highlights.len(), 2, "{highlights:?}");
    let sentence = highlights.iter().find(|h| h.tags == ["sentence"]).unwrap();
    assert!(sentence.anchor.start <= hit.range.start && sentence.anchor.end >= hit.range.end);
    assert!(sentence.anchor.end - sentence.anchor.start > hit.range.len());
}

#[test]
fn removing_tags_from_hits_is_refused_with_the_prompt_kept() {
    let mut state = hybrid((120, 35));
    press(&mut state, "t");
    type_text(&mut state, "-x");
    press(&mut state, "enter");
    let prompt = state.prompt.as_ref().expect("still open");
    assert!(prompt.error.as_deref().unwrap().contains("-tag"));
}

#[test]
fn enter_opens_the_hit_in_the_reader_and_k_comes_back_to_the_view() {
    let mut state = hybrid((120, 35));
    press(&mut state, "G");
    let hit = view(&state).current().cloned().unwrap();
    press(&mut state, "enter");
    assert!(!state.kwic_open());
    assert_eq!(state.focus, Pane::Reader);
    assert_eq!(state.reader.doc, Some(hit.doc));
    let sentence = state.reader.cursor_range().unwrap();
    assert!(sentence.start <= hit.range.start && hit.range.start < sentence.end);
    assert!(
        state
            .message
            .as_deref()
            .unwrap()
            .contains("K back to the hits")
    );
    // The same query and documents: the view comes back as it was, with no new gathering.
    let effects = press(&mut state, "K");
    assert!(effects.is_empty(), "{effects:?}");
    assert!(state.kwic_open());
    assert_eq!(view(&state).current(), Some(&hit));
    press(&mut state, "esc");
    assert!(!state.kwic_open());
}

#[test]
fn the_help_lists_the_views_keys_from_the_keymap() {
    let state = hybrid((120, 35));
    let bindings: Vec<String> = state
        .keymap
        .bindings(Context::Kwic)
        .map(|b| format!("{} {}", b.keys[0], b.help()))
        .collect();
    for wanted in [
        "l sort the hits by the words left",
        "r sort the hits by the words right",
        "t tag the marked hits",
        "Enter open the hit",
    ] {
        assert!(
            bindings.iter().any(|b| b.starts_with(wanted)),
            "{wanted}: {bindings:?}"
        );
    }
}

fn render(state: &State) -> String {
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
    text
}

#[test]
fn snapshots_of_the_sample_at_120x35_and_80x24() {
    for size in [(120, 35), (80, 24)] {
        let mut state = hybrid(size);
        keys(&mut state, &["space", "j", "l"]);
        insta::assert_snapshot!(format!("kwic_sample_{}x{}", size.0, size.1), render(&state));
    }
}

/// A Thai press release (the fixture, zero-width spaces and all), a Japanese text and an
/// English one, all naming the Thai ministry of defence.
fn wide(size: (u16, u16)) -> State {
    let thai = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/thai.txt"
    ))
    .unwrap();
    let cjk =
        "防衛協力\n\n日本と กระทรวงกลาโหม の協力。防衛省は กระทรวงกลาโหม と会談した。\n".as_bytes();
    let english =
        "Defence talks\n\nMR. SMITH:  The delegation met กระทรวงกลาโหม officials.\n".as_bytes();
    let corpus = Corpus::from_files(
        "wide",
        &[
            ("thai.txt", &thai),
            ("cjk.txt", cjk),
            ("english.txt", english),
        ],
    );
    let corpus = Arc::new(corpus);
    let notebook = Notebook::new(&corpus.name);
    let mut state = State::new(corpus, notebook, Settings::default(), size).unwrap();
    state.now = "2026-11-25T10:00:00Z".parse().unwrap();
    query(&mut state, "\"กระทรวงกลาโหม\"");
    press(&mut state, "K");
    state
}

/// The display columns where `needle` starts in `line`.
fn columns_of(line: &str, needle: &str) -> Vec<usize> {
    use unicode_width::UnicodeWidthStr;
    line.match_indices(needle)
        .map(|(i, _)| line[..i].width())
        .collect()
}

#[test]
fn thai_and_cjk_hits_align_by_display_width() {
    for size in [(120, 35), (80, 24)] {
        let state = wide(size);
        assert_eq!(view(&state).hits.len(), 6, "{:?}", view(&state).hits);
        let screen = render(&state);
        // The rows of hits: below the title, above the strips.
        let rows: Vec<&str> = screen
            .lines()
            .skip(1)
            .take_while(|l| !l.starts_with('┗'))
            .filter(|l| l.contains("กระทรวงกลาโหม"))
            .collect();
        assert_eq!(rows.len(), 6, "{screen}");
        // Every row has the phrase at one column (some have it in their context too).
        let columns: Vec<Vec<usize>> = rows
            .iter()
            .map(|l| columns_of(l, " กระทรวงกลาโหม"))
            .collect();
        let aligned = columns[0]
            .iter()
            .any(|c| columns.iter().all(|cs| cs.contains(c)));
        assert!(aligned, "{columns:?}\n{screen}");
        let speaker = view(&state)
            .hits
            .iter()
            .filter_map(|h| h.speaker.clone())
            .collect::<Vec<_>>();
        assert_eq!(speaker, ["MR. SMITH"]);
        insta::assert_snapshot!(format!("kwic_wide_{}x{}", size.0, size.1), screen);
    }
}

#[test]
fn k_before_the_query_is_answered_follows_the_list_when_it_is() {
    let mut state = State::sample();
    let query_effects = state.set_query("\"hybrid threats\"").unwrap();
    press(&mut state, "K");
    assert_eq!(view(&state).docs.len(), 2, "the list as it was");
    let more = settle(&mut state, query_effects);
    assert!(more.is_empty(), "{more:?}");
    let v = view(&state);
    assert_eq!(v.docs, state.list.shown);
    assert_eq!(v.docs.len(), 1);
    assert_eq!(v.pending, None);
    assert_eq!(v.hits.len(), 5);
}

#[test]
fn the_help_overlay_in_the_view_shows_its_keys() {
    let mut state = hybrid((120, 35));
    press(&mut state, "?");
    let screen = render(&state);
    for wanted in [
        "kwic:",
        "sort the hits by the words left of them",
        "tag the marked hits",
        "mark / unmark the hit",
        "open the hit in the reader",
    ] {
        assert!(screen.contains(wanted), "{wanted}:\n{screen}");
    }
    insta::assert_snapshot!("kwic_help_120x35", screen);
}
