//! `dossier describe` (SPEC §10): what a corpus holds and how far its metadata can be
//! trusted: documents by format, how many have each field and where the values came from,
//! the extra fields with a few examples, the metadata tables joined (each table's own report), and the
//! warnings of reading it by kind. It reads a corpus, never the notebook.

use crate::store::warning_kind::by_kind;
use crate::store::{Corpus, Document, FieldName, FieldValue, TableReport};
use serde::Serialize;
use std::collections::BTreeMap;

/// Examples kept per extra field.
const EXAMPLES: usize = 3;
/// Columns an example is cut to.
const EXAMPLE_WIDTH: usize = 40;

/// The description of a corpus.
#[derive(Debug, Clone, Serialize)]
pub struct Description {
    /// The corpus's name.
    pub corpus: String,
    /// Its documents.
    pub documents: usize,
    /// Documents per format (`text`, `markdown`, `csv`, …), most first.
    pub formats: Vec<FormatCount>,
    /// The built-in fields, then the extra fields by name.
    pub fields: Vec<FieldCount>,
    /// The metadata tables joined to it.
    pub tables: Vec<TableReport>,
    /// The warnings of reading it, by kind.
    pub warnings: Vec<WarningGroup>,
}

/// How many documents have one format.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FormatCount {
    /// The format's name.
    pub format: &'static str,
    /// Its documents.
    pub documents: usize,
}

/// How many documents have a field, and where its values came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldCount {
    /// The field's name (an extra field's as the corpus writes it).
    pub name: String,
    /// True for an extra field.
    pub extra: bool,
    /// Documents with a value.
    pub documents: usize,
    /// Of those, how many got it from each source (`table`, `path`, `text`, …; `unknown`
    /// where none was recorded).
    pub sources: BTreeMap<&'static str, usize>,
    /// A few distinct values, for an extra field.
    pub examples: Vec<String>,
}

/// The warnings of one kind.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct WarningGroup {
    /// The kind's name (`control-characters`).
    pub kind: &'static str,
    /// What they say, as a sentence without the number.
    pub summary: &'static str,
    /// Each warning, `PATH: MESSAGE`.
    pub warnings: Vec<String>,
}

/// The built-in fields described, as `sources` names them.
const BUILT_IN: [&str; 5] = ["title", "date", "place", "speaker", "kind"];

/// Describes `corpus`.
pub fn describe(corpus: &Corpus) -> Description {
    let docs = &corpus.documents;
    let mut formats: BTreeMap<&'static str, usize> = BTreeMap::new();
    for doc in docs {
        *formats.entry(doc.format.name()).or_default() += 1;
    }
    let mut formats: Vec<FormatCount> = formats
        .into_iter()
        .map(|(format, documents)| FormatCount { format, documents })
        .collect();
    formats.sort_by_key(|f| std::cmp::Reverse(f.documents));

    let mut fields: Vec<FieldCount> = BUILT_IN
        .iter()
        .map(|&name| count(docs, name, false, |d| built_in(d, name)))
        .collect();
    let mut extra: Vec<&str> = docs
        .iter()
        .flat_map(|d| d.meta.fields.keys().map(FieldName::as_str))
        .collect();
    extra.sort_unstable();
    extra.dedup();
    fields.extend(extra.into_iter().map(|name| {
        count(docs, name, true, |d| {
            d.meta
                .fields
                .get(name)
                .map(FieldValue::as_str)
                .filter(|v| !v.trim().is_empty())
        })
    }));

    let warnings = by_kind(&corpus.warnings)
        .into_iter()
        .map(|(kind, group)| WarningGroup {
            kind: kind.name(),
            summary: kind.describe(group.len()),
            warnings: group
                .iter()
                .map(|w| crate::text::one_line(&w.to_string()))
                .collect(),
        })
        .collect();
    Description {
        corpus: corpus.name.clone(),
        documents: docs.len(),
        formats,
        fields,
        tables: corpus.tables.clone(),
        warnings,
    }
}

/// A built-in field's value in `doc`, when it has one.
fn built_in<'d>(doc: &'d Document, name: &str) -> Option<&'d str> {
    let m = &doc.meta;
    match name {
        "title" => Some(m.title.as_str()).filter(|t| !t.is_empty()),
        // Any value will do: only whether there is one is counted.
        "date" => m.date.map(|_| ""),
        "place" => m.place.as_deref(),
        "speaker" => m.speaker.as_deref(),
        "kind" => m.kind.as_deref(),
        _ => None,
    }
}

/// Counts the documents with a value of the field `name` (`value` reads it), by source.
fn count<'d>(
    docs: &'d [Document],
    name: &str,
    extra: bool,
    value: impl Fn(&'d Document) -> Option<&'d str>,
) -> FieldCount {
    let mut field = FieldCount {
        name: name.to_owned(),
        extra,
        documents: 0,
        sources: BTreeMap::new(),
        examples: Vec::new(),
    };
    for doc in docs {
        let Some(v) = value(doc) else { continue };
        field.documents += 1;
        let source = doc.meta.sources.get(name).map_or("unknown", |s| s.as_str());
        *field.sources.entry(source).or_default() += 1;
        if extra && field.examples.len() < EXAMPLES {
            let shown = crate::text::truncate(&crate::text::one_line(v), EXAMPLE_WIDTH);
            if !field.examples.contains(&shown) {
                field.examples.push(shown);
            }
        }
    }
    field
}
