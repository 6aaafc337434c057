//! Teamwork at scale (issue 16): `agree` at character level over 10,000 documents with
//! 10,000 highlights per coder, and the merge of two 100,000-entry notebooks (texts in,
//! text out, as `dossier merge` does: parse three files, merge, write). Targets: under a
//! second each. Run with `cargo bench --bench team`; figures go in docs/performance.md.

use dossier::notebook::format::to_ron;
use dossier::notebook::{Anchor, AnchorState, DocumentNotes, Highlight, Note, Notebook};
use dossier::team::coding::{Codings, agreement};
use dossier::team::merge::{Input, merge_texts};
use dossier::team::units::Unit;
use std::collections::HashMap;
use std::path::Path;

fn main() {
    divan::main();
}

const DOCS: usize = 10_000;
const TAGS: usize = 10;

/// A statement of about 4 KB whose sentences differ from document to document.
fn text_of(doc: usize) -> String {
    (0..40)
        .map(|s| format!("Sentence {s} of statement {doc}: the Allies agreed to raise defence spending, and “cyber” was discussed at length.\n"))
        .collect()
}

/// One coder's notebook: a highlight on every document, shifted by `shift` sentences.
fn coder(texts: &[String], shift: usize, by: &str) -> Notebook {
    let mut nb = Notebook::new("bench");
    for (d, text) in texts.iter().enumerate() {
        let sentences = dossier::segment::sentences(text);
        let first = &sentences[(d + shift) % sentences.len()];
        let last = &sentences[(d + shift + 2) % sentences.len()];
        let (start, end) = (first.start.min(last.start), first.end.max(last.end));
        let mut e = DocumentNotes::new(&format!("{d:016x}"), "Title");
        e.highlights.push(Highlight {
            id: format!("{by}{d:06}"),
            tags: vec![format!("topic/{}", d % TAGS)],
            note: None,
            created: "2026-11-23T18:02:11Z".into(),
            by: by.to_owned(),
            anchor: Anchor::of(text, start, end).expect("a span of sentences"),
            state: AnchorState::Ok,
        });
        nb.documents.insert(format!("{d:05}.txt"), e);
    }
    nb
}

#[divan::bench(sample_count = 10)]
fn agree_characters_10k_documents(bencher: divan::Bencher) {
    let texts: Vec<String> = (0..DOCS).map(text_of).collect();
    let by_path: HashMap<String, &str> = texts
        .iter()
        .enumerate()
        .map(|(d, t)| (format!("{d:05}.txt"), t.as_str()))
        .collect();
    let (a, b) = (coder(&texts, 0, "ana"), coder(&texts, 1, "ben"));
    bencher.bench(|| {
        let (ca, cb) = (Codings::of(&a, None), Codings::of(&b, None));
        agreement(
            &ca,
            &cb,
            |p| by_path.get(p).copied(),
            Unit::Character,
            None,
            false,
        )
    });
}

const ENTRIES: usize = 100_000;

/// A notebook of 100,000 triaged documents with a note on every tenth.
fn base() -> Notebook {
    let mut nb = Notebook::new("bench");
    for d in 0..ENTRIES {
        let mut e = DocumentNotes::new(&format!("{d:016x}"), &format!("Statement number {d}"));
        e.status = Some("maybe".into());
        e.status_by = "lead".into();
        if d % 10 == 0 {
            e.notes.push(Note {
                id: format!("N{d:06}"),
                text: "Check the date.".into(),
                created: "2026-11-23T18:02:11Z".into(),
                by: "lead".into(),
            });
        }
        nb.documents.insert(format!("statements/{d:06}.txt"), e);
    }
    nb
}

/// `base` as one analyst changed it: every `every`-th document (from `offset`) gets a new
/// status and a tag, and one document in a thousand a status both analysts set.
fn changed(base: &Notebook, coder: &str, status: &str, offset: usize) -> Notebook {
    let mut nb = base.clone();
    let mut i = 0;
    nb.each_entry_mut(|_, e| {
        if i % 10 == offset || i % 1000 == 0 {
            e.status = Some(status.into());
            e.status_by = coder.into();
            e.tags.push(format!("topic/{}", i % 50));
            e.tagged_by.insert(coder.into(), e.tags.clone());
        }
        i += 1;
    });
    nb
}

#[divan::bench(sample_count = 10)]
fn merge_two_100k_entry_notebooks(bencher: divan::Bencher) {
    let base = base();
    let (b, o, t) = (
        to_ron(&base),
        to_ron(&changed(&base, "ana", "relevant", 3)),
        to_ron(&changed(&base, "ben", "irrelevant", 7)),
    );
    let input = |text| Input {
        text,
        path: Path::new("n.ron"),
    };
    bencher.bench(|| merge_texts(input(&b), input(&o), input(&t)).expect("they parse"));
}

/// The parts of the merge above: reading one of the three texts.
#[divan::bench(sample_count = 5)]
fn parse_one_100k_entry_notebook(bencher: divan::Bencher) {
    let text = to_ron(&changed(&base(), "ana", "relevant", 3));
    bencher.bench(|| {
        dossier::notebook::format::from_ron(&text, Path::new("n.ron")).expect("it parses")
    });
}

/// The parts of the merge above: merging the three parsed notebooks.
#[divan::bench(sample_count = 5)]
fn merge_parsed_100k_entry_notebooks(bencher: divan::Bencher) {
    let base = base();
    let (o, t) = (
        changed(&base, "ana", "relevant", 3),
        changed(&base, "ben", "irrelevant", 7),
    );
    bencher.bench(|| dossier::team::merge::merge(&base, &o, &t));
}
