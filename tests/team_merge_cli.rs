//! `dossier merge` on the command line and as git's merge driver: exit codes, the output
//! always a notebook, bad inputs named with nothing written, and a real `git merge` of two
//! analysts' branches that keeps all of both and records the one conflict.

mod common;

use common::{dossier_in, stdout};
use dossier::notebook::format::{from_ron, to_ron};
use dossier::notebook::{Conflict, DocumentNotes, Notebook};
use std::path::{Path, PathBuf};
use std::process::Command;

fn with_status(status: &str, by: &str) -> String {
    let mut nb = Notebook::new("sample");
    let mut e = DocumentNotes::new("b3f3f1d77ac24780", "Q1/2019");
    e.status = Some(status.into());
    e.status_by = by.into();
    nb.documents.insert("000_bd0411fb3b74ac0c.txt".into(), e);
    to_ron(&nb)
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn a_clean_merge_exits_0_and_writes_out() {
    let home = tempfile::tempdir().unwrap();
    let d = home.path();
    let base = write(d, "base.ron", &with_status("maybe", "ana"));
    let ours = write(d, "ours.ron", &with_status("maybe", "ana"));
    let theirs = write(d, "theirs.ron", &with_status("relevant", "ben"));
    let out = d.join("out.ron");
    let printed = stdout(
        dossier_in(d)
            .arg("merge")
            .args([&base, &ours, &theirs])
            .arg("-o")
            .arg(&out),
    );
    assert!(printed.starts_with("merged into"), "{printed}");
    let text = std::fs::read_to_string(&out).unwrap();
    assert_eq!(text, with_status("relevant", "ben"));
    assert_eq!(
        std::fs::read_to_string(&ours).unwrap(),
        with_status("maybe", "ana"),
        "-o leaves ours alone"
    );
}

#[test]
fn a_merge_with_a_conflict_exits_1_and_writes_a_notebook_into_ours() {
    let home = tempfile::tempdir().unwrap();
    let d = home.path();
    let base = write(d, "base.ron", &with_status("maybe", "ana"));
    let ours = write(d, "ours.ron", &with_status("relevant", "ana"));
    let theirs = write(d, "theirs.ron", &with_status("irrelevant", "ben"));
    let out = dossier_in(d)
        .arg("merge")
        .args([&base, &ours, &theirs])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("1 conflict recorded"),
        "{out:?}"
    );
    let text = std::fs::read_to_string(&ours).unwrap();
    let (nb, _) = from_ron(&text, &ours).unwrap();
    let e = nb.doc("000_bd0411fb3b74ac0c.txt").unwrap();
    assert!(matches!(&e.conflicts[..], [Conflict::Status { .. }]));
    assert!(!text.contains("<<<<<<<"));
    let leftovers: Vec<_> = std::fs::read_dir(d)
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".bak") || n.ends_with(".lock") || n.ends_with(".tmp"))
        .collect();
    assert!(
        leftovers.is_empty(),
        "nothing left beside git's files: {leftovers:?}"
    );
}

#[test]
fn a_corrupt_notebook_is_named_and_nothing_is_written() {
    let home = tempfile::tempdir().unwrap();
    let d = home.path();
    let base = write(
        d,
        "base.ron",
        "Notebook(\n    version: 2,\n    corpus: \"sample\",\n    codebook: [oops\n",
    );
    let ours_text = with_status("relevant", "ana");
    let ours = write(d, "ours.ron", &ours_text);
    let theirs = write(d, "theirs.ron", &with_status("maybe", "ben"));
    let out = dossier_in(d)
        .arg("merge")
        .args([&base, &ours, &theirs])
        .arg("-o")
        .arg(d.join("out.ron"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("base.ron:4:"), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(!d.join("out.ron").exists());
    assert_eq!(std::fs::read_to_string(&ours).unwrap(), ours_text);
}

#[test]
fn a_notebook_of_a_newer_version_is_named_and_nothing_is_written() {
    let home = tempfile::tempdir().unwrap();
    let d = home.path();
    let base = write(d, "base.ron", &with_status("maybe", "ana"));
    let ours_text = with_status("relevant", "ana");
    let ours = write(d, "ours.ron", &ours_text);
    let newer = with_status("maybe", "ben").replace("version: 2,", "version: 9,\n    future: [],");
    let theirs = write(d, "theirs.ron", &newer);
    let out = dossier_in(d)
        .arg("merge")
        .args([&base, &ours, &theirs])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("theirs.ron:2:") && err.contains("newer"),
        "{err}"
    );
    assert_eq!(std::fs::read_to_string(&ours).unwrap(), ours_text);
    assert_eq!(std::fs::read_to_string(&theirs).unwrap(), newer);
}

#[test]
fn a_missing_notebook_is_named() {
    let home = tempfile::tempdir().unwrap();
    let d = home.path();
    let ours = write(d, "ours.ron", &with_status("relevant", "ana"));
    let out = dossier_in(d)
        .arg("merge")
        .arg(d.join("nope.ron"))
        .args([&ours, &ours])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("nope.ron"));
}

/// Runs git in `repo`, with dossier's folders (which the driver uses) under `home`.
fn git(repo: &Path, home: &Path, args: &[&str]) -> std::process::Output {
    Command::new("git")
        .arg("-C")
        .arg(repo)
        .args(args)
        .env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_CACHE_HOME", home.join("cache"))
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .output()
        .unwrap()
}

fn git_ok(repo: &Path, home: &Path, args: &[&str]) {
    let out = git(repo, home, args);
    assert!(out.status.success(), "git {args:?}: {out:?}");
}

/// A dossier verb on the repository's notebook, as `coder`.
fn as_coder(home: &Path, repo: &Path, coder: &str, args: &[&str]) {
    let config = home.join(format!("{coder}.ron"));
    std::fs::write(&config, format!("Config(coder: Some({coder:?}))")).unwrap();
    stdout(
        dossier_in(home)
            .arg("--config")
            .arg(&config)
            .arg("--notebook")
            .arg(repo.join("notes.ron"))
            .args(args),
    );
}

#[test]
fn git_merges_two_analysts_branches_through_the_driver_keeping_everything() {
    let home = tempfile::tempdir().unwrap();
    let repo = home.path().join("repo");
    std::fs::create_dir(&repo).unwrap();
    let h = home.path();
    git_ok(&repo, h, &["init", "-q", "-b", "main"]);
    git_ok(&repo, h, &["config", "user.name", "Lead"]);
    git_ok(&repo, h, &["config", "user.email", "lead@example.org"]);
    git_ok(&repo, h, &["config", "commit.gpgsign", "false"]);
    let bin = assert_cmd::cargo::cargo_bin("dossier");
    let driver = format!("'{}' merge %O %A %B", bin.display());
    git_ok(&repo, h, &["config", "merge.dossier.driver", &driver]);
    std::fs::write(repo.join(".gitattributes"), "*.ron merge=dossier\n").unwrap();
    // As the README says: the backups and the lock stay out of the repository.
    std::fs::write(repo.join(".gitignore"), "*.bak\n.*.lock\n").unwrap();

    // The common start: one document triaged and tagged.
    as_coder(h, &repo, "lead", &["triage", "b3f3", "--status", "maybe"]);
    as_coder(h, &repo, "lead", &["tag", "b3f3", "--tag", "nato"]);
    git_ok(&repo, h, &["add", "."]);
    git_ok(&repo, h, &["commit", "-q", "-m", "start"]);

    git_ok(&repo, h, &["checkout", "-q", "-b", "ben"]);
    as_coder(h, &repo, "ben", &["tag", "16ec", "--tag", "hybrid"]);
    as_coder(h, &repo, "ben", &["note", "16ec", "--text", "Ben's note."]);
    as_coder(
        h,
        &repo,
        "ben",
        &[
            "tag",
            "16ec",
            "--quote",
            "counter hybrid threats",
            "--tag",
            "hybrid",
        ],
    );
    as_coder(
        h,
        &repo,
        "ben",
        &["triage", "b3f3", "--status", "irrelevant"],
    );
    git_ok(&repo, h, &["commit", "-q", "-am", "ben"]);

    git_ok(&repo, h, &["checkout", "-q", "main"]);
    as_coder(h, &repo, "ana", &["tag", "b3f3", "--tag", "cyber"]);
    as_coder(h, &repo, "ana", &["note", "b3f3", "--text", "Ana's note."]);
    as_coder(
        h,
        &repo,
        "ana",
        &[
            "tag",
            "b3f3",
            "--quote",
            "NATO Cyber Operations Center",
            "--tag",
            "cyber",
        ],
    );
    as_coder(h, &repo, "ana", &["triage", "b3f3", "--status", "relevant"]);
    git_ok(&repo, h, &["commit", "-q", "-am", "ana"]);

    let merge = git(&repo, h, &["merge", "--no-edit", "ben"]);
    assert!(
        !merge.status.success(),
        "the recorded conflict stops the merge: {merge:?}"
    );
    let text = std::fs::read_to_string(repo.join("notes.ron")).unwrap();
    assert!(!text.contains("<<<<<<<"), "no conflict markers:\n{text}");
    let (nb, _) = from_ron(&text, Path::new("notes.ron")).unwrap();
    let news = nb.doc("000_bd0411fb3b74ac0c.txt").unwrap();
    assert_eq!(news.tags, ["cyber", "nato"]);
    assert_eq!(news.notes.len(), 1);
    assert_eq!(news.notes[0].by, "ana");
    assert_eq!(news.highlights.len(), 1);
    assert_eq!(news.highlights[0].by, "ana");
    assert_eq!(
        news.conflicts,
        [Conflict::Status {
            ours: Some("relevant".into()),
            ours_by: "ana".into(),
            theirs: Some("irrelevant".into()),
            theirs_by: "ben".into(),
        }]
    );
    let presser = nb.doc("002_cbbf25972822090a.txt").unwrap();
    assert_eq!(presser.tags, ["hybrid"]);
    assert_eq!(presser.taggers_of("hybrid").collect::<Vec<_>>(), ["ben"]);
    assert_eq!(presser.notes[0].text, "Ben's note.");
    assert_eq!(presser.highlights[0].anchor.quote, "counter hybrid threats");
    assert!(presser.conflicts.is_empty());
    let conflicts: usize = nb.documents.values().map(|e| e.conflicts.len()).sum();
    assert_eq!(conflicts, 1, "exactly one conflict");

    // The conflict is found by the query language and listed by check.
    let listed = stdout(
        dossier_in(h)
            .arg("--notebook")
            .arg(repo.join("notes.ron"))
            .args(["list", "--query", "has:conflict"]),
    );
    assert!(
        listed.contains("000_bd0411fb3b74ac0c.txt") && !listed.contains("002_"),
        "{listed}"
    );
    let check = dossier_in(h)
        .arg("--notebook")
        .arg(repo.join("notes.ron"))
        .arg("check")
        .output()
        .unwrap();
    assert_eq!(check.status.code(), Some(1));
    let check = String::from_utf8_lossy(&check.stdout);
    assert!(check.contains("conflict  000_bd0411fb3b74ac0c.txt  status: ours relevant (ana), theirs irrelevant (ben)"), "{check}");

    // Git is content once the file is added: the merge commits.
    git_ok(&repo, h, &["add", "notes.ron"]);
    git_ok(&repo, h, &["commit", "-q", "--no-edit"]);
}
