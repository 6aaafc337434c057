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
    /// After a status key, go to the next untriaged document.
    pub auto_advance: bool,
    /// Key binding overrides: pane → key → action name (`"none"` unbinds).
    pub keys: crate::keymap::Overrides,
    /// Colours.
    pub theme: crate::theme::ThemeConfig,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            corpus: Vec::new(),
            auto_advance: true,
            keys: crate::keymap::Overrides::new(),
            theme: crate::theme::ThemeConfig::default(),
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

/// `<config dir>/dossier/config.ron`, honouring `XDG_CONFIG_HOME`.
pub fn default_path() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "dossier").map(|d| d.config_dir().join("config.ron"))
}
