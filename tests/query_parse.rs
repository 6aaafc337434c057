//! The query parser on open-ended input: it never panics, its errors point inside the query,
//! and a printed query parses back to itself.

use dossier::query::{
    Comparison, DateTest, ExtraTest, Field, Has, KnownFields, Period, Phrase, Query, Status, Term,
    Test, parse, parse_with,
};
use proptest::prelude::*;

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn any_text_gives_a_query_or_an_error_inside_it(input in any::<String>()) {
        check_any(&input)?;
    }

    #[test]
    fn query_like_text_gives_a_query_or_an_error_inside_it(
        input in r#"(-?("[a-z \\"]{0,6}"?|(tag|date|has|status|kind|dat|x):[a-z0-9<>=.,"\-]{0,8}|[a-z:"\-]{1,5}) ?){0,5}"#
    ) {
        check_any(&input)?;
    }

    #[test]
    fn printed_queries_parse_back_to_themselves(query in query()) {
        let printed = query.to_string();
        prop_assert_eq!(parse(&printed), Ok(query), "printed as {}", printed);
    }

    #[test]
    fn text_over_extra_fields_gives_a_query_or_an_error_inside_it(
        input in r#"(-?((party|year|iso_code|member\.party|12|x|tag):[a-zA-Z0-9<>=.,"\-]{0,9}|[a-z:"\-]{1,5}) ?){0,5}"#
    ) {
        check_with(&input, &known())?;
    }

    #[test]
    fn any_text_over_extra_fields_gives_a_query_or_an_error_inside_it(input in any::<String>()) {
        check_with(&input, &known())?;
    }

    #[test]
    fn printed_queries_over_extra_fields_parse_back_to_themselves(
        terms in prop::collection::vec(
            prop_oneof![term(), (any::<bool>(), extra()).prop_map(|(negated, test)| Term { negated, test })],
            0..6,
        )
    ) {
        let query = Query { terms };
        let printed = query.to_string();
        prop_assert_eq!(parse_with(&printed, &known()), Ok(query), "printed as {}", printed);
    }
}

/// The extra fields of the corpus the extra-field cases parse over.
fn known() -> KnownFields {
    KnownFields::new(["party", "Year", "ISO Code", "member.party", "12"])
}

/// A term over one of [`known`]'s fields: substrings (any text), comparisons and ranges of
/// numbers or dates.
fn extra() -> impl Strategy<Value = Test> {
    let name = prop_oneof![
        Just("party"),
        Just("year"),
        Just("iso_code"),
        Just("member.party"),
        Just("12")
    ];
    let number = || "-?[0-9]{1,4}(\\.[0-9]{1,2})?";
    let comparison = prop_oneof![
        Just(Comparison::Before),
        Just(Comparison::UpTo),
        Just(Comparison::After),
        Just(Comparison::From)
    ];
    let value = prop_oneof![
        text().prop_map(ExtraTest::Contains),
        (
            comparison,
            prop_oneof![
                number().boxed(),
                period().prop_map(|p| p.to_string()).boxed()
            ]
        )
            .prop_map(|(c, b)| ExtraTest::Compare(c, b)),
        (0u16..5000, 0u16..5000).prop_map(|(a, b)| {
            let (lo, hi) = (a.min(b), a.max(b));
            ExtraTest::Range(Some(lo.to_string()), Some(hi.to_string()))
        }),
        period().prop_map(|p| ExtraTest::Range(None, Some(p.to_string()))),
    ];
    (name, prop::collection::vec(value, 1..3))
        .prop_map(|(name, values)| Test::Extra(name.to_owned(), values))
}

/// Parsing `input` does not panic; an error lies within it; a query prints back to itself.
fn check_any(input: &str) -> Result<(), TestCaseError> {
    check_with(input, &KnownFields::default())
}

/// [`check_any`] over a corpus with the extra fields `known`.
fn check_with(input: &str, known: &KnownFields) -> Result<(), TestCaseError> {
    let chars = input.chars().count();
    match parse_with(input, known) {
        Ok(query) => {
            let printed = query.to_string();
            prop_assert_eq!(
                parse_with(&printed, known),
                Ok(query),
                "printed as {}",
                printed
            );
        }
        Err(e) => {
            prop_assert!(e.length >= 1);
            prop_assert!(e.position <= chars, "{:?} in {:?}", e, input);
            prop_assert!(e.position + e.length <= chars + 1, "{:?} in {:?}", e, input);
            prop_assert!(!e.message.is_empty());
        }
    }
    Ok(())
}

fn query() -> impl Strategy<Value = Query> {
    prop::collection::vec(term(), 0..6).prop_map(|terms| Query { terms })
}

fn term() -> impl Strategy<Value = Term> {
    (any::<bool>(), test()).prop_map(|(negated, test)| Term { negated, test })
}

/// Any text for a value or phrase, including quotes, backslashes, commas and odd spaces.
fn text() -> impl Strategy<Value = String> {
    r#"[a-zA-Z0-9 ,:"\\\-é日\u{a0}\n]{1,12}"#
}

fn test() -> impl Strategy<Value = Test> {
    let values = || prop::collection::vec(text(), 1..3);
    prop_oneof![
        "[a-z0-9é][a-z0-9.\\-é]{0,8}".prop_map(Test::Word),
        text()
            .prop_filter("a phrase needs a word", |t| !t.trim().is_empty())
            .prop_map(|t| Test::Phrase(Phrase::new(&t).unwrap())),
        prop::collection::vec(
            "[a-z]{1,5}( [a-z]{1,3})?(/[a-z0-9]([a-z0-9 ]{0,3}[a-z])?)?",
            1..3
        )
        .prop_map(Test::Tag),
        prop::collection::vec(status(), 1..3).prop_map(Test::Status),
        prop::collection::vec(has(), 1..3).prop_map(Test::Has),
        prop::collection::vec(date(), 1..3).prop_map(Test::Date),
        (field(), values()).prop_map(|(f, v)| Test::Field(f, v)),
    ]
}

fn status() -> impl Strategy<Value = Status> {
    prop_oneof![
        Just(Status::Untriaged),
        text()
            .prop_filter("untriaged is its own value", |t| !t
                .eq_ignore_ascii_case("untriaged"))
            .prop_map(Status::Named),
    ]
}

fn has() -> impl Strategy<Value = Has> {
    prop_oneof![
        Just(Has::Note),
        Just(Has::Highlight),
        Just(Has::Tag),
        Just(Has::Orphan)
    ]
}

fn field() -> impl Strategy<Value = Field> {
    prop_oneof![
        Just(Field::Kind),
        Just(Field::Speaker),
        Just(Field::Place),
        Just(Field::Path)
    ]
}

fn period() -> impl Strategy<Value = Period> {
    (
        1900i16..2100,
        prop::option::of((1i8..=12, prop::option::of(1i8..=28))),
    )
        .prop_map(|(year, md)| Period {
            year,
            month: md.map(|(m, _)| m),
            day: md.and_then(|(_, d)| d),
        })
}

fn date() -> impl Strategy<Value = DateTest> {
    let comparison = prop_oneof![
        Just(Comparison::Before),
        Just(Comparison::UpTo),
        Just(Comparison::After),
        Just(Comparison::From)
    ];
    prop_oneof![
        period().prop_map(DateTest::In),
        (comparison, period()).prop_map(|(c, p)| DateTest::Compare(c, p)),
        (prop::option::of(period()), prop::option::of(period()))
            .prop_filter("a range has an end", |(a, b)| a.is_some() || b.is_some())
            .prop_filter("a range runs forward", |(a, b)| match (a, b) {
                (Some(a), Some(b)) => a.first() <= b.last(),
                _ => true,
            })
            .prop_map(|(a, b)| DateTest::Range(a, b)),
    ]
}

#[test]
fn printing_quotes_only_where_needed() {
    let query = parse(r#"  stolt  -"a \"b\""   kind:"press conference",speech date:2019-3..2020 "#)
        .unwrap();
    assert_eq!(
        query.to_string(),
        r#"stolt -"a \"b\"" kind:"press conference",speech date:2019-03..2020"#
    );
}

#[test]
fn the_built_in_terms_parse_as_before_over_a_corpus_with_extra_fields() {
    let known = known();
    for text in [
        r#"stolt -"hybrid threats" kind:"press conference",speech date:2019-3..2020"#,
        "tag:cyber status:untriaged has:note place:kabul path:a/b turn:q",
        "3:30 foo-bar:baz -x.y:z",
    ] {
        let before = parse(text).unwrap();
        assert_eq!(parse_with(text, &known), Ok(before), "{text}");
    }
    // Only where a field of that name exists does a name of digits become a field.
    assert!(matches!(
        parse_with("12:30", &known).unwrap().terms[0].test,
        Test::Extra(..)
    ));
    assert_eq!(
        parse("12:30").unwrap().terms[0].test,
        Test::Word("12:30".into())
    );
}
