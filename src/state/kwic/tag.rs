//! `t` and `T` in the KWIC view: the marked hits (or the hit under the cursor) become
//! highlights of their spans, or of their sentences, with the tags typed in the usual tag
//! prompt, all as one undo step.

use super::key;
use crate::action::{Effect, PromptKind};
use crate::notebook::Change;
use crate::notebook::ops::{self, OpError, Stamp};
use crate::query::Scope;
use crate::state::prompt::{Prompt, TagTarget};
use crate::state::{SaveState, State};
use std::collections::HashSet;
use std::ops::Range;

impl State {
    /// Opens the tag prompt on the marked hits, else the hit under the cursor.
    pub fn start_kwic_tag(&mut self, scope: Scope) -> Vec<Effect> {
        if self.save == SaveState::ReadOnly {
            return self.commit(Vec::new(), String::new());
        }
        let Some(view) = self.kwic.view.as_ref() else {
            return Vec::new();
        };
        let hits: Vec<(usize, Range<usize>)> = if view.marks.is_empty() {
            view.current()
                .map(|h| (h.doc, h.range.clone()))
                .into_iter()
                .collect()
        } else {
            view.hits
                .iter()
                .filter(|h| view.marks.contains(&key(h)))
                .map(|h| (h.doc, h.range.clone()))
                .collect()
        };
        if hits.is_empty() {
            self.message = Some("no hit to tag".to_owned());
            return Vec::new();
        }
        let mut prompt = Prompt::new(PromptKind::Tag, "");
        prompt.target = Some(TagTarget::Hits { hits, scope });
        prompt.complete_tags(&self.notebook);
        self.prompt = Some(prompt);
        Vec::new()
    }

    /// The changes that give each hit (or its `scope`) a highlight with `tags`: one
    /// highlight per span, an existing one of the same span gaining the tags instead.
    pub(crate) fn hit_changes(
        &self,
        hits: &[(usize, Range<usize>)],
        scope: Scope,
        tags: &[String],
    ) -> Result<Vec<Change>, OpError> {
        // Each hit's changes are computed on the notebook as the hits before left it, so
        // a tag new to the codebook is added once and ids never repeat.
        let mut scratch = self.notebook.clone();
        let mut stamp = Stamp::new(self.now).by(&self.settings.coder);
        let mut seen: HashSet<(usize, Range<usize>)> = HashSet::new();
        let mut changes = Vec::new();
        for (doc, range) in hits {
            let (Some(doc_ref), Some(d)) = (self.doc_ref(*doc), self.corpus.documents.get(*doc))
            else {
                continue;
            };
            for span in crate::query::scoped(d, std::slice::from_ref(range), scope) {
                if !seen.insert((*doc, span.clone())) {
                    continue;
                }
                let more =
                    ops::highlight(&scratch, &doc_ref, &d.text, span, tags, None, &mut stamp)?;
                scratch.apply_all(&more);
                changes.extend(more);
            }
        }
        Ok(changes)
    }

    /// After tagging hits: the marks are spent.
    pub(crate) fn hits_tagged(&mut self) {
        if let Some(view) = self.kwic.view.as_mut() {
            view.marks.clear();
        }
    }
}

/// `2 hits`, `the sentences of 2 hits`, for the tag prompt and the status line.
pub fn describe_hits(count: usize, scope: Scope) -> String {
    let hits = crate::text::count(count, "hit", "hits");
    match scope {
        Scope::Phrase => hits,
        Scope::Sentence => format!("the sentences of {hits}"),
        Scope::Paragraph => format!("the paragraphs of {hits}"),
        Scope::Turn => format!("the turns of {hits}"),
    }
}
