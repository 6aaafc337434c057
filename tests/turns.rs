//! Speaker turns (SPEC §10) on the `wh-nato-sample` press briefings: the labels found, and
//! `turn:Q` keeping only the hits inside questions in the list, the reader's marks, autocode
//! and keyword in context. The expected numbers were counted by hand from the files (grep
//! and awk over the lines from one label to the next), not by dossier.

mod common;

use dossier::notebook::Notebook;
use dossier::query::{FieldIndex, Scope, autocode, filter, parse, phrase_matches};
use dossier::store::{Corpus, Document};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;

const BRIEFING: &str =
    "press-briefings/2024-07/2024-07-05-background-press-call-previewing-the-nato-summit.md";
const MADRID: &str = "press-briefings/2022-06/2022-06-29-remarks-by-president-biden-and-nato-secretary-general-jens-stoltenberg-madrid-spain.md";
const TRUMP_RUTTE: &str = "remarks/2025-03/2025-03-13-remarks-by-president-trump-and-nato-secretary-general-mark-rutte-before-bilateral-meeting.md";
const KENYA_MEMO: &str = "statements-releases/2024-06/2024-06-24-memorandum-on-the-designation-of-kenya-as-a-major-non-nato-ally.md";
const CONGRESS: &str = "presidential-actions/2024-05/2024-05-23-message-to-congress-on-intent-to-designate-kenya-as-a-major-non-nato-ally.md";

fn sample_path() -> Option<PathBuf> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpora/wh-nato-sample");
    if path.exists() {
        Some(path)
    } else {
        eprintln!("skipped: {} is absent", path.display());
        None
    }
}

fn sample() -> Option<Corpus> {
    sample_path().map(|p| Corpus::load(&[p]).unwrap())
}

fn doc<'c>(corpus: &'c Corpus, path: &str) -> &'c Document {
    corpus.find(path).unwrap()
}

fn matching(corpus: &Corpus, query: &str) -> Vec<String> {
    let query = parse(query).unwrap();
    let nb = Notebook::new(&corpus.name);
    filter(
        &query,
        &corpus.documents,
        &FieldIndex::default(),
        &nb,
        &AtomicBool::new(false),
    )
    .unwrap()
    .into_iter()
    .map(|h| corpus.documents[h.index].path.clone())
    .collect()
}

#[test]
fn the_briefing_has_questions_and_officials_turns() {
    let Some(corpus) = sample() else { return };
    let d = doc(&corpus, BRIEFING);
    // grep -c: 9 lines start with `Q` and non-breaking spaces, 11 with `MODERATOR:`, 10
    // with `SENIOR ADMINISTRATION OFFICIAL:`.
    assert_eq!(
        d.meta.speakers(),
        BTreeMap::from([
            ("MODERATOR".to_owned(), 11),
            ("Q".to_owned(), 9),
            ("SENIOR ADMINISTRATION OFFICIAL".to_owned(), 10),
        ])
    );
    let first = &d.meta.turns[0];
    assert_eq!(&d.text[first.start..first.label_end], "MODERATOR:");
    assert!(d.text[first.label_end..first.end].contains("Over to you."));
    let question = d.meta.turns.iter().find(|t| t.speaker == "Q").unwrap();
    assert!(d.text[question.start..question.end].starts_with("Q\u{a0}"));
    assert!(d.text[question.start..question.end].ends_with("Thank you."));
}

#[test]
fn a_press_conference_has_the_officials_labels() {
    let Some(corpus) = sample() else { return };
    assert_eq!(
        doc(&corpus, MADRID).meta.speakers(),
        BTreeMap::from([
            ("PRESIDENT BIDEN".to_owned(), 3),
            ("SECRETARY GENERAL STOLTENBERG".to_owned(), 2),
        ])
    );
}

#[test]
fn labels_indented_with_non_breaking_spaces_count() {
    let Some(corpus) = sample() else { return };
    let d = doc(&corpus, TRUMP_RUTTE);
    // grep -cP '^[\s\x{a0}]*LABEL': 16 of the labels are indented with non-breaking spaces.
    let speakers = d.meta.speakers();
    assert_eq!(speakers.get("PRESIDENT TRUMP"), Some(&101));
    assert_eq!(speakers.get("SECRETARY GENERAL RUTTE"), Some(&55));
    assert_eq!(speakers.get("Q"), Some(&42));
}

#[test]
fn memoranda_and_messages_have_no_turns() {
    let Some(corpus) = sample() else { return };
    // `SUBJECT:` and `TO THE CONGRESS OF THE UNITED STATES:` are not speakers.
    assert!(doc(&corpus, KENYA_MEMO).meta.turns.is_empty());
    assert!(doc(&corpus, CONGRESS).meta.turns.is_empty());
}

#[test]
fn turn_q_restricts_phrase_hits_to_questions() {
    let Some(corpus) = sample() else { return };
    let d = doc(&corpus, BRIEFING);
    // grep -oi ukraine: 44 in the file, 5 of them in the questions.
    assert_eq!(phrase_matches(&parse("\"Ukraine\"").unwrap(), d).len(), 44);
    let in_questions = phrase_matches(&parse("\"Ukraine\" turn:q").unwrap(), d);
    assert_eq!(in_questions.len(), 5);
    for hit in &in_questions {
        let turn = dossier::store::turns::turn_at(&d.meta.turns, hit.start).unwrap();
        assert_eq!(turn.speaker, "Q");
    }
    assert_eq!(
        phrase_matches(&parse("\"Ukraine\" turn:senior").unwrap(), d).len(),
        39
    );
    // "Patriot" is only asked about.
    assert_eq!(
        phrase_matches(&parse("\"patriot\" turn:official").unwrap(), d).len(),
        0
    );
}

#[test]
fn turn_terms_select_documents() {
    let Some(corpus) = sample() else { return };
    // Five files have lines starting with `Q` (grep -rlc '^Q').
    assert_eq!(matching(&corpus, "turn:Q").len(), 5);
    // Of those, three have "Ukraine" inside a question.
    let asked = matching(&corpus, "\"Ukraine\" turn:Q");
    assert_eq!(asked.len(), 3, "{asked:?}");
    assert!(asked.iter().any(|p| p == BRIEFING));
    assert_eq!(matching(&corpus, "\"patriot\" turn:Q"), [BRIEFING]);
    // Not answered about Patriots: no official's turn holds it.
    assert!(matching(&corpus, "\"patriot\" turn:official").is_empty());
    assert!(matching(&corpus, "turn:moderator -turn:q").is_empty());
    // grep -rlE '^SECRETARY GENERAL [A-Z]+:': 7 files; with `SECRETARY-GENERAL` too, 8.
    assert_eq!(matching(&corpus, "turn:\"secretary general\"").len(), 7);
    assert_eq!(
        matching(&corpus, "turn:\"secretary general\",secretary-general").len(),
        8
    );
    // 15 files have a line starting with a label other than `SUBJECT:` and `TO THE
    // CONGRESS OF THE UNITED STATES:`.
    let with_turns = corpus
        .documents
        .iter()
        .filter(|d| !d.meta.turns.is_empty())
        .count();
    assert_eq!(with_turns, 15);
}

#[test]
fn autocode_with_turn_scope_tags_whole_questions() {
    let Some(corpus) = sample() else { return };
    let nb = Notebook::new(&corpus.name);
    let query = parse("\"Ukraine\" turn:Q").unwrap();
    let run = autocode(
        &corpus.documents,
        &nb,
        &query,
        Scope::Turn,
        &["asked/ukraine".to_owned()],
        jiff::Timestamp::UNIX_EPOCH,
        "",
    )
    .unwrap();
    // Questions holding "Ukraine": 3 in the briefing, 4 and 2 in the two press conferences.
    assert_eq!((run.highlights, run.documents), (9, 3));
    for change in &run.changes {
        if let dossier::notebook::Change::AddHighlight { highlight, .. } = change {
            assert!(highlight.anchor.quote.starts_with('Q'));
            assert!(highlight.anchor.quote.to_lowercase().contains("ukraine"));
        }
    }
    // Phrase scope: one highlight per hit, 5 + 5 + 4.
    let run = autocode(
        &corpus.documents,
        &nb,
        &query,
        Scope::Phrase,
        &["asked/ukraine".to_owned()],
        jiff::Timestamp::UNIX_EPOCH,
        "",
    )
    .unwrap();
    assert_eq!((run.highlights, run.documents), (14, 3));
}

#[test]
fn kwic_keeps_only_questions_and_names_the_speaker() {
    let Some(path) = sample_path() else { return };
    let home = tempfile::tempdir().unwrap();
    let mut cmd = common::dossier_in(home.path());
    cmd.args(["kwic", "\"Ukraine\" turn:Q", "--format", "json", "-C"])
        .arg(&path);
    let lines: Vec<serde_json::Value> = common::stdout(&mut cmd)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 14);
    assert!(lines.iter().all(|l| l["speaker"] == "Q"));
    let mut cmd = common::dossier_in(home.path());
    cmd.args(["kwic", "\"Patriots\"", "--format", "json", "-C"])
        .arg(&path);
    let speakers: Vec<String> = common::stdout(&mut cmd)
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
        .map(|l| l["speaker"].as_str().unwrap_or("").to_owned())
        .collect();
    assert_eq!(speakers, ["Q", "Q"]);
}

#[test]
fn list_json_has_speakers_and_show_lists_them() {
    let Some(path) = sample_path() else { return };
    let home = tempfile::tempdir().unwrap();
    let mut cmd = common::dossier_in(home.path());
    cmd.args([
        "list",
        "--format",
        "json",
        "--query",
        "turn:moderator",
        "-C",
    ])
    .arg(&path);
    let docs: Vec<serde_json::Value> = common::stdout(&mut cmd)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(docs.len(), 1);
    assert_eq!(docs[0]["path"], BRIEFING);
    assert_eq!(
        docs[0]["speakers"],
        serde_json::json!({"MODERATOR": 11, "Q": 9, "SENIOR ADMINISTRATION OFFICIAL": 10})
    );
    let mut cmd = common::dossier_in(home.path());
    cmd.args(["show", BRIEFING, "-C"]).arg(&path);
    let out = common::stdout(&mut cmd);
    assert!(
        out.contains(" speakers: MODERATOR (11), Q (9), SENIOR ADMINISTRATION OFFICIAL (10)\n"),
        "{out}"
    );
    // A document without turns has `speakers: {}`.
    let mut cmd = common::dossier_in(home.path());
    cmd.args(["list", "--format", "json", "--query", "path:kenya", "-C"])
        .arg(&path);
    for line in common::stdout(&mut cmd).lines() {
        let doc: serde_json::Value = serde_json::from_str(line).unwrap();
        assert_eq!(doc["speakers"], serde_json::json!({}));
    }
}

#[test]
fn cli_autocode_scope_turn() {
    let Some(path) = sample_path() else { return };
    let home = tempfile::tempdir().unwrap();
    let nb = home.path().join("nb.ron");
    let mut cmd = common::dossier_in(home.path());
    cmd.args([
        "tag",
        "--query",
        "\"Ukraine\" turn:Q",
        "--scope",
        "turn",
        "--tag",
        "asked",
        "--notebook",
    ])
    .arg(&nb)
    .arg("-C")
    .arg(&path);
    assert_eq!(
        common::stdout(&mut cmd),
        "autocode asked: 9 highlights made, 0 highlights extended, in 3 documents (new in the codebook: asked)\n"
    );
}

#[test]
fn list_answers_turn_queries_alike_with_and_without_the_word_index() {
    let Some(path) = sample_path() else { return };
    let home = tempfile::tempdir().unwrap();
    let list = |query: &str| -> Vec<String> {
        let mut cmd = common::dossier_in(home.path());
        cmd.args(["list", "--format", "json", "--query", query, "-C"])
            .arg(&path);
        common::stdout(&mut cmd)
            .lines()
            .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()["path"].to_string())
            .collect()
    };
    // The first run reads every file and builds the index; the next ones use the metadata
    // cache (turns included) and the word index.
    for _ in 0..3 {
        assert_eq!(list("\"Ukraine\" turn:Q").len(), 3);
        assert_eq!(list("\"patriot\" turn:Q"), [format!("\"{BRIEFING}\"")]);
        assert_eq!(list("-\"Ukraine\" turn:Q").len(), 2);
        assert_eq!(list("turn:Q").len(), 5);
    }
}

#[test]
fn a_corpus_pattern_finds_unusual_labels() {
    let text = "Hearing of the committee\n\n[Mrs Smith] Will the minister answer?\n\n\
                [The Minister] The answer is no.\n\n[Mrs Smith] Then I ask again.\n";
    let mut corpus = Corpus::from_files("hearing", &[("hearing.txt", text.as_bytes())]);
    assert!(corpus.documents[0].meta.turns.is_empty());
    let splitter = dossier::store::Splitter::with_pattern(r"^\[(?<speaker>[^\]]+)\]").unwrap();
    corpus.split_turns(&splitter);
    assert_eq!(
        corpus.documents[0].meta.speakers(),
        BTreeMap::from([("Mrs Smith".to_owned(), 2), ("The Minister".to_owned(), 1)])
    );
    assert_eq!(matching(&corpus, "\"answer\" turn:smith").len(), 1);
    assert!(matching(&corpus, "\"no\" turn:smith").is_empty());
    assert_eq!(matching(&corpus, "\"no\" turn:minister").len(), 1);
}
