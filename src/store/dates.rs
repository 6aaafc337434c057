//! Finds dates written the way statements write them and turns them into calendar dates.
//!
//! Forms: `14 March 2019`, `March 14, 2019`, `Jan. 25, 2013`, `2019-03-14`, and Thai dates
//! with a Buddhist-Era year (`28 เมษายน 2560`, B.E. = C.E. + 543), with Thai or Arabic digits.
//! Nothing here guesses: a date without a year is only completed from a year the caller
//! found in the same document.

use jiff::civil::Date;
use regex::Regex;
use std::sync::LazyLock;

const MONTHS: &str = r"(?:jan(?:uary|\.)?|feb(?:ruary|\.)?|mar(?:ch|\.)?|apr(?:il|\.)?|may|june?|july?|aug(?:ust|\.)?|sept?(?:ember|\.)?|oct(?:ober|\.)?|nov(?:ember|\.)?|dec(?:ember|\.)?)";

/// `14 March 2019`, `14th March, 2019`.
static DAY_MONTH_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<month>{MONTHS})\s*,?\s*(?P<year>\d{{4}})\b"
    ))
    .expect("static regex")
});

/// `March 14, 2019`, `Jan. 25, 2013`, and with `year_optional`, `Sept. 12`.
static MONTH_DAY_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)\b(?P<month>{MONTHS})\s*(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s*(?P<year>\d{{4}})\b)?"
    ))
    .expect("static regex")
});

static ISO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})\b").expect("static regex")
});

const THAI_MONTHS: [(&str, &str); 12] = [
    ("มกราคม", "ม.ค."),
    ("กุมภาพันธ์", "ก.พ."),
    ("มีนาคม", "มี.ค."),
    ("เมษายน", "เม.ย."),
    ("พฤษภาคม", "พ.ค."),
    ("มิถุนายน", "มิ.ย."),
    ("กรกฎาคม", "ก.ค."),
    ("สิงหาคม", "ส.ค."),
    ("กันยายน", "ก.ย."),
    ("ตุลาคม", "ต.ค."),
    ("พฤศจิกายน", "พ.ย."),
    ("ธันวาคม", "ธ.ค."),
];

static THAI: LazyLock<Regex> = LazyLock::new(|| {
    let names: Vec<String> = THAI_MONTHS
        .iter()
        .flat_map(|(full, short)| [regex::escape(full), regex::escape(short)])
        .collect();
    Regex::new(&format!(
        r"(?P<day>[0-9๐-๙]{{1,2}})\s*(?P<month>{})\s*(?:พ\.ศ\.\s*)?(?P<year>[0-9๐-๙]{{4}})",
        names.join("|")
    ))
    .expect("static regex")
});

/// A date found in a line, with where it was, so the caller can read a place before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Found {
    /// The calendar date.
    pub date: Date,
    /// Byte range of the date's text in the line.
    pub start: usize,
    /// End of that range.
    pub end: usize,
}

/// Parses a whole string as a date (front matter values): ISO first, then the written forms.
pub fn parse_date(text: &str) -> Option<Date> {
    let text = text.trim();
    if let Ok(date) = text.parse::<Date>() {
        return Some(date);
    }
    // Timestamps such as `2023-07-12 16:29:53-04:00` or `2023-07-12T…`.
    if let Some(prefix) = text.get(..10)
        && let Ok(date) = prefix.parse::<Date>()
    {
        return Some(date);
    }
    find_date(text, None).map(|found| found.date)
}

/// Parses a whole value as a date to its precision (front matter, tables, properties):
/// `1996` and `1996-03` as a year and a month, anything [`parse_date`] reads as a day.
pub fn parse_doc_date(text: &str) -> Option<crate::store::DocDate> {
    let text = text.trim();
    text.parse()
        .ok()
        .or_else(|| parse_date(text).map(crate::store::DocDate::from))
}

/// Finds the first complete date in `line`. A `Month day` without a year is completed with
/// `year_hint` when one is given.
pub fn find_date(line: &str, year_hint: Option<i16>) -> Option<Found> {
    let mut best: Option<Found> = None;
    let mut consider = |found: Option<Found>| {
        if let Some(f) = found
            && best.is_none_or(|b| f.start < b.start)
        {
            best = Some(f);
        }
    };
    consider(ISO.captures_iter(line).find_map(|c| {
        let m = c.get(0)?;
        let date = make_date(
            c["year"].parse().ok()?,
            c["month"].parse().ok()?,
            c["day"].parse().ok()?,
        )?;
        Some(Found {
            date,
            start: m.start(),
            end: m.end(),
        })
    }));
    consider(DAY_MONTH_YEAR.captures_iter(line).find_map(|c| {
        let m = c.get(0)?;
        let date = make_date(
            c["year"].parse().ok()?,
            english_month(&c["month"])?,
            c["day"].parse().ok()?,
        )?;
        Some(Found {
            date,
            start: m.start(),
            end: m.end(),
        })
    }));
    consider(MONTH_DAY_YEAR.captures_iter(line).find_map(|c| {
        let m = c.get(0)?;
        let year = match c.name("year") {
            Some(y) => y.as_str().parse().ok()?,
            None => year_hint?,
        };
        let month = english_month(&c["month"])?;
        // A bare "May 5" without a period or year is too weak to trust.
        let date = make_date(year, month, c["day"].parse().ok()?)?;
        Some(Found {
            date,
            start: m.start(),
            end: m.end(),
        })
    }));
    consider(THAI.captures_iter(line).find_map(|c| {
        let m = c.get(0)?;
        let year: i16 = thai_number(&c["year"])?;
        // Buddhist-Era years are 543 ahead; a four-digit year below 2400 is already C.E.
        let year = if year > 2400 { year - 543 } else { year };
        let month = THAI_MONTHS
            .iter()
            .position(|(full, short)| *full == &c["month"] || *short == &c["month"])?;
        let date = make_date(year, i8::try_from(month + 1).ok()?, thai_number(&c["day"])?)?;
        Some(Found {
            date,
            start: m.start(),
            end: m.end(),
        })
    }));
    best
}

/// True for a month and day without a year, such as `Sept. 12`.
pub fn is_month_day(text: &str) -> bool {
    MONTH_DAY_YEAR.captures(text).is_some_and(|c| {
        c.name("year").is_none()
            && c.get(0)
                .is_some_and(|m| m.as_str().len() + 2 >= text.trim().len())
    })
}

fn make_date(year: i16, month: i8, day: i8) -> Option<Date> {
    if !(1000..=2999).contains(&year) {
        return None;
    }
    Date::new(year, month, day).ok()
}

fn english_month(name: &str) -> Option<i8> {
    let lower = name.to_lowercase();
    let key = lower.get(..3)?;
    let n = match key {
        "jan" => 1,
        "feb" => 2,
        "mar" => 3,
        "apr" => 4,
        "may" => 5,
        "jun" => 6,
        "jul" => 7,
        "aug" => 8,
        "sep" => 9,
        "oct" => 10,
        "nov" => 11,
        "dec" => 12,
        _ => return None,
    };
    Some(n)
}

/// Parses a number written in Arabic or Thai digits.
fn thai_number<T: std::str::FromStr>(digits: &str) -> Option<T> {
    let ascii: String = digits
        .chars()
        .map(|c| match c {
            '๐'..='๙' => char::from(b'0' + (c as u32 - '๐' as u32) as u8),
            c => c,
        })
        .collect();
    ascii.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        s.parse().unwrap()
    }

    #[test]
    fn written_forms() {
        assert_eq!(
            find_date("Brussels, 14 March 2019", None).unwrap().date,
            d("2019-03-14")
        );
        assert_eq!(
            find_date("KABUL, Afghanistan (Jan. 25, 2013)", None)
                .unwrap()
                .date,
            d("2013-01-25")
        );
        assert_eq!(
            find_date("March 14, 2019", None).unwrap().date,
            d("2019-03-14")
        );
        assert_eq!(
            find_date("on 2019-03-14.", None).unwrap().date,
            d("2019-03-14")
        );
        assert_eq!(
            find_date("(Sept. 12)", Some(2011)).unwrap().date,
            d("2011-09-12")
        );
        assert_eq!(find_date("(Sept. 12)", None), None);
    }

    #[test]
    fn buddhist_era_dates() {
        assert_eq!(
            find_date("วันศุกร์ที่ 28 เมษายน 2560", None).unwrap().date,
            d("2017-04-28")
        );
        assert_eq!(
            find_date("๕ มี.ค. ๒๕๖๓", None).unwrap().date,
            d("2020-03-05")
        );
    }

    #[test]
    fn impossible_dates_are_not_dates() {
        assert_eq!(find_date("31 February 2019", None), None);
        assert_eq!(
            parse_date("2023-07-12 16:29:53-04:00"),
            Some(d("2023-07-12"))
        );
    }
}
