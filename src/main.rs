//! The `dossier` binary: parse the arguments, run, report.

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = dossier::cli::Cli::parse();
    match dossier::cli::run(cli) {
        Ok(code) => code,
        Err(error) => dossier::cli::report(&error),
    }
}
