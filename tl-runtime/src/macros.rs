//! Macros for crates that use generated bindings.

/// Includes bindings that `tl_codegen::Config::generate` wrote into `OUT_DIR`.
///
/// `include_bindings!()` includes `tl.rs` (the default output name);
/// `include_bindings!("name.rs")` includes another file name.
///
/// ```ignore
/// pub mod tl {
///     tl_runtime::include_bindings!();
/// }
/// ```
#[macro_export]
macro_rules! include_bindings {
    () => {
        include!(concat!(env!("OUT_DIR"), "/tl.rs"));
    };
    ($file:literal) => {
        include!(concat!(env!("OUT_DIR"), "/", $file));
    };
}
