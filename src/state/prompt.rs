//! One-line prompts: the documents query, the reader's search, the tag prompt with fuzzy
//! completion over the codebook, and the export file name. The text is edited by
//! `ratatui-textarea`, so the usual line-editing keys work.

use crate::action::PromptKind;
use crate::keymap::Key;
use crate::notebook::{Notebook, Tag};
use fuzzy_matcher::FuzzyMatcher;
use ratatui::crossterm::event::KeyEvent;
use ratatui_textarea::TextArea;
use std::ops::Range;

/// What a tag prompt applies to, fixed when it opens.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TagTarget {
    /// Whole documents (corpus indices).
    Documents(Vec<usize>),
    /// A passage of a document: a new highlight, or an existing one with that range.
    Passage {
        /// Corpus index.
        doc: usize,
        /// Byte range.
        range: Range<usize>,
    },
    /// An existing highlight.
    Highlight {
        /// Corpus index.
        doc: usize,
        /// Its id.
        id: String,
    },
    /// Hits of the KWIC view, each to become a highlight of its span or its `scope`.
    Hits {
        /// (corpus index, byte range of the hit), in the view's order.
        hits: Vec<(usize, Range<usize>)>,
        /// What each highlight spans.
        scope: crate::query::Scope,
    },
}

/// A codebook tag offered by the tag prompt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Completion {
    /// The tag's name.
    pub name: String,
    /// Its hotkey.
    pub key: Option<char>,
}

/// An open prompt.
#[derive(Debug, Clone)]
pub struct Prompt {
    /// What it is for.
    pub kind: PromptKind,
    /// The text being edited.
    pub input: TextArea<'static>,
    /// Tag completions, best first.
    pub completions: Vec<Completion>,
    /// Why the last submit was refused; the prompt stays open with its text.
    pub error: Option<String>,
    /// Where `↑`/`↓` are in the history (None: the text being typed).
    pub history_pos: Option<usize>,
    /// The text before the history was browsed.
    pub draft: String,
    /// For the tag prompt: what it applies to.
    pub target: Option<TagTarget>,
    /// For the query prompt: the query before it opened, restored on `Esc`.
    pub previous: String,
    /// For the autocode prompt: how much text around each hit to highlight.
    pub scope: crate::query::Scope,
}

impl Prompt {
    /// A prompt holding `text`.
    pub fn new(kind: PromptKind, text: &str) -> Prompt {
        Prompt {
            kind,
            input: line_input(text),
            completions: Vec::new(),
            error: None,
            history_pos: None,
            draft: String::new(),
            target: None,
            previous: String::new(),
            scope: crate::query::Scope::Sentence,
        }
    }

    /// The text typed.
    pub fn text(&self) -> String {
        self.input.lines().concat()
    }

    /// Replaces the text, cursor at the end.
    pub fn set_text(&mut self, text: &str) {
        self.input = line_input(text);
    }

    /// Feeds a typed key to the text; true when the text changed.
    pub fn type_key(&mut self, key: Key) -> bool {
        let before = self.text();
        // One line only: a pasted or typed line break never enters a prompt.
        if matches!(key.code, ratatui::crossterm::event::KeyCode::Enter) {
            return false;
        }
        self.input.input(KeyEvent::new(key.code, key.mods));
        self.error = None;
        self.text() != before
    }

    /// Inserts pasted text at the cursor in one edit (line breaks become spaces, other
    /// controls are dropped: a prompt is one line); true when the text changed.
    pub fn paste(&mut self, text: &str) -> bool {
        let line = one_line_paste(text);
        self.error = None;
        self.input.insert_str(line)
    }

    /// Recomputes the tag completions for the segment being typed.
    pub fn complete_tags(&mut self, notebook: &Notebook) {
        let text = self.text();
        let current = current_segment(&text);
        self.completions = tag_completions(&notebook.codebook, current, 8);
    }

    /// `Tab`: replaces the segment being typed by the best completion.
    pub fn accept_completion(&mut self) -> bool {
        let Some(best) = self.completions.first().map(|c| c.name.clone()) else {
            return false;
        };
        let text = self.text();
        let cut = text.rfind(',').map_or(0, |i| i + 1);
        let segment = &text[cut..];
        let sign = if segment.trim_start().starts_with('-') {
            "-"
        } else {
            ""
        };
        let lead = if cut > 0 { " " } else { "" };
        let new = format!("{}{lead}{sign}{best}", &text[..cut]);
        self.set_text(&new);
        true
    }
}

/// A one-line text area holding `text`, the cursor at its end.
fn line_input(text: &str) -> TextArea<'static> {
    let mut input = TextArea::new(vec![text.to_owned()]);
    input.set_cursor_line_style(ratatui::style::Style::new());
    input.move_cursor(ratatui_textarea::CursorMove::End);
    input
}

/// Pasted text for a one-line prompt: each line break (`\r\n`, `\r` or `\n`) and tab a
/// space, other control characters dropped.
fn one_line_paste(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                chars.next_if_eq(&'\n');
                out.push(' ');
            }
            '\n' | '\t' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// The tag being typed: the text after the last comma, without a leading `-`.
fn current_segment(text: &str) -> &str {
    let segment = text.rsplit(',').next().unwrap_or("");
    segment.trim_start().trim_start_matches('-').trim()
}

/// Codebook tags for `typed`, best fuzzy match first; all tags by name when nothing is typed.
pub fn tag_completions(codebook: &[Tag], typed: &str, max: usize) -> Vec<Completion> {
    let to_completion = |t: &Tag| Completion {
        name: t.name.clone(),
        key: t.key,
    };
    if typed.is_empty() {
        return codebook.iter().take(max).map(to_completion).collect();
    }
    let matcher = fuzzy_matcher::skim::SkimMatcherV2::default().ignore_case();
    let mut scored: Vec<(i64, &Tag)> = codebook
        .iter()
        .filter_map(|t| matcher.fuzzy_match(&t.name, typed).map(|s| (s, t)))
        .collect();
    scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.name.cmp(&b.1.name)));
    scored
        .into_iter()
        .take(max)
        .map(|(_, t)| to_completion(t))
        .collect()
}

/// One edit of the tag prompt: add or remove a tag.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TagEdit {
    /// The tag's name.
    pub tag: String,
    /// True for `-tag`.
    pub remove: bool,
}

/// Parses `a, b/c, -d` into edits; an empty or invalid tag is an error naming it.
pub fn parse_tag_edits(text: &str) -> Result<Vec<TagEdit>, crate::notebook::TagError> {
    let mut edits = Vec::new();
    for part in text.split(',') {
        let part = part.trim();
        if part.is_empty() && text.contains(',') {
            continue;
        }
        let (remove, name) = match part.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, part),
        };
        let tag = crate::notebook::model::clean_tag(name)?;
        if !edits
            .iter()
            .any(|e: &TagEdit| e.tag == tag && e.remove == remove)
        {
            edits.push(TagEdit { tag, remove });
        }
    }
    Ok(edits)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tag_edits_parse_lists_and_removals() {
        let edits = parse_tag_edits("cyber, -5g ,policy/defence").unwrap();
        assert_eq!(
            edits,
            [
                TagEdit {
                    tag: "cyber".into(),
                    remove: false
                },
                TagEdit {
                    tag: "5g".into(),
                    remove: true
                },
                TagEdit {
                    tag: "policy/defence".into(),
                    remove: false
                },
            ]
        );
        assert!(parse_tag_edits("  ").is_err());
        assert!(parse_tag_edits("-").is_err());
    }

    #[test]
    fn completion_ranks_codebook_tags() {
        let codebook = vec![
            Tag::named("cyber"),
            Tag::named("hybrid"),
            Tag::named("policy/cyber-defence"),
        ];
        let c = tag_completions(&codebook, "cyb", 8);
        assert_eq!(c[0].name, "cyber");
        assert_eq!(c.len(), 2);
        let mut p = Prompt::new(PromptKind::Tag, "hybrid, -cy");
        p.complete_tags(&Notebook {
            codebook,
            ..Notebook::new("x")
        });
        assert!(p.accept_completion());
        assert_eq!(p.text(), "hybrid, -cyber");
    }
}
