//! A W3C Web Annotation collection (JSON-LD, <https://www.w3.org/TR/annotation-model/>):
//! one annotation per highlight, targeting its document with a `TextQuoteSelector` (exact,
//! prefix, suffix) and a `TextPositionSelector` in code points; its tags are `tagging`
//! bodies and its note a `commenting` body. What the notebook says of a whole document
//! (tags, notes) becomes annotations targeting the document itself. An orphaned highlight
//! keeps its quote selector, without positions that no longer hold it.

use super::guid::{self, Kind};
use super::positions::Positions;
use super::{ExportInput, Exported, InterchangeError};
use crate::notebook::Highlight;
use serde_json::{Value, json};

/// The notes on `input`'s documents as an `AnnotationCollection`.
pub fn export(input: &ExportInput<'_>) -> Result<Exported, InterchangeError> {
    let entries = super::entries(input);
    let mut items = Vec::new();
    let mut highlights = 0;
    for entry in &entries {
        let source = entry.doc.path.as_str();
        if let Some(notes) = entry.notes {
            let mut bodies: Vec<Value> = notes.tags.iter().map(|t| tagging(t)).collect();
            bodies.extend(notes.notes.iter().map(|n| commenting(&n.text)));
            if !bodies.is_empty() {
                items.push(json!({
                    "id": format!("urn:uuid:{}", guid::guid(Kind::Source, source)),
                    "type": "Annotation",
                    "motivation": if notes.tags.is_empty() { "commenting" } else { "tagging" },
                    "body": bodies,
                    "target": source,
                }));
            }
        }
        if entry.highlights().is_empty() {
            continue;
        }
        let text = entry.text()?;
        let positions = Positions::new(text);
        for h in entry.highlights() {
            items.push(annotation(source, h, text, &positions));
            highlights += 1;
        }
    }
    let collection = json!({
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "id": format!("urn:uuid:{}", guid::guid(Kind::Source, &format!("corpus:{}", input.context.corpus))),
        "type": "AnnotationCollection",
        "label": input.context.corpus,
        "total": items.len(),
        "first": {
            "type": "AnnotationPage",
            "startIndex": 0,
            "items": items,
        },
    });
    let mut bytes =
        serde_json::to_vec_pretty(&collection).map_err(|e| InterchangeError::Write {
            format: "w3c",
            message: e.to_string(),
        })?;
    bytes.push(b'\n');
    Ok(Exported {
        bytes,
        documents: entries.len(),
        highlights,
        tags: 0,
        losses: Vec::new(),
    })
}

fn annotation(source: &str, h: &Highlight, text: &str, positions: &Positions<'_>) -> Value {
    let mut body: Vec<Value> = h.tags.iter().map(|t| tagging(t)).collect();
    if let Some(note) = h.note.as_deref().filter(|n| !n.is_empty()) {
        body.push(commenting(note));
    }
    let mut selector = vec![json!({
        "type": "TextQuoteSelector",
        "exact": h.anchor.quote,
        "prefix": h.anchor.prefix,
        "suffix": h.anchor.suffix,
    })];
    if super::anchored(h, text)
        && let (Some(start), Some(end)) = (
            positions.char_of(h.anchor.start),
            positions.char_of(h.anchor.end),
        )
    {
        selector.push(json!({ "type": "TextPositionSelector", "start": start, "end": end }));
    }
    let motivation = if h.tags.is_empty() {
        "commenting"
    } else {
        "tagging"
    };
    let mut annotation = json!({
        "id": format!("urn:uuid:{}", guid::guid(Kind::Selection, &h.id)),
        "type": "Annotation",
        "motivation": motivation,
        "created": h.created,
        "body": body,
        "target": { "source": source, "selector": selector },
    });
    if let Some(coder) = super::highlight_coder(h) {
        annotation["creator"] = json!({ "type": "Person", "name": coder });
    }
    annotation
}

fn tagging(tag: &str) -> Value {
    json!({ "type": "TextualBody", "purpose": "tagging", "value": tag })
}

fn commenting(text: &str) -> Value {
    json!({ "type": "TextualBody", "purpose": "commenting", "value": text, "format": "text/plain" })
}
