//! `dossier words`: frequencies without stop words, Thai cut into dictionary words, and
//! keyness against the rest of the corpus.

mod common;

use std::path::{Path, PathBuf};

fn words(home: &Path, args: &[&str]) -> Vec<serde_json::Value> {
    let mut cmd = common::dossier_in(home);
    cmd.arg("words").args(args).args(["--format", "json"]);
    common::stdout(&mut cmd)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

fn shared(name: &str) -> Option<PathBuf> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/corpora")
        .join(name);
    path.exists().then_some(path).or_else(|| {
        eprintln!("skipped: ../shared/corpora/{name} is absent");
        None
    })
}

#[test]
fn the_top_twenty_english_words_hold_no_stop_word() {
    let Some(dir) = shared("isaf-press-releases") else {
        return;
    };
    let home = tempfile::tempdir().unwrap();
    let rows = words(home.path(), &["--top", "20", dir.to_str().unwrap()]);
    assert_eq!(rows.len(), 20);
    let stop = stop_words::get("en");
    for r in &rows {
        let w = r["word"].as_str().unwrap();
        assert!(!stop.contains(&w), "{w} is a stop word");
        assert!(w.chars().any(char::is_alphabetic), "{w}");
    }
    let counts: Vec<u64> = rows.iter().map(|r| r["count"].as_u64().unwrap()).collect();
    assert!(counts.windows(2).all(|p| p[0] >= p[1]), "{counts:?}");
    let keys: Vec<&str> = rows[0]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(keys, ["word", "count", "documents"]);
}

#[test]
fn thai_words_are_dictionary_words_not_lines() {
    let home = tempfile::tempdir().unwrap();
    let corpus = home.path().join("thai");
    std::fs::create_dir_all(&corpus).unwrap();
    std::fs::write(
        corpus.join("a.txt"),
        "ข่าว\n\nรัฐบาลไทยประกาศนโยบายใหม่\nรัฐบาลไทยประกาศนโยบายใหม่อีกครั้ง\n",
    )
    .unwrap();
    let rows = words(home.path(), &["--top", "50", corpus.to_str().unwrap()]);
    let got: Vec<(String, u64)> = rows
        .iter()
        .map(|r| {
            (
                r["word"].as_str().unwrap().to_owned(),
                r["count"].as_u64().unwrap(),
            )
        })
        .collect();
    for (word, count) in [
        ("รัฐบาล", 2),
        ("ไทย", 2),
        ("ประกาศ", 2),
        ("นโยบาย", 2),
        ("ใหม่", 2),
    ] {
        assert!(
            got.contains(&(word.to_owned(), count)),
            "{word} x{count} in {got:?}"
        );
    }
    assert!(got.iter().all(|(w, _)| w.chars().count() < 10), "{got:?}");
}

#[test]
fn the_thai_sample_is_cut_into_words() {
    let Some(dir) = shared("thaigov-sample") else {
        return;
    };
    let home = tempfile::tempdir().unwrap();
    let rows = words(home.path(), &["--top", "200", dir.to_str().unwrap()]);
    let longest = rows
        .iter()
        .map(|r| r["word"].as_str().unwrap().chars().count())
        .max()
        .unwrap();
    assert!(longest < 20, "a word of {longest} characters");
    assert!(rows.iter().any(|r| r["word"] == "รัฐบาล"));
}

#[test]
fn keyness_ranks_what_the_selection_says_more_often() {
    let home = tempfile::tempdir().unwrap();
    let corpus = home.path().join("k");
    std::fs::create_dir_all(&corpus).unwrap();
    std::fs::write(
        corpus.join("a.txt"),
        "A\n\nmaritime security maritime patrols maritime.\n",
    )
    .unwrap();
    std::fs::write(
        corpus.join("b.txt"),
        "B\n\ncyber security cyber defence budgets.\n",
    )
    .unwrap();
    std::fs::write(
        corpus.join("c.txt"),
        "C\n\ncyber budgets security defence.\n",
    )
    .unwrap();
    let rows = words(
        home.path(),
        &[
            "--keyness",
            "--query",
            "\"maritime\"",
            corpus.to_str().unwrap(),
        ],
    );
    assert_eq!(rows[0]["word"], "maritime");
    assert!(rows[0]["g2"].as_f64().unwrap() > 0.0);
    assert!(
        rows.iter().all(|r| r["word"] != "cyber"),
        "not over-represented"
    );
}
