//! The documented example configuration is the default, and mistakes in a configuration
//! are named.

use dossier::config::{Config, Status};
use std::path::Path;

#[test]
fn the_example_config_parses_to_the_defaults() {
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/config.example.ron"))
        .unwrap();
    let config = Config::parse(&text, Path::new("config.example.ron")).unwrap();
    assert_eq!(config, Config::default());
    assert_eq!(config.status_names(), ["relevant", "maybe", "irrelevant"]);
    assert_eq!(config.statuses[0].key, Some('1'));
}

#[test]
fn statuses_and_notebook_can_be_configured() {
    let text = r##"Config(notebook: Some("/x/notes.ron"), statuses: [(name: "keep", key: Some('k'), color: Some("#00ff00")), (name: "drop")])"##;
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
