//! Generate Rust bindings from TL schemas: a struct per constructor, an enum per type, a
//! struct per function, exact TL serializers and deserializers, and documentation.
//!
//! The pipeline, one module per stage:
//! [`schema`] (text -> syntax tree) -> [`model`] (resolved, docs merged) -> [`emit`] (Rust).
//! [`Config`] runs it from `build.rs`; the `tl-codegen` command (package `tl-codegen-cli`)
//! runs it from a shell.
//!
//! Feature `json` (off by default) adds `json` (Telegram's JSON form of a schema) and `diff`,
//! which the command line uses; a build script needs neither.

mod config;
pub mod diagnostic;
#[cfg(feature = "json")]
pub mod diff;
pub mod docs;
pub mod emit;
#[cfg(feature = "json")]
pub mod json;
pub mod model;
pub mod schema;

pub use config::{Config, Error, Generated};
