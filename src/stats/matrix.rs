//! The code matrix: tag × group, where a group is a document, a speaker, a kind, a year or
//! the value of a metadata field. A cell counts codings: a tag on a document counts once,
//! and each of its highlights carrying the tag counts once; a tag counts also for every tag
//! above it. Documents without a value for the group are counted in the group `(none)`.

use super::Selection;
use super::when::when;
use super::with_parents;
use crate::store::Document;
use std::collections::{BTreeMap, BTreeSet};

/// What the matrix's columns are.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Group {
    /// Each document, by path.
    #[default]
    Document,
    /// The speaker.
    Speaker,
    /// The kind.
    Kind,
    /// The year of the date.
    Year,
    /// A metadata field by name.
    Field(String),
}

/// The fields a matrix can be grouped by besides the named groups.
pub const FIELDS: &[&str] = &["place", "title"];

impl Group {
    /// The group named `name` (`document`, `speaker`, `kind`, `year` or a field); the
    /// error lists what can be named.
    pub fn parse(name: &str) -> Result<Group, String> {
        let lower = name.to_lowercase();
        match lower.as_str() {
            "document" => Ok(Group::Document),
            "speaker" => Ok(Group::Speaker),
            "kind" => Ok(Group::Kind),
            "year" => Ok(Group::Year),
            other if FIELDS.contains(&other) => Ok(Group::Field(lower)),
            _ => Err(format!(
                "cannot group by {name:?}: expected document, speaker, kind, year or a field ({})",
                FIELDS.join(", ")
            )),
        }
    }

    /// The group `doc` belongs to, `None` when it has no value.
    ///
    /// The seam for the extra fields of metadata tables (SPEC §10): once documents carry
    /// them, a [`Group::Field`] looks them up here.
    pub fn of(&self, doc: &Document) -> Option<String> {
        let m = &doc.meta;
        match self {
            Group::Document => Some(doc.path.clone()),
            Group::Speaker => m.speaker.clone(),
            Group::Kind => m.kind.clone(),
            Group::Year => when(doc).map(|w| format!("{:04}", w.year())),
            Group::Field(f) => match f.as_str() {
                "place" => m.place.clone(),
                "title" => Some(m.title.clone()),
                _ => None,
            },
        }
        .map(|v| crate::text::one_line(&v))
        .filter(|v| !v.is_empty())
    }
}

/// The name of the group of documents without a value.
pub const NONE: &str = "(none)";

/// One cell of the matrix.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct MatrixRow {
    /// The tag.
    pub tag: String,
    /// The group.
    pub group: String,
    /// Codings of the tag (or a tag below it) in the group's documents.
    pub count: usize,
}

/// The cells of the matrix that are not zero, by tag then group.
pub fn matrix(selection: &Selection<'_>, group: &Group) -> Vec<MatrixRow> {
    let mut cells: BTreeMap<(String, String), usize> = BTreeMap::new();
    for (_, doc, notes) in selection.entries() {
        let Some(notes) = notes else {
            continue;
        };
        let column = group.of(doc).unwrap_or_else(|| NONE.to_owned());
        let on_doc: BTreeSet<&str> = notes.tags.iter().flat_map(|t| with_parents(t)).collect();
        let codings = notes.highlights.iter().map(|h| {
            h.tags
                .iter()
                .flat_map(|t| with_parents(t))
                .collect::<BTreeSet<&str>>()
        });
        for tags in std::iter::once(on_doc).chain(codings) {
            for tag in tags {
                *cells.entry((tag.to_owned(), column.clone())).or_default() += 1;
            }
        }
    }
    cells
        .into_iter()
        .map(|((tag, group), count)| MatrixRow { tag, group, count })
        .collect()
}
