//! `dossier describe` (SPEC §10) and warnings that do not flood: documents by format, each
//! field's count by source, extra fields with examples, every warning by kind; the other
//! verbs print one line per kind of warning, `-v` one per warning, `check` each.

mod common;

use common::{dossier_in, stdout};
use std::path::{Path, PathBuf};

/// A corpus of a dataset with extra columns, a good text file, and files with problems:
/// `controls` with control characters, one binary file.
fn corpus(controls: usize) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    std::fs::create_dir_all(&corpus).unwrap();
    let mut csv = String::from("id,speaker,party,text\n");
    for (id, speaker, party) in [("a", "Ann", "Labour"), ("b", "Bob", "Green")] {
        let text = format!("The speech of {speaker} for the {party} party, at length. ").repeat(5);
        csv.push_str(&format!("{id},{speaker},{party},\"{text}\"\n"));
    }
    std::fs::write(corpus.join("speeches.csv"), csv).unwrap();
    std::fs::write(
        corpus.join("2019-03-14 statement.txt"),
        "A statement\n\nText.\n",
    )
    .unwrap();
    for i in 0..controls {
        std::fs::write(corpus.join(format!("ctl{i:03}.txt")), "Bad \x1b[31m\n").unwrap();
    }
    std::fs::write(corpus.join("binary.txt"), b"\x00\x01").unwrap();
    dir
}

fn cmd(dir: &Path) -> assert_cmd::Command {
    let mut cmd = dossier_in(dir);
    cmd.arg("-C").arg(corpus_of(dir));
    cmd
}

fn corpus_of(dir: &Path) -> PathBuf {
    dir.join("corpus")
}

fn stderr_of(cmd: &mut assert_cmd::Command) -> String {
    let out = cmd.output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stderr).unwrap()
}

#[test]
fn describe_counts_formats_fields_by_source_and_lists_every_warning() {
    let dir = corpus(2);
    let out = stdout(cmd(dir.path()).arg("describe"));
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines[0], "corpus corpus: 5 documents", "{out}");
    assert_eq!(lines[1], "formats: text 3, csv 2");
    let row = |name: &str| {
        lines
            .iter()
            .find(|l| l.split_whitespace().next() == Some(name))
            .unwrap_or_else(|| panic!("no {name}: {out}"))
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    };
    assert_eq!(row("date"), "date 1 path 1");
    assert_eq!(row("speaker"), "speaker 2 table 2");
    assert_eq!(row("party"), "party 2 table 2 e.g. Labour, Green");
    assert!(out.contains("\ntables: none joined\n"), "{out}");
    assert!(
        out.contains("\n  2 files had control characters removed\n"),
        "{out}"
    );
    assert!(
        out.contains("ctl000.txt: 1 control character removed\n"),
        "{out}"
    );
    assert!(
        out.contains("ctl001.txt: 1 control character removed\n"),
        "{out}"
    );
    assert!(out.contains("\n  1 binary file was skipped\n"), "{out}");
    // The report lists the warnings itself: none are summarized on stderr.
    assert_eq!(stderr_of(cmd(dir.path()).arg("describe")), "");
}

#[test]
fn describe_as_json_is_one_object_with_named_fields() {
    let dir = corpus(1);
    let out = stdout(cmd(dir.path()).args(["describe", "--format", "json"]));
    assert_eq!(out.lines().count(), 1);
    let d: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(d["documents"], 4);
    assert_eq!(d["formats"][0]["format"], "csv");
    assert_eq!(d["formats"][0]["documents"], 2);
    let party = d["fields"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["name"] == "party")
        .unwrap();
    assert_eq!(party["extra"], true);
    assert_eq!(party["documents"], 2);
    assert_eq!(party["sources"]["table"], 2);
    assert_eq!(party["examples"], serde_json::json!(["Labour", "Green"]));
    assert_eq!(d["tables"], serde_json::json!([]));
    let kinds: Vec<&str> = d["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["binary", "control-characters"]);
}

#[test]
fn verbs_print_one_line_per_kind_of_warning() {
    let dir = corpus(30);
    for args in [
        &["list"][..],
        &["list", "--count"],
        &["export"],
        &["tags"],
        &["stats", "tags"],
    ] {
        let stderr = stderr_of(cmd(dir.path()).args(args));
        let warnings: Vec<&str> = stderr
            .lines()
            .filter(|l| l.starts_with("warning:"))
            .collect();
        assert_eq!(
            warnings,
            [
                "warning: 1 binary file was skipped; dossier check lists it",
                "warning: 30 files had control characters removed; dossier check lists them",
            ],
            "{args:?}: {stderr}"
        );
    }
    let stderr = stderr_of(cmd(dir.path()).args(["show", "speeches.csv#a"]));
    assert_eq!(stderr.lines().count(), 2, "{stderr}");
    let stderr =
        stderr_of(cmd(dir.path()).args(["triage", "speeches.csv#a", "--status", "relevant"]));
    assert!(
        stderr.contains("30 files had control characters removed"),
        "{stderr}"
    );
}

#[test]
fn verbose_lists_each_warning_and_check_always_does() {
    let dir = corpus(30);
    let stderr = stderr_of(cmd(dir.path()).args(["list", "-v"]));
    let warnings: Vec<&str> = stderr
        .lines()
        .filter(|l| l.starts_with("warning:"))
        .collect();
    assert_eq!(warnings.len(), 31, "{stderr}");
    assert!(
        warnings
            .iter()
            .any(|w| w.ends_with("ctl029.txt: 1 control character removed"))
    );
    let out = cmd(dir.path()).arg("check").output().unwrap();
    let report = String::from_utf8(out.stdout).unwrap();
    assert_eq!(report.matches("\nwarning   ").count(), 31, "{report}");
}

#[test]
fn the_real_awkward_corpus_is_summarized_and_described() {
    let corpus =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpora/ungdc-awkward-sample");
    if !corpus.exists() {
        eprintln!("notice: ../shared/corpora is absent; the real-corpus check is skipped");
        return;
    }
    let home = tempfile::tempdir().unwrap();
    let stderr = stderr_of(dossier_in(home.path()).arg("list").arg(&corpus));
    assert!(
        stderr.contains("files had control characters removed; dossier check lists them"),
        "{stderr}"
    );
    assert!(stderr.lines().count() <= 4, "one line per kind: {stderr}");
    let out = stdout(
        dossier_in(home.path())
            .args(["describe", "--format", "json"])
            .arg(&corpus),
    );
    let d: serde_json::Value = serde_json::from_str(&out).unwrap();
    let date = d["fields"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["name"] == "date")
        .unwrap();
    assert_eq!(
        date["sources"]["path"], date["documents"],
        "dates from the file names"
    );
}
