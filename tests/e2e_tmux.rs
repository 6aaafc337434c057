//! End to end in a real terminal: the binary runs in tmux (private socket, 120×35) on the
//! sample corpus; keys are sent as a user types them and the screen is read back.
//! `DOSSIER_BIN` names the binary to drive (CI sets the release build); skipped with a
//! notice where tmux is missing.

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

    fn type_text(&self, text: &str) {
        self.run(&["send-keys", "-t", "e2e", "-l", text]);
    }

    fn screen(&self) -> String {
        self.run(&["capture-pane", "-p", "-t", "e2e"])
    }

    /// Polls the screen until it shows `needle` (10 s at most).
    fn wait_for(&self, needle: &str) -> String {
        let start = Instant::now();
        loop {
            let screen = self.screen();
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
        ("HOME".into(), h.to_string()),
        ("TERM".into(), "xterm-256color".into()),
    ]
}

#[test]
fn open_tag_note_triage_undo_redo_quit_then_list_shows_it() {
    if Command::new("tmux").arg("-V").output().is_err() {
        eprintln!("notice: tmux is not installed; end-to-end test skipped");
        return;
    }
    let home = tempfile::tempdir().unwrap();
    let notebook = home.path().join("notebook.ron");
    let tmux = Tmux {
        socket: format!("dossier-e2e-{}", std::process::id()),
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
        "e2e",
        "-x",
        "120",
        "-y",
        "35",
        &command,
    ]);

    let start = tmux.wait_for("Documents (2/2)");
    assert!(start.contains("Q1/2019 - NATO, Annual Report 2018"));
    assert!(
        start
            .lines()
            .next()
            .unwrap()
            .starts_with("┏ Documents (2/2) ━"),
        "pane title intact:\n{start}"
    );

    // Move to the press conference and open it.
    tmux.keys(&["j", "Enter"]);
    tmux.wait_for("002_cbbf25972822090a.txt ━");
    // Six sentences on: "We reviewed what we are doing to counter hybrid threats."
    tmux.keys(&[")", ")", ")", ")", ")", ")", "t"]);
    tmux.wait_for("Tag the passage");
    tmux.type_text("hybrid");
    tmux.keys(&["Enter"]);
    tmux.wait_for("tagged the passage +hybrid");
    tmux.wait_for("saved · ? help");

    tmux.keys(&["a"]);
    tmux.wait_for("Note on the highlight");
    tmux.type_text("First meeting of its kind.");
    tmux.keys(&["Escape"]);
    tmux.wait_for("saved the note");

    tmux.keys(&["1"]);
    tmux.wait_for("marked relevant");
    tmux.keys(&["u"]);
    tmux.wait_for("undid: marked relevant");
    tmux.keys(&["C-r"]);
    let screen = tmux.wait_for("redid: marked relevant");
    assert!(screen.contains("triaged 1/2"));
    for line in screen.lines() {
        assert!(
            !line.contains('\u{1b}') && !line.contains("^["),
            "escape damage: {line:?}"
        );
        assert!(
            dossier::text::width(line) <= 120,
            "line wider than the terminal: {line:?}"
        );
    }

    tmux.keys(&["q"]);
    let bye = tmux.wait_for("this session:");
    assert!(
        bye.contains("triaged 1") && bye.contains("tagged 1") && bye.contains("noted 1"),
        "{bye}"
    );

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
    assert_eq!(conf["status"], "relevant");
    let highlight = &conf["highlights"][0];
    assert_eq!(
        highlight["quote"],
        "We reviewed what we are doing to counter hybrid threats."
    );
    assert_eq!(highlight["tags"][0], "hybrid");
    assert_eq!(highlight["note"], "First meeting of its kind.");
}
