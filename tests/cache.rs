//! The metadata cache: a second start reads no unchanged file, changes on disk (added,
//! removed, edited, renamed files) are picked up, and a corrupt, foreign or stale cache is
//! rebuilt silently.

mod common;

use dossier::store::{Corpus, Document};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

/// A corpus folder and a cache folder in one temporary directory.
struct Setup {
    _tmp: tempfile::TempDir,
    corpus: PathBuf,
    cache: PathBuf,
}

/// An old time, so that the files are not "racily clean" against the cache.
fn old(days: u64) -> SystemTime {
    SystemTime::UNIX_EPOCH + Duration::from_secs(1_577_836_800 + days * 86_400)
}

impl Setup {
    fn new() -> Setup {
        let tmp = tempfile::tempdir().unwrap();
        let corpus = tmp.path().join("statements");
        let cache = tmp.path().join("cache");
        std::fs::create_dir_all(corpus.join("sub")).unwrap();
        let s = Setup {
            _tmp: tmp,
            corpus,
            cache,
        };
        s.write(
            "a.txt",
            "Statement on the summit\nBrussels, 14 March 2019\n\nThe allies met today.\n",
        );
        s.write(
            "sub/b.md",
            "---\ntitle: Front matter title\ndate: 2020-02-02\n---\n\nSome *body* text.\n",
        );
        s.write("empty.txt", "   \n");
        s
    }

    fn write(&self, rel: &str, text: &str) {
        self.write_at(rel, text, old(0));
    }

    fn write_at(&self, rel: &str, text: &str, mtime: SystemTime) {
        let path = self.corpus.join(rel);
        std::fs::write(&path, text).unwrap();
        std::fs::File::options()
            .write(true)
            .open(&path)
            .unwrap()
            .set_modified(mtime)
            .unwrap();
    }

    fn paths(&self) -> Vec<PathBuf> {
        vec![self.corpus.clone()]
    }

    fn cache(&self) -> Option<&Path> {
        Some(&self.cache)
    }

    fn index(&self) -> Corpus {
        Corpus::index_cached(&self.paths(), self.cache()).unwrap()
    }

    fn cache_file(&self) -> PathBuf {
        let files: Vec<PathBuf> = std::fs::read_dir(&self.cache)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "bin"))
            .collect();
        assert_eq!(files.len(), 1, "{files:?}");
        files[0].clone()
    }
}

fn doc<'a>(corpus: &'a Corpus, path: &str) -> &'a Document {
    corpus
        .documents
        .iter()
        .find(|d| d.path == path)
        .unwrap_or_else(|| panic!("{path} not in {:?}", paths_of(corpus)))
}

fn paths_of(corpus: &Corpus) -> Vec<&str> {
    corpus.documents.iter().map(|d| d.path.as_str()).collect()
}

/// Everything but the text, to compare a cached corpus with a loaded one.
fn summary(corpus: &Corpus) -> Vec<String> {
    let docs = corpus.documents.iter().map(|d| {
        format!(
            "{} {} {:?} {:?} {:?}",
            d.path, d.id, d.meta, d.styles, d.warnings
        )
    });
    let warnings = corpus.warnings.iter().map(ToString::to_string);
    docs.chain(warnings).collect()
}

#[test]
fn a_warm_index_matches_a_full_load_without_reading_texts() {
    let s = Setup::new();
    let full = Corpus::load(&s.paths()).unwrap();
    let first = Corpus::load_cached(&s.paths(), s.cache()).unwrap();
    assert_eq!(summary(&first), summary(&full));
    assert!(
        first
            .documents
            .iter()
            .all(|d| d.loaded && !d.text.is_empty())
    );

    let warm = s.index();
    assert_eq!(summary(&warm), summary(&full));
    assert_eq!(warm.name, full.name);
    assert_eq!(warm.source, full.source);
    assert!(
        warm.documents
            .iter()
            .all(|d| !d.loaded && d.text.is_empty())
    );
    assert!(
        warm.warnings
            .iter()
            .any(|w| w.message.contains("empty file"))
    );

    let instant = Corpus::from_cache_only(&s.paths(), s.cache()).unwrap();
    assert_eq!(summary(&instant), summary(&full));
    assert!(instant.documents.iter().all(|d| !d.loaded));
}

#[test]
fn load_cached_reads_every_text() {
    let s = Setup::new();
    Corpus::load_cached(&s.paths(), s.cache()).unwrap();
    let again = Corpus::load_cached(&s.paths(), s.cache()).unwrap();
    let full = Corpus::load(&s.paths()).unwrap();
    assert_eq!(summary(&again), summary(&full));
    for (a, b) in again.documents.iter().zip(&full.documents) {
        assert!(a.loaded);
        assert_eq!(a.text, b.text);
    }
}

#[test]
fn an_unchanged_file_is_trusted_without_reading() {
    let s = Setup::new();
    s.index();
    let warm = s.index();
    assert_eq!(doc(&warm, "a.txt").meta.title, "Statement on the summit");
    assert!(
        !doc(&warm, "a.txt").loaded,
        "taken from the cache, not read"
    );
    // load_cached reads the text.
    let full = Corpus::load_cached(&s.paths(), s.cache()).unwrap();
    assert!(doc(&full, "a.txt").loaded);
    assert_eq!(summary(&full), summary(&warm));
}

#[test]
fn added_files_are_picked_up() {
    let s = Setup::new();
    s.index();
    s.write("c.txt", "A new speech\nParis, 1 June 2021\n\nWords.\n");
    let warm = s.index();
    let c = doc(&warm, "c.txt");
    assert!(c.loaded);
    assert_eq!(c.meta.title, "A new speech");
    assert_eq!(paths_of(&warm), ["a.txt", "c.txt", "sub/b.md"]);
    // The cache now holds it: the next index does not read it.
    assert!(!doc(&s.index(), "c.txt").loaded);
    let instant = Corpus::from_cache_only(&s.paths(), s.cache()).unwrap();
    assert_eq!(paths_of(&instant), ["a.txt", "c.txt", "sub/b.md"]);
}

#[test]
fn removed_files_are_dropped() {
    let s = Setup::new();
    s.index();
    std::fs::remove_file(s.corpus.join("a.txt")).unwrap();
    assert_eq!(paths_of(&s.index()), ["sub/b.md"]);
    let loaded = Corpus::load_cached(&s.paths(), s.cache()).unwrap();
    assert_eq!(paths_of(&loaded), ["sub/b.md"]);
    let instant = Corpus::from_cache_only(&s.paths(), s.cache()).unwrap();
    assert_eq!(paths_of(&instant), ["sub/b.md"]);
}

#[test]
fn edited_files_are_read_again() {
    let s = Setup::new();
    let before = s.index();
    // Another size.
    s.write(
        "a.txt",
        "A longer title than before\nBrussels, 15 March 2019\n\nText.\n",
    );
    // The same size at another time.
    s.write_at(
        "sub/b.md",
        "---\ntitle: Front matter TITLE\ndate: 2020-02-02\n---\n\nSome *body* text.\n",
        old(1),
    );
    for warm in [
        s.index(),
        Corpus::load_cached(&s.paths(), s.cache()).unwrap(),
    ] {
        let a = doc(&warm, "a.txt");
        assert_eq!(a.meta.title, "A longer title than before");
        assert_ne!(a.id, doc(&before, "a.txt").id);
        assert_eq!(doc(&warm, "sub/b.md").meta.title, "Front matter TITLE");
    }
    let full = Corpus::load(&s.paths()).unwrap();
    assert_eq!(summary(&s.index()), summary(&full));
}

#[test]
fn an_edit_of_the_same_size_with_its_time_put_back_is_read_again() {
    let s = Setup::new();
    let before = s.index();
    assert_eq!(doc(&before, "a.txt").meta.title, "Statement on the summit");
    // Change times are kept in clock ticks of a few milliseconds: let one pass.
    std::thread::sleep(Duration::from_millis(20));
    // Same size, and the modification time set back as `touch -d` does: only the change
    // time (and, for a replaced file, the inode) says the file is not the one cached.
    s.write_at(
        "a.txt",
        "Statement on the SUMMIT\nBrussels, 14 March 2019\n\nThe allies met today.\n",
        old(0),
    );
    let after = s.index();
    assert_eq!(doc(&after, "a.txt").meta.title, "Statement on the SUMMIT");
    assert_ne!(doc(&after, "a.txt").id, doc(&before, "a.txt").id);
    // A file replaced by another of the same size and time: a new inode.
    let replacement = s.corpus.join("replacement.tmp");
    std::fs::write(
        &replacement,
        "Statement on the summiT\nBrussels, 14 March 2019\n\nThe allies met today.\n",
    )
    .unwrap();
    std::fs::File::options()
        .write(true)
        .open(&replacement)
        .unwrap()
        .set_modified(old(0))
        .unwrap();
    std::fs::rename(&replacement, s.corpus.join("a.txt")).unwrap();
    assert_eq!(
        doc(&s.index(), "a.txt").meta.title,
        "Statement on the summiT"
    );
}

#[test]
fn renamed_files_keep_their_id() {
    let s = Setup::new();
    let before = s.index();
    let id = doc(&before, "a.txt").id.clone();
    std::fs::rename(s.corpus.join("a.txt"), s.corpus.join("sub/moved.txt")).unwrap();
    for warm in [
        s.index(),
        Corpus::load_cached(&s.paths(), s.cache()).unwrap(),
    ] {
        assert_eq!(paths_of(&warm), ["sub/b.md", "sub/moved.txt"]);
        assert_eq!(doc(&warm, "sub/moved.txt").id, id);
    }
}

#[test]
fn a_corrupt_or_truncated_cache_is_rebuilt_silently() {
    let s = Setup::new();
    let full = Corpus::load(&s.paths()).unwrap();
    s.index();
    let file = s.cache_file();
    let good = std::fs::read(&file).unwrap();
    let mut flipped = good.clone();
    let last = flipped.len() - 3;
    flipped[last] ^= 0x55;
    let damaged: Vec<Vec<u8>> = vec![
        Vec::new(),
        b"garbage".to_vec(),
        good[..good.len() / 2].to_vec(),
        flipped,
        [good.as_slice(), b"trailing"].concat(),
    ];
    for bytes in damaged {
        std::fs::write(&file, &bytes).unwrap();
        assert!(Corpus::from_cache_only(&s.paths(), s.cache()).is_none());
        let rebuilt = s.index();
        assert_eq!(summary(&rebuilt), summary(&full));
        assert!(
            rebuilt.documents.iter().all(|d| d.loaded),
            "nothing trusted"
        );
        assert!(Corpus::from_cache_only(&s.paths(), s.cache()).is_some());
    }
}

#[test]
fn a_cache_of_another_version_is_ignored() {
    let s = Setup::new();
    s.index();
    let file = s.cache_file();
    let mut bytes = std::fs::read(&file).unwrap();
    let at = b"dossier metadata cache\n".len();
    bytes[at] = bytes[at].wrapping_add(1);
    std::fs::write(&file, &bytes).unwrap();
    assert!(Corpus::from_cache_only(&s.paths(), s.cache()).is_none());
    assert!(s.index().documents.iter().all(|d| d.loaded));
}

#[test]
fn a_cache_of_other_paths_is_not_used() {
    let s = Setup::new();
    s.index();
    // Only the sub-folder: another corpus, another cache.
    let sub = vec![s.corpus.join("sub")];
    assert!(Corpus::from_cache_only(&sub, s.cache()).is_none());
    let other = Corpus::index_cached(&sub, s.cache()).unwrap();
    assert_eq!(paths_of(&other), ["b.md"]);
    assert!(other.documents.iter().all(|d| d.loaded));
}

#[test]
fn no_cache_dir_means_no_cache() {
    let s = Setup::new();
    let a = Corpus::index_cached(&s.paths(), None).unwrap();
    assert!(a.documents.iter().all(|d| d.loaded));
    assert!(Corpus::from_cache_only(&s.paths(), None).is_none());
    assert!(!s.cache.exists());
}

#[test]
fn recently_modified_files_are_not_trusted_by_their_time() {
    let s = Setup::new();
    s.write_at("a.txt", "Fresh\n\nText.\n", SystemTime::now());
    s.index();
    let warm = s.index();
    assert!(doc(&warm, "a.txt").loaded, "racy: read again");
    assert!(!doc(&warm, "sub/b.md").loaded);
}

#[test]
fn load_texts_reads_unloaded_documents_on_demand() {
    let s = Setup::new();
    let full = Corpus::load(&s.paths()).unwrap();
    s.index();
    let mut warm = s.index();
    let warnings = warm.load_texts(|d| d.path == "a.txt");
    assert!(warnings.is_empty(), "{warnings:?}");
    assert_eq!(doc(&warm, "a.txt").text, doc(&full, "a.txt").text);
    assert!(doc(&warm, "a.txt").loaded);
    assert!(!doc(&warm, "sub/b.md").loaded);
    std::fs::remove_file(s.corpus.join("sub/b.md")).unwrap();
    let warnings = warm.load_texts(|_| true);
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(!doc(&warm, "sub/b.md").loaded);
}

#[test]
fn parallel_loading_is_deterministic() {
    let s = Setup::new();
    for i in 0..200 {
        s.write(
            &format!("n{i:03}.txt"),
            &format!("Title {i}\n\nBody {i}.\n"),
        );
    }
    s.write("bad.txt", "\0\0binary");
    let one = Corpus::load(&s.paths()).unwrap();
    for _ in 0..3 {
        assert_eq!(summary(&Corpus::load(&s.paths()).unwrap()), summary(&one));
    }
    let mut sorted = paths_of(&one);
    sorted.sort_unstable();
    assert_eq!(paths_of(&one), sorted);
}

/// `dossier` with its config and data folders in `home`.
fn dossier(home: &Path) -> assert_cmd::Command {
    common::dossier_in(home)
}

fn list_json(home: &Path, corpus: &Path) -> Vec<serde_json::Value> {
    common::stdout(
        dossier(home)
            .args(["list", "--format", "json", "--sort", "path"])
            .arg(corpus),
    )
    .lines()
    .map(|l| serde_json::from_str(l).unwrap())
    .collect()
}

#[test]
fn the_command_line_uses_the_cache_and_sees_edits() {
    let s = Setup::new();
    let home = s._tmp.path().join("home");
    dossier(&home)
        .args(["-C"])
        .arg(&s.corpus)
        .args(["tag", "a.txt", "--quote", "allies met", "--tag", "summit"])
        .assert()
        .success();
    let first = list_json(&home, &s.corpus);
    assert!(home.join("cache/dossier").read_dir().unwrap().count() > 0);
    let second = list_json(&home, &s.corpus);
    assert_eq!(first, second);
    assert_eq!(second[0]["highlights"][0]["state"], "ok");
    s.write("sub/b.md", "---\ntitle: Edited\n---\n\nNew body.\n");
    let third = list_json(&home, &s.corpus);
    assert_eq!(third[1]["title"], "Edited");
    let tags = dossier(&home).arg("tags").arg(&s.corpus).output().unwrap();
    assert!(String::from_utf8_lossy(&tags.stdout).contains("summit"));
}

#[test]
fn export_from_the_cache_is_the_export_from_the_files() {
    let s = Setup::new();
    let home = s._tmp.path().join("home");
    dossier(&home)
        .args(["-C"])
        .arg(&s.corpus)
        .args(["tag", "a.txt", "--quote", "allies met", "--tag", "summit"])
        .assert()
        .success();
    let export = |args: &[&str]| {
        common::stdout(
            dossier(&home)
                .env("SOURCE_DATE_EPOCH", "0")
                .arg("export")
                .args(args)
                .arg(&s.corpus),
        )
    };
    for args in [
        &[][..],
        &["--include-text"],
        &["--query", "\"allies  MET\"", "--include-text"],
    ] {
        // The cache is written by the first run (the tag above already made it) and read
        // by the second: what is exported must not depend on it.
        let cache = home.join("cache/dossier");
        let _ = std::fs::remove_dir_all(&cache);
        let from_files = export(args);
        assert!(cache.is_dir());
        assert_eq!(export(args), from_files, "{args:?}");
        if args.contains(&"--include-text") {
            assert!(from_files.contains("The allies met today."), "{from_files}");
        }
    }
}

#[test]
fn commands_naming_documents_read_their_texts_through_the_cache() {
    let s = Setup::new();
    let home = s._tmp.path().join("home");
    let run = |args: &[&str]| common::stdout(dossier(&home).arg("-C").arg(&s.corpus).args(args));
    // The first command writes the cache; the ones after it read it.
    run(&["list"]);
    assert!(home.join("cache/dossier").is_dir());
    assert!(run(&["show", "a.txt"]).contains("The allies met today."));
    run(&["tag", "a.txt", "--quote", "allies met", "--tag", "summit"]);
    run(&[
        "note",
        "sub/b.md",
        "--quote",
        "body text",
        "--text",
        "Worth a look",
    ]);
    run(&[
        "tag",
        "--query",
        "\"allies met\"",
        "--scope",
        "sentence",
        "--tag",
        "auto",
    ]);
    run(&["triage", "a.txt", "--status", "relevant"]);
    let rows = list_json(&home, &s.corpus);
    let a = &rows[0];
    assert_eq!(a["path"], "a.txt");
    assert_eq!(a["status"], "relevant");
    let quotes: Vec<&str> = a["highlights"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["quote"].as_str().unwrap())
        .collect();
    assert_eq!(quotes, ["The allies met today.", "allies met"], "{a}");
    assert_eq!(rows[1]["highlights"][0]["quote"], "body text");
}

#[test]
fn an_unchanged_corpus_leaves_the_cache_file_alone() {
    use std::os::unix::fs::MetadataExt;
    let s = Setup::new();
    // Every save replaces the file (a new inode): the same inode means no write.
    let inode = |s: &Setup| std::fs::metadata(s.cache_file()).unwrap().ino();
    Corpus::load_cached(&s.paths(), s.cache()).unwrap();
    let written = inode(&s);
    Corpus::load_cached(&s.paths(), s.cache()).unwrap();
    s.index();
    assert_eq!(inode(&s), written, "nothing changed, nothing written");
    s.write("a.txt", "Another statement\n");
    Corpus::load_cached(&s.paths(), s.cache()).unwrap();
    assert_ne!(inode(&s), written, "an edit is written");
}
