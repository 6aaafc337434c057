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
