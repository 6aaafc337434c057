//! dossier: a keyboard-driven terminal reader and annotator for collections of statements.
//!
//! The library holds every part; `main.rs` only parses arguments and calls [`cli::run`].
//! Data flows one way: the [`store`] reads documents; the command line and the screen read
//! the store.

pub mod action;
pub mod app;
pub mod atomic;
pub mod charts_worker;
pub mod cli;
pub mod config;
pub mod describe;
pub mod export;
pub mod interchange;
pub mod keymap;
pub mod kwic;
pub mod notebook;
pub mod order;
pub mod query;
pub mod segment;
pub mod state;
pub mod stats;
pub mod store;
pub mod synth;
pub mod team;
pub mod terminal;
pub mod text;
pub mod theme;
pub mod ui;
pub mod wordindex;
pub mod words;
pub mod worker;
pub mod writer;
