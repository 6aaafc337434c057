//! The configuration's `keys`: pane → key → what it runs. Checked as it is read, so a bad
//! pane, key or action name, a key given twice in one pane, or an attempt to rebind
//! `Ctrl-c` is an error at its line and column in the file.

use super::{Command, Context, Key, KeymapError, QUIT_KEY};
use serde::de::{Deserialize, Deserializer, Error, MapAccess, Visitor};
use std::fmt;

/// Overrides from the configuration, in the order written: per pane, each key with the
/// command names it runs in order (`"none"` unbinds the key).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Overrides(Vec<(String, PaneKeys)>);

/// One pane's keys as written: each key with the command names it runs.
type PaneKeys = Vec<(String, Vec<String>)>;

/// One entry checked: where, which key, what it runs (empty: unbound).
type Entry = (Context, Key, Vec<Command>);

impl Overrides {
    /// No overrides.
    pub fn new() -> Overrides {
        Overrides::default()
    }

    /// Binds `key` in `pane` to run `commands` (`["none"]` unbinds), as the configuration
    /// would.
    pub fn bind(mut self, pane: &str, key: &str, commands: &[&str]) -> Overrides {
        let run = commands.iter().map(|c| (*c).to_owned()).collect();
        match self.0.iter_mut().find(|(p, _)| p == pane) {
            Some((_, keys)) => keys.push((key.to_owned(), run)),
            None => self.0.push((pane.to_owned(), vec![(key.to_owned(), run)])),
        }
        self
    }

    /// True when there are none.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Every entry, checked.
    pub(super) fn entries(&self) -> Result<Vec<Entry>, KeymapError> {
        let mut out = Vec::new();
        for (pane, keys) in &self.0 {
            let context =
                Context::parse(pane).ok_or_else(|| KeymapError::UnknownContext(pane.clone()))?;
            for (key, run) in keys {
                let (key, commands) = check_entry(key, run)?;
                out.push((context, key, commands));
            }
        }
        Ok(out)
    }
}

/// A key and the command names it runs, checked.
fn check_entry(key_text: &str, run: &[String]) -> Result<(Key, Vec<Command>), KeymapError> {
    let key = Key::parse(key_text).ok_or_else(|| KeymapError::UnknownKey(key_text.to_owned()))?;
    let commands = if run.len() == 1 && run[0] == "none" {
        Vec::new()
    } else {
        run.iter()
            .map(|name| {
                Command::parse(name).ok_or_else(|| KeymapError::UnknownAction {
                    key: key_text.to_owned(),
                    action: name.clone(),
                })
            })
            .collect::<Result<Vec<_>, _>>()?
    };
    if commands.is_empty() && run.len() != 1 {
        return Err(KeymapError::UnknownAction {
            key: key_text.to_owned(),
            action: String::new(),
        });
    }
    if key == QUIT_KEY && commands != [Command::Quit] {
        return Err(KeymapError::Reserved(key_text.to_owned()));
    }
    Ok((key, commands))
}

/// What a key runs as written: one name, or a list.
#[derive(serde::Deserialize)]
#[serde(untagged)]
enum Run {
    One(String),
    Many(Vec<String>),
}

/// One pane's keys, checked as they are read.
struct Pane(PaneKeys);

impl<'de> Deserialize<'de> for Pane {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Pane, D::Error> {
        struct Keys;
        impl<'de> Visitor<'de> for Keys {
            type Value = Pane;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a map from keys to action names, like { \"J\": \"next_paragraph\" }")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Pane, A::Error> {
                let mut keys: PaneKeys = Vec::new();
                let mut seen: Vec<Key> = Vec::new();
                while let Some(text) = map.next_key::<String>()? {
                    let run = match map.next_value::<Run>()? {
                        Run::One(name) => vec![name],
                        Run::Many(names) => names,
                    };
                    let (key, _) = check_entry(&text, &run).map_err(A::Error::custom)?;
                    if seen.contains(&key) {
                        return Err(A::Error::custom(format!(
                            "keys: {key} is given twice in one pane"
                        )));
                    }
                    seen.push(key);
                    keys.push((text, run));
                }
                Ok(Pane(keys))
            }
        }
        deserializer.deserialize_map(Keys)
    }
}

impl<'de> Deserialize<'de> for Overrides {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Overrides, D::Error> {
        struct Panes;
        impl<'de> Visitor<'de> for Panes {
            type Value = Overrides;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a map from pane names to key maps, like { \"reader\": { ... } }")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Overrides, A::Error> {
                let mut panes: Vec<(String, PaneKeys)> = Vec::new();
                while let Some(pane) = map.next_key::<String>()? {
                    if Context::parse(&pane).is_none() {
                        return Err(A::Error::custom(KeymapError::UnknownContext(pane)));
                    }
                    if panes.iter().any(|(p, _)| *p == pane) {
                        return Err(A::Error::custom(format!(
                            "keys: pane {pane:?} is given twice"
                        )));
                    }
                    let keys = map.next_value::<Pane>()?;
                    panes.push((pane, keys.0));
                }
                Ok(Overrides(panes))
            }
        }
        deserializer.deserialize_map(Panes)
    }
}
