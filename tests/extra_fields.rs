//! Extra fields everywhere (SPEC §10): a dataset's extra columns are query terms
//! (`party:lab`, `seats:>=10`, `born:1940..1949`), JSON `fields` and `sources`, table
//! columns (`--columns`), a sort order (`--sort seats`), lines of `show` and of the Markdown
//! export. Unknown fields and columns, and comparisons with what is no number, are one
//! clear error with exit code 1.

mod common;

use common::{dossier_in, stdout};
use std::path::PathBuf;

/// A corpus of one CSV dataset with extra columns, in a temporary home.
struct Home {
    dir: tempfile::TempDir,
}

const ROWS: [(&str, &str, &str, &str, &str); 4] = [
    ("a", "Ann Smith", "Labour", "12", "1950-03-14"),
    ("b", "Bob Jones", "Conservative", "9", "1946"),
    ("c", "Cat Brown", "Labour", "100", ""),
    ("d", "Dan Green", "Green", "2.5", "1941-07"),
];

impl Home {
    fn new() -> Home {
        let dir = tempfile::tempdir().unwrap();
        let corpus = dir.path().join("corpus");
        std::fs::create_dir_all(&corpus).unwrap();
        let mut csv = String::from("id,speaker,party,seats,born,text\n");
        for (id, speaker, party, seats, born) in ROWS {
            let text = format!("This is the speech of {speaker} for the {party} party. ").repeat(5);
            csv.push_str(&format!(
                "{id},{speaker},{party},{seats},{born},\"{text}\"\n"
            ));
        }
        std::fs::write(corpus.join("speeches.csv"), csv).unwrap();
        Home { dir }
    }

    fn corpus(&self) -> PathBuf {
        self.dir.path().join("corpus")
    }

    fn cmd(&self) -> assert_cmd::Command {
        let mut cmd = dossier_in(self.dir.path());
        cmd.arg("-C").arg(self.corpus());
        cmd
    }

    /// The ids (the `id` column) of the documents `dossier list ARGS` prints, in order.
    fn ids(&self, args: &[&str]) -> Vec<String> {
        stdout(self.cmd().arg("list").args(args).args(["--format", "json"]))
            .lines()
            .map(|l| {
                let doc: serde_json::Value = serde_json::from_str(l).unwrap();
                doc["fields"]["id"].as_str().unwrap_or("-").to_owned()
            })
            .collect()
    }

    /// The stderr of a command that must fail with exit code 1.
    fn fails(&self, args: &[&str]) -> String {
        let out = self.cmd().args(args).output().unwrap();
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        assert!(out.stdout.is_empty());
        String::from_utf8(out.stderr).unwrap()
    }
}

#[test]
fn an_extra_field_is_a_substring_term_ignoring_case() {
    let home = Home::new();
    assert_eq!(
        home.ids(&["--query", "PARTY:lab", "--sort", "path"]),
        ["a", "c"]
    );
    assert_eq!(
        home.ids(&["--query", "-party:lab", "--sort", "path"]),
        ["b", "d"]
    );
    assert_eq!(
        home.ids(&["--query", "party:green,cons", "--sort", "path"]),
        ["b", "d"]
    );
}

#[test]
fn numbers_compare_as_numbers_and_dates_by_overlap() {
    let home = Home::new();
    let q = |query: &str| home.ids(&["--query", query, "--sort", "path"]);
    assert_eq!(q("seats:>=10"), ["a", "c"], "100 is more than 10");
    assert_eq!(q("seats:<9"), ["d"]);
    assert_eq!(q("seats:2..12"), ["a", "b", "d"]);
    assert_eq!(
        q("born:1940..1949"),
        ["b", "d"],
        "a year and a month overlap"
    );
    assert_eq!(q("born:<1950-03"), ["b", "d"]);
    assert_eq!(q("born:>=1950"), ["a"], "an empty cell is no value");
}

#[test]
fn json_gives_the_fields_and_where_each_came_from() {
    let home = Home::new();
    let out = stdout(
        home.cmd()
            .args(["list", "--format", "json", "--query", "seats:12"]),
    );
    let doc: serde_json::Value = serde_json::from_str(out.lines().next().unwrap()).unwrap();
    assert_eq!(doc["fields"]["party"], "Labour");
    assert_eq!(doc["fields"]["seats"], "12");
    assert_eq!(doc["sources"]["party"], "table");
    assert_eq!(doc["sources"]["speaker"], "table");
    assert_eq!(doc["sources"]["title"], "text");
}

#[test]
fn columns_pick_built_in_and_extra_fields_in_order() {
    let home = Home::new();
    let out = stdout(home.cmd().args([
        "list",
        "--columns",
        "speaker,party,seats",
        "--sort",
        "path",
        "--format",
        "tsv",
    ]));
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines[0], "speaker\tparty\tseats");
    assert_eq!(lines[1], "Ann Smith\tLabour\t12");
    assert_eq!(lines.len(), 5);
    let table = stdout(
        home.cmd()
            .args(["list", "--columns", "party,speaker", "--sort", "party"]),
    );
    let table: Vec<&str> = table.lines().collect();
    assert_eq!(
        table[0].split_whitespace().collect::<Vec<_>>(),
        ["PARTY", "SPEAKER"]
    );
    assert!(table[1].starts_with("Conservative  Bob Jones"), "{table:?}");
}

#[test]
fn sorting_by_an_extra_field_puts_numbers_in_number_order_and_the_missing_last() {
    let home = Home::new();
    assert_eq!(home.ids(&["--sort", "seats"]), ["d", "b", "a", "c"]);
    assert_eq!(home.ids(&["--sort", "born"]), ["d", "b", "a", "c"]);
    assert_eq!(home.ids(&["--sort", "party"]), ["b", "d", "a", "c"]);
}

#[test]
fn show_prints_the_extra_fields_and_json_their_sources() {
    let home = Home::new();
    let out = stdout(home.cmd().args(["show", "speeches.csv#a"]));
    assert!(out.contains("    party: Labour\n"), "{out}");
    assert!(out.contains("    seats: 12\n"), "{out}");
    let json = stdout(
        home.cmd()
            .args(["show", "speeches.csv#b", "--format", "json"]),
    );
    let doc: serde_json::Value = serde_json::from_str(json.trim()).unwrap();
    assert_eq!(doc["fields"]["born"], "1946");
    assert_eq!(doc["sources"]["born"], "table");
    assert!(
        doc["text"]
            .as_str()
            .unwrap()
            .starts_with("This is the speech of Bob")
    );
}

#[test]
fn the_markdown_export_holds_each_document_s_fields() {
    let home = Home::new();
    stdout(
        home.cmd()
            .args(["tag", "speeches.csv#a", "--tag", "schools"]),
    );
    let markdown = stdout(home.cmd().arg("export"));
    assert!(
        markdown.contains("\nFields: born: 1950-03-14 · id: a · party: Labour · seats: 12\n"),
        "{markdown}"
    );
}

#[test]
fn an_unknown_field_is_one_error_listing_the_known_ones() {
    let home = Home::new();
    let stderr = home.fails(&["list", "--query", "parti:lab"]);
    let first = stderr.lines().next().unwrap();
    assert!(first.contains("unknown field `parti:`"), "{stderr}");
    assert!(
        first.ends_with("or a field of this corpus: born, id, party, seats"),
        "{first}"
    );
}

#[test]
fn a_comparison_with_what_is_no_number_or_date_is_an_error() {
    let home = Home::new();
    let stderr = home.fails(&["list", "--query", "seats:>=many"]);
    assert!(
        stderr.starts_with("dossier: query error at column 7: expected a number or a date"),
        "{stderr}"
    );
    let stderr = home.fails(&["list", "--query", "seats:12..3"]);
    assert!(stderr.contains("ends before it starts"), "{stderr}");
    // Quoted, the same text is a substring.
    assert!(home.ids(&["--query", "seats:\">=many\""]).is_empty());
}

#[test]
fn an_unknown_column_or_sort_is_one_error_listing_the_known_ones() {
    let home = Home::new();
    let stderr = home.fails(&["list", "--columns", "date,colour"]);
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(
        stderr.starts_with("dossier: unknown column \"colour\"; expected path, id, format"),
        "{stderr}"
    );
    assert!(
        stderr.trim_end().ends_with("born, id, party, seats"),
        "{stderr}"
    );
    let stderr = home.fails(&["list", "--sort", "colour"]);
    assert_eq!(
        stderr.trim_end(),
        "dossier: unknown sort \"colour\"; expected date, title, path, status, born, id, party, seats"
    );
}

#[test]
fn a_corpus_without_extra_fields_says_so_for_an_unknown_field() {
    let dir = tempfile::tempdir().unwrap();
    let out = dossier_in(dir.path())
        .args(["list", "--query", "party:x"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr
            .lines()
            .next()
            .unwrap()
            .ends_with("expected tag, status, has, date, kind, speaker, place, path or turn"),
        "{stderr}"
    );
}

/// The screen's state over the same dataset, with the query effects answered at once.
fn screen() -> dossier::state::State {
    use dossier::state::{Settings, State};
    let mut csv = String::from("id,speaker,party,seats,born,text\n");
    for (id, speaker, party, seats, born) in ROWS {
        let text = format!("This is the speech of {speaker} for the {party} party. ").repeat(5);
        csv.push_str(&format!(
            "{id},{speaker},{party},{seats},{born},\"{text}\"\n"
        ));
    }
    let corpus =
        dossier::store::Corpus::from_files("speeches", &[("speeches.csv", csv.as_bytes())]);
    let notebook = dossier::notebook::Notebook::new("speeches");
    State::new(
        std::sync::Arc::new(corpus),
        notebook,
        Settings::default(),
        (120, 35),
    )
    .unwrap()
}

fn type_query(state: &mut dossier::state::State, text: &str) {
    use dossier::keymap::Key;
    let mut keys = vec!["/".to_owned()];
    keys.extend(text.chars().map(|c| c.to_string()));
    for key in keys {
        let action = state.action_for_key(Key::parse(&key).unwrap()).unwrap();
        let effects = dossier::state::update(state, action);
        for effect in effects {
            if let Some(answer) = dossier::state::query::answer_inline(state, &effect) {
                dossier::state::update(state, answer);
            }
        }
    }
}

#[test]
fn the_query_prompt_narrows_by_an_extra_field_and_names_the_known_ones() {
    let mut state = screen();
    type_query(&mut state, "seats:>=10");
    let mut shown: Vec<&str> = state
        .list
        .hits
        .iter()
        .map(|h| state.corpus.documents[h.index].path.as_str())
        .collect();
    shown.sort_unstable();
    assert_eq!(shown, ["speeches.csv#a", "speeches.csv#c"]);

    let mut state = screen();
    type_query(&mut state, "parti:x");
    let error = state.prompt.as_ref().and_then(|p| p.error.clone()).unwrap();
    assert!(
        error.ends_with("or a field of this corpus: born, id, party, seats"),
        "{error}"
    );
}
