//! What the notebook holds: per document a status, tags, notes and highlights, and the
//! codebook of tags. Plain data with serde; every change to it is a [`Change`] value with an
//! inverse, so the screen and the command line change it the same way and can undo.

use super::conflict::Conflict;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The notebook format this build writes; older ones are migrated, newer ones refused.
/// Version 2 records who made what (`by`, `status_by`, `tagged_by`) and merge conflicts.
pub const VERSION: u32 = 2;

/// The document entries of a notebook, by path: a persistent map, so a copy of the
/// notebook (a snapshot for the writer thread or a query) costs nothing, and a change after
/// a copy copies only the few nodes on its path.
pub type Entries = imbl::OrdMap<String, DocumentNotes>;

/// Who tagged a document with what: coder → the document tags they applied, both sorted.
/// A tag of the document that no coder lists was applied before coders were recorded.
pub type TaggedBy = BTreeMap<String, Vec<String>>;

/// Everything an analyst wrote about one corpus.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename = "Notebook", deny_unknown_fields)]
pub struct Notebook {
    /// The format version ([`VERSION`]).
    pub version: u32,
    /// The corpus's name, for a reader of the file.
    pub corpus: String,
    /// The tags in use, sorted by name.
    #[serde(default)]
    pub codebook: Vec<Tag>,
    /// Notes per document, keyed by path relative to the corpus root. A path given twice
    /// in a file is an error: a map would silently keep only one of the entries.
    #[serde(default, deserialize_with = "unique_keys")]
    pub documents: Entries,
    /// Codebook conflicts a merge left (document conflicts sit in their entries).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub conflicts: Vec<Conflict>,
}

/// Reads a map whose keys must each appear once; the error names the repeated key and
/// comes right after it, so the reader's position points at the copy.
pub(crate) fn unique_keys<'de, D, V>(deserializer: D) -> Result<imbl::OrdMap<String, V>, D::Error>
where
    D: serde::Deserializer<'de>,
    V: Deserialize<'de> + Clone,
{
    struct Unique<V>(std::marker::PhantomData<V>);
    impl<'de, V: Deserialize<'de> + Clone> serde::de::Visitor<'de> for Unique<V> {
        type Value = imbl::OrdMap<String, V>;

        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("a map of document paths to their notes")
        }

        fn visit_map<A: serde::de::MapAccess<'de>>(
            self,
            mut map: A,
        ) -> Result<Self::Value, A::Error> {
            let mut out = imbl::OrdMap::new();
            while let Some(key) = map.next_key::<String>()? {
                if out.contains_key(&key) {
                    return Err(serde::de::Error::custom(format!(
                        "{key:?} is given twice; merge the two entries into one"
                    )));
                }
                let value = map.next_value()?;
                out.insert(key, value);
            }
            Ok(out)
        }
    }
    deserializer.deserialize_map(Unique(std::marker::PhantomData))
}

/// A tag of the codebook: a name such as `policy/defence`, with optional colour and hotkey.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename = "Tag", deny_unknown_fields)]
pub struct Tag {
    /// The name; `/` separates levels of the hierarchy.
    pub name: String,
    /// A colour name (`cyan`) or `#rrggbb` for the reader.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub color: Option<String>,
    /// A key that applies the tag in the tag prompt.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key: Option<char>,
    /// What the tag means.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
}

impl Tag {
    /// A new tag with only a name.
    pub fn named(name: &str) -> Tag {
        Tag {
            name: name.to_owned(),
            color: None,
            key: None,
            description: String::new(),
        }
    }
}

/// What the analyst wrote about one document.
///
/// Who did what (format version 2): notes and highlights carry their own `by`; the status
/// its `status_by`; document tags stay a plain list of names, as before, with `tagged_by`
/// beside it mapping each coder to the tags they applied. The list says what the document
/// is tagged with and the map who said so, one coder to a line in the file, so a
/// one-analyst notebook gains a single short line per document and two analysts who apply
/// the same tag merge without a conflict (both are listed). Unrecorded coders (version 1
/// files, no coder configured) are empty and left out of the file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename = "DocumentNotes", deny_unknown_fields)]
pub struct DocumentNotes {
    /// The document's content id when last seen; finds it again after a rename.
    pub id: String,
    /// Its title when last seen, for a reader of the file and for `check`.
    pub title: String,
    /// The triage status, one of the configured statuses; `None` is untriaged.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    /// Who set the status; empty when unknown.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub status_by: String,
    /// Tags of the whole document.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    /// Who applied which of [`DocumentNotes::tags`].
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub tagged_by: TaggedBy,
    /// Notes on the whole document, oldest first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<Note>,
    /// Highlights, by position in the text.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub highlights: Vec<Highlight>,
    /// What a merge could not decide about this document.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub conflicts: Vec<Conflict>,
}

impl DocumentNotes {
    /// An entry with nothing written in it yet.
    pub fn new(id: &str, title: &str) -> DocumentNotes {
        DocumentNotes {
            id: id.to_owned(),
            title: title.to_owned(),
            status: None,
            status_by: String::new(),
            tags: Vec::new(),
            tagged_by: TaggedBy::new(),
            notes: Vec::new(),
            highlights: Vec::new(),
            conflicts: Vec::new(),
        }
    }

    /// True when the entry records nothing the analyst wrote (who did it counts for
    /// nothing without what they did).
    pub fn is_empty(&self) -> bool {
        self.status.is_none()
            && self.tags.is_empty()
            && self.notes.is_empty()
            && self.highlights.is_empty()
            && self.conflicts.is_empty()
    }

    /// The coders who applied document tag `tag`.
    pub fn taggers_of<'a>(&'a self, tag: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.tagged_by
            .iter()
            .filter(move |(_, tags)| tags.iter().any(|t| t == tag))
            .map(|(coder, _)| coder.as_str())
    }
}

/// A note on a document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename = "Note", deny_unknown_fields)]
pub struct Note {
    /// A stable id ([`new_id`]).
    pub id: String,
    /// The text, any number of lines.
    pub text: String,
    /// When it was written, RFC 3339 in UTC.
    pub created: String,
    /// Who wrote it; empty when unknown.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub by: String,
}

/// A tagged or annotated span of a document's text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename = "Highlight", deny_unknown_fields)]
pub struct Highlight {
    /// A stable id ([`new_id`]).
    pub id: String,
    /// Its tags.
    #[serde(default)]
    pub tags: Vec<String>,
    /// A note on the passage.
    #[serde(default)]
    pub note: Option<String>,
    /// When it was made, RFC 3339 in UTC.
    pub created: String,
    /// Who made it (its tags and note are theirs); empty when unknown.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub by: String,
    /// Where it is in the text.
    pub anchor: Anchor,
    /// What the last check of the anchor found; not saved, computed on load.
    #[serde(skip)]
    pub state: AnchorState,
}

/// Where a highlight is: byte offsets into the normalized text, and the quoted text with
/// some context on each side, to find it again when the text changes. The offsets always
/// say where the highlight is now; the quote and context are what the analyst highlighted,
/// so for a highlight whose wording changed ([`AnchorState::Changed`]) the text between the
/// offsets is not the quote until the analyst accepts the new wording.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename = "Anchor", deny_unknown_fields)]
pub struct Anchor {
    /// Start byte offset.
    pub start: usize,
    /// End byte offset (exclusive).
    pub end: usize,
    /// The text between them.
    pub quote: String,
    /// Up to [`CONTEXT_CHARS`] characters before.
    pub prefix: String,
    /// Up to [`CONTEXT_CHARS`] characters after.
    pub suffix: String,
}

/// Characters of context kept on each side of a quote.
pub const CONTEXT_CHARS: usize = 32;

impl Anchor {
    /// The anchor of `text[start..end]`; `None` when the range is not on character
    /// boundaries of `text` or is empty.
    pub fn of(text: &str, start: usize, end: usize) -> Option<Anchor> {
        if start >= end
            || end > text.len()
            || !text.is_char_boundary(start)
            || !text.is_char_boundary(end)
        {
            return None;
        }
        let prefix_start = text[..start]
            .char_indices()
            .rev()
            .nth(CONTEXT_CHARS - 1)
            .map_or(0, |(i, _)| i);
        let suffix_end = text[end..]
            .char_indices()
            .nth(CONTEXT_CHARS)
            .map_or(text.len(), |(i, _)| end + i);
        Some(Anchor {
            start,
            end,
            quote: text[start..end].to_owned(),
            prefix: text[prefix_start..start].to_owned(),
            suffix: text[end..suffix_end].to_owned(),
        })
    }
}

/// What checking an anchor against the current text found.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum AnchorState {
    /// The quote is at its offsets.
    #[default]
    Ok,
    /// The quote was found elsewhere; the offsets were updated.
    Moved,
    /// A close copy of the quote was found (some words changed): the offsets point at it,
    /// snapped to whole words, and the quote is kept as highlighted until the analyst
    /// accepts the new wording (`dossier check --accept`).
    Changed,
    /// The quote was not found; the highlight is kept as it was.
    Orphaned,
}

impl AnchorState {
    /// `ok`, `moved`, `changed` or `orphaned`.
    pub fn as_str(self) -> &'static str {
        match self {
            AnchorState::Ok => "ok",
            AnchorState::Moved => "moved",
            AnchorState::Changed => "changed",
            AnchorState::Orphaned => "orphaned",
        }
    }
}

/// The document a change is about: its path, and its id and title for a new entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocRef {
    /// Path relative to the corpus root.
    pub path: String,
    /// Content id.
    pub id: String,
    /// Title.
    pub title: String,
}

impl DocRef {
    /// The reference of a document of the store.
    pub fn of(doc: &crate::store::Document) -> DocRef {
        DocRef {
            path: doc.path.clone(),
            id: doc.id.clone(),
            title: doc.meta.title.clone(),
        }
    }
}

/// One change to a notebook. Each carries what it replaces, so it has an exact inverse.
// An edit carries a highlight before and after (with its coder, a few hundred bytes): the
// undo history holds a few thousand changes at most, and boxing them would burden every
// operation that builds one.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq)]
pub enum Change {
    /// Set a document's status, and who set it.
    SetStatus {
        doc: DocRef,
        from: Option<String>,
        to: Option<String>,
        from_by: String,
        to_by: String,
    },
    /// Replace a document's tags, and who applied them.
    SetDocTags {
        doc: DocRef,
        from: Vec<String>,
        to: Vec<String>,
        from_by: TaggedBy,
        to_by: TaggedBy,
    },
    /// Add a note to a document (at the end).
    AddNote { doc: DocRef, note: Note },
    /// Remove a document's note.
    RemoveNote { doc: DocRef, note: Note },
    /// Replace a note's text.
    EditNote {
        doc: DocRef,
        id: String,
        from: String,
        to: String,
    },
    /// Add a highlight.
    AddHighlight { doc: DocRef, highlight: Highlight },
    /// Remove a highlight.
    RemoveHighlight { doc: DocRef, highlight: Highlight },
    /// Replace a highlight's tags and note.
    EditHighlight {
        doc: DocRef,
        from: Highlight,
        to: Highlight,
    },
    /// Add a tag to the codebook.
    AddTag(Tag),
    /// Remove a tag from the codebook.
    RemoveTag(Tag),
    /// Change a codebook tag (colour, key, description, or name).
    EditTag { from: Tag, to: Tag },
    /// Record a merge conflict: on a document, or (`None`) on the codebook.
    AddConflict {
        doc: Option<DocRef>,
        conflict: Conflict,
    },
    /// Drop a recorded conflict (it was resolved).
    RemoveConflict {
        doc: Option<DocRef>,
        conflict: Conflict,
    },
}

impl Change {
    /// The change that undoes this one.
    pub fn inverse(&self) -> Change {
        match self.clone() {
            Change::SetStatus {
                doc,
                from,
                to,
                from_by,
                to_by,
            } => Change::SetStatus {
                doc,
                from: to,
                to: from,
                from_by: to_by,
                to_by: from_by,
            },
            Change::SetDocTags {
                doc,
                from,
                to,
                from_by,
                to_by,
            } => Change::SetDocTags {
                doc,
                from: to,
                to: from,
                from_by: to_by,
                to_by: from_by,
            },
            Change::AddNote { doc, note } => Change::RemoveNote { doc, note },
            Change::RemoveNote { doc, note } => Change::AddNote { doc, note },
            Change::EditNote { doc, id, from, to } => Change::EditNote {
                doc,
                id,
                from: to,
                to: from,
            },
            Change::AddHighlight { doc, highlight } => Change::RemoveHighlight { doc, highlight },
            Change::RemoveHighlight { doc, highlight } => Change::AddHighlight { doc, highlight },
            Change::EditHighlight { doc, from, to } => Change::EditHighlight {
                doc,
                from: to,
                to: from,
            },
            Change::AddTag(tag) => Change::RemoveTag(tag),
            Change::RemoveTag(tag) => Change::AddTag(tag),
            Change::EditTag { from, to } => Change::EditTag { from: to, to: from },
            Change::AddConflict { doc, conflict } => Change::RemoveConflict { doc, conflict },
            Change::RemoveConflict { doc, conflict } => Change::AddConflict { doc, conflict },
        }
    }

    /// The document this change is about, if any.
    pub fn doc(&self) -> Option<&DocRef> {
        match self {
            Change::SetStatus { doc, .. }
            | Change::SetDocTags { doc, .. }
            | Change::AddNote { doc, .. }
            | Change::RemoveNote { doc, .. }
            | Change::EditNote { doc, .. }
            | Change::AddHighlight { doc, .. }
            | Change::RemoveHighlight { doc, .. }
            | Change::EditHighlight { doc, .. } => Some(doc),
            Change::AddConflict { doc, .. } | Change::RemoveConflict { doc, .. } => doc.as_ref(),
            Change::AddTag(_) | Change::RemoveTag(_) | Change::EditTag { .. } => None,
        }
    }
}

impl Notebook {
    /// An empty notebook for a corpus.
    pub fn new(corpus: &str) -> Notebook {
        Notebook {
            version: VERSION,
            corpus: corpus.to_owned(),
            codebook: Vec::new(),
            documents: Entries::new(),
            conflicts: Vec::new(),
        }
    }

    /// The entry of a document, if it has one.
    pub fn doc(&self, path: &str) -> Option<&DocumentNotes> {
        self.documents.get(path)
    }

    /// A codebook tag by name.
    pub fn tag(&self, name: &str) -> Option<&Tag> {
        self.codebook.iter().find(|t| t.name == name)
    }

    /// True when the notebook records nothing: no codebook, no document entry with content.
    pub fn is_empty(&self) -> bool {
        self.codebook.is_empty() && self.documents.values().all(DocumentNotes::is_empty)
    }

    /// Changes every entry in place, in path order (the persistent map has no mutable
    /// iteration: each entry is found by its path, copied only if a snapshot shares it).
    pub fn each_entry_mut(&mut self, mut change: impl FnMut(&str, &mut DocumentNotes)) {
        let paths: Vec<String> = self.documents.keys().cloned().collect();
        for path in paths {
            if let Some(entry) = self.documents.get_mut(&path) {
                change(&path, entry);
            }
        }
    }

    /// True when a note or highlight anywhere has this id.
    pub fn has_id(&self, id: &str) -> bool {
        self.documents
            .values()
            .any(|d| d.notes.iter().any(|n| n.id == id) || d.highlights.iter().any(|h| h.id == id))
    }

    /// Applies changes in order. A change that no longer fits (a note already gone) is
    /// skipped: applying never panics and never half-applies one change.
    pub fn apply_all<'a>(&mut self, changes: impl IntoIterator<Item = &'a Change>) {
        for change in changes {
            self.apply(change);
        }
    }

    /// Applies one change (see [`Notebook::apply_all`]).
    pub fn apply(&mut self, change: &Change) {
        match change {
            Change::AddTag(tag) => {
                if self.tag(&tag.name).is_none() {
                    self.codebook.push(tag.clone());
                    self.codebook.sort_by(|a, b| a.name.cmp(&b.name));
                }
            }
            Change::RemoveTag(tag) => self.codebook.retain(|t| t.name != tag.name),
            Change::EditTag { from, to } => {
                if let Some(t) = self.codebook.iter_mut().find(|t| t.name == from.name) {
                    *t = to.clone();
                }
                self.codebook.sort_by(|a, b| a.name.cmp(&b.name));
            }
            Change::AddConflict {
                doc: None,
                conflict,
            } => super::conflict::add_conflict(&mut self.conflicts, conflict),
            Change::RemoveConflict {
                doc: None,
                conflict,
            } => super::conflict::remove_conflict(&mut self.conflicts, conflict),
            _ => {
                let Some(doc) = change.doc() else { return };
                let entry = self
                    .documents
                    .entry(doc.path.clone())
                    .or_insert_with(|| DocumentNotes::new(&doc.id, &doc.title));
                apply_to_entry(entry, change);
                if entry.is_empty() {
                    self.documents.remove(&doc.path);
                }
            }
        }
    }
}

fn apply_to_entry(entry: &mut DocumentNotes, change: &Change) {
    match change {
        Change::SetStatus { to, to_by, .. } => {
            entry.status = to.clone();
            entry.status_by = to_by.clone();
        }
        Change::SetDocTags { to, to_by, .. } => {
            entry.tags = to.clone();
            entry.tagged_by = to_by.clone();
        }
        Change::AddConflict { conflict, .. } => {
            super::conflict::add_conflict(&mut entry.conflicts, conflict)
        }
        Change::RemoveConflict { conflict, .. } => {
            super::conflict::remove_conflict(&mut entry.conflicts, conflict)
        }
        Change::AddNote { note, .. } => {
            if !entry.notes.iter().any(|n| n.id == note.id) {
                entry.notes.push(note.clone());
                entry
                    .notes
                    .sort_by(|a, b| a.created.cmp(&b.created).then(a.id.cmp(&b.id)));
            }
        }
        Change::RemoveNote { note, .. } => entry.notes.retain(|n| n.id != note.id),
        Change::EditNote { id, to, .. } => {
            if let Some(n) = entry.notes.iter_mut().find(|n| &n.id == id) {
                n.text = to.clone();
            }
        }
        Change::AddHighlight { highlight, .. } => {
            if !entry.highlights.iter().any(|h| h.id == highlight.id) {
                entry.highlights.push(highlight.clone());
                sort_highlights(&mut entry.highlights);
            }
        }
        Change::RemoveHighlight { highlight, .. } => {
            entry.highlights.retain(|h| h.id != highlight.id)
        }
        Change::EditHighlight { to, .. } => {
            if let Some(h) = entry.highlights.iter_mut().find(|h| h.id == to.id) {
                *h = to.clone();
            }
            sort_highlights(&mut entry.highlights);
        }
        Change::AddTag(_) | Change::RemoveTag(_) | Change::EditTag { .. } => {}
    }
}

/// Highlights are kept by position, then by id, so saves are deterministic.
pub fn sort_highlights(highlights: &mut [Highlight]) {
    highlights.sort_by(|a, b| {
        (a.anchor.start, a.anchor.end, &a.id).cmp(&(b.anchor.start, b.anchor.end, &b.id))
    });
}

/// A new id: a millisecond timestamp and a sequence number in Crockford base 32, so ids
/// sort by creation and two made in the same millisecond differ.
pub fn new_id(unix_millis: i64, sequence: u32) -> String {
    const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    let mut out = String::with_capacity(14);
    let millis = u64::try_from(unix_millis).unwrap_or(0);
    for shift in (0..10).rev() {
        out.push(char::from(
            ALPHABET[((millis >> (shift * 5)) & 31) as usize],
        ));
    }
    for shift in (0..4).rev() {
        out.push(char::from(
            ALPHABET[((sequence >> (shift * 5)) & 31) as usize],
        ));
    }
    out
}

/// A tag name as the analyst typed it, checked: trimmed, no empty level, no comma.
pub fn clean_tag(raw: &str) -> Result<String, TagError> {
    let name = raw.trim();
    if name.is_empty() {
        return Err(TagError::Empty);
    }
    if name.contains(',') || name.chars().any(char::is_control) {
        return Err(TagError::Invalid(name.to_owned()));
    }
    let levels: Vec<&str> = name.split('/').map(str::trim).collect();
    if levels.iter().any(|l| l.is_empty()) {
        return Err(TagError::Invalid(name.to_owned()));
    }
    Ok(levels.join("/"))
}

/// A tag name that cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TagError {
    /// An empty name.
    #[error("a tag cannot be empty")]
    Empty,
    /// A name with a comma, a control character or an empty level.
    #[error("{0:?} is not a tag name (no commas, no empty levels between `/`)")]
    Invalid(String),
}

/// True when `tag` is `prefix` or below it in the hierarchy (`cyber` covers `cyber/5g`).
pub fn tag_covers(prefix: &str, tag: &str) -> bool {
    tag == prefix || (tag.starts_with(prefix) && tag.as_bytes().get(prefix.len()) == Some(&b'/'))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc() -> DocRef {
        DocRef {
            path: "a.txt".into(),
            id: "abc".into(),
            title: "A".into(),
        }
    }

    #[test]
    fn every_change_is_undone_by_its_inverse() {
        let mut nb = Notebook::new("c");
        let text = "one two three";
        let highlight = Highlight {
            id: new_id(1, 0),
            tags: vec!["x".into()],
            note: None,
            created: "t".into(),
            by: "ana".into(),
            anchor: Anchor::of(text, 4, 7).unwrap(),
            state: AnchorState::Ok,
        };
        let changes = [
            Change::AddTag(Tag::named("x")),
            Change::SetStatus {
                doc: doc(),
                from: None,
                to: Some("relevant".into()),
                from_by: String::new(),
                to_by: "ana".into(),
            },
            Change::SetDocTags {
                doc: doc(),
                from: vec![],
                to: vec!["x".into()],
                from_by: TaggedBy::new(),
                to_by: [("ana".to_owned(), vec!["x".to_owned()])].into(),
            },
            Change::AddNote {
                doc: doc(),
                note: Note {
                    id: "n".into(),
                    text: "t".into(),
                    created: "c".into(),
                    by: "ana".into(),
                },
            },
            Change::EditNote {
                doc: doc(),
                id: "n".into(),
                from: "t".into(),
                to: "u".into(),
            },
            Change::AddHighlight {
                doc: doc(),
                highlight,
            },
            Change::AddConflict {
                doc: Some(doc()),
                conflict: crate::notebook::conflict::Conflict::Note {
                    id: "n".into(),
                    ours: Some("u".into()),
                    theirs: None,
                },
            },
            Change::AddConflict {
                doc: None,
                conflict: crate::notebook::conflict::Conflict::Tag {
                    name: "x".into(),
                    ours: Some(Tag::named("x")),
                    theirs: None,
                },
            },
        ];
        let mut states = vec![nb.clone()];
        for c in &changes {
            nb.apply(c);
            states.push(nb.clone());
        }
        for c in changes.iter().rev() {
            states.pop();
            nb.apply(&c.inverse());
            assert_eq!(&nb, states.last().unwrap(), "undoing {c:?}");
        }
        assert!(nb.documents.is_empty());
    }

    #[test]
    fn anchor_keeps_context_on_character_boundaries() {
        let text = "é".repeat(40) + "QUOTE" + &"ü".repeat(40);
        let start = "é".len() * 40;
        let a = Anchor::of(&text, start, start + 5).unwrap();
        assert_eq!(a.quote, "QUOTE");
        assert_eq!(a.prefix.chars().count(), CONTEXT_CHARS);
        assert_eq!(a.suffix.chars().count(), CONTEXT_CHARS);
        assert!(Anchor::of(&text, 1, 3).is_none());
    }

    #[test]
    fn tags_are_checked_and_cover_their_children() {
        assert_eq!(clean_tag(" policy / defence "), Ok("policy/defence".into()));
        assert_eq!(clean_tag("  "), Err(TagError::Empty));
        assert!(clean_tag("a//b").is_err());
        assert!(tag_covers("cyber", "cyber/5g") && tag_covers("cyber", "cyber"));
        assert!(!tag_covers("cyber", "cybersecurity"));
    }

    #[test]
    fn ids_sort_by_time() {
        assert!(new_id(1_700_000_000_000, 5) < new_id(1_700_000_000_001, 0));
        assert_eq!(new_id(0, 0).len(), 14);
    }
}
