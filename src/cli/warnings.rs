//! The one way the command line prints corpus warnings (SPEC §10: warnings do not flood).
//! Commands hand over the warnings of reading the corpus as they come; when the command is
//! done, stderr gets one line per kind of warning
//! (`312 files had control characters removed; dossier check lists them`), or with `-v`
//! one line per warning. `check` and `describe` list each warning in their own report.

use crate::store::Warning;
use crate::store::warning_kind::by_kind;
use std::sync::Mutex;

/// The warnings handed over so far in this process, printed by [`flush`]. A process runs one
/// command, so one list is all it needs, and the verbs deep in a command (reading texts
/// for a query) need not carry a printer through every call.
static PENDING: Mutex<Vec<Warning>> = Mutex::new(Vec::new());

/// Keeps `warnings` for the summary the command prints when it is done; a warning handed
/// over twice (the same file and words) is counted once.
pub fn note(warnings: &[Warning]) {
    if warnings.is_empty() {
        return;
    }
    if let Ok(mut pending) = PENDING.lock() {
        for w in warnings {
            if !pending.contains(w) {
                pending.push(w.clone());
            }
        }
    }
}

/// Prints the warnings handed over so far, and forgets them: each one with `verbose`, else
/// one line per kind.
pub fn flush(verbose: bool) {
    let pending = match PENDING.lock() {
        Ok(mut pending) => std::mem::take(&mut *pending),
        Err(_) => return,
    };
    for line in lines(&pending, verbose) {
        eprintln!("{line}");
    }
}

/// The lines that report `warnings`: `warning: PATH: MESSAGE` each with `verbose`, else one
/// summary line per kind.
pub fn lines(warnings: &[Warning], verbose: bool) -> Vec<String> {
    if verbose {
        return warnings
            .iter()
            .map(|w| format!("warning: {}", crate::text::one_line(&w.to_string())))
            .collect();
    }
    by_kind(warnings)
        .into_iter()
        .map(|(kind, group)| {
            let n = group.len();
            let them = if n == 1 { "it" } else { "them" };
            format!(
                "warning: {n} {}; dossier check lists {them}",
                kind.describe(n)
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn warning(path: &str, message: &str) -> Warning {
        Warning {
            path: PathBuf::from(path),
            message: message.to_owned(),
        }
    }

    #[test]
    fn one_line_per_kind_unless_verbose() {
        let warnings: Vec<Warning> = (0..312)
            .map(|i| warning(&format!("{i}.txt"), "2 control characters removed"))
            .chain([warning("b.bin", "skipped: binary file (NUL bytes)")])
            .collect();
        assert_eq!(
            lines(&warnings, false),
            [
                "warning: 1 binary file was skipped; dossier check lists it",
                "warning: 312 files had control characters removed; dossier check lists them",
            ]
        );
        assert_eq!(lines(&warnings, true).len(), 313);
        assert_eq!(
            lines(&warnings, true)[0],
            "warning: 0.txt: 2 control characters removed"
        );
    }
}
