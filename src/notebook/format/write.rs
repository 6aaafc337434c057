//! Writing the notebook as RON by hand. The text is exactly what `ron`'s pretty printer
//! makes of the same notebook (struct names, four-space indents, trailing commas, strings
//! escaped character by character as `char::escape_debug` does), which a test checks; it
//! is written here because the generic serializer takes longer than a save may (SPEC §9:
//! 10,000 highlights in under 30 ms).

use crate::notebook::conflict::{Conflict, Side};
use crate::notebook::model::{
    Anchor, DocumentNotes, Highlight, Note, Notebook, Tag, TaggedBy, VERSION,
};
use std::fmt::Write;

/// The notebook as the text saved to its file: sorted (documents by path, highlights by
/// position, codebook by name), empty entries left out, at the current version. The same
/// notebook always gives the same text, so an unchanged save changes nothing and two
/// notebooks diff line by line.
pub fn to_ron(notebook: &Notebook) -> String {
    let mut out = String::new();
    to_ron_into(notebook, &mut out);
    out
}

/// [`to_ron`] into a buffer, replacing its content and reusing its memory: a notebook
/// saved many times in a session is not given megabytes of fresh memory each time.
pub fn to_ron_into(notebook: &Notebook, buffer: &mut String) {
    buffer.clear();
    let highlights: usize = notebook
        .documents
        .values()
        .map(|d| d.highlights.len())
        .sum();
    buffer.reserve(1024 + highlights * 768);
    let mut w = Writer {
        out: std::mem::take(buffer),
        depth: 0,
    };
    w.open("Notebook(");
    w.field("version", |w| w.number(u64::from(VERSION)));
    w.field("corpus", |w| w.string(&notebook.corpus));
    let mut codebook: Vec<&Tag> = notebook.codebook.iter().collect();
    codebook.sort_by(|a, b| a.name.cmp(&b.name));
    w.field("codebook", |w| w.list(&codebook, |w, t| w.tag(t)));
    w.field("documents", |w| {
        let entries: Vec<(&String, &DocumentNotes)> = notebook
            .documents
            .iter()
            .filter(|(_, d)| !d.is_empty())
            .collect();
        if entries.is_empty() {
            w.out.push_str("{}");
            return;
        }
        w.open("{");
        for (path, entry) in entries {
            w.newline();
            w.string(path);
            w.out.push_str(": ");
            w.document(entry);
            w.out.push(',');
        }
        w.close("}");
    });
    if !notebook.conflicts.is_empty() {
        w.field("conflicts", |w| {
            w.list(&notebook.conflicts, |w, c| w.conflict(c))
        });
    }
    w.close(")");
    w.out.push('\n');
    *buffer = w.out;
}

/// ASCII characters `escape_debug` leaves as they are: the printable ones and the space,
/// except the quotes and the backslash.
const PLAIN_ASCII: [bool; 128] = {
    let mut table = [false; 128];
    let mut b = 0x20;
    while b < 0x7f {
        table[b] = !matches!(b as u8, b'"' | b'\\' | b'\'');
        b += 1;
    }
    table
};

struct Writer {
    out: String,
    depth: usize,
}

impl Writer {
    fn newline(&mut self) {
        const SPACES: &str = "                                                ";
        self.out.push('\n');
        let mut width = self.depth * 4;
        while width > 0 {
            let n = width.min(SPACES.len());
            self.out.push_str(&SPACES[..n]);
            width -= n;
        }
    }

    fn open(&mut self, opening: &str) {
        self.out.push_str(opening);
        self.depth += 1;
    }

    fn close(&mut self, closing: &str) {
        self.depth -= 1;
        self.newline();
        self.out.push_str(closing);
    }

    fn field(&mut self, name: &str, value: impl FnOnce(&mut Writer)) {
        self.newline();
        self.out.push_str(name);
        self.out.push_str(": ");
        value(self);
        self.out.push(',');
    }

    fn list<T>(&mut self, items: &[T], mut item: impl FnMut(&mut Writer, &T)) {
        if items.is_empty() {
            self.out.push_str("[]");
            return;
        }
        self.open("[");
        for i in items {
            self.newline();
            item(self, i);
            self.out.push(',');
        }
        self.close("]");
    }

    fn number(&mut self, n: u64) {
        let _ = write!(self.out, "{n}");
    }

    /// A string as `ron` escapes it: every character through `char::escape_debug`.
    /// Runs of characters that need no escape are copied whole.
    fn string(&mut self, s: &str) {
        self.out.push('"');
        let bytes = s.as_bytes();
        let (mut run, mut i) = (0, 0);
        while i < bytes.len() {
            let b = bytes[i];
            if b < 0x80 {
                if !PLAIN_ASCII[usize::from(b)] {
                    self.out.push_str(&s[run..i]);
                    self.out.extend(char::from(b).escape_debug());
                    run = i + 1;
                }
                i += 1;
            } else {
                let Some(c) = s[i..].chars().next() else {
                    break;
                };
                if c.escape_debug().next() != Some(c) {
                    self.out.push_str(&s[run..i]);
                    self.out.extend(c.escape_debug());
                    run = i + c.len_utf8();
                }
                i += c.len_utf8();
            }
        }
        self.out.push_str(&s[run..]);
        self.out.push('"');
    }

    fn optional_string(&mut self, s: Option<&str>) {
        match s {
            Some(s) => {
                self.out.push_str("Some(");
                self.string(s);
                self.out.push(')');
            }
            None => self.out.push_str("None"),
        }
    }

    fn strings(&mut self, items: &[String]) {
        self.list(items, |w, s| w.string(s));
    }

    fn tag(&mut self, tag: &Tag) {
        self.open("Tag(");
        self.field("name", |w| w.string(&tag.name));
        if let Some(color) = &tag.color {
            self.field("color", |w| w.optional_string(Some(color)));
        }
        if let Some(key) = tag.key {
            // `ron` writes a char as it is, escaping only a backslash or a quote.
            self.field("key", |w| {
                w.out.push_str("Some('");
                if key == '\\' || key == '\'' {
                    w.out.push('\\');
                }
                w.out.push(key);
                w.out.push_str("')");
            });
        }
        if !tag.description.is_empty() {
            self.field("description", |w| w.string(&tag.description));
        }
        self.close(")");
    }

    fn document(&mut self, d: &DocumentNotes) {
        self.open("DocumentNotes(");
        self.field("id", |w| w.string(&d.id));
        self.field("title", |w| w.string(&d.title));
        if d.status.is_some() {
            self.field("status", |w| w.optional_string(d.status.as_deref()));
        }
        if !d.status_by.is_empty() {
            self.field("status_by", |w| w.string(&d.status_by));
        }
        if !d.tags.is_empty() {
            self.field("tags", |w| w.strings(&d.tags));
        }
        if !d.tagged_by.is_empty() {
            self.field("tagged_by", |w| w.tagged_by(&d.tagged_by));
        }
        if !d.notes.is_empty() {
            self.field("notes", |w| w.list(&d.notes, |w, n| w.note(n)));
        }
        if !d.highlights.is_empty() {
            let mut highlights: Vec<&Highlight> = d.highlights.iter().collect();
            highlights.sort_by(|a, b| {
                (a.anchor.start, a.anchor.end, &a.id).cmp(&(b.anchor.start, b.anchor.end, &b.id))
            });
            self.field("highlights", |w| w.list(&highlights, |w, h| w.highlight(h)));
        }
        if !d.conflicts.is_empty() {
            self.field("conflicts", |w| w.list(&d.conflicts, |w, c| w.conflict(c)));
        }
        self.close(")");
    }

    /// A map as `ron` writes one: `{`, one `key: value,` a line, `}`; `{}` when empty.
    fn tagged_by(&mut self, map: &TaggedBy) {
        if map.is_empty() {
            self.out.push_str("{}");
            return;
        }
        self.open("{");
        for (coder, tags) in map {
            self.newline();
            self.string(coder);
            self.out.push_str(": ");
            self.strings(tags);
            self.out.push(',');
        }
        self.close("}");
    }

    fn anchor(&mut self, a: &Anchor) {
        self.open("Anchor(");
        self.field("start", |w| w.number(a.start as u64));
        self.field("end", |w| w.number(a.end as u64));
        self.field("quote", |w| w.string(&a.quote));
        self.field("prefix", |w| w.string(&a.prefix));
        self.field("suffix", |w| w.string(&a.suffix));
        self.close(")");
    }

    fn conflict(&mut self, c: &Conflict) {
        match c {
            Conflict::Status {
                ours,
                ours_by,
                theirs,
                theirs_by,
            } => {
                self.open("Status(");
                self.field("ours", |w| w.optional_string(ours.as_deref()));
                self.field("ours_by", |w| w.string(ours_by));
                self.field("theirs", |w| w.optional_string(theirs.as_deref()));
                self.field("theirs_by", |w| w.string(theirs_by));
            }
            Conflict::Note { id, ours, theirs } => {
                self.open("Note(");
                self.field("id", |w| w.string(id));
                self.field("ours", |w| w.optional_string(ours.as_deref()));
                self.field("theirs", |w| w.optional_string(theirs.as_deref()));
            }
            Conflict::HighlightNote { id, ours, theirs } => {
                self.open("HighlightNote(");
                self.field("id", |w| w.string(id));
                self.field("ours", |w| w.optional_string(ours.as_deref()));
                self.field("theirs", |w| w.optional_string(theirs.as_deref()));
            }
            Conflict::HighlightAnchor { id, ours, theirs } => {
                self.open("HighlightAnchor(");
                self.field("id", |w| w.string(id));
                self.field("ours", |w| w.anchor(ours));
                self.field("theirs", |w| w.anchor(theirs));
            }
            Conflict::HighlightDeleted { id, deleted_in } => {
                self.open("HighlightDeleted(");
                self.field("id", |w| w.string(id));
                self.field("deleted_in", |w| {
                    w.out.push_str(match deleted_in {
                        Side::Ours => "Ours",
                        Side::Theirs => "Theirs",
                    })
                });
            }
            Conflict::Tag { name, ours, theirs } => {
                self.open("Tag(");
                self.field("name", |w| w.string(name));
                self.field("ours", |w| w.optional_tag(ours.as_ref()));
                self.field("theirs", |w| w.optional_tag(theirs.as_ref()));
            }
        }
        self.close(")");
    }

    fn optional_tag(&mut self, tag: Option<&Tag>) {
        match tag {
            Some(t) => {
                self.out.push_str("Some(");
                self.tag(t);
                self.out.push(')');
            }
            None => self.out.push_str("None"),
        }
    }

    fn note(&mut self, n: &Note) {
        self.open("Note(");
        self.field("id", |w| w.string(&n.id));
        self.field("text", |w| w.string(&n.text));
        self.field("created", |w| w.string(&n.created));
        if !n.by.is_empty() {
            self.field("by", |w| w.string(&n.by));
        }
        self.close(")");
    }

    fn highlight(&mut self, h: &Highlight) {
        self.open("Highlight(");
        self.field("id", |w| w.string(&h.id));
        self.field("tags", |w| w.strings(&h.tags));
        self.field("note", |w| w.optional_string(h.note.as_deref()));
        self.field("created", |w| w.string(&h.created));
        if !h.by.is_empty() {
            self.field("by", |w| w.string(&h.by));
        }
        self.field("anchor", |w| w.anchor(&h.anchor));
        self.close(")");
    }
}
