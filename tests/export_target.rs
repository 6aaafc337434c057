//! An export never lands on what dossier must keep: the notebook (named, linked or
//! hard-linked), its backup, its lock, the configuration file, or a document of the corpus.
//! Each is refused with one line naming it, exit code 1, and nothing written.

mod common;

use dossier::export::target::{self, Protected};
use dossier::store::Corpus;
use std::path::{Path, PathBuf};

/// A home with a corpus of one document, a notebook with a tag on it, and a config file.
struct Home {
    dir: tempfile::TempDir,
}

impl Home {
    fn new() -> Home {
        let home = Home {
            dir: tempfile::tempdir().unwrap(),
        };
        std::fs::create_dir(home.corpus()).unwrap();
        std::fs::write(
            home.corpus().join("a.txt"),
            "Statement\n\nWe agreed on cyber defence.\n",
        )
        .unwrap();
        std::fs::write(home.config(), "Config()").unwrap();
        let out = home
            .dossier()
            .args(["tag", "a.txt", "--tag", "cyber"])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        // A second save leaves the first one as the backup.
        let out = home
            .dossier()
            .args(["tag", "a.txt", "--tag", "policy"])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(home.backup().exists());
        home
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn corpus(&self) -> PathBuf {
        self.path("corpus")
    }

    fn notebook(&self) -> PathBuf {
        self.path("nb.ron")
    }

    fn backup(&self) -> PathBuf {
        self.path("nb.ron.bak")
    }

    fn lock(&self) -> PathBuf {
        self.path(".nb.ron.lock")
    }

    fn config(&self) -> PathBuf {
        self.path("config.ron")
    }

    fn dossier(&self) -> assert_cmd::Command {
        let mut cmd = common::dossier_in(self.dir.path());
        cmd.arg("-C")
            .arg(self.corpus())
            .arg("--notebook")
            .arg(self.notebook())
            .arg("--config")
            .arg(self.config());
        cmd
    }

    /// Every file of the home and the corpus with its bytes.
    fn files(&self) -> Vec<(PathBuf, Vec<u8>)> {
        let mut out = Vec::new();
        for dir in [self.dir.path().to_owned(), self.corpus()] {
            for entry in std::fs::read_dir(dir).unwrap().flatten() {
                if entry.file_type().unwrap().is_file() || entry.path().is_symlink() {
                    let bytes = std::fs::read(entry.path()).unwrap_or_default();
                    out.push((entry.path(), bytes));
                }
            }
        }
        out.sort();
        out
    }

    /// Runs `dossier export -o target` and checks it is refused, names `what`, and changed
    /// nothing.
    fn assert_refused(&self, target: &Path, what: &str) {
        let before = self.files();
        let out = self
            .dossier()
            .arg("export")
            .arg("-o")
            .arg(target)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{target:?}: {stderr}");
        assert_eq!(stderr.lines().count(), 1, "one line: {stderr}");
        assert!(
            stderr.contains(what),
            "{target:?} should be called {what:?}: {stderr}"
        );
        assert!(stderr.contains("nothing was written"), "{stderr}");
        assert_eq!(self.files(), before, "nothing changed on disk");
    }
}

#[test]
fn export_over_the_notebook_is_refused() {
    let home = Home::new();
    home.assert_refused(&home.notebook(), "the notebook");
    let notebook = std::fs::read_to_string(home.notebook()).unwrap();
    assert!(notebook.starts_with("Notebook("), "{notebook}");
}

#[test]
fn export_over_the_notebook_by_another_spelling_is_refused() {
    let home = Home::new();
    let roundabout = home.corpus().join("..").join("nb.ron");
    home.assert_refused(&roundabout, "the notebook");
}

#[test]
fn export_over_the_backup_and_the_lock_is_refused() {
    let home = Home::new();
    home.assert_refused(&home.backup(), "the notebook's backup");
    // The lock file exists after any verb; overwriting it would let two writers in.
    assert!(home.lock().exists());
    home.assert_refused(&home.lock(), "the notebook's lock");
}

#[test]
fn export_over_the_configuration_is_refused() {
    let home = Home::new();
    home.assert_refused(&home.config(), "the configuration file");
}

#[test]
fn export_over_a_document_of_the_corpus_is_refused() {
    let home = Home::new();
    home.assert_refused(&home.corpus().join("a.txt"), "a document of the corpus");
}

#[cfg(unix)]
#[test]
fn export_through_a_symbolic_link_to_the_notebook_is_refused() {
    let home = Home::new();
    let link = home.path("link.md");
    std::os::unix::fs::symlink(home.notebook(), &link).unwrap();
    home.assert_refused(&link, "the notebook");
}

#[cfg(unix)]
#[test]
fn export_over_a_hard_link_to_the_notebook_is_refused() {
    let home = Home::new();
    let link = home.path("hard.md");
    std::fs::hard_link(home.notebook(), &link).unwrap();
    home.assert_refused(&link, "the notebook");
}

#[cfg(unix)]
#[test]
fn export_over_a_hard_link_to_a_document_is_refused() {
    let home = Home::new();
    let link = home.path("doc-copy.md");
    std::fs::hard_link(home.corpus().join("a.txt"), &link).unwrap();
    home.assert_refused(&link, "a document of the corpus");
}

#[test]
fn export_to_a_new_file_beside_the_notebook_is_written() {
    let home = Home::new();
    let target = home.path("notes.md");
    let out = home
        .dossier()
        .arg("export")
        .arg("-o")
        .arg(&target)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let markdown = std::fs::read_to_string(&target).unwrap();
    assert!(markdown.contains("#cyber"), "{markdown}");
}

#[test]
fn the_check_the_screen_uses_refuses_the_same_targets() {
    let home = Home::new();
    let corpus = Corpus::load(&[home.corpus()]).unwrap();
    let protected = Protected::new(&home.notebook(), Some(&home.config()));
    for (target, what) in [
        (home.notebook(), "the notebook"),
        (home.backup(), "the notebook's backup"),
        (home.lock(), "the notebook's lock"),
        (home.config(), "the configuration file"),
        (home.corpus().join("a.txt"), "a document of the corpus"),
    ] {
        let error = target::check(&target, &protected, &corpus).unwrap_err();
        assert!(error.to_string().contains(what), "{target:?}: {error}");
    }
    assert!(target::check(&home.path("fresh.md"), &protected, &corpus).is_ok());
    // A notebook that does not exist yet is still protected by its name.
    let unborn = Protected::new(&home.path("new.ron"), None);
    let error = target::check(&home.path("new.ron"), &unborn, &corpus).unwrap_err();
    assert!(error.to_string().contains("the notebook"), "{error}");
}
