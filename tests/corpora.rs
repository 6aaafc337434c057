//! Metadata and robustness on the real corpora in `../shared/corpora` (skipped with a notice
//! when that folder is absent, so the crate also tests alone).

use dossier::store::Corpus;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

fn corpora() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpora");
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!("notice: ../shared/corpora is absent; corpus tests skipped");
        None
    }
}

/// Loads a corpus folder without its `SOURCE.md` and `README.md`, which describe it.
fn load(dir: &Path) -> Corpus {
    let mut corpus = Corpus::load(&[dir.to_path_buf()]).expect("corpus opens");
    corpus
        .documents
        .retain(|d| !d.path.ends_with("SOURCE.md") && !d.path.ends_with("README.md"));
    corpus
}

fn has_bad_control(text: &str) -> bool {
    text.chars()
        .any(|c| c.is_control() && !matches!(c, '\n' | '\t'))
}

#[test]
fn wh_nato_documents_get_front_matter_title_and_date() {
    let Some(root) = corpora() else { return };
    let corpus = load(&root.join("wh-nato-sample"));
    assert_eq!(corpus.documents.len(), 41);
    for doc in &corpus.documents {
        let raw = std::fs::read_to_string(root.join("wh-nato-sample").join(&doc.path)).unwrap();
        let date = raw
            .lines()
            .find_map(|l| l.strip_prefix("date: "))
            .unwrap()
            .trim_matches('\'');
        assert_eq!(
            doc.meta.date.map(|d| d.to_string()).as_deref(),
            Some(date),
            "{}",
            doc.path
        );
        assert!(
            !doc.meta.title.is_empty() && !doc.meta.title.contains('\\'),
            "{}",
            doc.path
        );
        assert!(
            !doc.text.starts_with("---"),
            "front matter left in {}",
            doc.path
        );
    }
    let vilnius = corpus
        .documents
        .iter()
        .find(|d| {
            d.path
                .contains("2023-07-12-remarks-by-president-biden-on-supporting-ukraine")
        })
        .unwrap();
    assert_eq!(
        vilnius.meta.title,
        "Remarks by President Biden on Supporting Ukraine, Defending Democratic Values, and Taking Action to Address Global Challenges | Vilnius, Lithuania"
    );
    assert_eq!(vilnius.meta.place.as_deref(), Some("Vilnius, Lithuania"));
    assert_eq!(vilnius.meta.kind.as_deref(), Some("remarks"));
}

/// `Jan. 25, 2013` or, without a year, `Sept. 12` from `index.csv`, as (year, month, day).
fn index_date(text: &str) -> Option<(Option<i16>, i8, i8)> {
    let (month, rest) = text.split_once(' ')?;
    let (day, year) = match rest.split_once(',') {
        Some((d, y)) => (d.trim(), Some(y.trim().parse().ok()?)),
        None => (rest.trim(), None),
    };
    let months = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    let m = months
        .iter()
        .position(|m| month.to_lowercase().starts_with(m))? as i8
        + 1;
    Some((year, m, day.parse().ok()?))
}

#[test]
fn isaf_datelines_match_the_index() {
    let Some(root) = corpora() else { return };
    let dir = root.join("isaf-press-releases");
    let corpus = load(&dir.join("texts"));
    assert_eq!(corpus.documents.len(), 724);
    let by_path: HashMap<&str, _> = corpus
        .documents
        .iter()
        .map(|d| (d.path.as_str(), d))
        .collect();
    let index = std::fs::read_to_string(dir.join("index.csv")).unwrap();
    let (mut dated, mut right, mut yearless_unresolved) = (0, 0, 0);
    for line in index.lines().skip(1) {
        // file,jsonl_line,first_line,kabul_dateline_date,…: first_line may be quoted.
        let fields = csv_fields(line);
        let Some(expected) = index_date(&fields[3]) else {
            continue;
        };
        dated += 1;
        let doc = by_path[fields[0].as_str()];
        match (doc.meta.date, expected) {
            (Some(got), (year, month, day)) => {
                if got.month() == Some(month)
                    && got.day() == Some(day)
                    && year.is_none_or(|y| y == got.year())
                {
                    right += 1;
                }
            }
            // No year anywhere in the text: the date stays unknown rather than guessed, and
            // the dateline keeps the day as written.
            (None, (None, _, _)) => {
                yearless_unresolved += 1;
                if doc.meta.dateline.as_deref() == Some(fields[3].trim()) {
                    right += 1;
                }
            }
            (None, _) => {}
        }
    }
    let share = right as f64 / dated as f64;
    eprintln!(
        "isaf: {right}/{dated} datelines right ({:.1}%), {yearless_unresolved} without any year in the text",
        share * 100.0
    );
    assert!(
        share >= 0.95,
        "only {right} of {dated} isaf datelines right"
    );
}

fn csv_fields(line: &str) -> Vec<String> {
    let mut fields = vec![String::new()];
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                chars.next();
                fields.last_mut().unwrap().push('"');
            }
            '"' => quoted = !quoted,
            ',' if !quoted => fields.push(String::new()),
            c => fields.last_mut().unwrap().push(c),
        }
    }
    fields
}

#[test]
fn thai_buddhist_era_dates_become_common_era() {
    let Some(root) = corpora() else { return };
    let corpus = load(&root.join("thaigov-sample"));
    assert_eq!(corpus.documents.len(), 32);
    let months = [
        "มกราคม",
        "กุมภาพันธ์",
        "มีนาคม",
        "เมษายน",
        "พฤษภาคม",
        "มิถุนายน",
        "กรกฎาคม",
        "สิงหาคม",
        "กันยายน",
        "ตุลาคม",
        "พฤศจิกายน",
        "ธันวาคม",
    ];
    let mut checked = 0;
    for doc in &corpus.documents {
        // The date line: `วัน…ที่ D MONTH YYYY` near the top.
        let Some(line) = doc
            .text
            .lines()
            .take(8)
            .find(|l| l.trim_start().starts_with("วัน") && l.contains("ที่ "))
        else {
            continue;
        };
        let words: Vec<&str> = line.split_whitespace().collect();
        let Some(m) = words.iter().position(|w| months.contains(w)) else {
            continue;
        };
        let day: i8 = words[m - 1].parse().unwrap();
        let month = months.iter().position(|x| x == &words[m]).unwrap() as i8 + 1;
        let year: i16 = words[m + 1].parse::<i16>().unwrap() - 543;
        let expected = jiff::civil::date(year, month, day);
        assert_eq!(doc.meta.date, Some(expected.into()), "{}", doc.path);
        checked += 1;
    }
    assert!(checked >= 20, "only {checked} Thai date lines found");
}

#[test]
fn ungdc_awkward_files_load_clean() {
    let Some(root) = corpora() else { return };
    let corpus = load(&root.join("ungdc-awkward-sample"));
    assert_eq!(corpus.documents.len(), 22);
    for doc in &corpus.documents {
        assert!(!has_bad_control(&doc.text), "control left in {}", doc.path);
        assert!(
            !has_bad_control(&doc.meta.title),
            "control in title of {}",
            doc.path
        );
        assert!(
            !doc.text.contains('\r') && !doc.text.starts_with('\u{feff}'),
            "{}",
            doc.path
        );
    }
}

#[test]
fn every_shared_corpus_loads_without_controls() {
    let Some(root) = corpora() else { return };
    let corpus = load(&root);
    assert!(corpus.documents.len() >= 724 + 41 + 32 + 22);
    for doc in &corpus.documents {
        assert!(!has_bad_control(&doc.text), "{}", doc.path);
        for field in [
            Some(&doc.meta.title),
            doc.meta.place.as_ref(),
            doc.meta.speaker.as_ref(),
        ]
        .into_iter()
        .flatten()
        {
            assert!(!has_bad_control(field), "{}", doc.path);
        }
    }
}
