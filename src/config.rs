//! The configuration file (`config.ron`): what it may say, its defaults, and reading it.
//! Unknown fields are errors that name the field, so a typo never silently does nothing.

use crate::export::{ExportOptions, GroupBy};
use serde::{Deserialize, Deserializer};
use std::path::{Path, PathBuf};

/// The default configuration, embedded; `config.example.ron` documents the same values.
pub const DEFAULT_CONFIG: &str = include_str!("../assets/default-config.ron");

/// Everything the configuration file can set.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Config {
    /// The corpus to open when none is named on the command line.
    pub corpus: Vec<PathBuf>,
    /// The notebook file; `None`: one per corpus in the data folder.
    pub notebook: Option<PathBuf>,
    /// The triage statuses, in the order the interface offers them.
    pub statuses: Vec<Status>,
    /// After a status key, go to the next untriaged document.
    pub auto_advance: bool,
    /// Key binding overrides: pane → key → action name (`"none"` unbinds).
    pub keys: crate::keymap::Overrides,
    /// Colours.
    pub theme: crate::theme::ThemeConfig,
    /// Defaults of `dossier export`.
    pub export: ExportConfig,
    /// Named queries (SPEC §6), listed in the UI with counts and used by
    /// `dossier list --saved NAME`, in the order given.
    pub saved_searches: Vec<(String, String)>,
    /// Who the analyst is, recorded on everything they make (SPEC §12); `None`: git's
    /// `user.name`, else `$USER`.
    pub coder: Option<String>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            corpus: Vec::new(),
            notebook: None,
            statuses: Status::defaults(),
            auto_advance: true,
            keys: crate::keymap::Overrides::new(),
            theme: crate::theme::ThemeConfig::default(),
            export: ExportConfig::default(),
            saved_searches: [
                ("To triage", "status:untriaged"),
                ("With notes", "has:note"),
                ("Orphaned highlights", "has:orphan"),
            ]
            .into_iter()
            .map(|(name, query)| (name.to_owned(), query.to_owned()))
            .collect(),
            coder: None,
        }
    }
}

/// The `export` section: what `dossier export` includes and how it lays it out.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ExportConfig {
    /// Also export documents the notebook says nothing about.
    pub include_untagged: bool,
    /// Add each document's full text after its notes.
    pub include_text: bool,
    /// The heading level of a document, 1 to 6.
    #[serde(deserialize_with = "heading_level")]
    pub heading_level: u8,
    /// `Document` or `Tag`.
    pub group_by: GroupBy,
}

impl Default for ExportConfig {
    fn default() -> ExportConfig {
        let options = ExportOptions::default();
        ExportConfig {
            include_untagged: options.include_untagged,
            include_text: options.include_text,
            heading_level: options.heading_level,
            group_by: options.group_by,
        }
    }
}

impl ExportConfig {
    /// The export options these defaults give.
    pub fn options(&self) -> ExportOptions {
        ExportOptions {
            include_untagged: self.include_untagged,
            include_text: self.include_text,
            heading_level: self.heading_level,
            group_by: self.group_by,
        }
    }
}

/// A Markdown heading level: 1 to 6.
fn heading_level<'de, D: Deserializer<'de>>(deserializer: D) -> Result<u8, D::Error> {
    let level = u8::deserialize(deserializer)?;
    if (1..=6).contains(&level) {
        Ok(level)
    } else {
        Err(serde::de::Error::custom(format!(
            "heading_level must be 1 to 6, not {level}"
        )))
    }
}

/// A triage status: its name, the key that sets it, and its colour.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Status {
    /// The name, as saved in the notebook and given to `dossier triage --status`.
    pub name: String,
    /// The key that sets it in the interface.
    #[serde(default)]
    pub key: Option<char>,
    /// A colour name (`green`) or `#rrggbb`.
    #[serde(default, deserialize_with = "crate::theme::optional_color_name")]
    pub color: Option<String>,
}

impl Status {
    /// `relevant` (1, green), `maybe` (2, yellow), `irrelevant` (3, red).
    pub fn defaults() -> Vec<Status> {
        [
            ("relevant", '1', "green"),
            ("maybe", '2', "yellow"),
            ("irrelevant", '3', "red"),
        ]
        .into_iter()
        .map(|(name, key, color)| Status {
            name: name.to_owned(),
            key: Some(key),
            color: Some(color.to_owned()),
        })
        .collect()
    }
}

/// A configuration file that cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// The file cannot be read.
    #[error("{}: {source}", path.display())]
    Read {
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// The file is not a valid configuration.
    #[error("{}:{}:{}: {message}", path.display(), line, column)]
    Parse {
        /// The file.
        path: PathBuf,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// What is wrong.
        message: String,
    },
}

impl Config {
    /// Parses a configuration text; `path` names it in errors.
    pub fn parse(text: &str, path: &Path) -> Result<Config, ConfigError> {
        let config = ron::Options::default()
            .from_str::<Config>(text)
            .map_err(|e| ConfigError::Parse {
                path: path.to_owned(),
                line: e.span.start.line,
                column: e.span.start.col,
                message: e.code.to_string(),
            })?;
        config.validate().map_err(|(message, needles)| {
            let (line, column) = place(text, &needles);
            ConfigError::Parse {
                path: path.to_owned(),
                line,
                column,
                message,
            }
        })?;
        Ok(config)
    }

    /// Reads the configuration: `explicit` must exist; the default file may be absent.
    pub fn load(explicit: Option<&Path>) -> Result<Config, ConfigError> {
        let (path, required) = match explicit {
            Some(p) => (p.to_owned(), true),
            None => match default_path() {
                Some(p) => (p, false),
                None => return Ok(Config::default()),
            },
        };
        match std::fs::read_to_string(&path) {
            Ok(text) => Config::parse(&text, &path),
            Err(e) if !required && e.kind() == std::io::ErrorKind::NotFound => {
                Ok(Config::default())
            }
            Err(e) => Err(ConfigError::Read { path, source: e }),
        }
    }

    /// The names of the configured statuses, in order.
    pub fn status_names(&self) -> Vec<&str> {
        self.statuses.iter().map(|s| s.name.as_str()).collect()
    }

    /// The status keys, (index, key), for the keymap.
    pub fn status_keys(&self) -> Vec<(usize, char)> {
        self.statuses
            .iter()
            .enumerate()
            .filter_map(|(i, s)| s.key.map(|k| (i, k)))
            .collect()
    }

    /// Statuses need distinct, non-empty names and distinct keys, which no other binding
    /// of anywhere takes; a coder a name. The error comes with what to look for in the
    /// text to place it.
    fn validate(&self) -> Result<(), (String, Vec<String>)> {
        if let Some(coder) = &self.coder
            && crate::team::coder::clean(coder).as_deref() != Some(coder.as_str())
        {
            return Err((
                format!(
                    "coder: {coder:?} is not a name (not empty, no surrounding spaces or control characters)"
                ),
                vec!["coder".to_owned()],
            ));
        }
        self.validate_statuses()?;
        if let Err(e) = crate::keymap::Keymap::new(&self.status_keys(), &self.keys) {
            let needles = match &e {
                crate::keymap::KeymapError::BoundTwice { key, .. } => {
                    let mut needles = vec!["statuses".to_owned()];
                    needles.extend(key_char(key).map(|c| format!("'{c}'")));
                    needles
                }
                _ => vec!["keys".to_owned()],
            };
            return Err((e.to_string(), needles));
        }
        Ok(())
    }

    fn validate_statuses(&self) -> Result<(), (String, Vec<String>)> {
        let at = |name: &str| vec!["statuses".to_owned(), format!("{name:?}")];
        for (i, status) in self.statuses.iter().enumerate() {
            let name = status.name.trim();
            if name.is_empty() || name != status.name || name.chars().any(char::is_control) {
                return Err((
                    format!(
                        "statuses: {:?} is not a status name (no surrounding spaces, not empty)",
                        status.name
                    ),
                    at(&status.name),
                ));
            }
            let earlier = &self.statuses[..i];
            if earlier.iter().any(|s| s.name == status.name) {
                return Err((
                    format!("statuses: {:?} is given twice", status.name),
                    at(&status.name),
                ));
            }
            if let Some(key) = status.key
                && let Some(other) = earlier.iter().find(|s| s.key == Some(key))
            {
                return Err((
                    format!(
                        "statuses: key {key:?} is given to both {:?} and {:?}",
                        other.name, status.name
                    ),
                    at(&status.name),
                ));
            }
        }
        Ok(())
    }
}

/// The character of a plain character key.
fn key_char(key: &crate::keymap::Key) -> Option<char> {
    match key.code {
        ratatui::crossterm::event::KeyCode::Char(c) if key.mods.is_empty() => Some(c),
        _ => None,
    }
}

/// The 1-based line and column of the last of `needles` found in `text`, each searched
/// after the one before (`["statuses", "\"maybe\""]`); the start of the file when none is.
fn place(text: &str, needles: &[String]) -> (usize, usize) {
    let mut at = 0;
    let mut found = 0;
    for needle in needles {
        if let Some(i) = text[at..].find(needle.as_str()) {
            found = at + i;
            at = found + needle.len();
        }
    }
    let before = &text[..found];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

impl Config {
    /// The query of a saved search by name (exact, else ignoring case); the error lists
    /// the names there are.
    pub fn saved_search(&self, name: &str) -> Result<&str, String> {
        let found = self
            .saved_searches
            .iter()
            .find(|(n, _)| n == name)
            .or_else(|| {
                self.saved_searches
                    .iter()
                    .find(|(n, _)| n.to_lowercase() == name.to_lowercase())
            });
        match found {
            Some((_, query)) => Ok(query),
            None if self.saved_searches.is_empty() => Err(format!(
                "no saved search {name:?}; the configuration names none (saved_searches)"
            )),
            None => {
                let names: Vec<String> = self
                    .saved_searches
                    .iter()
                    .map(|(n, _)| format!("{n:?}"))
                    .collect();
                Err(format!(
                    "no saved search {name:?}; saved searches: {}",
                    names.join(", ")
                ))
            }
        }
    }
}

/// dossier's data folder (`<data dir>/dossier`, honouring `XDG_DATA_HOME`): notebooks,
/// caches, the query history.
pub fn data_dir() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "dossier").map(|d| d.data_dir().to_path_buf())
}

/// `<config dir>/dossier/config.ron`, honouring `XDG_CONFIG_HOME`.
pub fn default_path() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "dossier").map(|d| d.config_dir().join("config.ron"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_example_and_the_default_config_parse_to_the_defaults() {
        let example = include_str!("../config.example.ron");
        let parsed = Config::parse(example, Path::new("config.example.ron")).unwrap();
        assert_eq!(parsed, Config::default());
        let default = Config::parse(DEFAULT_CONFIG, Path::new("default-config.ron")).unwrap();
        assert_eq!(default, Config::default());
    }

    #[test]
    fn export_section_is_read_and_checked() {
        let text = "Config(export: (group_by: Tag, heading_level: 3))";
        let config = Config::parse(text, Path::new("c.ron")).unwrap();
        assert_eq!(config.export.group_by, GroupBy::Tag);
        assert_eq!(config.export.options().heading_level, 3);
        assert!(!config.export.include_untagged);

        let bad = "Config(\n  export: (heading_level: 9),\n)";
        let error = Config::parse(bad, Path::new("c.ron"))
            .unwrap_err()
            .to_string();
        assert!(error.starts_with("c.ron:2:"), "{error}");
        assert!(
            error.contains("heading_level must be 1 to 6, not 9"),
            "{error}"
        );

        let unknown = "Config(export: (colour: true))";
        let error = Config::parse(unknown, Path::new("c.ron"))
            .unwrap_err()
            .to_string();
        assert!(error.contains("colour"), "{error}");
    }

    #[test]
    fn the_embedded_default_is_the_default() {
        let parsed = Config::parse(DEFAULT_CONFIG, Path::new("default-config.ron")).unwrap();
        assert_eq!(parsed, Config::default());
    }

    #[test]
    fn duplicate_status_keys_are_refused() {
        let text =
            r#"Config(statuses: [(name: "a", key: Some('1')), (name: "b", key: Some('1'))])"#;
        let err = Config::parse(text, Path::new("c.ron")).unwrap_err();
        assert!(err.to_string().contains("key '1'"), "{err}");
    }

    #[test]
    fn default_and_example_files_say_the_defaults() {
        let default = Config::parse(DEFAULT_CONFIG, Path::new("default-config.ron")).unwrap();
        assert_eq!(default, Config::default());
        let example = include_str!("../config.example.ron");
        let example = Config::parse(example, Path::new("config.example.ron")).unwrap();
        assert_eq!(example, Config::default());
    }

    #[test]
    fn unknown_fields_are_named() {
        let error = Config::parse("Config(saved_search: [])", Path::new("c.ron")).unwrap_err();
        assert!(error.to_string().contains("saved_search"), "{error}");
    }

    #[test]
    fn saved_searches_are_found_by_name_ignoring_case() {
        let config = Config::default();
        assert_eq!(config.saved_search("to triage"), Ok("status:untriaged"));
        let error = config.saved_search("nope").unwrap_err();
        assert!(error.contains("\"To triage\", \"With notes\""), "{error}");
    }
}
