//! A file in an extracted format read as a document: its text extracted (or taken from the
//! extracted-text cache), then normalized and given metadata by the same rules as a `.txt`
//! file, with the format's candidates where those rules allow them.

use super::{Candidate, Extracted, Format};
use crate::store::metadata::{self, Given, Metadata, Source};
use crate::store::normalize::{self, Repairs};
use crate::store::{Document, content_id, dates, extracted};
use std::path::Path;
use std::sync::Arc;

/// Reads the file `relative` in an extracted format; `known` and `cache` as for
/// [`crate::store::read_document`]'s inner reader. `Err` says why it is skipped.
pub(in crate::store) fn read(
    relative: &str,
    format: Format,
    bytes: &[u8],
    known: Option<(&str, &Metadata)>,
    cache: Option<&Path>,
) -> Result<Document, String> {
    let id = content_id(bytes);
    let known = known.and_then(|(known_id, meta)| (known_id == id).then_some(meta));
    let extracted = extracted::extract(cache, &id, format, bytes);
    document(relative, format, id, extracted, known)
}

/// The document of a file in an extracted format that has not changed since it was read
/// with content id `id` and metadata `meta`, from the extracted-text cache in `cache`
/// without reading the file; `None` when it is not a format of that kind or the cache does
/// not hold its text.
pub(in crate::store) fn read_unchanged(
    relative: &str,
    id: &str,
    meta: &Metadata,
    cache: &Path,
) -> Option<Result<Document, String>> {
    let format = Format::of(relative).filter(|f| f.is_extracted())?;
    let extracted = extracted::read(cache, id, format)?;
    Some(document(
        relative,
        format,
        id.to_owned(),
        extracted,
        Some(meta),
    ))
}

/// The document of an extraction's outcome.
fn document(
    relative: &str,
    format: Format,
    id: String,
    extracted: extracted::Outcome,
    known: Option<&Metadata>,
) -> Result<Document, String> {
    let extracted = extracted.map_err(|e| e.to_string())?;
    let mut repairs = Repairs::default();
    let text = normalize::trim_ends(normalize::clean(&extracted.text, &mut repairs));
    if text.trim().is_empty() {
        return Err("no text".to_owned());
    }
    // The styles' offsets hold only in the text they were made for.
    let styles = if text == extracted.text {
        extracted.styles.clone()
    } else {
        Vec::new()
    };
    let meta = match known {
        Some(meta) => meta.clone(),
        None => metadata_of(&text, &extracted, relative),
    };
    let mut warnings = extracted.warnings;
    warnings.extend(repairs.describe());
    Ok(Document {
        path: relative.to_owned(),
        format,
        id,
        meta,
        text: Arc::from(text),
        loaded: true,
        styles,
        warnings,
        clean: false,
        os_path: None,
    })
}

/// The metadata rules of SPEC §3 and §10 over the extracted text, with the format's own
/// title and date winning over the text's and the document properties filling in only what
/// the text leaves empty.
fn metadata_of(text: &str, extracted: &Extracted, relative: &str) -> Metadata {
    let fallback = crate::text::one_line(relative.rsplit('/').next().unwrap_or(relative));
    let date = |c: &Option<Candidate>| c.as_ref().and_then(|c| dates::parse_doc_date(&c.value));
    let given = Given {
        title: extracted.title.as_ref().map(|c| c.value.clone()),
        date: date(&extracted.date),
        from: Some(Source::Properties),
        ..Given::default()
    };
    let mut meta = metadata::extract(text, given, &fallback);
    if meta.title == fallback
        && let Some(title) = &extracted.property_title
    {
        meta.title = crate::text::one_line(&title.value);
    }
    if meta.date.is_none() {
        meta.date = date(&extracted.property_date);
        if meta.date.is_some() {
            meta.sources.insert("date", Source::Properties);
        }
    }
    crate::store::path_date::apply(&mut meta, relative);
    meta
}
