//! `dossier tag`: add tags to documents or take them off, highlight a passage of one
//! document with tags, or tag every hit of a query's phrases (autocode, SPEC §6).

use super::{find_docs, print_lines, shown_quote};
use crate::notebook::{Change, Notebook, Stamp, ops};
use crate::store::Corpus;
use crate::text::count;
use clap::Args;
use std::path::Path;
use std::process::ExitCode;

/// Examples shown by `dossier tag --help`.
pub const EXAMPLES: &str = "\
Examples:
  dossier tag 000_bd0411fb3b74ac0c.txt --tag cyber,policy/defence
  dossier tag b3f3 16ec --tag nato
  dossier tag b3f3 --tag nato --remove
  dossier tag b3f3 --quote \"Cyber Operations Center\" --tag cyber/coo
  dossier tag b3f3 --quote \"Cyber Operations Center\" --tag cyber/coo --remove
  dossier tag --query '\"hybrid threats\"' --scope sentence --tag hybrid";

/// Arguments of `dossier tag`.
#[derive(Debug, Args)]
pub struct TagArgs {
    /// The documents: paths relative to the corpus, or unique prefixes of their ids.
    #[arg(
        value_name = "DOC",
        required_unless_present = "query",
        conflicts_with = "query"
    )]
    pub docs: Vec<String>,
    /// Autocode: tag every hit of this query's phrases, in every matching document.
    #[arg(
        long,
        value_name = "QUERY",
        allow_hyphen_values = true,
        requires = "scope"
    )]
    pub query: Option<String>,
    /// What autocode highlights around each phrase hit: phrase, sentence, paragraph or
    /// turn (the speaker turn holding it).
    #[arg(long, value_name = "SCOPE", requires = "query")]
    pub scope: Option<crate::query::Scope>,
    /// The tags: repeat the option or separate them with commas; `/` makes a hierarchy.
    #[arg(
        short,
        long = "tag",
        value_name = "T",
        value_delimiter = ',',
        required = true
    )]
    pub tags: Vec<String>,
    /// Take the tags off instead of adding them.
    #[arg(long)]
    pub remove: bool,
    /// Highlight the first occurrence of this text in DOC (one document) instead of
    /// tagging the whole document; with --remove, untag the highlights of this text.
    #[arg(long, value_name = "TEXT")]
    pub quote: Option<String>,
}

/// Changes the notebook as `args` asks and prints what was done.
pub fn run(corpus: &Corpus, notebook: &Path, by: &str, args: &TagArgs) -> anyhow::Result<ExitCode> {
    if let (Some(query), Some(scope)) = (&args.query, args.scope) {
        return autocode(corpus, notebook, query, scope, by, args);
    }
    let docs = find_docs(corpus, &args.docs)?;
    let line = super::change_notebook(corpus, notebook, |nb| match &args.quote {
        None => tag_whole(nb, &docs, by, args),
        Some(quote) => {
            let [doc] = docs.as_slice() else {
                anyhow::bail!("--quote takes exactly one document");
            };
            let text = &corpus.find(&doc.path)?.text;
            tag_passage(nb, doc, text, quote, by, args)
        }
    })?;
    print_lines([line])
}

fn tag_whole(
    nb: &mut Notebook,
    docs: &[crate::notebook::DocRef],
    by: &str,
    args: &TagArgs,
) -> anyhow::Result<String> {
    let changes = if args.remove {
        ops::untag_documents(nb, docs, &args.tags)?
    } else {
        ops::tag_documents(nb, docs, &args.tags, by)?
    };
    nb.apply_all(&changes);
    let changed = changes
        .iter()
        .filter(|c| matches!(c, Change::SetDocTags { .. }))
        .count();
    let tags = cleaned(&args.tags);
    let unchanged = docs.len() - changed;
    let mut line = if args.remove {
        format!(
            "removed {tags} from {}",
            count(changed, "document", "documents")
        )
    } else {
        format!(
            "tagged {} with {tags}",
            count(changed, "document", "documents")
        )
    };
    if unchanged > 0 {
        let had = if args.remove {
            "did not have"
        } else {
            "already had"
        };
        line.push_str(&format!(
            "; {} {had} them",
            count(unchanged, "other", "others")
        ));
    }
    let new = new_tags(&changes);
    if !new.is_empty() {
        line.push_str(&format!(" (new in the codebook: {new})"));
    }
    Ok(line)
}

fn tag_passage(
    nb: &mut Notebook,
    doc: &crate::notebook::DocRef,
    text: &str,
    quote: &str,
    by: &str,
    args: &TagArgs,
) -> anyhow::Result<String> {
    let tags = cleaned(&args.tags);
    let changes = if args.remove {
        ops::untag_highlights(nb, doc, quote, &args.tags)?
    } else {
        let mut stamp = Stamp::new(jiff::Timestamp::now()).by(by);
        ops::highlight_quote(nb, doc, text, quote, &args.tags, None, &mut stamp)?
    };
    nb.apply_all(&changes);
    let shown = shown_quote(quote);
    let path = crate::text::one_line(&doc.path);
    let mut line = match changes.iter().find(|c| c.doc().is_some()) {
        Some(Change::AddHighlight { highlight, .. }) => format!(
            "highlighted {} in {path} with {tags}",
            shown_quote(&highlight.anchor.quote)
        ),
        Some(Change::RemoveHighlight { .. }) => {
            format!(
                "removed {tags} from {shown} in {path}; the highlight had nothing left and was removed"
            )
        }
        Some(_) if args.remove => format!("removed {tags} from the highlight {shown} in {path}"),
        Some(_) => format!("added {tags} to the highlight {shown} in {path}"),
        None if args.remove => format!("the highlight {shown} in {path} did not have {tags}"),
        None => format!("the highlight {shown} in {path} already had {tags}"),
    };
    let new = new_tags(&changes);
    if !new.is_empty() {
        line.push_str(&format!(" (new in the codebook: {new})"));
    }
    Ok(line)
}

/// Tags every phrase hit of `query` (SPEC §6) and reports how many highlights in how many
/// documents; identical highlights are not made twice.
fn autocode(
    corpus: &Corpus,
    notebook: &Path,
    text: &str,
    scope: crate::query::Scope,
    by: &str,
    args: &TagArgs,
) -> anyhow::Result<ExitCode> {
    if args.remove || args.quote.is_some() {
        anyhow::bail!("--query tags every hit; it does not go with --remove or --quote");
    }
    let known = crate::query::KnownFields::of(&corpus.documents);
    let query =
        crate::query::parse_with(text, &known).map_err(|error| super::query::QueryFailure {
            saved: None,
            query: text.to_owned(),
            error,
        })?;
    let line = super::change_notebook(corpus, notebook, |nb| {
        let run = crate::query::autocode(
            &corpus.documents,
            nb,
            &query,
            scope,
            &args.tags,
            jiff::Timestamp::now(),
            by,
        )?;
        nb.apply_all(&run.changes);
        let mut line = format!(
            "autocode {}: {} made, {} extended, in {}",
            cleaned(&args.tags),
            count(run.highlights, "highlight", "highlights"),
            count(run.extended, "highlight", "highlights"),
            count(run.documents, "document", "documents"),
        );
        let new = new_tags(&run.changes);
        if !new.is_empty() {
            line.push_str(&format!(" (new in the codebook: {new})"));
        }
        Ok::<_, anyhow::Error>(line)
    })?;
    print_lines([line])
}

/// The tags as cleaned, for messages (the operation has already refused bad ones).
fn cleaned(tags: &[String]) -> String {
    let names: Vec<String> = tags
        .iter()
        .filter_map(|t| crate::notebook::model::clean_tag(t).ok())
        .map(|t| crate::text::one_line(&t))
        .collect();
    names.join(", ")
}

fn new_tags(changes: &[Change]) -> String {
    let names: Vec<String> = changes
        .iter()
        .filter_map(|c| match c {
            Change::AddTag(t) => Some(crate::text::one_line(&t.name)),
            _ => None,
        })
        .collect();
    names.join(", ")
}
