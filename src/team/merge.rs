//! `dossier merge`: a three-way merge of notebooks by id (SPEC §12), usable as git's merge
//! driver. Everything added on either side is kept; a field changed on one side takes that
//! change; a field changed differently on both keeps one value in place and records both as
//! a [`Conflict`] in the notebook, never as conflict markers, so the result always parses.
//! The same three inputs always give the same bytes, and exchanging ours and theirs only
//! exchanges the sides of the conflicts. Reads and writes no file.
//!
//! Per document: the status (with who set it) is one field; tags, and each coder's tags,
//! merge as sets (an addition on either side stays, a removal on one side goes); notes and
//! highlights are matched by id: a note's text, a highlight's note and its place are
//! fields that may conflict, a highlight's tags merge as a set, and one deleted on one
//! side but changed on the other is kept, with a conflict saying so. Fields nobody edits
//! (ids and titles the corpus refreshes, when and by whom something was made) never
//! conflict: if both sides differ the smaller value is kept. Codebook tags are matched by
//! name. Conflicts left by an earlier merge are carried as a set.

use super::three_way::{Fate, Three, by_id, fate, set3, set3_unordered, settle, three};
use crate::notebook::conflict::sort_conflicts;
use crate::notebook::format::{from_ron, to_ron};
use crate::notebook::{
    Conflict, DocumentNotes, Highlight, Note, Notebook, NotebookError, Side, Tag, TaggedBy,
};
use std::collections::BTreeSet;
use std::path::Path;

/// A merged notebook and how many conflicts this merge recorded.
#[derive(Debug, Clone, PartialEq)]
pub struct Merged {
    /// The result.
    pub notebook: Notebook,
    /// Conflicts recorded by this merge (not counting ones carried from earlier merges).
    pub conflicts: usize,
}

/// A merged notebook as the text to write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MergedText {
    /// The notebook's text.
    pub text: String,
    /// Conflicts recorded by this merge.
    pub conflicts: usize,
}

/// One input of a merge: its text and the file it came from, for errors.
#[derive(Debug, Clone, Copy)]
pub struct Input<'a> {
    /// The notebook's text.
    pub text: &'a str,
    /// Its file.
    pub path: &'a Path,
}

/// Merges three notebook texts. Each must parse (older versions are brought up to date);
/// the first that does not, or that a newer dossier wrote, is the error, naming its file.
/// When one side is unchanged, or both made the same text, that text comes back byte for
/// byte; otherwise the merge is written in the notebook format.
pub fn merge_texts(
    base: Input<'_>,
    ours: Input<'_>,
    theirs: Input<'_>,
) -> Result<MergedText, NotebookError> {
    let parse = |input: Input<'_>| from_ron(input.text, input.path).map(|(nb, _)| nb);
    let (b, (o, t)) = rayon::join(
        || parse(base),
        || rayon::join(|| parse(ours), || parse(theirs)),
    );
    let (b, o, t) = (b?, o?, t?);
    if ours.text == theirs.text || theirs.text == base.text {
        return Ok(MergedText {
            text: ours.text.to_owned(),
            conflicts: 0,
        });
    }
    if ours.text == base.text {
        return Ok(MergedText {
            text: theirs.text.to_owned(),
            conflicts: 0,
        });
    }
    let merged = merge_owned(b, o, t);
    Ok(MergedText {
        text: to_ron(&merged.notebook),
        conflicts: merged.conflicts,
    })
}

/// Merges `ours` and `theirs`, both changed from `base`.
pub fn merge(base: &Notebook, ours: &Notebook, theirs: &Notebook) -> Merged {
    merge_owned(base.clone(), ours.clone(), theirs.clone())
}

/// [`merge`], taking the notebooks: entries the merge keeps as they are move into the
/// result instead of being copied (most of a large notebook, merged).
pub fn merge_owned(base: Notebook, ours: Notebook, theirs: Notebook) -> Merged {
    let mut recorded = 0;
    let mut merged: Vec<(String, DocumentNotes)> = Vec::new();
    let mut b = base.documents.into_iter().peekable();
    let mut o = ours.documents.into_iter().peekable();
    let mut t = theirs.documents.into_iter().peekable();
    loop {
        // The next path of any side; the maps are sorted, so this walks their union once.
        let next = [b.peek(), o.peek(), t.peek()]
            .into_iter()
            .flatten()
            .map(|(path, _)| path)
            .min()
            .cloned();
        let Some(path) = next else { break };
        let take = |side: &mut std::iter::Peekable<_>| -> Option<DocumentNotes> {
            let here = matches!(side.peek(), Some((p, _)) if *p == path);
            here.then(|| side.next().map(|(_, e): (String, DocumentNotes)| e))
                .flatten()
        };
        let (eb, eo, et) = (take(&mut b), take(&mut o), take(&mut t));
        let entry = if eo == et || eb == et {
            eo
        } else if eb == eo {
            et
        } else {
            merge_entry(eb.as_ref(), eo.as_ref(), et.as_ref(), &mut recorded)
        };
        if let Some(entry) = entry.filter(|e| !e.is_empty()) {
            merged.push((path, entry));
        }
    }
    let documents: crate::notebook::model::Entries = merged.into_iter().collect();
    let (base, ours, theirs) = (
        Notebook {
            documents: Default::default(),
            ..base
        },
        Notebook {
            documents: Default::default(),
            ..ours
        },
        Notebook {
            documents: Default::default(),
            ..theirs
        },
    );
    let (codebook, mut new) = merge_codebook(&base.codebook, &ours.codebook, &theirs.codebook);
    recorded += new.len();
    let mut conflicts = set3_unordered(&base.conflicts, &ours.conflicts, &theirs.conflicts);
    new.retain(|c| !conflicts.contains(c));
    conflicts.extend(new);
    sort_conflicts(&mut conflicts);
    Merged {
        notebook: Notebook {
            version: crate::notebook::model::VERSION,
            corpus: settle(Some(&base.corpus), &ours.corpus, &theirs.corpus).clone(),
            codebook,
            documents,
            conflicts,
        },
        conflicts: recorded,
    }
}

/// One document's entry; `None` on a side means it has no entry there (nothing written,
/// or all of it deleted).
fn merge_entry(
    base: Option<&DocumentNotes>,
    ours: Option<&DocumentNotes>,
    theirs: Option<&DocumentNotes>,
    recorded: &mut usize,
) -> Option<DocumentNotes> {
    if ours == theirs || base == theirs {
        return ours.cloned();
    }
    if base == ours {
        return theirs.cloned();
    }
    let any = ours.or(theirs).or(base)?;
    let empty = DocumentNotes::new(&any.id, &any.title);
    let b = base.unwrap_or(&empty);
    let (o, t) = (ours.unwrap_or(&empty), theirs.unwrap_or(&empty));
    // Only the sides that have an entry say anything about its id and title.
    let (id, title) = match (ours, theirs) {
        (Some(o), Some(t)) => (
            settle(base.map(|b| &b.id), &o.id, &t.id).clone(),
            settle(base.map(|b| &b.title), &o.title, &t.title).clone(),
        ),
        _ => (any.id.clone(), any.title.clone()),
    };
    let mut out = DocumentNotes::new(&id, &title);
    let mut new = Vec::new();

    match three(Some(&b.status), &o.status, &t.status) {
        Three::Same(status) => {
            out.status = status.clone();
            out.status_by = if o.status == t.status {
                settle(Some(&b.status_by), &o.status_by, &t.status_by).clone()
            } else if *status == o.status {
                o.status_by.clone()
            } else {
                t.status_by.clone()
            };
        }
        Three::Both(ours_status, theirs_status) => {
            out.status = ours_status.clone();
            out.status_by = o.status_by.clone();
            new.push(Conflict::Status {
                ours: ours_status.clone(),
                ours_by: o.status_by.clone(),
                theirs: theirs_status.clone(),
                theirs_by: t.status_by.clone(),
            });
        }
    }
    out.tags = set3(&b.tags, &o.tags, &t.tags);
    out.tagged_by = merge_coders(&b.tagged_by, &o.tagged_by, &t.tagged_by, &out.tags);

    for triple in by_id(&b.notes, &o.notes, &t.notes, |n| &n.id).into_values() {
        match fate(triple) {
            Fate::Keep(n) => out.notes.push(n.clone()),
            Fate::Merge(base, o, t) => out.notes.push(merge_note(base, o, t, &mut new)),
            Fate::KeptDespite(n, deleted_in) => {
                let (ours, theirs) = match deleted_in {
                    Side::Ours => (None, Some(n.text.clone())),
                    Side::Theirs => (Some(n.text.clone()), None),
                };
                new.push(Conflict::Note {
                    id: n.id.clone(),
                    ours,
                    theirs,
                });
                out.notes.push(n.clone());
            }
            Fate::Gone => {}
        }
    }
    out.notes
        .sort_by(|a, b| a.created.cmp(&b.created).then(a.id.cmp(&b.id)));

    for triple in by_id(&b.highlights, &o.highlights, &t.highlights, |h| &h.id).into_values() {
        match fate(triple) {
            Fate::Keep(h) => out.highlights.push(h.clone()),
            Fate::Merge(base, o, t) => {
                out.highlights.push(merge_highlight(base, o, t, &mut new));
            }
            Fate::KeptDespite(h, deleted_in) => {
                new.push(Conflict::HighlightDeleted {
                    id: h.id.clone(),
                    deleted_in,
                });
                out.highlights.push(h.clone());
            }
            Fate::Gone => {}
        }
    }
    crate::notebook::model::sort_highlights(&mut out.highlights);

    *recorded += new.len();
    out.conflicts = set3_unordered(&b.conflicts, &o.conflicts, &t.conflicts);
    new.retain(|c| !out.conflicts.contains(c));
    out.conflicts.extend(new);
    sort_conflicts(&mut out.conflicts);
    Some(out)
}

/// Each coder's tags merge as a set, and keep only tags the document still has.
fn merge_coders(base: &TaggedBy, ours: &TaggedBy, theirs: &TaggedBy, tags: &[String]) -> TaggedBy {
    let coders: BTreeSet<&String> = base
        .keys()
        .chain(ours.keys())
        .chain(theirs.keys())
        .collect();
    let none = Vec::new();
    let mut out = TaggedBy::new();
    for coder in coders {
        let get = |m: &TaggedBy| m.get(coder).unwrap_or(&none).clone();
        let mut merged = set3(&get(base), &get(ours), &get(theirs));
        merged.retain(|t| tags.contains(t));
        if !merged.is_empty() {
            out.insert(coder.clone(), merged);
        }
    }
    out
}

fn merge_note(base: Option<&Note>, o: &Note, t: &Note, new: &mut Vec<Conflict>) -> Note {
    let text = match three(base.map(|b| &b.text), &o.text, &t.text) {
        Three::Same(text) => text.clone(),
        Three::Both(ours, theirs) => {
            new.push(Conflict::Note {
                id: o.id.clone(),
                ours: Some(ours.clone()),
                theirs: Some(theirs.clone()),
            });
            ours.clone()
        }
    };
    Note {
        id: o.id.clone(),
        text,
        created: settle(base.map(|b| &b.created), &o.created, &t.created).clone(),
        by: settle(base.map(|b| &b.by), &o.by, &t.by).clone(),
    }
}

fn merge_highlight(
    base: Option<&Highlight>,
    o: &Highlight,
    t: &Highlight,
    new: &mut Vec<Conflict>,
) -> Highlight {
    let none = Vec::new();
    let note = match three(base.map(|b| &b.note), &o.note, &t.note) {
        Three::Same(note) => note.clone(),
        Three::Both(ours, theirs) => {
            new.push(Conflict::HighlightNote {
                id: o.id.clone(),
                ours: ours.clone(),
                theirs: theirs.clone(),
            });
            ours.clone()
        }
    };
    let anchor = match three(base.map(|b| &b.anchor), &o.anchor, &t.anchor) {
        Three::Same(anchor) => anchor.clone(),
        Three::Both(ours, theirs) => {
            new.push(Conflict::HighlightAnchor {
                id: o.id.clone(),
                ours: ours.clone(),
                theirs: theirs.clone(),
            });
            ours.clone()
        }
    };
    Highlight {
        id: o.id.clone(),
        tags: set3(base.map_or(&none, |b| &b.tags), &o.tags, &t.tags),
        note,
        created: settle(base.map(|b| &b.created), &o.created, &t.created).clone(),
        by: settle(base.map(|b| &b.by), &o.by, &t.by).clone(),
        anchor,
        state: crate::notebook::AnchorState::Ok,
    }
}

/// The codebook, matched by name; a tag's colour, key and description are fields.
fn merge_codebook(base: &[Tag], ours: &[Tag], theirs: &[Tag]) -> (Vec<Tag>, Vec<Conflict>) {
    let mut tags = Vec::new();
    let mut conflicts = Vec::new();
    for (name, triple) in by_id(base, ours, theirs, |t| &t.name) {
        match fate(triple) {
            Fate::Keep(tag) => tags.push(tag.clone()),
            Fate::Merge(b, o, t) => {
                let mut clash = false;
                let color = field(b.map(|b| &b.color), &o.color, &t.color, &mut clash);
                let key = field(b.map(|b| &b.key), &o.key, &t.key, &mut clash);
                let description = field(
                    b.map(|b| &b.description),
                    &o.description,
                    &t.description,
                    &mut clash,
                );
                let merged = Tag {
                    name: name.to_owned(),
                    color,
                    key,
                    description,
                };
                if clash {
                    // Each side's value is the merged tag with that side's clashing fields,
                    // so taking a side changes only what clashed.
                    let mut theirs = merged.clone();
                    let mut other = false;
                    theirs.color = field(b.map(|b| &b.color), &t.color, &o.color, &mut other);
                    theirs.key = field(b.map(|b| &b.key), &t.key, &o.key, &mut other);
                    theirs.description = field(
                        b.map(|b| &b.description),
                        &t.description,
                        &o.description,
                        &mut other,
                    );
                    conflicts.push(Conflict::Tag {
                        name: name.to_owned(),
                        ours: Some(merged.clone()),
                        theirs: Some(theirs),
                    });
                }
                tags.push(merged);
            }
            Fate::KeptDespite(tag, deleted_in) => {
                let (ours, theirs) = match deleted_in {
                    Side::Ours => (None, Some(tag.clone())),
                    Side::Theirs => (Some(tag.clone()), None),
                };
                conflicts.push(Conflict::Tag {
                    name: name.to_owned(),
                    ours,
                    theirs,
                });
                tags.push(tag.clone());
            }
            Fate::Gone => {}
        }
    }
    (tags, conflicts)
}

/// A field of a codebook tag: ours when both changed it (`clash` is then set).
fn field<T: PartialEq + Clone>(base: Option<&T>, ours: &T, theirs: &T, clash: &mut bool) -> T {
    match three(base, ours, theirs) {
        Three::Same(v) => v.clone(),
        Three::Both(ours, _) => {
            *clash = true;
            ours.clone()
        }
    }
}
