//! The query parser (`query::parse`): a parsed query prints (`Display`) as text that parses
//! to the same query, whose print is the same text; an error points inside the query; and a
//! parsed query evaluates over the sample corpus without panicking.
#![no_main]

use dossier::query::{Query, parse};
use dossier::store::Corpus;
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

fn corpus() -> &'static Corpus {
    static CORPUS: OnceLock<Corpus> = OnceLock::new();
    CORPUS.get_or_init(Corpus::sample)
}

fuzz_target!(|data: &[u8]| {
    let Some(input) = dossier_fuzz::as_text(data) else {
        return;
    };
    let query: Query = match parse(input) {
        Ok(query) => query,
        Err(e) => {
            let chars = input.chars().count();
            assert!(e.length >= 1, "{input:?}: {e:?} of no length");
            // The documented bound (`QueryError`): a missing value is one place past the end.
            assert!(
                e.position <= chars && e.position + e.length <= chars + 1,
                "{input:?}: {e:?} points outside a query of {chars} characters"
            );
            assert!(!e.message.contains('\n'), "{input:?}: message of two lines");
            return;
        }
    };
    let printed = query.to_string();
    match parse(&printed) {
        Ok(again) => {
            assert_eq!(again, query, "{input:?} printed as {printed:?} parses differently");
            assert_eq!(again.to_string(), printed, "{input:?}: the print is not stable");
        }
        Err(e) => panic!("{input:?} printed as {printed:?}, which does not parse: {e:?}"),
    }
    for doc in &corpus().documents {
        let _ = query.matches(doc, None);
    }
});
