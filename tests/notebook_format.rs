//! The notebook's RON file: any notebook comes back identical from its text and from its
//! file, the same notebook always gives the same bytes, and the format stays as recorded.

use dossier::notebook::format::{from_ron, to_ron};
use dossier::notebook::model::{VERSION, sort_highlights};
use dossier::notebook::{
    Anchor, AnchorState, Conflict, DocumentNotes, Highlight, Note, Notebook, NotebookFile,
    SaveOutcome, Side, Tag, TaggedBy,
};
use proptest::prelude::*;
use std::path::Path;

/// Strings full of what could break RON: quotes, backslashes, raw-string openers,
/// brackets, newlines, controls and any Unicode.
fn tricky() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[\"\\\\)(r#,:{}\\[\\]' \n\t\r\u{0}\u{1b}\u{301}aé🎉/]{0,24}",
        Just("r#\"raw\"#".to_owned()),
        Just("\\u{41}\\n".to_owned()),
    ]
}

fn tag() -> impl Strategy<Value = Tag> {
    (
        tricky(),
        proptest::option::of(tricky()),
        proptest::option::of(any::<char>()),
        tricky(),
    )
        .prop_map(|(name, color, key, description)| Tag {
            name,
            color,
            key,
            description,
        })
}

/// A coder's name: often none (not recorded), sometimes anything at all.
fn coder() -> impl Strategy<Value = String> {
    prop_oneof![Just(String::new()), Just("ana".to_owned()), tricky()]
}

fn anchor() -> impl Strategy<Value = Anchor> {
    (
        any::<usize>(),
        any::<usize>(),
        (tricky(), tricky(), tricky()),
    )
        .prop_map(|(start, end, (quote, prefix, suffix))| Anchor {
            start,
            end,
            quote,
            prefix,
            suffix,
        })
}

fn highlight() -> impl Strategy<Value = Highlight> {
    (
        tricky(),
        prop::collection::vec(tricky(), 0..4),
        proptest::option::of(tricky()),
        coder(),
        anchor(),
    )
        .prop_map(|(id, tags, note, by, anchor)| Highlight {
            id,
            tags,
            note,
            created: "2026-01-02T03:04:05Z".into(),
            by,
            anchor,
            state: AnchorState::Ok,
        })
}

fn side() -> impl Strategy<Value = Side> {
    prop_oneof![Just(Side::Ours), Just(Side::Theirs)]
}

fn conflict() -> impl Strategy<Value = Conflict> {
    let text = || proptest::option::of(tricky());
    prop_oneof![
        (text(), coder(), text(), coder()).prop_map(|(ours, ours_by, theirs, theirs_by)| {
            Conflict::Status {
                ours,
                ours_by,
                theirs,
                theirs_by,
            }
        }),
        (tricky(), text(), text()).prop_map(|(id, ours, theirs)| Conflict::Note {
            id,
            ours,
            theirs
        }),
        (tricky(), text(), text()).prop_map(|(id, ours, theirs)| Conflict::HighlightNote {
            id,
            ours,
            theirs
        }),
        (tricky(), anchor(), anchor())
            .prop_map(|(id, ours, theirs)| { Conflict::HighlightAnchor { id, ours, theirs } }),
        (tricky(), side())
            .prop_map(|(id, deleted_in)| Conflict::HighlightDeleted { id, deleted_in }),
        (
            tricky(),
            proptest::option::of(tag()),
            proptest::option::of(tag())
        )
            .prop_map(|(name, ours, theirs)| Conflict::Tag { name, ours, theirs }),
    ]
}

fn entry() -> impl Strategy<Value = DocumentNotes> {
    (
        (tricky(), tricky()),
        (proptest::option::of(tricky()), coder()),
        prop::collection::vec(tricky(), 0..4),
        prop::collection::btree_map(coder(), prop::collection::vec(tricky(), 0..3), 0..3),
        prop::collection::vec((tricky(), tricky(), coder()), 0..3),
        prop::collection::vec(highlight(), 0..4),
        prop::collection::vec(conflict(), 0..3),
    )
        .prop_map(
            |((id, title), (status, status_by), tags, tagged_by, notes, highlights, conflicts)| {
                DocumentNotes {
                    id,
                    title,
                    status,
                    status_by,
                    tags,
                    tagged_by: TaggedBy::from_iter(tagged_by),
                    notes: notes
                        .into_iter()
                        .map(|(id, text, by)| Note {
                            id,
                            text,
                            created: "2026-01-02T03:04:05Z".into(),
                            by,
                        })
                        .collect(),
                    highlights,
                    conflicts,
                }
            },
        )
}

fn notebook() -> impl Strategy<Value = Notebook> {
    (
        tricky(),
        prop::collection::vec(tag(), 0..5),
        prop::collection::btree_map(tricky(), entry(), 0..5),
        prop::collection::vec(conflict(), 0..2),
    )
        .prop_map(|(corpus, codebook, documents, conflicts)| Notebook {
            version: VERSION,
            corpus,
            codebook,
            documents: documents.into_iter().collect(),
            conflicts,
        })
}

/// What a notebook looks like once written: sorted, without empty entries.
fn normalized(mut nb: Notebook) -> Notebook {
    nb.codebook.sort_by(|a, b| a.name.cmp(&b.name));
    nb.documents = nb
        .documents
        .into_iter()
        .filter(|(_, d)| !d.is_empty())
        .collect();
    nb.each_entry_mut(|_, d| sort_highlights(&mut d.highlights));
    nb
}

/// What `ron`'s pretty printer makes of a notebook, with the settings the format uses.
fn ron_pretty(nb: &Notebook) -> String {
    let config = ron::ser::PrettyConfig::new()
        .struct_names(true)
        .indentor("    ")
        .new_line("\n");
    ron::ser::to_string_pretty(nb, config).unwrap() + "\n"
}

proptest! {
    #[test]
    fn a_notebook_comes_back_identical_from_its_text(nb in notebook()) {
        let text = to_ron(&nb);
        prop_assert_eq!(&text, &ron_pretty(&normalized(nb.clone())), "the same text as ron's own printer");
        let (back, migrated) = from_ron(&text, Path::new("n.ron")).unwrap();
        prop_assert_eq!(migrated, None);
        prop_assert_eq!(&back, &normalized(nb));
        prop_assert_eq!(to_ron(&back), text, "a second save changes nothing");
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]
    #[test]
    fn a_notebook_comes_back_identical_from_its_file(nb in notebook()) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("n.ron");
        let (mut file, _) = NotebookFile::open(&path, "c").unwrap();
        file.save(&nb).unwrap();
        let bytes = std::fs::read(&path).ok();
        prop_assert_eq!(file.save(&nb).unwrap(), SaveOutcome::Unchanged);
        drop(file);
        let (mut file, back) = NotebookFile::open(&path, "c").unwrap();
        let expected = if path.exists() { normalized(nb) } else { Notebook::new("c") };
        prop_assert_eq!(&back, &expected);
        prop_assert_eq!(file.save(&back).unwrap(), SaveOutcome::Unchanged);
        prop_assert_eq!(std::fs::read(&path).ok(), bytes);
    }
}

#[test]
fn the_format_is_as_recorded() {
    let text = "Line one.\nThe ministers agreed to raise defence spending.\n";
    let mut nb = Notebook::new("nato-statements");
    nb.codebook = vec![
        Tag {
            name: "cyber".into(),
            color: Some("cyan".into()),
            key: Some('c'),
            description: "Cyber defence".into(),
        },
        Tag::named("budget"),
    ];
    let mut entry = DocumentNotes::new("b3f3f1d77ac24780", "Annual Report");
    entry.status = Some("relevant".into());
    entry.status_by = "ana".into();
    entry.tags = vec!["cyber".into(), "policy".into()];
    entry.tagged_by = [
        (
            "ana".to_owned(),
            vec!["cyber".to_owned(), "policy".to_owned()],
        ),
        ("ben".to_owned(), vec!["cyber".to_owned()]),
    ]
    .into();
    entry.notes.push(Note {
        id: "01JD0000000000".into(),
        text: "Check the date.\nAnd the \"quote\".".into(),
        created: "2026-11-23T18:02:11Z".into(),
        by: "ana".into(),
    });
    entry.highlights.push(Highlight {
        id: "01JD0000000001".into(),
        tags: vec!["budget".into()],
        note: None,
        created: "2026-11-23T18:02:11Z".into(),
        by: "ben".into(),
        anchor: Anchor::of(text, 24, 56).unwrap(),
        state: AnchorState::Ok,
    });
    entry.conflicts.push(Conflict::Status {
        ours: Some("relevant".into()),
        ours_by: "ana".into(),
        theirs: Some("maybe".into()),
        theirs_by: "ben".into(),
    });
    nb.documents.insert("000_a.txt".into(), entry);
    nb.documents
        .insert("001_empty.txt".into(), DocumentNotes::new("00", "Nothing"));
    insta::assert_snapshot!(to_ron(&nb));
}
