//! Metadata tables (SPEC §10, issue 13): 100,000 generated documents indexed cold (no
//! metadata cache) and warm, with no table, with a 100,000-row table found by itself at the
//! root, and with the same table named in `dossier.ron`. The join should add under 10% to a
//! cold index and nothing to a warm start (which must not read the table again).
//!
//! `cargo bench --bench tables` prints medians of wall and CPU time (all threads), the three
//! cases taking turns (`TABLE_ROUNDS` cold rounds, three times as many warm; default 3).
//! `TABLE_DOCS=10000` chooses the size; the three copies of the documents are generated once
//! into `$TABLE_DIR` (default `/tmp/dossier-tables`) and kept. `TABLE_ONLY=none|auto|named`
//! runs one case alone (once cold, five times warm; `TABLE_WARM=1` warm only), for a
//! profiler.

use dossier::store::Corpus;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, SystemTime};

const GENERATOR_VERSION: u32 = 2;

/// The allocator the binary uses (src/main.rs): the system's spends as much time again in the
/// kernel on these hundreds of thousands of small allocations, which is not what users see.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    if std::env::args().any(|a| a == "--list") {
        return;
    }
    let docs: usize = std::env::var("TABLE_DOCS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(100_000);
    let base =
        PathBuf::from(std::env::var("TABLE_DIR").unwrap_or_else(|_| "/tmp/dossier-tables".into()));
    let base = base.join(docs.to_string());
    let started = Instant::now();
    // Three copies of the same documents, so that their runs can take turns: a loaded
    // machine then slows each of them alike.
    let corpora = [
        Case::new(&base, "no table", "none", docs),
        Case::new(&base, "table found by itself", "auto", docs),
        Case::new(&base, "table named in dossier.ron", "conf", docs),
    ];
    write_table(&corpora[1].dir.join("index.csv"), docs);
    write_table(&corpora[2].dir.join("index.csv"), docs);
    write_aged(
        &corpora[2].dir.join("dossier.ron"),
        "Corpus(tables: [Table(file: \"index.csv\", join: {\"file\": \"name\"})])\n",
    );
    eprintln!("{docs} documents: ready in {:.1?}", started.elapsed());
    let rounds: usize = std::env::var("TABLE_ROUNDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(3);
    // `TABLE_ONLY=named` (or `none`, `auto`) runs one case alone, for a profiler.
    if let Ok(only) = std::env::var("TABLE_ONLY") {
        let case = match only.as_str() {
            "none" => &corpora[0],
            "auto" => &corpora[1],
            _ => &corpora[2],
        };
        // `TABLE_WARM=1`: warm runs only (of the cache an earlier run left), so that a
        // counter such as `perf stat -e instructions` sees nothing else.
        let warm_only = std::env::var_os("TABLE_WARM").is_some();
        for cold in [true, false, false, false, false, false] {
            if cold && warm_only {
                continue;
            }
            let run = case.run(cold);
            println!(
                "{} cold {cold}: {:.0} ms wall, {:.0} ms CPU",
                case.what,
                run.wall * 1e3,
                run.cpu * 1e3
            );
        }
        return;
    }
    let mut cold: [Vec<Run>; 3] = Default::default();
    for _ in 0..rounds {
        for (c, runs) in corpora.iter().zip(&mut cold) {
            runs.push(c.run(true));
        }
    }
    let mut warm: [Vec<Run>; 3] = Default::default();
    for _ in 0..rounds * 3 {
        for (c, runs) in corpora.iter().zip(&mut warm) {
            runs.push(c.run(false));
        }
    }
    println!(
        "{:<28} {:>10} {:>10} {:>10} {:>10}",
        "median of runs", "cold wall", "cold CPU", "warm wall", "warm CPU"
    );
    let summary: Vec<[f64; 4]> = cold
        .iter()
        .zip(&warm)
        .map(|(c, w)| {
            [
                median(c, |r| r.wall),
                median(c, |r| r.cpu),
                median(w, |r| r.wall),
                median(w, |r| r.cpu),
            ]
        })
        .collect();
    for (c, s) in corpora.iter().zip(&summary) {
        println!(
            "{:<28} {:>9.0}ms {:>9.0}ms {:>9.0}ms {:>9.0}ms",
            c.what,
            s[0] * 1e3,
            s[1] * 1e3,
            s[2] * 1e3,
            s[3] * 1e3
        );
    }
    let pct = |a: f64, b: f64| (a / b - 1.0) * 100.0;
    for (i, what) in [(1, "found by itself"), (2, "named")] {
        let (s, n) = (summary[i], summary[0]);
        println!(
            "join ({what}) adds: cold {:+.1}% wall, {:+.1}% CPU; warm {:+.1}% wall, {:+.1}% CPU",
            pct(s[0], n[0]),
            pct(s[1], n[1]),
            pct(s[2], n[2]),
            pct(s[3], n[3])
        );
    }
}

/// One run: wall and CPU (user and system, all threads) seconds.
struct Run {
    wall: f64,
    cpu: f64,
}

/// The CPU seconds this process has used, from `/proc/self/stat` (100 ticks a second).
fn cpu_seconds() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    let after = stat.rsplit_once(')').map_or("", |(_, rest)| rest);
    let fields: Vec<&str> = after.split_whitespace().collect();
    let tick = |i: usize| {
        fields
            .get(i)
            .and_then(|f| f.parse::<f64>().ok())
            .unwrap_or(0.0)
    };
    // Fields 14 and 15 of the whole line (utime, stime) are 12 and 13 after the name.
    (tick(11) + tick(12)) / 100.0
}

/// One copy of the documents, with its own cache.
struct Case {
    what: &'static str,
    dir: PathBuf,
    cache: PathBuf,
    docs: usize,
}

impl Case {
    /// `short` names its folders: as long as the other cases', since every path's length
    /// is part of the cost of a warm start.
    fn new(base: &Path, what: &'static str, short: &str, docs: usize) -> Case {
        let dir = base.join(short);
        generate(&dir, docs);
        let cache = base.join(format!("cache-{short}"));
        Case {
            what,
            dir,
            cache,
            docs,
        }
    }

    /// `index_cached` once, cold (no metadata cache) or warm.
    fn run(&self, cold: bool) -> Run {
        if cold {
            let _ = std::fs::remove_dir_all(&self.cache);
        }
        let paths = vec![self.dir.clone()];
        let (t, cpu) = (Instant::now(), cpu_seconds());
        let corpus = Corpus::index_cached(&paths, Some(&self.cache)).expect("indexes");
        let run = Run {
            wall: t.elapsed().as_secs_f64(),
            cpu: cpu_seconds() - cpu,
        };
        assert_eq!(corpus.documents.len(), self.docs);
        if !cold {
            assert!(
                corpus.documents.iter().all(|d| !d.loaded),
                "warm: nothing read"
            );
        }
        if let Some(report) = corpus.tables.first() {
            assert_eq!(report.matched_documents, self.docs);
        }
        // Dropping 100,000 documents is not part of opening them.
        std::mem::forget(corpus);
        run
    }
}

fn median(runs: &[Run], of: impl Fn(&Run) -> f64) -> f64 {
    let mut v: Vec<f64> = runs.iter().map(of).collect();
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

/// An hour ago: out of the metadata cache's racy window.
fn past() -> SystemTime {
    SystemTime::now() - Duration::from_secs(3600)
}

/// Writes `text` to `path` an hour old, unless it is there already: writing it again would
/// change its time and make every cache of an earlier run stale.
fn write_aged(path: &Path, text: &str) {
    if std::fs::read_to_string(path).is_ok_and(|t| t == text) {
        return;
    }
    std::fs::write(path, text).expect("writes");
    age(path);
}

fn age(path: &Path) {
    std::fs::File::options()
        .write(true)
        .open(path)
        .and_then(|f| f.set_modified(past()))
        .expect("ages");
}

fn name_of(i: usize) -> String {
    format!("s{:03}/d{i:06}.txt", i / 1000)
}

/// 100 folders of 1,000 short press releases, with a dateline.
fn generate(dir: &Path, docs: usize) {
    let stamp = dir.join(format!(".generated-{GENERATOR_VERSION}"));
    if stamp.exists() {
        return;
    }
    let _ = std::fs::remove_dir_all(dir);
    for i in 0..docs {
        let path = dir.join(name_of(i));
        if i % 1000 == 0 {
            std::fs::create_dir_all(path.parent().expect("a folder")).expect("creates");
        }
        let text = format!(
            "2011-11-S-{i:06}\n\nISAF Joint Command - Afghanistan\n\nKABUL, Afghanistan (Nov. {day}, 2011)\n\n\
             Afghan and coalition forces detained {n} suspected insurgents during a security operation \
             in the {p} district of the province yesterday. The security force also seized weapons \
             and several hundred pounds of materials used in roadside bombs. No civilians were harmed.\n",
            day = i % 28 + 1,
            n = i % 7 + 1,
            p = ["Nad Ali", "Marjah", "Zharay", "Sangin"][i % 4],
        );
        std::fs::write(&path, text).expect("writes");
        age(&path);
    }
    std::fs::write(&stamp, b"").expect("writes");
}

/// The table: one row per document, named by its file name, seven columns.
fn write_table(path: &Path, docs: usize) {
    // Made with the documents (which a new generator version removes), so kept as they are.
    if path.exists() {
        return;
    }
    let mut out = std::io::BufWriter::new(std::fs::File::create(path).expect("creates"));
    writeln!(out, "file,speaker,party,province,event,killed,captured").expect("writes");
    for i in 0..docs {
        let name = name_of(i);
        let name = name.rsplit('/').next().unwrap_or(&name);
        writeln!(
            out,
            "{name},Spokesperson {},{},{},detention,{},{}",
            i % 50,
            ["ISAF", "ANA", "ANP"][i % 3],
            ["helmand", "kandahar", "khost", "paktika"][i % 4],
            i % 5,
            i % 9
        )
        .expect("writes");
    }
    drop(out);
    age(path);
}
