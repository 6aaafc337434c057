//! `dossier list --query`, `--count` and `--saved` on the built-in sample corpus.

mod common;

use common::stdout;

use assert_cmd::Command;

const NEWS: &str = "000_bd0411fb3b74ac0c.txt";
const PRESSER: &str = "002_cbbf25972822090a.txt";

/// A dossier whose home, config and data dirs are in a fresh temporary folder.
fn dossier(home: &tempfile::TempDir) -> Command {
    let mut cmd = common::dossier_in(home.path());
    cmd.env("COLUMNS", "100");
    cmd
}

/// The paths of `list --format tsv`, in order.
fn listed(home: &tempfile::TempDir, args: &[&str]) -> Vec<String> {
    let out = stdout(dossier(home).args(["list", "--format", "tsv"]).args(args));
    out.lines()
        .skip(1)
        .map(|l| l.split('\t').next().unwrap().to_owned())
        .collect()
}

#[test]
fn query_narrows_the_list() {
    let home = tempfile::tempdir().unwrap();
    assert_eq!(
        listed(&home, &["--query", r#""hybrid threats""#]),
        [PRESSER]
    );
    assert_eq!(listed(&home, &["-q", "date:2019-03 kind:news"]), [NEWS]);
    assert_eq!(listed(&home, &["-q", "-speaker:stoltenberg"]), [NEWS]);
    assert!(listed(&home, &["-q", "date:2020"]).is_empty());
}

#[test]
fn fuzzy_words_rank_by_score_unless_a_sort_is_given() {
    let home = tempfile::tempdir().unwrap();
    // `ntl` fits "National"/"Atlantic" in the transcript's title better than anything in
    // the news item's; `ann` fits its "Annual". Path order is news first.
    assert_eq!(listed(&home, &["-q", "ntl"]), [PRESSER, NEWS]);
    assert_eq!(listed(&home, &["-q", "ann"]), [NEWS, PRESSER]);
    let by_path = listed(&home, &["-q", "ntl", "--sort", "path"]);
    assert_eq!(by_path, [NEWS, PRESSER]);
    let by_date = listed(&home, &["-q", "stoltenberg", "--sort", "date"]);
    assert_eq!(by_date, [PRESSER]);
}

#[test]
fn count_prints_the_number_of_documents() {
    let home = tempfile::tempdir().unwrap();
    assert_eq!(stdout(dossier(&home).args(["list", "--count"])), "2\n");
    assert_eq!(
        stdout(dossier(&home).args(["list", "--count", "-q", r#""cyber""#])),
        "2\n"
    );
    assert_eq!(
        stdout(dossier(&home).args(["list", "--count", "-q", "kind:speech"])),
        "0\n"
    );
}

#[test]
fn saved_searches_come_from_the_config() {
    let home = tempfile::tempdir().unwrap();
    // The built-in default: every document is untriaged in an empty notebook.
    assert_eq!(
        stdout(dossier(&home).args(["list", "--count", "--saved", "To triage"])),
        "2\n"
    );
    let config = home.path().join("config.ron");
    std::fs::write(
        &config,
        r#"Config(saved_searches: [("Transcripts", "kind:\"press conference\"")])"#,
    )
    .unwrap();
    let config = config.to_str().unwrap();
    assert_eq!(
        listed(&home, &["--config", config, "--saved", "transcripts"]),
        [PRESSER]
    );
    // With --query as well, both must hold.
    assert!(
        listed(
            &home,
            &[
                "--config",
                config,
                "--saved",
                "Transcripts",
                "-q",
                "date:2019"
            ]
        )
        .is_empty()
    );
}

#[test]
fn an_unknown_saved_search_lists_the_known_ones() {
    let home = tempfile::tempdir().unwrap();
    let out = dossier(&home)
        .args(["list", "--saved", "Nope"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.starts_with(r#"dossier: no saved search "Nope"; saved searches: "To triage""#),
        "{err}"
    );
}

#[test]
fn a_bad_query_is_marked_where_it_goes_wrong() {
    let home = tempfile::tempdir().unwrap();
    let out = dossier(&home)
        .args(["list", "--query", "cyber dat:2019 x"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    insta::assert_snapshot!(String::from_utf8(out.stderr).unwrap(), @r"
    dossier: query error at column 7: unknown field `dat:`; expected tag, status, has, date, kind, speaker, place, path or turn
      cyber dat:2019 x
            ^^^^
    ");
}

#[test]
fn a_bad_saved_search_is_named() {
    let home = tempfile::tempdir().unwrap();
    let config = home.path().join("config.ron");
    std::fs::write(
        &config,
        r#"Config(saved_searches: [("Broken", "date:2019-02-30")])"#,
    )
    .unwrap();
    let out = dossier(&home)
        .args([
            "list",
            "--config",
            config.to_str().unwrap(),
            "--saved",
            "Broken",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.starts_with(
            r#"dossier: saved search "Broken": query error at column 6: expected a date"#
        ),
        "{err}"
    );
}

#[test]
fn a_phrase_query_finds_the_same_documents_from_the_metadata_cache() {
    let Some(corpora) = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/corpora/wh-nato-sample")
        .canonicalize()
        .ok()
    else {
        eprintln!("notice: ../shared/corpora is absent; skipped");
        return;
    };
    let home = tempfile::tempdir().unwrap();
    let count = || {
        stdout(
            common::dossier_in(home.path())
                .args(["list", "--count", "--query", "\"Article 5\""])
                .arg(&corpora),
        )
    };
    let cold = count();
    assert!(
        home.path().join("cache/dossier").is_dir(),
        "the first run writes the cache"
    );
    assert_eq!(
        count(),
        cold,
        "the second run reads the cache and still searches every text"
    );
    assert_ne!(cold.trim(), "0");
}

#[test]
fn a_phrase_query_decided_from_raw_bytes_finds_what_a_full_load_finds() {
    // Plain text (isaf, ungdc with its controls), Markdown with front matter and links
    // (wh-nato), Thai.
    let corpora = [
        "isaf-press-releases/texts",
        "wh-nato-sample",
        "ungdc-awkward-sample",
        "thaigov-sample",
    ];
    let phrases = [
        "Afghan and coalition",
        "KABUL, Afghanistan",
        "Article 5",
        "North Atlantic",
        "NATO's",
        "the President",
        "United Nations",
        "General Assembly",
        "quantum gravity",
        "นายกรัฐมนตรี",
    ];
    for name in corpora {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../shared/corpora")
            .join(name);
        let Ok(texts) = dir.canonicalize() else {
            eprintln!("notice: ../shared/corpora is absent; skipped");
            return;
        };
        let corpus = dossier::store::Corpus::load(std::slice::from_ref(&texts)).unwrap();
        let home = tempfile::tempdir().unwrap();
        for phrase in phrases {
            let query = dossier::query::parse(&format!("\"{phrase}\"")).unwrap();
            let expected = corpus
                .documents
                .iter()
                .filter(|d| query.matches(d, None).is_some())
                .count();
            for run in ["first (writes the cache)", "second (from the cache)"] {
                let got: usize = stdout(
                    common::dossier_in(home.path())
                        .args(["list", "--count", "--query", &format!("\"{phrase}\"")])
                        .arg(&texts),
                )
                .trim()
                .parse()
                .unwrap();
                assert_eq!(got, expected, "{name}: {phrase}, {run}");
            }
        }
    }
}
