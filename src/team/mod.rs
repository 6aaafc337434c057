//! Teamwork (SPEC §12): who is coding, merging two analysts' notebooks the way git merges
//! text (but by id, and never with conflict markers), and how far two coders agree. Plain
//! library code over notebooks and texts: it reads no file, runs no program and knows
//! nothing of the screen; the command line and the UI call it.

pub mod agree;
pub mod coder;
pub mod coding;
pub mod merge;
pub mod passages;
mod three_way;
pub mod units;
