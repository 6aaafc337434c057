//! The terminal: raw mode, the alternate screen and mouse reporting on the way in, and
//! always the same way out: on quit, on error (the guard's drop) and on panic (the hook).

use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::event::{
    DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use std::io::{Stdout, stdout};

/// The terminal in dossier's mode; dropping it restores the terminal.
pub struct Tui {
    /// The ratatui terminal.
    pub terminal: Terminal<CrosstermBackend<Stdout>>,
}

impl Tui {
    /// Enters raw mode and the alternate screen, and installs the panic hook.
    pub fn enter() -> std::io::Result<Tui> {
        install_panic_hook();
        enter_mode()?;
        let terminal = Terminal::new(CrosstermBackend::new(stdout()))?;
        Ok(Tui { terminal })
    }

    /// Leaves dossier's mode for a while (to run `$EDITOR`); `resume` comes back.
    pub fn suspend(&mut self) -> std::io::Result<()> {
        restore();
        Ok(())
    }

    /// Comes back after `suspend`, redrawing everything.
    pub fn resume(&mut self) -> std::io::Result<()> {
        enter_mode()?;
        self.terminal.clear()
    }
}

impl Drop for Tui {
    fn drop(&mut self) {
        restore();
        let _ = self.terminal.show_cursor();
    }
}

fn enter_mode() -> std::io::Result<()> {
    enable_raw_mode()?;
    execute!(
        stdout(),
        EnterAlternateScreen,
        EnableMouseCapture,
        EnableBracketedPaste
    )
}

/// Puts the terminal back as it was; safe to call twice.
pub fn restore() {
    let _ = execute!(
        stdout(),
        DisableBracketedPaste,
        DisableMouseCapture,
        LeaveAlternateScreen
    );
    let _ = disable_raw_mode();
    let _ = execute!(stdout(), ratatui::crossterm::cursor::Show);
}

/// On a panic, restore the terminal first so the message is readable, then print it.
fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        // A parsing crate's panic on a damaged file is caught and becomes that file's
        // warning, while the screen stays up.
        if crate::store::format::parser_guarded() {
            return;
        }
        restore();
        eprintln!("dossier crashed; your notebook is safe (every change was saved when made).");
        previous(info);
    }));
}
