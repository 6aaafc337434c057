//! The `triaged N/M` count is kept by `update` as the notebook changes (the status bar
//! draws it on every frame): after any sequence of actions, undo and redo included, the
//! kept count equals a count over every notebook entry.

use dossier::action::Action;
use dossier::keymap::Key;
use dossier::notebook::{DocumentNotes, Notebook};
use dossier::state::load::LoadedCorpus;
use dossier::state::triaged::recount;
use dossier::state::{Settings, State, update};
use dossier::store::Corpus;
use proptest::prelude::*;
use std::sync::Arc;

/// `n` small documents, `0000.txt`….
fn corpus(n: usize) -> Corpus {
    let files: Vec<(String, Vec<u8>)> = (0..n)
        .map(|i| {
            let text = format!("Statement {i}\n\nBrussels, 1 March 2019\n\nOne. Two. Three.\n");
            (format!("{i:04}.txt"), text.into_bytes())
        })
        .collect();
    let refs: Vec<(&str, &[u8])> = files
        .iter()
        .map(|(p, b)| (p.as_str(), b.as_slice()))
        .collect();
    Corpus::from_files("count", &refs)
}

/// A state on `n` documents whose notebook already has statuses: on every third document,
/// and on a document that is not in the corpus (which the count leaves out).
fn state(n: usize) -> State {
    let corpus = Arc::new(corpus(n));
    let mut notebook = Notebook::new("count");
    for doc in corpus.documents.iter().step_by(3) {
        let mut entry = DocumentNotes::new(&doc.id, &doc.meta.title);
        entry.status = Some("maybe".into());
        notebook.documents.insert(doc.path.clone(), entry);
    }
    let mut gone = DocumentNotes::new("gone", "Gone");
    gone.status = Some("relevant".into());
    notebook.documents.insert("gone.txt".into(), gone);
    let mut state = State::new(corpus, notebook, Settings::default(), (120, 35)).unwrap();
    state.now = "2026-12-03T10:00:00Z".parse().unwrap();
    state
}

fn press(state: &mut State, key: &str) {
    let key = Key::parse(key).unwrap_or_else(|| panic!("bad key {key}"));
    if let Some(action) = state.action_for_key(key) {
        update(state, action);
    }
}

/// The kept count is the notebook's and equals a count over every entry.
fn assert_kept(state: &State, after: &str) {
    let counted = recount(&state.corpus, &state.notebook);
    assert_eq!(
        state.triage_count.kept(&state.corpus, &state.notebook),
        Some(counted),
        "after {after}: the kept count is of this notebook and right"
    );
    assert_eq!(state.triaged(), (counted, state.corpus.documents.len()));
}

#[test]
fn the_first_count_leaves_out_documents_not_in_the_corpus() {
    let state = state(9);
    assert_kept(&state, "opening");
    assert_eq!(state.triaged(), (3, 9));
}

#[test]
fn statuses_bulk_marks_tags_notes_undo_and_redo_keep_the_count() {
    let mut state = state(12);
    let steps: &[&[&str]] = &[
        &["1"],
        &["j", "2"],
        &["j", "j", "0"],
        &["0"],
        &["space", "j", "space", "j", "space", "3"],
        &["u"],
        &["ctrl-r"],
        &["ctrl-a", "1"],
        &["u"],
        &["u"],
        &["ctrl-r"],
        &["t", "x", "enter"],
        &["u"],
        &["a", "a", "space", "n", "o", "t", "e", "esc"],
        &["G", "0"],
        &["u"],
        &["ctrl-r"],
        &["ctrl-r"],
        &["ctrl-a", "0"],
        &["u"],
    ];
    let mut seen = std::collections::BTreeSet::new();
    for keys in steps {
        for key in *keys {
            press(&mut state, key);
        }
        assert_kept(&state, &keys.join(" "));
        seen.insert(state.triaged().0);
    }
    assert!(seen.len() >= 4, "the count moved: {seen:?}");
}

#[test]
fn a_notebook_changed_behind_updates_back_is_counted_afresh() {
    let mut state = state(6);
    let path = state.corpus.documents[1].path.clone();
    let mut entry = DocumentNotes::new("x", "X");
    entry.status = Some("relevant".into());
    state.notebook.documents.insert(path, entry);
    assert_eq!(
        state.triage_count.kept(&state.corpus, &state.notebook),
        None,
        "not trusted"
    );
    assert_eq!(state.triaged(), (3, 6), "counted afresh");
    press(&mut state, "1");
    assert_kept(&state, "the next change");
}

#[test]
fn the_loaded_corpus_is_counted_afresh() {
    let mut state = state(6);
    press(&mut state, "j");
    press(&mut state, "1");
    update(
        &mut state,
        Action::Loaded(LoadedCorpus(Arc::new(corpus(9)))),
    );
    assert_kept(&state, "the corpus was replaced");
    assert_eq!(state.triaged().1, 9);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn any_keys_keep_the_count(keys in prop::collection::vec(
        prop::sample::select(vec![
            "1", "2", "3", "0", "j", "k", "G", "g", "space", "ctrl-a", "u", "ctrl-r", "esc",
        ]),
        1..60,
    )) {
        let mut state = state(10);
        for (i, key) in keys.iter().enumerate() {
            press(&mut state, key);
            assert_kept(&state, &format!("key {i} of {keys:?}"));
        }
    }
}
