//! `.html`/`.htm` (SPEC §11): the page's main text, without navigation, header, footer,
//! scripts and styles, block elements as paragraphs and links as their text; the title from
//! `og:title`, the first `<h1>` of `<main>`/`<article>`, the first `<h1>` or `<title>`; the date
//! from `article:published_time`, `<meta name="date">`, `DC.date` or `<time datetime>`. The
//! page's declared charset is honoured. Parsing is html5ever's (through `scraper`), so a page
//! is read as a browser reads it, however broken its markup.

use super::{Candidate, Extracted, Paragraphs};
use ego_tree::iter::Edge;
use scraper::{ElementRef, Html, Node};

/// Reads an HTML page; every page gives some result (html5ever accepts anything).
pub fn extract(bytes: &[u8]) -> Extracted {
    let mut warnings = Vec::new();
    let (page, declared) = parse(bytes, &mut warnings);
    let root = page.root_element();
    let main = main_element(root);
    let mut paragraphs = Paragraphs::new();
    text_of(main.unwrap_or(root), &mut paragraphs);
    let (mut text, mut styles) = paragraphs.finish();
    if text.trim().is_empty() && main.is_some() {
        // A `<main>` holding nothing readable: the page's body is better than nothing.
        let mut paragraphs = Paragraphs::new();
        text_of(root, &mut paragraphs);
        (text, styles) = paragraphs.finish();
    }
    if let Some(label) = declared {
        warnings.push(format!("unknown charset {label:?}, read as UTF-8"));
    }
    Extracted {
        text,
        styles,
        title: title(root, main),
        date: date(root, main),
        author: meta(root, "name", "author").and_then(|v| Candidate::new(v, "meta author")),
        warnings,
        ..Extracted::default()
    }
}

/// The page decoded in its declared charset (UTF-8 when it declares none and is valid
/// UTF-8, else Windows-1252 as browsers do), and the label of a charset it declares that
/// is unknown.
fn parse(bytes: &[u8], warnings: &mut Vec<String>) -> (Html, Option<String>) {
    if let Some((encoding, _)) = encoding_rs::Encoding::for_bom(bytes) {
        return (decode_and_parse(bytes, encoding, warnings), None);
    }
    let utf8 = std::str::from_utf8(bytes).ok();
    let page = Html::parse_document(&String::from_utf8_lossy(bytes));
    let Some(label) = declared_charset(page.root_element()) else {
        return match utf8 {
            Some(_) => (page, None),
            None => (
                decode_and_parse(bytes, encoding_rs::WINDOWS_1252, warnings),
                None,
            ),
        };
    };
    match encoding_rs::Encoding::for_label(label.trim().as_bytes()) {
        // A page in UTF-8 (or claiming UTF-16, which a byte-oriented page cannot be).
        Some(e) if e == encoding_rs::UTF_8 || e.output_encoding() == encoding_rs::UTF_8 => {
            if utf8.is_none() {
                warnings.push("invalid UTF-8 sequences replaced".to_owned());
            }
            (page, None)
        }
        Some(encoding) => (decode_and_parse(bytes, encoding, warnings), None),
        None => (page, Some(label)),
    }
}

fn decode_and_parse(
    bytes: &[u8],
    encoding: &'static encoding_rs::Encoding,
    warnings: &mut Vec<String>,
) -> Html {
    let (text, _, had_errors) = encoding.decode(bytes);
    if had_errors {
        warnings.push(format!("bytes invalid in {} replaced", encoding.name()));
    }
    Html::parse_document(&text)
}

/// The charset a `<meta charset>` or `<meta http-equiv="Content-Type">` declares.
fn declared_charset(root: ElementRef) -> Option<String> {
    for el in root
        .descendent_elements()
        .filter(|e| e.value().name() == "meta")
    {
        if let Some(charset) = el.attr("charset") {
            return Some(charset.to_owned());
        }
        let is_content_type = el
            .attr("http-equiv")
            .is_some_and(|h| h.eq_ignore_ascii_case("content-type"));
        if is_content_type
            && let Some(content) = el.attr("content")
            && let Some(at) = content.to_ascii_lowercase().find("charset=")
        {
            let value = &content[at + "charset=".len()..];
            let value = value.trim_start_matches(['"', '\'']);
            let end = value.find([';', '"', '\'', ' ']).unwrap_or(value.len());
            return Some(value[..end].to_owned());
        }
    }
    None
}

/// The element holding the main text: `<main>` (or `role="main"`), else the page's only
/// `<article>`.
fn main_element(root: ElementRef<'_>) -> Option<ElementRef<'_>> {
    let mut articles = Vec::new();
    for el in root.descendent_elements() {
        let e = el.value();
        if e.name() == "main" || e.attr("role") == Some("main") {
            return Some(el);
        }
        if e.name() == "article" {
            articles.push(el);
        }
    }
    match articles.as_slice() {
        [one] => Some(*one),
        _ => None,
    }
}

/// Elements whose content is never text: code, styling, form controls, embedded media.
/// (Not `<form>` itself: content systems wrap whole lists of releases in one.)
const NOT_TEXT: &[&str] = &[
    "script", "style", "noscript", "template", "head", "title", "svg", "math", "canvas", "iframe",
    "object", "embed", "video", "audio", "button", "select", "textarea", "input",
];

/// Elements that frame a page rather than say anything: navigation and page furniture.
const FURNITURE: &[&str] = &["nav", "header", "footer", "aside", "menu", "dialog"];

/// ARIA roles of page furniture.
const FURNITURE_ROLES: &[&str] = &[
    "navigation",
    "banner",
    "contentinfo",
    "search",
    "complementary",
    "menu",
    "menubar",
    "dialog",
];

/// Words of `class` and `id` values that mark navigation blocks in pages that predate
/// `<nav>` (`class="menu"`, `id="breadcrumb"`, `class="sidebar-left"`).
const FURNITURE_WORDS: &[&str] = &[
    "nav",
    "navbar",
    "navigation",
    "menu",
    "breadcrumb",
    "breadcrumbs",
    "sidebar",
    "footer",
    "skip",
    "share",
    "sharing",
    "social",
    "cookie",
    "cookies",
    "masthead",
    "pager",
    "pagination",
];

/// True for an element whose whole content is left out of the text.
fn is_dropped(el: &scraper::node::Element) -> bool {
    let name = el.name();
    if NOT_TEXT.contains(&name) || FURNITURE.contains(&name) {
        return true;
    }
    if el.attr("hidden").is_some() || el.attr("aria-hidden") == Some("true") {
        return true;
    }
    if el
        .attr("role")
        .is_some_and(|r| FURNITURE_ROLES.contains(&r.trim().to_ascii_lowercase().as_str()))
    {
        return true;
    }
    let words = el.attr("class").into_iter().chain(el.attr("id"));
    words
        .flat_map(|v| v.split(|c: char| c.is_whitespace() || c == '-' || c == '_'))
        .any(|w| FURNITURE_WORDS.iter().any(|f| w.eq_ignore_ascii_case(f)))
}

/// Elements that begin and end a paragraph.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "section",
    "article",
    "main",
    "body",
    "li",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "pre",
    "table",
    "tr",
    "address",
    "figure",
    "figcaption",
    "hr",
    "center",
    "caption",
];

/// Walks `top` (without recursion: a page may nest thousands deep) into paragraphs.
fn text_of(top: ElementRef, out: &mut Paragraphs) {
    // Depth inside a dropped element (0: not in one), and inside `<pre>`.
    let mut dropped = 0usize;
    let mut pre = 0usize;
    for edge in top.traverse() {
        match edge {
            Edge::Open(node) => match node.value() {
                Node::Element(el) if dropped > 0 || is_dropped(el) => dropped += 1,
                Node::Element(el) => {
                    let name = el.name();
                    if name == "br" {
                        out.line_break();
                    } else if matches!(name, "td" | "th") {
                        out.tab();
                    } else if BLOCKS.contains(&name) {
                        out.end();
                        if matches!(name, "h1" | "h2" | "h3" | "h4" | "h5" | "h6") {
                            out.heading();
                        }
                        pre += usize::from(name == "pre");
                    }
                }
                Node::Text(t) if dropped == 0 => push_text(out, &t.text, pre > 0),
                _ => {}
            },
            Edge::Close(node) => {
                if let Node::Element(el) = node.value() {
                    if dropped > 0 {
                        dropped -= 1;
                    } else if BLOCKS.contains(&el.name()) {
                        out.end();
                        pre -= usize::from(el.name() == "pre" && pre > 0);
                    }
                }
            }
        }
    }
}

fn push_text(out: &mut Paragraphs, text: &str, pre: bool) {
    if !pre {
        return out.push(text);
    }
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.line_break();
        }
        out.push(line);
    }
}

/// The text of an element, whitespace collapsed.
fn inline_text(el: ElementRef) -> String {
    let mut p = Paragraphs::new();
    for piece in el.text() {
        p.push(piece);
        p.push(" ");
    }
    p.finish().0
}

/// The title, in the order of SPEC §11.
fn title(root: ElementRef, main: Option<ElementRef>) -> Option<Candidate> {
    let first_h1 = |within: ElementRef| {
        within
            .descendent_elements()
            .filter(|e| e.value().name() == "h1")
            .map(inline_text)
            .find(|t| !t.is_empty())
    };
    let in_main = main.into_iter().chain(
        root.descendent_elements()
            .filter(|e| matches!(e.value().name(), "main" | "article")),
    );
    meta(root, "property", "og:title")
        .and_then(|v| Candidate::new(v, "og:title"))
        .or_else(|| {
            in_main
                .filter_map(first_h1)
                .next()
                .and_then(|t| Candidate::new(&t, "main h1"))
        })
        .or_else(|| first_h1(root).and_then(|t| Candidate::new(&t, "h1")))
        .or_else(|| {
            root.descendent_elements()
                .find(|e| e.value().name() == "title")
                .and_then(|t| Candidate::new(&inline_text(t), "title"))
        })
}

/// The date, in the order of SPEC §11: the head's metadata, then the first `<time
/// datetime>` of the main text (else of the page).
fn date(root: ElementRef, main: Option<ElementRef>) -> Option<Candidate> {
    let metas = [
        ("property", "article:published_time"),
        ("name", "date"),
        ("name", "dc.date"),
        ("name", "dc.date.issued"),
        ("name", "dcterms.date"),
    ];
    for (attr, key) in metas {
        if let Some(found) = meta(root, attr, key).and_then(|v| Candidate::new(v, key)) {
            return Some(found);
        }
    }
    let time = |within: ElementRef| {
        within
            .descendent_elements()
            .filter(|e| e.value().name() == "time")
            .find_map(|e| e.attr("datetime").and_then(|d| Candidate::new(d, "time")))
    };
    main.and_then(time).or_else(|| time(root))
}

/// The `content` of the first `<meta ATTR="KEY">` (KEY in any case).
fn meta<'a>(root: ElementRef<'a>, attr: &str, key: &str) -> Option<&'a str> {
    root.descendent_elements()
        .filter(|e| e.value().name() == "meta")
        .find(|e| {
            e.attr(attr)
                .is_some_and(|v| v.trim().eq_ignore_ascii_case(key))
        })
        .and_then(|e| e.attr("content"))
}
