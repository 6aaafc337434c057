//! A REFI-QDA project as plain data: the part of QDA-XML that dossier writes and reads
//! (users, codes, variables, text sources with selections and codings, notes). The export
//! builds one from a notebook ([`super::build`]), the XML writer and reader turn it into
//! `project.qde` and back ([`super::qde`]), and the import maps it onto a notebook
//! ([`super::import`]). No IO here, and nothing of the XML itself.

/// A project: what `project.qde` says, with the texts of its sources.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Project {
    /// Its name (dossier writes the corpus's).
    pub name: String,
    /// The program that wrote it.
    pub origin: Option<String>,
    /// The coders.
    pub users: Vec<User>,
    /// The codebook: top-level codes, each with its children.
    pub codes: Vec<Code>,
    /// The variables sources have values of.
    pub variables: Vec<Variable>,
    /// The text sources.
    pub sources: Vec<Source>,
    /// Every note; sources, selections and codes refer to them by GUID.
    pub notes: Vec<Note>,
    /// Sources of another kind (pictures, PDFs, audio, video), by name, for the report.
    pub other_sources: Vec<String>,
    /// Where its XML was read from, for messages (`x.qdpx: project.qde`); empty when built.
    pub xml: String,
}

/// A user of the project.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct User {
    /// Its GUID.
    pub guid: String,
    /// Its name.
    pub name: Option<String>,
    /// A short id (initials).
    pub id: Option<String>,
}

impl User {
    /// The name to show: the name, else the id, else the GUID.
    pub fn label(&self) -> &str {
        self.name
            .as_deref()
            .or(self.id.as_deref())
            .unwrap_or(&self.guid)
    }
}

/// A code, with the codes below it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Code {
    /// Its GUID.
    pub guid: String,
    /// Its name at its level (not the path).
    pub name: String,
    /// False for a folder that only holds other codes.
    pub codable: bool,
    /// `#RRGGBB`.
    pub color: Option<String>,
    /// What it means.
    pub description: Option<String>,
    /// The codes below it.
    pub children: Vec<Code>,
}

/// A variable: a named attribute of sources.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Variable {
    /// Its GUID.
    pub guid: String,
    /// Its name.
    pub name: String,
    /// `Text`, `Date`, `Boolean`, `Integer`, `Float` or `DateTime`.
    pub kind: String,
}

/// A value of a variable on a source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VariableValue {
    /// The variable's GUID.
    pub variable: String,
    /// The value, as the XML writes it.
    pub value: Value,
}

/// A variable's value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    /// Free text.
    Text(String),
    /// A calendar date, `YYYY-MM-DD`.
    Date(String),
    /// Any other type: its element name (`IntegerValue`) and its text.
    Other(String, String),
}

impl Value {
    /// The value as text.
    pub fn as_text(&self) -> &str {
        match self {
            Value::Text(s) | Value::Date(s) | Value::Other(_, s) => s,
        }
    }
}

/// A text source: a document.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Source {
    /// Its GUID.
    pub guid: String,
    /// Its name (dossier writes the document's path).
    pub name: Option<String>,
    /// What it is (dossier writes the document's title).
    pub description: Option<String>,
    /// `plainTextPath`: `internal://GUID.txt` by the standard, a bare file name from some
    /// tools.
    pub plain_text_path: Option<String>,
    /// `richTextPath`: a `.docx` some tools write beside an empty plain text.
    pub rich_text_path: Option<String>,
    /// The plain text: from `PlainTextContent`, or read from the file `plain_text_path`
    /// names; `None` when there is none.
    pub text: Option<String>,
    /// Why there is no text, when the file `plain_text_path` names cannot be used.
    pub text_problem: Option<String>,
    /// Selections, by position.
    pub selections: Vec<Selection>,
    /// Codings of the whole source.
    pub codings: Vec<Coding>,
    /// Notes on the whole source, by GUID.
    pub note_refs: Vec<String>,
    /// Values of variables.
    pub values: Vec<VariableValue>,
    /// The 1-based line of the source in `project.qde`, for messages (0 when built).
    pub line: usize,
}

/// A selection of a text source: `[start, end)` in code points of its plain text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Selection {
    /// Its GUID.
    pub guid: String,
    /// A label (dossier writes the start of the quote).
    pub name: Option<String>,
    /// First code point.
    pub start: i64,
    /// Code point after the last.
    pub end: i64,
    /// A memo some tools write here instead of a note.
    pub description: Option<String>,
    /// Its codings.
    pub codings: Vec<Coding>,
    /// Notes on it, by GUID.
    pub note_refs: Vec<String>,
    /// The user who made it.
    pub user: Option<String>,
    /// When, as written.
    pub created: Option<String>,
    /// The 1-based line of the selection in `project.qde`, for messages (0 when built).
    pub line: usize,
}

/// A code applied to a selection or a source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Coding {
    /// Its GUID.
    pub guid: String,
    /// The code's GUID.
    pub code: String,
    /// The user who made it.
    pub user: Option<String>,
    /// When, as written.
    pub created: Option<String>,
}

/// A note (a memo).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    /// Its GUID.
    pub guid: String,
    /// A label.
    pub name: Option<String>,
    /// Its text.
    pub text: String,
    /// The user who wrote it.
    pub user: Option<String>,
    /// When, as written.
    pub created: Option<String>,
}

impl Project {
    /// Every code with its full `/`-joined path of names, parents before children.
    pub fn code_paths(&self) -> Vec<(Vec<&str>, &Code)> {
        fn walk<'a>(codes: &'a [Code], above: &[&'a str], out: &mut Vec<(Vec<&'a str>, &'a Code)>) {
            for code in codes {
                let mut path = above.to_vec();
                path.push(code.name.as_str());
                out.push((path.clone(), code));
                walk(&code.children, &path, out);
            }
        }
        let mut out = Vec::new();
        walk(&self.codes, &[], &mut out);
        out
    }

    /// How many selections all sources hold.
    pub fn selection_count(&self) -> usize {
        self.sources.iter().map(|s| s.selections.len()).sum()
    }
}
