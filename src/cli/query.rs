//! How the command line reports a query that does not parse: one line saying where and
//! what was expected, then the query with the bad term marked underneath.

use crate::query::QueryError;
use crate::text;

/// A query from the command line or a saved search that did not parse.
#[derive(Debug, thiserror::Error)]
#[error("{}query error at column {}: {}", saved_prefix(saved), error.position + 1, error.message)]
pub struct QueryFailure {
    /// The saved search it came from, if any.
    pub saved: Option<String>,
    /// The query as given.
    pub query: String,
    /// What is wrong.
    pub error: QueryError,
}

fn saved_prefix(saved: &Option<String>) -> String {
    saved
        .as_deref()
        .map(|name| format!("saved search {:?}: ", text::one_line(name)))
        .unwrap_or_default()
}

impl QueryFailure {
    /// Two lines: the query (made safe to print, one character for one) and a row of `^`
    /// under the bad term, aligned by display width.
    pub fn marked(&self) -> [String; 2] {
        let shown: String = self
            .query
            .chars()
            .map(|c| {
                if c.is_control() || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
                {
                    ' '
                } else {
                    c
                }
            })
            .collect();
        let before: String = shown.chars().take(self.error.position).collect();
        let bad: String = shown
            .chars()
            .skip(self.error.position)
            .take(self.error.length)
            .collect();
        [
            format!("  {shown}"),
            format!(
                "  {}{}",
                " ".repeat(text::width(&before)),
                "^".repeat(text::width(&bad).max(1))
            ),
        ]
    }
}
