//! Datasets (SPEC §11, issue 15): CSV, TSV and JSON Lines files whose rows are documents at
//! `FILE#ID`, their columns fields; the real month of congressional press releases of
//! `../shared/formats` gives its README's title, date and sentence; rows are shown, tagged,
//! highlighted, triaged and exported like any document; bad rows are left out with their
//! line named; a CSV that names the other documents is a table; a large file streams; the
//! rows are the same on every run and from the cache.

mod common;

use common::{dossier_in, stdout};
use dossier::store::dataset::{self, DatasetError, Options};
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
        eprintln!("notice: ../shared/formats is absent; the real-dataset checks are skipped");
        None
    }
}

/// A corpus folder in a temporary home.
struct Home {
    dir: tempfile::TempDir,
}

impl Home {
    /// A corpus of copies of `files` from `from`.
    fn with(from: &Path, files: &[&str]) -> Home {
        let home = Home::empty();
        for file in files {
            let name = Path::new(file).file_name().unwrap();
            std::fs::copy(from.join(file), home.corpus().join(name)).unwrap();
        }
        home
    }

    fn empty() -> Home {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("corpus")).unwrap();
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

    /// The stderr of `dossier list -v` (each warning), which must succeed.
    fn warnings(&self) -> String {
        let out = self.cmd().args(["list", "-v"]).output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stderr).unwrap()
    }
}

fn doc<'a>(docs: &'a [serde_json::Value], path: &str) -> &'a serde_json::Value {
    docs.iter()
        .find(|d| d["path"] == path)
        .unwrap_or_else(|| panic!("no document {path}"))
}

/// The JSON Lines row of the shared README: file, title, date, sentence.
fn readme_jsonl(dir: &Path) -> (String, String, String, String) {
    let readme = std::fs::read_to_string(dir.join("README.md")).unwrap();
    let line = readme
        .lines()
        .find(|l| l.starts_with("| ") && l.contains("| JSONL |"))
        .expect("the README lists the JSON Lines file");
    let cells: Vec<&str> = line.split('|').map(str::trim).collect();
    let [_, file, _, _, _, _, title_date, sentence, ..] = cells.as_slice() else {
        panic!("a README row of eight cells: {line}");
    };
    // `row 1: "TITLE" / DATE`
    let (title, date) = title_date
        .split_once('"')
        .and_then(|(_, rest)| rest.split_once("\" / "))
        .unwrap();
    (
        file.to_string(),
        title.to_owned(),
        date.to_owned(),
        sentence.to_string(),
    )
}

#[test]
fn the_shared_press_releases_give_the_readmes_title_date_and_sentence() {
    let Some(dir) = shared_formats() else {
        return;
    };
    let (file, title, date, sentence) = readme_jsonl(&dir);
    let home = Home::with(&dir, &[&file]);
    let docs = home.list(&[]);
    // 1,204 rows, of which 75 have an empty text (a release that is only a link).
    assert_eq!(docs.len(), 1204 - 75);
    let first = doc(&docs, &format!("{file}#1"));
    assert_eq!(first["title"], title.as_str());
    assert_eq!(first["date"], date.as_str());
    assert_eq!(first["format"], "jsonl");
    // Nested objects are dotted fields.
    assert_eq!(first["fields"]["member.party"], "Republican");
    assert_eq!(first["fields"]["domain"], "conaway.house.gov");
    assert_eq!(home.found(&sentence), [format!("{file}#1")]);
    assert!(
        home.warnings()
            .contains("75 rows have an empty text and are left out (lines 11, 17,"),
        "the empty rows are one line"
    );
}

#[test]
fn csv_rows_are_documents_at_file_hash_id_with_their_columns_as_fields() {
    let home = Home::with(&fixtures(), &["speeches.csv"]);
    let docs = home.list(&["--sort", "path"]);
    let paths: Vec<&str> = docs.iter().map(|d| d["path"].as_str().unwrap()).collect();
    assert_eq!(
        paths,
        [
            "speeches.csv#s-101",
            "speeches.csv#s-102",
            "speeches.csv#s-103"
        ]
    );
    let first = &docs[0];
    assert_eq!(first["format"], "csv");
    assert_eq!(first["title"], "Statement on the flood relief package");
    assert_eq!(first["date"], "2021-05-04");
    assert_eq!(first["speaker"], "Minister Ana Ribeiro");
    assert_eq!(
        first["fields"],
        serde_json::json!({"id": "s-101", "party": "Coastal Alliance"})
    );
    // A date in words is read as such; an empty cell is no field.
    assert_eq!(docs[2]["date"], "2021-07-12");
    assert_eq!(
        docs[2]["title"],
        "Press release: \"Clean water, every village\""
    );
    assert_eq!(docs[2]["fields"], serde_json::json!({"id": "s-103"}));
    assert_eq!(
        home.found("the first ferry docks again"),
        ["speeches.csv#s-102"]
    );
    // The title column is a field, not text.
    assert!(home.found("Remarks at the harbour opening").is_empty());
}

#[test]
fn tsv_rows_without_an_id_column_are_numbered_from_one() {
    let home = Home::with(&fixtures(), &["speeches.tsv"]);
    let docs = home.list(&["--sort", "path"]);
    assert_eq!(docs.len(), 2);
    assert_eq!(docs[0]["path"], "speeches.tsv#1");
    assert_eq!(docs[0]["format"], "tsv");
    // Column names are matched in any case.
    assert_eq!(docs[0]["title"], "Opening speech");
    assert_eq!(docs[1]["date"], "2019-03-16");
    assert_eq!(home.found("count what has changed"), ["speeches.tsv#2"]);
}

#[test]
fn a_row_is_shown_tagged_highlighted_triaged_and_exported_by_its_path() {
    let home = Home::with(&fixtures(), &["speeches.csv", "speeches.tsv"]);
    let shown = stdout(home.cmd().args(["show", "speeches.csv#s-102"]));
    assert!(
        shown.contains("title: Remarks at the harbour opening"),
        "{shown}"
    );
    assert!(shown.contains("Friends, this harbour was closed for nine years."));
    stdout(home.cmd().args([
        "tag",
        "speeches.csv#s-102",
        "--quote",
        "the first ferry docks again",
        "--tag",
        "ferry",
    ]));
    stdout(
        home.cmd()
            .args(["tag", "speeches.tsv#1", "--tag", "fisheries"]),
    );
    stdout(
        home.cmd()
            .args(["triage", "speeches.csv#s-101", "--status", "relevant"]),
    );
    // Reopened twice: from the files, then from the caches.
    for _ in 0..2 {
        let docs = home.list(&[]);
        let h = &doc(&docs, "speeches.csv#s-102")["highlights"][0];
        assert_eq!(h["quote"], "the first ferry docks again");
        assert_eq!(h["state"], "ok");
        assert_eq!(doc(&docs, "speeches.tsv#1")["tags"][0], "fisheries");
        assert_eq!(doc(&docs, "speeches.csv#s-101")["status"], "relevant");
        let check = home.cmd().arg("check").output().unwrap();
        assert!(
            check.status.success(),
            "{}",
            String::from_utf8_lossy(&check.stdout)
        );
    }
    let out = home.dir.path().join("notes.md");
    stdout(home.cmd().arg("export").arg("--output").arg(&out));
    let markdown = std::fs::read_to_string(&out).unwrap();
    assert!(
        markdown.contains("the first ferry docks again"),
        "{markdown}"
    );
}

#[test]
fn a_ragged_csv_row_is_left_out_with_its_line_named_and_the_others_load() {
    let home = Home::with(&fixtures(), &["bad/ragged.csv"]);
    let paths: Vec<String> = home
        .list(&["--sort", "path"])
        .iter()
        .map(|d| d["path"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(paths, ["ragged.csv#a", "ragged.csv#c"]);
    let warnings = home.warnings();
    let line = warnings
        .lines()
        .find(|l| l.contains("ragged.csv"))
        .unwrap_or_else(|| panic!("no warning: {warnings}"));
    assert!(line.starts_with("warning: "), "{line}");
    assert!(
        line.contains("line 3: 4 fields where the header has 3"),
        "{line}"
    );
}

#[test]
fn a_json_lines_line_that_is_not_json_is_named_by_line_and_column_and_the_others_load() {
    let home = Home::with(&fixtures(), &["bad/broken.jsonl"]);
    let paths: Vec<String> = home
        .list(&["--sort", "path"])
        .iter()
        .map(|d| d["path"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(paths, ["broken.jsonl#1", "broken.jsonl#3"]);
    let warnings = home.warnings();
    assert!(
        warnings.contains("broken.jsonl: line 2, column 30: not JSON"),
        "{warnings}"
    );
}

#[test]
fn a_dataset_without_a_text_column_is_skipped_with_a_warning_and_the_corpus_opens() {
    let home = Home::with(&fixtures(), &["bad/no-text.csv", "speeches.tsv"]);
    assert_eq!(home.list(&[]).len(), 2);
    let warnings = home.warnings();
    let line = warnings
        .lines()
        .find(|l| l.contains("no-text.csv"))
        .unwrap_or_else(|| panic!("no warning: {warnings}"));
    assert!(line.contains("skipped: no text column"), "{line}");
    assert!(
        line.contains("\"party\""),
        "names the longest column: {line}"
    );
}

#[test]
fn a_csv_whose_column_names_the_other_documents_is_a_table_not_a_dataset() {
    let home = Home::empty();
    let long = "An abstract long enough to look like a text column. ".repeat(5);
    let mut table = String::from("file,abstract\n");
    for n in 1..=5 {
        let name = format!("speech-{n}.txt");
        std::fs::write(
            home.corpus().join(&name),
            format!("Speech {n}\n\nText {n}."),
        )
        .unwrap();
        // Four of five documents named: 80%.
        if n < 5 {
            table.push_str(&format!("{name},{long}\n"));
        }
    }
    std::fs::write(home.corpus().join("metadata.csv"), table).unwrap();
    let docs = home.list(&[]);
    assert_eq!(docs.len(), 5, "only the text files");
    assert!(docs.iter().all(|d| d["format"] == "text"));
    let warnings = home.warnings();
    assert!(
        warnings.contains("metadata.csv: joined as a metadata table by \"file\" = name"),
        "{warnings}"
    );
    // And joined: its other columns are the documents' fields (SPEC §10).
    assert!(
        docs.iter()
            .filter(|d| d["fields"]["abstract"].is_string())
            .count()
            == 4
    );
}

#[test]
fn rows_are_byte_identical_on_every_run_from_the_cache_and_loaded_lazily() {
    let home = Home::with(
        &fixtures(),
        &["speeches.csv", "speeches.tsv", "bad/broken.jsonl"],
    );
    let cache = tempfile::tempdir().unwrap();
    let paths = [home.corpus()];
    let first = Corpus::load(&paths).unwrap();
    let cold = Corpus::load_cached(&paths, Some(cache.path())).unwrap();
    let warm = Corpus::load_cached(&paths, Some(cache.path())).unwrap();
    let mut index = Corpus::index_cached(&paths, Some(cache.path())).unwrap();
    assert!(index.load_texts(|_| true).is_empty());
    assert_eq!(first.documents.len(), 7);
    for other in [&cold, &warm, &index] {
        assert_eq!(other.documents.len(), first.documents.len());
        for (a, b) in first.documents.iter().zip(&other.documents) {
            assert_eq!(a.path, b.path);
            assert_eq!(a.text.as_bytes(), b.text.as_bytes(), "{}", a.path);
            assert_eq!((&a.id, &a.meta, a.format), (&b.id, &b.meta, b.format));
            assert!(b.loaded);
        }
    }
    // The rows of each file are kept in the extracted-text cache.
    let kept = std::fs::read_dir(cache.path().join("extracted"))
        .unwrap()
        .flat_map(|d| std::fs::read_dir(d.unwrap().path()).unwrap())
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .path()
                .to_string_lossy()
                .ends_with(".rows")
        })
        .count();
    assert_eq!(kept, 3);
}

#[test]
fn a_damaged_cache_entry_is_read_again_from_the_file() {
    let home = Home::with(&fixtures(), &["speeches.csv"]);
    let cache = tempfile::tempdir().unwrap();
    let paths = [home.corpus()];
    let before = Corpus::load_cached(&paths, Some(cache.path())).unwrap();
    for fan in std::fs::read_dir(cache.path().join("extracted")).unwrap() {
        for entry in std::fs::read_dir(fan.unwrap().path()).unwrap() {
            let path = entry.unwrap().path();
            let mut bytes = std::fs::read(&path).unwrap();
            let middle = bytes.len() / 2;
            bytes[middle] ^= 0x20;
            std::fs::write(&path, bytes).unwrap();
        }
    }
    let mut index = Corpus::index_cached(&paths, Some(cache.path())).unwrap();
    index.load_texts(|_| true);
    for (a, b) in before.documents.iter().zip(&index.documents) {
        assert_eq!(a.text.as_bytes(), b.text.as_bytes());
    }
}

#[test]
fn a_changed_row_gets_a_new_id_and_the_other_rows_keep_theirs() {
    let home = Home::with(&fixtures(), &["speeches.csv"]);
    let paths = [home.corpus()];
    let before = Corpus::load(&paths).unwrap();
    let file = home.corpus().join("speeches.csv");
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(&file, text.replace("nine years", "ten years")).unwrap();
    let after = Corpus::load(&paths).unwrap();
    let id = |c: &Corpus, p: &str| c.find(p).unwrap().id.clone();
    assert_ne!(
        id(&before, "speeches.csv#s-102"),
        id(&after, "speeches.csv#s-102")
    );
    assert_eq!(
        id(&before, "speeches.csv#s-101"),
        id(&after, "speeches.csv#s-101")
    );
    assert_eq!(
        id(&before, "speeches.csv#s-103"),
        id(&after, "speeches.csv#s-103")
    );
}

/// A CSV of `rows` rows of about `size` bytes of text each, written as it goes.
fn write_large_csv(path: &Path, rows: usize, size: usize) -> u64 {
    use std::io::Write;
    let mut out = std::io::BufWriter::new(std::fs::File::create(path).unwrap());
    writeln!(out, "id,date,title,text").unwrap();
    let sentence = "The committee heard the evidence and will report to the chamber. ";
    let body = sentence.repeat(size / sentence.len() + 1);
    for n in 0..rows {
        writeln!(
            out,
            "r{n},2020-01-{:02},Statement {n},\"Statement number {n}. {}\"",
            n % 28 + 1,
            &body[..size]
        )
        .unwrap();
    }
    out.flush().unwrap();
    std::fs::metadata(path).unwrap().len()
}

#[test]
fn a_large_dataset_streams_and_is_read_back_whole() {
    let home = Home::empty();
    let file = home.corpus().join("large.csv");
    let bytes = write_large_csv(&file, 20_000, 1000);
    assert!(bytes > 20_000_000);
    // A file written within the cache's racy window is never trusted (as Git's index does
    // not trust it): age it, so the test does not depend on how fast the machine writes.
    let past = std::time::SystemTime::now() - std::time::Duration::from_secs(60);
    std::fs::File::options()
        .write(true)
        .open(&file)
        .unwrap()
        .set_modified(past)
        .unwrap();
    let cache = tempfile::tempdir().unwrap();
    let paths = [home.corpus()];
    let cold = Corpus::load_cached(&paths, Some(cache.path())).unwrap();
    assert_eq!(cold.documents.len(), 20_000);
    let last = cold.find("large.csv#r19999").unwrap();
    assert!(
        last.text
            .starts_with("Statement number 19999. The committee")
    );
    assert_eq!(last.meta.title, "Statement 19999");
    let mut index = Corpus::index_cached(&paths, Some(cache.path())).unwrap();
    assert!(index.documents.iter().all(|d| !d.loaded));
    index.load_texts(|d| d.path == "large.csv#r7");
    let loaded: Vec<&str> = index
        .documents
        .iter()
        .filter(|d| d.loaded)
        .map(|d| d.path.as_str())
        .collect();
    assert_eq!(loaded, ["large.csv#r7"], "only the rows asked for are kept");
}

#[test]
fn parse_from_bytes_chooses_the_longest_column_unless_one_is_named() {
    let csv = std::fs::read(fixtures().join("speeches.csv")).unwrap();
    let parsed = dataset::parse(Format::Csv, &csv, &Options::default()).unwrap();
    assert_eq!(parsed.rows.len(), 3);
    assert_eq!(parsed.rows[0].key, "s-101");
    assert_eq!(parsed.rows[0].line, 2);
    assert!(parsed.rows[0].text.starts_with("Today the government"));
    // The second row starts on line 4: the first one's text has a line break.
    assert_eq!(parsed.rows[1].line, 4);
    let by_title = Options {
        text: Some("TITLE".to_owned()),
        id: Some("date".to_owned()),
    };
    let parsed = dataset::parse(Format::Csv, &csv, &by_title).unwrap();
    assert_eq!(parsed.rows[0].text, "Statement on the flood relief package");
    assert_eq!(parsed.rows[0].key, "2021-05-04");
    let missing = Options {
        text: Some("speech".to_owned()),
        id: None,
    };
    assert!(matches!(
        dataset::parse(Format::Csv, &csv, &missing),
        Err(DatasetError::MissingColumn { .. })
    ));
}

#[test]
fn duplicate_ids_get_a_suffix_and_a_note() {
    let long = "x".repeat(300);
    let csv = format!("id,text\na,{long}\na,{long}y\n");
    let parsed = dataset::parse(Format::Csv, csv.as_bytes(), &Options::default()).unwrap();
    let keys: Vec<&str> = parsed.rows.iter().map(|r| r.key.as_str()).collect();
    assert_eq!(keys, ["a", "a~2"]);
    assert!(parsed.notes[0].contains("line 3: the id \"a\" is taken"));
}

#[test]
fn a_rows_path_names_its_file_even_with_hashes_in_the_key() {
    assert_eq!(
        dataset::split_path("press/2013#03.jsonl#r#1"),
        Some(("press/2013#03.jsonl", "r#1", Format::JsonLines))
    );
    assert_eq!(dataset::split_path("notes#1.txt"), None);
    assert_eq!(Format::of_document("a.tsv#9"), Some(Format::Tsv));
    assert_eq!(Format::of_document("a.txt"), Some(Format::Text));
}

#[test]
fn garbled_and_truncated_datasets_never_panic() {
    let files = [
        ("speeches.csv", Format::Csv),
        ("speeches.tsv", Format::Tsv),
        ("bad/broken.jsonl", Format::JsonLines),
        ("bad/ragged.csv", Format::Csv),
    ];
    for (file, format) in files {
        let bytes = std::fs::read(fixtures().join(file)).unwrap();
        for cut in (0..bytes.len()).step_by(13) {
            let _ = dataset::parse(format, &bytes[..cut], &Options::default());
            let mut garbled = bytes.clone();
            garbled[cut] ^= 0xa5;
            let _ = dataset::parse(format, &garbled, &Options::default());
        }
    }
}

#[test]
fn an_in_memory_corpus_reads_datasets_too() {
    let csv = std::fs::read(fixtures().join("speeches.csv")).unwrap();
    let corpus = Corpus::from_files("mem", &[("speeches.csv", &csv)]);
    assert_eq!(corpus.documents.len(), 3);
    assert_eq!(corpus.documents[0].format, Format::Csv);
}

/// The reader on the CSV fixture's rows, at 120×35.
fn dataset_state() -> dossier::state::State {
    use dossier::notebook::Notebook;
    use dossier::state::{Settings, State};
    let csv = std::fs::read(fixtures().join("speeches.csv")).unwrap();
    let corpus = std::sync::Arc::new(Corpus::from_files("speeches", &[("speeches.csv", &csv)]));
    let notebook = Notebook::new(&corpus.name);
    State::new(corpus, notebook, Settings::default(), (120, 35)).unwrap()
}

fn press(state: &mut dossier::state::State, keys: &[&str]) {
    use dossier::keymap::Key;
    for key in keys {
        let key = Key::parse(key).unwrap();
        if let Some(action) = state.action_for_key(key) {
            dossier::state::update(state, action);
        }
    }
}

#[test]
fn in_the_reader_rows_are_triaged_and_highlighted_like_any_document() {
    let mut state = dataset_state();
    let first = state.current_path().unwrap().to_owned();
    assert!(first.starts_with("speeches.csv#"), "{first}");
    press(&mut state, &["1"]);
    assert_eq!(state.status_of(&first), Some("relevant"));
    let row = state.current_path().unwrap().to_owned();
    assert_ne!(row, first, "on to the next untriaged row");
    press(&mut state, &["enter", ")", "t"]);
    for c in "water".chars() {
        press(&mut state, &[&c.to_string()]);
    }
    press(&mut state, &["enter"]);
    let entry = state.notes_of(&row).unwrap();
    assert_eq!(entry.highlights.len(), 1);
    assert_eq!(entry.highlights[0].tags, ["water"]);
    let text = &state.current().unwrap().text;
    assert!(text.contains(entry.highlights[0].anchor.quote.as_str()));
}

#[test]
fn the_document_list_shows_rows_by_title_and_date() {
    let state = dataset_state();
    let backend = ratatui::backend::TestBackend::new(120, 35);
    let mut terminal = ratatui::Terminal::new(backend).unwrap();
    terminal.draw(|f| dossier::ui::draw(f, &state)).unwrap();
    let buffer = terminal.backend().buffer();
    let screen: String = (0..buffer.area.height)
        .map(|y| {
            (0..buffer.area.width)
                .map(|x| buffer[(x, y)].symbol())
                .collect::<String>()
                + "\n"
        })
        .collect();
    for shown in [
        "○ 2021-05-04 Statement on the f",
        "○ 2021-06-11 Remarks at the har",
        "╭ speeches.csv#s-103 ─",
        "2021-07-12 · press release · Ministry of Health",
        "villages without piped water will be connected by the",
    ] {
        assert!(screen.contains(shown), "{shown}:\n{screen}");
    }
}
