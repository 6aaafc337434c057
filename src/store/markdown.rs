//! Reads `.md` documents: YAML front matter becomes metadata, the CommonMark body becomes
//! readable plain text (escapes resolved, soft-wrapped lines joined, links as their text)
//! with the emphasis kept as styled ranges.

use super::dates;
use super::metadata::Given;
use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// How a range of the body was written in Markdown, for the reader to style it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum TextStyle {
    /// `*emphasis*`
    Emphasis,
    /// `**strong**`
    Strong,
    /// `# Heading`
    Heading,
    /// Inline `code` and code blocks.
    Code,
}

/// A styled byte range of the normalized text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StyledRange {
    /// Start byte offset.
    pub start: usize,
    /// End byte offset (exclusive).
    pub end: usize,
    /// The style.
    pub style: TextStyle,
}

/// A Markdown document turned into text.
#[derive(Debug, Default)]
pub struct Rendered {
    /// The body as plain text.
    pub text: String,
    /// Emphasis, headings and code in the text.
    pub styles: Vec<StyledRange>,
    /// Metadata from the front matter.
    pub given: Given,
    /// Link targets, which the plain text no longer shows.
    pub links: Vec<String>,
    /// Problems worth a warning (a front matter that is not YAML).
    pub problems: Vec<String>,
}

/// Splits off a `---` … `---` front matter block at the very start of the text.
fn split_front_matter(text: &str) -> Option<(&str, &str)> {
    let rest = text.strip_prefix("---\n")?;
    let mut offset = 0;
    for line in rest.split_inclusive('\n') {
        if matches!(line.trim_end(), "---" | "...") {
            return Some((&rest[..offset], &rest[offset + line.len()..]));
        }
        offset += line.len();
    }
    None
}

/// Renders a cleaned Markdown text (line ends already `\n`, controls already removed).
pub fn render(text: &str) -> Rendered {
    let mut out = Rendered::default();
    let body = match split_front_matter(text) {
        Some((yaml, body)) => {
            match serde_saphyr::from_str::<Value>(yaml) {
                Ok(value) => out.given = given_from(&value),
                Err(e) => out.problems.push(format!(
                    "front matter is not valid YAML{}",
                    e.location()
                        .map(|l| format!(" at line {}, column {}", l.line() + 1, l.column()))
                        .unwrap_or_default()
                )),
            }
            body
        }
        None => text,
    };
    render_body(body, &mut out);
    out
}

fn given_from(value: &Value) -> Given {
    let field = |names: &[&str]| {
        names.iter().find_map(|name| match value.get(*name)? {
            Value::String(s) => Some(crate::text::one_line(s)).filter(|s| !s.is_empty()),
            Value::Number(n) => Some(n.to_string()),
            Value::Array(items) => items
                .first()
                .and_then(|v| v.as_str())
                .map(crate::text::one_line),
            _ => None,
        })
    };
    Given {
        title: field(&["title"]),
        date: field(&["date", "published", "published_time"])
            .and_then(|d| dates::parse_doc_date(&d)),
        speaker: field(&["speaker", "author"]),
        place: field(&["place", "location", "dateline"]),
        kind: field(&["kind", "type"]).map(|k| k.to_lowercase()),
        from: None,
    }
}

/// Walks the CommonMark events and writes blocks separated by blank lines.
fn render_body(body: &str, out: &mut Rendered) {
    let options =
        Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_FOOTNOTES;
    let mut open_styles: Vec<(TextStyle, usize)> = Vec::new();
    let mut lists: Vec<Option<u64>> = Vec::new();
    let mut text = String::with_capacity(body.len());
    for event in Parser::new_ext(body, options) {
        match event {
            Event::Start(tag) => match tag {
                Tag::Paragraph | Tag::CodeBlock(_) | Tag::Table(_) => start_block(&mut text),
                Tag::Heading { level, .. } => {
                    start_block(&mut text);
                    let style = if level <= HeadingLevel::H6 {
                        TextStyle::Heading
                    } else {
                        TextStyle::Strong
                    };
                    open_styles.push((style, text.len()));
                }
                Tag::BlockQuote(_) => start_block(&mut text),
                Tag::List(first) => {
                    start_block(&mut text);
                    lists.push(first);
                }
                Tag::Item => {
                    if !text.is_empty() && !text.ends_with('\n') {
                        text.push('\n');
                    }
                    let depth = lists.len().saturating_sub(1);
                    text.push_str(&"  ".repeat(depth));
                    match lists.last_mut() {
                        Some(Some(n)) => {
                            text.push_str(&format!("{n}. "));
                            *n += 1;
                        }
                        _ => text.push_str("• "),
                    }
                }
                Tag::Emphasis => open_styles.push((TextStyle::Emphasis, text.len())),
                Tag::Strong => open_styles.push((TextStyle::Strong, text.len())),
                Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. } => {
                    out.links.push(dest_url.to_string());
                }
                Tag::FootnoteDefinition(label) => {
                    start_block(&mut text);
                    text.push_str(&format!("[{label}] "));
                }
                Tag::TableRow | Tag::TableHead if !text.is_empty() && !text.ends_with('\n') => {
                    text.push('\n');
                }
                Tag::TableCell if !text.is_empty() && !text.ends_with('\n') => {
                    text.push_str(" | ");
                }
                _ => {}
            },
            Event::End(end) => match end {
                TagEnd::Heading(_) | TagEnd::Emphasis | TagEnd::Strong => {
                    if let Some((style, start)) = open_styles.pop()
                        && text.len() > start
                    {
                        out.styles.push(StyledRange {
                            start,
                            end: text.len(),
                            style,
                        });
                    }
                }
                TagEnd::List(_) => {
                    lists.pop();
                }
                TagEnd::Paragraph => drop_blank_paragraph(&mut text),
                _ => {}
            },
            Event::Text(t) => push_clean(&mut text, &t),
            Event::Code(t) => {
                let start = text.len();
                push_clean(&mut text, &t);
                out.styles.push(StyledRange {
                    start,
                    end: text.len(),
                    style: TextStyle::Code,
                });
            }
            Event::SoftBreak => text.push(' '),
            Event::HardBreak => {
                // Trailing spaces before a hard break carry no meaning in the text.
                let trimmed = text.trim_end_matches([' ', '\u{a0}']).len();
                text.truncate(trimmed);
                text.push('\n');
            }
            Event::Rule => {
                start_block(&mut text);
                text.push_str("* * *");
            }
            Event::FootnoteReference(label) => text.push_str(&format!("[{label}]")),
            Event::TaskListMarker(done) => text.push_str(if done { "[x] " } else { "[ ] " }),
            Event::Html(_) | Event::InlineHtml(_) => {}
            Event::InlineMath(t) | Event::DisplayMath(t) => push_clean(&mut text, &t),
        }
    }
    let len = text.trim_end().len();
    text.truncate(len);
    out.styles.retain(|s| s.end <= text.len());
    out.text = text;
}

/// Entities such as `&#27;` decode to controls: they must not reach the text either.
fn push_clean(text: &mut String, piece: &str) {
    super::normalize::push_without_controls(text, piece);
}

fn start_block(text: &mut String) {
    if text.is_empty() {
        return;
    }
    while !text.ends_with("\n\n") {
        text.push('\n');
    }
}

/// A paragraph of only spaces (a lone `&nbsp;` line) is dropped with its separator.
fn drop_blank_paragraph(text: &mut String) {
    let block_start = text.rfind("\n\n").map_or(0, |i| i + 2);
    if text[block_start..].chars().all(char::is_whitespace) {
        text.truncate(block_start);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn front_matter_and_body() {
        let md = "---\ntitle: \"A\\_title\"\ndate: '2023-07-12'\n---\n \nVilnius University  \nVilnius, Lithuania\n\nSome *soft*\nwrapped \\_line.\n";
        let r = render(md);
        assert_eq!(r.given.title.as_deref(), Some("A title"));
        assert_eq!(r.given.date, Some("2023-07-12".parse().unwrap()));
        assert_eq!(
            r.text,
            "Vilnius University\nVilnius, Lithuania\n\nSome soft wrapped _line."
        );
        assert_eq!(r.styles.len(), 1);
        assert_eq!(&r.text[r.styles[0].start..r.styles[0].end], "soft");
    }

    #[test]
    fn bad_front_matter_is_a_problem_not_a_failure() {
        let r = render("---\ntitle: [unclosed\n---\nBody\n");
        assert_eq!(r.problems.len(), 1);
        assert_eq!(r.text, "Body");
    }

    #[test]
    fn entities_cannot_smuggle_escapes() {
        let r = render("a &#27;[31m b");
        assert!(!r.text.contains('\u{1b}'));
    }
}
