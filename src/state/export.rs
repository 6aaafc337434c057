//! `E`: export the documents the list shows to Markdown, after asking for the file name.

use super::State;
use crate::action::Effect;
use crate::export::{ExportContext, count, export};
use std::path::PathBuf;

impl State {
    /// The file name the export prompt proposes: `<corpus>-notes-<date>.md`.
    pub fn default_export_name(&self) -> String {
        let date = self.now.strftime("%Y-%m-%d");
        format!("{}-notes-{date}.md", self.corpus.name)
    }

    /// Exports the shown documents to `path` (relative to where dossier was started).
    pub fn export_to(&mut self, path: &str) -> Vec<Effect> {
        let path = path.trim();
        if path.is_empty() {
            self.message = Some("export: no file name given".to_owned());
            return Vec::new();
        }
        let docs: Vec<&crate::store::Document> = self
            .list
            .shown
            .iter()
            .filter_map(|&i| self.corpus.documents.get(i))
            .collect();
        let options = &self.settings.export;
        let counts = count(&docs, &self.notebook, options);
        if counts.documents == 0 {
            self.message =
                Some("export: none of the shown documents has notes, tags or a status".to_owned());
            return Vec::new();
        }
        let context = ExportContext {
            corpus: self.corpus.name.clone(),
            query: (!self.list.query.is_empty()).then(|| self.list.query.clone()),
            date: self.now.to_zoned_datetime(jiff::tz::TimeZone::UTC).date(),
        };
        let markdown = export(&docs, &self.notebook, options, &context);
        self.message = Some(format!(
            "exporting {}…",
            crate::text::count(counts.documents, "document", "documents")
        ));
        vec![Effect::WriteExport {
            path: PathBuf::from(path),
            markdown,
            documents: counts.documents,
        }]
    }
}
