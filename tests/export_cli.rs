//! `dossier export` on the built-in sample corpus with the fixture notebook: stdout or an
//! atomic `-o FILE`, reproducible bytes under `SOURCE_DATE_EPOCH`, config defaults, errors.

mod common;

use assert_cmd::Command;
use std::path::PathBuf;

const EPOCH: &str = "1714694400"; // 2024-05-03T00:00:00Z

fn fixture() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/notebook.ron")
}

fn dossier() -> Command {
    let mut cmd = common::dossier_in(&common::shared_home());
    cmd.env("SOURCE_DATE_EPOCH", EPOCH);
    cmd
}

fn export(args: &[&str]) -> std::process::Output {
    dossier()
        .arg("export")
        .arg("--notebook")
        .arg(fixture())
        .args(args)
        .output()
        .unwrap()
}

#[test]
fn the_same_notebook_exports_the_same_bytes() {
    let first = export(&[]);
    let second = export(&[]);
    assert!(first.status.success());
    assert_eq!(first.stdout, second.stdout);
    let text = String::from_utf8(first.stdout).unwrap();
    assert!(text.starts_with("---\ncorpus: \"sample\"\n"));
    assert!(text.contains("\nexported: 2024-05-03\n"));
    assert!(text.contains("\n## Q1/2019 - NATO, Annual Report 2018\n"));
}

#[test]
fn output_file_is_written_and_stderr_says_where_and_how_much() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("notes.md");
    let out = export(&["-o", path.to_str().unwrap()]);
    assert!(out.status.success());
    assert!(out.stdout.is_empty());
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(
        stderr.trim_end(),
        format!("exported 2 documents (7 highlights) to {}", path.display())
    );
    assert_eq!(std::fs::read(&path).unwrap(), export(&[]).stdout);
    let files = std::fs::read_dir(dir.path()).unwrap().count();
    assert_eq!(files, 1, "no temporary file is left behind");
}

#[test]
fn group_by_tag_comes_from_the_flag_or_the_config() {
    let by_flag = export(&["--group-by", "tag"]);
    assert!(String::from_utf8_lossy(&by_flag.stdout).contains("\n## #cyber\n\n"));

    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config.ron");
    std::fs::write(&config, "Config(export: (group_by: Tag, heading_level: 3))").unwrap();
    let by_config = export(&["--config", config.to_str().unwrap()]);
    assert!(by_config.status.success());
    assert!(String::from_utf8_lossy(&by_config.stdout).contains("\n### #cyber\n\n"));
}

#[test]
fn without_notes_nothing_is_exported_and_stderr_says_why() {
    let out = dossier().arg("export").output().unwrap();
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("documents: 0\n"));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("exported 0 documents"), "{stderr}");
    assert!(stderr.contains("--include-untagged"), "{stderr}");

    let all = dossier()
        .args(["export", "--include-untagged"])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&all.stdout).contains("documents: 2\n"));
}

#[test]
fn a_broken_notebook_is_named_with_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bad.ron");
    std::fs::write(&path, "Notebook(\n  version: 1,\n  corpus: 7,\n)").unwrap();
    let out = dossier()
        .args(["export", "--notebook", path.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains(&format!("{}:3:", path.display())),
        "{stderr}"
    );
}

#[test]
fn a_malformed_source_date_epoch_is_an_error() {
    let out = dossier()
        .env("SOURCE_DATE_EPOCH", "yesterday")
        .arg("export")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("SOURCE_DATE_EPOCH"));
}

#[test]
fn export_help_has_examples() {
    let out = dossier().args(["export", "--help"]).output().unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("Examples:") && text.contains("dossier export"));
    assert!(text.contains("--group-by") && text.contains("--output"));
}
