//! `project.qde`: a [`Project`](super::project::Project) as QDA-XML (`urn:QDA-XML:project:1.0`)
//! and back.
//!
//! Writing uses quick-xml's writer, which escapes every text and attribute (a `\r` or a
//! tab in an attribute survives as a character reference); reading uses roxmltree, a
//! strict parser that rejects what is not well-formed XML and gives the line and column of
//! every element for messages. Elements are matched by local name, so a file that forgets
//! its namespace still reads. The order of elements is the schema's, so the output
//! validates against `Project.xsd`; nothing here decides what a notebook means.

mod read;
mod write;

pub use read::read;
pub(crate) use read::{Reader, elements, parse};
pub use write::write;
pub(crate) use write::{write_codes, writer};

/// The project namespace.
pub const PROJECT_NS: &str = "urn:QDA-XML:project:1.0";
