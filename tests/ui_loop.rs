//! The whole loop's outcomes as actions: a key, the notebook written or not, the texts
//! loaded or not, `$EDITOR` closed, an export written. A test runner stands in for the
//! disk, the threads and the editor; every effect of every `update` reaches it.

use dossier::action::{Action, Effect, Opening, Written};
use dossier::app::queue::{Queue, Runner};
use dossier::keymap::Key;
use dossier::state::query::answer_inline;
use dossier::state::{SaveState, State};

/// Answers queries at once, and saves, edits and exports as told; remembers every effect.
/// With `hold_saves`, a save stays under way (as on the writer thread) until the test
/// answers it.
#[derive(Default)]
struct TestRunner {
    save_fails: Option<String>,
    hold_saves: bool,
    /// The generations of the saves held, oldest first.
    held: Vec<u64>,
    editor_gives: Option<Result<String, String>>,
    ran: Vec<Effect>,
}

impl Runner for TestRunner {
    fn run(&mut self, state: &State, effect: Effect) -> Option<Action> {
        self.ran.push(effect.clone());
        if let Some(answer) = answer_inline(state, &effect) {
            return Some(answer);
        }
        match effect {
            Effect::SaveNotebook if self.hold_saves => {
                self.held.push(state.save_generation);
                None
            }
            Effect::SaveNotebook => Some(Action::NotebookWritten(Written {
                generation: state.save_generation,
                result: match &self.save_fails {
                    Some(e) => Err(e.clone()),
                    None => Ok(()),
                },
            })),
            Effect::EditExternally(_) => Some(Action::EditedExternally(
                self.editor_gives.clone().unwrap_or(Ok(String::new())),
            )),
            Effect::WriteExport {
                path, documents, ..
            } => Some(Action::Exported(Ok((path, documents)))),
            _ => None,
        }
    }
}

impl TestRunner {
    fn ran(&self, what: impl Fn(&Effect) -> bool) -> usize {
        self.ran.iter().filter(|e| what(e)).count()
    }
}

/// Queues the keys as the terminal would send them and applies them.
fn keys(state: &mut State, queue: &mut Queue, runner: &mut TestRunner, keys: &[&str]) {
    for k in keys {
        queue.push(Action::Key(Key::parse(k).unwrap()));
    }
    queue.apply(state, runner);
}

/// The writer thread's answer to a held save, as the loop's inbox brings it.
fn written(state: &mut State, queue: &mut Queue, runner: &mut TestRunner, generation: u64) {
    let result = match &runner.save_fails {
        Some(e) => Err(e.clone()),
        None => Ok(()),
    };
    queue.push(Action::NotebookWritten(Written { generation, result }));
    queue.apply(state, runner);
}

#[test]
fn opening_sets_read_only_and_the_history_and_counts_the_saved_searches() {
    let (mut state, mut queue, mut runner) = (State::sample(), Queue::new(), TestRunner::default());
    queue.push(Action::Opened(Opening {
        message: None,
        read_only: Some("another dossier has this notebook open".into()),
        query_history: vec!["tag:cyber".into()],
        loading: Some(2),
    }));
    queue.apply(&mut state, &mut runner);
    assert_eq!(state.save, SaveState::ReadOnly);
    assert!(
        state
            .message
            .as_deref()
            .unwrap()
            .starts_with("read-only: another dossier")
    );
    assert_eq!(state.loading, Some((0, 2)));
    assert_eq!(runner.ran(|e| matches!(e, Effect::CountSaved(_))), 1);
    assert!(
        state.saved_searches.counts.iter().all(Option::is_some),
        "counted"
    );
    keys(&mut state, &mut queue, &mut runner, &["/", "up"]);
    assert_eq!(state.prompt.as_ref().unwrap().text(), "tag:cyber");
}

#[test]
fn a_failed_background_load_is_said_and_loading_ends() {
    let (mut state, mut queue, mut runner) = (State::sample(), Queue::new(), TestRunner::default());
    queue.push(Action::Opened(Opening {
        loading: Some(2),
        ..Opening::default()
    }));
    queue.push(Action::LoadFailed("permission denied".into()));
    queue.apply(&mut state, &mut runner);
    assert_eq!(state.loading, None);
    assert_eq!(
        state.message.as_deref(),
        Some("could not read the corpus: permission denied")
    );
}

#[test]
fn a_failed_save_is_said_and_quitting_then_asks() {
    let mut runner = TestRunner {
        save_fails: Some("disk full".into()),
        ..TestRunner::default()
    };
    let (mut state, mut queue) = (State::sample(), Queue::new());
    keys(&mut state, &mut queue, &mut runner, &["1"]);
    assert_eq!(runner.ran(|e| *e == Effect::SaveNotebook), 1);
    assert_eq!(state.save, SaveState::Failed("disk full".into()));
    assert!(state.message.as_deref().unwrap().contains("disk full"));
    keys(&mut state, &mut queue, &mut runner, &["q"]);
    assert!(!queue.quitting(), "a question first");
    assert!(state.confirm.is_some());
    keys(&mut state, &mut queue, &mut runner, &["y"]);
    assert!(queue.quitting());
}

#[test]
fn the_editors_text_comes_back_and_the_note_is_saved_and_written() {
    let mut runner = TestRunner {
        editor_gives: Some(Ok("Written in vi.".into())),
        ..TestRunner::default()
    };
    let (mut state, mut queue) = (State::sample(), Queue::new());
    keys(&mut state, &mut queue, &mut runner, &["a", "ctrl-e"]);
    assert_eq!(runner.ran(|e| matches!(e, Effect::EditExternally(_))), 1);
    assert_eq!(state.editor.as_ref().unwrap().text(), "Written in vi.");
    keys(&mut state, &mut queue, &mut runner, &["ctrl-s"]);
    let path = state.current_path().unwrap().to_owned();
    assert_eq!(
        state.notes_of(&path).unwrap().notes[0].text,
        "Written in vi."
    );
    assert_eq!(runner.ran(|e| *e == Effect::SaveNotebook), 1);
    assert_eq!(state.save, SaveState::Saved);
}

#[test]
fn a_failed_editor_is_said_and_the_note_kept() {
    let mut runner = TestRunner {
        editor_gives: Some(Err("vi exited with 1".into())),
        ..TestRunner::default()
    };
    let (mut state, mut queue) = (State::sample(), Queue::new());
    keys(&mut state, &mut queue, &mut runner, &["a", "x", "ctrl-e"]);
    assert_eq!(state.editor.as_ref().unwrap().text(), "x");
    assert!(
        state
            .message
            .as_deref()
            .unwrap()
            .contains("vi exited with 1")
    );
}

#[test]
fn an_export_is_written_by_the_runner_and_reported() {
    let (mut state, mut queue, mut runner) = (State::sample(), Queue::new(), TestRunner::default());
    keys(&mut state, &mut queue, &mut runner, &["1", "E", "enter"]);
    assert_eq!(runner.ran(|e| matches!(e, Effect::WriteExport { .. })), 1);
    assert!(
        state.message.as_deref().unwrap().starts_with("exported "),
        "{:?}",
        state.message
    );
}

#[test]
fn keys_typed_fast_into_a_prompt_are_one_paste_and_one_query() {
    let (mut state, mut queue, mut runner) = (State::sample(), Queue::new(), TestRunner::default());
    let mut typed = vec!["/"];
    typed.extend(["t", "a", "g", ":", "n", "a", "t", "o"]);
    keys(&mut state, &mut queue, &mut runner, &typed);
    assert_eq!(state.prompt.as_ref().unwrap().text(), "tag:nato");
    assert!(runner.ran(|e| matches!(e, Effect::EvaluateQuery(_))) <= 1);
}

#[test]
fn space_marks_then_moves_down_as_the_keymap_says() {
    let (mut state, mut queue, mut runner) = (State::sample(), Queue::new(), TestRunner::default());
    let first = state.list.selected;
    keys(&mut state, &mut queue, &mut runner, &["space"]);
    assert_eq!(state.list.marks.len(), 1);
    assert_eq!(state.list.selected, first + 1);
}

#[test]
fn the_loaded_texts_make_the_worker_search_them_before_the_queries() {
    let (mut state, mut queue, mut runner) = (State::sample(), Queue::new(), TestRunner::default());
    let corpus = std::sync::Arc::new(dossier::store::Corpus::sample());
    queue.push(Action::Loaded(dossier::state::load::LoadedCorpus(corpus)));
    queue.apply(&mut state, &mut runner);
    assert_eq!(runner.ran.first(), Some(&Effect::UseCorpus));
    assert_eq!(runner.ran(|e| matches!(e, Effect::CountSaved(_))), 1);
}

#[test]
fn ctrl_c_quits_even_from_a_question_with_q_unbound() {
    let corpus = std::sync::Arc::new(dossier::store::Corpus::sample());
    let notebook = dossier::notebook::Notebook::new(&corpus.name);
    let settings = dossier::state::Settings {
        keys: dossier::keymap::Overrides::new()
            .bind("anywhere", "q", &["none"])
            .bind("confirm", "y", &["none"])
            .bind("confirm", "n", &["none"]),
        ..dossier::state::Settings::default()
    };
    let mut state = State::new(corpus, notebook, settings, (120, 35)).unwrap();
    let mut runner = TestRunner {
        save_fails: Some("disk full".into()),
        ..TestRunner::default()
    };
    let mut queue = Queue::new();
    keys(&mut state, &mut queue, &mut runner, &["1", "q"]);
    assert!(!queue.quitting(), "q is unbound");
    keys(&mut state, &mut queue, &mut runner, &["ctrl-c"]);
    assert!(state.confirm.is_some(), "quit unsaved? asks");
    keys(&mut state, &mut queue, &mut runner, &["ctrl-c"]);
    assert!(queue.quitting());
}

#[test]
fn quitting_waits_for_the_save_under_way_then_leaves() {
    let mut runner = TestRunner {
        hold_saves: true,
        ..TestRunner::default()
    };
    let (mut state, mut queue) = (State::sample(), Queue::new());
    keys(&mut state, &mut queue, &mut runner, &["1", "q"]);
    assert_eq!(runner.held, vec![1], "one save, handed to the writer");
    assert_eq!(state.save, SaveState::Saving);
    assert!(!queue.quitting(), "the save is still under way");
    assert!(state.message.as_deref().unwrap().contains("then quitting"));
    written(&mut state, &mut queue, &mut runner, 1);
    assert_eq!(state.save, SaveState::Saved);
    assert!(queue.quitting(), "on disk: now it leaves");
}

#[test]
fn a_save_that_fails_while_quitting_asks_before_leaving() {
    let mut runner = TestRunner {
        hold_saves: true,
        save_fails: Some("disk full".into()),
        ..TestRunner::default()
    };
    let (mut state, mut queue) = (State::sample(), Queue::new());
    keys(&mut state, &mut queue, &mut runner, &["1", "q"]);
    written(&mut state, &mut queue, &mut runner, 1);
    assert_eq!(state.save, SaveState::Failed("disk full".into()));
    assert!(!queue.quitting(), "never a silent loss");
    assert!(
        state
            .confirm
            .as_ref()
            .unwrap()
            .question
            .contains("disk full")
    );
    keys(&mut state, &mut queue, &mut runner, &["y"]);
    assert!(queue.quitting());
}

#[test]
fn only_the_newest_saves_answer_says_saved() {
    let mut runner = TestRunner {
        hold_saves: true,
        ..TestRunner::default()
    };
    let (mut state, mut queue) = (State::sample(), Queue::new());
    keys(&mut state, &mut queue, &mut runner, &["1"]);
    keys(&mut state, &mut queue, &mut runner, &["2"]);
    assert_eq!(runner.held, vec![1, 2]);
    written(&mut state, &mut queue, &mut runner, 1);
    assert_eq!(
        state.save,
        SaveState::Saving,
        "the second change is not on disk"
    );
    written(&mut state, &mut queue, &mut runner, 2);
    assert_eq!(state.save, SaveState::Saved);
}

#[test]
fn changes_of_one_round_are_one_save() {
    let mut runner = TestRunner::default();
    let (mut state, mut queue) = (State::sample(), Queue::new());
    keys(&mut state, &mut queue, &mut runner, &["1", "2", "3"]);
    assert_eq!(runner.ran(|e| *e == Effect::SaveNotebook), 1);
    assert_eq!(state.save_generation, 3);
    assert_eq!(state.save, SaveState::Saved, "the snapshot holds all three");
}

#[test]
fn without_saved_searches_a_change_counts_nothing() {
    let corpus = std::sync::Arc::new(dossier::store::Corpus::sample());
    let notebook = dossier::notebook::Notebook::new(&corpus.name);
    let settings = dossier::state::Settings {
        saved_searches: Vec::new(),
        ..dossier::state::Settings::default()
    };
    let mut state = State::new(corpus, notebook, settings, (120, 35)).unwrap();
    let (mut queue, mut runner) = (Queue::new(), TestRunner::default());
    queue.push(Action::Opened(Opening::default()));
    queue.apply(&mut state, &mut runner);
    keys(&mut state, &mut queue, &mut runner, &["1"]);
    assert_eq!(runner.ran(|e| matches!(e, Effect::CountSaved(_))), 0);
    assert_eq!(runner.ran(|e| *e == Effect::SaveNotebook), 1);
}
