#![deny(missing_docs)]
//! Generate Rust bindings from TL schemas: a struct per constructor, an enum per type, a
//! struct per function, exact TL serializers and deserializers, and documentation.
//!
//! The pipeline, one module per stage:
//! [`schema`] (text -> syntax tree) -> [`model`] (resolved; [`docs`] read beside it) ->
//! [`plan`] (every naming and layout decision, made once) -> [`print`](mod@print) (the code, from the
//! plan, laid out as text), with [`extension`]s adding what is not the bindings themselves
//! (the voice-call glue). [`Config`] runs it from `build.rs`, with the options of
//! [`options`]; the `tl-codegen` command (package `tl-codegen-cli`) runs it from a shell.
//!
//! Feature `json` (off by default) adds `json` (Telegram's JSON form of a schema) and `diff`,
//! which the command line uses; a build script needs neither.

mod config;
pub mod diagnostic;
#[cfg(feature = "json")]
pub mod diff;
pub mod docs;
pub mod extension;
mod files;
#[cfg(feature = "json")]
pub mod json;
pub mod model;
pub mod options;
mod parallel;
pub mod plan;
pub mod print;
pub mod schema;
mod words;

pub use config::{Config, Error, Generated};
