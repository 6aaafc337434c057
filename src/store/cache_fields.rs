//! The extra fields of the cached metadata, written once for the whole cache rather than in
//! every document's entry: each name and each value once, and per document only their
//! numbers. A table joined to 100,000 documents gives each of them the same handful of
//! names and mostly repeated values; written inline they made the cache two thirds larger
//! and reading them back (a string and an interned name per field, twice with the sources)
//! was what a warm start with a table spent more than one without.

use super::cache::{Cache, Outcome};
use super::{FieldMap, FieldName, FieldValue, Metadata, metadata::Source};
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};

/// Every document's `fields` and `sources`, in the order [`metas`] visits them.
#[derive(Debug, Default, Serialize, Deserialize)]
pub(super) struct Packed {
    /// Every name, in order: a document's names in order are increasing numbers.
    names: Vec<String>,
    values: Vec<FieldValue>,
    /// Each different set of sources, as `(name, source)`: the documents of a corpus mostly
    /// share one.
    source_sets: Vec<Vec<(u32, Source)>>,
    /// Per document: how many fields, and which set of sources.
    documents: Vec<(u32, u32)>,
    /// `(name, value)` numbers, document after document.
    fields: Vec<(u32, u32)>,
}

/// The metadata of every document in `cache`: each file's, each dataset row's.
fn metas(cache: &mut Cache) -> impl Iterator<Item = &mut Metadata> {
    // A file's one metadata, or a dataset's rows': no boxed iterator (an allocation per
    // entry on every warm start).
    cache.entries.iter_mut().flat_map(|entry| {
        let (one, rows): (_, &mut [_]) = match &mut entry.outcome {
            Outcome::Document { meta, .. } => (Some(meta), &mut []),
            Outcome::Dataset { rows, .. } => (None, rows),
            Outcome::Skipped(_) => (None, &mut []),
        };
        one.into_iter()
            .chain(rows.iter_mut().map(|row| &mut row.meta))
    })
}

/// Takes every document's fields and sources out of `cache`, numbered.
pub(super) fn pack(cache: &mut Cache) -> Packed {
    // A hash set of the few names, sorted after: collecting the 1.5 million uses of 100,000
    // documents into a `BTreeSet` sorted them all first, most of the cost of writing.
    let mut distinct: HashSet<FieldName, foldhash::fast::RandomState> = HashSet::default();
    for meta in metas(cache) {
        for name in meta.fields.keys().chain(meta.sources.keys()) {
            if !distinct.contains(name.as_str()) {
                distinct.insert(name.clone());
            }
        }
    }
    let mut names: Vec<FieldName> = distinct.into_iter().collect();
    names.sort_unstable();
    let number: HashMap<FieldName, u32, foldhash::fast::RandomState> =
        names.iter().cloned().zip(0..).collect();
    let mut packed = Packed {
        names: names.iter().map(|n| n.to_string()).collect(),
        ..Packed::default()
    };
    let mut values: HashMap<FieldValue, u32, foldhash::fast::RandomState> = HashMap::default();
    let mut sets: HashMap<Vec<(u32, Source)>, u32, foldhash::fast::RandomState> =
        HashMap::default();
    for meta in metas(cache) {
        let fields = std::mem::take(&mut meta.fields);
        let sources: Vec<(u32, Source)> = std::mem::take(&mut meta.sources)
            .into_iter()
            .map(|(name, source)| (number[&name], source))
            .collect();
        let set = *sets.entry(sources).or_insert_with_key(|set| {
            packed.source_sets.push(set.clone());
            packed.source_sets.len() as u32 - 1
        });
        packed.documents.push((fields.len() as u32, set));
        for (name, value) in fields {
            let value = *values.entry(value).or_insert_with_key(|value| {
                packed.values.push(value.clone());
                packed.values.len() as u32 - 1
            });
            packed.fields.push((number[&name], value));
        }
    }
    packed
}

/// Gives every document of `cache` its fields and sources from `packed` again; `None` when
/// the two do not fit together (a cache that does not check out is not used).
pub(super) fn unpack(cache: &mut Cache, packed: Packed) -> Option<()> {
    let names: Vec<FieldName> = packed.names.iter().map(|n| FieldName::new(n)).collect();
    if !names.windows(2).all(|w| w[0] < w[1]) {
        return None;
    }
    let sets: Vec<FieldMap<Source>> = packed
        .source_sets
        .iter()
        .map(|set| {
            map(&names, &mut set.iter(), set.len() as u32, |&pair| {
                Some(pair)
            })
        })
        .collect::<Option<_>>()?;
    let mut documents = packed.documents.iter();
    let mut fields = packed.fields.iter();
    for meta in metas(cache) {
        let &(field_count, set) = documents.next()?;
        meta.fields = map(&names, fields.by_ref(), field_count, |&(name, value)| {
            Some((name, packed.values.get(value as usize)?.clone()))
        })?;
        meta.sources = sets.get(set as usize)?.clone();
    }
    let all_used = documents.next().is_none() && fields.next().is_none();
    all_used.then_some(())
}

/// The map of the next `count` of `numbered`, each giving a name's number and its value;
/// `None` unless there are as many and their names are known and in order.
fn map<'a, T: 'a, V>(
    names: &[FieldName],
    numbered: &mut impl Iterator<Item = &'a T>,
    count: u32,
    decode: impl Fn(&'a T) -> Option<(u32, V)>,
) -> Option<FieldMap<V>> {
    // The count is from the file: a hint, not a promise.
    let mut pairs = Vec::with_capacity((count as usize).min(1024));
    let mut last = None;
    for _ in 0..count {
        let (name, value) = decode(numbered.next()?)?;
        if last.is_some_and(|last| last >= name) {
            return None;
        }
        last = Some(name);
        pairs.push((names.get(name as usize)?.clone(), value));
    }
    Some(FieldMap::from_sorted(pairs))
}

#[cfg(test)]
mod tests {
    use super::super::cache::{Entry, RowEntry, SetupEntry, Stamp};
    use super::*;

    fn meta(fields: &[(&str, &str)]) -> Metadata {
        Metadata {
            title: "t".into(),
            fields: fields
                .iter()
                .map(|&(n, v)| (n, FieldValue::from(v)))
                .collect(),
            sources: fields.iter().map(|&(n, _)| (n, Source::Table)).collect(),
            ..Metadata::default()
        }
    }

    fn entry(path: &str, outcome: Outcome) -> Entry {
        Entry {
            path: path.into(),
            shown: path.into(),
            os_path: None,
            stamp: Stamp {
                size: 1,
                mtime_ns: Some(1),
                ctime_ns: None,
                inode: None,
            },
            outcome,
        }
    }

    fn cache() -> Cache {
        let document = |fields| Outcome::Document {
            id: "id".into(),
            meta: meta(fields),
            styles: Vec::new(),
            warnings: Vec::new(),
            clean: true,
        };
        let row = |path: &str, fields| RowEntry {
            path: path.into(),
            id: "row".into(),
            meta: meta(fields),
            warnings: Vec::new(),
        };
        Cache {
            paths: vec!["/c".into()],
            root: "/c".into(),
            name: "c".into(),
            walk_warnings: Vec::new(),
            entries: vec![
                entry(
                    "a.txt",
                    document(&[("country", "KEN"), ("post", "President")]),
                ),
                entry("b.bin", Outcome::Skipped("binary".into())),
                entry(
                    "d.csv",
                    Outcome::Dataset {
                        id: "d".into(),
                        rows: vec![
                            row("d.csv#1", &[("post", "President")]),
                            row("d.csv#2", &[]),
                        ],
                        notes: Vec::new(),
                    },
                ),
                entry(
                    "e.txt",
                    document(&[("country", "a value longer than inline text")]),
                ),
            ],
            setup: SetupEntry::default(),
        }
    }

    #[test]
    fn fields_taken_out_come_back_in_place() {
        let original = cache();
        let mut cache = original.clone();
        let packed = pack(&mut cache);
        assert_eq!(packed.names, ["country", "post"]);
        // "President" is written once for the two documents that have it, and each set of
        // sources once: `a.txt`'s, the first row's, the second row's (none), `e.txt`'s.
        assert_eq!(packed.values.len(), 3);
        assert_eq!(packed.source_sets.len(), 4);
        assert!(metas(&mut cache).all(|m| m.fields.is_empty() && m.sources.is_empty()));
        let bytes = postcard::to_stdvec(&packed).unwrap();
        unpack(&mut cache, postcard::from_bytes(&bytes).unwrap()).unwrap();
        assert_eq!(cache, original);
    }

    #[test]
    fn fields_that_do_not_fit_the_documents_are_refused() {
        let refused = |change: fn(&mut Packed)| {
            let mut cache = cache();
            let mut packed = pack(&mut cache);
            change(&mut packed);
            unpack(&mut cache, packed).is_none()
        };
        assert!(!refused(|_| {}));
        assert!(refused(|p| {
            p.fields.pop();
        }));
        assert!(refused(|p| p.documents.push((0, 0))));
        assert!(refused(|p| p.fields[0].0 = 7));
        assert!(refused(|p| p.fields[0].1 = 70));
        assert!(refused(|p| p.documents[0].1 = 9));
        assert!(refused(|p| p.source_sets[0].push((0, Source::Path))));
        // A document's names out of order, or the names themselves.
        assert!(refused(|p| p.fields.swap(0, 1)));
        assert!(refused(|p| p.names.reverse()));
    }
}
