//! The whole configuration is checked by every command, not only by the screen: a bad key,
//! action, pane or colour, a key given twice in one pane, or `Ctrl-c` rebound stops `list`
//! too, with the file, line and column.

mod common;

use common::dossier_in;

/// Runs `dossier list` with this configuration; returns (success, stderr).
fn list_with(config: &str) -> (bool, String) {
    let home = tempfile::tempdir().unwrap();
    let path = home.path().join("c.ron");
    std::fs::write(&path, config).unwrap();
    let out = dossier_in(home.path())
        .arg("list")
        .arg("--config")
        .arg(&path)
        .output()
        .unwrap();
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn assert_refused_at(config: &str, place: &str, words: &str) {
    let (ok, stderr) = list_with(config);
    assert!(!ok, "accepted: {config}");
    assert!(stderr.contains(&format!("c.ron:{place}")), "{stderr}");
    assert!(stderr.contains(words), "{stderr}");
}

#[test]
fn an_unknown_action_stops_list_with_its_place() {
    assert_refused_at(
        "Config(\n  keys: {\n    \"reader\": { \"J\": \"fly\" },\n  },\n)",
        "3:",
        "unknown action \"fly\"",
    );
}

#[test]
fn an_unknown_key_or_pane_stops_list_with_its_place() {
    assert_refused_at(
        "Config(\n  keys: {\"reader\": {\n    \"hyper-j\": \"move_down\"}},\n)",
        "3:",
        "unknown key \"hyper-j\"",
    );
    assert_refused_at(
        "Config(\n  keys: {\n    \"sidebar\": {}},\n)",
        "3:",
        "unknown pane \"sidebar\"",
    );
}

#[test]
fn a_bad_colour_stops_list_with_its_place() {
    assert_refused_at(
        "Config(\n  theme: (\n    focus: \"ultraviolet\",\n  ),\n)",
        "3:",
        "\"ultraviolet\" is not a colour",
    );
    assert_refused_at(
        "Config(\n  statuses: [\n    (name: \"keep\", color: Some(\"nope\")),\n  ],\n)",
        "3:",
        "\"nope\" is not a colour",
    );
}

#[test]
fn a_key_given_twice_in_one_pane_is_refused() {
    assert_refused_at(
        "Config(keys: {\"reader\": {\n  \"x\": \"tag\",\n  \"x\": \"note\",\n}})",
        "3:",
        "x is given twice in one pane",
    );
    // Two spellings of one key are one key.
    assert_refused_at(
        "Config(keys: {\"reader\": {\n  \"G\": \"tag\",\n  \"shift-g\": \"note\",\n}})",
        "3:",
        "given twice in one pane",
    );
}

#[test]
fn a_status_key_that_another_binding_has_is_refused() {
    assert_refused_at(
        "Config(\n  statuses: [\n    (name: \"keep\", key: Some('j')),\n  ],\n)",
        "3:",
        "j is bound twice in anywhere",
    );
}

#[test]
fn ctrl_c_always_quits_so_a_config_cannot_unbind_every_way_out() {
    assert_refused_at(
        "Config(keys: {\"anywhere\": {\"q\": \"none\",\n  \"ctrl-c\": \"none\"}})",
        "2:",
        "\"ctrl-c\" always quits",
    );
    // Unbinding `q` alone is fine: Ctrl-c still quits.
    let (ok, stderr) = list_with("Config(keys: {\"anywhere\": {\"q\": \"none\"}})");
    assert!(ok, "{stderr}");
}

#[test]
fn a_binding_may_run_a_list_of_actions() {
    let (ok, stderr) =
        list_with("Config(keys: {\"documents\": {\"x\": [\"mark\", \"move_down\"]}})");
    assert!(ok, "{stderr}");
    assert_refused_at(
        "Config(keys: {\"documents\": {\n  \"x\": [\"mark\", \"sideways\"]}})",
        "2:",
        "unknown action \"sideways\"",
    );
}
