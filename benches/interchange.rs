//! Interchange of a large notebook: 100 documents with 100 highlights each (10,000
//! highlights, half with a note, two tags each from a three-level hierarchy, texts with
//! non-ASCII characters so positions are really converted). Target (issue 17): export and
//! import of 10,000 highlights each under 1 s. Run with `cargo bench --bench interchange`.

use dossier::export::{ExportContext, ExportOptions};
use dossier::interchange::import::{self, ImportOptions};
use dossier::interchange::{self, ExportInput, Format};
use dossier::notebook::{Anchor, AnchorState, DocumentNotes, Highlight, Note, Notebook};
use dossier::store::{Corpus, Document, read_document};
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
    corpus: Corpus,
    notebook: Notebook,
    qdpx: Vec<u8>,
    crlf: Vec<u8>,
}

static FIXTURE: LazyLock<Fixture> = LazyLock::new(|| {
    let sentence = "We are boosting our «cyber» defences — with a new Cyberspace Operations \
                    Centre & more, says the Secrétaire général.\n";
    let mut notebook = Notebook::new("bench");
    let mut documents: Vec<Document> = Vec::with_capacity(DOCUMENTS);
    for d in 0..DOCUMENTS {
        let body = format!("Statement {d}\n\nBrussels, 14 March 2019\n\n") + &sentence.repeat(200);
        let path = format!("{d:03}.txt");
        let doc = read_document(&path, body.as_bytes()).expect("a valid document");
        let mut entry = DocumentNotes::new(&doc.id, &doc.meta.title);
        entry.status = Some("relevant".into());
        entry.tags = vec![TAGS[d % TAGS.len()].into()];
        entry.notes.push(Note {
            id: format!("n{d}"),
            text: "Check the date against the minutes <and> the annex & more.".into(),
            created: "2024-05-02T09:10:00Z".into(),
            by: "ana".into(),
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
                anchor,
                state: AnchorState::Ok,
                by: "ana".into(),
            });
        }
        notebook.documents.insert(path, entry);
        documents.push(doc);
    }
    let corpus = Corpus {
        name: "bench".into(),
        source: dossier::store::Source::Sample,
        documents,
        warnings: Vec::new(),
        cache: None,
        tables: Vec::new(),
        corpus_file: None,
    };
    let qdpx = export(&corpus, &notebook, Format::Qdpx, false);
    let crlf = export(&corpus, &notebook, Format::Qdpx, true);
    Fixture {
        corpus,
        notebook,
        qdpx,
        crlf,
    }
});

fn export(corpus: &Corpus, notebook: &Notebook, format: Format, crlf: bool) -> Vec<u8> {
    let docs: Vec<&Document> = corpus.documents.iter().collect();
    let context = ExportContext {
        corpus: "bench".into(),
        query: None,
        date: jiff::civil::date(2024, 5, 3),
    };
    let input = ExportInput {
        notebook,
        docs: &docs,
        options: &ExportOptions::default(),
        context: &context,
        crlf,
    };
    interchange::export(format, &input)
        .expect("an export")
        .bytes
}

fn options() -> ImportOptions {
    ImportOptions {
        coder: None,
        statuses: vec!["relevant".into()],
        now: "2025-01-01T00:00:00Z".parse().expect("a time"),
    }
}

/// Reads the file and plans its import into `into`; the number of changes.
fn import_into(into: &Notebook, bytes: &[u8]) -> usize {
    let f = &*FIXTURE;
    let project = import::read("bench.qdpx", bytes).expect("a project");
    let plan = import::plan(into, &f.corpus, &project, "bench.qdpx", &options()).expect("a plan");
    plan.changes.len()
}

#[divan::bench(name = "export qdpx (10,000 highlights)")]
fn export_qdpx() -> usize {
    let f = &*FIXTURE;
    export(&f.corpus, &f.notebook, Format::Qdpx, false).len()
}

#[divan::bench(name = "export qdpx --crlf")]
fn export_qdpx_crlf() -> usize {
    let f = &*FIXTURE;
    export(&f.corpus, &f.notebook, Format::Qdpx, true).len()
}

#[divan::bench(name = "export csv")]
fn export_csv() -> usize {
    let f = &*FIXTURE;
    export(&f.corpus, &f.notebook, Format::Csv, false).len()
}

#[divan::bench(name = "export w3c")]
fn export_w3c() -> usize {
    let f = &*FIXTURE;
    export(&f.corpus, &f.notebook, Format::W3c, false).len()
}

#[divan::bench(name = "import qdpx into an empty notebook")]
fn import_empty() -> usize {
    let f = &*FIXTURE;
    import_into(&Notebook::new("bench"), &f.qdpx)
}

#[divan::bench(name = "import qdpx into the notebook that exported it (all merged)")]
fn import_again() -> usize {
    let f = &*FIXTURE;
    import_into(&f.notebook, &f.qdpx)
}

#[divan::bench(name = "import a --crlf qdpx (every selection converted)")]
fn import_crlf() -> usize {
    let f = &*FIXTURE;
    import_into(&Notebook::new("bench"), &f.crlf)
}

fn main() {
    divan::main();
}
