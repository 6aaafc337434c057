//! Operations on tags: tagging and untagging documents, renaming and merging tags
//! everywhere they are used, and counting their uses.

use super::{OpError, clean_tags, codebook_additions, coders_after, doc_tags, unique};
use crate::notebook::model::{Change, DocRef, Notebook, Tag, TaggedBy, clean_tag, tag_covers};
use std::collections::{BTreeMap, BTreeSet};

/// Adds `tags` to each document, as applied by coder `by` (a tag another coder applied
/// already gains `by` too); tags new to the codebook join it.
pub fn tag_documents(
    notebook: &Notebook,
    docs: &[DocRef],
    tags: &[String],
    by: &str,
) -> Result<Vec<Change>, OpError> {
    let tags = clean_tags(tags)?;
    let mut changes = codebook_additions(notebook, &tags);
    changes.extend(retag(notebook, docs, by, &tags, |from| {
        from.iter()
            .chain(&tags)
            .cloned()
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect()
    }));
    Ok(changes)
}

/// Removes `tags` from each document, whoever applied them (the codebook keeps them).
pub fn untag_documents(
    notebook: &Notebook,
    docs: &[DocRef],
    tags: &[String],
) -> Result<Vec<Change>, OpError> {
    let tags = clean_tags(tags)?;
    Ok(retag(notebook, docs, "", &[], |from| {
        from.iter().filter(|t| !tags.contains(t)).cloned().collect()
    }))
}

/// A `SetDocTags` for each document whose tags `edit` changes, or whose coders change
/// because `by` applies `applied`.
fn retag(
    notebook: &Notebook,
    docs: &[DocRef],
    by: &str,
    applied: &[String],
    edit: impl Fn(&[String]) -> Vec<String>,
) -> Vec<Change> {
    unique(docs)
        .filter_map(|doc| {
            let (from, from_by) = doc_tags(notebook, doc);
            let to = edit(&from);
            let to_by = coders_after(&from_by, &to, by, applied);
            (to != from || to_by != from_by).then(|| Change::SetDocTags {
                doc: doc.clone(),
                from,
                to,
                from_by,
                to_by,
            })
        })
        .collect()
}

/// Renames a tag everywhere: codebook, documents and highlights; its sub-tags follow
/// (`cyber/5g` becomes `security/5g`). The new name must not be in use.
pub fn rename_tag(notebook: &Notebook, old: &str, new: &str) -> Result<Vec<Change>, OpError> {
    let (old, new) = (clean_tag(old)?, clean_tag(new)?);
    if old == new {
        return Err(OpError::SameTag(old));
    }
    if !used_at_or_below(notebook, &old) {
        return Err(OpError::UnknownTag(old));
    }
    if tag_counts(notebook).iter().any(|c| c.name == new) {
        return Err(OpError::TagExists(new));
    }
    Ok(rewrite(notebook, &old, &new))
}

/// Merges tag `from` into `into` everywhere; `from` leaves the codebook and its sub-tags
/// move below `into`. `into` keeps its colour and key.
pub fn merge_tags(notebook: &Notebook, from: &str, into: &str) -> Result<Vec<Change>, OpError> {
    let (from, into) = (clean_tag(from)?, clean_tag(into)?);
    if from == into {
        return Err(OpError::SameTag(from));
    }
    if !used_at_or_below(notebook, &from) {
        return Err(OpError::UnknownTag(from));
    }
    Ok(rewrite(notebook, &from, &into))
}

/// A tag with how often it is used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TagCount {
    /// The tag's name.
    pub name: String,
    /// Its codebook entry; `None` for a tag used but missing from the codebook.
    pub tag: Option<Tag>,
    /// Documents tagged with it.
    pub documents: usize,
    /// Highlights tagged with it.
    pub highlights: usize,
}

/// Every tag of the codebook or in use, by name, with its counts (exact names: a count
/// of `cyber` does not include `cyber/5g`).
pub fn tag_counts(notebook: &Notebook) -> Vec<TagCount> {
    let mut counts: BTreeMap<&str, TagCount> = BTreeMap::new();
    for tag in &notebook.codebook {
        counts.insert(
            &tag.name,
            TagCount {
                name: tag.name.clone(),
                tag: Some(tag.clone()),
                documents: 0,
                highlights: 0,
            },
        );
    }
    let blank = |name: &str| TagCount {
        name: name.to_owned(),
        tag: None,
        documents: 0,
        highlights: 0,
    };
    for entry in notebook.documents.values() {
        for t in &entry.tags {
            counts.entry(t).or_insert_with(|| blank(t)).documents += 1;
        }
        for h in &entry.highlights {
            for t in &h.tags {
                counts.entry(t).or_insert_with(|| blank(t)).highlights += 1;
            }
        }
    }
    counts.into_values().collect()
}

/// Rewrites every tag at or below `from` to the same place below `to`, except tags
/// already at or below `to` when `to` is itself below `from` (merging `a` into `a/b`
/// leaves `a/b/c` alone).
fn rewrite(notebook: &Notebook, from: &str, to: &str) -> Vec<Change> {
    let map = |t: &str| -> Option<String> {
        if !tag_covers(from, t) || (tag_covers(from, to) && tag_covers(to, t)) {
            return None;
        }
        Some(format!("{to}{}", &t[from.len()..]))
    };
    let map_all = |tags: &[String]| -> Vec<String> {
        tags.iter()
            .map(|t| map(t).unwrap_or_else(|| t.clone()))
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect()
    };
    let mut changes = Vec::new();
    let mut kept: BTreeSet<String> = BTreeSet::new();
    let mut renamed = Vec::new();
    for tag in &notebook.codebook {
        match map(&tag.name) {
            Some(name) => {
                changes.push(Change::RemoveTag(tag.clone()));
                renamed.push(Tag {
                    name,
                    ..tag.clone()
                });
            }
            None => {
                kept.insert(tag.name.clone());
            }
        }
    }
    // Removals first, then additions: a target may be a name that is being renamed away.
    for tag in renamed {
        if kept.insert(tag.name.clone()) {
            changes.push(Change::AddTag(tag));
        }
    }
    let mut edits = Vec::new();
    for (path, entry) in &notebook.documents {
        let doc = DocRef {
            path: path.clone(),
            id: entry.id.clone(),
            title: entry.title.clone(),
        };
        let tags = map_all(&entry.tags);
        if tags != entry.tags {
            let to_by: TaggedBy = entry
                .tagged_by
                .iter()
                .map(|(coder, tags)| (coder.clone(), map_all(tags)))
                .collect();
            edits.push(Change::SetDocTags {
                doc: doc.clone(),
                from: entry.tags.clone(),
                to: tags,
                from_by: entry.tagged_by.clone(),
                to_by,
            });
        }
        for h in &entry.highlights {
            let tags = map_all(&h.tags);
            if tags != h.tags {
                let mut to = h.clone();
                to.tags = tags;
                edits.push(Change::EditHighlight {
                    doc: doc.clone(),
                    from: h.clone(),
                    to,
                });
            }
        }
    }
    // A tag used but missing from the codebook joins it under its new name.
    for edit in &edits {
        let used = match edit {
            Change::SetDocTags { to, .. } => to.as_slice(),
            Change::EditHighlight { to, .. } => to.tags.as_slice(),
            _ => &[],
        };
        for t in used {
            if kept.insert(t.clone()) {
                changes.push(Change::AddTag(Tag::named(t)));
            }
        }
    }
    changes.extend(edits);
    changes
}

fn used_at_or_below(notebook: &Notebook, name: &str) -> bool {
    tag_counts(notebook)
        .iter()
        .any(|c| tag_covers(name, &c.name))
}
