//! Notebook loading (`notebook::load`: the file's checks, then `notebook::format::from_ron`
//! with its migrations): a bad file's error names a place in it, in one line; a notebook
//! that loads writes (`to_ron`) as text that reads back as the same notebook and writes
//! the same again.
#![no_main]

use dossier::notebook::format::{from_ron, to_ron};
use dossier::notebook::{NotebookError, load};
use libfuzzer_sys::fuzz_target;
use std::path::PathBuf;
use std::sync::OnceLock;

/// The file each input is written to: one per fuzzing process.
fn file() -> &'static PathBuf {
    static FILE: OnceLock<PathBuf> = OnceLock::new();
    FILE.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("dossier-fuzz-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("a temporary folder");
        dir.join("notebook.ron")
    })
}

fuzz_target!(|data: &[u8]| {
    let path = file();
    std::fs::write(path, data).expect("write the input");
    let notebook = match load(path, "fuzz") {
        Ok(notebook) => notebook,
        Err(e) => {
            assert!(!e.to_string().contains('\n'), "error of two lines: {e}");
            let text = String::from_utf8_lossy(data);
            match e {
                NotebookError::Parse { line, column, .. }
                | NotebookError::Newer { line, column, .. }
                | NotebookError::Migrate { line, column, .. } => {
                    dossier_fuzz::assert_place(&text, line, column, "notebook");
                }
                _ => {}
            }
            return;
        }
    };
    let written = to_ron(&notebook);
    let (again, migrated) = match from_ron(&written, path) {
        Ok(read) => read,
        Err(e) => panic!("a loaded notebook writes as text that does not read: {e}\n{written}"),
    };
    assert_eq!(migrated, None, "a written notebook is not of the current version");
    assert_eq!(again, notebook, "the notebook read back differs:\n{written}");
    assert_eq!(to_ron(&again), written, "writing is not stable");
});
