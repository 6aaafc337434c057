//! One segment of the word index: a file describing a set of documents (by content), with
//! for each word of their texts the documents holding it (a Roaring bitmap), and the texts
//! of the Markdown documents as rendered. Segments are written once and never changed;
//! a file that does not check out (foreign version, truncated, corrupt) is not trusted.
//!
//! Layout: a magic line, a format version, the length and BLAKE3 hash of the head, the head
//! (postcard: documents, words, where each bitmap and text lies), then the body. Bitmaps and
//! texts are read only when a question needs them, each checked against its own hash.

use super::fold::{self, Need};
use crate::store::Document;
use rayon::prelude::*;
use roaring::RoaringBitmap;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};

const MAGIC: &[u8] = b"dossier word index segment\n";
/// Raised whenever the layout, the words' form or the texts' rendering changes.
const VERSION: u32 = 1;

/// What identifies a document's text: its content id and whether it is read as Markdown
/// (the same bytes give another text as `.md` than as `.txt`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct DocKey {
    /// The content id as a number (the 16 hex digits of [`Document::id`]).
    pub id: u64,
    /// Whether the text is rendered Markdown.
    pub markdown: bool,
}

impl DocKey {
    /// The key of a document; `None` when its id is not the usual 16 hex digits.
    pub fn of(doc: &Document) -> Option<DocKey> {
        let id = u64::from_str_radix(&doc.id, 16).ok()?;
        // `store::is_markdown` without its lowercased copy of the path: this runs for
        // every document of the corpus on every question.
        let ends_with = |suffix: &str| {
            doc.path.len() >= suffix.len()
                && doc.path.as_bytes()[doc.path.len() - suffix.len()..]
                    .eq_ignore_ascii_case(suffix.as_bytes())
        };
        Some(DocKey {
            id,
            markdown: ends_with(".md") || ends_with(".markdown"),
        })
    }
}

/// Where a piece of the body lies, and its hash.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
struct Piece {
    offset: u64,
    len: u64,
    hash: u64,
}

#[derive(Debug, Serialize, Deserialize)]
struct Head {
    /// The program that wrote it: a new version may render Markdown otherwise.
    program: String,
    docs: Vec<DocKey>,
    /// The rendered text of each Markdown document, by ordinal.
    texts: Vec<Option<Piece>>,
    /// The words, sorted, end to end; `ends[i]` is where word `i` ends.
    words: Vec<u8>,
    ends: Vec<u32>,
    /// The bitmap of each word.
    postings: Vec<Piece>,
}

/// A segment opened for questions.
pub struct Segment {
    path: PathBuf,
    head: Head,
    /// Where the body starts in the file.
    body: u64,
    /// Read at offsets, so that several threads can read texts at once.
    file: File,
}

/// Fills `buffer` from `file` at `offset`, leaving the file's own position alone.
#[cfg(unix)]
fn read_at(file: &File, buffer: &mut [u8], offset: u64) -> std::io::Result<()> {
    std::os::unix::fs::FileExt::read_exact_at(file, buffer, offset)
}

/// Fills `buffer` from `file` at `offset`.
#[cfg(windows)]
fn read_at(file: &File, mut buffer: &mut [u8], mut offset: u64) -> std::io::Result<()> {
    use std::os::windows::fs::FileExt;
    while !buffer.is_empty() {
        match file.seek_read(buffer, offset)? {
            0 => return Err(std::io::ErrorKind::UnexpectedEof.into()),
            n => {
                buffer = &mut buffer[n..];
                offset += n as u64;
            }
        }
    }
    Ok(())
}

fn hash64(bytes: &[u8]) -> u64 {
    let hash = blake3::hash(bytes);
    let mut first = [0; 8];
    first.copy_from_slice(&hash.as_bytes()[..8]);
    u64::from_le_bytes(first)
}

impl Segment {
    /// Opens the segment at `path`; `None` when it is missing or not valid.
    pub fn open(path: &Path) -> Option<Segment> {
        let mut file = File::open(path).ok()?;
        let mut start = vec![0; MAGIC.len() + 4 + 8 + 32];
        file.read_exact(&mut start).ok()?;
        let rest = start.strip_prefix(MAGIC)?;
        let (version, rest) = rest.split_first_chunk::<4>()?;
        let (len, hash) = rest.split_first_chunk::<8>()?;
        if u32::from_le_bytes(*version) != VERSION {
            return None;
        }
        let len = usize::try_from(u64::from_le_bytes(*len)).ok()?;
        let mut head = vec![0; len];
        file.read_exact(&mut head).ok()?;
        if blake3::hash(&head).as_bytes() != hash {
            return None;
        }
        let head: Head = postcard::from_bytes(&head).ok()?;
        if head.program != program() || head.ends.len() != head.postings.len() {
            return None;
        }
        if head.texts.len() != head.docs.len() {
            return None;
        }
        Some(Segment {
            path: path.to_owned(),
            body: (start.len() + len) as u64,
            head,
            file,
        })
    }

    /// The file it was read from.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The documents it describes, by ordinal.
    pub fn docs(&self) -> &[DocKey] {
        &self.head.docs
    }

    fn read(&self, piece: Piece) -> Option<Vec<u8>> {
        let mut bytes = vec![0; usize::try_from(piece.len).ok()?];
        read_at(&self.file, &mut bytes, self.body.checked_add(piece.offset)?).ok()?;
        (hash64(&bytes) == piece.hash).then_some(bytes)
    }

    /// The rendered text of the Markdown document at `ordinal`, when kept and intact.
    pub fn text(&self, ordinal: u32) -> Option<String> {
        let piece = (*self.head.texts.get(ordinal as usize)?)?;
        String::from_utf8(self.read(piece)?).ok()
    }

    fn word(&self, i: usize) -> &[u8] {
        let start = if i == 0 {
            0
        } else {
            self.head.ends[i - 1] as usize
        };
        self.head
            .words
            .get(start..self.head.ends[i] as usize)
            .unwrap_or_default()
    }

    /// The indices of the words that fit `need`.
    fn fitting(&self, need: &Need) -> Vec<usize> {
        let n = self.head.ends.len();
        let first_not_below = |w: &[u8]| {
            let (mut lo, mut hi) = (0, n);
            while lo < hi {
                let mid = (lo + hi) / 2;
                if self.word(mid) < w {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            lo
        };
        match need {
            Need::Exact(w) => {
                let i = first_not_below(w);
                if i < n && self.word(i) == w.as_slice() {
                    vec![i]
                } else {
                    Vec::new()
                }
            }
            Need::Prefix(w) => {
                let start = first_not_below(w);
                (start..n)
                    .take_while(|&i| self.word(i).starts_with(w))
                    .collect()
            }
            Need::Suffix(w) => (0..n).filter(|&i| self.word(i).ends_with(w)).collect(),
            Need::Inside(w) => {
                let finder = memchr::memmem::Finder::new(w);
                (0..n)
                    .filter(|&i| finder.find(self.word(i)).is_some())
                    .collect()
            }
        }
    }

    /// The bitmap of word `i`; `None` when it cannot be read intact.
    fn postings(&self, i: usize) -> Option<RoaringBitmap> {
        let bytes = self.read(*self.head.postings.get(i)?)?;
        RoaringBitmap::deserialize_from(bytes.as_slice()).ok()
    }

    /// The ordinals of the documents whose words fit every need (so that may hold the
    /// phrase they came from); `None` when a bitmap cannot be read (decide nothing).
    pub fn candidates(&self, needs: &[Need]) -> Option<RoaringBitmap> {
        let mut result: Option<RoaringBitmap> = None;
        for need in needs {
            let mut any = RoaringBitmap::new();
            for i in self.fitting(need) {
                any |= self.postings(i)?;
            }
            result = Some(match result {
                Some(so_far) => so_far & any,
                None => any,
            });
            if result.as_ref().is_some_and(RoaringBitmap::is_empty) {
                break;
            }
        }
        Some(result.unwrap_or_else(|| {
            let mut all = RoaringBitmap::new();
            all.insert_range(0..self.head.docs.len() as u32);
            all
        }))
    }
}

/// The program tag written into every segment.
fn program() -> String {
    format!("dossier {}", env!("CARGO_PKG_VERSION"))
}

/// A segment being built from documents added batch by batch, so that their texts need
/// not all be in memory at once.
#[derive(Default)]
pub struct Builder {
    keys: Vec<DocKey>,
    taken: HashSet<DocKey, foldhash::fast::RandomState>,
    postings: Postings,
    texts: Vec<Option<Vec<u8>>>,
}

impl Builder {
    /// Adds the loaded documents of `docs` not added before (by key).
    pub fn add(&mut self, docs: &[&Document]) {
        let docs: Vec<(&Document, DocKey)> = docs
            .iter()
            .filter(|d| d.loaded)
            .filter_map(|d| Some((*d, DocKey::of(d)?)))
            .filter(|(_, key)| self.taken.insert(*key))
            .collect();
        let first = self.keys.len() as u32;
        let texts: Vec<&Document> = docs.iter().map(|(d, _)| *d).collect();
        // Batches come in order, so every list stays ascending.
        for (word, ordinals) in word_postings(&texts, first) {
            self.postings.entry(word).or_default().extend(ordinals);
        }
        for (doc, key) in docs {
            self.keys.push(key);
            self.texts
                .push(key.markdown.then(|| doc.text.as_bytes().to_vec()));
        }
    }

    /// How many documents it holds.
    pub fn len(&self) -> usize {
        self.keys.len()
    }

    /// True when it holds no document.
    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }

    /// The bytes of the segment file.
    pub fn finish(self) -> Vec<u8> {
        let mut words: Vec<(Vec<u8>, Vec<u32>)> = self.postings.into_iter().collect();
        words.par_sort_unstable_by(|a, b| a.0.cmp(&b.0));
        let words: Vec<(Vec<u8>, Vec<u8>)> = words
            .into_par_iter()
            .map(|(word, ordinals)| {
                let bitmap =
                    RoaringBitmap::from_sorted_iter(ordinals.iter().copied()).unwrap_or_default();
                (word, serialized(bitmap))
            })
            .collect();
        assemble(self.keys, words, self.texts)
    }
}

/// The bytes of a segment describing the loaded documents of `docs`.
pub fn build(docs: &[&Document]) -> Vec<u8> {
    let mut builder = Builder::default();
    builder.add(docs);
    builder.finish()
}

/// A bitmap in its portable serialized form, run-length encoded where that is smaller.
fn serialized(mut bitmap: RoaringBitmap) -> Vec<u8> {
    bitmap.optimize();
    let mut bytes = Vec::with_capacity(bitmap.serialized_size());
    // Writing into a Vec cannot fail.
    let _ = bitmap.serialize_into(&mut bytes);
    bytes
}

/// The bytes of one segment holding what `segments` hold about the documents `live` keeps
/// (each once); `None` when a bitmap of theirs cannot be read.
pub fn merge(segments: &[Segment], live: &HashSet<DocKey>) -> Option<Vec<u8>> {
    let mut keys: Vec<DocKey> = Vec::new();
    let mut sources: Vec<(usize, u32)> = Vec::new();
    let mut taken: HashSet<DocKey> = HashSet::new();
    // New ordinals are given segment by segment in order, so each segment's remapped
    // ordinals stay ascending.
    let remaps: Vec<Vec<Option<u32>>> = segments
        .iter()
        .enumerate()
        .map(|(s, segment)| {
            segment
                .docs()
                .iter()
                .enumerate()
                .map(|(o, key)| {
                    (live.contains(key) && taken.insert(*key)).then(|| {
                        keys.push(*key);
                        sources.push((s, o as u32));
                        (keys.len() - 1) as u32
                    })
                })
                .collect()
        })
        .collect();
    let mut by_word: BTreeMap<&[u8], Vec<(usize, usize)>> = BTreeMap::new();
    for (s, segment) in segments.iter().enumerate() {
        for i in 0..segment.head.ends.len() {
            by_word.entry(segment.word(i)).or_default().push((s, i));
        }
    }
    let words: Vec<(Vec<u8>, Vec<u8>)> = by_word
        .into_par_iter()
        .map(|(word, places)| {
            let mut all = RoaringBitmap::new();
            for (s, i) in places {
                let remap = &remaps[s];
                let old = segments[s].postings(i)?;
                let new = old
                    .iter()
                    .filter_map(|o| remap.get(o as usize).copied().flatten());
                all |= RoaringBitmap::from_sorted_iter(new).ok()?;
            }
            Some((word.to_vec(), all))
        })
        .collect::<Option<Vec<_>>>()?
        .into_iter()
        .filter(|(_, bitmap)| !bitmap.is_empty())
        .map(|(word, bitmap)| (word, serialized(bitmap)))
        .collect();
    let texts: Vec<Option<Vec<u8>>> = sources
        .par_iter()
        .zip(keys.par_iter())
        .map(|(&(s, o), key)| {
            key.markdown
                .then(|| segments[s].text(o).map(String::into_bytes))
                .flatten()
        })
        .collect();
    Some(assemble(keys, words, texts))
}

/// The file of a segment: head, then the bitmaps, then the texts.
fn assemble(
    docs: Vec<DocKey>,
    words: Vec<(Vec<u8>, Vec<u8>)>,
    texts: Vec<Option<Vec<u8>>>,
) -> Vec<u8> {
    let mut body: Vec<u8> = Vec::new();
    let mut put = |bytes: &[u8]| {
        let piece = Piece {
            offset: body.len() as u64,
            len: bytes.len() as u64,
            hash: hash64(bytes),
        };
        body.extend_from_slice(bytes);
        piece
    };
    let postings: Vec<Piece> = words.iter().map(|(_, b)| put(b)).collect();
    let texts: Vec<Option<Piece>> = texts.iter().map(|t| t.as_deref().map(&mut put)).collect();
    let mut all_words = Vec::new();
    let mut ends = Vec::with_capacity(words.len());
    for (w, _) in &words {
        all_words.extend_from_slice(w);
        ends.push(all_words.len() as u32);
    }
    let head = Head {
        program: program(),
        docs,
        texts,
        words: all_words,
        ends,
        postings,
    };
    let head = postcard::to_stdvec(&head).unwrap_or_default();
    let mut out = Vec::with_capacity(MAGIC.len() + 44 + head.len() + body.len());
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&VERSION.to_le_bytes());
    out.extend_from_slice(&(head.len() as u64).to_le_bytes());
    out.extend_from_slice(blake3::hash(&head).as_bytes());
    out.extend_from_slice(&head);
    out.extend_from_slice(&body);
    out
}

type Postings = HashMap<Vec<u8>, Vec<u32>, foldhash::fast::RandomState>;

/// For each word, the ordinals of the documents holding it, ascending; the first
/// document has ordinal `first`.
fn word_postings(docs: &[&Document], first: u32) -> Postings {
    const CHUNK: usize = 256;
    let parts: Vec<Postings> = docs
        .par_chunks(CHUNK)
        .enumerate()
        .map(|(c, chunk)| {
            let mut map = Postings::default();
            for (k, doc) in chunk.iter().enumerate() {
                let ordinal = first + (c * CHUNK + k) as u32;
                fold::words(&doc.text, |w| {
                    // A word met again in the same document is already there.
                    if let Some(list) = map.get_mut(w) {
                        if list.last() != Some(&ordinal) {
                            list.push(ordinal);
                        }
                    } else {
                        map.insert(w.to_vec(), vec![ordinal]);
                    }
                });
            }
            map
        })
        .collect();
    let mut all = Postings::default();
    // Chunks in order, so every list stays ascending.
    for part in parts {
        for (word, ordinals) in part {
            all.entry(word).or_default().extend(ordinals);
        }
    }
    all
}
