//! Saving the notebook and leaving: every change asks for a save of a new generation; the
//! writer thread answers with the generation it wrote ([`Written`]), and only the answer
//! for the newest generation makes the status bar say "saved". Quitting waits for the
//! saves under way, and a save that failed is asked about before leaving, never lost
//! silently.

use super::{Confirm, Pending, SaveState, State};
use crate::action::{Effect, Written};

impl State {
    /// Asks for a save of the notebook as it is now (a new generation).
    pub fn request_save(&mut self) -> Effect {
        self.save_generation += 1;
        self.save = SaveState::Saving;
        Effect::SaveNotebook
    }

    /// What the writer answered: "saved" once the newest generation is on disk (an older
    /// one's success leaves "saving…"); a failure is said at once. A quit that waited for
    /// the save goes on, or asks first when the save failed.
    pub fn notebook_written(&mut self, written: Written) -> Vec<Effect> {
        match written.result {
            Ok(()) if written.generation >= self.save_generation => {
                if self.save != SaveState::ReadOnly {
                    self.save = SaveState::Saved;
                }
            }
            Ok(()) => return Vec::new(),
            Err(e) => {
                self.message = Some(format!("could not save the notebook: {e}"));
                self.save = SaveState::Failed(e);
            }
        }
        if std::mem::take(&mut self.quit_when_saved) {
            return self.quit();
        }
        Vec::new()
    }

    /// `q`: leaves once the notebook is on disk. While a save is under way the quit waits
    /// for it; when the last save failed, the analyst is asked whether to lose the changes.
    pub fn quit(&mut self) -> Vec<Effect> {
        match &self.save {
            SaveState::Saving => {
                self.quit_when_saved = true;
                self.message = Some("saving the notebook, then quitting…".to_owned());
                Vec::new()
            }
            SaveState::Failed(e) => {
                self.confirm = Some(Confirm {
                    question: format!(
                        "The notebook could not be saved ({e}). Quit anyway and lose the unsaved changes?"
                    ),
                    on_yes: Pending::Quit,
                });
                Vec::new()
            }
            SaveState::Saved | SaveState::ReadOnly => vec![Effect::Quit],
        }
    }
}
