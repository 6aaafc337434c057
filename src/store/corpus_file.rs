//! The corpus file `dossier.ron` at the corpus root (SPEC §10): what a corpus says of its own
//! metadata, travelling with it. It is optional; a file that does not parse is an error
//! naming the file, line and column, never silently ignored.

use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The corpus file's name.
pub const FILE_NAME: &str = "dossier.ron";

/// What `dossier.ron` says.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, rename = "Corpus")]
pub struct CorpusFile {
    /// The corpus's name, for `describe` (the notebook and cache keep their own names).
    #[serde(default)]
    pub name: Option<String>,
    /// A pattern of the file stems that captures fields: `{country}_{session}_{year}`.
    #[serde(default)]
    pub filename: Option<String>,
    /// Metadata tables joined to the documents.
    #[serde(default)]
    pub tables: Vec<TableSpec>,
    /// A regular expression with a `(?<speaker>…)` group for unusual transcripts.
    #[serde(default)]
    pub turns: Option<String>,
    /// Datasets' text and id columns (SPEC §11), accepted here so such a file is not refused.
    #[serde(default)]
    pub datasets: Vec<DatasetSpec>,
}

/// One metadata table of the corpus file.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, rename = "Table")]
pub struct TableSpec {
    /// The table's path relative to the corpus root.
    pub file: String,
    /// Table column → document field (`stem`, `name`, `path` or any known field).
    pub join: BTreeMap<String, String>,
    /// Document field → table column, for columns not named like their field.
    #[serde(default)]
    pub fields: BTreeMap<String, String>,
}

/// One dataset of the corpus file (SPEC §11).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, rename = "Dataset")]
pub struct DatasetSpec {
    /// The dataset's path relative to the corpus root.
    pub file: String,
    /// The text column.
    pub text: String,
    /// The id column.
    #[serde(default)]
    pub id: Option<String>,
}

/// A corpus file that cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum CorpusFileError {
    /// Not valid RON, or not the corpus file's shape.
    #[error("{}:{line}:{column}: {message}", path.display())]
    Parse {
        /// The file.
        path: PathBuf,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// What is wrong.
        message: String,
    },
    /// It exists but cannot be read.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// The error.
        source: std::io::Error,
    },
}

impl CorpusFile {
    /// Parses a corpus file's text; `path` names it in errors.
    pub fn parse(text: &str, path: &Path) -> Result<CorpusFile, CorpusFileError> {
        ron::Options::default()
            .from_str::<CorpusFile>(text)
            .map_err(|e| CorpusFileError::Parse {
                path: path.to_owned(),
                line: e.span.start.line,
                column: e.span.start.col,
                message: e.code.to_string(),
            })
    }

    /// The corpus file of the corpus rooted at `root`, `None` when it has none.
    pub fn load(root: &Path) -> Result<Option<CorpusFile>, CorpusFileError> {
        let path = root.join(FILE_NAME);
        match std::fs::read_to_string(&path) {
            Ok(text) => CorpusFile::parse(&text, &path).map(Some),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(CorpusFileError::Io { path, source: e }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_spec_example_parses() {
        let text = r#"Corpus(
    name: Some("un-general-debate"),
    filename: Some("{country}_{session}_{year}"),
    tables: [
        Table(
            file: "Speakers_by_session.csv",
            join: {"ISO Code": "country", "Year": "year"},      // table column: document field
            fields: {"speaker": "Name of Person Speaking", "post": "Post"},  // field: column
        ),
    ],
    turns: None,
)"#;
        let file = CorpusFile::parse(text, Path::new("dossier.ron")).unwrap();
        assert_eq!(file.tables[0].join["ISO Code"], "country");
        assert_eq!(file.tables[0].fields["post"], "Post");
        assert_eq!(file.filename.as_deref(), Some("{country}_{session}_{year}"));
    }

    #[test]
    fn unknown_fields_name_line_and_column() {
        let err = CorpusFile::parse("Corpus(\n  nmae: None,\n)", Path::new("x/dossier.ron"))
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("x/dossier.ron:2:"), "{err}");
    }
}
