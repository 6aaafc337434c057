//! Terms over a corpus's extra fields (SPEC §10): `NAME:VALUE` is a case-insensitive
//! substring of the field; `NAME:A..B`, `NAME:<X`, `NAME:>=X` … compare when the field's
//! value and the bounds are both numbers, or both dates (`1996`, `1996-03`, `1996-03-14`,
//! matched by overlap as `date:` is). A quoted value is always a substring
//! (`note:"a..b"`).
//!
//! A query names a field as the corpus does, ignoring case, with `_` for spaces
//! (`iso_code:` for a column `ISO Code`): [`KnownFields`] holds those names, and the parser
//! needs them, since `NAME:` is otherwise an unknown field.

use super::{Comparison, DateTest};
use crate::store::{DocDate, Document, FieldName, FieldValue};
use std::collections::BTreeSet;
use std::fmt;

/// The extra fields of a corpus, by the names a query writes them with.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct KnownFields {
    names: BTreeSet<String>,
}

impl KnownFields {
    /// The extra fields some document of `docs` has.
    pub fn of(docs: &[Document]) -> KnownFields {
        let mut names = BTreeSet::new();
        let mut last: Option<&std::collections::BTreeMap<FieldName, FieldValue>> = None;
        for doc in docs {
            // The rows of a dataset have the same fields: skip the copies cheaply.
            if last.is_some_and(|l| l.keys().eq(doc.meta.fields.keys())) {
                continue;
            }
            names.extend(doc.meta.fields.keys().map(|k| query_name(k)));
            last = Some(&doc.meta.fields);
        }
        KnownFields { names }
    }

    /// The fields named `names` (as a corpus or a query writes them).
    pub fn new<S: AsRef<str>>(names: impl IntoIterator<Item = S>) -> KnownFields {
        KnownFields {
            names: names.into_iter().map(|n| query_name(n.as_ref())).collect(),
        }
    }

    /// The field a query's `written` name means, in its query form.
    pub fn resolve(&self, written: &str) -> Option<&str> {
        self.names.get(&query_name(written)).map(String::as_str)
    }

    /// The names, sorted, as a query writes them.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.names.iter().map(String::as_str)
    }

    /// True when the corpus has no extra field.
    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }
}

/// A field's name as a query writes it: lower case, each run of whitespace one `_`.
pub fn query_name(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for word in name.split_whitespace() {
        if !out.is_empty() {
            out.push('_');
        }
        out.extend(word.chars().flat_map(char::to_lowercase));
    }
    out
}

/// The value of the extra field a query names `name` (query form) in `doc`, if it has one
/// (an empty cell is none).
pub fn value_of<'d>(doc: &'d Document, name: &str) -> Option<&'d str> {
    doc.meta
        .fields
        .iter()
        .find(|(k, _)| same_name(k, name))
        .map(|(_, v)| v.as_str())
        .filter(|v| !v.trim().is_empty())
}

/// True when the corpus's `field` name is `query` (a query form), without allocating.
fn same_name(field: &str, query: &str) -> bool {
    // Fast path: the common case of a name already in query form.
    if field == query {
        return true;
    }
    let mut want = query.chars();
    let mut words = field.split_whitespace();
    let mut first = true;
    for word in words.by_ref() {
        if !first && want.next() != Some('_') {
            return false;
        }
        first = false;
        for c in word.chars().flat_map(char::to_lowercase) {
            if want.next() != Some(c) {
                return false;
            }
        }
    }
    want.next().is_none()
}

/// One value of an extra field's term.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExtraTest {
    /// The field holds this text, ignoring case.
    Contains(String),
    /// The field compares so with the bound (a number or a date, as written).
    Compare(Comparison, String),
    /// The field lies between the bounds, both included; either may be open.
    Range(Option<String>, Option<String>),
}

const EXPECTED: &str = "expected a number or a date such as 2019-03";

impl ExtraTest {
    /// Reads one value; `quoted` values are always substrings. The error says what was
    /// expected.
    pub fn parse(text: &str, quoted: bool) -> Result<ExtraTest, String> {
        if quoted {
            return Ok(ExtraTest::Contains(text.to_owned()));
        }
        for (symbol, comparison) in [
            (">=", Comparison::From),
            ("<=", Comparison::UpTo),
            (">", Comparison::After),
            ("<", Comparison::Before),
        ] {
            if let Some(bound) = text.strip_prefix(symbol) {
                if number(bound).is_none() && DateTest::parse(text).is_err() {
                    return Err(format!("{EXPECTED} after `{symbol}`, not {bound:?}"));
                }
                return Ok(ExtraTest::Compare(comparison, bound.to_owned()));
            }
        }
        if let Some((from, to)) = text.split_once("..") {
            return range(text, from, to);
        }
        Ok(ExtraTest::Contains(text.to_owned()))
    }

    /// True when a value of the field written so would be read as a comparison, so a
    /// substring of that shape must be quoted.
    pub fn looks_like_comparison(text: &str) -> bool {
        text.starts_with(['<', '>']) || text.contains("..")
    }

    /// True when the field's `value` passes; `Contains` needles are lower case already.
    pub(super) fn holds(&self, value: &str) -> bool {
        match self {
            ExtraTest::Contains(needle) => super::eval::contains_ignoring_case(value, needle),
            ExtraTest::Compare(comparison, bound) => {
                if let (Some(v), Some(b)) = (number(value), number(bound)) {
                    return match comparison {
                        Comparison::Before => v < b,
                        Comparison::UpTo => v <= b,
                        Comparison::After => v > b,
                        Comparison::From => v >= b,
                    };
                }
                in_dates(value, &format!("{}{bound}", comparison.symbol()))
            }
            ExtraTest::Range(from, to) => {
                let bounds = [from, to].map(|b| b.as_deref().map(number));
                if let Some(v) = number(value)
                    && bounds.iter().all(|b| !matches!(b, Some(None)))
                {
                    let [lo, hi] = bounds.map(Option::flatten);
                    return lo.is_none_or(|lo| lo <= v) && hi.is_none_or(|hi| v <= hi);
                }
                let range = format!(
                    "{}..{}",
                    from.as_deref().unwrap_or(""),
                    to.as_deref().unwrap_or("")
                );
                in_dates(value, &range)
            }
        }
    }
}

/// A range's two ends: both numbers (in order) or both dates (as `date:` reads them).
fn range(text: &str, from: &str, to: &str) -> Result<ExtraTest, String> {
    let end = |s: &str| (!s.is_empty()).then(|| s.to_owned());
    let (a, b) = (end(from), end(to));
    if a.is_none() && b.is_none() {
        return Err(format!("{EXPECTED} before or after `..`"));
    }
    let numbers = [&a, &b].map(|e| e.as_deref().map(number));
    if numbers.iter().all(|n| !matches!(n, Some(None))) {
        if let [Some(Some(lo)), Some(Some(hi))] = numbers
            && lo > hi
        {
            return Err(format!("the range {text} ends before it starts"));
        }
        return Ok(ExtraTest::Range(a, b));
    }
    match DateTest::parse(text) {
        Ok(_) => Ok(ExtraTest::Range(a, b)),
        Err(message) if message.contains("ends before") => Err(message),
        Err(_) => {
            let bad = [&a, &b]
                .into_iter()
                .flatten()
                .find(|e| number(e).is_none() && e.parse::<DocDate>().is_err());
            Err(match bad {
                Some(bad) => format!("{EXPECTED} in a range, not {bad:?}"),
                None => "expected both ends of the range to be numbers, or both dates".to_owned(),
            })
        }
    }
}

/// True when `value` is a date within what `test` (a `date:` value) covers.
fn in_dates(value: &str, test: &str) -> bool {
    match (value.parse::<DocDate>(), DateTest::parse(test)) {
        (Ok(date), Ok(test)) => {
            let (from, to) = test.interval();
            date.overlaps(from, to)
        }
        _ => false,
    }
}

/// `text` as a number: digits with an optional sign and fraction (`-3`, `2.5`), spaces
/// around ignored. Nothing else (no `inf`, no `1e9`), so a word is never a number.
pub fn number(text: &str) -> Option<f64> {
    let t = text.trim();
    let digits = t.strip_prefix(['-', '+']).unwrap_or(t);
    let (whole, fraction) = match digits.split_once('.') {
        Some((w, f)) => (w, Some(f)),
        None => (digits, None),
    };
    let all_digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if !all_digits(whole) || fraction.is_some_and(|f| !all_digits(f)) {
        return None;
    }
    t.parse().ok()
}

impl fmt::Display for ExtraTest {
    /// The bounds as written; a substring bare (print.rs quotes it where it must).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ExtraTest::Contains(text) => f.write_str(text),
            ExtraTest::Compare(c, bound) => write!(f, "{}{bound}", c.symbol()),
            ExtraTest::Range(a, b) => write!(
                f,
                "{}..{}",
                a.as_deref().unwrap_or(""),
                b.as_deref().unwrap_or("")
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn holds(test: &str, value: &str) -> bool {
        let mut t = ExtraTest::parse(test, false).unwrap();
        if let ExtraTest::Contains(n) = &mut t {
            *n = n.to_lowercase();
        }
        t.holds(value)
    }

    #[test]
    fn numbers_compare_as_numbers() {
        assert!(!holds(">=10", "9.5"));
        assert!(holds(">=10", "10"));
        assert!(holds("<10", "9.5"));
        assert!(holds("2..12", "10"));
        assert!(!holds("2..12", "100"));
        assert!(holds("..0", "-3"));
        assert!(!holds(">1", "many"));
    }

    #[test]
    fn dates_compare_by_overlap() {
        assert!(holds(">=1990", "1996-03-14"));
        assert!(holds("1990..1999", "1996"));
        assert!(!holds("<1996-03", "1996-03-14"));
        assert!(holds("2019-01..2019-06", "2019-03"));
        assert!(holds("<2019-03", "2018"));
    }

    #[test]
    fn substrings_ignore_case() {
        assert!(holds("lab", "Labour"));
        assert!(!holds("tory", "Labour"));
    }

    #[test]
    fn bad_bounds_are_refused() {
        for bad in [
            ">=abc",
            "<",
            "..",
            "a..b",
            "3..1",
            "2020..2019",
            "1.5..2019-03",
        ] {
            assert!(ExtraTest::parse(bad, false).is_err(), "{bad}");
        }
        assert_eq!(
            ExtraTest::parse("a..b", true),
            Ok(ExtraTest::Contains("a..b".into()))
        );
    }

    #[test]
    fn names_are_matched_as_a_query_writes_them() {
        let known = KnownFields::new(["ISO Code", "party"]);
        assert_eq!(known.resolve("iso_code"), Some("iso_code"));
        assert_eq!(known.resolve("PARTY"), Some("party"));
        assert_eq!(known.resolve("iso"), None);
        assert!(same_name("ISO  Code", "iso_code"));
        assert!(!same_name("ISO Code", "iso_cod"));
        assert!(!same_name("ISO Code", "iso_codes"));
    }
}
