//! Reading TL schema files: grammar, syntax tree, constructor ids and doc comments.

pub mod ast;
pub mod doc_tags;
pub mod id;
#[rustfmt::skip] // laid out by prettyplease, as tests/suite/grammar.rs writes it
mod grammar;
mod parse;

pub use parse::{parse_schema, MAX_NESTING, MAX_TYPE_DEPTH};
