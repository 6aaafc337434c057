//! Colours of the screen, from the configuration's `theme`; with `NO_COLOR` set, no colour
//! at all (bold, reverse and underline still mark the focus, cursor and highlights).

use ratatui::style::{Color, Modifier, Style};
use serde::Deserialize;

/// Colour names as the configuration writes them (`cyan`, `light-blue`, `#88c0d0`, `245`).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ThemeConfig {
    /// The focused pane's border.
    #[serde(deserialize_with = "color_name")]
    pub focus: String,
    /// Borders of the other panes.
    #[serde(deserialize_with = "color_name")]
    pub border: String,
    /// Titles in the reader and the list.
    #[serde(deserialize_with = "color_name")]
    pub title: String,
    /// Secondary text: dates, metadata, hints.
    #[serde(deserialize_with = "color_name")]
    pub dim: String,
    /// The background of the sentence cursor.
    #[serde(deserialize_with = "color_name")]
    pub cursor: String,
    /// The background of the visual selection.
    #[serde(deserialize_with = "color_name")]
    pub selection: String,
    /// The background of search matches.
    #[serde(deserialize_with = "color_name")]
    pub matches: String,
    /// Colours given to tags without a colour of their own, in turn.
    #[serde(deserialize_with = "color_names")]
    pub tags: Vec<String>,
}

impl Default for ThemeConfig {
    fn default() -> Self {
        let s = |x: &str| x.to_owned();
        ThemeConfig {
            focus: s("cyan"),
            border: s("dark-gray"),
            title: s("white"),
            dim: s("gray"),
            cursor: s("#303846"),
            selection: s("#3b4f6b"),
            matches: s("yellow"),
            tags: [
                "cyan",
                "magenta",
                "green",
                "yellow",
                "blue",
                "red",
                "light-cyan",
                "light-magenta",
            ]
            .map(s)
            .to_vec(),
        }
    }
}

/// A colour name that is not a colour.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "theme: {0:?} is not a colour (a name such as \"cyan\" or \"light-blue\", \"#rrggbb\", or 0-255)"
)]
pub struct ColorError(pub String);

/// A colour name, checked as the configuration is read (so its error has a place).
fn color_name<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<String, D::Error> {
    let name = String::deserialize(deserializer)?;
    parse_color(&name).map_err(serde::de::Error::custom)?;
    Ok(name)
}

/// Colour names, checked as the configuration is read.
fn color_names<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<Vec<String>, D::Error> {
    let names = Vec::<String>::deserialize(deserializer)?;
    for name in &names {
        parse_color(name).map_err(serde::de::Error::custom)?;
    }
    Ok(names)
}

/// A colour name, if any, checked as the configuration is read.
pub fn optional_color_name<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<String>, D::Error> {
    let name = Option::<String>::deserialize(deserializer)?;
    if let Some(name) = &name {
        parse_color(name).map_err(serde::de::Error::custom)?;
    }
    Ok(name)
}

/// Parses a colour name.
pub fn parse_color(name: &str) -> Result<Color, ColorError> {
    let normalized = name.trim().to_lowercase().replace(['-', '_', ' '], "");
    let color = match normalized.as_str() {
        "black" => Color::Black,
        "red" => Color::Red,
        "green" => Color::Green,
        "yellow" => Color::Yellow,
        "blue" => Color::Blue,
        "magenta" => Color::Magenta,
        "cyan" => Color::Cyan,
        "gray" | "grey" => Color::Gray,
        "darkgray" | "darkgrey" => Color::DarkGray,
        "lightred" => Color::LightRed,
        "lightgreen" => Color::LightGreen,
        "lightyellow" => Color::LightYellow,
        "lightblue" => Color::LightBlue,
        "lightmagenta" => Color::LightMagenta,
        "lightcyan" => Color::LightCyan,
        "white" => Color::White,
        hex if hex.starts_with('#') && hex.len() == 7 => {
            let v = u32::from_str_radix(&hex[1..], 16).map_err(|_| ColorError(name.to_owned()))?;
            Color::Rgb((v >> 16) as u8, (v >> 8) as u8, v as u8)
        }
        n => Color::Indexed(n.parse().map_err(|_| ColorError(name.to_owned()))?),
    };
    Ok(color)
}

/// The resolved colours.
#[derive(Debug, Clone, PartialEq)]
pub struct Theme {
    /// False under `NO_COLOR`: styles use only modifiers.
    pub color: bool,
    focus: Color,
    border: Color,
    title: Color,
    dim: Color,
    cursor: Color,
    selection: Color,
    matches: Color,
    tags: Vec<Color>,
}

impl Default for Theme {
    fn default() -> Self {
        Theme::from_config(&ThemeConfig::default(), true).unwrap_or_else(|_| Theme::plain())
    }
}

impl Theme {
    /// The theme of a configuration; `color: false` for `NO_COLOR`.
    pub fn from_config(config: &ThemeConfig, color: bool) -> Result<Theme, ColorError> {
        Ok(Theme {
            color,
            focus: parse_color(&config.focus)?,
            border: parse_color(&config.border)?,
            title: parse_color(&config.title)?,
            dim: parse_color(&config.dim)?,
            cursor: parse_color(&config.cursor)?,
            selection: parse_color(&config.selection)?,
            matches: parse_color(&config.matches)?,
            tags: config
                .tags
                .iter()
                .map(|t| parse_color(t))
                .collect::<Result<_, _>>()?,
        })
    }

    /// No colours at all.
    pub fn plain() -> Theme {
        Theme {
            color: false,
            focus: Color::Reset,
            border: Color::Reset,
            title: Color::Reset,
            dim: Color::Reset,
            cursor: Color::Reset,
            selection: Color::Reset,
            matches: Color::Reset,
            tags: vec![Color::Reset],
        }
    }

    fn fg(&self, c: Color) -> Style {
        if self.color {
            Style::new().fg(c)
        } else {
            Style::new()
        }
    }

    /// A pane's border.
    pub fn border(&self, focused: bool) -> Style {
        if focused {
            self.fg(self.focus).add_modifier(Modifier::BOLD)
        } else {
            self.fg(self.border)
        }
    }

    /// Titles.
    pub fn title(&self) -> Style {
        self.fg(self.title).add_modifier(Modifier::BOLD)
    }

    /// Secondary text.
    pub fn dim(&self) -> Style {
        if self.color {
            self.fg(self.dim)
        } else {
            Style::new().add_modifier(Modifier::DIM)
        }
    }

    /// The selected row of a list.
    pub fn selected(&self, focused: bool) -> Style {
        if !self.color || focused {
            Style::new().add_modifier(Modifier::REVERSED)
        } else {
            Style::new().bg(self.cursor)
        }
    }

    /// The sentence cursor.
    pub fn cursor(&self) -> Style {
        if self.color {
            Style::new().bg(self.cursor)
        } else {
            Style::new().add_modifier(Modifier::BOLD)
        }
    }

    /// The visual selection.
    pub fn selection(&self) -> Style {
        if self.color {
            Style::new().bg(self.selection)
        } else {
            Style::new().add_modifier(Modifier::REVERSED)
        }
    }

    /// A search match.
    pub fn search_match(&self) -> Style {
        if self.color {
            Style::new().bg(self.matches).fg(Color::Black)
        } else {
            Style::new().add_modifier(Modifier::REVERSED | Modifier::UNDERLINED)
        }
    }

    /// A highlight in a tag's colour (the codebook's, or one of the theme's by name).
    pub fn tag(&self, name: &str, own: Option<&str>) -> Style {
        if !self.color {
            return Style::new().add_modifier(Modifier::UNDERLINED);
        }
        let color = own
            .and_then(|c| parse_color(c).ok())
            .unwrap_or_else(|| self.tag_color(name));
        Style::new().fg(color).add_modifier(Modifier::UNDERLINED)
    }

    fn tag_color(&self, name: &str) -> Color {
        // The top-level tag picks the colour, so `cyber/5g` looks like `cyber`.
        let top = name.split('/').next().unwrap_or(name);
        let hash = top.bytes().fold(2166136261u32, |h, b| {
            (h ^ u32::from(b)).wrapping_mul(16777619)
        });
        self.tags
            .get(hash as usize % self.tags.len().max(1))
            .copied()
            .unwrap_or(Color::Reset)
    }

    /// A status's colour in the list.
    pub fn status(&self, color: Option<&str>) -> Style {
        match color.and_then(|c| parse_color(c).ok()) {
            Some(c) if self.color => Style::new().fg(c),
            _ => Style::new(),
        }
    }
}
