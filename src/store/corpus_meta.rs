//! What the corpus file and the tables beside the documents add to their metadata (SPEC
//! §10): the filename pattern's captures, the corpus's own turn pattern, and the joined
//! tables. Applying it twice gives what applying it once gives, so documents taken from the
//! metadata cache (already joined) may be joined again with the ones read afresh.

use super::corpus_file::{CorpusFile, CorpusFileError, FILE_NAME};
use super::pattern::Pattern;
use super::table::{self, Spec, TableReport};
use super::{Document, Splitter, StoreError, Warning};
use rayon::prelude::*;
use std::path::Path;

/// The corpus file of a corpus, compiled.
#[derive(Debug, Default)]
pub(super) struct Setup {
    /// The corpus file as written, if there is one.
    pub file: Option<CorpusFile>,
    /// Its size and times, for the cache.
    pub stamp: Option<super::cache::Stamp>,
    pattern: Option<Pattern>,
    splitter: Option<Splitter>,
    configured: Vec<Spec>,
}

/// What applying the setup gave.
#[derive(Debug, Default)]
pub(super) struct Applied {
    /// One report per table joined.
    pub reports: Vec<TableReport>,
    /// Warnings (a filename pattern that matches no file).
    pub warnings: Vec<Warning>,
}

/// Reads and compiles the corpus file at `root`; no file is an empty setup.
pub(super) fn setup(root: &Path) -> Result<Setup, StoreError> {
    let path = root.join(FILE_NAME);
    let Some(file) = CorpusFile::load(root)? else {
        return Ok(Setup::default());
    };
    let text = std::fs::read_to_string(&path).unwrap_or_default();
    let at = |needle: &str, message: String| {
        let (line, column) = place(&text, needle);
        CorpusFileError::Parse {
            path: path.clone(),
            line,
            column,
            message,
        }
    };
    let pattern = match &file.filename {
        Some(p) => Some(Pattern::parse(p).map_err(|m| at(p, m))?),
        None => None,
    };
    let splitter = match &file.turns {
        Some(t) => Some(Splitter::with_pattern(t).map_err(|e| at(t, e.to_string()))?),
        None => None,
    };
    Ok(Setup {
        stamp: std::fs::metadata(&path)
            .ok()
            .map(|m| super::cache::Stamp::of(&m)),
        configured: file.tables.iter().map(Spec::configured).collect(),
        pattern,
        splitter,
        file: Some(file),
    })
}

/// The 1-based line and column of `needle` in `text` (1:1 when absent).
fn place(text: &str, needle: &str) -> (usize, usize) {
    let Some(at) = text.find(needle) else {
        return (1, 1);
    };
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

impl Setup {
    /// The tables the corpus file names, relative to the root.
    pub fn configured_files(&self) -> impl Iterator<Item = &str> {
        self.configured.iter().map(|s| s.file.as_str())
    }

    /// Applies the pattern, the turn pattern and the tables to `documents` (sorted by
    /// path): the configured tables, else `found` (tables already found) and those of
    /// `candidates` (CSV and TSV files at the root) that join by themselves.
    pub fn apply(
        &self,
        root: &Path,
        documents: &mut [Document],
        candidates: &[&str],
        found: Vec<Spec>,
    ) -> Result<Applied, StoreError> {
        let mut applied = Applied::default();
        if let Some(pattern) = &self.pattern {
            let matched: usize = documents
                .par_iter_mut()
                .filter(|d| !d.format.is_dataset())
                .map(|d| usize::from(pattern.apply(&mut d.meta, &d.path)))
                .sum();
            if matched == 0 {
                applied.warnings.push(Warning {
                    path: root.join(FILE_NAME),
                    message: format!(
                        "the filename pattern {:?} matches no file name",
                        pattern.as_str()
                    ),
                });
            }
        }
        if let Some(splitter) = &self.splitter {
            documents
                .par_iter_mut()
                .filter(|d| d.loaded)
                .for_each(|d| d.meta.turns = splitter.split(&d.text));
        }
        let specs = if self.configured.is_empty() {
            let paths: Vec<&str> = documents
                .iter()
                .filter(|d| !d.format.is_dataset())
                .map(|d| d.path.as_str())
                .collect();
            let rest: Vec<&str> = candidates
                .iter()
                .copied()
                .filter(|c| !found.iter().any(|s| s.file == *c))
                .collect();
            let mut specs = found;
            specs.extend(table::detect::detect(root, &rest, &paths));
            specs.sort_by(|a, b| a.file.cmp(&b.file));
            specs
        } else {
            self.configured.clone()
        };
        for spec in &specs {
            applied.reports.push(self.join(root, spec, documents)?);
        }
        Ok(applied)
    }

    /// Joins one table to the documents.
    fn join(
        &self,
        root: &Path,
        spec: &Spec,
        documents: &mut [Document],
    ) -> Result<TableReport, StoreError> {
        let fields: Vec<&str> = spec.join.iter().map(|(_, f)| f.as_str()).collect();
        let pattern = self.pattern.as_ref();
        let keys: Vec<Option<String>> = documents
            .par_iter()
            .map(|d| {
                if d.format.is_dataset() {
                    return None;
                }
                let captures = pattern
                    .and_then(|p| p.captures(&d.path))
                    .unwrap_or_default();
                table::join::key_of(&fields, &d.path, &d.meta, &captures)
            })
            .collect();
        let wanted: table::read::Wanted = keys.iter().flatten().map(String::as_str).collect();
        let table = table::read::load(root, spec, &wanted)?;
        let matched: usize = documents
            .par_iter_mut()
            .zip(keys.par_iter())
            .map(
                |(doc, key)| match key.as_ref().and_then(|k| table.rows.get(k)) {
                    Some(cells) => {
                        table::join::apply(&mut doc.meta, cells, &table.targets);
                        1
                    }
                    None => 0,
                },
            )
            .sum();
        let documents_joinable = documents.iter().filter(|d| !d.format.is_dataset()).count();
        let mut report = table.report;
        report.matched_documents = matched;
        report.unmatched_documents = documents_joinable - matched;
        Ok(report)
    }
}

/// The one line that says a table was joined without configuration.
pub fn joined_line(report: &TableReport) -> String {
    let join = report
        .join
        .iter()
        .map(|(c, f)| format!("{c:?} = {f}"))
        .collect::<Vec<_>>()
        .join(", ");
    format!(
        "{}: joined as a metadata table by {join} ({} of {} documents have a row; found \
         automatically, `dossier init` writes it into dossier.ron)",
        report.path,
        report.matched_documents,
        report.matched_documents + report.unmatched_documents,
    )
}
