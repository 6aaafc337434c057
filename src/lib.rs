//! dossier: a keyboard-driven terminal reader and annotator for collections of statements.
//!
//! The library holds every part; `main.rs` only parses arguments and calls [`cli::run`].
//! Data flows one way: the [`store`] reads documents; the command line and the screen read
//! the store.

pub mod atomic;
pub mod cli;
pub mod config;
pub mod notebook;
pub mod query;
pub mod segment;
pub mod store;
pub mod synth;
pub mod text;
