//! JSON Lines datasets (`store::dataset`), parsed and read as a corpus: see
//! [`dossier_fuzz::check_dataset`].
#![no_main]

use dossier::store::Format;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    dossier_fuzz::check_dataset(Format::JsonLines, "speeches.jsonl", data);
});
