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
    if paths.is_empty() {
        return Vec::new();
    }
    // name kind → value → documents
    let mut names: [HashMap<&str, Vec<u32>>; 3] = Default::default();
    for (i, path) in paths.iter().enumerate() {
        let name = path.rsplit('/').next().unwrap_or(path);
        let stem = name.rsplit_once('.').map_or(name, |(stem, _)| stem);
        for (k, value) in [name, stem, *path].into_iter().enumerate() {
            names[k].entry(value).or_default().push(i as u32);
        }
    }
    files
        .iter()
        .filter_map(|file| best_column(root, file, &names, paths.len()))
        .collect()
}

/// The column and kind of name of `file` that names the most documents, when that is at
/// least 80% of `total`.
fn best_column(
    root: &Path,
    file: &str,
    names: &[HashMap<&str, Vec<u32>>; 3],
    total: usize,
) -> Option<Spec> {
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
            let cell = cell.trim();
            for k in 0..KINDS.len() {
                for &doc in names[k].get(cell).into_iter().flatten() {
                    bits[k][doc as usize / 64] |= 1 << (doc % 64);
                }
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
