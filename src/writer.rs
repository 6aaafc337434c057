//! Notebook saves off the screen's thread: the writer owns the [`NotebookFile`] and writes
//! the snapshots it is sent, in order and atomically (as [`NotebookFile::save`] does), so a
//! large notebook's save never holds the next key. Snapshots that queue up while a save is
//! under way are coalesced to the newest, which holds every change of the older ones.
//! Each save's outcome comes back as [`Action::NotebookWritten`]; dropping the writer
//! waits for the saves still queued, so no change is lost on the way out.

use crate::action::{Action, Written};
use crate::notebook::{Notebook, NotebookFile};
use std::sync::Arc;
use std::sync::mpsc::{Receiver, Sender, channel};
use std::thread::JoinHandle;

/// A notebook to write, and the save generation it answers.
struct Snapshot {
    generation: u64,
    notebook: Arc<Notebook>,
}

/// The writer thread; outcomes come back as actions.
pub struct Writer {
    snapshots: Option<Sender<Snapshot>>,
    results: Receiver<Action>,
    thread: Option<JoinHandle<()>>,
}

impl Writer {
    /// Starts the thread that writes `file`.
    pub fn start(mut file: NotebookFile) -> Writer {
        let (snapshots, inbox) = channel::<Snapshot>();
        let (outbox, results) = channel::<Action>();
        let thread = std::thread::spawn(move || {
            while let Ok(mut next) = inbox.recv() {
                // Only the newest snapshot waiting is written: it holds every older change.
                while let Ok(newer) = inbox.try_recv() {
                    next = newer;
                }
                let result = file
                    .save(&next.notebook)
                    .map(|_| ())
                    .map_err(|e| e.to_string());
                let written = Written {
                    generation: next.generation,
                    result,
                };
                if outbox.send(Action::NotebookWritten(written)).is_err() {
                    break;
                }
            }
        });
        Writer {
            snapshots: Some(snapshots),
            results,
            thread: Some(thread),
        }
    }

    /// Queues a snapshot of the notebook for writing, answering save `generation`.
    pub fn save(&self, generation: u64, notebook: Arc<Notebook>) {
        if let Some(snapshots) = &self.snapshots {
            // A writer thread that is gone has answered its last save already (a panic
            // aside); there is nothing better to do with the snapshot.
            let _ = snapshots.send(Snapshot {
                generation,
                notebook,
            });
        }
    }

    /// Outcomes that arrived, without waiting.
    pub fn results(&self) -> Vec<Action> {
        self.results.try_iter().collect()
    }

    /// Waits for every queued save to be written and returns the outcomes not yet taken.
    pub fn finish(&mut self) -> Vec<Action> {
        // Closing the channel ends the thread once it has written what is queued.
        self.snapshots = None;
        if let Some(thread) = self.thread.take()
            && thread.join().is_err()
        {
            let panicked = Written {
                generation: u64::MAX,
                result: Err("the notebook writer stopped unexpectedly".to_owned()),
            };
            let mut out = self.results();
            out.push(Action::NotebookWritten(panicked));
            return out;
        }
        self.results()
    }
}

impl Drop for Writer {
    /// Leaving (even on an error) waits for the queued saves; a failure nobody took is
    /// said on stderr, the terminal being restored by then, so it is never silent.
    fn drop(&mut self) {
        for action in self.finish() {
            if let Action::NotebookWritten(Written { result: Err(e), .. }) = action {
                eprintln!("dossier: could not save the notebook: {e}");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::notebook::DocumentNotes;

    fn notebook(status: &str) -> Arc<Notebook> {
        let mut nb = Notebook::new("c");
        let mut entry = DocumentNotes::new("id", "T");
        entry.status = Some(status.to_owned());
        nb.documents.insert("a.txt".into(), entry);
        Arc::new(nb)
    }

    #[test]
    fn writes_in_order_and_the_newest_is_on_disk() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("n.ron");
        let (file, _) = NotebookFile::open(&path, "c").unwrap();
        let mut writer = Writer::start(file);
        for (g, status) in (1..=20).zip((0..20).map(|i| format!("s{i}"))) {
            writer.save(g, notebook(&status));
        }
        let results = writer.finish();
        let generations: Vec<u64> = results
            .iter()
            .map(|a| match a {
                Action::NotebookWritten(w) => {
                    assert_eq!(w.result, Ok(()));
                    w.generation
                }
                other => panic!("{other:?}"),
            })
            .collect();
        assert!(generations.windows(2).all(|w| w[0] < w[1]), "in order");
        assert_eq!(generations.last(), Some(&20), "the last one is written");
        let back = crate::notebook::file::load(&path, "c").unwrap();
        assert_eq!(back.documents["a.txt"].status.as_deref(), Some("s19"));
    }

    #[test]
    fn a_failed_save_comes_back_with_its_error() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("n.ron");
        let (file, _) = NotebookFile::open(&path, "c").unwrap();
        // The notebook's path becomes a folder: the rename over it fails.
        std::fs::create_dir(&path).unwrap();
        std::fs::write(path.join("x"), "keep the folder non-empty").unwrap();
        let mut writer = Writer::start(file);
        writer.save(1, notebook("s"));
        let results = writer.finish();
        match results.as_slice() {
            [Action::NotebookWritten(w)] => {
                assert_eq!(w.generation, 1);
                assert!(w.result.is_err(), "{w:?}");
            }
            other => panic!("{other:?}"),
        }
    }
}
