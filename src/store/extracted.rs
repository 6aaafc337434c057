//! The extracted-text cache: what [`super::format::extract`] gave for a file's content, kept
//! so that a warm start reads a PDF's or DOCX's text back instead of extracting it again
//! (extraction costs 10 to 1000 times what reading the text back does).
//!
//! Entries are keyed by the content id and the format, so they are shared by every corpus
//! and never stale: a changed file has a new id. Each is one small file under
//! `<cache dir>/extracted/`, behind a magic line, the layout and extractor versions and a
//! BLAKE3 checksum; anything that does not check out is ignored and extracted again, never an
//! error. Writing one that fails costs only speed next time.

use super::format::{EXTRACTOR_VERSION, Extracted, Format, FormatError};
use std::path::{Path, PathBuf};

const MAGIC: &[u8] = b"dossier extracted text\n";
/// Raised whenever the layout of an entry changes.
const LAYOUT: u32 = 1;
const HASH_LEN: usize = 32;

/// What extracting a file gave: its text, or why it could not be read (kept too, so a
/// scanned PDF is not tried again on every start).
pub(super) type Outcome = Result<Extracted, FormatError>;

/// The entry file of a content id in `format`.
fn file_of(dir: &Path, id: &str, format: Format) -> PathBuf {
    let fan = id.get(..2).unwrap_or("00");
    dir.join("extracted")
        .join(fan)
        .join(format!("{id}.{}.bin", format.name()))
}

/// The cached outcome of extracting the content `id`, if there is a valid one.
pub(super) fn read(dir: &Path, id: &str, format: Format) -> Option<Outcome> {
    let bytes = std::fs::read(file_of(dir, id, format)).ok()?;
    let rest = bytes.strip_prefix(MAGIC)?;
    let (layout, rest) = rest.split_first_chunk::<4>()?;
    let (version, rest) = rest.split_first_chunk::<4>()?;
    if u32::from_le_bytes(*layout) != LAYOUT || u32::from_le_bytes(*version) != EXTRACTOR_VERSION {
        return None;
    }
    let (hash, body) = rest.split_first_chunk::<HASH_LEN>()?;
    if blake3::hash(body).as_bytes() != hash {
        return None;
    }
    match postcard::take_from_bytes::<Outcome>(body) {
        Ok((outcome, [])) => Some(outcome),
        _ => None,
    }
}

/// Keeps the outcome of extracting the content `id`.
pub(super) fn write(dir: &Path, id: &str, format: Format, outcome: &Outcome) {
    let file = file_of(dir, id, format);
    let Ok(body) = postcard::to_stdvec(outcome) else {
        return;
    };
    let mut bytes = Vec::with_capacity(MAGIC.len() + 8 + HASH_LEN + body.len());
    bytes.extend_from_slice(MAGIC);
    bytes.extend_from_slice(&LAYOUT.to_le_bytes());
    bytes.extend_from_slice(&EXTRACTOR_VERSION.to_le_bytes());
    bytes.extend_from_slice(blake3::hash(&body).as_bytes());
    bytes.extend_from_slice(&body);
    if let Some(parent) = file.parent()
        && std::fs::create_dir_all(parent).is_ok()
    {
        let _ = crate::atomic::write_atomic(&file, &bytes, false);
    }
}

/// The outcome of extracting `bytes` (whose content id is `id`): from the cache in `dir`
/// when it holds one, else extracted now and kept there.
pub(super) fn extract(dir: Option<&Path>, id: &str, format: Format, bytes: &[u8]) -> Outcome {
    if let Some(dir) = dir
        && let Some(outcome) = read(dir, id, format)
    {
        return outcome;
    }
    let outcome = super::format::extract(format, bytes);
    if let Some(dir) = dir {
        write(dir, id, format, &outcome);
    }
    outcome
}
