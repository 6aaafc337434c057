//! The reader: the open document laid out in rows for the pane's width, the sentence cursor,
//! the visual selection, the scroll position and the in-document search.

use super::wrap;
use crate::action::{Dir, Motion};
use crate::segment;
use crate::store::{Corpus, Document};
use std::ops::Range;

/// A row of the reader.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Row {
    /// A row of the metadata header.
    Header(String, HeaderStyle),
    /// A row of the text: its byte range.
    Text(Range<usize>),
}

/// How a header row is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HeaderStyle {
    /// The title.
    Title,
    /// Place, date, kind, speaker.
    Meta,
    /// A repair the store made.
    Warning,
    /// The blank row before the text.
    Blank,
}

/// Where the reader was in a document, kept for the session.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Position {
    /// First row shown.
    pub scroll: usize,
    /// Sentence of the cursor.
    pub cursor: usize,
}

/// A search in the document.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Search {
    /// What was searched.
    pub text: String,
    /// Byte ranges of the matches.
    pub matches: Vec<Range<usize>>,
    /// The current match.
    pub current: usize,
    /// True when the matches are the documents query's phrases, not a search of the reader.
    pub from_query: bool,
}

/// The reader pane's state.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ReaderView {
    /// The open document's path.
    pub path: Option<String>,
    /// Its index in the corpus.
    pub doc: Option<usize>,
    /// Its rows for the current width.
    pub rows: Vec<Row>,
    /// Text columns the rows were made for.
    pub width: usize,
    /// Rows that fit in the pane.
    pub height: usize,
    /// First row shown.
    pub scroll: usize,
    /// The document's sentences.
    pub sentences: Vec<Range<usize>>,
    /// The document's paragraphs.
    pub paragraphs: Vec<Range<usize>>,
    /// The sentence of the cursor.
    pub cursor: usize,
    /// Where a selection started (a sentence), when selecting.
    pub selection: Option<usize>,
    /// The search, if any.
    pub search: Option<Search>,
    /// The speaker labels of the document's turns (SPEC §10), drawn in bold, in order.
    pub turn_labels: Vec<Range<usize>>,
    header_rows: usize,
    text_rows: Vec<Range<usize>>,
}

impl ReaderView {
    /// Opens a document at a remembered position.
    pub fn open(
        &mut self,
        doc: Option<(usize, &Document)>,
        position: Position,
        size: (usize, usize),
    ) {
        let search = self.search.take().map(|s| s.text);
        *self = ReaderView::default();
        let Some((index, doc)) = doc else { return };
        self.path = Some(doc.path.clone());
        self.doc = Some(index);
        self.sentences = segment::sentences(&doc.text);
        self.paragraphs = segment::paragraphs(&doc.text);
        self.turn_labels = doc
            .meta
            .turns
            .iter()
            .map(|t| t.start..t.label_end)
            .collect();
        self.layout(doc, size);
        self.cursor = position.cursor.min(self.sentences.len().saturating_sub(1));
        self.scroll = position.scroll;
        self.clamp_scroll();
        if let Some(text) = search {
            self.search_for(&doc.text, &text);
        }
    }

    /// Lays the document out again when the pane's size changed.
    pub fn relayout(&mut self, corpus: &Corpus, size: (usize, usize)) {
        if (self.width, self.height) == size {
            return;
        }
        let Some(doc) = self.doc.and_then(|i| corpus.documents.get(i)) else {
            self.width = size.0;
            self.height = size.1;
            return;
        };
        self.layout(doc, size);
        self.keep_cursor_in_view();
    }

    fn layout(&mut self, doc: &Document, (width, height): (usize, usize)) {
        self.width = width;
        self.height = height;
        let mut rows = Vec::new();
        let mut header = |text: &str, style: HeaderStyle| {
            for r in wrap::wrap(text, width) {
                rows.push(Row::Header(text[r].to_owned(), style));
            }
        };
        header(&doc.meta.title, HeaderStyle::Title);
        let m = &doc.meta;
        let date = m.date.map(|d| d.to_string()).or_else(|| m.dateline.clone());
        let meta: Vec<String> = [
            m.place.clone(),
            date,
            m.kind.clone(),
            m.speaker.clone(),
            m.delivery.clone(),
        ]
        .into_iter()
        .flatten()
        .map(|s| crate::text::one_line(&s))
        .collect();
        if !meta.is_empty() {
            header(&meta.join(" · "), HeaderStyle::Meta);
        }
        // The extra fields (SPEC §10), `name: value`, on their own row.
        let fields: Vec<String> = m
            .fields
            .iter()
            .filter(|(_, v)| !v.trim().is_empty())
            .map(|(k, v)| crate::text::one_line(&format!("{k}: {v}")))
            .collect();
        if !fields.is_empty() {
            header(&fields.join(" · "), HeaderStyle::Meta);
        }
        for w in &doc.warnings {
            header(
                &format!("⚠ {}", crate::text::one_line(w)),
                HeaderStyle::Warning,
            );
        }
        if !doc.loaded {
            rows.push(Row::Header(
                "loading the text…".to_owned(),
                HeaderStyle::Warning,
            ));
        }
        rows.push(Row::Header(String::new(), HeaderStyle::Blank));
        self.header_rows = rows.len();
        self.text_rows = wrap::wrap(&doc.text, width);
        rows.extend(self.text_rows.iter().cloned().map(Row::Text));
        self.rows = rows;
    }

    /// The row where byte `offset` of the text is.
    pub fn row_of(&self, offset: usize) -> usize {
        self.header_rows + wrap::row_of(&self.text_rows, offset)
    }

    /// The remembered position.
    pub fn position(&self) -> Position {
        Position {
            scroll: self.scroll,
            cursor: self.cursor,
        }
    }

    /// The cursor's sentence.
    pub fn cursor_range(&self) -> Option<Range<usize>> {
        self.sentences.get(self.cursor).cloned()
    }

    /// The selection, or the cursor's sentence: what `t` and `a` act on.
    pub fn target_range(&self) -> Option<Range<usize>> {
        let a = self.selection.unwrap_or(self.cursor);
        let (first, last) = (a.min(self.cursor), a.max(self.cursor));
        let start = self.sentences.get(first)?.start;
        let end = self.sentences.get(last)?.end;
        Some(start..end)
    }

    fn max_scroll(&self) -> usize {
        self.rows.len().saturating_sub(self.height.max(1))
    }

    fn clamp_scroll(&mut self) {
        self.scroll = self.scroll.min(self.max_scroll());
    }

    /// Scrolls so the cursor's sentence starts in view.
    pub fn keep_cursor_in_view(&mut self) {
        let Some(range) = self.cursor_range() else {
            self.clamp_scroll();
            return;
        };
        let (top, bottom) = (
            self.row_of(range.start),
            self.row_of(range.end.saturating_sub(1)),
        );
        let height = self.height.max(1);
        if top < self.scroll {
            self.scroll = top;
        } else if bottom >= self.scroll + height {
            // Show the whole sentence if it fits, else its start.
            self.scroll = if bottom - top < height {
                bottom + 1 - height
            } else {
                top
            };
        }
        if self.cursor == 0 && self.scroll <= self.header_rows {
            self.scroll = 0;
        }
        self.clamp_scroll();
    }

    /// After scrolling, moves the cursor onto a sentence that is in view.
    fn cursor_into_view(&mut self) {
        let Some(range) = self.cursor_range() else {
            return;
        };
        let height = self.height.max(1);
        let row = self.row_of(range.start);
        if row >= self.scroll && row < self.scroll + height {
            return;
        }
        let visible = |r: &Range<usize>| {
            let row = self.row_of(r.start);
            row >= self.scroll && row < self.scroll + height
        };
        if let Some(i) = self.sentences.iter().position(visible) {
            self.cursor = i;
        }
    }

    /// j/k/g/G/paging: scrolls the text; the cursor follows into view.
    pub fn apply_motion(&mut self, motion: Motion) {
        let height = self.height.max(1);
        match motion {
            Motion::Down => self.scroll += 1,
            Motion::Up => self.scroll = self.scroll.saturating_sub(1),
            Motion::Top => {
                self.scroll = 0;
                self.cursor = 0;
            }
            Motion::Bottom => {
                self.scroll = self.max_scroll();
                self.cursor = self.sentences.len().saturating_sub(1);
            }
            Motion::PageDown => self.scroll += height.saturating_sub(1).max(1),
            Motion::PageUp => {
                self.scroll = self.scroll.saturating_sub(height.saturating_sub(1).max(1))
            }
            Motion::HalfDown => self.scroll += (height / 2).max(1),
            Motion::HalfUp => self.scroll = self.scroll.saturating_sub((height / 2).max(1)),
        }
        self.clamp_scroll();
        self.cursor_into_view();
    }

    /// `)` and `(`.
    pub fn move_sentence(&mut self, dir: Dir) {
        self.cursor = match dir {
            Dir::Next => (self.cursor + 1).min(self.sentences.len().saturating_sub(1)),
            Dir::Prev => self.cursor.saturating_sub(1),
        };
        self.keep_cursor_in_view();
    }

    /// `}` and `{`: to the first sentence of the next or previous paragraph.
    pub fn move_paragraph(&mut self, dir: Dir) {
        let Some(here) = self.cursor_range() else {
            return;
        };
        let Some(p) = segment::index_at(&self.paragraphs, here.start) else {
            return;
        };
        let target = match dir {
            Dir::Next => self.paragraphs.get(p + 1),
            Dir::Prev => {
                // From inside a paragraph, `{` goes to its start first.
                let start = self.paragraphs[p].start;
                if here.start > start {
                    self.paragraphs.get(p)
                } else {
                    p.checked_sub(1).and_then(|q| self.paragraphs.get(q))
                }
            }
        };
        if let Some(t) = target
            && let Some(s) = segment::index_at(&self.sentences, t.start)
        {
            self.cursor = s;
        }
        self.keep_cursor_in_view();
    }

    /// Moves the cursor to the sentence holding `offset`.
    pub fn move_to_offset(&mut self, offset: usize) {
        if let Some(s) = segment::index_at(&self.sentences, offset) {
            self.cursor = s;
        }
        self.keep_cursor_in_view();
    }

    /// `]` and `[`: to the next or previous of the given highlight starts.
    pub fn jump_highlight(&mut self, starts: &[usize], dir: Dir) -> bool {
        let Some(here) = self.cursor_range() else {
            return false;
        };
        // Highlights that start in the cursor's sentence are where we are, not where we go.
        let target = match dir {
            Dir::Next => starts.iter().copied().find(|&s| s >= here.end),
            Dir::Prev => starts.iter().copied().rfind(|&s| s < here.start),
        };
        match target {
            Some(t) => {
                self.move_to_offset(t);
                true
            }
            None => false,
        }
    }

    /// `>` and `<`: to the next or previous speaker turn; false when there is none that way.
    /// From inside a turn, `<` goes to its start first.
    pub fn move_turn(&mut self, dir: Dir) -> bool {
        let Some(here) = self.cursor_range() else {
            return false;
        };
        let target = match dir {
            Dir::Next => self.turn_labels.iter().find(|l| l.start >= here.end),
            Dir::Prev => self.turn_labels.iter().rfind(|l| l.start < here.start),
        }
        .map(|l| l.start);
        match target {
            Some(t) => {
                self.move_to_offset(t);
                true
            }
            None => false,
        }
    }

    /// Finds `needle` in `text` as the query language finds a phrase (ignoring case, any
    /// run of whitespace for any other) and moves to the first match after the cursor.
    pub fn search_for(&mut self, text: &str, needle: &str) -> usize {
        let matches: Vec<Range<usize>> = crate::query::Phrase::new(needle)
            .map(|phrase| phrase.find_in(text).collect())
            .unwrap_or_default();
        let count = matches.len();
        let here = self.cursor_range().map_or(0, |r| r.start);
        let current = matches.iter().position(|m| m.start >= here).unwrap_or(0);
        self.search = Some(Search {
            text: needle.to_owned(),
            matches,
            current,
            from_query: false,
        });
        self.goto_match();
        count
    }

    /// `n` and `N`.
    pub fn next_match(&mut self, dir: Dir) -> Option<(usize, usize)> {
        let search = self.search.as_mut()?;
        let n = search.matches.len();
        if n == 0 {
            return None;
        }
        search.current = match dir {
            Dir::Next => (search.current + 1) % n,
            Dir::Prev => (search.current + n - 1) % n,
        };
        let at = (search.current + 1, n);
        self.goto_match();
        Some(at)
    }

    fn goto_match(&mut self) {
        let Some(m) = self
            .search
            .as_ref()
            .and_then(|s| s.matches.get(s.current))
            .cloned()
        else {
            return;
        };
        self.reveal(m.start);
    }

    /// Moves the cursor to the sentence holding `offset` and makes sure the row of
    /// `offset` itself is on screen (in a long sentence it may be far below its start).
    pub fn reveal(&mut self, offset: usize) {
        self.move_to_offset(offset);
        let row = self.row_of(offset);
        let height = self.height.max(1);
        if row < self.scroll || row >= self.scroll + height {
            self.scroll = row.saturating_sub(height / 2);
            self.clamp_scroll();
        }
    }
}
