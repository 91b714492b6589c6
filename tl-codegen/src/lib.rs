//! Generate Rust bindings from TL schemas: a struct per constructor, an enum per type, a
//! struct per function, exact TL serializers and deserializers, and documentation.
//!
//! The pipeline, one module per stage:
//! [`schema`] (text -> syntax tree) -> [`model`] (resolved, docs merged) -> [`emit`] (Rust).
//! [`Config`] runs it from `build.rs`; the `tl-codegen` binary runs it from a shell.

mod config;
pub mod diagnostic;
pub mod diff;
pub mod docs;
pub mod emit;
pub mod json;
pub mod model;
pub mod schema;

pub use config::{Config, Error, Generated};
