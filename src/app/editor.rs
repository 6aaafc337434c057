//! `$EDITOR` for a note: the terminal is left while it runs, and the text comes back.

use crate::terminal::Tui;

/// Runs `$VISUAL` or `$EDITOR` (else `vi`) on the text in a temporary file.
pub(super) fn edit_externally(tui: &mut Tui, text: &str) -> Result<String, String> {
    let file = tempfile::Builder::new()
        .prefix("dossier-note-")
        .suffix(".md")
        .tempfile()
        .map_err(|e| e.to_string())?;
    std::fs::write(file.path(), text).map_err(|e| e.to_string())?;
    let editor = std::env::var("VISUAL")
        .or_else(|_| std::env::var("EDITOR"))
        .unwrap_or_else(|_| "vi".to_owned());
    tui.suspend().map_err(|e| e.to_string())?;
    // The editor may carry arguments (`code --wait`): let the shell split them.
    let status = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!("{editor} \"$1\""))
        .arg("sh")
        .arg(file.path())
        .status();
    tui.resume().map_err(|e| e.to_string())?;
    match status {
        Ok(s) if s.success() => std::fs::read_to_string(file.path()).map_err(|e| e.to_string()),
        Ok(s) => Err(format!("{editor} exited with {s}")),
        Err(e) => Err(format!("{editor}: {e}")),
    }
}
