//! Metadata you can trust (SPEC §10, issue 13): the corpus file `dossier.ron`, filename
//! patterns, metadata tables joined to the documents (configured or found by themselves),
//! the cache made stale by a changed table, a corpus's own turn pattern and `dossier init`;
//! the real UN General Debate sample and ISAF press releases of `../shared/corpora`.

mod common;

use common::dossier_in;
use dossier::store::{Corpus, TableReport};
use std::path::{Path, PathBuf};

fn shared_corpus(name: &str) -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/corpora")
        .join(name);
    if dir.exists() {
        Some(dir)
    } else {
        eprintln!("notice: ../shared/corpora/{name} is absent; its checks are skipped");
        None
    }
}

/// Copies a folder tree.
fn copy_tree(from: &Path, to: &Path) {
    for entry in walkdir(from) {
        let rel = entry.strip_prefix(from).unwrap();
        let target = to.join(rel);
        std::fs::create_dir_all(target.parent().unwrap()).unwrap();
        std::fs::copy(&entry, &target).unwrap();
    }
}

fn walkdir(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(walkdir(&p));
        } else {
            out.push(p);
        }
    }
    out
}

fn write(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

/// Sets every file under `dir` back an hour, out of the cache's racy window.
fn age(dir: &Path) {
    let past = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
    for file in walkdir(dir) {
        std::fs::File::options()
            .write(true)
            .open(&file)
            .unwrap()
            .set_modified(past)
            .unwrap();
    }
}

const UN_CORPUS_FILE: &str = r#"Corpus(
    name: Some("un-general-debate"),
    filename: Some("{country}_{session}_{year}"),
    tables: [
        Table(
            file: "Speakers_by_session.csv",
            join: {"ISO Code": "country", "Year": "year"},      // table column: document field
            fields: {"speaker": "Name of Person Speaking", "post": "Post"},  // field: column
        ),
    ],
    turns: None,
)
"#;

fn speeches(corpus: &Corpus) -> Vec<&dossier::store::Document> {
    corpus
        .documents
        .iter()
        .filter(|d| d.path.ends_with(".txt"))
        .collect()
}

#[test]
fn the_un_speakers_table_joins_on_country_and_year() {
    let Some(shared) = shared_corpus("ungdc-awkward-sample") else {
        return;
    };
    let home = tempfile::tempdir().unwrap();
    let root = home.path().join("un");
    copy_tree(&shared, &root);
    write(&root.join("dossier.ron"), UN_CORPUS_FILE);
    let corpus = Corpus::load(std::slice::from_ref(&root)).unwrap();
    let speeches = speeches(&corpus);
    assert_eq!(speeches.len(), 22);
    let with_row: Vec<_> = speeches
        .iter()
        .filter(|d| d.meta.speaker.is_some())
        .collect();
    assert_eq!(with_row.len(), 20, "two speeches of the sample have no row");
    for doc in &with_row {
        assert!(doc.meta.fields.contains_key("country"), "{}", doc.path);
        assert_eq!(doc.meta.sources["speaker"].as_str(), "table");
    }
    // Five rows (Angola, Benin, the Bahamas, Egypt, Brazil) have no post.
    let posts = with_row
        .iter()
        .filter(|d| d.meta.fields.contains_key("post"))
        .count();
    assert_eq!(posts, 15);
    let cyprus = corpus.find("Session 79 - 2024/CYP_79_2024.txt").unwrap();
    assert_eq!(
        cyprus.meta.speaker.as_deref(),
        Some("Nikos Christodoulides")
    );
    assert_eq!(cyprus.meta.fields["post"], "President");
    assert_eq!(cyprus.meta.date.unwrap().to_string(), "2024");
    // Cells are trimmed: the sheet's trailing spaces are gone.
    let hungary = corpus.find("Session 79 - 2024/HUN_79_2024.txt").unwrap();
    assert_eq!(hungary.meta.fields["post"], "Minister of Foreign Affairs");
    let report: &TableReport = &corpus.tables[0];
    assert_eq!(report.path, "Speakers_by_session.csv");
    assert_eq!(report.matched_documents, 20);
    // The two speeches without a row, and SOURCE.md.
    assert_eq!(report.unmatched_documents, 3);
    assert_eq!(report.unmatched_rows, 6, "{report:?}");
    assert!(!report.automatic);
    // The table is no document and no warning.
    assert!(
        corpus
            .documents
            .iter()
            .all(|d| !d.path.contains("Speakers"))
    );
    assert!(
        corpus
            .warnings
            .iter()
            .all(|w| !w.path.to_string_lossy().contains("Speakers")),
        "{:?}",
        corpus.warnings
    );
}

#[test]
fn without_configuration_every_un_speech_has_its_year() {
    let Some(shared) = shared_corpus("ungdc-awkward-sample") else {
        return;
    };
    let corpus = Corpus::load(&[shared]).unwrap();
    for doc in speeches(&corpus) {
        let year = doc
            .path
            .rsplit('_')
            .next()
            .unwrap()
            .trim_end_matches(".txt");
        assert_eq!(doc.meta.date.unwrap().to_string(), year, "{}", doc.path);
    }
}

#[test]
fn the_isaf_index_joins_by_itself_and_datelines_still_date() {
    let Some(shared) = shared_corpus("isaf-press-releases") else {
        return;
    };
    let corpus = Corpus::load(std::slice::from_ref(&shared)).unwrap();
    let report = &corpus.tables[0];
    assert!(report.automatic);
    assert_eq!(report.path, "index.csv");
    assert_eq!(report.join, vec![("file".to_owned(), "name".to_owned())]);
    assert_eq!(report.matched_documents, 724);
    // Counted from the CSV itself.
    let mut csv = csv::Reader::from_path(shared.join("index.csv")).unwrap();
    let province = csv
        .headers()
        .unwrap()
        .iter()
        .position(|h| h == "annotated_province")
        .unwrap();
    let helmand_rows = csv
        .records()
        .filter(|r| r.as_ref().unwrap()[province].contains("helmand"))
        .count();
    let helmand_docs = corpus
        .documents
        .iter()
        .filter(|d| {
            d.meta
                .fields
                .get("annotated_province")
                .is_some_and(|p| p.contains("helmand"))
        })
        .count();
    assert!(helmand_rows > 0);
    assert_eq!(helmand_docs, helmand_rows);
    let first = corpus.find("texts/0001.txt").unwrap();
    assert_eq!(first.meta.date.unwrap().to_string(), "2013-01-25");
    assert_eq!(first.meta.sources["date"].as_str(), "text");
    assert_eq!(first.meta.fields["annotated_start_date"], "2013-01-24");
    assert_eq!(first.meta.sources["annotated_province"].as_str(), "table");
}

#[test]
fn the_cli_says_in_one_line_that_a_table_was_joined_by_itself() {
    let Some(shared) = shared_corpus("isaf-press-releases") else {
        return;
    };
    let home = tempfile::tempdir().unwrap();
    let out = dossier_in(home.path())
        .args(["list", "--count", "-C"])
        .arg(&shared)
        .output()
        .unwrap();
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    let lines: Vec<&str> = stderr.lines().filter(|l| l.contains("index.csv")).collect();
    assert_eq!(lines.len(), 1, "{stderr}");
    assert!(lines[0].contains("joined"), "{stderr}");
}

/// A small corpus: three speeches named `CC_YEAR.txt` and what else `files` adds.
fn small_corpus(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in [
        ("FRA_1996.txt", "Speech of France.\n\nWe speak."),
        ("DEU_1996.txt", "Speech of Germany.\n\nWe speak too."),
        ("ITA_1997.txt", "Speech of Italy.\n\nAnd we."),
    ]
    .iter()
    .chain(files)
    {
        write(&dir.path().join(name), text);
    }
    dir
}

#[test]
fn columns_fill_fields_and_first_rows_win() {
    let dir = small_corpus(&[
        (
            "meta.csv",
            " File , Speaker ,DATE,party,\nFRA_1996.txt, Jacques ,1996-09-24,RPR,x\nDEU_1996.txt,Klaus,1996-09-25,CDU,\nFRA_1996.txt,Someone else,,,\nESP_1996.txt,Nobody,,,\n",
        ),
        (
            "dossier.ron",
            "Corpus(tables: [Table(file: \"meta.csv\", join: {\"File\": \"name\"})])",
        ),
    ]);
    let corpus = Corpus::load(&[dir.path().to_path_buf()]).unwrap();
    let fra = corpus.find("FRA_1996.txt").unwrap();
    assert_eq!(fra.meta.speaker.as_deref(), Some("Jacques"));
    assert_eq!(fra.meta.date.unwrap().to_string(), "1996-09-24");
    assert_eq!(fra.meta.sources["date"].as_str(), "table");
    assert_eq!(fra.meta.fields["party"], "RPR");
    assert!(
        !fra.meta.fields.contains_key(""),
        "an empty header is ignored"
    );
    let report = &corpus.tables[0];
    assert_eq!(report.rows, 4);
    assert_eq!(report.duplicate_keys, 1);
    assert_eq!(report.unmatched_rows, 1);
    assert_eq!(report.unmatched_examples, vec!["line 5: ESP_1996.txt"]);
    assert_eq!(report.matched_documents, 2);
    assert_eq!(report.unmatched_documents, 1);
}

fn fails_with(dir: &Path, needle: &str) {
    let home = tempfile::tempdir().unwrap();
    let out = dossier_in(home.path())
        .args(["list", "-C"])
        .arg(dir)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains(needle), "{stderr}");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
}

#[test]
fn a_bad_corpus_file_names_file_line_and_column() {
    let dir = small_corpus(&[(
        "dossier.ron",
        "Corpus(\n    filename: Some(\"{a}_{year}\"),\n    tabels: [],\n)",
    )]);
    fails_with(dir.path(), "dossier.ron:3:");
    let dir = small_corpus(&[("dossier.ron", "Corpus(\n  name: Some(\"x\"\n")]);
    fails_with(dir.path(), "dossier.ron:");
}

#[test]
fn a_table_that_does_not_parse_names_its_line() {
    let dir = small_corpus(&[
        (
            "meta.csv",
            "file,speaker\nFRA_1996.txt,Jacques\nDEU_1996.txt,Klaus,extra\n",
        ),
        (
            "dossier.ron",
            "Corpus(tables: [Table(file: \"meta.csv\", join: {\"file\": \"name\"})])",
        ),
    ]);
    fails_with(dir.path(), "meta.csv:3:");
}

#[test]
fn a_missing_join_column_is_named() {
    let dir = small_corpus(&[
        ("meta.csv", "file,speaker\nFRA_1996.txt,Jacques\n"),
        (
            "dossier.ron",
            "Corpus(tables: [Table(file: \"meta.csv\", join: {\"Filename\": \"name\"})])",
        ),
    ]);
    fails_with(dir.path(), "no column \"Filename\"");
}

#[test]
fn a_pattern_that_matches_no_file_is_one_warning() {
    let dir = small_corpus(&[("dossier.ron", "Corpus(filename: Some(\"{a}-{b}-{c}\"))")]);
    let corpus = Corpus::load(&[dir.path().to_path_buf()]).unwrap();
    let warnings: Vec<String> = corpus.warnings.iter().map(|w| w.to_string()).collect();
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(warnings[0].contains("matches no file name"), "{warnings:?}");
    // A pattern that matches gives fields and the year.
    let dir = small_corpus(&[(
        "dossier.ron",
        "Corpus(filename: Some(\"{country}_{year}\"))",
    )]);
    let corpus = Corpus::load(&[dir.path().to_path_buf()]).unwrap();
    let ita = corpus.find("ITA_1997.txt").unwrap();
    assert_eq!(ita.meta.fields["country"], "ITA");
    assert_eq!(ita.meta.sources["country"].as_str(), "path");
    assert!(corpus.warnings.is_empty());
}

#[test]
fn a_changed_table_or_corpus_file_makes_the_cache_stale() {
    let dir = small_corpus(&[
        ("meta.csv", "file,speaker\nFRA_1996.txt,Jacques\n"),
        (
            "dossier.ron",
            "Corpus(tables: [Table(file: \"meta.csv\", join: {\"file\": \"name\"})])",
        ),
    ]);
    age(dir.path());
    let cache = tempfile::tempdir().unwrap();
    let paths = [dir.path().to_path_buf()];
    let cold = Corpus::index_cached(&paths, Some(cache.path())).unwrap();
    assert_eq!(
        cold.find("FRA_1996.txt").unwrap().meta.speaker.as_deref(),
        Some("Jacques")
    );
    let warm = Corpus::index_cached(&paths, Some(cache.path())).unwrap();
    let fra = warm.find("FRA_1996.txt").unwrap();
    assert!(!fra.loaded, "taken from the cache");
    assert_eq!(fra.meta.speaker.as_deref(), Some("Jacques"));
    assert_eq!(warm.tables, cold.tables);
    // The table changes: the documents are joined again.
    write(
        &dir.path().join("meta.csv"),
        "file,speaker\nFRA_1996.txt,Chirac\n",
    );
    let after = Corpus::index_cached(&paths, Some(cache.path())).unwrap();
    assert_eq!(
        after.find("FRA_1996.txt").unwrap().meta.speaker.as_deref(),
        Some("Chirac")
    );
    // The corpus file changes: a pattern now gives fields.
    write(
        &dir.path().join("dossier.ron"),
        "Corpus(filename: Some(\"{country}_{year}\"), tables: [Table(file: \"meta.csv\", join: {\"file\": \"name\"})])",
    );
    let after = Corpus::index_cached(&paths, Some(cache.path())).unwrap();
    assert_eq!(
        after.find("DEU_1996.txt").unwrap().meta.fields["country"],
        "DEU"
    );
}

#[test]
fn the_corpus_turn_pattern_splits_unusual_transcripts() {
    let dir = tempfile::tempdir().unwrap();
    write(
        &dir.path().join("hearing.txt"),
        "Hearing\n\n[Chair] The hearing opens.\n[Witness] Thank you.\n",
    );
    write(
        &dir.path().join("dossier.ron"),
        "Corpus(turns: Some(\"^\\\\[(?<speaker>[^\\\\]]+)\\\\]\"))",
    );
    let corpus = Corpus::load(&[dir.path().to_path_buf()]).unwrap();
    let doc = corpus.find("hearing.txt").unwrap();
    let speakers: Vec<&str> = doc.meta.turns.iter().map(|t| t.speaker.as_str()).collect();
    assert_eq!(speakers, ["Chair", "Witness"]);
    // A pattern without a speaker group is an error naming the corpus file.
    write(
        &dir.path().join("dossier.ron"),
        "Corpus(turns: Some(\"^x\"))",
    );
    let err = Corpus::load(&[dir.path().to_path_buf()])
        .unwrap_err()
        .to_string();
    assert!(err.contains("dossier.ron:1:"), "{err}");
}

#[test]
fn init_writes_what_it_detects_and_never_overwrites() {
    let dir = small_corpus(&[(
        "index.csv",
        "file,party\nFRA_1996.txt,RPR\nDEU_1996.txt,CDU\nITA_1997.txt,DC\n",
    )]);
    let home = tempfile::tempdir().unwrap();
    dossier_in(home.path())
        .arg("init")
        .arg(dir.path())
        .assert()
        .success();
    let written = std::fs::read_to_string(dir.path().join("dossier.ron")).unwrap();
    assert!(written.contains("file: \"index.csv\""), "{written}");
    assert!(written.contains("join: {\"file\": \"name\"}"), "{written}");
    assert!(
        written.contains("filename: Some(\"{part1}_{year}\")"),
        "{written}"
    );
    assert!(written.contains("//"), "commented");
    // What it wrote is what the corpus then uses.
    let corpus = Corpus::load(&[dir.path().to_path_buf()]).unwrap();
    assert!(!corpus.tables[0].automatic);
    assert_eq!(
        corpus.find("ITA_1997.txt").unwrap().meta.fields["party"],
        "DC"
    );
    let out = dossier_in(home.path())
        .arg("init")
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("never overwrites"));
    assert_eq!(
        std::fs::read_to_string(dir.path().join("dossier.ron")).unwrap(),
        written
    );
}

#[test]
fn a_million_row_table_streams() {
    let dir = small_corpus(&[(
        "dossier.ron",
        "Corpus(tables: [Table(file: \"big.csv\", join: {\"stem\": \"stem\"})])",
    )]);
    {
        use std::io::Write;
        let file = std::fs::File::create(dir.path().join("big.csv")).unwrap();
        let mut out = std::io::BufWriter::new(file);
        writeln!(out, "stem,speaker,note").unwrap();
        for i in 0..1_000_000 {
            writeln!(out, "DOC_{i},Speaker {i},a note on row {i}").unwrap();
        }
        writeln!(out, "FRA_1996,Jacques,the last row").unwrap();
    }
    let corpus = Corpus::load(&[dir.path().to_path_buf()]).unwrap();
    let report = &corpus.tables[0];
    assert_eq!(report.rows, 1_000_001);
    // Only the row that names a document was kept.
    assert_eq!(report.matched_rows, 1);
    assert_eq!(report.unmatched_rows, 1_000_000);
    assert_eq!(report.unmatched_examples.len(), 5);
    assert_eq!(
        corpus.find("FRA_1996.txt").unwrap().meta.speaker.as_deref(),
        Some("Jacques")
    );
}

#[test]
fn a_changed_document_is_joined_without_reading_the_others_again() {
    let dir = small_corpus(&[(
        "index.csv",
        "file,party\nFRA_1996.txt,RPR\nDEU_1996.txt,CDU\nITA_1997.txt,DC\n",
    )]);
    age(dir.path());
    let cache = tempfile::tempdir().unwrap();
    let paths = [dir.path().to_path_buf()];
    Corpus::index_cached(&paths, Some(cache.path())).unwrap();
    write(
        &dir.path().join("FRA_1996.txt"),
        "Speech of France, again.\n\nWe speak.",
    );
    let after = Corpus::index_cached(&paths, Some(cache.path())).unwrap();
    let fra = after.find("FRA_1996.txt").unwrap();
    assert!(fra.loaded, "read again");
    assert_eq!(fra.meta.fields["party"], "RPR");
    let deu = after.find("DEU_1996.txt").unwrap();
    assert!(!deu.loaded, "taken from the cache");
    assert_eq!(deu.meta.fields["party"], "CDU");
    assert!(after.tables[0].automatic);
    assert_eq!(after.tables[0].matched_documents, 3);
    assert!(after.warnings.is_empty(), "{:?}", after.warnings);
}

#[test]
fn describe_counts_the_un_speeches_without_a_row() {
    let Some(shared) = shared_corpus("ungdc-awkward-sample") else {
        return;
    };
    let home = tempfile::tempdir().unwrap();
    let root = home.path().join("un");
    copy_tree(&shared, &root);
    write(&root.join("dossier.ron"), UN_CORPUS_FILE);
    let out = dossier_in(home.path())
        .args(["describe", "--format", "json", "-C"])
        .arg(&root)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let d: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let table = &d["tables"][0];
    assert_eq!(table["path"], "Speakers_by_session.csv");
    assert_eq!(table["matched_documents"], 20);
    assert_eq!(table["unmatched_documents"], 3, "{table}");
    assert_eq!(table["automatic"], false);
    let text = dossier_in(home.path())
        .args(["describe", "-C"])
        .arg(&root)
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&text.stdout);
    let line = text
        .lines()
        .find(|l| l.starts_with("table Speakers_by_session.csv"))
        .unwrap_or_else(|| panic!("{text}"));
    assert!(line.contains("3 documents without a row"), "{line}");
    assert!(
        line.contains("joined on ISO Code = country, Year = year"),
        "{line}"
    );
}
