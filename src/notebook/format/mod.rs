//! The notebook as RON text: written deterministically (documents by path, highlights by
//! position, codebook by name, empty entries left out), read with the line and column of
//! any fault, and brought up to date from older versions. No IO here.

mod write;

pub use write::{to_ron, to_ron_into};

use super::error::NotebookError;
use super::model::{Notebook, VERSION};
use std::path::Path;

/// Reads a notebook's text. Returns the notebook and, when it was brought up from an older
/// version, that version (so the caller keeps a copy of the old file).
pub fn from_ron(text: &str, path: &Path) -> Result<(Notebook, Option<u32>), NotebookError> {
    from_ron_with(text, path, STEPS)
}

/// One migration step: a notebook of version `from`, as a RON value, turned into one of
/// version `from + 1`.
pub type MigrationStep = fn(ron::Value) -> Result<ron::Value, String>;

/// The migration steps, by the version they start from; a format change adds a step here
/// and raises [`VERSION`].
const STEPS: &[(u32, MigrationStep)] = &[(1, coders_unknown)];

/// Version 1 to 2: version 2 adds who made what (`by`, `status_by`, `tagged_by`) and merge
/// conflicts, all optional. A version 1 file never said who made anything, and guessing
/// (the coder running this dossier) would put words in someone else's mouth, so every
/// coder stays unknown: the content is carried over as it is.
fn coders_unknown(value: ron::Value) -> Result<ron::Value, String> {
    match value {
        ron::Value::Map(_) => Ok(value),
        _ => Err("the notebook is not a structure".to_owned()),
    }
}

/// Brings a notebook of version `from`, as a RON value, up to the current version.
pub fn migrate(value: ron::Value, from: u32) -> Result<ron::Value, String> {
    migrate_with(value, from, STEPS)
}

fn migrate_with(
    mut value: ron::Value,
    from: u32,
    steps: &[(u32, MigrationStep)],
) -> Result<ron::Value, String> {
    let mut version = from;
    while version < VERSION {
        let Some((_, step)) = steps.iter().find(|(v, _)| *v == version) else {
            return Err(format!("no way to update version {version}"));
        };
        value = step(value)?;
        version += 1;
    }
    match &mut value {
        ron::Value::Map(map) => {
            map.insert("version", ron::Value::Number(ron::Number::U32(VERSION)));
            Ok(value)
        }
        _ => Err("the notebook is not a structure".to_owned()),
    }
}

fn from_ron_with(
    text: &str,
    path: &Path,
    steps: &[(u32, MigrationStep)],
) -> Result<(Notebook, Option<u32>), NotebookError> {
    let (mut notebook, migrated) = read_any_version(text, path, steps)?;
    settle(&mut notebook);
    Ok((notebook, migrated))
}

/// Puts a notebook read from a file in the order every change keeps it in and the writer
/// writes (the codebook by name, each document's highlights by place), which a file edited
/// by hand or written by another program need not follow. An entry with nothing in it is
/// never written (`to_ron`), so it is not kept either: a notebook loaded from a file is
/// the one it writes back.
fn settle(notebook: &mut Notebook) {
    notebook.codebook.sort_by(|a, b| a.name.cmp(&b.name));
    let empty: Vec<String> = (notebook.documents.iter())
        .filter(|(_, entry)| entry.is_empty())
        .map(|(path, _)| path.clone())
        .collect();
    for path in empty {
        notebook.documents.remove(&path);
    }
    notebook.each_entry_mut(|_, entry| super::model::sort_highlights(&mut entry.highlights));
}

fn read_any_version(
    text: &str,
    path: &Path,
    steps: &[(u32, MigrationStep)],
) -> Result<(Notebook, Option<u32>), NotebookError> {
    let parsed = ron::Options::default().from_str::<Notebook>(text);
    let version = match &parsed {
        Ok(notebook) => Some(notebook.version),
        // A newer or older file may not fit today's shape; its version still says why.
        Err(_) => probe_version(text),
    };
    match (parsed, version) {
        (Ok(notebook), Some(VERSION)) => Ok((notebook, None)),
        (_, Some(v)) if v > VERSION => {
            let (line, column) = version_position(text);
            Err(NotebookError::Newer {
                path: path.to_owned(),
                line,
                column,
                version: v,
            })
        }
        (Err(e), Some(VERSION) | None) => Err(parse_error(path, &e)),
        (parsed, Some(v)) => {
            let (line, column) = version_position(text);
            let fail = |message: String| NotebookError::Migrate {
                path: path.to_owned(),
                line,
                column,
                version: v,
                message,
            };
            // A RON value is a map that keeps one of two equal keys: refuse those first.
            ron::Options::default()
                .from_str::<DocumentKeys>(text)
                .map_err(|e| parse_error(path, &e))?;
            let value = ron::Options::default()
                .from_str::<ron::Value>(text)
                .map_err(|e| parse_error(path, &e))?;
            let value = migrate_with(value, v, steps).map_err(fail)?;
            // A migrated file that still does not fit is broken where the direct reading of
            // it broke, which names the line and column better than the migrated value can.
            let notebook: Notebook = value.into_rust().map_err(|e| match parsed {
                Err(direct) => parse_error(path, &direct),
                Ok(_) => fail(e.to_string()),
            })?;
            Ok((notebook, Some(v)))
        }
        // A parsed notebook always has a version.
        (Ok(notebook), None) => Ok((notebook, None)),
    }
}

/// The document paths of a notebook of any version, each once (other fields ignored).
#[derive(serde::Deserialize)]
#[serde(rename = "Notebook")]
struct DocumentKeys {
    #[serde(default, deserialize_with = "super::model::unique_keys")]
    #[allow(dead_code)] // Read only to be checked.
    documents: imbl::OrdMap<String, serde::de::IgnoredAny>,
}

fn parse_error(path: &Path, e: &ron::error::SpannedError) -> NotebookError {
    NotebookError::Parse {
        path: path.to_owned(),
        line: e.span.start.line,
        column: e.span.start.col,
        message: e.code.to_string(),
    }
}

/// The `version` of a notebook text that may not parse as a whole notebook.
fn probe_version(text: &str) -> Option<u32> {
    #[derive(serde::Deserialize)]
    #[serde(rename = "Notebook")]
    struct Probe {
        version: u32,
    }
    ron::Options::default()
        .from_str::<Probe>(text)
        .ok()
        .map(|p| p.version)
}

/// Line and column (1-based) of the version number, for messages about it.
fn version_position(text: &str) -> (usize, usize) {
    let offset = regex::Regex::new(r"\bversion\s*:\s*")
        .ok()
        .and_then(|re| re.find(text))
        .map_or(0, |m| m.end());
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::notebook::model::{Anchor, AnchorState, DocumentNotes, Highlight, Note, Tag};

    fn sample() -> Notebook {
        let mut nb = Notebook::new("c");
        let mut entry = DocumentNotes::new("abc", "A title");
        entry.status = Some("relevant".into());
        entry.tags = vec!["cyber".into()];
        entry.notes.push(Note {
            id: "N1".into(),
            text: "line one\nline \"two\"".into(),
            created: "2026-01-01T00:00:00Z".into(),
            by: "ana".into(),
        });
        entry.highlights.push(Highlight {
            id: "H1".into(),
            tags: vec!["5g".into()],
            note: None,
            created: "2026-01-01T00:00:00Z".into(),
            by: String::new(),
            anchor: Anchor::of("one two three", 4, 7).unwrap(),
            state: AnchorState::Ok,
        });
        nb.documents.insert("a.txt".into(), entry);
        nb.documents
            .insert("empty.txt".into(), DocumentNotes::new("x", "X"));
        nb.codebook = vec![Tag::named("cyber"), Tag::named("5g")];
        nb
    }

    #[test]
    fn writes_sorted_and_without_empty_entries() {
        let text = to_ron(&sample());
        assert!(text.starts_with("Notebook(\n    version: 2,\n"), "{text}");
        assert!(!text.contains("empty.txt"));
        assert!(text.find("\"5g\"").unwrap() < text.find("\"cyber\"").unwrap());
        let (back, migrated) = from_ron(&text, Path::new("n.ron")).unwrap();
        assert_eq!(migrated, None);
        assert_eq!(to_ron(&back), text);
    }

    #[test]
    fn a_newer_version_names_the_line_of_the_version() {
        let text = "Notebook(\n    version: 99,\n    corpus: \"c\",\n    future: 1,\n)";
        match from_ron(text, Path::new("n.ron")) {
            Err(NotebookError::Newer {
                line: 2,
                column: 14,
                version: 99,
                ..
            }) => {}
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn an_older_version_goes_through_the_migration_steps() {
        fn rename_title(value: ron::Value) -> Result<ron::Value, String> {
            // A pretend version 0 called the corpus `name`.
            let ron::Value::Map(mut map) = value else {
                return Err("not a map".into());
            };
            let name = map.remove(&ron::Value::String("name".into())).unwrap();
            map.insert("corpus", name);
            Ok(ron::Value::Map(map))
        }
        let text =
            "Notebook(version: 0, name: \"old\", codebook: [Tag(name: \"x\", key: Some('x'))])";
        let (nb, from) = from_ron_with(
            text,
            Path::new("n.ron"),
            &[
                (0, rename_title as MigrationStep),
                (1, coders_unknown as MigrationStep),
            ],
        )
        .unwrap();
        assert_eq!(from, Some(0));
        assert_eq!(nb.version, VERSION);
        assert_eq!(nb.corpus, "old");
        assert_eq!(nb.codebook[0].key, Some('x'));
        let err = from_ron(text, Path::new("n.ron")).unwrap_err();
        assert!(
            err.to_string().contains("cannot update notebook version 0"),
            "{err}"
        );
    }

    #[test]
    fn an_older_version_with_a_duplicate_document_is_refused_before_migrating() {
        let text = "Notebook(version: 0, documents: {\n\"a\": (), \n\"a\": ()})";
        let step: MigrationStep = Ok;
        let err = from_ron_with(text, Path::new("n.ron"), &[(0, step)]).unwrap_err();
        assert!(err.to_string().contains("\"a\" is given twice"), "{err}");
        assert!(err.to_string().starts_with("n.ron:3:"), "{err}");
    }
}
