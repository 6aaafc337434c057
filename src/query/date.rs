//! Values of `date:`: a year, month or day (`2019`, `2019-03`, `2019-03-14`), a range between
//! two of them (`2019-01..2019-06`, open at either end), or a comparison (`>=2019-03-01`).
//! Each becomes an interval of days, both ends included.

use jiff::civil::Date;
use std::fmt;

/// A year, a month or a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Period {
    /// The year (1 to 9999).
    pub year: i16,
    /// The month (1 to 12), if given.
    pub month: Option<i8>,
    /// The day of the month, if given (only with a month).
    pub day: Option<i8>,
}

/// `<`, `<=`, `>` or `>=`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Comparison {
    /// Before the period starts.
    Before,
    /// Before the period ends.
    UpTo,
    /// After the period ends.
    After,
    /// After the period starts.
    From,
}

impl Comparison {
    /// The operator as written.
    pub fn symbol(self) -> &'static str {
        match self {
            Comparison::Before => "<",
            Comparison::UpTo => "<=",
            Comparison::After => ">",
            Comparison::From => ">=",
        }
    }
}

/// One value of `date:`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DateTest {
    /// Within the period.
    In(Period),
    /// From the start of the first period to the end of the second; either may be open.
    Range(Option<Period>, Option<Period>),
    /// Compared with the period.
    Compare(Comparison, Period),
}

impl Period {
    /// The first day of the period.
    pub fn first(self) -> Date {
        Date::new(self.year, self.month.unwrap_or(1), self.day.unwrap_or(1)).unwrap_or(Date::MIN)
    }

    /// The last day of the period.
    pub fn last(self) -> Date {
        match (self.month, self.day) {
            (Some(m), Some(d)) => Date::new(self.year, m, d).unwrap_or(Date::MAX),
            (Some(m), None) => Date::new(self.year, m, 1)
                .map(|d| d.last_of_month())
                .unwrap_or(Date::MAX),
            _ => Date::new(self.year, 12, 31).unwrap_or(Date::MAX),
        }
    }

    /// Reads `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (month and day may have one digit).
    pub fn parse(text: &str) -> Option<Period> {
        let mut parts = text.split('-');
        let year = number(parts.next()?, 4, 4)?;
        let month = match parts.next() {
            Some(m) => Some(number(m, 1, 2)?),
            None => None,
        };
        let day = match parts.next() {
            Some(d) => Some(number(d, 1, 2)?),
            None => None,
        };
        if parts.next().is_some() || year == 0 {
            return None;
        }
        let period = Period {
            year: i16::try_from(year).ok()?,
            month: month.map(i8::try_from).transpose().ok()?,
            day: day.map(i8::try_from).transpose().ok()?,
        };
        // Checks the month and the day exist (no 2019-02-30).
        Date::new(
            period.year,
            period.month.unwrap_or(1),
            period.day.unwrap_or(1),
        )
        .ok()?;
        Some(period)
    }
}

fn number(digits: &str, min: usize, max: usize) -> Option<u32> {
    if digits.len() < min || digits.len() > max || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
}

impl DateTest {
    /// Reads one value of `date:`; the error says what was expected.
    pub fn parse(text: &str) -> Result<DateTest, String> {
        const EXPECTED: &str = "expected a date such as 2019, 2019-03 or 2019-03-14";
        let period = |s: &str| Period::parse(s).ok_or_else(|| format!("{EXPECTED}, not {s:?}"));
        for (symbol, comparison) in [
            (">=", Comparison::From),
            ("<=", Comparison::UpTo),
            (">", Comparison::After),
            ("<", Comparison::Before),
        ] {
            if let Some(rest) = text.strip_prefix(symbol) {
                return Ok(DateTest::Compare(comparison, period(rest)?));
            }
        }
        if let Some((from, to)) = text.split_once("..") {
            let from = (!from.is_empty()).then(|| period(from)).transpose()?;
            let to = (!to.is_empty()).then(|| period(to)).transpose()?;
            return match (from, to) {
                (None, None) => Err(format!("{EXPECTED} before or after `..`")),
                (Some(a), Some(b)) if a.first() > b.last() => {
                    Err(format!("the range {text} ends before it starts"))
                }
                _ => Ok(DateTest::Range(from, to)),
            };
        }
        Ok(DateTest::In(period(text)?))
    }

    /// The days it matches, both ends included.
    pub fn interval(self) -> (Date, Date) {
        match self {
            DateTest::In(p) => (p.first(), p.last()),
            DateTest::Range(a, b) => (
                a.map_or(Date::MIN, Period::first),
                b.map_or(Date::MAX, Period::last),
            ),
            DateTest::Compare(Comparison::Before, p) => {
                (Date::MIN, p.first().yesterday().unwrap_or(Date::MIN))
            }
            DateTest::Compare(Comparison::UpTo, p) => (Date::MIN, p.last()),
            DateTest::Compare(Comparison::After, p) => {
                (p.last().tomorrow().unwrap_or(Date::MAX), Date::MAX)
            }
            DateTest::Compare(Comparison::From, p) => (p.first(), Date::MAX),
        }
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
        }
        if let Some(d) = self.day {
            write!(f, "-{d:02}")?;
        }
        Ok(())
    }
}

impl fmt::Display for DateTest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DateTest::In(p) => write!(f, "{p}"),
            DateTest::Range(a, b) => {
                if let Some(a) = a {
                    write!(f, "{a}")?;
                }
                f.write_str("..")?;
                if let Some(b) = b {
                    write!(f, "{b}")?;
                }
                Ok(())
            }
            DateTest::Compare(c, p) => write!(f, "{}{p}", c.symbol()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn periods_cover_their_days() {
        let test = DateTest::parse("2019-02").unwrap();
        assert_eq!(test.interval(), (date(2019, 2, 1), date(2019, 2, 28)));
        let test = DateTest::parse("2019..2020-03").unwrap();
        assert_eq!(test.interval(), (date(2019, 1, 1), date(2020, 3, 31)));
        let test = DateTest::parse(">2019-03").unwrap();
        assert_eq!(test.interval().0, date(2019, 4, 1));
        let test = DateTest::parse("<2019").unwrap();
        assert_eq!(test.interval().1, date(2018, 12, 31));
    }

    #[test]
    fn impossible_dates_are_refused() {
        for bad in [
            "2019-02-30",
            "19",
            "2019-13",
            "2019-1-1-1",
            "..",
            "2020..2019",
            ">=x",
        ] {
            assert!(DateTest::parse(bad).is_err(), "{bad}");
        }
    }
}
