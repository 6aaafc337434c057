//! Dates from a document's path (SPEC §10): an ISO date (`2019-03-14`, `20190314`) or a
//! four-digit year (1700–2100, set off by non-digits) in the file stem, else in the nearest
//! folder name that has one. Corpora keep much of their metadata there
//! (`AFG_51_1996.txt`, `Session 51 - 1996/`, `2023-07/2023-07-12-remarks.md`).

use super::DocDate;
use super::metadata::{Metadata, Source};
use jiff::civil::Date;
use regex::Regex;
use std::sync::LazyLock;

/// `2019-03-14`, `2019_03_14`, `20190314`, set off by non-digits.
static ISO_DAY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?:^|\D)((?:17|18|19|20)\d\d)([-_.]?)(0[1-9]|1[0-2])[-_.]?(0[1-9]|[12]\d|3[01])(?:\D|$)",
    )
    .expect("static regex")
});
/// A four-digit number set off by non-digits.
static YEAR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?:^|\D)(\d{4})(?:\D|$)").expect("static regex"));

/// The date a relative path gives, to its precision.
pub fn of(relative: &str) -> Option<DocDate> {
    let mut parts: Vec<&str> = relative.split('/').collect();
    let file = parts.pop()?;
    let stem = file.rsplit_once('.').map_or(file, |(stem, _)| stem);
    std::iter::once(stem)
        .chain(parts.into_iter().rev())
        .find_map(date_in)
}

fn date_in(name: &str) -> Option<DocDate> {
    for c in ISO_DAY.captures_iter(name) {
        let number = |i: usize| c[i].parse::<i16>().ok();
        if let (Some(y), Some(m), Some(d)) = (number(1), number(3), number(4))
            && let Ok(date) = Date::new(y, m as i8, d as i8)
        {
            return Some(DocDate::from(date));
        }
    }
    // Years only where no day was found; `0001` or `2567` (a Buddhist-Era year) are no years.
    let mut at = 0;
    while let Some(c) = YEAR.captures_at(name, at) {
        let m = c.get(1)?;
        if let Ok(year) = m.as_str().parse::<i16>()
            && (1700..=2100).contains(&year)
        {
            return DocDate::year_only(year);
        }
        at = m.end();
    }
    None
}

/// Gives `meta` the path's date where nothing higher (a table, the front matter) gave one.
/// The header's date stays when it is more precise and falls within the path's (a
/// `14 March 1996` dateline in `AFG_51_1996.txt`).
pub fn apply(meta: &mut Metadata, relative: &str) {
    let Some(from_path) = of(relative) else {
        return;
    };
    let source = meta.sources.get("date").copied();
    if matches!(source, Some(Source::Table | Source::FrontMatter)) {
        return;
    }
    if let Some(date) = meta.date
        && from_path.first_day() <= date.first_day()
        && date.last_day() <= from_path.last_day()
    {
        return;
    }
    meta.date = Some(from_path);
    meta.sources.insert("date", Source::Path);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(path: &str) -> Option<String> {
        of(path).map(|d| d.to_string())
    }

    #[test]
    fn stems_and_folders_give_dates_to_their_precision() {
        assert_eq!(
            date("Session 51 - 1996/AFG_51_1996.txt").as_deref(),
            Some("1996")
        );
        assert_eq!(date("Session 51 - 1996/notes.txt").as_deref(), Some("1996"));
        assert_eq!(
            date("2023-07/2023-07-12-remarks.md").as_deref(),
            Some("2023-07-12")
        );
        assert_eq!(
            date("x/20190314_statement.txt").as_deref(),
            Some("2019-03-14")
        );
        assert_eq!(date("2011-Minister-3.txt").as_deref(), Some("2011"));
    }

    #[test]
    fn numbers_that_are_no_dates_give_none() {
        for path in [
            "texts/0001.txt",
            "23/ข่าว_2567.txt",
            "id_123456.txt",
            "x/19960.txt",
        ] {
            assert_eq!(date(path), None, "{path}");
        }
    }

    #[test]
    fn the_path_gives_way_to_a_more_precise_date_within_it() {
        let mut meta = Metadata {
            date: Some("1996-09-25".parse().unwrap()),
            ..Metadata::default()
        };
        meta.sources.insert("date", Source::Text);
        apply(&mut meta, "AFG_51_1996.txt");
        assert_eq!(meta.date.unwrap().to_string(), "1996-09-25");
        // A text date of another year is overruled by the file name.
        meta.date = Some("2023-10-07".parse().unwrap());
        apply(&mut meta, "AFG_51_1996.txt");
        assert_eq!(meta.date.unwrap().to_string(), "1996");
        assert_eq!(meta.sources["date"], Source::Path);
    }
}
