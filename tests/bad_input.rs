//! The store opens corpora full of bad files: each is skipped or repaired with one warning
//! line naming it, and nothing it holds can reach the terminal.

mod common;

use assert_cmd::Command;
use dossier::store::Corpus;
use std::fs;
use std::path::Path;

fn write(dir: &Path, name: &str, bytes: &[u8]) {
    let path = dir.join(name);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, bytes).unwrap();
}

fn load(dir: &Path) -> Corpus {
    Corpus::load(&[dir.to_path_buf()]).expect("corpus opens")
}

fn text_of<'a>(corpus: &'a Corpus, path: &str) -> &'a str {
    &corpus
        .documents
        .iter()
        .find(|d| d.path == path)
        .expect(path)
        .text
}

fn dossier() -> Command {
    let mut cmd = common::dossier_in(&common::shared_home());
    cmd.env("COLUMNS", "120");
    cmd
}

#[test]
fn invalid_utf8_is_replaced_and_warned() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "bad.txt", b"Title\n\nabc \xff\xfe def\n");
    let corpus = load(dir.path());
    assert_eq!(
        text_of(&corpus, "bad.txt"),
        "Title\n\nabc \u{FFFD}\u{FFFD} def"
    );
    assert_eq!(corpus.warnings.len(), 1);
    assert!(corpus.warnings[0].message.contains("invalid UTF-8"));
}

#[test]
fn byte_order_mark_is_dropped() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "bom.txt", "\u{FEFF}Title line\nBody".as_bytes());
    let corpus = load(dir.path());
    assert_eq!(corpus.documents[0].meta.title, "Title line");
    assert!(corpus.warnings.is_empty(), "a BOM is normal, not a repair");
}

#[test]
fn cr_crlf_and_line_separators_become_lf() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "a.txt",
        b"one\r\ntwo\rthree\xe2\x80\xa8four\xe2\x80\xa9five\n",
    );
    let corpus = load(dir.path());
    assert_eq!(text_of(&corpus, "a.txt"), "one\ntwo\nthree\nfour\nfive");
}

#[test]
fn binary_empty_and_unreadable_files_are_skipped_and_the_rest_opens() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "good.txt", b"A good statement\n");
    write(dir.path(), "binary.txt", b"PK\x03\x04\x00\x00binary");
    write(dir.path(), "empty.txt", b"");
    write(dir.path(), "blank.md", b"  \n\n ");
    std::os::unix::fs::symlink(
        dir.path().join("nowhere.txt"),
        dir.path().join("dangling.txt"),
    )
    .unwrap();
    let corpus = load(dir.path());
    assert_eq!(corpus.documents.len(), 1);
    let mut warned: Vec<String> = corpus
        .warnings
        .iter()
        .map(|w| w.path.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    warned.sort();
    assert_eq!(
        warned,
        ["binary.txt", "blank.md", "dangling.txt", "empty.txt"]
    );
}

#[test]
fn unreadable_file_is_skipped_with_a_warning() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "good.txt", b"A good statement\n");
    write(dir.path(), "secret.txt", b"hidden\n");
    let secret = dir.path().join("secret.txt");
    fs::set_permissions(&secret, fs::Permissions::from_mode(0o000)).unwrap();
    if fs::read(&secret).is_ok() {
        eprintln!(
            "notice: running as root, permissions do not stop reads; unreadable-file case not exercised"
        );
        return;
    }
    let corpus = load(dir.path());
    assert_eq!(corpus.documents.len(), 1);
    assert!(corpus.warnings[0].message.contains("cannot read"));
}

#[test]
fn symbolic_link_loops_are_walked_once() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "sub/a.txt", b"A statement\n");
    std::os::unix::fs::symlink(dir.path(), dir.path().join("sub/loop")).unwrap();
    let corpus = load(dir.path());
    assert_eq!(corpus.documents.len(), 1);
    assert!(corpus.warnings.iter().any(|w| w.message.contains("loop")));
}

#[test]
fn folders_linked_to_each_other_are_walked_once_each() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    write(&a, "one.txt", b"One statement\n");
    write(&b, "two.txt", b"Two statement\n");
    std::os::unix::fs::symlink(&b, a.join("to-b")).unwrap();
    std::os::unix::fs::symlink(&a, b.join("to-a")).unwrap();
    let corpus = load(&a);
    let paths: Vec<&str> = corpus.documents.iter().map(|d| d.path.as_str()).collect();
    assert_eq!(paths, ["one.txt", "to-b/two.txt"]);
    assert!(corpus.warnings.iter().any(|w| w.message.contains("loop")));
}

#[test]
fn linked_files_and_folders_are_read_under_the_link_name() {
    let dir = tempfile::tempdir().unwrap();
    let (corpus_dir, elsewhere) = (dir.path().join("corpus"), dir.path().join("elsewhere"));
    write(&corpus_dir, "a.txt", b"A statement\n");
    write(&elsewhere, "deep/b.md", b"B statement\n");
    write(&elsewhere, "c.txt", b"C statement\n");
    std::os::unix::fs::symlink(&elsewhere, corpus_dir.join("linked")).unwrap();
    std::os::unix::fs::symlink(elsewhere.join("c.txt"), corpus_dir.join("c-link.txt")).unwrap();
    let corpus = load(&corpus_dir);
    let paths: Vec<&str> = corpus.documents.iter().map(|d| d.path.as_str()).collect();
    assert_eq!(
        paths,
        ["a.txt", "c-link.txt", "linked/c.txt", "linked/deep/b.md"]
    );
    assert!(corpus.warnings.is_empty(), "{:?}", corpus.warnings);
}

#[test]
fn markdown_is_rendered_under_either_extension() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.md", b"# Title\n\nSome *stress* here.\n");
    write(
        dir.path(),
        "b.markdown",
        b"# Title\n\nSome *stress* here.\n",
    );
    let corpus = load(dir.path());
    assert_eq!(text_of(&corpus, "a.md"), "Title\n\nSome stress here.");
    assert_eq!(text_of(&corpus, "b.markdown"), text_of(&corpus, "a.md"));
}

#[test]
fn a_200000_character_line_loads_whole() {
    let dir = tempfile::tempdir().unwrap();
    let line = "word ".repeat(40_000);
    write(
        dir.path(),
        "long.txt",
        format!("Title\n{line}\n").as_bytes(),
    );
    let corpus = load(dir.path());
    assert_eq!(
        text_of(&corpus, "long.txt").len(),
        "Title\n".len() + line.trim_end().len()
    );
}

#[test]
fn escape_sequences_and_controls_are_removed() {
    let dir = tempfile::tempdir().unwrap();
    let nasty = "\u{1b}]0;pwned\u{7}Title \u{1b}[31mred\u{1b}[0m\n\u{1b}[2J\u{8}\u{7f}\u{85}\u{9b}1mBody\u{c}page two\u{202e}rtl\n";
    write(dir.path(), "nasty.txt", nasty.as_bytes());
    let corpus = load(dir.path());
    let doc = &corpus.documents[0];
    assert_eq!(doc.meta.title, "Title red");
    assert_eq!(&*doc.text, "Title red\nBody\npage twortl");
    assert!(
        corpus.warnings[0]
            .message
            .contains("control characters removed")
    );
}

#[test]
fn thai_cjk_and_right_to_left_text_load() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "th.txt",
        "ข่าวทำเนียบรัฐบาล\n\nวันศุกร์ที่ 28 เมษายน 2560\nเนื้อหา".as_bytes(),
    );
    write(dir.path(), "zh.txt", "北约秘书长声明\n正文".as_bytes());
    write(dir.path(), "ar.txt", "بيان صحفي\nالنص".as_bytes());
    let corpus = load(dir.path());
    let title = |p: &str| {
        corpus
            .documents
            .iter()
            .find(|d| d.path == p)
            .unwrap()
            .meta
            .title
            .clone()
    };
    assert_eq!(title("th.txt"), "ข่าวทำเนียบรัฐบาล");
    assert_eq!(title("zh.txt"), "北约秘书长声明");
    assert_eq!(title("ar.txt"), "بيان صحفي");
    let th = corpus
        .documents
        .iter()
        .find(|d| d.path == "th.txt")
        .unwrap();
    assert_eq!(th.meta.date, Some("2017-04-28".parse().unwrap()));
}

#[test]
fn each_bad_file_gets_one_warning_line_on_stderr_with_verbose() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "good.txt", b"Good\n");
    write(dir.path(), "binary.txt", b"\x00\x01");
    write(dir.path(), "ctl.txt", b"Bad \x1b[31m\n");
    let out = dossier()
        .args(["list", "-v"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(out.status.success());
    let stderr = String::from_utf8(out.stderr).unwrap();
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines.len(), 2, "{stderr}");
    assert!(
        lines
            .iter()
            .any(|l| l.contains("binary.txt") && l.contains("skipped"))
    );
    assert!(
        lines
            .iter()
            .any(|l| l.contains("ctl.txt") && l.contains("control character"))
    );
}

#[test]
fn missing_corpus_is_one_error_and_exit_1() {
    let out = dossier()
        .args(["list", "/no/such/corpus"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.contains("/no/such/corpus") && stderr.contains("no such file"));
}

#[test]
fn corpus_without_documents_is_one_error_and_exit_1() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "picture.png", b"\x89PNG");
    let out = dossier().arg("list").arg(dir.path()).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.contains("no documents"));
}

#[test]
fn output_never_holds_a_control_character() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "x\u{1b}[31m.txt",
        b"\x1b]2;title\x07T\x9b2J\nbody \x1b[1m\x00",
    );
    write(
        dir.path(),
        "y.md",
        b"---\ntitle: \"a\\e[31mb\"\n---\nbody &#27;[2J\n",
    );
    write(dir.path(), "z.txt", "Zed \u{85}\u{9d}\u{1b}c\nx".as_bytes());
    for args in [
        vec!["list".to_owned()],
        vec!["list".to_owned(), "--format".to_owned(), "json".to_owned()],
        vec!["list".to_owned(), "--format".to_owned(), "tsv".to_owned()],
        vec!["show".to_owned(), "y.md".to_owned()],
        vec!["show".to_owned(), "z.txt".to_owned()],
    ] {
        let out = dossier()
            .arg("-C")
            .arg(dir.path())
            .args(&args)
            .output()
            .unwrap();
        for stream in [&out.stdout, &out.stderr] {
            let text = String::from_utf8_lossy(stream);
            let bad: Vec<char> = text
                .chars()
                .filter(|c| c.is_control() && !matches!(c, '\n' | '\t'))
                .collect();
            assert!(bad.is_empty(), "{args:?} printed {bad:?} in {text}");
        }
    }
}

#[test]
fn json_escapes_del_and_c1_controls_in_file_names_and_the_codebook() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    let name = "del\u{7f}csi\u{9b}nel\u{85}.txt";
    write(&corpus, name, b"Title\n\nBody.\n");
    let notebook = dir.path().join("nb.ron");
    fs::write(
        &notebook,
        "Notebook(version: 1, corpus: \"corpus\", codebook: [Tag(name: \"x\", description: \
         \"a\\u{7f}b\\u{9b}c\")])",
    )
    .unwrap();
    for (args, field, expect) in [
        (&["list", "--format", "json"][..], "path", name),
        (
            &["tags", "--format", "json"],
            "description",
            "a\u{7f}b\u{9b}c",
        ),
    ] {
        let out = dossier()
            .arg("-C")
            .arg(&corpus)
            .arg("--notebook")
            .arg(&notebook)
            .args(args)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let text = String::from_utf8(out.stdout).unwrap();
        let raw: Vec<char> = text
            .chars()
            .filter(|c| c.is_control() && *c != '\n')
            .collect();
        assert!(raw.is_empty(), "{args:?} printed {raw:?} raw");
        assert!(
            text.contains("\\u007f") && text.contains("\\u009b"),
            "{text}"
        );
        let value: serde_json::Value = serde_json::from_str(text.lines().next().unwrap()).unwrap();
        assert_eq!(value[field], expect, "the escapes read back as the text");
    }
}

#[cfg(target_os = "linux")]
#[test]
fn a_document_whose_name_is_not_utf8_can_be_shown_and_tagged() {
    use std::os::unix::ffi::OsStrExt;
    let home = tempfile::tempdir().unwrap();
    let corpus = home.path().join("corpus");
    fs::create_dir(&corpus).unwrap();
    let name = std::ffi::OsStr::from_bytes(b"caf\xff.txt");
    fs::write(
        corpus.join(name),
        "Latin-1 name\n\nThe ministers agreed on cyber defence.\n",
    )
    .unwrap();
    fs::write(corpus.join("plain.txt"), "Plain\n\nAnother text.\n").unwrap();
    // Files older than the cache, so that it vouches for them without a read.
    let old = std::time::SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(1_577_836_800);
    for file in [corpus.join(name), corpus.join("plain.txt")] {
        fs::File::options()
            .write(true)
            .open(file)
            .unwrap()
            .set_modified(old)
            .unwrap();
    }
    let notebook = home.path().join("nb.ron");
    let run = |args: &[&str]| {
        common::dossier_in(home.path())
            .arg("-C")
            .arg(&corpus)
            .arg("--notebook")
            .arg(&notebook)
            .args(args)
            .output()
            .unwrap()
    };
    // The first run fills the metadata cache; later ones take the document from it.
    let listed = run(&["list", "--format", "json"]);
    assert!(listed.status.success());
    let doc: serde_json::Value = String::from_utf8(listed.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
        .find(|d| d["title"] == "Latin-1 name")
        .expect("listed");
    let id = doc["id"].as_str().unwrap().to_owned();
    let shown_path = doc["path"].as_str().unwrap().to_owned();
    for key in [id.as_str(), shown_path.as_str()] {
        let out = run(&["show", key]);
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(
            out.status.success(),
            "show {key}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(
            stdout.contains("The ministers agreed on cyber defence."),
            "{stdout}"
        );
    }
    let out = run(&["tag", &id, "--quote", "cyber defence", "--tag", "cyber"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = run(&["check"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{stdout}");
    assert!(stdout.contains("1 ok"), "{stdout}");
}

#[cfg(target_os = "linux")]
#[test]
fn two_names_that_differ_only_in_bytes_that_are_not_utf8_stay_two_documents() {
    use std::os::unix::ffi::OsStrExt;
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in [
        (&b"a\xfe.txt"[..], "First\n\nOne.\n"),
        (b"a\xff.txt", "Second\n\nTwo.\n"),
    ] {
        fs::write(dir.path().join(std::ffi::OsStr::from_bytes(name)), text).unwrap();
    }
    let corpus = load(dir.path());
    let mut titles: Vec<&str> = corpus
        .documents
        .iter()
        .map(|d| d.meta.title.as_str())
        .collect();
    titles.sort();
    assert_eq!(titles, ["First", "Second"]);
    let mut paths: Vec<&str> = corpus.documents.iter().map(|d| d.path.as_str()).collect();
    paths.dedup();
    assert_eq!(paths.len(), 2, "{paths:?}");
}
