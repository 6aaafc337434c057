//! `.docx` (Office Open XML, SPEC §11): the body's paragraphs and headings in order, tables
//! cell by cell, footnotes and endnotes marked `[n]` where they are cited and listed after
//! the body; title, author and date from the core properties. Deleted revisions and field
//! codes are not text. The ZIP is read by `zip`, the XML by `roxmltree`.

use super::{
    Candidate, Extracted, Format, FormatError, Paragraphs, open_zip, parse_xml, zip_member,
};
use super::{Edge, edges};
use roxmltree::Node;
use std::collections::HashMap;

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const DOCUMENT: &str = "word/document.xml";

/// Reads a DOCX file.
pub fn extract(bytes: &[u8]) -> Result<Extracted, FormatError> {
    let mut zip = open_zip(bytes, Format::Docx)?;
    let Some(document) = zip_member(&mut zip, DOCUMENT, Format::Docx)? else {
        return Err(FormatError::damaged(
            Format::Docx,
            "the ZIP holds no word/document.xml",
        ));
    };
    let headings = match zip_member(&mut zip, "word/styles.xml", Format::Docx)? {
        Some(xml) => heading_styles(&parse_xml(&xml, "word/styles.xml", Format::Docx)?),
        None => HashMap::new(),
    };
    let mut notes = Notes::default();
    for (part, kind) in [
        ("word/footnotes.xml", "footnote"),
        ("word/endnotes.xml", "endnote"),
    ] {
        if let Some(xml) = zip_member(&mut zip, part, Format::Docx)? {
            notes.read(&parse_xml(&xml, part, Format::Docx)?, kind, &headings);
        }
    }
    let body = parse_xml(&document, DOCUMENT, Format::Docx)?;
    let mut out = Paragraphs::new();
    let mut cited = Vec::new();
    walk(body.root(), &headings, &mut out, &mut |kind, id| {
        cited.push((kind, id));
        cited.len()
    });
    out.footnotes(cited.iter().enumerate().filter_map(|(i, key)| {
        notes
            .text
            .get(key)
            .map(|text| ((i + 1).to_string(), text.as_str()))
    }));
    let (text, styles) = out.finish();
    let mut extracted = Extracted {
        title: super::leading_headings(&text, &styles).and_then(|t| Candidate::new(&t, "headings")),
        text,
        styles,
        ..Extracted::default()
    };
    if let Some(xml) = zip_member(&mut zip, "docProps/core.xml", Format::Docx)? {
        // Damaged properties cost only their fields, not the document.
        if let Ok(core) = parse_xml(&xml, "docProps/core.xml", Format::Docx) {
            let field = |name: &str| {
                core.descendants()
                    .find(|n| n.is_element() && n.tag_name().name() == name)
                    .and_then(|n| n.text())
            };
            extracted.property_title = field("title").and_then(|v| Candidate::new(v, "core.xml"));
            extracted.author = field("creator").and_then(|v| Candidate::new(v, "core.xml"));
            extracted.property_date = field("created").and_then(|v| Candidate::new(v, "core.xml"));
        }
    }
    Ok(extracted)
}

/// Style ids whose name says heading, title or subtitle (`Heading1`, `Title`, and localized
/// ids whose `w:name` is `heading 1`).
fn heading_styles(styles: &roxmltree::Document) -> HashMap<String, bool> {
    styles
        .descendants()
        .filter(|n| is(*n, "style"))
        .filter_map(|style| {
            let id = style.attribute((W, "styleId"))?;
            let name = style
                .children()
                .find(|n| is(*n, "name"))
                .and_then(|n| n.attribute((W, "val")))
                .unwrap_or(id);
            Some((id.to_owned(), is_heading_name(name) || is_heading_name(id)))
        })
        .collect()
}

/// True for a style name that marks a heading.
fn is_heading_name(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    lower.starts_with("heading") || lower == "title" || lower == "subtitle"
}

fn is(node: Node, name: &str) -> bool {
    node.is_element() && node.tag_name().name() == name && node.tag_name().namespace() == Some(W)
}

/// Footnotes and endnotes by `(kind, id)`.
#[derive(Default)]
struct Notes {
    text: HashMap<(&'static str, String), String>,
}

impl Notes {
    fn read(
        &mut self,
        part: &roxmltree::Document,
        kind: &'static str,
        headings: &HashMap<String, bool>,
    ) {
        for note in part.descendants().filter(|n| is(*n, kind)) {
            // Separators are not notes.
            if note.attribute((W, "type")).is_some_and(|t| t != "normal") {
                continue;
            }
            let Some(id) = note.attribute((W, "id")) else {
                continue;
            };
            let mut out = Paragraphs::new();
            walk(note, headings, &mut out, &mut |_, _| 0);
            let (text, _) = out.finish();
            self.text.insert((kind, id.to_owned()), text);
        }
    }
}

/// Walks `top` into paragraphs; `cite` numbers a note reference (`kind`, `id`).
fn walk(
    top: Node,
    headings: &HashMap<String, bool>,
    out: &mut Paragraphs,
    cite: &mut dyn FnMut(&'static str, String) -> usize,
) {
    // Depth inside an element whose content is not text (0: not in one).
    let mut skipped = 0usize;
    for edge in edges(top) {
        match edge {
            Edge::Open(node) if node.is_element() => {
                if skipped > 0 {
                    skipped += 1;
                    continue;
                }
                if node.tag_name().namespace() != Some(W) {
                    continue;
                }
                match node.tag_name().name() {
                    // Deleted revisions, field codes, properties of runs and paragraphs.
                    "del" | "instrText" | "delText" | "rPr" => skipped = 1,
                    "pPr" => {
                        let style = node
                            .children()
                            .find(|n| is(*n, "pStyle"))
                            .and_then(|n| n.attribute((W, "val")));
                        let outline = node.children().any(|n| is(n, "outlineLvl"));
                        if outline
                            || style.is_some_and(|s| {
                                headings
                                    .get(s)
                                    .copied()
                                    .unwrap_or_else(|| is_heading_name(s))
                            })
                        {
                            out.heading();
                        }
                        skipped = 1;
                    }
                    "t" => out.push(node.text().unwrap_or_default()),
                    "tab" | "ptab" => out.tab(),
                    "br" if node.attribute((W, "type")) == Some("page") => out.end(),
                    "br" | "cr" => out.line_break(),
                    "noBreakHyphen" => out.push("\u{2011}"),
                    "footnoteReference" | "endnoteReference" => {
                        let kind = if node.tag_name().name() == "footnoteReference" {
                            "footnote"
                        } else {
                            "endnote"
                        };
                        if let Some(id) = node.attribute((W, "id")) {
                            let n = cite(kind, id.to_owned());
                            if n > 0 {
                                out.push(&format!("[{n}]"));
                            }
                        }
                    }
                    "p" => out.end(),
                    _ => {}
                }
            }
            Edge::Close(node) if node.is_element() => {
                if skipped > 0 {
                    skipped -= 1;
                } else if is(node, "p") || is(node, "tc") {
                    out.end();
                }
            }
            _ => {}
        }
    }
}
