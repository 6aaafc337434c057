//! Evaluating queries on the sample corpus with a notebook written for the test.

use dossier::notebook::model::{
    Anchor, AnchorState, Change, DocRef, Highlight, Note, Notebook, new_id,
};
use dossier::query::{
    Cancelled, FieldIndex, Hit, filter, filter_among, parse, phrase_matches, rank,
};
use dossier::store::{Corpus, Document};
use std::sync::atomic::AtomicBool;

const NEWS: &str = "000_bd0411fb3b74ac0c.txt";
const PRESSER: &str = "002_cbbf25972822090a.txt";

fn paths(corpus: &Corpus, notebook: &Notebook, query: &str) -> Vec<String> {
    let query = parse(query).unwrap();
    filter(
        &query,
        &corpus.documents,
        &FieldIndex::new(&corpus.documents),
        notebook,
        &AtomicBool::new(false),
    )
    .unwrap()
    .into_iter()
    .map(|h| corpus.documents[h.index].path.clone())
    .collect()
}

fn doc_ref(doc: &Document) -> DocRef {
    DocRef {
        path: doc.path.clone(),
        id: doc.id.clone(),
        title: doc.meta.title.clone(),
    }
}

/// The news item is relevant, tagged `cyber/5g` and has a note; the press conference has
/// an orphaned highlight tagged `hybrid`.
fn notebook(corpus: &Corpus) -> Notebook {
    let news = corpus.find(NEWS).unwrap();
    let presser = corpus.find(PRESSER).unwrap();
    let mut nb = Notebook::new("sample");
    let highlight = Highlight {
        id: new_id(1, 0),
        tags: vec!["hybrid".into()],
        note: None,
        created: "2026-01-01T00:00:00Z".into(),
        by: String::new(),
        anchor: Anchor::of(&presser.text, 0, 5).unwrap(),
        state: AnchorState::Orphaned,
    };
    nb.apply_all(&[
        Change::SetStatus {
            doc: doc_ref(news),
            from: None,
            to: Some("relevant".into()),
            from_by: String::new(),
            to_by: String::new(),
        },
        Change::SetDocTags {
            doc: doc_ref(news),
            from: vec![],
            to: vec!["cyber/5g".into()],
            from_by: Default::default(),
            to_by: Default::default(),
        },
        Change::AddNote {
            doc: doc_ref(news),
            note: Note {
                id: new_id(2, 0),
                text: "check".into(),
                created: "2026-01-01T00:00:00Z".into(),
                by: String::new(),
            },
        },
        Change::AddHighlight {
            doc: doc_ref(presser),
            highlight,
        },
    ]);
    nb
}

#[test]
fn metadata_terms_match_their_field() {
    let corpus = Corpus::sample();
    let nb = Notebook::new("sample");
    assert_eq!(paths(&corpus, &nb, "date:2019"), [NEWS]);
    assert_eq!(paths(&corpus, &nb, "date:2019-03-14..2019-03-14"), [NEWS]);
    assert!(paths(&corpus, &nb, "date:>2019-03-14").is_empty());
    assert_eq!(paths(&corpus, &nb, "-date:2020"), [NEWS, PRESSER]);
    assert_eq!(paths(&corpus, &nb, "kind:PRESS"), [PRESSER]);
    assert_eq!(paths(&corpus, &nb, "kind:speech,news"), [NEWS]);
    assert_eq!(paths(&corpus, &nb, "speaker:stoltenberg"), [PRESSER]);
    assert_eq!(paths(&corpus, &nb, "place:bruss"), [NEWS]);
    assert_eq!(paths(&corpus, &nb, "path:002_"), [PRESSER]);
    assert_eq!(
        paths(&corpus, &nb, "-path:002_ -kind:news"),
        Vec::<String>::new()
    );
}

#[test]
fn phrases_ignore_case_and_line_breaks() {
    let corpus = Corpus::sample();
    let nb = Notebook::new("sample");
    assert_eq!(paths(&corpus, &nb, r#""HYBRID threats""#), [PRESSER]);
    assert_eq!(paths(&corpus, &nb, r#""cyber defence""#), [NEWS, PRESSER]);
    // A phrase across a line break of the transcript.
    assert_eq!(
        paths(&corpus, &nb, r#""good afternoon. we have just""#),
        [PRESSER]
    );
    assert_eq!(paths(&corpus, &nb, r#"-"hybrid""#), [NEWS]);
    assert_eq!(paths(&corpus, &nb, r#""NATO's Annual Report""#), [NEWS]);
}

#[test]
fn phrase_matches_are_the_byte_ranges_of_each_hit() {
    let corpus = Corpus::sample();
    let presser = corpus.find(PRESSER).unwrap();
    let query = parse(r#""hybrid threats" "threats:""#).unwrap();
    let ranges = phrase_matches(&query, presser);
    assert_eq!(ranges.len(), 5, "{ranges:?}");
    for r in &ranges {
        assert!(
            presser.text[r.clone()]
                .to_lowercase()
                .starts_with("hybrid threats")
        );
    }
    // `threats:` overlaps the last `hybrid threats` and is merged into it.
    assert!(presser.text[ranges[4].clone()].ends_with("threats:"));
}

#[test]
fn words_are_fuzzy_and_ranked_by_score() {
    let corpus = Corpus::sample();
    let nb = Notebook::new("sample");
    assert_eq!(paths(&corpus, &nb, "stoltnbrg"), [PRESSER]);
    assert_eq!(paths(&corpus, &nb, "annual brussels"), [NEWS]);
    assert_eq!(paths(&corpus, &nb, "-stoltenberg"), [NEWS]);
    let query = parse("nato").unwrap();
    let fields = FieldIndex::new(&corpus.documents);
    let mut hits = filter(
        &query,
        &corpus.documents,
        &fields,
        &nb,
        &AtomicBool::new(false),
    )
    .unwrap();
    assert_eq!(hits.len(), 2);
    rank(&mut hits);
    assert!(hits[0].score >= hits[1].score && hits[1].score > 0);
}

#[test]
fn notebook_terms_read_the_entry() {
    let corpus = Corpus::sample();
    let nb = notebook(&corpus);
    assert_eq!(paths(&corpus, &nb, "status:relevant"), [NEWS]);
    assert_eq!(paths(&corpus, &nb, "status:Relevant"), [NEWS]);
    assert_eq!(paths(&corpus, &nb, "status:untriaged"), [PRESSER]);
    assert_eq!(paths(&corpus, &nb, "tag:cyber"), [NEWS]);
    assert!(paths(&corpus, &nb, "tag:cyber/5").is_empty());
    assert_eq!(paths(&corpus, &nb, "tag:hybrid"), [PRESSER]);
    assert_eq!(paths(&corpus, &nb, "has:note"), [NEWS]);
    assert_eq!(paths(&corpus, &nb, "has:highlight"), [PRESSER]);
    assert_eq!(paths(&corpus, &nb, "has:tag"), [NEWS, PRESSER]);
    assert_eq!(paths(&corpus, &nb, "has:orphan"), [PRESSER]);
    assert_eq!(
        paths(&corpus, &nb, "-has:orphan,note"),
        Vec::<String>::new()
    );
    let empty = Notebook::new("sample");
    assert_eq!(paths(&corpus, &empty, "status:untriaged"), [NEWS, PRESSER]);
    assert!(paths(&corpus, &empty, "has:tag").is_empty());
}

#[test]
fn document_and_entry_are_evaluated_alone() {
    let corpus = Corpus::sample();
    let nb = notebook(&corpus);
    let news = corpus.find(NEWS).unwrap();
    let query = parse("status:relevant annual").unwrap();
    assert!(query.matches(news, nb.doc(NEWS)).unwrap() > 0);
    assert_eq!(query.matches(news, None), None);
}

#[test]
fn narrowing_among_earlier_hits_gives_the_full_result() {
    let corpus = Corpus::sample();
    let nb = Notebook::new("sample");
    let never = AtomicBool::new(false);
    let fields = FieldIndex::new(&corpus.documents);
    let typed = ["n", "na", "nat", "nato", "nato h", "nato hy", "nato hyb"];
    let mut earlier = parse("").unwrap();
    let mut hits: Vec<Hit> = filter(&earlier, &corpus.documents, &fields, &nb, &never).unwrap();
    for text in typed {
        let query = parse(text).unwrap();
        assert!(query.narrows(&earlier), "{text}");
        let among: Vec<usize> = hits.iter().map(|h| h.index).collect();
        hits = filter_among(&query, &corpus.documents, &fields, &nb, &among, &never).unwrap();
        assert_eq!(
            hits,
            filter(&query, &corpus.documents, &fields, &nb, &never).unwrap()
        );
        earlier = query;
    }
    assert_eq!(hits.len(), 1);
    let wider = parse("nato h").unwrap();
    assert!(!wider.narrows(&earlier));
    assert!(
        parse(r#""hybrid threats" kind:press"#)
            .unwrap()
            .narrows(&parse(r#""hybrid t" kind:pr"#).unwrap())
    );
    assert!(
        !parse("-stolten")
            .unwrap()
            .narrows(&parse("-stolt").unwrap())
    );
}

#[test]
fn a_set_cancel_flag_stops_the_evaluation() {
    let corpus = Corpus::sample();
    let query = parse("nato").unwrap();
    let cancelled = AtomicBool::new(true);
    assert_eq!(
        filter(
            &query,
            &corpus.documents,
            &FieldIndex::default(),
            &Notebook::new("s"),
            &cancelled
        ),
        Err(Cancelled)
    );
}

/// Remembered word scores give the same hits and scores as a fresh evaluation, keystroke
/// after keystroke, narrowing or not.
#[test]
fn remembered_word_scores_change_no_result() {
    use dossier::query::{FieldIndex, filter, filter_among, parse};
    use std::sync::atomic::AtomicBool;
    let options = dossier::synth::Options {
        documents: 400,
        seed: 7,
        mean_bytes: 600,
    };
    let corpus = dossier::synth::corpus(&options);
    let notebook = dossier::notebook::Notebook::new("synth");
    let never = AtomicBool::new(false);
    let warm = FieldIndex::new(&corpus.documents);
    for text in [
        "press conference halvorsen",
        "sec gen brussels",
        "defence minister -kowalski",
    ] {
        let mut previous: Option<(dossier::query::Query, Vec<usize>)> = None;
        for end in 1..=text.len() {
            let Ok(query) = parse(&text[..end]) else {
                continue;
            };
            let fresh = filter(
                &query,
                &corpus.documents,
                &FieldIndex::new(&corpus.documents),
                &notebook,
                &never,
            )
            .unwrap();
            let remembered = match &previous {
                Some((earlier, among)) if query.narrows(earlier) => {
                    filter_among(&query, &corpus.documents, &warm, &notebook, among, &never)
                        .unwrap()
                }
                _ => filter(&query, &corpus.documents, &warm, &notebook, &never).unwrap(),
            };
            assert_eq!(fresh, remembered, "{:?}", &text[..end]);
            previous = Some((query, remembered.iter().map(|h| h.index).collect()));
        }
    }
}

/// The first answer of a ranked query (`filter_top`) shows exactly what the full ranking
/// shows first, and finds the same documents, keystroke after keystroke, narrowing or not,
/// however many rows are asked for.
#[test]
fn the_first_answer_is_the_top_of_the_full_ranking() {
    use dossier::query::filter_top;
    let options = dossier::synth::Options {
        documents: 600,
        seed: 11,
        mean_bytes: 400,
    };
    let corpus = dossier::synth::corpus(&options);
    let notebook = Notebook::new("synth");
    let never = AtomicBool::new(false);
    for rows in [1, 7, 40, 1000] {
        // One index through all the typing, as on the screen: word scores are remembered
        // from one keystroke to the next, some complete, some only for the first answer.
        let warm = FieldIndex::new(&corpus.documents);
        for text in [
            "maritime security",
            "sec gen brussels",
            "press conference halvorsen",
            "defence minister -kowalski",
            "mar kind:press",
            "brüssel ma",
            "-x/ 2019 se",
            "nato \"the alliance\" de",
        ] {
            let mut previous: Option<(dossier::query::Query, Vec<usize>)> = None;
            for end in text.char_indices().map(|(i, c)| i + c.len_utf8()) {
                let Ok(query) = parse(&text[..end]) else {
                    continue;
                };
                let mut full = filter(
                    &query,
                    &corpus.documents,
                    &FieldIndex::new(&corpus.documents),
                    &notebook,
                    &never,
                )
                .unwrap();
                let found: Vec<usize> = full.iter().map(|h| h.index).collect();
                rank(&mut full);
                full.truncate(rows);
                let among = match &previous {
                    Some((earlier, among)) if query.narrows(earlier) => Some(among.as_slice()),
                    _ => None,
                };
                let first = filter_top(
                    &query,
                    &corpus.documents,
                    &warm,
                    &notebook,
                    among,
                    rows,
                    &never,
                )
                .unwrap();
                let mut all = first.all.clone();
                all.sort_unstable();
                assert_eq!(all, found, "{:?} rows {rows}", &text[..end]);
                assert_eq!(first.best, full, "{:?} rows {rows}", &text[..end]);
                // Every other keystroke the complete ranking follows, as when typing slowly.
                if end % 2 == 0 {
                    let among = first.all.clone();
                    filter_among(&query, &corpus.documents, &warm, &notebook, &among, &never)
                        .unwrap();
                }
                previous = Some((query, first.all));
            }
        }
    }
}
