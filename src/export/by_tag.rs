//! The export grouped by tag: one section per tag of the codebook in use, sub-tags nested
//! below their parent with deeper headings. Each section lists the documents tagged with it
//! as a whole, then the quotes tagged with it, each with its document's title and date.
//! Highlights without a tag come last, so nothing the analyst marked is left out.

use super::document::write_quote;
use super::{Entry, escape, gap, heading};
use crate::notebook::Highlight;
use std::collections::BTreeMap;

/// What one tag holds.
#[derive(Default)]
struct Section<'e, 'a> {
    documents: Vec<&'e Entry<'a>>,
    quotes: Vec<(&'e Entry<'a>, &'a Highlight)>,
}

/// Writes a section per tag, top-level tags at heading `level`.
pub(super) fn write(out: &mut String, entries: &[Entry<'_>], level: u8) {
    // Keyed by the tag's levels, so that `policy/defence` follows `policy` directly and
    // is not separated from it by `policy-x`.
    let mut sections: BTreeMap<Vec<&str>, Section<'_, '_>> = BTreeMap::new();
    let mut untagged = Vec::new();
    for entry in entries {
        if let Some(notes) = entry.notes {
            for tag in unique(&notes.tags) {
                sections
                    .entry(levels(tag))
                    .or_default()
                    .documents
                    .push(entry);
            }
        }
        for highlight in entry.highlights() {
            if highlight.tags.is_empty() {
                untagged.push((entry, highlight));
            }
            for tag in unique(&highlight.tags) {
                let section = sections.entry(levels(tag)).or_default();
                section.quotes.push((entry, highlight));
            }
        }
    }
    let parents: Vec<Vec<&str>> = sections
        .keys()
        .flat_map(|key| (1..key.len()).map(|n| key[..n].to_vec()))
        .collect();
    for parent in parents {
        sections.entry(parent).or_default();
    }

    for (key, section) in &sections {
        let depth = u8::try_from(key.len().saturating_sub(1)).unwrap_or(u8::MAX);
        heading(
            out,
            level.saturating_add(depth),
            &escape::tag(&key.join("/")),
        );
        if !section.documents.is_empty() {
            gap(out);
            for entry in &section.documents {
                out.push_str("- ");
                out.push_str(&escape::line(entry.title()));
                if let Some(date) = entry.date() {
                    out.push_str(" · ");
                    out.push_str(&escape::inline(&date));
                }
                out.push_str(" · ");
                out.push_str(&escape::code_span(&entry.doc.path));
                out.push('\n');
            }
        }
        for (entry, highlight) in &section.quotes {
            write_quote(out, highlight, vec![source(entry)]);
        }
    }
    if !untagged.is_empty() {
        heading(out, level, "Untagged highlights");
        for (entry, highlight) in untagged {
            write_quote(out, highlight, vec![source(entry)]);
        }
    }
}

/// `Title · date`, escaped, for a quote's attribution.
fn source(entry: &Entry<'_>) -> String {
    let mut s = escape::inline(entry.title());
    if let Some(date) = entry.date() {
        s.push_str(" · ");
        s.push_str(&escape::inline(&date));
    }
    s
}

fn levels(tag: &str) -> Vec<&str> {
    tag.split('/').collect()
}

/// The tags in their order, each once (a notebook edited by hand may repeat one).
fn unique(tags: &[String]) -> Vec<&str> {
    let mut seen = Vec::with_capacity(tags.len());
    for tag in tags {
        if !seen.contains(&tag.as_str()) {
            seen.push(tag.as_str());
        }
    }
    seen
}
