//! Reading a query: terms separated by whitespace; `-` before a term negates it; `"…"` is a
//! phrase (`\"` and `\\` escape inside); `name:value[,value]…` is a field term, whose values
//! may be quoted; anything else is a fuzzy word. Positions in errors count characters.
//! The corpus's extra fields are field terms too ([`parse_with`]).

use super::{
    DateTest, ExtraTest, Field, Has, KnownFields, Phrase, Query, QueryError, Status, Term, Test,
};
use crate::notebook::model::clean_tag;

/// The field names, for the message about an unknown one.
const FIELDS: &str = "tag, status, has, date, kind, speaker, place, path or turn";

/// The built-in field names, which win over an extra field of the same name.
const BUILT_IN: [&str; 9] = [
    "tag", "status", "has", "date", "kind", "speaker", "place", "path", "turn",
];

/// Extra fields named at most in the message about an unknown field.
const NAMED_AT_MOST: usize = 30;

/// Parses a query over a corpus without extra fields; an error points at the offending
/// term and says what was expected.
pub fn parse(input: &str) -> Result<Query, QueryError> {
    parse_with(input, &KnownFields::default())
}

/// Parses a query over a corpus whose extra fields are `known`: `NAME:VALUE` is then a
/// term over the field NAME ([`Test::Extra`]), and an unknown name's error lists them.
pub fn parse_with(input: &str, known: &KnownFields) -> Result<Query, QueryError> {
    let mut parser = Parser {
        chars: input.chars().collect(),
        pos: 0,
        known,
    };
    let mut terms = Vec::new();
    loop {
        parser.skip_whitespace();
        if parser.at_end() {
            return Ok(Query { terms });
        }
        terms.push(parser.term()?);
    }
}

struct Parser<'k> {
    chars: Vec<char>,
    pos: usize,
    known: &'k KnownFields,
}

/// A field value with its place in the query, for errors about it.
struct Value {
    text: String,
    start: usize,
    end: usize,
    /// Written in quotes (an extra field's quoted value is always a substring).
    quoted: bool,
}

fn error(position: usize, end: usize, message: impl Into<String>) -> QueryError {
    QueryError {
        position,
        length: end.saturating_sub(position).max(1),
        message: message.into(),
    }
}

impl Parser<'_> {
    fn peek(&self) -> Option<char> {
        self.chars.get(self.pos).copied()
    }

    fn at_end(&self) -> bool {
        self.pos >= self.chars.len()
    }

    fn at_boundary(&self) -> bool {
        self.peek().is_none_or(char::is_whitespace)
    }

    fn skip_whitespace(&mut self) {
        while self.peek().is_some_and(char::is_whitespace) {
            self.pos += 1;
        }
    }

    fn term(&mut self) -> Result<Term, QueryError> {
        let start = self.pos;
        let negated = self.peek() == Some('-');
        if negated {
            self.pos += 1;
            if self.at_boundary() {
                return Err(error(start, start + 1, "expected a term right after `-`"));
            }
            if self.peek() == Some('-') {
                return Err(error(
                    self.pos,
                    self.pos + 1,
                    "expected a term after `-`, not a second `-`",
                ));
            }
        }
        let test = if self.peek() == Some('"') {
            self.phrase()?
        } else {
            self.word_or_field()?
        };
        Ok(Term { negated, test })
    }

    fn phrase(&mut self) -> Result<Test, QueryError> {
        let start = self.pos;
        let text = self.quoted()?;
        let end = self.pos;
        if !self.at_boundary() {
            return Err(error(
                self.pos,
                self.pos + 1,
                "expected a space after the closing quote",
            ));
        }
        Phrase::new(&text)
            .map(Test::Phrase)
            .map_err(|m| error(start, end, m))
    }

    /// Reads `"…"` from the opening quote; returns the text without escapes.
    fn quoted(&mut self) -> Result<String, QueryError> {
        let open = self.pos;
        self.pos += 1;
        let mut text = String::new();
        loop {
            match self.peek() {
                None => {
                    return Err(error(
                        open,
                        self.pos,
                        "expected a closing `\"` for this quote",
                    ));
                }
                Some('"') => {
                    self.pos += 1;
                    return Ok(text);
                }
                Some('\\') if matches!(self.chars.get(self.pos + 1), Some('"' | '\\')) => {
                    text.push(self.chars[self.pos + 1]);
                    self.pos += 2;
                }
                Some(c) => {
                    text.push(c);
                    self.pos += 1;
                }
            }
        }
    }

    fn word_or_field(&mut self) -> Result<Test, QueryError> {
        let start = self.pos;
        while let Some(c) = self.peek() {
            if c.is_whitespace() {
                break;
            }
            if c == '"' {
                return Err(error(
                    self.pos,
                    self.pos + 1,
                    "expected a space before `\"`: a quote starts a phrase",
                ));
            }
            if c == ':' {
                let name: String = self.chars[start..self.pos].iter().collect();
                // A name of letters is a field (known or not, as always); another one only
                // when the corpus has a field of that name, so `12:30` stays a word.
                if !name.is_empty()
                    && (name.chars().all(|c| c.is_ascii_alphabetic())
                        || self.known.resolve(&name).is_some())
                {
                    self.pos += 1;
                    return self.field(&name, start);
                }
            }
            self.pos += 1;
        }
        Ok(Test::Word(self.chars[start..self.pos].iter().collect()))
    }

    fn field(&mut self, name: &str, start: usize) -> Result<Test, QueryError> {
        let lower = name.to_ascii_lowercase();
        if !BUILT_IN.contains(&lower.as_str()) {
            let Some(extra) = self.known.resolve(name).map(str::to_owned) else {
                return Err(error(start, self.pos, self.unknown(name)));
            };
            let values = self.values(&extra, start)?;
            let mut tests = Vec::new();
            for v in &values {
                tests.push(
                    ExtraTest::parse(&v.text, v.quoted).map_err(|m| error(v.start, v.end, m))?,
                );
            }
            return Ok(Test::Extra(extra, tests));
        }
        let values = self.values(&lower, start)?;
        Ok(match lower.as_str() {
            "tag" => {
                let mut tags = Vec::new();
                for v in &values {
                    tags.push(
                        clean_tag(&v.text).map_err(|e| error(v.start, v.end, e.to_string()))?,
                    );
                }
                Test::Tag(tags)
            }
            "status" => Test::Status(
                values
                    .iter()
                    .map(|v| {
                        if v.text.eq_ignore_ascii_case("untriaged") {
                            Status::Untriaged
                        } else {
                            Status::Named(v.text.clone())
                        }
                    })
                    .collect(),
            ),
            "has" => {
                let mut has = Vec::new();
                for v in &values {
                    has.push(has_value(&v.text).ok_or_else(|| {
                        error(
                            v.start,
                            v.end,
                            format!(
                                "expected note, highlight, tag, orphan or conflict after `has:`, not {:?}",
                                v.text
                            ),
                        )
                    })?);
                }
                Test::Has(has)
            }
            "date" => {
                let mut dates = Vec::new();
                for v in &values {
                    dates.push(DateTest::parse(&v.text).map_err(|m| error(v.start, v.end, m))?);
                }
                Test::Date(dates)
            }
            "turn" => Test::Turn(values.into_iter().map(|v| v.text).collect()),
            other => {
                let field = match other {
                    "kind" => Field::Kind,
                    "speaker" => Field::Speaker,
                    "place" => Field::Place,
                    _ => Field::Path,
                };
                Test::Field(field, values.into_iter().map(|v| v.text).collect())
            }
        })
    }

    /// The message about an unknown field `name:`, naming the ones there are.
    fn unknown(&self, name: &str) -> String {
        let mut message = format!("unknown field `{name}:`; expected {FIELDS}");
        if self.known.is_empty() {
            return message;
        }
        let names: Vec<&str> = self.known.names().collect();
        message.push_str(", or a field of this corpus: ");
        message.push_str(&names[..names.len().min(NAMED_AT_MOST)].join(", "));
        if names.len() > NAMED_AT_MOST {
            message.push_str(&format!(" and {} more", names.len() - NAMED_AT_MOST));
        }
        message
    }

    /// Reads `value[,value]…` after a field's colon.
    fn values(&mut self, field: &str, start: usize) -> Result<Vec<Value>, QueryError> {
        let mut values = Vec::new();
        loop {
            let value_start = self.pos;
            let quoted = self.peek() == Some('"');
            let text = if quoted {
                let text = self.quoted()?;
                if !self.at_boundary() && self.peek() != Some(',') {
                    return Err(error(
                        self.pos,
                        self.pos + 1,
                        "expected `,` or a space after the quoted value",
                    ));
                }
                text
            } else {
                while let Some(c) = self.peek() {
                    if c.is_whitespace() || c == ',' {
                        break;
                    }
                    if c == '"' {
                        return Err(error(
                            self.pos,
                            self.pos + 1,
                            "expected `,` or a space before `\"`",
                        ));
                    }
                    self.pos += 1;
                }
                self.chars[value_start..self.pos].iter().collect()
            };
            if text.is_empty() {
                let message = if values.is_empty() {
                    format!("expected a value after `{field}:`")
                } else {
                    "expected a value after `,`".to_owned()
                };
                let at = if values.is_empty() {
                    start
                } else {
                    value_start
                };
                return Err(error(at, self.pos.max(value_start + 1), message));
            }
            values.push(Value {
                text,
                start: value_start,
                end: self.pos,
                quoted,
            });
            if self.peek() == Some(',') {
                self.pos += 1;
            } else {
                return Ok(values);
            }
        }
    }
}

fn has_value(text: &str) -> Option<Has> {
    Some(match text.to_ascii_lowercase().as_str() {
        "note" | "notes" => Has::Note,
        "highlight" | "highlights" => Has::Highlight,
        "tag" | "tags" => Has::Tag,
        "orphan" | "orphans" | "orphaned" => Has::Orphan,
        "conflict" | "conflicts" => Has::Conflict,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::{Comparison, Period};

    fn terms(q: &str) -> Vec<Term> {
        parse(q).unwrap().terms
    }

    #[test]
    fn words_phrases_and_fields() {
        let t = terms(r#"stolt -"hybrid threats" kind:"press conference",speech"#);
        assert_eq!(t[0].test, Test::Word("stolt".into()));
        assert!(t[1].negated);
        assert!(matches!(&t[1].test, Test::Phrase(p) if p.text() == "hybrid threats"));
        assert_eq!(
            t[2].test,
            Test::Field(
                Field::Kind,
                vec!["press conference".into(), "speech".into()]
            )
        );
    }

    #[test]
    fn field_names_ignore_case_and_values_are_checked() {
        assert_eq!(
            terms("Date:>=2019-03 STATUS:untriaged")
                .into_iter()
                .map(|t| t.test)
                .collect::<Vec<_>>(),
            [
                Test::Date(vec![DateTest::Compare(
                    Comparison::From,
                    Period {
                        year: 2019,
                        month: Some(3),
                        day: None
                    }
                )]),
                Test::Status(vec![Status::Untriaged]),
            ]
        );
        assert!(parse("tag: policy").is_err());
    }

    #[test]
    fn extra_fields_are_terms_when_the_corpus_has_them() {
        let known = KnownFields::new(["party", "ISO Code", "year"]);
        let q = parse_with(
            "Party:lab iso_code:AFG,\"a..b\" year:1990..1999 -year:<1995",
            &known,
        )
        .unwrap();
        let tests: Vec<Test> = q.terms.iter().map(|t| t.test.clone()).collect();
        assert_eq!(
            tests,
            [
                Test::Extra("party".into(), vec![ExtraTest::Contains("lab".into())]),
                Test::Extra(
                    "iso_code".into(),
                    vec![
                        ExtraTest::Contains("AFG".into()),
                        ExtraTest::Contains("a..b".into())
                    ]
                ),
                Test::Extra(
                    "year".into(),
                    vec![ExtraTest::Range(Some("1990".into()), Some("1999".into()))]
                ),
                Test::Extra(
                    "year".into(),
                    vec![ExtraTest::Compare(
                        crate::query::Comparison::Before,
                        "1995".into()
                    )]
                ),
            ]
        );
        assert!(q.terms[3].negated);
        // The built-in fields win, and a word with a colon stays a word.
        let known = KnownFields::new(["kind", "12"]);
        assert_eq!(
            terms("12:30"),
            [Term {
                negated: false,
                test: Test::Word("12:30".into())
            }]
        );
        assert!(matches!(
            parse_with("kind:speech", &known).unwrap().terms[0].test,
            Test::Field(Field::Kind, _)
        ));
    }

    #[test]
    fn unknown_fields_and_bad_comparisons_say_what_there_is() {
        let known = KnownFields::new(["party", "year"]);
        let e = parse_with("x parti:lab", &known).unwrap_err();
        assert_eq!((e.position, e.length), (2, 6));
        assert!(
            e.message
                .ends_with("or a field of this corpus: party, year"),
            "{}",
            e.message
        );
        let e = parse_with("year:>=abc", &known).unwrap_err();
        assert_eq!(e.position, 5);
        assert!(e.message.contains("number or a date"), "{}", e.message);
        assert!(parse_with("year:1999..1990", &known).is_err());
    }

    #[test]
    fn errors_point_at_the_bad_term() {
        let e = parse("cyber foo:bar").unwrap_err();
        assert_eq!((e.position, e.length), (6, 4));
        assert!(e.message.contains("unknown field `foo:`"), "{}", e.message);
        let e = parse("a date:2019-13").unwrap_err();
        assert_eq!((e.position, e.length), (7, 7));
        let e = parse("x \"open").unwrap_err();
        assert_eq!(e.position, 2);
        assert!(e.message.contains("closing"));
        let e = parse("has:notes,,").unwrap_err();
        assert_eq!(e.message, "expected a value after `,`");
        let e = parse("é -").unwrap_err();
        assert_eq!(e.position, 2);
        let e = parse("tag:").unwrap_err();
        assert_eq!(
            (e.position, e.message.as_str()),
            (0, "expected a value after `tag:`")
        );
    }
}
