//! `dossier note`: write a note on a document, or on a passage of it (the passage's
//! highlight gets the note, and is made if there is none).

use super::{find_docs, print_lines, shown_quote};
use crate::notebook::{Change, Stamp, ops};
use crate::store::Corpus;
use clap::Args;
use std::path::Path;
use std::process::ExitCode;

/// Examples shown by `dossier note --help`.
pub const EXAMPLES: &str = "\
Examples:
  dossier note 000_bd0411fb3b74ac0c.txt --text \"Check the COO date.\"
  dossier note b3f3 --quote \"official position\" --text \"Still none in 2020?\"";

/// Arguments of `dossier note`.
#[derive(Debug, Args)]
pub struct NoteArgs {
    /// The document: its path relative to the corpus, or a unique prefix of its id.
    #[arg(value_name = "DOC")]
    pub doc: String,
    /// The note.
    #[arg(long, value_name = "TEXT")]
    pub text: String,
    /// Put the note on the highlight of this passage (made on its first occurrence if
    /// there is none) instead of on the whole document.
    #[arg(long, value_name = "TEXT")]
    pub quote: Option<String>,
}

/// Adds the note and prints what was done.
pub fn run(
    corpus: &Corpus,
    notebook: &Path,
    by: &str,
    args: &NoteArgs,
) -> anyhow::Result<ExitCode> {
    let docs = find_docs(corpus, std::slice::from_ref(&args.doc))?;
    let [doc] = docs.as_slice() else {
        anyhow::bail!("no document {:?}", args.doc);
    };
    let text = corpus.find(&doc.path)?.text.clone();
    let path = crate::text::one_line(&doc.path);
    let line = super::change_notebook(corpus, notebook, |nb| -> anyhow::Result<String> {
        let mut stamp = Stamp::new(jiff::Timestamp::now()).by(by);
        let changes = match &args.quote {
            None => ops::add_note(nb, doc, &args.text, &mut stamp)?,
            Some(quote) => ops::note_quote(nb, doc, &text, quote, &args.text, &mut stamp)?,
        };
        nb.apply_all(&changes);
        Ok(match changes.first() {
            Some(Change::AddHighlight { highlight, .. }) => format!(
                "highlighted {} in {path} with a note",
                shown_quote(&highlight.anchor.quote)
            ),
            Some(Change::EditHighlight { to, .. }) => format!(
                "added a note to the highlight {} in {path}",
                shown_quote(&to.anchor.quote)
            ),
            _ => format!("added a note to {path}"),
        })
    })?;
    print_lines([line])
}
