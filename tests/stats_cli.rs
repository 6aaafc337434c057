//! `dossier stats`: each chart's rows equal counts computed here from the documents' dates
//! and the notebook; the coefficient on a hand-made example; SVG that parses as XML.

mod common;

use dossier::notebook::Notebook;
use dossier::store::Corpus;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

fn run(home: &Path, args: &[&str]) -> String {
    let mut cmd = common::dossier_in(home);
    cmd.args(args);
    common::stdout(&mut cmd)
}

fn json(home: &Path, args: &[&str]) -> Vec<serde_json::Value> {
    let mut all = args.to_vec();
    all.extend(["--format", "json"]);
    run(home, &all)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

/// A corpus of four documents, tagged by hand:
/// a: x and y, and two overlapping highlights, one x, one y; b: x; c: y; d: x, y, z.
struct Tagged {
    home: tempfile::TempDir,
    corpus: PathBuf,
    notebook: PathBuf,
}

impl Tagged {
    fn new() -> Tagged {
        let home = tempfile::tempdir().unwrap();
        let corpus = home.path().join("four");
        std::fs::create_dir_all(&corpus).unwrap();
        for (name, text) in [
            (
                "a.txt",
                "A\n\nBrussels, 14 March 2019\n\nalpha beta gamma delta.\n",
            ),
            ("b.txt", "B\n\nBrussels, 2 May 2019\n\nNothing much.\n"),
            ("c.txt", "C\n\nParis, 3 June 2020\n\nSomething else.\n"),
            ("d.txt", "D\n\nNo date here.\n"),
        ] {
            std::fs::write(corpus.join(name), text).unwrap();
        }
        let t = Tagged {
            notebook: home.path().join("nb.ron"),
            home,
            corpus,
        };
        t.dossier(&["tag", "a.txt", "d.txt", "--tag", "x,y"]);
        t.dossier(&["tag", "b.txt", "--tag", "x"]);
        t.dossier(&["tag", "c.txt", "--tag", "y"]);
        t.dossier(&["tag", "d.txt", "--tag", "z/deep"]);
        t.dossier(&["tag", "a.txt", "--quote", "alpha beta", "--tag", "x"]);
        t.dossier(&["tag", "a.txt", "--quote", "beta gamma", "--tag", "y"]);
        t.dossier(&["tag", "a.txt", "--quote", "delta", "--tag", "z"]);
        t
    }

    fn dossier(&self, args: &[&str]) -> String {
        let mut all: Vec<&str> = vec!["-C", self.corpus.to_str().unwrap(), "--notebook"];
        all.push(self.notebook.to_str().unwrap());
        all.extend(args);
        run(self.home.path(), &all)
    }

    fn json(&self, args: &[&str]) -> Vec<serde_json::Value> {
        let mut all = args.to_vec();
        all.extend(["--format", "json"]);
        self.dossier(&all)
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect()
    }
}

#[test]
fn the_coefficient_of_a_hand_made_example() {
    let t = Tagged::new();
    let rows = t.json(&["stats", "cooccurrence"]);
    let xy = rows
        .iter()
        .find(|r| r["a"] == "x" && r["b"] == "y")
        .unwrap();
    // x on a, b, d; y on a, c, d; both on a and d: 2 / (3 + 3 - 2).
    assert_eq!(xy["documents"], 2);
    assert_eq!(xy["coefficient"], 0.5);
    // The x and y highlights of a overlap on "beta".
    assert_eq!(xy["highlights"], 1);
    let keys: Vec<&str> = xy.as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(keys, ["a", "b", "documents", "highlights", "coefficient"]);
}

#[test]
fn tags_roll_up_the_hierarchy() {
    let t = Tagged::new();
    let rows = t.json(&["stats", "tags"]);
    let of = |tag: &str| rows.iter().find(|r| r["tag"] == tag).unwrap().clone();
    assert_eq!(of("x")["documents"], 3);
    assert_eq!(of("x")["highlights"], 1);
    // z/deep on d, z on a highlight of a: z counts both documents.
    assert_eq!(of("z")["documents"], 2);
    assert_eq!(of("z/deep")["documents"], 1);
    let only_2019 = t.json(&["stats", "tags", "--query", "date:2019"]);
    let x = only_2019.iter().find(|r| r["tag"] == "x").unwrap();
    assert_eq!(x["documents"], 2, "the query narrows the chart");
}

#[test]
fn timeline_by_year_counts_undated_apart() {
    let t = Tagged::new();
    let rows = t.json(&["stats", "timeline", "--by", "year"]);
    let cells: Vec<(String, u64)> = rows
        .iter()
        .map(|r| {
            (
                r["period"].as_str().unwrap().to_owned(),
                r["documents"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        cells,
        [
            ("2019".to_owned(), 2),
            ("2020".to_owned(), 1),
            ("undated".to_owned(), 1)
        ]
    );
    let quarters = t.json(&["stats", "timeline", "--by", "quarter", "--tag", "x"]);
    let periods: Vec<&str> = quarters
        .iter()
        .map(|r| r["period"].as_str().unwrap())
        .collect();
    assert_eq!(
        periods,
        [
            "2019-Q1", "2019-Q2", "2019-Q3", "2019-Q4", "2020-Q1", "2020-Q2", "undated"
        ]
    );
    assert_eq!(quarters[0]["series"], "tag:x");
    assert_eq!(quarters[0]["hits"], 1, "the highlight tagged x in a");
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
fn timeline_by_year_equals_the_documents_dates() {
    let Some(dir) = shared("isaf-press-releases") else {
        return;
    };
    let home = tempfile::tempdir().unwrap();
    let rows = json(
        home.path(),
        &["stats", "timeline", "--by", "year", dir.to_str().unwrap()],
    );
    let corpus = Corpus::load(std::slice::from_ref(&dir)).unwrap();
    let mut expected: BTreeMap<String, u64> = BTreeMap::new();
    for d in &corpus.documents {
        let period = d
            .meta
            .date
            .map_or("undated".to_owned(), |d| format!("{:04}", d.year()));
        *expected.entry(period).or_default() += 1;
    }
    let got: BTreeMap<String, u64> = rows
        .iter()
        .map(|r| {
            (
                r["period"].as_str().unwrap().to_owned(),
                r["documents"].as_u64().unwrap(),
            )
        })
        .filter(|(_, n)| *n > 0)
        .collect();
    assert_eq!(got, expected);
    assert!(expected.len() > 3);
}

/// wh-nato-sample with tags from autocode, and its notebook read back.
fn autocoded(home: &Path, dir: &Path) -> Notebook {
    let nb = home.join("nb.ron");
    for (phrase, tag, scope) in [
        ("\"ukraine\"", "ukraine", "paragraph"),
        ("\"russia\"", "russia", "sentence"),
        ("\"cyber\"", "threats/cyber", "sentence"),
        ("\"china\"", "china", "sentence"),
    ] {
        run(
            home,
            &[
                "tag",
                "-C",
                dir.to_str().unwrap(),
                "--notebook",
                nb.to_str().unwrap(),
                "--query",
                phrase,
                "--scope",
                scope,
                "--tag",
                tag,
            ],
        );
    }
    dossier::notebook::load(&nb, "wh-nato-sample").unwrap()
}

#[test]
fn cooccurrence_and_matrix_equal_counts_from_the_notebook() {
    let Some(dir) = shared("wh-nato-sample") else {
        return;
    };
    let home = tempfile::tempdir().unwrap();
    let nb = autocoded(home.path(), &dir);
    let nb_path = home.path().join("nb.ron");
    let base = [
        "-C",
        dir.to_str().unwrap(),
        "--notebook",
        nb_path.to_str().unwrap(),
    ];
    let corpus = Corpus::load(std::slice::from_ref(&dir)).unwrap();

    let mut args = vec!["stats", "cooccurrence"];
    args.extend(base);
    let rows = json(home.path(), &args);
    let mut pairs: BTreeMap<(String, String), u64> = BTreeMap::new();
    for entry in nb.documents.values() {
        let tags: BTreeSet<&String> = entry
            .tags
            .iter()
            .chain(entry.highlights.iter().flat_map(|h| &h.tags))
            .collect();
        for a in &tags {
            for b in &tags {
                if a < b {
                    *pairs.entry(((*a).clone(), (*b).clone())).or_default() += 1;
                }
            }
        }
    }
    let got: BTreeMap<(String, String), u64> = rows
        .iter()
        .map(|r| {
            let key = (
                r["a"].as_str().unwrap().to_owned(),
                r["b"].as_str().unwrap().to_owned(),
            );
            (key, r["documents"].as_u64().unwrap())
        })
        .filter(|(_, n)| *n > 0)
        .collect();
    assert_eq!(got, pairs);
    assert!(pairs.len() >= 3);

    let mut args = vec!["stats", "matrix", "--by", "year"];
    args.extend(base);
    let rows = json(home.path(), &args);
    let year_of: BTreeMap<&str, String> = corpus
        .documents
        .iter()
        .map(|d| {
            (
                d.path.as_str(),
                d.meta
                    .date
                    .map_or("(none)".to_owned(), |d| d.year().to_string()),
            )
        })
        .collect();
    let mut cells: BTreeMap<(String, String), u64> = BTreeMap::new();
    for (path, entry) in &nb.documents {
        let year = year_of[path.as_str()].clone();
        for h in &entry.highlights {
            let mut tags: BTreeSet<String> = BTreeSet::new();
            for t in &h.tags {
                // A tag counts for the tags above it.
                let mut prefix = String::new();
                for part in t.split('/') {
                    if !prefix.is_empty() {
                        prefix.push('/');
                    }
                    prefix.push_str(part);
                    tags.insert(prefix.clone());
                }
            }
            for t in tags {
                *cells.entry((t, year.clone())).or_default() += 1;
            }
        }
    }
    let got: BTreeMap<(String, String), u64> = rows
        .iter()
        .map(|r| {
            let key = (
                r["tag"].as_str().unwrap().to_owned(),
                r["group"].as_str().unwrap().to_owned(),
            );
            (key, r["count"].as_u64().unwrap())
        })
        .collect();
    assert_eq!(got, cells);
    assert!(got.contains_key(&("threats".to_owned(), "2024".to_owned())));
}

#[test]
fn every_chart_draws_svg_that_parses_as_xml() {
    let t = Tagged::new();
    for chart in [
        &["tags"][..],
        &[
            "timeline",
            "--by",
            "month",
            "--tag",
            "x",
            "--query",
            "\"alpha\"",
        ],
        &["cooccurrence"],
        &["matrix", "--by", "speaker"],
        &["matrix", "--by", "document"],
    ] {
        let svg = t.home.path().join("chart.svg");
        let mut args = vec!["stats"];
        args.extend(chart);
        args.extend(["--svg", svg.to_str().unwrap()]);
        t.dossier(&args);
        let text = std::fs::read_to_string(&svg).unwrap();
        let doc = roxmltree::Document::parse(&text).unwrap_or_else(|e| panic!("{chart:?}: {e}"));
        assert_eq!(doc.root_element().tag_name().name(), "svg");
        assert!(
            doc.descendants().any(|n| n.tag_name().name() == "text"),
            "{chart:?}"
        );
    }
}

#[test]
fn an_unknown_group_names_the_known_ones() {
    let home = tempfile::tempdir().unwrap();
    common::dossier_in(home.path())
        .args(["stats", "matrix", "--by", "party"])
        .assert()
        .code(1)
        .stderr(predicates::str::contains(
            "expected document, speaker, kind, year",
        ));
}

#[test]
fn csv_has_the_same_columns_as_json() {
    let t = Tagged::new();
    let csv = t.dossier(&["stats", "cooccurrence", "--format", "csv"]);
    assert_eq!(
        csv.lines().next(),
        Some("a,b,documents,highlights,coefficient")
    );
    assert!(csv.contains("x,y,2,1,0.500"), "{csv}");
}
