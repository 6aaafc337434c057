//! Extraction speed per format (SPEC §9: HTML, DOCX, ODT at least 20 MB/s of extracted
//! text, PDF at least 1 MB/s) on the real files of `../shared/formats`, our fixtures and,
//! where the machine has them, real PDFs under `/usr/share/doc`; and the warm start of a
//! corpus of such files against the same texts as `.txt` files (the extracted-text cache
//! must make the two alike). Throughput counters are bytes of extracted text.

use dossier::store::Corpus;
use dossier::store::format::{self, Format};
use std::path::PathBuf;

fn main() {
    divan::main();
}

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/formats")
}

fn shared(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/formats")
        .join(name)
}

/// The files measured: every one that exists.
const FILES: &[&str] = &[
    "shared:congress-bill_nelson_press.html",
    "shared:congress-butterfield_press.html",
    "shared:congress-cowan_press.html",
    "shared:congress-keating_press.html",
    "shared:congress-rand_paul_press.html",
    "shared:congress-vitter_press.html",
    "fixture:governor.html",
    "shared:ke_debaterecord_1991-3-20_en.odt",
    "shared:debaterecord_ken_eng_2008_12_17_main.odt",
    "fixture:address.odt",
    "fixture:remarks.docx",
    "fixture:statement.pdf",
    "system:/usr/share/doc/libtasn1-doc/libtasn1.pdf",
    "system:/usr/share/doc/shared-mime-info/shared-mime-info-spec.pdf",
];

fn path_of(spec: &str) -> PathBuf {
    match spec.split_once(':') {
        Some(("shared", name)) => shared(name),
        Some(("fixture", name)) => fixtures().join(name),
        Some((_, path)) => PathBuf::from(path),
        None => PathBuf::from(spec),
    }
}

#[divan::bench(args = FILES, sample_count = 20)]
fn extract(bencher: divan::Bencher, spec: &str) {
    let path = path_of(spec);
    let Ok(bytes) = std::fs::read(&path) else {
        eprintln!("notice: {} is absent; skipped", path.display());
        return;
    };
    let name = path.to_string_lossy().into_owned();
    let Some(format) = Format::of(&name) else {
        return;
    };
    let text = match format::extract(format, &bytes) {
        Ok(extracted) => extracted.text.len(),
        Err(e) => {
            eprintln!("notice: {name}: {e}; skipped");
            return;
        }
    };
    bencher
        .counter(divan::counter::BytesCount::new(text))
        .bench(|| format::extract(format, &bytes).map(|e| e.text.len()));
}

/// A corpus of `copies` of each fixture and shared file (formats), and one of the same
/// texts as `.txt` files, in a temporary folder; with their warm caches.
struct Pair {
    _dir: tempfile::TempDir,
    formats: PathBuf,
    texts: PathBuf,
    cache: PathBuf,
    bytes: u64,
}

fn pair(copies: usize) -> Pair {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let formats = dir.path().join("formats");
    let texts = dir.path().join("texts");
    let cache = dir.path().join("cache");
    for d in [&formats, &texts] {
        std::fs::create_dir_all(d).expect("a folder");
    }
    let mut bytes = 0;
    for spec in FILES.iter().filter(|s| !s.starts_with("system:")) {
        let path = path_of(spec);
        let Ok(content) = std::fs::read(&path) else {
            continue;
        };
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let Some(format) = Format::of(&name) else {
            continue;
        };
        let Ok(extracted) = format::extract(format, &content) else {
            continue;
        };
        for copy in 0..copies {
            std::fs::write(formats.join(format!("{copy:04}-{name}")), &content).expect("write");
            std::fs::write(texts.join(format!("{copy:04}-{name}.txt")), &extracted.text)
                .expect("write");
            bytes += extracted.text.len() as u64;
        }
    }
    for d in [&formats, &texts] {
        // Twice: the second load finds every entry settled (not "racy").
        Corpus::load_cached(std::slice::from_ref(d), Some(&cache)).expect("loads");
    }
    std::thread::sleep(std::time::Duration::from_millis(2100));
    for d in [&formats, &texts] {
        Corpus::load_cached(std::slice::from_ref(d), Some(&cache)).expect("loads");
    }
    Pair {
        _dir: dir,
        formats,
        texts,
        cache,
        bytes,
    }
}

/// Warm start with every text (the screen's background load): formats, from the
/// extracted-text cache, against the same texts as `.txt` files.
#[divan::bench(args = ["formats", "texts"], sample_count = 10)]
fn warm_load_cached(bencher: divan::Bencher, which: &str) {
    let pair = pair(50);
    let dir = if which == "formats" {
        &pair.formats
    } else {
        &pair.texts
    };
    bencher
        .counter(divan::counter::BytesCount::new(pair.bytes))
        .bench(|| {
            Corpus::load_cached(std::slice::from_ref(dir), Some(&pair.cache)).expect("loads")
        });
}

/// The same corpus of formats read cold, extracting every file (no cache).
#[divan::bench(sample_count = 5)]
fn cold_load_formats(bencher: divan::Bencher) {
    let pair = pair(50);
    bencher
        .counter(divan::counter::BytesCount::new(pair.bytes))
        .bench(|| Corpus::load(std::slice::from_ref(&pair.formats)).expect("loads"));
}
