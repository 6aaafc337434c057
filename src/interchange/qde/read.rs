//! Reading `project.qde` with roxmltree: elements by local name, GUIDs in one form, the
//! line of each source and selection kept for messages.

use crate::interchange::InterchangeError;
use crate::interchange::guid::canonical;
use crate::interchange::project::{
    Code, Coding, Note, Project, Selection, Source, User, Value, Variable, VariableValue,
};
use roxmltree::Node;

/// Reads the text of `project.qde`; `file` names it in messages. The sources' texts are
/// those of `PlainTextContent`; those kept in files are the caller's to fill in.
pub fn read(xml: &str, file: &str) -> Result<Project, InterchangeError> {
    let doc = parse(xml, file)?;
    let root = doc.root_element();
    if root.tag_name().name() != "Project" {
        return Err(InterchangeError::NotRefi {
            file: file.to_owned(),
            root: root.tag_name().name().to_owned(),
        });
    }
    let r = Reader::new(file, &doc);
    let mut project = Project {
        name: root.attribute("name").unwrap_or_default().to_owned(),
        origin: root.attribute("origin").map(str::to_owned),
        xml: file.to_owned(),
        ..Project::default()
    };
    for section in root.children().filter(Node::is_element) {
        match section.tag_name().name() {
            "Users" => {
                project.users = elements(section, "User")
                    .map(|u| User {
                        guid: canonical(u.attribute("guid").unwrap_or_default()),
                        name: u.attribute("name").map(str::to_owned),
                        id: u.attribute("id").map(str::to_owned),
                    })
                    .collect();
            }
            "CodeBook" => {
                for codes in elements(section, "Codes") {
                    project.codes.extend(r.codes(codes)?);
                }
            }
            "Variables" => {
                project.variables = elements(section, "Variable")
                    .map(|v| Variable {
                        guid: canonical(v.attribute("guid").unwrap_or_default()),
                        name: v.attribute("name").unwrap_or_default().to_owned(),
                        kind: v.attribute("typeOfVariable").unwrap_or("Text").to_owned(),
                    })
                    .collect();
            }
            "Sources" => {
                for s in section.children().filter(Node::is_element) {
                    if s.tag_name().name() == "TextSource" {
                        project.sources.push(r.source(s)?);
                    } else {
                        let name = s.attribute("name").or(s.attribute("guid")).unwrap_or("?");
                        project
                            .other_sources
                            .push(format!("{} {name:?}", s.tag_name().name()));
                    }
                }
            }
            "Notes" => {
                for n in elements(section, "Note") {
                    project.notes.push(Note {
                        guid: canonical(n.attribute("guid").unwrap_or_default()),
                        name: n.attribute("name").map(str::to_owned),
                        text: child_text(n, "PlainTextContent").unwrap_or_default(),
                        user: n.attribute("creatingUser").map(canonical),
                        created: n.attribute("creationDateTime").map(str::to_owned),
                    });
                }
            }
            _ => {}
        }
    }
    Ok(project)
}

/// Parses XML, turning a syntax error into one naming the file, line and column.
pub(crate) fn parse<'x>(
    xml: &'x str,
    file: &str,
) -> Result<roxmltree::Document<'x>, InterchangeError> {
    let xml = xml.strip_prefix('\u{FEFF}').unwrap_or(xml);
    roxmltree::Document::parse(xml).map_err(|e| {
        let pos = e.pos();
        // The position is given apart; the parser's message repeats it.
        let message = e.to_string().replace(&format!(" at {pos}"), "");
        InterchangeError::Xml {
            file: file.to_owned(),
            line: pos.row,
            column: pos.col,
            message,
        }
    })
}

/// The element children of `node` called `name`.
pub(crate) fn elements<'a, 'x>(
    node: Node<'a, 'x>,
    name: &'static str,
) -> impl Iterator<Item = Node<'a, 'x>> {
    node.children()
        .filter(move |n| n.is_element() && n.tag_name().name() == name)
}

/// All the text inside the first child element called `name`.
pub(crate) fn child_text(node: Node<'_, '_>, name: &'static str) -> Option<String> {
    elements(node, name).next().map(|n| {
        n.descendants()
            .filter(Node::is_text)
            .filter_map(|t| t.text())
            .collect()
    })
}

/// Reads elements of one file, naming it in errors.
pub(crate) struct Reader<'f> {
    pub file: &'f str,
    /// The byte offset of every line break of the XML, to number lines without counting
    /// from the start for every element (roxmltree's `text_pos_at` does).
    breaks: Vec<usize>,
}

impl<'f> Reader<'f> {
    /// A reader of `doc`, parsed from `file`.
    pub fn new(file: &'f str, doc: &roxmltree::Document<'_>) -> Reader<'f> {
        let breaks = memchr::memchr_iter(b'\n', doc.input_text().as_bytes()).collect();
        Reader { file, breaks }
    }

    /// The 1-based line `node` starts on.
    fn line(&self, node: Node<'_, '_>) -> usize {
        self.breaks.partition_point(|&b| b < node.range().start) + 1
    }

    /// An error at `node`.
    pub fn invalid(&self, node: Node<'_, '_>, problem: String) -> InterchangeError {
        let pos = node.document().text_pos_at(node.range().start);
        InterchangeError::Invalid {
            file: self.file.to_owned(),
            line: pos.row,
            column: pos.col,
            element: node.tag_name().name().to_owned(),
            problem,
        }
    }

    /// An attribute the import needs.
    pub fn required<'a>(
        &self,
        node: Node<'a, '_>,
        name: &str,
    ) -> Result<&'a str, InterchangeError> {
        node.attribute(name)
            .ok_or_else(|| self.invalid(node, format!("has no {name} attribute")))
    }

    /// The codes of a `<Codes>` (or of a `<Code>`), with their children.
    pub fn codes(&self, node: Node<'_, '_>) -> Result<Vec<Code>, InterchangeError> {
        elements(node, "Code")
            .map(|c| {
                Ok(Code {
                    guid: canonical(self.required(c, "guid")?),
                    name: self.required(c, "name")?.to_owned(),
                    codable: c.attribute("isCodable") != Some("false"),
                    color: c.attribute("color").map(str::to_owned),
                    description: child_text(c, "Description").filter(|d| !d.trim().is_empty()),
                    children: self.codes(c)?,
                })
            })
            .collect()
    }

    fn source(&self, s: Node<'_, '_>) -> Result<Source, InterchangeError> {
        let line = self.line(s);
        let mut selections = Vec::new();
        for sel in elements(s, "PlainTextSelection") {
            let position = |name: &str| -> Result<i64, InterchangeError> {
                let raw = self.required(sel, name)?;
                raw.trim().parse().map_err(|_| {
                    self.invalid(sel, format!("has {name}={raw:?}, not a whole number"))
                })
            };
            selections.push(Selection {
                guid: canonical(sel.attribute("guid").unwrap_or_default()),
                name: sel.attribute("name").map(str::to_owned),
                start: position("startPosition")?,
                end: position("endPosition")?,
                description: child_text(sel, "Description").filter(|d| !d.trim().is_empty()),
                codings: self.codings(sel)?,
                note_refs: self.refs(sel, "NoteRef")?,
                user: sel.attribute("creatingUser").map(canonical),
                created: sel.attribute("creationDateTime").map(str::to_owned),
                line: self.line(sel),
            });
        }
        let mut values = Vec::new();
        for v in elements(s, "VariableValue") {
            let Some(r) = elements(v, "VariableRef").next() else {
                continue;
            };
            let variable = canonical(self.required(r, "targetGUID")?);
            let Some(value) = v
                .children()
                .find(|n| n.is_element() && n.tag_name().name() != "VariableRef")
            else {
                continue;
            };
            let text: String = value
                .descendants()
                .filter_map(|t| t.is_text().then(|| t.text()).flatten())
                .collect();
            let value = match value.tag_name().name() {
                "TextValue" => Value::Text(text),
                "DateValue" => Value::Date(text),
                other => Value::Other(other.to_owned(), text),
            };
            values.push(VariableValue { variable, value });
        }
        Ok(Source {
            guid: canonical(s.attribute("guid").unwrap_or_default()),
            name: s.attribute("name").map(str::to_owned),
            description: child_text(s, "Description"),
            plain_text_path: s.attribute("plainTextPath").map(str::to_owned),
            rich_text_path: s.attribute("richTextPath").map(str::to_owned),
            text: child_text(s, "PlainTextContent"),
            text_problem: None,
            selections,
            codings: self.codings(s)?,
            note_refs: self.refs(s, "NoteRef")?,
            values,
            line,
        })
    }

    fn codings(&self, node: Node<'_, '_>) -> Result<Vec<Coding>, InterchangeError> {
        elements(node, "Coding")
            .map(|c| {
                let code = elements(c, "CodeRef")
                    .next()
                    .ok_or_else(|| self.invalid(c, "has no CodeRef".to_owned()))?;
                Ok(Coding {
                    guid: canonical(c.attribute("guid").unwrap_or_default()),
                    code: canonical(self.required(code, "targetGUID")?),
                    user: c.attribute("creatingUser").map(canonical),
                    created: c.attribute("creationDateTime").map(str::to_owned),
                })
            })
            .collect()
    }

    fn refs(
        &self,
        node: Node<'_, '_>,
        name: &'static str,
    ) -> Result<Vec<String>, InterchangeError> {
        elements(node, name)
            .map(|r| Ok(canonical(self.required(r, "targetGUID")?)))
            .collect()
    }
}
