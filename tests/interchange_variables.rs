//! A corpus's extra fields in the exports other tools read (SPEC §10, §14): REFI-QDA
//! Variables after the built-ins, each with one type for the corpus (Integer, Float or Date
//! only when every value is one), validating against the schema, the same bytes on a second
//! export; CSV columns after the built-in ones; and an import that says what became of the
//! variables it cannot keep.

mod common;
mod interchange_fixture;

use dossier::export::ExportOptions;
use dossier::interchange::guid::{self, Kind};
use dossier::interchange::import::{self, ImportOptions};
use dossier::interchange::project::{Project, Value};
use dossier::interchange::{self, ExportInput, Exported, Format, qdpx};
use dossier::notebook::{DocRef, Notebook, Stamp, ops};
use dossier::store::Corpus;
use interchange_fixture::{context, unzip, validate};

/// Three speeches and a metadata table: `party` (text, one with a comma), `session`
/// (whole numbers), `share` (decimals, one missing), `signed` (days), `code` (zero-padded,
/// so text), `note` (the name of a CSV column) and an unreadable `DATE` that stays an extra
/// field of the built-in's name.
const TABLE: &str = "file,party,session,share,signed,code,note,date
FRA_1996.txt,RPR,51,3.5,1996-09-24,051,\"first, with a comma\",1996-09-24
DEU_1996.txt,CDU,51,12,1996-09-25,276,,circa 1996
ITA_1997.txt,\"Forza, Italia\",52,,1997-09-30,380,,
";

fn corpus() -> (tempfile::TempDir, Corpus) {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in [
        ("FRA_1996.txt", "Speech of France.\n\nWe speak of peace."),
        ("DEU_1996.txt", "Speech of Germany.\n\nWe speak too."),
        ("ITA_1997.txt", "Speech of Italy.\n\nAnd we."),
        ("meta.csv", TABLE),
        (
            "dossier.ron",
            "Corpus(tables: [Table(file: \"meta.csv\", join: {\"file\": \"name\"})])",
        ),
    ] {
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    let corpus = Corpus::load(&[dir.path().to_path_buf()]).unwrap();
    (dir, corpus)
}

/// A highlight on France's speech and a status on Germany's; Italy's is in no export.
fn notebook(corpus: &Corpus) -> Notebook {
    let mut nb = Notebook::new(&corpus.name);
    let mut stamp = Stamp::new("2024-05-03T10:20:30Z".parse().unwrap());
    let fra = corpus.find("FRA_1996.txt").unwrap();
    let changes = ops::highlight_quote(
        &nb,
        &DocRef::of(fra),
        &fra.text,
        "speak of peace",
        &["peace".to_owned()],
        None,
        &mut stamp,
    )
    .unwrap();
    nb.apply_all(&changes);
    let deu = DocRef::of(corpus.find("DEU_1996.txt").unwrap());
    let changes = ops::set_status(&nb, &[deu], Some("relevant"), &["relevant"], "").unwrap();
    nb.apply_all(&changes);
    nb
}

fn export(corpus: &Corpus, notebook: &Notebook, format: Format) -> Exported {
    let docs: Vec<_> = corpus.documents.iter().collect();
    interchange::export(
        format,
        &ExportInput {
            notebook,
            docs: &docs,
            options: &ExportOptions::default(),
            context: &context(),
            crlf: false,
        },
    )
    .unwrap()
}

fn project(bytes: &[u8]) -> Project {
    qdpx::read(bytes, "fields.qdpx").unwrap()
}

/// The value of variable `name` on the source of `path`, as (element, text).
fn value_of(project: &Project, path: &str, name: &str) -> Option<(String, String)> {
    let variable = guid::guid(Kind::Variable, name);
    let source = project
        .sources
        .iter()
        .find(|s| s.name.as_deref() == Some(path))?;
    let v = source.values.iter().find(|v| v.variable == variable)?;
    Some(match &v.value {
        Value::Text(s) => ("TextValue".to_owned(), s.clone()),
        Value::Date(s) => ("DateValue".to_owned(), s.clone()),
        Value::Other(e, s) => (e.clone(), s.clone()),
    })
}

#[test]
fn extra_fields_are_variables_after_the_built_ins_with_one_type_each() {
    let (_dir, corpus) = corpus();
    let fra = corpus.find("FRA_1996.txt").unwrap();
    assert_eq!(fra.meta.fields["party"], "RPR", "the table is joined");
    let exported = export(&corpus, &notebook(&corpus), Format::Qdpx);
    let qde = unzip(&exported.bytes).remove(0).1;
    if let Some(result) = validate(&qde, "Project.xsd") {
        result.unwrap();
    }
    let p = project(&exported.bytes);
    let variables: Vec<(&str, &str)> = p
        .variables
        .iter()
        .map(|v| (v.name.as_str(), v.kind.as_str()))
        .collect();
    assert_eq!(
        variables,
        [
            ("title", "Text"),
            // A year from a file name is no xsd:date, so the dates are text.
            ("date", "Text"),
            ("kind", "Text"),
            ("status", "Text"),
            ("code", "Text"),
            ("note", "Text"),
            ("party", "Text"),
            ("session", "Integer"),
            ("share", "Float"),
            ("signed", "Date"),
        ],
        "{:?}",
        String::from_utf8_lossy(&qde)
    );
    for v in &p.variables {
        assert_eq!(v.guid, guid::guid(Kind::Variable, &v.name), "{}", v.name);
    }
    let at = |path, name| value_of(&p, path, name);
    let value = |e: &str, s: &str| Some((e.to_owned(), s.to_owned()));
    assert_eq!(at("FRA_1996.txt", "session"), value("IntegerValue", "51"));
    assert_eq!(at("FRA_1996.txt", "share"), value("FloatValue", "3.5"));
    assert_eq!(at("DEU_1996.txt", "share"), value("FloatValue", "12"));
    assert_eq!(
        at("FRA_1996.txt", "signed"),
        value("DateValue", "1996-09-24")
    );
    assert_eq!(at("FRA_1996.txt", "code"), value("TextValue", "051"));
    assert_eq!(at("FRA_1996.txt", "party"), value("TextValue", "RPR"));
    assert_eq!(at("DEU_1996.txt", "status"), value("TextValue", "relevant"));
    assert_eq!(
        at("DEU_1996.txt", "note"),
        None,
        "an empty cell is no value"
    );
    assert_eq!(p.sources.len(), 2, "Italy's speech has no notes");
    // The extra `date` of Germany's row is not written twice, and the loss is said.
    assert!(
        exported
            .losses
            .iter()
            .any(|l| l.contains("extra field \"date\"") && l.contains("1 value that differs")),
        "{:?}",
        exported.losses
    );
}

#[test]
fn the_same_corpus_and_notebook_export_the_same_bytes() {
    let (_dir, corpus) = corpus();
    let nb = notebook(&corpus);
    for format in [Format::Qdpx, Format::Csv] {
        let a = export(&corpus, &nb, format).bytes;
        let b = export(&corpus, &nb, format).bytes;
        assert!(a == b, "{format:?} differs");
    }
}

#[test]
fn csv_has_a_column_per_extra_field_after_the_built_ins() {
    let (_dir, corpus) = corpus();
    let exported = export(&corpus, &notebook(&corpus), Format::Csv);
    let mut reader = csv::Reader::from_reader(exported.bytes.as_slice());
    let header: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_owned)
        .collect();
    assert_eq!(
        header,
        [
            "path",
            "id",
            "title",
            "date",
            "place",
            "speaker",
            "kind",
            "delivery",
            "status",
            "code",
            // `note` is the column of the highlight's note: the field's has a name of its own.
            "field_note",
            "party",
            "session",
            "share",
            "signed",
            "highlight",
            "start",
            "end",
            "quote",
            "tags",
            "note",
            "coder",
            "state"
        ]
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let row = |path: &str| rows.iter().find(|r| &r[col("path")] == path).unwrap();
    let fra = row("FRA_1996.txt");
    assert_eq!(&fra[col("quote")], "speak of peace");
    assert_eq!(&fra[col("party")], "RPR");
    assert_eq!(&fra[col("session")], "51");
    assert_eq!(&fra[col("share")], "3.5");
    assert_eq!(&fra[col("signed")], "1996-09-24");
    assert_eq!(&fra[col("code")], "051");
    assert_eq!(&fra[col("field_note")], "first, with a comma");
    assert_eq!(&fra[col("note")], "");
    let deu = row("DEU_1996.txt");
    assert_eq!(&deu[col("status")], "relevant");
    assert_eq!(&deu[col("party")], "CDU");
    assert_eq!(&deu[col("share")], "12");
    assert_eq!(&deu[col("field_note")], "");
    assert_eq!(rows.len(), 2);
}

fn options() -> ImportOptions {
    ImportOptions {
        coder: None,
        statuses: vec!["relevant".into()],
        now: "2025-01-01T00:00:00Z".parse().unwrap(),
    }
}

#[test]
fn an_import_of_our_own_variables_counts_them_and_loses_nothing() {
    let (_dir, corpus) = corpus();
    let original = notebook(&corpus);
    let bytes = export(&corpus, &original, Format::Qdpx).bytes;
    let p = project(&bytes);
    let empty = Notebook::new(&corpus.name);
    let plan = import::plan(&empty, &corpus, &p, "fields.qdpx", &options()).unwrap();
    assert!(
        plan.report.problems.is_empty(),
        "{:?}",
        plan.report.problems
    );
    let party = plan.report.variables["party"];
    assert_eq!((party.values, party.different), (2, 0));
    assert_eq!(plan.report.variables["title"].values, 2);
    assert!(
        !plan.report.variables.contains_key("status"),
        "status is imported"
    );
    assert_eq!(plan.report.statuses, 1);
    let lines = plan.report.lines(false).join("\n");
    assert!(
        lines.contains("variables as the corpus has them, so not imported: ")
            && lines.contains("party (2)"),
        "{lines}"
    );
}

#[test]
fn an_import_lists_the_variable_values_the_corpus_does_not_have() {
    let (_dir, corpus) = corpus();
    let bytes = export(&corpus, &notebook(&corpus), Format::Qdpx).bytes;
    let mut p = project(&bytes);
    // A colleague's tool changed one party.
    let party = guid::guid(Kind::Variable, "party");
    let v = p
        .sources
        .iter_mut()
        .flat_map(|s| s.values.iter_mut())
        .find(|v| v.variable == party && v.value.as_text() == "RPR")
        .unwrap();
    v.value = Value::Text("PS".into());
    // And wrote a number its own way, which still says what the corpus does.
    let share = guid::guid(Kind::Variable, "share");
    let v = p
        .sources
        .iter_mut()
        .flat_map(|s| s.values.iter_mut())
        .find(|v| v.variable == share && v.value.as_text() == "3.5")
        .unwrap();
    v.value = Value::Other("FloatValue".into(), "3.50".into());
    let empty = Notebook::new(&corpus.name);
    let plan = import::plan(&empty, &corpus, &p, "fields.qdpx", &options()).unwrap();
    assert_eq!(
        plan.report.problems,
        [
            "variable \"party\": 1 value of 2 not imported: the notebook keeps no metadata (a metadata table can, SPEC §10)"
        ]
    );
    let lines = plan.report.lines(false).join("\n");
    assert!(lines.contains("not imported (1):"), "{lines}");
    assert!(!lines.contains("party (2)"), "{lines}");
    assert!(lines.contains("share (2)"), "{lines}");
}

#[test]
fn the_command_line_exports_the_fields_and_says_what_an_import_leaves() {
    let (dir, _corpus) = corpus();
    let home = tempfile::tempdir().unwrap();
    let notebook = home.path().join("notebook.ron");
    let run = |args: &[&str]| {
        let mut cmd = common::dossier_in(home.path());
        cmd.args(args)
            .arg("-C")
            .arg(dir.path())
            .arg("--notebook")
            .arg(&notebook);
        cmd.output().unwrap()
    };
    let out = run(&["export", "--format", "csv", "--include-untagged"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("warning: extra field \"date\" has the name of a built-in variable"),
        "{stderr}"
    );
    let mut reader = csv::Reader::from_reader(out.stdout.as_slice());
    let header = reader.headers().unwrap().clone();
    let party = header.iter().position(|h| h == "party").unwrap();
    let mut parties: Vec<String> = reader
        .records()
        .map(|r| r.unwrap()[party].to_owned())
        .collect();
    parties.sort();
    assert_eq!(parties, ["CDU", "Forza, Italia", "RPR"]);
    let qdpx = home.path().join("all.qdpx");
    let out = run(&[
        "export",
        "--format",
        "qdpx",
        "--include-untagged",
        "-o",
        qdpx.to_str().unwrap(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = run(&["import", qdpx.to_str().unwrap(), "--dry-run"]);
    let all =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{all}");
    assert!(
        all.contains("variables as the corpus has them, so not imported: code (3), date (3)"),
        "{all}"
    );
    assert!(!all.contains("not imported ("), "{all}");
}
