//! The ingest of one file's bytes as a `.txt` or `.md` document (`store::read_document`):
//! a document's text is normalized and not empty, its styles fit it, its id is its bytes'
//! content id, and reading the same bytes again gives the same document.
#![no_main]

use dossier::store::{content_id, read_document};
use dossier_fuzz::{assert_normalized, assert_styles_fit};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // The first byte picks the file's name (and so its format and path date).
    let Some((&pick, bytes)) = data.split_first() else {
        return;
    };
    let name = match pick % 4 {
        0 => "notes.txt",
        1 => "2019/03/14/statement.txt",
        2 => "briefing.md",
        _ => "2021-06-01 press.markdown",
    };
    let Ok(doc) = read_document(name, bytes) else {
        return;
    };
    assert_normalized(&doc.text, name);
    assert!(!doc.text.trim().is_empty(), "{name}: a document without text");
    assert_styles_fit(&doc.text, &doc.styles, name);
    assert_eq!(doc.id, content_id(bytes));
    assert_eq!(doc.path, name);
    for line in doc.warnings.iter().chain([&doc.meta.title]) {
        assert!(!line.contains('\n'), "{name}: a line with a line break: {line:?}");
    }
    let again = read_document(name, bytes).expect("read once, refused the second time");
    assert_eq!(again.text, doc.text, "{name}: not deterministic");
    assert_eq!(again.styles, doc.styles, "{name}: styles not deterministic");
});
