//! The screen without a terminal, for state tests and snapshots: keys pressed as the event
//! loop would (the workers' effects answered at once) and the screen drawn on ratatui's
//! `TestBackend` as text.

use dossier::action::{Action, Effect};
use dossier::keymap::Key;
use dossier::state::query::answer_inline;
use dossier::state::{State, update};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;

/// Runs the workers' effects (queries, gathering, charts) at once, as the event loop's
/// workers would; returns the other effects.
pub fn settle(state: &mut State, effects: Vec<Effect>) -> Vec<Effect> {
    let mut out = Vec::new();
    for effect in effects {
        match answer_inline(state, &effect) {
            Some(answer) => {
                let more = update(state, answer);
                out.extend(settle(state, more));
            }
            None => out.push(effect),
        }
    }
    out
}

/// Presses one key (`j`, `enter`, `ctrl-a`) and settles what it started.
pub fn press(state: &mut State, key: &str) -> Vec<Effect> {
    let key = Key::parse(key).unwrap_or_else(|| panic!("bad key {key}"));
    let effects = update(state, Action::Key(key));
    settle(state, effects)
}

/// Presses each of `keys` in turn; the effects left over.
pub fn keys(state: &mut State, keys: &[&str]) -> Vec<Effect> {
    keys.iter().flat_map(|k| press(state, k)).collect()
}

/// Types `text` a key at a time.
pub fn type_text(state: &mut State, text: &str) {
    for c in text.chars() {
        let key = if c == ' ' {
            "space".to_owned()
        } else {
            c.to_string()
        };
        press(state, &key);
    }
}

/// The screen at the state's size: its text (lines trimmed at the end) and its cells.
pub fn render(state: &State) -> (String, Buffer) {
    let backend = TestBackend::new(state.size.0, state.size.1);
    let mut terminal = Terminal::new(backend).unwrap();
    terminal.draw(|f| dossier::ui::draw(f, state)).unwrap();
    let buffer = terminal.backend().buffer().clone();
    let mut text = String::new();
    for y in 0..buffer.area.height {
        let mut line = String::new();
        let mut skip = 0;
        for x in 0..buffer.area.width {
            // A wide character covers the cells after it: print it once, as a terminal shows it.
            if skip > 0 {
                skip -= 1;
                continue;
            }
            let symbol = buffer[(x, y)].symbol();
            skip = dossier::text::width(symbol).saturating_sub(1);
            line.push_str(symbol);
        }
        text.push_str(line.trim_end());
        text.push('\n');
    }
    (text, buffer)
}
