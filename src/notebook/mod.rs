//! The notebook: everything the analyst writes about a corpus, its changes, and (in its
//! submodules) anchoring, the RON format, the file and its lock, matching it to the
//! corpus, and the operations the command line and the screen share. It knows nothing
//! of the screen.

pub mod anchor;
pub mod conflict;
pub mod error;
pub mod file;
pub mod format;
pub mod model;
pub mod ops;
pub mod other;
pub mod reconcile;

pub use conflict::{Conflict, Side};
pub use error::NotebookError;
pub use file::{NotebookFile, SaveOutcome, default_path, load, with_locked};
pub use model::{
    Anchor, AnchorState, Change, DocRef, DocumentNotes, Highlight, Note, Notebook, Tag, TagError,
    TaggedBy,
};
pub use ops::{OpError, Stamp};
pub use other::{OtherError, load_other};
pub use reconcile::{Reconciliation, reconcile};
