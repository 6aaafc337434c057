//! `dossier kwic`: hit counts equal an independent count, sorts, the JSON shape of SPEC
//! §13, and alignment on the hit by display width (CJK, Thai).

mod common;

use dossier::store::Corpus;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

fn shared(name: &str) -> Option<PathBuf> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/corpora")
        .join(name);
    if path.exists() {
        Some(path)
    } else {
        eprintln!("skipped: {} is absent", path.display());
        None
    }
}

/// The JSON lines of `dossier kwic QUERY ARGS…`.
fn kwic(home: &Path, query: &str, args: &[&str]) -> Vec<serde_json::Value> {
    let mut cmd = common::dossier_in(home);
    cmd.args(["kwic", query, "--format", "json"]).args(args);
    common::stdout(&mut cmd)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

/// Lowercased, every run of whitespace one space, curly apostrophes straight.
fn folded(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .replace('\u{2019}', "'")
        .to_lowercase()
}

/// Hits per path counted on the folded texts, independently of the phrase search.
fn counted(corpus: &Corpus, phrase: &str) -> BTreeMap<String, usize> {
    let phrase = folded(phrase);
    corpus
        .documents
        .iter()
        .map(|d| (d.path.clone(), folded(&d.text).matches(&phrase).count()))
        .filter(|(_, n)| *n > 0)
        .collect()
}

fn per_path(lines: &[serde_json::Value]) -> BTreeMap<String, usize> {
    let mut out = BTreeMap::new();
    for l in lines {
        *out.entry(l["path"].as_str().unwrap().to_owned())
            .or_default() += 1;
    }
    out
}

#[test]
fn hit_counts_equal_an_independent_count_on_the_sample() {
    let home = tempfile::tempdir().unwrap();
    for phrase in ["hybrid threats", "the", "nato", "Allies"] {
        let lines = kwic(home.path(), &format!("\"{phrase}\""), &[]);
        assert_eq!(
            per_path(&lines),
            counted(&Corpus::sample(), phrase),
            "{phrase}"
        );
    }
}

#[test]
fn hit_counts_equal_an_independent_count_on_the_shared_corpora() {
    for (name, phrases) in [
        (
            "wh-nato-sample",
            &[
                "hybrid threats",
                "the president",
                "ukraine",
                "article 5",
                "nato's",
            ][..],
        ),
        ("thaigov-sample", &["ประเทศ", "รัฐบาล", "นายกรัฐมนตรี"][..]),
    ] {
        let Some(dir) = shared(name) else {
            return;
        };
        let corpus = Corpus::load(std::slice::from_ref(&dir)).unwrap();
        let home = tempfile::tempdir().unwrap();
        for phrase in phrases {
            let q = format!("\"{phrase}\"");
            // Twice: the second answer comes through the word index.
            for round in ["first", "again"] {
                let lines = kwic(home.path(), &q, &[dir.to_str().unwrap()]);
                assert_eq!(
                    per_path(&lines),
                    counted(&corpus, phrase),
                    "{name} {phrase} {round}"
                );
            }
        }
    }
}

#[test]
fn lines_have_the_fields_of_the_spec() {
    let home = tempfile::tempdir().unwrap();
    let lines = kwic(home.path(), "\"hybrid threats\"", &["--width", "20"]);
    let first = &lines[0];
    let keys: Vec<&str> = first
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(
        keys,
        [
            "path", "title", "date", "speaker", "left", "hit", "right", "start", "end"
        ]
    );
    let text = Corpus::sample()
        .find(first["path"].as_str().unwrap())
        .unwrap()
        .text
        .clone();
    let (start, end) = (
        first["start"].as_u64().unwrap() as usize,
        first["end"].as_u64().unwrap() as usize,
    );
    assert_eq!(folded(&text[start..end]), "hybrid threats");
    assert!(first["left"].as_str().unwrap().chars().count() <= 20);
    assert!(first["speaker"].is_null());
}

/// The words of a context, as a sort compares them.
fn words(s: &str) -> Vec<String> {
    s.split_whitespace()
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .filter(|w| !w.is_empty())
        .collect()
}

#[test]
fn sort_right_orders_by_the_right_context() {
    let home = tempfile::tempdir().unwrap();
    let lines = kwic(
        home.path(),
        "\"the\"",
        &["--sort", "right", "--width", "60"],
    );
    assert!(lines.len() > 20);
    let keys: Vec<Vec<String>> = lines
        .iter()
        .map(|l| {
            words(l["right"].as_str().unwrap())
                .into_iter()
                .take(3)
                .collect()
        })
        .collect();
    for pair in keys.windows(2) {
        assert!(pair[0] <= pair[1], "{:?} before {:?}", pair[0], pair[1]);
    }
}

#[test]
fn sort_left_orders_by_the_nearest_words_first() {
    let home = tempfile::tempdir().unwrap();
    let lines = kwic(
        home.path(),
        "\"nato\"",
        &["--sort", "left", "--width", "60"],
    );
    let keys: Vec<Vec<String>> = lines
        .iter()
        .map(|l| {
            words(l["left"].as_str().unwrap())
                .into_iter()
                .rev()
                .take(2)
                .collect()
        })
        .collect();
    for pair in keys.windows(2) {
        assert!(pair[0] <= pair[1], "{:?} before {:?}", pair[0], pair[1]);
    }
}

#[test]
fn a_query_without_a_phrase_is_refused_with_a_hint() {
    let home = tempfile::tempdir().unwrap();
    common::dossier_in(home.path())
        .args(["kwic", "kind:speech"])
        .assert()
        .code(1)
        .stderr(predicates::str::contains("double quotes"));
}

/// The display column where `needle` starts in `line`.
fn column_of(line: &str, needle: &str) -> usize {
    use unicode_width::UnicodeWidthStr;
    line[..line.find(needle).unwrap()].width()
}

#[test]
fn the_table_aligns_hits_by_display_width_in_cjk_and_thai() {
    let home = tempfile::tempdir().unwrap();
    let corpus = home.path().join("wide");
    std::fs::create_dir_all(&corpus).unwrap();
    std::fs::write(
        corpus.join("cjk.txt"),
        "東京宣言\n\n日本語の文章です。重要な協力の話。とても長い前置きのあとに協力があります。\n",
    )
    .unwrap();
    std::fs::write(
        corpus.join("mixed.txt"),
        "Mixed\n\nshort 協力 and a much longer English run before 協力 again.\n",
    )
    .unwrap();
    std::fs::write(
        corpus.join("thai.txt"),
        "ไทย\n\nรัฐบาลไทยประกาศนโยบายความร่วมมือ 協力 ใหม่ที่นี่ และ 協力 อีกครั้ง\n",
    )
    .unwrap();
    let mut cmd = common::dossier_in(home.path());
    cmd.env("COLUMNS", "100")
        .args(["kwic", "\"協力\"", "--width", "15", "--sort", "document"])
        .arg(&corpus);
    let table = common::stdout(&mut cmd);
    let lines: Vec<&str> = table.lines().collect();
    assert_eq!(lines.len(), 6, "{table}");
    let columns: Vec<usize> = lines.iter().map(|l| column_of(l, "  協力  ")).collect();
    assert!(
        columns.iter().all(|&c| c == columns[0]),
        "{columns:?}\n{table}"
    );
    insta::assert_snapshot!("kwic_cjk_and_thai", table);
}
