//! What kind of problem a corpus warning reports, so that commands can say "312 files had
//! control characters removed" once instead of 312 lines (SPEC §10), and `describe` can
//! count them. The kind is read from the warning's words: the store writes them in a few
//! fixed shapes (`skipped: binary file (NUL bytes)`, `2 control characters removed`, …).

use super::Warning;

/// A kind of corpus warning, in the order summaries list them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum WarningKind {
    /// A file that could not be read at all.
    Unreadable,
    /// A file of NUL bytes, skipped.
    Binary,
    /// An empty file, or one without text, skipped.
    Empty,
    /// A PDF without a text layer, skipped.
    Scanned,
    /// A file skipped for another reason (not a readable DOCX, a symbolic link loop, …).
    Skipped,
    /// Dataset rows left out (ragged, not JSON).
    RowsLeftOut,
    /// Datasets with rows left out for an empty text (one warning per dataset).
    EmptyRows,
    /// Dataset rows whose id an earlier row had taken.
    DuplicateIds,
    /// Bytes that were not valid in the text's encoding, replaced by U+FFFD.
    InvalidBytes,
    /// Control characters and escape sequences removed.
    ControlCharacters,
    /// An HTML page declaring a charset no one knows.
    UnknownCharset,
    /// PDF pages that could not be read.
    UnreadablePages,
    /// Anything else.
    Other,
}

impl WarningKind {
    /// Every kind, in summary order.
    pub const ALL: [WarningKind; 13] = [
        WarningKind::Unreadable,
        WarningKind::Binary,
        WarningKind::Empty,
        WarningKind::Scanned,
        WarningKind::Skipped,
        WarningKind::RowsLeftOut,
        WarningKind::EmptyRows,
        WarningKind::DuplicateIds,
        WarningKind::InvalidBytes,
        WarningKind::ControlCharacters,
        WarningKind::UnknownCharset,
        WarningKind::UnreadablePages,
        WarningKind::Other,
    ];

    /// A short stable name, for JSON (`control-characters`).
    pub fn name(self) -> &'static str {
        match self {
            WarningKind::Unreadable => "unreadable",
            WarningKind::Binary => "binary",
            WarningKind::Empty => "empty",
            WarningKind::Scanned => "scanned",
            WarningKind::Skipped => "skipped",
            WarningKind::RowsLeftOut => "rows-left-out",
            WarningKind::EmptyRows => "empty-rows",
            WarningKind::DuplicateIds => "duplicate-ids",
            WarningKind::InvalidBytes => "invalid-bytes",
            WarningKind::ControlCharacters => "control-characters",
            WarningKind::UnknownCharset => "unknown-charset",
            WarningKind::UnreadablePages => "unreadable-pages",
            WarningKind::Other => "other",
        }
    }

    /// What `n` warnings of this kind say, as a sentence without its number
    /// (`files had control characters removed`).
    pub fn describe(self, n: usize) -> &'static str {
        let (one, many) = match self {
            WarningKind::Unreadable => ("file could not be read", "files could not be read"),
            WarningKind::Binary => ("binary file was skipped", "binary files were skipped"),
            WarningKind::Empty => ("file was skipped as empty", "files were skipped as empty"),
            WarningKind::Scanned => (
                "PDF was skipped: it looks scanned (no text layer)",
                "PDFs were skipped: they look scanned (no text layer)",
            ),
            WarningKind::Skipped => ("file was skipped", "files were skipped"),
            WarningKind::RowsLeftOut => ("dataset row was left out", "dataset rows were left out"),
            WarningKind::EmptyRows => (
                "dataset had rows with an empty text left out",
                "datasets had rows with an empty text left out",
            ),
            WarningKind::DuplicateIds => (
                "dataset row had an id an earlier row took",
                "dataset rows had an id an earlier row took",
            ),
            WarningKind::InvalidBytes => (
                "file had invalid bytes replaced",
                "files had invalid bytes replaced",
            ),
            WarningKind::ControlCharacters => (
                "file had control characters removed",
                "files had control characters removed",
            ),
            WarningKind::UnknownCharset => (
                "page declared an unknown charset (read as UTF-8)",
                "pages declared an unknown charset (read as UTF-8)",
            ),
            WarningKind::UnreadablePages => (
                "PDF had pages that could not be read",
                "PDFs had pages that could not be read",
            ),
            WarningKind::Other => ("other warning", "other warnings"),
        };
        if n == 1 { one } else { many }
    }
}

impl Warning {
    /// The kinds of problem this warning reports (one file's warning may join several,
    /// `3 invalid UTF-8 sequences replaced, 1 control character removed`), each once.
    pub fn kinds(&self) -> Vec<WarningKind> {
        let m = self.message.as_str();
        if let Some(reason) = m.strip_prefix("skipped: ") {
            return vec![skipped(reason)];
        }
        let mut kinds = Vec::new();
        let mut add = |kind| {
            if !kinds.contains(&kind) {
                kinds.push(kind);
            }
        };
        if m.contains("an empty text and") {
            add(WarningKind::EmptyRows);
        } else if m.contains("the row is left out") {
            add(WarningKind::RowsLeftOut);
        }
        if m.contains("is taken by an earlier row") {
            add(WarningKind::DuplicateIds);
        }
        if m.contains("invalid UTF-8") || m.contains("not UTF-8") || m.contains("bytes invalid") {
            add(WarningKind::InvalidBytes);
        }
        if m.contains("control character") {
            add(WarningKind::ControlCharacters);
        }
        if m.contains("unknown charset") {
            add(WarningKind::UnknownCharset);
        }
        if m.contains("page ") && m.contains("could not be read") {
            add(WarningKind::UnreadablePages);
        }
        if kinds.is_empty() {
            kinds.push(WarningKind::Other);
        }
        kinds
    }
}

fn skipped(reason: &str) -> WarningKind {
    if reason.starts_with("cannot read") {
        WarningKind::Unreadable
    } else if reason.starts_with("binary file") {
        WarningKind::Binary
    } else if reason == "empty file" || reason == "no text" {
        WarningKind::Empty
    } else if reason.starts_with("looks scanned") {
        WarningKind::Scanned
    } else {
        WarningKind::Skipped
    }
}

/// The warnings of each kind there is, in [`WarningKind::ALL`] order; a warning of several
/// kinds is under each.
pub fn by_kind(warnings: &[Warning]) -> Vec<(WarningKind, Vec<&Warning>)> {
    let mut groups: Vec<(WarningKind, Vec<&Warning>)> =
        WarningKind::ALL.iter().map(|&k| (k, Vec::new())).collect();
    for warning in warnings {
        for kind in warning.kinds() {
            if let Some((_, group)) = groups.iter_mut().find(|(k, _)| *k == kind) {
                group.push(warning);
            }
        }
    }
    groups.retain(|(_, group)| !group.is_empty());
    groups
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn kinds(message: &str) -> Vec<WarningKind> {
        Warning {
            path: PathBuf::from("a.txt"),
            message: message.to_owned(),
        }
        .kinds()
    }

    #[test]
    fn the_store_s_messages_have_their_kinds() {
        use WarningKind::*;
        assert_eq!(kinds("skipped: binary file (NUL bytes)"), [Binary]);
        assert_eq!(kinds("skipped: empty file"), [Empty]);
        assert_eq!(kinds("skipped: cannot read: denied"), [Unreadable]);
        assert_eq!(kinds("skipped: looks scanned: the PDF …"), [Scanned]);
        assert_eq!(kinds("skipped: symbolic link loop"), [Skipped]);
        assert_eq!(
            kinds("3 invalid UTF-8 sequences replaced, 1 control character removed"),
            [InvalidBytes, ControlCharacters]
        );
        assert_eq!(
            kinds("line 3: 4 fields where the header has 3; the row is left out"),
            [RowsLeftOut]
        );
        assert_eq!(kinds("page 2 could not be read: bad"), [UnreadablePages]);
        assert_eq!(
            kinds("75 rows have an empty text and are left out (lines 11, …)"),
            [EmptyRows]
        );
        assert_eq!(kinds("something new"), [Other]);
    }
}
