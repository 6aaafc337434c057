//! The query prompt's two answers: a ranked query first gets the top of its ranking (every
//! hit found, only the top scored), then the complete ranking. What the screen shows from
//! the first answer must be what the complete one shows.

use dossier::action::{Action, Effect};
use dossier::keymap::Key;
use dossier::notebook::Notebook;
use dossier::state::query::{QueryJob, evaluate, evaluate_first};
use dossier::state::{Settings, State, update};
use std::sync::Arc;
use std::sync::atomic::AtomicBool;

/// 600 generated documents at 120×35, the query prompt open.
fn state() -> State {
    let options = dossier::synth::Options {
        documents: 600,
        seed: 3,
        mean_bytes: 300,
    };
    let corpus = Arc::new(dossier::synth::corpus(&options));
    let notebook = Notebook::new(&corpus.name);
    let mut state = State::new(corpus, notebook, Settings::default(), (120, 35)).unwrap();
    let slash = state.action_for_key(Key::parse("/").unwrap()).unwrap();
    update(&mut state, slash);
    state
}

fn job(effects: &[Effect]) -> QueryJob {
    match effects {
        [Effect::EvaluateQuery(job)] => job.clone(),
        other => panic!("expected one query job: {other:?}"),
    }
}

/// Keystroke by keystroke: the first answer shows the same count and the same ranked rows
/// as the complete answer, then the complete answer lands; the next keystroke narrows among
/// the first answer's hits.
#[test]
fn the_first_answer_shows_what_the_complete_ranking_shows() {
    let mut state = state();
    let never = AtomicBool::new(false);
    for c in "maritime sec".chars() {
        let effects = update(&mut state, Action::Input(Key::char(c)));
        if effects.is_empty() {
            // A space after a word asks for nothing new.
            continue;
        }
        let job = job(&effects);
        let (corpus, fields, notebook) = (&state.corpus, &state.fields, &state.notebook);
        let first = evaluate_first(corpus, fields, notebook, &job, &never).unwrap();
        let complete = evaluate(corpus, fields, notebook, &job, &never).unwrap();
        let Some(first) = first else {
            panic!("{c:?}: a ranked query has a first answer");
        };
        let ranked = first.first.unwrap();
        update(&mut state, Action::QueryDone(first));
        assert_eq!(state.list.pending, None, "the first answer ends the wait");
        let shown_first = state.list.shown.clone();
        let selected_first = state.list.selected_index();
        update(&mut state, Action::QueryDone(complete));
        let shown = &state.list.shown;
        assert_eq!(shown_first.len(), shown.len(), "{c:?}: the count is exact");
        assert!(ranked >= 200.min(shown.len()), "{c:?}: {ranked} ranked");
        assert_eq!(shown_first[..ranked], shown[..ranked], "{c:?}");
        assert_eq!(selected_first, state.list.selected_index(), "{c:?}");
        let mut a = shown_first.clone();
        let mut b = shown.clone();
        a.sort_unstable();
        b.sort_unstable();
        assert_eq!(a, b, "{c:?}: the same documents");
    }
}

/// A complete answer whose query was overtaken by a newer keystroke is dropped, even after
/// its first answer landed.
#[test]
fn the_complete_answer_of_an_older_keystroke_is_dropped() {
    let mut state = state();
    let never = AtomicBool::new(false);
    let old = job(&update(&mut state, Action::Input(Key::char('m'))));
    let (corpus, fields, notebook) = (&state.corpus, &state.fields, &state.notebook);
    let first = evaluate_first(corpus, fields, notebook, &old, &never)
        .unwrap()
        .unwrap();
    let stale = evaluate(corpus, fields, notebook, &old, &never).unwrap();
    update(&mut state, Action::QueryDone(first));
    let new = job(&update(&mut state, Action::Input(Key::char('a'))));
    assert!(new.among.is_some(), "the next keystroke narrows");
    let mut stale = stale;
    stale.hits.clear();
    update(&mut state, Action::QueryDone(stale));
    assert!(
        !state.list.shown.is_empty(),
        "the older answer does not land"
    );
    assert_eq!(state.list.pending, Some(new.generation));
}
