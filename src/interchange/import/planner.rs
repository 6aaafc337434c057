//! The import's work on sources: each is matched to a document, its selections placed in
//! the document's text and turned into highlights (merged with one already there), its
//! codings into document tags, its notes into notes, its `status` variable into a status;
//! then the changes of every document are made, in path order.

use super::doc_plan::DocPlan;
use super::ids::Ids;
use super::matching::{Matcher, Placed, Placer, normalize};
use super::report::{Report, SourceReport};
use super::{CodeTag, ImportOptions, timestamp};
use crate::interchange::project::{self, Coding, Selection, Source};
use crate::notebook::{AnchorState, Change, DocRef, Highlight, Note, Notebook};
use crate::store::Document;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

/// A note to add, as the project gives it.
struct NoteText {
    text: String,
    created: Option<String>,
    by: String,
}

/// What every planning step reads.
pub(super) struct Context<'a> {
    pub notebook: &'a Notebook,
    pub codes: &'a BTreeMap<String, CodeTag>,
    pub notes: HashMap<&'a str, &'a project::Note>,
    /// Every user's name (or id), by GUID: the coder of what they made.
    pub users: HashMap<&'a str, &'a str>,
    /// With `--coder`, the GUIDs of that coder's users.
    pub keep: Option<HashSet<String>>,
    /// The GUIDs of the variables called `status`.
    pub status_variables: HashSet<String>,
    /// The names of the other variables, by GUID: metadata, which the notebook has no
    /// place for.
    pub metadata_variables: HashMap<&'a str, &'a str>,
    pub options: &'a ImportOptions,
    /// Where the XML is, for messages (`x.qdpx: project.qde`).
    pub xml: &'a str,
}

/// Plans the import source by source, then makes the changes.
pub(super) struct Planner<'a> {
    cx: Context<'a>,
    ids: Ids,
    docs: BTreeMap<String, DocPlan<'a>>,
    /// The notes something refers to; the others are reported.
    pub referenced: HashSet<&'a str>,
}

impl<'a> Planner<'a> {
    pub fn new(cx: Context<'a>) -> Planner<'a> {
        Planner {
            ids: Ids::new(cx.notebook, cx.options.now),
            cx,
            docs: BTreeMap::new(),
            referenced: HashSet::new(),
        }
    }

    /// True when the work of this user is imported (always, without `--coder`).
    fn kept(&self, user: Option<&str>) -> bool {
        match &self.cx.keep {
            None => true,
            Some(users) => user.is_some_and(|u| users.contains(u)),
        }
    }

    /// The coder of what `user` made: the user's name, or nobody.
    fn coder(&self, user: Option<&str>) -> String {
        user.and_then(|u| self.cx.users.get(u))
            .map(|name| name.trim().to_owned())
            .unwrap_or_default()
    }

    fn stamp(&self) -> String {
        self.cx
            .options
            .now
            .strftime("%Y-%m-%dT%H:%M:%SZ")
            .to_string()
    }

    /// Where line `line` of the XML is, for a message.
    fn at(&self, line: usize) -> String {
        format!("{}:{line}", self.cx.xml)
    }

    /// Plans one source.
    pub fn source(&mut self, source: &'a Source, matcher: &mut Matcher<'_>, report: &mut Report) {
        let name = source_name(source);
        let coded = source.selections.len();
        let Some(text) = source.text.as_deref().filter(|t| !t.trim().is_empty()) else {
            let mut why = source
                .text_problem
                .clone()
                .unwrap_or_else(|| "its plain text is empty".to_owned());
            if let Some(rich) = &source.rich_text_path {
                why.push_str(&format!("; its rich text {rich:?} is not read"));
            }
            report.problem(format!(
                "{}: source {name:?} has no usable text ({why}){}",
                self.at(source.line),
                not_imported(coded)
            ));
            return;
        };
        let normalized = normalize(text);
        let named_path = source
            .plain_text_path
            .as_deref()
            .filter(|p| !p.starts_with("internal://"));
        let names: Vec<&str> = [source.name.as_deref(), named_path]
            .into_iter()
            .flatten()
            .collect();
        let Some((doc, how)) = matcher.find(&names, &normalized) else {
            report.problem(format!(
                "{}: source {name:?} matches no document of the corpus (by name or by text){}",
                self.at(source.line),
                not_imported(coded)
            ));
            return;
        };
        let mut sr = SourceReport::new(&name, &doc.path, how);
        let placer = Placer::new(text, &doc.text);
        for sel in &source.selections {
            self.selection(sel, &name, doc, &placer, &mut sr, report);
        }
        let doc_ref = DocRef::of(doc);
        let at = format!("{}: source {name:?}", self.at(source.line));
        let tags = self.tags(&source.codings, None, &at, report);
        let owner_ok = self.cx.keep.is_none();
        let notes = self.note_texts(None, &source.note_refs, None, owner_ok, &at, report);
        let status = self.status(source, &doc_ref, &mut sr, report);
        self.metadata(source, doc, report);
        let now = self.stamp();
        let notes: Vec<Note> = notes
            .into_iter()
            .map(|n| Note {
                id: self.ids.fresh(),
                text: n.text,
                created: timestamp(n.created.as_deref()).unwrap_or_else(|| now.clone()),
                by: n.by,
            })
            .collect();
        let plan = self.doc_plan(&doc_ref);
        for (tag, coders) in tags {
            for coder in coders.into_iter().filter(|c| !c.is_empty()) {
                let theirs = plan.tagged_by.entry(coder).or_default();
                if !theirs.contains(&tag) {
                    theirs.push(tag.clone());
                    theirs.sort();
                }
            }
            plan.tags.insert(tag);
        }
        plan.status = plan.status.take().or(status);
        plan.notes.extend(notes);
        report.sources.push(sr);
    }

    /// Plans one selection of a source matched to `doc`.
    fn selection(
        &mut self,
        sel: &'a Selection,
        source: &str,
        doc: &Document,
        placer: &Placer<'_>,
        sr: &mut SourceReport,
        report: &mut Report,
    ) {
        let label = sel.name.as_deref().map_or_else(
            || sel.guid.clone(),
            |n| format!("{:?}", crate::text::one_line(n)),
        );
        let at = format!("{}: selection {label}", self.at(sel.line));
        let owner_ok = self.kept(sel.user.as_deref());
        let tags = self.tags(&sel.codings, sel.user.as_deref(), &at, report);
        let notes = self.note_texts(
            sel.description.as_deref(),
            &sel.note_refs,
            sel.user.as_deref(),
            owner_ok,
            &at,
            report,
        );
        if tags.is_empty() && notes.is_empty() {
            if self.cx.keep.is_some() {
                sr.other_coders += 1;
            } else {
                report.problem(format!("{at}: it has neither a code nor a note"));
            }
            return;
        }
        let len = placer.len_chars();
        let range = usize::try_from(sel.start)
            .ok()
            .zip(usize::try_from(sel.end).ok());
        let Some((start, end)) = range.filter(|(s, e)| s < e && *e <= len) else {
            report.problem(format!(
                "{at}: [{}, {}) is not within its source {source:?} ({len} characters)",
                sel.start, sel.end
            ));
            return;
        };
        let anchor = match placer.place(start, end) {
            Some(Placed::Exact(a)) => a,
            Some(Placed::Moved(a)) => {
                sr.reanchored += 1;
                a
            }
            None => {
                let quote = crate::text::one_line(placer.quote(start, end).unwrap_or_default());
                report.problem(format!(
                    "{at}: its quote {:?} is not in the text of {}",
                    crate::text::truncate(&quote, 50),
                    doc.path
                ));
                return;
            }
        };
        let note = (!notes.is_empty()).then(|| {
            let texts: Vec<&str> = notes.iter().map(|n| n.text.as_str()).collect();
            texts.join("\n\n")
        });
        let first_coding = sel.codings.first().and_then(|c| c.created.as_deref());
        let created =
            timestamp(sel.created.as_deref().or(first_coding)).unwrap_or_else(|| self.stamp());
        let doc_ref = DocRef::of(doc);
        let range = (anchor.start, anchor.end);
        let existing = self.existing(&doc_ref, &sel.guid, range);
        let highlight = match existing {
            Some(mut h) => {
                let mut all: BTreeSet<String> = h.tags.iter().cloned().collect();
                all.extend(tags.into_keys());
                h.tags = all.into_iter().collect();
                h.note = merge_note(h.note.take(), note);
                sr.merged += 1;
                h
            }
            None => {
                sr.highlights += 1;
                Highlight {
                    id: self.ids.fresh(),
                    tags: tags.into_keys().collect(),
                    note,
                    created,
                    anchor,
                    state: AnchorState::Ok,
                    // QualCoder names the user on each coding, not the selection.
                    by: self.coder(
                        sel.user
                            .as_deref()
                            .or_else(|| sel.codings.iter().find_map(|c| c.user.as_deref())),
                    ),
                }
            }
        };
        let plan = self.doc_plan(&doc_ref);
        plan.by_range
            .entry(range)
            .or_insert_with(|| highlight.id.clone());
        plan.highlights.insert(highlight.id.clone(), highlight);
    }

    /// The highlight a selection adds to: one planned or in the notebook at the same place,
    /// or one this notebook exported as this selection.
    fn existing(
        &mut self,
        doc: &DocRef,
        selection: &str,
        range: (usize, usize),
    ) -> Option<Highlight> {
        let plan = self.doc_plan(doc);
        let id = plan
            .by_range
            .get(&range)
            .or_else(|| plan.by_guid.get(selection))?;
        match plan.highlights.get(id) {
            Some(planned) => Some(planned.clone()),
            None => plan.saved.get(id.as_str()).map(|h| (*h).clone()),
        }
    }

    /// The tags of codings, each with the coders who applied it, reporting those whose
    /// code is missing.
    fn tags(
        &self,
        codings: &[Coding],
        owner: Option<&str>,
        at: &str,
        report: &mut Report,
    ) -> BTreeMap<String, BTreeSet<String>> {
        let mut tags: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for c in codings {
            if !self.kept(c.user.as_deref().or(owner)) {
                continue;
            }
            match self.cx.codes.get(&c.code) {
                Some(code) => {
                    let coder = self.coder(c.user.as_deref().or(owner));
                    tags.entry(code.tag.name.clone()).or_default().insert(coder);
                }
                None => report.problem(format!(
                    "{at}: a coding refers to code {}, which is not in the codebook",
                    c.code
                )),
            }
        }
        tags
    }

    /// The notes a source or selection refers to, after its description, each with its
    /// date and writer (the owner's user, `owner`, when the note names none). With
    /// `--coder`, a note counts when its writer is that coder, or when it names no writer
    /// and its owner is that coder's (`owner_ok`).
    fn note_texts(
        &mut self,
        description: Option<&str>,
        refs: &'a [String],
        owner: Option<&str>,
        owner_ok: bool,
        at: &str,
        report: &mut Report,
    ) -> Vec<NoteText> {
        let mut texts = Vec::new();
        if let Some(d) = description.filter(|_| owner_ok) {
            texts.push(NoteText {
                text: d.trim().to_owned(),
                created: None,
                by: self.coder(owner),
            });
        }
        for r in refs {
            self.referenced.insert(r.as_str());
            let Some(note) = self.cx.notes.get(r.as_str()) else {
                report.problem(format!(
                    "{at}: a note reference to {r}, which is not among the notes"
                ));
                continue;
            };
            let ok = match note.user.as_deref() {
                Some(user) => self.kept(Some(user)),
                None => owner_ok,
            };
            if ok {
                texts.push(NoteText {
                    text: note.text.trim().to_owned(),
                    created: note.created.clone(),
                    by: self.coder(note.user.as_deref().or(owner)),
                });
            }
        }
        texts.retain(|n| !n.text.is_empty());
        texts
    }

    /// The status a source's `status` variable gives a document that has none.
    fn status(
        &self,
        source: &Source,
        doc: &DocRef,
        sr: &mut SourceReport,
        report: &mut Report,
    ) -> Option<String> {
        let value = source
            .values
            .iter()
            .find(|v| self.cx.status_variables.contains(&v.variable))?;
        let said = value.value.as_text().trim();
        if said.is_empty() {
            return None;
        }
        let statuses = &self.cx.options.statuses;
        let Some(status) = statuses.iter().find(|s| s.eq_ignore_ascii_case(said)) else {
            report.problem(format!(
                "{}: status {said:?} is not one of the configured statuses ({})",
                doc.path,
                statuses.join(", ")
            ));
            return None;
        };
        match self
            .cx
            .notebook
            .doc(&doc.path)
            .and_then(|e| e.status.as_deref())
        {
            None => {
                sr.status = Some(status.clone());
                Some(status.clone())
            }
            Some(mine) if mine == status => None,
            Some(mine) => {
                report.problem(format!(
                    "{}: status {said:?}: the notebook's {mine:?} is kept",
                    doc.path
                ));
                None
            }
        }
    }

    /// Counts the source's values of metadata variables in the report, and those of them
    /// that say something else than the corpus does of `doc`.
    fn metadata(&self, source: &Source, doc: &Document, report: &mut Report) {
        for v in &source.values {
            let Some(name) = self.cx.metadata_variables.get(v.variable.as_str()) else {
                continue;
            };
            let said = v.value.as_text().trim();
            if said.is_empty() {
                continue;
            }
            let ours = crate::interchange::variables::corpus_value(doc, name);
            let count = report.variables.entry((*name).to_owned()).or_default();
            count.values += 1;
            if !ours.is_some_and(|ours| same_value(ours.trim(), said)) {
                count.different += 1;
            }
        }
    }

    fn doc_plan(&mut self, doc: &DocRef) -> &mut DocPlan<'a> {
        let notebook = self.cx.notebook;
        self.docs
            .entry(doc.path.clone())
            .or_insert_with(|| DocPlan::new(notebook, doc))
    }

    /// The changes of every document, in path order.
    pub fn changes(self, report: &mut Report) -> Vec<Change> {
        let notebook = self.cx.notebook;
        self.docs
            .into_values()
            .flat_map(|plan| plan.changes(notebook, report))
            .collect()
    }
}

/// True when a variable's value says what the corpus does: the same text, or the same
/// number written another way (`3.50` for `3.5`, as another tool may write a Float).
fn same_value(ours: &str, theirs: &str) -> bool {
    ours == theirs
        || matches!(
            (ours.parse::<f64>(), theirs.parse::<f64>()),
            (Ok(a), Ok(b)) if a == b && a.is_finite()
        )
}

fn source_name(source: &Source) -> String {
    source
        .name
        .clone()
        .or_else(|| source.plain_text_path.clone())
        .unwrap_or_else(|| source.guid.clone())
}

fn not_imported(selections: usize) -> String {
    if selections == 0 {
        String::new()
    } else {
        format!(
            "; its {} not imported",
            crate::text::count(selections, "selection is", "selections are")
        )
    }
}

/// A note added to a highlight's note, unless it already says it.
fn merge_note(old: Option<String>, new: Option<String>) -> Option<String> {
    match (old, new) {
        (Some(old), Some(new)) if old.contains(&new) => Some(old),
        (Some(old), Some(new)) => Some(format!("{old}\n\n{new}")),
        (old, new) => old.or(new),
    }
}
