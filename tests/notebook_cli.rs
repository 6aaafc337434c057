//! The notebook verbs on the command line: tag, note, triage, tags, check and list's
//! notebook fields; where the notebook lives; a bad notebook left alone; two dossiers on
//! one notebook; documents renamed, edited and deleted under it. Every test has its own
//! temporary home, so none touches the real one or another test's notebook.

mod common;

use assert_cmd::Command;
use serde_json::Value;
use std::path::{Path, PathBuf};

/// A temporary home with a corpus folder of three statements.
struct Home {
    dir: tempfile::TempDir,
}

const A: &str = "Alliance statement\n\nThe Allies agreed today to raise defence spending.\nCyber threats were discussed at length.\n";
const B: &str = "Press conference\n\nQuestion: what about 5G networks?\nAnswer: we take these concerns very seriously.\n";
const C: &str = "Readout\n\nThe ministers met in Brussels.\n";

impl Home {
    fn new() -> Home {
        let home = Home {
            dir: tempfile::tempdir().unwrap(),
        };
        std::fs::create_dir_all(home.corpus()).unwrap();
        for (name, text) in [("a.txt", A), ("b.txt", B), ("c.txt", C)] {
            std::fs::write(home.corpus().join(name), text).unwrap();
        }
        home
    }

    fn corpus(&self) -> PathBuf {
        self.dir.path().join("statements")
    }

    fn data(&self) -> PathBuf {
        self.dir.path().join("data")
    }

    /// `dossier -C <corpus> --notebook <home>/notes.ron …` in this home.
    fn run(&self, args: &[&str]) -> std::process::Output {
        self.bare()
            .arg("-C")
            .arg(self.corpus())
            .arg("--notebook")
            .arg(self.notebook())
            .args(args)
            .output()
            .unwrap()
    }

    /// `dossier …` in this home, with nothing added.
    fn bare(&self) -> Command {
        let mut cmd = common::dossier_in(self.dir.path());
        cmd.env("COLUMNS", "160");
        cmd
    }

    fn notebook(&self) -> PathBuf {
        self.dir.path().join("notes.ron")
    }

    fn list(&self) -> Vec<Value> {
        let out = self.run(&["list", "--format", "json"]);
        assert!(out.status.success(), "{}", stderr(&out));
        stdout(&out)
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect()
    }

    fn doc(&self, path: &str) -> Value {
        self.list()
            .into_iter()
            .find(|d| d["path"] == path)
            .unwrap_or_else(|| panic!("no {path}"))
    }
}

fn stdout(out: &std::process::Output) -> String {
    String::from_utf8(out.stdout.clone()).unwrap()
}

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8(out.stderr.clone()).unwrap()
}

/// Runs and expects success with exactly one line of output, which is returned.
fn one_line(out: std::process::Output) -> String {
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert_eq!(text.lines().count(), 1, "{text}");
    text.trim_end().to_owned()
}

#[test]
fn tag_adds_and_removes_document_tags_and_grows_the_codebook() {
    let home = Home::new();
    let line = one_line(home.run(&["tag", "a.txt", "b.txt", "--tag", "cyber,policy/defence"]));
    assert!(
        line.starts_with("tagged 2 documents with cyber, policy/defence"),
        "{line}"
    );
    assert_eq!(
        home.doc("a.txt")["tags"],
        serde_json::json!(["cyber", "policy/defence"])
    );
    let line = one_line(home.run(&["tag", "a.txt", "--tag", "cyber", "--remove"]));
    assert_eq!(line, "removed cyber from 1 document");
    assert_eq!(
        home.doc("a.txt")["tags"],
        serde_json::json!(["policy/defence"])
    );
    let tags = stdout(&home.run(&["tags", "--format", "tsv"]));
    assert_eq!(
        tags,
        "tag\tdocuments\thighlights\ncyber\t1\t0\npolicy/defence\t2\t0\n"
    );
}

#[test]
fn tag_with_a_quote_highlights_its_first_occurrence() {
    let home = Home::new();
    let line = one_line(home.run(&[
        "tag",
        "a.txt",
        "--quote",
        "defence spending",
        "--tag",
        "budget",
    ]));
    assert_eq!(
        line,
        "highlighted \"defence spending\" in a.txt with budget (new in the codebook: budget)"
    );
    let h = &home.doc("a.txt")["highlights"][0];
    assert_eq!(h["quote"], "defence spending");
    assert_eq!(h["tags"], serde_json::json!(["budget"]));
    assert_eq!(h["state"], "ok");
    // A quote typed on one line still finds a passage across a line break.
    let line = one_line(home.run(&["tag", "a.txt", "--quote", "spending. Cyber", "--tag", "x"]));
    assert!(
        line.starts_with("highlighted \"spending. Cyber\""),
        "{line}"
    );
    let out = home.run(&["tag", "a.txt", "--quote", "not in the text", "--tag", "x"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("is not in the text of a.txt"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn note_goes_on_the_document_or_on_a_passage() {
    let home = Home::new();
    let note = "Check the date.\nSecond line with \"quotes\" and a \\ backslash";
    assert_eq!(
        one_line(home.run(&["note", "a.txt", "--text", note])),
        "added a note to a.txt"
    );
    let line = one_line(home.run(&[
        "note",
        "b.txt",
        "--quote",
        "5G networks",
        "--text",
        "Huawei?",
    ]));
    assert_eq!(line, "highlighted \"5G networks\" in b.txt with a note");
    let line = one_line(home.run(&[
        "note",
        "b.txt",
        "--quote",
        "5G networks",
        "--text",
        "Follow up.",
    ]));
    assert_eq!(
        line,
        "added a note to the highlight \"5G networks\" in b.txt"
    );
    assert_eq!(home.doc("a.txt")["notes"], serde_json::json!([note]));
    assert_eq!(
        home.doc("b.txt")["highlights"][0]["note"],
        "Huawei?\n\nFollow up."
    );
    let out = home.run(&["note", "a.txt", "--text", "   "]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("a note cannot be empty"));
}

#[test]
fn triage_sets_configured_statuses_only() {
    let home = Home::new();
    assert_eq!(
        one_line(home.run(&["triage", "a.txt", "b.txt", "--status", "relevant"])),
        "marked 2 documents relevant"
    );
    assert_eq!(home.doc("b.txt")["status"], "relevant");
    assert_eq!(home.doc("c.txt")["status"], Value::Null);
    let out = home.run(&["triage", "a.txt", "--status", "urgent"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out)
            .contains("unknown status \"urgent\"; the statuses are: relevant, maybe, irrelevant")
    );
    assert_eq!(
        one_line(home.run(&["triage", "b.txt", "--clear"])),
        "cleared the status of 1 document"
    );
    assert_eq!(home.doc("b.txt")["status"], Value::Null);
    // Statuses come from the config.
    let config = home.dir.path().join("config.ron");
    std::fs::write(
        &config,
        r#"Config(statuses: [(name: "urgent", key: Some('!'))])"#,
    )
    .unwrap();
    let out = home.run(&[
        "--config",
        config.to_str().unwrap(),
        "triage",
        "a.txt",
        "--status",
        "urgent",
    ]);
    assert_eq!(one_line(out), "marked 1 document urgent");
}

#[test]
fn an_empty_tag_is_a_clear_error() {
    let home = Home::new();
    for tags in ["", "a,,b", " / "] {
        let out = home.run(&["tag", "a.txt", "--tag", tags]);
        assert_eq!(out.status.code(), Some(1), "{tags:?}");
        let err = stderr(&out);
        assert!(
            err.contains("tag cannot be empty") || err.contains("is not a tag name"),
            "{err}"
        );
    }
    assert!(!home.notebook().exists(), "nothing was written");
}

#[test]
fn list_shows_status_and_tags_columns() {
    let home = Home::new();
    one_line(home.run(&["triage", "a.txt", "--status", "maybe"]));
    one_line(home.run(&["tag", "a.txt", "--tag", "cyber"]));
    let table = stdout(&home.run(&["list", "--sort", "path"]));
    let header = table.lines().next().unwrap();
    assert!(
        header.contains("STATUS") && header.contains("TAGS"),
        "{header}"
    );
    let row = table.lines().nth(1).unwrap();
    assert!(row.contains("maybe") && row.contains("cyber"), "{row}");
    let tsv = stdout(&home.run(&["list", "--format", "tsv", "--sort", "status"]));
    assert_eq!(
        tsv.lines().next().unwrap(),
        "path\tdate\tplace\tkind\tstatus\ttags\ttitle"
    );
    let first = tsv.lines().nth(1).unwrap();
    assert!(
        first.starts_with("a.txt\t") && first.contains("\tmaybe\tcyber\t"),
        "{tsv}"
    );
}

#[test]
fn tags_rename_and_merge_rewrite_every_use() {
    let home = Home::new();
    one_line(home.run(&["tag", "a.txt", "--tag", "cyber,cyber/5g"]));
    one_line(home.run(&[
        "tag",
        "b.txt",
        "--quote",
        "5G networks",
        "--tag",
        "cyber/5g,tech",
    ]));
    let line = one_line(home.run(&["tags", "--rename", "cyber", "security"]));
    assert_eq!(
        line,
        "renamed cyber to security in 1 document and 1 highlight"
    );
    assert_eq!(
        home.doc("a.txt")["tags"],
        serde_json::json!(["security", "security/5g"])
    );
    let line = one_line(home.run(&["tags", "--merge", "tech", "security"]));
    assert_eq!(
        line,
        "merged tech into security in 0 documents and 1 highlight"
    );
    assert_eq!(
        home.doc("b.txt")["highlights"][0]["tags"],
        serde_json::json!(["security", "security/5g"])
    );
    let table = stdout(&home.run(&["tags"]));
    assert_eq!(
        table,
        "TAG          DOCS  HIGHLIGHTS\nsecurity        1           1\nsecurity/5g     1           1\n"
    );
    let out = home.run(&["tags", "--rename", "nothing", "x"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("no tag \"nothing\""));
    let out = home.run(&["tags", "--rename", "security/5g", "security"]);
    assert!(stderr(&out).contains("already exists"), "{}", stderr(&out));
}

#[test]
fn the_default_notebook_is_in_the_data_folder_and_can_be_moved() {
    let home = Home::new();
    // The sample corpus: <data>/dossier/notebooks/sample.ron.
    let out = home
        .bare()
        .args(["triage", "000_bd0411fb3b74ac0c.txt", "--status", "maybe"])
        .output()
        .unwrap();
    one_line(out);
    assert!(home.data().join("dossier/notebooks/sample.ron").exists());
    // A folder: <name>-<8 hex>.ron.
    one_line(
        home.bare()
            .arg("-C")
            .arg(home.corpus())
            .args(["triage", "a.txt", "--status", "maybe"])
            .output()
            .unwrap(),
    );
    let names: Vec<String> = std::fs::read_dir(home.data().join("dossier/notebooks"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("statements-"))
        .collect();
    assert_eq!(names.len(), 1, "{names:?}");
    let hash = names[0]
        .strip_prefix("statements-")
        .unwrap()
        .strip_suffix(".ron")
        .unwrap();
    assert!(
        hash.len() == 8 && hash.chars().all(|c| c.is_ascii_hexdigit()),
        "{hash}"
    );
    // The config's notebook, then --notebook over it.
    let config = home.dir.path().join("config.ron");
    let configured = home.dir.path().join("configured.ron");
    std::fs::write(&config, format!("Config(notebook: Some({configured:?}))")).unwrap();
    let with_config = |extra: &[&str]| {
        home.bare()
            .arg("--config")
            .arg(&config)
            .arg("-C")
            .arg(home.corpus())
            .args(extra)
            .args(["triage", "c.txt", "--status", "relevant"])
            .output()
            .unwrap()
    };
    one_line(with_config(&[]));
    assert!(configured.exists());
    let explicit = home.dir.path().join("explicit.ron");
    one_line(with_config(&["--notebook", explicit.to_str().unwrap()]));
    assert!(explicit.exists());
}

/// Runs verbs that would write on a bad notebook: each fails with one line naming the
/// file, line and column, and the file is left byte for byte.
fn assert_left_alone(home: &Home, bytes: &[u8], expect: &str) {
    std::fs::write(home.notebook(), bytes).unwrap();
    for args in [
        &["triage", "a.txt", "--status", "relevant"][..],
        &["tag", "a.txt", "--tag", "x"],
        &["note", "a.txt", "--text", "n"],
        &["tags", "--rename", "a", "b"],
        &["list"],
        &["check"],
    ] {
        let out = home.run(args);
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        let err = stderr(&out);
        assert_eq!(err.lines().count(), 1, "{err}");
        let place = format!("{}:", home.notebook().display());
        assert!(err.starts_with(&format!("dossier: {place}")), "{err}");
        let after = &err[format!("dossier: {place}").len()..];
        let mut parts = after.splitn(3, ':');
        let line: usize = parts.next().unwrap().parse().expect("a line number");
        let column: usize = parts.next().unwrap().parse().expect("a column number");
        assert!(line >= 1 && column >= 1);
        assert!(err.contains(expect), "{err}");
        assert_eq!(
            std::fs::read(home.notebook()).unwrap(),
            bytes,
            "{args:?} changed the file"
        );
    }
    let bak = PathBuf::from(format!("{}.bak", home.notebook().display()));
    assert!(!bak.exists(), "nothing was saved, so no backup either");
}

#[test]
fn a_corrupt_notebook_is_never_written() {
    let home = Home::new();
    one_line(home.run(&[
        "tag",
        "a.txt",
        "--quote",
        "defence spending",
        "--tag",
        "budget",
    ]));
    let good = std::fs::read(home.notebook()).unwrap();
    std::fs::remove_file(format!("{}.bak", home.notebook().display())).ok();
    let truncated = &good[..good.len() / 2];
    assert_left_alone(&home, truncated, "Unexpected end of RON");
    assert_left_alone(&home, b"\x00\xff garbage {{{", "not UTF-8");
    assert_left_alone(
        &home,
        b"Notebook(version: 1, corpus: )",
        "the notebook was not changed",
    );
    let newer = String::from_utf8(good.clone())
        .unwrap()
        .replace("version: 2,", "version: 9,\n    future: [],");
    assert_left_alone(&home, newer.as_bytes(), "written by a newer dossier");
}

#[test]
fn a_duplicate_document_key_is_an_error_at_its_place_and_nothing_is_written() {
    let home = Home::new();
    // Nine notes under one key, one under its copy: reading kept only the last entry,
    // and the next save wrote that one alone.
    let notes: Vec<String> = (1..=9)
        .map(|i| {
            format!("Note(id: \"N{i}\", text: \"note {i}\", created: \"2026-01-01T00:00:0{i}Z\")")
        })
        .collect();
    let text = format!(
        "Notebook(\n    version: 1,\n    corpus: \"statements\",\n    codebook: [],\n    \
         documents: {{\n        \"a.txt\": DocumentNotes(id: \"x\", title: \"A\", notes: [{}]),\n        \
         \"a.txt\": DocumentNotes(id: \"x\", title: \"A\", status: Some(\"maybe\")),\n    }},\n)\n",
        notes.join(", ")
    );
    assert_left_alone(&home, text.as_bytes(), "\"a.txt\" is given twice");
    let out = home.run(&["check"]);
    let err = stderr(&out);
    assert!(err.contains("notes.ron:7:"), "the second key's line: {err}");
}

#[test]
fn a_highlight_whose_wording_changed_keeps_its_quote_until_accepted() {
    let home = Home::new();
    let quote = "The Allies agreed today to raise defence spending.";
    one_line(home.run(&["tag", "a.txt", "--quote", quote, "--tag", "budget"]));
    let now = "The Allies agreed today to raise military spending.";
    std::fs::write(home.corpus().join("a.txt"), A.replace(quote, now)).unwrap();

    let out = home.run(&["check"]);
    assert_eq!(out.status.code(), Some(0), "a changed highlight is found");
    let report = stdout(&out);
    assert!(
        report.contains("changed   a.txt  ")
            && report.contains(&format!("\"{quote}\" now \"{now}\"")),
        "{report}"
    );
    assert!(
        report.contains(" 1 changed (--accept takes the new wording),"),
        "{report}"
    );
    let h = &home.doc("a.txt")["highlights"][0];
    assert_eq!(h["state"], "changed");
    assert_eq!(h["quote"], quote);
    assert_eq!(h["now"], now);
    let export = stdout(&home.run(&["export"]));
    assert!(
        export.contains("defence spending") && export.contains("**changed**"),
        "{export}"
    );

    // Another write keeps the quote as highlighted.
    one_line(home.run(&["triage", "a.txt", "--status", "maybe"]));
    let saved = std::fs::read_to_string(home.notebook()).unwrap();
    assert!(saved.contains(quote), "{saved}");

    let out = home.run(&["check", "--accept"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(
        stderr(&out).contains("accepted the new wording of 1 highlight"),
        "{}",
        stderr(&out)
    );
    let h = &home.doc("a.txt")["highlights"][0];
    assert_eq!(h["state"], "ok");
    assert_eq!(h["quote"], now);
    assert_eq!(h["now"], serde_json::Value::Null);
}

#[test]
fn concurrent_verbs_lose_no_update() {
    let home = Home::new();
    for i in 0..6 {
        std::fs::write(
            home.corpus().join(format!("d{i}.txt")),
            format!("Doc {i}\n\nBody {i}.\n"),
        )
        .unwrap();
    }
    let mut children = Vec::new();
    for i in 0..6 {
        for args in [
            vec![
                "triage".to_owned(),
                format!("d{i}.txt"),
                "--status".into(),
                "maybe".into(),
            ],
            vec![
                "tag".to_owned(),
                format!("d{i}.txt"),
                "--tag".into(),
                format!("t{i}"),
            ],
            vec![
                "note".to_owned(),
                "a.txt".into(),
                "--text".into(),
                format!("note {i}"),
            ],
        ] {
            let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_dossier"));
            cmd.env("XDG_CONFIG_HOME", home.dir.path().join("config"))
                .env("XDG_DATA_HOME", home.data())
                .env("XDG_CACHE_HOME", home.dir.path().join("cache"))
                .arg("-C")
                .arg(home.corpus())
                .arg("--notebook")
                .arg(home.notebook())
                .args(&args)
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped());
            children.push(cmd.spawn().unwrap());
        }
    }
    for child in children {
        let out = child.wait_with_output().unwrap();
        assert!(out.status.success(), "{}", stderr(&out));
    }
    let docs = home.list();
    for i in 0..6 {
        let d = docs
            .iter()
            .find(|d| d["path"] == format!("d{i}.txt"))
            .unwrap();
        assert_eq!(d["status"], "maybe");
        assert_eq!(d["tags"], serde_json::json!([format!("t{i}")]));
    }
    let a = docs.iter().find(|d| d["path"] == "a.txt").unwrap();
    assert_eq!(a["notes"].as_array().unwrap().len(), 6, "{a}");
}

#[test]
fn a_verb_waits_for_the_lock_then_says_who_has_it() {
    let home = Home::new();
    one_line(home.run(&["triage", "a.txt", "--status", "maybe"]));
    let before = std::fs::read(home.notebook()).unwrap();
    // This test holds the notebook open read-write, as the reader would.
    let (holder, _) =
        dossier::notebook::NotebookFile::open(&home.notebook(), "statements").unwrap();
    assert!(!holder.is_read_only());
    let started = std::time::Instant::now();
    let out = home.run(&["triage", "a.txt", "--status", "relevant"]);
    assert!(
        started.elapsed() >= std::time::Duration::from_secs(2),
        "it waited"
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("is open in another dossier (read-write)"),
        "{}",
        stderr(&out)
    );
    assert_eq!(std::fs::read(home.notebook()).unwrap(), before);
    // A second opener reads but cannot write.
    let (mut second, nb) =
        dossier::notebook::NotebookFile::open(&home.notebook(), "statements").unwrap();
    assert!(second.is_read_only());
    assert!(second.save(&nb).is_err());
    drop(holder);
    one_line(home.run(&["triage", "a.txt", "--status", "relevant"]));
    assert_eq!(home.doc("a.txt")["status"], "relevant");
}

#[test]
fn renamed_edited_and_deleted_documents_are_followed_and_reported() {
    let home = Home::new();
    one_line(home.run(&["tag", "a.txt", "--tag", "kept"]));
    one_line(home.run(&[
        "tag",
        "b.txt",
        "--quote",
        "take these concerns",
        "--tag",
        "5g",
    ]));
    one_line(home.run(&["triage", "c.txt", "--status", "relevant"]));
    assert_eq!(home.run(&["check"]).status.code(), Some(0));

    std::fs::rename(
        home.corpus().join("a.txt"),
        home.corpus().join("renamed.txt"),
    )
    .unwrap();
    std::fs::write(
        home.corpus().join("b.txt"),
        B.replace("Question:", "Intro.\n\nQuestion:"),
    )
    .unwrap();
    std::fs::remove_file(home.corpus().join("c.txt")).unwrap();
    let before = std::fs::read(home.notebook()).unwrap();
    let out = home.run(&["check"]);
    assert_eq!(
        out.status.code(),
        Some(1),
        "a missing document fails the check"
    );
    let report = stdout(&out);
    assert!(
        report.contains("renamed   a.txt -> renamed.txt"),
        "{report}"
    );
    assert!(report.contains("moved     b.txt"), "{report}");
    assert!(report.contains("missing   c.txt  Readout"), "{report}");
    assert!(
        report
            .ends_with("1 highlight: 0 ok, 1 moved, 0 orphaned; 1 missing document; 0 warnings\n"),
        "{report}"
    );
    assert_eq!(
        std::fs::read(home.notebook()).unwrap(),
        before,
        "check only reads"
    );

    assert_eq!(home.doc("renamed.txt")["tags"], serde_json::json!(["kept"]));
    assert_eq!(home.doc("b.txt")["highlights"][0]["state"], "moved");
    // The next write records the new path and offsets, and keeps the missing entry.
    one_line(home.run(&["triage", "b.txt", "--status", "maybe"]));
    let saved = std::fs::read_to_string(home.notebook()).unwrap();
    assert!(
        saved.contains("\"renamed.txt\"") && !saved.contains("\"a.txt\""),
        "{saved}"
    );
    assert!(saved.contains("\"c.txt\""), "{saved}");

    // The quote deleted: orphaned, reported, and still in the file.
    std::fs::write(
        home.corpus().join("b.txt"),
        "Press conference\n\nNothing left.\n",
    )
    .unwrap();
    let out = home.run(&["check"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout(&out).contains("orphaned  b.txt"), "{}", stdout(&out));
    one_line(home.run(&["triage", "b.txt", "--status", "relevant"]));
    assert!(
        std::fs::read_to_string(home.notebook())
            .unwrap()
            .contains("take these concerns")
    );
}

#[test]
fn check_reports_the_store_warnings_and_passes_when_all_is_found() {
    let home = Home::new();
    std::fs::write(home.corpus().join("bad.txt"), b"Title\n\nabc \xff def\n").unwrap();
    one_line(home.run(&["tag", "a.txt", "--quote", "Cyber threats", "--tag", "cyber"]));
    let out = home.run(&["check"]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    let report = stdout(&out);
    assert!(report.contains("warning   "), "{report}");
    assert!(report.contains("invalid UTF-8"), "{report}");
    assert!(report.contains("ok        a.txt"), "{report}");
}

#[test]
fn every_notebook_verb_has_help_with_examples() {
    let home = Home::new();
    for sub in ["tag", "note", "triage", "tags", "check"] {
        let out = home.bare().args([sub, "--help"]).output().unwrap();
        assert!(out.status.success());
        let text = stdout(&out);
        assert!(
            text.contains("Examples:") && text.contains(&format!("dossier {sub} ")),
            "{sub}: {text}"
        );
    }
}

#[test]
fn an_explicit_notebook_leaves_the_data_folder_alone() {
    let home = Home::new();
    one_line(home.run(&["triage", "a.txt", "--status", "maybe"]));
    assert!(Path::new(&home.notebook()).starts_with(home.dir.path()));
    // The metadata cache may live there; notebooks may not.
    assert!(
        !home.data().join("dossier").join("notebooks").exists(),
        "--notebook keeps the data folder free of notebooks"
    );
}
