//! What the command-line tests share: the `dossier` binary kept away from the real home.

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
#[allow(dead_code)] // Not every test file uses it.
pub fn shared_home() -> PathBuf {
    std::env::temp_dir().join("dossier-test-home")
}

/// What the command printed, after checking it succeeded (its stderr says why not).
#[allow(dead_code)] // Not every test file uses it.
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
