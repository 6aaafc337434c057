//! A notebook as a REFI-QDA [`Project`]: the codebook as nested codes, one text source per
//! document with its highlights as selections in code points, document tags as codings of
//! the source, notes as notes, status and metadata as variables. GUIDs come from ids, and
//! everything is in a fixed order, so the same notebook builds the same project.

use super::guid::{self, Kind};
use super::positions::{Positions, to_crlf};
use super::project::{
    Code, Coding, Note, Project, Selection, Source, User, Value, Variable, VariableValue,
};
use super::variables::{Type, Variables};
use super::{Entry, ExportInput, InterchangeError};
use crate::notebook::{DocumentNotes, Highlight, Notebook};
use std::collections::{BTreeMap, BTreeSet};

/// A project built from a notebook, and what it could not carry.
pub struct Built {
    /// The project, with each source's text.
    pub project: Project,
    /// Highlights written as selections.
    pub highlights: usize,
    /// What was left out, one line each.
    pub losses: Vec<String>,
}

/// Builds the project of `input`'s documents.
pub fn project(input: &ExportInput<'_>) -> Result<Built, InterchangeError> {
    let entries = super::entries(input);
    let notebook = input.notebook;
    let mut losses = Vec::new();
    let used: BTreeSet<&str> = entries
        .iter()
        .filter_map(|e| e.notes)
        .flat_map(|n| {
            n.tags
                .iter()
                .chain(n.highlights.iter().flat_map(|h| &h.tags))
        })
        .map(String::as_str)
        .collect();
    let codes = codes(notebook, &used, &mut losses);
    let users = super::coders(notebook)
        .iter()
        .map(|name| User {
            guid: guid::guid(Kind::User, name),
            name: Some(name.clone()),
            id: None,
        })
        .collect();
    let mut project = Project {
        name: input.context.corpus.clone(),
        origin: Some(format!("dossier {}", env!("CARGO_PKG_VERSION"))),
        users,
        codes,
        ..Project::default()
    };
    let variables = Variables::of(input.docs, notebook);
    losses.extend(variables.losses());
    let mut highlights = 0;
    let mut orphans = 0;
    for entry in &entries {
        let (source, notes, written) = source(entry, input.crlf, &variables)?;
        highlights += written;
        orphans += entry.highlights().len() - written;
        project.sources.push(source);
        project.notes.extend(notes);
    }
    // Variables in the CSV's order; those no document has a value of are left out.
    project.variables = variables
        .list
        .iter()
        .filter(|v| v.used)
        .map(|v| Variable {
            guid: guid::guid(Kind::Variable, &v.name),
            name: v.name.clone(),
            kind: v.kind.name().to_owned(),
        })
        .collect();
    if orphans > 0 {
        losses.push(format!(
            "{} not exported: their quotes are no longer in the text (`dossier check` lists them)",
            crate::text::count(orphans, "orphaned highlight", "orphaned highlights")
        ));
    }
    Ok(Built {
        project,
        highlights,
        losses,
    })
}

/// The codebook and every tag in use, as nested codes. A level that is not itself a tag
/// (`policy` of `policy/defence`) becomes a folder that cannot be coded.
pub fn codes(notebook: &Notebook, used: &BTreeSet<&str>, losses: &mut Vec<String>) -> Vec<Code> {
    #[derive(Default)]
    struct Node<'a> {
        children: BTreeMap<&'a str, Node<'a>>,
    }
    let mut names: BTreeSet<&str> = notebook.codebook.iter().map(|t| t.name.as_str()).collect();
    names.extend(used.iter().copied());
    let mut root = Node::default();
    for name in &names {
        let mut node = &mut root;
        for level in name.split('/') {
            node = node.children.entry(level).or_default();
        }
    }
    fn build(
        notebook: &Notebook,
        names: &BTreeSet<&str>,
        above: &str,
        node: &Node<'_>,
        losses: &mut Vec<String>,
    ) -> Vec<Code> {
        node.children
            .iter()
            .map(|(level, child)| {
                let path = if above.is_empty() {
                    (*level).to_owned()
                } else {
                    format!("{above}/{level}")
                };
                let tag = notebook.tag(&path);
                let color = tag.and_then(|t| t.color.as_deref()).and_then(|c| {
                    let rgb = super::color::to_rgb(c);
                    if rgb.is_none() {
                        losses.push(format!("tag {path:?}: colour {c:?} is not a colour"));
                    }
                    rgb
                });
                Code {
                    guid: guid::guid(Kind::Code, &path),
                    name: (*level).to_owned(),
                    codable: names.contains(path.as_str()),
                    color,
                    description: tag.map(|t| t.description.clone()).filter(|d| !d.is_empty()),
                    children: build(notebook, names, &path, child, losses),
                }
            })
            .collect()
    }
    let keys = notebook.codebook.iter().filter(|t| t.key.is_some()).count();
    if keys > 0 {
        losses.push(format!(
            "REFI-QDA has no place for tag keys: the keys of {} are not exported",
            crate::text::count(keys, "tag", "tags")
        ));
    }
    build(notebook, &names, "", &root, losses)
}

/// One document as a source, with the notes it refers to and how many highlights it
/// holds as selections.
fn source(
    entry: &Entry<'_>,
    crlf: bool,
    variables: &Variables,
) -> Result<(Source, Vec<Note>, usize), InterchangeError> {
    let doc = entry.doc;
    let text = entry.text()?;
    let positions = Positions::new(text);
    let at = |byte: usize| {
        if crlf {
            positions.crlf_char_of(byte)
        } else {
            positions.char_of(byte)
        }
    };
    let source_guid = guid::guid(Kind::Source, &doc.path);
    let mut notes = Vec::new();
    let mut selections = Vec::new();
    for h in entry.highlights() {
        let (Some(start), Some(end)) = (at(h.anchor.start), at(h.anchor.end)) else {
            continue;
        };
        if !super::anchored(h, text) {
            continue;
        }
        let mut note_refs = Vec::new();
        if let Some(note) = h.note.as_deref().filter(|n| !n.is_empty()) {
            let note_guid = guid::guid(Kind::Note, &format!("highlight:{}", h.id));
            note_refs.push(note_guid.clone());
            notes.push(Note {
                guid: note_guid,
                name: Some(format!("Note on {}", label(&h.anchor.quote))),
                text: note.to_owned(),
                user: super::highlight_coder(h).map(user_guid),
                created: timestamp(&h.created),
            });
        }
        selections.push(Selection {
            guid: guid::guid(Kind::Selection, &h.id),
            name: Some(crate::text::truncate(
                &crate::text::one_line(&h.anchor.quote),
                60,
            )),
            start: i64::try_from(start).unwrap_or(i64::MAX),
            end: i64::try_from(end).unwrap_or(i64::MAX),
            description: None,
            codings: codings(&h.id, &h.tags, h),
            note_refs,
            user: super::highlight_coder(h).map(user_guid),
            created: timestamp(&h.created),
            line: 0,
        });
    }
    let written = selections.len();
    let mut note_refs = Vec::new();
    let doc_notes = entry.notes.map_or(&[][..], |n| n.notes.as_slice());
    for note in doc_notes {
        let note_guid = guid::guid(Kind::Note, &note.id);
        note_refs.push(note_guid.clone());
        notes.push(Note {
            guid: note_guid,
            name: Some(format!("Note on {}", label(&doc.meta.title))),
            text: note.text.clone(),
            user: super::note_coder(note).map(user_guid),
            created: timestamp(&note.created),
        });
    }
    let values = variables
        .list
        .iter()
        .zip(variables.values(doc, entry.notes))
        .filter_map(|(variable, value)| {
            let value = value?.into_owned();
            Some(VariableValue {
                variable: guid::guid(Kind::Variable, &variable.name),
                value: match variable.kind {
                    Type::Text => Value::Text(value),
                    Type::Date => Value::Date(value),
                    kind => Value::Other(kind.element().to_owned(), value),
                },
            })
        })
        .collect();
    let source = Source {
        plain_text_path: Some(format!("internal://{source_guid}.txt")),
        rich_text_path: None,
        guid: source_guid,
        name: Some(doc.path.clone()),
        description: Some(doc.meta.title.clone()).filter(|t| !t.trim().is_empty()),
        text: Some(if crlf { to_crlf(text) } else { text.to_owned() }),
        text_problem: None,
        selections,
        codings: entry
            .notes
            .map(|n| doc_codings(&doc.path, n))
            .unwrap_or_default(),
        note_refs,
        values,
        line: 0,
    };
    Ok((source, notes, written))
}

/// The codings of a document's tags: one per coder who applied the tag (the first keeps the
/// GUID exports had before coders were recorded), or one without a user.
fn doc_codings(path: &str, notes: &DocumentNotes) -> Vec<Coding> {
    let mut out = Vec::new();
    for tag in &notes.tags {
        let taggers: Vec<&str> = notes.taggers_of(tag).collect();
        let users: Vec<Option<&str>> = if taggers.is_empty() {
            vec![None]
        } else {
            taggers.into_iter().map(Some).collect()
        };
        for (i, user) in users.into_iter().enumerate() {
            let owner = match (i, user) {
                (0, _) | (_, None) => path.to_owned(),
                (_, Some(coder)) => format!("{path}\u{0}{coder}"),
            };
            out.push(Coding {
                guid: guid::coding(&owner, tag),
                code: guid::guid(Kind::Code, tag),
                user: user.map(user_guid),
                created: None,
            });
        }
    }
    out
}

fn codings(owner: &str, tags: &[String], h: &Highlight) -> Vec<Coding> {
    tags.iter()
        .map(|tag| Coding {
            guid: guid::coding(owner, tag),
            code: guid::guid(Kind::Code, tag),
            user: super::highlight_coder(h).map(user_guid),
            created: timestamp(&h.created),
        })
        .collect()
}

fn user_guid(name: &str) -> String {
    guid::guid(Kind::User, name)
}

/// A stored time as `xsd:dateTime`, or nothing when it is not one.
fn timestamp(created: &str) -> Option<String> {
    let t: jiff::Timestamp = created.parse().ok()?;
    Some(t.strftime("%Y-%m-%dT%H:%M:%SZ").to_string())
}

/// A quote or title as a one-line label of at most 60 characters.
fn label(text: &str) -> String {
    format!(
        "\u{201C}{}\u{201D}",
        crate::text::truncate(&crate::text::one_line(text), 60)
    )
}
