//! Every command a key can run, as a type: the default keymap names commands by variant,
//! so a typo does not compile, and the configuration by [`Command::name`].

use super::Context;
use crate::action::{Action, Dir, Motion};
use crate::kwic::Order;
use crate::notebook::Side;
use crate::state::charts::{ChartAction as Ch, ChartKind};

macro_rules! commands {
    ($($variant:ident $name:literal $help:literal => $action:expr;)*) => {
        /// A command a key can be bound to.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Command {
            $(#[doc = $help] $variant,)*
            /// Set the configured status with this index (from 0), then go on.
            Status(usize),
            /// Open the saved search with this index (from 0).
            OpenSaved(usize),
        }

        impl Command {
            /// The commands without an index, in help order.
            const PLAIN: &'static [Command] = &[$(Command::$variant,)*];

            /// The name the configuration writes (`move_down`, `status_1`).
            pub fn name(self) -> &'static str {
                match self {
                    $(Command::$variant => $name,)*
                    Command::Status(i) => STATUS_NAMES.get(i).copied().unwrap_or("status"),
                    Command::OpenSaved(i) => SAVED_NAMES.get(i).copied().unwrap_or("saved"),
                }
            }

            /// One line for the help overlay.
            pub fn help(self) -> &'static str {
                match self {
                    $(Command::$variant => $help,)*
                    Command::Status(_) => "set status and go to the next untriaged",
                    Command::OpenSaved(_) => "open a saved search",
                }
            }

            /// What it asks of `update`.
            pub fn action(self) -> Action {
                use Action as A;
                match self {
                    $(Command::$variant => $action,)*
                    Command::Status(i) => A::SetStatus(Some(i)),
                    Command::OpenSaved(i) => A::OpenSaved(i),
                }
            }
        }
    };
}

commands! {
    Quit "quit" "quit (everything is saved already)" => A::Quit;
    Help "help" "this help" => A::ToggleHelp;
    FocusNext "focus_next" "focus the next pane" => A::FocusNext;
    FocusPrev "focus_prev" "focus the previous pane" => A::FocusPrev;
    MoveDown "move_down" "move down (reader: scroll a line)" => A::Move(Motion::Down);
    MoveUp "move_up" "move up (reader: scroll a line)" => A::Move(Motion::Up);
    Top "top" "first" => A::Move(Motion::Top);
    Bottom "bottom" "last" => A::Move(Motion::Bottom);
    PageDown "page_down" "a page down" => A::Move(Motion::PageDown);
    PageUp "page_up" "a page up" => A::Move(Motion::PageUp);
    HalfPageDown "half_page_down" "half a page down" => A::Move(Motion::HalfDown);
    HalfPageUp "half_page_up" "half a page up" => A::Move(Motion::HalfUp);
    Open "open" "open the document / jump to the highlight" => A::Open;
    Find "find" "query the documents / search the text" => A::StartFind;
    FindNext "find_next" "next match" => A::FindNext(Dir::Next);
    FindPrev "find_prev" "previous match" => A::FindNext(Dir::Prev);
    Cancel "cancel" "cancel: prompt, selection; documents: clear the query" => A::Cancel;
    NextSentence "next_sentence" "next sentence" => A::Sentence(Dir::Next);
    PrevSentence "prev_sentence" "previous sentence" => A::Sentence(Dir::Prev);
    NextParagraph "next_paragraph" "next paragraph" => A::Paragraph(Dir::Next);
    PrevParagraph "prev_paragraph" "previous paragraph" => A::Paragraph(Dir::Prev);
    NextHighlight "next_highlight" "next highlight" => A::HighlightJump(Dir::Next);
    PrevHighlight "prev_highlight" "previous highlight" => A::HighlightJump(Dir::Prev);
    NextTurn "next_turn" "next speaker turn" => A::Turn(Dir::Next);
    PrevTurn "prev_turn" "previous speaker turn" => A::Turn(Dir::Prev);
    Select "select" "select from the current sentence; motions extend it" => A::ToggleSelect;
    Tag "tag" "tag: documents / selection or sentence / highlight" => A::Tag;
    Note "note" "add a note: document / selection or sentence / highlight" => A::AddNote;
    EditNote "edit_note" "edit the selected note" => A::EditNote;
    Delete "delete" "delete the selected note or highlight (undoable)" => A::Delete;
    AcceptWording "accept_wording" "take a changed highlight's new wording (undoable)" => A::AcceptWording;
    ClearStatus "clear_status" "clear the status" => A::SetStatus(None);
    KeepOurs "keep_ours" "merge conflict: keep our value (undoable)" => A::ResolveConflict(Side::Ours);
    TakeTheirs "take_theirs" "merge conflict: take their value (undoable)" => A::ResolveConflict(Side::Theirs);
    Compare "compare" "compare with another coder's notebook (read-only)" => A::StartCompare;
    NextDisagreement "next_disagreement" "compare: next passage the coders differ on" => A::Disagreement(Dir::Next);
    PrevDisagreement "prev_disagreement" "compare: previous passage the coders differ on" => A::Disagreement(Dir::Prev);
    AdoptTheirs "adopt_theirs" "compare: their coding at the cursor becomes mine (undoable)" => A::AdoptTheirs;
    RepeatTag "repeat_tag" "repeat the last tag action here" => A::RepeatTag;
    Mark "mark" "mark / unmark for a bulk action" => A::ToggleMark;
    MarkAll "mark_all" "mark every shown document" => A::MarkAll;
    Undo "undo" "undo the last change" => A::Undo;
    Redo "redo" "redo" => A::Redo;
    CycleSort "cycle_sort" "sort by date, title, path, status" => A::CycleSort;
    Autocode "autocode" "tag every hit of the phrase query" => A::Autocode;
    TriageLayout "triage_layout" "triage layout: full-width reader, progress" => A::ToggleTriage;
    Export "export" "export the shown documents (any format)" => A::Export;
    Charts "charts" "charts of the shown documents" => A::Chart(Ch::Open);
    ChartTags "chart_tags" "chart: documents per tag" => A::Chart(Ch::Show(ChartKind::Tags));
    ChartTimeline "chart_timeline" "chart: documents per year" => A::Chart(Ch::Show(ChartKind::Timeline));
    ChartCooccurrence "chart_cooccurrence" "chart: tag × tag co-occurrence" => A::Chart(Ch::Show(ChartKind::Cooccurrence));
    ChartMatrix "chart_matrix" "chart: tag × group matrix" => A::Chart(Ch::Show(ChartKind::Matrix));
    ChartNext "chart_next" "the next chart" => A::Chart(Ch::Next);
    ChartLeft "chart_left" "cursor left" => A::Chart(Ch::Left);
    ChartRight "chart_right" "cursor right" => A::Chart(Ch::Right);
    ChartGroup "chart_group" "matrix: group by year, kind, speaker, place, document" => A::Chart(Ch::NextGroup);
    ChartNarrow "chart_narrow" "narrow the documents to the bar or cell" => A::Chart(Ch::Narrow);
    Submit "submit" "apply" => A::Submit;
    Complete "complete" "complete" => A::Complete;
    HistoryPrev "history_prev" "older entry" => A::History(Dir::Prev);
    HistoryNext "history_next" "newer entry" => A::History(Dir::Next);
    SaveNote "save_note" "save the note" => A::SaveNote;
    ExternalEditor "external_editor" "edit in $EDITOR" => A::ExternalEditor;
    Kwic "kwic" "keyword in context: every hit of the phrase query (again: back)" => A::Kwic;
    KwicOpen "kwic_open" "open the hit in the reader, at the hit" => A::Open;
    KwicMark "kwic_mark" "mark / unmark the hit" => A::ToggleMark;
    KwicMarkAll "kwic_mark_all" "mark every hit" => A::MarkAll;
    KwicTag "kwic_tag" "tag the marked hits (or this one): highlights, one undo" => A::Tag;
    KwicTagSentences "kwic_tag_sentences" "tag the sentences of the marked hits (or this one)" => A::KwicTagSentences;
    KwicSortLeft "kwic_sort_left" "sort the hits by the words left of them" => A::KwicSort(Order::Left);
    KwicSortRight "kwic_sort_right" "sort the hits by the words right of them" => A::KwicSort(Order::Right);
    KwicCycleSort "kwic_cycle_sort" "sort the hits: left, right, date, document" => A::KwicCycleSort;
    KwicClose "kwic_close" "back to the documents" => A::Kwic;
    Yes "yes" "yes" => A::Answer(true);
    No "no" "no" => A::Answer(false);
}

const STATUS_NAMES: [&str; 9] = [
    "status_1", "status_2", "status_3", "status_4", "status_5", "status_6", "status_7", "status_8",
    "status_9",
];

const SAVED_NAMES: [&str; 9] = [
    "saved_1", "saved_2", "saved_3", "saved_4", "saved_5", "saved_6", "saved_7", "saved_8",
    "saved_9",
];

impl Command {
    /// Every command, in help order: the plain ones, then the nine statuses and searches.
    pub fn all() -> impl Iterator<Item = Command> {
        Command::PLAIN
            .iter()
            .copied()
            .chain((0..STATUS_NAMES.len()).map(Command::Status))
            .chain((0..SAVED_NAMES.len()).map(Command::OpenSaved))
    }

    /// Whether a view over the panes (the charts) takes it from anywhere: moving, help,
    /// leaving; not what acts on the document behind the view.
    pub fn in_views(self) -> bool {
        matches!(
            self,
            Command::Quit
                | Command::Help
                | Command::MoveDown
                | Command::MoveUp
                | Command::Top
                | Command::Bottom
                | Command::PageDown
                | Command::PageUp
                | Command::HalfPageDown
                | Command::HalfPageUp
                | Command::Cancel
        )
    }

    /// The command the configuration calls `name`.
    pub fn parse(name: &str) -> Option<Command> {
        Command::all().find(|c| c.name() == name)
    }
}

use Command as C;

/// The default bindings, SPEC §4's table: in a context, keys run commands in order.
pub const DEFAULTS: &[(Context, &[&str], &[Command])] = &[
    (Context::Any, &["q", "ctrl-c"], &[C::Quit]),
    (Context::Any, &["?"], &[C::Help]),
    (Context::Any, &["tab"], &[C::FocusNext]),
    (Context::Any, &["shift-tab"], &[C::FocusPrev]),
    (Context::Any, &["j", "down"], &[C::MoveDown]),
    (Context::Any, &["k", "up"], &[C::MoveUp]),
    (Context::Any, &["g", "home"], &[C::Top]),
    (Context::Any, &["G", "end"], &[C::Bottom]),
    (Context::Any, &["pgdn"], &[C::PageDown]),
    (Context::Any, &["pgup"], &[C::PageUp]),
    (Context::Any, &["ctrl-d"], &[C::HalfPageDown]),
    (Context::Any, &["ctrl-u"], &[C::HalfPageUp]),
    (Context::Any, &["esc"], &[C::Cancel]),
    (Context::Any, &["0"], &[C::ClearStatus]),
    (Context::Any, &["u"], &[C::Undo]),
    (Context::Any, &["ctrl-r"], &[C::Redo]),
    (Context::Any, &["z"], &[C::TriageLayout]),
    (Context::Any, &["E"], &[C::Export]),
    (Context::Any, &["K"], &[C::Kwic]),
    (Context::Any, &["S"], &[C::Charts]),
    (Context::Documents, &["enter"], &[C::Open]),
    (Context::Documents, &["/"], &[C::Find]),
    (Context::Documents, &["t"], &[C::Tag]),
    (Context::Documents, &["a"], &[C::Note]),
    (Context::Documents, &["."], &[C::RepeatTag]),
    (Context::Documents, &["space"], &[C::Mark, C::MoveDown]),
    (Context::Documents, &["ctrl-a"], &[C::MarkAll]),
    (Context::Documents, &["s"], &[C::CycleSort]),
    (Context::Documents, &["A"], &[C::Autocode]),
    (Context::Documents, &["C"], &[C::Compare]),
    (Context::Documents, &["f1"], &[C::OpenSaved(0)]),
    (Context::Documents, &["f2"], &[C::OpenSaved(1)]),
    (Context::Documents, &["f3"], &[C::OpenSaved(2)]),
    (Context::Documents, &["f4"], &[C::OpenSaved(3)]),
    (Context::Documents, &["f5"], &[C::OpenSaved(4)]),
    (Context::Documents, &["f6"], &[C::OpenSaved(5)]),
    (Context::Documents, &["f7"], &[C::OpenSaved(6)]),
    (Context::Documents, &["f8"], &[C::OpenSaved(7)]),
    (Context::Documents, &["f9"], &[C::OpenSaved(8)]),
    (Context::Reader, &["/"], &[C::Find]),
    (Context::Reader, &["n"], &[C::FindNext]),
    (Context::Reader, &["N"], &[C::FindPrev]),
    (Context::Reader, &[")"], &[C::NextSentence]),
    (Context::Reader, &["("], &[C::PrevSentence]),
    (Context::Reader, &["}"], &[C::NextParagraph]),
    (Context::Reader, &["{"], &[C::PrevParagraph]),
    (Context::Reader, &["]"], &[C::NextHighlight]),
    (Context::Reader, &["["], &[C::PrevHighlight]),
    (Context::Reader, &[">"], &[C::NextTurn]),
    (Context::Reader, &["<"], &[C::PrevTurn]),
    (Context::Reader, &["v"], &[C::Select]),
    (Context::Reader, &["t"], &[C::Tag]),
    (Context::Reader, &["a"], &[C::Note]),
    (Context::Reader, &["."], &[C::RepeatTag]),
    (Context::Reader, &["W"], &[C::AcceptWording]),
    (Context::Reader, &["C"], &[C::Compare]),
    (Context::Reader, &["d"], &[C::NextDisagreement]),
    (Context::Reader, &["D"], &[C::PrevDisagreement]),
    (Context::Reader, &["T"], &[C::AdoptTheirs]),
    (Context::Notes, &["enter"], &[C::Open]),
    (Context::Notes, &["t"], &[C::Tag]),
    (Context::Notes, &["a"], &[C::Note]),
    (Context::Notes, &["e"], &[C::EditNote]),
    (Context::Notes, &["d"], &[C::Delete]),
    (Context::Notes, &["W"], &[C::AcceptWording]),
    (Context::Notes, &["<"], &[C::KeepOurs]),
    (Context::Notes, &[">"], &[C::TakeTheirs]),
    (Context::Kwic, &["enter"], &[C::KwicOpen]),
    (Context::Kwic, &["space"], &[C::KwicMark, C::MoveDown]),
    (Context::Kwic, &["ctrl-a"], &[C::KwicMarkAll]),
    (Context::Kwic, &["t"], &[C::KwicTag]),
    (Context::Kwic, &["T"], &[C::KwicTagSentences]),
    (Context::Kwic, &["l"], &[C::KwicSortLeft]),
    (Context::Kwic, &["r"], &[C::KwicSortRight]),
    (Context::Kwic, &["s"], &[C::KwicCycleSort]),
    (Context::Kwic, &["esc"], &[C::KwicClose]),
    (Context::Prompt, &["enter"], &[C::Submit]),
    (Context::Prompt, &["esc"], &[C::Cancel]),
    (Context::Prompt, &["tab"], &[C::Complete]),
    (Context::Prompt, &["up"], &[C::HistoryPrev]),
    (Context::Prompt, &["down"], &[C::HistoryNext]),
    (Context::Editor, &["esc", "ctrl-s"], &[C::SaveNote]),
    (Context::Editor, &["ctrl-e"], &[C::ExternalEditor]),
    (Context::Charts, &["t"], &[C::ChartTags]),
    (Context::Charts, &["d"], &[C::ChartTimeline]),
    (Context::Charts, &["c"], &[C::ChartCooccurrence]),
    (Context::Charts, &["m"], &[C::ChartMatrix]),
    (Context::Charts, &["tab"], &[C::ChartNext]),
    (Context::Charts, &["h", "left"], &[C::ChartLeft]),
    (Context::Charts, &["l", "right"], &[C::ChartRight]),
    (Context::Charts, &["b"], &[C::ChartGroup]),
    (Context::Charts, &["enter"], &[C::ChartNarrow]),
    (Context::Charts, &["/"], &[C::Find]),
    (Context::Confirm, &["y", "enter"], &[C::Yes]),
    (Context::Confirm, &["n", "esc"], &[C::No]),
];
