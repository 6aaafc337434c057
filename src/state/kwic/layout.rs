//! Where the KWIC view's two parts go: the hits above, the dispersion strips (one row per
//! document with hits) below, over the whole body of the screen.

use ratatui::layout::Rect;

/// The rectangles of the KWIC view.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KwicScreen {
    /// The hits, one a row, with borders.
    pub hits: Rect,
    /// The dispersion strips, with borders.
    pub strips: Rect,
}

/// The view on a `width`×`height` terminal (status bar excluded) for hits in `documents`
/// documents; `None` when the terminal is too small for panes.
pub fn kwic(width: u16, height: u16, documents: usize) -> Option<KwicScreen> {
    if width < super::super::layout::MIN_WIDTH || height < super::super::layout::MIN_HEIGHT {
        return None;
    }
    let body = height - 1;
    // A quarter of the body at most, and never more rows than documents.
    let most = (body / 4).max(3);
    let wanted = u16::try_from(documents.max(1))
        .unwrap_or(u16::MAX)
        .saturating_add(2);
    let strips = wanted.min(most);
    Some(KwicScreen {
        hits: Rect::new(0, 0, width, body - strips),
        strips: Rect::new(0, body - strips, width, strips),
    })
}
