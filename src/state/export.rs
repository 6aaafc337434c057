//! `E`: export the documents the list shows, after asking for the file name; its extension
//! chooses the format (`.md`, `.qdpx`, `.qdc`, `.csv`, `.jsonld`; `Tab` cycles them).

use super::State;
use crate::action::Effect;
use crate::export::{ExportContext, count};
use crate::interchange::{ExportInput, Format};
use std::path::PathBuf;

impl State {
    /// The file name the export prompt proposes: `<corpus>-notes-<date>.md`.
    pub fn default_export_name(&self) -> String {
        let date = self.now.strftime("%Y-%m-%d");
        format!("{}-notes-{date}.md", self.corpus.name)
    }

    /// Exports the shown documents to `path` (relative to where dossier was started), in
    /// the format its extension names.
    pub fn export_to(&mut self, path: &str) -> Vec<Effect> {
        let path = path.trim();
        if path.is_empty() {
            self.message = Some("export: no file name given".to_owned());
            return Vec::new();
        }
        let format = Format::of_path(path);
        let docs: Vec<&crate::store::Document> = self
            .list
            .shown
            .iter()
            .filter_map(|&i| self.corpus.documents.get(i))
            .collect();
        let options = &self.settings.export;
        let counts = count(&docs, &self.notebook, options);
        if counts.documents == 0 && format != Format::Qdc {
            self.message =
                Some("export: none of the shown documents has notes, tags or a status".to_owned());
            return Vec::new();
        }
        let context = ExportContext {
            corpus: self.corpus.name.clone(),
            query: (!self.list.query.is_empty()).then(|| self.list.query.clone()),
            date: self.now.to_zoned_datetime(jiff::tz::TimeZone::UTC).date(),
        };
        let input = ExportInput {
            notebook: &self.notebook,
            docs: &docs,
            options,
            context: &context,
            crlf: false,
        };
        let exported = match crate::interchange::export(format, &input) {
            Ok(exported) => exported,
            Err(e) => {
                self.message = Some(format!("export: {e}"));
                return Vec::new();
            }
        };
        self.message = Some(format!(
            "exporting {}…",
            crate::text::count(counts.documents, "document", "documents")
        ));
        vec![Effect::WriteExport {
            path: PathBuf::from(path),
            bytes: exported.bytes,
            documents: exported.documents,
        }]
    }
}
