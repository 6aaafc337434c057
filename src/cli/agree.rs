//! `dossier agree`: intercoder agreement (SPEC §12) between two notebooks, or two coders of
//! one, per tag and for all tags together: units coded by each, by both, by neither;
//! percent agreement; Cohen's κ; Krippendorff's α. With `--disagreements`, every unit where
//! they differ instead. Reads only.

use super::print_lines;
use crate::notebook::{Notebook, reconcile};
use crate::store::Corpus;
use crate::team::agree::Counts;
use crate::team::coding::{Codings, Report, agreement};
use crate::team::units::Unit;
use crate::text::one_line;
use clap::{Args, ValueEnum};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Examples shown by `dossier agree --help`.
pub const EXAMPLES: &str = "\
Examples:
  dossier agree -C ~/statements ana.ron ben.ron
  dossier agree -C ~/statements --notebook team.ron --coders ana,ben --unit sentence
  dossier agree ana.ron ben.ron --tag cyber --tag hybrid --format json
  dossier agree ana.ron ben.ron --disagreements
Characters (the default unit) count every character of the documents either coder worked
on; a sentence or a document counts as coded with a tag when a highlight with it touches it
(or, for a document, it has the tag). Tags are compared by exact name. kappa and alpha are
undefined (— in the table, null in JSON) when there is nothing to tell apart, such as both
coders coding every unit.";

/// Output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Aligned columns.
    Table,
    /// One JSON object per line.
    Json,
    /// Comma-separated values with a header line.
    Csv,
}

/// Arguments of `dossier agree`.
#[derive(Debug, Args)]
pub struct AgreeArgs {
    /// The two notebooks to compare, coder A's and coder B's. None with --coders: the
    /// coders of the one notebook (--notebook, else the config's, else the corpus's).
    #[arg(value_name = "NOTEBOOK", num_args = 0..=2)]
    pub notebooks: Vec<PathBuf>,
    /// Compare these two coders (the names their notebooks record as `by`): of one
    /// notebook, or the first of the first notebook and the second of the second.
    #[arg(long, value_name = "A,B", value_delimiter = ',')]
    pub coders: Vec<String>,
    /// Only these tags (repeat the option or separate them with commas). Default: every
    /// tag either coder used.
    #[arg(short, long = "tag", value_name = "T", value_delimiter = ',')]
    pub tags: Vec<String>,
    /// What one unit is: character, sentence or document.
    #[arg(long, value_name = "UNIT", default_value = "character")]
    pub unit: Unit,
    /// table, json or csv.
    #[arg(long, value_enum, default_value = "table")]
    pub format: Format,
    /// List every unit where the coders differ (document, quote, who coded what) instead
    /// of the statistics.
    #[arg(long)]
    pub disagreements: bool,
}

/// One side of the comparison: its notebook and, for one coder's part, that coder.
struct Side {
    notebook: Notebook,
    coder: Option<String>,
    label: String,
}

/// Computes and prints the agreement.
pub fn run(corpus: &mut Corpus, default: &Path, args: &AgreeArgs) -> anyhow::Result<ExitCode> {
    let (mut a, mut b) = sides(corpus, default, args)?;
    let (codings_a, codings_b) = {
        let covered = |nb: &Notebook, p: &str| nb.doc(p).is_some_and(|e| !e.is_empty());
        super::load_texts_for(corpus, None, |d| {
            covered(&a.notebook, &d.path) || covered(&b.notebook, &d.path)
        });
        reconcile(&mut a.notebook, corpus);
        reconcile(&mut b.notebook, corpus);
        (
            Codings::of(&a.notebook, a.coder.as_deref()),
            Codings::of(&b.notebook, b.coder.as_deref()),
        )
    };
    for (side, codings) in [(&a, &codings_a), (&b, &codings_b)] {
        if codings.orphaned > 0 {
            eprintln!(
                "warning: {}: {} left out (their quotes are no longer in the text)",
                one_line(&side.label),
                crate::text::count(
                    codings.orphaned,
                    "orphaned highlight",
                    "orphaned highlights"
                )
            );
        }
    }
    let tags: Vec<String> = args
        .tags
        .iter()
        .map(|t| crate::notebook::model::clean_tag(t))
        .collect::<Result<_, _>>()?;
    let report = agreement(
        &codings_a,
        &codings_b,
        |path| corpus_text(corpus, path),
        args.unit,
        (!tags.is_empty()).then_some(tags.as_slice()),
        args.disagreements,
    );
    for path in &report.missing {
        eprintln!("warning: {} is not in the corpus; left out", one_line(path));
    }
    let lines = if args.disagreements {
        disagreement_lines(corpus, &report, &a.label, &b.label, args.format)?
    } else {
        stat_lines(
            &report,
            &a.label,
            &b.label,
            args.format,
            codings_a.covered.union(&codings_b.covered).count(),
        )?
    };
    print_lines(lines)
}

/// The two sides from the arguments; the notebooks must be of the same corpus.
fn sides(corpus: &Corpus, default: &Path, args: &AgreeArgs) -> anyhow::Result<(Side, Side)> {
    if !args.coders.is_empty() && args.coders.len() != 2 {
        anyhow::bail!("--coders takes two names, such as --coders ana,ben");
    }
    let coder = |i: usize| {
        args.coders
            .get(i)
            .and_then(|c| crate::team::coder::clean(c))
    };
    let open = |path: &Path| -> anyhow::Result<Notebook> {
        if !path.exists() {
            anyhow::bail!("{}: no such notebook", super::shown_path(path));
        }
        Ok(crate::notebook::load(path, &corpus.name)?)
    };
    let label = |path: &Path, coder: &Option<String>| match coder {
        Some(c) => c.clone(),
        None => path.display().to_string(),
    };
    let (first, second) = match (args.notebooks.as_slice(), args.coders.is_empty()) {
        ([a, b], _) => (a.clone(), b.clone()),
        ([one], false) => (one.clone(), one.clone()),
        ([], false) => (default.to_owned(), default.to_owned()),
        _ => anyhow::bail!(
            "name two notebooks (dossier agree A.ron B.ron), or two coders of one (--coders ana,ben)"
        ),
    };
    let (na, nb) = (open(&first)?, open(&second)?);
    if na.corpus != nb.corpus {
        anyhow::bail!(
            "{} is a notebook of corpus {:?} and {} of corpus {:?}: agreement compares two codings of the same documents",
            super::shown_path(&first),
            one_line(&na.corpus),
            super::shown_path(&second),
            one_line(&nb.corpus)
        );
    }
    let (ca, cb) = (coder(0), coder(1));
    Ok((
        Side {
            label: label(&first, &ca),
            notebook: na,
            coder: ca,
        },
        Side {
            label: label(&second, &cb),
            notebook: nb,
            coder: cb,
        },
    ))
}

fn corpus_text<'c>(corpus: &'c Corpus, path: &str) -> Option<&'c str> {
    let i = corpus
        .documents
        .binary_search_by(|d| d.path.as_str().cmp(path))
        .ok()?;
    let doc = &corpus.documents[i];
    doc.loaded.then_some(&doc.text[..])
}

/// A statistic for JSON: a number, or null where undefined.
fn number(x: Option<f64>) -> serde_json::Value {
    x.and_then(serde_json::Number::from_f64)
        .map_or(serde_json::Value::Null, serde_json::Value::Number)
}

fn stat_lines(
    report: &Report,
    a: &str,
    b: &str,
    format: Format,
    documents: usize,
) -> anyhow::Result<Vec<String>> {
    let unit = report.unit.name();
    Ok(match format {
        Format::Json => report
            .rows
            .iter()
            .map(|row| {
                let c = &row.counts;
                serde_json::json!({
                    "tag": row.tag,
                    "unit": unit,
                    "units": c.units,
                    "a": c.a,
                    "b": c.b,
                    "both": c.both,
                    "neither": c.neither(),
                    "agreement": number(c.agreement()),
                    "kappa": number(c.kappa()),
                    "alpha": number(c.alpha()),
                })
                .to_string()
            })
            .collect(),
        Format::Csv => {
            let mut w = csv_writer();
            w.write_record([
                "tag",
                "unit",
                "units",
                "a",
                "b",
                "both",
                "neither",
                "agreement",
                "kappa",
                "alpha",
            ])?;
            let cell = |x: Option<f64>| x.map(|x| x.to_string()).unwrap_or_default();
            for row in &report.rows {
                let c = &row.counts;
                w.write_record([
                    row.tag.clone().unwrap_or_default(),
                    unit.to_owned(),
                    c.units.to_string(),
                    c.a.to_string(),
                    c.b.to_string(),
                    c.both.to_string(),
                    c.neither().to_string(),
                    cell(c.agreement()),
                    cell(c.kappa()),
                    cell(c.alpha()),
                ])?;
            }
            csv_lines(w)?
        }
        Format::Table => table(report, a, b, documents),
    })
}

fn table(report: &Report, a: &str, b: &str, documents: usize) -> Vec<String> {
    let mut lines = vec![format!(
        "A: {}   B: {}   unit: {}, over {}",
        one_line(a),
        one_line(b),
        report.unit.name(),
        crate::text::count(documents, "document", "documents")
    )];
    let name = |t: &Option<String>| t.as_deref().map_or("(all tags)".to_owned(), one_line);
    let width = report
        .rows
        .iter()
        .map(|r| crate::text::width(&name(&r.tag)))
        .max()
        .unwrap_or(3)
        .max(3);
    let fixed = |x: Option<f64>| x.map_or("—".to_owned(), |x| format!("{x:.3}"));
    let percent = |x: Option<f64>| x.map_or("—".to_owned(), |x| format!("{:.1}%", x * 100.0));
    lines.push(format!(
        "{}  {:>9}  {:>9}  {:>9}  {:>9}  {:>9}  {:>9}  {:>6}  {:>6}",
        crate::text::pad("TAG", width),
        "UNITS",
        "A",
        "B",
        "BOTH",
        "NEITHER",
        "AGREEMENT",
        "KAPPA",
        "ALPHA"
    ));
    let mut notes = Vec::new();
    for row in &report.rows {
        let c: &Counts = &row.counts;
        lines.push(format!(
            "{}  {:>9}  {:>9}  {:>9}  {:>9}  {:>9}  {:>9}  {:>6}  {:>6}",
            crate::text::pad(&name(&row.tag), width),
            c.units,
            c.a,
            c.b,
            c.both,
            c.neither(),
            percent(c.agreement()),
            fixed(c.kappa()),
            fixed(c.alpha())
        ));
        if let Some(why) = c.undefined_because() {
            notes.push(format!(
                "{}: kappa and alpha undefined: {why}",
                name(&row.tag)
            ));
        }
    }
    lines.extend(notes);
    lines
}

fn disagreement_lines(
    corpus: &Corpus,
    report: &Report,
    a: &str,
    b: &str,
    format: Format,
) -> anyhow::Result<Vec<String>> {
    let quote = |path: &str, range: &std::ops::Range<usize>| -> String {
        match report.unit {
            crate::team::units::Unit::Document => corpus
                .documents
                .iter()
                .find(|d| d.path == path)
                .map(|d| d.meta.title.clone())
                .unwrap_or_default(),
            _ => corpus_text(corpus, path)
                .and_then(|t| t.get(range.clone()))
                .unwrap_or_default()
                .to_owned(),
        }
    };
    let unit = report.unit.name();
    Ok(match format {
        Format::Json => report
            .disagreements
            .iter()
            .map(|d| {
                serde_json::json!({
                    "tag": d.tag,
                    "unit": unit,
                    "document": d.path,
                    "start": d.range.start,
                    "end": d.range.end,
                    "quote": quote(&d.path, &d.range),
                    "a": d.a,
                    "b": !d.a,
                })
                .to_string()
            })
            .collect(),
        Format::Csv => {
            let mut w = csv_writer();
            w.write_record(["tag", "unit", "document", "start", "end", "quote", "a", "b"])?;
            for d in &report.disagreements {
                w.write_record([
                    d.tag.clone(),
                    unit.to_owned(),
                    d.path.clone(),
                    d.range.start.to_string(),
                    d.range.end.to_string(),
                    quote(&d.path, &d.range),
                    d.a.to_string(),
                    (!d.a).to_string(),
                ])?;
            }
            csv_lines(w)?
        }
        Format::Table => {
            let mut lines = Vec::new();
            for d in &report.disagreements {
                let (yes, no) = if d.a { (a, b) } else { (b, a) };
                lines.push(format!(
                    "{}  {}..{}  {}: {} coded it, {} did not  {}",
                    one_line(&d.path),
                    d.range.start,
                    d.range.end,
                    one_line(&d.tag),
                    one_line(yes),
                    one_line(no),
                    super::shown_quote(&quote(&d.path, &d.range))
                ));
            }
            lines.push(format!(
                "{} ({} units)",
                crate::text::count(report.disagreements.len(), "disagreement", "disagreements"),
                unit
            ));
            lines
        }
    })
}

/// A new CSV writer: `\n` between records, fields quoted where needed.
fn csv_writer() -> csv::Writer<Vec<u8>> {
    csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new())
}

/// The CSV written, as one piece (a quoted field may hold line breaks).
fn csv_lines(w: csv::Writer<Vec<u8>>) -> anyhow::Result<Vec<String>> {
    let bytes = w.into_inner().map_err(|e| anyhow::anyhow!("{e}"))?;
    let text = String::from_utf8(bytes)?;
    Ok(vec![text.trim_end_matches('\n').to_owned()])
}
