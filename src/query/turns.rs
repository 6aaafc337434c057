//! `turn:LABEL` (SPEC §10): which speaker turns a query's phrases are looked for in. A
//! document matches `turn:q` when one of its turns has a label containing `q` (any case);
//! when the query also has phrases, only their hits inside a turn that every `turn:` term of
//! the query allows count (`turn:q,mr` allows either label). Negated `turn:` terms only
//! select documents. Without `turn:` terms, every hit counts.

use super::{Phrase, Query, Test};
use crate::store::Turn;
use std::ops::Range;

/// The positive `turn:` terms of a query, their values lower case.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TurnFilter {
    terms: Vec<Vec<String>>,
}

impl TurnFilter {
    /// The filter of `query`'s `turn:` terms.
    pub fn of(query: &Query) -> TurnFilter {
        TurnFilter {
            terms: query
                .terms
                .iter()
                .filter_map(|t| match &t.test {
                    Test::Turn(values) if !t.negated => {
                        Some(values.iter().map(|v| v.to_lowercase()).collect())
                    }
                    _ => None,
                })
                .collect(),
        }
    }

    /// True when the query has no `turn:` term: hits count anywhere.
    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }

    /// True when a hit inside `turn` counts.
    pub fn allows(&self, turn: &Turn) -> bool {
        if self.terms.is_empty() {
            return true;
        }
        let label = turn.speaker.to_lowercase();
        self.terms
            .iter()
            .all(|values| values.iter().any(|v| label.contains(v.as_str())))
    }

    /// True when `phrase` has a hit in `text` that counts (`turns` are its turns).
    pub fn phrase_is_in(&self, phrase: &Phrase, text: &str, turns: &[Turn]) -> bool {
        if self.is_empty() {
            return phrase.is_in(text);
        }
        turns
            .iter()
            .filter(|t| self.allows(t))
            .any(|t| text.get(t.start..t.end).is_some_and(|s| phrase.is_in(s)))
    }

    /// The hits of `phrase` in `text` that count, in order.
    pub fn find(&self, phrase: &Phrase, text: &str, turns: &[Turn]) -> Vec<Range<usize>> {
        if self.is_empty() {
            return phrase.find_in(text).collect();
        }
        let mut out = Vec::new();
        for t in turns.iter().filter(|t| self.allows(t)) {
            if let Some(slice) = text.get(t.start..t.end) {
                out.extend(
                    phrase
                        .find_in(slice)
                        .map(|r| r.start + t.start..r.end + t.start),
                );
            }
        }
        out
    }
}

/// True when `doc`'s turns alone fail a `turn:` term of `query`: then it does not match
/// whatever its text holds, and its text need not be read for the query's phrases.
pub fn turns_rule_out(query: &Query, doc: &crate::store::Document) -> bool {
    query.terms.iter().any(|t| match &t.test {
        Test::Turn(values) => {
            let needles: Vec<String> = values.iter().map(|v| v.to_lowercase()).collect();
            has_turn_by(&doc.meta.turns, &needles) == t.negated
        }
        _ => false,
    })
}

/// True when some turn's label contains one of `needles` (lower case).
pub(super) fn has_turn_by(turns: &[Turn], needles: &[String]) -> bool {
    turns.iter().any(|t| {
        let label = t.speaker.to_lowercase();
        needles.iter().any(|n| label.contains(n.as_str()))
    })
}
