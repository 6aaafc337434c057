//! What the tests share: the `dossier` binary kept away from the real home, the screen
//! without a terminal, and the real terminal in tmux.

// Each test binary compiles these modules and uses a part of them.
#![allow(dead_code)]

use assert_cmd::Command;
use std::path::{Path, PathBuf};

/// `dossier` with its config and data folders, and `HOME`, under `home`: no test reads or
/// writes the real ones.
pub fn dossier_in(home: &Path) -> Command {
    let mut cmd = Command::cargo_bin("dossier").unwrap();
    cmd.env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_CACHE_HOME", home.join("cache"))
        .env("HOME", home);
    cmd
}

/// A home shared by the tests that keep nothing in it between runs.
pub fn shared_home() -> PathBuf {
    std::env::temp_dir().join("dossier-test-home")
}

/// What the command printed, after checking it succeeded (its stderr says why not).
pub fn stdout(cmd: &mut Command) -> String {
    let out = cmd.output().unwrap();
    assert!(
        out.status.success(),
        "{:?}: {}",
        cmd.get_args().collect::<Vec<_>>(),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// The real terminal for end-to-end tests.
pub mod tmux;

/// The screen without a terminal.
pub mod screen;

/// The document at `path` as `dossier list --format json` shows it with the notebook
/// `notebook` (the built-in sample corpus), after checking the command succeeded.
pub fn listed(home: &Path, notebook: &Path, path: &str) -> serde_json::Value {
    let text = stdout(
        dossier_in(home)
            .args(["list", "--format", "json", "--notebook"])
            .arg(notebook),
    );
    text.lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
        .find(|d| d["path"] == path)
        .unwrap_or_else(|| panic!("{path} is not listed:\n{text}"))
}
