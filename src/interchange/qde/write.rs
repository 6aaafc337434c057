//! Writing `project.qde` with quick-xml: every text and attribute escaped, elements in the
//! schema's order.

use super::PROJECT_NS;
use crate::interchange::InterchangeError;
use crate::interchange::project::{
    Code, Coding, Note, Project, Selection, Source, User, Value, Variable,
};
use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesText, Event};
use std::borrow::Cow;
use std::io;

/// The XML writer every REFI-QDA file is written with: two-space indentation.
pub(crate) type XmlWriter = Writer<Vec<u8>>;

/// A new writer with the XML declaration written.
pub(crate) fn writer(capacity: usize) -> io::Result<XmlWriter> {
    let mut w = Writer::new_with_indent(Vec::with_capacity(capacity), b' ', 2);
    w.write_event(Event::Decl(BytesDecl::new("1.0", Some("utf-8"), None)))?;
    Ok(w)
}

/// `project` as the text of `project.qde`.
pub fn write(project: &Project) -> Result<String, InterchangeError> {
    let text_len: usize = project
        .sources
        .iter()
        .map(|s| s.selections.len() * 400)
        .sum();
    write_project(project, text_len + 4096)
        .map_err(|e| InterchangeError::Write {
            format: "qdpx",
            message: e.to_string(),
        })
        .and_then(|bytes| {
            String::from_utf8(bytes).map_err(|e| InterchangeError::Write {
                format: "qdpx",
                message: e.to_string(),
            })
        })
}

fn write_project(project: &Project, capacity: usize) -> io::Result<Vec<u8>> {
    let mut w = writer(capacity)?;
    let mut root = w
        .create_element("Project")
        .with_attribute(("xmlns", PROJECT_NS))
        .with_attribute(("name", xml_safe(&project.name)));
    if let Some(origin) = &project.origin {
        root = root.with_attribute(("origin", xml_safe(origin)));
    }
    root.write_inner_content(|w| {
        if !project.users.is_empty() {
            w.create_element("Users").write_inner_content(|w| {
                for user in &project.users {
                    write_user(w, user)?;
                }
                Ok(())
            })?;
        }
        if !project.codes.is_empty() {
            w.create_element("CodeBook")
                .write_inner_content(|w| write_codes(w, &project.codes))?;
        }
        if !project.variables.is_empty() {
            w.create_element("Variables").write_inner_content(|w| {
                for v in &project.variables {
                    write_variable(w, v)?;
                }
                Ok(())
            })?;
        }
        if !project.sources.is_empty() {
            w.create_element("Sources").write_inner_content(|w| {
                for source in &project.sources {
                    write_source(w, source)?;
                }
                Ok(())
            })?;
        }
        if !project.notes.is_empty() {
            w.create_element("Notes").write_inner_content(|w| {
                for note in &project.notes {
                    write_note(w, note)?;
                }
                Ok(())
            })?;
        }
        Ok(())
    })?;
    let mut bytes = w.into_inner();
    bytes.push(b'\n');
    Ok(bytes)
}

fn write_user(w: &mut XmlWriter, user: &User) -> io::Result<()> {
    let mut e = w
        .create_element("User")
        .with_attribute(("guid", user.guid.as_str()));
    if let Some(name) = &user.name {
        e = e.with_attribute(("name", xml_safe(name)));
    }
    if let Some(id) = &user.id {
        e = e.with_attribute(("id", xml_safe(id)));
    }
    e.write_empty()?;
    Ok(())
}

/// `<Codes>` with each code and its children.
pub(crate) fn write_codes(w: &mut XmlWriter, codes: &[Code]) -> io::Result<()> {
    fn code(w: &mut XmlWriter, c: &Code) -> io::Result<()> {
        let mut e = w
            .create_element("Code")
            .with_attribute(("guid", c.guid.as_str()))
            .with_attribute(("name", xml_safe(&c.name)))
            .with_attribute(("isCodable", if c.codable { "true" } else { "false" }));
        if let Some(color) = &c.color {
            e = e.with_attribute(("color", color.as_str()));
        }
        if c.description.is_none() && c.children.is_empty() {
            e.write_empty()?;
            return Ok(());
        }
        e.write_inner_content(|w| {
            if let Some(d) = &c.description {
                text_element(w, "Description", d)?;
            }
            for child in &c.children {
                code(w, child)?;
            }
            Ok(())
        })?;
        Ok(())
    }
    w.create_element("Codes").write_inner_content(|w| {
        for c in codes {
            code(w, c)?;
        }
        Ok(())
    })?;
    Ok(())
}

fn write_variable(w: &mut XmlWriter, v: &Variable) -> io::Result<()> {
    w.create_element("Variable")
        .with_attribute(("guid", v.guid.as_str()))
        .with_attribute(("name", xml_safe(&v.name)))
        .with_attribute(("typeOfVariable", v.kind.as_str()))
        .write_empty()?;
    Ok(())
}

fn write_source(w: &mut XmlWriter, s: &Source) -> io::Result<()> {
    let mut e = w
        .create_element("TextSource")
        .with_attribute(("guid", s.guid.as_str()));
    if let Some(name) = &s.name {
        e = e.with_attribute(("name", xml_safe(name)));
    }
    if let Some(path) = &s.plain_text_path {
        e = e.with_attribute(("plainTextPath", xml_safe(path)));
    }
    e.write_inner_content(|w| {
        if let Some(d) = &s.description {
            text_element(w, "Description", d)?;
        }
        if s.plain_text_path.is_none()
            && let Some(text) = &s.text
        {
            text_element(w, "PlainTextContent", text)?;
        }
        for sel in &s.selections {
            write_selection(w, sel)?;
        }
        write_codings(w, &s.codings)?;
        note_refs(w, &s.note_refs)?;
        for v in &s.values {
            w.create_element("VariableValue").write_inner_content(|w| {
                w.create_element("VariableRef")
                    .with_attribute(("targetGUID", v.variable.as_str()))
                    .write_empty()?;
                let (element, value) = match &v.value {
                    Value::Text(s) => ("TextValue", s.as_str()),
                    Value::Date(s) => ("DateValue", s.as_str()),
                    Value::Other(element, s) => (element.as_str(), s.as_str()),
                };
                text_element(w, element, value)
            })?;
        }
        Ok(())
    })?;
    Ok(())
}

fn write_selection(w: &mut XmlWriter, s: &Selection) -> io::Result<()> {
    let (start, end) = (s.start.to_string(), s.end.to_string());
    let mut e = w
        .create_element("PlainTextSelection")
        .with_attribute(("guid", s.guid.as_str()));
    if let Some(name) = &s.name {
        e = e.with_attribute(("name", xml_safe(name)));
    }
    e = e
        .with_attribute(("startPosition", start.as_str()))
        .with_attribute(("endPosition", end.as_str()));
    if let Some(user) = &s.user {
        e = e.with_attribute(("creatingUser", user.as_str()));
    }
    if let Some(created) = &s.created {
        e = e.with_attribute(("creationDateTime", created.as_str()));
    }
    e.write_inner_content(|w| {
        if let Some(d) = &s.description {
            text_element(w, "Description", d)?;
        }
        write_codings(w, &s.codings)?;
        note_refs(w, &s.note_refs)
    })?;
    Ok(())
}

fn write_codings(w: &mut XmlWriter, codings: &[Coding]) -> io::Result<()> {
    for c in codings {
        let mut e = w
            .create_element("Coding")
            .with_attribute(("guid", c.guid.as_str()));
        if let Some(user) = &c.user {
            e = e.with_attribute(("creatingUser", user.as_str()));
        }
        if let Some(created) = &c.created {
            e = e.with_attribute(("creationDateTime", created.as_str()));
        }
        e.write_inner_content(|w| {
            w.create_element("CodeRef")
                .with_attribute(("targetGUID", c.code.as_str()))
                .write_empty()?;
            Ok(())
        })?;
    }
    Ok(())
}

fn note_refs(w: &mut XmlWriter, refs: &[String]) -> io::Result<()> {
    for r in refs {
        w.create_element("NoteRef")
            .with_attribute(("targetGUID", r.as_str()))
            .write_empty()?;
    }
    Ok(())
}

fn write_note(w: &mut XmlWriter, n: &Note) -> io::Result<()> {
    let mut e = w
        .create_element("Note")
        .with_attribute(("guid", n.guid.as_str()));
    if let Some(name) = &n.name {
        e = e.with_attribute(("name", xml_safe(name)));
    }
    if let Some(user) = &n.user {
        e = e.with_attribute(("creatingUser", user.as_str()));
    }
    if let Some(created) = &n.created {
        e = e.with_attribute(("creationDateTime", created.as_str()));
    }
    e.write_inner_content(|w| text_element(w, "PlainTextContent", &n.text))?;
    Ok(())
}

/// `<name>text</name>`, the text escaped.
pub(crate) fn text_element(w: &mut XmlWriter, name: &str, text: &str) -> io::Result<()> {
    w.create_element(name)
        .write_text_content(BytesText::new(&xml_safe(text)))?;
    Ok(())
}

/// `text` without the characters XML 1.0 cannot hold at all (controls other than tab and
/// line ends, and U+FFFE/U+FFFF); a notebook's text may have them, a QDA file may not.
pub(crate) fn xml_safe(text: &str) -> Cow<'_, str> {
    let bad = |c: char| {
        (c < ' ' && !matches!(c, '\t' | '\n' | '\r')) || matches!(c, '\u{FFFE}' | '\u{FFFF}')
    };
    if text.contains(bad) {
        Cow::Owned(text.chars().filter(|c| !bad(*c)).collect())
    } else {
        Cow::Borrowed(text)
    }
}
