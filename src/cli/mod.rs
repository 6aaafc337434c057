//! The command line: arguments (clap), choosing the corpus and the notebook, and one
//! module per subcommand. Errors become one line on stderr and exit code 1; clap's usage
//! errors exit with 2.

mod agree;
mod check;
mod coder;
mod columns;
mod describe;
mod export;
mod import;
mod init;
mod kwic;
mod list;
mod merge;
mod note;
mod progress;
mod query;
mod rows;
mod shell;
mod show;
mod stats;
mod tag;
mod tags;
mod triage;
mod warnings;
mod words;

use crate::config::Config;
use crate::notebook::DocRef;
use crate::store::Corpus;
use clap::{Args, Parser, Subcommand};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// A keyboard-driven terminal reader and annotator for collections of statements.
#[derive(Debug, Parser)]
#[command(name = "dossier", version, about, after_help = EXAMPLES)]
pub struct Cli {
    #[command(flatten)]
    global: Global,
    /// The corpus to open: folders (searched recursively) and document or dataset files.
    #[arg(value_name = "PATH")]
    paths: Vec<PathBuf>,
    /// Open the reader comparing with another coder's notebook of the same corpus (shown
    /// read-only beside mine: who coded what, the agreement, their coding to adopt).
    #[arg(long, value_name = "OTHER.ron")]
    compare: Option<PathBuf>,
    #[command(subcommand)]
    command: Option<Command>,
}

const EXAMPLES: &str = "\
Examples:
  dossier                      open the built-in sample corpus
  dossier ~/statements         open a folder of statements
  dossier list -C ~/statements --sort title
  dossier triage -C ~/statements speeches/2019-03-14.md --status relevant
  dossier export ~/statements -o notes.md

  dossier list --query 'kind:speech date:2019 \"hybrid threats\"' --count";

/// Options every subcommand accepts, before or after its name.
#[derive(Debug, Args)]
struct Global {
    /// The corpus: a folder or file (repeatable). Default: the config's `corpus`, else the
    /// built-in sample.
    #[arg(short = 'C', long = "corpus", value_name = "PATH", global = true)]
    corpus: Vec<PathBuf>,
    /// The notebook file. Default: the config's `notebook`, else one per corpus in
    /// <data dir>/dossier/notebooks/.
    #[arg(long, value_name = "FILE", global = true)]
    notebook: Option<PathBuf>,
    /// The configuration file. Default: <config dir>/dossier/config.ron.
    #[arg(long, value_name = "FILE", global = true)]
    config: Option<PathBuf>,
    /// List every warning of reading the corpus, not one line per kind.
    #[arg(short, long, global = true)]
    verbose: bool,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// List the documents of the corpus: path, date, place, kind, status, tags and title.
    #[command(
        after_help = "Examples:\n  dossier list ~/statements\n  dossier list --query 'stoltenberg date:>=2019-03 -status:irrelevant'\n  dossier list --saved 'To triage' --count\n  dossier list --format json | jq .title\n  dossier list -C ~/statements --sort status --format tsv"
    )]
    List(list::ListArgs),
    /// Show one document: its metadata, then its normalized text.
    #[command(
        after_help = "Examples:\n  dossier show 000_bd0411fb3b74ac0c.txt\n  dossier show -C ~/statements speeches/2019-03-14.md\n  dossier show 3fa9   (a unique prefix of the document's id)"
    )]
    Show(show::ShowArgs),
    /// Tag documents, or highlight a passage of one with tags.
    #[command(after_help = tag::EXAMPLES)]
    Tag(tag::TagArgs),
    /// Write a note on a document, or on a passage of it.
    #[command(after_help = note::EXAMPLES)]
    Note(note::NoteArgs),
    /// Set the triage status of documents.
    #[command(after_help = triage::EXAMPLES)]
    Triage(triage::TriageArgs),
    /// The codebook: every tag with its document and highlight counts; rename or merge tags.
    #[command(after_help = tags::EXAMPLES)]
    Tags(tags::TagsArgs),
    /// Check the notebook against the corpus: every highlight, missing documents, warnings.
    #[command(after_help = check::EXAMPLES)]
    Check(check::CheckArgs),
    /// Describe the corpus: documents by format, how many have each field and from where,
    /// the extra fields with examples, tables joined, every warning by kind.
    #[command(after_help = describe::EXAMPLES)]
    Describe(describe::DescribeArgs),
    /// Export the notes to Markdown: front matter, then each document (or tag) with its
    /// tags, notes and highlighted quotes.
    #[command(after_help = EXPORT_EXAMPLES)]
    Export(export::ExportArgs),
    /// Merge two notebooks changed from a common one (a three-way merge by id; also git's
    /// merge driver): conflicts are recorded in the notebook, never as markers.
    #[command(after_help = merge::EXAMPLES)]
    Merge(merge::MergeArgs),
    /// How far two coders agree: percent agreement, Cohen's kappa and Krippendorff's alpha
    /// per tag and for all tags, over characters, sentences or documents.
    #[command(after_help = agree::EXAMPLES)]
    Agree(agree::AgreeArgs),
    /// Keyword in context: every hit of the query's phrases, aligned, with its document.
    #[command(after_help = kwic::EXAMPLES)]
    Kwic(kwic::KwicArgs),
    /// Charts of the corpus as tables or SVG: tags, timeline, cooccurrence, matrix.
    #[command(after_help = stats::EXAMPLES)]
    Stats(stats::StatsArgs),
    /// The most frequent words of the selected documents, or their key words.
    #[command(after_help = words::EXAMPLES)]
    Words(words::WordsArgs),
    /// Import a REFI-QDA project (.qdpx) or codebook (.qdc) from QualCoder, MAXQDA,
    /// ATLAS.ti or NVivo: its codes, codings and notes into the notebook, as one change.
    #[command(after_help = import::EXAMPLES)]
    Import(import::ImportArgs),
    /// Write a commented corpus file (dossier.ron) with the tables and the filename
    /// pattern detected in the corpus; never overwrites one.
    #[command(after_help = init::EXAMPLES)]
    Init(init::InitArgs),
    /// Print the completion script for a shell (install: see the README).
    #[command(
        after_help = "Examples:\n  dossier completions bash > ~/.local/share/bash-completion/completions/dossier\n  dossier completions zsh > ~/.zfunc/_dossier\n  dossier completions fish > ~/.config/fish/completions/dossier.fish"
    )]
    Completions {
        /// The shell to complete for.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff): `dossier man > ~/.local/share/man/man1/dossier.1`.
    Man,
}

const EXPORT_EXAMPLES: &str = "\
Examples:
  dossier export > notes.md
  dossier export ~/statements -o notes.md
  dossier export --notebook notes.ron --group-by tag -o by-tag.md
  dossier export --format qdpx -o project.qdpx        (for QualCoder, ATLAS.ti, NVivo)
  dossier export --format qdpx --crlf -o maxqda.qdpx  (for MAXQDA)
  dossier export --format csv -o highlights.csv       (for R and pandas)
  dossier export --format w3c -o annotations.jsonld
  SOURCE_DATE_EPOCH=0 dossier export   (a fixed export date)";

/// Runs the parsed command line; the error is what to print. The warnings of reading the
/// corpus are printed last, one line per kind (each with `-v`).
pub fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    let verbose = cli.global.verbose;
    let result = dispatch(cli);
    warnings::flush(verbose);
    result
}

fn dispatch(cli: Cli) -> anyhow::Result<ExitCode> {
    // Completions and the man page come from the arguments alone: a broken configuration
    // must not keep them away.
    let generated = matches!(
        cli.command,
        Some(Command::Completions { .. } | Command::Man)
    );
    let config = if generated {
        Config::default()
    } else {
        crate::store::move_old_cache();
        Config::load(cli.global.config.as_deref())?
    };
    let g = &cli.global;
    match &cli.command {
        Some(Command::List(args)) => {
            let mut corpus = open_index(g, &config, &cli.paths, &args.paths)?;
            let notebook = notebook_path(g, &config, &corpus)?;
            let result = list::run(&mut corpus, &notebook, &config, args);
            leave(corpus);
            result
        }
        Some(Command::Show(args)) => {
            let corpus = doc_corpus(&cli, &config, std::slice::from_ref(&args.doc), None)?;
            show::run(&corpus, &notebook_path(g, &config, &corpus)?, args)
        }
        Some(Command::Tag(args)) => {
            let corpus = doc_corpus(&cli, &config, &args.docs, args.query.as_deref())?;
            let notebook = notebook_path(g, &config, &corpus)?;
            let by = coder::resolve(&config, &notebook);
            tag::run(&corpus, &notebook, &by, args)
        }
        Some(Command::Note(args)) => {
            let corpus = doc_corpus(&cli, &config, std::slice::from_ref(&args.doc), None)?;
            let notebook = notebook_path(g, &config, &corpus)?;
            let by = coder::resolve(&config, &notebook);
            note::run(&corpus, &notebook, &by, args)
        }
        Some(Command::Triage(args)) => {
            let corpus = doc_corpus(&cli, &config, &[], None)?;
            let notebook = notebook_path(g, &config, &corpus)?;
            let by = coder::resolve(&config, &notebook);
            triage::run(&corpus, &notebook, &config, &by, args)
        }
        Some(Command::Merge(args)) => merge::run(args),
        Some(Command::Init(args)) => init::run(args),
        Some(Command::Agree(args)) => {
            let mut corpus = open_index(g, &config, &[], &[])?;
            let notebook = notebook_path(g, &config, &corpus)?;
            agree::run(&mut corpus, &notebook, args)
        }
        Some(Command::Tags(args)) => {
            // Renaming or merging re-checks highlights, which needs the texts.
            let corpus = if args.rename.is_some() || args.merge.is_some() {
                open_corpus(g, &config, &cli.paths, &args.paths, true)?
            } else {
                open_index(g, &config, &cli.paths, &args.paths)?
            };
            tags::run(&corpus, &notebook_path(g, &config, &corpus)?, args)
        }
        Some(Command::Check(args)) => {
            let corpus = open_corpus(g, &config, &cli.paths, &args.paths, false)?;
            check::run(&corpus, &notebook_path(g, &config, &corpus)?, args)
        }
        Some(Command::Describe(args)) => {
            // The report lists every warning itself: none are summarized.
            let corpus = index(g, &config, &cli.paths, &args.paths)?;
            let result = describe::run(&corpus, args);
            leave(corpus);
            result
        }
        Some(Command::Export(args)) => {
            let mut corpus = open_index(g, &config, &cli.paths, &args.paths)?;
            let notebook_file = notebook_path(g, &config, &corpus)?;
            if let Some(output) = &args.output {
                let protected = crate::export::target::Protected::new(
                    &notebook_file,
                    config_path(g).as_deref(),
                );
                crate::export::target::check(output, &protected, &corpus)?;
            }
            let mut notebook = crate::notebook::load(&notebook_file, &corpus.name)?;
            let query = list::query_of(
                args.saved.as_deref(),
                args.query.as_deref(),
                &config,
                &corpus,
            )?;
            let all = args.include_text || config.export.include_text;
            let highlighted = list::highlighted(&notebook);
            // A REFI-QDA project holds the text of every document it exports.
            let sources = (args.format == export::FormatArg::Qdpx).then(|| {
                let untagged = args.include_untagged || config.export.include_untagged;
                export::exported_keys(&notebook, untagged)
            });
            load_texts_for(&mut corpus, Some(&query), move |d| {
                all || highlighted(d) || sources.as_ref().is_some_and(|s| s.covers(d))
            });
            crate::notebook::reconcile(&mut notebook, &corpus);
            // The documents `dossier list` would show for the same query, in its order.
            let docs = list::select(&corpus, &notebook, &config, &query, None)?;
            let shown = (!query.is_empty()).then(|| query.to_string());
            let input = export::Input {
                corpus: &corpus.name,
                notebook: &notebook,
                docs: &docs,
                query: shown.as_deref(),
            };
            export::run(&input, &config.export, args)
        }
        Some(Command::Kwic(args)) => {
            let mut corpus = open_index(g, &config, &cli.paths, &args.paths)?;
            let notebook = notebook_path(g, &config, &corpus)?;
            let result = kwic::run(&mut corpus, &notebook, &config, args);
            leave(corpus);
            result
        }
        Some(Command::Stats(args)) => {
            let paths = &args.chart.common().paths;
            let mut corpus = open_index(g, &config, &cli.paths, paths)?;
            let notebook = notebook_path(g, &config, &corpus)?;
            let result = stats::run(&mut corpus, &notebook, &config, args);
            leave(corpus);
            result
        }
        Some(Command::Words(args)) => {
            let mut corpus = open_index(g, &config, &cli.paths, &args.paths)?;
            let notebook = notebook_path(g, &config, &corpus)?;
            let result = words::run(&mut corpus, &notebook, &config, args);
            leave(corpus);
            result
        }
        Some(Command::Completions { shell }) => {
            shell::completions(*shell)?;
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Man) => {
            shell::man()?;
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Import(args)) => {
            // Sources are matched to documents by text, and selections placed in it.
            let corpus = open_corpus(g, &config, &cli.paths, &[], true)?;
            import::run(&corpus, &notebook_path(g, &config, &corpus)?, &config, args)
        }
        None => {
            use std::io::IsTerminal;
            if !(std::io::stdin().is_terminal() && std::io::stdout().is_terminal()) {
                // In a pipe there is no screen to draw on: list the corpus instead.
                eprintln!("dossier: not a terminal, listing the corpus (the reader needs one)");
                let mut corpus = open_index(g, &config, &cli.paths, &[])?;
                // A notebook to compare with that cannot be is an error here too.
                if let Some(path) = &cli.compare {
                    crate::notebook::load_other(path, &corpus.name)?;
                }
                let notebook = notebook_path(g, &config, &corpus)?;
                return list::run(&mut corpus, &notebook, &config, &list::ListArgs::default());
            }
            let (corpus, background) = open_for_screen(g, &config, &cli.paths)?;
            let compare = match &cli.compare {
                Some(path) => Some(crate::state::compare::OtherNotebook {
                    notebook: crate::notebook::load_other(path, &corpus.name)?,
                    path: path.clone(),
                }),
                None => None,
            };
            let notebook = notebook_path(g, &config, &corpus)?;
            let color = std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
            let mut settings = crate::state::Settings::from_config(&config, color)?;
            settings.config_file = config_path(g);
            settings.coder = coder::resolve(&config, &notebook);
            let session = crate::app::run(corpus, background, &notebook, settings, compare)?;
            println!(
                "this session: triaged {}, tagged {}, noted {}",
                session.triaged, session.tagged, session.noted
            );
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// The corpus for the screen: from the metadata cache alone when there is one (the texts
/// are then read in the background), else read whole now.
fn open_for_screen(
    global: &Global,
    config: &Config,
    top: &[PathBuf],
) -> anyhow::Result<(Corpus, Option<crate::app::Background>)> {
    let paths = corpus_paths(global, config, top, &[]);
    let cache_dir = crate::store::cache_dir();
    if !paths.is_empty()
        && let Some(dir) = cache_dir
        && let Some(corpus) = Corpus::from_cache_only(&paths, Some(&dir))
    {
        return Ok((
            corpus,
            Some(crate::app::Background {
                paths,
                cache_dir: dir,
            }),
        ));
    }
    Ok((open_corpus(global, config, top, &[], false)?, None))
}

/// The corpus of a subcommand that takes DOC arguments: only `-C` or the config name it.
/// It comes from the metadata cache, with the texts of the documents `keys` name read, and
/// for autocode those of the documents where `query`'s phrases may be found.
fn doc_corpus(
    cli: &Cli,
    config: &Config,
    keys: &[String],
    query: Option<&str>,
) -> anyhow::Result<Corpus> {
    if !cli.paths.is_empty() {
        anyhow::bail!("give the corpus with -C PATH when naming documents");
    }
    let mut corpus = open_index(&cli.global, config, &[], &[])?;
    let named: std::collections::HashSet<String> = keys
        .iter()
        .filter_map(|key| corpus.find(key).ok().map(|d| d.path.clone()))
        .collect();
    // A query that does not parse is reported by the command itself.
    let known = crate::query::KnownFields::of(&corpus.documents);
    let query = query.and_then(|q| crate::query::parse_with(q, &known).ok());
    load_texts_for(&mut corpus, query.as_ref(), |d| named.contains(&d.path));
    Ok(corpus)
}

/// The corpus paths from `-C`, positional paths or the config, in that order; empty means
/// the sample corpus.
fn corpus_paths(
    global: &Global,
    config: &Config,
    top: &[PathBuf],
    sub: &[PathBuf],
) -> Vec<PathBuf> {
    let mut paths: Vec<PathBuf> = global.corpus.clone();
    paths.extend(top.iter().cloned());
    paths.extend(sub.iter().cloned());
    if paths.is_empty() {
        paths = config.corpus.clone();
    }
    paths
}

/// Loads the corpus (texts included) from `-C`, positional paths, the config, or the
/// sample, in that order, through the metadata cache; with `warn`, its warnings are reported
/// when the command is done ([`warnings`]).
fn open_corpus(
    global: &Global,
    config: &Config,
    top_paths: &[PathBuf],
    sub_paths: &[PathBuf],
    warn: bool,
) -> anyhow::Result<Corpus> {
    let paths = corpus_paths(global, config, top_paths, sub_paths);
    if paths.is_empty() {
        return Ok(Corpus::sample());
    }
    let cache_dir = crate::store::cache_dir();
    let corpus = progress::reading(|progress| {
        Corpus::load_cached_counting(&paths, cache_dir.as_deref(), progress)
    })?;
    if warn {
        warnings::note(&corpus.warnings);
    }
    print_tables(&corpus);
    Ok(corpus)
}

/// Like [`open_corpus`] with warnings, for commands that need only metadata: unchanged
/// files come from the metadata cache without being read (their documents are unloaded).
fn open_index(
    global: &Global,
    config: &Config,
    top_paths: &[PathBuf],
    sub_paths: &[PathBuf],
) -> anyhow::Result<Corpus> {
    let corpus = index(global, config, top_paths, sub_paths)?;
    warnings::note(&corpus.warnings);
    print_tables(&corpus);
    Ok(corpus)
}

/// [`open_index`] without reporting the warnings.
fn index(
    global: &Global,
    config: &Config,
    top_paths: &[PathBuf],
    sub_paths: &[PathBuf],
) -> anyhow::Result<Corpus> {
    let paths = corpus_paths(global, config, top_paths, sub_paths);
    if paths.is_empty() {
        return Ok(Corpus::sample());
    }
    let cache_dir = crate::store::cache_dir();
    Ok(progress::reading(|progress| {
        Corpus::index_cached_counting(&paths, cache_dir.as_deref(), progress)
    })?)
}

/// One line on stderr per table joined without configuration (SPEC §10).
fn print_tables(corpus: &Corpus) {
    for report in corpus.tables.iter().filter(|r| r.automatic) {
        eprintln!(
            "dossier: {}",
            crate::text::one_line(&crate::store::corpus_meta::joined_line(report))
        );
    }
}

/// Changes the notebook at `notebook` for a command-line verb: waits for its lock, reads it
/// fresh, matches it to the corpus as it is now, lets `change` change it and saves it.
fn change_notebook<T>(
    corpus: &Corpus,
    notebook: &Path,
    change: impl FnOnce(&mut crate::notebook::Notebook) -> anyhow::Result<T>,
) -> anyhow::Result<T> {
    use crate::notebook::{file::CLI_WAIT, reconcile, with_locked};
    with_locked(notebook, &corpus.name, CLI_WAIT, |nb| {
        reconcile(nb, corpus);
        change(nb)
    })
}

/// Reads, into a corpus indexed without texts ([`open_index`]), the texts `needed` asks for
/// and every text a phrase of `query` may be in, as the word index tells
/// ([`crate::wordindex::load_texts`]); the files that cannot be read are reported with the
/// other warnings ([`warnings`]).
fn load_texts_for(
    corpus: &mut Corpus,
    query: Option<&crate::query::Query>,
    needed: impl Fn(&crate::store::Document) -> bool + Sync,
) {
    let warnings = match query {
        Some(query) => crate::wordindex::load_texts(
            corpus,
            query,
            needed,
            crate::store::cache_dir().as_deref(),
        ),
        None => corpus.load_texts(needed),
    };
    warnings::note(&warnings);
}

/// The notebook file: `--notebook`, else the config's `notebook`, else the corpus's
/// default in the data folder.
fn notebook_path(global: &Global, config: &Config, corpus: &Corpus) -> anyhow::Result<PathBuf> {
    match global.notebook.as_ref().or(config.notebook.as_ref()) {
        Some(path) => Ok(path.clone()),
        None => Ok(crate::notebook::default_path(corpus)?),
    }
}

/// The configuration file in force: `--config`, else the default one (which may not exist).
fn config_path(global: &Global) -> Option<PathBuf> {
    global.config.clone().or_else(crate::config::default_path)
}

/// The documents named by DOC arguments (paths or id prefixes), each once, in order.
fn find_docs(corpus: &Corpus, keys: &[String]) -> anyhow::Result<Vec<DocRef>> {
    let mut docs: Vec<DocRef> = Vec::new();
    for key in keys {
        let doc = DocRef::of(corpus.find(key)?);
        if !docs.iter().any(|d| d.path == doc.path) {
            docs.push(doc);
        }
    }
    Ok(docs)
}

/// A quote as shown in a one-line message: on one line, cut to 60 columns, quoted.
fn shown_quote(quote: &str) -> String {
    format!(
        "\"{}\"",
        crate::text::truncate(&crate::text::one_line(quote), 60)
    )
}

/// A path as shown in a one-line message.
fn shown_path(path: &Path) -> String {
    crate::text::one_line(&path.display().to_string())
}

/// Prints an error as one line and returns exit code 1.
pub fn report(error: &anyhow::Error) -> ExitCode {
    // Errors that print their cause in their own message are not followed by it again.
    let mut message = String::new();
    for cause in error.chain().map(|e| e.to_string()) {
        if !message.ends_with(&cause) {
            if !message.is_empty() {
                message.push_str(": ");
            }
            message.push_str(&cause);
        }
    }
    eprintln!("dossier: {}", crate::text::one_line(&message));
    if let Some(failure) = error.downcast_ref::<query::QueryFailure>() {
        for line in failure.marked() {
            eprintln!("{line}");
        }
    }
    ExitCode::from(1)
}

/// Lets go of a corpus without freeing it: the process ends right after, and freeing
/// 100,000 documents one allocation at a time costs a whole-corpus command tens of ms.
fn leave(corpus: Corpus) {
    std::mem::forget(corpus);
}

/// Writes `value` as one line of JSON: the one way the command line prints JSON.
fn write_json_line(
    out: &mut impl std::io::Write,
    value: &serde_json::Value,
) -> std::io::Result<()> {
    writeln!(out, "{value}")
}

/// Writes `lines` to stdout; a closed pipe (`dossier tags | head`) is not an error.
fn print_lines(lines: impl IntoIterator<Item = String>) -> anyhow::Result<ExitCode> {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    for line in lines {
        match writeln!(out, "{line}") {
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => break,
            other => other?,
        }
    }
    Ok(ExitCode::SUCCESS)
}
