//! The HTML extractor (`store::format`), and the document read from a HTML file's bytes:
//! see [`dossier_fuzz::check_extracted`].
#![no_main]

use dossier::store::Format;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    dossier_fuzz::check_extracted(Format::Html, "statement.html", data);
});
