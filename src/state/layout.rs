//! Where each pane goes for a terminal size: three panes from 100 columns, two from 60, one
//! below that, and only a message under 40×10. `update` uses it for paging, scrolling and
//! mouse clicks; drawing uses the same rectangles.

use ratatui::layout::Rect;

/// The panes of the main screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Pane {
    /// The documents list.
    Documents,
    /// The reader.
    Reader,
    /// The notes of the current document.
    Notes,
}

impl Pane {
    /// Panes in focus order.
    pub const ALL: [Pane; 3] = [Pane::Documents, Pane::Reader, Pane::Notes];
}

/// Rectangles of the screen's parts; a pane not shown is `None`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Screen {
    /// The documents pane.
    pub documents: Option<Rect>,
    /// The reader pane.
    pub reader: Option<Rect>,
    /// The notes pane.
    pub notes: Option<Rect>,
    /// The triage bar (progress gauge and status keys) in the triage layout.
    pub triage_bar: Option<Rect>,
    /// The status bar.
    pub status: Rect,
    /// True when the terminal is too small for anything but a message.
    pub too_small: bool,
}

impl Screen {
    /// The rectangle of a pane, if shown.
    pub fn pane(&self, pane: Pane) -> Option<Rect> {
        match pane {
            Pane::Documents => self.documents,
            Pane::Reader => self.reader,
            Pane::Notes => self.notes,
        }
    }

    /// The pane under a screen cell.
    pub fn pane_at(&self, column: u16, row: u16) -> Option<Pane> {
        let pos = ratatui::layout::Position { x: column, y: row };
        Pane::ALL
            .into_iter()
            .find(|p| self.pane(*p).is_some_and(|r| r.contains(pos)))
    }
}

/// The smallest terminal dossier draws panes in.
pub const MIN_WIDTH: u16 = 40;
/// See [`MIN_WIDTH`].
pub const MIN_HEIGHT: u16 = 10;

/// Lays out a `width`×`height` screen with `focus` focused.
pub fn screen(width: u16, height: u16, focus: Pane, triage: bool) -> Screen {
    let full = Rect::new(0, 0, width, height);
    if width < MIN_WIDTH || height < MIN_HEIGHT {
        return Screen {
            status: full,
            too_small: true,
            ..Screen::default()
        };
    }
    let body = Rect::new(0, 0, width, height - 1);
    let status = Rect::new(0, height - 1, width, 1);
    if triage {
        let bar = Rect::new(0, body.height - 3, width, 3);
        let reader = Rect::new(0, 0, width, body.height - 3);
        return Screen {
            reader: Some(reader),
            triage_bar: Some(bar),
            status,
            ..Screen::default()
        };
    }
    let mut s = Screen {
        status,
        ..Screen::default()
    };
    if width >= 100 {
        let docs_w = width * 30 / 100;
        let notes_w = width * 24 / 100;
        let reader_w = width - docs_w - notes_w;
        s.documents = Some(Rect::new(0, 0, docs_w, body.height));
        s.reader = Some(Rect::new(docs_w, 0, reader_w, body.height));
        s.notes = Some(Rect::new(docs_w + reader_w, 0, notes_w, body.height));
    } else if width >= 60 {
        // Two panes: the reader and whichever side pane has (or last had) the focus.
        let side_w = width * 38 / 100;
        let (side_pane, left) = match focus {
            Pane::Notes => (Pane::Notes, false),
            _ => (Pane::Documents, true),
        };
        let (side, reader) = if left {
            (
                Rect::new(0, 0, side_w, body.height),
                Rect::new(side_w, 0, width - side_w, body.height),
            )
        } else {
            (
                Rect::new(width - side_w, 0, side_w, body.height),
                Rect::new(0, 0, width - side_w, body.height),
            )
        };
        s.reader = Some(reader);
        match side_pane {
            Pane::Notes => s.notes = Some(side),
            _ => s.documents = Some(side),
        }
    } else {
        match focus {
            Pane::Documents => s.documents = Some(body),
            Pane::Reader => s.reader = Some(body),
            Pane::Notes => s.notes = Some(body),
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pane_count_follows_the_width() {
        let count = |w| {
            let s = screen(w, 30, Pane::Documents, false);
            Pane::ALL.iter().filter(|p| s.pane(**p).is_some()).count()
        };
        assert_eq!(count(120), 3);
        assert_eq!(count(100), 3);
        assert_eq!(count(80), 2);
        assert_eq!(count(59), 1);
        assert!(screen(39, 30, Pane::Reader, false).too_small);
        assert!(screen(80, 9, Pane::Reader, false).too_small);
    }

    #[test]
    fn panes_tile_the_width() {
        let s = screen(123, 30, Pane::Reader, false);
        let total: u16 = Pane::ALL
            .iter()
            .filter_map(|p| s.pane(*p))
            .map(|r| r.width)
            .sum();
        assert_eq!(total, 123);
        assert_eq!(s.pane_at(50, 3), Some(Pane::Reader));
    }
}
