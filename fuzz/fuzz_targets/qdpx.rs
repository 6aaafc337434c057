//! The REFI-QDA import (`interchange::import`) of a `.qdpx`: see
//! [`dossier_fuzz::check_import`].
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    dossier_fuzz::check_import("project.qdpx", data);
});
