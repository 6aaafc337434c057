//! Queries on the real corpora in `../shared/corpora` (skipped with a notice when absent),
//! with expected counts computed here another way: dates from `isaf-press-releases/index.csv`,
//! phrases by a plain substring scan.

use dossier::notebook::Notebook;
use dossier::query::{FieldIndex, filter, parse};
use dossier::store::Corpus;
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;

fn corpora() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpora");
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!("notice: ../shared/corpora is absent; query corpus tests skipped");
        None
    }
}

fn matching(corpus: &Corpus, query: &str) -> HashSet<String> {
    let query = parse(query).unwrap();
    filter(
        &query,
        &corpus.documents,
        &FieldIndex::new(&corpus.documents),
        &Notebook::new("t"),
        &AtomicBool::new(false),
    )
    .unwrap()
    .into_iter()
    .map(|h| corpus.documents[h.index].path.clone())
    .collect()
}

/// The text with every run of whitespace as one space, lowercased.
fn flattened(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

#[test]
fn phrases_find_what_a_substring_scan_finds() {
    let Some(root) = corpora() else { return };
    let cases: [(&str, &[&str]); 4] = [
        (
            "isaf-press-releases/texts",
            &[
                "security force",
                "insurgents were killed",
                "Afghan National",
                "in Helmand province",
            ],
        ),
        (
            "wh-nato-sample",
            &[
                "the President",
                "Secretary General",
                "article 5",
                "thank you very much",
            ],
        ),
        (
            "ungdc-awkward-sample",
            &["United Nations", "human rights", "climate change"],
        ),
        ("thaigov-sample", &["รัฐบาล", "นายกรัฐมนตรี", "ประเทศไทย"]),
    ];
    for (folder, phrases) in cases {
        let corpus = Corpus::load(&[root.join(folder)]).unwrap();
        let flat: Vec<(String, String)> = corpus
            .documents
            .iter()
            .map(|d| (d.path.clone(), flattened(&d.text)))
            .collect();
        for phrase in phrases {
            let needle = phrase.to_lowercase();
            let expected: HashSet<String> = flat
                .iter()
                .filter(|(_, text)| text.contains(&needle))
                .map(|(p, _)| p.clone())
                .collect();
            let got = matching(&corpus, &format!("\"{phrase}\""));
            assert!(
                !expected.is_empty(),
                "{folder}: no document holds {phrase:?}"
            );
            assert_eq!(got, expected, "{folder}: {phrase:?}");
        }
    }
}

/// Year and month of `index.csv`'s `kabul_dateline_date` when it has a year (`Jan. 25,
/// 2013`); rows without one (`Sept. 1`, or empty) are left out of the comparison.
fn index_year_month(dateline: &str) -> Option<(i16, i8)> {
    const MONTHS: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    let lower = dateline.trim().to_lowercase();
    let month = i8::try_from(MONTHS.iter().position(|m| lower.starts_with(m))? + 1).ok()?;
    let year = lower.rsplit(' ').next()?.parse::<i16>().ok()?;
    (year > 1900).then_some((year, month))
}

fn csv_fields(line: &str) -> Vec<String> {
    let mut fields = vec![String::new()];
    let mut quoted = false;
    for c in line.chars() {
        match c {
            '"' => quoted = !quoted,
            ',' if !quoted => fields.push(String::new()),
            c => fields.last_mut().unwrap().push(c),
        }
    }
    fields
}

#[test]
fn date_terms_agree_with_the_isaf_index() {
    let Some(root) = corpora() else { return };
    let dir = root.join("isaf-press-releases");
    let corpus = Corpus::load(&[dir.join("texts")]).unwrap();
    let index = std::fs::read_to_string(dir.join("index.csv")).unwrap();
    let dated: Vec<(String, (i16, i8))> = index
        .lines()
        .skip(1)
        .filter_map(|line| {
            let f = csv_fields(line);
            Some((f[0].clone(), index_year_month(&f[3])?))
        })
        .collect();
    type Holds = dyn Fn((i16, i8)) -> bool;
    let cases: [(&str, &Holds); 6] = [
        ("date:2011", &|(y, _)| y == 2011),
        ("date:2011-04", &|d| d == (2011, 4)),
        ("date:2010-11..2011-02", &|d| {
            ((2010, 11)..=(2011, 2)).contains(&d)
        }),
        ("date:>=2012-09", &|d| d >= (2012, 9)),
        ("date:<2011", &|(y, _)| y < 2011),
        ("date:2010,2013 -date:2010-12", &|d| {
            (d.0 == 2010 || d.0 == 2013) && d != (2010, 12)
        }),
    ];
    for (query, holds) in cases {
        let expected: HashSet<String> = dated
            .iter()
            .filter(|(_, d)| holds(*d))
            .map(|(p, _)| p.clone())
            .collect();
        let got = matching(&corpus, query);
        let got_in_index: HashSet<String> = got
            .iter()
            .filter(|p| dated.iter().any(|(d, _)| d == *p))
            .cloned()
            .collect();
        eprintln!(
            "{query}: {} documents; {} of the {} the index dates with a year, index says {}",
            got.len(),
            got_in_index.len(),
            dated.len(),
            expected.len()
        );
        assert!(!expected.is_empty(), "{query}");
        let differ: Vec<&String> = got_in_index.symmetric_difference(&expected).collect();
        assert!(
            differ.is_empty(),
            "{query}: differ from the index: {differ:?}"
        );
        // And against the dates the store read, exactly.
        let by_meta: HashSet<String> = corpus
            .documents
            .iter()
            .filter(|d| {
                d.meta
                    .date
                    .is_some_and(|date| date.month().is_some_and(|m| holds((date.year(), m))))
            })
            .map(|d| d.path.clone())
            .collect();
        assert_eq!(got, by_meta, "{query}");
    }
}

#[test]
fn field_terms_on_the_white_house_sample() {
    let Some(root) = corpora() else { return };
    let corpus = Corpus::load(&[root.join("wh-nato-sample")]).unwrap();
    let expected = |f: &dyn Fn(&dossier::store::Document) -> bool| -> HashSet<String> {
        corpus
            .documents
            .iter()
            .filter(|d| f(d))
            .map(|d| d.path.clone())
            .collect()
    };
    let remarks = expected(&|d| d.meta.kind.as_deref() == Some("remarks"));
    assert!(!remarks.is_empty());
    assert_eq!(matching(&corpus, "kind:REMARKS"), remarks);
    let not_remarks = expected(&|d| d.meta.kind.as_deref() != Some("remarks"));
    assert_eq!(matching(&corpus, "-kind:remarks"), not_remarks);
    let in_2025 = expected(&|d| d.path.contains("2025-"));
    assert_eq!(matching(&corpus, "path:2025-"), in_2025);
}

#[test]
fn fuzzy_words_agree_with_and_without_the_field_index() {
    let Some(root) = corpora() else { return };
    for (folder, words) in [
        (
            "wh-nato-sample",
            ["trump", "stoltenberg", "rmrks", "2025", "Brüssels"],
        ),
        ("thaigov-sample", ["นายก", "thai", "14", "ประ", "press"]),
    ] {
        let corpus = Corpus::load(&[root.join(folder)]).unwrap();
        let index = FieldIndex::new(&corpus.documents);
        for word in words {
            let query = parse(word).unwrap();
            let run = |fields: &FieldIndex| {
                filter(
                    &query,
                    &corpus.documents,
                    fields,
                    &Notebook::new("t"),
                    &AtomicBool::new(false),
                )
                .unwrap()
            };
            assert_eq!(run(&index), run(&FieldIndex::default()), "{folder}: {word}");
        }
    }
}
