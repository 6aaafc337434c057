//! Rows of named fields, printed in the formats of `kwic`, `stats` and `words`: an aligned
//! table, JSON (one object per line, fields in order), TSV or CSV with a header line. Every
//! format shows the same fields, so a table and its CSV never disagree.

use clap::ValueEnum;
use serde_json::{Map, Value};
use std::io::Write;

/// How a command prints its rows.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Aligned columns.
    #[default]
    Table,
    /// One JSON object per line.
    Json,
    /// Tab-separated values with a header line.
    Tsv,
    /// Comma-separated values (RFC 4180) with a header line.
    Csv,
}

/// Standard output, written in blocks: a concordance of thousands of lines would
/// otherwise cost a write per line.
pub fn stdout() -> std::io::BufWriter<std::io::StdoutLock<'static>> {
    std::io::BufWriter::with_capacity(64 * 1024, std::io::stdout().lock())
}

/// A value as a cell of a table, TSV or CSV: text as it is, numbers as JSON writes them,
/// null as nothing.
pub fn cell(value: &Value) -> String {
    match value {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        Value::Number(n) => match n.as_f64() {
            // Fractions to three places: what a reader of a table wants.
            Some(f) if !n.is_i64() && !n.is_u64() => format!("{f:.3}"),
            _ => n.to_string(),
        },
        other => other.to_string(),
    }
}

/// One JSON object per line.
pub fn write_json(out: &mut impl Write, rows: &[Map<String, Value>]) -> std::io::Result<()> {
    for row in rows {
        super::write_json_line(out, &Value::Object(row.clone()))?;
    }
    Ok(())
}

/// Prints `rows` (objects with the fields `columns`, in that order) in `format`; `numeric`
/// columns are aligned right in a table.
pub fn write(
    out: &mut impl Write,
    format: Format,
    columns: &[&str],
    rows: &[Map<String, Value>],
) -> std::io::Result<()> {
    let cells = |row: &Map<String, Value>| -> Vec<String> {
        columns
            .iter()
            .map(|c| row.get(*c).map(cell).unwrap_or_default())
            .collect()
    };
    match format {
        Format::Json => write_json(out, rows),
        Format::Tsv => {
            writeln!(out, "{}", columns.join("\t"))?;
            for row in rows {
                let line: Vec<String> = cells(row)
                    .into_iter()
                    .map(|c| crate::text::one_line(&c).replace('\t', " "))
                    .collect();
                writeln!(out, "{}", line.join("\t"))?;
            }
            Ok(())
        }
        Format::Csv => {
            let mut writer = csv::Writer::from_writer(out);
            writer
                .write_record(columns)
                .map_err(std::io::Error::other)?;
            for row in rows {
                writer
                    .write_record(cells(row))
                    .map_err(std::io::Error::other)?;
            }
            writer.flush()
        }
        Format::Table => {
            let table: Vec<Vec<String>> = rows
                .iter()
                .map(|r| cells(r).iter().map(|c| crate::text::one_line(c)).collect())
                .collect();
            let numeric: Vec<bool> = columns
                .iter()
                .map(|c| rows.iter().all(|r| r.get(*c).is_none_or(Value::is_number)))
                .collect();
            let widths: Vec<usize> = (0..columns.len())
                .map(|i| {
                    table
                        .iter()
                        .map(|r| crate::text::width(&r[i]))
                        .chain([crate::text::width(columns[i])])
                        .max()
                        .unwrap_or(0)
                        .min(60)
                })
                .collect();
            let line = |cells: &[String]| {
                let mut s = String::new();
                for (i, c) in cells.iter().enumerate() {
                    if i > 0 {
                        s.push_str("  ");
                    }
                    let c = crate::text::truncate(c, widths[i]);
                    if numeric[i] {
                        s.push_str(&crate::kwic::pad_left(&c, widths[i]));
                    } else {
                        s.push_str(&crate::text::pad(&c, widths[i]));
                    }
                }
                s.trim_end().to_owned()
            };
            let header: Vec<String> = columns.iter().map(|c| c.to_uppercase()).collect();
            writeln!(out, "{}", line(&header))?;
            for row in &table {
                writeln!(out, "{}", line(row))?;
            }
            Ok(())
        }
    }
}

/// `value` as an object row (a struct deriving `Serialize`).
pub fn row(value: impl serde::Serialize) -> Map<String, Value> {
    match serde_json::to_value(value) {
        Ok(Value::Object(map)) => map,
        _ => Map::new(),
    }
}
