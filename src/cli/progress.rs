//! A progress line on stderr while a corpus is read from its files (the first time, before
//! the metadata cache exists, 100,000 documents take seconds): `reading files 45000/100000`,
//! shown only on a terminal and only once the reading has taken a moment, then erased.

use crate::store::Progress;
use std::io::{IsTerminal, Write};
use std::sync::atomic::Ordering::Relaxed;
use std::time::{Duration, Instant};

/// How long a load runs before the line appears: quick loads show nothing.
const QUIET_FOR: Duration = Duration::from_millis(300);
/// How often the line is redrawn.
const EVERY: Duration = Duration::from_millis(100);

/// Runs `load`, counting in the [`Progress`] it is given, and shows the count on stderr
/// while it runs.
pub fn reading<T: Send>(load: impl FnOnce(&Progress) -> T + Send) -> T {
    let progress = Progress::default();
    if !std::io::stderr().is_terminal() {
        return load(&progress);
    }
    std::thread::scope(|scope| {
        let worker = scope.spawn(|| load(&progress));
        let start = Instant::now();
        let mut drawn: Option<Instant> = None;
        while !worker.is_finished() {
            std::thread::sleep(Duration::from_millis(10));
            if start.elapsed() < QUIET_FOR || drawn.is_some_and(|at| at.elapsed() < EVERY) {
                continue;
            }
            let line = line(progress.done.load(Relaxed), progress.total.load(Relaxed));
            // `\r` and erase-line redraw in place; the count is all that changes.
            eprint!("\r\x1b[2K{line}");
            let _ = std::io::stderr().flush();
            drawn = Some(Instant::now());
        }
        if drawn.is_some() {
            eprint!("\r\x1b[2K");
            let _ = std::io::stderr().flush();
        }
        match worker.join() {
            Ok(value) => value,
            Err(panic) => std::panic::resume_unwind(panic),
        }
    })
}

/// The progress line: files read of files found (the total is 0 while folders are walked).
fn line(done: usize, total: usize) -> String {
    if total == 0 {
        "dossier: looking for documents…".to_owned()
    } else {
        format!("dossier: reading files {done}/{total}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_line_counts_files_once_they_are_found() {
        assert_eq!(line(0, 0), "dossier: looking for documents…");
        assert_eq!(line(450, 1000), "dossier: reading files 450/1000");
    }

    #[test]
    fn the_load_runs_and_gives_its_value() {
        let value = reading(|progress| {
            progress.total.store(3, Relaxed);
            progress.done.store(3, Relaxed);
            42
        });
        assert_eq!(value, 42);
    }
}
