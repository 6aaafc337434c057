//! Peak memory of opening a corpus, measured in a fresh process (this bench run again as a
//! child), so what the bench itself holds does not count. Shared by the benches that
//! report memory against text size.

use dossier::store::Corpus;
use std::path::{Path, PathBuf};
use std::process::Command;

/// When this process is the child of [`measure`] for `var`: opens the corpus, prints its
/// peak RSS and text bytes, and returns true (the bench then ends).
pub fn child(var: &str) -> bool {
    let Some(dir) = std::env::var_os(format!("{var}_CHILD")) else {
        return false;
    };
    let paths = vec![PathBuf::from(dir)];
    let cache = std::env::var_os(format!("{var}_CACHE")).map(PathBuf::from);
    let corpus = match std::env::var(format!("{var}_MODE")).as_deref() {
        Ok("index") => Corpus::index_cached(&paths, cache.as_deref()),
        Ok("warm") => Corpus::load_cached(&paths, cache.as_deref()),
        _ => Corpus::load(&paths),
    }
    .expect("loads");
    let text: usize = corpus.documents.iter().map(|d| d.text.len()).sum();
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let hwm_kb: u64 = status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.split_whitespace().next())
        .and_then(|v| v.parse().ok())
        .unwrap_or_default();
    println!("{} {}", hwm_kb * 1024, text);
    true
}

/// Peak RSS (bytes) of a fresh process that opens `dir` (`mode`: `load`, `warm` or
/// `index`, with `cache`), and its text size.
pub fn measure(var: &str, dir: &Path, mode: &str, cache: &Path) -> (u64, u64) {
    let out = Command::new(std::env::current_exe().expect("own path"))
        .env(format!("{var}_CHILD"), dir)
        .env(format!("{var}_MODE"), mode)
        .env(format!("{var}_CACHE"), cache)
        .output()
        .expect("child runs");
    let text = String::from_utf8_lossy(&out.stdout);
    let mut numbers = text
        .split_whitespace()
        .filter_map(|w| w.parse::<u64>().ok());
    (
        numbers.next().unwrap_or_default(),
        numbers.next().unwrap_or_default(),
    )
}
