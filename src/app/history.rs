//! The query history file: one query a line, in the data folder.

use std::path::Path;

/// The query history, oldest first, each query once, the last 500.
pub(super) fn read(path: &Path) -> Vec<String> {
    let text = std::fs::read_to_string(path).unwrap_or_default();
    let mut history: Vec<String> = Vec::new();
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        history.retain(|h| h != line);
        history.push(line.to_owned());
    }
    let keep = history.len().saturating_sub(500);
    history.split_off(keep)
}

/// Adds a query at the end.
pub(super) fn append(path: &Path, query: &str) -> std::io::Result<()> {
    use std::io::Write;
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let mut file = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)?;
    writeln!(file, "{}", crate::text::one_line(query))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_history_keeps_each_query_once_newest_last() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("history/queries.txt");
        for q in ["tag:cyber", "\"hybrid threats\"", "tag:cyber"] {
            append(&path, q).unwrap();
        }
        assert_eq!(read(&path), ["\"hybrid threats\"", "tag:cyber"]);
        assert!(read(&dir.path().join("none")).is_empty());
    }
}
