//! CSV and TSV datasets, read with the `csv` crate (RFC 4180 quoting, as spreadsheets and
//! pandas write it, for TSV too). The first record is the header. A record with another
//! number of fields than the header is left out with a note naming its line.

use super::DatasetError;
use super::columns::{Builder, Record};
use std::borrow::Cow;

/// Reads the records of a CSV (`delimiter` `,`) or TSV (`\t`) into `builder`.
pub(super) fn read(
    reader: impl std::io::Read,
    delimiter: u8,
    builder: &mut Builder,
) -> Result<(), DatasetError> {
    let mut csv = ::csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .buffer_capacity(1 << 16)
        .from_reader(reader);
    let mut record = ::csv::ByteRecord::new();
    if !next(&mut csv, &mut record, builder)? {
        return Err(DatasetError::Empty);
    }
    let header: Vec<usize> = record
        .iter()
        .map(|name| builder.column(&String::from_utf8_lossy(name)))
        .collect();
    let mut number = 0u64;
    while next(&mut csv, &mut record, builder)? {
        number += 1;
        let line = record.position().map_or(0, |p| p.line());
        if record.len() != header.len() {
            builder.notes.push(format!(
                "line {line}: {} where the header has {}; the row is left out",
                crate::text::count(record.len(), "field", "fields"),
                header.len()
            ));
            continue;
        }
        let mut repaired = false;
        let cells = header
            .iter()
            .zip(record.iter())
            .map(|(&column, value)| {
                let value = match String::from_utf8_lossy(value) {
                    Cow::Borrowed(text) => text.to_owned(),
                    Cow::Owned(text) => {
                        repaired = true;
                        text
                    }
                };
                (column, value)
            })
            .collect();
        if repaired {
            builder.notes.push(format!(
                "line {line}: bytes that are not UTF-8 were replaced (U+FFFD)"
            ));
        }
        builder.push(Record {
            line,
            number,
            cells,
        })?;
    }
    Ok(())
}

/// Reads the next record; `false` at the end. A record the parser rejects is noted and
/// skipped; a read error ends the file.
fn next<R: std::io::Read>(
    csv: &mut ::csv::Reader<R>,
    record: &mut ::csv::ByteRecord,
    builder: &mut Builder,
) -> Result<bool, DatasetError> {
    loop {
        match csv.read_byte_record(record) {
            Ok(more) => return Ok(more),
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line());
                match e.into_kind() {
                    ::csv::ErrorKind::Io(io) => return Err(DatasetError::Io(io.to_string())),
                    other => builder.notes.push(format!(
                        "line {line}: {}; the row is left out",
                        crate::text::one_line(&format!("{other:?}"))
                    )),
                }
            }
        }
    }
}
