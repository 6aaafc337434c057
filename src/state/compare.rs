//! Compare mode (SPEC §12): another coder's notebook beside mine, read-only. The reader
//! marks what both, only I and only they coded in the open document (with the tags of the
//! documents query's `tag:` terms when it has some, else any tag); motions go from one
//! disagreement to the next; one key makes their coding at the cursor mine, as one
//! undoable change; the status bar shows the document's agreement.

use super::State;
use crate::action::{Dir, Effect};
use crate::keymap::{Command, Context};
use crate::notebook::model::tag_covers;
use crate::notebook::ops::{self, Stamp};
use crate::notebook::{Change, Notebook, reconcile};
use crate::query::Test;
use crate::team::passages::{Coded, Passages, counts_for, passages};
use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;
use std::path::{Path, PathBuf};

/// Another coder's notebook as read from disk, handed to `update`.
#[derive(Debug, Clone, PartialEq)]
pub struct OtherNotebook {
    /// The file it was read from.
    pub path: PathBuf,
    /// What it holds.
    pub notebook: Notebook,
}

/// The notebook compared with. It is never changed and never written.
#[derive(Debug, Clone, PartialEq)]
pub struct Compare {
    /// The file it was read from.
    pub path: PathBuf,
    /// Who coded it: the coder most of its entries record, else the file's name.
    pub coder: String,
    /// What it holds, matched to the corpus.
    pub notebook: Notebook,
}

impl Compare {
    /// How the screen names it: `ben (ben.ron)`, or the file's name alone when that is all
    /// there is to say.
    pub fn label(&self) -> String {
        let file = file_name(&self.path);
        if self.coder == file {
            file
        } else {
            format!("{} ({file})", self.coder)
        }
    }
}

fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into(),
    )
}

/// The coder most of the notebook's statuses, notes and highlights record.
fn main_coder(notebook: &Notebook) -> Option<String> {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for entry in notebook.documents.values() {
        let coders = std::iter::once(entry.status_by.as_str())
            .chain(entry.notes.iter().map(|n| n.by.as_str()))
            .chain(entry.highlights.iter().map(|h| h.by.as_str()));
        for by in coders.filter(|b| !b.is_empty()) {
            *counts.entry(by).or_default() += 1;
        }
    }
    // The first of the most frequent, by name, so the choice does not depend on order.
    let most = counts.values().copied().max()?;
    counts
        .into_iter()
        .find(|&(_, n)| n == most)
        .map(|(by, _)| by.to_owned())
}

fn overlaps(a: &Range<usize>, b: &Range<usize>) -> bool {
    a.start < b.end && b.start < a.end
}

impl State {
    /// The tags compare mode counts: those of the documents query's `tag:` terms (empty:
    /// any tag).
    pub fn compare_tags(&self) -> Vec<String> {
        self.list
            .parsed
            .terms
            .iter()
            .filter(|t| !t.negated)
            .filter_map(|t| match &t.test {
                Test::Tag(tags) => Some(tags.iter().cloned()),
                _ => None,
            })
            .flatten()
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect()
    }

    /// The reader's document as both coders coded it, when comparing.
    pub fn passages(&self) -> Option<Passages> {
        let compare = self.compare.as_ref()?;
        let path = self.reader.path.as_deref()?;
        let doc = self.reader.doc.and_then(|i| self.corpus.documents.get(i))?;
        Some(passages(
            &doc.text,
            self.notebook.doc(path),
            compare.notebook.doc(path),
            &self.compare_tags(),
        ))
    }

    /// The status bar's words on the comparison: `vs ben (ben.ron): 80.0% · κ 0.38`.
    pub fn compare_summary(&self) -> Option<String> {
        self.compare_summary_of(self.passages().as_ref())
    }

    /// [`State::compare_summary`] of the reader's [`State::passages`] already built (the
    /// screen builds them once a frame, for the reader and the status bar).
    pub fn compare_summary_of(&self, passages: Option<&Passages>) -> Option<String> {
        let compare = self.compare.as_ref()?;
        let mut text = format!("vs {}", compare.label());
        let tags = self.compare_tags();
        if !tags.is_empty() {
            text.push_str(&format!(" on {}", tags.join(", ")));
        }
        if let Some(p) = passages {
            let c = p.counts;
            let agreement = c.agreement().map_or_else(
                || "agreement undefined".to_owned(),
                |a| format!("{:.1}%", a * 100.0),
            );
            let kappa = c
                .kappa()
                .map_or_else(|| "κ undefined".to_owned(), |k| format!("κ {k:.2}"));
            text.push_str(&format!(": {agreement} · {kappa}"));
        }
        Some(text)
    }

    /// `Enter` in the compare prompt: asks for the file to be read.
    pub fn submit_compare(&mut self, text: &str) -> Result<Vec<Effect>, String> {
        let path = text.trim();
        if path.is_empty() {
            return Err("name another coder's notebook file (.ron)".to_owned());
        }
        self.message = Some(format!("reading {path}…"));
        Ok(vec![Effect::LoadCompare(PathBuf::from(path))])
    }

    /// The compare prompt's first text: the notebook compared with now, if any.
    pub fn compare_default(&self) -> String {
        self.compare
            .as_ref()
            .map(|c| c.path.display().to_string())
            .unwrap_or_default()
    }

    /// Another coder's notebook arrived (or could not be read).
    pub fn compare_loaded(&mut self, result: Result<OtherNotebook, String>) -> Vec<Effect> {
        match result {
            Ok(OtherNotebook { path, mut notebook }) => {
                reconcile(&mut notebook, &self.corpus);
                let coder = main_coder(&notebook).unwrap_or_else(|| file_name(&path));
                let compare = Compare {
                    path,
                    coder,
                    notebook,
                };
                let mut message = format!("comparing with {} (read-only)", compare.label());
                self.compare = Some(compare);
                let hints = self.hint_line(
                    Context::Reader,
                    &[
                        (Command::NextDisagreement, "next disagreement"),
                        (Command::AdoptTheirs, "adopts theirs"),
                    ],
                );
                if !hints.is_empty() {
                    message.push_str(&format!(" · {hints}"));
                }
                self.message = Some(message);
            }
            Err(e) => self.message = Some(format!("cannot compare: {e}")),
        }
        Vec::new()
    }

    /// Says how to start comparing; true when not comparing.
    fn not_comparing(&mut self) -> bool {
        if self.compare.is_some() {
            return false;
        }
        let text = self.hinted(
            "not comparing",
            Command::Compare,
            "opens another coder's notebook",
        );
        self.message = Some(text);
        true
    }

    /// `d` / `D`: to the next or previous stretch only one coder coded.
    pub fn jump_disagreement(&mut self, dir: Dir) {
        if self.not_comparing() {
            return;
        }
        let (Some(p), Some(here)) = (self.passages(), self.reader.cursor_range()) else {
            return;
        };
        let all: Vec<(Range<usize>, Coded)> = p
            .disagreements()
            .map(|d| (d.range.clone(), d.coded))
            .collect();
        // Disagreements that start in the cursor's sentence are where we are.
        let target = match dir {
            Dir::Next => all.iter().position(|(r, _)| r.start >= here.end),
            Dir::Prev => all.iter().rposition(|(r, _)| r.start < here.start),
        };
        let Some(i) = target else {
            self.message = Some(match all.len() {
                0 => "no disagreements in this document".to_owned(),
                _ => "no more disagreements this way".to_owned(),
            });
            return;
        };
        let (range, coded) = &all[i];
        self.reader.reveal(range.start);
        let who = match coded {
            Coded::Theirs => "only they coded it",
            _ => "only you coded it",
        };
        self.message = Some(format!("disagreement {} of {}: {who}", i + 1, all.len()));
    }

    /// `T`: their highlights of the disagreements at the cursor become mine (with the
    /// counted tags, by this session's coder), as one undoable change.
    pub fn adopt_theirs(&mut self) -> Vec<Effect> {
        if self.not_comparing() {
            return Vec::new();
        }
        let (Some(p), Some(here), Some(doc)) =
            (self.passages(), self.reader.cursor_range(), self.reader.doc)
        else {
            return Vec::new();
        };
        let at_cursor: Vec<(Range<usize>, Coded)> = p
            .disagreements()
            .filter(|d| overlaps(&d.range, &here))
            .map(|d| (d.range.clone(), d.coded))
            .collect();
        let theirs: Vec<&Range<usize>> = at_cursor
            .iter()
            .filter(|(_, c)| *c == Coded::Theirs)
            .map(|(r, _)| r)
            .collect();
        if theirs.is_empty() {
            self.message = Some(if at_cursor.is_empty() {
                self.hinted(
                    "no disagreement at the cursor",
                    Command::NextDisagreement,
                    "goes to the next",
                )
            } else {
                "only you coded this: nothing of theirs to adopt".to_owned()
            });
            return Vec::new();
        }
        match self.adoption(doc, &theirs) {
            Ok((changes, label)) => self.commit(changes, label),
            Err(e) => {
                self.message = Some(e.to_string());
                Vec::new()
            }
        }
    }

    /// The changes that make their highlights over `ranges` of document `doc` mine, and
    /// what to call them.
    fn adoption(
        &self,
        doc: usize,
        ranges: &[&Range<usize>],
    ) -> Result<(Vec<Change>, String), ops::OpError> {
        let (Some(compare), Some(doc_ref), Some(d)) = (
            self.compare.as_ref(),
            self.doc_ref(doc),
            self.corpus.documents.get(doc),
        ) else {
            return Ok((Vec::new(), String::new()));
        };
        let filter = self.compare_tags();
        let highlights = compare
            .notebook
            .doc(&doc_ref.path)
            .into_iter()
            .flat_map(|e| &e.highlights)
            .filter(|h| counts_for(h, &filter))
            .filter(|h| {
                let span = h.anchor.start..h.anchor.end;
                ranges.iter().any(|r| overlaps(r, &span))
            });
        let mut stamp = Stamp::new(self.now).by(&self.settings.coder);
        let mut changes: Vec<Change> = Vec::new();
        let mut adopted = 0;
        let mut tags_adopted = BTreeSet::new();
        for h in highlights {
            let tags: Vec<String> = h
                .tags
                .iter()
                .filter(|t| filter.is_empty() || filter.iter().any(|f| tag_covers(f, t)))
                .cloned()
                .collect();
            // Each highlight is made on the notebook as the ones before left it, so two of
            // theirs on one span or with one new tag do not make doubles.
            let more = ops::highlight(
                self.after(&changes).as_ref(),
                &doc_ref,
                &d.text,
                h.anchor.start..h.anchor.end,
                &tags,
                None,
                &mut stamp,
            )?;
            changes.extend(more);
            adopted += 1;
            tags_adopted.extend(tags);
        }
        let tags: Vec<String> = tags_adopted.into_iter().collect();
        let label = format!(
            "adopted {} of {}'s: +{}",
            crate::text::count(adopted, "highlight", "highlights"),
            compare.coder,
            tags.join(", +")
        );
        Ok((changes, label))
    }
}
