//! The KWIC view end to end in a real terminal: the debug binary in tmux (a private socket,
//! 120×35) on the built-in sample corpus opens `K` on `"hybrid threats"`, marks two hits,
//! tags them, quits, and the notebook has both highlights. Skipped with a notice where
//! tmux is missing.

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
            self.run(&["send-keys", "-t", "kwic", k]);
        }
    }

    fn type_text(&self, text: &str) {
        self.run(&["send-keys", "-t", "kwic", "-l", text]);
    }

    /// Polls the screen until it shows `needle` (10 s at most).
    fn wait_for(&self, needle: &str) -> String {
        let start = Instant::now();
        loop {
            let screen = self.run(&["capture-pane", "-p", "-t", "kwic"]);
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

fn env_for(home: &Path) -> Vec<(String, String)> {
    let h = home.display();
    vec![
        ("XDG_CONFIG_HOME".into(), format!("{h}/config")),
        ("XDG_DATA_HOME".into(), format!("{h}/data")),
        ("XDG_CACHE_HOME".into(), format!("{h}/cache")),
        ("HOME".into(), h.to_string()),
        ("TERM".into(), "xterm-256color".into()),
    ]
}

#[test]
fn k_on_hybrid_threats_tags_two_hits_into_the_notebook() {
    if Command::new("tmux").arg("-V").output().is_err() {
        eprintln!("notice: tmux is not installed; end-to-end test skipped");
        return;
    }
    let home = tempfile::tempdir().unwrap();
    let notebook = home.path().join("notebook.ron");
    let tmux = Tmux {
        socket: format!("kwicview-{}", std::process::id()),
    };
    let env: String = env_for(home.path())
        .iter()
        .map(|(k, v)| format!("{k}='{v}' "))
        .collect();
    // The shell keeps the pane open after dossier exits, so its last words can be read.
    let command = format!(
        "env {env} '{}' --notebook '{}'; sleep 60",
        binary().display(),
        notebook.display()
    );
    tmux.run(&[
        "new-session",
        "-d",
        "-s",
        "kwic",
        "-x",
        "120",
        "-y",
        "35",
        &command,
    ]);
    tmux.wait_for("Documents (2/2)");

    // Without a phrase, K says what it needs.
    tmux.keys(&["K"]);
    tmux.wait_for("needs a phrase query");

    tmux.keys(&["/"]);
    tmux.type_text("\"hybrid threats\"");
    tmux.keys(&["Enter"]);
    tmux.wait_for("Documents (1/2)");
    tmux.keys(&["K"]);
    let screen = tmux.wait_for("5 hits in 1 document");
    assert!(screen.contains("KWIC \"hybrid threats\""), "{screen}");
    assert!(screen.contains("Where the hits fall"), "{screen}");
    for line in screen.lines() {
        assert!(
            dossier::text::width(line) <= 120,
            "line wider than the terminal: {line:?}"
        );
    }

    tmux.keys(&["l"]);
    tmux.wait_for("by the words left");
    tmux.keys(&["Space", "Space"]);
    tmux.wait_for("2 marked");
    tmux.keys(&["t"]);
    tmux.wait_for("Tag 2 hits");
    tmux.type_text("hybrid");
    tmux.keys(&["Enter"]);
    tmux.wait_for("tagged 2 hits +hybrid");
    tmux.wait_for("saved · ? help");

    tmux.keys(&["q"]);
    let bye = tmux.wait_for("this session:");
    assert!(bye.contains("tagged 2"), "{bye}");

    let out = Command::new(binary())
        .args(["list", "--format", "json", "--notebook"])
        .arg(&notebook)
        .envs(env_for(home.path()))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    let conf: serde_json::Value = text
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
        .find(|d| d["path"] == "002_cbbf25972822090a.txt")
        .unwrap();
    let highlights = conf["highlights"].as_array().unwrap();
    assert_eq!(highlights.len(), 2, "{conf}");
    for h in highlights {
        assert_eq!(h["quote"], "hybrid threats", "{h}");
        assert_eq!(h["tags"][0], "hybrid", "{h}");
    }
}
