//! What the analyst should know on opening, gathered before the first frame.

use crate::notebook::Reconciliation;

/// Anchors that moved or were lost, entries without documents, files skipped.
pub(super) fn message(report: &Reconciliation, warnings: usize) -> Option<String> {
    let mut parts = Vec::new();
    if report.moved > 0 {
        parts.push(format!("{} highlights moved", report.moved));
    }
    if report.changed > 0 {
        parts.push(format!(
            "{} highlights found with changed wording (dossier check)",
            report.changed
        ));
    }
    if report.orphaned > 0 {
        parts.push(format!(
            "{} highlights orphaned (dossier check lists them)",
            report.orphaned
        ));
    }
    if !report.missing.is_empty() {
        parts.push(format!(
            "{} notebook entries without their document",
            report.missing.len()
        ));
    }
    if warnings > 0 {
        parts.push(format!(
            "{warnings} files skipped or repaired (dossier check)"
        ));
    }
    (!parts.is_empty()).then(|| parts.join(" · "))
}
