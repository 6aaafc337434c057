//! Fresh ids for what an import adds.

use crate::notebook::{Notebook, Stamp};
use std::collections::HashSet;

/// Fresh note and highlight ids, none of them already in the notebook. The notebook's ids
/// are gathered once: an import adds thousands, and [`Notebook::has_id`] scans them all.
pub(super) struct Ids {
    taken: HashSet<String>,
    stamp: Stamp,
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
            stamp: Stamp::new(now),
        }
    }

    pub(super) fn fresh(&mut self) -> String {
        let taken = &self.taken;
        self.stamp.fresh_id_where(|id| taken.contains(id))
    }
}
