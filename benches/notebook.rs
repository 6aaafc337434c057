//! Saving and loading a large notebook: 10,000 highlights over 1,000 documents (SPEC §9:
//! a save under 30 ms). Run with `cargo bench --bench notebook`; figures go in
//! docs/performance.md.

use dossier::notebook::{
    Anchor, AnchorState, DocumentNotes, Highlight, Note, Notebook, NotebookFile, Tag, format,
    reconcile,
};
use dossier::store::{Corpus, Source};
use std::collections::BTreeMap;
use std::sync::Arc;

fn main() {
    divan::main();
}

const DOCS: usize = 1_000;
const PER_DOC: usize = 10;

/// A statement of about 4 KB whose sentences differ from document to document.
fn text_of(doc: usize) -> String {
    (0..40)
        .map(|s| format!("Sentence {s} of statement {doc}: the Allies agreed to raise defence spending, and “cyber” was discussed at length.\n"))
        .collect()
}

fn corpus() -> Corpus {
    let documents = (0..DOCS)
        .filter_map(|d| {
            dossier::store::read_document(&format!("{d:04}.txt"), text_of(d).as_bytes()).ok()
        })
        .collect();
    Corpus {
        name: "bench".into(),
        source: Source::Sample,
        documents,
        warnings: Vec::new(),
        cache: None,
        tables: Vec::new(),
        corpus_file: None,
    }
}

fn notebook(corpus: &Corpus) -> Notebook {
    let mut nb = Notebook::new("bench");
    nb.codebook = (0..50).map(|t| Tag::named(&format!("topic/{t}"))).collect();
    for (d, doc) in corpus.documents.iter().enumerate() {
        let mut entry = DocumentNotes::new(&doc.id, &doc.meta.title);
        entry.status = Some("relevant".into());
        entry.tags = vec![format!("topic/{}", d % 50)];
        entry.notes.push(Note {
            id: format!("N{d:05}"),
            text: "A note with \"quotes\",\nand a second line.".into(),
            created: "2026-11-23T18:02:11Z".into(),
            by: String::new(),
        });
        let text = &doc.text;
        let sentences = dossier::segment::sentences(text);
        for h in 0..PER_DOC {
            let r = &sentences[(h * 3) % sentences.len()];
            entry.highlights.push(Highlight {
                id: format!("H{d:05}{h:02}"),
                tags: vec![format!("topic/{}", (d + h) % 50)],
                note: (h % 3 == 0).then(|| "Why this?".to_owned()),
                created: "2026-11-23T18:02:11Z".into(),
                by: String::new(),
                anchor: Anchor::of(text, r.start, r.end).expect("a sentence is a span"),
                state: AnchorState::Ok,
            });
        }
        nb.documents.insert(doc.path.clone(), entry);
    }
    nb
}

#[divan::bench]
fn serialize(bencher: divan::Bencher) {
    let nb = notebook(&corpus());
    bencher.bench_local(|| format::to_ron(&nb).len());
}

/// A save after one change: serialize, write a temporary file, sync, keep the backup,
/// rename.
#[divan::bench]
fn save_after_a_change(bencher: divan::Bencher) {
    saves_after_a_status_change(bencher, notebook(&corpus()));
}

/// Times saving `nb` after each change of one document's status.
fn saves_after_a_status_change(bencher: divan::Bencher, mut nb: Notebook) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("bench.ron");
    let (mut file, _) = NotebookFile::open(&path, "bench").expect("opens");
    let mut flip = false;
    bencher.bench_local(|| {
        flip = !flip;
        let first = nb.documents.keys().next().expect("a document").clone();
        let entry = nb.documents.get_mut(&first).expect("a document");
        entry.status = Some(if flip { "maybe" } else { "relevant" }.into());
        file.save(&nb).expect("saves")
    });
}

/// A save that finds nothing changed and writes nothing.
#[divan::bench]
fn save_unchanged(bencher: divan::Bencher) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("bench.ron");
    let nb = notebook(&corpus());
    let (mut file, _) = NotebookFile::open(&path, "bench").expect("opens");
    file.save(&nb).expect("saves");
    bencher.bench_local(|| file.save(&nb).expect("saves"));
}

#[divan::bench]
fn load(bencher: divan::Bencher) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("bench.ron");
    let nb = notebook(&corpus());
    let (mut file, _) = NotebookFile::open(&path, "bench").expect("opens");
    file.save(&nb).expect("saves");
    bencher.bench_local(|| dossier::notebook::load(&path, "bench").expect("loads"));
}

/// Checking all 10,000 anchors against unchanged texts.
#[divan::bench]
fn reconcile_unchanged(bencher: divan::Bencher) {
    let corpus = corpus();
    let nb = notebook(&corpus);
    bencher
        .with_inputs(|| nb.clone())
        .bench_local_refs(|nb| reconcile(nb, &corpus));
}

/// Checking all 10,000 anchors after a line was inserted at the top of every document.
#[divan::bench]
fn reconcile_all_moved(bencher: divan::Bencher) {
    let corpus = corpus();
    let nb = notebook(&corpus);
    let mut edited = corpus.clone();
    for doc in &mut edited.documents {
        doc.text = format!("An added first line.\n{}", doc.text).into();
    }
    bencher
        .with_inputs(|| nb.clone())
        .bench_local_refs(|nb| reconcile(nb, &edited));
}

/// The notebook a long triage session leaves: one entry per document, a status each.
fn triaged(docs: usize) -> Notebook {
    let mut nb = Notebook::new("bench");
    for d in 0..docs {
        let mut entry = DocumentNotes::new(
            &format!("{d:016x}"),
            &format!("Statement by the Secretary General on topic {d}"),
        );
        entry.status = Some(["relevant", "maybe", "irrelevant"][d % 3].into());
        nb.documents.insert(
            format!("{}/{:02}/{d:06}-statement.txt", 2000 + d % 25, d % 12),
            entry,
        );
    }
    nb
}

/// Serializing the notebook of [`triaged`].
#[divan::bench(args = [1_000, 10_000, 100_000])]
fn serialize_after_triaging_every_document(bencher: divan::Bencher, docs: usize) {
    let nb = triaged(docs);
    bencher.bench_local(|| format::to_ron(&nb).len());
}

/// A save after one status change in the notebook of [`triaged`].
#[divan::bench(args = [1_000, 10_000, 100_000])]
fn save_after_triaging_every_document(bencher: divan::Bencher, docs: usize) {
    saves_after_a_status_change(bencher, triaged(docs));
}

/// A snapshot of the notebook of [`triaged`], what the writer thread and the queries get:
/// the entries are a persistent map, so this copies a handful of small fields.
#[divan::bench(args = [100_000])]
fn snapshot_after_triaging_every_document(bencher: divan::Bencher, docs: usize) {
    let nb = triaged(docs);
    bencher.bench_local(|| std::sync::Arc::new(nb.clone()).documents.len());
}

/// The same copy with the entries in a plain `BTreeMap`, as they were before the
/// persistent map: every entry copied.
#[divan::bench(args = [100_000])]
fn btree_copy_after_triaging_every_document(bencher: divan::Bencher, docs: usize) {
    let entries: BTreeMap<String, DocumentNotes> = triaged(docs).documents.into_iter().collect();
    bencher.bench_local(|| entries.clone().len());
}

/// The alternative weighed against the persistent map: a `BTreeMap` of entries behind
/// `Arc`, whose copy still copies every key and bumps every count.
#[divan::bench(args = [100_000])]
fn arc_entries_copy_after_triaging_every_document(bencher: divan::Bencher, docs: usize) {
    let entries: BTreeMap<String, Arc<DocumentNotes>> = triaged(docs)
        .documents
        .into_iter()
        .map(|(path, entry)| (path, Arc::new(entry)))
        .collect();
    bencher.bench_local(|| entries.clone().len());
}

/// A status change while a snapshot shares the entries (a save under way): what copying on
/// write costs, the nodes on the changed entry's path.
#[divan::bench(args = [100_000])]
fn change_while_a_snapshot_is_held(bencher: divan::Bencher, docs: usize) {
    let mut nb = triaged(docs);
    let paths: Vec<String> = nb.documents.keys().step_by(997).cloned().collect();
    let mut i = 0;
    bencher.bench_local(|| {
        let snapshot = Arc::new(nb.clone());
        i += 1;
        let path = &paths[i % paths.len()];
        if let Some(entry) = nb.documents.get_mut(path) {
            entry.status = Some(if i % 2 == 0 { "maybe" } else { "relevant" }.into());
        }
        snapshot
    });
}

/// A lookup of every entry in path order, as a query reading statuses does.
#[divan::bench(args = [100_000])]
fn look_up_every_entry(bencher: divan::Bencher, docs: usize) {
    let nb = triaged(docs);
    let paths: Vec<String> = nb.documents.keys().cloned().collect();
    bencher.bench_local(|| {
        paths
            .iter()
            .filter(|p| nb.doc(p).is_some_and(|e| e.status.is_some()))
            .count()
    });
}

/// The same lookups in a plain `BTreeMap` of the entries, as before the persistent map.
#[divan::bench(args = [100_000])]
fn btree_look_up_every_entry(bencher: divan::Bencher, docs: usize) {
    let entries: BTreeMap<String, DocumentNotes> = triaged(docs).documents.into_iter().collect();
    let paths: Vec<String> = entries.keys().cloned().collect();
    bencher.bench_local(|| {
        paths
            .iter()
            .filter(|p| entries.get(*p).is_some_and(|e| e.status.is_some()))
            .count()
    });
}
