//! Turns the text of a PDF's pages into one document text: the lines that repeat at the top
//! or bottom of most pages (running headers and footers, page numbers or not) and lines that
//! are only a page number are dropped; a word hyphenated at a line end is joined to its other
//! half; pages are separated by a paragraph break. Plain text in, plain text out, so every
//! rule is tested without a PDF.

use regex::Regex;
use std::collections::HashMap;
use std::sync::LazyLock;

/// A roman page number up to 399 (front matter), lower case.
static ROMAN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^c{0,3}(xc|xl|l?x{0,3})(ix|iv|v?i{0,3})$").expect("static regex")
});

/// How many lines at each end of a page may be running headers or footers.
const ZONE: usize = 3;

/// The cleaned text of all pages.
pub fn clean(pages: &[String]) -> String {
    let pages: Vec<Vec<&str>> = pages
        .iter()
        .map(|p| p.lines().map(str::trim_end).collect())
        .collect();
    let running = running_lines(&pages);
    let mut kept: Vec<Vec<&str>> = Vec::with_capacity(pages.len());
    for lines in &pages {
        let visible: Vec<usize> = (0..lines.len())
            .filter(|&i| !lines[i].trim().is_empty())
            .collect();
        let in_zone = |i: usize| {
            let rank = visible.iter().position(|&v| v == i).unwrap_or(usize::MAX);
            rank < ZONE || rank + ZONE >= visible.len()
        };
        let page: Vec<&str> = lines
            .iter()
            .enumerate()
            .filter(|&(i, line)| {
                let trimmed = line.trim();
                trimmed.is_empty()
                    || !(in_zone(i)
                        && (is_page_number(trimmed) || running.contains_key(&key(trimmed))))
            })
            .map(|(_, line)| *line)
            .collect();
        kept.push(page);
    }
    join(&kept)
}

/// The keys of lines found in the header or footer zone of most pages (at least two).
fn running_lines(pages: &[Vec<&str>]) -> HashMap<String, usize> {
    let mut counts: HashMap<String, usize> = HashMap::new();
    for lines in pages {
        let visible: Vec<&str> = lines
            .iter()
            .map(|l| l.trim())
            .filter(|l| !l.is_empty())
            .collect();
        let mut keys: Vec<String> = visible.iter().take(ZONE).map(|l| key(l)).collect();
        keys.extend(visible.iter().rev().take(ZONE).map(|l| key(l)));
        keys.sort();
        keys.dedup();
        for k in keys {
            *counts.entry(k).or_default() += 1;
        }
    }
    counts.retain(|_, n| *n >= 2 && *n * 2 >= pages.len());
    counts
}

/// A line as compared between pages: digits masked (the page number changes), spaces
/// collapsed, any case.
fn key(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut last = ' ';
    for c in line.chars() {
        let c = if c.is_ascii_digit() {
            '#'
        } else if c.is_whitespace() {
            ' '
        } else {
            c.to_ascii_lowercase()
        };
        if c == '#' && last == '#' || c == ' ' && last == ' ' {
            continue;
        }
        out.push(c);
        last = c;
    }
    out.trim_end().to_owned()
}

/// True for a line that is only a page number: `7`, `- 7 -`, `Page 7`, `7 of 12`, `7/12`,
/// `vii`.
fn is_page_number(line: &str) -> bool {
    let lower = line.to_ascii_lowercase();
    let core = lower
        .trim_matches(|c: char| c == '-' || c == '–' || c == '—' || c.is_whitespace())
        .trim_start_matches("page")
        .trim();
    let mut parts = core
        .split(|c: char| c == '/' || c.is_whitespace())
        .filter(|p| !p.is_empty());
    let numeric = |p: &str| !p.is_empty() && p.len() <= 5 && p.chars().all(|c| c.is_ascii_digit());
    let roman = |p: &str| !p.is_empty() && ROMAN.is_match(p);
    match (parts.next(), parts.next(), parts.next(), parts.next()) {
        (Some(n), None, None, None) => numeric(n) || roman(n),
        (Some(n), Some(total), None, None) => numeric(n) && numeric(total),
        (Some(n), Some("of"), Some(total), None) => numeric(n) && numeric(total),
        _ => false,
    }
}

/// The pages' lines as one text: blank lines collapsed to one, a page break as a blank
/// line, and `hyphen-` `ated` across a line end (or page end) joined as `hyphenated`.
fn join(pages: &[Vec<&str>]) -> String {
    let mut out = String::new();
    // Whether a blank line is owed before the next line.
    let mut gap = false;
    for lines in pages {
        for line in lines {
            if line.trim().is_empty() {
                gap = !out.is_empty();
                continue;
            }
            if out.is_empty() {
                out.push_str(line);
                continue;
            }
            let starts_lower = line
                .trim_start()
                .chars()
                .next()
                .is_some_and(char::is_lowercase);
            if starts_lower && ends_in_hyphenated_word(&out) {
                out.pop();
                out.push_str(line.trim_start());
            } else {
                out.push_str(if gap { "\n\n" } else { "\n" });
                out.push_str(line);
            }
            gap = false;
        }
        gap = !out.is_empty();
    }
    out
}

/// True when the text ends in a letter and a hyphen (`imple-`), not a dash or a lone `-`.
fn ends_in_hyphenated_word(text: &str) -> bool {
    let mut end = text.chars().rev();
    end.next() == Some('-') && end.next().is_some_and(char::is_alphabetic)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pages(texts: &[&str]) -> Vec<String> {
        texts.iter().map(|t| (*t).to_owned()).collect()
    }

    #[test]
    fn running_headers_footers_and_page_numbers_are_dropped() {
        let text = clean(&pages(&[
            "Press Office\n\nFirst page text.\n\nEmbargoed 1",
            "Press Office\n\nSecond page text.\n\nEmbargoed 2",
            "Press Office\n\nThird page text.\n\n3",
        ]));
        assert_eq!(
            text,
            "First page text.\n\nSecond page text.\n\nThird page text."
        );
    }

    #[test]
    fn a_word_hyphenated_at_a_line_end_is_joined() {
        let text = clean(&pages(&[
            "We begin the imple-\nmentation today.\nA well - known\nLine",
        ]));
        assert_eq!(
            text,
            "We begin the implementation today.\nA well - known\nLine"
        );
    }

    #[test]
    fn a_word_hyphenated_across_a_page_break_is_joined() {
        assert_eq!(
            clean(&pages(&["the imple-", "mentation"])),
            "the implementation"
        );
    }

    #[test]
    fn a_single_page_keeps_its_first_and_last_lines() {
        assert_eq!(clean(&pages(&["Title\nBody\nEnd"])), "Title\nBody\nEnd");
    }

    #[test]
    fn page_number_shapes() {
        for yes in ["7", "- 7 -", "Page 7", "7 of 12", "7/12", "vii", "PAGE 3"] {
            assert!(is_page_number(yes), "{yes}");
        }
        for no in ["7 March", "Thank you", "1991 was a year", "civil"] {
            assert!(!is_page_number(no), "{no}");
        }
    }
}
