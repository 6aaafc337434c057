//! Datasets (SPEC §11, issue 15): a generated CSV of 100,000 statement-like rows (about
//! 10 KB of text each, so 1 GB) opened cold, through the caches, and as a first frame from
//! the metadata cache, beside `cat` of the same file; the peak memory of a process that
//! holds every row's text against the size of that text; and the parsing speed of the real
//! month of congressional press releases in `../shared/formats`.
//!
//! `cargo bench --bench datasets` prints a table. `DATASET_ROWS=10000` chooses the size;
//! the file is generated once into `$DATASET_DIR` (default `/tmp/dossier-dataset`) and kept.

#[path = "common/rss.rs"]
mod rss;

use dossier::store::dataset::{self, Options};
use dossier::store::{Corpus, Format};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

const GENERATOR_VERSION: u32 = 1;
const ROW_BYTES: usize = 10_000;

fn main() {
    if rss::child("DATASET_RSS") {
        return;
    }
    if std::env::args().any(|a| a == "--list") {
        return;
    }
    shared_parse();
    let rows: usize = std::env::var("DATASET_ROWS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(100_000);
    let base = PathBuf::from(
        std::env::var("DATASET_DIR").unwrap_or_else(|_| "/tmp/dossier-dataset".into()),
    );
    let dir = base.join(rows.to_string());
    let started = Instant::now();
    let bytes = generate(&dir, rows);
    eprintln!("dataset of {rows} rows: ready in {:.1?}", started.elapsed());
    measure(&dir, rows, bytes, &base.join(format!("cache-{rows}")));
}

/// Parsing speed of the shared JSON Lines file: rows from bytes, then whole documents.
fn shared_parse() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/formats/congress-press-2013-03.jsonl");
    let Ok(bytes) = std::fs::read(&path) else {
        eprintln!("notice: {} is absent; skipped", path.display());
        return;
    };
    let runs = 10;
    let parse = median(runs, || {
        dataset::parse(Format::JsonLines, &bytes, &Options::default()).expect("parses");
    });
    let parsed = dataset::parse(Format::JsonLines, &bytes, &Options::default()).unwrap();
    let text: usize = parsed.rows.iter().map(|r| r.text.len()).sum();
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(&path, dir.path().join("press.jsonl")).unwrap();
    let paths = [dir.path().to_path_buf()];
    let load = median(runs, || {
        Corpus::load(&paths).expect("loads");
    });
    let mbs = |d: Duration| text as f64 / 1e6 / d.as_secs_f64();
    println!(
        "shared JSON Lines, {} rows, {:.1} MB file, {:.1} MB of text: parse {parse:.1?} \
         ({:.0} MB/s of text), Corpus::load {load:.1?} ({:.0} MB/s of text)",
        parsed.rows.len(),
        bytes.len() as f64 / 1e6,
        text as f64 / 1e6,
        mbs(parse),
        mbs(load)
    );
}

fn measure(dir: &Path, rows: usize, bytes: u64, cache: &Path) {
    let runs = if rows >= 100_000 { 3 } else { 5 };
    let paths = vec![dir.to_path_buf()];
    let d = dir.display();
    let cat = median(runs, || sh(&format!("cat {d}/*.csv > /dev/null")));
    let load = median(runs, || {
        Corpus::load(&paths).expect("loads");
    });
    let _ = std::fs::remove_dir_all(cache);
    let started = Instant::now();
    Corpus::load_cached(&paths, Some(cache)).expect("loads");
    let cold_cached = started.elapsed();
    let warm = median(runs, || {
        Corpus::load_cached(&paths, Some(cache)).expect("loads");
    });
    // The cache file's time must be older than the racy window for the stat to be trusted.
    std::thread::sleep(Duration::from_secs(3));
    Corpus::load_cached(&paths, Some(cache)).expect("loads");
    std::thread::sleep(Duration::from_secs(3));
    let index = median(runs, || {
        Corpus::index_cached(&paths, Some(cache)).expect("loads");
    });
    let first = median(runs, || {
        Corpus::from_cache_only(&paths, Some(cache)).expect("cached");
    });
    let texts = median(runs, || {
        let mut corpus = Corpus::index_cached(&paths, Some(cache)).expect("loads");
        corpus.load_texts(|_| true);
    });
    let (rss_load, text) = rss::measure("DATASET_RSS", dir, "load", cache);
    let (rss_warm, _) = rss::measure("DATASET_RSS", dir, "warm", cache);
    let (rss_index, _) = rss::measure("DATASET_RSS", dir, "index", cache);
    let mbs = |d: Duration| text as f64 / 1e6 / d.as_secs_f64();
    println!(
        "| rows | file MB | text MB | `cat` | `load` (no cache) | `load_cached` cold | `load_cached` warm | `index_cached` warm | `from_cache_only` | `index_cached` + `load_texts` | peak RSS `load` / text | peak RSS warm `load_cached` / text | peak RSS `index_cached` |"
    );
    println!("|{}", " ---: |".repeat(13));
    println!(
        "| {rows} | {:.0} | {:.0} | {cat:.0?} | {load:.0?} ({:.0} MB/s) | {cold_cached:.0?} | {warm:.0?} ({:.0} MB/s) | {index:.0?} | {first:.0?} | {texts:.0?} | {:.0} / {:.0} MB = {:.2} | {:.0} MB = {:.2} | {:.0} MB |",
        bytes as f64 / 1e6,
        text as f64 / 1e6,
        mbs(load),
        mbs(warm),
        rss_load as f64 / 1e6,
        text as f64 / 1e6,
        rss_load as f64 / text as f64,
        rss_warm as f64 / 1e6,
        rss_warm as f64 / text as f64,
        rss_index as f64 / 1e6,
    );
}

fn median(runs: usize, mut f: impl FnMut()) -> Duration {
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed()
        })
        .collect();
    times.sort();
    times[times.len() / 2]
}

fn sh(script: &str) {
    let status = Command::new("sh").arg("-c").arg(script).status();
    assert!(status.is_ok_and(|s| s.success()), "{script}");
}

/// Writes a CSV of `rows` rows (id, date, title, speaker, party, text of ~10 KB) into `dir`
/// unless one of this generator is there; returns its size in bytes.
fn generate(dir: &Path, rows: usize) -> u64 {
    let done = dir.with_extension(format!("done-v{GENERATOR_VERSION}"));
    if let Ok(size) = std::fs::read_to_string(&done)
        && let Ok(size) = size.trim().parse()
    {
        return size;
    }
    let _ = std::fs::remove_dir_all(dir);
    std::fs::create_dir_all(dir).unwrap();
    let file = dir.join("statements.csv");
    let mut out = std::io::BufWriter::new(std::fs::File::create(&file).unwrap());
    writeln!(out, "id,date,title,speaker,party,text").unwrap();
    let words = [
        "the",
        "committee",
        "heard",
        "evidence",
        "on",
        "coastal",
        "defence",
        "and",
        "the",
        "minister",
        "said",
        "that",
        "funding",
        "for",
        "harbours",
        "will",
        "rise",
        "next",
        "year",
        "while",
        "fisheries",
        "quotas",
        "remain",
        "under",
        "review",
        "by",
        "officials",
    ];
    let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = move || {
        state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = state;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    };
    let mut text = String::with_capacity(ROW_BYTES + 100);
    for n in 0..rows {
        text.clear();
        while text.len() < ROW_BYTES {
            let sentence_words = 8 + (next() % 12) as usize;
            for w in 0..sentence_words {
                let word = words[(next() % words.len() as u64) as usize];
                if w == 0 {
                    let mut c = word.chars();
                    text.extend(c.next().map(|c| c.to_ascii_uppercase()));
                    text.push_str(c.as_str());
                } else {
                    text.push(' ');
                    text.push_str(word);
                }
            }
            text.push_str(if next() % 6 == 0 { ".\n" } else { ". " });
        }
        let date = format!("20{:02}-{:02}-{:02}", 10 + n % 15, 1 + n % 12, 1 + n % 28);
        writeln!(
            out,
            "r{n},{date},Statement {n} on coastal policy,Speaker {},Party {},\"{}\"",
            n % 500,
            n % 7,
            text.trim_end()
        )
        .unwrap();
    }
    out.flush().unwrap();
    drop(out);
    let size = std::fs::metadata(&file).unwrap().len();
    std::fs::write(&done, size.to_string()).unwrap();
    size
}
