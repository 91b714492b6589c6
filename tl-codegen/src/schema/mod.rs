//! Reading TL schema files: grammar, syntax tree and constructor ids.

pub mod ast;
pub mod id;
mod parse;

pub use parse::{parse_schema, MAX_TYPE_DEPTH};
