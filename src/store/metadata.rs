//! Reads a document's metadata out of its normalized text: title, dateline (date and place),
//! speaker, kind, delivery note, footnotes and URLs. Each field is optional and only filled
//! when the text says it plainly; a wrong date is worse than none.

use super::DocDate;
use super::dates::{self, Found};
use super::field_name::{FieldName, FieldValue};
use jiff::civil::Date;
use regex::Regex;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::sync::LazyLock;

/// What is known about a document besides its text.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Metadata {
    /// The title: front matter, a transcript heading with its `by …` line, or the first line.
    pub title: String,
    /// The date of the statement, to the precision it is known.
    pub date: Option<DocDate>,
    /// Where it was made, from the dateline.
    pub place: Option<String>,
    /// The date as the dateline writes it (`Jan. 25, 2013`); kept also when it gives no
    /// year, so the day is not lost where the date cannot be completed.
    pub dateline: Option<String>,
    /// Who made it, from a `by …` line or the front matter.
    pub speaker: Option<String>,
    /// press conference, speech, statement, press release, news, …
    pub kind: Option<String>,
    /// A delivery note such as `As delivered`.
    pub delivery: Option<String>,
    /// Footnotes (`[1] …`), in order, without their marker.
    pub footnotes: Vec<String>,
    /// URLs in the text, in order, without duplicates.
    pub urls: Vec<String>,
    /// Extra fields by name (a dataset's columns other than its text and the known
    /// fields, SPEC §10 and §11), in name order.
    pub fields: BTreeMap<FieldName, FieldValue>,
    /// Where each field that has a value came from, by field name (`date`, `title`,
    /// `speaker`, an extra field's name), SPEC §10.
    #[serde(default)]
    pub sources: BTreeMap<FieldName, Source>,
    /// Speaker turns of a transcript ([`super::turns`]), in order; empty for other texts.
    pub turns: Vec<super::Turn>,
}

impl Metadata {
    /// Each speaker's number of turns, by label (SPEC §10 `speakers`).
    pub fn speakers(&self) -> BTreeMap<String, usize> {
        super::turns::speakers(&self.turns)
    }
}

/// Where a field's value came from, highest first as SPEC §10 ranks them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Source {
    /// A metadata table beside the corpus (or a dataset's own columns).
    Table,
    /// The Markdown file's front matter.
    FrontMatter,
    /// The file's path: its name or a folder's.
    Path,
    /// A document format's own properties (HTML `<meta>`, DOCX/ODT/PDF properties).
    Properties,
    /// The document's header (its first lines).
    Text,
}

impl Source {
    /// The name JSON and `describe` use (`front-matter`).
    pub fn as_str(self) -> &'static str {
        match self {
            Source::Table => "table",
            Source::FrontMatter => "front-matter",
            Source::Path => "path",
            Source::Properties => "properties",
            Source::Text => "text",
        }
    }
}

/// Only the first lines of a document are searched for a dateline.
const HEAD_LINES: usize = 12;
const HEAD_BYTES: usize = 3000;

/// Headings that open a transcript and take a `by …` line as their second half.
const TRANSCRIPT_HEADINGS: &[&str] = &[
    "press conference",
    "joint press conference",
    "press point",
    "joint press point",
    "doorstep",
    "doorstep statement",
    "speech",
    "keynote speech",
    "remarks",
    "opening remarks",
    "statement",
    "press statement",
    "interview",
    "online press conference",
    "pre-ministerial press conference",
    "pre-summit press conference",
];

static URL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r#"https?://[^\s<>"'\)\]]+"#).expect("static regex"));
static FOOTNOTE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*(?:\d+\.\s*)?\[(\d{1,3})\]\s+(\S.*)$").expect("static regex")
});
static DELIVERY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\(?\s*(as delivered|check against delivery|as prepared for delivery|as prepared|unofficial translation)\s*\)?$")
        .expect("static regex")
});
/// `KABUL, Afghanistan (Jan. 25, 2013)`: a place in capitals, then the date in parentheses.
static WIRE_DATELINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(?P<place>[A-Z][A-Z .'\-]{2,40}(?:,\s*[A-Z][A-Za-z .'\-]{2,40})?)\s*\((?P<date>[^()\n]{3,30})\)")
        .expect("static regex")
});
/// A reference such as `2011-11-S-034` gives the year of a dateline that has none.
static RELEASE_YEAR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b(20\d\d|19\d\d)-\d\d-[A-Z]{1,3}-\d+").expect("static regex"));
static ANY_YEAR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b(19[5-9]\d|20\d\d)\b").expect("static regex"));
/// The word that opens a `Released 14 March 2019` dateline.
static DATELINE_WORD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:(?:first\s+)?(?:released|dated|delivered|issued|published|posted|updated)(?:\s+on)?|date|for release)(?:\s*:)?$")
        .expect("static regex")
});
static WEEKDAY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\.?|วัน\S{1,12}ที่)$")
        .expect("static regex")
});
/// `at 10:30`, `– 14:00 CET` after a date.
static TIME_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:at\s+)?\d{1,2}[:.h]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s+[A-Z]{2,5})?$")
        .expect("static regex")
});
/// `7:51 P.M. EEST` after a place line in White House transcripts.
static TIME_LINE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)^\d{1,2}:\d{2}\s*[ap]\.?m\.?\b").expect("static regex"));

/// Fields the front matter of a Markdown file may give; they win over the text.
#[derive(Debug, Clone, Default)]
pub struct Given {
    /// `title:`
    pub title: Option<String>,
    /// `date:`
    pub date: Option<DocDate>,
    /// `speaker:` or `author:`
    pub speaker: Option<String>,
    /// `place:` or `location:`
    pub place: Option<String>,
    /// `kind:` or `type:` or `category:` or `tags:`
    pub kind: Option<String>,
    /// Where these came from: front matter unless said otherwise.
    pub from: Option<Source>,
}

/// Extracts the metadata of a normalized text, with what the front matter gave.
pub fn extract(text: &str, given: Given, fallback_title: &str) -> Metadata {
    let from = given.from.unwrap_or(Source::FrontMatter);
    let lines: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .take(HEAD_LINES)
        .collect();

    let mut meta = Metadata::default();
    let heading = transcript_heading(&lines);
    let title_line = lines.first().copied().unwrap_or_default();
    let mut sources = BTreeMap::new();
    let mut note = |field: &str, given: bool, has: bool| {
        if has {
            sources.insert(
                FieldName::new(field),
                if given { from } else { Source::Text },
            );
        }
    };
    note("title", given.title.is_some(), true);
    meta.title = given
        .title
        .clone()
        .or_else(|| heading.as_ref().map(|h| h.title.clone()))
        .or_else(|| (!title_line.is_empty()).then(|| shorten(title_line, 200)))
        .unwrap_or_else(|| fallback_title.to_owned());
    meta.title = crate::text::one_line(&meta.title);
    let speaker_given = given.speaker.is_some();
    meta.speaker = given
        .speaker
        .or_else(|| heading.as_ref().and_then(|h| h.speaker.clone()));
    note("speaker", speaker_given, meta.speaker.is_some());

    let head = head_of(text);
    let dateline = find_dateline(head, text, title_line);
    let date_given = given.date.is_some();
    meta.date = given
        .date
        .or(dateline.as_ref().and_then(|d| d.date).map(DocDate::from));
    note("date", date_given, meta.date.is_some());
    meta.dateline = dateline.as_ref().map(|d| d.text.clone());
    let place_given = given.place.is_some();
    meta.place = given
        .place
        .or_else(|| dateline.and_then(|d| d.place))
        .or_else(|| place_before_time_line(&lines));
    note("place", place_given, meta.place.is_some());
    meta.delivery = lines
        .iter()
        .find_map(|l| DELIVERY.captures(l).map(|c| capitalize_first(&c[1])));
    let kind_given = given.kind.is_some();
    meta.kind = given
        .kind
        .or_else(|| kind_of(&meta.title, &lines, given.title.is_some()));
    note("kind", kind_given, meta.kind.is_some());
    meta.sources = sources;
    meta.footnotes = text
        .lines()
        .filter_map(|l| FOOTNOTE.captures(l).map(|c| c[2].trim().to_owned()))
        .collect();
    for url in URL.find_iter(text) {
        let url = url
            .as_str()
            .trim_end_matches(['.', ',', ';', ':'])
            .to_owned();
        if !meta.urls.contains(&url) {
            meta.urls.push(url);
        }
    }
    meta.turns = super::turns::split(text);
    meta
}

fn head_of(text: &str) -> &str {
    let mut end = text.len().min(HEAD_BYTES);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

struct Heading {
    title: String,
    speaker: Option<String>,
}

/// `Press conference` + `by NATO Secretary General … following …` as one title and a speaker.
fn transcript_heading(lines: &[&str]) -> Option<Heading> {
    let first = lines.first()?;
    let second = lines.get(1)?;
    let heading = first.trim_end_matches(':');
    if !TRANSCRIPT_HEADINGS.contains(&heading.to_lowercase().as_str()) {
        return None;
    }
    let by = second
        .strip_prefix("by ")
        .or_else(|| second.strip_prefix("By "))?;
    Some(Heading {
        title: shorten(&format!("{heading} {second}"), 300),
        speaker: speaker_of(by),
    })
}

/// The speaker is the `by …` line up to the words that start describing the occasion.
fn speaker_of(by: &str) -> Option<String> {
    const STOPS: &[&str] = &[
        " following ",
        " after ",
        " at the ",
        " at a ",
        " at ",
        " on the ",
        " on ",
        " during ",
        " ahead of ",
        " before ",
        " with ",
        " to the ",
        " in ",
        ",",
        " (",
    ];
    let end = STOPS
        .iter()
        .filter_map(|stop| by.find(stop))
        .min()
        .unwrap_or(by.len());
    let speaker = by[..end].trim();
    (!speaker.is_empty()).then(|| speaker.to_owned())
}

/// A dateline found near the top of a text.
struct Dateline {
    date: Option<Date>,
    place: Option<String>,
    text: String,
}

/// The date and place of a dateline near the top of the text.
fn find_dateline(head: &str, text: &str, title_line: &str) -> Option<Dateline> {
    let year_hint = RELEASE_YEAR
        .captures(text)
        .or_else(|| ANY_YEAR.captures(head))
        .and_then(|c| c[1].parse::<i16>().ok());

    let header: Vec<&str> = head
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .take(HEAD_LINES)
        .collect();
    // Wire-service datelines first: they may sit inside a long line of the header.
    for c in header.iter().flat_map(|l| WIRE_DATELINE.captures_iter(l)) {
        let written = c["date"].trim();
        let date = dates::find_date(written, year_hint).map(|f| f.date);
        if date.is_some() || dates::is_month_day(written) {
            return Some(Dateline {
                date,
                place: Some(place_name(&c["place"])),
                text: written.to_owned(),
            });
        }
    }
    for (n, line) in header.iter().enumerate() {
        let Some(found) = dates::find_date(line, None) else {
            continue;
        };
        // Only a line shaped like a dateline dates the document: never running prose.
        if !is_dateline(line, &found) {
            continue;
        }
        // A date in the title dates the document, but what precedes it is no place.
        let place = if n == 0 && *line == title_line && !is_short_dateline(line, &found) {
            None
        } else {
            place_before(line, &found)
        };
        return Some(Dateline {
            date: Some(found.date),
            place,
            text: line[found.start..found.end].to_owned(),
        });
    }
    None
}

/// A line in one of the dateline shapes of SPEC §10: a date alone (perhaps with a weekday
/// or a time), `PLACE, DATE`, `PLACE (DATE)`, `PLACE — DATE`, or `Released DATE` (also
/// `Dated`, `Delivered`, `Issued`). What comes after the date may only be a time, a short
/// place or punctuation.
fn is_dateline(line: &str, found: &Found) -> bool {
    let before = line[..found.start]
        .trim()
        .trim_end_matches([',', '-', '–', '—', '(', '|', ':'])
        .trim();
    let after = line[found.end..]
        .trim()
        .trim_start_matches([')', ',', '.', '-', '–', '—', '|'])
        .trim();
    let before_ok =
        before.is_empty() || DATELINE_WORD.is_match(before) || is_place_like(strip_weekday(before));
    let after_ok = after.is_empty()
        || TIME_LINE.is_match(after)
        || TIME_AFTER.is_match(after)
        || (after.len() <= 30 && is_place_like(after));
    before_ok && after_ok
}

/// `Brussels, Monday` → `Brussels`; `Monday` → ``.
fn strip_weekday(text: &str) -> &str {
    let text = text.trim_end_matches([',', ' ']);
    match text.rsplit_once([' ', ',']) {
        Some((rest, last)) if WEEKDAY.is_match(last) => rest.trim_end_matches([',', ' ']),
        None if WEEKDAY.is_match(text) => "",
        _ => text,
    }
}

/// A short run of capitalised words without sentence punctuation: a place, an office or a
/// title (`Brussels`, `KABUL, Afghanistan`, `ISAF Joint Command Operational Update`).
fn is_place_like(text: &str) -> bool {
    if text.is_empty() {
        return true;
    }
    let words = text.split_whitespace().count();
    // Scripts without case (Thai, Chinese, Arabic) start a name with any letter.
    let starts_upper = text.chars().next().is_some_and(|c| !c.is_lowercase());
    // Names keep their small words (`Ministry of Defence`); prose has verbs (`met in`).
    const SMALL: &[&str] = &[
        "of", "the", "and", "for", "de", "du", "la", "le", "des", "del",
    ];
    let prose = text.contains([';', '!', '?'])
        || text.split_whitespace().any(|w| {
            w.chars().next().is_some_and(char::is_lowercase)
                && !SMALL.contains(&w.trim_end_matches(','))
        });
    starts_upper && (1..=6).contains(&words) && !prose && text.len() <= 60
}

fn is_short_dateline(line: &str, found: &Found) -> bool {
    line.len() - (found.end - found.start) < 60 && line[found.end..].trim().is_empty()
}

/// `Brussels, 14 March 2019` → `Brussels`: a short run of capitalised words before the date.
fn place_before(line: &str, found: &Found) -> Option<String> {
    let before = line[..found.start]
        .trim()
        .trim_end_matches([',', '-', '–', '—', '('])
        .trim();
    let words = before.split_whitespace().count();
    let starts_upper = before.chars().next().is_some_and(char::is_uppercase);
    let sentence_like = before.contains(['.', ';', ':', '!', '?']);
    (starts_upper && (1..=5).contains(&words) && !sentence_like && before.len() <= 60)
        .then(|| place_name(before))
}

/// White House transcripts: `Vilnius University` / `Vilnius, Lithuania` / `7:51 P.M. EEST`.
fn place_before_time_line(lines: &[&str]) -> Option<String> {
    let time = lines.iter().take(6).position(|l| TIME_LINE.is_match(l))?;
    let place = lines.get(time.checked_sub(1)?)?;
    (place.len() <= 60 && place.split_whitespace().count() <= 6 && !place.ends_with('.'))
        .then(|| (*place).to_owned())
}

/// `KABUL, Afghanistan` → `Kabul, Afghanistan`; mixed case is kept as written.
fn place_name(raw: &str) -> String {
    raw.trim()
        .split(' ')
        .map(|word| {
            let letters: Vec<char> = word.chars().filter(|c| c.is_alphabetic()).collect();
            if letters.len() > 1 && letters.iter().all(|c| c.is_uppercase()) {
                capitalize_first(&word.to_lowercase())
            } else {
                word.to_owned()
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The kind of statement, from words of the title and of the first lines.
fn kind_of(title: &str, lines: &[&str], title_given: bool) -> Option<String> {
    const KINDS: &[(&str, &str)] = &[
        ("press conference", "press conference"),
        ("press briefing", "press briefing"),
        ("press point", "press point"),
        ("press release", "press release"),
        ("news release", "press release"),
        ("for immediate release", "press release"),
        ("operational update", "press release"),
        ("fact sheet", "fact sheet"),
        ("readout", "readout"),
        ("joint statement", "statement"),
        ("statement", "statement"),
        ("remarks", "remarks"),
        ("speech", "speech"),
        ("address", "speech"),
        ("interview", "interview"),
        ("briefing", "press briefing"),
        ("proclamation", "proclamation"),
        ("executive order", "executive order"),
        ("memorandum", "memorandum"),
    ];
    let title = title.to_lowercase();
    if let Some((_, kind)) = KINDS.iter().find(|(word, _)| title.contains(word)) {
        return Some((*kind).to_owned());
    }
    if title_given {
        return None;
    }
    let head = lines
        .iter()
        .take(6)
        .map(|l| l.to_lowercase())
        .collect::<Vec<_>>();
    KINDS
        .iter()
        .find(|(word, _)| head.iter().any(|l| l.len() < 80 && l.contains(word)))
        .map(|(_, kind)| (*kind).to_owned())
        .or_else(|| {
            // A news item opens with a dateline line of its own.
            head.get(1)
                .filter(|l| l.len() < 60 && dates::find_date(l, None).is_some())
                .map(|_| "news".to_owned())
        })
}

fn capitalize_first(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Cuts a string to at most `max` characters at a character boundary, marking the cut.
pub fn shorten(s: &str, max: usize) -> String {
    match s.char_indices().nth(max) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn transcript_heading_becomes_title_and_speaker() {
        let m = extract(
            "Press conference\nby NATO Secretary General Jens Stoltenberg following a meeting\n(As delivered)\nGood afternoon.",
            Given::default(),
            "x",
        );
        assert!(
            m.title
                .starts_with("Press conference by NATO Secretary General Jens Stoltenberg")
        );
        assert_eq!(
            m.speaker.as_deref(),
            Some("NATO Secretary General Jens Stoltenberg")
        );
        assert_eq!(m.kind.as_deref(), Some("press conference"));
        assert_eq!(m.delivery.as_deref(), Some("As delivered"));
        assert_eq!(m.date, None);
    }

    #[test]
    fn wire_dateline_gives_place_and_date() {
        let m = extract(
            "2013-01-S-025\n\nKABUL, Afghanistan (Jan. 25, 2013)\nText.",
            Given::default(),
            "x",
        );
        assert_eq!(m.date, Some("2013-01-25".parse().unwrap()));
        assert_eq!(m.place.as_deref(), Some("Kabul, Afghanistan"));
    }

    #[test]
    fn yearless_dateline_takes_the_release_year() {
        let m = extract(
            "2011-09-S-001\nKABUL, Afghanistan (Sept. 12)\nText.",
            Given::default(),
            "x",
        );
        assert_eq!(m.date, Some("2011-09-12".parse().unwrap()));
    }

    #[test]
    fn footnotes_and_urls() {
        let m = extract(
            "T\n\nBody[1].\n  1. [1] A note. See: https://x.org/a?b=c\n",
            Given::default(),
            "x",
        );
        assert_eq!(m.footnotes, vec!["A note. See: https://x.org/a?b=c"]);
        assert_eq!(m.urls, vec!["https://x.org/a?b=c"]);
    }
}
