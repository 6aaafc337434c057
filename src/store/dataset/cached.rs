//! A dataset's rows in the extracted-text cache (beside [`crate::store::extracted`]'s
//! entries, keyed the same way by content id and format, and by the columns asked for), so
//! that a warm start reads rows back instead of parsing the file again.
//!
//! An entry can be as large as its file, so it is written and read as a stream of records,
//! never whole: a magic line, the layout and extractor versions, then length-prefixed
//! `postcard` records (the rows, then how the file ended), then the BLAKE3 hash of every
//! record byte. Anything that does not check out is ignored (the caller then parses the
//! file), never an error; a write that fails costs only speed next time.

use super::{DatasetError, Options, Row};
use crate::store::Format;
use crate::store::format::EXTRACTOR_VERSION;
use serde::{Deserialize, Serialize};
use std::io::{BufReader, BufWriter, Read, Write};
use std::path::{Path, PathBuf};

const MAGIC: &[u8] = b"dossier dataset rows\n";
/// Raised whenever the layout of an entry changes.
const LAYOUT: u32 = 1;
/// Marks the end of the records; the hash follows.
const END: u32 = u32::MAX;
/// The largest record read back (a row larger than this is parsed from the file).
const MAX_RECORD: usize = 1 << 30;

/// One record of an entry.
#[derive(Serialize, Deserialize)]
enum Record {
    Row(Row),
    Done(Result<Vec<String>, DatasetError>),
}

/// The entry file of a dataset with content id `id`, read in `format` with `options`.
fn file_of(dir: &Path, id: &str, format: Format, options: &Options) -> PathBuf {
    let fan = id.get(..2).unwrap_or("00");
    let columns = match (&options.text, &options.id) {
        (None, None) => "auto".to_owned(),
        (text, id) => {
            let named = format!("{text:?}\0{id:?}");
            blake3::hash(named.as_bytes()).to_hex()[..8].to_owned()
        }
    };
    dir.join("extracted")
        .join(fan)
        .join(format!("{id}.{}.{columns}.rows", format.name()))
}

/// Hands the cached rows of the dataset `id` to `sink`, and returns how the file ended;
/// `None` when there is no valid entry. Rows may have been handed over before an entry
/// turns out invalid: on `None` the caller drops what it got.
pub(super) fn read(
    dir: &Path,
    id: &str,
    format: Format,
    options: &Options,
    sink: &mut dyn FnMut(Row),
) -> Option<Result<Vec<String>, DatasetError>> {
    let file = std::fs::File::open(file_of(dir, id, format, options)).ok()?;
    let mut reader = BufReader::with_capacity(1 << 16, file);
    let mut magic = [0u8; MAGIC.len()];
    reader.read_exact(&mut magic).ok()?;
    if magic != MAGIC || read_u32(&mut reader)? != LAYOUT {
        return None;
    }
    if read_u32(&mut reader)? != EXTRACTOR_VERSION {
        return None;
    }
    let mut hasher = blake3::Hasher::new();
    let mut body = Vec::new();
    let done = loop {
        let len = read_u32(&mut reader)?;
        hasher.update(&len.to_le_bytes());
        if len == END {
            return None;
        }
        let len = usize::try_from(len).ok().filter(|&l| l <= MAX_RECORD)?;
        body.resize(len, 0);
        reader.read_exact(&mut body).ok()?;
        hasher.update(&body);
        match postcard::from_bytes::<Record>(&body).ok()? {
            Record::Row(row) => sink(row),
            Record::Done(done) => break done,
        }
    };
    let end = read_u32(&mut reader)?;
    hasher.update(&end.to_le_bytes());
    let mut hash = [0u8; 32];
    reader.read_exact(&mut hash).ok()?;
    let at_end = reader.read(&mut [0u8; 1]).ok()? == 0;
    (end == END && at_end && hasher.finalize().as_bytes() == &hash).then_some(done)
}

fn read_u32(reader: &mut impl Read) -> Option<u32> {
    let mut bytes = [0u8; 4];
    reader.read_exact(&mut bytes).ok()?;
    Some(u32::from_le_bytes(bytes))
}

/// An entry being written, row by row, into a temporary file that becomes the entry only
/// once it is whole.
pub(super) struct Writer {
    out: BufWriter<tempfile::NamedTempFile>,
    path: PathBuf,
    hasher: blake3::Hasher,
    failed: bool,
    body: Vec<u8>,
}

impl Writer {
    /// Starts the entry of the dataset `id`; `None` when it cannot be written.
    pub fn create(dir: &Path, id: &str, format: Format, options: &Options) -> Option<Writer> {
        let path = file_of(dir, id, format, options);
        let parent = path.parent()?;
        std::fs::create_dir_all(parent).ok()?;
        let tmp = tempfile::Builder::new()
            .prefix(".rows.")
            .suffix(".tmp")
            .tempfile_in(parent)
            .ok()?;
        let mut out = BufWriter::with_capacity(1 << 16, tmp);
        let mut head = MAGIC.to_vec();
        head.extend_from_slice(&LAYOUT.to_le_bytes());
        head.extend_from_slice(&EXTRACTOR_VERSION.to_le_bytes());
        out.write_all(&head).ok()?;
        Some(Writer {
            out,
            path,
            hasher: blake3::Hasher::new(),
            failed: false,
            body: Vec::new(),
        })
    }

    /// Adds a row.
    pub fn row(&mut self, row: &Row) {
        // A `Record::Row` without copying the row: the variant's index, then the row.
        self.body.clear();
        self.body.push(0);
        match postcard::to_extend(row, std::mem::take(&mut self.body)) {
            Ok(body) => self.body = body,
            Err(_) => {
                self.failed = true;
                return;
            }
        }
        let body = std::mem::take(&mut self.body);
        self.record(&body);
        self.body = body;
    }

    fn record(&mut self, body: &[u8]) {
        if self.failed {
            return;
        }
        let len = match u32::try_from(body.len()) {
            Ok(len) if body.len() <= MAX_RECORD => len,
            _ => {
                self.failed = true;
                return;
            }
        };
        self.hasher.update(&len.to_le_bytes());
        self.hasher.update(body);
        if self.out.write_all(&len.to_le_bytes()).is_err() || self.out.write_all(body).is_err() {
            self.failed = true;
        }
    }

    /// Ends the entry with how the file ended, and puts it in place.
    pub fn finish(mut self, done: &Result<Vec<String>, DatasetError>) {
        let Ok(body) = postcard::to_stdvec(&Record::Done(done.clone())) else {
            return;
        };
        self.record(&body);
        if self.failed {
            return;
        }
        self.hasher.update(&END.to_le_bytes());
        let hash = *self.hasher.finalize().as_bytes();
        let written =
            self.out.write_all(&END.to_le_bytes()).is_ok() && self.out.write_all(&hash).is_ok();
        if !written {
            return;
        }
        if let Ok(tmp) = self.out.into_inner() {
            let _ = tmp.persist(&self.path);
        }
    }
}
