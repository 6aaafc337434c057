//! `.pdf` (SPEC §11): the text layer of each page (`pdf-extract` over `lopdf`, in the order
//! the page draws it, which word processors write in reading order), then the pages cleaned
//! up as one text ([`super::pdf_pages`]): running headers, footers and page numbers dropped,
//! words hyphenated across line ends joined, page breaks as paragraph breaks. A PDF with
//! pages but no text on them is skipped as scanned; one that needs a password, as encrypted.
//! Embedded Type 1 fonts are read once for the whole document first ([`super::pdf_fonts`]),
//! and so are the fonts' `/ToUnicode` CMaps ([`super::pdf_cmaps`]).

use super::{
    Candidate, Extracted, Format, FormatError, panic_message, pdf_cmaps, pdf_fonts, pdf_pages,
};
use lopdf::Document;

/// Reads a PDF.
pub fn extract(bytes: &[u8]) -> Result<Extracted, FormatError> {
    let mut doc = load(bytes)?;
    let shared = pdf_fonts::share_type1_encodings(&mut doc) > 0;
    let shared = pdf_cmaps::reduce_to_unicode(&mut doc) > 0 || shared;
    // The document as loaded, should a page fail with the fonts prepared: loaded again only then.
    let mut original: Option<Document> = None;
    let pages = doc.get_pages();
    if pages.is_empty() {
        return Err(FormatError::damaged(Format::Pdf, "it has no pages"));
    }
    let mut warnings = Vec::new();
    let mut texts = Vec::with_capacity(pages.len());
    for &number in pages.keys() {
        let mut page = read_page(&doc, number);
        if page.is_err() && shared {
            if original.is_none() {
                original = load(bytes).ok();
            }
            if let Some(original) = &original {
                page = read_page(original, number);
            }
        }
        let text = page.unwrap_or_else(|reason| {
            warnings.push(crate::text::one_line(&format!(
                "page {number} could not be read: {reason}"
            )));
            String::new()
        });
        texts.push(text);
    }
    if texts.iter().all(|t| t.trim().is_empty()) {
        // Pages that could not be read say nothing of whether the file is a scan.
        if !warnings.is_empty() {
            return Err(FormatError::damaged(Format::Pdf, warnings.join("; ")));
        }
        let has_images = pages
            .values()
            .any(|&id| doc.get_page_images(id).is_ok_and(|i| !i.is_empty()));
        return Err(if has_images {
            FormatError::Scanned
        } else {
            FormatError::damaged(Format::Pdf, "no text on any of its pages")
        });
    }
    let info = |key: &[u8]| info_field(&doc, key).and_then(|v| Candidate::new(&v, "PDF info"));
    Ok(Extracted {
        text: pdf_pages::clean(&texts),
        property_title: info(b"Title"),
        author: info(b"Author"),
        property_date: info(b"CreationDate").and_then(pdf_date),
        warnings,
        ..Extracted::default()
    })
}

/// Loads a PDF, decrypted when it has an empty user password: most "protected" PDFs do and
/// read like any other.
fn load(bytes: &[u8]) -> Result<Document, FormatError> {
    let mut doc = Document::load_mem(bytes).map_err(|e| error(&e))?;
    if doc.is_encrypted() && doc.decrypt("").is_err() {
        return Err(FormatError::Encrypted);
    }
    Ok(doc)
}

/// The text of one page, or why it could not be read: `pdf-extract` panics on some damaged
/// pages (a missing object, a bad font), and that page is lost with a warning while the
/// others still read.
fn read_page(doc: &Document, number: u32) -> Result<String, String> {
    let mut text = String::new();
    let mut output = pdf_extract::PlainTextOutput::new(&mut text);
    let page = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        pdf_extract::output_doc_page(doc, &mut output, number)
    }));
    match page {
        Ok(Ok(())) => Ok(text),
        Ok(Err(e)) => Err(e.to_string()),
        Err(panic) => Err(format!("the PDF reader failed: {}", panic_message(&*panic))),
    }
}

/// A PDF that `lopdf` cannot load: encrypted, or damaged (truncated, not a PDF at all).
fn error(e: &lopdf::Error) -> FormatError {
    match e {
        lopdf::Error::Decryption(_) => FormatError::Encrypted,
        other => FormatError::damaged(Format::Pdf, other),
    }
}

/// A field of the document information dictionary (`/Title`, `/Author`, …), decoded from
/// UTF-16 (with its byte-order mark) or PDFDocEncoding (read as Windows-1252, which it
/// matches in every printable character that statements use).
fn info_field(doc: &Document, key: &[u8]) -> Option<String> {
    let info = doc.trailer.get(b"Info").ok()?;
    let info = match info {
        lopdf::Object::Reference(id) => doc.get_object(*id).ok()?,
        other => other,
    };
    let value = info.as_dict().ok()?.get(key).ok()?;
    let value = match value {
        lopdf::Object::Reference(id) => doc.get_object(*id).ok()?,
        other => other,
    };
    let lopdf::Object::String(bytes, _) = value else {
        return None;
    };
    let text = match bytes.strip_prefix(&[0xFE, 0xFF]) {
        Some(utf16) => encoding_rs::UTF_16BE.decode_without_bom_handling(utf16).0,
        None => {
            encoding_rs::WINDOWS_1252
                .decode_without_bom_handling(bytes)
                .0
        }
    };
    Some(text.into_owned())
}

/// A PDF date (`D:20190314093000+01'00'`) as ISO 8601, so the metadata rules can read it.
fn pdf_date(mut candidate: Candidate) -> Option<Candidate> {
    let digits = candidate
        .value
        .strip_prefix("D:")
        .unwrap_or(&candidate.value);
    let (y, m, d) = (digits.get(0..4)?, digits.get(4..6)?, digits.get(6..8)?);
    if !(y.chars().chain(m.chars()).chain(d.chars())).all(|c| c.is_ascii_digit()) {
        return None;
    }
    candidate.value = format!("{y}-{m}-{d}");
    Some(candidate)
}
