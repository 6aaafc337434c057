//! The three-way decisions a merge is made of: for one value, for a set, and for items
//! matched by id. Each is symmetric (exchanging ours and theirs exchanges the sides of a
//! conflict and nothing else) and deterministic.

use std::collections::BTreeMap;

/// What a three-way look at one value found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Three<'a, T> {
    /// The sides agree, or only one changed it: this is the value.
    Same(&'a T),
    /// Both changed it, each to something else: (ours, theirs).
    Both(&'a T, &'a T),
}

/// The value of a field from its base (`None`: the thing is new on both sides) and each
/// side's value.
pub fn three<'a, T: PartialEq>(base: Option<&T>, ours: &'a T, theirs: &'a T) -> Three<'a, T> {
    if ours == theirs || base == Some(theirs) {
        Three::Same(ours)
    } else if base == Some(ours) {
        Three::Same(theirs)
    } else {
        Three::Both(ours, theirs)
    }
}

/// A field no analyst edits (when a note was written, who made it, a cached title): if
/// both sides changed it, the smaller value is kept, so either order gives the same.
pub fn settle<'a, T: PartialEq + Ord>(base: Option<&T>, ours: &'a T, theirs: &'a T) -> &'a T {
    match three(base, ours, theirs) {
        Three::Same(v) => v,
        Three::Both(a, b) => a.min(b),
    }
}

/// A three-way merge of sets, sorted: what both sides keep, and what either side added.
/// What one side removed is gone unless the other side added it.
pub fn set3<T: Ord + Clone>(base: &[T], ours: &[T], theirs: &[T]) -> Vec<T> {
    let mut out: Vec<T> = ours
        .iter()
        .filter(|x| theirs.contains(x) || !base.contains(x))
        .chain(
            theirs
                .iter()
                .filter(|x| !ours.contains(x) && !base.contains(x)),
        )
        .cloned()
        .collect();
    out.sort();
    out.dedup();
    out
}

/// Like [`set3`], for things compared but not ordered: ours first, then theirs' additions.
pub fn set3_unordered<T: PartialEq + Clone>(base: &[T], ours: &[T], theirs: &[T]) -> Vec<T> {
    let mut out: Vec<T> = Vec::new();
    let kept = ours
        .iter()
        .filter(|x| theirs.contains(x) || !base.contains(x));
    let added = theirs
        .iter()
        .filter(|x| !ours.contains(x) && !base.contains(x));
    for x in kept.chain(added) {
        if !out.contains(x) {
            out.push(x.clone());
        }
    }
    out
}

/// Base, ours and theirs of one id.
pub type Triple<'a, T> = (Option<&'a T>, Option<&'a T>, Option<&'a T>);

/// Items of the three sides matched by id, by id.
pub fn by_id<'a, T>(
    base: &'a [T],
    ours: &'a [T],
    theirs: &'a [T],
    id: impl Fn(&T) -> &str,
) -> BTreeMap<&'a str, Triple<'a, T>> {
    let mut out: BTreeMap<&str, Triple<T>> = BTreeMap::new();
    for x in base {
        out.entry(id(x)).or_default().0 = Some(x);
    }
    for x in ours {
        out.entry(id(x)).or_default().1 = Some(x);
    }
    for x in theirs {
        out.entry(id(x)).or_default().2 = Some(x);
    }
    out
}

/// What happens to an item matched by id.
pub enum Fate<'a, T> {
    /// Kept as it is on one side (or both).
    Keep(&'a T),
    /// Changed on both sides: merge these, field by field.
    Merge(Option<&'a T>, &'a T, &'a T),
    /// One side deleted it and the other changed it: kept, and the deleting side named.
    KeptDespite(&'a T, crate::notebook::Side),
    /// Deleted (on one side, unchanged on the other; or on both).
    Gone,
}

/// The fate of one id's item.
pub fn fate<'a, T: PartialEq>((base, ours, theirs): Triple<'a, T>) -> Fate<'a, T> {
    use crate::notebook::Side;
    match (base, ours, theirs) {
        (_, Some(o), Some(t)) if o == t => Fate::Keep(o),
        (Some(b), Some(o), Some(t)) if b == o => Fate::Keep(t),
        (Some(b), Some(o), Some(t)) if b == t => Fate::Keep(o),
        (b, Some(o), Some(t)) => Fate::Merge(b, o, t),
        (None, Some(x), None) | (None, None, Some(x)) => Fate::Keep(x),
        (Some(b), Some(o), None) if b == o => Fate::Gone,
        (Some(b), None, Some(t)) if b == t => Fate::Gone,
        (Some(_), Some(o), None) => Fate::KeptDespite(o, Side::Theirs),
        (Some(_), None, Some(t)) => Fate::KeptDespite(t, Side::Ours),
        (_, None, None) => Fate::Gone,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_value_changed_on_one_side_takes_that_change() {
        assert_eq!(three(Some(&1), &1, &2), Three::Same(&2));
        assert_eq!(three(Some(&1), &3, &1), Three::Same(&3));
        assert_eq!(three(Some(&1), &4, &4), Three::Same(&4));
        assert_eq!(three(Some(&1), &3, &2), Three::Both(&3, &2));
        assert_eq!(three(None, &3, &2), Three::Both(&3, &2));
        assert_eq!(settle(Some(&1), &3, &2), &2);
    }

    #[test]
    fn sets_keep_additions_of_both_sides_and_removals_of_either() {
        let merged = set3(&["a", "b", "c"], &["a", "b", "x"], &["a", "c", "y"]);
        assert_eq!(merged, ["a", "x", "y"]);
    }
}
