//! Small text measures shared by the command line and the screen: display width by
//! `unicode-width`, cutting at grapheme boundaries, and making any string safe to print.

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// Columns a string takes in a terminal.
pub fn width(s: &str) -> usize {
    s.width()
}

/// Cuts `s` to at most `max` columns, never inside a grapheme, ending with `…` when cut.
pub fn truncate(s: &str, max: usize) -> String {
    if width(s) <= max {
        return s.to_owned();
    }
    if max == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    for g in s.graphemes(true) {
        let w = width(g);
        if used + w > max - 1 {
            break;
        }
        out.push_str(g);
        used += w;
    }
    out.push('…');
    out
}

/// Pads `s` with spaces to `columns` (after truncating it to fit).
pub fn pad(s: &str, columns: usize) -> String {
    let mut out = truncate(s, columns);
    let w = width(&out);
    out.extend(std::iter::repeat_n(' ', columns.saturating_sub(w)));
    out
}

/// One line of printable text: runs of whitespace (line breaks too) become one space and
/// control characters are dropped, so a title or a file name cannot drive the terminal.
pub fn one_line(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars() {
        if c.is_whitespace() {
            space = !out.is_empty();
        } else if !c.is_control() && !matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
        {
            if space {
                out.push(' ');
                space = false;
            }
            out.push(c);
        }
    }
    out
}

/// `1 document`, `2 documents`: the count with the noun that fits it.
pub fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// A JSON value as one line that is safe in a terminal: serde_json escapes only the C0
/// controls, so DEL, the C1 controls (U+009B opens a CSI sequence on some terminals), the
/// line and paragraph separators and the bidirectional overrides are escaped here as
/// `\u007f`, `\u009b`, … A JSON reader gets the same text back.
pub fn json(value: &serde_json::Value) -> String {
    let mut out = Vec::new();
    let mut serializer = serde_json::Serializer::with_formatter(&mut out, TerminalSafe);
    // Writing to memory cannot fail, nor can a Value be refused; were it to, nothing is
    // printed rather than something half written.
    if serde::Serialize::serialize(value, &mut serializer).is_err() {
        return String::new();
    }
    String::from_utf8(out).unwrap_or_default()
}

/// serde_json's compact output with the characters of [`json`] escaped.
struct TerminalSafe;

impl serde_json::ser::Formatter for TerminalSafe {
    fn write_string_fragment<W: ?Sized + std::io::Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> std::io::Result<()> {
        let mut start = 0;
        for (i, c) in fragment.char_indices() {
            if matches!(c, '\u{7f}'..='\u{9f}' | '\u{2028}' | '\u{2029}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
            {
                writer.write_all(&fragment.as_bytes()[start..i])?;
                write!(writer, "\\u{:04x}", u32::from(c))?;
                start = i + c.len_utf8();
            }
        }
        writer.write_all(&fragment.as_bytes()[start..])
    }
}

/// Multi-line text safe to print: line breaks and tabs kept, every other control dropped.
pub fn printable(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_control() || matches!(c, '\n' | '\t'))
        .collect()
}

/// `name` fit for a file name on any system: letters, digits, `-`, `_` and `.` kept, all
/// else `_`, at most 64 characters, no leading dot (no hidden or `..` names), never empty.
/// The default notebook, the metadata cache and the word index of a corpus are all named
/// by it, so they agree on what a corpus is called.
pub fn file_safe(name: &str) -> String {
    let cleaned: String = name
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || matches!(c, '-' | '_' | '.') {
                c
            } else {
                '_'
            }
        })
        .take(64)
        .collect();
    let cleaned = cleaned.trim_start_matches('.');
    if cleaned.is_empty() {
        "corpus".to_owned()
    } else {
        cleaned.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_escapes_what_serde_json_leaves_raw_and_reads_back_the_same() {
        let text = "a\u{7f}b\u{9b}c\u{85}d\u{2028}e\u{202e}f\u{1b}g é";
        let line = json(&serde_json::json!({ "t": text }));
        assert_eq!(
            line,
            r#"{"t":"a\u007fb\u009bc\u0085d\u2028e\u202ef\u001bg é"}"#
        );
        let back: serde_json::Value = serde_json::from_str(&line).unwrap();
        assert_eq!(back["t"], text);
    }

    #[test]
    fn truncates_by_columns_not_bytes() {
        assert_eq!(truncate("日本語の文", 5), "日本…");
        assert_eq!(truncate("abc", 3), "abc");
        assert_eq!(pad("ab", 4), "ab  ");
    }

    #[test]
    fn one_line_drops_controls_and_joins_lines() {
        assert_eq!(one_line(" a\u{1b}[31m\nb\t c "), "a[31m b c");
    }
}
