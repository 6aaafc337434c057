//! `dossier show DOC`: the metadata of one document (its extra fields last), then its
//! normalized text; or all of it as one JSON object, with where each field came from.

use crate::store::Corpus;
use crate::text::one_line;
use clap::{Args, ValueEnum};
use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

/// Arguments of `dossier show`.
#[derive(Debug, Args)]
pub struct ShowArgs {
    /// The document: its path relative to the corpus, or a unique prefix of its id.
    #[arg(value_name = "DOC")]
    pub doc: String,
    /// Output format: the metadata lines and the text, or one JSON object (the fields of
    /// `dossier list --format json` and `text`).
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
}

/// How `show` prints.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// `name: value` lines, a blank line, the text.
    #[default]
    Text,
    /// One JSON object.
    Json,
}

/// Prints the document, with what the notebook at `notebook` says of it in JSON.
pub fn run(corpus: &Corpus, notebook: &Path, args: &ShowArgs) -> anyhow::Result<ExitCode> {
    let doc = corpus.find(&args.doc)?;
    if args.format == Format::Json {
        let nb = crate::notebook::load(notebook, &corpus.name)?;
        let mut value = super::list::json(doc, nb.doc(&doc.path));
        value["text"] = serde_json::Value::from(doc.text.as_ref());
        let mut out = std::io::stdout().lock();
        return super::list::finish(super::write_json_line(&mut out, &value));
    }
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
    let fields: Vec<(&str, String)> = m
        .fields
        .iter()
        .filter(|(_, v)| !v.trim().is_empty())
        .map(|(k, v)| (k.as_str(), one_line(v)))
        .collect();
    head.extend(m.footnotes.iter().map(|f| ("footnote", one_line(f))));
    head.extend(m.urls.iter().map(|u| ("url", one_line(u))));
    head.extend(doc.warnings.iter().map(|w| ("warning", one_line(w))));

    let mut out = std::io::stdout().lock();
    let result = (|| -> std::io::Result<()> {
        for (key, value) in head {
            writeln!(out, "{key:>9}: {value}")?;
        }
        for (key, value) in fields {
            writeln!(out, "{:>9}: {value}", one_line(key))?;
        }
        writeln!(out)?;
        writeln!(out, "{}", doc.text)
    })();
    match result {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(ExitCode::SUCCESS),
        other => other.map(|()| ExitCode::SUCCESS).map_err(Into::into),
    }
}
