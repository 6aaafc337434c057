//! `team::merge`, the three-way merge of notebooks: everything added on either side is in
//! the result, an unchanged side gives the other, the same change on both sides gives it
//! byte for byte, the result always parses, swapping the sides only swaps the sides of the
//! conflicts, and a recorded conflict resolves (and undoes) as a change.

use dossier::notebook::format::{from_ron, to_ron};
use dossier::notebook::ops::resolve_conflict;
use dossier::notebook::{
    Anchor, AnchorState, Conflict, DocRef, DocumentNotes, Highlight, Note, Notebook, Side, Tag,
    TaggedBy,
};
use dossier::team::merge::{Input, merge, merge_texts};
use proptest::prelude::*;
use std::collections::BTreeMap;
use std::path::Path;

const PATHS: [&str; 2] = ["a.txt", "b.txt"];
const TAGS: [&str; 3] = ["p", "q", "r"];

fn subset() -> impl Strategy<Value = Vec<String>> {
    proptest::sample::subsequence(TAGS.to_vec(), 0..=3)
        .prop_map(|v| v.into_iter().map(str::to_owned).collect())
}

fn coder() -> impl Strategy<Value = String> {
    prop_oneof![Just(""), Just("ana"), Just("ben")].prop_map(str::to_owned)
}

fn note() -> impl Strategy<Value = Note> {
    (
        0..3usize,
        prop_oneof![Just("x"), Just("y"), Just("z")],
        coder(),
    )
        .prop_map(|(id, text, by)| Note {
            id: format!("n{id}"),
            text: text.to_owned(),
            created: "2026-01-01T00:00:00Z".to_owned(),
            by,
        })
}

fn highlight() -> impl Strategy<Value = Highlight> {
    (
        0..3usize,
        subset(),
        proptest::option::of(prop_oneof![Just("m1"), Just("m2")]),
        0..3usize,
        coder(),
    )
        .prop_map(|(id, tags, note, start, by)| Highlight {
            id: format!("h{id}"),
            tags,
            note: note.map(str::to_owned),
            created: "2026-01-01T00:00:00Z".to_owned(),
            by,
            anchor: Anchor {
                start,
                end: start + 5,
                quote: format!("quote{start}"),
                prefix: String::new(),
                suffix: String::new(),
            },
            state: AnchorState::Ok,
        })
}

fn entry() -> impl Strategy<Value = DocumentNotes> {
    (
        proptest::option::of(prop_oneof![Just("relevant"), Just("maybe")]),
        coder(),
        subset(),
        prop::collection::vec(note(), 0..3),
        prop::collection::vec(highlight(), 0..3),
        any::<bool>(),
    )
        .prop_map(|(status, status_by, tags, notes, highlights, coded)| {
            let mut e = DocumentNotes::new("id", "Title");
            e.status = status.map(str::to_owned);
            if e.status.is_some() {
                e.status_by = status_by;
            }
            if coded && !tags.is_empty() {
                e.tagged_by = TaggedBy::from([("ana".to_owned(), tags.clone())]);
            }
            e.tags = tags;
            // One item per id, as a notebook has.
            for n in notes {
                if !e.notes.iter().any(|m| m.id == n.id) {
                    e.notes.push(n);
                }
            }
            e.notes
                .sort_by(|a, b| a.created.cmp(&b.created).then(a.id.cmp(&b.id)));
            for h in highlights {
                if !e.highlights.iter().any(|g| g.id == h.id) {
                    e.highlights.push(h);
                }
            }
            dossier::notebook::model::sort_highlights(&mut e.highlights);
            e
        })
}

fn tag() -> impl Strategy<Value = Tag> {
    (
        proptest::sample::select(TAGS.to_vec()),
        proptest::option::of(prop_oneof![Just("red"), Just("blue")]),
        proptest::option::of(Just('k')),
        prop_oneof![Just(""), Just("d")],
    )
        .prop_map(|(name, color, key, description)| Tag {
            name: name.to_owned(),
            color: color.map(str::to_owned),
            key,
            description: description.to_owned(),
        })
}

fn notebook() -> impl Strategy<Value = Notebook> {
    (
        prop::collection::btree_map(proptest::sample::select(PATHS.to_vec()), entry(), 0..=2),
        prop::collection::vec(tag(), 0..3),
    )
        .prop_map(|(docs, tags)| {
            let mut nb = Notebook::new("c");
            for (path, e) in docs {
                if !e.is_empty() {
                    nb.documents.insert(path.to_owned(), e);
                }
            }
            for t in tags {
                if nb.tag(&t.name).is_none() {
                    nb.codebook.push(t);
                }
            }
            nb.codebook.sort_by(|a, b| a.name.cmp(&b.name));
            nb
        })
}

/// A side of a merge: the base with some of its parts replaced by `other`'s (entry by
/// entry, field by field, item by item), chosen by the bits of `mask`.
fn mix(base: &Notebook, other: &Notebook, mask: u64) -> Notebook {
    let mut bit = 0u32;
    let mut take = || {
        bit = (bit + 1) % 64;
        mask & (1 << bit) != 0
    };
    let mut out = base.clone();
    if take() {
        out.codebook = other.codebook.clone();
    }
    for path in PATHS {
        let (b, o) = (base.doc(path), other.doc(path));
        let mut e = b
            .cloned()
            .unwrap_or_else(|| DocumentNotes::new("id", "Title"));
        let empty = DocumentNotes::new("id", "Title");
        let o = o.unwrap_or(&empty);
        if take() {
            e.status = o.status.clone();
            e.status_by = o.status_by.clone();
        }
        if take() {
            e.tags = o.tags.clone();
            e.tagged_by = o.tagged_by.clone();
        }
        if take() {
            e.notes = o.notes.clone();
        }
        if take() {
            e.highlights = o.highlights.clone();
        }
        if e.is_empty() {
            out.documents.remove(path);
        } else {
            out.documents.insert(path.to_owned(), e);
        }
    }
    out
}

fn three_sides() -> impl Strategy<Value = (Notebook, Notebook, Notebook)> {
    (
        notebook(),
        notebook(),
        notebook(),
        any::<u64>(),
        any::<u64>(),
    )
        .prop_map(|(base, x, y, mx, my)| {
            let ours = mix(&base, &x, mx);
            let theirs = mix(&base, &y, my);
            (base, ours, theirs)
        })
}

fn doc_ref(path: &str, e: &DocumentNotes) -> DocRef {
    DocRef {
        path: path.to_owned(),
        id: e.id.clone(),
        title: e.title.clone(),
    }
}

/// Every conflict, by document (`None`: the codebook), each seen from `side`'s view.
fn conflicts(nb: &Notebook, swapped: bool) -> Vec<(Option<String>, String)> {
    let see = |c: &Conflict| format!("{:?}", if swapped { c.swapped() } else { c.clone() });
    let mut out: Vec<(Option<String>, String)> =
        nb.conflicts.iter().map(|c| (None, see(c))).collect();
    for (path, e) in &nb.documents {
        out.extend(e.conflicts.iter().map(|c| (Some(path.clone()), see(c))));
    }
    out.sort();
    out
}

/// The notebook with every conflict resolved by taking `side`.
fn resolved(mut nb: Notebook, side: Side) -> Notebook {
    for c in nb.conflicts.clone() {
        let changes = resolve_conflict(&nb, None, &c, side).unwrap();
        nb.apply_all(&changes);
    }
    let docs: Vec<(String, DocumentNotes)> = nb
        .documents
        .iter()
        .map(|(p, e)| (p.clone(), e.clone()))
        .collect();
    for (path, e) in docs {
        for c in &e.conflicts {
            let changes = resolve_conflict(&nb, Some(&doc_ref(&path, &e)), c, side).unwrap();
            nb.apply_all(&changes);
        }
    }
    nb
}

/// What any side added or changed, and where the result must show it.
fn assert_kept(base: &Notebook, side: &Notebook, merged: &Notebook, which: Side) {
    for tag in &side.codebook {
        if base.tag(&tag.name).is_none() {
            assert!(
                merged.tag(&tag.name).is_some(),
                "codebook tag {} kept",
                tag.name
            );
        }
    }
    let empty = DocumentNotes::new("id", "Title");
    for (path, e) in &side.documents {
        let b = base.doc(path).unwrap_or(&empty);
        let m = merged.doc(path).unwrap_or(&empty);
        for t in e.tags.iter().filter(|t| !b.tags.contains(t)) {
            assert!(m.tags.contains(t), "document tag {t} of {path} kept");
        }
        if e.status != b.status {
            let recorded = m.conflicts.iter().any(|c| match c {
                Conflict::Status { ours, theirs, .. } => *ours == e.status || *theirs == e.status,
                _ => false,
            });
            assert!(m.status == e.status || recorded, "status of {path} kept");
        }
        for n in &e.notes {
            if b.notes.iter().any(|x| x.id == n.id) {
                continue;
            }
            let found = m.notes.iter().find(|x| x.id == n.id);
            assert!(found.is_some(), "note {} of {path} kept", n.id);
            let text_kept = found.is_some_and(|x| x.text == n.text)
                || m.conflicts.iter().any(|c| {
                    matches!(c, Conflict::Note { id, ours, theirs }
                        if *id == n.id && (ours.as_ref() == Some(&n.text) || theirs.as_ref() == Some(&n.text)))
                });
            assert!(text_kept, "the text of note {} ({which:?})", n.id);
        }
        for h in &e.highlights {
            let before = b.highlights.iter().find(|x| x.id == h.id);
            let found = m.highlights.iter().find(|x| x.id == h.id);
            if before.is_none() {
                assert!(found.is_some(), "highlight {} of {path} kept", h.id);
            }
            let added: Vec<&String> = h
                .tags
                .iter()
                .filter(|t| before.is_none_or(|x| !x.tags.contains(t)))
                .collect();
            for t in added {
                assert!(
                    found.is_some_and(|x| x.tags.contains(t)),
                    "tag {t} added to highlight {} kept",
                    h.id
                );
            }
        }
    }
}

fn merged_text(base: &Notebook, ours: &Notebook, theirs: &Notebook) -> (String, usize) {
    let (b, o, t) = (to_ron(base), to_ron(ours), to_ron(theirs));
    let input = |text| Input {
        text,
        path: Path::new("n.ron"),
    };
    let m = merge_texts(input(&b), input(&o), input(&t)).unwrap();
    (m.text, m.conflicts)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn everything_added_on_either_side_is_in_the_result((base, ours, theirs) in three_sides()) {
        let merged = merge(&base, &ours, &theirs).notebook;
        assert_kept(&base, &ours, &merged, Side::Ours);
        assert_kept(&base, &theirs, &merged, Side::Theirs);
    }

    #[test]
    fn the_result_always_parses_and_is_deterministic((base, ours, theirs) in three_sides()) {
        let (text, conflicts) = merged_text(&base, &ours, &theirs);
        let (back, migrated) = from_ron(&text, Path::new("merged.ron")).unwrap();
        prop_assert_eq!(migrated, None);
        prop_assert_eq!(to_ron(&back), text.clone(), "the result is in the notebook format");
        prop_assert_eq!(merged_text(&base, &ours, &theirs), (text, conflicts));
    }

    #[test]
    fn the_same_change_on_both_sides_is_that_change_byte_for_byte((base, x, _) in three_sides()) {
        let x_text = to_ron(&x);
        prop_assert_eq!(&merged_text(&base, &x, &x).0, &x_text);
        // Also without the shortcut for identical texts: merging by id gives the same.
        prop_assert_eq!(to_ron(&merge(&base, &x, &x).notebook), x_text);
    }

    #[test]
    fn an_unchanged_side_gives_the_other((base, x, _) in three_sides()) {
        let x_text = to_ron(&x);
        prop_assert_eq!(&merged_text(&base, &base, &x).0, &x_text);
        prop_assert_eq!(&merged_text(&base, &x, &base).0, &x_text);
        prop_assert_eq!(&to_ron(&merge(&base, &base, &x).notebook), &x_text);
        prop_assert_eq!(&to_ron(&merge(&base, &x, &base).notebook), &x_text);
    }

    #[test]
    fn swapping_the_sides_only_swaps_the_sides_of_the_conflicts((base, ours, theirs) in three_sides()) {
        let one = merge(&base, &ours, &theirs);
        let other = merge(&base, &theirs, &ours);
        prop_assert_eq!(one.conflicts, other.conflicts);
        prop_assert_eq!(conflicts(&one.notebook, false), conflicts(&other.notebook, true));
        // With every conflict settled for the same notebook, the two are the same.
        let a = resolved(one.notebook, Side::Ours);
        let b = resolved(other.notebook, Side::Theirs);
        prop_assert_eq!(to_ron(&a), to_ron(&b));
    }

    #[test]
    fn resolving_a_conflict_is_undone_by_its_inverse((base, ours, theirs) in three_sides(), side in prop_oneof![Just(Side::Ours), Just(Side::Theirs)]) {
        let merged = merge(&base, &ours, &theirs).notebook;
        for (path, e) in &merged.documents {
            for c in &e.conflicts {
                let changes = resolve_conflict(&merged, Some(&doc_ref(path, e)), c, side).unwrap();
                let mut nb = merged.clone();
                nb.apply_all(&changes);
                prop_assert!(!nb.doc(path).is_some_and(|e| e.conflicts.contains(c)));
                let undo: Vec<_> = changes.iter().rev().map(|c| c.inverse()).collect();
                nb.apply_all(&undo);
                prop_assert_eq!(to_ron(&nb), to_ron(&merged));
            }
        }
    }
}

fn doc(status: Option<&str>, by: &str) -> DocumentNotes {
    let mut e = DocumentNotes::new("id", "Title");
    e.status = status.map(str::to_owned);
    e.status_by = by.to_owned();
    e
}

fn with_doc(e: DocumentNotes) -> Notebook {
    let mut nb = Notebook::new("c");
    nb.documents.insert("a.txt".into(), e);
    nb
}

#[test]
fn a_status_set_differently_on_both_sides_is_one_conflict_naming_both_coders() {
    let base = with_doc(doc(Some("maybe"), "ana"));
    let ours = with_doc(doc(Some("relevant"), "ana"));
    let theirs = with_doc(doc(Some("irrelevant"), "ben"));
    let m = merge(&base, &ours, &theirs);
    assert_eq!(m.conflicts, 1);
    let e = m.notebook.doc("a.txt").unwrap();
    assert_eq!(e.status.as_deref(), Some("relevant"), "ours stays in place");
    assert_eq!(
        e.conflicts,
        [Conflict::Status {
            ours: Some("relevant".into()),
            ours_by: "ana".into(),
            theirs: Some("irrelevant".into()),
            theirs_by: "ben".into(),
        }]
    );
    let changes = resolve_conflict(
        &m.notebook,
        Some(&doc_ref("a.txt", e)),
        &e.conflicts[0],
        Side::Theirs,
    )
    .unwrap();
    let mut nb = m.notebook.clone();
    nb.apply_all(&changes);
    let e = nb.doc("a.txt").unwrap();
    assert_eq!(
        (e.status.as_deref(), e.status_by.as_str()),
        (Some("irrelevant"), "ben")
    );
    assert!(e.conflicts.is_empty());
}

#[test]
fn a_note_edited_on_one_side_and_deleted_on_the_other_is_kept_with_a_conflict() {
    let note = |text: &str| Note {
        id: "n1".into(),
        text: text.into(),
        created: "t".into(),
        by: "ana".into(),
    };
    let mut e = doc(None, "");
    e.notes.push(note("first"));
    let base = with_doc(e.clone());
    e.notes[0].text = "second".into();
    let ours = with_doc(e);
    let theirs = Notebook::new("c");
    let m = merge(&base, &ours, &theirs);
    let e = m.notebook.doc("a.txt").unwrap();
    assert_eq!(e.notes[0].text, "second");
    assert_eq!(
        e.conflicts,
        [Conflict::Note {
            id: "n1".into(),
            ours: Some("second".into()),
            theirs: None
        }]
    );
}

#[test]
fn two_coders_applying_the_same_tag_merge_without_a_conflict() {
    let tagged = |coder: &str| {
        let mut e = doc(None, "");
        e.tags = vec!["cyber".into()];
        e.tagged_by = BTreeMap::from([(coder.to_owned(), vec!["cyber".to_owned()])]);
        with_doc(e)
    };
    let m = merge(&Notebook::new("c"), &tagged("ana"), &tagged("ben"));
    assert_eq!(m.conflicts, 0);
    let e = m.notebook.doc("a.txt").unwrap();
    assert_eq!(e.taggers_of("cyber").collect::<Vec<_>>(), ["ana", "ben"]);
}

#[test]
fn a_codebook_colour_changed_on_both_sides_is_a_conflict_that_changes_only_the_colour() {
    let tag = |color: &str, description: &str| {
        let mut nb = Notebook::new("c");
        nb.codebook.push(Tag {
            name: "cyber".into(),
            color: Some(color.into()),
            key: None,
            description: description.into(),
        });
        nb
    };
    let m = merge(
        &tag("red", ""),
        &tag("blue", ""),
        &tag("green", "Cyber defence"),
    );
    assert_eq!(m.conflicts, 1);
    let merged = m.notebook.tag("cyber").unwrap().clone();
    assert_eq!(
        (merged.color.as_deref(), merged.description.as_str()),
        (Some("blue"), "Cyber defence")
    );
    let changes =
        resolve_conflict(&m.notebook, None, &m.notebook.conflicts[0], Side::Theirs).unwrap();
    let mut nb = m.notebook.clone();
    nb.apply_all(&changes);
    let t = nb.tag("cyber").unwrap();
    assert_eq!(
        (t.color.as_deref(), t.description.as_str()),
        (Some("green"), "Cyber defence")
    );
    assert!(nb.conflicts.is_empty());
}

/// The generator exercises conflicts (else the symmetry property would prove little).
#[test]
fn the_generated_merges_record_conflicts_of_every_kind() {
    use proptest::strategy::ValueTree;
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    let mut kinds = std::collections::BTreeSet::new();
    let mut with = 0;
    for _ in 0..400 {
        let (base, ours, theirs) = three_sides().new_tree(&mut runner).unwrap().current();
        let m = merge(&base, &ours, &theirs);
        with += usize::from(m.conflicts > 0);
        for (_, c) in conflicts(&m.notebook, false) {
            kinds.insert(c.split(' ').next().unwrap_or_default().to_owned());
        }
    }
    assert!(with > 40, "{with} of 400 merges had conflicts");
    assert_eq!(
        kinds.into_iter().collect::<Vec<_>>(),
        [
            "HighlightAnchor",
            "HighlightDeleted",
            "HighlightNote",
            "Note",
            "Status",
            "Tag"
        ]
    );
}
