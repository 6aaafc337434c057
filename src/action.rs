//! Everything the user can ask of the screen ([`Action`]) and everything `update` wants done
//! outside itself ([`Effect`]). Plain data: no closures, no references, no IO.

use std::path::PathBuf;

/// A direction for motions between sentences, paragraphs, highlights and matches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dir {
    /// Towards the end.
    Next,
    /// Towards the start.
    Prev,
}

/// A movement in the focused pane.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Motion {
    /// One row down (reader: scroll one line).
    Down,
    /// One row up.
    Up,
    /// The first row.
    Top,
    /// The last row.
    Bottom,
    /// A page down.
    PageDown,
    /// A page up.
    PageUp,
    /// Half a page down.
    HalfDown,
    /// Half a page up.
    HalfUp,
}

/// Which kind of text a prompt edits; it decides what `Enter` does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PromptKind {
    /// The documents query (narrows the list as you type).
    Query,
    /// A search in the reader's document.
    Search,
    /// Tags to add (or `-tag` to remove) on the current target.
    Tag,
    /// The file to export to.
    Export,
    /// Tags for autocode: every hit of the query's phrases.
    Autocode,
    /// Another coder's notebook to compare with.
    Compare,
}

/// Everything the user can ask for.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// Leave dossier.
    Quit,
    /// Show or hide the help overlay.
    ToggleHelp,
    /// Focus the next pane.
    FocusNext,
    /// Focus the previous pane.
    FocusPrev,
    /// Move in the focused pane.
    Move(Motion),
    /// Documents: open in the reader. Notes: jump to the selected highlight.
    Open,
    /// Documents: the query prompt. Reader: search in the document.
    StartFind,
    /// Next or previous search match in the reader.
    FindNext(Dir),
    /// Leave a prompt, the selection, the help or the query.
    Cancel,
    /// Next or previous sentence.
    Sentence(Dir),
    /// Next or previous paragraph.
    Paragraph(Dir),
    /// Next or previous highlight.
    HighlightJump(Dir),
    /// Next or previous speaker turn.
    Turn(Dir),
    /// Start (or end) a selection at the current sentence.
    ToggleSelect,
    /// Tag the focused target: documents, selection or sentence, or a highlight.
    Tag,
    /// Add a note to the focused target.
    AddNote,
    /// Edit the selected note.
    EditNote,
    /// Delete the selected note or highlight.
    Delete,
    /// The selected highlight, whose wording changed, takes the new wording.
    AcceptWording,
    /// Set the status with this index in the configured statuses; `None` clears it.
    SetStatus(Option<usize>),
    /// Repeat the last tag action on the current target.
    RepeatTag,
    /// Mark or unmark the selected document.
    ToggleMark,
    /// Mark every shown document.
    MarkAll,
    /// Undo the last change to the notebook.
    Undo,
    /// Redo the last undone change.
    Redo,
    /// Cycle the documents' sort.
    CycleSort,
    /// Tag every hit of the current phrase query.
    Autocode,
    /// Toggle the triage layout.
    ToggleTriage,
    /// Export the shown documents (Markdown, or the format the file name asks for).
    Export,
    /// Open saved search number N (from 0).
    OpenSaved(usize),
    /// Open the keyword-in-context view of the phrase query; in it, go back.
    Kwic,
    /// KWIC: sort the hits by the words left or right of them.
    KwicSort(crate::kwic::Order),
    /// KWIC: the next order of the hits (left, right, date, document).
    KwicCycleSort,
    /// KWIC: tag the sentences of the marked hits (or the hit under the cursor).
    KwicTagSentences,
    /// KWIC: the hits of a gathering arrived.
    KwicGathered(crate::state::kwic::Gathered),
    /// Resolve the selected merge conflict with this side's value.
    ResolveConflict(crate::notebook::Side),
    /// Ask for another coder's notebook to compare with.
    StartCompare,
    /// Next or previous passage where the compared coders differ.
    Disagreement(Dir),
    /// Their coding of the disagreement at the cursor becomes mine.
    AdoptTheirs,
    /// Open the charts view, or act in it.
    Chart(crate::state::charts::ChartAction),

    /// A key typed into a prompt or the note editor.
    Input(crate::keymap::Key),
    /// Text pasted (or typed in one burst) into a prompt or the note editor: one edit,
    /// however long. Outside them it does nothing: a paste is never run as commands.
    Paste(String),
    /// Apply the prompt (`Enter`).
    Submit,
    /// Complete the prompt's text (`Tab`).
    Complete,
    /// Older (`Dir::Prev`) or newer entry of the prompt's history.
    History(Dir),
    /// Save the note being edited.
    SaveNote,
    /// Edit the note in `$EDITOR`.
    ExternalEditor,
    /// Answer a yes/no question.
    Answer(bool),

    /// A mouse click at a screen cell.
    Click {
        /// Column.
        column: u16,
        /// Row.
        row: u16,
    },
    /// The mouse wheel over a screen cell.
    Scroll {
        /// Column.
        column: u16,
        /// Row.
        row: u16,
        /// True when scrolling down.
        down: bool,
    },
    /// The terminal's new size.
    Resize {
        /// Columns.
        width: u16,
        /// Rows.
        height: u16,
    },

    /// A key pressed in the terminal. `update` maps it through the keymap in the context
    /// the screen shows by then, so a key means what the analyst saw.
    Key(crate::keymap::Key),
    /// Several actions in order: a binding's run list (`Space`: mark, then move down).
    Sequence(Vec<Action>),
    /// The time now, from the event loop: what later actions make is stamped with it.
    Tick(jiff::Timestamp),
    /// What the event loop found on opening; the first action of a session.
    Opened(Opening),
    /// The background load of the texts failed.
    LoadFailed(String),
    /// The writer thread wrote the notebook (or failed to).
    NotebookWritten(Written),
    /// `$EDITOR` returned this text (or failed).
    EditedExternally(Result<String, String>),
    /// The export was written (where, and how many documents), or not.
    Exported(Result<(PathBuf, usize), String>),
    /// A documents query was evaluated.
    QueryDone(crate::state::query::QueryDone),
    /// The saved searches were counted.
    SavedCounts(crate::state::query::SavedCounts),
    /// A chart was computed.
    ChartDone(crate::state::charts::ChartDone),
    /// The background load has read this many of so many files.
    LoadProgress {
        /// Files read.
        done: usize,
        /// Files in all.
        total: usize,
    },
    /// The background load finished: the corpus with its texts.
    Loaded(crate::state::load::LoadedCorpus),
    /// Another coder's notebook was read to compare with (or not: why).
    CompareLoaded(Result<crate::state::compare::OtherNotebook, String>),
}

/// What a save of the notebook came to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Written {
    /// The save generation written ([`crate::state::State::save_generation`] when the
    /// snapshot was taken): everything changed up to it is on disk, when `result` is `Ok`.
    pub generation: u64,
    /// `Err` with what went wrong.
    pub result: Result<(), String>,
}

/// What the event loop found while opening, before the first frame: handed to `update` as
/// [`Action::Opened`] so that the loop never writes the state itself.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Opening {
    /// What the analyst should know (anchors moved, files skipped).
    pub message: Option<String>,
    /// Why the notebook cannot be written, when it cannot.
    pub read_only: Option<String>,
    /// The query history, oldest first.
    pub query_history: Vec<String>,
    /// Files the background load will read, when the texts load in the background.
    pub loading: Option<usize>,
}

/// Work `update` asks the event loop to do.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// Write the state's notebook: the runner hands a snapshot of it, with the state's
    /// [`save_generation`](crate::state::State::save_generation), to the writer thread.
    SaveNotebook,
    /// Open `$EDITOR` on this text.
    EditExternally(String),
    /// Write an export (Markdown, or another format, SPEC §14) to a file.
    WriteExport {
        /// Where.
        path: PathBuf,
        /// What.
        bytes: Vec<u8>,
        /// How many documents it holds, for the report.
        documents: usize,
    },
    /// Evaluate a documents query off the screen's thread, cancelling any older one.
    EvaluateQuery(crate::state::query::QueryJob),
    /// Gather the hits of the KWIC view off the screen's thread, cancelling an older gathering.
    GatherKwic(crate::state::kwic::KwicJob),
    /// Count the documents of every saved search (this generation).
    CountSaved(u64),
    /// Compute a chart off the screen's thread, the newest job only.
    ComputeChart(crate::state::charts::ChartJob),
    /// The corpus was replaced (the texts arrived): search the state's corpus from now on.
    UseCorpus,
    /// Add a query to the history kept in the data folder.
    RememberQuery(String),
    /// Read another coder's notebook to compare with; the answer is
    /// [`Action::CompareLoaded`].
    LoadCompare(PathBuf),
    /// Leave the event loop.
    Quit,
}
