//! Autocode on the sample corpus: one highlight per sentence, phrase or paragraph holding a
//! query's phrase; never a duplicate.

use dossier::notebook::model::{Anchor, Change, Highlight, Notebook};
use dossier::query::{AutocodeError, Scope, autocode, parse};
use dossier::segment;
use dossier::store::Corpus;

const PRESSER: &str = "002_cbbf25972822090a.txt";

fn now() -> jiff::Timestamp {
    "2026-03-01T12:00:00Z".parse().unwrap()
}

fn tags(names: &[&str]) -> Vec<String> {
    names.iter().map(|s| s.to_string()).collect()
}

fn added(changes: &[Change]) -> Vec<&Highlight> {
    changes
        .iter()
        .filter_map(|c| match c {
            Change::AddHighlight { highlight, .. } => Some(highlight),
            _ => None,
        })
        .collect()
}

#[test]
fn sentence_scope_highlights_each_sentence_holding_the_phrase_once() {
    let corpus = Corpus::sample();
    let mut notebook = Notebook::new("sample");
    let query = parse(r#""hybrid threats""#).unwrap();
    let run = autocode(
        &corpus.documents,
        &notebook,
        &query,
        Scope::Sentence,
        &tags(&["hybrid"]),
        now(),
        "",
    )
    .unwrap();

    let presser = corpus.find(PRESSER).unwrap();
    let expected: Vec<&str> = segment::sentences(&presser.text)
        .into_iter()
        .map(|r| &presser.text[r])
        .filter(|s| s.to_lowercase().contains("hybrid threats"))
        .collect();
    assert_eq!(expected.len(), 5);
    let quotes: Vec<&str> = added(&run.changes)
        .iter()
        .map(|h| h.anchor.quote.as_str())
        .collect();
    assert_eq!(quotes, expected);
    assert_eq!((run.highlights, run.documents, run.extended), (5, 1, 0));
    assert_eq!(
        run.changes[0],
        Change::AddTag(dossier::notebook::Tag::named("hybrid"))
    );
    let ids: std::collections::HashSet<&str> =
        added(&run.changes).iter().map(|h| h.id.as_str()).collect();
    assert_eq!(ids.len(), 5);

    notebook.apply_all(&run.changes);
    let again = autocode(
        &corpus.documents,
        &notebook,
        &query,
        Scope::Sentence,
        &tags(&["hybrid"]),
        now(),
        "",
    )
    .unwrap();
    assert!(again.changes.is_empty(), "{:?}", again.changes);
    assert_eq!((again.highlights, again.documents), (0, 0));
}

#[test]
fn phrase_and_paragraph_scopes() {
    let corpus = Corpus::sample();
    let notebook = Notebook::new("sample");
    let query = parse(r#""cyber defence""#).unwrap();
    let run = |scope| {
        autocode(
            &corpus.documents,
            &notebook,
            &query,
            scope,
            &tags(&["cyber"]),
            now(),
            "",
        )
        .unwrap()
    };
    let phrases = run(Scope::Phrase);
    for h in added(&phrases.changes) {
        assert_eq!(h.anchor.quote.to_lowercase(), "cyber defence");
    }
    assert_eq!(phrases.documents, 2);
    let paragraphs = run(Scope::Paragraph);
    // Both hits of the news item are in its one long paragraph.
    assert!(paragraphs.highlights < phrases.highlights);
    for h in added(&paragraphs.changes) {
        assert!(h.anchor.quote.to_lowercase().contains("cyber defence"));
    }
}

#[test]
fn an_existing_highlight_of_the_same_span_gets_the_missing_tag() {
    let corpus = Corpus::sample();
    let presser = corpus.find(PRESSER).unwrap();
    let query = parse(r#""hybrid threats""#).unwrap();
    let mut notebook = Notebook::new("sample");
    let first = autocode(
        &corpus.documents,
        &notebook,
        &query,
        Scope::Phrase,
        &tags(&["hybrid"]),
        now(),
        "",
    )
    .unwrap();
    notebook.apply_all(&first.changes);
    let second = autocode(
        &corpus.documents,
        &notebook,
        &query,
        Scope::Phrase,
        &tags(&["hybrid", "threat"]),
        now(),
        "",
    )
    .unwrap();
    assert_eq!(
        (second.highlights, second.extended, second.documents),
        (0, 5, 1)
    );
    notebook.apply_all(&second.changes);
    let entry = notebook.doc(PRESSER).unwrap();
    assert_eq!(entry.highlights.len(), 5);
    for h in &entry.highlights {
        assert_eq!(h.tags, ["hybrid", "threat"]);
        assert_eq!(
            Some(&h.anchor),
            Anchor::of(&presser.text, h.anchor.start, h.anchor.end).as_ref()
        );
    }
    // One undo step: the inverses in reverse order restore the notebook.
    for change in second.changes.iter().rev() {
        notebook.apply(&change.inverse());
    }
    for change in first.changes.iter().rev() {
        notebook.apply(&change.inverse());
    }
    assert_eq!(notebook, Notebook::new("sample"));
}

#[test]
fn autocode_needs_a_phrase_and_a_tag() {
    let corpus = Corpus::sample();
    let notebook = Notebook::new("sample");
    let run = |q: &str, t: &[&str]| {
        autocode(
            &corpus.documents,
            &notebook,
            &parse(q).unwrap(),
            Scope::Sentence,
            &tags(t),
            now(),
            "",
        )
    };
    assert_eq!(run("stoltenberg", &["x"]), Err(AutocodeError::NoPhrase));
    assert_eq!(run(r#"-"hybrid""#, &["x"]), Err(AutocodeError::NoPhrase));
    assert_eq!(run(r#""hybrid""#, &[]), Err(AutocodeError::NoTags));
    assert!(matches!(
        run(r#""hybrid""#, &["a//b"]),
        Err(AutocodeError::Tag(_))
    ));
    assert_eq!("sentence".parse(), Ok(Scope::Sentence));
    assert!("word".parse::<Scope>().is_err());
}
