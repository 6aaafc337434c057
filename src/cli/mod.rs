//! The command line: arguments (clap), choosing the corpus, and one module per subcommand.
//! Errors become one line on stderr and exit code 1; clap's usage errors exit with 2.

mod list;
mod query;
mod show;

use crate::config::Config;
use crate::store::Corpus;
use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

/// A keyboard-driven terminal reader and annotator for collections of statements.
#[derive(Debug, Parser)]
#[command(name = "dossier", version, about, after_help = EXAMPLES)]
pub struct Cli {
    #[command(flatten)]
    global: Global,
    /// The corpus to open: folders (searched recursively) and .txt/.md files.
    #[arg(value_name = "PATH")]
    paths: Vec<PathBuf>,
    #[command(subcommand)]
    command: Option<Command>,
}

const EXAMPLES: &str = "\
Examples:
  dossier                      open the built-in sample corpus
  dossier ~/statements         open a folder of statements
  dossier list -C ~/statements --sort title
  dossier list --query 'kind:speech date:2019 \"hybrid threats\"' --count";

/// Options every subcommand accepts, before or after its name.
#[derive(Debug, Args)]
struct Global {
    /// The corpus: a folder or file (repeatable). Default: the config's `corpus`, else the
    /// built-in sample.
    #[arg(short = 'C', long = "corpus", value_name = "PATH", global = true)]
    corpus: Vec<PathBuf>,
    /// The configuration file. Default: <config dir>/dossier/config.ron.
    #[arg(long, value_name = "FILE", global = true)]
    config: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// List the documents of the corpus: path, date, place, kind and title.
    #[command(
        after_help = "Examples:\n  dossier list ~/statements\n  dossier list --query 'stoltenberg date:>=2019-03 -status:irrelevant'\n  dossier list --saved 'To triage' --count\n  dossier list --format json | jq .title\n  dossier list -C ~/statements --sort title --format tsv"
    )]
    List(list::ListArgs),
    /// Show one document: its metadata, then its normalized text.
    #[command(
        after_help = "Examples:\n  dossier show 000_bd0411fb3b74ac0c.txt\n  dossier show -C ~/statements speeches/2019-03-14.md\n  dossier show 3fa9   (a unique prefix of the document's id)"
    )]
    Show(show::ShowArgs),
}

/// Runs the parsed command line; the error is what to print.
pub fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    let config = Config::load(cli.global.config.as_deref())?;
    match cli.command {
        Some(Command::List(args)) => {
            let corpus = open_corpus(&cli.global, &config, &cli.paths, &args.paths)?;
            list::run(&corpus, &args, &config)
        }
        Some(Command::Show(args)) => {
            if !cli.paths.is_empty() {
                anyhow::bail!("give the corpus with -C PATH when showing a document");
            }
            let corpus = open_corpus(&cli.global, &config, &[], &[])?;
            show::run(&corpus, &args)
        }
        None => {
            // Until the reader opens here, the sample corpus is listed.
            let corpus = open_corpus(&cli.global, &config, &cli.paths, &[])?;
            list::run(&corpus, &list::ListArgs::default(), &config)
        }
    }
}

/// Loads the corpus from `-C`, positional paths, the config, or the sample, in that order,
/// and prints one warning line per skipped or repaired file.
fn open_corpus(
    global: &Global,
    config: &Config,
    top_paths: &[PathBuf],
    sub_paths: &[PathBuf],
) -> anyhow::Result<Corpus> {
    let mut paths: Vec<PathBuf> = global.corpus.clone();
    paths.extend(top_paths.iter().cloned());
    paths.extend(sub_paths.iter().cloned());
    if paths.is_empty() {
        paths = config.corpus.clone();
    }
    if paths.is_empty() {
        return Ok(Corpus::sample());
    }
    let corpus = Corpus::load(&paths)?;
    for warning in &corpus.warnings {
        eprintln!("warning: {}", crate::text::one_line(&warning.to_string()));
    }
    Ok(corpus)
}

/// Prints an error as one line and returns exit code 1; a bad query is followed by the
/// query with the bad term marked.
pub fn report(error: &anyhow::Error) -> ExitCode {
    let chain: Vec<String> = error.chain().map(|e| e.to_string()).collect();
    eprintln!("dossier: {}", crate::text::one_line(&chain.join(": ")));
    if let Some(failure) = error.downcast_ref::<query::QueryFailure>() {
        for line in failure.marked() {
            eprintln!("{line}");
        }
    }
    ExitCode::from(1)
}
