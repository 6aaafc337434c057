//! Importing REFI-QDA projects (SPEC §14) through the library: a round trip through dossier's
//! own export gives back the same highlights, tags, notes, statuses and codebook; a second
//! import changes nothing; CRLF sources and byte-order marks land where their quotes are;
//! the import is one undo step on the screen.

mod interchange_fixture;

use dossier::interchange::import::{self, ImportOptions, Plan};
use dossier::interchange::{Format, qdpx};
use dossier::notebook::{Notebook, Tag};
use dossier::store::Corpus;
use interchange_fixture::{corpus, export, notebook};
use std::collections::BTreeSet;

fn options() -> ImportOptions {
    ImportOptions {
        coder: None,
        statuses: vec!["relevant".into(), "maybe".into(), "irrelevant".into()],
        now: "2025-01-01T00:00:00Z".parse().unwrap(),
    }
}

fn plan_import(into: &Notebook, corpus: &Corpus, bytes: &[u8], file: &str) -> Plan {
    let project = import::read(file, bytes).unwrap();
    import::plan(into, corpus, &project, file, &options()).unwrap()
}

/// What a notebook says, without its ids: per document the status, tags, notes (text and
/// date) and highlights (anchor, tags, note, date).
type View = Vec<(
    String,
    Option<String>,
    Vec<String>,
    Vec<(String, String)>,
    Vec<String>,
)>;

fn view(nb: &Notebook) -> View {
    nb.documents
        .iter()
        .map(|(path, e)| {
            let notes = e
                .notes
                .iter()
                .map(|n| (n.text.clone(), n.created.clone()))
                .collect();
            let highlights = e
                .highlights
                .iter()
                .map(|h| {
                    let tags: BTreeSet<&String> = h.tags.iter().collect();
                    format!("{:?} {tags:?} {:?} {}", h.anchor, h.note, h.created)
                })
                .collect();
            (
                path.clone(),
                e.status.clone(),
                e.tags.clone(),
                notes,
                highlights,
            )
        })
        .collect()
}

/// The codebook without hotkeys, which REFI-QDA has no place for.
fn codebook(nb: &Notebook) -> Vec<Tag> {
    nb.codebook
        .iter()
        .map(|t| Tag {
            key: None,
            ..t.clone()
        })
        .collect()
}

#[test]
fn export_then_import_into_an_empty_notebook_gives_the_same_notes() {
    let corpus = corpus();
    let original = notebook(&corpus);
    let bytes = export(&corpus, &original, Format::Qdpx, false).bytes;
    let mut imported = Notebook::new(&corpus.name);
    let plan = plan_import(&imported, &corpus, &bytes, "notes.qdpx");
    assert!(
        plan.report.problems.is_empty(),
        "{:?}",
        plan.report.problems
    );
    imported.apply_all(&plan.changes);
    assert_eq!(view(&imported), view(&original));
    assert_eq!(codebook(&imported), codebook(&original));
    // And exported again, it says the same: the same selections, codes and notes.
    let again = export(&corpus, &imported, Format::Qdpx, false).bytes;
    let texts = |bytes: &[u8]| {
        let p = qdpx::read(bytes, "x").unwrap();
        let codes: Vec<String> = p
            .code_paths()
            .iter()
            .map(|(path, _)| path.join("/"))
            .collect();
        let sels: Vec<(i64, i64, usize)> = p
            .sources
            .iter()
            .flat_map(|s| {
                s.selections
                    .iter()
                    .map(|x| (x.start, x.end, x.codings.len()))
            })
            .collect();
        let notes: Vec<String> = p.notes.iter().map(|n| n.text.clone()).collect();
        (codes, sels, notes)
    };
    assert_eq!(texts(&again), texts(&bytes));
}

#[test]
fn importing_the_same_project_again_changes_nothing() {
    let corpus = corpus();
    let original = notebook(&corpus);
    let bytes = export(&corpus, &original, Format::Qdpx, false).bytes;
    // Into the notebook that exported it: every selection is recognised as its highlight.
    let plan = plan_import(&original, &corpus, &bytes, "notes.qdpx");
    assert_eq!(plan.changes, vec![], "{:?}", plan.report.lines(false));
    assert_eq!(plan.report.merged(), interchange_fixture::HIGHLIGHTS.len());
}

#[test]
fn a_crlf_export_for_maxqda_imports_to_the_same_places() {
    let corpus = corpus();
    let original = notebook(&corpus);
    let bytes = export(&corpus, &original, Format::Qdpx, true).bytes;
    let mut imported = Notebook::new(&corpus.name);
    let plan = plan_import(&imported, &corpus, &bytes, "maxqda.qdpx");
    assert!(
        plan.report.problems.is_empty(),
        "{:?}",
        plan.report.problems
    );
    imported.apply_all(&plan.changes);
    assert_eq!(view(&imported), view(&original));
}

#[test]
fn a_codebook_imports_as_tags() {
    let corpus = corpus();
    let original = notebook(&corpus);
    let bytes = export(&corpus, &original, Format::Qdc, false).bytes;
    let mut imported = Notebook::new(&corpus.name);
    let plan = plan_import(&imported, &corpus, &bytes, "codes.qdc");
    imported.apply_all(&plan.changes);
    assert_eq!(codebook(&imported), codebook(&original));
    assert!(imported.documents.is_empty());
}

#[test]
fn the_import_is_one_undo_step_on_the_screen() {
    let mut state = dossier::state::State::sample();
    let corpus = state.corpus.clone();
    let doc = &corpus.documents[0];
    let text: String = doc.text.chars().take(200).collect();
    let start = text.find("NATO").unwrap();
    let qde = format!(
        r#"<Project xmlns="urn:QDA-XML:project:1.0" name="p"><CodeBook><Codes>
<Code guid="00000000-0000-0000-0000-00000000000a" name="alliance" isCodable="true"/></Codes></CodeBook>
<Sources><TextSource guid="00000000-0000-0000-0000-000000000001" name="{}"><PlainTextContent>{}</PlainTextContent>
<PlainTextSelection guid="00000000-0000-0000-0000-000000000002" startPosition="{}" endPosition="{}">
<Coding guid="00000000-0000-0000-0000-000000000003"><CodeRef targetGUID="00000000-0000-0000-0000-00000000000a"/></Coding>
</PlainTextSelection></TextSource></Sources></Project>"#,
        doc.path,
        quick_escape(&doc.text),
        doc.text[..start].chars().count(),
        doc.text[..start].chars().count() + 4,
    );
    let before = state.notebook.clone();
    let project = import::read("p.qde", qde.as_bytes()).unwrap();
    let plan = import::plan(&state.notebook, &corpus, &project, "p.qde", &options()).unwrap();
    assert_eq!(plan.changes.len(), 2, "{:?}", plan.report.lines(false));
    state.commit(plan.changes, "import p.qde".to_owned());
    let entry = state.notebook.doc(&doc.path).unwrap();
    assert_eq!(entry.highlights[0].anchor.quote, "NATO");
    assert_eq!(entry.highlights[0].tags, ["alliance"]);
    dossier::state::update(&mut state, dossier::action::Action::Undo);
    assert_eq!(state.notebook, before);
}

fn quick_escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

#[test]
fn a_source_with_a_byte_order_mark_and_crlf_lands_where_its_quote_is() {
    let corpus = corpus();
    let doc = corpus.find("speech.txt").unwrap();
    let source = format!("\u{FEFF}{}\r\n", doc.text.replace('\n', "\r\n"));
    let quote = "“not an option”";
    let at = source.trim_start_matches('\u{FEFF}').find(quote).unwrap();
    let start = source.trim_start_matches('\u{FEFF}')[..at].chars().count();
    let end = start + quote.chars().count();
    let qde = format!(
        r#"<?xml version="1.0"?><Project xmlns="urn:QDA-XML:project:1.0" name="q"><CodeBook><Codes>
<Code guid="00000000-0000-0000-0000-00000000000a" name="huawei" isCodable="true"/></Codes></CodeBook>
<Sources><TextSource guid="00000000-0000-0000-0000-000000000001" name="Speech" plainTextPath="internal://00000000-0000-0000-0000-000000000001.txt">
<PlainTextSelection guid="00000000-0000-0000-0000-000000000002" startPosition="{start}" endPosition="{end}">
<Coding guid="00000000-0000-0000-0000-000000000003"><CodeRef targetGUID="00000000-0000-0000-0000-00000000000a"/></Coding>
</PlainTextSelection></TextSource></Sources></Project>"#
    );
    let bytes = zip_of(&[
        ("project.qde", qde.as_bytes()),
        (
            "Sources/00000000-0000-0000-0000-000000000001.txt",
            source.as_bytes(),
        ),
    ]);
    let mut nb = Notebook::new(&corpus.name);
    let plan = plan_import(&nb, &corpus, &bytes, "qualcoder.qdpx");
    assert!(
        plan.report.problems.is_empty(),
        "{:?}",
        plan.report.problems
    );
    // Matched by text (its name is no document's), its positions counted past the CRs.
    assert_eq!(plan.report.sources[0].how.as_str(), "by text");
    nb.apply_all(&plan.changes);
    let h = &nb.doc("speech.txt").unwrap().highlights[0];
    assert_eq!(h.anchor.quote, quote);
    assert_eq!(&doc.text[h.anchor.start..h.anchor.end], quote);
}

/// A ZIP of `(name, bytes)` entries.
fn zip_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
    use std::io::Write;
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, bytes) in entries {
        zip.start_file(*name, zip::write::SimpleFileOptions::default())
            .unwrap();
        zip.write_all(bytes).unwrap();
    }
    zip.finish().unwrap().into_inner()
}
