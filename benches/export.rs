//! Markdown export of a large notebook: 100 documents with 100 highlights each (10,000
//! highlights, half of them with a note, tags three levels deep), per document and by tag.
//! Target (SPEC §9, issue 7): under 200 ms. Run with `cargo bench --bench export`.

use dossier::export::{self, ExportContext, ExportOptions, GroupBy};
use dossier::notebook::{Anchor, AnchorState, DocumentNotes, Highlight, Note, Notebook};
use dossier::store::{Document, read_document};
use std::sync::LazyLock;

const DOCUMENTS: usize = 100;
const HIGHLIGHTS_PER_DOCUMENT: usize = 100;
const TAGS: &[&str] = &[
    "cyber",
    "cyber/5g",
    "cyber/5g/huawei",
    "hybrid",
    "policy",
    "policy/defence",
    "space",
    "russia",
];

struct Fixture {
    documents: Vec<Document>,
    notebook: Notebook,
}

static FIXTURE: LazyLock<Fixture> = LazyLock::new(|| {
    let sentence = "We are boosting our *cyber* defences, including with a new [Cyberspace] \
                    Operations Centre & more.\n";
    let mut notebook = Notebook::new("bench");
    let mut documents = Vec::with_capacity(DOCUMENTS);
    for d in 0..DOCUMENTS {
        let body = format!("Statement {d}\n\nBrussels, 14 March 2019\n\n") + &sentence.repeat(200);
        let path = format!("{d:03}.txt");
        let doc = read_document(&path, body.as_bytes()).expect("a valid document");
        let mut entry = DocumentNotes::new(&doc.id, &doc.meta.title);
        entry.status = Some("relevant".into());
        entry.tags = vec![TAGS[d % TAGS.len()].into()];
        entry.notes.push(Note {
            id: format!("n{d}"),
            text: "Check the _date_ against the minutes.\n1. then the annex".into(),
            created: "2024-05-02T09:10:00Z".into(),
            by: String::new(),
        });
        let starts: Vec<usize> = doc.text.match_indices("We are").map(|(i, _)| i).collect();
        for (h, &start) in starts.iter().take(HIGHLIGHTS_PER_DOCUMENT).enumerate() {
            let anchor = Anchor::of(&doc.text, start, start + sentence.len() - 1)
                .expect("a sentence of the text");
            entry.highlights.push(Highlight {
                id: format!("h{d}-{h:03}"),
                tags: vec![
                    TAGS[h % TAGS.len()].into(),
                    TAGS[(h + 3) % TAGS.len()].into(),
                ],
                note: (h % 2 == 0).then(|| format!("Note {h}: compare with #{d} <b>now</b>")),
                created: "2024-05-02T09:12:00Z".into(),
                by: String::new(),
                anchor,
                state: AnchorState::Ok,
            });
        }
        notebook.documents.insert(path, entry);
        documents.push(doc);
    }
    Fixture {
        documents,
        notebook,
    }
});

fn run(group_by: GroupBy) -> String {
    let fixture = &*FIXTURE;
    let docs: Vec<&Document> = fixture.documents.iter().collect();
    let options = ExportOptions {
        group_by,
        ..ExportOptions::default()
    };
    let context = ExportContext {
        corpus: "bench".into(),
        query: None,
        date: jiff::civil::date(2024, 5, 3),
    };
    export::export(&docs, &fixture.notebook, &options, &context)
}

#[divan::bench]
fn per_document_10000_highlights() -> String {
    run(GroupBy::Document)
}

#[divan::bench]
fn by_tag_10000_highlights() -> String {
    run(GroupBy::Tag)
}

fn main() {
    let highlights: usize = FIXTURE
        .notebook
        .documents
        .values()
        .map(|e| e.highlights.len())
        .sum();
    assert_eq!(highlights, DOCUMENTS * HIGHLIGHTS_PER_DOCUMENT);
    divan::main();
}
