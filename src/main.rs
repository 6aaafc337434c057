//! The `dossier` binary: parse the arguments, run, report.

use clap::Parser;
use std::process::ExitCode;

/// mimalloc: opening a large corpus makes hundreds of thousands of small allocations on
/// several threads, which glibc's allocator serves markedly slower (docs/performance.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = dossier::cli::Cli::parse();
    match dossier::cli::run(cli) {
        Ok(code) => code,
        Err(error) => dossier::cli::report(&error),
    }
}
