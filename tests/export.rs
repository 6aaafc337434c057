//! Golden files of the Markdown export: the sample corpus with the fixture notebook
//! (tests/fixtures/notebook.ron), per document, by tag, for a query, and with full text.

use dossier::export::{self, ExportContext, ExportOptions, GroupBy};
use dossier::notebook::{AnchorState, Notebook};
use dossier::store::{Corpus, Document};
use pulldown_cmark::{Event, Options, Parser, Tag};

const MOVED: &str = "01HVB0000000A1";
const ORPHANED: &str = "01HVB0000000C3";

/// The fixture notebook, with the anchor states a load would find: one highlight moved,
/// one orphaned (its quote was edited out of the text).
fn notebook() -> Notebook {
    let text = include_str!("fixtures/notebook.ron");
    let mut notebook: Notebook = ron::from_str(text).unwrap();
    notebook.each_entry_mut(|_, entry| {
        for highlight in &mut entry.highlights {
            highlight.state = match highlight.id.as_str() {
                MOVED => AnchorState::Moved,
                ORPHANED => AnchorState::Orphaned,
                _ => AnchorState::Ok,
            };
        }
    });
    notebook
}

/// The sample documents in the list's order: dated first.
fn documents(corpus: &Corpus) -> Vec<&Document> {
    let mut docs: Vec<&Document> = corpus.documents.iter().collect();
    docs.sort_by_key(|d| d.meta.date.is_none());
    docs
}

fn context(query: Option<&str>) -> ExportContext {
    ExportContext {
        corpus: "sample".into(),
        query: query.map(str::to_owned),
        date: jiff::civil::date(2024, 5, 3),
    }
}

fn export_sample(options: &ExportOptions) -> String {
    let corpus = Corpus::sample();
    export::export(&documents(&corpus), &notebook(), options, &context(None))
}

#[test]
fn fixture_anchors_quote_the_sample_text() {
    let corpus = Corpus::sample();
    let notebook = notebook();
    let mut checked = 0;
    for (path, entry) in &notebook.documents {
        let doc = corpus.find(path).unwrap();
        assert_eq!(entry.id, doc.id, "{path}");
        for h in entry.highlights.iter().filter(|h| h.id != ORPHANED) {
            assert_eq!(
                doc.text.get(h.anchor.start..h.anchor.end),
                Some(&*h.anchor.quote)
            );
            checked += 1;
        }
    }
    assert_eq!(checked, 6);
}

#[test]
fn per_document_export_reads_as_a_report() {
    insta::assert_snapshot!("per_document", export_sample(&ExportOptions::default()));
}

#[test]
fn by_tag_export_nests_sub_tags_below_their_parent() {
    let options = ExportOptions {
        group_by: GroupBy::Tag,
        ..ExportOptions::default()
    };
    insta::assert_snapshot!("by_tag", export_sample(&options));
}

#[test]
fn export_of_a_query_names_it_and_holds_only_its_documents() {
    // What `dossier export --query 'tag:hybrid'` passes in: the documents the query kept.
    let corpus = Corpus::sample();
    let docs: Vec<&Document> = documents(&corpus)
        .into_iter()
        .filter(|d| d.path.starts_with("002_"))
        .collect();
    let markdown = export::export(
        &docs,
        &notebook(),
        &ExportOptions::default(),
        &context(Some("tag:hybrid `x`")),
    );
    insta::assert_snapshot!("query", markdown);
}

#[test]
fn full_text_and_unannotated_documents_when_asked() {
    let corpus = Corpus::sample();
    let docs: Vec<&Document> = documents(&corpus).into_iter().take(1).collect();
    let options = ExportOptions {
        include_untagged: true,
        include_text: true,
        heading_level: 1,
        group_by: GroupBy::Document,
    };
    let markdown = export::export(&docs, &Notebook::new("sample"), &options, &context(None));
    insta::assert_snapshot!("full_text", markdown);
}

#[test]
fn documents_without_notes_are_left_out_by_default() {
    let corpus = Corpus::sample();
    let docs = documents(&corpus);
    let empty = Notebook::new("sample");
    let options = ExportOptions::default();
    assert_eq!(export::count(&docs, &empty, &options).documents, 0);
    let markdown = export::export(&docs, &empty, &options, &context(None));
    assert!(markdown.contains("documents: 0\n"));
    assert!(!markdown.contains("## "));
    let all = ExportOptions {
        include_untagged: true,
        ..options
    };
    assert_eq!(export::count(&docs, &empty, &all).documents, 2);
}

#[test]
fn heading_levels_follow_the_option() {
    let options = ExportOptions {
        heading_level: 3,
        group_by: GroupBy::Tag,
        ..ExportOptions::default()
    };
    let markdown = export_sample(&options);
    assert!(markdown.contains("\n## sample\n"));
    assert!(markdown.contains("\n### #cyber\n"));
    assert!(markdown.contains("\n#### #cyber/5g\n"));
}

/// The golden files are valid CommonMark of the intended shape: front matter, headings,
/// and no link, HTML, code block or stray emphasis from the notes' Markdown characters.
#[test]
fn exported_markdown_has_only_the_intended_structure() {
    for group_by in [GroupBy::Document, GroupBy::Tag] {
        let options = ExportOptions {
            group_by,
            include_text: true,
            ..ExportOptions::default()
        };
        let markdown = export_sample(&options);
        let mut emphasis = Vec::new();
        let mut in_emphasis = false;
        for event in Parser::new_ext(&markdown, Options::all()) {
            match event {
                Event::Start(Tag::MetadataBlock(_)) => assert!(markdown.starts_with("---\n")),
                Event::Start(Tag::Emphasis) => {
                    in_emphasis = true;
                    emphasis.push(String::new());
                }
                Event::End(pulldown_cmark::TagEnd::Emphasis) => in_emphasis = false,
                Event::Text(t) if in_emphasis => {
                    if let Some(last) = emphasis.last_mut() {
                        last.push_str(&t);
                    }
                }
                Event::Start(
                    Tag::Link { .. } | Tag::Image { .. } | Tag::CodeBlock(_) | Tag::HtmlBlock,
                )
                | Event::Html(_)
                | Event::InlineHtml(_)
                | Event::InlineMath(_)
                | Event::DisplayMath(_)
                | Event::FootnoteReference(_)
                | Event::TaskListMarker(_) => panic!("unexpected {event:?} in {group_by:?}"),
                Event::Start(
                    Tag::Strikethrough
                    | Tag::Superscript
                    | Tag::Subscript
                    | Tag::Table(_)
                    | Tag::DefinitionList
                    | Tag::FootnoteDefinition(_),
                ) => {
                    panic!("unexpected {event:?}")
                }
                _ => {}
            }
        }
        assert!(emphasis.iter().any(|t| t.contains("Asked about *Huawei*")));
    }
}

#[test]
fn a_dataset_row_s_extra_fields_are_in_its_metadata() {
    let csv = concat!(
        "id,speaker,party,seats,text\n",
        "a,Ann Smith,Labour *Left*,12,\"We will build more schools and hospitals in every town, ",
        "and we will pay for them with a fair tax on the largest fortunes of the country. ",
        "That is our promise, and we will keep it in the first year of a new government.\"\n",
    );
    let corpus = Corpus::from_files("speeches", &[("speeches.csv", csv.as_bytes())]);
    let docs: Vec<&Document> = corpus.documents.iter().collect();
    let options = ExportOptions {
        include_untagged: true,
        ..ExportOptions::default()
    };
    let markdown = export::export(&docs, &Notebook::new("speeches"), &options, &context(None));
    insta::assert_snapshot!("dataset_fields", markdown);
}
