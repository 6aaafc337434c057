//! The command line on the built-in sample corpus: list, show, DOC lookup, help.

mod common;

use assert_cmd::Command;
use serde_json::Value;

fn dossier() -> Command {
    let mut cmd = common::dossier_in(&common::shared_home());
    cmd.env("COLUMNS", "100");
    cmd
}

fn json_lines(out: &[u8]) -> Vec<Value> {
    String::from_utf8(out.to_vec())
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[test]
fn list_json_describes_the_sample_corpus() {
    let out = dossier()
        .args(["list", "--format", "json"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let docs = json_lines(&out.stdout);
    assert_eq!(docs.len(), 2);
    let news = docs
        .iter()
        .find(|d| d["path"].as_str().unwrap().starts_with("000_"))
        .unwrap();
    assert_eq!(news["title"], "Q1/2019 - NATO, Annual Report 2018");
    assert_eq!(news["date"], "2019-03-14");
    assert_eq!(news["place"], "Brussels");
    assert_eq!(news["footnotes"].as_array().unwrap().len(), 1);
    assert_eq!(
        news["urls"][0],
        "https://www.nato.int/cps/en/natohq/opinions_164521.htm?selectedLocale=en"
    );
    let conf = docs
        .iter()
        .find(|d| d["path"].as_str().unwrap().starts_with("002_"))
        .unwrap();
    assert!(
        conf["title"]
            .as_str()
            .unwrap()
            .starts_with("Press conference by NATO Secretary General Jens Stoltenberg")
    );
    assert_eq!(conf["speaker"], "NATO Secretary General Jens Stoltenberg");
    assert_eq!(conf["kind"], "press conference");
    assert_eq!(conf["delivery"], "As delivered");
    assert_eq!(conf["date"], Value::Null);
    for field in [
        "path",
        "id",
        "title",
        "date",
        "place",
        "speaker",
        "kind",
        "delivery",
        "footnotes",
        "urls",
        "warnings",
    ] {
        assert!(conf.get(field).is_some(), "missing {field}");
    }
}

#[test]
fn list_sorts_by_date_newest_first_with_undated_last() {
    let out = dossier()
        .args(["list", "--format", "tsv"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    let paths: Vec<&str> = text
        .lines()
        .skip(1)
        .map(|l| l.split('\t').next().unwrap())
        .collect();
    assert_eq!(
        paths,
        ["000_bd0411fb3b74ac0c.txt", "002_cbbf25972822090a.txt"]
    );
    let out = dossier()
        .args(["list", "--format", "tsv", "--sort", "title"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.lines().nth(1).unwrap().starts_with("002_"));
}

#[test]
fn table_fits_the_terminal_width() {
    for width in ["60", "100", "200"] {
        let out = dossier()
            .env("COLUMNS", width)
            .arg("list")
            .output()
            .unwrap();
        let text = String::from_utf8(out.stdout).unwrap();
        assert_eq!(text.lines().count(), 3);
        let max: usize = width.parse().unwrap();
        for line in text.lines() {
            assert!(
                dossier::text::width(line) <= max,
                "{line:?} wider than {max}"
            );
        }
    }
}

#[test]
fn no_arguments_lists_the_sample_corpus() {
    let out = dossier().output().unwrap();
    assert!(out.status.success());
    assert!(
        String::from_utf8(out.stdout)
            .unwrap()
            .contains("Q1/2019 - NATO, Annual Report 2018")
    );
}

#[test]
fn show_prints_metadata_then_text() {
    let out = dossier()
        .args(["show", "000_bd0411fb3b74ac0c.txt"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.starts_with("    title: Q1/2019 - NATO, Annual Report 2018\n"));
    assert!(text.contains("     date: 2019-03-14\n"));
    assert!(text.contains("\n\nQ1/2019 - NATO, Annual Report 2018\n\nBrussels, 14 March 2019\n"));
}

#[test]
fn show_finds_a_document_by_id_prefix() {
    let out = dossier()
        .args(["list", "--format", "json"])
        .output()
        .unwrap();
    let id = json_lines(&out.stdout)[1]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let out = dossier().args(["show", &id[..6]]).output().unwrap();
    assert!(out.status.success());
    assert!(
        String::from_utf8(out.stdout)
            .unwrap()
            .contains("Press conference")
    );
}

#[test]
fn unknown_doc_is_an_error_listing_the_closest() {
    let out = dossier().args(["show", "002_cbbf.txt"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(stderr.lines().count(), 1);
    assert!(
        stderr.contains("no document") && stderr.contains("002_cbbf25972822090a.txt"),
        "{stderr}"
    );
}

#[test]
fn ambiguous_id_prefix_lists_the_candidates() {
    let dir = tempfile::tempdir().unwrap();
    // Find two contents whose ids share the first 4 hex digits.
    let mut seen = std::collections::HashMap::new();
    let mut pair = None;
    for i in 0..100_000u32 {
        let body = format!("Statement {i}\n");
        let id = dossier::store::content_id(body.as_bytes());
        if let Some(other) = seen.insert(id[..4].to_owned(), i) {
            pair = Some((other, i, id[..4].to_owned()));
            break;
        }
    }
    let (a, b, prefix) = pair.unwrap();
    std::fs::write(dir.path().join("a.txt"), format!("Statement {a}\n")).unwrap();
    std::fs::write(dir.path().join("b.txt"), format!("Statement {b}\n")).unwrap();
    let out = dossier()
        .arg("-C")
        .arg(dir.path())
        .args(["show", &prefix])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("ambiguous") && stderr.contains("a.txt") && stderr.contains("b.txt"),
        "{stderr}"
    );
}

#[test]
fn corpus_option_works_before_and_after_the_subcommand() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("one.txt"), "One statement\n").unwrap();
    for args in [
        vec!["-C", "DIR", "list"],
        vec!["list", "-C", "DIR"],
        vec!["list", "DIR"],
        vec!["DIR"],
    ] {
        let args: Vec<String> = args
            .iter()
            .map(|a| a.replace("DIR", dir.path().to_str().unwrap()))
            .collect();
        let out = dossier().args(&args).output().unwrap();
        assert!(
            String::from_utf8(out.stdout)
                .unwrap()
                .contains("One statement"),
            "{args:?}"
        );
    }
}

#[test]
fn every_subcommand_has_help_with_an_example_and_there_is_a_version() {
    for sub in ["list", "show"] {
        let out = dossier().args([sub, "--help"]).output().unwrap();
        assert!(out.status.success());
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(
            text.contains("Examples:") && text.contains(&format!("dossier {sub}")),
            "{sub}"
        );
    }
    let out = dossier().arg("--version").output().unwrap();
    assert!(
        String::from_utf8(out.stdout)
            .unwrap()
            .starts_with("dossier ")
    );
}

#[test]
fn usage_errors_exit_2() {
    let out = dossier()
        .args(["list", "--format", "xml"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}
