//! What an import found and did, for the command line's report and the screen's message:
//! per source the document it matched and how, how many highlights it made, merged or
//! re-anchored, and every thing that was not imported, one line each (REFI-QDA §7: tell
//! the user what is discarded, in as much detail as possible).

use super::matching::How;
use crate::interchange::project::Project;
use crate::text::count;
use std::collections::BTreeMap;

/// What an import found and did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    /// The file, as shown.
    pub file: String,
    /// The program that wrote it.
    pub origin: Option<String>,
    /// Text sources in the file.
    pub text_sources: usize,
    /// Codes in the file.
    pub codes: usize,
    /// Selections in the file.
    pub selections: usize,
    /// Each source that matched a document.
    pub sources: Vec<SourceReport>,
    /// Tags added to the codebook.
    pub tags_added: usize,
    /// Document tags added.
    pub doc_tags: usize,
    /// Document notes added.
    pub notes: usize,
    /// Statuses set.
    pub statuses: usize,
    /// Codes whose names were mapped to tag names: (the code's path, the tag).
    pub renamed: Vec<(String, String)>,
    /// Values of variables other than `status` on matched sources, by variable name: the
    /// notebook has no place for metadata (the corpus gives it), so none is imported.
    pub variables: BTreeMap<String, VariableCount>,
    /// What was not imported, one line each.
    pub problems: Vec<String>,
}

/// A variable's values on the matched sources.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct VariableCount {
    /// Values.
    pub values: usize,
    /// Values that are not what the corpus says of the document (or that it says nothing
    /// of): what the import loses.
    pub different: usize,
}

/// What became of one source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceReport {
    /// The source's name.
    pub name: String,
    /// The document it matched.
    pub doc: String,
    /// How.
    pub how: How,
    /// Highlights made.
    pub highlights: usize,
    /// Selections added to an existing highlight at the same place.
    pub merged: usize,
    /// Selections found again elsewhere in the document's text.
    pub reanchored: usize,
    /// Selections left out as another coder's (`--coder`).
    pub other_coders: usize,
    /// The status it set.
    pub status: Option<String>,
}

impl SourceReport {
    /// A source matched to `doc`, nothing imported yet.
    pub fn new(name: &str, doc: &str, how: How) -> SourceReport {
        SourceReport {
            name: name.to_owned(),
            doc: doc.to_owned(),
            how,
            highlights: 0,
            merged: 0,
            reanchored: 0,
            other_coders: 0,
            status: None,
        }
    }
}

impl Report {
    /// The report of importing `project` from `file`, before anything is imported.
    pub fn new(file: &str, project: &Project) -> Report {
        Report {
            file: file.to_owned(),
            origin: project.origin.clone(),
            text_sources: project.sources.len(),
            codes: project.code_paths().len(),
            selections: project.selection_count(),
            ..Report::default()
        }
    }

    /// Notes something that is not imported.
    pub fn problem(&mut self, line: String) {
        self.problems.push(line);
    }

    /// Adds a problem for each variable with values the corpus does not have: they are
    /// not imported.
    pub fn variable_problems(&mut self) {
        for (name, c) in &self.variables {
            if c.different > 0 {
                self.problems.push(format!(
                    "variable {name:?}: {} of {} not imported: the notebook keeps no metadata (a metadata table can, SPEC §10)",
                    count(c.different, "value", "values"),
                    c.values,
                ));
            }
        }
    }

    /// Highlights made.
    pub fn highlights(&self) -> usize {
        self.sources.iter().map(|s| s.highlights).sum()
    }

    /// Selections merged into existing highlights.
    pub fn merged(&self) -> usize {
        self.sources.iter().map(|s| s.merged).sum()
    }

    /// The report as lines; `done` says whether the changes were made or only planned.
    pub fn lines(&self, done: bool) -> Vec<String> {
        let one = crate::text::one_line;
        let mut lines = vec![format!(
            "{}{}: {}, {}, {}",
            one(&self.file),
            self.origin
                .as_deref()
                .map(|o| format!(" ({})", one(o)))
                .unwrap_or_default(),
            count(self.text_sources, "text source", "text sources"),
            count(self.codes, "code", "codes"),
            count(self.selections, "selection", "selections"),
        )];
        for s in &self.sources {
            let mut parts = vec![if s.highlights == 0 && s.merged == 0 {
                "nothing coded".to_owned()
            } else {
                count(s.highlights, "highlight", "highlights")
            }];
            if s.merged > 0 {
                parts.push(format!(
                    "{} added to existing highlights",
                    count(s.merged, "selection", "selections")
                ));
            }
            if s.reanchored > 0 {
                parts.push(format!("{} re-anchored", s.reanchored));
            }
            if s.other_coders > 0 {
                parts.push(format!(
                    "{} by other coders left out",
                    count(s.other_coders, "selection", "selections")
                ));
            }
            if let Some(status) = &s.status {
                parts.push(format!("status {}", one(status)));
            }
            lines.push(format!(
                "  {} -> {} ({}): {}",
                one(&s.name),
                one(&s.doc),
                s.how.as_str(),
                parts.join(", ")
            ));
        }
        for (code, tag) in &self.renamed {
            lines.push(format!(
                "  code {:?} became tag {:?} (tag names cannot hold `/` or `,`)",
                one(code),
                tag
            ));
        }
        let same: Vec<String> = self
            .variables
            .iter()
            .filter(|(_, c)| c.different == 0)
            .map(|(name, c)| format!("{} ({})", one(name), c.values))
            .collect();
        if !same.is_empty() {
            lines.push(format!(
                "  variables as the corpus has them, so not imported: {}",
                same.join(", ")
            ));
        }
        if !self.problems.is_empty() {
            lines.push(format!("not imported ({}):", self.problems.len()));
            lines.extend(self.problems.iter().map(|p| format!("  {}", one(p))));
        }
        let verb = if done { "imported" } else { "would import" };
        lines.push(format!(
            "{verb} {}, {} into the codebook, {}, {}, {}{}",
            count(self.highlights(), "highlight", "highlights"),
            count(self.tags_added, "tag", "tags"),
            count(self.doc_tags, "document tag", "document tags"),
            count(self.notes, "note", "notes"),
            count(self.statuses, "status", "statuses"),
            if self.merged() > 0 {
                format!(
                    ", {} merged",
                    count(self.merged(), "selection", "selections")
                )
            } else {
                String::new()
            }
        ));
        lines
    }
}
