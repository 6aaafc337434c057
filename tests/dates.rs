//! Dates a reader can trust (SPEC §10): taken from the text only from the header and only in
//! dateline shapes, never from running prose; of year precision from file and folder names;
//! matched by overlap in `date:` queries.

use dossier::query::parse;
use dossier::store::Corpus;

fn date_of(path: &str, text: &str) -> Option<String> {
    let corpus = Corpus::from_files("dates", &[(path, text.as_bytes())]);
    corpus.documents[0].meta.date.map(|d| d.to_string())
}

const PROSE: &str = "Address by the Prime Minister

Mr. President, distinguished delegates,

It is an honour to stand here once more before this Assembly, and to speak for a people who have waited long for peace.

We all remember what happened on 7 October 2023 and what followed it, and we remember the promises made in this hall on 14 March 2019.

Thank you.
";

#[test]
fn a_date_in_running_prose_gives_no_date() {
    assert_eq!(date_of("speech.txt", PROSE), None);
}

#[test]
fn a_date_in_prose_does_not_overrule_the_file_name() {
    assert_eq!(date_of("AFG_51_1996.txt", PROSE).as_deref(), Some("1996"));
}

#[test]
fn each_dateline_shape_dates_the_document() {
    let shapes = [
        ("14 March 2019", "2019-03-14"),
        ("Thursday, 14 March 2019", "2019-03-14"),
        ("March 14, 2019 at 10:30", "2019-03-14"),
        ("Brussels, 14 March 2019", "2019-03-14"),
        ("Brussels, Thursday, 14 March 2019", "2019-03-14"),
        ("Brussels (14 March 2019)", "2019-03-14"),
        ("Brussels — 14 March 2019", "2019-03-14"),
        ("KABUL, Afghanistan (Jan. 25, 2013)", "2013-01-25"),
        ("Released 14 March 2019", "2019-03-14"),
        ("Dated: 2019-03-14", "2019-03-14"),
        ("Delivered on 14 March 2019", "2019-03-14"),
        ("Issued 14 March 2019", "2019-03-14"),
    ];
    for (line, want) in shapes {
        let text = format!("A statement on the alliance\n\n{line}\n\nThe text begins here.\n");
        assert_eq!(date_of("s.txt", &text).as_deref(), Some(want), "{line}");
    }
}

#[test]
fn lines_that_merely_mention_a_date_do_not_count() {
    let lines = [
        "We met in Brussels on 14 March 2019 to agree the plan.",
        "The meeting of 14 March 2019 was postponed because of the weather, said the minister.",
        "Since 14 March 2019 the alliance has held three summits.",
    ];
    for line in lines {
        let text = format!("A statement on the alliance\n\n{line}\n\nThe text goes on.\n");
        assert_eq!(date_of("s.txt", &text), None, "{line}");
    }
}

#[test]
fn a_dateline_below_the_header_does_not_count() {
    let mut text = String::from("A statement\n\n");
    for i in 0..20 {
        text.push_str(&format!(
            "Paragraph {i} of the statement, which says a great deal.\n\n"
        ));
    }
    text.push_str("Brussels, 14 March 2019\n");
    assert_eq!(date_of("s.txt", &text), None);
}

#[test]
fn a_year_matches_date_terms_by_overlap() {
    let corpus = Corpus::from_files(
        "dates",
        &[
            ("AFG_51_1996.txt", PROSE.as_bytes()),
            ("2019-03-14-statement.txt", b"A statement\n\nText.\n"),
        ],
    );
    let count = |q: &str| {
        let query = parse(q).unwrap();
        corpus
            .documents
            .iter()
            .filter(|d| query.matches(d, None).is_some())
            .count()
    };
    assert_eq!(count("date:1990..1999"), 1);
    assert_eq!(
        count("date:1996-06"),
        1,
        "the year 1996 may be in June 1996"
    );
    assert_eq!(count("date:1997.."), 1);
    assert_eq!(count("date:2019-03-14"), 1);
}

/// The shared corpora, or `None` (with a notice) where `../shared` is absent.
fn shared(name: &str) -> Option<std::path::PathBuf> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/corpora")
        .join(name);
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!("skipped: {} is absent", dir.display());
        None
    }
}

#[test]
fn every_general_debate_speech_gets_its_year_from_its_file_name() {
    let Some(dir) = shared("ungdc-awkward-sample") else {
        return;
    };
    let corpus = Corpus::load(&[dir]).unwrap();
    let speeches: Vec<_> = corpus
        .documents
        .iter()
        .filter(|d| d.path.ends_with(".txt"))
        .collect();
    assert_eq!(speeches.len(), 22);
    for doc in speeches {
        // `Session 51 - 1996/AFG_51_1996.txt`: the year is the stem's last part.
        let stem = doc
            .path
            .rsplit('/')
            .next()
            .unwrap()
            .trim_end_matches(".txt");
        let year = stem.rsplit('_').next().unwrap();
        assert_eq!(
            doc.meta.date.map(|d| d.to_string()).as_deref(),
            Some(year),
            "{}",
            doc.path
        );
        assert_eq!(
            doc.meta.sources.get("date"),
            Some(&dossier::store::metadata::Source::Path)
        );
    }
}
