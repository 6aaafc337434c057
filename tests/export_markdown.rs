//! Property: whatever an analyst writes (any Unicode, Markdown syntax, line breaks) comes out
//! of the export as the same text in the intended block, read back with a CommonMark parser
//! (pulldown-cmark, every extension on): a note in a list item, a quote in a block quote,
//! a highlight's note in italics inside it, a title in its heading, the corpus and query in
//! the YAML front matter. No stray emphasis, heading, link, HTML, code or list appears.

use dossier::export::{self, ExportContext, ExportOptions, GroupBy};
use dossier::notebook::{Anchor, AnchorState, DocumentNotes, Highlight, Note, Notebook};
use dossier::store::{Document, read_document};
use proptest::prelude::*;
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

const EMPHASIS_START: char = '\u{F0000}';
const EMPHASIS_END: char = '\u{F0001}';

/// Markdown that a naive export would turn into syntax.
const NASTY: &[&str] = &[
    "1. ",
    "2) ",
    "- ",
    "+ ",
    "* ",
    "> ",
    "# ",
    "## x ##",
    "```",
    "~~~",
    "<div>",
    "</div>",
    "<!-- c -->",
    "<b>",
    "&amp;",
    "&#42;",
    "&copy",
    "[a](b)",
    "![i](x)",
    "[x]: /u",
    "***",
    "---",
    "===",
    "\n\n",
    "\n",
    "\r\n",
    "\r",
    "  ",
    "\\",
    "*a*",
    "_a_",
    "__b__",
    "a_b_c",
    "`x`",
    "<http://x.y>",
    "|a|b|\n|-|-|",
    "~~s~~",
    "$x$",
    "$$",
    "^x^",
    "~x~",
    "[^1]",
    "[^1]: n",
    "[[wiki]]",
    "    code",
    "\t",
    ": def",
    "[!NOTE]",
    "- [ ] task",
    "{#id}",
    "==hl==",
    "\u{a0}",
    "\u{2028}",
    "\u{0}",
    "\u{1b}[31m",
    "\u{202e}",
    "é",
    "日本",
    " ",
    "x",
    "1986.",
];

fn text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        3 => prop::sample::select(NASTY).prop_map(str::to_owned),
        2 => "[#*_>\\[\\]`<>&|~\\\\=+\\-.):!$^{} \n\r\t0-9a-z]{0,12}",
        1 => any::<String>(),
    ];
    prop::collection::vec(piece, 0..10)
        .prop_map(|v| v.concat().replace([EMPHASIS_START, EMPHASIS_END], ""))
}

/// What survives of a text in Markdown: lines without control characters (tabs become
/// spaces), trimmed; blank lines separate paragraphs.
fn expected_paragraphs(text: &str) -> Vec<String> {
    let unified = text
        .replace("\r\n", "\n")
        .replace(['\r', '\u{2028}', '\u{2029}'], "\n");
    let mut paragraphs = Vec::new();
    let mut current: Vec<String> = Vec::new();
    for line in unified.split('\n') {
        let line: String = line
            .chars()
            .filter_map(|c| match c {
                '\t' => Some(' '),
                c if c.is_control() => None,
                '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' => None,
                c => Some(c),
            })
            .collect();
        let line = line.trim();
        if line.is_empty() {
            if !current.is_empty() {
                paragraphs.push(current.join("\n"));
                current.clear();
            }
        } else {
            current.push(line.to_owned());
        }
    }
    if !current.is_empty() {
        paragraphs.push(current.join("\n"));
    }
    paragraphs
}

fn emphasised(text: &str) -> String {
    format!("{EMPHASIS_START}{text}{EMPHASIS_END}")
}

/// A block of text as the parser read it: what kind, inside what, and its text (hard
/// breaks as `\n`, code spans in backticks, emphasis between the marker characters).
#[derive(Debug)]
struct Block {
    kind: String,
    parents: Vec<String>,
    text: String,
}

fn blocks(markdown: &str) -> Vec<Block> {
    let options = Options::all() - Options::ENABLE_SMART_PUNCTUATION;
    let mut stack: Vec<Block> = Vec::new();
    let mut done = Vec::new();
    for event in Parser::new_ext(markdown, options) {
        match event {
            Event::Start(tag) => {
                match &tag {
                    Tag::Paragraph
                    | Tag::Heading { .. }
                    | Tag::Item
                    | Tag::MetadataBlock(_)
                    | Tag::List(None)
                    | Tag::BlockQuote(None) => {}
                    Tag::Emphasis => {
                        if let Some(b) = stack.last_mut() {
                            b.text.push(EMPHASIS_START);
                        }
                        continue;
                    }
                    other => panic!("unexpected {other:?} in\n{markdown}"),
                }
                let kind = match &tag {
                    Tag::Heading { level, .. } => format!("{level:?}"),
                    other => format!("{other:?}"),
                };
                let parents = stack.iter().map(|b| b.kind.clone()).collect();
                stack.push(Block {
                    kind,
                    parents,
                    text: String::new(),
                });
            }
            Event::End(TagEnd::Emphasis) => {
                if let Some(b) = stack.last_mut() {
                    b.text.push(EMPHASIS_END);
                }
            }
            Event::End(_) => done.extend(stack.pop()),
            Event::Text(t) => stack.last_mut().unwrap().text.push_str(&t),
            Event::Code(c) => {
                let b = stack.last_mut().unwrap();
                b.text.push('`');
                b.text.push_str(&c);
                b.text.push('`');
            }
            Event::HardBreak => stack.last_mut().unwrap().text.push('\n'),
            other => panic!("unexpected {other:?} in\n{markdown}"),
        }
    }
    done
}

#[derive(Debug)]
struct Case {
    corpus: String,
    query: String,
    title: String,
    note: String,
    quote: String,
    highlight_note: String,
}

fn export_case(case: &Case, group_by: GroupBy) -> String {
    let mut doc: Document = read_document("doc.txt", b"Some text").unwrap();
    doc.meta.title = case.title.clone();
    let mut entry = DocumentNotes::new(&doc.id, "t");
    entry.tags = vec!["t".into()];
    entry.notes.push(Note {
        id: "n".into(),
        text: case.note.clone(),
        created: "c".into(),
        by: String::new(),
    });
    entry.highlights.push(Highlight {
        id: "h".into(),
        tags: vec!["t".into()],
        note: Some(case.highlight_note.clone()),
        created: "c".into(),
        by: String::new(),
        anchor: Anchor {
            start: 0,
            end: case.quote.len(),
            quote: case.quote.clone(),
            prefix: String::new(),
            suffix: String::new(),
        },
        state: AnchorState::Ok,
    });
    let mut notebook = Notebook::new("c");
    notebook.documents.insert("doc.txt".into(), entry);
    let options = ExportOptions {
        group_by,
        ..ExportOptions::default()
    };
    let context = ExportContext {
        corpus: case.corpus.clone(),
        query: Some(case.query.clone()),
        date: jiff::civil::date(2024, 5, 3),
    };
    export::export(&[&doc], &notebook, &options, &context)
}

fn one_line(text: &str) -> String {
    dossier::text::one_line(text)
}

/// The quote's paragraphs, then `— lead · *note*`, then the note's other paragraphs.
fn check_quote(blocks: &[Block], case: &Case, lead: &str) {
    let in_quote: Vec<&str> = blocks
        .iter()
        .filter(|b| b.kind == "Paragraph" && b.parents.iter().any(|p| p.starts_with("BlockQuote")))
        .map(|b| b.text.as_str())
        .collect();
    let quote = expected_paragraphs(&case.quote);
    let note = expected_paragraphs(&case.highlight_note);
    let mut expected: Vec<String> = quote.clone();
    match note.split_first() {
        None => expected.push(format!("— {lead}")),
        Some((first, rest)) => {
            expected.push(format!("— {lead} · {}", emphasised(first)));
            expected.extend(rest.iter().map(|p| emphasised(p)));
        }
    }
    assert_eq!(in_quote, expected);
}

fn check_front_matter(markdown: &str, case: &Case) {
    #[derive(serde::Deserialize)]
    struct Front {
        corpus: String,
        query: Option<String>,
        documents: usize,
        highlights: usize,
    }
    let yaml = markdown
        .strip_prefix("---\n")
        .and_then(|rest| rest.split_once("\n---\n"))
        .map(|(yaml, _)| yaml)
        .unwrap();
    let front: Front = serde_saphyr::from_str(yaml).unwrap();
    assert_eq!(front.corpus, case.corpus);
    assert_eq!(front.query.as_deref(), Some(case.query.as_str()));
    assert_eq!((front.documents, front.highlights), (1, 1));
}

fn headings<'b>(blocks: &'b [Block], level: &str) -> Vec<&'b str> {
    blocks
        .iter()
        .filter(|b| b.kind == level)
        .map(|b| b.text.as_str())
        .collect()
}

fn title_or_path(case: &Case) -> String {
    let title = one_line(&case.title);
    if title.is_empty() {
        "doc.txt".into()
    } else {
        title
    }
}

fn case() -> impl Strategy<Value = Case> {
    (text(), text(), text(), text(), text(), text()).prop_map(
        |(corpus, query, title, note, quote, highlight_note)| Case {
            corpus,
            query,
            title,
            note,
            quote,
            highlight_note,
        },
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn per_document_export_keeps_every_text_in_its_block(case in case()) {
        let markdown = export_case(&case, GroupBy::Document);
        let blocks = blocks(&markdown);
        check_front_matter(&markdown, &case);
        prop_assert_eq!(headings(&blocks, "H1"), vec![one_line(&case.corpus)]);
        prop_assert_eq!(headings(&blocks, "H2"), vec![title_or_path(&case)]);
        let item_text: Vec<&str> = blocks
            .iter()
            .filter(|b| {
                (b.kind == "Item" && !b.text.is_empty())
                    || (b.kind == "Paragraph" && b.parents.iter().any(|p| p == "Item"))
            })
            .map(|b| b.text.as_str())
            .collect();
        prop_assert_eq!(item_text, expected_paragraphs(&case.note));
        check_quote(&blocks, &case, "#t");
        let top: Vec<&str> = blocks
            .iter()
            .filter(|b| b.kind == "Paragraph" && b.parents.is_empty())
            .map(|b| b.text.as_str())
            .skip(1)
            .collect();
        prop_assert_eq!(top, vec![emphasised("`doc.txt`"), "Tags: #t".to_owned()]);
    }

    #[test]
    fn by_tag_export_keeps_every_text_in_its_block(case in case()) {
        let markdown = export_case(&case, GroupBy::Tag);
        let blocks = blocks(&markdown);
        prop_assert_eq!(headings(&blocks, "H2"), vec!["#t"]);
        let items: Vec<&str> = blocks
            .iter()
            .filter(|b| b.kind == "Item")
            .map(|b| b.text.as_str())
            .collect();
        prop_assert_eq!(items, vec![format!("{} · `doc.txt`", title_or_path(&case))]);
        check_quote(&blocks, &case, &title_or_path(&case));
    }
}
