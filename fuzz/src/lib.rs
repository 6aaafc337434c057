//! What every fuzz target checks of dossier's output, beyond "no panic": the promises of
//! the normalized text (SPEC §11; `src/store/normalize.rs`) that the screen relies on.

use dossier::store::StyledRange;

/// Panics unless `text` is normalized text: no control character but `\n` and `\t`, no
/// `\r`, no byte-order mark, no line or paragraph separator, no bidirectional override
/// or isolate. A document's text reaches the terminal, so any of these is a bug.
pub fn assert_normalized(text: &str, what: &str) {
    for (at, c) in text.char_indices() {
        let bad = (c.is_control() && c != '\n' && c != '\t')
            || matches!(
                c,
                '\u{FEFF}' | '\u{2028}' | '\u{2029}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'
            );
        assert!(!bad, "{what}: {c:?} at byte {at} of {text:?}");
    }
}

/// Panics unless every styled range lies inside `text` and starts and ends
/// on character boundaries (the reader slices the text by them).
pub fn assert_styles_fit(text: &str, styles: &[StyledRange], what: &str) {
    for s in styles {
        assert!(
            s.start <= s.end && s.end <= text.len(),
            "{what}: style {s:?} outside a text of {} bytes",
            text.len()
        );
        assert!(
            text.is_char_boundary(s.start) && text.is_char_boundary(s.end),
            "{what}: style {s:?} cuts a character of {text:?}"
        );
    }
}

/// The bytes as text, for the targets whose input is text (a query, a configuration).
pub fn as_text(data: &[u8]) -> Option<&str> {
    std::str::from_utf8(data).ok()
}

/// The checks of an extracted format (HTML, ODT, DOCX, PDF): extraction is deterministic
/// (the notebook's anchors depend on it) and its text and styles are as promised; the
/// document read from the same bytes is normalized, not empty, and its styles fit it.
pub fn check_extracted(format: dossier::store::Format, name: &str, data: &[u8]) {
    use dossier::store::format::extract;
    let_parsing_crates_panic();
    let first = extract(format, data);
    let second = extract(format, data);
    assert_eq!(first, second, "{name}: extraction is not deterministic");
    if let Ok(extracted) = &first {
        assert_styles_fit(&extracted.text, &extracted.styles, name);
        let candidates = [
            &extracted.title,
            &extracted.date,
            &extracted.property_title,
            &extracted.property_date,
            &extracted.author,
        ];
        for c in candidates.into_iter().flatten() {
            assert!(
                !c.value.is_empty() && !c.value.contains('\n'),
                "{name}: candidate {c:?} is not one line"
            );
        }
    }
    match dossier::store::read_document(name, data) {
        Ok(doc) => {
            assert!(first.is_ok(), "{name}: read although extraction failed");
            assert_normalized(&doc.text, name);
            assert!(!doc.text.trim().is_empty(), "{name}: a document without text");
            assert_styles_fit(&doc.text, &doc.styles, name);
            assert!(!doc.meta.title.contains('\n'), "{name}: title of two lines");
        }
        Err(reason) => assert!(!reason.contains('\n'), "{name}: reason of two lines"),
    }
}

/// The checks of a dataset (CSV, TSV, JSON Lines) read from `data` as the file `name`:
/// rows come in file order with distinct keys (a row's document path `FILE#KEY` names one
/// row), notes are one line each, and the corpus of that one file holds one normalized,
/// non-empty document per row, at the path of its row.
pub fn check_dataset(format: dossier::store::Format, name: &str, data: &[u8]) {
    use dossier::store::Corpus;
    use dossier::store::dataset::{Options, parse, split_path};
    use std::collections::HashSet;
    let Ok(parsed) = parse(format, data, &Options::default()) else {
        return;
    };
    let mut keys = HashSet::new();
    let mut line = 0;
    for row in &parsed.rows {
        assert!(keys.insert(row.key.as_str()), "{name}: key {:?} twice", row.key);
        // Lines count line feeds: rows a lone CR ends share a line, so not strictly.
        assert!(row.line >= line, "{name}: row at line {} after line {line}", row.line);
        line = row.line;
    }
    for note in &parsed.notes {
        assert!(!note.contains('\n'), "{name}: note of two lines: {note:?}");
    }
    let corpus = Corpus::from_files("fuzz", &[(name, data)]);
    let mut paths = HashSet::new();
    for doc in &corpus.documents {
        assert!(paths.insert(doc.path.as_str()), "{name}: path {} twice", doc.path);
        let Some((file, key, in_format)) = split_path(&doc.path) else {
            panic!("{name}: document path {:?} is not FILE#KEY", doc.path);
        };
        assert_eq!((file, in_format), (name, format), "{name}: {}", doc.path);
        assert!(keys.contains(key), "{name}: {} is no row's key", doc.path);
        assert_normalized(&doc.text, &doc.path);
        assert!(!doc.text.trim().is_empty(), "{}: no text", doc.path);
        assert!(!doc.meta.title.contains('\n'), "{}: title of two lines", doc.path);
    }
}

/// Panics unless `line:column` (both 1-based, the column in characters) is a place in
/// `text`: an error message names where the fault is, so the place must exist (the end of
/// a line, or of the text, included).
pub fn assert_place(text: &str, line: usize, column: usize, what: &str) {
    let lines: Vec<&str> = text.split('\n').collect();
    assert!(
        (1..=lines.len()).contains(&line),
        "{what}: line {line} of a text of {} lines",
        lines.len()
    );
    let width = lines[line - 1].chars().count();
    assert!(
        (1..=width + 1).contains(&column),
        "{what}: column {column} of line {line}, which has {width} characters"
    );
}

/// The checks of a REFI-QDA import from `data` as the file `name` (`.qdpx` or `.qde`): a
/// file that does not read gives a one-line error; one that reads is planned into an empty
/// notebook over a corpus of its own sources' texts, the plan's report is one line per
/// item, the notebook with the changes applied saves and reads back the same, and
/// importing the same file again adds no highlight (nothing is duplicated).
pub fn check_import(name: &str, data: &[u8]) {
    use dossier::interchange::import::{ImportOptions, plan, read};
    use dossier::notebook::Notebook;
    use dossier::notebook::format::{from_ron, to_ron};
    use dossier::store::Corpus;
    let project = match read(name, data) {
        Ok(project) => project,
        Err(e) => {
            assert!(!e.to_string().contains('\n'), "{name}: error of two lines: {e}");
            return;
        }
    };
    let names: Vec<String> = (0..project.sources.len())
        .map(|i| format!("source-{i}.txt"))
        .collect();
    let files: Vec<(&str, &[u8])> = project
        .sources
        .iter()
        .zip(&names)
        .filter_map(|(s, n)| Some((n.as_str(), s.text.as_deref()?.as_bytes())))
        .collect();
    let corpus = Corpus::from_files("fuzz", &files);
    let options = ImportOptions {
        coder: None,
        statuses: vec!["relevant".to_owned(), "irrelevant".to_owned()],
        now: jiff::Timestamp::UNIX_EPOCH,
    };
    let mut notebook = Notebook::new("fuzz");
    let Ok(first) = plan(&notebook, &corpus, &project, name, &options) else {
        return;
    };
    for line in first.report.lines(true) {
        assert!(!line.contains('\n'), "{name}: report line of two lines: {line:?}");
    }
    notebook.apply_all(&first.changes);
    let written = to_ron(&notebook);
    match from_ron(&written, std::path::Path::new("notebook.ron")) {
        Ok((again, _)) => assert_eq!(again, notebook, "{name}: the imported notebook reads back differently"),
        Err(e) => panic!("{name}: the imported notebook does not read back: {e}\n{written}"),
    }
    let highlights = |nb: &Notebook| -> usize {
        nb.documents.values().map(|d| d.highlights.len()).sum()
    };
    let before = highlights(&notebook);
    let second = plan(&notebook, &corpus, &project, name, &options)
        .unwrap_or_else(|e| panic!("{name}: planned once, not twice: {e}"));
    notebook.apply_all(&second.changes);
    assert_eq!(highlights(&notebook), before, "{name}: a second import added highlights");
}

/// libFuzzer's panic hook aborts on every panic, even one that is caught. dossier catches
/// a parsing crate's panic on a damaged file (`store::format::extract`: that file's error
/// or that page's warning), so such a panic is let unwind to that catch; a panic in
/// dossier's own code, or one outside the guard, still aborts and is a finding.
pub fn let_parsing_crates_panic() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let aborting = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let in_a_crate = info
                .location()
                .is_some_and(|l| l.file().contains("/registry/src/"));
            if in_a_crate && dossier::store::format::parser_guarded() {
                return;
            }
            aborting(info);
        }));
    });
}
