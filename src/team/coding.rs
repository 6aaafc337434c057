//! Who coded what with which tag, read from a notebook (all of it, or one coder's part of
//! it), and two coders' agreement summed over the documents either of them covers, per tag
//! and for all tags together. Each tag is a yes/no decision per unit; "all tags together"
//! pools those decisions (the per-tag tables added up), so a tag used often weighs more.

use super::agree::Counts;
use super::units::{Coding, Unit, compare, unit_count};
use crate::notebook::{AnchorState, Notebook};
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;

/// One coder's codings: per tag, per document path, what they did with it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Codings {
    /// Tag → document path → coding.
    pub tags: BTreeMap<String, BTreeMap<String, Coding>>,
    /// The documents the coder worked on at all (a status, a tag, a note, a highlight):
    /// their units count, coded or not.
    pub covered: BTreeSet<String>,
    /// Highlights left out because their quote is no longer in the text.
    pub orphaned: usize,
}

impl Codings {
    /// The codings of `notebook`: everything in it (`by: None`), or only what coder `by`
    /// made. Orphaned highlights are left out (their place is unknown); the notebook should
    /// have been matched to the corpus first ([`crate::notebook::reconcile`]).
    pub fn of(notebook: &Notebook, by: Option<&str>) -> Codings {
        let theirs = |who: &str| by.is_none_or(|b| b == who);
        let mut out = Codings::default();
        for (path, entry) in &notebook.documents {
            let mut covered = match by {
                None => !entry.is_empty(),
                Some(b) => entry.status.is_some() && entry.status_by == b,
            };
            covered |= entry.notes.iter().any(|n| theirs(&n.by));
            for tag in &entry.tags {
                let applied = match by {
                    None => true,
                    Some(b) => entry.taggers_of(tag).any(|c| c == b),
                };
                if applied {
                    covered = true;
                    out.coding(tag, path).whole = true;
                }
            }
            for h in entry.highlights.iter().filter(|h| theirs(&h.by)) {
                covered = true;
                if h.state == AnchorState::Orphaned {
                    out.orphaned += 1;
                    continue;
                }
                for tag in &h.tags {
                    out.coding(tag, path)
                        .spans
                        .push(h.anchor.start..h.anchor.end);
                }
            }
            if covered {
                out.covered.insert(path.clone());
            }
        }
        out
    }

    fn coding(&mut self, tag: &str, path: &str) -> &mut Coding {
        self.tags
            .entry(tag.to_owned())
            .or_default()
            .entry(path.to_owned())
            .or_default()
    }
}

/// Agreement on one tag (`None`: all the tags together).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TagAgreement {
    /// The tag.
    pub tag: Option<String>,
    /// The 2×2 table.
    pub counts: Counts,
}

/// One stretch where the coders differ.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Disagreement {
    /// The tag.
    pub tag: String,
    /// The document's path.
    pub path: String,
    /// Byte range of the stretch in the document's text.
    pub range: Range<usize>,
    /// Coder A coded it and B did not (else B did and A did not).
    pub a: bool,
}

/// Agreement over a corpus.
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    /// The unit counted.
    pub unit: Unit,
    /// One row per tag, by name, then the row of all of them together.
    pub rows: Vec<TagAgreement>,
    /// Where they differ (when asked for), by tag, document and position.
    pub disagreements: Vec<Disagreement>,
    /// Covered documents that have no text in the corpus (left out).
    pub missing: Vec<String>,
}

/// Two coders' agreement in `unit`s over every document either covers, for `tags` (all
/// tags either used when `None`; a tag neither used gets a row of zeros). `text` gives a
/// document's text by path. With `list`, every disagreeing stretch is listed.
pub fn agreement<'t>(
    a: &Codings,
    b: &Codings,
    text: impl Fn(&str) -> Option<&'t str> + Sync,
    unit: Unit,
    tags: Option<&[String]>,
    list: bool,
) -> Report {
    let mut missing = Vec::new();
    let mut texts: BTreeMap<&str, &str> = BTreeMap::new();
    for path in a.covered.union(&b.covered) {
        match text(path) {
            Some(t) => {
                texts.insert(path, t);
            }
            None => missing.push(path.clone()),
        }
    }
    let units: u64 = texts.par_iter().map(|(_, t)| unit_count(t, unit)).sum();
    let names: Vec<String> = match tags {
        Some(tags) => tags.to_vec(),
        None => a
            .tags
            .keys()
            .chain(b.tags.keys())
            .cloned()
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect(),
    };
    let empty = BTreeMap::new();
    let none = Coding::default();
    let mut rows = Vec::new();
    let mut disagreements = Vec::new();
    for tag in names {
        let (ca, cb) = (
            a.tags.get(&tag).unwrap_or(&empty),
            b.tags.get(&tag).unwrap_or(&empty),
        );
        let paths: BTreeSet<&String> = ca.keys().chain(cb.keys()).collect();
        let per_doc: Vec<(&String, super::units::DocumentAgreement)> = paths
            .into_par_iter()
            .filter_map(|path| {
                let t = texts.get(path.as_str())?;
                let r = compare(
                    t,
                    unit,
                    ca.get(path).unwrap_or(&none),
                    cb.get(path).unwrap_or(&none),
                );
                Some((path, r))
            })
            .collect();
        let mut counts = Counts {
            units,
            ..Counts::default()
        };
        for (path, r) in per_doc {
            counts.a += r.counts.a;
            counts.b += r.counts.b;
            counts.both += r.counts.both;
            if list {
                disagreements.extend(r.differences.into_iter().map(|d| Disagreement {
                    tag: tag.clone(),
                    path: path.clone(),
                    range: d.range,
                    a: d.a,
                }));
            }
        }
        rows.push(TagAgreement {
            tag: Some(tag),
            counts,
        });
    }
    let all = rows
        .iter()
        .fold(Counts::default(), |sum, row| sum.plus(row.counts));
    rows.push(TagAgreement {
        tag: None,
        counts: all,
    });
    Report {
        unit,
        rows,
        disagreements,
        missing,
    }
}
