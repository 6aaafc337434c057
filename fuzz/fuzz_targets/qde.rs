//! The REFI-QDA import (`interchange::import`) of a bare `.qde` (and so of a `.qdc`, the same reader): see
//! [`dossier_fuzz::check_import`].
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    dossier_fuzz::check_import("project.qde", data);
});
