//! Speaker turns (SPEC §10): a transcript split where a line or paragraph starts with a
//! speaker label, such as `THE PRESIDENT:`, `MR. SULLIVAN:` or a bare `Q` before the
//! question. It only reads a normalized text; it knows nothing of queries or the screen.
//!
//! What counts as a label, and what does not:
//! - `Q` or `Q:` at the start of a line, followed by whitespace (non-breaking spaces too)
//!   and then text on the same line;
//! - an upper-case label of at most six words ending in `:` (letters all upper case, digits,
//!   spaces, `.`, `'`, `’`, `-`, `&`), followed by whitespace and text on the same line;
//!   not a label: a line that is only the label (a salutation such as `TO THE CONGRESS OF
//!   THE UNITED STATES:`), memo and heading words (`SUBJECT:`, `NOTE:`, `FACT SHEET:`,
//!   `ARTICLE 5:` …), and a heading whose rest is upper case too (`UKRAINE: THE NEXT YEAR`);
//! - what a corpus's own pattern captures as `(?<speaker>…)` at the start of a line.
//!
//! A turn runs from its label to the next label (trailing whitespace left out) or the end
//! of the text; text before the first label belongs to no turn.

use regex::Regex;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// One speaker's turn: who, and where in the normalized text (byte offsets).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Turn {
    /// The speaker's label as written, without the colon, whitespace collapsed (`Q`,
    /// `THE PRESIDENT`).
    pub speaker: String,
    /// Where the label starts: the start of the turn.
    pub start: usize,
    /// Where the label (with its colon) ends and the spoken text begins.
    pub label_end: usize,
    /// The end of the turn: the next turn's label or the end of the text, trailing
    /// whitespace left out.
    pub end: usize,
}

impl Turn {
    /// True when the byte range lies wholly inside the turn.
    pub fn holds(&self, start: usize, end: usize) -> bool {
        self.start <= start && end <= self.end
    }

    /// True when the speaker's label contains `needle` (already lower case), ignoring case.
    pub fn is_by(&self, needle: &str) -> bool {
        self.speaker.to_lowercase().contains(needle)
    }
}

/// A corpus pattern for turns that cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TurnsError {
    /// Not a regular expression.
    #[error("the turns pattern {pattern:?} is not a regular expression: {message}")]
    Invalid {
        /// The pattern.
        pattern: String,
        /// What the regex crate said.
        message: String,
    },
    /// A pattern without a `speaker` group.
    #[error("the turns pattern {0:?} has no (?<speaker>…) group")]
    NoSpeaker(String),
}

/// Splits texts into turns: the standard labels, and a corpus's own pattern when it has one.
#[derive(Debug, Clone, Default)]
pub struct Splitter {
    custom: Option<Regex>,
}

/// Labels longer than this (in bytes, before the colon) are prose, not a speaker.
const MAX_LABEL: usize = 80;
/// Labels of more words than this are prose, not a speaker.
const MAX_WORDS: usize = 6;

/// Whole labels that head a memo, a note or a section rather than a turn.
const NOT_SPEAKERS: &[&str] = &[
    "AGENDA",
    "ATTENTION",
    "BACKGROUND",
    "BCC",
    "BREAKING",
    "CAUTION",
    "CC",
    "CONTACT",
    "CORRECTION",
    "DATE",
    "DATELINE",
    "EDITOR'S NOTE",
    "EDITOR’S NOTE",
    "EDITORS NOTE",
    "EMBARGOED",
    "FACT SHEET",
    "FOR IMMEDIATE RELEASE",
    "FROM",
    "HOW",
    "IMPORTANT",
    "LISTEN",
    "LOCATION",
    "MEDIA CONTACT",
    "NB",
    "N.B.",
    "NOTE",
    "NOTES",
    "P.S.",
    "PHOTO",
    "PHOTOS",
    "PLACE",
    "PS",
    "RE",
    "READ",
    "READOUT",
    "RELEASE",
    "SOURCE",
    "SOURCES",
    "SUBJECT",
    "SUMMARY",
    "TIME",
    "TO",
    "TOPIC",
    "TOPICS",
    "TRANSCRIPT",
    "UPDATE",
    "UPDATED",
    "VIDEO",
    "WARNING",
    "WATCH",
    "WHAT",
    "WHEN",
    "WHERE",
    "WHO",
    "WHY",
];

/// First words of numbered headings (`ARTICLE 5:`, `SECTION 2:`).
const HEADING_WORDS: &[&str] = &[
    "ANNEX",
    "APPENDIX",
    "ARTICLE",
    "CHAPTER",
    "GOAL",
    "OBJECTIVE",
    "PART",
    "PHASE",
    "PILLAR",
    "PRIORITY",
    "SECTION",
    "STEP",
    "TITLE",
];

impl Splitter {
    /// The standard labels only.
    pub fn standard() -> Splitter {
        Splitter::default()
    }

    /// The standard labels and, first, a corpus's own `pattern`: a regular expression
    /// with a `(?<speaker>…)` group, matched at the start of each line (after its
    /// indentation); the whole match is the label.
    pub fn with_pattern(pattern: &str) -> Result<Splitter, TurnsError> {
        let custom = Regex::new(pattern).map_err(|e| TurnsError::Invalid {
            pattern: pattern.to_owned(),
            // The regex crate's error draws the pattern with a caret under the fault, on
            // lines of their own: one line here, as every error is.
            message: crate::text::one_line(&e.to_string()),
        })?;
        if !custom.capture_names().any(|n| n == Some("speaker")) {
            return Err(TurnsError::NoSpeaker(pattern.to_owned()));
        }
        Ok(Splitter {
            custom: Some(custom),
        })
    }

    /// The turns of a normalized text, in order.
    pub fn split(&self, text: &str) -> Vec<Turn> {
        let mut turns: Vec<Turn> = Vec::new();
        let mut line_start = 0;
        for line in text.split_inclusive('\n') {
            let body = line.trim_end_matches(['\n', '\r']);
            let indent = body.len() - body.trim_start().len();
            let at = line_start + indent;
            if let Some((speaker, label_len)) = self.label(&body[indent..]) {
                if let Some(last) = turns.last_mut() {
                    last.end = trimmed_end(text, last.label_end, at);
                }
                turns.push(Turn {
                    speaker,
                    start: at,
                    label_end: at + label_len,
                    end: text.len(),
                });
            }
            line_start += line.len();
        }
        if let Some(last) = turns.last_mut() {
            last.end = trimmed_end(text, last.label_end, text.len());
        }
        turns
    }

    /// The speaker and the label's length in bytes, when `line` (without its indentation)
    /// starts with a label.
    fn label(&self, line: &str) -> Option<(String, usize)> {
        if let Some(custom) = &self.custom
            && let Some(caps) = custom.captures(line)
            && let Some(whole) = caps.get(0)
            && whole.start() == 0
            && whole.end() > 0
            && let Some(speaker) = caps.name("speaker")
        {
            let speaker = collapse(speaker.as_str());
            if !speaker.is_empty() {
                return Some((speaker, whole.end()));
            }
        }
        question(line).or_else(|| upper_case_label(line))
    }
}

/// Splits with the standard labels only.
pub fn split(text: &str) -> Vec<Turn> {
    Splitter::standard().split(text)
}

/// Each speaker's number of turns, by label.
pub fn speakers(turns: &[Turn]) -> BTreeMap<String, usize> {
    let mut out = BTreeMap::new();
    for t in turns {
        *out.entry(t.speaker.clone()).or_insert(0) += 1;
    }
    out
}

/// The turn holding byte `offset`, if any.
pub fn turn_at(turns: &[Turn], offset: usize) -> Option<&Turn> {
    let i = turns.partition_point(|t| t.start <= offset);
    let turn = turns.get(i.checked_sub(1)?)?;
    (offset < turn.end.max(turn.label_end)).then_some(turn)
}

/// `Q` or `Q:` followed by whitespace and then text.
fn question(line: &str) -> Option<(String, usize)> {
    let rest = line.strip_prefix('Q')?;
    let len = if rest.starts_with(':') { 2 } else { 1 };
    let after = &line[len..];
    (after.starts_with(char::is_whitespace) && !after.trim().is_empty())
        .then(|| ("Q".to_owned(), len))
}

/// `THE PRESIDENT:` followed by whitespace and text that is not upper case too.
fn upper_case_label(line: &str) -> Option<(String, usize)> {
    // One pass up to the colon that gives up at the first character no label has: most
    // lines of prose end here at their second letter.
    if !line
        .chars()
        .next()
        .is_some_and(|c| c.is_alphabetic() && c.is_uppercase())
    {
        return None;
    }
    let mut letters = 0;
    let mut colon = None;
    for (i, c) in line.char_indices() {
        if i > MAX_LABEL {
            return None;
        }
        if c == ':' {
            colon = Some(i);
            break;
        }
        if c.is_alphabetic() {
            if !c.is_uppercase() {
                return None;
            }
            letters += 1;
        } else if !(c.is_ascii_digit()
            || c.is_whitespace()
            || matches!(c, '.' | '\'' | '’' | '-' | '&'))
        {
            return None;
        }
    }
    let colon = colon?;
    let label = &line[..colon];
    let after = &line[colon + 1..];
    if !after.starts_with(char::is_whitespace) || after.trim().is_empty() {
        return None;
    }
    let speaker = collapse(label);
    let words: Vec<&str> = speaker.split(' ').collect();
    if letters < 2
        || words.len() > MAX_WORDS
        || NOT_SPEAKERS.contains(&speaker.as_str())
        || words.first().is_some_and(|w| HEADING_WORDS.contains(w))
        || is_heading(after)
    {
        return None;
    }
    Some((speaker, colon + 1))
}

/// True when the rest of a line is upper case as well: a heading, not speech. Stops at the
/// first lower-case letter, so a long paragraph after its label costs a few characters.
fn is_heading(rest: &str) -> bool {
    let mut letters = 0;
    for c in rest.chars().filter(|c| c.is_alphabetic()) {
        if c.is_lowercase() {
            return false;
        }
        letters += 1;
    }
    letters >= 3
}

/// Whitespace runs as one space, ends trimmed.
fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `end`, moved back over whitespace but not before `floor`.
fn trimmed_end(text: &str, floor: usize, end: usize) -> usize {
    let slice = text.get(floor..end).unwrap_or_default();
    floor + slice.trim_end().len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels(text: &str) -> Vec<String> {
        split(text).into_iter().map(|t| t.speaker).collect()
    }

    #[test]
    fn officials_and_questions_make_turns() {
        let text = "Briefing\n\nMR. SULLIVAN:  Good afternoon.\n\nQ    Thanks, Jake.\nQ: And?\n\
                    SECRETARY GENERAL:\u{a0}Yes.";
        let turns = split(text);
        assert_eq!(
            labels(text),
            ["MR. SULLIVAN", "Q", "Q", "SECRETARY GENERAL"]
        );
        assert_eq!(&text[turns[0].start..turns[0].label_end], "MR. SULLIVAN:");
        assert_eq!(
            &text[turns[0].start..turns[0].end],
            "MR. SULLIVAN:  Good afternoon."
        );
        assert_eq!(&text[turns[2].start..turns[2].end], "Q: And?");
        assert_eq!(turns[3].end, text.len());
    }

    #[test]
    fn non_breaking_space_after_q_counts() {
        assert_eq!(labels("Q\u{a0}\u{a0}Mr. President?"), ["Q"]);
    }

    #[test]
    fn prose_headings_and_memo_lines_are_not_turns() {
        let text = "SUBJECT: Designation of Kenya\nNOTE: this is a note.\n\
                    TO THE CONGRESS OF THE UNITED STATES:\nFACT SHEET: Biden\n\
                    UKRAINE: THE NEXT YEAR\nARTICLE 5: Collective defence\n\
                    Quite so: he said.\nQatar: a partner.\nQ1/2019 was good.\n\
                    The President: lower case.\nHTTPS://EXAMPLE.ORG is a link\n\
                    A: one letter\nTHE PRESIDENT:no space\nTHE PRESIDENT OF THE UNITED STATES OF AMERICA: long";
        assert_eq!(labels(text), Vec::<String>::new());
    }

    #[test]
    fn indented_labels_and_upper_case_replies_count() {
        let text = "  THE PRESIDENT: OK.\n\tMS. JEAN-PIERRE: Go ahead.";
        assert_eq!(labels(text), ["THE PRESIDENT", "MS. JEAN-PIERRE"]);
        assert_eq!(split(text)[0].start, 2);
    }

    #[test]
    fn a_custom_pattern_adds_labels() {
        let s = Splitter::with_pattern(r"^\[(?<speaker>[^\]]+)\]").unwrap();
        let text = "[Mrs Smith] Hello.\nMR. JONES: Hi.";
        let turns = s.split(text);
        let names: Vec<&str> = turns.iter().map(|t| t.speaker.as_str()).collect();
        assert_eq!(names, ["Mrs Smith", "MR. JONES"]);
        assert_eq!(turns[0].label_end, "[Mrs Smith]".len());
        assert!(matches!(
            Splitter::with_pattern("(x"),
            Err(TurnsError::Invalid { .. })
        ));
        assert_eq!(
            Splitter::with_pattern("^x:").unwrap_err(),
            TurnsError::NoSpeaker("^x:".into())
        );
    }

    #[test]
    fn speakers_count_turns_and_turn_at_finds_them() {
        let text = "Intro.\nQ  One?\nMR. A B: Yes.\nQ  Two?";
        let turns = split(text);
        let counts = speakers(&turns);
        assert_eq!(counts.get("Q"), Some(&2));
        assert_eq!(counts.get("MR. A B"), Some(&1));
        assert_eq!(turn_at(&turns, 0), None);
        assert_eq!(
            turn_at(&turns, text.find("Yes").unwrap()).unwrap().speaker,
            "MR. A B"
        );
        assert_eq!(turn_at(&turns, text.len() - 1).unwrap().speaker, "Q");
    }
}
