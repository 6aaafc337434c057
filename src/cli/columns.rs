//! `dossier list --columns date,speaker,party,title`: the columns of the table and TSV,
//! chosen among the built-in fields and the corpus's extra fields (SPEC §10). A table fits
//! the terminal: the widest columns shrink first, and what still does not fit is cut.

use crate::notebook::DocumentNotes;
use crate::query::KnownFields;
use crate::store::Document;
use crate::text;
use std::io::Write;

/// The built-in columns, by name.
pub const BUILT_IN: [&str; 12] = [
    "path", "id", "format", "title", "date", "dateline", "place", "speaker", "kind", "delivery",
    "status", "tags",
];

/// A column of the listing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Column {
    /// One of [`BUILT_IN`].
    BuiltIn(&'static str),
    /// An extra field, by its name in query form.
    Extra(String),
}

impl Column {
    /// The header: the name as a query writes it.
    pub fn name(&self) -> &str {
        match self {
            Column::BuiltIn(name) => name,
            Column::Extra(name) => name,
        }
    }

    /// The column's value for a document, on one line; empty when it has none.
    pub fn cell(&self, doc: &Document, entry: Option<&DocumentNotes>) -> String {
        let m = &doc.meta;
        let value = match self {
            Column::BuiltIn("path") => Some(doc.path.clone()),
            Column::BuiltIn("id") => Some(doc.id.clone()),
            Column::BuiltIn("format") => Some(doc.format.name().to_owned()),
            Column::BuiltIn("title") => Some(m.title.clone()),
            Column::BuiltIn("date") => m.date.map(|d| d.to_string()),
            Column::BuiltIn("dateline") => m.dateline.clone(),
            Column::BuiltIn("place") => m.place.clone(),
            Column::BuiltIn("speaker") => m.speaker.clone(),
            Column::BuiltIn("kind") => m.kind.clone(),
            Column::BuiltIn("delivery") => m.delivery.clone(),
            Column::BuiltIn("status") => entry.and_then(|e| e.status.clone()),
            Column::BuiltIn("tags") => entry.map(|e| e.tags.join(", ")),
            Column::BuiltIn(_) => None,
            Column::Extra(name) => crate::query::value_of(doc, name).map(str::to_owned),
        };
        value.map(|v| text::one_line(&v)).unwrap_or_default()
    }
}

/// The columns `names` ask for (any case); an unknown one is an error naming those there are.
pub fn resolve(names: &[String], known: &KnownFields) -> anyhow::Result<Vec<Column>> {
    names
        .iter()
        .map(|name| {
            let lower = name.trim().to_lowercase();
            if let Some(built_in) = BUILT_IN.iter().find(|b| **b == lower) {
                return Ok(Column::BuiltIn(built_in));
            }
            match known.resolve(name.trim()) {
                Some(extra) => Ok(Column::Extra(extra.to_owned())),
                None => anyhow::bail!(
                    "unknown column {:?}; expected {}",
                    text::one_line(name),
                    known_names(known)
                ),
            }
        })
        .collect()
}

/// The built-in names, then the corpus's extra fields, for a message.
pub fn known_names(known: &KnownFields) -> String {
    let mut names: Vec<&str> = BUILT_IN.to_vec();
    names.extend(known.names());
    names.join(", ")
}

/// Tab-separated values with a header line of the column names.
pub fn write_tsv(
    out: &mut impl Write,
    columns: &[Column],
    rows: &[Vec<String>],
) -> std::io::Result<()> {
    let header: Vec<&str> = columns.iter().map(Column::name).collect();
    writeln!(out, "{}", header.join("\t"))?;
    for row in rows {
        let cells: Vec<String> = row.iter().map(|c| c.replace('\t', " ")).collect();
        writeln!(out, "{}", cells.join("\t"))?;
    }
    Ok(())
}

/// Aligned columns fitted to `total` columns of the terminal.
pub fn write_table(
    out: &mut impl Write,
    columns: &[Column],
    rows: &[Vec<String>],
    total: usize,
) -> std::io::Result<()> {
    let header: Vec<String> = columns.iter().map(|c| c.name().to_uppercase()).collect();
    let mut widths: Vec<usize> = (0..columns.len())
        .map(|i| {
            rows.iter()
                .map(|r| text::width(&r[i]))
                .chain([text::width(&header[i])])
                .max()
                .unwrap_or(0)
        })
        .collect();
    let fixed = |w: &[usize]| w.iter().sum::<usize>() + 2 * w.len().saturating_sub(1);
    while fixed(&widths) > total {
        let Some(widest) = (0..widths.len())
            .filter(|&k| widths[k] > 8)
            .max_by_key(|&k| widths[k])
        else {
            break;
        };
        widths[widest] -= 1;
    }
    let line = |cells: &[String]| {
        let mut s = String::new();
        for (k, cell) in cells.iter().enumerate() {
            if k > 0 {
                s.push_str("  ");
            }
            s.push_str(&text::pad(&text::truncate(cell, widths[k]), widths[k]));
        }
        text::truncate(s.trim_end(), total)
    };
    writeln!(out, "{}", line(&header))?;
    for row in rows {
        writeln!(out, "{}", line(row))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_are_built_in_or_the_corpus_s_and_others_are_refused() {
        let known = KnownFields::new(["Party"]);
        let names = ["Date".to_owned(), "party".to_owned(), "title".to_owned()];
        assert_eq!(
            resolve(&names, &known).unwrap(),
            [
                Column::BuiltIn("date"),
                Column::Extra("party".into()),
                Column::BuiltIn("title")
            ]
        );
        let e = resolve(&["colour".to_owned()], &known).unwrap_err();
        assert!(
            e.to_string()
                .starts_with("unknown column \"colour\"; expected path, id")
        );
        assert!(e.to_string().ends_with("tags, party"), "{e}");
    }
}
