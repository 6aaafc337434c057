//! Printing a query back as text that parses to the same query: terms separated by one
//! space, field names in lower case, values quoted only where they must be.

use super::{Query, Term, Test};
use std::fmt::{self, Write};

impl fmt::Display for Query {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, term) in self.terms.iter().enumerate() {
            if i > 0 {
                f.write_char(' ')?;
            }
            write!(f, "{term}")?;
        }
        Ok(())
    }
}

impl fmt::Display for Term {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.negated {
            f.write_char('-')?;
        }
        match &self.test {
            Test::Word(w) => f.write_str(w),
            Test::Phrase(p) => write!(f, "{p}"),
            Test::Tag(tags) => field(f, "tag", tags.iter().map(String::as_str)),
            Test::Status(statuses) => field(
                f,
                "status",
                statuses.iter().map(|s| match s {
                    super::Status::Untriaged => "untriaged",
                    super::Status::Named(n) => n,
                }),
            ),
            Test::Has(has) => field(f, "has", has.iter().map(|h| h.name())),
            Test::Date(dates) => {
                let texts: Vec<String> = dates.iter().map(ToString::to_string).collect();
                field(f, "date", texts.iter().map(String::as_str))
            }
            Test::Field(name, values) => field(f, name.name(), values.iter().map(String::as_str)),
            Test::Turn(values) => field(f, "turn", values.iter().map(String::as_str)),
            Test::Extra(name, tests) => {
                write!(f, "{name}:")?;
                for (i, test) in tests.iter().enumerate() {
                    if i > 0 {
                        f.write_char(',')?;
                    }
                    match test {
                        // A substring shaped like a comparison keeps its quotes.
                        super::ExtraTest::Contains(text)
                            if needs_quotes(text)
                                || super::ExtraTest::looks_like_comparison(text) =>
                        {
                            quoted(f, text)?
                        }
                        other => write!(f, "{other}")?,
                    }
                }
                Ok(())
            }
        }
    }
}

fn field<'a>(
    f: &mut fmt::Formatter<'_>,
    name: &str,
    values: impl Iterator<Item = &'a str>,
) -> fmt::Result {
    write!(f, "{name}:")?;
    for (i, value) in values.enumerate() {
        if i > 0 {
            f.write_char(',')?;
        }
        if needs_quotes(value) {
            quoted(f, value)?;
        } else {
            f.write_str(value)?;
        }
    }
    Ok(())
}

/// A field value is written bare unless a space, comma or quote would end or split it.
fn needs_quotes(value: &str) -> bool {
    value.is_empty()
        || value
            .chars()
            .any(|c| c.is_whitespace() || c == ',' || c == '"')
}

/// Writes `text` in double quotes, escaping `"` and `\` with a backslash.
pub(super) fn quoted(f: &mut fmt::Formatter<'_>, text: &str) -> fmt::Result {
    f.write_char('"')?;
    for c in text.chars() {
        if c == '"' || c == '\\' {
            f.write_char('\\')?;
        }
        f.write_char(c)?;
    }
    f.write_char('"')
}
