//! Coders through interchange (SPEC §12, §14): a notebook's coders are a project's Users,
//! each selection, coding and note names its maker, and an import gives the work back to
//! the same coders; the CSV and W3C exports name them too.

mod interchange_fixture;

use dossier::interchange::import::{self, ImportOptions};
use dossier::interchange::{Format, qdpx};
use dossier::notebook::Notebook;
use interchange_fixture::{corpus, export, notebook};

/// The fixture's notebook with its work shared between two coders: `ana` made the first
/// highlight of each document and the document tags, `ben` the rest and the notes, and
/// applied the first document tag too.
fn coded(corpus: &dossier::store::Corpus) -> Notebook {
    let mut nb = notebook(corpus);
    nb.each_entry_mut(|_, entry| {
        for (i, h) in entry.highlights.iter_mut().enumerate() {
            h.by = if i == 0 { "ana" } else { "ben" }.into();
        }
        for n in &mut entry.notes {
            n.by = "ben".into();
        }
        if let Some(first) = entry.tags.first() {
            entry.tagged_by.insert("ana".into(), entry.tags.clone());
            entry.tagged_by.insert("ben".into(), vec![first.clone()]);
        }
    });
    nb
}

/// Per document: (highlight quote, coder) pairs, note coders, and who tagged what.
type Who = Vec<(
    String,
    Vec<(String, String)>,
    Vec<String>,
    Vec<(String, Vec<String>)>,
)>;

fn who(nb: &Notebook) -> Who {
    nb.documents
        .iter()
        .map(|(path, e)| {
            let mut highlights: Vec<(String, String)> = e
                .highlights
                .iter()
                .map(|h| (h.anchor.quote.clone(), h.by.clone()))
                .collect();
            highlights.sort();
            let tagged = e
                .tagged_by
                .iter()
                .map(|(c, t)| (c.clone(), t.clone()))
                .collect();
            let notes = e.notes.iter().map(|n| n.by.clone()).collect();
            (path.clone(), highlights, notes, tagged)
        })
        .collect()
}

#[test]
fn a_project_lists_the_coders_and_names_the_maker_of_each_selection() {
    let corpus = corpus();
    let bytes = export(&corpus, &coded(&corpus), Format::Qdpx, false).bytes;
    let project = qdpx::read(&bytes, "notes.qdpx").unwrap();
    let names: Vec<&str> = project.users.iter().map(|u| u.label()).collect();
    assert_eq!(names, ["ana", "ben"]);
    let guid_of = |name: &str| {
        project
            .users
            .iter()
            .find(|u| u.label() == name)
            .map(|u| u.guid.clone())
    };
    let selections: Vec<_> = project.sources.iter().flat_map(|s| &s.selections).collect();
    assert!(!selections.is_empty());
    for sel in &selections {
        assert!(
            sel.user == guid_of("ana") || sel.user == guid_of("ben"),
            "{sel:?}"
        );
        for coding in &sel.codings {
            assert_eq!(coding.user, sel.user);
        }
    }
    let doc_codings: Vec<_> = project.sources.iter().flat_map(|s| &s.codings).collect();
    assert!(!doc_codings.is_empty());
    let by = |name: &str| {
        doc_codings
            .iter()
            .filter(|c| c.user == guid_of(name))
            .count()
    };
    assert_eq!((by("ana"), by("ben")), (2, 2), "{doc_codings:?}");
    let qde = &interchange_fixture::unzip(&bytes)[0].1;
    if let Some(result) = interchange_fixture::validate(qde, "Project.xsd") {
        result.unwrap();
    }
}

#[test]
fn an_import_gives_the_work_back_to_its_coders() {
    let corpus = corpus();
    let original = coded(&corpus);
    let bytes = export(&corpus, &original, Format::Qdpx, false).bytes;
    let project = import::read("notes.qdpx", &bytes).unwrap();
    let options = ImportOptions {
        coder: None,
        statuses: vec!["relevant".into()],
        now: "2025-01-01T00:00:00Z".parse().unwrap(),
    };
    let mut imported = Notebook::new(&corpus.name);
    let plan = import::plan(&imported, &corpus, &project, "notes.qdpx", &options).unwrap();
    imported.apply_all(&plan.changes);
    assert_eq!(who(&imported), who(&original));
    // And only one coder's work with --coder.
    let only_ben = ImportOptions {
        coder: Some("ben".into()),
        ..options
    };
    let mut bens = Notebook::new(&corpus.name);
    let plan = import::plan(&bens, &corpus, &project, "notes.qdpx", &only_ben).unwrap();
    bens.apply_all(&plan.changes);
    let makers: Vec<&str> = bens
        .documents
        .values()
        .flat_map(|e| e.highlights.iter().map(|h| h.by.as_str()))
        .collect();
    assert!(!makers.is_empty());
    assert!(makers.iter().all(|m| *m == "ben"), "{makers:?}");
}

#[test]
fn the_csv_and_w3c_exports_name_the_coder() {
    let corpus = corpus();
    let nb = coded(&corpus);
    let csv = String::from_utf8(export(&corpus, &nb, Format::Csv, false).bytes).unwrap();
    assert!(csv.lines().any(|l| l.contains(",ana,")), "{csv}");
    assert!(csv.lines().any(|l| l.contains(",ben,")), "{csv}");
    let w3c = String::from_utf8(export(&corpus, &nb, Format::W3c, false).bytes).unwrap();
    assert!(
        w3c.contains(r#""name": "ana""#) || w3c.contains(r#""name":"ana""#),
        "{w3c}"
    );
}
