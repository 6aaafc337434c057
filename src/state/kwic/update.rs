//! What the keys do while the KWIC view is on the screen: move, sort, mark, tag, open a
//! hit in the reader, or go back. Undo, redo, help and quit work as anywhere else.

use super::{KwicView, key};
use crate::action::{Action, Effect, Motion};
use crate::keymap::{Command, Context};
use crate::kwic::{self, Order};
use crate::query::Scope;
use crate::state::{Pane, State};

/// Applies `action` to the open KWIC view; gives it back when it is not the view's to
/// handle (help, quit), for the caller's usual routing.
// The action goes back unchanged, by value, on the common path: boxing it would cost an
// allocation for every key the view does not handle.
#[allow(clippy::result_large_err)]
pub fn update(state: &mut State, action: Action) -> Result<Vec<Effect>, Action> {
    let height = state.kwic_height();
    let Some(view) = state.kwic.view.as_mut() else {
        return Err(action);
    };
    match action {
        Action::Move(m) => {
            move_cursor(view, m, height);
        }
        Action::Kwic | Action::Cancel => {
            state.kwic.open = false;
            state.message = None;
        }
        Action::KwicSort(order) => sort(state, order),
        Action::KwicCycleSort => {
            let next = match view.order {
                Order::Left => Order::Right,
                Order::Right => Order::Date,
                Order::Date => Order::Document,
                Order::Document => Order::Left,
            };
            sort(state, next);
        }
        Action::ToggleMark => {
            if let Some(hit) = view.current() {
                let k = key(hit);
                if !view.marks.remove(&k) {
                    view.marks.insert(k);
                }
                state.message = Some(format!("{} marked", view.marks.len()));
            }
        }
        Action::MarkAll => {
            let keys: Vec<_> = view.hits.iter().map(key).collect();
            view.marks.extend(keys);
            state.message = Some(format!("{} marked", view.marks.len()));
        }
        Action::Tag => return Ok(state.start_kwic_tag(Scope::Phrase)),
        Action::KwicTagSentences => return Ok(state.start_kwic_tag(Scope::Sentence)),
        Action::Open => open_hit(state),
        Action::Undo => return Ok(state.undo()),
        Action::Redo => return Ok(state.redo()),
        Action::Quit | Action::ToggleHelp => return Err(action),
        Action::Scroll { down, .. } => {
            move_cursor(view, if down { Motion::Down } else { Motion::Up }, height);
        }
        // Pane commands (statuses, triage, export…) do not apply to hits.
        _ => {}
    }
    Ok(Vec::new())
}

fn move_cursor(view: &mut KwicView, motion: Motion, height: usize) {
    let last = view.hits.len().saturating_sub(1);
    let page = height.max(1);
    view.selected = match motion {
        Motion::Down => (view.selected + 1).min(last),
        Motion::Up => view.selected.saturating_sub(1),
        Motion::Top => 0,
        Motion::Bottom => last,
        Motion::PageDown => (view.selected + page).min(last),
        Motion::PageUp => view.selected.saturating_sub(page),
        Motion::HalfDown => (view.selected + page / 2).min(last),
        Motion::HalfUp => view.selected.saturating_sub(page / 2),
    };
    view.keep_in_view(height);
}

/// Sorts the hits, keeping the cursor on its hit.
fn sort(state: &mut State, order: Order) {
    let height = state.kwic_height();
    let corpus = state.corpus.clone();
    let Some(view) = state.kwic.view.as_mut() else {
        return;
    };
    let here = view.current().map(key);
    kwic::sort(&mut view.hits, &corpus, order);
    view.order = order;
    view.selected = here
        .and_then(|k| view.hits.iter().position(|h| key(h) == k))
        .unwrap_or(0);
    view.offset = 0;
    view.keep_in_view(height);
    state.message = Some(format!("hits sorted by {}", order_name(order)));
}

/// How the title and the status line name an order.
pub fn order_name(order: Order) -> &'static str {
    match order {
        Order::Left => "the words left",
        Order::Right => "the words right",
        Order::Date => "date",
        Order::Document => "document",
    }
}

/// `Enter`: the hit's document in the reader, the cursor on the hit's sentence; the view
/// is put aside (`K` brings it back as it was).
fn open_hit(state: &mut State) {
    let Some(hit) = state.kwic.view.as_ref().and_then(|v| v.current().cloned()) else {
        return;
    };
    if !state.list.select_doc(hit.doc) {
        state.message = Some("the hit's document is no longer in the list".to_owned());
        return;
    }
    state.kwic.open = false;
    state.list.keep_in_view(state.list_height());
    state.focus = Pane::Reader;
    state.show_selected();
    state.relayout();
    state.reader.move_to_offset(hit.range.start);
    if let Some(search) = state.reader.search.as_mut()
        && let Some(i) = search.matches.iter().position(|m| *m == hit.range)
    {
        search.current = i;
    }
    let title = state
        .corpus
        .documents
        .get(hit.doc)
        .map(|d| crate::text::one_line(&d.meta.title))
        .unwrap_or_default();
    let back = state.key_hint(Context::Reader, Command::Kwic);
    state.message = Some(match back {
        Some(k) => format!("the hit in “{title}” · {k} back to the hits"),
        None => format!("the hit in “{title}”"),
    });
}
