//! `dossier tag --query Q --scope S --tag T`: autocode from the command line.

mod common;

use assert_cmd::Command;

fn dossier(home: &std::path::Path) -> Command {
    common::dossier_in(home)
}

#[test]
fn autocode_tags_each_sentence_once_and_reports_counts() {
    let home = tempfile::tempdir().unwrap();
    let nb = home.path().join("nb.ron");
    let run = |home: &std::path::Path| {
        let mut out = dossier(home);
        out.args([
            "tag",
            "--query",
            "\"hybrid threats\"",
            "--scope",
            "sentence",
            "--tag",
            "hybrid",
            "--notebook",
        ])
        .arg(&nb);
        common::stdout(&mut out)
    };
    assert_eq!(
        run(home.path()),
        "autocode hybrid: 5 highlights made, 0 highlights extended, in 1 document (new in the codebook: hybrid)\n"
    );
    assert_eq!(
        run(home.path()),
        "autocode hybrid: 0 highlights made, 0 highlights extended, in 0 documents\n"
    );
    let conf = common::listed(home.path(), &nb, "002_cbbf25972822090a.txt");
    let quotes: Vec<&str> = conf["highlights"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["quote"].as_str().unwrap())
        .collect();
    assert_eq!(quotes.len(), 5);
    assert!(
        quotes
            .iter()
            .all(|q| q.to_lowercase().contains("hybrid threats") && !q.contains('\n'))
    );
    assert_eq!(
        quotes[0],
        "We reviewed what we are doing to counter hybrid threats."
    );
}

#[test]
fn autocode_needs_a_scope_and_a_phrase() {
    let home = tempfile::tempdir().unwrap();
    let out = dossier(home.path())
        .args(["tag", "--query", "\"x\"", "--tag", "t"])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(2),
        "--scope is required with --query"
    );
    let out = dossier(home.path())
        .args([
            "tag",
            "--query",
            "kind:speech",
            "--scope",
            "sentence",
            "--tag",
            "t",
            "--notebook",
        ])
        .arg(home.path().join("nb.ron"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("needs a phrase"));
}
