//! A version-1 notebook (tests/fixtures/notebook-v1.ron, made on the sample corpus by the
//! dossier of before version 2 with `triage`, `tag`, `tag --quote`, `note`, `note --quote`
//! and autocode) loads, and on the first write becomes version 2 with the old file kept as
//! `.bak`, losing nothing.

mod common;

use dossier::notebook::format::{from_ron, to_ron};
use dossier::notebook::{Change, NotebookFile, SaveOutcome, Tag};
use std::path::Path;

const V1: &str = include_str!("fixtures/notebook-v1.ron");

/// Every string and number in a RON text, wherever it sits (field names too).
fn leaves(text: &str) -> Vec<String> {
    fn walk(v: &ron::Value, out: &mut Vec<String>) {
        match v {
            ron::Value::String(s) => out.push(s.clone()),
            ron::Value::Number(n) => out.push(format!("{n:?}")),
            ron::Value::Char(c) => out.push(c.to_string()),
            ron::Value::Option(Some(v)) => walk(v, out),
            ron::Value::Seq(items) => items.iter().for_each(|v| walk(v, out)),
            ron::Value::Map(map) => map.iter().for_each(|(k, v)| {
                walk(k, out);
                walk(v, out);
            }),
            _ => {}
        }
    }
    let value: ron::Value = ron::from_str(text).unwrap();
    let mut out = Vec::new();
    walk(&value, &mut out);
    out.retain(|s| s != "U32(1)" && s != "U32(2)" && s != "U8(1)" && s != "U8(2)");
    out.sort();
    out
}

#[test]
fn a_version_1_notebook_loads_with_everything_in_it() {
    let (nb, migrated) = from_ron(V1, Path::new("notebook-v1.ron")).unwrap();
    assert_eq!(migrated, Some(1));
    assert_eq!(nb.version, 2);
    let news = nb.doc("000_bd0411fb3b74ac0c.txt").unwrap();
    assert_eq!(news.status.as_deref(), Some("relevant"));
    assert_eq!(news.tags, ["cyber", "policy/defence"]);
    assert_eq!(news.notes[0].text, "Check the COO date.");
    assert_eq!(news.highlights.len(), 3);
    assert_eq!(
        news.highlights[0].note.as_deref(),
        Some("Set up in 2018?"),
        "the note on a quote"
    );
    let presser = nb.doc("002_cbbf25972822090a.txt").unwrap();
    assert_eq!(presser.status.as_deref(), Some("maybe"));
    assert_eq!(presser.highlights[0].tags, ["hybrid", "threats"]);
    assert_eq!(nb.codebook.len(), 6);
    // Version 1 never said who made anything: no coder is made up.
    assert!(news.status_by.is_empty() && news.tagged_by.is_empty());
    assert!(news.highlights.iter().all(|h| h.by.is_empty()));
}

#[test]
fn the_migrated_text_keeps_every_value_of_the_old_one() {
    let (nb, _) = from_ron(V1, Path::new("notebook-v1.ron")).unwrap();
    let v2 = to_ron(&nb);
    assert!(v2.starts_with("Notebook(\n    version: 2,\n"), "{v2}");
    assert_eq!(leaves(&v2), leaves(V1));
}

#[test]
fn the_first_write_migrates_and_keeps_the_old_file_as_bak() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("notes.ron");
    std::fs::write(&path, V1).unwrap();
    let (mut file, mut nb) = NotebookFile::open(&path, "sample").unwrap();
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        V1,
        "opening writes nothing"
    );
    nb.apply(&Change::AddTag(Tag::named("new")));
    assert_eq!(file.save(&nb).unwrap(), SaveOutcome::Written);
    assert_eq!(
        std::fs::read_to_string(dir.path().join("notes.ron.bak")).unwrap(),
        V1
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("notes.ron.v1.bak")).unwrap(),
        V1
    );
    let written = std::fs::read_to_string(&path).unwrap();
    let (back, migrated) = from_ron(&written, &path).unwrap();
    assert_eq!(migrated, None, "the file is version 2 now");
    assert_eq!(back, nb);
    let mut old = leaves(V1);
    // The new codebook entry: its field name and its value.
    old.extend(["name".to_owned(), "new".to_owned()]);
    old.sort();
    let now = leaves(&written);
    let lost: Vec<&String> = old.iter().filter(|v| !now.contains(v)).collect();
    let extra: Vec<&String> = now.iter().filter(|v| !old.contains(v)).collect();
    assert_eq!(
        (lost, extra),
        (vec![], vec![]),
        "nothing lost, one tag added"
    );
    assert_eq!(now, old);
}

#[test]
fn a_command_on_a_version_1_notebook_migrates_it_and_records_the_coder() {
    let home = tempfile::tempdir().unwrap();
    let path = home.path().join("notes.ron");
    std::fs::write(&path, V1).unwrap();
    let config = home.path().join("config.ron");
    std::fs::write(&config, "Config(coder: Some(\"ana\"))").unwrap();
    common::stdout(
        common::dossier_in(home.path())
            .args(["--config", config.to_str().unwrap(), "--notebook"])
            .arg(&path)
            .args(["tag", "16ec", "--tag", "nato"]),
    );
    assert_eq!(
        std::fs::read_to_string(home.path().join("notes.ron.bak")).unwrap(),
        V1
    );
    let written = std::fs::read_to_string(&path).unwrap();
    let (nb, migrated) = from_ron(&written, &path).unwrap();
    assert_eq!(migrated, None);
    let presser = nb.doc("002_cbbf25972822090a.txt").unwrap();
    assert_eq!(presser.tags, ["hybrid", "nato"]);
    assert_eq!(presser.taggers_of("nato").collect::<Vec<_>>(), ["ana"]);
    assert_eq!(
        presser.taggers_of("hybrid").count(),
        0,
        "old tags stay unattributed"
    );
    let mut now = leaves(&written);
    for value in leaves(V1) {
        let i = now.iter().position(|v| *v == value);
        assert!(i.is_some(), "{value:?} was lost");
        now.remove(i.unwrap_or_default());
    }
}
