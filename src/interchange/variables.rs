//! The variables of an export (SPEC §10, §14): a document's built-in fields and status,
//! then the corpus's extra fields (metadata tables, front matter, file-name patterns), the
//! same list for every document. The one place a field joins REFI-QDA Variables and CSV
//! columns.
//!
//! Each variable has one REFI-QDA type for the whole export: Integer, Float or Date only
//! when every value across the documents is one as the schema writes it (`xsd:integer`,
//! `xsd:decimal`, `xsd:date`), else Text. A date of year or month precision (`1996`,
//! `1996-03`) is no `xsd:date`, so a variable holding one is Text.

use crate::notebook::{DocumentNotes, Notebook};
use crate::store::{DocDate, Document};
use std::borrow::Cow;
use std::collections::BTreeMap;

/// The built-in variables, in their order: the CSV's first field columns.
pub const BUILT_IN: &[&str] = &[
    "title", "date", "place", "speaker", "kind", "delivery", "status",
];

/// A REFI-QDA variable type (`typeOfVariable`) that dossier writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Type {
    /// Free text.
    Text,
    /// A whole number (`xsd:integer`).
    Integer,
    /// A decimal number (`xsd:decimal`).
    Float,
    /// A calendar day (`xsd:date`, `YYYY-MM-DD`).
    Date,
}

impl Type {
    /// The name `typeOfVariable` takes.
    pub fn name(self) -> &'static str {
        match self {
            Type::Text => "Text",
            Type::Integer => "Integer",
            Type::Float => "Float",
            Type::Date => "Date",
        }
    }

    /// The element of a value of this type in a `VariableValue`.
    pub fn element(self) -> &'static str {
        match self {
            Type::Text => "TextValue",
            Type::Integer => "IntegerValue",
            Type::Float => "FloatValue",
            Type::Date => "DateValue",
        }
    }
}

/// One variable of an export.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Variable {
    /// Its name: a built-in's, or the extra field's.
    pub name: String,
    /// Its type, the same for every document.
    pub kind: Type,
    /// Whether any document has a value of it.
    pub used: bool,
}

/// The variables of an export's documents, in order: the built-ins, then the extra
/// fields by name.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Variables {
    /// The variables.
    pub list: Vec<Variable>,
    /// Extra fields named like a built-in (any case), which are not written twice: by
    /// name, how many of their values differ from the built-in's and so are not exported.
    pub shadowed: BTreeMap<String, usize>,
}

impl Variables {
    /// The variables of `docs`, whose status `notebook` holds.
    pub fn of(docs: &[&Document], notebook: &Notebook) -> Variables {
        let mut extra: BTreeMap<&str, Guess> = BTreeMap::new();
        let mut shadowed: BTreeMap<String, usize> = BTreeMap::new();
        let mut built_in: Vec<Guess> = BUILT_IN.iter().map(|_| Guess::default()).collect();
        for doc in docs {
            let notes = notebook.doc(&doc.path);
            for (name, guess) in BUILT_IN.iter().zip(&mut built_in) {
                if let Some(v) = built_in_value(doc, notes, name) {
                    guess.add(&v);
                }
            }
            for (name, value) in &doc.meta.fields {
                if value.trim().is_empty() {
                    continue;
                }
                match built_in_name(name) {
                    Some(b) => {
                        let theirs = built_in_value(doc, notes, b);
                        if theirs.as_deref().map(str::trim) != Some(value.trim()) {
                            *shadowed.entry(name.to_string()).or_default() += 1;
                        }
                    }
                    None => extra.entry(name.as_str()).or_default().add(value),
                }
            }
        }
        let mut list: Vec<Variable> = BUILT_IN
            .iter()
            .zip(built_in)
            .map(|(name, guess)| Variable {
                name: (*name).to_owned(),
                // Only the date is more than text, and only a Date: a year (`1996`) is a
                // date of year precision, not a number, and a place or a title that reads
                // as a number is still a place or a title.
                kind: if *name == "date" && guess.values > 0 && guess.date {
                    Type::Date
                } else {
                    Type::Text
                },
                used: guess.values > 0,
            })
            .collect();
        list.extend(extra.into_iter().map(|(name, guess)| Variable {
            name: name.to_owned(),
            kind: guess.kind(),
            used: guess.values > 0,
        }));
        Variables { list, shadowed }
    }

    /// The value of each variable of `doc` (with the notebook's `notes` on it), in the
    /// list's order; `None` where it has none. Numbers and dates are trimmed.
    pub fn values<'a>(
        &self,
        doc: &'a Document,
        notes: Option<&'a DocumentNotes>,
    ) -> Vec<Option<Cow<'a, str>>> {
        self.list
            .iter()
            .map(|v| {
                let value = if BUILT_IN.contains(&v.name.as_str()) {
                    built_in_value(doc, notes, &v.name)
                } else {
                    doc.meta
                        .fields
                        .get(v.name.as_str())
                        .filter(|s| !s.trim().is_empty())
                        .map(|s| Cow::Borrowed(s.as_str()))
                };
                match (v.kind, value) {
                    (Type::Text, value) => value,
                    (_, Some(Cow::Borrowed(s))) => Some(Cow::Borrowed(s.trim())),
                    (_, Some(Cow::Owned(s))) => Some(Cow::Owned(s.trim().to_owned())),
                    (_, None) => None,
                }
            })
            .collect()
    }

    /// What the export leaves out, one line each: the values of extra fields that a
    /// built-in of the same name hides.
    pub fn losses(&self) -> Vec<String> {
        self.shadowed
            .iter()
            .map(|(name, n)| {
                format!(
                    "extra field {name:?} has the name of a built-in variable: {} not exported (the built-in's are)",
                    crate::text::count(*n, "value that differs is", "values that differ are")
                )
            })
            .collect()
    }
}

/// The built-in variable `name` is (in any case), if it is one.
pub fn built_in_name(name: &str) -> Option<&'static str> {
    BUILT_IN
        .iter()
        .find(|b| b.eq_ignore_ascii_case(name.trim()))
        .copied()
}

/// What the corpus says of `doc` for a variable called `name`: a built-in field (in any
/// case; not `status`, which is the notebook's), else the extra field of that name
/// (exactly, else in any case). `None` when it has no value.
pub fn corpus_value<'a>(doc: &'a Document, name: &str) -> Option<Cow<'a, str>> {
    match built_in_name(name) {
        Some("status") => None,
        Some(b) => built_in_value(doc, None, b),
        None => {
            let fields = &doc.meta.fields;
            fields
                .get(name)
                .or_else(|| {
                    fields
                        .iter()
                        .find(|(n, _)| n.eq_ignore_ascii_case(name.trim()))
                        .map(|(_, v)| v)
                })
                .filter(|s| !s.trim().is_empty())
                .map(|s| Cow::Borrowed(s.as_str()))
        }
    }
}

/// The value of the built-in `name` of `doc`, when it has one that is not blank.
fn built_in_value<'a>(
    doc: &'a Document,
    notes: Option<&'a DocumentNotes>,
    name: &str,
) -> Option<Cow<'a, str>> {
    let meta = &doc.meta;
    let text = |v: &'a Option<String>| v.as_deref().map(Cow::Borrowed);
    let value = match name {
        "title" => Some(Cow::Borrowed(meta.title.as_str())),
        "date" => meta.date.map(|d| Cow::Owned(d.to_string())),
        "place" => text(&meta.place),
        "speaker" => text(&meta.speaker),
        "kind" => text(&meta.kind),
        "delivery" => text(&meta.delivery),
        "status" => notes.and_then(|n| n.status.as_deref()).map(Cow::Borrowed),
        _ => None,
    };
    value.filter(|v| !v.trim().is_empty())
}

/// Which types every value seen so far is.
#[derive(Debug, Clone, Copy)]
struct Guess {
    values: usize,
    integer: bool,
    decimal: bool,
    date: bool,
}

impl Default for Guess {
    fn default() -> Guess {
        Guess {
            values: 0,
            integer: true,
            decimal: true,
            date: true,
        }
    }
}

impl Guess {
    fn add(&mut self, value: &str) {
        let value = value.trim();
        self.values += 1;
        self.integer &= is_integer(value);
        self.decimal &= is_decimal(value);
        self.date &= is_day(value);
    }

    /// The narrowest type of every value; Text for a variable without any.
    fn kind(self) -> Type {
        match self {
            Guess { values: 0, .. } => Type::Text,
            Guess { integer: true, .. } => Type::Integer,
            Guess { decimal: true, .. } => Type::Float,
            Guess { date: true, .. } => Type::Date,
            _ => Type::Text,
        }
    }
}

/// An `xsd:integer` without leading zeros: `007` or `02134` is a code, not a number, and
/// another tool reading it as one would drop its zeros.
fn is_integer(s: &str) -> bool {
    let digits = s.strip_prefix(['+', '-']).unwrap_or(s);
    !digits.is_empty()
        && digits.bytes().all(|b| b.is_ascii_digit())
        && (digits.len() == 1 || !digits.starts_with('0'))
}

/// An `xsd:decimal` (`3.5`, `-0.25`, `12`; no exponent), without leading zeros.
fn is_decimal(s: &str) -> bool {
    let Some((whole, fraction)) = s.split_once('.') else {
        return is_integer(s);
    };
    let digits = whole.strip_prefix(['+', '-']).unwrap_or(whole);
    (!digits.is_empty() || !fraction.is_empty())
        && digits
            .bytes()
            .chain(fraction.bytes())
            .all(|b| b.is_ascii_digit())
        && (digits.len() <= 1 || !digits.starts_with('0'))
}

/// A date to the day, `YYYY-MM-DD`, as `xsd:date` writes it.
fn is_day(s: &str) -> bool {
    s.parse::<DocDate>().is_ok_and(|d| d.day().is_some())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(values: &[&str]) -> Type {
        let mut g = Guess::default();
        for v in values {
            g.add(v);
        }
        g.kind()
    }

    #[test]
    fn a_type_holds_every_value() {
        assert_eq!(kind(&["51", "-3", "+0"]), Type::Integer);
        assert_eq!(kind(&["51", "3.25", ".5"]), Type::Float);
        assert_eq!(kind(&["1996-09-24", "2001-01-01"]), Type::Date);
        assert_eq!(
            kind(&["1996-09-24", "1996"]),
            Type::Text,
            "a year is no xsd:date"
        );
        assert_eq!(kind(&["1996-03"]), Type::Text);
        assert_eq!(kind(&["1996-02-30"]), Type::Text, "no such day");
        assert_eq!(kind(&["051"]), Type::Text, "a code with a leading zero");
        assert_eq!(kind(&["1e5"]), Type::Text, "xsd:decimal has no exponent");
        assert_eq!(kind(&["3", "n/a"]), Type::Text);
        assert_eq!(kind(&["."]), Type::Text);
        assert_eq!(kind(&[]), Type::Text);
    }

    #[test]
    fn a_date_of_year_precision_is_text_not_a_number() {
        let mut corpus = crate::store::Corpus::from_files(
            "t",
            &[
                ("a.md", b"---\ndate: 1996\n---\n\nText."),
                ("b.md", b"---\ndate: 1997\n---\n\nMore."),
            ],
        );
        for (doc, seats) in corpus.documents.iter_mut().zip(["12", "7"]) {
            doc.meta.fields.insert("seats".into(), seats.into());
        }
        let docs: Vec<&Document> = corpus.documents.iter().collect();
        let vars = Variables::of(&docs, &Notebook::new("t"));
        let kind = |name: &str| {
            let v = vars.list.iter().find(|v| v.name == name).unwrap();
            (v.kind, v.used)
        };
        assert_eq!(kind("date"), (Type::Text, true));
        assert_eq!(kind("seats"), (Type::Integer, true));
        assert_eq!(kind("place"), (Type::Text, false));
        let values = vars.values(docs[0], None);
        let date = BUILT_IN.iter().position(|b| *b == "date").unwrap();
        assert_eq!(values[date].as_deref(), Some("1996"));
    }

    #[test]
    fn built_in_names_match_in_any_case() {
        assert_eq!(built_in_name(" Date "), Some("date"));
        assert_eq!(built_in_name("party"), None);
    }
}
