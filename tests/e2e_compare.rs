//! Compare mode end to end in a real terminal: two coders tag the sample corpus from the
//! command line, then `dossier --compare` runs in tmux (private socket, 120×35); the
//! status bar shows the document's agreement and `d` moves to a disagreement. Skipped with
//! a notice where tmux is missing.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

struct Tmux {
    socket: String,
}

impl Tmux {
    fn run(&self, args: &[&str]) -> String {
        let out = Command::new("tmux")
            .arg("-L")
            .arg(&self.socket)
            .args(args)
            .output()
            .expect("tmux runs");
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    fn keys(&self, keys: &[&str]) {
        for k in keys {
            self.run(&["send-keys", "-t", "e2e", k]);
        }
    }

    /// Polls the screen until it shows `needle` (10 s at most).
    fn wait_for(&self, needle: &str) -> String {
        let start = Instant::now();
        loop {
            let screen = self.run(&["capture-pane", "-p", "-t", "e2e"]);
            if screen.contains(needle) {
                return screen;
            }
            assert!(
                start.elapsed() < Duration::from_secs(10),
                "screen never showed {needle:?}:\n{screen}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = Command::new("tmux")
            .arg("-L")
            .arg(&self.socket)
            .arg("kill-server")
            .output();
    }
}

fn binary() -> PathBuf {
    std::env::var_os("DOSSIER_BIN")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_BIN_EXE_dossier")))
}

/// `dossier tag` as `coder`, with the config and data folders under `home`.
fn tag_as(home: &Path, coder: &str, notebook: &Path, quote: &str) {
    let out = Command::new(binary())
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_DATA_HOME", home.join("data"))
        .env("HOME", home)
        .env("USER", coder)
        .args([
            "tag",
            "b3f3",
            "--quote",
            quote,
            "--tag",
            "cyber",
            "--notebook",
        ])
        .arg(notebook)
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
}

#[test]
fn compare_shows_the_agreement_and_moves_to_a_disagreement() {
    if Command::new("tmux").arg("-V").output().is_err() {
        eprintln!("notice: tmux is not installed; end-to-end test skipped");
        return;
    }
    let home = tempfile::tempdir().unwrap();
    let (ana, ben) = (home.path().join("ana.ron"), home.path().join("ben.ron"));
    tag_as(home.path(), "ana", &ana, "considerably enhanced");
    tag_as(home.path(), "ben", &ben, "Cyber Operations Center");
    let tmux = Tmux {
        socket: format!("compare-e2e-{}", std::process::id()),
    };
    let h = home.path().display();
    let command = format!(
        "env XDG_CONFIG_HOME='{h}/config' XDG_DATA_HOME='{h}/data' HOME='{h}' USER=ana \
         TERM=xterm-256color '{}' --notebook '{}' --compare '{}'; sleep 60",
        binary().display(),
        ana.display(),
        ben.display()
    );
    tmux.run(&[
        "new-session",
        "-d",
        "-s",
        "e2e",
        "-x",
        "120",
        "-y",
        "35",
        &command,
    ]);
    // Two short passages, one each: κ is defined (and low).
    let start = tmux.wait_for("vs ben (ben.ron): ");
    let status = start.lines().last().unwrap_or_default().to_owned();
    assert!(status.contains("% · κ "), "{status}");
    assert!(!status.contains("NaN"), "{status}");
    assert!(start.contains("= both < mine > theirs"), "{start}");

    tmux.keys(&["Enter", "d"]);
    let screen = tmux.wait_for("disagreement 1 of 2: only they");
    assert!(
        screen.lines().any(|l| l.contains("┃≠") || l.contains("┃>")),
        "the row of their passage is marked:\n{screen}"
    );
    tmux.keys(&["q"]);
    tmux.wait_for("this session:");
}
