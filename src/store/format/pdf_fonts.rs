//! Reads each embedded Type 1 font program of a PDF once, not once per page.
//!
//! `pdf-extract` builds every font again on every page that uses it, and for a Type 1 font
//! with an embedded program (`/FontFile`, as LaTeX writes them) it parses the whole program
//! each time for the font's built-in encoding, which it then uses only when the font
//! dictionary has no `/Encoding` of its own: over half of the time of a LaTeX PDF
//! (docs/formats.md). [`share_type1_encodings`] parses each program once, with the parser
//! `pdf-extract` uses, writes the built-in encoding into the font as the `/Encoding`
//! `/Differences` that `pdf-extract` turns into the same table, and drops the program from
//! the font's own copy of its descriptor (`pdf-extract` reads it for nothing else). The text
//! is the same; a program the parser fails on is left in place, so its pages fail as before.

use lopdf::{Dictionary, Document, Object, ObjectId};
use std::collections::HashMap;

/// Prepares every Type 1 font of `doc` with an embedded program as above; returns how many.
pub fn share_type1_encodings(doc: &mut Document) -> usize {
    let changes: Vec<(ObjectId, Dictionary, Option<Dictionary>)> = doc
        .objects
        .iter()
        .filter_map(|(&id, object)| {
            let font = object.as_dict().ok()?;
            let (descriptor, encoding) = prepared(doc, font)?;
            Some((id, descriptor, encoding))
        })
        .collect();
    let count = changes.len();
    for (id, descriptor, encoding) in changes {
        if let Ok(Object::Dictionary(font)) = doc.get_object_mut(id) {
            font.set("FontDescriptor", Object::Dictionary(descriptor));
            if let Some(encoding) = encoding {
                font.set("Encoding", Object::Dictionary(encoding));
            }
        }
    }
    count
}

/// For a Type 1 font with an embedded program that parses: its descriptor without the
/// program, and (when the font has no `/Encoding`) the program's encoding as one.
fn prepared(doc: &Document, font: &Dictionary) -> Option<(Dictionary, Option<Dictionary>)> {
    if deref(doc, font.get(b"Subtype").ok()?)?.as_name().ok()? != b"Type1" {
        return None;
    }
    let descriptor = deref(doc, font.get(b"FontDescriptor").ok()?)?
        .as_dict()
        .ok()?;
    let Object::Stream(program) = deref(doc, descriptor.get(b"FontFile").ok()?)? else {
        return None;
    };
    // As `pdf-extract` reads it, so the parser sees the same bytes.
    let program = if program.filters().is_ok() {
        program
            .decompressed_content()
            .unwrap_or_else(|_| program.content.clone())
    } else {
        program.content.clone()
    };
    // The parser panics on programs it cannot read; `pdf-extract` would too, on every page.
    let map = std::panic::catch_unwind(|| type1_encoding_parser::get_encoding_map(&program))
        .ok()?
        .ok()?;
    // FontAwesome's unknown glyph names are read differently from `/Differences` (as empty
    // text) than from the program (as PDFDocEncoding), so that font keeps its program.
    let base = font.get(b"BaseFont").ok().and_then(|b| deref(doc, b));
    if base
        .and_then(|b| b.as_name().ok())
        .is_some_and(|n| n.windows(b"FontAwesome".len()).any(|w| w == b"FontAwesome"))
    {
        return None;
    }
    let mut descriptor = descriptor.clone();
    descriptor.remove(b"FontFile");
    let encoding = (!font.has(b"Encoding")).then(|| differences(map));
    Some((descriptor, encoding))
}

/// A built-in encoding (code to glyph name) as an encoding dictionary: `/Differences` from
/// no base encoding, which `pdf-extract` starts from the same table as for a built-in one.
fn differences(map: HashMap<u32, Vec<u8>>) -> Dictionary {
    let mut codes: Vec<(u32, Vec<u8>)> = map.into_iter().collect();
    codes.sort();
    let entries = codes
        .into_iter()
        .flat_map(|(code, name)| [Object::Integer(code.into()), Object::Name(name)])
        .collect();
    Dictionary::from_iter([("Differences", Object::Array(entries))])
}

/// An object, through one reference if it is one.
pub(super) fn deref<'a>(doc: &'a Document, object: &'a Object) -> Option<&'a Object> {
    match object {
        Object::Reference(id) => doc.get_object(*id).ok(),
        other => Some(other),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use lopdf::{Stream, dictionary};

    /// A one-page PDF that shows `(AB)` in a Type 1 font with the embedded `program`.
    fn type1_pdf(program: &[u8]) -> Vec<u8> {
        let mut doc = Document::with_version("1.5");
        let file = doc.add_object(Stream::new(dictionary! {}, program.to_vec()));
        let descriptor = doc.add_object(dictionary! {
            "Type" => "FontDescriptor", "FontName" => "Swapped", "Flags" => 4, "FontFile" => file,
        });
        let font = doc.add_object(dictionary! {
            "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Swapped",
            "FirstChar" => 65, "LastChar" => 66, "Widths" => vec![500.into(), 500.into()],
            "FontDescriptor" => descriptor,
        });
        let content = doc.add_object(Stream::new(
            dictionary! {},
            b"BT /F1 12 Tf 72 700 Td (AB) Tj ET".to_vec(),
        ));
        super::super::pdf_cmaps::add_pages(&mut doc, 1, content, dictionary! { "F1" => font });
        let mut bytes = Vec::new();
        doc.save_to(&mut bytes).unwrap();
        bytes
    }

    /// A Type 1 program whose built-in encoding swaps `A` and `B`.
    const SWAPPED: &[u8] = b"%!PS-AdobeFont-1.0: Swapped\n/FontName /Swapped def\n\
        /Encoding 256 array\n0 1 255 {1 index exch /.notdef put} for\n\
        dup 65 /B put\ndup 66 /A put\nreadonly def\ncurrentfile eexec\n";

    #[test]
    fn a_built_in_encoding_read_once_still_decodes_the_text() {
        let bytes = type1_pdf(SWAPPED);
        let mut doc = Document::load_mem(&bytes).unwrap();
        assert_eq!(share_type1_encodings(&mut doc), 1);
        // The font's own descriptor no longer has the program; the shared one keeps it.
        let font = doc
            .objects
            .values()
            .filter_map(|o| o.as_dict().ok())
            .find(|d| d.has(b"Subtype"))
            .unwrap();
        let descriptor = font.get(b"FontDescriptor").and_then(Object::as_dict);
        assert!(descriptor.is_ok_and(|d| !d.has(b"FontFile")));
        let text = super::super::pdf::extract(&bytes).unwrap().text;
        assert_eq!(text.trim(), "BA");
    }

    #[test]
    fn a_program_the_parser_fails_on_is_left_and_its_page_fails_as_before() {
        // `/Encoding array` without a size: the parser gives an error, pdf-extract panics.
        let bytes = type1_pdf(b"%!PS-AdobeFont-1.0: Broken\n/Encoding array\nreadonly def\n");
        let mut doc = Document::load_mem(&bytes).unwrap();
        assert_eq!(share_type1_encodings(&mut doc), 0);
        let error = super::super::pdf::extract(&bytes).unwrap_err().to_string();
        assert!(error.contains("page 1 could not be read"), "{error}");
    }
}
