//! One document's section of the export: its title as a heading, a metadata line, its tags,
//! its notes as list items, then each highlight in text order as a block quote with its
//! tags, note and (when not `ok`) anchor state; the full text last when asked for.

use super::{Entry, escape, gap, heading};
use crate::notebook::{AnchorState, Highlight};

/// Writes the section of `entry` with its title at heading `level`.
pub(super) fn write(out: &mut String, entry: &Entry<'_>, level: u8, include_text: bool) {
    heading(out, level, &escape::inline(entry.title()));
    out.push('*');
    out.push_str(&metadata_line(entry));
    out.push_str("*\n");
    write_fields(out, entry);
    if let Some(notes) = entry.notes {
        if !notes.tags.is_empty() {
            gap(out);
            let tags: Vec<String> = notes.tags.iter().map(|t| escape::tag(t)).collect();
            out.push_str("Tags: ");
            out.push_str(&tags.join(" "));
            out.push('\n');
        }
        let notes: Vec<Vec<Vec<String>>> = notes
            .notes
            .iter()
            .map(|n| escape::paragraphs(&n.text))
            .filter(|p| !p.is_empty())
            .collect();
        if !notes.is_empty() {
            gap(out);
            for note in &notes {
                escape::write_block(out, note, "- ", "  ", "", "");
            }
        }
    }
    for highlight in entry.highlights() {
        let tags = highlight.tags.iter().map(|t| escape::tag(t)).collect();
        write_quote(out, highlight, tags);
    }
    if include_text {
        heading(out, level.saturating_add(1), "Text");
        gap(out);
        escape::write_block(out, &escape::paragraphs(&entry.doc.text), "", "", "", "");
    }
}

/// Date, place, kind, speaker, path and status, as they are known, joined by `·`.
fn metadata_line(entry: &Entry<'_>) -> String {
    let meta = &entry.doc.meta;
    let mut parts: Vec<String> = [
        entry.date(),
        meta.place.clone(),
        meta.kind.clone(),
        meta.speaker.clone(),
    ]
    .into_iter()
    .flatten()
    .map(|p| escape::inline(&p))
    .filter(|p| !p.is_empty())
    .collect();
    parts.push(escape::code_span(&entry.doc.path));
    if let Some(status) = entry.notes.and_then(|n| n.status.as_deref()) {
        parts.push(escape::inline(status));
    }
    parts.retain(|p| !p.is_empty());
    parts.join(" · ")
}

/// The document's extra fields (SPEC §10), as a paragraph `Fields: name: value · …`.
fn write_fields(out: &mut String, entry: &Entry<'_>) {
    let fields: Vec<String> = entry
        .doc
        .meta
        .fields
        .iter()
        .filter(|(_, v)| !v.trim().is_empty())
        .map(|(k, v)| format!("{}: {}", escape::inline(k), escape::inline(v)))
        .collect();
    if !fields.is_empty() {
        gap(out);
        out.push_str("Fields: ");
        out.push_str(&fields.join(" · "));
        out.push('\n');
    }
}

/// A highlight as a block quote, then a line `— lead · *note* · **state**` inside the
/// quote. `lead` is escaped Markdown: the tags, or the document's title and date.
pub(super) fn write_quote(out: &mut String, highlight: &Highlight, lead: Vec<String>) {
    gap(out);
    let quote = escape::paragraphs(&highlight.anchor.quote);
    escape::write_block(out, &quote, "> ", "> ", ">", "");

    // The note's paragraphs, each in italics; the lead opens the first one and the anchor
    // state closes the last one.
    let mut lines: Vec<Vec<String>> = highlight
        .note
        .as_deref()
        .map(escape::paragraphs)
        .unwrap_or_default();
    for paragraph in &mut lines {
        if let Some(first) = paragraph.first_mut() {
            first.insert(0, '*');
        }
        if let Some(last) = paragraph.last_mut() {
            last.push('*');
        }
    }
    let lead = lead.join(" ");
    match lines.first_mut().and_then(|p| p.first_mut()) {
        Some(first) if lead.is_empty() => first.insert_str(0, "— "),
        Some(first) => first.insert_str(0, &format!("— {lead} · ")),
        None => lines.push(vec![format!("— {lead}")]),
    }
    let state = match highlight.state {
        AnchorState::Ok => None,
        AnchorState::Moved => Some("**moved**"),
        AnchorState::Changed => Some("**changed** (the text now words this passage differently)"),
        AnchorState::Orphaned => Some("**orphaned** (no longer in the text)"),
    };
    if let Some(state) = state
        && let Some(last) = lines.last_mut().and_then(|p| p.last_mut())
    {
        if last.ends_with("— ") {
            last.push_str(state);
        } else {
            last.push_str(" · ");
            last.push_str(state);
        }
    }
    let nothing_to_add = lines.len() == 1 && lines[0].len() == 1 && lines[0][0] == "— ";
    if nothing_to_add {
        return;
    }
    if !quote.is_empty() {
        out.push_str(">\n");
    }
    escape::write_block(out, &lines, "> ", "> ", ">", "");
}
