//! `turn:LABEL` (SPEC §10): which speaker turns a query's phrases are looked for in. A
//! document matches `turn:q` when one of its turns has a label containing `q` (any case);
//! when the query also has phrases, only their hits inside a turn that every `turn:` term of
//! the query allows count (`turn:q,mr` allows either label). Negated `turn:` terms only
//! select documents. Without `turn:` terms, every hit counts.

use super::eval::contains_ignoring_case;
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
        self.terms.iter().all(|values| {
            values
                .iter()
                .any(|v| contains_ignoring_case(&turn.speaker, v))
        })
    }

    /// True when `phrase` has a hit in `text` that counts (`turns` are its turns).
    pub fn phrase_is_in(&self, phrase: &Phrase, text: &str, turns: &[Turn]) -> bool {
        if self.is_empty() {
            return phrase.is_in(text);
        }
        // One scan of the whole text at the search's full speed; most texts end here.
        let mut unsure = false;
        for hit in phrase.find_in(text) {
            match self.place(turns, &hit) {
                Place::Inside => return true,
                Place::Across => unsure = true,
                Place::Outside => {}
            }
        }
        unsure && self.slices(turns, text).any(|(_, s)| phrase.is_in(s))
    }

    /// The hits of `phrase` in `text` that count, in order.
    pub fn find(&self, phrase: &Phrase, text: &str, turns: &[Turn]) -> Vec<Range<usize>> {
        if self.is_empty() {
            return phrase.find_in(text).collect();
        }
        let mut out = Vec::new();
        for hit in phrase.find_in(text) {
            match self.place(turns, &hit) {
                Place::Inside => out.push(hit),
                Place::Outside => {}
                // A hit across an allowed turn's edge may hide one inside it: search each
                // allowed turn on its own.
                Place::Across => return self.find_in_slices(phrase, text, turns),
            }
        }
        out
    }

    fn find_in_slices(&self, phrase: &Phrase, text: &str, turns: &[Turn]) -> Vec<Range<usize>> {
        let mut out = Vec::new();
        for (start, slice) in self.slices(turns, text) {
            out.extend(
                phrase
                    .find_in(slice)
                    .map(|r| r.start + start..r.end + start),
            );
        }
        out
    }

    /// The allowed turns' texts with their start offsets.
    fn slices<'t>(
        &'t self,
        turns: &'t [Turn],
        text: &'t str,
    ) -> impl Iterator<Item = (usize, &'t str)> + 't {
        turns
            .iter()
            .filter(|t| self.allows(t))
            .filter_map(|t| text.get(t.start..t.end).map(|s| (t.start, s)))
    }

    /// Where a hit of the whole text is with respect to the allowed turns.
    fn place(&self, turns: &[Turn], hit: &Range<usize>) -> Place {
        // The turns overlapping the hit: those starting before its end, back to the first
        // that ends after its start (turns are in order and do not overlap).
        let before_end = turns.partition_point(|t| t.start < hit.end);
        let mut place = Place::Outside;
        for t in turns[..before_end].iter().rev() {
            if t.end <= hit.start {
                break;
            }
            if self.allows(t) {
                if t.holds(hit.start, hit.end) {
                    return Place::Inside;
                }
                place = Place::Across;
            }
        }
        place
    }
}

/// Where a hit is: inside an allowed turn, across the edge of one, or outside them all.
enum Place {
    Inside,
    Across,
    Outside,
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
        needles
            .iter()
            .any(|n| contains_ignoring_case(&t.speaker, n))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::turns::split;

    fn filter(query: &str) -> TurnFilter {
        TurnFilter::of(&crate::query::parse(query).unwrap())
    }

    #[test]
    fn hits_count_only_inside_the_allowed_turns() {
        let text = "Intro: bar.\nMR. A: bar here.\nQ  bar there?\nMR. A: bar again.";
        let turns = split(text);
        let bar = Phrase::new("bar").unwrap();
        let q = filter("turn:q");
        let hits = q.find(&bar, text, &turns);
        assert_eq!(hits.len(), 1);
        assert!(text[hits[0].end..].starts_with(" there"));
        assert!(q.phrase_is_in(&bar, text, &turns));
        assert_eq!(filter("turn:\"mr. a\"").find(&bar, text, &turns).len(), 2);
        assert_eq!(filter("").find(&bar, text, &turns).len(), 4);
        assert!(!filter("turn:q").phrase_is_in(&Phrase::new("again").unwrap(), text, &turns));
        assert!(filter("turn:Z").find(&bar, text, &turns).is_empty());
    }

    #[test]
    fn a_hit_across_a_turn_edge_does_not_hide_one_inside() {
        // In the whole text `Q Q` first matches from the president's turn into the label of
        // the question, which leaves no second match; inside the question there is one.
        let text = "THE PRESIDENT: ask Q\nQ  Q done?";
        let turns = split(text);
        let qq = Phrase::new("Q Q").unwrap();
        let q = filter("turn:q");
        assert!(q.phrase_is_in(&qq, text, &turns));
        let hits = q.find(&qq, text, &turns);
        assert_eq!(hits.len(), 1);
        assert_eq!(hits[0].start, text.find("Q  Q").unwrap());
        // Across an edge and nothing inside: no hit.
        let ask = Phrase::new("ask Q Q").unwrap();
        assert!(!q.phrase_is_in(&ask, text, &turns));
        assert!(q.find(&ask, text, &turns).is_empty());
    }
}
