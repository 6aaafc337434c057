//! Scale: opening generated corpora of 1,000, 10,000 and 100,000 statement-like documents
//! (about 10 KB each), cold and through the metadata cache, beside `cat`, `wc` and `grep -rlF`
//! over the same files in the same run, and the peak memory of a process that loads them.
//!
//! `cargo bench --bench scale` prints a table. `SCALE_SIZES=1000,10000` chooses the sizes;
//! the corpora are generated once into `$SCALE_DIR` (default `/tmp/dossier-scale`) and kept.

#[path = "common/rss.rs"]
mod rss;

use dossier::store::Corpus;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

/// A phrase that a few documents contain, for `grep`.
const PHRASE: &str = dossier::synth::RARE_PHRASE;
const GENERATOR_VERSION: u32 = 2;

fn main() {
    if rss::child("SCALE_RSS") {
        return;
    }
    let sizes: Vec<usize> = std::env::var("SCALE_SIZES")
        .unwrap_or_else(|_| "1000,10000,100000".to_owned())
        .split(',')
        .filter_map(|s| s.trim().parse().ok())
        .collect();
    let base = PathBuf::from(std::env::var("SCALE_DIR").unwrap_or("/tmp/dossier-scale".into()));
    println!(
        "| docs | MB | cat | wc -c | wc -l | grep -rlF | load 1 thread | load (cold) | load_cached warm | index_cached warm | from_cache_only | first frame / cat | peak RSS load / text | peak RSS index |"
    );
    println!("|{}", " --- |".repeat(14));
    for n in sizes {
        let dir = base.join(n.to_string());
        let started = Instant::now();
        let bytes = generate(&dir, n);
        eprintln!("corpus of {n}: ready in {:.1?}", started.elapsed());
        measure(&dir, n, bytes, &base.join(format!("cache-{n}")));
    }
}

fn measure(dir: &Path, n: usize, bytes: u64, cache: &Path) {
    let runs = if n >= 100_000 { 3 } else { 5 };
    let paths = vec![dir.to_path_buf()];
    let d = dir.display();
    // The baselines first: they also warm the page cache for everything after.
    let cat = median(runs, || {
        sh(&format!("find {d} -type f -exec cat {{}} + > /dev/null"))
    });
    let wc_c = median(runs, || {
        sh(&format!("find {d} -type f -exec wc -c {{}} + > /dev/null"))
    });
    let wc_l = median(runs, || {
        sh(&format!("find {d} -type f -exec wc -l {{}} + > /dev/null"))
    });
    let grep = median(runs, || {
        sh(&format!("grep -rlF '{PHRASE}' {d} > /dev/null"))
    });
    let one_thread = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .expect("a thread pool");
    let seq = median(runs.min(3), || {
        time(|| one_thread.install(|| Corpus::load(&paths).expect("loads")))
    });
    let cold = median(runs, || time(|| Corpus::load(&paths).expect("loads")));
    let _ = std::fs::remove_dir_all(cache);
    Corpus::load_cached(&paths, Some(cache)).expect("loads");
    // Files newer than the cache by under 2 s are not trusted; let the cache be older.
    std::thread::sleep(Duration::from_millis(2100));
    Corpus::load_cached(&paths, Some(cache)).expect("loads");
    let warm = median(runs, || {
        time(|| Corpus::load_cached(&paths, Some(cache)).expect("loads"))
    });
    let index = median(runs, || {
        time(|| {
            let c = Corpus::index_cached(&paths, Some(cache)).expect("loads");
            assert!(c.documents.iter().all(|d| !d.loaded), "all from the cache");
            c
        })
    });
    let instant = median(runs, || {
        time(|| Corpus::from_cache_only(&paths, Some(cache)).expect("a cache"))
    });
    let (rss_load, text) = rss::measure("SCALE_RSS", dir, "load", cache);
    let (rss_index, _) = rss::measure("SCALE_RSS", dir, "index", cache);
    println!(
        "| {n} | {:.0} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {:.3} | {:.0} MB / {:.0} MB = {:.2} | {:.0} MB |",
        bytes as f64 / 1e6,
        ms(cat),
        ms(wc_c),
        ms(wc_l),
        ms(grep),
        ms(seq),
        ms(cold),
        ms(warm),
        ms(index),
        ms(instant),
        instant.as_secs_f64() / cat.as_secs_f64(),
        rss_load as f64 / 1e6,
        text as f64 / 1e6,
        rss_load as f64 / text as f64,
        rss_index as f64 / 1e6,
    );
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1e3)
}

fn median(runs: usize, mut f: impl FnMut() -> Duration) -> Duration {
    let mut times: Vec<Duration> = (0..runs).map(|_| f()).collect();
    times.sort();
    times[times.len() / 2]
}

fn time<T>(f: impl FnOnce() -> T) -> Duration {
    let start = Instant::now();
    let value = f();
    let elapsed = start.elapsed();
    drop(value);
    elapsed
}

fn sh(script: &str) -> Duration {
    let start = Instant::now();
    let status = Command::new("sh").arg("-c").arg(script).status();
    let elapsed = start.elapsed();
    assert!(status.is_ok(), "{script}");
    elapsed
}

/// Writes `n` documents to `dir` with the corpus generator (`dossier::synth`) unless a
/// finished corpus of this generator is there; returns the total size in bytes.
fn generate(dir: &Path, n: usize) -> u64 {
    let done = dir.with_extension(format!("done-v{GENERATOR_VERSION}"));
    if let Ok(size) = std::fs::read_to_string(&done)
        && let Ok(size) = size.trim().parse()
    {
        return size;
    }
    let _ = std::fs::remove_dir_all(dir);
    let options = dossier::synth::Options {
        documents: n,
        ..dossier::synth::Options::default()
    };
    let written = dossier::synth::write_corpus(dir, &options).expect("corpus written");
    std::fs::write(&done, written.bytes.to_string()).expect("marker");
    written.bytes
}
