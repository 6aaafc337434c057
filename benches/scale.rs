//! Scale: opening generated corpora of 1,000, 10,000 and 100,000 statement-like documents
//! (about 10 KB each), cold and through the metadata cache, beside `cat`, `wc` and `grep -rlF`
//! over the same files in the same run, and the peak memory of a process that loads them.
//!
//! `cargo bench --bench scale` prints a table. `SCALE_SIZES=1000,10000` chooses the sizes;
//! the corpora are generated once into `$SCALE_DIR` (default `/tmp/dossier-scale`) and kept.

use dossier::store::Corpus;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

/// A phrase that a few documents contain, for `grep`.
const PHRASE: &str = "sustainable maritime partnership";
const GENERATOR_VERSION: u32 = 1;

fn main() {
    if let Ok(dir) = std::env::var("SCALE_RSS_CHILD") {
        return rss_child(Path::new(&dir));
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
    let (rss_load, text) = rss(dir, "load", cache);
    let (rss_index, _) = rss(dir, "index", cache);
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

/// Peak RSS (bytes) of a fresh process that opens the corpus, and its text size.
fn rss(dir: &Path, mode: &str, cache: &Path) -> (u64, u64) {
    let out = Command::new(std::env::current_exe().expect("own path"))
        .env("SCALE_RSS_CHILD", dir)
        .env("SCALE_RSS_MODE", mode)
        .env("SCALE_RSS_CACHE", cache)
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

/// In the child: open the corpus, print peak RSS and text bytes.
fn rss_child(dir: &Path) {
    let paths = vec![dir.to_path_buf()];
    let cache = std::env::var_os("SCALE_RSS_CACHE").map(PathBuf::from);
    let corpus = match std::env::var("SCALE_RSS_MODE").as_deref() {
        Ok("index") => Corpus::index_cached(&paths, cache.as_deref()),
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
    drop(corpus);
}

/// A small deterministic generator (SplitMix64).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

const PLACES: &[&str] = &[
    "Brussels",
    "Geneva",
    "New York",
    "Kabul",
    "Bangkok",
    "Vilnius",
    "Madrid",
    "Washington",
];
const MONTHS: &[&str] = &[
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const KINDS: &[&str] = &["Statement", "Press release", "Speech", "Press conference"];
const SUBJECTS: &[&str] = &[
    "the summit",
    "regional security",
    "climate resilience",
    "the humanitarian situation",
    "trade and investment",
    "cyber defence",
    "the peace process",
    "public health",
];
const WORDS: &[&str] = &[
    "allies",
    "government",
    "committed",
    "support",
    "partners",
    "today",
    "security",
    "people",
    "continue",
    "cooperation",
    "international",
    "important",
    "meeting",
    "discussed",
    "forces",
    "development",
    "agreed",
    "progress",
    "challenges",
    "region",
    "stability",
    "welcome",
    "together",
    "future",
    "economic",
    "strengthen",
    "national",
    "efforts",
    "commitment",
    "minister",
    "council",
    "the",
    "and",
    "of",
    "to",
    "in",
    "we",
    "our",
    "will",
    "with",
];

/// Writes `n` documents to `dir` unless a finished corpus of this generator is there;
/// returns the total size in bytes.
fn generate(dir: &Path, n: usize) -> u64 {
    let done = dir.with_extension(format!("done-v{GENERATOR_VERSION}"));
    if let Ok(size) = std::fs::read_to_string(&done)
        && let Ok(size) = size.trim().parse()
    {
        return size;
    }
    let _ = std::fs::remove_dir_all(dir);
    let mut rng = Rng(n as u64);
    let mut total = 0u64;
    for i in 0..n {
        let year = 1990 + rng.below(35);
        let sub = dir.join(format!("{year}")).join(format!("{:03}", i / 1000));
        if i % 1000 == 0 || !sub.is_dir() {
            std::fs::create_dir_all(&sub).expect("corpus folder");
        }
        let markdown = rng.below(5) == 0;
        let text = statement(&mut rng, year, markdown, i % 97 == 0);
        let name = format!("{i:06}.{}", if markdown { "md" } else { "txt" });
        std::fs::write(sub.join(name), &text).expect("corpus file");
        total += text.len() as u64;
    }
    std::fs::write(&done, total.to_string()).expect("marker");
    total
}

fn statement(rng: &mut Rng, year: usize, markdown: bool, with_phrase: bool) -> String {
    let kind = rng.pick(KINDS);
    let subject = rng.pick(SUBJECTS);
    let place = rng.pick(PLACES);
    let (day, month) = (1 + rng.below(28), rng.pick(MONTHS));
    let title = format!("{kind} on {subject}");
    let mut out = String::with_capacity(11_000);
    if markdown {
        out.push_str(&format!(
            "---\ntitle: {title}\ndate: {year}-{:02}-{day:02}\nplace: {place}\n---\n\n# {title}\n\n",
            1 + rng.below(12)
        ));
    } else {
        out.push_str(&format!("{title}\n{place}, {day} {month} {year}\n\n"));
    }
    let phrase_at = with_phrase.then(|| rng.below(10));
    let mut paragraph = 0;
    while out.len() < 10_000 {
        let sentences = 3 + rng.below(4);
        for _ in 0..sentences {
            let words = 8 + rng.below(14);
            let mut sentence = String::new();
            for w in 0..words {
                let word = rng.pick(WORDS);
                if w == 0 {
                    let mut c = word.chars();
                    if let Some(first) = c.next() {
                        sentence.extend(first.to_uppercase());
                        sentence.push_str(c.as_str());
                    }
                } else {
                    sentence.push(' ');
                    if markdown && rng.below(40) == 0 {
                        sentence.push_str(&format!("*{word}*"));
                        continue;
                    }
                    sentence.push_str(word);
                }
            }
            if phrase_at == Some(paragraph) {
                sentence.push_str(&format!(" for a {PHRASE}"));
            }
            out.push_str(&sentence);
            out.push_str(". ");
        }
        out.pop();
        out.push_str("\n\n");
        paragraph += 1;
    }
    out
}
