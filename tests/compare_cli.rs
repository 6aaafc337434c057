//! `dossier --compare OTHER.ron`: a notebook to compare with that cannot be used is one line
//! naming the file and exit code 1, before any screen opens; the analyst's own notebook is
//! not touched.

mod common;

use std::fs;

/// The error line and exit code of `dossier --compare <other>` on the sample corpus.
fn refused(other: &std::path::Path) -> String {
    let home = tempfile::tempdir().unwrap();
    let mine = home.path().join("mine.ron");
    let out = common::dossier_in(home.path())
        .arg("--notebook")
        .arg(&mine)
        .arg("--compare")
        .arg(other)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    assert!(!mine.exists(), "my notebook is not written");
    assert!(out.stdout.is_empty(), "nothing listed: {out:?}");
    let stderr = String::from_utf8(out.stderr).unwrap();
    let errors: Vec<&str> = stderr
        .lines()
        .filter(|l| l.starts_with("dossier: ") && !l.contains("not a terminal"))
        .collect();
    assert_eq!(errors.len(), 1, "{stderr}");
    errors[0].to_owned()
}

#[test]
fn a_missing_notebook_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let other = dir.path().join("ben.ron");
    let line = refused(&other);
    assert_eq!(
        line,
        format!(
            "dossier: {}: no such notebook to compare with",
            other.display()
        )
    );
}

#[test]
fn a_corrupt_notebook_is_named_with_its_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let other = dir.path().join("ben.ron");
    fs::write(
        &other,
        "Notebook(\n  version: 2,\n  corpus: \"sample\",\n  oops\n",
    )
    .unwrap();
    let line = refused(&other);
    let prefix = format!("dossier: {}:4:", other.display());
    assert!(line.starts_with(&prefix), "{line}");
    assert!(
        fs::read_to_string(&other).unwrap().contains("oops"),
        "left as it was"
    );
}

#[test]
fn a_notebook_of_another_corpus_is_refused_clearly() {
    let dir = tempfile::tempdir().unwrap();
    let other = dir.path().join("ben.ron");
    fs::write(
        &other,
        "Notebook(version: 2, corpus: \"speeches\", codebook: [], documents: {})\n",
    )
    .unwrap();
    let line = refused(&other);
    assert_eq!(
        line,
        format!(
            "dossier: {}: a notebook of corpus \"speeches\", not of \"sample\"; compare needs two codings of the same documents",
            other.display()
        )
    );
}

#[test]
fn a_notebook_of_the_same_corpus_is_accepted() {
    let home = tempfile::tempdir().unwrap();
    let other = home.path().join("ben.ron");
    fs::write(
        &other,
        "Notebook(version: 2, corpus: \"sample\", codebook: [], documents: {})\n",
    )
    .unwrap();
    // Without a terminal dossier lists the corpus instead of opening the screen.
    let out = common::dossier_in(home.path())
        .arg("--notebook")
        .arg(home.path().join("mine.ron"))
        .arg("--compare")
        .arg(&other)
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    assert!(String::from_utf8_lossy(&out.stdout).contains("NATO"));
}
