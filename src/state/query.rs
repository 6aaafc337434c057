//! The documents query of the screen (SPEC §6): each keystroke parses the prompt and asks
//! the event loop to evaluate it off the screen's thread ([`QueryJob`]); the newest job
//! wins and older ones are cancelled. Results come back as [`QueryDone`]. Saved searches
//! get live counts the same way.

use super::State;
use super::reader::Search;
use crate::action::Effect;
use crate::notebook::Notebook;
use crate::query::{self, Cancelled, FieldIndex, Hit, Query};
use crate::store::Corpus;
use std::sync::atomic::AtomicBool;

/// Rows a first answer ranks at least ([`QueryJob::rows`]).
const FIRST_ROWS: usize = 200;

/// A query for the event loop to evaluate.
#[derive(Debug, Clone, PartialEq)]
pub struct QueryJob {
    /// Grows with every job; only the newest result is used.
    pub generation: u64,
    /// What to evaluate.
    pub query: Query,
    /// When the query narrows the previous one: its hits, to search among only.
    pub among: Option<Vec<usize>>,
    /// Rows of the ranking a first answer must hold exactly (the screen's and more).
    pub rows: usize,
}

/// A finished evaluation.
#[derive(Debug, Clone, PartialEq)]
pub struct QueryDone {
    /// The job's generation.
    pub generation: u64,
    /// The matching documents with their scores.
    pub hits: Vec<Hit>,
    /// `Some(n)` for a first answer to a ranked query ([`evaluate_first`]): `hits` holds
    /// every matching document, but only the first `n` are scored, exactly the top of the
    /// ranking; the others follow with score 0 until the complete answer of the same
    /// generation comes. `None` for a complete answer.
    pub first: Option<usize>,
}

/// Live counts of the saved searches, in the configured order (`None`: the search does
/// not parse).
#[derive(Debug, Clone, PartialEq)]
pub struct SavedCounts {
    /// The generation of the request.
    pub generation: u64,
    /// One count per saved search.
    pub counts: Vec<Option<usize>>,
}

/// Evaluates a job: what the event loop's worker runs, and tests run inline.
pub fn evaluate(
    corpus: &Corpus,
    fields: &FieldIndex,
    notebook: &Notebook,
    job: &QueryJob,
    cancel: &AtomicBool,
) -> Result<QueryDone, Cancelled> {
    let hits = match &job.among {
        Some(among) => query::filter_among(
            &job.query,
            &corpus.documents,
            fields,
            notebook,
            among,
            cancel,
        )?,
        None => query::filter(&job.query, &corpus.documents, fields, notebook, cancel)?,
    };
    Ok(QueryDone {
        generation: job.generation,
        hits,
        first: None,
    })
}

/// The first answer to a ranked job: every hit, the best `job.rows` of them ranked exactly
/// (`query::filter_top`), in a fraction of the time scoring every hit takes; `None` when
/// the query has no fuzzy word to rank by (then [`evaluate`] is as quick).
pub fn evaluate_first(
    corpus: &Corpus,
    fields: &FieldIndex,
    notebook: &Notebook,
    job: &QueryJob,
    cancel: &AtomicBool,
) -> Result<Option<QueryDone>, Cancelled> {
    if !job.query.ranks() {
        return Ok(None);
    }
    let top = query::filter_top(
        &job.query,
        &corpus.documents,
        fields,
        notebook,
        job.among.as_deref(),
        job.rows,
        cancel,
    )?;
    let mut best: Vec<usize> = top.best.iter().map(|h| h.index).collect();
    best.sort_unstable();
    let mut hits = top.best.clone();
    hits.extend(
        top.all
            .into_iter()
            .filter(|i| best.binary_search(i).is_err())
            .map(|index| Hit { index, score: 0 }),
    );
    Ok(Some(QueryDone {
        generation: job.generation,
        hits,
        first: Some(top.best.len()),
    }))
}

/// Counts the documents of each saved search.
pub fn count_saved(
    corpus: &Corpus,
    fields: &FieldIndex,
    notebook: &Notebook,
    searches: &[(String, String)],
    generation: u64,
    cancel: &AtomicBool,
) -> Result<SavedCounts, Cancelled> {
    let mut counts = Vec::with_capacity(searches.len());
    for (_, text) in searches {
        counts.push(match query::parse_with(text, fields.known()) {
            Ok(q) => Some(query::filter(&q, &corpus.documents, fields, notebook, cancel)?.len()),
            Err(_) => None,
        });
    }
    Ok(SavedCounts { generation, counts })
}

/// What the event loop's worker would answer to a query effect, computed here and now
/// (for tests and tools without a worker thread); `None` for other effects.
pub fn answer_inline(state: &State, effect: &Effect) -> Option<crate::action::Action> {
    let never = AtomicBool::new(false);
    match effect {
        Effect::EvaluateQuery(job) => {
            evaluate(&state.corpus, &state.fields, &state.notebook, job, &never)
                .ok()
                .map(crate::action::Action::QueryDone)
        }
        Effect::CountSaved(generation) => count_saved(
            &state.corpus,
            &state.fields,
            &state.notebook,
            &state.saved_searches.searches,
            *generation,
            &never,
        )
        .ok()
        .map(crate::action::Action::SavedCounts),
        Effect::ComputeChart(job) => Some(crate::action::Action::ChartDone(
            super::charts::compute::compute(&state.corpus, &state.notebook, job),
        )),
        _ => super::kwic::answer_inline(state, effect),
    }
}

/// Keeps only the newest query evaluation and the newest save among a batch's effects:
/// each query cancels the one before it and only the newest generation's answer is shown,
/// and the newest save's snapshot holds every change of the older ones, so the others
/// would be work for nothing.
pub fn drop_superseded(effects: &mut Vec<Effect>) {
    for superseded in [
        |e: &Effect| matches!(e, Effect::EvaluateQuery(_)),
        |e: &Effect| matches!(e, Effect::SaveNotebook),
    ] {
        let Some(newest) = effects.iter().rposition(superseded) else {
            continue;
        };
        let mut i = 0;
        effects.retain(|e| {
            let keep = i == newest || !superseded(e);
            i += 1;
            keep
        });
    }
}

impl State {
    /// Parses `text` as the documents query and asks for its evaluation; a query that does
    /// not parse is returned as the error to show, and the list stays as it was.
    pub fn set_query(&mut self, text: &str) -> Result<Vec<Effect>, String> {
        let parsed = query::parse_with(text, self.fields.known()).map_err(|e| e.to_string())?;
        self.list.query = text.to_owned();
        if parsed == self.list.parsed && self.list.pending.is_none() {
            return Ok(Vec::new());
        }
        // Typing on extends the query: search among the last hits only.
        let among = (self.list.pending.is_none()
            && !self.list.parsed.is_empty()
            && parsed.narrows(&self.list.parsed))
        .then(|| self.list.hits.iter().map(|h| h.index).collect());
        self.list.parsed = parsed.clone();
        Ok(vec![self.query_job(parsed, among)])
    }

    /// Evaluates `query` anew over every document.
    pub fn evaluate_again(&mut self, query: Query) -> Effect {
        self.query_job(query, None)
    }

    fn query_job(&mut self, query: Query, among: Option<Vec<usize>>) -> Effect {
        self.list.generation += 1;
        self.list.pending = Some(self.list.generation);
        Effect::EvaluateQuery(QueryJob {
            generation: self.list.generation,
            query,
            among,
            // Twice the screen's rows, and no fewer than 200: room to page down once
            // before the complete answer arrives.
            rows: (self.list_height() * 2).max(FIRST_ROWS),
        })
    }

    /// Evaluates the current query again (after a notebook change it depends on).
    pub fn requery(&mut self) -> Vec<Effect> {
        let mut effects: Vec<Effect> = self.count_saved_job().into_iter().collect();
        if self.list.parsed.is_empty() || !query::Evaluator::new(&self.list.parsed).uses_notebook()
        {
            return effects;
        }
        let parsed = self.list.parsed.clone();
        effects.push(self.query_job(parsed, None));
        effects
    }

    /// Asks for fresh counts of the saved searches; nothing when there are none (then
    /// no change pays for a count).
    pub fn count_saved_job(&mut self) -> Option<Effect> {
        if self.saved_searches.searches.is_empty() {
            return None;
        }
        Some(Effect::CountSaved(self.count_saved_generation()))
    }

    /// A new generation for counting the saved searches (older counts are then dropped).
    pub fn count_saved_generation(&mut self) -> u64 {
        self.saved_generation += 1;
        self.saved_generation
    }

    /// A finished evaluation: the list shows its hits (a stale one is dropped). A first
    /// answer ends the wait (the next keystroke narrows among its hits, which are all
    /// there); the complete answer of the same generation then replaces it.
    pub fn query_done(&mut self, done: QueryDone) {
        let completes_first = done.first.is_none()
            && self.list.pending.is_none()
            && done.generation == self.list.generation;
        if self.list.pending != Some(done.generation) && !completes_first {
            return;
        }
        self.list.pending = None;
        let keep = self.list.selected_index();
        self.list.hits = done.hits;
        self.list.refilter();
        // Past the ranked top of a first answer the order is not yet the ranking's: the
        // selection is not kept there, so the screen shows only ranked rows.
        let ranked = done.first.unwrap_or(usize::MAX);
        let kept = keep.is_some_and(|k| self.list.select_doc(k) && self.list.selected < ranked);
        if !kept {
            self.list.selected = 0;
            self.list.offset = 0;
        }
        self.list.keep_in_view(self.list_height());
        self.show_selected();
        self.show_query_matches();
    }

    /// Marks the query's phrases in the reader (unless the reader has a search of its own),
    /// so `n`/`N` move between them.
    pub fn show_query_matches(&mut self) {
        if self.reader.search.as_ref().is_some_and(|s| !s.from_query) {
            return;
        }
        let mut phrases: Vec<String> = self.list.parsed.quoted_phrases().collect();
        if !phrases.is_empty() {
            // The speakers the hits are restricted to, as the query writes them.
            phrases.extend(
                self.list
                    .parsed
                    .terms
                    .iter()
                    .filter(|t| !t.negated && matches!(t.test, query::Test::Turn(_)))
                    .map(ToString::to_string),
            );
        }
        let doc = self.reader.doc.and_then(|i| self.corpus.documents.get(i));
        self.reader.search = match doc {
            Some(doc) if !phrases.is_empty() => Some(Search {
                text: phrases.join(" "),
                matches: query::phrase_matches(&self.list.parsed, doc),
                current: 0,
                from_query: true,
            }),
            _ => None,
        };
    }

    /// `A`: computes what tagging every hit of the query's phrases with `tags` would do,
    /// and asks for a yes before applying it as one undo step.
    pub fn confirm_autocode(&mut self, tags: &str, scope: query::Scope) -> Result<(), String> {
        let edits = super::prompt::parse_tag_edits(tags).map_err(|e| e.to_string())?;
        if edits.iter().any(|e| e.remove) {
            return Err("autocode adds tags; -tag is not for it".to_owned());
        }
        let tags: Vec<String> = edits.into_iter().map(|e| e.tag).collect();
        let run = query::autocode(
            &self.corpus.documents,
            &self.notebook,
            &self.list.parsed,
            scope,
            &tags,
            self.now,
            &self.settings.coder,
        )
        .map_err(|e| e.to_string())?;
        let scope_name = scope.name();
        if run.highlights + run.extended == 0 {
            self.message = Some(format!(
                "autocode: every hit already has {}",
                tags.join(", ")
            ));
            return Ok(());
        }
        let plus = tags
            .iter()
            .map(|t| format!("+{t}"))
            .collect::<Vec<_>>()
            .join(" ");
        let highlights = crate::text::count(
            run.highlights,
            &format!("{scope_name} highlight"),
            &format!("{scope_name} highlights"),
        );
        let documents = crate::text::count(run.documents, "document", "documents");
        let label = format!(
            "autocoded {highlights} and extended {} in {documents} {plus}",
            run.extended
        );
        let phrases = self
            .list
            .parsed
            .quoted_phrases()
            .collect::<Vec<_>>()
            .join(" ");
        self.confirm = Some(super::Confirm {
            question: format!(
                "Autocode {phrases} with {plus}: {highlights} new, {} existing extended, in \
                 {documents}. Apply?",
                run.extended
            ),
            on_yes: super::Pending::Changes(run.changes, label),
        });
        Ok(())
    }

    /// Saved-search counts arrived.
    pub fn saved_counts(&mut self, counts: SavedCounts) {
        if counts.generation == self.saved_generation {
            self.saved_searches.counts = counts.counts;
        }
    }

    /// Opens saved search `index` (F1…F9).
    pub fn open_saved(&mut self, index: usize) -> Vec<Effect> {
        let Some((name, text)) = self.saved_searches.searches.get(index).cloned() else {
            self.message = Some(format!("no saved search F{}", index + 1));
            return Vec::new();
        };
        match self.set_query(&text) {
            Ok(effects) => {
                self.message = Some(format!("{name}: {text}"));
                effects
            }
            Err(e) => {
                self.message = Some(format!("saved search {name:?}: {e}"));
                Vec::new()
            }
        }
    }
}
