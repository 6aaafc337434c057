//! The configuration file (`config.ron`): what it may say, its defaults, and reading it.
//! Unknown fields are errors that name the field, so a typo never silently does nothing.

use serde::Deserialize;
use std::path::{Path, PathBuf};

/// The default configuration, embedded; `config.example.ron` documents the same values.
pub const DEFAULT_CONFIG: &str = include_str!("../assets/default-config.ron");

/// Everything the configuration file can set.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Config {
    /// The corpus to open when none is named on the command line.
    pub corpus: Vec<PathBuf>,
    /// Named queries (SPEC §6), listed in the UI with counts and used by
    /// `dossier list --saved NAME`, in the order given.
    pub saved_searches: Vec<(String, String)>,
}

impl Default for Config {
    /// The values of `assets/default-config.ron` and `config.example.ron`.
    fn default() -> Config {
        Config {
            corpus: Vec::new(),
            saved_searches: [
                ("To triage", "status:untriaged"),
                ("With notes", "has:note"),
                ("Orphaned highlights", "has:orphan"),
            ]
            .into_iter()
            .map(|(name, query)| (name.to_owned(), query.to_owned()))
            .collect(),
        }
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
        ron::Options::default()
            .from_str::<Config>(text)
            .map_err(|e| ConfigError::Parse {
                path: path.to_owned(),
                line: e.span.start.line,
                column: e.span.start.col,
                message: e.code.to_string(),
            })
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

/// `<config dir>/dossier/config.ron`, honouring `XDG_CONFIG_HOME`.
pub fn default_path() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "dossier").map(|d| d.config_dir().join("config.ron"))
}

#[cfg(test)]
mod tests {
    use super::*;

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
