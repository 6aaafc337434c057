//! The configuration: the example parses to the defaults, unknown fields are named.

use dossier::config::{Config, DEFAULT_CONFIG};
use std::path::Path;

#[test]
fn config_example_parses_and_equals_the_defaults() {
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/config.example.ron"))
        .unwrap();
    let example = Config::parse(&text, Path::new("config.example.ron")).unwrap();
    assert_eq!(example, Config::default());
    let embedded = Config::parse(DEFAULT_CONFIG, Path::new("default-config.ron")).unwrap();
    assert_eq!(embedded, Config::default());
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
fn a_bad_key_override_is_an_error_naming_the_key() {
    let config = Config::parse(
        "Config(keys: {\"reader\": {\"hyper-j\": \"move_down\"}})",
        Path::new("c.ron"),
    )
    .unwrap();
    let err = dossier::keymap::Keymap::new(&[], &config.keys).unwrap_err();
    assert!(err.to_string().contains("hyper-j"));
}

#[test]
fn a_bad_colour_is_an_error_naming_it() {
    let config = Config::parse("Config(theme: (focus: \"octarine\"))", Path::new("c.ron")).unwrap();
    let err = dossier::theme::Theme::from_config(&config.theme, true).unwrap_err();
    assert!(err.to_string().contains("octarine"));
}
