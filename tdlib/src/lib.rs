//! TDLib's `td_api` with its JSON form (`tl_codegen::Config::tdlib_json`), generated from
//! `build.rs` as a user's crate would have it, and talked to through
//! `tl_runtime::tdjson::client`. The tests run it against the real `libtdjson` of the shared
//! test material.
#![deny(missing_docs)]

pub use tl_runtime::tdjson::JsonError;
use tl_runtime::tdjson::{FromJson, ToJson};

/// The generated bindings.
pub mod td_api {
    tl_runtime::include_bindings!();
}

/// The schema the bindings were generated from.
pub const SCHEMA: &str = env!("TD_API_SCHEMA");

/// Whether the bindings are of TDLib 1.8.66's whole `td_api.tl` (from the shared material),
/// not the generator tests' excerpt.
pub fn is_full_td_api() -> bool {
    SCHEMA.ends_with("tdlib-1.8.66/td_api.tl")
}

/// A value read and written back.
#[derive(Debug, Clone, PartialEq)]
pub struct Reencoded {
    /// The JSON written.
    pub json: String,
    /// Whether the value holds an object of a `@type` the bindings do not know.
    pub holds_unknown: bool,
}

/// Reads `json` as a `T` and writes it back.
pub fn reencode_as<T: FromJson + ToJson + std::fmt::Debug>(
    json: &str,
) -> Result<Reencoded, JsonError> {
    let value = T::from_json(json)?;
    Ok(Reencoded {
        json: value.to_json(),
        // Every enum's unknown variant holds a `tdjson::UnknownObject`.
        holds_unknown: format!("{value:?}").contains("(UnknownObject {"),
    })
}

/// Every boxed type of the bindings by its TL name, for the tests.
pub mod by_type {
    include!(concat!(env!("OUT_DIR"), "/by_type.rs"));
}
