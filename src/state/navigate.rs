//! Moving about: focus, motions in each pane, the mouse, resizing.

use super::{Pane, State};
use crate::action::{Dir, Motion};

impl State {
    /// `Tab` / `Shift-Tab`: the next pane that the layout can show.
    pub fn cycle_focus(&mut self, dir: Dir) {
        if self.triage {
            return;
        }
        let i = Pane::ALL.iter().position(|p| *p == self.focus).unwrap_or(0);
        let n = Pane::ALL.len();
        let next = match dir {
            Dir::Next => (i + 1) % n,
            Dir::Prev => (i + n - 1) % n,
        };
        self.focus = Pane::ALL[next];
        // Narrow layouts show a different set of panes for each focus.
        self.relayout();
    }

    /// Lays the reader out for the current size.
    pub fn relayout(&mut self) {
        let size = self.reader_size();
        self.reader.relayout(&self.corpus, size);
        self.list.keep_in_view(self.list_height());
    }

    /// A motion in the focused pane.
    pub fn apply_motion(&mut self, motion: Motion) {
        match self.focus {
            Pane::Documents if !self.triage => {
                self.list.apply_motion(motion, self.list_height());
                self.list.keep_in_view(self.list_height());
                self.show_selected();
            }
            Pane::Notes if !self.triage => {
                let last = self.notes_items().len().saturating_sub(1);
                let s = self.notes_selected;
                self.notes_selected = match motion {
                    Motion::Down => s + 1,
                    Motion::Up => s.saturating_sub(1),
                    Motion::Top => 0,
                    Motion::Bottom => last,
                    Motion::PageDown | Motion::HalfDown => s + 5,
                    Motion::PageUp | Motion::HalfUp => s.saturating_sub(5),
                }
                .min(last);
            }
            _ => self.reader.apply_motion(motion),
        }
    }

    /// In the triage layout, `j`/`k` move between documents while the reader has focus.
    pub fn triage_motion(&mut self, motion: Motion) {
        match motion {
            Motion::Down | Motion::Up => {
                self.list.apply_motion(motion, 1);
                self.show_selected();
            }
            other => self.reader.apply_motion(other),
        }
    }

    /// `Enter` in the notes pane: shows the selected highlight in the reader.
    pub fn jump_to_selected_highlight(&mut self) {
        let Some(super::NotesItem::Highlight(id)) = self.selected_note_item() else {
            return;
        };
        let start = self
            .current_path()
            .and_then(|p| self.notes_of(p))
            .and_then(|n| n.highlights.iter().find(|h| h.id == id))
            .map(|h| h.anchor.start);
        if let Some(start) = start {
            self.reader.move_to_offset(start);
            self.focus = Pane::Reader;
            self.relayout();
        }
    }

    /// Starts of the current document's highlights, in text order.
    pub fn highlight_starts(&self) -> Vec<usize> {
        self.current_path()
            .and_then(|p| self.notes_of(p))
            .map(|n| n.highlights.iter().map(|h| h.anchor.start).collect())
            .unwrap_or_default()
    }

    /// A mouse click: focus the pane under it and select what was clicked.
    pub fn click(&mut self, column: u16, row: u16) {
        let screen = self.screen();
        let Some(pane) = screen.pane_at(column, row) else {
            return;
        };
        let Some(rect) = screen.pane(pane) else {
            return;
        };
        self.focus = pane;
        let inner_row = usize::from(row.saturating_sub(rect.y + 1));
        match pane {
            Pane::Documents => {
                let p = self.list.offset + inner_row;
                if p < self.list.shown.len() {
                    self.list.selected = p;
                    self.show_selected();
                }
            }
            Pane::Reader => {
                let r = self.reader.scroll + inner_row;
                if let Some(super::Row::Text(range)) = self.reader.rows.get(r) {
                    let start = range.start;
                    self.reader.move_to_offset(start);
                }
            }
            Pane::Notes => {
                let width = usize::from(rect.width.saturating_sub(2));
                let lines = self.notes_lines(width);
                let offset = self.notes_offset(&lines, usize::from(rect.height.saturating_sub(2)));
                if let Some(item) = lines.get(offset + inner_row).and_then(|l| l.item) {
                    self.notes_selected = item;
                }
            }
        }
    }

    /// The mouse wheel: scrolls the pane under the pointer.
    pub fn wheel(&mut self, column: u16, row: u16, down: bool) {
        let Some(pane) = self.screen().pane_at(column, row) else {
            return;
        };
        let motion = if down { Motion::Down } else { Motion::Up };
        match pane {
            Pane::Reader => {
                for _ in 0..3 {
                    self.reader.apply_motion(motion);
                }
            }
            Pane::Documents => {
                for _ in 0..3 {
                    self.list.apply_motion(motion, self.list_height());
                }
                self.list.keep_in_view(self.list_height());
                self.show_selected();
            }
            Pane::Notes => {
                let focus = self.focus;
                self.focus = Pane::Notes;
                self.apply_motion(motion);
                self.focus = focus;
            }
        }
    }
}
