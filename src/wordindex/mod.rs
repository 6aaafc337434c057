//! The word index: what lets a phrase question skip the texts that cannot hold the phrase,
//! and take the rendered text of a Markdown document from the cache instead of rendering
//! it again. For every document it has read, by content, it knows the set of its words
//! ([`fold`]) and keeps the rendered text of Markdown; a phrase is only ever looked for in
//! the documents whose words fit the phrase's words, and found there by the exact search
//! of [`crate::query::Phrase`]. The index only rules documents out; it never decides that
//! one holds a phrase.
//!
//! It lives beside the metadata cache, one folder per corpus, as immutable segment files
//! ([`segment`]); documents it does not know yet are read and added as a new segment, and
//! segments are merged when there are many or when most of what they describe is gone.
//! Anything that does not check out is ignored, so the worst a damaged index can cost is
//! time. It knows nothing of notes or of the screen.

pub mod fold;
pub mod segment;

use crate::query::{Phrase, Query, Test};
use crate::store::{Corpus, Document, Source, Warning};
use rayon::prelude::*;
use roaring::RoaringBitmap;
use segment::{DocKey, Segment};
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// More segments than this are merged into one.
const MAX_SEGMENTS: usize = 8;

type FastMap<K, V> = HashMap<K, V, foldhash::fast::RandomState>;
type FastSet<K> = HashSet<K, foldhash::fast::RandomState>;

/// Where the index describes each document it knows: segment and ordinal.
type Located = FastMap<DocKey, (usize, u32)>;

/// The segments of one corpus's index.
pub struct WordIndex {
    dir: PathBuf,
    segments: Vec<Segment>,
}

impl WordIndex {
    /// The index in `dir` (empty when there is none); segments that do not check out are
    /// left out.
    pub fn open(dir: &Path) -> WordIndex {
        let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
            .into_iter()
            .flatten()
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "seg"))
            .collect();
        paths.sort();
        let segments = paths.par_iter().filter_map(|p| Segment::open(p)).collect();
        WordIndex {
            dir: dir.to_owned(),
            segments,
        }
    }

    /// How many documents its segments describe (a document described twice counts twice).
    pub fn documents(&self) -> usize {
        self.segments.iter().map(|s| s.docs().len()).sum()
    }

    /// How many segment files it has.
    pub fn segments(&self) -> usize {
        self.segments.len()
    }

    /// For each segment and phrase, the ordinals of the documents that may hold the phrase.
    /// A segment that cannot answer (a bitmap does not check out) is deleted: its documents
    /// are then read and indexed again.
    fn answers(&mut self, phrases: &[(bool, &Phrase)]) -> Vec<Vec<RoaringBitmap>> {
        let needs: Vec<Vec<fold::Need>> =
            phrases.iter().map(|(_, p)| fold::needs(p.text())).collect();
        let answers: Vec<Option<Vec<RoaringBitmap>>> = self
            .segments
            .par_iter()
            .map(|s| needs.iter().map(|n| s.candidates(n)).collect())
            .collect();
        let mut kept = Vec::with_capacity(answers.len());
        let segments = std::mem::take(&mut self.segments);
        for (segment, answer) in segments.into_iter().zip(answers) {
            match answer {
                Some(answer) => {
                    self.segments.push(segment);
                    kept.push(answer);
                }
                None => {
                    let _ = std::fs::remove_file(segment.path());
                }
            }
        }
        kept
    }

    /// Writes the segment `builder` holds, then merges the segments when it is time
    /// (`in_use`: how many documents of `corpus` they describe).
    fn finish(self, builder: segment::Builder, corpus: &Corpus, in_use: usize) {
        let adding = builder.len();
        if !builder.is_empty() {
            write_segment(&self.dir, &builder.finish());
        }
        self.tidy(corpus, in_use, adding);
    }

    /// Merges the segments into one describing only the documents of `corpus`, when there
    /// are too many of them or when most of what they describe is gone; `in_use` is how
    /// many of the documents they describe are in the corpus.
    fn tidy(self, corpus: &Corpus, in_use: usize, adding: usize) {
        let described = self.documents();
        let too_many = self.segments.len() + usize::from(adding > 0) > MAX_SEGMENTS;
        let mostly_gone = described > 0 && in_use * 2 < described;
        if !(too_many || mostly_gone) || self.segments.is_empty() {
            return;
        }
        let live: HashSet<DocKey> = corpus.documents.iter().filter_map(DocKey::of).collect();
        if let Some(bytes) = segment::merge(&self.segments, &live)
            && write_segment(&self.dir, &bytes)
        {
            for s in &self.segments {
                let _ = std::fs::remove_file(s.path());
            }
        }
    }
}

/// Writes a segment file named after its content; true when it is on disk.
fn write_segment(dir: &Path, bytes: &[u8]) -> bool {
    let name = format!("{}.seg", &blake3::hash(bytes).to_hex()[..16]);
    std::fs::create_dir_all(dir).is_ok()
        && crate::atomic::write_atomic(&dir.join(name), bytes, false).is_ok()
}

/// The index folder of a corpus read from disk: `<cache dir>/<name>-<8 hex of its paths>.words`;
/// `None` for the built-in sample or paths that are not UTF-8.
pub fn dir_of(cache_dir: &Path, corpus: &Corpus) -> Option<PathBuf> {
    let Source::Paths { paths, .. } = &corpus.source else {
        return None;
    };
    let mut hasher = blake3::Hasher::new();
    for p in paths {
        hasher.update(p.to_str()?.as_bytes());
        hasher.update(b"\0");
    }
    let hash = hasher.finalize().to_hex();
    let safe = crate::text::file_safe(&corpus.name);
    Some(cache_dir.join(format!("{safe}-{}.words", &hash[..8])))
}

/// What to do for one unloaded document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Plan {
    /// Its text is not needed: the index rules every phrase of the query out.
    Leave,
    /// The rendered text is in segment `.0` at ordinal `.1`.
    Kept(usize, u32),
    /// Read the file; `indexed` when the index knows it (so its raw bytes may still rule
    /// it out), false when it must be read whole to be indexed.
    Read { indexed: bool },
}

/// Reads, into a corpus indexed without texts, the texts `needed` asks for and those in
/// which a phrase of `query` (required or negated) may be, using the word index in
/// `cache_dir` and adding to it the documents it does not know yet. Without a cache
/// folder, every text a phrase must be searched in is read, except where the raw bytes
/// rule the document out ([`crate::query::raw`]). Returns the warnings of files that
/// cannot be read.
pub fn load_texts(
    corpus: &mut Corpus,
    query: &Query,
    needed: impl Fn(&Document) -> bool + Sync,
    cache_dir: Option<&Path>,
) -> Vec<Warning> {
    let phrases: Vec<(bool, &Phrase)> = query
        .terms
        .iter()
        .filter_map(|t| match &t.test {
            Test::Phrase(p) => Some((t.negated, p)),
            _ => None,
        })
        .collect();
    if phrases.is_empty() {
        return corpus.load_texts(needed);
    }
    let Some(dir) = cache_dir.and_then(|d| dir_of(d, corpus)) else {
        return corpus.load_texts_checked(
            |d| needed(d) || !crate::query::turns_rule_out(query, d),
            |d, bytes| needed(d) || !crate::query::raw::rules_out(query, d, bytes),
        );
    };
    let mut index = WordIndex::open(&dir);
    let answers = index.answers(&phrases);
    let (plans, located, in_use) = plan(&index, &answers, corpus, query, &phrases, &needed);
    let failed = fill_kept(&index, corpus, &plans);
    // Documents the index knows, read for their phrases: their raw bytes may still rule
    // them out.
    let known: FastSet<usize> = plans
        .iter()
        .enumerate()
        .filter(|(i, p)| matches!(p, Plan::Read { indexed: true }) || failed.contains(i))
        .map(|(i, _)| place(&corpus.documents[i]))
        .collect();
    let mut warnings = corpus.load_texts_checked(
        |d| known.contains(&place(d)),
        |d, bytes| needed(d) || !crate::query::raw::rules_out(query, d, bytes),
    );
    // Documents it does not know: read whole and indexed batch by batch, the texts the
    // question does not need dropped again, so that a first question over a large corpus
    // does not hold every text at once.
    let mut builder = segment::Builder::default();
    let unknown: Vec<usize> = plans
        .iter()
        .enumerate()
        .filter(|(_, p)| matches!(p, Plan::Read { indexed: false }))
        .map(|(i, _)| i)
        .collect();
    for batch in unknown.chunks(BATCH) {
        let places: FastSet<usize> = batch.iter().map(|&i| place(&corpus.documents[i])).collect();
        warnings.extend(corpus.load_texts(|d| places.contains(&place(d))));
        let docs: Vec<&Document> = batch.iter().map(|&i| &corpus.documents[i]).collect();
        builder.add(&docs);
        let drop: Vec<usize> = batch
            .par_iter()
            .copied()
            .filter(|&i| {
                let doc = &corpus.documents[i];
                doc.loaded
                    && !needed(doc)
                    && (crate::query::turns_rule_out(query, doc)
                        || !question_needs(&phrases, &doc.text))
            })
            .collect();
        for i in drop {
            let doc = &mut corpus.documents[i];
            doc.text = Arc::from("");
            doc.loaded = false;
        }
    }
    // And the documents the store has just read itself (new or changed files).
    let fresh: Vec<&Document> = corpus
        .documents
        .iter()
        .filter(|d| d.loaded && DocKey::of(d).is_some_and(|k| !located.contains_key(&k)))
        .collect();
    builder.add(&fresh);
    index.finish(builder, corpus, in_use);
    warnings
}

/// Where a document is in memory: it names one document of the corpus while the corpus
/// reads texts (which replaces documents in place, never moves them), and is cheaper to
/// look up than its path.
fn place(doc: &Document) -> usize {
    std::ptr::from_ref(doc) as usize
}

/// Documents read whole at a time when the index is being built.
const BATCH: usize = 8192;

/// True when the question needs `text` to be evaluated: no phrase it requires is missing
/// from it and some phrase (required or negated) is in it.
fn question_needs(phrases: &[(bool, &Phrase)], text: &str) -> bool {
    let mut any = false;
    for (negated, phrase) in phrases {
        let present = phrase.is_in(text);
        if !negated && !present {
            return false;
        }
        any |= present;
    }
    any
}

/// Gives the documents planned [`Plan::Kept`] their text from the index; returns those
/// whose text could not be read there.
fn fill_kept(index: &WordIndex, corpus: &mut Corpus, plans: &[Plan]) -> HashSet<usize> {
    let wanted: Vec<(usize, usize, u32)> = plans
        .iter()
        .enumerate()
        .filter_map(|(i, p)| match *p {
            Plan::Kept(s, o) => Some((i, s, o)),
            _ => None,
        })
        .collect();
    let kept: Vec<(usize, Option<String>)> = wanted
        .into_par_iter()
        .map(|(i, s, o)| (i, index.segments.get(s).and_then(|s| s.text(o))))
        .collect();
    let mut failed = HashSet::new();
    for (i, text) in kept {
        match text {
            Some(text) => {
                let doc = &mut corpus.documents[i];
                doc.text = Arc::from(text);
                doc.loaded = true;
            }
            None => {
                failed.insert(i);
            }
        }
    }
    failed
}

/// What to do for each document of `corpus`, by index.
fn plan(
    index: &WordIndex,
    answers: &[Vec<RoaringBitmap>],
    corpus: &Corpus,
    query: &Query,
    phrases: &[(bool, &Phrase)],
    needed: &(impl Fn(&Document) -> bool + Sync),
) -> (Vec<Plan>, Located, usize) {
    let mut located: Located =
        HashMap::with_capacity_and_hasher(index.documents(), Default::default());
    for (s, segment) in index.segments.iter().enumerate() {
        for (o, key) in segment.docs().iter().enumerate() {
            located.insert(*key, (s, o as u32));
        }
    }
    let planned: Vec<(Plan, bool)> = corpus
        .documents
        .par_iter()
        .map(|doc| {
            let key = DocKey::of(doc);
            let place = key.and_then(|k| located.get(&k).copied());
            (
                plan_one(doc, key, place, answers, phrases, needed)
                    .unless_ruled_out(doc, query, needed),
                place.is_some(),
            )
        })
        .collect();
    // A document described twice counts twice, which only makes a merge later.
    let in_use = planned.iter().filter(|(_, known)| *known).count();
    let plans = planned.into_iter().map(|(p, _)| p).collect();
    (plans, located, in_use)
}

impl Plan {
    /// [`Plan::Leave`] for a document indexed already whose metadata fails a `turn:` term
    /// of `query` (its text cannot make it match), unless `needed`; a document the index
    /// does not know is still read, to be indexed.
    fn unless_ruled_out(
        self,
        doc: &Document,
        query: &Query,
        needed: &(impl Fn(&Document) -> bool + Sync),
    ) -> Plan {
        match self {
            Plan::Kept(..) | Plan::Read { indexed: true }
                if !needed(doc) && crate::query::turns_rule_out(query, doc) =>
            {
                Plan::Leave
            }
            other => other,
        }
    }
}

/// What to do for `doc`, whose key is `key`, found at `place` in the index.
fn plan_one(
    doc: &Document,
    key: Option<DocKey>,
    place: Option<(usize, u32)>,
    answers: &[Vec<RoaringBitmap>],
    phrases: &[(bool, &Phrase)],
    needed: &(impl Fn(&Document) -> bool + Sync),
) -> Plan {
    if doc.loaded {
        return Plan::Leave;
    }
    let (Some(key), Some((s, o))) = (key, place) else {
        return Plan::Read { indexed: false };
    };
    let Some(bitmaps) = answers.get(s) else {
        return Plan::Read { indexed: false };
    };
    let may = |k: usize| bitmaps.get(k).is_none_or(|b| b.contains(o));
    let required_absent = phrases
        .iter()
        .enumerate()
        .any(|(k, (negated, _))| !negated && !may(k));
    let any_may = (0..phrases.len()).any(may);
    if !needed(doc) && (required_absent || !any_may) {
        Plan::Leave
    } else if key.markdown {
        Plan::Kept(s, o)
    } else {
        Plan::Read { indexed: true }
    }
}
