//! Normalization of a file's bytes (`store::normalize`): whatever the bytes, the text is
//! normalized, and normalizing it again changes nothing and repairs nothing.
#![no_main]

use dossier::store::normalize::{Repairs, clean, decode, trim_ends};
use dossier_fuzz::assert_normalized;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut repairs = Repairs::default();
    let decoded = decode(data, &mut repairs);
    let cleaned = clean(&decoded, &mut repairs);
    assert_normalized(&cleaned, "clean");
    if std::str::from_utf8(data).is_ok() {
        assert_eq!(repairs.invalid_utf8, 0, "valid UTF-8 counted as invalid");
    } else {
        assert!(repairs.invalid_utf8 > 0, "invalid UTF-8 not counted");
    }
    // Idempotent: the normalized text is its own normalization, with nothing to repair.
    let mut again = Repairs::default();
    let twice = clean(&decode(cleaned.as_bytes(), &mut again), &mut again);
    assert_eq!(twice, cleaned, "clean is not idempotent");
    assert!(again.none(), "normalized text needed repairs again: {again:?}");
    let trimmed = trim_ends(cleaned);
    assert_eq!(trim_ends(trimmed.clone()), trimmed, "trim_ends is not idempotent");
});
