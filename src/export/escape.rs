//! Text into Markdown that reads back as the same text. Titles, notes, quotes and metadata
//! may hold anything (`*`, `#`, `<div>`, `1.` at a line start, line breaks); here every
//! character that a CommonMark reader (or GitHub, Obsidian, pandoc) could take for syntax is
//! backslash-escaped, so the exported file never turns an analyst's text into a heading, a
//! list, a link, emphasis, HTML or code.
//!
//! Whitespace is the one thing Markdown cannot keep: each line is trimmed, runs of blank
//! lines become one paragraph break, and a single line break becomes a hard break (two
//! trailing spaces, which CommonMark, GitHub, Obsidian and pandoc all honour).

use std::fmt::Write;

/// A text as Markdown paragraphs: each paragraph a list of escaped lines, each line safe at
/// the start of a line or of a block (list item, block quote). Empty when the text is blank.
pub fn paragraphs(text: &str) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    let mut current = Vec::new();
    for raw in split_lines(text) {
        let clean = clean(raw);
        let clean = clean.trim();
        if clean.is_empty() {
            if !current.is_empty() {
                out.push(std::mem::take(&mut current));
            }
        } else {
            current.push(escape(clean, true));
        }
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

/// One line of text, escaped so that it is safe at the start of a line: whitespace runs
/// (line breaks too) become one space and control characters are dropped first.
pub fn line(text: &str) -> String {
    escape(&crate::text::one_line(text), true)
}

/// One line of text, escaped for use after other text on the same line.
pub fn inline(text: &str) -> String {
    escape(&crate::text::one_line(text), false)
}

/// A tag as Obsidian writes it: `#` and the name, spaces as `-`, levels kept with `/`.
pub fn tag(name: &str) -> String {
    let name = crate::text::one_line(name).replace(' ', "-");
    format!("#{}", escape(&name, false))
}

/// `text` as a code span, for paths and queries: literal, whatever backticks it holds.
/// Empty text gives an empty string (an empty code span is not Markdown).
pub fn code_span(text: &str) -> String {
    let text = crate::text::one_line(text);
    if text.is_empty() {
        return String::new();
    }
    let longest_run = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest_run + 1);
    // A span that starts or ends with a backtick needs a space inside each fence; the
    // reader strips exactly one on each side.
    let pad = if text.starts_with('`') || text.ends_with('`') {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{text}{pad}{fence}")
}

/// Writes paragraphs as one block: `first` before the first line, `rest` before every other
/// line, `blank` as the line between paragraphs (`> `/`> `/`>` for a block quote; `- `/`  `/``
/// for a list item). Lines of a paragraph are joined by hard breaks. `wrap` goes around
/// each paragraph (`*` for emphasis; the paragraphs' text must be trimmed, as it is).
pub fn write_block(
    out: &mut String,
    paragraphs: &[Vec<String>],
    first: &str,
    rest: &str,
    blank: &str,
    wrap: &str,
) {
    for (p, paragraph) in paragraphs.iter().enumerate() {
        if p > 0 {
            out.push_str(blank);
            out.push('\n');
        }
        for (l, text) in paragraph.iter().enumerate() {
            out.push_str(if p == 0 && l == 0 { first } else { rest });
            if l == 0 {
                out.push_str(wrap);
            }
            out.push_str(text);
            if l + 1 < paragraph.len() {
                out.push_str("  \n");
            } else {
                out.push_str(wrap);
                out.push('\n');
            }
        }
    }
}

/// A YAML double-quoted scalar holding exactly `text`.
pub fn yaml_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            '\u{85}' => out.push_str("\\N"),
            '\u{2028}' => out.push_str("\\L"),
            '\u{2029}' => out.push_str("\\P"),
            c if yaml_printable(c) => out.push(c),
            c if u32::from(c) <= 0xFF => {
                let _ = write!(out, "\\x{:02X}", u32::from(c));
            }
            c if u32::from(c) <= 0xFFFF => {
                let _ = write!(out, "\\u{:04X}", u32::from(c));
            }
            c => {
                let _ = write!(out, "\\U{:08X}", u32::from(c));
            }
        }
    }
    out.push('"');
    out
}

/// YAML 1.2's printable characters (`c-printable`), less the byte-order mark.
fn yaml_printable(c: char) -> bool {
    matches!(u32::from(c), 0x20..=0x7E | 0xA0..=0xD7FF | 0xE000..=0xFFFD | 0x10000..=0x10FFFF)
        && c != '\u{FEFF}'
}

/// Lines split at LF, CRLF and CR (all line endings to a Markdown reader), and at the
/// Unicode line and paragraph separators, which the store also reads as line breaks.
fn split_lines(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = Some(text);
    std::iter::from_fn(move || {
        let current = rest?;
        match current.find(['\n', '\r', '\u{2028}', '\u{2029}']) {
            None => {
                rest = None;
                Some(current)
            }
            Some(i) => {
                let ending = if current[i..].starts_with("\r\n") {
                    2
                } else {
                    current[i..].chars().next().map_or(1, char::len_utf8)
                };
                rest = Some(&current[i + ending..]);
                Some(&current[..i])
            }
        }
    })
}

/// Drops control characters (tabs become spaces) and bidirectional overrides, which could
/// drive a terminal the export is printed to or reorder the text on screen.
fn clean(line: &str) -> String {
    line.chars()
        .filter_map(|c| match c {
            '\t' => Some(' '),
            c if c.is_control() => None,
            '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' => None,
            c => Some(c),
        })
        .collect()
}

/// Backslash-escapes what could be read as syntax. `at_line_start` adds the block-level
/// markers that matter only there (list items, quotes, setext underlines, definitions).
fn escape(text: &str, at_line_start: bool) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    // `1.` or `1)` opening a line would start an ordered list: escape its punctuation.
    let digits = chars.iter().take_while(|c| c.is_ascii_digit()).count();
    let list_number =
        at_line_start && digits > 0 && matches!(chars.get(digits), Some('.') | Some(')'));
    for (i, &c) in chars.iter().enumerate() {
        let before = i.checked_sub(1).and_then(|j| chars.get(j)).copied();
        let after = chars.get(i + 1).copied();
        let escape = match c {
            // Code, emphasis, links, HTML and autolinks, headings and Obsidian tags, tables,
            // strikethrough and subscript, math, superscript, pandoc attributes.
            '\\' | '`' | '*' | '[' | ']' | '<' | '#' | '|' | '~' | '$' | '^' | '{' | '}' => true,
            // `snake_case` cannot open emphasis; an underscore beside anything else can.
            '_' => {
                !(before.is_some_and(char::is_alphanumeric)
                    && after.is_some_and(char::is_alphanumeric))
            }
            // Only `&name;` and `&#1;` are entities.
            '&' => after.is_some_and(|a| a.is_ascii_alphanumeric() || a == '#'),
            // `==` is Obsidian's highlight.
            '=' => i == 0 && at_line_start || before == Some('=') || after == Some('='),
            '-' | '+' | '>' | ':' => i == 0 && at_line_start,
            '.' | ')' => list_number && i == digits,
            _ => false,
        };
        if escape {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn syntax_is_escaped_and_prose_is_left_alone() {
        assert_eq!(line("# not a heading"), "\\# not a heading");
        assert_eq!(line("1. not a list"), "1\\. not a list");
        assert_eq!(line("2019) neither"), "2019\\) neither");
        assert_eq!(line("- nor this"), "\\- nor this");
        assert_eq!(line("NATO & EU - 5 = 5"), "NATO & EU - 5 = 5");
        assert_eq!(line("snake_case *x* _y_"), "snake_case \\*x\\* \\_y\\_");
        assert_eq!(line("&amp; <b>[a](b)</b>"), "\\&amp; \\<b>\\[a\\](b)\\</b>");
        assert_eq!(inline("- and > mid-line"), "- and > mid-line");
    }

    #[test]
    fn code_spans_hold_any_backticks() {
        assert_eq!(code_span("a.txt"), "`a.txt`");
        assert_eq!(code_span("a`b"), "``a`b``");
        assert_eq!(code_span("`x"), "`` `x ``");
        assert_eq!(code_span(""), "");
    }

    #[test]
    fn paragraphs_split_at_blank_lines_and_trim() {
        let p = paragraphs("  one\r\ntwo\n\n\n\t\nthree  ");
        assert_eq!(p, vec![vec!["one", "two"], vec!["three"]]);
        assert!(paragraphs(" \n\u{3000}\n").is_empty());
    }

    #[test]
    fn yaml_strings_escape_quotes_and_controls() {
        assert_eq!(
            yaml_string("a \"b\" \\ c\n\u{1b}"),
            "\"a \\\"b\\\" \\\\ c\\n\\x1B\""
        );
    }
}
