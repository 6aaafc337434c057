//! Importing a REFI-QDA project or codebook (SPEC §14): its codes into the codebook, its
//! codings into highlights and document tags, its notes and memos into notes, its `status`
//! variable into statuses (its other variables, metadata the corpus gives, are counted in
//! the report), as one list of [`Change`]s, so the command line saves them at once
//! (keeping the `.bak`) and the screen applies them as one undo step.
//!
//! Nothing is dropped silently: whatever cannot be matched or placed is a line of the
//! [`Report`]. What is already in the notebook is not duplicated: a selection at the place
//! of an existing highlight (or one that this notebook exported) adds its codes to it.
//! Pure: the caller reads the file ([`read`]) and passes the time in.

mod doc_plan;
mod ids;
pub mod matching;
mod planner;
pub mod report;

use super::InterchangeError;
use super::project::Project;
use crate::notebook::model::clean_tag;
use crate::notebook::{Change, Notebook, Tag};
use crate::store::Corpus;
use matching::Matcher;
use planner::{Context, Planner};
pub use report::{Report, SourceReport};
use std::collections::{BTreeMap, HashSet};

/// How to import.
#[derive(Debug, Clone)]
pub struct ImportOptions {
    /// Only the codings and memos of this coder (a user's name or id).
    pub coder: Option<String>,
    /// The configured statuses, which a `status` variable may set.
    pub statuses: Vec<String>,
    /// Now: the time of what the file does not date, and of new ids.
    pub now: jiff::Timestamp,
}

/// What an import does: the changes, and the report of everything it found.
#[derive(Debug, Clone)]
pub struct Plan {
    /// The changes, to apply together.
    pub changes: Vec<Change>,
    /// What was imported and what was not.
    pub report: Report,
}

/// Reads a `.qdpx`, a `.qdc` or a bare `.qde` from its bytes, by its extension; `file`
/// names it in messages.
pub fn read(file: &str, bytes: &[u8]) -> Result<Project, InterchangeError> {
    let lower = file.to_ascii_lowercase();
    if lower.ends_with(".qdc") || lower.ends_with(".qde") || lower.ends_with(".xml") {
        let xml = String::from_utf8_lossy(bytes);
        super::qdc::read(&xml, file)
    } else {
        super::qdpx::read(bytes, file)
    }
}

/// The changes that bring `project` into `notebook`, whose documents are `corpus`'s
/// (texts loaded).
pub fn plan(
    notebook: &Notebook,
    corpus: &Corpus,
    project: &Project,
    file: &str,
    options: &ImportOptions,
) -> Result<Plan, InterchangeError> {
    let mut report = Report::new(file, project);
    let keep = coder_filter(project, file, options)?;
    let codes = codes(project, &mut report);
    let status_variables = project
        .variables
        .iter()
        .filter(|v| v.name.trim().eq_ignore_ascii_case("status"))
        .map(|v| v.guid.clone())
        .collect();
    // The other variables are metadata, which comes from the corpus: reported, not kept.
    let metadata_variables = project
        .variables
        .iter()
        .filter(|v| !v.name.trim().eq_ignore_ascii_case("status"))
        .map(|v| (v.guid.as_str(), v.name.as_str()))
        .collect();
    let mut changes = additions(notebook, &codes, &mut report);
    let mut planner = Planner::new(Context {
        notebook,
        codes: &codes,
        notes: project.notes.iter().map(|n| (n.guid.as_str(), n)).collect(),
        users: project
            .users
            .iter()
            .map(|u| (u.guid.as_str(), u.label()))
            .collect(),
        keep,
        status_variables,
        metadata_variables,
        options,
        xml: &project.xml,
    });
    let mut matcher = Matcher::new(corpus);
    for source in &project.sources {
        planner.source(source, &mut matcher, &mut report);
    }
    for other in &project.other_sources {
        report.problem(format!("{other}: not a text source"));
    }
    let unattached = project
        .notes
        .iter()
        .filter(|n| !planner.referenced.contains(n.guid.as_str()))
        .count();
    if unattached > 0 {
        report.problem(format!(
            "{} on no source or selection (on the project or a code)",
            crate::text::count(unattached, "note", "notes")
        ));
    }
    changes.extend(planner.changes(&mut report));
    report.variable_problems();
    Ok(Plan { changes, report })
}

/// Which users' work to import: every user's, or the one `--coder` names.
fn coder_filter(
    project: &Project,
    file: &str,
    options: &ImportOptions,
) -> Result<Option<HashSet<String>>, InterchangeError> {
    let Some(coder) = options.coder.as_deref() else {
        return Ok(None);
    };
    let wanted = coder.trim();
    let guids: HashSet<String> = project
        .users
        .iter()
        .filter(|u| {
            [u.name.as_deref(), u.id.as_deref()]
                .into_iter()
                .flatten()
                .any(|n| n.trim().eq_ignore_ascii_case(wanted))
        })
        .map(|u| u.guid.clone())
        .collect();
    if guids.is_empty() {
        return Err(InterchangeError::UnknownCoder {
            file: file.to_owned(),
            coder: wanted.to_owned(),
            known: project.users.iter().map(|u| u.label().to_owned()).collect(),
        });
    }
    Ok(Some(guids))
}

/// Every code's tag name by GUID. A level holding `/` or `,`, which tag names cannot,
/// is mapped (`/` to `∕`, `,` to `;`) and reported; a name that is no tag is reported.
fn codes(project: &Project, report: &mut Report) -> BTreeMap<String, CodeTag> {
    let mut out = BTreeMap::new();
    for (path, code) in project.code_paths() {
        let levels: Vec<String> = path
            .iter()
            .map(|l| l.replace('/', "\u{2215}").replace(',', ";"))
            .collect();
        let original = path.join(" > ");
        match clean_tag(&levels.join("/")) {
            Ok(name) => {
                if path.iter().any(|l| l.contains(['/', ','])) {
                    report.renamed.push((original, name.clone()));
                }
                let color = code.color.as_deref().and_then(super::color::from_rgb);
                out.insert(
                    code.guid.clone(),
                    CodeTag {
                        keep: code.codable || color.is_some() || code.description.is_some(),
                        tag: Tag {
                            name,
                            color,
                            key: None,
                            description: code.description.clone().unwrap_or_default(),
                        },
                    },
                );
            }
            Err(e) => report.problem(format!(
                "code {original:?}: {e}; its codings are not imported"
            )),
        }
    }
    out
}

/// A code as a tag, and whether it belongs in the codebook (a folder with nothing but
/// children does not: its name lives on in theirs).
struct CodeTag {
    tag: Tag,
    keep: bool,
}

/// The codebook's new tags, sorted.
fn additions(
    notebook: &Notebook,
    codes: &BTreeMap<String, CodeTag>,
    report: &mut Report,
) -> Vec<Change> {
    let new: BTreeMap<&str, &Tag> = codes
        .values()
        .filter(|c| c.keep && notebook.tag(&c.tag.name).is_none())
        .map(|c| (c.tag.name.as_str(), &c.tag))
        .collect();
    report.tags_added = new.len();
    new.into_values()
        .map(|t| Change::AddTag(t.clone()))
        .collect()
}

/// A time as the notebook stores it, from an `xsd:dateTime` (one without a zone taken as
/// UTC); `None` for anything else.
fn timestamp(value: Option<&str>) -> Option<String> {
    let value = value?.trim();
    let t: jiff::Timestamp = value.parse().ok().or_else(|| {
        let civil: jiff::civil::DateTime = value.parse().ok()?;
        civil
            .to_zoned_datetime(jiff::tz::TimeZone::UTC)
            .ok()
            .map(|z| z.timestamp())
    })?;
    Some(t.strftime("%Y-%m-%dT%H:%M:%SZ").to_string())
}
