//! Choosing a dataset's text and id columns from its first rows, then turning every record
//! into a [`Row`]. The first [`SAMPLE_ROWS`] records are held back until the choice is
//! made; every later one goes straight to the sink.

use super::{DatasetError, Notes, Options, Row};
use std::collections::{HashMap, HashSet};

/// Rows looked at to choose the text column (the same first rows on every run, so the
/// choice is too).
pub const SAMPLE_ROWS: usize = 1000;

/// The mean length in characters, over the first rows, that a column's values must reach
/// to be taken for the documents' text when the corpus file names none. Titles, names,
/// dates and other metadata are far shorter; a press release or a speech is far longer.
pub const MIN_TEXT_CHARS: usize = 200;

/// One record as a format's reader gives it.
pub(super) struct Record {
    /// The line it starts on.
    pub line: u64,
    /// Its number among the records (bad ones included), from 1.
    pub number: u64,
    /// Its cells: column index and value.
    pub cells: Vec<(usize, String)>,
}

/// The columns chosen.
struct Choice {
    text: usize,
    id: Option<usize>,
}

/// Gathers a dataset's columns and records and hands rows to the sink.
pub(super) struct Builder<'a> {
    options: &'a Options,
    sink: &'a mut dyn FnMut(Row),
    columns: Vec<String>,
    by_name: HashMap<String, usize>,
    sample: Vec<Record>,
    choice: Option<Choice>,
    keys: HashSet<String>,
    rows: u64,
    /// Notes on bad records.
    pub notes: Notes,
}

impl<'a> Builder<'a> {
    /// A builder handing rows to `sink`.
    pub fn new(options: &'a Options, sink: &'a mut dyn FnMut(Row)) -> Builder<'a> {
        Builder {
            options,
            sink,
            columns: Vec::new(),
            by_name: HashMap::new(),
            sample: Vec::new(),
            choice: None,
            keys: HashSet::new(),
            rows: 0,
            notes: Notes::default(),
        }
    }

    /// The index of the column `name` (trimmed), added if new. A column with an empty
    /// name gets an index too, but is never a field or the text (SPEC §10).
    pub fn column(&mut self, name: &str) -> usize {
        let name = name.trim().trim_start_matches('\u{feff}').trim();
        if let Some(&i) = self.by_name.get(name) {
            return i;
        }
        let i = self.columns.len();
        self.columns.push(name.to_owned());
        self.by_name.insert(name.to_owned(), i);
        i
    }

    /// Takes one record.
    pub fn push(&mut self, record: Record) -> Result<(), DatasetError> {
        if self.choice.is_some() {
            self.emit(record);
            return Ok(());
        }
        self.sample.push(record);
        if self.sample.len() >= SAMPLE_ROWS {
            self.choose()?;
        }
        Ok(())
    }

    /// Ends the dataset: the notes on its bad rows.
    pub fn finish(mut self) -> Result<Vec<String>, DatasetError> {
        if self.choice.is_none() {
            if self.sample.is_empty() {
                let notes = self.notes.into_lines();
                return Err(match notes.first() {
                    Some(first) => DatasetError::NoGoodRows(first.clone()),
                    None => DatasetError::Empty,
                });
            }
            self.choose()?;
        }
        if self.rows == 0 {
            let notes = self.notes.into_lines();
            return Err(match notes.first() {
                Some(first) => DatasetError::NoGoodRows(first.clone()),
                None => DatasetError::Empty,
            });
        }
        Ok(self.notes.into_lines())
    }

    /// Chooses the columns from the records held back, then hands those on.
    fn choose(&mut self) -> Result<(), DatasetError> {
        let text = match &self.options.text {
            Some(name) => self.named(name, "the text")?,
            None => self.longest()?,
        };
        let id = match &self.options.id {
            Some(name) => Some(self.named(name, "the id")?),
            None => self
                .columns
                .iter()
                .position(|c| c.eq_ignore_ascii_case("id"))
                .filter(|&i| i != text),
        };
        self.choice = Some(Choice { text, id });
        for record in std::mem::take(&mut self.sample) {
            self.emit(record);
        }
        Ok(())
    }

    /// The column the corpus file names (any case).
    fn named(&self, name: &str, what: &str) -> Result<usize, DatasetError> {
        let name = name.trim();
        self.columns
            .iter()
            .position(|c| c == name)
            .or_else(|| {
                self.columns
                    .iter()
                    .position(|c| c.eq_ignore_ascii_case(name))
            })
            .ok_or_else(|| DatasetError::MissingColumn {
                name: name.to_owned(),
                what: what.to_owned(),
                columns: self.quoted_columns(),
            })
    }

    fn quoted_columns(&self) -> String {
        let names: Vec<String> = self
            .columns
            .iter()
            .filter(|c| !c.is_empty())
            .map(|c| format!("{c:?}"))
            .collect();
        if names.is_empty() {
            "none".to_owned()
        } else {
            names.join(", ")
        }
    }

    /// The column whose values are longest on average over the records held back (the
    /// first of equals), if that is long enough to be text.
    fn longest(&self) -> Result<usize, DatasetError> {
        let mut total = vec![0usize; self.columns.len()];
        for record in &self.sample {
            for (i, value) in &record.cells {
                if let Some(t) = total.get_mut(*i) {
                    *t = t.saturating_add(value.chars().count());
                }
            }
        }
        let rows = self.sample.len().max(1);
        let best = total
            .iter()
            .enumerate()
            .filter(|(i, _)| self.columns.get(*i).is_some_and(|c| !c.is_empty()))
            .rev()
            .max_by_key(|(_, t)| **t)
            .map(|(i, t)| (i, t / rows));
        match best {
            Some((i, mean)) if mean >= MIN_TEXT_CHARS => Ok(i),
            Some((i, mean)) => Err(DatasetError::NoTextColumn {
                longest: format!(
                    "the longest, {:?}, averages {mean}",
                    self.columns.get(i).map(String::as_str).unwrap_or_default()
                ),
            }),
            None => Err(DatasetError::NoTextColumn {
                longest: "it has no named columns".to_owned(),
            }),
        }
    }

    /// Turns a record into a row for the sink.
    fn emit(&mut self, record: Record) {
        let Some(choice) = &self.choice else {
            return;
        };
        let (text_col, id_col) = (choice.text, choice.id);
        let mut text = String::new();
        let mut id = None;
        let mut fields = Vec::with_capacity(record.cells.len());
        for (i, value) in record.cells {
            if i == text_col {
                text = value;
                continue;
            }
            let Some(name) = self.columns.get(i).filter(|n| !n.is_empty()) else {
                continue;
            };
            let value = value.trim();
            if value.is_empty() {
                continue;
            }
            if Some(i) == id_col {
                id = Some(crate::text::one_line(value));
            }
            fields.push((name.clone(), value.to_owned()));
        }
        if text.trim().is_empty() {
            self.notes.empty_text(record.line);
            return;
        }
        let key = self.key(id, record.number, record.line);
        self.rows += 1;
        (self.sink)(Row {
            key,
            line: record.line,
            text,
            fields,
        });
    }

    /// The row's key: its id, else its number; a key already taken gets `~2`, `~3`, ….
    fn key(&mut self, id: Option<String>, number: u64, line: u64) -> String {
        let base = id
            .filter(|id| !id.is_empty())
            .unwrap_or_else(|| number.to_string());
        let mut key = base.clone();
        let mut n = 1u64;
        while self.keys.contains(&key) {
            n += 1;
            key = format!("{base}~{n}");
        }
        if n > 1 {
            self.notes.push(format!(
                "line {line}: the id {base:?} is taken by an earlier row; this one is #{key}"
            ));
        }
        self.keys.insert(key.clone());
        key
    }
}
