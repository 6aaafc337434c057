//! The real terminal for end-to-end tests: the binary in tmux on a private socket (one per
//! test and process), 120×35, keys sent as a user types them and the screen read back.
//! `DOSSIER_BIN` names the binary to drive (CI sets the release build).

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

/// The one session of a test's private tmux server, killed when dropped.
pub struct Tmux {
    socket: String,
}

/// The session's name on its private server.
const SESSION: &str = "e2e";

impl Tmux {
    /// Starts `command` (a shell command line) in a 120×35 session whose working folder is
    /// `home`; `None`, with a notice naming `what` is skipped, where tmux is missing.
    pub fn start(name: &str, home: &Path, command: &str, what: &str) -> Option<Tmux> {
        if Command::new("tmux").arg("-V").output().is_err() {
            eprintln!("notice: tmux is not installed; {what} skipped");
            return None;
        }
        let tmux = Tmux {
            socket: format!("dossier-{name}-{}", std::process::id()),
        };
        let home = home.to_str().expect("a temporary folder's name is UTF-8");
        tmux.run(&[
            "new-session",
            "-d",
            "-s",
            SESSION,
            "-x",
            "120",
            "-y",
            "35",
            "-c",
            home,
            command,
        ]);
        Some(tmux)
    }

    /// Runs a tmux command on this server; its stdout.
    pub fn run(&self, args: &[&str]) -> String {
        let out = Command::new("tmux")
            .arg("-L")
            .arg(&self.socket)
            .args(args)
            .output()
            .expect("tmux runs");
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// Sends each of `keys` (tmux key names: `Enter`, `C-a`, `j`).
    pub fn keys(&self, keys: &[&str]) {
        for k in keys {
            self.run(&["send-keys", "-t", SESSION, k]);
        }
    }

    /// Types `text` literally.
    pub fn type_text(&self, text: &str) {
        self.run(&["send-keys", "-t", SESSION, "-l", text]);
    }

    /// The screen as text.
    pub fn screen(&self) -> String {
        self.run(&["capture-pane", "-p", "-t", SESSION])
    }

    /// Polls the screen until it shows `needle` (10 s at most).
    pub fn wait_for(&self, needle: &str) -> String {
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

    /// The process id of the pane's program.
    pub fn pane_pid(&self) -> u32 {
        self.run(&["display-message", "-p", "-t", SESSION, "#{pane_pid}"])
            .trim()
            .parse()
            .expect("the pane's process id")
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

/// The binary to drive: `DOSSIER_BIN`, else the one cargo built for the tests.
pub fn binary() -> PathBuf {
    std::env::var_os("DOSSIER_BIN")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_BIN_EXE_dossier")))
}

/// `env …` that keeps a command's config, data, cache and home under `home`, with a
/// terminal type that has colours: the start of a command line for [`Tmux::start`].
pub fn env_for(home: &Path) -> String {
    let h = home.display();
    format!(
        "env XDG_CONFIG_HOME='{h}/config' XDG_DATA_HOME='{h}/data' XDG_CACHE_HOME='{h}/cache' \
         HOME='{h}' TERM=xterm-256color"
    )
}

/// dossier on the sample corpus with `args`, under [`env_for`]; the shell keeps the pane
/// open after dossier exits, so its last words can be read.
pub fn dossier_command(home: &Path, args: &str) -> String {
    format!(
        "{} '{}' {args}; sleep 60",
        env_for(home),
        binary().display()
    )
}
