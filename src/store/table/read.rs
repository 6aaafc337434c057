//! Reading a table: streamed with the `csv` crate, headers and cells trimmed, columns mapped
//! to fields, and only the rows whose key names a document kept.

use super::{EXAMPLES, Spec, TableError, TableReport, Target};
use crate::store::FieldValue;
use std::collections::{HashMap, HashSet};
use std::path::Path;

/// One kept row: `(index into Table::targets, value)` for each non-empty cell it fills.
pub(in crate::store) type Cells = Vec<(u16, FieldValue)>;

/// The documents' keys a table's rows are kept for.
pub(in crate::store) type Wanted<'a> = HashSet<&'a str, foldhash::fast::RandomState>;

/// A table read for joining.
#[derive(Debug, Default)]
pub(in crate::store) struct Table {
    /// What each kept cell fills.
    pub targets: Vec<Target>,
    /// The kept rows by key (the join columns' values joined by U+001F).
    pub rows: HashMap<String, Cells, foldhash::fast::RandomState>,
    /// The counts so far (documents are counted when joined).
    pub report: TableReport,
}

/// The separator of the values of a composite key.
pub(in crate::store) const KEY_SEP: char = '\u{1f}';

/// A reader of the table at `path` (TSV by its name, else CSV).
pub(super) fn reader(
    path: &Path,
    tsv: bool,
) -> std::io::Result<csv::Reader<std::io::BufReader<std::fs::File>>> {
    let file = std::fs::File::open(path)?;
    Ok(csv::ReaderBuilder::new()
        .delimiter(if tsv { b'\t' } else { b',' })
        .has_headers(true)
        .flexible(false)
        .from_reader(std::io::BufReader::with_capacity(256 * 1024, file)))
}

/// The trimmed headers of a table (a byte-order mark dropped).
pub(super) fn headers<R: std::io::Read>(
    reader: &mut csv::Reader<R>,
    path: &Path,
) -> Result<Vec<String>, TableError> {
    let headers = reader.headers().map_err(|e| parse_error(path, &e))?;
    Ok(headers
        .iter()
        .map(|h| h.trim_start_matches('\u{feff}').trim().to_owned())
        .collect())
}

/// A CSV error as a [`TableError`] naming the line.
pub(super) fn parse_error(path: &Path, e: &csv::Error) -> TableError {
    let line = e.position().map_or(1, |p| p.line());
    let message = match e.kind() {
        csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => format!("a row of {len} cells where the header has {expected_len}"),
        csv::ErrorKind::Utf8 { .. } => "not UTF-8".to_owned(),
        _ => e.to_string(),
    };
    TableError::Parse {
        path: path.to_owned(),
        line,
        message,
    }
}

/// Reads the table `spec` names under `root`, keeping the rows whose key is `wanted`.
pub(in crate::store) fn load(
    root: &Path,
    spec: &Spec,
    wanted: &Wanted,
) -> Result<Table, TableError> {
    let path = root.join(&spec.file);
    let mut reader = reader(&path, spec.is_tsv()).map_err(|source| TableError::Io {
        path: path.clone(),
        source,
    })?;
    let headers = headers(&mut reader, &path)?;
    let find = |column: &str, role: &'static str| {
        headers
            .iter()
            .position(|h| h == column.trim())
            .or_else(|| {
                headers
                    .iter()
                    .position(|h| h.eq_ignore_ascii_case(column.trim()))
            })
            .ok_or_else(|| TableError::MissingColumn {
                path: path.clone(),
                column: column.to_owned(),
                role,
                columns: headers
                    .iter()
                    .filter(|h| !h.is_empty())
                    .map(|h| format!("{h:?}"))
                    .collect::<Vec<_>>()
                    .join(", "),
            })
    };
    let join: Vec<usize> = spec
        .join
        .iter()
        .map(|(column, _)| find(column, "join"))
        .collect::<Result<_, _>>()?;
    // Column index → target index.
    let mut by_column: Vec<Option<u16>> = vec![None; headers.len()];
    let mut targets = Vec::new();
    for (field, column) in &spec.fields {
        let at = find(column, "fields")?;
        by_column[at] = Some(targets.len() as u16);
        targets.push(Target::of(field));
    }
    for (at, header) in headers.iter().enumerate() {
        if header.is_empty() || join.contains(&at) || by_column[at].is_some() {
            continue;
        }
        by_column[at] = Some(targets.len() as u16);
        targets.push(Target::of(header));
    }
    let mut table = Table {
        targets,
        rows: HashMap::default(),
        report: TableReport {
            path: spec.file.clone(),
            join: spec.join.clone(),
            automatic: spec.automatic,
            ..TableReport::default()
        },
    };
    let mut record = csv::StringRecord::new();
    let mut key = String::new();
    loop {
        match reader.read_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => return Err(parse_error(&path, &e)),
        }
        table.report.rows += 1;
        key.clear();
        for (n, &at) in join.iter().enumerate() {
            if n > 0 {
                key.push(KEY_SEP);
            }
            key.push_str(record.get(at).unwrap_or("").trim());
        }
        if !wanted.contains(key.as_str()) {
            let report = &mut table.report;
            report.unmatched_rows += 1;
            if report.unmatched_examples.len() < EXAMPLES {
                let line = record.position().map_or(0, |p| p.line());
                let shown = key.replace(KEY_SEP, ", ");
                report
                    .unmatched_examples
                    .push(format!("line {line}: {shown}"));
            }
            continue;
        }
        if table.rows.contains_key(key.as_str()) {
            table.report.duplicate_keys += 1;
            continue;
        }
        let cells: Cells = record
            .iter()
            .enumerate()
            .filter_map(|(at, cell)| {
                let target = by_column.get(at).copied().flatten()?;
                let cell = cell.trim();
                (!cell.is_empty()).then(|| (target, FieldValue::from(cell)))
            })
            .collect();
        table.rows.insert(key.clone(), cells);
    }
    table.report.matched_rows = table.rows.len();
    Ok(table)
}
