//! The doors a terminal tool has: shell completions and the man page, both generated from
//! the same clap definition as the arguments, so they never drift from them.

use clap::CommandFactory;
use std::io::Write;

/// Writes the completion script for `shell` to stdout.
pub fn completions(shell: clap_complete::Shell) -> anyhow::Result<()> {
    // Generated into memory first: clap_complete panics on a failed write.
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut super::Cli::command(), "dossier", &mut script);
    print(&script)
}

/// Writes the man page (roff, section 1) to stdout.
pub fn man() -> anyhow::Result<()> {
    let mut page = Vec::new();
    clap_mangen::Man::new(super::Cli::command()).render(&mut page)?;
    print(&page)
}

/// Writes `bytes` to stdout; a reader that stopped early (`dossier man | head`) is no error.
fn print(bytes: &[u8]) -> anyhow::Result<()> {
    let mut out = std::io::stdout().lock();
    match out.write_all(bytes).and_then(|()| out.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(e.into()),
        _ => Ok(()),
    }
}
