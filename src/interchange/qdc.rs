//! `.qdc`: a REFI-QDA codebook alone (`urn:QDA-XML:codebook:1.0`): every tag of the
//! notebook as nested codes with colours and descriptions, to hand a coding scheme to a
//! colleague's QualCoder, MAXQDA, ATLAS.ti or NVivo, or to take theirs.

use super::project::Project;
use super::qde::{self, Reader};
use super::{Exported, InterchangeError};
use crate::notebook::Notebook;
use std::collections::BTreeSet;

/// The codebook namespace.
pub const CODEBOOK_NS: &str = "urn:QDA-XML:codebook:1.0";

/// The notebook's codebook, and every tag in use, as a `.qdc`.
pub fn export(notebook: &Notebook, corpus: &str) -> Result<Exported, InterchangeError> {
    let used: BTreeSet<&str> = notebook
        .documents
        .values()
        .flat_map(|d| {
            d.tags
                .iter()
                .chain(d.highlights.iter().flat_map(|h| &h.tags))
        })
        .map(String::as_str)
        .collect();
    let mut losses = Vec::new();
    let codes = super::build::codes(notebook, &used, &mut losses);
    if codes.is_empty() {
        return Err(InterchangeError::EmptyCodebook);
    }
    let project = Project {
        name: corpus.to_owned(),
        codes,
        ..Project::default()
    };
    let tags = project
        .code_paths()
        .iter()
        .filter(|(_, c)| c.codable)
        .count();
    Ok(Exported {
        bytes: write(&project.codes)?.into_bytes(),
        documents: 0,
        highlights: 0,
        tags,
        losses,
    })
}

/// Codes as the text of a `.qdc`.
pub fn write(codes: &[super::project::Code]) -> Result<String, InterchangeError> {
    let failed = |e: &dyn std::fmt::Display| InterchangeError::Write {
        format: "qdc",
        message: e.to_string(),
    };
    let mut w = qde::writer(codes.len() * 200 + 256).map_err(|e| failed(&e))?;
    w.create_element("CodeBook")
        .with_attribute(("xmlns", CODEBOOK_NS))
        .with_attribute((
            "origin",
            format!("dossier {}", env!("CARGO_PKG_VERSION")).as_str(),
        ))
        .write_inner_content(|w| qde::write_codes(w, codes))
        .map_err(|e| failed(&e))?;
    let mut bytes = w.into_inner();
    bytes.push(b'\n');
    String::from_utf8(bytes).map_err(|e| failed(&e))
}

/// Reads a `.qdc` (or a bare `project.qde`) as a project; `file` names it in messages.
pub fn read(xml: &str, file: &str) -> Result<Project, InterchangeError> {
    let doc = qde::parse(xml, file)?;
    let root = doc.root_element();
    match root.tag_name().name() {
        "CodeBook" => {
            let r = Reader::new(file, &doc);
            let mut codes = Vec::new();
            for c in qde::elements(root, "Codes") {
                codes.extend(r.codes(c)?);
            }
            Ok(Project {
                name: file.to_owned(),
                origin: root.attribute("origin").map(str::to_owned),
                codes,
                xml: file.to_owned(),
                ..Project::default()
            })
        }
        "Project" => qde::read(xml, file),
        other => Err(InterchangeError::NotRefi {
            file: file.to_owned(),
            root: other.to_owned(),
        }),
    }
}
