//! Metadata tables (SPEC §10, issue 13): 100,000 generated documents indexed cold (no
//! metadata cache) and warm, with no table, with a 100,000-row table found by itself at the
//! root, and with the same table named in `dossier.ron`. The join should add under 10% to a
//! cold index and nothing to a warm start (which must not read the table again).
//!
//! `cargo bench --bench tables` prints a table. `TABLE_DOCS=10000` chooses the size; the
//! documents are generated once into `$TABLE_DIR` (default `/tmp/dossier-tables`) and kept.

use dossier::store::Corpus;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, SystemTime};

const GENERATOR_VERSION: u32 = 1;

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
    let dir = base.join(docs.to_string());
    let started = Instant::now();
    generate(&dir, docs);
    eprintln!("{docs} documents: ready in {:.1?}", started.elapsed());
    let table = dir.join("index.csv");
    let corpus_file = dir.join("dossier.ron");
    let _ = std::fs::remove_file(&table);
    let _ = std::fs::remove_file(&corpus_file);
    let none = measure(&dir, &base, "no table", docs);
    write_table(&table, docs);
    let auto = measure(&dir, &base, "table found by itself", docs);
    write_aged(
        &corpus_file,
        "Corpus(tables: [Table(file: \"index.csv\", join: {\"file\": \"name\"})])\n",
    );
    let named = measure(&dir, &base, "table named in dossier.ron", docs);
    let _ = std::fs::remove_file(&table);
    let _ = std::fs::remove_file(&corpus_file);
    let pct = |a: Duration, b: Duration| (a.as_secs_f64() / b.as_secs_f64() - 1.0) * 100.0;
    println!(
        "join adds to a cold index: {:+.1}% (found by itself), {:+.1}% (named); to a warm start: {:+.1}%, {:+.1}%",
        pct(auto.0, none.0),
        pct(named.0, none.0),
        pct(auto.1, none.1),
        pct(named.1, none.1)
    );
}

/// The median cold and warm `index_cached` of the corpus at `dir`.
fn measure(dir: &Path, base: &Path, what: &str, docs: usize) -> (Duration, Duration) {
    let paths = vec![dir.to_path_buf()];
    let mut colds = Vec::new();
    let cache = base.join("cache");
    for _ in 0..3 {
        let _ = std::fs::remove_dir_all(&cache);
        let t = Instant::now();
        let corpus = Corpus::index_cached(&paths, Some(&cache)).expect("indexes");
        colds.push(t.elapsed());
        assert_eq!(corpus.documents.len(), docs);
    }
    // The cache is written a moment after the files' times: trusted from now on.
    let mut warms = Vec::new();
    for _ in 0..5 {
        let t = Instant::now();
        let corpus = Corpus::index_cached(&paths, Some(&cache)).expect("indexes");
        warms.push(t.elapsed());
        assert!(
            corpus.documents.iter().all(|d| !d.loaded),
            "warm: nothing read"
        );
        if let Some(report) = corpus.tables.first() {
            assert_eq!(report.matched_documents, docs);
        }
        std::mem::forget(corpus);
    }
    let (cold, warm) = (median(colds), median(warms));
    println!("{what:<28} cold {cold:>9.1?}  warm {warm:>9.1?}");
    (cold, warm)
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

/// An hour ago: out of the metadata cache's racy window.
fn past() -> SystemTime {
    SystemTime::now() - Duration::from_secs(3600)
}

fn write_aged(path: &Path, text: &str) {
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
