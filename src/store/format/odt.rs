//! `.odt` (OpenDocument text, SPEC §11): paragraphs and headings in order (lists, tables,
//! sections and frames included), notes marked `[n]` where they are cited and listed after the
//! body; title, author and date from `meta.xml`. Comments and tracked deletions are not text.
//! The ZIP is read by `zip`, the XML by `roxmltree`.

use super::{
    Candidate, Extracted, Format, FormatError, Paragraphs, open_zip, parse_xml, zip_member,
};
use super::{Edge, edges};
use roxmltree::Node;
use std::collections::HashMap;

const TEXT: &str = "urn:oasis:names:tc:opendocument:xmlns:text:1.0";
const OFFICE: &str = "urn:oasis:names:tc:opendocument:xmlns:office:1.0";
const STYLE: &str = "urn:oasis:names:tc:opendocument:xmlns:style:1.0";
const CONTENT: &str = "content.xml";

/// Reads an ODT file.
pub fn extract(bytes: &[u8]) -> Result<Extracted, FormatError> {
    let mut zip = open_zip(bytes, Format::Odt)?;
    let Some(content) = zip_member(&mut zip, CONTENT, Format::Odt)? else {
        return Err(FormatError::damaged(
            Format::Odt,
            "the ZIP holds no content.xml",
        ));
    };
    let content = parse_xml(&content, CONTENT, Format::Odt)?;
    let mut parents = HashMap::new();
    if let Some(xml) = zip_member(&mut zip, "styles.xml", Format::Odt)?
        && let Ok(styles) = parse_xml(&xml, "styles.xml", Format::Odt)
    {
        style_parents(&styles, &mut parents);
    }
    style_parents(&content, &mut parents);
    let is_heading_style = |name: &str| is_heading_style(name, &parents);

    let mut out = Paragraphs::new();
    let mut notes: Vec<String> = Vec::new();
    let body = content
        .descendants()
        .find(|n| is(*n, OFFICE, "text"))
        .unwrap_or_else(|| content.root());
    walk(body, &is_heading_style, &mut out, &mut notes);
    out.footnotes(
        notes
            .iter()
            .enumerate()
            .map(|(i, note)| ((i + 1).to_string(), note.as_str())),
    );
    let (text, styles) = out.finish();
    let mut extracted = Extracted {
        title: super::leading_headings(&text, &styles).and_then(|t| Candidate::new(&t, "headings")),
        text,
        styles,
        ..Extracted::default()
    };
    if let Some(xml) = zip_member(&mut zip, "meta.xml", Format::Odt)?
        && let Ok(meta) = parse_xml(&xml, "meta.xml", Format::Odt)
    {
        let field = |name: &str| {
            meta.descendants()
                .find(|n| n.is_element() && n.tag_name().name() == name)
                .and_then(|n| n.text())
        };
        extracted.property_title = field("title").and_then(|v| Candidate::new(v, "meta.xml"));
        extracted.author = field("initial-creator")
            .or_else(|| field("creator"))
            .and_then(|v| Candidate::new(v, "meta.xml"));
        // `dc:date` is when it was last saved; the creation date is the document's own.
        extracted.property_date =
            field("creation-date").and_then(|v| Candidate::new(v, "meta.xml"));
    }
    Ok(extracted)
}

fn is(node: Node, ns: &str, name: &str) -> bool {
    node.is_element() && node.tag_name().name() == name && node.tag_name().namespace() == Some(ns)
}

/// Each named style's parent style, from `<style:style style:name style:parent-style-name>`.
fn style_parents(doc: &roxmltree::Document, parents: &mut HashMap<String, String>) {
    for style in doc.descendants().filter(|n| is(*n, STYLE, "style")) {
        if let Some(name) = style.attribute((STYLE, "name")) {
            let parent = style.attribute((STYLE, "parent-style-name")).unwrap_or("");
            parents.insert(name.to_owned(), parent.to_owned());
        }
    }
}

/// True when the style or one of its ancestors is named like a heading or title
/// (`Heading_20_1`, `Title`, `heading_5f_preface`).
fn is_heading_style(name: &str, parents: &HashMap<String, String>) -> bool {
    let mut name = name;
    // Styles could name each other in a loop: a few steps are all real files use.
    for _ in 0..8 {
        let lower = name.to_ascii_lowercase();
        if lower.contains("heading") || lower.contains("title") {
            return true;
        }
        match parents.get(name) {
            Some(parent) if !parent.is_empty() => name = parent,
            _ => return false,
        }
    }
    false
}

/// Walks the body into paragraphs; notes go to `notes`, their citations into the text.
fn walk(
    top: Node,
    is_heading: &dyn Fn(&str) -> bool,
    out: &mut Paragraphs,
    notes: &mut Vec<String>,
) {
    // Depth inside an element whose content is not body text (0: not in one).
    let mut skipped = 0usize;
    for edge in edges(top) {
        match edge {
            Edge::Open(node) if node.is_element() => {
                if skipped > 0 {
                    skipped += 1;
                    continue;
                }
                let ns = node.tag_name().namespace();
                let name = node.tag_name().name();
                if ns == Some(OFFICE) && name == "annotation" {
                    skipped = 1;
                    continue;
                }
                if ns != Some(TEXT) {
                    continue;
                }
                match name {
                    "p" | "h" => {
                        out.end();
                        let style = node.attribute((TEXT, "style-name")).unwrap_or("");
                        if name == "h" || is_heading(style) {
                            out.heading();
                        }
                    }
                    "s" => {
                        let count = node
                            .attribute((TEXT, "c"))
                            .and_then(|c| c.parse::<usize>().ok())
                            .unwrap_or(1);
                        for _ in 0..count.min(8) {
                            out.space();
                        }
                    }
                    "tab" => out.tab(),
                    "line-break" => out.line_break(),
                    "note" => {
                        let mut note = Paragraphs::new();
                        if let Some(body) = node.children().find(|n| is(*n, TEXT, "note-body")) {
                            walk(body, is_heading, &mut note, &mut Vec::new());
                        }
                        notes.push(note.finish().0);
                        out.push(&format!("[{}]", notes.len()));
                        skipped = 1;
                    }
                    // Tracked deletions, index marks, sequence declarations.
                    "tracked-changes" | "sequence-decls" | "variable-decls"
                    | "user-field-decls" => skipped = 1,
                    _ => {}
                }
            }
            // Text directly in a paragraph or span (not in the styles and declarations).
            Edge::Open(node)
                if node.is_text()
                    && skipped == 0
                    && node
                        .parent()
                        .is_some_and(|p| p.tag_name().namespace() == Some(TEXT)) =>
            {
                out.push(node.text().unwrap_or_default());
            }
            Edge::Close(node) if node.is_element() => {
                if skipped > 0 {
                    skipped -= 1;
                } else if is(node, TEXT, "p") || is(node, TEXT, "h") {
                    out.end();
                }
            }
            _ => {}
        }
    }
}
