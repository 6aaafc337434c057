//! `dossier import` and `dossier export --format` on the command line: the real REFI-QDA
//! files of `../shared/interop`, and every bad input with its message, its exit code and
//! the notebook left as it was.

mod common;
mod interchange_fixture;

use assert_cmd::Command;
use common::dossier_in;
use dossier::notebook::Notebook;
use interchange_fixture::{interop, unzip};
use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

/// A home, a corpus folder holding `files`, and the notebook path, in a temp dir.
struct Setup {
    dir: tempfile::TempDir,
}

impl Setup {
    fn new(files: &[(&str, &[u8])]) -> Setup {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("corpus")).unwrap();
        for (name, bytes) in files {
            std::fs::write(dir.path().join("corpus").join(name), bytes).unwrap();
        }
        Setup { dir }
    }

    /// The fixture corpus of `interchange_fixture`.
    fn fixture() -> Setup {
        Setup::new(&[
            (
                "speech.txt",
                include_bytes!("fixtures/interchange/speech.txt"),
            ),
            (
                "briefing.md",
                include_bytes!("fixtures/interchange/briefing.md"),
            ),
        ])
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn notebook(&self) -> PathBuf {
        self.path("notebook.ron")
    }

    /// `dossier ARGS -C corpus --notebook notebook.ron`, away from the real home.
    fn run(&self, args: &[&str]) -> Command {
        let mut cmd = dossier_in(&self.path("home"));
        cmd.env("XDG_CACHE_HOME", self.path("home/cache"))
            .args(args)
            .arg("-C")
            .arg(self.path("corpus"))
            .arg("--notebook")
            .arg(self.notebook());
        cmd
    }

    fn load(&self) -> Notebook {
        dossier::notebook::load(&self.notebook(), "corpus").unwrap()
    }

    /// Writes `bytes` as a file of the temp dir and gives its path as a string.
    fn file(&self, name: &str, bytes: &[u8]) -> String {
        std::fs::write(self.path(name), bytes).unwrap();
        self.path(name).display().to_string()
    }
}

/// Runs and gives (exit code, stdout, stderr).
fn outcome(mut cmd: impl std::borrow::BorrowMut<Command>) -> (i32, String, String) {
    let cmd = cmd.borrow_mut();
    let out = cmd.output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn the_qc_demo_imports_one_highlight_per_coded_selection_with_its_codes() {
    let Some(dir) = interop() else { return };
    let demo = dir.join("samples/qc-1.3.2-demo.qdpx");
    let bytes = std::fs::read(&demo).unwrap();
    // The corpus is the demo's own sources.
    let entries = unzip(&bytes);
    let sources: Vec<(String, Vec<u8>)> = entries
        .iter()
        .filter_map(|(name, data)| {
            let file = name.strip_prefix("sources/")?;
            file.ends_with(".txt")
                .then(|| (file.to_owned(), data.clone()))
        })
        .collect();
    assert_eq!(sources.len(), 2);
    let files: Vec<(&str, &[u8])> = sources
        .iter()
        .map(|(n, d)| (n.as_str(), d.as_slice()))
        .collect();
    let setup = Setup::new(&files);
    let (code, stdout, stderr) = outcome(setup.run(&["import"]).arg(&demo));
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert!(
        stdout.contains("board_2017.txt -> board_2017.txt (by name): 158 highlights"),
        "{stdout}"
    );
    assert!(!stdout.contains("not imported"), "{stdout}");

    // What the file says, read here without dossier: each selection's codes by path.
    let qde = String::from_utf8(
        entries
            .iter()
            .find(|(n, _)| n == "project.qde")
            .unwrap()
            .1
            .clone(),
    )
    .unwrap();
    let doc = roxmltree::Document::parse(&qde).unwrap();
    let mut paths: BTreeMap<String, String> = BTreeMap::new();
    for code in doc.descendants().filter(|n| n.has_tag_name("Code")) {
        let path: Vec<&str> = code
            .ancestors()
            .filter(|a| a.has_tag_name("Code"))
            .map(|a| a.attribute("name").unwrap())
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        paths.insert(code.attribute("guid").unwrap().to_owned(), path.join("/"));
    }
    let mut expected: BTreeMap<(usize, usize), BTreeSet<String>> = BTreeMap::new();
    for sel in doc
        .descendants()
        .filter(|n| n.has_tag_name("PlainTextSelection"))
    {
        let at = |a: &str| sel.attribute(a).unwrap().parse::<usize>().unwrap();
        let codes = sel
            .descendants()
            .filter(|n| n.has_tag_name("CodeRef"))
            .map(|r| paths[r.attribute("targetGUID").unwrap()].clone())
            .collect();
        expected.insert((at("startPosition"), at("endPosition")), codes);
    }
    assert_eq!(expected.len(), 158);

    let nb = setup.load();
    let entry = nb.doc("board_2017.txt").unwrap();
    // The source is ASCII, so its code points are the notebook's byte offsets.
    let found: BTreeMap<(usize, usize), BTreeSet<String>> = entry
        .highlights
        .iter()
        .map(|h| {
            (
                (h.anchor.start, h.anchor.end),
                h.tags.iter().cloned().collect(),
            )
        })
        .collect();
    assert_eq!(found, expected);
    assert!(nb.tag("rq1_definition/competencies/programming").is_some());
    // Its one user, named on each coding, made every highlight.
    assert!(entry.highlights.iter().all(|h| h.by == "cp"));
}

#[test]
fn the_nvivo_export_gives_its_codebook_and_reports_its_sources_without_text() {
    let Some(dir) = interop() else { return };
    let setup = Setup::fixture();
    let (code, stdout, stderr) = outcome(
        setup
            .run(&["import"])
            .arg(dir.join("samples/nvivo-mac-15-codebook.qdpx")),
    );
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert!(stdout.contains("(NVivo for Mac 15.0.0)"), "{stdout}");
    assert!(stdout.contains("not imported (2):"), "{stdout}");
    assert_eq!(
        stdout
            .matches("has no usable text (its plain text is empty; its rich text")
            .count(),
        2,
        "{stdout}"
    );
    assert!(stdout.contains(".docx\" is not read)"), "{stdout}");
    let nb = setup.load();
    assert_eq!(nb.codebook.len(), 262);
    assert!(
        nb.tag("rq1_definition/framings/cs_as_programming/programming")
            .is_some()
    );
    assert!(nb.documents.is_empty());
}

/// A `.qdpx` of `project.qde` and `sources/NAME` files.
fn qdpx(qde: &str, sources: &[(&str, &str)]) -> Vec<u8> {
    use std::io::Write;
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default();
    zip.start_file("project.qde", options).unwrap();
    zip.write_all(qde.as_bytes()).unwrap();
    for (name, text) in sources {
        zip.start_file(format!("sources/{name}"), options).unwrap();
        zip.write_all(text.as_bytes()).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

const CODE: &str = "00000000-0000-0000-0000-00000000000a";

/// A project with one source `name` (text in `sources/s.txt`) and these selections
/// `(start, end, code GUID)`.
fn project(name: &str, selections: &[(i64, i64, &str)]) -> String {
    let sels: String = selections
        .iter()
        .enumerate()
        .map(|(i, (s, e, code))| {
            format!(
                "\n    <PlainTextSelection guid=\"00000000-0000-0000-0001-{i:012}\" startPosition=\"{s}\" endPosition=\"{e}\">\
                 <Coding guid=\"00000000-0000-0000-0002-{i:012}\"><CodeRef targetGUID=\"{code}\"/></Coding></PlainTextSelection>"
            )
        })
        .collect();
    format!(
        r#"<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="t">
  <CodeBook><Codes><Code guid="{CODE}" name="a/b, c" isCodable="true"/></Codes></CodeBook>
  <Sources>
   <TextSource guid="00000000-0000-0000-0000-000000000001" name="{name}" plainTextPath="s.txt">{sels}
   </TextSource>
  </Sources>
</Project>"#
    )
}

const SPEECH: &str = include_str!("fixtures/interchange/speech.txt");

/// A corpus whose notebook already has a note and the project's code (from a codebook).
fn prepared() -> Setup {
    let setup = Setup::fixture();
    let (c, out, err) = outcome(setup.run(&["note", "speech.txt", "--text", "mine"]));
    assert_eq!(c, 0, "{out}{err}");
    let codebook = format!(
        r#"<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes><Code guid="{CODE}" name="a/b, c" isCodable="true"/></Codes></CodeBook>"#
    );
    let file = setup.file("codes.qdc", codebook.as_bytes());
    let (c, out, err) = outcome(setup.run(&["import", &file]));
    assert_eq!(c, 0, "{out}{err}");
    setup
}

/// Imports `bytes` as `name` into a [`prepared`] corpus, checks the exit code, that
/// `expect` is in the output with the file's name, and whether the notebook changed; gives
/// the output.
fn import_bad(name: &str, bytes: &[u8], code: i32, expect: &str, changed: bool) -> String {
    let setup = prepared();
    let before = std::fs::read(setup.notebook()).unwrap();
    let file = setup.file(name, bytes);
    let (c, out, err) = outcome(setup.run(&["import", &file]));
    let all = format!("{out}{err}");
    assert_eq!(c, code, "{all}");
    assert!(all.contains(expect), "{all}");
    assert!(all.contains(name), "the message names the file: {all}");
    let after = std::fs::read(setup.notebook()).unwrap();
    assert_eq!(before != after, changed, "{all}");
    all
}

#[test]
fn a_file_that_is_not_a_zip_is_refused() {
    import_bad(
        "notes.qdpx",
        b"not a zip at all",
        1,
        "notes.qdpx: not a REFI-QDA project: it is not a ZIP archive",
        false,
    );
}

#[test]
fn a_zip_without_project_qde_is_refused() {
    use std::io::Write;
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    zip.start_file("sources/a.txt", zip::write::SimpleFileOptions::default())
        .unwrap();
    zip.write_all(b"text").unwrap();
    let bytes = zip.finish().unwrap().into_inner();
    import_bad(
        "empty.qdpx",
        &bytes,
        1,
        "empty.qdpx: not a REFI-QDA project: the archive holds no project.qde",
        false,
    );
}

#[test]
fn xml_that_does_not_parse_is_refused_with_its_line_and_column() {
    let bytes = qdpx("<Project name=\"x\">\n  <Sources>\n</Project>", &[]);
    let all = import_bad(
        "broken.qdpx",
        &bytes,
        1,
        "broken.qdpx: project.qde:3:1: not well-formed XML",
        false,
    );
    assert!(all.contains("Sources"), "{all}");
}

#[test]
fn a_selection_past_the_end_of_its_source_is_reported_and_the_rest_imported() {
    let bytes = qdpx(
        &project("speech.txt", &[(0, 6, CODE), (10, 999, CODE)]),
        &[("s.txt", SPEECH)],
    );
    let problem = "past.qdpx: project.qde:7: selection 00000000-0000-0000-0001-000000000001: [10, 999) is not within its source \"speech.txt\"";
    let all = import_bad("past.qdpx", &bytes, 0, problem, true);
    assert!(all.contains("not imported (1):"), "{all}");
    assert!(all.contains("imported 1 highlight"), "{all}");
    // Alone, it leaves nothing to import: exit 1, the notebook as it was.
    let bytes = qdpx(
        &project("speech.txt", &[(10, 999, CODE)]),
        &[("s.txt", SPEECH)],
    );
    let all = import_bad("past.qdpx", &bytes, 1, "is not within its source", false);
    assert!(
        all.contains("past.qdpx: nothing could be imported (the notebook was not changed)"),
        "{all}"
    );
}

#[test]
fn a_coding_of_a_missing_code_is_reported() {
    let missing = "00000000-0000-0000-0000-0000000000ff";
    let bytes = qdpx(
        &project("speech.txt", &[(0, 6, missing)]),
        &[("s.txt", SPEECH)],
    );
    let all = import_bad(
        "codes.qdpx",
        &bytes,
        1,
        &format!(
            "codes.qdpx: project.qde:6: selection 00000000-0000-0000-0001-000000000000: a coding refers to code {missing}, which is not in the codebook"
        ),
        false,
    );
    assert!(all.contains("it has neither a code nor a note"), "{all}");
}

#[test]
fn a_source_that_matches_no_document_is_reported() {
    let bytes = qdpx(
        &project("elsewhere.txt", &[(0, 3, CODE)]),
        &[("s.txt", "A text this corpus does not have.")],
    );
    import_bad(
        "away.qdpx",
        &bytes,
        1,
        "away.qdpx: project.qde:5: source \"elsewhere.txt\" matches no document of the corpus (by name or by text); its 1 selection is not imported",
        false,
    );
}

#[test]
fn a_code_name_with_a_slash_or_comma_is_mapped_and_said() {
    let setup = Setup::fixture();
    let file = setup.file(
        "slash.qdpx",
        &qdpx(
            &project("speech.txt", &[(0, 6, CODE)]),
            &[("s.txt", SPEECH)],
        ),
    );
    let (code, out, err) = outcome(setup.run(&["import", &file]));
    assert_eq!(code, 0, "{out}{err}");
    assert!(
        out.contains("code \"a/b, c\" became tag \"a∕b; c\""),
        "{out}"
    );
    assert_eq!(
        setup.load().doc("speech.txt").unwrap().highlights[0].tags,
        ["a∕b; c"]
    );
}

#[test]
fn dry_run_reports_and_changes_nothing() {
    let setup = Setup::fixture();
    let file = setup.file(
        "p.qdpx",
        &qdpx(
            &project("speech.txt", &[(0, 6, CODE)]),
            &[("s.txt", SPEECH)],
        ),
    );
    let (code, out, err) = outcome(setup.run(&["import", &file, "--dry-run"]));
    assert_eq!(code, 0, "{out}{err}");
    assert!(
        out.contains("would import 1 highlight, 1 tag into the codebook"),
        "{out}"
    );
    assert!(out.contains("nothing was changed (--dry-run)"), "{out}");
    assert!(!setup.notebook().exists());
}

#[test]
fn an_import_keeps_the_previous_notebook_as_bak() {
    let setup = Setup::fixture();
    assert!(outcome(setup.run(&["note", "speech.txt", "--text", "mine"])).0 == 0);
    let before = std::fs::read(setup.notebook()).unwrap();
    let file = setup.file(
        "p.qdpx",
        &qdpx(
            &project("speech.txt", &[(0, 6, CODE)]),
            &[("s.txt", SPEECH)],
        ),
    );
    assert_eq!(outcome(setup.run(&["import", &file])).0, 0);
    let bak = setup.path("notebook.ron.bak");
    assert_eq!(std::fs::read(bak).unwrap(), before);
    let nb = setup.load();
    assert_eq!(
        nb.doc("speech.txt").unwrap().highlights[0].anchor.quote,
        "Speech"
    );
}

/// A project whose two users each coded one selection.
fn two_coders() -> String {
    let users = r#"<Users><User guid="00000000-0000-0000-0000-0000000000a1" name="ana"/><User guid="00000000-0000-0000-0000-0000000000b1" name="ben" id="B"/></Users>"#;
    project("speech.txt", &[(0, 6, CODE), (10, 20, CODE)])
        .replace("<CodeBook>", &format!("{users}<CodeBook>"))
        .replacen("<Coding ", "<Coding creatingUser=\"00000000-0000-0000-0000-0000000000a1\" ", 1)
        .replacen("<Coding guid=\"00000000-0000-0000-0002-000000000001\"", "<Coding creatingUser=\"00000000-0000-0000-0000-0000000000b1\" guid=\"00000000-0000-0000-0002-000000000001\"", 1)
}

#[test]
fn coder_imports_only_that_coders_codings() {
    let setup = Setup::fixture();
    let file = setup.file("team.qdpx", &qdpx(&two_coders(), &[("s.txt", SPEECH)]));
    let (code, out, err) = outcome(setup.run(&["import", &file, "--coder", "B"]));
    assert_eq!(code, 0, "{out}{err}");
    assert!(
        out.contains("1 selection by other coders left out"),
        "{out}"
    );
    let nb = setup.load();
    let highlights = &nb.doc("speech.txt").unwrap().highlights;
    assert_eq!(highlights.len(), 1);
    assert_eq!(highlights[0].anchor.start, 10);
}

#[test]
fn an_unknown_coder_is_refused_naming_the_coders() {
    let setup = Setup::fixture();
    let file = setup.file("team.qdpx", &qdpx(&two_coders(), &[("s.txt", SPEECH)]));
    let (code, _, err) = outcome(setup.run(&["import", &file, "--coder", "cem"]));
    assert_eq!(code, 1);
    assert!(
        err.contains("team.qdpx: no coder \"cem\" in it; its coders are: ana, ben"),
        "{err}"
    );
}

#[test]
fn export_writes_each_format_to_its_file() {
    let setup = Setup::fixture();
    assert_eq!(
        outcome(setup.run(&[
            "tag",
            "speech.txt",
            "--quote",
            "Allies must stand together",
            "--tag",
            "cyber"
        ]))
        .0,
        0
    );
    for (format, file, starts) in [
        ("qdpx", "p.qdpx", &b"PK"[..]),
        ("qdc", "c.qdc", b"<?xml"),
        ("csv", "h.csv", b"path,id,title"),
        ("w3c", "a.jsonld", b"{"),
    ] {
        let out = setup.path(file);
        let (code, stdout, stderr) = outcome(setup.run(&[
            "export",
            "--format",
            format,
            "-o",
            &out.display().to_string(),
        ]));
        assert_eq!(code, 0, "{format}: {stdout}{stderr}");
        assert!(std::fs::read(&out).unwrap().starts_with(starts), "{format}");
    }
    // Options of another format are refused, not ignored.
    let (code, _, err) = outcome(setup.run(&["export", "--format", "csv", "--group-by", "tag"]));
    assert_eq!(code, 1);
    assert!(err.contains("--group-by is for Markdown exports"), "{err}");
    let (code, _, err) = outcome(setup.run(&["export", "--crlf"]));
    assert_eq!(code, 1);
    assert!(err.contains("--crlf is for --format qdpx"), "{err}");
}

#[test]
fn a_qdpx_from_the_command_line_imports_back_into_an_empty_notebook() {
    let setup = Setup::fixture();
    assert_eq!(
        outcome(setup.run(&[
            "tag",
            "speech.txt",
            "--quote",
            "Allies must stand together",
            "--tag",
            "cyber"
        ]))
        .0,
        0
    );
    assert_eq!(
        outcome(setup.run(&["tag", "briefing.md", "--tag", "hybrid"])).0,
        0
    );
    let out = setup.path("p.qdpx").display().to_string();
    assert_eq!(
        outcome(setup.run(&["export", "--format", "qdpx", "-o", &out])).0,
        0
    );
    let original = setup.load();
    std::fs::rename(setup.notebook(), setup.path("old.ron")).unwrap();
    let (code, stdout, stderr) = outcome(setup.run(&["import", &out]));
    assert_eq!(code, 0, "{stdout}{stderr}");
    let imported = setup.load();
    let quotes = |nb: &Notebook| -> Vec<(String, Vec<String>)> {
        nb.documents
            .values()
            .flat_map(|e| {
                e.highlights
                    .iter()
                    .map(|h| (h.anchor.quote.clone(), h.tags.clone()))
            })
            .collect()
    };
    assert_eq!(quotes(&imported), quotes(&original));
    assert_eq!(imported.doc("briefing.md").unwrap().tags, ["hybrid"]);
    assert_eq!(imported.codebook, original.codebook);
}
