//! The keyword-in-context view of the screen (SPEC §13): `K` on a phrase query gathers
//! every hit of its phrases in the documents the list shows, off the screen's thread
//! ([`KwicJob`], answered by [`Gathered`]); the view then sorts, marks and tags them and
//! opens one in the reader. What it computes comes from [`crate::kwic`].

pub(crate) mod layout;
mod tag;
mod update;

pub use tag::describe_hits;
pub use update::{order_name, update};

use super::State;
use crate::action::Effect;
use crate::kwic::{self, Hit, Order};
use crate::query::{Cancelled, Query};
use crate::store::Corpus;
use std::collections::BTreeSet;
use std::sync::atomic::{AtomicBool, Ordering};

/// Documents gathered between two looks at the cancel flag.
const CHUNK: usize = 2048;

/// Hits to gather, for the event loop's worker.
#[derive(Debug, Clone, PartialEq)]
pub struct KwicJob {
    /// Grows with every job; only the newest answer is used.
    pub generation: u64,
    /// The query whose phrases are the keywords.
    pub query: Query,
    /// The documents to look in (corpus indices), in the list's order.
    pub docs: Vec<usize>,
    /// The order to sort the hits in.
    pub order: Order,
}

/// The answer to a [`KwicJob`].
#[derive(Debug, Clone, PartialEq)]
pub struct Gathered {
    /// The job's generation.
    pub generation: u64,
    /// Every hit, in the job's order.
    pub hits: Vec<Hit>,
}

/// Gathers and sorts the hits of `job`: what the worker runs, and tests run inline.
pub fn gather(corpus: &Corpus, job: &KwicJob, cancel: &AtomicBool) -> Result<Gathered, Cancelled> {
    let mut hits = Vec::new();
    for chunk in job.docs.chunks(CHUNK) {
        if cancel.load(Ordering::Relaxed) {
            return Err(Cancelled);
        }
        hits.extend(kwic::hits(corpus, chunk, &job.query));
    }
    kwic::sort(&mut hits, corpus, job.order);
    Ok(Gathered {
        generation: job.generation,
        hits,
    })
}

/// The open (or put aside) view.
#[derive(Debug, Clone, PartialEq)]
pub struct KwicView {
    /// The query text it was gathered for.
    pub query: String,
    /// The query's phrases as the title shows them.
    pub phrases: String,
    /// The documents it looked in.
    pub docs: Vec<usize>,
    /// Still gathering (this generation).
    pub pending: Option<u64>,
    /// The hits, in `order`.
    pub hits: Vec<Hit>,
    /// Their order.
    pub order: Order,
    /// Position of the cursor in `hits`.
    pub selected: usize,
    /// First row shown.
    pub offset: usize,
    /// Marked hits, as (document, start, end): they stay marked whatever the order.
    pub marks: BTreeSet<(usize, usize, usize)>,
    /// How many documents have hits.
    pub documents: usize,
}

impl KwicView {
    /// The hit under the cursor.
    pub fn current(&self) -> Option<&Hit> {
        self.hits.get(self.selected)
    }

    /// Whether `hit` is marked.
    pub fn is_marked(&self, hit: &Hit) -> bool {
        self.marks.contains(&key(hit))
    }

    /// The documents with hits, in the order of `docs`, with the starts of their hits.
    pub fn per_document(&self) -> Vec<(usize, Vec<usize>)> {
        let mut starts: std::collections::HashMap<usize, Vec<usize>> = Default::default();
        for h in &self.hits {
            starts.entry(h.doc).or_default().push(h.range.start);
        }
        self.docs
            .iter()
            .filter_map(|d| starts.remove(d).map(|s| (*d, s)))
            .collect()
    }

    /// Keeps the cursor's row among the `height` rows shown.
    pub fn keep_in_view(&mut self, height: usize) {
        let height = height.max(1);
        if self.selected < self.offset {
            self.offset = self.selected;
        } else if self.selected >= self.offset + height {
            self.offset = self.selected + 1 - height;
        }
    }
}

/// A hit's identity for marks.
pub fn key(hit: &Hit) -> (usize, usize, usize) {
    (hit.doc, hit.range.start, hit.range.end)
}

/// The view and the generation of the newest gathering.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct KwicState {
    /// The view, once opened.
    pub view: Option<KwicView>,
    /// The view is on the screen (else put aside by `Enter` or `Esc`).
    pub open: bool,
    /// The generation of the newest job.
    pub generation: u64,
}

impl State {
    /// Whether the KWIC view is on the screen.
    pub fn kwic_open(&self) -> bool {
        self.kwic.open && self.kwic.view.is_some()
    }

    /// `K`: opens the view of the query's phrases over the shown documents (the one put
    /// aside, when the query and the documents are the same), or says a phrase is needed.
    pub fn open_kwic(&mut self) -> Vec<Effect> {
        if self.list.parsed.phrases().next().is_none() {
            let find = self
                .key_hint(
                    crate::keymap::Context::Documents,
                    crate::keymap::Command::Find,
                )
                .map_or_else(String::new, |k| format!(": {k} then "));
            self.message = Some(format!(
                "keyword in context needs a phrase query{find}\"a phrase\" first"
            ));
            return Vec::new();
        }
        if let Some(view) = &self.kwic.view
            && view.query == self.list.query
            && view.docs == self.list.shown
        {
            self.kwic.open = true;
            return Vec::new();
        }
        let order = self.kwic.view.as_ref().map_or(Order::Document, |v| v.order);
        self.message = None;
        self.gather_kwic(order)
    }

    /// A new view of the list's query over the shown documents, gathering.
    fn gather_kwic(&mut self, order: Order) -> Vec<Effect> {
        self.kwic.generation += 1;
        let generation = self.kwic.generation;
        let phrases = self
            .list
            .parsed
            .quoted_phrases()
            .collect::<Vec<_>>()
            .join(" ");
        self.kwic.view = Some(KwicView {
            query: self.list.query.clone(),
            phrases,
            docs: self.list.shown.clone(),
            pending: Some(generation),
            hits: Vec::new(),
            order,
            selected: 0,
            offset: 0,
            marks: BTreeSet::new(),
            documents: 0,
        });
        self.kwic.open = true;
        vec![Effect::GatherKwic(KwicJob {
            generation,
            query: self.list.parsed.clone(),
            docs: self.list.shown.clone(),
            order,
        })]
    }

    /// The list changed under the open view of the same query (its answer came after `K`,
    /// or a notebook change moved it): the hits are gathered again over the new list.
    pub fn kwic_follow_list(&mut self) -> Vec<Effect> {
        let follows = self.kwic_open()
            && self.list.pending.is_none()
            && self
                .kwic
                .view
                .as_ref()
                .is_some_and(|v| v.query == self.list.query && v.docs != self.list.shown);
        if !follows {
            return Vec::new();
        }
        let (order, marks) = self
            .kwic
            .view
            .as_ref()
            .map(|v| (v.order, v.marks.clone()))
            .unwrap_or_default();
        let effects = self.gather_kwic(order);
        if let Some(view) = self.kwic.view.as_mut() {
            view.marks = marks;
        }
        effects
    }

    /// The hits arrived (a stale answer is dropped).
    pub fn kwic_gathered(&mut self, gathered: Gathered) {
        let Some(view) = self.kwic.view.as_mut() else {
            return;
        };
        if view.pending != Some(gathered.generation) {
            return;
        }
        view.pending = None;
        let docs: std::collections::HashSet<usize> = gathered.hits.iter().map(|h| h.doc).collect();
        view.documents = docs.len();
        view.hits = gathered.hits;
        view.selected = 0;
        view.offset = 0;
    }

    /// Rows of hits the view shows (what paging moves by).
    pub fn kwic_height(&self) -> usize {
        let documents = self.kwic.view.as_ref().map_or(0, |v| v.documents);
        layout::kwic(self.size.0, self.size.1, documents)
            .map_or(1, |k| usize::from(k.hits.height.saturating_sub(2)).max(1))
    }
}

/// What the worker would answer to a gathering, here and now (tests, tools).
pub fn answer_inline(state: &State, effect: &Effect) -> Option<crate::action::Action> {
    match effect {
        Effect::GatherKwic(job) => gather(&state.corpus, job, &AtomicBool::new(false))
            .ok()
            .map(crate::action::Action::KwicGathered),
        _ => None,
    }
}
