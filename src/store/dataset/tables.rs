//! A CSV or TSV that joins to the corpus's other documents is a table of metadata about
//! them (SPEC §10), not a dataset, even when it has a long text column (an abstract, a
//! summary): the rule of §10, a column whose values name at least 80% of the documents by
//! file stem, name or relative path, decides.

use crate::store::{Document, Format};
use std::collections::{BTreeMap, HashMap, HashSet};

/// A CSV or TSV file found to be a table: its path, the joining column, and how many of
/// how many documents that column names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    /// The file's path relative to the corpus root.
    pub file: String,
    /// The column that names the documents.
    pub column: String,
    /// Documents it names.
    pub named: usize,
    /// Documents that are not rows of a dataset.
    pub of: usize,
}

/// The CSV and TSV datasets among `documents` that are tables of the other documents.
pub fn tables(documents: &[Document]) -> Vec<Table> {
    // Most corpora have no CSV or TSV rows: no need to index every document's name.
    if !documents
        .iter()
        .any(|d| matches!(d.format, Format::Csv | Format::Tsv))
    {
        return Vec::new();
    }
    let others: Vec<&Document> = documents
        .iter()
        .filter(|d| !d.format.is_dataset())
        .collect();
    if others.is_empty() {
        return Vec::new();
    }
    let mut names: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, doc) in others.iter().enumerate() {
        let name = doc.path.rsplit('/').next().unwrap_or(&doc.path);
        let stem = name.rsplit_once('.').map_or(name, |(stem, _)| stem);
        let mut keys = vec![doc.path.as_str(), name, stem];
        keys.dedup();
        for key in keys {
            names.entry(key).or_default().push(i);
        }
    }
    // file → column → documents named
    let mut named: BTreeMap<&str, BTreeMap<&str, HashSet<usize>>> = BTreeMap::new();
    for doc in documents {
        let Some((file, _, Format::Csv | Format::Tsv)) = super::split_path(&doc.path) else {
            continue;
        };
        let columns = named.entry(file).or_default();
        for (column, value) in &doc.meta.fields {
            if let Some(docs) = names.get(value.as_str()) {
                columns.entry(column).or_default().extend(docs);
            }
        }
    }
    let mut out = Vec::new();
    for (file, columns) in named {
        let best = columns
            .into_iter()
            .map(|(column, docs)| (docs.len(), column))
            .max_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(a.1)));
        if let Some((count, column)) = best
            && count * 5 >= others.len() * 4
        {
            out.push(Table {
                file: file.to_owned(),
                column: column.to_owned(),
                named: count,
                of: others.len(),
            });
        }
    }
    out
}

/// Takes the rows of every table out of `documents`, with one line for each such file.
pub(in crate::store) fn drop_tables(documents: &mut Vec<Document>) -> Vec<(String, String)> {
    let found = tables(documents);
    if found.is_empty() {
        return Vec::new();
    }
    let files: HashSet<&str> = found.iter().map(|t| t.file.as_str()).collect();
    documents.retain(|d| !super::split_path(&d.path).is_some_and(|(f, _, _)| files.contains(f)));
    found
        .iter()
        .map(|t| {
            (
                t.file.clone(),
                format!(
                    "read as a table of metadata, not a dataset: its column {:?} names {} of the {} documents",
                    t.column, t.named, t.of
                ),
            )
        })
        .collect()
}
