//! Finding a highlight again in a document's current text. A quote still at its offsets is
//! `ok`; found elsewhere exactly, it is `moved` and its anchor updated; found with a few
//! characters changed, it is `changed`: its offsets point at the new wording, snapped to
//! whole words, and its quote and context stay as highlighted (never rewritten here: only
//! the analyst accepts a new wording); not found, it is `orphaned` and its anchor left
//! exactly as it was. Offsets come from files a person may have edited, so nothing here
//! trusts them.

use super::model::{Anchor, AnchorState, CONTEXT_CHARS, Highlight, sort_highlights};
use std::ops::Range;

/// Quotes shorter than this are only found exactly: a few changed characters in a short
/// quote make it a different quote.
const MIN_FUZZY_CHARS: usize = 8;
/// Longer quotes are only found exactly, so one orphan cannot make a load slow.
const MAX_FUZZY_CHARS: usize = 2_000;
/// The edit-distance work allowed per anchor (pattern characters × text characters).
const MAX_CELLS: usize = 4_000_000;
/// Searched on each side of the old position, beyond the quote's own length.
const SLACK_BYTES: usize = 2_048;
/// How many occurrences of a context probe are searched around.
const MAX_PROBE_HITS: usize = 16;
/// Characters of context used to look for the quote's neighbourhood.
const PROBE_CHARS: usize = 16;

/// Checks every highlight against `text`, updating moved anchors and each `state`, then
/// puts the highlights back in order of position.
pub fn check_highlights(highlights: &mut [Highlight], text: &str) {
    for h in highlights.iter_mut() {
        h.state = reanchor(&mut h.anchor, text);
    }
    sort_highlights(highlights);
}

/// Checks one anchor against `text`. `Ok` and `Moved` leave it describing the quote's
/// current place (offsets, quote and context); `Changed` moves only the offsets, onto the
/// new wording; `Orphaned` leaves it unchanged.
pub fn reanchor(anchor: &mut Anchor, text: &str) -> AnchorState {
    if anchor.quote.is_empty() {
        return AnchorState::Orphaned;
    }
    if text.get(anchor.start..anchor.end) == Some(anchor.quote.as_str()) {
        // The context may have changed around an unmoved quote; keep it current so the
        // next search has the best clues.
        if let Some(fresh) = Anchor::of(text, anchor.start, anchor.end) {
            *anchor = fresh;
        }
        return AnchorState::Ok;
    }
    if let Some(fresh) = best_exact(anchor, text).and_then(|r| Anchor::of(text, r.start, r.end)) {
        *anchor = fresh;
        return AnchorState::Moved;
    }
    let found =
        best_fuzzy(anchor, text).map(|r| closing_marks(text, whole_words(text, r), &anchor.quote));
    match found {
        Some(r) if r.start < r.end && text.get(r.clone()).is_some() => {
            anchor.start = r.start;
            anchor.end = r.end;
            AnchorState::Changed
        }
        _ => AnchorState::Orphaned,
    }
}

/// `range` widened by the punctuation the quote opens or closes with (`.`, `“`), when the
/// text has it right there: a fuzzy match leaves out what it cannot tell from an edit.
fn closing_marks(text: &str, range: Range<usize>, quote: &str) -> Range<usize> {
    let mark = |c: char| !c.is_alphanumeric() && !c.is_whitespace();
    let (mut start, mut end) = (range.start, range.end);
    if let Some(last) = quote.chars().next_back().filter(|&c| mark(c))
        && text[end..].starts_with(last)
        && !text[..end].ends_with(last)
    {
        end += last.len_utf8();
    }
    if let Some(first) = quote.chars().next().filter(|&c| mark(c))
        && text[..start].ends_with(first)
        && !text[start..].starts_with(first)
    {
        start -= first.len_utf8();
    }
    start..end
}

/// `range` widened so that neither end cuts a word in two (a fuzzy match may end inside a
/// changed word: `collective sec` for `collective security`).
/// Works on graphemes, so a letter never loses its combining marks (Thai, Devanagari).
fn whole_words(text: &str, range: Range<usize>) -> Range<usize> {
    use unicode_segmentation::GraphemeCursor;
    let cursor = |i: usize| GraphemeCursor::new(i, text.len(), true);
    let prev = |i: usize| cursor(i).prev_boundary(text, 0).ok().flatten();
    let next = |i: usize| cursor(i).next_boundary(text, 0).ok().flatten();
    let boundary = |i: usize| cursor(i).is_boundary(text, 0).unwrap_or(true);
    // A grapheme is part of a word when it starts with a letter or a digit.
    let word = |r: Range<usize>| {
        text.get(r)
            .and_then(|g| g.chars().next())
            .is_some_and(char::is_alphanumeric)
    };
    let (mut start, mut end) = (range.start, range.end);
    while let Some(p) = prev(start) {
        let inside = !boundary(start);
        let joined = word(p..start) && next(start).is_some_and(|n| word(start..n));
        if !(inside || joined) {
            break;
        }
        start = p;
    }
    while let Some(n) = next(end) {
        let inside = !boundary(end);
        let joined = word(end..n) && prev(end).is_some_and(|p| word(p..end));
        if !(inside || joined) {
            break;
        }
        end = n;
    }
    start..end
}

/// The exact occurrence of the quote whose surroundings match the old context best; ties
/// go to the one nearest the old position.
fn best_exact(anchor: &Anchor, text: &str) -> Option<Range<usize>> {
    let quote = anchor.quote.as_bytes();
    memchr::memmem::find_iter(text.as_bytes(), quote)
        .map(|start| start..start + quote.len())
        .max_by_key(|r| {
            (
                context_score(anchor, text, r),
                std::cmp::Reverse(r.start.abs_diff(anchor.start)),
                std::cmp::Reverse(r.start),
            )
        })
}

/// How many characters of the old context are found on each side of `range`.
fn context_score(anchor: &Anchor, text: &str, range: &Range<usize>) -> usize {
    let (Some(before), Some(after)) = (text.get(..range.start), text.get(range.end..)) else {
        return 0;
    };
    let left = before
        .chars()
        .rev()
        .zip(anchor.prefix.chars().rev())
        .take(CONTEXT_CHARS)
        .take_while(|(a, b)| a == b)
        .count();
    let right = after
        .chars()
        .zip(anchor.suffix.chars())
        .take(CONTEXT_CHARS)
        .take_while(|(a, b)| a == b)
        .count();
    left + right
}

/// How good a fuzzy match is, best first: fewest edits, most context, nearest to the old
/// place, earliest.
type Rank = (usize, std::cmp::Reverse<usize>, usize, usize);

/// A close copy of the quote (at most a quarter of its characters edited) near the old
/// position or next to a piece of the old context.
fn best_fuzzy(anchor: &Anchor, text: &str) -> Option<Range<usize>> {
    let pattern: Vec<char> = anchor.quote.chars().collect();
    let m = pattern.len();
    if !(MIN_FUZZY_CHARS..=MAX_FUZZY_CHARS).contains(&m) {
        return None;
    }
    let max_distance = m / 4;
    let mut best: Option<(Rank, Range<usize>)> = None;
    let mut budget = MAX_CELLS;
    for window in windows(anchor, text) {
        let Some(slice) = text.get(window.clone()) else {
            continue;
        };
        let chars: Vec<(usize, char)> = slice
            .char_indices()
            .map(|(i, c)| (window.start + i, c))
            .collect();
        let Some(rest) = budget.checked_sub(chars.len().saturating_mul(m)) else {
            continue;
        };
        budget = rest;
        for (range, distance) in approximate_matches(&pattern, &chars, max_distance) {
            // Fewest edits, then the most context, then the nearest to the old place.
            let key = (
                distance,
                std::cmp::Reverse(context_score(anchor, text, &range)),
                range.start.abs_diff(anchor.start),
                range.start,
            );
            if best.as_ref().is_none_or(|(b, _)| key < *b) {
                best = Some((key, range));
            }
        }
    }
    best.map(|(_, range)| range)
}

/// Byte ranges of `text` to search, on character boundaries, sorted and merged: around
/// the old position, next to occurrences of the context's nearest characters, and the
/// whole text when it is small.
fn windows(anchor: &Anchor, text: &str) -> Vec<Range<usize>> {
    let span = (anchor.quote.len() / 2)
        .saturating_mul(3)
        .saturating_add(SLACK_BYTES / 8);
    let mut out = Vec::new();
    let old = anchor.start.min(text.len());
    let reach = anchor
        .quote
        .len()
        .saturating_mul(2)
        .saturating_add(SLACK_BYTES);
    out.push(old.saturating_sub(reach)..old.saturating_add(reach));
    let prefix_tail = tail_chars(&anchor.prefix, PROBE_CHARS);
    if prefix_tail.chars().count() >= MIN_FUZZY_CHARS {
        for hit in memchr::memmem::find_iter(text.as_bytes(), prefix_tail).take(MAX_PROBE_HITS) {
            let after = hit + prefix_tail.len();
            out.push(after.saturating_sub(SLACK_BYTES / 8)..after.saturating_add(span));
        }
    }
    let suffix_head = head_chars(&anchor.suffix, PROBE_CHARS);
    if suffix_head.chars().count() >= MIN_FUZZY_CHARS {
        for hit in memchr::memmem::find_iter(text.as_bytes(), suffix_head).take(MAX_PROBE_HITS) {
            out.push(hit.saturating_sub(span)..hit.saturating_add(SLACK_BYTES / 8));
        }
    }
    if text.len().saturating_mul(anchor.quote.chars().count()) <= MAX_CELLS / 4 {
        out.push(0..text.len());
    }
    let mut merged: Vec<Range<usize>> = Vec::new();
    let mut clamped: Vec<Range<usize>> = out
        .into_iter()
        .map(|r| floor_boundary(text, r.start)..floor_boundary(text, r.end.min(text.len())))
        .filter(|r| r.start < r.end)
        .collect();
    clamped.sort_by_key(|r| r.start);
    for r in clamped {
        match merged.last_mut() {
            Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
            _ => merged.push(r),
        }
    }
    merged
}

/// Every place where `pattern` matches a stretch of `text` with at most `max_distance`
/// edits (Sellers' algorithm), as byte ranges with their distance. For each end only
/// the best start is kept.
fn approximate_matches(
    pattern: &[char],
    text: &[(usize, char)],
    max_distance: usize,
) -> Vec<(Range<usize>, usize)> {
    let m = pattern.len();
    // cost[i]: edits to match pattern[..i] ending here; from[i]: the text index it starts at.
    let mut cost: Vec<usize> = (0..=m).collect();
    let mut from: Vec<usize> = vec![0; m + 1];
    let mut next_cost = vec![0; m + 1];
    let mut next_from = vec![0; m + 1];
    let mut out = Vec::new();
    for (j, &(_, c)) in text.iter().enumerate() {
        next_cost[0] = 0;
        next_from[0] = j + 1;
        for i in 1..=m {
            let substitute = cost[i - 1] + usize::from(pattern[i - 1] != c);
            let skip_text = cost[i] + 1;
            let skip_pattern = next_cost[i - 1] + 1;
            (next_cost[i], next_from[i]) = if substitute <= skip_text && substitute <= skip_pattern
            {
                (substitute, from[i - 1])
            } else if skip_pattern <= skip_text {
                (skip_pattern, next_from[i - 1])
            } else {
                (skip_text, from[i])
            };
        }
        std::mem::swap(&mut cost, &mut next_cost);
        std::mem::swap(&mut from, &mut next_from);
        if cost[m] <= max_distance
            && let Some(&(start, _)) = text.get(from[m])
        {
            let end = text[j].0 + text[j].1.len_utf8();
            if start < end {
                out.push((start..end, cost[m]));
            }
        }
    }
    out
}

/// The largest character boundary of `text` at or before `i`.
fn floor_boundary(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn tail_chars(s: &str, n: usize) -> &str {
    let start = s
        .char_indices()
        .rev()
        .nth(n.saturating_sub(1))
        .map_or(0, |(i, _)| i);
    &s[start..]
}

fn head_chars(s: &str, n: usize) -> &str {
    let end = s.char_indices().nth(n).map_or(s.len(), |(i, _)| i);
    &s[..end]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn anchored(text: &str, quote: &str) -> Anchor {
        let start = text.find(quote).unwrap();
        Anchor::of(text, start, start + quote.len()).unwrap()
    }

    #[test]
    fn an_unmoved_quote_is_ok() {
        let text = "Alpha beta gamma delta.";
        let mut a = anchored(text, "gamma");
        assert_eq!(reanchor(&mut a, text), AnchorState::Ok);
        assert_eq!(&text[a.start..a.end], "gamma");
    }

    #[test]
    fn a_shifted_quote_is_moved_to_the_occurrence_with_its_context() {
        let old = "one: the plan. two: the plan. three: the plan.";
        let mut a = anchored(old, "two: the plan");
        let mut a2 = Anchor::of(old, 20, 28).unwrap(); // "the plan" after "two: "
        assert_eq!(a2.quote, "the plan");
        let new = format!("PREFACE {old}");
        assert_eq!(reanchor(&mut a, &new), AnchorState::Moved);
        assert_eq!(&new[a.start..a.end], "two: the plan");
        assert_eq!(reanchor(&mut a2, &new), AnchorState::Moved);
        assert_eq!(
            a2.start, 28,
            "the second `the plan`, by context, not the nearest"
        );
    }

    #[test]
    fn a_changed_word_is_found_again_fuzzily_and_the_quote_kept() {
        let old = "Intro.\nThe ministers agreed to raise defence spending next year.\nEnd.";
        let mut a = anchored(old, "agreed to raise defence spending next year");
        let new = "Intro.\nThe ministers agreed to raise military spending next year.\nEnd.";
        assert_eq!(reanchor(&mut a, new), AnchorState::Changed);
        assert_eq!(a.quote, "agreed to raise defence spending next year");
        assert_eq!(
            &new[a.start..a.end],
            "agreed to raise military spending next year"
        );
    }

    #[test]
    fn a_range_is_widened_to_whole_words() {
        let text = "to collective security. Next";
        let cut = text.find("sec").unwrap() + 3;
        let r = whole_words(text, 4..cut);
        assert_eq!(&text[r], "collective security");
        assert_eq!(whole_words(text, 0..2), 0..2);
        let thai = "ความมั่นคง ร่วมกัน";
        assert_eq!(&thai[whole_words(thai, 3..6)], "ความมั่นคง");
    }

    #[test]
    fn a_deleted_quote_is_orphaned_and_unchanged() {
        let old = "Keep this. Remove the whole sentence about cyber defence. Keep that.";
        let mut a = anchored(old, "Remove the whole sentence about cyber defence.");
        let before = a.clone();
        let new = "Keep this. Keep that.";
        assert_eq!(reanchor(&mut a, new), AnchorState::Orphaned);
        assert_eq!(a, before);
    }

    #[test]
    fn nonsense_offsets_never_panic() {
        let text = "héllo wörld";
        for (start, end) in [
            (0, 0),
            (2, 3),
            (5, 2),
            (0, 999),
            (usize::MAX - 1, usize::MAX),
        ] {
            let mut a = Anchor {
                start,
                end,
                quote: "wörld".into(),
                prefix: "é".repeat(50),
                suffix: String::new(),
            };
            assert_eq!(reanchor(&mut a, text), AnchorState::Moved);
            assert_eq!(&text[a.start..a.end], "wörld");
        }
    }
}
