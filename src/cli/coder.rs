//! Finding out who is coding, at the edge of the program (SPEC §12): the config's `coder`,
//! else `git config user.name` asked in the notebook's folder (so a repository's own
//! identity counts), else `$USER`. The name is then passed in; nothing deeper asks.

use crate::config::Config;
use std::path::Path;
use std::process::{Command, Stdio};

/// The coder for changes to the notebook at `notebook`; empty when nothing names one.
pub fn resolve(config: &Config, notebook: &Path) -> String {
    if let Some(configured) = config.coder.as_deref() {
        return crate::team::coder::choose(Some(configured), None, None);
    }
    let git = git_user_name(notebook);
    let login = std::env::var("USER").ok();
    crate::team::coder::choose(None, git.as_deref(), login.as_deref())
}

/// `git config user.name` as git answers it in the notebook's folder (or the nearest one
/// that exists); `None` when git is missing or names nobody.
fn git_user_name(notebook: &Path) -> Option<String> {
    let dir = notebook
        .ancestors()
        .skip(1)
        .find(|d| !d.as_os_str().is_empty() && d.is_dir())
        .unwrap_or(Path::new("."));
    let out = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(["config", "user.name"])
        .stdin(Stdio::null())
        .stderr(Stdio::null())
        .output()
        .ok()?;
    if !out.status.success() {
        return None;
    }
    String::from_utf8(out.stdout).ok()
}
