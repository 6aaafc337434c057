//! Stable GUIDs for what a REFI-QDA export names: the same notebook always gets the same
//! GUIDs, so a colleague's tool sees an updated project as the same project, and an import
//! can tell a selection it exported itself. Each GUID is a name-based (version 5) UUID of
//! the thing's kind and its dossier id; it never depends on the clock or on order.

use uuid::Uuid;

/// The namespace of every dossier GUID: the version 5 UUID of `dossier` in the URL
/// namespace, fixed forever (changing it would change every exported GUID).
fn namespace() -> Uuid {
    Uuid::new_v5(&Uuid::NAMESPACE_URL, b"https://dossier/refi-qda")
}

/// What a GUID names; the kind keeps a tag and a document of the same name apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A code, by its full tag name (`policy/defence`).
    Code,
    /// A text source, by the document's path.
    Source,
    /// A selection, by the highlight's id.
    Selection,
    /// A coding, by the highlight's id (or the document's path) and the tag.
    Coding,
    /// A note, by the note's id (or `highlight:ID` for a highlight's note).
    Note,
    /// A user, by the coder's name.
    User,
    /// A variable, by its name.
    Variable,
}

impl Kind {
    fn prefix(self) -> &'static str {
        match self {
            Kind::Code => "code",
            Kind::Source => "source",
            Kind::Selection => "selection",
            Kind::Coding => "coding",
            Kind::Note => "note",
            Kind::User => "user",
            Kind::Variable => "variable",
        }
    }
}

/// The GUID of `key` of this kind, in the lower-case hyphenated form REFI-QDA uses.
pub fn guid(kind: Kind, key: &str) -> String {
    let mut name = String::with_capacity(key.len() + 12);
    name.push_str(kind.prefix());
    name.push(':');
    name.push_str(key);
    Uuid::new_v5(&namespace(), name.as_bytes())
        .hyphenated()
        .to_string()
}

/// The GUID of a coding of `tag` on the highlight (or document) `owner`.
pub fn coding(owner: &str, tag: &str) -> String {
    // A tag name cannot hold a newline, so the pair cannot be confused with another.
    guid(Kind::Coding, &format!("{owner}\n{tag}"))
}

/// A GUID as written by any tool, in one form to compare: lower case, without braces.
pub fn canonical(raw: &str) -> String {
    raw.trim()
        .trim_start_matches('{')
        .trim_end_matches('}')
        .to_ascii_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_id_always_gets_the_same_guid() {
        assert_eq!(guid(Kind::Selection, "01JD"), guid(Kind::Selection, "01JD"));
        assert_ne!(guid(Kind::Selection, "01JD"), guid(Kind::Note, "01JD"));
        assert_ne!(coding("a", "b/c"), coding("a/b", "c"));
    }

    #[test]
    fn guids_have_the_form_the_schema_asks_for() {
        let g = guid(Kind::Code, "policy/defence");
        let parts: Vec<usize> = g.split('-').map(str::len).collect();
        assert_eq!(parts, [8, 4, 4, 4, 12]);
        assert!(g.chars().all(|c| c == '-' || c.is_ascii_hexdigit()));
        // Fixed forever: a changed namespace would change every exported GUID.
        assert_eq!(g, "c13030bc-ad87-5bdb-9df4-dcfab1d94706");
    }

    #[test]
    fn guids_of_other_tools_compare_in_one_form() {
        assert_eq!(
            canonical("{69A4332D-5B31-4915-B520-000000000000}"),
            "69a4332d-5b31-4915-b520-000000000000"
        );
    }
}
