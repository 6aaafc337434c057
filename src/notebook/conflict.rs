//! What a merge of two notebooks could not decide: a field that both sides changed, each
//! to something else. The notebook keeps one value in place (ours, or whichever side still
//! has the thing at all) and records the conflict beside it, so the file always parses,
//! nothing either analyst wrote is lost, and the conflict is shown, queried (`has:conflict`)
//! and resolved like any other part of the notebook. Plain data; no IO.

use super::model::{Anchor, Tag};
use serde::{Deserialize, Serialize};

/// One side of a merge: ours is the notebook merged into (git's `%A`), theirs the other.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Side {
    /// The notebook merged into.
    Ours,
    /// The notebook merged in.
    Theirs,
}

impl Side {
    /// The other side.
    pub fn other(self) -> Side {
        match self {
            Side::Ours => Side::Theirs,
            Side::Theirs => Side::Ours,
        }
    }

    /// `ours` or `theirs`.
    pub fn name(self) -> &'static str {
        match self {
            Side::Ours => "ours",
            Side::Theirs => "theirs",
        }
    }
}

/// A field two merged notebooks changed differently. Document conflicts sit in their
/// document's entry, codebook conflicts in the notebook. `None` as a side's value means
/// that side deleted the thing while the other changed it (so it was kept).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Conflict {
    /// The document's status, with who set each.
    Status {
        /// Our status.
        ours: Option<String>,
        /// Who set ours.
        #[serde(default)]
        ours_by: String,
        /// Their status.
        theirs: Option<String>,
        /// Who set theirs.
        #[serde(default)]
        theirs_by: String,
    },
    /// The text of a document note.
    Note {
        /// The note's id.
        id: String,
        /// Our text (`None`: we deleted the note).
        ours: Option<String>,
        /// Their text (`None`: they deleted the note).
        theirs: Option<String>,
    },
    /// The note of a highlight.
    HighlightNote {
        /// The highlight's id.
        id: String,
        /// Our note.
        ours: Option<String>,
        /// Their note.
        theirs: Option<String>,
    },
    /// Where a highlight is.
    HighlightAnchor {
        /// The highlight's id.
        id: String,
        /// Our anchor.
        ours: Anchor,
        /// Their anchor.
        theirs: Anchor,
    },
    /// One side deleted a highlight that the other changed; it was kept.
    HighlightDeleted {
        /// The highlight's id.
        id: String,
        /// The side that deleted it.
        deleted_in: Side,
    },
    /// A codebook tag (colour, key or description).
    Tag {
        /// The tag's name.
        name: String,
        /// Our tag (`None`: we removed it).
        ours: Option<Tag>,
        /// Their tag (`None`: they removed it).
        theirs: Option<Tag>,
    },
}

impl Conflict {
    /// The id of the note or highlight, or the tag's name, the conflict is about; `None`
    /// for the document's status.
    pub fn subject(&self) -> Option<&str> {
        match self {
            Conflict::Status { .. } => None,
            Conflict::Note { id, .. }
            | Conflict::HighlightNote { id, .. }
            | Conflict::HighlightAnchor { id, .. }
            | Conflict::HighlightDeleted { id, .. } => Some(id),
            Conflict::Tag { name, .. } => Some(name),
        }
    }

    /// The same conflict seen from the other side (ours and theirs exchanged).
    pub fn swapped(&self) -> Conflict {
        match self.clone() {
            Conflict::Status {
                ours,
                ours_by,
                theirs,
                theirs_by,
            } => Conflict::Status {
                ours: theirs,
                ours_by: theirs_by,
                theirs: ours,
                theirs_by: ours_by,
            },
            Conflict::Note { id, ours, theirs } => Conflict::Note {
                id,
                ours: theirs,
                theirs: ours,
            },
            Conflict::HighlightNote { id, ours, theirs } => Conflict::HighlightNote {
                id,
                ours: theirs,
                theirs: ours,
            },
            Conflict::HighlightAnchor { id, ours, theirs } => Conflict::HighlightAnchor {
                id,
                ours: theirs,
                theirs: ours,
            },
            Conflict::HighlightDeleted { id, deleted_in } => Conflict::HighlightDeleted {
                id,
                deleted_in: deleted_in.other(),
            },
            Conflict::Tag { name, ours, theirs } => Conflict::Tag {
                name,
                ours: theirs,
                theirs: ours,
            },
        }
    }

    /// The order conflicts are kept in: by kind, then by what they are about. It does not
    /// depend on which side is which, so merging either way round lists them alike.
    pub fn order_key(&self) -> (u8, &str) {
        let kind = match self {
            Conflict::Status { .. } => 0,
            Conflict::Note { .. } => 1,
            Conflict::HighlightNote { .. } => 2,
            Conflict::HighlightAnchor { .. } => 3,
            Conflict::HighlightDeleted { .. } => 4,
            Conflict::Tag { .. } => 5,
        };
        (kind, self.subject().unwrap_or_default())
    }

    /// One line for people: what is in conflict and each side's value.
    pub fn describe(&self) -> String {
        let text = |v: &Option<String>| match v {
            Some(s) => format!("“{}”", crate::text::truncate(&crate::text::one_line(s), 40)),
            None => "deleted".to_owned(),
        };
        let by = |name: &str| {
            if name.is_empty() {
                String::new()
            } else {
                format!(" ({})", crate::text::one_line(name))
            }
        };
        match self {
            Conflict::Status {
                ours,
                ours_by,
                theirs,
                theirs_by,
            } => {
                let status = |s: &Option<String>| {
                    s.as_deref()
                        .map_or("untriaged".to_owned(), crate::text::one_line)
                };
                format!(
                    "status: ours {}{}, theirs {}{}",
                    status(ours),
                    by(ours_by),
                    status(theirs),
                    by(theirs_by)
                )
            }
            Conflict::Note { ours, theirs, .. } => {
                format!("note: ours {}, theirs {}", text(ours), text(theirs))
            }
            Conflict::HighlightNote { ours, theirs, .. } => format!(
                "highlight note: ours {}, theirs {}",
                text(&ours.clone().or_else(|| Some(String::new()))),
                text(&theirs.clone().or_else(|| Some(String::new())))
            ),
            Conflict::HighlightAnchor { ours, theirs, .. } => format!(
                "highlight place: ours {}..{} {}, theirs {}..{} {}",
                ours.start,
                ours.end,
                text(&Some(ours.quote.clone())),
                theirs.start,
                theirs.end,
                text(&Some(theirs.quote.clone()))
            ),
            Conflict::HighlightDeleted { deleted_in, .. } => format!(
                "highlight: deleted in {}, changed in {} (kept)",
                deleted_in.name(),
                deleted_in.other().name()
            ),
            Conflict::Tag { name, ours, theirs } => {
                let tag = |t: &Option<Tag>| match t {
                    None => "removed".to_owned(),
                    Some(t) => {
                        let mut parts = Vec::new();
                        if let Some(c) = &t.color {
                            parts.push(format!("colour {}", crate::text::one_line(c)));
                        }
                        if let Some(k) = t.key {
                            parts.push(format!("key {k:?}"));
                        }
                        if !t.description.is_empty() {
                            parts.push(text(&Some(t.description.clone())));
                        }
                        if parts.is_empty() {
                            "plain".to_owned()
                        } else {
                            parts.join(", ")
                        }
                    }
                };
                format!(
                    "tag {}: ours {}, theirs {}",
                    crate::text::one_line(name),
                    tag(ours),
                    tag(theirs)
                )
            }
        }
    }
}

/// Sorts conflicts into their kept order ([`Conflict::order_key`]); two about the same
/// thing (left by different merges) by their content, so the order is always the same.
pub fn sort_conflicts(conflicts: &mut [Conflict]) {
    conflicts.sort_by_cached_key(|c| {
        (
            c.order_key().0,
            c.order_key().1.to_owned(),
            format!("{c:?}"),
        )
    });
}

/// Records `conflict` unless the very same one is recorded.
pub(crate) fn add_conflict(conflicts: &mut Vec<Conflict>, conflict: &Conflict) {
    if !conflicts.contains(conflict) {
        conflicts.push(conflict.clone());
        sort_conflicts(conflicts);
    }
}

/// Drops `conflict` where it is recorded.
pub(crate) fn remove_conflict(conflicts: &mut Vec<Conflict>, conflict: &Conflict) {
    if let Some(i) = conflicts.iter().position(|c| c == conflict) {
        conflicts.remove(i);
    }
}
