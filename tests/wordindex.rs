//! The word index: a repeated phrase question takes Markdown texts from the index instead
//! of rendering the files again, answers exactly as a scan of every text would, follows
//! changes on disk, and survives a damaged index.

use dossier::query::{self, Phrase, Query};
use dossier::store::Corpus;
use dossier::wordindex::{self, WordIndex, segment};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

struct Setup {
    _tmp: tempfile::TempDir,
    corpus: PathBuf,
    cache: PathBuf,
}

/// An old time, so that the files are not "racily clean" against the metadata cache.
fn old() -> SystemTime {
    SystemTime::UNIX_EPOCH + Duration::from_secs(1_577_836_800)
}

impl Setup {
    fn new() -> Setup {
        let tmp = tempfile::tempdir().unwrap();
        let corpus = tmp.path().join("statements");
        let cache = tmp.path().join("cache");
        std::fs::create_dir_all(&corpus).unwrap();
        let s = Setup {
            _tmp: tmp,
            corpus,
            cache,
        };
        s.write(
            "a.txt",
            "Statement on the summit\n\nAllies discussed hybrid\nthreats today.\n",
        );
        s.write(
            "b.md",
            "---\ntitle: Briefing\n---\n\nTo counter *hybrid* threats,\nallies met.\n",
        );
        s.write("c.md", "# Other\n\nNothing about that here.\n");
        s.write("d.txt", "Cyber threats and hybrid\u{a0}THREATS again.\n");
        s
    }

    fn write(&self, rel: &str, text: &str) {
        let path = self.corpus.join(rel);
        std::fs::write(&path, text).unwrap();
        std::fs::File::options()
            .write(true)
            .open(&path)
            .unwrap()
            .set_modified(old())
            .unwrap();
    }

    /// The corpus from the metadata cache, no text read.
    fn index(&self) -> Corpus {
        Corpus::index_cached(std::slice::from_ref(&self.corpus), Some(&self.cache)).unwrap()
    }

    /// The paths of the documents matching `query`, reading texts through the word index.
    fn matching(&self, query: &str) -> Vec<String> {
        let mut corpus = self.index();
        let query = query::parse(query).unwrap();
        let warnings = wordindex::load_texts(&mut corpus, &query, |_| false, Some(&self.cache));
        assert!(warnings.is_empty(), "{warnings:?}");
        matching(&corpus, &query)
    }

    fn index_dir(&self) -> PathBuf {
        wordindex::dir_of(&self.cache, &self.index()).unwrap()
    }
}

fn matching(corpus: &Corpus, query: &Query) -> Vec<String> {
    let notebook = dossier::notebook::Notebook::new(&corpus.name);
    corpus
        .documents
        .iter()
        .filter(|d| query.matches(d, notebook.doc(&d.path)).is_some())
        .map(|d| d.path.clone())
        .collect()
}

/// The paths matching `query` when every text is read and searched.
fn scanned(dir: &Path, query: &str) -> Vec<String> {
    let corpus = Corpus::load(&[dir.to_path_buf()]).unwrap();
    matching(&corpus, &query::parse(query).unwrap())
}

#[test]
fn a_repeated_question_takes_markdown_texts_from_the_index() {
    let s = Setup::new();
    assert_eq!(s.matching("\"hybrid threats\""), ["a.txt", "b.md", "d.txt"]);
    // The corpus as the metadata cache knows it; then the Markdown file goes away, so only
    // the index can still give its text.
    let mut corpus = s.index();
    std::fs::remove_file(s.corpus.join("b.md")).unwrap();
    let query = query::parse("\"hybrid threats\"").unwrap();
    let warnings = wordindex::load_texts(&mut corpus, &query, |_| false, Some(&s.cache));
    let b = corpus.documents.iter().find(|d| d.path == "b.md").unwrap();
    assert!(warnings.is_empty(), "{warnings:?}");
    assert!(b.loaded);
    assert!(b.text.contains("hybrid threats, allies met."), "{}", b.text);
}

#[test]
fn documents_the_index_rules_out_are_not_read() {
    let s = Setup::new();
    s.matching("\"hybrid threats\"");
    let mut corpus = s.index();
    let query = query::parse("\"nothing about\"").unwrap();
    wordindex::load_texts(&mut corpus, &query, |_| false, Some(&s.cache));
    let loaded: Vec<&str> = corpus
        .documents
        .iter()
        .filter(|d| d.loaded)
        .map(|d| d.path.as_str())
        .collect();
    assert_eq!(loaded, ["c.md"]);
}

#[test]
fn answers_equal_a_scan_of_every_text() {
    let s = Setup::new();
    for q in [
        "\"hybrid threats\"",
        "\"brid threa\"",
        "\"HYBRID\u{a0}threats again\"",
        "\" threats \"",
        "\"hreat\"",
        "\"nothing\" -\"cyber\"",
        "-\"hybrid threats\"",
        "\"quantum gravity\"",
        "\"threats\" -\"allies\"",
    ] {
        // The first asking builds the index, the second uses it.
        assert_eq!(s.matching(q), scanned(&s.corpus, q), "{q} (first)");
        assert_eq!(s.matching(q), scanned(&s.corpus, q), "{q} (again)");
    }
}

#[test]
fn a_changed_file_is_answered_as_it_is_now() {
    let s = Setup::new();
    assert_eq!(s.matching("\"hybrid threats\""), ["a.txt", "b.md", "d.txt"]);
    std::fs::write(
        s.corpus.join("c.md"),
        "# Other\n\nNow about *hybrid threats*.\n",
    )
    .unwrap();
    std::fs::write(s.corpus.join("b.md"), "# Briefing\n\nNo longer.\n").unwrap();
    assert_eq!(s.matching("\"hybrid threats\""), ["a.txt", "c.md", "d.txt"]);
    assert_eq!(s.matching("\"hybrid threats\""), ["a.txt", "c.md", "d.txt"]);
}

#[test]
fn a_damaged_index_costs_time_not_answers() {
    let s = Setup::new();
    s.matching("\"hybrid threats\"");
    let dir = s.index_dir();
    let files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(files.len(), 1);
    let bytes = std::fs::read(&files[0]).unwrap();
    // Cut in the body (a bitmap or text missing), then garble the head.
    std::fs::write(&files[0], &bytes[..bytes.len() - 20]).unwrap();
    assert_eq!(s.matching("\"hybrid threats\""), ["a.txt", "b.md", "d.txt"]);
    for file in std::fs::read_dir(&dir).unwrap() {
        let path = file.unwrap().path();
        let mut bytes = std::fs::read(&path).unwrap();
        let middle = bytes.len() / 2;
        bytes[middle] ^= 0xff;
        bytes[40] ^= 0xff;
        std::fs::write(&path, bytes).unwrap();
    }
    assert_eq!(s.matching("\"hybrid threats\""), ["a.txt", "b.md", "d.txt"]);
    assert_eq!(s.matching("\"other\""), ["c.md"]);
}

#[test]
fn many_small_segments_are_merged() {
    let s = Setup::new();
    s.matching("\"x\"");
    for i in 0..12 {
        s.write(
            &format!("new-{i}.txt"),
            &format!("Statement {i} on hybrid threats.\n"),
        );
        s.matching("\"hybrid threats\"");
    }
    let index = WordIndex::open(&s.index_dir());
    assert!(index.segments() <= 8, "{} segments", index.segments());
    assert_eq!(s.matching("\"hybrid threats\"").len(), 15);
    assert_eq!(s.matching("\"statement 11\""), ["new-11.txt"]);
}

#[test]
fn the_shared_corpora_answer_as_a_scan_does() {
    let shared = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpora");
    if !shared.exists() {
        eprintln!("skipped: ../shared/corpora is absent");
        return;
    }
    for (corpus, questions) in [
        (
            "wh-nato-sample",
            &[
                "\"hybrid threats\"",
                "\"the president\"",
                "\"NATO's\"",
                "\"ukrain\"",
            ][..],
        ),
        (
            "thaigov-sample",
            &["\"รัฐบาล\"", "\"นายกรัฐมนตรี\"", "\"ไทย\""][..],
        ),
        (
            "ungdc-awkward-sample",
            &["\"united nations\"", "\"peace\""][..],
        ),
    ] {
        let tmp = tempfile::tempdir().unwrap();
        let dir = shared.join(corpus);
        let cache = tmp.path().join("cache");
        for q in questions {
            let query = query::parse(q).unwrap();
            for round in ["first", "again"] {
                let mut c = Corpus::index_cached(std::slice::from_ref(&dir), Some(&cache)).unwrap();
                wordindex::load_texts(&mut c, &query, |_| false, Some(&cache));
                assert_eq!(
                    matching(&c, &query),
                    scanned(&dir, q),
                    "{corpus} {q} {round}"
                );
            }
        }
    }
}

use proptest::prelude::*;

/// Pieces of text: words in several scripts and cases, apostrophes, kinds of whitespace.
const PIECES: &[&str] = &[
    "hybrid",
    "HYBRID",
    "Threats",
    "threat",
    "s",
    "NATO",
    "nato",
    "\u{2019}",
    "'",
    "\u{2018}",
    " ",
    "  ",
    "\n",
    "\u{a0}",
    "\u{2028}",
    "\t",
    "\u{3000}",
    "état",
    "ÉTAT",
    "\u{212a}",
    "k",
    "ſ",
    "S",
    "Σ",
    "ς",
    "σ",
    "รัฐบาล",
    "ไทย",
    "日本",
    ",",
    ".",
    "-",
    "İ",
    "i",
];

fn text() -> impl Strategy<Value = String> {
    proptest::collection::vec(proptest::sample::select(PIECES), 0..30).prop_map(|p| p.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3000))]
    /// Whatever phrase a text holds (a piece of it, or any other text), the index never
    /// rules the text out for it.
    #[test]
    fn the_index_never_rules_out_a_text_holding_the_phrase(
        texts in proptest::collection::vec(text(), 1..4),
        which in 0usize..4,
        start in 0usize..60,
        len in 1usize..20,
        other in text(),
    ) {
        let files: Vec<(String, Vec<u8>)> = texts
            .iter()
            .enumerate()
            .map(|(i, t)| (format!("{i}.txt"), format!("x{i} {t}").into_bytes()))
            .collect();
        let refs: Vec<(&str, &[u8])> =
            files.iter().map(|(p, b)| (p.as_str(), b.as_slice())).collect();
        let corpus = Corpus::from_files("t", &refs);
        let docs: Vec<&dossier::store::Document> = corpus.documents.iter().collect();
        let bytes = segment::build(&docs);
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("s.seg");
        std::fs::write(&path, bytes).unwrap();
        let seg = segment::Segment::open(&path).unwrap();
        let source = &docs[which % docs.len()].text;
        let chars: Vec<char> = source.chars().collect();
        let start = start.min(chars.len());
        let end = (start + len).min(chars.len());
        let piece: String = chars[start..end].iter().collect();
        for candidate in [piece, other] {
            let Ok(phrase) = Phrase::new(&candidate) else { continue };
            let allowed = seg
                .candidates(&wordindex::fold::needs(phrase.text()))
                .unwrap();
            for (o, doc) in docs.iter().enumerate() {
                if phrase.is_in(&doc.text) {
                    prop_assert!(
                        allowed.contains(o as u32),
                        "{candidate:?} is in {:?} but was ruled out", doc.text
                    );
                }
            }
        }
    }
}
