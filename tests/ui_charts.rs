//! The charts view (SPEC §13): state scenarios (opening, switching, the cursor, `Enter`
//! narrowing the list to exactly the documents counted, recomputing on a new query) and
//! whole-screen snapshots of each chart at 120×35 and 80×24, without colour, and resized.

use dossier::action::{Action, Effect};
use dossier::keymap::{Context, Key};
use dossier::notebook::model::{Anchor, AnchorState, DocumentNotes, Highlight};
use dossier::notebook::{Notebook, Tag};
use dossier::state::charts::{Body, ChartKind, ChartsView};
use dossier::state::query::answer_inline;
use dossier::state::{Pane, Settings, State, update};
use dossier::store::{Corpus, DocDate};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::collections::BTreeSet;
use std::sync::Arc;

/// (file, date, kind, document tags, highlight tags)
type Doc = (
    &'static str,
    &'static str,
    &'static str,
    &'static [&'static str],
    &'static [&'static str],
);

const DOCS: &[Doc] = &[
    ("a.txt", "2017-05-02", "speech", &["cyber"], &[]),
    (
        "b.txt",
        "2018-01-10",
        "press",
        &["cyber", "hybrid"],
        &["hybrid"],
    ),
    ("c.txt", "2018-11-03", "speech", &["policy/defence"], &[]),
    (
        "d.txt",
        "2019",
        "speech",
        &["cyber"],
        &["cyber", "policy/energy"],
    ),
    ("e.txt", "2019-06-01", "press", &["hybrid"], &["cyber"]),
    ("f.txt", "", "press", &["cyber"], &[]),
    (
        "g.txt",
        "2020-02-02",
        "speech",
        &["policy/energy", "cyber"],
        &[],
    ),
    ("h.txt", "2020-09-09", "speech", &[], &[]),
];

fn corpus() -> Corpus {
    let texts: Vec<(String, String)> = DOCS
        .iter()
        .map(|(file, ..)| {
            let name = file.trim_end_matches(".txt").to_uppercase();
            (
                file.to_string(),
                format!("Statement {name} on security\n\nThe allies met today. They spoke.\n"),
            )
        })
        .collect();
    let files: Vec<(&str, &[u8])> = texts
        .iter()
        .map(|(p, t)| (p.as_str(), t.as_bytes()))
        .collect();
    let mut corpus = Corpus::from_files("charts", &files);
    for (doc, (_, date, kind, ..)) in corpus.documents.iter_mut().zip(DOCS) {
        doc.meta.date = date.parse::<DocDate>().ok();
        doc.meta.kind = Some(kind.to_string());
    }
    corpus
}

fn notebook(corpus: &Corpus) -> Notebook {
    let mut nb = Notebook::new(&corpus.name);
    nb.codebook = [
        "cyber",
        "hybrid",
        "policy/defence",
        "policy/energy",
        "unused",
    ]
    .iter()
    .map(|t| Tag::named(t))
    .collect();
    for (i, (doc, (_, _, _, tags, highlight))) in corpus.documents.iter().zip(DOCS).enumerate() {
        if tags.is_empty() && highlight.is_empty() {
            continue;
        }
        let mut notes = DocumentNotes::new(&doc.id, &doc.meta.title);
        notes.tags = tags.iter().map(|t| t.to_string()).collect();
        if !highlight.is_empty() {
            let start = doc.text.find("The allies").unwrap();
            notes.highlights.push(Highlight {
                id: format!("h{i}"),
                tags: highlight.iter().map(|t| t.to_string()).collect(),
                note: None,
                created: "2026-01-01T00:00:00Z".to_owned(),
                anchor: Anchor::of(&doc.text, start, start + 21).unwrap(),
                state: AnchorState::Ok,
                by: String::new(),
            });
        }
        nb.documents.insert(doc.path.clone(), notes);
    }
    nb
}

fn state_with(settings: Settings, size: (u16, u16)) -> State {
    let corpus = corpus();
    let nb = notebook(&corpus);
    let mut state = State::new(Arc::new(corpus), nb, settings, size).unwrap();
    state.now = "2026-11-25T10:00:00Z".parse().unwrap();
    state
}

fn state() -> State {
    state_with(Settings::default(), (120, 35))
}

/// Runs the query and chart effects as the event loop's workers would (here, at once)
/// and returns the other effects.
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

fn press(state: &mut State, key: &str) -> Vec<Effect> {
    let key = Key::parse(key).unwrap_or_else(|| panic!("bad key {key}"));
    let effects = update(state, Action::Key(key));
    settle(state, effects)
}

fn keys(state: &mut State, keys: &[&str]) {
    for k in keys {
        press(state, k);
    }
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

fn view(state: &State) -> &ChartsView {
    state.charts.as_ref().expect("the charts view is open")
}

fn body(state: &State) -> &Body {
    &view(state).shown().expect("the chart is computed").body
}

fn shown_paths(state: &State) -> BTreeSet<String> {
    state
        .list
        .shown
        .iter()
        .map(|&i| state.corpus.documents[i].path.clone())
        .collect()
}

fn paths(names: &[&str]) -> BTreeSet<String> {
    names.iter().map(|n| n.to_string()).collect()
}

#[test]
fn c_opens_the_tags_chart_computed_off_the_screen() {
    let mut s = state();
    let effects = update(&mut s, Action::Key(Key::char('S')));
    assert_eq!(s.context(), Context::Charts);
    let [Effect::ComputeChart(job)] = effects.as_slice() else {
        panic!("one chart job: {effects:?}");
    };
    assert_eq!(job.kind, ChartKind::Tags);
    assert_eq!(job.docs.len(), 8, "every shown document is counted");
    assert!(view(&s).shown().is_none(), "not computed yet");
    settle(&mut s, effects);
    let Body::Tags(rows) = body(&s) else {
        panic!("tags")
    };
    let cyber = rows.iter().find(|r| r.tag == "cyber").unwrap();
    // a b d e(highlight) f g
    assert_eq!((cyber.documents, cyber.highlights), (6, 2));
    let policy = rows.iter().find(|r| r.tag == "policy").unwrap();
    assert_eq!(policy.documents, 3, "policy/… rolls up: c d g");
}

#[test]
fn one_key_per_chart_and_tab_goes_round() {
    let mut s = state();
    keys(&mut s, &["S", "d"]);
    assert!(matches!(body(&s), Body::Timeline(_)));
    press(&mut s, "c");
    assert!(matches!(body(&s), Body::Cooccurrence(_)));
    press(&mut s, "m");
    assert!(matches!(body(&s), Body::Matrix(_)));
    press(&mut s, "tab");
    assert_eq!(view(&s).kind, ChartKind::Tags);
    press(&mut s, "tab");
    assert_eq!(view(&s).kind, ChartKind::Timeline);
    press(&mut s, "esc");
    assert!(s.charts.is_none());
    assert_eq!(s.context(), Context::Documents);
    press(&mut s, "S");
    assert_eq!(view(&s).kind, ChartKind::Timeline, "it opens where it was");
}

#[test]
fn keys_of_the_document_behind_do_nothing_in_the_view() {
    let mut s = state();
    keys(&mut s, &["S", "1", "u", "z", "E", "space"]);
    assert_eq!(s.context(), Context::Charts);
    assert!(s.notebook.documents.values().all(|n| n.status.is_none()));
    assert!(!s.triage);
    assert!(s.prompt.is_none());
}

#[test]
fn the_cursor_moves_over_bars_and_cells_and_stays_inside() {
    let mut s = state();
    keys(&mut s, &["S", "j", "j"]);
    assert_eq!(view(&s).cursor, (0, 2));
    keys(&mut s, &["G"]);
    let Body::Tags(rows) = body(&s) else { panic!() };
    assert_eq!(view(&s).cursor.1, rows.len() - 1);
    keys(&mut s, &["j", "l", "g"]);
    assert_eq!(view(&s).cursor, (0, 0), "one column of bars");
    keys(&mut s, &["d", "l", "l", "right", "j"]);
    assert_eq!(view(&s).cursor, (3, 1));
    keys(&mut s, &["h", "left"]);
    assert_eq!(view(&s).cursor, (1, 1));
    for _ in 0..20 {
        press(&mut s, "l");
    }
    let Body::Timeline(t) = body(&s) else {
        panic!()
    };
    assert_eq!(view(&s).cursor.0, t.periods.len() - 1);
    assert_eq!(t.periods.last().map(String::as_str), Some("undated"));
}

#[test]
fn enter_on_a_bar_narrows_the_list_to_its_documents_and_esc_clears() {
    let mut s = state();
    press(&mut s, "S");
    let Body::Tags(rows) = body(&s) else { panic!() };
    let at = rows.iter().position(|r| r.tag == "hybrid").unwrap();
    for _ in 0..at {
        press(&mut s, "j");
    }
    press(&mut s, "enter");
    assert!(s.charts.is_none());
    assert_eq!(s.focus, Pane::Documents);
    assert_eq!(shown_paths(&s), paths(&["b.txt", "e.txt"]));
    let narrowed = s.list.narrowed.as_ref().expect("a visible filter");
    assert_eq!(narrowed.label, "tag hybrid");
    assert!(
        s.message
            .as_deref()
            .unwrap()
            .contains("narrowed to 2 documents")
    );
    press(&mut s, "esc");
    assert!(s.list.narrowed.is_none());
    assert_eq!(s.list.shown.len(), 8);
}

#[test]
fn a_year_counts_its_year_only_dates_and_narrows_to_them() {
    let mut s = state();
    keys(&mut s, &["S", "d"]);
    let Body::Timeline(t) = body(&s) else {
        panic!()
    };
    assert_eq!(t.periods, ["2017", "2018", "2019", "2020", "undated"]);
    assert_eq!(t.name(0), "all");
    assert_eq!(t.name(1), "tag:cyber", "the tag on most documents");
    assert_eq!(t.values[0][2], (2, 0), "d (2019 alone) and e (2019-06-01)");
    keys(&mut s, &["l", "l", "enter"]);
    assert_eq!(shown_paths(&s), paths(&["d.txt", "e.txt"]));
    assert_eq!(s.list.narrowed.as_ref().unwrap().label, "all in 2019");
}

#[test]
fn every_bar_and_cell_narrows_to_exactly_the_documents_it_counted() {
    for kind in ["t", "d", "c", "m"] {
        let mut s = state();
        keys(&mut s, &["S", kind]);
        let (w, h) = view(&s).extent();
        assert!(w > 0 && h > 0, "{kind}: an empty chart");
        for y in 0..h {
            for x in 0..w {
                let mut t = state();
                keys(&mut t, &["S", kind]);
                for _ in 0..y {
                    press(&mut t, "j");
                }
                for _ in 0..x {
                    press(&mut t, "l");
                }
                let counted = match body(&t) {
                    Body::Tags(rows) => Some(rows[y].documents),
                    Body::Timeline(tl) => Some(tl.values[y][x].0),
                    Body::Cooccurrence(g) => Some(g.count(y, x)),
                    // The matrix counts codings: the documents are those with one.
                    Body::Matrix(_) => None,
                };
                let codings = match body(&t) {
                    Body::Matrix(g) => g.count(y, x),
                    _ => 0,
                };
                press(&mut t, "enter");
                let shown = t.list.shown.len();
                match counted {
                    Some(n) => assert_eq!(shown, n, "{kind} at ({x}, {y})"),
                    None => assert_eq!(shown == 0, codings == 0, "matrix at ({x}, {y})"),
                }
            }
        }
    }
}

#[test]
fn a_cooccurrence_cell_and_a_matrix_cell_narrow_to_their_documents() {
    let mut s = state();
    keys(&mut s, &["S", "c"]);
    let Body::Cooccurrence(g) = body(&s) else {
        panic!()
    };
    assert_eq!(
        g.rows,
        ["cyber", "hybrid", "policy/defence", "policy/energy"]
    );
    keys(&mut s, &["j", "enter"]);
    assert_eq!(
        shown_paths(&s),
        paths(&["b.txt", "e.txt"]),
        "cyber with hybrid"
    );
    let mut s = state();
    keys(&mut s, &["S", "m"]);
    let Body::Matrix(g) = body(&s) else { panic!() };
    assert_eq!(g.columns, ["(none)", "2017", "2018", "2019", "2020"]);
    // cyber in 2019: d (tag and highlight) and e (highlight).
    assert_eq!(g.count(0, 3), 3);
    keys(&mut s, &["l", "l", "l", "enter"]);
    assert_eq!(shown_paths(&s), paths(&["d.txt", "e.txt"]));
    let mut s = state();
    keys(&mut s, &["S", "m", "b"]);
    assert_eq!(view(&s).group, dossier::stats::Group::Kind);
    let Body::Matrix(g) = body(&s) else { panic!() };
    assert_eq!(g.columns, ["press", "speech"]);
}

#[test]
fn a_new_query_recomputes_the_chart_over_its_documents() {
    let mut s = state();
    press(&mut s, "S");
    let generation = view(&s).generation;
    press(&mut s, "/");
    assert_eq!(s.context(), Context::Prompt);
    type_text(&mut s, "kind:speech");
    press(&mut s, "enter");
    assert_eq!(s.context(), Context::Charts, "back in the charts");
    assert!(view(&s).generation > generation);
    let data = view(&s).shown().unwrap();
    assert_eq!(data.docs.len(), 5, "a c d g h");
    let Body::Tags(rows) = &data.body else {
        panic!()
    };
    assert_eq!(
        rows.iter().find(|r| r.tag == "hybrid").unwrap().documents,
        0
    );
    assert_eq!(rows.iter().find(|r| r.tag == "cyber").unwrap().documents, 3);
}

#[test]
fn an_older_chart_arriving_late_is_dropped() {
    let mut s = state();
    let first = update(&mut s, Action::Key(Key::char('S')));
    let second = update(&mut s, Action::Key(Key::char('d')));
    let answer = |s: &State, e: &[Effect]| answer_inline(s, &e[0]).unwrap();
    let (late, newest) = (answer(&s, &first), answer(&s, &second));
    update(&mut s, late);
    assert!(
        view(&s).shown().is_none(),
        "the tags chart is not the one asked for"
    );
    update(&mut s, newest);
    assert!(matches!(body(&s), Body::Timeline(_)));
}

#[test]
fn the_help_shows_the_chart_keys_from_the_keymap() {
    let mut s = state();
    keys(&mut s, &["S", "?"]);
    assert!(s.help);
    let (text, _) = render(&s);
    for line in ["co-occurrence", "narrow the documents", "cursor right"] {
        assert!(text.contains(line), "{line} in {text}");
    }
    assert!(!text.contains("triage layout"), "{text}");
}

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

fn resize(state: &mut State, (width, height): (u16, u16)) {
    update(state, Action::Resize { width, height });
}

#[test]
fn each_chart_at_120x35_and_80x24() {
    for (key, name) in [
        ("t", "tags"),
        ("d", "timeline"),
        ("c", "cooccurrence"),
        ("m", "matrix"),
    ] {
        for size in [(120, 35), (80, 24)] {
            let mut s = state();
            resize(&mut s, size);
            keys(&mut s, &["S", key, "j", "l"]);
            let (text, _) = render(&s);
            insta::assert_snapshot!(format!("charts_{name}_{}x{}", size.0, size.1), text);
        }
    }
}

#[test]
fn without_colour_the_heat_map_reads_by_numbers_and_shades() {
    let settings = Settings::from_config(&dossier::config::Config::default(), false).unwrap();
    let mut s = state_with(settings, (80, 24));
    keys(&mut s, &["S", "c", "j"]);
    let (text, buffer) = render(&s);
    insta::assert_snapshot!("charts_cooccurrence_no_color_80x24", text);
    for cell in buffer.content() {
        assert_eq!(cell.fg, ratatui::style::Color::Reset, "{cell:?}");
        assert_eq!(cell.bg, ratatui::style::Color::Reset, "{cell:?}");
    }
    assert!(
        text.contains('▶') && text.contains('▼'),
        "the cursor is marked"
    );
    let mut s = state_with(
        Settings::from_config(&dossier::config::Config::default(), false).unwrap(),
        (80, 24),
    );
    keys(&mut s, &["S", "d"]);
    let (_, buffer) = render(&s);
    assert!(
        buffer
            .content()
            .iter()
            .all(|c| c.fg == ratatui::style::Color::Reset),
        "no colour in the timeline"
    );
}

#[test]
fn resizing_redraws_every_chart_legibly_and_never_panics() {
    let sizes = [
        (120, 35),
        (60, 15),
        (41, 11),
        (40, 10),
        (39, 9),
        (12, 3),
        (1, 1),
        (200, 60),
        (80, 24),
    ];
    for key in ["t", "d", "c", "m"] {
        let mut s = state();
        keys(&mut s, &["S", key, "j", "l"]);
        let cursor = view(&s).cursor;
        for size in sizes {
            resize(&mut s, size);
            let (text, _) = render(&s);
            if size.0 >= 40 && size.1 >= 10 {
                assert!(text.contains("Charts"), "{key} at {size:?}:\n{text}");
            } else {
                // Too small: the short message, as far as it fits.
                assert!(!text.contains("Charts"), "{key} at {size:?}:\n{text}");
            }
        }
        assert_eq!(view(&s).cursor, cursor, "the cursor survives resizing");
        let (text, _) = render(&s);
        insta::assert_snapshot!(format!("charts_{key}_resized_back_80x24"), text);
    }
}
