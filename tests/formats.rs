//! Corpora in the formats they come in (SPEC §11, issue 15): the real HTML and ODT files of
//! `../shared/formats` and our own PDF, DOCX, ODT and HTML fixtures give their title and
//! their exact sentences to a phrase query, lose their page furniture, keep highlights
//! across reopening, and bad files are skipped with a warning naming them.

mod common;

use common::{dossier_in, stdout};
use dossier::store::{Corpus, Format};
use std::path::{Path, PathBuf};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/formats")
}

fn shared_formats() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/formats");
    if dir.join("README.md").exists() {
        Some(dir)
    } else {
        eprintln!("notice: ../shared/formats is absent; the real-file checks are skipped");
        None
    }
}

/// A corpus folder holding copies of `files` from `from`, in a temporary home.
struct Home {
    dir: tempfile::TempDir,
}

impl Home {
    fn with(from: &Path, files: &[&str]) -> Home {
        let dir = tempfile::tempdir().unwrap();
        let corpus = dir.path().join("corpus");
        std::fs::create_dir_all(&corpus).unwrap();
        for file in files {
            let name = Path::new(file).file_name().unwrap();
            std::fs::copy(from.join(file), corpus.join(name)).unwrap();
        }
        Home { dir }
    }

    fn corpus(&self) -> PathBuf {
        self.dir.path().join("corpus")
    }

    fn cmd(&self) -> assert_cmd::Command {
        let mut cmd = dossier_in(self.dir.path());
        cmd.arg("-C").arg(self.corpus());
        cmd
    }

    /// The JSON objects `dossier list` prints for `args`.
    fn list(&self, args: &[&str]) -> Vec<serde_json::Value> {
        let out = stdout(self.cmd().arg("list").args(args).args(["--format", "json"]));
        out.lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect()
    }

    /// The paths of the documents where the exact `sentence` is found by a phrase query.
    fn found(&self, sentence: &str) -> Vec<String> {
        let query = format!("\"{}\"", sentence.replace('"', "\\\""));
        self.list(&["--query", &query])
            .iter()
            .map(|d| d["path"].as_str().unwrap().to_owned())
            .collect()
    }
}

/// One row of the shared README: file, title, sentence.
struct Row {
    file: String,
    title: String,
    sentence: String,
}

/// The rows of the README's table for HTML and ODT files.
fn readme_rows(dir: &Path) -> Vec<Row> {
    let readme = std::fs::read_to_string(dir.join("README.md")).unwrap();
    let mut rows = Vec::new();
    for line in readme.lines().filter(|l| l.starts_with("| ")) {
        // Cells are split at `|` but not at `\|`, which is a `|` inside a cell.
        let cells: Vec<String> = line
            .replace("\\|", "\u{0}")
            .split('|')
            .map(|c| c.trim().replace('\u{0}', "|"))
            .collect();
        let [_, file, format, _, _, _, title, sentence, ..] = cells.as_slice() else {
            continue;
        };
        if !matches!(format.as_str(), "HTML" | "ODT") {
            continue;
        }
        let title = title
            .strip_prefix('"')
            .and_then(|t| t.split_once("\" /"))
            .map(|(t, _)| t.to_owned())
            .unwrap();
        // `[sic]` is the README's remark on a typo in the record, not part of it.
        let sentence = sentence.trim_end_matches("[sic]").trim().to_owned();
        rows.push(Row {
            file: file.clone(),
            title,
            sentence,
        });
    }
    rows
}

#[test]
fn every_shared_html_and_odt_file_gives_its_title_and_its_sentence() {
    let Some(dir) = shared_formats() else {
        return;
    };
    let rows = readme_rows(&dir);
    assert_eq!(rows.len(), 8, "six HTML pages and two ODT records");
    let files: Vec<&str> = rows.iter().map(|r| r.file.as_str()).collect();
    let home = Home::with(&dir, &files);
    let docs = home.list(&[]);
    for row in &rows {
        let doc = docs
            .iter()
            .find(|d| d["path"] == row.file.as_str())
            .unwrap_or_else(|| panic!("{} is a document", row.file));
        assert_eq!(doc["title"], row.title.as_str(), "{}", row.file);
        let format = if row.file.ends_with(".odt") {
            "odt"
        } else {
            "html"
        };
        assert_eq!(doc["format"], format);
        assert_eq!(
            home.found(&row.sentence),
            std::slice::from_ref(&row.file),
            "{}",
            row.sentence
        );
    }
}

#[test]
fn the_shared_hansard_records_are_dated_by_their_dateline() {
    let Some(dir) = shared_formats() else {
        return;
    };
    let home = Home::with(
        &dir,
        &[
            "ke_debaterecord_1991-3-20_en.odt",
            "debaterecord_ken_eng_2008_12_17_main.odt",
        ],
    );
    let docs = home.list(&["--sort", "path"]);
    assert_eq!(docs[0]["date"], "2008-12-17");
    assert_eq!(docs[1]["date"], "1991-03-20");
}

#[test]
fn navigation_footers_and_scripts_of_real_pages_are_not_text() {
    let Some(dir) = shared_formats() else {
        return;
    };
    let corpus = Corpus::load(&[dir]).unwrap();
    let furniture = [
        ("congress-bill_nelson_press.html", "You are here"),
        ("congress-vitter_press.html", "Kaliste Saloom"),
        ("congress-rand_paul_press.html", "Toggle navigation"),
        ("congress-rand_paul_press.html", "Flag Requests"),
    ];
    for (file, words) in furniture {
        let doc = corpus.find(file).unwrap();
        assert!(!doc.text.contains(words), "{file} shows {words:?}");
    }
    for doc in corpus.documents.iter().filter(|d| d.format == Format::Html) {
        for code in [
            "function(",
            "document.write",
            "_gaq",
            "text/javascript",
            "{ ",
        ] {
            assert!(!doc.text.contains(code), "{}: {code:?}", doc.path);
        }
    }
}

/// Our fixtures: file, title, date, one exact sentence.
const OWN: &[(&str, &str, &str, &str)] = &[
    (
        "statement.pdf",
        "Statement by the Minister for Coastal Affairs",
        "2019-03-14",
        "We will begin the implementation of the new warning system in the spring of next year.",
    ),
    (
        "remarks.docx",
        "Remarks on the harbour reconstruction",
        "2020-04-02",
        "The regional fund pays for one third of the cost, and the port authority for the rest.",
    ),
    (
        "address.odt",
        "Address to the fishing cooperative",
        "2021-06-09",
        "Friends, the season has been hard[1], but the market held.",
    ),
    (
        "governor.html",
        "Governor announces the river clean-up",
        "2022-05-17",
        "\u{201c}Our rivers belong to everyone,\u{201d} the Governor said.",
    ),
];

fn own_home() -> Home {
    let files: Vec<&str> = OWN.iter().map(|(f, ..)| *f).collect();
    Home::with(&fixtures(), &files)
}

#[test]
fn own_pdf_docx_odt_and_html_give_their_title_date_and_sentence() {
    let home = own_home();
    let docs = home.list(&[]);
    assert_eq!(docs.len(), OWN.len());
    for (file, title, date, sentence) in OWN {
        let doc = docs.iter().find(|d| d["path"] == *file).unwrap();
        assert_eq!(doc["title"], *title, "{file}");
        assert_eq!(doc["date"], *date, "{file}");
        assert_eq!(
            home.found(sentence),
            [(*file).to_owned()],
            "{file}: {sentence}"
        );
    }
}

#[test]
fn list_json_names_each_documents_format() {
    let home = own_home();
    let formats: Vec<(String, String)> = home
        .list(&["--sort", "path"])
        .iter()
        .map(|d| {
            (
                d["path"].as_str().unwrap().into(),
                d["format"].as_str().unwrap().into(),
            )
        })
        .collect();
    let expected = [
        ("address.odt", "odt"),
        ("governor.html", "html"),
        ("remarks.docx", "docx"),
        ("statement.pdf", "pdf"),
    ];
    let expected: Vec<(String, String)> = expected
        .iter()
        .map(|(p, f)| ((*p).into(), (*f).into()))
        .collect();
    assert_eq!(formats, expected);
}

#[test]
fn footnotes_of_word_processor_files_are_kept_in_order() {
    let home = own_home();
    let docs = home.list(&[]);
    let notes = |file: &str| docs.iter().find(|d| d["path"] == file).unwrap()["footnotes"].clone();
    assert_eq!(
        notes("remarks.docx"),
        serde_json::json!([
            "According to the contractor's report of March 2020.",
            "Subject to the dredging permit."
        ])
    );
    assert_eq!(
        notes("address.odt"),
        serde_json::json!(["The catch fell by a fifth."])
    );
}

#[test]
fn running_headers_footers_page_numbers_and_page_furniture_are_not_text() {
    let corpus = Corpus::load(&[fixtures()]).unwrap();
    let pdf = corpus.find("statement.pdf").unwrap();
    for furniture in [
        "Ministry of Coastal Affairs - Press Office",
        "Embargoed until delivery",
    ] {
        assert!(
            !pdf.text.contains(furniture),
            "{furniture:?} in {}",
            pdf.text
        );
    }
    assert!(
        pdf.text.lines().all(|l| l.trim().parse::<u32>().is_err()),
        "a page number line in {}",
        pdf.text
    );
    let html = corpus.find("governor.html").unwrap();
    for leak in [
        "NAV", "MENU", "MASTHEAD", "FOOTER", "SCRIPT", "STYLE", "NOSCRIPT",
    ] {
        let marker = format!("{leak}-LEAK");
        assert!(!html.text.contains(&marker), "{marker} in {}", html.text);
    }
    // And a phrase query for them finds nothing.
    let home = own_home();
    for phrase in [
        "Embargoed until delivery",
        "Press Office",
        "NAV-LEAK News",
        "Privacy",
    ] {
        assert!(home.found(phrase).is_empty(), "{phrase}");
    }
}

#[test]
fn html_keeps_paragraphs_and_links_as_text() {
    let corpus = Corpus::load(&[fixtures()]).unwrap();
    let html = corpus.find("governor.html").unwrap();
    assert!(
        html.text
            .starts_with("Governor announces the river clean-up\n\n")
    );
    assert!(html.text.contains("with the full plan published online."));
    assert!(
        html.text
            .contains("\n\nRemoving the old weirs\n\nPlanting the banks")
    );
}

#[test]
fn extracted_text_is_byte_identical_on_every_run_and_from_the_cache() {
    let cache = tempfile::tempdir().unwrap();
    let paths = [fixtures()];
    let first = Corpus::load(&paths).unwrap();
    let again = Corpus::load(&paths).unwrap();
    let cold = Corpus::load_cached(&paths, Some(cache.path())).unwrap();
    let warm = Corpus::load_cached(&paths, Some(cache.path())).unwrap();
    // The four fixtures and the Latin-1 page in `bad/`, and the rows of the datasets
    // (`tests/datasets.rs`): three and two, and two each of the bad CSV and JSON Lines.
    assert_eq!(first.documents.len(), 5 + 3 + 2 + 2 + 2);
    for (((a, b), c), d) in first
        .documents
        .iter()
        .zip(&again.documents)
        .zip(&cold.documents)
        .zip(&warm.documents)
    {
        assert_eq!(a.text.as_bytes(), b.text.as_bytes(), "{}", a.path);
        assert_eq!(a.text.as_bytes(), c.text.as_bytes(), "{}", a.path);
        assert_eq!(a.text.as_bytes(), d.text.as_bytes(), "{}", a.path);
        assert_eq!((&a.id, &a.meta), (&d.id, &d.meta));
    }
}

#[test]
fn a_warm_start_takes_extracted_texts_from_the_cache() {
    let cache = tempfile::tempdir().unwrap();
    let home = own_home();
    let paths = [home.corpus()];
    Corpus::load_cached(&paths, Some(cache.path())).unwrap();
    let kept = walk_files(&cache.path().join("extracted"));
    assert_eq!(
        kept.len(),
        OWN.len(),
        "one extracted text per file: {kept:?}"
    );
    // A kept text is what a warm start shows: replace one and the start shows it.
    let pdf = kept
        .iter()
        .find(|p| p.to_string_lossy().ends_with(".pdf.bin"))
        .unwrap();
    std::fs::write(pdf, b"not a valid entry").unwrap();
    let warm = Corpus::load_cached(&paths, Some(cache.path())).unwrap();
    assert!(
        warm.find("statement.pdf")
            .unwrap()
            .text
            .contains("warning system")
    );
    // ... and the damaged entry was extracted again and written back whole.
    assert_ne!(std::fs::read(pdf).unwrap(), b"not a valid entry");
}

fn walk_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(walk_files(&path));
        } else {
            out.push(path);
        }
    }
    out
}

#[test]
fn highlights_on_pdf_docx_odt_and_html_stay_ok_after_reopening() {
    let home = own_home();
    let quotes = [
        ("statement.pdf", "implementation of the new warning system"),
        ("remarks.docx", "one third of the cost"),
        ("address.odt", "the market held"),
        ("governor.html", "Our rivers belong to everyone"),
    ];
    for (file, quote) in quotes {
        stdout(
            home.cmd()
                .args(["tag", file, "--quote", quote, "--tag", "kept"]),
        );
    }
    // Reopened twice: from the files, then with every text from the caches.
    for _ in 0..2 {
        let docs = home.list(&[]);
        for (file, quote) in quotes {
            let doc = docs.iter().find(|d| d["path"] == file).unwrap();
            let h = &doc["highlights"][0];
            assert_eq!(
                (h["quote"].as_str(), h["state"].as_str()),
                (Some(quote), Some("ok")),
                "{file}"
            );
        }
        let check = home.cmd().arg("check").output().unwrap();
        assert!(
            check.status.success(),
            "{}",
            String::from_utf8_lossy(&check.stdout)
        );
    }
}

#[test]
fn a_phrase_is_never_looked_for_in_the_raw_bytes_of_an_extracted_format() {
    // A DOCX is compressed and an HTML page escapes its text: a raw scan of either would
    // rule out phrases they hold. The second list reads the index and its texts lazily.
    let home = own_home();
    for _ in 0..2 {
        assert_eq!(home.found("one third of the cost"), ["remarks.docx"]);
        assert_eq!(
            home.found("everyone,\u{201d} the Governor"),
            ["governor.html"]
        );
        assert_eq!(home.found("the implementation of"), ["statement.pdf"]);
    }
}

#[test]
fn a_latin1_page_with_a_meta_charset_is_read_in_its_charset() {
    let home = Home::with(&fixtures(), &["bad/latin1.html"]);
    let docs = home.list(&[]);
    assert_eq!(docs[0]["title"], "D\u{e9}claration du ministre");
    assert_eq!(docs[0]["warnings"], serde_json::json!([]));
    assert_eq!(
        home.found("Gr\u{fc}\u{df}e aus M\u{fc}nchen, se\u{f1}or."),
        ["latin1.html"]
    );
}

#[test]
fn bad_files_are_skipped_with_a_warning_naming_them_and_the_corpus_still_opens() {
    let home = Home::with(
        &fixtures(),
        &[
            "bad/scanned.pdf",
            "bad/encrypted.pdf",
            "bad/truncated.pdf",
            "bad/not-a-document.docx",
            "remarks.docx",
        ],
    );
    let out = home
        .cmd()
        .args(["list", "-v", "--format", "json"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert_eq!(stdout.lines().count(), 1, "only the good file: {stdout}");
    let stderr = String::from_utf8(out.stderr).unwrap();
    let expected = [
        ("scanned.pdf", "looks scanned"),
        ("encrypted.pdf", "encrypted"),
        ("truncated.pdf", "not a readable PDF file"),
        ("not-a-document.docx", "not a readable DOCX file"),
    ];
    for (file, why) in expected {
        let line = stderr
            .lines()
            .find(|l| l.contains(file))
            .unwrap_or_else(|| panic!("no warning for {file}: {stderr}"));
        assert!(line.starts_with("warning: "), "{line}");
        assert!(line.contains(why), "{line}");
    }
}

#[test]
fn a_truncated_or_garbled_file_in_any_format_never_panics() {
    let dir = fixtures();
    for file in [
        "statement.pdf",
        "remarks.docx",
        "address.odt",
        "governor.html",
    ] {
        let bytes = std::fs::read(dir.join(file)).unwrap();
        for cut in (1..bytes.len()).step_by(97) {
            let _ = dossier::store::read_document(file, &bytes[..cut]);
            let mut garbled = bytes.clone();
            garbled[cut] ^= 0x5a;
            let _ = dossier::store::read_document(file, &garbled);
        }
    }
}

#[test]
fn a_same_size_edit_with_its_time_put_back_is_extracted_again() {
    // A warm start takes an unchanged PDF's text from the extracted-text cache without
    // reading the file; "unchanged" includes the change time and inode (issue 12, defect
    // 11), so garbage of the same size with the old modification time is noticed.
    let cache = tempfile::tempdir().unwrap();
    let home = own_home();
    let pdf = home.corpus().join("statement.pdf");
    let settled = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
    let set_time = |path: &Path| {
        let file = std::fs::File::options().write(true).open(path).unwrap();
        file.set_modified(settled).unwrap();
    };
    for entry in std::fs::read_dir(home.corpus()).unwrap() {
        set_time(&entry.unwrap().path());
    }
    let paths = [home.corpus()];
    let cold = Corpus::load_cached(&paths, Some(cache.path())).unwrap();
    assert!(
        cold.find("statement.pdf")
            .unwrap()
            .text
            .contains("warning system")
    );
    let size = std::fs::metadata(&pdf).unwrap().len();
    std::fs::write(&pdf, vec![b'x'; usize::try_from(size).unwrap()]).unwrap();
    set_time(&pdf);
    let warm = Corpus::load_cached(&paths, Some(cache.path())).unwrap();
    assert!(
        warm.find("statement.pdf").is_err(),
        "the garbage is read, not trusted"
    );
    assert!(
        warm.warnings
            .iter()
            .any(|w| w.path.ends_with("statement.pdf")),
        "{:?}",
        warm.warnings
    );
}
