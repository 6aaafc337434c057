//! `dossier agree`: the SPEC's worked example and the NVivo manual's example to three
//! decimals, the edge cases (one coder coding nothing, both coding everything, overlapping
//! highlights), the JSON shape, CSV, units, one notebook with two coders, the list of
//! disagreements, and bad input.

mod common;

use common::{dossier_in, stdout};
use dossier::notebook::format::to_ron;
use dossier::notebook::{Anchor, AnchorState, DocumentNotes, Highlight, Notebook};
use serde_json::Value;
use std::ops::Range;
use std::path::{Path, PathBuf};

/// A folder with one document of exactly `chars` characters, and its text.
fn corpus(home: &Path, chars: usize) -> (PathBuf, String) {
    let dir = home.join("corpus");
    std::fs::create_dir_all(&dir).unwrap();
    // Never ending in a space, which reading the file would trim.
    let text: String = "The ministers met in Brussels. They agreed on a plan. "
        .chars()
        .cycle()
        .take(chars - 1)
        .chain(['.'])
        .collect();
    std::fs::write(dir.join("doc.txt"), &text).unwrap();
    (dir, text)
}

/// A notebook of corpus `corpus` whose highlights (each `(range, tag, coder)`) are on
/// doc.txt.
fn notebook(corpus: &str, text: &str, highlights: &[(Range<usize>, &str, &str)]) -> Notebook {
    let mut nb = Notebook::new(corpus);
    let mut e = DocumentNotes::new("id", "title");
    for (i, (range, tag, by)) in highlights.iter().enumerate() {
        e.highlights.push(Highlight {
            id: format!("H{i}"),
            tags: vec![(*tag).to_owned()],
            note: None,
            created: "2026-01-01T00:00:00Z".into(),
            by: (*by).to_owned(),
            anchor: Anchor::of(text, range.start, range.end).unwrap(),
            state: AnchorState::Ok,
        });
    }
    if e.highlights.is_empty() {
        e.status = Some("relevant".into());
    }
    nb.documents.insert("doc.txt".into(), e);
    nb
}

fn save(home: &Path, name: &str, nb: &Notebook) -> PathBuf {
    let path = home.join(name);
    std::fs::write(&path, to_ron(nb)).unwrap();
    path
}

/// `dossier agree` on A and B with `args`; its stdout.
fn agree(home: &Path, corpus: &Path, a: &Path, b: &Path, args: &[&str]) -> String {
    stdout(
        dossier_in(home)
            .arg("agree")
            .arg("-C")
            .arg(corpus)
            .args([a, b])
            .args(args),
    )
}

fn json_rows(out: &str) -> Vec<Value> {
    out.lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

fn three(v: &Value) -> String {
    format!("{:.3}", v.as_f64().unwrap())
}

/// Coders A and B of one document of `chars` characters, each with these spans of tag t.
fn two_coders(
    chars: usize,
    a: &[(usize, usize)],
    b: &[(usize, usize)],
) -> (tempfile::TempDir, PathBuf, PathBuf, PathBuf) {
    let home = tempfile::tempdir().unwrap();
    let (dir, text) = corpus(home.path(), chars);
    let spans = |s: &[(usize, usize)]| -> Vec<(Range<usize>, &'static str, &'static str)> {
        s.iter().map(|&(a, b)| (a..b, "t", "")).collect()
    };
    let na = save(home.path(), "a.ron", &notebook("study", &text, &spans(a)));
    let nb = save(home.path(), "b.ron", &notebook("study", &text, &spans(b)));
    (home, dir, na, nb)
}

#[test]
fn the_worked_example_gives_80_percent_kappa_0_375_and_alpha_0_378() {
    let (home, dir, a, b) = two_coders(100, &[(0, 20)], &[(10, 30)]);
    let rows = json_rows(&agree(home.path(), &dir, &a, &b, &["--format", "json"]));
    assert_eq!(rows.len(), 2, "the tag, then all tags together");
    let t = &rows[0];
    let keys: Vec<&str> = t.as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(
        keys,
        [
            "tag",
            "unit",
            "units",
            "a",
            "b",
            "both",
            "neither",
            "agreement",
            "kappa",
            "alpha"
        ]
    );
    assert_eq!(t["tag"], "t");
    assert_eq!(t["unit"], "character");
    assert_eq!(
        (&t["units"], &t["a"], &t["b"], &t["both"], &t["neither"]),
        (
            &Value::from(100),
            &Value::from(20),
            &Value::from(20),
            &Value::from(10),
            &Value::from(70)
        )
    );
    assert_eq!(t["agreement"], 0.8);
    assert_eq!(three(&t["kappa"]), "0.375");
    assert_eq!(three(&t["alpha"]), "0.378");
    assert_eq!(rows[1]["tag"], Value::Null);
    assert_eq!(rows[1]["kappa"], t["kappa"]);

    let table = agree(home.path(), &dir, &a, &b, &[]);
    let row = table.lines().find(|l| l.starts_with("t ")).unwrap();
    assert!(
        row.contains("80.0%") && row.contains("0.375") && row.contains("0.378"),
        "{table}"
    );
}

#[test]
fn the_nvivo_example_gives_85_percent_and_kappa_0_314() {
    // 1,000 characters: 50 coded by both, 75 by each alone, 800 by neither.
    let (home, dir, a, b) = two_coders(1000, &[(0, 125)], &[(75, 200)]);
    let rows = json_rows(&agree(home.path(), &dir, &a, &b, &["--format", "json"]));
    let t = &rows[0];
    assert_eq!(
        (&t["both"], &t["neither"]),
        (&Value::from(50), &Value::from(800))
    );
    assert_eq!(t["agreement"], 0.85);
    assert_eq!(three(&t["kappa"]), "0.314");
}

#[test]
fn one_coder_coding_nothing_gives_kappa_zero() {
    let (home, dir, a, b) = two_coders(100, &[(0, 30)], &[]);
    let rows = json_rows(&agree(
        home.path(),
        &dir,
        &a,
        &b,
        &["--format", "json", "--tag", "t"],
    ));
    let t = &rows[0];
    assert_eq!((&t["a"], &t["b"]), (&Value::from(30), &Value::from(0)));
    assert_eq!(t["agreement"], 0.7);
    assert_eq!(t["kappa"], 0.0);
}

#[test]
fn both_coding_everything_leaves_kappa_undefined_and_says_so() {
    let (home, dir, a, b) = two_coders(100, &[(0, 100)], &[(0, 100)]);
    let out = agree(home.path(), &dir, &a, &b, &["--format", "json"]);
    assert!(!out.contains("NaN"), "{out}");
    let t = &json_rows(&out)[0];
    assert_eq!(t["agreement"], 1.0);
    assert_eq!((&t["kappa"], &t["alpha"]), (&Value::Null, &Value::Null));
    let table = agree(home.path(), &dir, &a, &b, &[]);
    assert!(
        table.contains("t: kappa and alpha undefined: both coders coded every unit"),
        "{table}"
    );
    assert!(!table.contains("NaN"));
    let csv = agree(home.path(), &dir, &a, &b, &["--format", "csv"]);
    assert!(csv.lines().nth(1).unwrap().ends_with(",1,,"), "{csv}");
}

#[test]
fn overlapping_highlights_of_one_coder_are_counted_once() {
    let (home, dir, a, b) = two_coders(100, &[(0, 20), (5, 15), (10, 20)], &[(10, 30)]);
    let t = &json_rows(&agree(home.path(), &dir, &a, &b, &["--format", "json"]))[0];
    assert_eq!((&t["a"], &t["both"]), (&Value::from(20), &Value::from(10)));
    assert_eq!(three(&t["kappa"]), "0.375");
}

#[test]
fn a_tag_neither_used_has_zero_counts() {
    let (home, dir, a, b) = two_coders(100, &[(0, 20)], &[(10, 30)]);
    let rows = json_rows(&agree(
        home.path(),
        &dir,
        &a,
        &b,
        &["--format", "json", "--tag", "nope"],
    ));
    let t = &rows[0];
    assert_eq!(t["tag"], "nope");
    assert_eq!(
        (&t["units"], &t["a"], &t["b"], &t["both"], &t["neither"]),
        (
            &Value::from(100),
            &Value::from(0),
            &Value::from(0),
            &Value::from(0),
            &Value::from(100)
        )
    );
    assert_eq!(
        (&t["agreement"], &t["kappa"]),
        (&Value::from(1.0), &Value::Null)
    );
}

#[test]
fn two_coders_of_one_notebook_are_compared_with_coders() {
    let home = tempfile::tempdir().unwrap();
    let (dir, text) = corpus(home.path(), 100);
    let nb = notebook(
        "study",
        &text,
        &[
            (0..20, "t", "ana"),
            (10..30, "t", "ben"),
            (50..60, "t", "cy"),
        ],
    );
    let path = save(home.path(), "team.ron", &nb);
    let out = stdout(
        dossier_in(home.path())
            .args(["agree", "-C"])
            .arg(&dir)
            .arg("--notebook")
            .arg(&path)
            .args(["--coders", "ana,ben", "--format", "json"]),
    );
    let t = &json_rows(&out)[0];
    assert_eq!(
        (&t["a"], &t["b"], &t["both"]),
        (&Value::from(20), &Value::from(20), &Value::from(10))
    );
    assert_eq!(three(&t["alpha"]), "0.378");
}

#[test]
fn disagreements_list_each_stretch_with_its_quote_and_who_coded_it() {
    let (home, dir, a, b) = two_coders(100, &[(0, 20)], &[(10, 30)]);
    let out = agree(
        home.path(),
        &dir,
        &a,
        &b,
        &["--disagreements", "--format", "json"],
    );
    let rows = json_rows(&out);
    assert_eq!(rows.len(), 2);
    assert_eq!(
        (&rows[0]["start"], &rows[0]["end"]),
        (&Value::from(0), &Value::from(10))
    );
    assert_eq!(
        (&rows[0]["a"], &rows[0]["b"]),
        (&Value::from(true), &Value::from(false))
    );
    assert_eq!(rows[0]["quote"], "The minist");
    assert_eq!(rows[1]["document"], "doc.txt");
    let table = agree(home.path(), &dir, &a, &b, &["--disagreements"]);
    assert!(table.contains("doc.txt  20..30  t:"), "{table}");
    assert!(table.contains("2 disagreements"), "{table}");
}

#[test]
fn sentences_and_documents_are_units_too() {
    // Sentences of 30 and 24 characters, repeated: A touches the first, B the second.
    let (home, dir, a, b) = two_coders(100, &[(0, 5)], &[(40, 45)]);
    let s = &json_rows(&agree(
        home.path(),
        &dir,
        &a,
        &b,
        &["--format", "json", "--unit", "sentence"],
    ))[0];
    assert_eq!(s["unit"], "sentence");
    assert_eq!(
        (&s["units"], &s["a"], &s["b"], &s["both"]),
        (
            &Value::from(4),
            &Value::from(1),
            &Value::from(1),
            &Value::from(0)
        )
    );
    let d = &json_rows(&agree(
        home.path(),
        &dir,
        &a,
        &b,
        &["--format", "json", "--unit", "document"],
    ))[0];
    assert_eq!(
        (&d["units"], &d["both"]),
        (&Value::from(1), &Value::from(1))
    );
}

#[test]
fn notebooks_of_different_corpora_are_refused() {
    let home = tempfile::tempdir().unwrap();
    let (dir, text) = corpus(home.path(), 100);
    let a = save(
        home.path(),
        "a.ron",
        &notebook("study", &text, &[(0..20, "t", "")]),
    );
    let b = save(
        home.path(),
        "b.ron",
        &notebook("other", &text, &[(0..20, "t", "")]),
    );
    let out = dossier_in(home.path())
        .args(["agree", "-C"])
        .arg(&dir)
        .args([&a, &b])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("a.ron")
            && err.contains("\"study\"")
            && err.contains("b.ron")
            && err.contains("\"other\""),
        "{err}"
    );
    assert_eq!(err.lines().count(), 1);
}

#[test]
fn one_notebook_without_coders_is_a_usage_mistake() {
    let (home, dir, a, _) = two_coders(100, &[(0, 20)], &[(10, 30)]);
    let out = dossier_in(home.path())
        .args(["agree", "-C"])
        .arg(&dir)
        .arg(&a)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--coders"));
}
