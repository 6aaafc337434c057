//! The configuration (`config::Config::parse`): a bad configuration's error names a place
//! in it, in one line; a good one's saved searches and statuses are usable.
#![no_main]

use dossier::config::{Config, ConfigError};
use libfuzzer_sys::fuzz_target;
use std::path::Path;

fuzz_target!(|data: &[u8]| {
    let Some(text) = dossier_fuzz::as_text(data) else {
        return;
    };
    match Config::parse(text, Path::new("config.ron")) {
        Ok(config) => {
            let names = config.status_names();
            assert_eq!(names.len(), config.statuses.len());
            let _ = config.status_keys();
            for (name, _) in &config.saved_searches {
                assert!(config.saved_search(name).is_ok(), "saved search {name:?} lost");
            }
        }
        Err(e) => {
            assert!(!e.to_string().contains('\n'), "error of two lines: {e}");
            if let ConfigError::Parse { line, column, .. } = e {
                dossier_fuzz::assert_place(text, line, column, "config");
            }
        }
    }
});
