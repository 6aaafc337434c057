//! A corpus file's filename pattern (SPEC §10): `{country}_{session}_{year}` captures fields
//! from each file stem. A `year` or `date` capture gives the document's date (from the path);
//! every other capture becomes an extra field.

use super::metadata::{Metadata, Source};
use super::{DocDate, FieldName};
use regex::Regex;

/// A compiled filename pattern.
#[derive(Debug, Clone)]
pub struct Pattern {
    source: String,
    regex: Regex,
    names: Vec<String>,
}

impl Pattern {
    /// Compiles `pattern`: literal text with `{name}` captures (letters, digits, `_`, `-`).
    /// `Err` says what is wrong, in a few words.
    pub fn parse(pattern: &str) -> Result<Pattern, String> {
        let mut regex = String::from("^");
        let mut names = Vec::new();
        let mut rest = pattern;
        while let Some(open) = rest.find('{') {
            regex.push_str(&regex::escape(&rest[..open]));
            let after = &rest[open + 1..];
            let close = after
                .find('}')
                .ok_or_else(|| format!("the filename pattern {pattern:?} has an unclosed '{{'"))?;
            let name = &after[..close];
            let valid = !name.is_empty()
                && name
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
            if !valid {
                // Quoted: a capture may hold a line break, and an error is one line.
                let capture = format!("{{{name}}}");
                return Err(format!(
                    "the filename pattern {pattern:?} has a bad capture {capture:?}"
                ));
            }
            if names.iter().any(|n| n == name) {
                return Err(format!(
                    "the filename pattern {pattern:?} captures {{{name}}} twice"
                ));
            }
            let group = names.len();
            regex.push_str(&match name {
                "year" => format!("(?P<g{group}>\\d{{4}})"),
                _ => format!("(?P<g{group}>.+?)"),
            });
            names.push(name.to_owned());
            rest = &after[close + 1..];
        }
        regex.push_str(&regex::escape(rest));
        regex.push('$');
        let regex = Regex::new(&regex).map_err(|e| e.to_string())?;
        Ok(Pattern {
            source: pattern.to_owned(),
            regex,
            names,
        })
    }

    /// The pattern as written.
    pub fn as_str(&self) -> &str {
        &self.source
    }

    /// The captures of a relative path's file stem, `(name, value)` in pattern order;
    /// `None` when the stem does not match.
    pub fn captures(&self, relative: &str) -> Option<Vec<(&str, String)>> {
        let name = relative.rsplit('/').next().unwrap_or(relative);
        let stem = name.rsplit_once('.').map_or(name, |(stem, _)| stem);
        let c = self.regex.captures(stem)?;
        Some(
            self.names
                .iter()
                .enumerate()
                .filter_map(|(i, n)| Some((n.as_str(), c.get(i + 1)?.as_str().to_owned())))
                .collect(),
        )
    }

    /// Gives `meta` the captures of `relative`: the date from a `year` or `date` capture
    /// where nothing higher than the path gave one, the others as extra fields (from the
    /// path) where nothing higher gave them. Returns whether the stem matched.
    pub fn apply(&self, meta: &mut Metadata, relative: &str) -> bool {
        let Some(captures) = self.captures(relative) else {
            return false;
        };
        for (name, value) in captures {
            if name == "year" || name == "date" {
                let date = match name {
                    "year" => value.parse().ok().and_then(DocDate::year_only),
                    _ => super::dates::parse_doc_date(&value),
                };
                if let Some(date) = date {
                    set_path_date(meta, date);
                }
                continue;
            }
            let higher = meta
                .sources
                .get(name)
                .is_some_and(|s| matches!(s, Source::Table | Source::FrontMatter));
            if !higher {
                let name = FieldName::new(name);
                meta.fields.insert(name.clone(), value.into());
                meta.sources.insert(name, Source::Path);
            }
        }
        true
    }
}

/// The date of a path capture: it wins over the text unless the text's date is more
/// precise and within it, as [`super::path_date::apply`] does.
fn set_path_date(meta: &mut Metadata, date: DocDate) {
    if matches!(
        meta.sources.get("date"),
        Some(Source::Table | Source::FrontMatter)
    ) {
        return;
    }
    if let Some(known) = meta.date
        && date.first_day() <= known.first_day()
        && known.last_day() <= date.last_day()
    {
        return;
    }
    meta.date = Some(date);
    meta.sources.insert("date".into(), Source::Path);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn captures_fields_and_the_year() {
        let p = Pattern::parse("{country}_{session}_{year}").unwrap();
        let mut meta = Metadata::default();
        assert!(p.apply(&mut meta, "Session 51 - 1996/AFG_51_1996.txt"));
        assert_eq!(meta.fields["country"], "AFG");
        assert_eq!(meta.fields["session"], "51");
        assert_eq!(meta.date.unwrap().to_string(), "1996");
        assert_eq!(meta.sources["country"], Source::Path);
        assert!(!p.apply(&mut meta, "notes.txt"));
    }

    #[test]
    fn bad_patterns_say_why() {
        assert!(Pattern::parse("{country").is_err());
        assert!(Pattern::parse("{}_x").is_err());
        assert!(Pattern::parse("{a}_{a}").is_err());
    }
}
