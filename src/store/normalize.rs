//! Turns the raw bytes of a file into the normalized text every other part works on.
//!
//! The normalized text is UTF-8 with `\n` line ends, no byte-order mark and no control
//! character but `\n` and `\t`, so nothing a document holds can ever drive the terminal.
//! Offsets of the notebook's anchors point into this text, so the rules here must stay stable.

/// What normalization had to repair, for the warning line of a document.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Repairs {
    /// Invalid UTF-8 sequences replaced by U+FFFD.
    pub invalid_utf8: usize,
    /// Control characters and escape sequences removed.
    pub controls_removed: usize,
    /// Byte-order marks removed (invisible, so not worth a warning).
    pub marks_removed: usize,
}

impl Repairs {
    /// True when the text needed no repair at all: its bytes are valid UTF-8 that
    /// normalization changes only in line ends (and trimmed blank lines).
    pub fn none(&self) -> bool {
        *self == Repairs::default()
    }

    /// One human sentence for the warning line, or `None` when nothing was repaired.
    pub fn describe(&self) -> Option<String> {
        let mut parts = Vec::new();
        if self.invalid_utf8 > 0 {
            parts.push(format!(
                "{} invalid UTF-8 sequence{} replaced",
                self.invalid_utf8,
                plural(self.invalid_utf8)
            ));
        }
        if self.controls_removed > 0 {
            parts.push(format!(
                "{} control character{} removed",
                self.controls_removed,
                plural(self.controls_removed)
            ));
        }
        (!parts.is_empty()).then(|| parts.join(", "))
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// Decodes bytes as UTF-8, replacing invalid sequences, and drops a leading byte-order mark.
pub fn decode(bytes: &[u8], repairs: &mut Repairs) -> String {
    let bytes = match bytes.strip_prefix(b"\xEF\xBB\xBF") {
        Some(rest) => {
            repairs.marks_removed += 1;
            rest
        }
        None => bytes,
    };
    match std::str::from_utf8(bytes) {
        Ok(text) => text.to_owned(),
        Err(_) => {
            let text = String::from_utf8_lossy(bytes).into_owned();
            // Count the replacements we made, not the U+FFFD the file already had.
            let before = count_replacement_chars_in_valid_prefixes(bytes);
            let replaced = text.matches('\u{FFFD}').count().saturating_sub(before);
            repairs.invalid_utf8 = replaced.max(1);
            text
        }
    }
}

/// Counts U+FFFD characters that were already encoded in the file.
fn count_replacement_chars_in_valid_prefixes(bytes: &[u8]) -> usize {
    memchr::memmem::find_iter(bytes, "\u{FFFD}".as_bytes()).count()
}

/// Normalizes line ends and removes control characters (see the module doc).
pub fn clean(text: &str, repairs: &mut Repairs) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars();
    loop {
        // Most of a text is ordinary: copy it a run at a time, up to the next character
        // that may need care.
        let rest = chars.as_str();
        let plain = rest.bytes().position(may_need_care).unwrap_or(rest.len());
        out.push_str(&rest[..plain]);
        chars = rest[plain..].chars();
        let Some(c) = chars.next() else {
            return out;
        };
        match c {
            '\r' => {
                if peek(&chars) == Some('\n') {
                    chars.next();
                }
                out.push('\n');
            }
            '\u{2028}' | '\u{2029}' => out.push('\n'),
            // A form feed or vertical tab is a page or line break in old transcripts.
            '\u{0B}' | '\u{0C}' => out.push('\n'),
            '\u{1B}' => {
                skip_escape_sequence(&mut chars);
                repairs.controls_removed += 1;
            }
            // C1 CSI introduces an escape sequence just like ESC [.
            '\u{9B}' => {
                skip_csi_parameters(&mut chars);
                repairs.controls_removed += 1;
            }
            // A byte-order mark in the middle of a text is an invisible leftover.
            '\u{FEFF}' => repairs.marks_removed += 1,
            c if is_unwanted_control(c) => repairs.controls_removed += 1,
            c => out.push(c),
        }
    }
}

/// Appends `piece` without its control characters but `\n` and `\t` (Markdown entities
/// such as `&#27;` decode to controls after [`clean`] has run).
pub fn push_without_controls(out: &mut String, piece: &str) {
    let mut rest = piece;
    while let Some(at) = rest.bytes().position(may_be_control) {
        out.push_str(&rest[..at]);
        let mut chars = rest[at..].chars();
        if let Some(c) = chars.next()
            && (!c.is_control() || matches!(c, '\n' | '\t'))
        {
            out.push(c);
        }
        rest = chars.as_str();
    }
    out.push_str(rest);
}

/// The first byte of every character [`clean`] changes or removes: C0 controls but tab and
/// line feed, DEL, and the lead bytes of C1 controls (`C2`), of the line and paragraph
/// separators and bidirectional controls (`E2`) and of the byte-order mark (`EF`).
fn may_need_care(b: u8) -> bool {
    may_be_control(b) || matches!(b, 0xE2 | 0xEF)
}

/// The first byte of every control character but tab and line feed.
fn may_be_control(b: u8) -> bool {
    (b < 0x20 && b != b'\n' && b != b'\t') || b == 0x7F || b == 0xC2
}

fn peek(chars: &std::str::Chars<'_>) -> Option<char> {
    chars.as_str().chars().next()
}

/// C0 and C1 controls, DEL, and the bidirectional overrides and isolates, which can reorder
/// what a terminal shows ("Trojan source"); the plain direction marks stay.
fn is_unwanted_control(c: char) -> bool {
    c.is_control() || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Skips what follows an ESC: a CSI (`ESC [ … final`), an OSC or other string sequence
/// (`ESC ] … BEL` or `ESC \`), or a single following character.
fn skip_escape_sequence(chars: &mut std::str::Chars<'_>) {
    match peek(chars) {
        Some('[') => {
            chars.next();
            skip_csi_parameters(chars);
        }
        Some(']' | 'P' | '^' | '_' | 'X') => {
            chars.next();
            while let Some(c) = chars.next() {
                if c == '\u{07}' || c == '\u{9C}' {
                    break;
                }
                if c == '\u{1B}' {
                    if peek(chars) == Some('\\') {
                        chars.next();
                    }
                    break;
                }
            }
        }
        Some(c) if !c.is_control() && c != '\n' => {
            chars.next();
        }
        _ => {}
    }
}

/// Skips parameter and intermediate bytes up to and including the final byte of a CSI.
fn skip_csi_parameters(chars: &mut std::str::Chars<'_>) {
    while let Some(c) = peek(chars) {
        if ('\u{30}'..='\u{3F}').contains(&c) || ('\u{20}'..='\u{2F}').contains(&c) {
            chars.next();
        } else {
            if ('\u{40}'..='\u{7E}').contains(&c) {
                chars.next();
            }
            break;
        }
    }
}

/// Removes trailing whitespace at the end of the text and blank lines at its start, so a
/// document begins with its first word.
pub fn trim_ends(text: String) -> String {
    let trimmed = text.trim_end();
    let start = trimmed.len() - trimmed.trim_start_matches(['\n', ' ', '\t']).len();
    // Keep the indentation of the first line: only skip whole blank lines.
    let start = trimmed[..start].rfind('\n').map_or(0, |i| i + 1);
    if start == 0 && trimmed.len() == text.len() {
        return text;
    }
    trimmed[start..].to_owned()
}

/// True when bytes look binary: a NUL byte in the first 8 KiB.
pub fn looks_binary(bytes: &[u8]) -> bool {
    memchr::memchr(0, &bytes[..bytes.len().min(8192)]).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn norm(s: &str) -> (String, Repairs) {
        let mut r = Repairs::default();
        let out = clean(s, &mut r);
        (out, r)
    }

    #[test]
    fn line_ends_become_lf() {
        assert_eq!(norm("a\r\nb\rc\u{2028}d\u{2029}e").0, "a\nb\nc\nd\ne");
    }

    #[test]
    fn escape_sequences_are_removed_whole() {
        let (out, r) = norm("a\u{1b}[31mred\u{1b}[0m b\u{1b}]0;title\u{7} c\u{9b}2Jd");
        assert_eq!(out, "ared b cd");
        assert_eq!(r.controls_removed, 4);
    }

    #[test]
    fn bom_and_invalid_utf8_are_handled() {
        let mut r = Repairs::default();
        let text = decode(b"\xEF\xBB\xBFab\xFFc", &mut r);
        assert_eq!(text, "ab\u{FFFD}c");
        assert_eq!(r.invalid_utf8, 1);
    }

    /// The rules of [`clean`] one character at a time, as first written: the run-copying
    /// version must give the same text and the same repairs.
    fn clean_by_char(text: &str) -> (String, Repairs) {
        let mut repairs = Repairs::default();
        let mut out = String::new();
        let mut chars = text.chars();
        while let Some(c) = chars.next() {
            match c {
                '\n' | '\t' => out.push(c),
                '\r' => {
                    if peek(&chars) == Some('\n') {
                        chars.next();
                    }
                    out.push('\n');
                }
                '\u{2028}' | '\u{2029}' | '\u{0B}' | '\u{0C}' => out.push('\n'),
                '\u{1B}' => {
                    skip_escape_sequence(&mut chars);
                    repairs.controls_removed += 1;
                }
                '\u{9B}' => {
                    skip_csi_parameters(&mut chars);
                    repairs.controls_removed += 1;
                }
                '\u{FEFF}' => repairs.marks_removed += 1,
                c if is_unwanted_control(c) => repairs.controls_removed += 1,
                c => out.push(c),
            }
        }
        (out, repairs)
    }

    proptest::proptest! {
        #[test]
        fn copying_runs_changes_nothing(
            text in r"([a-zé ]|\r|\n|\t|\x1b|\[|\]|[0-9;m]|\x07|\x{9b}|\x{85}|\x{a0}|\x{2028}|\x{202e}|\x{2066}|\x{feff}|\x7f|\x0b)*"
        ) {
            proptest::prop_assert_eq!(norm(&text), clean_by_char(&text));
            let mut pushed = String::new();
            push_without_controls(&mut pushed, &text);
            let filtered: String =
                text.chars().filter(|c| !c.is_control() || matches!(c, '\n' | '\t')).collect();
            proptest::prop_assert_eq!(pushed, filtered);
        }
    }

    #[test]
    fn trim_ends_drops_leading_blank_lines_only() {
        assert_eq!(trim_ends("\n \n  x\ny \n\n".into()), "  x\ny");
    }
}
