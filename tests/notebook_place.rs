//! What `--notebook` may name: a regular file (or nothing yet) in a folder. Anything else
//! (a FIFO, a device, a folder, a path through a file, a file too large to be a notebook)
//! is refused at once with one line that says what is wrong, exit code 1, nothing read
//! without bound and nothing written.

mod common;

use std::path::{Path, PathBuf};
use std::time::Duration;

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
        home
    }

    fn corpus(&self) -> PathBuf {
        self.dir.path().join("corpus")
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// Runs `args` with `--notebook notebook`, at most 10 seconds; returns its stderr
    /// after checking it failed with exit code 1 and one line.
    fn refused(&self, notebook: &Path, args: &[&str]) -> String {
        let out = common::dossier_in(self.dir.path())
            .arg("-C")
            .arg(self.corpus())
            .arg("--notebook")
            .arg(notebook)
            .args(args)
            .timeout(Duration::from_secs(10))
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
        assert_eq!(
            out.status.code(),
            Some(1),
            "{args:?} on {notebook:?}: {stderr}"
        );
        assert_eq!(stderr.lines().count(), 1, "{stderr}");
        stderr
    }

    /// [`Home::refused`] for a reading verb, a writing one and the check.
    fn refused_by_all(&self, notebook: &Path, expect: &str) {
        for args in [&["list"][..], &["tag", "a.txt", "--tag", "x"], &["check"]] {
            let stderr = self.refused(notebook, args);
            assert!(stderr.contains(expect), "{args:?}: {stderr}");
        }
    }
}

#[cfg(unix)]
#[test]
fn a_fifo_as_the_notebook_is_refused_without_waiting_for_a_writer() {
    let home = Home::new();
    let fifo = home.path("fifo.ron");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    if !made.is_ok_and(|s| s.success()) {
        eprintln!("notice: mkfifo is missing; FIFO test skipped");
        return;
    }
    home.refused_by_all(&fifo, "is not a regular file (it is a FIFO)");
}

#[cfg(unix)]
#[test]
fn a_device_as_the_notebook_is_refused_without_reading_it() {
    let home = Home::new();
    let device = Path::new("/dev/full");
    if !device.exists() {
        eprintln!("notice: no /dev/full; device test skipped");
        return;
    }
    home.refused_by_all(device, "is not a regular file (it is a character device)");
}

#[test]
fn a_folder_as_the_notebook_is_refused() {
    let home = Home::new();
    home.refused_by_all(&home.corpus(), "is a folder, not a notebook file");
}

#[test]
fn a_notebook_larger_than_a_gibibyte_is_refused_before_reading() {
    let home = Home::new();
    let huge = home.path("huge.ron");
    // Sparse: it takes no room on the disk.
    let file = std::fs::File::create(&huge).unwrap();
    file.set_len((1 << 30) + 1).unwrap();
    home.refused_by_all(&huge, "larger than the 1 GiB a notebook may be");
    assert_eq!(std::fs::metadata(&huge).unwrap().len(), (1 << 30) + 1);
}

#[test]
fn a_notebook_path_through_a_file_says_that_file_is_not_a_folder() {
    let home = Home::new();
    let base = home.path("base.ron");
    std::fs::write(&base, "").unwrap();
    let through = base.join("x.ron");
    let expect = format!("{} is a file, not a folder", base.display());
    home.refused_by_all(&through, &expect);
    assert_eq!(std::fs::read(&base).unwrap(), b"", "left as it was");
}

#[cfg(target_os = "linux")]
#[test]
fn a_notebook_where_no_lock_file_can_be_made_names_the_lock_file() {
    let home = Home::new();
    let version = Path::new("/proc/version");
    if !version.exists() {
        eprintln!("notice: no /proc/version; test skipped");
        return;
    }
    let stderr = home.refused(version, &["tag", "a.txt", "--tag", "x"]);
    assert!(
        stderr.contains("cannot make its lock file /proc/.version.lock"),
        "{stderr}"
    );
}
