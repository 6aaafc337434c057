//! Ingest speed of the document store on the shared corpora: documents and megabytes per
//! second for a whole `Corpus::load` (walk, read, normalize, metadata).

use dossier::store::Corpus;
use std::path::{Path, PathBuf};

fn main() {
    divan::main();
}

fn corpus_dir(name: &str) -> Option<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/corpora")
        .join(name);
    dir.is_dir().then_some(dir)
}

fn size_and_count(dir: &Path) -> (u64, usize) {
    let corpus = Corpus::load(&[dir.to_path_buf()]).expect("corpus loads");
    let bytes = walk_bytes(dir);
    (bytes, corpus.documents.len())
}

fn walk_bytes(dir: &Path) -> u64 {
    let mut total = 0;
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if let Ok(m) = entry.metadata() {
                total += m.len();
            }
        }
    }
    total
}

#[divan::bench(args = ["isaf-press-releases", "wh-nato-sample", "thaigov-sample", "ungdc-awkward-sample"], sample_count = 20)]
fn load_corpus(bencher: divan::Bencher, name: &str) {
    let Some(dir) = corpus_dir(name) else {
        eprintln!("notice: ../shared/corpora/{name} is absent; skipped");
        return;
    };
    let (bytes, docs) = size_and_count(&dir);
    bencher
        .counter(divan::counter::BytesCount::new(bytes))
        .counter(divan::counter::ItemsCount::new(docs))
        .bench(|| Corpus::load(std::slice::from_ref(&dir)).expect("corpus loads"));
}
