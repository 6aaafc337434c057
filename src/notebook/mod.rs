//! The notebook: everything the analyst writes about a corpus, its changes, and (in its
//! submodules) anchoring and persistence. It knows nothing of the screen.

pub mod model;

pub use model::{
    Anchor, AnchorState, Change, DocRef, DocumentNotes, Highlight, Note, Notebook, Tag, TagError,
};
