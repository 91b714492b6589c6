//! TL code generator.
pub mod diagnostic;
pub mod docs;
pub mod emit;
pub mod schema;
