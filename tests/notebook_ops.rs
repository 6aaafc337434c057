//! The operations the command line and the screen share: what they change, what they
//! refuse, and that undoing their changes restores the notebook exactly.

use dossier::notebook::ops::{self, OpError};
use dossier::notebook::{Change, DocRef, Notebook, Stamp, Tag};

const TEXT: &str = "The Allies agreed to raise defence spending. Cyber defence was discussed.";

fn doc(path: &str) -> DocRef {
    DocRef {
        path: path.into(),
        id: format!("id-{path}"),
        title: format!("Title {path}"),
    }
}

fn tags(names: &[&str]) -> Vec<String> {
    names.iter().map(|s| (*s).to_owned()).collect()
}

fn stamp() -> Stamp {
    Stamp::new("2026-11-23T18:02:11Z".parse().unwrap())
}

/// Applies the changes, then their inverses in reverse, checking the round trip.
fn apply_and_check_undo(nb: &mut Notebook, changes: &[Change]) {
    let before = nb.clone();
    nb.apply_all(changes);
    let mut undone = nb.clone();
    for c in changes.iter().rev() {
        undone.apply(&c.inverse());
    }
    assert_eq!(undone, before, "undo restores the notebook");
}

/// A notebook with tags on documents and highlights, and a coloured codebook tag.
fn populated() -> Notebook {
    let mut nb = Notebook::new("c");
    let mut s = stamp();
    let changes = ops::tag_documents(
        &nb,
        &[doc("a"), doc("b")],
        &tags(&["cyber", "cyber/5g", "other"]),
        "ana",
    )
    .unwrap();
    nb.apply_all(&changes);
    let changes = ops::highlight_quote(
        &nb,
        &doc("a"),
        TEXT,
        "Cyber defence",
        &tags(&["cyber/5g", "tech"]),
        None,
        &mut s,
    )
    .unwrap();
    nb.apply_all(&changes);
    let cyber = nb.tag("cyber").unwrap().clone();
    nb.apply(&Change::EditTag {
        from: cyber,
        to: Tag {
            name: "cyber".into(),
            color: Some("cyan".into()),
            key: Some('c'),
            description: "Cyber".into(),
        },
    });
    nb
}

#[test]
fn tagging_adds_new_tags_to_the_codebook_and_undoes() {
    let mut nb = Notebook::new("c");
    let changes =
        ops::tag_documents(&nb, &[doc("a"), doc("a")], &tags(&[" b ", "a/x"]), "").unwrap();
    assert_eq!(
        changes.len(),
        3,
        "two codebook tags and one document: {changes:?}"
    );
    apply_and_check_undo(&mut nb, &changes);
    assert_eq!(nb.doc("a").unwrap().tags, ["a/x", "b"]);
    let again = ops::tag_documents(&nb, &[doc("a")], &tags(&["b"]), "").unwrap();
    assert!(again.is_empty(), "tagging twice changes nothing");
}

#[test]
fn bad_requests_change_nothing() {
    let nb = populated();
    let mut s = stamp();
    assert_eq!(
        ops::tag_documents(&nb, &[doc("a")], &tags(&[""]), ""),
        Err(OpError::Tag(dossier::notebook::TagError::Empty))
    );
    assert_eq!(
        ops::tag_documents(&nb, &[doc("a")], &[], ""),
        Err(OpError::NoTags)
    );
    assert!(matches!(
        ops::set_status(&nb, &[doc("a")], Some("nope"), &["yes"], ""),
        Err(OpError::UnknownStatus { .. })
    ));
    assert!(matches!(
        ops::highlight(&nb, &doc("a"), TEXT, 5..5, &tags(&["x"]), None, &mut s),
        Err(OpError::BadRange { .. })
    ));
    assert!(matches!(
        ops::highlight(&nb, &doc("a"), "é", 0..1, &tags(&["x"]), None, &mut s),
        Err(OpError::BadRange { .. })
    ));
    assert!(matches!(
        ops::highlight_quote(&nb, &doc("a"), TEXT, "absent", &tags(&["x"]), None, &mut s),
        Err(OpError::QuoteNotFound { .. })
    ));
    assert_eq!(
        ops::add_note(&nb, &doc("a"), " \n", &mut s),
        Err(OpError::EmptyNote)
    );
    assert_eq!(
        ops::rename_tag(&nb, "cyber", "other"),
        Err(OpError::TagExists("other".into()))
    );
    assert_eq!(
        ops::merge_tags(&nb, "ghost", "other"),
        Err(OpError::UnknownTag("ghost".into()))
    );
}

#[test]
fn status_is_matched_to_the_configured_spelling() {
    let mut nb = Notebook::new("c");
    let changes = ops::set_status(
        &nb,
        &[doc("a")],
        Some("Relevant"),
        &["relevant", "maybe"],
        "ana",
    )
    .unwrap();
    apply_and_check_undo(&mut nb, &changes);
    assert_eq!(nb.doc("a").unwrap().status.as_deref(), Some("relevant"));
}

#[test]
fn rename_moves_sub_tags_and_keeps_the_codebook_entry() {
    let mut nb = populated();
    let changes = ops::rename_tag(&nb, "cyber", "security").unwrap();
    apply_and_check_undo(&mut nb, &changes);
    assert_eq!(
        nb.doc("a").unwrap().tags,
        ["other", "security", "security/5g"]
    );
    assert_eq!(
        nb.doc("a").unwrap().highlights[0].tags,
        ["security/5g", "tech"]
    );
    let security = nb.tag("security").unwrap();
    assert_eq!(
        (security.color.as_deref(), security.key),
        (Some("cyan"), Some('c'))
    );
    assert!(nb.tag("cyber").is_none() && nb.tag("security/5g").is_some());
}

#[test]
fn merge_joins_two_tags_everywhere() {
    let mut nb = populated();
    let changes = ops::merge_tags(&nb, "tech", "cyber").unwrap();
    apply_and_check_undo(&mut nb, &changes);
    assert_eq!(
        nb.doc("a").unwrap().highlights[0].tags,
        ["cyber", "cyber/5g"]
    );
    assert!(nb.tag("tech").is_none());
    assert_eq!(
        nb.tag("cyber").unwrap().key,
        Some('c'),
        "the target keeps its key"
    );
    // Merging a tag into its own child leaves the child's other children alone.
    let changes = ops::merge_tags(&nb, "cyber", "cyber/5g").unwrap();
    apply_and_check_undo(&mut nb, &changes);
    assert_eq!(nb.doc("a").unwrap().tags, ["cyber/5g", "other"]);
}

#[test]
fn highlights_on_the_same_span_are_joined_and_untagged_ones_removed() {
    let mut nb = Notebook::new("c");
    let mut s = stamp();
    let first = ops::highlight_quote(
        &nb,
        &doc("a"),
        TEXT,
        "defence spending",
        &tags(&["a"]),
        None,
        &mut s,
    )
    .unwrap();
    apply_and_check_undo(&mut nb, &first);
    let second = ops::highlight_quote(
        &nb,
        &doc("a"),
        TEXT,
        "defence spending",
        &tags(&["b"]),
        Some("why?"),
        &mut s,
    )
    .unwrap();
    apply_and_check_undo(&mut nb, &second);
    let hs = &nb.doc("a").unwrap().highlights;
    assert_eq!(hs.len(), 1);
    assert_eq!(
        (hs[0].tags.clone(), hs[0].note.clone()),
        (tags(&["a", "b"]), Some("why?".into()))
    );
    let id = hs[0].id.clone();
    let clear = ops::set_highlight_note(&nb, &doc("a"), &id, None).unwrap();
    apply_and_check_undo(&mut nb, &clear);
    let untag =
        ops::untag_highlights(&nb, &doc("a"), "defence  spending", &tags(&["a", "b"])).unwrap();
    apply_and_check_undo(&mut nb, &untag);
    assert!(
        nb.documents.is_empty(),
        "an entry with nothing left is dropped"
    );
}

#[test]
fn notes_get_fresh_ids_and_can_be_edited_and_removed() {
    let mut nb = Notebook::new("c");
    let mut s = stamp();
    for text in ["one", "two"] {
        let changes = ops::add_note(&nb, &doc("a"), text, &mut s).unwrap();
        apply_and_check_undo(&mut nb, &changes);
    }
    let notes = nb.doc("a").unwrap().notes.clone();
    assert_ne!(notes[0].id, notes[1].id);
    assert_eq!(notes[0].created, "2026-11-23T18:02:11Z");
    // A new stamp at the same instant still finds unused ids.
    let changes = ops::add_note(&nb, &doc("a"), "three", &mut stamp()).unwrap();
    apply_and_check_undo(&mut nb, &changes);
    assert_eq!(nb.doc("a").unwrap().notes.len(), 3);
    let edit = ops::edit_note(&nb, &doc("a"), &notes[0].id, "ONE").unwrap();
    apply_and_check_undo(&mut nb, &edit);
    let remove = ops::edit_note(&nb, &doc("a"), &notes[1].id, "").unwrap();
    apply_and_check_undo(&mut nb, &remove);
    let texts: Vec<&str> = nb
        .doc("a")
        .unwrap()
        .notes
        .iter()
        .map(|n| n.text.as_str())
        .collect();
    assert_eq!(texts, ["ONE", "three"]);
}

#[test]
fn counts_are_by_exact_tag() {
    let nb = populated();
    let counts: Vec<(String, usize, usize)> = ops::tag_counts(&nb)
        .into_iter()
        .map(|c| (c.name, c.documents, c.highlights))
        .collect();
    assert_eq!(
        counts,
        [
            ("cyber".into(), 2, 0),
            ("cyber/5g".into(), 2, 1),
            ("other".into(), 2, 0),
            ("tech".into(), 0, 1)
        ]
    );
}
