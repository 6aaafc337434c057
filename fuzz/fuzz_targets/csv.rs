//! CSV and TSV datasets (`store::dataset`), parsed and read as a corpus: see
//! [`dossier_fuzz::check_dataset`].
#![no_main]

use dossier::store::Format;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // The first byte picks the separator.
    let Some((&pick, bytes)) = data.split_first() else {
        return;
    };
    if pick % 2 == 0 {
        dossier_fuzz::check_dataset(Format::Csv, "speeches.csv", bytes);
    } else {
        dossier_fuzz::check_dataset(Format::Tsv, "speeches.tsv", bytes);
    }
});
