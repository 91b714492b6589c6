//! The resolved schema: every type reference looked up, every flag condition tied to its
//! `#` parameter, constructors grouped under their boxed types. Language-neutral; the plan
//! and the printers work from it.
//!
//! [`resolve`] builds a [`Model`] from parsed files; [`attach`] adds the constructors of
//! older layers ([`compat`]); [`select`] narrows a model to what `only`/`exclude` pick.

mod attach;
pub mod boxing;
pub mod compat;
mod graph;
mod item;
pub mod nullable;
mod resolve;
pub mod select;

pub use attach::{attach, CompatSource};
pub use boxing::{BoxingDecision, BoxingRecord};
pub use compat::{Compat, CompatOutcome, CompatReader, Fate};
pub use graph::{param_text, type_text, Model};
pub use item::{layer_name, CtorId, Field, FieldKind, FlagBit, Item, ItemDoc, Ty, TypeDef, TypeId};
#[cfg(test)]
pub(crate) use resolve::resolved_for_test;
pub use resolve::{resolve, SourceFile, TRUE_ID};
pub use select::{Filter, FilterError, Selected};
