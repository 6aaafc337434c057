//! Fresh ids for what an import adds.

use crate::notebook::Notebook;
use crate::notebook::model::new_id;
use std::collections::HashSet;

/// Fresh note and highlight ids, none of them already in the notebook.
pub(super) struct Ids {
    taken: HashSet<String>,
    millis: i64,
    sequence: u32,
}

impl Ids {
    pub(super) fn new(notebook: &Notebook, now: jiff::Timestamp) -> Ids {
        let taken = notebook
            .documents
            .values()
            .flat_map(|d| {
                let notes = d.notes.iter().map(|n| n.id.clone());
                notes.chain(d.highlights.iter().map(|h| h.id.clone()))
            })
            .collect();
        Ids {
            taken,
            millis: now.as_millisecond(),
            sequence: 0,
        }
    }

    pub(super) fn fresh(&mut self) -> String {
        loop {
            // Ids hold 20 bits of sequence; past that, borrow the next millisecond.
            if self.sequence >= 1 << 20 {
                self.millis += 1;
                self.sequence = 0;
            }
            let id = new_id(self.millis, self.sequence);
            self.sequence += 1;
            if self.taken.insert(id.clone()) {
                return id;
            }
        }
    }
}
