//! Rust code emission.

pub mod errors;
