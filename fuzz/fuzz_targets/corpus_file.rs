//! The corpus file `dossier.ron` (`store::CorpusFile::parse`), then what it configures: the
//! filename pattern (`store::pattern::Pattern`) and the turns pattern
//! (`store::turns::Splitter`). A bad file's or pattern's error is one line (a file's names
//! a place in it); a good pattern applies to any path and splits any text into turns that
//! lie inside it, in order.
#![no_main]

use dossier::store::corpus_file::{CorpusFile, CorpusFileError};
use dossier::store::pattern::Pattern;
use dossier::store::turns::Splitter;
use libfuzzer_sys::fuzz_target;
use std::path::Path;

/// Paths and a text the patterns are tried on.
const PATHS: [&str; 4] = ["USA_74_2019.txt", "a/b/FRA_1_1999.md", "x", "ü_ü.tar.gz"];
const TEXT: &str = "Q: Who?\nMR. SMITH: Me.\n\nTHE PRESIDENT: 2019, yes.\n Moderator - Thanks.";

fuzz_target!(|data: &[u8]| {
    let Some(text) = dossier_fuzz::as_text(data) else {
        return;
    };
    let file = match CorpusFile::parse(text, Path::new("dossier.ron")) {
        Ok(file) => file,
        Err(e) => {
            assert!(!e.to_string().contains('\n'), "error of two lines: {e}");
            if let CorpusFileError::Parse { line, column, .. } = e {
                dossier_fuzz::assert_place(text, line, column, "dossier.ron");
            }
            return;
        }
    };
    if let Some(filename) = &file.filename {
        match Pattern::parse(filename) {
            Ok(pattern) => {
                for path in PATHS {
                    let _ = pattern.captures(path);
                    let mut meta = dossier::store::Metadata::default();
                    let _ = pattern.apply(&mut meta, path);
                }
            }
            Err(e) => assert!(!e.contains('\n'), "pattern error of two lines: {e}"),
        }
    }
    if let Some(turns) = &file.turns {
        match Splitter::with_pattern(turns) {
            Ok(splitter) => {
                let mut last = 0;
                for turn in splitter.split(TEXT) {
                    assert!(
                        last <= turn.start
                            && turn.start <= turn.label_end
                            && turn.label_end <= turn.end
                            && turn.end <= TEXT.len(),
                        "turn {turn:?} out of place (after {last})"
                    );
                    last = turn.end;
                }
            }
            Err(e) => assert!(!e.to_string().contains('\n'), "turns error of two lines: {e}"),
        }
    }
});
