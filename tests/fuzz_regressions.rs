//! Inputs the fuzz targets (`fuzz/`, docs/reliability.md "Fuzzing") stopped on, fixed here
//! so the behaviour they pinned down stays as documented.

use dossier::query::parse;

/// fuzz target `query`: a field without a value at the end of the query. The error covers
/// the term and the one place past the end where the value is missing (`QueryError`: at
/// most one character past the end), which the first version of the target did not allow.
#[test]
fn a_missing_value_at_the_end_is_marked_one_place_past_the_end() {
    let input = "\"cy`er defence\" -tag:";
    let e = parse(input).unwrap_err();
    let chars = input.chars().count();
    assert_eq!((e.position, e.length), (17, 5));
    assert_eq!(e.position + e.length, chars + 1);
    assert!(e.message.contains("tag:"), "{}", e.message);
}

/// fuzz target `pdf`: a page whose font is a reference to an object the file lacks. The
/// PDF crate (`pdf-extract`) panics on it. dossier catches that at its boundary, per page:
/// the page is lost with a warning naming it and what the crate said (here the only page,
/// so the file is damaged), and the panic hook is told the panic is caught
/// (`parser_guarded`), so the screen is not torn down while the corpus loads. Before, the
/// terminal's panic hook restored the terminal under the running program and printed
/// "dossier crashed", and the file's error did not say why.
#[test]
fn a_pdf_page_the_pdf_crate_panics_on_is_reported_and_the_hook_is_told() {
    use dossier::store::Format;
    use dossier::store::format::{extract, parser_guarded};
    use std::sync::atomic::{AtomicBool, Ordering};
    static GUARDED_IN_HOOK: AtomicBool = AtomicBool::new(false);
    let bytes = std::fs::read("tests/fixtures/fuzz/pdf-missing-object.pdf").unwrap();
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {
        GUARDED_IN_HOOK.store(parser_guarded(), Ordering::SeqCst);
    }));
    let outcome = extract(Format::Pdf, &bytes);
    std::panic::set_hook(previous);
    assert!(
        GUARDED_IN_HOOK.load(Ordering::SeqCst),
        "the hook did not know"
    );
    assert!(!parser_guarded(), "still guarded after extracting");
    // Its one page is that page: the file is damaged, not a scan (it has an image).
    let e = outcome.unwrap_err().to_string();
    assert!(
        e.contains("PDF") && e.contains("page 1 could not be read"),
        "{e}"
    );
    assert!(
        e.contains("missing object reference") && !e.contains('\n'),
        "{e}"
    );
}

/// fuzz target `notebook`: entries with nothing in them (only an id and a title), in a
/// version 1 file. They were kept on reading but never written, so a loaded notebook
/// differed from the one it wrote; empty entries are now dropped on reading.
#[test]
fn a_notebook_with_empty_entries_reads_as_the_notebook_it_writes() {
    use dossier::notebook::format::{from_ron, to_ron};
    let path = std::path::Path::new("notebook.ron");
    for version in [1, 2] {
        let input = format!(
            r#"(version: {version}, corpus: "c", documents: {{"a.|xt": (id: "end:x", title: "t"), "a.txt": (id: "y", title: "t")}})"#
        );
        let (notebook, _) = from_ron(&input, path).unwrap();
        assert!(notebook.documents.is_empty(), "version {version}");
        let written = to_ron(&notebook);
        let (again, migrated) = from_ron(&written, path).unwrap();
        assert_eq!((again, migrated), (notebook, None), "version {version}");
    }
}

/// fuzz target `notebook`: a file (tests' own sample notebook, mutated) whose highlights
/// are not in the order of their places. Every change keeps a document's highlights by
/// place (and the codebook by name), the writer sorts them so, but reading kept the
/// file's order: a loaded notebook broke that order and differed from the one it wrote.
/// Reading now puts them in order (notes keep the file's order, as the writer does).
#[test]
fn a_notebook_out_of_order_reads_in_order_and_as_the_notebook_it_writes() {
    use dossier::notebook::format::{from_ron, to_ron};
    let input = r#"(version: 2, corpus: "c",
        codebook: [Tag(name: "z"), Tag(name: "a")],
        documents: {"a.txt": (id: "y", title: "t",
            notes: [
                (id: "02", text: "later", created: "2024-05-02T09:11:00Z"),
                (id: "01", text: "sooner", created: "2024-05-02T09:10:00Z"),
            ],
            highlights: [
                (id: "H2", tags: ["z"], note: None, created: "2024-05-02T09:12:00Z",
                 anchor: (start: 10, end: 12, quote: "kl", prefix: "", suffix: "")),
                (id: "H1", tags: ["a"], note: None, created: "2024-05-02T09:13:00Z",
                 anchor: (start: 2, end: 4, quote: "cd", prefix: "", suffix: "")),
            ])})"#;
    let path = std::path::Path::new("notebook.ron");
    let (notebook, _) = from_ron(input, path).unwrap();
    let names: Vec<&str> = notebook.codebook.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(names, ["a", "z"]);
    let entry = &notebook.documents["a.txt"];
    let notes: Vec<&str> = entry.notes.iter().map(|n| n.id.as_str()).collect();
    assert_eq!(notes, ["02", "01"]);
    let highlights: Vec<&str> = entry.highlights.iter().map(|h| h.id.as_str()).collect();
    assert_eq!(highlights, ["H1", "H2"]);
    let (again, _) = from_ron(&to_ron(&notebook), path).unwrap();
    assert_eq!(again, notebook);
}

/// fuzz target `corpus_file`: a `turns` pattern of `dossier.ron` that is not a regular
/// expression. The regex crate's error draws the pattern and a caret on lines of their
/// own, and that went into the error as it was: an error of several lines.
#[test]
fn a_bad_turns_pattern_is_an_error_of_one_line() {
    use dossier::store::turns::Splitter;
    let e = Splitter::with_pattern("^(?<speaker>[A-Z")
        .unwrap_err()
        .to_string();
    assert!(!e.contains('\n'), "{e}");
    assert!(e.contains("not a regular expression"), "{e}");
}

/// fuzz target `corpus_file`: a filename pattern whose capture holds a line break. The bad
/// capture went into the error as it was, and the error had two lines.
#[test]
fn a_capture_with_a_line_break_is_an_error_of_one_line() {
    use dossier::store::pattern::Pattern;
    let e = Pattern::parse("{date\n}-{kind}").unwrap_err();
    assert!(!e.contains('\n'), "{e}");
    assert!(e.contains("bad capture \"{date\\n}\""), "{e}");
}
