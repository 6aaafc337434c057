//! `.qdpx`: a REFI-QDA project file, a ZIP holding `project.qde` and a `sources/` folder
//! with each text source as `GUID.txt` (UTF-8, no byte-order mark).
//!
//! Written deterministically, so an unchanged notebook exports byte-identical files: the
//! entries in a fixed order (`project.qde`, then the sources in the documents' order), each
//! dated 1980-01-01 (the ZIP epoch) with fixed permissions. Read leniently, as the real
//! files need: any case for the `sources` folder, a `plainTextPath` with or without
//! `internal://`, a byte-order mark stripped. A file that is not a ZIP, or lacks
//! `project.qde`, is an error naming it; an unusable source is noted on the source.

use super::project::Project;
use super::{ExportInput, Exported, InterchangeError};
use std::collections::HashMap;
use std::io::{Cursor, Read, Write};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipArchive, ZipWriter};

/// The largest entry read from an archive; the standard allows 2 GiB, and a larger one is
/// more likely a ZIP bomb than a transcript.
const MAX_ENTRY_BYTES: u64 = 1 << 30;

/// The notebook's notes on `input`'s documents as a `.qdpx`.
pub fn export(input: &ExportInput<'_>) -> Result<Exported, InterchangeError> {
    let built = super::build::project(input)?;
    let bytes = write(&built.project)?;
    let tags = built
        .project
        .code_paths()
        .iter()
        .filter(|(_, c)| c.codable)
        .count();
    Ok(Exported {
        bytes,
        documents: built.project.sources.len(),
        highlights: built.highlights,
        tags,
        losses: built.losses,
    })
}

/// `project` as a ZIP: `project.qde`, then each source's text as `sources/GUID.txt`.
pub fn write(project: &Project) -> Result<Vec<u8>, InterchangeError> {
    let qde = super::qde::write(project)?;
    let failed = |e: &dyn std::fmt::Display| InterchangeError::Write {
        format: "qdpx",
        message: e.to_string(),
    };
    let texts: usize = project
        .sources
        .iter()
        .filter_map(|s| s.text.as_ref())
        .map(String::len)
        .sum();
    let mut zip = ZipWriter::new(Cursor::new(Vec::with_capacity(
        (qde.len() + texts) / 3 + 4096,
    )));
    let options = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .last_modified_time(DateTime::default())
        .unix_permissions(0o644);
    zip.start_file("project.qde", options)
        .map_err(|e| failed(&e))?;
    zip.write_all(qde.as_bytes()).map_err(|e| failed(&e))?;
    for source in &project.sources {
        let (Some(text), Some(path)) = (&source.text, &source.plain_text_path) else {
            continue;
        };
        let name = path.strip_prefix("internal://").unwrap_or(path);
        zip.start_file(format!("sources/{name}"), options)
            .map_err(|e| failed(&e))?;
        zip.write_all(text.as_bytes()).map_err(|e| failed(&e))?;
    }
    let cursor = zip.finish().map_err(|e| failed(&e))?;
    Ok(cursor.into_inner())
}

/// Reads a `.qdpx` from its bytes; `file` names it in messages. Each text source gets the
/// text of its file, or a `text_problem` saying why it has none.
pub fn read(bytes: &[u8], file: &str) -> Result<Project, InterchangeError> {
    let mut archive =
        ZipArchive::new(Cursor::new(bytes)).map_err(|e| InterchangeError::NotZip {
            file: file.to_owned(),
            message: e.to_string(),
        })?;
    // Entry names by lower case, so `Sources/` and `SOURCES/` are found.
    let mut names: HashMap<String, usize> = HashMap::new();
    for i in 0..archive.len() {
        if let Ok(entry) = archive.by_index(i)
            && let Ok(name) = entry.name()
        {
            names
                .entry(name.replace('\\', "/").to_lowercase())
                .or_insert(i);
        }
    }
    let qde_index = names.get("project.qde").copied().or_else(|| {
        // A project zipped with its folder: `MyProject/project.qde`.
        names
            .iter()
            .filter(|(n, _)| n.ends_with("/project.qde") && n.matches('/').count() == 1)
            .map(|(_, i)| *i)
            .min()
    });
    let Some(qde_index) = qde_index else {
        return Err(InterchangeError::NoProject {
            file: file.to_owned(),
        });
    };
    let qde = entry_text(&mut archive, qde_index, file, "project.qde")?;
    let mut project = super::qde::read(&qde, &format!("{file}: project.qde"))?;
    for source in &mut project.sources {
        if source.text.is_some() {
            continue;
        }
        let Some(path) = source.plain_text_path.clone() else {
            source.text_problem = Some("it has neither a plain text file nor text".to_owned());
            continue;
        };
        let Some(name) = internal_name(&path) else {
            source.text_problem = Some(format!("its text {path:?} is outside the project"));
            continue;
        };
        let key = format!("sources/{}", name.to_lowercase());
        match names.get(&key) {
            Some(&i) => match entry_text(&mut archive, i, file, &key) {
                Ok(text) => source.text = Some(text),
                Err(e) => source.text_problem = Some(e.to_string()),
            },
            None => {
                source.text_problem = Some(format!("its text sources/{name} is not in the archive"))
            }
        }
    }
    Ok(project)
}

/// The file name inside `sources/` of a `plainTextPath`: `internal://GUID.txt` or, as qc
/// writes it, a bare `name.txt`; `None` for a `relative://` or `absolute://` one.
fn internal_name(path: &str) -> Option<&str> {
    if let Some(name) = path.strip_prefix("internal://") {
        return Some(name);
    }
    (!path.contains("://")).then(|| path.trim_start_matches("sources/"))
}

/// An entry's text: UTF-8 (invalid sequences replaced), without a byte-order mark.
fn entry_text(
    archive: &mut ZipArchive<Cursor<&[u8]>>,
    index: usize,
    file: &str,
    name: &str,
) -> Result<String, InterchangeError> {
    let failed = |message: String| InterchangeError::Entry {
        file: file.to_owned(),
        entry: name.to_owned(),
        message,
    };
    let entry = archive.by_index(index).map_err(|e| failed(e.to_string()))?;
    if entry.size() > MAX_ENTRY_BYTES {
        return Err(failed(format!("it is larger than {MAX_ENTRY_BYTES} bytes")));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(entry.size()).unwrap_or(0));
    entry
        .take(MAX_ENTRY_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| failed(e.to_string()))?;
    if bytes.len() as u64 > MAX_ENTRY_BYTES {
        return Err(failed(format!("it is larger than {MAX_ENTRY_BYTES} bytes")));
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    Ok(String::from_utf8_lossy(bytes).into_owned())
}
