//! The screen's state and the pure `update` that changes it. Nothing here does IO, reads
//! the clock or touches the terminal: the event loop passes time in (`State::now`) and runs
//! the [`Effect`](crate::action::Effect)s that `update` returns.

mod annotate;
pub mod charts;
pub mod compare;
mod conflicts;
mod editor;
mod export;
mod hints;
mod history;
pub mod kwic;
pub mod layout;
mod list;
pub mod load;
mod navigate;
mod notes;
pub mod prompt;
pub mod query;
pub mod reader;
mod saving;
mod theirs;
mod update;
mod wording;
pub mod wrap;

pub use charts::{ChartKind, ChartsView};
pub use editor::{NoteEditor, NoteTarget};
pub use history::History;
pub use layout::{Pane, Screen};
pub use list::{ListView, Narrowed, Sort};
pub use notes::{NotesItem, NotesLine, NotesRow};
pub use prompt::Prompt;
pub use reader::{ReaderView, Row};
pub use update::update;

use crate::keymap::{Context, Keymap, Overrides};
use crate::notebook::{DocRef, DocumentNotes, Notebook};
use crate::store::{Corpus, Document};
use crate::theme::Theme;
use std::collections::HashMap;
use std::sync::Arc;

/// Settings the screen takes from the configuration.
#[derive(Debug, Clone)]
pub struct Settings {
    /// The statuses, in key order.
    pub statuses: Vec<crate::config::Status>,
    /// Go to the next untriaged document after setting a status.
    pub auto_advance: bool,
    /// Key overrides.
    pub keys: Overrides,
    /// Colours.
    pub theme: Theme,
    /// What `E` exports and how.
    pub export: crate::export::ExportOptions,
    /// Saved searches: (name, query).
    pub saved_searches: Vec<(String, String)>,
    /// The configuration file, which an export must not replace.
    pub config_file: Option<std::path::PathBuf>,
    /// Who makes this session's changes (SPEC §12), resolved by the caller: the config's
    /// `coder`, else git's user name, else `$USER`; empty when unknown. `update` only
    /// stamps it on what it makes.
    pub coder: String,
}

impl Default for Settings {
    fn default() -> Self {
        Settings::from_config(&crate::config::Config::default(), true)
            .expect("the default theme is valid")
    }
}

impl Settings {
    /// The screen's settings from a configuration; `color: false` under `NO_COLOR`.
    pub fn from_config(
        config: &crate::config::Config,
        color: bool,
    ) -> Result<Settings, crate::theme::ColorError> {
        Ok(Settings {
            statuses: config.statuses.clone(),
            auto_advance: config.auto_advance,
            keys: config.keys.clone(),
            theme: Theme::from_config(&config.theme, color)?,
            export: config.export.options(),
            saved_searches: config.saved_searches.clone(),
            config_file: None,
            coder: config.coder.clone().unwrap_or_default(),
        })
    }
}

/// Whether the notebook on disk has the state's changes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SaveState {
    /// Everything is on disk.
    Saved,
    /// A write is under way.
    Saving,
    /// The last write failed; the next change tries again.
    Failed(String),
    /// Another dossier holds the notebook, or its folder cannot be written
    /// ([`State::read_only_reason`] says which): nothing is written.
    ReadOnly,
}

/// What the analyst did this session, printed on quit.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SessionCounts {
    /// Status changes.
    pub triaged: usize,
    /// Documents and passages tagged.
    pub tagged: usize,
    /// Notes written.
    pub noted: usize,
}

/// The saved searches and their live counts.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SavedSearches {
    /// (name, query), in the configured order; F1…F9 open them.
    pub searches: Vec<(String, String)>,
    /// Documents per search, once counted (`None`: not yet, or the query is invalid).
    pub counts: Vec<Option<usize>>,
}

/// A yes/no question and what a yes does.
#[derive(Debug, Clone, PartialEq)]
pub struct Confirm {
    /// The question.
    pub question: String,
    /// What happens on yes.
    pub on_yes: Pending,
}

/// An action waiting for a yes.
#[derive(Debug, Clone, PartialEq)]
pub enum Pending {
    /// Apply these changes as one undo step, with this report.
    Changes(Vec<crate::notebook::Change>, String),
    /// Quit although the notebook could not be saved.
    Quit,
}

/// Everything the screen shows and remembers.
pub struct State {
    /// The documents.
    pub corpus: Arc<Corpus>,
    /// The analyst's notebook.
    pub notebook: Notebook,
    /// Settings from the configuration.
    pub settings: Settings,
    /// The bindings in force.
    pub keymap: Keymap,
    /// The time, set by the event loop before each update (ids and `created` stamps).
    pub now: jiff::Timestamp,
    /// The notebook's save state.
    pub save: SaveState,
    /// The generation of the newest save asked for: grows with every change.
    pub save_generation: u64,
    /// A quit waits for the save under way.
    pub quit_when_saved: bool,
    /// Why the notebook is read-only, when [`SaveState::ReadOnly`].
    pub read_only_reason: String,
    /// The terminal's size.
    pub size: (u16, u16),
    /// The focused pane.
    pub focus: Pane,
    /// The triage layout is on.
    pub triage: bool,
    /// The help overlay is open.
    pub help: bool,
    /// How far the help is scrolled, in entries.
    pub help_scroll: usize,
    /// The documents list.
    pub list: ListView,
    /// The reader.
    pub reader: ReaderView,
    /// Selection in the notes pane.
    pub notes_selected: usize,
    /// The open prompt.
    pub prompt: Option<Prompt>,
    /// The open note editor.
    pub editor: Option<NoteEditor>,
    /// The open question.
    pub confirm: Option<Confirm>,
    /// What the last action did, for the status bar.
    pub message: Option<String>,
    /// Undo and redo.
    pub history: History,
    /// The last tag edit, for `.`.
    pub last_tags: Option<String>,
    /// Counts for the goodbye line.
    pub session: SessionCounts,
    /// Entries of the prompt's history per kind, oldest first.
    pub prompt_history: HashMap<crate::action::PromptKind, Vec<String>>,
    /// Reader positions per document path, for the session.
    pub positions: HashMap<String, reader::Position>,
    /// The searched fields of every document, built once for fast queries.
    pub fields: Arc<crate::query::FieldIndex>,
    /// The saved searches with their counts.
    pub saved_searches: SavedSearches,
    /// The generation of the newest saved-search count asked for.
    pub saved_generation: u64,
    /// While the texts load in the background: (files read, files in all).
    pub loading: Option<(usize, usize)>,
    /// The keyword-in-context view (SPEC §13).
    pub kwic: kwic::KwicState,
    /// Another coder's notebook shown beside mine (compare mode), read-only.
    pub compare: Option<compare::Compare>,
    /// The charts view, while open.
    pub charts: Option<ChartsView>,
    /// The charts view as it was closed, to open again where it was.
    pub closed_charts: Option<ChartsView>,
}

impl State {
    /// A state for a corpus and its notebook at terminal size `size`.
    pub fn new(
        corpus: Arc<Corpus>,
        notebook: Notebook,
        settings: Settings,
        size: (u16, u16),
    ) -> Result<State, crate::keymap::KeymapError> {
        let status_keys: Vec<(usize, char)> = settings
            .statuses
            .iter()
            .enumerate()
            .filter_map(|(i, s)| s.key.map(|k| (i, k)))
            .collect();
        let keymap = Keymap::new(&status_keys, &settings.keys)?;
        let saved_searches = SavedSearches {
            searches: settings.saved_searches.clone(),
            counts: Vec::new(),
        };
        let mut state = State {
            list: ListView::new(&corpus, &notebook),
            fields: Arc::new(crate::query::FieldIndex::new(&corpus.documents)),
            saved_searches,
            saved_generation: 0,
            loading: None,
            kwic: kwic::KwicState::default(),
            compare: None,
            charts: None,
            closed_charts: None,
            corpus,
            notebook,
            settings,
            keymap,
            now: jiff::Timestamp::UNIX_EPOCH,
            save: SaveState::Saved,
            save_generation: 0,
            quit_when_saved: false,
            read_only_reason: "another dossier has this notebook open".to_owned(),
            size,
            focus: Pane::Documents,
            triage: false,
            help: false,
            help_scroll: 0,
            reader: ReaderView::default(),
            notes_selected: 0,
            prompt: None,
            editor: None,
            confirm: None,
            message: None,
            history: History::default(),
            last_tags: None,
            session: SessionCounts::default(),
            prompt_history: HashMap::new(),
            positions: HashMap::new(),
        };
        state.show_selected();
        Ok(state)
    }

    /// The sample corpus with an empty notebook at 120×35: the start of most tests.
    pub fn sample() -> State {
        let corpus = Arc::new(Corpus::sample());
        let notebook = Notebook::new(&corpus.name);
        let mut state = State::new(corpus, notebook, Settings::default(), (120, 35))
            .expect("default keymap is valid");
        state.now = "2026-11-25T10:00:00Z".parse().expect("a valid timestamp");
        state
    }

    /// The screen's layout now.
    pub fn screen(&self) -> Screen {
        layout::screen(self.size.0, self.size.1, self.focus, self.triage)
    }

    /// The keymap context of the focused pane or open prompt.
    pub fn context(&self) -> Context {
        if self.confirm.is_some() {
            Context::Confirm
        } else if self.editor.is_some() {
            Context::Editor
        } else if self.prompt.is_some() {
            Context::Prompt
        } else if self.charts.is_some() {
            Context::Charts
        } else if self.kwic_open() {
            Context::Kwic
        } else {
            match self.focus {
                Pane::Documents => Context::Documents,
                Pane::Reader => Context::Reader,
                Pane::Notes => Context::Notes,
            }
        }
    }

    /// The selected document, if the list shows any.
    pub fn current(&self) -> Option<&Document> {
        self.list
            .selected_index()
            .and_then(|i| self.corpus.documents.get(i))
    }

    /// The path of the selected document.
    pub fn current_path(&self) -> Option<&str> {
        self.current().map(|d| d.path.as_str())
    }

    /// The notebook entry of a document.
    pub fn notes_of(&self, path: &str) -> Option<&DocumentNotes> {
        self.notebook.doc(path)
    }

    /// The status of a document.
    pub fn status_of(&self, path: &str) -> Option<&str> {
        self.notes_of(path).and_then(|n| n.status.as_deref())
    }

    /// (triaged, total) over the whole corpus.
    pub fn triaged(&self) -> (usize, usize) {
        // Walk the triaged entries, not every document: drawn on every frame, this must
        // not grow with the corpus. Documents are sorted by path, so membership is a search.
        let docs = &self.corpus.documents;
        let done = self
            .notebook
            .documents
            .iter()
            .filter(|(path, entry)| {
                entry.status.is_some()
                    && docs
                        .binary_search_by(|d| d.path.as_str().cmp(path.as_str()))
                        .is_ok()
            })
            .count();
        (done, docs.len())
    }

    /// A reference to a document for a notebook change.
    pub fn doc_ref(&self, doc_index: usize) -> Option<DocRef> {
        self.corpus.documents.get(doc_index).map(|d| DocRef {
            path: d.path.clone(),
            id: d.id.clone(),
            title: d.meta.title.clone(),
        })
    }

    /// Points the reader at the selected document, remembering where it was in the last.
    pub fn show_selected(&mut self) {
        let path = self.current_path().map(str::to_owned);
        if self.reader.path.as_deref() == path.as_deref() {
            self.reader.relayout(&self.corpus, self.reader_size());
            return;
        }
        if let Some(old) = self.reader.path.take() {
            self.positions.insert(old, self.reader.position());
        }
        let doc = self
            .list
            .selected_index()
            .and_then(|i| self.corpus.documents.get(i).map(|d| (i, d)));
        let position = path
            .as_ref()
            .and_then(|p| self.positions.get(p))
            .copied()
            .unwrap_or_default();
        self.reader.open(doc, position, self.reader_size());
        self.notes_selected = 0;
        self.show_query_matches();
    }

    /// The action of a key in the current context: a binding, else text for a prompt or the
    /// editor; with the help open, any key closes it.
    pub fn action_for_key(&self, key: crate::keymap::Key) -> Option<crate::action::Action> {
        let context = self.context();
        match self.keymap.action(context, key) {
            Some(action) => Some(action),
            None if matches!(context, Context::Prompt | Context::Editor) => {
                Some(crate::action::Action::Input(key))
            }
            None if self.help => Some(crate::action::Action::Cancel),
            None => None,
        }
    }

    /// The character `key` types into the open prompt or note editor, when it types one:
    /// a plain character that no binding of the context takes. The event loop gathers a
    /// run of these (keys faster than a frame, or a paste the terminal sends as keys)
    /// into one [`Action::Paste`](crate::action::Action::Paste).
    pub fn typed_char(&self, key: crate::keymap::Key) -> Option<char> {
        use ratatui::crossterm::event::{KeyCode, KeyModifiers};
        let KeyCode::Char(c) = key.code else {
            return None;
        };
        let plain = (key.mods - KeyModifiers::SHIFT).is_empty();
        match self.action_for_key(key) {
            Some(crate::action::Action::Input(_)) if plain => Some(c),
            _ => None,
        }
    }

    /// Inner width and height of the reader pane (without borders).
    pub fn reader_size(&self) -> (usize, usize) {
        let screen = self.screen();
        match screen.reader {
            Some(r) => (
                usize::from(r.width.saturating_sub(3)),
                usize::from(r.height.saturating_sub(2)),
            ),
            // The reader is hidden (one narrow pane): keep a sensible width for its layout.
            None => (
                usize::from(self.size.0.saturating_sub(3)).max(10),
                usize::from(self.size.1.saturating_sub(3)).max(1),
            ),
        }
    }

    /// Inner height of the documents list.
    pub fn list_height(&self) -> usize {
        self.screen()
            .documents
            .map_or(1, |r| usize::from(r.height.saturating_sub(2)).max(1))
    }
}
