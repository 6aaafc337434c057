//! Tables found without configuration: a `.csv` or `.tsv` at the corpus root with a column
//! whose values equal the file stems, names or relative paths of at least 80% of the
//! documents (SPEC §10).

use super::Spec;
use std::collections::HashMap;
use std::path::Path;

/// The kinds of document name a column may hold, as join fields; on a tie the first wins
/// (at the root a name is also the path).
const KINDS: [&str; 3] = ["name", "stem", "path"];

/// Whether a path relative to the root is a candidate: a CSV or TSV at the root itself.
pub(in crate::store) fn is_candidate(relative: &str) -> bool {
    let lower = relative.to_ascii_lowercase();
    !relative.contains('/') && (lower.ends_with(".csv") || lower.ends_with(".tsv"))
}

/// The candidates among `files` that join to the documents at `paths` (relative paths of
/// the documents that are not dataset rows), best column first. A file that cannot be read
/// as a table is no table.
pub(in crate::store) fn detect(root: &Path, files: &[&str], paths: &[&str]) -> Vec<Spec> {
    if paths.is_empty() || files.is_empty() {
        return Vec::new();
    }
    let names = Names::of(paths);
    files
        .iter()
        .filter_map(|file| best_column(root, file, &names, paths.len()))
        .collect()
}

/// Every document's name, stem and path, for looking a cell up once: a map from the text to
/// the first of its uses, each use linking to the next with the same text. (One `Vec` per
/// text in three `HashMap`s, and three SipHash lookups per cell, made finding a 100,000-row
/// table take half a second.)
struct Names<'a> {
    first: HashMap<&'a str, u32, foldhash::fast::RandomState>,
    /// `(kind, document, next use or NONE)`.
    uses: Vec<(u8, u32, u32)>,
}

const NONE: u32 = u32::MAX;

impl<'a> Names<'a> {
    fn of(paths: &[&'a str]) -> Names<'a> {
        let mut names = Names {
            first: HashMap::with_capacity_and_hasher(paths.len() * 2, Default::default()),
            uses: Vec::with_capacity(paths.len() * 3),
        };
        for (doc, path) in paths.iter().enumerate() {
            let name = path.rsplit('/').next().unwrap_or(path);
            let stem = name.rsplit_once('.').map_or(name, |(stem, _)| stem);
            for (kind, text) in [name, stem, *path].into_iter().enumerate() {
                let at = names.uses.len() as u32;
                let next = names.first.insert(text, at).unwrap_or(NONE);
                names.uses.push((kind as u8, doc as u32, next));
            }
        }
        names
    }

    /// The `(kind, document)` uses of `text`.
    fn uses_of(&self, text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
        let mut at = self.first.get(text).copied().unwrap_or(NONE);
        std::iter::from_fn(move || {
            let &(kind, doc, next) = self.uses.get(at as usize)?;
            at = next;
            Some((usize::from(kind), doc as usize))
        })
    }
}

/// The column and kind of name of `file` that names the most documents, when that is at
/// least 80% of `total`.
fn best_column(root: &Path, file: &str, names: &Names, total: usize) -> Option<Spec> {
    let path = root.join(file);
    let tsv = file.to_ascii_lowercase().ends_with(".tsv");
    let mut reader = super::read::reader(&path, tsv).ok()?;
    let headers = super::read::headers(&mut reader, &path).ok()?;
    // column → kind → documents named (a bit per document)
    let words = total.div_ceil(64);
    let mut named: Vec<[Vec<u64>; 3]> = headers
        .iter()
        .map(|_| std::array::from_fn(|_| vec![0u64; words]))
        .collect();
    let mut record = csv::StringRecord::new();
    while reader.read_record(&mut record).ok()? {
        for (column, cell) in record.iter().enumerate() {
            let Some(bits) = named.get_mut(column) else {
                continue;
            };
            for (kind, doc) in names.uses_of(cell.trim()) {
                bits[kind][doc / 64] |= 1 << (doc % 64);
            }
        }
    }
    let mut best: Option<(usize, usize, usize)> = None;
    for (column, kinds) in named.iter().enumerate() {
        if headers[column].is_empty() {
            continue;
        }
        for (k, bits) in kinds.iter().enumerate() {
            let count: usize = bits.iter().map(|w| w.count_ones() as usize).sum();
            if best.is_none_or(|(c, _, _)| count > c) {
                best = Some((count, column, k));
            }
        }
    }
    let (count, column, k) = best?;
    (count > 0 && count * 5 >= total * 4).then(|| Spec {
        file: file.to_owned(),
        join: vec![(headers[column].clone(), KINDS[k].to_owned())],
        fields: Vec::new(),
        automatic: true,
    })
}
