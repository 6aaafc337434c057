//! Tag colours between dossier and REFI-QDA. dossier's codebook names terminal colours
//! (`cyan`, `light-blue`, `202`) or gives `#rrggbb`; REFI-QDA wants `#RRGGBB`. Named
//! colours go out as the xterm palette's values and come back as their names, so a
//! codebook survives a round trip; any other value comes back as `#rrggbb`.

use ratatui::style::Color;

/// The sixteen named colours with their xterm values, in dossier's spelling.
const NAMED: &[(&str, Color, [u8; 3])] = &[
    ("black", Color::Black, [0x00, 0x00, 0x00]),
    ("red", Color::Red, [0xCD, 0x00, 0x00]),
    ("green", Color::Green, [0x00, 0xCD, 0x00]),
    ("yellow", Color::Yellow, [0xCD, 0xCD, 0x00]),
    ("blue", Color::Blue, [0x00, 0x00, 0xEE]),
    ("magenta", Color::Magenta, [0xCD, 0x00, 0xCD]),
    ("cyan", Color::Cyan, [0x00, 0xCD, 0xCD]),
    ("gray", Color::Gray, [0xE5, 0xE5, 0xE5]),
    ("dark-gray", Color::DarkGray, [0x7F, 0x7F, 0x7F]),
    ("light-red", Color::LightRed, [0xFF, 0x00, 0x00]),
    ("light-green", Color::LightGreen, [0x00, 0xFF, 0x00]),
    ("light-yellow", Color::LightYellow, [0xFF, 0xFF, 0x00]),
    ("light-blue", Color::LightBlue, [0x5C, 0x5C, 0xFF]),
    ("light-magenta", Color::LightMagenta, [0xFF, 0x00, 0xFF]),
    ("light-cyan", Color::LightCyan, [0x00, 0xFF, 0xFF]),
    ("white", Color::White, [0xFF, 0xFF, 0xFF]),
];

/// A codebook colour as `#RRGGBB`; `None` for a value that is not a colour.
pub fn to_rgb(color: &str) -> Option<String> {
    let rgb = match crate::theme::parse_color(color).ok()? {
        Color::Rgb(r, g, b) => [r, g, b],
        Color::Indexed(i) => indexed(i),
        named => NAMED.iter().find(|(_, c, _)| *c == named)?.2,
    };
    Some(format!("#{:02X}{:02X}{:02X}", rgb[0], rgb[1], rgb[2]))
}

/// A REFI-QDA colour (`#RRGGBB` or `#RGB`) as dossier writes it: the name of a named
/// colour with exactly this value, else `#rrggbb`. `None` for anything else.
pub fn from_rgb(value: &str) -> Option<String> {
    let hex = value.trim().strip_prefix('#')?;
    if !hex.chars().all(|c| c.is_ascii_hexdigit()) {
        return None;
    }
    let full: String = match hex.len() {
        6 => hex.to_owned(),
        3 => hex.chars().flat_map(|c| [c, c]).collect(),
        _ => return None,
    };
    let v = u32::from_str_radix(&full, 16).ok()?;
    let rgb = [(v >> 16) as u8, (v >> 8) as u8, v as u8];
    Some(match NAMED.iter().find(|(_, _, value)| *value == rgb) {
        Some((name, _, _)) => (*name).to_owned(),
        None => format!("#{}", full.to_ascii_lowercase()),
    })
}

/// The xterm value of a 256-colour palette index.
fn indexed(i: u8) -> [u8; 3] {
    match i {
        0..=15 => NAMED[usize::from(i)].2,
        16..=231 => {
            let level = |n: u8| if n == 0 { 0 } else { 55 + n * 40 };
            let n = i - 16;
            [level(n / 36), level((n / 6) % 6), level(n % 6)]
        }
        _ => {
            let grey = 8 + (i - 232) * 10;
            [grey, grey, grey]
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn named_colours_survive_a_round_trip() {
        for (name, _, _) in NAMED {
            let rgb = to_rgb(name).unwrap();
            assert_eq!(from_rgb(&rgb).as_deref(), Some(*name), "{rgb}");
        }
    }

    #[test]
    fn other_colours_go_out_as_rgb_and_come_back_lower_case() {
        assert_eq!(to_rgb("#12abEF").as_deref(), Some("#12ABEF"));
        assert_eq!(from_rgb("#12ABEF").as_deref(), Some("#12abef"));
        assert_eq!(to_rgb("202").as_deref(), Some("#FF5F00"));
        assert_eq!(to_rgb("255").as_deref(), Some("#EEEEEE"));
        assert_eq!(from_rgb("#0f0").as_deref(), Some("light-green"));
        assert_eq!(to_rgb("not a colour"), None);
        assert_eq!(from_rgb("blue"), None);
        assert_eq!(from_rgb("#12345"), None);
    }
}
