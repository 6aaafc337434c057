//! CSV and TSV datasets, read with the `csv` crate (RFC 4180 quoting, as spreadsheets and
//! pandas write it, for TSV too). The first record is the header. A record with another
//! number of fields than the header is left out with a note naming its line.
//!
//! CRLF line ends (what Python's `csv` and Excel write) are read as LF: the parser counts a
//! CRLF record's line one short, and the text would lose its CRs in normalization anyway.

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
        .from_reader(Lf::new(reader));
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

/// A reader that gives `\r\n` as `\n` (a lone `\r` stays), across reads.
struct Lf<R> {
    inner: R,
    raw: Vec<u8>,
    out: Vec<u8>,
    at: usize,
    pending_cr: bool,
}

impl<R> Lf<R> {
    fn new(inner: R) -> Lf<R> {
        Lf {
            inner,
            raw: vec![0; 1 << 16],
            out: Vec::with_capacity(1 << 16),
            at: 0,
            pending_cr: false,
        }
    }
}

impl<R: std::io::Read> Lf<R> {
    /// Reads on until there is something to give, or the end.
    fn refill(&mut self) -> std::io::Result<()> {
        self.out.clear();
        self.at = 0;
        while self.out.is_empty() {
            let n = self.inner.read(&mut self.raw)?;
            if n == 0 {
                if std::mem::take(&mut self.pending_cr) {
                    self.out.push(b'\r');
                }
                return Ok(());
            }
            for &b in &self.raw[..n] {
                if std::mem::take(&mut self.pending_cr) && b != b'\n' {
                    self.out.push(b'\r');
                }
                if b == b'\r' {
                    self.pending_cr = true;
                } else {
                    self.out.push(b);
                }
            }
        }
        Ok(())
    }
}

impl<R: std::io::Read> std::io::Read for Lf<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if self.at >= self.out.len() {
            self.refill()?;
        }
        let rest = self.out.get(self.at..).unwrap_or_default();
        let n = rest.len().min(buf.len());
        buf[..n].copy_from_slice(&rest[..n]);
        self.at += n;
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::Lf;
    use std::io::Read;

    /// Reads `input` through `Lf` in reads of `chunk` bytes from the inner reader.
    fn through(input: &[u8], chunk: usize) -> Vec<u8> {
        struct Chunks<'a>(&'a [u8], usize);
        impl Read for Chunks<'_> {
            fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
                let n = self.0.len().min(self.1).min(buf.len());
                buf[..n].copy_from_slice(&self.0[..n]);
                self.0 = &self.0[n..];
                Ok(n)
            }
        }
        let mut out = Vec::new();
        let mut buf = [0u8; 7];
        let mut reader = Lf::new(Chunks(input, chunk));
        loop {
            let n = reader.read(&mut buf).unwrap();
            if n == 0 {
                return out;
            }
            out.extend_from_slice(&buf[..n]);
        }
    }

    #[test]
    fn crlf_becomes_lf_whatever_the_reads_and_a_lone_cr_stays() {
        let input = b"a,b\r\nc,\"d\r\ne\"\r\nf\rg\r\r\n\r";
        for chunk in 1..=9 {
            assert_eq!(
                through(input, chunk),
                b"a,b\nc,\"d\ne\"\nf\rg\r\n\r",
                "{chunk}"
            );
        }
    }
}
