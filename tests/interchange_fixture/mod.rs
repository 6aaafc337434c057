//! The notebook the interchange tests export: two documents (plain text and Markdown) with
//! non-ASCII quotes, a quote across a line break, nested tags (one level that is no tag of
//! its own), notes holding `<`, `&` and quotation marks, a memo without a tag, a document
//! tag, a status, a document note, and a codebook with colours, a description and a key.

#![allow(dead_code)] // Each test file uses a part.

use dossier::export::{ExportContext, ExportOptions};
use dossier::interchange::{self, ExportInput, Exported, Format};
use dossier::notebook::{Change, DocRef, Notebook, Stamp, Tag, ops};
use dossier::store::{Corpus, Document};

/// The corpus: `briefing.md` and `speech.txt`.
pub fn corpus() -> Corpus {
    Corpus::from_files(
        "interchange",
        &[
            (
                "speech.txt",
                include_bytes!("../fixtures/interchange/speech.txt"),
            ),
            (
                "briefing.md",
                include_bytes!("../fixtures/interchange/briefing.md"),
            ),
        ],
    )
}

/// The quotes the notebook highlights, with their tags and notes.
pub const HIGHLIGHTS: &[(&str, &str, &[&str], Option<&str>)] = &[
    (
        "speech.txt",
        "“Allies must stand together — in cyberspace as on land.”",
        &["cyber", "policy/defence"],
        Some("Check <the> quote & the \"date\" of it."),
    ),
    (
        "speech.txt",
        "'naïve' views\nof Huawei, ZTE & others",
        &["cyber/5g"],
        None,
    ),
    (
        "speech.txt",
        "日本 included",
        &[],
        Some("A memo without a tag, about 日本."),
    ),
    (
        "briefing.md",
        "We see the campaigns, we name them, we answer them, together.",
        &["hybrid/disinformation"],
        None,
    ),
];

fn doc<'a>(corpus: &'a Corpus, path: &str) -> &'a Document {
    corpus.find(path).unwrap()
}

/// The notebook, made through the same operations as the command line's.
pub fn notebook(corpus: &Corpus) -> Notebook {
    let mut nb = Notebook::new(&corpus.name);
    let mut stamp = Stamp::new("2024-05-03T10:20:30Z".parse().unwrap());
    let strings = |tags: &[&str]| tags.iter().map(|t| (*t).to_owned()).collect::<Vec<_>>();
    for (path, quote, tags, note) in HIGHLIGHTS {
        let d = doc(corpus, path);
        let changes = if tags.is_empty() {
            ops::note_quote(
                &nb,
                &DocRef::of(d),
                &d.text,
                quote,
                note.unwrap(),
                &mut stamp,
            )
        } else {
            ops::highlight_quote(
                &nb,
                &DocRef::of(d),
                &d.text,
                quote,
                &strings(tags),
                *note,
                &mut stamp,
            )
        }
        .unwrap();
        nb.apply_all(&changes);
    }
    let speech = DocRef::of(doc(corpus, "speech.txt"));
    let briefing = DocRef::of(doc(corpus, "briefing.md"));
    let changes = ops::tag_documents(
        &nb,
        std::slice::from_ref(&speech),
        &strings(&["policy"]),
        "",
    )
    .unwrap();
    nb.apply_all(&changes);
    let changes = ops::tag_documents(&nb, &[briefing], &strings(&["briefings"]), "").unwrap();
    nb.apply_all(&changes);
    let changes = ops::set_status(
        &nb,
        std::slice::from_ref(&speech),
        Some("relevant"),
        &["relevant"],
        "",
    )
    .unwrap();
    nb.apply_all(&changes);
    let changes = ops::add_note(
        &nb,
        &speech,
        "Follow up with <press office> & ask for the \"full\" transcript.",
        &mut stamp,
    )
    .unwrap();
    nb.apply_all(&changes);
    let edit = |nb: &mut Notebook, name: &str, f: &dyn Fn(&mut Tag)| {
        let from = nb.tag(name).unwrap().clone();
        let mut to = from.clone();
        f(&mut to);
        nb.apply(&Change::EditTag { from, to });
    };
    edit(&mut nb, "cyber", &|t| {
        t.color = Some("cyan".into());
        t.description = "Cyber & network defence, <all> of it.".into();
        t.key = Some('c');
    });
    edit(&mut nb, "policy/defence", &|t| {
        t.color = Some("#12abef".into())
    });
    nb
}

/// The documents in the list's order.
pub fn docs(corpus: &Corpus) -> Vec<&Document> {
    corpus.documents.iter().collect()
}

/// The fixed context of the tests' exports.
pub fn context() -> ExportContext {
    ExportContext {
        corpus: "interchange".into(),
        query: None,
        date: jiff::civil::date(2024, 5, 3),
    }
}

/// Exports `notebook` in `format`.
pub fn export(corpus: &Corpus, notebook: &Notebook, format: Format, crlf: bool) -> Exported {
    let docs = docs(corpus);
    interchange::export(
        format,
        &ExportInput {
            notebook,
            docs: &docs,
            options: &ExportOptions::default(),
            context: &context(),
            crlf,
        },
    )
    .unwrap()
}

/// The entries of a ZIP by name, in their order.
pub fn unzip(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    use std::io::Read;
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    (0..archive.len())
        .map(|i| {
            let mut entry = archive.by_index(i).unwrap();
            let mut data = Vec::new();
            entry.read_to_end(&mut data).unwrap();
            (entry.name().unwrap().into_owned(), data)
        })
        .collect()
}

/// The shared interop folder, or `None` (with a notice) when it is not beside the project.
pub fn interop() -> Option<std::path::PathBuf> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/interop");
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!("skipped: {} is absent", dir.display());
        None
    }
}

/// `xmllint --schema` on `xml`; `None` (with a notice) when xmllint or the schemas are not
/// here (`.ci/run` installs libxml2-utils).
pub fn validate(xml: &[u8], schema: &str) -> Option<Result<(), String>> {
    let dir = interop()?;
    if std::process::Command::new("xmllint")
        .arg("--version")
        .output()
        .is_err()
    {
        eprintln!("skipped: xmllint is not installed (Debian package libxml2-utils)");
        return None;
    }
    let file = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(file.path(), xml).unwrap();
    let out = std::process::Command::new("xmllint")
        .args(["--noout", "--schema"])
        .arg(dir.join(schema))
        .arg(file.path())
        .output()
        .unwrap();
    Some(if out.status.success() {
        Ok(())
    } else {
        Err(String::from_utf8_lossy(&out.stderr).into_owned())
    })
}
