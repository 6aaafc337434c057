//! A document's date to the precision it is known (SPEC §10): a year alone (`1996`), a year
//! and a month (`1996-03`) or a day (`1996-03-14`), as ISO 8601 writes reduced precision.
//! File names and tables often give only the year; inventing a day for them would be a
//! wrong date, and a wrong date is worse than none.

use jiff::civil::Date;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::str::FromStr;

/// A date of year, month or day precision. Ordered as its ISO text is: `1996` before
/// `1996-01` before `1996-01-01`, so a year sorts at the start of its year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DocDate {
    year: i16,
    month: Option<i8>,
    day: Option<i8>,
}

impl DocDate {
    /// A year alone; `None` outside 1–9999.
    pub fn year_only(year: i16) -> Option<DocDate> {
        (1..=9999).contains(&year).then_some(DocDate {
            year,
            month: None,
            day: None,
        })
    }

    /// A year and a month; `None` when either is out of range.
    pub fn month_of(year: i16, month: i8) -> Option<DocDate> {
        let mut d = DocDate::year_only(year)?;
        (1..=12).contains(&month).then(|| {
            d.month = Some(month);
            d
        })
    }

    /// The year.
    pub fn year(self) -> i16 {
        self.year
    }

    /// The month (1–12) when known.
    pub fn month(self) -> Option<i8> {
        self.month
    }

    /// The day of the month when known.
    pub fn day(self) -> Option<i8> {
        self.day
    }

    /// The whole date when the day is known.
    pub fn exact(self) -> Option<Date> {
        Date::new(self.year, self.month?, self.day?).ok()
    }

    /// The first day the date may be.
    pub fn first_day(self) -> Date {
        self.exact()
            .or_else(|| Date::new(self.year, self.month.unwrap_or(1), 1).ok())
            .unwrap_or(Date::MIN)
    }

    /// The last day the date may be.
    pub fn last_day(self) -> Date {
        if let Some(d) = self.exact() {
            return d;
        }
        let month = self.month.unwrap_or(12);
        Date::new(self.year, month, 1)
            .map(|d| d.last_of_month())
            .unwrap_or(Date::MAX)
    }

    /// True when the date may fall within `[from, to]` (both days included): a year
    /// overlaps every interval that holds one of its days.
    pub fn overlaps(self, from: Date, to: Date) -> bool {
        self.first_day() <= to && from <= self.last_day()
    }
}

impl From<Date> for DocDate {
    fn from(d: Date) -> DocDate {
        DocDate {
            year: d.year(),
            month: Some(d.month()),
            day: Some(d.day()),
        }
    }
}

impl fmt::Display for DocDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.month, self.day) {
            (Some(m), Some(d)) => write!(f, "{:04}-{m:02}-{d:02}", self.year),
            (Some(m), None) => write!(f, "{:04}-{m:02}", self.year),
            _ => write!(f, "{:04}", self.year),
        }
    }
}

/// The text is not a date of year, month or day precision.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0:?} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)")]
pub struct NotADate(pub String);

impl FromStr for DocDate {
    type Err = NotADate;

    /// `1996`, `1996-03` or `1996-03-14`.
    fn from_str(s: &str) -> Result<DocDate, NotADate> {
        let bad = || NotADate(s.to_owned());
        let parts: Vec<&str> = s.trim().split('-').collect();
        let number = |p: &str, len: usize| {
            (p.len() == len && p.bytes().all(|b| b.is_ascii_digit()))
                .then(|| p.parse::<i16>().ok())
                .flatten()
        };
        let year = number(parts[0], 4).ok_or_else(bad)?;
        match parts[1..] {
            [] => DocDate::year_only(year),
            [m] => DocDate::month_of(year, number(m, 2).ok_or_else(bad)? as i8),
            [m, d] => {
                let (m, d) = (number(m, 2).ok_or_else(bad)?, number(d, 2).ok_or_else(bad)?);
                Date::new(year, m as i8, d as i8).ok().map(DocDate::from)
            }
            _ => None,
        }
        .ok_or_else(bad)
    }
}

impl Serialize for DocDate {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for DocDate {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<DocDate, D::Error> {
        let text = String::deserialize(d)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> Date {
        s.parse().unwrap()
    }

    #[test]
    fn each_precision_reads_and_writes_as_iso() {
        for text in ["1996", "1996-03", "1996-03-14"] {
            assert_eq!(text.parse::<DocDate>().unwrap().to_string(), text);
        }
        for bad in [
            "96",
            "1996-3",
            "1996-13",
            "1996-02-30",
            "x",
            "1996-03-14-1",
            "",
        ] {
            assert!(bad.parse::<DocDate>().is_err(), "{bad}");
        }
    }

    #[test]
    fn a_year_overlaps_the_intervals_that_hold_one_of_its_days() {
        let y: DocDate = "1996".parse().unwrap();
        assert!(y.overlaps(day("1990-01-01"), day("1999-12-31")));
        assert!(y.overlaps(day("1996-12-31"), day("1997-06-01")));
        assert!(!y.overlaps(day("1997-01-01"), day("1997-12-31")));
        let m: DocDate = "1996-02".parse().unwrap();
        assert_eq!(m.last_day(), day("1996-02-29"));
        assert!(!m.overlaps(day("1996-03-01"), day("1996-03-31")));
    }

    #[test]
    fn a_year_sorts_at_the_start_of_its_year() {
        let mut dates: Vec<DocDate> = ["1997-01-01", "1996-05-02", "1996", "1995-12"]
            .iter()
            .map(|s| s.parse().unwrap())
            .collect();
        dates.sort();
        let texts: Vec<String> = dates.iter().map(ToString::to_string).collect();
        assert_eq!(texts, ["1995-12", "1996", "1996-05-02", "1997-01-01"]);
    }
}
