//! The documented example configuration is the default, and mistakes in a configuration
//! are named.

use dossier::config::{Config, DEFAULT_CONFIG, Status};
use std::path::Path;

#[test]
fn the_example_config_parses_to_the_defaults() {
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/config.example.ron"))
        .unwrap();
    let config = Config::parse(&text, Path::new("config.example.ron")).unwrap();
    assert_eq!(config, Config::default());
    assert_eq!(config.status_names(), ["relevant", "maybe", "irrelevant"]);
    assert_eq!(config.statuses[0].key, Some('1'));
    let embedded = Config::parse(DEFAULT_CONFIG, Path::new("default-config.ron")).unwrap();
    assert_eq!(embedded, Config::default());
}

#[test]
fn statuses_and_notebook_can_be_configured() {
    let text = r##"Config(notebook: Some("/x/notes.ron"), statuses: [(name: "keep", key: Some('x'), color: Some("#00ff00")), (name: "drop")])"##;
    let config = Config::parse(text, Path::new("c.ron")).unwrap();
    assert_eq!(config.notebook.as_deref(), Some(Path::new("/x/notes.ron")));
    assert_eq!(
        config.statuses[1],
        Status {
            name: "drop".into(),
            key: None,
            color: None
        }
    );
}

#[test]
fn an_unknown_field_is_named_with_its_place() {
    let err = Config::parse("Config(\n  notebok: None,\n)", Path::new("c.ron")).unwrap_err();
    let message = err.to_string();
    assert!(message.starts_with("c.ron:2:"), "{message}");
    assert!(message.contains("notebok"), "{message}");
}

#[test]
fn unknown_fields_are_errors_naming_file_line_and_field() {
    let err = Config::parse(
        "Config(\n  corpus: [],\n  colour: \"red\",\n)",
        Path::new("c.ron"),
    )
    .unwrap_err();
    let message = err.to_string();
    assert!(message.starts_with("c.ron:3:"), "{message}");
    assert!(message.contains("colour"), "{message}");
}

#[test]
fn a_bad_key_override_is_an_error_naming_the_key_and_its_place() {
    let err = Config::parse(
        "Config(keys: {\"reader\": {\"hyper-j\": \"move_down\"}})",
        Path::new("c.ron"),
    )
    .unwrap_err()
    .to_string();
    assert!(err.starts_with("c.ron:1:"), "{err}");
    assert!(err.contains("hyper-j"), "{err}");
}

#[test]
fn a_bad_colour_is_an_error_naming_it_and_its_place() {
    let err = Config::parse("Config(theme: (focus: \"octarine\"))", Path::new("c.ron"))
        .unwrap_err()
        .to_string();
    assert!(err.starts_with("c.ron:1:"), "{err}");
    assert!(err.contains("octarine"), "{err}");
}
