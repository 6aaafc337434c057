//! `dossier show DOC`: the metadata of one document, then its normalized text.

use crate::store::Corpus;
use crate::text::one_line;
use clap::Args;
use std::io::Write;
use std::process::ExitCode;

/// Arguments of `dossier show`.
#[derive(Debug, Args)]
pub struct ShowArgs {
    /// The document: its path relative to the corpus, or a unique prefix of its id.
    #[arg(value_name = "DOC")]
    pub doc: String,
}

/// Prints the document.
pub fn run(corpus: &Corpus, args: &ShowArgs) -> anyhow::Result<ExitCode> {
    let doc = corpus.find(&args.doc)?;
    let m = &doc.meta;
    let mut head: Vec<(&str, String)> = vec![
        ("title", one_line(&m.title)),
        ("path", one_line(&doc.path)),
        ("id", doc.id.clone()),
    ];
    let optional = [
        ("date", m.date.map(|d| d.to_string())),
        ("dateline", m.dateline.clone().filter(|_| m.date.is_none())),
        ("place", m.place.clone()),
        ("speaker", m.speaker.clone()),
        ("kind", m.kind.clone()),
        ("delivery", m.delivery.clone()),
    ];
    head.extend(
        optional
            .into_iter()
            .filter_map(|(k, v)| v.map(|v| (k, one_line(&v)))),
    );
    let speakers = m.speakers();
    if !speakers.is_empty() {
        let counts: Vec<String> = speakers
            .iter()
            .map(|(label, turns)| format!("{label} ({turns})"))
            .collect();
        head.push(("speakers", one_line(&counts.join(", "))));
    }
    head.extend(m.footnotes.iter().map(|f| ("footnote", one_line(f))));
    head.extend(m.urls.iter().map(|u| ("url", one_line(u))));
    head.extend(doc.warnings.iter().map(|w| ("warning", one_line(w))));

    let mut out = std::io::stdout().lock();
    let result = (|| -> std::io::Result<()> {
        for (key, value) in head {
            writeln!(out, "{key:>9}: {value}")?;
        }
        writeln!(out)?;
        writeln!(out, "{}", doc.text)
    })();
    match result {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(ExitCode::SUCCESS),
        other => other.map(|()| ExitCode::SUCCESS).map_err(Into::into),
    }
}
