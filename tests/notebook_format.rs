//! The notebook's RON file: any notebook comes back identical from its text and from its
//! file, the same notebook always gives the same bytes, and the format stays as recorded.

use dossier::notebook::format::{from_ron, to_ron};
use dossier::notebook::model::{VERSION, sort_highlights};
use dossier::notebook::{
    Anchor, AnchorState, DocumentNotes, Highlight, Note, Notebook, NotebookFile, SaveOutcome, Tag,
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

fn highlight() -> impl Strategy<Value = Highlight> {
    (
        tricky(),
        prop::collection::vec(tricky(), 0..4),
        proptest::option::of(tricky()),
        any::<usize>(),
        any::<usize>(),
        (tricky(), tricky(), tricky()),
    )
        .prop_map(
            |(id, tags, note, start, end, (quote, prefix, suffix))| Highlight {
                id,
                tags,
                note,
                created: "2026-01-02T03:04:05Z".into(),
                anchor: Anchor {
                    start,
                    end,
                    quote,
                    prefix,
                    suffix,
                },
                state: AnchorState::Ok,
            },
        )
}

fn entry() -> impl Strategy<Value = DocumentNotes> {
    (
        (tricky(), tricky()),
        proptest::option::of(tricky()),
        prop::collection::vec(tricky(), 0..4),
        prop::collection::vec((tricky(), tricky()), 0..3),
        prop::collection::vec(highlight(), 0..4),
    )
        .prop_map(
            |((id, title), status, tags, notes, highlights)| DocumentNotes {
                id,
                title,
                status,
                tags,
                notes: notes
                    .into_iter()
                    .map(|(id, text)| Note {
                        id,
                        text,
                        created: "2026-01-02T03:04:05Z".into(),
                    })
                    .collect(),
                highlights,
            },
        )
}

fn notebook() -> impl Strategy<Value = Notebook> {
    (
        tricky(),
        prop::collection::vec(tag(), 0..5),
        prop::collection::btree_map(tricky(), entry(), 0..5),
    )
        .prop_map(|(corpus, codebook, documents)| Notebook {
            version: VERSION,
            corpus,
            codebook,
            documents,
        })
}

/// What a notebook looks like once written: sorted, without empty entries.
fn normalized(mut nb: Notebook) -> Notebook {
    nb.codebook.sort_by(|a, b| a.name.cmp(&b.name));
    nb.documents.retain(|_, d| !d.is_empty());
    for d in nb.documents.values_mut() {
        sort_highlights(&mut d.highlights);
    }
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
    entry.tags = vec!["cyber".into()];
    entry.notes.push(Note {
        id: "01JD0000000000".into(),
        text: "Check the date.\nAnd the \"quote\".".into(),
        created: "2026-11-23T18:02:11Z".into(),
    });
    entry.highlights.push(Highlight {
        id: "01JD0000000001".into(),
        tags: vec!["budget".into()],
        note: None,
        created: "2026-11-23T18:02:11Z".into(),
        anchor: Anchor::of(text, 24, 56).unwrap(),
        state: AnchorState::Ok,
    });
    nb.documents.insert("000_a.txt".into(), entry);
    nb.documents
        .insert("001_empty.txt".into(), DocumentNotes::new("00", "Nothing"));
    insta::assert_snapshot!(to_ron(&nb));
}
